/**
 * Progress that survives a reload: `openProgressStore(storageKey)` keeps one instance's course
 * record and one world per lesson in IndexedDB, and a start-state cache shared by every instance.
 *
 * - Saves are coalesced: the latest value wins and is written soon after (or at `flush()`). A
 *   save may be a function, called only when the write happens, so an owner can save on every
 *   change without taking a snapshot each time.
 * - One writer per storage key (./writerLock): a read-only tab keeps its latest state pending and
 *   writes it only if it takes over.
 * - Nothing here throws to the page or leaves a rejection unhandled: damaged records are kept
 *   aside and reported (`problems`, `onDidFail`), a missing or refusing IndexedDB gives an
 *   in-memory store with the same API.
 * - zod and the migrations (./format) are loaded only when there is something to validate: a
 *   record was read, an import or an export. Opening the store, a load that finds nothing, and
 *   saves do not load them.
 */
import { Emitter, toDisposable, type Event, type IDisposable } from '../../engine/core/events';
import { versions } from '../../engine/core/versions';
import type { SessionSnapshot } from '../../session/types';
import { MemoryBackend, openIdb, type Backend } from './backend';
import type * as Format from './format';
import {
  damagedId,
  EXPORT_KIND,
  SAVE_FORMAT,
  type CourseRecord,
  type CourseState,
  type DamagedRecord,
  type ExportDocument,
  type ImportError,
  type Migration,
  type SnapshotMigrations,
  type WorldRecord,
  type WorldState,
} from './records';
import { defaultChannel, defaultLocks, WriterLock, type ChannelFactory, type LocksLike } from './writerLock';

export type StorageProblem =
  /** No usable IndexedDB (private mode, storage blocked): progress lives only as long as the page. */
  | { readonly kind: 'unavailable'; readonly detail: string }
  /** A stored record could not be read; it was kept aside (`keptAs`) and the learner starts fresh. */
  | { readonly kind: 'damaged'; readonly what: 'course' | 'world'; readonly lessonId?: string; readonly detail: string }
  /** A record written by a newer Dockyard; kept aside like a damaged one. */
  | { readonly kind: 'newer'; readonly what: 'course' | 'world'; readonly lessonId?: string; readonly detail: string }
  /** A lesson's world was made by an engine this one cannot take: rebuilt, files and history kept. */
  | { readonly kind: 'rebuilt'; readonly lessonId: string; readonly detail: string }
  /** The browser's storage is full. */
  | { readonly kind: 'quota'; readonly detail: string }
  | { readonly kind: 'read-failed'; readonly detail: string }
  | { readonly kind: 'write-failed'; readonly detail: string };

export interface LoadResult {
  /** The saved course record, brought to the current format; null when there is none (fresh). */
  readonly course: CourseRecord | null;
  /** Every problem known so far (the same as `store.problems`). */
  readonly problems: readonly StorageProblem[];
  readonly writer: boolean;
  /** False when progress is kept in memory only. */
  readonly persistent: boolean;
}

export type WorldLoad =
  | { readonly kind: 'ok'; readonly world: WorldRecord }
  /**
   * The saved world cannot be restored (another engine version, or damaged): the owner rebuilds
   * it from the lesson's setup, writes these files (relative to the home directory) and this
   * history back, then saves it.
   */
  | {
      readonly kind: 'rebuild';
      readonly files: Readonly<Record<string, string>>;
      readonly modes?: Readonly<Record<string, number>>;
      readonly history: string;
      readonly reason: string;
    }
  | { readonly kind: 'none' };

export type ImportResult =
  | { readonly ok: true; readonly course: CourseRecord | null; readonly lessons: readonly string[] }
  | { readonly ok: false; readonly error: ImportError };

export interface StartCache {
  /** A cached start state, or undefined (missing, evicted, from another engine, or storage failed). */
  get(key: string): Promise<SessionSnapshot | undefined>;
  /** Stores a start state (every tab may: keys name their content). Keeps the most recently used. */
  put(key: string, snapshot: SessionSnapshot): void;
}

