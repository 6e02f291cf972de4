/**
 * A YAML 1.1 scanner, parser and composer that follows libyaml's algorithm as go-yaml carries it (the
 * v2.4 line kubectl uses through sigs.k8s.io/yaml's goyaml.v2 fork, whose simple keys are checked
 * lazily). The point is not the values (any YAML library gives those) but the failures: which problem
 * go-yaml reports, and where its scanner or parser stood when it noticed, because the printed line number
 * comes from that position. Marks are 0-based and count characters (code points), as libyaml does.
 */

export interface Mark {
  index: number;
  line: number;
  column: number;
}

export type ErrorKind = 'reader' | 'scanner' | 'parser' | 'composer';

/** A go-yaml failure: the problem text and the marks it decides the line number from. */
export class YamlFailure {
  constructor(
    readonly kind: ErrorKind,
    readonly problem: string,
    readonly problemMark: Mark,
    readonly context: string,
    readonly contextMark: Mark,
  ) {}
}

type TokenType =
  | 'STREAM_START'
  | 'STREAM_END'
  | 'VERSION_DIRECTIVE'
  | 'TAG_DIRECTIVE'
  | 'DOCUMENT_START'
  | 'DOCUMENT_END'
  | 'BLOCK_SEQUENCE_START'
  | 'BLOCK_MAPPING_START'
  | 'BLOCK_END'
  | 'FLOW_SEQUENCE_START'
  | 'FLOW_SEQUENCE_END'
  | 'FLOW_MAPPING_START'
  | 'FLOW_MAPPING_END'
  | 'BLOCK_ENTRY'
  | 'FLOW_ENTRY'
  | 'KEY'
  | 'VALUE'
  | 'ALIAS'
  | 'ANCHOR'
  | 'TAG'
  | 'SCALAR';

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

interface Token {
  type: TokenType;
  start: Mark;
  end: Mark;
  value?: string;
  suffix?: string;
  style?: ScalarStyle;
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

const ZERO: Mark = { index: 0, line: 0, column: 0 };

class Fail {
  constructor(readonly failure: YamlFailure) {}
}

const isBreak = (c: string): boolean => c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string): boolean => c === ' ' || c === '\t';
const isZ = (c: string): boolean => c === '\0';
const isBreakZ = (c: string): boolean => isBreak(c) || isZ(c);
const isBlankZ = (c: string): boolean => isBlank(c) || isBreakZ(c);
const isAlpha = (c: string): boolean => /^[0-9A-Za-z_-]$/.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isHex = (c: string): boolean => /^[0-9A-Fa-f]$/.test(c);

/** go-yaml's reader check: the characters YAML allows in a stream. */
export function findControlCharacter(text: string): boolean {
  for (const ch of text) {
    const v = ch.codePointAt(0) ?? 0;
    const ok =
      v === 0x09 || v === 0x0a || v === 0x0d || (v >= 0x20 && v <= 0x7e) || v === 0x85 || (v >= 0xa0 && v <= 0xd7ff) || (v >= 0xe000 && v <= 0xfffd) || (v >= 0x10000 && v <= 0x10ffff);
    if (!ok) return true;
  }
  return false;
}

class Scanner {
  private readonly buf: string[];
  private pos = 0;
  mark: Mark = { index: 0, line: 0, column: 0 };
  private tokens: Token[] = [];
  private head = 0;
  tokensParsed = 0;
  private tokenAvailable = false;
  private streamStartProduced = false;
  streamEndProduced = false;
  private indent = -1;
  private indents: number[] = [];
  private simpleKeyAllowed = false;
  private simpleKeys: SimpleKey[] = [];
  private simpleKeysByTok = new Map<number, number>();
  private flowLevel = 0;

  constructor(text: string) {
    this.buf = Array.from(text);
  }

  private ch(k = 0): string {
    return this.buf[this.pos + k] ?? '\0';
  }

  private fail(context: string, contextMark: Mark, problem: string): never {
    throw new Fail(new YamlFailure('scanner', problem, { ...this.mark }, context, contextMark));
  }

  private skip(): void {
    this.mark = { index: this.mark.index + 1, line: this.mark.line, column: this.mark.column + 1 };
    this.pos++;
  }

  private skipLine(): void {
    if (this.ch() === '\r' && this.ch(1) === '\n') {
      this.mark = { index: this.mark.index + 2, line: this.mark.line + 1, column: 0 };
      this.pos += 2;
    } else if (isBreak(this.ch())) {
      this.mark = { index: this.mark.index + 1, line: this.mark.line + 1, column: 0 };
      this.pos++;
    }
  }

  private read(): string {
    const c = this.ch();
    this.skip();
    return c;
  }

  private readLine(): string {
    const c = this.ch();
    let out: string;
    if (c === '\r' && this.ch(1) === '\n') {
      this.pos += 2;
      this.mark = { index: this.mark.index + 2, line: this.mark.line + 1, column: 0 };
      return '\n';
    } else if (c === '\r' || c === '\n' || c === '\u0085') out = '\n';
    else if (c === '\u2028' || c === '\u2029') out = c;
    else return '';
    this.pos++;
    this.mark = { index: this.mark.index + 1, line: this.mark.line + 1, column: 0 };
    return out;
  }

  // ---- token queue ----

  peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    const t = this.tokens[this.head];
    if (!t) throw new Error('goyaml: token queue empty');
    return t;
  }

  skipToken(): void {
    const t = this.tokens[this.head];
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.streamEndProduced = t?.type === 'STREAM_END';
    this.head++;
  }

  private insert(pos: number, token: Token): void {
    if (pos < 0) this.tokens.push(token);
    else this.tokens.splice(this.head + pos, 0, token);
  }

  private fetchMoreTokens(): void {
    for (;;) {
      if (this.head !== this.tokens.length) {
        const idx = this.simpleKeysByTok.get(this.tokensParsed);
        if (idx === undefined) break;
        const key = this.simpleKeys[idx];
        if (!key || !this.simpleKeyIsValid(key)) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private simpleKeyIsValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    if (key.mark.line < this.mark.line || key.mark.index + 1024 < this.mark.index) {
      if (key.required) this.fail('while scanning a simple key', key.mark, "could not find expected ':'");
      key.possible = false;
      return false;
    }
    return true;
  }

  private fetchNextToken(): void {
    if (!this.streamStartProduced) {
      this.indent = -1;
      this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: { ...ZERO } });
      this.simpleKeyAllowed = true;
      this.streamStartProduced = true;
      this.insert(-1, { type: 'STREAM_START', start: { ...this.mark }, end: { ...this.mark } });
      return;
    }
    this.scanToNextToken();
    this.unrollIndent(this.mark.column);
    const c = this.ch();
    if (isZ(c)) return this.fetchStreamEnd();
    if (this.mark.column === 0 && c === '%') return this.fetchDirective();
    if (this.mark.column === 0 && c === '-' && this.ch(1) === '-' && this.ch(2) === '-' && isBlankZ(this.ch(3))) return this.fetchDocumentIndicator('DOCUMENT_START');
    if (this.mark.column === 0 && c === '.' && this.ch(1) === '.' && this.ch(2) === '.' && isBlankZ(this.ch(3))) return this.fetchDocumentIndicator('DOCUMENT_END');
    if (c === '[') return this.fetchFlowCollectionStart('FLOW_SEQUENCE_START');
    if (c === '{') return this.fetchFlowCollectionStart('FLOW_MAPPING_START');
    if (c === ']') return this.fetchFlowCollectionEnd('FLOW_SEQUENCE_END');
    if (c === '}') return this.fetchFlowCollectionEnd('FLOW_MAPPING_END');
    if (c === ',') return this.fetchFlowEntry();
    if (c === '-' && isBlankZ(this.ch(1))) return this.fetchBlockEntry();
    if (c === '?' && (this.flowLevel > 0 || isBlankZ(this.ch(1)))) return this.fetchKey();
    if (c === ':' && (this.flowLevel > 0 || isBlankZ(this.ch(1)))) return this.fetchValue();
    if (c === '*') return this.fetchAnchor('ALIAS');
    if (c === '&') return this.fetchAnchor('ANCHOR');
    if (c === '!') return this.fetchTag();
    if (c === '|' && this.flowLevel === 0) return this.fetchBlockScalar(true);
    if (c === '>' && this.flowLevel === 0) return this.fetchBlockScalar(false);
    if (c === "'") return this.fetchFlowScalar(true);
    if (c === '"') return this.fetchFlowScalar(false);
    if (
      !(isBlankZ(c) || '-?:,[]{}#&*!|>\'"%@`'.includes(c)) ||
      (c === '-' && !isBlank(this.ch(1))) ||
      (this.flowLevel === 0 && (c === '?' || c === ':') && !isBlankZ(this.ch(1)))
    )
      return this.fetchPlainScalar();
    this.fail('while scanning for the next token', { ...this.mark }, 'found character that cannot start any token');
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.mark.column;
    if (this.simpleKeyAllowed) {
      const key: SimpleKey = { possible: true, required, tokenNumber: this.tokensParsed + (this.tokens.length - this.head), mark: { ...this.mark } };
      this.removeSimpleKey();
      this.simpleKeys[this.simpleKeys.length - 1] = key;
      this.simpleKeysByTok.set(key.tokenNumber, this.simpleKeys.length - 1);
    }
  }

  private removeSimpleKey(): void {
    const i = this.simpleKeys.length - 1;
    const key = this.simpleKeys[i];
    if (key?.possible) {
      if (key.required) this.fail('while scanning a simple key', key.mark, "could not find expected ':'");
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
    }
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: this.tokensParsed + (this.tokens.length - this.head), mark: { ...this.mark } });
    this.flowLevel++;
    if (this.flowLevel > 10000) this.fail('while increasing flow level', { ...this.mark }, 'exceeded max depth of 10000');
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      const last = this.simpleKeys.pop();
      if (last) this.simpleKeysByTok.delete(last.tokenNumber);
    }
  }

  private rollIndent(column: number, number: number, type: TokenType, mark: Mark): void {
    if (this.flowLevel > 0) return;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > 10000) this.fail('while increasing indent level', { ...mark }, 'exceeded max depth of 10000');
      this.insert(number > -1 ? number - this.tokensParsed : -1, { type, start: { ...mark }, end: { ...mark } });
    }
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      this.insert(-1, { type: 'BLOCK_END', start: { ...this.mark }, end: { ...this.mark } });
      this.indent = this.indents.pop() ?? -1;
    }
  }

  private fetchStreamEnd(): void {
    if (this.mark.column !== 0) this.mark = { index: this.mark.index, line: this.mark.line + 1, column: 0 };
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, { type: 'STREAM_END', start: { ...this.mark }, end: { ...this.mark } });
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = { ...this.mark };
    this.skip();
    let name = '';
    while (isAlpha(this.ch())) name += this.read();
    if (name === '') this.fail('while scanning a directive', start, 'could not find expected directive name');
    if (!isBlankZ(this.ch())) this.fail('while scanning a directive', start, 'found unexpected non-alphabetical character');
    if (name !== 'YAML' && name !== 'TAG') this.fail('while scanning a directive', start, 'found unknown directive name');
    let rest = '';
    while (!isBreakZ(this.ch()) && this.ch() !== '#') rest += this.read();
    while (!isBreakZ(this.ch())) this.skip();
    const parts = rest.trim().split(/[ \t]+/);
    if (name === 'YAML') {
      const m = /^(\d+)\.(\d+)$/.exec(parts[0] ?? '');
      if (!m) this.fail('while scanning a %YAML directive', start, 'did not find expected digit or \'.\' character');
      this.insert(-1, { type: 'VERSION_DIRECTIVE', start, end: { ...this.mark }, value: `${m[1] ?? ''}.${m[2] ?? ''}` });
    } else {
      this.insert(-1, { type: 'TAG_DIRECTIVE', start, end: { ...this.mark }, value: parts[0] ?? '', suffix: parts[1] ?? '' });
    }
    if (isBreak(this.ch())) this.skipLine();
  }

  private fetchDocumentIndicator(type: TokenType): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = { ...this.mark };
    this.skip();
    this.skip();
    this.skip();
    this.insert(-1, { type, start, end: { ...this.mark } });
  }

  private fetchFlowCollectionStart(type: TokenType): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    const start = { ...this.mark };
    this.skip();
    this.insert(-1, { type, start, end: { ...this.mark } });
  }

  private fetchFlowCollectionEnd(type: TokenType): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    const start = { ...this.mark };
    this.skip();
    this.insert(-1, { type, start, end: { ...this.mark } });
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = { ...this.mark };
    this.skip();
    this.insert(-1, { type: 'FLOW_ENTRY', start, end: { ...this.mark } });
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.fail('', { ...this.mark }, 'block sequence entries are not allowed in this context');
      this.rollIndent(this.mark.column, -1, 'BLOCK_SEQUENCE_START', { ...this.mark });
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = { ...this.mark };
    this.skip();
    this.insert(-1, { type: 'BLOCK_ENTRY', start, end: { ...this.mark } });
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.fail('', { ...this.mark }, 'mapping keys are not allowed in this context');
      this.rollIndent(this.mark.column, -1, 'BLOCK_MAPPING_START', { ...this.mark });
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    const start = { ...this.mark };
    this.skip();
    this.insert(-1, { type: 'KEY', start, end: { ...this.mark } });
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (key && this.simpleKeyIsValid(key)) {
      this.insert(key.tokenNumber - this.tokensParsed, { type: 'KEY', start: { ...key.mark }, end: { ...key.mark } });
      this.rollIndent(key.mark.column, key.tokenNumber, 'BLOCK_MAPPING_START', key.mark);
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.fail('', { ...this.mark }, 'mapping values are not allowed in this context');
        this.rollIndent(this.mark.column, -1, 'BLOCK_MAPPING_START', { ...this.mark });
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    const start = { ...this.mark };
    this.skip();
    this.insert(-1, { type: 'VALUE', start, end: { ...this.mark } });
  }

  private fetchAnchor(type: 'ALIAS' | 'ANCHOR'): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = { ...this.mark };
    this.skip();
    let s = '';
    while (isAlpha(this.ch())) s += this.read();
    const end = { ...this.mark };
    const c = this.ch();
    if (s === '' || !(isBlankZ(c) || '?:,]}%@`'.includes(c))) {
      this.fail(type === 'ANCHOR' ? 'while scanning an anchor' : 'while scanning an alias', start, 'did not find expected alphabetic or numeric character');
    }
    this.insert(-1, { type, start, end, value: s });
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = { ...this.mark };
    let handle = '';
    let suffix: string;
    if (this.ch(1) === '<') {
      this.skip();
      this.skip();
      suffix = this.scanTagUri(start);
      if (this.ch() !== '>') this.fail('while scanning a tag', start, "did not find the expected '>'");
      this.skip();
    } else {
      // handle: '!' alpha* ['!']
      let h = this.read();
      while (isAlpha(this.ch())) h += this.read();
      if (this.ch() === '!') h += this.read();
      if (h.length > 1 && h.endsWith('!')) {
        handle = h;
        suffix = this.scanTagUri(start);
      } else {
        suffix = h.slice(1) + this.scanTagUri(start, h.length > 1);
        handle = '!';
        if (suffix === '') {
          handle = '';
          suffix = '!';
        }
      }
    }
    if (!isBlankZ(this.ch())) this.fail('while scanning a tag', start, 'did not find expected whitespace or line break');
    this.insert(-1, { type: 'TAG', start, end: { ...this.mark }, value: handle, suffix });
  }

  private scanTagUri(start: Mark, hasHead = false): string {
    let s = '';
    while (/^[0-9A-Za-z_\-;/?:@&=+$,.!~*'()[\]%]$/.test(this.ch())) {
      if (this.ch() === '%') {
        this.skip();
        if (!isHex(this.ch()) || !isHex(this.ch(1))) this.fail('while parsing a tag', start, 'did not find URI escaped octet');
        const code = this.read() + this.read();
        s += String.fromCharCode(parseInt(code, 16));
      } else s += this.read();
    }
    if (s === '' && !hasHead) this.fail('while parsing a tag', start, 'did not find expected tag URI');
    return s;
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = { ...this.mark };
    this.skip();
    let chomping = 0;
    let increment = 0;
    if (this.ch() === '+' || this.ch() === '-') {
      chomping = this.ch() === '+' ? 1 : -1;
      this.skip();
      if (isDigit(this.ch())) {
        if (this.ch() === '0') this.fail('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
        increment = Number(this.ch());
        this.skip();
      }
    } else if (isDigit(this.ch())) {
      if (this.ch() === '0') this.fail('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
      increment = Number(this.ch());
      this.skip();
      if (this.ch() === '+' || this.ch() === '-') {
        chomping = this.ch() === '+' ? 1 : -1;
        this.skip();
      }
    }
    while (isBlank(this.ch())) this.skip();
    if (this.ch() === '#') while (!isBreakZ(this.ch())) this.skip();
    if (!isBreakZ(this.ch())) this.fail('while scanning a block scalar', start, 'did not find expected comment or line break');
    if (isBreak(this.ch())) this.skipLine();
    let end = { ...this.mark };
    let indent = 0;
    if (increment > 0) indent = this.indent >= 0 ? this.indent + increment : increment;
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    const breaks = (): void => {
      end = { ...this.mark };
      let maxIndent = 0;
      for (;;) {
        while ((indent === 0 || this.mark.column < indent) && this.ch() === ' ') this.skip();
        if (this.mark.column > maxIndent) maxIndent = this.mark.column;
        if ((indent === 0 || this.mark.column < indent) && this.ch() === '\t') this.fail('while scanning a block scalar', start, 'found a tab character where an indentation space is expected');
        if (!isBreak(this.ch())) break;
        trailingBreaks += this.readLine();
        end = { ...this.mark };
      }
      if (indent === 0) {
        indent = maxIndent;
        if (indent < this.indent + 1) indent = this.indent + 1;
        if (indent < 1) indent = 1;
      }
    };
    breaks();
    let leadingBlank = false;
    while (this.mark.column === indent && !isZ(this.ch())) {
      const trailingBlank = isBlank(this.ch());
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.startsWith('\n')) {
        if (trailingBreaks === '') s += ' ';
      } else s += leadingBreak;
      s += trailingBreaks;
      trailingBreaks = '';
      leadingBlank = isBlank(this.ch());
      while (!isBreakZ(this.ch())) s += this.read();
      leadingBreak = this.readLine();
      breaks();
    }
    if (chomping !== -1) s += leadingBreak;
    if (chomping === 1) s += trailingBreaks;
    this.insert(-1, { type: 'SCALAR', start, end, value: s, style: literal ? 'literal' : 'folded' });
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = { ...this.mark };
    this.skip();
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    for (;;) {
      if (
        this.mark.column === 0 &&
        ((this.ch() === '-' && this.ch(1) === '-' && this.ch(2) === '-') || (this.ch() === '.' && this.ch(1) === '.' && this.ch(2) === '.')) &&
        isBlankZ(this.ch(3))
      )
        this.fail('while scanning a quoted scalar', start, 'found unexpected document indicator');
      if (isZ(this.ch())) this.fail('while scanning a quoted scalar', start, 'found unexpected end of stream');
      let leadingBlanks = false;
      while (!isBlankZ(this.ch())) {
        const c = this.ch();
        if (single && c === "'" && this.ch(1) === "'") {
          s += "'";
          this.skip();
          this.skip();
        } else if (single && c === "'") break;
        else if (!single && c === '"') break;
        else if (!single && c === '\\' && isBreak(this.ch(1))) {
          this.skip();
          this.skipLine();
          leadingBlanks = true;
          break;
        } else if (!single && c === '\\') {
          let codeLength = 0;
          const e = this.ch(1);
          const simple: Record<string, string> = {
            '0': '\0',
            a: '\x07',
            b: '\x08',
            t: '\t',
            '\t': '\t',
            n: '\n',
            v: '\x0b',
            f: '\x0c',
            r: '\r',
            e: '\x1b',
            ' ': ' ',
            '"': '"',
            "'": "'",
            '\\': '\\',
            N: '\u0085',
            _: '\u00a0',
            L: '\u2028',
            P: '\u2029',
          };
          if (e === 'x') codeLength = 2;
          else if (e === 'u') codeLength = 4;
          else if (e === 'U') codeLength = 8;
          else if (e in simple) s += simple[e] ?? '';
          else this.fail('while parsing a quoted scalar', start, 'found unknown escape character');
          this.skip();
          this.skip();
          if (codeLength > 0) {
            let value = 0;
            for (let k = 0; k < codeLength; k++) {
              const h = this.ch(k);
              if (!isHex(h)) this.fail('while parsing a quoted scalar', start, 'did not find expected hexdecimal number');
              value = value * 16 + parseInt(h, 16);
            }
            if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) this.fail('while parsing a quoted scalar', start, 'found invalid Unicode character escape code');
            s += String.fromCodePoint(value);
            for (let k = 0; k < codeLength; k++) this.skip();
          }
        } else s += this.read();
      }
      if (this.ch() === (single ? "'" : '"')) break;
      while (isBlank(this.ch()) || isBreak(this.ch())) {
        if (isBlank(this.ch())) {
          if (!leadingBlanks) whitespaces += this.read();
          else this.skip();
        } else if (!leadingBlanks) {
          whitespaces = '';
          leadingBreak = this.readLine();
          leadingBlanks = true;
        } else trailingBreaks += this.readLine();
      }
      if (leadingBlanks) {
        if (leadingBreak.startsWith('\n')) s += trailingBreaks === '' ? ' ' : trailingBreaks;
        else s += leadingBreak + trailingBreaks;
        trailingBreaks = '';
        leadingBreak = '';
      } else {
        s += whitespaces;
        whitespaces = '';
      }
    }
    this.skip();
    this.insert(-1, { type: 'SCALAR', start, end: { ...this.mark }, value: s, style: single ? 'single' : 'double' });
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    let leadingBlanks = false;
    const indent = this.indent + 1;
    const start = { ...this.mark };
    let end = { ...this.mark };
    for (;;) {
      if (
        this.mark.column === 0 &&
        ((this.ch() === '-' && this.ch(1) === '-' && this.ch(2) === '-') || (this.ch() === '.' && this.ch(1) === '.' && this.ch(2) === '.')) &&
        isBlankZ(this.ch(3))
      )
        break;
      if (this.ch() === '#') break;
      while (!isBlankZ(this.ch())) {
        const c = this.ch();
        if ((c === ':' && isBlankZ(this.ch(1))) || (this.flowLevel > 0 && ',?[]{}'.includes(c))) break;
        if (leadingBlanks || whitespaces !== '') {
          if (leadingBlanks) {
            if (leadingBreak.startsWith('\n')) s += trailingBreaks === '' ? ' ' : trailingBreaks;
            else s += leadingBreak + trailingBreaks;
            trailingBreaks = '';
            leadingBreak = '';
            leadingBlanks = false;
          } else {
            s += whitespaces;
            whitespaces = '';
          }
        }
        s += this.read();
        end = { ...this.mark };
      }
      if (!(isBlank(this.ch()) || isBreak(this.ch()))) break;
      while (isBlank(this.ch()) || isBreak(this.ch())) {
        if (isBlank(this.ch())) {
          if (leadingBlanks && this.mark.column < indent && this.ch() === '\t') this.fail('while scanning a plain scalar', start, 'found a tab character that violates indentation');
          if (!leadingBlanks) whitespaces += this.read();
          else this.skip();
        } else if (!leadingBlanks) {
          whitespaces = '';
          leadingBreak = this.readLine();
          leadingBlanks = true;
        } else trailingBreaks += this.readLine();
      }
      if (this.flowLevel === 0 && this.mark.column < indent) break;
    }
    this.insert(-1, { type: 'SCALAR', start, end, value: s, style: 'plain' });
    if (leadingBlanks) this.simpleKeyAllowed = true;
  }

  private scanToNextToken(): void {
    for (;;) {
      if (this.mark.column === 0 && this.ch() === '\uFEFF') this.skip();
      while (this.ch() === ' ' || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && this.ch() === '\t')) this.skip();
      if (this.ch() === '#') while (!isBreakZ(this.ch())) this.skip();
      if (isBreak(this.ch())) {
        this.skipLine();
        if (this.flowLevel === 0) this.simpleKeyAllowed = true;
      } else break;
    }
  }
}

