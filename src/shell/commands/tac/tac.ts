/** tac: prints files last line first. */
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { Out } from '../lib/io';
import { eachLine } from '../lib/simple';

export const tacInfo: ProgramInfo = {
  name: 'tac',
  program: async (ctx) => {
    let status = 0;
    const files = ctx.argv.slice(1);
    for (const f of files.length ? files : ['-']) {
      const lines: Array<[string, boolean]> = [];
      const sink = new Out({ isTTY: false, write: () => Promise.resolve(), close: () => {} });
      status |= await eachLine(ctx, 'tac', [f], sink, (l, nl) => lines.push([l, nl]));
      let text = '';
      for (let i = lines.length - 1; i >= 0; i--) text += lines[i]![0] + (lines[i]![1] || i < lines.length - 1 ? '\n' : '');
      // GNU tac glues a last line without newline to the next one, as here
      await ctx.stdout.write(text);
    }
    return status;
  },
};
