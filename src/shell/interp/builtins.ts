/** Shell builtins, with bash's messages and usage lines. */
import { CancelToken } from '../../engine/core/cancel';
import { isSysError } from '../../engine/core/errors';
import { resolvePath, normalizePath } from '../../engine/fs/path';
import { parseSignal, signalNumber, type Signal } from '../../engine/runtime/signals';
import { concatBytes, type ReadStream } from '../../engine/runtime/streams';
import type { FunctionDef } from '../syntax/ast';
import { ArithError } from './arith';
import { BreakLoop, ContinueLoop, ExitShell, Interrupted, ReturnFromFunction } from './errors';
import { echoText, latin1Aware, unrawBytes } from '../commands/echo/echo';
import { printfFormat } from '../commands/printf/printf';
import type { Builtin, Shell, ShellOptions } from './shell';
import { optionDisplayName, SET_O_NAMES, SHORT_OPTIONS, xquote } from './shell';
import { testBuiltin } from './test';
import { declareLine, VarError, varScalar, type Var } from './vars';

export const KEYWORDS = ['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', '{', '}', '!', '[[', ']]', 'coproc'];

/** POSIX special builtins: assignments before them persist (in dash/ash). */
export const SPECIAL_BUILTINS = new Set(['break', ':', '.', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'times', 'trap', 'unset']);

const USAGE: Record<string, string> = {
  cd: 'cd [-L|[-P [-e]] [-@]] [dir]',
  pwd: 'pwd [-LP]',
  export: 'export [-fn] [name[=value] ...] or export -p',
  readonly: 'readonly [-aAf] [name[=value] ...] or readonly -p',
  declare: 'declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]',
  typeset: 'typeset [-aAfFgiIlnrtux] name[=value] ... or typeset -p [-aAfFilnrtux] [name ...]',
  local: 'local [option] name[=value] ...',
  unset: 'unset [-f] [-v] [-n] [name ...]',
  read: 'read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]',
  type: 'type [-afptP] name [name ...]',
  command: 'command [-pVv] command [arg ...]',
  kill: 'kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]',
  trap: 'trap [-lp] [[arg] signal_spec ...]',
  jobs: 'jobs [-lnprs] [jobspec ...] or jobs -x command [args]',
  wait: 'wait [-fn] [-p var] [id ...]',
  history: 'history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]',
  alias: 'alias [-p] [name[=value] ... ]',
  unalias: 'unalias [-a] name [name ...]',
  shift: 'shift [n]',
  set: 'set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]',
  source: 'source filename [arguments]',
  '.': '. filename [arguments]',
  getopts: 'getopts optstring name [arg ...]',
  umask: 'umask [-p] [-S] [mode]',
  hash: 'hash [-lr] [-p pathname] [-dt] [name ...]',
  shopt: 'shopt [-pqsu] [-o] [optname ...]',
  exec: 'exec [-cl] [-a name] [command [argument ...]] [redirection ...]',
  fg: 'fg [job_spec]',
  bg: 'bg [job_spec ...]',
  disown: 'disown [-h] [-ar] [jobspec ... | pid ...]',
  printf: 'printf [-v var] format [arguments]',
  mapfile: 'mapfile [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]',
  readarray: 'readarray [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]',
  let: 'let arg [arg ...]',
  builtin: 'builtin [shell-builtin [arg ...]]',
  eval: 'eval [arg ...]',
  exit: 'exit [n]',
  return: 'return [n]',
  break: 'break [n]',
  continue: 'continue [n]',
  echo: 'echo [-neE] [arg ...]',
  pushd: 'pushd [-n] [+N | -N | dir]',
  popd: 'popd [-n] [+N | -N]',
  dirs: 'dirs [-clpv] [+N] [-N]',
};

async function usage(sh: Shell, name: string): Promise<number> {
  await sh.err(`${name}: usage: ${USAGE[name] ?? name}\n`);
  return 2;
}

async function invalidOption(sh: Shell, name: string, opt: string): Promise<number> {
  await sh.builtinError(name, `${opt}: invalid option`);
  return usage(sh, name);
}

/** Splits leading `-abc` options; returns flags and the rest. `valued` options take an argument. */
async function parseOpts(
  sh: Shell,
  name: string,
  args: string[],
  allowed: string,
  valued = '',
  plus = false,
): Promise<{ flags: Map<string, string | true>; plusFlags: Set<string>; rest: string[] } | number> {
  const flags = new Map<string, string | true>();
  const plusFlags = new Set<string>();
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!((a.startsWith('-') || (plus && a.startsWith('+'))) && a.length > 1)) break;
    const isPlus = a.startsWith('+');
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      if (valued.includes(c)) {
        let v = a.slice(k + 1);
        if (v === '') {
          i++;
          if (i >= args.length) {
            await sh.builtinError(name, `-${c}: option requires an argument`);
            return usage(sh, name);
          }
          v = args[i]!;
        }
        flags.set(c, v);
        break;
      }
      if (!allowed.includes(c)) return invalidOption(sh, name, `${isPlus ? '+' : '-'}${c}`);
      if (isPlus) plusFlags.add(c);
      else flags.set(c, true);
    }
  }
  return { flags, plusFlags, rest: args.slice(i) };
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

// ------------------------------------------------------------------ simple ones

const colon: Builtin = () => Promise.resolve(0);
const falseB: Builtin = () => Promise.resolve(1);

const echo: Builtin = async (sh, argv) => {
  await sh.out(latin1Aware(echoText(argv.slice(1), { posix: sh.dialect !== 'bash', escapes: sh.shopts.get('xpg_echo') ?? false })));
  return 0;
};

const printf: Builtin = async (sh, argv) => {
  let args = argv.slice(1);
  let varName: string | undefined;
  if (args[0] === '-v') {
    varName = args[1];
    if (varName === undefined) {
      await sh.builtinError('printf', '-v: option requires an argument');
      return usage(sh, 'printf');
    }
    args = args.slice(2);
  } else if (args[0] === '--') args = args.slice(1);
  else if (args[0]?.startsWith('-') && args[0].length > 1 && args[0] !== '-') {
    return invalidOption(sh, 'printf', args[0].slice(0, 2));
  }
  if (args.length === 0) return usage(sh, 'printf');
  const r = printfFormat(args[0]!, args.slice(1));
  for (const e of r.errors) await sh.builtinError('printf', e);
  if (varName !== undefined) {
    try {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(.*)\])?$/.exec(varName);
      if (!m) {
        await sh.builtinError('printf', `\`${varName}': not a valid identifier`);
        return 2;
      }
      sh.setVar(m[1]!, unrawBytes(r.out), { index: m[2] });
    } catch (e) {
      if (e instanceof VarError) {
        await sh.error(e.message);
        return 1;
      }
      throw e;
    }
  } else await sh.out(latin1Aware(r.out));
  return r.status;
};

const pwd: Builtin = async (sh, argv) => {
  const o = await parseOpts(sh, 'pwd', argv.slice(1), 'LP');
  if (typeof o === 'number') return o;
  let p = sh.getScalar('PWD') ?? sh.cwd;
  if (o.flags.has('P') || p !== sh.cwd) {
    try {
      p = o.flags.has('P') ? sh.fs.realpath(sh.cwd) : sh.cwd;
    } catch {
      p = sh.cwd;
    }
  }
  await sh.out(`${p}\n`);
  return 0;
};

