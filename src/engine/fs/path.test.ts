import { describe, it, expect } from 'vitest';
import { normalizePath, resolvePath } from './path';

/** normalizePath as it was before its fast path for already normal paths: the reference. */
function reference(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

describe('normalizePath', () => {
  it('agrees with the segment-by-segment definition on every path of up to four tricky pieces', () => {
    const pieces = ['/', 'a', '.', '..', '...', '.a', 'a.', '..b', '//', 'usr', ' '];
    let paths = [''];
    for (let n = 0; n < 4; n++) paths = paths.flatMap((p) => pieces.map((x) => p + x));
    for (const p of [...paths, ...paths.map((p) => '/' + p)]) expect(normalizePath(p), JSON.stringify(p)).toBe(reference(p));
  });

  it('returns a normal path unchanged, and cleans the rest', () => {
    expect(normalizePath('/usr/local/bin/ls')).toBe('/usr/local/bin/ls');
    expect(normalizePath('/')).toBe('/');
    expect(normalizePath('/usr/bin/')).toBe('/usr/bin');
    expect(normalizePath('/usr/./bin/../lib')).toBe('/usr/lib');
    expect(normalizePath('relative/x')).toBe('/relative/x');
    expect(resolvePath('/home/learner', 'notes.txt')).toBe('/home/learner/notes.txt');
    expect(resolvePath('/home/learner', '../x/./y')).toBe('/home/x/y');
  });
});
