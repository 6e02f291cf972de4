/**
 * The control-plane loops that keep the store consistent, run beside the API server and talking to it
 * only through its verbs, level-based (each pass reads the current state):
 *
 * - the garbage collector (kube-controller-manager's garbagecollector): dependents whose owners are
 *   all gone are deleted in the background; an owner deleted with the `orphan` finalizer has its
 *   dependents' ownerReferences removed, then the finalizer; one deleted with `foregroundDeletion`
 *   waits until its blocking dependents are gone (they are deleted in the foreground too);
 * - the namespace controller: a Terminating namespace has its content deleted, then its `kubernetes`
 *   finalizer removed, and the namespace goes;
 * - the service-account controller and the root-CA publisher: every namespace gets the `default`
 *   ServiceAccount and the `kube-root-ca.crt` ConfigMap.
 *
 * Passes run through the Clock: the garbage collector and publishers at once (on the next settle),
 * the namespace controller after NAMESPACE_SYNC_DELAY_MS (an empty namespace shows `Terminating` for a
 * moment, as it does on a real cluster).
 */
import type { Clock } from '../../core/clock';
import type { IDisposable } from '../../core/events';
import type { ApiServer } from './apiserver';
import { RESOURCES, type Gvr, type ResourceInfo } from './resources';
import type { KubeObject, OwnerReference } from './types';

export const NAMESPACE_SYNC_DELAY_MS = 1500;

const NAMESPACES: Gvr = { group: '', version: 'v1', resource: 'namespaces' };
const SERVICE_ACCOUNTS: Gvr = { group: '', version: 'v1', resource: 'serviceaccounts' };
const CONFIG_MAPS: Gvr = { group: '', version: 'v1', resource: 'configmaps' };

export const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** The cluster CA as the root-CA publisher copies it (a stand-in: no key behind it). */
export const ROOT_CA_PEM = [
  '-----BEGIN CERTIFICATE-----',
  'MIIDBjCCAe6gAwIBAgIBATANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwptaW5p',
  'a3ViZUNBMB4XDTI2MDEwNDA5MDAwMFoXDTM2MDEwMzA5MDAwMFowFTETMBEGA1UE',
  'AxMKbWluaWt1YmVDQTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAMpX',
  '-----END CERTIFICATE-----',
  '',
].join('\n');

/** Served resources with their own storage (events.k8s.io events are core events). */
const STORED = RESOURCES.filter((r) => !r.storedAs);

interface Item {
  info: ResourceInfo;
  obj: KubeObject;
}

export class ControlPlaneLoops implements IDisposable {
  private gcScheduled = false;
  private nsScheduled = false;
  private publishScheduled = false;
  private readonly subscription: IDisposable;
  private disposed = false;

  constructor(
    private readonly api: ApiServer,
    private readonly clock: Clock,
  ) {
    this.subscription = api.onDidCommit((c) => {
      if (c.resource.kind === 'Namespace') {
        if (c.type === 'ADDED') this.schedulePublish();
        if (c.object.metadata.deletionTimestamp) this.scheduleNamespaces();
      }
      if (c.type === 'DELETED' || (c.object.metadata.deletionTimestamp && (c.object.metadata.finalizers ?? []).some((f) => f === 'orphan' || f === 'foregroundDeletion'))) this.scheduleGc();
      if (c.type === 'MODIFIED' && (c.object.metadata.ownerReferences ?? []).length !== (c.previous?.metadata.ownerReferences ?? []).length) this.scheduleGc();
      if (c.type === 'ADDED' && (c.object.metadata.ownerReferences ?? []).length) this.scheduleGc();
      if (c.type === 'DELETED' && c.resource.namespaced) this.scheduleNamespaces();
      if (c.type === 'DELETED' && (c.resource.kind === 'ServiceAccount' || c.resource.kind === 'ConfigMap')) this.schedulePublish();
    });
    // after a restore nothing is pending: look once
    this.scheduleGc();
    this.scheduleNamespaces();
    this.schedulePublish();
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
  }

