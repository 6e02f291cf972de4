/**
 * MemFs: the in-memory file system of the host, image layers and container roots.
 *
 * The tree is made of persistent (immutable) nodes. Every write copies the nodes along the path it
 * touches and swaps in a new root, so `fork()` is O(1): the fork and the original share every node
 * and never see each other's later writes. Reads never allocate nodes.
 *
 * Layers follow overlayfs: read-only lower layers (plain `LayerData`) merge into a base tree that
 * is built once per stack of layers and shared by every file system made from it; writes land in
 * the upper by path copying (which is copy-up), and `diff()` reads the upper back as a layer with
 * whiteouts and opaque directories by comparing the tree with its base, skipping shared subtrees.
 *
 * Views made by `withCredentials` share the state (tree, inode counter, change events, mounts) and
 * differ only in who they act as: Linux permission checks and the owner of new files.
 *
 * `mount` grafts another MemFs (a volume, or a host directory for a bind mount) at a directory; the
 * walk crosses into it, writes go to its tree, renames do not cross it (EXDEV).
 */
import { Emitter, type Event } from '../core/events';
import { SysError, type Errno } from '../core/errors';
import { fnv1a } from '../core/ids';
import { copyMap } from '../core/maps';
import type { DirEntry, FileSystem, FileType, FsChange, FsCredentials, Stat, TimeSource, WriteOptions } from './types';

// ---------------------------------------------------------------------------------------------
// Nodes

interface Meta {
  readonly ino: number;
  /** Permission and special bits (07777). */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtime: number;
}

interface FileNode extends Meta {
  readonly type: 'file';
  /** UTF-8 text is kept as a string, anything else as bytes. Never mutated. */
  readonly data: string | Uint8Array;
  readonly size: number;
}

interface DirNode extends Meta {
  readonly type: 'dir';
  /** Never mutated once the node is made. */
  readonly entries: ReadonlyMap<string, Node>;
  /** Number of child directories (nlink = 2 + subdirs). */
  readonly subdirs: number;
}

interface LinkNode extends Meta {
  readonly type: 'symlink';
  readonly target: string;
}

interface DevNode extends Meta {
  readonly type: 'chardev';
  readonly major: number;
  readonly minor: number;
}

type Node = FileNode | DirNode | LinkNode | DevNode;

// Node factories: one property order per kind keeps the shapes monomorphic (object spread does not).
function fileNode(m: Meta, data: string | Uint8Array, size = lengthOf(data)): FileNode {
  return { type: 'file', ino: m.ino, mode: m.mode, uid: m.uid, gid: m.gid, mtime: m.mtime, data, size };
}
function dirNode(m: Meta, entries: ReadonlyMap<string, Node>, subdirs: number): DirNode {
  return { type: 'dir', ino: m.ino, mode: m.mode, uid: m.uid, gid: m.gid, mtime: m.mtime, entries, subdirs };
}
function linkNode(m: Meta, target: string): LinkNode {
  return { type: 'symlink', ino: m.ino, mode: m.mode, uid: m.uid, gid: m.gid, mtime: m.mtime, target };
}
function devNode(m: Meta, major: number, minor: number): DevNode {
  return { type: 'chardev', ino: m.ino, mode: m.mode, uid: m.uid, gid: m.gid, mtime: m.mtime, major, minor };
}
/** A copy of `n` with some metadata changed. */
function withMeta(n: Node, change: Partial<Meta>): Node {
  const m: Meta = {
    ino: change.ino ?? n.ino,
    mode: change.mode ?? n.mode,
    uid: change.uid ?? n.uid,
    gid: change.gid ?? n.gid,
    mtime: change.mtime ?? n.mtime,
  };
  switch (n.type) {
    case 'file':
      return fileNode(m, n.data);
    case 'dir':
      return dirNode(m, n.entries, n.subdirs);
    case 'symlink':
      return linkNode(m, n.target);
    case 'chardev':
      return devNode(m, n.major, n.minor);
  }
}

const enc = new TextEncoder();
const utf8 = (s: string): Uint8Array => enc.encode(s);
const decodeUtf8 = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Returns the text if `b` is valid UTF-8, otherwise undefined. */
function strictUtf8(b: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b);
  } catch {
    return undefined;
  }
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function bytesOf(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? utf8(data) : data;
}

function metaOf(n: Meta): Meta {
  return { ino: n.ino, mode: n.mode, uid: n.uid, gid: n.gid, mtime: n.mtime };
}

function sizeOf(n: Node): number {
  switch (n.type) {
    case 'file':
      return n.size;
    case 'dir':
      return 4096;
    case 'symlink':
      return utf8Length(n.target);
    case 'chardev':
      return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Base64 (no Buffer in the engine)

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i] as const));

export function toBase64(b: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  if (i < b.length) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += i + 1 < b.length ? B64[(n >> 6) & 63]! + '=' : '==';
  }
  return out;
}

export function fromBase64(s: string): Uint8Array {
  const clean = s.replace(/[^A-Za-z0-9+/]/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const a = B64_INDEX.get(clean[i]!) ?? 0;
    const b = B64_INDEX.get(clean[i + 1] ?? 'A') ?? 0;
    const c = B64_INDEX.get(clean[i + 2] ?? 'A') ?? 0;
    const d = B64_INDEX.get(clean[i + 3] ?? 'A') ?? 0;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (i + 2 < clean.length && o < out.length) out[o++] = (n >> 8) & 255;
    if (i + 3 < clean.length && o < out.length) out[o++] = n & 255;
  }
  return out.subarray(0, o);
}

// ---------------------------------------------------------------------------------------------
// Layers and snapshots: plain JSON data

interface EntryMeta {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtime: number;
  /** Only in snapshots: the inode number to restore. */
  readonly ino?: number;
}

export type LayerEntry =
  | (EntryMeta & { readonly type: 'file'; readonly text: string })
  | (EntryMeta & { readonly type: 'file'; readonly base64: string })
  | (EntryMeta & { readonly type: 'dir'; /** Hides the lower layers' children (overlayfs opaque). */ readonly opaque?: boolean })
  | (EntryMeta & { readonly type: 'symlink'; readonly target: string })
  | (EntryMeta & { readonly type: 'chardev'; readonly major: number; readonly minor: number })
  /** Deletes the lower layers' entry at this path (overlayfs whiteout). */
  | { readonly type: 'whiteout' };

/** A file system layer as plain, serializable data: absolute path -> entry. */
export interface LayerData {
  /** Identifies the layer (a digest for image layers); snapshots reference lowers by it. */
  readonly id: string;
  readonly entries: Readonly<Record<string, LayerEntry>>;
}