export interface ProgressStore extends IDisposable {
  readonly storageKey: string;
  /** Reads the course record (migrated); damaged records are reported and kept aside. */
  load(): Promise<LoadResult>;
  loadWorld(lessonId: string): Promise<WorldLoad>;
  /** Coalesced: the latest value wins, written soon. A function is called at write time. */
  saveCourse(course: CourseState | (() => CourseState)): void;
  /** Coalesced per lesson. A function is called at write time (take the snapshot there). */
  saveWorld(lessonId: string, world: WorldState | (() => WorldState)): void;
  /** Writes everything pending now (pagehide, visibilitychange; see flushWhenHidden). Never rejects. */
  flush(): Promise<void>;
  /** This tab writes. False in a read-only tab (and until the lock is known). */
  readonly writer: boolean;
  /** Another tab writes (known, not merely pending): the UI says so and offers takeOver. */
  readonly readOnly: boolean;
  readonly onDidChangeWriter: Event<boolean>;
  /** Makes this tab the writer (the other tab becomes read-only) and writes its pending state. */
  takeOver(): Promise<void>;
  /** False once the store fell back to memory. */
  readonly persistent: boolean;
  readonly problems: readonly StorageProblem[];
  /** Fires for each new problem. */
  readonly onDidFail: Event<StorageProblem>;
  /** Fires when `writer` or `problems` changed (for the UI). */
  readonly onDidChangeState: Event<void>;
  /** The learner read the notices. */
  dismissProblems(): void;
  /** One JSON document (versioned) with the course, every world and the records kept aside. */
  exportProgress(): Promise<string>;
  /**
   * Replaces this key's course and worlds with an exported document's, after validating all of
   * it (nothing changes on an error). Pending saves are dropped: after `ok`, the owner reloads
   * its state (`load`, `loadWorld`) before saving again; `onDidImport` fires then.
   */
  importProgress(text: string): Promise<ImportResult>;
  readonly onDidImport: Event<Extract<ImportResult, { ok: true }>>;
  readonly startCache: StartCache;
}

export interface ProgressStoreDeps {
  /** Default: globalThis.indexedDB. null: none (the in-memory store). */
  indexedDB?: IDBFactory | null;
  /** Default: navigator.locks. null: no Web Locks (this tab is the writer). */
  locks?: LocksLike | null;
  channel?: ChannelFactory;
  /** Wall clock for savedAt and the cache's recency. */
  now?: () => number;
  /** Runs `fn` after `ms`; returns a cancel function. Default setTimeout. */
  schedule?: (fn: () => void, ms: number) => () => void;
  /** How long saves are coalesced before a write. Default 400 ms. */
  delayMs?: number;
  /** Default versions.engine. */
  engineVersion?: number;
  snapshotMigrations?: SnapshotMigrations;
  courseMigrations?: Readonly<Record<number, Migration>>;
  worldMigrations?: Readonly<Record<number, Migration>>;
  /** Start-cache entries kept. Default 30. */
  startCacheLimit?: number;
  openTimeoutMs?: number;
  /**
   * How long a new store waits for the lock before it is read-only (the lock of a store just
   * disposed on this page, or of the page before a reload, is released asynchronously). Default 1000 ms.
   */
  lockWaitMs?: number;
}

const message = (e: unknown): string => (e instanceof Error || e instanceof DOMException ? `${e.name}: ${e.message}` : String(e));
const isQuota = (e: unknown): boolean =>
  (e instanceof Error || e instanceof DOMException) && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED');

type Thunk<T> = T | (() => T);
const force = <T>(x: Thunk<T>): T => (typeof x === 'function' ? (x as () => T)() : x);

let formatModule: Promise<typeof Format> | undefined;

