/**
 * One GNU-style argument parser for every command, with glibc getopt_long's behaviour and words:
 * combined short flags (`-la`), values attached or separate (`-n5`, `-n 5`, `--lines=5`,
 * `--lines 5`), unambiguous prefixes of long options (`--col`), `--` ending the options, and
 * permutation (options after operands) unless the command stops at its first operand (`env`,
 * `xargs`, `sudo`). Errors are glibc's messages followed by the tool's "Try ... --help" line.
 *
 * Each command declares its options as a table of `OptSpec`s; the parser returns the options in
 * the order given (so "last one wins" rules can be applied) and the operands.
 */
import type { ProcessContext } from '../../engine/runtime/kernel';

export type ArgKind = 'none' | 'required' | 'optional';

export interface OptSpec {
  /** The name the command reads the option by. */
  readonly key: string;
  /** Single-character flag, without the dash. */
  readonly short?: string;
  /** Long names, without the dashes. */
  readonly long?: string | readonly string[];
  /** Whether the option takes a value (default 'none'). */
  readonly arg?: ArgKind;
}

export interface ArgSpec {
  /** Program name used in messages. */
  readonly name: string;
  readonly options: readonly OptSpec[];
  /** Stop at the first operand instead of permuting (getopt's "+" prefix). */
  readonly stopAtOperand?: boolean;
  /** Exit status for usage errors (default 1; ls, grep, sort, diff use 2; env 125). */
  readonly usageStatus?: number;
  /** What follows a usage error message (default "Try 'NAME --help' for more information.\n"). */
  readonly tryHelp?: string;
  /**
   * A first argument `-NUM...` (head -5, tail -5, fold -20) becomes this option with the value
   * `NUM...` (the text after the dash).
   */
  readonly numericFirst?: string;
  /** `-NUM` anywhere stands for this option with value NUM (uniq -2, diff -5). */
  readonly numericAnywhere?: string;
}

export interface OptValue {
  readonly key: string;
  readonly value: string | undefined;
  /** The option as written (`-n`, `--lines`), for messages. */
  readonly as: string;
}

export class Parsed {
  constructor(
    readonly opts: readonly OptValue[],
    readonly operands: string[],
  ) {}

  has(key: string): boolean {
    return this.opts.some((o) => o.key === key);
  }

  /** How many times the option was given (`-vv`). */
  count(key: string): number {
    return this.opts.filter((o) => o.key === key).length;
  }

  /** The value of the last occurrence. */
  get(key: string): string | undefined {
    for (let i = this.opts.length - 1; i >= 0; i--) {
      const o = this.opts[i]!;
      if (o.key === key) return o.value ?? '';
    }
    return undefined;
  }

  all(key: string): string[] {
    return this.opts.filter((o) => o.key === key).map((o) => o.value ?? '');
  }

  /** Which of `keys` was given last (for options that override each other, as ls -l / -1). */
  lastOf<K extends string>(...keys: K[]): K | undefined {
    for (let i = this.opts.length - 1; i >= 0; i--) {
      const k = this.opts[i]!.key as K;
      if (keys.includes(k)) return k;
    }
    return undefined;
  }
}

export type ParseResult = { readonly ok: true; readonly args: Parsed } | { readonly ok: false; readonly message: string };

function longNames(o: OptSpec): readonly string[] {
  return o.long === undefined ? [] : typeof o.long === 'string' ? [o.long] : o.long;
}

