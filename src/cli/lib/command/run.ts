/**
 * runCli: a command tree as a Program. It parses ctx.argv the way the real tool does (docker:
 * global flags, then cobra's Traverse; kubectl: cobra's Find), prints help and errors on the
 * right streams with the right exit status, and calls the command's `run`.
 */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import { RunFlags, type CliContext, type Command, type FlagValuesOf, type FlagDefs } from './command';
import { ERR_HELP, FlagSet } from './flagset';
import { goQuote } from './goparse';
import type { RenderEnv } from './types';

export function renderEnvOf(ctx: ProcessContext): RenderEnv {
  const cols = ctx.tty?.cols;
  return {
    ...(ctx.stdin.isTTY && cols !== undefined ? { stdinCols: cols } : {}),
    ...(ctx.stdout.isTTY && cols !== undefined ? { stdoutCols: cols } : {}),
    outIsTTY: ctx.stdout.isTTY,
  };
}

/** cobra's stripFlags: the words of args that are not flags or flag values. */
export function stripFlags(args: readonly string[], fs: FlagSet): string[] {
  const commands: string[] = [];
  const a = [...args];
  const hasNoOpt = (name: string) => {
    const f = fs.lookup(name);
    return f !== undefined && (f.def.noOptDefVal ?? '') !== '';
  };
  const shortHasNoOpt = (name: string) => {
    if (name.length === 0) return false;
    const f = fs.shorthandLookup(name[0]!);
    return f !== undefined && (f.def.noOptDefVal ?? '') !== '';
  };
  while (a.length > 0) {
    const s = a.shift()!;
    if (s === '--') break;
    const longWithValue = s.startsWith('--') && !s.includes('=') && !hasNoOpt(s.slice(2));
    const shortWithValue = s.startsWith('-') && !s.includes('=') && s.length === 2 && !shortHasNoOpt(s.slice(1));
    if (longWithValue || shortWithValue) {
      if (a.length <= 1) break;
      a.shift();
      continue;
    }
    if (s !== '' && !s.startsWith('-')) commands.push(s);
  }
  return commands;
}

/** cobra's argsMinusFirstX. */
function argsMinusFirstX(args: readonly string[], x: string, fs: FlagSet): string[] {
  const hasNoOpt = (name: string) => (fs.lookup(name)?.def.noOptDefVal ?? '') !== '';
  const shortHasNoOpt = (name: string) => name.length > 0 && (fs.shorthandLookup(name[0]!)?.def.noOptDefVal ?? '') !== '';
  for (let pos = 0; pos < args.length; pos++) {
    const s = args[pos]!;
    if (s === '--') break;
    if (s.startsWith('--') && !s.includes('=') && !hasNoOpt(s.slice(2))) {
      pos++;
      continue;
    }
    if (s.startsWith('-') && !s.includes('=') && s.length === 2 && !shortHasNoOpt(s.slice(1))) {
      pos++;
      continue;
    }
    if (!s.startsWith('-') && s === x) return [...args.slice(0, pos), ...args.slice(pos + 1)];
  }
  return [...args];
}

/** cobra's Find: the command named by the non-flag words, and the args left for it. */
export function findCommand(root: Command, args: readonly string[], flags: RunFlags): { cmd: Command; args: string[]; error?: string } {
  let c = root;
  let a = [...args];
  for (;;) {
    const words = stripFlags(a, flags.flags(c));
    if (words.length === 0) break;
    const next = c.findNext(words[0]!);
    if (!next) break;
    a = argsMinusFirstX(a, words[0]!, flags.flags(c));
    c = next;
  }
  if (c.spec.args === undefined) {
    // legacyArgs: only a root with subcommands rejects an unknown word.
    const rest = stripFlags(a, flags.flags(c));
    if (c.hasSubCommands && !c.parent && rest.length > 0) {
      return { cmd: c, args: a, error: `unknown command ${goQuote(rest[0]!)} for ${goQuote(c.commandPath)}${c.findSuggestions(rest[0]!)}` };
    }
  }
  return { cmd: c, args: a };
}

