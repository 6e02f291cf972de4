/**
 * Where progress records live: IndexedDB (database `dockyard`), or memory when the browser has no
 * usable IndexedDB (private modes, storage blocked). Both take and give raw records; validation
 * and migration are the store's business (./format).
 *
 * Object stores (database version 1):
 * - `courses`   key storageKey                -> course record
 * - `worlds`    key [storageKey, lessonId]    -> world record
 * - `damaged`   key `damaged:...` (string)    -> DamagedRecord
 * - `start`     key cache key                 -> SessionSnapshot (shared by every instance)
 * - `startUsed` key cache key                 -> last use (a number), kept apart so a use does
 *                                                not rewrite a snapshot of a few hundred kB
 */
import type { CourseRecord, DamagedRecord, WorldRecord } from './records';
import { damagedPrefix } from './records';

export const DB_NAME = 'dockyard';
export const DB_VERSION = 1;

const COURSES = 'courses';
const WORLDS = 'worlds';
const DAMAGED = 'damaged';
const START = 'start';
const START_USED = 'startUsed';

export interface WriteBatch {
  readonly course?: CourseRecord;
  readonly worlds?: ReadonlyMap<string, WorldRecord>;
}

export interface Backend {
  /** False for the in-memory fallback: nothing survives the page. */
  readonly persistent: boolean;
  getCourse(storageKey: string): Promise<unknown>;
  getWorld(storageKey: string, lessonId: string): Promise<unknown>;
  /** Every world of a storage key, raw. */
  listWorlds(storageKey: string): Promise<Array<[string, unknown]>>;
  /** Writes a batch in one transaction. */
  write(storageKey: string, batch: WriteBatch): Promise<void>;
  /** Replaces the course and every world of a storage key, in one transaction (import). */
  replace(storageKey: string, course: CourseRecord | null, worlds: ReadonlyMap<string, WorldRecord>): Promise<void>;
  /** Moves a record to the damaged store (one transaction: put aside, then delete the original). */
  setAside(record: DamagedRecord): Promise<void>;
  listDamaged(storageKey: string): Promise<DamagedRecord[]>;
  /** A start-cache entry (its last use is set to `now`). */
  cacheGet(key: string, now: number): Promise<unknown>;
  /** Adds an entry and evicts the least recently used beyond `limit`. */
  cachePut(key: string, snapshot: unknown, now: number, limit: number): Promise<void>;
  cacheClear(): Promise<void>;
  cacheKeys(): Promise<string[]>;
  close(): void;
}

// ---------------------------------------------------------------------------------------------
// Memory

const clone = <T>(x: T): T => structuredClone(x);

export class MemoryBackend implements Backend {
  readonly persistent = false;
  private readonly courses = new Map<string, unknown>();
  private readonly worlds = new Map<string, Map<string, unknown>>();
  private readonly damaged = new Map<string, DamagedRecord>();
  private readonly start = new Map<string, unknown>();
  private readonly used = new Map<string, number>();

  private worldsOf(storageKey: string): Map<string, unknown> {
    let m = this.worlds.get(storageKey);
    if (!m) this.worlds.set(storageKey, (m = new Map()));
    return m;
  }

  async getCourse(storageKey: string): Promise<unknown> {
    return clone(this.courses.get(storageKey));
  }
  async getWorld(storageKey: string, lessonId: string): Promise<unknown> {
    return clone(this.worlds.get(storageKey)?.get(lessonId));
  }
  async listWorlds(storageKey: string): Promise<Array<[string, unknown]>> {
    return [...(this.worlds.get(storageKey) ?? new Map<string, unknown>())].map(([k, v]) => [k, clone(v)]);
  }
  async write(storageKey: string, batch: WriteBatch): Promise<void> {
    // Clone first: a value that cannot be cloned fails the whole batch, as a transaction would.
    const course = batch.course && clone(batch.course);
    const worlds = [...(batch.worlds ?? [])].map(([k, v]) => [k, clone(v)] as const);
    if (course) this.courses.set(storageKey, course);
    for (const [k, v] of worlds) this.worldsOf(storageKey).set(k, v);
  }
  async replace(storageKey: string, course: CourseRecord | null, worlds: ReadonlyMap<string, WorldRecord>): Promise<void> {
    const c = clone(course);
    const w = new Map([...worlds].map(([k, v]) => [k, clone(v)] as const));
    if (c) this.courses.set(storageKey, c);
    else this.courses.delete(storageKey);
    this.worlds.set(storageKey, w);
  }
  async setAside(record: DamagedRecord): Promise<void> {
    this.damaged.set(record.id, clone(record));
    if (record.what === 'course') this.courses.delete(record.storageKey);
    else this.worlds.get(record.storageKey)?.delete(record.lessonId ?? '');
  }
  async listDamaged(storageKey: string): Promise<DamagedRecord[]> {
    const prefix = damagedPrefix(storageKey);
    return [...this.damaged.values()].filter((d) => d.id.startsWith(prefix)).map(clone);
  }
  async cacheGet(key: string, now: number): Promise<unknown> {
    if (!this.start.has(key)) return undefined;
    this.used.set(key, now);
    return clone(this.start.get(key));
  }
  async cachePut(key: string, snapshot: unknown, now: number, limit: number): Promise<void> {
    this.start.set(key, clone(snapshot));
    this.used.set(key, now);
    for (const k of evictions(this.used, limit)) {
      this.start.delete(k);
      this.used.delete(k);
    }
  }
  async cacheClear(): Promise<void> {
    this.start.clear();
    this.used.clear();
  }
  async cacheKeys(): Promise<string[]> {
    return [...this.start.keys()].sort();
  }
  close(): void {}
}