/** ./format (zod, the migrations), loaded on first need; a failed load is tried again next time. */
function loadFormat(): Promise<typeof Format> {
  formatModule ??= import('./format').catch((e: unknown) => {
    formatModule = undefined;
    throw e;
  });
  return formatModule;
}

/** A store's migration chains; unset: ./format's. */
interface Chains {
  readonly course: Readonly<Record<number, Migration>> | undefined;
  readonly world: Readonly<Record<number, Migration>> | undefined;
  readonly snapshot: SnapshotMigrations | undefined;
}

/** Validation with a store's chains, once ./format is loaded. */
function validators(f: typeof Format, chains: Chains) {
  const course = chains.course ?? f.courseMigrations;
  const world = chains.world ?? f.worldMigrations;
  return {
    course: (raw: unknown) => f.migrateCourse(raw, course),
    world: (raw: unknown) => f.migrateWorld(raw, world),
    upgrade: (w: WorldRecord, engine: number) => f.upgradeWorld(w, engine, chains.snapshot ?? f.snapshotMigrations),
    salvage: f.salvageWorld,
    parseExport: (text: string) => f.parseExport(text, { course, world }),
  };
}

interface Aside {
  readonly what: 'course' | 'world';
  readonly lessonId?: string;
}

export function openProgressStore(storageKey: string, deps: ProgressStoreDeps = {}): ProgressStore {
  return new IdbProgressStore(storageKey, deps);
}

class IdbProgressStore implements ProgressStore {
  private readonly backend: Promise<Backend>;
  private readonly lock: WriterLock;
  private readonly now: () => number;
  private readonly schedule: (fn: () => void, ms: number) => () => void;
  private readonly delayMs: number;
  private readonly engine: number;
  private readonly chains: Chains;
  private readonly cacheLimit: number;

  private pendingCourse: Thunk<CourseState> | undefined;
  private readonly pendingWorlds = new Map<string, Thunk<WorldState>>();
  /** Damaged records to move aside once this tab writes (key: "course" or "world:<id>"). */
  private readonly asides = new Map<string, Aside>();
  private cancelTimer: (() => void) | null = null;
  /** Writes run one after another. */
  private chain: Promise<void> = Promise.resolve();
  private cacheChain: Promise<void> = Promise.resolve();
  private lastUse = 0;
  private disposed = false;
  private lockKnown = false;
  /** Problems reported so far (a write that reported none clears the earlier write problems). */
  private failures = 0;
  private _persistent = true;
  private _problems: StorageProblem[] = [];

  private readonly _onDidFail = new Emitter<StorageProblem>();
  readonly onDidFail = this._onDidFail.event;
  private readonly _onDidChangeState = new Emitter<void>();
  readonly onDidChangeState = this._onDidChangeState.event;
  private readonly _onDidImport = new Emitter<Extract<ImportResult, { ok: true }>>();
  readonly onDidImport = this._onDidImport.event;
  readonly onDidChangeWriter: Event<boolean>;

  readonly startCache: StartCache;

  constructor(
    readonly storageKey: string,
    deps: ProgressStoreDeps,
  ) {
    this.now = deps.now ?? (() => Date.now());
    this.schedule =
      deps.schedule ??
      ((fn, ms) => {
        const t = setTimeout(fn, ms);
        return () => clearTimeout(t);
      });
    this.delayMs = deps.delayMs ?? 400;
    this.engine = deps.engineVersion ?? versions.engine;
    this.chains = {
      course: deps.courseMigrations,
      world: deps.worldMigrations,
      snapshot: deps.snapshotMigrations,
    };
    this.cacheLimit = deps.startCacheLimit ?? 30;

    const factory = deps.indexedDB === null ? undefined : (deps.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB);
    this.backend = openIdb(factory, deps.openTimeoutMs).then(
      (b): Backend => b,
      (e: unknown): Backend => {
        this._persistent = false;
        this.report({ kind: 'unavailable', detail: message(e) });
        return new MemoryBackend();
      },
    );

    const locks = deps.locks === null ? undefined : (deps.locks ?? defaultLocks());
    this.lock = new WriterLock(`dockyard:${storageKey}`, locks, deps.channel ?? defaultChannel, deps.lockWaitMs);
    this.onDidChangeWriter = this.lock.onDidChange;
    this.lock.onDidChange((writer) => {
      if (writer) this.arm();
      else this.disarm();
      this._onDidChangeState.fire();
    });
    void this.lock.ready.then(() => {
      this.lockKnown = true;
      if (!this.disposed) this._onDidChangeState.fire();
    });

    this.startCache = {
      get: (key) => this.cacheGet(key),
      put: (key, snapshot) => this.cachePut(key, snapshot),
    };
  }

