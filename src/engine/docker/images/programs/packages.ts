/**
 * The simulated package archives: the packages a base image has, and an index of commonly
 * installed packages with believable versions and sizes for Ubuntu noble and jammy, Debian
 * bookworm and Alpine. cowsay's chain on noble is the one of programs.md §5.3; other versions
 * and sizes are believable values for mid-2025, not read from the archives.
 */

export type Distro = 'noble' | 'jammy' | 'bookworm' | 'jessie';

export interface DebPackage {
  readonly name: string;
  readonly version: string;
  readonly arch: 'amd64' | 'all';
  /** Archive pocket and component: `noble/universe`, `noble-updates/main`, `bookworm/main`. */
  readonly pocket: string;
  /** Download size in bytes. */
  readonly size: number;
  /** Installed-Size in kB. */
  readonly installedKb: number;
  readonly depends: readonly string[];
  readonly suggests?: readonly string[];
  /** Files the package installs: path → a program marker (`@name`), a symlink (`->target`) or text. */
  readonly files: Readonly<Record<string, string>>;
  /** Whether dpkg names it `name:amd64`. */
  readonly multiArch?: boolean;
  /** Files and directories it adds to dpkg's database (for "Reading database ..."). */
  readonly fileCount: number;
}

export interface BasePackage {
  readonly name: string;
  readonly version: string;
  readonly arch: 'amd64' | 'all';
}

// ---------------------------------------------------------------------------------------------
// Base images' packages (dpkg -l shows them)

const base = (list: string): BasePackage[] =>
  list
    .trim()
    .split(/\s+/)
    .map((x) => {
      const [name, version, arch] = x.split('|');
      return { name: name!, version: version!, arch: (arch ?? 'amd64') as 'amd64' | 'all' };
    });

export const DEBIAN_BASE_PACKAGES: readonly BasePackage[] = base(`
adduser|3.134|all apt|2.6.1 base-files|12.4+deb12u11 base-passwd|3.6.1 bash|5.2.15-2+b8 bsdutils|1:2.38.1-5+deb12u3
coreutils|9.1-1 dash|0.5.12-2 debconf|1.5.82|all debian-archive-keyring|2023.3+deb12u2|all debianutils|5.7-0.5~deb12u1
diffutils|1:3.8-4 dpkg|1.21.22 e2fsprogs|1.47.0-2 findutils|4.9.0-4 gcc-12-base|12.2.0-14+deb12u1 gpgv|2.2.40-1.1
grep|3.8-5 gzip|1.12-1 hostname|3.23+nmu1 init-system-helpers|1.65.2|all libc-bin|2.36-9+deb12u10 libc6|2.36-9+deb12u10
libgcc-s1|12.2.0-14+deb12u1 libstdc++6|12.2.0-14+deb12u1 login|1:4.13+dfsg1-1+deb12u1 mawk|1.3.4.20200120-3.1
mount|2.38.1-5+deb12u3 ncurses-base|6.4-4|all ncurses-bin|6.4-4 passwd|1:4.13+dfsg1-1+deb12u1 perl-base|5.36.0-7+deb12u2
sed|4.9-1 sysvinit-utils|3.06-4 tar|1.34+dfsg-1.2+deb12u1 tzdata|2025b-0+deb12u1|all usr-is-merged|37~deb12u1|all
util-linux|2.38.1-5+deb12u3 zlib1g|1:1.2.13.dfsg-1
`);

