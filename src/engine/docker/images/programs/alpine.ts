/**
 * BusyBox (programs.md §2.1) and Alpine's apk (§6). Every applet file names the `busybox`
 * program (they are hard links or symlinks to one binary); busybox runs the applet named by
 * argv[0] through the host's program of the same name where the output matches, `sh`/`ash`
 * through the shell's ash dialect.
 */
import type { ProcessContext } from '../../../runtime/kernel';
import type { ProgramInfo } from '../../../runtime/programs';
import { executableContents } from '../../../runtime/programs';
import { resolvePath } from '../../../fs/path';
import { BUSYBOX_APPLETS_RUN } from '../rootfs';
import { err, out, readText } from './lib';
import { apkPackage, type ApkPackage } from './packages';

function busyboxVersion(ctx: ProcessContext): string {
  return ctx.fs.exists('/etc/alpine-release') ? 'v1.37.0' : 'v1.37.0';
}

function banner(ctx: ProcessContext): string {
  const alpine = ctx.fs.exists('/etc/alpine-release');
  return alpine ? `BusyBox ${busyboxVersion(ctx)} (2025-05-26 20:04:45 UTC) multi-call binary.\n` : `BusyBox ${busyboxVersion(ctx)} (2024-09-26 21:31:42 UTC) multi-call binary.\n`;
}

/** busybox's cat: its own error wording. */
async function bbCat(ctx: ProcessContext): Promise<number> {
  const files = ctx.argv.slice(1).filter((a) => a !== '-u');
  let status = 0;
  if (files.length === 0) files.push('-');
  for (const f of files) {
    if (f === '-') {
      for (let c = await ctx.stdin.read(); c; c = await ctx.stdin.read()) await ctx.stdout.write(c);
      continue;
    }
    try {
      const path = resolvePath(ctx.cwd, f);
      const st = ctx.fs.stat(path);
      if (st.type === 'dir') {
        await err(ctx, `cat: read error: Is a directory\n`);
        status = 1;
        continue;
      }
      await ctx.stdout.write(ctx.fs.readFile(path));
    } catch (e) {
      const code = (e as { code?: string }).code;
      await err(ctx, `cat: can't open '${f}': ${code === 'EACCES' ? 'Permission denied' : code === 'ENOTDIR' ? 'Not a directory' : 'No such file or directory'}\n`);
      status = 1;
    }
  }
  return status;
}

const NET_APPLETS = ['wget', 'ping', 'nslookup'];

async function runApplet(ctx: ProcessContext, applet: string, argv: readonly string[]): Promise<number> {
  if (applet === 'cat') return bbCat({ ...ctx, argv });
  if (applet === 'busybox') {
    await out(ctx, `${banner(ctx)}BusyBox is copyrighted by many authors between 1998-2015.\nLicensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\nUsage: busybox [function [arguments]...]\n   or: busybox --list[-full]\n   or: busybox --show SCRIPT\n   or: busybox --install [-s] [DIR]\n   or: function [arguments]...\n\n\tBusyBox is a multi-call binary that combines many common Unix\n\tutilities into a single executable.  Most people will create a\n\tlink to busybox for each function they wish to use and BusyBox\n\twill act like whatever it was invoked as.\n`);
    return 0;
  }
  // The network clients are busybox's own (programs/netclients.ts).
  if (NET_APPLETS.includes(applet)) {
    const net = ctx.kernel.programs.get(`${applet}@busybox`);
    if (net) return net.program({ ...ctx, argv: [argv[0] ?? applet, ...argv.slice(1)] });
  }
  // User accounts are busybox's own too (programs/accounts.ts).
  if (applet === 'adduser' || applet === 'addgroup') {
    const acct = ctx.kernel.programs.get(`${applet}@busybox`);
    if (acct) return acct.program({ ...ctx, argv: [argv[0] ?? applet, ...argv.slice(1)] });
  }
  const name = applet === 'sh' || applet === 'ash' ? 'ash' : applet;
  const info = BUSYBOX_APPLETS_RUN.includes(applet) ? ctx.kernel.programs.get(name) : undefined;
  if (!info) {
    await err(ctx, `dockyard: busybox applet '${applet}' is not simulated here\n`);
    return 1;
  }
  return info.program({ ...ctx, argv: [applet === 'ash' ? 'sh' : argv[0] ?? applet, ...argv.slice(1)] });
}

