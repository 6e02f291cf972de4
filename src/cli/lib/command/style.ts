/**
 * The two presets: how docker (docker/cli on cobra) and kubectl (k8s.io/kubectl's templater)
 * lay out help and word their usage errors.
 */
import type { CliContext, Command, RunFlags } from './command';
import type { FlagDef } from './flags';
import { flag } from './flags';
import type { ArgsRule, RenderEnv } from './types';
import { dockerHelp, dockerUsage } from './help-docker';
import { kubectlHelp, kubectlUsage } from './help-kubectl';
import { goQuote } from './goparse';

export interface CliStyle {
  readonly name: 'docker' | 'kubectl';
  /** The `help` command added to a root with subcommands. */
  readonly helpCommand: { readonly use: string; readonly short: string };
  /** A persistent help flag on the root (docker's hidden `--help`, `-h` deprecated); else cobra's per-command `-h, --help`. */
  readonly rootHelpFlag?: FlagDef<unknown>;
  /** cobra's DisableFlagsInUseLine default for the tree. */
  readonly disableFlagsInUseLine: boolean;
  /** Flag name normalization (kubectl: `_` -> `-`). */
  normalize(name: string): string;
  /** The usage text of a command (cobra's UsageString). */
  usage(cmd: Command, flags: RunFlags, env: RenderEnv): string;
  /** The help text of a command (what `--help` prints). */
  help(cmd: Command, flags: RunFlags, env: RenderEnv): string;
  /** The message of a flag parse error (cobra's FlagErrorFunc), and its exit status. */
  flagError(cmd: Command, flags: RunFlags, err: string): { message: string; status: number };
  /** The message of an argument-count error. */
  argsError(cmd: Command, flags: RunFlags, rule: ArgsRule, args: readonly string[]): string | undefined;
  /** How an error is printed on stderr (with its trailing newline). */
  formatError(message: string): string;
  /** `docker -v` output. */
  version(v: string): string;
  /** Where cobra's c.Print goes (deprecation warnings): docker sets stdout, kubectl leaves stderr. */
  readonly printTo: 'stdout' | 'stderr';
  /** Commands left out of the root's help (kubectl hides "options"). */
  readonly filtered: readonly string[];
}

function pluralize(word: string, n: number): string {
  return n === 1 ? word : `${word}s`;
}

const dockerHelpFlag = flag.bool('help', { short: 'h', usage: 'Print usage', hidden: true, persistent: true, shorthandDeprecated: 'use --help' });

export const dockerStyle: CliStyle = {
  name: 'docker',
  helpCommand: { use: 'help [command]', short: 'Help about the command' },
  rootHelpFlag: dockerHelpFlag,
  disableFlagsInUseLine: true,
  normalize: (n) => n,
  usage: dockerUsage,
  help: dockerHelp,
  flagError(cmd, flags, err) {
    return {
      message: `${err}\n\nUsage:  ${cmd.useLine(flags.flags(cmd))}\n\nRun '${cmd.commandPath} --help' for more information`,
      status: 125,
    };
  },
  argsError(cmd, flags, rule, args) {
    const bin = cmd.root.name;
    const path = cmd.commandPath;
    const use = cmd.useLine(flags.flags(cmd));
    switch (rule.kind) {
      case 'any':
        return undefined;
      case 'none':
        if (args.length === 0) return undefined;
        if (cmd.hasSubCommands) {
          return `${bin}: unknown command: ${path} ${args[0]!}\n\nUsage:  ${use}\n\nRun '${path} --help' for more information`;
        }
        return `${bin}: '${path}' accepts no arguments\n\nUsage:  ${use}\n\nRun '${path} --help' for more information`;
      case 'min':
        if (args.length >= rule.n) return undefined;
        return `${bin}: '${path}' requires at least ${rule.n} ${pluralize('argument', rule.n)}\n\nUsage:  ${use}\n\nSee '${path} --help' for more information`;
      case 'max':
        if (args.length <= rule.n) return undefined;
        // "SRun" is in docker/cli's cli/required.go (RequiresMaxArgs) as shipped in 28.x.
        return `${bin}: '${path}' requires at most ${rule.n} ${pluralize('argument', rule.n)}\n\nUsage:  ${use}\n\nSRun '${path} --help' for more information`;
      case 'range':
        if (args.length >= rule.min && args.length <= rule.max) return undefined;
        return `${bin}: '${path}' requires at least ${rule.min} and at most ${rule.max} ${pluralize('argument', rule.max)}\n\nUsage:  ${use}\n\nRun '${path} --help' for more information`;
      case 'exact':
        if (args.length === rule.n) return undefined;
        return `${bin}: '${path}' requires ${rule.n} ${pluralize('argument', rule.n)}\n\nUsage:  ${use}\n\nRun '${path} --help' for more information`;
      case 'custom':
        return rule.check(args);
    }
  },
  formatError: (m) => `${m}\n`,
  version: (v) => `Docker version ${v}\n`,
  printTo: 'stdout',
  filtered: [],
};