export const UBUNTU_BASE_PACKAGES: Readonly<Record<'noble' | 'jammy', readonly BasePackage[]>> = {
  noble: base(`
apt|2.8.3 base-files|13ubuntu10.2 base-passwd|3.6.3build1 bash|5.2.21-2ubuntu4 bsdutils|1:2.39.3-9ubuntu6.2
coreutils|9.4-3ubuntu6 dash|0.5.12-6ubuntu5 debconf|1.5.86ubuntu1|all debianutils|5.17build1 diffutils|1:3.10-1build1
dpkg|1.22.6ubuntu6.1 findutils|4.9.0-5build1 gcc-14-base|14.2.0-4ubuntu2~24.04 gpgv|2.4.4-2ubuntu17.2 grep|3.11-4build1
gzip|1.12-1ubuntu3 hostname|3.23+nmu2ubuntu2 init-system-helpers|1.66ubuntu1|all libc-bin|2.39-0ubuntu8.4 libc6|2.39-0ubuntu8.4
libgcc-s1|14.2.0-4ubuntu2~24.04 libstdc++6|14.2.0-4ubuntu2~24.04 login|1:4.13+dfsg1-4ubuntu3.2 mawk|1.3.4.20240123-1build1
mount|2.39.3-9ubuntu6.2 ncurses-base|6.4+20240113-1ubuntu2|all ncurses-bin|6.4+20240113-1ubuntu2 passwd|1:4.13+dfsg1-4ubuntu3.2
perl-base|5.38.2-3.2ubuntu0.1 procps|2:4.0.4-4ubuntu3.2 sed|4.9-2build1 tar|1.35+dfsg-3build1 ubuntu-keyring|2023.11.28.1|all
util-linux|2.39.3-9ubuntu6.2 zlib1g|1:1.3.dfsg-3.1ubuntu2.1
`),
  jammy: base(`
apt|2.4.14 base-files|12ubuntu4.7 base-passwd|3.5.52build1 bash|5.1-6ubuntu1.1 bsdutils|1:2.37.2-4ubuntu3.4
coreutils|8.32-4.1ubuntu1.2 dash|0.5.11+git20210903+057cd650a4ed-3build1 debconf|1.5.79ubuntu1|all debianutils|5.5-1ubuntu2
diffutils|1:3.8-0ubuntu2 dpkg|1.21.1ubuntu2.3 findutils|4.8.0-1ubuntu3 gcc-12-base|12.3.0-1ubuntu1~22.04 gpgv|2.2.27-3ubuntu2.3
grep|3.7-1build1 gzip|1.10-4ubuntu4.1 hostname|3.23ubuntu2 init-system-helpers|1.62|all libc-bin|2.35-0ubuntu3.10
libc6|2.35-0ubuntu3.10 libgcc-s1|12.3.0-1ubuntu1~22.04 libstdc++6|12.3.0-1ubuntu1~22.04 login|1:4.8.1-2ubuntu2.2
mawk|1.3.4.20200120-3 mount|2.37.2-4ubuntu3.4 ncurses-base|6.3-2ubuntu0.1|all ncurses-bin|6.3-2ubuntu0.1
passwd|1:4.8.1-2ubuntu2.2 perl-base|5.34.0-3ubuntu1.4 sed|4.8-1ubuntu2 tar|1.34+dfsg-1ubuntu0.1.22.04.2
ubuntu-keyring|2021.03.26|all util-linux|2.37.2-4ubuntu3.4 zlib1g|1:1.2.11.dfsg-2ubuntu9.2
`),
};

export function dpkgStatusEntry(p: BasePackage | DebPackage): string {
  return `Package: ${p.name}\nStatus: install ok installed\nPriority: required\nArchitecture: ${p.arch}\nVersion: ${p.version}\n`;
}

/** Files and directories of a fresh base image in dpkg's database ("Reading database ... N"). */
export const BASE_DB_FILES: Readonly<Record<Distro, number>> = { noble: 4381, jammy: 4389, bookworm: 6090, jessie: 7441 };

// ---------------------------------------------------------------------------------------------
// The archive index

interface Spec {
  v: Partial<Record<Distro, string>> & { default: string };
  arch?: 'all';
  pocket?: Partial<Record<Distro, string>>;
  component?: 'main' | 'universe';
  kB: number;
  inst: number;
  deps?: Partial<Record<Distro, readonly string[]>> & { default?: readonly string[] };
  suggests?: readonly string[];
  files?: Record<string, string>;
  ma?: boolean;
  n?: number;
}

const COW_FILES = (() => {
  const out: Record<string, string> = { '/usr/games/cowsay': '@cowsay@debian', '/usr/games/cowthink': '->cowsay' };
  return out;
})();