/** Keys to evict so that at most `limit` remain: the least recently used first. */
function evictions(used: ReadonlyMap<string, number>, limit: number): string[] {
  if (used.size <= limit) return [];
  return [...used]
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, used.size - limit)
    .map(([k]) => k);
}

// ---------------------------------------------------------------------------------------------
// IndexedDB

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new DOMException('The transaction was aborted', 'AbortError'));
  });
}

/**
 * Opens the database. Rejects if IndexedDB is missing, refuses (private modes, blocked storage)
 * or does not answer within `timeoutMs`.
 */
export function openIdb(factory: IDBFactory | undefined, timeoutMs = 10_000): Promise<IdbBackend> {
  return new Promise<IdbBackend>((resolve, reject) => {
    if (!factory) {
      reject(new Error('IndexedDB is not available'));
      return;
    }
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      reject(new Error('IndexedDB did not open in time'));
    }, timeoutMs);
    const finish = (f: () => void) => {
      clearTimeout(timer);
      if (settled) return false;
      settled = true;
      f();
      return true;
    };
    let open: IDBOpenDBRequest;
    try {
      open = factory.open(DB_NAME, DB_VERSION);
    } catch (e) {
      finish(() => reject(e));
      return;
    }
    open.onupgradeneeded = () => {
      const db = open.result;
      for (const name of [COURSES, WORLDS, DAMAGED, START, START_USED]) {
        if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
      }
    };
    open.onsuccess = () => {
      const db = open.result;
      // Opened after the timeout: nobody is waiting for it.
      if (!finish(() => resolve(new IdbBackend(db)))) db.close();
    };
    open.onerror = () => finish(() => reject(open.error ?? new Error('IndexedDB could not be opened')));
    open.onblocked = () => finish(() => reject(new Error('IndexedDB is blocked by another tab on an older version')));
  });
}

export class IdbBackend implements Backend {
  readonly persistent = true;
  private closed = false;

  constructor(private readonly db: IDBDatabase) {
    // A newer Dockyard in another tab wants to upgrade the database: let it.
    db.onversionchange = () => this.close();
  }

  private tx(stores: string | string[], mode: IDBTransactionMode): IDBTransaction {
    if (this.closed) throw new DOMException('The database connection is closed', 'InvalidStateError');
    return this.db.transaction(stores, mode);
  }

  async getCourse(storageKey: string): Promise<unknown> {
    return req(this.tx(COURSES, 'readonly').objectStore(COURSES).get(storageKey));
  }

  async getWorld(storageKey: string, lessonId: string): Promise<unknown> {
    return req(this.tx(WORLDS, 'readonly').objectStore(WORLDS).get([storageKey, lessonId]));
  }

  /** The world keys of a storage key (keys only: the values are large). */
  private async worldKeys(store: IDBObjectStore, storageKey: string): Promise<string[]> {
    const keys = await req(store.getAllKeys());
    const out: string[] = [];
    for (const k of keys) {
      if (Array.isArray(k) && k[0] === storageKey && typeof k[1] === 'string') out.push(k[1]);
    }
    return out;
  }

