/**
 * A workspace: the Session the interface holds for an instance's whole life, over a world that
 * can be swapped. Each lesson has its own world (like a Killercoda scenario); opening another
 * lesson, or resetting one, switches the world under the same workspace. The file system view,
 * the events and the terminals stay the same objects: a terminal's shell is restarted in the new
 * world and its screen carries on.
 */
import { Emitter, type IDisposable } from '../engine/core/events';
import type { FileSystem, FsChange } from '../engine/fs/types';
import type { ProgramInfo } from '../engine/runtime/programs';
import type { RunResult, Session, SessionSnapshot, StateKind, StateKindFactory, TerminalHandle } from './types';

const HISTORY_FILE = '/home/learner/.bash_history';

export interface SwitchOptions {
  /** Printed in every open terminal before the new shell's prompt (e.g. which lesson this is). */
  readonly notice?: string;
  /** Carry the shell history (~/.bash_history) over into the new world (default true). */
  readonly keepHistory?: boolean;
  /**
   * The learner has not used the terminals yet (see `touched`): the new shell's prompt replaces
   * the old one on the same line, so the switch does not show.
   */
  readonly quiet?: boolean;
}

export class Workspace implements Session {
  private current: Session;
  private worldSubs: IDisposable[] = [];
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly openInEditor = new Emitter<string>();
  readonly onOpenInEditor = this.openInEditor.event;
  private readonly fsChanged = new Emitter<FsChange>();
  private readonly switched = new Emitter<Session>();
  /** Fires after the world was switched, with the new world. */
  readonly onDidSwitch = this.switched.event;
  private readonly terminals = new Set<WorkspaceTerminal>();
  private readonly commands: Array<[ProgramInfo, string | undefined]> = [];
  private readonly kinds = new Map<string, StateKindFactory>();
  private disposed = false;
  /** Delegates every call to the current world's file system; its onDidChange outlives switches. */
  readonly fs: FileSystem;

  constructor(world: Session) {
    this.current = world;
    const fsChanged = this.fsChanged;
    this.fs = new Proxy({} as FileSystem, {
      get: (_t, key) => {
        if (key === 'onDidChange') return fsChanged.event;
        const value: unknown = Reflect.get(this.current.fs, key);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(this.current.fs) : value;
      },
    });
    this.listen();
  }

  /** Whether anything was typed at a terminal since the workspace began. */
  get touched(): boolean {
    for (const t of this.terminals) if (t.touched) return true;
    return false;
  }

  /** The world the workspace runs on now. */
  get world(): Session {
    return this.current;
  }

  private listen(): void {
    const w = this.current;
    this.worldSubs = [
      w.onDidChange(() => this.changed.fire()),
      w.onOpenInEditor((p) => this.openInEditor.fire(p)),
      w.fs.onDidChange((c) => this.fsChanged.fire(c)),
    ];
  }

  /**
   * Runs on `next` from now on. The previous world is disposed (the caller snapshots it first if
   * it wants to keep it); open terminals get a new shell in the new world.
   */
  switchTo(next: Session, opts: SwitchOptions = {}): void {
    if (this.disposed || next === this.current) return;
    const prev = this.current;
    if (opts.keepHistory !== false) {
      try {
        const history = prev.fs.exists(HISTORY_FILE) ? prev.fs.readText(HISTORY_FILE) : undefined;
        if (history !== undefined) next.fs.writeFile(HISTORY_FILE, history, { mode: 0o600 });
      } catch {
        // a world without a home folder keeps its own history
      }
    }
    for (const [info, path] of this.commands) next.registerCommand(info, path);
    for (const [kind, f] of this.kinds) next.registerStateKind(kind, f);
    for (const d of this.worldSubs) d.dispose();
    this.current = next;
    this.listen();
    for (const t of this.terminals) t.rebind(next, opts.quiet ? '\r\x1b[K' : opts.notice ? `\r\n\x1b[2m${opts.notice.replace(/\n/g, '\r\n')}\x1b[0m\r\n` : '\r\n');
    prev.dispose();
    // Everything may differ: the tree re-reads and open files reconcile.
    this.fsChanged.fire({ kind: 'modify', path: '/', type: 'dir' });
    this.changed.fire();
    this.switched.fire(next);
  }

  openTerminal(): TerminalHandle {
    const t = new WorkspaceTerminal(this.current, () => this.terminals.delete(t));
    this.terminals.add(t);
    return t;
  }

  run(line: string, opts?: { asTyped?: boolean }): Promise<RunResult> {
    return this.current.run(line, opts);
  }

  typedHistory(): readonly string[] {
    return this.current.typedHistory();
  }

  registerCommand(info: ProgramInfo, path?: string): void {
    this.commands.push([info, path]);
    this.current.registerCommand(info, path);
  }

  registerStateKind(kind: string, factory: StateKindFactory): void {
    this.kinds.set(kind, factory);
    this.current.registerStateKind(kind, factory);
  }

  state(kind: string): StateKind | undefined {
    return this.current.state(kind);
  }

  fork(): Session {
    return this.current.fork();
  }

  snapshot(): SessionSnapshot {
    return this.current.snapshot();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const t of [...this.terminals]) t.dispose();
    for (const d of this.worldSubs) d.dispose();
    this.current.dispose();
    this.changed.dispose();
    this.openInEditor.dispose();
    this.fsChanged.dispose();
    this.switched.dispose();
  }
}

/** A terminal of the workspace: one screen, whose shell is restarted when the world switches. */
class WorkspaceTerminal implements TerminalHandle {
  private inner: TerminalHandle;
  private subs: IDisposable[] = [];
  private readonly output = new Emitter<string>();
  private readonly exit = new Emitter<number>();
  private readonly pending: string[] = [];
  private size: [number, number] | undefined;
  private closed = false;

  constructor(
    world: Session,
    private readonly onDispose: () => void,
  ) {
    this.inner = world.openTerminal();
    this.bind();
  }

  get id(): number {
    return this.inner.id;
  }

  private bind(): void {
    const inner = this.inner;
    this.subs = [
      inner.onOutput((s) => this.emit(s)),
      inner.onExit((code) => {
        if (this.inner === inner) this.exit.fire(code);
      }),
    ];
  }

  private emit(s: string): void {
    if (this.output.hasListeners) this.output.fire(s);
    else this.pending.push(s);
  }

  /** Whether a key was typed here. */
  touched = false;

  rebind(world: Session, preamble: string): void {
    if (this.closed) return;
    for (const d of this.subs) d.dispose();
    const old = this.inner;
    this.inner = world.openTerminal();
    old.dispose();
    if (preamble) this.emit(preamble);
    if (this.size) this.inner.resize(...this.size);
    this.bind();
  }

  input(data: string): void {
    this.touched = true;
    this.inner.input(data);
  }

  readonly onOutput = (listener: (s: string) => void): IDisposable => {
    const d = this.output.event(listener);
    if (this.pending.length) listener(this.pending.splice(0).join(''));
    return d;
  };

  readonly onExit = this.exit.event;

  resize(cols: number, rows: number): void {
    this.size = [cols, rows];
    this.inner.resize(cols, rows);
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const d of this.subs) d.dispose();
    this.inner.dispose();
    this.output.dispose();
    this.exit.dispose();
    this.onDispose();
  }
}
