/**
 * less and more: the pager is not interactive here. Files (or stdin) are printed through, as a
 * pager does when stdout is not a terminal; on a terminal the whole text is printed and the pager
 * returns at once instead of waiting for keys.
 */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { readAll } from '../../../engine/runtime/streams';
import { errText, openInput } from '../lib/io';

function pager(name: 'less' | 'more'): ProgramInfo {
  return {
    name,
    program: async (ctx: ProcessContext) => {
      const files = ctx.argv.slice(1).filter((a) => !a.startsWith('-') && !a.startsWith('+'));
      if (files.length === 0) {
        if (ctx.stdin.isTTY) {
          await ctx.stderr.write(name === 'less' ? 'Missing filename ("less --help" for help)\n' : 'more: bad usage\nTry \'more --help\' for more information.\n');
          return 1;
        }
        await ctx.stdout.write(await readAll(ctx.stdin));
        return 0;
      }
      let status = 0;
      for (const f of files) {
        try {
          const data = await readAll(openInput(ctx, f));
          if (files.length > 1 && name === 'more') await ctx.stdout.write(`::::::::::::::\n${f}\n::::::::::::::\n`);
          await ctx.stdout.write(data);
        } catch (e) {
          const msg = errText(e);
          if (name === 'less') await ctx.stderr.write(msg === 'Is a directory' ? `${f} is a directory\n` : `${f}: ${msg}\n`);
          else await ctx.stderr.write(msg === 'Is a directory' ? `\n*** ${f}: directory ***\n\n` : `more: cannot open ${f}: ${msg}\n`);
          status = 1;
        }
      }
      return status;
    },
  };
}

export const lessInfo = pager('less');
export const moreInfo = pager('more');
