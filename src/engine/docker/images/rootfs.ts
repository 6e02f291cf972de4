/**
 * The root file systems of catalog images, as layers: a believable tree per OS (Ubuntu 24.04 and
 * 22.04, Debian 12, Alpine, busybox, Oracle Linux 9, scratch) and what each image adds on it
 * (nginx's html and config, python's /usr/local/bin/python3 ...). Executables are marker files
 * naming registered programs (runtime/programs.ts): the host's shells and coreutils by their own
 * names (`bash`, `dash`, `ash`, `ls` ...), the programs of programs/ by `name@image` names.
 *
 * Layer ids are content digests (layerDigest), so they are the same on every run; the layer
 * count is the catalog's. Built on first use and cached per image: immutable data shared by every
 * instance on the page, and the same objects each time, so MemFs shares the merged trees too.
 */
import { DEBIAN_BASE_GROUP, DEBIAN_BASE_PASSWD } from '../../fs/host';
import { layerDigest, type LayerData, type LayerEntry } from '../../fs/memfs';
import { executableContents } from '../../runtime/programs';
import type { CatalogImage, OsBase } from './catalog';
import { OS_RELEASE, DEBIAN_BASHRC_ROOT, DEBIAN_BASH_BASHRC, DEBIAN_PROFILE, UBUNTU_BASHRC, PROFILE_ROOT, ALPINE_PROFILE, NGINX_CONF, NGINX_DEFAULT_CONF, NGINX_INDEX, NGINX_50X, HTTPD_INDEX, BOOTCAMP_SERVER_JS, NGINX_HELLO_CONF, NGINX_HELLO_INDEX, NGINX_FASTCGI_PARAMS, NGINX_SCGI_PARAMS, NGINX_UWSGI_PARAMS, NGINX_MODULES } from './files';
import { DEBIAN_BASE_PACKAGES, UBUNTU_BASE_PACKAGES, ALPINE_BASE_PACKAGES, dpkgStatusEntry, apkInstalledEntry } from './programs/packages';

type Tree = Record<string, LayerEntry>;

/** Programs of the host that a Debian or Ubuntu base image has in /usr/bin (coreutils and friends). */
export const DEBIAN_BASE_PROGRAMS: readonly string[] = [
  'ls', 'cat', 'echo', 'printf', 'mkdir', 'rmdir', 'rm', 'cp', 'mv', 'touch', 'pwd', 'head', 'tail', 'wc',
  'grep', 'sed', 'sort', 'uniq', 'cut', 'tr', 'tee', 'test', '[', 'true', 'false', 'sleep', 'whoami',
  'id', 'groups', 'hostname', 'uname', 'clear', 'basename', 'dirname', 'realpath', 'readlink', 'ln', 'seq',
  'yes', 'nproc', 'env', 'printenv', 'which', 'chmod', 'chown', 'su', 'date', 'stat', 'rev', 'tac',
  'nl', 'fold', 'paste', 'comm', 'base64', 'md5sum', 'sha1sum', 'sha256sum', 'od', 'find', 'xargs',
  'mawk', 'du', 'df', 'more', 'timeout', 'nohup', 'diff',
];

/** Busybox applets this simulation runs (each through the host's program of the same name). */
export const BUSYBOX_APPLETS_RUN: readonly string[] = [
  '[', 'ash', 'awk', 'base64', 'basename', 'cat', 'chmod', 'chown', 'clear', 'comm', 'cp', 'cut', 'date', 'df',
  'diff', 'dirname', 'du', 'echo', 'env', 'false', 'find', 'fold', 'free', 'grep', 'groups', 'head', 'hostname',
  'id', 'kill', 'less', 'ln', 'ls', 'md5sum', 'mkdir', 'more', 'mv', 'nl', 'nohup', 'nproc', 'od', 'paste',
  'printenv', 'printf', 'ps', 'pwd', 'readlink', 'realpath', 'rev', 'rm', 'rmdir', 'sed', 'seq', 'sh',
  'sha1sum', 'sha256sum', 'sleep', 'sort', 'stat', 'tac', 'tail', 'tee', 'test', 'timeout', 'touch', 'tr',
  'true', 'uname', 'uniq', 'uptime', 'vi', 'wc', 'which', 'whoami', 'xargs', 'xxd', 'yes',
];

const PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

// ---------------------------------------------------------------------------------------------
// Tree builder

class Builder {
  readonly t: Tree = {};
  constructor(private readonly mtime: number) {}

  dir(path: string, mode = 0o755, uid = 0, gid = 0): this {
    // parents first, as a tar lists them
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const p = '/' + parts.slice(0, i).join('/');
      if (!this.t[p]) this.t[p] = { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: this.mtime };
    }
    this.t[path] = { type: 'dir', mode, uid, gid, mtime: this.mtime };
    return this;
  }
  file(path: string, text: string, mode = 0o644, uid = 0, gid = 0): this {
    this.parent(path);
    this.t[path] = { type: 'file', text, mode, uid, gid, mtime: this.mtime };
    return this;
  }
  exe(path: string, program: string): this {
    return this.file(path, executableContents(program), 0o755);
  }
  link(path: string, target: string): this {
    this.parent(path);
    this.t[path] = { type: 'symlink', target, mode: 0o777, uid: 0, gid: 0, mtime: this.mtime };
    return this;
  }
  private parent(path: string): void {
    const d = path.slice(0, path.lastIndexOf('/'));
    if (d && !this.t[d]) this.dir(d);
  }
  layer(): LayerData {
    return { id: layerDigest(this.t), entries: this.t };
  }
}

function fhs(b: Builder, merged: boolean): void {
  b.dir('/');
  for (const d of ['/boot', '/etc', '/home', '/media', '/mnt', '/opt', '/srv', '/usr', '/usr/bin', '/usr/sbin', '/usr/lib', '/usr/games', '/usr/include', '/usr/share', '/usr/share/doc', '/usr/src', '/usr/local', '/usr/local/bin', '/usr/local/sbin', '/usr/local/lib', '/usr/local/share', '/usr/local/etc', '/usr/local/include', '/usr/local/src', '/usr/local/games', '/var', '/var/backups', '/var/cache', '/var/lib', '/var/log', '/var/mail', '/var/opt', '/var/spool', '/var/local', '/run', '/run/lock', '/proc', '/sys', '/dev'])
    b.dir(d);
  b.dir('/root', 0o700).dir('/tmp', 0o1777).dir('/var/tmp', 0o1777).dir('/run/lock', 0o1777);
  b.link('/var/run', '/run').link('/var/lock', '/run/lock');
  if (merged) b.link('/bin', 'usr/bin').link('/sbin', 'usr/sbin').link('/lib', 'usr/lib').link('/lib64', 'usr/lib64').dir('/usr/lib64');
  else b.dir('/bin').dir('/sbin').dir('/lib').dir('/lib64');
}

