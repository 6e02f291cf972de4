import { describe, expect, it } from 'vitest';
import { makeWorld, run } from '../testing/harness';
import { hasReal, realBuiltin } from '../testing/real';
import { printfFormat } from './printf';

const CASES: string[][] = [
  ['printf', 'hello\\n'],
  ['printf', '%s-%s\\n', 'a', 'b', 'c'],
  ['printf', '%d %i %u\\n', '42', '-7', '3'],
  ['printf', '%5d|%-5d|%05d\\n', '42', '42', '42'],
  ['printf', '%x %X %o %#x %#o\\n', '255', '255', '8', '255', '8'],
  ['printf', '%f %.2f %10.3f %-10.1f|\\n', '3.14159', '2.5', '1', '7'],
  ['printf', '%e %E %g %g %g\\n', '12345.678', '0.00012', '0.0001', '123456789', '100'],
  ['printf', '%c%c\\n', 'hello', 'x'],
  ['printf', '%q\\n', 'a b', "it's", '', 'plain'],
  ['printf', '%b\\n', 'a\\tb\\n', 'c\\cd'],
  ['printf', '%s\\n'],
  ['printf', '%d\\n', 'x'],
  ['printf', '%d\\n', '12abc'],
  ['printf', '%d %d\\n', '0x1f', '010'],
  ['printf', '%d\\n', "'A"],
  ['printf', '%*d|%-*s|\\n', '4', '7', '3', 'ab'],
  ['printf', '%.3s|\\n', 'abcdef'],
  ['printf', '%z'],
  ['printf'],
  ['printf', '100%%\\n'],
  ['printf', '%+d % d\\n', '5', '5'],
  ['printf', '\\x41\\101\\u00e9\\n'],
  ['printf', '%s\\n', 'é'],
  ['printf', '%g %g %g|%d|%f\\n', '100000', '1e10', '0.0001', '', ''],
  ['printf', '%q|', 'a,b', 'a~b', '~a', 'a#b', '#a', '^x'],
  ['printf', '\\0101|\\101|%s\\c more\\n', 'x'],
  ['echo', 'hello', 'world'],
  ['echo', '-n', 'x'],
  ['echo', '-e', 'a\\tb\\x41\\0101'],
  ['echo', '-ne', 'a\\nb'],
  ['echo', '-E', 'a\\tb'],
  ['echo', '-e', 'stop\\cafter'],
  ['echo', '-x', 'y'],
  ['echo', '--', 'a'],
  ['echo'],
];

describe('printf and echo against bash builtins', () => {
  for (const argv of CASES) {
    it.skipIf(!hasReal('bash'))(JSON.stringify(argv), async () => {
      const real = realBuiltin(argv);
      const ours = await run(makeWorld(), argv);
      expect(ours.out).toBe(real.out);
      expect(ours.err).toBe(real.err.replace(/^\S+: line \d+: /gm, ''));
      expect(ours.status).toBe(real.status);
    });
  }
});

describe('printfFormat', () => {
  it('reuses the format while arguments remain', () => {
    expect(printfFormat('<%s>', ['a', 'b']).out).toBe('<a><b>');
  });
  it('reports invalid numbers and continues with 0', () => {
    const r = printfFormat('%d,', ['q', '2']);
    expect(r.out).toBe('0,2,');
    expect(r.errors).toEqual(['q: invalid number']);
    expect(r.status).toBe(1);
  });
});
