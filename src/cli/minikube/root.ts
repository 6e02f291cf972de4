/**
 * The minikube command tree (cmd/minikube/cmd, v1.36.0): start, status, stop, delete, ip, ssh,
 * docker-env, service, addons, image, version, profile, kubectl, logs. Texts and exit statuses are
 * minikube's (pkg/minikube/mustload, reason/exitcodes.go); what is not simulated says so.
 */
import { versions } from '../../engine/core/versions';
import { NODE_IP, PROFILE, type MinikubeCluster } from '../../engine/kube/cluster';
import type { AttachIO, DockerDaemon } from '../../engine/docker/daemon';
import { defineCommand, flag, kubectlStyle, min, noArgs, range, type CliContext, type Command } from '../lib/command';
import { addonsCommand, renderTable } from './addons';
import { clusterOf, EX_SVC_NOT_FOUND, homeOf, mustProfile, mustRunning, S } from './common';
import { kubeconfigConfigured, removeKubeconfigEntries, removeProfileFiles } from './kubeconfig';
import { startCommand } from './start';

function statusCommand(): Command {
  return defineCommand({
    use: 'status',
    short: 'Gets the status of a local Kubernetes cluster',
    args: noArgs,
    flags: { output: flag.string('output', { short: 'o', usage: 'minikube status --output OUTPUT. json, text', default: 'text' }) },
    run: async (cli, _a, o) => {
      const c = await mustProfile(cli);
      if (typeof c === 'number') return c;
      const st = c.hostState();
      const running = st === 'Running';
      const host = st === 'Nonexistent' ? 'Nonexistent' : st;
      const kubelet = running ? 'Running' : st === 'Nonexistent' ? 'Nonexistent' : 'Stopped';
      const apiserver = kubelet;
      const kubeconfig = running ? (kubeconfigConfigured(cli.proc) ? 'Configured' : 'Misconfigured') : st === 'Nonexistent' ? 'Nonexistent' : 'Stopped';
      if (o.output.toLowerCase() === 'json') {
        await cli.out(`${JSON.stringify({ Name: PROFILE, Host: host, Kubelet: kubelet, APIServer: apiserver, Kubeconfig: kubeconfig, Worker: false })}\n`);
      } else {
        await cli.out(`${PROFILE}\ntype: Control Plane\nhost: ${host}\nkubelet: ${kubelet}\napiserver: ${apiserver}\nkubeconfig: ${kubeconfig}\n\n`);
        if (kubeconfig === 'Misconfigured') await cli.out('\nWARNING: Your kubectl is pointing to stale minikube-vm.\nTo fix the kubectl context, run `minikube update-context`\n');
      }
      let code = 0;
      if (host !== 'Running') code |= 1;
      if (kubelet !== 'Running' || apiserver !== 'Running') code |= 2;
      if (kubeconfig !== 'Configured') code |= 4;
      return code;
    },
  });
}

function stopCommand(): Command {
  return defineCommand({
    use: 'stop',
    short: 'Stops a running local Kubernetes cluster',
    args: noArgs,
    run: async (cli) => {
      const c = await clusterOf(cli.proc);
      if (!c?.profile) {
        await cli.out(`${S.shrug}Profile "${PROFILE}" not found. Run "minikube profile list" to view all profiles.\n`);
        await cli.out(`${S.workaround}To start a cluster, run: "minikube start"\n`);
        return 85;
      }
      await cli.out(`${S.stopping}Stopping node "${PROFILE}"  ...\n`);
      if (c.hostState() === 'Running') {
        await cli.out(`${S.stopped}Powering off "${PROFILE}" via SSH ...\n`);
        await cli.proc.sleep(3000);
        await c.stop((ms) => cli.proc.sleep(ms));
      }
      await cli.out(`${S.stopped}1 node stopped.\n`);
      return 0;
    },
  });
}

function deleteCommand(): Command {
  return defineCommand({
    use: 'delete',
    short: 'Deletes a local Kubernetes cluster',
    args: noArgs,
    flags: { all: flag.bool('all', { usage: 'Set flag to delete all profiles' }), purge: flag.bool('purge', { usage: 'Set this flag to delete the \'.minikube\' folder from your user directory.' }) },
    run: async (cli) => {
      const ctx = cli.proc;
      const c = await clusterOf(ctx);
      if (!c?.profile) {
        await cli.err(`${S.meh}"${PROFILE}" profile does not exist, trying anyways.\n`);
      } else {
        await cli.out(`${S.deleting}Deleting "${PROFILE}" in docker ...\n`);
        await cli.out(`${S.deleting}Deleting container "${PROFILE}" ...\n`);
        await ctx.sleep(2500);
        await c.delete((ms) => ctx.sleep(ms));
        await cli.out(`${S.deleting}Removing ${homeOf(ctx)}/machines/${PROFILE} ...\n`);
      }
      removeProfileFiles(ctx);
      removeKubeconfigEntries(ctx);
      await cli.out(`${S.deleted}Removed all traces of the "${PROFILE}" cluster.\n`);
      return 0;
    },
  });
}

