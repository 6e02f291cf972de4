/**
 * pflag's FlagSet: the parsing rules (combined shorthands, `-p8080:80`, `--name=x`, `--name x`,
 * `--` ends flags, interspersed or not) and the error texts, word for word, plus
 * FlagUsagesWrapped, the help listing cobra and docker print.
 */
import type { FlagDef, FlagValue } from './flags';
import { goQuote, goQuoteRune } from './goparse';

/** A flag in a set: its definition and the value of this run. */
export interface Flag {
  readonly def: FlagDef<unknown>;
  /** Normalized name (kubectl turns `_` into `-`). */
  readonly name: string;
  readonly value: FlagValue<unknown>;
  /** The default as text (pflag's DefValue). */
  readonly defValue: string;
  changed: boolean;
}

/** Thrown by nothing: parse returns this when `--help`/`-h` is given and not defined (pflag's ErrHelp). */
export const ERR_HELP = 'pflag: help requested';

export type ParseResult = { ok: true } | { ok: false; error: string };

export class FlagSet {
  private readonly formal = new Map<string, Flag>();
  private readonly shorthands = new Map<string, Flag>();
  /** Positional arguments left after parsing. */
  args: string[] = [];
  /** Length of args when `--` was seen, or -1. */
  argsLenAtDash = -1;
  interspersed = true;
  /** Warnings pflag writes to its output (deprecations), printed by cobra after a good parse. */
  output = '';

  constructor(readonly normalize: (name: string) => string = (n) => n) {}

  /** Adds a flag; a name already present is skipped (cobra's AddFlagSet), as is a taken shorthand. */
  add(flag: Flag): void {
    if (this.formal.has(flag.name)) return;
    this.formal.set(flag.name, flag);
    const sh = flag.def.short;
    if (sh && !this.shorthands.has(sh)) this.shorthands.set(sh, flag);
  }

  /** Creates a flag with a fresh value and adds it. */
  define(def: FlagDef<unknown>): Flag {
    const value = def.create();
    const flag: Flag = { def, name: this.normalize(def.name), value, defValue: value.string(), changed: false };
    this.add(flag);
    return this.formal.get(flag.name)!;
  }

  lookup(name: string): Flag | undefined {
    return this.formal.get(this.normalize(name));
  }

  shorthandLookup(c: string): Flag | undefined {
    return this.shorthands.get(c);
  }

