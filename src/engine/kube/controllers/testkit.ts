/**
 * A cluster for tests: an API server with the bootstrap objects, the control-plane loops, a `minikube`
 * Node, the `standard` StorageClass, the ControllerManager (with the scheduler), and a tiny fake kubelet
 * that runs bound pods: after `startMs` a pod is Running and Ready with an IP (annotation
 * `fake-kubelet/never-ready` keeps it unready; `fake-kubelet/exit: "<code>"` ends it after `fake-kubelet/run-ms`
 * (default 1000) as Succeeded or Failed), and a pod being deleted is gone `stopMs` later. Not the real
 * kubelet (that lives with the runtime); just enough to drive rollouts end to end.
 */
import { Clock } from '../../core/clock';
import type { IDisposable } from '../../core/events';
import { IdGen } from '../../core/ids';
import { ApiServer, ControlPlaneLoops, bootstrapCluster, type KubeObject } from '../apiserver';
import { ControllerManager } from './manager';
import { EVENTS, NODES, PODS, STORAGE_CLASSES, copy, o, rfc3339, type Obj } from './util';

export interface FakeKubeletOptions {
  nodeName?: string;
  startMs?: number;
  stopMs?: number;
}

export class FakeKubelet implements IDisposable {
  private readonly seen = new Set<string>();
  private readonly watch: IDisposable | undefined;
  private nextIp = 3;

  constructor(
    private readonly api: ApiServer,
    private readonly clock: Clock,
    private readonly opts: FakeKubeletOptions = {},
  ) {
    const r = api.watch(PODS, '', {}, (e) => this.onPod(e.object, e.type));
    this.watch = r.ok ? r.value : undefined;
  }

  private get node(): string {
    return this.opts.nodeName ?? 'minikube';
  }

  private onPod(pod: KubeObject, type: string): void {
    if (type === 'DELETED') return;
    if (o(pod.spec).nodeName !== this.node) return;
    const uid = pod.metadata.uid ?? '';
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    if (pod.metadata.deletionTimestamp) {
      if (this.seen.has(`del:${uid}`)) return;
      this.seen.add(`del:${uid}`);
      this.clock.schedule(this.opts.stopMs ?? 500, () => {
        const cur = this.api.get(PODS, ns, name);
        if (cur.ok && cur.value.metadata.uid === uid) this.api.delete(PODS, ns, name, { gracePeriodSeconds: 0 });
      });
      return;
    }
    if (this.seen.has(uid)) return;
    this.seen.add(uid);
    this.clock.schedule(this.opts.startMs ?? 1000, () => this.start(ns, name, uid));
  }

  private conditions(ready: boolean): Obj[] {
    const t = rfc3339(this.clock.now());
    const c = (type: string, status: boolean): Obj => ({ lastProbeTime: null, lastTransitionTime: t, status: status ? 'True' : 'False', type });
    return [c('PodReadyToStartContainers', true), c('Initialized', true), c('Ready', ready), c('ContainersReady', ready), c('PodScheduled', true)];
  }

  private start(ns: string, name: string, uid: string): void {
    const cur = this.api.get(PODS, ns, name);
    if (!cur.ok || cur.value.metadata.uid !== uid || cur.value.metadata.deletionTimestamp) return;
    const pod = cur.value;
    const ann = pod.metadata.annotations ?? {};
    const ready = ann['fake-kubelet/never-ready'] === undefined;
    const ip = `10.244.0.${this.nextIp++}`;
    const body = copy(pod) as unknown as Obj;
    const now = rfc3339(this.clock.now());
    const containers = (Array.isArray(o(pod.spec).containers) ? (o(pod.spec).containers as Obj[]) : []).map((c) => ({
      name: c.name,
      image: c.image,
      ready,
      restartCount: 0,
      started: true,
      state: { running: { startedAt: now } },
    }));
    body.status = { ...o(pod.status), phase: 'Running', conditions: this.conditions(ready), hostIP: '192.168.49.2', podIP: ip, podIPs: [{ ip }], startTime: now, containerStatuses: containers };
    this.api.update(PODS, ns, name, body, { subresource: 'status' });
    const exit = ann['fake-kubelet/exit'];
    if (exit !== undefined) {
      this.clock.schedule(Number(ann['fake-kubelet/run-ms'] ?? 1000), () => {
        const p = this.api.get(PODS, ns, name);
        if (!p.ok || p.value.metadata.uid !== uid) return;
        const b = copy(p.value) as unknown as Obj;
        const code = Number(exit);
        const fin = rfc3339(this.clock.now());
        const cs = containers.map((c) => ({ ...c, ready: false, started: false, state: { terminated: { exitCode: code, reason: code === 0 ? 'Completed' : 'Error', startedAt: now, finishedAt: fin } } }));
        b.status = { ...o(p.value.status), phase: code === 0 ? 'Succeeded' : 'Failed', conditions: this.conditions(false), containerStatuses: cs };
        this.api.update(PODS, ns, name, b, { subresource: 'status' });
      });
    }
  }