  get writer(): boolean {
    return this.lock.writer;
  }

  get readOnly(): boolean {
    return this.lockKnown && !this.disposed && !this.lock.writer;
  }

  get persistent(): boolean {
    return this._persistent;
  }

  get problems(): readonly StorageProblem[] {
    return this._problems;
  }

  private report(p: StorageProblem): void {
    this.failures++;
    const key = JSON.stringify(p);
    if (this._problems.some((q) => JSON.stringify(q) === key)) return;
    this._problems = [...this._problems, p];
    if (this.disposed) return;
    this._onDidFail.fire(p);
    this._onDidChangeState.fire();
  }

  private clearWriteProblems(): void {
    const kept = this._problems.filter((p) => p.kind !== 'quota' && p.kind !== 'write-failed');
    if (kept.length === this._problems.length) return;
    this._problems = kept;
    this._onDidChangeState.fire();
  }

  dismissProblems(): void {
    if (!this._problems.length) return;
    this._problems = [];
    this._onDidChangeState.fire();
  }

  // -------------------------------------------------------------------------------------------
  // Loading

  private async ready(): Promise<Backend> {
    const [b] = await Promise.all([this.backend, this.lock.ready]);
    return b;
  }

  /** Loads ./format (zod): only when there is something to validate. May reject. */
  private async validate(): Promise<ReturnType<typeof validators>> {
    return validators(await loadFormat(), this.chains);
  }

  async load(): Promise<LoadResult> {
    const b = await this.ready();
    let course: CourseRecord | null = null;
    try {
      const raw = await b.getCourse(this.storageKey);
      if (raw !== undefined) {
        const m = (await this.validate()).course(raw);
        if (m.ok) course = m.value;
        else {
          this.report({ kind: m.reason === 'newer' ? 'newer' : 'damaged', what: 'course', detail: m.detail });
          this.asides.set('course', { what: 'course' });
          if (this.writer) await this.runAsides(b);
        }
      }
    } catch (e) {
      this.report({ kind: 'read-failed', detail: message(e) });
    }
    return { course, problems: this._problems, writer: this.writer, persistent: this._persistent };
  }

  async loadWorld(lessonId: string): Promise<WorldLoad> {
    const b = await this.ready();
    let raw: unknown;
    try {
      raw = await b.getWorld(this.storageKey, lessonId);
    } catch (e) {
      this.report({ kind: 'read-failed', detail: message(e) });
      return { kind: 'none' };
    }
    if (raw === undefined) return { kind: 'none' };
    let v: ReturnType<typeof validators>;
    try {
      v = await this.validate();
    } catch (e) {
      this.report({ kind: 'read-failed', detail: message(e) });
      return { kind: 'none' };
    }
    const m = v.world(raw);
    if (!m.ok) {
      this.report({ kind: m.reason === 'newer' ? 'newer' : 'damaged', what: 'world', lessonId, detail: m.detail });
      this.asides.set(`world:${lessonId}`, { what: 'world', lessonId });
      if (this.writer) await this.runAsides(b);
      const salvage = v.salvage(raw);
      return salvage ? { kind: 'rebuild', ...salvage, reason: m.detail } : { kind: 'none' };
    }
    const u = v.upgrade(m.value, this.engine);
    if (!u.ok) {
      this.report({ kind: 'rebuilt', lessonId, detail: u.detail });
      const w = m.value;
      return { kind: 'rebuild', files: w.files, ...(w.modes ? { modes: w.modes } : {}), history: w.history, reason: u.detail };
    }
    return { kind: 'ok', world: u.world };
  }