const cd: Builtin = async (sh, argv) => {
  const o = await parseOpts(sh, 'cd', argv.slice(1), 'LPe@');
  if (typeof o === 'number') return o;
  const args = o.rest;
  if (args.length > 1) {
    await sh.builtinError('cd', 'too many arguments');
    return 1;
  }
  let target = args[0];
  let print = false;
  if (target === undefined) {
    target = sh.getScalar('HOME');
    if (target === undefined) {
      await sh.builtinError('cd', 'HOME not set');
      return 1;
    }
  } else if (target === '-') {
    target = sh.getScalar('OLDPWD');
    if (target === undefined) {
      await sh.builtinError('cd', 'OLDPWD not set');
      return 1;
    }
    print = true;
  }
  if (target === '') return 0;
  let dest: string | undefined;
  const cdpath = sh.getScalar('CDPATH');
  if (cdpath && !target.startsWith('/') && !target.startsWith('.')) {
    for (const dir of cdpath.split(':')) {
      const cand = resolvePath(sh.cwd, `${dir || '.'}/${target}`);
      if (isDir(sh, cand)) {
        dest = cand;
        if (dir) print = true;
        break;
      }
    }
  }
  const logicalBase = sh.getScalar('PWD') ?? sh.cwd;
  dest ??= normalizePath(target.startsWith('/') ? target : `${logicalBase}/${target}`);
  try {
    const st = sh.fs.stat(dest);
    if (st.type !== 'dir') {
      await sh.builtinError('cd', `${args[0] ?? target}: Not a directory`);
      return 1;
    }
    // Search permission on the directory.
    if (sh.ctx.user.uid !== 0) {
      const uid = sh.ctx.user.uid;
      const bit = st.uid === uid ? (st.mode >> 6) & 1 : sh.ctx.user.groups.includes(st.gid) || st.gid === sh.ctx.user.gid ? (st.mode >> 3) & 1 : st.mode & 1;
      if (!bit) {
        await sh.builtinError('cd', `${args[0] ?? target}: Permission denied`);
        return 1;
      }
    }
  } catch (e) {
    if (isSysError(e)) {
      if (sh.dialect === 'dash') {
        await sh.builtinError('cd', `can't cd to ${args[0] ?? target}`);
        return 2;
      }
      if (sh.dialect === 'ash') {
        await sh.builtinError('cd', `can't cd to ${args[0] ?? target}: ${e.strerror}`);
        return 1;
      }
      await sh.builtinError('cd', `${args[0] ?? target}: ${e.strerror}`);
      return 1;
    }
    throw e;
  }
  if (o.flags.has('P')) {
    try {
      dest = sh.fs.realpath(dest);
    } catch {
      // keep
    }
  }
  const old = sh.getScalar('PWD') ?? sh.cwd;
  sh.ctx.cwd = dest;
  try {
    sh.setVar('OLDPWD', old);
    sh.setVar('PWD', dest);
  } catch (e) {
    if (!(e instanceof VarError)) throw e;
  }
  if (print) await sh.out(`${dest}\n`);
  return 0;
};

function isDir(sh: Shell, p: string): boolean {
  try {
    return sh.fs.stat(p).type === 'dir';
  } catch {
    return false;
  }
}

async function numericArg(sh: Shell, name: string, a: string | undefined, dflt: number): Promise<number | undefined> {
  if (a === undefined) return dflt;
  if (!/^[-+]?[0-9]+$/.test(a.trim())) {
    await sh.builtinError(name, `${a}: numeric argument required`);
    return undefined;
  }
  return Number(a.trim());
}

const exit: Builtin = async (sh, argv) => {
  if (argv.length > 2) {
    await sh.builtinError('exit', 'too many arguments');
    return 1;
  }
  if (sh.interactive && !sh.isSubshell && argv[0] === 'exit' && sh.dialect === 'bash') await sh.err('exit\n');
  const n = await numericArg(sh, 'exit', argv[1], sh.status);
  throw new ExitShell(n === undefined ? 2 : n & 0xff);
};

const logout: Builtin = async (sh, argv) => {
  if (!sh.login) {
    await sh.builtinError('logout', 'not login shell: use `exit\'');
    return 1;
  }
  return exit(sh, argv);
};

const returnB: Builtin = async (sh, argv) => {
  if (sh.funcDepth === 0 && sh.sourceDepth === 0) {
    await sh.builtinError('return', "can only `return' from a function or sourced script");
    return 2;
  }
  const n = await numericArg(sh, 'return', argv[1], sh.status);
  throw new ReturnFromFunction(n === undefined ? 2 : n & 0xff);
};

function loopControl(kind: 'break' | 'continue'): Builtin {
  return async (sh, argv) => {
    const n = await numericArg(sh, kind, argv[1], 1);
    if (n === undefined) return 1;
    if (n < 1) {
      await sh.builtinError(kind, `${argv[1]}: loop count out of range`);
      return 1;
    }
    if (sh.loopDepth === 0) {
      if (sh.dialect === 'bash') await sh.builtinError(kind, "only meaningful in a `for', `while', or `until' loop");
      return 0;
    }
    const levels = Math.min(n, sh.loopDepth);
    throw kind === 'break' ? new BreakLoop(levels) : new ContinueLoop(levels);
  };
}

const shift: Builtin = async (sh, argv) => {
  const n = await numericArg(sh, 'shift', argv[1], 1);
  if (n === undefined) return 1;
  if (n < 0) {
    await sh.builtinError('shift', `${argv[1]}: shift count out of range`);
    return 1;
  }
  if (n > sh.positional.length) return 1;
  sh.positional = sh.positional.slice(n);
  return 0;
};

// ------------------------------------------------------------------ variables

async function assignArg(sh: Shell, builtinName: string, arg: string, attrs: (v: Var | undefined, name: string) => void, opts: { local?: boolean; array?: 'a' | 'A' }): Promise<number> {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?(\+?=)([\s\S]*)$/.exec(arg);
  const name = m ? m[1]! : arg;
  if (!NAME_RE.test(name)) {
    await sh.builtinError(builtinName, `\`${arg}': not a valid identifier`);
    return 1;
  }
  try {
    const scope = opts.local ? sh.vars.stack[sh.vars.stack.length - 1]! : sh.funcDepth > 0 && (builtinName === 'declare' || builtinName === 'typeset') ? sh.vars.stack[sh.vars.stack.length - 1]! : sh.vars.scopeOf(name);
    let v = scope.get(name);
    if (!v) {
      if (opts.local || builtinName === 'declare' || builtinName === 'typeset') {
        v = { v: opts.array === 'A' ? { kind: 'assoc', value: new Map() } : opts.array === 'a' ? { kind: 'indexed', value: new Map() } : { kind: 'scalar', value: undefined } };
        scope.set(name, v);
      }
    } else if (opts.array === 'A' && v.v.kind !== 'assoc') {
      v.v = { kind: 'assoc', value: new Map() };
    } else if (opts.array === 'a' && v.v.kind === 'scalar') {
      const mm = new Map<number, string>();
      if (v.v.value !== undefined) mm.set(0, v.v.value);
      v.v = { kind: 'indexed', value: mm };
    }
    if (m) {
      const value = m[4]!;
      const append = m[3] === '+=';
      if (v?.readonly) {
        await sh.error(`${name}: readonly variable`);
        return 1;
      }
      attrs(v, name);
      if (!m[2] && value.startsWith('(') && value.endsWith(')')) {
        // declare -a a=(1 2 3): a compound assignment passed as a string
        const r = sh.config.parse(`${name}${append ? '+=' : '='}${value}`, { dialect: sh.dialect });
        if (r.ok) {
          const st = r.script.body[0];
          const c = st?.command.first.commands[0];
          if (c?.type === 'SimpleCommand') {
            await sh.runSimple({ ...c, line: sh.lineno - sh.lineOffset });
            return sh.status;
          }
        }
      }
      sh.setVar(name, value, { index: m[2]?.slice(1, -1), append, local: !!opts.local || scope !== sh.vars.scopeOf(name) });
      const nv = sh.getVar(name);
      if (nv && !v) attrs(nv, name);
    } else if (v) {
      attrs(v, name);
    } else {
      const nv: Var = { v: { kind: 'scalar', value: undefined } };
      attrs(nv, name);
      sh.vars.global.set(name, nv);
    }
  } catch (e) {
    if (e instanceof VarError || e instanceof ArithError) {
      await sh.error(e.message);
      return 1;
    }
    throw e;
  }
  return 0;
}

function printFunction(f: FunctionDef): string {
  const body = f.body;
  if (body.type === 'BraceGroup') {
    const lines = body.body.map((s, i) => `    ${s.text}${i < body.body.length - 1 && !s.text.endsWith('&') ? ';' : ''}`);
    return `${f.name} () \n{ \n${lines.join('\n')}\n}`;
  }
  return f.text;
}

