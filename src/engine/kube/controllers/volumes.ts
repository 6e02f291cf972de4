/**
 * Persistent volumes on minikube:
 *
 * - `PersistentVolumeController` (kube-controller-manager's persistentvolume-binder, v1.33): binds a
 *   pending claim to a matching Available volume (class, access modes, capacity); when none matches and
 *   the claim's class names an external provisioner, annotates the claim
 *   (`volume.beta.kubernetes.io/storage-provisioner`, `volume.kubernetes.io/storage-provisioner`) and
 *   emits `ExternalProvisioning`; completes bindings (claim `spec.volumeName`, the `bind-completed`
 *   and `bound-by-controller` annotations, both phases Bound); a volume whose claim is gone becomes
 *   Released and, with reclaim policy Delete, is left to its provisioner to delete.
 *   Also the pvc-protection and pv-protection controllers: their finalizers go once nothing uses the
 *   object being deleted.
 * - `HostPathProvisioner`: minikube's storage-provisioner (k8s.io/minikube-hostpath, a
 *   sig-storage-lib-external-provisioner controller): a hostPath volume `pvc-<claim uid>` at
 *   `/tmp/hostpath-provisioner/<namespace>/<claim>` with the claim's size and access modes, the
 *   class's reclaim policy, pre-bound to the claim; events `Provisioning` and `ProvisioningSucceeded`
 *   from `k8s.io/minikube-hostpath_minikube_<uuid>`. Deletes the volumes it made once Released.
 */
import type { KubeObject } from '../apiserver';
import { compareQuantity, parseQuantity } from '../api';
import { EventRecorder } from './events';
import { Controller, selfKey, uuidFrom, type ControllerContext, type ReconcileResult, type WatchSpec } from './queue';
import { PODS, PVCS, PVS, STORAGE_CLASSES, arr, copy, isObj, o, rfc3339, splitKey, str, type Obj } from './util';

export const MINIKUBE_PROVISIONER = 'k8s.io/minikube-hostpath';
export const HOSTPATH_ROOT = '/tmp/hostpath-provisioner';
const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
const PV_PROTECTION = 'kubernetes.io/pv-protection';

