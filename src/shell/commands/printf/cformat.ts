/** C printf conversions for numbers and strings (shared by printf, awk, seq, find -printf). */

export interface Spec {
  flags: string;
  width: number | undefined;
  precision: number | undefined;
  conv: string;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  const w = spec.width ?? 0;
  if (s.length >= w) return s;
  if (spec.flags.includes('-')) return s.padEnd(w);
  if (numeric && spec.flags.includes('0') && !(spec.precision !== undefined && 'diouxX'.includes(spec.conv))) {
    const m = /^([+\- ]?(?:0[xX])?)(.*)$/.exec(s)!;
    return m[1]! + m[2]!.padStart(w - m[1]!.length, '0');
  }
  return s.padStart(w);
}

export function formatString(s: string, spec: Spec): string {
  const t = spec.precision !== undefined ? [...s].slice(0, spec.precision).join('') : s;
  return pad(t, spec, false);
}

export function formatInt(v: bigint, spec: Spec): string {
  const conv = spec.conv;
  let neg = v < 0n;
  let mag = neg ? -v : v;
  if ('ouxX'.includes(conv) && neg) {
    mag = (1n << 64n) + v;
    neg = false;
  }
  let digits = conv === 'o' ? mag.toString(8) : conv === 'x' ? mag.toString(16) : conv === 'X' ? mag.toString(16).toUpperCase() : mag.toString();
  if (spec.precision !== undefined) {
    if (spec.precision === 0 && mag === 0n) digits = '';
    digits = digits.padStart(spec.precision, '0');
  }
  let prefix = '';
  if (spec.flags.includes('#')) {
    if (conv === 'o' && !digits.startsWith('0')) digits = `0${digits}`;
    if ((conv === 'x' || conv === 'X') && mag !== 0n) prefix = conv === 'x' ? '0x' : '0X';
  }
  const sign = neg ? '-' : 'di'.includes(conv) && spec.flags.includes('+') ? '+' : 'di'.includes(conv) && spec.flags.includes(' ') ? ' ' : '';
  return pad(sign + prefix + digits, spec, true);
}

function expForm(v: number, prec: number, upper: boolean): string {
  let s = v.toExponential(prec);
  s = s.replace(/e([+-])(\d)$/, 'e$10$2');
  return upper ? s.toUpperCase() : s;
}

export function formatFloat(v: number, spec: Spec): string {
  const conv = spec.conv;
  const upper = conv === conv.toUpperCase();
  const alt = spec.flags.includes('#');
  let body: string;
  if (!Number.isFinite(v)) {
    body = Number.isNaN(v) ? 'nan' : 'inf';
    if (upper) body = body.toUpperCase();
  } else {
    const a = Math.abs(v);
    const p = spec.precision ?? 6;
    switch (conv.toLowerCase()) {
      case 'f':
        body = a.toFixed(p);
        if (alt && p === 0) body += '.';
        break;
      case 'e':
        body = expForm(a, p, upper);
        break;
      case 'g': {
        const P = p === 0 ? 1 : p;
        if (a === 0) {
          body = alt ? (0).toFixed(P - 1) : '0';
          break;
        }
        const x = Number(a.toExponential(P - 1).split('e')[1]);
        if (P > x && x >= -4) body = a.toFixed(P - 1 - x);
        else body = expForm(a, P - 1, upper);
        if (!alt && body.includes('.')) body = body.replace(/\.?0+(e|E|$)/, '$1').replace(/(\.\d*?)0+(e|E)/, '$1$2');
        break;
      }
      case 'a':
        body = a.toString(16);
        break;
      default:
        body = String(a);
    }
  }
  const neg = v < 0 || Object.is(v, -0);
  const sign = neg ? '-' : spec.flags.includes('+') ? '+' : spec.flags.includes(' ') ? ' ' : '';
  const s = sign + body;
  return Number.isFinite(v) ? pad(s, spec, true) : pad(s, { ...spec, flags: spec.flags.replace('0', '') }, false);
}
