import { describe, expect, it } from 'vitest';
import { Clock } from '../../core/clock';
import { IdGen } from '../../core/ids';
import { ApiServer } from './apiserver';
import { bootstrapCluster, ControlPlaneLoops, NAMESPACE_SYNC_DELAY_MS } from './controllers';
import type { KubeObject, WatchEvent } from './types';

const PODS = { group: '', version: 'v1', resource: 'pods' };
const NS = { group: '', version: 'v1', resource: 'namespaces' };
const DEPLOY = { group: 'apps', version: 'v1', resource: 'deployments' };
const RS = { group: 'apps', version: 'v1', resource: 'replicasets' };
const SVC = { group: '', version: 'v1', resource: 'services' };
const CM = { group: '', version: 'v1', resource: 'configmaps' };
const PVC = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
const SC = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' };

function world(opts: { loops?: boolean } = {}) {
  const clock = new Clock();
  const ids = new IdGen({ seed: 7, counters: {} });
  const api = new ApiServer({ clock, ids });
  bootstrapCluster(api, { advertiseAddress: '192.168.49.2' });
  const loops = opts.loops === false ? undefined : new ControlPlaneLoops(api, clock);
  clock.settle();
  return { clock, ids, api, loops };
}

const pod = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: name } },
  spec: { containers: [{ name: 'c', image: 'busybox' }] },
  ...extra,
});

const deployment = (name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
});

function ok<T>(r: { ok: true; value: T } | { ok: false; status: { message: string } }): T {
  if (!r.ok) throw new Error(`expected success, got ${r.status.message}`);
  return r.value;
}

function err(r: { ok: boolean; status?: { message: string; code: number; reason: string } }): { message: string; code: number; reason: string } {
  if (r.ok || !r.status) throw new Error('expected a failure');
  return r.status;
}

