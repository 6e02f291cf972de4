/** awk's lexer and parser: program text to an AST. Syntax errors in mawk's words. */

export class AwkSyntaxError extends Error {}

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; src: string }
  | { k: 'var'; name: string }
  | { k: 'field'; e: Expr }
  | { k: 'index'; name: string; subs: Expr[] }
  | { k: 'assign'; op: string; target: Expr; e: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'and' | 'or'; a: Expr; b: Expr }
  | { k: 'not'; e: Expr }
  | { k: 'neg' | 'plus'; e: Expr }
  | { k: 'match'; neg: boolean; a: Expr; re: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'incdec'; op: '++' | '--'; prefix: boolean; target: Expr }
  | { k: 'concat'; a: Expr; b: Expr }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'builtin'; name: string; args: Expr[] }
  | { k: 'getline'; target?: Expr; file?: Expr; cmd?: Expr }
  | { k: 'group'; e: Expr };

export type Redirect = { kind: '>' | '>>' | '|'; e: Expr } | undefined;

export type Stmt =
  | { k: 'expr'; e: Expr }
  | { k: 'print'; args: Expr[]; redirect: Redirect }
  | { k: 'printf'; args: Expr[]; redirect: Redirect }
  | { k: 'if'; c: Expr; then: Stmt; else?: Stmt }
  | { k: 'while'; c: Expr; body: Stmt }
  | { k: 'do'; c: Expr; body: Stmt }
  | { k: 'for'; init?: Stmt; c?: Expr; step?: Stmt; body: Stmt }
  | { k: 'forin'; v: string; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' | 'nextfile' | 'break' | 'continue' }
  | { k: 'exit'; e?: Expr }
  | { k: 'return'; e?: Expr }
  | { k: 'delete'; name: string; subs?: Expr[] }
  | { k: 'getline'; e: Expr };

export interface Rule {
  pattern?: Expr;
  pattern2?: Expr;
  begin?: boolean;
  end?: boolean;
  action?: Stmt[];
  /** Range state. */
  inRange?: boolean;
}

export interface Func {
  params: string[];
  body: Stmt[];
}

export interface Program {
  rules: Rule[];
  funcs: Map<string, Func>;
}

const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'sin', 'cos', 'atan2', 'exp', 'log', 'sqrt', 'int', 'rand', 'srand', 'tolower', 'toupper', 'system', 'close', 'fflush']);
const KEYWORDS = new Set(['BEGIN', 'END', 'function', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf']);

interface Tok {
  t: string;
  v: string;
  line: number;
}

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let line = 1;
  let i = 0;
  const push = (t: string, v: string): void => {
    toks.push({ t, v, line });
  };
  const regexAllowed = (): boolean => {
    const last = toks[toks.length - 1];
    if (!last) return true;
    if (['num', 'str', 'name', 'funcname', 'builtin', 're'].includes(last.t)) return false;
    return !([')', ']', '$', 'incr', 'decr'].includes(last.t) || last.v === 'getline');
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      line++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      push('nl', '\n');
      line++;
      i++;
      continue;
    }
    if (/[0-9.]/.test(c) && /[0-9]/.test(c === '.' ? (src[i + 1] ?? '') : c)) {
      const m = /^(0[xX][0-9a-fA-F]+|\d*\.?\d*(?:[eE][+-]?\d+)?)/.exec(src.slice(i))!;
      push('num', m[0]);
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      const w = m[0];
      i += w.length;
      if (KEYWORDS.has(w)) push(w, w);
      else if (BUILTINS.has(w)) push('builtin', w);
      else if (src[i] === '(') push('funcname', w);
      else push('name', w);
      continue;
    }
    if (c === '"') {
      let s = '';
      i++;
      for (;;) {
        const d = src[i];
        if (d === undefined || d === '\n') throw new AwkSyntaxError(`line ${line}: runaway string constant "${s.slice(0, 10)} ...`);
        i++;
        if (d === '"') break;
        if (d === '\\') {
          const e = src[i++] ?? '';
          const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };
          if (map[e] !== undefined) s += map[e];
          else if (/[0-7]/.test(e)) {
            let o = e;
            while (o.length < 3 && /[0-7]/.test(src[i] ?? '')) o += src[i++];
            s += String.fromCharCode(parseInt(o, 8));
          } else if (e === '\n') line++;
          else s += `\\${e}`;
          continue;
        }
        s += d;
      }
      push('str', s);
      continue;
    }
    if (c === '/' && regexAllowed()) {
      let s = '';
      i++;
      let inBracket = false;
      for (;;) {
        const d = src[i];
        if (d === undefined || d === '\n') throw new AwkSyntaxError(`line ${line}: runaway regular expression /${s.slice(0, 10)} ...`);
        i++;
        if (d === '/' && !inBracket) break;
        if (d === '[') inBracket = true;
        else if (d === ']') inBracket = false;
        if (d === '\\') {
          const e = src[i++] ?? '';
          s += e === '/' ? '/' : `\\${e}`;
          continue;
        }
        s += d;
      }
      push('re', s);
      continue;
    }
    const three = src.slice(i, i + 3);
    const two = src.slice(i, i + 2);
    if (three === '**=') {
      push('assignop', '^=');
      i += 3;
      continue;
    }
    if (['+=', '-=', '*=', '/=', '%=', '^='].includes(two)) {
      push('assignop', two);
      i += 2;
      continue;
    }
    if (two === '**') {
      push('^', '^');
      i += 2;
      continue;
    }
    if (['==', '<=', '>=', '!=', '&&', '||', '>>', '!~'].includes(two)) {
      push(two, two);
      i += 2;
      continue;
    }
    if (two === '++') {
      push('incr', '++');
      i += 2;
      continue;
    }
    if (two === '--') {
      push('decr', '--');
      i += 2;
      continue;
    }
    if ('{}()[];,+-*/%^!><|?:~$='.includes(c)) {
      push(c, c);
      i++;
      continue;
    }
    throw new AwkSyntaxError(`line ${line}: syntax error at or near ${c}`);
  }
  push('eof', '');
  return toks;
}

