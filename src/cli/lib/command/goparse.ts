/**
 * Go's parsers and printers that pflag's flag values use, with their error texts word for word:
 * strconv.ParseBool / ParseInt / ParseUint / ParseFloat, time.ParseDuration and Duration.String,
 * strconv.Quote, and the one-record encoding/csv reading and writing of string slices.
 */

import { goQuote } from '../../../engine/core/gotext';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** strconv.Quote. */
export { goQuote };

/** Go's %q of a single byte (a rune literal): 'z'. */
export function goQuoteRune(ch: string): string {
  if (ch === "'") return "'\\''";
  if (ch === '\\') return "'\\\\'";
  const q = goQuote(ch);
  return `'${q.slice(1, -1).replace(/\\"/g, '"')}'`;
}

export function parseBool(s: string): Parsed<boolean> {
  switch (s) {
    case '1': case 't': case 'T': case 'TRUE': case 'true': case 'True':
      return { ok: true, value: true };
    case '0': case 'f': case 'F': case 'FALSE': case 'false': case 'False':
      return { ok: true, value: false };
  }
  return { ok: false, error: `strconv.ParseBool: parsing ${goQuote(s)}: invalid syntax` };
}

/** Go's underscoreOK: underscores only between digits (or after a base prefix) in base-0 literals. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && /[bBoOxX]/.test(s[1]!)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (/[0-9]/.test(c) || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** The magnitude of an unsigned literal in `base` (0: Go's prefixes and underscores), or undefined on bad syntax. */
function parseMagnitude(s: string, base: number): bigint | undefined {
  if (s === '') return undefined;
  let b = base;
  let body = s;
  if (base === 0) {
    b = 10;
    if (s[0] === '0') {
      const p = s.length >= 3 ? s[1]!.toLowerCase() : '';
      if (p === 'b' || p === 'o' || p === 'x') {
        b = p === 'b' ? 2 : p === 'o' ? 8 : 16;
        body = s.slice(2);
      } else {
        b = 8;
        body = s.slice(1);
        if (body === '') return 0n;
      }
    }
  }
  let n = 0n;
  let digits = 0;
  let sawUnderscore = false;
  for (const c of body) {
    if (c === '_' && base === 0) {
      sawUnderscore = true;
      continue;
    }
    if (!/[0-9a-zA-Z]/.test(c)) return undefined;
    const d = parseInt(c, 36);
    if (d >= b) return undefined;
    n = n * BigInt(b) + BigInt(d);
    digits++;
  }
  if (digits === 0) return undefined;
  if (sawUnderscore && !underscoreOK(s)) return undefined;
  return n;
}

export function parseInt64(s: string, bits = 64, base = 0): Parsed<bigint> {
  const fn = 'strconv.ParseInt';
  const syntax = { ok: false as const, error: `${fn}: parsing ${goQuote(s)}: invalid syntax` };
  if (s === '') return syntax;
  let neg = false;
  let body = s;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    body = s.slice(1);
  }
  const mag = parseMagnitude(body, base);
  if (mag === undefined) return syntax;
  const limit = 1n << BigInt(bits - 1);
  if ((!neg && mag >= limit) || (neg && mag > limit)) {
    return { ok: false, error: `${fn}: parsing ${goQuote(s)}: value out of range` };
  }
  return { ok: true, value: neg ? -mag : mag };
}

export function parseUint64(s: string, bits = 64, base = 0): Parsed<bigint> {
  const fn = 'strconv.ParseUint';
  const syntax = { ok: false as const, error: `${fn}: parsing ${goQuote(s)}: invalid syntax` };
  if (s === '' || s[0] === '-' || s[0] === '+') return syntax;
  const mag = parseMagnitude(s, base);
  if (mag === undefined) return syntax;
  if (mag >= 1n << BigInt(bits)) return { ok: false, error: `${fn}: parsing ${goQuote(s)}: value out of range` };
  return { ok: true, value: mag };
}

export function parseFloat64(s: string): Parsed<number> {
  const syntax = { ok: false as const, error: `strconv.ParseFloat: parsing ${goQuote(s)}: invalid syntax` };
  const t = s.replace(/_/g, '');
  if (/^[+-]?(inf|infinity)$/i.test(t)) return { ok: true, value: t.startsWith('-') ? -Infinity : Infinity };
  if (/^nan$/i.test(t)) return { ok: true, value: NaN };
  if (/^[+-]?0[xX]/.test(t)) {
    const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(t);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) return syntax;
    const mant = parseInt((m[2] ?? '') + (m[3] ?? ''), 16) / 16 ** (m[3] ?? '').length;
    const v = mant * 2 ** Number(m[4]);
    return { ok: true, value: m[1] === '-' ? -v : v };
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return syntax;
  if (s.includes('_') && !underscoreOK(s.replace(/[.eE].*$/, ''))) return syntax;
  const v = Number(t);
  if (!Number.isFinite(v)) return { ok: false, error: `strconv.ParseFloat: parsing ${goQuote(s)}: value out of range` };
  return { ok: true, value: v };
}

// ---- time.Duration, in nanoseconds (bigint) ----