export const busyboxInfo: ProgramInfo = {
  name: 'busybox',
  program: async (ctx) => {
    const a0 = (ctx.argv[0] ?? 'busybox').split('/').pop()!;
    if (a0 !== 'busybox') return runApplet(ctx, a0, ctx.argv);
    const [first, ...rest] = ctx.argv.slice(1);
    if (first === undefined) return runApplet(ctx, 'busybox', ctx.argv);
    if (first === '--list') {
      const applets = new Set<string>();
      for (const dir of ['/bin', '/sbin', '/usr/bin', '/usr/sbin']) {
        try {
          for (const e of ctx.fs.readdir(dir)) {
            const p = `${dir}/${e.name}`;
            const target = e.type === 'symlink' ? ctx.fs.readlink(p) : '';
            if (e.name !== 'busybox' && (target === '/bin/busybox' || (e.type === 'file' && readText(ctx, p) === executableContents('busybox')))) applets.add(e.name);
          }
        } catch {
          // no such directory in this image
        }
      }
      await out(ctx, [...applets].sort().join('\n') + '\n');
      return 0;
    }
    if (first.startsWith('-')) {
      await err(ctx, `${banner(ctx).trimEnd()}\n`);
      return 1;
    }
    return runApplet(ctx, first, [first, ...rest]);
  },
};

// ---------------------------------------------------------------------------------------------
// apk

const INSTALLED = '/lib/apk/db/installed';

function installedApk(ctx: ProcessContext): Map<string, { version: string; size: number }> {
  const m = new Map<string, { version: string; size: number }>();
  for (const b of (readText(ctx, INSTALLED) ?? '').split(/\n\n+/)) {
    const n = /^P:(.+)$/m.exec(b)?.[1];
    const v = /^V:(.+)$/m.exec(b)?.[1];
    if (n && v) m.set(n, { version: v, size: Number(/^I:(\d+)$/m.exec(b)?.[1] ?? 0) });
  }
  return m;
}