function isFlagArg(arg: string): boolean {
  return (arg.length >= 3 && arg.startsWith('--')) || (arg.length >= 2 && arg[0] === '-' && arg[1] !== '-');
}

/** cobra's Traverse (TraverseChildren): each parent parses the flags before its subcommand's name. */
export function traverseCommand(root: Command, args: readonly string[], flags: RunFlags): { cmd: Command; args: string[]; error?: string } {
  let c = root;
  let rest = [...args];
  outer: for (;;) {
    const fs = flags.flags(c);
    const before: string[] = [];
    let inFlag = false;
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i]!;
      if (arg.startsWith('--') && !arg.includes('=')) {
        inFlag = (fs.lookup(arg.slice(2))?.def.noOptDefVal ?? '') === '';
        before.push(arg);
        continue;
      }
      if (arg.startsWith('-') && !arg.includes('=') && arg.length === 2 && (fs.shorthandLookup(arg[1]!)?.def.noOptDefVal ?? '') === '') {
        inFlag = true;
        before.push(arg);
        continue;
      }
      if (inFlag) {
        inFlag = false;
        before.push(arg);
        continue;
      }
      if (isFlagArg(arg)) {
        before.push(arg);
        continue;
      }
      const next = c.findNext(arg);
      if (!next) return { cmd: c, args: rest };
      const r = fs.parse(before);
      if (!r.ok) return { cmd: c, args: rest, error: r.error };
      c = next;
      rest = rest.slice(i + 1);
      continue outer;
    }
    return { cmd: c, args: rest };
  }
}

class Runner {
  readonly env: RenderEnv;
  constructor(
    readonly root: Command,
    readonly ctx: ProcessContext,
    readonly flags: RunFlags,
  ) {
    this.env = renderEnvOf(ctx);
  }

  get style() {
    return this.root.style;
  }

  async out(s: string): Promise<void> {
    if (s) await this.ctx.stdout.write(s);
  }

  async err(s: string): Promise<void> {
    if (s) await this.ctx.stderr.write(s);
  }

  async print(s: string): Promise<void> {
    if (this.style.printTo === 'stdout') await this.out(s);
    else await this.err(s);
  }

  async fail(message: string, status = 1): Promise<number> {
    await this.err(this.style.formatError(message));
    return status;
  }

  help(cmd: Command): string {
    return this.style.help(cmd, this.flags, this.env);
  }