/** A MemFs snapshot: plain JSON. Lower layers are referenced by id, never copied. */
export interface MemFsState {
  readonly format: 1;
  readonly lowers: readonly string[];
  /** Everything that differs from the lowers, with inode numbers. */
  readonly upper: LayerData;
  readonly nextIno: number;
}

/** One line of `docker diff`: A(dded), C(hanged) or D(eleted). */
export interface LayerChange {
  readonly kind: 'A' | 'C' | 'D';
  readonly path: string;
}

// ---------------------------------------------------------------------------------------------
// Shared state

/** Counts node allocations; shared by a file system and all its forks (tests prove sharing). */
export interface FsMetrics {
  nodesCreated: number;
}

interface Shared {
  root: DirNode;
  /** The tree's own files are read-only (`docker run --read-only`); mounts keep their own mode. */
  readOnlyRoot?: boolean;
  /** The merged lower layers the upper is compared with (an empty root when there are none). */
  readonly base: DirNode;
  readonly lowers: readonly LayerData[];
  nextIno: number;
  readonly clock: TimeSource;
  readonly emitter: Emitter<FsChange>;
  readonly metrics: FsMetrics;
  /** Mounted file systems by the physical path of their mount point in this tree. */
  readonly mounts: Map<string, Mount>;
}

interface Mount {
  /** The mount point, a physical path of the tree it is mounted in. */
  readonly at: string;
  readonly target: Shared;
  /** The directory of `target` mounted (names from its root; empty for the whole tree). */
  readonly subpath: readonly string[];
  readonly readOnly: boolean;
}

/**
 * A directory on the walk: where it lives (which tree, under which names, in which mount). Its
 * names are those of `up` plus `name`, or `base` where there is no `up` (a tree's root, or a
 * mount's root): linked rather than copied at every step, and made into an array only at the end.
 */
interface Frame {
  readonly node: DirNode;
  readonly s: Shared;
  readonly up: Frame | undefined;
  /** The name of this directory in `up` (and in the path as this file system sees it). */
  readonly name: string;
  /** The names of this directory when there is no `up`. */
  readonly base: readonly string[];
  readonly mount: Mount | undefined;
  /** Whether this directory is the root of `mount`. */
  readonly mountRoot: boolean;
}

const ROOT_CRED: FsCredentials = { uid: 0, gid: 0, groups: [0] };
const ROOT_INO = 2;
const MAX_SYMLINKS = 40;

const S_ISUID = 0o4000;
const S_ISGID = 0o2000;
const S_ISVTX = 0o1000;

const R = 4;
const W = 2;
const X = 1;

function fail(code: Errno, path: string, syscall?: string): never {
  throw new SysError(code, path, syscall);
}

/** What is left of a path list that a symlink's target interrupted. */
interface PendingComps {
  readonly comps: string[];
  readonly i: number;
}

/** Whether a non-empty component is left to walk after `comps[i]` (module-level: no closure per walk). */
function hasMoreComps(comps: readonly string[], i: number, pending: readonly PendingComps[] | undefined): boolean {
  for (let k = i; k < comps.length; k++) if (comps[k] !== '') return true;
  if (pending) for (const p of pending) for (let k = p.i; k < p.comps.length; k++) if (p.comps[k] !== '') return true;
  return false;
}

/** The names of a walk that only wanted the node (see MemFs.walk's `nodeOnly`). */
const NO_NAMES: readonly string[] = [];

/** The physical names of frame `f` in its tree, then `extra` if given. */
function namesOf(f: Frame, extra?: string): string[] {
  const rev: string[] = [];
  let x = f;
  while (x.up) {
    rev.push(x.name);
    x = x.up;
  }
  // Pushed into a literal rather than `x.base.slice()`: the literal's allocation site learns that
  // it holds strings, whereas a slice of an empty `base` starts as an array of small integers and
  // the optimised code deoptimises ("not a Smi") at the first name pushed.
  const out: string[] = [];
  for (let k = 0; k < x.base.length; k++) out.push(x.base[k]!);
  for (let k = rev.length - 1; k >= 0; k--) out.push(rev[k]!);
  if (extra !== undefined) out.push(extra);
  return out;
}

/** The path as this file system sees it: the names of the walk's frames (the root's excepted). */
function hostOf(frames: readonly Frame[], extra?: string): string[] {
  const out: string[] = [];
  for (let k = 1; k < frames.length; k++) out.push(frames[k]!.name);
  if (extra !== undefined) out.push(extra);
  return out;
}

interface Resolved {
  /** The tree the final component lives in (this file system's, or a mounted one's). */
  readonly s: Shared;
  /** Physical path of the final component in `s`, as names from its root. */
  readonly names: readonly string[];
  /** Physical path of the final component as this file system sees it. */
  readonly host: readonly string[];
  /** The directory that holds (or would hold) the final component. */
  readonly parent: DirNode;
  readonly node: Node | undefined;
  /** The mount the final component lives in (undefined: this file system's own tree). */
  readonly mount: Mount | undefined;
  /** Whether the final component is the root of a mount. */
  readonly mountRoot: boolean;
}

export interface MemFsOptions {
  /** Who the returned view acts as (root by default). */
  credentials?: FsCredentials;
}

export interface RestoreOptions {
  clock: TimeSource;
  /** The lower layers a snapshot names by id. */
  lowers?: readonly LayerData[] | ((id: string) => LayerData | undefined);
}

export class MemFs implements FileSystem {
  private readonly s: Shared;
  readonly credentials: FsCredentials;
  readonly onDidChange: Event<FsChange>;

  /** An empty file system (just `/`, root-owned 0755) seen by root. (`shared` is internal: views and forks.) */
  constructor(clock: TimeSource, opts: MemFsOptions = {}, shared?: Shared) {
    if (shared) this.s = shared;
    else {
      const metrics: FsMetrics = { nodesCreated: 1 };
      const root = dirNode({ ino: ROOT_INO, mode: 0o755, uid: 0, gid: 0, mtime: clock.now() }, new Map(), 0);
      this.s = { root, base: root, lowers: [], nextIno: ROOT_INO + 1, clock, emitter: new Emitter(), metrics, mounts: new Map() };
    }
    this.credentials = opts.credentials ?? ROOT_CRED;
    this.onDidChange = this.s.emitter.event;
  }

  // ----- views, forks, metrics -------------------------------------------------------------

  withCredentials(cred: FsCredentials): MemFs {
    return new MemFs(this.s.clock, { credentials: cred }, this.s);
  }

  /**
   * An independent copy in O(1): shares every node; later writes on either side stay apart.
   * Mounts are kept, and still reach the same mounted file systems (volumes are shared).
   */
  fork(): MemFs {
    const s = this.s;
    const shared: Shared = { ...s, emitter: new Emitter<FsChange>(), mounts: new Map(s.mounts) };
    return new MemFs(s.clock, { credentials: this.credentials }, shared);
  }

