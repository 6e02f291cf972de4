/**
 * kubectl create -f, apply -f (client-side apply) and replace -f (k8s.io/kubectl pkg/cmd/create,
 * apply/apply.go + patcher.go, replace, v1.33):
 *
 * - objects come from files (resource.ts) and are sent in file order; failures are collected and
 *   printed at the end (ContinueOnError), success lines as they happen;
 * - apply stores the `kubectl.kubernetes.io/last-applied-configuration` annotation (the object as
 *   applied, JSON with a trailing newline) and, when the object exists, sends the three-way
 *   strategic merge patch of (last applied, file, live): `{}` prints `unchanged`, else `configured`.
 */
import type { ApiServer, ApiStatus, KubeObject, ResourceInfo } from '../../engine/kube/apiserver';
import { defineCommand, flag, type CliContext } from '../lib/command';
import { goJsonMarshal, type JsonValue } from '../lib/goyaml';
import { KubectlError, StatusError, UsageError, withSource, type Client } from './client';
import { clone, dryRunFlag, dryRunOf, dryRunSuffix, finish, gvr, guard, isObj, printFlagDefs, printMutation, type Obj } from './common';
import { readFileObjects, type FileObject } from './resource';
import { generatorCommands } from './generators';

import { LAST_APPLIED, withLastApplied } from './lastapplied';

export { LAST_APPLIED, withLastApplied };

const fileFlags = (what: string) => ({
  filename: flag.stringSlice('filename', { short: 'f', usage: `The files that contain the configurations to ${what}.` }),
  kustomize: flag.string('kustomize', { short: 'k', usage: 'Process the kustomization directory. This flag can\'t be used together with -f or -R.' }),
  recursive: flag.bool('recursive', { short: 'R', usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' }),
  validate: flag.string('validate', {
    usage: `Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.`,
    default: 'strict',
    noOptDefVal: 'strict',
  }),
  dryRun: dryRunFlag(),
  fieldManager: flag.string('field-manager', { usage: 'Name of the manager used to track field ownership.', default: `kubectl-${what === 'apply' ? 'client-side-apply' : what}` }),
  ...printFlagDefs(),
});

type FileFlagValues = { filename: string[]; kustomize: string; recursive: boolean; validate: string; dryRun: string; output: string; template: string; allowMissingTemplateKeys: boolean };

function validationMode(v: string): 'Strict' | 'Warn' | 'Ignore' {
  const m = v.toLowerCase();
  if (m === 'strict' || m === 'true') return 'Strict';
  if (m === 'warn') return 'Warn';
  if (m === 'ignore' || m === 'false') return 'Ignore';
  throw new UsageError(`invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`);
}

/** Reads the objects of -f (with kubectl's namespace enforcement) after connecting as kubectl does. */
async function objectsOf(cli: CliContext, client: Client, f: FileFlagValues, verb: string): Promise<{ api: ApiServer; objects: FileObject[]; errors: unknown[] }> {
  if (f.kustomize) throw new KubectlError(`dockyard: 'kubectl ${verb} -k' (kustomize) is not simulated here\n`);
  if (f.filename.length === 0) throw new UsageError('must specify one of -f and -k');
  const mode = validationMode(f.validate);
  const read = await readFileObjects(cli.proc, { filenames: f.filename, recursive: f.recursive }, client.namespace, mode !== 'Ignore');
  const errors: unknown[] = [...read.errors];
  if (read.objects.length === 0 && errors.length === 0) throw new UsageError(`no objects passed to ${verb}`);
  const first = read.objects[0];
  const api = await client.connect(mode === 'Ignore' ? 'discovery' : 'openapi', first?.source ?? '');
  const objects: FileObject[] = [];
  for (const o of read.objects) {
    const metaNs = isObj(o.obj.metadata) && typeof o.obj.metadata.namespace === 'string' ? o.obj.metadata.namespace : '';
    if (client.config.namespaceFromFlag && o.info.namespaced && metaNs !== '' && metaNs !== client.namespace) {
      errors.push(new UsageError(`the namespace from the provided object "${metaNs}" does not match the namespace "${client.namespace}". You must pass '--namespace=${metaNs}' to perform this operation.`));
      continue;
    }
    objects.push(o);
  }
  return { api, objects, errors };
}

const nameOf = (o: FileObject): string => (isObj(o.obj.metadata) && typeof o.obj.metadata.name === 'string' ? o.obj.metadata.name : '');

function warningsOut(cli: CliContext, warnings: readonly string[] | undefined): Promise<void> {
  return warnings && warnings.length ? cli.err(warnings.map((w) => `Warning: ${w}\n`).join('')) : Promise.resolve();
}

/** The object as kubectl sends it: the namespace the request resolved (namespaced kinds). */
function prepared(o: FileObject): Obj {
  const obj = clone(o.obj);
  const meta = isObj(obj.metadata) ? obj.metadata : (obj.metadata = {});
  if (o.info.namespaced) meta.namespace = o.namespace;
  return obj;
}

// ------------------------------------------------------------------ create -f

async function runCreateFiles(cli: CliContext, f: FileFlagValues & { saveConfig: boolean }): Promise<number> {
  return guard(cli, async (client) => {
    const { api, objects, errors } = await objectsOf(cli, client, f, 'create');
    const dry = dryRunOf(f.dryRun);
    const mode = validationMode(f.validate);
    for (const o of objects) {
      let obj = prepared(o);
      if (f.saveConfig) obj = withLastApplied(obj);
      if (dry === 'client') {
        await emit(cli, obj as KubeObject, o.info, `created${dryRunSuffix(dry)}`, f);
        continue;
      }
      const r = api.create(gvr(o.info), o.namespace, obj, { fieldValidation: mode, dryRun: dry === 'server', fieldManager: 'kubectl-create' });
      if (!r.ok) {
        errors.push(withSource('creating', o.source, r.status));
        continue;
      }
      await warningsOut(cli, r.warnings);
      await emit(cli, r.value, o.info, `created${dryRunSuffix(dry)}`, f);
    }
    return finish(cli, errors);
  });
}

async function emit(cli: CliContext, obj: KubeObject, info: ResourceInfo, verb: string, f: { output: string; template: string; allowMissingTemplateKeys: boolean }): Promise<void> {
  const p = printMutation(cli, obj, info, verb, f);
  if (p.stdout) await cli.out(p.stdout);
  if (!p.ok) throw new KubectlError(p.stderr);
}

// ------------------------------------------------------------------ apply

type J = JsonValue;
const isJObj = (v: unknown): v is { [k: string]: J } => isObj(v);

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => equal(a[k], b[k]));
  }
  return false;
}