function ipCommand(): Command {
  return defineCommand({
    use: 'ip',
    short: 'Retrieves the IP address of the specified node',
    args: noArgs,
    run: async (cli) => {
      const c = await mustRunning(cli);
      if (typeof c === 'number') return c;
      await cli.out(`${NODE_IP}\n`);
      return 0;
    },
  });
}

/** A shell (or a command) on the node as user docker, through the host daemon's exec. */
async function onNode(cli: CliContext, c: MinikubeCluster, argv: readonly string[]): Promise<number> {
  const ctx = cli.proc;
  const id = c.nodeContainer()!.id;
  const interactive = argv.length === 0;
  const useTty = interactive && ctx.tty !== undefined;
  const io: AttachIO = { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, ...(useTty ? { tty: ctx.tty } : {}) };
  const daemon = await (async () => {
    const sock = ctx.kernel.sockets.get('/var/run/docker.sock');
    return sock ? ((await ctx.kernel.hostWork(sock.connect())) as DockerDaemon) : undefined;
  })();
  if (!daemon) return 1;
  const proc = daemon.exec(id, interactive ? ['/bin/bash', '-l'] : ['/bin/bash', '-c', argv.join(' ')], {
    user: 'docker',
    workdir: '/home/docker',
    env: ['HOME=/home/docker', 'USER=docker', 'LOGNAME=docker', 'SHELL=/bin/bash', `TERM=${ctx.env.get('TERM') ?? 'xterm'}`],
    io,
    tty: useTty,
  });
  try {
    const info = await ctx.wait(proc.exited);
    return info.status;
  } finally {
    if (useTty && ctx.tty) ctx.tty.foregroundPgid = ctx.process.pgid;
  }
}

function sshCommand(): Command {
  return defineCommand({
    use: 'ssh',
    short: 'Log into the minikube environment (for debugging)',
    flags: { native: flag.bool('native-ssh', { usage: 'Use native Golang SSH client (default true). Set to \'false\' to use the command line \'ssh\' command when accessing the docker machine. Useful for the machine drivers when they will not start with \'Waiting for SSH\'.', default: true }) },
    run: async (cli, args) => {
      const c = await mustRunning(cli);
      if (typeof c === 'number') return c;
      return onNode(cli, c, args);
    },
  });
}

function dockerEnvCommand(): Command {
  return defineCommand({
    use: 'docker-env',
    short: "Provides instructions to point your terminal's docker-cli to the Docker Engine inside minikube. (Useful for building docker images directly inside minikube)",
    args: noArgs,
    flags: { unset: flag.bool('unset', { short: 'u', usage: 'Unset variables instead of setting them' }), shell: flag.string('shell', { usage: 'Force environment to be configured for a specified shell: [fish, cmd, powershell, tcsh, bash, zsh], default is auto-detect' }) },
    run: async (cli, _a, o) => {
      if (o.unset) {
        await cli.out('unset DOCKER_TLS_VERIFY;\nunset DOCKER_HOST;\nunset DOCKER_CERT_PATH;\nunset MINIKUBE_ACTIVE_DOCKERD;\n');
        return 0;
      }
      const c = await mustRunning(cli);
      if (typeof c === 'number') return c;
      const port = c.hostPort(2376);
      await cli.out(
        `export DOCKER_TLS_VERIFY="1"\nexport DOCKER_HOST="tcp://127.0.0.1:${port}"\nexport DOCKER_CERT_PATH="${homeOf(cli.proc)}/certs"\nexport MINIKUBE_ACTIVE_DOCKERD="${PROFILE}"\n\n# To point your shell to minikube's docker-daemon, run:\n# eval $(minikube -p ${PROFILE} docker-env)\n`,
      );
      return 0;
    },
  });
}

interface Svc {
  metadata: { name?: string; namespace?: string };
  spec?: { type?: string; ports?: Array<{ name?: string; port?: number; nodePort?: number }> };
}

