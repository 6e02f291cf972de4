/** Reads lesson folders from disk into LessonSources (Node only: lessons:check and the Vite plugin). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { LessonSource } from '../lessons/lesson';

/** Lesson folders are the directories of the lessons root whose name starts with digits. */
export function lessonFolders(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d/.test(d.name))
    .map((d) => d.name)
    .sort();
}

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) walk(p, out);
    else if (d.isFile()) out.push(p);
  }
  return out;
}

/**
 * Reads one lesson folder. `displayRoot` names the lessons root in messages (e.g. "lessons").
 */
export function readLessonSource(root: string, folder: string, displayRoot = 'lessons'): LessonSource {
  const dir = join(root, folder);
  const filesDir = join(dir, 'files');
  const files: Record<string, string> = {};
  const modes: Record<string, number> = {};
  for (const f of walk(filesDir).sort()) {
    const rel = relative(filesDir, f).split(sep).join('/');
    files[rel] = readFileSync(f, 'utf8');
    // Executable starting files stay executable (git keeps the bit), as scripts a lesson ships.
    if ((statSync(f).mode & 0o111) !== 0) modes[rel] = 0o755;
  }
  return {
    folder,
    displayDir: `${displayRoot}/${folder}`,
    yaml: readIfExists(join(dir, 'lesson.yaml')),
    prose: { en: readIfExists(join(dir, 'en.md')), zh: readIfExists(join(dir, 'zh.md')) },
    files,
    modes,
    exists: (p) => existsSync(join(root, p)) && (statSync(join(root, p)).isFile() || statSync(join(root, p)).isDirectory()),
  };
}

/** Every file of a lesson folder (for the dev server's watcher). */
export function lessonFiles(root: string): string[] {
  return walk(root);
}
