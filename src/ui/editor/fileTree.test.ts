import { describe, expect, it } from 'vitest';
import { FakeFs } from '../dev/fakeFs';
import { isValidName, listTree } from './fileTree';

function fsWith(paths: string[]): FakeFs {
  const fs = new FakeFs();
  fs.mkdir('/home/learner', { recursive: true });
  for (const p of paths) {
    if (p.endsWith('/')) fs.mkdir(p.slice(0, -1), { recursive: true });
    else fs.writeFile(p, '');
  }
  return fs;
}

describe('listTree', () => {
  const fs = fsWith(['/home/learner/b.txt', '/home/learner/a.txt', '/home/learner/.bashrc', '/home/learner/zdir/', '/home/learner/zdir/in.yaml']);

  it('lists folders first, hides dot-files unless asked, and nests expanded folders', () => {
    const rows = listTree(fs, '/home/learner', { expanded: new Set(), showHidden: false });
    expect(rows.map((r) => r.name)).toEqual(['zdir', 'a.txt', 'b.txt']);
    expect(rows[0]).toMatchObject({ type: 'dir', expanded: false, level: 1, pos: 1, setSize: 3 });
    const open = listTree(fs, '/home/learner', { expanded: new Set(['/home/learner/zdir']), showHidden: true });
    expect(open.map((r) => `${r.level}:${r.name}`)).toEqual(['1:zdir', '2:in.yaml', '1:.bashrc', '1:a.txt', '1:b.txt']);
  });

  it('stops at the row limit', () => {
    expect(listTree(fs, '/home/learner', { expanded: new Set(), showHidden: true, limit: 2 })).toHaveLength(2);
  });

  it('returns nothing for a missing root', () => {
    expect(listTree(fs, '/nope', { expanded: new Set(), showHidden: false })).toEqual([]);
  });

  it('accepts single names only', () => {
    expect(isValidName('a.txt')).toBe(true);
    expect(isValidName('a/b')).toBe(false);
    expect(isValidName('..')).toBe(false);
    expect(isValidName('')).toBe(false);
  });
});