function repos(ctx: ProcessContext): string[] {
  return (readText(ctx, '/etc/apk/repositories') ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

function alpineVersion(ctx: ProcessContext): string {
  return (readText(ctx, '/etc/alpine-release') ?? '3.22.0').trim();
}

async function fetchLines(ctx: ProcessContext): Promise<void> {
  for (const r of repos(ctx)) {
    await ctx.sleep(300);
    await out(ctx, `fetch ${r}/x86_64/APKINDEX.tar.gz\n`);
  }
}

async function okLine(ctx: ProcessContext): Promise<void> {
  const inst = installedApk(ctx);
  const bytes = [...inst.values()].reduce((a, p) => a + p.size, 0);
  await out(ctx, `OK: ${Math.max(1, Math.round(bytes / 1048576))} MiB in ${inst.size} packages\n`);
}

export const apkInfo: ProgramInfo = {
  name: 'apk@alpine',
  program: async (ctx) => {
    const args = ctx.argv.slice(1);
    const flags = args.filter((a) => a.startsWith('-'));
    const [cmd, ...names] = args.filter((a) => !a.startsWith('-'));
    void flags;
    if (cmd === undefined) {
      await out(ctx, `apk-tools 2.14.9, compiled for x86_64.\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n`);
      return 1;
    }
    if (ctx.user.uid !== 0 && (cmd === 'add' || cmd === 'del' || cmd === 'update' || cmd === 'upgrade')) {
      await err(ctx, 'ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n');
      return 99;
    }
    switch (cmd) {
      case 'update': {
        await fetchLines(ctx);
        const v = alpineVersion(ctx);
        const counts = [5_500, 19_000];
        let total = 0;
        for (const [i, r] of repos(ctx).entries()) {
          await out(ctx, `v${v}-${40 + i * 17}-g${(0x1a2b3c4d5e + i * 0x1111).toString(16).slice(0, 10)} [${r}]\n`);
          total += counts[i] ?? 1000;
        }
        await out(ctx, `OK: ${total} distinct packages available\n`);
        return 0;
      }
      case 'add': {
        await fetchLines(ctx);
        const inst = installedApk(ctx);
        const missing = names.filter((n) => !apkPackage(n) && !inst.has(n));
        if (missing.length) {
          let s = 'ERROR: unable to select packages:\n';
          for (const n of missing) s += `  ${n} (no such package):\n    required by: world[${n}]\n`;
          await err(ctx, s);
          return missing.length;
        }
        const order: ApkPackage[] = [];
        const seen = new Set<string>();
        const visit = (p: ApkPackage) => {
          if (seen.has(p.name) || inst.has(p.name)) return;
          seen.add(p.name);
          for (const d of p.depends) {
            const dp = apkPackage(d);
            if (dp) visit(dp);
          }
          order.push(p);
        };
        for (const n of names) {
          const p = apkPackage(n);
          if (p) visit(p);
        }
        const n = order.length;
        let db = readText(ctx, INSTALLED) ?? '';
        for (let i = 0; i < n; i++) {
          const p = order[i]!;
          await ctx.sleep(100);
          await out(ctx, `(${i + 1}/${n}) Installing ${p.name} (${p.version})\n`);
          for (const s of p.scripts ?? []) if (s === 'post-install') await out(ctx, `Executing ${p.name}-${p.version}.post-install\n`);
          for (const [path, what] of Object.entries(p.files)) {
            try {
              ctx.fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
              if (ctx.fs.exists(path)) ctx.fs.unlink(path);
              if (what.startsWith('@')) ctx.fs.writeFile(path, executableContents(what.slice(1)), { mode: 0o755 });
              else ctx.fs.writeFile(path, what);
            } catch {
              // left out
            }
          }
          db += `${db.endsWith('\n\n') || db === '' ? '' : '\n'}P:${p.name}\nV:${p.version}\nA:x86_64\nI:${p.size}\n`;
        }
        if (n) {
          ctx.fs.writeFile(INSTALLED, db);
          const world = (readText(ctx, '/etc/apk/world') ?? '').split('\n').filter(Boolean);
          ctx.fs.writeFile('/etc/apk/world', [...new Set([...world, ...names])].sort().join('\n') + '\n');
          const bb = installedApk(ctx).get('busybox');
          if (bb) await out(ctx, `Executing busybox-${bb.version}.trigger\n`);
          for (const p of order) if (p.scripts?.includes('trigger')) await out(ctx, `Executing ${p.name}-${p.version}.trigger\n`);
        }
        await okLine(ctx);
        return 0;
      }
      case 'del': {
        const inst = installedApk(ctx);
        const world = (readText(ctx, '/etc/apk/world') ?? '').split('\n').filter(Boolean);
        const gone = names.filter((n) => inst.has(n));
        for (const n of names) if (!world.includes(n) && !inst.has(n)) await err(ctx, `WARNING: No such package: ${n}\n`);
        let db = readText(ctx, INSTALLED) ?? '';
        gone.forEach((n, i) => {
          void i;
          db = db
            .split(/\n\n+/)
            .filter((b) => !b.startsWith(`P:${n}\n`))
            .join('\n\n');
        });
        for (let i = 0; i < gone.length; i++) {
          const n = gone[i]!;
          await out(ctx, `(${i + 1}/${gone.length}) Purging ${n} (${inst.get(n)!.version})\n`);
          for (const path of Object.keys(apkPackage(n)?.files ?? {})) {
            try {
              ctx.fs.unlink(path);
            } catch {
              // gone
            }
          }
        }
        if (gone.length) {
          ctx.fs.writeFile(INSTALLED, db.endsWith('\n') ? db : db + '\n');
          ctx.fs.writeFile('/etc/apk/world', world.filter((w) => !names.includes(w)).join('\n') + '\n');
        }
        await okLine(ctx);
        return 0;
      }
      case 'info': {
        const inst = installedApk(ctx);
        await out(ctx, [...inst.keys()].join('\n') + '\n');
        return 0;
      }
      case 'upgrade':
        await fetchLines(ctx);
        await okLine(ctx);
        return 0;
      case 'search':
        for (const n of names) {
          const p = apkPackage(n);
          if (p) await out(ctx, `${p.name}-${p.version}\n`);
        }
        return 0;
      default:
        await err(ctx, `apk-tools 2.14.9, compiled for x86_64.\n\nERROR: '${cmd}' is not an apk command. See 'apk --help'.\n`);
        return 1;
    }
  },
};
