/**
 * Shell arithmetic, `$(( ))`, `(( ))`, `let` and array subscripts: bash's grammar and 64-bit
 * wrapping integers, evaluated while parsing as bash's expr.c does (so error tokens match: the
 * text from the start of the last token read).
 */

export class ArithError extends Error {
  constructor(
    /** The whole expression, leading blanks trimmed. */
    readonly expr: string,
    readonly msg: string,
    readonly token: string,
  ) {
    super(`${expr}: ${msg} (error token is "${token}")`);
    this.name = 'ArithError';
  }
}

export interface ArithEnv {
  /** Value of a variable (or array element when `index` is given), undefined when unset. */
  get(name: string, index?: string): string | undefined;
  set(name: string, value: string, index?: string): void;
  /** Whether `name` is an associative array (its subscripts are strings, not expressions). */
  isAssoc?(name: string): boolean;
  /** `set -u`: called for unset variables; may throw. */
  unset?(name: string): void;
}

/** bash allows 1024 levels; each level here costs ~20 JS frames, so stop earlier (same message). */
const MAX_RECURSION = 100;

const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

type Tok =
  | { t: 'num'; v: bigint }
  | { t: 'var'; name: string; index?: string }
  | { t: 'op'; v: string }
  | { t: 'eof' };

const OPS = [
  '<<=', '>>=', '**', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '*=', '/=', '%=', '+=', '-=', '&=', '^=', '|=',
  '+', '-', '*', '/', '%', '<', '>', '=', '!', '~', '&', '^', '|', '?', ':', ',', '(', ')',
];

const ASSIGN_OPS = new Set(['=', '*=', '/=', '%=', '+=', '-=', '<<=', '>>=', '&=', '^=', '|=']);

class Evaluator {
  private pos = 0;
  private tokStart = 0;
  private lastTokStart = 0;
  private tok: Tok = { t: 'eof' };
  /** When > 0, operands are parsed but side effects and errors of evaluation are skipped. */
  private noeval = 0;

  constructor(
    private readonly src: string,
    private readonly env: ArithEnv,
    private readonly depth: number,
  ) {}

  private get exprText(): string {
    return this.src.replace(/^[ \t\n]+/, '');
  }

  private error(msg: string, from = this.lastTokStart): never {
    throw new ArithError(this.exprText, msg, this.src.slice(from));
  }

  run(): bigint {
    this.next();
    if (this.tok.t === 'eof') return 0n;
    const v = this.comma();
    if (this.cur().t !== 'eof') this.error('syntax error in expression');
    return v;
  }

  /** The current token (a method, so TypeScript does not narrow it across `next()`). */
  private cur(): Tok {
    return this.tok;
  }

