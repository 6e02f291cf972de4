/**
 * Processes. A program is an async function of a ProcessContext; the kernel runs it as a process
 * with a pid, a process group, streams, an exit status and signals. Cancellation is cooperative:
 * a signal whose default action terminates the process cancels its token, which rejects whatever
 * the process is blocked on (a read, a sleep, waiting for a child), so the program unwinds at its
 * next await. Long computations call `checkpoint()`, which also gives the host's event loop a turn
 * so `while true; do :; done` never freezes the page.
 */
import { CancelToken, CancelledError, withCancel } from '../core/cancel';
import type { Clock } from '../core/clock';
import { IdGen } from '../core/ids';
import { Emitter, type IDisposable, toDisposable } from '../core/events';
import { copyMap } from '../core/maps';
import { isSysError } from '../core/errors';
import type { FileSystem } from '../fs/types';
import { ProgramRegistry } from './programs';
import type { NetNamespace } from '../net/net';
import type { Pty } from './pty';
import { defaultAction, signalNumber, type Signal } from './signals';
import type { ReadStream, WriteStream } from './streams';

/** Hooks the host (page or Node) gives the engine; the engine has no timers of its own. */
export interface HostHooks {
  /** Resolves on a later turn of the host's event loop (a macrotask). */
  yieldToHost(): Promise<void>;
  /** Whether the current slice of work has run long enough to yield (wall time, host-measured). */
  shouldYield(): boolean;
}

/** What the page offers programs: `vim file` opens the editor panel. Absent when headless. */
export interface KernelServices {
  /** Opens an absolute path of the host file system in the editor; false if there is no editor. */
  openInEditor?(path: string): boolean;
  /** An interactive shell read a command from its terminal (the text after alias expansion). */
  commandTyped?(text: string): void;
  /** The language of the page's interface ('en', 'zh'): Dockyard's own hint lines in the shell follow it. */
  uiLanguage?(): string;
}

export const defaultHostHooks: HostHooks = {
  yieldToHost: () => new Promise((resolve) => queueMicrotask(resolve)),
  shouldYield: () => false,
};

/** Thrown into a program when its process is killed; the kernel turns it into the exit status. */
export class ProcessKilled extends Error {
  constructor(readonly signal: Signal) {
    super(`killed by ${signal}`);
    this.name = 'ProcessKilled';
  }
}

export interface ExitInfo {
  /** Exit status as the shell sees it: the program's status, or 128 + signal number. */
  readonly status: number;
  /** Set when a signal ended the process. */
  readonly signal?: Signal;
}

export type ProcessState = 'running' | 'stopped' | 'exited';

export type SignalDisposition = 'default' | 'ignore' | ((sig: Signal) => void);

export interface Stdio {
  stdin: ReadStream;
  stdout: WriteStream;
  stderr: WriteStream;
}

export interface ProcessContext {
  readonly pid: number;
  readonly ppid: number;
  readonly process: Process;
  readonly argv: readonly string[];
  /** The exported environment, a copy owned by this process. */
  readonly env: Map<string, string>;
  cwd: string;
  readonly fs: FileSystem;
  /** Streams bound to this process: their blocking calls end when the process is killed. */
  readonly stdin: ReadStream;
  readonly stdout: WriteStream;
  readonly stderr: WriteStream;
  /** The controlling terminal, if the process has one. */
  readonly tty: Pty | undefined;
  readonly kernel: Kernel;
  /** The namespaces the process runs in (a container's, or none for the host's). */
  readonly ns: Namespaces;
  /** Who the process runs as (`whoami`, file ownership); `ctx.fs` already applies it. */
  readonly user: Credentials;
  /** Waits `ms` of simulated time. */
  sleep(ms: number): Promise<void>;
  /** Throws if killed, waits while stopped, and now and then yields to the host. */
  checkpoint(): Promise<void>;
  /** Awaits a promise, ending early if the process is killed. */
  wait<T>(p: Promise<T>): Promise<T>;
  /** Sets what a signal does to this process. */
  trap(sig: Signal, disposition: SignalDisposition): void;
  /** Starts a child process. */
  spawn(opts: Omit<SpawnOptions, 'parent'>): Process;
}

export type Program = (ctx: ProcessContext) => Promise<number>;

/**
 * What a process sees of the machine, as Linux namespaces give it: a container's processes have
 * their own host name, network and process numbers. Children inherit their parent's.
 */
