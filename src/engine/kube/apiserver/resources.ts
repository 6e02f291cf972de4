/**
 * The resources this API server serves, as discovery reports them (Kubernetes v1.33, minikube's
 * default feature set): REST names, singular names, short names, scope, verbs, categories, plus the
 * server-side facts the store needs per resource (garbage-collection default, whether it has a
 * generation, which field selectors its conversion accepts, its subresources).
 */

export interface Gvr {
  group: string;
  version: string;
  resource: string;
}

export interface ResourceInfo extends Gvr {
  kind: string;
  singular: string;
  namespaced: boolean;
  shortNames: readonly string[];
  verbs: readonly string[];
  categories: readonly string[];
  subresources: readonly string[];
  /** What deleting an owner does to its dependents when the request names no policy. */
  gcDefault: 'background' | 'orphan';
  /** metadata.generation is kept (1 on create, +1 on each spec change). */
  generation: boolean;
  /** Field selector labels beyond metadata.name/metadata.namespace (core/v1 conversion funcs). */
  fieldLabels?: readonly string[];
  /** The resource whose objects this one shows (events.k8s.io events are core events). */
  storedAs?: string;
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;

function r(group: string, resource: string, kind: string, singular: string, namespaced: boolean, extra: Partial<ResourceInfo> = {}): ResourceInfo {
  return {
    group,
    version: 'v1',
    resource,
    kind,
    singular,
    namespaced,
    shortNames: [],
    verbs: ALL_VERBS,
    categories: [],
    subresources: [],
    gcDefault: 'background',
    generation: false,
    ...extra,
  };
}

/** In discovery order (groups as /apis lists them, resources sorted within a group version). */
export const RESOURCES: readonly ResourceInfo[] = [
  r('', 'configmaps', 'ConfigMap', 'configmap', true, { shortNames: ['cm'] }),
  r('', 'endpoints', 'Endpoints', 'endpoints', true, { shortNames: ['ep'] }),
  r('', 'events', 'Event', 'event', true, {
    shortNames: ['ev'],
    fieldLabels: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  }),
  r('', 'namespaces', 'Namespace', 'namespace', false, { shortNames: ['ns'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], subresources: ['finalize', 'status'], fieldLabels: ['status.phase'] }),
  r('', 'nodes', 'Node', 'node', false, { shortNames: ['no'], subresources: ['status'], fieldLabels: ['spec.unschedulable'] }),
  r('', 'persistentvolumeclaims', 'PersistentVolumeClaim', 'persistentvolumeclaim', true, { shortNames: ['pvc'], subresources: ['status'] }),
  r('', 'persistentvolumes', 'PersistentVolume', 'persistentvolume', false, { shortNames: ['pv'], subresources: ['status'] }),
  r('', 'pods', 'Pod', 'pod', true, {
    shortNames: ['po'],
    categories: ['all'],
    subresources: ['binding', 'status'],
    generation: true,
    fieldLabels: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
  }),
  r('', 'secrets', 'Secret', 'secret', true, { fieldLabels: ['type'] }),
  r('', 'serviceaccounts', 'ServiceAccount', 'serviceaccount', true, { shortNames: ['sa'] }),
  r('', 'services', 'Service', 'service', true, { shortNames: ['svc'], categories: ['all'], subresources: ['status'], fieldLabels: ['spec.clusterIP', 'spec.type'] }),
  r('apps', 'deployments', 'Deployment', 'deployment', true, { shortNames: ['deploy'], categories: ['all'], subresources: ['scale', 'status'], generation: true }),
  r('apps', 'replicasets', 'ReplicaSet', 'replicaset', true, { shortNames: ['rs'], categories: ['all'], subresources: ['scale', 'status'], generation: true, fieldLabels: ['status.replicas'] }),
  r('batch', 'jobs', 'Job', 'job', true, { categories: ['all'], subresources: ['status'], generation: true, gcDefault: 'orphan', fieldLabels: ['status.successful'] }),
  r('coordination.k8s.io', 'leases', 'Lease', 'lease', true),
  r('discovery.k8s.io', 'endpointslices', 'EndpointSlice', 'endpointslice', true),
  r('events.k8s.io', 'events', 'Event', 'event', true, { shortNames: ['ev'], storedAs: '/events' }),
  r('storage.k8s.io', 'storageclasses', 'StorageClass', 'storageclass', false, { shortNames: ['sc'] }),
];

/** "group/resource", the store's key for a resource ("/pods", "apps/deployments"). */
export function resourceKey(g: { group: string; resource: string }): string {
  return `${g.group}/${g.resource}`;
}

/** schema.GroupResource.String(): "pods", "deployments.apps". */
export function qualifiedResource(g: { group: string; resource: string }): string {
  return g.group ? `${g.resource}.${g.group}` : g.resource;
}

export function apiVersionOf(g: { group: string; version: string }): string {
  return g.group ? `${g.group}/${g.version}` : g.version;
}

const BY_KEY = new Map(RESOURCES.map((x) => [resourceKey(x), x]));

/** The served resource for a group/version/resource, if any. */
export function findResource(gvr: Gvr): ResourceInfo | undefined {
  const info = BY_KEY.get(resourceKey(gvr));
  return info && info.version === gvr.version ? info : undefined;
}

/** The resource that serves apiVersion/kind (the preferred one for a kind served twice, core Event). */
export function resourceForKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  return RESOURCES.find((x) => apiVersionOf(x) === apiVersion && x.kind === kind);
}