describe('bootstrap', () => {
  it('has the system namespaces, the kubernetes service and default service accounts', () => {
    const { api } = world();
    expect(ok(api.list(NS, '')).items.map((n) => n.metadata.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    const svc = ok(api.get(SVC, 'default', 'kubernetes'));
    expect((svc.spec as { clusterIP: string }).clusterIP).toBe('10.96.0.1');
    expect(ok(api.get({ group: '', version: 'v1', resource: 'serviceaccounts' }, 'kube-system', 'default')).metadata.name).toBe('default');
    expect(ok(api.get(CM, 'default', 'kube-root-ca.crt')).data).toHaveProperty('ca.crt');
  });
});

describe('create and get', () => {
  it('fills in metadata, defaults and admission fields', () => {
    const { api } = world();
    const p = ok(api.create(PODS, 'default', pod('web')));
    expect(p.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(p.metadata.creationTimestamp).toBe('2026-01-05T09:00:00Z');
    expect(p.metadata.namespace).toBe('default');
    expect(p.metadata.generation).toBe(1);
    expect(Number(p.metadata.resourceVersion)).toBeGreaterThan(0);
    const spec = p.spec as { serviceAccountName: string; volumes: { name: string }[]; containers: { volumeMounts: { mountPath: string }[]; imagePullPolicy: string }[]; tolerations: unknown[] };
    expect(spec.serviceAccountName).toBe('default');
    expect(spec.volumes[0]?.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(spec.containers[0]?.volumeMounts[0]?.mountPath).toBe('/var/run/secrets/kubernetes.io/serviceaccount');
    expect(spec.containers[0]?.imagePullPolicy).toBe('Always');
    expect(spec.tolerations).toHaveLength(2);
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(Object.isFrozen(p.metadata)).toBe(true);
  });

  it('answers with the API server words', () => {
    const { api } = world();
    ok(api.create(PODS, 'default', pod('web')));
    expect(err(api.create(PODS, 'default', pod('web')))).toMatchObject({ message: 'pods "web" already exists', code: 409, reason: 'AlreadyExists' });
    expect(err(api.get(PODS, 'default', 'nope'))).toMatchObject({ message: 'pods "nope" not found', code: 404 });
    expect(err(api.get(DEPLOY, 'default', 'x')).message).toBe('deployments.apps "x" not found');
    expect(err(api.create(PODS, 'foo', pod('web')))).toMatchObject({ message: 'namespaces "foo" not found', code: 404 });
    const invalid = err(api.create(PODS, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bad' }, spec: { containers: [{ name: 'c' }] } }));
    expect(invalid).toMatchObject({ code: 422, reason: 'Invalid', message: 'Pod "bad" is invalid: spec.containers[0].image: Required value' });
  });

  it('generates names from generateName', () => {
    const { api } = world();
    const p = ok(api.create(PODS, 'default', { ...pod(''), metadata: { generateName: 'web-' } }));
    expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('strict field validation rejects unknown fields; warn reports them', () => {
    const { api } = world();
    const body = { ...pod('w'), spec: { containers: [{ name: 'c', image: 'x', imagee: 'y' }] } };
    expect(err(api.create(PODS, 'default', body, { fieldValidation: 'Strict' })).message).toBe('Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"');
    const r = api.create(PODS, 'default', body);
    expect(r.ok && r.warnings).toEqual(['unknown field "spec.containers[0].imagee"']);
  });

  it('forbids a missing service account and sets the default storage class on claims', () => {
    const { api } = world();
    expect(err(api.create(PODS, 'default', { ...pod('p'), spec: { serviceAccountName: 'robot', containers: [{ name: 'c', image: 'x' }] } })).message).toBe(
      'pods "p" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found',
    );
    ok(api.create(SC, '', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'k8s.io/minikube-hostpath' }));
    const claim = ok(api.create(PVC, 'default', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'notebooks' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '3Gi' } } } }));
    expect((claim.spec as { storageClassName: string }).storageClassName).toBe('standard');
    expect(claim.status).toEqual({ phase: 'Pending' });
  });
});

describe('list and selectors', () => {
  it('filters by labels and fields, in key order, across namespaces', () => {
    const { api } = world();
    ok(api.create(NS, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }));
    const { clock } = { clock: undefined };
    void clock;
    ok(api.create(PODS, 'default', pod('b')));
    ok(api.create(PODS, 'default', pod('a')));
    expect(ok(api.list(PODS, 'default')).items.map((p) => p.metadata.name)).toEqual(['a', 'b']);
    expect(ok(api.list(PODS, 'default', { labelSelector: 'app=b' })).items.map((p) => p.metadata.name)).toEqual(['b']);
    expect(ok(api.list(PODS, 'default', { labelSelector: 'app in (a,b),app!=a' })).items.map((p) => p.metadata.name)).toEqual(['b']);
    expect(ok(api.list(PODS, '', { fieldSelector: 'metadata.name=a' })).items.map((p) => p.metadata.name)).toEqual(['a']);
    expect(ok(api.list(PODS, '', { fieldSelector: 'status.phase=Pending,spec.nodeName=' })).items).toHaveLength(2);
    expect(err(api.list(PODS, '', { fieldSelector: 'spec.foo=1' })).message).toBe('field label not supported: spec.foo');
    expect(err(api.list(CM, '', { fieldSelector: 'data=1' })).message).toBe('"data" is not a known field selector: only "metadata.name", "metadata.namespace"');
    expect(err(api.list(PODS, '', { fieldSelector: 'a' })).message).toBe("invalid selector: 'a'; can't understand 'a'");
    expect(ok(api.list(PODS, 'default')).kind).toBe('PodList');
  });
});

describe('update and patch', () => {
  it('rejects a stale resourceVersion with the conflict message', () => {
    const { api } = world();
    const d = ok(api.create(DEPLOY, 'default', deployment('x')));
    const edited = structuredClone(d) as KubeObject;
    (edited.spec as { replicas: number }).replicas = 3;
    const updated = ok(api.update(DEPLOY, 'default', 'x', edited));
    expect(updated.metadata.generation).toBe(2);
    expect(err(api.update(DEPLOY, 'default', 'x', edited))).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on deployments.apps "x": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it('does not bump the revision or generation for a no-op update; status changes keep the generation', () => {
    const { api } = world();
    const d = ok(api.create(DEPLOY, 'default', deployment('x')));
    const same = ok(api.update(DEPLOY, 'default', 'x', structuredClone(d)));
    expect(same.metadata.resourceVersion).toBe(d.metadata.resourceVersion);
    const st = ok(api.update(DEPLOY, 'default', 'x', { ...structuredClone(d), status: { replicas: 1 } }, { subresource: 'status' }));
    expect(st.status).toEqual({ replicas: 1 });
    expect(st.metadata.generation).toBe(1);
    // the main resource ignores status
    const main = ok(api.update(DEPLOY, 'default', 'x', { ...structuredClone(st), status: { replicas: 9 } }));
    expect(main.status).toEqual({ replicas: 1 });
  });

  it('patches: strategic merge by container name, merge, JSON patch, scale', () => {
    const { api } = world();
    ok(api.create(DEPLOY, 'default', deployment('x')));
    const s1 = ok(api.patch(DEPLOY, 'default', 'x', 'strategic', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1.28' }] } } } }));
    const cs = (s1.spec as { template: { spec: { containers: { name: string; image: string; imagePullPolicy: string }[] } } }).template.spec.containers;
    expect(cs).toHaveLength(1);
    expect(cs[0]).toMatchObject({ name: 'c', image: 'nginx:1.28', imagePullPolicy: 'IfNotPresent' });
    const s2 = ok(api.patch(DEPLOY, 'default', 'x', 'merge', { metadata: { labels: { tier: 'web' } } }));
    expect(s2.metadata.labels).toEqual({ tier: 'web' });
    const s3 = ok(api.patch(DEPLOY, 'default', 'x', 'json', [{ op: 'replace', path: '/spec/replicas', value: 4 }]));
    expect((s3.spec as { replicas: number }).replicas).toBe(4);
    expect(err(api.patch(DEPLOY, 'default', 'x', 'json', [{ op: 'remove', path: '/spec/nope' }])).code).toBe(422);
    const scale = ok(api.getScale(DEPLOY, 'default', 'x'));
    expect(scale).toMatchObject({ kind: 'Scale', spec: { replicas: 4 }, status: { replicas: 0, selector: 'app=x' } });
    ok(api.updateScale(DEPLOY, 'default', 'x', { spec: { replicas: 2 } }));
    expect((ok(api.get(DEPLOY, 'default', 'x')).spec as { replicas: number }).replicas).toBe(2);
    expect(err(api.patch(DEPLOY, 'default', 'missing', 'merge', {})).message).toBe('deployments.apps "missing" not found');
  });

  it('refuses to change what validation says is immutable', () => {
    const { api } = world();
    ok(api.create(DEPLOY, 'default', deployment('x')));
    const e = err(api.patch(DEPLOY, 'default', 'x', 'merge', { spec: { selector: { matchLabels: { app: 'y' } }, template: { metadata: { labels: { app: 'y' } } } } }));
    expect(e.message).toContain('Deployment.apps "x" is invalid: spec.selector: Invalid value');
    expect(e.message).toContain('field is immutable');
  });
});

describe('delete, finalizers and garbage collection', () => {
  it('deletes an unscheduled pod at once and a scheduled one gracefully', () => {
    const { api } = world();
    ok(api.create(PODS, 'default', pod('a')));
    expect(ok(api.delete(PODS, 'default', 'a')).removed).toBe(true);
    ok(api.create(PODS, 'default', pod('b')));
    ok(api.bind('default', 'b', 'minikube'));
    const r = ok(api.delete(PODS, 'default', 'b'));
    expect(r.removed).toBe(false);
    expect(r.object.metadata.deletionTimestamp).toBe('2026-01-05T09:00:30Z');
    expect(r.object.metadata.deletionGracePeriodSeconds).toBe(30);
    // the kubelet's final delete
    expect(ok(api.delete(PODS, 'default', 'b', { gracePeriodSeconds: 0 })).removed).toBe(true);
    expect(err(api.delete(PODS, 'default', 'b')).message).toBe('pods "b" not found');
  });

  it('waits for finalizers', () => {
    const { api } = world();
    ok(api.create(CM, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', finalizers: ['example.com/hold'] } }));
    const r = ok(api.delete(CM, 'default', 'c'));
    expect(r.removed).toBe(false);
    expect(r.object.metadata.deletionTimestamp).toBeDefined();
    expect(err(api.create(CM, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } })).message).toBe('object is being deleted: configmaps "c" already exists');
    ok(api.patch(CM, 'default', 'c', 'merge', { metadata: { finalizers: null } }));
    expect(api.get(CM, 'default', 'c').ok).toBe(false);
  });

  function owned(api: ApiServer) {
    const d = ok(api.create(DEPLOY, 'default', deployment('web')));
    const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true };
    const rs = ok(
      api.create(RS, 'default', {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: 'web-abc', ownerReferences: [ref] },
        spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
      }),
    );
    const pref = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true };
    ok(api.create(PODS, 'default', { ...pod('web-abc-xyz'), metadata: { name: 'web-abc-xyz', ownerReferences: [pref] } }));
  }

  it('background deletion removes dependents after the owner', () => {
    const { api, clock } = world();
    owned(api);
    expect(ok(api.delete(DEPLOY, 'default', 'web', { propagationPolicy: 'Background' })).removed).toBe(true);
    expect(api.get(RS, 'default', 'web-abc').ok).toBe(true);
    clock.settle();
    expect(api.get(RS, 'default', 'web-abc').ok).toBe(false);
    expect(api.get(PODS, 'default', 'web-abc-xyz').ok).toBe(false);
  });

  it('orphan deletion keeps dependents and drops their owner references', () => {
    const { api, clock } = world();
    owned(api);
    const r = ok(api.delete(DEPLOY, 'default', 'web', { propagationPolicy: 'Orphan' }));
    expect(r.object.metadata.finalizers).toEqual(['orphan']);
    clock.settle();
    expect(api.get(DEPLOY, 'default', 'web').ok).toBe(false);
    const rs = ok(api.get(RS, 'default', 'web-abc'));
    expect(rs.metadata.ownerReferences ?? []).toEqual([]);
  });

  it('foreground deletion removes the owner last', () => {
    const { api, clock } = world();
    owned(api);
    const r = ok(api.delete(DEPLOY, 'default', 'web', { propagationPolicy: 'Foreground' }));
    expect(r.object.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(api.get(DEPLOY, 'default', 'web').ok).toBe(true);
    clock.settle();
    expect(api.get(PODS, 'default', 'web-abc-xyz').ok).toBe(false);
    expect(api.get(RS, 'default', 'web-abc').ok).toBe(false);
    expect(api.get(DEPLOY, 'default', 'web').ok).toBe(false);
  });
});

describe('namespaces', () => {
  it('terminate, delete their content, then go', () => {
    const { api, clock } = world();
    ok(api.create(NS, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }));
    expect(err(api.create(PODS, 'dev', pod('p'))).message).toBe('pods "p" is forbidden: error looking up service account dev/default: serviceaccount "default" not found');
    clock.settle();
    ok(api.create(PODS, 'dev', pod('p')));
    const r = ok(api.delete(NS, '', 'dev'));
    expect(r.object.status).toEqual({ phase: 'Terminating' });
    expect(err(api.delete(NS, '', 'dev')).message).toBe(
      'Operation cannot be fulfilled on namespaces "dev": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
    );
    expect(err(api.create(CM, 'dev', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })).message).toBe('configmaps "x" is forbidden: unable to create new content in namespace dev because it is being terminated');
    clock.advanceBy(NAMESPACE_SYNC_DELAY_MS);
    expect(api.get(PODS, 'dev', 'p').ok).toBe(false);
    clock.advanceBy(NAMESPACE_SYNC_DELAY_MS);
    expect(api.get(NS, '', 'dev').ok).toBe(false);
    expect(err(api.delete(NS, '', 'default')).message).toBe('namespaces "default" is forbidden: this namespace may not be deleted');
  });
});

describe('services', () => {
  const svc = (name: string, nodePort?: number) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { type: 'NodePort', selector: { app: name }, ports: [{ port: 8888, targetPort: 8888, ...(nodePort ? { nodePort } : {}) }] },
  });

  it('allocates cluster IPs and node ports deterministically and reports conflicts', () => {
    const a = world();
    const b = world();
    const s1 = ok(a.api.create(SVC, 'default', svc('jupyter-service', 30888)));
    const spec = s1.spec as { clusterIP: string; clusterIPs: string[]; ports: { nodePort: number }[] };
    expect(spec.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
    expect(spec.clusterIP).not.toMatch(/^10\.96\.0\./);
    expect(spec.clusterIPs).toEqual([spec.clusterIP]);
    expect(spec.ports[0]?.nodePort).toBe(30888);
    expect((ok(b.api.create(SVC, 'default', svc('jupyter-service', 30888))).spec as { clusterIP: string }).clusterIP).toBe(spec.clusterIP);
    expect(err(a.api.create(SVC, 'default', svc('other', 30888))).message).toBe('Service "other" is invalid: spec.ports[0].nodePort: Invalid value: 30888: provided port is already allocated');
    expect(err(a.api.create(SVC, 'default', svc('low', 8888))).message).toBe('Service "low" is invalid: spec.ports[0].nodePort: Invalid value: 8888: provided port is not in the valid range. The range of valid ports is 30000-32767');
    const auto = ok(a.api.create(SVC, 'default', svc('auto')));
    const np = (auto.spec as { ports: { nodePort: number }[] }).ports[0]?.nodePort ?? 0;
    expect(np).toBeGreaterThanOrEqual(30086);
    expect(np).toBeLessThanOrEqual(32767);
    const taken = { ...svc('dup'), spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ port: 80 }] } };
    expect(err(a.api.create(SVC, 'default', taken)).message).toBe('Service "dup" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated');
    // an update keeps the allocated values
    const upd = ok(a.api.patch(SVC, 'default', 'auto', 'merge', { metadata: { labels: { x: 'y' } } }));
    expect((upd.spec as { ports: { nodePort: number }[] }).ports[0]?.nodePort).toBe(np);
  });
});

