/**
 * Typed flag definitions, pflag's value types: what each accepts, how it prints its default, the
 * type name shown in help, and the error text of a bad value. A definition is immutable; each run
 * creates fresh values with `create()`.
 */
import type { Completer } from './types';
import {
  formatDuration,
  msToNs,
  nsToMs,
  parseBool,
  parseDuration,
  parseFloat64,
  parseInt64,
  parseUint64,
  readCSV,
  writeCSV,
  type Parsed,
} from './goparse';

/** How pflag's defaultIsZeroValue judges the default: by the type's zero or, for others, by the value's current text. */
export type ZeroKind = 'bool' | 'duration' | 'number' | 'string' | 'slice' | 'other';

/** A pflag Value: `set` returns an error text (the part after "flag: ") or undefined. */
export interface FlagValue<T> {
  readonly type: string;
  readonly zero: ZeroKind;
  set(s: string): string | undefined;
  get(): T;
  string(): string;
}

export interface FlagCommon {
  /** One-letter shorthand (`-d`). */
  readonly short?: string;
  readonly usage: string;
  readonly hidden?: boolean;
  /** MarkDeprecated: hidden from help; using it prints "Flag --x has been deprecated, <msg>". */
  readonly deprecated?: string;
  /** MarkShorthandDeprecated. */
  readonly shorthandDeprecated?: string;
  /** Inherited by subcommands (cobra's PersistentFlags). */
  readonly persistent?: boolean;
  /** cobra MarkFlagRequired. */
  readonly required?: boolean;
  /** Value when given without one (`--flag` alone); bools have "true", counts "+1". */
  readonly noOptDefVal?: string;
  /** Completion of the flag's value. */
  readonly complete?: Completer;
}

export interface FlagDef<T> extends FlagCommon {
  readonly name: string;
  create(): FlagValue<T>;
}

// ------------------------------------------------------------------ values

/** A flag holding one value: set parses the text (Go's error text on failure), string prints it. */
function scalarValue<T>(type: string, zero: ZeroKind, initial: T, parse: (s: string) => Parsed<T>, format: (v: T) => string = String): FlagValue<T> {
  let v = initial;
  return {
    type,
    zero,
    set(s: string) {
      const r = parse(s);
      if (!r.ok) return r.error;
      v = r.value;
      return undefined;
    },
    get: () => v,
    string: () => format(v),
  };
}

const parseString = (s: string): Parsed<string> => ({ ok: true, value: s });

function parseIntValue(bits: number, unsigned: boolean): (s: string) => Parsed<number> {
  return (s) => {
    const r = unsigned ? parseUint64(s, bits) : parseInt64(s, bits);
    return r.ok ? { ok: true, value: Number(r.value) } : r;
  };
}

/** strconv.FormatFloat(v, 'g', -1, 64). */
export function formatFloatG(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mant, expText] = v.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  // Shortest %g: an exponent when it is below -4 or at least 6 (1e+06), two digits at least.
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(v);
}

class CountValue implements FlagValue<number> {
  readonly type = 'count';
  readonly zero = 'number' as const;
  constructor(private v: number) {}
  set(s: string): string | undefined {
    if (s === '+1') {
      this.v++;
      return undefined;
    }
    const r = parseInt64(s, 64);
    if (!r.ok) return r.error;
    this.v = Number(r.value);
    return undefined;
  }
  get(): number {
    return this.v;
  }
  string(): string {
    return String(this.v);
  }
}

/** A time.Duration flag; its value is in milliseconds (what ctx.sleep takes). */
class DurationValue implements FlagValue<number> {
  readonly type = 'duration';
  readonly zero = 'duration' as const;
  private ns: bigint;
  constructor(ms: number) {
    this.ns = msToNs(ms);
  }
  set(s: string): string | undefined {
    const r = parseDuration(s);
    if (!r.ok) return r.error;
    this.ns = r.value;
    return undefined;
  }
  get(): number {
    return nsToMs(this.ns);
  }
  string(): string {
    return formatDuration(this.ns);
  }
}

