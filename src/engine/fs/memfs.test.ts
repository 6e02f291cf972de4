import { describe, it, expect } from 'vitest';
import { Clock } from '../core/clock';
import { IdGen } from '../core/ids';
import { isSysError } from '../core/errors';
import { MemFs, fromBase64, layerFromFs, toBase64, type LayerData, type LayerEntry, type MemFsState } from './memfs';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const meta = { mode: 0o644, uid: 0, gid: 0, mtime: T0 };
const dirE = (mode = 0o755, extra: Partial<LayerEntry> = {}): LayerEntry => ({ type: 'dir', mode, uid: 0, gid: 0, mtime: T0, ...extra }) as LayerEntry;
const fileE = (text: string, mode = 0o644): LayerEntry => ({ ...meta, mode, type: 'file', text });
const linkE = (target: string): LayerEntry => ({ ...meta, mode: 0o777, type: 'symlink', target });
const WH: LayerEntry = { type: 'whiteout' };

/** Everything visible in a tree: per path, lstat, plus the link target or the contents. */
function walk(fs: MemFs, opts: { ino?: boolean } = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const visit = (p: string): void => {
    const st = fs.lstat(p);
    const { ino, ...rest } = st;
    const rec: Record<string, unknown> = opts.ino === false ? { ...rest } : { ...rest, ino };
    if (st.type === 'symlink') rec.target = fs.readlink(p);
    if (st.type === 'file') rec.data = toBase64(fs.readFile(p));
    out[p] = rec;
    if (st.type === 'dir') for (const e of fs.readdir(p)) visit(`${p === '/' ? '' : p}/${e.name}`);
  };
  visit('/');
  return out;
}

function sample(clock: Clock): MemFs {
  const fs = new MemFs(clock);
  fs.mkdir('/etc');
  fs.writeFile('/etc/hostname', 'dockyard\n');
  fs.mkdir('/home/learner/app', { recursive: true });
  fs.chown('/home/learner', 1000, 1000);
  fs.chmod('/home/learner', 0o750);
  fs.writeFile('/home/learner/app/bin.dat', new Uint8Array([0, 1, 2, 0xff, 0xfe, 0x80]));
  fs.writeFile('/home/learner/app/utf8.txt', '你好, docker 🐳\n');
  fs.writeFile('/home/learner/app/run.sh', '#!/bin/sh\necho hi\n', { mode: 0o755, uid: 1000, gid: 1000 });
  fs.symlink('app/run.sh', '/home/learner/run');
  fs.symlink('/nowhere', '/home/learner/dangling');
  fs.mkdir('/tmp', { mode: 0o777 });
  fs.chmod('/tmp', 0o1777);
  fs.mkdir('/dev');
  fs.mknod('/dev/null', 1, 3);
  clock.advanceBy(60_000);
  fs.utimes('/etc/hostname', T0 - 86_400_000);
  fs.writeFile('/home/learner/app/utf8.txt', 'more\n', { append: true });
  return fs;
}

