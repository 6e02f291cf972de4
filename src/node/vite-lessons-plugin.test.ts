import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileLessonsFolder, indexModule, lessonModule, lessonsPlugin } from './vite-lessons-plugin';

const fixtures = fileURLToPath(new URL('../lessons/testing/fixtures/', import.meta.url));

describe('the lessons Vite plugin', () => {
  it('compiles a lessons folder into an index and per-lesson modules', async () => {
    const c = await compileLessonsFolder(fixtures + 'good');
    expect(c.problems).toEqual([]);
    expect(c.index.map((l) => [l.id, l.order, l.title.zh, l.part.id])).toEqual([['make-file', 1, '创建文件', 'basics']]);
    const code = indexModule(c.index);
    expect(code).toContain('"make-file": () => import("virtual:lessons/lesson/make-file")');
    expect(code).not.toContain('prose');
    const entry = c.lessons.get('make-file');
    expect(entry).toBeDefined();
    const mod = lessonModule(entry!.lesson, ['img/a b.png'], '/x/01-make-file');
    expect(mod).toContain('import __asset0 from "/x/01-make-file/img/a b.png?url";');
    expect(mod).toContain('assets: { "img/a b.png": __asset0 }');
    expect(mod).toContain('"setup":{"commands":["mkdir -p notes"]}');
  });

  it('leaves out lessons with errors and reports them', async () => {
    const { mkdtempSync, cpSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(tmpdir() + '/lessons-');
    cpSync(fixtures + 'good', dir, { recursive: true });
    writeFileSync(dir + '/01-make-file/zh.md', '# 没有练习\n');
    const c = await compileLessonsFolder(dir);
    expect(c.index).toEqual([]);
    expect(c.problems).toContain('lessons/01-make-file/zh.md:1:1: exercise "greeting" is not placed: add ::exercise{id="greeting"} where it belongs');
    expect((await compileLessonsFolder(fixtures + 'does-not-exist')).index).toEqual([]);
  });

  it('serves virtual:lessons and the lesson modules', async () => {
    const plugin = lessonsPlugin({ root: fixtures + 'good' });
    const resolveId = plugin.resolveId as unknown as (s: string) => string | undefined;
    expect(resolveId('virtual:lessons')).toBe('\0virtual:lessons');
    expect(resolveId('virtual:lessons/lesson/make-file')).toBe('\0virtual:lessons/lesson/make-file');
    expect(resolveId('react')).toBeUndefined();
    const ctx = { addWatchFile: () => {}, warn: () => {}, error: (m: string) => { throw new Error(m); } };
    const load = plugin.load as unknown as (this: typeof ctx, id: string) => Promise<string | undefined>;
    expect(await load.call(ctx, '\0virtual:lessons')).toContain('export const lessons = [{"id":"make-file"');
    expect(await load.call(ctx, '\0virtual:lessons/lesson/make-file')).toContain('"exerciseSpecs":[');
    expect(await load.call(ctx, '\0virtual:lessons/lesson/nope')).toBe('export default undefined;');
    expect(await load.call(ctx, '/src/main.ts')).toBeUndefined();
  });
});
