/** od [-A d|o|x|n] [-t TYPE] [-c] [-x] [-b] and xxd [-p] [-r]: dumps of bytes (the common forms). */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { readAll } from '../../../engine/runtime/streams';
import { parse, type ArgSpec } from '../args';
import { errText, openInput } from '../lib/io';

const SPEC: ArgSpec = {
  name: 'od',
  options: [
    { key: 'A', short: 'A', long: 'address-radix', arg: 'required' },
    { key: 't', short: 't', long: 'format', arg: 'required' },
    { key: 'c', short: 'c' },
    { key: 'b', short: 'b' },
    { key: 'x', short: 'x' },
    { key: 'd', short: 'd' },
    { key: 'o', short: 'o' },
    { key: 'v', short: 'v', long: 'output-duplicates' },
    { key: 'N', short: 'N', long: 'read-bytes', arg: 'required' },
  ],
};

const CHARS: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };

/** The inputs' bytes, concatenated; with `limit`, reading stops after that many (`od -N 4 /dev/zero`). */
async function inputs(ctx: ProcessContext, files: string[], prog: string, limit = Infinity): Promise<Uint8Array | undefined> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const f of files.length ? files : ['-']) {
    if (total >= limit) break;
    try {
      const s = openInput(ctx, f);
      if (limit === Infinity) {
        parts.push(await readAll(s));
        continue;
      }
      for (let c = await s.read(); c !== null && total < limit; c = total < limit ? await s.read() : null) {
        const take = c.subarray(0, limit - total);
        parts.push(take);
        total += take.length;
      }
    } catch (e) {
      await ctx.stderr.write(`${prog}: ${f}: ${errText(e)}\n`);
      return undefined;
    }
  }
  const n = parts.reduce((s, p) => s + p.length, 0);
  const all = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  return all;
}

async function od(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  const n = a.get('N') ? Number(a.get('N')) : Infinity;
  let data = await inputs(ctx, a.operands, 'od', Number.isFinite(n) ? n : Infinity);
  if (!data) return 1;
  if (a.get('N')) data = data.subarray(0, Number(a.get('N')));
  const radix = a.get('A') ?? 'o';
  const type = a.has('c') ? 'c' : a.has('b') ? 'o1' : a.has('x') ? 'x2' : a.has('d') ? 'u2' : (a.get('t') ?? 'o2');
  const addr = (n: number): string => (radix === 'n' ? '' : radix === 'd' ? String(n).padStart(7, '0') : radix === 'x' ? n.toString(16).padStart(6, '0') : n.toString(8).padStart(7, '0'));
  let out = '';
  for (let off = 0; off < data.length; off += 16) {
    const chunk = data.subarray(off, off + 16);
    let line = addr(off);
    if (type === 'c') for (const b of chunk) line += (CHARS[b] ?? (b >= 32 && b < 127 ? String.fromCharCode(b) : b.toString(8).padStart(3, '0'))).padStart(4);
    else {
      const size = Number(type.slice(1) || (type[0] === 'x' || type[0] === 'o' || type[0] === 'u' || type[0] === 'd' ? '2' : '1'));
      const base = type[0] === 'x' ? 16 : type[0] === 'o' ? 8 : 10;
      const width = base === 16 ? size * 2 : base === 8 ? Math.ceil((size * 8) / 3) : String(2 ** (size * 8) - 1).length;
      for (let i = 0; i < chunk.length; i += size) {
        let v = 0;
        for (let k = size - 1; k >= 0; k--) v = v * 256 + (chunk[i + k] ?? 0);
        line += ' ' + v.toString(base).padStart(width, base === 10 ? ' ' : '0');
      }
    }
    out += line + '\n';
  }
  if (radix !== 'n') out += addr(data.length) + '\n';
  await ctx.stdout.write(out);
  return 0;
}

async function xxd(ctx: ProcessContext): Promise<number> {
  const args = ctx.argv.slice(1);
  const plain = args.includes('-p') || args.includes('-ps') || args.includes('-plain');
  // -l LEN / -len LEN / -l LEN attached: stop after LEN bytes (`xxd -l 16 /dev/urandom`).
  let limit = Infinity;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const x = args[i]!;
    const m = /^-(?:l|len)(\d*)$/.exec(x);
    if (m) limit = Number(m[1] || args[++i]);
    else if (x === '-c' || x === '-cols' || x === '-g' || x === '-groupsize' || x === '-s' || x === '-seek' || x === '-o') i++;
    else if (!x.startsWith('-')) files.push(x);
  }
  const data = await inputs(ctx, files.slice(0, 1), 'xxd', Number.isFinite(limit) ? limit : Infinity);
  if (!data) return 2;
  let out = '';
  if (plain) {
    const hex = [...data].map((b) => b.toString(16).padStart(2, '0')).join('');
    for (let i = 0; i < hex.length; i += 60) out += hex.slice(i, i + 60) + '\n';
  } else {
    for (let off = 0; off < data.length; off += 16) {
      const chunk = [...data.subarray(off, off + 16)];
      let hex = '';
      chunk.forEach((b, i) => (hex += b.toString(16).padStart(2, '0') + (i % 2 === 1 ? ' ' : '')));
      const text = chunk.map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
      out += `${off.toString(16).padStart(8, '0')}: ${hex.padEnd(40)} ${text}\n`;
    }
  }
  await ctx.stdout.write(out);
  return 0;
}

export const odInfo: ProgramInfo = { name: 'od', program: od };
export const xxdInfo: ProgramInfo = { name: 'xxd', program: xxd };