  /** Node allocation counters (shared with forks). */
  get metrics(): Readonly<FsMetrics> {
    return this.s.metrics;
  }

  /** The lower layers this file system was made from (empty for a plain one). */
  get lowers(): readonly LayerData[] {
    return this.s.lowers;
  }

  private get umask(): number {
    return this.credentials.umask ?? 0o022;
  }

  private get isRoot(): boolean {
    return this.credentials.uid === 0;
  }

  // ----- permission checks ------------------------------------------------------------------

  private can(n: Node, want: number): boolean {
    const c = this.credentials;
    if (c.uid === 0) {
      if (want & X && n.type !== 'dir') return (n.mode & 0o111) !== 0;
      return true;
    }
    let bits: number;
    if (c.uid === n.uid) bits = (n.mode >> 6) & 7;
    else if (c.gid === n.gid || c.groups.includes(n.gid)) bits = (n.mode >> 3) & 7;
    else bits = n.mode & 7;
    return (bits & want) === want;
  }

  private inGroup(gid: number): boolean {
    return this.credentials.gid === gid || this.credentials.groups.includes(gid);
  }

  /** Whether this view may remove or replace `child` in `dir` (write+search, and the sticky bit). */
  private checkRemove(dir: DirNode, child: Node, path: string, syscall: string): void {
    if (!this.can(dir, W | X)) fail('EACCES', path, syscall);
    const uid = this.credentials.uid;
    if (dir.mode & S_ISVTX && uid !== 0 && uid !== child.uid && uid !== dir.uid) fail('EPERM', path, syscall);
  }

  private isOwner(n: Node): boolean {
    return this.isRoot || this.credentials.uid === n.uid;
  }

  // ----- path resolution ----------------------------------------------------------------------

  /**
   * Walks `path` as the kernel's namei does: search permission on every directory, symlinks in the
   * middle always followed, the last one only with `follow` (or a trailing slash, unless
   * `noFollowSlash`: rmdir, unlink and rename never follow the last link), ELOOP after 40.
   */
  private resolve(path: string, follow: boolean, syscall: string, noFollowSlash = false): Resolved {
    const r = this.walk(path, follow, noFollowSlash);
    if (typeof r === 'string') fail(r, path, syscall);
    return r;
  }

  /** resolve() that returns the errno rather than throwing it (exists() of a path under a missing
   * directory is common, and a thrown error costs a stack trace). */
  private walk(path: string, follow: boolean, noFollowSlash: boolean, nodeOnly = false): Resolved | Errno {
    const top: Frame = { node: this.s.root, s: this.s, up: undefined, name: '', base: [], mount: undefined, mountRoot: false };
    const trailingSlash = path.length > 1 && path.endsWith('/') && !noFollowSlash;
    // Components still to walk: the current list from index i, then the rest of the lists that
    // symlink expansions interrupted (innermost last; made at the first symlink).
    let comps = path.split('/');
    let i = 0;
    let pending: PendingComps[] | undefined;
    // The directories walked into, as this file system sees the path (see hostOf).
    let frames: Frame[] = [top];
    let links = 0;
    const mounted = this.s.mounts.size > 0;
    for (;;) {
      if (i >= comps.length) {
        const p = pending?.pop();
        if (!p) break;
        comps = p.comps;
        i = p.i;
        continue;
      }
      const c = comps[i++]!;
      if (c === '') continue;
      const f = frames[frames.length - 1]!;
      if (!this.can(f.node, X)) return 'EACCES';
      if (c === '.') continue;
      if (c === '..') {
        if (frames.length > 1) frames.pop();
        continue;
      }
      const child = f.node.entries.get(c);
      const last = !hasMoreComps(comps, i, pending);
      if (!child) {
        if (last) return { s: f.s, names: nodeOnly ? NO_NAMES : namesOf(f, c), host: nodeOnly ? NO_NAMES : hostOf(frames, c), parent: f.node, node: undefined, mount: f.mount, mountRoot: false };
        return 'ENOENT';
      }
      if (child.type === 'symlink' && (!last || follow || trailingSlash)) {
        if (++links > MAX_SYMLINKS) return 'ELOOP';
        if (child.target === '') return 'ENOENT';
        if (child.target.startsWith('/')) frames = [top];
        (pending ??= []).push({ comps, i });
        comps = child.target.split('/');
        i = 0;
        continue;
      }
      if (child.type === 'dir') {
        const m = mounted ? this.s.mounts.get('/' + hostOf(frames, c).join('/')) : undefined;
        const next: Frame | Errno = m ? this.mountFrame(m, c) : { node: child, s: f.s, up: f, name: c, base: f.base, mount: f.mount, mountRoot: false };
        if (typeof next === 'string') return next;
        if (last) return { s: next.s, names: nodeOnly ? NO_NAMES : namesOf(next), host: nodeOnly ? NO_NAMES : hostOf(frames, c), parent: f.node, node: next.node, mount: next.mount, mountRoot: next.mountRoot };
        frames.push(next);
        continue;
      }
      if (last) {
        if (trailingSlash) return 'ENOTDIR';
        return { s: f.s, names: nodeOnly ? NO_NAMES : namesOf(f, c), host: nodeOnly ? NO_NAMES : hostOf(frames, c), parent: f.node, node: child, mount: f.mount, mountRoot: false };
      }
      return 'ENOTDIR';
    }
    // ended on a directory: "/", ".", "..", or a symlink to a directory
    const f = frames[frames.length - 1]!;
    const parent = frames[frames.length - 2]?.node ?? f.node;
    return { s: f.s, names: nodeOnly ? NO_NAMES : namesOf(f), host: nodeOnly ? NO_NAMES : hostOf(frames), parent, node: f.node, mount: f.mount, mountRoot: f.mountRoot };
  }

  /** The root directory of a mount, looked up by names in the mounted tree. */
  private mountFrame(m: Mount, at: string): Frame | Errno {
    let node: Node = m.target.root;
    for (const name of m.subpath) {
      const next: Node | undefined = node.type === 'dir' ? node.entries.get(name) : undefined;
      if (!next) return 'ENOENT';
      node = next;
    }
    if (node.type !== 'dir') return 'ENOTDIR';
    return { node, s: m.target, up: undefined, name: at, base: m.subpath, mount: m, mountRoot: true };
  }

  private lookup(path: string, follow: boolean, syscall: string): Node {
    // Only the node is wanted: the walk need not build the path's names.
    const r = this.walk(path, follow, false, true);
    if (typeof r === 'string') fail(r, path, syscall);
    if (!r.node) fail('ENOENT', path, syscall);
    return r.node;
  }

  // ----- path copying -------------------------------------------------------------------------