export interface Namespaces {
  /** The UTS namespace's host name (`hostname`, a prompt's \h); the host's (/etc/hostname) when unset. */
  readonly hostname?: string;
  /** The network namespace; the host's when unset. */
  readonly net?: NetNamespace;
  /** The pid namespace: processes are numbered from 1 inside it. */
  readonly pid?: PidNamespace;
  /** The container the process runs in (its full id), for `docker top` and friends. */
  readonly container?: string;
}

/** A server behind a socket path: `connect()` gives its API (loading its code if need be). */
export interface SocketServer {
  connect(): Promise<unknown>;
}

/** A pid namespace: its first process is its init (pid 1), which default signal actions spare. */
export class PidNamespace {
  private next = 1;
  /** The kernel pid of its init process. */
  init: number | undefined;

  allocate(): number {
    return this.next++;
  }
}

export interface SpawnOptions {
  argv: readonly string[];
  program: Program;
  env: Map<string, string> | Record<string, string>;
  cwd: string;
  fs: FileSystem;
  stdio: Stdio;
  /** Process group to join; 0 or undefined starts a new group led by the new process. */
  pgid?: number;
  tty?: Pty;
  parent?: Process;
  /** Signals set to be ignored at start (as `nohup`, or a background job's SIGINT). */
  ignore?: readonly Signal[];
  /** Credentials; inherited from the parent (root when there is none). */
  user?: Credentials;
  /** Namespaces; inherited from the parent (the host's when there is none). */
  ns?: Namespaces;
}

export interface Credentials {
  readonly uid: number;
  readonly gid: number;
  /** Supplementary groups. */
  readonly groups: readonly number[];
}

export const ROOT: Credentials = { uid: 0, gid: 0, groups: [0] };

export class Process {
  state: ProcessState = 'running';
  exit: ExitInfo | undefined;
  /** Cancelled when the process is killed. */
  readonly cancel = new CancelToken();
  readonly dispositions = new Map<Signal, SignalDisposition>();
  private readonly changeEmitter = new Emitter<ProcessState>();
  readonly onDidChangeState = this.changeEmitter.event;
  private continueWaiters: Array<() => void> = [];
  private exitResolve!: (e: ExitInfo) => void;
  readonly exited: Promise<ExitInfo>;

  constructor(
    readonly kernel: Kernel,
    readonly pid: number,
    readonly ppid: number,
    public pgid: number,
    readonly argv: readonly string[],
    readonly tty: Pty | undefined,
    readonly startedAt: number,
    readonly user: Credentials = ROOT,
    readonly ns: Namespaces = {},
    /** The pid inside its pid namespace (the kernel pid on the host). */
    readonly nsPid: number = pid,
  ) {
    this.exited = new Promise((resolve) => (this.exitResolve = resolve));
  }

  get name(): string {
    const a0 = this.argv[0] ?? '';
    return a0.slice(a0.lastIndexOf('/') + 1);
  }

  /** Resolves at the next stop or at exit (what `waitpid(WUNTRACED)` reports). */
  waitChange(): Promise<ProcessState> {
    if (this.state === 'exited') return Promise.resolve('exited');
    return new Promise((resolve) => {
      const d = this.changeEmitter.event((s) => {
        if (s === 'stopped' || s === 'exited') {
          d.dispose();
          resolve(s);
        }
      });
    });
  }

  /** @internal */
  finish(info: ExitInfo): void {
    if (this.state === 'exited') return;
    this.exit = info;
    this.state = 'exited';
    this.exitResolve(info);
    this.changeEmitter.fire('exited');
    this.continueWaiters.forEach((w) => w());
    this.continueWaiters = [];
  }

  /** @internal */
  setStopped(stopped: boolean): void {
    if (this.state === 'exited') return;
    const next: ProcessState = stopped ? 'stopped' : 'running';
    if (next === this.state) return;
    this.state = next;
    if (!stopped && !this.frozen) {
      this.continueWaiters.forEach((w) => w());
      this.continueWaiters = [];
    }
    this.changeEmitter.fire(next);
  }

  /**
   * Hooks that save what a process keeps only in memory (a server's dataset) before its world is
   * snapshotted: processes do not survive a snapshot, so a container runtime calls each hook with
   * a copy of the process's file system that only the snapshot keeps, and the hook writes there
   * what the program would load when it starts again (redis: its dump.rdb). Register with `onSnapshot`.
   */
  readonly snapshotHooks = new Set<(fs: FileSystem) => void>();

  /** Registers a snapshot hook (see `snapshotHooks`) for as long as the process lives. */
  onSnapshot(hook: (fs: FileSystem) => void): IDisposable {
    this.snapshotHooks.add(hook);
    void this.exited.then(() => this.snapshotHooks.delete(hook));
    return toDisposable(() => this.snapshotHooks.delete(hook));
  }

