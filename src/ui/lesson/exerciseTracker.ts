/**
 * The state of a lesson's exercises in the page: runs their checks (on forks of the session) when
 * asked, and again, debounced, whenever the session's world changes. An exercise, once done, stays
 * done. Framework-free; the React components read it through `onDidChange` + `get()`.
 */
import { Emitter, toDisposable, type IDisposable } from '../../engine/core/events';
import { runChecks } from '../../lessons/checks';
import type { Exercise, Localized } from '../../lessons/schema';
import type { Session } from '../../session/types';

export type ExerciseStatus = 'unchecked' | 'done' | 'not-done';

export interface ExerciseState {
  readonly status: ExerciseStatus;
  /** Why it is not done yet (the first failing check's message). */
  readonly messages: Localized | undefined;
  /** Increases with each finished check run (for tests and for "checked just now" feedback). */
  readonly runs: number;
}

export interface TrackerOptions {
  /** Schedules `fn` after `ms` of wall time; returns a cancel function (setTimeout in the page). */
  schedule(fn: () => void, ms: number): () => void;
  /** Wait after the last change before re-running checks (default 300 ms). */
  debounceMs?: number;
  /** Exercises already done (progress restored from storage). */
  initiallyDone?: Iterable<string>;
  /** Called once when an exercise becomes done. */
  onDone?(exerciseId: string): void;
}

const UNCHECKED: ExerciseState = { status: 'unchecked', messages: undefined, runs: 0 };

export class ExerciseTracker implements IDisposable {
  private readonly states = new Map<string, ExerciseState>();
  private readonly emitter = new Emitter<void>();
  readonly onDidChange = this.emitter.event;
  private sub: IDisposable | undefined;
  private cancelTimer: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private disposed = false;

  constructor(
    private readonly session: Session,
    private readonly exercises: readonly Exercise[],
    private readonly opts: TrackerOptions,
  ) {
    const done = new Set(opts.initiallyDone ?? []);
    for (const e of exercises) this.states.set(e.id, done.has(e.id) ? { status: 'done', messages: undefined, runs: 0 } : UNCHECKED);
  }

  /**
   * Re-runs the checks whenever the world changes, until the returned disposable is disposed:
   * an effect's lifetime, so React's StrictMode (mount, unmount, mount) leaves a live tracker.
   */
  start(): IDisposable {
    this.sub?.dispose();
    const sub = this.session.onDidChange(() => this.changed());
    this.sub = sub;
    return toDisposable(() => {
      sub.dispose();
      if (this.sub !== sub) return;
      this.sub = undefined;
      this.cancelTimer?.();
      this.cancelTimer = undefined;
    });
  }

  get(id: string): ExerciseState {
    return this.states.get(id) ?? UNCHECKED;
  }

  /** The ids of the exercises that are done. */
  done(): string[] {
    return this.exercises.filter((e) => this.get(e.id).status === 'done').map((e) => e.id);
  }

  /** The world changed: re-run the checks of the exercises not yet done, after a short quiet time. */
  changed(): void {
    if (this.disposed || !this.sub) return;
    this.cancelTimer?.();
    this.cancelTimer = this.opts.schedule(() => {
      this.cancelTimer = undefined;
      void this.checkAll();
    }, this.opts.debounceMs ?? 300);
  }

  /** Runs the checks of every exercise not yet done. */
  checkAll(): Promise<void> {
    return this.enqueue(this.exercises.filter((e) => this.get(e.id).status !== 'done'));
  }

  /** Runs one exercise's checks now (the "Check" button). */
  check(id: string): Promise<void> {
    const ex = this.exercises.find((e) => e.id === id);
    return ex ? this.enqueue([ex]) : Promise.resolve();
  }

  /** Check runs never overlap; a request during a run is served right after it. */
  private enqueue(list: readonly Exercise[]): Promise<void> {
    const run = async (): Promise<void> => {
      for (const ex of list) {
        if (this.disposed) return;
        const before = this.get(ex.id);
        const r = await runChecks(this.session, ex.checks);
        if (this.disposed) return;
        const now = this.get(ex.id);
        if (now.status === 'done') {
          this.states.set(ex.id, { ...now, runs: now.runs + 1 });
        } else if (r.passed) {
          this.states.set(ex.id, { status: 'done', messages: undefined, runs: before.runs + 1 });
          this.opts.onDone?.(ex.id);
        } else {
          this.states.set(ex.id, { status: 'not-done', messages: r.messages, runs: before.runs + 1 });
        }
        this.emitter.fire();
      }
    };
    const prev = this.running ?? Promise.resolve();
    const next = prev.then(run, run);
    this.running = next;
    void next.finally(() => {
      if (this.running === next) this.running = undefined;
    });
    return next;
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer?.();
    this.sub?.dispose();
    this.emitter.dispose();
  }
}
