/**
 * Plain Kubernetes objects as the API server returns them (parsed JSON), with the few typed reads
 * the printers need. Nothing here throws on a malformed object: a missing field reads as absent.
 */

export type KubeObject = Record<string, unknown>;

export function field(obj: unknown, ...path: (string | number)[]): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const rec = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
export function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(rec(v))) if (typeof x === 'string') out[k] = x;
  return out;
}

export const nameOf = (o: unknown) => str(field(o, 'metadata', 'name'));
export const namespaceOf = (o: unknown) => str(field(o, 'metadata', 'namespace'));
export const labelsOf = (o: unknown) => strMap(field(o, 'metadata', 'labels'));
export const kindOf = (o: unknown) => str(field(o, 'kind'));

/** The API group of an object's apiVersion ("apps/v1" → "apps", "v1" → ""). */
export function groupOf(o: unknown): string {
  const av = str(field(o, 'apiVersion'));
  const i = av.indexOf('/');
  return i < 0 ? '' : av.slice(0, i);
}

/** A metav1.Time / MicroTime string as ms since the epoch, or undefined for a zero/missing time. */
export function timeOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string' || v === '') return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/** apimachinery labels.FormatLabels: sorted `k=v` joined by ",", `<none>` when empty. */
export function formatLabels(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels[k] ?? ''}`).join(',');
}

/** Cluster-scoped kinds among those Dockyard prints (everything else is namespaced). */
const CLUSTER_SCOPED = new Set(['Node', 'Namespace', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'ComponentStatus', 'PriorityClass', 'CustomResourceDefinition', 'APIService', 'IngressClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'RuntimeClass', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);

export function isNamespacedKind(kind: string): boolean {
  return !CLUSTER_SCOPED.has(kind);
}

/** `kind[.group]` in lower case, as kubectl prefixes names (`pod/web`, `deployment.apps/web`). */
export function kindPrefix(o: unknown): string {
  const g = groupOf(o);
  const k = kindOf(o).toLowerCase();
  return g ? `${k}.${g}` : k;
}