  /**
   * Frozen as the cgroup freezer freezes a paused container's processes: the process makes no
   * progress, but, unlike a stop, nothing sees it (no state change, no job-control report), and it
   * still dies of SIGKILL. Set with `setFrozen`.
   */
  frozen = false;

  /** Freezes or thaws the process (docker pause / unpause). */
  setFrozen(frozen: boolean): void {
    if (this.state === 'exited' || frozen === this.frozen) return;
    this.frozen = frozen;
    if (!frozen && this.state !== 'stopped') {
      this.continueWaiters.forEach((w) => w());
      this.continueWaiters = [];
    }
  }

  /** @internal Resolves when the process is neither stopped nor frozen. */
  whenRunning(): Promise<void> {
    if (this.state !== 'stopped' && !this.frozen) return Promise.resolve();
    return new Promise((resolve) => this.continueWaiters.push(resolve));
  }
}

/**
 * A read stream bound to a process: a blocked read ends when the process is killed, a background
 * process reading its terminal waits for the foreground, a stopped one for SIGCONT. (Classes, not
 * closures: every process gets three of these.)
 */
class BoundReader implements ReadStream {
  readonly isTTY: boolean;
  constructor(
    /** The stream underneath (never itself bound). */
    readonly inner: ReadStream,
    private readonly kernel: Kernel,
    private readonly proc: Process,
  ) {
    this.isTTY = inner.isTTY;
  }

  async read(): Promise<Uint8Array | null> {
    const s = this.inner;
    const proc = this.proc;
    if (s.isTTY && proc.tty) await this.kernel.waitForeground(proc);
    const chunk = await s.read(proc.cancel);
    await proc.whenRunning();
    return chunk;
  }

  close(): void {
    this.inner.close();
  }
}

/** A write stream bound to a process: a killed process's writes fail, a blocked one ends. */
class BoundWriter implements WriteStream {
  readonly isTTY: boolean;
  constructor(
    /** The stream underneath (never itself bound). */
    readonly inner: WriteStream,
    private readonly token: CancelToken,
  ) {
    this.isTTY = inner.isTTY;
  }

  async write(data: Uint8Array | string): Promise<void> {
    this.token.throwIfCancelled();
    await this.inner.write(data, this.token);
  }

  close(): void {
    this.inner.close();
  }
}

export class Kernel {
  private nextPid = 1;
  readonly processes = new Map<number, Process>();
  /**
   * Servers reachable by a path, as Unix sockets are (`/var/run/docker.sock`): a client program
   * connects and gets the server's API object. Engines register theirs (lazily made).
   */
  readonly sockets = new Map<string, SocketServer>();
  private readonly onDidSpawnEmitter = new Emitter<Process>();
  readonly onDidSpawn = this.onDidSpawnEmitter.event;
  private readonly onDidExitEmitter = new Emitter<Process>();
  readonly onDidExit = this.onDidExitEmitter.event;
  /** Processes currently giving the host a turn, or waiting on the host (a code chunk loading);
   * the headless driver waits for zero before it moves virtual time. */
  yielding = 0;
  private ttySubs = new Map<Pty, IDisposable>();

  /** Programs that executable files may name (see programs.ts). */
  readonly programs = new ProgramRegistry();
  /** Services of the page around the terminal; headless sessions leave them unset. */
  readonly services: KernelServices = {};

  constructor(
    readonly clock: Clock,
    readonly host: HostHooks = defaultHostHooks,
    firstPid = 1,
    /** Seeded ids for whatever the processes need to draw (a shell's $RANDOM seed). */
    readonly ids: IdGen = new IdGen(),
  ) {
    this.nextPid = firstPid;
  }

  /** The pid the next process gets (saved in snapshots, so numbering goes on after a restore). */
  get pidCounter(): number {
    return this.nextPid;
  }

  /** Waits for work the host does outside the simulated world (loading a chunk of code), counted
   * as activity so that virtual time does not move while it is pending. */
  async hostWork<T>(p: Promise<T>): Promise<T> {
    this.yielding++;
    this.hostPending++;
    try {
      return await p;
    } finally {
      this.yielding--;
      this.hostPending--;
    }
  }

  /** Host work under way (see hostWork): waiting for it is not computing, so it has no turn limit. */
  hostPending = 0;

  /** Makes the kernel deliver a terminal's ^C/^Z/SIGWINCH to its foreground group. */
  attachTty(pty: Pty): IDisposable {
    if (!this.ttySubs.has(pty)) {
      this.ttySubs.set(
        pty,
        pty.onSignal(({ pgid, signal }) => {
          if (pgid) this.killpg(pgid, signal);
        }),
      );
    }
    return toDisposable(() => {
      this.ttySubs.get(pty)?.dispose();
      this.ttySubs.delete(pty);
    });
  }

