import { describe, expect, it } from 'vitest';
import { makeWorld, run } from '../testing/harness';
import { describeScripts } from '../testing/scripted';

const TREE = {
  f: 'foo\nbar\nFoo bar\nbaz qux\nfoofoo\n',
  n: 'a\nb\nc\nd\ne\nf\ng\nh\n',
  'r/s/x': 'foo here\n',
  'r/y.txt': 'no\nfoo\n',
  'r/z.md': 'foo md\n',
  bin: 'a\0b foo\n',
  d: { dir: true as const },
};

describeScripts('grep against GNU grep 3.8', TREE, [
  { cmds: [['grep', 'foo', 'f']] },
  { cmds: [['grep', '-i', 'foo', 'f']] },
  { cmds: [['grep', '-v', 'foo', 'f']] },
  { cmds: [['grep', '-n', 'ba', 'f']] },
  { cmds: [['grep', '-c', 'foo', 'f', 'n']] },
  { cmds: [['grep', '-l', 'foo', 'f', 'n']] },
  { cmds: [['grep', '-L', 'foo', 'f', 'n']] },
  { cmds: [['grep', '-o', 'o\\+', 'f']] },
  { cmds: [['grep', '-w', 'foo', 'f']] },
  { cmds: [['grep', '-x', 'foo', 'f']] },
  { cmds: [['grep', '-E', 'fo+|qux', 'f']] },
  { cmds: [['grep', '-F', 'o.', 'f']] },
  { cmds: [['grep', '\\(foo\\)\\1', 'f']] },
  { cmds: [['grep', '^[[:upper:]]', 'f']] },
  { cmds: [['grep', '-e', 'bar', '-e', 'qux', 'f']] },
  { cmds: [['grep', '-n', '-A1', '-B1', '[cg]', 'n']] },
  { cmds: [['grep', '-C1', '-e', 'a', '-e', 'h', 'n']] },
  { cmds: [['grep', '-2', 'e', 'n']] },
  { cmds: [['grep', '-m', '2', 'o', 'f']] },
  { cmds: [['grep', '-q', 'foo', 'f']] },
  { cmds: [['grep', '-q', 'nomatch', 'f']] },
  { cmds: [['grep', 'foo', 'nope', 'f']] },
  { cmds: [['grep', '-s', 'foo', 'nope']] },
  { cmds: [['grep', 'foo', 'd']] },
  { cmds: [['grep', '-r', 'foo']], sort: true },
  { cmds: [['grep', '-r', 'foo', 'r']], sort: true },
  { cmds: [['grep', '-rl', 'foo', '.']], sort: true },
  { cmds: [['grep', '-rh', 'foo', 'r']], sort: true },
  { cmds: [['grep', '-r', '--include=*.txt', 'foo', 'r']] },
  { cmds: [['grep', '-rn', '--exclude-dir=s', 'foo', 'r']], sort: true },
  { cmds: [['grep', 'foo', 'bin']] },
  { cmds: [['grep', '-c', 'foo', 'bin']] },
  { cmds: [['grep', '--color=always', '-n', '-H', 'foo', 'f']] },
  { cmds: [['grep', '--color=always', '-C1', 'c', 'n']] },
  { cmds: [['grep', '--color=always', '-o', 'o', 'f']] },
  { cmds: [['grep']] },
  { cmds: [['grep', '-A', 'x', 'foo', 'f']] },
  { cmds: [['grep', '-m', 'x', 'foo', 'f']] },
  { cmds: [['grep', '--foo']] },
  { cmds: [['grep', '[a', 'f']] },
  { cmds: [['grep', '\\(', 'f']] },
  { cmds: [['grep', '-E', ')', 'f']] },
  { cmds: [['grep', 'a\\{1', 'f']] },
  { cmds: [['grep', '\\1', 'f']] },
  { cmds: [['grep', '[[:foo:]]', 'f']] },
  { cmds: [['grep', '[:space:]', 'f']] },
  { cmds: [['grep', '-E', 'a{1', 'f']] },
  { cmds: [['grep', '-E', 'o{2}', 'f']] },
  { cmds: [['grep', '', 'n']] },
  { cmds: [['grep', 'x*', 'n']] },
  { cmds: [['grep', 'bar']], stdin: ['foo\nbar\n'] },
  { cmds: [['grep', '-H', 'bar']], stdin: ['foo\nbar\n'] },
]);

describe('grep on a terminal', () => {
  it('colours matches with --color=auto when stdout is a TTY', async () => {
    const w = makeWorld({ '/home/learner/f': 'a foo b\n' });
    const r = await run(w, ['grep', '--color=auto', 'foo', 'f'], { tty: 80 });
    expect(r.out).toBe('a \x1b[01;31m\x1b[Kfoo\x1b[m\x1b[K b\n');
  });
});
