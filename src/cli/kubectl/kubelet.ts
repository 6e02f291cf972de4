/**
 * kubectl logs, exec, port-forward, attach: they go through the API server to the node's kubelet.
 * The pod is looked up for real (so "not found" and "not running" errors are kubectl's); the
 * kubelet side is reached through `kernel.sockets.get(kubeletSocketName(node))`. Until a kubelet
 * is registered the command says plainly that it is not simulated yet (never a fake success).
 */
import type { ApiServer, KubeObject } from '../../engine/kube/apiserver';
import { defineCommand, flag, min, type CliContext } from '../lib/command';
import { kubeletSocketName, must, UsageError, type Client, type KubeletApi } from './client';
import { gvr, guard, isObj, str } from './common';
import { mapType } from './resource';

const PODS = { group: '', version: 'v1', resource: 'pods' };

/** The pod a `POD` or `TYPE/NAME` argument names (a Deployment's first pod by its selector). */
function podFor(api: ApiServer, ns: string, arg: string): KubeObject {
  const slash = arg.indexOf('/');
  if (slash < 0) return must(api.get(PODS, ns, arg));
  const info = mapType(arg.slice(0, slash));
  const name = arg.slice(slash + 1);
  if (info.kind === 'Pod') return must(api.get(PODS, ns, name));
  const owner = must(api.get(gvr(info), ns, name));
  const sel = (owner.spec as { selector?: unknown } | undefined)?.selector;
  const labels = isObj(sel) && isObj(sel.matchLabels) ? (sel.matchLabels as Record<string, string>) : isObj(sel) ? (sel as Record<string, string>) : {};
  const selector = Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pods = must(api.list(PODS, ns, { labelSelector: selector })).items;
  const pod = pods[0];
  if (!pod) throw new UsageError(`timed out waiting for the condition`);
  return pod;
}

async function kubelet(cli: CliContext, client: Client, verb: string, podArg: string): Promise<{ api: ApiServer; pod: KubeObject; kubelet: KubeletApi | undefined }> {
  const api = await client.connect();
  const pod = podFor(api, client.namespace, podArg);
  const node = str((pod.spec as { nodeName?: unknown } | undefined)?.nodeName);
  const sock = node ? cli.proc.kernel.sockets.get(kubeletSocketName(node)) : undefined;
  const k = sock ? ((await cli.proc.kernel.hostWork(sock.connect())) as KubeletApi) : undefined;
  void verb;
  return { api, pod, kubelet: k };
}

async function notYet(cli: CliContext, verb: string): Promise<number> {
  await cli.err(`dockyard: 'kubectl ${verb}' needs the node's kubelet, which is not simulated yet\n`);
  return 1;
}

