/**
 * `.dockerignore` as BuildKit reads it (moby/patternmatcher and its ignorefile package): one pattern
 * a line, `#` comments, `!` exceptions, Go filepath.Match syntax plus `**`, a leading `/` ignored, and
 * a pattern that matches a directory excluding everything below it. The last matching pattern wins.
 */

interface Pattern {
  readonly text: string;
  readonly exclusion: boolean;
  readonly re: RegExp | undefined;
  /** Path components of the pattern (how many parent levels to try). */
  readonly dirs: number;
}

/** ignorefile.ReadAll: the patterns of a .dockerignore text, cleaned. */
export function readIgnoreFile(text: string): string[] {
  const out: string[] = [];
  let first = true;
  for (let line of text.split('\n')) {
    if (first) {
      line = line.replace(/^\uFEFF/, '');
      first = false;
    }
    line = line.replace(/\r$/, '');
    if (line.startsWith('#')) continue;
    line = line.trim();
    if (line === '') continue;
    let invert = false;
    if (line.startsWith('!')) {
      invert = true;
      line = line.slice(1).trim();
    }
    if (line.length > 0) {
      line = cleanPath(line);
      if (line.startsWith('/') && line.length > 1) line = line.slice(1);
      else if (line === '/') line = '.';
    }
    out.push(invert ? `!${line}` : line);
  }
  return out;
}

/** filepath.Clean. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const abs = p.startsWith('/');
  const parts: string[] = [];
  for (const c of p.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!abs) parts.push('..');
      continue;
    }
    parts.push(c);
  }
  const s = parts.join('/');
  return abs ? `/${s}` : s || '.';
}

function compile(p: string): RegExp | undefined {
  let re = '^';
  const chars = [...p];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '*') {
      if (chars[i + 1] === '*') {
        i++;
        if (chars[i + 1] === '/') i++;
        re += i + 1 >= chars.length ? '.*' : '(.*/)?';
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '\\') {
      const next = chars[i + 1];
      if (next === undefined) return undefined; // ErrBadPattern
      i++;
      re += next.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (ch === '[' || ch === ']') re += ch;
    else if (ch === '^' && re.endsWith('[')) re += '^';
    else if (ch === '!' && re.endsWith('[')) re += '^';
    else re += ch.replace(/[.*+?^${}()|\\/-]/g, (m) => (m === '-' ? '-' : `\\${m}`));
  }
  re += '$';
  try {
    return new RegExp(re);
  } catch {
    return undefined;
  }
}

/** patternmatcher.PatternMatcher: is a context path excluded? */
export class IgnoreMatcher {
  private readonly patterns: Pattern[];

  constructor(patterns: readonly string[]) {
    this.patterns = patterns
      .map((raw) => {
        const exclusion = raw.startsWith('!');
        const text = cleanPath(exclusion ? raw.slice(1) : raw);
        return { text, exclusion, re: compile(text), dirs: text.split('/').length };
      })
      .filter((p) => p.text !== '');
  }

  get empty(): boolean {
    return this.patterns.length === 0;
  }

  /** MatchesOrParentMatches, for a slash-separated path relative to the context root. */
  excluded(file: string): boolean {
    const f = cleanPath(file);
    const parent = f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '.';
    const parentDirs = parent === '.' ? [] : parent.split('/');
    let matched = false;
    for (const p of this.patterns) {
      if (!p.re) continue;
      let m = p.re.test(f);
      if (!m && parent !== '.' && p.dirs <= parentDirs.length) m = p.re.test(parentDirs.slice(0, p.dirs).join('/'));
      if (m) matched = !p.exclusion;
    }
    return matched;
  }

  /** Whether some exception could re-include something below an excluded directory. */
  get hasExceptions(): boolean {
    return this.patterns.some((p) => p.exclusion);
  }
}
