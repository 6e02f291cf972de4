/**
 * How the docker CLI reaches its daemon and reports failures, as docker/cli does:
 * - the host comes from `-H`, else DOCKER_HOST, else unix:///var/run/docker.sock; a socket nobody
 *   listens on gives "Cannot connect to the Docker daemon at <host>. Is the docker daemon running?"
 *   (conformance errors.json docker.cannot-connect);
 * - daemon errors print as "Error response from daemon: <message>" (docker.daemon-error-prefix).
 */
import { DaemonError, type DockerDaemon } from '../../engine/docker/daemon';
import type { CliContext } from '../lib/command';

export const DEFAULT_HOST = 'unix:///var/run/docker.sock';

/** A failure to print: `message` as is on stderr, and the exit status. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
  }
}

/** The daemon host this invocation talks to. */
export function hostOf(cli: CliContext): string {
  const hosts = cli.flag<string[]>('host') ?? [];
  if (hosts.length > 0) return hosts[hosts.length - 1]!;
  return cli.proc.env.get('DOCKER_HOST') || DEFAULT_HOST;
}

/** Connects to the daemon, or throws the CLI's "Cannot connect" error. */
export async function connect(cli: CliContext): Promise<DockerDaemon> {
  const host = hostOf(cli);
  const m = /^unix:\/\/(\/.*)$/.exec(host);
  const sockets = cli.proc.kernel.sockets;
  // Inside a container, a socket the container has of its own comes first (the minikube node's
  // /var/run/docker.sock is its own dockerd's); tcp:// hosts are registered by their URL
  // (`minikube docker-env`'s tcp://127.0.0.1:<port>).
  const own = m && cli.proc.ns.container ? sockets.get(`container:${cli.proc.ns.container}:${m[1]!}`) : undefined;
  const server = own ?? (m ? sockets.get(m[1]!) : /^tcp:\/\/[^/]+$/.test(host) ? sockets.get(host.replace(/\/+$/, '')) : undefined);
  if (!server) throw new CliError(`Cannot connect to the Docker daemon at ${host}. Is the docker daemon running?`);
  return (await cli.proc.kernel.hostWork(server.connect())) as DockerDaemon;
}

/** The text docker prints for an error (daemon errors get their prefix). */
export function errorText(e: unknown): { text: string; status: number } {
  if (e instanceof DaemonError) return { text: `Error response from daemon: ${e.message}`, status: 1 };
  if (e instanceof CliError) return { text: e.message, status: e.status };
  throw e;
}

/** Runs a command body, printing its error as docker's main does (message + newline, exit 1). */
export async function guard(cli: CliContext, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    const { text, status } = errorText(e);
    await cli.err(`${text}\n`);
    return status;
  }
}

/** For commands that act on several objects (rm, stop, kill ...): each error on its own line, exit 1 at the end. */
export async function eachArg(cli: CliContext, args: readonly string[], act: (a: string) => Promise<string | undefined>): Promise<number> {
  const errors: string[] = [];
  for (const a of args) {
    try {
      const out = await act(a);
      if (out !== undefined) await cli.out(`${out}\n`);
    } catch (e) {
      errors.push(errorText(e).text);
    }
  }
  if (errors.length > 0) {
    await cli.err(`${errors.join('\n')}\n`);
    return 1;
  }
  return 0;
}
