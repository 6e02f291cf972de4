/**
 * test and [ as bash's builtins (bash's test.c algorithm: the POSIX rules for up to four
 * arguments, then -a/-o/!/( ) precedence). Errors end with status 2:
 * `[: missing `]'`, `[: too many arguments`, `[: x: integer expression expected`.
 */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { resolvePath } from '../../../engine/fs/path';
import type { Stat } from '../../../engine/fs/types';

class TestError extends Error {}

type Ctx = Pick<ProcessContext, 'fs' | 'cwd' | 'env' | 'user' | 'stdin' | 'stdout' | 'stderr'>;

const UNARY = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-n', '-p', '-r', '-s', '-t', '-u', '-w', '-x', '-z', '-G', '-L', '-N', '-O', '-S', '-o', '-v', '-R']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

function toInt(s: string): bigint {
  const t = s.trim();
  if (!/^[+-]?\d+$/.test(t)) throw new TestError(`${s}: integer expression expected`);
  return BigInt(t);
}

function evalTest(ctx: Ctx, argv: string[]): boolean {
  const stat = (p: string, follow = true): Stat | undefined => {
    try {
      const full = resolvePath(ctx.cwd, p);
      return follow ? ctx.fs.stat(full) : ctx.fs.lstat(full);
    } catch {
      return undefined;
    }
  };
  const perm = (st: Stat | undefined, bit: number): boolean => {
    if (!st) return false;
    const u = ctx.user;
    if (u.uid === 0) return bit !== 1 || (st.mode & 0o111) !== 0 || st.type === 'dir';
    if (st.uid === u.uid) return ((st.mode >> 6) & bit) !== 0;
    if (st.gid === u.gid || u.groups.includes(st.gid)) return ((st.mode >> 3) & bit) !== 0;
    return (st.mode & bit) !== 0;
  };
  const unary = (op: string, arg: string): boolean => {
    switch (op) {
      case '-n': return arg.length > 0;
      case '-z': return arg.length === 0;
      case '-e': case '-a': return stat(arg) !== undefined;
      case '-f': return stat(arg)?.type === 'file';
      case '-d': return stat(arg)?.type === 'dir';
      case '-h': case '-L': return stat(arg, false)?.type === 'symlink';
      case '-c': return stat(arg)?.type === 'chardev';
      case '-b': case '-p': case '-S': return false;
      case '-s': return (stat(arg)?.size ?? 0) > 0 && stat(arg)?.type !== undefined;
      case '-r': return perm(stat(arg), 4);
      case '-w': return perm(stat(arg), 2);
      case '-x': return perm(stat(arg), 1);
      case '-u': return ((stat(arg)?.mode ?? 0) & 0o4000) !== 0;
      case '-g': return ((stat(arg)?.mode ?? 0) & 0o2000) !== 0;
      case '-k': return ((stat(arg)?.mode ?? 0) & 0o1000) !== 0;
      case '-O': return stat(arg)?.uid === ctx.user.uid;
      case '-G': return stat(arg)?.gid === ctx.user.gid;
      case '-N': return stat(arg) !== undefined;
      case '-t': {
        const fd = Number(arg);
        return fd === 0 ? ctx.stdin.isTTY : fd === 1 ? ctx.stdout.isTTY : fd === 2 ? ctx.stderr.isTTY : false;
      }
      case '-v': case '-R': return ctx.env.has(arg);
      case '-o': return false;
      default: throw new TestError(`${op}: unary operator expected`);
    }
  };
  const binary = (a: string, op: string, b: string): boolean => {
    switch (op) {
      case '=': case '==': return a === b;
      case '!=': return a !== b;
      case '<': return a < b;
      case '>': return a > b;
      case '-eq': return toInt(a) === toInt(b);
      case '-ne': return toInt(a) !== toInt(b);
      case '-lt': return toInt(a) < toInt(b);
      case '-le': return toInt(a) <= toInt(b);
      case '-gt': return toInt(a) > toInt(b);
      case '-ge': return toInt(a) >= toInt(b);
      case '-nt': { const x = stat(a); const y = stat(b); return !!x && (!y || x.mtime > y.mtime); }
      case '-ot': { const x = stat(a); const y = stat(b); return !!y && (!x || x.mtime < y.mtime); }
      case '-ef': { const x = stat(a); const y = stat(b); return !!x && !!y && x.ino === y.ino; }
      default: throw new TestError(`${op}: binary operator expected`);
    }
  };
  // full expression parser
  let pos = 0;
  const argc = argv.length;
  const expr = (): boolean => {
    let v = and();
    while (pos < argc && argv[pos] === '-o') {
      pos++;
      const r = and();
      v = v || r;
    }
    return v;
  };
  const and = (): boolean => {
    let v = term();
    while (pos < argc && argv[pos] === '-a') {
      pos++;
      const r = term();
      v = v && r;
    }
    return v;
  };
  const term = (): boolean => {
    if (pos >= argc) throw new TestError('argument expected');
    const t = argv[pos]!;
    if (t === '!') {
      pos++;
      return !term();
    }
    if (t === '(') {
      pos++;
      const v = expr();
      if (argv[pos] !== ')') throw new TestError("`)' expected");
      pos++;
      return v;
    }
    if (pos + 2 < argc + 0 && BINARY.has(argv[pos + 1]!)) {
      const v = binary(t, argv[pos + 1]!, argv[pos + 2]!);
      pos += 3;
      return v;
    }
    if (UNARY.has(t) && pos + 1 < argc) {
      pos += 2;
      return unary(t, argv[pos - 1]!);
    }
    pos++;
    return t.length > 0;
  };
  const twoArgs = (a: string, b: string): boolean => {
    if (a === '!') return b.length === 0;
    if (UNARY.has(a)) return unary(a, b);
    throw new TestError(`${a}: unary operator expected`);
  };
  const threeArgs = (a: string, b: string, c: string): boolean => {
    if (BINARY.has(b)) return binary(a, b, c);
    if (b === '-a') return a.length > 0 && c.length > 0;
    if (b === '-o') return a.length > 0 || c.length > 0;
    if (a === '!') return !twoArgs(b, c);
    if (a === '(' && c === ')') return b.length > 0;
    throw new TestError(`${b}: binary operator expected`);
  };
  switch (argc) {
    case 0: return false;
    case 1: return argv[0]!.length > 0;
    case 2: return twoArgs(argv[0]!, argv[1]!);
    case 3: return threeArgs(argv[0]!, argv[1]!, argv[2]!);
    case 4:
      if (argv[0] === '!') return !threeArgs(argv[1]!, argv[2]!, argv[3]!);
      if (argv[0] === '(' && argv[3] === ')') return twoArgs(argv[1]!, argv[2]!);
      break;
    default:
      break;
  }
  const v = expr();
  if (pos < argc) throw new TestError('too many arguments');
  return v;
}

/**
 * The builtin for the shell: `name` is "test" or "["; `errPrefix` is what bash puts before the
 * builtin's name in messages ("bash: ", "bash: line 3: ").
 */
export async function testBuiltin(ctx: Ctx, name: 'test' | '[', args: readonly string[], errPrefix = ''): Promise<number> {
  let argv = [...args];
  if (name === '[') {
    if (argv[argv.length - 1] !== ']') {
      await ctx.stderr.write(`${errPrefix}[: missing \`]'\n`);
      return 2;
    }
    argv = argv.slice(0, -1);
  }
  try {
    return evalTest(ctx, argv) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) {
      await ctx.stderr.write(`${errPrefix}${name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

export const testInfo: ProgramInfo = { name: 'test', program: (ctx) => testBuiltin(ctx, 'test', ctx.argv.slice(1)) };
export const bracketInfo: ProgramInfo = { name: '[', program: (ctx) => testBuiltin(ctx, '[', ctx.argv.slice(1)) };