/** patchMergeKey of the list fields of the types Dockyard serves (apimachinery strategicpatch). */
function mergeKey(path: readonly string[], kind: string): string | undefined {
  const last = path[path.length - 1] ?? '';
  const parent = path[path.length - 2] ?? '';
  switch (last) {
    case 'containers':
    case 'initContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'hostAliases':
      return 'ip';
    case 'ports':
      if (parent === 'containers' || parent === 'initContainers') return 'containerPort';
      if (kind === 'Service' && path.length === 2) return 'port';
      return undefined;
  }
  return undefined;
}

/** The part of `modified` that differs from `current` (additions and changes; strategic lists merged by key). */
function delta(current: unknown, modified: { [k: string]: J }, path: string[], kind: string): { [k: string]: J } {
  const cur = isJObj(current) ? current : {};
  const out: { [k: string]: J } = {};
  for (const [k, mv] of Object.entries(modified)) {
    const cv = cur[k];
    const p = [...path, k];
    if (isJObj(mv) && isJObj(cv)) {
      const d = delta(cv, mv, p, kind);
      if (Object.keys(d).length) out[k] = d;
    } else if (Array.isArray(mv) && Array.isArray(cv) && mergeKey(p, kind)) {
      const key = mergeKey(p, kind)!;
      const items: J[] = [];
      let changed = mv.length !== cv.length;
      for (const item of mv) {
        if (!isJObj(item)) {
          changed = true;
          continue;
        }
        const match = cv.find((c) => isJObj(c) && equal(c[key], item[key]));
        if (!match) {
          items.push(item);
          changed = true;
          continue;
        }
        const d = delta(match, item, p, kind);
        if (Object.keys(d).length) {
          items.push({ [key]: item[key] ?? null, ...d });
          changed = true;
        }
      }
      if (changed && items.length) out[k] = items;
      else if (changed) out[`$setElementOrder/${k}`] = mv.map((x) => (isJObj(x) ? { [key]: x[key] ?? null } : x));
    } else if (!equal(mv, cv)) out[k] = mv;
  }
  return out;
}

