/**
 * The file system interface every program and the shell use. Paths are absolute POSIX paths
 * (callers resolve relative paths against their cwd with `resolvePath`). Methods throw SysError
 * (ENOENT, ENOTDIR, EEXIST, ...) in the manner of the syscalls they are named after.
 */
import type { Event } from '../core/events';

export type FileType = 'file' | 'dir' | 'symlink' | 'chardev';

export interface Stat {
  readonly type: FileType;
  /** Permission bits only, e.g. 0o755. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  /** Milliseconds since the epoch (simulated clock). */
  readonly mtime: number;
  readonly ino: number;
  readonly nlink: number;
  /** Device numbers of a character device (`ls -l` shows "1, 3" for /dev/null). */
  readonly rdev?: { readonly major: number; readonly minor: number };
}

export interface DirEntry {
  readonly name: string;
  readonly type: FileType;
}

export interface FsChange {
  readonly kind: 'create' | 'modify' | 'delete';
  readonly path: string;
  readonly type: FileType;
}

export interface WriteOptions {
  /** Mode for a newly created file (default 0o644). */
  mode?: number;
  uid?: number;
  gid?: number;
  append?: boolean;
}

export interface FileSystem {
  stat(path: string): Stat; // follows symlinks
  lstat(path: string): Stat;
  exists(path: string): boolean;
  /**
   * `stat(path)` when `exists(path)`, otherwise undefined; one walk, no thrown error (PATH search
   * asks this of every directory). Optional: callers fall back to exists() and stat().
   */
  statIfExists?(path: string): Stat | undefined;
  /** access(2): throws EACCES unless this view may `mode` (4 read, 2 write, 1 execute; 0 = exists). */
  access?(path: string, mode: number): void;
  readFile(path: string): Uint8Array;
  /** Reads the file as UTF-8 text. */
  readText(path: string): string;
  writeFile(path: string, data: Uint8Array | string, opts?: WriteOptions): void;
  readdir(path: string): DirEntry[]; // sorted by name, without . and ..
  mkdir(path: string, opts?: { recursive?: boolean; mode?: number; uid?: number; gid?: number }): void;
  rmdir(path: string): void;
  unlink(path: string): void;
  /** Removes a file or (with recursive) a whole tree. */
  rm(path: string, opts?: { recursive?: boolean }): void;
  rename(from: string, to: string): void;
  symlink(target: string, path: string): void;
  readlink(path: string): string;
  /** Canonical path with every symlink resolved. */
  realpath(path: string): string;
  chmod(path: string, mode: number): void;
  chown(path: string, uid: number, gid: number): void;
  utimes(path: string, mtime: number): void;
  /** Fires after each change; the editor's file tree and `tail -f` listen. */
  readonly onDidChange: Event<FsChange>;
  /** Who this view acts as: permission checks (EACCES) and the owner of new files follow it. */
  readonly credentials: FsCredentials;
  /** The same tree seen by another user (`sudo` gives root's view). */
  withCredentials(cred: FsCredentials): FileSystem;
}

export interface FsCredentials {
  readonly uid: number;
  readonly gid: number;
  readonly groups: readonly number[];
  /** File mode creation mask (default 0o022). */
  readonly umask?: number;
}

/** The clock source for mtimes. */
export interface TimeSource {
  now(): number;
}