export function logsCommand() {
  return defineCommand({
    use: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]',
    short: 'Print the logs for a container in a pod',
    long: 'Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.',
    example: '  # Return snapshot logs from pod nginx with only one container\n  kubectl logs nginx',
    flags: {
      container: flag.string('container', { short: 'c', usage: 'Print the logs of this container' }),
      follow: flag.bool('follow', { short: 'f', usage: 'Specify if the logs should be streamed.' }),
      previous: flag.bool('previous', { short: 'p', usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.' }),
      tail: flag.sizedInt('tail', 'int64', { usage: 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.', default: -1 }),
      timestamps: flag.bool('timestamps', { usage: 'Include timestamps on each line in the log output' }),
      selector: flag.string('selector', { short: 'l', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." }),
      allContainers: flag.bool('all-containers', { usage: 'Get all containers\' logs in the pod(s).' }),
    },
    run: (cli, args, f) =>
      guard(cli, async (client) => {
        if (args.length === 0) throw new UsageError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
        const { pod, kubelet: k } = await kubelet(cli, client, 'logs', args[0]!);
        if (!k) return notYet(cli, 'logs');
        const containers = ((pod.spec as { containers?: { name: string }[] }).containers ?? []).map((c) => c.name);
        const container = f.container || args[1] || containers[0] || '';
        if (!f.container && !args[1] && containers.length > 1) await cli.err(`Defaulted container "${container}" out of: ${containers.join(', ')}\n`);
        const r = await k.logs(pod.metadata.namespace ?? '', pod.metadata.name ?? '', container, { follow: f.follow, previous: f.previous, tail: f.tail, timestamps: f.timestamps }, (t) => cli.out(t));
        if (!r.ok) return must(r) as never;
        return 0;
      }),
  });
}

export function execCommand() {
  return defineCommand({
    use: 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]',
    short: 'Execute a command in a container',
    long: 'Execute a command in a container.',
    example: "  # Get output from running the 'date' command from pod mypod, using the first container by default\n  kubectl exec mypod -- date",
    args: min(1),
    flags: {
      container: flag.string('container', { short: 'c', usage: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' }),
      stdin: flag.bool('stdin', { short: 'i', usage: 'Pass stdin to the container' }),
      tty: flag.bool('tty', { short: 't', usage: 'Stdin is a TTY' }),
      quiet: flag.bool('quiet', { short: 'q', usage: 'Only print output from the remote session' }),
    },
    run: (cli, args, o) =>
      guard(cli, async (client) => {
        const { pod, kubelet: k } = await kubelet(cli, client, 'exec', args[0]!);
        const phase = str((pod.status as { phase?: unknown } | undefined)?.phase);
        if (phase === 'Succeeded' || phase === 'Failed') throw new UsageError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
        if (!k) return notYet(cli, 'exec');
        const argv = args.slice(1);
        if (argv.length === 0) throw new UsageError('you must specify at least one command for the container');
        const containers = ((pod.spec as { containers?: { name: string }[] }).containers ?? []).map((c) => c.name);
        const container = o.container || containers[0] || '';
        if (!o.container && containers.length > 1 && !o.quiet) await cli.err(`Defaulted container "${container}" out of: ${containers.join(', ')}\n`);
        const ctx = cli.proc;
        // -t without -i: kubectl warns and runs without a terminal.
        if (o.tty && !o.stdin && !o.quiet) await cli.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
        const useTty = o.tty && o.stdin && ctx.tty !== undefined;
        if (o.tty && o.stdin && ctx.tty === undefined && !o.quiet) await cli.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
        const io = { ...(o.stdin ? { stdin: ctx.stdin } : {}), stdout: ctx.stdout, stderr: ctx.stderr, ...(useTty ? { tty: ctx.tty } : {}) };
        const r = k.exec(pod.metadata.namespace ?? '', pod.metadata.name ?? '', container, argv, { io, tty: useTty });
        if (!r.ok && r.status.message?.startsWith('OCI runtime exec failed')) {
          // The runtime's failure arrives on the exec stream (cri-dockerd), not as an API error.
          await cli.err(`${r.status.message}\ncommand terminated with exit code 126\n`);
          return 126;
        }
        if (!r.ok) return must(r) as never;
        try {
          const info = await ctx.wait(r.process.exited);
          // A non-zero exit is kubectl's error: "command terminated with exit code N", with that status.
          if (info.status !== 0) {
            if (!o.quiet) await cli.err(`command terminated with exit code ${info.status}\n`);
            return info.status;
          }
          return 0;
        } finally {
          if (useTty && ctx.tty) ctx.tty.foregroundPgid = ctx.process.pgid;
        }
      }),
  });
}

export function portForwardCommand() {
  return defineCommand({
    use: 'port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]',
    short: 'Forward one or more local ports to a pod',
    long: 'Forward one or more local ports to a pod.',
    example: '  # Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in the pod\n  kubectl port-forward pod/mypod 5000 6000',
    flags: {
      address: flag.stringSlice('address', { usage: 'Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind.', default: ['localhost'] }),
    },
    run: (cli, args) =>
      guard(cli, async (client) => {
        if (args.length < 2) throw new UsageError('TYPE/NAME and list of ports are required for port-forward\nSee \'kubectl port-forward -h\' for help and examples');
        const { pod, kubelet: k } = await kubelet(cli, client, 'port-forward', args[0]!);
        const phase = str((pod.status as { phase?: unknown } | undefined)?.phase);
        if (phase !== 'Running') throw new UsageError(`unable to forward port because pod is not running. Current status=${phase}`);
        if (!k) return notYet(cli, 'port-forward');
        return notYet(cli, 'port-forward');
      }),
  });
}