  spawn(opts: SpawnOptions): Process {
    const pid = this.nextPid++;
    const ns = opts.ns ?? opts.parent?.ns ?? {};
    const nsPid = ns.pid ? ns.pid.allocate() : pid;
    if (ns.pid && ns.pid.init === undefined) ns.pid.init = pid;
    const proc = new Process(this, pid, opts.parent?.pid ?? 0, opts.pgid || pid, opts.argv, opts.tty ?? opts.parent?.tty, this.clock.now(), opts.user ?? opts.parent?.user ?? ROOT, ns, nsPid);
    for (const s of opts.ignore ?? []) proc.dispositions.set(s, 'ignore');
    this.processes.set(pid, proc);
    const ctx = this.makeContext(proc, opts);
    this.onDidSpawnEmitter.fire(proc);
    // Start on a microtask so the caller can wire things up before the program runs.
    void Promise.resolve().then(async () => {
      let info: ExitInfo;
      try {
        const status = await opts.program(ctx);
        info = proc.exit ?? { status: status & 0xff };
      } catch (e) {
        info = proc.exit ?? this.exitFor(e);
      }
      proc.finish(info);
      this.processes.delete(pid);
      this.onDidExitEmitter.fire(proc);
    });
    return proc;
  }

  private exitFor(e: unknown): ExitInfo {
    if (e instanceof ProcessKilled) return { status: 128 + signalNumber(e.signal), signal: e.signal };
    if (isSysError(e, 'EPIPE')) return { status: 128 + signalNumber('SIGPIPE'), signal: 'SIGPIPE' };
    if (e instanceof CancelledError && e.reason instanceof ProcessKilled) {
      return { status: 128 + signalNumber(e.reason.signal), signal: e.reason.signal };
    }
    // A bug in a program: report like a crash rather than hang the shell.
    console.error('dockyard: program crashed', e);
    return { status: 139, signal: undefined };
  }

  // ---- pid namespaces: what a process sees of the process table (`ps`, `kill`, `$$`)

  /** Processes visible from namespaces `ns`, in pid order: a container's own processes inside it;
   * the host's processes (those of no pid namespace) on the host. */
  processesIn(ns: Namespaces): Process[] {
    const out: Process[] = [];
    for (const p of this.processes.values()) if (p.ns.pid === ns.pid) out.push(p);
    return out.sort((a, b) => this.pidIn(a, ns)! - this.pidIn(b, ns)!);
  }

  /** The pid of `proc` as seen from namespaces `ns` (its namespace pid inside its own namespace,
   * the kernel pid from the host), or undefined when `ns` cannot see it. */
  pidIn(proc: Process, ns: Namespaces): number | undefined {
    if (proc.ns.pid === ns.pid) return proc.nsPid;
    return ns.pid === undefined ? proc.pid : undefined;
  }

  /** The parent pid of `proc` as seen from its own namespace: 0 for a namespace's init. */
  ppidIn(proc: Process): number {
    const parent = this.processes.get(proc.ppid);
    if (!parent) return proc.ns.pid && proc.ns.pid.init === proc.pid ? 0 : proc.ppid;
    return this.pidIn(parent, proc.ns) ?? 0;
  }

  /** The process that `pid` names in namespaces `ns` (what kill(2) looks up). */
  findPid(ns: Namespaces, pid: number): Process | undefined {
    if (ns.pid === undefined) return this.processes.get(pid);
    for (const p of this.processes.values()) if (p.ns.pid === ns.pid && p.nsPid === pid) return p;
    return undefined;
  }

  /** kill(2) from a process in namespaces `ns`: `pid` > 0 is one process, < 0 a process group,
   * both numbered as `ns` sees them. False when nothing matched. */
  killIn(ns: Namespaces, pid: number, sig: Signal): boolean {
    if (ns.pid === undefined) return pid < 0 ? this.killpg(-pid, sig) : this.kill(pid, sig);
    const target = this.findPid(ns, Math.abs(pid));
    if (!target) return false;
    if (pid > 0) return this.kill(target.pid, sig);
    let any = false;
    for (const p of [...this.processes.values()]) {
      if (p.pgid === target.pid && p.ns.pid === ns.pid) {
        any = true;
        this.deliver(p, sig);
      }
    }
    return any;
  }

  /** Sends a signal to one process. Returns false if there is no such process. */
  kill(pid: number, sig: Signal): boolean {
    const proc = this.processes.get(pid);
    if (!proc) return false;
    this.deliver(proc, sig);
    return true;
  }

