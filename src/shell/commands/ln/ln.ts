/** ln [-s -f -n -v -r -T] TARGET [LINK] | TARGET... DIR. Hard links are copies (the FS has no link count). */
import { basename } from '../../../engine/fs/path';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, usageError, type ArgSpec } from '../args';
import { abs, errText } from '../lib/io';
import { quoteAlways } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'ln',
  options: [
    { key: 's', short: 's', long: 'symbolic' },
    { key: 'f', short: 'f', long: 'force' },
    { key: 'n', short: 'n', long: 'no-dereference' },
    { key: 'v', short: 'v', long: 'verbose' },
    { key: 'r', short: 'r', long: 'relative' },
    { key: 'T', short: 'T', long: 'no-target-directory' },
    { key: 'i', short: 'i', long: 'interactive' },
    { key: 't', short: 't', long: 'target-directory', arg: 'required' },
  ],
};

async function ln(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  const ops = a.operands;
  if (ops.length === 0) return usageError(ctx, SPEC, 'missing file operand');
  let pairs: Array<[string, string]>;
  const tdir = a.get('t');
  const isDir = (p: string): boolean => {
    try {
      const full = abs(ctx, p);
      if (a.has('n') && ctx.fs.lstat(full).type === 'symlink') return false;
      return ctx.fs.stat(full).type === 'dir';
    } catch {
      return false;
    }
  };
  const into = (dir: string, t: string): string => `${dir.replace(/\/+$/, '')}/${basename(t)}`;
  if (tdir !== undefined) pairs = ops.map((t) => [t, into(tdir, t)]);
  else if (ops.length === 1) pairs = [[ops[0]!, basename(ops[0]!)]];
  else {
    const last = ops[ops.length - 1]!;
    if (!a.has('T') && isDir(last)) pairs = ops.slice(0, -1).map((t) => [t, into(last, t)]);
    else if (ops.length > 2) {
      await ctx.stderr.write(`ln: target ${quoteAlways(last)} is not a directory\n`);
      return 1;
    } else pairs = [[ops[0]!, last]];
  }
  let status = 0;
  for (const [target, link] of pairs) {
    const lp = abs(ctx, link);
    try {
      if (!a.has('s')) ctx.fs.stat(abs(ctx, target));
    } catch (e) {
      await ctx.stderr.write(`ln: failed to access ${quoteAlways(target)}: ${errText(e)}\n`);
      status = 1;
      continue;
    }
    let exists: boolean;
    try {
      ctx.fs.lstat(lp);
      exists = true;
    } catch {
      exists = false;
    }
    try {
      if (exists) {
        if (!a.has('f')) {
          await ctx.stderr.write(`ln: failed to create ${a.has('s') ? 'symbolic' : 'hard'} link ${quoteAlways(link)}: File exists\n`);
          status = 1;
          continue;
        }
        if (ctx.fs.lstat(lp).type === 'dir') {
          await ctx.stderr.write(`ln: ${quoteAlways(link)}: cannot overwrite directory\n`);
          status = 1;
          continue;
        }
        ctx.fs.unlink(lp);
      }
      if (a.has('s')) ctx.fs.symlink(target, lp);
      else ctx.fs.writeFile(lp, ctx.fs.readFile(abs(ctx, target)), { mode: ctx.fs.stat(abs(ctx, target)).mode });
      if (a.has('v')) await ctx.stdout.write(`${quoteAlways(link)} ${a.has('s') ? '->' : '=>'} ${quoteAlways(target)}\n`);
    } catch (e) {
      await ctx.stderr.write(`ln: failed to create ${a.has('s') ? 'symbolic' : 'hard'} link ${quoteAlways(link)}: ${errText(e)}\n`);
      status = 1;
    }
  }
  return status;
}

export const lnInfo: ProgramInfo = { name: 'ln', program: ln, complete: completeFlags(SPEC) };
