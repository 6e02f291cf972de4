/**
 * What Dockyard keeps in the browser, as zod schemas, and how older records are brought forward.
 *
 * Every stored record carries `v`, the save format it was written in. On load a record runs
 * through the migration chain (`courseMigrations[n]` takes format n to n + 1) up to SAVE_FORMAT
 * and is then validated; a record that cannot be (no migration, a newer format, invalid) is
 * damaged: the store keeps it aside and the learner starts fresh.
 *
 * A world's snapshot has its own version, the engine's (`versions.engine`): `upgradeWorld` runs
 * it through `snapshotMigrations`; a world the current engine cannot take is rebuilt from the
 * lesson's setup, keeping the learner's files and history.
 *
 * The record types and the constants the store needs at all times are in ./records (re-exported
 * here): the store loads this module (and zod) only when there is a record to validate.
 *
 * DOM-free and React-free.
 */
import * as z from 'zod/mini';
import { versions } from '../../engine/core/versions';
import {
  EXPORT_KIND,
  SAVE_FORMAT,
  type CourseRecord,
  type ImportError,
  type ImportErrorCode,
  type Migration,
  type SnapshotMigrations,
  type WorldRecord,
} from './records';

export { damagedId, damagedPrefix, EXPORT_KIND, SAVE_FORMAT } from './records';
export type {
  CourseRecord,
  CourseState,
  DamagedRecord,
  ExportDocument,
  ImportError,
  ImportErrorCode,
  Migration,
  SnapshotMigrations,
  WorldRecord,
  WorldState,
} from './records';

// zod/mini (a few kB) rather than zod: this module loads before the first prompt when a saved world is restored.

const snapshotSchema = z
  .object({
    /** versions.engine of the engine that made it */
    version: z.int(),
    /** the engine state, JSON */
    engine: z.unknown(),
  })
  .check(z.refine((s) => s.engine !== undefined, { message: 'the snapshot has no engine state', path: ['engine'] }));

export const courseSchema = z.object({
  /** save format */
  v: z.literal(SAVE_FORMAT),
  /** id of the lesson the learner has open */
  lesson: z.nullable(z.string()),
  /** interface and lesson language the learner chose */
  lang: z.nullable(z.enum(['en', 'zh'])),
  /** exercises done, as "lessonId/exerciseId" */
  done: z.array(z.string()),
  /** milliseconds since the epoch (wall clock) */
  savedAt: z.number(),
});

export const worldSchema = z.object({
  v: z.literal(SAVE_FORMAT),
  /** versions.engine the snapshot was made with */
  engine: z.int(),
  /** session.snapshot() */
  snapshot: snapshotSchema,
  /** regular files under the home directory: relative path -> text */
  files: z.record(z.string(), z.string()),
  /** permission bits of the files whose mode is not 0644 */
  modes: z.optional(z.record(z.string(), z.int())),
  /** shell history, ~/.bash_history text */
  history: z.string(),
  savedAt: z.number(),
});

/** Both ways assignable: the hand-written record types of ./records match the schemas. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type RecordTypesMatchSchemas = [
  Same<z.infer<typeof courseSchema>, CourseRecord>,
  Same<Omit<z.infer<typeof worldSchema>, 'snapshot'>, Omit<WorldRecord, 'snapshot'>>,
] extends [true, true]
  ? true
  : never;
const recordTypesMatchSchemas: RecordTypesMatchSchemas = true;
void recordTypesMatchSchemas;

// ---------------------------------------------------------------------------------------------
// Migrations of the save format

const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);

/**
 * `courseMigrations[n]` turns a course record of format n into format n + 1.
 * Format 0 (never shipped; kept so the chain is exercised by tests): `{ v: 0, lesson, completed }`.
 */
export const courseMigrations: Readonly<Record<number, Migration>> = {
  0: (old) => ({
    v: 1,
    lesson: typeof old.lesson === 'string' ? old.lesson : null,
    lang: null,
    done: strings(old.completed),
    savedAt: typeof old.savedAt === 'number' ? old.savedAt : 0,
  }),
};

