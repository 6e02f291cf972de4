/**
 * Small helpers the controllers share: resource handles, typed views of the JSON objects, pod
 * readiness and availability (k8s.io/kubernetes pkg/api/v1/pod/util.go), controller references
 * (metav1.NewControllerRef / GetControllerOf), and intstr scaling (GetScaledValueFromIntOrPercent).
 */
import { selectorMatches } from '../api';
import type { ApiServer, Gvr, KubeObject, OwnerReference } from '../apiserver';
import { ownerKey, selfKey } from './queue';

export type Obj = Record<string, unknown>;

export const PODS: Gvr = { group: '', version: 'v1', resource: 'pods' };
export const NODES: Gvr = { group: '', version: 'v1', resource: 'nodes' };
export const SERVICES: Gvr = { group: '', version: 'v1', resource: 'services' };
export const ENDPOINTS: Gvr = { group: '', version: 'v1', resource: 'endpoints' };
export const EVENTS: Gvr = { group: '', version: 'v1', resource: 'events' };
export const EVENTS_V1: Gvr = { group: 'events.k8s.io', version: 'v1', resource: 'events' };
export const PVCS: Gvr = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
export const PVS: Gvr = { group: '', version: 'v1', resource: 'persistentvolumes' };
export const STORAGE_CLASSES: Gvr = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' };
export const DEPLOYMENTS: Gvr = { group: 'apps', version: 'v1', resource: 'deployments' };
export const REPLICASETS: Gvr = { group: 'apps', version: 'v1', resource: 'replicasets' };
export const JOBS: Gvr = { group: 'batch', version: 'v1', resource: 'jobs' };
export const ENDPOINT_SLICES: Gvr = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const o = (v: unknown): Obj => (isObj(v) ? v : {});
export const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const num = (v: unknown, d = 0): number => (typeof v === 'number' ? v : d);

/** A deep, writable copy of a (frozen) stored object. */
export function copy<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

export const nsName = (obj: KubeObject): string => `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}

/** RFC 3339 at second precision, as metav1.Time marshals. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 3339 with microseconds, as metav1.MicroTime marshals. */
export function rfc3339Micro(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function parseTime(t: unknown): number {
  const n = typeof t === 'string' ? Date.parse(t) : NaN;
  return Number.isNaN(n) ? 0 : n;
}

// ------------------------------------------------------------------ owner references

export function controllerRef(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return (obj.metadata.ownerReferences ?? []).find((r) => r.controller === true);
}

export function isControlledBy(obj: KubeObject, owner: KubeObject): boolean {
  return controllerOf(obj)?.uid === owner.metadata.uid;
}

export function labelsOf(obj: KubeObject): Record<string, string> {
  return obj.metadata.labels ?? {};
}

export function selects(selector: unknown, obj: KubeObject): boolean {
  return selectorMatches(selector, labelsOf(obj));
}

// ------------------------------------------------------------------ pods

export function podPhase(pod: KubeObject): string {
  return str(o(pod.status).phase);
}

export function podCondition(pod: KubeObject, type: string): Obj | undefined {
  return arr(o(pod.status).conditions).find((c) => c.type === type);
}

export function isPodReady(pod: KubeObject): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/** IsPodAvailable: ready for at least minReadySeconds. */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  const c = podCondition(pod, 'Ready');
  if (!c || c.status !== 'True') return false;
  if (minReadySeconds === 0) return true;
  const since = parseTime(c.lastTransitionTime);
  return since !== 0 && since + minReadySeconds * 1000 < now;
}

/** When a ready pod becomes available (ms), for requeueing. */
export function availableAt(pod: KubeObject, minReadySeconds: number): number | undefined {
  const c = podCondition(pod, 'Ready');
  if (!c || c.status !== 'True' || minReadySeconds === 0) return undefined;
  return parseTime(c.lastTransitionTime) + minReadySeconds * 1000 + 1;
}

/** controller.IsPodActive: not Succeeded, not Failed, not being deleted. */
export function isPodActive(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

export function isPodTerminal(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase === 'Succeeded' || phase === 'Failed';
}

// ------------------------------------------------------------------ intstr

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const m = /^(\d+)%$/.exec(v);
    if (m) {
      const x = (Number(m[1]) * total) / 100;
      return roundUp ? Math.ceil(x) : Math.floor(x);
    }
    const n = Number(v);
    if (/^\d+$/.test(v)) return n;
  }
  return 0;
}

function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (isObj(v)) {
    const out: Obj = {};
    for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[k] = canon(v[k]);
    return out;
  }
  return v;
}

/** Deep equality of JSON values, whatever their key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

/**
 * The keys to reconcile when `obj` changes: its controller of `kind`, or, for an orphan, every
 * object of `owners` in its namespace whose selector matches it (each may adopt it).
 */
export function ownerOrAdopterKeys(api: ApiServer, obj: KubeObject, kind: string, owners: Gvr): string[] {
  const owner = ownerKey(obj, kind);
  if (owner.length || controllerOf(obj)) return owner;
  const l = api.list(owners, obj.metadata.namespace ?? '');
  return l.ok ? l.value.items.filter((x) => selects((x.spec as { selector?: unknown } | undefined)?.selector, obj)).map((x) => selfKey(x)[0]!) : [];
}