async function declareLike(sh: Shell, argv: string[], kind: 'declare' | 'typeset' | 'local' | 'export' | 'readonly'): Promise<number> {
  const name = argv[0]!;
  if (kind === 'local' && sh.funcDepth === 0) {
    if (sh.dialect !== 'bash') {
      await sh.builtinError('local', 'not in a function');
      return 2;
    }
    await sh.builtinError('local', 'can only be used in a function');
    return 1;
  }
  const allowed = kind === 'export' ? 'fnp' : kind === 'readonly' ? 'aAfp' : 'aAfFgiIlnprtux';
  const o = await parseOpts(sh, name, argv.slice(1), allowed, '', kind !== 'export' && kind !== 'readonly');
  if (typeof o === 'number') return o;
  const f = o.flags;
  const args = o.rest;
  if (kind === 'export') {
    if (f.has('f')) return 0;
    if (args.length === 0 || f.has('p')) {
      for (const n of sh.vars.names()) {
        const v = sh.getVar(n)!;
        if (v.exported && !n.startsWith('\0')) await sh.out(`${declareLine(n, v)}\n`);
      }
      return 0;
    }
    let status = 0;
    for (const a of args) {
      status |= await assignArg(sh, 'export', a, (v) => {
        if (v) v.exported = !f.has('n');
      }, {});
    }
    return status;
  }
  if (kind === 'readonly') {
    if (args.length === 0 || f.has('p')) {
      for (const n of sh.vars.names()) {
        const v = sh.getVar(n)!;
        if (v.readonly && !n.startsWith('\0')) await sh.out(`${declareLine(n, v)}\n`);
      }
      return 0;
    }
    let status = 0;
    for (const a of args) {
      status |= await assignArg(sh, 'readonly', a, () => {}, { array: f.has('A') ? 'A' : f.has('a') ? 'a' : undefined });
      const n = a.split(/[=[]/)[0]!;
      const v = sh.getVar(n);
      if (v) v.readonly = true;
    }
    return status;
  }
  // declare / typeset / local
  if (f.has('f') || f.has('F')) {
    const names = args.length ? args : [...sh.functions.keys()].sort();
    let status = 0;
    for (const n of names) {
      const fn = sh.functions.get(n);
      if (!fn) {
        status = 1;
        continue;
      }
      await sh.out(f.has('F') ? `declare -f ${n}\n` : `${printFunction(fn)}\n`);
    }
    return status;
  }
  if (f.has('p') || (args.length === 0 && kind !== 'local')) {
    if (args.length === 0) {
      for (const n of sh.vars.names()) {
        if (n.startsWith('\0')) continue;
        const v = sh.getVar(n)!;
        if (f.has('x') && !v.exported) continue;
        if (f.has('r') && !v.readonly) continue;
        if (f.has('a') && v.v.kind !== 'indexed') continue;
        if (f.has('A') && v.v.kind !== 'assoc') continue;
        if (f.has('i') && !v.integer) continue;
        if (!f.has('p') && f.size === 0) {
          await sh.out(`${setLine(n, v)}\n`);
          continue;
        }
        await sh.out(`${declareLine(n, v)}\n`);
      }
      if (f.size === 0) for (const fn of [...sh.functions.keys()].sort()) await sh.out(`${printFunction(sh.functions.get(fn)!)}\n`);
      return 0;
    }
    let status = 0;
    for (const n of args) {
      const v = sh.getVar(n);
      if (!v) {
        await sh.builtinError(name, `${n}: not found`);
        status = 1;
        continue;
      }
      await sh.out(`${declareLine(n, v)}\n`);
    }
    return status;
  }
  if (args.length === 0) return 0;
  let status = 0;
  const plus = o.plusFlags;
  for (const a of args) {
    status |= await assignArg(
      sh,
      name,
      a,
      (v) => {
        if (!v) return;
        if (f.has('x')) v.exported = true;
        if (plus.has('x')) v.exported = false;
        if (f.has('i')) v.integer = true;
        if (plus.has('i')) v.integer = false;
        if (f.has('l')) {
          v.lower = true;
          v.upper = false;
        }
        if (f.has('u')) {
          v.upper = true;
          v.lower = false;
        }
      },
      { local: kind === 'local' || (sh.funcDepth > 0 && !f.has('g')), array: f.has('A') ? 'A' : f.has('a') ? 'a' : undefined },
    );
    if (f.has('r')) {
      const v = sh.getVar(a.split(/[=[+]/)[0]!);
      if (v) v.readonly = true;
    }
  }
  return status;
}

function setLine(n: string, v: Var): string {
  if (v.v.kind === 'scalar') {
    const s = v.v.value;
    if (s === undefined) return n;
    return `${n}=${setQuote(s)}`;
  }
  return declareLine(n, v).replace(/^declare -\S+ /, '');
}

/** `set`'s quoting of values: plain when safe, else '...' or $'...'. */
function setQuote(s: string): string {
  if (s === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  if (/[\x00-\x1f\x7f]/.test(s)) {
    return `$'${s.replace(/[\\'\x00-\x1f\x7f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\\' ? '\\\\' : c === "'" ? "\\'" : c === '\x1b' ? '\\E' : `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`))}'`;
  }
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

const unset: Builtin = async (sh, argv) => {
  const o = await parseOpts(sh, 'unset', argv.slice(1), 'fvn');
  if (typeof o === 'number') return o;
  let status = 0;
  for (const a of o.rest) {
    if (o.flags.has('f')) {
      sh.functions.delete(a);
      continue;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(.*)\])?$/.exec(a);
    if (!m) {
      await sh.builtinError('unset', `\`${a}': not a valid identifier`);
      status = 1;
      continue;
    }
    try {
      if (!o.flags.has('v') && !sh.getVar(m[1]!) && sh.functions.has(m[1]!)) sh.functions.delete(m[1]!);
      else sh.unsetVar(m[1]!, m[2]);
    } catch (e) {
      if (e instanceof VarError) {
        await sh.builtinError('unset', e.message);
        status = 1;
        continue;
      }
      throw e;
    }
  }
  return status;
};

const setB: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    for (const n of sh.vars.names()) {
      if (n.startsWith('\0')) continue;
      const v = sh.getVar(n)!;
      if (v.v.kind === 'scalar' && v.v.value === undefined) continue;
      await sh.out(`${setLine(n, v)}\n`);
    }
    for (const fn of [...sh.functions.keys()].sort()) await sh.out(`${printFunction(sh.functions.get(fn)!)}\n`);
    return 0;
  }
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      sh.positional = args.slice(i + 1);
      return 0;
    }
    if (a === '-' || a === '+') {
      if (a === '-') {
        sh.options.xtrace = false;
        sh.options.verbose = false;
      }
      i++;
      break;
    }
    if (!/^[-+]/.test(a)) break;
    const on = a[0] === '-';
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      if (c === 'o') {
        const optName = args[i + 1];
        if (optName === undefined) {
          await printSetO(sh, on);
          continue;
        }
        i++;
        const key = SET_O_NAMES.find((n) => optionDisplayName(n) === optName);
        if (!key) {
          await sh.builtinError('set', `${optName}: invalid option name`);
          return usage(sh, 'set').then(() => 2);
        }
        setOption(sh, key, on);
        continue;
      }
      const key = SHORT_OPTIONS[c];
      if (!key) {
        if (c === 'i' || c === 's' || c === 'c') continue;
        await sh.builtinError('set', `${on ? '-' : '+'}${c}: invalid option`);
        await usage(sh, 'set');
        return 2;
      }
      setOption(sh, key, on);
    }
  }
  if (i < args.length) sh.positional = args.slice(i);
  return 0;
};

function setOption(sh: Shell, key: keyof ShellOptions, on: boolean): void {
  sh.options[key] = on;
  if (key === 'vi' && on) sh.options.emacs = false;
  if (key === 'emacs' && on) sh.options.vi = false;
}

async function printSetO(sh: Shell, long: boolean): Promise<void> {
  for (const k of SET_O_NAMES) {
    const n = optionDisplayName(k);
    if (long) await sh.out(`${n.padEnd(15)}\t${sh.options[k] ? 'on' : 'off'}\n`);
    else await sh.out(`set ${sh.options[k] ? '-' : '+'}o ${n}\n`);
  }
}

