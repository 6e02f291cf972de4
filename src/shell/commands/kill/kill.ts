/**
 * kill as bash's builtin: `kill [-s sigspec | -n signum | -sigspec] pid...`, `kill -l [sig]`.
 * Signals go through the kernel. Job specs (%1) are the shell's: it resolves them to pids before
 * calling `killBuiltin`, or handles them itself.
 */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { parseSignal, type Signal } from '../../../engine/runtime/signals';

const USAGE = 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n';

/** bash's `kill -l` table (Linux x86-64 numbering; names the kernel does not model included). */
const ALL_SIGNALS = [
  'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM', 'STKFLT',
  'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'IO', 'PWR', 'SYS',
];

function listTable(): string {
  const names: string[] = ALL_SIGNALS.map((n, i) => `${String(i + 1).padStart(2)}) SIG${n}`);
  for (let i = 34; i <= 64; i++) {
    const n = i <= 49 ? (i === 34 ? 'RTMIN' : `RTMIN+${i - 34}`) : i === 64 ? 'RTMAX' : `RTMAX-${64 - i}`;
    names.push(`${String(i).padStart(2)}) SIG${n}`);
  }
  let out = '';
  names.forEach((n, i) => {
    out += n + ((i + 1) % 5 === 0 || i === names.length - 1 ? '\n' : '\t');
  });
  return out;
}

export async function killBuiltin(ctx: Pick<ProcessContext, 'stdout' | 'stderr' | 'kernel' | 'ns'>, args: readonly string[], errPrefix = ''): Promise<number> {
  if (args.length === 0) {
    await ctx.stderr.write(USAGE);
    return 2;
  }
  let sig: Signal = 'SIGTERM';
  let i = 0;
  const a0 = args[0]!;
  if (a0 === '-l' || a0 === '-L') {
    if (args.length === 1) {
      await ctx.stdout.write(listTable());
      return 0;
    }
    let status = 0;
    for (const s of args.slice(1)) {
      if (/^\d+$/.test(s)) {
        const n = Number(s) > 128 ? Number(s) - 128 : Number(s);
        const name = ALL_SIGNALS[n - 1];
        if (name) await ctx.stdout.write(`${name}\n`);
        else {
          await ctx.stderr.write(`${errPrefix}kill: ${s}: invalid signal specification\n`);
          status = 1;
        }
      } else {
        const up = s.toUpperCase().replace(/^SIG/, '');
        const k = ALL_SIGNALS.indexOf(up);
        if (k >= 0) await ctx.stdout.write(`${k + 1}\n`);
        else {
          await ctx.stderr.write(`${errPrefix}kill: ${s}: invalid signal specification\n`);
          status = 1;
        }
      }
    }
    return status;
  }
  if (a0 === '-s' || a0 === '-n') {
    const spec = args[1];
    if (spec === undefined) {
      await ctx.stderr.write(`${errPrefix}kill: ${a0}: option requires an argument\n${USAGE}`);
      return 2;
    }
    const s = parseSignal(spec);
    if (!s) {
      await ctx.stderr.write(`${errPrefix}kill: ${spec}: invalid signal specification\n`);
      return 1;
    }
    sig = s;
    i = 2;
  } else if (a0.startsWith('-') && a0 !== '-' && a0 !== '--') {
    const s = parseSignal(a0.slice(1));
    if (!s) {
      await ctx.stderr.write(`${errPrefix}kill: ${a0.slice(1)}: invalid signal specification\n`);
      return 1;
    }
    sig = s;
    i = 1;
  }
  if (args[i] === '--') i++;
  const pids = args.slice(i);
  if (pids.length === 0) {
    await ctx.stderr.write(USAGE);
    return 2;
  }
  let status = 0;
  for (const p of pids) {
    if (!/^-?\d+$/.test(p)) {
      await ctx.stderr.write(`${errPrefix}kill: ${p}: arguments must be process or job IDs\n`);
      status = 1;
      continue;
    }
    const n = Number(p);
    const ok = ctx.kernel.killIn(ctx.ns, n, sig);
    if (!ok) {
      await ctx.stderr.write(`${errPrefix}kill: (${p}) - No such process\n`);
      status = 1;
    }
  }
  return status;
}

export const killInfo: ProgramInfo = { name: 'kill', program: (ctx) => killBuiltin(ctx, ctx.argv.slice(1)) };
