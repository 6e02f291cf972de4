/**
 * What every minikube command shares: reaching the cluster (the session serves it on MINIKUBE_SOCKET),
 * minikube's styled lines (pkg/minikube/style/style.go: an emoji and two spaces), and the exits of
 * pkg/minikube/mustload when there is no cluster or it is not running.
 */
import { MINIKUBE_SOCKET, PROFILE, type MinikubeCluster } from '../../engine/kube/cluster';
import type { ProcessContext } from '../../engine/runtime/kernel';
import type { CliContext } from '../lib/command';

/** reason/exitcodes.go */
export const EX_GUEST_NOT_RUNNING = 83;
export const EX_GUEST_NOT_FOUND = 85;
export const EX_SVC_NOT_FOUND = 115;

export const S = {
  happy: '😄  ',
  sparkle: '✨  ',
  notice: '📌  ',
  thumbsUp: '👍  ',
  pulling: '🚜  ',
  startingVM: '🔥  ',
  docker: '🐳  ',
  subStep: '    ▪ ',
  cni: '🔗  ',
  healthCheck: '🔎  ',
  addonEnable: '🌟  ',
  addonDisable: '🌑  ',
  ready: '🏄  ',
  running: '🏃  ',
  restarting: '🔄  ',
  stopping: '✋  ',
  stopped: '🛑  ',
  deleting: '🔥  ',
  deleted: '💀  ',
  shrug: '🤷  ',
  workaround: '👉  ',
  meh: '🙄  ',
  tip: '💡  ',
  warning: '❗  ',
  failure: '❌  ',
  check: '✅  ',
} as const;

/** The cluster, or undefined in a world with no Docker engine to run it. */
export async function clusterOf(ctx: ProcessContext): Promise<MinikubeCluster | undefined> {
  const sock = ctx.kernel.sockets.get(MINIKUBE_SOCKET);
  if (!sock) return undefined;
  return (await ctx.kernel.hostWork(sock.connect())) as MinikubeCluster;
}

/** mustload.Partial: the profile must exist. */
export async function mustProfile(cli: CliContext): Promise<MinikubeCluster | number> {
  const c = await clusterOf(cli.proc);
  if (!c?.profile) {
    await cli.out(`${S.shrug}Profile "${PROFILE}" not found. Run "minikube profile list" to view all profiles.\n`);
    await cli.out(`${S.workaround}To start a cluster, run: "minikube start"\n`);
    return EX_GUEST_NOT_FOUND;
  }
  return c;
}

/** mustload.Running: the profile must exist and its node run. */
export async function mustRunning(cli: CliContext): Promise<MinikubeCluster | number> {
  const c = await mustProfile(cli);
  if (typeof c === 'number') return c;
  const st = c.hostState();
  if (st === 'Nonexistent') {
    await cli.out(`${S.shrug}The control-plane node ${PROFILE} host does not exist\n`);
    await cli.out(`${S.workaround}To start a cluster, run: "minikube start"\n`);
    return EX_GUEST_NOT_FOUND;
  }
  if (st !== 'Running') {
    await cli.out(`${S.shrug}The control-plane node ${PROFILE} host is not running: state=${st}\n`);
    await cli.out(`${S.workaround}To start a cluster, run: "minikube start"\n`);
    return EX_GUEST_NOT_RUNNING;
  }
  return c;
}

export function homeOf(ctx: ProcessContext): string {
  return ctx.env.get('MINIKUBE_HOME') || `${ctx.env.get('HOME') || '/root'}/.minikube`;
}
