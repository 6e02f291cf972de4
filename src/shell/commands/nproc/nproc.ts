/** nproc: the simulated host has 4 CPUs. */
import type { ProgramInfo } from '../../../engine/runtime/programs';

export const HOST_CPUS = 4;

export const nprocInfo: ProgramInfo = {
  name: 'nproc',
  program: async (ctx) => {
    await ctx.stdout.write(`${HOST_CPUS}\n`);
    return 0;
  },
};
