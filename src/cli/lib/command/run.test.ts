import { describe, expect, it } from 'vitest';
import { defineCommand, dockerShowHelp, dockerStyle, flag, levenshtein } from './index';
import { dockerTree, kubectlTree, recorder, runTree } from './testing/trees';

const DOCKER_GLOBAL_OPTIONS = `Global Options:
      --config string      Location of client config files (default
                           "/root/.docker")
  -c, --context string     Name of the context to use to connect to the
                           daemon (overrides DOCKER_HOST env var and
                           default context set with "docker context use")
  -D, --debug              Enable debug mode
  -H, --host list          Daemon socket to connect to
  -l, --log-level string   Set the logging level ("debug", "info",
                           "warn", "error", "fatal") (default "info")
      --tls                Use TLS; implied by --tlsverify
      --tlscacert string   Trust certs signed only by this CA (default
                           "/root/.docker/ca.pem")
      --tlscert string     Path to TLS certificate file (default
                           "/root/.docker/cert.pem")
      --tlskey string      Path to TLS key file (default
                           "/root/.docker/key.pem")
      --tlsverify          Use TLS and verify the remote
  -v, --version            Print version information and quit`;

const DOCKER_HELP = `Usage:  docker [OPTIONS] COMMAND

A self-sufficient runtime for containers

Common Commands:
  run         Create and run a new container from an image
  login       Authenticate to a registry

Management Commands:
  container   Manage containers

Swarm Commands:
  stack       Manage Swarm stacks

Commands:
  version     Show the Docker version information

${DOCKER_GLOBAL_OPTIONS}

Run 'docker COMMAND --help' for more information on a command.

For more help on how to use Docker, head to https://docs.docker.com/go/guides/
`;

