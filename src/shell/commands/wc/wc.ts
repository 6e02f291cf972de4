/** wc -l -w -c -m -L with GNU's column widths; streams its input. */
import type { Stat } from '../../../engine/fs/types';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ReadStream } from '../../../engine/runtime/streams';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, type ArgSpec } from '../args';
import { width as displayWidth } from '../lib/format';
import { abs, errText, openInput } from '../lib/io';
import { bytesReader } from '../../../engine/runtime/streams';
import { quoteIfNeeded } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'wc',
  options: [
    { key: 'c', short: 'c', long: 'bytes' },
    { key: 'm', short: 'm', long: 'chars' },
    { key: 'l', short: 'l', long: 'lines' },
    { key: 'w', short: 'w', long: 'words' },
    { key: 'L', short: 'L', long: 'max-line-length' },
    { key: 'total', long: 'total', arg: 'required' },
  ],
};

interface Counts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
  maxLine: number;
}

async function count(stream: ReadStream, ctx: ProcessContext): Promise<Counts> {
  const c: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 };
  let inWord = false;
  let lineLen = 0;
  const dec = new TextDecoder();
  for (;;) {
    const chunk = await stream.read();
    if (chunk === null) break;
    c.bytes += chunk.length;
    const text = dec.decode(chunk, { stream: true });
    for (const ch of text) {
      c.chars++;
      if (ch === '\n') {
        c.lines++;
        c.maxLine = Math.max(c.maxLine, lineLen);
        lineLen = 0;
      } else if (ch === '\t') lineLen += 8 - (lineLen % 8);
      else lineLen += displayWidth(ch);
      if (/\s/.test(ch)) inWord = false;
      else if (!inWord) {
        inWord = true;
        c.words++;
      }
    }
    await ctx.checkpoint();
  }
  c.maxLine = Math.max(c.maxLine, lineLen);
  return c;
}

async function wc(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  let show = { l: a.has('l'), w: a.has('w'), m: a.has('m'), c: a.has('c'), L: a.has('L') };
  if (!show.l && !show.w && !show.m && !show.c && !show.L) show = { l: true, w: true, m: false, c: true, L: false };
  const nCounters = Object.values(show).filter(Boolean).length;
  const files = a.operands.length ? a.operands : ['-'];
  // First pass: stat what can be, for the column width as compute_number_width does.
  const stats: Array<Stat | 'stdin' | undefined> = files.map((f) => {
    if (f === '-') return 'stdin';
    try {
      return ctx.fs.stat(abs(ctx, f));
    } catch {
      return undefined;
    }
  });
  let width = 1;
  if (!(files.length === 1 && nCounters === 1) && stats[0] !== undefined) {
    let min = 1;
    let total = 0;
    for (const s of stats) {
      if (s === undefined) continue;
      if (s === 'stdin' || s.type !== 'file') min = 7;
      else total += s.size;
    }
    width = Math.max(String(total).length, min);
  }
  const fmt = (c: Counts, name: string | undefined): string => {
    const parts: string[] = [];
    if (show.l) parts.push(String(c.lines).padStart(width));
    if (show.w) parts.push(String(c.words).padStart(width));
    if (show.m) parts.push(String(c.chars).padStart(width));
    if (show.c) parts.push(String(c.bytes).padStart(width));
    if (show.L) parts.push(String(c.maxLine).padStart(width));
    return `${parts.join(' ')}${name !== undefined ? ` ${name}` : ''}\n`;
  };
  const total: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 };
  let status = 0;
  for (const f of files) {
    let stream: ReadStream;
    let dirError = false;
    try {
      stream = openInput(ctx, f);
    } catch (e) {
      if (errText(e) === 'Is a directory') {
        dirError = true;
        stream = bytesReader('');
      } else {
        await ctx.stderr.write(`wc: ${quoteIfNeeded(f)}: ${errText(e)}\n`);
        status = 1;
        continue;
      }
    }
    const c = await count(stream, ctx);
    if (dirError) {
      await ctx.stderr.write(`wc: ${quoteIfNeeded(f)}: Is a directory\n`);
      status = 1;
    }
    await ctx.stdout.write(fmt(c, a.operands.length ? f : undefined));
    total.lines += c.lines;
    total.words += c.words;
    total.chars += c.chars;
    total.bytes += c.bytes;
    total.maxLine = Math.max(total.maxLine, c.maxLine);
  }
  const tot = a.get('total') ?? 'auto';
  if ((tot === 'auto' && files.length > 1) || tot === 'always') await ctx.stdout.write(fmt(total, 'total'));
  if (tot === 'only') await ctx.stdout.write(fmt(total, undefined));
  return status;
}

export const wcInfo: ProgramInfo = { name: 'wc', program: wc, complete: completeFlags(SPEC) };