// ---------------------------------------------------------------- parser

export type Event =
  | { type: 'STREAM_START' | 'STREAM_END' | 'DOCUMENT_START' | 'DOCUMENT_END' | 'SEQUENCE_END' | 'MAPPING_END'; start: Mark }
  | { type: 'ALIAS'; start: Mark; anchor: string }
  | { type: 'SCALAR'; start: Mark; anchor: string; tag: string; value: string; implicit: boolean; style: ScalarStyle }
  | { type: 'SEQUENCE_START' | 'MAPPING_START'; start: Mark; anchor: string; tag: string; flow: boolean };

type State =
  | 'STREAM_START'
  | 'IMPLICIT_DOCUMENT_START'
  | 'DOCUMENT_START'
  | 'DOCUMENT_CONTENT'
  | 'DOCUMENT_END'
  | 'BLOCK_NODE'
  | 'BLOCK_NODE_OR_INDENTLESS_SEQUENCE'
  | 'FLOW_NODE'
  | 'BLOCK_SEQUENCE_FIRST_ENTRY'
  | 'BLOCK_SEQUENCE_ENTRY'
  | 'INDENTLESS_SEQUENCE_ENTRY'
  | 'BLOCK_MAPPING_FIRST_KEY'
  | 'BLOCK_MAPPING_KEY'
  | 'BLOCK_MAPPING_VALUE'
  | 'FLOW_SEQUENCE_FIRST_ENTRY'
  | 'FLOW_SEQUENCE_ENTRY'
  | 'FLOW_SEQUENCE_ENTRY_MAPPING_KEY'
  | 'FLOW_SEQUENCE_ENTRY_MAPPING_VALUE'
  | 'FLOW_SEQUENCE_ENTRY_MAPPING_END'
  | 'FLOW_MAPPING_FIRST_KEY'
  | 'FLOW_MAPPING_KEY'
  | 'FLOW_MAPPING_VALUE'
  | 'FLOW_MAPPING_EMPTY_VALUE'
  | 'END';

