/** touch -c -d -r -t (mtime only; the simulated FS keeps one time per file). */
import { isSysError } from '../../../engine/core/errors';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, usageError, type ArgSpec } from '../args';
import { parseDate } from '../lib/date';
import { abs, errText } from '../lib/io';
import { localeQuote, quoteAlways } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'touch',
  options: [
    { key: 'a', short: 'a' },
    { key: 'm', short: 'm' },
    { key: 'c', short: 'c', long: 'no-create' },
    { key: 'd', short: 'd', long: 'date', arg: 'required' },
    { key: 'r', short: 'r', long: 'reference', arg: 'required' },
    { key: 't', short: 't', arg: 'required' },
    { key: 'h', short: 'h', long: 'no-dereference' },
  ],
};

function parseStamp(s: string, now: number): number | undefined {
  const m = /^(?:(\d\d)?(\d\d))?(\d\d)(\d\d)(\d\d)(\d\d)(?:\.(\d\d))?$/.exec(s);
  if (!m) return undefined;
  const year = m[2] === undefined ? new Date(now).getUTCFullYear() : m[1] !== undefined ? Number(m[1] + m[2]) : Number(m[2]) < 69 ? 2000 + Number(m[2]) : 1900 + Number(m[2]);
  return Date.UTC(year, Number(m[3]) - 1, Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7] ?? 0));
}

async function touch(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  if (a.operands.length === 0) return usageError(ctx, SPEC, 'missing file operand');
  const now = ctx.kernel.clock.now();
  let when = now;
  const d = a.get('d');
  const t = a.get('t');
  const r = a.get('r');
  if (d !== undefined) {
    const v = parseDate(d, now);
    if (v === undefined) {
      await ctx.stderr.write(`touch: invalid date format ${localeQuote(d)}\n`);
      return 1;
    }
    when = v;
  } else if (t !== undefined) {
    const v = parseStamp(t, now);
    if (v === undefined) {
      await ctx.stderr.write(`touch: invalid date format ${localeQuote(t)}\n`);
      return 1;
    }
    when = v;
  } else if (r !== undefined) {
    try {
      when = ctx.fs.stat(abs(ctx, r)).mtime;
    } catch (e) {
      await ctx.stderr.write(`touch: failed to get attributes of ${quoteAlways(r)}: ${errText(e)}\n`);
      return 1;
    }
  }
  let status = 0;
  for (const name of a.operands) {
    const p = abs(ctx, name);
    let creating = false;
    try {
      if (!ctx.fs.exists(p)) {
        if (a.has('c')) continue;
        creating = true;
        ctx.fs.writeFile(p, '');
      }
      ctx.fs.utimes(p, when);
    } catch (e) {
      if (!isSysError(e)) throw e;
      // GNU touch opens the file first: only a directory gets as far as setting its times
      let isDir: boolean;
      try {
        isDir = !creating && ctx.fs.stat(p).type === 'dir';
      } catch {
        isDir = false;
      }
      await ctx.stderr.write(`touch: ${isDir ? 'setting times of' : 'cannot touch'} ${quoteAlways(name)}: ${errText(e)}\n`);
      status = 1;
    }
  }
  return status;
}

export const touchInfo: ProgramInfo = { name: 'touch', program: touch, complete: completeFlags(SPEC) };
