/**
 * docker/cli's help and usage templates (cli/cobra.go, usageTemplate/helpTemplate) rendered
 * without text/template: the same sections, the same blank lines.
 */
import type { Command, RunFlags } from './command';
import { flagUsagesWrapped } from './flagset';
import type { RenderEnv } from './types';

const trimSpace = (s: string) => s.replace(/^\s+|\s+$/g, '');
const trimRightSpace = (s: string) => s.replace(/\s+$/, '');
const rpad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

function isPlugin(c: Command): boolean {
  return c.annotations['com.docker.cli.plugin'] === 'true';
}

function hasAliases(c: Command): boolean {
  return c.aliases.length > 0 || (c.annotations['aliases'] ?? '') !== '';
}

function commandAliases(c: Command): string {
  const a = c.annotations['aliases'];
  if (a) return a;
  const parentPath = c.parent ? `${c.parent.commandPath} ` : '';
  let out = c.commandPath;
  for (const alias of c.aliases) out += `, ${parentPath}${alias}`;
  return out;
}

function topCommands(c: Command): Command[] {
  if (c.parent) return [];
  const cmds = c.commands.filter((s) => !isPlugin(s) && s.isAvailable && s.annotations['category-top'] !== undefined);
  return cmds.sort((a, b) => naturalLess(a.annotations['category-top']!, b.annotations['category-top']!));
}

/** fvbommel/sortorder NaturalLess, for the numbers docker puts in category-top. */
function naturalLess(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function operationSubCommands(c: Command): Command[] {
  return c.commands.filter((s) => {
    if (isPlugin(s)) return false;
    if (s.annotations['category-top'] !== undefined && !c.parent) return false;
    return s.isAvailable && !s.hasSubCommands;
  });
}

function allManagementSubCommands(c: Command): Command[] {
  return c.commands.filter((s) => s.isAvailable && (isPlugin(s) || s.hasSubCommands));
}

function wrappedFlagUsages(c: Command, flags: RunFlags, env: RenderEnv): string {
  const width = env.stdinCols ?? 80;
  return flagUsagesWrapped(flags.flags(c).sorted(), width - 1);
}

/** The usage text (cobra's UsageString with docker's usageTemplate). */
export function dockerUsage(c: Command, flags: RunFlags, env: RenderEnv): string {
  const fs = flags.flags(c);
  const hasFlags = fs.hasAvailableFlags();
  let s = 'Usage:';
  if (!c.hasSubCommands) s += `  ${c.useLine(fs)}`;
  else s += `  ${c.commandPath}${hasFlags ? ' [OPTIONS]' : ''} COMMAND`;
  s += `\n\n${c.long !== '' ? trimSpace(c.long) : trimSpace(c.short)}`;
  if (hasAliases(c)) s += `\n\nAliases:\n  ${commandAliases(c)}`;
  if (c.example !== '') s += `\n\nExamples:\n${c.example}`;
  if (c.parent && hasFlags) s += `\n\nOptions:\n${trimRightSpace(wrappedFlagUsages(c, flags, env))}`;
  const top = topCommands(c);
  if (top.length > 0) {
    s += '\n\nCommon Commands:';
    for (const t of top) s += `\n  ${rpad(t.name + (isPlugin(t) ? '*' : ' '), t.namePadding + 1)}${t.short}`;
  }
  const mgmt = allManagementSubCommands(c).filter((m) => m.annotations['swarm'] === undefined);
  if (mgmt.length > 0) {
    s += '\n\nManagement Commands:';
    for (const m of mgmt) s += `\n  ${rpad(m.name + (isPlugin(m) ? '*' : ' '), m.namePadding + 1)}${m.short}`;
  }
  const swarm = allManagementSubCommands(c).filter((m) => m.annotations['swarm'] !== undefined);
  if (swarm.length > 0) {
    s += '\n\nSwarm Commands:';
    for (const m of swarm) s += `\n  ${rpad(m.name + (isPlugin(m) ? '*' : ' '), m.namePadding + 1)}${m.short}`;
  }
  const ops = operationSubCommands(c);
  if (ops.length > 0) {
    s += '\n\nCommands:';
    for (const o of ops) s += `\n  ${rpad(o.name, o.namePadding)} ${o.short}`;
  }
  if (!c.parent && hasFlags) s += `\n\nGlobal Options:\n${trimRightSpace(wrappedFlagUsages(c, flags, env))}`;
  if (c.hasSubCommands) s += `\n\nRun '${c.commandPath} COMMAND --help' for more information on a command.`;
  const extra = c.annotations['additionalHelp'];
  if (extra) s += `\n\n${env.outIsTTY ? `\x1b[1m${extra}\x1b[0m` : extra}`;
  return `${s}\n`;
}

/** docker's helpTemplate: the usage, for runnable commands and those with subcommands. */
export function dockerHelp(c: Command, flags: RunFlags, env: RenderEnv): string {
  return c.runnable || c.hasSubCommands ? dockerUsage(c, flags, env) : '';
}
