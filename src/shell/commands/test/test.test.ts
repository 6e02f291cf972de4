import { describe, expect, it } from 'vitest';
import { makeWorld, run } from '../testing/harness';
import { hasReal, realBuiltin } from '../testing/real';

const CASES: string[][] = [
  ['[', '1', '-eq', 'x', ']'],
  ['[', 'a', 'b', 'c', ']'],
  ['[', '-z'],
  ['[', 'a', '=', 'b', '=', 'c', ']'],
  ['[', '-q', 'x', ']'],
  ['[', 'a', ']'],
  ['[', ']'],
  ['[', '!', ']'],
  ['[', 'x', '-a', ']'],
  ['[', '1', '-lt', '2', '-a', '3', '-gt', '2', ']'],
  ['[', '-n', ']'],
  ['[', 'a', 'b', ']'],
  ['[', '1', '-eq', '01', ']'],
  ['[', ' 5', '-gt', '3', ']'],
  ['[', 'abc', '-eq', '1', ']'],
  ['[', '-f', '/etc/passwd', ']'],
  ['[', '-d', '/etc', ']'],
  ['[', '-e', '/nonexistent', ']'],
  ['[', '!', '-e', '/nonexistent', ']'],
  ['[', '(', 'a', '=', 'a', ')', ']'],
  ['[', 'a', '=', 'a', '-o', 'b', '=', 'c', ']'],
  ['[', 'abc', '<', 'abd', ']'],
  ['[', '', ']'],
  ['[', '(', 'a', 'b', ')', ']'],
  ['[', '!', '(', ')', ']'],
  ['[', '-n', '-a', '-n', ']'],
  ['test', '-d', ''],
  ['test', '1', '-eq', '2', '3'],
  ['test'],
  ['test', '-n', ''],
  ['test', 'x', '!=', 'y'],
];

describe('test and [ against bash builtins', () => {
  for (const argv of CASES) {
    it.skipIf(!hasReal('bash'))(JSON.stringify(argv), async () => {
      const real = realBuiltin(argv);
      const ours = await run(makeWorld(), argv);
      expect(ours.err).toBe(real.err.replace(/^\S+: line \d+: /gm, ''));
      expect(ours.status).toBe(real.status);
    });
  }
  it('checks permissions as the running user', async () => {
    const w = makeWorld();
    w.fs.writeFile('/root/secret', 'x', { mode: 0o600 });
    expect((await run(w, ['test', '-r', '/root/secret'])).status).toBe(1);
    expect((await run(w, ['test', '-r', '/root/secret'], { user: 'root' })).status).toBe(0);
  });
});
