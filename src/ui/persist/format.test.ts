import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { versions } from '../../engine/core/versions';
import {
  courseSchema,
  damagedId,
  damagedPrefix,
  describeIssues,
  migrateCourse,
  migrateRecord,
  parseExport,
  salvageWorld,
  SAVE_FORMAT,
  upgradeWorld,
  type WorldRecord,
} from './format';

/** A course record as a (hypothetical) format-0 Dockyard wrote it. */
const FORMAT_0_COURSE = { v: 0, lesson: '05-kubectl', completed: ['01-intro/hello', '04-compose/up'] };

const E = versions.engine;
const w = (over: Partial<WorldRecord> = {}): WorldRecord => ({
  v: 1,
  engine: E,
  snapshot: { version: E, engine: { x: 1 } },
  files: { 'a.txt': 'a' },
  history: 'ls\n',
  savedAt: 1,
  ...over,
});

describe('save format', () => {
  it('is format 1 and validates course records', () => {
    expect(SAVE_FORMAT).toBe(1);
    expect(courseSchema.safeParse({ v: 1, lesson: null, lang: 'zh', done: [], savedAt: 0 }).success).toBe(true);
    expect(courseSchema.safeParse({ v: 1, lesson: null, lang: 'de', done: [], savedAt: 0 }).success).toBe(false);
  });

  it('migrates the format-0 fixture to format 1', () => {
    expect(migrateCourse(FORMAT_0_COURSE)).toEqual({
      ok: true,
      from: 0,
      value: { v: 1, lesson: '05-kubectl', lang: null, done: ['01-intro/hello', '04-compose/up'], savedAt: 0 },
    });
  });

  it('runs a chain step by step and validates the end', () => {
    const schema = z.object({ v: z.literal(2), name: z.string(), tags: z.array(z.string()) });
    const chain = {
      0: (o: Record<string, unknown>) => ({ v: 1, name: String(o.title) }),
      1: (o: Record<string, unknown>) => ({ ...o, v: 2, tags: [] }),
    };
    expect(migrateRecord({ v: 0, title: 't' }, chain, schema, 2)).toEqual({ ok: true, from: 0, value: { v: 2, name: 't', tags: [] } });
    expect(migrateRecord({ v: 1, name: 'n' }, chain, schema, 2)).toMatchObject({ ok: true, from: 1 });
    expect(migrateRecord({ v: 2, name: 'n', tags: [] }, {}, schema, 2)).toMatchObject({ ok: true, from: 2 });
    expect(migrateRecord({ v: 0, title: 't' }, { 1: chain[1] }, schema, 2)).toEqual({ ok: false, reason: 'no-migration', detail: 'no migration from format 0' });
    expect(migrateRecord({ v: 3 }, chain, schema, 2)).toMatchObject({ ok: false, reason: 'newer' });
    expect(migrateRecord({ v: 0 }, { ...chain, 0: () => { throw new Error('bad'); } }, schema, 2)).toMatchObject({ ok: false, reason: 'invalid', detail: expect.stringContaining('bad') });
    expect(migrateRecord({ v: 0 }, { ...chain, 0: () => ({ v: 5 }) }, schema, 2)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(migrateRecord({ v: 2, name: 3, tags: [] }, chain, schema, 2)).toMatchObject({ ok: false, reason: 'invalid', detail: expect.stringContaining('name') });
    for (const junk of [null, 'x', 3, [1], { name: 'no version' }, { v: -1 }, { v: 1.5 }]) {
      expect(migrateRecord(junk, chain, schema, 2)).toMatchObject({ ok: false, reason: 'invalid' });
    }
  });
});

describe('engine versions', () => {
  it('takes a world of the current engine as it is', () => {
    const world = w();
    expect(upgradeWorld(world)).toEqual({ ok: true, world });
  });

  it('migrates snapshots along the chain, and refuses what it cannot reach', () => {
    const old = w({ engine: 1, snapshot: { version: 1, engine: { n: 1 } } });
    const chain = { 1: () => ({ version: 2, engine: { n: 2 } }), 2: () => ({ version: 3, engine: { n: 3 } }) };
    expect(upgradeWorld(old, 3, chain)).toEqual({ ok: true, world: { ...old, engine: 3, snapshot: { version: 3, engine: { n: 3 } } } });
    expect(upgradeWorld(old, 3, { 1: chain[1] })).toMatchObject({ ok: false, detail: 'no migration of snapshots from engine 2' });
    expect(upgradeWorld(old, 0)).toMatchObject({ ok: false });
    expect(upgradeWorld({ ...old, engine: 2 }, 3, chain)).toMatchObject({ ok: false });
  });

  it('salvages files and history when they are well-formed', () => {
    expect(salvageWorld({ files: { a: 'A' }, history: 'h', snapshot: null })).toEqual({ files: { a: 'A' }, history: 'h' });
    expect(salvageWorld({ files: { a: 'A' }, modes: { a: 0o755 } })).toEqual({ files: { a: 'A' }, modes: { a: 0o755 }, history: '' });
    expect(salvageWorld({ files: { a: 1 }, history: 'h' })).toBeUndefined();
    expect(salvageWorld('x')).toBeUndefined();
  });
});

describe('damaged keys', () => {
  it('names the instance unambiguously', () => {
    expect(damagedId('dockyard:a', 'course', undefined, 7)).toBe('damaged:dockyard%3Aa:course:7');
    expect(damagedId('k', 'world', '02 images', 7)).toBe('damaged:k:world:02%20images:7');
    expect(damagedId('dockyard:a:b', 'course', undefined, 7).startsWith(damagedPrefix('dockyard:a'))).toBe(false);
  });
});

describe('parseExport', () => {
  const doc = (over: Record<string, unknown> = {}) => JSON.stringify({ kind: 'dockyard-progress', format: 1, course: null, worlds: { l: w() }, ...over });

  it('reads a document and its records', () => {
    const r = parseExport(doc({ course: FORMAT_0_COURSE }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.course?.done).toEqual(FORMAT_0_COURSE.completed);
    expect([...r.worlds.keys()]).toEqual(['l']);
  });

  it('says what is wrong', () => {
    expect(parseExport('{')).toMatchObject({ ok: false, error: { code: 'not-json' } });
    expect(parseExport('"text"')).toMatchObject({ ok: false, error: { code: 'not-dockyard' } });
    expect(parseExport(doc({ format: 7 }))).toMatchObject({ ok: false, error: { code: 'newer', detail: expect.stringContaining('format 7') } });
    expect(parseExport(doc({ worlds: { l: { ...w(), v: 9 } } }))).toMatchObject({ ok: false, error: { code: 'newer' } });
    expect(parseExport(doc({ worlds: { l: { ...w(), history: 5 } } }))).toMatchObject({ ok: false, error: { code: 'invalid', detail: 'world "l": history: expected string' } });
    expect(parseExport(doc({ worlds: { '': w() } }))).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});

describe('describeIssues', () => {
  it('names the path and what was expected', () => {
    const r = courseSchema.safeParse({ v: 2, lesson: 3, lang: 'fr', savedAt: 0 });
    expect(r.success).toBe(false);
    if (!r.success) expect(describeIssues(r.error)).toBe('v: expected 1; lesson: expected string; lang: expected "en" or "zh"');
  });
});
