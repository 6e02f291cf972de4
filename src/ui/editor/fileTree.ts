/** The file tree as flat rows (an ARIA tree with aria-level), read from the file system. */
import type { FileSystem, FileType } from '../../engine/fs/types';

export const HOME = '/home/learner';

export interface TreeRow {
  readonly path: string;
  readonly name: string;
  /** 1 for the entries of the root folder. */
  readonly level: number;
  readonly type: FileType;
  readonly expanded: boolean;
  /** Position among its siblings (1-based) and their number, for aria-posinset/aria-setsize. */
  readonly pos: number;
  readonly setSize: number;
}

export interface TreeOptions {
  expanded: ReadonlySet<string>;
  showHidden: boolean;
  /** Stop after this many rows (a learner may `mkdir` thousands of files). */
  limit?: number;
}

/** Folders first, then files, each sorted by name as `ls` would (byte order). */
function order(a: { name: string; dir: boolean }, b: { name: string; dir: boolean }): number {
  if (a.dir !== b.dir) return a.dir ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function isDir(fs: FileSystem, path: string, type: FileType): boolean {
  if (type === 'dir') return true;
  if (type !== 'symlink') return false;
  try {
    return fs.stat(path).type === 'dir';
  } catch {
    return false;
  }
}

export function listTree(fs: FileSystem, root: string, opts: TreeOptions): TreeRow[] {
  const rows: TreeRow[] = [];
  const limit = opts.limit ?? 5000;
  const walk = (dir: string, level: number, seen: Set<string>) => {
    let entries;
    try {
      entries = fs.readdir(dir);
    } catch {
      return;
    }
    const items = entries
      .filter((e) => opts.showHidden || !e.name.startsWith('.'))
      .map((e) => {
        const path = dir === '/' ? `/${e.name}` : `${dir}/${e.name}`;
        return { name: e.name, path, dir: isDir(fs, path, e.type), type: e.type };
      })
      .sort(order);
    items.forEach((it, i) => {
      if (rows.length >= limit) return;
      const type: FileType = it.dir ? 'dir' : it.type;
      const expanded = it.dir && opts.expanded.has(it.path);
      rows.push({ path: it.path, name: it.name, level, type, expanded, pos: i + 1, setSize: items.length });
      if (expanded) {
        // A symlink loop (a -> .) must not recurse for ever.
        let real = it.path;
        try {
          real = fs.realpath(it.path);
        } catch {
          /* dangling: nothing to list */
        }
        if (!seen.has(real)) walk(it.path, level + 1, new Set([...seen, real]));
      }
    });
  };
  walk(root, 1, new Set([root]));
  return rows;
}

/** Whether a name typed for a new file or folder, or a rename, is one path segment. */
export function isValidName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\0');
}