  private alloc<T extends Node>(n: T): T {
    this.s.metrics.nodesCreated++;
    return n;
  }

  /** A copy of `dir` with `name` set to `child` (or removed when undefined). */
  private withEntry(dir: DirNode, name: string, child: Node | undefined, mtime?: number): DirNode {
    const old = dir.entries.get(name);
    const entries = copyMap(dir.entries);
    if (child) entries.set(name, child);
    else entries.delete(name);
    const subdirs = dir.subdirs - (old?.type === 'dir' ? 1 : 0) + (child?.type === 'dir' ? 1 : 0);
    return this.alloc(dirNode(mtime === undefined ? dir : { ...metaOf(dir), mtime }, entries, subdirs));
  }

  /**
   * Sets (or removes) the entry `r` names; the parent's mtime becomes `now` when `touchParent`.
   * Every directory above is copied with its new child (path copying), from the bottom up.
   */
  private put(r: Resolved, node: Node | undefined, touchParent: boolean): void {
    const names = r.names;
    const depth = names.length - 1;
    // The directories from the root down to the parent of the entry.
    const dirs: DirNode[] = [r.s.root];
    for (let i = 0; i < depth; i++) {
      const child = dirs[i]!.entries.get(names[i]!);
      if (!child || child.type !== 'dir') throw new Error(`memfs: lost directory ${names[i]}`);
      dirs.push(child);
    }
    let updated = this.withEntry(dirs[depth]!, names[depth]!, node, touchParent ? this.s.clock.now() : undefined);
    for (let i = depth - 1; i >= 0; i--) updated = this.withEntry(dirs[i]!, names[i]!, updated);
    r.s.root = updated;
  }

  /** Replaces the node `r` names (a tree's root when its names are empty) with an updated copy. */
  private replace(r: Resolved, node: Node): void {
    if (r.names.length === 0) {
      if (node.type !== 'dir') throw new Error('memfs: root must be a directory');
      r.s.root = node;
      return;
    }
    this.put(r, node, false);
  }

  /** Tells this tree's listeners (with the path as seen here) and a mounted tree's (with its own). */
  private fire(kind: FsChange['kind'], r: Resolved, type: FileType): void {
    const here = '/' + r.host.join('/');
    if (this.s.emitter.hasListeners) this.s.emitter.fire({ kind, path: here, type });
    if (r.s !== this.s && r.s.emitter.hasListeners) r.s.emitter.fire({ kind, path: '/' + r.names.join('/'), type });
  }

  private writable(r: Resolved, path: string, syscall: string): void {
    if (r.mount ? r.mount.readOnly : r.s.readOnlyRoot === true) fail('EROFS', path, syscall);
  }

  /** Makes the tree's own files read-only or writable again (mounted trees keep their mode). */
  setReadOnlyRoot(readOnly: boolean): void {
    this.s.readOnlyRoot = readOnly;
  }

  // ----- reading ------------------------------------------------------------------------------

  private toStat(n: Node): Stat {
    const st = {
      type: n.type,
      mode: n.mode,
      uid: n.uid,
      gid: n.gid,
      size: sizeOf(n),
      mtime: n.mtime,
      ino: n.ino,
      nlink: n.type === 'dir' ? 2 + n.subdirs : 1,
    };
    return n.type === 'chardev' ? { ...st, rdev: { major: n.major, minor: n.minor } } : st;
  }

  stat(path: string): Stat {
    return this.toStat(this.lookup(path, true, 'stat'));
  }

  lstat(path: string): Stat {
    return this.toStat(this.lookup(path, false, 'lstat'));
  }

  exists(path: string): boolean {
    const r = this.walk(path, true, false, true);
    return typeof r !== 'string' && r.node !== undefined;
  }

  statIfExists(path: string): Stat | undefined {
    const r = this.walk(path, true, false, true);
    return typeof r === 'string' || r.node === undefined ? undefined : this.toStat(r.node);
  }

  /** Throws EACCES unless this view may `mode` (R=4, W=2, X=1; 0 only checks existence). */
  access(path: string, mode: number): void {
    const n = this.lookup(path, true, 'access');
    if (mode !== 0 && !this.can(n, mode)) fail('EACCES', path, 'access');
  }

  private readNode(path: string): FileNode | DevNode {
    const n = this.lookup(path, true, 'open');
    if (n.type === 'dir') fail('EISDIR', path, 'read');
    if (n.type === 'symlink') fail('ELOOP', path, 'open');
    if (!this.can(n, R)) fail('EACCES', path, 'open');
    return n;
  }

  readFile(path: string): Uint8Array {
    const n = this.readNode(path);
    if (n.type === 'chardev') return new Uint8Array(0);
    return typeof n.data === 'string' ? utf8(n.data) : n.data.slice();
  }

  readText(path: string): string {
    const n = this.readNode(path);
    if (n.type === 'chardev') return '';
    return typeof n.data === 'string' ? n.data : decodeUtf8(n.data);
  }

  readdir(path: string): DirEntry[] {
    const n = this.lookup(path, true, 'opendir');
    if (n.type !== 'dir') fail('ENOTDIR', path, 'opendir');
    if (!this.can(n, R)) fail('EACCES', path, 'opendir');
    const names = [...n.entries.keys()].sort(byName);
    return names.map((name) => ({ name, type: n.entries.get(name)!.type }));
  }

  readlink(path: string): string {
    const n = this.lookup(path, false, 'readlink');
    if (n.type !== 'symlink') fail('EINVAL', path, 'readlink');
    return n.target;
  }

  realpath(path: string): string {
    const r = this.resolve(path, true, 'realpath');
    if (!r.node) fail('ENOENT', path, 'realpath');
    return '/' + r.names.join('/');
  }

  // ----- writing ------------------------------------------------------------------------------

  private newMeta(r: Resolved, mode: number, opts: { uid?: number; gid?: number } = {}): Meta {
    const c = this.credentials;
    const parent = r.parent;
    let gid = parent.mode & S_ISGID ? parent.gid : c.gid;
    let uid = c.uid;
    if (this.isRoot) {
      if (opts.uid !== undefined) uid = opts.uid;
      if (opts.gid !== undefined) gid = opts.gid;
    }
    return { ino: r.s.nextIno++, mode, uid, gid, mtime: this.s.clock.now() };
  }

