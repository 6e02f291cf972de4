import { describe, expect, it } from 'vitest';
import { makeWorld, run } from '../testing/harness';
import { hasReal, realRun } from '../testing/real';

describe('--help and --version', () => {
  for (const argv of [['ls', '--help'], ['cp', '--version'], ['grep', '--help'], ['sed', '--help'], ['ls', '-l', '--help'], ['head', '-z', '--version'], ['ls', '-y', '--help'], ['env', 'x', '--help']]) {
    it.skipIf(!hasReal(argv[0]!))(argv.join(' '), async () => {
      const real = realRun({}, argv);
      const ours = await run(makeWorld(), argv);
      expect(ours.out).toBe(real.out);
      expect(ours.err).toBe(real.err);
      expect(ours.status).toBe(real.status);
    });
  }
});