const shopt: Builtin = async (sh, argv) => {
  const o = await parseOpts(sh, 'shopt', argv.slice(1), 'pqsuo');
  if (typeof o === 'number') return o;
  const f = o.flags;
  if (f.has('o')) {
    if (f.has('s') || f.has('u') || o.rest.length === 0) {
      return setB(sh, ['set', ...(f.has('s') ? o.rest.flatMap((n) => ['-o', n]) : f.has('u') ? o.rest.flatMap((n) => ['+o', n]) : ['-o'])]);
    }
    // Query `set -o` options by name: each one's state, status 1 if any is off (-q: status only).
    let st = 0;
    for (const n of o.rest) {
      const key = SET_O_NAMES.find((k) => optionDisplayName(k) === n);
      if (!key) {
        await sh.builtinError('shopt', `${n}: invalid option name`);
        st = 1;
        continue;
      }
      const v = sh.options[key];
      if (!v) st = 1;
      if (f.has('q')) continue;
      if (f.has('p')) await sh.out(`set ${v ? '-' : '+'}o ${n}\n`);
      else await sh.out(`${n.padEnd(15)}\t${v ? 'on' : 'off'}\n`);
    }
    return st;
  }
  const names = o.rest.length ? o.rest : [...sh.shopts.keys()].sort();
  let status = 0;
  for (const n of names) {
    if (!sh.shopts.has(n)) {
      await sh.builtinError('shopt', `${n}: invalid shell option name`);
      status = 1;
      continue;
    }
    if (f.has('s') || f.has('u')) {
      if (o.rest.length) sh.shopts.set(n, f.has('s'));
      else if (sh.shopts.get(n) === f.has('s')) await sh.out(`${n.padEnd(15)}\t${f.has('s') ? 'on' : 'off'}\n`);
      continue;
    }
    const v = sh.shopts.get(n)!;
    if (f.has('q')) {
      if (!v) status = 1;
      continue;
    }
    if (f.has('p')) await sh.out(`shopt ${v ? '-s' : '-u'} ${n}\n`);
    else await sh.out(`${n.padEnd(15)}\t${v ? 'on' : 'off'}\n`);
    if (!v && o.rest.length) status = 1;
  }
  return status;
};

// ------------------------------------------------------------------ read

const pushback = new WeakMap<ReadStream, Uint8Array>();

/** Reads one byte-chunk from a stream, honouring bytes pushed back by an earlier `read`. */
async function readChunk(s: ReadStream): Promise<Uint8Array | null> {
  const pb = pushback.get(s);
  if (pb) {
    pushback.delete(s);
    return pb;
  }
  return s.read();
}

/**
 * Reads a chunk for `read`. From the terminal it reads the tty directly with a token of its own,
 * so ^C in an interactive shell (and `-t`) can end the read without leaving a reader behind that
 * would swallow the next line.
 */
async function readInterruptibly(sh: Shell, stream: ReadStream, token: CancelToken): Promise<Uint8Array | null> {
  const tty = sh.ctx.tty;
  if (!stream.isTTY || !tty || pushback.has(stream) || !sh.interactive || sh.isSubshell) {
    // Another process's stream: race it with the token (a timed-out read stays pending).
    const cancelled = new Promise<never>((_, reject) => {
      token.onCancel((r) => reject(r instanceof Error ? r : new Error(String(r))));
    });
    return sh.ctx.wait(Promise.race([readChunk(stream), cancelled]));
  }
  const sub = sh.ctx.process.cancel.onCancel((r) => token.cancel(r));
  sh.onInterrupt = () => token.cancel(new Interrupted());
  try {
    return await tty.slave.read(token);
  } catch (e) {
    if (token.reason instanceof Interrupted) throw token.reason;
    throw e;
  } finally {
    sh.onInterrupt = undefined;
    sub.dispose();
  }
}

const read: Builtin = async (sh, argv) => {
  const o = await parseOpts(sh, 'read', argv.slice(1), 'ers', 'adinNptu');
  if (typeof o === 'number') return o;
  const f = o.flags;
  const raw = f.has('r');
  const names = o.rest.length ? o.rest : ['REPLY'];
  for (const n of names) {
    if (!NAME_RE.test(n)) {
      await sh.builtinError('read', `\`${n}': not a valid identifier`);
      return 1;
    }
  }
  const fd = f.has('u') ? Number(f.get('u')) : 0;
  const stream = sh.fds.get(fd)?.read;
  if (!stream) {
    await sh.builtinError('read', `${fd}: invalid file descriptor: Bad file descriptor`);
    return 1;
  }
  const delim = f.has('d') ? String(f.get('d')).slice(0, 1) || '\0' : '\n';
  const nchars = f.has('n') ? Number(f.get('n')) : f.has('N') ? Number(f.get('N')) : undefined;
  const prompt = f.get('p');
  const tty = stream.isTTY ? sh.ctx.tty : undefined;
  if (typeof prompt === 'string' && stream.isTTY) await sh.err(prompt);
  const savedTermios = tty ? { ...tty.termios } : undefined;
  if (tty) {
    if (f.has('s')) tty.setTermios({ echo: false });
    if (nchars !== undefined) tty.setTermios({ icanon: false });
  }
  let timeoutMs: number | undefined;
  if (f.has('t')) {
    const t = Number(f.get('t'));
    if (Number.isNaN(t)) {
      await sh.builtinError('read', `${String(f.get('t'))}: invalid timeout specification`);
      return 1;
    }
    timeoutMs = t * 1000;
  }
  const decoder = new TextDecoder();
  let text: string;
  let eof = false;
  let timedOut = false;
  const bytes: number[] = [];
  try {
    const deadline = timeoutMs !== undefined ? sh.ctx.kernel.clock.now() + timeoutMs : undefined;
    outer: for (;;) {
      let chunk: Uint8Array | null;
      if (deadline !== undefined) {
        if (timeoutMs === 0) {
          timedOut = !pushback.has(stream);
          break;
        }
        const token = new CancelToken();
        const remaining = Math.max(0, deadline - sh.ctx.kernel.clock.now());
        const timer = sh.ctx.kernel.clock.sleep(remaining);
        timer.promise.then(() => token.cancel('timeout'), () => {});
        let race: { c: Uint8Array | null } | 'timeout';
        try {
          race = await readInterruptibly(sh, stream, token).then((c) => ({ c }));
        } catch (e) {
          if (token.cancelled && token.reason === 'timeout') race = 'timeout';
          else throw e;
        } finally {
          timer.cancel();
        }
        if (race === 'timeout') {
          timedOut = true;
          break;
        }
        chunk = race.c;
      } else {
        chunk = await readInterruptibly(sh, stream, new CancelToken());
      }
      if (chunk === null) {
        eof = true;
        break;
      }
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        const ch = String.fromCharCode(b);
        if (ch === delim && !(bytes.length && bytes[bytes.length - 1] === 0x5c && !raw && !escapedBefore(bytes))) {
          if (i + 1 < chunk.length) pushback.set(stream, chunk.subarray(i + 1));
          break outer;
        }
        bytes.push(b);
        if (nchars !== undefined && decoder.decode(new Uint8Array(bytes)).length >= nchars) {
          if (i + 1 < chunk.length) pushback.set(stream, chunk.subarray(i + 1));
          break outer;
        }
      }
    }
  } finally {
    if (tty && savedTermios) {
      tty.setTermios(savedTermios);
      if (f.has('s') && nchars === undefined) {
        // bash leaves the cursor after the hidden input; the newline was not echoed.
      }
    }
  }
  text = decoder.decode(concatBytes([new Uint8Array(bytes)]));
  if (!raw) text = text.replace(/\\\n/g, '').replace(/\\([\s\S])/g, '$1').replace(/\\$/, '');
  const rawText = text;
  try {
    if (f.has('a')) {
      const arr = splitIfs(sh, rawText, Infinity);
      sh.setArray(String(f.get('a')), arr);
    } else if (f.has('N')) {
      sh.setVar(names[0]!, rawText);
    } else if (names.length === 1 && names[0] === 'REPLY' && o.rest.length === 0) {
      sh.setVar('REPLY', rawText);
    } else {
      const fields = splitIfs(sh, rawText, names.length);
      names.forEach((n, i) => sh.setVar(n, fields[i] ?? ''));
    }
  } catch (e) {
    if (e instanceof VarError) {
      await sh.error(e.message);
      return 1;
    }
    throw e;
  }
  if (timedOut) return 142;
  return eof ? 1 : 0;
};

function escapedBefore(bytes: number[]): boolean {
  // Whether the trailing backslash is itself escaped (an even run of backslashes).
  let n = 0;
  for (let i = bytes.length - 1; i >= 0 && bytes[i] === 0x5c; i--) n++;
  return n % 2 === 0;
}

