/**
 * Open files in the editor and how they follow the file system. The rule: never lose the
 * learner's text. An unmodified file follows changes made in the terminal; a modified one keeps
 * the editor's text and says that the file changed underneath it.
 */
import { basename } from '../../engine/fs/path';
import type { FileSystem } from '../../engine/fs/types';

export type FileNotice = 'conflict' | 'deleted' | 'binary' | null;

export interface OpenFile {
  readonly path: string;
  /** The text in the editor. */
  readonly text: string;
  /** The file's text on disk as last seen (read or written by the editor). */
  readonly saved: string;
  /** Whether the file exists on disk. */
  readonly exists: boolean;
  readonly notice: FileNotice;
  readonly readOnly: boolean;
}

export function isDirty(f: OpenFile): boolean {
  return !f.exists || f.text !== f.saved;
}

export type DiskState = { kind: 'text'; text: string } | { kind: 'binary' } | { kind: 'missing' } | { kind: 'dir' };

const decoder = new TextDecoder();

/** Reads what a path holds now, for the editor. */
export function readDisk(fs: FileSystem, path: string): DiskState {
  try {
    const st = fs.stat(path);
    if (st.type === 'dir') return { kind: 'dir' };
    const bytes = fs.readFile(path);
    if (bytes.subarray(0, 8000).includes(0)) return { kind: 'binary' };
    return { kind: 'text', text: decoder.decode(bytes) };
  } catch {
    return { kind: 'missing' };
  }
}

/** A freshly opened file. */
export function openFromDisk(path: string, disk: DiskState): OpenFile {
  switch (disk.kind) {
    case 'text':
      return { path, text: disk.text, saved: disk.text, exists: true, notice: null, readOnly: false };
    case 'binary':
      return { path, text: '', saved: '', exists: true, notice: 'binary', readOnly: true };
    default:
      return { path, text: '', saved: '', exists: false, notice: null, readOnly: false };
  }
}

/** The file after the disk changed (or may have). Returns the same object when nothing changed. */
export function reconcile(f: OpenFile, disk: DiskState): OpenFile {
  if (disk.kind === 'binary') {
    if (f.notice === 'binary' && f.exists) return f;
    // Keep the learner's text if there is any; otherwise show the file as binary.
    if (f.text !== f.saved && !f.readOnly) return { ...f, exists: true, notice: 'conflict' };
    return { ...f, exists: true, notice: 'binary', readOnly: true, text: '', saved: '' };
  }
  if (disk.kind === 'missing' || disk.kind === 'dir') {
    if (!f.exists) return f;
    return { ...f, exists: false, notice: 'deleted' };
  }
  if (f.exists && f.notice !== 'binary' && disk.text === f.saved) return f;
  const unmodified = f.text === f.saved || f.notice === 'binary';
  if (unmodified || f.text === disk.text) return { ...f, text: disk.text, saved: disk.text, exists: true, notice: null, readOnly: false };
  return { ...f, saved: disk.text, exists: true, notice: 'conflict', readOnly: false };
}

/** The file after the learner typed. */
export function edit(f: OpenFile, text: string): OpenFile {
  if (f.readOnly || text === f.text) return f;
  const notice = f.notice === 'conflict' && text === f.saved ? null : f.notice;
  return { ...f, text, notice };
}

/** The file after it was written to disk. */
export function markSaved(f: OpenFile): OpenFile {
  return { ...f, saved: f.text, exists: true, notice: null };
}

/** Whether a change at `changed` (a file or a whole directory) concerns `path`. */
export function affects(changed: string, path: string): boolean {
  return changed === path || path.startsWith(changed === '/' ? '/' : changed + '/');
}

export function displayName(path: string): string {
  return basename(path);
}
