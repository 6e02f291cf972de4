/** mv -v -i -n -f -T -t, with GNU's messages. */
import type { Stat } from '../../../engine/fs/types';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, type ArgSpec } from '../args';
import { targets } from '../cp/cp';
import { abs, ask, errText } from '../lib/io';
import { quoteAlways } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'mv',
  options: [
    { key: 'v', short: 'v', long: 'verbose' },
    { key: 'i', short: 'i', long: 'interactive' },
    { key: 'n', short: 'n', long: 'no-clobber' },
    { key: 'f', short: 'f', long: 'force' },
    { key: 'u', short: 'u', long: 'update' },
    { key: 'T', short: 'T', long: 'no-target-directory' },
    { key: 't', short: 't', long: 'target-directory', arg: 'required' },
  ],
};

async function mv(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  const pairs = await targets(ctx, SPEC, a);
  if (typeof pairs === 'number') return pairs;
  const mode = a.lastOf('i', 'n', 'f');
  let status = 0;
  const fail = async (msg: string): Promise<void> => {
    await ctx.stderr.write(`mv: ${msg}\n`);
    status = 1;
  };
  for (const p of pairs) {
    const src = abs(ctx, p.src);
    const dst = abs(ctx, p.dst);
    let st: Stat;
    try {
      st = ctx.fs.lstat(src);
    } catch (e) {
      await fail(`cannot stat ${quoteAlways(p.src)}: ${errText(e)}`);
      continue;
    }
    let dst0: Stat | undefined;
    try {
      dst0 = ctx.fs.lstat(dst);
    } catch {
      dst0 = undefined;
    }
    if (dst0) {
      let same: boolean;
      try {
        same = ctx.fs.realpath(src) === ctx.fs.realpath(dst) || (dst0.ino === st.ino && src === dst);
      } catch {
        same = false;
      }
      if (same) {
        await fail(`${quoteAlways(p.src)} and ${quoteAlways(p.dstName)} are the same file`);
        continue;
      }
      if (st.type === 'dir' && dst0.type !== 'dir') {
        await fail(`cannot overwrite non-directory ${quoteAlways(p.dstName)} with directory ${quoteAlways(p.src)}`);
        continue;
      }
      if (st.type !== 'dir' && dst0.type === 'dir') {
        await fail(`cannot overwrite directory ${quoteAlways(p.dstName)} with non-directory`);
        continue;
      }
      if (mode === 'n') continue;
      if (a.has('u') && dst0.mtime >= st.mtime) continue;
      if (mode === 'i' && !(await ask(ctx, `mv: overwrite ${quoteAlways(p.dstName)}? `))) continue;
    }
    if (st.type === 'dir' && (dst + '/').startsWith(src + '/')) {
      await fail(`cannot move ${quoteAlways(p.src)} to a subdirectory of itself, ${quoteAlways(p.dstName)}`);
      continue;
    }
    try {
      if (dst0 && dst0.type !== 'dir') ctx.fs.unlink(dst);
      ctx.fs.rename(src, dst);
      if (a.has('v')) await ctx.stdout.write(`renamed ${quoteAlways(p.src)} -> ${quoteAlways(p.dstName)}\n`);
    } catch (e) {
      await fail(`cannot move ${quoteAlways(p.src)} to ${quoteAlways(p.dstName)}: ${errText(e)}`);
    }
  }
  return status;
}

export const mvInfo: ProgramInfo = { name: 'mv', program: mv, complete: completeFlags(SPEC) };
