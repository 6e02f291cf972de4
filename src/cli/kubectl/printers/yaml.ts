/**
 * kubectl's `-o yaml`: sigs.k8s.io/yaml `Marshal`, i.e. JSON → go-yaml v2 `Unmarshal` into
 * `interface{}` → go-yaml v2 `Marshal`. What that means for the output:
 * - map keys sorted with go-yaml's `keyList.Less` (digit runs compare as numbers, letters after
 *   non-letters);
 * - block style, two-space indent, sequences inside a mapping not indented (`- ` at the key's column);
 * - empty maps and lists as `{}` and `[]`, null as `null`;
 * - strings plain when go-yaml's resolver would read them back as strings, else double-quoted
 *   (`"9"`, `"true"`, `""`, timestamps like `"2025-06-02T10:15:03Z"`); single-quoted when plain is not
 *   allowed by the emitter (leading indicator, `: `, ` #`...); `|`, `|-` or `|+` literal blocks for
 *   strings with a line break; double-quoted with escapes for non-printable characters (tab, emoji);
 * - plain, single- and double-quoted scalars folded at spaces past column 80 (best_width), the
 *   continuation indented two more than the key.
 */

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

// ---- go-yaml v2 key ordering (sorter.go keyList.Less) ----

const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] as string;
    const bc = br[i] as string;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ac === '0' || bc === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] as string); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai] as string); ai++) an = an * 10 + Number(ar[ai]);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi] as string); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ac < bc;
  }
  return ar.length < br.length;
}

export function sortYamlKeys(keys: string[]): string[] {
  // Go's sort.Sort is not stable, but keys are unique, so any correct sort gives the same order.
  return [...keys].sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0));
}

// ---- go-yaml v2 resolver: would this plain scalar read back as a string? ----

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const RESOLVE_MAP = new Set(['', '~', 'null', 'Null', 'NULL', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF']);

/** Go strconv.ParseInt(s, 0, 64) / ParseUint accept (sign, 0x/0o/0b/leading-0 octal, underscores only after a base prefix). */
function goParsesInt(s: string): boolean {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return false;
  const body = m[2] as string;
  if (body.includes('_')) {
    // underscores must separate digits, only with a base prefix (or a leading 0)
    if (!/^0/.test(body) || /__|_$/.test(body)) return false;
  }
  const digits = body.replace(/_/g, '');
  let v: bigint;
  try {
    v = BigInt(/^0[oO]/.test(digits) ? '0o' + digits.slice(2) : /^0[0-7]+$/.test(digits) ? '0o' + digits.slice(1) : digits);
  } catch {
    return false;
  }
  if (m[1] === '-') return v <= 2n ** 63n;
  return v < 2n ** 64n;
}

/** go-yaml v2 parseTimestamp. */
function isTimestamp(s: string): boolean {
  let i = 0;
  for (; i < s.length; i++) if (!isDigit(s[i] as string)) break;
  if (i !== 4 || i === s.length || s[i] !== '-') return false;
  return (
    /^\d{4}-\d{1,2}-\d{1,2}$/.test(s) ||
    /^\d{4}-\d{1,2}-\d{1,2}[Tt ]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(s)
  );
}

function resolvesToNonString(s: string): boolean {
  const c = s[0];
  const hint = s === '' ? 'N' : c === '+' || c === '-' ? 'S' : c !== undefined && isDigit(c) ? 'D' : c === '.' ? '.' : c !== undefined && 'yYnNtTfFoO~'.includes(c) ? 'M' : '';
  if (hint === '') return false;
  if (RESOLVE_MAP.has(s)) return true;
  if (hint === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s);
  if (hint === 'D' || hint === 'S') {
    if (isTimestamp(s)) return true;
    const plain = s.replace(/_/g, '');
    if (goParsesInt(plain)) return true;
    if (YAML_STYLE_FLOAT.test(plain)) return true;
    if (/^-?0b[01]+$/.test(plain)) return true;
  }
  return false;
}

// ---- emitter analysis (yaml_emitter_analyze_scalar) ----

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const isBreak = (c: string) => c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

function analyze(value: string): Analysis {
  if (value.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const chars = [...value];
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) blockIndicators = true;
  let precededByWhitespace = true;
  chars.forEach((c, i) => {
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || isBlank(next) || isBreak(next);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':') && followedByWhitespace) blockIndicators = true;
      else if (c === '-' && followedByWhitespace) blockIndicators = true;
    } else if (c === ':' && followedByWhitespace) blockIndicators = true;
    else if (c === '#' && precededByWhitespace) blockIndicators = true;
    if (!isPrintable(c)) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(c) || isBreak(c) || c === '\0';
  });
  const a: Analysis = { multiline: lineBreaks, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) a.blockPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