  /** Sends a signal to every process of a group. */
  killpg(pgid: number, sig: Signal): boolean {
    let any = false;
    for (const p of [...this.processes.values()]) {
      if (p.pgid === pgid) {
        any = true;
        this.deliver(p, sig);
      }
    }
    return any;
  }

  private deliver(proc: Process, sig: Signal): void {
    if (proc.state === 'exited') return;
    if (sig === 'SIGKILL') return this.terminate(proc, sig);
    if (sig === 'SIGSTOP') return proc.setStopped(true);
    if (sig === 'SIGCONT') proc.setStopped(false);
    const disp = proc.dispositions.get(sig) ?? 'default';
    if (disp === 'ignore') return;
    // A namespace's init only gets the signals it handles (why `docker stop` waits for a shell).
    if (disp === 'default' && proc.ns.pid?.init === proc.pid) return;
    if (typeof disp === 'function') {
      disp(sig);
      return;
    }
    switch (defaultAction(sig)) {
      case 'terminate':
        this.terminate(proc, sig);
        break;
      case 'stop':
        proc.setStopped(true);
        break;
      default:
        break;
    }
  }

  private terminate(proc: Process, sig: Signal): void {
    const info: ExitInfo = { status: 128 + signalNumber(sig), signal: sig };
    proc.exit = info;
    proc.cancel.cancel(new ProcessKilled(sig));
    // The program unwinds at its next await; the process is gone from the table now.
    proc.finish(info);
    if (this.processes.delete(proc.pid)) this.onDidExitEmitter.fire(proc);
  }

  private makeContext(proc: Process, opts: SpawnOptions): ProcessContext {
    const token = proc.cancel;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the context object literal below has its own `this`
    const kernel = this;
    let ops = 0;
    // A stream handed down from a parent may itself be bound to the parent: bind the stream
    // underneath, so that killing this process ends this process's blocked calls.
    const bindRead = (bound: ReadStream): ReadStream => new BoundReader(bound instanceof BoundReader ? bound.inner : bound, this, proc);
    const bindWrite = (bound: WriteStream): WriteStream => new BoundWriter(bound instanceof BoundWriter ? bound.inner : bound, token);
    const env = opts.env instanceof Map ? copyMap(opts.env) : new Map(Object.entries(opts.env));
    const ctx: ProcessContext = {
      pid: proc.pid,
      ppid: proc.ppid,
      process: proc,
      argv: opts.argv,
      env,
      cwd: opts.cwd,
      fs: opts.fs,
      stdin: bindRead(opts.stdio.stdin),
      stdout: bindWrite(opts.stdio.stdout),
      stderr: bindWrite(opts.stdio.stderr),
      tty: proc.tty,
      kernel,
      ns: proc.ns,
      user: proc.user,
      async sleep(ms: number) {
        const s = kernel.clock.sleep(ms);
        await withCancel(s.promise, token, s.cancel);
        await proc.whenRunning();
      },
      async checkpoint() {
        token.throwIfCancelled();
        if (++ops % 64 === 0 && kernel.host.shouldYield()) {
          kernel.yielding++;
          try {
            await kernel.host.yieldToHost();
          } finally {
            kernel.yielding--;
          }
          token.throwIfCancelled();
        }
        if (proc.state === 'stopped' || proc.frozen) await proc.whenRunning();
      },
      async wait<T>(p: Promise<T>): Promise<T> {
        const r = await withCancel(p, token);
        await proc.whenRunning();
        return r;
      },
      trap(sig, disposition) {
        if (disposition === 'default') proc.dispositions.delete(sig);
        else proc.dispositions.set(sig, disposition);
      },
      spawn(child) {
        return kernel.spawn({ ...child, parent: proc, tty: child.tty ?? proc.tty });
      },
    };
    return ctx;
  }

  /** @internal A background process that reads its terminal waits until it is in the foreground. */
  async waitForeground(proc: Process): Promise<void> {
    const tty = proc.tty;
    if (!tty || tty.foregroundPgid === 0 || tty.foregroundPgid === proc.pgid) return;
    // SIGTTIN: the job stops until `fg` brings it forward.
    this.deliver(proc, 'SIGTTIN');
    while (tty.foregroundPgid !== proc.pgid) {
      await proc.whenRunning();
      proc.cancel.throwIfCancelled();
      if (tty.foregroundPgid !== proc.pgid) {
        this.deliver(proc, 'SIGTTIN');
        if (proc.state !== 'stopped') break;
      }
    }
  }
}
