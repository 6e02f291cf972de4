/**
 * The `kubectl` program: kubectl v1.33 over the cluster's API server, reached through the socket the
 * session registers under kubeSocketName(host, port) for the kubeconfig's server (see client.ts).
 *
 *   registry.register({ name: 'kubectl', program: kubectlMain, complete: (args) => kubectlComplete(args) });
 */
import type { ProcessContext } from '../../engine/runtime/kernel';
import { completeCli, runCli, type Command } from '../lib/command';
import { kubectlRoot } from './root';

export { kubectlRoot } from './root';
export { kubeSocketName, kubeletSocketName, type KubeApiSocket, type KubeletApi } from './client';
export { DEFAULT_SERVER } from './kubeconfig';

let root: Command | undefined;

/** Runs `kubectl ...` in a process. */
export async function kubectlMain(ctx: ProcessContext): Promise<number> {
  return runCli(kubectlRoot(), ctx);
}

/** Candidates for the last word typed after `kubectl` (subcommands, flags, resource types). */
export function kubectlComplete(words: readonly string[]): string[] | undefined {
  root ??= kubectlRoot();
  return completeCli(root, words);
}