  writeFile(path: string, data: Uint8Array | string, opts: WriteOptions = {}): void {
    const r = this.resolve(path, true, 'open');
    const n = r.node;
    if (n && n.type === 'dir') fail('EISDIR', path, 'open');
    if (n && n.type === 'chardev') {
      if (!this.can(n, W)) fail('EACCES', path, 'open');
      return;
    }
    if (path.endsWith('/') && !n) fail('EISDIR', path, 'open');
    const now = this.s.clock.now();
    this.writable(r, path, 'open');
    if (n && n.type === 'file') {
      if (!this.can(n, W)) fail('EACCES', path, 'open');
      const content = opts.append ? concat(n.data, data) : own(data);
      // Appending adds the new part's size rather than measuring the whole file again.
      const size = opts.append ? n.size + lengthOf(data) : lengthOf(content);
      this.replace(r, this.alloc(fileNode({ ...metaOf(n), mtime: now }, content, size)));
      this.fire('modify', r, 'file');
      return;
    }
    if (!this.can(r.parent, W | X)) fail('EACCES', path, 'open');
    const content = own(data);
    const mode = (opts.mode ?? 0o666) & ~this.umask & 0o7777;
    const meta = this.newMeta(r, mode, opts);
    this.put(r, this.alloc(fileNode(meta, content)), true);
    this.fire('create', r, 'file');
  }

  mkdir(path: string, opts: { recursive?: boolean; mode?: number; uid?: number; gid?: number } = {}): void {
    const mode = (opts.mode ?? 0o777) & ~this.umask & 0o7777;
    if (opts.recursive) {
      const parts = path.split('/').filter((c) => c !== '');
      let prefix = '';
      for (const part of parts) {
        prefix += '/' + part;
        const last = part === parts[parts.length - 1];
        const r = this.resolve(prefix, false, 'mkdir', true);
        const node = r.node?.type === 'symlink' ? this.resolve(prefix, true, 'mkdir').node : r.node;
        // errors name the component that failed, as `mkdir -p` reports them
        if (r.node && !node) fail('EEXIST', prefix, 'mkdir'); // a dangling link
        if (node) {
          if (node.type !== 'dir') fail(last ? 'EEXIST' : 'ENOTDIR', prefix, 'mkdir');
          continue;
        }
        this.mkdirAt(r, prefix, mode, opts);
      }
      return;
    }
    const r = this.resolve(path, false, 'mkdir', true);
    if (r.node) fail('EEXIST', path, 'mkdir');
    this.mkdirAt(r, path, mode, opts);
  }

  private mkdirAt(r: Resolved, path: string, mode: number, opts: { uid?: number; gid?: number }): void {
    this.writable(r, path, 'mkdir');
    if (!this.can(r.parent, W | X)) fail('EACCES', path, 'mkdir');
    const meta = this.newMeta(r, mode | (r.parent.mode & S_ISGID), opts);
    this.put(r, this.alloc(dirNode(meta, new Map(), 0)), true);
    this.fire('create', r, 'dir');
  }

  symlink(target: string, path: string): void {
    const r = this.resolve(path, false, 'symlink', true);
    if (r.node) fail('EEXIST', path, 'symlink');
    if (target === '') fail('ENOENT', path, 'symlink');
    this.writable(r, path, 'symlink');
    if (!this.can(r.parent, W | X)) fail('EACCES', path, 'symlink');
    const meta = this.newMeta(r, 0o777);
    this.put(r, this.alloc(linkNode(meta, target)), true);
    this.fire('create', r, 'symlink');
  }

  /** Makes a character device (mknod); root only. */
  mknod(path: string, major: number, minor: number, mode = 0o666): void {
    if (!this.isRoot) fail('EPERM', path, 'mknod');
    const r = this.resolve(path, false, 'mknod');
    if (r.node) fail('EEXIST', path, 'mknod');
    this.writable(r, path, 'mknod');
    const meta = this.newMeta(r, mode & 0o7777);
    this.put(r, this.alloc(devNode(meta, major, minor)), true);
    this.fire('create', r, 'chardev');
  }

  unlink(path: string): void {
    const r = this.resolve(path, false, 'unlink', true);
    if (!r.node) fail('ENOENT', path, 'unlink');
    if (r.node.type === 'dir') fail('EISDIR', path, 'unlink');
    if (path.endsWith('/')) fail('ENOTDIR', path, 'unlink');
    this.writable(r, path, 'unlink');
    this.checkRemove(r.parent, r.node, path, 'unlink');
    this.put(r, undefined, true);
    this.fire('delete', r, r.node.type);
  }

  rmdir(path: string): void {
    const last = path.split('/').filter((c) => c !== '').pop();
    if (last === '.') fail('EINVAL', path, 'rmdir');
    const r = this.resolve(path, false, 'rmdir', true);
    if (!r.node) fail('ENOENT', path, 'rmdir');
    if (r.node.type !== 'dir') fail('ENOTDIR', path, 'rmdir');
    if (r.host.length === 0 || r.mountRoot) fail('EBUSY', path, 'rmdir');
    if (last === '..') fail('ENOTEMPTY', path, 'rmdir');
    if (r.node.entries.size > 0) fail('ENOTEMPTY', path, 'rmdir');
    this.writable(r, path, 'rmdir');
    this.checkRemove(r.parent, r.node, path, 'rmdir');
    this.put(r, undefined, true);
    this.fire('delete', r, 'dir');
  }

  rm(path: string, opts: { recursive?: boolean } = {}): void {
    const n = this.resolve(path, false, 'unlink', true).node;
    if (!n) fail('ENOENT', path, 'unlink');
    if (n.type !== 'dir') return this.unlink(path);
    if (!opts.recursive) fail('EISDIR', path, 'unlink');
    const base = path.endsWith('/') && path.length > 1 ? path.slice(0, -1) : path;
    for (const e of this.readdir(base)) this.rm(`${base === '/' ? '' : base}/${e.name}`, opts);
    this.rmdir(base);
  }

  rename(from: string, to: string): void {
    const a = this.resolve(from, false, 'rename', true);
    if (!a.node) fail('ENOENT', from, 'rename');
    const b = this.resolve(to, false, 'rename', true);
    const src = a.node;
    if (a.mount !== b.mount && !a.mountRoot && !b.mountRoot) fail('EXDEV', from, 'rename');
    if (a.host.length === 0 || b.host.length === 0 || a.mountRoot || b.mountRoot) fail('EBUSY', from, 'rename');
    this.writable(a, from, 'rename');
    const lastFrom = from.split('/').filter((c) => c !== '').pop();
    const lastTo = to.split('/').filter((c) => c !== '').pop();
    if (lastFrom === '.' || lastFrom === '..' || lastTo === '.' || lastTo === '..') fail('EBUSY', from, 'rename');
    if (b.node === src) return; // same inode: nothing to do
    if (b.names.length > a.names.length && a.names.every((n, i) => b.names[i] === n)) fail('EINVAL', from, 'rename');
    if (a.names.length > b.names.length && b.names.every((n, i) => a.names[i] === n)) fail('ENOTEMPTY', to, 'rename');
    if (b.node) {
      if (src.type === 'dir' && b.node.type !== 'dir') fail('ENOTDIR', to, 'rename');
      if (src.type !== 'dir' && b.node.type === 'dir') fail('EISDIR', to, 'rename');
      if (b.node.type === 'dir' && b.node.entries.size > 0) fail('ENOTEMPTY', to, 'rename');
    }
    this.checkRemove(a.parent, src, from, 'rename');
    if (b.node) this.checkRemove(b.parent, b.node, to, 'rename');
    else if (!this.can(b.parent, W | X)) fail('EACCES', to, 'rename');
    const sameParent = a.names.length === b.names.length && a.names.slice(0, -1).every((n, i) => b.names[i] === n);
    if (src.type === 'dir' && !sameParent && !this.can(src, W)) fail('EACCES', from, 'rename');
    this.put(a, undefined, true);
    this.put(b, src, true);
    this.fire('delete', a, src.type);
    this.fire('create', b, src.type);
  }

