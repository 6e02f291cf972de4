/** Creates the simulated worlds of one page instance. */
import type { HostHooks, KernelServices } from '../engine/runtime/kernel';
import { createSession } from '../session/session';
import type { Session, SessionSnapshot } from '../session/types';
import { lazyCoreutils } from '../shell/commands/lazy';

export interface PageSessionOptions {
  seed?: number;
  host: HostHooks;
  services: KernelServices;
  /** The coreutils' code starts loading (at the next idle time) once this settles; default: at once. */
  programsAfter?: Promise<unknown>;
}

export interface WorldFactory {
  /**
   * A world in the page's time (a pull takes its modelled seconds; the engine's timers fire on
   * the browser's timers): a fresh host, or one restored from a snapshot.
   */
  live(snapshot?: SessionSnapshot): Session;
  /** A fresh host in virtual time: a lesson's setup runs in it without waiting for the clock. */
  virtual(): Session;
}

/** The worlds of an instance share the programs' code (loaded once) and the kernel services. */
export function createWorldFactory(opts: PageSessionOptions): WorldFactory {
  const programs = lazyCoreutils();
  // The programs' code loads at an idle time once `programsAfter` settled (embed.ts: after the first
  // prompt and the interface); a command typed before that loads it on the spot.
  const idle = (globalThis as { requestIdleCallback?: (fn: () => void) => void }).requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 50));
  const start = () => idle(() => void programs.load());
  if (opts.programsAfter) void opts.programsAfter.then(start, start);
  else start();
  return {
    live: (snapshot) =>
      createSession({
        programs: programs.programs,
        seed: opts.seed,
        host: opts.host,
        services: opts.services,
        snapshot,
        time: {
          kind: 'realtime',
          wallNow: () => performance.now(),
          setTimer: (ms, fn) => {
            const id = setTimeout(fn, ms);
            return () => clearTimeout(id);
          },
        },
      }),
    virtual: () => createSession({ programs: programs.programs, seed: opts.seed, host: opts.host, services: opts.services, time: { kind: 'virtual' } }),
  };
}