/** Parses `args` (argv without argv[0]). Pure: errors come back as the full stderr text. */
export function parseArgs(spec: ArgSpec, args: readonly string[]): ParseResult {
  const opts: OptValue[] = [];
  const operands: string[] = [];
  const name = spec.name;
  const fail = (msg: string): ParseResult => ({ ok: false, message: `${name}: ${msg}\n${tryHelpText(spec)}` });
  const byShort = new Map<string, OptSpec>();
  for (const o of spec.options) if (o.short) byShort.set(o.short, o);

  let i = 0;
  if (spec.numericFirst && args.length > 0 && /^-\d/.test(args[0]!)) {
    opts.push({ key: spec.numericFirst, value: args[0]!.slice(1), as: args[0]! });
    i = 1;
  }
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const nm = a.slice(2, eq < 0 ? undefined : eq);
      const inline = eq < 0 ? undefined : a.slice(eq + 1);
      // exact match first, then unambiguous prefixes
      let match: { o: OptSpec; full: string } | undefined;
      for (const o of spec.options) for (const l of longNames(o)) if (l === nm) match = { o, full: l };
      if (!match) {
        const cands: Array<{ o: OptSpec; full: string }> = [];
        for (const o of spec.options) for (const l of longNames(o)) if (l.startsWith(nm)) cands.push({ o, full: l });
        const distinct = cands.filter((c, k) => cands.findIndex((d) => d.o === c.o) === k);
        if (distinct.length === 0) return fail(`unrecognized option '${a}'`);
        if (distinct.length > 1) {
          return fail(`option '--${nm}' is ambiguous; possibilities:${cands.map((c) => ` '--${c.full}'`).join('')}`);
        }
        match = distinct[0]!;
      }
      const kind = match.o.arg ?? 'none';
      const as = `--${match.full}`;
      if (kind === 'none') {
        if (inline !== undefined) return fail(`option '${as}' doesn't allow an argument`);
        opts.push({ key: match.o.key, value: undefined, as });
      } else if (kind === 'optional') {
        opts.push({ key: match.o.key, value: inline, as });
      } else if (inline !== undefined) {
        opts.push({ key: match.o.key, value: inline, as });
      } else if (i + 1 < args.length) {
        opts.push({ key: match.o.key, value: args[++i]!, as });
      } else {
        return fail(`option '${as}' requires an argument`);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      if (spec.numericAnywhere && /^-\d+$/.test(a)) {
        opts.push({ key: spec.numericAnywhere, value: a.slice(1), as: a });
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const o = byShort.get(c);
        if (!o) return fail(`invalid option -- '${c}'`);
        const kind = o.arg ?? 'none';
        if (kind === 'none') {
          opts.push({ key: o.key, value: undefined, as: `-${c}` });
          continue;
        }
        const rest = a.slice(j + 1);
        if (rest.length > 0) {
          opts.push({ key: o.key, value: rest, as: `-${c}` });
        } else if (kind === 'optional') {
          opts.push({ key: o.key, value: undefined, as: `-${c}` });
        } else if (i + 1 < args.length) {
          opts.push({ key: o.key, value: args[++i]!, as: `-${c}` });
        } else {
          return fail(`option requires an argument -- '${c}'`);
        }
        break;
      }
      continue;
    }
    operands.push(a);
    if (spec.stopAtOperand) {
      operands.push(...args.slice(i + 1));
      break;
    }
  }
  return { ok: true, args: new Parsed(opts, operands) };
}

export function tryHelpText(spec: Pick<ArgSpec, 'name' | 'tryHelp'>): string {
  return spec.tryHelp ?? `Try '${spec.name} --help' for more information.\n`;
}

/**
 * Parses `ctx.argv` by `spec`. On a usage error writes the message to stderr and returns the
 * exit status (a number); otherwise returns the parsed arguments.
 */
export async function parse(ctx: ProcessContext, spec: ArgSpec): Promise<Parsed | number> {
  const hv = await helpOrVersion(ctx, spec);
  if (hv !== undefined) return hv;
  const r = parseArgs(spec, ctx.argv.slice(1));
  if (r.ok) return r.args;
  await ctx.stderr.write(r.message);
  return spec.usageStatus ?? 1;
}

/**
 * GNU tools answer `--help` and `--version` wherever they appear before `--` (once the options
 * before them parsed). Prints the real tool's text and returns 0; undefined when neither is asked.
 */
export async function helpOrVersion(ctx: ProcessContext, spec: ArgSpec): Promise<number | undefined> {
  const args = ctx.argv.slice(1);
  let k = -1;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (a === '--help' || a === '--version') {
      k = i;
      break;
    }
    if (spec.stopAtOperand && !a.startsWith('-')) break;
  }
  if (k < 0) return undefined;
  // Real work outside the virtual clock: the clock must not run ahead while the chunk loads.
  const { HELP } = await ctx.kernel.hostWork(import('./help/texts'));
  const texts = HELP[spec.name];
  if (!texts) return undefined;
  const before = parseArgs(spec, args.slice(0, k));
  if (!before.ok) {
    await ctx.stderr.write(before.message);
    return spec.usageStatus ?? 1;
  }
  await ctx.stdout.write(args[k] === '--help' ? texts.help : texts.version);
  return 0;
}

/** Writes "NAME: MESSAGE" and the "Try --help" line; returns the usage status. */
export async function usageError(ctx: ProcessContext, spec: ArgSpec, message: string): Promise<number> {
  await ctx.stderr.write(`${spec.name}: ${message}\n${tryHelpText(spec)}`);
  return spec.usageStatus ?? 1;
}

/** Long option names of a spec, for completion (`--all`, `--color=`...). */
export function longFlags(spec: ArgSpec): string[] {
  const out: string[] = [];
  for (const o of spec.options) for (const l of longNames(o)) out.push((o.arg ?? 'none') === 'none' ? `--${l}` : `--${l}=`);
  return out.sort();
}

/** A `complete` function that offers the long flags when the word starts with "--". */
export function completeFlags(spec: ArgSpec): (args: readonly string[]) => string[] | undefined {
  const flags = longFlags(spec);
  return (args) => {
    const w = args[args.length - 1] ?? '';
    if (!w.startsWith('--')) return undefined;
    return flags.filter((f) => f.startsWith(w));
  };
}
