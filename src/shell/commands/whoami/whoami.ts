/** whoami: the effective user's name from /etc/passwd. */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { parse, usageError, type ArgSpec } from '../args';
import { localeQuote } from '../lib/quote';
import { UserDb } from '../lib/users';

const SPEC: ArgSpec = { name: 'whoami', options: [] };

async function whoami(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  if (a.operands.length) return usageError(ctx, SPEC, `extra operand ${localeQuote(a.operands[0]!)}`);
  const name = new UserDb(ctx.fs).userName(ctx.user.uid);
  if (name === undefined) {
    await ctx.stderr.write(`whoami: cannot find name for user ID ${ctx.user.uid}\n`);
    return 1;
  }
  await ctx.stdout.write(`${name}\n`);
  return 0;
}

export const whoamiInfo: ProgramInfo = { name: 'whoami', program: whoami };
