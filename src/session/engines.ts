/**
 * The engines a world can run beside its host, and the CLIs that talk to them: the Docker daemon
 * behind /var/run/docker.sock and the `docker` command. Code loads on first use (its own chunk in
 * the page); state kinds let lesson checks read containers and images.
 */
import type * as DockerCli from '../cli/docker';
import type * as KubectlCli from '../cli/kubectl';
import type * as MinikubeCli from '../cli/minikube';
import type { DockerDaemon } from '../engine/docker/daemon';
import type { ProgramInfo } from '../engine/runtime/programs';
import type { Session, StateKind, StateKindFactory } from './types';

export const DOCKER_SOCKET = '/var/run/docker.sock';

/** The docker CLI's module, once loaded (code, shared by every world). */
let dockerCli: typeof DockerCli | undefined;
// eslint-disable-next-line no-restricted-syntax -- the program awaits it through ctx.kernel.hostWork
const loadDockerCli = () => import('../cli/docker').then((m) => (dockerCli = m));

/** The minikube cluster behind `minikube` (the session makes it on first use). */
export const MINIKUBE_SOCKET = 'dockyard:minikube';

let kubectlCli: typeof KubectlCli | undefined;
// eslint-disable-next-line no-restricted-syntax -- the program awaits it through ctx.kernel.hostWork
const loadKubectlCli = () => import('../cli/kubectl').then((m) => (kubectlCli = m));
let minikubeCli: typeof MinikubeCli | undefined;
// eslint-disable-next-line no-restricted-syntax -- the program awaits it through ctx.kernel.hostWork
const loadMinikubeCli = () => import('../cli/minikube').then((m) => (minikubeCli = m));

/**
 * The CLIs on the host's PATH; each loads its code when first run. Completion asks the world's
 * daemon (when it runs) for container and image names; before the CLI's code is there it starts
 * loading it and completes file names this time.
 */
export function cliPrograms(daemon: () => DockerDaemon | undefined): ProgramInfo[] {
  return [
    {
      name: 'docker',
      program: async (ctx) => (dockerCli ?? (await ctx.kernel.hostWork(loadDockerCli()))).dockerMain(ctx),
      complete: (args) => {
        if (!dockerCli) {
          void loadDockerCli();
          return undefined;
        }
        return dockerCli.dockerComplete(args, daemon());
      },
    },
    {
      name: 'kubectl',
      program: async (ctx) => (kubectlCli ?? (await ctx.kernel.hostWork(loadKubectlCli()))).kubectlMain(ctx),
      complete: (args) => {
        if (!kubectlCli) {
          void loadKubectlCli();
          return undefined;
        }
        return kubectlCli.kubectlComplete(args);
      },
    },
    {
      name: 'minikube',
      program: async (ctx) => (minikubeCli ?? (await ctx.kernel.hostWork(loadMinikubeCli()))).minikubeMain(ctx),
      complete: (args) => {
        if (!minikubeCli) {
          void loadMinikubeCli();
          return undefined;
        }
        return minikubeCli.minikubeComplete(args);
      },
    },
  ];
}

interface WithDaemon {
  readonly daemon?: {
    container(name: string): { id: string } | undefined;
    listContainers(all: boolean): Array<{ id: string; name: string }>;
    inspectContainer(name: string): unknown;
    image(name: string): { id: string } | undefined;
    listImages(): Array<{ id: string; repoTags: string[] }>;
    inspectImage(name: string): unknown;
  };
}

function daemonOf(s: Session): WithDaemon['daemon'] {
  return (s as Session & WithDaemon).daemon;
}

/** `object: container` and `object: image` checks read what `docker inspect` shows (`State.Status`, `Config.Cmd`). */
export const dockerStateKinds: ReadonlyArray<[string, StateKindFactory]> = [
  [
    'container',
    (s): StateKind => ({
      label: { en: 'container', zh: '容器' },
      get: (name) => daemonOf(s)?.inspectContainer(name),
      list: () => daemonOf(s)?.listContainers(true).map((c) => ({ name: c.name, value: daemonOf(s)?.inspectContainer(c.id) })) ?? [],
    }),
  ],
  [
    'image',
    (s): StateKind => ({
      label: { en: 'image', zh: '镜像' },
      get: (name) => daemonOf(s)?.inspectImage(name),
      list: () => daemonOf(s)?.listImages().flatMap((i) => i.repoTags.map((t) => ({ name: t, value: daemonOf(s)?.inspectImage(t) }))) ?? [],
    }),
  ],
];
