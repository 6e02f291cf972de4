/**
 * Plain-scalar resolution and the YAML -> JSON conversion, as go-yaml v2 (kubectl, through
 * sigs.k8s.io/yaml) and go-yaml v3 (compose-go) do them when decoding into interface{}.
 *
 * v2 is YAML 1.1: y/yes/on/true (any of the three casings) are true, n/no/off/false false, ints in Go's
 * ParseInt base-0 syntax after "_" is removed ("0777" is octal), timestamps stay strings. v3 is YAML
 * 1.2-ish: only true/false, "0o17" octal, "0777" decimal.
 */
import type { YamlNode } from './libyaml';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export type Flavour = 'v2' | 'v3';

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const V2_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const V2_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const V3_TRUE = new Set(['true', 'True', 'TRUE']);
const V3_FALSE = new Set(['false', 'False', 'FALSE']);
const INF = new Set(['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']);
const NEG_INF = new Set(['-.inf', '-.Inf', '-.INF']);
const NAN = new Set(['.nan', '.NaN', '.NAN']);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MAX = 9223372036854775807n;
const UINT64_MAX = 18446744073709551615n;

/** Go strconv.ParseInt(s, 0, 64) / ParseUint syntax, without underscores (they are removed first). */
function goParseIntBase0(s: string, unsigned: boolean): bigint | null {
  let sign = 1n;
  let t = s;
  if (!unsigned && (t.startsWith('+') || t.startsWith('-'))) {
    if (t.startsWith('-')) sign = -1n;
    t = t.slice(1);
  }
  let digits: string;
  let base: number;
  if (/^0[xX]/.test(t)) [digits, base] = [t.slice(2), 16];
  else if (/^0[bB]/.test(t)) [digits, base] = [t.slice(2), 2];
  else if (/^0[oO]/.test(t)) [digits, base] = [t.slice(2), 8];
  else if (t.length > 1 && t.startsWith('0')) [digits, base] = [t.slice(1), 8];
  else [digits, base] = [t, 10];
  const re = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!re.test(digits)) return null;
  let v = 0n;
  for (const d of digits) v = v * BigInt(base) + BigInt(parseInt(d, 16));
  v *= sign;
  if (unsigned ? v > UINT64_MAX : v > INT64_MAX || v < -INT64_MAX - 1n) return null;
  return v;
}

/** The value of a plain (untagged, unquoted) scalar. Numbers come back as JS numbers. */
export function resolvePlain(value: string, flavour: Flavour): JsonValue {
  if (NULLS.has(value)) return null;
  if (flavour === 'v2') {
    if (V2_TRUE.has(value)) return true;
    if (V2_FALSE.has(value)) return false;
  } else {
    if (V3_TRUE.has(value)) return true;
    if (V3_FALSE.has(value)) return false;
  }
  if (INF.has(value)) return Infinity;
  if (NEG_INF.has(value)) return -Infinity;
  if (NAN.has(value)) return NaN;
  const c = value[0] ?? '';
  if (c === '.') {
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(value)) return Number(value);
    return value;
  }
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9'))) return value;
  // timestamps (four digits then '-') stay strings when decoded into interface{}
  if (/^[0-9]{4}-/.test(value)) return value;
  if (flavour === 'v2') {
    const plain = value.replace(/_/g, '');
    const i = goParseIntBase0(plain, false) ?? goParseIntBase0(plain, true);
    if (i !== null) return Number(i);
    if (YAML_FLOAT.test(plain)) return Number(plain);
    if (plain.startsWith('0b')) {
      const b = goParseIntBase0(plain, true);
      if (b !== null) return Number(b);
    } else if (plain.startsWith('-0b') && /^[01]+$/.test(plain.slice(3))) return -Number(BigInt('0b' + plain.slice(3)));
    return value;
  }
  // v3
  const plain = value.replace(/_/g, '');
  if (/^[-+]?[0-9]+$/.test(plain)) return Number(BigInt(plain));
  if (/^0x[0-9a-fA-F]+$/.test(plain)) return Number(BigInt(plain));
  if (/^0o[0-7]+$/.test(plain)) return Number(BigInt('0o' + plain.slice(2)));
  if (/^0b[01]+$/.test(plain)) return Number(BigInt(plain));
  if (YAML_FLOAT.test(plain)) return Number(plain);
  return value;
}

