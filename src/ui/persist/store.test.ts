import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { versions } from '../../engine/core/versions';
import type { SessionSnapshot } from '../../session/types';
import { DB_NAME, DB_VERSION } from './backend';
import { SAVE_FORMAT, type CourseState, type WorldState } from './format';
import { flushWhenHidden, openProgressStore, type ProgressStore, type ProgressStoreDeps, type StorageProblem } from './store';
import { FakeChannelHub, FakeLocks } from './testing/fakes';

const E = versions.engine;

function snap(tag: string, version = E): SessionSnapshot {
  return { version, engine: { tag, fs: { '/home/learner/a.txt': 'x'.repeat(10) } } };
}

function world(tag: string, extra: Partial<WorldState> = {}): WorldState {
  return { snapshot: snap(tag), files: { 'notes.txt': `notes ${tag}\n`, 'app/Dockerfile': 'FROM alpine\n' }, history: `echo ${tag}\n`, ...extra };
}

const course = (lesson: string, done: string[] = []): CourseState => ({ lesson, lang: 'en', done });

// Raw access to the database, as another build (or damage) would have left it.
function rawDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const r = factory.open(DB_NAME, DB_VERSION);
    r.onupgradeneeded = () => {
      for (const n of ['courses', 'worlds', 'damaged', 'start', 'startUsed']) r.result.createObjectStore(n);
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}
async function rawPut(factory: IDBFactory, store: string, key: IDBValidKey, value: unknown): Promise<void> {
  const db = await rawDb(factory);
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite');
    tx.objectStore(store).put(value, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}
async function rawGet(factory: IDBFactory, store: string, key: IDBValidKey): Promise<unknown> {
  const db = await rawDb(factory);
  const v = await new Promise<unknown>((resolve, reject) => {
    const r = db.transaction(store, 'readonly').objectStore(store).get(key);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  db.close();
  return v;
}
async function rawAll(factory: IDBFactory, store: string): Promise<Array<[IDBValidKey, unknown]>> {
  const db = await rawDb(factory);
  const s = db.transaction(store, 'readonly').objectStore(store);
  const [keys, values] = await Promise.all([
    new Promise<IDBValidKey[]>((res) => {
      const r = s.getAllKeys();
      r.onsuccess = () => res(r.result);
    }),
    new Promise<unknown[]>((res) => {
      const r = s.getAll();
      r.onsuccess = () => res(r.result);
    }),
  ]);
  db.close();
  return keys.map((k, i) => [k, values[i]]);
}

let factory: IDBFactory;
let hub: FakeChannelHub;
let locks: FakeLocks;
let opened: ProgressStore[];
let clock: number;

beforeEach(() => {
  factory = new IDBFactory();
  hub = new FakeChannelHub();
  locks = new FakeLocks();
  opened = [];
  clock = 1_700_000_000_000;
});

afterEach(async () => {
  for (const s of opened) {
    await s.flush();
    s.dispose();
  }
  vi.restoreAllMocks();
});

/** A store whose timer never fires on its own: tests flush, or fire `timers`. */
function open(key = 'dockyard:main', deps: ProgressStoreDeps = {}): ProgressStore & { timers: Array<() => void> } {
  const timers: Array<() => void> = [];
  const s = openProgressStore(key, {
    indexedDB: factory,
    locks,
    channel: hub.factory,
    now: () => ++clock,
    lockWaitMs: 30,
    schedule: (fn) => {
      timers.push(fn);
      return () => {
        const i = timers.indexOf(fn);
        if (i >= 0) timers.splice(i, 1);
      };
    },
    ...deps,
  });
  opened.push(s);
  return Object.assign(s, { timers });
}

function failures(s: ProgressStore): StorageProblem[] {
  const out: StorageProblem[] = [];
  s.onDidFail((p) => out.push(p));
  return out;
}

describe('openProgressStore: saving and loading', () => {
  it('round-trips the course and a world through IndexedDB', async () => {
    const a = open();
    expect((await a.load()).course).toBeNull();
    a.saveCourse(course('02-images', ['01-intro/run-hello']));
    a.saveWorld('02-images', world('w2', { modes: { 'run.sh': 0o755 } }));
    await a.flush();
    a.dispose();

    const b = open();
    const loaded = await b.load();
    expect(loaded.problems).toEqual([]);
    expect(loaded.writer).toBe(true);
    expect(loaded.persistent).toBe(true);
    expect(loaded.course).toMatchObject({ v: SAVE_FORMAT, lesson: '02-images', lang: 'en', done: ['01-intro/run-hello'] });
    const w = await b.loadWorld('02-images');
    expect(w.kind).toBe('ok');
    if (w.kind !== 'ok') return;
    expect(w.world.snapshot).toEqual(snap('w2'));
    expect(w.world.engine).toBe(E);
    expect(w.world.files['app/Dockerfile']).toBe('FROM alpine\n');
    expect(w.world.modes).toEqual({ 'run.sh': 0o755 });
    expect(w.world.history).toBe('echo w2\n');
    expect(await b.loadWorld('03-other')).toEqual({ kind: 'none' });
  });

  it('keeps instances apart by storage key', async () => {
    const a = open('dockyard:one');
    const b = open('dockyard:two');
    a.saveCourse(course('lesson-a'));
    a.saveWorld('l', world('a'));
    b.saveCourse(course('lesson-b'));
    await Promise.all([a.flush(), b.flush()]);
    expect((await open('dockyard:one', { locks: null }).load()).course?.lesson).toBe('lesson-a');
    expect((await b.load()).course?.lesson).toBe('lesson-b');
    expect(await b.loadWorld('l')).toEqual({ kind: 'none' });
  });

  it('coalesces saves: one write, with the latest value, taken at write time', async () => {
    const puts = vi.spyOn(IDBObjectStore.prototype, 'put');
    const s = open();
    await s.load();
    const taken: string[] = [];
    const thunk = (tag: string) => () => {
      taken.push(tag);
      return world(tag);
    };
    s.saveWorld('l1', thunk('first'));
    s.saveWorld('l1', thunk('second'));
    s.saveWorld('l1', thunk('third'));
    s.saveCourse(course('l0'));
    s.saveCourse(course('l1'));
    expect(s.timers).toHaveLength(1);
    expect(taken).toEqual([]);
    expect(await rawGet(factory, 'worlds', ['dockyard:main', 'l1'])).toBeUndefined();

    s.timers[0]!();
    await s.flush();
    expect(taken).toEqual(['third']);
    const stores = puts.mock.contexts.map((c) => (c as IDBObjectStore).name);
    expect(stores.filter((n) => n === 'worlds')).toHaveLength(1);
    expect(stores.filter((n) => n === 'courses')).toHaveLength(1);
    expect(await rawGet(factory, 'worlds', ['dockyard:main', 'l1'])).toMatchObject({ history: 'echo third\n' });
    expect(await rawGet(factory, 'courses', 'dockyard:main')).toMatchObject({ lesson: 'l1' });
    // Nothing pending: no new timer, no new write.
    await s.flush();
    expect(puts.mock.calls.length).toBe(2);
  });

  it('keeps worlds of different lessons pending side by side', async () => {
    const s = open();
    s.saveWorld('a', world('a'));
    s.saveWorld('b', world('b'));
    await s.flush();
    expect((await s.loadWorld('a')).kind).toBe('ok');
    expect((await s.loadWorld('b')).kind).toBe('ok');
  });
});

describe('migrations and rebuilds', () => {
  it('migrates a format-0 course record on load', async () => {
    await rawPut(factory, 'courses', 'dockyard:main', { v: 0, lesson: '03-dockerfile', completed: ['01-intro/hello', '02-images/pull', 7] });
    const s = open();
    const r = await s.load();
    expect(r.problems).toEqual([]);
    expect(r.course).toEqual({ v: 1, lesson: '03-dockerfile', lang: null, done: ['01-intro/hello', '02-images/pull'], savedAt: 0 });
  });

  it('rebuilds a world made by an engine it cannot take, keeping files and history', async () => {
    const old = { v: 1, engine: E - 1, snapshot: { version: E - 1, engine: { old: true } }, files: { 'app.py': 'print(1)\n' }, modes: { 'go.sh': 0o755 }, history: 'ls\ndocker ps\n', savedAt: 5 };
    await rawPut(factory, 'worlds', ['dockyard:main', '04-compose'], old);
    const s = open();
    const fails = failures(s);
    const r = await s.loadWorld('04-compose');
    expect(r).toMatchObject({ kind: 'rebuild', files: { 'app.py': 'print(1)\n' }, modes: { 'go.sh': 0o755 }, history: 'ls\ndocker ps\n' });
    expect(fails).toEqual([expect.objectContaining({ kind: 'rebuilt', lessonId: '04-compose' })]);
    // A snapshot from a newer engine is unmigratable too.
    await rawPut(factory, 'worlds', ['dockyard:main', 'newer'], { ...old, engine: E + 1, snapshot: { version: E + 1, engine: {} } });
    expect((await s.loadWorld('newer')).kind).toBe('rebuild');
  });

  it('runs snapshot migrations when the chain reaches the current engine', async () => {
    await rawPut(factory, 'worlds', ['dockyard:main', 'l'], { v: 1, engine: 1, snapshot: { version: 1, engine: { n: 1 } }, files: {}, history: '', savedAt: 1 });
    const s = open('dockyard:main', {
      engineVersion: 2,
      snapshotMigrations: { 1: (old) => ({ version: 2, engine: { n: 2, was: old.engine } }) },
    });
    const r = await s.loadWorld('l');
    expect(r.kind).toBe('ok');
    if (r.kind === 'ok') expect(r.world).toMatchObject({ engine: 2, snapshot: { version: 2, engine: { n: 2, was: { n: 1 } } } });
  });
});

describe('damaged storage', () => {
  it('reports a damaged course, keeps it aside, and starts fresh', async () => {
    const bad = { v: 1, lesson: 42, done: 'all' };
    await rawPut(factory, 'courses', 'dockyard:main', bad);
    const s = open();
    const fails = failures(s);
    const r = await s.load();
    expect(r.course).toBeNull();
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'damaged', what: 'course' })]);
    expect(fails).toHaveLength(1);
    // Kept aside, not deleted; the original key is free for a fresh record.
    expect(await rawGet(factory, 'courses', 'dockyard:main')).toBeUndefined();
    const aside = await rawAll(factory, 'damaged');
    expect(aside).toHaveLength(1);
    expect(String(aside[0]![0])).toMatch(/^damaged:dockyard%3Amain:course:\d+$/);
    expect(aside[0]![1]).toMatchObject({ storageKey: 'dockyard:main', what: 'course', value: bad });

    s.saveCourse(course('01-intro'));
    await s.flush();
    expect((await open('dockyard:main', { locks: null }).load()).course?.lesson).toBe('01-intro');
    // Exported with the progress.
    const doc = JSON.parse(await s.exportProgress()) as { damaged: Array<{ value: unknown }> };
    expect(doc.damaged.map((d) => d.value)).toEqual([bad]);
  });

  it('reports an unparseable record and a record from a newer format', async () => {
    await rawPut(factory, 'courses', 'dockyard:main', 'not a record');
    const s = open();
    expect((await s.load()).problems).toEqual([expect.objectContaining({ kind: 'damaged', what: 'course' })]);
    await rawPut(factory, 'courses', 'dockyard:main', { v: 99, whatever: true });
    s.dismissProblems();
    const r = await s.load();
    expect(r.course).toBeNull();
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'newer', what: 'course' })]);
    expect(await rawAll(factory, 'damaged')).toHaveLength(2);
  });

  it('salvages the files and history of a damaged world', async () => {
    await rawPut(factory, 'worlds', ['dockyard:main', 'l'], { v: 1, engine: E, snapshot: 'garbage', files: { 'a.txt': 'A' }, history: 'pwd\n' });
    await rawPut(factory, 'worlds', ['dockyard:main', 'gone'], { nothing: 'useful' });
    const s = open();
    expect(await s.loadWorld('l')).toMatchObject({ kind: 'rebuild', files: { 'a.txt': 'A' }, history: 'pwd\n' });
    expect(await s.loadWorld('gone')).toEqual({ kind: 'none' });
    expect(s.problems).toEqual([
      expect.objectContaining({ kind: 'damaged', what: 'world', lessonId: 'l' }),
      expect.objectContaining({ kind: 'damaged', what: 'world', lessonId: 'gone' }),
    ]);
    const aside = await rawAll(factory, 'damaged');
    expect(aside.map(([k]) => String(k).replace(/:\d+$/, ''))).toEqual(['damaged:dockyard%3Amain:world:gone', 'damaged:dockyard%3Amain:world:l']);
  });

  it('falls back to memory without IndexedDB, saying progress will not be kept', async () => {
    const s = open('k', { indexedDB: null });
    const r = await s.load();
    expect(r.persistent).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'unavailable' })]);
    s.saveCourse(course('l1', ['l1/e1']));
    s.saveWorld('l1', world('mem'));
    await s.flush();
    expect((await s.load()).course?.done).toEqual(['l1/e1']);
    expect((await s.loadWorld('l1')).kind).toBe('ok');
    expect(JSON.parse(await s.exportProgress())).toMatchObject({ course: { lesson: 'l1' } });
  });

  it('falls back to memory when IndexedDB refuses to open', async () => {
    const refusing = { open: () => { throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError'); } } as unknown as IDBFactory;
    const s = open('k', { indexedDB: refusing });
    const r = await s.load();
    expect(r.problems).toEqual([{ kind: 'unavailable', detail: expect.stringContaining('InvalidStateError') }]);
    s.saveCourse(course('x'));
    await s.flush();
    expect((await s.load()).course?.lesson).toBe('x');
  });

  it('reports a full storage, frees the start cache, and clears the problem once a write succeeds', async () => {
    const s = open();
    await s.load();
    s.startCache.put('start-1', snap('s1'));
    await s.flush();
    const real = IDBObjectStore.prototype.put;
    let fail = 2; // the write and its retry after clearing the cache
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'worlds' && fail-- > 0) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return real.apply(this, args);
    });
    s.saveWorld('l', world('big'));
    await s.flush();
    expect(s.problems).toEqual([expect.objectContaining({ kind: 'quota' })]);
    expect(await s.startCache.get('start-1')).toBeUndefined();
    // Still pending: the next save writes it.
    s.saveCourse(course('l'));
    await s.flush();
    expect(s.problems).toEqual([]);
    expect(await s.loadWorld('l')).toMatchObject({ kind: 'ok', world: { history: 'echo big\n' } });
  });

  it('reports a snapshot that cannot be taken and keeps working', async () => {
    const s = open();
    s.saveWorld('l', () => {
      throw new Error('boom');
    });
    s.saveCourse(course('l'));
    await s.flush();
    expect(s.problems).toEqual([{ kind: 'write-failed', detail: expect.stringContaining('boom') }]);
    expect((await s.load()).course?.lesson).toBe('l');
  });
});

