/**
 * The shell's lexer and parser: source text → the typed AST of ./ast.ts.
 *
 * A hand-written recursive-descent parser over an on-demand scanner, like bash's own: tokenizing
 * depends on the parser's state (reserved words only in command position, `((` only where a
 * command starts, the right side of `=~`, here-document bodies read after the next newline), so the
 * parser asks for one token at a time and never looks further ahead than one token.
 *
 * Error convention. `error.message` is the text the shell prints after its own prefix, and
 * `error.line` the line number it puts in that prefix:
 *  - bash: `bash: -c: line ${line}: ${message}` (or `bash: line N: ` for a script on stdin,
 *    `${script}: line N: ` for a file); messages are bash 5.2's, e.g.
 *    "syntax error near unexpected token `fi'", "syntax error: unexpected end of file",
 *    "unexpected EOF while looking for matching `''". For "near unexpected token" errors a
 *    non-interactive bash prints a second line, `bash: -c: line ${line}: ${detail}`, where
 *    `error.detail` quotes the source line holding the token: `` `echo a; fi' ``.
 *  - dash: `sh: ${line}: ${message}`, e.g. `Syntax error: "fi" unexpected`,
 *    `Syntax error: end of file unexpected (expecting "fi")`.
 *  - ash (busybox): `sh: line ${line}: ${message}` for scripts, `sh: ${message}` for `-c`,
 *    e.g. `syntax error: unexpected "fi"`, `syntax error: unterminated quoted string`.
 * Warnings that do not stop the parse (bash's "here-document at line N delimited by end-of-file")
 * come back in `warnings` with the same convention.
 */
import { decodeAnsiC } from './ansi';
import type {
  AndOr,
  Assignment,
  CaseItem,
  Command,
  FunctionDef,
  HereDoc,
  Literal,
  ParamExpansion,
  ParamOp,
  Pipeline,
  Redirect,
  RedirectOp,
  Script,
  SimpleCommand,
  Statement,
  TestExpr,
  Word,
  WordPart,
} from './ast';

export type ParseResult =
  | { ok: true; script: Script; /** Non-fatal diagnostics, e.g. a here-document ended by EOF. */ warnings?: ShellSyntaxError[] }
  /** The input ends inside a construct: the REPL prints PS2 ("> ") and reads another line. */
  /** `inHereDoc`: the input ends inside a here-document body (no history expansion there). */
  | { ok: false; incomplete: true; inHereDoc?: boolean }
  | {
      ok: false;
      incomplete: false;
      error: ShellSyntaxError;
      /**
       * The complete lines before the error. bash reads and runs a script (or `-c` string) one
       * top-level line at a time, so `echo a` in "echo a\nfi" runs before the error is reported;
       * an interpreter that wants the same runs `partial`, then prints the error.
       */
      partial: Script;
    };

export interface ShellSyntaxError {
  /** The dialect's words after its prefix, e.g. "syntax error near unexpected token `fi'". */
  message: string;
  /** 1-based line of the error. */
  line: number;
  /**
   * bash, non-interactive: a second message line, printed with the same prefix. For "near
   * unexpected token" errors it quotes the source line: `` `echo a; fi' ``. An interactive bash
   * does not print it.
   */
  detail?: string;
  /** bash, "near unexpected token" errors: the raw source line holding the token (`detail` is it quoted). */
  sourceLine?: string;
}

export type Dialect = 'bash' | 'dash' | 'ash';

export interface ParseOptions {
  /** 'bash' (default), 'dash' or 'ash' (busybox): dialects differ in messages and a few constructs */
  dialect?: Dialect;
  /** Alias lookup, applied to the first word of each simple command as bash does (an alias whose value
   *  ends in a space also expands the next word). Recursive aliases stop as in bash. */
  aliases?: (name: string) => string | undefined;
  /** true when the input is typed interactively (affects only incomplete-vs-error decisions at EOF) */
  interactive?: boolean;
}

export function parse(source: string, opts: ParseOptions = {}): ParseResult {
  const p = new Parser(source, opts, 1);
  try {
    const body = p.parseProgram();
    if (opts.interactive && endsWithContinuation(source)) return { ok: false, incomplete: true };
    const script: Script = { type: 'Script', body };
    return p.warnings.length ? { ok: true, script, warnings: p.warnings } : { ok: true, script };
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    if (e.result.incomplete) return e.result;
    return { ...e.result, partial: { type: 'Script', body: p.committedStatements() } };
  }
}

/** The text ends in a backslash (or backslash-newline) that continues the line. */
function endsWithContinuation(s: string): boolean {
  let end = s.length;
  if (codeAt(s, end - 1) === 10) end--;
  let n = 0;
  while (end - n - 1 >= 0 && codeAt(s, end - n - 1) === 92) n++;
  return n % 2 === 1;
}

// ---------------------------------------------------------------------------------------------

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
/** Commands that carry redirections of their own. */
type Compound = Exclude<Command, FunctionDef>;

class Stop {
  constructor(readonly result: { ok: false; incomplete: true; inHereDoc?: boolean } | { ok: false; incomplete: false; error: ShellSyntaxError }) {}
}

const NO_STATEMENTS: readonly Statement[] = [];

/** Thrown inside `$((` when the text turns out not to be arithmetic: reparse as `$( (`. */
class NotArith {}

interface Token {
  kind: 'word' | 'op' | 'nl' | 'eof';
  /** The operator for 'op', the source text for 'word'. */
  text: string;
  word: Word | undefined;
  /** The word has the shape of an assignment (`a=1`, `a+=x`, `a[i]=x`, `a=(x y)`). */
  assign: Assignment | undefined;
  /** Unquoted literal with no escapes or expansions: a candidate reserved word or alias. */
  plain: boolean;
  /** Explicit fd of a redirection operator (`2>`). */
  fd: number | undefined;
  start: number;
  end: number;
  line: number;
}

interface PendingHeredoc {
  redirect: Mutable<Redirect>;
  delimiter: string;
  quoted: boolean;
  strip: boolean;
  line: number;
}

const enum Mode {
  /** An ordinary word: ends at a metacharacter. */
  Normal,
  /** The right side of `=~`: parentheses nest, ends at a blank outside them. */
  Regex,
  /** Inside `[...]` of a subscript: ends at the matching `]`. */
  Subscript,
  /** Inside `${...}`: ends at the matching `}` (or `/`, `:` when asked). */
  Param,
  /** Inside `$((...))` / `((...))`: ends at the matching `))`. */
  Arith,
}

/** What each dialect's grammar has beyond POSIX sh. */
interface Features {
  /** `$'...'` */
  ansiC: boolean;
  /** `&>` */
  ampRedir: boolean;
  /** `&>>`, `|&`, `<<<`, `;&`, `;;&`, `$"..."`, arrays, `((...))`, `[[ ]]`, `time` */
  bash: boolean;
  /** `<(...)`, `>(...)` */
  procSubst: boolean;
}
const FEATURES: Record<Dialect, Features> = {
  bash: { ansiC: true, ampRedir: true, bash: true, procSubst: true },
  dash: { ansiC: false, ampRedir: false, bash: false, procSubst: false },
  ash: { ansiC: true, ampRedir: true, bash: false, procSubst: true },
};

/** Tokens that end any list in dash and busybox ash (their `tokendlist`). */
const END_TOKENS = new Set(['do', 'done', 'elif', 'else', 'esac', 'fi', 'then', '}', ')', ';;']);

const RESERVED: Record<Dialect, ReadonlySet<string>> = {
  bash: new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', '{', '}', '!', '[[', ']]', 'function', 'time']),
  dash: new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', '{', '}', '!']),
  ash: new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', '{', '}', '!', 'function']),
};

const DECLARE_LIKE = new Set(['declare', 'typeset', 'local', 'export', 'readonly']);

