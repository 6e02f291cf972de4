/**
 * The command tree (cobra's Command): names, aliases, usage lines, paths, the flag sets a command
 * sees (local, persistent, inherited), lookup of subcommands (Find and Traverse) and "Did you
 * mean this?" suggestions by Levenshtein distance.
 */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { FlagDef } from './flags';
import { flag as flagBuilders } from './flags';
import { FlagSet, type Flag } from './flagset';
import type { ArgsRule, CommandGroup, Completer } from './types';
import type { CliStyle } from './style';

export type FlagDefs = Readonly<Record<string, FlagDef<unknown>>>;

/** The values of a command's own flags, typed from their definitions. */
export type FlagValuesOf<F extends FlagDefs> = { -readonly [K in keyof F]: F[K] extends FlagDef<infer T> ? T : never };

/** What a command's `run` gets besides its arguments and flags. */
export interface CliContext {
  readonly proc: ProcessContext;
  readonly command: Command;
  /** The value of any flag this command sees (its own, inherited, or the root's), by long name. */
  flag<T = unknown>(name: string): T | undefined;
  /** Whether a flag was given on the command line. */
  changed(name: string): boolean;
  /** Writes to stdout / stderr. */
  out(text: string): Promise<void>;
  err(text: string): Promise<void>;
  /** This command's help text, as `--help` prints it (laid out for the stream it will go to). */
  helpText(stream?: 'stdout' | 'stderr'): string;
}

export type RunFn<F extends FlagDefs> = (ctx: CliContext, args: string[], flags: FlagValuesOf<F>) => Promise<number> | number;

export interface CommandSpec<F extends FlagDefs = FlagDefs> {
  /** cobra's Use: the name, then the argument synopsis ("run [OPTIONS] IMAGE [COMMAND] [ARG...]"). */
  readonly use?: string;
  /** The name, when `use` is not given. */
  readonly name?: string;
  readonly aliases?: readonly string[];
  readonly short?: string;
  readonly long?: string;
  readonly example?: string;
  /** Positional argument rule (default: any, as cobra's ArbitraryArgs / legacyArgs). */
  readonly args?: ArgsRule;
  readonly flags?: F;
  readonly subcommands?: readonly Command[];
  readonly run?: RunFn<F>;
  readonly hidden?: boolean;
  /** cobra's Deprecated: hidden, and using it prints `Command "x" is deprecated, <msg>`. */
  readonly deprecated?: string;
  readonly annotations?: Readonly<Record<string, string>>;
  /** kubectl's root command groups. */
  readonly groups?: readonly CommandGroup[];
  /** false: flags end at the first positional (docker run/exec/create). Default true. */
  readonly interspersed?: boolean;
  /** cobra's DisableFlagsInUseLine; default from the style. */
  readonly disableFlagsInUseLine?: boolean;
  /** Completes positional arguments (container names, resource types...). */
  readonly completeArgs?: Completer;
  /** cobra's SuggestFor: names that suggest this command. */
  readonly suggestFor?: readonly string[];
  /** The root's version (`docker -v`): printed by the style's version template. */
  readonly version?: string;
  /** The root's style (dockerStyle or kubectlStyle); subcommands take their root's. */
  readonly style?: CliStyle;
  /** kubectl: flag names shown under Options even when inherited (templater.ExposeFlags). */
  readonly exposedFlags?: readonly string[];
  /** cobra's DisableFlagParsing: `run` gets every word after the command's name, flags included (a CLI plugin such as `docker compose`). */
  readonly disableFlagParsing?: boolean;
}

export class Command {
  parent: Command | undefined;
  readonly children: Command[] = [];
  private autoHelp: Command | undefined;

  constructor(readonly spec: CommandSpec) {
    for (const c of spec.subcommands ?? []) this.addCommand(c);
  }

  addCommand(c: Command): void {
    c.parent = this;
    this.children.push(c);
  }

  get use(): string {
    return this.spec.use ?? this.spec.name ?? '';
  }

  /** cobra's Name: the first word of Use. */
  get name(): string {
    const u = this.use;
    const i = u.indexOf(' ');
    return i >= 0 ? u.slice(0, i) : u;
  }

  get aliases(): readonly string[] {
    return this.spec.aliases ?? [];
  }

  get short(): string {
    return this.spec.short ?? '';
  }

  get long(): string {
    return this.spec.long ?? '';
  }

