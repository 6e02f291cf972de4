import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kubectlPrintersFamily } from './conformance';

// Every kubectl.* vector of output-formats.json that does not need a live API server runs here.
const data: unknown = JSON.parse(readFileSync(new URL('../../../../data/conformance/output-formats.json', import.meta.url), 'utf8'));

describe('output-formats.json kubectl groups', () => {
  const cases = kubectlPrintersFamily.cases(data);
  it('runs the five kubectl groups', () => {
    for (const g of ['kubectl.get', 'kubectl.tablePrinter', 'kubectl.printers.podRow', 'kubectl.customColumns.spec', 'kubectl.customColumns.print']) expect(cases.some((c) => c.name.startsWith(g + ' '))).toBe(true);
  });
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(c.run()).toBeNull();
  });
  it('gives a reason for every skipped vector', () => {
    for (const s of kubectlPrintersFamily.skipped?.(data) ?? []) expect(s.reason.length).toBeGreaterThan(10);
  });
});
