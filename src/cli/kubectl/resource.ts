/**
 * cli-runtime's resource.Builder, the parts kubectl's verbs use: resource types from arguments
 * (`pods`, `po,svc`, `all`, `deploy/web`, `deployments.apps`) resolved through discovery, and
 * objects from files (`-f file|dir|-`, multi-document YAML or JSON, read with the go-yaml reader so
 * parse errors have kubectl's words).
 */
import { goQuote } from '../../engine/core/gotext';
import { resolvePath } from '../../engine/fs/path';
import { RESOURCES, resolveResourceName, resourceForKind, type ResourceInfo } from '../../engine/kube/apiserver';
import { kindDef, noMatchesForKind } from '../../engine/kube/api';
import { readAll } from '../../engine/runtime/streams';
import type { ProcessContext } from '../../engine/runtime/kernel';
import { kubectlParseError, parseGoYaml } from '../lib/goyaml';
import { KubectlError, UsageError } from './client';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A resource type or name request: every object of `info` (names empty) or the ones named. */
export interface TypeRequest {
  info: ResourceInfo;
  names: string[];
}

/** The RESTMapper: a typed resource name, or kubectl's "doesn't have a resource type" error. */
export function mapType(arg: string): ResourceInfo {
  const info = resolveResourceName(arg);
  if (info && !info.storedAs) return info;
  if (info) return info;
  const dot = arg.indexOf('.');
  if (dot > 0) {
    const res = arg.slice(0, dot);
    const rest = arg.slice(dot + 1);
    const dot2 = rest.indexOf('.');
    if (dot2 > 0 && /^v\d/.test(rest)) throw new KubectlError(`error: the server doesn't have a resource type ${goQuote(res)} in group ${goQuote(rest.slice(dot2 + 1))} and version ${goQuote(rest.slice(0, dot2))}\n`);
    throw new KubectlError(`error: the server doesn't have a resource type ${goQuote(res)} in group ${goQuote(rest)}\n`);
  }
  throw new KubectlError(`error: the server doesn't have a resource type ${goQuote(arg)}\n`);
}

/** `all` (and other categories) expand to the resources in that category, in discovery order. */
function expandTypes(arg: string): ResourceInfo[] {
  const out: ResourceInfo[] = [];
  for (const t of arg.split(',')) {
    if (t === '') continue;
    const cat = RESOURCES.filter((r) => r.categories.includes(t) && !r.storedAs);
    if (cat.length > 0 && !resolveResourceName(t)) out.push(...cat);
    else out.push(mapType(t));
  }
  return out;
}

/**
 * ResourceTypeOrNameArgs: `TYPE[,TYPE] [NAME...]` or `TYPE/NAME...`. Throws kubectl's errors for
 * mixed forms. An empty argument list gives no requests.
 */
export function typeOrNameArgs(args: readonly string[]): TypeRequest[] {
  if (args.length === 0) return [];
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length > 0) {
    if (slashed.length !== args.length) {
      throw new UsageError(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    }
    const out: TypeRequest[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      const type = a.slice(0, i);
      const name = a.slice(i + 1);
      if (type === '' || name === '') throw new UsageError(`arguments in resource/name form must have a single resource and name`);
      const info = mapType(type);
      const last = out[out.length - 1];
      if (last && last.info === info) last.names.push(name);
      else out.push({ info, names: [name] });
    }
    return out;
  }
  const [types, ...names] = args as [string, ...string[]];
  const infos = expandTypes(types);
  if (names.length > 0 && types.split(',').some((t) => t === 'all')) throw new UsageError(`name cannot be provided when a category (all) is specified`);
  return infos.map((info) => ({ info, names: [...names] }));
}

// ------------------------------------------------------------------ files

export interface FileObject {
  /** The file's name as given (`pod.yaml`, `-` shows as STDIN). */
  source: string;
  info: ResourceInfo;
  obj: Obj;
  /** The namespace to use: the object's own, else the request's. */
  namespace: string;
}

export interface FilenameOptions {
  filenames: readonly string[];
  recursive: boolean;
}

const MANIFEST_EXT = /\.(json|yaml|yml)$/;

/** The files a `-f` value names (a directory's manifests, sorted; recursive with -R). */
function expandPath(ctx: ProcessContext, p: string, recursive: boolean): string[] {
  const full = resolvePath(ctx.cwd, p);
  if (!ctx.fs.exists(full)) throw new KubectlError(`error: the path ${goQuote(p)} does not exist\n`);
  const st = ctx.fs.stat(full);
  if (st.type !== 'dir') return [p];
  const out: string[] = [];
  const walk = (dirShown: string, dirFull: string, top: boolean) => {
    for (const e of ctx.fs.readdir(dirFull)) {
      const shown = `${dirShown.replace(/\/$/, '')}/${e.name}`;
      const f = `${dirFull}/${e.name}`;
      let type: string;
      try {
        type = ctx.fs.stat(f).type;
      } catch {
        continue;
      }
      if (type === 'dir') {
        if (recursive || top === false) if (recursive) walk(shown, f, false);
        continue;
      }
      if (MANIFEST_EXT.test(e.name)) out.push(shown);
    }
  };
  walk(p, full, true);
  return out;
}