export class Parser {
  private readonly scanner: Scanner;
  private state: State = 'STREAM_START';
  private states: State[] = [];
  private marks: Mark[] = [];
  private tagDirectives: { handle: string; prefix: string }[] = [];

  constructor(text: string) {
    this.scanner = new Scanner(text);
  }

  private perr(problem: string, problemMark: Mark, context = '', contextMark: Mark = ZERO): never {
    throw new Fail(new YamlFailure('parser', problem, { ...problemMark }, context, { ...contextMark }));
  }

  private pop(): State {
    return this.states.pop() ?? 'END';
  }

  /** The next event; throws Fail on a scanner or parser error. */
  next(): Event | null {
    if (this.scanner.streamEndProduced || this.state === 'END') return null;
    return this.machine();
  }

  private machine(): Event {
    const s = this.scanner;
    switch (this.state) {
      case 'STREAM_START': {
        const t = s.peek();
        if (t.type !== 'STREAM_START') this.perr('did not find expected <stream-start>', t.start);
        this.state = 'IMPLICIT_DOCUMENT_START';
        s.skipToken();
        return { type: 'STREAM_START', start: t.start };
      }
      case 'IMPLICIT_DOCUMENT_START':
      case 'DOCUMENT_START':
        return this.documentStart(this.state === 'IMPLICIT_DOCUMENT_START');
      case 'DOCUMENT_CONTENT': {
        const t = s.peek();
        if (['VERSION_DIRECTIVE', 'TAG_DIRECTIVE', 'DOCUMENT_START', 'DOCUMENT_END', 'STREAM_END'].includes(t.type)) {
          this.state = this.pop();
          return this.emptyScalar(t.start);
        }
        return this.node(true, false);
      }
      case 'DOCUMENT_END': {
        const t = s.peek();
        if (t.type === 'DOCUMENT_END') s.skipToken();
        this.tagDirectives = [];
        this.state = 'DOCUMENT_START';
        return { type: 'DOCUMENT_END', start: t.start };
      }
      case 'BLOCK_NODE':
        return this.node(true, false);
      case 'BLOCK_NODE_OR_INDENTLESS_SEQUENCE':
        return this.node(true, true);
      case 'FLOW_NODE':
        return this.node(false, false);
      case 'BLOCK_SEQUENCE_FIRST_ENTRY':
      case 'BLOCK_SEQUENCE_ENTRY': {
        if (this.state === 'BLOCK_SEQUENCE_FIRST_ENTRY') {
          this.marks.push(s.peek().start);
          s.skipToken();
        }
        let t = s.peek();
        if (t.type === 'BLOCK_ENTRY') {
          const mark = t.end;
          s.skipToken();
          t = s.peek();
          if (t.type !== 'BLOCK_ENTRY' && t.type !== 'BLOCK_END') {
            this.states.push('BLOCK_SEQUENCE_ENTRY');
            return this.node(true, false);
          }
          this.state = 'BLOCK_SEQUENCE_ENTRY';
          return this.emptyScalar(mark);
        }
        if (t.type === 'BLOCK_END') {
          this.state = this.pop();
          this.marks.pop();
          s.skipToken();
          return { type: 'SEQUENCE_END', start: t.start };
        }
        const cm = this.marks.pop() ?? ZERO;
        return this.perr("did not find expected '-' indicator", t.start, 'while parsing a block collection', cm);
      }
      case 'INDENTLESS_SEQUENCE_ENTRY': {
        let t = s.peek();
        if (t.type === 'BLOCK_ENTRY') {
          const mark = t.end;
          s.skipToken();
          t = s.peek();
          if (!['BLOCK_ENTRY', 'KEY', 'VALUE', 'BLOCK_END'].includes(t.type)) {
            this.states.push('INDENTLESS_SEQUENCE_ENTRY');
            return this.node(true, false);
          }
          this.state = 'INDENTLESS_SEQUENCE_ENTRY';
          return this.emptyScalar(mark);
        }
        this.state = this.pop();
        return { type: 'SEQUENCE_END', start: t.start };
      }
      case 'BLOCK_MAPPING_FIRST_KEY':
      case 'BLOCK_MAPPING_KEY': {
        if (this.state === 'BLOCK_MAPPING_FIRST_KEY') {
          this.marks.push(s.peek().start);
          s.skipToken();
        }
        let t = s.peek();
        if (t.type === 'KEY') {
          const mark = t.end;
          s.skipToken();
          t = s.peek();
          if (!['KEY', 'VALUE', 'BLOCK_END'].includes(t.type)) {
            this.states.push('BLOCK_MAPPING_VALUE');
            return this.node(true, true);
          }
          this.state = 'BLOCK_MAPPING_VALUE';
          return this.emptyScalar(mark);
        }
        if (t.type === 'BLOCK_END') {
          this.state = this.pop();
          this.marks.pop();
          s.skipToken();
          return { type: 'MAPPING_END', start: t.start };
        }
        const cm = this.marks.pop() ?? ZERO;
        return this.perr('did not find expected key', t.start, 'while parsing a block mapping', cm);
      }
      case 'BLOCK_MAPPING_VALUE': {
        let t = s.peek();
        if (t.type === 'VALUE') {
          const mark = t.end;
          s.skipToken();
          t = s.peek();
          if (!['KEY', 'VALUE', 'BLOCK_END'].includes(t.type)) {
            this.states.push('BLOCK_MAPPING_KEY');
            return this.node(true, true);
          }
          this.state = 'BLOCK_MAPPING_KEY';
          return this.emptyScalar(mark);
        }
        this.state = 'BLOCK_MAPPING_KEY';
        return this.emptyScalar(t.start);
      }
      case 'FLOW_SEQUENCE_FIRST_ENTRY':
      case 'FLOW_SEQUENCE_ENTRY': {
        const first = this.state === 'FLOW_SEQUENCE_FIRST_ENTRY';
        if (first) {
          this.marks.push(s.peek().start);
          s.skipToken();
        }
        let t = s.peek();
        if (t.type !== 'FLOW_SEQUENCE_END') {
          if (!first) {
            if (t.type === 'FLOW_ENTRY') {
              s.skipToken();
              t = s.peek();
            } else {
              const cm = this.marks.pop() ?? ZERO;
              this.perr("did not find expected ',' or ']'", t.start, 'while parsing a flow sequence', cm);
            }
          }
          if (t.type === 'KEY') {
            this.state = 'FLOW_SEQUENCE_ENTRY_MAPPING_KEY';
            s.skipToken();
            return { type: 'MAPPING_START', start: t.start, anchor: '', tag: '', flow: true };
          } else if (t.type !== 'FLOW_SEQUENCE_END') {
            this.states.push('FLOW_SEQUENCE_ENTRY');
            return this.node(false, false);
          }
        }
        this.state = this.pop();
        this.marks.pop();
        s.skipToken();
        return { type: 'SEQUENCE_END', start: t.start };
      }
      case 'FLOW_SEQUENCE_ENTRY_MAPPING_KEY': {
        const t = s.peek();
        if (!['VALUE', 'FLOW_ENTRY', 'FLOW_SEQUENCE_END'].includes(t.type)) {
          this.states.push('FLOW_SEQUENCE_ENTRY_MAPPING_VALUE');
          return this.node(false, false);
        }
        const mark = t.end;
        s.skipToken();
        this.state = 'FLOW_SEQUENCE_ENTRY_MAPPING_VALUE';
        return this.emptyScalar(mark);
      }
      case 'FLOW_SEQUENCE_ENTRY_MAPPING_VALUE': {
        let t = s.peek();
        if (t.type === 'VALUE') {
          s.skipToken();
          t = s.peek();
          if (t.type !== 'FLOW_ENTRY' && t.type !== 'FLOW_SEQUENCE_END') {
            this.states.push('FLOW_SEQUENCE_ENTRY_MAPPING_END');
            return this.node(false, false);
          }
        }
        this.state = 'FLOW_SEQUENCE_ENTRY_MAPPING_END';
        return this.emptyScalar(t.start);
      }
      case 'FLOW_SEQUENCE_ENTRY_MAPPING_END': {
        const t = s.peek();
        this.state = 'FLOW_SEQUENCE_ENTRY';
        return { type: 'MAPPING_END', start: t.start };
      }
      case 'FLOW_MAPPING_FIRST_KEY':
      case 'FLOW_MAPPING_KEY': {
        const first = this.state === 'FLOW_MAPPING_FIRST_KEY';
        if (first) {
          this.marks.push(s.peek().start);
          s.skipToken();
        }
        let t = s.peek();
        if (t.type !== 'FLOW_MAPPING_END') {
          if (!first) {
            if (t.type === 'FLOW_ENTRY') {
              s.skipToken();
              t = s.peek();
            } else {
              const cm = this.marks.pop() ?? ZERO;
              this.perr("did not find expected ',' or '}'", t.start, 'while parsing a flow mapping', cm);
            }
          }
          if (t.type === 'KEY') {
            s.skipToken();
            t = s.peek();
            if (!['VALUE', 'FLOW_ENTRY', 'FLOW_MAPPING_END'].includes(t.type)) {
              this.states.push('FLOW_MAPPING_VALUE');
              return this.node(false, false);
            }
            this.state = 'FLOW_MAPPING_VALUE';
            return this.emptyScalar(t.start);
          } else if (t.type !== 'FLOW_MAPPING_END') {
            this.states.push('FLOW_MAPPING_EMPTY_VALUE');
            return this.node(false, false);
          }
        }
        this.state = this.pop();
        this.marks.pop();
        s.skipToken();
        return { type: 'MAPPING_END', start: t.start };
      }
      case 'FLOW_MAPPING_VALUE':
      case 'FLOW_MAPPING_EMPTY_VALUE': {
        let t = s.peek();
        if (this.state === 'FLOW_MAPPING_EMPTY_VALUE') {
          this.state = 'FLOW_MAPPING_KEY';
          return this.emptyScalar(t.start);
        }
        if (t.type === 'VALUE') {
          s.skipToken();
          t = s.peek();
          if (t.type !== 'FLOW_ENTRY' && t.type !== 'FLOW_MAPPING_END') {
            this.states.push('FLOW_MAPPING_KEY');
            return this.node(false, false);
          }
        }
        this.state = 'FLOW_MAPPING_KEY';
        return this.emptyScalar(t.start);
      }
      case 'END':
        throw new Error('goyaml: parser past the end');
    }
  }