/** Splits `read` input on IFS into at most `n` fields; the last gets the rest. */
export function splitIfs(sh: Shell, s: string, n: number): string[] {
  const ifs = sh.getScalar('IFS') ?? ' \t\n';
  if (ifs === '') return [s];
  const isWs = (c: string) => ifs.includes(c) && (c === ' ' || c === '\t' || c === '\n');
  const isIfs = (c: string) => ifs.includes(c);
  const out: string[] = [];
  let i = 0;
  while (i < s.length && isWs(s[i]!)) i++;
  while (i < s.length) {
    if (out.length === n - 1) {
      let rest = s.slice(i);
      // trailing IFS whitespace is removed
      let e = rest.length;
      while (e > 0 && isWs(rest[e - 1]!)) e--;
      rest = rest.slice(0, e);
      out.push(rest);
      return out;
    }
    let j = i;
    while (j < s.length && !isIfs(s[j]!)) j++;
    out.push(s.slice(i, j));
    // skip one delimiter with surrounding whitespace
    while (j < s.length && isWs(s[j]!)) j++;
    if (j < s.length && isIfs(s[j]!) && !isWs(s[j]!)) {
      j++;
      while (j < s.length && isWs(s[j]!)) j++;
    }
    i = j;
  }
  return out;
}

const mapfile: Builtin = async (sh, argv) => {
  const name = argv[0]!;
  const o = await parseOpts(sh, name, argv.slice(1), 't', 'dnOsuCc');
  if (typeof o === 'number') return o;
  const arr = o.rest[0] ?? 'MAPFILE';
  const fd = o.flags.has('u') ? Number(o.flags.get('u')) : 0;
  const stream = sh.fds.get(fd)?.read;
  if (!stream) return 1;
  const chunks: Uint8Array[] = [];
  for (;;) {
    const c = await sh.ctx.wait(readChunk(stream));
    if (c === null) break;
    chunks.push(c);
  }
  const text = new TextDecoder().decode(concatBytes(chunks));
  const delim = o.flags.has('d') ? String(o.flags.get('d')) || '\0' : '\n';
  const parts = text.split(delim);
  if (parts[parts.length - 1] === '') parts.pop();
  const lines = o.flags.has('t') ? parts : parts.map((p, i) => (i < parts.length - 1 || text.endsWith(delim) ? p + delim : p));
  sh.setArray(arr, lines);
  return 0;
};

// ------------------------------------------------------------------ aliases, type, command

const alias: Builtin = async (sh, argv) => {
  const args = argv.slice(1).filter((a) => a !== '-p');
  if (argv[1]?.startsWith('-') && argv[1] !== '-p' && argv[1] !== '--') return invalidOption(sh, 'alias', argv[1].slice(0, 2));
  if (args.length === 0) {
    for (const [k, v] of [...sh.aliases].sort((a, b) => (a[0] < b[0] ? -1 : 1))) await sh.out(`alias ${k}=${aliasQuote(v)}\n`);
    return 0;
  }
  let status = 0;
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) {
      sh.aliases.set(a.slice(0, eq), a.slice(eq + 1));
      continue;
    }
    const v = sh.aliases.get(a);
    if (v === undefined) {
      await sh.builtinError('alias', `${a}: not found`);
      status = 1;
    } else await sh.out(`alias ${a}=${aliasQuote(v)}\n`);
  }
  return status;
};

function aliasQuote(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

const unalias: Builtin = async (sh, argv) => {
  const o = await parseOpts(sh, 'unalias', argv.slice(1), 'a');
  if (typeof o === 'number') return o;
  if (o.flags.has('a')) {
    sh.aliases.clear();
    return 0;
  }
  if (o.rest.length === 0) return usage(sh, 'unalias');
  let status = 0;
  for (const a of o.rest) {
    if (!sh.aliases.delete(a)) {
      await sh.builtinError('unalias', `${a}: not found`);
      status = 1;
    }
  }
  return status;
};

/** What a name is, for `type`, `command -v/-V` and completion. */
export function describe(sh: Shell, name: string): { kind: 'alias' | 'keyword' | 'function' | 'builtin' | 'file'; detail: string }[] {
  const out: { kind: 'alias' | 'keyword' | 'function' | 'builtin' | 'file'; detail: string }[] = [];
  const a = sh.aliases.get(name);
  if (a !== undefined) out.push({ kind: 'alias', detail: a });
  if (KEYWORDS.includes(name)) out.push({ kind: 'keyword', detail: '' });
  const f = sh.functions.get(name);
  if (f) out.push({ kind: 'function', detail: printFunction(f) });
  if (BUILTINS.has(name)) out.push({ kind: 'builtin', detail: '' });
  const r = sh.resolve(name);
  if (r.kind !== 'error' || (name.includes('/') && r.code !== 'NOTFOUND' && r.code !== 'ENOENT' && r.code !== 'EISDIR')) {
    if (r.kind !== 'error') out.push({ kind: 'file', detail: r.path });
  }
  return out;
}

const type: Builtin = async (sh, argv) => {
  const o = await parseOpts(sh, 'type', argv.slice(1), 'afptP');
  if (typeof o === 'number') return o;
  const f = o.flags;
  let status = 0;
  for (const n of o.rest) {
    let d = describe(sh, n);
    if (f.has('f')) d = d.filter((x) => x.kind !== 'function');
    if (f.has('P')) d = d.filter((x) => x.kind === 'file');
    if (!f.has('a')) d = d.slice(0, 1);
    if (d.length === 0) {
      if (!f.has('t') && !f.has('p') && !f.has('P')) await sh.builtinError('type', `${n}: not found`);
      status = 1;
      continue;
    }
    for (const x of d) {
      if (f.has('t')) {
        await sh.out(`${x.kind}\n`);
        continue;
      }
      if (f.has('p') || f.has('P')) {
        if (x.kind === 'file') await sh.out(`${x.detail}\n`);
        continue;
      }
      switch (x.kind) {
        case 'alias':
          await sh.out(`${n} is aliased to \`${x.detail}'\n`);
          break;
        case 'keyword':
          await sh.out(`${n} is a shell keyword\n`);
          break;
        case 'function':
          await sh.out(`${n} is a function\n${x.detail}\n`);
          break;
        case 'builtin':
          await sh.out(`${n} is a shell builtin\n`);
          break;
        case 'file':
          await sh.out(`${n} is ${x.detail}\n`);
          break;
      }
    }
  }
  return status;
};

const command: Builtin = async (sh, argv) => {
  const o = await parseOpts(sh, 'command', argv.slice(1), 'pvV');
  if (typeof o === 'number') return o;
  const f = o.flags;
  if (o.rest.length === 0) return 0;
  if (f.has('v') || f.has('V')) {
    let status = 0;
    for (const n of o.rest) {
      const d = describe(sh, n)[0];
      if (!d) {
        if (f.has('V')) await sh.builtinError('command', `${n}: not found`);
        status = 1;
        continue;
      }
      if (f.has('v')) {
        await sh.out(d.kind === 'file' ? `${d.detail}\n` : d.kind === 'alias' ? `alias ${n}=${aliasQuote(d.detail)}\n` : `${n}\n`);
      } else {
        await type(sh, ['type', n]);
      }
    }
    return status;
  }
  const name = o.rest[0]!;
  const b = BUILTINS.get(name);
  if (b) return b(sh, o.rest);
  const saved = sh.functions;
  sh.functions = new Map();
  try {
    return await runExternalNow(sh, o.rest);
  } finally {
    sh.functions = saved;
  }
};

async function runExternalNow(sh: Shell, argv: string[]): Promise<number> {
  const jc = sh.jobControlActive();
  const p = await sh.startExternal(argv, new Map(), jc ? 0 : sh.ctx.process.pgid);
  if (typeof p === 'number') return p;
  const [s] = await sh.waitForeground([p], p.pgid, argv.join(' '));
  return s ?? 0;
}

const builtin: Builtin = async (sh, argv) => {
  const name = argv[1];
  if (name === undefined) return 0;
  const b = BUILTINS.get(name);
  if (!b) {
    await sh.builtinError('builtin', `${name}: not a shell builtin`);
    return 1;
  }
  return b(sh, argv.slice(1));
};

// ------------------------------------------------------------------ eval, source, exec

const evalB: Builtin = async (sh, argv) => {
  const src = argv.slice(1).join(' ');
  if (src.trim() === '') return 0;
  return sh.evalString(src, 'eval');
};

const source: Builtin = async (sh, argv) => {
  const name = argv[0]!;
  const file = argv[1];
  if (file === undefined) {
    await sh.builtinError(name, 'filename argument required');
    await usage(sh, name);
    return 2;
  }
  let path = resolvePath(sh.cwd, file);
  if (!file.includes('/')) {
    // PATH search first (sourcepath), then the current directory.
    for (const dir of (sh.getScalar('PATH') ?? '').split(':')) {
      const cand = resolvePath(sh.cwd, `${dir || '.'}/${file}`);
      try {
        if (sh.fs.stat(cand).type === 'file') {
          path = cand;
          break;
        }
      } catch {
        // next
      }
    }
  }
  let text: string;
  try {
    if (sh.fs.stat(path).type === 'dir') {
      await sh.error(`${file}: is a directory`);
      return 1;
    }
    text = sh.fs.readText(path);
  } catch (e) {
    if (isSysError(e)) {
      await sh.error(`${file}: ${e.strerror}`);
      return 1;
    }
    throw e;
  }
  const savedPos = sh.positional;
  if (argv.length > 2) sh.positional = argv.slice(2);
  const saved = { scriptName: sh.scriptName, mode: sh.mode, offset: sh.lineOffset, lineno: sh.lineno };
  sh.scriptName = file;
  sh.mode = 'script';
  sh.sourceDepth++;
  try {
    return await sh.runText(text, { source: true });
  } catch (e) {
    if (e instanceof ReturnFromFunction) return e.status;
    throw e;
  } finally {
    sh.sourceDepth--;
    sh.scriptName = saved.scriptName;
    sh.mode = saved.mode;
    sh.lineOffset = saved.offset;
    sh.lineno = saved.lineno;
    if (argv.length > 2) sh.positional = savedPos;
  }
};

const exec: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  while (args[0]?.startsWith('-') && args[0] !== '-') {
    const a = args.shift()!;
    if (a === '--') break;
    if (a === '-a') args.shift();
  }
  if (args.length === 0) {
    // Redirections of `exec` stay: the caller restores nothing.
    sh.keepRedirections = true;
    return 0;
  }
  const r = sh.resolve(args[0]!);
  if (r.kind === 'error') {
    const st = await sh.commandError(args[0]!, r.code);
    if (!sh.interactive) throw new ExitShell(st);
    return st;
  }
  const p = await sh.startExternal(args, new Map(), sh.ctx.process.pgid);
  if (typeof p === 'number') throw new ExitShell(p);
  const info = await sh.ctx.wait(p.exited);
  throw new ExitShell(info.status);
};

