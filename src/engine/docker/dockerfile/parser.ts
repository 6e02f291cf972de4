/**
 * The Dockerfile parser of BuildKit (frontend/dockerfile/parser): text → a tree of `Node`s, one child of
 * the root per instruction, with parser directives, line continuations, comments, JSON and shell forms,
 * heredocs and line numbers. `dump(ast)` prints the tree as BuildKit's `Node.Dump()`.
 *
 * Nodes are plain data. A node's arguments are the chain `next → next → …`; ONBUILD's argument is a node
 * whose single child is the triggered instruction.
 */
import { goQuote, goQuoteSlice, goTrimLeftSpace, goTrimSpace, isGoSpace, utf8Length } from '../../core/gotext';
import { DirectiveParser } from './directives';
import { ShellLex } from './lex';

/** A heredoc attached to an instruction (`RUN <<EOF`). */
export interface Heredoc {
  name: string;
  fileDescriptor: number;
  /** False when the delimiter was quoted (`<<'EOF'`): the content is not expanded. */
  expand: boolean;
  /** `<<-`: leading tabs are stripped from the content (and the delimiter). */
  chomp: boolean;
  content: string;
}

/** One node of the parse tree (BuildKit `parser.Node`). */
export interface Node {
  value: string;
  next: Node | null;
  children: Node[];
  heredocs: Heredoc[];
  /** `{ json: true }` for the JSON (exec) form. */
  attributes: Record<string, boolean>;
  /** The instruction line as read, continuations joined. */
  original: string;
  /** `--flag=value` words before the arguments. */
  flags: string[];
  startLine: number;
  endLine: number;
  /** Comment lines directly above the instruction, without `#`. */
  prevComment: string[];
}

/** A location: lines `start..end`, 1-based. */
export interface LineRange {
  start: number;
  end: number;
}

/** A parser warning (BuildKit `parser.Warning`). */
export interface ParseWarning {
  short: string;
  detail: string[];
  url: string;
  location: LineRange;
}

/** An error with the location BuildKit attaches to it. `message` is the text BuildKit prints. */
export interface DockerfileError {
  message: string;
  location: LineRange;
}

export type ParseResult =
  | { ok: true; ast: Node; warnings: ParseWarning[]; escapeToken: string }
  | { ok: false; error: DockerfileError };

export const DEFAULT_ESCAPE_TOKEN = '\\';

function newNode(init: Partial<Node> = {}): Node {
  return {
    value: '',
    next: null,
    children: [],
    heredocs: [],
    attributes: {},
    original: '',
    flags: [],
    startLine: 0,
    endLine: 0,
    prevComment: [],
    ...init,
  };
}

/** BuildKit `Node.Dump()`: the tree as s-expressions, one instruction per line. */
export function dump(node: Node): string {
  let str = node.value.toLowerCase();
  if (node.flags.length > 0) str += ' ' + goQuoteSlice(node.flags);
  for (const n of node.children) str += '(' + dump(n) + ')\n';
  for (let n = node.next; n !== null; n = n.next) {
    str += ' ' + (n.children.length > 0 ? dump(n) : goQuote(n.value));
  }
  return goTrimSpace(str);
}

/** The argument values of a node chain, as BuildKit's instructions package reads them. */
export function nodeArgs(node: Node): string[] {
  const result: string[] = [];
  for (let n = node; n.next !== null; n = n.next) {
    const arg = n.next;
    if (arg.children.length === 0) result.push(arg.value);
    else if (arg.children.length === 1) {
      const child = arg.children[0] as Node;
      result.push(child.value, ...nodeArgs(child));
    }
  }
  return result;
}

// ---- Go helpers ------------------------------------------------------------------------------------------

class ParseFailure extends Error {}

