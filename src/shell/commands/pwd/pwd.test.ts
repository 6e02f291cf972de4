import { describe, expect, it } from 'vitest';
import { makeWorld, run } from '../testing/harness';

describe('pwd', () => {
  it('prints the working directory', async () => {
    const r = await run(makeWorld(), 'pwd', { cwd: '/tmp' });
    expect(r.out).toBe('/tmp\n');
  });
  it('prefers $PWD through a symlink with -L, resolves with -P', async () => {
    const w = makeWorld();
    w.fs.symlink('/tmp', '/home/learner/t');
    expect((await run(w, 'pwd', { cwd: '/tmp', env: { PWD: '/home/learner/t' } })).out).toBe('/home/learner/t\n');
    expect((await run(w, 'pwd -P', { cwd: '/tmp', env: { PWD: '/home/learner/t' } })).out).toBe('/tmp\n');
  });
  it('rejects unknown options as bash does', async () => {
    const r = await run(makeWorld(), 'pwd -x');
    expect(r.err).toBe('pwd: -x: invalid option\npwd: usage: pwd [-LP]\n');
    expect(r.status).toBe(2);
  });
});
