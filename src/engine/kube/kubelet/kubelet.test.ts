import { describe, expect, it } from 'vitest';
import { Clock } from '../../core/clock';
import { IdGen } from '../../core/ids';
import { DockerDaemon } from '../../docker/daemon';
import { imagePrograms } from '../../docker/images/programs';
import { MemFs, type LayerData } from '../../fs/memfs';
import { Network } from '../../net/net';
import { Kernel, type Program } from '../../runtime/kernel';
import { executableContents } from '../../runtime/programs';
import { ApiServer, ControlPlaneLoops, bootstrapCluster, type KubeObject } from '../apiserver';
import { ControllerManager } from '../controllers';
import { goDuration } from './format';
import { loadImage } from './images';
import { Kubelet } from './kubelet';

const PODS = { group: '', version: 'v1', resource: 'pods' };
const EVENTS = { group: '', version: 'v1', resource: 'events' };
const NODES = { group: '', version: 'v1', resource: 'nodes' };
const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };

const programs: Record<string, Program> = {
  // prints a line and serves until SIGTERM
  'test-web': async (ctx) => {
    await ctx.stdout.write('serving on :8080\n');
    let done!: () => void;
    const p = new Promise<void>((r) => (done = r));
    ctx.trap('SIGTERM', () => done());
    await ctx.wait(p);
    return 0;
  },
  // PID 1 with no handler: SIGTERM is ignored, only SIGKILL ends it
  'test-stubborn': async (ctx) => {
    await ctx.stdout.write('line 1\nline 2\nline 3\n');
    await ctx.wait(new Promise<never>(() => {}));
    return 0;
  },
  // answers HTTP on :8080 in its network namespace
  'test-listen': async (ctx) => {
    const l = ctx.ns.net!.listen(8080, () => ({ status: 200, headers: [], body: 'ok' }));
    let done!: () => void;
    const p = new Promise<void>((r) => (done = r));
    ctx.trap('SIGTERM', () => done());
    try {
      await ctx.wait(p);
    } finally {
      l.dispose();
    }
    return 0;
  },
  'test-ok': async (ctx) => {
    await ctx.stdout.write('init done\n');
    return 0;
  },
  'test-crash': async (ctx) => {
    await ctx.stderr.write('boom\n');
    return 1;
  },
  // writes /data/note from $NOTE, then idles
  'test-writer': async (ctx) => {
    ctx.fs.writeFile('/data/note', `${ctx.env.get('NOTE') ?? ''}\n`);
    await ctx.stdout.write(`wrote ${ctx.env.get('NOTE') ?? ''}\n`);
    let done!: () => void;
    const p = new Promise<void>((r) => (done = r));
    ctx.trap('SIGTERM', () => done());
    await ctx.wait(p);
    return 0;
  },
};

function testImage(daemon: DockerDaemon, tag: string, entry: string): void {
  const e = { mode: 0o755, uid: 0, gid: 0, mtime: 0 };
  const layer: LayerData = {
    id: `sha256:${tag.replace(/[^a-z0-9]/g, '').padEnd(64, '0').slice(0, 64)}`,
    entries: {
      '/bin': { type: 'dir', ...e },
      '/etc': { type: 'dir', ...e },
      '/data': { type: 'dir', ...e },
      ...Object.fromEntries(Object.keys(programs).map((p) => [`/bin/${p}`, { type: 'file' as const, text: executableContents(p), ...e }])),
    },
  };
  daemon.addImage(
    {
      id: `sha256:${tag.replace(/[^a-z0-9]/g, '').padEnd(64, 'f').slice(0, 64)}`,
      created: '2026-01-01T00:00:00Z',
      config: { Env: ['PATH=/bin'], Cmd: [entry], Entrypoint: null, WorkingDir: '/', User: '', ExposedPorts: [], Volumes: [], StopSignal: null, Labels: {} },
      layers: [layer.id],
      size: 1234,
      history: [],
    },
    [layer],
    [tag],
  );
}

