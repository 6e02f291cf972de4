/**
 * BuildKit's shell word lexer (frontend/dockerfile/shell/lex.go): variable substitution for Dockerfile
 * instructions (`$VAR`, `${VAR}`, `${VAR:-x}`, `${VAR:+x}`, `${VAR?err}`, `${VAR#pat}`, `${VAR%pat}`,
 * `${VAR/pat/repl}`), quote removal, escapes, and splitting into words. Unix semantics (case-sensitive
 * variable names).
 *
 * Quirks of the Go code are kept on purpose, for example that a nested `${…}` word resets the words
 * buffer of the enclosing word (ProcessWords of `a${x:-b}` gives `["b"]`).
 */
import { goQuote, isGoDigit, isGoLetter, isGoSpace } from '../../core/gotext';

/** Where variables come from: a plain object, a Map, or anything with get(). */
export type EnvSource = Readonly<Record<string, string>> | ReadonlyMap<string, string> | { get(name: string): string | undefined };

function envLookup(env: EnvSource, name: string): string | undefined {
  if (env instanceof Map) return env.get(name);
  if (typeof (env as { get?: unknown }).get === 'function') return (env as { get(name: string): string | undefined }).get(name);
  const rec = env as Readonly<Record<string, string>>;
  return Object.hasOwn(rec, name) ? rec[name] : undefined;
}

/** Options of a BuildKit `shell.Lex`. */
export interface LexOptions {
  /** The escape character: `\` (default) or `` ` `` (from `# escape=`). */
  escapeToken?: string;
  /** Keep quote characters in the output. */
  rawQuotes?: boolean;
  /** Keep escape characters in the output. */
  rawEscapes?: boolean;
  /** Do not treat quotes specially. */
  skipProcessQuotes?: boolean;
  /** Leave references to unset variables as they were written. */
  skipUnsetEnv?: boolean;
}

export type LexResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** The result of ProcessWordWithMatches: the expanded word and which variables were (not) found. */
export interface ProcessWordResult {
  result: string;
  words: string[];
  matched: Set<string>;
  unmatched: Set<string>;
}

class LexError extends Error {}

const EOF = null;
type Ch = string | typeof EOF;

class Scanner {
  private readonly chars: string[];
  private pos = 0;
  constructor(src: string) {
    this.chars = Array.from(src);
    // text/scanner skips a byte order mark at the very start.
    if (this.chars[0] === '\ufeff') this.pos = 1;
  }
  peek(): Ch {
    return this.chars[this.pos] ?? EOF;
  }
  next(): Ch {
    const ch = this.chars[this.pos] ?? EOF;
    if (ch !== EOF) this.pos++;
    return ch;
  }
}

/** `string(rune)` of Go for the scanner's EOF (-1) is U+FFFD. */
function runeString(ch: Ch): string {
  return ch === EOF ? '\ufffd' : ch;
}

class WordsBuilder {
  words: string[] = [];
  inWord = false;
  constructor(private readonly buf: { s: string }) {}
  addChar(ch: string): void {
    if (isGoSpace(ch) && this.inWord) {
      if (this.buf.s.length !== 0) {
        this.words.push(this.buf.s);
        this.buf.s = '';
        this.inWord = false;
      }
    } else if (!isGoSpace(ch)) {
      this.addRawChar(ch);
    }
  }
  addRawChar(ch: string): void {
    this.buf.s += ch;
    this.inWord = true;
  }
  addString(str: string): void {
    for (const ch of str) this.addChar(ch);
  }
  addRawString(str: string): void {
    this.buf.s += str;
    this.inWord = true;
  }
  getWords(): string[] {
    if (this.buf.s.length > 0) {
      this.words.push(this.buf.s);
      this.buf.s = '';
      this.inWord = false;
    }
    return this.words;
  }
}

class ShellWord {
  private readonly scanner: Scanner;
  /** Shared by every nested processStopOn call, as in BuildKit. */
  private readonly wordsBuffer = { s: '' };
  matches = new Set<string>();
  nonmatches = new Set<string>();

  constructor(
    private readonly lex: Required<LexOptions>,
    src: string,
    private readonly env: EnvSource,
    private rawEscapes: boolean,
  ) {
    this.scanner = new Scanner(src);
  }

