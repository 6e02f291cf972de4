/**
 * The kubectl command tree (k8s.io/kubectl pkg/cmd/cmd.go, v1.33): the command groups of
 * `kubectl --help`, the global flags of `kubectl options`, and real commands this simulator does
 * not cover (they say so, exit 1).
 */
import { defineCommand, flag, kubectlStyle, kubectlOptions, type Command } from '../lib/command';
import { RunFlags } from '../lib/command';
import { renderEnvOf } from '../lib/command';
import { getCommand } from './get';
import { describeCommand } from './describe';
import { applyCommand, createCommand, replaceCommand } from './apply';
import { deleteCommand } from './delete';
import { editCommand } from './edit';
import { annotateCommand, labelCommand } from './label';
import { rolloutCommand, scaleCommand, setCommand } from './scale';
import { exposeCommand, runCommand } from './run';
import { apiResourcesCommand, clusterInfoCommand, configCommand, versionCommand } from './info';
import { execCommand, logsCommand, portForwardCommand } from './kubelet';
import { explainCommand } from './explain';
import { waitCommand } from './wait';

function notSimulated(use: string, short: string): Command {
  const name = use.split(' ')[0]!;
  return defineCommand({
    use,
    short,
    disableFlagParsing: true,
    run: async (cli) => {
      await cli.err(`dockyard: 'kubectl ${name}' is not simulated here\n`);
      return 1;
    },
  });
}

