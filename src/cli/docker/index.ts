/**
 * The `docker` program: docker/cli over the world's simulated daemon (reached through the
 * /var/run/docker.sock socket server, as the real CLI reaches dockerd).
 *
 * Completion (`dockerComplete`) is synchronous, so it reads only a daemon already loaded: the
 * session passes a getter for its daemon (undefined before first use: then only subcommands and
 * flags complete, no container or image names).
 */
import type { DockerDaemon } from '../../engine/docker/daemon';
import type { ProcessContext } from '../../engine/runtime/kernel';
import { completeCli, runCli, type Command } from '../lib/command';
import type { DaemonGetter } from './containers';
import { dockerRoot } from './root';

export { dockerRoot } from './root';

/** Runs `docker ...` in a process. */
export async function dockerMain(ctx: ProcessContext): Promise<number> {
  return runCli(dockerRoot(() => undefined), ctx);
}

/** Candidates for the last word typed after `docker` (see the module comment). */
export function dockerComplete(words: readonly string[], daemon: DockerDaemon | undefined): string[] | undefined {
  const getter: DaemonGetter = () => daemon;
  const root: Command = dockerRoot(getter);
  return completeCli(root, words);
}