/** Reads every object the -f values name; parse errors are kubectl's. `validate`: the client-side apiVersion/kind checks. */
export async function readFileObjects(ctx: ProcessContext, opts: FilenameOptions, namespace: string, validate = true): Promise<{ objects: FileObject[]; errors: Error[] }> {
  const objects: FileObject[] = [];
  const errors: Error[] = [];
  for (const f of opts.filenames) {
    if (/^https?:\/\//.test(f)) throw new KubectlError(`dockyard: reading manifests from URLs is not simulated here (${f}); save the file and use -f FILE\n`);
    const paths = f === '-' ? ['-'] : expandPath(ctx, f, opts.recursive);
    for (const p of paths) {
      let text: string;
      if (p === '-') text = new TextDecoder().decode(await readAll(ctx.stdin));
      else {
        try {
          text = ctx.fs.readText(resolvePath(ctx.cwd, p));
        } catch {
          throw new KubectlError(`error: open ${p}: permission denied\n`);
        }
      }
      const source = p === '-' ? 'STDIN' : p;
      const parsed = parseGoYaml(text, { flavour: 'kubectl' });
      if (!parsed.ok) throw new KubectlError(`error: ${kubectlParseError(source, parsed.error)}\n`);
      for (const doc of parsed.documents) {
        const v = doc.value;
        if (!isObj(v)) continue;
        const obj = v as Obj;
        const items: Obj[] = obj.kind === 'List' && Array.isArray(obj.items) ? obj.items.filter(isObj) : [obj];
        for (const item of items) {
          const r = mapObject(item, source, namespace, validate, doc.json);
          if (r instanceof Error) {
            errors.push(r);
            if (r instanceof KubectlError && r.message.includes('error validating')) return { objects, errors };
          } else objects.push(r);
        }
      }
    }
  }
  return { objects, errors };
}

function mapObject(v: Obj, source: string, namespace: string, validate: boolean, json: string): FileObject | Error {
  if (validate) {
    const problems: string[] = [];
    if (v.apiVersion === undefined || v.apiVersion === null || v.apiVersion === '') problems.push('apiVersion not set');
    else if (typeof v.apiVersion !== 'string') problems.push("apiVersion isn't string type");
    if (v.kind === undefined || v.kind === null || v.kind === '') problems.push('kind not set');
    else if (typeof v.kind !== 'string') problems.push("kind isn't string type");
    if (problems.length) {
      const agg = problems.length === 1 ? problems[0]! : `[${problems.join(', ')}]`;
      return new KubectlError(`error: error validating ${goQuote(source)}: error validating data: ${agg}; if you choose to ignore these errors, turn validation off with --validate=false\n`);
    }
  } else if (typeof v.kind !== 'string' || v.kind === '') {
    return new KubectlError(`error: unable to decode ${goQuote(source)}: Object 'Kind' is missing in '${json}'\n`);
  }
  const apiVersion = String(v.apiVersion);
  const kind = String(v.kind);
  const meta = isObj(v.metadata) ? v.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  const info = resourceForKind(apiVersion, kind);
  if (!info || kindDef(apiVersion, kind) === undefined) {
    return new Error(`resource mapping not found for name: ${goQuote(name)} namespace: ${goQuote(typeof meta.namespace === 'string' ? meta.namespace : '')} from ${goQuote(source)}: ${noMatchesForKind(kind, apiVersion)}\nensure CRDs are installed first`);
  }
  const ns = info.namespaced ? (typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : namespace) : '';
  return { source, info, obj: v, namespace: ns };
}

/** The `kind[.group]/name` kubectl's name printer shows. */
export function kindName(info: ResourceInfo, name: string): string {
  return `${info.kind.toLowerCase()}${info.group ? `.${info.group}` : ''}/${name}`;
}

/** The plural `resource[.group]` kubectl messages use ("pods", "deployments.apps"). */
export function qualified(info: ResourceInfo): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

/** Completion of a resource-type argument (what `kubectl api-resources -o name` lists, plural names). */
export function completeResourceTypes(req: { args: readonly string[] }): string[] | undefined {
  if (req.args.length > 0) return [];
  const names = new Set<string>();
  for (const r of RESOURCES) if (!r.storedAs) names.add(r.resource);
  names.add('all');
  return [...names].sort();
}
