/**
 * The `minikube` program: minikube v1.36.0 with the docker driver, over the world's MinikubeCluster
 * (src/engine/kube/cluster.ts), reached through the socket the session serves as MINIKUBE_SOCKET.
 *
 *   registry.register({ name: 'minikube', program: minikubeMain, complete: minikubeComplete });
 */
import type { ProcessContext } from '../../engine/runtime/kernel';
import { completeCli, runCli, type Command } from '../lib/command';
import { minikubeRoot } from './root';

export { minikubeRoot } from './root';
export { renderTable, wrapWords, ADDONS } from './addons';

let root: Command | undefined;

export async function minikubeMain(ctx: ProcessContext): Promise<number> {
  return runCli(minikubeRoot(), ctx);
}

export function minikubeComplete(words: readonly string[]): string[] | undefined {
  root ??= minikubeRoot();
  return completeCli(root, words);
}
