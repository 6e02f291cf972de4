/** Creates the simulated world of one page instance. */
import type { HostHooks, KernelServices } from '../engine/runtime/kernel';
import { createSession } from '../session/session';
import type { Session } from '../session/types';

export interface PageSessionOptions {
  seed?: number;
  host: HostHooks;
  services: KernelServices;
}

/**
 * The page's session: simulated time follows the wall clock (a pull takes its modelled seconds),
 * and the engine's timers fire on the browser's timers.
 */
export function createPageSession(opts: PageSessionOptions): Session {
  return createSession({
    seed: opts.seed,
    host: opts.host,
    services: opts.services,
    time: {
      kind: 'realtime',
      wallNow: () => performance.now(),
      setTimer: (ms, fn) => {
        const id = setTimeout(fn, ms);
        return () => clearTimeout(id);
      },
    },
  });
}
