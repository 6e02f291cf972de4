import { describe, expect, it } from 'vitest';
import { runConformance } from './conformance';

describe('npm run conformance', () => {
  it('runs every registered vector file and reports per file', () => {
    const lines: string[] = [];
    const { reports, ok } = runConformance(new URL('../../data/conformance/', import.meta.url), (l) => lines.push(l));
    const files = reports.map((r) => r.file);
    for (const f of ['image-reference.json', 'dockerfile-parser.json', 'jsonpath.json', 'label-selector.json', 'output-formats.json']) expect(files).toContain(f);
    expect(lines.some((l) => /^jsonpath\.json: \d+ passed, 0 failed$/.test(l))).toBe(true);
    expect(reports.every((r) => r.passed > 0)).toBe(true);
    expect(ok).toBe(true);
  });
});
