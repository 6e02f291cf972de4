import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAMILIES } from './index';

// Every vector of each registered file runs here (the same cases `npm run conformance` runs). Groups a
// family does not run are listed by its `skipped()` with the reason (output-formats.json: the docker and
// kubectl front ends' own fixtures; dockerfile-parser.json: Windows-only word expansion rows).
for (const family of FAMILIES) {
  const data: unknown = JSON.parse(readFileSync(new URL(`../../../../data/conformance/${family.file}`, import.meta.url), 'utf8'));
  describe(family.file, () => {
    const cases = family.cases(data);
    it('has cases', () => {
      expect(cases.length).toBeGreaterThan(0);
    });
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      expect(c.run()).toBeNull();
    });
    it('gives a reason for every skipped group', () => {
      for (const s of family.skipped?.(data) ?? []) expect(s.reason.length).toBeGreaterThan(10);
    });
  });
}
