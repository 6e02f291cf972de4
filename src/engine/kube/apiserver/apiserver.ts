/**
 * The cluster's API server: the store (etcd's role: objects by resource, namespace and name, one
 * global revision), the REST verbs with the Status errors k8s.io/apiserver answers with (v1.33:
 * pkg/registry/generic/registry/store.go, pkg/registry/rest/{create,update,delete}.go,
 * pkg/endpoints/handlers), admission (NamespaceLifecycle, ServiceAccount, DefaultStorageClass; the
 * defaulting plugins are in ../api/defaults), the Service allocators, and watch.
 *
 * Pure and deterministic: times come from the Clock, uids and generated names from the IdGen, and
 * watch events are delivered through the Clock (scheduled at "now", so they arrive on the next settle,
 * never inside the call that caused them). Stored objects are deep-frozen plain JSON, shared between
 * the store, the objects handed out, snapshots and forks (a fork copies a resource's map only when it
 * first writes to it).
 *
 * The control-plane loops that keep the store consistent (garbage collector, namespace controller,
 * service-account and root-CA publishers) live in ./controllers and talk to this class through its
 * public verbs only.
 */
import type { Clock } from '../../core/clock';
import { Emitter, toDisposable, type IDisposable } from '../../core/events';
import { goQuote } from '../../core/gotext';
import type { IdGen } from '../../core/ids';
import { applyDefaults, badRequest, decodeObject, formatInvalid, kindDef, kindGroup, validateCreate, validateNodePorts, validateUpdate, type FieldError, type Status } from '../api';
import { ClusterIpAllocator, NodePortAllocator, SERVICE_CIDR } from './allocators';
import { jsonPatch, mergePatch, strategicMergePatch, type Json } from './patch';
import { apiVersionOf, discoveryLists, findResource, qualifiedResource, resourceKey, RESOURCES, type ApiResourceList, type Gvr, type ResourceInfo } from './resources';
import { fieldSelectorMatches, labelSelectorMatches, parseFieldSelector, parseLabelSelector, type FieldTerm, type LabelSelector } from './selectors';
import type { ApiResult, ApiStatus, DeleteOptions, KubeList, KubeObject, ListOptions, ObjectMeta, PatchType, Scale, WatchEvent, WatchOptions, WriteOptions } from './types';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const o = (v: unknown): Obj => (isObj(v) ? v : {});
const s = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The five characters names.SimpleNameGenerator appends (utilrand.String's alphabet). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const MAX_GENERATED_NAME_LENGTH = 58;
/** Watch events kept for watches that resume from a resourceVersion (the watch cache's window). */
const HISTORY = 4096;

export const OPTIMISTIC_LOCK_MSG = 'the object has been modified; please apply your changes to the latest version and try again';
export const IMMORTAL_NAMESPACES = ['default', 'kube-system', 'kube-public'];
export const SA_TOKEN_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface ApiServerDeps {
  readonly clock: Clock;
  readonly ids: IdGen;
  readonly serviceCidr?: string;
}

export interface ApiServerState {
  readonly format: 1;
  /** The last revision handed out. */
  readonly revision: number;
  /** Objects by resource key ("/pods", "apps/deployments"), in key order. */
  readonly objects: Readonly<Record<string, readonly KubeObject[]>>;
}

export interface DeleteResult {
  /** The object as it now is (deletionTimestamp set) or as it was when removed. */
  object: KubeObject;
  /** Removed from the store now (false: it waits for a grace period or finalizers). */
  removed: boolean;
}

/** A committed change, for the control-plane loops and anyone who needs every write synchronously. */
export interface StoreChange {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resource: ResourceInfo;
  object: KubeObject;
  previous?: KubeObject;
}

interface Watcher {
  rk: string;
  info: ResourceInfo;
  ns: string;
  label: LabelSelector | null;
  fields: FieldTerm[];
  listener: (e: WatchEvent) => void;
  queue: WatchEvent[];
  open: boolean;
}

interface HistoryEntry {
  rv: number;
  rk: string;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
  previous?: KubeObject;
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Obj)[k]);
  }
  return v;
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
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
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

const objKey = (ns: string, name: string): string => `${ns}/${name}`;

// ------------------------------------------------------------------ Status builders

