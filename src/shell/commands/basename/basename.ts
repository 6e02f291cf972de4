/** basename NAME [SUFFIX] | -a -s SUFFIX -z NAME... */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { parse, usageError, type ArgSpec } from '../args';
import { quoteAlways } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'basename',
  options: [
    { key: 'a', short: 'a', long: 'multiple' },
    { key: 's', short: 's', long: 'suffix', arg: 'required' },
    { key: 'z', short: 'z', long: 'zero' },
  ],
};

export function baseOf(name: string, suffix?: string): string {
  let s = name.replace(/\/+$/, '');
  if (s === '') return name.startsWith('/') ? '/' : '';
  s = s.slice(s.lastIndexOf('/') + 1);
  if (suffix && s !== suffix && s.endsWith(suffix)) s = s.slice(0, -suffix.length);
  return s;
}

async function basename(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  const ops = a.operands;
  if (ops.length === 0) return usageError(ctx, SPEC, 'missing operand');
  const end = a.has('z') ? '\0' : '\n';
  const multiple = a.has('a') || a.has('s');
  if (!multiple && ops.length > 2) return usageError(ctx, SPEC, `extra operand ${quoteAlways(ops[2]!)}`);
  const suffix = a.get('s') ?? (!multiple ? ops[1] : undefined);
  const names = multiple ? ops : [ops[0]!];
  await ctx.stdout.write(names.map((n) => baseOf(n, suffix) + end).join(''));
  return 0;
}

export const basenameInfo: ProgramInfo = { name: 'basename', program: basename };
