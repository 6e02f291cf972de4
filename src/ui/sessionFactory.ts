/** Creates the simulated world of one page instance. */
import type { HostHooks, KernelServices } from '../engine/runtime/kernel';
import { createSession } from '../session/session';
import { lazyCoreutils } from '../shell/commands/lazy';
import type { Session } from '../session/types';

export interface PageSessionOptions {
  seed?: number;
  host: HostHooks;
  services: KernelServices;
  /** The coreutils' code starts loading (at the next idle time) once this settles; default: at once. */
  programsAfter?: Promise<unknown>;
}

/**
 * The page's session: simulated time follows the wall clock (a pull takes its modelled seconds),
 * and the engine's timers fire on the browser's timers.
 */
export function createPageSession(opts: PageSessionOptions): Session {
  const programs = lazyCoreutils();
  // The programs' code loads at an idle time once `programsAfter` settled (embed.ts: after the first
  // prompt and the interface); a command typed before that loads it on the spot.
  const idle = (globalThis as { requestIdleCallback?: (fn: () => void) => void }).requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 50));
  const start = () => idle(() => void programs.load());
  if (opts.programsAfter) void opts.programsAfter.then(start, start);
  else start();
  return createSession({
    programs: programs.programs,
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
