/**
 * One terminal tab's connection to its session terminal. It listens from the moment the handle
 * exists, keeps what was printed (so a view that mounts late, or mounts again, shows everything),
 * and forwards keys. The xterm view attaches to it and detaches when it unmounts.
 */
import type { IDisposable } from '../../engine/core/events';
import type { TerminalHandle } from '../../session/types';

/** How much output a tab keeps for replay (characters). Older output is dropped whole-chunk. */
export const LOG_LIMIT = 2_000_000;

export class TerminalModel implements IDisposable {
  private readonly chunks: string[] = [];
  private size = 0;
  private writer: ((s: string) => void) | null = null;
  private readonly subs: IDisposable[] = [];
  private readonly owned: IDisposable[] = [];
  private disposed = false;
  exitCode: number | null = null;

  constructor(
    readonly handle: TerminalHandle,
    onExit: (code: number) => void,
    private readonly limit = LOG_LIMIT,
  ) {
    this.subs.push(
      handle.onOutput((s) => this.output(s)),
      handle.onExit((code) => {
        this.exitCode = code;
        onExit(code);
      }),
    );
  }

  private output(s: string): void {
    if (this.disposed || s === '') return;
    this.chunks.push(s);
    this.size += s.length;
    while (this.size > this.limit && this.chunks.length > 1) this.size -= this.chunks.shift()?.length ?? 0;
    this.writer?.(s);
  }

  /** Everything printed so far (within the limit). */
  get log(): string {
    return this.chunks.join('');
  }

  /** Connects a screen: it first receives the whole log, then each new piece of output. */
  attach(write: (s: string) => void): IDisposable {
    const log = this.log;
    if (log) write(log);
    this.writer = write;
    return {
      dispose: () => {
        if (this.writer === write) this.writer = null;
      },
    };
  }

  /** Ties `d` (the tab's screen) to the tab: it is disposed with it (at once if the tab already is). */
  own(d: IDisposable): void {
    if (this.disposed) d.dispose();
    else this.owned.push(d);
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  input(data: string): void {
    if (!this.disposed && this.exitCode === null) this.handle.input(data);
  }

  resize(cols: number, rows: number): void {
    if (!this.disposed && this.exitCode === null && cols > 0 && rows > 0) this.handle.resize(cols, rows);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.writer = null;
    for (const s of this.subs) s.dispose();
    for (const d of this.owned.splice(0)) d.dispose();
    this.handle.dispose();
  }
}
