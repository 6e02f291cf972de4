/** date [-u] [-d STRING] [-r FILE] [-I[FMT]] [-R] [+FORMAT], in UTC (the host's zone). */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, usageError, type ArgSpec } from '../args';
import { parseDate } from '../lib/date';
import { strftime } from '../lib/format';
import { abs, errText } from '../lib/io';
import { localeQuote, quoteIfNeeded } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'date',
  options: [
    { key: 'd', short: 'd', long: 'date', arg: 'required' },
    { key: 'u', short: 'u', long: ['utc', 'universal'] },
    { key: 'I', short: 'I', long: 'iso-8601', arg: 'optional' },
    { key: 'R', short: 'R', long: 'rfc-email' },
    { key: 'rfc3339', long: 'rfc-3339', arg: 'required' },
    { key: 'r', short: 'r', long: 'reference', arg: 'required' },
    { key: 's', short: 's', long: 'set', arg: 'required' },
  ],
};

async function date(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  let t = ctx.kernel.clock.now();
  const d = a.get('d');
  if (d !== undefined) {
    const v = parseDate(d, t);
    if (v === undefined) {
      await ctx.stderr.write(`date: invalid date ${localeQuote(d)}\n`);
      return 1;
    }
    t = v;
  }
  const r = a.get('r');
  if (r !== undefined) {
    try {
      t = ctx.fs.stat(abs(ctx, r)).mtime;
    } catch (e) {
      await ctx.stderr.write(`date: ${quoteIfNeeded(r)}: ${errText(e)}\n`);
      return 1;
    }
  }
  if (a.has('s')) {
    await ctx.stderr.write('date: cannot set date: Operation not permitted\n');
    return 1;
  }
  const fmts = a.operands.filter((o) => o.startsWith('+'));
  const extra = a.operands.filter((o) => !o.startsWith('+'));
  if (extra.length) return usageError(ctx, SPEC, `invalid date ${localeQuote(extra[0]!)}`);
  if (fmts.length > 1) return usageError(ctx, SPEC, `extra operand ${localeQuote(fmts[1]!)}`);
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  if (a.has('I')) {
    const p = a.get('I') || 'date';
    fmt = p.startsWith('h') ? '%Y-%m-%dT%H%:z' : p.startsWith('m') ? '%Y-%m-%dT%H:%M%:z' : p.startsWith('s') ? '%Y-%m-%dT%H:%M:%S%:z' : p.startsWith('n') ? '%Y-%m-%dT%H:%M:%S,%N%:z' : '%Y-%m-%d';
  } else if (a.has('R')) fmt = '%a, %d %b %Y %H:%M:%S %z';
  else if (a.has('rfc3339')) {
    const p = a.get('rfc3339')!;
    fmt = p.startsWith('d') ? '%Y-%m-%d' : p.startsWith('n') ? '%Y-%m-%d %H:%M:%S.%N%:z' : '%Y-%m-%d %H:%M:%S%:z';
  }
  if (fmts[0]) fmt = fmts[0].slice(1);
  await ctx.stdout.write(`${strftime(fmt, t)}\n`);
  return 0;
}

export const dateInfo: ProgramInfo = { name: 'date', program: date, complete: completeFlags(SPEC) };
