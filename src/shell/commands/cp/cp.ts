/** cp -r -a -p -v -i -n -f -L -P -T -t, copying into a directory or onto a name. */
import { isSysError, SysError } from '../../../engine/core/errors';
import { basename } from '../../../engine/fs/path';
import type { Stat } from '../../../engine/fs/types';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, usageError, type ArgSpec, type Parsed } from '../args';
import { abs, ask, errText } from '../lib/io';
import { quoteAlways } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'cp',
  options: [
    { key: 'a', short: 'a', long: 'archive' },
    { key: 'r', short: 'r', long: 'recursive' },
    { key: 'r', short: 'R' },
    { key: 'p', short: 'p' },
    { key: 'v', short: 'v', long: 'verbose' },
    { key: 'i', short: 'i', long: 'interactive' },
    { key: 'n', short: 'n', long: 'no-clobber' },
    { key: 'f', short: 'f', long: 'force' },
    { key: 'u', short: 'u', long: 'update' },
    { key: 'L', short: 'L', long: 'dereference' },
    { key: 'P', short: 'P', long: 'no-dereference' },
    { key: 'd', short: 'd' },
    { key: 'T', short: 'T', long: 'no-target-directory' },
    { key: 't', short: 't', long: 'target-directory', arg: 'required' },
    { key: 's', short: 's', long: 'symbolic-link' },
    { key: 'preserve', long: 'preserve', arg: 'optional' },
  ],
};

/** Resolves sources and destination the way cp and mv share; returns pairs or an exit status. */
export async function targets(
  ctx: ProcessContext,
  spec: ArgSpec,
  a: Parsed,
): Promise<Array<{ src: string; dst: string; dstName: string }> | number> {
  const ops = a.operands;
  const tdir = a.get('t');
  if (tdir !== undefined) {
    if (ops.length === 0) return usageError(ctx, spec, 'missing file operand');
    const p = abs(ctx, tdir);
    if (!ctx.fs.exists(p) || ctx.fs.stat(p).type !== 'dir') {
      await ctx.stderr.write(`${spec.name}: target directory ${quoteAlways(tdir)}: ${ctx.fs.exists(p) ? 'Not a directory' : 'No such file or directory'}\n`);
      return 1;
    }
    return ops.map((s) => ({ src: s, dst: joinDst(tdir, basename(s)), dstName: joinDst(tdir, basename(s)) }));
  }
  if (ops.length === 0) return usageError(ctx, spec, 'missing file operand');
  if (ops.length === 1) return usageError(ctx, spec, `missing destination file operand after ${quoteAlways(ops[0]!)}`);
  const dest = ops[ops.length - 1]!;
  const srcs = ops.slice(0, -1);
  const dp = abs(ctx, dest);
  let destIsDir: boolean;
  try {
    destIsDir = ctx.fs.stat(dp).type === 'dir';
  } catch {
    destIsDir = false;
  }
  if (a.has('T')) {
    if (srcs.length > 1) return usageError(ctx, spec, `extra operand ${quoteAlways(ops[2]!)}`);
    return [{ src: srcs[0]!, dst: dest, dstName: dest }];
  }
  if (srcs.length > 1 && !destIsDir) {
    const exists = ctx.fs.exists(dp);
    await ctx.stderr.write(`${spec.name}: target ${quoteAlways(dest)}: ${exists ? 'Not a directory' : 'No such file or directory'}\n`);
    return 1;
  }
  if (destIsDir) return srcs.map((s) => ({ src: s, dst: joinDst(dest, basename(s)), dstName: joinDst(dest, basename(s)) }));
  return [{ src: srcs[0]!, dst: dest, dstName: dest }];
}