/** Name → what it is on each distro. Names that exist only on some distros give the real error elsewhere. */
const INDEX: Record<string, Spec> = {
  cowsay: { v: { default: '3.03+dfsg2-8' }, arch: 'all', component: 'universe', kB: 18.6, inst: 92, deps: { default: ['perl', 'libtext-charwidth-perl'] }, suggests: ['filters', 'cowsay-off'], files: COW_FILES, n: 60 },
  perl: {
    v: { noble: '5.38.2-3.2ubuntu0.2', jammy: '5.34.0-3ubuntu1.4', bookworm: '5.36.0-7+deb12u2', default: '5.38.2-3.2ubuntu0.2' },
    pocket: { noble: 'noble-updates/main', jammy: 'jammy-updates/main' },
    kB: 231,
    inst: 724,
    deps: { noble: ['perl-modules-5.38', 'libperl5.38t64'], jammy: ['perl-modules-5.34', 'libperl5.34'], bookworm: ['perl-modules-5.36', 'libperl5.36'] },
    suggests: ['perl-doc', 'libterm-readline-gnu-perl | libterm-readline-perl-perl', 'make', 'libtap-harness-archive-perl'],
    files: { '/usr/bin/perl': '@true' },
    n: 130,
  },
  'perl-modules-5.38': { v: { default: '5.38.2-3.2ubuntu0.2' }, arch: 'all', pocket: { noble: 'noble-updates/main' }, kB: 3110, inst: 17800, n: 1500 },
  'libperl5.38t64': { v: { default: '5.38.2-3.2ubuntu0.2' }, pocket: { noble: 'noble-updates/main' }, kB: 4783.4, inst: 33696, deps: { default: ['perl-modules-5.38', 'libgdbm6t64', 'libgdbm-compat4t64'] }, ma: true, n: 900 },
  libgdbm6t64: { v: { default: '1.23-5.1build1' }, kB: 34, inst: 120, suggests: ['gdbm-l10n'], ma: true, n: 8 },
  'libgdbm-compat4t64': { v: { default: '1.23-5.1build1' }, kB: 6.4, inst: 40, deps: { default: ['libgdbm6t64'] }, ma: true, n: 8 },
  'perl-modules-5.34': { v: { default: '5.34.0-3ubuntu1.4' }, arch: 'all', pocket: { jammy: 'jammy-updates/main' }, kB: 2976, inst: 17100, n: 1480 },
  'libperl5.34': { v: { default: '5.34.0-3ubuntu1.4' }, pocket: { jammy: 'jammy-updates/main' }, kB: 4820, inst: 28900, deps: { default: ['perl-modules-5.34', 'libgdbm6', 'libgdbm-compat4'] }, ma: true, n: 880 },
  'perl-modules-5.36': { v: { default: '5.36.0-7+deb12u2' }, arch: 'all', kB: 2815, inst: 17900, n: 1490 },
  'libperl5.36': { v: { default: '5.36.0-7+deb12u2' }, kB: 4218, inst: 28200, deps: { default: ['perl-modules-5.36', 'libgdbm6', 'libgdbm-compat4'] }, ma: true, n: 890 },
  libgdbm6: { v: { jammy: '1.23-1', default: '1.23-3' }, kB: 33.3, inst: 115, suggests: ['gdbm-l10n'], ma: true, n: 8 },
  'libgdbm-compat4': { v: { jammy: '1.23-1', default: '1.23-3' }, kB: 6.6, inst: 40, deps: { default: ['libgdbm6'] }, ma: true, n: 8 },
  'libtext-charwidth-perl': { v: { noble: '0.04-11build3', jammy: '0.04-10build3', default: '0.04-11' }, kB: 9.6, inst: 28, ma: true, n: 12 },
  'fortune-mod': { v: { noble: '1:1.99.1-7.3build1', jammy: '1:1.99.1-7build1', default: '1:1.99.1-7.3' }, component: 'universe', kB: 37.8, inst: 97, deps: { default: ['fortunes-min', 'librecode0'] }, suggests: ['fortunes', 'x11-utils', 'bsdmainutils'], files: { '/usr/games/fortune': '@fortune@debian' }, n: 20 },
  'fortunes-min': { v: { noble: '1:1.99.1-7.3build1', jammy: '1:1.99.1-7build1', default: '1:1.99.1-7.3' }, arch: 'all', component: 'universe', kB: 45.2, inst: 175, files: { '/usr/share/games/fortunes/fortunes': 'FORTUNES' }, n: 12 },
  librecode0: { v: { noble: '3.6-26build1', jammy: '3.6-24build2', default: '3.6-25' }, component: 'universe', kB: 624, inst: 1600, ma: true, n: 10 },
  figlet: { v: { noble: '2.2.5-3build1', jammy: '2.2.5-3build1', default: '2.2.5-3+b1' }, component: 'universe', kB: 134, inst: 723, files: { '/usr/bin/figlet': '@true' }, n: 80 },
  'ca-certificates': { v: { noble: '20240203', jammy: '20240203~22.04.1', default: '20230311' }, arch: 'all', kB: 159, inst: 380, deps: { default: ['openssl'] }, files: { '/etc/ssl/certs/ca-certificates.crt': '-----BEGIN CERTIFICATE-----\n' }, n: 300 },
  openssl: { v: { noble: '3.0.13-0ubuntu3.5', jammy: '3.0.2-0ubuntu1.19', default: '3.0.16-1~deb12u1' }, pocket: { noble: 'noble-updates/main', jammy: 'jammy-updates/main' }, kB: 1002, inst: 2300, files: { '/usr/bin/openssl': '@true' }, n: 40 },
  curl: { v: { noble: '8.5.0-2ubuntu10.6', jammy: '7.81.0-1ubuntu1.20', default: '7.88.1-10+deb12u12' }, pocket: { noble: 'noble-updates/main', jammy: 'jammy-updates/main' }, kB: 227, inst: 534, deps: { default: ['ca-certificates'] }, files: { '/usr/bin/curl': '@curl' }, n: 12 },
  wget: { v: { noble: '1.21.4-1ubuntu4.1', jammy: '1.21.2-2ubuntu1.1', default: '1.21.3-1+deb12u1' }, kB: 334, inst: 3800, deps: { default: ['ca-certificates'] }, files: { '/usr/bin/wget': '@true' }, n: 60 },
  git: { v: { noble: '1:2.43.0-1ubuntu7.2', jammy: '1:2.34.1-1ubuntu1.12', default: '1:2.39.5-0+deb12u2' }, pocket: { noble: 'noble-updates/main', jammy: 'jammy-updates/main' }, kB: 3679, inst: 38800, deps: { default: ['git-man', 'ca-certificates'] }, files: { '/usr/bin/git': '@true' }, n: 700 },
  'git-man': { v: { noble: '1:2.43.0-1ubuntu7.2', jammy: '1:2.34.1-1ubuntu1.12', default: '1:2.39.5-0+deb12u2' }, arch: 'all', kB: 1100, inst: 2500, n: 200 },
  vim: { v: { noble: '2:9.1.0016-1ubuntu7.8', jammy: '2:8.2.3995-1ubuntu2.24', default: '2:9.0.1378-2+deb12u2' }, kB: 1739, inst: 4000, deps: { default: ['vim-runtime'] }, files: { '/usr/bin/vim': '@vim', '/usr/bin/vi': '->vim' }, n: 30 },
  'vim-runtime': { v: { noble: '2:9.1.0016-1ubuntu7.8', jammy: '2:8.2.3995-1ubuntu2.24', default: '2:9.0.1378-2+deb12u2' }, arch: 'all', kB: 7200, inst: 37000, n: 2000 },
  nano: { v: { noble: '7.2-2ubuntu0.1', jammy: '6.2-1ubuntu0.1', default: '7.2-1+deb12u1' }, kB: 280, inst: 881, files: { '/usr/bin/nano': '@nano' }, n: 90 },
  python3: { v: { noble: '3.12.3-0ubuntu2', jammy: '3.10.6-1~22.04.1', default: '3.11.2-1+b1' }, kB: 23, inst: 90, deps: { noble: ['python3.12'], jammy: ['python3.10'], bookworm: ['python3.11'] }, files: { '/usr/bin/python3': '->python3.X' }, n: 20 },
  'python3.12': { v: { default: '3.12.3-1ubuntu0.7' }, pocket: { noble: 'noble-updates/main' }, kB: 651, inst: 22000, files: { '/usr/bin/python3.12': '@python@python' }, n: 900 },
  'python3.10': { v: { default: '3.10.12-1~22.04.10' }, pocket: { jammy: 'jammy-updates/main' }, kB: 508, inst: 21000, files: { '/usr/bin/python3.10': '@python@python' }, n: 900 },
  'python3.11': { v: { default: '3.11.2-6+deb12u6' }, kB: 573, inst: 21500, files: { '/usr/bin/python3.11': '@python@python' }, n: 900 },
  'python3-pip': { v: { noble: '24.0+dfsg-1ubuntu1.1', jammy: '22.0.2+dfsg-1ubuntu0.6', default: '23.0.1+dfsg-1' }, arch: 'all', component: 'universe', kB: 1320, inst: 7000, deps: { default: ['python3'] }, files: { '/usr/bin/pip3': '@pip@python', '/usr/bin/pip': '->pip3' }, n: 700 },
  'iputils-ping': { v: { noble: '3:20240117-1build1', jammy: '3:20211215-1', default: '3:20221126-1+deb12u1' }, kB: 44.5, inst: 115, files: { '/usr/bin/ping': '@true' }, n: 10 },
  'net-tools': { v: { noble: '2.10-0.1ubuntu4', jammy: '1.60+git20181103.0eebece-1ubuntu5', default: '2.10-0.1' }, kB: 204, inst: 827, files: { '/usr/sbin/ifconfig': '@true', '/usr/bin/netstat': '@true' }, n: 60 },
  procps: { v: { noble: '2:4.0.4-4ubuntu3.2', jammy: '2:3.3.17-6ubuntu2.1', default: '2:4.0.2-3' }, kB: 708, inst: 2300, files: { '/usr/bin/ps': '@ps', '/usr/bin/free': '@free', '/usr/bin/uptime': '@uptime', '/usr/bin/top': '@true' }, n: 100 },
  'build-essential': { v: { noble: '12.10ubuntu1', jammy: '12.9ubuntu3', default: '12.9' }, kB: 4.9, inst: 20, deps: { default: ['gcc', 'g++', 'make'] }, n: 4 },
  gcc: { v: { noble: '4:13.2.0-7ubuntu1', jammy: '4:11.2.0-1ubuntu1', default: '4:12.2.0-3' }, kB: 5.0, inst: 50, files: { '/usr/bin/gcc': '@true', '/usr/bin/cc': '->gcc' }, n: 20 },
  'g++': { v: { noble: '4:13.2.0-7ubuntu1', jammy: '4:11.2.0-1ubuntu1', default: '4:12.2.0-3' }, kB: 1.1, inst: 15, files: { '/usr/bin/g++': '@true' }, n: 10 },
  make: { v: { noble: '4.3-4.1build2', jammy: '4.3-4.1build1', default: '4.3-4.1' }, kB: 180, inst: 1700, files: { '/usr/bin/make': '@true' }, n: 30 },
  jq: { v: { noble: '1.7.1-3build1', jammy: '1.6-2.1ubuntu3', default: '1.6-2.1' }, component: 'universe', kB: 65.7, inst: 100, files: { '/usr/bin/jq': '@true' }, n: 10 },
  tree: { v: { noble: '2.1.1-2ubuntu3', jammy: '2.0.2-1', default: '2.1.0-1' }, component: 'universe', kB: 47.9, inst: 115, files: { '/usr/bin/tree': '@true' }, n: 10 },
  htop: { v: { noble: '3.3.0-4build1', jammy: '3.0.5-7build2', default: '3.2.2-2' }, kB: 171, inst: 434, files: { '/usr/bin/htop': '@true' }, n: 20 },
  unzip: { v: { noble: '6.0-28ubuntu4.1', jammy: '6.0-26ubuntu3.2', default: '6.0-28' }, kB: 174, inst: 384, files: { '/usr/bin/unzip': '@true' }, n: 20 },
  'openjdk-17-jdk-headless': { v: { noble: '17.0.15+6~us1-0ubuntu1~24.04', jammy: '17.0.15+6~us1-0ubuntu1~22.04', default: '17.0.15+6-1~deb12u1' }, pocket: { noble: 'noble-updates/main', jammy: 'jammy-updates/main' }, kB: 71300, inst: 230000, files: { '/usr/bin/java': '@true', '/usr/bin/javac': '@true' }, n: 700 },
  less: { v: { noble: '590-2ubuntu2.1', jammy: '590-1ubuntu0.22.04.3', default: '590-2.1~deb12u2' }, kB: 142, inst: 357, files: { '/usr/bin/less': '@less' }, n: 30 },
};

