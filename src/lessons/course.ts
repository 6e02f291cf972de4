/**
 * The course as a learner moves through it: which lesson is open, one world per lesson (its own
 * files, containers and cluster, kept while the learner is elsewhere), exercises done, and the
 * saving of all of it. Framework-free: the page gives it the workspace, world factories, storage
 * and a timer; tests give it Node sessions and memory storage.
 *
 * Opening a lesson: the world the learner left there (memory, then storage), else the lesson's
 * starting world (start caches, else built from setup in virtual time). Reset: the starting world
 * again; the world it replaces is kept for "Undo".
 */
import { Emitter, type IDisposable } from '../engine/core/events';
import type { Session, SessionSnapshot } from '../session/types';
import type { Workspace } from '../session/workspace';
import { LEARNER_HOME } from './paths';
import { collectLearnerFiles, restoreLearnerFiles } from './learnerFiles';
import { writeStartFiles } from './setup';
import { startKey, startSnapshot, type LessonStart, type StartCache } from './start';

/** The learner's files kept beside a world (they survive a world that cannot be restored). */
export interface LearnerFiles {
  /** Regular text files under /home/learner, relative path → text (files over 1 MiB are left out). */
  readonly files: Readonly<Record<string, string>>;
  /** Permission bits of the files whose mode is not 0644. */
  readonly modes: Readonly<Record<string, number>>;
  /** ~/.bash_history. */
  readonly history: string;
}

export type WorldLoad =
  | { readonly kind: 'ok'; readonly snapshot: SessionSnapshot }
  /** The snapshot cannot be used by this engine: rebuild from setup and put these files back. */
  | ({ readonly kind: 'rebuild' } & LearnerFiles)
  | { readonly kind: 'none' };

/** How a lesson's world is made: from a snapshot, or a fresh host with the start's files; and the learner's files put back. */
type WorldRecipe = ({ readonly kind: 'snapshot'; readonly snapshot: SessionSnapshot } | { readonly kind: 'files'; readonly start: LessonStart }) & {
  readonly learner?: LearnerFiles;
};

export interface CourseRecord {
  readonly lessonId: string | undefined;
  readonly done: readonly string[];
}

/** Where the course is saved (IndexedDB in the page, memory in tests). */
export interface CourseStorage {
  loadWorld(lessonId: string): Promise<WorldLoad>;
  saveWorld(lessonId: string, snapshot: SessionSnapshot, learner: LearnerFiles): void;
  saveCourse(record: CourseRecord): void;
  readonly startCache?: StartCache;
}

export interface CourseDeps {
  readonly workspace: Workspace;
  /** A world in the page's time, new or restored from a snapshot. */
  live(snapshot?: SessionSnapshot): Session;
  /** A fresh world in virtual time, to build a lesson's start in. */
  virtual(): Session;
  /** A lesson's start (files and setup commands); undefined for an unknown lesson. */
  loadStart(lessonId: string): Promise<LessonStart | undefined>;
  readonly storage: CourseStorage;
  readonly startCaches: readonly StartCache[];
  /** The line printed in the terminals when the world changes to a lesson's. */
  notice(lessonId: string, why: 'open' | 'reset' | 'undo'): string;
  /** Calls `fn` after `ms` of wall time; returns a cancel function. */
  schedule(fn: () => void, ms: number): () => void;
  /** How long the world must be quiet before it is saved (default 1000 ms). */
  readonly saveDelayMs?: number;
  /** Problems building a start (setup commands that failed) go here. */
  log?(message: string): void;
}

/** The learner's files and history in a world. */
export function learnerFiles(session: Session): LearnerFiles {
  const { files, modes } = collectLearnerFiles(session.fs);
  let history = '';
  try {
    history = session.fs.readText(`${LEARNER_HOME}/.bash_history`);
  } catch {
    // none yet
  }
  return { files, modes, history };
}