function chooseStyle(s: string, simpleKey: boolean): Style {
  // encoder.stringv
  let style: Style = s.includes('\n') ? 'literal' : resolvesToNonString(s) || BASE60_FLOAT.test(s) ? 'double' : 'plain';
  // emitter select_scalar_style
  const a = analyze(s);
  if (simpleKey && a.multiline) style = 'double';
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single';
    if (s.length === 0 && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

// ---- writer with go-yaml's column bookkeeping ----

class Out {
  text = '';
  column = 0;
  whitespace = true;
  indention = true;
  put(s: string): void {
    for (const c of s) {
      this.text += c;
      if (c === '\n') this.column = 0;
      else this.column++;
    }
  }
  newline(): void {
    this.text += '\n';
    this.column = 0;
  }
  /** yaml_emitter_write_indent */
  writeIndent(indent: number): void {
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.newline();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }
  /** yaml_emitter_write_indicator */
  indicator(s: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(s);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }
}

function escapeDouble(c: string): string {
  switch (c) {
    case '\0':
      return '\\0';
    case '\x07':
      return '\\a';
    case '\b':
      return '\\b';
    case '\t':
      return '\\t';
    case '\n':
      return '\\n';
    case '\v':
      return '\\v';
    case '\f':
      return '\\f';
    case '\r':
      return '\\r';
    case '\x1b':
      return '\\e';
    case '"':
      return '\\"';
    case '\\':
      return '\\\\';
    case '\u0085':
      return '\\N';
    case '\u00a0':
      return '\\_';
    case '\u2028':
      return '\\L';
    case '\u2029':
      return '\\P';
  }
  const cp = c.codePointAt(0) ?? 0;
  if (cp <= 0xff) return '\\x' + cp.toString(16).toUpperCase().padStart(2, '0');
  if (cp <= 0xffff) return '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
  return '\\U' + cp.toString(16).toUpperCase().padStart(8, '0');
}

function writeScalar(o: Out, s: string, style: Style, indent: number, allowBreaks: boolean): void {
  const chars = [...s];
  if (style === 'plain') {
    if (!o.whitespace) o.put(' ');
    let spaces = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        if (allowBreaks && !spaces && o.column > BEST_WIDTH && chars[i + 1] !== ' ') o.writeIndent(indent);
        else o.put(c);
        spaces = true;
      } else {
        o.put(c);
        o.indention = false;
        spaces = false;
      }
    });
    o.whitespace = false;
    o.indention = false;
    return;
  }
  if (style === 'single') {
    o.indicator("'", true, false, false);
    let spaces = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        if (allowBreaks && !spaces && o.column > BEST_WIDTH && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') o.writeIndent(indent);
        else o.put(c);
        spaces = true;
      } else {
        if (c === "'") o.put("'");
        o.put(c);
        o.indention = false;
        spaces = false;
      }
    });
    o.indicator("'", false, false, false);
    return;
  }
  if (style === 'double') {
    o.indicator('"', true, false, false);
    let spaces = false;
    chars.forEach((c, i) => {
      if (!isPrintable(c) || c === '\ufeff' || isBreak(c) || c === '"' || c === '\\') {
        o.put(escapeDouble(c));
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && o.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          o.writeIndent(indent);
          if (chars[i + 1] === ' ') o.put('\\');
        } else o.put(c);
        spaces = true;
      } else {
        o.put(c);
        spaces = false;
      }
    });
    o.indicator('"', false, false, false);
    return;
  }
  // literal block scalar
  let hints = '|';
  if (chars[0] === ' ' || isBreak(chars[0] ?? '')) hints += String(BEST_INDENT);
  const last = chars[chars.length - 1] ?? '';
  if (chars.length === 0 || !isBreak(last)) hints += '-';
  else if (chars.length === 1 || isBreak(chars[chars.length - 2] ?? '')) hints += '+';
  o.indicator(hints, true, false, false);
  o.newline();
  o.indention = true;
  o.whitespace = true;
  let breaks = true;
  for (const c of chars) {
    if (isBreak(c)) {
      o.newline();
      o.indention = true;
      breaks = true;
    } else {
      if (breaks) o.writeIndent(indent);
      o.put(c);
      o.indention = false;
      breaks = false;
    }
  }
}

