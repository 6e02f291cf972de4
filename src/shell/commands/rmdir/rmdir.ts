/** rmdir -p -v. */
import { dirname } from '../../../engine/fs/path';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, usageError, type ArgSpec } from '../args';
import { abs, errText } from '../lib/io';
import { quoteAlways } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'rmdir',
  options: [
    { key: 'p', short: 'p', long: 'parents' },
    { key: 'v', short: 'v', long: 'verbose' },
    { key: 'ignore', long: 'ignore-fail-on-non-empty' },
  ],
};

async function rmdir(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  if (a.operands.length === 0) return usageError(ctx, SPEC, 'missing operand');
  let status = 0;
  for (const name of a.operands) {
    let n = name.replace(/(.)\/+$/, '$1');
    for (;;) {
      try {
        if (a.has('v')) await ctx.stdout.write(`rmdir: removing directory, ${quoteAlways(n)}\n`);
        ctx.fs.rmdir(abs(ctx, n));
      } catch (e) {
        if (!(a.has('ignore') && errText(e) === 'Directory not empty')) {
          await ctx.stderr.write(`rmdir: failed to remove ${quoteAlways(n)}: ${errText(e)}\n`);
          status = 1;
        }
        break;
      }
      if (!a.has('p') || !n.includes('/')) break;
      n = n.slice(0, n.lastIndexOf('/'));
      if (n === '' || dirname(n) === n) break;
    }
  }
  return status;
}

export const rmdirInfo: ProgramInfo = { name: 'rmdir', program: rmdir, complete: completeFlags(SPEC) };
