/** timeout [-s SIG] [-k DUR] [--preserve-status] DURATION COMMAND [ARG]...: 124 when time runs out. */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { parseSignal, type Signal } from '../../../engine/runtime/signals';
import { parse, usageError, type ArgSpec } from '../args';
import { errText } from '../lib/io';
import { localeQuote } from '../lib/quote';
import { trySpawn, waitChild } from '../lib/spawn';

const SPEC: ArgSpec = {
  name: 'timeout',
  usageStatus: 125,
  stopAtOperand: true,
  options: [
    { key: 's', short: 's', long: 'signal', arg: 'required' },
    { key: 'k', short: 'k', long: 'kill-after', arg: 'required' },
    { key: 'preserve', long: 'preserve-status' },
    { key: 'foreground', long: 'foreground' },
    { key: 'v', short: 'v', long: 'verbose' },
  ],
};

function duration(s: string): number | undefined {
  const m = /^(\d*\.?\d+)([smhd]?)$/.exec(s);
  if (!m) return undefined;
  return Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]!]! * 1000;
}

async function timeout(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  const [d, ...cmd] = a.operands;
  if (d === undefined) return usageError(ctx, SPEC, 'missing operand');
  const ms = duration(d);
  if (ms === undefined) return usageError(ctx, SPEC, `invalid time interval ${localeQuote(d)}`);
  if (cmd.length === 0) return usageError(ctx, SPEC, `missing operand after ${localeQuote(d)}`);
  let sig: Signal = 'SIGTERM';
  if (a.get('s') !== undefined) {
    const s = parseSignal(a.get('s')!);
    if (!s) {
      await ctx.stderr.write(`timeout: ${a.get('s')}: invalid signal\nTry 'timeout --help' for more information.\n`);
      return 125;
    }
    sig = s;
  }
  const r = trySpawn(ctx, cmd);
  if (!r.ok) {
    await ctx.stderr.write(`timeout: failed to run command ${localeQuote(cmd[0]!)}: ${errText(r.error)}\n`);
    return r.error.code === 'ENOENT' ? 127 : 126;
  }
  const timer = ctx.kernel.clock.sleep(ms);
  const which = await ctx.wait(Promise.race([r.proc.exited.then(() => 'exit' as const), timer.promise.then(() => 'timeout' as const)]));
  if (which === 'exit') {
    timer.cancel();
    return (await waitChild(ctx, r.proc)).status;
  }
  if (a.has('v')) await ctx.stderr.write(`timeout: sending signal ${sig.slice(3)} to command ${localeQuote(cmd[0]!)}\n`);
  ctx.kernel.kill(r.proc.pid, sig);
  const k = a.get('k') !== undefined ? duration(a.get('k')!) : undefined;
  if (k !== undefined) {
    const t2 = ctx.kernel.clock.sleep(k);
    const w2 = await ctx.wait(Promise.race([r.proc.exited.then(() => 'exit' as const), t2.promise.then(() => 'kill' as const)]));
    if (w2 === 'kill') {
      ctx.kernel.kill(r.proc.pid, 'SIGKILL');
      await waitChild(ctx, r.proc);
      return 137;
    }
    t2.cancel();
  }
  const e = await waitChild(ctx, r.proc);
  return a.has('preserve') ? e.status : 124;
}

export const timeoutInfo: ProgramInfo = { name: 'timeout', program: timeout };