export function parseAwk(src: string): Program {
  const toks = lex(src);
  let p = 0;
  const funcs = new Map<string, Func>();
  const peek = (): Tok => toks[p]!;
  const at = (t: string): boolean => toks[p]!.t === t;
  const next = (): Tok => toks[p++]!;
  const err = (tok: Tok = peek()): never => {
    if (tok.t === 'eof') throw new AwkSyntaxError(`line ${tok.line}: syntax error at or near end of file`);
    throw new AwkSyntaxError(`line ${tok.line}: syntax error at or near ${tok.t === 'str' ? `"${tok.v}"` : tok.t === 'nl' ? 'end of line' : tok.v}`);
  };
  const expect = (t: string): Tok => (at(t) ? next() : err());
  const nls = (): void => {
    while (at('nl')) p++;
  };
  const terms = (): void => {
    while (at('nl') || at(';')) p++;
  };

  // ---- expressions ----
  let noGt = false;
  let noIn = false;
  const expr = (): Expr => ternary();
  /** `[e, e...]` after an array's name (`[` is the current token). */
  const subscripts = (): Expr[] => {
    p++;
    const subs = [expr()];
    while (at(',')) {
      p++;
      subs.push(expr());
    }
    expect(']');
    return subs;
  };
  const isLvalue = (e: Expr): boolean => e.k === 'var' || e.k === 'field' || e.k === 'index';
  const ternary = (): Expr => {
    const c = orE();
    if (at('?')) {
      p++;
      nls();
      const a = ternary();
      nls();
      expect(':');
      nls();
      const b = ternary();
      return { k: 'cond', c, a, b };
    }
    if ((at('=') || at('assignop')) && isLvalue(c)) {
      const op = next().v;
      nls();
      return { k: 'assign', op, target: c, e: ternary() };
    }
    return c;
  };
  /** `a || b` and `a && b`: left-associative, a newline may follow the operator. */
  const logical = (op: '||' | '&&', k: 'or' | 'and', operand: () => Expr) => (): Expr => {
    let a = operand();
    while (at(op)) {
      p++;
      nls();
      a = { k, a, b: operand() };
    }
    return a;
  };
  const orE = logical('||', 'or', () => andE());
  const andE = logical('&&', 'and', () => inE());
  const inE = (): Expr => {
    let a = matchE();
    while (at('in') && !noIn) {
      p++;
      const name = expect('name').v;
      a = { k: 'in', subs: a.k === 'group' && (a as { k: 'group'; e: Expr }).e ? [a] : [a], name };
    }
    return a;
  };
  const matchE = (): Expr => {
    let a = relE();
    while (at('~') || at('!~')) {
      const neg = next().t === '!~';
      a = { k: 'match', neg, a, re: relE() };
    }
    return a;
  };
  const relE = (): Expr => {
    const a = concatE();
    const t = peek().t;
    if (['<', '<=', '!=', '==', '>=', '>'].includes(t) && !(t === '>' && noGt)) {
      p++;
      return { k: 'bin', op: t, a, b: concatE() };
    }
    return a;
  };
  const startsOperand = (t: Tok): boolean =>
    ['num', 'str', 're', 'name', 'funcname', 'builtin', '$', '!', '(', 'incr', 'decr', '-', '+'].includes(t.t) || (t.t === 'getline' && false);
  const concatE = (): Expr => {
    let a = addE();
    while (startsOperand(peek()) && !at('-') && !at('+') && !(at('in'))) {
      a = { k: 'concat', a, b: addE() };
    }
    return a;
  };
  /** Left-associative arithmetic operators of one precedence. */
  const arithmetic = (ops: readonly string[], operand: () => Expr) => (): Expr => {
    let a = operand();
    while (ops.some((o) => at(o))) {
      const op = next().t;
      a = { k: 'bin', op, a, b: operand() };
    }
    return a;
  };
  const addE = arithmetic(['+', '-'], () => mulE());
  const mulE = arithmetic(['*', '/', '%'], () => unaryE());
  const unaryE = (): Expr => {
    if (at('!')) {
      p++;
      return { k: 'not', e: unaryE() };
    }
    if (at('-')) {
      p++;
      return { k: 'neg', e: unaryE() };
    }
    if (at('+')) {
      p++;
      return { k: 'plus', e: unaryE() };
    }
    return powE();
  };
  const powE = (): Expr => {
    const a = postE();
    if (at('^')) {
      p++;
      // right associative, binds tighter than unary minus on its left only
      const b = at('-') ? (p++, { k: 'neg', e: powE() } as Expr) : powE();
      return { k: 'bin', op: '^', a, b };
    }
    return a;
  };
  const postE = (): Expr => {
    if (at('incr') || at('decr')) {
      const op = next().v as '++' | '--';
      const target = postE();
      if (!isLvalue(target)) err();
      return { k: 'incdec', op, prefix: true, target };
    }
    const e = primary();
    if ((at('incr') || at('decr')) && isLvalue(e)) {
      const op = next().v as '++' | '--';
      return { k: 'incdec', op, prefix: false, target: e };
    }
    return e;
  };
  const args = (): Expr[] => {
    expect('(');
    nls();
    const out: Expr[] = [];
    const saveGt = noGt;
    const saveIn = noIn;
    noGt = false;
    noIn = false;
    if (!at(')')) {
      out.push(expr());
      nls();
      while (at(',')) {
        p++;
        nls();
        out.push(expr());
        nls();
      }
    }
    expect(')');
    noGt = saveGt;
    noIn = saveIn;
    return out;
  };
  const primary = (): Expr => {
    const t = peek();
    switch (t.t) {
      case 'num':
        p++;
        return { k: 'num', v: Number(t.v) };
      case 'str':
        p++;
        return { k: 'str', v: t.v };
      case 're':
        p++;
        return { k: 're', src: t.v };
      case '$': {
        p++;
        if (at('incr') || at('decr')) {
          const op = next().v as '++' | '--';
          return { k: 'field', e: { k: 'incdec', op, prefix: true, target: primary() } };
        }
        if (at('-')) {
          p++;
          return { k: 'field', e: { k: 'neg', e: primary() } };
        }
        return { k: 'field', e: primary() };
      }
      case '(': {
        p++;
        const saveGt = noGt;
        const saveIn = noIn;
        noGt = false;
        noIn = false;
        const e = expr();
        if (at(',')) {
          // (a, b) in arr
          const subs = [e];
          while (at(',')) {
            p++;
            subs.push(expr());
          }
          expect(')');
          noGt = saveGt;
          noIn = saveIn;
          expect('in');
          return { k: 'in', subs, name: expect('name').v };
        }
        expect(')');
        noGt = saveGt;
        noIn = saveIn;
        return { k: 'group', e };
      }
      case 'name': {
        p++;
        if (at('[')) {
          const subs = subscripts();
          return { k: 'index', name: t.v, subs };
        }
        return { k: 'var', name: t.v };
      }
      case 'funcname':
        p++;
        return { k: 'call', name: t.v, args: args() };
      case 'builtin': {
        p++;
        if (t.v === 'length' && !at('(')) return { k: 'builtin', name: 'length', args: [] };
        return { k: 'builtin', name: t.v, args: args() };
      }
      case 'getline': {
        p++;
        let target: Expr | undefined;
        if (at('name') || at('$')) target = postE();
        let file: Expr | undefined;
        if (at('<')) {
          p++;
          file = primary();
        }
        return { k: 'getline', target, file };
      }
      default:
        return err();
    }
  };
  // `cmd | getline [var]` binds after concatenation
  const exprWithPipeGetline = (): Expr => {
    let e = expr();
    while (at('|') && toks[p + 1]?.t === 'getline') {
      p += 2;
      let target: Expr | undefined;
      if (at('name') || at('$')) target = postE();
      e = { k: 'getline', target, cmd: e };
    }
    return e;
  };

  // ---- statements ----
  const simpleOrBlock = (): Stmt => {
    nls();
    return statement();
  };
  const printArgs = (): Expr[] => {
    const out: Expr[] = [];
    noGt = true;
    if (at('(')) {
      // print (a, b) > file  or print (a)(b)
      const save = p;
      p++;
      noGt = false;
      const first = expr();
      if (at(',') || at(')')) {
        const list = [first];
        while (at(',')) {
          p++;
          nls();
          list.push(expr());
        }
        expect(')');
        noGt = true;
        if (at(';') || at('nl') || at('}') || at('>') || at('>>') || at('|') || at('eof')) {
          noGt = false;
          return list;
        }
      }
      p = save;
      noGt = true;
    }
    if (!(at(';') || at('nl') || at('}') || at('>') || at('>>') || at('|') || at('eof'))) {
      out.push(expr());
      while (at(',')) {
        p++;
        nls();
        out.push(expr());
      }
    }
    noGt = false;
    return out;
  };
  const redirect = (): Redirect => {
    if (at('>') || at('>>') || at('|')) {
      const kind = next().t as '>' | '>>' | '|';
      return { kind, e: concatE() };
    }
    return undefined;
  };
  const simple = (): Stmt => {
    const t = peek();
    switch (t.t) {
      case 'print': {
        p++;
        const a = printArgs();
        return { k: 'print', args: a, redirect: redirect() };
      }
      case 'printf': {
        p++;
        const a = printArgs();
        if (a.length === 0) err();
        return { k: 'printf', args: a, redirect: redirect() };
      }
      case 'next':
      case 'nextfile':
      case 'break':
      case 'continue':
        p++;
        return { k: t.t };
      case 'exit': {
        p++;
        if (at(';') || at('nl') || at('}') || at('eof')) return { k: 'exit' };
        return { k: 'exit', e: expr() };
      }
      case 'return': {
        p++;
        if (at(';') || at('nl') || at('}') || at('eof')) return { k: 'return' };
        return { k: 'return', e: expr() };
      }
      case 'delete': {
        p++;
        const name = expect('name').v;
        if (at('[')) {
          const subs = subscripts();
          return { k: 'delete', name, subs };
        }
        return { k: 'delete', name };
      }
      default:
        return { k: 'expr', e: exprWithPipeGetline() };
    }
  };
  const endSimple = (): void => {
    if (at(';') || at('nl')) {
      p++;
      return;
    }
    if (at('}') || at('eof')) return;
    err();
  };
  const statement = (): Stmt => {
    const t = peek();
    switch (t.t) {
      case '{': {
        p++;
        const body = stmts();
        expect('}');
        return { k: 'block', body };
      }
      case 'if': {
        p++;
        expect('(');
        const c = expr();
        expect(')');
        const then = simpleOrBlock();
        // an else may follow newlines or a semicolon
        const save = p;
        terms();
        if (at('else')) {
          p++;
          return { k: 'if', c, then, else: simpleOrBlock() };
        }
        p = save;
        return { k: 'if', c, then };
      }
      case 'while': {
        p++;
        expect('(');
        const c = expr();
        expect(')');
        if (at(';')) {
          p++;
          return { k: 'while', c, body: { k: 'block', body: [] } };
        }
        return { k: 'while', c, body: simpleOrBlock() };
      }
      case 'do': {
        p++;
        const body = simpleOrBlock();
        terms();
        expect('while');
        expect('(');
        const c = expr();
        expect(')');
        endSimple();
        return { k: 'do', c, body };
      }
      case 'for': {
        p++;
        expect('(');
        if (at('name') && toks[p + 1]?.t === 'in' && toks[p + 2]?.t === 'name' && toks[p + 3]?.t === ')') {
          const v = next().v;
          p++;
          const arr = next().v;
          p++;
          return { k: 'forin', v, arr, body: simpleOrBlock() };
        }
        const init = at(';') ? undefined : simple();
        expect(';');
        nls();
        const c = at(';') ? undefined : expr();
        expect(';');
        nls();
        const step = at(')') ? undefined : simple();
        expect(')');
        if (at(';')) {
          p++;
          return { k: 'for', init, c, step, body: { k: 'block', body: [] } };
        }
        return { k: 'for', init, c, step, body: simpleOrBlock() };
      }
      case ';':
        p++;
        return { k: 'block', body: [] };
      default: {
        const s = simple();
        endSimple();
        return s;
      }
    }
  };
  const stmts = (): Stmt[] => {
    const out: Stmt[] = [];
    terms();
    while (!at('}') && !at('eof')) {
      out.push(statement());
      terms();
    }
    return out;
  };
  const action = (): Stmt[] => {
    expect('{');
    const body = stmts();
    if (at('eof')) throw new AwkSyntaxError(`line ${peek().line + (src.endsWith('\n') ? 0 : 1)}: missing } near end of file`);
    expect('}');
    return body;
  };

  const rules: Rule[] = [];
  terms();
  while (!at('eof')) {
    if (at('function')) {
      p++;
      const name = at('funcname') || at('name') ? next().v : err();
      expect('(');
      const params: string[] = [];
      while (!at(')')) {
        params.push(expect('name').v);
        if (at(',')) {
          p++;
          nls();
        }
      }
      p++;
      nls();
      funcs.set(name, { params, body: action() });
    } else if (at('BEGIN') || at('END')) {
      const which = next().t;
      nls();
      rules.push({ [which === 'BEGIN' ? 'begin' : 'end']: true, action: action() });
    } else {
      const rule: Rule = {};
      if (!at('{')) {
        rule.pattern = exprWithPipeGetline();
        if (at(',')) {
          p++;
          nls();
          rule.pattern2 = expr();
        }
      }
      if (at('{')) rule.action = action();
      rules.push(rule);
    }
    terms();
  }
  return { rules, funcs };
}
