/**
 * echo as bash's builtin: options -n -e -E (any mix, as one word each: `-ne`), stopping at the
 * first word that is not one; `\c` with -e ends the output. /usr/bin/echo differs only in also
 * knowing --help and --version; the program keeps the builtin's behaviour.
 */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';

/** Expands echo -e / printf %b escapes. Returns the text and whether `\c` stopped it. */
export function expandEscapes(s: string, forPrintfB = false): { text: string; stop: boolean } {
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
      case 'c': return { text: out, stop: true };
      case 'e': case 'E': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '0': {
        let j = i + 1;
        let digits = '';
        while (digits.length < 3 && /[0-7]/.test(s[j] ?? '')) digits += s[j++];
        out += rawByte(parseInt(digits || '0', 8) & 0xff);
        i = j - 1;
        break;
      }
      case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        if (!forPrintfB) {
          out += `\\${n}`;
          break;
        }
        let j = i;
        let digits = '';
        while (digits.length < 3 && /[0-7]/.test(s[j] ?? '')) digits += s[j++];
        out += rawByte(parseInt(digits, 8) & 0xff);
        i = j - 1;
        break;
      }
      case 'x': {
        let j = i + 1;
        let digits = '';
        while (digits.length < 2 && /[0-9a-fA-F]/.test(s[j] ?? '')) digits += s[j++];
        if (!digits) out += '\\x';
        else out += rawByte(parseInt(digits, 16));
        i = j - 1;
        break;
      }
      case 'u': case 'U': {
        let j = i + 1;
        let digits = '';
        while (digits.length < (n === 'u' ? 4 : 8) && /[0-9a-fA-F]/.test(s[j] ?? '')) digits += s[j++];
        if (!digits) out += `\\${n}`;
        else out += String.fromCodePoint(parseInt(digits, 16));
        i = j - 1;
        break;
      }
      default:
        out += `\\${n}`;
    }
  }
  return { text: out, stop: false };
}

/**
 * A character standing for one raw byte produced by an escape (`\xff`, `\0377`): bytes below 0x80
 * are themselves, others map into a private-use range that `latin1Aware` turns back into bytes.
 */
export function rawByte(b: number): string {
  return String.fromCharCode(b < 0x80 ? b : 0xf700 + b);
}

/** Encodes text as UTF-8, except raw-byte characters (see `rawByte`), which become their byte. */
export function latin1Aware(text: string): Uint8Array | string {
  if (!/[\uf780-\uf7ff]/.test(text)) return text;
  const out: number[] = [];
  const enc = new TextEncoder();
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xf780 && c <= 0xf7ff) out.push(c - 0xf700);
    else out.push(...enc.encode(ch));
  }
  return new Uint8Array(out);
}

/**
 * Characters standing for raw bytes (see `rawByte`) turned into the Latin-1 characters the shell
 * keeps in its variables (`printf -v`, `${x@E}`).
 */
export function unrawBytes(s: string): string {
  return s.replace(/[\uf780-\uf7ff]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xf700));
}

export interface EchoOptions {
  /** dash's echo: only `-n` is an option and escapes are always expanded. */
  readonly posix?: boolean;
  /** Expand escapes without `-e` (bash's `shopt -s xpg_echo`). */
  readonly escapes?: boolean;
}

/** What `echo args...` writes (raw-byte characters included, see `latin1Aware`). */
export function echoText(args: readonly string[], opts: EchoOptions = {}): string {
  let newline = true;
  let escapes = (opts.posix ?? false) || (opts.escapes ?? false);
  let i = 0;
  if (opts.posix) {
    while (args[i] === '-n') {
      newline = false;
      i++;
    }
  } else {
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (!/^-[neE]+$/.test(a)) break;
      for (const c of a.slice(1)) {
        if (c === 'n') newline = false;
        else if (c === 'e') escapes = true;
        else escapes = false;
      }
    }
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    const r = expandEscapes(text);
    if (r.stop) return r.text;
    text = r.text;
  }
  return newline ? `${text}\n` : text;
}

/** The builtin as a program (bash's; /usr/bin/echo only adds --help and --version). */
async function echoProgram(ctx: Pick<ProcessContext, 'stdout' | 'argv'>): Promise<number> {
  await ctx.stdout.write(latin1Aware(echoText(ctx.argv.slice(1))));
  return 0;
}

export const echoInfo: ProgramInfo = { name: 'echo', program: echoProgram };
