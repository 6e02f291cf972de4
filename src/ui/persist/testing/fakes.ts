/**
 * Test doubles for the tab machinery: a Web Locks manager (ifAvailable, steal) and a
 * BroadcastChannel hub, shared by the "tabs" (stores) of one test.
 */
import type { ChannelFactory, ChannelLike, LockOptions, LocksLike } from '../writerLock';

interface Held {
  readonly reject: (e: unknown) => void;
}

export class FakeLocks implements LocksLike {
  private readonly held = new Map<string, Held>();
  private readonly queue = new Map<string, Array<() => void>>();

  isHeld(name: string): boolean {
    return this.held.has(name);
  }

  request(name: string, options: LockOptions, callback: (lock: unknown) => unknown): Promise<unknown> {
    const aborted = () => new DOMException('The lock request is aborted', 'AbortError');
    if (options.signal?.aborted) return Promise.reject(aborted());
    if (options.steal) {
      const h = this.held.get(name);
      if (h) {
        this.held.delete(name);
        h.reject(aborted());
      }
    } else if (this.held.has(name)) {
      if (options.ifAvailable) return Promise.resolve().then(() => callback(null));
      return new Promise((resolve, reject) => {
        const q = this.queue.get(name) ?? [];
        const waiter = () => {
          options.signal?.removeEventListener('abort', onAbort);
          this.grant(name, callback).then(resolve, reject);
        };
        const onAbort = () => {
          const i = q.indexOf(waiter);
          if (i >= 0) q.splice(i, 1);
          reject(aborted());
        };
        options.signal?.addEventListener('abort', onAbort, { once: true });
        q.push(waiter);
        this.queue.set(name, q);
      });
    }
    return this.grant(name, callback);
  }

  private grant(name: string, callback: (lock: unknown) => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const entry: Held = { reject };
      this.held.set(name, entry);
      const release = () => {
        if (this.held.get(name) !== entry) return;
        this.held.delete(name);
        this.queue.get(name)?.shift()?.();
      };
      Promise.resolve()
        .then(() => callback({ name, mode: 'exclusive' }))
        .then(
          (v) => {
            release();
            resolve(v);
          },
          (e: unknown) => {
            release();
            reject(e);
          },
        );
    });
  }
}

/** BroadcastChannel between the stores of one test; delivery is asynchronous, as in browsers. */
export class FakeChannelHub {
  private readonly members = new Set<{ name: string; ch: ChannelLike }>();
  readonly sent: unknown[] = [];

  readonly factory: ChannelFactory = (name) => {
    const ch: ChannelLike = {
      onmessage: null,
      postMessage: (message: unknown) => {
        this.sent.push(message);
        for (const m of this.members) {
          if (m.name === name && m.ch !== ch) queueMicrotask(() => m.ch.onmessage?.({ data: structuredClone(message) }));
        }
      },
      close: () => {
        for (const m of this.members) if (m.ch === ch) this.members.delete(m);
      },
    };
    this.members.add({ name, ch });
    return ch;
  };
}