function serviceCommand(): Command {
  const list = defineCommand({
    use: 'list [flags]',
    short: 'Lists the URLs for the services in your local cluster',
    args: noArgs,
    flags: { namespace: flag.string('namespace', { short: 'n', usage: 'The services namespace' }) },
    run: async (cli, _a, o) => {
      const c = await mustRunning(cli);
      if (typeof c === 'number') return c;
      const items = (c.api?.list({ group: '', version: 'v1', resource: 'services' }, o.namespace) as { ok: boolean; value?: { items: Svc[] } } | undefined)?.value?.items ?? [];
      const rows = items.map((s) => {
        const ports = s.spec?.ports ?? [];
        const np = s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer';
        const target = ports.length === 0 ? 'No node port' : np ? ports.map((p) => `${p.name ?? ''}/${p.port ?? ''}`.replace(/^\//, '')).join('\n') : 'No node port';
        const url = np ? ports.map((p) => `http://${NODE_IP}:${p.nodePort ?? ''}`).join('\n') : '';
        return [s.metadata.namespace ?? '', s.metadata.name ?? '', target, url];
      });
      await cli.out(renderTable(['Namespace', 'Name', 'Target Port', 'URL'], rows));
      return 0;
    },
  });
  return defineCommand({
    use: 'service [flags] SERVICE',
    short: 'Returns a URL to connect to a service',
    subcommands: [list],
    args: range(0, 1),
    flags: {
      url: flag.bool('url', { usage: 'Display the Kubernetes service URL in the CLI instead of opening it in the default browser' }),
      namespace: flag.string('namespace', { short: 'n', usage: 'The service namespace', default: 'default' }),
    },
    run: async (cli, args, o) => {
      const c = await mustRunning(cli);
      if (typeof c === 'number') return c;
      if (args.length === 0) {
        await cli.err(`\n${S.failure}Exiting due to MK_USAGE: You must specify service name(s) or --all\n\n`);
        return 14;
      }
      const name = args[0]!;
      const r = c.api?.get({ group: '', version: 'v1', resource: 'services' }, o.namespace, name) as { ok: boolean; value?: Svc } | undefined;
      if (!r?.ok || !r.value) {
        await cli.err(`\n${S.failure}Exiting due to SVC_NOT_FOUND: Service '${name}' was not found in '${o.namespace}' namespace.\nYou may select another namespace by using 'minikube service ${name} -n <namespace>'. Or list out all the services using 'minikube service list'\n\n`);
        return EX_SVC_NOT_FOUND;
      }
      const ports = r.value.spec?.ports ?? [];
      const urls = ports.filter((p) => p.nodePort).map((p) => `http://${NODE_IP}:${p.nodePort}`);
      if (!o.url) {
        await cli.err(`dockyard: opening a browser is not simulated here; use 'minikube service ${name} --url'\n`);
        return 1;
      }
      if (urls.length === 0) {
        await cli.out(`${S.failure}service ${o.namespace}/${name} has no node port\n`);
        return 0;
      }
      await cli.out(`${urls.join('\n')}\n`);
      return 0;
    },
  });
}

function imageCommand(): Command {
  const load = defineCommand({
    use: 'load IMAGE | ARCHIVE | -',
    short: 'Load an image into minikube',
    args: min(1),
    run: async (cli, args) => {
      const c = await mustRunning(cli);
      if (typeof c === 'number') return c;
      const sock = cli.proc.kernel.sockets.get('/var/run/docker.sock');
      const host = sock ? ((await cli.proc.kernel.hostWork(sock.connect())) as DockerDaemon) : undefined;
      for (const name of args) {
        const img = host?.image(name);
        if (!img || !c.nodeDaemon) {
          await cli.err(`\n${S.failure}Exiting due to GUEST_IMAGE_LOAD: Failed to load image: save to dir: caching images: caching image "${homeOf(cli.proc)}/cache/images/amd64/${name.replace(/:/g, '_')}": write: unable to calculate manifest: blob sha256:0000000000000000000000000000000000000000000000000000000000000000 not found\n\n`);
          return 80;
        }
        await cli.proc.sleep(1500);
        const tag = name.includes(':') || name.includes('@') ? name : `${name}:latest`;
        c.nodeDaemon.addImage(img, host!.imageLayers(img), [tag]);
      }
      return 0;
    },
  });
  const ls = defineCommand({
    use: 'ls',
    aliases: ['list'],
    short: 'List images',
    args: noArgs,
    run: async (cli) => {
      const c = await mustRunning(cli);
      if (typeof c === 'number') return c;
      const tags = (c.nodeDaemon?.listImages() ?? []).flatMap((i) => i.repoTags).map((t) => (t.includes('/') ? (t.split('/')[0]!.includes('.') ? t : `docker.io/${t}`) : `docker.io/library/${t}`));
      await cli.out(tags.sort((a, b) => (a < b ? 1 : -1)).map((t) => `${t}\n`).join(''));
      return 0;
    },
  });
  return defineCommand({ use: 'image COMMAND', aliases: ['images'], short: 'Manage images', subcommands: [load, ls] });
}

function versionCommand(): Command {
  return defineCommand({
    use: 'version',
    short: 'Print the version of minikube',
    args: noArgs,
    flags: { short: flag.bool('short', { usage: 'Print just the version number.' }) },
    run: async (cli, _a, o) => {
      await cli.out(o.short ? `${versions.minikube}\n` : `minikube version: ${versions.minikube}\ncommit: f8f52f5de11fc6ad8244afac475e1d0f96841df1-dirty\n`);
      return 0;
    },
  });
}

function profileCommand(): Command {
  const list = defineCommand({
    use: 'list',
    short: 'Lists all minikube profiles.',
    args: noArgs,
    run: async (cli) => {
      const c = await clusterOf(cli.proc);
      const p = c?.profile;
      if (!p) {
        await cli.err(`\n${S.failure}Exiting due to MK_USAGE_NO_PROFILE: No minikube profile was found.\n${S.tip}Suggestion: \n\n    You can create one using 'minikube start'.\n    \n\n`);
        return 14;
      }
      const st = c.hostState() === 'Running' ? 'OK' : 'Stopped';
      await cli.out(renderTable(['Profile', 'VM Driver', 'Runtime', 'IP', 'Port', 'Version', 'Status', 'Nodes', 'Active Profile', 'Active Kubecontext'], [[p.name, p.driver, 'docker', NODE_IP, '8443', p.kubernetesVersion, st, '1', '*', kubeconfigConfigured(cli.proc) ? '*' : '']]));
      return 0;
    },
  });
  return defineCommand({ use: 'profile [MINIKUBE_PROFILE_NAME]  You can return to the default minikube profile by running `minikube profile default`', short: 'Get or list the current profiles (clusters)', subcommands: [list] });
}

function notSimulated(use: string, short: string): Command {
  const name = use.split(' ')[0]!;
  return defineCommand({
    use,
    short,
    disableFlagParsing: true,
    run: async (cli) => {
      await cli.err(`dockyard: 'minikube ${name}' is not simulated here\n`);
      return 1;
    },
  });
}

function kubectlCommand(): Command {
  return defineCommand({
    use: 'kubectl',
    short: 'Run a kubectl binary matching the cluster version',
    disableFlagParsing: true,
    run: async (cli, args) => {
      const ctx = cli.proc;
      const rest = args[0] === '--' ? args.slice(1) : args;
      const prog = ctx.kernel.programs.get('kubectl');
      if (!prog) {
        await cli.err(`dockyard: 'minikube kubectl' needs kubectl, which this session does not have\n`);
        return 1;
      }
      const child = ctx.spawn({ argv: ['kubectl', ...rest], program: prog.program, env: ctx.env, cwd: ctx.cwd, fs: ctx.fs, stdio: { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr } });
      return (await ctx.wait(child.exited)).status;
    },
  });
}

export function minikubeRoot(): Command {
  return defineCommand({
    use: 'minikube',
    short: 'minikube quickly sets up a local Kubernetes cluster',
    long: 'minikube provisions and manages local Kubernetes clusters optimized for development workflows.',
    style: kubectlStyle,
    subcommands: [
      startCommand(),
      statusCommand(),
      stopCommand(),
      deleteCommand(),
      ipCommand(),
      sshCommand(),
      dockerEnvCommand(),
      serviceCommand(),
      addonsCommand(),
      imageCommand(),
      versionCommand(),
      profileCommand(),
      kubectlCommand(),
      notSimulated('logs', 'Returns logs to debug a local Kubernetes cluster'),
      notSimulated('dashboard', 'Access the Kubernetes dashboard running within the minikube cluster'),
      notSimulated('tunnel', 'Connect to LoadBalancer services'),
      notSimulated('mount', 'Mounts the specified directory into minikube'),
      notSimulated('pause', 'pause Kubernetes'),
      notSimulated('unpause', 'unpause Kubernetes'),
      notSimulated('node', 'Add, remove, or list additional nodes'),
      notSimulated('cp', 'Copy the specified file into minikube'),
      notSimulated('config', 'Modify persistent configuration values'),
    ],
  });
}