/** cobra's own argument validators (kubectl uses cobra's words). */
export function cobraArgsError(cmd: Command, rule: ArgsRule, args: readonly string[]): string | undefined {
  switch (rule.kind) {
    case 'any':
      return undefined;
    case 'none':
      return args.length > 0 ? `unknown command ${goQuote(args[0]!)} for ${goQuote(cmd.commandPath)}` : undefined;
    case 'min':
      return args.length < rule.n ? `requires at least ${rule.n} arg(s), only received ${args.length}` : undefined;
    case 'max':
      return args.length > rule.n ? `accepts at most ${rule.n} arg(s), received ${args.length}` : undefined;
    case 'exact':
      return args.length !== rule.n ? `accepts ${rule.n} arg(s), received ${args.length}` : undefined;
    case 'range':
      return args.length < rule.min || args.length > rule.max ? `accepts between ${rule.min} and ${rule.max} arg(s), received ${args.length}` : undefined;
    case 'custom':
      return rule.check(args);
  }
}

export const kubectlStyle: CliStyle = {
  name: 'kubectl',
  helpCommand: { use: 'help [command]', short: 'Help about any command' },
  disableFlagsInUseLine: true,
  // component-base's WordSepNormalizeFunc
  normalize: (n) => n.replace(/_/g, '-'),
  usage: kubectlUsage,
  help: kubectlHelp,
  flagError(cmd, _flags, err) {
    return { message: `${err}\nSee '${cmd.commandPath} --help' for usage.`, status: 1 };
  },
  argsError: (cmd, _flags, rule, args) => cobraArgsError(cmd, rule, args),
  // kubectl's cmdutil.CheckErr: "error: " unless already there, a newline unless already there.
  formatError(m) {
    const msg = m.startsWith('error: ') ? m : `error: ${m}`;
    return msg.endsWith('\n') ? msg : `${msg}\n`;
  },
  version: (v) => `${v}\n`,
  printTo: 'stderr',
  filtered: ['options'],
};

/** kubectl's UsageErrorf: the message and where to look for help. */
export function kubectlUsageError(cmd: Command, msg: string): string {
  return `${msg}\nSee '${cmd.commandPath} -h' for help and examples`;
}

/**
 * docker's command.ShowHelp(stderr), the RunE of docker's root and management commands: with no
 * argument the help goes to stderr (exit 0); the root rejects an unknown command word.
 */
export async function dockerShowHelp(ctx: CliContext, args: readonly string[]): Promise<number> {
  if (args.length === 0 || ctx.command.parent) {
    await ctx.err(ctx.helpText('stderr'));
    return 0;
  }
  const bin = ctx.command.name;
  await ctx.err(`${bin}: unknown command: ${bin} ${args[0]!}\n\nRun '${bin} --help' for more information\n`);
  return 1;
}
