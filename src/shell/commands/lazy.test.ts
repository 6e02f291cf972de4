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
});