// ---------------------------------------------------------------------------------------------
// Users

const DEBIAN_PASSWD = DEBIAN_BASE_PASSWD;

const UBUNTU_PASSWD = DEBIAN_PASSWD.replace('irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin\n', 'irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin\n').replace(
  'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
  'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n',
);

const DEBIAN_GROUP = DEBIAN_BASE_GROUP;

const ALPINE_PASSWD = `root:x:0:0:root:/root:/bin/sh
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/mail:/sbin/nologin
news:x:9:13:news:/usr/lib/news:/sbin/nologin
uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin
cron:x:16:16:cron:/var/spool/cron:/sbin/nologin
ftp:x:21:21::/var/lib/ftp:/sbin/nologin
sshd:x:22:22:sshd:/dev/null:/sbin/nologin
games:x:35:35:games:/usr/games:/sbin/nologin
ntp:x:123:123:NTP:/var/empty:/sbin/nologin
guest:x:405:100:guest:/dev/null:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
`;

const ALPINE_GROUP = `root:x:0:root
bin:x:1:root,bin,daemon
daemon:x:2:root,bin,daemon
sys:x:3:root,bin
adm:x:4:root,daemon
tty:x:5:
disk:x:6:root
lp:x:7:lp
kmem:x:9:
wheel:x:10:root
floppy:x:11:root
mail:x:12:mail
news:x:13:news
uucp:x:14:uucp
cron:x:16:cron
audio:x:18:
cdrom:x:19:
dialout:x:20:root
ftp:x:21:
sshd:x:22:
input:x:23:
tape:x:26:root
video:x:27:root
netdev:x:28:
kvm:x:34:kvm
games:x:35:
shadow:x:42:
www-data:x:82:
users:x:100:games
ntp:x:123:
abuild:x:300:
utmp:x:406:
ping:x:999:
nogroup:x:65533:
nobody:x:65534:
`;

const BUSYBOX_PASSWD = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
`;

const BUSYBOX_GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
kmem:x:9:
wheel:x:10:root
cdrom:x:11:
dialout:x:18:
floppy:x:19:
video:x:28:
audio:x:29:
tape:x:32:
www-data:x:33:
operator:x:37:
utmp:x:43:
plugdev:x:46:
staff:x:50:
lock:x:54:
netdev:x:82:
users:x:100:
nogroup:x:65534:
`;

const shadowOf = (passwd: string) =>
  passwd
    .trim()
    .split('\n')
    .map((l) => `${l.split(':')[0]}:*:20240:0:99999:7:::`)
    .join('\n') + '\n';

// ---------------------------------------------------------------------------------------------
// OS bases

/** Debian-family programs named `x@debian`: the package tools, in their real places. */
function debianTools(b: Builder): void {
  b.exe('/usr/bin/apt-get', 'apt-get@debian').exe('/usr/bin/apt', 'apt@debian').exe('/usr/bin/apt-cache', 'apt-cache@debian').exe('/usr/bin/dpkg', 'dpkg@debian');
}

