/**
 * Which JSON Schema checks a YAML file, and the load-time changes Dockyard makes to the Kubernetes
 * schema (data/schemas/kubernetes.json stays as upstream; see data/schemas/SOURCE.md). Pure: no
 * Monaco, no DOM, so it is unit-tested in Node.
 */
import { basename } from '../../engine/fs/path';

/** A JSON Schema node, as far as these passes need to know. */
export type Schema = { [key: string]: unknown };

export type YamlSchemaId = 'kubernetes' | 'compose';

export const KUBERNETES_SCHEMA_URI = 'inmemory://schemas/kubernetes.json';
export const COMPOSE_SCHEMA_URI = 'inmemory://schemas/compose-spec.json';

/**
 * Compose's default file names (`docker compose` looks for these, and for the override file), plus
 * `<name>.<anything>.<ext>` (docker-compose.prod.yml and the like, used with `-f`).
 */
const COMPOSE_BASES = ['compose', 'docker-compose'];
const YAML_EXTS = ['yaml', 'yml'];
/** YAML files that are neither: kustomize's own file is not a Kubernetes object. */
const NEITHER = ['kustomization.yaml', 'kustomization.yml'];

/** yaml-language-server `fileMatch` globs (matched against the model URI; `!` excludes, last match wins). */
export const COMPOSE_FILE_MATCH: readonly string[] = COMPOSE_BASES.flatMap((b) => YAML_EXTS.flatMap((e) => [`**/${b}.${e}`, `**/${b}.*.${e}`]));
export const KUBERNETES_FILE_MATCH: readonly string[] = [
  ...YAML_EXTS.map((e) => `**/*.${e}`),
  ...COMPOSE_FILE_MATCH.map((p) => `!${p}`),
  ...NEITHER.map((n) => `!**/${n}`),
];

/** The schema a file gets by its name, the same decision as the globs above. */
export function yamlSchemaForPath(path: string): YamlSchemaId | null {
  const name = basename(path);
  const m = /^(.*)\.(yaml|yml)$/.exec(name);
  if (!m || m[1] === '') return null;
  const stem = m[1] ?? '';
  if (COMPOSE_BASES.some((b) => stem === b || (stem.startsWith(`${b}.`) && !stem.slice(b.length + 1).includes('/')))) return 'compose';
  if (NEITHER.includes(name)) return null;
  return 'kubernetes';
}

/* ------------------------------------------------------------------------------------------------
 * Kubernetes: strict fields, no zero defaults, one rule per kind.
 * --------------------------------------------------------------------------------------------- */

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions']);
const SUBSCHEMA = new Set(['items', 'additionalProperties', 'additionalItems', 'not', 'if', 'then', 'else', 'contains', 'propertyNames']);
const SUBSCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);

