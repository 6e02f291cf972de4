/**
 * Decoding of bash's ANSI-C quoting, `$'...'`: the escapes of bash's `ansicstr()` (also used by
 * `echo -e` and `printf %b` with small differences the callers handle themselves).
 */

const SIMPLE: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

function isOctal(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '7';
}

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c);
}

/** Decode the body of `$'...'` (between the quotes, escapes not yet processed). */
export function decodeAnsiC(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  let i = 0;
  const n = raw.length;
  while (i < n) {
    const c = raw[i]!;
    if (c !== '\\' || i + 1 >= n) {
      out += c;
      i++;
      continue;
    }
    const e = raw[i + 1]!;
    i += 2;
    const simple = SIMPLE[e];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    if (isOctal(e)) {
      let v = e.charCodeAt(0) - 48;
      for (let k = 0; k < 2 && isOctal(raw[i]); k++) v = v * 8 + raw.charCodeAt(i++) - 48;
      out += String.fromCharCode(v & 0xff);
      continue;
    }
    if (e === 'x') {
      let h = '';
      while (h.length < 2 && isHex(raw[i])) h += raw[i++];
      out += h ? String.fromCharCode(parseInt(h, 16)) : '\\x';
      continue;
    }
    if (e === 'u' || e === 'U') {
      const max = e === 'u' ? 4 : 8;
      let h = '';
      while (h.length < max && isHex(raw[i])) h += raw[i++];
      if (!h) {
        out += '\\' + e;
        continue;
      }
      const cp = parseInt(h, 16);
      out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
      continue;
    }
    if (e === 'c') {
      const ch = raw[i];
      if (ch === undefined) {
        out += '\\c';
        continue;
      }
      i++;
      out += String.fromCharCode(ch.toUpperCase().charCodeAt(0) & 0x1f);
      continue;
    }
    // Unknown escape: kept as written.
    out += '\\' + e;
  }
  return out;
}