/** Fields in `original` (last applied) that `modified` dropped: null, or `$patch: delete` list items. */
function deletions(original: unknown, modified: unknown, path: string[], kind: string): { [k: string]: J } {
  const orig = isJObj(original) ? original : {};
  const mod = isJObj(modified) ? modified : {};
  const out: { [k: string]: J } = {};
  for (const [k, ov] of Object.entries(orig)) {
    const mv = mod[k];
    const p = [...path, k];
    if (mv === undefined) {
      out[k] = null;
      continue;
    }
    if (isJObj(ov) && isJObj(mv)) {
      const d = deletions(ov, mv, p, kind);
      if (Object.keys(d).length) out[k] = d;
    } else if (Array.isArray(ov) && Array.isArray(mv) && mergeKey(p, kind)) {
      const key = mergeKey(p, kind)!;
      const gone: J[] = [];
      for (const item of ov) {
        if (!isJObj(item)) continue;
        const match = mv.find((m) => isJObj(m) && equal(m[key], item[key]));
        if (!match) gone.push({ [key]: item[key] ?? null, $patch: 'delete' });
        else {
          const d = deletions(item, match, p, kind);
          if (Object.keys(d).length) gone.push({ [key]: item[key] ?? null, ...d });
        }
      }
      if (gone.length) out[k] = gone;
    }
  }
  return out;
}

function mergeDeep(a: { [k: string]: J }, b: { [k: string]: J }): { [k: string]: J } {
  const out: { [k: string]: J } = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const av = out[k];
    if (isJObj(av) && isJObj(v)) out[k] = mergeDeep(av, v);
    else if (Array.isArray(av) && Array.isArray(v)) out[k] = [...av, ...v];
    else out[k] = v;
  }
  return out;
}

/** CreateThreeWayMergePatch(original, modified, current) for a built-in kind. */
export function threeWayPatch(original: Obj | undefined, modified: Obj, current: Obj, kind: string): { [k: string]: J } {
  const d = delta(current, modified as { [k: string]: J }, [], kind);
  const del = original ? deletions(original, modified, [], kind) : {};
  return mergeDeep(d, del);
}