export function kubectlRoot(): Command {
  const options = defineCommand({
    use: 'options',
    short: 'Print the list of flags inherited by all commands',
    long: 'Print the list of flags inherited by all commands',
    example: '  # Print flags inherited by all commands\n  kubectl options',
    run: async (cli) => {
      await cli.out(kubectlOptions(cli.command, new RunFlags(kubectlStyle.normalize), renderEnvOf(cli.proc)));
      return 0;
    },
  });
  return defineCommand({
    use: 'kubectl',
    short: 'kubectl controls the Kubernetes cluster manager',
    long: 'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/',
    style: kubectlStyle,
    disableFlagsInUseLine: false,
    groups: [
      { message: 'Basic Commands (Beginner):', commands: ['create', 'expose', 'run', 'set'] },
      { message: 'Basic Commands (Intermediate):', commands: ['explain', 'get', 'edit', 'delete'] },
      { message: 'Deploy Commands:', commands: ['rollout', 'scale', 'autoscale'] },
      { message: 'Cluster Management Commands:', commands: ['certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint'] },
      { message: 'Troubleshooting and Debugging Commands:', commands: ['describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events'] },
      { message: 'Advanced Commands:', commands: ['diff', 'apply', 'patch', 'replace', 'wait', 'kustomize'] },
      { message: 'Settings Commands:', commands: ['label', 'annotate', 'completion'] },
    ],
    flags: {
      as: flag.string('as', { usage: 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.', persistent: true }),
      asGroup: flag.stringArray('as-group', { usage: 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.', persistent: true }),
      asUid: flag.string('as-uid', { usage: 'UID to impersonate for the operation.', persistent: true }),
      cacheDir: flag.string('cache-dir', { usage: 'Default cache directory', default: '/root/.kube/cache', persistent: true }),
      certificateAuthority: flag.string('certificate-authority', { usage: 'Path to a cert file for the certificate authority', persistent: true }),
      clientCertificate: flag.string('client-certificate', { usage: 'Path to a client certificate file for TLS', persistent: true }),
      clientKey: flag.string('client-key', { usage: 'Path to a client key file for TLS', persistent: true }),
      cluster: flag.string('cluster', { usage: 'The name of the kubeconfig cluster to use', persistent: true }),
      context: flag.string('context', { usage: 'The name of the kubeconfig context to use', persistent: true }),
      disableCompression: flag.bool('disable-compression', { usage: 'If true, opt-out of response compression for all requests to the server', persistent: true }),
      insecureSkipTlsVerify: flag.bool('insecure-skip-tls-verify', { usage: "If true, the server's certificate will not be checked for validity. This will make your HTTPS connections insecure", persistent: true }),
      kubeconfig: flag.string('kubeconfig', { usage: 'Path to the kubeconfig file to use for CLI requests.', persistent: true }),
      logFlushFrequency: flag.duration('log-flush-frequency', { usage: 'Maximum number of seconds between log flushes', default: 5000, persistent: true }),
      matchServerVersion: flag.bool('match-server-version', { usage: 'Require server version to match client version', persistent: true }),
      namespace: flag.string('namespace', { short: 'n', usage: 'If present, the namespace scope for this CLI request', persistent: true }),
      password: flag.string('password', { usage: 'Password for basic authentication to the API server', persistent: true, hidden: true }),
      profile: flag.string('profile', { usage: 'Name of profile to capture. One of (none|cpu|heap|goroutine|threadcreate|block|mutex)', default: 'none', persistent: true }),
      profileOutput: flag.string('profile-output', { usage: 'Name of the file to write the profile to', default: 'profile.pprof', persistent: true }),
      requestTimeout: flag.string('request-timeout', { usage: 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests.', default: '0', persistent: true }),
      server: flag.string('server', { short: 's', usage: 'The address and port of the Kubernetes API server', persistent: true }),
      tlsServerName: flag.string('tls-server-name', { usage: 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used', persistent: true }),
      token: flag.string('token', { usage: 'Bearer token for authentication to the API server', persistent: true }),
      user: flag.string('user', { usage: 'The name of the kubeconfig user to use', persistent: true }),
      username: flag.string('username', { usage: 'Username for basic authentication to the API server', persistent: true, hidden: true }),
      v: flag.custom('v', {
        short: 'v',
        usage: 'number for the log level verbosity',
        persistent: true,
        type: 'Level',
        default: 0,
        parse: (s) => (/^\d+$/.test(s) ? { ok: true, value: Number(s) } : { ok: false, error: `strconv.ParseInt: parsing "${s}": invalid syntax` }),
        format: (n) => String(n),
      }),
      vmodule: flag.string('vmodule', { usage: 'comma-separated list of pattern=N settings for file-filtered logging (only works for the default text log format)', persistent: true }),
      warningsAsErrors: flag.bool('warnings-as-errors', { usage: 'Treat warnings received from the server as errors and exit with a non-zero exit code', persistent: true }),
    },
    subcommands: [
      createCommand(),
      exposeCommand(),
      runCommand(),
      setCommand(),
      explainCommand(),
      getCommand(),
      editCommand(),
      deleteCommand(),
      rolloutCommand(),
      scaleCommand(),
      notSimulated('autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]', 'Auto-scale a deployment, replica set, stateful set, or replication controller'),
      notSimulated('certificate SUBCOMMAND', 'Modify certificate resources'),
      clusterInfoCommand(),
      notSimulated('top', 'Display resource (CPU/memory) usage'),
      notSimulated('cordon NODE', 'Mark node as unschedulable'),
      notSimulated('uncordon NODE', 'Mark node as schedulable'),
      notSimulated('drain NODE', 'Drain node in preparation for maintenance'),
      notSimulated('taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N', 'Update the taints on one or more nodes'),
      describeCommand(),
      logsCommand(),
      notSimulated('attach (POD | TYPE/NAME) -c CONTAINER', 'Attach to a running container'),
      execCommand(),
      portForwardCommand(),
      notSimulated('proxy [--port=PORT] [--www=static-dir] [--www-prefix=prefix] [--api-prefix=prefix]', 'Run a proxy to the Kubernetes API server'),
      notSimulated('cp <file-spec-src> <file-spec-dest>', 'Copy files and directories to and from containers'),
      notSimulated('auth', 'Inspect authorization'),
      notSimulated('debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ]', 'Create debugging sessions for troubleshooting workloads and nodes'),
      notSimulated('events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning]', 'List events'),
      notSimulated('diff -f FILENAME', 'Diff the live version against a would-be applied version'),
      applyCommand(),
      notSimulated('patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]', 'Update fields of a resource'),
      replaceCommand(),
      waitCommand(),
      notSimulated('kustomize DIR', 'Build a kustomization target from a directory or URL'),
      labelCommand(),
      annotateCommand(),
      notSimulated('completion SHELL', 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell)'),
      notSimulated('alpha', 'Commands for features in alpha'),
      apiResourcesCommand(),
      notSimulated('api-versions', 'Print the supported API versions on the server, in the form of "group/version"'),
      configCommand(),
      notSimulated('plugin [flags]', 'Provides utilities for interacting with plugins'),
      versionCommand(),
      options,
    ],
    run: async (cli) => {
      await cli.out(cli.helpText());
      return 0;
    },
  });
}