/** `worldMigrations[n]` turns a world record of format n into format n + 1 (format 0 had no worlds). */
export const worldMigrations: Readonly<Record<number, Migration>> = {};

export type MigrateResult<T> =
  | { readonly ok: true; readonly value: T; readonly from: number }
  | { readonly ok: false; readonly reason: 'invalid' | 'newer' | 'no-migration'; readonly detail: string };

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

type Issue = z.core.$ZodIssue;

/** A short English account of an issue ("done.2: expected string"). */
function describeIssue(i: Issue): string {
  let what: string;
  if (i.message && i.message !== 'Invalid input') what = i.message;
  else if (i.code === 'invalid_type') what = i.expected === 'nonoptional' ? 'missing' : `expected ${i.expected}`;
  else if (i.code === 'invalid_value') what = `expected ${i.values.map((v) => JSON.stringify(v)).join(' or ')}`;
  else what = i.code.replace(/_/g, ' ');
  return i.path.length ? `${i.path.map(String).join('.')}: ${what}` : what;
}

/** A short account of why a value was rejected (its first three issues). */
export function describeIssues(error: { readonly issues: readonly Issue[] }): string {
  return error.issues.slice(0, 3).map(describeIssue).join('; ');
}

/**
 * Brings a stored record to the current format and validates it. Never throws: a migration that
 * throws makes the record invalid.
 */
