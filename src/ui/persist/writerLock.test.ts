import { describe, expect, it } from 'vitest';
import { FakeLocks } from './testing/fakes';
import { WriterLock } from './writerLock';

const noChannel = () => null;

describe('WriterLock', () => {
  it('learns that its lock was stolen without a BroadcastChannel', async () => {
    const locks = new FakeLocks();
    const a = new WriterLock('dockyard:k', locks, noChannel, 10);
    await a.ready;
    const b = new WriterLock('dockyard:k', locks, noChannel, 10);
    await b.ready;
    expect([a.writer, b.writer]).toEqual([true, false]);
    const seen: boolean[] = [];
    a.onDidChange((w) => seen.push(w));
    await b.takeOver();
    await new Promise((r) => setTimeout(r, 0));
    expect([a.writer, b.writer]).toEqual([false, true]);
    expect(seen).toEqual([false]);
    a.dispose();
    b.dispose();
    await new Promise((r) => setTimeout(r, 0));
    expect(locks.isHeld('dockyard:k')).toBe(false);
  });

  it('waits for a lock being released (a store disposed on the same page)', async () => {
    const locks = new FakeLocks();
    const a = new WriterLock('dockyard:k', locks, noChannel);
    await a.ready;
    const b = new WriterLock('dockyard:k', locks, noChannel, 1000);
    a.dispose();
    await b.ready;
    expect(b.writer).toBe(true);
    b.dispose();
  });

  it('gives up waiting and withdraws its request', async () => {
    const locks = new FakeLocks();
    const a = new WriterLock('dockyard:k', locks, noChannel);
    await a.ready;
    const b = new WriterLock('dockyard:k', locks, noChannel, 10);
    await b.ready;
    expect(b.writer).toBe(false);
    a.dispose();
    await new Promise((r) => setTimeout(r, 5));
    // The withdrawn request is not granted later: b stays read-only until it takes over.
    expect(b.writer).toBe(false);
    expect(locks.isHeld('dockyard:k')).toBe(false);
    await b.takeOver();
    expect(b.writer).toBe(true);
    b.dispose();
  });

  it('writes without Web Locks', async () => {
    const a = new WriterLock('dockyard:k', undefined, noChannel);
    await a.ready;
    expect(a.writer).toBe(true);
    a.dispose();
  });
});
