import { describe, it, expect } from 'vitest';
import { Clock } from '../core/clock';
import { MemFs } from '../fs/memfs';
import { Kernel, type ProcessState } from './kernel';
import { CollectingWriter, nullReader } from './streams';

/** A process that counts ticks of 1 s of simulated time until it is killed. */
function ticker(kernel: Kernel, ticks: number[]) {
  const out = new CollectingWriter();
  return kernel.spawn({
    argv: ['ticker'],
    program: async (ctx) => {
      for (;;) {
        await ctx.sleep(1000);
        ticks.push(kernel.clock.now());
      }
    },
    env: {},
    cwd: '/',
    fs: new MemFs(kernel.clock),
    stdio: { stdin: nullReader, stdout: out, stderr: out },
  });
}

async function advance(clock: Clock, ms: number): Promise<void> {
  for (let i = 0; i < ms / 100; i++) {
    clock.advanceBy(100);
    for (let j = 0; j < 5; j++) await Promise.resolve();
  }
}

describe('Process.setFrozen (docker pause)', () => {
  it('makes no progress while frozen, fires no state change, and goes on when thawed', async () => {
    const clock = new Clock();
    const kernel = new Kernel(clock);
    const ticks: number[] = [];
    const p = ticker(kernel, ticks);
    const states: ProcessState[] = [];
    p.onDidChangeState((s) => states.push(s));
    await advance(clock, 3000);
    const before = ticks.length;
    expect(before).toBeGreaterThanOrEqual(2);
    p.setFrozen(true);
    await advance(clock, 5000);
    expect(ticks.length).toBeLessThanOrEqual(before + 1);
    const frozenAt = ticks.length;
    expect(p.state).toBe('running');
    p.setFrozen(false);
    await advance(clock, 3000);
    expect(ticks.length).toBeGreaterThan(frozenAt);
    expect(states).toEqual([]);
  });

  it('dies of SIGKILL while frozen', async () => {
    const clock = new Clock();
    const kernel = new Kernel(clock);
    const p = ticker(kernel, []);
    p.setFrozen(true);
    kernel.kill(p.pid, 'SIGKILL');
    const info = await p.exited;
    expect(info.status).toBe(137);
  });

  it('stays frozen after SIGSTOP and SIGCONT until thawed', async () => {
    const clock = new Clock();
    const kernel = new Kernel(clock);
    const ticks: number[] = [];
    const p = ticker(kernel, ticks);
    p.setFrozen(true);
    kernel.kill(p.pid, 'SIGSTOP');
    kernel.kill(p.pid, 'SIGCONT');
    await advance(clock, 3000);
    expect(ticks.length).toBeLessThanOrEqual(1);
    p.setFrozen(false);
    await advance(clock, 3000);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
  });
});
