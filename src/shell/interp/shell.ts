/**
 * The shell interpreter: one `Shell` per shell process (a subshell or pipeline element gets a
 * forked copy in its own child process). It walks the AST of src/shell/syntax/ast.ts, doing the
 * expansions (expand.ts), redirections, pipelines, functions, builtins (builtins.ts) and jobs.
 */
import { isSysError } from '../../engine/core/errors';
import { copyMap } from '../../engine/core/maps';
import { resolvePath } from '../../engine/fs/path';
import type { Process, ProcessContext, Program } from '../../engine/runtime/kernel';
import { deviceAt, openDeviceRead, openDeviceWrite } from '../commands/lib/devices';
import { resolveCommand, resolvePathToProgram, type Resolved } from '../../engine/runtime/exec';
import { signalNumber, type Signal, SIGNAL_DESCRIPTIONS } from '../../engine/runtime/signals';
import { versions } from '../../engine/core/versions';
import { bytesReader, CollectingWriter, nullReader, nullWriter, Pipe, type ReadStream, type WriteStream } from '../../engine/runtime/streams';
import type {
  AndOr,
  ArithForClause,
  CaseClause,
  Command,
  ForClause,
  FunctionDef,
  IfClause,
  Pipeline,
  Redirect,
  Script,
  SimpleCommand,
  Statement,
  WhileClause,
  Word,
} from '../syntax/ast';
import { ArithError, evalArith, type ArithEnv } from './arith';
import { builtinFor, SPECIAL_BUILTINS } from './builtins';
import { BreakLoop, ContinueLoop, ExitShell, FatalShellError, Interrupted, ReturnFromFunction } from './errors';
import { expandAssignmentValue, expandFields, expandPattern, expandString, expandWordsToArgs } from './expand';
import { FileWriter, zeroReader, type Fd, type FdTable } from './io';
import { JobTable, type Job } from './jobs';
import { matchPattern } from './pattern';
import { evalTestExpr, traceTestExpr } from './test';
import { Scopes, VarError, applyCase, varScalar, varValues, type Var } from './vars';

export type Dialect = 'bash' | 'dash' | 'ash';

export type ParseResult =
  | { readonly ok: true; readonly script: Script; readonly warnings?: readonly { readonly message: string; readonly line: number }[] }
  | { readonly ok: false; readonly incomplete: true; readonly inHereDoc?: boolean }
  | { readonly ok: false; readonly incomplete: false; readonly error: { readonly message: string; readonly line: number; readonly sourceLine?: string } };

export type ParseFn = (
  source: string,
  opts: { dialect?: Dialect; aliases?: (name: string) => string | undefined; interactive?: boolean },
) => ParseResult;

export interface ShellConfig {
  readonly dialect: Dialect;
  readonly parse: ParseFn;
  /** The shell's own program, to run scripts without `#!` and `bash script.sh` from inside. */
  readonly program: Program;
}

/** How the shell was started; decides error prefixes. */
export type ShellMode = 'interactive' | 'command' | 'script' | 'stdin';

export interface ShellOptions {
  errexit: boolean;
  nounset: boolean;
  xtrace: boolean;
  pipefail: boolean;
  noexec: boolean;
  noclobber: boolean;
  noglob: boolean;
  allexport: boolean;
  verbose: boolean;
  monitor: boolean;
  hashall: boolean;
  braceexpand: boolean;
  histexpand: boolean;
  emacs: boolean;
  vi: boolean;
  ignoreeof: boolean;
  notify: boolean;
  posix: boolean;
  errtrace: boolean;
  functrace: boolean;
  history: boolean;
  interactiveComments: boolean;
}

export const SET_O_NAMES: readonly (keyof ShellOptions)[] = [
  'allexport', 'braceexpand', 'emacs', 'errexit', 'errtrace', 'functrace', 'hashall', 'histexpand', 'history', 'ignoreeof',
  'interactiveComments', 'monitor', 'noclobber', 'noexec', 'noglob', 'notify', 'nounset', 'pipefail', 'posix', 'verbose', 'vi', 'xtrace',
];

export function optionDisplayName(k: keyof ShellOptions): string {
  return k === 'interactiveComments' ? 'interactive-comments' : k;
}

export const SHORT_OPTIONS: Record<string, keyof ShellOptions> = {
  e: 'errexit', u: 'nounset', x: 'xtrace', n: 'noexec', C: 'noclobber', f: 'noglob', a: 'allexport', v: 'verbose', m: 'monitor', h: 'hashall', B: 'braceexpand', H: 'histexpand', b: 'notify', T: 'functrace', E: 'errtrace',
};

export type Builtin = (sh: Shell, args: string[]) => Promise<number>;

/** Where output and messages go while a builtin or function runs. */
export class Shell {
  ctx: ProcessContext;
  readonly config: ShellConfig;
  mode: ShellMode = 'command';
  /** `$0` */
  name: string;
  /** What error messages start with (bash: $0, or the script path). */
  scriptName: string;
  interactive = false;
  isSubshell = false;
  /** Login shell (`bash -l`). */
  login = false;
  vars: Scopes;
  functions: Map<string, FunctionDef>;
  aliases: Map<string, string>;
  positional: string[];
  options: ShellOptions;
  shopts: Map<string, boolean>;
  status = 0;
  lastBgPid: number | undefined;
  /** Background children by their pid, kept after they exit until waited for (bash's bgpids). */
  readonly bgChildren = new Map<number, Process>();
  pipestatus: number[] = [0];
  fds: FdTable;
  jobs: JobTable;
  traps: Map<string, string>;
  lineno = 0;
  /** Added to statement line numbers when a script is run a chunk at a time. */
  lineOffset = 0;
  umask = 0o022;
  funcDepth = 0;
  loopDepth = 0;
  sourceDepth = 0;
  /** > 0 while running a condition (`if`, `while`, `&&` left side, `!`): `set -e` does not apply. */
  errexitSuppressed = 0;
  startTime: number;
  randomState: number;
  /** ^C arrived while the interactive shell was running builtins. */
  sigint = false;
  private pendingTraps: string[] = [];
  /** Names of functions being executed, innermost first ($FUNCNAME). */
  funcNames: string[] = [];
  /** The history list (REPL); the `history` builtin reads and edits it. */
  history: { entries: string[]; add(line: string): void; clear(): void } | undefined;
  /** Command number for `\#`. */
  commandNumber = 1;
  /** Set by `exec` without a command: redirections stay. */
  dirStack: string[] = [];
  /** Called when the REPL should print job notifications. */
  lastCmdSubstStatus: number | undefined;
  private cachedArithEnv: ArithEnv | undefined;
  /** Called on ^C while a builtin blocks on the terminal (`read`). */
  onInterrupt: (() => void) | undefined;
  /** Set by `exec` without a command: its redirections are not undone. */
  keepRedirections = false;
  private optSub = { optind: 0, pos: 0 };

  constructor(ctx: ProcessContext, config: ShellConfig, name: string) {
    this.ctx = ctx;
    this.config = config;
    this.name = name;
    this.scriptName = name;
    this.vars = new Scopes();
    this.functions = new Map();
    this.aliases = new Map();
    this.positional = [];
    this.options = {
      errexit: false, nounset: false, xtrace: false, pipefail: false, noexec: false, noclobber: false, noglob: false, allexport: false,
      verbose: false, monitor: false, hashall: true, braceexpand: config.dialect === 'bash', histexpand: false, emacs: false, vi: false,
      ignoreeof: false, notify: false, posix: false, errtrace: false, functrace: false, history: false, interactiveComments: true,
    };
    this.shopts = new Map([
      ['checkwinsize', true], ['cmdhist', true], ['complete_fullquote', true], ['expand_aliases', false], ['extglob', false], ['extquote', true],
      ['force_fignore', true], ['globasciiranges', true], ['globskipdots', true], ['hostcomplete', true], ['interactive_comments', true],
      ['patsub_replacement', true], ['progcomp', true], ['promptvars', true], ['sourcepath', true], ['dotglob', false], ['nullglob', false],
      ['failglob', false], ['nocaseglob', false], ['nocasematch', false], ['globstar', false], ['histappend', false], ['lastpipe', false],
      ['login_shell', false], ['inherit_errexit', false], ['xpg_echo', false], ['autocd', false], ['cdspell', false], ['checkhash', false], ['checkjobs', false],
    ]);
    this.fds = new Map<number, Fd>([
      [0, { read: ctx.stdin }],
      [1, { write: ctx.stdout }],
      [2, { write: ctx.stderr }],
    ]);
    this.jobs = new JobTable();
    this.traps = new Map();
    this.startTime = ctx.kernel.clock.now();
    // Seeded from the session's ids, so the same seed gives the same $RANDOM, restored or not.
    this.randomState = ctx.kernel.ids.next(`bash.random`);
    for (const [k, v] of ctx.env) this.vars.global.set(k, { v: { kind: 'scalar', value: v }, exported: true });
  }

