/**
 * minikube's cluster with the docker driver (minikube v1.36.0, Kubernetes v1.33.1, kicbase
 * v0.0.47): the node is the container `minikube` of the HOST's Docker daemon (network `minikube`
 * 192.168.49.0/24, address 192.168.49.2, ports 22/2376/5000/8443/32443 published on 127.0.0.1);
 * inside it run the node's own Docker daemon (own image store, preloaded), the API server, the
 * controller manager and scheduler, and the kubelet.
 *
 * Sockets it registers in the world's kernel while the node runs:
 * - `kube-apiserver:192.168.49.2:8443` (kubectl's kubeSocketName): the ApiServer;
 * - `tcp://127.0.0.1:<port of 2376>` (DOCKER_HOST after `minikube docker-env`): the node's daemon;
 * - `container:<node container id>:/var/run/docker.sock` (the docker CLI inside `minikube ssh`).
 *
 * State (snapshot/restore): the profile, the API server's store, the node daemon, the kubelet's.
 */
import type { Clock } from '../core/clock';
import { Emitter, type IDisposable } from '../core/events';
import type { IdGen } from '../core/ids';
import type { DaemonState, DockerDaemon, RegistryWorld } from '../docker/daemon';
import type { FileSystem } from '../fs/types';
import type { Kernel } from '../runtime/kernel';
import type { Network } from '../net/net';
import { ApiServer, bootstrapCluster, ControlPlaneLoops, type ApiServerState } from './apiserver';
import { ControllerManager } from './controllers';
import { Kubelet, ensureNodeImages, type KubeletState } from './kubelet';
import { createSystemObjects, nodeObject } from './minikube/system';

export const NODE_NAME = 'minikube';
export const PROFILE = 'minikube';
export const NODE_IP = '192.168.49.2';
export const GATEWAY_IP = '192.168.49.1';
export const SUBNET = '192.168.49.0/24';
export const API_PORT = 8443;
export const KICBASE_IMAGE = 'gcr.io/k8s-minikube/kicbase:v0.0.47';
/** The node container's published ports, in the order `docker run` was given them. */
export const NODE_PORTS = [22, 2376, 5000, 8443, 32443] as const;
/** The node's dockerd version (kicbase v0.0.47 installs docker-ce 28.1.1). */
export const NODE_DOCKER_VERSION = '28.1.1';

/** The socket the `minikube` CLI connects to (the session serves it). */
export const MINIKUBE_SOCKET = 'dockyard:minikube';

/** kubectl's socket name for an API server address (src/cli/kubectl/client.ts kubeSocketName). */
export function kubeApiSocketName(host: string, port: number | string): string {
  return `kube-apiserver:${host}:${port}`;
}

/** The Unix socket at `path` as processes inside container `id` see it. */
export function containerSocketName(id: string, path: string): string {
  return `container:${id}:${path}`;
}

/** What the cluster needs of a kubelet (src/engine/kube/kubelet). */
export interface NodeAgent {
  start(): void;
  stop(): void;
  snapshot?(): unknown;
}

export interface KubeletDeps {
  readonly api: ApiServer;
  readonly daemon: DockerDaemon;
  readonly clock: Clock;
  readonly ids: IdGen;
  readonly net: Network;
  readonly nodeName: string;
}

export type KubeletFactory = (deps: KubeletDeps, state?: unknown) => NodeAgent;

export interface ClusterDeps {
  readonly kernel: Kernel;
  readonly clock: Clock;
  readonly ids: IdGen;
  readonly net: Network;
  readonly registries?: RegistryWorld;
  /** The host's Docker daemon (the node container lives there). */
  readonly hostDaemon: DockerDaemon;
  /** Makes a DockerDaemon (the daemon module's class: the node's dockerd). */
  readonly makeDaemon: (deps: { kernel: Kernel; clock: Clock; ids: IdGen; net: Network; hostFs: FileSystem; registries?: RegistryWorld }, state?: DaemonState) => DockerDaemon;
  /** Replaces the kubelet (tests); `null`: none runs (the Node is registered, pods stay Pending). */
  readonly kubelet?: KubeletFactory | null;
}