  chmod(path: string, mode: number): void {
    const r = this.resolve(path, true, 'chmod');
    if (!r.node) fail('ENOENT', path, 'chmod');
    if (!this.isOwner(r.node)) fail('EPERM', path, 'chmod');
    this.writable(r, path, 'chmod');
    let m = mode & 0o7777;
    if (!this.isRoot && r.node.type !== 'dir' && !this.inGroup(r.node.gid)) m &= ~S_ISGID;
    this.replace(r, this.alloc(withMeta(r.node, { mode: m })));
    this.fire('modify', r, r.node.type);
  }

  /** Changes owner and group; -1 leaves one unchanged. Follows symlinks. */
  chown(path: string, uid: number, gid: number): void {
    const r = this.resolve(path, true, 'chown');
    if (!r.node) fail('ENOENT', path, 'chown');
    const n = r.node;
    const newUid = uid === -1 ? n.uid : uid;
    const newGid = gid === -1 ? n.gid : gid;
    if (!this.isRoot) {
      if (this.credentials.uid !== n.uid || newUid !== n.uid || (newGid !== n.gid && !this.inGroup(newGid))) fail('EPERM', path, 'chown');
    }
    this.writable(r, path, 'chown');
    let mode = n.mode;
    if (n.type !== 'dir' && (newUid !== n.uid || newGid !== n.gid)) mode &= ~(S_ISUID | (mode & 0o010 ? S_ISGID : 0));
    this.replace(r, this.alloc(withMeta(n, { uid: newUid, gid: newGid, mode })));
    this.fire('modify', r, n.type);
  }

  /**
   * Sets the mtime. As utimensat(2): the owner (or root) may set any time; anyone with write
   * permission may set the current time (`touch`), which is recognised as `mtime === clock.now()`.
   */
  utimes(path: string, mtime: number): void {
    const r = this.resolve(path, true, 'utimensat');
    if (!r.node) fail('ENOENT', path, 'utimensat');
    if (!this.isOwner(r.node)) {
      if (mtime !== this.s.clock.now()) fail('EPERM', path, 'utimensat');
      if (!this.can(r.node, W)) fail('EACCES', path, 'utimensat');
    }
    this.writable(r, path, 'utimensat');
    this.replace(r, this.alloc(withMeta(r.node, { mtime })));
    this.fire('modify', r, r.node.type);
  }

  // ----- mounts -------------------------------------------------------------------------------

  /**
   * Mounts the directory `subpath` (default `/`) of `source` at `path`, creating `path` (root-owned
   * 0755) when missing, as Docker does for volumes and bind mounts. The mounted tree stays
   * `source`'s: writes through the mount change it and fire its events too. Mounts are not part of
   * `diff()` or `snapshot()`; whoever mounts re-mounts after a restore. Root only.
   */
  mount(path: string, source: MemFs, opts: { subpath?: string; readOnly?: boolean } = {}): void {
    if (!this.isRoot) fail('EPERM', path, 'mount');
    const sub = source.resolve(opts.subpath ?? '/', true, 'mount');
    if (!sub.node) fail('ENOENT', opts.subpath ?? '/', 'mount');
    if (sub.node.type !== 'dir') fail('ENOTDIR', opts.subpath ?? '/', 'mount');
    if (!this.exists(path)) this.mkdir(path, { recursive: true, mode: 0o755 });
    const at = this.resolve(path, true, 'mount');
    if (at.node?.type !== 'dir') fail('ENOTDIR', path, 'mount');
    const key = '/' + at.host.join('/');
    if (key === '/') fail('EBUSY', path, 'mount');
    this.s.mounts.set(key, { at: key, target: sub.s, subpath: sub.names, readOnly: opts.readOnly ?? false });
  }

  /** Removes the mount at `path` (EINVAL when nothing is mounted there). */
  unmount(path: string): void {
    if (!this.isRoot) fail('EPERM', path, 'umount');
    const r = this.resolve(path, true, 'umount');
    const key = '/' + r.host.join('/');
    if (!r.mountRoot || !this.s.mounts.delete(key)) fail('EINVAL', path, 'umount');
  }

  /** The mount points, sorted. */
  get mounts(): Array<{ readonly path: string; readonly readOnly: boolean }> {
    return [...this.s.mounts.values()].map((m) => ({ path: m.at, readOnly: m.readOnly })).sort((a, b) => byName(a.path, b.path));
  }

  // ----- layers -------------------------------------------------------------------------------

  /**
   * A file system whose lower layers are `lowers` (lowest first) and whose upper is empty. The
   * merged lower tree is built once per stack of layer objects and shared.
   */
  static fromLayers(lowers: readonly LayerData[], clock: TimeSource, opts: MemFsOptions = {}): MemFs {
    const metrics: FsMetrics = { nodesCreated: 0 };
    const built = buildLowers(lowers, metrics);
    const shared: Shared = {
      root: built.root,
      base: built.root,
      lowers: [...lowers],
      nextIno: built.nextIno,
      clock,
      emitter: new Emitter(),
      metrics,
      mounts: new Map(),
    };
    return new MemFs(clock, opts, shared);
  }

  /**
   * Applies a layer's entries to this tree as root would, without permission checks: whiteouts
   * delete, opaque directories drop what was there, other entries are set (new inode numbers).
   * With `at`, the layer's `/` is the directory `at` (created root-owned 0755 if missing), as when
   * a build context or `docker cp` lands somewhere. Fires one change event per entry.
   */
  applyLayer(layer: LayerData, opts: { at?: string } = {}): void {
    const changes: FsChange[] = [];
    const b = new TreeBuilder(this.s.root, () => this.s.nextIno++, this.s.metrics, false, this.s.clock.now());
    b.apply(layer, splitPath(opts.at ?? '/'), this.s.emitter.hasListeners ? changes : undefined);
    this.s.root = b.finish();
    for (const c of changes) this.s.emitter.fire(c);
  }

