import { describe, expect, it } from 'vitest';
import { makeWorld, run } from '../testing/harness';
import { hasReal, realRun, simRun, type TreeNode } from '../testing/real';

const TREE: Record<string, TreeNode> = {
  'aaaaaaaaaaaaaaa': '',
  'bbbbbbbbbbbbbbbbbbbbbbb': 'hello\n',
  'c': { file: '#!/bin/sh\n', mode: 0o755 },
  'dddddddd': 'x'.repeat(5000),
  'dir': { dir: true },
  'dir/inner.txt': 'inner\n',
  'dir/sub': { dir: true },
  'dir/sub/deep': '',
  'eeeeeeeeeeeeee': '',
  'ffffffffff': '',
  'g': '',
  'h.tar': '',
  'iiiiiiiiiiiiiiiiiiiiiiiiiiii': '',
  'lnk': { link: 'c' },
  'broken': { link: 'nope' },
  '.hidden': '',
  'a b': '',
};

describe('ls against GNU ls', () => {
  const cases: string[][] = [
    ['ls'],
    ['ls', '-a'],
    ['ls', '-A'],
    ['ls', '-C'],
    ['ls', '-C', '-w', '50'],
    ['ls', '-x', '-w', '60'],
    ['ls', '-l'],
    ['ls', '-lA'],
    ['ls', '-lA', '--color=always'],
    ['ls', '-lh'],
    ['ls', '-lS'],
    ['ls', '-lr'],
    ['ls', '-R'],
    ['ls', '-F'],
    ['ls', '-p', '-1'],
    ['ls', '-d', 'dir', 'c'],
    ['ls', 'dir', 'c', 'g'],
    ['ls', '-ld', 'dir', 'lnk'],
    ['ls', 'nosuch', 'c'],
    ['ls', '-z'],
    ['ls', '--foo'],
    ['ls', '--al'],
    ['ls', '--color=always', '-C'],
    ['ls', '--color=always', '-l'],
    ['ls', '--color=bad'],
    ['ls', '-m'],
    ['ls', '-li', 'dir'],
    ['ls', '-ln', 'dir'],
    ['ls', '-lg', 'dir'],
  ];
  for (const argv of cases) {
    it.skipIf(!hasReal('ls'))(argv.join(' '), async () => {
      const ours = await simRun(TREE, argv);
      const real = realRun(TREE, argv);
      if (argv.includes('-li')) {
        // inode numbers differ between file systems: compare the shape only
        expect(ours.out.replace(/^\s*\d+ /gm, 'N ')).toBe(real.out.replace(/^\s*\d+ /gm, 'N '));
      } else {
        expect(ours.out).toBe(real.out);
      }
      expect(ours.err).toBe(real.err);
      expect(ours.status).toBe(real.status);
    });
  }
});

describe('ls in the simulation', () => {
  it('lays out columns on a terminal and quotes names needing it', async () => {
    const w = makeWorld({ '/home/learner/a b': '', '/home/learner/c': '' });
    const r = await run(w, ['ls'], { tty: 80 });
    expect(r.out).toBe("'a b'   c\n");
  });

  it('shows recent times with hour and minute, old ones with the year', async () => {
    const w = makeWorld({ '/home/learner/new': 'x' });
    w.fs.writeFile('/home/learner/old', '');
    w.fs.utimes('/home/learner/old', Date.UTC(2025, 0, 1, 12, 0, 0));
    const r = await run(w, ['ls', '-l']);
    expect(r.out).toBe(
      'total 4\n-rw-r--r-- 1 root root 1 Jan  5 09:00 new\n-rw-r--r-- 1 root root 0 Jan  1  2025 old\n',
    );
  });

  it('names owners from /etc/passwd', async () => {
    const w = makeWorld();
    w.fs.writeFile('/home/learner/f', 'abc', { uid: 1000, gid: 1000 });
    const r = await run(w, ['ls', '-l', 'f']);
    expect(r.out).toBe('-rw-r--r-- 1 learner learner 3 Jan  5 09:00 f\n');
  });

  it('reports an unreadable operand with status 2', async () => {
    const w = makeWorld();
    const r = await run(w, ['ls', 'missing']);
    expect(r.err).toBe("ls: cannot access 'missing': No such file or directory\n");
    expect(r.status).toBe(2);
  });
});
