/**
 * Small docker-like and kubectl-like trees for the tests, with flags and texts copied from
 * docker/cli v28.5.2 (cli/flags/options.go, cli/command/container/run.go, cli/command/stack/*)
 * and kubectl 1.33 (pkg/cmd/get/get.go, pkg/cmd/cmd.go) where the tests compare real output.
 */
import type { ProcessContext } from '../../../../engine/runtime/kernel';
import { CollectingWriter } from '../../../../engine/runtime/streams';
import {
  defineCommand,
  dockerShowHelp,
  dockerStyle,
  exact,
  flag,
  kubectlStyle,
  min,
  noArgs,
  range,
  max,
  runCli,
  type CliContext,
  type Command,
} from '../index';

export type RunMaker = (path: string) => (ctx: CliContext, args: string[], flags: object) => number;

export interface Ran {
  status: number;
  stdout: string;
  stderr: string;
  /** What run() received. */
  calls: { path: string; args: string[]; flags: Record<string, unknown> }[];
}

/** Records calls to `run`. */
export function recorder(): { calls: Ran['calls']; run: RunMaker } {
  const calls: Ran['calls'] = [];
  return { calls, run: (path) => (_ctx, args, flags) => (calls.push({ path, args, flags: { ...flags } }), 0) };
}

export function dockerTree(run: RunMaker, containers: readonly string[] = []): Command {
  const runCmd = defineCommand({
    use: 'run [OPTIONS] IMAGE [COMMAND] [ARG...]',
    short: 'Create and run a new container from an image',
    args: min(1),
    interspersed: false,
    annotations: { 'category-top': '1', aliases: 'docker container run, docker run' },
    flags: {
      detach: flag.bool('detach', { short: 'd', usage: 'Run container in background and print container ID' }),
      name: flag.string('name', { usage: 'Assign a name to the container' }),
      env: flag.list('env', { short: 'e', usage: 'Set environment variables' }),
      publish: flag.list('publish', { short: 'p', usage: "Publish a container's port(s) to the host" }),
      interactive: flag.bool('interactive', { short: 'i', usage: 'Keep STDIN open even if not attached' }),
      tty: flag.bool('tty', { short: 't', usage: 'Allocate a pseudo-TTY' }),
      rm: flag.bool('rm', { usage: 'Automatically remove the container and its associated anonymous volumes when it exits' }),
      hostname: flag.string('hostname', { short: 'h', usage: 'Container host name' }),
      help: flag.bool('help', { usage: 'Print usage' }),
      sigProxy: flag.bool('sig-proxy', { usage: 'Proxy received signals to the process', default: true }),
      pull: flag.string('pull', { usage: 'Pull image before running ("always", "missing", "never")', default: 'missing' }),
      memory: flag.custom('memory', {
        short: 'm',
        usage: 'Memory limit',
        type: 'bytes',
        default: 0,
        parse: (s) => (/^\d+[bkmg]?$/i.test(s) ? { ok: true, value: parseInt(s, 10) } : { ok: false, error: `invalid size: '${s}'` }),
        format: (v) => String(v),
      }),
      healthInterval: flag.duration('health-interval', { usage: 'Time between running the check (ms|s|m|h) (default 0s)' }),
      annotation: flag.map('annotation', { usage: 'Add an annotation to the container (passed through to the OCI runtime)' }),
      cpuShares: flag.sizedInt('cpu-shares', 'int64', { short: 'c', usage: 'CPU shares (relative weight)' }),
    },
    run: run('docker run'),
  });
  const ls = defineCommand({
    use: 'ls [OPTIONS]',
    aliases: ['list', 'ps'],
    short: 'List containers',
    args: noArgs,
    flags: {
      all: flag.bool('all', { short: 'a', usage: 'Show all containers (default shows just running)' }),
      quiet: flag.bool('quiet', { short: 'q', usage: 'Only display container IDs' }),
      filter: flag.custom('filter', { short: 'f', usage: 'Filter output based on conditions provided', type: 'filter', default: [] as string[], parse: (s, p) => ({ ok: true, value: [...p, s] }), format: () => '' }),
      last: flag.int('last', { short: 'n', usage: 'Show n last created containers (includes all states)', default: -1 }),
    },
    run: run('docker container ls'),
  });
  const rm = defineCommand({
    use: 'rm [OPTIONS] CONTAINER [CONTAINER...]',
    aliases: ['remove'],
    short: 'Remove one or more containers',
    args: min(1),
    flags: { force: flag.bool('force', { short: 'f', usage: 'Force the removal of a running container (uses SIGKILL)' }) },
    completeArgs: () => containers,
    run: run('docker container rm'),
  });
  const rename = defineCommand({ use: 'rename CONTAINER NEW_NAME', short: 'Rename a container', args: exact(2), run: run('docker container rename') });
  const port = defineCommand({ use: 'port CONTAINER [PRIVATE_PORT[/PROTO]]', short: 'List port mappings or a specific mapping for the container', args: range(1, 2), run: run('docker container port') });
  const container = defineCommand({
    use: 'container',
    short: 'Manage containers',
    args: noArgs,
    subcommands: [ls, rm, rename, port],
    run: dockerShowHelp,
  });
  const version = defineCommand({ use: 'version [OPTIONS]', short: 'Show the Docker version information', args: noArgs, run: run('docker version') });
  const login = defineCommand({ use: 'login [OPTIONS] [SERVER]', short: 'Authenticate to a registry', args: max(1), annotations: { 'category-top': '8' }, run: run('docker login') });
  const deploy = defineCommand({
    use: 'deploy [OPTIONS] STACK',
    aliases: ['up'],
    short: 'Deploy a new stack or update an existing stack',
    args: exact(1),
    flags: {
      composeFile: flag.stringSlice('compose-file', { short: 'c', usage: 'Path to a Compose file, or "-" to read from stdin' }),
      withRegistryAuth: flag.bool('with-registry-auth', { usage: 'Send registry authentication details to Swarm agents' }),
      prune: flag.bool('prune', { usage: 'Prune services that are no longer referenced' }),
      resolveImage: flag.string('resolve-image', { usage: 'Query the registry to resolve image digest and supported platforms ("always", "changed", "never")', default: 'always' }),
      detach: flag.bool('detach', { short: 'd', usage: 'Exit immediately instead of waiting for the stack services to converge', default: true }),
      quiet: flag.bool('quiet', { short: 'q', usage: 'Suppress progress output' }),
    },
    run: run('docker stack deploy'),
  });
  const stack = defineCommand({
    use: 'stack [OPTIONS]',
    short: 'Manage Swarm stacks',
    args: noArgs,
    annotations: { swarm: 'manager' },
    flags: { orchestrator: flag.string('orchestrator', { usage: 'Orchestrator to use (swarm|all)', persistent: true, deprecated: 'option will be ignored' }) },
    subcommands: [deploy],
    run: dockerShowHelp,
  });
  return defineCommand({
    use: 'docker [OPTIONS] COMMAND [ARG...]',
    short: 'A self-sufficient runtime for containers',
    style: dockerStyle,
    version: '28.5.2, build ecc6942',
    annotations: { additionalHelp: 'For more help on how to use Docker, head to https://docs.docker.com/go/guides/' },
    flags: {
      config: flag.string('config', { usage: 'Location of client config files', default: '/root/.docker' }),
      debug: flag.bool('debug', { short: 'D', usage: 'Enable debug mode' }),
      logLevel: flag.string('log-level', { short: 'l', usage: 'Set the logging level ("debug", "info", "warn", "error", "fatal")', default: 'info' }),
      tls: flag.bool('tls', { usage: 'Use TLS; implied by --tlsverify' }),
      tlsverify: flag.bool('tlsverify', { usage: 'Use TLS and verify the remote' }),
      tlscacert: flag.string('tlscacert', { usage: 'Trust certs signed only by this CA', default: '/root/.docker/ca.pem' }),
      tlscert: flag.string('tlscert', { usage: 'Path to TLS certificate file', default: '/root/.docker/cert.pem' }),
      tlskey: flag.string('tlskey', { usage: 'Path to TLS key file', default: '/root/.docker/key.pem' }),
      host: flag.list('host', { short: 'H', usage: 'Daemon socket to connect to' }),
      context: flag.string('context', {
        short: 'c',
        usage: 'Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set with "docker context use")',
      }),
      version: flag.bool('version', { short: 'v', usage: 'Print version information and quit' }),
    },
    subcommands: [runCmd, container, version, login, stack],
    run: dockerShowHelp,
  });
}

