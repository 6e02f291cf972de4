import { describe, expect, it } from 'vitest';
import { IgnoreMatcher, readIgnoreFile } from './dockerignore';

describe('.dockerignore', () => {
  const m = (text: string) => new IgnoreMatcher(readIgnoreFile(text));
  it('follows moby/patternmatcher: comments, globs, **, directories, ! exceptions, last match wins', () => {
    const x = m('# comment\nnode_modules\n*.log\n!keep.log\n**/*.tmp\n/build\ndocs/**/*.md\n!docs/README.md\n');
    expect(x.excluded('node_modules')).toBe(true);
    expect(x.excluded('node_modules/a/b.js')).toBe(true);
    expect(x.excluded('sub/node_modules')).toBe(false);
    expect(x.excluded('err.log')).toBe(true);
    expect(x.excluded('keep.log')).toBe(false);
    expect(x.excluded('sub/err.log')).toBe(false);
    expect(x.excluded('a/b/c.tmp')).toBe(true);
    expect(x.excluded('c.tmp')).toBe(true);
    expect(x.excluded('build/out.js')).toBe(true);
    expect(x.excluded('docs/a/b.md')).toBe(true);
    expect(x.excluded('docs/x.md')).toBe(true);
    expect(x.excluded('docs/README.md')).toBe(false);
    expect(x.excluded('# comment')).toBe(false);
    expect(m('?.txt\n[ab].c\n').excluded('x.txt')).toBe(true);
    expect(m('?.txt\n[ab].c\n').excluded('xy.txt')).toBe(false);
    expect(m('[ab].c\n').excluded('b.c')).toBe(true);
    expect(m('*\n!src\n').excluded('src/main.c')).toBe(false);
    expect(m('*\n!src\n').excluded('Dockerfile')).toBe(true);
  });
});
