/** yes [STRING...]: repeats until its reader goes away (the write fails with EPIPE -> SIGPIPE). */
import type { ProgramInfo } from '../../../engine/runtime/programs';

export const yesInfo: ProgramInfo = {
  name: 'yes',
  program: async (ctx) => {
    const line = `${ctx.argv.length > 1 ? ctx.argv.slice(1).join(' ') : 'y'}\n`;
    const block = line.repeat(Math.max(1, Math.floor(4096 / line.length)));
    for (;;) {
      await ctx.stdout.write(block);
      await ctx.checkpoint();
    }
  },
};