const TEST_UNARY = new Set([
  '-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-p', '-r', '-s', '-t', '-u', '-w', '-x',
  '-G', '-L', '-N', '-O', '-S', '-z', '-n', '-o', '-v', '-R',
]);
const TEST_BINARY = new Set(['==', '=', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

const T_IF_COND = new Set(['then']);
const T_IF_BODY = new Set(['elif', 'else', 'fi']);
const T_ELSE = new Set(['fi']);
const T_DO = new Set(['do']);
const T_DONE = new Set(['done']);
const T_BRACE = new Set(['}']);
const T_PAREN = new Set([')']);
const T_CASE = new Set([';;', ';&', ';;&', 'esac']);
const T_NONE = new Set<string>();

/** dash / ash: ` (expecting "fi")`; a word is named without quotes. */
function expectingText(expecting: string | undefined): string {
  if (!expecting) return '';
  return expecting === 'word' ? ' (expecting word)' : ` (expecting "${expecting}")`;
}

/** A character that can start a parameter name after `${#` or `${!`. */
function isParamStart(x: number): boolean {
  return isNameChar(x) || x === 64 || x === 42 || x === 35 || x === 63 || x === 36 || x === 33 || x === 45;
}

/**
 * `s.charCodeAt(i)`, NaN past the end as charCodeAt gives, but without reading out of bounds:
 * an out-of-bounds read deoptimises the lexer's hot functions once they are optimised (the
 * scanner looks one or two characters ahead of the end of every line).
 */
function codeAt(s: string, i: number): number {
  return i >= 0 && i < s.length ? s.charCodeAt(i) : NaN;
}
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
/** Shell metacharacters that end an unquoted word: blank, newline, ; & | < > ( ). */
function isMeta(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 59 || c === 38 || c === 124 || c === 60 || c === 62 || c === 40 || c === 41;
}
const SPECIAL_PARAMS = '@*#?$!-0';

/** Accumulates word parts, merging literal text. */
class Parts {
  parts: WordPart[] = [];
  private lit = '';
  private esc: number[] | null = null;
  text(s: string): void {
    this.lit += s;
  }
  escaped(ch: string): void {
    (this.esc ??= []).push(this.lit.length);
    this.lit += ch;
  }
  push(p: WordPart): void {
    this.flush();
    this.parts.push(p);
  }
  flush(): void {
    if (this.lit) {
      const l: Mutable<Literal> = { type: 'Literal', value: this.lit };
      if (this.esc) l.escaped = this.esc;
      this.parts.push(l);
      this.lit = '';
      this.esc = null;
    }
  }
  done(): WordPart[] {
    this.flush();
    return this.parts;
  }
}

/** Append `src` parts to `dst`, merging adjacent literals. */
function appendParts(dst: WordPart[], src: readonly WordPart[]): void {
  for (const p of src) {
    const last = dst[dst.length - 1];
    if (p.type === 'Literal' && last?.type === 'Literal') {
      const esc = [...(last.escaped ?? []), ...(p.escaped ?? []).map((i) => i + last.value.length)];
      const merged: Mutable<Literal> = { type: 'Literal', value: last.value + p.value };
      if (esc.length) merged.escaped = esc;
      dst[dst.length - 1] = merged;
    } else dst.push(p);
  }
}

class Parser {
  private src: string;
  private len: number;
  private pos = 0;
  private line: number;
  private tok: Token | null = null;
  private readonly dialect: Dialect;
  private readonly interactive: boolean;
  private readonly reserved: ReadonlySet<string>;
  private readonly f: Features;
  private readonly aliasFn: ((name: string) => string | undefined) | undefined;
  private pending: PendingHeredoc[] = [];
  readonly warnings: ShellSyntaxError[] = [];
  /** Alias expansions in progress: the alias is not expanded again before `end`. */
  private aliasRegions: { name: string; end: number }[] = [];
  /** After an alias whose value ends in a blank: a word starting at or after this is alias-checked. */
  private aliasNextAt = -1;
  /** The first word of an alias's expansion is itself alias-checked. */
  private aliasAgainAt = -1;

  constructor(source: string, private readonly opts: ParseOptions, firstLine: number) {
    this.src = source;
    this.len = source.length;
    this.line = firstLine;
    this.dialect = opts.dialect ?? 'bash';
    this.interactive = opts.interactive ?? false;
    this.reserved = RESERVED[this.dialect];
    this.f = FEATURES[this.dialect];
    this.aliasFn = opts.aliases;
  }

  // ----- entry points ----------------------------------------------------------------------

  /** The top-level statement list being built, and how many of its statements ended a line. */
  private program: readonly Statement[] = NO_STATEMENTS;
  private committed = 0;

  committedStatements(): Statement[] {
    return this.program.slice(0, this.committed);
  }

  parseProgram(): Statement[] {
    const body = this.parseStatements(T_NONE, true, undefined, false, true);
    const t = this.peek();
    if (t.kind !== 'eof') this.unexpected(t);
    return body;
  }

  // ----- errors ----------------------------------------------------------------------------

  private stop(message: string, line: number, detail?: string, sourceLine?: string): never {
    const error: ShellSyntaxError = { message, line };
    if (detail !== undefined && this.dialect === 'bash') error.detail = detail;
    if (sourceLine !== undefined && this.dialect === 'bash') error.sourceLine = sourceLine;
    throw new Stop({ ok: false, incomplete: false, error });
  }

  private incomplete(inHereDoc = false): never {
    throw new Stop(inHereDoc ? { ok: false, incomplete: true, inHereDoc } : { ok: false, incomplete: true });
  }

  /** The line bash reports for an error at end of input: it counts a final newline even if absent. */
  private eofLine(): number {
    if (this.dialect !== 'bash') return this.line;
    return this.len > 0 && codeAt(this.src, this.len - 1) !== 10 ? this.line + 1 : this.line;
  }

  private sourceLineAt(pos: number): string {
    const s = this.src.lastIndexOf('\n', pos - 1) + 1;
    let e = this.src.indexOf('\n', pos);
    if (e < 0) e = this.len;
    return this.src.slice(s, e);
  }

  /** More input could complete the construct: incomplete when interactive, else an EOF error. */
  private unexpectedEof(expecting?: string): never {
    if (this.interactive) this.incomplete();
    switch (this.dialect) {
      case 'bash':
        return this.stop('syntax error: unexpected end of file', this.eofLine());
      case 'dash':
        return this.stop(`Syntax error: end of file unexpected${expectingText(expecting)}`, this.line);
      case 'ash':
        return this.stop(`syntax error: unexpected end of file${expectingText(expecting)}`, this.line);
    }
  }

  /**
   * A token the grammar does not allow here. At end of input: where a newline would also be wrong
   * (`echo >`, `for`), bash names the newline; elsewhere more input could help (`unexpectedEof`).
   */
  private unexpected(t: Token, expecting?: string, eofIsNewline = false): never {
    if (t.kind === 'eof' && !eofIsNewline) this.unexpectedEof(expecting);
    const srcLine = this.sourceLineAt(Math.min(t.start, this.len));
    const line = t.line;
    switch (this.dialect) {
      case 'bash': {
        const name = t.kind === 'nl' || t.kind === 'eof' ? 'newline' : t.text;
        return this.stop(`syntax error near unexpected token \`${name}'`, line, `\`${srcLine}'`, srcLine);
      }
      case 'dash': {
        const name = this.dashTokName(t);
        return this.stop(`Syntax error: ${name} unexpected${expectingText(expecting)}`, line);
      }
      case 'ash': {
        const name = this.dashTokName(t);
        return this.stop(`syntax error: unexpected ${name}${expectingText(expecting)}`, line);
      }
    }
  }

  private dashTokName(t: Token): string {
    if (t.kind === 'nl') return 'newline';
    if (t.kind === 'eof') return 'end of file';
    if (t.kind === 'op') return t.text[0] === '<' || t.text[0] === '>' || t.text === '&>' ? 'redirection' : `"${t.text}"`;
    if (t.plain && this.reserved.has(t.text)) return `"${t.text}"`;
    return 'word';
  }

  /** A quote or substitution left open at end of input. */
  private unterminated(close: string, line: number): never {
    if (this.interactive) this.incomplete();
    if (this.dialect === 'bash') return this.stop(`unexpected EOF while looking for matching \`${close === '))' ? ')' : close}'`, line);
    const prefix = this.dialect === 'dash' ? 'Syntax error: ' : 'syntax error: ';
    let what: string;
    switch (close) {
      case "'":
      case '"':
        what = this.dialect === 'dash' ? 'Unterminated quoted string' : 'unterminated quoted string';
        break;
      case '}':
        what = "Missing '}'";
        break;
      case '`':
        what = 'EOF in backquote substitution';
        break;
      case '))':
        what = "Missing '))'";
        break;
      default:
        what = this.dialect === 'dash' ? `end of file unexpected (expecting "${close}")` : `unexpected end of file (expecting "${close}")`;
    }
    let eofLine = this.line;
    for (let i = this.src.indexOf('\n', this.pos); i >= 0; i = this.src.indexOf('\n', i + 1)) eofLine++;
    return this.stop(prefix + what, this.dialect === 'dash' ? eofLine : line);
  }

  // ----- tokens ----------------------------------------------------------------------------

  private peek(): Token {
    return (this.tok ??= this.scan());
  }

  private next(): Token {
    const t = this.peek();
    this.tok = null;
    return t;
  }

  private isWord(t: Token, w: string): boolean {
    return t.kind === 'word' && t.plain && t.text === w;
  }

  private isReserved(t: Token): boolean {
    return t.kind === 'word' && t.plain && this.reserved.has(t.text);
  }

  private isOp(t: Token, op: string): boolean {
    return t.kind === 'op' && t.text === op;
  }

  private isTerm(t: Token, terms: ReadonlySet<string>): boolean {
    if (t.kind === 'op') return terms.has(t.text);
    return t.kind === 'word' && t.plain && terms.has(t.text) && this.reserved.has(t.text);
  }

  private isEndToken(t: Token): boolean {
    return t.kind === 'op' ? END_TOKENS.has(t.text) : t.kind === 'word' && t.plain && END_TOKENS.has(t.text);
  }

  /** Consume newline tokens; true if there were any. */
  private skipNewlines(): boolean {
    let any = false;
    while (this.peek().kind === 'nl') {
      this.next();
      any = true;
    }
    return any;
  }

  /** Skip blanks, line continuations and a comment. */
  private skipBlanks(): void {
    const s = this.src;
    for (;;) {
      const c = codeAt(s, this.pos);
      if (c === 32 || c === 9) this.pos++;
      else if (c === 92 && codeAt(s, this.pos + 1) === 10) {
        this.pos += 2;
        this.line++;
      } else if (c === 35) {
        const e = s.indexOf('\n', this.pos);
        this.pos = e < 0 ? this.len : e;
      } else return;
    }
  }

  private opTok(text: string, start: number, line: number): Token {
    this.pos = start + text.length;
    return this.mk('op', text, start, line);
  }

  private mk(kind: Token['kind'], text: string, start: number, line: number): Token {
    return { kind, text, word: undefined, assign: undefined, plain: false, fd: undefined, start, end: this.pos, line };
  }

  private scan(): Token {
    this.skipBlanks();
    const s = this.src;
    const start = this.pos;
    const line = this.line;
    if (start >= this.len) {
      if (this.pending.length) this.readHeredocs();
      return this.mk('eof', '', start, this.line);
    }
    const c = codeAt(s, start);
    const c1 = codeAt(s, start + 1);
    const c2 = codeAt(s, start + 2);
    switch (c) {
      case 10: {
        this.pos++;
        const t = this.mk('nl', '\n', start, line);
        this.line++;
        if (this.pending.length) this.readHeredocs();
        return t;
      }
      case 59: // ;
        if (c1 === 59) return this.opTok(c2 === 38 && this.f.bash ? ';;&' : ';;', start, line);
        if (c1 === 38 && this.f.bash) return this.opTok(';&', start, line);
        return this.opTok(';', start, line);
      case 38: // &
        if (c1 === 38) return this.opTok('&&', start, line);
        if (c1 === 62 && this.f.ampRedir) return this.opTok(c2 === 62 && this.f.bash ? '&>>' : '&>', start, line);
        return this.opTok('&', start, line);
      case 124: // |
        if (c1 === 124) return this.opTok('||', start, line);
        if (c1 === 38 && this.f.bash) return this.opTok('|&', start, line);
        return this.opTok('|', start, line);
      case 40:
        return this.opTok('(', start, line);
      case 41:
        return this.opTok(')', start, line);
      case 60: // <
      case 62: // >
        if (c1 === 40 && this.f.procSubst) return this.scanWordToken();
        return this.scanRedirOp(start, line, undefined);
    }
    if (isDigit(c)) {
      let e = start + 1;
      while (isDigit(codeAt(s, e))) e++;
      const n = codeAt(s, e);
      if (n === 60 || n === 62) {
        this.pos = e;
        const t = this.scanRedirOp(start, line, Number(s.slice(start, e)));
        return t;
      }
    }
    return this.scanWordToken();
  }

  private scanRedirOp(start: number, line: number, fd: number | undefined): Token {
    const s = this.src;
    const p = this.pos;
    const c = codeAt(s, p);
    const c1 = codeAt(s, p + 1);
    const c2 = codeAt(s, p + 2);
    let op: string;
    if (c === 60) {
      if (c1 === 60) op = c2 === 60 && this.f.bash ? '<<<' : c2 === 45 ? '<<-' : '<<';
      else if (c1 === 38) op = '<&';
      else if (c1 === 62) op = '<>';
      else op = '<';
    } else {
      if (c1 === 62) op = '>>';
      else if (c1 === 38) op = '>&';
      else if (c1 === 124) op = '>|';
      else op = '>';
    }
    this.pos = p + op.length;
    const t = this.mk('op', op, start, line);
    if (fd !== undefined) t.fd = fd;
    return t;
  }

  // ----- words -----------------------------------------------------------------------------

  private scanWordToken(): Token {
    const s = this.src;
    const start = this.pos;
    const line = this.line;
    // Fast path: a plain word (no quoting, expansion or `=`) is one literal.
    {
      let e = start;
      for (; e < this.len; e++) {
        const d = codeAt(s, e);
        if (isMeta(d) || d === 92 || d === 39 || d === 34 || d === 36 || d === 96 || d === 61) break;
      }
      const d = codeAt(s, e);
      if (e > start && (e >= this.len || isMeta(d)) && !((d === 60 || d === 62) && codeAt(s, e + 1) === 40)) {
        const text = s.slice(start, e);
        this.pos = e;
        const word: Word = { type: 'Word', parts: [{ type: 'Literal', value: text }], text };
        return { kind: 'word', text, word, assign: undefined, plain: true, fd: undefined, start, end: e, line };
      }
    }
    let assign: Assignment | undefined;
    let parts: WordPart[];
    const c = codeAt(s, start);
    let eqAt = -1;
    let bracketAt = -1;
    let append = false;
    if (isNameStart(c)) {
      let j = start + 1;
      while (isNameChar(codeAt(s, j))) j++;
      const nameEnd = j;
      if (codeAt(s, j) === 91 && this.f.bash) {
        const k = this.matchBracket(j);
        if (k > 0) {
          bracketAt = j;
          j = k + 1;
        }
      }
      if (codeAt(s, j) === 43 && codeAt(s, j + 1) === 61) {
        append = true;
        j++;
      }
      if (codeAt(s, j) === 61) eqAt = j;
      if (eqAt >= 0) {
        const name = s.slice(start, nameEnd);
        const out: WordPart[] = [];
        let index: Word | undefined;
        if (bracketAt >= 0) {
          this.pos = bracketAt + 1;
          index = this.scanSubWord(Mode.Subscript, false);
          this.pos++; // ]
          appendParts(out, [{ type: 'Literal', value: name + '[' }]);
          appendParts(out, index.parts);
          appendParts(out, [{ type: 'Literal', value: append ? ']+=' : ']=' }]);
        } else {
          appendParts(out, [{ type: 'Literal', value: s.slice(start, eqAt + 1) }]);
        }
        this.pos = eqAt + 1;
        const a: Mutable<Assignment> = { type: 'Assignment', name, append };
        if (index) a.index = index;
        if (codeAt(s, this.pos) === 40 && this.f.bash) {
          a.array = this.scanArrayElements(line);
          parts = [{ type: 'Literal', value: this.src.slice(start, this.pos) }];
        } else {
          const vStart = this.pos;
          const vParts = this.scanParts(Mode.Normal, false);
          if (this.pos > vStart) a.value = { type: 'Word', parts: vParts, text: this.src.slice(vStart, this.pos) };
          appendParts(out, vParts);
          parts = out;
        }
        assign = a;
      } else {
        parts = this.scanParts(Mode.Normal, false);
      }
    } else {
      parts = this.scanParts(Mode.Normal, false);
    }
    // this.src, not `s`: an alias expanded inside a `$(...)` of this word rewrote the source.
    const text = this.src.slice(start, this.pos);
    const word: Word = { type: 'Word', parts, text };
    const p0 = parts[0];
    const plain = parts.length === 1 && p0!.type === 'Literal' && p0!.escaped === undefined && p0!.value === text;
    return { kind: 'word', text, word, assign, plain, fd: undefined, start, end: this.pos, line };
  }

  /** `[` at `open`: the index of the matching `]` on the same logical word, or -1. */
  private matchBracket(open: number): number {
    const s = this.src;
    let depth = 0;
    for (let i = open; i < this.len; i++) {
      const c = codeAt(s, i);
      if (c === 91) depth++;
      else if (c === 93) {
        if (--depth === 0) return i;
      } else if (c === 92) i++;
      else if (c === 39) {
        const e = s.indexOf("'", i + 1);
        if (e < 0) return -1;
        i = e;
      } else if (c === 34) {
        for (i++; i < this.len && codeAt(s, i) !== 34; i++) if (codeAt(s, i) === 92) i++;
      } else if (c === 10 || c === 32 || c === 9 || c === 59 || c === 38 || c === 124 || c === 60 || c === 62) {
        if (c === 10 || depth === 0) return -1;
      }
    }
    return -1;
  }

  /** `a=(` … `)`: the words of a compound assignment, with newlines and comments between them. */
  private scanArrayElements(line: number): Word[] {
    this.pos++; // (
    const words: Word[] = [];
    for (;;) {
      const s = this.src; // each time: an alias inside `$(...)` rewrites the source
      const c = codeAt(s, this.pos);
      if (this.pos >= this.len) this.unterminated(')', line);
      if (c === 32 || c === 9) this.pos++;
      else if (c === 10) {
        this.pos++;
        this.line++;
      } else if (c === 92 && codeAt(s, this.pos + 1) === 10) {
        this.pos += 2;
        this.line++;
      } else if (c === 35) {
        const e = s.indexOf('\n', this.pos);
        this.pos = e < 0 ? this.len : e;
      } else if (c === 41) {
        this.pos++;
        return words;
      } else if (isMeta(c)) {
        const t = this.scan();
        this.unexpected(t);
      } else {
        const start = this.pos;
        const parts = this.scanParts(Mode.Normal, false);
        words.push({ type: 'Word', parts, text: this.src.slice(start, this.pos) });
      }
    }
  }

  /** A sub-word in one of the bracketed modes, as a Word with its source text. */
  private scanSubWord(mode: Mode, dq: boolean, stops = ''): Word {
    const start = this.pos;
    const parts = this.scanParts(mode, dq, stops);
    return { type: 'Word', parts, text: this.src.slice(start, this.pos) };
  }

  /**
   * Scan word parts from `pos` until the end condition of `mode`. `dq`: the word is inside double
   * quotes (in `${x:-...}` within "..."). `stops`: extra one-character terminators at depth 0 in
   * Param mode (`/` between pattern and replacement, `:` between offset and length).
   */
  private scanParts(mode: Mode, dq: boolean, stops = ''): WordPart[] {
    const b = new Parts();
    let depth = 0;
    const startLine = this.line;
    for (;;) {
      // Read each time: an alias expanded inside a `$(...)` just scanned rewrites the source.
      const s = this.src;
      const p = this.pos;
      if (p >= this.len) {
        if (mode === Mode.Normal || mode === Mode.Regex) return b.done();
        if (mode === Mode.Param) this.unterminated('}', startLine);
        if (mode === Mode.Subscript) this.unterminated(']', startLine);
        this.unterminated('))', startLine);
      }
      const c = codeAt(s, p);
      // Terminators.
      switch (mode) {
        case Mode.Normal:
          if (isMeta(c)) {
            if ((c === 60 || c === 62) && codeAt(s, p + 1) === 40 && this.f.procSubst) {
              this.pos = p + 2;
              b.push({ type: 'ProcessSubst', direction: c === 60 ? '<' : '>', body: this.parseSubstBody() });
              continue;
            }
            return b.done();
          }
          break;
        case Mode.Regex:
          if (depth === 0 && (c === 32 || c === 9 || c === 10)) return b.done();
          if (c === 40) depth++;
          else if (c === 41 && depth > 0) depth--;
          break;
        case Mode.Subscript:
          if (c === 91) depth++;
          else if (c === 93) {
            if (depth === 0) return b.done();
            depth--;
          }
          break;
        case Mode.Param:
          if (depth === 0 && (c === 125 || (stops && stops.includes(s[p]!)))) return b.done();
          if (c === 123) depth++;
          else if (c === 125) depth--;
          break;
        case Mode.Arith:
          if (c === 40) depth++;
          else if (c === 41) {
            if (depth > 0) depth--;
            else if (codeAt(s, p + 1) === 41) return b.done();
            else throw new NotArith();
          }
          break;
      }
      switch (c) {
        case 92: {
          // backslash
          const n = s[p + 1];
          if (n === undefined) {
            if (this.interactive && mode === Mode.Normal) this.incomplete();
            b.text('\\');
            this.pos++;
          } else if (n === '\n') {
            this.pos += 2;
            this.line++;
          } else if (dq) {
            if (n === '$' || n === '`' || n === '"' || n === '\\' || n === '}') b.text(n);
            else b.text('\\' + n);
            this.pos += 2;
          } else if (mode === Mode.Arith) {
            b.text(n === '$' || n === '`' || n === '\\' || n === '"' ? n : '\\' + n);
            this.pos += 2;
          } else {
            b.escaped(n);
            this.pos += 2;
          }
          break;
        }
        case 39: // '
          if (dq || mode === Mode.Arith) {
            b.text("'");
            this.pos++;
          } else this.scanSingle(b);
          break;
        case 34: // "
          this.scanDouble(b);
          break;
        case 36: // $
          this.scanDollar(b, dq);
          break;
        case 96: // `
          this.scanBackquote(b);
          break;
        case 10:
          this.line++;
          b.text('\n');
          this.pos++;
          break;
        default: {
          // A run of ordinary characters.
          let e = p + 1;
          if (mode === Mode.Normal) {
            while (e < this.len) {
              const d = codeAt(s, e);
              if (isMeta(d) || d === 92 || d === 39 || d === 34 || d === 36 || d === 96) break;
              e++;
            }
          }
          b.text(s.slice(p, e));
          this.pos = e;
        }
      }
    }
  }

  private scanSingle(b: Parts): void {
    const s = this.src;
    const startLine = this.line;
    const e = s.indexOf("'", this.pos + 1);
    if (e < 0) this.unterminated("'", startLine);
    const value = s.slice(this.pos + 1, e);
    this.countLines(value);
    b.push({ type: 'SingleQuoted', value });
    this.pos = e + 1;
  }

  private countLines(text: string): void {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.line++;
  }

  /** `"..."` at pos. */
  private scanDouble(b: Parts): void {
    const startLine = this.line;
    this.pos++;
    const parts = this.scanDqParts(false);
    if (this.pos >= this.len) this.unterminated('"', startLine);
    this.pos++; // closing "
    b.push({ type: 'DoubleQuoted', parts });
  }

  /**
   * The inside of double quotes (ends before `"`), or with `heredoc` a here-document body (ends
   * at end of input; `"` is an ordinary character).
   */
  private scanDqParts(heredoc: boolean): WordPart[] {
    const b = new Parts();
    for (;;) {
      // Read each time: an alias expanded inside a `$(...)` just scanned rewrites the source.
      const s = this.src;
      const p = this.pos;
      if (p >= this.len) return b.done();
      const c = codeAt(s, p);
      switch (c) {
        case 34:
          if (!heredoc) return b.done();
          b.text('"');
          this.pos++;
          break;
        case 92: {
          const n = s[p + 1];
          if (n === undefined) {
            b.text('\\');
            this.pos++;
          } else if (n === '\n') {
            this.pos += 2;
            this.line++;
          } else if (n === '$' || n === '`' || n === '\\' || (n === '"' && !heredoc)) {
            b.text(n);
            this.pos += 2;
          } else {
            b.text('\\' + n);
            this.pos += 2;
          }
          break;
        }
        case 36:
          this.scanDollar(b, true);
          break;
        case 96:
          this.scanBackquote(b);
          break;
        default: {
          let e = p + 1;
          while (e < this.len) {
            const d = codeAt(s, e);
            if (d === 34 || d === 92 || d === 36 || d === 96) break;
            e++;
          }
          const chunk = s.slice(p, e);
          this.countLines(chunk);
          b.text(chunk);
          this.pos = e;
        }
      }
    }
  }

  /** `$` at pos: an expansion, a `$'...'` / `$"..."` string, or a literal `$`. */
  private scanDollar(b: Parts, dq: boolean): void {
    const s = this.src;
    const p = this.pos;
    const c = codeAt(s, p + 1);
    if (c === 123) {
      b.push(this.scanBraced(dq));
      return;
    }
    if (c === 40) {
      if (codeAt(s, p + 2) === 40) {
        const saved = { pos: p, line: this.line };
        try {
          this.pos = p + 3;
          const expr = this.scanSubWord(Mode.Arith, false);
          this.pos += 2;
          b.push({ type: 'ArithSubst', expr });
          return;
        } catch (e) {
          if (!(e instanceof NotArith)) throw e;
          this.pos = saved.pos;
          this.line = saved.line;
        }
      }
      this.pos = p + 2;
      b.push({ type: 'CommandSubst', body: this.parseSubstBody(), backquote: false });
      return;
    }
    if (isNameStart(c)) {
      let e = p + 2;
      while (isNameChar(codeAt(s, e))) e++;
      b.push({ type: 'Param', name: s.slice(p + 1, e), braced: false });
      this.pos = e;
      return;
    }
    if (isDigit(c)) {
      b.push({ type: 'Param', name: s[p + 1]!, braced: false });
      this.pos = p + 2;
      return;
    }
    const ch = s[p + 1];
    if (ch !== undefined && SPECIAL_PARAMS.includes(ch)) {
      b.push({ type: 'Param', name: ch, braced: false });
      this.pos = p + 2;
      return;
    }
    if (!dq && c === 39 && this.f.ansiC) {
      const startLine = this.line;
      let e = p + 2;
      for (; e < this.len; e++) {
        const d = codeAt(s, e);
        if (d === 92) e++;
        else if (d === 39) break;
      }
      if (e >= this.len) this.unterminated("'", startLine);
      const raw = s.slice(p + 2, e);
      this.countLines(raw);
      b.push({ type: 'AnsiCQuoted', value: decodeAnsiC(raw) });
      this.pos = e + 1;
      return;
    }
    if (!dq && c === 34 && this.f.bash) {
      // $"..." (locale translation): a double-quoted string here.
      this.pos = p + 1;
      this.scanDouble(b);
      return;
    }
    b.text('$');
    this.pos = p + 1;
  }

  /** `${...}` at pos. */
  private scanBraced(dq: boolean): ParamExpansion {
    const start = this.pos;
    const startLine = this.line;
    this.pos += 2;
    const pe: Mutable<ParamExpansion> = { type: 'Param', name: '', braced: true };
    let c = codeAt(this.src, this.pos);
    if (c === 35 /* # */) {
      const n = codeAt(this.src, this.pos + 1);
      if (n !== 125 && isParamStart(n)) {
        pe.length = true;
        this.pos++;
      }
    } else if (c === 33 /* ! */) {
      const n = codeAt(this.src, this.pos + 1);
      if (n !== 125 && isParamStart(n)) {
        pe.indirect = true;
        this.pos++;
      }
    }
    c = codeAt(this.src, this.pos);
    if (isNameStart(c)) {
      let e = this.pos + 1;
      while (isNameChar(codeAt(this.src, e))) e++;
      pe.name = this.src.slice(this.pos, e);
      this.pos = e;
    } else if (isDigit(c)) {
      let e = this.pos + 1;
      while (isDigit(codeAt(this.src, e))) e++;
      pe.name = this.src.slice(this.pos, e);
      this.pos = e;
    } else if (c > 0 && '@*#?$!-'.includes(this.src[this.pos]!)) {
      pe.name = this.src[this.pos]!;
      this.pos++;
    } else {
      return this.badSubst(pe, start, startLine, dq);
    }
    if (codeAt(this.src, this.pos) === 91 && isNameStart(pe.name.charCodeAt(0)) && this.f.bash) {
      this.pos++;
      pe.index = this.scanSubWord(Mode.Subscript, false);
      this.pos++;
    }
    if (pe.indirect && pe.index === undefined && (this.src[this.pos] === '*' || this.src[this.pos] === '@') && codeAt(this.src, this.pos + 1) === 125) {
      pe.prefixMatch = this.src[this.pos] as '*' | '@';
      this.pos++;
    }
    c = codeAt(this.src, this.pos);
    switch (c) {
      case 125:
        break;
      case 58: {
        // :
        const n = this.src[this.pos + 1];
        if (n === '-' || n === '=' || n === '?' || n === '+') {
          this.setOp(pe, (':' + n) as ParamOp, 2);
          pe.arg = this.scanSubWord(Mode.Param, dq);
        } else {
          this.setOp(pe, ':', 1);
          pe.arg = this.scanSubWord(Mode.Param, dq, ':');
          if (codeAt(this.src, this.pos) === 58) {
            this.pos++;
            pe.arg2 = this.scanSubWord(Mode.Param, dq);
          }
        }
        break;
      }
      case 45:
      case 61:
      case 63:
      case 43:
        this.setOp(pe, this.src[this.pos] as ParamOp, 1);
        pe.arg = this.scanSubWord(Mode.Param, dq);
        break;
      case 35:
      case 37: {
        const ch = this.src[this.pos]!;
        this.setOp(pe, (this.src[this.pos + 1] === ch ? ch + ch : ch) as ParamOp, this.src[this.pos + 1] === ch ? 2 : 1);
        pe.arg = this.scanPattern(dq);
        break;
      }
      case 47: {
        const n = this.src[this.pos + 1];
        if (n === '/' || n === '#' || n === '%') this.setOp(pe, ('/' + n) as ParamOp, 2);
        else this.setOp(pe, '/', 1);
        pe.arg = this.scanPattern(dq, '/');
        if (codeAt(this.src, this.pos) === 47) {
          this.pos++;
          pe.arg2 = this.scanSubWord(Mode.Param, dq);
        }
        break;
      }
      case 94:
      case 44: {
        const ch = this.src[this.pos]!;
        const double = this.src[this.pos + 1] === ch;
        this.setOp(pe, (double ? ch + ch : ch) as ParamOp, double ? 2 : 1);
        const w = this.scanPattern(dq);
        if (w.parts.length) pe.arg = w;
        break;
      }
      case 64: {
        // ${x@Q}
        const n = this.src[this.pos + 1];
        if (n !== undefined && /^[QEPAKaUuLk]$/.test(n) && codeAt(this.src, this.pos + 2) === 125) {
          pe.transform = n;
          this.pos += 2;
          break;
        }
        return this.badSubst(pe, start, startLine, dq);
      }
      default:
        if (this.pos >= this.len) this.unterminated('}', startLine);
        return this.badSubst(pe, start, startLine, dq);
    }
    if (this.pos >= this.len) this.unterminated('}', startLine);
    this.pos++; // }
    pe.text = this.src.slice(start, this.pos);
    if (this.dialect === 'dash' && (pe.index || pe.indirect || pe.transform || (pe.op && '/^,:'.includes(pe.op[0]!) && !pe.op.startsWith(':') ) || pe.op === ':')) pe.bad = true;
    if (this.dialect === 'ash' && (pe.index || pe.transform || (pe.op && '^,'.includes(pe.op[0]!)))) pe.bad = true;
    return pe;
  }

  private setOp(pe: Mutable<ParamExpansion>, op: ParamOp, n: number): void {
    pe.op = op;
    this.pos += n;
  }

  /** A pattern word inside `${...}`: inside double quotes, quotes in patterns still quote. */
  private scanPattern(dq: boolean, stops = ''): Word {
    return this.scanSubWord(Mode.Param, dq && false, stops);
  }

  /** `${...}` that bash rejects when it expands it ("bad substitution"): skip to the matching `}`. */
  private badSubst(pe: Mutable<ParamExpansion>, start: number, startLine: number, dq: boolean): ParamExpansion {
    this.scanParts(Mode.Param, dq);
    if (this.pos >= this.len) this.unterminated('}', startLine);
    this.pos++;
    pe.bad = true;
    pe.text = this.src.slice(start, this.pos);
    return pe;
  }

  /** `` `...` `` at pos: find the end (unescaping \\ \` \$), then parse the inside. */
  private scanBackquote(b: Parts): void {
    const s = this.src;
    const startLine = this.line;
    let inner = '';
    let e = this.pos + 1;
    let runStart = e;
    for (;;) {
      if (e >= this.len) this.unterminated('`', startLine);
      const c = codeAt(s, e);
      if (c === 96) break;
      if (c === 92) {
        const n = s[e + 1];
        if (n === '`' || n === '\\' || n === '$') {
          inner += s.slice(runStart, e) + n;
          e += 2;
          runStart = e;
          continue;
        }
        e += 2;
        continue;
      }
      e++;
    }
    inner += s.slice(runStart, e);
    const sub = new Parser(inner, { ...this.opts, interactive: false }, startLine);
    let body: Statement[];
    try {
      body = sub.parseProgram();
    } catch (err) {
      if (err instanceof Stop && !err.result.incomplete && this.interactive && /EOF|end of file|Unterminated|unterminated|Missing/.test(err.result.error.message)) this.incomplete();
      throw err;
    }
    this.countLines(s.slice(this.pos, e));
    this.pos = e + 1;
    b.push({ type: 'CommandSubst', body: { type: 'Script', body }, backquote: true });
  }

  /** After `$(`: the statements up to the matching `)`. */
  private parseSubstBody(): Script {
    const savedTok = this.tok;
    const savedPending = this.pending;
    this.tok = null;
    this.pending = [];
    const body = this.parseStatements(T_PAREN, true, ')', true);
    const t = this.peek();
    if (t.kind === 'eof') this.unterminated(')', this.eofLine());
    if (!this.isOp(t, ')')) this.unexpected(t, ')');
    this.tok = savedTok;
    this.pending = savedPending;
    return { type: 'Script', body };
  }

  // ----- here-documents --------------------------------------------------------------------

  /** At the start of a line after a newline token (or at EOF): read the pending bodies. */
  private readHeredocs(): void {
    const list = this.pending;
    this.pending = [];
    const s = this.src;
    for (const h of list) {
      let body = '';
      const bodyLine = this.line;
      let terminated = false;
      while (this.pos < this.len) {
        let e = s.indexOf('\n', this.pos);
        const hasNl = e >= 0;
        if (!hasNl) e = this.len;
        let lineText = s.slice(this.pos, e);
        if (h.strip) lineText = lineText.replace(/^\t+/, '');
        this.pos = hasNl ? e + 1 : e;
        if (lineText === h.delimiter) {
          if (hasNl) this.line++;
          terminated = true;
          break;
        }
        if (hasNl) this.line++;
        body += lineText + (hasNl ? '\n' : '');
      }
      if (!terminated) {
        if (this.interactive) this.incomplete(true);
        if (this.dialect === 'bash')
          this.warnings.push({
            message: `warning: here-document at line ${h.line} delimited by end-of-file (wanted \`${h.delimiter}')`,
            line: this.len > 0 && codeAt(this.src, this.len - 1) === 10 ? this.line - 1 : this.line,
          });
      }
      let word: Word;
      if (h.quoted || !/[\\$`]/.test(body)) {
        word = { type: 'Word', parts: body ? [{ type: 'Literal', value: body }] : [], text: body };
      } else {
        const sub = new Parser(body, { ...this.opts, interactive: false }, bodyLine);
        word = { type: 'Word', parts: sub.scanDqParts(true), text: body };
        this.warnings.push(...sub.warnings);
      }
      const doc: HereDoc = { delimiter: h.delimiter, quoted: h.quoted, body: word };
      h.redirect.heredoc = doc;
    }
  }

  /** The delimiter of `<<word`: quote removal on the source text; quoted if any quoting was used. */
  private heredocDelimiter(text: string): { delimiter: string; quoted: boolean } {
    let out = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c === '\\') {
        quoted = true;
        if (i + 1 < text.length) out += text[++i];
      } else if (c === "'") {
        quoted = true;
        const e = text.indexOf("'", i + 1);
        out += text.slice(i + 1, e < 0 ? text.length : e);
        i = e < 0 ? text.length : e;
      } else if (c === '"') {
        quoted = true;
        let j = i + 1;
        for (; j < text.length && text[j] !== '"'; j++) {
          if (text[j] === '\\' && j + 1 < text.length && '$`"\\'.includes(text[j + 1]!)) j++;
          out += text[j];
        }
        i = j;
      } else if (c === '$' && (text[i + 1] === "'" || text[i + 1] === '"')) {
        quoted = true;
      } else out += c;
    }
    return { delimiter: out, quoted };
  }

  // ----- lists -----------------------------------------------------------------------------

  /**
   * Statements up to (not including) a terminator in `terms` (reserved words at command position,
   * or operators) or end of input. `allowEmpty`: no statement at all is fine (else bash's error
   * near the terminator, as for `{ }`).
   */
  private parseStatements(terms: ReadonlySet<string>, allowEmpty: boolean, expecting?: string, endFirst = false, top = false): Statement[] {
    const out: Statement[] = [];
    if (top) this.program = out;
    for (;;) {
      if (this.skipNewlines() && top) this.committed = out.length;
      const t = this.peek();
      if (t.kind === 'eof') break;
      if (this.isTerm(t, terms)) break;
      if (this.dialect !== 'bash' && (out.length > 0 || endFirst) && this.isEndToken(t)) break;
      const start = t.start;
      const line = t.line;
      const command = this.parseAndOr();
      const end = this.lastEnd;
      const sep = this.peek();
      let background = false;
      if (this.isOp(sep, ';')) this.next();
      else if (this.isOp(sep, '&')) {
        this.next();
        background = true;
      } else if (sep.kind === 'nl' || sep.kind === 'eof' || this.isTerm(sep, terms) || (this.dialect !== 'bash' && this.isEndToken(sep))) {
        // fine
      } else this.unexpected(sep, expecting);
      out.push({ type: 'Statement', command, background, line, text: this.src.slice(start, end) });
    }
    if (!allowEmpty && out.length === 0) {
      const t = this.peek();
      this.unexpected(t, t.kind === 'eof' || this.dialect === 'bash' ? expecting : undefined);
    }
    return out;
  }

  /** End offset of the last token consumed by a command parser (for `text`). */
  private lastEnd = 0;

  private consume(): Token {
    const t = this.next();
    this.lastEnd = t.end;
    return t;
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: { op: '&&' | '||'; pipeline: Pipeline }[] = [];
    for (;;) {
      const t = this.peek();
      if (!(this.isOp(t, '&&') || this.isOp(t, '||'))) break;
      this.next();
      this.skipNewlines();
      rest.push({ op: t.text as '&&' | '||', pipeline: this.parsePipeline() });
    }
    return { type: 'AndOr', first, rest };
  }

  private parsePipeline(): Pipeline {
    let negated = false;
    let timed = false;
    for (;;) {
      this.expandAliasAtCommand();
      const t = this.peek();
      if (this.isReserved(t) && t.text === '!') {
        this.consume();
        negated = !negated;
      } else if (this.isReserved(t) && t.text === 'time' && !timed) {
        this.consume();
        timed = true;
        this.skipBlanks();
        if (this.src.startsWith('-p', this.pos) && isMeta(codeAt(this.src, this.pos + 2) || 32)) {
          this.pos += 2;
        }
      } else break;
    }
    const commands: Command[] = [];
    const pipeStderr: boolean[] = [];
    if ((negated || timed) && this.f.bash) {
      const t = this.peek();
      if (t.kind === 'nl' || t.kind === 'eof' || this.isOp(t, ';') || this.isOp(t, '&') || this.isTerm(t, T_PAREN)) {
        return { type: 'Pipeline', negated, timed, commands, pipeStderr };
      }
    }
    commands.push(this.parseCommand());
    for (;;) {
      const t = this.peek();
      if (!(this.isOp(t, '|') || this.isOp(t, '|&'))) break;
      this.next();
      pipeStderr.push(t.text === '|&');
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return { type: 'Pipeline', negated, timed, commands, pipeStderr };
  }

  // ----- commands --------------------------------------------------------------------------

  private parseCommand(): Command {
    this.expandAliasAtCommand();
    const t = this.peek();
    if (t.kind === 'word' && this.isReserved(t)) {
      switch (t.text) {
        case 'if':
          return this.withRedirects(this.parseIf());
        case 'for':
          return this.withRedirects(this.parseFor());
        case 'while':
        case 'until':
          return this.withRedirects(this.parseWhile());
        case 'case':
          return this.withRedirects(this.parseCase());
        case '{':
          return this.withRedirects(this.parseBrace());
        case '[[':
          return this.withRedirects(this.parseTest());
        case 'function':
          return this.parseFunctionKeyword();
        default:
          this.unexpected(t);
      }
    }
    if (this.isOp(t, '(')) {
      if (codeAt(this.src, t.end) === 40 && this.f.bash) {
        const arith = this.tryArithCommand(t);
        if (arith) return this.withRedirects(arith);
      }
      return this.withRedirects(this.parseSubshell());
    }
    if (t.kind === 'word' && t.plain && !t.assign && this.looksLikeFunctionDef(t)) return this.parseFunctionDef(t);
    return this.parseSimple();
  }

  private withRedirects<T extends Compound>(c: T): T {
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || !this.isRedirOp(t.text)) break;
      redirects.push(this.parseRedirect());
    }
    if (redirects.length) (c as Mutable<T>).redirects = redirects;
    return c;
  }

  private isRedirOp(op: string): boolean {
    switch (op) {
      case '<':
      case '>':
      case '>>':
      case '>|':
      case '<>':
      case '<&':
      case '>&':
      case '&>':
      case '&>>':
      case '<<':
      case '<<-':
      case '<<<':
        return true;
    }
    return false;
  }

  private parseRedirect(): Redirect {
    const opTok = this.consume();
    let op = opTok.text as RedirectOp;
    const t = this.peek();
    if (t.kind !== 'word') this.unexpected(t, undefined, true);
    this.consume();
    const target = t.word!;
    if (op === '>&' && opTok.fd === undefined && t.plain && !/^\d+$/.test(t.text) && t.text !== '-') op = '&>';
    const r: Mutable<Redirect> = { type: 'Redirect', op, target };
    if (opTok.fd !== undefined) r.fd = opTok.fd;
    if (op === '<<' || op === '<<-') {
      const { delimiter, quoted } = this.heredocDelimiter(t.text);
      this.pending.push({ redirect: r, delimiter, quoted, strip: op === '<<-', line: opTok.line });
    }
    return r;
  }

  private parseSimple(): SimpleCommand {
    const assignments: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    const first = this.peek();
    const line = first.line;
    let declareLike = false;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'word') {
        if (words.length === 0 && t.assign) {
          this.consume();
          assignments.push(t.assign);
          continue;
        }
        if (this.aliasFn) {
          const next = this.aliasNextAt >= 0 && t.start >= this.aliasNextAt;
          if (next) this.aliasNextAt = -1;
          if ((words.length === 0 || next || t.start === this.aliasAgainAt) && this.tryAlias(t)) continue;
        }
        this.consume();
        if (words.length === 0) {
          declareLike = t.plain && DECLARE_LIKE.has(t.text);
          if (assignments.length === 0 && redirects.length === 0 && this.isOp(this.peek(), '(')) {
            // `name (` starts a function definition: bash wants `)` next.
            this.next();
            this.unexpected(this.peek(), ')');
          }
        }
        if (t.assign?.array && !(declareLike && words.length > 0)) {
          // `echo a=(1)`: bash's parser rejects the parenthesis.
          this.unexpected({ ...t, kind: 'op', text: '(' });
        }
        if (declareLike && words.length > 0 && t.assign) words.push({ ...t.word!, assignment: t.assign });
        else words.push(t.word!);
        continue;
      }
      if (t.kind === 'op' && this.isRedirOp(t.text)) {
        redirects.push(this.parseRedirect());
        continue;
      }
      break;
    }
    this.aliasNextAt = -1;
    if (assignments.length === 0 && words.length === 0 && redirects.length === 0) {
      this.unexpected(this.peek());
    }
    const t = this.peek();
    if (this.isOp(t, '(') && words.length > 0) this.unexpected(t);
    return { type: 'SimpleCommand', assignments, words, redirects, line };
  }

  // ----- aliases ---------------------------------------------------------------------------

  private expandAliasAtCommand(): void {
    if (!this.aliasFn) return;
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'word' || !t.plain || t.assign) return;
      if (!this.tryAlias(t)) return;
    }
  }

  /** Expand the alias named by word token `t` in place; true when the source changed. */
  private tryAlias(t: Token): boolean {
    if (!this.aliasFn || t.kind !== 'word' || !t.plain) return false;
    // Filtered in place: a fresh array from filter() would start out as an array of small
    // integers when empty, unlike the one regions are pushed into, and the loops below would see
    // two kinds of array (a deoptimisation once this is optimised).
    const regions = this.aliasRegions;
    let kept = 0;
    for (let i = 0; i < regions.length; i++) {
      const r = regions[i]!;
      if (r.end > t.start) regions[kept++] = r;
    }
    regions.length = kept;
    for (let i = 0; i < kept; i++) if (regions[i]!.name === t.text) return false;
    const value = this.aliasFn(t.text);
    if (value === undefined) return false;
    const delta = value.length - (t.end - t.start);
    this.src = this.src.slice(0, t.start) + value + this.src.slice(t.end);
    this.len = this.src.length;
    for (let i = 0; i < regions.length; i++) regions[i]!.end += delta;
    regions.push({ name: t.text, end: t.start + value.length });
    this.aliasAgainAt = t.start;
    this.pos = t.start;
    this.line = t.line;
    this.tok = null;
    const last = value.charCodeAt(value.length - 1);
    this.aliasNextAt = last === 32 || last === 9 ? t.start + value.length : -1;
    return true;
  }

  // ----- compound commands -----------------------------------------------------------------

  /** Expect the reserved word `w` (after optional newlines if `nl`). */
  private expectWord(w: string, expecting = w): Token {
    const t = this.peek();
    if (!this.isWord(t, w)) this.unexpected(t, expecting);
    return this.consume();
  }

  private parseIf(): Compound {
    const line = this.consume().line;
    const clauses: { condition: Statement[]; body: Statement[] }[] = [];
    let elseBody: Statement[] | undefined;
    let condition = this.parseStatements(T_IF_COND, false, 'then');
    this.expectWord('then');
    let body = this.parseStatements(T_IF_BODY, false, 'fi');
    clauses.push({ condition, body });
    for (;;) {
      const t = this.peek();
      if (this.isWord(t, 'elif')) {
        this.consume();
        condition = this.parseStatements(T_IF_COND, false, 'then');
        this.expectWord('then');
        body = this.parseStatements(T_IF_BODY, false, 'fi');
        clauses.push({ condition, body });
      } else if (this.isWord(t, 'else')) {
        this.consume();
        elseBody = this.parseStatements(T_ELSE, false, 'fi');
        this.expectWord('fi');
        break;
      } else {
        this.expectWord('fi');
        break;
      }
    }
    const c: Mutable<Command & { type: 'If' }> = { type: 'If', clauses, redirects: [], line };
    if (elseBody) c.elseBody = elseBody;
    return c;
  }

  private parseDoGroup(): Statement[] {
    this.expectWord('do');
    const body = this.parseStatements(T_DONE, false, 'done');
    this.expectWord('done');
    return body;
  }

  private parseWhile(): Compound {
    const kw = this.consume();
    const condition = this.parseStatements(T_DO, false, 'do');
    const body = this.parseDoGroup();
    return { type: 'While', until: kw.text === 'until', condition, body, redirects: [], line: kw.line };
  }

  private parseFor(): Compound {
    const kw = this.consume();
    const line = kw.line;
    if (this.f.bash) {
      this.skipBlanks();
      if (this.src.startsWith('((', this.pos)) {
        const startLine = this.line;
        this.pos += 2;
        let expr: Word;
        try {
          expr = this.scanSubWord(Mode.Arith, false);
        } catch (e) {
          if (e instanceof NotArith) this.stop(`syntax error: \`((' expected`, startLine);
          throw e;
        }
        this.pos += 2;
        const headText = this.src.slice(kw.end, this.pos).trim();
        this.skipBlanks();
        const t = this.peek();
        if (this.isOp(t, ';')) this.consume();
        this.skipNewlines();
        const body = this.parseForBody();
        const [init, test, update] = this.splitArithFor(expr, startLine, headText);
        return { type: 'ArithFor', init, test, update, body, redirects: [], line };
      }
    }
    const nameTok = this.peek();
    if (nameTok.kind !== 'word') {
      if (this.dialect === 'bash') this.unexpected(nameTok, undefined, true);
      this.stop(this.dialect === 'dash' ? 'Syntax error: Bad for loop variable' : 'syntax error: bad for loop variable', nameTok.line);
    }
    this.consume();
    if (this.dialect !== 'bash' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(nameTok.text)) {
      this.stop(this.dialect === 'dash' ? 'Syntax error: Bad for loop variable' : 'syntax error: bad for loop variable', nameTok.line);
    }
    const variable = nameTok.text;
    this.skipNewlines();
    let items: Word[] | undefined;
    let t = this.peek();
    if (this.isWord(t, 'in')) {
      this.consume();
      items = [];
      for (;;) {
        t = this.peek();
        if (t.kind !== 'word') break;
        this.consume();
        items.push(t.word!);
      }
      if (this.isOp(t, ';') || t.kind === 'nl') this.consume();
      else this.unexpected(t);
      this.skipNewlines();
    } else if (this.isOp(t, ';')) {
      this.consume();
      this.skipNewlines();
    }
    const body = this.parseForBody();
    const c: Mutable<Command & { type: 'For' }> = { type: 'For', variable, body, redirects: [], line };
    if (items) c.items = items;
    return c;
  }

  /** `do ... done`, or bash's `{ ... }` body. */
  private parseForBody(): Statement[] {
    const t = this.peek();
    if (this.f.bash && this.isWord(t, '{')) {
      const g = this.parseBrace();
      return g.body as Statement[];
    }
    return this.parseDoGroup();
  }

  private splitArithFor(expr: Word, line: number, head: string): [Word, Word, Word] {
    // Split at top-level `;` inside literal parts.
    const out: WordPart[][] = [[]];
    for (const p of expr.parts) {
      if (p.type !== 'Literal' || !p.value.includes(';')) {
        out[out.length - 1]!.push(p);
        continue;
      }
      const pieces = p.value.split(';');
      pieces.forEach((piece, i) => {
        if (i > 0) out.push([]);
        if (piece) out[out.length - 1]!.push({ type: 'Literal', value: piece });
      });
    }
    const textPieces = expr.text.split(';');
    if (out.length < 3) this.stop('syntax error: arithmetic expression required', line, `syntax error: \`${head}'`);
    if (out.length > 3) this.stop("syntax error: `;' unexpected", line, `syntax error: \`${head}'`);
    const w = (i: number): Word => ({ type: 'Word', parts: out[i] ?? [], text: (textPieces[i] ?? '').trim() });
    return [w(0), w(1), w(2)];
  }

  private parseCase(): Compound {
    const kw = this.consume();
    const wt = this.peek();
    if (wt.kind !== 'word') this.unexpected(wt, 'word', true);
    this.consume();
    this.skipNewlines();
    this.expectWord('in');
    const items: CaseItem[] = [];
    for (;;) {
      this.skipNewlines();
      let t = this.peek();
      if (this.isWord(t, 'esac')) {
        this.consume();
        break;
      }
      if (t.kind === 'eof') this.unexpectedEof(')');
      if (this.isOp(t, '(')) this.consume();
      const patterns: Word[] = [];
      for (;;) {
        t = this.peek();
        if (t.kind !== 'word') this.unexpected(t, ')', true);
        this.consume();
        patterns.push(t.word!);
        t = this.peek();
        if (this.isOp(t, '|')) {
          this.consume();
          continue;
        }
        if (this.isOp(t, ')')) {
          this.consume();
          break;
        }
        this.unexpected(t, ')', true);
      }
      const body = this.parseStatements(T_CASE, true, 'esac');
      t = this.peek();
      let terminator: CaseItem['terminator'] = ';;';
      if (t.kind === 'op' && (t.text === ';;' || t.text === ';&' || t.text === ';;&')) {
        this.consume();
        terminator = t.text;
      } else if (this.isWord(t, 'esac')) {
        // last item without ;;
      } else this.unexpected(t, ';;');
      items.push({ patterns, body, terminator });
    }
    return { type: 'Case', word: wt.word!, items, redirects: [], line: kw.line };
  }

  private parseBrace(): Command & { type: 'BraceGroup' } {
    const kw = this.consume();
    const body = this.parseStatements(T_BRACE, false, '}');
    this.expectWord('}');
    return { type: 'BraceGroup', body, redirects: [], line: kw.line };
  }

  private parseSubshell(): Compound {
    const open = this.consume();
    const body = this.parseStatements(T_PAREN, false, ')');
    const t = this.peek();
    if (!this.isOp(t, ')')) this.unexpected(t, ')');
    this.consume();
    return { type: 'Subshell', body, redirects: [], line: open.line };
  }

  /** `((` at command position: an arithmetic command if a matching `))` closes it. */
  private tryArithCommand(open: Token): Compound | null {
    const savedPos = this.pos;
    const savedLine = this.line;
    this.tok = null;
    this.pos = open.start + 2;
    try {
      const expr = this.scanSubWord(Mode.Arith, false);
      this.pos += 2;
      this.lastEnd = this.pos;
      return { type: 'ArithCommand', expr, redirects: [], line: open.line };
    } catch (e) {
      if (!(e instanceof NotArith)) throw e;
      this.pos = savedPos;
      this.line = savedLine;
      this.tok = open;
      return null;
    }
  }

  private looksLikeFunctionDef(t: Token): boolean {
    const s = this.src;
    let i = t.end;
    while (codeAt(s, i) === 32 || codeAt(s, i) === 9) i++;
    if (codeAt(s, i) !== 40) return false;
    i++;
    while (codeAt(s, i) === 32 || codeAt(s, i) === 9) i++;
    return codeAt(s, i) === 41;
  }

  private parseFunctionDef(nameTok: Token): FunctionDef {
    if (this.dialect === 'dash' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(nameTok.text)) this.stop('Syntax error: Bad function name', nameTok.line);
    this.consume();
    this.consume(); // (
    this.consume(); // )
    return this.parseFunctionBody(nameTok.text, nameTok.start, nameTok.line);
  }

  private parseFunctionKeyword(): Command {
    const kw = this.consume();
    const nameTok = this.peek();
    if (nameTok.kind !== 'word') this.unexpected(nameTok, undefined, true);
    this.consume();
    if (this.looksLikeFunctionDef(nameTok)) {
      this.consume();
      this.consume();
    }
    return this.parseFunctionBody(nameTok.text, kw.start, kw.line);
  }

  private parseFunctionBody(name: string, start: number, line: number): FunctionDef {
    this.skipNewlines();
    const t = this.peek();
    let body: Command;
    if (this.isReserved(t) && ['{', 'if', 'for', 'while', 'until', 'case', '[['].includes(t.text)) body = this.parseCommand();
    else if (this.isOp(t, '(')) body = this.parseCommand();
    else if (!this.f.bash) body = this.parseCommand();
    else this.unexpected(t);
    return { type: 'FunctionDef', name, body, text: this.src.slice(start, this.lastEnd), line };
  }

  // ----- [[ ... ]] -------------------------------------------------------------------------

  private parseTest(): Compound {
    const kw = this.consume();
    const expr = this.parseTestOr();
    const t = this.peek();
    if (!this.isWord(t, ']]')) this.condError(t);
    this.consume();
    return { type: 'TestCommand', expr, redirects: [], line: kw.line };
  }

  private condError(t: Token, what = 'syntax error in conditional expression'): never {
    if (t.kind === 'eof' && this.interactive) this.incomplete();
    const name = t.kind === 'nl' || t.kind === 'eof' ? 'newline' : t.text;
    this.stop(`${what}: unexpected token \`${name}'`, t.line);
  }

  /** Newlines are allowed between the parts of a conditional expression. */
  private testPeek(): Token {
    this.skipNewlines();
    return this.peek();
  }

  private parseTestOr(): TestExpr {
    let left = this.parseTestAnd();
    while (this.isOp(this.peek(), '||')) {
      this.consume();
      left = { type: 'TestOr', left, right: this.parseTestAnd() };
    }
    return left;
  }

  private parseTestAnd(): TestExpr {
    let left = this.parseTestNot();
    while (this.isOp(this.peek(), '&&')) {
      this.consume();
      left = { type: 'TestAnd', left, right: this.parseTestNot() };
    }
    return left;
  }

  private parseTestNot(): TestExpr {
    const t = this.testPeek();
    if (t.kind === 'word' && t.plain && t.text === '!') {
      this.consume();
      return { type: 'TestNot', expr: this.parseTestNot() };
    }
    return this.parseTestPrimary();
  }

  private testOpText(t: Token): string | null {
    if (t.kind === 'word' && t.plain && TEST_BINARY.has(t.text)) return t.text;
    if (t.kind === 'op' && (t.text === '<' || t.text === '>')) return t.text;
    return null;
  }

  private parseTestPrimary(): TestExpr {
    const t = this.testPeek();
    if (this.isOp(t, '(')) {
      this.consume();
      const expr = this.parseTestOr();
      const c = this.peek();
      if (!this.isOp(c, ')')) {
        const name = c.kind === 'nl' || c.kind === 'eof' ? 'newline' : c.text;
        this.stop(`unexpected token \`${name}', expected \`)'`, c.line);
      }
      this.consume();
      return { type: 'TestParen', expr };
    }
    if (t.kind !== 'word' || (t.plain && t.text === ']]')) {
      if (t.kind === 'eof' && this.interactive) this.incomplete();
      if (t.plain && t.text === ']]') this.condError(t);
      this.condError(t);
    }
    this.consume();
    const first = t.word!;
    // Unary operator?
    if (t.plain && TEST_UNARY.has(t.text)) {
      const a = this.peek();
      if (a.kind === 'word' && !(a.plain && a.text === ']]')) {
        // `-n x` unless x is itself a binary operator (`-n == x` is binary with left `-n`)
        if (!this.testOpText(a)) {
          this.consume();
          return { type: 'TestUnary', op: t.text, arg: a.word! };
        }
      } else if (!this.testOpText(a)) {
        const name = a.kind === 'nl' || a.kind === 'eof' ? 'newline' : a.text;
        this.stop(`unexpected argument \`${name}' to conditional unary operator`, a.line);
      }
    }
    const o = this.peek();
    const op = this.testOpText(o);
    if (op) {
      this.consume();
      let right: Word;
      if (op === '=~') {
        this.skipBlanks();
        const start = this.pos;
        const parts = this.scanParts(Mode.Regex, false);
        if (this.pos === start) {
          const a = this.peek();
          const name = a.kind === 'nl' || a.kind === 'eof' ? 'newline' : a.text;
          this.stop(`unexpected argument \`${name}' to conditional binary operator`, a.line);
        }
        right = { type: 'Word', parts, text: this.src.slice(start, this.pos) };
        this.lastEnd = this.pos;
      } else {
        const a = this.peek();
        if (a.kind !== 'word' || (a.plain && a.text === ']]')) {
          const name = a.kind === 'nl' || a.kind === 'eof' ? 'newline' : a.text;
          this.stop(`unexpected argument \`${name}' to conditional binary operator`, a.line);
        }
        this.consume();
        right = a.word!;
      }
      return { type: 'TestBinary', op, left: first, right };
    }
    if (o.kind === 'word' && !(o.plain && o.text === ']]')) this.stop('conditional binary operator expected', o.line);
    if (!(this.isOp(o, '&&') || this.isOp(o, '||') || this.isOp(o, ')') || (o.kind === 'word' && o.plain && o.text === ']]'))) {
      const name = o.kind === 'nl' || o.kind === 'eof' ? 'newline' : o.text;
      this.stop(`unexpected token \`${name}', conditional binary operator expected`, o.line);
    }
    return { type: 'TestWord', word: first };
  }
}
