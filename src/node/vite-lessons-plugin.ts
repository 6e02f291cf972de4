/**
 * Compiles the lessons at build time and serves them as virtual modules:
 *
 * - `virtual:lessons`: `lessons` (the course index: ids, titles, places, exercise titles; also the
 *   default export) and `loadLesson(id)`, which dynamically imports one lesson's module, so only
 *   the current lesson's prose is loaded;
 * - `virtual:lessons/lesson/<id>`: the compiled lesson (sanitised HAST per language, setup, files,
 *   exercises), with its images imported as assets.
 *
 * In the dev server a change under lessons/ reloads the page; a lesson with errors is left out of
 * the index with a warning (the build fails instead).
 */
import { join, resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
// Types only: the lesson compiler is imported when first needed, so that loading vite.config.ts
// stays light.
import type { CompiledLesson, LessonIndexEntry } from '../lessons/lesson';

export const VIRTUAL_INDEX = 'virtual:lessons';
export const VIRTUAL_LESSON_PREFIX = 'virtual:lessons/lesson/';
export const VIRTUAL_START_PREFIX = 'virtual:lessons/start/';

export interface LessonsPluginOptions {
  /** The lessons folder (default: `lessons` under the Vite root). */
  root?: string;
}

interface Compiled {
  readonly folders: string[];
  readonly lessons: Map<string, { lesson: CompiledLesson; images: string[] }>;
  readonly index: LessonIndexEntry[];
  readonly problems: string[];
}

/** Reads and compiles every lesson under `root`. */
export async function compileLessonsFolder(root: string): Promise<Compiled> {
  const [{ compileLesson, indexEntry }, { formatIssue }, { lessonFolders, readLessonSource }] = await Promise.all([
    import('../lessons/lesson'),
    import('../lessons/schema'),
    import('./lessons-fs'),
  ]);
  const lessons = new Map<string, { lesson: CompiledLesson; images: string[] }>();
  const problems: string[] = [];
  const folders = lessonFolders(root);
  for (const folder of folders) {
    const r = compileLesson(readLessonSource(root, folder));
    if (!r.lesson) {
      problems.push(...r.issues.map(formatIssue));
      continue;
    }
    const images = [...new Set([...(r.prose.en?.images ?? []), ...(r.prose.zh?.images ?? [])].map((i) => i.url))].filter(
      (u) => !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(u),
    );
    lessons.set(r.lesson.id, { lesson: r.lesson, images });
  }
  const index = [...lessons.values()].map((l) => indexEntry(l.lesson)).sort((a, b) => a.order - b.order);
  return { folders, lessons, index, problems };
}

/** The code of `virtual:lessons`. */
export function indexModule(index: readonly LessonIndexEntry[]): string {
  const loaders = index
    .map((l) => `  ${JSON.stringify(l.id)}: () => import(${JSON.stringify(VIRTUAL_LESSON_PREFIX + l.id)}),`)
    .join('\n');
  const starts = index
    .map((l) => `  ${JSON.stringify(l.id)}: () => import(${JSON.stringify(VIRTUAL_START_PREFIX + l.id)}),`)
    .join('\n');
  return [
    `export const lessons = ${JSON.stringify(index)};`,
    `const loaders = {\n${loaders}\n};`,
    `const starts = {\n${starts}\n};`,
    `const own = (o, id) => Object.prototype.hasOwnProperty.call(o, id);`,
    `export function loadLesson(id) {`,
    `  return own(loaders, id) ? loaders[id]().then((m) => m.default) : Promise.resolve(undefined);`,
    `}`,
    `export function loadLessonStart(id) {`,
    `  return own(starts, id) ? starts[id]().then((m) => m.default) : Promise.resolve(undefined);`,
    `}`,
    `export default lessons;`,
    '',
  ].join('\n');
}

/** The code of one lesson's module; images are imported so the bundler emits them. */
export function lessonModule(lesson: CompiledLesson, images: readonly string[], lessonDir: string): string {
  const imports = images.map((u, i) => `import __asset${i} from ${JSON.stringify(join(lessonDir, decodeURI(u.replace(/[?#].*$/, ''))) + '?url')};`);
  const assets = images.map((u, i) => `${JSON.stringify(u)}: __asset${i}`).join(', ');
  return [...imports, `const lesson = ${JSON.stringify(lesson)};`, `export default { ...lesson, assets: { ${assets} } };`, ''].join('\n');
}

export function lessonsPlugin(options: LessonsPluginOptions = {}): Plugin {
  let config: ResolvedConfig | undefined;
  let cache: Promise<Compiled> | undefined;
  const rootDir = () => resolve(config?.root ?? process.cwd(), options.root ?? 'lessons');
  const compiled = (): Promise<Compiled> => (cache ??= compileLessonsFolder(rootDir()));

  return {
    name: 'dockyard-lessons',
    configResolved(c) {
      config = c;
    },
    resolveId(source) {
      if (source === VIRTUAL_INDEX || source.startsWith(VIRTUAL_LESSON_PREFIX) || source.startsWith(VIRTUAL_START_PREFIX)) return '\0' + source;
      return undefined;
    },
    async load(id) {
      if (!id.startsWith('\0' + VIRTUAL_INDEX)) return undefined;
      const c = await compiled();
      // No addWatchFile for the folders: the dev server would take them as imports of this module.
      // configureServer below watches lessons/ and reloads instead.
      if (c.problems.length > 0) {
        const text = `lessons with errors:\n${c.problems.join('\n')}`;
        if (config?.command === 'build') this.error(text);
        else this.warn(text);
      }
      const source = id.slice(1);
      if (source === VIRTUAL_INDEX) return indexModule(c.index);
      if (source.startsWith(VIRTUAL_START_PREFIX)) {
        // A lesson's start alone (files and setup commands): small, loaded before its prose.
        const l = c.lessons.get(source.slice(VIRTUAL_START_PREFIX.length))?.lesson;
        return `export default ${l ? JSON.stringify({ files: l.files, modes: l.modes, commands: l.setup.commands }) : 'undefined'};`;
      }
      const lessonId = source.slice(VIRTUAL_LESSON_PREFIX.length);
      const entry = c.lessons.get(lessonId);
      if (!entry) return `export default undefined;`;
      return lessonModule(entry.lesson, entry.images, join(rootDir(), entry.lesson.folder));
    },
    configureServer(server) {
      const root = rootDir();
      server.watcher.add(root);
      const onChange = (file: string) => {
        if (!resolve(file).startsWith(root)) return;
        cache = undefined;
        for (const id of [...server.moduleGraph.idToModuleMap.keys()]) {
          if (id.startsWith('\0' + VIRTUAL_INDEX)) {
            const mod = server.moduleGraph.getModuleById(id);
            if (mod) server.moduleGraph.invalidateModule(mod);
          }
        }
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('change', onChange);
      server.watcher.on('add', onChange);
      server.watcher.on('unlink', onChange);
    },
  };
}
