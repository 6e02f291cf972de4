import { describe, expect, it } from 'vitest';
import { expandWord, expandWords, ShellLex } from './lex';


// platform 'windows' rows test Windows' case-insensitive variable names; the simulated builder is Linux.

// The shellWordExpansion and shellWordsSplit vectors run in src/cli/lib/conformance/dockerfileParser.ts.

describe('error texts', () => {
  it('wraps errors as BuildKit does', () => {
    expect(expandWord('${X:?}', {})).toEqual({ ok: false, error: 'failed to process "${X:?}": X: is not allowed to be unset' });
    expect(expandWord('${X:?}', { X: '' })).toEqual({ ok: false, error: 'failed to process "${X:?}": X: is not allowed to be empty' });
    expect(expandWord('${X?need X}', {})).toEqual({ ok: false, error: 'failed to process "${X?need X}": X: need X' });
    expect(expandWord('he${}', {})).toEqual({ ok: false, error: 'failed to process "he${}": syntax error: bad substitution' });
    expect(expandWord('${aaa', {})).toEqual({ ok: false, error: `failed to process "\${aaa": unsupported modifier (\ufffd) in substitution` });
    expect(expandWord('${aaa:-b', {})).toEqual({ ok: false, error: 'failed to process "${aaa:-b": syntax error: missing \'}\'' });
    expect(expandWord("'x", {})).toEqual({
      ok: false,
      error: `failed to process "'x": unexpected end of statement while looking for matching single-quote`,
    });
    expect(expandWord('${a:=b}', {})).toEqual({ ok: false, error: 'failed to process "${a:=b}": unsupported modifier (:=) in substitution' });
    expect(expandWord('${a:#b}', { a: 'x' })).toEqual({ ok: false, error: 'failed to process "${a:#b}": unsupported modifier (:#) in substitution' });
  });
});

describe('pattern operators', () => {
  const env = { F: 'archive.tar.gz', P: '/usr/local/bin', S: 'aXbXc' };
  it.each([
    ['${F%.*}', 'archive.tar'],
    ['${F%%.*}', 'archive'],
    ['${F#*.}', 'tar.gz'],
    ['${F##*.}', 'gz'],
    ['${P#/usr}', '/local/bin'],
    ['${S/X/-}', 'a-bXc'],
    ['${S//X/-}', 'a-b-c'],
    ['${S//X/}', 'abc'],
    ['${S/?/}', 'XbXc'],
    ['${F%\\*.gz}', 'archive.tar.gz'], // an escaped * is a literal *
  ])('%s → %s', (word, want) => {
    expect(expandWord(word, env)).toEqual({ ok: true, value: want });
  });

  it('rejects what BuildKit rejects', () => {
    expect(expandWord('${S//X}', env)).toEqual({ ok: false, error: 'failed to process "${S//X}": syntax error: missing \'/\' in ${}' });
    // The pattern of % is reversed before it is compiled, and the message shows it reversed.
    expect(expandWord('${F%\\.gz}', env)).toEqual({
      ok: false,
      error: 'failed to process "${F%\\\\.gz}": invalid pattern (zg\\.) in substitution: invalid escape \'\\.\'',
    });
  });

  it('skips empty matches next to a previous match when replacing all, as Go does', () => {
    expect(expandWord('${S//*/-}', { S: 'abc' })).toEqual({ ok: true, value: '-' });
  });
});

describe('escape token and options', () => {
  it('honours a backtick escape token', () => {
    expect(expandWord('a`$b', { b: 'x' }, '`')).toEqual({ ok: true, value: 'a$b' });
    expect(expandWord('a\\b', {}, '`')).toEqual({ ok: true, value: 'a\\b' });
  });
  it('keeps unset variables with skipUnsetEnv', () => {
    const lex = new ShellLex({ skipUnsetEnv: true });
    expect(lex.processWord('$A ${B} ${C:-x} ${D/a/b}', {})).toEqual({ ok: true, value: '$A ${B} ${C:-x} ${D/a/b}' });
  });
  it('reports matched and unmatched variables', () => {
    const r = new ShellLex().processWordWithMatches('$A ${B:-x} $C', { A: '1' });
    expect(r.ok && [...r.value.matched]).toEqual(['A']);
    expect(r.ok && [...r.value.unmatched].sort()).toEqual(['B', 'C']);
  });
  it('keeps the shared words buffer quirk of nested substitutions', () => {
    expect(expandWords('hello${x:-a}', {})).toEqual({ ok: true, value: ['a'] });
  });
  it('splits on white space that comes from a variable', () => {
    expect(expandWords('a $V', { V: ' b  c ' })).toEqual({ ok: true, value: ['a', 'b', 'c'] });
  });
});
