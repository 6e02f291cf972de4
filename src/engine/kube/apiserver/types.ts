/** The shapes the API server hands out: objects, lists, watch events, options and Status failures. */
import type { Status } from '../api';
import type { LabelSelector } from './selectors';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
}

/**
 * A stored object: plain JSON. Objects the server returns are deep-frozen and shared with its store
 * (and with forks and snapshots): copy before editing (`structuredClone(obj)`).
 */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface KubeList {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string };
  items: KubeObject[];
}

/**
 * A Status failure. Same shape as src/engine/kube/api's Status, with the reasons that module's union
 * lacks (Expired for a too old resourceVersion, MethodNotAllowed, InternalError).
 */
export type ApiStatus = Omit<Status, 'reason'> & { reason: Status['reason'] | 'Expired' | 'MethodNotAllowed' | 'InternalError' | 'Gone' };

export type ApiResult<T> = { ok: true; value: T; warnings?: string[] } | { ok: false; status: ApiStatus };

export interface ListOptions {
  /** A selector string (parsed as the API server parses it) or an already parsed selector. */
  labelSelector?: string | LabelSelector;
  fieldSelector?: string;
}

export interface WatchOptions extends ListOptions {
  /** "" or "0": synthetic ADDED events for what exists, then changes; "N": changes after N. */
  resourceVersion?: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject;
}

export interface WriteOptions {
  dryRun?: boolean;
  /** fieldValidation: Strict (kubectl's default), Warn (the server's default) or Ignore. */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  fieldManager?: string;
}

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export type PatchType = 'strategic' | 'merge' | 'json' | 'apply';

export interface Scale {
  apiVersion: 'autoscaling/v1';
  kind: 'Scale';
  metadata: ObjectMeta;
  spec: { replicas: number };
  status: { replicas: number; selector?: string };
}
