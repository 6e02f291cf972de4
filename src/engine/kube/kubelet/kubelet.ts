/**
 * The kubelet of one node (pkg/kubelet, v1.33): it watches the pods bound to its node and runs them
 * as containers of the node's own Docker daemon, the way cri-dockerd does.
 *
 * - A pod gets a sandbox, the pause container `k8s_POD_<pod>_<ns>_<uid>_0`, whose network namespace
 *   gets the pod's address (the bridge CNI's host-local IPAM: 10.244.0.2 upwards, round robin); its
 *   containers `k8s_<container>_<pod>_<ns>_<uid>_<restartCount>` join it (`container:<sandbox>`),
 *   with cri-dockerd's labels, so `docker ps` on the node shows them as on a real one.
 * - Images follow imagePullPolicy against the node daemon's store (a host-built image is not there):
 *   events Pulling / Pulled / Failed / BackOff / ErrImageNeverPull, statuses ErrImagePull and
 *   ImagePullBackOff, the pull back-off 10 s doubling to 300 s.
 * - Containers restart per restartPolicy, the crash back-off keyed on the last finish (first restart
 *   at once, then 10 s, 20 s … 300 s: CrashLoopBackOff).
 * - Deletion: the stop signal, terminationGracePeriodSeconds, SIGKILL, then the API delete with
 *   gracePeriodSeconds 0.
 * - Volumes are bind mounts of the node's file system: emptyDir, configMap, secret and the projected
 *   service account token under /var/lib/kubelet/pods/<uid>/volumes, hostPath, and a claim's
 *   hostPath PersistentVolume (so data outlives the pod).
 *
 * Not simulated: probes (a running container is ready), init containers (run before the others,
 * in order, each to completion — see syncInit), resource limits (stored only), OOM kills.
 */
import type { Clock } from '../../core/clock';
import type { IDisposable } from '../../core/events';
import type { IdGen } from '../../core/ids';
import { DaemonError, type AttachIO, type ContainerRecord, type ContainerSpec, type DockerDaemon, type MountSpec } from '../../docker/daemon';
import type { FileSystem } from '../../fs/types';
import type { NetNamespace } from '../../net/net';
import type { Kernel, Process } from '../../runtime/kernel';
import { CollectingWriter, nullReader } from '../../runtime/streams';
import type { ApiServer, ApiStatus, KubeObject } from '../apiserver';
import { goDuration, jsonCopy, rfc3339, rfc3339Nano } from './format';
import { COREDNS_PROGRAM, IDLE_PROGRAM, PAUSE_IMAGE, corednsProgram, ensureNodeImages, idleProgram, loadImage } from './images';
import { mirrorPod, registerNode, staticPods } from './nodestatus';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const o = (v: unknown): Obj => (isObj(v) ? v : {});
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const PODS = { group: '', version: 'v1', resource: 'pods' };
const EVENTS = { group: '', version: 'v1', resource: 'events' };
const NODES = { group: '', version: 'v1', resource: 'nodes' };
const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
const PVS = { group: '', version: 'v1', resource: 'persistentvolumes' };
const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' };
const SECRETS = { group: '', version: 'v1', resource: 'secrets' };
const SERVICES = { group: '', version: 'v1', resource: 'services' };

/** The socket name kubectl looks the kubelet up by (src/cli/kubectl/client.ts kubeletSocketName). */
export function kubeletSocket(nodeName: string): string {
  return `kubelet:${nodeName}`;
}

export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;
const POD_NETWORK = 'kube-bridge';

export interface KubeletOptions {
  readonly api: ApiServer;
  /** The node's Docker daemon (its `hostFs` must be `nodeFs`: bind mounts resolve there). */
  readonly daemon: DockerDaemon;
  readonly kernel: Kernel;
  readonly clock: Clock;
  readonly ids: IdGen;
  readonly nodeName?: string;
  /** The node's root file system (volumes, hostPath). */
  readonly nodeFs: FileSystem;
  /** The node's address (minikube's docker driver: 192.168.49.2). */
  readonly nodeIp?: string;
  readonly cpu?: string;
  readonly memory?: string;
  readonly kernelVersion?: string;
  /** Post the control plane's mirror pods (default true). */
  readonly staticPods?: boolean;
  readonly state?: KubeletState;
}

interface Terminated {
  exitCode: number;
  reason: string;
  message?: string;
  startedAt: number;
  finishedAt: number;
  containerID: string;
  signal?: number;
}

interface BackOff {
  delay: number;
  lastUpdate: number;
}

interface ContainerRuntime {
  name: string;
  restartCount: number;
  /** The docker container of the current attempt. */
  id?: string;
  /** The docker container of the attempt before (`logs --previous`). */
  prevId?: string;
  waiting?: { reason: string; message?: string };
  lastTerm?: Terminated;
  /** The current attempt's end, once it ended. */
  term?: Terminated;
  crash?: BackOff;
  pull?: BackOff & { err: string };
  imageRef?: string;
  imageId?: string;
  init?: boolean;
  /** The readiness probe's verdict for the current attempt (no probe: ready while running). */
  ready?: boolean;
}

interface Condition {
  status: 'True' | 'False';
  time: number;
  reason?: string;
  message?: string;
}

interface PodRuntime {
  uid: string;
  /** The uid the runtime names things by (a static pod's config hash). */
  runtimeUid: string;
  ns: string;
  name: string;
  ip: string;
  hostNetwork: boolean;
  sandboxId?: string;
  startTime: number;
  containers: Record<string, ContainerRuntime>;
  conditions: Record<string, Condition>;
  phase: string;
  terminating?: boolean;
  /** The sandbox was torn down for a finished pod. */
  finished?: boolean;
}

export interface KubeletState {
  readonly pods: readonly PodRuntime[];
  readonly lastIp: number;
  readonly events: Readonly<Record<string, number>>;
}

export type LogsResult = { ok: true } | { ok: false; status: ApiStatus };

export interface LogsOptions {
  follow?: boolean;
  previous?: boolean;
  tail?: number;
  timestamps?: boolean;
}

function badRequest(message: string): ApiStatus {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'BadRequest', code: 400 };
}

function notFoundStatus(message: string): ApiStatus {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'NotFound', code: 404 };
}

/** The cri-dockerd container name of a pod's container (`POD` for the sandbox). */
export function dockerName(container: string, pod: string, ns: string, uid: string, attempt: number): string {
  return `k8s_${container}_${pod}_${ns}_${uid}_${attempt}`;
}

export class Kubelet implements IDisposable {
  readonly nodeName: string;
  private readonly api: ApiServer;
  private readonly daemon: DockerDaemon;
  private readonly clock: Clock;
  private readonly ids: IdGen;
  private readonly nodeIp: string;
  private readonly pods = new Map<string, PodRuntime>();
  private readonly busy = new Set<string>();
  private readonly again = new Set<string>();
  private readonly timers = new Map<string, IDisposable>();
  private readonly waits = new Set<string>();
  /** What each pod's spec looked like at the last wake-up. */
  private readonly seen = new Map<string, string>();
  /** Probe timers by docker container id (not in snapshots: re-armed on start). */
  private readonly probes = new Map<string, IDisposable[]>();
  private lastIp = 1;
  private eventSeq: Record<string, number> = {};
  private watch: IDisposable | undefined;
  private started = false;
  /** Syncs under way (tests and `settle` wait for them). */
  private inflight = new Set<Promise<void>>();

  constructor(private readonly opts: KubeletOptions) {
    this.api = opts.api;
    this.daemon = opts.daemon;
    this.clock = opts.clock;
    this.ids = opts.ids;
    this.nodeName = opts.nodeName ?? 'minikube';
    this.nodeIp = opts.nodeIp ?? '192.168.49.2';
    if (opts.state) {
      for (const p of opts.state.pods) this.pods.set(p.uid, jsonCopy(p));
      this.lastIp = opts.state.lastIp;
      this.eventSeq = { ...opts.state.events };
    }
  }

  // ----- lifecycle -------------------------------------------------------------------------------

