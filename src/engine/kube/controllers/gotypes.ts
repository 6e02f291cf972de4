/**
 * The pod-template-hash, as the Deployment controller computes it (k8s.io/kubernetes
 * pkg/controller/controller_utils.go ComputeHash, v1.33):
 *
 *   hasher := fnv.New32a()
 *   hashutil.DeepHashObject(hasher, *template)   // spew ConfigState{Indent:" ", SortKeys, DisableMethods, SpewKeys}.Fprintf("%#v")
 *   if collisionCount != nil { hasher.Write(8 bytes: uint32 little-endian, then four zeros) }
 *   return rand.SafeEncodeString(fmt.Sprint(hasher.Sum32()))
 *
 * spew's %#v walks the Go struct v1.PodTemplateSpec field by field (davecgh/go-spew spew/format.go):
 * a struct prints `{Name:value Name:value}`, every value not inside a slice or map is prefixed with
 * its Go type in parentheses (`(string)nginx`, `(*int64)30`, `(*int64)<nil>`), strings print raw, nil
 * slices and maps print `<nil>`, map keys are sorted. The struct layouts come from the Go source
 * (./gotypes.gen.ts). The object the controller hashes came to it as protobuf, so empty lists and
 * maps are nil, and a quantity is re-parsed from its canonical string (resource.ParseQuantity: the
 * cached string `s` is kept only when the number is in canonical form).
 *
 * Exact for templates whose quantities take ParseQuantity's int64 fast path (every canonical
 * quantity of at most 18 digits) and whose metadata carries no timestamps. Otherwise approximate:
 * quantities on the inf.Dec path and non-zero metav1.Time values (never present in a template).
 */
import { formatQuantity, parseQuantity } from '../api';
import { GO_TYPES } from './gotypes.gen';

export type GoDef = { kind: 'struct'; fields: { name: string; type: string; json: string; inline?: boolean }[] } | { kind: 'named'; underlying: string };
export type GoTypeTable = Record<string, GoDef>;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The Go reflect Type.String() of a type expression from the table ("core.X"/"meta.X" print as "v1.X"). */
function display(t: string): string {
  return t.replace(/\b(core|meta)\./g, 'v1.');
}

const INTS = new Set(['int', 'int32', 'int64', 'uint32', 'uint64', 'byte']);

const TIME_ZERO = '{Time:(time.Time){wall:(uint64)0 ext:(int64)0 loc:(*time.Location)<nil>}}';

/** The fields of resource.Quantity{i, d, s, Format} after ParseQuantity(canonical string). */
function quantityFields(v: unknown): string {
  const raw = typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '';
  const parsed = parseQuantity(raw);
  const str = parsed.ok ? formatQuantity(parsed.value) : raw;
  const fields = (value: string, scale: number, s: string, format: string): string =>
    `{i:(resource.int64Amount){value:(int64)${value} scale:(resource.Scale)${scale}} d:(resource.infDecAmount){Dec:(*inf.Dec)<nil>} s:(string)${s} Format:(resource.Format)${format}}`;
  if (str === '0') return fields('0', 0, '0', 'DecimalSI');
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(str);
  const format = !parsed.ok ? 'DecimalSI' : parsed.value.format;
  if (!m) return fields('0', 0, '', format);
  const positive = m[1] !== '-';
  const num = (m[2] ?? '').replace(/^0+(?=\d)/, '');
  const denom = m[3] ?? '';
  const suf = m[4] ?? '';
  const BIN: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
  const DEC: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
  let exponent: number;
  let fmt: string;
  if (suf in BIN) {
    exponent = BIN[suf] ?? 0;
    fmt = 'BinarySI';
  } else if (suf in DEC) {
    exponent = DEC[suf] ?? 0;
    fmt = 'DecimalSI';
  } else {
    exponent = Number(suf.slice(1));
    fmt = 'DecimalExponent';
  }
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (fmt === 'BinarySI') {
    if (exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc(Math.fround((exponent * 3) / 10)) - 1;
    } else precision = -1;
  } else {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = num + denom;
      const value = BigInt(shifted || '0');
      const result = value * mantissa;
      if (result < 1n << 63n) {
        const r = (positive ? result : -result).toString();
        const keep = fmt === 'BinarySI' ? exponent % 10 === 0 && (value & 7n) !== 0n : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return fields(r, scale, keep ? str : '', fmt);
      }
    }
  }
  // inf.Dec path (more than 18 digits): approximate, see the module comment
  return `{i:(resource.int64Amount){value:(int64)0 scale:(resource.Scale)0} d:(resource.infDecAmount){Dec:(*inf.Dec){${str}}} s:(string) Format:(resource.Format)${format}}`;
}

function isNil(v: unknown): boolean {
  return v === undefined || v === null;
}

