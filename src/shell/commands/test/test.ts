/**
 * test and [ as bash's builtins (bash's test.c algorithm: the POSIX rules for up to four
 * arguments, then -a/-o/!/( ) precedence). Errors end with status 2:
 * `[: missing `]'`, `[: too many arguments`, `[: x: integer expression expected`.
 *
 * The shell's builtins and `[[ ]]` (src/shell/interp/test.ts) use the same operators through a
 * `TestEnv`; the programs here give it the process's view and print messages without a prefix.
 */
import { resolvePath } from '../../../engine/fs/path';
import type { FileSystem, Stat } from '../../../engine/fs/types';
import type { Credentials, ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';

/** What the file and shell operators look at. */
export interface TestEnv {
  readonly fs: FileSystem;
  readonly cwd: string;
  readonly user: Credentials;
  /** `-t fd` */
  isTTY(fd: number): boolean;
  /** `-o name`: a shell option is on. */
  optionOn(name: string): boolean;
  /** `-v name`: a variable (or array element) is set. */
  isSet(name: string): boolean;
}

export const UNARY = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-p', '-r', '-s', '-t', '-u', '-w', '-x', '-G', '-L', '-N', '-O', '-S', '-z', '-n', '-o', '-v', '-R']);
export const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

function statOf(env: TestEnv, p: string, follow = true): Stat | undefined {
  if (p === '') return undefined;
  try {
    const abs = resolvePath(env.cwd, p);
    return follow ? env.fs.stat(abs) : env.fs.lstat(abs);
  } catch {
    return undefined;
  }
}

function access(user: Credentials, st: Stat, bit: number): boolean {
  if (user.uid === 0) return bit !== 1 || (st.mode & 0o111) !== 0 || st.type === 'dir';
  if (st.uid === user.uid) return ((st.mode >> 6) & bit) !== 0;
  if (user.groups.includes(st.gid) || user.gid === st.gid) return ((st.mode >> 3) & bit) !== 0;
  return (st.mode & bit) !== 0;
}

/** A unary operator of `test` and `[[ ]]` (`op` is one of UNARY). */
export function unaryTest(env: TestEnv, op: string, arg: string): boolean {
  switch (op) {
    case '-z':
      return arg === '';
    case '-n':
      return arg !== '';
    case '-e':
    case '-a':
    case '-N':
      return statOf(env, arg) !== undefined;
    case '-f':
      return statOf(env, arg)?.type === 'file';
    case '-d':
      return statOf(env, arg)?.type === 'dir';
    case '-h':
    case '-L':
      return statOf(env, arg, false)?.type === 'symlink';
    case '-s':
      return (statOf(env, arg)?.size ?? 0) > 0;
    case '-c':
      return statOf(env, arg)?.type === 'chardev';
    case '-r':
    case '-w':
    case '-x': {
      const st = statOf(env, arg);
      return !!st && access(env.user, st, op === '-r' ? 4 : op === '-w' ? 2 : 1);
    }
    case '-g':
      return ((statOf(env, arg)?.mode ?? 0) & 0o2000) !== 0;
    case '-u':
      return ((statOf(env, arg)?.mode ?? 0) & 0o4000) !== 0;
    case '-k':
      return ((statOf(env, arg)?.mode ?? 0) & 0o1000) !== 0;
    case '-O':
      return statOf(env, arg)?.uid === env.user.uid;
    case '-G':
      return statOf(env, arg)?.gid === env.user.gid;
    case '-t':
      return env.isTTY(Number(arg));
    case '-o':
      return env.optionOn(arg);
    case '-v':
      return env.isSet(arg);
    default: // -b -p -S -R
      return false;
  }
}

/** `-nt`, `-ot`, `-ef`. */
export function compareFiles(env: TestEnv, op: string, a: string, b: string): boolean {
  const sa = statOf(env, a);
  const sb = statOf(env, b);
  switch (op) {
    case '-nt':
      return !!sa && (!sb || sa.mtime > sb.mtime);
    case '-ot':
      return !!sb && (!sa || sa.mtime < sb.mtime);
    default:
      return !!sa && !!sb && sa.ino === sb.ino;
  }
}

/** `-eq` ... `-ge` on integers. */
export function intCompare(op: string, a: bigint, b: bigint): boolean {
  switch (op) {
    case '-eq': return a === b;
    case '-ne': return a !== b;
    case '-lt': return a < b;
    case '-le': return a <= b;
    case '-gt': return a > b;
    default: return a >= b;
  }
}

/** Integer operand of `test -eq`: bash's rules (blanks allowed, optional sign). */
function testInt(s: string): bigint | undefined {
  const t = s.trim();
  if (!/^[-+]?[0-9]+$/.test(t)) return undefined;
  return BigInt.asIntN(64, BigInt(t));
}

class TestError {
  constructor(readonly message: string) {}
}

export interface TestResult {
  readonly status: number;
  /** The message after `name: ` when the status is 2. */
  readonly error?: string;
}

/**
 * `test args...` / `[ args... ]` (with the closing `]`). `dialect` picks the words of dash's
 * messages where they differ from bash's.
 */
export function runTest(env: TestEnv, name: string, argv: readonly string[], dialect: 'bash' | 'dash' = 'bash'): TestResult {
  let args = argv;
  if (name === '[') {
    if (args[args.length - 1] !== ']') return { status: 2, error: "missing `]'" };
    args = args.slice(0, -1);
  }
  try {
    return { status: evalTest(env, args, dialect) ? 0 : 1 };
  } catch (e) {
    if (e instanceof TestError) return { status: 2, error: e.message };
    throw e;
  }
}

function evalTest(env: TestEnv, argv: readonly string[], dialect: string): boolean {
  const binary = (a: string, op: string, b: string): boolean => {
    switch (op) {
      case '=': case '==': return a === b;
      case '!=': return a !== b;
      case '<': return a < b;
      case '>': return a > b;
      case '-nt': case '-ot': case '-ef': return compareFiles(env, op, a, b);
      default: {
        const int = (v: string): bigint => {
          const n = testInt(v);
          if (n === undefined) throw new TestError(dialect === 'bash' ? `${v}: integer expression expected` : `Illegal number: ${v}`);
          return n;
        };
        const x = int(a);
        return intCompare(op, x, int(b));
      }
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
    if (pos + 2 < argc && BINARY.has(argv[pos + 1]!)) {
      pos += 3;
      return binary(t, argv[pos - 2]!, argv[pos - 1]!);
    }
    if (UNARY.has(t)) {
      if (pos + 1 < argc) {
        pos += 2;
        return unaryTest(env, t, argv[pos - 1]!);
      }
      if (argc > 1) throw new TestError(`${t}: unary operator expected`);
    }
    pos++;
    return t.length > 0;
  };
  const twoArgs = (a: string, b: string): boolean => {
    if (a === '!') return b.length === 0;
    if (UNARY.has(a)) return unaryTest(env, a, b);
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

type Ctx = Pick<ProcessContext, 'fs' | 'cwd' | 'env' | 'user' | 'stdin' | 'stdout' | 'stderr' | 'argv'>;

/** The programs: the process's files and terminal; `-v` looks at the environment. */
async function testProgram(ctx: Ctx, name: 'test' | '['): Promise<number> {
  const env: TestEnv = {
    fs: ctx.fs,
    cwd: ctx.cwd,
    user: ctx.user,
    isTTY: (fd) => (fd === 0 ? ctx.stdin.isTTY : fd === 1 ? ctx.stdout.isTTY : fd === 2 ? ctx.stderr.isTTY : false),
    optionOn: () => false,
    isSet: (n) => ctx.env.has(n),
  };
  const r = runTest(env, name, ctx.argv.slice(1));
  if (r.error !== undefined) await ctx.stderr.write(`${name}: ${r.error}\n`);
  return r.status;
}

export const testInfo: ProgramInfo = { name: 'test', program: (ctx) => testProgram(ctx, 'test') };
export const bracketInfo: ProgramInfo = { name: '[', program: (ctx) => testProgram(ctx, '[') };