function debianLike(os: 'ubuntu-noble' | 'ubuntu-jammy' | 'debian-bookworm' | 'debian-bookworm-slim' | 'debian-jessie', mtime: number): Builder {
  const b = new Builder(mtime);
  const ubuntu = os.startsWith('ubuntu');
  fhs(b, os !== 'debian-jessie');
  const bin = os === 'debian-jessie' ? '/bin' : '/usr/bin';
  b.file('/usr/lib/os-release', OS_RELEASE[os]).link('/etc/os-release', '../usr/lib/os-release');
  b.file('/etc/hostname', '').file('/etc/hosts', '').file('/etc/resolv.conf', '');
  b.file('/etc/passwd', ubuntu && os === 'ubuntu-noble' ? UBUNTU_PASSWD : DEBIAN_PASSWD);
  b.file('/etc/group', ubuntu && os === 'ubuntu-noble' ? DEBIAN_GROUP + 'ubuntu:x:1000:\n' : DEBIAN_GROUP);
  b.file('/etc/shadow', shadowOf(ubuntu && os === 'ubuntu-noble' ? UBUNTU_PASSWD : DEBIAN_PASSWD), 0o640, 0, 42);
  b.file('/etc/shells', '# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/rbash\n/usr/bin/rbash\n/bin/dash\n/usr/bin/dash\n');
  b.file('/etc/profile', DEBIAN_PROFILE).file('/etc/bash.bashrc', DEBIAN_BASH_BASHRC);
  b.file('/etc/skel/.bashrc', UBUNTU_BASHRC).file('/etc/skel/.profile', PROFILE_ROOT).file('/etc/skel/.bash_logout', '# ~/.bash_logout: executed by bash(1) when login shell exits.\n');
  b.file('/root/.bashrc', ubuntu ? UBUNTU_BASHRC : DEBIAN_BASHRC_ROOT).file('/root/.profile', PROFILE_ROOT);
  if (ubuntu) {
    const v = os === 'ubuntu-noble' ? ['24.04', 'noble', '24.04.2 LTS'] : ['22.04', 'jammy', '22.04.5 LTS'];
    b.file('/etc/lsb-release', `DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=${v[0]}\nDISTRIB_CODENAME=${v[1]}\nDISTRIB_DESCRIPTION="Ubuntu ${v[2]}"\n`);
    b.file('/etc/debian_version', os === 'ubuntu-noble' ? 'trixie/sid\n' : 'bookworm/sid\n');
    if (os === 'ubuntu-noble') {
      b.file('/etc/apt/sources.list', '# Ubuntu sources have moved to /etc/apt/sources.list.d/ubuntu.sources\n');
      b.file(
        '/etc/apt/sources.list.d/ubuntu.sources',
        'Types: deb\nURIs: http://archive.ubuntu.com/ubuntu/\nSuites: noble noble-updates noble-backports\nComponents: main universe restricted multiverse\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n\nTypes: deb\nURIs: http://security.ubuntu.com/ubuntu/\nSuites: noble-security\nComponents: main universe restricted multiverse\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n',
      );
      b.dir('/home/ubuntu', 0o750, 1000, 1000);
    } else {
      b.file('/etc/apt/sources.list', 'deb http://archive.ubuntu.com/ubuntu/ jammy main restricted\ndeb http://archive.ubuntu.com/ubuntu/ jammy-updates main restricted\ndeb http://archive.ubuntu.com/ubuntu/ jammy universe\ndeb http://archive.ubuntu.com/ubuntu/ jammy-updates universe\ndeb http://archive.ubuntu.com/ubuntu/ jammy multiverse\ndeb http://archive.ubuntu.com/ubuntu/ jammy-updates multiverse\ndeb http://archive.ubuntu.com/ubuntu/ jammy-backports main restricted universe multiverse\ndeb http://security.ubuntu.com/ubuntu/ jammy-security main restricted\ndeb http://security.ubuntu.com/ubuntu/ jammy-security universe\ndeb http://security.ubuntu.com/ubuntu/ jammy-security multiverse\n');
    }
  } else {
    b.file('/etc/debian_version', os === 'debian-jessie' ? '8.5\n' : '12.11\n');
    if (os === 'debian-jessie') b.file('/etc/apt/sources.list', 'deb http://deb.debian.org/debian jessie main\ndeb http://deb.debian.org/debian jessie-updates main\ndeb http://security.debian.org jessie/updates main\n');
    else b.file('/etc/apt/sources.list.d/debian.sources', 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\nTypes: deb\nURIs: http://deb.debian.org/debian-security\nSuites: bookworm-security\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n');
  }
  b.dir('/etc/apt/apt.conf.d').dir('/etc/apt/preferences.d').dir('/etc/apt/trusted.gpg.d');
  b.dir('/var/lib/apt/lists/partial', 0o700, 42, 0).file('/var/lib/apt/lists/lock', '', 0o640);
  b.dir('/var/cache/apt/archives/partial', 0o700, 42, 0);
  b.dir('/var/lib/dpkg/info').dir('/var/lib/dpkg/updates');
  const pkgs = ubuntu ? UBUNTU_BASE_PACKAGES[os === 'ubuntu-noble' ? 'noble' : 'jammy'] : DEBIAN_BASE_PACKAGES;
  b.file('/var/lib/dpkg/status', pkgs.map(dpkgStatusEntry).join('\n'));
  // shells and coreutils, the host's programs
  b.exe(`${bin}/bash`, 'bash').exe(`${bin}/dash`, 'dash').link(`${bin}/sh`, 'dash').link(`${bin}/rbash`, 'bash');
  for (const p of DEBIAN_BASE_PROGRAMS) b.exe(`${bin}/${p}`, p);
  b.link('/etc/alternatives/awk', '/usr/bin/mawk').link(`${bin}/awk`, '/etc/alternatives/awk');
  b.exe(`${bin}/kill`, 'kill').exe(`${bin}/ps`, 'ps');
  // libc-bin's getent (glibc: nsswitch `hosts: files dns`)
  b.exe('/usr/bin/getent', 'getent@glibc');
  if (os === 'ubuntu-noble') b.exe(`${bin}/free`, 'free').exe(`${bin}/uptime`, 'uptime');
  // Package passwd (shadow): useradd, groupadd, usermod; Debian also has package adduser.
  const sbin = '/usr/sbin';
  b.exe(`${sbin}/useradd`, 'useradd@debian').exe(`${sbin}/groupadd`, 'groupadd@debian').exe(`${sbin}/usermod`, 'usermod@debian');
  if (!ubuntu) b.exe(`${sbin}/adduser`, 'adduser@debian').link(`${sbin}/addgroup`, 'adduser');
  debianTools(b);
  return b;
}

const APPLETS_SBIN = new Set(['acpid', 'adjtimex', 'arp', 'blkid', 'blockdev', 'depmod', 'fbsplash', 'fdisk', 'findfs', 'fsck', 'fstrim', 'getty', 'halt', 'hwclock', 'ifconfig', 'ifdown', 'ifenslave', 'ifup', 'init', 'inotifyd', 'insmod', 'ip', 'ipaddr', 'iplink', 'ipneigh', 'iproute', 'iprule', 'iptunnel', 'klogd', 'loadkmap', 'logread', 'losetup', 'lsmod', 'mdev', 'mkdosfs', 'mkfs.vfat', 'mkswap', 'modinfo', 'modprobe', 'nameif', 'nologin', 'pivot_root', 'poweroff', 'reboot', 'rmmod', 'route', 'setconsole', 'slattach', 'swapoff', 'swapon', 'switch_root', 'sysctl', 'syslogd', 'tunctl', 'udhcpc', 'vconfig', 'watchdog']);

function alpine(os: 'alpine-3.22' | 'alpine-3.21' | 'alpine-3.20' | 'alpine-3.18', applets: readonly string[], mtime: number): Builder {
  const b = new Builder(mtime);
  fhs(b, false);
  const v = { 'alpine-3.22': '3.22.0', 'alpine-3.21': '3.21.3', 'alpine-3.20': '3.20.6', 'alpine-3.18': '3.18.4' }[os];
  const minor = v.split('.').slice(0, 2).join('.');
  b.file('/etc/os-release', OS_RELEASE[os]).file('/etc/alpine-release', `${v}\n`);
  b.file('/etc/hostname', '').file('/etc/hosts', '').file('/etc/resolv.conf', '');
  b.file('/etc/passwd', ALPINE_PASSWD).file('/etc/group', ALPINE_GROUP).file('/etc/shadow', shadowOf(ALPINE_PASSWD), 0o640, 0, 42);
  b.file('/etc/shells', '# valid login shells\n/bin/sh\n/bin/ash\n').file('/etc/profile', ALPINE_PROFILE);
  b.file('/etc/apk/repositories', `https://dl-cdn.alpinelinux.org/alpine/v${minor}/main\nhttps://dl-cdn.alpinelinux.org/alpine/v${minor}/community\n`);
  b.file('/etc/apk/world', ALPINE_BASE_PACKAGES.map((p) => p.name).filter((n) => ['alpine-baselayout', 'alpine-keys', 'apk-tools', 'busybox', 'libc-utils', 'ca-certificates-bundle'].includes(n)).sort().join('\n') + '\n');
  b.file('/etc/apk/arch', 'x86_64\n').dir('/etc/apk/keys').dir('/etc/apk/protected_paths.d');
  b.file('/lib/apk/db/installed', ALPINE_BASE_PACKAGES.map(apkInstalledEntry).join('\n')).dir('/var/cache/apk');
  b.exe('/bin/busybox', 'busybox').exe('/sbin/apk', 'apk@alpine');
  for (const a of applets) {
    const dir = APPLETS_SBIN.has(a) ? '/sbin' : ['[', '[[', 'awk', 'basename', 'clear', 'cut', 'diff', 'dirname', 'du', 'env', 'find', 'free', 'groups', 'head', 'id', 'less', 'md5sum', 'nl', 'nohup', 'nproc', 'od', 'paste', 'printf', 'readlink', 'realpath', 'seq', 'sha1sum', 'sha256sum', 'sort', 'tac', 'tail', 'tee', 'test', 'timeout', 'tr', 'uniq', 'uptime', 'wc', 'which', 'whoami', 'xargs', 'xxd', 'yes', 'wget', 'vi', 'unzip', 'tree'].includes(a) ? '/usr/bin' : '/bin';
    b.link(`${dir}/${a}`, '/bin/busybox');
  }
  return b;
}

function busybox(applets: readonly string[], mtime: number): Builder {
  const b = new Builder(mtime);
  b.dir('/');
  for (const d of ['/bin', '/dev', '/etc', '/home', '/lib', '/lib64', '/usr', '/usr/sbin', '/var', '/var/spool', '/var/spool/mail', '/var/www']) b.dir(d);
  b.dir('/root', 0o700).dir('/tmp', 0o1777).dir('/home', 0o755);
  b.file('/etc/passwd', BUSYBOX_PASSWD).file('/etc/group', BUSYBOX_GROUP).file('/etc/shadow', shadowOf(BUSYBOX_PASSWD), 0o600);
  b.file('/etc/hostname', '').file('/etc/hosts', '').file('/etc/resolv.conf', '').file('/etc/localtime', '', 0o644);
  b.file('/etc/nsswitch.conf', 'hosts: files dns\nnetworks: files\n');
  // every applet is a hard link to the one binary: the same marker in every file
  b.exe('/bin/busybox', 'busybox');
  for (const a of applets) b.exe(`/bin/${a}`, 'busybox');
  return b;
}

function oracleLinux(mtime: number): Builder {
  const b = new Builder(mtime);
  fhs(b, true);
  b.file('/etc/os-release', OS_RELEASE['oraclelinux-9']).file('/etc/oracle-release', 'Oracle Linux Server release 9.6\n').link('/etc/redhat-release', 'oracle-release').link('/etc/system-release', 'oracle-release');
  b.file('/etc/hostname', '').file('/etc/hosts', '').file('/etc/resolv.conf', '');
  b.file('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nadm:x:3:4:adm:/var/adm:/sbin/nologin\nlp:x:4:7:lp:/var/spool/lpd:/sbin/nologin\nsync:x:5:0:sync:/sbin:/bin/sync\nshutdown:x:6:0:shutdown:/sbin:/sbin/shutdown\nhalt:x:7:0:halt:/sbin:/sbin/halt\nmail:x:8:12:mail:/var/spool/mail:/sbin/nologin\noperator:x:11:0:operator:/root:/sbin/nologin\ngames:x:12:100:games:/usr/games:/sbin/nologin\nftp:x:14:50:FTP User:/var/ftp:/sbin/nologin\nnobody:x:65534:65534:Kernel Overflow User:/:/sbin/nologin\n');
  b.file('/etc/group', 'root:x:0:\nbin:x:1:\ndaemon:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmem:x:8:\nkmem:x:9:\nwheel:x:10:\ncdrom:x:11:\nmail:x:12:\nman:x:15:\ndialout:x:18:\nfloppy:x:19:\ngames:x:20:\ntape:x:33:\nvideo:x:39:\nftp:x:50:\nlock:x:54:\naudio:x:63:\nusers:x:100:\nnobody:x:65534:\n');
  b.exe('/usr/bin/bash', 'bash').link('/usr/bin/sh', 'bash');
  for (const p of DEBIAN_BASE_PROGRAMS) if (p !== 'mawk') b.exe(`/usr/bin/${p}`, p);
  b.exe('/usr/bin/gawk', 'awk').link('/usr/bin/awk', 'gawk');
  b.exe('/usr/bin/microdnf', 'microdnf@oraclelinux');
  return b;
}

// ---------------------------------------------------------------------------------------------
// What images add

/** The layers an image adds on its base, oldest first (as many as its own layer count). */
function appLayers(img: CatalogImage, mtime: number, own: number): Builder[] {
  const out: Builder[] = [];
  const add = (): Builder => {
    const b = new Builder(mtime);
    out.push(b);
    return b;
  };
  const env = (k: string) => img.config.Env.find((e) => e.startsWith(`${k}=`))?.slice(k.length + 1);
  const alpineBase = img.os.startsWith('alpine');
  switch (img.app) {
    case 'base':
      break;
    case 'hello':
      add().file('/hello', executableContents('hello@docker'), 0o775);
      break;
    case 'whoami': {
      add().file('/usr/share/zoneinfo/UTC', 'TZif2\n').file('/usr/share/zoneinfo/Etc/UTC', 'TZif2\n');
      add().file('/etc/ssl/certs/ca-certificates.crt', '-----BEGIN CERTIFICATE-----\n');
      add().exe('/whoami', 'whoami@traefik');
      break;
    }
    case 'nginx':
    case 'nginxdemos-hello':
    case 'nginxdemos-hello-plain':
    case 'getting-started': {
      const b = add();
      if (alpineBase) b.file('/etc/passwd', ALPINE_PASSWD + 'nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n').file('/etc/group', ALPINE_GROUP + 'nginx:x:101:nginx\n');
      else b.file('/etc/passwd', DEBIAN_PASSWD + 'nginx:x:101:101:nginx user:/nonexistent:/bin/false\n').file('/etc/group', DEBIAN_GROUP + 'nginx:x:101:\n');
      b.exe('/usr/sbin/nginx', 'nginx@nginx').exe('/usr/sbin/nginx-debug', 'nginx@nginx');
      b.file('/etc/nginx/nginx.conf', NGINX_CONF).file('/etc/nginx/conf.d/default.conf', NGINX_DEFAULT_CONF).file('/etc/nginx/mime.types', 'types {\n    text/html                                        html htm shtml;\n    text/css                                         css;\n    application/javascript                           js;\n    application/json                                 json;\n    image/png                                        png;\n    image/x-icon                                     ico;\n    text/plain                                       txt;\n}\n');
      b.file('/etc/nginx/fastcgi_params', NGINX_FASTCGI_PARAMS).file('/etc/nginx/scgi_params', NGINX_SCGI_PARAMS).file('/etc/nginx/uwsgi_params', NGINX_UWSGI_PARAMS);
      b.dir('/usr/lib/nginx/modules').link('/etc/nginx/modules', '/usr/lib/nginx/modules');
      for (const m of NGINX_MODULES) b.file(`/usr/lib/nginx/modules/${m}`, '\x7fELF');
      b.file('/usr/share/nginx/html/index.html', NGINX_INDEX).file('/usr/share/nginx/html/50x.html', NGINX_50X);
      b.dir('/var/cache/nginx').dir('/var/log/nginx').link('/var/log/nginx/access.log', '/dev/stdout').link('/var/log/nginx/error.log', '/dev/stderr');
      b.exe('/usr/bin/envsubst', 'true');
      if (!alpineBase) b.exe('/usr/bin/curl', 'curl');
      add().exe('/docker-entrypoint.sh', 'docker-entrypoint@nginx');
      add().file('/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh', '#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n', 0o775);
      add().file('/docker-entrypoint.d/15-local-resolvers.envsh', '#!/bin/sh\n# vim:sw=2:ts=2:sts=2:et\n\nset -eu\n', 0o775);
      add().file('/docker-entrypoint.d/20-envsubst-on-templates.sh', '#!/bin/sh\n\nset -e\n', 0o775);
      add().file('/docker-entrypoint.d/30-tune-worker-processes.sh', '#!/bin/sh\n# vim:sw=2:ts=2:sts=2:et\n\nset -eu\n', 0o775);
      if (alpineBase) add().exe('/usr/bin/curl', 'curl');
      if (img.app === 'nginxdemos-hello' || img.app === 'nginxdemos-hello-plain') {
        add().file('/etc/nginx/conf.d/default.conf', '').t['/etc/nginx/conf.d/default.conf'] = { type: 'whiteout' };
        add().file('/etc/nginx/conf.d/hello.conf', NGINX_HELLO_CONF);
        add().file('/usr/share/nginx/html/index.html', img.app === 'nginxdemos-hello' ? NGINX_HELLO_INDEX : 'Server address: $server_addr:$server_port\nServer name: $hostname\nDate: $time_local\nURI: $request_uri\nRequest ID: $request_id\n');
      }
      if (img.app === 'getting-started') {
        add().file('/usr/share/nginx/html/assets/app.zip', 'PK\x03\x04');
        add().file('/usr/share/nginx/html/index.html', '<!doctype html>\n<html lang="en">\n<head>\n<title>Getting Started</title>\n</head>\n<body>\n<h1>Getting Started</h1>\n</body>\n</html>\n').file('/usr/share/nginx/html/tutorial/index.html', '<!doctype html>\n<title>Getting Started</title>\n');
      }
      break;
    }
    case 'httpd': {
      add().dir('/usr/local/apache2', 0o755, 33, 33);
      add().file('/usr/share/doc/libaprutil1-ldap/copyright', '');
      add()
        .exe('/usr/local/apache2/bin/httpd', 'httpd@httpd')
        .exe('/usr/local/apache2/bin/apachectl', 'httpd@httpd')
        .file('/usr/local/apache2/htdocs/index.html', HTTPD_INDEX)
        .file('/usr/local/apache2/conf/httpd.conf', 'ServerRoot "/usr/local/apache2"\nListen 80\nDocumentRoot "/usr/local/apache2/htdocs"\n')
        .dir('/usr/local/apache2/logs');
      add().exe('/usr/local/bin/httpd-foreground', 'httpd-foreground@httpd');
      break;
    }
    case 'redis': {
      add().file('/etc/passwd', DEBIAN_PASSWD + 'redis:x:999:999::/home/redis:/usr/sbin/nologin\n').file('/etc/group', DEBIAN_GROUP + 'redis:x:999:\n');
      add().file('/usr/share/zoneinfo/UTC', 'TZif2\n');
      add().exe('/usr/local/bin/redis-server', 'redis-server@redis').exe('/usr/local/bin/redis-cli', 'redis-cli@redis').link('/usr/local/bin/redis-sentinel', 'redis-server').link('/usr/local/bin/redis-check-rdb', 'redis-server').link('/usr/local/bin/redis-check-aof', 'redis-server').exe('/usr/local/bin/redis-benchmark', 'redis-cli@redis');
      add().dir('/data', 0o755, 999, 999);
      add().exe('/usr/local/bin/docker-entrypoint.sh', 'docker-entrypoint@redis');
      break;
    }
    case 'postgres': {
      const b = add();
      b.file('/etc/passwd', DEBIAN_PASSWD + 'postgres:x:999:999::/var/lib/postgresql:/bin/bash\n').file('/etc/group', DEBIAN_GROUP + 'postgres:x:999:\n');
      add().exe('/usr/local/bin/gosu', 'true');
      add().file('/usr/share/locale/locale.alias', '');
      add().file('/usr/lib/locale/locale-archive', '');
      add().dir('/usr/share/postgresql-common');
      add().dir('/docker-entrypoint-initdb.d');
      add()
        .exe('/usr/lib/postgresql/17/bin/postgres', 'postgres@postgres')
        .exe('/usr/lib/postgresql/17/bin/initdb', 'true')
        .exe('/usr/lib/postgresql/17/bin/pg_ctl', 'true')
        .exe('/usr/lib/postgresql/17/bin/psql', 'psql@postgres')
        .exe('/usr/bin/psql', 'psql@postgres');
      add().file('/usr/share/postgresql/postgresql.conf.sample', "#listen_addresses = 'localhost'\n");
      add().dir('/var/run/postgresql', 0o3777, 999, 999);
      add().dir('/var/lib/postgresql/data', 0o1777, 999, 999);
      add().exe('/usr/local/bin/docker-entrypoint.sh', 'docker-entrypoint@postgres').link('/usr/local/bin/docker-ensure-initdb.sh', 'docker-entrypoint.sh').link('/usr/local/bin/docker-enforce-initdb.sh', 'docker-entrypoint.sh');
      break;
    }
    case 'mysql': {
      add().file('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\nmysql:x:999:999::/var/lib/mysql:/bin/bash\n').file('/etc/group', 'root:x:0:\nmysql:x:999:\n');
      add().exe('/usr/local/bin/gosu', 'true');
      add().file('/etc/yum.repos.d/mysql-community.repo', '[mysql8.0-server-minimal]\nname=MySQL 8.0 Server Minimal\nenabled=1\n');
      add().exe('/usr/sbin/mysqld', 'mysqld@mysql').exe('/usr/bin/mysql', 'mysql@mysql').dir('/var/lib/mysql', 0o755, 999, 999).dir('/var/run/mysqld', 0o1777, 999, 999);
      add().file('/etc/my.cnf', '[mysqld]\nskip-host-cache\nskip-name-resolve\ndatadir=/var/lib/mysql\nsocket=/var/run/mysqld/mysqld.sock\nsecure-file-priv=/var/lib/mysql-files\nuser=mysql\n\npid-file=/var/run/mysqld/mysqld.pid\n[client]\nsocket=/var/run/mysqld/mysqld.sock\n\n!includedir /etc/mysql/conf.d/\n');
      add().exe('/usr/bin/mysqlsh', 'mysql@mysql');
      add().dir('/docker-entrypoint-initdb.d');
      add().dir('/etc/mysql/conf.d');
      add().exe('/usr/local/bin/docker-entrypoint.sh', 'docker-entrypoint@mysql').link('/entrypoint.sh', 'usr/local/bin/docker-entrypoint.sh');
      break;
    }
    case 'mongo': {
      add().file('/etc/passwd', UBUNTU_PASSWD + 'mongodb:x:999:999::/data/db:/bin/sh\n').file('/etc/group', DEBIAN_GROUP + 'ubuntu:x:1000:\nmongodb:x:999:mongodb\n');
      add().exe('/usr/local/bin/gosu', 'true');
      add().exe('/usr/local/bin/jq', 'true');
      add().dir('/docker-entrypoint-initdb.d');
      add().exe('/usr/bin/mongod', 'mongod@mongo').exe('/usr/bin/mongos', 'mongod@mongo').exe('/usr/bin/mongosh', 'mongosh@mongo');
      add().dir('/data/db', 0o755, 999, 999).dir('/data/configdb', 0o755, 999, 999);
      add().exe('/usr/local/bin/docker-entrypoint.sh', 'docker-entrypoint@mongo');
      break;
    }
    case 'python': {
      const v = env('PYTHON_VERSION') ?? '3.12.11';
      const mm = v.split('.').slice(0, 2).join('.');
      if (img.os === 'debian-bookworm') {
        add().exe('/usr/bin/curl', 'curl').exe('/usr/bin/wget', 'true');
        add().exe('/usr/bin/git', 'true');
        add().exe('/usr/bin/gcc', 'true').exe('/usr/bin/make', 'true');
      }
      add().file('/usr/share/doc/tk-dev/copyright', '');
      add()
        .exe(`/usr/local/bin/python${mm}`, 'python@python')
        .link('/usr/local/bin/python3', `python${mm}`)
        .exe(`/usr/local/bin/pip${mm}`, 'pip@python')
        .exe('/usr/local/bin/pip3', 'pip@python')
        .exe('/usr/local/bin/pydoc3', 'true')
        .dir(`/usr/local/lib/python${mm}/site-packages`)
        .file(`/usr/local/lib/python${mm}/http/server.py`, '"""HTTP server classes."""\n');
      add().link('/usr/local/bin/python', 'python3').link('/usr/local/bin/pip', 'pip3').link('/usr/local/bin/pydoc', 'pydoc3');
      break;
    }
    case 'node': {
      if (!alpineBase) {
        add().exe('/usr/bin/curl', 'curl').exe('/usr/bin/wget', 'true');
        add().exe('/usr/bin/git', 'true');
        add().exe('/usr/bin/gcc', 'true').exe('/usr/bin/make', 'true').exe('/usr/bin/python3', 'python@python');
        add().file('/etc/passwd', DEBIAN_PASSWD + 'node:x:1000:1000::/home/node:/bin/bash\n').file('/etc/group', DEBIAN_GROUP + 'node:x:1000:\n').dir('/home/node', 0o755, 1000, 1000);
      } else {
        add().file('/etc/passwd', ALPINE_PASSWD + 'node:x:1000:1000::/home/node:/bin/sh\n').file('/etc/group', ALPINE_GROUP + 'node:x:1000:node\n').dir('/home/node', 0o755, 1000, 1000);
      }
      add()
        .exe('/usr/local/bin/node', 'node@node')
        .link('/usr/local/bin/nodejs', 'node')
        .exe('/usr/local/lib/node_modules/npm/bin/npm-cli.js', 'npm@node')
        .exe('/usr/local/lib/node_modules/npm/bin/npx-cli.js', 'npx@node')
        .link('/usr/local/bin/npm', '../lib/node_modules/npm/bin/npm-cli.js')
        .link('/usr/local/bin/npx', '../lib/node_modules/npm/bin/npx-cli.js')
        .exe('/usr/local/bin/corepack', 'true');
      add().exe('/opt/yarn-v1.22.22/bin/yarn', 'yarn@node').link('/usr/local/bin/yarn', '/opt/yarn-v1.22.22/bin/yarn').link('/usr/local/bin/yarnpkg', '/opt/yarn-v1.22.22/bin/yarn');
      add().exe('/usr/local/bin/docker-entrypoint.sh', 'docker-entrypoint@node');
      break;
    }
    case 'golang': {
      add().exe('/usr/bin/curl', 'curl').exe('/usr/bin/wget', 'true');
      add().exe('/usr/bin/git', 'true');
      add().exe('/usr/bin/gcc', 'true').exe('/usr/bin/make', 'true');
      add().exe('/usr/local/bin/go-placeholder', 'true').t['/usr/local/bin/go-placeholder'] = { type: 'whiteout' };
      add().exe('/usr/local/go/bin/go', 'go@golang').exe('/usr/local/go/bin/gofmt', 'true').file('/usr/local/go/VERSION', `go${env('GOLANG_VERSION') ?? '1.24.4'}\ntime 2025-06-04T16:31:44Z\n`);
      add().dir('/go/src', 0o1777).dir('/go/bin', 0o1777);
      break;
    }
    case 'registry': {
      add().dir('/etc/ssl/certs');
      add().exe('/bin/registry', 'registry@distribution');
      add().file('/etc/docker/registry/config.yml', 'version: 0.1\nlog:\n  fields:\n    service: registry\nstorage:\n  cache:\n    blobdescriptor: inmemory\n  filesystem:\n    rootdirectory: /var/lib/registry\nhttp:\n  addr: :5000\n  headers:\n    X-Content-Type-Options: [nosniff]\nhealth:\n  storagedriver:\n    enabled: true\n    interval: 10s\n    threshold: 3\n');
      add().exe('/entrypoint.sh', 'registry-entrypoint@distribution');
      break;
    }
    case 'jupyter': {
      add().file('/etc/passwd', (img.os === 'ubuntu-noble' ? UBUNTU_PASSWD : DEBIAN_PASSWD) + 'jovyan:x:1000:100::/home/jovyan:/bin/bash\n').dir('/home/jovyan', 0o755, 1000, 100).dir('/home/jovyan/work', 0o755, 1000, 100);
      add().exe('/usr/bin/tini', 'tini@jupyter');
      add().exe('/usr/local/bin/start.sh', 'start.sh@jupyter').exe('/usr/local/bin/start-notebook.py', 'start-notebook@jupyter').exe('/usr/local/bin/start-notebook.sh', 'start-notebook@jupyter').exe('/usr/local/bin/start-singleuser.py', 'start-notebook@jupyter');
      add().dir('/usr/local/bin/start-notebook.d').dir('/usr/local/bin/before-notebook.d');
      add().exe('/opt/conda/bin/python3.11', 'python@python').link('/opt/conda/bin/python3', 'python3.11').link('/opt/conda/bin/python', 'python3.11').exe('/opt/conda/bin/pip', 'pip@python').exe('/opt/conda/bin/jupyter', 'jupyter@jupyter').exe('/opt/conda/bin/jupyter-lab', 'jupyter@jupyter');
      add().file('/etc/jupyter/jupyter_server_config.py', 'c = get_config()  # noqa: F821\nc.ServerApp.ip = "0.0.0.0"\nc.ServerApp.open_browser = False\n');
      break;
    }
    case 'tensorflow': {
      add().exe('/usr/bin/python3.11', 'python@python').link('/usr/bin/python3', 'python3.11').link('/usr/bin/python', 'python3');
      add().exe('/usr/local/bin/pip', 'pip@python').exe('/usr/local/bin/pip3', 'pip@python');
      add().dir('/usr/local/lib/python3.11/dist-packages/tensorflow');
      add().file('/etc/bash.bashrc', TF_BASHRC);
      break;
    }
    case 'bootcamp': {
      add().exe('/usr/bin/curl', 'curl');
      add().exe('/usr/local/bin/node', 'node@node').exe('/usr/local/bin/npm', 'npm@node');
      add().file('/server.js', BOOTCAMP_SERVER_JS.replace('v=1', img.tag === 'v2' ? 'v=2' : 'v=1'));
      break;
    }
    case 'kicbase': {
      // minikube's node: systemd stays up (init@kicbase); the docker CLI talks to the node's dockerd;
      // user `docker` (uid 1000, sudo) is who `minikube ssh` logs in as (deploy/kicbase/Dockerfile).
      add()
        .exe('/usr/local/bin/entrypoint', 'init@kicbase')
        .exe('/sbin/init', 'init@kicbase')
        .exe('/usr/bin/docker', 'docker')
        .exe('/usr/bin/curl', 'curl')
        .file('/etc/passwd', DEBIAN_PASSWD + 'docker:x:1000:999:,,,:/home/docker:/bin/bash\n')
        .file('/etc/group', DEBIAN_GROUP.replace(/^sudo:x:27:$/m, 'sudo:x:27:docker') + 'docker:x:999:docker\n')
        .dir('/home/docker', 0o755, 1000, 999);
      break;
    }
  }
  // Pad or fold to the image's own layer count: extra layers record small changes (a directory
  // made, a cache cleaned) as RUN steps do; surplus builders are merged into the last layer.
  while (out.length < own) add().dir(`/var/lib/dockyard-layer-${out.length}`).t[`/var/lib/dockyard-layer-${out.length}`] = { type: 'whiteout' };
  while (out.length > own && out.length > 1) {
    const last = out.pop()!;
    Object.assign(out[out.length - 1]!.t, last.t);
  }
  return out.slice(0, own);
}

const TF_BASHRC = `export PS1="\\[\\e[31m\\]tf-docker\\[\\e[m\\] \\[\\e[33m\\]\\w\\[\\e[m\\] > "
export TERM=xterm-256color
alias grep="grep --color=auto"
alias ls="ls --color=auto"

echo -e "\\e[1;31m"
cat<<TF
________                               _______________                
___  __/__________________________________  ____/__  /________      __
__  /  _  _ \\_  __ \\_  ___/  __ \\_  ___/_  /_   __  /_  __ \\_ | /| / /
_  /   /  __/  / / /(__  )/ /_/ /  /   _  __/   _  / / /_/ /_ |/ |/ / 
/_/    \\___//_/ /_//____/ \\____//_/    /_/      /_/  \\____/____/|__/

TF
echo -e "\\e[0;33m"

if [[ $EUID -eq 0 ]]; then
  cat <<WARN
WARNING: You are running this container as root, which can cause new files in
mounted volumes to be created as the root user on your host machine.

To avoid this, run the container by specifying your user's userid:

$ docker run -u \\$(id -u):\\$(id -g) args...
WARN
else
  cat <<EXPL
You are running this container as user with ID $(id -u) and group $(id -g),
which should map to the ID and group for your user on the Docker host. Great!
EXPL
fi

# Turn off colors
echo -e "\\e[m"
`;

// ---------------------------------------------------------------------------------------------
// Entry point

/** The BusyBox applets of busybox:1.37.0 (programs.md §2.1). */
export const BUSYBOX_APPLETS = `[ [[ acpid add-shell addgroup adduser adjtimex ar arch arp arping ascii ash awk base32 base64 basename bc beep blkdiscard blkid blockdev bootchartd brctl bunzip2 bzcat bzip2 cal cat chat chattr chgrp chmod chown chpasswd chpst chroot chrt chvt cksum clear cmp comm conspy cp cpio crc32 crond crontab cryptpw cttyhack cut date dc dd deallocvt delgroup deluser depmod devmem df dhcprelay diff dirname dmesg dnsd dnsdomainname dos2unix dpkg dpkg-deb du dumpkmap dumpleases echo ed egrep eject env envdir envuidgid ether-wake expand expr factor fakeidentd fallocate false fatattr fbset fbsplash fdflush fdformat fdisk fgconsole fgrep find findfs flock fold free freeramdisk fsck fsck.minix fsfreeze fstrim fsync ftpd ftpget ftpput fuser getconf getfattr getopt getty grep groups gunzip gzip halt hd hdparm head hexdump hexedit hostid hostname httpd hush hwclock i2cdetect i2cdump i2cget i2cset i2ctransfer id ifconfig ifdown ifenslave ifplugd ifup inetd init inotifyd insmod install ionice iostat ip ipaddr ipcalc ipcrm ipcs iplink ipneigh iproute iprule iptunnel kbd_mode kill killall killall5 klogd last less link linux32 linux64 linuxrc ln loadfont loadkmap logger login logname logread losetup lpd lpq lpr ls lsattr lsmod lsof lspci lsscsi lsusb lzcat lzma lzop makedevs makemime man md5sum mdev mesg microcom mim mkdir mkdosfs mke2fs mkfifo mkfs.ext2 mkfs.minix mkfs.vfat mknod mkpasswd mkswap mktemp modinfo modprobe more mount mountpoint mpstat mt mv nameif nanddump nandwrite nbd-client nc netstat nice nl nmeter nohup nologin nproc nsenter nslookup ntpd od openvt partprobe passwd paste patch pgrep pidof ping ping6 pipe_progress pivot_root pkill pmap popmaildir poweroff powertop printenv printf ps pscan pstree pwd pwdx raidautorun rdate rdev readahead readlink readprofile realpath reboot reformime remove-shell renice reset resize resume rev rm rmdir rmmod route rpm rpm2cpio rtcwake run-init run-parts runlevel runsv runsvdir rx script scriptreplay sed seedrng sendmail seq setarch setconsole setfattr setfont setkeycodes setlogcons setpriv setserial setsid setuidgid sh sha1sum sha256sum sha3sum sha512sum showkey shred shuf slattach sleep smemcap softlimit sort split ssl_client start-stop-daemon stat strings stty su sulogin sum sv svc svlogd svok swapoff swapon switch_root sync sysctl syslogd tac tail tar taskset tc tcpsvd tee telnet telnetd test tftp tftpd time timeout top touch tr traceroute traceroute6 tree true truncate ts tsort tty ttysize tunctl ubiattach ubidetach ubimkvol ubirename ubirmvol ubirsvol ubiupdatevol udhcpc udhcpc6 udhcpd udpsvd uevent umount uname unexpand uniq unix2dos unlink unlzma unshare unxz unzip uptime users usleep uudecode uuencode vconfig vi vlock volname w wall watch watchdog wc wget which who whoami whois xargs xxd xz xzcat yes zcat zcip`.split(' ');

/** Alpine 3.20's busybox applets (programs.md §2.1). */
export const ALPINE_APPLETS = `[ [[ acpid add-shell addgroup adduser adjtimex arch arp arping ash awk base64 basename bbconfig bc beep blkdiscard blkid blockdev brctl bunzip2 bzcat bzip2 cal cat chattr chgrp chmod chown chpasswd chroot chvt cksum clear cmp comm cp cpio crond crontab cryptpw cut date dc dd deallocvt delgroup deluser depmod df diff dirname dmesg dnsdomainname dos2unix du dumpkmap echo egrep eject env ether-wake expand expr factor fallocate false fatattr fbset fbsplash fdflush fdisk fgrep find findfs flock fold free fsck fstrim fsync fuser getopt getty grep groups gunzip gzip halt hd head hexdump hostid hostname hwclock id ifconfig ifdown ifenslave ifup init inotifyd insmod install ionice iostat ip ipaddr ipcalc ipcrm ipcs iplink ipneigh iproute iprule iptunnel kbd_mode kill killall killall5 klogd last less link linux32 linux64 ln loadfont loadkmap logger login logread losetup ls lsattr lsmod lsof lsusb lzcat lzma lzop lzopcat makemime md5sum mdev mesg microcom mkdir mkdosfs mkfifo mkfs.vfat mknod mkpasswd mkswap mktemp modinfo modprobe more mount mountpoint mpstat mv nameif nanddump nandwrite nbd-client nc netstat nice nl nmeter nohup nologin nproc nsenter nslookup ntpd od openvt partprobe passwd paste pgrep pidof ping ping6 pipe_progress pivot_root pkill pmap poweroff printenv printf ps pscan pstree pwd pwdx raidautorun rdate rdev readahead readlink realpath reboot reformime remove-shell renice reset resize rev rfkill rm rmdir rmmod route run-parts sed sendmail seq setconsole setfont setkeycodes setlogcons setpriv setserial setsid sh sha1sum sha256sum sha3sum sha512sum showkey shred shuf slattach sleep sort split stat strings stty su sum swapoff swapon switch_root sync sysctl syslogd tac tail tar tee test time timeout top touch tr traceroute traceroute6 tree true truncate tty ttysize tunctl udhcpc udhcpc6 umount uname unexpand uniq unix2dos unlink unlzma unlzop unshare unxz unzip uptime usleep uudecode uuencode vconfig vi vlock volname watch watchdog wc wget which who whoami whois xargs xxd xzcat yes zcat zcip`.split(' ');

function baseLayer(os: OsBase, mtime: number): LayerData | undefined {
  switch (os) {
    case 'scratch':
      return undefined;
    case 'busybox':
      return busybox(BUSYBOX_APPLETS, mtime).layer();
    case 'alpine-3.22':
    case 'alpine-3.21':
    case 'alpine-3.20':
    case 'alpine-3.18':
      return alpine(os, ALPINE_APPLETS, mtime).layer();
    case 'oraclelinux-9':
      return oracleLinux(mtime).layer();
    default:
      return debianLike(os, mtime).layer();
  }
}

/**
 * Immutable derived data (layers are never written to: a MemFs copies on write), shared across
 * instances like the catalog JSON: base layers by OS and base date, image layers by image ref.
 */
const baseCache = new Map<string, LayerData | undefined>();
const imageCache = new Map<string, readonly LayerData[]>();

/** An image's file system as layers, lowest first; `MemFs.fromLayers(imageLayers(img), clock)` is its root. */
export function imageLayers(img: CatalogImage): readonly LayerData[] {
  const hit = imageCache.get(img.ref);
  if (hit) return hit;
  // Bases are shared between images of the same OS (debian:bookworm's layer is python's first).
  const baseDate = BASE_DATES[img.os];
  const key = `${img.os}@${baseDate}`;
  if (!baseCache.has(key)) baseCache.set(key, baseLayer(img.os, Date.parse(baseDate)));
  const base = baseCache.get(key);
  const own = img.layerCount - (base ? 1 : 0);
  const mtime = Date.parse(img.created);
  let layers = [...(base ? [base] : []), ...appLayers(img, mtime, own).map((b) => b.layer())];
  if (base && own === 0 && img.app !== 'base') {
    // One layer holding the whole tree (kicbase: FROM scratch, COPY / /): the OS and the image's own files together.
    const entries = { ...base.entries, ...appLayers(img, mtime, 1)[0]!.t };
    layers = [{ id: layerDigest(entries), entries }];
  }
  imageCache.set(img.ref, layers);
  return layers;
}

const BASE_DATES: Record<OsBase, string> = {
  scratch: '2025-01-21T00:00:00Z',
  'ubuntu-noble': '2025-05-29T04:36:00Z',
  'ubuntu-jammy': '2025-05-30T04:12:00Z',
  'debian-bookworm': '2025-06-10T00:00:00Z',
  'debian-bookworm-slim': '2025-06-10T00:00:00Z',
  'debian-jessie': '2016-07-27T00:00:00Z',
  'alpine-3.22': '2025-05-30T12:00:00Z',
  'alpine-3.21': '2025-02-14T12:00:00Z',
  'alpine-3.20': '2025-02-14T12:00:00Z',
  'alpine-3.18': '2023-09-28T12:00:00Z',
  busybox: '2024-09-26T21:31:42Z',
  'oraclelinux-9': '2025-04-10T00:00:00Z',
};

/** The PATH directories of these images (their Env PATH), for tests and the daemon's checks. */
export const IMAGE_PATH = PATH_DIRS.join(':');