describe('MemFs: persistence and forks', () => {
  it('a fork shares the tree and neither side sees the other’s later writes', () => {
    const clock = new Clock({ now: T0 });
    const a = sample(clock);
    const b = a.fork();
    a.writeFile('/etc/hostname', 'a\n');
    b.writeFile('/etc/hostname', 'b\n');
    a.rm('/home/learner/app', { recursive: true });
    b.mkdir('/only-in-b');
    expect(a.readText('/etc/hostname')).toBe('a\n');
    expect(b.readText('/etc/hostname')).toBe('b\n');
    expect(a.exists('/home/learner/app')).toBe(false);
    expect(b.readText('/home/learner/app/utf8.txt')).toBe('你好, docker 🐳\nmore\n');
    expect(a.exists('/only-in-b')).toBe(false);
  });

  it('forks have their own change events', () => {
    const clock = new Clock({ now: T0 });
    const a = sample(clock);
    const b = a.fork();
    const seen: string[] = [];
    a.onDidChange((e) => seen.push(`a ${e.path}`));
    b.onDidChange((e) => seen.push(`b ${e.path}`));
    b.writeFile('/x', '');
    a.writeFile('/y', '');
    expect(seen).toEqual(['b /x', 'a /y']);
  });

  it('forking a tree of 20,000 files 1,000 times allocates no node, and a write copies only its path', () => {
    const clock = new Clock({ now: T0 });
    const entries: Record<string, LayerEntry> = {};
    for (let d = 0; d < 200; d++) {
      entries[`/data/d${d}`] = dirE();
      for (let f = 0; f < 100; f++) entries[`/data/d${d}/f${f}.txt`] = fileE(`file ${d}/${f}\n`);
    }
    const fs = new MemFs(clock);
    fs.applyLayer({ id: 'big', entries });
    expect(fs.readdir('/data')).toHaveLength(200);
    const before = fs.metrics.nodesCreated;
    const forks: MemFs[] = [];
    for (let i = 0; i < 1000; i++) forks.push(fs.fork());
    expect(fs.metrics.nodesCreated).toBe(before);

    // one write in one fork: the new file, /data/d7, /data and / are the only new nodes
    forks[500]!.writeFile('/data/d7/new.txt', 'new');
    expect(fs.metrics.nodesCreated - before).toBe(4);
    // overwriting an existing file: file, d7, data, root
    forks[500]!.writeFile('/data/d7/f3.txt', 'changed');
    expect(fs.metrics.nodesCreated - before).toBe(8);
    // reads allocate nothing
    forks[1]!.readText('/data/d9/f9.txt');
    forks[1]!.stat('/data/d9');
    forks[1]!.readdir('/data/d9');
    expect(fs.metrics.nodesCreated - before).toBe(8);

    expect(forks[500]!.readText('/data/d7/f3.txt')).toBe('changed');
    expect(forks[499]!.readText('/data/d7/f3.txt')).toBe('file 7/3\n');
    expect(fs.exists('/data/d7/new.txt')).toBe(false);
  });
});

describe('MemFs: statIfExists', () => {
  it('is stat() where the path exists and undefined where stat() would throw', () => {
    const clock = new Clock({ now: T0 });
    const fs = sample(clock);
    const learner = fs.withCredentials({ uid: 1000, gid: 1000, groups: [1000] });
    const guest = fs.withCredentials({ uid: 2000, gid: 2000, groups: [2000] });
    const paths = ['/', '/etc/hostname', '/home/learner/run', '/home/learner/dangling', '/home/learner/app/', '/etc/hostname/x', '/nope', '/nope/x', '/home/learner/app/run.sh', '/dev/null'];
    for (const view of [fs, learner, guest]) {
      for (const p of paths) {
        let expected;
        try {
          expected = view.stat(p);
        } catch (e) {
          if (!isSysError(e)) throw e;
          expected = undefined;
        }
        expect(view.statIfExists(p), p).toEqual(expected);
      }
    }
    // the guest may not search /home/learner (0750): no stat, no throw
    expect(guest.statIfExists('/home/learner/app/run.sh')).toBeUndefined();
  });
});

describe('MemFs: devices', () => {
  it('/dev/null reads empty and swallows writes without changing', () => {
    const clock = new Clock({ now: T0 });
    const fs = sample(clock);
    let n = 0;
    fs.onDidChange(() => n++);
    const st = fs.stat('/dev/null');
    expect(st).toMatchObject({ type: 'chardev', mode: 0o666, size: 0, rdev: { major: 1, minor: 3 } });
    fs.withCredentials({ uid: 1000, gid: 1000, groups: [1000] }).writeFile('/dev/null', 'gone');
    expect(fs.readFile('/dev/null')).toHaveLength(0);
    expect(fs.readText('/dev/null')).toBe('');
    expect(n).toBe(0);
    expect(() => fs.withCredentials({ uid: 1000, gid: 1000, groups: [] }).mknod('/dev/x', 1, 5)).toThrow(/EPERM/);
  });
});