function externalProvisioningMessage(provisioner: string): string {
  return `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;
}

const claimKey = (pvc: KubeObject): string => `${pvc.metadata.namespace ?? ''}/${pvc.metadata.name ?? ''}`;

function requestOf(pvc: KubeObject): string {
  return str(o(o(o(pvc.spec).resources).requests).storage);
}

function capacityFits(pv: KubeObject, request: string): boolean {
  const have = parseQuantity(str(o(o(pv.spec).capacity).storage));
  const want = parseQuantity(request || '0');
  if (!have.ok || !want.ok) return false;
  return compareQuantity(have.value, want.value) >= 0;
}

function classOf(x: KubeObject): string {
  return str(o(x.spec).storageClassName);
}

/** Whether a pod (not finished) mounts the claim. */
function claimInUse(pods: readonly KubeObject[], pvc: KubeObject): boolean {
  return pods.some((p) => {
    const phase = str(o(p.status).phase);
    if (phase === 'Succeeded' || phase === 'Failed') return false;
    return arr(o(p.spec).volumes).some((v) => str(o(v.persistentVolumeClaim).claimName) === pvc.metadata.name);
  });
}

export class PersistentVolumeController extends Controller {
  readonly name = 'persistentvolume-controller';
  private readonly recorder: EventRecorder;
  private readonly announced = new Set<string>();

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.recorder = new EventRecorder(ctx.api, ctx.clock, this.name);
  }

  protected watches(): WatchSpec[] {
    return [
      { gvr: PVCS, keys: (pvc) => [`claim:${claimKey(pvc)}`] },
      {
        gvr: PVS,
        keys: (pv) => {
          const ref = o(o(pv.spec).claimRef);
          const keys = [`volume:${pv.metadata.name ?? ''}`];
          if (str(ref.name)) keys.push(`claim:${str(ref.namespace)}/${str(ref.name)}`);
          else {
            // a new available volume may satisfy a pending claim
            const l = this.api.list(PVCS, '');
            if (l.ok) for (const c of l.value.items) if (str(o(c.status).phase) === 'Pending') keys.push(`claim:${claimKey(c)}`);
          }
          return keys;
        },
      },
      {
        gvr: PODS,
        keys: (pod) => arr(o(pod.spec).volumes).map((v) => str(o(v.persistentVolumeClaim).claimName)).filter(Boolean).map((c) => `claim:${pod.metadata.namespace ?? ''}/${c}`),
      },
    ];
  }

  reconcile(key: string): ReconcileResult | void {
    if (key.startsWith('claim:')) return this.syncClaim(key.slice(6));
    if (key.startsWith('volume:')) return this.syncVolume(key.slice(7));
    return undefined;
  }

  private syncClaim(k: string): void {
    const [ns, name] = splitKey(k);
    const got = this.api.get(PVCS, ns, name);
    if (!got.ok) {
      this.announced.delete(k);
      // the volume bound to it is Released now
      const pvs = this.api.list(PVS, '');
      if (pvs.ok) for (const pv of pvs.value.items) if (str(o(o(pv.spec).claimRef).name) === name && str(o(o(pv.spec).claimRef).namespace) === ns) this.enqueue(`volume:${pv.metadata.name ?? ''}`);
      return;
    }
    let pvc = got.value;
    if (pvc.metadata.deletionTimestamp) {
      // pvc-protection
      if ((pvc.metadata.finalizers ?? []).includes(PVC_PROTECTION)) {
        const pods = this.api.list(PODS, ns);
        if (pods.ok && !claimInUse(pods.value.items, pvc)) {
          this.api.patch(PVCS, ns, name, 'merge', { metadata: { finalizers: (pvc.metadata.finalizers ?? []).filter((f) => f !== PVC_PROTECTION) } });
        }
      }
      return;
    }
    const volumeName = str(o(pvc.spec).volumeName);
    if (volumeName) {
      const pv = this.api.get(PVS, '', volumeName);
      if (pv.ok) this.bind(pvc, pv.value);
      return;
    }
    // find an available volume for it
    const pvs = this.api.list(PVS, '');
    const cls = classOf(pvc);
    const modes = arr(o(pvc.spec).accessModes).length ? (o(pvc.spec).accessModes as string[]) : [];
    const candidates = (pvs.ok ? pvs.value.items : []).filter((pv) => {
      const ref = o(o(pv.spec).claimRef);
      if (str(ref.name) && (str(ref.name) !== name || str(ref.namespace) !== ns || (str(ref.uid) && str(ref.uid) !== pvc.metadata.uid))) return false;
      if (pv.metadata.deletionTimestamp) return false;
      if (classOf(pv) !== cls) return false;
      const pvModes = Array.isArray(o(pv.spec).accessModes) ? (o(pv.spec).accessModes as string[]) : [];
      if (!modes.every((m) => pvModes.includes(m))) return false;
      return capacityFits(pv, requestOf(pvc));
    });
    // pre-bound first, then the smallest that fits
    candidates.sort((a, b) => {
      const pa = str(o(o(a.spec).claimRef).name) ? 0 : 1;
      const pb = str(o(o(b.spec).claimRef).name) ? 0 : 1;
      if (pa !== pb) return pa - pb;
      const qa = parseQuantity(str(o(o(a.spec).capacity).storage));
      const qb = parseQuantity(str(o(o(b.spec).capacity).storage));
      return qa.ok && qb.ok ? compareQuantity(qa.value, qb.value) : 0;
    });
    const match = candidates[0];
    if (match) {
      this.bind(pvc, match);
      return;
    }
    if (!cls) {
      if (!this.announced.has(k)) {
        this.announced.add(k);
        this.recorder.event(pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
      }
      return;
    }
    const sc = this.api.get(STORAGE_CLASSES, '', cls);
    if (!sc.ok) {
      if (!this.announced.has(k)) {
        this.announced.add(k);
        this.recorder.event(pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${cls}" not found`);
      }
      return;
    }
    if (str(sc.value.volumeBindingMode) === 'WaitForFirstConsumer') {
      if (!this.announced.has(k)) {
        this.announced.add(k);
        this.recorder.event(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
      }
      return;
    }
    const provisioner = str(sc.value.provisioner);
    const ann = pvc.metadata.annotations ?? {};
    if (ann[ANN_STORAGE_PROVISIONER] !== provisioner || ann[ANN_BETA_STORAGE_PROVISIONER] !== provisioner) {
      const r = this.api.patch(PVCS, ns, name, 'merge', { metadata: { annotations: { [ANN_BETA_STORAGE_PROVISIONER]: provisioner, [ANN_STORAGE_PROVISIONER]: provisioner } } });
      if (r.ok) pvc = r.value;
    }
    if (!this.announced.has(k)) {
      this.announced.add(k);
      this.recorder.event(pvc, 'Normal', 'ExternalProvisioning', externalProvisioningMessage(provisioner));
    }
  }

  /** Completes a binding: the volume's claimRef and phase, then the claim. */
  private bind(pvc: KubeObject, pv: KubeObject): void {
    const ns = pvc.metadata.namespace ?? '';
    const name = pvc.metadata.name ?? '';
    const ref = o(o(pv.spec).claimRef);
    let volume = pv;
    if (str(ref.uid) !== pvc.metadata.uid) {
      const body = copy(pv) as unknown as Obj;
      o(body.spec).claimRef = { kind: 'PersistentVolumeClaim', namespace: ns, name, uid: pvc.metadata.uid ?? '', apiVersion: 'v1', resourceVersion: pvc.metadata.resourceVersion ?? '' };
      const meta = o(body.metadata);
      if (!str(ref.name)) meta.annotations = { ...o(meta.annotations), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
      const r = this.api.update(PVS, '', pv.metadata.name ?? '', body);
      if (!r.ok) return;
      volume = r.value;
    }
    if (str(o(volume.status).phase) !== 'Bound') {
      const body = copy(volume) as unknown as Obj;
      body.status = { ...o(body.status), phase: 'Bound', lastPhaseTransitionTime: rfc3339(this.clock.now()) };
      const r = this.api.update(PVS, '', volume.metadata.name ?? '', body, { subresource: 'status' });
      if (r.ok) volume = r.value;
    }
    const ann = pvc.metadata.annotations ?? {};
    let claim = pvc;
    if (str(o(pvc.spec).volumeName) !== volume.metadata.name || ann[ANN_BIND_COMPLETED] !== 'yes') {
      const body = copy(pvc) as unknown as Obj;
      o(body.spec).volumeName = volume.metadata.name ?? '';
      const meta = o(body.metadata);
      const a = { ...o(meta.annotations) };
      a[ANN_BIND_COMPLETED] = 'yes';
      if (!str(o(pvc.spec).volumeName)) a[ANN_BOUND_BY_CONTROLLER] = 'yes';
      meta.annotations = a;
      const r = this.api.update(PVCS, ns, name, body);
      if (!r.ok) return;
      claim = r.value;
    }
    if (str(o(claim.status).phase) !== 'Bound') {
      const body = copy(claim) as unknown as Obj;
      const spec = o(volume.spec);
      body.status = { phase: 'Bound', accessModes: copy(spec.accessModes ?? []), capacity: copy(spec.capacity ?? {}) };
      this.api.update(PVCS, ns, name, body, { subresource: 'status' });
    }
  }

  private syncVolume(name: string): void {
    const got = this.api.get(PVS, '', name);
    if (!got.ok) return;
    const pv = got.value;
    const phase = str(o(pv.status).phase);
    if (pv.metadata.deletionTimestamp) {
      // pv-protection: a volume no claim is bound to may go
      if ((pv.metadata.finalizers ?? []).includes(PV_PROTECTION) && phase !== 'Bound') {
        this.api.patch(PVS, '', name, 'merge', { metadata: { finalizers: (pv.metadata.finalizers ?? []).filter((f) => f !== PV_PROTECTION) } });
      }
      return;
    }
    const ref = o(o(pv.spec).claimRef);
    let next = phase;
    if (!str(ref.name)) next = 'Available';
    else {
      const claim = this.api.get(PVCS, str(ref.namespace), str(ref.name));
      const gone = !claim.ok || (str(ref.uid) !== '' && claim.value.metadata.uid !== str(ref.uid));
      if (gone) next = str(ref.uid) ? 'Released' : 'Available';
      else if (str(o(claim.value.spec).volumeName) === name) next = 'Bound';
      else if (phase !== 'Bound') next = phase || 'Available';
    }
    if (next && next !== phase) {
      const body = copy(pv) as unknown as Obj;
      body.status = { ...o(body.status), phase: next, lastPhaseTransitionTime: rfc3339(this.clock.now()) };
      this.api.update(PVS, '', name, body, { subresource: 'status' });
    }
  }
}

