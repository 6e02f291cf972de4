/** id [-u -g -G -n -r] [USER]: uid=1000(learner) gid=1000(learner) groups=... */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, usageError, type ArgSpec } from '../args';
import { localeQuote } from '../lib/quote';
import { UserDb } from '../lib/users';

const SPEC: ArgSpec = {
  name: 'id',
  options: [
    { key: 'u', short: 'u', long: 'user' },
    { key: 'g', short: 'g', long: 'group' },
    { key: 'G', short: 'G', long: 'groups' },
    { key: 'n', short: 'n', long: 'name' },
    { key: 'r', short: 'r', long: 'real' },
    { key: 'z', short: 'z', long: 'zero' },
    { key: 'a', short: 'a' },
  ],
};

/** The identity of a user: from the process for the current user, else from /etc files. */
export function identity(ctx: ProcessContext, db: UserDb, user?: string): { uid: number; gid: number; groups: number[] } | undefined {
  if (user === undefined) {
    const g = [ctx.user.gid, ...ctx.user.groups.filter((x) => x !== ctx.user.gid)];
    return { uid: ctx.user.uid, gid: ctx.user.gid, groups: g };
  }
  const e = /^\d+$/.test(user) ? db.user(Number(user)) : db.userByName(user);
  if (!e) return undefined;
  const extra = db.groupsOf(e.name).map((g) => g.gid).filter((g) => g !== e.gid);
  return { uid: e.uid, gid: e.gid, groups: [e.gid, ...extra] };
}

async function id(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  if (a.operands.length > 1) return usageError(ctx, SPEC, `extra operand ${localeQuote(a.operands[1]!)}`);
  const db = new UserDb(ctx.fs);
  const who = identity(ctx, db, a.operands[0]);
  if (!who) {
    await ctx.stderr.write(`id: ${localeQuote(a.operands[0]!)}: no such user\n`);
    return 1;
  }
  const uname = (u: number): string => db.userName(u) ?? String(u);
  const gname = (g: number): string => db.groupName(g) ?? String(g);
  const n = a.has('n');
  let out: string;
  if (a.has('u')) out = n ? uname(who.uid) : String(who.uid);
  else if (a.has('g')) out = n ? gname(who.gid) : String(who.gid);
  else if (a.has('G')) out = who.groups.map((g) => (n ? gname(g) : String(g))).join(' ');
  else {
    if (n) {
      await ctx.stderr.write('id: cannot print only names or real IDs in default format\n');
      return 1;
    }
    const ug = (num: number, name: string | undefined): string => (name === undefined ? String(num) : `${num}(${name})`);
    out = `uid=${ug(who.uid, db.userName(who.uid))} gid=${ug(who.gid, db.groupName(who.gid))} groups=${who.groups.map((g) => ug(g, db.groupName(g))).join(',')}`;
  }
  await ctx.stdout.write(`${out}\n`);
  return 0;
}

export const idInfo: ProgramInfo = { name: 'id', program: id, complete: completeFlags(SPEC) };
