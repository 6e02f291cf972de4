/**
 * Vector families: each turns one conformance file (data/conformance/*.json, already parsed) into
 * named cases. `run()` returns null when the implementation agrees with upstream, or a description of
 * the difference. The vitest files and `npm run conformance` both walk these, so no vector-walking
 * code is duplicated.
 */
export interface VectorCase {
  name: string;
  run(): string | null;
}

export interface SkippedGroup {
  group: string;
  count: number;
  reason: string;
}

export interface VectorFamily {
  /** file name under data/conformance */
  file: string;
  cases(data: unknown): VectorCase[];
  /** groups deliberately not run here, with the reason */
  skipped?(data: unknown): SkippedGroup[];
}

export function diff(what: string, got: unknown, want: unknown): string | null {
  const g = JSON.stringify(got);
  const w = JSON.stringify(want);
  return g === w ? null : `${what}: got ${g}, want ${w}`;
}

export function first(...checks: (string | null)[]): string | null {
  return checks.find((c) => c !== null) ?? null;
}
