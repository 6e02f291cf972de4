/**
 * minikube's node image (gcr.io/k8s-minikube/kicbase): its entrypoint execs systemd, which stays up
 * until the container is stopped. The services systemd starts (dockerd, cri-dockerd, the kubelet)
 * are the cluster's engine objects (src/engine/kube/cluster.ts), not processes of this program.
 */
import type { ProgramInfo } from '../../../runtime/programs';
import { untilSignal } from './lib';

export const kicbaseInitInfo: ProgramInfo = {
  name: 'init@kicbase',
  program: async (ctx) => {
    // systemd halts on SIGRTMIN+3 (the image's StopSignal); SIGTERM and SIGINT end it too.
    await untilSignal(ctx, ['SIGTERM', 'SIGINT']);
    return 0;
  },
};
