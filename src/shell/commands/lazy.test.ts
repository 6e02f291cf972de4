import { describe, expect, it } from 'vitest';
import { coreutils } from './index';
import { COREUTILS_NAMES, lazyCoreutils } from './lazy';

describe('lazy coreutils', () => {
  it('names every program of index.ts, in order', () => {
    expect(COREUTILS_NAMES).toEqual(coreutils.map((p) => p.name));
  });

  it('loads the code once and then completes like the eager entries', async () => {
    const lazy = lazyCoreutils();
    const ls = lazy.programs.find((p) => p.name === 'ls')!;
    expect(ls.complete?.(['--col'], { cwd: '/' })).toBeUndefined();
    await lazy.load();
    const eager = coreutils.find((p) => p.name === 'ls')!;
    expect(ls.complete?.(['--col'], { cwd: '/' })).toEqual(eager.complete?.(['--col'], { cwd: '/' }));
  });

  it('answers `dircolors -b` (run by every ~/.bashrc) without loading the chunk, as the program does', async () => {
    const lazy = lazyCoreutils();
    const run = async (info: { program: (ctx: never) => Promise<number> }) => {
      let out = '';
      const ctx = { argv: ['dircolors', '-b'], env: new Map(), stdout: { write: async (s: string) => void (out += s) }, kernel: { hostWork: () => Promise.reject(new Error('loaded the chunk')) } };
      const status = await info.program(ctx as never);
      return { status, out };
    };
    const fast = await run(lazy.programs.find((p) => p.name === 'dircolors')!);
    const real = await run(coreutils.find((p) => p.name === 'dircolors')!);
    expect(fast).toEqual(real);
    expect(fast.out).toMatch(/^LS_COLORS='rs=0:di=01;34:/);
  });
});