  processStopOn(stopChar: Ch, rawEscapes: boolean): [string, string[]] {
    let result = '';
    this.wordsBuffer.s = '';
    const words = new WordsBuilder(this.wordsBuffer);
    const restore = rawEscapes !== this.rawEscapes;
    if (restore) this.rawEscapes = rawEscapes;
    try {
      while (this.scanner.peek() !== EOF) {
        const ch = this.scanner.peek() as string;
        if (stopChar !== EOF && ch === stopChar) {
          this.scanner.next();
          return [result, words.getWords()];
        }
        let fn: (() => string) | undefined;
        if (ch === '$') fn = () => this.processDollar();
        else if (ch === '<') fn = () => this.processPossibleHeredoc();
        else if (!this.lex.skipProcessQuotes && ch === "'") fn = () => this.processSingleQuote();
        else if (!this.lex.skipProcessQuotes && ch === '"') fn = () => this.processDoubleQuote();
        if (fn !== undefined) {
          const tmp = fn();
          result += tmp;
          if (ch === '$') words.addString(tmp);
          else words.addRawString(tmp);
          continue;
        }
        let c = this.scanner.next() as string;
        if (c === this.lex.escapeToken) {
          if (this.rawEscapes) {
            words.addRawChar(c);
            result += c;
          }
          const n = this.scanner.next();
          if (n === EOF) break;
          c = n;
          words.addRawChar(c);
        } else {
          words.addChar(c);
        }
        result += c;
      }
      if (stopChar !== EOF) {
        throw new LexError(`unexpected end of statement while looking for matching ${stopChar}`);
      }
      return [result, words.getWords()];
    } finally {
      if (restore) this.rawEscapes = !rawEscapes;
    }
  }

  private processSingleQuote(): string {
    let result = '';
    let ch = this.scanner.next();
    if (this.lex.rawQuotes) result += ch;
    for (;;) {
      ch = this.scanner.next();
      if (ch === EOF) throw new LexError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") {
        if (this.lex.rawQuotes) result += ch;
        return result;
      }
      result += ch;
    }
  }

  private processDoubleQuote(): string {
    let result = '';
    const open = this.scanner.next();
    if (this.lex.rawQuotes) result += open;
    for (;;) {
      const p = this.scanner.peek();
      if (p === EOF) throw new LexError('unexpected end of statement while looking for matching double-quote');
      if (p === '"') {
        const ch = this.scanner.next();
        if (this.lex.rawQuotes) result += ch;
        return result;
      }
      if (p === '$') {
        result += this.processDollar();
        continue;
      }
      let ch = this.scanner.next() as string;
      if (ch === this.lex.escapeToken) {
        if (this.rawEscapes) result += ch;
        const q = this.scanner.peek();
        if (q === EOF) continue; // ignore \ at end of word
        if (q === '"' || q === '$' || q === this.lex.escapeToken) ch = this.scanner.next() as string;
      }
      result += ch;
    }
  }

  private processDollar(): string {
    this.scanner.next();
    if (this.scanner.peek() !== '{') {
      const name = this.processName();
      if (name === '') return '$';
      const value = this.getEnv(name);
      if (value === undefined && this.lex.skipUnsetEnv) return '$' + name;
      return value ?? '';
    }
    this.scanner.next();
    const p = this.scanner.peek();
    if (p === EOF) throw new LexError("syntax error: missing '}'");
    if (p === '{' || p === '}' || p === ':') throw new LexError('syntax error: bad substitution');
    const name = this.processName();
    let ch = this.scanner.next();
    let chs = runeString(ch);
    let nullIsUnset = false;

    if (ch === '}') {
      const value = this.getEnv(name);
      if (value === undefined && this.lex.skipUnsetEnv) return `\${${name}}`;
      return value ?? '';
    }
    if (ch === ':' || ch === '+' || ch === '-' || ch === '?' || ch === '#' || ch === '%') {
      if (ch === ':') {
        nullIsUnset = true;
        ch = this.scanner.next();
        chs += runeString(ch);
      }
      const rawEscapes = ch === '#' || ch === '%';
      if (nullIsUnset && rawEscapes) throw new LexError(`unsupported modifier (${chs}) in substitution`);
      let word: string;
      try {
        [word] = this.processStopOn('}', rawEscapes);
      } catch (e) {
        if (e instanceof LexError && this.scanner.peek() === EOF) throw new LexError("syntax error: missing '}'");
        throw e;
      }
      const value = this.getEnv(name);
      const set = value !== undefined;
      if (this.lex.skipUnsetEnv && !set) return `\${${name}${chs}${word}}`;
      const v = value ?? '';
      switch (ch) {
        case '-':
          return !set || (nullIsUnset && v === '') ? word : v;
        case '+':
          return !set || (nullIsUnset && v === '') ? '' : word;
        case '?':
          if (!set) throw new LexError(`${name}: ${word !== '' ? word : 'is not allowed to be unset'}`);
          if (nullIsUnset && v === '') throw new LexError(`${name}: ${word !== '' ? word : 'is not allowed to be empty'}`);
          return v;
        case '%':
        case '#': {
          let greedy = false;
          if (word.length > 0 && word[0] === ch) {
            greedy = true;
            word = word.slice(1);
          }
          return ch === '%' ? trimSuffix(word, v, greedy) : trimPrefix(word, v, greedy);
        }
        default:
          throw new LexError(`unsupported modifier (${chs}) in substitution`);
      }
    }
    if (ch === '/') {
      const replaceAll = this.scanner.peek() === '/';
      if (replaceAll) this.scanner.next();
      let pattern: string;
      try {
        [pattern] = this.processStopOn('/', true);
      } catch (e) {
        if (e instanceof LexError && this.scanner.peek() === EOF) throw new LexError("syntax error: missing '/' in ${}");
        throw e;
      }
      let replacement: string;
      try {
        [replacement] = this.processStopOn('}', true);
      } catch (e) {
        if (e instanceof LexError && this.scanner.peek() === EOF) throw new LexError("syntax error: missing '}'");
        throw e;
      }
      const value = this.getEnv(name);
      if (value === undefined && this.lex.skipUnsetEnv) return `\${${name}/${pattern}/${replacement}}`;
      const re = convertShellPatternToRegex(pattern, true, false);
      let v = value ?? '';
      if (replaceAll) {
        v = goReplaceAll(re, v, replacement);
      } else {
        re.lastIndex = 0;
        const m = re.exec(v);
        if (m !== null) v = v.slice(0, m.index) + replacement + v.slice(m.index + m[0].length);
      }
      return v;
    }
    throw new LexError(`unsupported modifier (${chs}) in substitution`);
  }

  private processName(): string {
    let name = '';
    while (this.scanner.peek() !== EOF) {
      const ch = this.scanner.peek() as string;
      if (name.length === 0 && isGoDigit(ch)) {
        for (let d = this.scanner.peek(); d !== EOF && isGoDigit(d); d = this.scanner.peek()) {
          name += this.scanner.next();
        }
        return name;
      }
      if (name.length === 0 && isSpecialParam(ch)) {
        return this.scanner.next() as string;
      }
      if (!isGoLetter(ch) && !isGoDigit(ch) && ch !== '_') break;
      name += this.scanner.next();
    }
    return name;
  }

  private processPossibleHeredoc(): string {
    this.scanner.next();
    if (this.scanner.peek() !== '<') return '<';
    this.scanner.next();
    let space = '';
    for (let c = this.scanner.peek(); c === '\t' || c === '\r' || c === ' '; c = this.scanner.peek()) {
      space += c;
      this.scanner.next();
    }
    return '<<' + space;
  }

  private getEnv(name: string): string | undefined {
    const v = envLookup(this.env, name);
    if (v !== undefined) this.matches.add(name);
    else this.nonmatches.add(name);
    return v;
  }
}

