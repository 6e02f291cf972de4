/** `[[ ... ]]` and the `test` / `[` builtin, with bash's messages. */
import { resolvePath } from '../../engine/fs/path';
import type { Stat } from '../../engine/fs/types';
import type { TestExpr, Word } from '../syntax/ast';
import { ArithError } from './arith';
import { expandPattern, expandString } from './expand';
import { matchPattern } from './pattern';
import type { Shell } from './shell';
import { VarError } from './vars';

const UNARY = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-p', '-r', '-s', '-t', '-u', '-w', '-x', '-G', '-L', '-N', '-O', '-S', '-z', '-n', '-o', '-v', '-R']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

function statOf(sh: Shell, p: string, follow = true): Stat | undefined {
  if (p === '') return undefined;
  try {
    const abs = resolvePath(sh.cwd, p);
    return follow ? sh.fs.stat(abs) : sh.fs.lstat(abs);
  } catch {
    return undefined;
  }
}

function access(sh: Shell, st: Stat, bit: number): boolean {
  const uid = sh.ctx.user.uid;
  if (uid === 0) return bit !== 1 || (st.mode & 0o111) !== 0 || st.type === 'dir';
  if (st.uid === uid) return ((st.mode >> 6) & bit) !== 0;
  if (sh.ctx.user.groups.includes(st.gid) || sh.ctx.user.gid === st.gid) return ((st.mode >> 3) & bit) !== 0;
  return (st.mode & bit) !== 0;
}

export function unaryTest(sh: Shell, op: string, arg: string): boolean {
  switch (op) {
    case '-z':
      return arg === '';
    case '-n':
      return arg !== '';
    case '-e':
    case '-a':
      return statOf(sh, arg) !== undefined;
    case '-f':
      return statOf(sh, arg)?.type === 'file';
    case '-d':
      return statOf(sh, arg)?.type === 'dir';
    case '-h':
    case '-L':
      return statOf(sh, arg, false)?.type === 'symlink';
    case '-s':
      return (statOf(sh, arg)?.size ?? 0) > 0;
    case '-c':
      return statOf(sh, arg)?.type === 'chardev';
    case '-b':
    case '-p':
    case '-S':
      return false;
    case '-r':
    case '-w':
    case '-x': {
      const st = statOf(sh, arg);
      if (!st) return false;
      return access(sh, st, op === '-r' ? 4 : op === '-w' ? 2 : 1);
    }
    case '-g':
      return ((statOf(sh, arg)?.mode ?? 0) & 0o2000) !== 0;
    case '-u':
      return ((statOf(sh, arg)?.mode ?? 0) & 0o4000) !== 0;
    case '-k':
      return ((statOf(sh, arg)?.mode ?? 0) & 0o1000) !== 0;
    case '-O':
      return statOf(sh, arg)?.uid === sh.ctx.user.uid;
    case '-G':
      return statOf(sh, arg)?.gid === sh.ctx.user.gid;
    case '-N':
      return statOf(sh, arg) !== undefined;
    case '-t': {
      const fd = Number(arg);
      const e = sh.fds.get(fd);
      return !!(e?.read?.isTTY || e?.write?.isTTY);
    }
    case '-o':
      return (sh.options as unknown as Record<string, boolean>)[arg] === true;
    case '-v': {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(.*)\])?$/.exec(arg);
      if (!m) return false;
      const v = sh.getVar(m[1]!);
      if (!v) return false;
      if (m[2] === undefined) return v.v.kind === 'scalar' ? v.v.value !== undefined : v.v.value.size > 0;
      if (v.v.kind === 'assoc') return v.v.value.has(m[2]);
      if (v.v.kind === 'indexed') return v.v.value.has(Number(m[2]));
      return m[2] === '0' && v.v.value !== undefined;
    }
    case '-R':
      return false;
    default:
      return false;
  }
}

/** Integer operand of `test -eq`: bash's rules (blanks allowed, optional sign). */
function testInt(s: string): bigint | undefined {
  const t = s.trim();
  if (!/^[-+]?[0-9]+$/.test(t)) return undefined;
  return BigInt.asIntN(64, BigInt(t));
}

function compareFiles(sh: Shell, op: string, a: string, b: string): boolean {
  const sa = statOf(sh, a);
  const sb = statOf(sh, b);
  switch (op) {
    case '-nt':
      return !!sa && (!sb || sa.mtime > sb.mtime);
    case '-ot':
      return !!sb && (!sa || sa.mtime < sb.mtime);
    default:
      return !!sa && !!sb && sa.ino === sb.ino;
  }
}