  /** The upper's changes as a layer (what `docker diff` shows and a build step records). */
  diff(id?: string): LayerData {
    const entries = diffTrees(this.s.root, this.s.base, false);
    return { id: id ?? layerDigest(entries), entries };
  }

  /** `docker diff`: every path added, changed or deleted relative to the lowers, sorted. */
  changes(): LayerChange[] {
    const out: LayerChange[] = [];
    const walk = (path: string, cur: DirNode, base: DirNode | undefined): void => {
      const names = new Set([...cur.entries.keys(), ...(base ? base.entries.keys() : [])]);
      for (const name of [...names].sort(byName)) {
        const c = cur.entries.get(name);
        const b = base?.entries.get(name);
        if (c === b) continue;
        const p = `${path}/${name}`;
        if (!c) {
          out.push({ kind: 'D', path: p });
          continue;
        }
        const same = b !== undefined && b.type === c.type && b.ino === c.ino;
        out.push({ kind: b ? 'C' : 'A', path: p });
        if (c.type === 'dir') walk(p, c, same && b.type === 'dir' ? b : undefined);
      }
    };
    if (this.s.root !== this.s.base) walk('', this.s.root, this.s.base);
    return out;
  }

  // ----- snapshots ----------------------------------------------------------------------------

  /** Plain JSON: what differs from the lowers (with inode numbers), the lowers by id. */
  snapshot(): MemFsState {
    const entries = diffTrees(this.s.root, this.s.base, true);
    return { format: 1, lowers: this.s.lowers.map((l) => l.id), upper: { id: 'upper', entries }, nextIno: this.s.nextIno };
  }

  static restore(state: MemFsState, opts: RestoreOptions): MemFs {
    const find = (id: string): LayerData => {
      const l = typeof opts.lowers === 'function' ? opts.lowers(id) : opts.lowers?.find((x) => x.id === id);
      if (!l) throw new Error(`memfs: restore needs lower layer ${id}`);
      return l;
    };
    const lowers = state.lowers.map(find);
    const fs = lowers.length > 0 ? MemFs.fromLayers(lowers, opts.clock) : new MemFs(opts.clock);
    const s = fs.s;
    const b = new TreeBuilder(s.root, () => s.nextIno++, s.metrics, true);
    b.apply(state.upper);
    s.root = b.finish();
    s.nextIno = Math.max(s.nextIno, state.nextIno);
    return fs;
  }
}