export class Course implements IDisposable {
  private currentId: string | undefined;
  /** Worlds of lessons the learner left, in this page's memory. */
  private readonly left = new Map<string, SessionSnapshot>();
  private readonly doneSet: Set<string>;
  private undo: { lessonId: string; snapshot: SessionSnapshot } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private cancelSave: (() => void) | undefined;
  private dirty = false;
  private readonly sub: IDisposable;
  private readonly changed = new Emitter<void>();
  /** Fires when the lesson, the progress or the undo state changed. */
  readonly onDidChange = this.changed.event;
  private disposed = false;

  constructor(
    private readonly deps: CourseDeps,
    initial: { readonly done?: Iterable<string> } = {},
  ) {
    this.doneSet = new Set(initial.done ?? []);
    this.sub = deps.workspace.onDidChange(() => this.worldChanged());
  }

  get lessonId(): string | undefined {
    return this.currentId;
  }

  get done(): ReadonlySet<string> {
    return this.doneSet;
  }

  /** Whether "Undo" can bring back the world a Reset replaced. */
  get canUndo(): boolean {
    return this.undo !== undefined && this.undo.lessonId === this.currentId;
  }

  markDone(key: string): void {
    if (this.doneSet.has(key)) return;
    this.doneSet.add(key);
    this.saveRecord();
    this.changed.fire();
  }

  /**
   * Opens a lesson in the workspace. `firstWorld`: the workspace runs the page's fresh host, which
   * becomes this lesson's world (its starting files are written into it when that is all the start
   * is). `quiet`: the learner has not used it yet, so a switch of world shows no notice.
   */
  open(lessonId: string, opts: { quiet?: boolean; firstWorld?: boolean } = {}): Promise<void> {
    return this.serial(async () => {
      if (this.disposed || lessonId === this.currentId) return;
      this.leaveCurrent();
      const recipe = await this.worldFor(lessonId);
      if (this.disposed || !recipe) return;
      this.currentId = lessonId;
      const ws = this.deps.workspace;
      if (opts.firstWorld && recipe.kind === 'files' && !recipe.learner) {
        // The page's fresh host is this lesson's start but for its files: no second host to build.
        writeStartFiles(ws.world, recipe.start);
      } else {
        ws.switchTo(this.make(recipe), opts.quiet ? { quiet: true } : { notice: this.deps.notice(lessonId, 'open') });
      }
      this.dirty = false;
      this.saveRecord();
      this.changed.fire();
    });
  }

  /** The current lesson back at its start; its exercises are not done any more. */
  reset(): Promise<void> {
    return this.serial(async () => {
      const id = this.currentId;
      if (this.disposed || id === undefined) return;
      const start = await this.startOf(id);
      if (!start || this.disposed) return;
      this.undo = { lessonId: id, snapshot: this.deps.workspace.snapshot() };
      for (const k of [...this.doneSet]) if (k.startsWith(`${id}/`)) this.doneSet.delete(k);
      this.deps.workspace.switchTo(this.make(start), { notice: this.deps.notice(id, 'reset') });
      this.dirty = true;
      this.saveSoon();
      this.saveRecord();
      this.changed.fire();
    });
  }

  /** Brings back the world the last Reset replaced. */
  undoReset(): Promise<void> {
    return this.serial(async () => {
      const u = this.undo;
      if (this.disposed || !u || u.lessonId !== this.currentId) return;
      this.undo = undefined;
      this.deps.workspace.switchTo(this.deps.live(u.snapshot), { notice: this.deps.notice(u.lessonId, 'undo') });
      this.dirty = true;
      this.saveSoon();
      this.changed.fire();
    });
  }

  /** Saves the current world now (the page is being hidden or closed). */
  saveNow(): void {
    this.cancelSave?.();
    this.cancelSave = undefined;
    const id = this.currentId;
    if (!this.dirty || id === undefined || this.disposed) return;
    this.dirty = false;
    const ws = this.deps.workspace;
    this.deps.storage.saveWorld(id, ws.snapshot(), learnerFiles(ws));
  }

