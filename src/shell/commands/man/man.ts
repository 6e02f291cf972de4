/** man: the simulated host has no manual pages; say so and point to --help. */
import type { ProgramInfo } from '../../../engine/runtime/programs';

export const manInfo: ProgramInfo = {
  name: 'man',
  program: async (ctx) => {
    const pages = ctx.argv.slice(1).filter((a) => !a.startsWith('-') && !/^\d\w*$/.test(a));
    if (pages.length === 0) {
      await ctx.stderr.write("What manual page do you want?\nFor example, try 'man man'.\n");
      return 1;
    }
    for (const p of pages) {
      await ctx.stderr.write(`No manual entry for ${p}\n`);
    }
    await ctx.stderr.write(`dockyard: manual pages are not installed here; try '${pages[0]} --help'\n`);
    return 16;
  },
};
