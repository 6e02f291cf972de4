/**
 * `kubectl explain` (k8s.io/kubectl pkg/explain/v2, templates/plaintext.tmpl, v1.33) over the
 * Kubernetes v1.33 JSON schema in data/schemas/kubernetes.json (loaded when first needed): GROUP /
 * KIND / VERSION, FIELD for a path, DESCRIPTION wrapped at 76 columns and indented 4, FIELDS with
 * `name<TAB><type>` and `-required-`, `--recursive`.
 */
import type { Kernel } from '../../engine/runtime/kernel';
import { defineCommand, flag, type CliContext } from '../lib/command';
import { UsageError } from './client';
import { guard, isObj, str, type Obj } from './common';
import { mapType, completeResourceTypes } from './resource';

type Schema = Obj;
interface Doc {
  definitions: Record<string, Schema>;
}

let docPromise: Promise<Doc> | undefined;
/** The schema (an immutable data chunk, loaded once and shared). */
function loadDoc(kernel: Kernel): Promise<Doc> {
  return (docPromise ??= kernel.hostWork(import('../../../data/schemas/kubernetes.json')).then((m) => (m as unknown as { default: Doc }).default ?? (m as unknown as Doc)));
}

function resolveRef(ref: unknown, doc: Doc): Schema | undefined {
  if (typeof ref !== 'string') return undefined;
  const name = ref.replace(/^#\/definitions\//, '');
  return doc.definitions[name];
}

/** A JSON-schema field {$ref, description} as OpenAPI v3 writes it: {description, allOf: [{$ref}]}. */
function v3(s: Schema): Schema {
  if (typeof s.$ref === 'string' && Object.keys(s).some((k) => k !== '$ref')) {
    const { $ref, ...rest } = s;
    return { ...rest, allOf: [{ $ref }] };
  }
  return s;
}

function typeGuess(s0: Schema, doc: Doc): string {
  const s = v3(s0);
  if (isObj(s.items)) return `[]${typeGuess(s.items, doc)}`;
  if (isObj(s.additionalProperties)) return `map[string]${typeGuess(s.additionalProperties, doc)}`;
  if (Array.isArray(s.allOf) && !s.properties && s.allOf.length === 1 && isObj(s.allOf[0])) return typeGuess(s.allOf[0], doc);
  if (typeof s.$ref === 'string') {
    const ref = resolveRef(s.$ref, doc);
    if (!ref || !ref.type || ref.type === 'object') {
      const name = s.$ref.split('/').pop() ?? '';
      return name.split('.').pop() || 'Object';
    }
    return str(ref.type) || 'Object';
  }
  if (s.type === 'object') return 'Object';
  return str(s.type) || 'Object';
}

/** sprig's wrap (goutils.Wrap): greedy at word boundaries, long words not broken, lines kept. */
function wrap(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const words = line.split(' ');
      const out: string[] = [];
      let cur = '';
      for (const w of words) {
        if (cur === '') cur = w;
        else if (cur.length + 1 + w.length <= width) cur += ` ${w}`;
        else {
          out.push(cur);
          cur = w;
        }
      }
      out.push(cur);
      return out.join('\n');
    })
    .join('\n');
}

const indent = (text: string, n: number): string => {
  const pad = ' '.repeat(n);
  return pad + text.replace(/\n/g, `\n${pad}`);
};

function description(s0: Schema, doc: Doc): string {
  const s = resolveRef(s0.$ref, doc) ?? v3(s0);
  let out = '';
  if (str(s.description)) out += `${str(s.description)}\n`;
  for (const x of Array.isArray(s.allOf) ? s.allOf : []) if (isObj(x)) out += description(x, doc);
  if (isObj(s.items)) out += description(s.items, doc);
  if (isObj(s.additionalProperties)) out += description(s.additionalProperties, doc);
  return out;
}

function resolved(s0: Schema, doc: Doc): Schema {
  const s = v3(s0);
  return resolveRef(s.$ref, doc) ?? s;
}

function fieldList(s0: Schema, level: number, doc: Doc, recursive: boolean, history: Set<string>): string {
  const s = v3(s0);
  const ref = typeof s.$ref === 'string' ? s.$ref : '';
  if (ref && history.has(ref)) return '';
  const next = new Set(history);
  if (ref) next.add(ref);
  const r = resolveRef(ref, doc) ?? s;
  let out = '';
  const props = isObj(r.properties) ? r.properties : {};
  const required = Array.isArray(r.required) ? r.required : [];
  for (const k of Object.keys(props).sort()) {
    const fs = isObj(props[k]) ? props[k] : {};
    const amount = level * 2;
    out += `${' '.repeat(amount)}${k}\t<${typeGuess(fs, doc)}>${required.includes(k) ? ' -required-' : ''}`;
    if (Array.isArray(fs.enum)) {
      const vals = fs.enum.slice(0, 4).map((e) => (e === '' ? '""' : String(e)));
      out += `\n${' '.repeat(amount)}enum: ${vals.join(', ')}${fs.enum.length > 4 ? ', ....' : ''}`;
    }
    out += '\n';
    if (!recursive) out += `${indent(wrap(str(fs.description) || '<no description>', 78 - amount), amount + 2)}\n\n`;
    else out += fieldList(fs, level + 1, doc, recursive, next);
  }
  for (const x of Array.isArray(r.allOf) ? r.allOf : []) if (isObj(x)) out += fieldList(x, level, doc, recursive, next);
  if (isObj(r.items)) out += fieldList(r.items, level, doc, recursive, next);
  if (isObj(r.additionalProperties)) out += fieldList(r.additionalProperties, level, doc, recursive, next);
  return out;
}

