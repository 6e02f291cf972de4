/** df [-h] [-T] [PATH]: a fixed, believable table of the simulated host's file systems. */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { humanSize } from '../lib/format';

interface Mount {
  fs: string;
  type: string;
  blocks: number;
  used: number;
  mount: string;
}

export const HOST_MOUNTS: readonly Mount[] = [
  { fs: 'udev', type: 'devtmpfs', blocks: 4010240, used: 0, mount: '/dev' },
  { fs: 'tmpfs', type: 'tmpfs', blocks: 804288, used: 996, mount: '/run' },
  { fs: '/dev/vda1', type: 'ext4', blocks: 61255652, used: 9735888, mount: '/' },
  { fs: 'tmpfs', type: 'tmpfs', blocks: 4021420, used: 0, mount: '/dev/shm' },
  { fs: 'tmpfs', type: 'tmpfs', blocks: 5120, used: 0, mount: '/run/lock' },
  { fs: 'tmpfs', type: 'tmpfs', blocks: 804284, used: 0, mount: '/run/user/1000' },
];

async function df(ctx: ProcessContext): Promise<number> {
  const args = ctx.argv.slice(1);
  const human = args.some((a) => /^-[a-zA-Z]*h/.test(a) || a === '--human-readable');
  const showType = args.some((a) => /^-[a-zA-Z]*T/.test(a) || a === '--print-type');
  const paths = args.filter((a) => !a.startsWith('-'));
  let mounts = [...HOST_MOUNTS];
  if (paths.length) {
    mounts = [];
    for (const p of paths) {
      const full = p.startsWith('/') ? p : `${ctx.cwd}/${p}`;
      if (!ctx.fs.exists(full)) {
        await ctx.stderr.write(`df: ${p}: No such file or directory\n`);
        continue;
      }
      const m = [...HOST_MOUNTS].sort((x, y) => y.mount.length - x.mount.length).find((x) => full === x.mount || full.startsWith(x.mount === '/' ? '/' : `${x.mount}/`));
      if (m) mounts.push(m);
    }
  }
  const rows = mounts.map((m) => {
    const avail = m.blocks - m.used - (m.type === 'ext4' ? Math.round(m.blocks * 0.05) : 0);
    const pct = m.used === 0 ? 0 : Math.ceil((m.used * 100) / (m.used + avail));
    const f = (k: number): string => (human ? (k === 0 ? '0' : humanSize(k * 1024)) : String(k));
    return [m.fs, ...(showType ? [m.type] : []), f(m.blocks), f(m.used), f(avail), `${pct}%`, m.mount];
  });
  const header = ['Filesystem', ...(showType ? ['Type'] : []), human ? 'Size' : '1K-blocks', 'Used', human ? 'Avail' : 'Available', 'Use%', 'Mounted on'];
  const all = [header, ...rows];
  // GNU df's minimum widths: source 14, type 4, numbers 5, Use% 4
  const mins = ['14', ...(showType ? ['4'] : []), '5', '5', '5', '4', '0'].map(Number);
  const widths = header.map((_, i) => Math.max(mins[i] ?? 0, ...all.map((r) => r[i]!.length)));
  const out = all
    .map((r) => r.map((c, i) => (i === 0 || (showType && i === 1) ? c.padEnd(widths[i]!) : i === r.length - 1 ? c : c.padStart(widths[i]!))).join(' '))
    .join('\n');
  await ctx.stdout.write(`${out}\n`);
  return paths.length && mounts.length < paths.length ? 1 : 0;
}

export const dfInfo: ProgramInfo = { name: 'df', program: df };