/** Go `regexp.Split(s, n)` for a regexp that never matches the empty string. */
function goRegexpSplit(re: RegExp, s: string, n: number): string[] {
  if (n === 0) return [];
  if (s.length === 0) return [''];
  const g = new RegExp(re.source, 'g');
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  let count = 0;
  for (let m = g.exec(s); m !== null; m = g.exec(s)) {
    if (n > 0 && count >= n) break;
    count++;
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    const mEnd = m.index + m[0].length;
    if (mEnd !== 0) out.push(s.slice(beg, end));
    beg = mEnd;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

const reWhitespace = /[\t\v\f\r ]+/;
const reHeredoc = /^([0-9]*)<<(-?)[\t\n\f\r ]*([^<]*)$/;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** Go `unicode.IsSpace(rune(b))` for a single byte (Latin-1 meaning for bytes ≥ 0x80). */
function isSpaceByte(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d) || b === 0x85 || b === 0xa0;
}

function trimNewline(s: string): string {
  let end = s.length;
  while (end > 0 && (s[end - 1] === '\n' || s[end - 1] === '\r')) end--;
  return s.slice(0, end);
}

function isComment(line: string): boolean {
  const t = goTrimLeftSpace(line);
  return t.length > 0 && t[0] === '#';
}

function isEmptyContinuationLine(line: string): boolean {
  return goTrimLeftSpace(trimNewline(line)).length === 0;
}

function discardBOM(s: string): string {
  return s.startsWith('\ufeff') ? s.slice(1) : s;
}

// ---- directives state -------------------------------------------------------------------------------------

class Directives {
  readonly parser = new DirectiveParser();
  escapeToken = DEFAULT_ESCAPE_TOKEN;
  lineContinuationRegex = Directives.continuationRegex(DEFAULT_ESCAPE_TOKEN);

  static continuationRegex(tok: string): RegExp {
    const e = tok === '\\' ? '\\\\' : tok;
    return new RegExp(`([^${e}])${e}[ \\t]*$|^${e}[ \\t]*$`, 'u');
  }

  setEscapeToken(s: string): void {
    if (s !== '`' && s !== '\\') throw new ParseFailure(`invalid escape token '${s}' does not match \` or \\`);
    this.escapeToken = s;
    this.lineContinuationRegex = Directives.continuationRegex(s);
  }

  possibleParserDirective(line: string): boolean {
    const r = this.parser.parseLine(line);
    if (r.error !== undefined) throw new ParseFailure(r.error);
    if (r.directive !== undefined && r.directive.name === 'escape') {
      this.setEscapeToken(r.directive.value);
      return true;
    }
    return r.directive !== undefined;
  }
}

// ---- line parsers (line_parsers.go) ------------------------------------------------------------------------

const errNotStringArray = 'when using JSON array syntax, arrays must be comprised of strings only';

/** BuildKit parseWords: split on spaces, keeping quotes and escapes in the words. */
export function parseWords(rest: string, escapeToken: string = DEFAULT_ESCAPE_TOKEN): string[] {
  const words: string[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let quote = '';
  let blankOK = false;
  let sb = '';
  const chars = Array.from(rest);
  let ch = '';
  for (let pos = 0; pos <= chars.length; pos++) {
    if (pos !== chars.length) ch = chars[pos] ?? '';
    if (phase === 'spaces') {
      if (pos === chars.length) break;
      if (isGoSpace(ch)) continue;
      phase = 'word';
    }
    if (pos === chars.length) {
      if (blankOK || sb.length > 0) words.push(sb);
      break;
    }
    if (phase === 'word') {
      if (isGoSpace(ch)) {
        phase = 'spaces';
        if (blankOK || sb.length > 0) words.push(sb);
        sb = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
      }
      if (ch === escapeToken) {
        if (pos + 1 === chars.length) continue; // an escape token at the end of the line is dropped
        sb += ch;
        pos++;
        ch = chars[pos] ?? '';
      }
      sb += ch;
      continue;
    }
    // phase === 'quote'
    if (ch === quote) phase = 'word';
    if (ch === escapeToken && quote !== "'") {
      if (pos + 1 === chars.length) {
        phase = 'word';
        continue;
      }
      pos++;
      sb += ch;
      ch = chars[pos] ?? '';
    }
    sb += ch;
  }
  return words;
}

function keyValueNode(key: string, value: string, sep: string): Node {
  return newNode({ value: key, next: newNode({ value, next: newNode({ value: sep }) }) });
}

/** BuildKit parseNameVal for ENV and LABEL: `KEY name value` or `KEY a=b c=d`. */
function parseNameVal(rest: string, key: string, d: Directives): Node | null {
  const words = parseWords(rest, d.escapeToken);
  if (words.length === 0) return null;
  if (!(words[0] as string).includes('=')) {
    const parts = goRegexpSplit(reWhitespace, rest, 2);
    if (parts.length < 2) throw new ParseFailure(`${key} must have two arguments`);
    return keyValueNode(parts[0] as string, parts[1] as string, '');
  }
  let root: Node | null = null;
  let prev: Node | null = null;
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq < 0) throw new ParseFailure(`Syntax error - can't find = in ${goQuote(word)}. Must be of the form: name=value`);
    const node = keyValueNode(word.slice(0, eq), word.slice(eq + 1), '=');
    if (root === null) root = node;
    if (prev !== null) prev.next = node;
    prev = node.next as Node;
    while (prev.next !== null) prev = prev.next;
  }
  return root;
}