  /** A copy of this shell for a child process (subshell, pipeline element, `$(...)`, `&`). */
  fork(ctx: ProcessContext): Shell {
    const sh = new Shell(ctx, this.config, this.name);
    sh.mode = this.mode;
    sh.scriptName = this.scriptName;
    sh.interactive = false;
    sh.isSubshell = true;
    sh.vars = this.vars.clone();
    sh.functions = copyMap(this.functions);
    sh.aliases = copyMap(this.aliases);
    sh.positional = [...this.positional];
    sh.options = { ...this.options, monitor: false };
    sh.shopts = copyMap(this.shopts);
    sh.status = this.status;
    sh.lastBgPid = this.lastBgPid;
    sh.pipestatus = [...this.pipestatus];
    const fds = copyMap(this.fds);
    fds.set(0, { read: ctx.stdin });
    fds.set(1, { write: ctx.stdout });
    fds.set(2, { write: ctx.stderr });
    sh.fds = fds;
    // Traps other than ignored ones are reset in a subshell.
    sh.traps = new Map([...this.traps].filter(([, v]) => v === ''));
    sh.lineno = this.lineno;
    sh.lineOffset = this.lineOffset;
    sh.umask = this.umask;
    sh.funcDepth = this.funcDepth;
    sh.funcNames = [...this.funcNames];
    sh.loopDepth = this.loopDepth;
    sh.sourceDepth = this.sourceDepth;
    sh.errexitSuppressed = this.errexitSuppressed;
    sh.startTime = this.startTime;
    sh.randomState = this.randomState ^ ctx.pid;
    sh.history = this.history;
    sh.dirStack = [...this.dirStack];
    sh.login = this.login;
    return sh;
  }

  get dialect(): Dialect {
    return this.config.dialect;
  }

  get fs() {
    return this.ctx.fs;
  }

  get cwd(): string {
    return this.ctx.cwd;
  }

  // ---------------------------------------------------------------- output and messages

  fdWriter(fd: number): WriteStream | undefined {
    return this.fds.get(fd)?.write;
  }

  async out(s: string | Uint8Array): Promise<void> {
    const w = this.fdWriter(1);
    if (w) await w.write(s);
  }

  async err(s: string): Promise<void> {
    const w = this.fdWriter(2);
    if (!w) return;
    try {
      await w.write(s);
    } catch (e) {
      if (!isSysError(e, 'EPIPE')) throw e;
    }
  }

  /** The prefix of error messages: `bash: `, `bash: line 3: `, `./x.sh: line 3: `, `sh: 1: `. */
  prefix(line = this.lineno): string {
    switch (this.dialect) {
      case 'dash':
        return `${this.scriptName}: ${line}: `;
      case 'ash':
        return this.mode === 'script' ? `${this.scriptName}: line ${line}: ` : `${this.scriptName}: `;
      default:
        if (this.mode === 'interactive' && !this.isSubshell && this.sourceDepth === 0) return `${this.scriptName}: `;
        if (this.mode === 'interactive') return `${this.scriptName}: `;
        if (this.mode === 'command' && this.funcDepth > 0) return `environment: line ${line}: `;
        return `${this.scriptName}: line ${line}: `;
    }
  }

  /** Prints `prefix + msg` on stderr. */
  async error(msg: string): Promise<void> {
    await this.err(`${this.prefix()}${msg}\n`);
  }

  /** A builtin's error: `bash: line 1: cd: msg`. */
  async builtinError(name: string, msg: string): Promise<void> {
    await this.err(`${this.prefix()}${name}: ${msg}\n`);
  }

  // ---------------------------------------------------------------- variables

  getVar(name: string): Var | undefined {
    return this.vars.lookup(name);
  }

