import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate } from '../../../../scripts/gen-kube-schema';
import {
  applyDefaults,
  decodeObject,
  errorString,
  formatInvalid,
  formatQuantity,
  imageTag,
  kubectlInvalidMessage,
  parseQuantity,
  validateCreate,
  validateNodePorts,
  validateUpdate,
  type FieldError,
} from './index';

const pod = (spec: Record<string, unknown>, meta: Record<string, unknown> = { name: 'web', namespace: 'default' }) => ({ apiVersion: 'v1', kind: 'Pod', metadata: meta, spec });
const container = (extra: Record<string, unknown> = {}) => ({ name: 'web', image: 'nginx', ...extra });
const msgs = (errs: FieldError[]): string[] => errs.map(errorString);
const check = (obj: unknown): string[] => msgs(validateCreate(applyDefaults(obj)));

describe('schema table', () => {
  it('is what scripts/gen-kube-schema.ts makes from data/schemas/kubernetes.json', () => {
    const text = readFileSync(new URL('../../../../data/schemas/kubernetes.json', import.meta.url), 'utf8');
    const committed = readFileSync(new URL('./schema.gen.ts', import.meta.url), 'utf8');
    expect(generate(text)).toBe(committed);
  });
});

describe('decodeObject', () => {
  it('reports unknown fields in sorted key order with list indices, only when strict', () => {
    const obj = pod({ containers: [container({ imagee: 'x' })], zzz: 1, aaa: 2 });
    const strict = decodeObject(obj, { strict: true });
    expect(strict.ok).toBe(false);
    if (!strict.ok) expect(strict.status.message).toBe('Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.aaa", unknown field "spec.containers[0].imagee", unknown field "spec.zzz"');
    const lax = decodeObject(obj, { strict: false });
    expect(lax.ok && lax.warnings).toEqual(['unknown field "spec.aaa"', 'unknown field "spec.containers[0].imagee"', 'unknown field "spec.zzz"']);
    expect(lax.ok && (lax.object.spec as { containers: Record<string, unknown>[] }).containers[0]).toEqual({ image: 'nginx', name: 'web' });
  });
  it('reports the first type error over unknown fields, naming the Go struct and type', () => {
    const r = decodeObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { bogus: 1, replicas: 1.5, template: { spec: { containers: [{ name: 'a', ports: [{ containerPort: '80' }] }] } } } }, { strict: true });
    expect(!r.ok && r.status.message).toBe('Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32');
    const r2 = decodeObject(pod({ containers: [container({ args: 'run' })] }), { strict: true });
    expect(!r2.ok && r2.status.message).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field Container.spec.containers.args of type []string');
  });
  it('fails on bad quantities and bad base64 as their unmarshalers do', () => {
    const q = decodeObject(pod({ containers: [container({ resources: { requests: { memory: '1Gb' } } })] }), { strict: true });
    expect(!q.ok && q.status.message).toBe("Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    const q2 = decodeObject(pod({ containers: [container({ resources: { requests: { cpu: '500mi' } } })] }), { strict: true });
    expect(!q2.ok && q2.status.message).toBe("Pod in version \"v1\" cannot be handled as a Pod: unable to parse quantity's suffix");
    const s = decodeObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { pw: 'not base64!' } }, { strict: true });
    expect(!s.ok && s.status.message).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3');
  });
  it('refuses unknown kinds and versions', () => {
    const r = decodeObject({ apiVersion: 'v1', kind: 'Deployment' }, { strict: true });
    expect(!r.ok && r.status.message).toBe('no matches for kind "Deployment" in version "v1"');
  });
});