/**
 * What kubectl's RESTMapper does with a typed resource name: plural, singular, kind or short name,
 * optionally qualified ("deployments.apps", "deploy.v1.apps"). Core resources win over others.
 */
export function resolveResourceName(arg: string): ResourceInfo | undefined {
  const lower = arg.toLowerCase();
  const candidates: { name: string; group: string; version?: string }[] = [{ name: lower, group: '' }];
  const dot = lower.indexOf('.');
  if (dot > 0) {
    const name = lower.slice(0, dot);
    const rest = lower.slice(dot + 1);
    candidates.push({ name, group: rest });
    const dot2 = rest.indexOf('.');
    if (dot2 > 0) candidates.push({ name, version: rest.slice(0, dot2), group: rest.slice(dot2 + 1) });
  }
  for (const c of candidates) {
    const matches = RESOURCES.filter(
      (x) => (x.resource === c.name || x.singular === c.name || x.kind.toLowerCase() === c.name || x.shortNames.includes(c.name)) && (c === candidates[0] || x.group === c.group) && (c.version === undefined || x.version === c.version),
    );
    if (matches.length) return matches.find((x) => x.group === '') ?? matches[0];
  }
  return undefined;
}

export interface ApiResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
}

export interface ApiResourceList {
  kind: 'APIResourceList';
  apiVersion: 'v1';
  groupVersion: string;
  resources: ApiResource[];
}

/** /api/v1 and /apis/<group>/<version> as the server answers them, in /apis order. */
export function discoveryLists(): ApiResourceList[] {
  const lists = new Map<string, ApiResourceList>();
  for (const x of RESOURCES) {
    const gv = apiVersionOf(x);
    let list = lists.get(gv);
    if (!list) {
      list = { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources: [] };
      lists.set(gv, list);
    }
    list.resources.push({
      name: x.resource,
      singularName: x.singular,
      namespaced: x.namespaced,
      kind: x.kind,
      verbs: [...x.verbs],
      ...(x.shortNames.length ? { shortNames: [...x.shortNames] } : {}),
      ...(x.categories.length ? { categories: [...x.categories] } : {}),
    });
    for (const sub of x.subresources) {
      const verbs = sub === 'binding' ? ['create'] : sub === 'finalize' ? ['update'] : ['get', 'patch', 'update'];
      const kind = sub === 'scale' ? 'Scale' : sub === 'binding' ? 'Binding' : x.kind;
      list.resources.push({ name: `${x.resource}/${sub}`, singularName: '', namespaced: x.namespaced, kind, verbs });
    }
  }
  for (const list of lists.values()) list.resources.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...lists.values()];
}
