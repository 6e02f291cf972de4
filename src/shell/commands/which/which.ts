/** which [-a] NAME...: Debian's which (a shell script): paths of executables on PATH. */
import { resolvePath } from '../../../engine/fs/path';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';

async function which(ctx: ProcessContext): Promise<number> {
  let all = false;
  const names: string[] = [];
  for (const x of ctx.argv.slice(1)) {
    if (x === '-a') all = true;
    else if (x.startsWith('-') && names.length === 0) {
      await ctx.stderr.write('Usage: /usr/bin/which [-a] args\n');
      return 2;
    } else names.push(x);
  }
  if (names.length === 0) return 1;
  const path = ctx.env.get('PATH') ?? '';
  let status = 0;
  for (const n of names) {
    const found: string[] = [];
    const candidates = n.includes('/') ? [resolvePath(ctx.cwd, n)] : path.split(':').map((d) => `${d || '.'}/${n}`);
    for (const c of candidates) {
      try {
        const st = ctx.fs.stat(resolvePath(ctx.cwd, c));
        if (st.type === 'file' && (st.mode & 0o111) !== 0) {
          found.push(n.includes('/') ? n : c);
          if (!all) break;
        }
      } catch {
        // not here
      }
    }
    if (found.length === 0) status = 1;
    for (const f of found) await ctx.stdout.write(`${f}\n`);
  }
  return status;
}

export const whichInfo: ProgramInfo = { name: 'which', program: which };
