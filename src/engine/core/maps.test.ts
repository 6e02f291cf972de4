import { describe, it, expect } from 'vitest';
import { copyMap } from './maps';

describe('copyMap', () => {
  it('copies every entry in insertion order, into a map of its own', () => {
    const m = new Map<string, number>([['b', 2], ['a', 1], ['c', 3]]);
    const c = copyMap(m);
    expect([...c]).toEqual([['b', 2], ['a', 1], ['c', 3]]);
    c.set('d', 4);
    c.delete('a');
    expect([...m]).toEqual([['b', 2], ['a', 1], ['c', 3]]);
  });

  it('copies an empty map', () => {
    expect(copyMap(new Map()).size).toBe(0);
  });
});
