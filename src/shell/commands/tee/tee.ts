/** tee -a -i: copies stdin to stdout and to files as it arrives. */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, type ArgSpec } from '../args';
import { isSysError } from '../../../engine/core/errors';
import type { WriteStream } from '../../../engine/runtime/streams';
import { errText, openOutput } from '../lib/io';
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
  let files: Array<{ name: string; w: WriteStream }> = [];
  for (const f of a.operands) {
    if (f === '-') {
      files.push({ name: f, w: ctx.stdout });
      continue;
    }
    try {
      files.push({ name: f, w: openOutput(ctx, f, a.has('a')) });
    } catch (e) {
      await ctx.stderr.write(`tee: ${quoteIfNeeded(f)}: ${errText(e)}\n`);
      status = 1;
    }
  }
  for (;;) {
    const chunk = await ctx.stdin.read();
    if (chunk === null) break;
    await ctx.stdout.write(chunk);
    for (const f of files) {
      try {
        await f.w.write(chunk);
      } catch (e) {
        if (!isSysError(e) || e.code === 'EPIPE') throw e;
        // A file that fails (/dev/full) is reported and dropped; the others go on.
        await ctx.stderr.write(`tee: ${quoteIfNeeded(f.name)}: ${errText(e)}\n`);
        files = files.filter((x) => x !== f);
        status = 1;
      }
    }
  }
  return status;
}

export const teeInfo: ProgramInfo = { name: 'tee', program: tee, complete: completeFlags(SPEC) };
