/** rev: reverses the characters of each line. */
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { Out } from '../lib/io';
import { eachLine } from '../lib/simple';

export const revInfo: ProgramInfo = {
  name: 'rev',
  program: async (ctx) => {
    const out = new Out(ctx.stdout);
    return eachLine(ctx, 'rev', ctx.argv.slice(1), out, (l, nl) => out.write([...l].reverse().join('') + (nl ? '\n' : '')));
  },
};