  get example(): string {
    return this.spec.example ?? '';
  }

  get annotations(): Readonly<Record<string, string>> {
    return this.spec.annotations ?? {};
  }

  get hidden(): boolean {
    return this.spec.hidden === true;
  }

  get root(): Command {
    return this.parent ? this.parent.root : this;
  }

  get style(): CliStyle {
    const s = this.root.spec.style;
    if (!s) throw new Error(`command ${this.root.name} has no style`);
    return s;
  }

  get interspersed(): boolean {
    return this.spec.interspersed !== false;
  }

  /** The help command the style adds to a root with subcommands (cobra's InitDefaultHelpCmd). */
  get helpCommand(): Command | undefined {
    if (this.parent || this.children.length === 0) return undefined;
    if (!this.autoHelp) {
      const hc = this.style.helpCommand;
      this.autoHelp = new Command({ use: hc.use, short: hc.short, run: () => 0 });
      this.autoHelp.parent = this;
    }
    return this.autoHelp;
  }

  /** All children, the style's help command included, sorted by name (cobra's Commands()). */
  get commands(): Command[] {
    const all = [...this.children];
    const h = this.helpCommand;
    if (h && !all.some((c) => c.name === h.name)) all.push(h);
    return all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  get commandPath(): string {
    return this.parent ? `${this.parent.commandPath} ${this.name}` : this.name;
  }

  get disableFlagsInUseLine(): boolean {
    return this.spec.disableFlagsInUseLine ?? this.style.disableFlagsInUseLine;
  }

  /** cobra's UseLine. */
  useLine(flags: FlagSet): string {
    const line = this.parent ? `${this.parent.commandPath} ${this.use}` : this.use;
    if (this.disableFlagsInUseLine) return line;
    if (flags.hasAvailableFlags() && !line.includes('[flags]')) return `${line} [flags]`;
    return line;
  }

  get runnable(): boolean {
    return this.spec.run !== undefined;
  }

  get hasSubCommands(): boolean {
    return this.commands.length > 0;
  }

  /** cobra's IsAvailableCommand. */
  get isAvailable(): boolean {
    if (this.spec.deprecated || this.hidden) return false;
    if (this.parent && this.parent.helpCommand === this) return false;
    return this.runnable || this.hasAvailableSubCommands;
  }

  get hasAvailableSubCommands(): boolean {
    return this.commands.some((c) => c.isAvailable);
  }

  /** cobra's NamePadding: the longest sibling name, at least 11. */
  get namePadding(): number {
    if (!this.parent) return 11;
    let max = 0;
    for (const c of this.parent.commands) max = Math.max(max, c.name.length);
    return Math.max(11, max);
  }

  hasAlias(s: string): boolean {
    return this.aliases.includes(s);
  }

  /** cobra's findNext: a child by name or alias. */
  findNext(next: string): Command | undefined {
    for (const c of this.commands) if (c.name === next || c.hasAlias(next)) return c;
    return undefined;
  }

  /** cobra's SuggestionsFor with the default minimum distance 2. */
  suggestionsFor(typed: string): string[] {
    const out: string[] = [];
    for (const c of this.commands) {
      if (!c.isAvailable) continue;
      const d = levenshtein(typed, c.name, true);
      if (d <= 2 || c.name.toLowerCase().startsWith(typed.toLowerCase())) out.push(c.name);
      for (const s of c.spec.suggestFor ?? []) if (s.toLowerCase() === typed.toLowerCase()) out.push(c.name);
    }
    return out;
  }

  /** cobra's findSuggestions: "\n\nDid you mean this?\n\tget\n" or "". */
  findSuggestions(arg: string): string {
    const s = this.suggestionsFor(arg);
    if (s.length === 0) return '';
    return `\n\nDid you mean this?\n${s.map((x) => `\t${x}\n`).join('')}`;
  }

  /** Definitions of this command's persistent flags. */
  get persistentDefs(): FlagDef<unknown>[] {
    return Object.values(this.spec.flags ?? {}).filter((d) => d.persistent);
  }

  get localDefs(): FlagDef<unknown>[] {
    return Object.values(this.spec.flags ?? {}).filter((d) => !d.persistent);
  }
}

/** Defines a command. Subcommands are attached to it. */
export function defineCommand<F extends FlagDefs>(spec: CommandSpec<F>): Command {
  return new Command(spec as unknown as CommandSpec);
}

/** cobra's ld: Levenshtein distance, optionally ignoring case. */
export function levenshtein(s: string, t: string, ignoreCase: boolean): number {
  if (ignoreCase) {
    s = s.toLowerCase();
    t = t.toLowerCase();
  }
  const d: number[][] = [];
  for (let i = 0; i <= s.length; i++) {
    d.push(new Array<number>(t.length + 1).fill(0));
    d[i]![0] = i;
  }
  for (let j = 0; j <= t.length; j++) d[0]![j] = j;
  for (let j = 1; j <= t.length; j++) {
    for (let i = 1; i <= s.length; i++) {
      if (s[i - 1] === t[j - 1]) d[i]![j] = d[i - 1]![j - 1]!;
      else d[i]![j] = Math.min(d[i - 1]![j]!, d[i]![j - 1]!, d[i - 1]![j - 1]!) + 1;
    }
  }
  return d[s.length]![t.length]!;
}

// ------------------------------------------------------------------ flags of one run

/**
 * The flag values of one run. A definition gets one value per run, shared by every set that
 * holds it (a root's persistent flag parsed before the subcommand keeps its value below).
 */
export class RunFlags {
  private readonly values = new Map<FlagDef<unknown>, Flag>();
  private readonly sets = new Map<Command, FlagSet>();
  private readonly helpDefs = new Map<Command, FlagDef<unknown>>();