  private documentStart(implicit: boolean): Event {
    const s = this.scanner;
    let t = s.peek();
    if (!implicit) {
      while (t.type === 'DOCUMENT_END') {
        s.skipToken();
        t = s.peek();
      }
    }
    if (implicit && !['VERSION_DIRECTIVE', 'TAG_DIRECTIVE', 'DOCUMENT_START', 'STREAM_END'].includes(t.type)) {
      this.processDirectives();
      this.states.push('DOCUMENT_END');
      this.state = 'BLOCK_NODE';
      return { type: 'DOCUMENT_START', start: t.start };
    }
    if (t.type !== 'STREAM_END') {
      const start = t.start;
      this.processDirectives();
      t = s.peek();
      if (t.type !== 'DOCUMENT_START') this.perr('did not find expected <document start>', t.start);
      this.states.push('DOCUMENT_END');
      this.state = 'DOCUMENT_CONTENT';
      s.skipToken();
      return { type: 'DOCUMENT_START', start };
    }
    this.state = 'END';
    s.skipToken();
    return { type: 'STREAM_END', start: t.start };
  }

  private processDirectives(): void {
    const s = this.scanner;
    let t = s.peek();
    let version = false;
    const tags: { handle: string; prefix: string }[] = [];
    while (t.type === 'VERSION_DIRECTIVE' || t.type === 'TAG_DIRECTIVE') {
      if (t.type === 'VERSION_DIRECTIVE') {
        if (version) this.perr('found duplicate %YAML directive', t.start);
        if (t.value !== '1.1') this.perr('found incompatible YAML document', t.start);
        version = true;
      } else {
        if (tags.some((d) => d.handle === t.value)) this.perr('found duplicate %TAG directive', t.start);
        tags.push({ handle: t.value ?? '', prefix: t.suffix ?? '' });
      }
      s.skipToken();
      t = s.peek();
    }
    this.tagDirectives = [...tags, { handle: '!', prefix: '!' }, { handle: '!!', prefix: 'tag:yaml.org,2002:' }];
  }

