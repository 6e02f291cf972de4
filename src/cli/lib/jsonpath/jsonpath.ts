/**
 * client-go `util/jsonpath` (parser.go, node.go, jsonpath.go) as kubectl uses it for `-o jsonpath`,
 * custom-columns and --sort-by, with upstream's error texts ("unclosed action", "x is not found",
 * "array index out of bounds: index 5, length 4", "not in range, nothing to end", ...), and kubectl's
 * `RelaxedJSONPathExpression` (pkg/cmd/get/customcolumn.go). Values follow ../gofmt.ts's model.
 */
import { formatValue, goJSON, goTypeName, isGoStruct, isNil } from '../gofmt';

export interface ParamsEntry {
  value: number;
  known: boolean;
  derived: boolean;
}

export type JPNode =
  | { type: 'NodeList'; nodes: JPNode[] }
  | { type: 'NodeText'; text: string }
  | { type: 'NodeField'; value: string }
  | { type: 'NodeIdentifier'; name: string }
  | { type: 'NodeArray'; params: [ParamsEntry, ParamsEntry, ParamsEntry] }
  | { type: 'NodeFilter'; left: JPList; right: JPList; operator: string }
  | { type: 'NodeInt'; value: number }
  | { type: 'NodeFloat'; value: number }
  | { type: 'NodeWildcard' }
  | { type: 'NodeRecursive' }
  | { type: 'NodeUnion'; nodes: JPList[] }
  | { type: 'NodeBool'; value: boolean };
export type JPList = Extract<JPNode, { type: 'NodeList' }>;

class JPError extends Error {}

const isTerminator = (r: string): boolean => r === '' || ' \t\r\n.,[]$@{}'.includes(r);
const isAlphaNumeric = (r: string): boolean => r !== '' && /^[_\p{L}\p{Nd}]$/u.test(r);
const isDigit = (r: string): boolean => r !== '' && /^\p{Nd}$/u.test(r);

function hexU(r: string): string {
  const cp = r.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${r}'`;
}

/** client-go `UnquoteExtend`: strconv.Unquote that also accepts single-quoted strings. */
function unquoteExtend(s: string): string {
  if (s.length < 2) throw new JPError('invalid syntax');
  const q = s[0] ?? '';
  if (q !== s[s.length - 1] || (q !== '"' && q !== "'")) throw new JPError('invalid syntax');
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c === q) throw new JPError('invalid syntax');
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i] ?? '';
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (simple[e] !== undefined) out += simple[e];
    else if (e === q) out += e;
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const h = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) throw new JPError('invalid syntax');
      out += String.fromCodePoint(parseInt(h, 16));
      i += n;
    } else if (/[0-7]/.test(e)) {
      const o = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(o)) throw new JPError('invalid syntax');
      out += String.fromCharCode(parseInt(o, 8));
      i += 2;
    } else throw new JPError('invalid syntax');
  }
  return out;
}

const DICT_KEY_RE = /^'([^']*)'$/;
const SLICE_RE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const FILTER_RE = /^([^!<>=]+)([!<>=]+)(.+?)$/s;

class Parser {
  root: JPList = { type: 'NodeList', nodes: [] };
  private input = '';
  private pos = 0;
  private start = 0;
  private width = 0;