function world() {
  const clock = new Clock();
  const ids = new IdGen({ seed: 3, counters: {} });
  const kernel = new Kernel(clock);
  for (const p of imagePrograms) kernel.programs.register(p);
  for (const [name, program] of Object.entries(programs)) kernel.programs.register({ name, program });
  const net = new Network(['192.168.49.1']);
  const nodeFs = new MemFs(clock);
  const daemon = new DockerDaemon({ kernel, clock, ids, net, hostFs: nodeFs });
  testImage(daemon, 'test/app:1', '/bin/test-web');
  const api = new ApiServer({ clock, ids });
  bootstrapCluster(api, { advertiseAddress: '192.168.49.2' });
  new ControlPlaneLoops(api, clock);
  api.create({ group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' }, '', {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'k8s.io/minikube-hostpath',
  });
  const kubelet = new Kubelet({ api, daemon, kernel, clock, ids, nodeFs }).start();
  new ControllerManager({
    api,
    clock,
    ids,
    onHostPathDirectory: (p, create) => (create ? nodeFs.mkdir(p, { recursive: true, mode: 0o777 }) : nodeFs.rm(p, { recursive: true })),
  }).start();

  const flush = async () => {
    for (let i = 0; i < 30; i++) await new Promise((r) => setImmediate(r));
  };
  /** Runs the world for `ms` of simulated time, timer by timer. */
  const run = async (ms: number) => {
    const end = clock.now() + ms;
    await flush();
    for (;;) {
      const next = clock.nextDue();
      if (next === undefined || next > end) break;
      clock.advanceTo(next);
      await flush();
    }
    clock.advanceTo(end);
    await flush();
  };
  const pod = (name: string, ns = 'default'): KubeObject | undefined => {
    const r = api.get(PODS, ns, name);
    return r.ok ? r.value : undefined;
  };
  const status = (name: string) => (pod(name)?.status ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads of nested JSON
  const cs = (name: string) => (status(name).containerStatuses ?? [])[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
  const events = (name: string) => {
    const r = api.list(EVENTS, 'default', { fieldSelector: `involvedObject.name=${name}` });
    return r.ok ? [...r.value.items].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1))
          .filter((e) => e.reason !== 'Scheduled')
          .map((e) => `${String(e.reason)}: ${String(e.message)}${Number(e.count) > 1 ? ` (x${String(e.count)})` : ''}`) : [];
  };
  const create = (name: string, spec: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const r = api.create(PODS, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { run: name } }, spec, ...extra });
    if (!r.ok) throw new Error(r.status.message);
    return r.value;
  };
  return { clock, ids, kernel, daemon, api, kubelet, nodeFs, run, pod, status, cs, events, create };
}

describe('goDuration', () => {
  it('prints Go durations', () => {
    expect(goDuration(10_000)).toBe('10s');
    expect(goDuration(80_000)).toBe('1m20s');
    expect(goDuration(300_000)).toBe('5m0s');
    expect(goDuration(1234)).toBe('1.234s');
    expect(goDuration(2100)).toBe('2.1s');
    expect(goDuration(512)).toBe('512ms');
  });
});