  /** cobra's help command: help for the command its arguments name (found with cobra's Find). */
  async runHelpCommand(args: readonly string[]): Promise<number> {
    const found = findCommand(this.root, args, this.flags);
    if (this.style.name === 'docker') {
      if (found.error !== undefined || found.args.length > 0) return this.fail(`unknown help topic: ${args.join(' ')}`);
      await this.out(this.help(found.cmd));
      return 0;
    }
    if (found.error !== undefined) {
      // c.Printf("Unknown help topic %#q\n", args), then the root's usage, both on stderr.
      await this.print(`Unknown help topic [${args.map((a) => `\`${a}\``).join(' ')}]\n`);
      await this.print(this.style.usage(this.root, this.flags, this.env));
      return 0;
    }
    await this.out(this.help(found.cmd));
    return 0;
  }

  /** cobra's execute for the command found. */
  async execute(cmd: Command, args: readonly string[]): Promise<number> {
    if (cmd.spec.deprecated) await this.print(`Command ${goQuote(cmd.name)} is deprecated, ${cmd.spec.deprecated}\n`);
    if (cmd.spec.disableFlagParsing && cmd.spec.run) return cmd.spec.run(this.context(cmd, this.flags.flags(cmd)), [...args], {} as FlagValuesOf<FlagDefs>);
    const fs = this.flags.flags(cmd);
    const before = fs.output.length;
    const r = fs.parse(args);
    if (!r.ok) {
      if (r.error === ERR_HELP) {
        await this.out(this.help(cmd));
        return 0;
      }
      const fe = this.style.flagError(cmd, this.flags, r.error);
      return this.fail(fe.message, fe.status);
    }
    if (fs.output.length > before) await this.print(fs.output.slice(before));
    if (fs.lookup('help')?.value.get() === true) {
      await this.out(this.help(cmd));
      return 0;
    }
    const version = cmd.spec.version;
    if (version !== undefined && fs.lookup('version')?.value.get() === true) {
      await this.out(this.style.version(version));
      return 0;
    }
    if (cmd.parent && cmd === this.root.helpCommand) return this.runHelpCommand(fs.args);
    if (!cmd.runnable) {
      await this.out(this.help(cmd));
      return 0;
    }
    const rule = cmd.spec.args ?? { kind: 'any' as const };
    const argsErr = this.style.argsError(cmd, this.flags, rule, fs.args);
    if (argsErr !== undefined) return this.fail(argsErr);
    const missing = fs.sorted().filter((f) => f.def.required && !f.changed).map((f) => f.name);
    if (missing.length > 0) return this.fail(`required flag(s) "${missing.join('", "')}" not set`);
    const values: Record<string, unknown> = {};
    for (const [key, def] of Object.entries(cmd.spec.flags ?? {})) values[key] = fs.lookup(def.name)?.value.get();
    return cmd.spec.run!(this.context(cmd, fs), [...fs.args], values as FlagValuesOf<FlagDefs>);
  }

  /** What a command's run gets besides its arguments. */
  private context(cmd: Command, fs: FlagSet): CliContext {
    const rootFlags = this.flags.flags(this.root);
    return {
      proc: this.ctx,
      command: cmd,
      flag: <T>(name: string) => (fs.lookup(name) ?? rootFlags.lookup(name))?.value.get() as T | undefined,
      changed: (name: string) => (fs.lookup(name) ?? rootFlags.lookup(name))?.changed === true,
      out: (t) => this.out(t),
      err: (t) => this.err(t),
      helpText: (stream = 'stdout') =>
        this.style.help(cmd, this.flags, { ...this.env, outIsTTY: stream === 'stdout' ? this.ctx.stdout.isTTY : this.ctx.stderr.isTTY }),
    };
  }

  async runDocker(argv: readonly string[]): Promise<number> {
    // TopLevelCommand.HandleGlobalFlags: the root's flags up to the first command word.
    const global = new FlagSet(this.style.normalize);
    global.interspersed = false;
    for (const f of this.flags.flags(this.root).sorted()) global.add(f);
    const g = global.parse(argv);
    if (global.output) await this.err(global.output);
    if (!g.ok) {
      if (g.error === ERR_HELP) {
        await this.out(this.help(this.root));
        return 0;
      }
      const fe = this.style.flagError(this.root, this.flags, g.error);
      return this.fail(fe.message, fe.status);
    }
    const found = traverseCommand(this.root, global.args, this.flags);
    if (found.error !== undefined) return this.fail(found.error);
    return this.execute(found.cmd, found.args);
  }

  async runKubectl(argv: readonly string[]): Promise<number> {
    const found = findCommand(this.root, argv, this.flags);
    if (found.error !== undefined) return this.fail(found.error);
    return this.execute(found.cmd, found.args);
  }
}

/**
 * Runs a command tree as a program: `registry.register({ name: 'docker', program: (ctx) => runCli(dockerRoot, ctx) })`.
 */
export async function runCli(root: Command, ctx: ProcessContext): Promise<number> {
  const runner = new Runner(root, ctx, new RunFlags(root.style.normalize));
  const argv = ctx.argv.slice(1);
  return root.style.name === 'docker' ? runner.runDocker(argv) : runner.runKubectl(argv);
}

/** The help text of a command as `--help` would print it for this process (for commands whose `run` shows help). */
export function helpFor(cmd: Command, ctx: ProcessContext): string {
  return cmd.style.help(cmd, new RunFlags(cmd.style.normalize), renderEnvOf(ctx));
}
