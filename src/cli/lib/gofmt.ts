/**
 * Go values and Go's `fmt` printing, as the Docker and Kubernetes tools print them.
 *
 * Value model (shared by gotemplate and jsonpath): JS values stand for Go values.
 * - `null`/`undefined` is nil; strings, booleans are themselves; a number is an `int` when it is an
 *   integer and a `float64` otherwise (JSON numbers in Kubernetes' unstructured objects decode as int64
 *   or float64 in the same way);
 * - an array is a slice (`[]interface {}` unless tagged);
 * - a plain object is a map (`map[string]interface {}` unless tagged): printed with sorted keys, like Go's
 *   fmt and encoding/json. Objects tagged with {@link goStruct} are structs: fields keep their declared
 *   (insertion) order, a missing field is an error in templates;
 * - a function on an object is a method (template `{{.Label "x"}}`).
 */

import { goQuote } from '../../engine/core/gotext';
export const GO_TYPE: unique symbol = Symbol.for('dockyard.goType');
const GO_KIND: unique symbol = Symbol.for('dockyard.goKind');

type Tagged = { [GO_TYPE]?: string; [GO_KIND]?: 'struct' | 'map' | 'slice' };

function tag<T extends object>(obj: T, kind: 'struct' | 'map' | 'slice', typeName: string): T {
  Object.defineProperty(obj, GO_TYPE, { value: typeName, enumerable: false, configurable: true });
  Object.defineProperty(obj, GO_KIND, { value: kind, enumerable: false, configurable: true });
  return obj;
}

/** Marks `obj` as a Go struct of type `typeName` (e.g. `*formatter.ContainerContext`). Returns obj. */
export function goStruct<T extends object>(obj: T, typeName: string): T {
  return tag(obj, 'struct', typeName);
}

/** Marks `obj` as a Go map with a specific type name (e.g. `map[string]int`). Returns obj. */
export function goMap<T extends object>(obj: T, typeName: string): T {
  return tag(obj, 'map', typeName);
}

/** Marks an array with a specific slice type name (e.g. `[]string`). Returns arr. */
export function goSlice<T extends unknown[]>(arr: T, typeName: string): T {
  return tag(arr, 'slice', typeName);
}

export function isGoStruct(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as Tagged)[GO_KIND] === 'struct';
}

export function isGoMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as Tagged)[GO_KIND] !== 'struct';
}

export function isNil(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

export function isGoInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** Go's `%T` of a value. */
export function goTypeName(v: unknown): string {
  if (isNil(v)) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (typeof v === 'bigint') return 'int64';
  if (typeof v === 'function') return 'func(...) interface {}';
  if (typeof v === 'object') {
    const t = (v as Tagged)[GO_TYPE];
    if (t !== undefined) return t;
    return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
  }
  return 'interface {}';
}

// ---------------------------------------------------------------------------------------------------
// Floats: strconv.FormatFloat with 'e', 'f', 'g' and a precision (-1 = shortest).

interface Digits {
  d: string; // significant digits, no trailing zeros (at least "0")
  dp: number; // decimal point position: value = 0.d × 10^dp
}

function digitsOf(x: number, sig: number | undefined): Digits {
  // x > 0 and finite. toExponential gives correctly rounded digits.
  const s = sig === undefined ? x.toExponential() : x.toExponential(Math.min(100, Math.max(0, sig - 1)));
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return { d: '0', dp: 1 };
  let d = (m[1] ?? '') + (m[2] ?? '');
  d = d.replace(/0+$/, '');
  if (d === '') d = '0';
  return { d, dp: Number(m[3]) + 1 };
}

function digitsFixed(x: number, prec: number): Digits {
  if (x >= 1e21) return digitsOf(x, undefined);
  const s = x.toFixed(Math.min(100, prec));
  const [ip = '0', fp = ''] = s.split('.');
  const all = (ip === '0' ? '' : ip) + fp;
  let dp = ip === '0' ? 0 : ip.length;
  let d = all;
  if (ip === '0') {
    const lead = /^0*/.exec(fp)?.[0].length ?? 0;
    d = fp.slice(lead);
    dp = -lead;
  }
  d = d.replace(/0+$/, '');
  if (d === '') return { d: '0', dp: 1 };
  return { d, dp };
}

function fmtE(neg: boolean, digs: Digits, prec: number, ch: 'e' | 'E'): string {
  let out = neg ? '-' : '';
  out += digs.d[0] ?? '0';
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digs.d[i] ?? '0';
  }
  out += ch;
  const exp = digs.d === '0' ? 0 : digs.dp - 1;
  out += exp < 0 ? '-' : '+';
  const e = Math.abs(exp);
  out += e < 10 ? `0${e}` : String(e);
  return out;
}