  constructor(private readonly normalize: (n: string) => string) {}

  private flagFor(def: FlagDef<unknown>): Flag {
    let f = this.values.get(def);
    if (!f) {
      const value = def.create();
      f = { def, name: this.normalize(def.name), value, defValue: value.string(), changed: false };
      this.values.set(def, f);
    }
    return f;
  }

  /** The persistent flags of the command's parents, nearest first (cobra's parentsPflags). */
  parentPersistent(cmd: Command): Flag[] {
    const out: Flag[] = [];
    for (let p = cmd.parent; p; p = p.parent) {
      for (const d of p.persistentDefs) out.push(this.flagFor(d));
      const rootHelp = p.parent ? undefined : p.style.rootHelpFlag;
      if (rootHelp) out.push(this.flagFor(rootHelp));
    }
    return out;
  }

  /** The command's own persistent flags (the root's include the style's help flag). */
  ownPersistent(cmd: Command): Flag[] {
    const out = cmd.persistentDefs.map((d) => this.flagFor(d));
    const rootHelp = cmd.parent ? undefined : cmd.style.rootHelpFlag;
    if (rootHelp) out.push(this.flagFor(rootHelp));
    return out;
  }

  /** cobra's c.Flags() after mergePersistentFlags and InitDefaultHelpFlag. */
  flags(cmd: Command): FlagSet {
    let fs = this.sets.get(cmd);
    if (fs) return fs;
    fs = new FlagSet(this.normalize);
    fs.interspersed = cmd.interspersed;
    for (const d of cmd.localDefs) fs.add(this.flagFor(d));
    for (const f of this.ownPersistent(cmd)) fs.add(f);
    for (const f of this.parentPersistent(cmd)) fs.add(f);
    if (!fs.has('help')) {
      let hd = this.helpDefs.get(cmd);
      if (!hd) {
        hd = flagBuilders.bool('help', { short: 'h', usage: `help for ${cmd.name || 'this command'}` });
        this.helpDefs.set(cmd, hd);
      }
      fs.add(this.flagFor(hd));
    }
    this.sets.set(cmd, fs);
    return fs;
  }

  /** cobra's LocalFlags: flags of the command that are not its parents' persistent flags. */
  localFlags(cmd: Command): Flag[] {
    const parents = new Set(this.parentPersistent(cmd));
    return this.flags(cmd).sorted().filter((f) => !parents.has(f));
  }

  /** cobra's InheritedFlags. */
  inheritedFlags(cmd: Command): Flag[] {
    const local = new Set(this.localFlags(cmd).map((f) => f.name));
    const seen = new Set<string>();
    const out: Flag[] = [];
    for (const f of this.parentPersistent(cmd)) {
      if (local.has(f.name) || seen.has(f.name)) continue;
      seen.add(f.name);
      out.push(f);
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The command's own persistent flags' names. */
  persistentNames(cmd: Command): Set<string> {
    return new Set(this.ownPersistent(cmd).map((f) => f.name));
  }
}