describe('watch', () => {
  it('delivers ADDED/MODIFIED/DELETED on the next settle, and resumes from a resourceVersion', () => {
    const { api, clock } = world();
    const seen: string[] = [];
    const rec = (e: WatchEvent) => seen.push(`${e.type} ${e.object.metadata.name}`);
    const w = ok(api.watch(PODS, 'default', {}, rec));
    const a = ok(api.create(PODS, 'default', pod('a')));
    expect(seen).toEqual([]);
    clock.settle();
    expect(seen).toEqual(['ADDED a']);
    ok(api.patch(PODS, 'default', 'a', 'merge', { metadata: { labels: { app: 'z' } } }));
    ok(api.delete(PODS, 'default', 'a'));
    clock.settle();
    expect(seen).toEqual(['ADDED a', 'MODIFIED a', 'DELETED a']);
    w.dispose();
    const replay: string[] = [];
    ok(api.watch(PODS, 'default', { resourceVersion: a.metadata.resourceVersion }, (e) => replay.push(e.type)));
    clock.settle();
    expect(replay).toEqual(['MODIFIED', 'DELETED']);
  });

  it('sends initial ADDED events and applies selectors with transitions', () => {
    const { api, clock } = world();
    ok(api.create(PODS, 'default', pod('a')));
    const seen: string[] = [];
    ok(api.watch(PODS, 'default', { labelSelector: 'app=a' }, (e) => seen.push(`${e.type} ${e.object.metadata.name}`)));
    ok(api.create(PODS, 'default', pod('b')));
    ok(api.patch(PODS, 'default', 'b', 'merge', { metadata: { labels: { app: 'a' } } }));
    ok(api.patch(PODS, 'default', 'a', 'merge', { metadata: { labels: { app: 'q' } } }));
    clock.settle();
    expect(seen).toEqual(['ADDED a', 'ADDED b', 'DELETED a']);
  });

  it('answers 410 Expired for a forgotten resourceVersion', () => {
    const { api } = world();
    const f = api.fork();
    ok(f.create(PODS, 'default', pod('x')));
    expect(err(f.watch(PODS, 'default', { resourceVersion: '1' }, () => {}))).toMatchObject({ code: 410, reason: 'Expired' });
  });
});