  parse(text: string): JPList {
    this.input = text;
    this.root = { type: 'NodeList', nodes: [] };
    this.pos = 0;
    this.start = 0;
    this.parseText();
    return this.root;
  }
  private consumeText(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }
  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return '';
    }
    const r = String.fromCodePoint(this.input.codePointAt(this.pos) ?? 0);
    this.width = r.length;
    this.pos += r.length;
    return r;
  }
  private peek(): string {
    const r = this.next();
    this.pos -= this.width;
    return r;
  }
  private backup(): void {
    this.pos -= this.width;
  }

  private parseText(): void {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) this.root.nodes.push({ type: 'NodeText', text: this.consumeText() });
        this.pos += 1;
        this.consumeText();
        const list: JPList = { type: 'NodeList', nodes: [] };
        this.root.nodes.push(list);
        this.parseInsideAction(list);
        return;
      }
      if (this.next() === '') break;
    }
    if (this.pos > this.start) this.root.nodes.push({ type: 'NodeText', text: this.consumeText() });
  }

  private parseInsideAction(cur: JPList): void {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith('}')) {
        this.pos += 1;
        this.consumeText();
        this.parseText();
        return;
      }
      if (rest.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === '' || r === '\r' || r === '\n') throw new JPError('unclosed action');
      if (r === ' ' || r === '@' || r === '$') {
        this.consumeText();
        continue;
      }
      if (r === '[') this.parseArray(cur);
      else if (r === '"' || r === "'") this.parseQuote(cur, r);
      else if (r === '.') this.parseField(cur);
      else if (r === '+' || r === '-' || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else throw new JPError(`unrecognized character in action: ${hexU(r)}`);
    }
  }

  private parseIdentifier(cur: JPList): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'NodeBool', value: value === 'true' });
    else cur.nodes.push({ type: 'NodeIdentifier', name: value });
  }

  private parseRecursive(cur: JPList): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.type === 'NodeRecursive') throw new JPError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: 'NodeRecursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: JPList): void {
    let r = this.peek();
    if (r === '+' || r === '-') this.next();
    for (;;) {
      r = this.next();
      if (r !== '.' && !isDigit(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (/^[+-]?\d+$/.test(value)) {
      cur.nodes.push({ type: 'NodeInt', value: Number(value) });
      return;
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) {
      cur.nodes.push({ type: 'NodeFloat', value: Number(value) });
      return;
    }
    throw new JPError(`cannot parse number ${value}`);
  }

  private parseArray(cur: JPList): void {
    for (;;) {
      const r = this.next();
      if (r === '' || r === '\n') throw new JPError('unterminated array');
      if (r === ']') break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === '*') text = ':';
    const strs = text.split(',');
    if (strs.length > 1) {
      const union: JPList[] = strs.map((s) => parseAction(`[${s.replace(/^ +| +$/g, '')}]`));
      cur.nodes.push({ type: 'NodeUnion', nodes: union });
      return;
    }
    const dk = DICT_KEY_RE.exec(text);
    if (dk) {
      for (const n of parseAction(`.${dk[1] ?? ''}`).nodes) cur.nodes.push(n);
      return;
    }
    const m = SLICE_RE.exec(text);
    if (!m) throw new JPError(`invalid array index ${text}`);
    const value = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const params: [ParamsEntry, ParamsEntry, ParamsEntry] = [
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      let v = value[i] ?? '';
      const p = params[i] as ParamsEntry;
      if (v !== '') {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === '') p.known = false;
        else {
          p.known = true;
          if (!/^[+-]?\d+$/.test(v)) throw new JPError(`array index ${v} is not a number`);
          p.value = Number(v);
        }
      } else if (i === 1) {
        p.known = true;
        p.value = params[0].value + 1;
        p.derived = true;
      }
    }
    cur.nodes.push({ type: 'NodeArray', params });
  }

  private parseFilter(cur: JPList): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === '' || r === '\n') throw new JPError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')') {
        if (begin === end) break;
      }
    }
    if (this.next() !== ']') throw new JPError('unclosed array expect ]');
    let text = this.consumeText();
    text = text.slice(0, -2);
    const m = FILTER_RE.exec(text);
    if (!m) {
      cur.nodes.push({ type: 'NodeFilter', left: parseAction(text), right: { type: 'NodeList', nodes: [] }, operator: 'exists' });
    } else {
      cur.nodes.push({ type: 'NodeFilter', left: parseAction(m[1] ?? ''), right: parseAction(m[3] ?? ''), operator: m[2] ?? '' });
    }
  }

  private parseQuote(cur: JPList, end: string): void {
    for (;;) {
      const r = this.next();
      if (r === '' || r === '\n') throw new JPError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch (e) {
      throw new JPError(`unquote string ${value} error ${e instanceof Error ? e.message : String(e)}`);
    }
    cur.nodes.push({ type: 'NodeText', text: s });
  }

  private parseField(cur: JPList): void {
    this.consumeText();
    for (;;) {
      const r = this.next();
      if (r === '\\') this.next();
      else if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ type: 'NodeWildcard' });
    else cur.nodes.push({ type: 'NodeField', value: value.replace(/\\/g, '') });
  }
}

