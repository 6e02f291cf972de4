/** fold [-w WIDTH] [-s] [-b]: wraps lines. */
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { parse, type ArgSpec } from '../args';
import { Out } from '../lib/io';
import { eachLine } from '../lib/simple';

const SPEC: ArgSpec = {
  name: 'fold',
  numericFirst: 'w',
  options: [
    { key: 'w', short: 'w', long: 'width', arg: 'required' },
    { key: 's', short: 's', long: 'spaces' },
    { key: 'b', short: 'b', long: 'bytes' },
  ],
};

export const foldInfo: ProgramInfo = {
  name: 'fold',
  program: async (ctx) => {
    const a = await parse(ctx, SPEC);
    if (typeof a === 'number') return a;
    const w = Number(a.get('w') ?? 80);
    const out = new Out(ctx.stdout);
    return eachLine(ctx, 'fold', a.operands, out, (l, nl) => {
      let rest = l;
      while ([...rest].length > w) {
        let cut = w;
        if (a.has('s')) {
          const sp = rest.slice(0, w).lastIndexOf(' ');
          if (sp >= 0) cut = sp + 1;
        }
        out.write(rest.slice(0, cut) + '\n');
        rest = rest.slice(cut);
      }
      out.write(rest + (nl ? '\n' : ''));
    });
  },
};