export interface ProfileConfig {
  readonly name: string;
  readonly driver: 'docker';
  readonly cpus: number;
  readonly memory: number;
  readonly kubernetesVersion: string;
  /** Addons enabled (storage-provisioner, default-storageclass at first). */
  readonly addons: readonly string[];
  /** When the cluster was first created (ms of the clock). */
  readonly created: number;
}

export interface ClusterState {
  readonly format: 1;
  readonly profile?: ProfileConfig;
  readonly api?: ApiServerState;
  readonly node?: DaemonState;
  readonly kubelet?: unknown;
}

export type HostState = 'Running' | 'Stopped' | 'Nonexistent';

/** One step of `minikube start` the CLI prints (it waits for each before the next). */
export type StartStep =
  | { kind: 'pull-base' }
  | { kind: 'create-node' }
  | { kind: 'restart-node' }
  | { kind: 'update-node' }
  | { kind: 'certs' }
  | { kind: 'boot' }
  | { kind: 'rbac' }
  | { kind: 'cni' }
  | { kind: 'verify' };

export class MinikubeCluster implements IDisposable {
  private profileConfig: ProfileConfig | undefined;
  private apiState: ApiServerState | undefined;
  private nodeState: DaemonState | undefined;
  private kubeletState: unknown;
  /** While the node runs. */
  api: ApiServer | undefined;
  nodeDaemon: DockerDaemon | undefined;
  private loops: ControlPlaneLoops | undefined;
  private controllers: ControllerManager | undefined;
  private kubelet: NodeAgent | undefined;
  private registered: string[] = [];
  private subs: IDisposable[] = [];
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly deps: ClusterDeps,
    state?: ClusterState,
  ) {
    this.profileConfig = state?.profile;
    this.apiState = state?.api;
    this.nodeState = state?.node;
    this.kubeletState = state?.kubelet;
    // A world restored with its node running (the host daemon restarted the container): boot again.
    if (this.profileConfig && this.hostState() === 'Running') this.bootNode();
  }

  get profile(): ProfileConfig | undefined {
    return this.profileConfig;
  }

  /** The node container in the host's daemon. */
  nodeContainer(): ReturnType<DockerDaemon['container']> {
    return this.deps.hostDaemon.container(NODE_NAME);
  }

  hostState(): HostState {
    const c = this.nodeContainer();
    if (!c) return 'Nonexistent';
    return c.state.Running ? 'Running' : 'Stopped';
  }

  /** The host port a node port is published on (2376 for docker-env, 22 for ssh). */
  hostPort(containerPort: number): number | undefined {
    return this.nodeContainer()?.ports.find((p) => p.containerPort === containerPort)?.hostPort;
  }

  /**
   * `minikube start`: creates (or restarts) the node and boots Kubernetes, reporting each step and
   * waiting for `step` to return before going on (the CLI prints and lets time pass).
   */
  async start(opts: { cpus: number; memory: number; kubernetesVersion: string }, step: (s: StartStep) => Promise<void>, wait: (ms: number) => Promise<void>): Promise<void> {
    const host = this.deps.hostDaemon;
    const state = this.hostState();
    if (state === 'Running') {
      await step({ kind: 'update-node' });
      if (!this.api) this.bootNode();
      await step({ kind: 'verify' });
      return;
    }
    if (state === 'Stopped') {
      await step({ kind: 'restart-node' });
      host.startContainer(NODE_NAME);
      this.bootNode();
      await step({ kind: 'verify' });
      this.changed.fire();
      return;
    }
    await step({ kind: 'pull-base' });
    if (!host.image(KICBASE_IMAGE)) await host.pull(KICBASE_IMAGE, () => {}, wait);
    await step({ kind: 'create-node' });
    if (!host.network(PROFILE)) {
      host.createNetwork({
        name: PROFILE,
        driver: 'bridge',
        subnet: SUBNET,
        gateway: GATEWAY_IP,
        options: { '--icc': '', '--ip-masq': '', 'com.docker.network.driver.mtu': '1500' },
        labels: { 'created_by.minikube.sigs.k8s.io': 'true', 'name.minikube.sigs.k8s.io': PROFILE },
      });
    }
    const used = new Set(host.listContainers(true).flatMap((c) => c.ports.map((p) => p.hostPort)));
    let next = 32768;
    const ports = new Map<number, number>();
    // The daemon hands out ephemeral ports from the last published port to the first.
    for (const p of [...NODE_PORTS].reverse()) {
      while (used.has(next)) next++;
      ports.set(p, next++);
    }
    host.createContainer({
      image: KICBASE_IMAGE,
      name: NODE_NAME,
      hostname: NODE_NAME,
      env: ['container=docker'],
      ports: NODE_PORTS.map((p) => ({ hostIp: '127.0.0.1', hostPort: ports.get(p)!, containerPort: p, proto: 'tcp' as const })),
      mounts: [
        { type: 'volume', source: PROFILE, target: '/var', readOnly: false },
      ],
      labels: { 'created_by.minikube.sigs.k8s.io': 'true', 'mode.minikube.sigs.k8s.io': PROFILE, 'name.minikube.sigs.k8s.io': PROFILE, 'role.minikube.sigs.k8s.io': '' },
      networks: [{ name: PROFILE, ip: NODE_IP }],
      host: { privileged: true, memory: opts.memory * 1024 * 1024, nanoCpus: opts.cpus * 1e9 },
    });
    host.startContainer(NODE_NAME);
    this.profileConfig = { name: PROFILE, driver: 'docker', cpus: opts.cpus, memory: opts.memory, kubernetesVersion: opts.kubernetesVersion, addons: ['default-storageclass', 'storage-provisioner'], created: this.deps.clock.now() };
    await step({ kind: 'certs' });
    await step({ kind: 'boot' });
    this.bootNode(true);
    await step({ kind: 'rbac' });
    await step({ kind: 'cni' });
    await step({ kind: 'verify' });
    this.changed.fire();
  }

  /** Brings the node's services up: dockerd, the API server and controllers, the kubelet, the sockets. */
  private bootNode(fresh = false): void {
    const c = this.nodeContainer();
    if (!c || this.api) return;
    const { kernel, clock, ids, net } = this.deps;
    const nodeFs = this.deps.hostDaemon.containerFs(c.id);
    this.nodeDaemon = this.deps.makeDaemon({ kernel, clock, ids, net, hostFs: nodeFs, ...(this.deps.registries ? { registries: this.deps.registries } : {}) }, fresh ? undefined : this.nodeState);
    // minikube's preload: the control plane's images are in the node's store from the start.
    ensureNodeImages(this.nodeDaemon);
    const api = new ApiServer({ clock, ids }, fresh ? undefined : this.apiState);
    this.api = api;
    if (fresh || !this.apiState) {
      bootstrapCluster(api, { advertiseAddress: NODE_IP, securePort: API_PORT });
      createSystemObjects(api, NODE_NAME);
    }
    this.loops = new ControlPlaneLoops(api, clock);
    this.controllers = new ControllerManager({ api, clock, ids, nodeName: NODE_NAME }).start();
    const cfg = this.profileConfig;
    const kubeletState = fresh ? undefined : this.kubeletState;
    if (this.deps.kubelet) {
      this.kubelet = this.deps.kubelet({ api, daemon: this.nodeDaemon, clock, ids, net, nodeName: NODE_NAME }, kubeletState);
      this.kubelet.start();
    } else if (this.deps.kubelet === undefined) {
      this.kubelet = new Kubelet({
        api,
        daemon: this.nodeDaemon,
        kernel,
        clock,
        ids,
        nodeName: NODE_NAME,
        nodeFs,
        nodeIp: NODE_IP,
        cpu: String(cfg?.cpus ?? 2),
        memory: `${(cfg?.memory ?? 2200) * 1024}Ki`,
        ...(kubeletState ? { state: kubeletState as KubeletState } : {}),
      }).start();
    } else if (!api.get({ group: '', version: 'v1', resource: 'nodes' }, '', NODE_NAME).ok) {
      api.create({ group: '', version: 'v1', resource: 'nodes' }, '', nodeObject(NODE_NAME, NODE_IP, new Date(clock.now()).toISOString().replace(/\.\d+Z$/, 'Z'), cfg?.cpus ?? 2, (cfg?.memory ?? 3900) * 1024));
    }
    this.subs.push(api.onDidChange(() => this.changed.fire()));
    this.subs.push(this.nodeDaemon.onDidChange(() => this.changed.fire()));
    const daemon = this.nodeDaemon;
    this.register(kubeApiSocketName(NODE_IP, API_PORT), async () => api);
    const dockerPort = this.hostPort(2376);
    if (dockerPort) this.register(`tcp://127.0.0.1:${dockerPort}`, async () => daemon);
    this.register(containerSocketName(c.id, '/var/run/docker.sock'), async () => daemon);
  }

  private register(name: string, connect: () => Promise<unknown>): void {
    this.deps.kernel.sockets.set(name, { connect });
    this.registered.push(name);
  }

  /** Takes the node's services down, keeping their state (stop, delete). */
  private shutdownNode(): void {
    for (const name of this.registered.splice(0)) this.deps.kernel.sockets.delete(name);
    for (const s of this.subs.splice(0)) s.dispose();
    this.kubelet?.stop();
    if (this.kubelet?.snapshot) this.kubeletState = this.kubelet.snapshot();
    this.kubelet = undefined;
    this.controllers?.dispose();
    this.controllers = undefined;
    this.loops?.dispose();
    this.loops = undefined;
    if (this.api) this.apiState = this.api.snapshot();
    this.api = undefined;
    if (this.nodeDaemon) {
      // The node's containers stop with it (as the node's dockerd goes down).
      for (const ctr of this.nodeDaemon.listContainers(false)) {
        try {
          this.nodeDaemon.kill(ctr.id, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      this.nodeState = this.nodeDaemon.snapshot();
    }
    this.nodeDaemon = undefined;
  }

  /** `minikube stop`: powers the node off. Returns false when there was nothing to stop. */
  async stop(wait: (ms: number) => Promise<void>): Promise<boolean> {
    if (this.hostState() !== 'Running') return false;
    this.shutdownNode();
    const c = this.nodeContainer();
    if (c?.state.Running) {
      this.deps.hostDaemon.kill(c.id, 'SIGTERM');
      await wait(0);
    }
    this.changed.fire();
    return true;
  }

  /** `minikube delete`: the node container, its volume and network, and all cluster state. */
  async delete(wait: (ms: number) => Promise<void>): Promise<void> {
    this.shutdownNode();
    const host = this.deps.hostDaemon;
    const c = this.nodeContainer();
    if (c) {
      if (c.state.Running) {
        host.kill(c.id, 'SIGKILL');
        await wait(0);
      }
      host.remove(c.id, true);
    }
    try {
      host.removeVolume(PROFILE, true);
    } catch {
      // no volume
    }
    try {
      if (host.network(PROFILE)) host.removeNetwork(PROFILE);
    } catch {
      // in use or gone
    }
    this.profileConfig = undefined;
    this.apiState = undefined;
    this.nodeState = undefined;
    this.kubeletState = undefined;
    this.changed.fire();
  }

  setAddon(name: string, enabled: boolean): void {
    const p = this.profileConfig;
    if (!p) return;
    const set = new Set(p.addons);
    if (enabled) set.add(name);
    else set.delete(name);
    this.profileConfig = { ...p, addons: [...set].sort() };
    this.changed.fire();
  }

  snapshot(): ClusterState {
    const api = this.api?.snapshot() ?? this.apiState;
    const node = this.nodeDaemon?.snapshot() ?? this.nodeState;
    const kubelet = this.kubelet?.snapshot ? this.kubelet.snapshot() : this.kubeletState;
    return { format: 1, ...(this.profileConfig ? { profile: this.profileConfig } : {}), ...(api ? { api } : {}), ...(node ? { node } : {}), ...(kubelet !== undefined ? { kubelet } : {}) };
  }

  dispose(): void {
    for (const name of this.registered.splice(0)) this.deps.kernel.sockets.delete(name);
    for (const s of this.subs.splice(0)) s.dispose();
    this.kubelet?.stop();
    this.controllers?.dispose();
    this.loops?.dispose();
    this.changed.dispose();
  }
}