function isSpecialParam(ch: string): boolean {
  return '@*#?-$!0'.includes(ch);
}

/**
 * BuildKit convertShellPatternToRegex: `*` and `?` wildcards (no bracket expressions) to a regular
 * expression. `.` becomes `[^\n]` to keep Go's meaning of `.`.
 */
function convertShellPatternToRegex(pattern: string, greedy: boolean, anchored: boolean): RegExp {
  const s = new Scanner(pattern);
  let out = anchored ? '^' : '';
  const star = greedy ? '[^\\n]*' : '[^\\n]*?';
  for (let tok = s.next(); tok !== EOF; tok = s.next()) {
    switch (tok) {
      case '*':
        out += star;
        continue;
      case '?':
        out += '[^\\n]';
        continue;
      case '\\': {
        const p = s.peek();
        if (p === '}' || p === '/') continue;
        out += '\\';
        const t = s.next();
        if (t !== '*' && t !== '?' && t !== '\\') {
          throw new LexError(`invalid pattern (${pattern}) in substitution: invalid escape '\\${runeString(t)}'`);
        }
        out += t;
        continue;
      }
      case '[':
      case ']':
      case '{':
      case '}':
      case '.':
      case '+':
      case '(':
      case ')':
      case '|':
      case '^':
      case '$':
        out += '\\' + tok;
        continue;
      case '/':
        out += '\\/';
        continue;
    }
    out += tok;
  }
  return new RegExp(out, 'gu');
}

function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const re = convertShellPatternToRegex(pattern, greedy, true);
  re.lastIndex = 0;
  const m = re.exec(value);
  return m !== null ? value.slice(m.index + m[0].length) : value;
}

/** Reverses a pattern without reversing escapes (`a\*c` → `c\*a`). */
function reversePattern(pattern: string): string {
  const runes = Array.from(pattern);
  const out = new Array<string>(runes.length);
  const last = runes.length - 1;
  for (let i = 0; i <= last; ) {
    const tok = runes[i] ?? '';
    const outIdx = last - i;
    if (tok === '\\' && i !== last) {
      out[outIdx - 1] = tok;
      out[outIdx] = runes[i + 1] ?? '';
      i += 2;
    } else {
      out[outIdx] = tok;
      i++;
    }
  }
  return out.join('');
}