function fmtF(neg: boolean, digs: Digits, prec: number): string {
  let out = neg ? '-' : '';
  if (digs.dp > 0) {
    for (let i = 0; i < digs.dp; i++) out += digs.d[i] ?? '0';
  } else out += '0';
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      const j = digs.dp + i;
      out += j >= 0 ? (digs.d[j] ?? '0') : '0';
    }
  }
  return out;
}

/**
 * Go `strconv.FormatFloat(x, fmt, prec, 64)` for fmt e/E/f/g/G; prec -1 is the shortest representation.
 * Rounding of exact binary ties follows JavaScript (half away from zero), Go rounds them to even.
 */
export function formatFloat(x: number, fmt: 'e' | 'E' | 'f' | 'g' | 'G', prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  const shortest = prec < 0;
  let digs: Digits;
  if (a === 0) digs = { d: '0', dp: 1 };
  else if (shortest) digs = digitsOf(a, undefined);
  else if (fmt === 'e' || fmt === 'E') digs = digitsOf(a, prec + 1);
  else if (fmt === 'f') digs = digitsFixed(a, prec);
  else digs = digitsOf(a, prec === 0 ? 1 : prec);
  const nd = digs.d === '0' ? 0 : digs.d.length;
  const dp = digs.d === '0' ? 0 : digs.dp;
  if (shortest) {
    if (fmt === 'e' || fmt === 'E') prec = Math.max(nd - 1, 0);
    else if (fmt === 'f') prec = Math.max(nd - dp, 0);
    else prec = nd;
  }
  switch (fmt) {
    case 'e':
    case 'E':
      return fmtE(neg, digs, prec, fmt);
    case 'f':
      return fmtF(neg, digs, prec);
    default: {
      if (prec === 0) prec = 1;
      let eprec = prec;
      if (eprec > nd && nd >= dp) eprec = nd;
      if (shortest) eprec = 6;
      const exp = dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > nd) prec = nd;
        return fmtE(neg, digs, prec - 1, fmt === 'g' ? 'e' : 'E');
      }
      if (prec > dp) prec = nd;
      return fmtF(neg, digs, Math.max(prec - dp, 0));
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// %v printing

/** Go `strconv.Quote` (one implementation for the whole project). */
export { goQuote };

function sortedKeys(o: object): string[] {
  return Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Keys of a Go map or struct in Go's order: sorted for maps, declaration order for structs. Methods are skipped. */
export function goKeys(o: Record<string, unknown>): string[] {
  const keys = isGoStruct(o) ? Object.keys(o) : sortedKeys(o);
  return keys.filter((k) => typeof o[k] !== 'function');
}

/** Go's `%v` (plus=true: `%+v`) of a value, as fmt prints it. */
export function formatValue(v: unknown, plus = false, depth = 0): string {
  if (isNil(v)) return depth === 0 ? '<nil>' : '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : formatFloat(v, 'g', -1);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'function') return '0x0';
  if (Array.isArray(v)) return '[' + v.map((x) => formatValue(x, plus, depth + 1)).join(' ') + ']';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (isGoStruct(o)) {
      return '{' + goKeys(o).map((k) => (plus ? `${k}:` : '') + formatValue(o[k], plus, depth + 1)).join(' ') + '}';
    }
    return 'map[' + goKeys(o).map((k) => `${k}:${formatValue(o[k], plus, depth + 1)}`).join(' ') + ']';
  }
  return String(v);
}

// ---------------------------------------------------------------------------------------------------
// Sprintf

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
}