describe('one writer per storage key', () => {
  it('lets only the lock holder write; takeOver switches the writer', async () => {
    const a = open();
    const b = open();
    await Promise.all([a.load(), b.load()]);
    expect(a.writer).toBe(true);
    expect(b.writer).toBe(false);
    expect(b.readOnly).toBe(true);
    expect(a.readOnly).toBe(false);

    a.saveCourse(course('from-a'));
    b.saveCourse(course('from-b'));
    b.saveWorld('l', world('b'));
    expect(b.timers).toHaveLength(0);
    await Promise.all([a.flush(), b.flush()]);
    expect(await rawGet(factory, 'courses', 'dockyard:main')).toMatchObject({ lesson: 'from-a' });
    expect(await rawGet(factory, 'worlds', ['dockyard:main', 'l'])).toBeUndefined();
    expect(await b.importProgress(await a.exportProgress())).toMatchObject({ ok: false, error: { code: 'read-only' } });

    const aChanges: boolean[] = [];
    a.onDidChangeWriter((w) => aChanges.push(w));
    await b.takeOver();
    expect(b.writer).toBe(true);
    // b's own state, kept pending while read-only, is written on taking over.
    expect(await rawGet(factory, 'courses', 'dockyard:main')).toMatchObject({ lesson: 'from-b' });
    expect(await rawGet(factory, 'worlds', ['dockyard:main', 'l'])).toMatchObject({ history: 'echo b\n' });
    await Promise.resolve();
    expect(a.writer).toBe(false);
    expect(a.readOnly).toBe(true);
    expect(aChanges).toEqual([false]);
    expect(hub.sent).toEqual([expect.objectContaining({ type: 'dockyard-took-over' })]);

    a.saveCourse(course('from-a-again'));
    await a.flush();
    expect(await rawGet(factory, 'courses', 'dockyard:main')).toMatchObject({ lesson: 'from-b' });

    // And back.
    await a.takeOver();
    expect(a.writer).toBe(true);
    await Promise.resolve();
    expect(b.writer).toBe(false);
    expect(await rawGet(factory, 'courses', 'dockyard:main')).toMatchObject({ lesson: 'from-a-again' });
  });

  it('leaves other storage keys alone', async () => {
    const a = open('dockyard:one');
    const b = open('dockyard:two');
    await Promise.all([a.load(), b.load()]);
    expect(a.writer && b.writer).toBe(true);
  });

  it('is the writer without Web Locks', async () => {
    const a = open('k', { locks: null });
    const b = open('k', { locks: null });
    await Promise.all([a.load(), b.load()]);
    expect(a.writer && b.writer).toBe(true);
    // takeOver still tells the other tab, which stops writing.
    await b.takeOver();
    expect(b.writer).toBe(true);
  });

  it('moves a damaged record aside only once it writes', async () => {
    await rawPut(factory, 'courses', 'dockyard:main', { v: 1, broken: true });
    const a = open();
    const b = open();
    await a.load();
    // a (the writer) set it aside at once.
    expect(await rawAll(factory, 'damaged')).toHaveLength(1);
    await rawPut(factory, 'courses', 'dockyard:main', { v: 1, broken: 'again' });
    const r = await b.load();
    expect(b.writer).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'damaged' })]);
    expect(await rawAll(factory, 'damaged')).toHaveLength(1);
    await b.takeOver();
    expect(await rawAll(factory, 'damaged')).toHaveLength(2);
  });
});