  private next(): void {
    const s = this.src;
    let i = this.pos;
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
    if (i >= s.length) {
      this.pos = i;
      this.tok = { t: 'eof' };
      return;
    }
    this.tokStart = i;
    this.lastTokStart = i;
    const c = s[i]!;
    if (/[0-9]/.test(c)) {
      let j = i;
      while (j < s.length && /[0-9A-Za-z_@#]/.test(s[j]!)) j++;
      const text = s.slice(i, j);
      this.pos = j;
      this.tok = { t: 'num', v: this.parseNumber(text) };
      return;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < s.length && /[A-Za-z0-9_]/.test(s[j]!)) j++;
      const name = s.slice(i, j);
      let index: string | undefined;
      let k = j;
      while (k < s.length && (s[k] === ' ' || s[k] === '\t')) k++;
      if (s[j] === '[') {
        let depth = 0;
        let e = j;
        for (; e < s.length; e++) {
          if (s[e] === '[') depth++;
          else if (s[e] === ']') {
            depth--;
            if (depth === 0) break;
          }
        }
        if (e >= s.length) {
          this.pos = s.length;
          throw new ArithError(this.exprText, 'bad array subscript', s.slice(i));
        }
        index = s.slice(j + 1, e);
        j = e + 1;
      }
      this.pos = j;
      this.tok = { t: 'var', name, index };
      return;
    }
    for (const op of OPS) {
      if (s.startsWith(op, i)) {
        this.pos = i + op.length;
        this.tok = { t: 'op', v: op };
        return;
      }
    }
    this.pos = i + 1;
    this.error('syntax error: invalid arithmetic operator', i);
  }

  private parseNumber(text: string): bigint {
    let base = 10;
    let digits = text;
    const hash = text.indexOf('#');
    if (hash >= 0) {
      const b = text.slice(0, hash);
      if (!/^[0-9]+$/.test(b)) this.error('invalid number');
      base = Number(b);
      digits = text.slice(hash + 1);
      if (base < 2 || base > 64) this.error('invalid arithmetic base');
      if (digits === '') this.error('invalid integer constant');
    } else if (/^0[xX]/.test(text)) {
      base = 16;
      digits = text.slice(2);
      if (digits === '') return 0n;
    } else if (text.length > 1 && text[0] === '0') {
      base = 8;
      digits = text.slice(1);
    }
    let v = 0n;
    const B = BigInt(base);
    for (const ch of digits) {
      let d: number;
      if (ch >= '0' && ch <= '9') d = ch.charCodeAt(0) - 48;
      else if (ch >= 'a' && ch <= 'z') d = ch.charCodeAt(0) - 97 + 10;
      else if (ch >= 'A' && ch <= 'Z') d = base <= 36 ? ch.charCodeAt(0) - 65 + 10 : ch.charCodeAt(0) - 65 + 36;
      else if (ch === '@') d = 62;
      else if (ch === '_') d = 63;
      else {
        this.error('invalid number');
      }
      if (d >= base) this.error('value too great for base');
      v = wrap(v * B + BigInt(d));
    }
    return v;
  }

  private isOp(v: string): boolean {
    return this.tok.t === 'op' && this.tok.v === v;
  }

  private comma(): bigint {
    let v = this.assign();
    while (this.isOp(',')) {
      this.next();
      v = this.assign();
    }
    return v;
  }

  private assign(): bigint {
    if (this.tok.t === 'var') {
      // Look ahead for an assignment operator.
      const save = { pos: this.pos, tok: this.tok, ts: this.tokStart, lts: this.lastTokStart };
      const target = this.tok;
      this.next();
      const t2 = this.cur();
      if (t2.t === 'op' && ASSIGN_OPS.has(t2.v)) {
        const op = t2.v;
        this.next();
        const rhs = this.assign();
        if (this.noeval) return rhs;
        let v = rhs;
        if (op !== '=') {
          const cur = this.varValue(target.name, target.index);
          v = this.binary(op.slice(0, -1), cur, rhs);
        }
        this.setVar(target.name, target.index, v);
        return v;
      }
      this.pos = save.pos;
      this.tok = save.tok;
      this.tokStart = save.ts;
      this.lastTokStart = save.lts;
    }
    const v = this.ternary();
    if (this.tok.t === 'op' && ASSIGN_OPS.has(this.tok.v)) this.error('attempted assignment to non-variable');
    return v;
  }

  private ternary(): bigint {
    const c = this.logOr();
    if (!this.isOp('?')) return c;
    this.next();
    if (c === 0n) this.noeval++;
    const a = this.comma();
    if (c === 0n) this.noeval--;
    if (!this.isOp(':')) this.error("`:' expected for conditional expression");
    this.next();
    if (c !== 0n) this.noeval++;
    const b = this.ternary();
    if (c !== 0n) this.noeval--;
    return c !== 0n ? a : b;
  }

  private logOr(): bigint {
    let v = this.logAnd();
    while (this.isOp('||')) {
      this.next();
      if (v !== 0n) this.noeval++;
      const r = this.logAnd();
      if (v !== 0n) this.noeval--;
      v = v !== 0n || r !== 0n ? 1n : 0n;
    }
    return v;
  }

  private logAnd(): bigint {
    let v = this.bitOr();
    while (this.isOp('&&')) {
      this.next();
      if (v === 0n) this.noeval++;
      const r = this.bitOr();
      if (v === 0n) this.noeval--;
      v = v !== 0n && r !== 0n ? 1n : 0n;
    }
    return v;
  }

  private level(ops: readonly string[], sub: () => bigint): bigint {
    let v = sub();
    while (this.tok.t === 'op' && ops.includes(this.tok.v)) {
      const op = this.tok.v;
      this.next();
      const rhsStart = this.lastTokStart;
      const r = sub();
      v = this.binary(op, v, r, rhsStart);
    }
    return v;
  }

  private bitOr(): bigint {
    return this.level(['|'], () => this.bitXor());
  }
  private bitXor(): bigint {
    return this.level(['^'], () => this.bitAnd());
  }
  private bitAnd(): bigint {
    return this.level(['&'], () => this.equality());
  }
  private equality(): bigint {
    return this.level(['==', '!='], () => this.relational());
  }
  private relational(): bigint {
    return this.level(['<=', '>=', '<', '>'], () => this.shift());
  }
  private shift(): bigint {
    return this.level(['<<', '>>'], () => this.additive());
  }
  private additive(): bigint {
    return this.level(['+', '-'], () => this.multiplicative());
  }
  private multiplicative(): bigint {
    return this.level(['*', '/', '%'], () => this.power());
  }

  private power(): bigint {
    const base = this.unary();
    if (this.isOp('**')) {
      this.next();
      const e = this.power();
      return this.binary('**', base, e);
    }
    return base;
  }

  private binary(op: string, a: bigint, b: bigint, rhsStart = this.lastTokStart): bigint {
    if (this.noeval) return 0n;
    switch (op) {
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      case '*': return wrap(a * b);
      case '/':
      case '%':
        if (b === 0n) this.error('division by 0', rhsStart);
        if (a === -(2n ** 63n) && b === -1n) return op === '/' ? a : 0n;
        return wrap(op === '/' ? a / b : a % b);
      case '**':
        if (b < 0n) this.error('exponent less than 0', rhsStart);
        return wrap(powMod(a, b));
      case '<<': return wrap(a << (b & 63n));
      case '>>': return wrap(a >> (b & 63n));
      case '<': return a < b ? 1n : 0n;
      case '>': return a > b ? 1n : 0n;
      case '<=': return a <= b ? 1n : 0n;
      case '>=': return a >= b ? 1n : 0n;
      case '==': return a === b ? 1n : 0n;
      case '!=': return a !== b ? 1n : 0n;
      case '&': return wrap(a & b);
      case '|': return wrap(a | b);
      case '^': return wrap(a ^ b);
      default: return 0n;
    }
  }

  private unary(): bigint {
    const t = this.tok;
    if (t.t === 'op') {
      switch (t.v) {
        case '!': this.next(); return this.unary() === 0n ? 1n : 0n;
        case '~': this.next(); return wrap(~this.unary());
        case '-': this.next(); return wrap(-this.unary());
        case '+': this.next(); return this.unary();
        case '++':
        case '--': {
          this.next();
          const v = this.tok;
          if (v.t !== 'var') this.error('syntax error: operand expected');
          this.next();
          if (this.noeval) return 0n;
          const nv = wrap(this.varValue(v.name, v.index) + (t.v === '++' ? 1n : -1n));
          this.setVar(v.name, v.index, nv);
          return nv;
        }
        default:
          break;
      }
    }
    return this.postfix();
  }

  private postfix(): bigint {
    const t = this.tok;
    if (t.t === 'var') {
      this.next();
      if (this.isOp('++') || this.isOp('--')) {
        const inc = this.isOp('++') ? 1n : -1n;
        this.next();
        if (this.noeval) return 0n;
        const v = this.varValue(t.name, t.index);
        this.setVar(t.name, t.index, wrap(v + inc));
        return v;
      }
      return this.noeval ? 0n : this.varValue(t.name, t.index);
    }
    return this.primary();
  }

  private primary(): bigint {
    const t = this.tok;
    if (t.t === 'num') {
      this.next();
      return t.v;
    }
    if (t.t === 'op' && t.v === '(') {
      this.next();
      const v = this.comma();
      if (!this.isOp(')')) this.error("missing `)'");
      this.next();
      return v;
    }
    this.error('syntax error: operand expected');
  }

  private subscript(name: string, index: string | undefined): string | undefined {
    if (index === undefined) return undefined;
    if (this.env.isAssoc?.(name)) return index;
    return String(evalArith(index, this.env, this.depth + 1));
  }

  private varValue(name: string, index: string | undefined): bigint {
    const raw = this.env.get(name, this.subscript(name, index));
    if (raw === undefined) {
      this.env.unset?.(name);
      return 0n;
    }
    const s = raw.trim();
    if (s === '') return 0n;
    if (/^-?[0-9]+$/.test(s) && s.length < 16 && !(s.replace('-', '').startsWith('0') && s.replace('-', '').length > 1)) return BigInt(s);
    if (this.depth >= MAX_RECURSION) this.error('expression recursion level exceeded');
    try {
      return evalArith(raw, this.env, this.depth + 1);
    } catch (e) {
      if (e instanceof ArithError && e.msg === 'expression recursion level exceeded') {
        throw new ArithError(this.exprText, e.msg, name);
      }
      throw e;
    }
  }

  private setVar(name: string, index: string | undefined, v: bigint): void {
    this.env.set(name, v.toString(), this.subscript(name, index));
  }
}

function powMod(a: bigint, b: bigint): bigint {
  let result = 1n;
  let base = a;
  let e = b;
  while (e > 0n) {
    if (e & 1n) result = wrap(result * base);
    base = wrap(base * base);
    e >>= 1n;
  }
  return result;
}

/** Evaluates an arithmetic expression (already parameter-expanded). Throws ArithError. */
export function evalArith(expr: string, env: ArithEnv, depth = 0): bigint {
  return new Evaluator(expr, env, depth).run();
}
