/**
 * dircolors: prints the shell code that sets LS_COLORS, from Debian's built-in database or from a
 * file in the dircolors format (TERM lines, type keywords, `.ext` and `*suffix` entries). Debian's
 * ~/.bashrc runs `eval "$(dircolors -b)"` before it aliases ls to `ls --color=auto`.
 */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, usageError, type ArgSpec } from '../args';
import { DEBIAN_LS_COLORS } from '../ls/colors';
import { lsColorsCode } from './code';
import { decoder, errText, readRegular } from '../lib/io';
import { quoteIfNeeded } from '../lib/quote';
import { globToRegex } from '../lib/glob';

const SPEC: ArgSpec = {
  name: 'dircolors',
  options: [
    { key: 'b', short: 'b', long: ['sh', 'bourne-shell'] },
    { key: 'c', short: 'c', long: ['csh', 'c-shell'] },
    { key: 'p', short: 'p', long: 'print-database' },
    { key: 'printLsColors', long: 'print-ls-colors' },
  ],
};

const KEYWORDS: Record<string, string> = {
  NORMAL: 'no', NORM: 'no', FILE: 'fi', RESET: 'rs', DIR: 'di', LNK: 'ln', LINK: 'ln', SYMLINK: 'ln', ORPHAN: 'or',
  MISSING: 'mi', FIFO: 'pi', PIPE: 'pi', SOCK: 'so', BLK: 'bd', BLOCK: 'bd', CHR: 'cd', CHAR: 'cd', DOOR: 'do',
  EXEC: 'ex', LEFT: 'lc', LEFTCODE: 'lc', RIGHT: 'rc', RIGHTCODE: 'rc', END: 'ec', ENDCODE: 'ec', SUID: 'su',
  SETUID: 'su', SGID: 'sg', SETGID: 'sg', STICKY: 'st', OTHER_WRITABLE: 'ow', OWR: 'ow', STICKY_OTHER_WRITABLE: 'tw',
  OWT: 'tw', CAPABILITY: 'ca', MULTIHARDLINK: 'mh', CLRTOEOL: 'cl',
};

/** LS_COLORS from a dircolors file: entries apply when no TERM/COLORTERM line precedes them or one matches. */
export function compileDatabase(text: string, term: string, colorterm: string): string | { line: number; message: string } {
  let out = '';
  let state: 'none' | 'match' | 'nomatch' = 'none';
  let inTermBlock = false;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/#.*$/, '').trim();
    if (!line) continue;
    const m = /^(\S+)\s+(\S+)/.exec(line);
    if (!m) return { line: i + 1, message: 'invalid line;  missing second token' };
    const [, key, value] = m as unknown as [string, string, string];
    const k = key.toUpperCase();
    if (k === 'TERM' || k === 'COLORTERM') {
      if (!inTermBlock) state = 'nomatch';
      inTermBlock = true;
      if (globToRegex(value).test(k === 'TERM' ? term : colorterm)) state = 'match';
      continue;
    }
    inTermBlock = false;
    if (state === 'nomatch') continue;
    if (key.startsWith('.')) out += `*${key}=${value}:`;
    else if (key.startsWith('*')) out += `${key}=${value}:`;
    else if (k === 'OPTIONS' || k === 'COLOR' || k === 'EIGHTBIT') continue;
    else {
      const code = KEYWORDS[k];
      if (!code) return { line: i + 1, message: `unrecognized keyword ${key}` };
      out += `${code}=${value}:`;
    }
  }
  return out;
}

async function dircolors(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  const mode = a.lastOf('b', 'c');
  if (a.has('p')) {
    await ctx.stderr.write('dockyard: dircolors --print-database is not simulated here\n');
    return 1;
  }
  if (a.operands.length > 1) return usageError(ctx, SPEC, `extra operand ${quoteIfNeeded(a.operands[1]!)}`);
  let shell = mode === 'b' ? 'sh' : mode === 'c' ? 'csh' : undefined;
  if (!shell) {
    const sh = ctx.env.get('SHELL');
    if (!sh) {
      await ctx.stderr.write('dircolors: no SHELL environment variable, and no shell type option given\n');
      return 1;
    }
    const base = sh.slice(sh.lastIndexOf('/') + 1);
    shell = base === 'csh' || base === 'tcsh' ? 'csh' : 'sh';
  }
  let colors = DEBIAN_LS_COLORS;
  const file = a.operands[0];
  if (file !== undefined) {
    let text: string;
    try {
      text = file === '-' ? '' : decoder.decode(readRegular(ctx, file));
    } catch (e) {
      await ctx.stderr.write(`dircolors: ${quoteIfNeeded(file)}: ${errText(e)}\n`);
      return 1;
    }
    const r = compileDatabase(text, ctx.env.get('TERM') ?? 'none', ctx.env.get('COLORTERM') ?? '');
    if (typeof r !== 'string') {
      await ctx.stderr.write(`dircolors: ${quoteIfNeeded(file)}:${r.line}: ${r.message}\n`);
      return 1;
    }
    colors = r;
  }
  await ctx.stdout.write(lsColorsCode(shell === 'csh' ? 'csh' : 'sh', colors));
  return 0;
}

export const dircolorsInfo: ProgramInfo = { name: 'dircolors', program: dircolors, complete: completeFlags(SPEC) };
