/** groups [USER]...: group names; with users, "user : groups". */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { parse, type ArgSpec } from '../args';
import { identity } from '../id/id';
import { localeQuote } from '../lib/quote';
import { UserDb } from '../lib/users';

const SPEC: ArgSpec = { name: 'groups', options: [] };

async function groups(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  const db = new UserDb(ctx.fs);
  const names = (gs: number[]): string => gs.map((g) => db.groupName(g) ?? String(g)).join(' ');
  if (a.operands.length === 0) {
    await ctx.stdout.write(`${names(identity(ctx, db)!.groups)}\n`);
    return 0;
  }
  let status = 0;
  for (const u of a.operands) {
    const who = identity(ctx, db, u);
    if (!who) {
      await ctx.stderr.write(`groups: ${localeQuote(u)}: no such user\n`);
      status = 1;
      continue;
    }
    await ctx.stdout.write(`${u} : ${names(who.groups)}\n`);
  }
  return status;
}

export const groupsInfo: ProgramInfo = { name: 'groups', program: groups };
