/**
 * A small in-memory FileSystem for the UI's development session and tests, until the engine's
 * MemFs is wired in. No permissions, no symlinks: enough for the file tree and the editor.
 */
import { Emitter } from '../../engine/core/events';
import { SysError } from '../../engine/core/errors';
import { basename, dirname, normalizePath } from '../../engine/fs/path';
import type { DirEntry, FileSystem, FileType, FsChange, FsCredentials, Stat, WriteOptions } from '../../engine/fs/types';

interface Node {
  type: FileType;
  data: Uint8Array<ArrayBuffer>;
  mode: number;
  mtime: number;
  ino: number;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

export class FakeFs implements FileSystem {
  private readonly nodes = new Map<string, Node>();
  private ino = 1;
  private readonly changes = new Emitter<FsChange>();
  readonly onDidChange = this.changes.event;
  readonly credentials: FsCredentials = { uid: 1000, gid: 1000, groups: [1000] };

  constructor(private readonly now: () => number = () => 0) {
    this.nodes.set('/', this.node('dir', 0o755));
  }

  private node(type: FileType, mode: number, data: Uint8Array<ArrayBuffer> = new Uint8Array()): Node {
    return { type, data, mode, mtime: this.now(), ino: this.ino++ };
  }

  private get(path: string, syscall: string): Node {
    const p = normalizePath(path);
    const n = this.nodes.get(p);
    if (!n) {
      const parent = this.nodes.get(dirname(p));
      throw new SysError(parent && parent.type !== 'dir' ? 'ENOTDIR' : 'ENOENT', path, syscall);
    }
    return n;
  }

  private parentDir(p: string, syscall: string): void {
    const parent = this.get(dirname(p), syscall);
    if (parent.type !== 'dir') throw new SysError('ENOTDIR', p, syscall);
  }

  stat(path: string): Stat {
    const n = this.get(path, 'stat');
    return { type: n.type, mode: n.mode, uid: 1000, gid: 1000, size: n.data.length, mtime: n.mtime, ino: n.ino, nlink: 1 };
  }
  lstat(path: string): Stat {
    return this.stat(path);
  }
  access(path: string): void {
    this.get(path, 'access');
  }
  exists(path: string): boolean {
    return this.nodes.has(normalizePath(path));
  }
  readFile(path: string): Uint8Array {
    const n = this.get(path, 'open');
    if (n.type === 'dir') throw new SysError('EISDIR', path, 'read');
    return n.data;
  }
  readText(path: string): string {
    return dec.decode(this.readFile(path));
  }
  writeFile(path: string, data: Uint8Array | string, opts?: WriteOptions): void {
    const p = normalizePath(path);
    this.parentDir(p, 'open');
    const bytes = typeof data === 'string' ? enc.encode(data) : new Uint8Array(data);
    const old = this.nodes.get(p);
    if (old?.type === 'dir') throw new SysError('EISDIR', path, 'open');
    if (old) {
      old.data = opts?.append ? concat(old.data, bytes) : bytes;
      old.mtime = this.now();
      this.changes.fire({ kind: 'modify', path: p, type: 'file' });
    } else {
      this.nodes.set(p, this.node('file', opts?.mode ?? 0o644, bytes));
      this.changes.fire({ kind: 'create', path: p, type: 'file' });
    }
  }
  readdir(path: string): DirEntry[] {
    const p = normalizePath(path);
    const n = this.get(p, 'scandir');
    if (n.type !== 'dir') throw new SysError('ENOTDIR', path, 'scandir');
    const out: DirEntry[] = [];
    for (const [k, v] of this.nodes) if (k !== '/' && dirname(k) === p) out.push({ name: basename(k), type: v.type });
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  mkdir(path: string, opts?: { recursive?: boolean; mode?: number }): void {
    const p = normalizePath(path);
    if (this.nodes.has(p)) {
      if (opts?.recursive && this.nodes.get(p)?.type === 'dir') return;
      throw new SysError('EEXIST', path, 'mkdir');
    }
    if (opts?.recursive && !this.nodes.has(dirname(p))) this.mkdir(dirname(p), opts);
    this.parentDir(p, 'mkdir');
    this.nodes.set(p, this.node('dir', opts?.mode ?? 0o755));
    this.changes.fire({ kind: 'create', path: p, type: 'dir' });
  }
  rmdir(path: string): void {
    const p = normalizePath(path);
    if (this.get(p, 'rmdir').type !== 'dir') throw new SysError('ENOTDIR', path, 'rmdir');
    if (this.readdir(p).length) throw new SysError('ENOTEMPTY', path, 'rmdir');
    this.nodes.delete(p);
    this.changes.fire({ kind: 'delete', path: p, type: 'dir' });
  }
  unlink(path: string): void {
    const p = normalizePath(path);
    if (this.get(p, 'unlink').type === 'dir') throw new SysError('EISDIR', path, 'unlink');
    this.nodes.delete(p);
    this.changes.fire({ kind: 'delete', path: p, type: 'file' });
  }
  rm(path: string, opts?: { recursive?: boolean }): void {
    const p = normalizePath(path);
    const n = this.get(p, 'rm');
    if (n.type !== 'dir') return this.unlink(p);
    if (!opts?.recursive) throw new SysError('EISDIR', path, 'rm');
    for (const e of this.readdir(p)) this.rm(`${p}/${e.name}`, opts);
    this.rmdir(p);
  }
  rename(from: string, to: string): void {
    const f = normalizePath(from);
    const t = normalizePath(to);
    const n = this.get(f, 'rename');
    this.parentDir(t, 'rename');
    if (t === f) return;
    if (t.startsWith(f + '/')) throw new SysError('EINVAL', to, 'rename');
    const moved = [...this.nodes].filter(([k]) => k === f || k.startsWith(f + '/'));
    for (const [k] of moved) this.nodes.delete(k);
    for (const [k, v] of moved) this.nodes.set(t + k.slice(f.length), v);
    this.changes.fire({ kind: 'delete', path: f, type: n.type });
    this.changes.fire({ kind: 'create', path: t, type: n.type });
  }
  symlink(_target: string, path: string): void {
    throw new SysError('EPERM', path, 'symlink');
  }
  readlink(path: string): string {
    throw new SysError('EINVAL', path, 'readlink');
  }
  realpath(path: string): string {
    this.get(path, 'realpath');
    return normalizePath(path);
  }
  chmod(path: string, mode: number): void {
    this.get(path, 'chmod').mode = mode;
  }
  chown(path: string): void {
    this.get(path, 'chown');
  }
  utimes(path: string, mtime: number): void {
    this.get(path, 'utimes').mtime = mtime;
  }
  withCredentials(): FileSystem {
    return this;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