describe('export and import', () => {
  it('round-trips progress through an exported document', async () => {
    const a = open('dockyard:a');
    a.saveCourse(course('02-images', ['01-intro/hello']));
    a.saveWorld('01-intro', world('one'));
    a.saveWorld('02-images', world('two'));
    await a.flush();
    const text = await a.exportProgress();
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(doc).toMatchObject({ kind: 'dockyard-progress', format: SAVE_FORMAT, storageKey: 'dockyard:a', dockyard: versions.dockyard });
    expect(doc.damaged).toBeUndefined();

    // Into another browser (a fresh database) that had progress of its own.
    factory = new IDBFactory();
    const b = open('dockyard:b');
    b.saveCourse(course('05-k8s'));
    b.saveWorld('05-k8s', world('local'));
    await b.flush();
    const imported: unknown[] = [];
    b.onDidImport((r) => imported.push(r));
    const r = await b.importProgress(text);
    expect(r).toEqual({ ok: true, course: expect.objectContaining({ lesson: '02-images' }), lessons: ['01-intro', '02-images'] });
    expect(imported).toHaveLength(1);
    expect((await b.load()).course).toMatchObject({ lesson: '02-images', done: ['01-intro/hello'] });
    expect(await b.loadWorld('02-images')).toMatchObject({ kind: 'ok', world: { snapshot: snap('two'), history: 'echo two\n' } });
    expect(await b.loadWorld('05-k8s')).toEqual({ kind: 'none' });
    expect(JSON.parse(await b.exportProgress())).toMatchObject({ course: doc.course, worlds: doc.worlds });
  });

  it('migrates the records of an older export', async () => {
    const s = open();
    const r = await s.importProgress(JSON.stringify({ kind: 'dockyard-progress', format: 0, course: { v: 0, lesson: 'x', completed: ['x/y'] }, worlds: {} }));
    expect(r).toMatchObject({ ok: true, course: { v: 1, lesson: 'x', done: ['x/y'] } });
  });

  it('refuses garbage with a clear error and changes nothing', async () => {
    const s = open();
    s.saveCourse(course('mine', ['mine/e1']));
    s.saveWorld('mine', world('mine'));
    await s.flush();
    const before = await s.exportProgress();
    const good = JSON.parse(before) as { worlds: Record<string, unknown> };
    const cases: Array<[string, string]> = [
      ['this is not json', 'not-json'],
      ['', 'not-json'],
      ['[1,2,3]', 'not-dockyard'],
      ['{"hello":"world"}', 'not-dockyard'],
      [JSON.stringify({ ...good, format: SAVE_FORMAT + 1 }), 'newer'],
      [JSON.stringify({ ...good, worlds: 'none' }), 'invalid'],
      [JSON.stringify({ ...good, worlds: { ...good.worlds, other: { v: 1, engine: E, files: {} } } }), 'invalid'],
      [JSON.stringify({ ...good, course: { v: 1, lesson: 'x', lang: 'fr', done: [], savedAt: 0 } }), 'invalid'],
    ];
    for (const [text, code] of cases) {
      const r = await s.importProgress(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) {
        expect(r.error.code, text).toBe(code);
        expect(r.error.detail.length).toBeGreaterThan(0);
      }
    }
    const invalid = await s.importProgress(cases[6]![0]);
    expect(!invalid.ok && invalid.error.detail).toMatch(/^world "other": /);
    const after = JSON.parse(await s.exportProgress()) as Record<string, unknown>;
    const was = JSON.parse(before) as Record<string, unknown>;
    expect({ ...after, exportedAt: 0 }).toEqual({ ...was, exportedAt: 0 });
  });
});

