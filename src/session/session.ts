/**
 * One Dockyard instance: clock, ids, host file system, kernel with its programs, and terminals.
 * Front-ends (the page, `npm run sim`, lesson checks) use it through the Session interface.
 */
import { Clock, type ClockState } from '../engine/core/clock';
import { Emitter } from '../engine/core/events';
import { IdGen, type IdState } from '../engine/core/ids';
import { versions } from '../engine/core/versions';
import { createHostFs } from '../engine/fs/host';
import { MemFs, type MemFsState } from '../engine/fs/memfs';
import type { FileSystem } from '../engine/fs/types';
import { Kernel, type Credentials, type HostHooks, type KernelServices, type Process } from '../engine/runtime/kernel';
import { executableContents, type ProgramInfo } from '../engine/runtime/programs';
import { Pty } from '../engine/runtime/pty';
import { CollectingWriter, nullReader, type WriteStream } from '../engine/runtime/streams';
import { shellPrograms } from '../shell/interp';
import { NETWORK_SOCKET } from '../shell/commands/curl/socket';
import type * as DaemonModule from '../engine/docker/daemon';
import type { DockerDaemon, DaemonState, RegistryWorld } from '../engine/docker/daemon';
import type { RegistryWorldState } from '../engine/docker/registry';
import type * as ImagesModule from '../engine/docker/images';
import type { Network } from '../engine/net/net';
import { cliPrograms, DOCKER_SOCKET, dockerStateKinds, MINIKUBE_SOCKET } from './engines';
import type { ClusterState, MinikubeCluster } from '../engine/kube/cluster';
import { fileStateKind } from './state';
import type { RunResult, Session, SessionSnapshot, StateKind, StateKindFactory, TerminalHandle } from './types';

/** The daemon's modules, once loaded (shared by every world: code, not state). */
let dockerModules: { d: typeof DaemonModule; images: typeof ImagesModule } | undefined;

export const LEARNER: Credentials = { uid: 1000, gid: 1000, groups: [1000, 27, 100] };
export const HOME = '/home/learner';

/** How simulated time relates to the wall clock. */
export type TimeMode =
  /** `npm run sim`, checks, tests: time moves only when the session advances it. */
  | { readonly kind: 'virtual' }
  /** The page: time follows the wall clock, and timers fire on real timers of the host. */
  | {
      readonly kind: 'realtime';
      /** Milliseconds of a monotonic wall clock (performance.now()). */
      wallNow(): number;
      /** Calls `fn` after `ms` of wall time; returns a function that cancels it. */
      setTimer(ms: number, fn: () => void): () => void;
    };

export interface SessionOptions {
  seed?: number;
  /**
   * The host's programs besides the shells (coreutils and friends). Node passes them eagerly; the
   * page passes lazy ones whose code loads after the first prompt (src/shell/commands/lazy.ts).
   */
  programs: readonly ProgramInfo[];
  host: HostHooks;
  time?: TimeMode;
  services?: KernelServices;
  /** Restores an earlier snapshot instead of building a fresh host. */
  snapshot?: SessionSnapshot;
}

export interface TerminalOptions {
  /** What kind of screen shows this terminal (see Pty.screen). */
  screen?: Pty['screen'];
  cols?: number;
  rows?: number;
}

/** The engine state a snapshot holds (versioned by `versions.engine`). */
interface EngineState {
  readonly clock: ClockState;
  readonly ids: IdState;
  /** Commands typed at the terminals (lesson checks read them). */
  readonly typed?: readonly string[];
  readonly nextPid?: number;
  /** Serialised, or (for a fork) a live copy-on-write fork. */
  readonly fs: MemFsState | MemFs;
  /** The Docker daemon's state, once it ran in this world. */
  readonly docker?: DaemonState;
  /** The world's registries (what learners pushed to the Hub, the credential helper's entries). */
  readonly registries?: RegistryWorldState;
  /** The minikube cluster (its profile, API server, node daemon and kubelet), once it was started. */
  readonly minikube?: ClusterState;
}

