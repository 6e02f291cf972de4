/** env [-i] [-u NAME] [-C DIR] [NAME=VALUE]... [COMMAND [ARG]...]; printenv [NAME]... */
import { resolvePath } from '../../../engine/fs/path';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { parse, type ArgSpec } from '../args';
import { errText } from '../lib/io';
import { localeQuote } from '../lib/quote';
import { trySpawn, waitChild } from '../lib/spawn';

const SPEC: ArgSpec = {
  name: 'env',
  usageStatus: 125,
  stopAtOperand: true,
  options: [
    { key: 'i', short: 'i', long: 'ignore-environment' },
    { key: 'u', short: 'u', long: 'unset', arg: 'required' },
    { key: 'C', short: 'C', long: 'chdir', arg: 'required' },
    { key: '0', short: '0', long: 'null' },
    { key: 'S', short: 'S', long: 'split-string', arg: 'required' },
    { key: 'v', short: 'v', long: 'debug' },
  ],
};

async function env(ctx: ProcessContext): Promise<number> {
  // "env -" is "env -i"
  const argv = ctx.argv.map((x, i) => (i > 0 && x === '-' ? '-i' : x));
  const a = await parse({ ...ctx, argv } as ProcessContext, SPEC);
  if (typeof a === 'number') return a;
  const vars = a.has('i') ? new Map<string, string>() : new Map(ctx.env);
  for (const u of a.all('u')) vars.delete(u);
  const ops = [...a.operands];
  const s = a.get('S');
  if (s !== undefined) ops.unshift(...s.split(/\s+/).filter(Boolean));
  while (ops.length && /^[^=]+=/.test(ops[0]!)) {
    const kv = ops.shift()!;
    const eq = kv.indexOf('=');
    vars.set(kv.slice(0, eq), kv.slice(eq + 1));
  }
  if (ops.length === 0) {
    const end = a.has('0') ? '\0' : '\n';
    await ctx.stdout.write([...vars].map(([k, v]) => `${k}=${v}${end}`).join(''));
    return 0;
  }
  const cwd = a.get('C') !== undefined ? resolvePath(ctx.cwd, a.get('C')!) : ctx.cwd;
  // execvp's default search path when PATH is unset
  const lookup = new Map(vars);
  if (!lookup.has('PATH')) lookup.set('PATH', '/bin:/usr/bin');
  const r = trySpawn({ ...ctx, env: lookup } as ProcessContext, ops, { env: vars, cwd });
  if (!r.ok) {
    await ctx.stderr.write(`env: ${localeQuote(ops[0]!)}: ${errText(r.error)}\n`);
    return r.error.code === 'ENOENT' ? 127 : 126;
  }
  return (await waitChild(ctx, r.proc)).status;
}

async function printenv(ctx: ProcessContext): Promise<number> {
  const names = ctx.argv.slice(1).filter((x) => !x.startsWith('-'));
  const end = ctx.argv.includes('-0') || ctx.argv.includes('--null') ? '\0' : '\n';
  if (names.length === 0) {
    await ctx.stdout.write([...ctx.env].map(([k, v]) => `${k}=${v}${end}`).join(''));
    return 0;
  }
  let status = 0;
  for (const n of names) {
    const v = ctx.env.get(n);
    if (v === undefined) status = 1;
    else await ctx.stdout.write(v + end);
  }
  return status;
}

export const envInfo: ProgramInfo = { name: 'env', program: env };
export const printenvInfo: ProgramInfo = { name: 'printenv', program: printenv };
