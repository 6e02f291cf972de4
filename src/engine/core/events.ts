/** Typed events and disposables, in the manner of xterm.js's Emitter and Lifecycle. */

export interface IDisposable {
  dispose(): void;
}

export function toDisposable(fn: () => void): IDisposable {
  let done = false;
  return {
    dispose() {
      if (!done) {
        done = true;
        fn();
      }
    },
  };
}

export type Event<T> = (listener: (e: T) => void) => IDisposable;

export class Emitter<T> implements IDisposable {
  private readonly listeners = new Set<(e: T) => void>();
  private disposed = false;

  readonly event: Event<T> = (listener) => {
    if (this.disposed) return toDisposable(() => {});
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  };

  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }

  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}

export class Disposable implements IDisposable {
  private readonly store = new Set<IDisposable>();
  protected disposed = false;

  protected register<T extends IDisposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.store.add(d);
    return d;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.store) d.dispose();
    this.store.clear();
  }
}
