import { describe, expect, it } from 'vitest';
import { makeWorld, run } from '../testing/harness';

describe('kill', () => {
  it('prints usage without arguments', async () => {
    const r = await run(makeWorld(), ['kill']);
    expect(r.err).toBe('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n');
    expect(r.status).toBe(2);
  });
  it('lists signals like bash', async () => {
    const r = await run(makeWorld(), ['kill', '-l']);
    expect(r.out.split('\n')[0]).toBe(' 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP');
    expect((await run(makeWorld(), ['kill', '-l', '15'])).out).toBe('TERM\n');
  });
  it('reports missing processes and bad signals', async () => {
    expect((await run(makeWorld(), ['kill', '99999'])).err).toBe('kill: (99999) - No such process\n');
    expect((await run(makeWorld(), ['kill', '-s', 'FOO', '1'])).err).toBe('kill: FOO: invalid signal specification\n');
  });
  it('terminates a sleeping process', async () => {
    const w = makeWorld();
    const r = await run(w, ['sleep', '100'], {
      during: async (world) => {
        await Promise.resolve();
        const pid = [...world.kernel.processes.values()].find((p) => p.name === 'sleep')!.pid;
        const k = await run(world, ['kill', String(pid)]);
        expect(k.status).toBe(0);
      },
    });
    expect(r.status).toBe(143);
  });
});