/** The package `name` on `distro`, or undefined where the archive has no such package. */
export function debPackage(name: string, distro: Distro): DebPackage | undefined {
  const s = INDEX[name];
  if (!s) return undefined;
  // names tied to one release (perl-modules-5.38 on noble only ...)
  const only: Record<string, Distro> = {
    'perl-modules-5.38': 'noble', 'libperl5.38t64': 'noble', libgdbm6t64: 'noble', 'libgdbm-compat4t64': 'noble',
    'perl-modules-5.34': 'jammy', 'libperl5.34': 'jammy', 'perl-modules-5.36': 'bookworm', 'libperl5.36': 'bookworm',
    'python3.12': 'noble', 'python3.10': 'jammy', 'python3.11': 'bookworm',
  };
  if (only[name] && only[name] !== distro) return undefined;
  if ((name === 'libgdbm6' || name === 'libgdbm-compat4') && distro === 'noble') return undefined;
  const version = s.v[distro] ?? s.v.default;
  const component = s.component ?? 'main';
  const debian = distro === 'bookworm' || distro === 'jessie';
  const pocket = s.pocket?.[distro] ?? `${distro}/${debian ? 'main' : component}`;
  const files: Record<string, string> = { ...(s.files ?? {}) };
  if (name === 'python3') {
    const py = { noble: 'python3.12', jammy: 'python3.10', bookworm: 'python3.11', jessie: 'python3.4' }[distro];
    files['/usr/bin/python3'] = `->${py}`;
  }
  return {
    name,
    version,
    arch: s.arch ?? 'amd64',
    pocket,
    size: Math.round(s.kB * 1000),
    installedKb: s.inst,
    depends: s.deps?.[distro] ?? s.deps?.default ?? [],
    suggests: s.suggests,
    files,
    multiArch: s.ma,
    fileCount: s.n ?? 10,
  };
}