export class ConvertError extends Error {}

function setKey(o: { [k: string]: JsonValue }, k: string, v: JsonValue): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** Go strconv.FormatFloat(f, 'g', -1, 32) for map keys: shortest float32 digits, %e below 1e-4 or from 1e6. */
function formatFloatKey(f: number): string {
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (Number.isNaN(f)) return '.nan';
  const t = Math.fround(f);
  let p = 1;
  while (p < 9 && Math.fround(Number(t.toPrecision(p))) !== t) p++;
  const n = Number(t.toPrecision(p));
  const exp = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 6) {
    const [m = '', e = '0'] = n.toExponential(p - 1).split('e');
    const en = Number(e);
    return `${m}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  }
  return String(n);
}

function keyString(v: JsonValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : formatFloatKey(v);
  throw new ConvertError(`unsupported map key of type: ${v === null ? '<nil>' : 'map'}`);
}

export interface DuplicateKey {
  key: string;
  line: number;
  previousLine: number;
}

/** The JSON-able value of a node, as yamlToJSON builds it (maps with string keys, later duplicates win in v2). */
export function toJson(node: YamlNode | null, flavour: Flavour, dups?: DuplicateKey[]): JsonValue {
  if (!node) return null;
  switch (node.kind) {
    case 'alias':
      return toJson(node.target, flavour, dups);
    case 'scalar': {
      const tag = node.tag;
      if (tag === 'tag:yaml.org,2002:str' || tag === 'tag:yaml.org,2002:binary') return node.value;
      if (!node.implicit && tag === '') return node.value; // quoted
      if (tag === 'tag:yaml.org,2002:null') return null;
      if (node.style !== 'plain' && tag === '') return node.value;
      if (tag !== '' && tag !== '!' && !tag.startsWith('tag:yaml.org,2002:')) return node.value;
      return resolvePlain(node.value, flavour);
    }
    case 'sequence':
      return node.items.map((n) => toJson(n, flavour, dups));
    case 'mapping': {
      const out: { [k: string]: JsonValue } = {};
      const seenAt = new Map<string, number>();
      const merge = (src: YamlNode): void => {
        const target = src.kind === 'alias' ? src.target : src;
        if (target.kind === 'mapping') {
          const m = toJson(target, flavour) as { [k: string]: JsonValue };
          for (const k of Object.keys(m)) if (!Object.prototype.hasOwnProperty.call(out, k)) setKey(out, k, m[k] ?? null);
        } else if (target.kind === 'sequence') {
          for (const item of target.items) merge(item);
        } else throw new ConvertError('map merge requires map or sequence of maps as the value');
      };
      for (const [k, v] of node.pairs) {
        if (k.kind === 'scalar' && k.style === 'plain' && k.value === '<<' && k.tag === '') {
          merge(v);
          continue;
        }
        const key = keyString(toJson(k, flavour, dups));
        if (dups && seenAt.has(key)) dups.push({ key, line: k.line + 1, previousLine: (seenAt.get(key) ?? 0) + 1 });
        seenAt.set(key, k.line);
        setKey(out, key, toJson(v, flavour, dups));
      }
      return out;
    }
  }
}

function goFloat(n: number): string {
  // encoding/json float64: 'f' format unless the exponent is < -6 or >= 21, then 'e' with a 2-digit minimum exponent
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    const [m = '', e = '0'] = n.toExponential().split('e');
    const en = Number(e);
    return `${m}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  }
  return String(n);
}

/**
 * Go encoding/json Marshal of a converted value: map keys sorted, no HTML escaping differences that
 * matter here (Go escapes <, > and & as \u003c...; reproduced). Throws ConvertError for Inf/NaN, as
 * json.Marshal fails with "json: unsupported value: +Inf".
 */
export function goJsonMarshal(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new ConvertError(`json: unsupported value: ${Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'}`);
    return goFloat(v);
  }
  if (typeof v === 'string') return goJsonString(v);
  if (Array.isArray(v)) return `[${v.map(goJsonMarshal).join(',')}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${goJsonString(k)}:${goJsonMarshal(v[k] ?? null)}`).join(',')}}`;
}

export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '<' || ch === '>' || ch === '&') out += `\\u00${c.toString(16)}`;
    else if (c < 0x20 || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}
