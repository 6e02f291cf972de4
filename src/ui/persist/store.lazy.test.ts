// ./format (zod) loads only when there is something to validate: a first visit, with nothing
// saved, loads no zod before the first prompt.
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { versions } from '../../engine/core/versions';
import { openProgressStore, type ProgressStore } from './store';
import { FakeChannelHub, FakeLocks } from './testing/fakes';

const format = vi.hoisted(() => ({ loads: 0 }));
vi.mock('./format', async (original) => {
  format.loads++;
  return await original();
});

function open(factory: IDBFactory, key = 'dockyard:main'): ProgressStore {
  return openProgressStore(key, { indexedDB: factory, locks: new FakeLocks(), channel: new FakeChannelHub().factory, lockWaitMs: 30, schedule: () => () => {} });
}

describe('loading ./format on demand', () => {
  it('opens, loads nothing, saves and flushes without ./format; reading a record loads it', async () => {
    const factory = new IDBFactory();
    const a = open(factory);
    expect(await a.load()).toMatchObject({ course: null, problems: [], writer: true, persistent: true });
    expect(await a.loadWorld('intro')).toEqual({ kind: 'none' });
    a.saveCourse({ lesson: 'intro', lang: 'en', done: ['intro/one'] });
    a.saveWorld('intro', { snapshot: { version: versions.engine, engine: { tag: 'x' } }, files: { 'a.txt': 'a\n' }, history: 'ls\n' });
    await a.flush();
    a.dispose();
    expect(format.loads).toBe(0);

    await new Promise((r) => setTimeout(r, 50)); // the lock of a disposed store is released asynchronously
    const b = open(factory);
    const loaded = await b.load();
    expect(format.loads).toBe(1);
    expect(loaded.course).toMatchObject({ lesson: 'intro', lang: 'en', done: ['intro/one'] });
    expect(await b.loadWorld('intro')).toMatchObject({ kind: 'ok', world: { files: { 'a.txt': 'a\n' }, history: 'ls\n' } });
    expect(format.loads).toBe(1);
    b.dispose();
  });
});