  /** Registers the node, the kubelet's socket and the mirror pods, then runs the bound pods. */
  start(): this {
    if (this.started) return this;
    this.started = true;
    const { kernel } = this.opts;
    if (!kernel.programs.get(IDLE_PROGRAM)) kernel.programs.register(idleProgram);
    if (!kernel.programs.get(COREDNS_PROGRAM)) kernel.programs.register(corednsProgram);
    ensureNodeImages(this.daemon);
    this.registerNode();
    this.ensureLease();
    kernel.sockets.set(kubeletSocket(this.nodeName), { connect: () => Promise.resolve(this) });
    if (this.opts.staticPods !== false) this.postMirrorPods();
    const r = this.api.watch(PODS, '', {}, (e) => {
      const pod = e.object;
      if (str(o(pod.spec).nodeName) !== this.nodeName) return;
      const uid = pod.metadata.uid ?? '';
      if (e.type === 'DELETED') {
        this.seen.delete(uid);
        this.forget(uid);
        return;
      }
      // Status-only changes (its own writes among them) do not wake the pod's worker.
      const key = JSON.stringify([pod.spec, pod.metadata.deletionTimestamp ?? '', pod.metadata.labels ?? {}, pod.metadata.annotations ?? {}]);
      if (this.seen.get(uid) === key) return;
      this.seen.set(uid, key);
      this.requestSync(uid);
    });
    this.watch = r.ok ? r.value : undefined;
    for (const uid of this.pods.keys()) this.requestSync(uid);
    return this;
  }

  stop(): void {
    this.watch?.dispose();
    this.watch = undefined;
    for (const t of this.timers.values()) t.dispose();
    this.timers.clear();
    for (const list of this.probes.values()) for (const t of list) t.dispose();
    this.probes.clear();
    this.opts.kernel.sockets.delete(kubeletSocket(this.nodeName));
    this.started = false;
  }

  dispose(): void {
    this.stop();
  }

  snapshot(): KubeletState {
    return { pods: [...this.pods.values()].map((p) => jsonCopy(p)), lastIp: this.lastIp, events: { ...this.eventSeq } };
  }