  private scheduleGc(): void {
    if (this.gcScheduled || this.disposed) return;
    this.gcScheduled = true;
    this.clock.schedule(0, () => {
      this.gcScheduled = false;
      if (!this.disposed) this.collectGarbage();
    });
  }

  private scheduleNamespaces(): void {
    if (this.nsScheduled || this.disposed) return;
    this.nsScheduled = true;
    this.clock.schedule(NAMESPACE_SYNC_DELAY_MS, () => {
      this.nsScheduled = false;
      if (!this.disposed) this.syncNamespaces();
    });
  }

  private schedulePublish(): void {
    if (this.publishScheduled || this.disposed) return;
    this.publishScheduled = true;
    this.clock.schedule(0, () => {
      this.publishScheduled = false;
      if (!this.disposed) this.publish();
    });
  }

  private all(): Item[] {
    const out: Item[] = [];
    for (const info of STORED) {
      const l = this.api.list(info, '');
      if (l.ok) for (const obj of l.value.items) out.push({ info, obj });
    }
    return out;
  }

  private writeMeta(it: Item, edit: (o: KubeObject) => void): void {
    const copy = JSON.parse(JSON.stringify(it.obj)) as KubeObject;
    edit(copy);
    this.api.update(it.info, it.obj.metadata.namespace ?? '', it.obj.metadata.name ?? '', copy);
  }

  /** One garbage-collector pass. */
  collectGarbage(): void {
    const items = this.all();
    const byUid = new Map<string, Item>();
    for (const it of items) if (it.obj.metadata.uid) byUid.set(it.obj.metadata.uid, it);
    const dependentsOf = (uid: string): Item[] => items.filter((d) => (d.obj.metadata.ownerReferences ?? []).some((r) => r.uid === uid));
    for (const owner of items) {
      const m = owner.obj.metadata;
      if (!m.deletionTimestamp || !m.uid) continue;
      const fin = m.finalizers ?? [];
      if (fin.includes('orphan')) {
        for (const d of dependentsOf(m.uid)) this.writeMeta(d, (x) => void (x.metadata.ownerReferences = (x.metadata.ownerReferences ?? []).filter((r) => r.uid !== m.uid)));
        this.writeMeta(this.fresh(owner), (x) => void (x.metadata.finalizers = (x.metadata.finalizers ?? []).filter((f) => f !== 'orphan')));
      } else if (fin.includes('foregroundDeletion')) {
        const deps = dependentsOf(m.uid);
        for (const d of deps) if (!d.obj.metadata.deletionTimestamp) this.api.delete(d.info, d.obj.metadata.namespace ?? '', d.obj.metadata.name ?? '', { propagationPolicy: 'Foreground' });
        const blocking = dependentsOf(m.uid).filter((d) => this.stillThere(d) && (d.obj.metadata.ownerReferences ?? []).some((r) => r.uid === m.uid && r.blockOwnerDeletion));
        if (blocking.length === 0) this.writeMeta(this.fresh(owner), (x) => void (x.metadata.finalizers = (x.metadata.finalizers ?? []).filter((f) => f !== 'foregroundDeletion')));
      }
    }
    for (const stale of items) {
      if (!(stale.obj.metadata.ownerReferences ?? []).length || !this.stillThere(stale)) continue;
      const d = this.fresh(stale);
      const refs = d.obj.metadata.ownerReferences ?? [];
      if (!refs.length || d.obj.metadata.deletionTimestamp) continue;
      const live = (r: OwnerReference): boolean => {
        const owner = byUid.get(r.uid);
        return !!owner && owner.obj.kind === r.kind && this.stillThere(owner);
      };
      const dangling = refs.filter((r) => !live(r));
      if (dangling.length === 0) continue;
      if (dangling.length === refs.length) this.api.delete(d.info, d.obj.metadata.namespace ?? '', d.obj.metadata.name ?? '', { propagationPolicy: 'Background' });
      else this.writeMeta(this.fresh(d), (x) => void (x.metadata.ownerReferences = (x.metadata.ownerReferences ?? []).filter((r) => live(r))));
    }
  }