export interface HostPathProvisionerOptions {
  /** The node's name (minikube). */
  nodeName?: string;
  /** Called to make (true) or remove (false) a volume's directory on the node. */
  onDirectory?: (path: string, create: boolean) => void;
}

export class HostPathProvisioner extends Controller {
  readonly name: string;
  private readonly recorder: EventRecorder;
  private readonly identity: string;

  constructor(
    ctx: ControllerContext,
    private readonly opts: HostPathProvisionerOptions = {},
  ) {
    super(ctx);
    this.name = `${MINIKUBE_PROVISIONER}_${opts.nodeName ?? 'minikube'}_${uuidFrom(ctx, 'kube/provisioner/leader')}`;
    this.identity = uuidFrom(ctx, 'kube/provisioner/identity');
    this.recorder = new EventRecorder(ctx.api, ctx.clock, this.name);
  }

  protected watches(): WatchSpec[] {
    return [
      { gvr: PVCS, keys: (pvc) => [`claim:${claimKey(pvc)}`] },
      { gvr: PVS, keys: (pv) => [`volume:${selfKey(pv)[0]!.slice(1)}`] },
    ];
  }

  reconcile(key: string): ReconcileResult | void {
    if (key.startsWith('claim:')) this.provision(key.slice(6));
    else if (key.startsWith('volume:')) this.reclaim(key.slice(7));
  }

