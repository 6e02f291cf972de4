/**
 * The FileSystem contract: the same behaviour from a plain MemFs, a layered one (where the
 * starting files sit in read-only lower layers, so every change is a copy-up or a whiteout) and a
 * fork of a layered one. Expected errno codes were checked against Linux (Debian 12, ext4).
 */
import { describe, it, expect, beforeEach } from 'vitest';
import { Clock } from '../core/clock';
import { isSysError, type Errno } from '../core/errors';
import { MemFs, type LayerData, type LayerEntry } from './memfs';
import type { FileSystem, FsChange, FsCredentials } from './types';

/** A starting tree: '/path/' is a directory, `{ link }` a symlink, a string or bytes a file. */
type Given = Record<string, string | Uint8Array | { link: string } | { dir: true; mode?: number; uid?: number; gid?: number }>;

interface Fixture {
  readonly name: string;
  make(clock: Clock, given: Given): MemFs;
}

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

function givenLayer(given: Given, id: string): LayerData {
  const entries: Record<string, LayerEntry> = { '/': { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: T0 } };
  for (const [p, v] of Object.entries(given)) {
    const meta = { mode: 0o644, uid: 0, gid: 0, mtime: T0 };
    if (typeof v === 'string') entries[p] = { ...meta, type: 'file', text: v };
    else if (v instanceof Uint8Array) entries[p] = { ...meta, type: 'file', base64: btoa(String.fromCharCode(...v)) };
    else if ('link' in v) entries[p] = { ...meta, mode: 0o777, type: 'symlink', target: v.link };
    else entries[p.replace(/\/$/, '') || '/'] = { type: 'dir', mode: v.mode ?? 0o755, uid: v.uid ?? 0, gid: v.gid ?? 0, mtime: T0 };
  }
  return { id, entries };
}

const dir = (mode?: number, uid?: number, gid?: number) => ({ dir: true as const, mode, uid, gid });

const fixtures: Fixture[] = [
  {
    name: 'plain MemFs',
    make(clock, given) {
      const fs = new MemFs(clock);
      for (const p of Object.keys(given).sort()) {
        const v = given[p]!;
        if (typeof v === 'string' || v instanceof Uint8Array) fs.writeFile(p, v);
        else if ('link' in v) fs.symlink(v.link, p);
        else {
          fs.mkdir(p, { recursive: true });
          fs.chmod(p, v.mode ?? 0o755);
          fs.chown(p, v.uid ?? 0, v.gid ?? 0);
        }
      }
      return fs;
    },
  },
  {
    name: 'layered MemFs',
    make(clock, given) {
      const base = givenLayer({ '/etc/': dir(), '/etc/hostname': 'dockyard\n', '/t/': dir(0o777) }, 'base');
      return MemFs.fromLayers([base, givenLayer(given, 'given')], clock);
    },
  },
  {
    name: 'fork of a layered MemFs',
    make(clock, given) {
      const origin = MemFs.fromLayers([givenLayer(given, 'given')], clock);
      const fork = origin.fork();
      origin.writeFile('/noise', 'the original changes after the fork');
      return fork;
    },
  },
];

const LEARNER: FsCredentials = { uid: 1000, gid: 1000, groups: [1000] };
const OTHER: FsCredentials = { uid: 1001, gid: 1001, groups: [1001] };

function errno(fn: () => unknown): Errno | 'OK' {
  try {
    fn();
    return 'OK';
  } catch (e) {
    if (isSysError(e)) return e.code;
    throw e;
  }
}

