/**
 * A lesson folder, compiled: lesson.yaml validated, both languages' prose compiled and checked
 * against it (each places the same exercises; links and images resolve). Pure: the Node side
 * (src/node/lessons-fs.ts) reads the folder into a LessonSource.
 */
import type { Root as HastRoot } from 'hast';
import { normalizePath } from '../engine/fs/path';
import { compileMarkdown, isExternalUrl, type CompiledProse } from './markdown';
import { LANGS, parseLessonYaml, type Exercise, type Lang, type LessonIssue, type LessonSpec, type Localized, type Quiz } from './schema';

/** A lesson folder as read from disk. */
export interface LessonSource {
  /** The folder's name, `01-terminal-and-editor`. */
  readonly folder: string;
  /** How files are named in issues, e.g. `lessons/01-terminal-and-editor`. */
  readonly displayDir: string;
  /** lesson.yaml's text, or undefined when it is missing. */
  readonly yaml: string | undefined;
  readonly prose: Partial<Record<Lang, string>>;
  /** The starting files (under files/), path relative to files/ → text. */
  readonly files: Readonly<Record<string, string>>;
  /** Modes of the starting files that are not 0644 (executable scripts). */
  readonly modes?: Readonly<Record<string, number>>;
  /** Whether a path relative to the lessons root exists (links and images). */
  exists(pathFromLessonsRoot: string): boolean;
}

export interface LessonPlace {
  readonly id: string;
  readonly title: Localized;
}

/** What the course index knows about a lesson (loaded eagerly, small). */
export interface LessonIndexEntry {
  readonly id: string;
  readonly folder: string;
  /** The NN of the folder name: the lesson's place in the course. */
  readonly order: number;
  readonly title: Localized;
  readonly part: LessonPlace;
  readonly chapter: LessonPlace;
  readonly exercises: ReadonlyArray<{ readonly id: string; readonly title: Localized }>;
  /** The ids of its multiple-choice questions. */
  readonly quizzes: readonly string[];
}

/** A whole lesson, as the page loads it when the learner opens it. */
export interface CompiledLesson extends LessonIndexEntry {
  readonly setup: { readonly commands: readonly string[] };
  /** Starting files, relative to /home/learner. */
  readonly files: Readonly<Record<string, string>>;
  readonly modes: Readonly<Record<string, number>>;
  readonly exerciseSpecs: readonly Exercise[];
  readonly quizSpecs: readonly Quiz[];
  /** Sanitised prose per language. */
  readonly prose: Readonly<Record<Lang, HastRoot>>;
  /** Relative image paths of the prose → their URLs (filled by the bundler). */
  readonly assets: Readonly<Record<string, string>>;
}

export interface CompileLessonResult {
  readonly lesson: CompiledLesson | undefined;
  readonly issues: LessonIssue[];
  readonly prose: Partial<Record<Lang, CompiledProse>>;
}

const FOLDER_RE = /^(\d+)-([a-z0-9][a-z0-9-]*)$/;

export function compileLesson(src: LessonSource): CompileLessonResult {
  const issues: LessonIssue[] = [];
  const yamlFile = `${src.displayDir}/lesson.yaml`;
  const m = FOLDER_RE.exec(src.folder);
  if (!m) {
    issues.push({ file: src.displayDir, line: 1, col: 1, message: 'a lesson folder is named NN-<id>, like 01-terminal-and-editor' });
  }
  let spec: LessonSpec | undefined;
  if (src.yaml === undefined) {
    issues.push({ file: yamlFile, line: 1, col: 1, message: 'missing: every lesson has a lesson.yaml' });
  } else {
    const r = parseLessonYaml(src.yaml, yamlFile);
    issues.push(...r.issues);
    if (r.ok) spec = r.value;
  }
  if (spec && m && m[2] !== spec.id) {
    issues.push({ file: yamlFile, line: 1, col: 1, message: `id "${spec.id}" does not match the folder name ${src.folder}: name the folder ${m[1]}-${spec.id}, or make the id "${m[2]}"` });
  }

  const prose: Partial<Record<Lang, CompiledProse>> = {};
  for (const lang of LANGS) {
    const file = `${src.displayDir}/${lang}.md`;
    const text = src.prose[lang];
    if (text === undefined) {
      issues.push({ file, line: 1, col: 1, message: `missing: every lesson has its prose in en.md and zh.md` });
      continue;
    }
    const p = compileMarkdown(text, file);
    prose[lang] = p;
    issues.push(...p.issues);
    for (const ref of [...p.links, ...p.images].sort((a, b) => a.line - b.line || a.col - b.col)) {
      const problem = checkReference(src, ref.url);
      if (problem) issues.push({ file, line: ref.line, col: ref.col, message: problem });
    }
    for (const b of p.codeBlocks) {
      if (b.file !== undefined && b.file.split('/').includes('..')) {
        issues.push({ file, line: b.line, col: b.col, message: `file=${b.file}: must not contain ".."` });
      }
    }
    if (spec) {
      checkPlacement('exercise', spec.exercises.map((e) => e.id), p.exercises, file, issues);
      checkPlacement('quiz', (spec.quizzes ?? []).map((q) => q.id), p.quizzes, file, issues);
    }
  }

  if (!spec || !m || issues.length > 0 || !prose.en || !prose.zh) return { lesson: undefined, issues, prose };
  const lesson: CompiledLesson = {
    id: spec.id,
    folder: src.folder,
    order: Number(m[1]),
    title: spec.title,
    part: spec.part,
    chapter: spec.chapter,
    exercises: spec.exercises.map((e) => ({ id: e.id, title: e.title })),
    setup: { commands: spec.setup?.commands ?? [] },
    files: src.files,
    modes: src.modes ?? {},
    exerciseSpecs: spec.exercises,
    quizSpecs: spec.quizzes ?? [],
    quizzes: (spec.quizzes ?? []).map((q) => q.id),
    prose: { en: prose.en.hast, zh: prose.zh.hast },
    assets: {},
  };
  return { lesson, issues, prose };
}