describe('MemFs: snapshots', () => {
  it('restore(snapshot()) gives an identical tree, through JSON', () => {
    const clock = new Clock({ now: T0 });
    const fs = sample(clock);
    const snap = fs.snapshot();
    const json = JSON.stringify(snap);
    const parsed = JSON.parse(json) as MemFsState;
    expect(parsed).toEqual(snap);
    const restored = MemFs.restore(parsed, { clock });
    expect(walk(restored)).toEqual(walk(fs));
    // binary as base64, UTF-8 text as strings
    expect(snap.upper.entries['/home/learner/app/bin.dat']).toMatchObject({ type: 'file', base64: 'AAEC//6A' });
    expect(snap.upper.entries['/home/learner/app/utf8.txt']).toMatchObject({ type: 'file', text: '你好, docker 🐳\nmore\n' });
    expect(restored.snapshot()).toEqual(snap);
  });

  it('a restored file system goes on allocating fresh inode numbers', () => {
    const clock = new Clock({ now: T0 });
    const fs = sample(clock);
    const restored = MemFs.restore(JSON.parse(JSON.stringify(fs.snapshot())) as MemFsState, { clock });
    fs.writeFile('/new', '');
    restored.writeFile('/new', '');
    expect(restored.stat('/new').ino).toBe(fs.stat('/new').ino);
    const all = Object.values(walk(restored)).map((r) => (r as { ino: number }).ino);
    expect(new Set(all).size).toBe(all.length);
  });

  it('a layered snapshot references lowers by id and restores whiteouts and opaque dirs', () => {
    const clock = new Clock({ now: T0 });
    const lower: LayerData = {
      id: 'sha256:lower',
      entries: { '/': dirE(), '/etc': dirE(), '/etc/a': fileE('a'), '/etc/b': fileE('b'), '/opt': dirE(), '/opt/x': fileE('x'), '/opt/y': fileE('y') },
    };
    const fs = MemFs.fromLayers([lower], clock);
    fs.unlink('/etc/a');
    fs.rm('/opt', { recursive: true });
    fs.mkdir('/opt');
    fs.writeFile('/opt/z', 'z');
    const snap = JSON.parse(JSON.stringify(fs.snapshot())) as MemFsState;
    expect(snap.lowers).toEqual(['sha256:lower']);
    expect(JSON.stringify(snap)).not.toContain('"/etc/b"');
    const restored = MemFs.restore(snap, { clock, lowers: (id) => (id === lower.id ? lower : undefined) });
    expect(walk(restored)).toEqual(walk(fs));
    expect(restored.readdir('/opt').map((e) => e.name)).toEqual(['z']);
    expect(restored.exists('/etc/a')).toBe(false);
    expect(restored.diff().entries).toEqual(fs.diff().entries);
  });
});

