/**
 * The docker command tree (docker/cli v28.3.2 cli/command/commands/commands.go): top-level verbs,
 * management commands sharing their implementations (`docker container ls` is `docker ps`), the
 * global flags of cli/flags/options.go, and real commands that are not simulated here.
 */
import { defineCommand, dockerShowHelp, dockerStyle, flag, noArgs, type Command } from '../lib/command';
import { versions } from '../../engine/core/versions';
import { buildCommand } from './build';
import { composePluginCommand } from '../compose/commands';
import * as c from './containers';
import * as i from './images';
import * as s from './system';
import { networkCommand } from './network';

/** A real docker command this simulator does not cover: says so plainly, exit 1. */
function notSimulated(name: string, short: string, opts: { management?: boolean; swarm?: boolean; top?: string } = {}): Command {
  // Marks the stand-in for help.test.ts, which compares only simulated commands with docker/cli's.
  const annotations: Record<string, string> = { 'dockyard-not-simulated': 'true' };
  if (opts.swarm) annotations['swarm'] = 'manager';
  if (opts.top) annotations['category-top'] = opts.top;
  const run = async (cli: { err(t: string): Promise<void> }, args: readonly string[]) => {
    const sub = opts.management && args[0] !== undefined && !args[0].startsWith('-') ? ` ${args[0]}` : '';
    await cli.err(`dockyard: 'docker ${name}${sub}' is not simulated here\n`);
    return 1;
  };
  const sub = opts.management ? [defineCommand({ use: 'ls', short: 'List', hidden: true, run: (cli) => run(cli, ['ls']) })] : [];
  return defineCommand({ use: name, short, annotations, subcommands: sub, run: (cli, args) => run(cli, args) });
}