describe('Kubelet', () => {
  it('registers a Ready node and the control plane mirror pods', async () => {
    const w = world();
    await w.run(1000);
    const node = w.api.get(NODES, '', 'minikube');
    expect(node.ok).toBe(true);
    if (!node.ok) return;
    const st = node.value.status as { conditions: { type: string; status: string; message: string }[]; nodeInfo: { kubeletVersion: string; osImage: string }; addresses: { address: string }[] };
    expect(st.conditions.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', message: 'kubelet is posting ready status' });
    expect(st.nodeInfo.kubeletVersion).toBe('v1.33.1');
    expect(st.addresses[0]!.address).toBe('192.168.49.2');
    const sys = w.api.list(PODS, 'kube-system', { labelSelector: 'tier=control-plane' });
    expect(sys.ok && sys.value.items.map((p) => p.metadata.name).sort()).toEqual(['etcd-minikube', 'kube-apiserver-minikube', 'kube-controller-manager-minikube', 'kube-scheduler-minikube']);
    await w.run(2000);
    const etcd = w.pod('etcd-minikube', 'kube-system')!;
    expect((etcd.status as { phase: string; podIP: string }).phase).toBe('Running');
    expect((etcd.status as { podIP: string }).podIP).toBe('192.168.49.2');
    expect(w.daemon.listContainers(false).some((c) => c.name.startsWith('k8s_etcd_etcd-minikube_kube-system_'))).toBe(true);
  });

  it('runs a pod: sandbox and container in the node daemon, Running with an IP, events and logs', async () => {
    const w = world();
    await w.run(1000);
    const created = w.create('web', { containers: [{ name: 'web', image: 'test/app:1' }] });
    const uid = created.metadata.uid!;
    await w.run(2000);
    expect(w.status('web').phase).toBe('Running');
    expect(w.status('web').podIP).toBe('10.244.0.2');
    expect(w.cs('web')).toMatchObject({ name: 'web', ready: true, restartCount: 0, started: true, image: 'test/app:1' });
    expect(w.cs('web').state.running.startedAt).toMatch(/Z$/);
    const names = w.daemon.listContainers(false).map((c) => c.name);
    expect(names).toContain(`k8s_POD_web_default_${uid}_0`);
    expect(names).toContain(`k8s_web_web_default_${uid}_0`);
    const rec = w.daemon.container(`k8s_web_web_default_${uid}_0`)!;
    expect(rec.config.Labels).toMatchObject({ 'io.kubernetes.pod.name': 'web', 'io.kubernetes.pod.namespace': 'default', 'io.kubernetes.pod.uid': uid, 'io.kubernetes.container.name': 'web', 'io.kubernetes.docker.type': 'container' });
    expect(rec.config.Hostname).toBe('web');
    expect(rec.config.Env).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1');
    expect(w.events('web')).toEqual(['Pulled: Container image "test/app:1" already present on machine', 'Created: Created container: web', 'Started: Started container web']);
    const conds = (w.status('web').conditions as { type: string; status: string }[]).map((c) => `${c.type}=${c.status}`);
    expect(conds).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    // the pod's network namespace has its address
    expect(w.kubelet.podNetwork('default', 'web')?.addresses).toContain('10.244.0.2');
    let out = '';
    const r = await w.kubelet.logs('default', 'web', 'web', {}, async (t) => void (out += t));
    expect(r.ok).toBe(true);
    expect(out).toBe('serving on :8080\n');
    const bad = await w.kubelet.logs('default', 'web', 'nope', {}, async () => {});
    expect(bad.ok === false && bad.status.message).toBe('container nope is not valid for pod web');
    // a second pod gets the next address
    w.create('web2', { containers: [{ name: 'web', image: 'test/app:1' }] });
    await w.run(2000);
    expect(w.status('web2').podIP).toBe('10.244.0.3');
  });

  it('pulls an image into the node store: ContainerCreating, Pulling, Pulled, then Completed', async () => {
    const w = world();
    await w.run(1000);
    w.create('hello', { restartPolicy: 'Never', containers: [{ name: 'hello', image: 'hello-world' }] });
    await w.run(100);
    expect(w.status('hello').phase).toBe('Pending');
    expect(w.cs('hello').state.waiting.reason).toBe('ContainerCreating');
    await w.run(10_000);
    const ev = w.events('hello');
    expect(ev[0]).toBe('Pulling: Pulling image "hello-world"');
    expect(ev[1]).toMatch(/^Pulled: Successfully pulled image "hello-world" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(w.status('hello').phase).toBe('Succeeded');
    expect(w.cs('hello').state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(w.daemon.image('hello-world')).toBeDefined();
    let out = '';
    await w.kubelet.logs('default', 'hello', 'hello', {}, async (t) => void (out += t));
    expect(out).toContain('Hello from Docker!');
  });

  it('a bad image: ErrImagePull, then ImagePullBackOff with the back-off doubling', async () => {
    const w = world();
    await w.run(1000);
    w.create('bad', { containers: [{ name: 'bad', image: 'nginxx' }] });
    await w.run(500);
    expect(w.cs('bad').state.waiting).toMatchObject({ reason: 'ErrImagePull' });
    expect(w.events('bad')).toContain(
      "Failed: Failed to pull image \"nginxx\": Error response from daemon: pull access denied for nginxx, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    );
    expect(w.events('bad')).toContain('Failed: Error: ErrImagePull');
    await w.run(2000);
    expect(w.cs('bad').state.waiting.reason).toBe('ImagePullBackOff');
    expect(w.cs('bad').state.waiting.message).toMatch(/^Back-off pulling image "nginxx": ErrImagePull: Error response from daemon: pull access denied/);
    expect(w.status('bad').phase).toBe('Pending');
    const pulls = () => w.events('bad').find((e) => e.startsWith('Pulling'));
    expect(pulls()).toBe('Pulling: Pulling image "nginxx"');
    await w.run(8000); // 10 s after the failure: the second pull
    expect(pulls()).toBe('Pulling: Pulling image "nginxx" (x2)');
    await w.run(15_000); // the next back-off is 20 s: no third pull yet
    expect(pulls()).toBe('Pulling: Pulling image "nginxx" (x2)');
    await w.run(6000);
    expect(pulls()).toBe('Pulling: Pulling image "nginxx" (x3)');
    const waiting = await w.kubelet.logs('default', 'bad', 'bad', {}, async () => {});
    expect(waiting.ok === false && waiting.status.message).toBe('container "bad" in pod "bad" is waiting to start: trying and failing to pull image');
  });

  it('imagePullPolicy Never: ErrImageNeverPull; a host-built image is not on the node until loaded', async () => {
    const w = world();
    await w.run(1000);
    w.create('local', { containers: [{ name: 'app', image: 'myapp:1.0', imagePullPolicy: 'Never' }] });
    await w.run(1000);
    expect(w.cs('local').state.waiting).toEqual({ reason: 'ErrImageNeverPull', message: 'Container image "myapp:1.0" is not present with pull policy of Never' });
    // `minikube image load`: from the host's daemon
    const host = new DockerDaemon({ kernel: w.kernel, clock: w.clock, ids: w.ids, net: new Network(), hostFs: new MemFs(w.clock) });
    testImage(host, 'myapp:1.0', '/bin/test-web');
    expect(loadImage(host, w.daemon, 'myapp:1.0')).toBeDefined();
    w.api.delete(PODS, 'default', 'local', { gracePeriodSeconds: 0 });
    await w.run(500);
    w.create('local2', { containers: [{ name: 'app', image: 'myapp:1.0', imagePullPolicy: 'Never' }] });
    await w.run(1000);
    expect(w.status('local2').phase).toBe('Running');
  });

  it('a crashing container: restarts at once, then CrashLoopBackOff 10 s, 20 s …', async () => {
    const w = world();
    await w.run(1000);
    const p = w.create('crash', { containers: [{ name: 'crash', image: 'test/app:1', command: ['/bin/test-crash'] }] });
    await w.run(500);
    // first exit: restarted at once
    expect(w.cs('crash').restartCount).toBe(1);
    expect(w.cs('crash').state.waiting).toEqual({ reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=crash pod=crash_default(${p.metadata.uid})` });
    expect(w.cs('crash').lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(w.status('crash').phase).toBe('Running');
    expect(w.events('crash')).toContain(`BackOff: Back-off restarting failed container crash in pod crash_default(${p.metadata.uid})`);
    await w.run(10_000);
    expect(w.cs('crash').restartCount).toBe(2);
    expect(w.cs('crash').state.waiting.message).toMatch(/^back-off 20s /);
    await w.run(15_000);
    expect(w.cs('crash').restartCount).toBe(2);
    await w.run(6000);
    expect(w.cs('crash').restartCount).toBe(3);
    let prev = '';
    await w.kubelet.logs('default', 'crash', 'crash', { previous: true }, async (t) => void (prev += t));
    expect(prev).toBe('boom\n');
    // the node keeps the current and the previous attempt only
    const names = w.daemon.listContainers(true).filter((c) => c.name.startsWith('k8s_crash_')).map((c) => c.name.split('_').pop());
    expect(names.sort()).toEqual(['2', '3']);
  });

  it('restartPolicy OnFailure / Never: a failed container ends the pod as Failed', async () => {
    const w = world();
    await w.run(1000);
    w.create('once', { restartPolicy: 'Never', containers: [{ name: 'once', image: 'test/app:1', command: ['/bin/test-crash'] }] });
    await w.run(1000);
    expect(w.status('once').phase).toBe('Failed');
    expect(w.cs('once').state.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(w.cs('once').restartCount).toBe(0);
  });

  it('graceful deletion: Killing, a PID 1 that ignores SIGTERM waits out the grace period', async () => {
    const w = world();
    await w.run(1000);
    w.create('slow', { containers: [{ name: 'slow', image: 'test/app:1', command: ['/bin/test-stubborn'] }] });
    await w.run(2000);
    expect(w.status('slow').phase).toBe('Running');
    let tail = '';
    await w.kubelet.logs('default', 'slow', 'slow', { tail: 2 }, async (t) => void (tail += t));
    expect(tail).toBe('line 2\nline 3\n');
    const del = w.api.delete(PODS, 'default', 'slow');
    expect(del.ok).toBe(true);
    await w.run(1000);
    expect(w.pod('slow')?.metadata.deletionTimestamp).toBeDefined();
    expect(w.events('slow')).toContain('Killing: Stopping container slow');
    await w.run(28_000);
    expect(w.pod('slow')).toBeDefined();
    await w.run(3000);
    expect(w.pod('slow')).toBeUndefined();
    expect(w.daemon.listContainers(true).filter((c) => c.name.includes('_slow_'))).toEqual([]);
  });

  it('a process that handles SIGTERM ends the deletion early', async () => {
    const w = world();
    await w.run(1000);
    w.create('quick', { containers: [{ name: 'quick', image: 'test/app:1' }] });
    await w.run(2000);
    w.api.delete(PODS, 'default', 'quick');
    await w.run(1000);
    expect(w.pod('quick')).toBeUndefined();
  });

  it("a PVC's data survives the pod", async () => {
    const w = world();
    await w.run(1000);
    const pvc = w.api.create(PVCS, 'default', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'notes' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    expect(pvc.ok).toBe(true);
    await w.run(2000);
    const spec = (note: string) => ({
      containers: [{ name: 'w', image: 'test/app:1', command: ['/bin/test-writer'], env: [{ name: 'NOTE', value: note }], volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'notes' } }],
    });
    w.create('writer', spec('first'));
    await w.run(3000);
    expect(w.status('writer').phase).toBe('Running');
    expect(w.nodeFs.readText('/tmp/hostpath-provisioner/default/notes/note')).toBe('first\n');
    w.api.delete(PODS, 'default', 'writer');
    await w.run(5000);
    expect(w.pod('writer')).toBeUndefined();
    expect(w.nodeFs.readText('/tmp/hostpath-provisioner/default/notes/note')).toBe('first\n');
  });

  it('configMap volumes and env from the downward API', async () => {
    const w = world();
    await w.run(1000);
    w.api.create({ group: '', version: 'v1', resource: 'configmaps' }, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { 'app.conf': 'x=1\n' } });
    w.create('cm', {
      containers: [{ name: 'c', image: 'test/app:1', env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }], volumeMounts: [{ name: 'cfg', mountPath: '/etc/app' }] }],
      volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }],
    });
    await w.run(2000);
    const id = w.kubelet.containerId('default', 'cm', 'c')!;
    expect(w.daemon.containerFs(id).readText('/etc/app/app.conf')).toBe('x=1\n');
    expect(w.daemon.container(id)!.config.Env).toContain('POD=cm');
    // the service account token is mounted too
    expect(w.daemon.containerFs(id).readText('/var/run/secrets/kubernetes.io/serviceaccount/namespace')).toBe('default');
  });

  it('a missing configMap keeps the pod in ContainerCreating with FailedMount', async () => {
    const w = world();
    await w.run(1000);
    w.create('nocm', { containers: [{ name: 'c', image: 'test/app:1', volumeMounts: [{ name: 'cfg', mountPath: '/etc/app' }] }], volumes: [{ name: 'cfg', configMap: { name: 'missing' } }] });
    await w.run(3000);
    expect(w.cs('nocm').state.waiting.reason).toBe('ContainerCreating');
    expect(w.events('nocm').some((e) => e.startsWith('FailedMount: MountVolume.SetUp failed for volume "cfg" : configmap "missing" not found'))).toBe(true);
  });

  it('readiness probes gate Ready; a failing liveness probe restarts the container', async () => {
    const w = world();
    await w.run(1000);
    w.create('probed', {
      containers: [{ name: 'c', image: 'test/app:1', command: ['/bin/test-listen'], readinessProbe: { httpGet: { path: '/', port: 8080 }, initialDelaySeconds: 5, periodSeconds: 5 } }],
    });
    await w.run(2000);
    expect(w.status('probed').phase).toBe('Running');
    expect(w.cs('probed').ready).toBe(false);
    expect((w.status('probed').conditions as { type: string; status: string; message?: string }[]).find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', message: 'containers with unready status: [c]' });
    await w.run(5000);
    expect(w.cs('probed').ready).toBe(true);

    w.create('unwell', { containers: [{ name: 'c', image: 'test/app:1', livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 10 } }] });
    await w.run(1000);
    expect(w.cs('unwell').ready).toBe(true);
    await w.run(21_000);
    const ev = w.events('unwell');
    expect(ev.some((e) => e.startsWith('Unhealthy: Liveness probe failed: dial tcp 10.244.0.3:8080: connect: connection refused'))).toBe(true);
    expect(ev).toContain('Killing: Container c failed liveness probe, will be restarted');
    expect(w.cs('unwell').restartCount).toBe(1);
  });

  it('snapshots are plain JSON', async () => {
    const w = world();
    await w.run(1000);
    w.create('web', { containers: [{ name: 'web', image: 'test/app:1' }] });
    await w.run(2000);
    const snap = w.kubelet.snapshot();
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    expect(snap.pods.find((p) => p.name === 'web')?.ip).toBe('10.244.0.2');
  });

  it('logs -f streams until the container ends or the client leaves', async () => {
    const w = world();
    await w.run(1000);
    w.create('f', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'test/app:1' }] });
    await w.run(2000);
    let out = '';
    let leave!: () => void;
    const left = new Promise<void>((r) => (leave = r));
    const p = w.kubelet.logs('default', 'f', 'c', { follow: true, timestamps: true }, async (t) => void (out += t), left);
    let finished = false;
    void p.then(() => (finished = true));
    await w.run(1000);
    expect(finished).toBe(false);
    expect(out).toMatch(/^2026-01-05T09:00:0\d\.\d{9}Z serving on :8080\n$/);
    leave();
    await w.run(100);
    expect(finished).toBe(true);
  });

  it('init containers run to completion first: PodInitializing, then the app', async () => {
    const w = world();
    await w.run(1000);
    w.create('init', { initContainers: [{ name: 'setup', image: 'test/app:1', command: ['/bin/test-ok'] }], containers: [{ name: 'app', image: 'test/app:1' }] });
    await w.run(3000);
    const st = w.status('init');
    expect(st.phase).toBe('Running');
    expect(st.initContainerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(st.containerStatuses[0].ready).toBe(true);
    w.create('initfail', { restartPolicy: 'Never', initContainers: [{ name: 'setup', image: 'test/app:1', command: ['/bin/test-crash'] }], containers: [{ name: 'app', image: 'test/app:1' }] });
    await w.run(3000);
    expect(w.status('initfail').phase).toBe('Failed');
    expect(w.status('initfail').containerStatuses[0].state.waiting.reason).toBe('PodInitializing');
  });
});