function status(code: number, reason: ApiStatus['reason'], message: string, details?: ApiStatus['details']): ApiStatus {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

function grDetails(info: Gvr, name: string): ApiStatus['details'] {
  return { name, ...(info.group ? { group: info.group } : {}), kind: info.resource };
}

export function notFound(info: Gvr, name: string): ApiStatus {
  return status(404, 'NotFound', `${qualifiedResource(info)} ${goQuote(name)} not found`, grDetails(info, name));
}

export function alreadyExists(info: Gvr, name: string): ApiStatus {
  return status(409, 'AlreadyExists', `${qualifiedResource(info)} ${goQuote(name)} already exists`, grDetails(info, name));
}

export function conflict(info: Gvr, name: string, why: string): ApiStatus {
  return status(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(info)} ${goQuote(name)}: ${why}`, grDetails(info, name));
}

export function forbidden(info: Gvr, name: string, why: string): ApiStatus {
  const qr = qualifiedResource(info);
  const message = name === '' ? `${qr} is forbidden: ${why}` : `${qr} ${goQuote(name)} is forbidden: ${why}`;
  return status(403, 'Forbidden', message, grDetails(info, name));
}

function methodNotSupported(info: Gvr, action: string): ApiStatus {
  return status(405, 'MethodNotAllowed', `${action} is not supported on resources of kind ${goQuote(qualifiedResource(info))}`, { ...(info.group ? { group: info.group } : {}), kind: info.resource });
}

const asApi = (st: Status): ApiStatus => st;
const fail = <T>(st: ApiStatus): ApiResult<T> => ({ ok: false, status: st });

function invalid(kind: string, name: string, errs: FieldError[], group: string): ApiStatus {
  return asApi(formatInvalid(kind, name, errs, group));
}

/** NewGenericServerResponse(422, ...): a patch that cannot be applied. */
function unprocessable(detail: string): ApiStatus {
  return status(422, 'Invalid', 'the server rejected our request due to an error in our request', { causes: [{ reason: 'UnexpectedServerResponse', message: detail, field: '' }] });
}

// ------------------------------------------------------------------ pods' admission-made fields

function podQosClass(spec: Obj): string {
  const containers = [...(Array.isArray(spec.containers) ? spec.containers : []), ...(Array.isArray(spec.initContainers) ? spec.initContainers : [])].map(o);
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const r = o(c.resources);
    const req = o(r.requests);
    const lim = o(r.limits);
    for (const res of ['cpu', 'memory']) {
      if (req[res] !== undefined || lim[res] !== undefined) any = true;
      if (lim[res] === undefined || (req[res] !== undefined && String(req[res]) !== String(lim[res]))) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * The Job strategy's PrepareForCreate (pkg/registry/batch/job/strategy.go generateSelector): unless
 * spec.manualSelector, the template gets the job-name and controller-uid labels (legacy and
 * batch.kubernetes.io/ forms) and the selector matches the controller uid; SetDefaults_Job then gives a
 * Job without labels its template's labels (as a read back from storage shows them).
 */
function generateJobSelector(job: Obj): void {
  const spec = o(job.spec);
  const meta = o(job.metadata);
  if (spec.manualSelector === true) return;
  const template = o(spec.template);
  const tmeta = o(template.metadata);
  const labels = { ...(o(tmeta.labels) as Record<string, string>) };
  for (const k of ['job-name', 'batch.kubernetes.io/job-name']) if (!(k in labels)) labels[k] = s(meta.name);
  for (const k of ['controller-uid', 'batch.kubernetes.io/controller-uid']) if (!(k in labels)) labels[k] = s(meta.uid);
  tmeta.labels = labels;
  template.metadata = tmeta;
  spec.template = template;
  const sel = o(spec.selector);
  const matchLabels = { ...(o(sel.matchLabels) as Record<string, string>) };
  if (!('batch.kubernetes.io/controller-uid' in matchLabels)) matchLabels['batch.kubernetes.io/controller-uid'] = s(meta.uid);
  sel.matchLabels = matchLabels;
  spec.selector = sel;
  job.spec = spec;
  if (!isObj(meta.labels) || Object.keys(meta.labels).length === 0) meta.labels = { ...labels };
}

// ------------------------------------------------------------------ events.k8s.io <-> core events

function toEventsV1(ev: KubeObject): KubeObject {
  const src = o(ev.source);
  const out: Obj = {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: ev.metadata,
    eventTime: ev.eventTime ?? null,
    ...(ev.series !== undefined ? { series: ev.series } : {}),
    ...(s(ev.reportingComponent) ? { reportingController: ev.reportingComponent } : {}),
    ...(s(ev.reportingInstance) ? { reportingInstance: ev.reportingInstance } : {}),
    ...(ev.action !== undefined ? { action: ev.action } : {}),
    ...(ev.reason !== undefined ? { reason: ev.reason } : {}),
    regarding: ev.involvedObject ?? {},
    ...(ev.related !== undefined ? { related: ev.related } : {}),
    ...(ev.message !== undefined ? { note: ev.message } : {}),
    ...(ev.type !== undefined ? { type: ev.type } : {}),
    ...(Object.keys(src).length ? { deprecatedSource: src } : {}),
    ...(ev.firstTimestamp ? { deprecatedFirstTimestamp: ev.firstTimestamp } : {}),
    ...(ev.lastTimestamp ? { deprecatedLastTimestamp: ev.lastTimestamp } : {}),
    ...(typeof ev.count === 'number' && ev.count ? { deprecatedCount: ev.count } : {}),
  };
  return deepFreeze(out as KubeObject);
}

function fromEventsV1(ev: Obj): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: ev.metadata,
    involvedObject: ev.regarding ?? {},
    ...(ev.reason !== undefined ? { reason: ev.reason } : {}),
    ...(ev.note !== undefined ? { message: ev.note } : {}),
    source: ev.deprecatedSource ?? {},
    ...(ev.deprecatedFirstTimestamp ? { firstTimestamp: ev.deprecatedFirstTimestamp } : {}),
    ...(ev.deprecatedLastTimestamp ? { lastTimestamp: ev.deprecatedLastTimestamp } : {}),
    ...(ev.deprecatedCount ? { count: ev.deprecatedCount } : {}),
    ...(ev.type !== undefined ? { type: ev.type } : {}),
    eventTime: ev.eventTime ?? null,
    ...(ev.series !== undefined ? { series: ev.series } : {}),
    ...(ev.action !== undefined ? { action: ev.action } : {}),
    ...(ev.related !== undefined ? { related: ev.related } : {}),
    ...(ev.reportingController !== undefined ? { reportingComponent: ev.reportingController } : {}),
    ...(ev.reportingInstance !== undefined ? { reportingInstance: ev.reportingInstance } : {}),
  };
}

// ------------------------------------------------------------------ the server

export class ApiServer {
  /** resource key -> (namespace/name -> object). A map may be shared with forks until written. */
  private buckets = new Map<string, Map<string, KubeObject>>();
  private readonly owned = new Set<Map<string, KubeObject>>();
  private revision = 0;
  private history: HistoryEntry[] = [];
  private readonly watchers = new Set<Watcher>();
  private flushScheduled = false;
  private readonly clusterIps: ClusterIpAllocator;
  private readonly nodePorts = new NodePortAllocator();
  private readonly changed = new Emitter<void>();
  /** Fires (synchronously) after every committed write (lesson checks re-run). */
  readonly onDidChange = this.changed.event;
  private readonly committed = new Emitter<StoreChange>();
  /** Every committed change, synchronously, in order (the control-plane loops' informer). */
  readonly onDidCommit = this.committed.event;

  constructor(
    private readonly deps: ApiServerDeps,
    state?: ApiServerState,
  ) {
    this.clusterIps = new ClusterIpAllocator(deps.serviceCidr ?? SERVICE_CIDR);
    if (state) this.restore(state);
  }

  /** The current revision, as a list would report it. */
  get resourceVersion(): string {
    return String(this.revision);
  }

  /** The cluster IP allocator (the `kubernetes` Service takes its first address, kube-dns its tenth). */
  get serviceIps(): ClusterIpAllocator {
    return this.clusterIps;
  }

  discovery(): ApiResourceList[] {
    return discoveryLists();
  }

  // ----- store plumbing ------------------------------------------------------------------------

  private bucket(rk: string): ReadonlyMap<string, KubeObject> {
    return this.buckets.get(rk) ?? new Map();
  }

  private writable(rk: string): Map<string, KubeObject> {
    let b = this.buckets.get(rk);
    if (!b) {
      b = new Map();
      this.buckets.set(rk, b);
      this.owned.add(b);
    } else if (!this.owned.has(b)) {
      const copy = new Map<string, KubeObject>();
      b.forEach((v, k) => copy.set(k, v));
      b = copy;
      this.buckets.set(rk, b);
      this.owned.add(b);
    }
    return b;
  }

  private storeKey(info: ResourceInfo): string {
    return info.storedAs ?? resourceKey(info);
  }

  private lookup(info: ResourceInfo, ns: string, name: string): KubeObject | undefined {
    return this.bucket(this.storeKey(info)).get(objKey(info.namespaced ? ns : '', name));
  }

  private resolve(gvr: Gvr): ResourceInfo | ApiStatus {
    const info = findResource(gvr);
    if (!info) return status(404, 'NotFound', 'the server could not find the requested resource', {});
    return info;
  }

  private now(): string {
    return new Date(this.deps.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  private nowPlus(seconds: number): string {
    return new Date(this.deps.clock.now() + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** A version 4 UUID from the IdGen. */
  newUid(): string {
    const h = this.deps.ids.hex('kube/uid', 32).split('');
    h[12] = '4';
    h[16] = '89ab'[parseInt(h[16] ?? '0', 16) & 3] ?? '8';
    const x = h.join('');
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
  }

  /** names.SimpleNameGenerator: the base (cut to 58 characters) and five random characters. */
  generateName(base: string): string {
    const b = base.length > MAX_GENERATED_NAME_LENGTH ? base.slice(0, MAX_GENERATED_NAME_LENGTH) : base;
    return b + this.deps.ids.string(`kube/name/${b}`, 5, NAME_ALPHABET);
  }

  /** Stores (or removes) an object with the next revision and tells everyone. */
  private commit(info: ResourceInfo, type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: Obj, previous?: KubeObject): KubeObject {
    const rk = this.storeKey(info);
    const meta = o(obj.metadata);
    const k = objKey(s(meta.namespace), s(meta.name));
    this.revision++;
    meta.resourceVersion = String(this.revision);
    const frozen = deepFreeze(obj as KubeObject);
    if (type === 'DELETED') this.writable(rk).delete(k);
    else this.writable(rk).set(k, frozen);
    this.history.push({ rv: this.revision, rk, type, object: frozen, ...(previous ? { previous } : {}) });
    if (this.history.length > HISTORY) this.history.splice(0, this.history.length - HISTORY);
    for (const w of this.watchers) if (w.rk === rk) this.enqueue(w, type, frozen, previous);
    const storedInfo = info.storedAs ? (RESOURCES.find((r) => resourceKey(r) === info.storedAs) ?? info) : info;
    this.committed.fire({ type, resource: storedInfo, object: frozen, ...(previous ? { previous } : {}) });
    this.changed.fire();
    return frozen;
  }

  // ----- create --------------------------------------------------------------------------------

  private decode(info: ResourceInfo, body: unknown, opts: WriteOptions): { ok: true; obj: Obj; warnings: string[] } | { ok: false; status: ApiStatus } {
    if (!isObj(body)) return { ok: false, status: asApi(badRequest('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/cbor')) };
    const input: Obj = { ...body };
    const expected = apiVersionOf(info);
    if (input.apiVersion === undefined || input.apiVersion === '') input.apiVersion = expected;
    if (input.kind === undefined || input.kind === '') input.kind = info.kind;
    if (input.apiVersion !== expected) {
      return { ok: false, status: asApi(badRequest(`the API version in the data (${s(input.apiVersion)}) does not match the expected API version (${expected})`)) };
    }
    if (input.kind !== info.kind) return { ok: false, status: asApi(badRequest(`the kind in the data (${s(input.kind)}) does not match the expected kind (${info.kind})`)) };
    let obj: Obj;
    let warnings: string[] = [];
    if (kindDef(expected, info.kind) === undefined) obj = clone(input);
    else {
      const d = decodeObject(input, { strict: opts.fieldValidation === 'Strict' });
      if (!d.ok) return { ok: false, status: asApi(d.status) };
      obj = d.object;
      warnings = opts.fieldValidation === 'Ignore' ? [] : d.warnings;
    }
    if (info.storedAs === '/events') obj = fromEventsV1(obj);
    if (!isObj(obj.metadata)) obj.metadata = {};
    return { ok: true, obj, warnings };
  }

  create(gvr: Gvr, namespace: string, body: unknown, opts: WriteOptions = {}): ApiResult<KubeObject> {
    const info = this.resolve(gvr);
    if ('code' in info) return fail(info);
    if (!info.verbs.includes('create')) return fail(methodNotSupported(info, 'create'));
    const d = this.decode(info, body, opts);
    if (!d.ok) return fail(d.status);
    const obj = applyDefaults(d.obj);
    const meta = o(obj.metadata) as ObjectMeta;
    obj.metadata = meta;
    if (info.namespaced) {
      if (namespace === '') return fail(asApi(badRequest('Namespace parameter required.')));
      if (meta.namespace && meta.namespace !== namespace) return fail(asApi(badRequest('the namespace of the provided object does not match the namespace sent on the request')));
      meta.namespace = namespace;
    } else delete meta.namespace;
    // rest.FillObjectMetaSystemFields and the name generator
    meta.creationTimestamp = this.now();
    meta.uid = this.newUid();
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.managedFields;
    const generated = !meta.name && !!meta.generateName;
    if (generated) meta.name = this.generateName(meta.generateName ?? '');
    const name = meta.name ?? '';

    // mutating admission
    const admitted = this.admitCreate(info, obj, namespace);
    if (admitted) return fail(admitted);
    // strategy PrepareForCreate
    this.prepareForCreate(info, obj);
    // BeginCreate: the Service allocators
    if (info.kind === 'Service') {
      const alloc = this.allocateService(obj, undefined);
      if (alloc.length) return fail(invalid('Service', name, alloc, ''));
    }
    const errs = validateCreate(obj);
    if (errs.length) return fail(invalid(info.kind, name, errs, kindGroup(info.kind)));
    if (this.lookup(info, namespace, name)) {
      if (generated) {
        // RetryGenerateName: a new suffix (bounded, like the server's retries)
        for (let i = 0; i < 7 && this.lookup(info, namespace, meta.name ?? ''); i++) meta.name = this.generateName(meta.generateName ?? '');
        if (this.lookup(info, namespace, meta.name ?? '')) return fail(alreadyExists(info, meta.name ?? ''));
      } else {
        const existing = this.lookup(info, namespace, name);
        const st = alreadyExists(info, name);
        if (existing?.metadata.deletionTimestamp) st.message = `object is being deleted: ${st.message}`;
        return fail(st);
      }
    }
    if (opts.dryRun) return { ok: true, value: this.present(info, deepFreeze(obj as KubeObject)), warnings: d.warnings };
    const stored = this.commit(info, 'ADDED', obj);
    return { ok: true, value: this.present(info, stored), warnings: d.warnings };
  }

  /** NamespaceLifecycle, ServiceAccount and DefaultStorageClass admission; undefined when admitted. */
  private admitCreate(info: ResourceInfo, obj: Obj, namespace: string): ApiStatus | undefined {
    const meta = o(obj.metadata);
    const name = s(meta.name);
    if (info.namespaced) {
      const ns = this.lookup(findResource({ group: '', version: 'v1', resource: 'namespaces' })!, '', namespace);
      if (!ns) return notFound({ group: '', version: 'v1', resource: 'namespaces' }, namespace);
      if (ns.metadata.deletionTimestamp) return forbidden(info, name, `unable to create new content in namespace ${namespace} because it is being terminated`);
    }
    if (info.kind === 'Pod') {
      const spec = o(obj.spec);
      obj.spec = spec;
      if (!s(spec.serviceAccountName)) spec.serviceAccountName = s(spec.serviceAccount) || 'default';
      spec.serviceAccount = spec.serviceAccountName;
      const saName = s(spec.serviceAccountName);
      const sa = this.lookup(findResource({ group: '', version: 'v1', resource: 'serviceaccounts' })!, namespace, saName);
      if (!sa) return forbidden(info, name, `error looking up service account ${namespace}/${saName}: serviceaccount ${goQuote(saName)} not found`);
      const automount = spec.automountServiceAccountToken ?? sa.automountServiceAccountToken ?? true;
      const containers = [...(Array.isArray(spec.initContainers) ? spec.initContainers : []), ...(Array.isArray(spec.containers) ? spec.containers : [])].map(o);
      const alreadyMounted = containers.some((c) => (Array.isArray(c.volumeMounts) ? c.volumeMounts : []).some((m) => s(o(m).mountPath) === SA_TOKEN_MOUNT));
      if (automount !== false && !alreadyMounted) {
        const volName = this.generateName('kube-api-access-');
        const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
        volumes.push({
          name: volName,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
              { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
            ],
          },
        });
        spec.volumes = volumes;
        for (const c of containers) {
          const mounts = Array.isArray(c.volumeMounts) ? c.volumeMounts : [];
          mounts.push({ mountPath: SA_TOKEN_MOUNT, name: volName, readOnly: true });
          c.volumeMounts = mounts;
        }
      }
    }
    // StorageObjectInUseProtection admission
    if (info.kind === 'PersistentVolumeClaim' || info.kind === 'PersistentVolume') {
      const fin = info.kind === 'PersistentVolume' ? 'kubernetes.io/pv-protection' : 'kubernetes.io/pvc-protection';
      const finalizers = Array.isArray(meta.finalizers) ? (meta.finalizers as unknown[]) : [];
      if (!finalizers.includes(fin)) meta.finalizers = [...finalizers, fin];
    }
    if (info.kind === 'PersistentVolumeClaim') {
      const spec = o(obj.spec);
      obj.spec = spec;
      if (spec.storageClassName === undefined || spec.storageClassName === null) {
        const sc = this.defaultStorageClass();
        if (sc) spec.storageClassName = sc;
      }
    }
    return undefined;
  }

  /** The StorageClass annotated as the default (the newest, if several). */
  defaultStorageClass(): string | undefined {
    const classes = [...this.bucket('storage.k8s.io/storageclasses').values()].filter((c) => {
      const a = c.metadata.annotations ?? {};
      return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    });
    classes.sort((a, b) => s(b.metadata.creationTimestamp).localeCompare(s(a.metadata.creationTimestamp)) || s(a.metadata.name).localeCompare(s(b.metadata.name)));
    return classes[0]?.metadata.name;
  }

  private prepareForCreate(info: ResourceInfo, obj: Obj): void {
    const meta = o(obj.metadata);
    if (info.generation) meta.generation = 1;
    else delete meta.generation;
    switch (info.kind) {
      case 'Pod':
        obj.status = { phase: 'Pending', qosClass: podQosClass(o(obj.spec)) };
        break;
      case 'Deployment':
      case 'ReplicaSet':
      case 'Job':
        obj.status = {};
        if (info.kind === 'Job') generateJobSelector(obj);
        break;
      case 'Namespace':
        obj.status = { phase: 'Active' };
        break;
      case 'PersistentVolumeClaim':
        obj.status = { phase: 'Pending' };
        break;
      case 'PersistentVolume':
        obj.status = { phase: 'Pending' };
        break;
      case 'Service':
        obj.status = { loadBalancer: {} };
        break;
    }
  }

  private usedServiceAddresses(exceptUid?: string): { ips: Set<string>; ports: Set<number> } {
    const ips = new Set<string>();
    const ports = new Set<number>();
    for (const svc of this.bucket('/services').values()) {
      if (exceptUid && svc.metadata.uid === exceptUid) continue;
      const spec = o(svc.spec);
      for (const ip of Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [spec.clusterIP]) if (typeof ip === 'string' && ip && ip !== 'None') ips.add(ip);
      for (const p of Array.isArray(spec.ports) ? spec.ports : []) if (typeof o(p).nodePort === 'number') ports.add(o(p).nodePort as number);
    }
    return { ips, ports };
  }

  /** BeginCreate/BeginUpdate of the Service storage: cluster IPs, then node ports. */
  private allocateService(obj: Obj, old: KubeObject | undefined): FieldError[] {
    const spec = o(obj.spec);
    obj.spec = spec;
    const type = s(spec.type) || 'ClusterIP';
    const used = this.usedServiceAddresses(s(o(obj.metadata).uid) || undefined);
    const oldSpec = old ? o(old.spec) : undefined;
    if (type !== 'ExternalName') {
      let ip = s(spec.clusterIP) || (Array.isArray(spec.clusterIPs) ? s(spec.clusterIPs[0]) : '');
      if (!ip && oldSpec) ip = s(oldSpec.clusterIP);
      if (ip === 'None') {
        spec.clusterIP = 'None';
        spec.clusterIPs = ['None'];
      } else if (oldSpec && ip === s(oldSpec.clusterIP)) {
        spec.clusterIP = ip;
        spec.clusterIPs = [ip];
      } else {
        const r = ip ? this.clusterIps.allocateSpecific(ip, used.ips) : this.clusterIps.allocateNext(this.deps.ids, used.ips);
        if (!r.ok) return [{ type: 'Invalid value', field: 'spec.clusterIPs', value: { go: `[]string{${goQuote(ip)}}` }, detail: r.error }];
        spec.clusterIP = r.value;
        spec.clusterIPs = [r.value];
      }
    }
    if (type === 'NodePort' || type === 'LoadBalancer') {
      const ports = (Array.isArray(spec.ports) ? spec.ports : []).map(o);
      const oldPorts = oldSpec ? (Array.isArray(oldSpec.ports) ? oldSpec.ports : []).map(o) : [];
      // keep what the old object had for the same port (patchAllocatedValues)
      for (const p of ports) {
        if (typeof p.nodePort === 'number' && p.nodePort !== 0) continue;
        const prev = oldPorts.find((q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
        if (prev && typeof prev.nodePort === 'number') p.nodePort = prev.nodePort;
      }
      const oldAllocated = new Set(oldPorts.map((q) => q.nodePort).filter((n): n is number => typeof n === 'number'));
      const requested = { spec: { ports: ports.map((p) => (typeof p.nodePort === 'number' && oldAllocated.has(p.nodePort) ? { ...p, nodePort: 0 } : p)) } };
      const errs = validateNodePorts(requested, used.ports);
      if (errs.length) return errs;
      const taken = new Set(used.ports);
      for (const p of ports) if (typeof p.nodePort === 'number' && p.nodePort) taken.add(p.nodePort);
      for (const p of ports) {
        if (typeof p.nodePort === 'number' && p.nodePort !== 0) continue;
        const r = this.nodePorts.allocateNext(this.deps.ids, taken);
        if (!r.ok) return [{ type: 'Invalid value', field: 'spec.ports[0].nodePort', value: 'omit', detail: r.error }];
        p.nodePort = r.value;
        taken.add(r.value);
      }
      spec.ports = ports;
    }
    return [];
  }

  // ----- read ----------------------------------------------------------------------------------

  /** How a stored object is shown through a resource (events.k8s.io converts core events). */
  private present(info: ResourceInfo, obj: KubeObject): KubeObject {
    return info.storedAs === '/events' ? toEventsV1(obj) : obj;
  }

  get(gvr: Gvr, namespace: string, name: string): ApiResult<KubeObject> {
    const info = this.resolve(gvr);
    if ('code' in info) return fail(info);
    const obj = this.lookup(info, namespace, name);
    if (!obj) return fail(notFound(info, name));
    return { ok: true, value: this.present(info, obj) };
  }

  private selectors(info: ResourceInfo, opts: ListOptions): { label: LabelSelector | null; fields: FieldTerm[] } | ApiStatus {
    let label: LabelSelector | null = null;
    if (typeof opts.labelSelector === 'string') {
      if (opts.labelSelector.trim() !== '') {
        const r = parseLabelSelector(opts.labelSelector);
        if (!r.ok) return asApi(badRequest(r.error));
        label = r.value;
      }
    } else if (opts.labelSelector) label = opts.labelSelector;
    let fields: FieldTerm[] = [];
    if (opts.fieldSelector) {
      const r = parseFieldSelector(opts.fieldSelector, info);
      if (!r.ok) return asApi(badRequest(r.error));
      fields = r.value;
    }
    return { label, fields };
  }

  private matches(w: { info: ResourceInfo; ns: string; label: LabelSelector | null; fields: FieldTerm[] }, obj: KubeObject): boolean {
    if (w.info.namespaced && w.ns !== '' && obj.metadata.namespace !== w.ns) return false;
    if (w.label && !labelSelectorMatches(w.label, obj.metadata.labels ?? {})) return false;
    if (w.fields.length && !fieldSelectorMatches(w.fields, obj as unknown as Obj)) return false;
    return true;
  }

  /** Objects in key order (namespace, then name), as etcd returns them. */
  private sorted(info: ResourceInfo, ns: string): KubeObject[] {
    const b = this.bucket(this.storeKey(info));
    const prefix = info.namespaced && ns !== '' ? `${ns}/` : '';
    const keys = [...b.keys()].filter((k) => k.startsWith(prefix)).sort();
    return keys.map((k) => b.get(k)!);
  }

  /** A list; namespace "" lists every namespace. Items carry apiVersion and kind. */
  list(gvr: Gvr, namespace: string, opts: ListOptions = {}): ApiResult<KubeList> {
    const info = this.resolve(gvr);
    if ('code' in info) return fail(info);
    const sel = this.selectors(info, opts);
    if ('code' in sel) return fail(sel);
    const w = { info, ns: namespace, ...sel };
    const items = this.sorted(info, namespace)
      .filter((x) => this.matches(w, x))
      .map((x) => this.present(info, x));
    return { ok: true, value: { apiVersion: apiVersionOf(info), kind: `${info.kind}List`, metadata: { resourceVersion: this.resourceVersion }, items } };
  }

  // ----- update and patch ------------------------------------------------------------------------

  update(gvr: Gvr, namespace: string, name: string, body: unknown, opts: WriteOptions & { subresource?: 'status' | 'finalize' } = {}): ApiResult<KubeObject> {
    const info = this.resolve(gvr);
    if ('code' in info) return fail(info);
    const sub = opts.subresource;
    if (sub && !info.subresources.includes(sub)) return fail(status(404, 'NotFound', 'the server could not find the requested resource', {}));
    if (!sub && !info.verbs.includes('update')) return fail(methodNotSupported(info, 'update'));
    const d = this.decode(info, body, opts);
    if (!d.ok) return fail(d.status);
    const r = this.updateDecoded(info, namespace, name, d.obj, opts);
    return r.ok ? { ...r, warnings: d.warnings } : r;
  }

  private updateDecoded(info: ResourceInfo, namespace: string, name: string, input: Obj, opts: WriteOptions & { subresource?: 'status' | 'finalize' }): ApiResult<KubeObject> {
    const existing = this.lookup(info, namespace, name);
    if (!existing) return fail(notFound(info, name));
    const meta = o(input.metadata);
    if (s(meta.name) !== '' && s(meta.name) !== name) return fail(asApi(badRequest(`the name of the object (${s(meta.name)}) does not match the name on the URL (${name})`)));
    if (info.namespaced && s(meta.namespace) !== '' && s(meta.namespace) !== namespace) return fail(asApi(badRequest('the namespace of the provided object does not match the namespace sent on the request')));
    const rv = s(meta.resourceVersion);
    if (rv !== '' && rv !== existing.metadata.resourceVersion) return fail(conflict(info, name, OPTIMISTIC_LOCK_MSG));
    const old = existing as unknown as Obj;
    let obj: Obj;
    if (opts.subresource === 'status') {
      obj = { ...clone(old), status: clone(input.status ?? {}) };
    } else if (opts.subresource === 'finalize') {
      obj = { ...clone(old), spec: { ...o(clone(old.spec)), finalizers: clone(o(input.spec).finalizers ?? []) } };
    } else {
      obj = applyDefaults(input);
      const m = o(obj.metadata);
      obj.metadata = m;
      m.name = name;
      if (info.namespaced) m.namespace = namespace;
      else delete m.namespace;
      // rest.BeforeUpdate keeps the system fields
      if (!s(m.uid)) m.uid = existing.metadata.uid;
      if (!s(m.creationTimestamp)) m.creationTimestamp = existing.metadata.creationTimestamp;
      for (const f of ['deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const) {
        if (existing.metadata[f] !== undefined) m[f] = existing.metadata[f];
        else delete m[f];
      }
      delete m.managedFields;
      if (info.subresources.includes('status') || info.kind === 'Namespace') obj.status = clone(existing.status ?? (obj.status as unknown));
      if (info.kind === 'Namespace') obj.spec = clone(existing.spec ?? {});
      if (info.kind === 'Pod') {
        const spec = o(obj.spec);
        obj.spec = spec;
        const oldSpec = o(old.spec);
        // fields admission set on create stay as they were
        for (const f of ['serviceAccountName', 'serviceAccount', 'nodeName'] as const) if (spec[f] === undefined && oldSpec[f] !== undefined) spec[f] = oldSpec[f];
      }
      if (info.kind === 'Service') {
        const errs = this.allocateService(obj, existing);
        if (errs.length) return fail(invalid('Service', name, errs, ''));
      }
    }
    const m = o(obj.metadata);
    m.resourceVersion = existing.metadata.resourceVersion;
    if (info.generation && !sameJson(o(obj).spec, o(old).spec)) m.generation = (typeof existing.metadata.generation === 'number' ? existing.metadata.generation : 0) + 1;
    const errs = validateUpdate(obj, old);
    if (errs.length) return fail(invalid(info.kind, name, errs, kindGroup(info.kind)));
    if (sameJson(obj, old)) return { ok: true, value: this.present(info, existing) };
    if (opts.dryRun) return { ok: true, value: this.present(info, deepFreeze(obj as KubeObject)) };
    // ShouldDeleteDuringUpdate: the last finalizer went away from an object being deleted
    const finalizers = Array.isArray(m.finalizers) ? m.finalizers : [];
    const nsHeld = info.kind === 'Namespace' && (Array.isArray(o(obj.spec).finalizers) ? (o(obj.spec).finalizers as unknown[]).length : 0) > 0;
    if (existing.metadata.deletionTimestamp && finalizers.length === 0 && !nsHeld && !existing.metadata.deletionGracePeriodSeconds) {
      return { ok: true, value: this.present(info, this.commit(info, 'DELETED', obj, existing)) };
    }
    return { ok: true, value: this.present(info, this.commit(info, 'MODIFIED', obj, existing)) };
  }

  patch(gvr: Gvr, namespace: string, name: string, type: PatchType, patch: unknown, opts: WriteOptions & { subresource?: 'status' } = {}): ApiResult<KubeObject> {
    const info = this.resolve(gvr);
    if ('code' in info) return fail(info);
    if (!info.verbs.includes('patch')) return fail(methodNotSupported(info, 'patch'));
    const existing = this.lookup(info, namespace, name);
    if (!existing) return fail(notFound(info, name));
    const current = clone(this.present(info, existing)) as unknown as Json;
    let r;
    switch (type) {
      case 'merge':
        if (!isObj(patch)) return fail(asApi(badRequest('error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}')));
        r = { ok: true as const, value: mergePatch(current, patch as Json) };
        break;
      case 'json':
        r = jsonPatch(current, patch);
        break;
      case 'strategic':
        r = strategicMergePatch(current, patch, info.kind);
        break;
      case 'apply':
        return fail(status(415, 'BadRequest', 'dockyard: server-side apply is not simulated here', {}));
    }
    if (!r.ok) return fail(r.kind === 'bad-request' ? asApi(badRequest(r.error)) : unprocessable(r.error));
    const patched = o(r.value);
    const pm = o(patched.metadata);
    // the patch applies to what is stored: its resourceVersion is current unless the patch set one
    const patchRv = s(o(o(patch).metadata).resourceVersion);
    pm.resourceVersion = type === 'json' ? s(pm.resourceVersion) : patchRv || existing.metadata.resourceVersion;
    patched.metadata = pm;
    const body = info.storedAs === '/events' ? fromEventsV1(patched) : patched;
    if (info.storedAs === '/events') return this.updateDecoded(info, namespace, name, body, { ...opts, ...(opts.subresource ? { subresource: opts.subresource } : {}) });
    return this.update(gvr, namespace, name, body, opts);
  }

  // ----- subresources --------------------------------------------------------------------------

  /** GET …/scale (autoscaling/v1 Scale). */
  getScale(gvr: Gvr, namespace: string, name: string): ApiResult<Scale> {
    const info = this.resolve(gvr);
    if ('code' in info) return fail(info);
    if (!info.subresources.includes('scale')) return fail(status(404, 'NotFound', 'the server could not find the requested resource', {}));
    const obj = this.lookup(info, namespace, name);
    if (!obj) return fail(notFound(info, name));
    return { ok: true, value: this.scaleOf(obj) };
  }

  private scaleOf(obj: KubeObject): Scale {
    const spec = o(obj.spec);
    const st = o(obj.status);
    const sel = o(spec.selector);
    const parts: string[] = [];
    for (const [k, v] of Object.entries(o(sel.matchLabels)).sort(([a], [b]) => (a < b ? -1 : 1))) parts.push(`${k}=${s(v)}`);
    for (const e of (Array.isArray(sel.matchExpressions) ? sel.matchExpressions : []).map(o)) {
      const op = s(e.operator);
      const vals = (Array.isArray(e.values) ? e.values.map(s) : []).sort().join(',');
      if (op === 'In') parts.push(`${s(e.key)} in (${vals})`);
      else if (op === 'NotIn') parts.push(`${s(e.key)} notin (${vals})`);
      else if (op === 'Exists') parts.push(s(e.key));
      else if (op === 'DoesNotExist') parts.push(`!${s(e.key)}`);
    }
    const meta: ObjectMeta = { name: obj.metadata.name, namespace: obj.metadata.namespace, uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion, creationTimestamp: obj.metadata.creationTimestamp };
    return {
      apiVersion: 'autoscaling/v1',
      kind: 'Scale',
      metadata: meta,
      spec: { replicas: typeof spec.replicas === 'number' ? spec.replicas : 0 },
      status: { replicas: typeof st.replicas === 'number' ? st.replicas : 0, ...(parts.length ? { selector: parts.join(',') } : {}) },
    };
  }

  /** PUT …/scale: sets spec.replicas (a resourceVersion in the Scale is a precondition). */
  updateScale(gvr: Gvr, namespace: string, name: string, scale: { metadata?: ObjectMeta; spec?: { replicas?: number } }, opts: WriteOptions = {}): ApiResult<Scale> {
    const info = this.resolve(gvr);
    if ('code' in info) return fail(info);
    if (!info.subresources.includes('scale')) return fail(status(404, 'NotFound', 'the server could not find the requested resource', {}));
    const obj = this.lookup(info, namespace, name);
    if (!obj) return fail(notFound(info, name));
    const replicas = scale.spec?.replicas ?? 0;
    if (replicas < 0) {
      return fail(invalid('Scale', name, [{ type: 'Invalid value', field: 'spec.replicas', value: { n: replicas }, detail: 'must be greater than or equal to 0' }], 'autoscaling'));
    }
    const rv = scale.metadata?.resourceVersion;
    if (rv && rv !== obj.metadata.resourceVersion) return fail(conflict(info, name, OPTIMISTIC_LOCK_MSG));
    const body = clone(obj) as unknown as Obj;
    o(body.spec).replicas = replicas;
    const r = this.update(gvr, namespace, name, body, opts);
    if (!r.ok) return r;
    return { ok: true, value: this.scaleOf(r.value) };
  }

  /** POST pods/<name>/binding: the scheduler's bind. */
  bind(namespace: string, podName: string, nodeName: string): ApiResult<KubeObject> {
    const info = findResource({ group: '', version: 'v1', resource: 'pods' })!;
    const pod = this.lookup(info, namespace, podName);
    if (!pod) return fail(notFound(info, podName));
    if (pod.metadata.deletionTimestamp) return fail(conflict(info, podName, 'pod is being deleted, cannot be assigned to a host'));
    const current = s(o(pod.spec).nodeName);
    if (current !== '') return fail(conflict(info, podName, `pod ${podName} is already assigned to node ${goQuote(current)}`));
    const obj = clone(pod) as unknown as Obj;
    o(obj.spec).nodeName = nodeName;
    const st = o(obj.status);
    const conditions = (Array.isArray(st.conditions) ? st.conditions : []).map(o).filter((c) => c.type !== 'PodScheduled');
    conditions.push({ lastProbeTime: null, lastTransitionTime: this.now(), status: 'True', type: 'PodScheduled' });
    st.conditions = conditions;
    obj.status = st;
    return { ok: true, value: this.commit(info, 'MODIFIED', obj, pod) };
  }

  // ----- delete --------------------------------------------------------------------------------

  delete(gvr: Gvr, namespace: string, name: string, opts: DeleteOptions = {}): ApiResult<DeleteResult> {
    const info = this.resolve(gvr);
    if ('code' in info) return fail(info);
    if (!info.verbs.includes('delete')) return fail(methodNotSupported(info, 'delete'));
    const existing = this.lookup(info, namespace, name);
    if (!existing) return fail(notFound(info, name));
    const present = (x: KubeObject, removed: boolean): ApiResult<DeleteResult> => ({ ok: true, value: { object: this.present(info, x), removed } });
    const kindRes = { group: info.group, version: info.version, resource: info.kind };
    const pre = opts.preconditions;
    if (pre?.uid !== undefined && pre.uid !== existing.metadata.uid) {
      return fail(conflict(kindRes, name, `the UID in the precondition (${pre.uid}) does not match the UID in record (${existing.metadata.uid ?? ''}). The object might have been deleted and then recreated`));
    }
    if (pre?.resourceVersion !== undefined && pre.resourceVersion !== existing.metadata.resourceVersion) {
      return fail(conflict(kindRes, name, `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${existing.metadata.resourceVersion ?? ''}). The object might have been modified`));
    }
    if (info.kind === 'Namespace') return this.deleteNamespace(info, existing, opts);
    const obj = clone(existing) as unknown as Obj;
    const meta = o(obj.metadata) as ObjectMeta;
    obj.metadata = meta;

    // rest.BeforeDelete: only pods delete gracefully
    let graceful = false;
    let grace = 0;
    if (info.kind === 'Pod') {
      const spec = o(existing.spec);
      if (existing.metadata.deletionTimestamp) {
        const cur = existing.metadata.deletionGracePeriodSeconds ?? 0;
        if (cur === 0) graceful = false;
        else if (opts.gracePeriodSeconds !== undefined && opts.gracePeriodSeconds < cur) {
          grace = Math.max(0, opts.gracePeriodSeconds);
          graceful = true;
        } else return present(existing, false);
      } else {
        grace = opts.gracePeriodSeconds ?? (typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : 0);
        const phase = s(o(existing.status).phase);
        if (s(spec.nodeName) === '' || phase === 'Failed' || phase === 'Succeeded') grace = 0;
        if (grace < 0) grace = 1;
        graceful = grace > 0;
        if (graceful && typeof meta.generation === 'number') meta.generation++;
      }
    } else if (existing.metadata.deletionTimestamp && !this.gcFinalizersChange(info, existing, opts)) {
      // already being deleted: nothing new to record
      return present(existing, false);
    }

    const finalizers = this.finalizersForDelete(info, existing, opts);
    const finalizersChanged = !sameJson(finalizers, existing.metadata.finalizers ?? []);
    if (finalizers.length) meta.finalizers = finalizers;
    else delete meta.finalizers;
    const pendingFinalizers = finalizers.length > 0;

    if (graceful) {
      meta.deletionTimestamp = existing.metadata.deletionTimestamp && grace > 0 ? meta.deletionTimestamp : this.nowPlus(grace);
      meta.deletionGracePeriodSeconds = grace;
      if (grace === 0 && !pendingFinalizers) return this.remove(info, existing, opts);
      if (opts.dryRun) return present(deepFreeze(obj as KubeObject), false);
      return present(this.commit(info, 'MODIFIED', obj, existing), false);
    }
    if (pendingFinalizers) {
      if (!existing.metadata.deletionTimestamp && typeof meta.generation === 'number' && meta.generation > 0) meta.generation++;
      if (!existing.metadata.deletionTimestamp) meta.deletionTimestamp = this.now();
      meta.deletionGracePeriodSeconds = 0;
      if (sameJson(obj, existing) && !finalizersChanged) return present(existing, false);
      if (opts.dryRun) return present(deepFreeze(obj as KubeObject), false);
      return present(this.commit(info, 'MODIFIED', obj, existing), false);
    }
    return this.remove(info, existing, opts);
  }

  private remove(info: ResourceInfo, existing: KubeObject, opts: DeleteOptions): ApiResult<DeleteResult> {
    if (opts.dryRun) return { ok: true, value: { object: this.present(info, existing), removed: true } };
    const last = this.commit(info, 'DELETED', clone(existing) as unknown as Obj, existing);
    return { ok: true, value: { object: this.present(info, last), removed: true } };
  }

  private gcFinalizersChange(info: ResourceInfo, existing: KubeObject, opts: DeleteOptions): boolean {
    return !sameJson(this.finalizersForDelete(info, existing, opts), existing.metadata.finalizers ?? []);
  }

  /** deletionFinalizersForGarbageCollection: orphan / foregroundDeletion per the request and defaults. */
  private finalizersForDelete(info: ResourceInfo, existing: KubeObject, opts: DeleteOptions): string[] {
    const current = existing.metadata.finalizers ?? [];
    let orphan: boolean;
    let foreground: boolean;
    if (opts.propagationPolicy) {
      orphan = opts.propagationPolicy === 'Orphan';
      foreground = opts.propagationPolicy === 'Foreground';
    } else if (current.some((f) => f === 'orphan' || f === 'foregroundDeletion')) {
      const first = current.find((f) => f === 'orphan' || f === 'foregroundDeletion');
      orphan = first === 'orphan';
      foreground = first === 'foregroundDeletion';
    } else {
      orphan = info.gcDefault === 'orphan';
      foreground = false;
    }
    const out = current.filter((f) => f !== 'orphan' && f !== 'foregroundDeletion');
    if (orphan) out.push('orphan');
    if (foreground) out.push('foregroundDeletion');
    const same = out.length === current.length && out.every((f) => current.includes(f));
    return same ? [...current] : out;
  }

  private deleteNamespace(info: ResourceInfo, existing: KubeObject, opts: DeleteOptions): ApiResult<DeleteResult> {
    const name = existing.metadata.name ?? '';
    if (IMMORTAL_NAMESPACES.includes(name)) return fail(forbidden(info, name, 'this namespace may not be deleted'));
    if (existing.metadata.deletionTimestamp) {
      return fail(conflict(info, name, 'The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.'));
    }
    const specFinalizers = o(existing.spec).finalizers;
    if ((!Array.isArray(specFinalizers) || specFinalizers.length === 0) && (existing.metadata.finalizers ?? []).length === 0) return this.remove(info, existing, opts);
    const obj = clone(existing) as unknown as Obj;
    const meta = o(obj.metadata);
    meta.deletionTimestamp = this.now();
    meta.deletionGracePeriodSeconds = 0;
    obj.status = { ...o(obj.status), phase: 'Terminating' };
    if (opts.dryRun) return { ok: true, value: { object: deepFreeze(obj as KubeObject), removed: false } };
    return { ok: true, value: { object: this.commit(info, 'MODIFIED', obj, existing), removed: false } };
  }

  /** DELETE on a collection: every object the selectors match, one by one. */
  deleteCollection(gvr: Gvr, namespace: string, listOpts: ListOptions = {}, opts: DeleteOptions = {}): ApiResult<KubeList> {
    const info = this.resolve(gvr);
    if ('code' in info) return fail(info);
    if (!info.verbs.includes('deletecollection')) return fail(methodNotSupported(info, 'deletecollection'));
    const l = this.list(gvr, namespace, listOpts);
    if (!l.ok) return l;
    const items: KubeObject[] = [];
    for (const x of l.value.items) {
      const r = this.delete(gvr, x.metadata.namespace ?? '', x.metadata.name ?? '', opts);
      if (r.ok) items.push(r.value.object);
    }
    return { ok: true, value: { ...l.value, metadata: { resourceVersion: this.resourceVersion }, items } };
  }

  // ----- watch ---------------------------------------------------------------------------------

  /**
   * Watches a resource. Events are delivered through the Clock (on the next settle), in revision order.
   * A resourceVersion older than the kept window fails with 410 Expired, as the watch cache does.
   */
  watch(gvr: Gvr, namespace: string, opts: WatchOptions, listener: (e: WatchEvent) => void): ApiResult<IDisposable> {
    const info = this.resolve(gvr);
    if ('code' in info) return fail(info);
    const sel = this.selectors(info, opts);
    if ('code' in sel) return fail(sel);
    const rk = this.storeKey(info);
    const w: Watcher = { rk, info, ns: namespace, label: sel.label, fields: sel.fields, listener, queue: [], open: true };
    const rv = opts.resourceVersion ?? '';
    if (rv === '' || rv === '0') {
      for (const x of this.sorted(info, namespace)) if (this.matches(w, x)) w.queue.push({ type: 'ADDED', object: this.present(info, x) });
    } else {
      const n = Number(rv);
      if (!/^\d+$/.test(rv)) return fail(asApi(badRequest(`invalid resource version: ${rv}`)));
      const oldest = this.history[0]?.rv ?? this.revision + 1;
      if (n < oldest - 1) return fail(status(410, 'Expired', `too old resource version: ${n} (${oldest - 1})`, {}));
      for (const h of this.history) if (h.rv > n && h.rk === rk) this.enqueue(w, h.type, h.object, h.previous, false);
    }
    this.watchers.add(w);
    if (w.queue.length) this.scheduleFlush();
    return {
      ok: true,
      value: toDisposable(() => {
        w.open = false;
        this.watchers.delete(w);
      }),
    };
  }

  private enqueue(w: Watcher, type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: KubeObject, previous: KubeObject | undefined, schedule = true): void {
    const now = this.matches(w, obj);
    const before = previous ? this.matches(w, previous) : false;
    let t: WatchEvent['type'] | undefined;
    if (type === 'ADDED') t = now ? 'ADDED' : undefined;
    else if (type === 'DELETED') t = now || before ? 'DELETED' : undefined;
    else if (now && before) t = 'MODIFIED';
    else if (now) t = 'ADDED';
    else if (before) t = 'DELETED';
    if (!t) return;
    w.queue.push({ type: t, object: this.present(w.info, obj) });
    if (schedule) this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.deps.clock.schedule(0, () => {
      this.flushScheduled = false;
      for (const w of [...this.watchers]) {
        while (w.open && w.queue.length) {
          const e = w.queue.shift()!;
          w.listener(e);
        }
      }
    });
  }

  // ----- snapshots and forks ---------------------------------------------------------------------

  snapshot(): ApiServerState {
    const objects: Record<string, KubeObject[]> = {};
    for (const rk of [...this.buckets.keys()].sort()) {
      const b = this.buckets.get(rk)!;
      if (b.size === 0) continue;
      objects[rk] = [...b.keys()].sort().map((k) => b.get(k)!);
    }
    return { format: 1, revision: this.revision, objects };
  }

  private restore(state: ApiServerState): void {
    this.revision = state.revision;
    for (const [rk, list] of Object.entries(state.objects)) {
      const b = new Map<string, KubeObject>();
      for (const x of list) {
        const obj = deepFreeze(clone(x));
        b.set(objKey(obj.metadata.namespace ?? '', obj.metadata.name ?? ''), obj);
      }
      this.buckets.set(rk, b);
      this.owned.add(b);
    }
  }

  /**
   * A copy that shares this server's objects: maps are copied on first write by either side. The
   * fork has no watchers and no event history (like a restarted API server's watch cache).
   */
  fork(deps: ApiServerDeps = this.deps): ApiServer {
    const f = new ApiServer(deps);
    f.revision = this.revision;
    f.buckets = new Map(this.buckets);
    this.owned.clear();
    return f;
  }
}
