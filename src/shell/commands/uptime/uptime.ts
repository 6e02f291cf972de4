/** uptime: time since the oldest process started on the simulated clock, one user, low load. */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { strftime } from '../lib/format';

export function formatUp(ms: number): string {
  const mins = Math.floor(ms / 60000);
  const days = Math.floor(mins / 1440);
  const h = Math.floor((mins % 1440) / 60);
  const m = mins % 60;
  let s = days ? `${days} day${days > 1 ? 's' : ''}, ` : '';
  s += h ? `${String(h).padStart(2)}:${String(m).padStart(2, '0')}` : `${m} min`;
  return s;
}

async function uptime(ctx: ProcessContext): Promise<number> {
  const now = ctx.kernel.clock.now();
  const boot = Math.min(now - 60000, ...[...ctx.kernel.processes.values()].map((p) => p.startedAt));
  if (ctx.argv.includes('-p') || ctx.argv.includes('--pretty')) {
    const mins = Math.floor((now - boot) / 60000);
    await ctx.stdout.write(`up ${mins >= 60 ? `${Math.floor(mins / 60)} hour${mins >= 120 ? 's' : ''}, ` : ''}${mins % 60} minute${mins % 60 === 1 ? '' : 's'}\n`);
    return 0;
  }
  if (ctx.argv.includes('-s') || ctx.argv.includes('--since')) {
    await ctx.stdout.write(`${strftime('%Y-%m-%d %H:%M:%S', boot)}\n`);
    return 0;
  }
  await ctx.stdout.write(` ${strftime('%H:%M:%S', now)} up ${formatUp(now - boot)},  1 user,  load average: 0.08, 0.03, 0.01\n`);
  return 0;
}

export const uptimeInfo: ProgramInfo = { name: 'uptime', program: uptime };
