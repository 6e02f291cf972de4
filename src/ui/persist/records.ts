/**
 * The shapes of what Dockyard keeps in the browser, and the constants the store needs at all
 * times, without their validation: the zod schemas, migrations and export parsing are in
 * ./format, which the store loads only when there is a record to validate (a first visit, with
 * nothing saved, loads no zod before the first prompt).
 *
 * DOM-free and React-free; no runtime dependencies. ./format checks at compile time that its
 * schemas give these types.
 */
import type { SessionSnapshot } from '../../session/types';
import type { Lang } from '../i18n';

/** The save format written by this build. Bump it with a migration in each chain of ./format. */
export const SAVE_FORMAT = 1;

/** The `kind` of an exported progress document. */
export const EXPORT_KIND = 'dockyard-progress';

/** A stored course record (./format's courseSchema). */
export type CourseRecord = {
  /** save format */
  v: typeof SAVE_FORMAT;
  /** id of the lesson the learner has open */
  lesson: string | null;
  /** interface and lesson language the learner chose */
  lang: Lang | null;
  /** exercises done, as "lessonId/exerciseId" */
  done: string[];
  /** milliseconds since the epoch (wall clock) */
  savedAt: number;
};

/** A stored world record (./format's worldSchema, with the snapshot typed). */
export type WorldRecord = {
  v: typeof SAVE_FORMAT;
  /** versions.engine the snapshot was made with */
  engine: number;
  /** session.snapshot() */
  snapshot: SessionSnapshot;
  /** regular files under the home directory: relative path -> text */
  files: Record<string, string>;
  /** permission bits of the files whose mode is not 0644 */
  modes?: Record<string, number> | undefined;
  /** shell history, ~/.bash_history text */
  history: string;
  savedAt: number;
};

/** What the owner saves of the course; the store adds the format and the time. */
export interface CourseState {
  readonly lesson: string | null;
  readonly lang: Lang | null;
  readonly done: readonly string[];
}

/** What the owner saves of one lesson's world; the store adds the format, engine version and time. */
export interface WorldState {
  readonly snapshot: SessionSnapshot;
  readonly files: Readonly<Record<string, string>>;
  readonly modes?: Readonly<Record<string, number>>;
  readonly history: string;
}

/** One step of a save-format migration chain (format n to n + 1). */
export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/** `snapshotMigrations[n]` turns a snapshot of engine version n into version n + 1. */
export type SnapshotMigrations = Readonly<Record<number, (old: SessionSnapshot) => SessionSnapshot>>;

// ---------------------------------------------------------------------------------------------
// Records kept aside

/** A stored record that could not be used, kept (not deleted) so it can be exported. */
export interface DamagedRecord {
  /** `damaged:<storageKey, URI-encoded>:<course | world:lessonId>:<time>` */
  readonly id: string;
  readonly storageKey: string;
  readonly what: 'course' | 'world';
  readonly lessonId?: string;
  readonly reason: string;
  readonly at: number;
  /** The record as it was found. */
  readonly value: unknown;
}

export function damagedId(storageKey: string, what: 'course' | 'world', lessonId: string | undefined, at: number, n = 0): string {
  const target = what === 'course' ? 'course' : `world:${encodeURIComponent(lessonId ?? '')}`;
  return `${damagedPrefix(storageKey)}${target}:${at}${n ? `-${n}` : ''}`;
}

export function damagedPrefix(storageKey: string): string {
  return `damaged:${encodeURIComponent(storageKey)}:`;
}

// ---------------------------------------------------------------------------------------------
// Export documents

export interface ExportDocument {
  readonly kind: typeof EXPORT_KIND;
  readonly format: number;
  readonly exportedAt: string;
  readonly dockyard: string;
  readonly storageKey: string;
  readonly course: CourseRecord | null;
  readonly worlds: Readonly<Record<string, WorldRecord>>;
  readonly damaged?: readonly Omit<DamagedRecord, 'id'>[];
}

export type ImportErrorCode = 'not-json' | 'not-dockyard' | 'newer' | 'invalid' | 'read-only' | 'storage';

export interface ImportError {
  readonly code: ImportErrorCode;
  /** An English account of the problem (the learner sees a message for the code, then this). */
  readonly detail: string;
}
