/** uname -a -s -n -r -v -m -p -i -o, with the kernel version of engine/core/versions.ts. */
import { versions } from '../../../engine/core/versions';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, usageError, type ArgSpec } from '../args';
import { hostName } from '../hostname/hostname';
import { localeQuote } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'uname',
  options: [
    { key: 'a', short: 'a', long: 'all' },
    { key: 's', short: 's', long: 'kernel-name' },
    { key: 'n', short: 'n', long: 'nodename' },
    { key: 'r', short: 'r', long: 'kernel-release' },
    { key: 'v', short: 'v', long: 'kernel-version' },
    { key: 'm', short: 'm', long: 'machine' },
    { key: 'p', short: 'p', long: 'processor' },
    { key: 'i', short: 'i', long: 'hardware-platform' },
    { key: 'o', short: 'o', long: 'operating-system' },
    { key: 'version', long: 'version' },
  ],
};

async function uname(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  if (a.has('version')) {
    await ctx.stdout.write('uname (GNU coreutils) 9.1\n');
    return 0;
  }
  if (a.operands.length) return usageError(ctx, SPEC, `extra operand ${localeQuote(a.operands[0]!)}`);
  const all = a.has('a');
  const parts: string[] = [];
  const any = ['s', 'n', 'r', 'v', 'm', 'p', 'i', 'o'].some((k) => a.has(k));
  if (all || a.has('s') || !any) parts.push('Linux');
  if (all || a.has('n')) parts.push(hostName(ctx));
  if (all || a.has('r')) parts.push(versions.kernel);
  if (all || a.has('v')) parts.push(versions.kernelBuild);
  if (all || a.has('m')) parts.push('x86_64');
  if (a.has('p')) parts.push('unknown');
  if (a.has('i')) parts.push('unknown');
  if (all || a.has('o')) parts.push('GNU/Linux');
  await ctx.stdout.write(`${parts.join(' ')}\n`);
  return 0;
}

export const unameInfo: ProgramInfo = { name: 'uname', program: uname, complete: completeFlags(SPEC) };