/** stringSlice (values split on commas, CSV-quoted) or stringArray (taken whole). */
class SliceValue implements FlagValue<string[]> {
  readonly zero = 'slice' as const;
  private changed = false;
  private v: string[];
  constructor(
    readonly type: 'stringSlice' | 'stringArray',
    def: readonly string[],
  ) {
    this.v = [...def];
  }
  set(s: string): string | undefined {
    let items: string[];
    if (this.type === 'stringSlice') {
      const r = readCSV(s);
      if (!r.ok) return r.error;
      items = r.value;
    } else {
      items = [s];
    }
    this.v = this.changed ? [...this.v, ...items] : items;
    this.changed = true;
    return undefined;
  }
  get(): string[] {
    return [...this.v];
  }
  string(): string {
    return `[${writeCSV(this.v)}]`;
  }
}

/** pflag's stringToString (`--label k=v,k2=v2`), kept in insertion order. */
class StringToStringValue implements FlagValue<Map<string, string>> {
  readonly type = 'stringToString';
  readonly zero = 'other' as const;
  private changed = false;
  private v: Map<string, string>;
  constructor(def: ReadonlyMap<string, string>) {
    this.v = new Map(def);
  }
  set(s: string): string | undefined {
    const r = readCSV(s);
    if (!r.ok) return r.error;
    const out = new Map<string, string>();
    for (const pair of r.value) {
      const eq = pair.indexOf('=');
      if (eq < 0) return `${pair} must be formatted as key=value`;
      out.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    if (!this.changed) this.v = out;
    else for (const [k, v] of out) this.v.set(k, v);
    this.changed = true;
    return undefined;
  }
  get(): Map<string, string> {
    return new Map(this.v);
  }
  string(): string {
    return `[${writeCSV([...this.v].map(([k, v]) => `${k}=${v}`))}]`;
  }
}

/**
 * docker's opts.ListOpts (type "list"): each use appends one value, checked by an optional
 * validator whose error text follows "flag: ". Prints "" when empty, else Go's %v of the slice.
 */
class ListValue implements FlagValue<string[]> {
  readonly zero = 'other' as const;
  private v: string[] = [];
  constructor(
    readonly type: string,
    private readonly validate?: (s: string) => { ok: true; value: string } | { ok: false; error: string },
  ) {}
  set(s: string): string | undefined {
    if (this.validate) {
      const r = this.validate(s);
      if (!r.ok) return r.error;
      this.v.push(r.value);
    } else {
      this.v.push(s);
    }
    return undefined;
  }
  get(): string[] {
    return [...this.v];
  }
  string(): string {
    return this.v.length === 0 ? '' : `[${this.v.join(' ')}]`;
  }
}

/** docker's opts.MapOpts (type "map"): `k=v` values; prints Go's %v of a map, "map[]" when empty. */
class MapOptsValue implements FlagValue<Map<string, string>> {
  readonly type = 'map';
  readonly zero = 'other' as const;
  private v = new Map<string, string>();
  set(s: string): undefined {
    const eq = s.indexOf('=');
    if (eq < 0) this.v.set(s, '');
    else this.v.set(s.slice(0, eq), s.slice(eq + 1));
    return undefined;
  }
  get(): Map<string, string> {
    return new Map(this.v);
  }
  string(): string {
    const keys = [...this.v.keys()].sort();
    return `map[${keys.map((k) => `${k}:${this.v.get(k)!}`).join(' ')}]`;
  }
}

// ------------------------------------------------------------------ builders

type Opts<D> = FlagCommon & { readonly default?: D };

function def<T>(name: string, opts: FlagCommon, create: () => FlagValue<T>, noOpt?: string): FlagDef<T> {
  const noOptDefVal = opts.noOptDefVal ?? noOpt;
  return { ...opts, name, ...(noOptDefVal !== undefined ? { noOptDefVal } : {}), create };
}

/** A custom value: the type name shown in help, a parser, and how the value prints. */
export interface CustomFlagOptions<T> extends FlagCommon {
  readonly type: string;
  readonly default: T;
  /** Parses one use of the flag given the value so far; error text follows "flag: ". */
  parse(s: string, prev: T, changed: boolean): { ok: true; value: T } | { ok: false; error: string };
  format(v: T): string;
  readonly zero?: ZeroKind;
}

export const flag = {
  bool(name: string, opts: Opts<boolean>): FlagDef<boolean> {
    return def(name, opts, () => scalarValue('bool', 'bool', opts.default ?? false, parseBool), 'true');
  },
  string(name: string, opts: Opts<string>): FlagDef<string> {
    return def(name, opts, () => scalarValue('string', 'string', opts.default ?? '', parseString, (v) => v));
  },
  int(name: string, opts: Opts<number>): FlagDef<number> {
    return def(name, opts, () => scalarValue('int', 'number', opts.default ?? 0, parseIntValue(64, false)));
  },
  /** Sized integers as Go declares them (`int32`, `int64`, `uint16`...): the type name shows in help. */
  sizedInt(name: string, type: 'int8' | 'int16' | 'int32' | 'int64' | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64', opts: Opts<number>): FlagDef<number> {
    const unsigned = type.startsWith('u');
    const bits = type === 'uint' ? 64 : Number(type.replace(/^u?int/, ''));
    return def(name, opts, () => scalarValue(type, 'number', opts.default ?? 0, parseIntValue(bits, unsigned)));
  },
  float(name: string, opts: Opts<number>): FlagDef<number> {
    return def(name, opts, () => scalarValue('float64', 'number', opts.default ?? 0, parseFloat64, formatFloatG));
  },
  count(name: string, opts: Opts<number>): FlagDef<number> {
    return def(name, opts, () => new CountValue(opts.default ?? 0), '+1');
  },
  /** A time.Duration; default and value in milliseconds. */
  duration(name: string, opts: Opts<number>): FlagDef<number> {
    return def(name, opts, () => new DurationValue(opts.default ?? 0));
  },
  /** Repeatable, each value split on commas (`--x a,b --x c` gives a, b, c). */
  stringSlice(name: string, opts: Opts<readonly string[]>): FlagDef<string[]> {
    return def(name, opts, () => new SliceValue('stringSlice', opts.default ?? []));
  },
  /** Repeatable, values taken whole. */
  stringArray(name: string, opts: Opts<readonly string[]>): FlagDef<string[]> {
    return def(name, opts, () => new SliceValue('stringArray', opts.default ?? []));
  },
  /** pflag's stringToString: `--x k=v,k2=v2`. */
  stringToString(name: string, opts: Opts<ReadonlyMap<string, string>>): FlagDef<Map<string, string>> {
    return def(name, opts, () => new StringToStringValue(opts.default ?? new Map()));
  },
  /** docker's ListOpts (`-e A -e B`, type "list", or another type name such as "ulimit"). */
  list(
    name: string,
    opts: FlagCommon & {
      readonly type?: string;
      readonly validate?: (s: string) => { ok: true; value: string } | { ok: false; error: string };
    },
  ): FlagDef<string[]> {
    return def(name, opts, () => new ListValue(opts.type ?? 'list', opts.validate));
  },
  /** docker's MapOpts (`--annotation k=v`, type "map"). */
  map(name: string, opts: FlagCommon): FlagDef<Map<string, string>> {
    return def(name, opts, () => new MapOptsValue());
  },
  custom<T>(name: string, opts: CustomFlagOptions<T>): FlagDef<T> {
    return def(name, opts, () => {
      let v = opts.default;
      let changed = false;
      return {
        type: opts.type,
        zero: opts.zero ?? 'other',
        set(s: string) {
          const r = opts.parse(s, v, changed);
          if (!r.ok) return r.error;
          v = r.value;
          changed = true;
          return undefined;
        },
        get: () => v,
        string: () => opts.format(v),
      };
    });
  },
};