// ------------------------------------------------------------------ traps and signals

const TRAP_NAMES = ['EXIT', 'ERR', 'DEBUG', 'RETURN'];

function trapKey(spec: string): string | undefined {
  const up = spec.toUpperCase();
  if (spec === '0' || up === 'EXIT' || up === 'SIGEXIT') return 'EXIT';
  if (TRAP_NAMES.includes(up)) return up;
  const sig = parseSignal(spec);
  return sig;
}

const trap: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  if (args[0] === '-l') {
    await killList(sh);
    return 0;
  }
  if (args.length === 0 || args[0] === '-p') {
    const which = args.slice(1).map(trapKey);
    for (const [k, v] of sh.traps) {
      if (which.length && !which.includes(k)) continue;
      await sh.out(`trap -- ${aliasQuote(v)} ${k}\n`);
    }
    return 0;
  }
  let action: string | undefined = args[0]!;
  let specs = args.slice(1);
  if (args[0] === '--') {
    action = args[1];
    specs = args.slice(2);
  }
  if (specs.length === 0 && action !== undefined && (/^\d+$/.test(action) || action === '-')) {
    specs = [action];
    action = '-';
  }
  if (action === undefined) return 0;
  let status = 0;
  for (const s of specs) {
    const key = trapKey(s);
    if (!key) {
      await sh.builtinError('trap', `${s}: invalid signal specification`);
      status = 1;
      continue;
    }
    if (action === '-') {
      sh.traps.delete(key);
      if (key.startsWith('SIG')) sh.resetSignal(key as Signal);
    } else {
      sh.traps.set(key, action);
      if (key.startsWith('SIG')) sh.installTrap(key as Signal, action === '' ? 'ignore' : 'trap');
    }
  }
  return status;
};

async function killList(sh: Shell): Promise<void> {
  const names: string[] = ['SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGKILL', 'SIGUSR1', 'SIGSEGV', 'SIGUSR2', 'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGSTKFLT', 'SIGCHLD', 'SIGCONT', 'SIGSTOP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGXCPU', 'SIGXFSZ', 'SIGVTALRM', 'SIGPROF', 'SIGWINCH', 'SIGIO', 'SIGPWR', 'SIGSYS'];
  const all: string[] = names.map((n, i) => `${String(i + 1).padStart(2)}) ${n}`);
  all.push('34) SIGRTMIN');
  for (let i = 1; i <= 15; i++) all.push(`${String(34 + i).padStart(2)}) SIGRTMIN+${i}`);
  for (let i = 14; i >= 1; i--) all.push(`${String(64 - i).padStart(2)}) SIGRTMAX-${i}`);
  all.push('64) SIGRTMAX');
  let out = '';
  for (let i = 0; i < all.length; i++) {
    out += all[i]!;
    out += (i + 1) % 5 === 0 || i === all.length - 1 ? '\n' : '\t';
  }
  await sh.out(out);
}

const kill: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  let sig: Signal = 'SIGTERM';
  if (args.length === 0) return usage(sh, 'kill');
  if (args[0] === '-l' || args[0] === '-L') {
    if (args.length === 1) {
      await killList(sh);
      return 0;
    }
    let status = 0;
    for (const a of args.slice(1)) {
      if (/^\d+$/.test(a)) {
        const n = Number(a) > 128 ? Number(a) - 128 : Number(a);
        const s = parseSignal(String(n));
        if (!s) {
          await sh.builtinError('kill', `${a}: invalid signal specification`);
          status = 1;
        } else await sh.out(`${s.slice(3)}\n`);
      } else {
        const s = parseSignal(a);
        if (!s) {
          await sh.builtinError('kill', `${a}: invalid signal specification`);
          status = 1;
        } else await sh.out(`${signalNumber(s)}\n`);
      }
    }
    return status;
  }
  let i = 0;
  if (args[0] === '-s' || args[0] === '-n') {
    const s = args[1];
    if (s === undefined) {
      await sh.builtinError('kill', `${args[0]}: option requires an argument`);
      return usage(sh, 'kill');
    }
    const p = parseSignal(s);
    if (!p) {
      await sh.builtinError('kill', `${s}: invalid signal specification`);
      return 1;
    }
    sig = p;
    i = 2;
  } else if (args[0]!.startsWith('-') && args[0] !== '-' && args[0] !== '--') {
    const p = parseSignal(args[0]!.slice(1));
    if (!p) {
      await sh.builtinError('kill', `${args[0]!.slice(1)}: invalid signal specification`);
      return 1;
    }
    sig = p;
    i = 1;
  } else if (args[0] === '--') i = 1;
  const targets = args.slice(i);
  if (targets.length === 0) return usage(sh, 'kill');
  let status = 0;
  for (const t of targets) {
    if (t.startsWith('%')) {
      const job = sh.findJob(t);
      if (job === 'ambiguous') {
        await sh.builtinError('kill', `${t}: ambiguous job spec`);
        status = 1;
        continue;
      }
      if (!job) {
        await sh.builtinError('kill', `${t}: no such job`);
        status = 1;
        continue;
      }
      sh.ctx.kernel.killpg(job.pgid, sig);
      if (sig === 'SIGTERM' || sig === 'SIGKILL' || sig === 'SIGINT' || sig === 'SIGHUP') {
        if (job.state === 'Stopped') sh.ctx.kernel.killpg(job.pgid, 'SIGCONT');
      }
      continue;
    }
    if (!/^-?\d+$/.test(t)) {
      await sh.builtinError('kill', `${t}: arguments must be process or job IDs`);
      status = 1;
      continue;
    }
    const pid = Number(t);
    const ok = sh.ctx.kernel.killIn(sh.ctx.ns, pid, sig);
    if (!ok) {
      await sh.builtinError('kill', `(${t}) - No such process`);
      status = 1;
    }
  }
  // Let signalled processes unwind before the next command (so `jobs` sees them gone).
  await Promise.resolve();
  return status;
};

// ------------------------------------------------------------------ jobs

