/**
 * tail -n -c (`+N` from the start), -q -v, `tail -5`, and -f / -F following files: after the
 * initial output it waits on the file system's change events (no polling) and prints what is
 * appended, until a signal ends it. A pipe on stdin is read to its end (GNU ignores -f there).
 */
import type { IDisposable } from '../../../engine/core/events';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { concatBytes, readAll } from '../../../engine/runtime/streams';
import { completeFlags, parse, type ArgSpec } from '../args';
import { HEAD_TAIL_OPTIONS } from '../head/head';
import { abs, errText, openInput } from '../lib/io';
import { parseCount } from '../lib/numbers';
import { localeQuote, quoteAlways } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'tail',
  numericFirst: 'lines',
  options: [
    ...HEAD_TAIL_OPTIONS,
    { key: 'follow', short: 'f', long: 'follow', arg: 'optional' },
    { key: 'F', short: 'F' },
    { key: 'retry', long: 'retry' },
    { key: 'pid', long: 'pid', arg: 'required' },
    { key: 's', short: 's', long: 'sleep-interval', arg: 'required' },
  ],
};

const NL = 10;

/** The part of `data` that tail prints. */
function tailOf(data: Uint8Array, n: number, fromStart: boolean, bytes: boolean, sep: number): Uint8Array {
  if (bytes) return fromStart ? data.subarray(Math.max(0, n - 1)) : data.subarray(Math.max(0, data.length - n));
  if (fromStart) {
    let line = 1;
    let i = 0;
    while (line < n && i < data.length) {
      if (data[i] === sep) line++;
      i++;
    }
    return data.subarray(i);
  }
  if (n === 0) return data.subarray(data.length);
  let i = data.length;
  if (i > 0 && data[i - 1] === sep) i--;
  let count = 0;
  while (i > 0) {
    if (data[i - 1] === sep) {
      count++;
      if (count === n) break;
    }
    i--;
  }
  return data.subarray(i);
}

async function tail(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  const which = a.lastOf('lines', 'bytes') ?? 'lines';
  let raw = a.get(which) ?? '10';
  let byBytes = which === 'bytes';
  const first = a.opts[0];
  if (first?.key === 'lines' && /^-\d/.test(first.as)) {
    const m = /^(\d+)([cbl]?)(f?)$/.exec(raw);
    if (m) {
      raw = m[1]!;
      if (m[2] === 'c') byBytes = true;
    }
  }
  const fromStart = raw.startsWith('+');
  const n = parseCount(raw.replace(/^[+-]/, ''));
  if (n === undefined) {
    await ctx.stderr.write(`tail: invalid number of ${byBytes ? 'bytes' : 'lines'}: ${localeQuote(raw)}\n`);
    return 1;
  }
  const follow = a.has('follow') || a.has('F');
  const byName = a.has('F') || a.get('follow') === 'name';
  const files = a.operands.length ? a.operands : ['-'];
  const headers = a.has('verbose') || (files.length > 1 && !a.has('quiet'));
  const sep = a.has('zero') ? 0 : NL;
  let status = 0;
  let lastHeader: string | undefined;
  let anyOutput = false;
  const header = async (f: string): Promise<void> => {
    if (!headers || lastHeader === f) return;
    await ctx.stdout.write(`${anyOutput ? '\n' : ''}==> ${f === '-' ? 'standard input' : f} <==\n`);
    anyOutput = true;
    lastHeader = f;
  };
  const sizes = new Map<string, number>();
  for (const f of files) {
    let data: Uint8Array;
    try {
      const s = openInput(ctx, f);
      data = await readAll(s);
    } catch (e) {
      if (errText(e) === 'Is a directory') {
        await header(f);
        await ctx.stderr.write(`tail: error reading ${quoteAlways(f)}: Is a directory\n`);
      } else await ctx.stderr.write(`tail: cannot open ${quoteAlways(f)} for reading: ${errText(e)}\n`);
      status = 1;
      continue;
    }
    await header(f);
    anyOutput = true;
    await ctx.stdout.write(tailOf(data, n, fromStart, byBytes, sep));
    if (f !== '-') sizes.set(f, data.length);
  }
  const followed = files.filter((f) => f !== '-' && (sizes.has(f) || byName));
  if (!follow || followed.length === 0) return status;
  if (files.length === 1 && files[0] === '-') return status;

  // Follow: wake on file system changes to the followed paths.
  const paths = new Map(followed.map((f) => [abs(ctx, f), f]));
  let wake: (() => void) | undefined;
  const pending = new Set<string>();
  const sub: IDisposable = ctx.fs.onDidChange((c) => {
    const f = paths.get(c.path);
    if (f === undefined) return;
    pending.add(f);
    wake?.();
  });
  try {
    for (;;) {
      if (pending.size === 0) await ctx.wait(new Promise<void>((r) => (wake = r)));
      wake = undefined;
      for (const f of [...pending]) {
        pending.delete(f);
        const p = abs(ctx, f);
        let data: Uint8Array;
        try {
          data = ctx.fs.readFile(p);
        } catch {
          if (sizes.has(f)) {
            await ctx.stderr.write(`tail: ${quoteAlways(f)} has become inaccessible: No such file or directory\n`);
            sizes.delete(f);
          }
          continue;
        }
        const before = sizes.get(f);
        if (before === undefined) {
          await ctx.stderr.write(`tail: ${quoteAlways(f)} has appeared;  following new file\n`);
          await header(f);
          await ctx.stdout.write(data);
        } else if (data.length < before) {
          await ctx.stderr.write(`tail: ${f}: file truncated\n`);
          await header(f);
          await ctx.stdout.write(data);
        } else if (data.length > before) {
          await header(f);
          await ctx.stdout.write(concatBytes([data.subarray(before)]));
        }
        sizes.set(f, data.length);
      }
    }
  } finally {
    sub.dispose();
  }
}

export const tailInfo: ProgramInfo = { name: 'tail', program: tail, complete: completeFlags(SPEC) };