  private serial(fn: () => Promise<void>): Promise<void> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private worldChanged(): void {
    if (this.currentId === undefined) return;
    this.dirty = true;
    this.saveSoon();
  }

  private saveSoon(): void {
    this.cancelSave?.();
    this.cancelSave = this.deps.schedule(() => {
      this.cancelSave = undefined;
      this.saveNow();
    }, this.deps.saveDelayMs ?? 1000);
  }

  private saveRecord(): void {
    this.deps.storage.saveCourse({ lessonId: this.currentId, done: [...this.doneSet] });
  }

  /** Keeps the world of the lesson being left (memory now, storage soon). */
  private leaveCurrent(): void {
    const id = this.currentId;
    if (id === undefined) return;
    const ws = this.deps.workspace;
    const snapshot = ws.snapshot();
    this.left.set(id, snapshot);
    this.cancelSave?.();
    this.cancelSave = undefined;
    this.dirty = false;
    this.deps.storage.saveWorld(id, snapshot, learnerFiles(ws));
  }

  /** How to make a lesson's world: the one the learner left (memory, storage), else its start. */
  private async worldFor(lessonId: string): Promise<WorldRecipe | undefined> {
    const kept = this.left.get(lessonId);
    if (kept) return { kind: 'snapshot', snapshot: kept };
    let saved: WorldLoad = { kind: 'none' };
    try {
      saved = await this.deps.storage.loadWorld(lessonId);
    } catch (e) {
      this.deps.log?.(`the saved world of ${lessonId} could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (saved.kind === 'ok') return { kind: 'snapshot', snapshot: saved.snapshot };
    const start = await this.startOf(lessonId);
    if (!start || saved.kind === 'none') return start;
    // The saved world is of an older engine: the start again, with the learner's files and history.
    return { ...start, learner: { files: saved.files, modes: saved.modes, history: saved.history } };
  }

  /** A lesson's start: its files alone (cheap to write), or a snapshot built with its setup commands. */
  private async startOf(lessonId: string): Promise<WorldRecipe | undefined> {
    const start = await this.deps.loadStart(lessonId);
    if (!start) return undefined;
    if (start.commands.length === 0) return { kind: 'files', start };
    const caches = [...this.deps.startCaches, ...(this.deps.storage.startCache ? [this.deps.storage.startCache] : [])];
    const built = await startSnapshot(startKey(lessonId, start), start, caches, () => this.deps.virtual());
    for (const p of built.problems) this.deps.log?.(`setup of ${lessonId}: \`${p.command}\` exited ${p.result.status}: ${p.result.output}`);
    return { kind: 'snapshot', snapshot: built.snapshot };
  }

  /** Makes the world a recipe describes, in the page's time. */
  private make(recipe: WorldRecipe): Session {
    const world = this.deps.live(recipe.kind === 'snapshot' ? recipe.snapshot : undefined);
    if (recipe.kind === 'files') writeStartFiles(world, recipe.start);
    if (recipe.learner) {
      restoreLearnerFiles(world.fs, recipe.learner.files, recipe.learner.modes);
      if (recipe.learner.history) world.fs.writeFile(`${LEARNER_HOME}/.bash_history`, recipe.learner.history, { mode: 0o600 });
    }
    return world;
  }

  dispose(): void {
    this.disposed = true;
    this.cancelSave?.();
    this.sub.dispose();
    this.changed.dispose();
  }
}

/** Storage that keeps everything in memory (tests; a page whose browser storage is unavailable). */
export class MemoryCourseStorage implements CourseStorage {
  private readonly worlds = new Map<string, SessionSnapshot>();
  record: CourseRecord | undefined;

  async loadWorld(lessonId: string): Promise<WorldLoad> {
    const w = this.worlds.get(lessonId);
    return w ? { kind: 'ok', snapshot: w } : { kind: 'none' };
  }

  saveWorld(lessonId: string, snapshot: SessionSnapshot): void {
    this.worlds.set(lessonId, snapshot);
  }

  saveCourse(record: CourseRecord): void {
    this.record = record;
  }
}