  /** The value of a parameter as `$name` gives it, undefined when unset. */
  getScalar(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return String(this.rootPid());
      case '#':
        return String(this.positional.length);
      case '!':
        return this.lastBgPid === undefined ? undefined : String(this.lastBgPid);
      case '-':
        return this.flagString();
      case '0':
        return this.name;
      case '@':
      case '*':
        return this.positional.join(name === '*' ? this.ifsFirst() : ' ');
      default:
        break;
    }
    if (/^[1-9][0-9]*$/.test(name)) return this.positional[Number(name) - 1];
    const v = this.vars.lookup(name);
    if (v) return varScalar(v);
    return this.dynamicVar(name);
  }

  private dynamicVar(name: string): string | undefined {
    if (this.dialect !== 'bash' && !['PPID', 'PWD', 'OLDPWD', 'LINENO'].includes(name)) return undefined;
    switch (name) {
      case 'RANDOM':
        this.randomState = (Math.imul(this.randomState, 1103515245) + 12345) >>> 0;
        return String((this.randomState >>> 16) & 0x7fff);
      case 'LINENO':
        return String(this.lineno);
      case 'SECONDS':
        return String(Math.floor((this.ctx.kernel.clock.now() - this.startTime) / 1000));
      case 'BASHPID':
        return String(this.ctx.process.nsPid);
      case 'EPOCHSECONDS':
        return String(Math.floor(this.ctx.kernel.clock.now() / 1000));
      case 'EPOCHREALTIME': {
        const t = this.ctx.kernel.clock.now();
        return `${Math.floor(t / 1000)}.${String((t % 1000) * 1000).padStart(6, '0')}`;
      }
      case 'FUNCNAME':
        return this.funcNames[0];
      case 'PIPESTATUS':
        return String(this.pipestatus[0] ?? 0);
      case 'BASH_SUBSHELL':
        return this.isSubshell ? '1' : '0';
      default:
        return undefined;
    }
  }

  /** Values of an array-ish parameter for `${name[@]}`. */
  getValues(name: string): string[] | undefined {
    if (name === '@' || name === '*') return [...this.positional];
    if (name === 'PIPESTATUS' && !this.vars.lookup(name)) return this.pipestatus.map(String);
    if (name === 'FUNCNAME' && !this.vars.lookup(name)) return this.funcNames.length ? [...this.funcNames, 'main'] : undefined;
    const v = this.vars.lookup(name);
    if (!v) {
      const s = this.getScalar(name);
      return s === undefined ? undefined : [s];
    }
    return varValues(v);
  }

  rootPid(): number {
    // `$$` is the pid of the top shell, even in subshells.
    const v = this.vars.global.get('\0pid');
    return v ? Number(varScalar(v)) : this.ctx.pid;
  }

  ifsFirst(): string {
    const ifs = this.getScalar('IFS');
    return ifs === undefined ? ' ' : ifs.slice(0, 1);
  }

  flagString(): string {
    let s = '';
    const o = this.options;
    if (o.allexport) s += 'a';
    if (o.notify) s += 'b';
    if (o.noclobber) s += 'C';
    if (o.errexit) s += 'e';
    if (o.noglob) s += 'f';
    if (o.hashall) s += 'h';
    if (this.interactive) s += 'i';
    if (o.monitor) s += 'm';
    if (o.noexec) s += 'n';
    if (o.nounset) s += 'u';
    if (o.verbose) s += 'v';
    if (o.xtrace) s += 'x';
    if (o.braceexpand) s += 'B';
    if (o.histexpand) s += 'H';
    if (this.mode === 'command') s += 'c';
    if (this.mode === 'stdin') s += 's';
    return s;
  }

  /** Sets a scalar (or an element when `index` is given). Throws VarError for readonly. */
  setVar(name: string, value: string, opts: { index?: string; append?: boolean; local?: boolean } = {}): void {
    const scope = opts.local ? this.vars.stack[this.vars.stack.length - 1]! : this.vars.scopeOf(name);
    let v = scope.get(name);
    if (v?.readonly) throw new VarError(this.dialect === 'bash' ? `${name}: readonly variable` : `${name}: is read only`);
    if (!v) {
      v = { v: { kind: 'scalar', value: undefined } };
      if (this.options.allexport) v.exported = true;
      scope.set(name, v);
    }
    let val = value;
    if (v.integer) {
      const cur = opts.append ? this.elementOf(v, opts.index) ?? '0' : '0';
      val = String(this.arith(opts.append ? `${cur}+(${value})` : value));
    } else if (opts.append) {
      val = (this.elementOf(v, opts.index) ?? '') + value;
    }
    val = applyCase(v, val);
    if (opts.index === undefined) {
      if (v.v.kind === 'scalar') v.v.value = val;
      else if (v.v.kind === 'indexed') v.v.value.set(0, val);
      else v.v.value.set('0', val);
    } else if (v.v.kind === 'assoc') {
      v.v.value.set(opts.index, val);
    } else {
      let idx = Number(this.arith(opts.index));
      if (v.v.kind === 'scalar') {
        const m = new Map<number, string>();
        if (v.v.value !== undefined) m.set(0, v.v.value);
        v.v = { kind: 'indexed', value: m };
      }
      const m = (v.v as { value: Map<number, string> }).value;
      if (idx < 0) {
        const max = m.size ? Math.max(...m.keys()) + 1 : 0;
        idx += max;
        if (idx < 0) throw new VarError(`${name}[${opts.index}]: bad array subscript`);
      }
      m.set(idx, val);
    }
    if (name === 'PWD' || name === 'HOME' || name === 'PATH') this.syncEnv(name, v);
  }

  private elementOf(v: Var, index: string | undefined): string | undefined {
    if (index === undefined) return varScalar(v);
    if (v.v.kind === 'assoc') return v.v.value.get(index);
    if (v.v.kind === 'indexed') return v.v.value.get(Number(this.arith(index)));
    return index === '0' ? v.v.value : undefined;
  }

  private syncEnv(_name: string, _v: Var): void {
    // The process environment is rebuilt from exported variables at each spawn; nothing to do.
  }

  /** Sets a whole indexed (or associative) array. */
  setArray(name: string, values: string[] | Map<string, string>, opts: { append?: boolean; local?: boolean; assoc?: boolean } = {}): void {
    const scope = opts.local ? this.vars.stack[this.vars.stack.length - 1]! : this.vars.scopeOf(name);
    let v = scope.get(name);
    if (v?.readonly) throw new VarError(`${name}: readonly variable`);
    if (!v) {
      v = { v: { kind: 'scalar', value: undefined } };
      scope.set(name, v);
    }
    if (values instanceof Map || v.v.kind === 'assoc' || opts.assoc) {
      const m = v.v.kind === 'assoc' && opts.append ? v.v.value : new Map<string, string>();
      if (values instanceof Map) for (const [k, val] of values) m.set(k, val);
      v.v = { kind: 'assoc', value: m };
      return;
    }
    let m: Map<number, string>;
    if (opts.append && v.v.kind === 'indexed') m = v.v.value;
    else if (opts.append && v.v.kind === 'scalar' && v.v.value !== undefined) m = new Map([[0, v.v.value]]);
    else m = new Map();
    let next = m.size ? Math.max(...m.keys()) + 1 : 0;
    for (const val of values) m.set(next++, v.integer ? String(this.arith(val)) : val);
    v.v = { kind: 'indexed', value: m };
  }

  unsetVar(name: string, index?: string): void {
    const scope = this.vars.scopeOf(name);
    const v = scope.get(name);
    if (!v) return;
    if (v.readonly) throw new VarError(`${name}: cannot unset: readonly variable`);
    if (index !== undefined) {
      if (v.v.kind === 'assoc') v.v.value.delete(index);
      else if (v.v.kind === 'indexed') v.v.value.delete(Number(this.arith(index)));
      else if (index === '0') scope.delete(name);
      return;
    }
    if (scope !== this.vars.global && this.vars.stack.indexOf(scope) === this.vars.stack.length - 1 && this.funcDepth > 0) {
      // bash: unsetting a local in its own function leaves it unset-but-local.
      scope.set(name, { v: { kind: 'scalar', value: undefined } });
      return;
    }
    scope.delete(name);
  }

  arithEnv(): ArithEnv {
    if (this.cachedArithEnv) return this.cachedArithEnv;
    this.cachedArithEnv = {
      get: (name, index) => {
        if (index === undefined) {
          const s = this.getScalar(name);
          return s;
        }
        const v = this.vars.lookup(name);
        if (!v) return undefined;
        if (v.v.kind === 'assoc') return v.v.value.get(index);
        if (v.v.kind === 'indexed') {
          let i = Number(index);
          if (i < 0) i += v.v.value.size ? Math.max(...v.v.value.keys()) + 1 : 0;
          return v.v.value.get(i);
        }
        return index === '0' ? v.v.value : undefined;
      },
      set: (name, value, index) => {
        const v = this.vars.lookup(name);
        if (index !== undefined && v?.v.kind !== 'assoc') {
          const vv = this.vars.lookup(name);
          if (vv?.readonly) throw new VarError(`${name}: readonly variable`);
          this.setVar(name, value, { index });
          return;
        }
        this.setVar(name, value, { index });
      },
      isAssoc: (name) => this.vars.lookup(name)?.v.kind === 'assoc',
      unset: (name) => {
        if (this.options.nounset) throw new VarError(`${name}: unbound variable`);
      },
    };
    return this.cachedArithEnv;
  }

  /** Evaluates arithmetic; throws ArithError / VarError. */
  arith(expr: string): bigint {
    return evalArith(expr, this.arithEnv());
  }

  /** Exported variables: the environment of a child process. */
  environment(extra?: Map<string, string>): Map<string, string> {
    const env = this.vars.exported();
    if (extra) for (const [k, v] of extra) env.set(k, v);
    return env;
  }

  /** Warned once that there are stopped jobs (a second `exit` leaves). */
  warnedStopped = false;

  /** Sources a file by absolute path (rc files). */
  async runSourceFile(path: string): Promise<number> {
    const src = builtinFor(this, '.')!;
    return src(this, ['.', path]);
  }

  bashVersion(): string {
    return versions.bash;
  }

  getOptSub(optind: number): number {
    return this.optSub.optind === optind ? this.optSub.pos : 0;
  }

  setOptSub(optind: number, pos: number): void {
    this.optSub = { optind, pos };
  }

  /** `trap 'cmd' SIG` / `trap '' SIG`. */
  installTrap(sig: Signal, how: 'ignore' | 'trap'): void {
    if (sig === 'SIGKILL' || sig === 'SIGSTOP') return;
    if (how === 'ignore') this.ctx.trap(sig, 'ignore');
    else this.ctx.trap(sig, () => this.queueTrap(sig));
  }

  /** `trap - SIG`: the shell's own default for the signal. */
  resetSignal(sig: Signal): void {
    if (this.interactive && !this.isSubshell && (sig === 'SIGINT' || sig === 'SIGTERM' || sig === 'SIGQUIT' || sig === 'SIGTSTP' || sig === 'SIGTTIN' || sig === 'SIGTTOU')) {
      this.installInteractiveSignals();
      return;
    }
    this.ctx.trap(sig, 'default');
  }

  /** An interactive shell ignores SIGTERM and SIGQUIT, and turns SIGINT into abandoning the line. */
  installInteractiveSignals(): void {
    this.ctx.trap('SIGINT', () => {
      if (this.traps.has('SIGINT')) this.queueTrap('SIGINT');
      this.sigint = true;
      this.onInterrupt?.();
    });
    for (const s of ['SIGTERM', 'SIGQUIT', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU'] as const) this.ctx.trap(s, 'ignore');
  }

  /**
   * Runs a script's text: parsed whole when it is valid, else a command at a time (so the commands
   * before a syntax error run, as bash does). A syntax error ends a script with status 2.
   */
  async runText(text: string, opts: { source?: boolean } = {}): Promise<number> {
    const parse = (src: string, interactive: boolean) => this.config.parse(src, { dialect: this.dialect, aliases: this.aliasLookup(), interactive });
    const whole = parse(text, false);
    if (whole.ok) {
      for (const w of whole.warnings ?? []) await this.parseWarning(w.message, w.line);
      this.lineOffset = 0;
      await this.runStatements(whole.script.body);
      return this.status;
    }
    const lines = text.split('\n');
    let start = 0;
    while (start < lines.length) {
      let end = start + 1;
      for (;;) {
        const chunk = lines.slice(start, end).join('\n');
        const r = parse(chunk, end < lines.length);
        if (r.ok) {
          for (const w of r.warnings ?? []) await this.parseWarning(w.message, start + w.line);
          this.lineOffset = start;
          await this.runStatements(r.script.body);
          break;
        }
        if (!r.incomplete || end >= lines.length) {
          let err: { message: string; line: number; sourceLine?: string } = r.incomplete ? { message: 'syntax error: unexpected end of file', line: end - start } : r.error;
          if (r.incomplete) {
            const again = parse(chunk, false);
            if (!again.ok && !again.incomplete) err = again.error;
          }
          const line = start + err.line;
          this.lineno = line;
          await this.syntaxError(err.message, line, err.sourceLine ?? lines[line - 1] ?? '');
          this.status = 2;
          if (opts.source) return 2;
          throw new ExitShell(2);
        }
        end++;
      }
      start = end;
    }
    return this.status;
  }

  // ---------------------------------------------------------------- running

  async checkpoint(): Promise<void> {
    await this.ctx.checkpoint();
    if (this.sigint) {
      this.sigint = false;
      throw new Interrupted();
    }
    if (this.pendingTraps.length) await this.runPendingTraps();
  }

  /** Queues a trap action for a signal (called from the signal disposition). */
  queueTrap(sig: string): void {
    const action = this.traps.get(sig);
    if (action) this.pendingTraps.push(action);
  }

  private async runPendingTraps(): Promise<void> {
    const list = this.pendingTraps;
    this.pendingTraps = [];
    const saved = this.status;
    for (const a of list) await this.evalString(a, 'trap');
    this.status = saved;
  }

  /** Parses and runs a string in this shell (`eval`, traps, `source`). */
  async evalString(source: string, _what: string): Promise<number> {
    const r = this.config.parse(source, { dialect: this.dialect, aliases: this.aliasLookup(), interactive: false });
    if (!r.ok) {
      if (r.incomplete) return 0;
      await this.syntaxError(r.error.message, this.lineno + r.error.line - 1, r.error.sourceLine ?? source.split('\n')[r.error.line - 1] ?? '', false);
      this.status = 2;
      return 2;
    }
    const savedOffset = this.lineOffset;
    this.lineOffset = this.lineno - 1 + this.lineOffset - this.lineOffset;
    try {
      await this.runStatements(r.script.body);
    } finally {
      this.lineOffset = savedOffset;
    }
    return this.status;
  }

  aliasLookup(): ((name: string) => string | undefined) | undefined {
    if (this.aliases.size === 0) return undefined;
    if (this.dialect === 'bash' && !this.interactive && !this.shopts.get('expand_aliases')) return undefined;
    return (name) => this.aliases.get(name);
  }

  /** A parser warning (a here-document ended by end of file). */
  async parseWarning(message: string, line: number): Promise<void> {
    if (this.dialect !== 'bash') return;
    const head = this.mode === 'interactive' ? `${this.scriptName}: ` : `${this.scriptName}: line ${line}: `;
    await this.err(`${head}${message}\n`);
  }

  async syntaxError(message: string, line: number, lineText: string, fromParseOfInput = true): Promise<void> {
    if (this.dialect !== 'bash') {
      await this.err(`${this.prefix(line)}${message}\n`);
      return;
    }
    if (this.mode === 'interactive' && !this.isSubshell) {
      await this.err(`${this.scriptName}: ${message}\n`);
      return;
    }
    const head = this.mode === 'command' && fromParseOfInput ? `${this.scriptName}: -c: line ${line}: ` : `${this.scriptName}: line ${line}: `;
    await this.err(`${head}${message}\n`);
    if (message.startsWith('syntax error near')) await this.err(`${head}\`${lineText}'\n`);
  }

  async runStatements(stmts: readonly Statement[]): Promise<number> {
    for (const st of stmts) await this.runStatement(st);
    return this.status;
  }

  async runStatement(st: Statement): Promise<number> {
    await this.checkpoint();
    this.lineno = st.line + this.lineOffset;
    if (this.options.noexec && !this.interactive) return this.status;
    if (st.background) {
      await this.startBackground(st);
      this.status = 0;
      return 0;
    }
    const status = await this.runAndOr(st.command);
    return status;
  }

  private async runAndOr(ao: AndOr): Promise<number> {
    if (ao.rest.length === 0) {
      const s = await this.runPipeline(ao.first, false);
      await this.afterCommand(s, ao.first);
      return s;
    }
    this.errexitSuppressed++;
    let status: number;
    let last = ao.first;
    let lastRanIsFinal = false;
    try {
      status = await this.runPipeline(ao.first, true);
      for (let i = 0; i < ao.rest.length; i++) {
        const { op, pipeline } = ao.rest[i]!;
        if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
        const final = i === ao.rest.length - 1;
        if (final) this.errexitSuppressed--;
        try {
          status = await this.runPipeline(pipeline, !final);
        } finally {
          if (final) this.errexitSuppressed++;
        }
        last = pipeline;
        lastRanIsFinal = final;
      }
    } finally {
      this.errexitSuppressed--;
    }
    if (lastRanIsFinal) await this.afterCommand(status, last);
    return status;
  }

  /** `set -e` and the ERR trap after a command that failed outside a condition. */
  private async afterCommand(status: number, p: Pipeline): Promise<void> {
    if (status === 0 || p.negated || this.errexitSuppressed > 0) return;
    const errTrap = this.traps.get('ERR');
    if (errTrap) {
      const saved = this.status;
      await this.evalString(errTrap, 'trap');
      this.status = saved;
    }
    if (this.options.errexit) throw new ExitShell(status);
  }

  async runPipeline(p: Pipeline, suppressed: boolean): Promise<number> {
    if (suppressed || p.negated) this.errexitSuppressed++;
    let status: number;
    const t0 = p.timed ? this.ctx.kernel.clock.now() : 0;
    try {
      if (p.commands.length === 1) {
        status = await this.runCommand(p.commands[0]!);
        this.pipestatus = [status];
      } else {
        status = await this.runMultiPipeline(p);
      }
    } finally {
      if (suppressed || p.negated) this.errexitSuppressed--;
    }
    if (p.negated) status = status === 0 ? 1 : 0;
    this.status = status;
    if (p.timed) {
      const secs = (this.ctx.kernel.clock.now() - t0) / 1000;
      const fmt = (s: number) => `${Math.floor(s / 60)}m${(s % 60).toFixed(3)}s`;
      await this.err(`\nreal\t${fmt(secs)}\nuser\t0m0.000s\nsys\t0m0.000s\n`);
    }
    return status;
  }

  private async runMultiPipeline(p: Pipeline): Promise<number> {
    const n = p.commands.length;
    const pipes: Pipe[] = [];
    for (let i = 0; i < n - 1; i++) pipes.push(new Pipe());
    const procs: Process[] = [];
    const jobControl = this.jobControlActive();
    let pgid = jobControl ? 0 : this.ctx.process.pgid;
    const stdin0 = this.fds.get(0)?.read ?? nullReader;
    const stdout0 = this.fds.get(1)?.write ?? nullWriter;
    const stderr0 = this.fds.get(2)?.write ?? nullWriter;
    for (let i = 0; i < n; i++) {
      const cmd = p.commands[i]!;
      const stdin = i === 0 ? stdin0 : pipes[i - 1]!.reader;
      const stdout = i === n - 1 ? stdout0 : pipes[i]!.writer;
      const stderr = i < n - 1 && p.pipeStderr[i] ? pipes[i]!.writer : stderr0;
      const direct = await this.directExternal(cmd, { stdin, stdout, stderr }, pgid);
      const proc = direct ?? this.spawnSubshell((sub) => sub.runCommand(cmd), { stdin, stdout, stderr }, pgid, this.commandText(cmd));
      if (pgid === 0) pgid = proc.pid;
      procs.push(proc);
      const inPipe = i > 0 ? pipes[i - 1] : undefined;
      const outPipe = i < n - 1 ? pipes[i] : undefined;
      void proc.exited.then(() => {
        inPipe?.reader.close();
        outPipe?.writer.close();
      });
    }
    const statuses = await this.waitForeground(procs, pgid, () => p.commands.map((c) => this.commandText(c)).join(' | '));
    this.pipestatus = statuses;
    let status = statuses[statuses.length - 1] ?? 0;
    if (this.options.pipefail) {
      for (let i = statuses.length - 1; i >= 0; i--) {
        if (statuses[i] !== 0) {
          status = statuses[i]!;
          break;
        }
      }
    }
    return status;
  }

  /**
   * A pipeline element that is a plain external command (`grep x`, no assignments or
   * redirections, not a function, builtin or alias) runs as its own process, without a subshell
   * around it, as bash's fork-then-exec shows in `ps`.
   */
  private async directExternal(cmd: Command, stdio: { stdin: ReadStream; stdout: WriteStream; stderr: WriteStream }, pgid: number): Promise<Process | undefined> {
    if (cmd.type !== 'SimpleCommand' || cmd.assignments.length || cmd.redirects.length || cmd.words.length === 0) return undefined;
    for (const w of cmd.words) {
      for (const p of w.parts) {
        if (p.type === 'CommandSubst' || p.type === 'ArithSubst' || p.type === 'ProcessSubst') return undefined;
        if (p.type === 'DoubleQuoted' && p.parts.some((q) => q.type !== 'Literal' && q.type !== 'Param')) return undefined;
      }
    }
    const lit = cmd.words[0]!.parts.length === 1 ? cmd.words[0]!.parts[0] : undefined;
    if (lit?.type !== 'Literal' || this.options.nounset) return undefined;
    const name = lit.value;
    if (this.functions.has(name) || builtinFor(this, name) || /[~*?[{]/.test(name)) return undefined;
    const path = this.getScalar('PATH');
    const r = this.resolve(name);
    if (r.kind !== 'program') return undefined;
    this.lineno = cmd.line + this.lineOffset;
    let argv: string[];
    try {
      argv = await expandWordsToArgs(this, cmd.words);
    } catch {
      return undefined;
    }
    if (argv[0] !== name) return undefined;
    if (this.options.xtrace) await this.xtrace(argv.map(xquote).join(' '));
    // The lookup above stands unless the expansion assigned PATH (`${PATH:=...}`).
    const p = await this.startExternal(argv, new Map(), pgid, stdio, this.getScalar('PATH') === path ? r : undefined);
    return typeof p === 'number' ? undefined : p;
  }

  commandText(c: Command): string {
    if (c.type === 'SimpleCommand') {
      const parts: string[] = [];
      for (const a of c.assignments) parts.push(`${a.name}=${a.value?.text ?? ''}`);
      for (const w of c.words) parts.push(w.text);
      return parts.join(' ');
    }
    if (c.type === 'FunctionDef') return c.text;
    return c.type.toLowerCase();
  }

  jobControlActive(): boolean {
    return this.interactive && this.options.monitor && !this.isSubshell && this.ctx.tty !== undefined;
  }

  /** Starts a child process running `fn` in a forked copy of this shell. */
  spawnSubshell(fn: (sub: Shell) => Promise<number>, stdio: { stdin: ReadStream; stdout: WriteStream; stderr: WriteStream }, pgid: number, label: string, ignore?: Signal[]): Process {
    const program: Program = async (cctx) => {
      const sub = this.fork(cctx);
      return sub.runAsChild(() => fn(sub));
    };
    const argv = [this.ctx.argv[0] ?? 'bash'];
    void label;
    return this.ctx.spawn({ argv, program, env: this.environment(), cwd: this.cwd, fs: this.fs, stdio, pgid, ignore });
  }

  /** Runs the body of a child shell process: handles exit, fatal errors and the EXIT trap. */
  async runAsChild(fn: () => Promise<number>): Promise<number> {
    let status: number;
    try {
      status = await fn();
    } catch (e) {
      status = this.exitStatusOf(e);
    }
    return this.finish(status);
  }

  exitStatusOf(e: unknown): number {
    if (e instanceof ExitShell) return e.status;
    if (e instanceof FatalShellError) return e.status;
    if (e instanceof ReturnFromFunction) return e.status;
    if (e instanceof BreakLoop || e instanceof ContinueLoop) return this.status;
    if (e instanceof Interrupted) return 130;
    throw e;
  }

  /** Runs the EXIT trap and returns the final status. */
  async finish(status: number): Promise<number> {
    const exitTrap = this.traps.get('EXIT');
    if (exitTrap) {
      this.traps.delete('EXIT');
      this.status = status;
      try {
        await this.evalString(exitTrap, 'trap');
      } catch (e) {
        if (e instanceof ExitShell) return e.status;
        if (!(e instanceof FatalShellError)) throw e;
      }
    }
    return status;
  }

  /** Waits for a foreground job's processes; stops and ^C as bash handles them. */
  /** Waits for a foreground job; `text` (made only if the job stops) is how `jobs` shows it. */
  async waitForeground(procs: Process[], pgid: number, text: string | (() => string)): Promise<number[]> {
    const tty = this.ctx.tty;
    const jc = this.jobControlActive();
    if (jc && tty) tty.foregroundPgid = pgid;
    let stopped = false;
    try {
      for (const p of procs) {
        const state = await this.ctx.wait(jc ? p.waitChange() : p.exited.then(() => 'exited' as const));
        if (state === 'stopped') {
          stopped = true;
          break;
        }
      }
    } finally {
      if (jc && tty) tty.foregroundPgid = this.ctx.process.pgid;
    }
    if (stopped) {
      const job = this.jobs.add(pgid, procs, typeof text === 'string' ? text : text());
      job.state = 'Stopped';
      this.jobs.touch(job);
      // The terminal echoed `^Z` without a newline; bash ends that line first.
      await this.err(`\n${this.jobs.format(job, false)}\n`);
      return [148];
    }
    // Pushed into a literal, as `[148]` above is: Array.prototype.map's result can be another kind
    // of array, and the callers' optimised code deoptimises on meeting both.
    const statuses: number[] = [];
    for (const p of procs) statuses.push(p.exit?.status ?? 0);
    if (this.interactive && !this.isSubshell) {
      const last = procs[procs.length - 1];
      if (procs.some((p) => p.exit?.signal === 'SIGINT')) {
        throw new Interrupted();
      }
      const sig = last?.exit?.signal;
      if (sig && sig !== 'SIGPIPE') {
        await this.err(`${SIGNAL_DESCRIPTIONS[sig]}\n`);
      }
    }
    return statuses;
  }

  private async startBackground(st: Statement): Promise<void> {
    const jc = this.jobControlActive();
    const stdio = {
      // Without job control a background command reads /dev/null (bash and POSIX).
      stdin: jc ? (this.fds.get(0)?.read ?? nullReader) : nullReader,
      stdout: this.fds.get(1)?.write ?? nullWriter,
      stderr: this.fds.get(2)?.write ?? nullWriter,
    };
    const proc = this.spawnSubshell(
      async (sub) => {
        const s = await sub.runAndOr(st.command);
        return s;
      },
      stdio,
      jc ? 0 : this.ctx.process.pgid,
      st.text,
      jc ? undefined : ['SIGINT', 'SIGQUIT'],
    );
    this.lastBgPid = proc.nsPid;
    this.bgChildren.set(proc.nsPid, proc);
    if (this.bgChildren.size > 1024) this.bgChildren.delete(this.bgChildren.keys().next().value as number);
    if (this.interactive && !this.isSubshell) {
      const job = this.jobs.add(proc.pgid, [proc], st.text.replace(/\s*&\s*$/, ''));
      await this.err(`[${job.id}] ${proc.nsPid}\n`);
    }
  }

  async runCommand(cmd: Command): Promise<number> {
    switch (cmd.type) {
      case 'SimpleCommand':
        return this.runSimple(cmd);
      case 'FunctionDef':
        this.functions.set(cmd.name, cmd);
        this.status = 0;
        return 0;
      default:
        break;
    }
    const saved = await this.applyRedirects(cmd.redirects);
    if (typeof saved === 'number') {
      this.status = saved;
      return saved;
    }
    try {
      const s = await this.runCompound(cmd);
      this.status = s;
      return s;
    } finally {
      this.restoreFds(saved);
    }
  }

  private async runCompound(cmd: Exclude<Command, SimpleCommand | FunctionDef>): Promise<number> {
    switch (cmd.type) {
      case 'BraceGroup':
        return this.runStatements(cmd.body);
      case 'Subshell': {
        this.lineno = cmd.line + this.lineOffset;
        const proc = this.spawnSubshell((sub) => sub.runStatements(sub.body(cmd.body)), this.stdio(), this.jobControlActive() ? 0 : this.ctx.process.pgid, 'subshell');
        const [s] = await this.waitForeground([proc], proc.pgid, 'subshell');
        this.status = s ?? 0;
        return this.status;
      }
      case 'If':
        return this.runIf(cmd);
      case 'For':
        return this.runFor(cmd);
      case 'ArithFor':
        return this.runArithFor(cmd);
      case 'While':
        return this.runWhile(cmd);
      case 'Case':
        return this.runCase(cmd);
      case 'ArithCommand': {
        this.lineno = cmd.line + this.lineOffset;
        const expr = await expandString(this, cmd.expr, { arith: true });
        if (this.options.xtrace) await this.xtrace(`((${expr}))`);
        try {
          return this.arith(expr) !== 0n ? 0 : 1;
        } catch (e) {
          await this.reportArithError(e, '((: ');
          return 1;
        }
      }
      case 'TestCommand': {
        this.lineno = cmd.line + this.lineOffset;
        if (this.options.xtrace) await this.xtrace(`[[ ${await traceTestExpr(this, cmd.expr)} ]]`);
        return evalTestExpr(this, cmd.expr);
      }
    }
  }

  private body(stmts: readonly Statement[]): readonly Statement[] {
    return stmts;
  }

  stdio(): { stdin: ReadStream; stdout: WriteStream; stderr: WriteStream } {
    return {
      stdin: this.fds.get(0)?.read ?? nullReader,
      stdout: this.fds.get(1)?.write ?? nullWriter,
      stderr: this.fds.get(2)?.write ?? nullWriter,
    };
  }

  async reportArithError(e: unknown, what = ''): Promise<void> {
    if (e instanceof ArithError) await this.error(`${what}${e.message}`);
    else if (e instanceof VarError) await this.error(e.message);
    else throw e;
  }

  /** Runs a condition list with `set -e` suspended. */
  async condition(stmts: readonly Statement[]): Promise<number> {
    this.errexitSuppressed++;
    try {
      return await this.runStatements(stmts);
    } finally {
      this.errexitSuppressed--;
    }
  }

  private async runIf(cmd: IfClause): Promise<number> {
    for (const c of cmd.clauses) {
      if ((await this.condition(c.condition)) === 0) return this.runStatements(c.body);
    }
    if (cmd.elseBody) return this.runStatements(cmd.elseBody);
    this.status = 0;
    return 0;
  }

  /** Runs a loop body; returns 'break' / 'continue' handling nested levels. */
  private async loopBody(body: readonly Statement[]): Promise<'break' | 'next'> {
    try {
      await this.runStatements(body);
    } catch (e) {
      if (e instanceof BreakLoop) {
        if (e.n > 1) {
          e.n--;
          throw e;
        }
        return 'break';
      }
      if (e instanceof ContinueLoop) {
        if (e.n > 1) {
          e.n--;
          throw e;
        }
        return 'next';
      }
      throw e;
    }
    return 'next';
  }

  /**
   * The frame the loops share: before each pass `next()` says whether to run the body (true), end
   * the loop (false), go round again without it ('skip') or return a status at once (a number);
   * `after` runs after each body that did not `break`.
   */
  private async loop(body: readonly Statement[], next: () => Promise<boolean | 'skip' | number>, after?: () => Promise<unknown>): Promise<number> {
    let status = 0;
    this.loopDepth++;
    try {
      for (;;) {
        await this.checkpoint();
        const go = await next();
        if (typeof go === 'number') return go;
        if (go === 'skip') continue;
        if (!go) break;
        const r = await this.loopBody(body);
        status = this.status;
        if (r === 'break') break;
        await after?.();
      }
    } finally {
      this.loopDepth--;
    }
    this.status = status;
    return status;
  }

  private async runFor(cmd: ForClause): Promise<number> {
    this.lineno = cmd.line + this.lineOffset;
    const items = cmd.items ? await expandWordsToArgs(this, cmd.items) : [...this.positional];
    this.status = 0;
    let i = 0;
    return this.loop(cmd.body, async () => {
      if (i >= items.length) return false;
      const item = items[i++]!;
      if (this.options.xtrace) await this.xtrace(`for ${cmd.variable} in ${items.map(xquote).join(' ')}`);
      try {
        this.setVar(cmd.variable, item);
      } catch (e) {
        if (e instanceof VarError) {
          await this.error(e.message);
          return 1;
        }
        throw e;
      }
      return true;
    });
  }

  private async runArithFor(cmd: ArithForClause): Promise<number> {
    this.lineno = cmd.line + this.lineOffset;
    const ev = async (w: Word, dflt: bigint): Promise<bigint> => {
      const s = await expandString(this, w, { arith: true });
      if (s.trim() === '') return dflt;
      return this.arith(s);
    };
    try {
      await ev(cmd.init, 0n);
      return await this.loop(cmd.body, async () => (await ev(cmd.test, 1n)) !== 0n, () => ev(cmd.update, 0n));
    } catch (e) {
      if (e instanceof ArithError || e instanceof VarError) {
        await this.reportArithError(e, '((: ');
        return 1;
      }
      throw e;
    }
  }

  private async runWhile(cmd: WhileClause): Promise<number> {
    return this.loop(cmd.body, async () => {
      try {
        return ((await this.condition(cmd.condition)) === 0) !== cmd.until;
      } catch (e) {
        if (e instanceof BreakLoop && e.n <= 1) return false;
        if (e instanceof ContinueLoop && e.n <= 1) return 'skip';
        throw e;
      }
    });
  }

  private async runCase(cmd: CaseClause): Promise<number> {
    this.lineno = cmd.line + this.lineOffset;
    const word = await expandString(this, cmd.word, {});
    const nocase = this.shopts.get('nocasematch') ?? false;
    let fallthrough = false;
    this.status = 0;
    for (let i = 0; i < cmd.items.length; i++) {
      const item = cmd.items[i]!;
      let matched = fallthrough;
      if (!matched) {
        for (const p of item.patterns) {
          const pat = await expandPattern(this, p);
          if (matchPattern(pat, word, nocase)) {
            matched = true;
            break;
          }
        }
      }
      if (!matched) continue;
      await this.runStatements(item.body);
      if (item.terminator === ';;') break;
      fallthrough = item.terminator === ';&';
    }
    return this.status;
  }

  // ---------------------------------------------------------------- simple commands

  async xtrace(text: string): Promise<void> {
    const ps4 = this.getScalar('PS4') ?? '+ ';
    await this.err(`${ps4}${text}\n`);
  }

  private async doAssignments(cmd: SimpleCommand, opts: { temp?: Map<string, string>; trace: string[] }): Promise<boolean> {
    for (const a of cmd.assignments) {
      try {
        if (a.array) {
          const values: string[] = [];
          const assoc = new Map<string, string>();
          const v = this.getVar(a.name);
          const isAssoc = v?.v.kind === 'assoc';
          let idx = 0;
          for (const w of a.array) {
            const m = /^\[([^\]]*)\]=/.exec(w.text);
            if (m) {
              const val = await expandString(this, stripKey(w), {});
              const key = m[1]!;
              if (isAssoc) assoc.set(key, val);
              else {
                idx = Number(this.arith(key));
                while (values.length < idx) values.push('\0unset');
                values[idx] = val;
                idx++;
              }
            } else if (isAssoc) {
              await this.error(`${a.name}: ${w.text}: must use subscript when assigning associative array`);
            } else {
              for (const f of await expandFields(this, w)) {
                values[idx++] = f;
              }
            }
          }
          if (isAssoc) this.setArray(a.name, assoc, { append: a.append });
          else {
            if (values.includes('\0unset') || values.length === 0) {
              const m = new Map<number, string>();
              values.forEach((val, i) => {
                if (val !== '\0unset' && val !== undefined) m.set(i, val);
              });
              this.setArray(a.name, [], { append: a.append });
              const vv = this.getVar(a.name);
              if (vv && vv.v.kind === 'indexed') {
                const base = a.append && vv.v.value.size ? Math.max(...vv.v.value.keys()) + 1 : 0;
                for (const [k, val] of m) vv.v.value.set(k + base, val);
              }
            } else this.setArray(a.name, values, { append: a.append });
          }
          opts.trace.push(`${a.name}=(${values.join(' ')})`);
          continue;
        }
        const value = a.value ? await expandAssignmentValue(this, a.value) : '';
        let index: string | undefined;
        if (a.index) {
          index = await expandString(this, a.index, {});
          if (this.getVar(a.name)?.v.kind !== 'assoc') index = String(this.arith(index));
        }
        opts.trace.push(`${a.name}${index !== undefined ? `[${index}]` : ''}${a.append ? '+=' : '='}${xquote(value)}`);
        if (opts.temp) {
          opts.temp.set(a.name, value);
          continue;
        }
        this.setVar(a.name, value, { index, append: a.append });
      } catch (e) {
        if (e instanceof VarError) {
          await this.error(e.message);
          this.status = this.dialect === 'bash' ? 1 : 2;
          return false;
        }
        if (e instanceof ArithError) {
          await this.error(e.message);
          this.status = 1;
          return false;
        }
        throw e;
      }
    }
    return true;
  }

  async runSimple(cmd: SimpleCommand): Promise<number> {
    this.lineno = cmd.line + this.lineOffset;
    await this.checkpoint();
    this.lastCmdSubstStatus = undefined;
    const argv = await expandWordsToArgs(this, cmd.words);
    const trace: string[] = [];
    if (argv.length === 0) {
      // Assignments only (and redirections).
      const ok = await this.doAssignments(cmd, { trace });
      if (this.options.xtrace) for (const t of trace) await this.xtrace(t);
      if (!ok) {
        if (!this.interactive && this.mode !== 'interactive') throw new FatalShellError(this.status);
        return this.status;
      }
      const saved = await this.applyRedirects(cmd.redirects);
      if (typeof saved === 'number') {
        this.status = saved;
        return saved;
      }
      this.restoreFds(saved);
      this.status = this.lastCmdSubstStatus ?? 0;
      return this.status;
    }
    const name = argv[0]!;
    const temp = new Map<string, string>();
    const func = this.functions.get(name);
    const builtin = func ? undefined : builtinFor(this, name);
    if (cmd.assignments.length) {
      const special = builtin && SPECIAL_BUILTINS.has(name) && this.dialect !== 'bash';
      if (!(await this.doAssignments(cmd, { temp: special ? undefined : temp, trace }))) return 1;
    }
    if (this.options.xtrace) await this.xtrace([...trace, ...argv.map(xquote)].join(' '));

    const saved = await this.applyRedirects(cmd.redirects);
    if (typeof saved === 'number') {
      this.status = saved;
      return saved;
    }
    try {
      let status: number;
      if (func) status = await this.callFunction(func, argv, temp);
      else if (builtin) status = await this.withTempVars(temp, () => builtin(this, argv));
      else status = await this.runExternal(argv, temp);
      this.status = status;
      return status;
    } finally {
      if (this.keepRedirections) this.keepRedirections = false;
      else this.restoreFds(saved);
    }
  }

  private async withTempVars<T>(temp: Map<string, string>, fn: () => Promise<T>): Promise<T> {
    if (temp.size === 0) return fn();
    this.vars.push();
    const scope = this.vars.stack[this.vars.stack.length - 1]!;
    for (const [k, v] of temp) scope.set(k, { v: { kind: 'scalar', value: v }, exported: true });
    try {
      return await fn();
    } finally {
      // Keep changes made to other scopes; drop the temporary scope.
      const idx = this.vars.stack.indexOf(scope);
      if (idx >= 0) this.vars.stack.splice(idx, 1);
    }
  }

  async callFunction(f: FunctionDef, argv: string[], temp: Map<string, string> = new Map()): Promise<number> {
    if (this.funcDepth >= 1000) {
      await this.error(`${f.name}: maximum function nesting level exceeded (1000)`);
      throw new FatalShellError(1);
    }
    const savedPositional = this.positional;
    this.positional = argv.slice(1);
    this.funcDepth++;
    this.funcNames.unshift(f.name);
    this.vars.push();
    const scope = this.vars.stack[this.vars.stack.length - 1]!;
    for (const [k, v] of temp) scope.set(k, { v: { kind: 'scalar', value: v }, exported: true });
    const savedLoop = this.loopDepth;
    this.loopDepth = 0;
    try {
      await this.runCommand(f.body);
      return this.status;
    } catch (e) {
      if (e instanceof ReturnFromFunction) {
        this.status = e.status;
        return e.status;
      }
      throw e;
    } finally {
      this.loopDepth = savedLoop;
      const idx = this.vars.stack.indexOf(scope);
      if (idx > 0) this.vars.stack.splice(idx);
      this.funcNames.shift();
      this.funcDepth--;
      this.positional = savedPositional;
    }
  }

  /** PATH lookup as the shell does it (honouring a temporary `PATH=...`). */
  resolve(name: string, temp?: Map<string, string>): Resolved {
    const path = temp?.get('PATH') ?? this.getScalar('PATH');
    // bash with PATH set but empty execs the bare name, which the kernel looks up in the current
    // directory: a miss is execve's ENOENT ("No such file or directory"), not "command not found".
    if (path === '' && this.dialect === 'bash' && !name.includes('/')) {
      const full = resolvePath(this.cwd, name);
      if (!this.fs.exists(full)) return { kind: 'error', code: 'ENOENT', path: name };
      return resolvePathToProgram({ fs: this.fs, kernel: this.ctx.kernel }, full);
    }
    return resolveCommand({ fs: this.fs, cwd: this.cwd, env: new Map([['PATH', path ?? '']]), kernel: this.ctx.kernel }, name);
  }

  /** Starts an external command, or prints bash's error and returns 126/127 (`resolved`: the
   * PATH lookup of argv[0] when the caller has just made it). */
  async startExternal(argv: string[], temp: Map<string, string>, pgid: number, stdio = this.stdio(), resolved?: Resolved): Promise<Process | number> {
    const name = argv[0]!;
    const r = resolved ?? this.resolve(name, temp);
    const env = this.environment(temp);
    // The kernel hands a script to its interpreter by the path it was run as.
    const scriptPath = name.includes('/') ? name : r.path;
    // bash puts the path of the command it runs in the command's environment as `_` (dash does not).
    if (this.dialect === 'bash') {
      env.delete('_');
      env.set('_', scriptPath);
    }
    const base = { env, cwd: this.cwd, fs: this.fs, stdio, pgid };
    switch (r.kind) {
      case 'program':
        return this.ctx.spawn({ ...base, argv, program: r.program });
      case 'shell-script':
        return this.ctx.spawn({ ...base, argv: [this.ctx.argv[0] ?? 'bash', scriptPath, ...argv.slice(1)], program: this.config.program });
      case 'script': {
        const ir = resolvePathToProgram({ fs: this.fs, kernel: this.ctx.kernel }, r.interpreter);
        if (ir.kind !== 'program') {
          if (ir.kind === 'script' || ir.kind === 'shell-script') {
            // An interpreter that is itself a script: run it through the shell.
            return this.ctx.spawn({ ...base, argv: [r.interpreter, scriptPath, ...argv.slice(1)], program: this.config.program });
          }
          if (this.dialect === 'bash') await this.error(`${name}: cannot execute: required file not found`);
          else await this.error(`${name}: not found`);
          return 127;
        }
        const args = r.interpreterArg ? [r.interpreter, r.interpreterArg, scriptPath] : [r.interpreter, scriptPath];
        return this.ctx.spawn({ ...base, argv: [...args, ...argv.slice(1)], program: ir.program });
      }
      case 'error':
        return this.commandError(name, r.code);
    }
  }

  async commandError(name: string, code: 'ENOENT' | 'EACCES' | 'EISDIR' | 'ENOEXEC' | 'NOTFOUND'): Promise<number> {
    const d = this.dialect;
    switch (code) {
      case 'NOTFOUND':
        await this.error(d === 'bash' ? `${name}: command not found` : `${name}: not found`);
        return 127;
      case 'ENOENT':
        await this.error(d === 'bash' ? `${name}: No such file or directory` : `${name}: not found`);
        return 127;
      case 'EACCES':
        await this.error(`${name}: Permission denied`);
        return 126;
      case 'EISDIR':
        await this.error(d === 'bash' ? `${name}: Is a directory` : `${name}: Permission denied`);
        return 126;
      case 'ENOEXEC':
        await this.error(`${name}: cannot execute binary file: Exec format error`);
        return 126;
    }
  }

  private async runExternal(argv: string[], temp: Map<string, string>): Promise<number> {
    const jc = this.jobControlActive();
    const p = await this.startExternal(argv, temp, jc ? 0 : this.ctx.process.pgid);
    if (typeof p === 'number') return p;
    const [s] = await this.waitForeground([p], p.pgid, () => argv.join(' '));
    return s ?? 0;
  }

  // ---------------------------------------------------------------- redirections

  /** Applies redirections; returns what to restore, or a status (the error was printed). */
  async applyRedirects(redirects: readonly Redirect[]): Promise<Map<number, Fd | undefined> | number> {
    const saved = new Map<number, Fd | undefined>();
    if (redirects.length === 0) return saved;
    for (const r of redirects) {
      const res = await this.applyRedirect(r, saved);
      if (res !== 0) {
        this.restoreFds(saved);
        return res;
      }
    }
    return saved;
  }

  restoreFds(saved: Map<number, Fd | undefined>): void {
    if (saved.size === 0) return;
    const entries = [...saved].reverse();
    for (const [fd, entry] of entries) {
      if (entry) this.fds.set(fd, entry);
      else this.fds.delete(fd);
    }
  }

  private setFd(fd: number, entry: Fd | undefined, saved: Map<number, Fd | undefined> | undefined): void {
    if (saved && !saved.has(fd)) saved.set(fd, this.fds.get(fd));
    if (entry) this.fds.set(fd, entry);
    else this.fds.delete(fd);
  }

  /** Opens `path` for a redirection; returns an Fd or prints the error. */
  async openFile(target: string, mode: 'r' | 'w' | 'a' | 'rw', clobber: boolean): Promise<Fd | undefined> {
    if (target === '/dev/null') return mode === 'r' ? { read: nullReader } : mode === 'rw' ? { read: nullReader, write: nullWriter } : { write: nullWriter };
    if (target === '/dev/stdout') return this.fds.get(1);
    if (target === '/dev/stderr') return this.fds.get(2);
    if (target === '/dev/stdin') return this.fds.get(0);
    if (target === '/dev/zero') return mode === 'r' ? { read: zeroReader } : { write: nullWriter };
    const fdm = /^\/dev\/fd\/(\d+)$/.exec(target);
    if (fdm) return this.fds.get(Number(fdm[1]));
    if (target === '/dev/tty') {
      const tty = this.ctx.tty;
      if (!tty) {
        await this.error(`/dev/tty: No such device or address`);
        return undefined;
      }
      return { read: tty.slave, write: tty.slave };
    }
    const path = resolvePath(this.cwd, target);
    const dev = deviceAt({ cwd: this.cwd, fs: this.fs, pid: this.ctx.pid }, target);
    if (dev && dev.kind !== 'fd' && dev.kind !== 'tty') {
      // /dev/urandom, /dev/full (and the others wherever a device node sits).
      const ctx = { ...this.ctx, cwd: this.cwd };
      return mode === 'r' ? { read: openDeviceRead(ctx, dev, path) } : mode === 'rw' ? { read: openDeviceRead(ctx, dev, path), write: openDeviceWrite(ctx, dev, path) } : { write: openDeviceWrite(ctx, dev, path) };
    }
    try {
      if (mode === 'r') {
        const st = this.fs.stat(path);
        if (st.type === 'dir') {
          // Reading a directory fails at read time in bash; treat as empty with an error later.
          return { read: errorReader(async () => this.err(`${this.prefix()}read error: 0: Is a directory\n`)) };
        }
        return { read: bytesReader(this.fs.readFile(path)) };
      }
      let exists = false;
      try {
        const st = this.fs.stat(path);
        exists = true;
        if (st.type === 'dir') {
          await this.error(`${target}: Is a directory`);
          return undefined;
        }
      } catch {
        exists = false;
      }
      if (mode === 'w' && exists && this.options.noclobber && !clobber) {
        await this.error(`${target}: cannot overwrite existing file`);
        return undefined;
      }
      if (mode === 'w' || !exists) this.fs.writeFile(path, '', { mode: 0o666 & ~this.umask });
      else this.fs.writeFile(path, '', { append: true });
      const w = new FileWriter(this.fs, path);
      if (mode === 'rw') return { read: bytesReader(this.fs.readFile(path)), write: w };
      return { write: w };
    } catch (e) {
      if (isSysError(e)) {
        if (this.dialect === 'dash') await this.error(`cannot ${mode === 'r' ? 'open' : 'create'} ${target}: ${e.code === 'ENOENT' ? (mode === 'r' ? 'No such file' : 'Directory nonexistent') : e.strerror}`);
        else if (this.dialect === 'ash') await this.error(`can't ${mode === 'r' ? 'open' : 'create'} ${target}: ${e.strerror}`);
        else await this.error(`${target}: ${e.strerror}`);
        return undefined;
      }
      throw e;
    }
  }

  private async applyRedirect(r: Redirect, saved: Map<number, Fd | undefined> | undefined): Promise<number> {
    const op = r.op;
    if (op === '<<' || op === '<<-') {
      const hd = r.heredoc;
      let body = '';
      if (hd) body = hd.quoted ? literalText(hd.body) : await expandString(this, hd.body, { heredoc: true });
      // A body cut short by end of file still ends its last line.
      if (body !== '' && !body.endsWith('\n')) body += '\n';
      this.setFd(r.fd ?? 0, { read: bytesReader(body) }, saved);
      return 0;
    }
    if (op === '<<<') {
      const s = await expandString(this, r.target, {});
      this.setFd(r.fd ?? 0, { read: bytesReader(`${s}\n`) }, saved);
      return 0;
    }
    const fields = await expandFields(this, r.target);
    if (fields.length !== 1) {
      await this.error(`${r.target.text}: ambiguous redirect`);
      return 1;
    }
    const target = fields[0]!;
    if (op === '>&' || op === '<&') {
      const fd = r.fd ?? (op === '>&' ? 1 : 0);
      if (target === '-') {
        this.setFd(fd, undefined, saved);
        return 0;
      }
      const m = /^(\d+)(-?)$/.exec(target);
      if (m) {
        const src = Number(m[1]);
        const entry = this.fds.get(src);
        if (!entry) {
          await this.error(`${src}: Bad file descriptor`);
          return 1;
        }
        this.setFd(fd, entry, saved);
        if (m[2]) this.setFd(src, undefined, saved);
        return 0;
      }
      if (op === '>&' && r.fd === undefined) {
        const f = await this.openFile(target, 'w', false);
        if (!f) return 1;
        this.setFd(1, f, saved);
        this.setFd(2, f, saved);
        return 0;
      }
      await this.error(`${target}: ambiguous redirect`);
      return 1;
    }
    if (op === '&>' || op === '&>>') {
      const f = await this.openFile(target, op === '&>' ? 'w' : 'a', false);
      if (!f) return 1;
      this.setFd(1, f, saved);
      this.setFd(2, f, saved);
      return 0;
    }
    const mode = op === '<' ? 'r' : op === '<>' ? 'rw' : op === '>>' ? 'a' : 'w';
    const fd = r.fd ?? (op === '<' || op === '<>' ? 0 : 1);
    const f = await this.openFile(target, mode, op === '>|');
    if (!f) return this.dialect === 'dash' ? 2 : 1;
    this.setFd(fd, f, saved);
    return 0;
  }

  /** `exec 3>file`: redirections that stay. */
  async applyPermanentRedirects(redirects: readonly Redirect[]): Promise<number> {
    for (const r of redirects) {
      const s = await this.applyRedirect(r, undefined);
      if (s !== 0) return s;
    }
    return 0;
  }

  // ---------------------------------------------------------------- command substitution

  async commandSubst(script: Script): Promise<string> {
    const out = new CollectingWriter();
    const stdio = { stdin: this.fds.get(0)?.read ?? nullReader, stdout: out as WriteStream, stderr: this.fds.get(2)?.write ?? nullWriter };
    const proc = this.spawnSubshell(
      (sub) => {
        // bash (without `shopt -s inherit_errexit`) runs command substitutions without `set -e`.
        if (sub.dialect === 'bash' && !sub.shopts.get('inherit_errexit')) sub.options.errexit = false;
        return sub.runStatements(script.body);
      },
      stdio,
      this.ctx.process.pgid,
      '$(...)',
    );
    const info = await this.ctx.wait(proc.exited);
    this.lastCmdSubstStatus = info.status;
    this.status = info.status;
    if (this.interactive && !this.isSubshell && info.signal === 'SIGINT') throw new Interrupted();
    return out.text().replace(/\n+$/, '');
  }

  private nextProcSubstFd = 63;

  /** `<(cmd)` / `>(cmd)`: a pipe to a child, named `/dev/fd/N` for this shell's redirections. */
  async processSubst(body: Script, dir: '<' | '>'): Promise<string> {
    const pipe = new Pipe();
    const fd = this.nextProcSubstFd > 10 ? this.nextProcSubstFd-- : 63;
    const stdio =
      dir === '<'
        ? { stdin: this.fds.get(0)?.read ?? nullReader, stdout: pipe.writer, stderr: this.fds.get(2)?.write ?? nullWriter }
        : { stdin: pipe.reader, stdout: this.fds.get(1)?.write ?? nullWriter, stderr: this.fds.get(2)?.write ?? nullWriter };
    const proc = this.spawnSubshell((sub) => sub.runStatements(body.body), stdio, this.ctx.process.pgid, "procsubst");
    void proc.exited.then(() => (dir === '<' ? pipe.writer.close() : pipe.reader.close()));
    this.fds.set(fd, dir === '<' ? { read: pipe.reader } : { write: pipe.writer });
    return Promise.resolve(`/dev/fd/${fd}`);
  }

  // ---------------------------------------------------------------- jobs

  /** Looks up `%1`, `%+`, `%-`, `%%`, `%name`, `%?str`. */
  findJob(spec: string): Job | undefined | 'ambiguous' {
    return this.jobs.find(spec);
  }

  /** Reports finished background jobs (before a prompt, or by `jobs`). */
  async reportJobs(): Promise<void> {
    for (const line of this.jobs.collectNotifications()) await this.err(`${line}\n`);
  }

  signalDeathMessage(sig: Signal): string {
    return SIGNAL_DESCRIPTIONS[sig] ?? `Signal ${signalNumber(sig)}`;
  }
}

/** bash's xtrace quoting: words with special characters in single quotes. */
export function xquote(s: string): string {
  if (s === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function literalText(w: Word): string {
  let s = '';
  for (const p of w.parts) {
    if (p.type === 'Literal' || p.type === 'SingleQuoted' || p.type === 'AnsiCQuoted') s += p.value;
    else if (p.type === 'DoubleQuoted') s += literalText({ type: 'Word', parts: p.parts, text: '' });
  }
  return s || w.text;
}

function stripKey(w: Word): Word {
  // Drops the `[key]=` prefix from an array element word.
  const m = /^\[[^\]]*\]=/.exec(w.text);
  if (!m) return w;
  let skip = m[0].length;
  const parts = [];
  for (const p of w.parts) {
    if (skip > 0 && p.type === 'Literal') {
      if (p.value.length <= skip) {
        skip -= p.value.length;
        continue;
      }
      parts.push({ ...p, value: p.value.slice(skip), escaped: p.escaped?.map((i) => i - skip).filter((i) => i >= 0) });
      skip = 0;
      continue;
    }
    parts.push(p);
  }
  return { type: 'Word', parts, text: w.text.slice(m[0].length) };
}

function errorReader(onRead: () => Promise<void>): ReadStream {
  let done = false;
  return {
    isTTY: false,
    read: async () => {
      if (!done) {
        done = true;
        await onRead();
      }
      return null;
    },
    close: () => {},
  };
}
