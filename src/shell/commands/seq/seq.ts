/** seq [-s SEP] [-w] [-f FMT] [FIRST [INCR]] LAST, with decimals as GNU prints them. */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { helpOrVersion, parseArgs, usageError, type ArgSpec } from '../args';
import { localeQuote } from '../lib/quote';
import { printfFormat } from '../printf/printf';

const SPEC: ArgSpec = {
  name: 'seq',
  options: [
    { key: 's', short: 's', long: 'separator', arg: 'required' },
    { key: 'w', short: 'w', long: 'equal-width' },
    { key: 'f', short: 'f', long: 'format', arg: 'required' },
  ],
};

function decimals(s: string): number {
  const m = /\.(\d*)/.exec(s);
  return s.includes('e') || s.includes('E') ? 0 : m ? m[1]!.length : 0;
}

async function seq(ctx: ProcessContext): Promise<number> {
  const hv = await helpOrVersion(ctx, SPEC);
  if (hv !== undefined) return hv;
  // negative numbers are operands, not options
  const argv = ctx.argv.slice(1);
  const opts: string[] = [];
  const nums: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (/^-\d|^-\.\d/.test(x) || nums.length > 0) nums.push(x);
    else if (x === '-s' || x === '-f') opts.push(x, argv[++i] ?? '');
    else if (x.startsWith('-')) opts.push(x);
    else nums.push(x);
  }
  const r = parseArgs(SPEC, opts);
  if (!r.ok) {
    await ctx.stderr.write(r.message);
    return 1;
  }
  const a = r.args;
  if (nums.length === 0) return usageError(ctx, SPEC, 'missing operand');
  if (nums.length > 3) return usageError(ctx, SPEC, `extra operand ${localeQuote(nums[3]!)}`);
  for (const n of nums) {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(n)) return usageError(ctx, SPEC, `invalid floating point argument: ${localeQuote(n)}`);
  }
  const [firstS, incS, lastS] = nums.length === 1 ? ['1', '1', nums[0]!] : nums.length === 2 ? [nums[0]!, '1', nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
  const first = Number(firstS);
  const inc = Number(incS);
  const last = Number(lastS);
  if (inc === 0) return usageError(ctx, SPEC, `invalid Zero increment value: ${localeQuote(incS)}`);
  const prec = Math.max(decimals(firstS), decimals(incS));
  const fmt = a.get('f');
  const sep = a.get('s') ?? '\n';
  const values: string[] = [];
  const width = a.has('w') ? Math.max(first.toFixed(prec).length, last.toFixed(prec).length) : 0;
  for (let i = 0; ; i++) {
    const v = first + i * inc;
    if (inc > 0 ? v > last + 1e-10 : v < last - 1e-10) break;
    let s: string;
    if (fmt !== undefined) s = printfFormat(fmt, [String(v)]).out;
    else {
      s = v.toFixed(prec);
      if (width) s = s.startsWith('-') ? `-${s.slice(1).padStart(width - 1, '0')}` : s.padStart(width, '0');
    }
    values.push(s);
    if (values.length % 1000 === 0) {
      await ctx.stdout.write(values.join(sep) + sep);
      values.length = 0;
      await ctx.checkpoint();
    }
  }
  if (values.length) await ctx.stdout.write(values.join(sep) + '\n');
  return 0;
}

export const seqInfo: ProgramInfo = { name: 'seq', program: seq };
