/**
 * kubectl's help (k8s.io/kubectl/pkg/util/templates: templater.go, templates.go,
 * help_flags_printer.go) and the word wrapping it applies on a terminal (pkg/util/term's
 * ResponsiveWriter with mitchellh/go-wordwrap).
 */
import type { Command, RunFlags } from './command';
import type { Flag } from './flagset';
import type { RenderEnv } from './types';

const trimSpace = (s: string) => s.replace(/^\s+|\s+$/g, '');
const trimRight = (s: string) => s.replace(/\s+$/, '');
const rpad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/** mitchellh/go-wordwrap WrapString (limit in runes; Infinity: no wrapping). */
export function wordWrap(s: string, lim: number): string {
  let buf = '';
  let current = 0;
  let word = '';
  let wordLen = 0;
  let space = '';
  let spaceLen = 0;
  for (const ch of s) {
    if (ch === '\n') {
      // Pending spaces are kept unless they would overflow; `current` restarts either way.
      if (wordLen === 0) {
        if (current + spaceLen <= lim) buf += space;
      } else {
        buf += space + word;
        word = '';
        wordLen = 0;
      }
      space = '';
      spaceLen = 0;
      buf += ch;
      current = 0;
    } else if (/\s/u.test(ch) && ch !== '\u00a0') {
      if (space.length === 0 || word.length > 0) {
        current += spaceLen + wordLen;
        buf += space + word;
        space = '';
        spaceLen = 0;
        word = '';
        wordLen = 0;
      }
      space += ch;
      spaceLen++;
    } else {
      word += ch;
      wordLen++;
      if (current + wordLen + spaceLen > lim && wordLen < lim) {
        buf += '\n';
        current = 0;
        space = '';
        spaceLen = 0;
      }
    }
  }
  if (word.length === 0) {
    if (current + spaceLen <= lim) buf += space;
  } else {
    buf += space + word;
  }
  return buf;
}

/** The ResponsiveWriter's limit for a terminal this wide (0: no wrapping). */
export function terminalLimit(cols: number | undefined): number {
  if (cols === undefined) return 0;
  if (cols >= 120) return 120;
  if (cols >= 100) return 100;
  if (cols >= 80) return 80;
  return 0;
}

/** HelpFlagPrinter.PrintHelpFlag for one flag. */
function printHelpFlag(f: Flag, wrapLimit: number): string {
  const deprecated = f.def.deprecated ? ` (DEPRECATED: ${f.def.deprecated})` : '';
  const value = f.value.type === 'string' ? `'${f.defValue}'` : f.defValue;
  const head = f.def.short ? `    -${f.def.short}, --${f.name}=${value}:` : `    --${f.name}=${value}:`;
  const formatted = `${head}\n${f.def.usage}${deprecated}`;
  const parts = formatted.split('\n');
  let wrapped = formatted;
  if (parts.length > 1) {
    const next = parts.slice(1).join(' ');
    // wrapLimit is a uint: 0 - 10 wraps around, i.e. no wrapping off a terminal.
    const lim = wrapLimit === 0 ? Infinity : wrapLimit - 10;
    wrapped = `${parts[0]!}\n${wordWrap(next, lim)}`;
  }
  return `${wrapped.replace(/\n/g, '\n\t')}\n\n`;
}

/** templates' flagsUsages. */
export function flagsUsages(flags: readonly Flag[], env: RenderEnv): string {
  const lim = terminalLimit(env.stdoutCols);
  let out = '';
  for (const f of flags) if (!f.def.hidden && !f.def.deprecated) out += printHelpFlag(f, lim);
  return out;
}

function filterCommands(cmds: readonly Command[], names: readonly string[]): Command[] {
  return cmds.filter((c) => !c.hidden && !names.includes(c.name));
}