  private emptyScalar(mark: Mark): Event {
    return { type: 'SCALAR', start: mark, anchor: '', tag: '', value: '', implicit: true, style: 'plain' };
  }

  private node(block: boolean, indentlessSequence: boolean): Event {
    const s = this.scanner;
    let t = s.peek();
    if (t.type === 'ALIAS') {
      this.state = this.pop();
      s.skipToken();
      return { type: 'ALIAS', start: t.start, anchor: t.value ?? '' };
    }
    let start = t.start;
    let anchor = '';
    let tagToken: Token | null = null;
    if (t.type === 'ANCHOR') {
      anchor = t.value ?? '';
      s.skipToken();
      t = s.peek();
      if (t.type === 'TAG') {
        tagToken = t;
        s.skipToken();
        t = s.peek();
      }
    } else if (t.type === 'TAG') {
      tagToken = t;
      start = t.start;
      s.skipToken();
      t = s.peek();
      if (t.type === 'ANCHOR') {
        anchor = t.value ?? '';
        s.skipToken();
        t = s.peek();
      }
    }
    let tag = '';
    if (tagToken) {
      const handle = tagToken.value ?? '';
      if (handle === '') tag = tagToken.suffix ?? '';
      else {
        const d = this.tagDirectives.find((x) => x.handle === handle);
        if (!d) this.perr('found undefined tag handle', tagToken.start, 'while parsing a node', start);
        tag = d.prefix + (tagToken.suffix ?? '');
      }
    }
    if (indentlessSequence && t.type === 'BLOCK_ENTRY') {
      this.state = 'INDENTLESS_SEQUENCE_ENTRY';
      return { type: 'SEQUENCE_START', start, anchor, tag, flow: false };
    }
    if (t.type === 'SCALAR') {
      const implicit = (tag === '' && t.style === 'plain') || tag === '!';
      this.state = this.pop();
      s.skipToken();
      return { type: 'SCALAR', start, anchor, tag, value: t.value ?? '', implicit, style: t.style ?? 'plain' };
    }
    if (t.type === 'FLOW_SEQUENCE_START') {
      this.state = 'FLOW_SEQUENCE_FIRST_ENTRY';
      return { type: 'SEQUENCE_START', start, anchor, tag, flow: true };
    }
    if (t.type === 'FLOW_MAPPING_START') {
      this.state = 'FLOW_MAPPING_FIRST_KEY';
      return { type: 'MAPPING_START', start, anchor, tag, flow: true };
    }
    if (block && t.type === 'BLOCK_SEQUENCE_START') {
      this.state = 'BLOCK_SEQUENCE_FIRST_ENTRY';
      return { type: 'SEQUENCE_START', start, anchor, tag, flow: false };
    }
    if (block && t.type === 'BLOCK_MAPPING_START') {
      this.state = 'BLOCK_MAPPING_FIRST_KEY';
      return { type: 'MAPPING_START', start, anchor, tag, flow: false };
    }
    if (anchor !== '' || tag !== '') {
      this.state = this.pop();
      return { type: 'SCALAR', start, anchor, tag, value: '', implicit: tag === '', style: 'plain' };
    }
    return this.perr('did not find expected node content', t.start, block ? 'while parsing a block node' : 'while parsing a flow node', start);
  }
}

