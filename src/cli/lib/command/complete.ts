/**
 * Tab completion of a command line, as cobra's __complete answers it: subcommands, flags (not
 * hidden or deprecated, not repeated unless repeatable), and values from the completers commands
 * and flags define. Plugged into the shell through ProgramInfo.complete:
 *
 *   registry.register({ name: 'docker', program, complete: (args) => completeCli(dockerRoot, args) });
 */
import type { Command } from './command';
import { RunFlags } from './command';
import type { Flag, FlagSet } from './flagset';
import type { CompleteRequest } from './types';

function takesValue(f: Flag): boolean {
  return (f.def.noOptDefVal ?? '') === '';
}

function repeatable(f: Flag): boolean {
  const t = f.value.type;
  return t.includes('Slice') || t.includes('Array') || t.startsWith('stringTo') || t === 'list' || t === 'map' || t === 'count';
}

/**
 * Candidates for the last of `words` (the words typed after the program's name; the last is
 * the one being completed, "" after a space). undefined: let the shell complete file names.
 */
export function completeCli(root: Command, words: readonly string[]): string[] | undefined {
  const rf = new RunFlags(root.style.normalize);
  const prior = words.slice(0, -1);
  const toComplete = words[words.length - 1] ?? '';
  let cmd = root;
  let fs: FlagSet = rf.flags(cmd);
  const positionals: string[] = [];
  const path = [root.name];
  const flagValues = new Map<string, string>();
  const given = new Set<string>();
  let pending: Flag | undefined;
  let flagsDone = false;

  for (const w of prior) {
    if (pending) {
      flagValues.set(pending.name, w);
      pending = undefined;
      continue;
    }
    if (!flagsDone && w === '--') {
      flagsDone = true;
      continue;
    }
    if (!flagsDone && w.startsWith('--') && w.length > 2) {
      const eq = w.indexOf('=');
      const f = fs.lookup(eq >= 0 ? w.slice(2, eq) : w.slice(2));
      if (f) {
        given.add(f.name);
        if (eq >= 0) flagValues.set(f.name, w.slice(eq + 1));
        else if (takesValue(f)) pending = f;
      }
      continue;
    }
    if (!flagsDone && w.startsWith('-') && w.length > 1) {
      for (let i = 1; i < w.length; i++) {
        const f = fs.shorthandLookup(w[i]!);
        if (!f) break;
        given.add(f.name);
        if (takesValue(f)) {
          const rest = w.slice(i + 1).replace(/^=/, '');
          if (rest === '') pending = f;
          else flagValues.set(f.name, rest);
          break;
        }
      }
      continue;
    }
    if (positionals.length === 0 && !flagsDone) {
      const next = cmd.findNext(w);
      if (next) {
        cmd = next;
        fs = rf.flags(cmd);
        path.push(next.name);
        continue;
      }
    }
    positionals.push(w);
    if (!cmd.interspersed) flagsDone = true;
  }

  const req = (prefix: string): CompleteRequest => ({ args: positionals, toComplete: prefix, path, flags: flagValues });
  const filter = (list: readonly string[] | undefined, prefix: string, add = ''): string[] | undefined =>
    list === undefined ? undefined : list.filter((c) => c.startsWith(prefix)).map((c) => add + c);

  if (pending) return pending.def.complete ? filter(pending.def.complete(req(toComplete)), toComplete) : undefined;

  if (!flagsDone && toComplete.startsWith('--') && toComplete.includes('=')) {
    const eq = toComplete.indexOf('=');
    const f = fs.lookup(toComplete.slice(2, eq));
    const prefix = toComplete.slice(eq + 1);
    if (!f?.def.complete) return f ? undefined : [];
    return filter(f.def.complete(req(prefix)), prefix, toComplete.slice(0, eq + 1));
  }

  if (!flagsDone && toComplete.startsWith('-')) {
    const out: string[] = [];
    for (const f of fs.sorted()) {
      if (f.def.hidden || f.def.deprecated) continue;
      if (given.has(f.name) && !repeatable(f)) continue;
      const long = `--${f.name}`;
      if (long.startsWith(toComplete)) out.push(long);
      if (f.def.short && !f.def.shorthandDeprecated && `-${f.def.short}`.startsWith(toComplete)) out.push(`-${f.def.short}`);
    }
    return out;
  }

  const out: string[] = [];
  let fromArgs: readonly string[] | undefined = [];
  if (positionals.length === 0 && cmd.hasAvailableSubCommands) {
    for (const c of cmd.commands) {
      if ((c.isAvailable || c === cmd.helpCommand) && c.name.startsWith(toComplete)) out.push(c.name);
    }
    if (cmd.spec.completeArgs) fromArgs = filter(cmd.spec.completeArgs(req(toComplete)), toComplete) ?? [];
    return [...out, ...fromArgs];
  }
  if (cmd.spec.completeArgs) return filter(cmd.spec.completeArgs(req(toComplete)), toComplete);
  return cmd.hasSubCommands ? [] : undefined;
}
