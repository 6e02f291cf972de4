/** ps, `ps aux`, `ps -ef` (and -e, -A, -f, -u USER, -p PID) from the kernel's process table. */
import type { Process, ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { strftime } from '../lib/format';
import { UserDb } from '../lib/users';

/** Believable memory figures per program name (KiB), so `ps aux` does not show zeros. */
const MEM: Record<string, [number, number]> = { bash: [8952, 5288], sh: [2576, 1536], dash: [2576, 1536], sleep: [5476, 1024], ps: [9848, 3444], dockerd: [1941476, 78620], containerd: [1876544, 45232], sshd: [15436, 9128], init: [167576, 12288] };

function ttyName(p: Process): string {
  const n = p.tty?.name;
  return n ? n.replace(/^\/dev\//, '') : '?';
}

async function ps(ctx: ProcessContext): Promise<number> {
  const args = ctx.argv.slice(1);
  let bsd = false;
  let all = false;
  let full = false;
  let user: string | undefined;
  let pids: number[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-')) {
      if (/^[auxwf]+$/.test(a)) {
        bsd = true;
        if (a.includes('a') || a.includes('x')) all = true;
        continue;
      }
      await ctx.stderr.write(`error: unsupported SysV option\n\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n`);
      return 1;
    }
    for (const c of a.slice(1)) {
      if (c === 'e' || c === 'A') all = true;
      else if (c === 'f') full = true;
      else if (c === 'u' || c === 'U') user = args[++i];
      else if (c === 'p') pids = (args[++i] ?? '').split(',').map(Number);
      else if (c === 'a' || c === 'x' || c === 'l' || c === 'w' || c === 'H') continue;
      else {
        await ctx.stderr.write(`error: unsupported option (BSD syntax)\n\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n`);
        return 1;
      }
    }
  }
  const db = new UserDb(ctx.fs);
  const me = ctx.process;
  // Only the processes of this pid namespace, numbered as it numbers them (a container's main
  // process is PID 1 inside it; the host does not list containers' processes).
  const kernel = ctx.kernel;
  const pidOf = (p: Process): number => kernel.pidIn(p, ctx.ns) ?? p.pid;
  let procs = kernel.processesIn(ctx.ns);
  if (pids) procs = procs.filter((p) => pids!.includes(pidOf(p)));
  else if (user !== undefined) {
    const uid = /^\d+$/.test(user) ? Number(user) : db.userByName(user)?.uid;
    procs = procs.filter((p) => p.user.uid === uid);
  } else if (!all) procs = procs.filter((p) => p.tty === me.tty && p.user.uid === me.user.uid);
  const now = ctx.kernel.clock.now();
  const cmdline = (p: Process): string => p.argv.join(' ');
  const stime = (p: Process): string => (now - p.startedAt < 86400000 ? strftime('%H:%M', p.startedAt) : strftime('%b%d', p.startedAt));
  let out: string;
  if (bsd) {
    out = 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n';
    for (const p of procs) {
      const [vsz, rss] = MEM[p.name] ?? [10740, 3584];
      const fg = p.tty && p.tty.foregroundPgid === p.pgid ? '+' : '';
      const stat = (p.state === 'stopped' ? 'T' : p === me ? 'R' : 'S') + (p.pgid === p.pid && p.name.endsWith('sh') ? 's' : '') + fg;
      const name = (db.userName(p.user.uid) ?? String(p.user.uid)).slice(0, 8);
      out += `${name.padEnd(8)} ${String(pidOf(p)).padStart(7)}  0.0  0.0 ${String(vsz).padStart(6)} ${String(rss).padStart(5)} ${ttyName(p).padEnd(8)} ${stat.padEnd(4)} ${stime(p)}   0:00 ${cmdline(p)}\n`;
    }
  } else if (full) {
    out = 'UID          PID    PPID  C STIME TTY          TIME CMD\n';
    for (const p of procs) {
      const name = (db.userName(p.user.uid) ?? String(p.user.uid)).slice(0, 8);
      out += `${name.padEnd(8)} ${String(pidOf(p)).padStart(7)} ${String(kernel.ppidIn(p)).padStart(7)}  0 ${stime(p)} ${ttyName(p).padEnd(8)} 00:00:00 ${cmdline(p)}\n`;
    }
  } else {
    out = '    PID TTY          TIME CMD\n';
    for (const p of procs) out += `${String(pidOf(p)).padStart(7)} ${ttyName(p).padEnd(8)} 00:00:00 ${p.name}\n`;
  }
  await ctx.stdout.write(out);
  return procs.length ? 0 : 1;
}

export const psInfo: ProgramInfo = { name: 'ps', program: ps };
