/** head -n -c (with negative counts: all but the last N), -q -v, `head -5`. Streams. */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import { concatBytes, type ReadStream } from '../../../engine/runtime/streams';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, type ArgSpec } from '../args';
import { errText, Lines, openInput, Out } from '../lib/io';
import { parseCount } from '../lib/numbers';
import { localeQuote, quoteAlways } from '../lib/quote';

/** The options head and tail share. */
export const HEAD_TAIL_OPTIONS: ArgSpec['options'] = [
  { key: 'lines', short: 'n', long: 'lines', arg: 'required' },
  { key: 'bytes', short: 'c', long: 'bytes', arg: 'required' },
  { key: 'quiet', short: 'q', long: ['quiet', 'silent'] },
  { key: 'verbose', short: 'v', long: 'verbose' },
  { key: 'zero', short: 'z', long: 'zero-terminated' },
];

const SPEC: ArgSpec = { name: 'head', numericFirst: 'lines', options: HEAD_TAIL_OPTIONS };

async function head(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  const which = a.lastOf('lines', 'bytes') ?? 'lines';
  let raw = a.get(which) ?? '10';
  // `head -5c` is bytes
  const first = a.opts[0];
  let byBytes = which === 'bytes';
  if (first?.key === 'lines' && first.as.startsWith('-') && /^-\d/.test(first.as) && a.lastOf('lines', 'bytes') === 'lines' && a.opts.filter((o) => o.key === 'lines').length === 1) {
    const m = /^(\d+)([cbkmlq]*)$/.exec(raw);
    if (m) {
      raw = m[1]!;
      if (m[2]!.includes('c')) byBytes = true;
    }
  }
  const allBut = raw.startsWith('-');
  const n = parseCount(allBut ? raw.slice(1) : raw.replace(/^\+/, ''));
  if (n === undefined) {
    await ctx.stderr.write(`head: invalid number of ${byBytes ? 'bytes' : 'lines'}: ${localeQuote(raw)}\n`);
    return 1;
  }
  const files = a.operands.length ? a.operands : ['-'];
  const headers = a.has('verbose') || (files.length > 1 && !a.has('quiet'));
  const sep = a.has('zero') ? '\0' : '\n';
  const out = new Out(ctx.stdout);
  let status = 0;
  let firstHeader = true;
  for (const f of files) {
    let stream: ReadStream;
    try {
      stream = openInput(ctx, f);
    } catch (e) {
      await out.flush();
      if (errText(e) === 'Is a directory') {
        if (headers) {
          out.write(`${firstHeader ? '' : '\n'}==> ${f} <==\n`);
          firstHeader = false;
          await out.flush();
        }
        await ctx.stderr.write(`head: error reading ${quoteAlways(f)}: Is a directory\n`);
      } else await ctx.stderr.write(`head: cannot open ${quoteAlways(f)} for reading: ${errText(e)}\n`);
      status = 1;
      continue;
    }
    if (headers) {
      out.write(`${firstHeader ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
      firstHeader = false;
    }
    if (byBytes) {
      const chunks: Uint8Array[] = [];
      let got = 0;
      for (;;) {
        if (!allBut && got >= n) break;
        const c = await stream.read();
        if (c === null) break;
        if (!allBut) {
          const part = c.subarray(0, n - got);
          got += part.length;
          out.write(part);
          await out.flush();
        } else {
          chunks.push(c);
          got += c.length;
        }
      }
      if (allBut) out.write(concatBytes(chunks).subarray(0, Math.max(0, got - n)));
    } else {
      const lines = new Lines(stream, () => out.flush(), undefined, sep);
      if (!allBut) {
        for (let i = 0; i < n; i++) {
          const l = await lines.next();
          if (!l) break;
          out.write(l.newline ? l.line + sep : l.line);
        }
      } else {
        const buf: Array<{ line: string; newline: boolean }> = [];
        for (;;) {
          const l = await lines.next();
          if (!l) break;
          buf.push(l);
          if (buf.length > n) {
            const x = buf.shift()!;
            out.write(x.newline ? x.line + sep : x.line);
          }
          await ctx.checkpoint();
        }
      }
    }
    await out.flush();
  }
  await out.flush();
  return status;
}

export const headInfo: ProgramInfo = { name: 'head', program: head, complete: completeFlags(SPEC) };
