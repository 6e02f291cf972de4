/** nl [-b a|t|n] [-n ln|rn|rz] [-w N] [-s SEP] [-v N] [-i N]. */
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, type ArgSpec } from '../args';
import { Out } from '../lib/io';
import { eachLine } from '../lib/simple';

const SPEC: ArgSpec = {
  name: 'nl',
  options: [
    { key: 'b', short: 'b', long: 'body-numbering', arg: 'required' },
    { key: 'n', short: 'n', long: 'number-format', arg: 'required' },
    { key: 'w', short: 'w', long: 'number-width', arg: 'required' },
    { key: 's', short: 's', long: 'number-separator', arg: 'required' },
    { key: 'v', short: 'v', long: 'starting-line-number', arg: 'required' },
    { key: 'i', short: 'i', long: 'line-increment', arg: 'required' },
  ],
};

export const nlInfo: ProgramInfo = {
  name: 'nl',
  complete: completeFlags(SPEC),
  program: async (ctx) => {
    const a = await parse(ctx, SPEC);
    if (typeof a === 'number') return a;
    const style = a.get('b') ?? 't';
    const fmt = a.get('n') ?? 'rn';
    const width = Number(a.get('w') ?? 6);
    const sep = a.get('s') ?? '\t';
    let n = Number(a.get('v') ?? 1);
    const inc = Number(a.get('i') ?? 1);
    const re = style.startsWith('p') ? new RegExp(style.slice(1)) : undefined;
    const out = new Out(ctx.stdout);
    return eachLine(ctx, 'nl', a.operands, out, (l, nl) => {
      const number = style === 'a' || (style === 't' && l !== '') || (re !== undefined && re.test(l));
      if (number) {
        const s = String(n);
        const num = fmt === 'ln' ? s.padEnd(width) : fmt === 'rz' ? s.padStart(width, '0') : s.padStart(width);
        out.write(num + sep + l + (nl ? '\n' : ''));
        n += inc;
      } else out.write(' '.repeat(width + sep.length) + l + (nl ? '\n' : ''));
    });
  },
};
