/** clear: home, erase the screen and the scrollback, as ncurses' clear does on xterm. */
import type { ProgramInfo } from '../../../engine/runtime/programs';

export const clearInfo: ProgramInfo = {
  name: 'clear',
  program: async (ctx) => {
    await ctx.stdout.write(ctx.argv.includes('-x') ? '\x1b[H\x1b[2J' : '\x1b[H\x1b[2J\x1b[3J');
    return 0;
  },
};