describe('docker style: help', () => {
  it('docker --help: sections of docker/cli cli/cobra.go usageTemplate, on stdout', async () => {
    const r = await runTree(dockerTree(recorder().run), ['docker', '--help']);
    expect(r).toEqual({ status: 0, stdout: DOCKER_HELP, stderr: '' });
  });

  it('docker with no arguments prints the help on stderr (command.ShowHelp)', async () => {
    const r = await runTree(dockerTree(recorder().run), ['docker']);
    expect(r).toEqual({ status: 0, stdout: '', stderr: DOCKER_HELP });
  });

  it('the "For more help" line is bold on a terminal', async () => {
    const r = await runTree(dockerTree(recorder().run), ['docker', '--help'], { tty: true, cols: 80 });
    expect(r.stdout.endsWith('\n\n\x1b[1mFor more help on how to use Docker, head to https://docs.docker.com/go/guides/\x1b[0m\n')).toBe(true);
  });

  it('flag listings wrap to the width of the terminal on stdin, minus one', async () => {
    const r = await runTree(dockerTree(recorder().run), ['docker', '--help'], { tty: true, cols: 120 });
    expect(r.stdout).toContain(
      // pflag wraps at 119 - 27 - 5 (slop) columns of description.
      '  -c, --context string     Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and\n' +
        '                           default context set with "docker context use")\n' +
        '  -D, --debug              Enable debug mode\n',
    );
  });

  it('docker stack deploy --help: docker/cli e2e/stack/testdata/stack-deploy-help.golden', async () => {
    const r = await runTree(dockerTree(recorder().run), ['docker', 'stack', 'deploy', '--help']);
    expect(r.stdout).toBe(`Usage:  docker stack deploy [OPTIONS] STACK

Deploy a new stack or update an existing stack

Aliases:
  docker stack deploy, docker stack up

Options:
  -c, --compose-file strings   Path to a Compose file, or "-" to read
                               from stdin
  -d, --detach                 Exit immediately instead of waiting for
                               the stack services to converge (default true)
      --prune                  Prune services that are no longer referenced
  -q, --quiet                  Suppress progress output
      --resolve-image string   Query the registry to resolve image digest
                               and supported platforms ("always",
                               "changed", "never") (default "always")
      --with-registry-auth     Send registry authentication details to
                               Swarm agents
`);
  });

  it('a plugin-like group: docker/cli e2e/cli-plugins/testdata/docker-help-helloworld(-goodbye).golden', async () => {
    const leaf = (use: string, short: string) => defineCommand({ use, short, run: () => 0 });
    const hello = defineCommand({
      use: 'helloworld',
      short: 'A basic Hello World plugin for tests',
      flags: {
        context: flag.string('context', { short: 'c', usage: 'Is it Christmas?' }),
        debug: flag.bool('debug', { short: 'D', usage: 'Enable debug' }),
        preRun: flag.bool('pre-run', { usage: 'Log from prerun hook' }),
        who: flag.string('who', { usage: 'Who are we addressing?' }),
      },
      subcommands: [leaf('goodbye', 'Say Goodbye instead of Hello'), leaf('apiversion', 'Print the API version of the server'), leaf('exitstatus2', 'Exit with status 2')],
      run: () => 0,
    });
    const root = defineCommand({ use: 'docker [OPTIONS] COMMAND [ARG...]', short: 'x', style: dockerStyle, subcommands: [hello], run: dockerShowHelp });
    expect((await runTree(root, ['docker', 'help', 'helloworld'])).stdout).toBe(`Usage:  docker helloworld [OPTIONS] COMMAND

A basic Hello World plugin for tests

Options:
  -c, --context string   Is it Christmas?
  -D, --debug            Enable debug
      --pre-run          Log from prerun hook
      --who string       Who are we addressing?

Commands:
  apiversion  Print the API version of the server
  exitstatus2 Exit with status 2
  goodbye     Say Goodbye instead of Hello

Run 'docker helloworld COMMAND --help' for more information on a command.
`);
    expect((await runTree(root, ['docker', 'helloworld', 'goodbye', '--help'])).stdout).toBe('Usage:  docker helloworld goodbye\n\nSay Goodbye instead of Hello\n');
  });

  it('docker run --help lists its own --help (no -h: that is --hostname) and typed defaults', async () => {
    const r = await runTree(dockerTree(recorder().run), ['docker', 'run', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nCreate and run a new container from an image\n\nAliases:\n  docker container run, docker run\n\nOptions:\n')).toBe(true);
    expect(r.stdout).toContain('\n      --annotation map             Add an annotation to the container\n                                   (passed through to the OCI runtime)\n                                   (default map[])\n');
    expect(r.stdout).toContain('\n  -e, --env list                   Set environment variables\n');
    expect(r.stdout).toContain('\n      --help                       Print usage\n  -h, --hostname string            Container host name\n');
    expect(r.stdout).toContain('\n  -m, --memory bytes               Memory limit\n');
    expect(r.stdout).toContain('\n      --sig-proxy                  Proxy received signals to the process\n                                   (default true)\n');
  });

  it('management command with no subcommand: help on stderr, exit 0', async () => {
    const r = await runTree(dockerTree(recorder().run), ['docker', 'container']);
    expect(r).toEqual({
      status: 0,
      stdout: '',
      stderr: `Usage:  docker container COMMAND

Manage containers

Commands:
  ls          List containers
  port        List port mappings or a specific mapping for the container
  rename      Rename a container
  rm          Remove one or more containers

Run 'docker container COMMAND --help' for more information on a command.
`,
    });
  });

  it('-h works but its shorthand is deprecated (a notice on stdout first)', async () => {
    const r = await runTree(dockerTree(recorder().run), ['docker', 'container', 'ls', '-h']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`Flag shorthand -h has been deprecated, use --help
Usage:  docker container ls [OPTIONS]

List containers

Aliases:
  docker container ls, docker container list, docker container ps

Options:
  -a, --all             Show all containers (default shows just running)
  -f, --filter filter   Filter output based on conditions provided
  -n, --last int        Show n last created containers (includes all
                        states) (default -1)
  -q, --quiet           Only display container IDs
`);
  });

  it('docker -v prints the version', async () => {
    expect(await runTree(dockerTree(recorder().run), ['docker', '-v'])).toEqual({ status: 0, stdout: 'Docker version 28.5.2, build ecc6942\n', stderr: '' });
  });
});

describe('docker style: errors (docker/cli 28: cli/required.go, cli/cobra.go FlagErrorFunc, cmd/docker/docker.go)', () => {
  const cases: [string[], number, string][] = [
    [['docker', 'foo'], 1, "docker: unknown command: docker foo\n\nRun 'docker --help' for more information\n"],
    [['docker', 'run'], 1, "docker: 'docker run' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information\n"],
    [['docker', 'container', 'rm'], 1, "docker: 'docker container rm' requires at least 1 argument\n\nUsage:  docker container rm [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker container rm --help' for more information\n"],
    [['docker', 'container', 'rename', 'a'], 1, "docker: 'docker container rename' requires 2 arguments\n\nUsage:  docker container rename CONTAINER NEW_NAME\n\nRun 'docker container rename --help' for more information\n"],
    [['docker', 'container', 'port'], 1, "docker: 'docker container port' requires at least 1 and at most 2 arguments\n\nUsage:  docker container port CONTAINER [PRIVATE_PORT[/PROTO]]\n\nRun 'docker container port --help' for more information\n"],
    [['docker', 'login', 'a', 'b'], 1, "docker: 'docker login' requires at most 1 argument\n\nUsage:  docker login [OPTIONS] [SERVER]\n\nSRun 'docker login --help' for more information\n"],
    [['docker', 'container', 'ls', 'x'], 1, "docker: 'docker container ls' accepts no arguments\n\nUsage:  docker container ls [OPTIONS]\n\nRun 'docker container ls --help' for more information\n"],
    [['docker', 'container', 'nope'], 1, "docker: unknown command: docker container nope\n\nUsage:  docker container\n\nRun 'docker container --help' for more information\n"],
    [['docker', 'run', '--foo', 'ubuntu'], 125, "unknown flag: --foo\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n"],
    [['docker', 'run', '-z', 'ubuntu'], 125, "unknown shorthand flag: 'z' in -z\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n"],
    [['docker', 'run', '--name'], 125, "flag needs an argument: --name\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n"],
    [['docker', 'run', '-m', 'x', 'ubuntu'], 125, "invalid argument \"x\" for \"-m, --memory\" flag: invalid size: 'x'\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n"],
    [['docker', 'run', '-d=maybe', 'ubuntu'], 125, "invalid argument \"maybe\" for \"-d, --detach\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n"],
    [['docker', '--foo', 'ps'], 125, "unknown flag: --foo\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n"],
    [['docker', '-z'], 125, "unknown shorthand flag: 'z' in -z\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n"],
    [['docker', 'container', 'ls', '--debug'], 125, "unknown flag: --debug\n\nUsage:  docker container ls [OPTIONS]\n\nRun 'docker container ls --help' for more information\n"],
    [['docker', 'help', 'nope'], 1, 'unknown help topic: nope\n'],
  ];
  it.each(cases)('%j', async (argv, status, stderr) => {
    expect(await runTree(dockerTree(recorder().run), argv)).toEqual({ status, stdout: '', stderr });
  });
});

describe('docker style: running commands', () => {
  it('docker run ubuntu ls -l passes -l to ls (flags end at the image)', async () => {
    const rec = recorder();
    const r = await runTree(dockerTree(rec.run), ['docker', 'run', '-it', '--rm', '-p8080:80', '-e', 'A=1', '-e', 'B=2', 'ubuntu', 'ls', '-l', '--name', 'x']);
    expect(r.status).toBe(0);
    expect(rec.calls).toHaveLength(1);
    const c = rec.calls[0]!;
    expect(c.path).toBe('docker run');
    expect(c.args).toEqual(['ubuntu', 'ls', '-l', '--name', 'x']);
    expect(c.flags).toMatchObject({ interactive: true, tty: true, rm: true, publish: ['8080:80'], env: ['A=1', 'B=2'], name: '', detach: false, sigProxy: true, pull: 'missing' });
  });

  it('global flags before the command, aliases, interspersed flags after arguments', async () => {
    const rec = recorder();
    await runTree(dockerTree(rec.run), ['docker', '-D', '--host', 'tcp://x', 'container', 'ps', '-a']);
    await runTree(dockerTree(rec.run), ['docker', 'container', 'rm', 'web', '-f', 'db']);
    expect(rec.calls.map((c) => [c.path, c.args, c.flags])).toEqual([
      ['docker container ls', [], { all: true, quiet: false, filter: [], last: -1 }],
      ['docker container rm', ['web', 'db'], { force: true }],
    ]);
  });

  it('run gets the root flags through ctx.flag', async () => {
    let seen: unknown[] = [];
    const root = defineCommand({
      use: 'docker [OPTIONS] COMMAND [ARG...]',
      style: dockerStyle,
      flags: { host: flag.list('host', { short: 'H', usage: 'Daemon socket to connect to' }) },
      subcommands: [
        defineCommand({
          use: 'ps',
          run: (ctx) => {
            seen = [ctx.flag('host'), ctx.changed('host'), ctx.command.commandPath];
            return 3;
          },
        }),
      ],
      run: dockerShowHelp,
    });
    expect((await runTree(root, ['docker', '-H', 'unix:///x.sock', 'ps'])).status).toBe(3);
    expect(seen).toEqual([['unix:///x.sock'], true, 'docker ps']);
  });

  it('deprecated flags still work and say so; required flags are checked', async () => {
    const rec = recorder();
    const root = defineCommand({
      use: 'docker [OPTIONS] COMMAND [ARG...]',
      style: dockerStyle,
      subcommands: [
        defineCommand({
          use: 'tag',
          flags: {
            old: flag.bool('old', { usage: 'Old', deprecated: 'it does nothing' }),
            need: flag.string('need', { usage: 'Needed', required: true }),
          },
          run: rec.run('tag'),
        }),
      ],
      run: dockerShowHelp,
    });
    expect(await runTree(root, ['docker', 'tag', '--old', '--need', 'x'])).toEqual({ status: 0, stdout: 'Flag --old has been deprecated, it does nothing\n', stderr: '' });
    expect(await runTree(root, ['docker', 'tag'])).toEqual({ status: 1, stdout: '', stderr: 'required flag(s) "need" not set\n' });
  });
});

const KUBECTL_HELP = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  set           Set specific features on objects

Basic Commands (Intermediate):
  get           Display one or many resources

Troubleshooting and Debugging Commands:
  logs          Print the logs for a container in a pod

Other Commands:
  config        Modify kubeconfig files

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

describe('kubectl style: help (k8s.io/kubectl pkg/util/templates)', () => {
  it('kubectl --help: groups, then Usage and the tips', async () => {
    expect(await runTree(kubectlTree(recorder().run), ['kubectl', '--help'])).toEqual({ status: 0, stdout: KUBECTL_HELP, stderr: '' });
  });

  it('kubectl get --help off a terminal: one line per flag description', async () => {
    const r = await runTree(kubectlTree(recorder().run), ['kubectl', 'get', '--help']);
    expect(r.stdout).toBe(`Display one or many resources.

 Prints a table of the most important information about the specified resources.

Examples:
  # List all pods in ps output format
  kubectl get pods

Options:
    -A, --all-namespaces=false:
\tIf present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.

    --chunk-size=500:
\tReturn large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.

    -f, --filename=[]:
\tFilename identifying the resource.

    -o, --output='':
\tOutput format.

    -l, --selector='':
\tSelector (label query) to filter on.

    --verbosity=0:
\tlog level

    -w, --watch=false:
\tAfter listing/getting the requested object, watch for changes.

Usage:
  kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`);
  });

  it('on a 120-column terminal: descriptions wrap at 110 and the usage line at 120', async () => {
    const r = await runTree(kubectlTree(recorder().run), ['kubectl', 'get', '--help'], { tty: true, cols: 150 });
    expect(r.stdout).toContain(
      '    -A, --all-namespaces=false:\n\tIf present, list the requested object(s) across all namespaces. Namespace in current context is ignored even\n\tif specified with --namespace.\n',
    );
    expect(r.stdout).toContain(
      'Usage:\n  kubectl get\n[(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide]\n(TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]\n',
    );
  });

  it('a group command lists Available Commands', async () => {
    const r = await runTree(kubectlTree(recorder().run), ['kubectl', 'config', '-h']);
    expect(r.stdout).toBe(`Modify kubeconfig files

Available Commands:
  view          Display merged kubeconfig settings or a specified kubeconfig file

Usage:
  kubectl config SUBCOMMAND [options]

Use "kubectl config <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`);
  });

  it('kubectl help get is kubectl get --help', async () => {
    const t = kubectlTree(recorder().run);
    expect((await runTree(t, ['kubectl', 'help', 'get'])).stdout).toBe((await runTree(t, ['kubectl', 'get', '--help'])).stdout);
  });
});

describe('kubectl style: errors (cobra args.go + kubectl cmdutil.CheckErr + templater.FlagErrorFunc)', () => {
  const cases: [string[], string][] = [
    [['kubectl', 'foo'], 'error: unknown command "foo" for "kubectl"\n'],
    [['kubectl', 'gett'], 'error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tget\n\tset\n'],
    [['kubectl', 'lgs'], 'error: unknown command "lgs" for "kubectl"\n\nDid you mean this?\n\tlogs\n'],
    [['kubectl', 'con'], 'error: unknown command "con" for "kubectl"\n\nDid you mean this?\n\tconfig\n'],
    [['kubectl', 'get', '--foo'], "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"],
    [['kubectl', 'get', '-z'], "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n"],
    [['kubectl', 'get', 'pods', '-o'], "error: flag needs an argument: 'o' in -o\nSee 'kubectl get --help' for usage.\n"],
    [['kubectl', 'get', '--chunk-size=x'], 'error: invalid argument "x" for "--chunk-size" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl get --help\' for usage.\n'],
    [['kubectl', '--foo', 'get'], "error: unknown flag: --foo\nSee 'kubectl --help' for usage.\n"],
    [['kubectl', 'logs'], 'error: accepts between 1 and 2 arg(s), received 0\n'],
  ];
  it.each(cases)('%j', async (argv, stderr) => {
    expect(await runTree(kubectlTree(recorder().run), argv)).toEqual({ status: 1, stdout: '', stderr });
  });
});

describe('kubectl style: running commands', () => {
  it('persistent flags anywhere, interspersed flags, _ in flag names', async () => {
    const rec = recorder();
    const t = kubectlTree(rec.run);
    await runTree(t, ['kubectl', '-n', 'kube-system', 'get', 'pods', '-o', 'wide', '--all_namespaces']);
    await runTree(t, ['kubectl', 'get', 'pods', '--namespace=dev', 'web', '--verbosity', '--verbosity', '-f', 'a.yaml,b.yaml']);
    expect(rec.calls.map((c) => [c.args, c.flags])).toEqual([
      [['pods'], { allNamespaces: true, chunkSize: 500, output: 'wide', selector: '', watch: false, filename: [], v: 0 }],
      [['pods', 'web'], { allNamespaces: false, chunkSize: 500, output: '', selector: '', watch: false, filename: ['a.yaml', 'b.yaml'], v: 2 }],
    ]);
  });

  it('kubectl -v=3 reaches the persistent (klog Level) flag; -vvv is not a count there', async () => {
    let seen: unknown;
    const t = kubectlTree(() => (ctx) => ((seen = ctx.flag('v')), 0));
    await runTree(t, ['kubectl', 'logs', 'p', '-v=3']);
    expect(seen).toBe(3);
    expect((await runTree(t, ['kubectl', 'logs', 'p', '-vvv'])).stderr).toBe(
      'error: invalid argument "vv" for "-v, --v" flag: strconv.ParseInt: parsing "vv": invalid syntax\nSee \'kubectl logs --help\' for usage.\n',
    );
  });
});

describe('levenshtein (cobra ld)', () => {
  it.each([
    ['gett', 'get', 1], ['GET', 'get', 0], ['kitten', 'sitting', 3], ['', 'abc', 3],
  ])('%s %s', (a, b, d) => expect(levenshtein(a, b, true)).toBe(d));
});