function parseNameOrNameVal(rest: string, d: Directives): Node | null {
  const words = parseWords(rest, d.escapeToken);
  let root: Node | null = null;
  let prev: Node | null = null;
  for (const word of words) {
    const node = newNode({ value: word });
    if (prev === null) root = node;
    else prev.next = node;
    prev = node;
  }
  return root;
}

function parseStringsWhitespaceDelimited(rest: string): Node | null {
  if (rest === '') return null;
  let root: Node | null = null;
  let prev: Node | null = null;
  for (const str of goRegexpSplit(reWhitespace, rest, -1)) {
    const node = newNode({ value: str });
    if (prev === null) root = node;
    else prev.next = node;
    prev = node;
  }
  return root;
}

function parseString(rest: string): Node | null {
  return rest === '' ? null : newNode({ value: rest });
}

function replaceLoneSurrogates(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/**
 * BuildKit parseJSON: a JSON array of strings. Returns the node chain (null for `[]`), or an error kind:
 * 'notArray' (fall back to the shell form) or 'notStrings' (an error).
 */
export function parseJSONArray(rest: string): { values: string[] } | { error: 'notArray' | 'notStrings' } {
  rest = goTrimLeftSpace(rest);
  if (!rest.startsWith('[')) return { error: 'notArray' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(rest);
  } catch {
    return { error: 'notArray' };
  }
  if (!Array.isArray(parsed)) return { error: 'notArray' };
  const values: string[] = [];
  for (const item of parsed as unknown[]) {
    if (typeof item !== 'string') return { error: 'notStrings' };
    values.push(replaceLoneSurrogates(item));
  }
  return { values };
}

function chain(values: string[]): Node | null {
  let top: Node | null = null;
  let prev: Node | null = null;
  for (const v of values) {
    const node = newNode({ value: v });
    if (prev === null) top = node;
    else prev.next = node;
    prev = node;
  }
  return top;
}

type LineParser = (rest: string, d: Directives) => { node: Node | null; attrs: Record<string, boolean> };

function parseMaybeJSON(rest: string): { node: Node | null; attrs: Record<string, boolean> } {
  if (rest === '') return { node: null, attrs: {} };
  const j = parseJSONArray(rest);
  if ('values' in j) return { node: chain(j.values), attrs: { json: true } };
  if (j.error === 'notStrings') throw new ParseFailure(errNotStringArray);
  return { node: newNode({ value: rest }), attrs: {} };
}

function parseMaybeJSONToList(rest: string): { node: Node | null; attrs: Record<string, boolean> } {
  const j = parseJSONArray(rest);
  if ('values' in j) return { node: chain(j.values), attrs: { json: true } };
  if (j.error === 'notStrings') throw new ParseFailure(errNotStringArray);
  return { node: parseStringsWhitespaceDelimited(rest), attrs: {} };
}

function parseHealthConfig(rest: string): { node: Node | null; attrs: Record<string, boolean> } {
  const bytes = encoder.encode(rest);
  let sep = 0;
  while (sep < bytes.length && !isSpaceByte(bytes[sep] ?? 0)) sep++;
  let next = sep;
  while (next < bytes.length && isSpaceByte(bytes[next] ?? 0)) next++;
  if (sep === 0) return { node: null, attrs: {} };
  const typ = decoder.decode(bytes.subarray(0, sep));
  const cmd = parseMaybeJSON(decoder.decode(bytes.subarray(next)));
  return { node: newNode({ value: typ, next: cmd.node }), attrs: cmd.attrs };
}

function parseSubCommand(rest: string, d: Directives): { node: Node | null; attrs: Record<string, boolean> } {
  if (rest === '') return { node: null, attrs: {} };
  const child = newNodeFromLine(rest, d, []);
  return { node: newNode({ children: [child] }), attrs: {} };
}

const dispatch: Record<string, LineParser> = {
  add: (rest) => parseMaybeJSONToList(rest),
  arg: (rest, d) => ({ node: parseNameOrNameVal(rest, d), attrs: {} }),
  cmd: (rest) => parseMaybeJSON(rest),
  copy: (rest) => parseMaybeJSONToList(rest),
  entrypoint: (rest) => parseMaybeJSON(rest),
  env: (rest, d) => ({ node: parseNameVal(rest, 'ENV', d), attrs: {} }),
  expose: (rest) => ({ node: parseStringsWhitespaceDelimited(rest), attrs: {} }),
  from: (rest) => ({ node: parseStringsWhitespaceDelimited(rest), attrs: {} }),
  healthcheck: (rest) => parseHealthConfig(rest),
  label: (rest, d) => ({ node: parseNameVal(rest, 'LABEL', d), attrs: {} }),
  maintainer: (rest) => ({ node: parseString(rest), attrs: {} }),
  onbuild: parseSubCommand,
  run: (rest) => parseMaybeJSON(rest),
  shell: (rest) => parseMaybeJSON(rest),
  stopsignal: (rest) => ({ node: parseString(rest), attrs: {} }),
  user: (rest) => ({ node: parseString(rest), attrs: {} }),
  volume: (rest) => parseMaybeJSONToList(rest),
  workdir: (rest) => ({ node: parseString(rest), attrs: {} }),
};

/** The instructions BuildKit knows, lower-case. */
export const INSTRUCTIONS: readonly string[] = Object.keys(dispatch);

// ---- split_command.go ---------------------------------------------------------------------------------------

/**
 * BuildKit extractBuilderFlags: leading `--flag` words. Works on UTF-8 bytes like the Go code, so a
 * non-ASCII character inside a flag comes out as Go's `rune(byte)` would write it.
 */
function extractBuilderFlags(line: string, d: Directives): [string, string[]] {
  const bytes = encoder.encode(line);
  const esc = d.escapeToken.charCodeAt(0);
  const words: string[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let sb = '';
  let quote = 0;
  let blankOK = false;
  let ch = 0;
  const rest = (pos: number) => decoder.decode(bytes.subarray(pos));
  for (let pos = 0; pos <= bytes.length; pos++) {
    if (pos !== bytes.length) ch = bytes[pos] ?? 0;
    if (phase === 'spaces') {
      if (pos === bytes.length) break;
      if (isSpaceByte(ch)) continue;
      if (ch !== 0x2d || pos + 1 === bytes.length || bytes[pos + 1] !== 0x2d) return [rest(pos), words];
      phase = 'word';
    }
    if (pos === bytes.length) {
      if (sb !== '--' && (blankOK || sb.length > 0)) words.push(sb);
      break;
    }
    if (phase === 'word') {
      if (isSpaceByte(ch)) {
        phase = 'spaces';
        if (sb === '--') return [rest(pos), words];
        if (blankOK || sb.length > 0) words.push(sb);
        sb = '';
        blankOK = false;
        continue;
      }
      if (ch === 0x27 || ch === 0x22) {
        quote = ch;
        blankOK = true;
        phase = 'quote';
        continue;
      }
      if (ch === esc) {
        if (pos + 1 === bytes.length) continue;
        pos++;
        ch = bytes[pos] ?? 0;
      }
      sb += String.fromCharCode(ch);
      continue;
    }
    // quote
    if (ch === quote) {
      phase = 'word';
      continue;
    }
    if (ch === esc) {
      if (pos + 1 === bytes.length) {
        phase = 'word';
        continue;
      }
      pos++;
      ch = bytes[pos] ?? 0;
    }
    sb += String.fromCharCode(ch);
  }
  return ['', words];
}

function splitCommand(line: string, d: Directives): { cmd: string; flags: string[]; args: string } {
  const cmdline = goRegexpSplit(reWhitespace, goTrimSpace(line), 2);
  let args = '';
  let flags: string[] = [];
  if (cmdline.length === 2) [args, flags] = extractBuilderFlags(cmdline[1] as string, d);
  return { cmd: cmdline[0] ?? '', flags, args: goTrimSpace(args) };
}

function newNodeFromLine(line: string, d: Directives, comments: string[]): Node {
  const { cmd, flags, args } = splitCommand(line, d);
  const fn = dispatch[cmd.toLowerCase()];
  // Unknown instructions keep an empty argument node; the instructions layer reports them.
  const { node: next, attrs } = fn !== undefined ? fn(args, d) : { node: newNode(), attrs: {} };
  return newNode({ value: cmd, original: line, flags, next, attributes: attrs, prevComment: comments });
}

// ---- heredocs ---------------------------------------------------------------------------------------------

function canContainHeredoc(node: Node): boolean {
  if (node.value.toLowerCase() === 'onbuild') {
    const first = node.next?.children[0];
    if (first !== undefined) node = first;
  }
  const v = node.value.toLowerCase();
  if (v !== 'add' && v !== 'copy' && v !== 'run') return false;
  return node.attributes['json'] !== true;
}

function countQuotes(s: string): number {
  let n = 0;
  for (const c of s) if (c === "'" || c === '"') n++;
  return n;
}

/**
 * BuildKit ParseHeredoc: a heredoc word (`<<EOF`, `<<-'EOF'`, `3<<EOF`) → its name, chomp, expand and fd;
 * undefined when the word is not a heredoc; an error for an unterminated quote.
 */
export function parseHeredoc(src: string): { heredoc?: Heredoc; error?: string } {
  const m = reHeredoc.exec(src);
  if (m === null) return {};
  const fd = m[1] === '' ? 0 : Number(m[1]);
  const chomp = m[2] === '-';
  const rest = m[3] ?? '';
  if (rest.length === 0) return {};
  const lex = new ShellLex({ skipUnsetEnv: true });
  const words = lex.processWords(rest, {});
  if (!words.ok) return { error: words.error };
  if (words.value.length !== 1) return {};
  const raw = new ShellLex({ skipUnsetEnv: true, rawQuotes: true }).processWords(rest, {});
  if (!raw.ok) return { error: raw.error };
  if (raw.value.length !== words.value.length) {
    return { error: `internal lexing of heredoc produced inconsistent results: ${rest}` };
  }
  const word = words.value[0] as string;
  const expand = countQuotes(word) === countQuotes(raw.value[0] as string);
  return { heredoc: { name: word, expand, chomp, fileDescriptor: fd, content: '' } };
}

/** BuildKit heredocsFromLine: the heredocs a (shell-form) instruction line opens, in order. */
export function heredocsFromLine(line: string): { heredocs: Heredoc[]; error?: string } {
  const lex = new ShellLex({ rawQuotes: true, rawEscapes: true, skipUnsetEnv: true });
  const r = lex.processWords(line, {});
  const words = r.ok ? r.value : [];
  const heredocs: Heredoc[] = [];
  for (const word of words) {
    const h = parseHeredoc(word);
    if (h.error !== undefined) return { heredocs: [], error: h.error };
    if (h.heredoc !== undefined) heredocs.push(h.heredoc);
  }
  return { heredocs };
}

/** BuildKit ChompHeredocContent: strips leading tabs from every line. */
export function chompHeredocContent(src: string): string {
  return src.replace(/^\t+/gm, '');
}

// ---- the scanner ------------------------------------------------------------------------------------------

const MAX_SCAN_TOKEN_SIZE = 64 * 1024;

/** bufio.Scanner with BuildKit's scanLines (lines keep their `\n`), including its 64 KiB line limit. */
class LineScanner {
  private pos = 0;
  token = '';
  tooLong = false;
  constructor(private readonly text: string) {}
  scan(): boolean {
    if (this.tooLong || this.pos >= this.text.length) return false;
    const nl = this.text.indexOf('\n', this.pos);
    const end = nl < 0 ? this.text.length : nl + 1;
    const token = this.text.slice(this.pos, end);
    const size = utf8Length(token);
    if (nl >= 0 ? size > MAX_SCAN_TOKEN_SIZE : size >= MAX_SCAN_TOKEN_SIZE) {
      this.tooLong = true;
      return false;
    }
    this.token = token;
    this.pos = end;
    return true;
  }
}

function locationError(message: string, start: number, end: number): { ok: false; error: DockerfileError } {
  return { ok: false, error: { message, location: { start, end: end <= start ? start : end } } };
}

/**
 * Parses a Dockerfile as BuildKit's `parser.Parse`. On success: the AST (root node with one child per
 * instruction), the parser warnings (empty continuation lines) and the escape token in force. On failure:
 * BuildKit's message and the lines it points at.
 */
export function parseDockerfile(text: string): ParseResult {
  const d = new Directives();
  let currentLine = 0;
  const root = newNode({ startLine: -1 });
  const scanner = new LineScanner(text);
  const warnings: ParseWarning[] = [];
  let comments: string[] = [];

  const processLine = (token: string, stripLeft: boolean): { line: string; directive: boolean } => {
    token = trimNewline(token);
    if (stripLeft) token = goTrimLeftSpace(token);
    const directive = d.possibleParserDirective(token);
    return { line: isComment(token) ? '' : token, directive };
  };
  const trimContinuation = (line: string): [string, boolean] => {
    const re = d.lineContinuationRegex;
    const m = re.exec(line);
    if (m === null) return [line, true];
    return [line.slice(0, m.index) + (m[1] ?? '') + line.slice(m.index + m[0].length), false];
  };

  while (scanner.scan()) {
    let bytesRead = scanner.token;
    if (currentLine === 0) bytesRead = discardBOM(bytesRead);
    if (isComment(bytesRead)) {
      const comment = goTrimSpace(bytesRead.slice(1));
      if (comment === '') comments = [];
      else comments.push(comment);
    }
    let processed: { line: string; directive: boolean };
    try {
      processed = processLine(bytesRead, true);
    } catch (e) {
      if (e instanceof ParseFailure) return locationError(e.message, currentLine, 0);
      throw e;
    }
    if (processed.directive) comments = comments.slice(0, -1);
    currentLine++;

    const startLine = currentLine;
    let [line, isEndOfLine] = trimContinuation(processed.line);
    if (isEndOfLine && line.length === 0) continue;
    let buf = line;

    let hasEmptyContinuationLine = false;
    while (!isEndOfLine && scanner.scan()) {
      let cont: { line: string; directive: boolean };
      try {
        cont = processLine(scanner.token, false);
      } catch (e) {
        if (e instanceof ParseFailure) return locationError(e.message, currentLine, 0);
        throw e;
      }
      currentLine++;
      if (isComment(scanner.token)) continue;
      if (isEmptyContinuationLine(cont.line)) {
        hasEmptyContinuationLine = true;
        continue;
      }
      [line, isEndOfLine] = trimContinuation(cont.line);
      buf += line;
    }

    const full = buf;
    if (hasEmptyContinuationLine) {
      warnings.push({
        short: 'Empty continuation line found in: ' + full,
        detail: ['Empty continuation lines will become errors in a future release'],
        url: 'https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/',
        location: { start: currentLine, end: currentLine },
      });
    }

    let child: Node;
    try {
      child = newNodeFromLine(full, d, comments);
    } catch (e) {
      if (e instanceof ParseFailure) return locationError(e.message, startLine, currentLine);
      throw e;
    }

    if (canContainHeredoc(child) && full.includes('<<')) {
      const { heredocs, error } = heredocsFromLine(full);
      if (error !== undefined) return locationError(error, startLine, currentLine);
      for (const heredoc of heredocs) {
        let terminated = false;
        let content = heredoc.content;
        while (scanner.scan()) {
          const raw = scanner.token;
          currentLine++;
          let possibleTerminator = trimNewline(raw);
          if (heredoc.chomp) possibleTerminator = possibleTerminator.replace(/^\t+/, '');
          if (possibleTerminator === heredoc.name) {
            terminated = true;
            break;
          }
          content += raw;
        }
        if (!terminated) return locationError('unterminated heredoc', startLine, currentLine);
        child.heredocs.push({ ...heredoc, content });
      }
    }

    child.startLine = startLine;
    child.endLine = currentLine;
    if (root.startLine < 0) root.startLine = startLine;
    root.endLine = currentLine;
    root.children.push(child);
    comments = [];
  }

  if (root.startLine < 0) return locationError('file with no instructions', currentLine, 0);
  if (scanner.tooLong) return locationError(`dockerfile line greater than max allowed size of ${MAX_SCAN_TOKEN_SIZE - 1}`, currentLine, 0);
  return { ok: true, ast: root, warnings, escapeToken: d.escapeToken };
}

/**
 * BuildKit parseNameVal as a helper (ENV/LABEL argument parsing): the node values in order
 * (`name, value, sep` per pair, `sep` '' for the old `KEY name value` form), or BuildKit's error.
 */
export function parseNameValues(rest: string, key: string, escapeToken: string = DEFAULT_ESCAPE_TOKEN): { ok: true; value: string[] } | { ok: false; error: string } {
  const d = new Directives();
  d.escapeToken = escapeToken;
  try {
    const values: string[] = [];
    for (let n = parseNameVal(rest, key, d); n !== null; n = n.next) values.push(n.value);
    return { ok: true, value: values };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.message };
    throw e;
  }
}