function cmdGroupsString(c: Command): string {
  const groups: { message: string; commands: Command[] }[] = [];
  const defs = c.spec.groups ?? [];
  if (defs.length > 0 && !c.parent) {
    const all = filterCommands(c.commands, c.style.filtered);
    const inGroups = new Set<string>();
    for (const g of defs) {
      const cmds: Command[] = [];
      for (const n of g.commands) {
        const found = c.children.find((x) => x.name === n);
        if (found) {
          cmds.push(found);
          inGroups.add(n);
        }
      }
      groups.push({ message: g.message, commands: cmds });
    }
    const other = all.filter((x) => !inGroups.has(x.name) && x.short.length !== 0);
    if (other.length > 0) groups.push({ message: 'Other Commands:', commands: other });
  } else {
    groups.push({ message: 'Available Commands:', commands: filterCommands(c.commands, ['options']) });
  }
  return groups
    .map((g) => [g.message, ...g.commands.filter((x) => x.isAvailable).map((x) => `  ${rpad(x.name, x.namePadding)}   ${x.short}`)].join('\n'))
    .join('\n\n');
}

/** templater.optionsCmdFor. */
function optionsCmdFor(c: Command): string {
  if (!c.runnable) return '';
  const chain: Command[] = [];
  for (let p: Command | undefined = c; p; p = p.parent) chain.push(p);
  for (let i = chain.length - 1; i >= 0; i--) {
    const cmd = chain[i]!;
    // cobra's Find(["options"]) fails only on a root with subcommands and no "options".
    const fails = !cmd.parent && cmd.hasSubCommands && !cmd.findNext('options');
    if (!fails) return `${cmd.commandPath} options`;
  }
  return '';
}

/** The usage text (MainUsageTemplate). */
export function kubectlUsage(c: Command, flags: RunFlags, env: RenderEnv): string {
  const persistent = flags.persistentNames(c);
  const exposed = c.spec.exposedFlags ?? [];
  const fs = flags.flags(c);
  const visible = flags.localFlags(c).filter((f) => !persistent.has(f.name) && f.name !== 'help');
  const exposedFlags = exposed.map((n) => fs.lookup(n)).filter((f): f is Flag => f !== undefined);
  let s = '\n\n';
  if (c.aliases.length > 0) s += `Aliases:\n${[c.name, ...c.aliases].join(', ')}\n\n`;
  if (c.example !== '') s += `Examples:\n${trimRight(c.example)}\n\n`;
  if (c.hasAvailableSubCommands) s += `${cmdGroupsString(c)}\n\n`;
  if (visible.length > 0 || exposedFlags.length > 0) {
    s += 'Options:\n';
    if (visible.length > 0) s += trimRight(flagsUsages(visible, env));
    if (exposedFlags.length > 0) {
      if (visible.length > 0) s += '\n';
      s += trimRight(flagsUsages(exposedFlags, env));
    }
    s += '\n\n';
  }
  const useLine = c.useLine(fs);
  if (c.runnable && useLine !== '' && useLine !== c.root.commandPath) {
    const usage = fs.size > 0 && !useLine.includes('[options]') ? `${useLine} [options]` : useLine;
    s += `Usage:\n  ${usage}\n\n`;
  }
  if (c.hasSubCommands) {
    const names: string[] = [];
    for (let p: Command | undefined = c; p; p = p.parent) names.unshift(p.name);
    s += `Use "${names.map((n) => `${n} `).join('')}<command> --help" for more information about a given command.\n`;
  }
  const opt = optionsCmdFor(c);
  if (opt) s += `Use "${opt}" for a list of global command-line options (applies to all commands).\n`;
  return s;
}

/** MainHelpTemplate: the long (or short) description, then the usage; each written chunk word-wrapped on a terminal. */
export function kubectlHelp(c: Command, flags: RunFlags, env: RenderEnv): string {
  const lim = terminalLimit(env.stdoutCols);
  const w = (s: string) => (lim === 0 ? s : wordWrap(s, lim));
  let out = '';
  const text = c.long || c.short;
  if (text) out += w(trimSpace(text));
  if (c.runnable || c.hasSubCommands) out += w(kubectlUsage(c, flags, env));
  return out;
}

/** What `kubectl options` prints (OptionsUsageTemplate): the inherited flags of the command. */
export function kubectlOptions(c: Command, flags: RunFlags, env: RenderEnv): string {
  const inherited = flags.inheritedFlags(c);
  if (inherited.length === 0) return '';
  return `The following options can be passed to any command:\n\n${flagsUsages(inherited, env)}`;
}