// ---------------------------------------------------------------------------------------------
// Alpine

export interface ApkPackage {
  readonly name: string;
  readonly version: string;
  readonly depends: readonly string[];
  /** Installed size in bytes. */
  readonly size: number;
  readonly files: Readonly<Record<string, string>>;
  /** Scripts apk runs (`Executing <pkg>-<ver>.<script>`). */
  readonly scripts?: readonly string[];
}

export const ALPINE_BASE_PACKAGES: readonly ApkPackage[] = [
  ['alpine-baselayout', '3.6.8-r1'], ['alpine-baselayout-data', '3.6.8-r1'], ['alpine-keys', '2.5-r0'], ['alpine-release', '3.22.0-r0'],
  ['apk-tools', '2.14.9-r2'], ['busybox', '1.37.0-r18'], ['busybox-binsh', '1.37.0-r18'], ['ca-certificates-bundle', '20241121-r2'],
  ['libcrypto3', '3.5.0-r0'], ['libssl3', '3.5.0-r0'], ['musl', '1.2.5-r10'], ['musl-utils', '1.2.5-r10'], ['scanelf', '1.3.8-r1'],
  ['ssl_client', '1.37.0-r18'], ['zlib', '1.3.1-r2'], ['libc-utils', '0.7.2-r6'],
].map(([name, version]) => ({ name: name!, version: version!, depends: [], size: 500_000, files: {} }));