export function kubectlTree(run: RunMaker, pods: readonly string[] = []): Command {
  const get = defineCommand({
    use: 'get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]',
    short: 'Display one or many resources',
    long: 'Display one or many resources.\n\n Prints a table of the most important information about the specified resources.',
    example: '  # List all pods in ps output format\n  kubectl get pods',
    flags: {
      allNamespaces: flag.bool('all-namespaces', { short: 'A', usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' }),
      chunkSize: flag.sizedInt('chunk-size', 'int64', { usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.', default: 500 }),
      output: flag.string('output', { short: 'o', usage: 'Output format.' }),
      selector: flag.string('selector', { short: 'l', usage: 'Selector (label query) to filter on.' }),
      watch: flag.bool('watch', { short: 'w', usage: 'After listing/getting the requested object, watch for changes.' }),
      filename: flag.stringSlice('filename', { short: 'f', usage: 'Filename identifying the resource.' }),
      v: flag.count('verbosity', { usage: 'log level' }),
    },
    completeArgs: (req) => (req.args.length === 0 ? ['pods', 'services', 'deployments'] : pods),
    run: run('kubectl get'),
  });
  const logs = defineCommand({ use: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]', short: 'Print the logs for a container in a pod', args: range(1, 2), run: run('kubectl logs') });
  const view = defineCommand({ use: 'view', short: 'Display merged kubeconfig settings or a specified kubeconfig file', run: run('kubectl config view') });
  const config = defineCommand({ use: 'config SUBCOMMAND', short: 'Modify kubeconfig files', subcommands: [view], run: run('kubectl config') });
  const options = defineCommand({ use: 'options', short: 'Print the list of flags inherited by all commands', run: run('kubectl options') });
  const set = defineCommand({ use: 'set SUBCOMMAND', short: 'Set specific features on objects', run: run('kubectl set') });
  return defineCommand({
    use: 'kubectl',
    short: 'kubectl controls the Kubernetes cluster manager',
    long: 'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/',
    style: kubectlStyle,
    disableFlagsInUseLine: false,
    groups: [
      { message: 'Basic Commands (Beginner):', commands: ['set'] },
      { message: 'Basic Commands (Intermediate):', commands: ['get'] },
      { message: 'Troubleshooting and Debugging Commands:', commands: ['logs'] },
    ],
    flags: {
      namespace: flag.string('namespace', { short: 'n', usage: 'If present, the namespace scope for this CLI request', persistent: true, complete: () => ['default', 'kube-system'] }),
      context: flag.string('context', { usage: 'The name of the kubeconfig context to use', persistent: true }),
      kubeconfig: flag.string('kubeconfig', { usage: 'Path to the kubeconfig file to use for CLI requests.', persistent: true }),
      v: flag.custom('v', { short: 'v', usage: 'number for the log level verbosity', persistent: true, type: 'Level', default: 0, parse: (s) => (/^\d+$/.test(s) ? { ok: true, value: Number(s) } : { ok: false, error: `strconv.ParseInt: parsing "${s}": invalid syntax` }), format: (n) => String(n) }),
    },
    subcommands: [get, logs, config, options, set],
    run: (ctx) => ctx.out(ctx.helpText()).then(() => 0),
  });
}

/** A process context for running a CLI without a kernel: argv, collected stdout/stderr. */
export function fakeProcess(argv: readonly string[], opts: { tty?: boolean; cols?: number } = {}): { ctx: ProcessContext; out: CollectingWriter; err: CollectingWriter } {
  const out = new CollectingWriter();
  const err = new CollectingWriter();
  const tty = opts.tty === true;
  const wrap = (w: CollectingWriter) => ({ write: (d: Uint8Array | string) => w.write(d), close: () => {}, isTTY: tty });
  const ctx = {
    argv,
    stdin: { isTTY: tty, read: () => Promise.resolve(null), close: () => {} },
    stdout: wrap(out),
    stderr: wrap(err),
    tty: tty ? { cols: opts.cols ?? 80 } : undefined,
  } as unknown as ProcessContext; // only the fields runCli reads
  return { ctx, out, err };
}

export async function runTree(root: Command, argv: readonly string[], opts: { tty?: boolean; cols?: number } = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  const p = fakeProcess(argv, opts);
  const status = await runCli(root, p.ctx);
  return { status, stdout: p.out.text(), stderr: p.err.text() };
}
