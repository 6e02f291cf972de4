/**
 * Cancellation for blocking operations. The engine runs in browsers and Node without relying on
 * DOM types, so it carries its own small token instead of AbortSignal.
 */
import { toDisposable, type IDisposable } from './events';

export class CancelledError extends Error {
  constructor(readonly reason: unknown) {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export class CancelToken {
  private reasonValue: unknown = undefined;
  private isCancelled = false;
  private readonly listeners = new Set<(reason: unknown) => void>();

  static readonly none: CancelToken = new CancelToken();

  get cancelled(): boolean {
    return this.isCancelled;
  }

  get reason(): unknown {
    return this.reasonValue;
  }

  cancel(reason: unknown): void {
    if (this.isCancelled || this === CancelToken.none) return;
    this.isCancelled = true;
    this.reasonValue = reason;
    for (const l of [...this.listeners]) l(reason);
    this.listeners.clear();
  }

  /** Calls `fn` once when cancelled (at once if already cancelled). */
  onCancel(fn: (reason: unknown) => void): IDisposable {
    if (this.isCancelled) {
      fn(this.reasonValue);
      return toDisposable(() => {});
    }
    this.listeners.add(fn);
    return toDisposable(() => this.listeners.delete(fn));
  }

  throwIfCancelled(): void {
    if (this.isCancelled) throw this.reasonValue instanceof Error ? this.reasonValue : new CancelledError(this.reasonValue);
  }
}

/** Races a promise with a token: rejects with the token's reason when it is cancelled first. */
export function withCancel<T>(p: Promise<T>, token: CancelToken | undefined, onCancel?: () => void): Promise<T> {
  if (!token || token === CancelToken.none) return p;
  return new Promise<T>((resolve, reject) => {
    const sub = token.onCancel((reason) => {
      onCancel?.();
      reject(reason instanceof Error ? reason : new CancelledError(reason));
    });
    p.then(
      (v) => {
        sub.dispose();
        resolve(v);
      },
      (e: unknown) => {
        sub.dispose();
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
