/**
 * validation-errors.json, kubectl groups: every yaml-syntax vector runs through the go-yaml reader
 * (src/cli/lib/goyaml), and the client-validation, server-decoding, server-validation and formatting
 * messages run through a small `kubectl apply/create -f` pipeline built here on the API server's pure
 * functions (src/engine/kube/api): client checks -> kind mapping -> strict decoding -> defaults ->
 * validation -> kubectl's printing. Vectors that only give a YAML snippet get a full manifest built
 * around it below. The docker compose entries run through the compose loader (composeErrors.ts); the
 * docker build entries are skipped (their front end owns them).
 */
import {
  applyDefaults,
  decodeObject,
  formatInvalid,
  kindDef,
  kindGroup,
  kubectlInvalidMessage,
  noMatchesForKind,
  validateCreate,
  validateNodePorts,
  validateUpdate,
  type FieldError,
} from '../../../engine/kube/api';
import { kubectlParseError, parseGoYaml, type JsonValue } from '../goyaml';
import { diff, type SkippedGroup, type VectorCase, type VectorFamily } from './types';
import { composeCases, composeSkipped } from './composeErrors';

interface Vector {
  case?: string;
  input?: string;
  output?: string;
  file?: string;
  command?: string;
  yamlStage?: string;
  [k: string]: unknown;
}
interface Message {
  id: string;
  tool: string;
  category: string;
  trigger: { input?: string; inputFile?: string; command?: string };
  exampleOutput?: string;
  statusMessage?: string;
  yamlStage?: string;
  vectors?: Vector[];
}

