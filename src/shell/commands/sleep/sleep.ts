/** sleep NUMBER[smhd]... (fractions allowed; the arguments add up), on the simulated clock. */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { parse, usageError, type ArgSpec } from '../args';
import { localeQuote } from '../lib/quote';

const SPEC: ArgSpec = { name: 'sleep', options: [] };
const UNIT: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

async function sleep(ctx: ProcessContext): Promise<number> {
  // negative-looking numbers are options to getopt: sleep -1 is an invalid option
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  if (a.operands.length === 0) return usageError(ctx, SPEC, 'missing operand');
  let total = 0;
  let bad = false;
  for (const op of a.operands) {
    const m = /^(\d*\.?\d*(?:[eE][+-]?\d+)?|inf(?:inity)?)([smhd]?)$/i.exec(op);
    if (!m || m[1] === '' || m[1] === '.') {
      await ctx.stderr.write(`sleep: invalid time interval ${localeQuote(op)}\n`);
      bad = true;
      continue;
    }
    total += (/^inf/i.test(m[1]!) ? Infinity : Number(m[1])) * UNIT[m[2]!]!;
  }
  if (bad) {
    await ctx.stderr.write("Try 'sleep --help' for more information.\n");
    return 1;
  }
  if (total === Infinity) await ctx.wait(new Promise<void>(() => {}));
  await ctx.sleep(Math.round(total * 1000));
  return 0;
}

export const sleepInfo: ProgramInfo = { name: 'sleep', program: sleep };