function joinDst(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

async function cp(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  const pairs = await targets(ctx, SPEC, a);
  if (typeof pairs === 'number') return pairs;
  const recursive = a.has('r') || a.has('a');
  const preserve = a.has('a') || a.has('p') || a.has('preserve');
  const noDeref = a.has('a') || a.has('d') || a.has('P') || (recursive && !a.has('L'));
  const mode = a.lastOf('i', 'n', 'f');
  const root = ctx.user.uid === 0;
  let status = 0;
  const fail = async (msg: string): Promise<void> => {
    await ctx.stderr.write(`cp: ${msg}\n`);
    status = 1;
  };

  const copy = async (srcName: string, src: string, dstName: string, dst: string, top: boolean): Promise<void> => {
    await ctx.checkpoint();
    let st: Stat;
    try {
      st = noDeref && !(top && a.has('H')) ? ctx.fs.lstat(src) : ctx.fs.stat(src);
    } catch (e) {
      await fail(`cannot stat ${quoteAlways(srcName)}: ${errText(e)}`);
      return;
    }
    let dst0: Stat | undefined;
    try {
      dst0 = ctx.fs.stat(dst);
    } catch {
      dst0 = undefined;
    }
    if (st.type === 'dir') {
      if (!recursive) {
        await fail(`-r not specified; omitting directory ${quoteAlways(srcName)}`);
        return;
      }
      const realSrc = ctx.fs.realpath(src);
      const dstParent = dst0 ? ctx.fs.realpath(dst) : dst;
      // GNU copies the tree as it was, then reports the loop
      const intoItself = (dstParent + '/').startsWith(realSrc + '/');
      if (dst0 && dst0.type !== 'dir') {
        await fail(`cannot overwrite non-directory ${quoteAlways(dstName)} with directory ${quoteAlways(srcName)}`);
        return;
      }
      const children = ctx.fs.readdir(src);
      try {
        if (!dst0) ctx.fs.mkdir(dst, { mode: preserve ? st.mode : st.mode & ~0o022 });
      } catch (e) {
        await fail(`cannot create directory ${quoteAlways(dstName)}: ${errText(e)}`);
        return;
      }
      if (a.has('v') && !dst0) await ctx.stdout.write(`${quoteAlways(srcName)} -> ${quoteAlways(dstName)}\n`);
      for (const d of children) {
        if (intoItself && joinDst(src, d.name) === dst) continue;
        await copy(joinDst(srcName, d.name), joinDst(src, d.name), joinDst(dstName, d.name), joinDst(dst, d.name), false);
      }
      if (preserve) finish(dst, st);
      if (intoItself) await fail(`cannot copy a directory, ${quoteAlways(srcName)}, into itself, ${quoteAlways(dstName)}`);
      return;
    }
    if (dst0) {
      try {
        if (ctx.fs.realpath(dst) === ctx.fs.realpath(src)) {
          await fail(`${quoteAlways(srcName)} and ${quoteAlways(dstName)} are the same file`);
          return;
        }
      } catch {
        // ignore
      }
      if (dst0.type === 'dir') {
        await fail(`cannot overwrite directory ${quoteAlways(dstName)} with non-directory`);
        return;
      }
      if (mode === 'n') return;
      if (a.has('u') && dst0.mtime >= st.mtime) return;
      if (mode === 'i' && !(await ask(ctx, `cp: overwrite ${quoteAlways(dstName)}? `))) return;
    }
    try {
      if (st.type === 'symlink') {
        if (dst0) ctx.fs.unlink(dst);
        ctx.fs.symlink(ctx.fs.readlink(src), dst);
      } else {
        const data = ctx.fs.readFile(src);
        try {
          ctx.fs.writeFile(dst, data, { mode: preserve ? st.mode : st.mode & ~0o022 });
        } catch (e) {
          if (mode === 'f' && isSysError(e, 'EACCES')) {
            ctx.fs.unlink(dst);
            ctx.fs.writeFile(dst, data, { mode: st.mode & ~0o022 });
          } else throw e;
        }
        if (preserve) finish(dst, st);
      }
      if (a.has('v')) await ctx.stdout.write(`${quoteAlways(srcName)} -> ${quoteAlways(dstName)}\n`);
    } catch (e) {
      if (isSysError(e) && e.path === abs(ctx, src)) await fail(`cannot open ${quoteAlways(srcName)} for reading: ${errText(e)}`);
      else if (isSysError(e) && (e.code === 'ENOENT' || e.code === 'ENOTDIR')) await fail(`cannot create regular file ${quoteAlways(dstName)}: ${errText(e)}`);
      else await fail(`cannot create regular file ${quoteAlways(dstName)}: ${errText(e)}`);
    }
  };

  const finish = (dst: string, st: Stat): void => {
    try {
      ctx.fs.chmod(dst, st.mode);
      ctx.fs.utimes(dst, st.mtime);
      if (root) ctx.fs.chown(dst, st.uid, st.gid);
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
    }
  };

  for (const p of pairs) await copy(p.src, abs(ctx, p.src), p.dstName, abs(ctx, p.dst), true);
  return status;
}

export const cpInfo: ProgramInfo = { name: 'cp', program: cp, complete: completeFlags(SPEC) };