  private stillThere(it: Item): boolean {
    const r = this.api.get(it.info, it.obj.metadata.namespace ?? '', it.obj.metadata.name ?? '');
    return r.ok && r.value.metadata.uid === it.obj.metadata.uid;
  }

  private fresh(it: Item): Item {
    const r = this.api.get(it.info, it.obj.metadata.namespace ?? '', it.obj.metadata.name ?? '');
    return r.ok ? { info: it.info, obj: r.value } : it;
  }

  /** One namespace-controller pass. */
  syncNamespaces(): void {
    const l = this.api.list(NAMESPACES, '');
    if (!l.ok) return;
    for (const ns of l.value.items) {
      if (!ns.metadata.deletionTimestamp) continue;
      const name = ns.metadata.name ?? '';
      let remaining = 0;
      for (const info of STORED) {
        if (!info.namespaced) continue;
        const items = this.api.list(info, name);
        if (!items.ok) continue;
        for (const x of items.value.items) {
          remaining++;
          if (!x.metadata.deletionTimestamp) this.api.delete(info, name, x.metadata.name ?? '', { propagationPolicy: 'Background' });
        }
      }
      const still = STORED.some((info) => {
        if (!info.namespaced) return false;
        const items = this.api.list(info, name);
        return items.ok && items.value.items.length > 0;
      });
      if (remaining === 0 || !still) {
        const spec = (ns.spec ?? {}) as { finalizers?: string[] };
        this.api.update(NAMESPACES, '', name, { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: { finalizers: (spec.finalizers ?? []).filter((f) => f !== 'kubernetes') } }, { subresource: 'finalize' });
      }
    }
  }

  /** The service-account controller and root-CA publisher: one pass. */
  publish(): void {
    publishNamespaceDefaults(this.api);
  }
}

/** Every live namespace gets its `default` ServiceAccount and `kube-root-ca.crt` ConfigMap. */
export function publishNamespaceDefaults(api: ApiServer): void {
  const l = api.list(NAMESPACES, '');
  if (!l.ok) return;
  for (const ns of l.value.items) {
    if (ns.metadata.deletionTimestamp) continue;
    const name = ns.metadata.name ?? '';
    if (!api.get(SERVICE_ACCOUNTS, name, 'default').ok) api.create(SERVICE_ACCOUNTS, name, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
    if (!api.get(CONFIG_MAPS, name, 'kube-root-ca.crt').ok) {
      api.create(CONFIG_MAPS, name, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION } }, data: { 'ca.crt': ROOT_CA_PEM } });
    }
  }
}

export interface BootstrapOptions {
  /** The API server's address on the node network (minikube: 192.168.49.2): the `kubernetes` Endpoints. */
  advertiseAddress?: string;
  /** minikube's API server port. */
  securePort?: number;
}

/**
 * What a fresh API server makes: the system namespaces, the `kubernetes` Service on the first
 * service address, its Endpoints, and (as the publishers would a moment later) each namespace's
 * `default` ServiceAccount and `kube-root-ca.crt`.
 */
export function bootstrapCluster(api: ApiServer, opts: BootstrapOptions = {}): void {
  for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    api.create(NAMESPACES, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  const port = opts.securePort ?? 8443;
  api.create({ group: '', version: 'v1', resource: 'services' }, 'default', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: api.serviceIps.nth(0), ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: port }], sessionAffinity: 'None', type: 'ClusterIP' },
  });
  if (opts.advertiseAddress) {
    api.create({ group: '', version: 'v1', resource: 'endpoints' }, 'default', {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: opts.advertiseAddress }], ports: [{ name: 'https', port, protocol: 'TCP' }] }],
    });
  }
  publishNamespaceDefaults(api);
}
