import { describe, it, expect } from 'vitest';
import { fnv1a, IdGen } from './ids';

describe('fnv1a', () => {
  it('matches the reference 32-bit FNV-1a values', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });
});

describe('IdGen', () => {
  it('gives the same sequence for the same seed and key', () => {
    const a = new IdGen({ seed: 42, counters: {} });
    const b = new IdGen({ seed: 42, counters: {} });
    const xs = Array.from({ length: 5 }, () => a.next('container'));
    const ys = Array.from({ length: 5 }, () => b.next('container'));
    expect(xs).toEqual(ys);
    expect(new Set(xs).size).toBe(5);
  });

  it('gives different sequences for different seeds', () => {
    const a = new IdGen({ seed: 1, counters: {} });
    const b = new IdGen({ seed: 2, counters: {} });
    expect(a.hex('c', 64)).not.toBe(b.hex('c', 64));
  });

  it('keeps keyed streams independent: drawing from one key does not shift another', () => {
    const a = new IdGen({ seed: 7, counters: {} });
    const b = new IdGen({ seed: 7, counters: {} });
    a.next('pod');
    a.next('pod');
    a.hex('image', 12);
    expect(a.next('container')).toBe(b.next('container'));
  });

  it('hex gives exactly the asked number of lowercase hex digits', () => {
    const g = new IdGen();
    for (const n of [1, 8, 12, 13, 64]) {
      const h = g.hex('k', n);
      expect(h).toMatch(new RegExp(`^[0-9a-f]{${n}}$`));
    }
  });

  it('int stays in range and pick/string draw from the given choices', () => {
    const g = new IdGen({ seed: 3, counters: {} });
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const v = g.int('x', 5);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(5);
      seen.add(v);
    }
    expect(seen.size).toBe(5);
    expect(['a', 'b', 'c']).toContain(g.pick('p', ['a', 'b', 'c']));
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    const s = g.string('pod', 5, alphabet);
    expect(s).toHaveLength(5);
    for (const ch of s) expect(alphabet).toContain(ch);
  });

  it('snapshot and restore continue every stream where it stopped', () => {
    const a = new IdGen({ seed: 9, counters: {} });
    a.next('x');
    a.next('y');
    const state = JSON.parse(JSON.stringify(a.snapshot())) as ReturnType<IdGen['snapshot']>;
    const b = new IdGen(state);
    expect(b.next('x')).toBe(a.next('x'));
    expect(b.next('y')).toBe(a.next('y'));
    expect(b.next('z')).toBe(a.next('z'));
  });

  it('snapshot is not aliased with the generator', () => {
    const a = new IdGen({ seed: 9, counters: {} });
    a.next('x');
    const snap = a.snapshot();
    a.next('x');
    expect(snap.counters).toEqual({ x: 1 });
  });
});