function pad(s: string, sp: Spec): string {
  const w = sp.width;
  if (w === undefined) return s;
  const n = [...s].length;
  if (n >= w) return s;
  if (sp.minus) return s + ' '.repeat(w - n);
  return ' '.repeat(w - n) + s;
}

function padNumber(s: string, sp: Spec): string {
  // zero padding goes after the sign
  if (sp.zero && !sp.minus && sp.width !== undefined && s.length < sp.width) {
    const sign = /^[+\- ]/.test(s) ? s[0] ?? '' : '';
    const rest = sign ? s.slice(1) : s;
    return sign + '0'.repeat(sp.width - s.length) + rest;
  }
  return pad(s, sp);
}

function badVerb(verb: string, arg: unknown): string {
  if (isNil(arg)) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(arg)}=${formatValue(arg)})`;
}

function fmtInteger(n: number | bigint, verb: string, sp: Spec): string {
  const neg = n < 0;
  const abs = typeof n === 'bigint' ? (neg ? -n : n) : Math.abs(n);
  let digits: string;
  switch (verb) {
    case 'd':
    case 'v':
      digits = abs.toString(10);
      break;
    case 'b':
      digits = abs.toString(2);
      break;
    case 'o':
    case 'O':
      digits = abs.toString(8);
      break;
    case 'x':
      digits = abs.toString(16);
      break;
    case 'X':
      digits = abs.toString(16).toUpperCase();
      break;
    default:
      digits = abs.toString(10);
  }
  if (sp.prec !== undefined) {
    if (sp.prec === 0 && abs.toString() === '0') digits = '';
    else digits = digits.padStart(sp.prec, '0');
  }
  let prefix = '';
  if (sp.sharp) {
    if (verb === 'x') prefix = '0x';
    else if (verb === 'X') prefix = '0X';
    else if (verb === 'o' && !digits.startsWith('0')) prefix = '0';
    else if (verb === 'b') prefix = '0b';
  }
  if (verb === 'O') prefix = '0o';
  const sign = neg ? '-' : sp.plus ? '+' : sp.space ? ' ' : '';
  const s = sign + prefix + digits;
  if (sp.zero && sp.prec === undefined && !sp.minus && sp.width !== undefined && s.length < sp.width) {
    return sign + prefix + '0'.repeat(sp.width - s.length) + digits;
  }
  return pad(s, sp);
}

function fmtFloatVerb(x: number, verb: string, sp: Spec): string {
  let s: string;
  const p = sp.prec;
  switch (verb) {
    case 'e':
    case 'E':
      s = formatFloat(x, verb, p ?? 6);
      break;
    case 'f':
    case 'F':
      s = formatFloat(x, 'f', p ?? 6);
      break;
    case 'g':
    case 'G':
      s = formatFloat(x, verb, p ?? -1);
      break;
    default:
      s = formatFloat(x, 'g', p ?? -1);
  }
  if (sp.plus && !s.startsWith('-') && !s.startsWith('+')) s = '+' + s;
  else if (s.startsWith('+') && !sp.plus && s !== '+Inf') s = s.slice(1);
  else if (sp.space && !s.startsWith('-')) s = ' ' + s;
  if (s === '+Inf' && !sp.plus) s = sp.space ? ' Inf' : '+Inf';
  return padNumber(s, sp);
}

function fmtString(s: string, verb: string, sp: Spec): string {
  if (sp.prec !== undefined) s = [...s].slice(0, sp.prec).join('');
  switch (verb) {
    case 'v':
    case 's':
      return pad(s, sp);
    case 'q':
      return pad(sp.sharp && !s.includes('`') ? '`' + s + '`' : goQuote(s), sp);
    case 'x':
    case 'X': {
      let h = [...new TextEncoder().encode(s)].map((b) => b.toString(16).padStart(2, '0')).join(sp.space ? ' ' : '');
      if (verb === 'X') h = h.toUpperCase();
      return pad(h, sp);
    }
    default:
      return badVerb(verb, s);
  }
}