/** spew's formatState.format for a value of Go type `t` decoded from JSON `v`. */
function spew(t: string, v: unknown, ignoreType: boolean, out: string[]): void {
  if (t.startsWith('*')) {
    const elem = t.slice(1);
    if (isNil(v)) {
      out.push(ignoreType ? '<nil>' : `(${display(t)})<nil>`);
      return;
    }
    out.push(ignoreType ? '<*>' : `(*${display(elem)})`);
    spew(elem, v, true, out);
    return;
  }
  if (!ignoreType) out.push(`(${display(resolveAlias(t))})`);
  formatValue(t, v, out);
}

function resolveAlias(t: string): string {
  const d = GO_TYPES[t];
  if (d?.kind === 'named' && d.underlying.startsWith('=')) return resolveAlias(d.underlying.slice(1));
  return t;
}

function formatValue(t: string, v: unknown, out: string[]): void {
  if (t.startsWith('[]')) {
    const elem = t.slice(2);
    if (!Array.isArray(v) || v.length === 0) {
      out.push('<nil>');
      return;
    }
    out.push('[');
    v.forEach((x, i) => {
      if (i > 0) out.push(' ');
      spew(elem, x, true, out);
    });
    out.push(']');
    return;
  }
  const map = /^map\[([^\]]+)\](.+)$/.exec(t);
  if (map) {
    const entries = isObj(v) ? Object.entries(v) : [];
    if (entries.length === 0) {
      out.push('<nil>');
      return;
    }
    // sortValues on string keys: byte order
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    out.push('map[');
    entries.forEach(([k, x], i) => {
      if (i > 0) out.push(' ');
      spew(map[1] ?? 'string', k, true, out);
      out.push(':');
      spew(map[2] ?? 'string', x, true, out);
    });
    out.push(']');
    return;
  }
  switch (t) {
    case 'string':
    case 'types.UID':
      out.push(typeof v === 'string' ? v : '');
      return;
    case 'bool':
      out.push(v === true ? 'true' : 'false');
      return;
    case 'meta.Time':
      out.push(TIME_ZERO);
      return;
    case 'resource.Quantity':
      out.push(quantityFields(v));
      return;
    case 'intstr.IntOrString':
      if (typeof v === 'string') out.push(`{Type:(intstr.Type)1 IntVal:(int32)0 StrVal:(string)${v}}`);
      else out.push(`{Type:(intstr.Type)0 IntVal:(int32)${typeof v === 'number' ? Math.trunc(v) : 0} StrVal:(string)}`);
      return;
  }
  if (INTS.has(t)) {
    out.push(String(typeof v === 'number' ? Math.trunc(v) : 0));
    return;
  }
  const d = GO_TYPES[t];
  if (!d) {
    out.push(typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
    return;
  }
  if (d.kind === 'named') {
    formatValue(d.underlying.replace(/^=/, ''), v, out);
    return;
  }
  const o = isObj(v) ? v : {};
  out.push('{');
  d.fields.forEach((f, i) => {
    if (i > 0) out.push(' ');
    out.push(`${f.name}:`);
    spew(f.type, f.inline ? o : o[f.json], false, out);
  });
  out.push('}');
}

/** spew.Sprintf("%#v", template) for a v1.PodTemplateSpec given as JSON. */
export function spewPodTemplate(template: unknown): string {
  const out: string[] = [];
  spew('core.PodTemplateSpec', isObj(template) ? template : {}, false, out);
  return out.join('');
}

/** The alphabet of rand.String and rand.SafeEncodeString (no vowels, no 0 1 3). */
export const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export function safeEncodeString(s: string): string {
  let r = '';
  for (const ch of s) r += SAFE_ALPHANUMS[(ch.codePointAt(0) ?? 0) % SAFE_ALPHANUMS.length];
  return r;
}

function fnv32aBytes(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The v1 PodSpec as the conversion functions leave it: Convert_core_PodSpec_To_v1_PodSpec always
 * copies serviceAccountName into the deprecated serviceAccount (and the reverse conversion takes
 * serviceAccount when serviceAccountName is empty), so every stored template carries both.
 */
function asConverted(template: unknown): unknown {
  if (!isObj(template) || !isObj(template.spec)) return template;
  const spec = template.spec;
  const sa = (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName) || (typeof spec.serviceAccount === 'string' && spec.serviceAccount) || '';
  if (!sa) return template;
  return { ...template, spec: { ...spec, serviceAccountName: sa, serviceAccount: sa } };
}

/** controller.ComputeHash(template, collisionCount). */
export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32aBytes(new TextEncoder().encode(spewPodTemplate(asConverted(template))));
  if (collisionCount !== undefined) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32aBytes(b, h);
  }
  return safeEncodeString(String(h));
}