  dispose(): void {
    this.watch?.dispose();
  }
}

export interface TestCluster {
  clock: Clock;
  ids: IdGen;
  api: ApiServer;
  manager: ControllerManager;
  kubelet: FakeKubelet;
  dirs: string[];
  /** Advances the clock by `ms` (running everything due on the way). */
  advance(ms: number): void;
  get(resource: { group: string; version: string; resource: string }, ns: string, name: string): KubeObject;
  list(resource: { group: string; version: string; resource: string }, ns?: string, labelSelector?: string): KubeObject[];
  /** "Reason: message" of the events about an object, oldest first. */
  events(name: string, ns?: string): string[];
}

export function testCluster(opts: { cpu?: string; memory?: string; kubelet?: FakeKubeletOptions; seed?: number } = {}): TestCluster {
  const clock = new Clock();
  const ids = new IdGen({ seed: opts.seed ?? 7, counters: {} });
  const api = new ApiServer({ clock, ids });
  bootstrapCluster(api, { advertiseAddress: '192.168.49.2' });
  new ControlPlaneLoops(api, clock);
  api.create(NODES, '', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'minikube', labels: { 'kubernetes.io/hostname': 'minikube', 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/control-plane': '' } },
    spec: { podCIDR: '10.244.0.0/24' },
    status: { allocatable: { cpu: opts.cpu ?? '2', memory: opts.memory ?? '2025060Ki', pods: '110', 'ephemeral-storage': '61202244Ki' }, capacity: { cpu: opts.cpu ?? '2', memory: opts.memory ?? '2025060Ki', pods: '110' } },
  });
  api.create(STORAGE_CLASSES, '', {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' }, labels: { 'addonmanager.kubernetes.io/mode': 'EnsureExists' } },
    provisioner: 'k8s.io/minikube-hostpath',
  });
  const dirs: string[] = [];
  // the order events were created in (their names do not sort that way)
  const created = new Map<string, number>();
  api.onDidCommit((ch) => {
    if (ch.type === 'ADDED' && ch.resource.kind === 'Event') created.set(ch.object.metadata.name ?? '', created.size);
  });
  const manager = new ControllerManager({ api, clock, ids, onHostPathDirectory: (p, create) => dirs.push(`${create ? '+' : '-'}${p}`) }).start();
  const kubelet = new FakeKubelet(api, clock, opts.kubelet);
  clock.settle();
  const must = (r: { ok: true; value: KubeObject } | { ok: false; status: { message: string } }): KubeObject => {
    if (!r.ok) throw new Error(r.status.message);
    return r.value;
  };
  return {
    clock,
    ids,
    api,
    manager,
    kubelet,
    dirs,
    advance: (ms) => clock.advanceBy(ms),
    get: (res, ns, name) => must(api.get(res, ns, name)),
    list: (res, ns = 'default', labelSelector) => {
      const r = api.list(res, ns, labelSelector ? { labelSelector } : {});
      return r.ok ? r.value.items : [];
    },
    events: (name, ns = 'default') => {
      const r = api.list(EVENTS, ns, { fieldSelector: `involvedObject.name=${name}` });
      if (!r.ok) return [];
      return [...r.value.items].sort((a, b) => (created.get(a.metadata.name ?? '') ?? 0) - (created.get(b.metadata.name ?? '') ?? 0)).map((e) => `${String(e.reason)}: ${String(e.message)}`);
    },
  };
}