describe('applyDefaults', () => {
  it('fills a Pod as the API server and its admission plugins do', () => {
    const p = applyDefaults(pod({ containers: [container({ ports: [{ containerPort: 80 }], resources: { limits: { cpu: '1' } } })] }));
    expect(p.spec).toEqual({
      containers: [
        {
          name: 'web',
          image: 'nginx',
          imagePullPolicy: 'Always',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          resources: { limits: { cpu: '1' }, requests: { cpu: '1' } },
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      tolerations: [
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ],
    });
  });
  it('picks imagePullPolicy from the tag', () => {
    expect(['nginx', 'nginx:latest', 'nginx:1.27', 'localhost:5000/app', 'nginx@sha256:abc', 'jupyter/base-notebook:2024-01-01'].map(imageTag)).toEqual(['latest', 'latest', '1.27', 'latest', '', '2024-01-01']);
  });
  it('fills a Deployment without touching the input', () => {
    const input = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: { containers: [container({ image: 'nginx:1.27' })] } } } };
    const d = applyDefaults(input) as { spec: Record<string, unknown> };
    expect(d.spec).toMatchObject({ replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } });
    expect(d.spec.template).toMatchObject({ spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', containers: [{ imagePullPolicy: 'IfNotPresent' }] } });
    expect((d.spec.template as { spec: Record<string, unknown> }).spec.tolerations).toBeUndefined();
    expect(input.spec).not.toHaveProperty('replicas');
  });
  it('fills Services, PVCs, Jobs, Secrets, Namespaces and StorageClasses', () => {
    expect(applyDefaults({ kind: 'Service', spec: { type: 'NodePort', ports: [{ port: 8888 }] } })).toEqual({
      kind: 'Service',
      spec: { type: 'NodePort', ports: [{ port: 8888, protocol: 'TCP', targetPort: 8888 }], sessionAffinity: 'None', externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] },
    });
    expect(applyDefaults({ kind: 'PersistentVolumeClaim', spec: {} })).toEqual({ kind: 'PersistentVolumeClaim', spec: { volumeMode: 'Filesystem' } });
    expect(applyDefaults({ kind: 'Job', spec: { template: { spec: { containers: [] } } } })).toMatchObject({ spec: { completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false } });
    expect(applyDefaults({ kind: 'Secret' })).toEqual({ kind: 'Secret', type: 'Opaque' });
    expect(applyDefaults({ kind: 'Namespace', metadata: { name: 'demo' } })).toEqual({ kind: 'Namespace', metadata: { name: 'demo', labels: { 'kubernetes.io/metadata.name': 'demo' } }, spec: { finalizers: ['kubernetes'] } });
    expect(applyDefaults({ kind: 'StorageClass' })).toEqual({ kind: 'StorageClass', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
  });
});

describe('validateCreate', () => {
  it('accepts a plain pod', () => {
    expect(check(pod({ containers: [container()] }))).toEqual([]);
  });
  it('checks names with the RFC 1123 words, per kind', () => {
    expect(check(pod({ containers: [container()] }, { name: 'My_Pod', namespace: 'default' }))[0]).toContain('metadata.name: Invalid value: "My_Pod": a lowercase RFC 1123 subdomain');
    expect(check({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } })).toEqual(['metadata.name: Invalid value: "a.b": must not contain dots']);
    expect(check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { 'bad key': 'x' } })[0]).toBe(
      "data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
  });
  it('checks services: ports, protocols, types, and node ports on ClusterIP services', () => {
    const svc = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec });
    expect(check(svc({ ports: [] }))).toEqual(['spec.ports: Required value']);
    expect(check(svc({ type: 'nodeport', ports: [{ port: 80 }] }))).toEqual(['spec.type: Unsupported value: "nodeport": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']);
    expect(check(svc({ ports: [{ port: 80, nodePort: 30080 }] }))).toEqual(["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]);
    expect(check(svc({ ports: [{ port: 80 }, { port: 81 }] }))).toEqual(['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']);
    expect(msgs(validateNodePorts(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }), new Set()))).toEqual(['spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767']);
  });
  it('checks PVC access modes and storage', () => {
    const pvc = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec });
    expect(check(pvc({}))).toEqual(['spec.accessModes: Required value: at least 1 access mode is required', 'spec.resources[storage]: Required value']);
    expect(check(pvc({ accessModes: ['ReadWriteOnly'], resources: { requests: { storage: '0' } } }))).toEqual([
      'spec.accessModes: Unsupported value: "ReadWriteOnly": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      'spec.resources[storage]: Invalid value: "0": must be greater than zero',
    ]);
  });
  it('checks Job restart policies and requests over limits', () => {
    expect(check({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default' }, spec: { template: { spec: { containers: [container()] } } } })).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    ]);
    expect(check(pod({ containers: [container({ resources: { limits: { cpu: '500m' }, requests: { cpu: '1' } } })] }))).toEqual(['spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m']);
  });
  it('checks selectors against template labels, printing maps with %#v', () => {
    const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { selector: {}, template: { metadata: { labels: { b: '2', a: '1' } }, spec: { containers: [container()] } } } };
    expect(check(deploy)).toEqual(['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment']);
    const mismatch = { ...deploy, spec: { ...deploy.spec, selector: { matchExpressions: [{ key: 'a', operator: 'In', values: ['9'] }] } } };
    expect(check(mismatch)).toEqual(['spec.template.metadata.labels: Invalid value: map[string]string{"a":"1", "b":"2"}: `selector` does not match template `labels`']);
  });
});