const NS = 1n;
const US = 1000n * NS;
const MS = 1000n * US;
const SEC = 1000n * MS;
const MIN = 60n * SEC;
const HOUR = 60n * MIN;
const UNITS: Record<string, bigint> = { ns: NS, us: US, 'µs': US, 'μs': US, ms: MS, s: SEC, m: MIN, h: HOUR };
const MAX_DURATION = (1n << 63n) - 1n;

/** time.ParseDuration: the duration in nanoseconds. */
export function parseDuration(orig: string): Parsed<bigint> {
  const invalid = { ok: false as const, error: `time: invalid duration ${goQuote(orig)}` };
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, value: 0n };
  if (s === '') return invalid;
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0]! >= '0' && s[0]! <= '9'))) return invalid;
    let m = /^[0-9]*/.exec(s)![0];
    const pre = m !== '';
    let v = pre ? BigInt(m) : 0n;
    s = s.slice(m.length);
    if (v > MAX_DURATION) return invalid;
    let frac = '';
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      m = /^[0-9]*/.exec(s)![0];
      post = m !== '';
      frac = m;
      s = s.slice(m.length);
    }
    if (!pre && !post) return invalid;
    let i = 0;
    while (i < s.length && !(s[i] === '.' || (s[i]! >= '0' && s[i]! <= '9'))) i++;
    if (i === 0) return { ok: false, error: `time: missing unit in duration ${goQuote(orig)}` };
    const u = s.slice(0, i);
    s = s.slice(i);
    const unit = UNITS[u];
    if (unit === undefined) return { ok: false, error: `time: unknown unit ${goQuote(u)} in duration ${goQuote(orig)}` };
    if (v > MAX_DURATION / unit) return invalid;
    v *= unit;
    if (frac !== '') {
      // Go keeps at most 19 significant fraction digits' worth; truncation matches for sane inputs.
      const scale = 10n ** BigInt(frac.length);
      v += (BigInt(frac) * unit) / scale;
      if (v > MAX_DURATION) return invalid;
    }
    d += v;
    if (d > MAX_DURATION) return invalid;
  }
  return { ok: true, value: neg ? -d : d };
}

function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let out = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print = print || digit !== 0n;
    if (print) out = String(digit) + out;
    v /= 10n;
  }
  if (print) out = `.${out}`;
  return [out, v];
}

/** time.Duration.String(). */
export function formatDuration(d: bigint): string {
  if (d === 0n) return '0s';
  const neg = d < 0n;
  let u = neg ? -d : d;
  let out: string;
  if (u < SEC) {
    let prec: number;
    let unit: string;
    if (u < US) {
      return `${neg ? '-' : ''}${u}ns`;
    } else if (u < MS) {
      prec = 3;
      unit = 'µs';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const [frac, whole] = fmtFrac(u, prec);
    out = `${whole}${frac}${unit}`;
  } else {
    const [frac, whole] = fmtFrac(u, 9);
    u = whole;
    out = `${u % 60n}${frac}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return (neg ? '-' : '') + out;
}

export function msToNs(ms: number): bigint {
  return BigInt(Math.round(ms * 1e6));
}

export function nsToMs(ns: bigint): number {
  return Number(ns) / 1e6;
}

// ---- encoding/csv, one record ----

/** encoding/csv Reader.Read of a one-line value, as pflag's readAsCSV uses it. */
export function readCSV(val: string): Parsed<string[]> {
  if (val === '') return { ok: true, value: [] };
  const fields: string[] = [];
  let i = 0;
  const line = val.replace(/\r?\n$/, '');
  for (;;) {
    if (line[i] === '"') {
      i++;
      let f = '';
      for (;;) {
        if (i >= line.length) {
          return { ok: false, error: `parse error on line 1, column ${line.length + 1}: extraneous or missing " in quoted-field` };
        }
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            f += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        f += line[i];
        i++;
      }
      if (i < line.length && line[i] !== ',') {
        return { ok: false, error: `parse error on line 1, column ${i + 1}: extraneous or missing " in quoted-field` };
      }
      fields.push(f);
    } else {
      let j = line.indexOf(',', i);
      if (j < 0) j = line.length;
      const f = line.slice(i, j);
      const q = f.indexOf('"');
      if (q >= 0) return { ok: false, error: `parse error on line 1, column ${i + q + 1}: bare " in non-quoted-field` };
      fields.push(f);
      i = j;
    }
    if (i >= line.length) break;
    i++; // the comma
    if (i >= line.length) {
      fields.push('');
      break;
    }
  }
  return { ok: true, value: fields };
}

function csvFieldNeedsQuotes(f: string): boolean {
  if (f === '') return false;
  if (f === '\\.') return true;
  if (/[",\r\n]/.test(f)) return true;
  return f[0] === ' ' || f[0] === '\t';
}

/** encoding/csv Writer of one record, without the line end (pflag's writeAsCSV, trimmed). */
export function writeCSV(fields: readonly string[]): string {
  return fields
    .map((f) => (csvFieldNeedsQuotes(f) ? `"${f.replace(/"/g, '""')}"` : f))
    .join(',');
}