for (const fx of fixtures) {
  describe(`FileSystem contract: ${fx.name}`, () => {
    let clock: Clock;
    let fs: MemFs;
    const setup = (given: Given): MemFs => (fs = fx.make(clock, given));
    beforeEach(() => {
      clock = new Clock({ now: T0 });
    });

    describe('files', () => {
      it('round-trips UTF-8 text exactly and sizes it in bytes', () => {
        setup({ '/d/': dir() });
        const text = 'héllo wörld 你好 🐳\n\ttabs\r\nand NUL \0 end';
        fs.writeFile('/d/t.txt', text);
        expect(fs.readText('/d/t.txt')).toBe(text);
        expect(fs.stat('/d/t.txt').size).toBe(new TextEncoder().encode(text).length);
        expect(fs.readFile('/d/t.txt')).toEqual(new TextEncoder().encode(text));
      });

      it('round-trips every byte value exactly', () => {
        setup({ '/d/': dir() });
        const bytes = new Uint8Array(512).map((_, i) => (i * 7 + 3) & 255);
        fs.writeFile('/d/bin', bytes);
        expect(fs.readFile('/d/bin')).toEqual(bytes);
        expect(fs.stat('/d/bin').size).toBe(512);
      });

      it('keeps stored bytes apart from the caller’s buffers', () => {
        setup({ '/d/': dir() });
        const bytes = new Uint8Array([1, 2, 3]);
        fs.writeFile('/d/b', bytes);
        bytes[0] = 99;
        const read = fs.readFile('/d/b');
        read[1] = 99;
        expect(fs.readFile('/d/b')).toEqual(new Uint8Array([1, 2, 3]));
      });

      it('reads binary starting files from the lowers', () => {
        setup({ '/d/': dir(), '/d/bin': new Uint8Array([0xff, 0x00, 0xfe]) });
        expect(fs.readFile('/d/bin')).toEqual(new Uint8Array([0xff, 0x00, 0xfe]));
      });

      it('appends text to text and bytes to text', () => {
        setup({ '/d/': dir(), '/d/log': 'a\n' });
        fs.writeFile('/d/log', 'b\n', { append: true });
        expect(fs.readText('/d/log')).toBe('a\nb\n');
        fs.writeFile('/d/log', new Uint8Array([0x63, 0x0a]), { append: true });
        expect(fs.readText('/d/log')).toBe('a\nb\nc\n');
        fs.writeFile('/d/new', 'x', { append: true });
        expect(fs.readText('/d/new')).toBe('x');
      });

      it('overwriting keeps the inode, mode and owner and updates mtime', () => {
        setup({ '/d/': dir(), '/d/f': 'old' });
        fs.chmod('/d/f', 0o600);
        const before = fs.stat('/d/f');
        clock.advanceBy(5000);
        fs.writeFile('/d/f', 'new contents', { mode: 0o777 });
        const after = fs.stat('/d/f');
        expect(after.ino).toBe(before.ino);
        expect(after.mode).toBe(0o600);
        expect(after.mtime).toBe(T0 + 5000);
        expect(after.size).toBe(12);
        expect(fs.readText('/d/f')).toBe('new contents');
      });

      it('creates files 0666 & ~umask, or the given mode & ~umask, owned by the caller', () => {
        setup({ '/d/': dir(0o777) });
        fs.writeFile('/d/a', '');
        fs.writeFile('/d/b', '', { mode: 0o777 });
        expect(fs.stat('/d/a')).toMatchObject({ type: 'file', mode: 0o644, uid: 0, gid: 0, nlink: 1, size: 0, mtime: T0 });
        expect(fs.stat('/d/b').mode).toBe(0o755);
        const l = fs.withCredentials(LEARNER);
        l.writeFile('/d/c', 'x');
        expect(fs.stat('/d/c')).toMatchObject({ uid: 1000, gid: 1000, mode: 0o644 });
        fs.withCredentials({ ...LEARNER, umask: 0o077 }).writeFile('/d/e', 'x');
        expect(fs.stat('/d/e').mode).toBe(0o600);
      });

      it('root may set the owner of a new file', () => {
        setup({ '/d/': dir() });
        fs.writeFile('/d/f', 'x', { uid: 1000, gid: 1000, mode: 0o600 });
        expect(fs.stat('/d/f')).toMatchObject({ uid: 1000, gid: 1000, mode: 0o600 });
      });

      it('gives new inode numbers to new files', () => {
        setup({ '/d/': dir(), '/d/old': 'x' });
        fs.writeFile('/d/a', '');
        fs.writeFile('/d/b', '');
        const inos = ['/d/old', '/d/a', '/d/b', '/d'].map((p) => fs.stat(p).ino);
        expect(new Set(inos).size).toBe(4);
      });

      it('fails the way open(2) does', () => {
        setup({ '/d/': dir(), '/d/f': 'x' });
        expect(errno(() => fs.writeFile('/d', 'x'))).toBe('EISDIR');
        expect(errno(() => fs.writeFile('/nope/f', 'x'))).toBe('ENOENT');
        expect(errno(() => fs.writeFile('/d/f/g', 'x'))).toBe('ENOTDIR');
        expect(errno(() => fs.writeFile('/d/new/', 'x'))).toBe('EISDIR');
        expect(errno(() => fs.readFile('/d'))).toBe('EISDIR');
        expect(errno(() => fs.readText('/d/none'))).toBe('ENOENT');
        expect(errno(() => fs.readFile('/d/f/'))).toBe('ENOTDIR');
        expect(errno(() => fs.stat('/d/f/x'))).toBe('ENOTDIR');
      });

      it('reports the path and syscall in the error', () => {
        setup({ '/d/': dir() });
        try {
          fs.readFile('/d/missing');
          expect.unreachable();
        } catch (e) {
          expect(isSysError(e, 'ENOENT')).toBe(true);
          if (isSysError(e)) {
            expect(e.path).toBe('/d/missing');
            expect(e.strerror).toBe('No such file or directory');
          }
        }
      });
    });

    describe('directories', () => {
      it('readdir is sorted by byte order, without . and .., with types', () => {
        setup({ '/d/': dir(), '/d/b': '', '/d/B': '', '/d/a/': dir(), '/d/_x': '', '/d/l': { link: 'b' } });
        fs.writeFile('/d/c', '');
        expect(fs.readdir('/d')).toEqual([
          { name: 'B', type: 'file' },
          { name: '_x', type: 'file' },
          { name: 'a', type: 'dir' },
          { name: 'b', type: 'file' },
          { name: 'c', type: 'file' },
          { name: 'l', type: 'symlink' },
        ]);
        expect(errno(() => fs.readdir('/d/b'))).toBe('ENOTDIR');
        expect(errno(() => fs.readdir('/none'))).toBe('ENOENT');
      });

      it('counts links: 2 + subdirectories', () => {
        setup({ '/d/': dir(), '/d/a/': dir(), '/d/f': '' });
        expect(fs.stat('/d').nlink).toBe(3);
        fs.mkdir('/d/b');
        expect(fs.stat('/d').nlink).toBe(4);
        fs.rmdir('/d/a');
        expect(fs.stat('/d').nlink).toBe(3);
        expect(fs.stat('/d/b').nlink).toBe(2);
        expect(fs.stat('/d').size).toBe(4096);
      });

      it('mkdir: mode & ~umask, EEXIST, ENOENT, recursive', () => {
        setup({ '/d/': dir(), '/d/f': '', '/d/l': { link: 'nowhere' } });
        fs.mkdir('/d/a');
        expect(fs.stat('/d/a')).toMatchObject({ type: 'dir', mode: 0o755 });
        fs.mkdir('/d/m', { mode: 0o700 });
        expect(fs.stat('/d/m').mode).toBe(0o700);
        expect(errno(() => fs.mkdir('/d/a'))).toBe('EEXIST');
        expect(errno(() => fs.mkdir('/d/a/'))).toBe('EEXIST');
        expect(errno(() => fs.mkdir('/d/f'))).toBe('EEXIST');
        expect(errno(() => fs.mkdir('/d/l'))).toBe('EEXIST');
        expect(errno(() => fs.mkdir('/d/l/'))).toBe('EEXIST');
        expect(errno(() => fs.mkdir('/d/x/y'))).toBe('ENOENT');
        fs.mkdir('/d/x/y/z', { recursive: true });
        expect(fs.stat('/d/x/y/z').type).toBe('dir');
        fs.mkdir('/d/x/y/z', { recursive: true });
        expect(errno(() => fs.mkdir('/d/f', { recursive: true }))).toBe('EEXIST');
        expect(errno(() => fs.mkdir('/d/f/g', { recursive: true }))).toBe('ENOTDIR');
        expect(errno(() => fs.mkdir('/d/l', { recursive: true }))).toBe('EEXIST');
        expect(errno(() => fs.mkdir('/d/l/x', { recursive: true }))).toBe('EEXIST');
        fs.symlink('x', '/d/lx');
        fs.mkdir('/d/lx/through/link', { recursive: true });
        expect(fs.stat('/d/x/through/link').type).toBe('dir');
        try {
          fs.mkdir('/d/f/g/h', { recursive: true });
        } catch (e) {
          // `mkdir -p` names the component that failed
          expect(isSysError(e) && e.path).toBe('/d/f');
        }
      });

      it('rmdir: ENOTEMPTY, ENOTDIR, EINVAL for ".", never follows a symlink', () => {
        setup({ '/d/': dir(), '/d/full/': dir(), '/d/full/f': '', '/d/empty/': dir(), '/d/f': '', '/d/le': { link: 'empty' } });
        expect(errno(() => fs.rmdir('/d/full'))).toBe('ENOTEMPTY');
        expect(errno(() => fs.rmdir('/d/f'))).toBe('ENOTDIR');
        expect(errno(() => fs.rmdir('/d/none'))).toBe('ENOENT');
        expect(errno(() => fs.rmdir('/d/le'))).toBe('ENOTDIR');
        expect(errno(() => fs.rmdir('/d/le/'))).toBe('ENOTDIR');
        expect(errno(() => fs.rmdir('/d/empty/.'))).toBe('EINVAL');
        expect(errno(() => fs.rmdir('/d/full/..'))).toBe('ENOTEMPTY');
        expect(errno(() => fs.rmdir('/'))).toBe('EBUSY');
        fs.rmdir('/d/empty');
        expect(fs.exists('/d/empty')).toBe(false);
        expect(fs.lstat('/d/le').type).toBe('symlink');
      });

      it('unlink: EISDIR on a directory; removes a link, not its target', () => {
        setup({ '/d/': dir(), '/d/f': 'x', '/d/l': { link: 'f' }, '/d/sub/': dir() });
        expect(errno(() => fs.unlink('/d/sub'))).toBe('EISDIR');
        expect(errno(() => fs.unlink('/d/none'))).toBe('ENOENT');
        fs.unlink('/d/l');
        expect(fs.readText('/d/f')).toBe('x');
        expect(fs.exists('/d/l')).toBe(false);
        fs.unlink('/d/f');
        expect(fs.readdir('/d')).toEqual([{ name: 'sub', type: 'dir' }]);
      });

      it('rm removes files, and whole trees only when recursive', () => {
        setup({ '/d/': dir(), '/d/a/': dir(), '/d/a/b/': dir(), '/d/a/b/f': '', '/d/a/g': '', '/d/l': { link: 'a' } });
        expect(errno(() => fs.rm('/d/a'))).toBe('EISDIR');
        fs.rm('/d/l', { recursive: true });
        expect(fs.exists('/d/a/g')).toBe(true);
        fs.rm('/d/a', { recursive: true });
        expect(fs.readdir('/d')).toEqual([]);
        expect(errno(() => fs.rm('/d/a'))).toBe('ENOENT');
      });

      it('updates a directory’s mtime when entries are added or removed', () => {
        setup({ '/d/': dir(), '/d/f': '' });
        clock.advanceBy(1000);
        fs.writeFile('/d/g', '');
        expect(fs.stat('/d').mtime).toBe(T0 + 1000);
        clock.advanceBy(1000);
        fs.writeFile('/d/g', 'changed');
        expect(fs.stat('/d').mtime).toBe(T0 + 1000);
        fs.unlink('/d/f');
        expect(fs.stat('/d').mtime).toBe(T0 + 2000);
      });
    });

    describe('symlinks', () => {
      it('stat follows, lstat does not; relative and absolute targets', () => {
        setup({ '/d/': dir(), '/d/f': 'hello', '/d/rel': { link: 'f' }, '/d/abs': { link: '/d/f' }, '/d/up': { link: '../d/f' } });
        for (const l of ['/d/rel', '/d/abs', '/d/up']) {
          expect(fs.stat(l).type).toBe('file');
          expect(fs.readText(l)).toBe('hello');
          expect(fs.lstat(l)).toMatchObject({ type: 'symlink', mode: 0o777 });
        }
        expect(fs.lstat('/d/rel').size).toBe(1);
        expect(fs.lstat('/d/abs').size).toBe(4);
        expect(fs.readlink('/d/up')).toBe('../d/f');
        expect(errno(() => fs.readlink('/d/f'))).toBe('EINVAL');
      });

      it('dangling links: lstat works, stat fails, exists is false; writing creates the target', () => {
        setup({ '/d/': dir(), '/d/dang': { link: 'target' }, '/d/deep': { link: 'no/dir/t' } });
        expect(fs.lstat('/d/dang').type).toBe('symlink');
        expect(errno(() => fs.stat('/d/dang'))).toBe('ENOENT');
        expect(fs.exists('/d/dang')).toBe(false);
        fs.writeFile('/d/dang', 'made');
        expect(fs.readText('/d/target')).toBe('made');
        expect(fs.lstat('/d/dang').type).toBe('symlink');
        expect(errno(() => fs.writeFile('/d/deep', 'x'))).toBe('ENOENT');
        expect(errno(() => fs.symlink('x', '/d/dang'))).toBe('EEXIST');
        expect(errno(() => fs.symlink('', '/d/empty'))).toBe('ENOENT');
      });

      it('follows links in the middle of a path, to directories, with physical ".."', () => {
        setup({ '/a/': dir(), '/a/b/': dir(), '/a/b/f': 'in b', '/a/top': 'top', '/lb': { link: 'a/b' } });
        expect(fs.readText('/lb/f')).toBe('in b');
        expect(fs.readText('/lb/../top')).toBe('top');
        expect(fs.realpath('/lb/..')).toBe('/a');
        expect(fs.realpath('/lb/f')).toBe('/a/b/f');
        expect(fs.realpath('/')).toBe('/');
        expect(fs.realpath('/a/./b/../b')).toBe('/a/b');
        expect(fs.readdir('/lb')).toEqual([{ name: 'f', type: 'file' }]);
        expect(fs.stat('/lb/').type).toBe('dir');
        expect(errno(() => fs.realpath('/lb/none'))).toBe('ENOENT');
      });

      it('ELOOP after 40 links, like Linux', () => {
        const given: Given = { '/d/': dir(), '/d/t': 'end', '/d/self': { link: 'self' } };
        let prev = 't';
        for (let i = 0; i < 41; i++) {
          given[`/d/l${i}`] = { link: prev };
          prev = `l${i}`;
        }
        setup(given);
        expect(fs.readText('/d/l39')).toBe('end'); // 40 links
        expect(errno(() => fs.readText('/d/l40'))).toBe('ELOOP'); // 41
        expect(errno(() => fs.stat('/d/self'))).toBe('ELOOP');
        expect(errno(() => fs.realpath('/d/self'))).toBe('ELOOP');
        expect(fs.lstat('/d/self').type).toBe('symlink');
      });

      it('chmod, chown and utimes follow links', () => {
        setup({ '/d/': dir(), '/d/f': '', '/d/l': { link: 'f' } });
        fs.chmod('/d/l', 0o600);
        fs.chown('/d/l', 1000, 1000);
        fs.utimes('/d/l', 42);
        expect(fs.stat('/d/f')).toMatchObject({ mode: 0o600, uid: 1000, gid: 1000, mtime: 42 });
        expect(fs.lstat('/d/l')).toMatchObject({ mode: 0o777, uid: 0 });
        fs.chown('/d/f', -1, 5);
        expect(fs.stat('/d/f')).toMatchObject({ uid: 1000, gid: 5 });
        expect(errno(() => fs.chmod('/d/none', 0o600))).toBe('ENOENT');
      });
    });

    describe('rename', () => {
      it('moves files and keeps their inode; replaces an existing file', () => {
        setup({ '/d/': dir(), '/d/a': 'A', '/d/b': 'B', '/e/': dir() });
        const ino = fs.stat('/d/a').ino;
        fs.rename('/d/a', '/d/b');
        expect(fs.readText('/d/b')).toBe('A');
        expect(fs.stat('/d/b').ino).toBe(ino);
        expect(fs.exists('/d/a')).toBe(false);
        fs.rename('/d/b', '/e/c');
        expect(fs.readdir('/d')).toEqual([]);
        expect(fs.readText('/e/c')).toBe('A');
      });

      it('moves whole directories, and onto an empty directory', () => {
        setup({ '/d/': dir(), '/d/x/': dir(), '/d/x/f': 'f', '/d/empty/': dir() });
        fs.rename('/d/x', '/d/empty');
        expect(fs.readText('/d/empty/f')).toBe('f');
        expect(fs.exists('/d/x')).toBe(false);
      });

      it('fails as rename(2) does', () => {
        setup({ '/d/': dir(), '/d/sub/': dir(), '/d/sub/x': '', '/d/f': '', '/e/': dir() });
        expect(errno(() => fs.rename('/d', '/d/sub/z'))).toBe('EINVAL');
        expect(errno(() => fs.rename('/e', '/d'))).toBe('ENOTEMPTY');
        expect(errno(() => fs.rename('/d/f', '/e'))).toBe('EISDIR');
        expect(errno(() => fs.rename('/e', '/d/f'))).toBe('ENOTDIR');
        expect(errno(() => fs.rename('/d/sub', '/d'))).toBe('ENOTEMPTY');
        expect(errno(() => fs.rename('/d/sub/x', '/d'))).toBe('ENOTEMPTY');
        expect(errno(() => fs.rename('/d/f', '/d/f/b'))).toBe('ENOTDIR');
        expect(errno(() => fs.rename('/d/none', '/d/z'))).toBe('ENOENT');
        expect(errno(() => fs.rename('/d/f', '/none/z'))).toBe('ENOENT');
        expect(errno(() => fs.rename('/d/sub/..', '/zz'))).toBe('EBUSY');
        expect(errno(() => fs.rename('/d', '/d'))).toBe('OK');
        expect(fs.readdir('/d').map((e) => e.name)).toEqual(['f', 'sub']);
      });

      it('renames a symlink itself, not its target', () => {
        setup({ '/d/': dir(), '/d/f': 'x', '/d/l': { link: '/d/f' } });
        fs.rename('/d/l', '/d/m');
        expect(fs.readlink('/d/m')).toBe('/d/f');
        expect(fs.readText('/d/f')).toBe('x');
      });
    });

    describe('change events', () => {
      it('fires create, modify and delete with physical paths; rename is delete + create', () => {
        setup({ '/d/': dir(), '/d/old': 'x', '/d/l': { link: 'via' } });
        const seen: FsChange[] = [];
        const sub = fs.onDidChange((e) => seen.push(e));
        fs.writeFile('/d/f', 'a');
        fs.writeFile('/d/f', 'b');
        fs.writeFile('/d/l', 'through a link');
        fs.mkdir('/d/sub');
        fs.symlink('f', '/d/sub/ln');
        fs.chmod('/d/f', 0o600);
        fs.rename('/d/f', '/d/g');
        fs.unlink('/d/old');
        fs.rm('/d/sub', { recursive: true });
        sub.dispose();
        fs.writeFile('/d/after', '');
        expect(seen).toEqual([
          { kind: 'create', path: '/d/f', type: 'file' },
          { kind: 'modify', path: '/d/f', type: 'file' },
          { kind: 'create', path: '/d/via', type: 'file' },
          { kind: 'create', path: '/d/sub', type: 'dir' },
          { kind: 'create', path: '/d/sub/ln', type: 'symlink' },
          { kind: 'modify', path: '/d/f', type: 'file' },
          { kind: 'delete', path: '/d/f', type: 'file' },
          { kind: 'create', path: '/d/g', type: 'file' },
          { kind: 'delete', path: '/d/old', type: 'file' },
          { kind: 'delete', path: '/d/sub/ln', type: 'symlink' },
          { kind: 'delete', path: '/d/sub', type: 'dir' },
        ]);
      });

      it('a credentials view shares the emitter with the tree it views', () => {
        setup({ '/d/': dir(0o777) });
        const seen: string[] = [];
        fs.onDidChange((e) => seen.push(`${e.kind} ${e.path}`));
        const l = fs.withCredentials(LEARNER);
        l.onDidChange((e) => seen.push(`view ${e.kind} ${e.path}`));
        l.writeFile('/d/x', '');
        fs.writeFile('/d/y', '');
        expect(seen).toEqual(['create /d/x', 'view create /d/x', 'create /d/y', 'view create /d/y']);
      });

      it('failed operations fire nothing', () => {
        setup({ '/d/': dir(), '/d/f': '' });
        let n = 0;
        fs.onDidChange(() => n++);
        errno(() => fs.mkdir('/d/f'));
        errno(() => fs.withCredentials(LEARNER).writeFile('/d/f', 'x'));
        errno(() => fs.rename('/d', '/d/x'));
        expect(n).toBe(0);
      });
    });

    describe('credentials', () => {
      it('views share the tree: writes through one are seen by the other', () => {
        setup({ '/home/': dir(), '/home/learner/': dir(0o755, 1000, 1000) });
        const l = fs.withCredentials(LEARNER);
        expect(l.credentials).toEqual(LEARNER);
        expect(fs.credentials.uid).toBe(0);
        l.writeFile('/home/learner/notes', 'mine');
        expect(fs.readText('/home/learner/notes')).toBe('mine');
        fs.writeFile('/home/learner/notes', 'root wrote', { append: true });
        expect(l.readText('/home/learner/notes')).toBe('mineroot wrote');
        expect(l.withCredentials({ uid: 0, gid: 0, groups: [0] }).readText('/home/learner/notes')).toBe('mineroot wrote');
      });

      it('checks owner, group and other bits', () => {
        setup({
          '/d/': dir(),
          '/d/own': 'o',
          '/d/grp': 'g',
          '/d/oth': 'x',
        });
        fs.chown('/d/own', 1000, 1000);
        fs.chmod('/d/own', 0o077); // owner has nothing even though group/other could
        fs.chown('/d/grp', 0, 1000);
        fs.chmod('/d/grp', 0o640);
        fs.chmod('/d/oth', 0o604);
        const l = fs.withCredentials(LEARNER);
        const o = fs.withCredentials(OTHER);
        expect(errno(() => l.readText('/d/own'))).toBe('EACCES');
        expect(errno(() => o.readText('/d/own'))).toBe('OK');
        expect(errno(() => l.readText('/d/grp'))).toBe('OK');
        expect(errno(() => l.writeFile('/d/grp', 'x'))).toBe('EACCES');
        expect(errno(() => o.readText('/d/grp'))).toBe('EACCES');
        expect(errno(() => o.readText('/d/oth'))).toBe('OK');
        expect(errno(() => fs.withCredentials({ uid: 1002, gid: 5, groups: [5, 1000] }).readText('/d/grp'))).toBe('OK');
        // root bypasses read and write bits
        expect(errno(() => fs.readText('/d/own'))).toBe('OK');
        fs.chmod('/d/oth', 0);
        expect(errno(() => fs.writeFile('/d/oth', 'root'))).toBe('OK');
      });

      it('needs search permission on every directory along the path', () => {
        setup({ '/closed/': dir(0o700), '/closed/inner/': dir(), '/closed/inner/f': 'x', '/noread/': dir(0o711), '/noread/f': 'y' });
        const l = fs.withCredentials(LEARNER);
        expect(errno(() => l.stat('/closed/inner'))).toBe('EACCES');
        expect(errno(() => l.readText('/closed/inner/f'))).toBe('EACCES');
        expect(errno(() => l.stat('/closed'))).toBe('OK');
        expect(errno(() => l.readdir('/closed'))).toBe('EACCES');
        expect(errno(() => l.readdir('/noread'))).toBe('EACCES');
        expect(errno(() => l.readText('/noread/f'))).toBe('OK');
        expect(l.exists('/closed/inner/f')).toBe(false);
        expect(fs.exists('/closed/inner/f')).toBe(true);
      });

      it('needs write and search permission on the directory to create, remove or rename', () => {
        setup({ '/ro/': dir(0o755), '/ro/f': 'x', '/mine/': dir(0o755, 1000, 1000) });
        const l = fs.withCredentials(LEARNER);
        expect(errno(() => l.writeFile('/ro/new', ''))).toBe('EACCES');
        expect(errno(() => l.mkdir('/ro/new'))).toBe('EACCES');
        expect(errno(() => l.mkdir('/ro'))).toBe('EEXIST');
        expect(errno(() => l.symlink('x', '/ro/new'))).toBe('EACCES');
        expect(errno(() => l.unlink('/ro/f'))).toBe('EACCES');
        expect(errno(() => l.unlink('/ro/none'))).toBe('ENOENT');
        expect(errno(() => l.rename('/ro/f', '/mine/f'))).toBe('EACCES');
        l.writeFile('/mine/a', 'a');
        expect(errno(() => l.rename('/mine/a', '/ro/a'))).toBe('EACCES');
        expect(errno(() => l.mkdir('/mine/x/y', { recursive: true }))).toBe('OK');
      });

      it('sticky directories: only the owner (of the file or the directory) or root may delete', () => {
        setup({ '/tmp/': dir(0o1777) });
        const l = fs.withCredentials(LEARNER);
        const o = fs.withCredentials(OTHER);
        l.writeFile('/tmp/mine', 'x');
        o.writeFile('/tmp/theirs', 'y');
        expect(errno(() => l.unlink('/tmp/theirs'))).toBe('EPERM');
        expect(errno(() => l.rename('/tmp/theirs', '/tmp/stolen'))).toBe('EPERM');
        expect(errno(() => l.rename('/tmp/mine', '/tmp/theirs'))).toBe('EPERM');
        expect(errno(() => o.unlink('/tmp/mine'))).toBe('EPERM');
        expect(errno(() => l.unlink('/tmp/mine'))).toBe('OK');
        expect(errno(() => fs.unlink('/tmp/theirs'))).toBe('OK');
        expect(fs.stat('/tmp').mode).toBe(0o1777);
      });

      it('chmod and chown: owner or root only', () => {
        setup({ '/d/': dir(0o777), '/d/rootfile': '' });
        const l = fs.withCredentials(LEARNER);
        l.writeFile('/d/mine', '');
        expect(errno(() => l.chmod('/d/rootfile', 0o777))).toBe('EPERM');
        expect(errno(() => l.chmod('/d/mine', 0o600))).toBe('OK');
        expect(errno(() => l.chown('/d/mine', 0, -1))).toBe('EPERM');
        expect(errno(() => l.chown('/d/mine', 1000, 1000))).toBe('OK');
        expect(errno(() => l.chown('/d/mine', -1, -1))).toBe('OK');
        expect(errno(() => l.chown('/d/mine', -1, 0))).toBe('EPERM');
        expect(errno(() => fs.chown('/d/mine', 0, 0))).toBe('OK');
      });

      it('utimes: an explicit time needs ownership; "now" needs write permission', () => {
        setup({ '/d/': dir(), '/d/rw': '', '/d/ro': '' });
        fs.chmod('/d/rw', 0o666);
        const l = fs.withCredentials(LEARNER);
        expect(errno(() => l.utimes('/d/rw', 1))).toBe('EPERM');
        expect(errno(() => l.utimes('/d/rw', clock.now()))).toBe('OK');
        expect(errno(() => l.utimes('/d/ro', clock.now()))).toBe('EACCES');
      });

      it('access: root needs some x bit to execute; others follow the bits', () => {
        setup({ '/d/': dir(), '/d/noexec': '', '/d/exec': '' });
        fs.chmod('/d/exec', 0o744);
        const l = fs.withCredentials(LEARNER);
        expect(errno(() => fs.access('/d/noexec', 1))).toBe('EACCES');
        expect(errno(() => fs.access('/d/noexec', 6))).toBe('OK');
        expect(errno(() => fs.access('/d/exec', 1))).toBe('OK');
        expect(errno(() => l.access('/d/exec', 1))).toBe('EACCES');
        expect(errno(() => l.access('/d/exec', 4))).toBe('OK');
        expect(errno(() => l.access('/d/none', 0))).toBe('ENOENT');
        expect(errno(() => fs.access('/d', 1))).toBe('OK');
      });

      it('new files in a setgid directory take its group', () => {
        setup({ '/shared/': dir(0o2777, 0, 50) });
        const l = fs.withCredentials(LEARNER);
        l.writeFile('/shared/f', '');
        l.mkdir('/shared/sub');
        expect(fs.stat('/shared/f').gid).toBe(50);
        expect(fs.stat('/shared/sub')).toMatchObject({ gid: 50, mode: 0o2755 });
      });
    });
  });
}

// keep the FileSystem type in use for readers: MemFs is a FileSystem
const _check: (fs: MemFs) => FileSystem = (fs) => fs;
void _check;