  async listWorlds(storageKey: string): Promise<Array<[string, unknown]>> {
    const store = this.tx(WORLDS, 'readonly').objectStore(WORLDS);
    const ids = await this.worldKeys(store, storageKey);
    return Promise.all(ids.map(async (id) => [id, await req(store.get([storageKey, id]))] as [string, unknown]));
  }

  async write(storageKey: string, batch: WriteBatch): Promise<void> {
    const names = [...(batch.course ? [COURSES] : []), ...(batch.worlds?.size ? [WORLDS] : [])];
    if (!names.length) return;
    const tx = this.tx(names, 'readwrite');
    const finished = done(tx);
    try {
      if (batch.course) tx.objectStore(COURSES).put(batch.course, storageKey);
      for (const [id, w] of batch.worlds ?? []) tx.objectStore(WORLDS).put(w, [storageKey, id]);
    } catch (e) {
      // put() throws DataCloneError synchronously; nothing of the batch is written.
      abortQuietly(tx, finished);
      throw e;
    }
    await finished;
  }

  async replace(storageKey: string, course: CourseRecord | null, worlds: ReadonlyMap<string, WorldRecord>): Promise<void> {
    const tx = this.tx([COURSES, WORLDS], 'readwrite');
    const finished = done(tx);
    try {
      const ws = tx.objectStore(WORLDS);
      const old = await this.worldKeys(ws, storageKey);
      for (const id of old) if (!worlds.has(id)) ws.delete([storageKey, id]);
      for (const [id, w] of worlds) ws.put(w, [storageKey, id]);
      if (course) tx.objectStore(COURSES).put(course, storageKey);
      else tx.objectStore(COURSES).delete(storageKey);
    } catch (e) {
      abortQuietly(tx, finished);
      throw e;
    }
    await finished;
  }

  async setAside(record: DamagedRecord): Promise<void> {
    const from = record.what === 'course' ? COURSES : WORLDS;
    const tx = this.tx([DAMAGED, from], 'readwrite');
    const finished = done(tx);
    try {
      tx.objectStore(DAMAGED).put(record, record.id);
      tx.objectStore(from).delete(record.what === 'course' ? record.storageKey : [record.storageKey, record.lessonId ?? '']);
    } catch (e) {
      abortQuietly(tx, finished);
      throw e;
    }
    await finished;
  }

  async listDamaged(storageKey: string): Promise<DamagedRecord[]> {
    const store = this.tx(DAMAGED, 'readonly').objectStore(DAMAGED);
    const prefix = damagedPrefix(storageKey);
    const keys = (await req(store.getAllKeys())).filter((k): k is string => typeof k === 'string' && k.startsWith(prefix));
    return (await Promise.all(keys.map((k) => req(store.get(k))))) as DamagedRecord[];
  }

  async cacheGet(key: string, now: number): Promise<unknown> {
    const tx = this.tx([START, START_USED], 'readwrite');
    const finished = done(tx);
    const value = await req(tx.objectStore(START).get(key));
    if (value !== undefined) tx.objectStore(START_USED).put(now, key);
    await finished;
    return value;
  }

  async cachePut(key: string, snapshot: unknown, now: number, limit: number): Promise<void> {
    const tx = this.tx([START, START_USED], 'readwrite');
    const finished = done(tx);
    try {
      tx.objectStore(START).put(snapshot, key);
      const usedStore = tx.objectStore(START_USED);
      usedStore.put(now, key);
      const [keys, values] = await Promise.all([req(usedStore.getAllKeys()), req(usedStore.getAll())]);
      const used = new Map<string, number>();
      keys.forEach((k, i) => {
        if (typeof k === 'string') used.set(k, typeof values[i] === 'number' ? (values[i] as number) : 0);
      });
      for (const k of evictions(used, limit)) {
        tx.objectStore(START).delete(k);
        usedStore.delete(k);
      }
    } catch (e) {
      abortQuietly(tx, finished);
      throw e;
    }
    await finished;
  }

  async cacheClear(): Promise<void> {
    const tx = this.tx([START, START_USED], 'readwrite');
    const finished = done(tx);
    tx.objectStore(START).clear();
    tx.objectStore(START_USED).clear();
    await finished;
  }

  async cacheKeys(): Promise<string[]> {
    const keys = await req(this.tx(START, 'readonly').objectStore(START).getAllKeys());
    return keys.filter((k): k is string => typeof k === 'string').sort();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

function abortQuietly(tx: IDBTransaction, finished: Promise<void>): void {
  finished.catch(() => {});
  try {
    tx.abort();
  } catch {
    // already finished or aborted
  }
}