function fmtArg(arg: unknown, verb: string, sp: Spec): string {
  if (verb === 'T') return pad(goTypeName(arg), sp);
  if (verb === 'p') return badVerb(verb, arg);
  if (isNil(arg)) {
    if (verb === 'v' || verb === 's') return pad('<nil>', sp);
    return `%!${verb}(<nil>)`;
  }
  if (typeof arg === 'string') return fmtString(arg, verb, sp);
  if (typeof arg === 'boolean') {
    if (verb === 'v' || verb === 't') return pad(arg ? 'true' : 'false', sp);
    return badVerb(verb, arg);
  }
  if (typeof arg === 'number' || typeof arg === 'bigint') {
    const isInt = typeof arg === 'bigint' || Number.isInteger(arg);
    if (isInt) {
      if ('dbBoOxXv'.includes(verb) && verb !== 'B') return fmtInteger(arg, verb, sp);
      if (verb === 'c') return pad(String.fromCodePoint(Number(arg)), sp);
      if (verb === 'q') return pad(goQuote(String.fromCodePoint(Number(arg))).replace(/^"|"$/g, "'"), sp);
      if (verb === 'U') return pad('U+' + Number(arg).toString(16).toUpperCase().padStart(4, '0'), sp);
      if (typeof arg === 'number' && 'eEfFgG'.includes(verb)) return badVerb(verb, arg);
      return badVerb(verb, arg);
    }
    if ('eEfFgGv'.includes(verb)) return fmtFloatVerb(arg as number, verb, sp);
    return badVerb(verb, arg);
  }
  if (Array.isArray(arg)) {
    if (verb === 'v' || verb === 's' || verb === 'd' || verb === 'q' || verb === 'x' || verb === 'X') {
      return pad('[' + arg.map((x) => fmtArg(x, verb, { ...sp, width: undefined })).join(' ') + ']', sp);
    }
    return badVerb(verb, arg);
  }
  if (typeof arg === 'object') {
    const o = arg as Record<string, unknown>;
    const inner: Spec = { ...sp, width: undefined };
    if (isGoStruct(o)) {
      return pad('{' + goKeys(o).map((k) => (sp.plus ? `${k}:` : '') + fmtArg(o[k], verb, inner)).join(' ') + '}', sp);
    }
    return pad('map[' + goKeys(o).map((k) => `${fmtArg(k, verb, inner)}:${fmtArg(o[k], verb, inner)}`).join(' ') + ']', sp);
  }
  return pad(String(arg), sp);
}

/** Go `fmt.Sprintf` for the verbs templates use (v +v s q d b o x X c U e E f F g G t T %), with Go's error forms. */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  const n = format.length;
  while (i < n) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const sp: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false };
    for (; i < n; i++) {
      const c = format[i];
      if (c === '-') sp.minus = true;
      else if (c === '+') sp.plus = true;
      else if (c === '#') sp.sharp = true;
      else if (c === ' ') sp.space = true;
      else if (c === '0') sp.zero = !sp.minus;
      else break;
    }
    // width
    if (format[i] === '*') {
      i++;
      const a = args[argi++];
      if (isGoInt(a)) {
        sp.width = a;
        if (a < 0) {
          sp.minus = true;
          sp.width = -a;
        }
      } else out += '%!(BADWIDTH)';
    } else {
      const m = /^\d+/.exec(format.slice(i));
      if (m) {
        sp.width = Number(m[0]);
        i += m[0].length;
      }
    }
    if (format[i] === '.') {
      i++;
      if (format[i] === '*') {
        i++;
        const a = args[argi++];
        if (isGoInt(a) && a >= 0) sp.prec = a;
        else out += '%!(BADPREC)';
      } else {
        const m = /^\d+/.exec(format.slice(i));
        sp.prec = m ? Number(m[0]) : 0;
        if (m) i += m[0].length;
      }
    }
    if (i >= n) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i) ?? 0);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[argi++];
    if (verb === 'v' && sp.plus) {
      out += pad(formatValue(arg, true), { ...sp, plus: false });
      continue;
    }
    out += fmtArg(arg, verb, sp);
  }
  if (argi < args.length) {
    out += '%!(EXTRA ' + args.slice(argi).map((a) => (isNil(a) ? '<nil>' : `${goTypeName(a)}=${formatValue(a)}`)).join(', ') + ')';
  }
  return out;
}