  /** Resolves when no sync is under way (the work a clock step started has settled). */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.all([...this.inflight]);
  }

  /** `minikube image load`: the image `ref` of `from` (the host's daemon) into the node's store. */
  loadImage(from: DockerDaemon, ref: string): boolean {
    return loadImage(from, this.daemon, ref) !== undefined;
  }

  private registerNode(): void {
    const images = this.daemon.listImages().map((i) => ({ names: [...i.repoDigests.map((d) => d.replace(/^([^/]+)@/, 'docker.io/library/$1@')), ...i.repoTags], sizeBytes: i.size }));
    registerNode(
      this.api,
      { name: this.nodeName, ip: this.nodeIp, cpu: this.opts.cpu ?? '2', memory: this.opts.memory ?? '3912780Ki', podCIDR: '10.244.0.0/24', kernel: this.opts.kernelVersion ?? '6.1.0-28-amd64', created: this.clock.now() },
      this.clock.now(),
      images,
    );
  }

  /** The node's heartbeat Lease (renewed only when the kubelet starts: no periodic timers). */
  private ensureLease(): void {
    const LEASES = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };
    const node = this.api.get(NODES, '', this.nodeName);
    const now = new Date(this.clock.now()).toISOString().replace('Z', '000Z');
    const spec = { holderIdentity: this.nodeName, leaseDurationSeconds: 40, renewTime: now };
    const got = this.api.get(LEASES, 'kube-node-lease', this.nodeName);
    if (got.ok) {
      this.api.update(LEASES, 'kube-node-lease', this.nodeName, { ...jsonCopy(got.value), spec: { ...o(got.value.spec), ...spec } });
      return;
    }
    this.api.create(LEASES, 'kube-node-lease', {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.nodeName, ...(node.ok ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: node.value.metadata.uid ?? '' }] } : {}) },
      spec,
    });
  }

  private postMirrorPods(): void {
    const node = this.api.get(NODES, '', this.nodeName);
    const nodeUid = node.ok ? (node.value.metadata.uid ?? '') : '';
    for (const sp of staticPods(this.nodeIp)) {
      const name = `${sp.component}-${this.nodeName}`;
      if (this.api.get(PODS, 'kube-system', name).ok) continue;
      const hash = this.ids.hex(`static-pod:${sp.component}`, 32);
      this.api.create(PODS, 'kube-system', mirrorPod(sp, this.nodeName, nodeUid, hash, new Date(this.clock.now()).toISOString().replace('Z', '000000Z')));
    }
  }

  // ----- the sync loop ---------------------------------------------------------------------------

  private requestSync(uid: string): void {
    if (!this.started) return;
    if (this.busy.has(uid)) {
      this.again.add(uid);
      return;
    }
    this.busy.add(uid);
    const run = (async () => {
      try {
        do {
          this.again.delete(uid);
          await this.syncPod(uid);
        } while (this.again.has(uid));
      } catch (e) {
        // a bug here must not take the world down; the pod stays as it was
        console.error('dockyard: kubelet sync failed', e);
      } finally {
        this.busy.delete(uid);
      }
    })();
    this.inflight.add(run);
    void run.then(() => this.inflight.delete(run));
  }

  private syncLater(uid: string, ms: number): void {
    this.timers.get(uid)?.dispose();
    this.timers.set(
      uid,
      this.clock.schedule(ms, () => {
        this.timers.delete(uid);
        this.requestSync(uid);
      }),
    );
  }

  private wait(ms: number): Promise<void> {
    return this.clock.sleep(ms).promise;
  }

  private current(uid: string): KubeObject | undefined {
    const ps = this.pods.get(uid);
    if (ps) {
      const r = this.api.get(PODS, ps.ns, ps.name);
      return r.ok && r.value.metadata.uid === uid ? r.value : undefined;
    }
    const l = this.api.list(PODS, '', { fieldSelector: `spec.nodeName=${this.nodeName}` });
    return l.ok ? l.value.items.find((p) => p.metadata.uid === uid) : undefined;
  }

  private async syncPod(uid: string): Promise<void> {
    const pod = this.current(uid);
    if (!pod) {
      this.forget(uid);
      return;
    }
    let ps = this.pods.get(uid);
    const spec = o(pod.spec);
    if (!ps) {
      const phase = str(o(pod.status).phase);
      if (phase === 'Succeeded' || phase === 'Failed') return;
      const ann = pod.metadata.annotations ?? {};
      ps = {
        uid,
        runtimeUid: ann['kubernetes.io/config.mirror'] ?? uid,
        ns: pod.metadata.namespace ?? '',
        name: pod.metadata.name ?? '',
        ip: '',
        hostNetwork: spec.hostNetwork === true,
        startTime: this.clock.now(),
        containers: {},
        conditions: {},
        phase: 'Pending',
      };
      for (const c of arr(spec.initContainers)) ps.containers[str(c.name)] = { name: str(c.name), restartCount: 0, init: true, waiting: { reason: 'PodInitializing' } };
      for (const c of arr(spec.containers)) ps.containers[str(c.name)] = { name: str(c.name), restartCount: 0, waiting: { reason: arr(spec.initContainers).length ? 'PodInitializing' : 'ContainerCreating' } };
      this.pods.set(uid, ps);
      this.setCondition(ps, 'PodReadyToStartContainers', 'False');
      this.setCondition(ps, 'Initialized', arr(spec.initContainers).length ? 'False' : 'True', arr(spec.initContainers).length ? 'ContainersNotInitialized' : undefined);
      this.writeStatus(pod, ps);
    }
    if (pod.metadata.deletionTimestamp) {
      await this.terminate(pod, ps);
      return;
    }
    if (ps.finished) return;
    this.observe(ps, pod);

    // The sandbox.
    if (!ps.sandboxId || !this.daemon.container(ps.sandboxId)?.state.Running) {
      if (!(await this.runSandbox(pod, ps))) return;
    }
    this.ensurePodNet(ps);

    // Volumes.
    const vol = this.prepareVolumes(pod, ps);
    if (!vol.ok) {
      this.writeStatus(pod, ps);
      this.syncLater(uid, 2000);
      return;
    }

    // Init containers, in order, each to completion.
    const inits = arr(spec.initContainers);
    let initDone = true;
    for (const c of inits) {
      const cr = ps.containers[str(c.name)]!;
      if (cr.term && cr.term.exitCode === 0) continue;
      initDone = false;
      if (cr.id && this.daemon.container(cr.id)?.state.Running) break;
      if (cr.term && str(spec.restartPolicy) === 'Never') break;
      await this.startContainer(pod, ps, c, vol.mounts);
      break;
    }
    if (inits.length) this.setCondition(ps, 'Initialized', initDone ? 'True' : 'False', initDone ? undefined : 'ContainersNotInitialized', initDone ? undefined : `containers with incomplete status: [${inits.filter((c) => !(ps.containers[str(c.name)]?.term?.exitCode === 0)).map((c) => str(c.name)).join(' ')}]`);

    if (initDone) {
      for (const c of arr(spec.containers)) {
        const cr = ps.containers[str(c.name)]!;
        if (cr.id && this.daemon.container(cr.id)?.state.Running) continue;
        if (cr.term && !this.shouldRestart(spec, cr.term)) continue;
        await this.startContainer(pod, ps, c, vol.mounts);
      }
    }
    this.observe(ps);
    const fresh = this.current(uid);
    if (!fresh) return;
    if (fresh.metadata.deletionTimestamp) {
      this.again.add(uid);
      return;
    }
    this.writeStatus(fresh, ps);
    if (ps.phase === 'Succeeded' || ps.phase === 'Failed') await this.finish(ps);
  }

  private shouldRestart(spec: Obj, t: Terminated): boolean {
    const policy = str(spec.restartPolicy) || 'Always';
    return policy === 'Always' || (policy === 'OnFailure' && t.exitCode !== 0);
  }

  /** Reads the daemon's view of each container (exits since the last sync). */
  private observe(ps: PodRuntime, pod?: KubeObject): void {
    for (const cr of Object.values(ps.containers)) {
      if (!cr.id || cr.term) continue;
      const rec = this.daemon.container(cr.id);
      if (rec?.state.Running) {
        // after a restore: watch it again
        this.watchExit(ps.uid, rec.id);
        const c = pod ? arr(o(pod.spec).containers).find((x) => str(x.name) === cr.name) : undefined;
        if (c && !this.probes.has(rec.id)) this.armProbes(ps, c, cr, rec.id);
        continue;
      }
      if (!rec) continue;
      this.stopProbes(rec.id);
      if (rec.state.StartedAt === 0) continue;
      cr.term = {
        exitCode: rec.state.ExitCode,
        reason: rec.state.OOMKilled ? 'OOMKilled' : rec.state.ExitCode === 0 ? 'Completed' : 'Error',
        startedAt: rec.state.StartedAt,
        finishedAt: rec.state.FinishedAt,
        containerID: `docker://${rec.id}`,
      };
    }
  }

  // ----- sandbox and network ---------------------------------------------------------------------

  private allocateIp(): string {
    const used = new Set([...this.pods.values()].filter((p) => p.ip && !p.finished).map((p) => p.ip));
    for (let i = 0; i < 253; i++) {
      const n = ((this.lastIp - 1 + i) % 253) + 2;
      const ip = `10.244.0.${n}`;
      if (!used.has(ip)) {
        this.lastIp = n;
        return ip;
      }
    }
    return '';
  }

  private async runSandbox(pod: KubeObject, ps: PodRuntime): Promise<boolean> {
    if (!this.daemon.image(PAUSE_IMAGE)) ensureNodeImages(this.daemon, (r) => r === PAUSE_IMAGE);
    const attempt = ps.sandboxId ? 1 : 0;
    if (ps.sandboxId) {
      try {
        this.daemon.remove(ps.sandboxId, true);
      } catch {
        // already gone
      }
    }
    const labels: Record<string, string> = {
      ...(pod.metadata.labels ?? {}),
      'annotation.kubernetes.io/config.seen': new Date(ps.startTime).toISOString().replace('Z', '000000Z'),
      'annotation.kubernetes.io/config.source': pod.metadata.annotations?.['kubernetes.io/config.source'] ?? 'api',
      'io.kubernetes.container.name': 'POD',
      'io.kubernetes.docker.type': 'podsandbox',
      'io.kubernetes.pod.name': ps.name,
      'io.kubernetes.pod.namespace': ps.ns,
      'io.kubernetes.pod.uid': ps.runtimeUid,
    };
    try {
      const rec = this.daemon.createContainer({
        image: PAUSE_IMAGE,
        name: dockerName('POD', ps.name, ps.ns, ps.runtimeUid, attempt),
        hostname: ps.hostNetwork ? this.nodeName : ps.name,
        labels,
        networkMode: 'none',
        restart: 'no',
      });
      this.daemon.startContainer(rec.id);
      ps.sandboxId = rec.id;
    } catch (e) {
      this.event(pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${e instanceof Error ? e.message : String(e)}`);
      this.syncLater(ps.uid, 10_000);
      return false;
    }
    ps.ip = ps.hostNetwork ? this.nodeIp : this.allocateIp();
    this.setCondition(ps, 'PodReadyToStartContainers', 'True');
    return true;
  }

  /** CNI ADD: the pod's address in the sandbox's network namespace. */
  private ensurePodNet(ps: PodRuntime): void {
    const net = this.sandboxNet(ps);
    if (!net || ps.hostNetwork || !ps.ip) return;
    if (!net.addresses.includes(ps.ip)) net.addresses.push(ps.ip);
    net.segments = new Set([POD_NETWORK]);
  }

  private sandboxNet(ps: PodRuntime): NetNamespace | undefined {
    if (!ps.sandboxId || !this.daemon.container(ps.sandboxId)) return undefined;
    return this.daemon.processes(ps.sandboxId)[0]?.ns.net;
  }

  /** The pod's network namespace (port-forward, the Networking issue). */
  podNetwork(namespace: string, name: string): NetNamespace | undefined {
    const ps = this.byName(namespace, name);
    return ps ? this.sandboxNet(ps) : undefined;
  }

  // ----- volumes ---------------------------------------------------------------------------------

  private podDir(ps: PodRuntime): string {
    return `/var/lib/kubelet/pods/${ps.uid}`;
  }

  private mkdirp(path: string, mode?: number): void {
    const fs = this.opts.nodeFs;
    if (!fs.exists(path)) fs.mkdir(path, { recursive: true, ...(mode !== undefined ? { mode } : {}) });
  }

  private writeFiles(dir: string, files: Record<string, string | Uint8Array>): void {
    const fs = this.opts.nodeFs;
    this.mkdirp(dir);
    for (const [name, data] of Object.entries(files)) {
      const p = `${dir}/${name}`;
      this.mkdirp(p.slice(0, p.lastIndexOf('/')));
      fs.writeFile(p, data);
    }
  }

  /** Sets up the pod's volumes on the node; the mounts for its containers, by volume name. */
  private prepareVolumes(pod: KubeObject, ps: PodRuntime): { ok: true; mounts: Map<string, string> } | { ok: false } {
    const mounts = new Map<string, string>();
    const spec = o(pod.spec);
    const base = `${this.podDir(ps)}/volumes`;
    for (const v of arr(spec.volumes)) {
      const name = str(v.name);
      try {
        if (isObj(v.emptyDir)) {
          const dir = `${base}/kubernetes.io~empty-dir/${name}`;
          this.mkdirp(dir, 0o777);
          mounts.set(name, dir);
        } else if (isObj(v.hostPath)) {
          const path = str(v.hostPath.path);
          const type = str(v.hostPath.type);
          if (type === 'DirectoryOrCreate' || type === '') this.mkdirp(path, 0o755);
          else if (type === 'Directory' && !this.opts.nodeFs.exists(path)) {
            this.event(pod, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${name}" : hostPath type check failed: ${path} is not a directory`);
            return { ok: false };
          }
          mounts.set(name, path);
        } else if (isObj(v.persistentVolumeClaim)) {
          const claim = str(v.persistentVolumeClaim.claimName);
          const pvc = this.api.get(PVCS, ps.ns, claim);
          if (!pvc.ok) {
            this.event(pod, 'Warning', 'FailedMount', `Unable to attach or mount volumes: unmounted volumes=[${name}], unattached volumes=[], failed to process volumes=[${name}]: error processing PVC ${ps.ns}/${claim}: PVC is not bound`);
            return { ok: false };
          }
          const pvName = str(o(pvc.value.spec).volumeName);
          const pv = pvName ? this.api.get(PVS, '', pvName) : undefined;
          const path = pv?.ok ? str(o(o(pv.value.spec).hostPath).path) : '';
          if (!path) return { ok: false };
          this.mkdirp(path, 0o777);
          mounts.set(name, path);
        } else if (isObj(v.configMap) || isObj(v.secret)) {
          const isCm = isObj(v.configMap);
          const src = o(isCm ? v.configMap : v.secret);
          const ref = str(isCm ? src.name : src.secretName);
          const got = this.api.get(isCm ? CONFIGMAPS : SECRETS, ps.ns, ref);
          if (!got.ok) {
            if (src.optional === true) continue;
            this.event(pod, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${name}" : ${isCm ? 'configmap' : 'secret'} "${ref}" not found`);
            for (const cr of Object.values(ps.containers)) if (!cr.id) cr.waiting = { reason: 'ContainerCreating' };
            return { ok: false };
          }
          const data = isCm ? stringData(got.value.data) : decodeSecret(got.value.data);
          const items = arr(src.items);
          const files: Record<string, string | Uint8Array> = {};
          if (items.length) for (const it of items) files[str(it.path)] = data[str(it.key)] ?? '';
          else Object.assign(files, data);
          const dir = `${base}/kubernetes.io~${isCm ? 'configmap' : 'secret'}/${name}`;
          this.writeFiles(dir, files);
          mounts.set(name, dir);
        } else if (isObj(v.projected)) {
          const dir = `${base}/kubernetes.io~projected/${name}`;
          const files: Record<string, string> = {};
          for (const s of arr(v.projected.sources)) {
            if (isObj(s.serviceAccountToken)) files[str(s.serviceAccountToken.path) || 'token'] = this.token(ps);
            if (isObj(s.configMap)) {
              const cm = this.api.get(CONFIGMAPS, ps.ns, str(s.configMap.name));
              const d = cm.ok ? stringData(cm.value.data) : {};
              for (const it of arr(s.configMap.items)) files[str(it.path)] = d[str(it.key)] ?? '';
            }
            if (isObj(s.downwardAPI)) for (const it of arr(s.downwardAPI.items)) files[str(it.path)] = fieldValue(pod, ps, str(o(it.fieldRef).fieldPath));
          }
          this.writeFiles(dir, files);
          mounts.set(name, dir);
        }
      } catch {
        // a path the node cannot make: the container starts without it
      }
    }
    return { ok: true, mounts };
  }

  /** A service account token's look (a JWT; nothing checks it). */
  private token(ps: PodRuntime): string {
    const b64 = (s: string) => btoa(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    const head = b64(JSON.stringify({ alg: 'RS256', kid: this.ids.hex('sa-kid', 43) }));
    const now = Math.floor(this.clock.now() / 1000);
    const body = b64(JSON.stringify({ aud: ['https://kubernetes.default.svc.cluster.local'], exp: now + 31536000, iat: now, iss: 'https://kubernetes.default.svc.cluster.local', 'kubernetes.io': { namespace: ps.ns, pod: { name: ps.name, uid: ps.uid } }, sub: `system:serviceaccount:${ps.ns}:default` }));
    return `${head}.${body}.${this.ids.hex(`sa-sig:${ps.uid}`, 86)}`;
  }

  // ----- containers ------------------------------------------------------------------------------

  private async ensureImage(pod: KubeObject, ps: PodRuntime, c: Obj, cr: ContainerRuntime): Promise<boolean> {
    const image = str(c.image);
    const tagged = /[:@][^/]*$/.test(image) ? image : `${image}:latest`;
    const policy = str(c.imagePullPolicy) || (/:latest$/.test(tagged) || !/:[^/]*$/.test(image) ? 'Always' : 'IfNotPresent');
    const present = this.daemon.image(image);
    const ref = fieldPath(pod, cr);
    if (policy === 'Never' || (policy === 'IfNotPresent' && present)) {
      if (present) {
        this.event(pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, ref);
        cr.imageId = present.id;
        return true;
      }
      const msg = `Container image "${image}" is not present with pull policy of Never`;
      this.event(pod, 'Warning', 'ErrImageNeverPull', msg, ref);
      this.event(pod, 'Warning', 'Failed', 'Error: ErrImageNeverPull', ref);
      cr.waiting = { reason: 'ErrImageNeverPull', message: msg };
      return false;
    }
    const now = this.clock.now();
    if (cr.pull && now - cr.pull.lastUpdate < cr.pull.delay) {
      const msg = `Back-off pulling image "${image}"`;
      this.event(pod, 'Normal', 'BackOff', msg, ref);
      this.event(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', ref);
      cr.waiting = { reason: 'ImagePullBackOff', message: `${msg}: ${cr.pull.err}` };
      this.syncLater(ps.uid, cr.pull.lastUpdate + cr.pull.delay - now);
      return false;
    }
    this.event(pod, 'Normal', 'Pulling', `Pulling image "${image}"`, ref);
    const t0 = this.clock.now();
    try {
      const img = await this.daemon.pull(image, () => {}, (ms) => this.wait(ms));
      const took = Math.round(this.clock.now() - t0);
      this.event(pod, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${goDuration(took)} (${goDuration(took)} including waiting). Image size: ${img.size} bytes.`, ref);
      cr.imageId = img.id;
      cr.pull = undefined;
      return true;
    } catch (e) {
      const err = e instanceof DaemonError ? `Error response from daemon: ${e.message}` : String(e);
      this.event(pod, 'Warning', 'Failed', `Failed to pull image "${image}": ${err}`, ref);
      this.event(pod, 'Warning', 'Failed', 'Error: ErrImagePull', ref);
      const at = this.clock.now();
      const delay = cr.pull ? Math.min(cr.pull.delay * 2, BACKOFF_MAX_MS) : BACKOFF_INITIAL_MS;
      cr.pull = { delay, lastUpdate: at, err: `ErrImagePull: ${err}` };
      cr.waiting = { reason: 'ErrImagePull', message: err };
      this.syncLater(ps.uid, 1000);
      return false;
    }
  }

  private async startContainer(pod: KubeObject, ps: PodRuntime, c: Obj, volumes: Map<string, string>): Promise<void> {
    const name = str(c.name);
    const cr = ps.containers[name]!;
    const ref = fieldPath(pod, cr);
    // The crash back-off, from the last finish.
    if (cr.term) {
      const now = this.clock.now();
      const since = cr.term.finishedAt;
      if (cr.crash && now - cr.crash.lastUpdate > 2 * BACKOFF_MAX_MS) cr.crash = undefined;
      if (cr.crash && now - since < cr.crash.delay) {
        this.event(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${name} in pod ${ps.name}_${ps.ns}(${ps.uid})`, ref);
        cr.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(cr.crash.delay)} restarting failed container=${name} pod=${ps.name}_${ps.ns}(${ps.uid})` };
        this.syncLater(ps.uid, since + cr.crash.delay - now);
        return;
      }
      cr.crash = { delay: cr.crash ? Math.min(cr.crash.delay * 2, BACKOFF_MAX_MS) : BACKOFF_INITIAL_MS, lastUpdate: since };
    }
    if (!(await this.ensureImage(pod, ps, c, cr))) return;
    const attempt = cr.term ? cr.restartCount + 1 : cr.restartCount;
    const containerSpec = this.containerSpec(pod, ps, c, attempt, volumes);
    let rec: ContainerRecord;
    try {
      // A dead attempt of the same name (after a restore) goes first.
      const old = this.daemon.container(containerSpec.name!);
      if (old && old.id !== cr.id) this.daemon.remove(old.id, true);
      rec = this.daemon.createContainer(containerSpec);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      this.event(pod, 'Warning', 'Failed', `Error: ${msg}`, ref);
      cr.waiting = { reason: 'CreateContainerError', message: msg };
      this.syncLater(ps.uid, 10_000);
      return;
    }
    // Keep the attempt before (logs --previous); remove older ones, as the container GC does.
    if (cr.term) {
      if (cr.prevId && cr.prevId !== cr.id) this.safeRemove(cr.prevId);
      cr.prevId = cr.id;
      cr.lastTerm = cr.term;
      cr.restartCount = attempt;
      cr.term = undefined;
    }
    cr.id = rec.id;
    cr.imageRef = str(c.image);
    this.event(pod, 'Normal', 'Created', `Created container: ${name}`, ref);
    try {
      this.daemon.startContainer(rec.id);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      this.event(pod, 'Warning', 'Failed', `Error: ${msg}`, ref);
      const now = this.clock.now();
      cr.term = { exitCode: e instanceof DaemonError && e.status >= 126 ? e.status : 128, reason: 'ContainerCannotRun', message: msg, startedAt: now, finishedAt: now, containerID: `docker://${rec.id}` };
      cr.waiting = { reason: 'RunContainerError', message: msg };
      this.syncLater(ps.uid, 1000);
      return;
    }
    cr.waiting = undefined;
    cr.ready = undefined;
    this.event(pod, 'Normal', 'Started', `Started container ${name}`, ref);
    this.watchExit(ps.uid, rec.id);
    this.armProbes(ps, c, cr, rec.id);
  }

  // ----- probes ----------------------------------------------------------------------------------

  private stopProbes(id: string): void {
    for (const t of this.probes.get(id) ?? []) t.dispose();
    this.probes.delete(id);
  }

  /** Readiness and liveness probes (exec, httpGet, tcpSocket) on the clock, as the prober runs them. */
  private armProbes(ps: PodRuntime, c: Obj, cr: ContainerRuntime, id: string): void {
    const timers: IDisposable[] = [];
    this.probes.set(id, timers);
    const kinds: ['Readiness' | 'Liveness', Obj][] = [];
    if (isObj(c.readinessProbe)) kinds.push(['Readiness', c.readinessProbe]);
    if (isObj(c.livenessProbe)) kinds.push(['Liveness', c.livenessProbe]);
    if (!isObj(c.readinessProbe)) cr.ready = undefined;
    else cr.ready = false;
    kinds.forEach(([kind, probe], k) => {
      const period = (typeof probe.periodSeconds === 'number' ? probe.periodSeconds : 10) * 1000;
      const failureThreshold = typeof probe.failureThreshold === 'number' ? probe.failureThreshold : 3;
      const successThreshold = typeof probe.successThreshold === 'number' ? probe.successThreshold : 1;
      let failures = 0;
      let successes = 0;
      const tick = (delay: number) => {
        timers[k] = this.clock.schedule(delay, () => {
          void (async () => {
            const rec = this.daemon.container(id);
            if (!rec?.state.Running || cr.id !== id) return this.stopProbes(id);
            const result = await this.probe(ps, probe, id);
            if (!this.daemon.container(id)?.state.Running || cr.id !== id) return;
            const pod = this.current(ps.uid);
            if (result === undefined) {
              successes++;
              failures = 0;
              if (kind === 'Readiness' && successes >= successThreshold && cr.ready !== true) {
                cr.ready = true;
                this.requestSync(ps.uid);
              }
            } else {
              failures++;
              successes = 0;
              if (pod) this.event(pod, 'Warning', 'Unhealthy', `${kind} probe failed: ${result}`, fieldPath(pod, cr));
              if (failures >= failureThreshold) {
                if (kind === 'Readiness' && cr.ready !== false) {
                  cr.ready = false;
                  this.requestSync(ps.uid);
                }
                if (kind === 'Liveness') {
                  if (pod) this.event(pod, 'Normal', 'Killing', `Container ${cr.name} failed liveness probe, will be restarted`, fieldPath(pod, cr));
                  this.stopProbes(id);
                  const grace = Number(o(pod?.spec).terminationGracePeriodSeconds ?? 30);
                  void this.daemon.stop(id, grace, (ms) => this.wait(ms)).catch(() => {});
                  return;
                }
              }
            }
            tick(period);
          })();
        });
      };
      tick((typeof probe.initialDelaySeconds === 'number' ? probe.initialDelaySeconds : 0) * 1000);
    });
  }

  /** One probe: undefined on success, else the failure as the prober words it. */
  private async probe(ps: PodRuntime, probe: Obj, id: string): Promise<string | undefined> {
    const net = this.sandboxNet(ps);
    const host = ps.ip || '127.0.0.1';
    if (isObj(probe.exec)) {
      const argv = Array.isArray(probe.exec.command) ? probe.exec.command.map(String) : [];
      const out = new CollectingWriter();
      try {
        const proc = this.daemon.exec(id, argv, { io: { stdin: nullReader, stdout: out, stderr: out }, tty: false });
        const timeout = (typeof probe.timeoutSeconds === 'number' ? probe.timeoutSeconds : 1) * 1000;
        const r = await Promise.race([proc.exited.then((e) => e.status), this.wait(timeout).then(() => -1)]);
        if (r === -1) return `command ${JSON.stringify(argv.join(' '))} timed out`;
        return r === 0 ? undefined : new TextDecoder().decode(out.bytes());
      } catch (e) {
        return e instanceof Error ? e.message : String(e);
      }
    }
    const spec = o(probe.httpGet ?? probe.tcpSocket);
    const port = typeof spec.port === 'number' ? spec.port : Number(spec.port);
    if (!net || !Number.isFinite(port)) return `dial tcp ${host}:${String(spec.port)}: connect: connection refused`;
    const conn = net.network.connect(net, host, port);
    if (!conn.ok) return isObj(probe.httpGet) ? `Get "http://${host}:${port}${str(spec.path) || '/'}": dial tcp ${host}:${port}: connect: connection refused` : `dial tcp ${host}:${port}: connect: connection refused`;
    if (!isObj(probe.httpGet)) return undefined;
    const path = str(spec.path) || '/';
    try {
      const res = await conn.handler({
        method: 'GET',
        target: path,
        version: 'HTTP/1.1',
        headers: [
          ['Host', `${host}:${port}`],
          ['User-Agent', `kube-probe/${'1.33'}`],
          ['Accept', '*/*'],
          ['Connection', 'close'],
        ],
        body: new Uint8Array(),
        remote: { address: '10.244.0.1', port: net.network.ephemeralPort() },
        local: conn.local,
      });
      return res.status >= 200 && res.status < 400 ? undefined : `HTTP probe failed with statuscode: ${res.status}`;
    } catch {
      return `Get "http://${host}:${port}${path}": EOF`;
    }
  }

  private watchExit(uid: string, id: string): void {
    if (this.waits.has(id)) return;
    this.waits.add(id);
    void this.daemon.wait(id).then(() => {
      this.waits.delete(id);
      this.requestSync(uid);
    });
  }

  private safeRemove(id: string): void {
    try {
      this.daemon.remove(id, true);
    } catch {
      // already gone
    }
  }

  private containerSpec(pod: KubeObject, ps: PodRuntime, c: Obj, attempt: number, volumes: Map<string, string>): ContainerSpec {
    const name = str(c.name);
    const command = Array.isArray(c.command) ? c.command.map(String) : undefined;
    const args = Array.isArray(c.args) ? c.args.map(String) : undefined;
    const mounts: MountSpec[] = [];
    for (const m of arr(c.volumeMounts)) {
      const src = volumes.get(str(m.name));
      if (!src) continue;
      const sub = str(m.subPath);
      const source = sub ? `${src}/${sub}` : src;
      if (sub) this.mkdirp(source);
      mounts.push({ type: 'bind', source, target: str(m.mountPath), readOnly: m.readOnly === true });
    }
    const ports = arr(c.ports).map((p) => ({ containerPort: p.containerPort, protocol: str(p.protocol) || 'TCP', ...(p.name ? { name: p.name } : {}) }));
    const labels: Record<string, string> = {
      'annotation.io.kubernetes.container.hash': this.ids.hex(`container-hash:${ps.uid}:${name}`, 8),
      'annotation.io.kubernetes.container.restartCount': String(attempt),
      'annotation.io.kubernetes.container.terminationMessagePath': str(c.terminationMessagePath) || '/dev/termination-log',
      'annotation.io.kubernetes.container.terminationMessagePolicy': str(c.terminationMessagePolicy) || 'File',
      'annotation.io.kubernetes.pod.terminationGracePeriod': String(o(pod.spec).terminationGracePeriodSeconds ?? 30),
      ...(ports.length ? { 'annotation.io.kubernetes.container.ports': JSON.stringify(ports) } : {}),
      'io.kubernetes.container.logpath': `/var/log/pods/${ps.ns}_${ps.name}_${ps.runtimeUid}/${name}/${attempt}.log`,
      'io.kubernetes.container.name': name,
      'io.kubernetes.docker.type': 'container',
      'io.kubernetes.pod.name': ps.name,
      'io.kubernetes.pod.namespace': ps.ns,
      'io.kubernetes.pod.uid': ps.runtimeUid,
      'io.kubernetes.sandbox.id': ps.sandboxId ?? '',
    };
    const spec: ContainerSpec = {
      image: str(c.image),
      name: dockerName(name, ps.name, ps.ns, ps.runtimeUid, attempt),
      ...(command && command.length ? { entrypoint: command[0]!, cmd: [...command.slice(1), ...(args ?? [])] } : args && args.length ? { cmd: args } : {}),
      env: this.envFor(pod, ps, c),
      ...(str(c.workingDir) ? { workdir: str(c.workingDir) } : {}),
      tty: c.tty === true,
      openStdin: c.stdin === true,
      labels,
      mounts,
      networkMode: `container:${ps.sandboxId ?? ''}`,
      restart: 'no',
    };
    const runAsUser = o(c.securityContext).runAsUser ?? o(o(pod.spec).securityContext).runAsUser;
    if (typeof runAsUser === 'number') return { ...spec, user: String(runAsUser) };
    return spec;
  }

  /** The container's environment: service links, then its env (values, refs) in order. */
  private envFor(pod: KubeObject, ps: PodRuntime, c: Obj): string[] {
    const env: string[] = [];
    if (o(pod.spec).enableServiceLinks !== false) env.push(...this.serviceEnv(ps.ns));
    else env.push(...this.serviceEnv(ps.ns).filter((e) => e.startsWith('KUBERNETES_')));
    for (const from of arr(c.envFrom)) {
      const cm = isObj(from.configMapRef) ? this.api.get(CONFIGMAPS, ps.ns, str(from.configMapRef.name)) : undefined;
      const sec = isObj(from.secretRef) ? this.api.get(SECRETS, ps.ns, str(from.secretRef.name)) : undefined;
      const data = cm?.ok ? stringData(cm.value.data) : sec?.ok ? decodeSecretText(sec.value.data) : {};
      for (const [k, v] of Object.entries(data)) env.push(`${str(from.prefix)}${k}=${v}`);
    }
    for (const e of arr(c.env)) {
      const name = str(e.name);
      if (typeof e.value === 'string') env.push(`${name}=${expand(e.value, env)}`);
      else if (isObj(e.valueFrom)) {
        const vf = e.valueFrom;
        let value = '';
        if (isObj(vf.fieldRef)) value = fieldValue(pod, ps, str(vf.fieldRef.fieldPath));
        else if (isObj(vf.configMapKeyRef)) {
          const cm = this.api.get(CONFIGMAPS, ps.ns, str(vf.configMapKeyRef.name));
          value = cm.ok ? (stringData(cm.value.data)[str(vf.configMapKeyRef.key)] ?? '') : '';
        } else if (isObj(vf.secretKeyRef)) {
          const s = this.api.get(SECRETS, ps.ns, str(vf.secretKeyRef.name));
          value = s.ok ? (decodeSecretText(s.value.data)[str(vf.secretKeyRef.key)] ?? '') : '';
        }
        env.push(`${name}=${value}`);
      } else env.push(`${name}=`);
    }
    return env;
  }

  /** Docker-links-style variables of the namespace's services and the master service. */
  private serviceEnv(ns: string): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    const add = (svc: KubeObject) => {
      const spec = o(svc.spec);
      const ip = str(spec.clusterIP);
      if (!ip || ip === 'None') return;
      const n = (svc.metadata.name ?? '').toUpperCase().replace(/-/g, '_');
      if (seen.has(n)) return;
      seen.add(n);
      const ports = arr(spec.ports);
      const first = ports[0];
      if (!first) return;
      out.push(`${n}_SERVICE_HOST=${ip}`, `${n}_SERVICE_PORT=${String(first.port)}`);
      for (const p of ports) if (str(p.name)) out.push(`${n}_SERVICE_PORT_${str(p.name).toUpperCase().replace(/-/g, '_')}=${String(p.port)}`);
      out.push(`${n}_PORT=${(str(first.protocol) || 'TCP').toLowerCase()}://${ip}:${String(first.port)}`);
      for (const p of ports) {
        const proto = str(p.protocol) || 'TCP';
        const pre = `${n}_PORT_${String(p.port)}_${proto}`;
        out.push(`${pre}=${proto.toLowerCase()}://${ip}:${String(p.port)}`, `${pre}_PROTO=${proto.toLowerCase()}`, `${pre}_PORT=${String(p.port)}`, `${pre}_ADDR=${ip}`);
      }
    };
    const local = this.api.list(SERVICES, ns);
    if (local.ok) for (const s of local.value.items) add(s);
    const master = this.api.get(SERVICES, 'default', 'kubernetes');
    if (master.ok) add(master.value);
    return out;
  }

  // ----- termination -----------------------------------------------------------------------------

  private async terminate(pod: KubeObject, ps: PodRuntime): Promise<void> {
    if (ps.terminating) return;
    ps.terminating = true;
    const grace = typeof pod.metadata.deletionGracePeriodSeconds === 'number' ? pod.metadata.deletionGracePeriodSeconds : Number(o(pod.spec).terminationGracePeriodSeconds ?? 30);
    const stops: Promise<void>[] = [];
    for (const cr of Object.values(ps.containers)) {
      if (!cr.id || !this.daemon.container(cr.id)?.state.Running) continue;
      this.event(pod, 'Normal', 'Killing', `Stopping container ${cr.name}`, fieldPath(pod, cr));
      stops.push(this.daemon.stop(cr.id, grace, (ms) => this.wait(ms)).catch(() => {}));
    }
    await Promise.all(stops);
    if (ps.sandboxId) await this.daemon.stop(ps.sandboxId, 2, (ms) => this.wait(ms)).catch(() => {});
    for (const t of this.timers.get(ps.uid) ? [this.timers.get(ps.uid)!] : []) t.dispose();
    this.timers.delete(ps.uid);
    const cur = this.api.get(PODS, ps.ns, ps.name);
    if (cur.ok && cur.value.metadata.uid === ps.uid) this.api.delete(PODS, ps.ns, ps.name, { gracePeriodSeconds: 0, preconditions: { uid: ps.uid } });
    this.forget(ps.uid);
  }

  /** The pod is gone from the API: kill and remove what is left of it. */
  private forget(uid: string): void {
    const ps = this.pods.get(uid);
    if (!ps) return;
    this.pods.delete(uid);
    this.timers.get(uid)?.dispose();
    this.timers.delete(uid);
    for (const cr of Object.values(ps.containers)) {
      if (cr.id) this.safeRemove(cr.id);
      if (cr.prevId) this.safeRemove(cr.prevId);
    }
    if (ps.sandboxId) this.safeRemove(ps.sandboxId);
    try {
      this.opts.nodeFs.rm(this.podDir(ps), { recursive: true });
    } catch {
      // nothing on disk
    }
  }

  /** A finished pod (Succeeded or Failed): its sandbox is stopped; its containers stay for logs. */
  private async finish(ps: PodRuntime): Promise<void> {
    if (ps.finished) return;
    ps.finished = true;
    if (ps.sandboxId) await this.daemon.stop(ps.sandboxId, 2, (ms) => this.wait(ms)).catch(() => {});
    this.setCondition(ps, 'PodReadyToStartContainers', 'False');
    const cur = this.current(ps.uid);
    if (cur) this.writeStatus(cur, ps);
  }

  // ----- status ----------------------------------------------------------------------------------

  private setCondition(ps: PodRuntime, type: string, status: 'True' | 'False', reason?: string, message?: string): void {
    const old = ps.conditions[type];
    const time = old && old.status === status ? old.time : this.clock.now();
    ps.conditions[type] = { status, time, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
  }

  private containerStatus(pod: KubeObject, ps: PodRuntime, c: Obj): Obj {
    const name = str(c.name);
    const cr = ps.containers[name] ?? { name, restartCount: 0 };
    const rec = cr.id ? this.daemon.container(cr.id) : undefined;
    const img = cr.imageId ? this.daemon.image(cr.imageId) : undefined;
    const running = !!rec?.state.Running;
    let state: Obj;
    if (cr.waiting && !running) state = { waiting: { ...(cr.waiting.message ? { message: cr.waiting.message } : {}), reason: cr.waiting.reason } };
    else if (running) state = { running: { startedAt: rfc3339(rec.state.StartedAt) } };
    else if (cr.term) state = { terminated: termJson(cr.term) };
    else state = { waiting: { reason: 'ContainerCreating' } };
    const terminatedNow = !running && !cr.waiting && cr.term;
    if (cr.term && cr.waiting && !running) {
      // waiting to restart: the attempt that ended is the last state
      return this.statusObj(name, c, cr, img, { waiting: state.waiting }, { terminated: termJson(cr.term) }, false, cr.id, cr.restartCount, pod, ps);
    }
    return this.statusObj(name, c, cr, img, state, cr.lastTerm ? { terminated: termJson(cr.lastTerm) } : {}, running, terminatedNow || running ? cr.id : undefined, cr.restartCount, pod, ps);
  }

  private statusObj(name: string, c: Obj, cr: ContainerRuntime, img: { id: string; repoTags: string[]; repoDigests: string[] } | undefined, state: Obj, lastState: Obj, running: boolean, id: string | undefined, restarts: number, pod: KubeObject, ps: PodRuntime): Obj {
    void pod;
    void ps;
    const image = img ? (img.repoTags.find((t) => t === withTag(str(c.image))) ?? img.repoTags[0] ?? str(c.image)) : str(c.image);
    const digest = img?.repoDigests[0];
    return {
      ...(id ? { containerID: `docker://${id}` } : {}),
      image: img ? fullImage(image) : str(c.image),
      imageID: img ? (digest ? `docker-pullable://${digest}` : `docker://${img.id}`) : '',
      lastState,
      name,
      ready: running && cr.ready !== false,
      restartCount: restarts,
      started: running,
      state,
      ...(arr(c.volumeMounts).length ? { volumeMounts: arr(c.volumeMounts).map((m) => ({ mountPath: m.mountPath, name: m.name, ...(m.readOnly === true ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}) })) } : {}),
    };
  }

  private computePhase(spec: Obj, ps: PodRuntime): string {
    const cs = arr(spec.containers).map((c) => ps.containers[str(c.name)]!);
    let waiting = 0;
    let running = 0;
    let stopped = 0;
    let succeeded = 0;
    for (const cr of cs) {
      const rec = cr.id ? this.daemon.container(cr.id) : undefined;
      if (rec?.state.Running) running++;
      else if (cr.term && !cr.waiting) {
        stopped++;
        if (cr.term.exitCode === 0) succeeded++;
      } else if (cr.waiting && (cr.lastTerm || cr.term)) stopped++;
      else waiting++;
    }
    const inits = arr(spec.initContainers);
    if (inits.some((c) => ps.containers[str(c.name)]?.term?.exitCode !== 0)) {
      const failed = inits.some((c) => {
        const t = ps.containers[str(c.name)]?.term;
        return t && t.exitCode !== 0;
      });
      return failed && str(spec.restartPolicy) === 'Never' ? 'Failed' : 'Pending';
    }
    if (waiting > 0) return 'Pending';
    if (running > 0) return 'Running';
    if (stopped > 0) {
      const policy = str(spec.restartPolicy) || 'Always';
      if (policy === 'Always') return 'Running';
      if (policy === 'OnFailure') return succeeded === stopped ? 'Succeeded' : 'Running';
      return succeeded === stopped ? 'Succeeded' : 'Failed';
    }
    return 'Pending';
  }

  private writeStatus(pod: KubeObject, ps: PodRuntime): void {
    const spec = o(pod.spec);
    ps.phase = this.computePhase(spec, ps);
    const statuses = arr(spec.containers).map((c) => this.containerStatus(pod, ps, c));
    const notReady = statuses.filter((s) => s.ready !== true).map((s) => str(s.name));
    const done = ps.phase === 'Succeeded' || ps.phase === 'Failed';
    if (notReady.length === 0 && statuses.length) {
      this.setCondition(ps, 'ContainersReady', 'True');
      this.setCondition(ps, 'Ready', 'True');
    } else {
      const reason = done ? 'PodCompleted' : 'ContainersNotReady';
      const message = done ? undefined : `containers with unready status: [${notReady.join(' ')}]`;
      this.setCondition(ps, 'ContainersReady', 'False', reason, message);
      this.setCondition(ps, 'Ready', 'False', reason, message);
    }
    const old = o(pod.status);
    const scheduled = arr(old.conditions).find((c) => c.type === 'PodScheduled');
    const cond = (type: string): Obj | undefined => {
      const c = ps.conditions[type];
      return c ? { lastProbeTime: null, lastTransitionTime: rfc3339(c.time), ...(c.message ? { message: c.message } : {}), ...(c.reason ? { reason: c.reason } : {}), status: c.status, type } : undefined;
    };
    const conditions = [cond('PodReadyToStartContainers'), cond('Initialized'), cond('Ready'), cond('ContainersReady'), scheduled].filter((c): c is Obj => !!c);
    const inits = arr(spec.initContainers);
    const status: Obj = {
      conditions,
      containerStatuses: statuses,
      hostIP: this.nodeIp,
      hostIPs: [{ ip: this.nodeIp }],
      ...(inits.length ? { initContainerStatuses: inits.map((c) => this.containerStatus(pod, ps, c)) } : {}),
      phase: ps.phase,
      ...(ps.ip ? { podIP: ps.ip, podIPs: [{ ip: ps.ip }] } : {}),
      ...(old.qosClass ? { qosClass: old.qosClass } : {}),
      startTime: rfc3339(ps.startTime),
    };
    if (JSON.stringify(status) === JSON.stringify(old)) return;
    const body = { ...jsonCopy(pod), status } as KubeObject;
    this.api.update(PODS, ps.ns, ps.name, body, { subresource: 'status' });
  }

  // ----- events ----------------------------------------------------------------------------------

  /** A core/v1 Event from the kubelet (source component kubelet, host the node); repeats bump count. */
  private event(pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPathValue?: string): void {
    const ns = pod.metadata.namespace || 'default';
    const now = this.clock.now();
    const involved = {
      apiVersion: 'v1',
      ...(fieldPathValue ? { fieldPath: fieldPathValue } : {}),
      kind: 'Pod',
      name: pod.metadata.name ?? '',
      namespace: ns,
      resourceVersion: pod.metadata.resourceVersion ?? '',
      uid: pod.metadata.uid ?? '',
    };
    const existing = this.api.list(EVENTS, ns, { fieldSelector: `involvedObject.uid=${involved.uid},reason=${reason}` });
    if (existing.ok) {
      const same = existing.value.items.find((e) => e.message === message && e.type === type && str(o(e.source).component) === 'kubelet' && now - Date.parse(str(e.lastTimestamp)) < 600_000);
      if (same) {
        this.api.patch(EVENTS, ns, same.metadata.name ?? '', 'merge', { count: (typeof same.count === 'number' ? same.count : 1) + 1, lastTimestamp: rfc3339(now) });
        return;
      }
    }
    const key = String(Math.floor(now));
    let seq = this.eventSeq[key] ?? 0;
    const t = rfc3339(now);
    // The name embeds UnixNano: other components' events of the same millisecond take other nanoseconds.
    for (let tries = 0; tries < 1000; tries++, seq++) {
      const nanos = BigInt(Math.floor(now)) * 1000000n + BigInt(seq);
      const r = this.api.create(EVENTS, ns, {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${pod.metadata.name ?? ''}.${nanos.toString(16)}`, namespace: ns },
        involvedObject: involved,
        reason,
        message,
        source: { component: 'kubelet', host: this.nodeName },
        firstTimestamp: t,
        lastTimestamp: t,
        count: 1,
        type,
        eventTime: null,
        reportingComponent: 'kubelet',
        reportingInstance: this.nodeName,
      });
      if (r.ok || r.status.reason !== 'AlreadyExists') break;
    }
    this.eventSeq = { [key]: seq + 1 };
  }

  // ----- the API kubectl reaches (logs, exec, port-forward) --------------------------------------

  private byName(ns: string, name: string): PodRuntime | undefined {
    for (const p of this.pods.values()) if (p.ns === ns && p.name === name) return p;
    return undefined;
  }

  /**
   * `kubectl logs`: the container's log through the node daemon. `out` gets the text; with
   * `follow`, it streams until the container ends or `until` resolves (the client went away).
   */
  async logs(namespace: string, pod: string, container: string, opts: LogsOptions, out: (text: string) => Promise<void>, until?: Promise<unknown>): Promise<LogsResult> {
    const ps = this.byName(namespace, pod);
    if (!ps) return { ok: false, status: notFoundStatus(`pods "${pod}" not found`) };
    const cr = ps.containers[container];
    if (!cr) return { ok: false, status: badRequest(`container ${container} is not valid for pod ${pod}`) };
    const id = opts.previous ? cr.prevId : cr.id;
    if (opts.previous && !id) return { ok: false, status: badRequest(`previous terminated container "${container}" in pod "${pod}" not found`) };
    const rec = id ? this.daemon.container(id) : undefined;
    if (!rec) {
      const reason = cr.waiting?.reason ?? 'ContainerCreating';
      const why = reason === 'ErrImagePull' || reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason === 'ErrImageNeverPull' || reason === 'InvalidImageName' ? "image can't be pulled" : reason;
      return { ok: false, status: badRequest(`container "${container}" in pod "${pod}" is waiting to start: ${why}`) };
    }
    const render = (entries: readonly { time: number; text: string }[]): string => {
      let text = entries.map((e) => e.text).join('');
      if (opts.timestamps) {
        // one timestamp per line: the time of the chunk the line began in
        const lines: string[] = [];
        for (const e of entries) for (const l of e.text.split(/(?<=\n)/)) if (l) lines.push(`${rfc3339Nano(e.time)} ${l}`);
        text = lines.join('');
      }
      return text;
    };
    let all = render(rec.logs);
    if (opts.tail !== undefined && opts.tail >= 0) {
      const lines = all.split(/(?<=\n)/).filter((l) => l !== '');
      all = lines.slice(Math.max(0, lines.length - opts.tail)).join('');
    }
    try {
      if (all) await out(all);
      if (!opts.follow || opts.previous) return { ok: true };
      let sent = rec.logs.length;
      let stop = false;
      void until?.then(() => (stop = true));
      while (!stop) {
        const running = rec.state.Running;
        if (rec.logs.length > sent) {
          const more = rec.logs.slice(sent);
          sent = rec.logs.length;
          await out(render(more));
          continue;
        }
        if (!running || !this.daemon.container(rec.id)) break;
        await new Promise<void>((resolve) => {
          const subs: IDisposable[] = [];
          const done = () => {
            for (const s of subs) s.dispose();
            resolve();
          };
          subs.push(this.daemon.onDidLog((cid) => cid === rec.id && done()));
          void this.daemon.wait(rec.id).then(done);
          void until?.then(done);
        });
      }
    } catch {
      // the client went away
    }
    return { ok: true };
  }

  /** `kubectl exec`: a process in the container (the node daemon's exec). */
  exec(namespace: string, pod: string, container: string, argv: readonly string[], opts: { io: AttachIO; tty: boolean }): { ok: true; process: Process } | { ok: false; status: ApiStatus } {
    const ps = this.byName(namespace, pod);
    if (!ps) return { ok: false, status: notFoundStatus(`pods "${pod}" not found`) };
    const cr = ps.containers[container];
    if (!cr) return { ok: false, status: badRequest(`container ${container} is not valid for pod ${pod}`) };
    const rec = cr.id ? this.daemon.container(cr.id) : undefined;
    if (!rec || !rec.state.Running) return { ok: false, status: badRequest(`container ${container} is not running`) };
    try {
      return { ok: true, process: this.daemon.exec(rec.id, argv, { io: opts.io, tty: opts.tty }) };
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      return { ok: false, status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: msg, reason: 'InternalError', code: e instanceof DaemonError ? e.status : 500 } };
    }
  }

  /** The docker container of a pod's container now (checks, `minikube ssh docker ps`). */
  containerId(namespace: string, pod: string, container: string): string | undefined {
    return this.byName(namespace, pod)?.containers[container]?.id;
  }
}

// ----- helpers -------------------------------------------------------------------------------------

function termJson(t: Terminated): Obj {
  return { containerID: t.containerID, exitCode: t.exitCode, finishedAt: rfc3339(t.finishedAt), ...(t.message ? { message: t.message } : {}), reason: t.reason, startedAt: rfc3339(t.startedAt) };
}

function fieldPath(pod: KubeObject, cr: ContainerRuntime): string {
  void pod;
  return `spec.${cr.init ? 'initContainers' : 'containers'}{${cr.name}}`;
}

function withTag(image: string): string {
  return /:[^/]*$/.test(image) || image.includes('@') ? image : `${image}:latest`;
}

/** cri-dockerd reports the image as docker has it tagged (`nginx:latest`). */
function fullImage(tag: string): string {
  return tag;
}

function stringData(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(o(v))) out[k] = str(x);
  return out;
}

function decodeBase64(b64: string): Uint8Array {
  try {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  } catch {
    return new Uint8Array();
  }
}

function decodeSecret(v: unknown): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const [k, x] of Object.entries(o(v))) out[k] = decodeBase64(str(x));
  return out;
}

function decodeSecretText(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const dec = new TextDecoder();
  for (const [k, x] of Object.entries(decodeSecret(v))) out[k] = dec.decode(x);
  return out;
}

/** The downward API's fields. */
function fieldValue(pod: KubeObject, ps: PodRuntime, path: string): string {
  switch (path) {
    case 'metadata.name':
      return ps.name;
    case 'metadata.namespace':
      return ps.ns;
    case 'metadata.uid':
      return ps.uid;
    case 'spec.nodeName':
      return str(o(pod.spec).nodeName);
    case 'spec.serviceAccountName':
      return str(o(pod.spec).serviceAccountName);
    case 'status.podIP':
      return ps.ip;
    case 'status.hostIP':
      return '192.168.49.2';
    default: {
      const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
      if (m) return (m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]!] ?? '';
      return '';
    }
  }
}

/** $(VAR) references to variables defined before (dependent environment variables). */
function expand(value: string, env: readonly string[]): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    const hit = [...env].reverse().find((e) => e.startsWith(`${name}=`));
    return hit ? hit.slice(name!.length + 1) : m;
  });
}
