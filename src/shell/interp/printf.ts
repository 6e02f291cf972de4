/** bash's `printf` formatting (the builtin; `-v var` is handled by the caller). */

export interface PrintfResult {
  out: string;
  errors: string[];
  status: number;
}

/** Decodes `\` escapes as `echo -e` and `%b` do. Returns the text and whether `\c` stopped output. */
export function decodeEscapes(s: string, forPrintfFormat = false): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i]!;
    switch (n) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'e':
      case 'E': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '"': if (forPrintfFormat) out += '"'; else out += '\\"'; break;
      case "'": if (forPrintfFormat) out += "'"; else out += "\\'"; break;
      case '?': if (forPrintfFormat) out += '?'; else out += '\\?'; break;
      case 'c':
        return { text: out, stop: true };
      case '0':
      case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        // echo: \0nnn (up to 3 digits after 0); printf format: \nnn (up to 3 digits)
        let digits = '';
        let j = i;
        if (n === '0' && !forPrintfFormat) {
          j = i + 1;
          while (digits.length < 3 && /[0-7]/.test(s[j] ?? '')) digits += s[j++];
        } else if (forPrintfFormat || n === '0') {
          while (digits.length < 3 && /[0-7]/.test(s[j] ?? '')) digits += s[j++];
        } else {
          out += `\\${n}`;
          break;
        }
        out += String.fromCharCode(parseInt(digits || '0', 8) & 0xff);
        i = j - 1;
        break;
      }
      case 'x': {
        let digits = '';
        let j = i + 1;
        while (digits.length < 2 && /[0-9a-fA-F]/.test(s[j] ?? '')) digits += s[j++];
        if (!digits) {
          out += '\\x';
          break;
        }
        out += String.fromCharCode(parseInt(digits, 16));
        i = j - 1;
        break;
      }
      case 'u':
      case 'U': {
        let digits = '';
        let j = i + 1;
        const max = n === 'u' ? 4 : 8;
        while (digits.length < max && /[0-9a-fA-F]/.test(s[j] ?? '')) digits += s[j++];
        if (!digits) {
          out += `\\${n}`;
          break;
        }
        out += String.fromCodePoint(parseInt(digits, 16));
        i = j - 1;
        break;
      }
      default:
        out += `\\${n}`;
    }
  }
  return { text: out, stop: false };
}

/** `%q`: bash's shell quoting. */
export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  if (/[\x00-\x1f\x7f]/.test(s)) {
    return `$'${s.replace(/[\\'\x00-\x1f\x7f]/g, (c) => {
      switch (c) {
        case '\\': return '\\\\';
        case "'": return "\\'";
        case '\n': return '\\n';
        case '\t': return '\\t';
        case '\r': return '\\r';
        case '\x1b': return '\\E';
        default: return `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`;
      }
    })}'`;
  }
  return s.replace(/[^A-Za-z0-9_@%+=:,./-]/g, (c) => `\\${c}`);
}

function parseNumber(arg: string, errors: string[]): { v: bigint; ok: boolean } {
  if (arg === '') return { v: 0n, ok: true };
  if (arg[0] === "'" || arg[0] === '"') return { v: BigInt(arg.codePointAt(1) ?? 0), ok: true };
  const t = arg.replace(/^[ \t]+/, '');
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(t);
  if (!m) {
    errors.push(`${arg}: invalid number`);
    return { v: 0n, ok: false };
  }
  let v: bigint;
  const body = m[2]!;
  if (/^0[xX]/.test(body)) v = BigInt(body);
  else if (body.length > 1 && body[0] === '0') v = BigInt(`0o${body.slice(1)}`);
  else v = BigInt(body);
  if (m[1] === '-') v = -v;
  if (m[0].length !== t.length) {
    errors.push(`${arg}: invalid number`);
    return { v: BigInt.asIntN(64, v), ok: false };
  }
  return { v: BigInt.asIntN(64, v), ok: true };
}

function parseFloatArg(arg: string, errors: string[]): number {
  if (arg === '') return 0;
  if (arg[0] === "'" || arg[0] === '"') return arg.codePointAt(1) ?? 0;
  const t = arg.trim();
  const v = Number(t);
  if (Number.isNaN(v) && !/^[-+]?(nan|inf(inity)?)$/i.test(t)) {
    const m = /^[-+]?[0-9]*\.?[0-9]+(e[-+]?[0-9]+)?/i.exec(t);
    errors.push(`${arg}: invalid number`);
    return m ? Number(m[0]) : 0;
  }
  return v;
}

function pad(s: string, width: number | undefined, left: boolean, zero = false): string {
  if (width === undefined) return s;
  const len = [...s].length;
  if (len >= width) return s;
  if (left) return s + ' '.repeat(width - len);
  if (zero) {
    const sign = /^[-+ ]/.test(s) ? s[0]! : '';
    const rest = sign ? s.slice(1) : s;
    const pfx = /^0[xX]/.test(rest) ? rest.slice(0, 2) : '';
    return sign + pfx + '0'.repeat(width - len) + rest.slice(pfx.length);
  }
  return ' '.repeat(width - len) + s;
}