/** Go `fmt.Sprint`: spaces between operands when neither is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = '';
  let prevString = true;
  args.forEach((a, idx) => {
    const isStr = typeof a === 'string';
    if (idx > 0 && !isStr && !prevString) out += ' ';
    out += formatValue(a);
    prevString = isStr;
  });
  return out;
}

/** Go `fmt.Sprintln`: spaces between all operands, newline at the end. */
export function sprintln(args: readonly unknown[]): string {
  return args.map((a) => formatValue(a)).join(' ') + '\n';
}

// ---------------------------------------------------------------------------------------------------
// encoding/json

function jsonString(s: string, escapeHTML: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c < 0x20) {
      if (ch === '\n') out += '\\n';
      else if (ch === '\r') out += '\\r';
      else if (ch === '\t') out += '\\t';
      else out += `\\u00${c.toString(16).padStart(2, '0')}`;
    } else if (escapeHTML && (ch === '<' || ch === '>' || ch === '&')) out += `\\u00${c.toString(16)}`;
    else if (c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16)}`;
    else out += ch;
  }
  return out + '"';
}

function jsonNumber(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  const a = Math.abs(n);
  if (a < 1e-6 || a >= 1e21) {
    return formatFloat(n, 'e', -1).replace(/e([+-])0(\d)$/, 'e$1$2');
  }
  return formatFloat(n, 'f', -1);
}

export interface JsonOptions {
  /** indent per level (json.MarshalIndent); undefined = compact. */
  indent?: string;
  /** HTML-escape < > & like json.Marshal does (true by default). */
  escapeHTML?: boolean;
}

/** Go `encoding/json` Marshal/MarshalIndent of a value in the model above (maps sorted, structs in order). */
export function goJSON(v: unknown, opts: JsonOptions = {}): string {
  const escapeHTML = opts.escapeHTML ?? true;
  const ind = opts.indent;
  const enc = (x: unknown, level: number): string => {
    if (isNil(x)) return 'null';
    if (typeof x === 'string') return jsonString(x, escapeHTML);
    if (typeof x === 'boolean') return x ? 'true' : 'false';
    if (typeof x === 'number') return jsonNumber(x);
    if (typeof x === 'bigint') return x.toString();
    if (typeof x === 'function') return 'null';
    const nl = ind === undefined ? '' : '\n' + ind.repeat(level + 1);
    const close = ind === undefined ? '' : '\n' + ind.repeat(level);
    const colon = ind === undefined ? ':' : ': ';
    if (Array.isArray(x)) {
      if (x.length === 0) return '[]';
      return '[' + x.map((e) => nl + enc(e, level + 1)).join(',') + close + ']';
    }
    if (typeof x === 'object') {
      const o = x as Record<string, unknown>;
      const keys = goKeys(o).filter((k) => o[k] !== undefined || isGoStruct(o));
      if (keys.length === 0) return '{}';
      return '{' + keys.map((k) => nl + jsonString(k, escapeHTML) + colon + enc(o[k], level + 1)).join(',') + close + '}';
    }
    return 'null';
  };
  return enc(v, 0);
}
