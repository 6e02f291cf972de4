/** paste [-d LIST] [-s] FILE...: merges lines of files side by side (or serially). */
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { parse, type ArgSpec } from '../args';
import { errText, readAllText, openInput } from '../lib/io';
import { quoteIfNeeded } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'paste',
  options: [
    { key: 'd', short: 'd', long: 'delimiters', arg: 'required' },
    { key: 's', short: 's', long: 'serial' },
    { key: 'z', short: 'z', long: 'zero-terminated' },
  ],
};

export const pasteInfo: ProgramInfo = {
  name: 'paste',
  program: async (ctx) => {
    const a = await parse(ctx, SPEC);
    if (typeof a === 'number') return a;
    const delims = [...(a.get('d') ?? '\t').replace(/\\t/g, '\t').replace(/\\n/g, '\n').replace(/\\0/g, '')];
    if (delims.length === 0) delims.push('');
    const files = a.operands.length ? a.operands : ['-'];
    const contents: string[][] = [];
    let stdinLines: string[] | undefined;
    for (const f of files) {
      try {
        if (f === '-') {
          stdinLines ??= splitLines(await readAllText(ctx.stdin));
          contents.push(stdinLines);
        } else contents.push(splitLines(await readAllText(openInput(ctx, f))));
      } catch (e) {
        await ctx.stderr.write(`paste: ${quoteIfNeeded(f)}: ${errText(e)}\n`);
        return 1;
      }
    }
    let out = '';
    const join = (parts: string[]): string => parts.map((p, i) => (i === 0 ? p : delims[(i - 1) % delims.length] + p)).join('');
    if (a.has('s')) {
      for (const c of contents) out += join(c) + '\n';
    } else {
      const n = Math.max(...contents.map((c) => c.length));
      for (let i = 0; i < n; i++) out += join(contents.map((c) => c[i] ?? '')) + '\n';
    }
    await ctx.stdout.write(out);
    return 0;
  },
};

function splitLines(t: string): string[] {
  const ls = t.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls;
}
