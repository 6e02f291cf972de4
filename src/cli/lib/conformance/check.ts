/** A small `expect` for vector families (throws CheckFailure), so the same checks run under vitest and in `npm run conformance`. */
export class CheckFailure extends Error {}

function show(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function expect(got: unknown) {
  const fail = (what: string, want: unknown): never => {
    throw new CheckFailure(`${what}: got ${show(got)}, want ${show(want)}`);
  };
  return {
    toBe(want: unknown): void {
      if (!Object.is(got, want)) fail('toBe', want);
    },
    toEqual(want: unknown): void {
      if (!deepEqual(got, want)) fail('toEqual', want);
    },
    toContain(want: string): void {
      if (typeof got !== 'string' || !got.includes(want)) fail('toContain', want);
    },
    toMatch(re: RegExp): void {
      if (typeof got !== 'string' || !re.test(got)) fail('toMatch', String(re));
    },
    toHaveLength(n: number): void {
      if (!Array.isArray(got) || got.length !== n) fail('toHaveLength', n);
    },
    toBeUndefined(): void {
      if (got !== undefined) fail('toBeUndefined', undefined);
    },
    toBeDefined(): void {
      if (got === undefined) fail('toBeDefined', 'defined');
    },
  };
}

/** Runs a check body: null when it passes, the failure text otherwise. */
export function check(body: () => void): string | null {
  try {
    body();
    return null;
  } catch (e) {
    if (e instanceof CheckFailure) return e.message;
    return `threw ${e instanceof Error ? e.message : String(e)}`;
  }
}