function fmtFloat(v: number, conv: string, prec: number | undefined, flags: string): string {
  const p = prec ?? 6;
  let s: string;
  if (!Number.isFinite(v)) s = Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  else if (conv === 'f' || conv === 'F') s = v.toFixed(p);
  else if (conv === 'e' || conv === 'E') s = expo(v, p);
  else if (conv === 'g' || conv === 'G') {
    const P = p === 0 ? 1 : p;
    const exp = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(v)));
    if (exp < -4 || exp >= P) s = expo(v, P - 1);
    else s = v.toFixed(Math.max(0, P - 1 - exp));
    if (!flags.includes('#')) {
      if (s.includes('e')) s = s.replace(/\.?0+e/, 'e');
      else if (s.includes('.')) s = s.replace(/\.?0+$/, '');
    }
  } else s = String(v);
  if (conv === 'E' || conv === 'G' || conv === 'F') s = s.toUpperCase();
  if (v >= 0 && flags.includes('+')) s = `+${s}`;
  else if (v >= 0 && flags.includes(' ')) s = ` ${s}`;
  return s;
}

function expo(v: number, p: number): string {
  const s = v.toExponential(p);
  return s.replace(/e([-+])(\d)$/, 'e$10$2');
}

/** Formats like bash's printf builtin. */
export function formatPrintf(format: string, args: readonly string[]): PrintfResult {
  const errors: string[] = [];
  let out = '';
  let ai = 0;
  let status = 0;
  const nextArg = (): string | undefined => (ai < args.length ? args[ai++] : undefined);
  for (;;) {
    const startAi = ai;
    let i = 0;
    let stop = false;
    while (i < format.length) {
      const c = format[i]!;
      if (c === '\\') {
        // one escape at a time
        let j = i + 1;
        const n = format[j];
        if (n === undefined) {
          out += '\\';
          i++;
          continue;
        }
        if (/[0-7]/.test(n)) {
          let k = j;
          while (k < format.length && k - j < 3 && /[0-7]/.test(format[k]!)) k++;
          j = k;
        } else if (n === 'x') {
          let k = j + 1;
          while (k < format.length && k - j - 1 < 2 && /[0-9a-fA-F]/.test(format[k]!)) k++;
          j = k;
        } else if (n === 'u' || n === 'U') {
          let k = j + 1;
          const max = n === 'u' ? 4 : 8;
          while (k < format.length && k - j - 1 < max && /[0-9a-fA-F]/.test(format[k]!)) k++;
          j = k;
        } else j++;
        const r = decodeEscapes(format.slice(i, j), true);
        out += r.text;
        i = j;
        continue;
      }
      if (c !== '%') {
        out += c;
        i++;
        continue;
      }
      if (format[i + 1] === '%') {
        out += '%';
        i += 2;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([hlLjzt]*)([a-zA-Z])?/.exec(format.slice(i));
      if (!m || !m[5]) {
        errors.push(`${format.slice(i, i + 2) || '%'}: invalid format character`.replace(/^%/, '%'));
        status = 1;
        stop = true;
        break;
      }
      i += m[0].length;
      const flags = m[1]!;
      let width: number | undefined;
      let left = flags.includes('-');
      if (m[2] === '*') {
        const w = Number(parseNumber(nextArg() ?? '', errors).v);
        if (w < 0) {
          left = true;
          width = -w;
        } else width = w;
      } else if (m[2]) width = Number(m[2]);
      let prec: number | undefined;
      if (m[3] !== undefined) prec = m[3] === '*' ? Number(parseNumber(nextArg() ?? '', errors).v) : Number(m[3] || '0');
      const conv = m[5];
      const zero = flags.includes('0') && !left;
      switch (conv) {
        case 's': {
          let a = nextArg() ?? '';
          if (prec !== undefined) a = [...a].slice(0, prec).join('');
          out += pad(a, width, left);
          break;
        }
        case 'b': {
          const r = decodeEscapes(nextArg() ?? '');
          let a = r.text;
          if (prec !== undefined) a = a.slice(0, prec);
          out += pad(a, width, left);
          if (r.stop) return { out, errors, status };
          break;
        }
        case 'q':
          out += pad(shellQuote(nextArg() ?? ''), width, left);
          break;
        case 'c': {
          const a = nextArg() ?? '';
          out += pad([...a][0] ?? '', width, left);
          break;
        }
        case 'd':
        case 'i':
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
          const before = errors.length;
          let v = parseNumber(nextArg() ?? '', errors).v;
          if (errors.length > before) status = 1;
          let s: string;
          if (conv === 'd' || conv === 'i') s = v.toString();
          else {
            if (v < 0n) v = BigInt.asUintN(64, v);
            s = conv === 'u' ? v.toString() : conv === 'o' ? v.toString(8) : v.toString(16);
            if (conv === 'X') s = s.toUpperCase();
            if (flags.includes('#') && v !== 0n) s = conv === 'o' ? `0${s}` : conv === 'x' ? `0x${s}` : conv === 'X' ? `0X${s}` : s;
          }
          if (prec !== undefined) {
            const neg = s.startsWith('-');
            const digits = neg ? s.slice(1) : s;
            s = (neg ? '-' : '') + digits.padStart(prec, '0');
            if (prec === 0 && v === 0n) s = '';
          }
          if ((conv === 'd' || conv === 'i') && !s.startsWith('-')) {
            if (flags.includes('+')) s = `+${s}`;
            else if (flags.includes(' ')) s = ` ${s}`;
          }
          out += pad(s, width, left, zero && prec === undefined);
          break;
        }
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G':
        case 'a':
        case 'A': {
          const before = errors.length;
          const v = parseFloatArg(nextArg() ?? '', errors);
          if (errors.length > before) status = 1;
          out += pad(fmtFloat(v, conv, prec, flags), width, left, zero);
          break;
        }
        default:
          errors.push(`%${conv}: invalid format character`);
          return { out, errors, status: 1 };
      }
    }
    if (stop) break;
    if (ai >= args.length || ai === startAi) break;
  }
  return { out, errors, status: errors.length ? 1 : status };
}
