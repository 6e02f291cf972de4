/**
 * The learner's host: a believable Debian 12 (bookworm) machine named `dockyard`, written as data
 * (a table of directories, files, links and devices) turned into one layer and applied to an empty
 * MemFs.
 */
import { versions } from '../core/versions';
import { executableContents } from '../runtime/programs';
import { DEBIAN_FILES, TZ_UTC_BASE64 } from './debian-files';
import { MemFs, type LayerData, type LayerEntry } from './memfs';
import type { FsCredentials, TimeSource } from './types';

export const HOSTNAME = 'dockyard';

export const LEARNER_UID = 1000;
export const LEARNER_GID = 1000;
const SUDO_GID = 27;
const DOCKER_GID = 999;

/** The learner: in `sudo` and `docker`, as after Docker's post-install steps. */
export const LEARNER_CREDENTIALS: FsCredentials = { uid: LEARNER_UID, gid: LEARNER_GID, groups: [LEARNER_GID, SUDO_GID, DOCKER_GID] };

/** When the base system was installed: the mtime of everything the learner did not make. */
const INSTALLED = Date.UTC(2025, 10, 17, 8, 42, 0);

// ---------------------------------------------------------------------------------------------
// Files

/** Debian 12's /etc/os-release (the host's; debian images have the same). */
export const DEBIAN_OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

/** base-passwd's users, as a fresh Debian 12 system has them (images start from these too). */
export const DEBIAN_BASE_PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;

const PASSWD = `${DEBIAN_BASE_PASSWD}messagebus:x:100:102::/nonexistent:/usr/sbin/nologin
learner:x:1000:1000:Learner,,,:/home/learner:/bin/bash
`;

/** base-passwd's groups, as a fresh Debian 12 system has them (images start from these too). */
export const DEBIAN_BASE_GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
news:x:9:
uucp:x:10:
man:x:12:
proxy:x:13:
kmem:x:15:
dialout:x:20:
fax:x:21:
voice:x:22:
cdrom:x:24:
floppy:x:25:
tape:x:26:
sudo:x:27:
audio:x:29:
dip:x:30:
www-data:x:33:
backup:x:34:
operator:x:37:
list:x:38:
irc:x:39:
src:x:40:
shadow:x:42:
utmp:x:43:
video:x:44:
sasl:x:45:
plugdev:x:46:
staff:x:50:
games:x:60:
users:x:100:
nogroup:x:65534:
`;

/** The groups Debian's installer puts the first user in (adduser's EXTRA_GROUPS and sudo). */
const LEARNER_GROUPS = ['cdrom', 'floppy', 'sudo', 'audio', 'dip', 'video', 'plugdev', 'users'];

const GROUP = `${DEBIAN_BASE_GROUP.replace(/^([^:]+):x:(\d+):$/gm, (line, name: string) => (LEARNER_GROUPS.includes(name) ? `${line}learner` : line))}messagebus:x:102:
docker:x:999:learner
learner:x:1000:
`;

const SHADOW = `${PASSWD.trim()
  .split('\n')
  .map((l) => `${l.split(':')[0]}:${l.startsWith('root:') ? '*' : l.startsWith('learner:') ? '!' : '*'}:20409:0:99999:7:::`)
  .join('\n')}
`;

const GSHADOW = `${GROUP.trim()
  .split('\n')
  .map((l) => {
    const [name, , , members] = l.split(':');
    return `${name}:*::${members ?? ''}`;
  })
  .join('\n')}
`;

const HOSTS = `127.0.0.1	localhost
127.0.1.1	${HOSTNAME}

# The following lines are desirable for IPv6 capable hosts
::1     localhost ip6-localhost ip6-loopback
ff02::1 ip6-allnodes
ff02::2 ip6-allrouters
`;

const SHELLS = `# /etc/shells: valid login shells
/bin/sh
/usr/bin/sh
/bin/bash
/usr/bin/bash
/bin/rbash
/usr/bin/rbash
/bin/dash
/usr/bin/dash
`;

/** Debian's files by path (see debian-files.ts). */
const DEBIAN = new Map(DEBIAN_FILES);

function debian(path: string): string {
  const text = DEBIAN.get(path);
  if (text === undefined) throw new Error(`no Debian file ${path}`);
  return text;
}

/** The files the learner's account got from /etc/skel when it was made. */
const SKEL = ['.bashrc', '.profile', '.bash_logout'];

function procVersion(): string {
  return `Linux version ${versions.kernel} (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) ${versions.kernelBuild}\n`;
}

function cpuinfo(cores: number): string {
  const flags =
    'fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ht syscall nx mmxext fxsr_opt pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc cpuid extd_apicid tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand hypervisor lahf_lm cmp_legacy cr8_legacy abm sse4a misalignsse 3dnowprefetch osvw topoext ssbd ibrs ibpb stibp vmmcall fsgsbase tsc_adjust bmi1 avx2 smep bmi2 erms invpcid rdseed adx smap clflushopt clwb sha_ni xsaveopt xsavec xgetbv1 xsaves clzero xsaveerptr wbnoinvd arat umip pku ospke vaes vpclmulqdq rdpid fsrm';
  const one = (i: number): string => `processor	: ${i}