function intCompare(op: string, a: bigint, b: bigint): boolean {
  switch (op) {
    case '-eq': return a === b;
    case '-ne': return a !== b;
    case '-lt': return a < b;
    case '-le': return a <= b;
    case '-gt': return a > b;
    default: return a >= b;
  }
}

// ------------------------------------------------------------------ [[ ]]

class TestError {
  constructor(readonly status: number) {}
}

export async function evalTestExpr(sh: Shell, e: TestExpr): Promise<number> {
  try {
    return (await evalNode(sh, e)) ? 0 : 1;
  } catch (err) {
    if (err instanceof TestError) return err.status;
    throw err;
  }
}

async function str(sh: Shell, w: Word): Promise<string> {
  return expandString(sh, w, {});
}

async function evalNode(sh: Shell, e: TestExpr): Promise<boolean> {
  switch (e.type) {
    case 'TestWord':
      return (await str(sh, e.word)) !== '';
    case 'TestNot':
      return !(await evalNode(sh, e.expr));
    case 'TestAnd':
      return (await evalNode(sh, e.left)) && (await evalNode(sh, e.right));
    case 'TestOr':
      return (await evalNode(sh, e.left)) || (await evalNode(sh, e.right));
    case 'TestParen':
      return evalNode(sh, e.expr);
    case 'TestUnary':
      return unaryTest(sh, e.op, await str(sh, e.arg));
    case 'TestBinary': {
      const op = e.op;
      const left = await str(sh, e.left);
      if (op === '==' || op === '=' || op === '!=') {
        const pat = await expandPattern(sh, e.right);
        const m = matchPattern(pat, left, sh.shopts.get('nocasematch') ?? false);
        return op === '!=' ? !m : m;
      }
      if (op === '=~') {
        const src = await regexSource(sh, e.right);
        let re: RegExp;
        try {
          re = new RegExp(src, sh.shopts.get('nocasematch') ? 'i' : '');
        } catch {
          throw new TestError(2);
        }
        const m = re.exec(left);
        if (!m) {
          sh.setArray('BASH_REMATCH', []);
          return false;
        }
        sh.setArray('BASH_REMATCH', [...m].map((x) => x ?? ''));
        return true;
      }
      const right = await str(sh, e.right);
      if (op === '<') return left < right;
      if (op === '>') return left > right;
      if (op === '-nt' || op === '-ot' || op === '-ef') return compareFiles(sh, op, left, right);
      try {
        const a = sh.arith(left);
        const b = sh.arith(right);
        return intCompare(op, a, b);
      } catch (err) {
        if (err instanceof ArithError || err instanceof VarError) {
          await sh.error(err.message);
          throw new TestError(1);
        }
        throw err;
      }
    }
  }
}

/** The right side of `=~`: quoted parts match literally; POSIX classes become JS classes. */
async function regexSource(sh: Shell, w: Word): Promise<string> {
  let src = '';
  for (const p of w.parts) {
    if (p.type === 'Literal') src += p.value;
    else if (p.type === 'Param' || p.type === 'CommandSubst' || p.type === 'ArithSubst') {
      src += await expandString(sh, { type: 'Word', parts: [p], text: '' }, {});
    } else {
      const t = await expandString(sh, { type: 'Word', parts: [p], text: '' }, {});
      src += t.replace(/[\\^$.*+?()[\]{}|]/g, (c) => `\\${c}`);
    }
  }
  return src
    .replace(/\[:alpha:\]/g, 'A-Za-z')
    .replace(/\[:digit:\]/g, '0-9')
    .replace(/\[:alnum:\]/g, 'A-Za-z0-9')
    .replace(/\[:upper:\]/g, 'A-Z')
    .replace(/\[:lower:\]/g, 'a-z')
    .replace(/\[:space:\]/g, '\\s')
    .replace(/\[:blank:\]/g, ' \\t')
    .replace(/\[:punct:\]/g, '!-\\/:-@\\[-`{-~')
    .replace(/\[:xdigit:\]/g, '0-9A-Fa-f');
}

// ------------------------------------------------------------------ test / [