function parseAction(text: string): JPList {
  const root = new Parser().parse(`{${text}}`);
  const first = root.nodes[0];
  if (!first || first.type !== 'NodeList') throw new JPError('invalid syntax');
  return first;
}

export type JPResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** jsonpath.Parse: the root list, or upstream's parse error. */
export function parseJSONPath(text: string): JPResult<JPList> {
  try {
    return { ok: true, value: new Parser().parse(text) };
  } catch (e) {
    if (e instanceof JPError) return { ok: false, error: e.message };
    throw e;
  }
}

/** A node's upstream String(). */
export function nodeString(n: JPNode): string {
  switch (n.type) {
    case 'NodeList':
    case 'NodeWildcard':
    case 'NodeRecursive':
    case 'NodeUnion':
      return n.type;
    case 'NodeText':
      return `NodeText: ${n.text}`;
    case 'NodeField':
      return `NodeField: ${n.value}`;
    case 'NodeIdentifier':
      return `NodeIdentifier: ${n.name}`;
    case 'NodeArray':
      return `NodeArray: [${n.params.map((p) => `{${p.value} ${p.known} ${p.derived}}`).join(' ')}]`;
    case 'NodeFilter':
      return `NodeFilter: NodeList ${n.operator} NodeList`;
    case 'NodeInt':
      return `NodeInt: ${n.value}`;
    case 'NodeFloat':
      return `NodeFloat: ${n.value.toFixed(6)}`;
    case 'NodeBool':
      return `NodeBool: ${n.value}`;
  }
}

