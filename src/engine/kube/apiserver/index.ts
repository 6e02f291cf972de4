/**
 * The cluster's API server (store, verbs, admission, allocators, watch) and the control-plane loops
 * that keep it consistent (garbage collector, namespace controller, default ServiceAccounts).
 */
export { ApiServer, NAME_ALPHABET, OPTIMISTIC_LOCK_MSG, SA_TOKEN_MOUNT, alreadyExists, conflict, forbidden, notFound, type ApiServerDeps, type ApiServerState, type DeleteResult, type StoreChange } from './apiserver';
export { ClusterIpAllocator, NodePortAllocator, SERVICE_CIDR, intToIp, ipToInt } from './allocators';
export { ControlPlaneLoops, NAMESPACE_SYNC_DELAY_MS, bootstrapCluster, publishNamespaceDefaults, type BootstrapOptions } from './controllers';
export { jsonPatch, mergePatch, strategicMergePatch } from './patch';
export { RESOURCES, apiVersionOf, discoveryLists, findResource, qualifiedResource, resolveResourceName, resourceForKind, type ApiResource, type ApiResourceList, type Gvr, type ResourceInfo } from './resources';
export { labelSelectorMatches, parseFieldSelector, parseLabelSelector, type LabelRequirement, type LabelSelector } from './selectors';
export type * from './types';
