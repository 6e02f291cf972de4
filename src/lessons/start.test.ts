import { describe, expect, it } from 'vitest';
import { FakeLessonSession } from './testing/fakeSession';
import { fingerprint, memoryStartCache, startKey, startSnapshot } from './start';

describe('lesson starts', () => {
  it('keys a start by its files, commands and the engine version, not by the order of files', () => {
    const a = startKey('x', { files: { 'a.txt': '1', 'b.txt': '2' }, commands: ['mkdir d'] }, 1);
    expect(startKey('x', { files: { 'b.txt': '2', 'a.txt': '1' }, commands: ['mkdir d'] }, 1)).toBe(a);
    expect(startKey('x', { files: { 'a.txt': '1', 'b.txt': '3' }, commands: ['mkdir d'] }, 1)).not.toBe(a);
    expect(startKey('x', { files: { 'a.txt': '1', 'b.txt': '2' }, commands: ['mkdir e'] }, 1)).not.toBe(a);
    expect(startKey('x', { files: { 'a.txt': '1', 'b.txt': '2' }, commands: ['mkdir d'] }, 2)).not.toBe(a);
    expect(fingerprint('')).toBe('cbf29ce484222325');
    expect(fingerprint('a')).toBe('af63dc4c8601ec8c');
  });

  it('builds once, then serves the cache; a later cache is filled from an earlier hit', async () => {
    const mem = memoryStartCache();
    const disk = memoryStartCache();
    let built = 0;
    const fresh = () => {
      built++;
      return new FakeLessonSession();
    };
    const start = { files: { 'welcome.txt': 'hi\n' }, commands: ['mkdir -p projects'] };
    const first = await startSnapshot('k', start, [mem, disk], fresh);
    expect(first.cached).toBe(false);
    expect(built).toBe(1);
    const second = await startSnapshot('k', start, [mem, disk], fresh);
    expect(second).toMatchObject({ cached: true });
    expect(second.snapshot).toBe(first.snapshot);
    const cold = memoryStartCache();
    expect((await startSnapshot('k', start, [cold, disk], fresh)).cached).toBe(true);
    expect(cold.get('k')).toBe(first.snapshot);
    expect(built).toBe(1);
  });

  it('evicts the least recently used start', () => {
    const c = memoryStartCache(2);
    const s = (n: number) => ({ version: n, engine: null });
    c.put('a', s(1));
    c.put('b', s(2));
    c.get('a');
    c.put('c', s(3));
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toEqual(s(1));
  });
});
