import { describe, it, expect } from 'vitest';
import { formatMatchList, printablePart, sortMatches } from './complete';

describe('completion listings', () => {
  it('sorts in byte order without duplicates', () => {
    expect(sortMatches(['b', 'B', 'a', '_x', 'b', 'A10', 'A9'])).toEqual(['A10', 'A9', 'B', '_x', 'a', 'b']);
  });

  it('shows file names without the directory typed', () => {
    expect(printablePart('src/shell/', 'src/sh')).toBe('shell/');
    expect(printablePart('docker', 'do')).toBe('docker');
  });

  it('lays out down columns as readline does, padding every name but in the last column', () => {
    // 40 / (6 + 2) = 5 columns, but 5 * 8 == 40 so one fewer: 4 columns, 2 rows.
    expect(formatMatchList(['foo1', 'foo2', 'foobar', 'fooba', 'f5'], 40)).toEqual(['foo1    foobar  f5      ', 'foo2    fooba   ']);
    expect(formatMatchList(['foo1', 'foo2', 'foobar'], 40)).toEqual(['foo1    foo2    foobar  ']);
  });

  it('uses one column when a name is wider than the terminal', () => {
    expect(formatMatchList(['x'.repeat(30), 'y'], 20)).toEqual(['x'.repeat(30), 'y']);
  });

  it('counts wide characters as two columns', () => {
    expect(formatMatchList(['中文', 'ab'], 20)).toEqual(['中文  ab    ']);
  });
});