vendor_id	: AuthenticAMD
cpu family	: 25
model		: 1
model name	: AMD EPYC 7B13
stepping	: 1
microcode	: 0xffffffff
cpu MHz		: 2450.000
cache size	: 512 KB
physical id	: 0
siblings	: ${cores}
core id		: ${i}
cpu cores	: ${cores}
apicid		: ${i}
initial apicid	: ${i}
fpu		: yes
fpu_exception	: yes
cpuid level	: 13
wp		: yes
flags		: ${flags}
bugs		: sysret_ss_attrs spectre_v1 spectre_v2 spec_store_bypass srso
bogomips	: 4900.00
TLB size	: 2560 4K pages
clflush size	: 64
cache_alignment	: 64
address sizes	: 48 bits physical, 48 bits virtual
power management:

`;
  return Array.from({ length: cores }, (_, i) => one(i)).join('');
}

const MEMINFO = `MemTotal:        8131452 kB
MemFree:         5902816 kB
MemAvailable:    7345120 kB
Buffers:           61244 kB
Cached:          1482340 kB
SwapCached:            0 kB
Active:           812456 kB
Inactive:        1086732 kB
SwapTotal:             0 kB
SwapFree:              0 kB
Dirty:               124 kB
Shmem:              9876 kB
`;

// ---------------------------------------------------------------------------------------------
// The table

type Spec =
  | { readonly dir: string; readonly mode?: number; readonly uid?: number; readonly gid?: number; readonly boot?: boolean }
  | { readonly file: string; readonly text: string; readonly mode?: number; readonly uid?: number; readonly gid?: number; readonly boot?: boolean }
  | { readonly file: string; readonly base64: string }
  | { readonly link: string; readonly to: string }
  | { readonly dev: string; readonly major: number; readonly minor: number; readonly mode?: number; readonly gid?: number };

const L = { uid: LEARNER_UID, gid: LEARNER_GID };

const DIRS = [
  '/boot', '/etc', '/etc/profile.d', '/etc/skel', '/etc/apt', '/etc/default', '/etc/opt', '/home', '/media', '/mnt', '/opt', '/srv',
  '/usr', '/usr/bin', '/usr/sbin', '/usr/lib', '/usr/lib64', '/usr/include', '/usr/games', '/usr/src', '/usr/share',
  '/usr/share/doc', '/usr/share/man', '/usr/local', '/usr/local/bin', '/usr/local/etc', '/usr/local/games',
  '/usr/local/include', '/usr/local/lib', '/usr/local/sbin', '/usr/local/share', '/usr/local/src',
  '/var', '/var/backups', '/var/cache', '/var/lib', '/var/log', '/var/opt', '/var/spool',
  '/etc/ld.so.conf.d', '/etc/sysctl.d', '/etc/apt/apt.conf.d', '/etc/apt/auth.conf.d', '/etc/apt/keyrings', '/etc/apt/preferences.d',
  '/etc/apt/sources.list.d', '/etc/apt/trusted.gpg.d', '/usr/share/zoneinfo', '/usr/share/zoneinfo/Etc',
];

/** Programs the engine knows that a Debian host does not have (sh is a link, made below). */
const NOT_ON_DEBIAN = new Set(['ash', 'sh']);

function table(programs: readonly string[]): Spec[] {
  return [
    { dir: '/', mode: 0o755 },
    ...DIRS.map((dir): Spec => ({ dir })),
    { dir: '/root', mode: 0o700 },
    { dir: '/tmp', mode: 0o1777, boot: true },
    { dir: '/var/tmp', mode: 0o1777 },
    { dir: '/var/local', mode: 0o2775, gid: 50 },
    { dir: '/var/mail', mode: 0o2775, gid: 8 },
    { dir: '/run', boot: true },
    { dir: '/run/lock', mode: 0o1777, boot: true },
    { dir: '/proc', mode: 0o555, boot: true },
    { dir: '/sys', mode: 0o555, boot: true },
    { dir: '/dev', boot: true },
    { dir: '/dev/pts', boot: true },
    { dir: '/dev/shm', mode: 0o1777, boot: true },
    { dir: '/home/learner', mode: 0o755, ...L },

    // merged /usr
    { link: '/bin', to: 'usr/bin' },
    { link: '/sbin', to: 'usr/sbin' },
    { link: '/lib', to: 'usr/lib' },
    { link: '/lib64', to: 'usr/lib64' },
    { link: '/var/lock', to: '/run/lock' },
    { link: '/var/run', to: '/run' },
    { link: '/usr/local/man', to: 'share/man' },

    // devices
    { dev: '/dev/null', major: 1, minor: 3 },
    { dev: '/dev/zero', major: 1, minor: 5 },
    { dev: '/dev/full', major: 1, minor: 7 },
    { dev: '/dev/random', major: 1, minor: 8 },
    { dev: '/dev/urandom', major: 1, minor: 9 },
    { dev: '/dev/tty', major: 5, minor: 0, gid: 5 },
    { link: '/dev/fd', to: '/proc/self/fd' },
    { link: '/dev/stdin', to: '/proc/self/fd/0' },
    { link: '/dev/stdout', to: '/proc/self/fd/1' },
    { link: '/dev/stderr', to: '/proc/self/fd/2' },

    // /etc
    { file: '/usr/lib/os-release', text: DEBIAN_OS_RELEASE },
    { link: '/etc/os-release', to: '../usr/lib/os-release' },
    { file: '/etc/debian_version', text: '12.11\n' },
    { file: '/etc/hostname', text: `${HOSTNAME}\n` },
    { file: '/etc/hosts', text: HOSTS },
    // QEMU/VirtualBox user-mode networking: the VM is 10.0.2.15, its DNS proxy 10.0.2.3.
    { file: '/etc/resolv.conf', text: 'nameserver 10.0.2.3\n' },
    { file: '/etc/passwd', text: PASSWD },
    { file: '/etc/group', text: GROUP },
    { file: '/etc/shadow', text: SHADOW, mode: 0o640, gid: 42 },
    { file: '/etc/gshadow', text: GSHADOW, mode: 0o640, gid: 42 },
    { file: '/etc/shells', text: SHELLS },
    { file: '/etc/environment', text: '' },
    { file: '/etc/timezone', text: 'Etc/UTC\n' },
    { link: '/etc/localtime', to: '/usr/share/zoneinfo/Etc/UTC' },
    { file: '/usr/share/zoneinfo/Etc/UTC', base64: TZ_UTC_BASE64 },
    { link: '/usr/share/zoneinfo/UTC', to: 'Etc/UTC' },
    ...DEBIAN_FILES.map(([file, text]): Spec => ({ file, text })),

    // the learner's home
    ...SKEL.map((f): Spec => ({ file: `/home/learner/${f}`, text: debian(`/etc/skel/${f}`), ...L })),

    // /proc
    { file: '/proc/version', text: procVersion(), mode: 0o444, boot: true },
    { file: '/proc/cpuinfo', text: cpuinfo(2), mode: 0o444, boot: true },
    { file: '/proc/meminfo', text: MEMINFO, mode: 0o444, boot: true },

    // programs: Debian's /bin/sh is dash; busybox's ash belongs in images, not on this host
    ...programs
      .filter((name) => !NOT_ON_DEBIAN.has(name))
      .map((name): Spec => ({ file: `/usr/bin/${name}`, text: executableContents(name), mode: 0o755 })),
    ...(programs.includes('dash') ? [{ link: '/usr/bin/sh', to: 'dash' }] : []),
  ];
}

/** The host's files as one layer. `now` is the boot time (mtime of /tmp, /run, /dev, /proc). */
export function hostLayer(programs: readonly string[], now: number): LayerData {
  const entries: Record<string, LayerEntry> = {};
  for (const s of table(programs)) {
    if ('dir' in s) entries[s.dir] = { type: 'dir', mode: s.mode ?? 0o755, uid: s.uid ?? 0, gid: s.gid ?? 0, mtime: s.boot ? now : INSTALLED };
    else if ('base64' in s) entries[s.file] = { type: 'file', base64: s.base64, mode: 0o644, uid: 0, gid: 0, mtime: INSTALLED };
    else if ('file' in s) entries[s.file] = { type: 'file', text: s.text, mode: s.mode ?? 0o644, uid: s.uid ?? 0, gid: s.gid ?? 0, mtime: s.boot ? now : INSTALLED };
    else if ('link' in s) entries[s.link] = { type: 'symlink', target: s.to, mode: 0o777, uid: 0, gid: 0, mtime: INSTALLED };
    else entries[s.dev] = { type: 'chardev', major: s.major, minor: s.minor, mode: s.mode ?? 0o666, uid: 0, gid: s.gid ?? 0, mtime: now };
  }
  return { id: 'dockyard-host', entries };
}

/** A fresh host file system (root's view); `programs` become executables in /usr/bin. */
export function createHostFs(clock: TimeSource, programs: readonly string[]): MemFs {
  const fs = new MemFs(clock);
  fs.applyLayer(hostLayer(programs, clock.now()));
  return fs;
}
