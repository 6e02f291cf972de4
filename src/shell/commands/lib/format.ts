/** Formatting shared by ls, du, df, date, stat...: strftime in UTC, human-readable sizes, widths. */

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const DAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, w: number, c = '0'): string => String(n).padStart(w, c);

function dayOfYear(d: Date): number {
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1;
}

function isoWeek(d: Date): { year: number; week: number } {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return { year: t.getUTCFullYear(), week: Math.ceil(((t.getTime() - yearStart) / 86400000 + 1) / 7) };
}

/**
 * strftime as GNU date implements it, in UTC (the simulated host's zone). `nanos` gives %N.
 * Supports the flags `-` (no padding), `_` (space padding), `0`, `^` (upper case) and a width.
 */
export function strftime(fmt: string, ms: number, zone = 'UTC'): string {
  const d = new Date(ms);
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== '%' || i + 1 >= fmt.length) {
      out += c;
      continue;
    }
    let j = i + 1;
    let flag = '';
    while ('-_0^#'.includes(fmt[j] ?? 'x')) flag += fmt[j++];
    let width = '';
    while (/\d/.test(fmt[j] ?? '')) width += fmt[j++];
    let colons = 0;
    while (fmt[j] === ':') {
      colons++;
      j++;
    }
    const conv = fmt[j];
    if (conv === undefined) {
      out += fmt.slice(i);
      break;
    }
    i = j;
    const num = (n: number, w: number, padc = '0'): string => {
      if (flag.includes('-')) return String(n);
      const p = flag.includes('_') ? ' ' : flag.includes('0') ? '0' : padc;
      return pad(n, width ? Number(width) : w, p);
    };
    let s: string;
    switch (conv) {
      case 'a': s = DAYS[d.getUTCDay()]!; break;
      case 'A': s = DAYS_LONG[d.getUTCDay()]!; break;
      case 'b': case 'h': s = MONTHS[d.getUTCMonth()]!; break;
      case 'B': s = MONTHS_LONG[d.getUTCMonth()]!; break;
      case 'c': s = strftime('%a %b %e %H:%M:%S %Y', ms, zone); break;
      case 'C': s = num(Math.floor(d.getUTCFullYear() / 100), 2); break;
      case 'd': s = num(d.getUTCDate(), 2); break;
      case 'D': s = strftime('%m/%d/%y', ms, zone); break;
      case 'e': s = num(d.getUTCDate(), 2, ' '); break;
      case 'F': s = strftime('%Y-%m-%d', ms, zone); break;
      case 'g': s = num(isoWeek(d).year % 100, 2); break;
      case 'G': s = num(isoWeek(d).year, 4); break;
      case 'H': s = num(d.getUTCHours(), 2); break;
      case 'I': s = num(d.getUTCHours() % 12 || 12, 2); break;
      case 'j': s = num(dayOfYear(d), 3); break;
      case 'k': s = num(d.getUTCHours(), 2, ' '); break;
      case 'l': s = num(d.getUTCHours() % 12 || 12, 2, ' '); break;
      case 'm': s = num(d.getUTCMonth() + 1, 2); break;
      case 'M': s = num(d.getUTCMinutes(), 2); break;
      case 'n': s = '\n'; break;
      case 'N': s = pad((ms % 1000) * 1000000, 9); if (width) s = s.slice(0, Number(width)); break;
      case 'p': s = d.getUTCHours() < 12 ? 'AM' : 'PM'; break;
      case 'P': s = d.getUTCHours() < 12 ? 'am' : 'pm'; break;
      case 'r': s = strftime('%I:%M:%S %p', ms, zone); break;
      case 'R': s = strftime('%H:%M', ms, zone); break;
      case 's': s = String(Math.floor(ms / 1000)); break;
      case 'S': s = num(d.getUTCSeconds(), 2); break;
      case 't': s = '\t'; break;
      case 'T': s = strftime('%H:%M:%S', ms, zone); break;
      case 'u': s = String(d.getUTCDay() || 7); break;
      case 'U': s = num(Math.floor((dayOfYear(d) + 6 - d.getUTCDay()) / 7), 2); break;
      case 'V': s = num(isoWeek(d).week, 2); break;
      case 'w': s = String(d.getUTCDay()); break;
      case 'W': s = num(Math.floor((dayOfYear(d) + 6 - ((d.getUTCDay() + 6) % 7)) / 7), 2); break;
      case 'x': s = strftime('%m/%d/%y', ms, zone); break;
      case 'X': s = strftime('%H:%M:%S', ms, zone); break;
      case 'y': s = num(d.getUTCFullYear() % 100, 2); break;
      case 'Y': s = flag || width ? num(d.getUTCFullYear(), 4) : String(d.getUTCFullYear()); break;
      case 'z': s = colons === 1 ? '+00:00' : colons === 2 ? '+00:00:00' : '+0000'; break;
      case 'Z': s = zone; break;
      case '%': s = '%'; break;
      default: s = `%${flag}${width}${':'.repeat(colons)}${conv}`; break;
    }
    if (flag.includes('^')) s = s.toUpperCase();
    out += s;
  }
  return out;
}

/**
 * Human-readable size as coreutils prints with -h (powers of 1024, rounded up, one decimal below
 * 10): 0, 1000, 1.5K, 4.0K, 12K, 1.1M. `si` uses powers of 1000.
 */
export function humanSize(bytes: number, si = false): string {
  const base = si ? 1000 : 1024;
  const units = si ? ['k', 'M', 'G', 'T', 'P', 'E'] : ['K', 'M', 'G', 'T', 'P', 'E'];
  if (bytes < base) return String(bytes);
  let v = bytes;
  let u = -1;
  while (v >= base && u < units.length - 1) {
    v /= base;
    u++;
  }
  if (v < 10) {
    let r = Math.ceil(v * 10 - 1e-9) / 10;
    if (r >= 10) return `${10}${units[u]}`;
    if (r >= base / 1) r = base;
    return `${r.toFixed(1)}${units[u]}`;
  }
  const r = Math.ceil(v - 1e-9);
  if (r >= base && u < units.length - 1) return `1.0${units[u + 1]}`;
  return `${r}${units[u]}`;
}

/** Display width of a string in a terminal (wide CJK characters count 2). */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) continue;
    if (c >= 0x300 && c <= 0x36f) continue;
    w += isWide(c) ? 2 : 1;
  }
  return w;
}

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1f64f) ||
    (c >= 0x1f900 && c <= 0x1f9ff) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

/** Compares strings by code point, as strcoll does under C.UTF-8. */
export function compareC(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
