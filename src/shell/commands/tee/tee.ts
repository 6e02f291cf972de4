/** tee -a -i: copies stdin to stdout and to files as it arrives. */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, type ArgSpec } from '../args';
import { abs, errText } from '../lib/io';
import { quoteIfNeeded } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'tee',
  options: [
    { key: 'a', short: 'a', long: 'append' },
    { key: 'i', short: 'i', long: 'ignore-interrupts' },
    { key: 'p', short: 'p' },
    { key: 'outputError', long: 'output-error', arg: 'optional' },
  ],
};

async function tee(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  if (a.has('i')) ctx.trap('SIGINT', 'ignore');
  let status = 0;
  const files: string[] = [];
  for (const f of a.operands) {
    if (f === '-') {
      files.push('-');
      continue;
    }
    try {
      const p = abs(ctx, f);
      if (!a.has('a') || !ctx.fs.exists(p)) ctx.fs.writeFile(p, '');
      else ctx.fs.writeFile(p, '', { append: true });
      files.push(p);
    } catch (e) {
      await ctx.stderr.write(`tee: ${quoteIfNeeded(f)}: ${errText(e)}\n`);
      status = 1;
    }
  }
  for (;;) {
    const chunk = await ctx.stdin.read();
    if (chunk === null) break;
    await ctx.stdout.write(chunk);
    for (const p of files) {
      if (p === '-') await ctx.stdout.write(chunk);
      else ctx.fs.writeFile(p, chunk, { append: true });
    }
  }
  return status;
}

export const teeInfo: ProgramInfo = { name: 'tee', program: tee, complete: completeFlags(SPEC) };