export class DockyardSession implements Session {
  readonly clock: Clock;
  readonly ids: IdGen;
  readonly kernel: Kernel;
  /** The root's view of the host. */
  readonly rootFs: MemFs;
  /** The learner's view of the host. */
  readonly fs: FileSystem;
  private readonly onDidChangeEmitter = new Emitter<void>();
  readonly onDidChange = this.onDidChangeEmitter.event;
  private readonly onOpenInEditorEmitter = new Emitter<string>();
  readonly onOpenInEditor = this.onOpenInEditorEmitter.event;
  private readonly terminals = new Set<TerminalHandle>();
  private stateKinds = new Map<string, StateKindFactory>([['file', fileStateKind]]);
  /**
   * The world's network (the host's namespace, containers' and the cluster's), made with the first
   * engine that needs one: its code loads with the daemon's, not before the first prompt.
   */
  net: Network | undefined;
  /** The world's registries (the simulated Hub), made with the network: every daemon of the world uses it. */
  registries: RegistryWorld | undefined;
  private registriesState: RegistryWorldState | undefined;
  private dockerState: DaemonState | undefined;
  private daemonPromise: Promise<DockerDaemon> | undefined;
  /** The daemon, once made (synchronous access for forks and checks). */
  daemon: DockerDaemon | undefined;
  private minikubeState: ClusterState | undefined;
  private clusterPromise: Promise<MinikubeCluster> | undefined;
  /** The minikube cluster, once `minikube` ran in this world. */
  cluster: MinikubeCluster | undefined;

  /** The minikube cluster of this world (its code loads on first use, after the daemon's). */
  minikube(): Promise<MinikubeCluster> {
    // eslint-disable-next-line no-restricted-syntax -- clients connect through the socket inside kernel.hostWork
    return (this.clusterPromise ??= Promise.all([this.docker(), import('../engine/kube/cluster')]).then(([hostDaemon, m]) => {
      const d = dockerModules!.d;
      this.cluster = new m.MinikubeCluster(
        { kernel: this.kernel, clock: this.clock, ids: this.ids, net: this.net!, ...(this.registries ? { registries: this.registries } : {}), hostDaemon, makeDaemon: (deps, st) => new d.DockerDaemon(deps, st) },
        this.minikubeState,
      );
      this.cluster.onDidChange(() => this.changed());
      return this.cluster;
    }));
  }

  /** The Docker daemon of this world, made (and its code loaded) on first use. */
  docker(): Promise<DockerDaemon> {
    // eslint-disable-next-line no-restricted-syntax -- clients connect through the socket inside kernel.hostWork
    return (this.daemonPromise ??= Promise.all([import('../engine/docker/daemon'), import('../engine/docker/images')]).then(([d, images]) => {
      dockerModules = { d, images };
      return this.makeDaemon();
    }));
  }

  private makeDaemon(): DockerDaemon {
    if (this.daemon) return this.daemon;
    const m = dockerModules!;
    for (const p of m.images.imagePrograms) if (!this.kernel.programs.get(p.name)) this.kernel.programs.register(p);
    this.net ??= new m.d.Network(['10.0.2.15']);
    this.registries ??= new m.d.RegistryWorld(this.registriesState);
    this.daemon = new m.d.DockerDaemon({ kernel: this.kernel, clock: this.clock, ids: this.ids, net: this.net, hostFs: this.rootFs, registries: this.registries }, this.dockerState);
    this.daemon.onDidChange(() => this.changed());
    this.daemonPromise ??= Promise.resolve(this.daemon);
    return this.daemon;
  }
  private readonly typed: string[];
  private nextTty = 0;
  private wallBase = 0;
  private clockBase = 0;
  private cancelTimer: (() => void) | undefined;
  private disposed = false;

  constructor(
    readonly options: SessionOptions,
    state?: EngineState,
  ) {
    this.clock = new Clock(state?.clock);
    this.ids = new IdGen(state?.ids ?? { seed: options.seed ?? 1, counters: {} });
    // A host that has been up a while: the first shell is not pid 1.
    this.kernel = new Kernel(this.clock, options.host, state?.nextPid ?? 1205, this.ids);
    Object.assign(this.kernel.services, options.services ?? {});
    this.typed = [...(state?.typed ?? [])];
    this.kernel.services.commandTyped = (text) => {
      this.typed.push(text);
      options.services?.commandTyped?.(text);
    };
    const programs = [...shellPrograms, ...options.programs, ...cliPrograms(() => this.daemon)];
    for (const p of programs) this.kernel.programs.register(p);
    if (state) {
      this.rootFs = state.fs instanceof MemFs ? state.fs : MemFs.restore(state.fs, { clock: this.clock });
    } else {
      this.rootFs = createHostFs(this.clock, programs.map((p) => p.name));
    }
    this.fs = this.rootFs.withCredentials(LEARNER);
    this.rootFs.onDidChange(() => this.changed());
    this.dockerState = state?.docker;
    this.registriesState = state?.registries;
    this.kernel.sockets.set(DOCKER_SOCKET, { connect: () => this.docker() });
    this.minikubeState = state?.minikube;
    this.kernel.sockets.set(MINIKUBE_SOCKET, { connect: () => this.minikube() });
    // Host programs (curl, wget) reach the world's network here; none exists before an engine made it.
    this.kernel.sockets.set(NETWORK_SOCKET, {
      connect: async () => {
        if (this.daemonPromise) await this.daemonPromise;
        return this.net;
      },
    });
    for (const [kind, f] of dockerStateKinds) this.stateKinds.set(kind, f);
    // A world whose daemon had containers running starts it again (they come back up).
    if (this.dockerState && !(state?.fs instanceof MemFs)) void this.docker();
    // A world whose minikube node was running gets its cluster (and kubectl's sockets) back.
    if (this.minikubeState?.profile) void this.minikube();
    this.kernel.onDidExit(() => this.changed());
    if (options.time?.kind === 'realtime') this.startRealtime(options.time);
  }