describe('start cache', () => {
  it('keeps the most recently used entries', async () => {
    const s = open('k', { startCacheLimit: 3 });
    for (const k of ['a', 'b', 'c']) s.startCache.put(k, snap(k));
    await s.flush();
    expect(await s.startCache.get('a')).toEqual(snap('a')); // a is now the most recent
    s.startCache.put('d', snap('d'));
    s.startCache.put('e', snap('e'));
    await s.flush();
    expect(await s.startCache.get('b')).toBeUndefined();
    expect(await s.startCache.get('c')).toBeUndefined();
    for (const k of ['a', 'd', 'e']) expect(await s.startCache.get(k)).toEqual(snap(k));
    expect((await rawAll(factory, 'start')).map(([k]) => k)).toEqual(['a', 'd', 'e']);
    expect((await rawAll(factory, 'startUsed')).map(([k]) => k)).toEqual(['a', 'd', 'e']);
  });

  it('is shared by instances and read-only tabs may fill it', async () => {
    const a = open('one');
    const b = open('one');
    await Promise.all([a.load(), b.load()]);
    expect(b.writer).toBe(false);
    b.startCache.put('lesson@1', snap('x'));
    await b.flush();
    expect(await open('two').startCache.get('lesson@1')).toEqual(snap('x'));
  });

  it('ignores entries of another engine version', async () => {
    await rawPut(factory, 'start', 'old', { version: E + 5, engine: {} });
    expect(await open().startCache.get('old')).toBeUndefined();
    expect(await open().startCache.get('missing')).toBeUndefined();
  });
});

describe('flushWhenHidden', () => {
  it('writes pending saves when the page is hidden or left', async () => {
    const s = open();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    const win = Object.assign(new EventTarget(), { document: doc }) as unknown as Window;
    const flush = vi.spyOn(s, 'flush');
    const d = flushWhenHidden(s, win);
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(flush).not.toHaveBeenCalled();
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    win.dispatchEvent(new Event('pagehide'));
    expect(flush).toHaveBeenCalledTimes(2);
    d.dispose();
    win.dispatchEvent(new Event('pagehide'));
    expect(flush).toHaveBeenCalledTimes(2);
  });
});