export function apkInstalledEntry(p: ApkPackage): string {
  return `P:${p.name}\nV:${p.version}\nA:x86_64\nI:${p.size}\n`;
}

const APK: Record<string, Omit<ApkPackage, 'name'>> = {
  curl: { version: '8.14.1-r1', depends: ['brotli-libs', 'c-ares', 'libunistring', 'libidn2', 'nghttp2-libs', 'libpsl', 'libcurl'], size: 250_000, files: { '/usr/bin/curl': '@curl' } },
  'brotli-libs': { version: '1.1.0-r2', depends: [], size: 740_000, files: {} },
  'c-ares': { version: '1.34.5-r0', depends: [], size: 210_000, files: {} },
  libunistring: { version: '1.3-r0', depends: [], size: 1_700_000, files: {} },
  libidn2: { version: '2.3.7-r0', depends: ['libunistring'], size: 130_000, files: {} },
  'nghttp2-libs': { version: '1.65.0-r0', depends: [], size: 160_000, files: {} },
  libpsl: { version: '0.21.5-r3', depends: [], size: 80_000, files: {} },
  libcurl: { version: '8.14.1-r1', depends: [], size: 650_000, files: {} },
  'ca-certificates': { version: '20241121-r2', depends: [], size: 700_000, files: {}, scripts: ['trigger'] },
  bash: { version: '5.2.37-r0', depends: ['readline'], size: 1_300_000, files: { '/bin/bash': '@bash' }, scripts: ['post-install'] },
  readline: { version: '8.2.13-r1', depends: ['ncurses-terminfo-base', 'libncursesw'], size: 280_000, files: {} },
  'ncurses-terminfo-base': { version: '6.5_p20250503-r0', depends: [], size: 40_000, files: {} },
  libncursesw: { version: '6.5_p20250503-r0', depends: ['ncurses-terminfo-base'], size: 400_000, files: {} },
  git: { version: '2.49.0-r0', depends: ['brotli-libs', 'c-ares', 'libunistring', 'libidn2', 'nghttp2-libs', 'libpsl', 'libcurl', 'libexpat', 'pcre2', 'zlib'], size: 15_000_000, files: { '/usr/bin/git': '@true' } },
  libexpat: { version: '2.7.0-r0', depends: [], size: 170_000, files: {} },
  pcre2: { version: '10.43-r1', depends: [], size: 700_000, files: {} },
  python3: { version: '3.12.11-r0', depends: ['libbz2', 'libffi', 'gdbm', 'xz-libs', 'mpdecimal', 'libpanelw', 'sqlite-libs'], size: 45_000_000, files: { '/usr/bin/python3': '@python@python' } },
  libbz2: { version: '1.0.8-r6', depends: [], size: 80_000, files: {} },
  libffi: { version: '3.4.8-r0', depends: [], size: 50_000, files: {} },
  gdbm: { version: '1.24-r0', depends: [], size: 120_000, files: {} },
  'xz-libs': { version: '5.8.1-r0', depends: [], size: 200_000, files: {} },
  mpdecimal: { version: '4.0.1-r0', depends: [], size: 300_000, files: {} },
  libpanelw: { version: '6.5_p20250503-r0', depends: [], size: 20_000, files: {} },
  'sqlite-libs': { version: '3.49.2-r0', depends: [], size: 1_400_000, files: {} },
  vim: { version: '9.1.1412-r0', depends: ['xxd', 'libsodium'], size: 3_000_000, files: { '/usr/bin/vim': '@vim' } },
  xxd: { version: '9.1.1412-r0', depends: [], size: 20_000, files: {} },
  libsodium: { version: '1.0.20-r1', depends: [], size: 300_000, files: {} },
  nano: { version: '8.4-r0', depends: ['libmagic', 'libncursesw'], size: 600_000, files: { '/usr/bin/nano': '@nano' } },
  libmagic: { version: '5.46-r2', depends: [], size: 9_000_000, files: {} },
  jq: { version: '1.8.0-r0', depends: ['oniguruma'], size: 350_000, files: { '/usr/bin/jq': '@true' } },
  oniguruma: { version: '6.9.10-r0', depends: [], size: 600_000, files: {} },
  tree: { version: '2.2.1-r0', depends: [], size: 60_000, files: { '/usr/bin/tree': '@true' } },
  htop: { version: '3.4.1-r0', depends: ['libncursesw'], size: 300_000, files: { '/usr/bin/htop': '@true' } },
  nodejs: { version: '22.16.0-r2', depends: ['icu-libs', 'libstdc++'], size: 40_000_000, files: { '/usr/bin/node': '@node@node' } },
  'icu-libs': { version: '76.1-r0', depends: [], size: 2_000_000, files: {} },
  'libstdc++': { version: '14.2.0-r6', depends: [], size: 2_500_000, files: {} },
  npm: { version: '11.3.0-r0', depends: ['nodejs'], size: 9_000_000, files: { '/usr/bin/npm': '@npm@node' } },
  openssl: { version: '3.5.0-r0', depends: [], size: 800_000, files: { '/usr/bin/openssl': '@true' } },
};

export function apkPackage(name: string): ApkPackage | undefined {
  const p = APK[name];
  return p ? { name, ...p } : undefined;
}