function output(s0: Schema, path: readonly string[], doc: Doc, recursive: boolean, history: Set<string>): string {
  const s = v3(s0);
  const ref = typeof s.$ref === 'string' ? s.$ref : '';
  const r = resolveRef(ref, doc) ?? s;
  if (path.length === 0) {
    let out = `DESCRIPTION:\n${indent(wrap(description(s, doc) || '<empty>', 76), 4)}\n`;
    const fields = fieldList(s, 1, doc, recursive, new Set());
    if (fields) out += `FIELDS:\n${fields}`;
    return out;
  }
  if (ref && history.has(ref)) return '';
  const next = new Set(history);
  if (ref) next.add(ref);
  const props = isObj(r.properties) ? r.properties : undefined;
  const first = path[0]!;
  if (props && isObj(props[first])) {
    const sub = props[first];
    let out = '';
    if (path.length === 1) out += `FIELD: ${first} <${typeGuess(sub, doc)}>\n\n\n`;
    const rest = output(sub, path.slice(1), doc, recursive, new Set());
    return rest === '' ? '' : out + rest;
  }
  if (isObj(r.items)) return output(r.items, path, doc, recursive, next);
  if (isObj(r.additionalProperties)) return output(r.additionalProperties, path, doc, recursive, next);
  for (const x of Array.isArray(r.allOf) ? r.allOf : []) {
    if (!isObj(x)) continue;
    const o = output(x, path, doc, recursive, next);
    if (o) return o;
  }
  return '';
}

export function explainCommand() {
  return defineCommand({
    use: 'explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2]',
    short: 'Get documentation for a resource',
    long: `Describe fields and structure of various resources.

 This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]

 Information about each field is retrieved from the server in OpenAPI format.

Use "kubectl api-resources" for a complete list of supported resources.`,
    example:
      '  # Get the documentation of the resource and its fields\n  kubectl explain pods\n\n  # Get all the fields in the resource\n  kubectl explain pods --recursive\n\n  # Get the explanation for deployment in supported api versions\n  kubectl explain deployments --api-version=apps/v1\n\n  # Get the documentation of a specific field of a resource\n  kubectl explain pods.spec.containers\n\n  # Get the documentation of resources in different format\n  kubectl explain deployment --output=plaintext-openapiv2',
    flags: {
      apiVersion: flag.string('api-version', { usage: 'Use given api-version (group/version) of the resource.' }),
      output: flag.string('output', { short: 'o', usage: 'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).', default: 'plaintext' }),
      recursive: flag.bool('recursive', { usage: 'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.' }),
    },
    completeArgs: completeResourceTypes,
    run: (cli, args, f) => runExplain(cli, args, f),
  });
}

async function runExplain(cli: CliContext, args: string[], f: { output: string; recursive: boolean; apiVersion: string }): Promise<number> {
  return guard(cli, async (client) => {
    if (args.length !== 1) {
      await cli.err(`You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl explain -h' for help and examples\n`);
      return 1;
    }
    if (f.output !== 'plaintext') throw new UsageError(`dockyard: 'kubectl explain -o ${f.output}' is not simulated here`);
    await client.connect();
    const [type, ...path] = args[0]!.split('.');
    const info = mapType(type ?? '');
    const doc = await loadDoc(cli.proc.kernel);
    const defName = Object.keys(doc.definitions).find((k) => {
      const g = doc.definitions[k]?.['x-kubernetes-group-version-kind'];
      return Array.isArray(g) && g.some((x) => isObj(x) && x.group === info.group && x.version === info.version && x.kind === info.kind);
    });
    if (!defName) throw new UsageError(`GVR (${info.group}/${info.version}, Resource=${info.resource}) not found in OpenAPI schema`);
    let out = '';
    if (info.group) out += `GROUP:      ${info.group}\n`;
    out += `KIND:       ${info.kind}\nVERSION:    ${info.version}\n\n`;
    const body = output({ $ref: `#/definitions/${defName}` }, path, doc, f.recursive, new Set());
    if (body === '') throw new UsageError(`field "${path[path.length - 1] ?? ''}" does not exist`);
    await cli.out(`${out}${body}\n`);
    return 0;
  });
}

void resolved;
