/**
 * Differential tests: every corpus input goes through the real `bash -n -c` (and `dash -n -c`)
 * and through our parser; the diagnostics (message and line, bash's second "`source line'" line,
 * here-document warnings) must be identical, and valid inputs must produce none.
 */
import { describe, it, expect } from 'vitest';
import { VALID, INVALID } from './testing/corpus';
import { hasShell, ourDiagnostics, realDiagnostics } from './testing/diff';

/** Known, accepted differences from dash. */
const DASH_KNOWN = new Set([
  // dash reports the line of the newline that follows `${`, we report end of input.
  'echo ${\na\nb',
]);

describe.skipIf(!hasShell('bash'))('differential: bash -n', () => {
  for (const src of VALID) {
    it(`accepts ${JSON.stringify(src)}`, () => {
      expect(ourDiagnostics('bash', src)).toEqual(realDiagnostics('bash', src));
    });
  }
  for (const src of INVALID) {
    it(`rejects ${JSON.stringify(src)}`, () => {
      const real = realDiagnostics('bash', src);
      expect(real.length).toBeGreaterThan(0);
      expect(ourDiagnostics('bash', src)).toEqual(real);
    });
  }
});

describe.skipIf(!hasShell('dash'))('differential: dash -n', () => {
  for (const src of [...VALID, ...INVALID]) {
    if (DASH_KNOWN.has(src)) continue;
    it(JSON.stringify(src), () => {
      expect(ourDiagnostics('dash', src)).toEqual(realDiagnostics('dash', src));
    });
  }
});
