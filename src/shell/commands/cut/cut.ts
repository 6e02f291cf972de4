/** cut -b -c -f -d -s --complement --output-delimiter, streaming. */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, usageError, type ArgSpec } from '../args';
import { errText, Lines, openInput, Out } from '../lib/io';
import { localeQuote, quoteIfNeeded } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'cut',
  options: [
    { key: 'b', short: 'b', long: 'bytes', arg: 'required' },
    { key: 'c', short: 'c', long: 'characters', arg: 'required' },
    { key: 'f', short: 'f', long: 'fields', arg: 'required' },
    { key: 'd', short: 'd', long: 'delimiter', arg: 'required' },
    { key: 's', short: 's', long: 'only-delimited' },
    { key: 'n', short: 'n' },
    { key: 'complement', long: 'complement' },
    { key: 'outDelim', long: 'output-delimiter', arg: 'required' },
    { key: 'z', short: 'z', long: 'zero-terminated' },
  ],
};

type Range = [number, number];

function parseList(spec: string, what: 'field' | 'byte/character'): Range[] | string {
  const out: Range[] = [];
  for (const part of spec.split(/[,\s]/)) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '' && m[2] === '') || (m[1] === '' && m[2] === '-' && m[3] === '' && part !== '-')) {
      return `invalid ${what === 'field' ? 'field' : 'byte/character position'} value ${localeQuote(part)}`;
    }
    if (part === '-') return 'invalid range with no endpoint: -';
    const lo = m[1] === '' ? 1 : Number(m[1]);
    const hi = m[2] ? (m[3] === '' ? Infinity : Number(m[3])) : lo;
    if ((m[1] !== '' && lo === 0) || (m[3] !== '' && Number(m[3]) === 0 && !m[1])) return what === 'field' ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
    if (lo === 0) return what === 'field' ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
    if (hi < lo) return 'invalid decreasing range';
    out.push([lo, hi]);
  }
  return out;
}

async function cut(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  const modes = ['b', 'c', 'f'].filter((k) => a.has(k));
  if (modes.length === 0) return usageError(ctx, SPEC, 'you must specify a list of bytes, characters, or fields');
  if (modes.length > 1) return usageError(ctx, SPEC, 'only one list may be specified');
  const mode = modes[0]!;
  const list = parseList(a.get(mode)!, mode === 'f' ? 'field' : 'byte/character');
  if (typeof list === 'string') return usageError(ctx, SPEC, list);
  const d = a.get('d');
  if (d !== undefined && [...d].length > 1) return usageError(ctx, SPEC, 'the delimiter must be a single character');
  if (d !== undefined && mode !== 'f') return usageError(ctx, SPEC, 'an input delimiter may be specified only when operating on fields');
  if (a.has('s') && mode !== 'f') return usageError(ctx, SPEC, 'suppressing non-delimited lines makes sense\n\tonly when operating on fields');
  const delim = d === undefined ? '\t' : d === '' ? '\0' : d;
  const outDelim = a.get('outDelim') ?? (mode === 'f' ? delim : undefined);
  const complement = a.has('complement');
  const sel = (i: number): boolean => list.some(([lo, hi]) => i >= lo && i <= hi) !== complement;
  const sep = a.has('z') ? '\0' : '\n';
  const out = new Out(ctx.stdout);
  let status = 0;
  const files = a.operands.length ? a.operands : ['-'];
  for (const f of files) {
    let stream;
    try {
      stream = openInput(ctx, f);
    } catch (e) {
      await out.flush();
      await ctx.stderr.write(`cut: ${quoteIfNeeded(f)}: ${errText(e)}\n`);
      status = 1;
      continue;
    }
    const lines = new Lines(stream, () => out.flush(), undefined, sep);
    for (;;) {
      const l = await lines.next();
      if (!l) break;
      const line = l.line;
      if (mode === 'f') {
        if (!line.includes(delim)) {
          if (!a.has('s')) out.write(line + sep);
          continue;
        }
        const fields = line.split(delim);
        out.write(fields.filter((_, i) => sel(i + 1)).join(outDelim) + sep);
      } else {
        const units = mode === 'b' ? [...new TextEncoder().encode(line)] : [...line];
        if (outDelim === undefined) {
          const kept = units.filter((_, i) => sel(i + 1));
          out.write((mode === 'b' ? new TextDecoder().decode(new Uint8Array(kept as number[])) : (kept as string[]).join('')) + sep);
        } else {
          // contiguous selected runs joined by the output delimiter
          const runs: string[] = [];
          let cur: Array<string | number> | undefined;
          units.forEach((u, i) => {
            if (sel(i + 1)) (cur ??= []).push(u);
            else if (cur) {
              runs.push(mode === 'b' ? new TextDecoder().decode(new Uint8Array(cur as number[])) : cur.join(''));
              cur = undefined;
            }
          });
          if (cur) runs.push(mode === 'b' ? new TextDecoder().decode(new Uint8Array(cur as number[])) : cur.join(''));
          out.write(runs.join(outDelim) + sep);
        }
      }
      await out.maybeFlush();
    }
  }
  await out.flush();
  return status;
}

export const cutInfo: ProgramInfo = { name: 'cut', program: cut, complete: completeFlags(SPEC) };
