/** Helpers for small filters that read their operands (or stdin) line by line. */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import { errText, Lines, openInput, type Out } from './io';
import { quoteIfNeeded } from './quote';

/**
 * Calls `onLine` for every line of every operand ("-" or none: stdin), as input arrives.
 * Missing files are reported as "prog: NAME: error" and give status 1.
 */
export async function eachLine(
  ctx: ProcessContext,
  prog: string,
  files: readonly string[],
  out: Out,
  onLine: (line: string, newline: boolean, file: string) => void,
): Promise<number> {
  let status = 0;
  for (const f of files.length ? files : ['-']) {
    let stream;
    try {
      stream = openInput(ctx, f);
    } catch (e) {
      await out.flush();
      await ctx.stderr.write(`${prog}: ${quoteIfNeeded(f)}: ${errText(e)}\n`);
      status = 1;
      continue;
    }
    const lines = new Lines(stream, () => out.flush());
    for (;;) {
      const l = await lines.next();
      if (!l) break;
      onLine(l.line, l.newline, f);
      await out.maybeFlush();
      await ctx.checkpoint();
    }
  }
  await out.flush();
  return status;
}
