/**
 * One writer per storage key across the browser's tabs. The tab holding the Web Lock
 * `dockyard:<storageKey>` writes; another tab with the same key is read-only until it takes over,
 * stealing the lock (`{ steal: true }`); the tab that lost it learns so from its request's
 * AbortError and from a BroadcastChannel message. Without Web Locks every tab is a writer.
 */
import { Emitter, type Event, type IDisposable } from '../../engine/core/events';

/** The part of the Web Locks API used here (navigator.locks). */
export interface LocksLike {
  request(name: string, options: LockOptions, callback: (lock: unknown) => unknown): Promise<unknown>;
}

export interface LockOptions {
  ifAvailable?: boolean;
  steal?: boolean;
  signal?: AbortSignal;
}

/** The part of BroadcastChannel used here. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  onmessage: ((ev: { data: unknown }) => void) | null;
  close(): void;
}

export type ChannelFactory = (name: string) => ChannelLike | null;

export function defaultLocks(): LocksLike | undefined {
  const nav = (globalThis as { navigator?: { locks?: LocksLike } }).navigator;
  return nav?.locks && typeof nav.locks.request === 'function' ? nav.locks : undefined;
}

export const defaultChannel: ChannelFactory = (name) => {
  if (typeof BroadcastChannel === 'undefined') return null;
  try {
    return new BroadcastChannel(name) as unknown as ChannelLike;
  } catch {
    return null;
  }
};

interface TakenMessage {
  readonly type: 'dockyard-took-over';
  readonly tab: string;
}

const isTaken = (d: unknown): d is TakenMessage =>
  typeof d === 'object' && d !== null && (d as { type?: unknown }).type === 'dockyard-took-over' && typeof (d as { tab?: unknown }).tab === 'string';

let tabCounter = 0;

export class WriterLock implements IDisposable {
  private _writer = false;
  private readonly _onDidChange = new Emitter<boolean>();
  readonly onDidChange: Event<boolean> = this._onDidChange.event;
  /** Resolves once it is known whether this tab writes. */
  readonly ready: Promise<void>;
  private readonly channel: ChannelLike | null;
  private readonly tab = `${++tabCounter}-${Math.random().toString(36).slice(2)}`;
  /** Each acquisition has a number: only the current one's loss matters. */
  private generation = 0;
  private release: (() => void) | null = null;
  private disposed = false;

  /**
   * Asks for the lock at once: granted within `waitMs`, this tab writes; otherwise another tab
   * holds it and this one is read-only (the request is withdrawn).
   */
  constructor(
    readonly name: string,
    private readonly locks: LocksLike | undefined,
    channels: ChannelFactory = defaultChannel,
    waitMs = 1000,
  ) {
    this.channel = channels(name);
    if (this.channel) {
      this.channel.onmessage = (ev) => {
        if (isTaken(ev.data) && ev.data.tab !== this.tab) this.lose();
      };
    }
    if (locks) {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), waitMs);
      this.ready = this.acquire({ signal: abort.signal }).then(() => clearTimeout(timer));
    } else {
      this.set(true);
      this.ready = Promise.resolve();
    }
  }

  get writer(): boolean {
    return this._writer;
  }

  /** Makes this tab the writer; the tab that was becomes read-only. */
  async takeOver(): Promise<void> {
    if (this.disposed) return;
    await this.ready;
    if (this._writer) return;
    if (this.locks) await this.acquire({ steal: true });
    else this.set(true);
    if (!this._writer || this.disposed) return;
    this.channel?.postMessage({ type: 'dockyard-took-over', tab: this.tab } satisfies TakenMessage);
  }

  private acquire(options: LockOptions): Promise<boolean> {
    const gen = ++this.generation;
    this.release?.();
    this.release = null;
    return new Promise<boolean>((granted) => {
      let p: Promise<unknown>;
      try {
        p = this.locks!.request(this.name, options, (lock) => {
          if (!lock || this.disposed || gen !== this.generation) {
            granted(false);
            return undefined;
          }
          // Held until released (dispose, or a new acquisition) or stolen.
          const held = new Promise<void>((r) => (this.release = r));
          this.set(true);
          granted(true);
          return held;
        });
      } catch (e) {
        p = Promise.reject(e);
      }
      p.then(
        () => {
          granted(false);
          if (gen === this.generation) this.set(false);
        },
        () => {
          // AbortError: another tab stole the lock. Any other error: the lock is not ours.
          granted(false);
          if (gen === this.generation) this.set(false);
        },
      );
    });
  }

  /** Another tab took over. With Web Locks our request also rejects (the lock was stolen). */
  private lose(): void {
    this.generation++;
    this.release?.();
    this.release = null;
    this.set(false);
  }

  private set(writer: boolean): void {
    if (this.disposed || writer === this._writer) return;
    this._writer = writer;
    this._onDidChange.fire(writer);
  }

  dispose(): void {
    if (this.disposed) return;
    this._writer = false;
    this.disposed = true;
    this.generation++;
    this.release?.();
    this.release = null;
    if (this.channel) {
      this.channel.onmessage = null;
      this.channel.close();
    }
    this._onDidChange.dispose();
  }
}