function lastAppliedOf(obj: KubeObject): Obj | undefined {
  const s = obj.metadata.annotations?.[LAST_APPLIED];
  if (!s) return undefined;
  try {
    const v = JSON.parse(s) as unknown;
    return isObj(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function patchErrorText(st: ApiStatus, patch: unknown, o: FileObject, name: string): StatusError {
  if (st.reason === 'Invalid') return new StatusError(st);
  const gv = o.info.group ? `${o.info.group}/${o.info.version}` : `/${o.info.version}`;
  const info = `Resource: "${gv}, Resource=${o.info.resource}", GroupVersionKind: "${gv}, Kind=${o.info.kind}"\nName: "${name}", Namespace: "${o.namespace}"`;
  return new StatusError({ ...st, message: `error when applying patch:\n${goJsonMarshal(patch as J)}\nto:\n${info}\nfor: "${o.source}": error when patching "${o.source}": ${st.message}` });
}

async function runApply(cli: CliContext, f: FileFlagValues & { serverSide: boolean; prune: boolean }): Promise<number> {
  return guard(cli, async (client) => {
    if (f.serverSide) throw new KubectlError(`dockyard: 'kubectl apply --server-side' is not simulated here\n`);
    if (f.prune) throw new KubectlError(`dockyard: 'kubectl apply --prune' is not simulated here\n`);
    const { api, objects, errors } = await objectsOf(cli, client, f, 'apply');
    const dry = dryRunOf(f.dryRun);
    const mode = validationMode(f.validate);
    for (const o of objects) {
      const name = nameOf(o);
      if (name === '') {
        const gv = o.info.group ? `${o.info.group}/${o.info.version}` : `/${o.info.version}`;
        errors.push(
          new UsageError(
            `error when retrieving current configuration of:\nResource: "${gv}, Resource=${o.info.resource}", GroupVersionKind: "${gv}, Kind=${o.info.kind}"\nName: "", Namespace: "${o.namespace}"\nfrom server for: "${o.source}": resource name may not be empty`,
          ),
        );
        continue;
      }
      const modified = withLastApplied(prepared(o));
      const live = api.get(gvr(o.info), o.namespace, name);
      if (!live.ok) {
        if (live.status.reason !== 'NotFound') {
          errors.push(withSource('retrieving current configuration of', o.source, live.status));
          continue;
        }
        if (dry === 'client') {
          await emit(cli, modified as KubeObject, o.info, `created${dryRunSuffix(dry)}`, f);
          continue;
        }
        const r = api.create(gvr(o.info), o.namespace, modified, { fieldValidation: mode, dryRun: dry === 'server', fieldManager: 'kubectl-client-side-apply' });
        if (!r.ok) {
          errors.push(withSource('creating', o.source, r.status));
          continue;
        }
        await warningsOut(cli, r.warnings);
        await emit(cli, r.value, o.info, `created${dryRunSuffix(dry)}`, f);
        continue;
      }
      const original = lastAppliedOf(live.value);
      if (!original && live.value.metadata.annotations?.[LAST_APPLIED] === undefined) {
        await cli.err(
          `Warning: resource ${o.info.resource}${o.info.group ? `.${o.info.group}` : ''}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
        );
      }
      const patch = threeWayPatch(original, modified, live.value as unknown as Obj, o.info.kind);
      const onlyOrder = Object.keys(patch).every((k) => k.startsWith('$setElementOrder/'));
      if (Object.keys(patch).length === 0 || onlyOrder) {
        await emit(cli, live.value, o.info, `unchanged${dryRunSuffix(dry)}`, f);
        continue;
      }
      if (dry === 'client') {
        await emit(cli, live.value, o.info, `configured${dryRunSuffix(dry)}`, f);
        continue;
      }
      const r = api.patch(gvr(o.info), o.namespace, name, 'strategic', patch, { fieldValidation: mode, dryRun: dry === 'server', fieldManager: 'kubectl-client-side-apply' });
      if (!r.ok) {
        errors.push(patchErrorText(r.status, patch, o, name));
        continue;
      }
      await warningsOut(cli, r.warnings);
      await emit(cli, r.value, o.info, `configured${dryRunSuffix(dry)}`, f);
    }
    return finish(cli, errors);
  });
}

// ------------------------------------------------------------------ replace -f

async function runReplace(cli: CliContext, f: FileFlagValues & { saveConfig: boolean; force: boolean }): Promise<number> {
  return guard(cli, async (client) => {
    if (f.force) throw new KubectlError(`dockyard: 'kubectl replace --force' is not simulated here\n`);
    const { api, objects, errors } = await objectsOf(cli, client, f, 'replace');
    const mode = validationMode(f.validate);
    for (const o of objects) {
      let obj = prepared(o);
      if (f.saveConfig) obj = withLastApplied(obj);
      const r = api.update(gvr(o.info), o.namespace, nameOf(o), obj, { fieldValidation: mode });
      if (!r.ok) {
        errors.push(withSource('replacing', o.source, r.status));
        continue;
      }
      await warningsOut(cli, r.warnings);
      await emit(cli, r.value, o.info, 'replaced', f);
    }
    return finish(cli, errors);
  });
}

// ------------------------------------------------------------------ commands

export function createCommand() {
  const flags = {
    ...fileFlags('create'),
    edit: flag.bool('edit', { usage: 'Edit the API resource before creating' }),
    saveConfig: flag.bool('save-config', { usage: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future." }),
    selector: flag.string('selector', { short: 'l', usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." }),
    windowsLineEndings: flag.bool('windows-line-endings', { usage: 'Only relevant if --edit=true. Defaults to the line ending native to your platform.' }),
    raw: flag.string('raw', { usage: 'Raw URI to POST to the server.  Uses the transport specified by the kubeconfig file.' }),
  };
  return defineCommand({
    use: 'create -f FILENAME',
    short: 'Create a resource from a file or from stdin',
    long: 'Create a resource from a file or from stdin.\n\n JSON and YAML formats are accepted.',
    example:
      '  # Create a pod using the data in pod.json\n  kubectl create -f ./pod.json\n\n  # Create a pod based on the JSON passed into stdin\n  cat pod.json | kubectl create -f -\n\n  # Edit the data in registry.yaml in JSON then create the resource using the edited data\n  kubectl create -f registry.yaml --edit -o json',
    flags,
    subcommands: generatorCommands(),
    run: async (cli, _args, f) => {
      if (f.filename.length === 0 && !f.kustomize) {
        await cli.err('error: must specify one of -f and -k\n');
        return 1;
      }
      return runCreateFiles(cli, f as unknown as FileFlagValues & { saveConfig: boolean });
    },
  });
}

export function applyCommand() {
  const flags = {
    ...fileFlags('apply'),
    all: flag.bool('all', { usage: 'Select all resources in the namespace of the specified resource types.' }),
    force: flag.bool('force', { usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' }),
    overwrite: flag.bool('overwrite', { usage: 'Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration', default: true }),
    prune: flag.bool('prune', { usage: 'Automatically delete resource objects, that do not appear in the configs and are created by either apply or create --save-config. Should be used with either -l or --all.' }),
    selector: flag.string('selector', { short: 'l', usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." }),
    serverSide: flag.bool('server-side', { usage: 'If true, apply runs in the server instead of the client.' }),
    wait: flag.bool('wait', { usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' }),
  };
  return defineCommand({
    use: 'apply (-f FILENAME | -k DIRECTORY)',
    short: 'Apply a configuration to a resource by file name or stdin',
    long: "Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.\n\n JSON and YAML formats are accepted.\n\n Alpha Disclaimer: the --prune functionality is not yet complete. Do not use unless you are aware of what the current state is. See https://issues.k8s.io/34274.",
    example:
      "  # Apply the configuration in pod.json to a pod\n  kubectl apply -f ./pod.json\n\n  # Apply resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml\n  kubectl apply -k dir/\n\n  # Apply the JSON passed into stdin to a pod\n  cat pod.json | kubectl apply -f -",
    flags,
    run: async (cli, args, f) => {
      if (args.length > 0) {
        await cli.err(`error: Unexpected args: [${args.join(' ')}]\nSee 'kubectl apply -h' for help and examples\n`);
        return 1;
      }
      if (f.filename.length === 0 && !f.kustomize) {
        await cli.err(`error: must specify one of -f and -k\n`);
        return 1;
      }
      return runApply(cli, f as unknown as FileFlagValues & { serverSide: boolean; prune: boolean });
    },
  });
}

export function replaceCommand() {
  const flags = {
    ...fileFlags('replace'),
    force: flag.bool('force', { usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' }),
    saveConfig: flag.bool('save-config', { usage: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future." }),
  };
  return defineCommand({
    use: 'replace -f FILENAME',
    short: 'Replace a resource by file name or stdin',
    long: 'Replace a resource by file name or stdin.\n\n JSON and YAML formats are accepted. If replacing an existing resource, the complete resource spec must be provided. This can be obtained by\n\n  $ kubectl get TYPE NAME -o yaml',
    flags,
    run: async (cli, _args, f) => {
      if (f.filename.length === 0 && !f.kustomize) {
        await cli.err(`error: must specify --filename to replace\n`);
        return 1;
      }
      return runReplace(cli, f as unknown as FileFlagValues & { saveConfig: boolean; force: boolean });
    },
  });
}
