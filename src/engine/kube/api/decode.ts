/**
 * The API server's decoding of a request body into a typed object (sigs.k8s.io/json over the v1.33
 * types, compiled from kubernetes.json into schema.gen.ts): type errors worded as encoding/json words
 * them (`json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort
 * of type int32`; the first one wins), errors from custom unmarshalers (Quantity, IntOrString, base64
 * []byte), and strict field validation (`strict decoding error: unknown field "spec.containers[0].imagee"`).
 * Objects are walked in JSON key order, which for what kubectl sends is sorted.
 */
import { badRequest, type Status } from './errors';
import { parseQuantity } from './quantity';
import { SCHEMA } from './schema.gen';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface KindInfo {
  apiVersion: string;
  kind: string;
  group: string;
  version: string;
}

/** The def index of a kind served in this version, or undefined ("no matches for kind"). */
export function kindDef(apiVersion: string, kind: string): number | undefined {
  return SCHEMA.kinds[`${apiVersion}/${kind}`];
}

/** Every apiVersion/kind pair the schema knows ("apps/v1/Deployment"). */
export function knownKinds(): string[] {
  return Object.keys(SCHEMA.kinds);
}

/** RESTMapper's miss, as kubectl words it. */
export function noMatchesForKind(kind: string, apiVersion: string): string {
  return `no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}`;
}

function goType(code: string): string {
  if (code.startsWith('[]')) return `[]${goType(code.slice(2))}`;
  if (code.startsWith('{}')) return `map[string]${goType(code.slice(2))}`;
  if (code.startsWith('@')) return SCHEMA.defs[Number(code.slice(1))]?.g ?? 'interface {}';
  switch (code) {
    case 's':
      return 'string';
    case 'y':
      return '[]uint8';
    case 'i32':
      return 'int32';
    case 'i64':
      return 'int64';
    case 'b':
      return 'bool';
    case 'f64':
      return 'float64';
    case 'q':
      return 'resource.Quantity';
    case 'ios':
      return 'intstr.IntOrString';
    case 't':
      return 'v1.Time';
  }
  return 'interface {}';
}

function valueWord(v: Json): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

/** Go's number text in "number 1.5". */
function numberText(n: number): string {
  return String(n);
}

class Abort {
  constructor(readonly message: string) {}
}

