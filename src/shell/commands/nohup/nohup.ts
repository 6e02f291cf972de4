/** nohup COMMAND [ARG]...: ignores SIGHUP; output to nohup.out when stdout is a terminal. */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import type { WriteStream } from '../../../engine/runtime/streams';
import { parse, usageError, type ArgSpec } from '../args';
import { abs, errText } from '../lib/io';
import { localeQuote } from '../lib/quote';
import { trySpawn, waitChild } from '../lib/spawn';

const SPEC: ArgSpec = { name: 'nohup', usageStatus: 125, stopAtOperand: true, options: [] };

async function nohup(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  if (a.operands.length === 0) return usageError(ctx, SPEC, 'missing operand');
  let stdout: WriteStream = ctx.stdout;
  if (ctx.stdout.isTTY) {
    const path = abs(ctx, 'nohup.out');
    try {
      if (!ctx.fs.exists(path)) ctx.fs.writeFile(path, '', { mode: 0o600 });
    } catch (e) {
      await ctx.stderr.write(`nohup: failed to open 'nohup.out': ${errText(e)}\n`);
      return 125;
    }
    await ctx.stderr.write(`nohup: ${ctx.stdin.isTTY ? 'ignoring input and ' : ''}appending output to 'nohup.out'\n`);
    stdout = { isTTY: false, write: (d) => Promise.resolve(ctx.fs.writeFile(path, d, { append: true })), close: () => {} };
  } else if (ctx.stdin.isTTY) await ctx.stderr.write('nohup: ignoring input\n');
  const r = trySpawn(ctx, a.operands, { stdio: { stdin: ctx.stdin, stdout, stderr: ctx.stderr.isTTY ? stdout : ctx.stderr }, ignore: ['SIGHUP'] });
  if (!r.ok) {
    await ctx.stderr.write(`nohup: failed to run command ${localeQuote(a.operands[0]!)}: ${errText(r.error)}\n`);
    return r.error.code === 'ENOENT' ? 127 : 126;
  }
  return (await waitChild(ctx, r.proc)).status;
}

export const nohupInfo: ProgramInfo = { name: 'nohup', program: nohup };