export function dockerRoot(dc: c.DaemonGetter): Command {
  const containerCmd = defineCommand({
    use: 'container',
    short: 'Manage containers',
    args: noArgs,
    subcommands: [
      c.attachCommand(dc),
      c.cpCommand(dc),
      c.createCommand(dc),
      c.diffCommand(dc),
      c.execCommand(dc),
      s.containerInspectCommand(dc),
      c.killCommand(dc),
      c.logsCommand(dc),
      c.psCommandDef('ls [OPTIONS]', ['ps', 'list'], { aliases: 'docker container ls, docker container list, docker container ps, docker ps' }),
      c.pauseCommand(dc),
      c.portCommand(dc),
      s.containerPruneCommand(),
      c.renameCommand(dc),
      c.restartCommand(dc),
      c.rmCommand(dc),
      c.runCommand(dc),
      c.startCommand(dc),
      c.stopCommand(dc),
      c.topCommand(dc),
      c.unpauseCommand(dc),
      c.waitCommand(dc),
    ],
    run: s.showHelp,
  });
  const imageCmd = defineCommand({
    use: 'image',
    short: 'Manage images',
    args: noArgs,
    subcommands: [
      i.historyCommand(dc),
      s.imageInspectCommand(dc),
      i.imageLsCommand(dc),
      i.imagePruneCommand(),
      i.pullCommand(dc),
      i.pushCommand(dc),
      i.imageRmCommand(dc),
      i.tagCommand(dc),
    ],
    run: s.showHelp,
  });
  return defineCommand({
    use: 'docker [OPTIONS] COMMAND [ARG...]',
    short: 'A self-sufficient runtime for containers',
    style: dockerStyle,
    version: `${versions.docker}, build e77ff99`,
    annotations: { additionalHelp: 'For more help on how to use Docker, head to https://docs.docker.com/go/guides/' },
    flags: {
      config: flag.string('config', { usage: 'Location of client config files', default: '/root/.docker', persistent: true }),
      debug: flag.bool('debug', { short: 'D', usage: 'Enable debug mode', persistent: true }),
      logLevel: flag.string('log-level', { short: 'l', usage: 'Set the logging level ("debug", "info", "warn", "error", "fatal")', default: 'info', persistent: true }),
      tls: flag.bool('tls', { usage: 'Use TLS; implied by --tlsverify', persistent: true }),
      tlsverify: flag.bool('tlsverify', { usage: 'Use TLS and verify the remote', persistent: true }),
      tlscacert: flag.string('tlscacert', { usage: 'Trust certs signed only by this CA', default: '/root/.docker/ca.pem', persistent: true }),
      tlscert: flag.string('tlscert', { usage: 'Path to TLS certificate file', default: '/root/.docker/cert.pem', persistent: true }),
      tlskey: flag.string('tlskey', { usage: 'Path to TLS key file', default: '/root/.docker/key.pem', persistent: true }),
      host: flag.list('host', { short: 'H', usage: 'Daemon socket to connect to', persistent: true }),
      context: flag.string('context', {
        short: 'c',
        usage: 'Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set with "docker context use")',
        persistent: true,
      }),
      version: flag.bool('version', { short: 'v', usage: 'Print version information and quit' }),
    },
    subcommands: [
      c.runCommand(dc),
      c.execCommand(dc),
      c.psCommandDef('ps [OPTIONS]', [], { 'category-top': '3', aliases: 'docker container ls, docker container list, docker container ps, docker ps' }),
      buildCommand,
      i.pullCommand(dc),
      i.pushCommand(dc),
      i.imagesCommand(dc),
      i.loginCommand(),
      i.logoutCommand(),
      i.searchCommand(),
      s.versionCommand(),
      s.infoCommand(),
      // Management commands
      notSimulated('builder', 'Manage builds', { management: true }),
      notSimulated('buildx', 'Docker Buildx', { management: true }),
      composePluginCommand(dc),
      containerCmd,
      notSimulated('context', 'Manage contexts', { management: true }),
      imageCmd,
      notSimulated('manifest', 'Manage Docker image manifests and manifest lists', { management: true }),
      networkCommand(dc),
      notSimulated('plugin', 'Manage plugins', { management: true }),
      s.systemCommand(),
      notSimulated('trust', 'Manage trust on Docker images', { management: true }),
      s.volumeCommand(),
      // Swarm
      notSimulated('config', 'Manage Swarm configs', { management: true, swarm: true }),
      notSimulated('node', 'Manage Swarm nodes', { management: true, swarm: true }),
      notSimulated('secret', 'Manage Swarm secrets', { management: true, swarm: true }),
      notSimulated('service', 'Manage Swarm services', { management: true, swarm: true }),
      notSimulated('stack', 'Manage Swarm stacks', { management: true, swarm: true }),
      notSimulated('swarm', 'Manage Swarm', { management: true, swarm: true }),
      // Commands
      c.attachCommand(dc),
      notSimulated('commit', "Create a new image from a container's changes"),
      c.cpCommand(dc),
      c.createCommand(dc),
      c.diffCommand(dc),
      notSimulated('events', 'Get real time events from the server'),
      notSimulated('export', "Export a container's filesystem as a tar archive"),
      i.historyCommand(dc),
      notSimulated('import', 'Import the contents from a tarball to create a filesystem image'),
      s.inspectCommand(dc),
      c.killCommand(dc),
      notSimulated('load', 'Load an image from a tar archive or STDIN'),
      c.logsCommand(dc),
      c.pauseCommand(dc),
      c.portCommand(dc),
      c.renameCommand(dc),
      c.restartCommand(dc),
      c.rmCommand(dc),
      i.rmiCommand(dc),
      notSimulated('save', 'Save one or more images to a tar archive (streamed to STDOUT by default)'),
      c.startCommand(dc),
      notSimulated('stats', 'Display a live stream of container(s) resource usage statistics'),
      c.stopCommand(dc),
      i.tagCommand(dc),
      c.topCommand(dc),
      c.unpauseCommand(dc),
      notSimulated('update', 'Update configuration of one or more containers'),
      c.waitCommand(dc),
    ],
    run: dockerShowHelp,
  });
}