interface Walk {
  typeError: string | null;
  unknown: string[];
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

function base64Error(s: string): string | null {
  // encoding/base64 StdEncoding: the byte offset of the first bad character
  const clean = s.replace(/[\r\n]/g, '');
  let i = 0;
  for (; i < clean.length; i++) {
    const c = clean[i] ?? '';
    if (/[A-Za-z0-9+/]/.test(c)) continue;
    if (c === '=') break;
    return `illegal base64 data at input byte ${i}`;
  }
  const data = clean.slice(0, i);
  const pad = clean.slice(i);
  if (pad.length > 0) {
    if (!/^={1,2}$/.test(pad) || (data.length + pad.length) % 4 !== 0 || data.length % 4 < 2) return `illegal base64 data at input byte ${Math.min(i + (pad.replace(/=+$/, '') === pad ? 0 : 0), clean.length - 1)}`;
    return null;
  }
  if (data.length % 4 === 1) return `illegal base64 data at input byte ${data.length - 1}`;
  if (data.length % 4 !== 0) return `illegal base64 data at input byte ${data.length}`;
  return null;
}

function walk(v: Json, code: string, structName: string, goPath: string, path: string, w: Walk): Json | undefined {
  if (v === null) return null;
  const typeError = (): undefined => {
    w.typeError ??= `json: cannot unmarshal ${valueWord(v)} into Go struct field ${structName}.${goPath} of type ${goType(code)}`;
    return undefined;
  };
  if (code.startsWith('@')) {
    const def = SCHEMA.defs[Number(code.slice(1))];
    if (typeof v !== 'object' || Array.isArray(v) || !def) return typeError();
    const out: { [k: string]: Json } = {};
    const name = def.g.slice(def.g.indexOf('.') + 1);
    for (const key of Object.keys(v).sort()) {
      const fieldCode = def.f[key];
      const childPath = path ? `${path}.${key}` : key;
      if (fieldCode === undefined) {
        w.unknown.push(`unknown field ${JSON.stringify(childPath)}`);
        continue;
      }
      const r = walk(v[key] ?? null, fieldCode, name, goPath ? `${goPath}.${key}` : key, childPath, w);
      if (r !== undefined) Object.defineProperty(out, key, { value: r, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (code.startsWith('[]')) {
    if (!Array.isArray(v)) return typeError();
    const elem = code.slice(2);
    const out: Json[] = [];
    v.forEach((item, i) => {
      const r = walk(item, elem, structName, goPath, `${path}[${i}]`, w);
      out.push(r === undefined ? zero(elem) : r);
    });
    return out;
  }
  if (code.startsWith('{}')) {
    if (typeof v !== 'object' || Array.isArray(v)) return typeError();
    const elem = code.slice(2);
    const out: { [k: string]: Json } = {};
    for (const key of Object.keys(v).sort()) {
      const r = walk(v[key] ?? null, elem, structName, goPath, `${path}[${key}]`, w);
      Object.defineProperty(out, key, { value: r === undefined ? zero(elem) : r, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  switch (code) {
    case 's':
    case 't':
      return typeof v === 'string' ? v : typeError();
    case 'y': {
      if (typeof v !== 'string') return typeError();
      const err = base64Error(v);
      if (err) {
        w.typeError ??= err;
        return undefined;
      }
      return v;
    }
    case 'b':
      return typeof v === 'boolean' ? v : typeError();
    case 'f64':
      return typeof v === 'number' ? v : typeError();
    case 'i32':
    case 'i64': {
      if (typeof v !== 'number') return typeError();
      const inRange = code === 'i32' ? v >= INT32_MIN && v <= INT32_MAX : Number.isSafeInteger(v) || Math.abs(v) < 9.2e18;
      if (!Number.isInteger(v) || !inRange) {
        w.typeError ??= `json: cannot unmarshal number ${numberText(v)} into Go struct field ${structName}.${goPath} of type ${goType(code)}`;
        return undefined;
      }
      return v;
    }
    case 'q': {
      const text = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : JSON.stringify(v);
      const r = parseQuantity(text);
      if (!r.ok) throw new Abort(r.error);
      return typeof v === 'number' ? String(v) : v;
    }
    case 'ios': {
      if (typeof v === 'string') return v;
      if (typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX) return v;
      throw new Abort(`json: cannot unmarshal ${typeof v === 'number' ? `number ${numberText(v)}` : valueWord(v)} into Go value of type int32`);
    }
  }
  return v;
}

function zero(code: string): Json {
  if (code === 's' || code === 'y' || code === 't') return '';
  if (code === 'b') return false;
  if (code === 'i32' || code === 'i64' || code === 'f64') return 0;
  return null;
}

export interface DecodeOptions {
  /** fieldValidation=Strict (kubectl's default --validate=strict): unknown fields are an error */
  strict: boolean;
}

export type DecodeResult =
  | { ok: true; object: Record<string, unknown>; apiVersion: string; kind: string; warnings: string[] }
  | { ok: false; status: Status };

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/**
 * Decodes a request body (already parsed JSON) for its apiVersion/kind. On failure the Status is the
 * BadRequest the server answers: `Pod in version "v1" cannot be handled as a Pod: <error>`.
 * Unknown fields are dropped (and returned as warnings when not strict).
 */
export function decodeObject(json: unknown, opts: DecodeOptions): DecodeResult {
  const obj = json as Json;
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return { ok: false, status: badRequest('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/cbor') };
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  if (kind === '') return { ok: false, status: badRequest(`Object 'Kind' is missing in '${JSON.stringify(obj)}'`) };
  const def = kindDef(apiVersion, kind);
  if (def === undefined) return { ok: false, status: { ...badRequest(noMatchesForKind(kind, apiVersion)), reason: 'NotFound', code: 404 } };
  const { version } = splitApiVersion(apiVersion);
  const prefix = `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: `;
  const w: Walk = { typeError: null, unknown: [] };
  let out: Json | undefined;
  try {
    out = walk(obj, `@${def}`, kind, '', '', w);
  } catch (e) {
    if (e instanceof Abort) return { ok: false, status: badRequest(prefix + e.message) };
    throw e;
  }
  if (w.typeError) return { ok: false, status: badRequest(prefix + w.typeError) };
  if (w.unknown.length && opts.strict) return { ok: false, status: badRequest(`${prefix}strict decoding error: ${w.unknown.join(', ')}`) };
  return { ok: true, object: (out ?? {}) as Record<string, unknown>, apiVersion, kind, warnings: w.unknown };
}