/** Depth-first list of the nodes under `list` (lists' children, filters' left/right, unions' members). */
export function flattenNodes(list: JPList): JPNode[] {
  const out: JPNode[] = [];
  const walk = (l: JPList): void => {
    for (const n of l.nodes) {
      out.push(n);
      if (n.type === 'NodeList') walk(n);
      else if (n.type === 'NodeFilter') {
        out.push(n.left);
        walk(n.left);
        out.push(n.right);
        walk(n.right);
      } else if (n.type === 'NodeUnion') {
        for (const m of n.nodes) {
          out.push(m);
          walk(m);
        }
      }
    }
  };
  walk(list);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// execution

const INVALID: unique symbol = Symbol('invalid');
type V = unknown;

function children(v: V): V[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [...new TextEncoder().encode(v)];
  if (typeof v === 'object' && v !== null) return Object.values(v as Record<string, unknown>).filter((x) => typeof x !== 'function');
  return [];
}

function isList(v: V): v is unknown[] {
  return Array.isArray(v);
}

function numKind(v: V): 'num' | 'string' | 'bool' | 'other' {
  if (typeof v === 'number') return 'num';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'other';
}

function compare(op: string, l: V, r: V): boolean {
  const kl = numKind(l);
  const kr = numKind(r);
  if (op === '==' || op === '!=') {
    if (kl !== kr) {
      if (kl === 'other' || kr === 'other') {
        const eq = (isNil(l) && isNil(r)) || l === r;
        return op === '==' ? eq : !eq;
      }
      throw new JPError('incompatible types for comparison');
    }
    return op === '==' ? l === r : l !== r;
  }
  if (kl === 'bool' || kl === 'other') throw new JPError('invalid type for comparison');
  if (kl !== kr) throw new JPError('incompatible types for comparison');
  const a = l as number | string;
  const b = r as number | string;
  switch (op) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
  throw new JPError(`unrecognized filter operator ${op}`);
}

export interface JSONPathOptions {
  allowMissingKeys?: boolean;
  /** kubectl's -o jsonpath-as-json: print results as indented JSON. */
  outputJSON?: boolean;
}

class Executor {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode = -1;
  constructor(private readonly root: JPList, private readonly opts: JSONPathOptions) {}

  findResults(data: V, start: number): V[][] {
    const full: V[][] = [];
    const nodes = this.root.nodes;
    for (let i = start; i < nodes.length; i++) {
      const node = nodes[i] as JPNode;
      const results = this.walk([data], node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = i;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) full.push(...this.findResults(value, i + 1));
        } else {
          this.findResults(INVALID, i + 1);
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (k === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  walk(input: V[], node: JPNode): V[] {
    switch (node.type) {
      case 'NodeList': {
        let cur = input;
        for (const n of node.nodes) cur = this.walk(cur, n);
        return cur;
      }
      case 'NodeText':
        return [node.text];
      case 'NodeField':
        return this.evalField(input, node.value);
      case 'NodeArray':
        return this.evalArray(input, node.params);
      case 'NodeFilter':
        return this.evalFilter(input, node);
      case 'NodeInt':
      case 'NodeFloat':
      case 'NodeBool':
        return input.map(() => node.value);
      case 'NodeWildcard': {
        const out: V[] = [];
        for (const v of input) if (!isNil(v) && v !== INVALID) out.push(...children(v));
        return out;
      }
      case 'NodeRecursive':
        return this.evalRecursive(input);
      case 'NodeUnion': {
        const out: V[] = [];
        for (const l of node.nodes) out.push(...this.walk(input, l));
        return out;
      }
      case 'NodeIdentifier':
        if (node.name === 'range') {
          this.beginRange++;
          return input;
        }
        if (node.name === 'end') {
          if (this.inRange > 0) {
            this.endRange++;
            return [];
          }
          throw new JPError('not in range, nothing to end');
        }
        throw new JPError(`unrecognized identifier ${node.name}`);
    }
  }

  private evalField(input: V[], name: string): V[] {
    const results: V[] = [];
    if (input.length === 0) return results;
    for (const v of input) {
      if (isNil(v) || v === INVALID) continue;
      if (typeof v === 'object' && !Array.isArray(v)) {
        const o = v as Record<string, unknown>;
        if (Object.prototype.hasOwnProperty.call(o, name) && typeof o[name] !== 'function') results.push(o[name] === undefined ? null : o[name]);
      }
    }
    if (results.length === 0) {
      if (this.opts.allowMissingKeys) return results;
      throw new JPError(`${name} is not found`);
    }
    return results;
  }

  private evalArray(input: V[], p: [ParamsEntry, ParamsEntry, ParamsEntry]): V[] {
    const result: V[] = [];
    for (const value of input) {
      if (isNil(value) || value === INVALID) continue;
      if (!isList(value)) throw new JPError(`${goTypeName(value)} is not array or slice`);
      const params = p.map((x) => ({ ...x }));
      const [p0, p1, p2] = params as [ParamsEntry, ParamsEntry, ParamsEntry];
      const len = value.length;
      if (!p0.known) p0.value = 0;
      if (p0.value < 0) p0.value += len;
      if (!p1.known) p1.value = len;
      if (p1.value < 0 || (p1.value === 0 && p1.derived)) p1.value += len;
      if (p1.value !== p0.value) {
        if (p0.value >= len || p0.value < 0) throw new JPError(`array index out of bounds: index ${p0.value}, length ${len}`);
        if (p1.value > len || p1.value < 0) throw new JPError(`array index out of bounds: index ${p1.value - 1}, length ${len}`);
        if (p0.value > p1.value) throw new JPError(`starting index ${p0.value} is greater than ending index ${p1.value}`);
      } else return result;
      const sliced = value.slice(p0.value, p1.value);
      let step = 1;
      if (p2.known) {
        if (p2.value <= 0) throw new JPError('step must be > 0');
        step = p2.value;
      }
      for (let i = 0; i < sliced.length; i += step) result.push(sliced[i]);
    }
    return result;
  }

  private evalRecursive(input: V[]): V[] {
    const result: V[] = [];
    for (const value of input) {
      if (isNil(value) || value === INVALID) continue;
      const kids = children(value);
      if (kids.length !== 0) {
        result.push(value);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(input: V[], node: Extract<JPNode, { type: 'NodeFilter' }>): V[] {
    const results: V[] = [];
    for (const value of input) {
      if (!isList(value)) throw new JPError(`${formatValue(value === INVALID ? null : value)} is not array or slice and cannot be filtered`);
      for (const item of value) {
        let lefts: V[];
        try {
          lefts = this.walk([item], node.left);
        } catch (e) {
          if (node.operator === 'exists') continue;
          throw e;
        }
        if (node.operator === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JPError('can only compare one element at a time');
        const rights = this.walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JPError('can only compare one element at a time');
        if (!['<', '>', '==', '!=', '<=', '>='].includes(node.operator)) throw new JPError(`unrecognized filter operator ${node.operator}`);
        if (compare(node.operator, lefts[0], rights[0])) results.push(item);
      }
    }
    return results;
  }
}

function isJSONish(v: V): boolean {
  return typeof v === 'object' && v !== null;
}

/** `PrintResults`: scalars bare (nil as "null"), maps/slices/structs as compact JSON, joined by one space. */
export function printResults(results: readonly V[], outputJSON = false): string {
  return results
    .map((r) => {
      if (outputJSON) return goJSON(r, { indent: '    ' }) + '\n';
      if (isJSONish(r)) return goJSON(r);
      if (isNil(r)) return 'null';
      return formatValue(r);
    })
    .join(' ');
}

export type JSONPathExec = { ok: true; output: string } | { ok: false; error: string };

/** Parses and executes `template` on `data` (Execute): the text kubectl prints, or the error. */
export function executeJSONPath(template: string, data: unknown, opts: JSONPathOptions = {}): JSONPathExec {
  const parsed = parseJSONPath(template);
  if (!parsed.ok) return parsed;
  return executeParsed(parsed.value, data, opts);
}

export function executeParsed(root: JPList, data: unknown, opts: JSONPathOptions = {}): JSONPathExec {
  try {
    const full = new Executor(root, opts).findResults(data, 0);
    return { ok: true, output: full.map((r) => printResults(r, opts.outputJSON)).join('') };
  } catch (e) {
    if (e instanceof JPError) return { ok: false, error: e.message };
    throw e;
  }
}

/** FindResults: the raw result lists (custom-columns and --sort-by use these). */
export function findResults(template: string, data: unknown, opts: JSONPathOptions = {}): JPResult<unknown[][]> {
  const parsed = parseJSONPath(template);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, value: new Executor(parsed.value, opts).findResults(data, 0) as unknown[][] };
  } catch (e) {
    if (e instanceof JPError) return { ok: false, error: e.message };
    throw e;
  }
}

const JSON_REGEXP = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** kubectl `RelaxedJSONPathExpression`: `foo.bar`, `.foo.bar`, `{foo.bar}` → `{.foo.bar}`. */
export function relaxedJSONPathExpression(path: string): JPResult<string> {
  if (path.length === 0) return { ok: true, value: path };
  const m = JSON_REGEXP.exec(path);
  if (!m) return { ok: false, error: "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'" };
  return { ok: true, value: `{.${m[1] ?? m[2] ?? ''}}` };
}

export { isGoStruct };