const jobs: Builtin = async (sh, argv) => {
  const o = await parseOpts(sh, 'jobs', argv.slice(1), 'lnprs');
  if (typeof o === 'number') return o;
  const list = sh.jobs.list();
  let status = 0;
  const selected = o.rest.length
    ? o.rest.map((s) => {
        const j = sh.findJob(s);
        return j === 'ambiguous' ? undefined : j;
      })
    : list;
  for (let k = 0; k < selected.length; k++) {
    const j = selected[k];
    if (!j) {
      await sh.builtinError('jobs', `${o.rest[k]}: no such job`);
      status = 1;
      continue;
    }
    if (o.flags.has('r') && j.state !== 'Running') continue;
    if (o.flags.has('s') && j.state !== 'Stopped') continue;
    if (o.flags.has('p')) await sh.out(`${j.pgid}\n`);
    else await sh.out(`${sh.jobs.format(j, o.flags.has('l'))}\n`);
    if (j.state === 'Done') sh.jobs.remove(j);
  }
  return status;
};

async function jobArg(sh: Shell, name: string, spec: string | undefined) {
  const j = sh.findJob(spec ?? '%+');
  if (j === 'ambiguous') {
    await sh.builtinError(name, `${spec}: ambiguous job spec`);
    return undefined;
  }
  if (!j) {
    await sh.builtinError(name, `${spec ?? 'current'}: no such job`);
    return undefined;
  }
  return j;
}

const fg: Builtin = async (sh, argv) => {
  if (!sh.jobControlActive()) {
    await sh.builtinError('fg', 'no job control');
    return 1;
  }
  const job = await jobArg(sh, 'fg', argv[1]);
  if (!job) return 1;
  await sh.out(`${job.command}\n`);
  sh.jobs.remove(job);
  job.background = false;
  sh.ctx.kernel.killpg(job.pgid, 'SIGCONT');
  const live = job.procs.filter((p) => p.state !== 'exited');
  const statuses = await sh.waitForeground(live.length ? live : job.procs, job.pgid, job.command);
  return statuses[statuses.length - 1] ?? 0;
};

const bg: Builtin = async (sh, argv) => {
  if (!sh.jobControlActive()) {
    await sh.builtinError('bg', 'no job control');
    return 1;
  }
  const job = await jobArg(sh, 'bg', argv[1]);
  if (!job) return 1;
  if (job.state === 'Running') {
    await sh.builtinError('bg', `job ${job.id} already in background`);
    return 0;
  }
  job.background = true;
  sh.ctx.kernel.killpg(job.pgid, 'SIGCONT');
  job.state = 'Running';
  await sh.out(`[${job.id}]${sh.jobs.mark(job)} ${job.command} &\n`);
  return 0;
};

const wait: Builtin = async (sh, argv) => {
  const o = await parseOpts(sh, 'wait', argv.slice(1), 'fn', 'p');
  if (typeof o === 'number') return o;
  const kernel = sh.ctx.kernel;
  if (o.rest.length === 0) {
    // Wait for every child of this shell.
    const children = () => [...kernel.processes.values()].filter((p) => p.ppid === sh.ctx.pid);
    if (o.flags.has('n')) {
      const list = children();
      if (list.length === 0) return 127;
      const first = await sh.ctx.wait(Promise.race(list.map((p) => p.exited)));
      return first.status;
    }
    for (let list = children(); list.length; list = children()) {
      await sh.ctx.wait(Promise.all(list.map((p) => p.exited)));
    }
    sh.jobs.refresh();
    // An interactive bash still reports `[1]+  Done ...` before the next prompt.
    if (!sh.interactive) for (const j of sh.jobs.list()) if (j.state === 'Done') sh.jobs.remove(j);
    return 0;
  }
  let status = 0;
  for (const a of o.rest) {
    if (a.startsWith('%')) {
      const j = await jobArg(sh, 'wait', a);
      if (!j) {
        status = 127;
        continue;
      }
      const infos = await sh.ctx.wait(Promise.all(j.procs.map((p) => p.exited)));
      status = infos[infos.length - 1]?.status ?? 0;
      if (!sh.interactive) sh.jobs.remove(j);
      continue;
    }
    if (!/^\d+$/.test(a)) {
      await sh.builtinError('wait', `\`${a}': not a pid or valid job spec`);
      status = 2;
      continue;
    }
    const pid = Number(a);
    const p = kernel.findPid(sh.ctx.ns, pid);
    const job = sh.jobs.byPid(pid);
    // A background child that already exited is still ours to wait for (bash keeps its status).
    const proc = p ?? job?.procs.find((x) => x.nsPid === pid) ?? sh.bgChildren.get(pid);
    if (!proc || (proc.ppid !== sh.ctx.pid && !job)) {
      await sh.builtinError('wait', `pid ${pid} is not a child of this shell`);
      status = 127;
      continue;
    }
    const info = await sh.ctx.wait(proc.exited);
    status = info.status;
    if (job && !sh.interactive) sh.jobs.remove(job);
  }
  return status;
};

const disown: Builtin = async (sh, argv) => {
  const o = await parseOpts(sh, 'disown', argv.slice(1), 'ahr');
  if (typeof o === 'number') return o;
  if (o.flags.has('a')) {
    for (const j of sh.jobs.list()) sh.jobs.remove(j);
    return 0;
  }
  const specs = o.rest.length ? o.rest : ['%+'];
  let status = 0;
  for (const s of specs) {
    const j = await jobArg(sh, 'disown', s);
    if (!j) {
      status = 1;
      continue;
    }
    if (!o.flags.has('h')) sh.jobs.remove(j);
  }
  return status;
};

// ------------------------------------------------------------------ misc

const history: Builtin = async (sh, argv) => {
  const h = sh.history;
  const o = await parseOpts(sh, 'history', argv.slice(1), 'canrwps', 'd');
  if (typeof o === 'number') return o;
  if (!h) return 0;
  if (o.flags.has('c')) {
    h.clear();
    return 0;
  }
  if (o.flags.has('d')) {
    const n = Number(o.flags.get('d'));
    if (!Number.isInteger(n) || n < 1 || n > h.entries.length) {
      await sh.builtinError('history', `${String(o.flags.get('d'))}: history position out of range`);
      return 1;
    }
    h.entries.splice(n - 1, 1);
    return 0;
  }
  if (o.flags.has('s')) {
    h.add(o.rest.join(' '));
    return 0;
  }
  if (o.flags.has('a') || o.flags.has('w') || o.flags.has('r') || o.flags.has('n')) return 0;
  let start = 0;
  if (o.rest[0] !== undefined) {
    if (!/^\d+$/.test(o.rest[0])) {
      await sh.builtinError('history', `${o.rest[0]}: numeric argument required`);
      return 1;
    }
    start = Math.max(0, h.entries.length - Number(o.rest[0]));
  }
  let out = '';
  for (let i = start; i < h.entries.length; i++) out += `${String(i + 1).padStart(5)}  ${h.entries[i]}\n`;
  await sh.out(out);
  return 0;
};

const umask: Builtin = async (sh, argv) => {
  const o = await parseOpts(sh, 'umask', argv.slice(1), 'pS');
  if (typeof o === 'number') return o;
  const arg = o.rest[0];
  if (arg === undefined) {
    if (o.flags.has('S')) {
      const m = ~sh.umask & 0o777;
      const part = (shift: number) => ['r', 'w', 'x'].filter((_, i) => m & (1 << (shift + 2 - i))).join('');
      await sh.out(`u=${part(6)},g=${part(3)},o=${part(0)}\n`);
    } else await sh.out(`${o.flags.has('p') ? 'umask ' : ''}${sh.umask.toString(8).padStart(4, '0')}\n`);
    return 0;
  }
  if (/^[0-7]+$/.test(arg)) {
    sh.umask = parseInt(arg, 8) & 0o777;
    return 0;
  }
  const m = /^u=([rwx]*),g=([rwx]*),o=([rwx]*)$/.exec(arg);
  if (m) {
    const bits = (s: string) => (s.includes('r') ? 4 : 0) | (s.includes('w') ? 2 : 0) | (s.includes('x') ? 1 : 0);
    sh.umask = ~((bits(m[1]!) << 6) | (bits(m[2]!) << 3) | bits(m[3]!)) & 0o777;
    return 0;
  }
  await sh.builtinError('umask', `${arg}: octal number out of range`);
  return 1;
};