// ---------------------------------------------------------------- composer

export type YamlNode =
  | { kind: 'scalar'; line: number; column: number; value: string; tag: string; style: ScalarStyle; implicit: boolean }
  | { kind: 'sequence'; line: number; column: number; tag: string; items: YamlNode[] }
  | { kind: 'mapping'; line: number; column: number; tag: string; pairs: [YamlNode, YamlNode][] }
  | { kind: 'alias'; line: number; column: number; name: string; target: YamlNode };

/**
 * go-yaml's `parser.parse()` for one document: the node tree of the first document of `text`, null when
 * the text holds no document. Only as many events are read as that needs, as go-yaml does.
 */
export function composeFirstDocument(text: string): { ok: true; node: YamlNode | null } | { ok: false; failure: YamlFailure } {
  const p = new Parser(text.length === 0 ? '\n' : text);
  const anchors = new Map<string, YamlNode>();
  let pending: Event | null = null;
  const peek = (): Event => {
    pending ??= p.next();
    if (!pending) throw new Error('goyaml: no event');
    return pending;
  };
  const take = (): Event => {
    const e = peek();
    pending = null;
    return e;
  };
  const parse = (): YamlNode => {
    const e = take();
    switch (e.type) {
      case 'SCALAR': {
        const n: YamlNode = { kind: 'scalar', line: e.start.line, column: e.start.column, value: e.value, tag: e.tag, style: e.style, implicit: e.implicit };
        if (e.anchor) anchors.set(e.anchor, n);
        return n;
      }
      case 'ALIAS': {
        const target = anchors.get(e.anchor);
        if (!target) throw new Fail(new YamlFailure('composer', `unknown anchor '${e.anchor}' referenced`, ZERO, '', ZERO));
        return { kind: 'alias', line: e.start.line, column: e.start.column, name: e.anchor, target };
      }
      case 'SEQUENCE_START': {
        const n: YamlNode = { kind: 'sequence', line: e.start.line, column: e.start.column, tag: e.tag, items: [] };
        if (e.anchor) anchors.set(e.anchor, n);
        while (peek().type !== 'SEQUENCE_END') n.items.push(parse());
        take();
        return n;
      }
      case 'MAPPING_START': {
        const n: YamlNode = { kind: 'mapping', line: e.start.line, column: e.start.column, tag: e.tag, pairs: [] };
        if (e.anchor) anchors.set(e.anchor, n);
        while (peek().type !== 'MAPPING_END') {
          const k = parse();
          const v = parse();
          n.pairs.push([k, v]);
        }
        take();
        return n;
      }
      default:
        throw new Error(`goyaml: unexpected event ${e.type}`);
    }
  };
  try {
    if (take().type !== 'STREAM_START') throw new Error('goyaml: no stream start');
    const first = take();
    if (first.type === 'STREAM_END') return { ok: true, node: null };
    const node = parse();
    if (take().type !== 'DOCUMENT_END') throw new Error('goyaml: no document end');
    return { ok: true, node };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, failure: e.failure };
    throw e;
  }
}

/** go-yaml v2's `parser.fail()` line rule: "line N: " or "". */
export function lineV2(f: YamlFailure): string {
  if (f.kind === 'reader' || f.kind === 'composer') return '';
  let line = 0;
  if (f.problemMark.line !== 0) {
    line = f.problemMark.line;
    if (f.kind === 'scanner') line++;
  } else if (f.contextMark.line !== 0) line = f.contextMark.line;
  return line !== 0 ? `line ${line}: ` : '';
}

/** go-yaml v3's line rule: the context mark first, then the problem mark; +1 for scanner errors. */
export function lineV3(f: YamlFailure): string {
  if (f.kind === 'reader' || f.kind === 'composer') return '';
  let line = 0;
  if (f.contextMark.line !== 0) line = f.contextMark.line;
  else if (f.problemMark.line !== 0) line = f.problemMark.line;
  if (line !== 0 && f.kind === 'scanner') line++;
  return line !== 0 ? `line ${line}: ` : '';
}
