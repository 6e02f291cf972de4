/** Counts with GNU's multiplier suffixes (head -c 2K, tail -n 1kB, split -b 1M). */

const MULT: Record<string, number> = {
  b: 512, K: 1024, k: 1024, KiB: 1024, kB: 1000, KB: 1000, M: 1024 ** 2, MiB: 1024 ** 2, MB: 1000 ** 2,
  G: 1024 ** 3, GiB: 1024 ** 3, GB: 1000 ** 3, T: 1024 ** 4, TB: 1000 ** 4, P: 1024 ** 5, E: 1024 ** 6,
};

/** Parses "N[suffix]"; undefined when invalid. */
export function parseCount(s: string): number | undefined {
  const m = /^(\d+)([a-zA-Z]*)$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!m[2]) return n;
  const k = MULT[m[2]];
  return k === undefined ? undefined : n * k;
}
