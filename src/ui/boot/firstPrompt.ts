/**
 * When the first terminal's prompt is on screen: its first visible text has been written to
 * xterm.js and a frame has been drawn. The page loads what is not needed for the prompt (React
 * and the interface, the coreutils' code, the Unicode 11 tables) only then, so they do not
 * compete with it for the network and the main thread.
 */
import type { IDisposable } from '../../engine/core/events';
import type { TerminalModel } from '../terminal/terminalModel';

/** Escape sequences (CSI, OSC, two-character ESC) that print nothing. */
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]/g;

/** True when `s` shows something on a screen (not only escape sequences and white space). */
export function showsText(s: string): boolean {
  return /\S/.test(s.replace(ESCAPES, ''));
}

export interface FirstPromptOptions {
  /** Resolve anyway after this long (ms): a shell that prints nothing must not hold the page back. */
  timeout?: number;
  /** Waits until what was written has been drawn (xterm.js parses asynchronously, draws on a frame). */
  drawn?(): Promise<void>;
}

/**
 * Resolves once the tab has shown text and `drawn()` resolved, or after `timeout` ms. `cancel`
 * (dispose) settles it at once, for an instance disposed before its prompt.
 */
export function whenFirstPromptShown(model: TerminalModel, opts: FirstPromptOptions = {}): { promise: Promise<void> } & IDisposable {
  let done = false;
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  let sub: IDisposable | undefined;
  const finish = () => {
    if (done) return;
    done = true;
    sub?.dispose();
    clearTimeout(timer);
    resolve();
  };
  let seen = '';
  const check = (s: string) => {
    if (done) return;
    seen += s;
    if (!showsText(seen)) return;
    sub?.dispose();
    sub = undefined;
    (opts.drawn?.() ?? Promise.resolve()).then(finish, finish);
  };
  const timer = setTimeout(finish, opts.timeout ?? 3000);
  sub = model.handle.onOutput(check);
  check(model.log);
  return { promise, dispose: finish };
}

/** After the next frame (or `fallbackMs`, where frames do not come: a background tab). */
export function afterNextFrame(fallbackMs = 100): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, fallbackMs);
    const raf = globalThis.requestAnimationFrame as ((cb: () => void) => number) | undefined;
    if (!raf) return;
    raf(() => {
      clearTimeout(t);
      // The frame's paint comes right after its callbacks: a macrotask later it is on screen.
      setTimeout(resolve, 0);
    });
  });
}