/** Each item of lesson.yaml is placed once by the prose, in lesson.yaml's order. */
function checkPlacement(
  kind: 'exercise' | 'quiz',
  wanted: readonly string[],
  placedAt: ReadonlyArray<{ readonly id: string; readonly line: number; readonly col: number }>,
  file: string,
  issues: LessonIssue[],
): void {
  const plural = kind === 'quiz' ? 'quizzes' : 'exercises';
  const placed = placedAt.map((e) => e.id);
  const seen = new Set<string>();
  for (const e of placedAt) {
    if (!wanted.includes(e.id)) {
      issues.push({ file, line: e.line, col: e.col, message: `${kind} "${e.id}" is not in lesson.yaml (its ${plural}: ${wanted.join(', ') || 'none'})` });
    } else if (seen.has(e.id)) {
      issues.push({ file, line: e.line, col: e.col, message: `${kind} "${e.id}" is placed twice` });
    }
    seen.add(e.id);
  }
  for (const id of wanted) {
    if (!placed.includes(id)) issues.push({ file, line: 1, col: 1, message: `${kind} "${id}" is not placed: add ::${kind}{id="${id}"} where it belongs` });
  }
  const inOrder = [...new Set(placed)].filter((id) => wanted.includes(id));
  const expected = wanted.filter((id) => placed.includes(id));
  if (inOrder.join() !== expected.join()) {
    issues.push({ file, line: 1, col: 1, message: `${plural} are placed in the order ${inOrder.join(', ')}; lesson.yaml lists ${expected.join(', ')}` });
  }
}

/** The index entry of a compiled lesson. */
export function indexEntry(l: CompiledLesson): LessonIndexEntry {
  return { id: l.id, folder: l.folder, order: l.order, title: l.title, part: l.part, chapter: l.chapter, exercises: l.exercises, quizzes: l.quizzes };
}

/** Checks a link or image URL of the prose; returns the problem, if any. */
function checkReference(src: LessonSource, url: string): string | undefined {
  if (url === '' ) return 'empty link';
  if (url.startsWith('#')) return undefined;
  if (isExternalUrl(url)) {
    return /^(https?:|mailto:)/i.test(url) ? undefined : `unsafe link ${url}: only http, https and mailto links are allowed`;
  }
  const path = decodeURI(url.replace(/[?#].*$/, ''));
  if (path.startsWith('/')) return `link ${url}: use a path relative to the lesson folder`;
  let depth = 0;
  for (const seg of `${src.folder}/${path}`.split('/')) {
    if (seg === '..') depth--;
    else if (seg !== '' && seg !== '.') depth++;
    if (depth < 0) return `link ${url} leaves the lessons folder`;
  }
  const target = normalizePath(`/${src.folder}/${path}`).slice(1);
  if (target === '') return `link ${url} leaves the lessons folder`;
  return src.exists(target) ? undefined : `link ${url}: no such file (${target} under lessons/)`;
}

/** Checks across lessons: unique ids and orders, consistent part and chapter titles. */
export function checkCourse(lessons: readonly CompiledLesson[]): string[] {
  const problems: string[] = [];
  const ids = new Map<string, string>();
  const orders = new Map<number, string>();
  const places = new Map<string, { title: Localized; folder: string }>();
  for (const l of lessons) {
    const other = ids.get(l.id);
    if (other) problems.push(`lessons ${other} and ${l.folder} have the same id "${l.id}"`);
    ids.set(l.id, l.folder);
    const o = orders.get(l.order);
    if (o) problems.push(`lessons ${o} and ${l.folder} have the same number ${l.order}`);
    orders.set(l.order, l.folder);
    for (const [kind, p] of [['part', l.part], ['chapter', l.chapter]] as const) {
      const key = `${kind}:${p.id}`;
      const seen = places.get(key);
      if (seen && (seen.title.en !== p.title.en || seen.title.zh !== p.title.zh)) {
        problems.push(`${kind} "${p.id}" has different titles in ${seen.folder} and ${l.folder}`);
      } else if (!seen) places.set(key, { title: p.title, folder: l.folder });
    }
  }
  return problems;
}