export function migrateRecord<T>(
  raw: unknown,
  chain: Readonly<Record<number, Migration>>,
  schema: z.ZodMiniType<T>,
  target: number = SAVE_FORMAT,
): MigrateResult<T> {
  if (!isRecord(raw)) return { ok: false, reason: 'invalid', detail: `expected an object, found ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}` };
  let rec = raw;
  const from = rec.v;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) return { ok: false, reason: 'invalid', detail: 'the record has no format version' };
  if (from > target) return { ok: false, reason: 'newer', detail: `format ${from} is newer than ${target}` };
  for (let v = from; v < target; v++) {
    const step = chain[v];
    if (!step) return { ok: false, reason: 'no-migration', detail: `no migration from format ${v}` };
    try {
      rec = step(rec);
    } catch (e) {
      return { ok: false, reason: 'invalid', detail: `migration from format ${v} failed: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (!isRecord(rec) || rec.v !== v + 1) return { ok: false, reason: 'invalid', detail: `migration from format ${v} did not give format ${v + 1}` };
  }
  const parsed = schema.safeParse(rec);
  if (!parsed.success) return { ok: false, reason: 'invalid', detail: describeIssues(parsed.error) };
  return { ok: true, value: parsed.data, from };
}

export function migrateCourse(raw: unknown, chain = courseMigrations, target = SAVE_FORMAT): MigrateResult<CourseRecord> {
  return migrateRecord(raw, chain, courseSchema as z.ZodMiniType<CourseRecord>, target);
}

export function migrateWorld(raw: unknown, chain = worldMigrations, target = SAVE_FORMAT): MigrateResult<WorldRecord> {
  return migrateRecord(raw, chain, worldSchema as unknown as z.ZodMiniType<WorldRecord>, target);
}

// ---------------------------------------------------------------------------------------------
// Engine versions of snapshots

/** `snapshotMigrations[n]` turns a snapshot of engine version n into version n + 1. None yet. */
export const snapshotMigrations: SnapshotMigrations = {};

export type UpgradeResult = { readonly ok: true; readonly world: WorldRecord } | { readonly ok: false; readonly detail: string };

/**
 * Brings a world's snapshot to `engine` (default: this build's `versions.engine`). A snapshot
 * from a newer engine, or an older one without a migration path, is unmigratable.
 */
export function upgradeWorld(world: WorldRecord, engine: number = versions.engine, chain: SnapshotMigrations = snapshotMigrations): UpgradeResult {
  let snap = world.snapshot;
  if (world.engine !== snap.version) return { ok: false, detail: `the world says engine ${world.engine} but its snapshot is version ${snap.version}` };
  if (snap.version > engine) return { ok: false, detail: `snapshot version ${snap.version} is newer than engine ${engine}` };
  for (let v = snap.version; v < engine; v++) {
    const step = chain[v];
    if (!step) return { ok: false, detail: `no migration of snapshots from engine ${v}` };
    try {
      snap = step(snap);
    } catch (e) {
      return { ok: false, detail: `snapshot migration from engine ${v} failed: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (snap.version !== v + 1) return { ok: false, detail: `snapshot migration from engine ${v} did not give version ${v + 1}` };
  }
  return { ok: true, world: snap === world.snapshot ? world : { ...world, engine, snapshot: snap } };
}

/**
 * What can be saved of a world record that is damaged or unmigratable: its files and history,
 * when those parts are still well-formed.
 */
const filesSchema = z.record(z.string(), z.string());
const modesSchema = z.record(z.string(), z.int());

export function salvageWorld(raw: unknown): { files: Record<string, string>; modes?: Record<string, number>; history: string } | undefined {
  if (!isRecord(raw)) return undefined;
  const files = filesSchema.safeParse(raw.files);
  const history = typeof raw.history === 'string' ? raw.history : files.success ? '' : undefined;
  if (!files.success || history === undefined) return undefined;
  const modes = modesSchema.safeParse(raw.modes);
  return modes.success ? { files: files.data, modes: modes.data, history } : { files: files.data, history };
}

// ---------------------------------------------------------------------------------------------
// Export documents

const exportEnvelope = z.object({
  kind: z.literal(EXPORT_KIND),
  format: z.int().check(z.nonnegative()),
  storageKey: z.optional(z.string()),
  course: z.optional(z.unknown()),
  worlds: z.record(z.string(), z.unknown()),
});

export type ParsedImport =
  | { readonly ok: true; readonly course: CourseRecord | null; readonly worlds: ReadonlyMap<string, WorldRecord> }
  | { readonly ok: false; readonly error: ImportError };

/**
 * Reads an exported progress document, bringing its records to the current format. Never
 * throws; anything wrong is an ImportError.
 */
export function parseExport(text: string, chains: { course?: Readonly<Record<number, Migration>>; world?: Readonly<Record<number, Migration>> } = {}): ParsedImport {
  const fail = (code: ImportErrorCode, detail: string): ParsedImport => ({ ok: false, error: { code, detail } });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail('not-json', e instanceof Error ? e.message : String(e));
  }
  if (!isRecord(json) || json.kind !== EXPORT_KIND) return fail('not-dockyard', 'the file is JSON but not a Dockyard progress export');
  if (typeof json.format === 'number' && json.format > SAVE_FORMAT) return fail('newer', `the file has format ${json.format}; this Dockyard reads up to format ${SAVE_FORMAT}`);
  const env = exportEnvelope.safeParse(json);
  if (!env.success) return fail('invalid', describeIssues(env.error));
  let course: CourseRecord | null = null;
  if (env.data.course !== null && env.data.course !== undefined) {
    const c = migrateCourse(env.data.course, chains.course);
    if (!c.ok) return fail(c.reason === 'newer' ? 'newer' : 'invalid', `course: ${c.detail}`);
    course = c.value;
  }
  const worlds = new Map<string, WorldRecord>();
  for (const [lessonId, raw] of Object.entries(env.data.worlds)) {
    if (!lessonId) return fail('invalid', 'a world has an empty lesson id');
    const w = migrateWorld(raw, chains.world);
    if (!w.ok) return fail(w.reason === 'newer' ? 'newer' : 'invalid', `world ${JSON.stringify(lessonId)}: ${w.detail}`);
    worlds.set(lessonId, w.value);
  }
  return { ok: true, course, worlds };
}