describe('snapshot, restore and fork', () => {
  it('restores exactly', () => {
    const { api, clock, ids } = world();
    ok(api.create(DEPLOY, 'default', deployment('x')));
    ok(api.create(SVC, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } }));
    const snap = JSON.parse(JSON.stringify(api.snapshot()));
    const back = new ApiServer({ clock, ids }, snap);
    expect(back.snapshot()).toEqual(api.snapshot());
    expect(back.resourceVersion).toBe(api.resourceVersion);
    const next = ok(back.create(PODS, 'default', pod('p')));
    expect(Number(next.metadata.resourceVersion)).toBe(Number(api.resourceVersion) + 1);
  });

  it('forks share objects until written, and writes stay apart', () => {
    const { api } = world();
    ok(api.create(PODS, 'default', pod('a')));
    const f = api.fork();
    expect(ok(f.get(PODS, 'default', 'a'))).toBe(ok(api.get(PODS, 'default', 'a')));
    ok(f.create(PODS, 'default', pod('b')));
    ok(api.delete(PODS, 'default', 'a'));
    expect(ok(api.list(PODS, 'default')).items.map((p) => p.metadata.name)).toEqual([]);
    expect(ok(f.list(PODS, 'default')).items.map((p) => p.metadata.name)).toEqual(['a', 'b']);
  });
});

describe('discovery', () => {
  it('lists resources with short names, verbs and categories', () => {
    const { api } = world();
    const core = api.discovery().find((l) => l.groupVersion === 'v1')!;
    const pods = core.resources.find((r) => r.name === 'pods')!;
    expect(pods).toMatchObject({ singularName: 'pod', namespaced: true, kind: 'Pod', shortNames: ['po'], categories: ['all'], verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] });
    expect(core.resources.find((r) => r.name === 'namespaces')?.verbs).not.toContain('deletecollection');
    expect(api.discovery().map((l) => l.groupVersion)).toEqual(['v1', 'apps/v1', 'batch/v1', 'coordination.k8s.io/v1', 'discovery.k8s.io/v1', 'events.k8s.io/v1', 'storage.k8s.io/v1']);
  });
});
