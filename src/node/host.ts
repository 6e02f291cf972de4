/** Host hooks for Node: the engine's turns of the event loop, and real timers for real time. */
import { performance } from 'node:perf_hooks';
import type { HostHooks } from '../engine/runtime/kernel';
import { coreutils } from '../shell/commands';
import { createSession, type DockyardSession, type SessionOptions, type TimeMode } from '../session/session';

/** A session for Node (sim, checks, bench, tests): virtual time and every program loaded eagerly. */
export function createNodeSession(opts: Partial<SessionOptions> = {}): DockyardSession {
  return createSession({ host: nodeVirtualHost, time: { kind: 'virtual' }, programs: coreutils, ...opts });
}

/**
 * Deterministic in virtual time: a long computation yields every 64 checkpoints, counted rather
 * than timed, so the same input gives the same interleaving on any machine.
 */
export const nodeVirtualHost: HostHooks = {
  yieldToHost: () => new Promise((resolve) => setImmediate(resolve)),
  shouldYield: () => true,
};

export function nodeRealtimeHost(): HostHooks {
  let last = performance.now();
  return {
    yieldToHost: () =>
      new Promise((resolve) =>
        setImmediate(() => {
          last = performance.now();
          resolve();
        }),
      ),
    shouldYield: () => performance.now() - last > 8,
  };
}

export const nodeRealtime: TimeMode = {
  kind: 'realtime',
  wallNow: () => performance.now(),
  setTimer: (ms, fn) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};
