import { describe, expect, it } from 'vitest';
import type { Word } from '../syntax/ast';
import { braceExpand } from './brace';
import { escapePattern, hasGlob, matchPattern, replacePattern, trimPattern } from './pattern';

const lit = (s: string): Word => ({ type: 'Word', parts: [{ type: 'Literal', value: s }], text: s });
const brace = (s: string) => braceExpand(lit(s)).map((w) => w.parts.map((p) => (p.type === 'Literal' ? p.value : '?')).join(''));

describe('patterns', () => {
  it.each([
    ['*.txt', 'a.txt', true],
    ['*.txt', 'a.log', false],
    ['?', 'ab', false],
    ['[abc]x', 'bx', true],
    ['[!abc]x', 'bx', false],
    ['[^abc]x', 'dx', true],
    ['[a-c]*', 'cat', true],
    ['[[:upper:]]*', 'Abc', true],
    ['[[:digit:]][[:digit:]]', '42', true],
    ['\\*', '*', true],
    ['\\*', 'a', false],
    ['a\\?b', 'a?b', true],
    ['[]]', ']', true],
    ['@(foo|bar)', 'bar', true],
    ['!(foo)', 'bar', true],
    ['!(foo)', 'foo', false],
    ['+(ab)', 'abab', true],
  ])('%s matches %s: %s', (pat, s, want) => {
    expect(matchPattern(pat, s)).toBe(want);
  });

  it('finds glob characters and escapes them', () => {
    expect(hasGlob('a*')).toBe(true);
    expect(hasGlob('a\\*')).toBe(false);
    expect(hasGlob('[a')).toBe(false);
    expect(matchPattern(escapePattern('a*[b]?'), 'a*[b]?')).toBe(true);
  });

  it('trims prefixes and suffixes, shortest and longest', () => {
    const p = '/usr/local/bin/file.tar.gz';
    expect(trimPattern(p, '*/', '#')).toBe('usr/local/bin/file.tar.gz');
    expect(trimPattern(p, '*/', '##')).toBe('file.tar.gz');
    expect(trimPattern(p, '.*', '%')).toBe('/usr/local/bin/file.tar');
    expect(trimPattern(p, '.*', '%%')).toBe('/usr/local/bin/file');
    expect(trimPattern('abc', 'x', '#')).toBe('abc');
  });

  it('replaces first, all, anchored', () => {
    expect(replacePattern('banana', 'a', 'o', '/')).toBe('bonana');
    expect(replacePattern('banana', 'a', 'o', '//')).toBe('bonono');
    expect(replacePattern('banana', 'b', 'B', '/#')).toBe('Banana');
    expect(replacePattern('banana', 'a', 'A', '/%')).toBe('bananA');
    expect(replacePattern('banana', 'a*', 'X', '/')).toBe('bX');
  });
});

describe('brace expansion', () => {
  it.each([
    ['{a,b,c}', ['a', 'b', 'c']],
    ['x{1,2}y', ['x1y', 'x2y']],
    ['{1..5}', ['1', '2', '3', '4', '5']],
    ['{5..1..2}', ['5', '3', '1']],
    ['{a..e}', ['a', 'b', 'c', 'd', 'e']],
    ['{01..03}', ['01', '02', '03']],
    ['{-2..2}', ['-2', '-1', '0', '1', '2']],
    ['{a,{b,c}}d', ['ad', 'bd', 'cd']],
    ['{a,b}{1,2}', ['a1', 'a2', 'b1', 'b2']],
    ['{x}', ['{x}']],
    ['{}', ['{}']],
    ['{1..a}', ['{1..a}']],
    ['a{b}c{d,e}', ['a{b}cd', 'a{b}ce']],
  ])('%s', (src, want) => {
    expect(brace(src)).toEqual(want);
  });

  it('leaves escaped braces alone', () => {
    const w: Word = { type: 'Word', parts: [{ type: 'Literal', value: '{a,b}', escaped: [0] }], text: '\\{a,b}' };
    expect(braceExpand(w)).toHaveLength(1);
  });
});

describe('patterns with regex-special characters', () => {
  it.each([
    ['*-256color', 'xterm-256color', true],
    ['a.b', 'a.b', true],
    ['a.b', 'axb', false],
    ['x+y(z)', 'x+y(z)', true],
    ['{a}', '{a}', true],
    ['a/b*', 'a/bc', true],
    ['[a-]x', '-x', true],
    ['$^|', '$^|', true],
  ])('%s matches %s: %s', (pat, s, want) => {
    expect(matchPattern(pat, s)).toBe(want);
  });
});