  private changedQueued = false;
  private changed(): void {
    if (this.changedQueued) return;
    this.changedQueued = true;
    queueMicrotask(() => {
      this.changedQueued = false;
      if (!this.disposed) this.onDidChangeEmitter.fire();
    });
  }

  /** The environment of a login on the host. */
  baseEnv(): Map<string, string> {
    return new Map([
      ['HOME', HOME],
      ['USER', 'learner'],
      ['LOGNAME', 'learner'],
      ['SHELL', '/bin/bash'],
      ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      ['TERM', 'xterm-256color'],
      ['LANG', 'C.UTF-8'],
      ['PWD', HOME],
    ]);
  }

  openTerminal(opts: TerminalOptions = {}): TerminalHandle {
    const pty = new Pty(`/dev/pts/${this.nextTty++}`);
    pty.screen = opts.screen ?? 'full';
    if (opts.cols && opts.rows) {
      pty.cols = opts.cols;
      pty.rows = opts.rows;
    }
    const ttyDisposable = this.kernel.attachTty(pty);
    const outputEmitter = new Emitter<string>();
    const exitEmitter = new Emitter<number>();
    const pending: string[] = [];
    const outSub = pty.onOutput((s) => {
      if (outputEmitter.hasListeners) outputEmitter.fire(s);
      else pending.push(s);
    });
    const bash = this.kernel.programs.get('bash')!;
    const proc: Process = this.kernel.spawn({
      argv: ['bash'],
      program: bash.program,
      env: this.baseEnv(),
      cwd: HOME,
      fs: this.fs,
      stdio: { stdin: pty.slave, stdout: pty.slave, stderr: pty.slave },
      tty: pty,
      user: LEARNER,
    });
    pty.foregroundPgid = proc.pgid;
    const syncWallClock = () => this.syncWallClock();
    const handle: TerminalHandle & { pty: Pty; process: Process } = {
      id: this.nextTty,
      pty,
      process: proc,
      input(data: string) {
        syncWallClock();
        pty.input(data);
      },
      onOutput: (listener) => {
        const d = outputEmitter.event(listener);
        if (pending.length) {
          const buffered = pending.splice(0).join('');
          listener(buffered);
        }
        return d;
      },
      resize: (cols, rows) => pty.resize(cols, rows),
      onExit: exitEmitter.event,
      dispose: () => {
        this.kernel.killpg(proc.pgid, 'SIGHUP');
        this.kernel.kill(proc.pid, 'SIGHUP');
        outSub.dispose();
        ttyDisposable.dispose();
        this.terminals.delete(handle);
      },
    };
    void proc.exited.then((info) => exitEmitter.fire(info.status));
    this.terminals.add(handle);
    return handle;
  }

  /** Runs a command line with `bash -c` as the learner, in the home folder, with no terminal. */
  typedHistory(): readonly string[] {
    return this.typed;
  }

  async run(line: string, opts: { stdout?: WriteStream; user?: Credentials; cwd?: string; asTyped?: boolean } = {}): Promise<RunResult> {
    if (opts.asTyped) this.typed.push(...line.split('\n').filter((l) => l.trim() !== ''));
    const out: string[] = [];
    const decoder = new TextDecoder();
    const stdout = new CollectingWriter((b) => out.push(decoder.decode(b)));
    const stderr = new CollectingWriter((b) => out.push(decoder.decode(b)));
    const bash = this.kernel.programs.get('bash')!;
    const user = opts.user ?? LEARNER;
    const proc = this.kernel.spawn({
      argv: ['bash', '-c', line],
      program: bash.program,
      env: this.baseEnv(),
      cwd: opts.cwd ?? HOME,
      fs: user.uid === 0 ? this.rootFs : this.fs.withCredentials(user),
      stdio: { stdin: nullReader, stdout: opts.stdout ?? stdout, stderr },
      user,
    });
    const info = await this.waitFor(proc);
    return { output: out.join(''), stdout: stdout.text(), stderr: stderr.text(), status: info.status };
  }

