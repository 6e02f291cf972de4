/** comm [-123] FILE1 FILE2: lines only in one, only in two, in both (sorted inputs). */
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { parse, usageError, type ArgSpec } from '../args';
import { compareC } from '../lib/format';
import { errText, openInput, readAllText } from '../lib/io';
import { localeQuote, quoteIfNeeded } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'comm',
  options: [
    { key: '1', short: '1' },
    { key: '2', short: '2' },
    { key: '3', short: '3' },
    { key: 'check', long: 'check-order' },
    { key: 'nocheck', long: 'nocheck-order' },
    { key: 'd', long: 'output-delimiter', arg: 'required' },
  ],
};

export const commInfo: ProgramInfo = {
  name: 'comm',
  program: async (ctx) => {
    const a = await parse(ctx, SPEC);
    if (typeof a === 'number') return a;
    if (a.operands.length < 2) return usageError(ctx, SPEC, a.operands.length ? `missing operand after ${localeQuote(a.operands[0]!)}` : 'missing operand');
    if (a.operands.length > 2) return usageError(ctx, SPEC, `extra operand ${localeQuote(a.operands[2]!)}`);
    const read = async (f: string): Promise<string[] | undefined> => {
      try {
        const ls = (await readAllText(openInput(ctx, f))).split('\n');
        if (ls[ls.length - 1] === '') ls.pop();
        return ls;
      } catch (e) {
        await ctx.stderr.write(`comm: ${quoteIfNeeded(f)}: ${errText(e)}\n`);
        return undefined;
      }
    };
    const x = await read(a.operands[0]!);
    if (!x) return 1;
    const y = await read(a.operands[1]!);
    if (!y) return 1;
    const d = a.get('d') ?? '\t';
    const col = (n: 1 | 2 | 3, s: string): string => {
      if (a.has(String(n))) return '';
      let pre = '';
      if (n >= 2 && !a.has('1')) pre += d;
      if (n === 3 && !a.has('2')) pre += d;
      return `${pre}${s}\n`;
    };
    let out = '';
    let i = 0;
    let j = 0;
    let status = 0;
    let warned = [false, false];
    while (i < x.length || j < y.length) {
      if (!a.has('nocheck')) {
        // GNU notices disorder when it reads the out-of-order line
        for (const [k, arr, idx] of [[0, x, i], [1, y, j]] as const) {
          if (!warned[k] && idx >= 1 && idx < arr.length && compareC(arr[idx - 1]!, arr[idx]!) > 0) {
            warned = k === 0 ? [true, warned[1]!] : [warned[0]!, true];
            await ctx.stdout.write(out);
            out = '';
            await ctx.stderr.write(`comm: file ${k + 1} is not in sorted order\n`);
            status = 1;
          }
        }
      }
      if (j >= y.length || (i < x.length && compareC(x[i]!, y[j]!) < 0)) out += col(1, x[i++]!);
      else if (i >= x.length || compareC(x[i]!, y[j]!) > 0) out += col(2, y[j++]!);
      else {
        out += col(3, x[i]!);
        i++;
        j++;
      }
    }
    await ctx.stdout.write(out);
    if (status) await ctx.stderr.write('comm: input is not in sorted order\n');
    return status;
  },
};