function isObject(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `""`, `0`, `false`, `{}`, `[]`: the zero values the v3 spec writes as defaults. */
export function isZeroValue(v: unknown): boolean {
  if (v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.keys(v).length === 0;
}

/**
 * A copy of a schema in which every object schema that lists `properties` and says nothing about
 * `additionalProperties` is closed (`additionalProperties: false`), and zero-value `default`s are
 * dropped. `kubectl apply` validates strictly by default (`--validate=strict`: the API server answers
 * `strict decoding error: unknown field "spec.containers[0].imagee"`), and the spec does not close its
 * objects, so without this a misspelt field would pass silently. Zero defaults go because
 * yaml-language-server inserts them on completion (`name: ""`). The values of `x-kubernetes-*`
 * extensions are copied as they are; property names are never read as keywords (a field may be
 * called `default`, `type` or `items`).
 */
export function strictSchema(node: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-')) out[key] = value;
    else if (SCHEMA_MAPS.has(key) && isObject(value)) out[key] = mapValues(value, (v) => (isObject(v) ? strictSchema(v) : v));
    else if (SUBSCHEMA.has(key)) out[key] = Array.isArray(value) ? value.map(sub) : sub(value);
    else if (SUBSCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map(sub);
    else if (key === 'default' && isZeroValue(value)) continue;
    else out[key] = value;
  }
  if ('properties' in node && !('additionalProperties' in node)) out.additionalProperties = false;
  return out;
}

function sub(v: unknown): unknown {
  return isObject(v) ? strictSchema(v) : v;
}

function mapValues(obj: Schema, f: (v: unknown) => unknown): Schema {
  const out: Schema = {};
  for (const [k, v] of Object.entries(obj)) out[k] = f(v);
  return out;
}

/** One kind the schema knows: its apiVersion and the definition describing it. */
export interface KindEntry {
  apiVersion: string;
  kind: string;
  ref: string;
}

/** The kinds of the root `anyOf` (each branch: `allOf: [{$ref}]` plus `const` apiVersion and kind). */
export function kindsOf(schema: Schema): KindEntry[] {
  const branches = Array.isArray(schema.anyOf) ? schema.anyOf : [];
  const kinds: KindEntry[] = [];
  for (const b of branches) {
    if (!isObject(b)) continue;
    const props = isObject(b.properties) ? b.properties : {};
    const apiVersion = isObject(props.apiVersion) ? props.apiVersion.const : undefined;
    const kind = isObject(props.kind) ? props.kind.const : undefined;
    const first = Array.isArray(b.allOf) ? b.allOf[0] : undefined;
    const ref = isObject(first) ? first.$ref : undefined;
    if (typeof apiVersion === 'string' && typeof kind === 'string' && typeof ref === 'string') kinds.push({ apiVersion, kind, ref });
  }
  return kinds;
}

/** The message on `apiVersion` when the kind exists but not in that version (kubectl: `no matches for kind`). */
export function apiVersionMessage(kind: string, versions: readonly string[]): string {
  const want = versions.map((v) => `"${v}"`).join(' or ');
  return `no matches for kind "${kind}" in this version: ${kind} is served by apiVersion ${want}`;
}

/** The message on `kind` when no API group serves it. */
export function kindMessage(kinds: readonly string[]): string {
  return `no matches for this kind in Kubernetes v1.33 (known kinds: ${kinds.join(', ')}, and their List kinds)`;
}

const META = '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.';

/**
 * The Kubernetes schema the editor uses: strict (see `strictSchema`), with `Time` and `MicroTime`
 * accepting null (`kubectl create --dry-run=client -o yaml` writes `creationTimestamp: null`, which
 * the API server takes as absent), and the root `anyOf` replaced by one `if kind then` rule per kind.
 * The `anyOf` made a wrong pair (`apiVersion: v1` with `kind: Deployment`) report every kind of the
 * version; the rules say on `apiVersion` which version serves the kind, and on an unknown `kind` that
 * no group serves it. `kind: List` (what `kubectl get -o yaml` writes for several objects) holds
 * objects checked by the same root schema. An empty document needs neither apiVersion nor kind.
 */
export function kubernetesEditorSchema(upstream: Schema): Schema {
  const kinds = kindsOf(upstream);
  const definitions = isObject(upstream.definitions) ? upstream.definitions : {};
  const strict = mapValues(definitions, (v) => (isObject(v) ? strictSchema(v) : v));
  for (const name of ['Time', 'MicroTime']) {
    const def = strict[`io.k8s.apimachinery.pkg.apis.meta.v1.${name}`];
    if (isObject(def) && typeof def.type === 'string') def.type = [def.type, 'null'];
  }

  const byKind = new Map<string, KindEntry[]>();
  for (const k of kinds) byKind.set(k.kind, [...(byKind.get(k.kind) ?? []), k]);
  const kindNames = [...byKind.keys(), 'List'];
  const versions = [...new Set(kinds.map((k) => k.apiVersion))];

  const rules: Schema[] = [...byKind].map(([kind, entries]) => {
    const allowed = entries.map((e) => e.apiVersion);
    const refs: Schema[] =
      entries.length === 1
        ? [{ $ref: entries[0]?.ref }]
        : entries.map((e) => ({ if: { properties: { apiVersion: { const: e.apiVersion } }, required: ['apiVersion'] }, then: { $ref: e.ref } }));
    return {
      if: { type: 'object', properties: { kind: { const: kind } }, required: ['kind'] },
      then: { properties: { apiVersion: { enum: allowed, errorMessage: apiVersionMessage(kind, allowed) } }, allOf: refs },
    };
  });
  rules.push({
    if: { type: 'object', properties: { kind: { const: 'List' } }, required: ['kind'] },
    then: {
      properties: {
        apiVersion: { enum: ['v1'], errorMessage: apiVersionMessage('List', ['v1']) },
        kind: { type: 'string' },
        metadata: { $ref: `${META}ListMeta` },
        items: { type: 'array', description: 'The objects of the list; kubectl applies each one.', items: { $ref: '#' } },
      },
      required: ['items'],
      additionalProperties: false,
    },
  });

  const typeDescription = (prop: string): unknown => {
    const pod = strict['io.k8s.api.core.v1.Pod'];
    const props = isObject(pod) && isObject(pod.properties) ? pod.properties : {};
    const p = props[prop];
    return isObject(p) ? p.description : undefined;
  };

  // An empty document is not an error (kubectl skips it, and a new file starts empty); any other
  // object needs both, as kubectl says: Object 'Kind' is missing. Each `if` says `type: object`,
  // because on anything else (a null document) `properties` and `required` would hold vacuously.
  rules.unshift({ if: { type: 'object', minProperties: 1 }, then: { required: ['apiVersion', 'kind'] } });

  return {
    $schema: upstream.$schema,
    $comment: upstream.$comment,
    description: upstream.description,
    // null: a document with nothing in it (`---` at the end of a file), which kubectl skips.
    type: ['object', 'null'],
    properties: {
      // `examples`, not `enum`: completion offers them, and the kind's rule alone reports a wrong version.
      apiVersion: { type: 'string', description: typeDescription('apiVersion'), examples: versions },
      kind: { type: 'string', description: typeDescription('kind'), enum: kindNames, errorMessage: kindMessage([...byKind.keys()].filter((k) => !k.endsWith('List'))) },
    },
    allOf: rules,
    definitions: strict,
  };
}
