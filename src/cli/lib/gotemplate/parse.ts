/**
 * Go `text/template/parse`: lexer and parser, with Go's error texts
 * (`template: NAME:LINE: function "foo" not defined`, `unexpected "}" in operand`, `unclosed action`, ...).
 */

export type Node =
  | { type: 'list'; pos: number; nodes: Node[] }
  | { type: 'text'; pos: number; text: string }
  | { type: 'comment'; pos: number; text: string }
  | { type: 'action'; pos: number; line: number; pipe: PipeNode }
  | { type: 'if' | 'range' | 'with'; pos: number; line: number; pipe: PipeNode; list: ListNode; elseList?: ListNode }
  | { type: 'template'; pos: number; line: number; name: string; pipe?: PipeNode }
  | { type: 'break' | 'continue'; pos: number; line: number };

export type ListNode = Extract<Node, { type: 'list' }>;

export interface PipeNode {
  type: 'pipe';
  pos: number;
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode {
  type: 'command';
  pos: number;
  args: Arg[];
}
export interface VariableNode {
  type: 'variable';
  pos: number;
  ident: string[];
}
export type Arg =
  | { type: 'field'; pos: number; ident: string[] }
  | { type: 'chain'; pos: number; node: Arg; field: string[] }
  | { type: 'identifier'; pos: number; ident: string }
  | VariableNode
  | { type: 'dot'; pos: number }
  | { type: 'nil'; pos: number }
  | { type: 'bool'; pos: number; value: boolean }
  | { type: 'number'; pos: number; text: string; value: number; isInt: boolean; isFloat: boolean }
  | { type: 'string'; pos: number; quoted: string; text: string }
  | PipeNode;

export class TemplateError extends Error {}

type Ctl = { type: 'end' | 'else'; pos: number; line: number; elseIf?: boolean };
function isCtl(n: Node | Ctl): n is Ctl {
  return n.type === 'end' || n.type === 'else';
}

// ---------------------------------------------------------------------------------------------------
// Lexer

type ItemType =
  | 'error' | 'bool' | 'char' | 'charConstant' | 'comment' | 'complex' | 'assign' | 'declare' | 'eof' | 'field'
  | 'identifier' | 'leftDelim' | 'leftParen' | 'number' | 'pipe' | 'rawString' | 'rightDelim' | 'rightParen'
  | 'space' | 'string' | 'text' | 'variable'
  | 'block' | 'break' | 'continue' | 'dot' | 'define' | 'else' | 'end' | 'if' | 'nil' | 'range' | 'template' | 'with';

const KEYWORDS = new Set(['block', 'break', 'continue', '.', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);

interface Item {
  typ: ItemType;
  pos: number;
  val: string;
  line: number;
}

function itemString(i: Item): string {
  if (i.typ === 'eof') return 'EOF';
  if (i.typ === 'error') return i.val;
  if (KEYWORDS.has(i.val) && i.typ !== 'text' && i.typ !== 'string' && i.typ !== 'rawString' && i.typ !== 'field') return `<${i.val}>`;
  if ([...i.val].length > 10) return `${goQ([...i.val].slice(0, 10).join(''))}...`;
  return goQ(i.val);
}

function goQ(s: string): string {
  return JSON.stringify(s).replace(/\\u001b/g, '\\x1b');
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string | undefined): boolean => c !== undefined && (c === '_' || /^[\p{L}\p{Nd}]$/u.test(c));

class Lexer {
  items: Item[] = [];
  pos = 0;
  start = 0;
  line = 1;
  startLine = 1;
  parenDepth = 0;
  insideAction = false;
  constructor(private readonly input: string, private readonly leftDelim = '{{', private readonly rightDelim = '}}') {}

  private emit(typ: ItemType): void {
    this.items.push({ typ, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine });
    this.start = this.pos;
    this.startLine = this.line;
  }
  private ignore(): void {
    this.line += countNL(this.input.slice(this.start, this.pos));
    this.start = this.pos;
    this.startLine = this.line;
  }
  private next(): string | undefined {
    if (this.pos >= this.input.length) {
      this.pos = this.input.length + 1; // so backup works
      return undefined;
    }
    const c = String.fromCodePoint(this.input.codePointAt(this.pos) ?? 0);
    this.pos += c.length;
    if (c === '\n') this.line++;
    return c;
  }
  private backup(c: string | undefined): void {
    if (c === undefined) {
      this.pos = this.input.length;
      return;
    }
    this.pos -= c.length;
    if (c === '\n') this.line--;
  }
  private peek(): string | undefined {
    const c = this.next();
    this.backup(c);
    return c;
  }
  private errorf(msg: string): false {
    this.items.push({ typ: 'error', pos: this.start, val: msg, line: this.startLine });
    return false;
  }

  run(): Item[] {
    for (;;) {
      const r = this.insideAction ? this.lexInsideAction() : this.lexText();
      if (!r) break;
    }
    return this.items;
  }

  private lexText(): boolean {
    const x = this.input.indexOf(this.leftDelim, this.pos);
    if (x >= 0) {
      let trimLength = 0;
      const delimEnd = x + this.leftDelim.length;
      if (this.input[delimEnd] === '-' && isSpace(this.input[delimEnd + 1])) {
        trimLength = rightTrimLength(this.input.slice(this.pos, x));
      }
      this.pos = x;
      const i = this.pos - trimLength;
      if (i > this.start) {
        const save = this.pos;
        this.pos = i;
        this.line += countNL(this.input.slice(this.start, this.pos));
        this.items.push({ typ: 'text', pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine });
        this.start = this.pos;
        this.startLine = this.line;
        this.pos = save;
      }
      this.line += countNL(this.input.slice(this.start, this.pos));
      this.start = this.pos;
      this.startLine = this.line;
      return this.lexLeftDelim();
    }
    this.pos = this.input.length;
    if (this.pos > this.start) {
      this.line += countNL(this.input.slice(this.start, this.pos));
      this.items.push({ typ: 'text', pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine });
      this.start = this.pos;
      this.startLine = this.line;
    }
    this.items.push({ typ: 'eof', pos: this.pos, val: '', line: this.startLine });
    return false;
  }

  private atRightDelim(): { delim: boolean; trim: boolean } {
    if (this.input[this.pos] !== undefined && isSpace(this.input[this.pos]) && this.input[this.pos + 1] === '-' && this.input.startsWith(this.rightDelim, this.pos + 2)) {
      return { delim: true, trim: true };
    }
    if (this.input.startsWith(this.rightDelim, this.pos)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  }

  private lexLeftDelim(): boolean {
    this.pos += this.leftDelim.length;
    const trimSpace = this.input[this.pos] === '-' && isSpace(this.input[this.pos + 1]);
    const afterMarker = trimSpace ? 2 : 0;
    if (this.input.startsWith('/*', this.pos + afterMarker)) {
      this.pos += afterMarker;
      this.ignore();
      return this.lexComment();
    }
    this.items.push({ typ: 'leftDelim', pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine });
    this.start = this.pos;
    this.startLine = this.line;
    this.pos += afterMarker;
    this.ignore();
    this.parenDepth = 0;
    this.insideAction = true;
    return true;
  }

  private lexComment(): boolean {
    this.pos += 2;
    const x = this.input.indexOf('*/', this.pos);
    if (x < 0) return this.errorf('unclosed comment');
    this.pos = x + 2;
    const { delim, trim } = this.atRightDelim();
    if (!delim) return this.errorf('comment ends before closing delimiter');
    this.emit('comment');
    if (trim) this.pos += 2;
    this.pos += this.rightDelim.length;
    if (trim) this.pos += leftTrimLength(this.input.slice(this.pos));
    this.ignore();
    return true;
  }

  private lexRightDelim(): boolean {
    const { trim } = this.atRightDelim();
    if (trim) {
      this.pos += 2;
      this.ignore();
    }
    this.pos += this.rightDelim.length;
    this.emit('rightDelim');
    if (trim) {
      this.pos += leftTrimLength(this.input.slice(this.pos));
      this.ignore();
    }
    this.insideAction = false;
    return true;
  }

  private lexInsideAction(): boolean {
    const { delim } = this.atRightDelim();
    if (delim) {
      if (this.parenDepth === 0) return this.lexRightDelim();
      return this.errorf('unclosed left paren');
    }
    const r = this.next();
    if (r === undefined) return this.errorf('unclosed action');
    if (isSpace(r)) {
      this.backup(r);
      return this.lexSpace();
    }
    if (r === '=') {
      this.emit('assign');
      return true;
    }
    if (r === ':') {
      if (this.next() !== '=') return this.errorf('expected :=');
      this.emit('declare');
      return true;
    }
    if (r === '|') {
      this.emit('pipe');
      return true;
    }
    if (r === '"') return this.lexQuote();
    if (r === '`') return this.lexRawQuote();
    if (r === '$') return this.lexVariable();
    if (r === "'") return this.lexChar();
    if (r === '.') {
      const p = this.peek();
      if (p === undefined || p < '0' || p > '9') return this.lexField();
    }
    if (r === '+' || r === '-' || (r >= '0' && r <= '9') || r === '.') {
      this.backup(r);
      return this.lexNumber();
    }
    if (isAlnum(r)) {
      this.backup(r);
      return this.lexIdentifier();
    }
    if (r === '(') {
      this.emit('leftParen');
      this.parenDepth++;
      return true;
    }
    if (r === ')') {
      this.parenDepth--;
      if (this.parenDepth < 0) return this.errorf('unexpected right paren');
      this.emit('rightParen');
      return true;
    }
    if (r.codePointAt(0)! <= 0x7f && /[\x21-\x7e]/.test(r)) {
      this.emit('char');
      return true;
    }
    const cp = r.codePointAt(0) ?? 0;
    return this.errorf(`bad character U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${r}'`);
  }

  private lexSpace(): boolean {
    let numSpaces = 0;
    for (;;) {
      const r = this.peek();
      if (!isSpace(r)) break;
      this.next();
      numSpaces++;
    }
    // Be careful about a trim-marked closing delimiter, which has a minus after a space.
    if (isSpace(this.input[this.pos - 1]) && this.input[this.pos] === '-' && this.input.startsWith(this.rightDelim, this.pos + 1)) {
      this.backup(this.input[this.pos - 1]);
      if (numSpaces === 1) return true;
    }
    this.emit('space');
    return true;
  }

  private lexIdentifier(): boolean {
    for (;;) {
      const r = this.next();
      if (isAlnum(r)) continue;
      this.backup(r);
      const word = this.input.slice(this.start, this.pos);
      if (!this.atTerminator()) {
        const c = this.input.codePointAt(this.pos);
        const ch = c === undefined ? '' : String.fromCodePoint(c);
        return this.errorf(`bad character U+${(c ?? 0).toString(16).toUpperCase().padStart(4, '0')} '${ch}'`);
      }
      if (KEYWORDS.has(word) && word !== '.') this.emit(word as ItemType);
      else if (word === 'true' || word === 'false') this.emit('bool');
      else this.emit('identifier');
      return true;
    }
  }

  private lexField(): boolean {
    return this.lexFieldOrVariable('field');
  }
  private lexVariable(): boolean {
    return this.lexFieldOrVariable('variable');
  }
  private lexFieldOrVariable(typ: 'field' | 'variable'): boolean {
    if (this.atTerminator()) {
      if (typ === 'variable') this.emit('variable');
      else this.emit('dot');
      return true;
    }
    for (;;) {
      const r = this.next();
      if (!isAlnum(r)) {
        this.backup(r);
        break;
      }
    }
    if (!this.atTerminator()) {
      const c = this.input.codePointAt(this.pos) ?? 0;
      return this.errorf(`bad character U+${c.toString(16).toUpperCase().padStart(4, '0')} '${String.fromCodePoint(c)}'`);
    }
    this.emit(typ);
    return true;
  }

  private atTerminator(): boolean {
    const r = this.peek();
    if (r === undefined || isSpace(r)) return true;
    if ('.,|:()='.includes(r)) return true;
    return this.input.startsWith(this.rightDelim, this.pos);
  }

  private lexChar(): boolean {
    for (;;) {
      let r = this.next();
      if (r === '\\') {
        r = this.next();
        if (r !== undefined && r !== '\n') continue;
      }
      if (r === undefined || r === '\n') return this.errorf('unterminated character constant');
      if (r === "'") break;
    }
    this.emit('charConstant');
    return true;
  }

  private lexNumber(): boolean {
    const m = /^[+-]?(0[xX][0-9a-fA-F_]*(\.[0-9a-fA-F_]*)?([pP][+-]?[0-9_]+)?|0[bB][01_]+|0[oO][0-7_]+|[0-9_]*\.?[0-9_]*([eE][+-]?[0-9_]+)?)i?/.exec(this.input.slice(this.pos));
    const len = m?.[0].length ?? 0;
    this.pos += len;
    if (isAlnum(this.peek()) || len === 0) {
      this.next();
      return this.errorf(`bad number syntax: ${goQ(this.input.slice(this.start, this.pos))}`);
    }
    if (this.input[this.pos - 1] === 'i') this.emit('complex');
    else this.emit('number');
    return true;
  }

  private lexQuote(): boolean {
    for (;;) {
      let r = this.next();
      if (r === '\\') {
        r = this.next();
        if (r !== undefined && r !== '\n') continue;
      }
      if (r === undefined || r === '\n') return this.errorf('unterminated quoted string');
      if (r === '"') break;
    }
    this.emit('string');
    return true;
  }

  private lexRawQuote(): boolean {
    const x = this.input.indexOf('`', this.pos);
    if (x < 0) return this.errorf('unterminated raw quoted string');
    this.pos = x + 1;
    this.line += countNL(this.input.slice(this.start, this.pos));
    this.items.push({ typ: 'rawString', pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine });
    this.start = this.pos;
    this.startLine = this.line;
    return true;
  }
}

function countNL(s: string): number {
  let n = 0;
  for (const c of s) if (c === '\n') n++;
  return n;
}
function rightTrimLength(s: string): number {
  return s.length - s.replace(/[ \t\r\n]+$/, '').length;
}
function leftTrimLength(s: string): number {
  return s.length - s.replace(/^[ \t\r\n]+/, '').length;
}

/** Go `strconv.Unquote` for "..." and `...` and '...' literals. */
export function goUnquote(s: string): string | undefined {
  if (s.startsWith('`')) return s.endsWith('`') && s.length >= 2 ? s.slice(1, -1).replace(/\r/g, '') : undefined;
  const q = s[0];
  if ((q !== '"' && q !== "'") || !s.endsWith(q) || s.length < 2) return undefined;
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c !== '\\') {
      if (c === q || c === '\n') return undefined;
      out += c;
      continue;
    }
    const e = body[++i];
    switch (e) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '"':
      case "'":
        if (e !== q) return undefined;
        out += e;
        break;
      case 'x': {
        const h = body.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(h)) return undefined;
        out += String.fromCharCode(parseInt(h, 16));
        i += 2;
        break;
      }
      case 'u':
      case 'U': {
        const n = e === 'u' ? 4 : 8;
        const h = body.slice(i + 1, i + 1 + n);
        if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) return undefined;
        out += String.fromCodePoint(parseInt(h, 16));
        i += n;
        break;
      }
      default: {
        if (e !== undefined && /[0-7]/.test(e)) {
          const o = body.slice(i, i + 3);
          if (!/^[0-7]{3}$/.test(o)) return undefined;
          out += String.fromCharCode(parseInt(o, 8));
          i += 2;
          break;
        }
        return undefined;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Parser

export interface Tree {
  name: string;
  root: ListNode;
  text: string;
}

export interface ParseOptions {
  /** The template's name (docker: "", kubectl go-template: "output"). */
  name: string;
  /** Function names known at parse time (builtins are always known). */
  funcs: ReadonlySet<string>;
  /** Templates already defined (for {{template}} lookups at exec time only). */
}

export const BUILTIN_NAMES = ['and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or', 'print', 'printf', 'println', 'urlquery', 'eq', 'ge', 'gt', 'le', 'lt', 'ne'];

class Parser {
  private items: Item[];
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private lastToken: Item | undefined;
  readonly defs = new Map<string, Tree>();
  constructor(private readonly text: string, private readonly opts: ParseOptions) {
    this.items = new Lexer(text).run();
  }

  private errorf(msg: string, line?: number): never {
    const ln = line ?? this.lastToken?.line ?? 1;
    throw new TemplateError(`template: ${this.opts.name}:${ln}: ${msg}`);
  }

  private next(): Item {
    const it = this.items[this.i] ?? { typ: 'eof', pos: this.text.length, val: '', line: 1 };
    if (this.i < this.items.length) this.i++;
    this.lastToken = it;
    if (it.typ === 'error') this.errorf(it.val, it.line);
    return it;
  }
  private backup(): void {
    this.i--;
  }
  private peek(): Item {
    const it = this.next();
    this.backup();
    return it;
  }
  private nextNonSpace(): Item {
    let it: Item;
    do it = this.next();
    while (it.typ === 'space');
    return it;
  }
  private peekNonSpace(): Item {
    const it = this.nextNonSpace();
    this.backup();
    return it;
  }
  private expect(typ: ItemType, context: string): Item {
    const it = this.nextNonSpace();
    if (it.typ !== typ) this.unexpected(it, context);
    return it;
  }
  private unexpected(it: Item, context: string): never {
    if (it.typ === 'error') this.errorf(it.val, it.line);
    this.errorf(`unexpected ${itemString(it)} in ${context}`, it.line);
  }

  parse(): ListNode {
    const root: ListNode = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().typ !== 'eof') {
      if (this.peek().typ === 'leftDelim') {
        const delimIndex = this.i;
        this.next();
        if (this.nextNonSpace().typ === 'define') {
          this.parseDefinition();
          continue;
        }
        this.i = delimIndex;
      }
      const n = this.textOrAction();
      if (isCtl(n)) this.errorf(`unexpected ${n.type === 'end' ? '{{end}}' : '{{else}}'}`, n.line);
      root.nodes.push(n);
    }
    return root;
  }

  private parseDefinition(): void {
    const nameTok = this.expectOneOf(['string', 'rawString'], 'define clause');
    const name = goUnquote(nameTok.val);
    if (name === undefined) this.errorf(`bad string syntax: ${nameTok.val}`);
    this.expect('rightDelim', 'define clause');
    const saveVars = this.vars;
    this.vars = ['$'];
    const list: ListNode = { type: 'list', pos: this.peek().pos, nodes: [] };
    for (;;) {
      const n = this.textOrAction();
      if (isCtl(n)) {
        if (n.type === 'end') break;
        this.errorf('unexpected {{else}}', n.line);
      }
      list.nodes.push(n);
      if (this.peek().typ === 'eof') this.errorf('unexpected EOF');
    }
    this.vars = saveVars;
    this.defs.set(name, { name, root: list, text: this.text });
  }

  private expectOneOf(types: ItemType[], context: string): Item {
    const it = this.nextNonSpace();
    if (!types.includes(it.typ)) this.unexpected(it, context);
    return it;
  }

  private itemList(): { list: ListNode; next: { type: 'end' | 'else'; pos: number; line: number; elseIf?: boolean } } {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().typ !== 'eof') {
      const n = this.textOrAction();
      if (isCtl(n)) return { list, next: n };
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node | { type: 'end' | 'else'; pos: number; line: number; elseIf?: boolean } {
    const tok = this.nextNonSpace();
    switch (tok.typ) {
      case 'text':
        return { type: 'text', pos: tok.pos, text: tok.val };
      case 'leftDelim':
        return this.action();
      case 'comment':
        return { type: 'comment', pos: tok.pos, text: tok.val };
      default:
        this.unexpected(tok, 'input');
    }
  }

  private action(): Node | { type: 'end' | 'else'; pos: number; line: number; elseIf?: boolean } {
    const tok = this.nextNonSpace();
    switch (tok.typ) {
      case 'block':
        this.errorf('block is not supported here');
        break;
      case 'break':
      case 'continue': {
        if (this.rangeDepth === 0) this.errorf(`{{${tok.typ}}} outside {{range}}`);
        const t = this.nextNonSpace();
        if (t.typ !== 'rightDelim') this.unexpected(t, `{{${tok.typ}}}`);
        return { type: tok.typ, pos: tok.pos, line: tok.line };
      }
      case 'else':
        return this.elseControl(tok);
      case 'end': {
        this.expect('rightDelim', 'end');
        return { type: 'end', pos: tok.pos, line: tok.line };
      }
      case 'if':
        return this.control('if', tok);
      case 'range':
        return this.control('range', tok);
      case 'template':
        return this.templateControl(tok);
      case 'with':
        return this.control('with', tok);
    }
    this.backup();
    const t = this.peek();
    return { type: 'action', pos: t.pos, line: t.line, pipe: this.pipeline('command', 'rightDelim') };
  }

  private elseControl(tok: Item): { type: 'else'; pos: number; line: number; elseIf?: boolean } {
    const p = this.peekNonSpace();
    if (p.typ === 'if' || p.typ === 'with') {
      return { type: 'else', pos: tok.pos, line: tok.line, elseIf: true };
    }
    const t = this.expect('rightDelim', 'else');
    return { type: 'else', pos: t.pos, line: t.line };
  }

  private control(kind: 'if' | 'range' | 'with', tok: Item): Node {
    const saveVars = this.vars.length;
    const pipe = this.pipeline(kind, 'rightDelim');
    if (kind === 'range') this.rangeDepth++;
    const { list, next } = this.itemList();
    if (kind === 'range') this.rangeDepth--;
    let elseList: ListNode | undefined;
    if (next.type === 'else') {
      if (next.elseIf && (kind === 'if' || kind === 'with')) {
        // {{else if ...}} / {{else with ...}} is {{else}}{{if ...}}...{{end}}{{end}}
        const inner = this.nextNonSpace(); // 'if' or 'with'
        if (inner.typ !== kind) this.unexpected(inner, kind === 'if' ? 'if' : 'with');
        elseList = { type: 'list', pos: next.pos, nodes: [this.control(kind, inner)] };
      } else {
        if (next.elseIf) this.unexpected(this.nextNonSpace(), 'input');
        const r = this.itemList();
        if (r.next.type !== 'end') this.errorf('expected end; found {{else}}');
        elseList = r.list;
      }
    }
    this.vars.length = saveVars;
    return { type: kind, pos: pipe.pos, line: tok.line, pipe, list, elseList };
  }

  private templateControl(tok: Item): Node {
    const t = this.nextNonSpace();
    const name = t.typ === 'string' || t.typ === 'rawString' ? goUnquote(t.val) : undefined;
    if (name === undefined) this.unexpected(t, 'template clause');
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().typ !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline('template clause', 'rightDelim');
    }
    return { type: 'template', pos: tok.pos, line: tok.line, name, pipe };
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const tok = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: tok.pos, line: tok.line, isAssign: false, decl: [], cmds: [] };
    // declarations: `$x :=`, `$x =`, `$i, $v :=` (range)
    for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== 'variable') break;
      const vIndex = this.i;
      this.next();
      const next = this.peekNonSpace();
      if (next.typ === 'assign' || next.typ === 'declare') {
        pipe.isAssign = next.typ === 'assign';
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v));
        break;
      }
      if (next.typ === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v));
        if (context === 'range' && pipe.decl.length < 2) {
          const t = this.peekNonSpace().typ;
          if (t === 'variable' || t === 'rightDelim' || t === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      this.i = vIndex;
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.typ) {
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private newVariable(tok: Item): VariableNode {
    const ident = tok.val.split('.');
    this.vars.push(tok.val);
    return { type: 'variable', pos: tok.pos, ident };
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c) => {
      const a = c.args[0];
      if (a && (a.type === 'bool' || a.type === 'dot' || a.type === 'nil' || a.type === 'number' || a.type === 'string')) {
        this.errorf(`non executable command in pipeline stage ${pipe.cmds.indexOf(c) + 1}`);
      }
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      switch (t.typ) {
        case 'space':
          continue;
        case 'rightDelim':
        case 'rightParen':
          this.backup();
          break;
        case 'pipe':
          break;
        default:
          this.unexpected(t, 'operand');
      }
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Arg | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().typ === 'field') {
      const chain: Arg & { type: 'chain' } = { type: 'chain', pos: this.peek().pos, node, field: [] };
      while (this.peek().typ === 'field') chain.field.push(this.next().val.slice(1));
      switch (node.type) {
        case 'field':
          return { type: 'field', pos: chain.pos, ident: [...node.ident, ...chain.field] };
        case 'variable':
          return { type: 'variable', pos: chain.pos, ident: [...node.ident, ...chain.field] };
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${goQ(argString(node))}`);
          break;
        default:
          return chain;
      }
    }
    return node;
  }

  private term(): Arg | undefined {
    const tok = this.nextNonSpace();
    switch (tok.typ) {
      case 'identifier': {
        if (!BUILTIN_NAMES.includes(tok.val) && !this.opts.funcs.has(tok.val)) this.errorf(`function ${goQ(tok.val)} not defined`);
        return { type: 'identifier', pos: tok.pos, ident: tok.val };
      }
      case 'dot':
        return { type: 'dot', pos: tok.pos };
      case 'nil':
        return { type: 'nil', pos: tok.pos };
      case 'variable':
        return this.useVar(tok);
      case 'field':
        return { type: 'field', pos: tok.pos, ident: tok.val.slice(1).split('.') };
      case 'bool':
        return { type: 'bool', pos: tok.pos, value: tok.val === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number':
        return this.number(tok);
      case 'leftParen': {
        const p = this.pipeline('parenthesized pipeline', 'rightParen');
        return p;
      }
      case 'string':
      case 'rawString': {
        const s = goUnquote(tok.val);
        if (s === undefined) this.errorf(`bad string syntax: ${goQ(tok.val)}`);
        return { type: 'string', pos: tok.pos, quoted: tok.val, text: s };
      }
    }
    this.backup();
    return undefined;
  }

  private useVar(tok: Item): VariableNode {
    const ident = tok.val.split('.');
    const name = ident[0] ?? '$';
    if (!this.vars.includes(name)) this.errorf(`undefined variable ${goQ(name)}`);
    return { type: 'variable', pos: tok.pos, ident };
  }

  private number(tok: Item): Arg {
    let text = tok.val;
    if (tok.typ === 'charConstant') {
      const s = goUnquote(text);
      if (s === undefined || [...s].length !== 1) this.errorf(`malformed character constant: ${text}`);
      const cp = s.codePointAt(0) ?? 0;
      return { type: 'number', pos: tok.pos, text, value: cp, isInt: true, isFloat: true };
    }
    if (tok.typ === 'complex') this.errorf(`complex numbers are not supported: ${text}`);
    text = text.replace(/_/g, '');
    let value: number;
    let isInt: boolean;
    if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(text) || /^[+-]?0[bB][01]+$/.test(text) || /^[+-]?0[oO][0-7]+$/.test(text)) {
      const neg = text.startsWith('-');
      const body = text.replace(/^[+-]/, '');
      value = Number(body) * (neg ? -1 : 1);
      isInt = true;
    } else if (/^[+-]?0[0-7]+$/.test(text)) {
      value = parseInt(text, 8);
      isInt = true;
    } else if (/^[+-]?\d+$/.test(text)) {
      value = Number(text);
      isInt = true;
    } else {
      value = Number(text);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) || Number.isNaN(value)) this.errorf(`illegal number syntax: ${goQ(tok.val)}`);
      isInt = Number.isInteger(value) && !/[eE]-/.test(text) && Math.abs(value) < 2 ** 63;
    }
    return { type: 'number', pos: tok.pos, text: tok.val, value, isInt, isFloat: true };
  }
}

/** Parses a template; throws TemplateError with Go's message on bad input. Returns the main tree and {{define}}d ones. */
export function parseTemplate(text: string, opts: ParseOptions): { tree: Tree; defs: Map<string, Tree> } {
  const p = new Parser(text, opts);
  const root = p.parse();
  return { tree: { name: opts.name, root, text }, defs: p.defs };
}

// ---------------------------------------------------------------------------------------------------
// String() of nodes, for error contexts

export function argString(a: Arg): string {
  switch (a.type) {
    case 'field':
      return a.ident.map((i) => '.' + i).join('');
    case 'chain': {
      const inner = a.node.type === 'pipe' ? `(${argString(a.node)})` : argString(a.node);
      return inner + a.field.map((f) => '.' + f).join('');
    }
    case 'identifier':
      return a.ident;
    case 'variable':
      return a.ident.join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return a.value ? 'true' : 'false';
    case 'number':
      return a.text;
    case 'string':
      return a.quoted;
    case 'pipe':
      return pipeString(a);
  }
}

export function commandString(c: CommandNode): string {
  return c.args.map((a) => (a.type === 'pipe' ? `(${argString(a)})` : argString(a))).join(' ');
}

export function pipeString(p: PipeNode): string {
  let s = '';
  if (p.decl.length > 0) s = p.decl.map((v) => v.ident.join('.')).join(', ') + (p.isAssign ? ' = ' : ' := ');
  return s + p.cmds.map(commandString).join(' | ');
}
