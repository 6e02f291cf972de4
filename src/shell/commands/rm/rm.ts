/** rm -r -f -i -v -d, refusing "/" and "." / "..", with GNU's messages. */
import { isSysError } from '../../../engine/core/errors';
import type { Stat } from '../../../engine/fs/types';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, usageError, type ArgSpec } from '../args';
import { abs, ask, errText, fileKind } from '../lib/io';
import { quoteAlways } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'rm',
  options: [
    { key: 'f', short: 'f', long: 'force' },
    { key: 'i', short: 'i' },
    { key: 'I', short: 'I' },
    { key: 'r', short: 'r', long: 'recursive' },
    { key: 'r', short: 'R' },
    { key: 'd', short: 'd', long: 'dir' },
    { key: 'v', short: 'v', long: 'verbose' },
    { key: 'noPreserveRoot', long: 'no-preserve-root' },
    { key: 'preserveRoot', long: 'preserve-root' },
  ],
};

async function rm(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  const force = a.lastOf('f', 'i') === 'f';
  const interactive = a.lastOf('f', 'i') === 'i';
  if (a.operands.length === 0) {
    if (force) return 0;
    return usageError(ctx, SPEC, 'missing operand');
  }
  const recursive = a.has('r');
  let status = 0;
  const fail = async (msg: string): Promise<void> => {
    await ctx.stderr.write(`rm: ${msg}\n`);
    status = 1;
  };

  /** Asks first with -i, then removes with `op` and says so with -v. */
  const removeEntry = async (name: string, question: string, done: string, op: () => void): Promise<boolean> => {
    if (interactive && !(await ask(ctx, `rm: ${question} ${quoteAlways(name)}? `))) return false;
    try {
      op();
      if (a.has('v')) await ctx.stdout.write(`${done} ${quoteAlways(name)}\n`);
      return true;
    } catch (e) {
      await fail(`cannot remove ${quoteAlways(name)}: ${errText(e)}`);
      return false;
    }
  };

  const remove = async (name: string, path: string, st: Stat): Promise<boolean> => {
    await ctx.checkpoint();
    if (st.type === 'dir') {
      if (!recursive) {
        if (a.has('d')) return removeEntry(name, 'remove directory', 'removed directory', () => ctx.fs.rmdir(path));
        await fail(`cannot remove ${quoteAlways(name)}: Is a directory`);
        return false;
      }
      let children: string[];
      try {
        children = ctx.fs.readdir(path).map((d) => d.name);
      } catch (e) {
        await fail(`cannot remove ${quoteAlways(name)}: ${errText(e)}`);
        return false;
      }
      if (interactive && children.length > 0 && !(await ask(ctx, `rm: descend into directory ${quoteAlways(name)}? `))) return false;
      for (const c of children) {
        const cp = path === '/' ? `/${c}` : `${path}/${c}`;
        const cn = name.endsWith('/') ? `${name}${c}` : `${name}/${c}`;
        let cst: Stat;
        try {
          cst = ctx.fs.lstat(cp);
        } catch {
          continue;
        }
        await remove(cn, cp, cst);
      }
      return removeEntry(name, 'remove directory', 'removed directory', () => ctx.fs.rmdir(path));
    }
    return removeEntry(name, `remove ${fileKind(st)}`, 'removed', () => ctx.fs.unlink(path));
  };

  for (const name of a.operands) {
    const path = abs(ctx, name);
    const base = name.replace(/\/+$/, '').split('/').pop();
    if (base === '.' || base === '..') {
      await fail(`refusing to remove '.' or '..' directory: skipping ${quoteAlways(name)}`);
      continue;
    }
    if (recursive && path === '/' && !a.has('noPreserveRoot')) {
      await fail(`it is dangerous to operate recursively on ${quoteAlways('/')}\nrm: use --no-preserve-root to override this failsafe`);
      continue;
    }
    let st: Stat;
    try {
      st = ctx.fs.lstat(path);
    } catch (e) {
      if (force && isSysError(e, 'ENOENT')) continue;
      await fail(`cannot remove ${quoteAlways(name)}: ${errText(e)}`);
      continue;
    }
    await remove(name, path, st);
  }
  return status;
}

export const rmInfo: ProgramInfo = { name: 'rm', program: rm, complete: completeFlags(SPEC) };
