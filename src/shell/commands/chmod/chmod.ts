/** chmod [-R -v -c -f] MODE[,MODE]... FILE... (octal and symbolic), chown [-R -v] OWNER[:GROUP] FILE... */
import { isSysError } from '../../../engine/core/errors';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, helpOrVersion, parseArgs, usageError, type ArgSpec } from '../args';
import { abs, errText } from '../lib/io';
import { applyMode } from '../lib/mode';
import { localeQuote, quoteAlways } from '../lib/quote';
import { UserDb } from '../lib/users';
import { modeString } from '../ls/ls';

const SPEC: ArgSpec = {
  name: 'chmod',
  options: [
    { key: 'R', short: 'R', long: 'recursive' },
    { key: 'v', short: 'v', long: 'verbose' },
    { key: 'c', short: 'c', long: 'changes' },
    { key: 'f', short: 'f', long: ['silent', 'quiet'] },
    { key: 'reference', long: 'reference', arg: 'required' },
  ],
};

async function chmod(ctx: ProcessContext): Promise<number> {
  const hv = await helpOrVersion(ctx, SPEC);
  if (hv !== undefined) return hv;
  // a mode like -w or -x looks like an option: take it as the mode when it parses as one
  const raw = ctx.argv.slice(1);
  let modeArg: string | undefined;
  const rest: string[] = [];
  for (const x of raw) {
    if (modeArg === undefined && /^-[rwxXst]+$/.test(x) && !/^-[Rvcf]+$/.test(x)) modeArg = x;
    else rest.push(x);
  }
  const r = parseArgs(SPEC, rest);
  if (!r.ok) {
    await ctx.stderr.write(r.message);
    return 1;
  }
  const a = r.args;
  const ops = [...a.operands];
  if (modeArg === undefined && a.get('reference') === undefined) modeArg = ops.shift();
  if (modeArg === undefined) return usageError(ctx, SPEC, 'missing operand');
  if (ops.length === 0) return usageError(ctx, SPEC, `missing operand after ${localeQuote(modeArg)}`);
  if (applyMode(modeArg, 0o644, false) === undefined) return usageError(ctx, SPEC, `invalid mode: ${localeQuote(modeArg)}`);
  let status = 0;
  const visit = async (name: string, path: string, top: boolean): Promise<void> => {
    await ctx.checkpoint();
    try {
      const st = top ? ctx.fs.stat(path) : ctx.fs.lstat(path);
      if (st.type === 'symlink') return;
      const next = applyMode(modeArg, st.mode, st.type === 'dir')!;
      ctx.fs.chmod(path, next);
      const desc = (m: number): string => `${m.toString(8).padStart(4, '0')} (${modeString({ type: 'file', mode: m }).slice(1)})`;
      if (next !== st.mode && (a.has('v') || a.has('c'))) await ctx.stdout.write(`mode of ${quoteAlways(name)} changed from ${desc(st.mode)} to ${desc(next)}\n`);
      else if (next === st.mode && a.has('v')) await ctx.stdout.write(`mode of ${quoteAlways(name)} retained as ${desc(st.mode)}\n`);
      if (a.has('R') && st.type === 'dir') for (const d of ctx.fs.readdir(path)) await visit(`${name.replace(/\/$/, '')}/${d.name}`, `${path === '/' ? '' : path}/${d.name}`, false);
    } catch (e) {
      if (!isSysError(e)) throw e;
      status = 1;
      if (a.has('f')) return;
      if (e.code === 'ENOENT' || e.code === 'ENOTDIR') await ctx.stderr.write(`chmod: cannot access ${quoteAlways(name)}: ${errText(e)}\n`);
      else await ctx.stderr.write(`chmod: changing permissions of ${quoteAlways(name)}: ${errText(e)}\n`);
    }
  };
  for (const op of ops) await visit(op, abs(ctx, op), true);
  return status;
}

const CHOWN: ArgSpec = {
  name: 'chown',
  options: [
    { key: 'R', short: 'R', long: 'recursive' },
    { key: 'v', short: 'v', long: 'verbose' },
    { key: 'c', short: 'c', long: 'changes' },
    { key: 'f', short: 'f', long: ['silent', 'quiet'] },
    { key: 'h', short: 'h', long: 'no-dereference' },
  ],
};

async function chown(ctx: ProcessContext): Promise<number> {
  const hv = await helpOrVersion(ctx, CHOWN);
  if (hv !== undefined) return hv;
  const r = parseArgs(CHOWN, ctx.argv.slice(1));
  if (!r.ok) {
    await ctx.stderr.write(r.message);
    return 1;
  }
  const a = r.args;
  const ops = [...a.operands];
  const spec = ops.shift();
  if (spec === undefined) return usageError(ctx, CHOWN, 'missing operand');
  if (ops.length === 0) return usageError(ctx, CHOWN, `missing operand after ${localeQuote(spec)}`);
  const db = new UserDb(ctx.fs);
  const [u, g] = spec.split(/[:.]/, 2) as [string, string | undefined];
  let uid: number | undefined;
  let gid: number | undefined;
  if (u !== '') {
    const e = /^\d+$/.test(u) ? { uid: Number(u), gid: Number(u) } : db.userByName(u);
    if (!e) {
      await ctx.stderr.write(`chown: invalid user: ${localeQuote(spec)}\n`);
      return 1;
    }
    uid = e.uid;
    if (g === '') gid = e.gid;
  }
  if (g !== undefined && g !== '') {
    const e = /^\d+$/.test(g) ? { gid: Number(g) } : db.groupByName(g);
    if (!e) {
      await ctx.stderr.write(`chown: invalid group: ${localeQuote(spec)}\n`);
      return 1;
    }
    gid = e.gid;
  }
  let status = 0;
  const visit = async (name: string, path: string): Promise<void> => {
    try {
      const st = ctx.fs.stat(path);
      ctx.fs.chown(path, uid ?? st.uid, gid ?? st.gid);
      if (a.has('v')) await ctx.stdout.write(`ownership of ${quoteAlways(name)} retained as ${spec}\n`);
      if (a.has('R') && st.type === 'dir') for (const d of ctx.fs.readdir(path)) await visit(`${name.replace(/\/$/, '')}/${d.name}`, `${path === '/' ? '' : path}/${d.name}`);
    } catch (e) {
      if (!isSysError(e)) throw e;
      status = 1;
      if (a.has('f')) return;
      if (e.code === 'ENOENT') await ctx.stderr.write(`chown: cannot access ${quoteAlways(name)}: ${errText(e)}\n`);
      else await ctx.stderr.write(`chown: changing ownership of ${quoteAlways(name)}: ${errText(e)}\n`);
    }
  };
  for (const op of ops) await visit(op, abs(ctx, op));
  return status;
}

export const chmodInfo: ProgramInfo = { name: 'chmod', program: chmod, complete: completeFlags(SPEC) };
export const chownInfo: ProgramInfo = { name: 'chown', program: chown, complete: completeFlags(CHOWN) };