/** The `test` and `[` builtins. */
export async function testBuiltin(sh: Shell, argv: string[]): Promise<number> {
  const name = argv[0]!;
  let args = argv.slice(1);
  if (name === '[') {
    if (args[args.length - 1] !== ']') {
      await sh.builtinError('[', "missing `]'");
      return 2;
    }
    args = args.slice(0, -1);
  }
  const fail = async (msg: string): Promise<never> => {
    await sh.builtinError(name, msg);
    throw new TestError(2);
  };
  const binary = async (a: string, op: string, b: string): Promise<boolean> => {
    switch (op) {
      case '=':
      case '==':
        return a === b;
      case '!=':
        return a !== b;
      case '<':
        return a < b;
      case '>':
        return a > b;
      case '-nt':
      case '-ot':
      case '-ef':
        return compareFiles(sh, op, a, b);
      default: {
        const bad = (v: string) => (sh.dialect === 'bash' ? `${v}: integer expression expected` : `Illegal number: ${v}`);
        const x = testInt(a);
        if (x === undefined) return fail(bad(a));
        const y = testInt(b);
        if (y === undefined) return fail(bad(b));
        return intCompare(op, x, y);
      }
    }
  };
  // Recursive-descent over args, POSIX rules for 0..4 arguments first.
  let pos = 0;
  const peek = () => args[pos];
  const expr = async (): Promise<boolean> => {
    let v = await andExpr();
    while (peek() === '-o') {
      pos++;
      const r = await andExpr();
      v = v || r;
    }
    return v;
  };
  const andExpr = async (): Promise<boolean> => {
    let v = await term();
    while (peek() === '-a') {
      pos++;
      const r = await term();
      v = v && r;
    }
    return v;
  };
  const term = async (): Promise<boolean> => {
    const a = peek();
    if (a === undefined) return fail('argument expected');
    if (a === '!') {
      pos++;
      return !(await term());
    }
    if (a === '(') {
      pos++;
      const v = await expr();
      if (peek() !== ')') return fail("`)' expected");
      pos++;
      return v;
    }
    const next = args[pos + 1];
    if (next !== undefined && BINARY.has(next) && args[pos + 2] !== undefined) {
      pos += 3;
      return binary(a, next, args[pos - 1]!);
    }
    if (UNARY.has(a) && next !== undefined) {
      pos += 2;
      return unaryTest(sh, a, next);
    }
    if (UNARY.has(a) && next === undefined && args.length > 1) return fail(`${a}: unary operator expected`);
    pos++;
    return a !== '';
  };
  try {
    let result: boolean;
    const n = args.length;
    if (n === 0) result = false;
    else if (n === 1) result = args[0] !== '';
    else if (n === 2) {
      if (args[0] === '!') result = args[1] === '';
      else if (UNARY.has(args[0]!)) result = unaryTest(sh, args[0]!, args[1]!);
      else return await fail(`${args[0]}: unary operator expected`);
    } else if (n === 3 && BINARY.has(args[1]!)) {
      result = await binary(args[0]!, args[1]!, args[2]!);
    } else if (n === 3 && args[0] === '!') {
      pos = 1;
      result = !(await term());
      if (pos < n) return await fail('too many arguments');
    } else if (n === 3 && args[0] === '(' && args[2] === ')') {
      result = args[1] !== '';
    } else if (n === 3 && args[1] !== '-a' && args[1] !== '-o') {
      return await fail(`${args[1]}: binary operator expected`);
    } else {
      result = await expr();
      if (pos < n) {
        if (n === 3 || (pos > 0 && !['-a', '-o'].includes(args[pos]!))) return await fail('too many arguments');
        return await fail('too many arguments');
      }
    }
    return result ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) return e.status;
    throw e;
  }
}

/** The `set -x` line of a `[[ ]]` command: operands expanded, as bash prints them. */
export async function traceTestExpr(sh: Shell, e: TestExpr): Promise<string> {
  switch (e.type) {
    case 'TestWord':
      return str(sh, e.word);
    case 'TestNot':
      return `! ${await traceTestExpr(sh, e.expr)}`;
    case 'TestAnd':
      return `${await traceTestExpr(sh, e.left)} && ${await traceTestExpr(sh, e.right)}`;
    case 'TestOr':
      return `${await traceTestExpr(sh, e.left)} || ${await traceTestExpr(sh, e.right)}`;
    case 'TestParen':
      return `( ${await traceTestExpr(sh, e.expr)} )`;
    case 'TestUnary':
      return `${e.op} ${await str(sh, e.arg)}`;
    case 'TestBinary':
      return `${await str(sh, e.left)} ${e.op} ${e.op === '==' || e.op === '!=' || e.op === '=' ? await expandPattern(sh, e.right) : await str(sh, e.right)}`;
  }
}