describe('validateUpdate', () => {
  it('keeps metadata.name and the Deployment selector immutable', () => {
    const old = applyDefaults({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [container()] } } } });
    const next = JSON.parse(JSON.stringify(old)) as typeof old & { spec: { selector: { matchLabels: Record<string, string> } } };
    next.spec.selector.matchLabels.tier = 'x';
    // the new spec is validated first (its template no longer matches), then the strategy's immutability check
    expect(msgs(validateUpdate(next, old))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
    const renamed = { ...old, metadata: { ...(old.metadata as object), name: 'other' } };
    expect(msgs(validateUpdate(renamed, old))[0]).toBe('metadata.name: Invalid value: "other": field is immutable');
  });
  it('lets a Pod change its image but nothing else', () => {
    const old = applyDefaults(pod({ containers: [container()] }));
    const image = applyDefaults(pod({ containers: [container({ image: 'nginx:1.27', imagePullPolicy: 'Always' })] }));
    expect(validateUpdate(image, old)).toEqual([]);
    const env = applyDefaults(pod({ containers: [container({ env: [{ name: 'A', value: '1' }] })] }));
    const errs = msgs(validateUpdate(env, old));
    expect(errs).toHaveLength(1);
    expect(errs[0]?.split('\n')[0]).toBe(
      'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
  });
});

describe('formatInvalid and kubectl printing', () => {
  const errs: FieldError[] = [
    { type: 'Required value', field: 'metadata.name', value: 'omit', detail: 'name or generateName is required' },
    { type: 'Invalid value', field: 'spec.replicas', value: { n: -1 }, detail: 'must be greater than or equal to 0' },
  ];
  it('builds the Status message, group-qualified as errors.NewInvalid does', () => {
    const st = formatInvalid('Deployment', 'web', errs, 'apps');
    expect(st.message).toBe('Deployment.apps "web" is invalid: [metadata.name: Required value: name or generateName is required, spec.replicas: Invalid value: -1: must be greater than or equal to 0]');
    expect(st.code).toBe(422);
    expect(st.details?.causes?.[1]).toEqual({ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' });
  });
  it('prints one cause inline and several as bullets', () => {
    expect(kubectlInvalidMessage(formatInvalid('Pod', 'web', errs.slice(0, 1)))).toBe('The Pod "web" is invalid: metadata.name: Required value: name or generateName is required\n');
    expect(kubectlInvalidMessage(formatInvalid('Deployment', 'web', errs, 'apps'))).toBe(
      'The Deployment "web" is invalid: \n* metadata.name: Required value: name or generateName is required\n* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
    );
  });
  it('quotes strings with %q and leaves numbers bare', () => {
    expect(errorString({ type: 'Invalid value', field: 'x', value: { s: 'a "b"\n' }, detail: 'd' })).toBe('x: Invalid value: "a \\"b\\"\\n": d');
    expect(errorString({ type: 'Invalid value', field: 'x', value: null, detail: 'd' })).toBe('x: Invalid value: null: d');
  });
});

describe('quantities', () => {
  const canon = (s: string): string => {
    const r = parseQuantity(s);
    return r.ok ? formatQuantity(r.value) : r.error;
  };
  it('prints the canonical form', () => {
    expect(['500m', '0.5', '1Gi', '1024Mi', '1.5Gi', '1000', '1e3', '128974848', '100Mi', '0'].map(canon)).toEqual(['500m', '500m', '1Gi', '1Gi', '1536Mi', '1k', '1e3', '128974848', '100Mi', '0']);
  });
  it('rejects what ParseQuantity rejects', () => {
    expect(canon('512MB')).toContain('quantities must match');
    expect(canon('1mi')).toBe("unable to parse quantity's suffix");
  });
});