function reverseString(s: string): string {
  return Array.from(s).reverse().join('');
}

function trimSuffix(pattern: string, word: string, greedy: boolean): string {
  return reverseString(trimPrefix(reversePattern(pattern), reverseString(word), greedy));
}

/** Go Regexp.Expand of a template for a regexp without capture groups. */
function goExpandTemplate(template: string, whole: string): string {
  let out = '';
  for (;;) {
    const i = template.indexOf('$');
    if (i < 0) break;
    out += template.slice(0, i);
    template = template.slice(i + 1);
    if (template.startsWith('$')) {
      out += '$';
      template = template.slice(1);
      continue;
    }
    let name: string;
    let rest: string;
    if (template.startsWith('{')) {
      const close = template.indexOf('}');
      name = close < 0 ? '' : template.slice(1, close);
      if (close < 0 || name === '' || !/^\w+$/.test(name)) {
        out += '$';
        continue;
      }
      rest = template.slice(close + 1);
    } else {
      const m = /^\w+/.exec(template);
      if (m === null) {
        out += '$';
        continue;
      }
      name = m[0];
      rest = template.slice(name.length);
    }
    template = rest;
    if (/^\d+$/.test(name) && Number(name) === 0) out += whole;
  }
  return out + template;
}

/** Go Regexp.ReplaceAllString (empty matches next to a previous match are skipped). */
function goReplaceAll(re: RegExp, src: string, repl: string): string {
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= src.length) {
    re.lastIndex = searchPos;
    const m = re.exec(src);
    if (m === null) break;
    const a0 = m.index;
    const a1 = m.index + m[0].length;
    out += src.slice(lastMatchEnd, a0);
    if (a1 > lastMatchEnd || a0 === 0) out += goExpandTemplate(repl, m[0]);
    lastMatchEnd = a1;
    const cp = src.codePointAt(searchPos);
    const width = cp === undefined ? 0 : cp > 0xffff ? 2 : 1;
    if (searchPos + width > a1) searchPos += width;
    else if (searchPos + 1 > a1) searchPos++;
    else searchPos = a1;
  }
  return out + src.slice(lastMatchEnd);
}

/** A BuildKit shell lexer with fixed options. */
export class ShellLex {
  private readonly opts: Required<LexOptions>;

  constructor(opts: LexOptions = {}) {
    this.opts = {
      escapeToken: opts.escapeToken ?? '\\',
      rawQuotes: opts.rawQuotes ?? false,
      rawEscapes: opts.rawEscapes ?? false,
      skipProcessQuotes: opts.skipProcessQuotes ?? false,
      skipUnsetEnv: opts.skipUnsetEnv ?? false,
    };
  }

  /** ProcessWordWithMatches: expand `word` as one word, and record which variables were used. */
  processWordWithMatches(word: string, env: EnvSource): LexResult<ProcessWordResult> {
    const sw = new ShellWord(this.opts, word, env, this.opts.rawEscapes);
    try {
      const [result, words] = sw.processStopOn(EOF, this.opts.rawEscapes);
      return { ok: true, value: { result, words, matched: sw.matches, unmatched: sw.nonmatches } };
    } catch (e) {
      if (e instanceof LexError) return { ok: false, error: `failed to process ${goQuote(word)}: ${e.message}` };
      throw e;
    }
  }

  /** ProcessWord: expand `word` as one word (spaces kept). */
  processWord(word: string, env: EnvSource): LexResult<string> {
    const r = this.processWordWithMatches(word, env);
    return r.ok ? { ok: true, value: r.value.result } : r;
  }

  /** ProcessWords: expand `word`, then split it into words on unquoted white space. */
  processWords(word: string, env: EnvSource): LexResult<string[]> {
    const r = this.processWordWithMatches(word, env);
    return r.ok ? { ok: true, value: r.value.words } : r;
  }
}

/**
 * Expands variables in one Dockerfile word as BuildKit does for ENV, ARG, WORKDIR, COPY, … :
 * `expandWord('$HOME/app', { HOME: '/root' })` → `{ ok: true, value: '/root/app' }`. Errors carry
 * BuildKit's text, e.g. `failed to process "${X:?}": X: is not allowed to be unset`.
 */
export function expandWord(word: string, env: EnvSource, escapeToken = '\\'): LexResult<string> {
  return new ShellLex({ escapeToken }).processWord(word, env);
}

/** Expands variables and splits into words, as BuildKit's ProcessWords. */
export function expandWords(word: string, env: EnvSource, escapeToken = '\\'): LexResult<string[]> {
  return new ShellLex({ escapeToken }).processWords(word, env);
}
