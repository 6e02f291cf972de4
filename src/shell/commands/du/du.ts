/** du [-s -h -a -c -d N -k -m] PATH...: 1K blocks as ext4 allocates them (4K per block). */
import type { Stat } from '../../../engine/fs/types';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, type ArgSpec } from '../args';
import { humanSize } from '../lib/format';
import { abs, errText, Out } from '../lib/io';
import { quoteAlways } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'du',
  options: [
    { key: 's', short: 's', long: 'summarize' },
    { key: 'h', short: 'h', long: 'human-readable' },
    { key: 'a', short: 'a', long: 'all' },
    { key: 'c', short: 'c', long: 'total' },
    { key: 'd', short: 'd', long: 'max-depth', arg: 'required' },
    { key: 'k', short: 'k' },
    { key: 'm', short: 'm' },
    { key: 'b', short: 'b', long: 'bytes' },
    { key: 'x', short: 'x', long: 'one-file-system' },
    { key: 'apparent', long: 'apparent-size' },
  ],
};

async function du(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  const maxDepth = a.has('s') ? 0 : a.get('d') !== undefined ? Number(a.get('d')) : Infinity;
  const out = new Out(ctx.stdout);
  let status = 0;
  const bytesMode = a.has('b') || a.has('apparent');
  const fmt = (kb: number, bytes: number): string => {
    if (a.has('h')) return humanSize(bytesMode ? bytes : kb * 1024);
    if (a.has('b')) return String(bytes);
    if (a.has('m')) return String(Math.ceil(kb / 1024));
    return String(kb);
  };
  const sizeOf = (st: Stat): number => (st.type === 'symlink' || st.type === 'chardev' ? 0 : Math.ceil(st.size / 4096) * 4);
  const walk = async (name: string, path: string, depth: number): Promise<[number, number]> => {
    await ctx.checkpoint();
    let st: Stat;
    try {
      st = ctx.fs.lstat(path);
    } catch (e) {
      await out.flush();
      await ctx.stderr.write(`du: cannot access ${quoteAlways(name)}: ${errText(e)}\n`);
      status = 1;
      return [0, 0];
    }
    let kb = sizeOf(st);
    let bytes = st.type === 'dir' ? 4096 : st.size;
    if (st.type === 'dir') {
      let entries: string[] = [];
      try {
        entries = ctx.fs.readdir(path).map((d) => d.name);
      } catch (e) {
        await out.flush();
        await ctx.stderr.write(`du: cannot read directory ${quoteAlways(name)}: ${errText(e)}\n`);
        status = 1;
      }
      for (const n of entries) {
        const [k, b] = await walk(name.endsWith('/') ? `${name}${n}` : `${name}/${n}`, path === '/' ? `/${n}` : `${path}/${n}`, depth + 1);
        kb += k;
        bytes += b;
      }
      if (depth <= maxDepth) out.write(`${fmt(kb, bytes)}\t${name}\n`);
    } else if (depth === 0 || (a.has('a') && depth <= maxDepth)) out.write(`${fmt(kb, bytes)}\t${name}\n`);
    return [kb, bytes];
  };
  let total = 0;
  let totalBytes = 0;
  for (const op of a.operands.length ? a.operands : ['.']) {
    const [k, b] = await walk(op, abs(ctx, op), 0);
    total += k;
    totalBytes += b;
  }
  if (a.has('c')) out.write(`${fmt(total, totalBytes)}\ttotal\n`);
  await out.flush();
  return status;
}

export const duInfo: ProgramInfo = { name: 'du', program: du, complete: completeFlags(SPEC) };
