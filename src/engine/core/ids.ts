/**
 * Seeded ids drawn from keyed streams: each kind and owner has its own counter, so the same seed
 * and input give the same ids, and one extra command does not rename everything after it.
 */

export interface IdState {
  readonly seed: number;
  readonly counters: Readonly<Record<string, number>>;
}

/** 32-bit FNV-1a of a string. */
export function fnv1a(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** splitmix32: a well-mixed 32-bit value from a 32-bit state. */
function mix(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

export class IdGen {
  private readonly seed: number;
  private readonly counters: Map<string, number>;

  constructor(state: IdState = { seed: 1, counters: {} }) {
    this.seed = state.seed >>> 0;
    this.counters = new Map(Object.entries(state.counters));
  }

  /** A deterministic stream of 32-bit values for `key`; each call takes the next one. */
  next(key: string): number {
    const n = this.counters.get(key) ?? 0;
    this.counters.set(key, n + 1);
    return this.valueAt(key, n);
  }

  private valueAt(key: string, n: number): number {
    return mix(fnv1a(key, mix(this.seed)) ^ mix(n + 0x51ed27));
  }

  /** `length` lowercase hex digits, e.g. 64 for a container id. */
  hex(key: string, length: number): string {
    let out = '';
    let i = 0;
    while (out.length < length) {
      out += this.next(`${key}#${i++ === 0 ? '' : 'x'}`).toString(16).padStart(8, '0');
    }
    return out.slice(0, length);
  }

  /** A value in [0, n). */
  int(key: string, n: number): number {
    return this.next(key) % n;
  }

  /** Picks one element of `items`. */
  pick<T>(key: string, items: readonly T[]): T {
    return items[this.int(key, items.length)]!;
  }

  /** `length` characters drawn from `alphabet` (e.g. Kubernetes' "bcdfghjklmnpqrstvwxz2456789"). */
  string(key: string, length: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(key, alphabet.length)];
    return out;
  }

  snapshot(): IdState {
    return { seed: this.seed, counters: Object.fromEntries(this.counters) };
  }
}
