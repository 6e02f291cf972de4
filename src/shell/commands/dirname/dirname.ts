/** dirname NAME... */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { parse, usageError, type ArgSpec } from '../args';

const SPEC: ArgSpec = { name: 'dirname', options: [{ key: 'z', short: 'z', long: 'zero' }] };

export function dirOf(name: string): string {
  const s = name.replace(/\/+$/, '');
  if (s === '') return name.startsWith('/') ? '/' : '.';
  const i = s.lastIndexOf('/');
  if (i < 0) return '.';
  const d = s.slice(0, i).replace(/\/+$/, '');
  return d === '' ? '/' : d;
}

async function dirname(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  if (a.operands.length === 0) return usageError(ctx, SPEC, 'missing operand');
  const end = a.has('z') ? '\0' : '\n';
  await ctx.stdout.write(a.operands.map((n) => dirOf(n) + end).join(''));
  return 0;
}

export const dirnameInfo: ProgramInfo = { name: 'dirname', program: dirname };
