/**
 * printf as bash's builtin: the format is reused while arguments remain; %s %b %q %c %d %i %u %o
 * %x %X %e %E %f %F %g %G %a %%, flags, widths and precisions (`*` too), escapes in the format.
 * Errors are bash's: `printf: x: invalid number` (the value counts as 0 and the status is 1).
 *
 * `printfFormat` is pure: the shell's builtin (src/shell/interp/builtins.ts) calls it and adds
 * `-v var` and bash's message prefix; the program here is the same without them.
 */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { expandEscapes, latin1Aware, rawByte } from '../echo/echo';
import { formatFloat, formatInt, formatString, type Spec } from './cformat';

export interface PrintfResult {
  readonly out: string;
  readonly errors: string[];
  readonly status: number;
}

/** bash's printf %q quoting. */
export function bashQuote(s: string): string {
  if (s === '') return "''";
  if (/[\x00-\x1f\x7f]/.test(s)) {
    let out = "$'";
    for (const c of s) {
      const code = c.charCodeAt(0);
      if (c === '\n') out += '\\n';
      else if (c === '\t') out += '\\t';
      else if (c === '\r') out += '\\r';
      else if (c === '\x1b') out += '\\E';
      else if (c === "'") out += "\\'";
      else if (c === '\\') out += '\\\\';
      else if (code < 32 || code === 127) out += `\\${code.toString(8).padStart(3, '0')}`;
      else out += c;
    }
    return `${out}'`;
  }
  return s.replace(/[^A-Za-z0-9_\-./:@%+=~#\u0080-\uffff]/g, (c) => `\\${c}`).replace(/^([~#])/, '\\$1');
}

/** Parses a numeric argument as bash does: 0x.., 0.., 'c, leading blanks, sign. */
function parseIntArg(s: string, errors: string[]): bigint {
  if (s === '') return 0n;
  if (/^['"]/.test(s)) return BigInt(s.length > 1 ? s.codePointAt(1)! : 0);
  const t = s.replace(/^[ \t\n]+/, '');
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(t);
  if (!m) {
    errors.push(`${s}: invalid number`);
    return 0n;
  }
  let v = BigInt(m[2]!.startsWith('0') && !/^0[xX]/.test(m[2]!) && m[2]!.length > 1 ? `0o${m[2]!.slice(1)}` : m[2]!);
  if (m[1] === '-') v = -v;
  if (m[0].length !== t.length) errors.push(`${s}: invalid number`);
  return v;
}

function parseFloatArg(s: string, errors: string[]): number {
  if (s === '') return 0;
  if (/^['"]/.test(s)) return s.length > 1 ? s.codePointAt(1)! : 0;
  const t = s.trim();
  const m = /^[+-]?(0[xX][0-9a-fA-F]+|inf(inity)?|nan|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/i.exec(t);
  if (!m) {
    errors.push(`${s}: invalid number`);
    return 0;
  }
  if (m[0].length !== t.length) errors.push(`${s}: invalid number`);
  const v = /^[+-]?0[xX]/.test(m[0]) ? parseInt(m[0], 16) : Number(m[0].replace(/inf(inity)?/i, 'Infinity').replace(/nan/i, 'NaN'));
  return v;
}

export function printfFormat(format: string, args: readonly string[]): PrintfResult {
  const errors: string[] = [];
  let out = '';
  let ai = 0;
  const status = 0;
  const next = (): string | undefined => (ai < args.length ? args[ai++] : undefined);
  for (;;) {
    const startAi = ai;
    let i = 0;
    while (i < format.length) {
      const c = format[i]!;
      if (c === '\\') {
        // one escape at a time
        let j = i + 1;
        const n = format[j] ?? '';
        if (/[0-7]/.test(n)) {
          let digits = '';
          while (digits.length < 3 && /[0-7]/.test(format[j] ?? '')) digits += format[j++];
          out += rawByte(parseInt(digits || '0', 8) & 0xff);
          i = j;
          continue;
        }
        if (n === 'x' || n === 'u' || n === 'U') {
          const max = n === 'x' ? 2 : n === 'u' ? 4 : 8;
          j++;
          let digits = '';
          while (digits.length < max && /[0-9a-fA-F]/.test(format[j] ?? '')) digits += format[j++];
          out += !digits ? `\\${n}` : n === 'x' ? rawByte(parseInt(digits, 16)) : String.fromCodePoint(parseInt(digits, 16));
          i = j;
          continue;
        }
        if (n === '"' || n === "'" || n === '?') {
          out += n;
          i += 2;
          continue;
        }
        if (n === 'c') {
          out += '\\c';
          i += 2;
          continue;
        }
        const r = expandEscapes(`\\${n}`);
        out += r.text;
        i += n ? 2 : 1;
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
      let j = i + 1;
      let flags = '';
      while ('-+ #0'.includes(format[j] ?? 'x')) flags += format[j++];
      let width: number | undefined;
      if (format[j] === '*') {
        const w = Number(parseIntArg(next() ?? '0', errors));
        if (w < 0) {
          flags += '-';
          width = -w;
        } else width = w;
        j++;
      } else {
        let d = '';
        while (/\d/.test(format[j] ?? '')) d += format[j++];
        if (d) width = Number(d);
      }
      let precision: number | undefined;
      if (format[j] === '.') {
        j++;
        if (format[j] === '*') {
          precision = Math.max(0, Number(parseIntArg(next() ?? '0', errors)));
          j++;
        } else {
          let d = '';
          while (/\d/.test(format[j] ?? '')) d += format[j++];
          precision = Number(d || '0');
        }
      }
      while ('hjlLtz'.includes(format[j] ?? 'x')) j++;
      const conv = format[j];
      if (conv === undefined) {
        return { out, errors: [`\`${format.slice(i)}': missing format character`], status: 1 };
      }
      const spec: Spec = { flags, width, precision, conv };
      i = j + 1;
      switch (conv) {
        case 's':
          out += formatString(next() ?? '', spec);
          break;
        case 'b': {
          const r = expandEscapes(next() ?? '', true);
          out += formatString(r.text, spec);
          if (r.stop) return { out, errors, status: errors.length ? 1 : status };
          break;
        }
        case 'q':
          out += formatString(bashQuote(next() ?? ''), spec);
          break;
        case 'c': {
          const a = next() ?? '';
          out += formatString([...a][0] ?? '', { ...spec, precision: undefined });
          break;
        }
        case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
          const a = next();
          out += formatInt(a === undefined ? 0n : parseIntArg(a, errors), spec);
          break;
        }
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A': {
          const a = next();
          out += formatFloat(a === undefined ? 0 : parseFloatArg(a, errors), spec);
          break;
        }
        default:
          errors.push(`\`${conv}': invalid format character`);
          return { out, errors, status: 1 };
      }
    }
    if (ai >= args.length || ai === startAi) break;
  }
  return { out, errors, status: errors.length ? 1 : status };
}

/** /usr/bin/printf, kept to the builtin's behaviour (without `-v`). */
async function printfProgram(ctx: Pick<ProcessContext, 'stdout' | 'stderr' | 'argv'>): Promise<number> {
  let a = ctx.argv.slice(1);
  if (a[0] === '--') a = a.slice(1);
  if (a.length === 0) {
    await ctx.stderr.write('printf: usage: printf [-v var] format [arguments]\n');
    return 2;
  }
  if (a[0]!.startsWith('-') && a[0] !== '-' && a[0] !== '-v') {
    await ctx.stderr.write(`printf: ${a[0]!.slice(0, 2)}: invalid option\nprintf: usage: printf [-v var] format [arguments]\n`);
    return 2;
  }
  const r = printfFormat(a[0]!, a.slice(1));
  if (r.out) await ctx.stdout.write(latin1Aware(r.out));
  for (const e of r.errors) await ctx.stderr.write(`printf: ${e}\n`);
  return r.status;
}

export const printfInfo: ProgramInfo = { name: 'printf', program: printfProgram };
