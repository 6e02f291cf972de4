/**
 * A lesson's starting world: a fresh host, the lesson's files and its setup commands, built in
 * virtual time (a `minikube start` takes no wall time) and kept as a snapshot. The snapshot is
 * cached under a key made of the lesson's start (files and commands) and the engine version, so a
 * lesson opens at once the second time, and a changed lesson or engine never reuses a stale one.
 */
import { versions } from '../engine/core/versions';
import type { Session, SessionSnapshot } from '../session/types';
import { applySetup, type StepProblem } from './setup';

export interface LessonStart {
  readonly files: Readonly<Record<string, string>>;
  /** Modes of starting files that are not 0644. */
  readonly modes?: Readonly<Record<string, number>>;
  readonly commands: readonly string[];
}

/** FNV-1a, 64-bit, as 16 hex digits: a stable fingerprint (not for security). */
export function fingerprint(text: string): string {
  let h = 0xcbf29ce484222325n;
  const bytes = new TextEncoder().encode(text);
  for (const b of bytes) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/** The cache key of a lesson's starting world. */
export function startKey(lessonId: string, start: LessonStart, engine: number = versions.engine): string {
  const files = Object.keys(start.files)
    .sort()
    .map((k) => [k, start.files[k]]);
  const modes = Object.keys(start.modes ?? {})
    .sort()
    .map((k) => [k, start.modes?.[k]]);
  return `${lessonId}@${engine}:${fingerprint(JSON.stringify({ files, commands: start.commands, ...(modes.length ? { modes } : {}) }))}`;
}

export interface BuiltStart {
  readonly snapshot: SessionSnapshot;
  /** Setup commands that failed (the world is built anyway; the page logs them). */
  readonly problems: readonly StepProblem[];
}

/**
 * Builds the starting world in `fresh` (a new session in virtual time, which this disposes) and
 * returns its snapshot.
 */
export async function buildStart(fresh: Session, start: LessonStart): Promise<BuiltStart> {
  try {
    const problems = await applySetup(fresh, start);
    return { snapshot: fresh.snapshot(), problems };
  } finally {
    fresh.dispose();
  }
}

/** Where built starts are kept (memory, IndexedDB ...). */
export interface StartCache {
  get(key: string): Promise<SessionSnapshot | undefined> | SessionSnapshot | undefined;
  put(key: string, snapshot: SessionSnapshot): void;
}

/** A start cache in memory, most recently used last, at most `limit` entries. */
export function memoryStartCache(limit = 30): StartCache {
  const map = new Map<string, SessionSnapshot>();
  return {
    get(key) {
      const v = map.get(key);
      if (v) {
        map.delete(key);
        map.set(key, v);
      }
      return v;
    },
    put(key, snapshot) {
      map.delete(key);
      map.set(key, snapshot);
      while (map.size > limit) map.delete(map.keys().next().value as string);
    },
  };
}

/** The starting snapshot from the caches in order, or built (and put in every cache). */
export async function startSnapshot(
  key: string,
  start: LessonStart,
  caches: readonly StartCache[],
  fresh: () => Session,
): Promise<BuiltStart & { readonly cached: boolean }> {
  for (let i = 0; i < caches.length; i++) {
    let hit: SessionSnapshot | undefined;
    try {
      hit = await caches[i]!.get(key);
    } catch {
      hit = undefined;
    }
    if (hit) {
      for (let j = 0; j < i; j++) caches[j]!.put(key, hit);
      return { snapshot: hit, problems: [], cached: true };
    }
  }
  const built = await buildStart(fresh(), start);
  for (const c of caches) c.put(key, built.snapshot);
  return { ...built, cached: false };
}
