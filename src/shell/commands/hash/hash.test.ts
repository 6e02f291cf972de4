import { describe, expect, it } from 'vitest';
import { describeScripts } from '../testing/scripted';
import { md5, sha1, sha256 } from './digest';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('digests', () => {
  it('match known vectors', () => {
    expect(md5(enc(''))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5(enc('hi\n'))).toBe('764efa883dda1e11db47671c4a3bbd9e');
    expect(sha256(enc('hi\n'))).toBe('98ea6e4f216f2fb4b69fff9b3a44842c38686ca685f3f55dc48c5d3fb1107be4');
    expect(sha256(enc('a'.repeat(1000)))).toBe('41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3');
    expect(sha1(enc('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });
});

const TREE = { x1: 'a\nb\n', x2: 'b\nc\n', big: 'x'.repeat(200) + '\n', u: 'b\na\n' };
const c = (...a: string[]): { cmds: string[][] } => ({ cmds: [a] });

describeScripts('small filters against GNU', TREE, [
  c('md5sum', 'x1', 'nope'),
  c('sha256sum', 'x1', 'x2'),
  c('sha1sum', 'x1'),
  { cmds: [['sha256sum', 'x1'], ['base64', 'x1']] },
  c('base64', 'big'),
  c('base64', '-w', '0', 'x1'),
  { cmds: [['base64', '-d']], stdin: ['aGVsbG8K'] },
  { cmds: [['base64', '-d']], stdin: ['!!!'] },
  c('comm', 'x1', 'x2'),
  c('comm', '-12', 'x1', 'x2'),
  c('comm', 'x1', 'u'),
  c('paste', 'x1', 'x2'),
  c('paste', '-sd,', 'x1'),
  c('paste', '-d:', 'x1', 'x2', 'x1'),
  c('nl', 'x1'),
  { cmds: [['nl']], stdin: ['a\n\nb'] },
  { cmds: [['nl', '-ba']], stdin: ['a\n\nb'] },
  { cmds: [['fold', '-w', '3']], stdin: ['abcdefghij'] },
  { cmds: [['fold', '-sw', '10']], stdin: ['the quick brown fox jumps'] },
  c('rev', 'x1'),
  c('tac', 'x1', 'x2'),
  c('od', '-c', 'x1'),
  c('od', '-An', '-tx1', 'x1'),
  c('od', 'x1'),
]);