describe('MemFs: layers', () => {
  const base: LayerData = {
    id: 'base',
    entries: {
      '/': dirE(),
      '/etc': dirE(),
      '/etc/os-release': fileE('ID=debian\n'),
      '/etc/motd': fileE('hello\n'),
      '/usr': dirE(),
      '/usr/bin': dirE(),
      '/usr/bin/sh': { ...meta, mode: 0o755, type: 'file', text: 'sh' },
      '/bin': linkE('usr/bin'),
      '/var': dirE(),
      '/var/cache': dirE(),
      '/var/cache/a': fileE('a'),
      '/var/cache/b': fileE('b'),
    },
  };
  const top: LayerData = {
    id: 'top',
    entries: {
      '/etc/motd': WH,
      '/etc/os-release': fileE('ID=alpine\n'),
      '/var/cache': dirE(0o700, { opaque: true }),
      '/var/cache/c': fileE('c'),
      '/usr/bin': dirE(0o755),
      '/usr/bin/app': { ...meta, mode: 0o755, type: 'file', base64: toBase64(new Uint8Array([0x7f, 0x45, 0x4c, 0x46])) },
      '/app/deep/file': fileE('implicit parents'),
    },
  };

  it('merges lowers: later entries win, whiteouts delete, opaque dirs hide, missing parents appear', () => {
    const fs = MemFs.fromLayers([base, top], new Clock({ now: T0 }));
    expect(fs.readText('/etc/os-release')).toBe('ID=alpine\n');
    expect(fs.exists('/etc/motd')).toBe(false);
    expect(fs.readdir('/var/cache').map((e) => e.name)).toEqual(['c']);
    expect(fs.stat('/var/cache').mode).toBe(0o700);
    expect(fs.readdir('/bin').map((e) => e.name)).toEqual(['app', 'sh']);
    expect(fs.readFile('/bin/app')).toEqual(new Uint8Array([0x7f, 0x45, 0x4c, 0x46]));
    expect(fs.readText('/app/deep/file')).toBe('implicit parents');
    expect(fs.stat('/app/deep')).toMatchObject({ type: 'dir', mode: 0o755, uid: 0 });
    expect(fs.diff().entries).toEqual({});
    expect(fs.changes()).toEqual([]);
  });

  it('lowers are shared and never copied or changed', () => {
    const clock = new Clock({ now: T0 });
    const frozenBase = JSON.stringify(base);
    const a = MemFs.fromLayers([base, top], clock);
    const b = MemFs.fromLayers([base, top], clock);
    expect(b.metrics.nodesCreated).toBe(0); // the merged lower tree was built once
    expect(b.stat('/etc/os-release').ino).toBe(a.stat('/etc/os-release').ino);
    a.writeFile('/etc/os-release', 'changed');
    a.unlink('/usr/bin/sh');
    a.chmod('/etc', 0o700);
    expect(b.readText('/etc/os-release')).toBe('ID=alpine\n');
    expect(b.exists('/usr/bin/sh')).toBe(true);
    expect(b.stat('/etc').mode).toBe(0o755);
    expect(JSON.stringify(base)).toBe(frozenBase);
    expect(a.lowers).toEqual([base, top]);
  });

  it('diff records the upper as overlayfs would: copy-ups, whiteouts, opaque directories', () => {
    const clock = new Clock({ now: T0 });
    const fs = MemFs.fromLayers([base], clock);
    clock.advanceBy(1000);
    fs.writeFile('/etc/new.conf', 'k=v\n');
    fs.chmod('/usr/bin/sh', 0o700); // copy-up of a file whose data did not change
    fs.unlink('/etc/motd');
    fs.rm('/var/cache', { recursive: true });
    fs.mkdir('/var/cache');
    fs.writeFile('/var/cache/fresh', 'f');
    const d = fs.diff('layer-1');
    expect(d.id).toBe('layer-1');
    expect(Object.keys(d.entries).sort()).toEqual(
      ['/', '/etc', '/etc/motd', '/etc/new.conf', '/usr', '/usr/bin', '/usr/bin/sh', '/var', '/var/cache', '/var/cache/fresh'].sort(),
    );
    expect(d.entries['/etc/motd']).toEqual({ type: 'whiteout' });
    expect(d.entries['/var/cache']).toMatchObject({ type: 'dir', opaque: true });
    expect(d.entries['/etc']).toMatchObject({ type: 'dir', mtime: T0 + 1000 });
    expect(d.entries['/etc']).not.toHaveProperty('opaque');
    expect(d.entries['/usr/bin/sh']).toEqual({ ...meta, mode: 0o700, type: 'file', text: 'sh' });
    expect(d.entries['/etc/new.conf']).not.toHaveProperty('ino');
    expect(fs.changes()).toEqual([
      { kind: 'C', path: '/etc' },
      { kind: 'D', path: '/etc/motd' },
      { kind: 'A', path: '/etc/new.conf' },
      { kind: 'C', path: '/usr' },
      { kind: 'C', path: '/usr/bin' },
      { kind: 'C', path: '/usr/bin/sh' },
      { kind: 'C', path: '/var' },
      { kind: 'C', path: '/var/cache' },
      { kind: 'A', path: '/var/cache/fresh' },
    ]);
  });

  it('the diff stacked on the lowers shows the same tree (random operations)', () => {
    const ids = new IdGen({ seed: 11, counters: {} });
    for (let round = 0; round < 60; round++) {
      const clock = new Clock({ now: T0 });
      const fs = MemFs.fromLayers([base, top], clock);
      const names = ['a', 'b', 'c', 'etc', 'cache', 'x'];
      const dirs = ['/', '/etc', '/var', '/var/cache', '/usr/bin', '/app', '/app/deep', '/var/cache/c', '/etc/c'];
      for (let i = 0; i < 60; i++) {
        clock.advanceBy(10);
        const d = ids.pick('d', dirs);
        const p = `${d === '/' ? '' : d}/${ids.pick('n', names)}`;
        try {
          switch (ids.int('op', 7)) {
            case 0:
              fs.writeFile(p, `w${i}`);
              break;
            case 1:
              fs.mkdir(p);
              break;
            case 2:
              fs.rm(ids.pick('rm', [p, d]), { recursive: true });
              break;
            case 3:
              fs.chmod(ids.pick('c', [p, d]), 0o700);
              break;
            case 4:
              fs.rename(p, `${ids.pick('d2', dirs).replace(/\/$/, '')}/${ids.pick('n2', names)}`);
              break;
            case 5:
              fs.symlink('/etc', p);
              break;
            case 6:
              fs.writeFile(p, new Uint8Array([i, 0xff]), { append: true });
              break;
          }
        } catch (e) {
          if (!isSysError(e)) throw e;
        }
      }
      const stacked = MemFs.fromLayers([base, top, JSON.parse(JSON.stringify(fs.diff())) as LayerData], clock);
      expect(walk(stacked, { ino: false })).toEqual(walk(fs, { ino: false }));
    }
  });

  it('applyLayer writes a layer into the tree, firing one event per entry', () => {
    const fs = new MemFs(new Clock({ now: T0 }));
    fs.applyLayer(base);
    const seen: string[] = [];
    fs.onDidChange((e) => seen.push(`${e.kind} ${e.path} ${e.type}`));
    fs.applyLayer(top);
    expect(fs.readdir('/var/cache').map((e) => e.name)).toEqual(['c']);
    expect(fs.exists('/etc/motd')).toBe(false);
    expect(seen).toEqual([
      'create /app/deep/file file',
      'delete /etc/motd file',
      'modify /etc/os-release file',
      'modify /usr/bin dir',
      'create /usr/bin/app file',
      'modify /var/cache dir',
      'create /var/cache/c file',
    ]);
  });

  it('applyLayer can put a layer somewhere else', () => {
    const clock = new Clock({ now: T0 });
    const host = sample(clock);
    const ctx = layerFromFs(host, '/home/learner/app');
    const container = MemFs.fromLayers([base], clock);
    clock.advanceBy(5000);
    container.applyLayer(ctx, { at: '/srv/app' });
    expect(container.readText('/srv/app/run.sh')).toBe('#!/bin/sh\necho hi\n');
    expect(container.stat('/srv')).toMatchObject({ type: 'dir', mode: 0o755, uid: 0, mtime: clock.now() });
    expect(container.changes().map((c) => `${c.kind} ${c.path}`)).toEqual([
      'A /srv',
      'A /srv/app',
      'A /srv/app/bin.dat',
      'A /srv/app/run.sh',
      'A /srv/app/utf8.txt',
    ]);
  });

  it('layerFromFs captures a subtree relative to its root', () => {
    const clock = new Clock({ now: T0 });
    const fs = sample(clock);
    const layer = layerFromFs(fs, '/home/learner/app');
    expect(Object.keys(layer.entries).sort()).toEqual(['/', '/bin.dat', '/run.sh', '/utf8.txt']);
    expect(layer.entries['/run.sh']).toMatchObject({ type: 'file', mode: 0o755, uid: 1000, text: '#!/bin/sh\necho hi\n' });
    expect(layer.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(layerFromFs(fs, '/home/learner/app').id).toBe(layer.id);
    const copy = MemFs.fromLayers([layer], clock);
    expect(copy.readFile('/bin.dat')).toEqual(fs.readFile('/home/learner/app/bin.dat'));
  });
});

describe('MemFs: mounts', () => {
  function world() {
    const clock = new Clock({ now: T0 });
    const host = sample(clock);
    const image: LayerData = { id: 'img', entries: { '/': dirE(), '/etc': dirE(), '/etc/os-release': fileE('ID=alpine\n'), '/data': dirE(), '/data/hidden': fileE('under the mount') } };
    const container = MemFs.fromLayers([image], clock);
    const volume = new MemFs(clock);
    return { clock, host, container, volume };
  }
  const code = (fn: () => unknown): string => {
    try {
      fn();
      return 'OK';
    } catch (e) {
      if (isSysError(e)) return e.code;
      throw e;
    }
  };

  it('a volume: writes land in the volume, not in the container’s layer', () => {
    const { container, volume } = world();
    container.mount('/data', volume);
    expect(container.readdir('/data')).toEqual([]);
    const seenC: string[] = [];
    const seenV: string[] = [];
    container.onDidChange((e) => seenC.push(`${e.kind} ${e.path}`));
    volume.onDidChange((e) => seenV.push(`${e.kind} ${e.path}`));
    container.mkdir('/data/db');
    container.writeFile('/data/db/rows', '1\n');
    expect(volume.readText('/db/rows')).toBe('1\n');
    expect(container.stat('/data/db/rows').ino).toBe(volume.stat('/db/rows').ino);
    expect(seenC).toEqual(['create /data/db', 'create /data/db/rows']);
    expect(seenV).toEqual(['create /db', 'create /db/rows']);
    expect(container.diff().entries).toEqual({});
    expect(container.mounts).toEqual([{ path: '/data', readOnly: false }]);
    container.unmount('/data');
    expect(container.readText('/data/hidden')).toBe('under the mount');
    expect(code(() => container.unmount('/data'))).toBe('EINVAL');
  });

  it('creates a missing mount point, as Docker does', () => {
    const { container, volume } = world();
    container.mount('/srv/www', volume);
    expect(container.changes().map((c) => `${c.kind} ${c.path}`)).toEqual(['A /srv', 'A /srv/www']);
    container.writeFile('/srv/www/index.html', '<h1>hi</h1>');
    expect(volume.readText('/index.html')).toBe('<h1>hi</h1>');
  });

  it('a bind mount of a host directory shares the host’s files both ways', () => {
    const { host, container } = world();
    container.mount('/app', host, { subpath: '/home/learner/app' });
    const seen: string[] = [];
    host.onDidChange((e) => seen.push(`${e.kind} ${e.path}`));
    expect(container.readText('/app/run.sh')).toBe('#!/bin/sh\necho hi\n');
    container.writeFile('/app/out.log', 'ran\n');
    expect(host.readText('/home/learner/app/out.log')).toBe('ran\n');
    host.writeFile('/home/learner/app/new.txt', 'from the host');
    expect(container.readText('/app/new.txt')).toBe('from the host');
    expect(seen).toEqual(['create /home/learner/app/out.log', 'create /home/learner/app/new.txt']);
    expect(container.realpath('/app/../etc')).toBe('/etc');
    expect(container.readText('/app/../etc/os-release')).toBe('ID=alpine\n');
    expect(container.stat('/app').uid).toBe(0);
    // the owner and mode of the mounted directory are the host's
    expect(container.stat('/app').mode).toBe(host.stat('/home/learner/app').mode);
  });

  it('read-only mounts refuse writes with EROFS', () => {
    const { host, container } = world();
    container.mount('/app', host, { subpath: '/home/learner/app', readOnly: true });
    expect(container.readText('/app/utf8.txt')).toContain('docker');
    expect(code(() => container.writeFile('/app/x', ''))).toBe('EROFS');
    expect(code(() => container.writeFile('/app/run.sh', ''))).toBe('EROFS');
    expect(code(() => container.mkdir('/app/d'))).toBe('EROFS');
    expect(code(() => container.mkdir('/app/run.sh'))).toBe('EEXIST');
    expect(code(() => container.unlink('/app/run.sh'))).toBe('EROFS');
    expect(code(() => container.chmod('/app/run.sh', 0o700))).toBe('EROFS');
    expect(code(() => container.writeFile('/etc/x', ''))).toBe('OK');
  });

  it('mount points are busy and renames do not cross them', () => {
    const { container, volume } = world();
    container.mount('/data', volume);
    container.writeFile('/data/v', 'v');
    expect(code(() => container.rmdir('/data'))).toBe('EBUSY');
    expect(code(() => container.rename('/data', '/data2'))).toBe('EBUSY');
    expect(code(() => container.rename('/data/v', '/etc/v'))).toBe('EXDEV');
    expect(code(() => container.rename('/etc/os-release', '/data/os'))).toBe('EXDEV');
    expect(code(() => container.rename('/data/v', '/data/w'))).toBe('OK');
    container.rm('/data/w', { recursive: true });
    expect(code(() => container.rm('/data', { recursive: true }))).toBe('EBUSY');
  });

  it('symlinks inside a mount resolve against the tree it is mounted in', () => {
    const { container, volume } = world();
    volume.symlink('/etc/os-release', '/release');
    volume.symlink('../etc', '/up');
    container.mount('/data', volume);
    expect(container.readText('/data/release')).toBe('ID=alpine\n');
    expect(container.readText('/data/up/os-release')).toBe('ID=alpine\n');
    expect(code(() => volume.readText('/release'))).toBe('ENOENT');
  });

  it('needs root, and a directory to mount', () => {
    const { container, volume, host } = world();
    expect(code(() => container.withCredentials({ uid: 1000, gid: 1000, groups: [] }).mount('/data', volume))).toBe('EPERM');
    expect(code(() => container.mount('/etc/os-release', volume))).toBe('ENOTDIR');
    expect(code(() => container.mount('/x', host, { subpath: '/etc/hostname' }))).toBe('ENOTDIR');
    expect(code(() => container.mount('/x', host, { subpath: '/nope' }))).toBe('ENOENT');
  });

  it('forks keep their mounts, which still reach the same volume', () => {
    const { container, volume } = world();
    container.mount('/data', volume);
    const fork = container.fork();
    fork.writeFile('/data/shared', 'x');
    expect(container.readText('/data/shared')).toBe('x');
    fork.unmount('/data');
    expect(container.mounts).toHaveLength(1);
  });
});

describe('base64', () => {
  it('matches btoa/atob for every length', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 37 + n) & 255);
      const b64 = toBase64(bytes);
      expect(b64).toBe(btoa(String.fromCharCode(...bytes)));
      expect(fromBase64(b64)).toEqual(bytes);
    }
  });
});