function splitPath(p: string): string[] {
  const out: string[] = [];
  for (const c of p.split('/')) if (c !== '') out.push(c);
  return out;
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function own(data: Uint8Array | string): string | Uint8Array {
  return typeof data === 'string' ? data : data.slice();
}

function lengthOf(data: string | Uint8Array): number {
  return typeof data === 'string' ? utf8Length(data) : data.length;
}

function concat(a: string | Uint8Array, b: string | Uint8Array): string | Uint8Array {
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  const x = bytesOf(a);
  const y = bytesOf(b);
  const out = new Uint8Array(x.length + y.length);
  out.set(x, 0);
  out.set(y, x.length);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Building trees from layers

/** A directory being built: its entries are a private mutable copy. */
interface DirDraft {
  meta: Meta;
  entries: Map<string, Node | DirDraft>;
  readonly draft: true;
}

function isDraft(x: Node | DirDraft): x is DirDraft {
  return 'draft' in x;
}

class TreeBuilder {
  private readonly root: DirDraft;

  constructor(
    root: DirNode,
    private readonly newIno: () => number,
    private readonly metrics: FsMetrics,
    /** Snapshots carry inode numbers; image layers do not. */
    private readonly keepIno: boolean,
    /** The mtime of directories made because a path needed them. */
    private readonly implicitMtime = 0,
  ) {
    this.root = this.draftOf(root);
  }

  private draftOf(d: DirNode): DirDraft {
    const { ino, mode, uid, gid, mtime } = d;
    return { meta: { ino, mode, uid, gid, mtime }, entries: new Map(d.entries), draft: true };
  }

  /** The type of what is at `names` now, without creating anything. */
  private peek(names: readonly string[]): FileType | undefined {
    let cur: Node | DirDraft = this.root;
    for (const name of names) {
      const entries: ReadonlyMap<string, Node | DirDraft> | undefined = isDraft(cur) ? cur.entries : cur.type === 'dir' ? cur.entries : undefined;
      const next: Node | DirDraft | undefined = entries?.get(name);
      if (!next) return undefined;
      cur = next;
    }
    return isDraft(cur) ? 'dir' : cur.type;
  }

  /** The draft directory at `names`, creating missing ones (root-owned 0755). */
  private dirAt(names: readonly string[]): DirDraft {
    let cur = this.root;
    for (const name of names) {
      const child = cur.entries.get(name);
      let next: DirDraft;
      if (child && isDraft(child)) next = child;
      else if (child && child.type === 'dir') next = this.draftOf(child);
      else next = { meta: { ino: this.newIno(), mode: 0o755, uid: 0, gid: 0, mtime: this.implicitMtime }, entries: new Map(), draft: true };
      if (next !== child) cur.entries.set(name, next);
      cur = next;
    }
    return cur;
  }

  apply(layer: LayerData, at: readonly string[] = [], changes?: FsChange[]): void {
    // A parent's path is a prefix of its children's, so plain sorting puts parents first.
    const paths = Object.keys(layer.entries).sort();
    for (const p of paths) {
      const e = layer.entries[p]!;
      const parts = at.length > 0 ? [...at, ...splitPath(p)] : splitPath(p);
      if (changes && parts.length > 0) {
        const old = this.peek(parts);
        const path = '/' + parts.join('/');
        if (e.type === 'whiteout') {
          if (old) changes.push({ kind: 'delete', path, type: old });
        } else changes.push({ kind: old ? 'modify' : 'create', path, type: e.type });
      }
      if (parts.length === 0) {
        if (e.type === 'dir') {
          if (e.opaque) this.root.entries.clear();
          this.root.meta = this.meta(e, this.root.meta.ino);
        }
        continue;
      }
      const parent = this.dirAt(parts.slice(0, -1));
      const name = parts[parts.length - 1]!;
      const old = parent.entries.get(name);
      if (e.type === 'whiteout') {
        parent.entries.delete(name);
        continue;
      }
      if (e.type === 'dir') {
        const existing = old && (isDraft(old) || old.type === 'dir') && !e.opaque ? this.dirAt(parts) : undefined;
        if (existing) existing.meta = this.meta(e, existing.meta.ino);
        else parent.entries.set(name, { meta: this.meta(e, undefined), entries: new Map(), draft: true });
        continue;
      }
      const meta = this.meta(e, undefined);
      this.metrics.nodesCreated++;
      switch (e.type) {
        case 'file': {
          const data = 'text' in e ? e.text : fromBase64(e.base64);
          parent.entries.set(name, fileNode(meta, data));
          break;
        }
        case 'symlink':
          parent.entries.set(name, linkNode(meta, e.target));
          break;
        case 'chardev':
          parent.entries.set(name, devNode(meta, e.major, e.minor));
          break;
      }
    }
  }

  /** Metadata for a new or updated node: the snapshot's inode, else `ino`, else a fresh one. */
  private meta(e: EntryMeta, ino: number | undefined): Meta {
    const n = this.keepIno && e.ino !== undefined ? e.ino : (ino ?? this.newIno());
    return { ino: n, mode: e.mode, uid: e.uid, gid: e.gid, mtime: e.mtime };
  }

  finish(): DirNode {
    const freeze = (d: DirDraft): DirNode => {
      let subdirs = 0;
      const entries = new Map<string, Node>();
      for (const [name, child] of d.entries) {
        const node = isDraft(child) ? freeze(child) : child;
        if (node.type === 'dir') subdirs++;
        entries.set(name, node);
      }
      this.metrics.nodesCreated++;
      return dirNode(d.meta, entries, subdirs);
    };
    return freeze(this.root);
  }
}

interface BuiltLowers {
  readonly root: DirNode;
  readonly nextIno: number;
  readonly next: WeakMap<LayerData, BuiltLowers>;
}

/**
 * Memo of merged lower trees keyed by the identity of the layer objects, stack by stack. A pure
 * cache of immutable derived data: it holds no instance state and is invisible to behaviour.
 */
const lowerCache = new WeakMap<LayerData, BuiltLowers>();

function buildLowers(lowers: readonly LayerData[], metrics: FsMetrics): BuiltLowers {
  let level: WeakMap<LayerData, BuiltLowers> = lowerCache;
  let built: BuiltLowers | undefined;
  let root = dirNode({ ino: ROOT_INO, mode: 0o755, uid: 0, gid: 0, mtime: 0 }, new Map(), 0);
  let nextIno = ROOT_INO + 1;
  for (const layer of lowers) {
    let b = level.get(layer);
    if (!b) {
      const b0 = new TreeBuilder(root, () => nextIno++, metrics, false);
      b0.apply(layer);
      b = { root: b0.finish(), nextIno, next: new WeakMap() };
      level.set(layer, b);
    }
    built = b;
    root = b.root;
    nextIno = b.nextIno;
    level = b.next;
  }
  return built ?? { root, nextIno, next: new WeakMap() };
}

// ---------------------------------------------------------------------------------------------
// Diffs

function entryOf(n: Node, withIno: boolean, opaque: boolean): LayerEntry {
  const meta: EntryMeta = withIno
    ? { mode: n.mode, uid: n.uid, gid: n.gid, mtime: n.mtime, ino: n.ino }
    : { mode: n.mode, uid: n.uid, gid: n.gid, mtime: n.mtime };
  switch (n.type) {
    case 'dir':
      return opaque ? { ...meta, type: 'dir', opaque: true } : { ...meta, type: 'dir' };
    case 'symlink':
      return { ...meta, type: 'symlink', target: n.target };
    case 'chardev':
      return { ...meta, type: 'chardev', major: n.major, minor: n.minor };
    case 'file': {
      if (typeof n.data === 'string') return { ...meta, type: 'file', text: n.data };
      const text = strictUtf8(n.data);
      return text !== undefined ? { ...meta, type: 'file', text } : { ...meta, type: 'file', base64: toBase64(n.data) };
    }
  }
}

/** Entries that turn `base` into `cur`: shared subtrees are skipped by identity. */
function diffTrees(cur: DirNode, base: DirNode, withIno: boolean): Record<string, LayerEntry> {
  const out: Record<string, LayerEntry> = {};
  if (cur === base) return out;
  out['/'] = entryOf(cur, withIno, false);
  const walk = (path: string, c: DirNode, b: DirNode | undefined): void => {
    const names = new Set([...c.entries.keys(), ...(b ? b.entries.keys() : [])]);
    for (const name of [...names].sort(byName)) {
      const cn = c.entries.get(name);
      const bn = b?.entries.get(name);
      if (cn === bn) continue;
      const p = `${path}/${name}`;
      if (!cn) {
        out[p] = { type: 'whiteout' };
        continue;
      }
      if (cn.type === 'dir') {
        const sameDir = bn?.type === 'dir' && bn.ino === cn.ino ? bn : undefined;
        out[p] = entryOf(cn, withIno, bn?.type === 'dir' && !sameDir);
        walk(p, cn, sameDir);
      } else out[p] = entryOf(cn, withIno, false);
    }
  };
  walk('', cur, base);
  return out;
}

/** A deterministic 64-hex-digit id for a layer's entries (not a real sha256). */
export function layerDigest(entries: Readonly<Record<string, LayerEntry>>): string {
  const text = JSON.stringify(Object.keys(entries).sort().map((k) => [k, entries[k]]));
  let out = '';
  for (let i = 0; out.length < 64; i++) out += fnv1a(text, fnv1a(String(i))).toString(16).padStart(8, '0');
  return `sha256:${out}`;
}

/** A layer holding the subtree at `root` of `fs` (paths made relative to it), e.g. a build context. */
export function layerFromFs(fs: MemFs, root = '/', id?: string): LayerData {
  const entries: Record<string, LayerEntry> = {};
  const prefix = root === '/' ? '' : root.replace(/\/+$/, '');
  const walk = (path: string, rel: string): void => {
    const st = fs.lstat(path);
    const meta = { mode: st.mode, uid: st.uid, gid: st.gid, mtime: st.mtime };
    const key = rel === '' ? '/' : rel;
    switch (st.type) {
      case 'dir':
        entries[key] = { ...meta, type: 'dir' };
        for (const e of fs.readdir(path)) walk(`${path === '/' ? '' : path}/${e.name}`, `${rel}/${e.name}`);
        break;
      case 'symlink':
        entries[key] = { ...meta, type: 'symlink', target: fs.readlink(path) };
        break;
      case 'chardev':
        entries[key] = { ...meta, type: 'chardev', major: st.rdev?.major ?? 1, minor: st.rdev?.minor ?? 3 };
        break;
      case 'file': {
        const bytes = fs.readFile(path);
        const text = strictUtf8(bytes);
        entries[key] = text !== undefined ? { ...meta, type: 'file', text } : { ...meta, type: 'file', base64: toBase64(bytes) };
        break;
      }
    }
  };
  walk(prefix === '' ? '/' : prefix, '');
  return { id: id ?? layerDigest(entries), entries };
}