  /** Waits for a process, moving virtual time through its timers. */
  async waitFor(proc: Process): Promise<{ status: number }> {
    if (this.options.time?.kind === 'realtime') return proc.exited;
    await this.settle(() => proc.state === 'exited');
    if (proc.state !== 'exited') {
      // Nothing more can happen: the process waits forever (e.g. for input that never comes).
      this.kernel.kill(proc.pid, 'SIGKILL');
    }
    return proc.exited;
  }

  /**
   * Virtual time: lets everything runnable run; while `until()` is false, advances the clock to the
   * next timer. Returns when `until()` holds, or when nothing is left to run or wait for, or after
   * `maxTurns` host turns of pure computation (an endless loop with no timers). Timers after
   * `deadline` are left alone (the clock stops there).
   */
  async settle(until: () => boolean, maxTurns = 20_000, deadline = Infinity): Promise<boolean> {
    let turns = 0;
    for (;;) {
      await this.options.host.yieldToHost();
      if (until()) return true;
      if (this.kernel.yielding > 0) {
        // Code still loading (a lazy chunk) is waited for; only computation counts against maxTurns.
        if (this.kernel.hostPending === 0 && ++turns > maxTurns) return false;
        continue;
      }
      const next = this.clock.nextDue();
      if (next === undefined || next > deadline) {
        if (deadline !== Infinity && deadline > this.clock.now()) this.clock.advanceTo(deadline);
        return until();
      }
      this.clock.advanceTo(next);
    }
  }

  registerCommand(info: ProgramInfo, path = `/usr/bin/${info.name}`): void {
    this.kernel.programs.register(info);
    this.rootFs.writeFile(path, executableContents(info.name), { mode: 0o755 });
  }

  registerStateKind(kind: string, factory: StateKindFactory): void {
    this.stateKinds.set(kind, factory);
  }

  state(kind: string): StateKind | undefined {
    return this.stateKinds.get(kind)?.(this);
  }

  /** A copy of the world in virtual time, sharing the file tree copy-on-write (O(1)). */
  fork(): DockyardSession {
    const fork = this.forkWorld();
    fork.stateKinds = new Map(this.stateKinds);
    return fork;
  }

  private forkWorld(): DockyardSession {
    const fork = new DockyardSession({ ...this.options, time: { kind: 'virtual' } }, {
      clock: this.clock.snapshot(),
      ids: this.ids.snapshot(),
      typed: this.typed,
      nextPid: this.kernel.pidCounter,
      fs: this.rootFs.fork(),
      docker: this.daemon?.snapshot() ?? this.dockerState,
      registries: this.registries?.snapshot() ?? this.registriesState,
      minikube: this.cluster?.snapshot() ?? this.minikubeState,
    });
    // The daemon's code is loaded already: the fork's daemon exists at once (checks read it).
    if (fork.dockerState && dockerModules) fork.makeDaemon();
    return fork;
  }

  snapshot(): SessionSnapshot {
    const docker = this.daemon?.snapshot() ?? this.dockerState;
    const registries = this.registries?.snapshot() ?? this.registriesState;
    const minikube = this.cluster?.snapshot() ?? this.minikubeState;
    const engine: EngineState = {
      clock: this.clock.snapshot(),
      ids: this.ids.snapshot(),
      typed: [...this.typed],
      nextPid: this.kernel.pidCounter,
      fs: this.rootFs.snapshot(),
      ...(docker ? { docker } : {}),
      ...(registries ? { registries } : {}),
      ...(minikube ? { minikube } : {}),
    };
    return { version: versions.engine, engine };
  }

  private startRealtime(time: Extract<TimeMode, { kind: 'realtime' }>): void {
    this.wallBase = time.wallNow();
    this.clockBase = this.clock.now();
    const arm = () => {
      this.cancelTimer?.();
      this.cancelTimer = undefined;
      const next = this.clock.nextDue();
      if (next === undefined || this.disposed) return;
      const delay = Math.max(0, next - this.clock.now());
      this.cancelTimer = time.setTimer(delay, () => {
        this.cancelTimer = undefined;
        this.syncWallClock();
        arm();
      });
    };
    this.clock.onDidSchedule(() => {
      this.syncWallClock();
      arm();
    });
  }

  /** In real time, brings the simulated clock up to the wall clock. */
  syncWallClock(): void {
    const t = this.options.time;
    if (t?.kind !== 'realtime') return;
    this.clock.advanceTo(this.clockBase + (t.wallNow() - this.wallBase));
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer?.();
    for (const t of [...this.terminals]) t.dispose();
    this.onDidChangeEmitter.dispose();
  }
}

export function createSession(options: SessionOptions): DockyardSession {
  if (options.snapshot) {
    const snap = options.snapshot;
    if (snap.version !== versions.engine) throw new Error(`snapshot version ${snap.version} is not ${versions.engine}`);
    return new DockyardSession(options, snap.engine as EngineState);
  }
  return new DockyardSession(options);
}
