/**
 * Shell patterns (`case`, `[[ == ]]`, `${x#pat}`, pathname expansion). A pattern is a string in
 * which a backslash quotes the next character (the expander escapes quoted text that way).
 */

import { CLASSES } from '../commands/lib/regex';

const cache = new Map<string, RegExp>();

function escapeRe(c: string): string {
  // Only syntax characters may be escaped under the `u` flag.
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** Whether the pattern has an unquoted `*`, `?` or `[`. */
export function hasGlob(pat: string): boolean {
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && pat.indexOf(']', i + 2) > 0) return true;
  }
  return false;
}

/** Removes the pattern's backslash quoting. */
export function unescapePattern(pat: string): string {
  return pat.replace(/\\([\s\S])/g, '$1');
}

/** Escapes every pattern-special character so the text matches literally. */
export function escapePattern(s: string): string {
  return s.replace(/[\\*?[\]!^()|@+]/g, (c) => `\\${c}`);
}

/** Translates a shell pattern into a regular-expression source (no anchors). */
export function patternSource(pat: string, opts: { extglob?: boolean } = {}): string {
  let out = '';
  let i = 0;
  const n = pat.length;
  while (i < n) {
    const c = pat[i]!;
    if (c === '\\') {
      if (i + 1 < n) out += escapeRe(pat[i + 1]!);
      else out += '\\\\';
      i += 2;
      continue;
    }
    if (opts.extglob !== false && '?*+@!'.includes(c) && pat[i + 1] === '(') {
      const close = findClose(pat, i + 1);
      if (close > 0) {
        const alts = splitAlts(pat.slice(i + 2, close)).map((a) => patternSource(a, opts));
        const body = alts.join('|');
        switch (c) {
          case '?': out += `(?:${body})?`; break;
          case '*': out += `(?:${body})*`; break;
          case '+': out += `(?:${body})+`; break;
          case '@': out += `(?:${body})`; break;
          case '!': out += `(?:(?!(?:${body})$)[\\s\\S])*`; break;
        }
        i = close + 1;
        continue;
      }
    }
    if (c === '*') {
      out += '[\\s\\S]*';
      i++;
      continue;
    }
    if (c === '?') {
      out += '[\\s\\S]';
      i++;
      continue;
    }
    if (c === '[') {
      const r = bracket(pat, i);
      if (r) {
        out += r.src;
        i = r.end;
        continue;
      }
      out += '\\[';
      i++;
      continue;
    }
    out += escapeRe(c);
    i++;
  }
  return out;
}

function findClose(pat: string, open: number): number {
  let depth = 0;
  for (let j = open; j < pat.length; j++) {
    const ch = pat[j];
    if (ch === '\\') j++;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
}

function splitAlts(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (let j = 0; j < s.length; j++) {
    const ch = s[j]!;
    if (ch === '\\') {
      cur += ch + (s[j + 1] ?? '');
      j++;
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === '|' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function bracket(pat: string, start: number): { src: string; end: number } | undefined {
  let i = start + 1;
  let negate = false;
  if (pat[i] === '!' || pat[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  while (i < pat.length) {
    const c = pat[i]!;
    if (c === ']' && !first) {
      return { src: `[${negate ? '^' : ''}${body}]`, end: i + 1 };
    }
    first = false;
    if (c === '[' && pat[i + 1] === ':') {
      const close = pat.indexOf(':]', i + 2);
      if (close > 0) {
        const cls = CLASSES[pat.slice(i + 2, close)];
        if (cls !== undefined) {
          body += cls;
          i = close + 2;
          continue;
        }
      }
    }
    if (c === '\\' && i + 1 < pat.length) {
      body += escapeClass(pat[i + 1]!);
      i += 2;
      continue;
    }
    if (c === '-' && body !== '' && pat[i + 1] !== ']' && i + 1 < pat.length) {
      body += '-';
      i++;
      continue;
    }
    body += escapeClass(c);
    i++;
  }
  return undefined;
}

function escapeClass(c: string): string {
  return /[\\\]^[-]/.test(c) ? `\\${c}` : c;
}

/** The anchored RegExp of a pattern (cached). */
export function patternRegExp(pat: string, flags = ''): RegExp {
  const key = `${flags}\0${pat}`;
  let re = cache.get(key);
  if (!re) {
    re = new RegExp(`^(?:${patternSource(pat)})$`, `u${flags}`);
    if (cache.size > 2000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/** Whether `s` matches the whole pattern. */
export function matchPattern(pat: string, s: string, nocase = false): boolean {
  if (!hasGlob(pat) && !pat.includes('(')) return unescapePattern(pat) === s;
  try {
    return patternRegExp(pat, nocase ? 'i' : '').test(s);
  } catch {
    return unescapePattern(pat) === s;
  }
}

/**
 * `${x#pat}` and friends: removes the shortest/longest prefix/suffix matching `pat`.
 */
export function trimPattern(s: string, pat: string, op: '#' | '##' | '%' | '%%'): string {
  const chars = [...s];
  const n = chars.length;
  const at = (k: number) => chars.slice(0, k).join('');
  const from = (k: number) => chars.slice(k).join('');
  if (op === '#') {
    for (let k = 0; k <= n; k++) if (matchPattern(pat, at(k))) return from(k);
  } else if (op === '##') {
    for (let k = n; k >= 0; k--) if (matchPattern(pat, at(k))) return from(k);
  } else if (op === '%') {
    for (let k = n; k >= 0; k--) if (matchPattern(pat, from(k))) return at(k);
  } else {
    for (let k = 0; k <= n; k++) if (matchPattern(pat, from(k))) return at(k);
  }
  return s;
}

/** `${x/pat/rep}` forms. */
export function replacePattern(s: string, pat: string, rep: string, mode: '/' | '//' | '/#' | '/%'): string {
  const chars = [...s];
  const n = chars.length;
  const sub = (a: number, b: number) => chars.slice(a, b).join('');
  if (mode === '/#') {
    for (let k = n; k >= 0; k--) if (matchPattern(pat, sub(0, k))) return rep + sub(k, n);
    return s;
  }
  if (mode === '/%') {
    for (let k = 0; k <= n; k++) if (matchPattern(pat, sub(k, n))) return sub(0, k) + rep;
    return s;
  }
  if (pat === '') return s;
  let out = '';
  let i = 0;
  let replaced = false;
  while (i <= n) {
    let matched = -1;
    if (!(replaced && mode === '/')) {
      for (let k = n; k > i; k--) {
        if (matchPattern(pat, sub(i, k))) {
          matched = k;
          break;
        }
      }
    }
    if (matched > 0) {
      out += rep;
      i = matched;
      replaced = true;
      continue;
    }
    if (i < n) out += chars[i];
    i++;
  }
  return out;
}