const getopts: Builtin = async (sh, argv) => {
  if (argv.length < 3) return usage(sh, 'getopts');
  const optstring = argv[1]!;
  const varName = argv[2]!;
  const args = argv.length > 3 ? argv.slice(3) : sh.positional;
  const silent = optstring.startsWith(':');
  const spec = silent ? optstring.slice(1) : optstring;
  let optind = Number(sh.getScalar('OPTIND') ?? '1') || 1;
  const sub = sh.getOptSub(optind);
  const arg = args[optind - 1];
  const finish = (ch: string) => {
    sh.setVar(varName, ch);
    return ch;
  };
  if (arg === undefined || !arg.startsWith('-') || arg === '-' ) {
    finish('?');
    sh.setVar('OPTIND', String(optind));
    return 1;
  }
  if (arg === '--') {
    finish('?');
    sh.setVar('OPTIND', String(optind + 1));
    return 1;
  }
  let pos = sub || 1;
  const c = arg[pos]!;
  pos++;
  const advance = () => {
    if (pos >= arg.length) {
      optind++;
      pos = 0;
    }
    sh.setOptSub(optind, pos);
    sh.setVar('OPTIND', String(optind));
  };
  const idx = spec.indexOf(c);
  if (idx < 0 || c === ':') {
    advance();
    if (silent) {
      finish('?');
      sh.setVar('OPTARG', c);
    } else {
      await sh.err(`${sh.name}: illegal option -- ${c}\n`);
      finish('?');
      sh.unsetVar('OPTARG');
    }
    return 0;
  }
  if (spec[idx + 1] === ':') {
    let val: string;
    if (pos < arg.length) {
      val = arg.slice(pos);
      optind++;
      pos = 0;
    } else {
      const next = args[optind];
      if (next === undefined) {
        optind++;
        pos = 0;
        sh.setOptSub(optind, 0);
        sh.setVar('OPTIND', String(optind));
        if (silent) {
          finish(':');
          sh.setVar('OPTARG', c);
        } else {
          await sh.err(`${sh.name}: option requires an argument -- ${c}\n`);
          finish('?');
          sh.unsetVar('OPTARG');
        }
        return 0;
      }
      val = next;
      optind += 2;
      pos = 0;
    }
    sh.setOptSub(optind, 0);
    sh.setVar('OPTIND', String(optind));
    sh.setVar('OPTARG', val);
    finish(c);
    return 0;
  }
  advance();
  finish(c);
  sh.unsetVar('OPTARG');
  return 0;
};

const letB: Builtin = async (sh, argv) => {
  if (argv.length < 2) {
    await sh.builtinError('let', 'expression expected');
    return 1;
  }
  let v = 0n;
  for (const e of argv.slice(1)) {
    try {
      v = sh.arith(e);
    } catch (err) {
      if (err instanceof ArithError || err instanceof VarError) {
        await sh.builtinError('let', err.message);
        return 1;
      }
      throw err;
    }
  }
  return v === 0n ? 1 : 0;
};

const help: Builtin = async (sh, argv) => {
  const topic = argv[1];
  if (topic !== undefined) {
    if (BUILTINS.has(topic) || KEYWORDS.includes(topic)) {
      await sh.out(`${topic}: ${USAGE[topic] ?? topic}\n    Run \`${topic} --help' in a real bash for the full text; Dockyard shows only the usage line.\n`);
      return 0;
    }
    await sh.builtinError('help', `no help topics match \`${topic}'.  Try \`help help' or \`man -k ${topic}' or \`info ${topic}'.`);
    return 1;
  }
  await sh.out(
    `GNU bash, version ${sh.bashVersion()} (x86_64-pc-linux-gnu)\nThese shell commands are defined internally.  Type \`help' to see this list.\nType \`help name' to find out more about the function \`name'.\n\n${[...BUILTINS.keys()].sort().join(' ')}\n`,
  );
  return 0;
};

const times: Builtin = async (sh) => {
  await sh.out('0m0.000s 0m0.000s\n0m0.000s 0m0.000s\n');
  return 0;
};

const hash: Builtin = async (sh, argv) => {
  const o = await parseOpts(sh, 'hash', argv.slice(1), 'lrdt', 'p');
  if (typeof o === 'number') return o;
  if (o.flags.has('r')) return 0;
  if (o.rest.length === 0) {
    await sh.out('hash: hash table empty\n');
    return 0;
  }
  let status = 0;
  for (const n of o.rest) {
    const r = sh.resolve(n);
    if (r.kind === 'error') {
      await sh.builtinError('hash', `${n}: not found`);
      status = 1;
    }
  }
  return status;
};

const pushd: Builtin = async (sh, argv) => {
  const dir = argv[1];
  const cur = sh.cwd;
  if (dir === undefined) {
    const top = sh.dirStack.shift();
    if (top === undefined) {
      await sh.builtinError('pushd', 'no other directory');
      return 1;
    }
    const s = await cd(sh, ['cd', top]);
    if (s !== 0) return s;
    sh.dirStack.unshift(cur);
  } else {
    const s = await cd(sh, ['cd', dir]);
    if (s !== 0) return s;
    sh.dirStack.unshift(cur);
  }
  return dirs(sh, ['dirs']);
};

const popd: Builtin = async (sh) => {
  const top = sh.dirStack.shift();
  if (top === undefined) {
    await sh.builtinError('popd', 'directory stack empty');
    return 1;
  }
  const s = await cd(sh, ['cd', top]);
  if (s !== 0) return s;
  return dirs(sh, ['dirs']);
};

const dirs: Builtin = async (sh, argv) => {
  const home = sh.getScalar('HOME');
  const tilde = (p: string) => (home && (p === home || p.startsWith(`${home}/`)) ? `~${p.slice(home.length)}` : p);
  const list = [sh.cwd, ...sh.dirStack];
  if (argv[1] === '-c') {
    sh.dirStack = [];
    return 0;
  }
  if (argv[1] === '-v') {
    for (let i = 0; i < list.length; i++) await sh.out(`${String(i).padStart(2)}  ${tilde(list[i]!)}\n`);
    return 0;
  }
  await sh.out(`${list.map(tilde).join(' ')}\n`);
  return 0;
};

const trueB: Builtin = colon;

export const BUILTINS = new Map<string, Builtin>([
  [':', colon],
  ['true', trueB],
  ['false', falseB],
  ['echo', echo],
  ['printf', printf],
  ['pwd', pwd],
  ['cd', cd],
  ['exit', exit],
  ['logout', logout],
  ['return', returnB],
  ['break', loopControl('break')],
  ['continue', loopControl('continue')],
  ['shift', shift],
  ['export', (sh, a) => declareLike(sh, a, 'export')],
  ['readonly', (sh, a) => declareLike(sh, a, 'readonly')],
  ['declare', (sh, a) => declareLike(sh, a, 'declare')],
  ['typeset', (sh, a) => declareLike(sh, a, 'typeset')],
  ['local', (sh, a) => declareLike(sh, a, 'local')],
  ['unset', unset],
  ['set', setB],
  ['shopt', shopt],
  ['read', read],
  ['mapfile', mapfile],
  ['readarray', mapfile],
  ['alias', alias],
  ['unalias', unalias],
  ['type', type],
  ['command', command],
  ['builtin', builtin],
  ['eval', evalB],
  ['source', source],
  ['.', source],
  ['exec', exec],
  ['trap', trap],
  ['kill', kill],
  ['jobs', jobs],
  ['fg', fg],
  ['bg', bg],
  ['wait', wait],
  ['disown', disown],
  ['history', history],
  ['umask', umask],
  ['getopts', getopts],
  ['let', letB],
  ['help', help],
  ['times', times],
  ['hash', hash],
  ['test', testBuiltin],
  ['[', testBuiltin],
  ['pushd', pushd],
  ['popd', popd],
  ['dirs', dirs],
]);

/** Builtins dash and busybox ash do not have. */
const BASH_ONLY = new Set(['declare', 'typeset', 'shopt', 'mapfile', 'readarray', 'let', 'history', 'help', 'disown', 'logout', 'builtin', 'source', 'pushd', 'popd', 'dirs']);

export function builtinFor(sh: Shell, name: string): Builtin | undefined {
  if (sh.dialect !== 'bash' && BASH_ONLY.has(name)) {
    if (sh.dialect === 'ash' && (name === 'let' || name === 'source' || name === 'local')) return BUILTINS.get(name);
    return undefined;
  }
  return BUILTINS.get(name);
}

export { xquote, varScalar };
