/**
 * The images a minikube node has before anyone pulls (minikube's preload: the pause image the
 * sandboxes run, the control plane's and the addons' images), and `loadImage`, what `minikube image
 * load` does: copy an image from one daemon's store into the node's.
 *
 * The simulated control-plane binaries do not serve anything: each is the program `kube-node-idle`,
 * which waits until SIGTERM or SIGINT (as /pause does). Sizes are `docker images` figures of the
 * real images (rounded; UNVERIFIED to the byte); ids and digests are deterministic stand-ins.
 */
import { pseudoDigest } from '../../docker/images/catalog';
import { serve } from '../../docker/images/programs/lib';
import type { DockerDaemon, ImageRecord } from '../../docker/daemon';
import type { LayerData } from '../../fs/memfs';
import type { Program } from '../../runtime/kernel';
import { executableContents, type ProgramInfo } from '../../runtime/programs';

export const IDLE_PROGRAM = 'kube-node-idle';
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';

/** Waits until SIGTERM or SIGINT, then exits 0 (what /pause and the idle control plane do). */
const idle: Program = async (ctx) => {
  let done!: () => void;
  const stopped = new Promise<void>((resolve) => (done = resolve));
  ctx.trap('SIGTERM', () => done());
  ctx.trap('SIGINT', () => done());
  await ctx.wait(stopped);
  return 0;
};

export const idleProgram: ProgramInfo = { name: IDLE_PROGRAM, program: idle };

export const COREDNS_PROGRAM = 'kube-node-coredns';

/**
 * CoreDNS as far as its pod needs: the health (8080 `/health`) and ready (8181 `/ready`) plugins
 * answer `OK`, so the readiness probe kubeadm's manifest declares passes. DNS itself is not served.
 */
const coredns: Program = async (ctx) => {
  const ok = { status: 200, headers: [['Content-Type', 'text/plain; charset=utf-8']] as [string, string][], body: 'OK' };
  const notFound = { status: 404, headers: [['Content-Type', 'text/plain; charset=utf-8']] as [string, string][], body: '404 page not found\n' };
  await serve(ctx, [8080, 8181], (req) => (req.local.port === 8080 && req.target === '/health') || (req.local.port === 8181 && req.target === '/ready') ? ok : notFound, ['SIGTERM', 'SIGINT']);
  return 0;
};

export const corednsProgram: ProgramInfo = { name: COREDNS_PROGRAM, program: coredns };

export interface NodeImage {
  readonly ref: string;
  /** The binary, run as ENTRYPOINT. */
  readonly binary: string;
  readonly size: number;
  readonly created: string;
}

/** minikube v1.36.0's preload for Kubernetes v1.33.1 with the docker runtime (kubeadm's image list). */
export const NODE_IMAGES: readonly NodeImage[] = [
  { ref: 'registry.k8s.io/kube-apiserver:v1.33.1', binary: '/usr/local/bin/kube-apiserver', size: 102_000_000, created: '2025-05-15T18:20:15Z' },
  { ref: 'registry.k8s.io/kube-controller-manager:v1.33.1', binary: '/usr/local/bin/kube-controller-manager', size: 94_600_000, created: '2025-05-15T18:20:15Z' },
  { ref: 'registry.k8s.io/kube-scheduler:v1.33.1', binary: '/usr/local/bin/kube-scheduler', size: 73_400_000, created: '2025-05-15T18:20:15Z' },
  { ref: 'registry.k8s.io/kube-proxy:v1.33.1', binary: '/usr/local/bin/kube-proxy', size: 97_900_000, created: '2025-05-15T18:20:15Z' },
  { ref: 'registry.k8s.io/etcd:3.5.21-0', binary: '/usr/local/bin/etcd', size: 153_000_000, created: '2025-03-31T00:00:00Z' },
  { ref: 'registry.k8s.io/coredns/coredns:v1.12.0', binary: '/coredns', size: 70_100_000, created: '2024-12-10T00:00:00Z' },
  { ref: PAUSE_IMAGE, binary: '/pause', size: 736_000, created: '2024-05-09T00:00:00Z' },
  { ref: 'gcr.io/k8s-minikube/storage-provisioner:v5', binary: '/storage-provisioner', size: 31_500_000, created: '2021-04-09T00:00:00Z' },
];

function nodeImageLayer(img: NodeImage): LayerData {
  const mtime = Date.parse(img.created);
  const entries: Record<string, LayerData['entries'][string]> = {};
  const parts = img.binary.split('/').filter(Boolean);
  for (let i = 1; i < parts.length; i++) entries[`/${parts.slice(0, i).join('/')}`] = { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime };
  entries[img.binary] = { type: 'file', text: executableContents(img.binary === '/coredns' ? COREDNS_PROGRAM : IDLE_PROGRAM), mode: 0o755, uid: 0, gid: 0, mtime };
  entries['/etc'] = { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime };
  entries['/tmp'] = { type: 'dir', mode: 0o1777, uid: 0, gid: 0, mtime };
  return { id: pseudoDigest(`node-image-layer:${img.ref}`), entries };
}

/** Adds the node images the daemon lacks (idempotent). */
export function ensureNodeImages(daemon: DockerDaemon, only?: (ref: string) => boolean): void {
  for (const img of NODE_IMAGES) {
    if (only && !only(img.ref)) continue;
    if (daemon.image(img.ref)) continue;
    const layer = nodeImageLayer(img);
    daemon.addImage(
      {
        id: pseudoDigest(`node-image:${img.ref}`),
        created: img.created,
        config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: null, Entrypoint: [img.binary], WorkingDir: '/', User: img.binary === '/pause' ? '65535:65535' : '0', ExposedPorts: [], Volumes: [], StopSignal: null, Labels: {} },
        layers: [layer.id],
        size: img.size,
        history: [{ created: img.created, createdBy: `COPY ${img.binary.slice(img.binary.lastIndexOf('/') + 1)} ${img.binary} # buildkit`, size: img.size, comment: 'buildkit.dockerfile.v0', emptyLayer: false }],
      },
      [layer],
      [img.ref],
    );
  }
}

/**
 * `minikube image load`: copies an image (by reference) from `from` (the host's daemon) into `to`
 * (the node's), with its layers and tag. Returns the record in `to`, or undefined when `from` has
 * no such image.
 */
export function loadImage(from: DockerDaemon, to: DockerDaemon, ref: string): ImageRecord | undefined {
  const img = from.image(ref);
  if (!img) return undefined;
  const layers = from.imageLayers(img);
  const tags = img.repoTags.length ? [...img.repoTags] : [];
  const { repoTags: _t, repoDigests: _d, ...rest } = img;
  void _t;
  void _d;
  return to.addImage(rest, layers, tags);
}