  /** Flags sorted by name, as pflag's VisitAll gives them. */
  sorted(): Flag[] {
    return [...this.formal.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  has(name: string): boolean {
    return this.formal.has(this.normalize(name));
  }

  hasAvailableFlags(): boolean {
    for (const f of this.formal.values()) if (!f.def.hidden) return true;
    return false;
  }

  get size(): number {
    return this.formal.size;
  }

  /** FlagSet.Set: sets a value by name, with pflag's "invalid argument" wording. */
  set(flag: Flag, value: string): string | undefined {
    const err = flag.value.set(value);
    if (err !== undefined) {
      const flagName = flag.def.short && !flag.def.shorthandDeprecated ? `-${flag.def.short}, --${flag.name}` : `--${flag.name}`;
      return `invalid argument ${goQuote(value)} for ${goQuote(flagName)} flag: ${err}`;
    }
    flag.changed = true;
    if (flag.def.deprecated) this.output += `Flag --${flag.name} has been deprecated, ${flag.def.deprecated}\n`;
    return undefined;
  }

  parse(arguments_: readonly string[]): ParseResult {
    this.args = [];
    let args = [...arguments_];
    while (args.length > 0) {
      const s = args.shift()!;
      if (s.length === 0 || s[0] !== '-' || s.length === 1) {
        if (!this.interspersed) {
          this.args.push(s, ...args);
          return { ok: true };
        }
        this.args.push(s);
        continue;
      }
      let r: { ok: true; args: string[] } | { ok: false; error: string };
      if (s[1] === '-') {
        if (s.length === 2) {
          this.argsLenAtDash = this.args.length;
          this.args.push(...args);
          break;
        }
        r = this.parseLongArg(s, args);
      } else {
        r = this.parseShortArg(s, args);
      }
      if (!r.ok) return r;
      args = r.args;
    }
    return { ok: true };
  }

  private parseLongArg(s: string, args: string[]): { ok: true; args: string[] } | { ok: false; error: string } {
    let name = s.slice(2);
    if (name.length === 0 || name[0] === '-' || name[0] === '=') return { ok: false, error: `bad flag syntax: ${s}` };
    const eq = name.indexOf('=');
    const hasValue = eq >= 0;
    const inline = hasValue ? name.slice(eq + 1) : '';
    if (hasValue) name = name.slice(0, eq);
    const flag = this.lookup(name);
    if (!flag) {
      if (name === 'help') return { ok: false, error: ERR_HELP };
      return { ok: false, error: `unknown flag: --${name}` };
    }
    let value: string;
    let rest = args;
    if (hasValue) value = inline;
    else if (flag.def.noOptDefVal !== undefined && flag.def.noOptDefVal !== '') value = flag.def.noOptDefVal;
    else if (args.length > 0) {
      value = args[0]!;
      rest = args.slice(1);
    } else return { ok: false, error: `flag needs an argument: ${s}` };
    const err = this.set(flag, value);
    if (err !== undefined) return { ok: false, error: err };
    return { ok: true, args: rest };
  }

  private parseShortArg(s: string, args: string[]): { ok: true; args: string[] } | { ok: false; error: string } {
    let shorthands = s.slice(1);
    let a = args;
    while (shorthands.length > 0) {
      if (shorthands.startsWith('test.')) return { ok: true, args: a };
      // pflag works on bytes; shorthands are ASCII letters.
      const c = shorthands[0]!;
      let out = shorthands.slice(1);
      const flag = this.shorthandLookup(c);
      if (!flag) {
        if (c === 'h') return { ok: false, error: ERR_HELP };
        return { ok: false, error: `unknown shorthand flag: ${goQuoteRune(c)} in -${shorthands}` };
      }
      let value: string;
      if (shorthands.length > 2 && shorthands[1] === '=') {
        value = shorthands.slice(2);
        out = '';
      } else if (flag.def.noOptDefVal !== undefined && flag.def.noOptDefVal !== '') {
        value = flag.def.noOptDefVal;
      } else if (shorthands.length > 1) {
        value = shorthands.slice(1);
        out = '';
      } else if (args.length > 0) {
        value = args[0]!;
        a = args.slice(1);
      } else {
        return { ok: false, error: `flag needs an argument: ${goQuoteRune(c)} in -${shorthands}` };
      }
      if (flag.def.shorthandDeprecated) {
        this.output += `Flag shorthand -${flag.def.short!} has been deprecated, ${flag.def.shorthandDeprecated}\n`;
      }
      const err = this.set(flag, value);
      if (err !== undefined) return { ok: false, error: err };
      shorthands = out;
    }
    return { ok: true, args: a };
  }
}

// ------------------------------------------------------------------ help listing

/** pflag's UnquoteUsage: a back-quoted name in the usage, else the type's name ("" for bools). */
export function unquoteUsage(flag: Flag): { name: string; usage: string } {
  const usage = flag.def.usage;
  const i = usage.indexOf('`');
  if (i >= 0) {
    const j = usage.indexOf('`', i + 1);
    if (j >= 0) {
      const name = usage.slice(i + 1, j);
      return { name, usage: usage.slice(0, i) + name + usage.slice(j + 1) };
    }
  }
  let name = flag.value.type;
  switch (name) {
    case 'bool': name = ''; break;
    case 'float64': name = 'float'; break;
    case 'int64': name = 'int'; break;
    case 'uint64': name = 'uint'; break;
    case 'stringSlice': name = 'strings'; break;
    case 'intSlice': name = 'ints'; break;
    case 'uintSlice': name = 'uints'; break;
    case 'boolSlice': name = 'bools'; break;
  }
  return { name, usage };
}

/** pflag's defaultIsZeroValue. */
export function defaultIsZeroValue(flag: Flag): boolean {
  const d = flag.defValue;
  switch (flag.value.zero) {
    case 'bool': return d === 'false';
    case 'duration': return d === '0' || d === '0s';
    case 'number': return d === '0';
    case 'string': return d === '';
    case 'slice': return d === '[]';
    case 'other': {
      const cur = flag.value.string();
      return cur === 'false' || cur === '<nil>' || cur === '' || cur === '0';
    }
  }
}

/** Length in bytes, as Go's len() counts a string. */
function byteLen(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Byte offset -> string index for slicing the way Go slices bytes (approximate for multibyte splits). */
function sliceBytes(s: string, maxBytes: number): number {
  let n = 0;
  let i = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const w = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (n + w > maxBytes) break;
    n += w;
    i += ch.length;
  }
  return i;
}

/** pflag's wrapN. */
function wrapN(i: number, slop: number, s: string): [string, string] {
  if (i + slop > byteLen(s)) return [s, ''];
  const head = s.slice(0, sliceBytes(s, i));
  const w = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'), head.lastIndexOf('\n'));
  if (w <= 0) return [s, ''];
  const nl = head.lastIndexOf('\n');
  if (nl > 0 && nl < w) return [s.slice(0, nl), s.slice(nl + 1)];
  return [s.slice(0, w), s.slice(w + 1)];
}

/** pflag's wrap: indent `i`, width `w` (0: no wrapping). */
function wrap(i: number, w: number, s: string): string {
  if (w === 0) return s.replace(/\n/g, `\n${' '.repeat(i)}`);
  let width = w - i;
  let r = '';
  if (width < 24) {
    i = 16;
    width = w - i;
    r += `\n${' '.repeat(i)}`;
  }
  if (width < 24) return s.replace(/\n/g, r);
  const slop = 5;
  width -= slop;
  let l: string;
  [l, s] = wrapN(width, slop, s);
  r += l.replace(/\n/g, `\n${' '.repeat(i)}`);
  while (s !== '') {
    let t: string;
    [t, s] = wrapN(width, slop, s);
    r += `\n${' '.repeat(i)}${t.replace(/\n/g, `\n${' '.repeat(i)}`)}`;
  }
  return r;
}

/** FlagSet.FlagUsagesWrapped(cols) over the given flags (sorted, hidden ones skipped). */
export function flagUsagesWrapped(flags: readonly Flag[], cols: number): string {
  const lines: string[] = [];
  let maxlen = 0;
  for (const flag of flags) {
    if (flag.def.hidden || flag.def.deprecated) continue;
    let line = flag.def.short && !flag.def.shorthandDeprecated ? `  -${flag.def.short}, --${flag.name}` : `      --${flag.name}`;
    const { name: varname, usage } = unquoteUsage(flag);
    if (varname !== '') line += ` ${varname}`;
    const noOpt = flag.def.noOptDefVal;
    if (noOpt !== undefined && noOpt !== '') {
      switch (flag.value.type) {
        case 'string': line += `[="${noOpt}"]`; break;
        case 'bool': if (noOpt !== 'true') line += `[=${noOpt}]`; break;
        case 'count': if (noOpt !== '+1') line += `[=${noOpt}]`; break;
        default: line += `[=${noOpt}]`;
      }
    }
    line += '\x00';
    if (byteLen(line) > maxlen) maxlen = byteLen(line);
    line += usage;
    if (!defaultIsZeroValue(flag)) {
      line += flag.value.type === 'string' ? ` (default ${goQuote(flag.defValue)})` : ` (default ${flag.defValue})`;
    }
    if (flag.def.deprecated) line += ` (DEPRECATED: ${flag.def.deprecated})`;
    lines.push(line);
  }
  let out = '';
  for (const line of lines) {
    const sidx = line.indexOf('\x00');
    const head = line.slice(0, sidx);
    const spacing = ' '.repeat(maxlen - byteLen(head));
    // fmt.Fprintln(buf, line[:sidx], spacing, wrap(...)): operands joined by single spaces.
    out += `${head} ${spacing} ${wrap(maxlen + 2, cols, line.slice(sidx + 1))}\n`;
  }
  return out;
}