  /**
   * Moves the damaged records found by loads aside (a writer only). Each is read again first: a
   * record another tab has since replaced with a good one stays.
   */
  private async runAsides(b: Backend): Promise<void> {
    for (const [k, a] of [...this.asides]) {
      this.asides.delete(k);
      try {
        const raw = a.what === 'course' ? await b.getCourse(this.storageKey) : await b.getWorld(this.storageKey, a.lessonId ?? '');
        if (raw === undefined) continue;
        const v = await this.validate();
        const m = a.what === 'course' ? v.course(raw) : v.world(raw);
        if (m.ok) continue;
        const at = this.now();
        const rec: DamagedRecord = {
          id: damagedId(this.storageKey, a.what, a.lessonId, at),
          storageKey: this.storageKey,
          what: a.what,
          ...(a.lessonId !== undefined ? { lessonId: a.lessonId } : {}),
          reason: m.detail,
          at,
          value: raw,
        };
        await b.setAside(rec);
      } catch (e) {
        this.report({ kind: 'write-failed', detail: `could not keep a damaged record aside: ${message(e)}` });
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Saving

  saveCourse(course: Thunk<CourseState>): void {
    if (this.disposed) return;
    this.pendingCourse = course;
    this.arm();
  }

  saveWorld(lessonId: string, world: Thunk<WorldState>): void {
    if (this.disposed) return;
    this.pendingWorlds.set(lessonId, world);
    this.arm();
  }

  private get hasPending(): boolean {
    return this.pendingCourse !== undefined || this.pendingWorlds.size > 0 || this.asides.size > 0;
  }

  /** Schedules a write of what is pending (a read-only tab keeps it pending). */
  private arm(): void {
    if (this.cancelTimer || !this.writer || !this.hasPending || this.disposed) return;
    this.cancelTimer = this.schedule(() => {
      this.cancelTimer = null;
      void this.flush();
    }, this.delayMs);
  }

  private disarm(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  flush(): Promise<void> {
    this.disarm();
    const run = this.chain.then(() => this.write());
    this.chain = run;
    return Promise.all([run, this.cacheChain]).then(() => {});
  }

  /** Never rejects. `last`: the final write of a disposed store that was the writer. */
  private async write(last = false): Promise<void> {
    const failures = this.failures;
    try {
      const b = await this.ready();
      if (!this.writer && !last) return;
      await this.runAsides(b);
      if (!this.pendingCourse && !this.pendingWorlds.size) return;
      const courseThunk = this.pendingCourse;
      const worldThunks = [...this.pendingWorlds];
      this.pendingCourse = undefined;
      this.pendingWorlds.clear();

      const savedAt = this.now();
      let course: CourseRecord | undefined;
      const worlds = new Map<string, WorldRecord>();
      if (courseThunk) {
        try {
          const c = force(courseThunk);
          course = { v: SAVE_FORMAT, lesson: c.lesson, lang: c.lang, done: [...c.done], savedAt };
        } catch (e) {
          this.report({ kind: 'write-failed', detail: `could not read the course state: ${message(e)}` });
        }
      }
      for (const [id, thunk] of worldThunks) {
        try {
          const w = force(thunk);
          worlds.set(id, {
            v: SAVE_FORMAT,
            engine: w.snapshot.version,
            snapshot: w.snapshot,
            files: { ...w.files },
            ...(w.modes ? { modes: { ...w.modes } } : {}),
            history: w.history,
            savedAt,
          });
        } catch (e) {
          this.report({ kind: 'write-failed', detail: `could not take the world of ${id}: ${message(e)}` });
        }
      }
      if (!course && !worlds.size) return;
      const batch = { ...(course ? { course } : {}), worlds };
      try {
        await b.write(this.storageKey, batch);
      } catch (e) {
        let err = e;
        if (isQuota(e)) {
          // The start cache is only a cache: make room with it before giving up.
          try {
            await b.cacheClear();
            await b.write(this.storageKey, batch);
            err = undefined;
          } catch (e2) {
            err = e2;
          }
        }
        if (err !== undefined) {
          this.report(isQuota(err) ? { kind: 'quota', detail: message(err) } : { kind: 'write-failed', detail: message(err) });
          // Kept pending (unless superseded) for the next attempt, which the next save starts.
          if (course && this.pendingCourse === undefined) this.pendingCourse = { lesson: course.lesson, lang: course.lang, done: course.done };
          for (const [id, w] of worlds) if (!this.pendingWorlds.has(id)) this.pendingWorlds.set(id, w);
          return;
        }
      }
      if (this.failures === failures) this.clearWriteProblems();
    } catch (e) {
      this.report({ kind: 'write-failed', detail: message(e) });
    }
  }

  async takeOver(): Promise<void> {
    try {
      await this.lock.takeOver();
      await this.flush();
    } catch (e) {
      this.report({ kind: 'write-failed', detail: message(e) });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Export and import

  async exportProgress(): Promise<string> {
    if (this.writer) await this.flush();
    const b = await this.ready();
    const v = await this.validate();
    const damaged: Array<Omit<DamagedRecord, 'id'>> = [];
    const at = this.now();

    let course: CourseRecord | null = null;
    const rawCourse = await b.getCourse(this.storageKey);
    if (rawCourse !== undefined) {
      const m = v.course(rawCourse);
      if (m.ok) course = m.value;
      else damaged.push({ storageKey: this.storageKey, what: 'course', reason: m.detail, at, value: rawCourse });
    }
    const worlds: Record<string, WorldRecord> = {};
    for (const [id, raw] of await b.listWorlds(this.storageKey)) {
      const m = v.world(raw);
      if (m.ok) worlds[id] = m.value;
      else damaged.push({ storageKey: this.storageKey, what: 'world', lessonId: id, reason: m.detail, at, value: raw });
    }
    // A read-only tab exports what it shows: its own pending state over the stored one.
    if (!this.writer) {
      if (this.pendingCourse) {
        const c = force(this.pendingCourse);
        course = { v: SAVE_FORMAT, lesson: c.lesson, lang: c.lang, done: [...c.done], savedAt: at };
      }
      for (const [id, thunk] of this.pendingWorlds) {
        const w = force(thunk);
        worlds[id] = { v: SAVE_FORMAT, engine: w.snapshot.version, snapshot: w.snapshot, files: { ...w.files }, ...(w.modes ? { modes: { ...w.modes } } : {}), history: w.history, savedAt: at };
      }
    }
    for (const d of await b.listDamaged(this.storageKey)) {
      const { id: _id, ...rest } = d;
      damaged.push(rest);
    }
    const doc: ExportDocument = {
      kind: EXPORT_KIND,
      format: SAVE_FORMAT,
      exportedAt: new Date(at).toISOString(),
      dockyard: versions.dockyard,
      storageKey: this.storageKey,
      course,
      worlds,
      ...(damaged.length ? { damaged: damaged.map(jsonSafe) } : {}),
    };
    return JSON.stringify(doc);
  }

  async importProgress(text: string): Promise<ImportResult> {
    let parsed: Format.ParsedImport;
    try {
      parsed = (await this.validate()).parseExport(text);
    } catch (e) {
      return { ok: false, error: { code: 'storage', detail: message(e) } };
    }
    if (!parsed.ok) return parsed;
    const b = await this.ready();
    if (!this.writer) return { ok: false, error: { code: 'read-only', detail: 'Dockyard is open in another tab; this tab does not save progress' } };
    const run = this.chain.then(async (): Promise<ImportResult> => {
      this.disarm();
      this.pendingCourse = undefined;
      this.pendingWorlds.clear();
      this.asides.clear();
      try {
        await b.replace(this.storageKey, parsed.course, parsed.worlds);
      } catch (e) {
        const error: ImportError = { code: 'storage', detail: message(e) };
        this.report(isQuota(e) ? { kind: 'quota', detail: message(e) } : { kind: 'write-failed', detail: message(e) });
        return { ok: false, error };
      }
      return { ok: true, course: parsed.course, lessons: [...parsed.worlds.keys()].sort() };
    });
    this.chain = run.then(() => {});
    const result = await run;
    if (result.ok && !this.disposed) this._onDidImport.fire(result);
    return result;
  }

  // -------------------------------------------------------------------------------------------
  // Start cache

  private use(): number {
    this.lastUse = Math.max(this.now(), this.lastUse + 1);
    return this.lastUse;
  }

  private async cacheGet(key: string): Promise<SessionSnapshot | undefined> {
    try {
      await this.cacheChain;
      const b = await this.backend;
      const raw = (await b.cacheGet(key, this.use())) as Partial<SessionSnapshot> | undefined;
      if (!raw || typeof raw !== 'object' || raw.version !== this.engine || raw.engine === undefined) return undefined;
      return raw as SessionSnapshot;
    } catch {
      return undefined;
    }
  }

  private cachePut(key: string, snapshot: SessionSnapshot): void {
    if (this.disposed) return;
    const used = this.use();
    this.cacheChain = this.cacheChain.then(async () => {
      try {
        const b = await this.backend;
        await b.cachePut(key, snapshot, used, this.cacheLimit);
      } catch {
        // Only a cache: a failed put costs a rebuild later.
      }
    });
  }

  /**
   * Writes what is pending (if this tab writes) and gives up the lock at once, so a store opened
   * next with the same key, on this page, writes. Dispose the store before its session: pending
   * saves are taken now.
   */
  dispose(): void {
    if (this.disposed) return;
    const wasWriter = this.writer;
    this.disarm();
    if (wasWriter) {
      try {
        if (this.pendingCourse) this.pendingCourse = force(this.pendingCourse);
        for (const [id, w] of this.pendingWorlds) this.pendingWorlds.set(id, force(w));
      } catch (e) {
        this.report({ kind: 'write-failed', detail: message(e) });
      }
    }
    this.disposed = true;
    const last = wasWriter ? this.chain.then(() => this.write(true)) : this.chain;
    this.lock.dispose();
    void last.then(async () => (await this.backend).close());
    this._onDidFail.dispose();
    this._onDidChangeState.dispose();
    this._onDidImport.dispose();
  }
}

/** A damaged record's value that JSON cannot hold (a cycle, a BigInt) is exported as text. */
function jsonSafe<T extends { value: unknown }>(d: T): T {
  try {
    JSON.stringify(d.value);
    return d;
  } catch {
    return { ...d, value: String(d.value) };
  }
}

/** Flushes the store when the page is hidden or unloaded (the last moment a write may still run). */
export function flushWhenHidden(store: ProgressStore, win: Window = window): IDisposable {
  const onHide = () => void store.flush();
  const onVisibility = () => {
    if (win.document.visibilityState === 'hidden') void store.flush();
  };
  win.addEventListener('pagehide', onHide);
  win.document.addEventListener('visibilitychange', onVisibility);
  return toDisposable(() => {
    win.removeEventListener('pagehide', onHide);
    win.document.removeEventListener('visibilitychange', onVisibility);
  });
}