const RESOURCES: Record<string, string> = {
  Pod: 'pods',
  Deployment: 'deployments',
  ReplicaSet: 'replicasets',
  Service: 'services',
  Namespace: 'namespaces',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  Job: 'jobs',
  PersistentVolumeClaim: 'persistentvolumeclaims',
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface RunOptions {
  command: 'apply' | 'create';
  validate?: boolean;
  /** node ports other Services hold */
  allocatedNodePorts?: number[];
  /** objects that exist already (for apply of an update) */
  existing?: Obj[];
}

/** The YAML stage as the vectors print it: "DOC {json}" per document then "OK docs=N". */
export function yamlStage(text: string): string {
  const r = parseGoYaml(text, { flavour: 'kubectl' });
  if (!r.ok) return `ERR ${r.error}`;
  return r.documents.map((d) => `DOC ${d.json}\n`).join('') + `OK docs=${r.documents.length}`;
}

/** A minimal `kubectl apply|create -f FILE` over the pure API functions: what the terminal shows. */
export function kubectlRun(file: string, text: string, opts: RunOptions): string {
  const parsed = parseGoYaml(text, { flavour: 'kubectl' });
  // kubectl reads the whole stream before acting: a parse error anywhere means nothing is applied
  if (!parsed.ok) return `error: ${kubectlParseError(file, parsed.error)}\n`;
  const out: string[] = [];
  const errors: string[] = [];
  const docs = parsed.documents;
  for (const doc of docs) {
    const v = doc.value as JsonValue;
    if (!isObj(v)) continue;
    if (opts.validate !== false) {
      const problems: string[] = [];
      if (v.apiVersion === undefined || v.apiVersion === null || v.apiVersion === '') problems.push('apiVersion not set');
      else if (typeof v.apiVersion !== 'string') problems.push("apiVersion isn't string type");
      if (v.kind === undefined || v.kind === null || v.kind === '') problems.push('kind not set');
      else if (typeof v.kind !== 'string') problems.push("kind isn't string type");
      if (problems.length) {
        const agg = problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
        errors.push(`error validating ${JSON.stringify(file)}: error validating data: ${agg}; if you choose to ignore these errors, turn validation off with --validate=false`);
        break;
      }
    } else if (typeof v.kind !== 'string' || v.kind === '') {
      errors.push(`unable to decode ${JSON.stringify(file)}: Object 'Kind' is missing in '${doc.json}'`);
      break;
    }
    const apiVersion = String(v.apiVersion);
    const kind = String(v.kind);
    const meta = isObj(v.metadata) ? v.metadata : {};
    const name = typeof meta.name === 'string' ? meta.name : '';
    if (kindDef(apiVersion, kind) === undefined) {
      errors.push(`resource mapping not found for name: ${JSON.stringify(name)} namespace: ${JSON.stringify(typeof meta.namespace === 'string' ? meta.namespace : '')} from ${JSON.stringify(file)}: ${noMatchesForKind(kind, apiVersion)}\nensure CRDs are installed first`);
      continue;
    }
    if (opts.command === 'apply' && name === '') {
      const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
      const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
      errors.push(
        `error when retrieving current configuration of:\nResource: "${group}/${version}, Resource=${RESOURCES[kind] ?? `${kind.toLowerCase()}s`}", GroupVersionKind: "${group}/${version}, Kind=${kind}"\nName: "", Namespace: "default"\nfrom server for: ${JSON.stringify(file)}: resource name may not be empty`,
      );
      continue;
    }
    const decoded = decodeObject(v, { strict: opts.validate !== false });
    if (!decoded.ok) {
      errors.push(`Error from server (BadRequest): error when creating ${JSON.stringify(file)}: ${decoded.status.message}`);
      continue;
    }
    const obj = decoded.object;
    const objMeta = isObj(obj.metadata) ? obj.metadata : (obj.metadata = {});
    if (kind !== 'Namespace' && kind !== 'PersistentVolume' && kind !== 'StorageClass' && kind !== 'Node') (objMeta as Obj).namespace ??= 'default';
    const existing = opts.existing?.find((e) => e.kind === kind && isObj(e.metadata) && e.metadata.name === name);
    const defaulted = applyDefaults(obj);
    let errs: FieldError[];
    if (existing) errs = validateUpdate(defaulted, applyDefaults(defaultedExisting(existing)));
    else errs = validateCreate(defaulted);
    if (!errs.length && kind === 'Service') errs = validateNodePorts(defaulted, new Set(opts.allocatedNodePorts ?? []));
    if (errs.length) {
      errors.push(kubectlInvalidMessage(formatInvalid(kind, name, errs, kindGroup(kind))).replace(/\n$/, '') + '\u0000invalid');
      continue;
    }
    out.push(`${kind.toLowerCase()}/${name} ${existing ? 'configured' : 'created'}\n`);
  }
  if (docs.length === 0) errors.push(`no objects passed to ${opts.command}`);
  let err = '';
  if (errors.length === 1) {
    const e = errors[0] ?? '';
    err = e.endsWith('\u0000invalid') ? e.slice(0, -'\u0000invalid'.length) + '\n' : e.startsWith('Error from server') ? `${e}\n` : `error: ${e}\n`;
  } else if (errors.length > 1) {
    err = errors.map((e) => (e.endsWith('\u0000invalid') ? e.slice(0, -'\u0000invalid'.length) : e) + '\n').join('');
  }
  return out.join('') + err;
}

function defaultedExisting(o: Obj): Obj {
  const copy = JSON.parse(JSON.stringify(o)) as Obj;
  const meta = isObj(copy.metadata) ? copy.metadata : (copy.metadata = {});
  (meta as Obj).namespace ??= 'default';
  return copy;
}

const POD = (containers: string, extra = '', meta = '  name: web\n'): string => `apiVersion: v1\nkind: Pod\nmetadata:\n${meta}${extra}spec:\n  containers:\n${containers}`;
const C = (more = ''): string => `  - name: web\n    image: nginx\n${more}`;
const DEPLOY = (containerMore = '', specExtra = '', labels = 'app: web', selector = '  selector:\n    matchLabels:\n      app: web\n'): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n${specExtra}${selector}  template:\n    metadata:\n      labels:\n        ${labels}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n${containerMore}`;
const SVC = (ports: string, name = 'web', type = ''): string => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n${type}  selector:\n    app: web\n  ports:\n${ports}`;

interface Built {
  name: string;
  file: string;
  input: string;
  opts: RunOptions;
  want: string;
  /** compare only up to the first newline (the rest is a go-cmp diff) */
  firstLine?: boolean;
}

/** Inputs for the vectors and examples that do not carry a whole manifest. */
function builtCases(msgs: Message[]): Built[] {
  const by = new Map(msgs.map((m) => [m.id, m]));
  const ex = (id: string): string => by.get(id)?.exampleOutput ?? '';
  const vec = (id: string, i: number): string => by.get(id)?.vectors?.[i]?.output ?? '';
  const apply: RunOptions = { command: 'apply' };
  const cases: Built[] = [];
  const add = (name: string, file: string, input: string, want: string, opts: RunOptions = apply, firstLine = false): void => {
    cases.push({ name, file, input, opts, want, firstLine });
  };
  const trig = (id: string): string => by.get(id)?.trigger.input ?? '';
  // client-validation
  add('kubectl.validate.missing-apiversion-kind[kind]', 'pod.yaml', 'apiVersion: v1\nmetadata:\n  name: web\n', vec('kubectl.validate.missing-apiversion-kind', 1));
  add('kubectl.validate.missing-apiversion-kind[apiVersion]', 'pod.yaml', 'kind: Pod\nmetadata:\n  name: web\n', vec('kubectl.validate.missing-apiversion-kind', 2));
  add('kubectl.validate.missing-apiversion-kind[number]', 'pod.yaml', 'apiVersion: 1\nmetadata:\n  name: web\n', vec('kubectl.validate.missing-apiversion-kind', 3));
  add('kubectl.decode.missing-kind-novalidate', 'pod.yaml', trig('kubectl.decode.missing-kind-novalidate'), ex('kubectl.decode.missing-kind-novalidate'), { command: 'apply', validate: false });
  add('kubectl.mapping.unknown-kind[v1 Deployment]', 'deploy.yaml', 'apiVersion: v1\nkind: Deployment\nmetadata:\n  name: web\n', vec('kubectl.mapping.unknown-kind', 0));
  add('kubectl.mapping.unknown-kind[Pods]', 'pod.yaml', 'apiVersion: v1\nkind: Pods\nmetadata:\n  name: web\n', vec('kubectl.mapping.unknown-kind', 1));
  add('kubectl.multiple-errors', 'all.yaml', 'apiVersion: apps/v1\nkind: Deploymen\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Servic\nmetadata:\n  name: b\n', ex('kubectl.multiple-errors'));
  // server-decoding
  add('kubectl.server.unknown-field.create[item-key-at-dash-column]', 'pod.yaml', POD('  - name: web\n  image: nginx\n'), vec('kubectl.server.unknown-field.create', 1));
  add(
    'kubectl.server.unknown-field.create[two unknown fields]',
    'pod.yaml',
    POD(C('    volumeMount:\n    - name: data\n      mountPath: /data\n'), '') + '  volumes:\n  - name: data\n    presistentVolumeClaim:\n      claimName: data\n',
    vec('kubectl.server.unknown-field.create', 2),
  );
  add('kubectl.server.unknown-field.create[deployment]', 'deploy.yaml', DEPLOY().replace('image: nginx', 'imagee: nginx'), vec('kubectl.server.unknown-field.create', 3));
  const wt = (i: number, file: string, input: string): void => add(`kubectl.server.wrong-type[${i}]`, file, input, vec('kubectl.server.wrong-type', i));
  wt(0, 'pod.yaml', POD(C('    ports:\n    - containerPort: "80"\n')));
  wt(1, 'pod.yaml', POD(C('    env:\n    - name: DEBUG\n      value: true\n')));
  wt(2, 'pod.yaml', POD(C('    env:\n    - name: PORT\n      value: 8080\n')));
  wt(3, 'deploy.yaml', DEPLOY('        env:\n        - name: DEBUG\n          value: true\n'));
  wt(4, 'deploy.yaml', DEPLOY('', '  replicas: "3"\n'));
  wt(5, 'pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    name: web\n    image: nginx\n');
  wt(6, 'pod.yaml', POD(C('    ports: "80"\n')));
  wt(7, 'pod.yaml', POD(C('    command: nginx -g daemon off;\n')));
  wt(8, 'pod.yaml', POD(C(), '', '  name: web\n  labels:\n    version: 1.0\n'));
  add('kubectl.server.bad-quantity', 'pod.yaml', POD(C('    resources:\n      limits:\n        memory: 512MB\n')), ex('kubectl.server.bad-quantity'));
  // server-validation
  add('kubectl.server.invalid', 'pod.yaml', POD('  - name: web\n'), ex('kubectl.server.invalid'));
  add('apiserver.pod.image-whitespace', 'pod.yaml', POD('  - name: web\n    image: "nginx "\n'), ex('apiserver.pod.image-whitespace'));
  add('apiserver.pod.container-name-invalid', 'pod.yaml', POD('  - name: Web_Server\n    image: nginx\n'), ex('apiserver.pod.container-name-invalid'));
  add('apiserver.pod.container-name-invalid[64]', 'pod.yaml', POD(`  - name: ${'a'.repeat(64)}\n    image: nginx\n`), vec('apiserver.pod.container-name-invalid', 0));
  add('apiserver.pod.container-name-invalid[dots]', 'pod.yaml', POD('  - name: web.v1\n    image: nginx\n'), vec('apiserver.pod.container-name-invalid', 1));
  add('apiserver.metadata.name-invalid-subdomain', 'pod.yaml', POD(C(), '', '  name: My_Pod\n'), ex('apiserver.metadata.name-invalid-subdomain'));
  add('apiserver.metadata.name-invalid-dns1035', 'svc.yaml', SVC('  - port: 80\n', '1web'), ex('apiserver.metadata.name-invalid-dns1035'));
  add('apiserver.metadata.label-value-invalid', 'pod.yaml', POD(C(), '', '  name: web\n  labels:\n    app: my app\n'), ex('apiserver.metadata.label-value-invalid'));
  add('apiserver.metadata.label-value-invalid[key]', 'pod.yaml', POD(C(), '', '  name: web\n  labels:\n    my app: web\n'), vec('apiserver.metadata.label-value-invalid', 0));
  add('apiserver.pod.port-range', 'pod.yaml', POD(C('    ports:\n    - containerPort: 70000\n')), ex('apiserver.pod.port-range'));
  add('apiserver.pod.port-range[0]', 'pod.yaml', POD(C('    ports:\n    - containerPort: 0\n')), vec('apiserver.pod.port-range', 0));
  add('apiserver.pod.port-range[service 0]', 'svc.yaml', SVC('  - port: 0\n    targetPort: 80\n'), vec('apiserver.pod.port-range', 1));
  add('apiserver.pod.restart-policy[deployment Never]', 'deploy.yaml', DEPLOY().replace('      containers:', '      restartPolicy: Never\n      containers:'), vec('apiserver.pod.restart-policy', 0));
  add('apiserver.pod.image-pull-policy', 'pod.yaml', POD(C('    imagePullPolicy: always\n')), ex('apiserver.pod.image-pull-policy'));
  add('apiserver.pod.port-protocol', 'pod.yaml', POD(C('    ports:\n    - containerPort: 80\n      protocol: tcp\n')), ex('apiserver.pod.port-protocol'));
  add('apiserver.pod.volume-mount-not-found', 'pod.yaml', POD(C('    volumeMounts:\n    - name: data\n      mountPath: /data\n')), ex('apiserver.pod.volume-mount-not-found'));
  add('apiserver.deployment.selector-missing', 'deploy.yaml', DEPLOY('', '', 'app: web', ''), ex('apiserver.deployment.selector-missing'));
  const oldDeploy = parseGoYaml(DEPLOY(), { flavour: 'kubectl' });
  const existingDeploy = oldDeploy.ok ? [oldDeploy.documents[0]?.value as Obj] : [];
  add('apiserver.deployment.selector-immutable', 'deploy.yaml', DEPLOY('', '', 'app: web2', '  selector:\n    matchLabels:\n      app: web2\n'), ex('apiserver.deployment.selector-immutable'), { command: 'apply', existing: existingDeploy });
  const oldPod = parseGoYaml(POD(C()), { flavour: 'kubectl' });
  const existingPod = oldPod.ok ? [oldPod.documents[0]?.value as Obj] : [];
  add('apiserver.pod.update-forbidden', 'pod.yaml', POD(C('    ports:\n    - containerPort: 80\n')), ex('apiserver.pod.update-forbidden'), { command: 'apply', existing: existingPod }, true);
  add('apiserver.pod.update-forbidden[add container]', 'pod.yaml', POD(C('  - name: sidecar\n    image: busybox\n')), vec('apiserver.pod.update-forbidden', 0), { command: 'apply', existing: existingPod });
  add('apiserver.service.nodeport-allocated', 'svc.yaml', SVC('  - port: 80\n    nodePort: 30080\n', 'web', '  type: NodePort\n'), ex('apiserver.service.nodeport-allocated'), { command: 'apply', allocatedNodePorts: [30080] });
  return cases;
}

const SKIPS: Record<string, string> = {
  'kubectl.validate.client-side-legacy': 'client-side OpenAPI validation only runs against API servers older than 1.25/1.27; kubectl 1.33 with the simulated 1.33 server never prints it',
  'kubectl.server.unknown-field.apply-existing': "needs the API server's strategic-merge-patch handler (a second kubectl apply), which the store will own",
  'apiserver.field-error.value-format-1.34': 'describes a 1.34+ API server; Dockyard simulates 1.33',
};

export const validationErrorsFamily: VectorFamily = {
  file: 'validation-errors.json',
  cases(raw: unknown): VectorCase[] {
    const msgs = ((raw as { messages?: Message[] }).messages ?? []).filter((m) => m.tool === 'kubectl' || m.tool === 'kubectl+apiserver' || m.tool === 'apiserver');
    const cases: VectorCase[] = [];
    const built = builtCases(msgs);
    const builtIds = new Set(built.map((b) => b.name.replace(/\[.*$/, '')));
    for (const m of msgs) {
      if (SKIPS[m.id]) continue;
      if (m.category === 'yaml-syntax') {
        const vs = m.vectors?.length ? m.vectors : [{ input: m.trigger.input, output: m.exampleOutput, file: m.trigger.inputFile }];
        vs.forEach((v, i) => {
          const input = v.input ?? m.trigger.input;
          const name = `${m.id}[${v.case ?? i}]`;
          if (v.yamlStage !== undefined) {
            if (input === undefined) cases.push({ name, run: () => diff('yaml stage', yamlStage(m.trigger.input ?? ''), v.yamlStage) });
            else cases.push({ name, run: () => diff('yaml stage', yamlStage(input), v.yamlStage) });
            return;
          }
          const want = v.output ?? m.exampleOutput ?? '';
          const file = v.file ?? m.trigger.inputFile ?? 'pod.yaml';
          cases.push({ name, run: () => diff('output', kubectlRun(file, input ?? '', { command: 'apply' }), want) });
        });
        if (m.vectors?.length && m.trigger.input !== undefined && m.exampleOutput && !m.vectors.some((v) => v.yamlStage !== undefined)) {
          cases.push({ name: `${m.id}[example]`, run: () => diff('output', kubectlRun(m.trigger.inputFile ?? 'pod.yaml', m.trigger.input ?? '', { command: 'apply' }), m.exampleOutput) });
        }
        continue;
      }
      // whole-manifest examples
      if (m.trigger.input !== undefined && m.exampleOutput !== undefined) {
        const command = (m.trigger.command ?? '').includes('kubectl create') ? 'create' : 'apply';
        const validate = !(m.trigger.command ?? '').includes('--validate=false');
        const file = m.trigger.inputFile ?? 'pod.yaml';
        cases.push({ name: `${m.id}[example]`, run: () => diff('output', kubectlRun(file, m.trigger.input ?? '', { command, validate }), m.exampleOutput) });
        if (m.yamlStage) cases.push({ name: `${m.id}[yaml stage]`, run: () => diff('yaml stage', yamlStage(m.trigger.input ?? ''), m.yamlStage) });
        if (m.statusMessage && !m.statusMessage.startsWith('Deployment ')) {
          cases.push({
            name: `${m.id}[status message]`,
            run: () => {
              const out = kubectlRun(file, m.trigger.input ?? '', { command, validate });
              const want = m.statusMessage ?? '';
              const kind = want.slice(0, want.indexOf(' '));
              return out.startsWith(`The ${kind} `) ? null : `no Invalid status for ${kind}`;
            },
          });
        }
        // vectors of whole-manifest messages that only vary one field are built below
        if (m.vectors?.length && m.vectors.every((v) => v.input === undefined) && !builtIds.has(m.id) && m.id !== 'kubectl.validate.missing-apiversion-kind') {
          cases.push({ name: `${m.id}[vectors]`, run: () => `vectors without inputs and no built case` });
        }
      }
    }
    cases.push(...composeCases(((raw as { messages?: Message[] }).messages ?? []).filter((m) => m.tool === 'docker compose')));
    for (const b of built) {
      cases.push({
        name: b.name,
        run: () => {
          const got = kubectlRun(b.file, b.input, b.opts);
          if (b.firstLine) return diff('first line', got.split('\n')[0], b.want.split('\n')[0]);
          return diff('output', got, b.want);
        },
      });
    }
    return cases;
  },
  skipped(raw: unknown): SkippedGroup[] {
    const msgs = (raw as { messages?: Message[] }).messages ?? [];
    const out: SkippedGroup[] = [];
    const count = (pred: (m: Message) => boolean): number => msgs.filter(pred).reduce((n, m) => n + Math.max(1, m.vectors?.length ?? 0), 0);
    const docker = count((m) => m.tool.startsWith('docker build'));
    if (docker) out.push({ group: 'docker build', count: docker, reason: 'belongs to the docker/compose front end' });
    out.push(...composeSkipped(msgs.filter((m) => m.tool === 'docker compose')));
    for (const [id, reason] of Object.entries(SKIPS)) {
      const m = msgs.find((x) => x.id === id);
      if (m) out.push({ group: id, count: Math.max(1, m.vectors?.length ?? 0), reason });
    }
    return out;
  },
};
