/** free [-h -m -g -k -b]: the simulated host has 8 GiB of memory and no swap. */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';

const MEM = { total: 8043840, used: 1163412, free: 5120544, shared: 9876, cache: 1759884, available: 6573524 };

async function free(ctx: ProcessContext): Promise<number> {
  const args = ctx.argv.slice(1).join(' ');
  const human = /-[a-z]*h|--human/.test(args);
  const unit = /-[a-z]*g\b/.test(args) ? 1024 * 1024 : /-[a-z]*m\b/.test(args) ? 1024 : 1;
  const f = (k: number): string => {
    if (human) {
      if (k === 0) return '0B';
      const units = ['Ki', 'Mi', 'Gi', 'Ti'];
      let v = k;
      let u = 0;
      while (v >= 1024 && u < units.length - 1) {
        v /= 1024;
        u++;
      }
      return `${v < 10 ? v.toFixed(1) : Math.round(v)}${units[u]}`;
    }
    return String(Math.floor(k / unit));
  };
  const row = (label: string, vals: number[]): string => label.padEnd(8) + vals.map((v) => f(v).padStart(12)).join('');
  const out = `${' '.repeat(15)}total        used        free      shared  buff/cache   available\n${row('Mem:', [MEM.total, MEM.used, MEM.free, MEM.shared, MEM.cache, MEM.available])}\n${row('Swap:', [0, 0, 0])}\n`;
  await ctx.stdout.write(out);
  return 0;
}

export const freeInfo: ProgramInfo = { name: 'free', program: free };