// ---- values ----

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function toJson(v: unknown): Json {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toJson);
  if (typeof v === 'object') {
    const out: { [k: string]: Json } = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined) out[k] = toJson(x);
    return out;
  }
  return null;
}

/** go-yaml v2 float formatting: strconv.FormatFloat(f, 'g', -1, 64) plus .inf/.nan. */
function formatNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  // shortest repr; Go's %g switches to exponent form when exp < -4 || exp >= 21 (precision -1)
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [m, e] = n.toExponential().split('e') as [string, string];
    const sign = e.startsWith('-') ? '-' : '+';
    const digits = e.replace(/^[+-]/, '').padStart(2, '0');
    return `${m}e${sign}${digits}`;
  }
  return String(n);
}

const isMap = (v: Json): v is { [k: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

function emitScalarValue(o: Out, v: Json, indent: number, simpleKey: boolean): void {
  if (v === null) writeScalar(o, 'null', 'plain', indent, !simpleKey);
  else if (typeof v === 'boolean') writeScalar(o, v ? 'true' : 'false', 'plain', indent, !simpleKey);
  else if (typeof v === 'number') writeScalar(o, formatNumber(v), 'plain', indent, !simpleKey);
  else if (typeof v === 'string') writeScalar(o, v, chooseStyle(v, simpleKey), indent, !simpleKey);
}

/**
 * Emits a node whose parent indent is `indent` (the column its mapping keys / sequence dashes use).
 * Mirrors go-yaml's states: a block mapping increases the indent by 2 unless it is the root; a
 * sequence inside a mapping is "indentless".
 */
function emitNode(o: Out, v: Json, indent: number, ctx: 'root' | 'mapvalue' | 'seqitem'): void {
  if (isMap(v)) {
    const keys = sortYamlKeys(Object.keys(v));
    if (keys.length === 0) {
      o.indicator('{}', true, false, false);
      return;
    }
    const myIndent = ctx === 'root' ? 0 : indent + BEST_INDENT;
    keys.forEach((k) => {
      o.writeIndent(myIndent);
      emitScalarValue(o, k, myIndent, true);
      o.indicator(':', false, false, false);
      const val = v[k] as Json;
      if (Array.isArray(val) && val.length > 0) emitNode(o, val, myIndent, 'mapvalue');
      else if (isMap(val) && Object.keys(val).length > 0) emitNode(o, val, myIndent, 'mapvalue');
      else if (Array.isArray(val)) o.indicator('[]', true, false, false);
      else if (isMap(val)) o.indicator('{}', true, false, false);
      else emitScalarValue(o, val, myIndent + BEST_INDENT, false);
    });
    return;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) {
      o.indicator('[]', true, false, false);
      return;
    }
    // block sequence: indentless under a mapping key, else indented
    const myIndent = ctx === 'root' ? 0 : ctx === 'mapvalue' ? indent : indent + BEST_INDENT;
    v.forEach((item) => {
      o.writeIndent(myIndent);
      o.indicator('-', true, false, true);
      if (isMap(item) && Object.keys(item).length > 0) emitNode(o, item, myIndent, 'seqitem');
      else if (Array.isArray(item) && item.length > 0) emitNode(o, item, myIndent, 'seqitem');
      else if (Array.isArray(item)) o.indicator('[]', true, false, false);
      else if (isMap(item)) o.indicator('{}', true, false, false);
      else emitScalarValue(o, item, myIndent + BEST_INDENT, false);
    });
    return;
  }
  emitScalarValue(o, v, ctx === 'root' ? 0 : indent + BEST_INDENT, false);
}

/** sigs.k8s.io/yaml.Marshal of a JSON-like value; ends with a newline. */
export function marshalYAML(value: unknown): string {
  const o = new Out();
  emitNode(o, toJson(value), 0, 'root');
  if (!o.text.endsWith('\n')) o.newline();
  return o.text;
}