  private provision(k: string): void {
    const [ns, name] = splitKey(k);
    const got = this.api.get(PVCS, ns, name);
    if (!got.ok) return;
    const pvc = got.value;
    if (pvc.metadata.deletionTimestamp || str(o(pvc.spec).volumeName)) return;
    const ann = pvc.metadata.annotations ?? {};
    if ((ann[ANN_STORAGE_PROVISIONER] ?? ann[ANN_BETA_STORAGE_PROVISIONER]) !== MINIKUBE_PROVISIONER) return;
    const sc = this.api.get(STORAGE_CLASSES, '', classOf(pvc));
    if (!sc.ok || str(sc.value.provisioner) !== MINIKUBE_PROVISIONER) return;
    const pvName = `pvc-${pvc.metadata.uid ?? ''}`;
    if (this.api.get(PVS, '', pvName).ok) return;
    this.recorder.event(pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${name}"`);
    const path = `${HOSTPATH_ROOT}/${ns}/${name}`;
    this.opts.onDirectory?.(path, true);
    const storage = requestOf(pvc);
    const r = this.api.create(PVS, '', {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: pvName, annotations: { hostPathProvisionerIdentity: this.identity, [ANN_PROVISIONED_BY]: MINIKUBE_PROVISIONER } },
      spec: {
        accessModes: copy(o(pvc.spec).accessModes ?? []),
        capacity: storage ? { storage } : {},
        claimRef: { kind: 'PersistentVolumeClaim', namespace: ns, name, uid: pvc.metadata.uid ?? '', apiVersion: 'v1', resourceVersion: pvc.metadata.resourceVersion ?? '' },
        hostPath: { path, type: '' },
        persistentVolumeReclaimPolicy: str(sc.value.reclaimPolicy) || 'Delete',
        storageClassName: classOf(pvc),
        volumeMode: str(o(pvc.spec).volumeMode) || 'Filesystem',
      },
    });
    if (r.ok) this.recorder.event(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`);
    else this.recorder.event(pvc, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${classOf(pvc)}": ${r.status.message}`);
  }

  private reclaim(name: string): void {
    const got = this.api.get(PVS, '', name);
    if (!got.ok) return;
    const pv = got.value;
    if (pv.metadata.annotations?.[ANN_PROVISIONED_BY] !== MINIKUBE_PROVISIONER || pv.metadata.annotations.hostPathProvisionerIdentity !== this.identity) return;
    if (pv.metadata.deletionTimestamp) return;
    if (str(o(pv.status).phase) !== 'Released' || str(o(pv.spec).persistentVolumeReclaimPolicy) !== 'Delete') return;
    const hp = o(o(pv.spec).hostPath);
    if (isObj(hp) && str(hp.path)) this.opts.onDirectory?.(str(hp.path), false);
    this.api.delete(PVS, '', name, {});
  }
}
