/**
 * kube-controller-manager's controllers for the simulated cluster: ReplicaSet, Deployment, Job,
 * Endpoints, EndpointSlice, the PersistentVolume binder, minikube's hostPath provisioner, and the
 * ControllerManager that runs them (with the scheduler) over one API server.
 */
export { ControllerManager, type ControllerManagerOptions } from './manager';
export { Controller, ownerKey, selfKey, type ControllerContext, type ReconcileResult, type WatchSpec } from './queue';
export { EventRecorder, objectReference, recordEventV1, uniqueEventName } from './events';
export { ReplicaSetController, podFromTemplate, rankPodsForDeletion } from './replicaset';
export {
  DESIRED_REPLICAS_ANNOTATION,
  DeploymentController,
  MAX_REPLICAS_ANNOTATION,
  POD_TEMPLATE_HASH_LABEL,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  equalIgnoreHash,
  maxSurge,
  maxUnavailable,
  rollbackPlan,
  type RollbackPlan,
} from './deployment';
export { JOB_TRACKING_FINALIZER, JobController } from './job';
export { EndpointSliceController, EndpointsController, MANAGED_BY, findPort } from './endpoints';
export { HOSTPATH_ROOT, HostPathProvisioner, MINIKUBE_PROVISIONER, PersistentVolumeController } from './volumes';
export { SAFE_ALPHANUMS, computeHash, safeEncodeString, spewPodTemplate } from './gotypes';
