/**
 * Every simulated docker command's definition (short text, aliases, flags with shorthand, type,
 * default and usage) against docker/cli v28.3.2's generated reference
 * (data/reference/docker-cli-flags.json, the option tables of docs/reference/commandline/*.md, which
 * docker/cli's yamldocs generate from the cobra definitions). Help output is rendered from these
 * definitions, so the `--help` texts follow. Commands that only say "not simulated" are skipped.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Command } from '../lib/command';
import { dockerRoot } from './root';

interface RefFlag {
  name: string;
  short: string;
  type: string;
  default: string;
  usage: string;
}
interface RefCommand {
  short: string;
  aliases: string[];
  flags: RefFlag[];
}

const ref = (JSON.parse(readFileSync(new URL('../../../data/reference/docker-cli-flags.json', import.meta.url), 'utf8')) as { commands: Record<string, RefCommand> }).commands;

function* walk(c: Command, path: string[]): Generator<[string, Command]> {
  for (const child of c.children) {
    const p = [...path, child.name];
    yield [p.join(' '), child];
    yield* walk(child, p);
  }
}

/** Whether the command is one of root.ts's "not simulated" stand-ins (or their hidden children). */
function notSimulated(c: Command): boolean {
  return c.annotations['dockyard-not-simulated'] === 'true';
}

/** Flags docker/cli hides on Linux (ostype windows) or marks hidden, which the tables still list. */
function describeFlags(c: Command): Map<string, { short: string; type: string; default: string; usage: string; hidden: boolean }> {
  const out = new Map<string, { short: string; type: string; default: string; usage: string; hidden: boolean }>();
  for (const def of Object.values(c.spec.flags ?? {})) {
    const v = def.create();
    const dflt = v.string();
    out.set(def.name, { short: def.short ?? '', type: v.type, default: dflt === 'false' || dflt === '[]' ? '' : dflt, usage: def.usage, hidden: def.hidden === true || def.deprecated !== undefined });
  }
  return out;
}

/**
 * Flags docker/cli annotates "swarm" (cluster volumes): hidden unless the daemon is a swarm
 * manager, which the simulated one never is.
 */
const SWARM_ONLY = new Set(['availability', 'group', 'limit-bytes', 'required-bytes', 'scope', 'secret', 'sharing', 'topology-preferred', 'topology-required', 'type'].map((f) => `volume create --${f}`));

/** `docker build` is buildx's (docker/buildx), not docker/cli's legacy builder that the reference describes. */
const OTHER_SOURCE = new Set(['build', 'image build', 'builder build']);

const root = dockerRoot(() => undefined);
const commands = [...walk(root, [])].filter(([p, c]) => ref[p] !== undefined && !c.hidden && !notSimulated(c) && !OTHER_SOURCE.has(p));

describe('docker --help texts follow docker/cli 28.3.2', () => {
  it('covers the simulated commands', () => {
    expect(commands.length).toBeGreaterThan(40);
  });
  for (const [path, cmd] of commands) {
    it(path, () => {
      const want = ref[path]!;
      const problems: string[] = [];
      // The reference shows the first line of Long when the command has one (as help does).
      const shown = (cmd.long || cmd.short).split('\n')[0];
      if (shown !== want.short) problems.push(`short: ${JSON.stringify(shown)} != ${JSON.stringify(want.short)}`);
      // cobra's aliases, or the "aliases" annotation docker/cli sets where they differ.
      const parentPath = ['docker', ...path.split(' ').slice(0, -1)].join(' ');
      const aliases = cmd.annotations.aliases ?? (cmd.aliases.length > 0 ? [`docker ${path}`, ...cmd.aliases.map((a) => `${parentPath} ${a}`)].join(', ') : undefined);
      if (want.aliases.length > 0 && aliases !== want.aliases.join(', ')) problems.push(`aliases: ${JSON.stringify(aliases)} != ${JSON.stringify(want.aliases.join(', '))}`);
      const have = describeFlags(cmd);
      for (const f of want.flags) {
        if (SWARM_ONLY.has(`${path} --${f.name}`)) continue;
        const h = have.get(f.name);
        if (!h) {
          problems.push(`missing flag --${f.name}`);
          continue;
        }
        if (h.short !== f.short) problems.push(`--${f.name} shorthand: ${JSON.stringify(h.short)} != ${JSON.stringify(f.short)}`);
        if (h.type !== f.type) problems.push(`--${f.name} type: ${JSON.stringify(h.type)} != ${JSON.stringify(f.type)}`);
        // The reference generator writes "x" in usage strings as `x`.
        if (h.usage.replace(/"/g, '`') !== f.usage.replace(/"/g, '`')) problems.push(`--${f.name} usage: ${JSON.stringify(h.usage)} != ${JSON.stringify(f.usage)}`);
        if (f.default !== '' && h.default !== f.default && !(f.default === '0' && h.default === '')) problems.push(`--${f.name} default: ${JSON.stringify(h.default)} != ${JSON.stringify(f.default)}`);
      }
      for (const [name, h] of have) if (!h.hidden && !want.flags.some((f) => f.name === name)) problems.push(`extra flag --${name}`);
      expect(problems).toEqual([]);
    });
  }
});
