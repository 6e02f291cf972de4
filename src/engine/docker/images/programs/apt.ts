/**
 * apt-get, apt and dpkg of Debian and Ubuntu images (programs.md §5): `update` fills the package
 * lists, `install` resolves dependencies from the simulated archive (packages.ts), prints apt's
 * and dpkg's lines and installs the packages' files; `remove`; the empty-lists rule.
 */
import type { ProcessContext } from '../../../runtime/kernel';
import type { ProgramInfo } from '../../../runtime/programs';
import { executableContents } from '../../../runtime/programs';
import { cowFiles } from './games';
import { FORTUNES } from './fortunes';
import { distroOf, err, out, readText } from './lib';
import { BASE_DB_FILES, debPackage, type DebPackage, type Distro } from './packages';

const LISTS = '/var/lib/apt/lists';
const STATUS = '/var/lib/dpkg/status';

/** apt's SizeToStr: `671 B`, `6924 B`, `55.4 kB`, `1808 kB`, `19.3 MB`. */
export function aptSize(bytes: number): string {
  const units = ['', 'k', 'M', 'G', 'T'];
  let v = bytes;
  let i = 0;
  while (v >= 10000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v >= 100 || i === 0 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}B`;
}

/** apt's ShowList: two leading spaces, names wrapped before `width - 3` (width = columns - 1). */
export function showList(names: readonly string[], columns = 80): string {
  const width = columns - 1;
  const lines: string[] = [];
  let cur = '';
  let used = 0;
  for (const n of names) {
    if (used > 0 && used + n.length >= width - 3) {
      lines.push(cur);
      cur = '';
      used = 0;
    }
    cur += (used > 0 ? ' ' : '') + n;
    used += n.length + 1;
  }
  if (cur) lines.push(cur);
  return lines.map((l) => `  ${l}\n`).join('');
}

interface UpdateSource {
  readonly host: string;
  readonly line: string;
  readonly size: number;
}

function updateSources(d: Distro): UpdateSource[] {
  if (d === 'noble') {
    const a = 'http://archive.ubuntu.com/ubuntu';
    const s = 'http://security.ubuntu.com/ubuntu';
    return [
      { host: a, line: `${a} noble InRelease`, size: 256_000 },
      { host: s, line: `${s} noble-security InRelease`, size: 126_000 },
      { host: a, line: `${a} noble-updates InRelease`, size: 126_000 },
      { host: a, line: `${a} noble-backports InRelease`, size: 126_000 },
      { host: s, line: `${s} noble-security/main amd64 Packages`, size: 1_259_000 },
      { host: a, line: `${a} noble/main amd64 Packages`, size: 1_808_000 },
      { host: s, line: `${s} noble-security/universe amd64 Packages`, size: 1_544_000 },
      { host: a, line: `${a} noble/restricted amd64 Packages`, size: 117_000 },
      { host: a, line: `${a} noble/universe amd64 Packages`, size: 19_300_000 },
      { host: s, line: `${s} noble-security/restricted amd64 Packages`, size: 1_839_000 },
      { host: a, line: `${a} noble/multiverse amd64 Packages`, size: 331_000 },
      { host: s, line: `${s} noble-security/multiverse amd64 Packages`, size: 50_000 },
      { host: a, line: `${a} noble-updates/main amd64 Packages`, size: 1_562_000 },
      { host: a, line: `${a} noble-updates/restricted amd64 Packages`, size: 1_903_000 },
      { host: a, line: `${a} noble-updates/universe amd64 Packages`, size: 2_151_000 },
      { host: a, line: `${a} noble-updates/multiverse amd64 Packages`, size: 55_800 },
      { host: a, line: `${a} noble-backports/main amd64 Packages`, size: 48_900 },
      { host: a, line: `${a} noble-backports/universe amd64 Packages`, size: 35_900 },
      { host: a, line: `${a} noble-backports/multiverse amd64 Packages`, size: 671 },
    ];
  }
  if (d === 'jammy') {
    const a = 'http://archive.ubuntu.com/ubuntu';
    const s = 'http://security.ubuntu.com/ubuntu';
    return [
      { host: a, line: `${a} jammy InRelease`, size: 270_000 },
      { host: s, line: `${s} jammy-security InRelease`, size: 129_000 },
      { host: a, line: `${a} jammy-updates InRelease`, size: 128_000 },
      { host: a, line: `${a} jammy-backports InRelease`, size: 127_000 },
      { host: s, line: `${s} jammy-security/main amd64 Packages`, size: 2_979_000 },
      { host: a, line: `${a} jammy/main amd64 Packages`, size: 1_792_000 },
      { host: a, line: `${a} jammy/universe amd64 Packages`, size: 17_500_000 },
      { host: s, line: `${s} jammy-security/universe amd64 Packages`, size: 1_245_000 },
      { host: a, line: `${a} jammy/restricted amd64 Packages`, size: 164_000 },
      { host: a, line: `${a} jammy/multiverse amd64 Packages`, size: 266_000 },
      { host: a, line: `${a} jammy-updates/main amd64 Packages`, size: 3_292_000 },
      { host: a, line: `${a} jammy-updates/universe amd64 Packages`, size: 1_553_000 },
      { host: a, line: `${a} jammy-backports/universe amd64 Packages`, size: 35_200 },
    ];
  }
  if (d === 'jessie') {
    const a = 'http://deb.debian.org/debian';
    return [
      { host: a, line: `${a} jessie InRelease`, size: 0 },
      { host: a, line: `${a} jessie Release`, size: 77_300 },
      { host: a, line: `${a} jessie/main amd64 Packages`, size: 9_098_000 },
    ];
  }
  const a = 'http://deb.debian.org/debian';
  const s = 'http://deb.debian.org/debian-security';
  return [
    { host: a, line: `${a} bookworm InRelease`, size: 151_000 },
    { host: a, line: `${a} bookworm-updates InRelease`, size: 55_400 },
    { host: s, line: `${s} bookworm-security InRelease`, size: 48_000 },
    { host: a, line: `${a} bookworm/main amd64 Packages`, size: 8_792_000 },
    { host: a, line: `${a} bookworm-updates/main amd64 Packages`, size: 6924 },
    { host: s, line: `${s} bookworm-security/main amd64 Packages`, size: 292_000 },
  ];
}

function listsPresent(ctx: ProcessContext): boolean {
  try {
    return ctx.fs.readdir(LISTS).some((e) => e.name !== 'lock' && e.name !== 'partial' && e.name !== 'auxfiles');
  } catch {
    return false;
  }
}

interface Installed {
  readonly name: string;
  readonly version: string;
}

function installed(ctx: ProcessContext): Map<string, Installed> {
  const m = new Map<string, Installed>();
  for (const block of (readText(ctx, STATUS) ?? '').split(/\n\n+/)) {
    const name = /^Package: (.+)$/m.exec(block)?.[1];
    const version = /^Version: (.+)$/m.exec(block)?.[1];
    if (name && version && /^Status: install ok installed$/m.test(block)) m.set(name, { name, version });
  }
  return m;
}

function dbFiles(ctx: ProcessContext, d: Distro): number {
  const extra = /^X-Dockyard-Files: (\d+)$/gm;
  let n = BASE_DB_FILES[d];
  const s = readText(ctx, STATUS) ?? '';
  for (let m = extra.exec(s); m; m = extra.exec(s)) n += Number(m[1]);
  return n;
}

function fmtTime(sec: number): string {
  if (sec < 60) return `${sec}s`;
  if (sec < 3600) return `${Math.floor(sec / 60)}min ${sec % 60}s`;
  return `${Math.floor(sec / 3600)}h ${Math.floor((sec % 3600) / 60)}min ${sec % 60}s`;
}

/** Writes a package's files into the file system (as root, the way dpkg unpacks). */
function unpack(ctx: ProcessContext, p: DebPackage): void {
  const files: Record<string, string> = { ...p.files };
  if (p.name === 'cowsay') Object.assign(files, cowFiles());
  for (const [path, what] of Object.entries(files)) {
    const dir = path.slice(0, path.lastIndexOf('/')) || '/';
    try {
      ctx.fs.mkdir(dir, { recursive: true });
      if (ctx.fs.exists(path)) ctx.fs.unlink(path);
      if (what.startsWith('->')) ctx.fs.symlink(what.slice(2), path);
      else if (what.startsWith('@')) ctx.fs.writeFile(path, executableContents(what.slice(1)), { mode: 0o755 });
      else ctx.fs.writeFile(path, what === 'FORTUNES' ? FORTUNES : what, { mode: 0o644 });
    } catch {
      // a file system that refuses (read-only mount) leaves the file out, as a failed unpack would
    }
  }
  ctx.fs.mkdir(`/usr/share/doc/${p.name}`, { recursive: true });
  const entry = `Package: ${p.name}\nStatus: install ok installed\nPriority: optional\nArchitecture: ${p.arch}\nVersion: ${p.version}\nInstalled-Size: ${p.installedKb}\nX-Dockyard-Files: ${p.fileCount}\n`;
  const status = readText(ctx, STATUS) ?? '';
  ctx.fs.writeFile(STATUS, (status.endsWith('\n\n') || status === '' ? status : status + '\n') + entry);
}

interface AptOptions {
  yes: boolean;
  quiet: number;
  noRecommends: boolean;
}

async function progress(ctx: ProcessContext, tty: boolean, lines: readonly string[]): Promise<void> {
  for (const l of lines) await out(ctx, tty ? `${l}... Done\n` : `${l}...\n`);
}

async function aptUpdate(ctx: ProcessContext, tool: 'apt-get' | 'apt'): Promise<number> {
  const d = distroOf(ctx);
  const tty = ctx.stdout.isTTY;
  const sources = updateSources(d);
  const had = listsPresent(ctx);
  let fetched = 0;
  let i = 0;
  for (const s of sources) {
    i++;
    if (had) {
      if (s.line.endsWith('InRelease')) await out(ctx, `Hit:${i} ${s.line}\n`);
      else i--;
      continue;
    }
    await ctx.sleep(s.size > 5_000_000 ? 900 : 60);
    fetched += s.size;
    await out(ctx, `Get:${i} ${s.line} [${aptSize(s.size)}]\n`);
  }
  if (!had) {
    const secs = Math.max(1, Math.round(fetched / 8_074_000));
    await out(ctx, `Fetched ${aptSize(fetched)} in ${fmtTime(secs)} (${aptSize(Math.round(fetched / secs))}/s)\n`);
    for (const s of sources) {
      const file = s.line.replace(/^http:\/\//, '').replace(/ /g, '_dists_').replace(/\//g, '_');
      try {
        ctx.fs.writeFile(`${LISTS}/${file}`, '');
      } catch {
        // lists stay empty
      }
    }
  }
  await progress(ctx, tty, ['Reading package lists']);
  if (tool === 'apt') {
    await progress(ctx, tty, ['Building dependency tree', 'Reading state information']);
    await out(ctx, 'All packages are up to date.\n');
  }
  return 0;
}

async function aptInstall(ctx: ProcessContext, names: readonly string[], opts: AptOptions): Promise<number> {
  const d = distroOf(ctx);
  const tty = ctx.stdout.isTTY;
  await progress(ctx, tty, ['Reading package lists', 'Building dependency tree', 'Reading state information']);
  const have = listsPresent(ctx);
  const inst = installed(ctx);
  const wanted: DebPackage[] = [];
  const already: Installed[] = [];
  for (const n of names) {
    const local = inst.get(n);
    if (local) {
      already.push(local);
      continue;
    }
    const p = have ? debPackage(n, d) : undefined;
    if (!p) {
      await out(ctx, `E: Unable to locate package ${n}\n`);
      if (!have) return 100;
      await err(ctx, `dockyard: '${n}' is not in the simulated package archive\n`);
      return 100;
    }
    wanted.push(p);
  }
  for (const a of already) await out(ctx, `${a.name} is already the newest version (${a.version}).\n`);
  // resolve: depth-first, dependencies before dependents (the order apt downloads in)
  const order: DebPackage[] = [];
  const seen = new Set<string>();
  const visit = (p: DebPackage) => {
    if (seen.has(p.name)) return;
    seen.add(p.name);
    for (const dn of p.depends) {
      if (inst.has(dn)) continue;
      const dp = debPackage(dn, d);
      if (dp) visit(dp);
    }
    order.push(p);
  };
  wanted.forEach(visit);
  const requested = new Set(wanted.map((p) => p.name));
  const extra = order.filter((p) => !requested.has(p.name)).map((p) => p.name).sort();
  const columns = tty ? (ctx.tty?.cols ?? 80) : 80;
  if (extra.length) await out(ctx, `The following additional packages will be installed:\n${showList(extra, columns)}`);
  const suggests = [...wanted, ...order.filter((p) => !requested.has(p.name))].flatMap((p) => p.suggests ?? []).flatMap((s) => (s.includes(' | ') ? [s.split(' | ')[0]!, `| ${s.split(' | ')[1]!}`] : [s]));
  if (suggests.length && !opts.noRecommends) await out(ctx, `Suggested packages:\n${showList(suggests, columns)}`);
  if (order.length) await out(ctx, `The following NEW packages will be installed:\n${showList(order.map((p) => p.name).sort(), columns)}`);
  await out(ctx, `0 upgraded, ${order.length} newly installed, 0 to remove and 0 not upgraded.\n`);
  if (!order.length) return 0;
  const total = order.reduce((a, p) => a + p.size, 0);
  const disk = order.reduce((a, p) => a + p.installedKb, 0) * 1000;
  await out(ctx, `Need to get ${aptSize(total)} of archives.\n`);
  await out(ctx, `After this operation, ${aptSize(disk)} of additional disk space will be used.\n`);
  if (!opts.yes) {
    await out(ctx, 'Do you want to continue? [Y/n] ');
    const chunk = await ctx.stdin.read();
    const answer = chunk ? new TextDecoder().decode(chunk).trim() : null;
    if (answer === null || !(answer === '' || /^y/i.test(answer))) {
      await out(ctx, answer === null ? '\nAbort.\n' : 'Abort.\n');
      return 1;
    }
  }
  const base = d === 'bookworm' || d === 'jessie' ? 'http://deb.debian.org/debian' : 'http://archive.ubuntu.com/ubuntu';
  let i = 0;
  for (const p of order) {
    i++;
    await ctx.sleep(Math.max(50, Math.round(p.size / 3000)));
    await out(ctx, `Get:${i} ${base} ${p.pocket} amd64 ${p.name} ${p.arch} ${p.version} [${aptSize(p.size)}]\n`);
  }
  const secs = Math.max(1, Math.round(total / 3_197_000));
  await out(ctx, `Fetched ${aptSize(total)} in ${fmtTime(secs)} (${aptSize(Math.round(total / secs))}/s)\n`);
  await out(ctx, 'debconf: delaying package configuration, since apt-utils is not installed\n');
  const dpkgName = (p: DebPackage) => (p.multiArch ? `${p.name}:amd64` : p.name);
  const fileName = (p: DebPackage) => `${p.name}_${p.version.replace(/^\d+:/, '')}_${p.arch}.deb`;
  let db = dbFiles(ctx, d);
  for (let k = 0; k < order.length; k++) {
    const p = order[k]!;
    await out(ctx, `Selecting previously unselected package ${dpkgName(p)}.\n`);
    if (k === 0) {
      if (tty) {
        let s = '(Reading database ... ';
        for (let pc = 5; pc <= 100; pc += 5) s += `\r(Reading database ... ${pc}%`;
        await out(ctx, `${s}\r(Reading database ... ${db} files and directories currently installed.)\n`);
      } else await out(ctx, `(Reading database ... ${db} files and directories currently installed.)\n`);
    }
    await out(ctx, `Preparing to unpack .../${order.length > 1 ? `${k}-` : ''}${fileName(p)} ...\n`);
    await out(ctx, `Unpacking ${dpkgName(p)} (${p.version}) ...\n`);
    unpack(ctx, p);
    db += p.fileCount;
  }
  const newNames = new Set(order.map((p) => p.name));
  const leaves = order.filter((p) => !p.depends.some((x) => newNames.has(x))).sort((a, b) => (a.name < b.name ? -1 : 1));
  const rest = order.filter((p) => !leaves.includes(p));
  for (const p of [...leaves, ...rest]) await out(ctx, `Setting up ${dpkgName(p)} (${p.version}) ...\n`);
  if (order.some((p) => p.multiArch)) {
    const libc = { noble: '2.39-0ubuntu8.4', jammy: '2.35-0ubuntu3.10', bookworm: '2.36-9+deb12u10', jessie: '2.19-18+deb8u4' }[d];
    await out(ctx, `Processing triggers for libc-bin (${libc}) ...\n`);
  }
  return 0;
}

async function aptRemove(ctx: ProcessContext, names: readonly string[], opts: AptOptions): Promise<number> {
  const tty = ctx.stdout.isTTY;
  await progress(ctx, tty, ['Reading package lists', 'Building dependency tree', 'Reading state information']);
  const inst = installed(ctx);
  const d = distroOf(ctx);
  const gone: Installed[] = [];
  for (const n of names) {
    const i = inst.get(n);
    if (!i) {
      const known = debPackage(n, d);
      if (!known) {
        await out(ctx, `E: Unable to locate package ${n}\n`);
        return 100;
      }
      await out(ctx, `Package '${n}' is not installed, so not removed\n`);
      continue;
    }
    gone.push(i);
  }
  if (gone.length) await out(ctx, `The following packages will be REMOVED:\n${showList(gone.map((g) => g.name).sort())}`);
  await out(ctx, `0 upgraded, 0 newly installed, ${gone.length} to remove and 0 not upgraded.\n`);
  if (!gone.length) return 0;
  const kb = gone.reduce((a, g) => a + (debPackage(g.name, d)?.installedKb ?? 0), 0);
  await out(ctx, `After this operation, ${aptSize(kb * 1000)} disk space will be freed.\n`);
  if (!opts.yes) {
    await out(ctx, 'Do you want to continue? [Y/n] ');
    const chunk = await ctx.stdin.read();
    const answer = chunk ? new TextDecoder().decode(chunk).trim() : null;
    if (answer === null || !(answer === '' || /^y/i.test(answer))) {
      await out(ctx, 'Abort.\n');
      return 1;
    }
  }
  const db = dbFiles(ctx, d);
  await out(ctx, `(Reading database ... ${db} files and directories currently installed.)\n`);
  let status = readText(ctx, STATUS) ?? '';
  for (const g of gone) {
    await out(ctx, `Removing ${g.name} (${g.version}) ...\n`);
    const p = debPackage(g.name, d);
    for (const path of Object.keys(p?.files ?? {})) {
      try {
        ctx.fs.unlink(path);
      } catch {
        // already gone
      }
    }
    status = status
      .split(/\n\n+/)
      .filter((b) => !new RegExp(`^Package: ${g.name.replace(/[.+]/g, '\\$&')}$`, 'm').test(b))
      .join('\n\n');
  }
  ctx.fs.writeFile(STATUS, status.endsWith('\n') ? status : status + '\n');
  return 0;
}

const APT_GET_USAGE = `apt 2.8.3 (amd64)
Usage: apt-get [options] command
       apt-get [options] install|remove pkg1 [pkg2 ...]
       apt-get [options] source pkg1 [pkg2 ...]

apt-get is a command line interface for retrieval of packages
and information about them from authenticated sources and
for installation, upgrade and removal of packages together
with their dependencies.
`;

function makeApt(tool: 'apt-get' | 'apt'): ProgramInfo {
  return {
    name: `${tool}@debian`,
    program: async (ctx) => {
      const opts: AptOptions = { yes: false, quiet: 0, noRecommends: false };
      const rest: string[] = [];
      for (const a of ctx.argv.slice(1)) {
        if (a === '-y' || a === '--yes' || a === '--assume-yes' || a === '-yq' || a === '-qy') opts.yes = true;
        if (a === '-q' || a === '-qq' || a === '-yq' || a === '-qy' || a === '--quiet') opts.quiet++;
        if (a === '--no-install-recommends') opts.noRecommends = true;
        if (!a.startsWith('-')) rest.push(a);
        else if (!['-y', '--yes', '--assume-yes', '-q', '-qq', '-yq', '-qy', '--quiet', '--no-install-recommends', '--no-install-suggests', '-f', '--fix-missing', '--fix-broken'].includes(a)) {
          await err(ctx, `E: Command line option '${a.replace(/^-+/, '')}' [from ${a}] is not understood in combination with the other options.\n`);
          return 100;
        }
      }
      const [cmd, ...args] = rest;
      if (ctx.user.uid !== 0 && cmd && cmd !== 'list' && cmd !== 'search' && cmd !== 'show') {
        await err(ctx, 'E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n');
        return 100;
      }
      if (tool === 'apt' && !ctx.stdout.isTTY && cmd) await err(ctx, '\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
      switch (cmd) {
        case undefined:
          await out(ctx, APT_GET_USAGE);
          return 1;
        case 'update':
          return aptUpdate(ctx, tool);
        case 'install':
          return aptInstall(ctx, args, opts);
        case 'remove':
        case 'purge':
          return aptRemove(ctx, args, opts);
        case 'upgrade':
        case 'dist-upgrade':
        case 'full-upgrade':
          await progress(ctx, ctx.stdout.isTTY, ['Reading package lists', 'Building dependency tree', 'Reading state information']);
          await out(ctx, tool === 'apt' ? 'Calculating upgrade... Done\n' : 'Calculating upgrade...' + (ctx.stdout.isTTY ? ' Done\n' : '\n'));
          await out(ctx, '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
          return 0;
        case 'clean':
        case 'autoclean':
        case 'autoremove':
          if (cmd === 'autoremove') {
            await progress(ctx, ctx.stdout.isTTY, ['Reading package lists', 'Building dependency tree', 'Reading state information']);
            await out(ctx, '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
          }
          return 0;
        default:
          await err(ctx, `E: Invalid operation ${cmd}\n`);
          return 100;
      }
    },
  };
}

export const aptGetInfo = makeApt('apt-get');
export const aptInfo = makeApt('apt');

/** `dpkg -l`, `dpkg -L`, `dpkg --print-architecture`, `dpkg -s`. */
export const dpkgInfo: ProgramInfo = {
  name: 'dpkg@debian',
  program: async (ctx) => {
    const [opt, ...rest] = ctx.argv.slice(1);
    const inst = installed(ctx);
    switch (opt) {
      case '--print-architecture':
        await out(ctx, 'amd64\n');
        return 0;
      case '-l':
      case '--list': {
        const rows = [...inst.values()].filter((p) => rest.length === 0 || rest.includes(p.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
        const nw = Math.max(15, ...rows.map((r) => r.name.length));
        const vw = Math.max(15, ...rows.map((r) => r.version.length));
        let s = 'Desired=Unknown/Install/Remove/Purge/Hold\n| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend\n|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n';
        s += `||/ ${'Name'.padEnd(nw)} ${'Version'.padEnd(vw)} Architecture Description\n`;
        s += `+++-${'='.repeat(nw)}-${'='.repeat(vw)}-============-${'='.repeat(Math.max(12, 80 - nw - vw - 19))}\n`;
        for (const r of rows) s += `ii  ${r.name.padEnd(nw)} ${r.version.padEnd(vw)} amd64        ${r.name}\n`;
        await out(ctx, s);
        return 0;
      }
      case '-s':
      case '--status': {
        for (const n of rest) {
          const block = (readText(ctx, STATUS) ?? '').split(/\n\n+/).find((b) => b.startsWith(`Package: ${n}\n`));
          if (!block) {
            await err(ctx, `dpkg-query: package '${n}' is not installed and no information is available\nUse dpkg --info (= dpkg-deb --info) to examine archive files.\n`);
            return 1;
          }
          await out(ctx, block.replace(/^X-Dockyard-Files: .*\n?/m, '') + (block.endsWith('\n') ? '' : '\n'));
        }
        return 0;
      }
      case '-L':
      case '--listfiles': {
        const d = distroOf(ctx);
        for (const n of rest) {
          const p = debPackage(n, d);
          if (!inst.has(n) || !p) {
            await err(ctx, `dpkg-query: package '${n}' is not installed\nUse dpkg --contents (= dpkg-deb --contents) to list archive files contents.\n`);
            return 1;
          }
          await out(ctx, ['/.', ...Object.keys(p.files), ...(n === 'cowsay' ? Object.keys(cowFiles()) : [])].join('\n') + '\n');
        }
        return 0;
      }
      default:
        await err(ctx, "dpkg: error: need an action option\n\nType dpkg --help for help about installing and deinstalling packages [*];\nUse 'apt' or 'aptitude' for user-friendly package management;\nType dpkg -Dhelp for a list of dpkg debug flag values;\nType dpkg --force-help for a list of forcing options;\nType dpkg-deb --help for help about manipulating *.deb files;\n\nOptions marked [*] produce a lot of output - pipe it through 'less' or 'more' !\n");
        return 2;
    }
  },
};

export const aptCacheInfo: ProgramInfo = {
  name: 'apt-cache@debian',
  program: async (ctx) => {
    const [cmd, ...names] = ctx.argv.slice(1);
    const d = distroOf(ctx);
    if (cmd === 'policy' || cmd === 'show' || cmd === 'search') {
      for (const n of names) {
        const p = listsPresent(ctx) ? debPackage(n, d) : undefined;
        if (cmd === 'search') {
          if (p) await out(ctx, `${p.name} - ${p.name}\n`);
          continue;
        }
        if (!p) {
          await err(ctx, cmd === 'show' ? `N: Unable to locate package ${n}\nE: No packages found\n` : `N: Unable to locate package ${n}\n`);
          if (cmd === 'show') return 100;
          continue;
        }
        const inst = installed(ctx).get(n);
        await out(ctx, cmd === 'policy' ? `${n}:\n  Installed: ${inst?.version ?? '(none)'}\n  Candidate: ${p.version}\n` : `Package: ${p.name}\nVersion: ${p.version}\nArchitecture: ${p.arch}\nInstalled-Size: ${p.installedKb}\nDepends: ${p.depends.join(', ')}\n\n`);
      }
      return 0;
    }
    await err(ctx, `E: Invalid operation ${cmd ?? ''}\n`);
    return 100;
  },
};
