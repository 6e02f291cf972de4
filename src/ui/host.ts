/** The page's HostHooks: the engine yields to the browser through a MessageChannel macrotask. */
import type { IDisposable } from '../engine/core/events';
import type { HostHooks } from '../engine/runtime/kernel';

/** How long the engine may run before it gives the page a turn (ms of wall time). */
export const SLICE_MS = 8;

export interface BrowserHost extends HostHooks, IDisposable {}

/**
 * `yieldToHost` resolves on a later macrotask (a MessageChannel message: unlike setTimeout it is
 * not clamped to 4 ms, and unlike a microtask it lets the page paint and take input).
 * `shouldYield` is true once SLICE_MS of wall time passed since the last yield.
 */
export function createBrowserHost(now: () => number = () => performance.now()): BrowserHost {
  const channel = new MessageChannel();
  const waiting: Array<() => void> = [];
  let last = now();
  channel.port1.onmessage = () => {
    last = now();
    waiting.shift()?.();
  };
  return {
    yieldToHost() {
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        channel.port2.postMessage(0);
      });
    },
    shouldYield() {
      return now() - last >= SLICE_MS;
    },
    dispose() {
      channel.port1.onmessage = null;
      channel.port1.close();
      channel.port2.close();
      for (const w of waiting.splice(0)) w();
    },
  };
}
