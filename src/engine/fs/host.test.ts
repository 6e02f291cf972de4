import { describe, it, expect } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock } from '../core/clock';
import { isSysError } from '../core/errors';
import { executableContents, programNameOf } from '../runtime/programs';
import { createHostFs, hostLayer, LEARNER_CREDENTIALS } from './host';
import { MemFs, type MemFsState } from './memfs';

const clock = () => new Clock({ now: Date.UTC(2026, 0, 5, 9, 0, 0) });
const PROGRAMS = ['bash', 'cat', 'docker', 'ls'];

function code(fn: () => unknown): string {
  try {
    fn();
    return 'OK';
  } catch (e) {
    if (isSysError(e)) return e.code;
    throw e;
  }
}

describe('createHostFs', () => {
  const fs = createHostFs(clock(), PROGRAMS);
  const learner = fs.withCredentials(LEARNER_CREDENTIALS);

  it('is Debian 12 bookworm named dockyard', () => {
    expect(fs.readText('/etc/os-release')).toBe(
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
    );
    expect(fs.readlink('/etc/os-release')).toBe('../usr/lib/os-release');
    expect(fs.readText('/etc/debian_version')).toMatch(/^12\.\d+\n$/);
    expect(fs.readText('/etc/hostname')).toBe('dockyard\n');
    expect(fs.readText('/etc/hosts')).toContain('127.0.1.1\tdockyard\n');
    expect(fs.readText('/proc/version')).toMatch(/^Linux version 6\.1\.0-\d+-amd64 .*Debian/);
    expect(fs.readText('/proc/cpuinfo').match(/^processor\t: \d+$/gm)).toHaveLength(2);
    expect(fs.readText('/proc/meminfo')).toMatch(/^MemTotal: +\d+ kB$/m);
  });

  it('has the learner in passwd and in the sudo group', () => {
    expect(fs.readText('/etc/passwd').split('\n')).toContain('learner:x:1000:1000:Learner,,,:/home/learner:/bin/bash');
    expect(fs.readText('/etc/passwd').split('\n')[0]).toBe('root:x:0:0:root:/root:/bin/bash');
    expect(fs.readText('/etc/group').split('\n')).toContain('sudo:x:27:learner');
    expect(fs.readText('/etc/group').split('\n')).toContain('learner:x:1000:');
    expect(fs.readText('/etc/shells')).toContain('\n/bin/bash\n');
    expect(fs.stat('/etc/shadow')).toMatchObject({ mode: 0o640, uid: 0, gid: 42 });
    expect(code(() => learner.readText('/etc/shadow'))).toBe('EACCES');
  });

  it('has Debian’s owners and modes', () => {
    const expectMode = (p: string, mode: number, uid = 0, gid = 0) => expect([p, fs.stat(p).mode, fs.stat(p).uid, fs.stat(p).gid]).toEqual([p, mode, uid, gid]);
    expectMode('/', 0o755);
    expectMode('/tmp', 0o1777);
    expectMode('/var/tmp', 0o1777);
    expectMode('/root', 0o700);
    expectMode('/home/learner', 0o755, 1000, 1000);
    expectMode('/home/learner/.bashrc', 0o644, 1000, 1000);
    expectMode('/home/learner/.profile', 0o644, 1000, 1000);
    expectMode('/home/learner/.bash_logout', 0o644, 1000, 1000);
    expectMode('/var/mail', 0o2775, 0, 8);
    expectMode('/proc', 0o555);
    expectMode('/usr/local/bin', 0o755);
    for (const d of ['/var/log', '/usr/sbin', '/usr/share', '/opt', '/srv', '/mnt', '/media', '/run', '/etc/skel']) expect(fs.stat(d).type).toBe('dir');
  });

  it('has merged /usr', () => {
    expect(fs.readlink('/bin')).toBe('usr/bin');
    expect(fs.readlink('/sbin')).toBe('usr/sbin');
    expect(fs.readlink('/lib')).toBe('usr/lib');
    expect(fs.readlink('/lib64')).toBe('usr/lib64');
    expect(fs.realpath('/bin/ls')).toBe('/usr/bin/ls');
  });

  it('installs each program as an executable in /usr/bin', () => {
    for (const name of PROGRAMS) {
      const p = `/usr/bin/${name}`;
      expect(fs.stat(p)).toMatchObject({ type: 'file', mode: 0o755, uid: 0, gid: 0 });
      expect(fs.readText(p)).toBe(executableContents(name));
      expect(programNameOf(fs.readFile(`/bin/${name}`))).toBe(name);
    }
    expect(fs.readdir('/usr/bin').map((e) => e.name)).toEqual(PROGRAMS);
    expect(code(() => learner.access('/usr/bin/ls', 1))).toBe('OK');
  });

  it('has the devices', () => {
    expect(fs.stat('/dev/null')).toMatchObject({ type: 'chardev', mode: 0o666, rdev: { major: 1, minor: 3 } });
    expect(fs.stat('/dev/zero')).toMatchObject({ type: 'chardev', rdev: { major: 1, minor: 5 } });
    expect(fs.stat('/dev/tty')).toMatchObject({ type: 'chardev', gid: 5, rdev: { major: 5, minor: 0 } });
    expect(fs.readlink('/dev/stdin')).toBe('/proc/self/fd/0');
    expect(fs.readlink('/dev/stdout')).toBe('/proc/self/fd/1');
    expect(fs.readlink('/dev/stderr')).toBe('/proc/self/fd/2');
    learner.writeFile('/dev/null', 'discarded');
  });

  it('lets the learner work at home and in /tmp but not in system places', () => {
    expect(code(() => learner.writeFile('/home/learner/app.py', 'print(1)\n'))).toBe('OK');
    expect(code(() => learner.mkdir('/tmp/work'))).toBe('OK');
    expect(code(() => learner.writeFile('/etc/motd', 'x'))).toBe('EACCES');
    expect(code(() => learner.writeFile('/usr/bin/ls', 'x'))).toBe('EACCES');
    expect(code(() => learner.readdir('/root'))).toBe('EACCES');
    expect(code(() => learner.unlink('/etc/hostname'))).toBe('EACCES');
    expect(fs.stat('/home/learner/app.py')).toMatchObject({ uid: 1000, gid: 1000, mode: 0o644 });
  });

  it('is deterministic and snapshots to JSON and back', () => {
    const a = createHostFs(clock(), PROGRAMS);
    const b = createHostFs(clock(), PROGRAMS);
    expect(a.snapshot()).toEqual(b.snapshot());
    const snap = JSON.parse(JSON.stringify(a.snapshot())) as MemFsState;
    const r = MemFs.restore(snap, { clock: clock() });
    expect(r.stat('/home/learner/.bashrc')).toEqual(a.stat('/home/learner/.bashrc'));
    expect(r.readText('/etc/passwd')).toBe(a.readText('/etc/passwd'));
    expect(r.snapshot()).toEqual(a.snapshot());
  });

  it('uses the clock for boot-time directories and a fixed install time elsewhere', () => {
    const c = clock();
    const layer = hostLayer([], c.now());
    expect(layer.entries['/tmp']).toMatchObject({ mtime: c.now() });
    expect((layer.entries['/etc/passwd'] as { mtime: number }).mtime).toBeLessThan(c.now());
  });

  it('has Debian’s startup files: .bashrc stops at once in a non-interactive shell', () => {
    const bashrc = fs.readText('/home/learner/.bashrc');
    expect(bashrc).toBe(fs.readText('/etc/skel/.bashrc'));
    expect(bashrc).toContain('# If not running interactively, don\'t do anything\ncase $- in\n    *i*) ;;\n      *) return;;\nesac\n');
    expect(bashrc).toContain('    test -r ~/.dircolors && eval "$(dircolors -b ~/.dircolors)" || eval "$(dircolors -b)"\n    alias ls=\'ls --color=auto\'\n');
    expect(bashrc).toMatch(/^HISTSIZE=1000$/m);
    expect(fs.readText('/etc/bash.bashrc')).toContain('[ -z "$PS1" ] && return\n');
    expect(fs.readText('/root/.profile')).toContain('mesg n 2> /dev/null || true\n');
    expect(fs.stat('/home/learner/.bashrc').size).toBe(3526);
  });

  it('has the common files of /etc', () => {
    const confs = ['adduser', 'debconf', 'deluser', 'e2scrub', 'gai', 'host', 'ld.so', 'libaudit', 'mke2fs', 'nsswitch', 'pam', 'resolv', 'sysctl', 'ucf', 'xattr'];
    expect(fs.readdir('/etc').filter((e) => e.name.endsWith('.conf')).map((e) => e.name)).toEqual(confs.map((c) => `${c}.conf`));
    expect(fs.readdir('/etc/ld.so.conf.d').map((e) => e.name)).toEqual(['libc.conf', 'x86_64-linux-gnu.conf']);
    expect(fs.readText('/etc/ld.so.conf')).toBe('include /etc/ld.so.conf.d/*.conf\n\n');
    expect(fs.readText('/etc/nsswitch.conf')).toMatch(/^hosts: +files dns$/m);
    expect(fs.readText('/etc/apt/sources.list.d/debian.sources')).toContain('Suites: bookworm bookworm-updates\n');
    expect(fs.readlink('/etc/localtime')).toBe('/usr/share/zoneinfo/Etc/UTC');
    expect([...fs.readFile('/etc/localtime').subarray(0, 5)]).toEqual([0x54, 0x5a, 0x69, 0x66, 0x32]);
    expect(fs.readText('/etc/login.defs')).toMatch(/^UID_MIN\s+1000$/m);
  });

  // Differential: this machine is Debian 12; its distribution files are the reference.
  const skel = '/etc/skel/.bashrc';
  const isBookworm = existsSync('/etc/debian_version') && readFileSync('/etc/debian_version', 'utf8').startsWith('12.');
  it.skipIf(!isBookworm || !existsSync(skel))('is byte-identical to Debian 12’s files', () => {
    const same = (ours: string, real: string) => expect([ours, fs.readText(ours)]).toEqual([ours, readFileSync(real, 'utf8')]);
    for (const f of ['.bashrc', '.profile', '.bash_logout']) {
      same(`/home/learner/${f}`, `/etc/skel/${f}`);
      same(`/etc/skel/${f}`, `/etc/skel/${f}`);
    }
    same('/root/.bashrc', '/usr/share/base-files/dot.bashrc');
    same('/root/.profile', '/usr/share/base-files/dot.profile');
    for (const f of ['/etc/bash.bashrc', '/etc/profile', '/etc/issue', '/etc/issue.net', '/etc/adduser.conf', '/etc/deluser.conf', '/etc/gai.conf', '/etc/host.conf', '/etc/ld.so.conf', '/etc/mke2fs.conf', '/etc/xattr.conf', '/etc/sysctl.conf', '/etc/e2scrub.conf', '/etc/debconf.conf', '/etc/login.defs', '/etc/ld.so.conf.d/libc.conf', '/etc/ld.so.conf.d/x86_64-linux-gnu.conf', '/etc/timezone']) {
      if (existsSync(f)) same(f, f);
    }
  });

  // Differential: the real bash reads the same files the same way.
  const bash = '/bin/bash';
  it.skipIf(!existsSync(bash))('real bash reads .bashrc only when interactive, and sets the colour prompt', () => {
    const home = mkdtempSync(join(tmpdir(), 'dockyard-home-'));
    try {
      writeFileSync(join(home, '.bashrc'), fs.readText('/home/learner/.bashrc'));
      const run = (flags: string[], term: string) =>
        spawnSync(bash, [...flags, 'printf "%s|%s\\n" "$HISTSIZE" "$PS1"'], { env: { HOME: home, TERM: term, PATH: '/usr/bin:/bin' }, encoding: 'utf8', input: '' }).stdout;
      expect(run(['-c'], 'xterm-256color')).toBe('|\n');
      expect(run(['-ic'], 'xterm-256color')).toBe('1000|\\[\\e]0;\\u@\\h: \\w\\a\\]${debian_chroot:+($debian_chroot)}\\[\\033[01;32m\\]\\u@\\h\\[\\033[00m\\]:\\[\\033[01;34m\\]\\w\\[\\033[00m\\]\\$ \n');
      expect(run(['-ic'], 'dumb')).toBe('1000|${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ \n');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
    for (const p of ['/home/learner/.profile', '/home/learner/.bash_logout', '/etc/profile', '/etc/bash.bashrc']) {
      expect(() => execFileSync(bash, ['-n'], { input: fs.readText(p) })).not.toThrow();
    }
  });
});
