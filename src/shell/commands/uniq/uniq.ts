/** uniq -c -d -D -u -i -f -s -w, streaming; optional INPUT and OUTPUT operands. */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, usageError, type ArgSpec } from '../args';
import { abs, errText, Lines, openInput, Out } from '../lib/io';
import { localeQuote, quoteIfNeeded } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'uniq',
  options: [
    { key: 'c', short: 'c', long: 'count' },
    { key: 'd', short: 'd', long: 'repeated' },
    { key: 'D', short: 'D', long: 'all-repeated', arg: 'optional' },
    { key: 'u', short: 'u', long: 'unique' },
    { key: 'i', short: 'i', long: 'ignore-case' },
    { key: 'f', short: 'f', long: 'skip-fields', arg: 'required' },
    { key: 's', short: 's', long: 'skip-chars', arg: 'required' },
    { key: 'w', short: 'w', long: 'check-chars', arg: 'required' },
    { key: 'z', short: 'z', long: 'zero-terminated' },
  ],
};

async function uniq(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  if (a.operands.length > 2) return usageError(ctx, SPEC, `extra operand ${localeQuote(a.operands[2]!)}`);
  const num = async (k: string, what: string): Promise<number | null> => {
    const v = a.get(k);
    if (v === undefined) return k === 'w' ? Infinity : 0;
    if (!/^\d+$/.test(v)) {
      await ctx.stderr.write(`uniq: ${v}: invalid number of ${what}\n`);
      return null;
    }
    return Number(v);
  };
  const skipF = await num('f', 'fields to skip');
  const skipC = await num('s', 'bytes to skip');
  const check = await num('w', 'bytes to compare');
  if (skipF === null || skipC === null || check === null) return 1;
  const keyOf = (l: string): string => {
    let s = l;
    for (let i = 0; i < skipF; i++) s = s.replace(/^[ \t]*[^ \t]*/, '');
    s = s.slice(skipC);
    if (check !== Infinity) s = s.slice(0, check);
    return a.has('i') ? s.toLowerCase() : s;
  };
  const input = a.operands[0] ?? '-';
  let stream;
  try {
    stream = openInput(ctx, input);
  } catch (e) {
    await ctx.stderr.write(`uniq: ${quoteIfNeeded(input)}: ${errText(e)}\n`);
    return 1;
  }
  const sep = a.has('z') ? '\0' : '\n';
  const outPath = a.operands[1];
  const chunks: string[] = [];
  const out = new Out(outPath ? { isTTY: false, write: (d) => { chunks.push(typeof d === 'string' ? d : new TextDecoder().decode(d)); return Promise.resolve(); }, close: () => {} } : ctx.stdout);
  const lines = new Lines(stream, () => out.flush(), undefined, sep);
  let prev: string | undefined;
  let prevKey = '';
  let count = 0;
  const group: string[] = [];
  const allRepeated = a.has('D');
  let firstGroup = true;
  const emit = (): void => {
    if (prev === undefined) return;
    if (allRepeated) {
      if (count > 1) {
        const how = a.get('D') || 'none';
        if ((how === 'prepend' || (how === 'separate' && !firstGroup))) out.write(sep);
        firstGroup = false;
        for (const g of group) out.write(g + sep);
      }
      return;
    }
    if (a.has('d') && count < 2) return;
    if (a.has('u') && count > 1) return;
    out.write(a.has('c') ? `${String(count).padStart(7)} ${prev}${sep}` : prev + sep);
  };
  for (;;) {
    const l = await lines.next();
    if (!l) break;
    const k = keyOf(l.line);
    if (prev !== undefined && k === prevKey) {
      count++;
      if (allRepeated) group.push(l.line);
    } else {
      emit();
      prev = l.line;
      prevKey = k;
      count = 1;
      group.length = 0;
      group.push(l.line);
    }
    await out.maybeFlush();
  }
  emit();
  await out.flush();
  if (outPath) ctx.fs.writeFile(abs(ctx, outPath), chunks.join(''));
  return 0;
}

export const uniqInfo: ProgramInfo = { name: 'uniq', program: uniq, complete: completeFlags(SPEC) };
