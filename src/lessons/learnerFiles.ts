/**
 * The learner's files, kept apart from a world's snapshot so they survive an engine update:
 * every regular text file under the home directory as a plain map (relative path -> text), and
 * the permission bits of those whose mode is not 0644 (scripts made executable).
 */
import { normalizePath, dirname } from '../engine/fs/path';
import type { FileSystem } from '../engine/fs/types';

import { LEARNER_HOME } from './paths';

export { LEARNER_HOME };
/** Files larger than this are not kept (a rebuild brings back the lesson's own big files). */
export const MAX_KEPT_FILE = 1024 * 1024;

export interface LearnerFiles {
  files: Record<string, string>;
  modes: Record<string, number>;
}

export interface CollectOptions {
  home?: string;
  maxBytes?: number;
  /** Relative paths left out. Default: .bash_history (the history is kept on its own). */
  exclude?: readonly string[];
}

/** Walks the home directory (symbolic links are not followed; binary files are skipped). */
export function collectLearnerFiles(fs: FileSystem, opts: CollectOptions = {}): LearnerFiles {
  const home = normalizePath(opts.home ?? LEARNER_HOME);
  const max = opts.maxBytes ?? MAX_KEPT_FILE;
  const exclude = new Set(opts.exclude ?? ['.bash_history']);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const out: LearnerFiles = { files: {}, modes: {} };
  const walk = (dir: string, rel: string, depth: number) => {
    if (depth > 64) return;
    let entries;
    try {
      entries = fs.readdir(dir);
    } catch {
      return;
    }
    for (const e of entries) {
      const path = `${dir === '/' ? '' : dir}/${e.name}`;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (exclude.has(r)) continue;
      try {
        const st = fs.lstat(path);
        if (st.type === 'dir') walk(path, r, depth + 1);
        else if (st.type === 'file' && st.size <= max) {
          out.files[r] = decoder.decode(fs.readFile(path));
          if (st.mode !== 0o644) out.modes[r] = st.mode;
        }
      } catch {
        // unreadable or not UTF-8 text: not kept
      }
    }
  };
  walk(home, '', 0);
  return out;
}

/**
 * Writes kept files back under the home directory (creating directories), e.g. after a rebuild.
 * Paths that would leave the home directory are refused. Returns the paths that could not be written.
 */
export function restoreLearnerFiles(fs: FileSystem, files: Readonly<Record<string, string>>, modes: Readonly<Record<string, number>> = {}, home: string = LEARNER_HOME): string[] {
  const root = normalizePath(home);
  const failed: string[] = [];
  for (const [rel, text] of Object.entries(files)) {
    const path = normalizePath(`${root}/${rel}`);
    if (rel.startsWith('/') || !path.startsWith(`${root}/`)) {
      failed.push(rel);
      continue;
    }
    try {
      fs.mkdir(dirname(path), { recursive: true });
      fs.writeFile(path, text);
      const mode = modes[rel];
      if (mode !== undefined) fs.chmod(path, mode & 0o7777);
    } catch {
      failed.push(rel);
    }
  }
  return failed;
}
