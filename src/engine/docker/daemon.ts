/**
 * The Docker daemon of one world: the image store (catalog images pulled from the simulated
 * registry, images built here), containers with their writable layers, logs and processes, and
 * published ports. It speaks in the Engine API's terms (objects shaped like its JSON, errors with
 * the daemon's messages); the `docker` CLI (src/cli/docker) formats them as docker/cli does.
 *
 * Containers are processes of the world's kernel with their own root file system (the image's
 * layers under a writable upper), host name, pid namespace (the main process is pid 1) and network
 * namespace. State that outlives a page (records, writable layers, logs) is in `snapshot()`;
 * processes are not: on restore, containers that were running are started again.
 */
import type { Clock } from '../core/clock';
import { Emitter, type IDisposable } from '../core/events';
import type { IdGen } from '../core/ids';
import { MemFs, type LayerData, type MemFsState } from '../fs/memfs';
import { normalizePath } from '../fs/path';
import type { FileSystem } from '../fs/types';
import { resolveCommand } from '../runtime/exec';
import { PidNamespace, type Kernel, type Process } from '../runtime/kernel';
import type { Pty } from '../runtime/pty';
import { nullReader, Pipe, toBytes, type ReadStream, type WriteStream } from '../runtime/streams';
import { Network, type NetNamespace } from '../net/net';

export { Network };
import { catalog, findCatalogImage, imageLayers, pseudoDigest, type CatalogImage, type HistoryRow, type ImageConfig } from './images';
import { inspectContainer as inspectContainerJson, inspectImage as inspectImageJson } from './inspect';
import { uniqueName } from './names';
import { verifyHostOptions, type HostOptions } from './hostconfig';
import * as nw from './networks';
import { lookupUser } from './users';
import { familiarString, parseNormalizedNamed, referenceString, type ImageReference } from './reference';
import { login as distributionLogin, push as distributionPush, pullRemote, type DistributionDeps, type TransferEvent } from './distribution';
import { RegistryWorld } from './registry';
import * as health from './health';

export { RegistryWorld };

/** An error from the daemon: the CLI prints `Error response from daemon: <message>`. */
export class DaemonError extends Error {
  constructor(
    message: string,
    /** The HTTP status the Engine API would answer with (404 no such, 409 conflict ...). */
    readonly status: number,
  ) {
    super(message);
    this.name = 'DaemonError';
  }
}

export interface ImageRecord {
  /** `sha256:` + 64 hex. */
  readonly id: string;
  /** Familiar `name:tag` references, in the order they were given. */
  repoTags: string[];
  /** `name@sha256:...` of images that came from a registry. */
  repoDigests: string[];
  /** ISO time. */
  readonly created: string;
  readonly config: ImageConfig;
  /** Layer ids, lowest first. */
  readonly layers: readonly string[];
  /** Bytes, as the classic store counts them. */
  readonly size: number;
  /** `docker history`, newest first. */
  readonly history: readonly HistoryRow[];
  /** The catalog image this came from (its layers are rebuilt from the catalog on restore). */
  readonly catalogRef?: string;
  /** The image it was built on (`Parent` in inspect is empty with BuildKit). */
  readonly parent?: string;
}

export type ContainerStatus = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface PortBinding {
  readonly hostIp: string;
  readonly hostPort: number;
  readonly containerPort: number;
  readonly proto: 'tcp' | 'udp';
}

export interface MountSpec {
  /** `bind` (a host folder), `volume` (a named volume). */
  readonly type: 'bind' | 'volume';
  readonly source: string;
  readonly target: string;
  readonly readOnly: boolean;
  /** `-v name:/dir:nocopy`, `--mount ...,volume-nocopy`: an empty volume does not get the image's files. */
  readonly noCopy?: boolean;
  /**
   * An anonymous volume (an image's VOLUME, `-v /dir`, a mount without source): MountPoint.Spec.Source
   * is empty, so `docker rm -v` and `--rm` remove it. Its name is made at creation when `source` is ''.
   */
  readonly anonymous?: boolean;
}

export interface ContainerSpec {
  /** The image as the learner named it (`ubuntu`, `hello-docker:1.0`). */
  readonly image: string;
  readonly name?: string;
  /** Replaces the image's CMD when non-empty. */
  readonly cmd?: readonly string[];
  /** Replaces the image's ENTRYPOINT when given ('' clears it). */
  readonly entrypoint?: string;
  readonly env?: readonly string[];
  readonly workdir?: string;
  readonly user?: string;
  readonly hostname?: string;
  readonly tty?: boolean;
  readonly openStdin?: boolean;
  readonly autoRemove?: boolean;
  readonly ports?: readonly PortBinding[];
  readonly mounts?: readonly MountSpec[];
  readonly labels?: Readonly<Record<string, string>>;
  readonly restart?: string;
  /**
   * HostConfig.NetworkMode: `bridge` (the default), `host`, `none`, `container:<name|id>`, or a
   * user-defined network's name (the first of `networks` when only those are given).
   */
  readonly networkMode?: string;
  /** The networks to connect at creation (first = the network mode), with their aliases and `--ip`. */
  readonly networks?: readonly { readonly name: string; readonly aliases?: readonly string[]; readonly ip?: string }[];
  /** Resources and the other HostConfig settings of run flags (hostconfig.ts). */
  readonly host?: HostOptions;
  /** Config.StopSignal (`--stop-signal`); the image's when absent. */
  readonly stopSignal?: string;
  /** Config.Healthcheck (`--health-*`, compose `healthcheck:`), merged with the image's (health.ts). */
  readonly healthcheck?: health.HealthConfig;
}

/** `docker network create`'s request (network.CreateRequest, the parts simulated). */
export interface NetworkCreateOptions {
  readonly name: string;
  /** `bridge` (default); other drivers are refused as dockerd refuses them without plugins. */
  readonly driver?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly internal?: boolean;
  readonly attachable?: boolean;
  readonly enableIPv6?: boolean;
  /** CIDR; default: the lowest free default pool (172.18.0.0/16 ...). */
  readonly subnet?: string;
  /** Default: the subnet's first address. */
  readonly gateway?: string;
  readonly options?: Readonly<Record<string, string>>;
  readonly ipamDriver?: string;
  readonly ipamOptions?: Readonly<Record<string, string>>;
}

export interface LogEntry {
  /** Simulated ms. */
  readonly time: number;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

export interface ContainerState {
  Status: ContainerStatus;
  Running: boolean;
  Paused: boolean;
  Restarting: boolean;
  OOMKilled: boolean;
  Dead: boolean;
  Pid: number;
  ExitCode: number;
  Error: string;
  /** Simulated ms (0 = never). */
  StartedAt: number;
  FinishedAt: number;
  /** With a healthcheck, from the first start (health.ts). */
  Health?: health.HealthState;
}

/** What a container is, kept in snapshots. */
export interface ContainerRecord {
  readonly id: string;
  name: string;
  /** Simulated ms. */
  readonly created: number;
  readonly path: string;
  readonly args: readonly string[];
  readonly imageRef: string;
  readonly imageId: string;
  readonly config: {
    readonly Hostname: string;
    readonly User: string;
    readonly Tty: boolean;
    readonly OpenStdin: boolean;
    readonly Env: readonly string[];
    readonly Cmd: readonly string[] | null;
    readonly Entrypoint: readonly string[] | null;
    readonly WorkingDir: string;
    readonly Labels: Readonly<Record<string, string>>;
    readonly ExposedPorts: readonly string[];
    readonly StopSignal: string | null;
    /** The healthcheck in force (the image's merged with the container's). */
    readonly Healthcheck?: health.HealthConfig;
    /** Config.Volumes: the image's VOLUMEs and the run's anonymous `-v /dir`s (absent: none). */
    readonly Volumes?: readonly string[];
  };
  readonly autoRemove: boolean;
  readonly restart: string;
  /** HostConfig settings of run flags (resources, --privileged, --read-only ...). */
  readonly host?: HostOptions;
  readonly ports: readonly PortBinding[];
  readonly mounts: readonly MountSpec[];
  /** Its address on its first network while it runs ('' otherwise). */
  ip: string;
  /** HostConfig.NetworkMode (absent in old snapshots: `bridge`). */
  networkMode?: string;
  /** NetworkSettings.Networks, in the order connected (absent in old snapshots: the default bridge). */
  endpoints?: nw.EndpointRecord[];
  state: ContainerState;
  restartCount: number;
  logs: LogEntry[];
  /** The writable layer, between runs (a live MemFs while the daemon runs). */
  upper?: MemFsState;
  /** The image's layers, kept when the image was deleted from under the (stopped) container. */
  imageLayers?: readonly string[];
}

/** The streams a client attaches to a container's main process or an exec. */
export interface AttachIO {
  readonly stdin?: ReadStream;
  readonly stdout: WriteStream;
  readonly stderr: WriteStream;
  /** With `-t`: the client's terminal, which the process uses as its controlling terminal. */
  readonly tty?: Pty;
}

export interface PullEvent {
  /** `latest: Pulling from library/ubuntu`, `<layer>: Pull complete`, `Digest: ...`, `Status: ...`. */
  readonly line: string;
  /** For progress rows: the layer's short id, so a terminal can redraw its row in place. */
  readonly layer?: string;
}

export interface DaemonDeps {
  readonly kernel: Kernel;
  readonly clock: Clock;
  readonly ids: IdGen;
  readonly net: Network;
  /** The host's file system as root (bind mounts). */
  readonly hostFs: FileSystem;
  /** The world's registries (the Hub, the credential helper); pushes and pulls of pushed images need it. */
  readonly registries?: RegistryWorld;
}

/** The JSON of a daemon, for snapshots. */
export interface DaemonState {
  readonly format: 1;
  readonly images: readonly ImageRecord[];
  /** Layers made here (builds, commits); catalog layers are rebuilt from the catalog. */
  readonly layers: readonly LayerData[];
  readonly containers: readonly ContainerRecord[];
  readonly volumes: readonly { name: string; created: number; fs: MemFsState; labels?: Record<string, string> }[];
  readonly nextIp: number;
  /** Networks (absent in old snapshots: the predefined ones are made). */
  readonly networks?: readonly nw.NetworkRecord[];
  /** The builder's cache (src/engine/docker/builder): step key -> result. */
  readonly buildCache?: Readonly<Record<string, BuildCacheEntry>>;
}

/** A local volume: its files, and its labels (`com.docker.volume.anonymous`, compose's). */
export interface VolumeRecord {
  readonly name: string;
  readonly created: number;
  readonly fs: MemFs;
  readonly labels?: Readonly<Record<string, string>>;
}

/** moby's volume service AnonymousLabel: set on volumes created without a name. */
export const ANONYMOUS_VOLUME_LABEL = 'com.docker.volume.anonymous';

/** One entry of the build cache: what a build step made (a layer, or none) and when. */
export interface BuildCacheEntry {
  /** The layer the step made (kept in the daemon's layers), if it changed files. */
  readonly layer?: string;
  /** ISO time the step ran (history rows of cached steps keep it). */
  readonly created: string;
  /** Free-form data (context checksums for transfer sizes). */
  readonly data?: string;
}

interface Live {
  fs: MemFs;
  proc?: Process;
  net?: NetNamespace;
  forwards: IDisposable[];
  /** The namespace is another's (`--network host`, `container:<x>`): not removed on exit. */
  sharedNet?: boolean;
  /** Streams attached to the main process's output (docker attach, a foreground run). */
  sinks: Set<{ stdout: WriteStream; stderr: WriteStream }>;
  stdin?: Pipe;
  exited: Emitter<number>;
  stopping?: boolean;
  /** Stops the health monitor (health.ts), while one runs. */
  stopHealth?: () => void;
}

const SHORT = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

export class DockerDaemon {
  private readonly images = new Map<string, ImageRecord>();
  private readonly layers = new Map<string, LayerData>();
  private readonly containers = new Map<string, ContainerRecord>();
  private readonly live = new Map<string, Live>();
  private readonly volumes = new Map<string, VolumeRecord>();
  /** Networks by id (see networks.ts). */
  private readonly nets = new Map<string, nw.NetworkRecord>();
  private nextIp = 2;
  /** The builder's cache, in snapshots (see builder/). */
  readonly buildCache = new Map<string, BuildCacheEntry>();
  private readonly changed = new Emitter<void>();
  /** Fires when an image, container or volume changed (lesson checks re-run). */
  readonly onDidChange = this.changed.event;
  private readonly logged = new Emitter<string>();
  /** Fires with a container's id when its log grew (`docker logs -f` waits for it). */
  readonly onDidLog = this.logged.event;

  constructor(private readonly deps: DaemonDeps, state?: DaemonState) {
    for (const n of state?.networks ?? nw.predefinedNetworks(deps.ids, deps.clock.now())) this.nets.set(n.id, { ...n });
    if (state) this.restore(state);
  }

  // ----- images ------------------------------------------------------------------------------

  /** The image a reference or (short) id names, locally. */
  image(nameOrId: string): ImageRecord | undefined {
    const id = nameOrId.replace(/^sha256:/, '');
    if (/^[0-9a-f]{1,64}$/.test(id)) {
      const matches = [...this.images.values()].filter((i) => i.id.slice(7).startsWith(id));
      if (matches.length === 1) return matches[0];
    }
    const ref = parseNormalizedNamed(nameOrId);
    if (!ref.ok) return undefined;
    const tagged = familiarString(withDefaultTag(ref.value));
    return [...this.images.values()].find((i) => i.repoTags.includes(tagged));
  }

  /** Whether an image is another's parent (an intermediate image, hidden by `docker images` without -a). */
  hasChildren(id: string): boolean {
    for (const i of this.images.values()) if (i.parent === id) return true;
    return false;
  }

  /** Images, newest first (the daemon sorts its summaries by creation time). */
  listImages(): ImageRecord[] {
    return [...this.images.values()].sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0));
  }

  /**
   * Pulls an image from the simulated registry, reporting progress as the daemon's pull stream
   * does. Throws DaemonError as the daemon answers (unknown repository, unknown tag, bad name).
   */
  async pull(name: string, onEvent: (e: PullEvent) => void, wait: (ms: number) => Promise<void>): Promise<ImageRecord> {
    const parsed = parseNormalizedNamed(name);
    if (!parsed.ok) throw new DaemonError(`invalid reference format: ${parsed.error}`, 400);
    const ref = withDefaultTag(parsed.value);
    const familiar = familiarString(ref);
    const cat = findCatalogImage(referenceString(ref));
    if (!cat) {
      // Not in the catalog: pushed to the Hub, or in a private registry (distribution.ts).
      const remote = this.distribution() ? await pullRemote(this.distribution()!, ref, onEvent, wait) : undefined;
      if (remote) return remote;
      // A repository the registry has, with a tag it does not: the registry's manifest error.
      if (catalog().hasRepository(referenceString(ref))) {
        throw new DaemonError(`manifest for ${familiar} not found: manifest unknown: manifest unknown`, 404);
      }
      throw new DaemonError(this.pullDenied(ref), 404);
    }
    const path = ref.domain === 'docker.io' ? ref.path : `${ref.domain}/${ref.path}`;
    onEvent({ line: `${ref.tag || 'latest'}: Pulling from ${path}` });
    const existing = this.images.get(cat.id);
    const layers = imageLayers(cat);
    if (existing && existing.repoTags.includes(familiar)) {
      onEvent({ line: `Digest: ${cat.repoDigest}` });
      onEvent({ line: `Status: Image is up to date for ${familiar}` });
      return existing;
    }
    for (const l of layers) {
      const short = layerShortId(l.id);
      if (existing || this.layers.has(l.id)) {
        onEvent({ line: `${short}: Already exists`, layer: short });
        continue;
      }
      onEvent({ line: `${short}: Pulling fs layer`, layer: short });
    }
    // Transfer time follows the image's size (a few seconds for ubuntu, more for big images).
    for (const l of layers) {
      if (existing || this.layers.has(l.id)) continue;
      const short = layerShortId(l.id);
      await wait(Math.min(4000, 150 + cat.size / layers.length / 40_000));
      onEvent({ line: `${short}: Verifying Checksum`, layer: short });
      onEvent({ line: `${short}: Download complete`, layer: short });
      onEvent({ line: `${short}: Pull complete`, layer: short });
      this.layers.set(l.id, l);
    }
    onEvent({ line: `Digest: ${cat.repoDigest}` });
    const record = this.addCatalogImage(cat, familiar);
    onEvent({ line: `Status: Downloaded newer image for ${familiar}` });
    return record;
  }

  /** The daemon's answer to a pull of a repository the registry does not have. */
  private pullDenied(ref: ImageReference): string {
    const shown = ref.domain === 'docker.io' ? ref.path.replace(/^library\//, '') : `${ref.domain}/${ref.path}`;
    return `pull access denied for ${shown}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`;
  }

  private addCatalogImage(cat: CatalogImage, tag: string): ImageRecord {
    for (const l of imageLayers(cat)) this.layers.set(l.id, l);
    let rec = this.images.get(cat.id);
    if (!rec) {
      rec = {
        id: cat.id,
        repoTags: [],
        repoDigests: [],
        created: cat.created,
        config: cat.config,
        layers: imageLayers(cat).map((l) => l.id),
        size: cat.size,
        history: cat.history,
        catalogRef: cat.ref,
      };
      this.images.set(rec.id, rec);
    }
    this.untagEverywhere(tag);
    rec.repoTags.push(tag);
    const digest = `${tag.replace(/:[^:/]*$/, '')}@${cat.repoDigest}`;
    if (!rec.repoDigests.includes(digest)) rec.repoDigests.push(digest);
    this.changed.fire();
    return rec;
  }

  /** Adds an image made here (a build), tagging it; returns the record. */
  addImage(image: Omit<ImageRecord, 'repoTags' | 'repoDigests'>, layers: readonly LayerData[], tags: readonly string[]): ImageRecord {
    for (const l of layers) this.layers.set(l.id, l);
    let rec = this.images.get(image.id);
    if (!rec) {
      rec = { ...image, repoTags: [], repoDigests: [] };
      this.images.set(rec.id, rec);
    }
    for (const t of tags) {
      this.untagEverywhere(t);
      rec.repoTags.push(t);
    }
    this.changed.fire();
    return rec;
  }

  /** What push and the pull of pushed images use (undefined when the world has no registries). */
  private distribution(): DistributionDeps | undefined {
    const world = this.deps.registries;
    if (!world) return undefined;
    let nameserver = '127.0.0.53';
    try {
      nameserver = /^nameserver\s+(\S+)/m.exec(this.deps.hostFs.readText('/etc/resolv.conf'))?.[1] ?? nameserver;
    } catch {
      // no resolv.conf
    }
    return { daemon: this, world, net: this.deps.net, DaemonError, nameserver };
  }

  /** The world's registries, if any (docker search lists the Hub's pushed repositories). */
  get registries(): RegistryWorld | undefined {
    return this.deps.registries;
  }

  /**
   * `docker push`: one tag, or every tag of a name-only reference. Progress goes to `onEvent`;
   * errors inside the stream are `StreamError`s (see distribution.ts).
   */
  async push(name: string, opts: { username?: string }, onEvent: (e: TransferEvent) => void, wait: (ms: number) => Promise<void>): Promise<void> {
    const d = this.distribution();
    if (!d) throw new DaemonError('dockyard: this daemon has no registry to push to', 500);
    await distributionPush(d, name, opts, onEvent, wait);
  }

  /** `docker login` (`POST /auth`): throws DaemonError as the registry answers. */
  async login(server: string, username: string, password: string): Promise<void> {
    const d = this.distribution();
    if (d) await distributionLogin(d, server, username, password);
  }

  /** Records a `name@sha256:...` reference of an image (after a push or a pull by registry). */
  addRepoDigest(id: string, ref: string): void {
    const img = this.images.get(id);
    if (!img || img.repoDigests.includes(ref)) return;
    img.repoDigests.push(ref);
    this.changed.fire();
  }

  /** A layer this daemon holds (built or pulled), by id. */
  layer(id: string): LayerData | undefined {
    return this.layers.get(id);
  }

  /** Keeps a layer a build made (the build cache refers to it by id). */
  addLayer(layer: LayerData): void {
    this.layers.set(layer.id, layer);
  }

  /** The layers of an image, lowest first. */
  imageLayers(img: ImageRecord): LayerData[] {
    return img.layers.map((id) => {
      const l = this.layers.get(id);
      if (!l) throw new Error(`docker: layer ${id} of ${img.id} is missing`);
      return l;
    });
  }

  /** `docker tag SOURCE TARGET`. */
  tag(source: string, target: string): void {
    const img = this.image(source);
    if (!img) throw new DaemonError(`No such image: ${source}`, 404);
    const parsed = parseNormalizedNamed(target);
    if (!parsed.ok) throw new DaemonError(`invalid reference format: ${parsed.error}`, 400);
    const t = familiarString(withDefaultTag(parsed.value));
    if (img.repoTags.includes(t)) return;
    this.untagEverywhere(t);
    img.repoTags.push(t);
    this.changed.fire();
  }

  private untagEverywhere(tag: string): void {
    for (const i of this.images.values()) {
      const k = i.repoTags.indexOf(tag);
      if (k >= 0) i.repoTags.splice(k, 1);
    }
  }

  /**
   * `docker rmi` as moby's classic store does it (daemon/images/image_delete.go `ImageDelete`):
   * a name untags that reference (and the repository's digest references once its last tag is gone);
   * the image itself is deleted when no reference is left, quietly skipped on a conflict. An id
   * untags everything when the references are one tag of one repository, then deletes. Hard
   * conflicts (a running container, child images) cannot be forced; soft ones (a stopped
   * container, other references) can. Returns the lines docker prints (`Untagged: x`,
   * `Deleted: sha256:...` for the image, then the layers removed, as chain ids, top first).
   */
  removeImage(nameOrId: string, force = false, prune = true): string[] {
    const img = this.image(nameOrId) ?? this.imageByDigestRef(nameOrId);
    if (!img) {
      const parsed = parseNormalizedNamed(nameOrId);
      const shown = parsed.ok ? familiarString(withDefaultTag(parsed.value)) : nameOrId;
      throw new DaemonError(`No such image: ${shown}`, 404);
    }
    const out: string[] = [];
    let quiet = false;
    if (!isImageIdPrefix(img.id, nameOrId)) {
      if (!force && isSingleReference(imageRefs(img))) {
        const c = [...this.containers.values()].find((x) => x.imageId === img.id);
        if (c) {
          throw new DaemonError(
            `conflict: unable to remove repository reference "${nameOrId}" (must force) - container ${SHORT(c.id)} is using its referenced image ${SHORT(img.id)}`,
            409,
          );
        }
      }
      const parsed = parseNormalizedNamed(nameOrId);
      if (!parsed.ok) throw new DaemonError(`invalid reference format: ${parsed.error}`, 400);
      const ref = withDefaultTag(parsed.value);
      const shown = familiarString(ref);
      removeRef(img, shown);
      out.push(`Untagged: ${shown}`);
      if (!ref.digest) {
        const name = refName(shown);
        if (!img.repoTags.some((t) => refName(t) === name)) {
          for (const r of imageRefs(img)) {
            if (r.digest && refName(r.familiar) === name) {
              removeRef(img, r.familiar);
              out.push(`Untagged: ${r.familiar}`);
            }
          }
        }
      }
      if (img.repoTags.length + img.repoDigests.length > 0) {
        this.changed.fire();
        return out;
      }
      quiet = true;
    } else if (isSingleReference(imageRefs(img))) {
      const conflict = this.deleteConflict(img, force ? CONFLICT_HARD : CONFLICT_HARD | CONFLICT_STOPPED);
      if (conflict) throw new DaemonError(conflict.message, 409);
      for (const r of imageRefs(img)) {
        removeRef(img, r.familiar);
        out.push(`Untagged: ${r.familiar}`);
      }
    }
    this.deleteImage(img, out, force, prune, quiet);
    this.changed.fire();
    return out;
  }

  /** An image named by `name@sha256:...`. */
  private imageByDigestRef(ref: string): ImageRecord | undefined {
    const p = parseNormalizedNamed(ref);
    if (!p.ok || !p.value.digest) return undefined;
    const familiar = familiarString(p.value);
    return [...this.images.values()].find((i) => i.repoDigests.includes(familiar));
  }

  /** `checkImageDeleteConflict`: the first conflict `mask` asks about, in moby's order. */
  private deleteConflict(img: ImageRecord, mask: number): { message: string; hard: boolean; used: boolean } | undefined {
    const conflict = (hard: boolean, used: boolean, why: string) => ({ hard, used, message: `conflict: unable to delete ${SHORT(img.id)} (${hard ? 'cannot be forced' : 'must be forced'}) - ${why}` });
    if (mask & CONFLICT_CHILD && [...this.images.values()].some((i) => i.parent === img.id)) return conflict(true, false, 'image has dependent child images');
    if (mask & CONFLICT_RUNNING) {
      const c = [...this.containers.values()].find((x) => x.imageId === img.id && x.state.Running);
      if (c) return conflict(true, true, `image is being used by running container ${SHORT(c.id)}`);
    }
    if (mask & CONFLICT_REFERENCE && img.repoTags.length + img.repoDigests.length > 0) return conflict(false, false, 'image is referenced in multiple repositories');
    if (mask & CONFLICT_STOPPED) {
      const c = [...this.containers.values()].find((x) => x.imageId === img.id && !x.state.Running);
      if (c) return conflict(false, true, `image is being used by stopped container ${SHORT(c.id)}`);
    }
    return undefined;
  }

  /** `imageDeleteHelper`: deletes the image (and, with `prune`, its untagged parents, quietly). */
  private deleteImage(img: ImageRecord, out: string[], force: boolean, prune: boolean, quiet: boolean): void {
    const conflict = this.deleteConflict(img, force ? CONFLICT_HARD : CONFLICT_HARD | CONFLICT_SOFT);
    if (conflict) {
      const dangling = img.repoTags.length + img.repoDigests.length === 0 && ![...this.images.values()].some((i) => i.parent === img.id);
      if (quiet && (!dangling || conflict.used)) return;
      throw new DaemonError(conflict.message, 409);
    }
    for (const r of imageRefs(img)) {
      removeRef(img, r.familiar);
      out.push(`Untagged: ${r.familiar}`);
    }
    // Stopped containers of a forced delete keep the image's layers under their writable layer.
    for (const c of this.containers.values()) if (c.imageId === img.id) c.imageLayers = img.layers;
    this.images.delete(img.id);
    out.push(`Deleted: ${img.id}`);
    // The layer store releases the image's chain from the top while nothing else holds it.
    const held = new Set<string>();
    const holders = [...[...this.images.values()].map((i) => i.layers), ...[...this.containers.values()].flatMap((c) => (c.imageLayers ? [c.imageLayers] : []))];
    for (const layers of holders) for (const ch of chainIds(layers)) held.add(ch);
    const chains = chainIds(img.layers);
    for (let k = chains.length - 1; k >= 0 && !held.has(chains[k]!); k--) out.push(`Deleted: ${chains[k]!}`);
    const usedLayers = new Set(holders.flat());
    for (const l of img.layers) if (!usedLayers.has(l)) this.layers.delete(l);
    const parent = img.parent ? this.images.get(img.parent) : undefined;
    if (prune && parent) this.deleteImage(parent, out, false, true, true);
  }

  // ----- containers ------------------------------------------------------------------------

  container(nameOrId: string): ContainerRecord | undefined {
    const key = nameOrId.replace(/^\//, '');
    const exact = this.containers.get(key) ?? [...this.containers.values()].find((c) => c.name === key);
    if (exact) return exact;
    if (/^[0-9a-f]+$/.test(key)) {
      const m = [...this.containers.values()].filter((c) => c.id.startsWith(key));
      if (m.length === 1) return m[0];
    }
    return undefined;
  }

  /** Like `container`, but throws the daemon's "No such container". */
  mustContainer(nameOrId: string): ContainerRecord {
    const c = this.container(nameOrId);
    if (!c) throw new DaemonError(`No such container: ${nameOrId}`, 404);
    return c;
  }

  listContainers(all: boolean): ContainerRecord[] {
    return [...this.containers.values()].filter((c) => all || c.state.Running).sort((a, b) => b.created - a.created);
  }

  /** `docker create`: the image must be local. */
  createContainer(spec: ContainerSpec): ContainerRecord {
    const host = spec.host ? verifyHostOptions(spec.host) : undefined;
    if (host && !host.ok) throw new DaemonError(host.error, 400);
    const img = this.image(spec.image);
    if (!img) throw new DaemonError(`No such image: ${spec.image}`, 404);
    if (spec.name !== undefined) {
      if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(spec.name)) {
        throw new DaemonError(`Invalid container name (${spec.name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`, 400);
      }
      const other = [...this.containers.values()].find((c) => c.name === spec.name);
      if (other) {
        throw new DaemonError(
          `Conflict. The container name "/${spec.name}" is already in use by container "${other.id}". You have to remove (or rename) that container to be able to reuse that name.`,
          409,
        );
      }
    }
    const healthcheck = health.mergeHealthcheck(spec.healthcheck, (img.config as { Healthcheck?: health.HealthConfig }).Healthcheck);
    const badHealth = health.verifyHealthcheck(spec.healthcheck);
    if (badHealth) throw new DaemonError(badHealth, 400);
    const netPlan = this.planNetworks(spec);
    const id = this.deps.ids.hex('container-id', 64);
    const name = spec.name ?? uniqueName(this.deps.ids, (n) => [...this.containers.values()].some((c) => c.name === n), id.slice(0, 12));
    const entrypoint = spec.entrypoint !== undefined ? (spec.entrypoint === '' ? null : [spec.entrypoint]) : img.config.Entrypoint;
    const cmd = spec.cmd && spec.cmd.length > 0 ? spec.cmd : spec.entrypoint !== undefined ? null : img.config.Cmd;
    const argv = [...(entrypoint ?? []), ...(cmd ?? [])];
    if (argv.length === 0) throw new DaemonError('no command specified', 400);
    const env = mergeEnv(img.config.Env, spec.env ?? []);
    const hostname = spec.hostname ?? netPlan.hostname ?? id.slice(0, 12);
    const { mounts, volumes } = this.planMounts(spec, img);
    const rec: ContainerRecord = {
      id,
      name,
      created: this.deps.clock.now(),
      path: argv[0]!,
      args: argv.slice(1),
      imageRef: spec.image,
      imageId: img.id,
      config: {
        Hostname: hostname,
        User: spec.user ?? img.config.User,
        Tty: spec.tty ?? false,
        OpenStdin: spec.openStdin ?? false,
        Env: env,
        Cmd: cmd,
        Entrypoint: entrypoint,
        WorkingDir: spec.workdir ?? img.config.WorkingDir,
        Labels: { ...img.config.Labels, ...(spec.labels ?? {}) },
        ExposedPorts: [...new Set([...img.config.ExposedPorts, ...(spec.ports ?? []).map((p) => `${p.containerPort}/${p.proto}`)])],
        StopSignal: spec.stopSignal ?? img.config.StopSignal,
        ...(healthcheck ? { Healthcheck: healthcheck } : {}),
        ...(volumes.length > 0 ? { Volumes: volumes } : {}),
      },
      ...(host ? { host: host.value } : {}),
      autoRemove: spec.autoRemove ?? false,
      restart: spec.restart ?? 'no',
      ports: spec.ports ?? [],
      mounts,
      ip: '',
      networkMode: netPlan.mode,
      endpoints: netPlan.endpoints.map((e) => ({ ...e, dnsNames: this.isUserNetwork(e.network) ? nw.endpointDnsNames(name, e.aliases, id, hostname) : null })),
      state: { Status: 'created', Running: false, Paused: false, Restarting: false, OOMKilled: false, Dead: false, Pid: 0, ExitCode: 0, Error: '', StartedAt: 0, FinishedAt: 0 },
      restartCount: 0,
      logs: [],
    };
    this.containers.set(id, rec);
    const fs = MemFs.fromLayers(this.imageLayers(img), this.deps.clock);
    this.live.set(id, { fs, forwards: [], sinks: new Set(), exited: new Emitter() });
    this.prepareFs(rec, fs);
    this.changed.fire();
    return rec;
  }

  /**
   * The container's mounts: the request's, then an anonymous volume for each of the image's
   * VOLUMEs nothing is mounted on yet (createContainerOSSpecificSettings). Anonymous volumes get a
   * random 64-hex name and the `com.docker.volume.anonymous` label. Also Config.Volumes: the image's
   * VOLUMEs and the anonymous `-v /dir`s.
   */
  private planMounts(spec: ContainerSpec, img: ImageRecord): { mounts: MountSpec[]; volumes: string[] } {
    const mounts: MountSpec[] = [];
    const volumes = [...img.config.Volumes];
    const anonymous = (m: MountSpec): MountSpec => {
      const source = m.source || this.deps.ids.hex('anon-volume', 64);
      if (!this.volumes.has(source)) this.volume(source, true, { [ANONYMOUS_VOLUME_LABEL]: '' });
      return { ...m, source, anonymous: true };
    };
    for (const m of spec.mounts ?? []) {
      const isAnon = m.type === 'volume' && (m.anonymous === true || m.source === '');
      mounts.push(isAnon ? anonymous(m) : m);
      if (isAnon && !volumes.includes(m.target)) volumes.push(m.target);
    }
    for (const v of img.config.Volumes) {
      const target = normalizePath(v);
      if (mounts.some((m) => normalizePath(m.target) === target)) continue;
      mounts.push(anonymous({ type: 'volume', source: '', target, readOnly: false }));
    }
    return { mounts, volumes };
  }

  /** /etc/hostname, /etc/hosts, mounts and the working directory, as the daemon sets them up. */
  private prepareFs(rec: ContainerRecord, fs: MemFs): void {
    const w = (p: string, text: string) => {
      try {
        if (!fs.exists('/etc')) fs.mkdir('/etc', { recursive: true });
        fs.writeFile(p, text);
      } catch {
        // scratch images have no /etc: the daemon's bind mounts are not simulated there
      }
    };
    w('/etc/hostname', `${rec.config.Hostname}\n`);
    this.writeNetworkFiles(rec, fs);
    if (rec.config.WorkingDir && !fs.exists(rec.config.WorkingDir)) fs.mkdir(rec.config.WorkingDir, { recursive: true });
    this.mountAll(rec, fs, true);
  }

  /**
   * Mounts a container's bind mounts (the host's file system) and volumes into its root. At
   * creation (`populate`), an empty volume first gets the image's content at the target, as
   * moby's populateVolume does (not with `nocopy`); after a restore the mounts are made again,
   * to the restored host and volumes.
   */
  private mountAll(rec: ContainerRecord, fs: MemFs, populate: boolean): void {
    for (const m of rec.mounts) {
      const source = m.type === 'bind' ? (this.deps.hostFs as MemFs) : this.volume(m.source, true).fs;
      try {
        if (m.type === 'bind' && !this.deps.hostFs.exists(m.source)) this.deps.hostFs.mkdir(m.source, { recursive: true });
        if (populate && m.type === 'volume' && !m.noCopy) populateVolume(fs, m.target, source);
        fs.mount(m.target, source, { subpath: m.type === 'bind' ? m.source : '/', readOnly: m.readOnly });
      } catch {
        // a target that cannot be mounted stays as the image has it
      }
    }
  }

  /** A named volume, created on first use (`docker run -v name:/path`) with `labels` (`docker volume create --label`, compose's). */
  volume(name: string, create = false, labels?: Readonly<Record<string, string>>): VolumeRecord {
    let v = this.volumes.get(name);
    if (!v && create) {
      v = { name, created: this.deps.clock.now(), fs: new MemFs(this.deps.clock), ...(labels && Object.keys(labels).length > 0 ? { labels: { ...labels } } : {}) };
      this.volumes.set(name, v);
      this.changed.fire();
    }
    if (!v) throw new DaemonError(`get ${name}: no such volume`, 404);
    return v;
  }

  listVolumes(): Array<{ name: string; created: number; labels?: Readonly<Record<string, string>> }> {
    return [...this.volumes.values()].map((v) => ({ name: v.name, created: v.created, ...(v.labels ? { labels: v.labels } : {}) }));
  }

  /** Removes a container's anonymous volumes that no other container uses (removeMountPoints with rm). */
  private removeAnonymousVolumes(rec: ContainerRecord): void {
    for (const m of rec.mounts) {
      if (m.type !== 'volume' || !m.anonymous || !this.volumes.has(m.source)) continue;
      // "volume in use" by another container is not an error here: the volume stays.
      if ([...this.containers.values()].some((c) => c !== rec && c.mounts.some((x) => x.type === 'volume' && x.source === m.source))) continue;
      this.volumes.delete(m.source);
    }
  }

  removeVolume(name: string, force = false): void {
    if (!this.volumes.has(name)) throw new DaemonError(`get ${name}: no such volume`, 404);
    const users = [...this.containers.values()].filter((c) => c.mounts.some((m) => m.type === 'volume' && m.source === name));
    if (users.length > 0 && !force) {
      throw new DaemonError(`remove ${name}: volume is in use - [${users.map((u) => u.id).join(', ')}]`, 409);
    }
    this.volumes.delete(name);
    this.changed.fire();
  }

  /**
   * Starts a container's main process. With `io`, the client is attached from the start (`docker
   * run` without -d, `docker start -a`); output always goes to the container's log too.
   */
  startContainer(nameOrId: string, io?: AttachIO): ContainerRecord {
    const rec = this.mustContainer(nameOrId);
    try {
      return this.startContainerProcess(rec, io);
    } catch (e) {
      // daemon/start.go: after a failed start, an AutoRemove (`--rm`) container is removed.
      if (rec.autoRemove && !rec.state.Running && this.containers.has(rec.id)) this.remove(rec.id, true, true);
      throw e;
    }
  }

  private startContainerProcess(rec: ContainerRecord, io?: AttachIO): ContainerRecord {
    if (rec.state.Running) return rec;
    const live = this.liveOf(rec);
    // createSpec's getUser: the user must be in the container's passwd (a number need not be).
    const user = lookupUser(rec.config.User, live.fs);
    if (!user.ok) {
      rec.state = { ...rec.state, Status: 'created', ExitCode: rec.state.ExitCode || 128, Error: user.error };
      this.changed.fire();
      throw new DaemonError(user.error, 500);
    }
    const { kernel } = this.deps;
    const fs = live.fs;
    const env = new Map(rec.config.Env.map((e) => splitEnv(e)));
    if (!env.has('HOSTNAME')) env.set('HOSTNAME', rec.config.Hostname);
    if (rec.config.Tty && !env.has('TERM')) env.set('TERM', 'xterm');
    if (!env.has('HOME')) env.set('HOME', '/root');
    const cwd = rec.config.WorkingDir || '/';
    const lookupCtx = { fs, cwd, env, kernel };
    const resolved = resolveCommand(lookupCtx, rec.path);
    if (resolved.kind === 'error' || resolved.kind === 'shell-script') {
      const why =
        resolved.kind === 'shell-script'
          ? 'exec format error'
          : resolved.code === 'NOTFOUND'
            ? `exec: "${rec.path}": executable file not found in $PATH`
            : resolved.code === 'EACCES'
              ? `exec: "${rec.path}": permission denied`
              : resolved.code === 'EISDIR'
                ? `exec: "${rec.path}": is a directory`
                : `exec: "${rec.path}": stat ${rec.path}: no such file or directory`;
      rec.state = { ...rec.state, Status: 'created', ExitCode: why.includes('not found') || why.includes('no such') ? 127 : 126, Error: why };
      this.changed.fire();
      throw new DaemonError(
        `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${why}: unknown`,
        resolved.kind === 'error' && (resolved.code === 'NOTFOUND' || resolved.code === 'ENOENT') ? 127 : 126,
      );
    }
    const argv = resolved.kind === 'script' ? [resolved.interpreter, ...(resolved.interpreterArg ? [resolved.interpreterArg] : []), resolved.path, ...rec.args] : [rec.path, ...rec.args];
    const program = resolved.kind === 'script' ? resolveCommand(lookupCtx, resolved.interpreter) : resolved;
    if (program.kind !== 'program') throw new DaemonError(`exec: "${argv[0]}": executable file not found in $PATH`, 127);

    // The network: the container's own namespace, and its published ports on the host.
    const net = this.attachNetworks(rec, live);
    for (const p of live.sharedNet ? [] : rec.ports) {
      try {
        live.forwards.push(this.deps.net.forward({ hostPort: p.hostPort, hostAddress: p.hostIp || '0.0.0.0', target: net, targetPort: p.containerPort }));
      } catch {
        this.detachNetworks(rec, live);
        for (const f of live.forwards.splice(0)) f.dispose();
        throw new DaemonError(
          `driver failed programming external connectivity on endpoint ${rec.name} (${this.deps.ids.hex('endpoint', 64)}): Bind for ${p.hostIp || '0.0.0.0'}:${p.hostPort} failed: port is already allocated`,
          500,
        );
      }
    }

    // Output: to the log, and to whoever is attached.
    const now = () => this.deps.clock.now();
    const decoder = { stdout: new TextDecoder(), stderr: new TextDecoder() };
    const logWriter = (stream: 'stdout' | 'stderr'): WriteStream => ({
      isTTY: false,
      write: (data) => {
        const b = toBytes(data);
        const text = decoder[stream].decode(b, { stream: true });
        if (text) {
          rec.logs.push({ time: now(), stream, text });
          this.logged.fire(rec.id);
        }
        for (const s of live.sinks) void s[stream].write(b).catch(() => live.sinks.delete(s));
        return Promise.resolve();
      },
      close: () => {},
    });
    let stdin: ReadStream = nullReader;
    const sink = io ? { stdout: io.stdout, stderr: io.stderr } : undefined;
    if (sink) live.sinks.add(sink);
    if (io?.tty && rec.config.Tty) {
      stdin = io.stdin ?? nullReader;
    } else if (rec.config.OpenStdin) {
      if (io?.stdin) stdin = io.stdin;
      else {
        live.stdin = new Pipe();
        stdin = live.stdin.reader;
      }
    }
    const pidns = new PidNamespace();
    fs.setReadOnlyRoot(rec.host?.readOnly === true);
    const proc = kernel.spawn({
      argv,
      program: program.program,
      env,
      cwd,
      fs,
      stdio: io?.tty && rec.config.Tty ? { stdin, stdout: io.tty.slave, stderr: io.tty.slave } : { stdin, stdout: logWriter('stdout'), stderr: logWriter('stderr') },
      tty: io?.tty && rec.config.Tty ? io.tty : undefined,
      user: user.value,
      ns: { hostname: rec.config.Hostname, net, pid: pidns, container: rec.id },
    });
    if (io?.tty && rec.config.Tty) {
      // The tty's output goes to the attached terminal directly. The log (and other attached
      // clients) get everything the terminal carries while the container runs, as the daemon
      // copies a TTY container's pty master: prompts and echoed input too, with \r\n line ends.
      live.sinks.delete(sink!);
      io.tty.foregroundPgid = proc.pgid;
      const log = logWriter('stdout');
      const carried = io.tty.onOutput((text) => void log.write(text));
      void proc.exited.then(() => carried.dispose());
    }
    live.proc = proc;
    live.stopping = false;
    rec.state = { ...rec.state, Status: 'running', Running: true, Paused: false, Restarting: false, Pid: proc.pid, ExitCode: 0, Error: '', StartedAt: now(), FinishedAt: 0 };
    this.initHealthMonitor(rec, live);
    this.changed.fire();
    void proc.exited.then((info) => this.exited(rec, info.status));
    return rec;
  }

  private exited(rec: ContainerRecord, status: number): void {
    const live = this.live.get(rec.id);
    if (!live) return;
    live.proc = undefined;
    live.stopHealth?.();
    live.sinks.clear();
    live.stdin = undefined;
    for (const f of live.forwards.splice(0)) f.dispose();
    this.detachNetworks(rec, live);
    rec.state = { ...rec.state, Status: 'exited', Running: false, Paused: false, Pid: 0, ExitCode: status, FinishedAt: this.deps.clock.now() };
    live.exited.fire(status);
    if (rec.autoRemove) {
      // monitor.go: an AutoRemove container is removed with RemoveVolume (its anonymous volumes).
      this.containers.delete(rec.id);
      this.live.delete(rec.id);
      this.removeAnonymousVolumes(rec);
    } else if ((rec.restart === 'always' || rec.restart === 'unless-stopped' || (rec.restart.startsWith('on-failure') && status !== 0)) && !live.stopping) {
      rec.restartCount++;
      try {
        this.startContainer(rec.id);
      } catch {
        // the next start fails the same way: leave it exited
      }
    }
    this.changed.fire();
  }

  /** Resolves with the exit status when the container's main process ends (at once if not running). */
  wait(nameOrId: string): Promise<number> {
    const rec = this.mustContainer(nameOrId);
    const live = this.live.get(rec.id);
    if (!live?.proc) return Promise.resolve(rec.state.ExitCode);
    return new Promise((resolve) => {
      const d = live.exited.event((s) => {
        d.dispose();
        resolve(s);
      });
    });
  }

  /** `docker stop`: the stop signal, then SIGKILL after the timeout (default 10 s). */
  async stop(nameOrId: string, timeout: number | undefined, wait: (ms: number) => Promise<void>): Promise<void> {
    const rec = this.mustContainer(nameOrId);
    // No timeout given: the container's --stop-timeout, else 10 s.
    const timeoutSec = timeout ?? rec.host?.stopTimeout ?? 10;
    const live = this.live.get(rec.id);
    if (!live?.proc) return;
    live.stopping = true;
    const proc = live.proc;
    const done = this.wait(rec.id);
    this.deps.kernel.kill(proc.pid, (rec.config.StopSignal as 'SIGTERM' | null) ?? 'SIGTERM');
    // daemon/kill.go killWithSignal: the stop signal is sent, then a paused container is resumed.
    this.thaw(rec);
    const timedOut = await Promise.race([done.then(() => false), wait(timeoutSec * 1000).then(() => true)]);
    if (timedOut && proc.state !== 'exited') {
      this.deps.kernel.kill(proc.pid, 'SIGKILL');
      await done;
    }
  }

  /** `docker kill`: a signal (SIGKILL by default) to the main process. */
  kill(nameOrId: string, signal: string = 'SIGKILL'): void {
    const rec = this.mustContainer(nameOrId);
    const live = this.live.get(rec.id);
    if (!live?.proc) throw new DaemonError(`cannot kill container: ${nameOrId}: container ${rec.id} is not running`, 409);
    live.stopping = true;
    const sig = signal.startsWith('SIG') ? signal : `SIG${signal}`;
    this.deps.kernel.kill(live.proc.pid, sig as 'SIGKILL');
    // killWithSignal resumes a paused container after the signal, unless a configured stop signal
    // differs from this one (then the signal waits in the frozen container).
    if (rec.config.StopSignal === null || sig === 'SIGKILL' || rec.config.StopSignal === sig) this.thaw(rec);
  }

  /** `docker pause`: freezes every process of the container (the cgroup freezer). */
  pause(nameOrId: string): void {
    const rec = this.mustContainer(nameOrId);
    if (!rec.state.Running || !this.live.get(rec.id)?.proc) throw new DaemonError(`container ${rec.id} is not running`, 409);
    if (rec.state.Paused) throw new DaemonError(`Container ${rec.id} is already paused`, 409);
    if (rec.state.Restarting) throw new DaemonError(`Container ${rec.id} is restarting, wait until the container is running`, 409);
    for (const p of this.processes(rec.id)) p.setFrozen(true);
    this.live.get(rec.id)?.stopHealth?.();
    rec.state = { ...rec.state, Status: 'paused', Paused: true };
    this.changed.fire();
  }

  /** `docker unpause`. */
  unpause(nameOrId: string): void {
    const rec = this.mustContainer(nameOrId);
    if (!rec.state.Paused) throw new DaemonError(`Container ${rec.id} is not paused`, 500);
    this.thaw(rec);
  }

  private thaw(rec: ContainerRecord): void {
    if (!rec.state.Paused) return;
    for (const p of this.processes(rec.id)) p.setFrozen(false);
    if (rec.state.Running) rec.state = { ...rec.state, Status: 'running', Paused: false };
    const live = this.live.get(rec.id);
    if (rec.state.Running && live) this.updateHealthMonitor(rec, live);
    this.changed.fire();
  }

  /** `docker rm`: a running container only with force (killed first). */
  remove(nameOrId: string, force = false, volumes = false): void {
    const rec = this.mustContainer(nameOrId);
    const live = this.live.get(rec.id);
    if (rec.state.Running) {
      if (!force) {
        throw new DaemonError(`cannot remove container "${nameOrId.startsWith('/') ? nameOrId : `/${rec.name}`}": container is running: stop the container before removing or force remove`, 409);
      }
      if (live?.proc) this.deps.kernel.kill(live.proc.pid, 'SIGKILL');
      this.thaw(rec);
    }
    live?.stopHealth?.();
    for (const f of live?.forwards.splice(0) ?? []) f.dispose();
    if (live) this.detachNetworks(rec, live);
    this.containers.delete(rec.id);
    this.live.delete(rec.id);
    // anonymous volumes only: named ones stay, as with docker
    if (volumes) this.removeAnonymousVolumes(rec);
    this.changed.fire();
  }

  /** `docker rename`. */
  rename(nameOrId: string, newName: string): void {
    const rec = this.mustContainer(nameOrId);
    const other = [...this.containers.values()].find((c) => c.name === newName);
    if (other) {
      throw new DaemonError(`Error when allocating new name: Conflict. The container name "/${newName}" is already in use by container "${other.id}". You have to remove (or rename) that container to be able to reuse that name.`, 409);
    }
    rec.name = newName;
    this.changed.fire();
  }

  /** Attaches a client to a running container's output (docker attach, start -a). */
  attach(nameOrId: string, io: AttachIO): IDisposable {
    const rec = this.mustContainer(nameOrId);
    const live = this.liveOf(rec);
    const sink = { stdout: io.stdout, stderr: io.stderr };
    live.sinks.add(sink);
    return { dispose: () => live.sinks.delete(sink) };
  }

  /** `docker exec`: a new process in a running container. */
  exec(nameOrId: string, argv: readonly string[], opts: { env?: readonly string[]; workdir?: string; user?: string; io: AttachIO; tty: boolean }): Process {
    const rec = this.mustContainer(nameOrId);
    const live = this.live.get(rec.id);
    if (!rec.state.Running || !live?.proc) throw new DaemonError(`container ${rec.id} is not running`, 409);
    if (rec.state.Paused) throw new DaemonError(`Container ${rec.id} is paused, unpause the container before exec`, 409);
    const env = new Map(mergeEnv(rec.config.Env, opts.env ?? []).map((e) => splitEnv(e)));
    if (!env.has('HOSTNAME')) env.set('HOSTNAME', rec.config.Hostname);
    if (!env.has('HOME')) env.set('HOME', '/root');
    if (opts.tty && !env.has('TERM')) env.set('TERM', 'xterm');
    const cwd = opts.workdir ?? (rec.config.WorkingDir || '/');
    const user = lookupUser(opts.user ?? rec.config.User, live.fs);
    if (!user.ok) throw new DaemonError(user.error, 400);
    const r = resolveCommand({ fs: live.fs, cwd, env, kernel: this.deps.kernel }, argv[0] ?? '');
    if (r.kind !== 'program' && r.kind !== 'script') {
      const why = r.kind === 'error' && r.code === 'NOTFOUND' ? `exec: "${argv[0]}": executable file not found in $PATH` : `exec: "${argv[0]}": permission denied`;
      throw new DaemonError(`OCI runtime exec failed: exec failed: unable to start container process: ${why}: unknown`, r.kind === 'error' && r.code === 'NOTFOUND' ? 127 : 126);
    }
    const prog = r.kind === 'script' ? resolveCommand({ fs: live.fs, cwd, env, kernel: this.deps.kernel }, r.interpreter) : r;
    if (prog.kind !== 'program') throw new DaemonError(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown`, 127);
    const fullArgv = r.kind === 'script' ? [r.interpreter, ...(r.interpreterArg ? [r.interpreterArg] : []), r.path, ...argv.slice(1)] : [...argv];
    const tty = opts.tty ? opts.io.tty : undefined;
    const proc = this.deps.kernel.spawn({
      argv: fullArgv,
      program: prog.program,
      env,
      cwd,
      fs: live.fs,
      // Without -t the process's streams are the daemon's pipes, whatever the client has (isatty is false);
      // with -t all three are the terminal, even without -i (then nothing typed reaches it).
      stdio: tty
        ? { stdin: opts.io.stdin ?? ttyWithoutInput, stdout: tty.slave, stderr: tty.slave }
        : { stdin: opts.io.stdin ? notTty(opts.io.stdin) : nullReader, stdout: notTtyWriter(opts.io.stdout), stderr: notTtyWriter(opts.io.stderr) },
      tty,
      user: user.value,
      ns: live.proc.ns,
    });
    if (tty) tty.foregroundPgid = proc.pgid;
    return proc;
  }

  // ----- health checks (health.ts) --------------------------------------------------------------

  /** The image's SHELL, which a CMD-SHELL probe runs with (getShell). */
  private shellOf(rec: ContainerRecord): readonly string[] | undefined {
    return (this.images.get(rec.imageId)?.config as { Shell?: readonly string[] } | undefined)?.Shell;
  }

  /** initHealthMonitor: a started container with a probe is `starting` again, and is monitored. */
  private initHealthMonitor(rec: ContainerRecord, live: Live): void {
    if (!health.probeCommand(rec.config.Healthcheck, this.shellOf(rec))) return;
    live.stopHealth?.();
    rec.state = { ...rec.state, Health: { Status: 'starting', FailingStreak: 0, Log: rec.state.Health?.Log ?? [] } };
    this.updateHealthMonitor(rec, live);
  }

  /** updateHealthMonitor: the monitor runs while the container runs, unpaused, with a probe. */
  private updateHealthMonitor(rec: ContainerRecord, live: Live): void {
    const cfg = rec.config.Healthcheck;
    const cmd = health.probeCommand(cfg, this.shellOf(rec));
    if (!cfg || !cmd || !rec.state.Health || !rec.state.Running || rec.state.Paused || live.stopHealth) return;
    const clock = this.deps.clock;
    const startedAt = rec.state.StartedAt;
    let stopped = false;
    let timer: { cancel: () => void } | undefined;
    let probe: Process | undefined;
    const stop = () => {
      stopped = true;
      timer?.cancel();
      if (probe && probe.state !== 'exited') this.deps.kernel.kill(probe.pid, 'SIGKILL');
      if (live.stopHealth === stop) live.stopHealth = undefined;
    };
    live.stopHealth = stop;
    const arm = () => {
      const t = clock.sleep(health.nextInterval(cfg, rec.state.Health, startedAt, clock.now()));
      timer = t;
      void t.promise.then(async () => {
        if (stopped) return;
        const result = await this.runProbe(rec, cmd, cfg, (p) => (probe = p));
        probe = undefined;
        if (stopped) return;
        const h = rec.state.Health ?? { Status: 'starting' as const, FailingStreak: 0, Log: [] };
        rec.state = { ...rec.state, Health: health.nextHealth(h, cfg, result, startedAt) };
        this.changed.fire();
        arm();
      });
    };
    arm();
  }

  /** cmdProbe.run: the probe as an exec in the container, its output (4 KiB at most), the timeout. */
  private async runProbe(rec: ContainerRecord, cmd: readonly string[], cfg: health.HealthConfig, started: (p: Process) => void): Promise<health.HealthResult> {
    const clock = this.deps.clock;
    const start = clock.now();
    const decoder = new TextDecoder();
    let out = '';
    const sink: WriteStream = {
      isTTY: false,
      write: (data) => {
        if (out.length < health.MAX_OUTPUT_LEN) out = (out + decoder.decode(toBytes(data), { stream: true })).slice(0, health.MAX_OUTPUT_LEN);
        return Promise.resolve();
      },
      close: () => {},
    };
    let proc: Process;
    try {
      proc = this.exec(rec.id, cmd, { io: { stdout: sink, stderr: sink }, tty: false });
    } catch (e) {
      return { Start: start, End: clock.now(), ExitCode: -1, Output: e instanceof Error ? e.message : String(e) };
    }
    started(proc);
    const timeoutMs = health.msOr(cfg.Timeout, health.DEFAULT_PROBE_TIMEOUT);
    const t = clock.sleep(timeoutMs);
    const status = await Promise.race([proc.exited.then((i) => i.status), t.promise.then(() => undefined)]);
    t.cancel();
    if (status === undefined) {
      if (proc.state !== 'exited') this.deps.kernel.kill(proc.pid, 'SIGKILL');
      const d = health.goDurationString(timeoutMs);
      return { Start: start, End: clock.now(), ExitCode: -1, Output: out !== '' ? `Health check exceeded timeout (${d}): ${out}` : `Health check exceeded timeout (${d})` };
    }
    return { Start: start, End: clock.now(), ExitCode: status, Output: out };
  }

  /** `GET /containers/{id}/json`: what `docker inspect` prints, or undefined for no such container. */
  inspectContainer(nameOrId: string): Record<string, unknown> | undefined {
    const c = this.container(nameOrId);
    return c ? inspectContainerJson(c) : undefined;
  }

  /** `GET /images/{name}/json`. */
  inspectImage(nameOrId: string): Record<string, unknown> | undefined {
    const i = this.image(nameOrId);
    return i ? inspectImageJson(i) : undefined;
  }

  /** The container's root file system (docker cp, diff, checks). */
  containerFs(nameOrId: string): MemFs {
    return this.liveOf(this.mustContainer(nameOrId)).fs;
  }

  /** Processes of a running container (docker top), main first. */
  processes(nameOrId: string): Process[] {
    const rec = this.mustContainer(nameOrId);
    return [...this.deps.kernel.processes.values()].filter((p) => p.ns.container === rec.id);
  }

  private liveOf(rec: ContainerRecord): Live {
    let live = this.live.get(rec.id);
    if (!live) {
      const img = this.images.get(rec.imageId);
      const lowers = img ? this.imageLayers(img) : (rec.imageLayers ?? []).flatMap((id) => this.layers.get(id) ?? []);
      const fs = rec.upper ? MemFs.restore(rec.upper, { clock: this.deps.clock, lowers }) : MemFs.fromLayers(lowers, this.deps.clock);
      live = { fs, forwards: [], sinks: new Set(), exited: new Emitter() };
      this.live.set(rec.id, live);
      // Mounts are not in a file system's snapshot: bind the restored host folders and volumes again.
      this.mountAll(rec, fs, false);
    }
    return live;
  }

  // ----- networks ----------------------------------------------------------------------------

  /** A network by full id, full name or unique id prefix (daemon.FindNetwork). */
  network(nameOrId: string): nw.NetworkRecord | undefined {
    const all = [...this.nets.values()];
    const exact = all.find((n) => n.id === nameOrId);
    if (exact) return exact;
    const byName = all.filter((n) => n.name === nameOrId);
    if (byName.length === 1) return byName[0];
    const byPrefix = nameOrId === '' ? [] : all.filter((n) => n.id.startsWith(nameOrId));
    if (byPrefix.length > 1) throw new DaemonError(`network ${nameOrId} is ambiguous (${byPrefix.length} matches found based on ID prefix)`, 400);
    return byPrefix[0];
  }

  /** Like `network`, but throws the daemon's "network X not found". */
  mustNetwork(nameOrId: string): nw.NetworkRecord {
    const n = this.network(nameOrId);
    if (!n) throw new DaemonError(`network ${nameOrId} not found`, 404);
    return n;
  }

  /** Every network, in creation order (the CLI sorts). */
  listNetworks(): nw.NetworkRecord[] {
    return [...this.nets.values()];
  }

  private isUserNetwork(id: string): boolean {
    const n = this.nets.get(id);
    return n !== undefined && nw.isUserDefined(n);
  }

  /** `POST /networks/create`: a user-defined bridge network. */
  createNetwork(opts: NetworkCreateOptions): nw.NetworkRecord {
    if (nw.PREDEFINED.includes(opts.name)) throw new DaemonError(`operation is not permitted on predefined ${opts.name} network `, 403);
    if ([...this.nets.values()].some((n) => n.name === opts.name)) throw new DaemonError(`network with name ${opts.name} already exists`, 409);
    const driver = opts.driver || 'bridge';
    if (driver === 'overlay') throw new DaemonError('This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.', 403);
    if (driver === 'host' || driver === 'null') throw new DaemonError(`only one instance of "${driver}" network is allowed`, 403);
    if (driver !== 'bridge') throw new DaemonError(`could not find plugin ${driver} in v1 plugin registry: plugin not found`, 404);
    let subnet = opts.subnet;
    if (subnet !== undefined) {
      const c = nw.parseCidr(subnet);
      if (!c) throw new DaemonError(`invalid subnet: invalid CIDR address: ${subnet}`, 400);
      if (c.addr !== c.base) throw new DaemonError(`invalid network config:\ninvalid subnet ${subnet}: it should be ${nw.intToIp(c.base)}/${c.bits}`, 400);
      if ([...this.nets.values()].some((n) => n.subnet && (nw.inSubnet(n, nw.intToIp(c.base)) || nw.inSubnet({ ...n, subnet }, n.subnet.split('/')[0]!)))) {
        throw new DaemonError('invalid pool request: Pool overlaps with other one on this address space', 403);
      }
    } else {
      subnet = nw.nextPool([...this.nets.values()]);
      if (!subnet) throw new DaemonError('all predefined address pools have been fully subnetted', 403);
    }
    const base = nw.parseCidr(subnet)!.base;
    const rec: nw.NetworkRecord = {
      id: this.deps.ids.hex('network-id', 64),
      name: opts.name,
      driver,
      scope: 'local',
      created: this.deps.clock.now(),
      subnet,
      gateway: opts.gateway || nw.intToIp(base + 1),
      userSubnet: opts.subnet !== undefined,
      internal: opts.internal ?? false,
      attachable: opts.attachable ?? false,
      enableIPv6: opts.enableIPv6 ?? false,
      labels: { ...(opts.labels ?? {}) },
      options: { ...(opts.options ?? {}) },
      ipamOptions: { ...(opts.ipamOptions ?? {}) },
      ipamDriver: opts.ipamDriver || 'default',
      predefined: false,
    };
    this.nets.set(rec.id, rec);
    this.changed.fire();
    return rec;
  }

  /** The running containers with an endpoint on a network. */
  networkAttachments(n: nw.NetworkRecord): nw.NetworkAttachment[] {
    const out: nw.NetworkAttachment[] = [];
    for (const c of [...this.containers.values()].sort((a, b) => a.created - b.created)) {
      if (!c.state.Running) continue;
      const e = this.endpointsOf(c).find((x) => x.network === n.id);
      if (e && e.endpointId) out.push({ containerId: c.id, name: c.name, endpoint: e });
    }
    return out;
  }

  /** `DELETE /networks/{id}`. */
  removeNetwork(nameOrId: string): void {
    const n = this.mustNetwork(nameOrId);
    if (n.predefined) throw new DaemonError(`${n.name} is a pre-defined network and cannot be removed`, 403);
    const active = this.networkAttachments(n);
    if (active.length > 0) {
      throw new DaemonError(`error while removing network: network ${n.name} has active endpoints (${active.map((a) => `name:"${a.name}" id:"${a.endpoint.endpointId.slice(0, 12)}"`).join(', ')})`, 403);
    }
    this.nets.delete(n.id);
    this.changed.fire();
  }

  /** `POST /networks/prune`: user-defined networks no running container uses; their names. */
  pruneNetworks(): string[] {
    const gone = [...this.nets.values()].filter((n) => !n.predefined && this.networkAttachments(n).length === 0);
    for (const n of gone) this.nets.delete(n.id);
    if (gone.length) this.changed.fire();
    return gone.map((n) => n.name);
  }

  /** `GET /networks/{id}`. */
  inspectNetwork(nameOrId: string): Record<string, unknown> | undefined {
    const n = this.network(nameOrId);
    return n ? nw.inspectNetwork(n, this.networkAttachments(n)) : undefined;
  }

  /** The container's endpoints (old snapshots: the default bridge). */
  endpointsOf(c: ContainerRecord): nw.EndpointRecord[] {
    if (!c.endpoints) {
      const bridge = this.bridge();
      c.endpoints = c.networkMode === undefined || c.networkMode === 'bridge' || c.networkMode === 'default' ? [{ network: bridge.id, name: 'bridge', aliases: [], dnsNames: null, ip: '', endpointId: '', mac: '' }] : [];
    }
    return c.endpoints;
  }

  private bridge(): nw.NetworkRecord {
    return [...this.nets.values()].find((n) => n.name === 'bridge' && n.predefined)!;
  }

  /** Checks a create request's networking and says which endpoints the container gets. */
  private planNetworks(spec: ContainerSpec): { mode: string; endpoints: Omit<nw.EndpointRecord, 'dnsNames'>[]; hostname?: string } {
    const wanted = spec.networks ?? [];
    let mode = spec.networkMode ?? wanted[0]?.name ?? 'bridge';
    if (mode === 'default') mode = 'bridge';
    if (mode === 'host' || mode === 'none') {
      if (wanted.some((w) => w.name !== mode)) throw new DaemonError(mode === 'none' ? 'container cannot be connected to multiple networks with one of the networks in private (none) mode' : 'container sharing network namespace with another container or host cannot be connected to any other network', 400);
      const n = this.mustNetwork(mode);
      const endpoints = [{ network: n.id, name: n.name, aliases: [], ip: '', endpointId: '', mac: '' }];
      if (mode === 'host' && spec.hostname === undefined) {
        let h = 'localhost';
        try {
          h = this.deps.hostFs.readText('/etc/hostname').trim() || h;
        } catch {
          // no /etc/hostname on the host
        }
        return { mode, endpoints, hostname: h };
      }
      return { mode, endpoints };
    }
    if (mode.startsWith('container:')) {
      const other = this.mustContainer(mode.slice('container:'.length));
      return { mode: `container:${other.id}`, endpoints: [], hostname: other.config.Hostname };
    }
    const list = wanted.length ? wanted : [{ name: mode }];
    const endpoints: Omit<nw.EndpointRecord, 'dnsNames'>[] = [];
    for (const w of list) {
      const n = this.mustNetwork(w.name === 'default' ? 'bridge' : w.name);
      if (n.driver === 'host' || n.driver === 'null') throw new DaemonError('container sharing network namespace with another container or host cannot be connected to any other network', 400);
      this.checkEndpoint(n, w.aliases ?? [], w.ip);
      endpoints.push({ network: n.id, name: n.name, aliases: [...(w.aliases ?? [])], ...(w.ip ? { staticIp: w.ip } : {}), ip: '', endpointId: '', mac: '' });
    }
    return { mode: list[0]!.name === 'default' ? 'bridge' : list[0]!.name, endpoints };
  }

  /** validateEndpointSettings: aliases and static addresses only on user-defined networks. */
  private checkEndpoint(n: nw.NetworkRecord, aliases: readonly string[], ip: string | undefined): void {
    const errs: string[] = [];
    if (n.predefined) {
      if (ip) errs.push('user specified IP address is supported on user defined networks only');
      if (aliases.length) errs.push('network-scoped alias is supported only for containers in user defined networks');
    }
    if (ip && !n.predefined) {
      if (nw.ipToInt(ip) === undefined) errs.push(`invalid IPv4 address: ${ip}`);
      else if (!n.userSubnet) errs.push('user specified IP address is supported only when connecting to networks with user configured subnets');
      else if (!nw.inSubnet(n, ip)) errs.push(`no configured subnet or ip-range contain the IP address ${ip}`);
    }
    if (errs.length) throw new DaemonError(`invalid endpoint settings:\n${errs.join('\n')}`, 400);
  }

  /** Addresses in use on a network (by running containers other than `except`). */
  private usedAddresses(n: nw.NetworkRecord, except?: ContainerRecord): Set<string> {
    const used = new Set<string>();
    for (const c of this.containers.values()) {
      if (c === except || !c.state.Running) continue;
      for (const e of this.endpointsOf(c)) if (e.network === n.id && e.ip) used.add(e.ip);
    }
    return used;
  }

  /** Gives a starting container its endpoints' addresses and its network namespace. */
  private attachNetworks(rec: ContainerRecord, live: Live): NetNamespace {
    const mode = rec.networkMode ?? 'bridge';
    if (mode === 'host') {
      for (const e of this.endpointsOf(rec)) e.endpointId = this.deps.ids.hex('endpoint-id', 64);
      live.sharedNet = true;
      live.net = this.deps.net.host;
      this.writeNetworkFiles(rec, live.fs);
      return live.net;
    }
    if (mode.startsWith('container:')) {
      const other = this.mustContainer(mode.slice('container:'.length));
      const otherNet = this.live.get(other.id)?.net;
      if (!other.state.Running || !otherNet) throw new DaemonError(`cannot join network namespace of a non running container: container ${other.name} is ${other.state.Status}`, 409);
      live.sharedNet = true;
      live.net = otherNet;
      return otherNet;
    }
    live.sharedNet = false;
    const eps = this.endpointsOf(rec);
    // Resolve every network first: a removed one fails the start before anything is allocated.
    const nets = eps.map((e) => this.nets.get(e.network) ?? this.mustNetwork(e.name));
    const addrs: string[] = [];
    eps.forEach((e, i) => {
      const n = nets[i]!;
      const used = this.usedAddresses(n, rec);
      const ip = e.staticIp ?? (e.ip && !used.has(e.ip) && nw.inSubnet(n, e.ip) ? e.ip : nw.nextAddress(n, used));
      if (e.staticIp && used.has(e.staticIp)) throw new DaemonError(`failed to set up container networking: Address already in use`, 403);
      if (!ip && n.driver !== 'null') throw new DaemonError(`failed to set up container networking: no available IPv4 addresses on this network's address pools: ${n.name} (${n.id})`, 403);
      const none = n.driver === 'null';
      eps[i] = { ...e, network: n.id, name: n.name, ip: none ? '' : (ip ?? ''), endpointId: this.deps.ids.hex('endpoint-id', 64), mac: none ? '' : nw.randomMac(this.deps.ids), ...(none ? {} : { gateway: n.gateway ?? '', prefixLen: nw.prefixLen(n) }) };
      if (!none && ip) addrs.push(ip);
    });
    rec.ip = addrs[0] ?? '';
    const net = this.deps.net.createNamespace(rec.id, addrs);
    net.segments = new Set(eps.filter((e) => this.nets.get(e.network)?.driver !== 'null').map((e) => e.network));
    net.resolver = (name) => this.resolveFrom(rec, name);
    net.gateway = (ip) => this.endpointsOf(rec).find((e) => e.ip === ip)?.gateway || undefined;
    live.net = net;
    this.writeNetworkFiles(rec, live.fs);
    return net;
  }

  /** Releases a container's addresses (cleanOperationalData) and its namespace. */
  private detachNetworks(rec: ContainerRecord, live: Live): void {
    if (live.net && !live.sharedNet) this.deps.net.removeNamespace(live.net);
    live.net = undefined;
    live.sharedNet = false;
    for (const e of rec.endpoints ?? []) Object.assign(e, { ip: '', endpointId: '', mac: '', gateway: undefined, prefixLen: undefined });
    rec.ip = '';
  }

  /**
   * The embedded DNS server (127.0.0.11) of a container: the DNS names of running containers on
   * the user-defined networks it shares with them. The default bridge has none.
   */
  resolveFrom(rec: ContainerRecord, name: string): string[] | undefined {
    const mine = this.endpointsOf(rec).filter((e) => this.isUserNetwork(e.network));
    if (mine.length === 0) return undefined;
    const found: string[] = [];
    for (const m of mine) {
      for (const c of this.containers.values()) {
        if (!c.state.Running && c !== rec) continue;
        const e = this.endpointsOf(c).find((x) => x.network === m.network);
        if (e?.ip && e.dnsNames?.some((d) => d.toLowerCase() === name) && !found.includes(e.ip)) found.push(e.ip);
      }
    }
    return found.length ? found : undefined;
  }

  /** /etc/hosts and /etc/resolv.conf as the container's networks make them. */
  private writeNetworkFiles(rec: ContainerRecord, fs: MemFs): void {
    const mode = rec.networkMode ?? 'bridge';
    const host = (p: string) => {
      try {
        return this.deps.hostFs.readText(p);
      } catch {
        return '';
      }
    };
    let hosts: string;
    let resolv: string;
    if (mode === 'host') {
      hosts = host('/etc/hosts');
      resolv = nw.resolvConf(host('/etc/resolv.conf'), 'copy');
    } else if (mode.startsWith('container:')) {
      const other = this.container(mode.slice('container:'.length));
      const ofs = other ? this.live.get(other.id)?.fs : undefined;
      const read = (p: string) => {
        try {
          return ofs?.readText(p) ?? '';
        } catch {
          return '';
        }
      };
      hosts = read('/etc/hosts');
      resolv = read('/etc/resolv.conf');
    } else {
      hosts = nw.hostsFile(rec.ip, rec.config.Hostname);
      const eps = this.endpointsOf(rec);
      resolv = nw.resolvConf(host('/etc/resolv.conf'), mode === 'none' || eps.length === 0 ? 'copy' : eps.some((e) => this.isUserNetwork(e.network)) ? 'internal' : 'legacy');
    }
    try {
      if (!fs.exists('/etc')) fs.mkdir('/etc', { recursive: true });
      fs.writeFile('/etc/hosts', hosts);
      fs.writeFile('/etc/resolv.conf', resolv);
    } catch {
      // scratch images have no /etc: the daemon's bind mounts are not simulated there
    }
  }

  /** `POST /networks/{id}/connect`. */
  connectNetwork(netNameOrId: string, ctrNameOrId: string, opts: { aliases?: readonly string[]; ip?: string } = {}): void {
    const c = this.mustContainer(ctrNameOrId);
    const n = this.mustNetwork(netNameOrId);
    const mode = c.networkMode ?? 'bridge';
    if (n.driver === 'host' && mode !== 'host') throw new DaemonError('cannot connect container to host network - container must be created in host network mode', 400);
    const eps = this.endpointsOf(c);
    const existing = eps.find((e) => e.network === n.id);
    if (existing) {
      if (c.state.Running) throw new DaemonError(`endpoint with name ${c.name} already exists in network ${n.name}`, 403);
      return;
    }
    if (mode === 'host' || mode.startsWith('container:') || n.driver === 'host') throw new DaemonError('container sharing network namespace with another container or host cannot be connected to any other network', 400);
    if (mode === 'none' || n.driver === 'null') throw new DaemonError('container cannot be connected to multiple networks with one of the networks in private (none) mode', 400);
    this.checkEndpoint(n, opts.aliases ?? [], opts.ip);
    const e: nw.EndpointRecord = {
      network: n.id,
      name: n.name,
      aliases: [...(opts.aliases ?? [])],
      ...(opts.ip ? { staticIp: opts.ip } : {}),
      dnsNames: nw.isUserDefined(n) ? nw.endpointDnsNames(c.name, opts.aliases ?? [], c.id, c.config.Hostname) : null,
      ip: '',
      endpointId: '',
      mac: '',
    };
    const live = this.live.get(c.id);
    if (c.state.Running && live?.net && !live.sharedNet) {
      const used = this.usedAddresses(n, c);
      if (e.staticIp && used.has(e.staticIp)) throw new DaemonError('Address already in use', 403);
      const ip = e.staticIp ?? nw.nextAddress(n, used);
      if (!ip) throw new DaemonError(`no available IPv4 addresses on this network's address pools: ${n.name} (${n.id})`, 403);
      Object.assign(e, { ip, endpointId: this.deps.ids.hex('endpoint-id', 64), mac: nw.randomMac(this.deps.ids), gateway: n.gateway ?? '', prefixLen: nw.prefixLen(n) });
      live.net.addresses.push(ip);
      live.net.segments?.add(n.id);
      if (!c.ip) c.ip = ip;
      this.writeNetworkFiles(c, live.fs);
    }
    eps.push(e);
    this.changed.fire();
  }

  /** `POST /networks/{id}/disconnect`. */
  disconnectNetwork(netNameOrId: string, ctrNameOrId: string, force = false): void {
    const c = this.mustContainer(ctrNameOrId);
    const n = this.network(netNameOrId);
    if (!n && !(force && !c.state.Running)) throw new DaemonError(`network ${netNameOrId} not found`, 404);
    const mode = c.networkMode ?? 'bridge';
    if (n?.driver === 'host' && mode === 'host' && c.state.Running) throw new DaemonError('cannot disconnect container from host network - container was created in host network mode', 400);
    const eps = this.endpointsOf(c);
    const i = eps.findIndex((e) => (n ? e.network === n.id : e.name === netNameOrId));
    if (i < 0) {
      throw new DaemonError(c.state.Running ? `container ${c.id} is not connected to network ${n?.name ?? netNameOrId}` : `container ${c.id} is not connected to the network ${n?.name ?? netNameOrId}`, 403);
    }
    const [e] = eps.splice(i, 1);
    const live = this.live.get(c.id);
    if (e && e.ip && live?.net && !live.sharedNet) {
      const k = live.net.addresses.indexOf(e.ip);
      if (k >= 0) live.net.addresses.splice(k, 1);
      live.net.segments?.delete(e.network);
      c.ip = eps.find((x) => x.ip)?.ip ?? '';
      this.writeNetworkFiles(c, live.fs);
    }
    this.changed.fire();
  }

  // ----- snapshots ---------------------------------------------------------------------------

  /**
   * What running programs keep in memory, saved for a snapshot only: each running container whose
   * processes registered snapshot hooks (Process.onSnapshot) gets a fork of its root with forks of
   * its volumes mounted, the hooks write there (redis: dump.rdb, as a shutdown would), and the
   * snapshot takes the forks. The live containers and volumes are not touched. Bind mounts get a
   * fork of the host that is thrown away (the host is snapshotted apart from the daemon).
   */
  private programState(): { uppers: Map<string, MemFsState>; volumes: Map<string, MemFs> } {
    const uppers = new Map<string, MemFsState>();
    const volumes = new Map<string, MemFs>();
    for (const rec of this.containers.values()) {
      const live = this.live.get(rec.id);
      if (!live?.proc || !rec.state.Running) continue;
      const hooks = this.processes(rec.id).flatMap((p) => [...p.snapshotHooks]);
      if (hooks.length === 0) continue;
      const fs = live.fs.fork();
      let host: MemFs | undefined;
      for (const m of rec.mounts) {
        try {
          if (m.type === 'volume') {
            const v = this.volumes.get(m.source);
            if (!v) continue;
            let vf = volumes.get(m.source);
            if (!vf) volumes.set(m.source, (vf = v.fs.fork()));
            fs.mount(m.target, vf, { readOnly: m.readOnly });
          } else if (this.deps.hostFs instanceof MemFs) {
            host ??= this.deps.hostFs.fork();
            fs.mount(m.target, host, { subpath: m.source, readOnly: m.readOnly });
          }
        } catch {
          // as mountAll: a target that cannot be mounted stays as it is
        }
      }
      for (const hook of hooks) {
        try {
          hook(fs);
        } catch {
          // a program that cannot save loses its memory, as after a crash
        }
      }
      uppers.set(rec.id, fs.snapshot());
    }
    return { uppers, volumes };
  }

  snapshot(): DaemonState {
    const saved = this.programState();
    const catalogLayers = new Set<string>();
    for (const i of this.images.values()) {
      const cat = i.catalogRef ? findCatalogImage(i.catalogRef) : undefined;
      if (cat) for (const l of imageLayers(cat)) catalogLayers.add(l.id);
    }
    return {
      format: 1,
      images: [...this.images.values()].map((i) => ({ ...i, repoTags: [...i.repoTags], repoDigests: [...i.repoDigests] })),
      layers: [...this.layers.values()].filter((l) => !catalogLayers.has(l.id)),
      containers: [...this.containers.values()].map((c) => ({
        ...c,
        logs: [...c.logs],
        upper: saved.uppers.get(c.id) ?? this.live.get(c.id)?.fs.snapshot() ?? c.upper,
        ...(c.endpoints ? { endpoints: c.endpoints.map((e) => ({ ...e })) } : {}),
      })),
      networks: [...this.nets.values()].map((n) => ({ ...n })),
      volumes: [...this.volumes.values()].map((v) => ({ name: v.name, created: v.created, fs: (saved.volumes.get(v.name) ?? v.fs).snapshot(), ...(v.labels ? { labels: { ...v.labels } } : {}) })),
      nextIp: this.nextIp,
      buildCache: Object.fromEntries(this.buildCache),
    };
  }

  private restore(state: DaemonState): void {
    for (const l of state.layers) this.layers.set(l.id, l);
    for (const i of state.images) {
      const cat = i.catalogRef ? findCatalogImage(i.catalogRef) : undefined;
      if (cat) for (const l of imageLayers(cat)) this.layers.set(l.id, l);
      this.images.set(i.id, { ...i, repoTags: [...i.repoTags], repoDigests: [...i.repoDigests] });
    }
    for (const v of state.volumes) this.volumes.set(v.name, { name: v.name, created: v.created, fs: MemFs.restore(v.fs, { clock: this.deps.clock }), ...(v.labels ? { labels: { ...v.labels } } : {}) });
    this.nextIp = state.nextIp;
    for (const [k, v] of Object.entries(state.buildCache ?? {})) this.buildCache.set(k, v);
    const wasRunning: string[] = [];
    for (const c of state.containers) {
      const rec: ContainerRecord = { ...c, logs: [...c.logs], state: { ...c.state }, ...(c.endpoints ? { endpoints: c.endpoints.map((e) => ({ ...e })) } : {}) };
      this.containers.set(rec.id, rec);
      this.endpointsOf(rec);
      if (rec.state.Running) {
        // Its processes did not survive; a detached one starts again, one a terminal had is gone.
        rec.state = { ...rec.state, Status: 'exited', Running: false, Paused: false, Pid: 0, ExitCode: rec.config.Tty && rec.config.OpenStdin ? 129 : 0, FinishedAt: rec.state.StartedAt };
        // A restarted one asks for its addresses back (attachNetworks prefers them); others drop them.
        if (!(rec.config.Tty && rec.config.OpenStdin)) wasRunning.push(rec.id);
        else for (const e of rec.endpoints ?? []) Object.assign(e, { ip: '', endpointId: '', mac: '' });
      }
    }
    for (const id of wasRunning) {
      try {
        this.startContainer(id);
      } catch {
        // stays exited
      }
    }
  }
}

/** `ubuntu` → `ubuntu:latest`: a name without tag or digest gets `latest`. */
export function withDefaultTag(ref: ImageReference): ImageReference {
  return ref.tag || ref.digest ? ref : { ...ref, tag: 'latest' };
}

const CONFLICT_CHILD = 1;
const CONFLICT_RUNNING = 2;
const CONFLICT_REFERENCE = 4;
const CONFLICT_STOPPED = 8;
const CONFLICT_HARD = CONFLICT_CHILD | CONFLICT_RUNNING;
const CONFLICT_SOFT = CONFLICT_REFERENCE | CONFLICT_STOPPED;

/** moby's isImageIDPrefix: `sha256:abc`, `abc` name the image `sha256:abc...`. */
function isImageIdPrefix(id: string, given: string): boolean {
  return id.startsWith(given) || id.slice(id.indexOf(':') + 1).startsWith(given);
}

/** The repository of a familiar reference (`ubuntu:24.04`, `me/app@sha256:...` → `ubuntu`, `me/app`). */
function refName(familiar: string): string {
  const at = familiar.indexOf('@');
  if (at >= 0) return familiar.slice(0, at);
  const colon = familiar.lastIndexOf(':');
  return colon > familiar.lastIndexOf('/') ? familiar.slice(0, colon) : familiar;
}

/** An image's references as the reference store lists them: sorted by their full string. */
export function imageRefs(img: ImageRecord): { familiar: string; digest: boolean }[] {
  const full = (f: string) => {
    const p = parseNormalizedNamed(f);
    return p.ok ? referenceString(p.value) : f;
  };
  return [...img.repoTags.map((t) => ({ familiar: t, digest: false })), ...img.repoDigests.map((d) => ({ familiar: d, digest: true }))]
    .map((r) => ({ ...r, key: full(r.familiar) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ familiar, digest }) => ({ familiar, digest }));
}

/** moby's isSingleReference: at most one tag, and every reference in that one repository. */
function isSingleReference(refs: readonly { familiar: string; digest: boolean }[]): boolean {
  if (refs.length <= 1) return refs.length === 1;
  const canonical = new Set<string>();
  let single: string | undefined;
  for (const r of refs) {
    if (r.digest) canonical.add(refName(r.familiar));
    else if (single === undefined) single = r.familiar;
    else return false;
  }
  return canonical.size === 1 && canonical.has(refName(single ?? refs[0]!.familiar));
}

function removeRef(img: ImageRecord, familiar: string): void {
  img.repoTags = img.repoTags.filter((t) => t !== familiar);
  img.repoDigests = img.repoDigests.filter((d) => d !== familiar);
}

/** The layer store's chain ids of a stack of layers (the first is its own; then digest of parent + " " + layer). */
export function chainIds(layers: readonly string[]): string[] {
  const out: string[] = [];
  for (const l of layers) out.push(out.length === 0 ? l : pseudoDigest(`${out[out.length - 1]!} ${l}`));
  return out;
}

function layerShortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

function splitEnv(e: string): [string, string] {
  const i = e.indexOf('=');
  return i < 0 ? [e, ''] : [e.slice(0, i), e.slice(i + 1)];
}

/** Image env, then the run's `-e`s (a later value for a name replaces the earlier one in place). */
export function mergeEnv(base: readonly string[], extra: readonly string[]): string[] {
  const out = [...base];
  for (const e of extra) {
    const [k] = splitEnv(e);
    const i = out.findIndex((x) => splitEnv(x)[0] === k);
    if (i >= 0) out[i] = e;
    else out.push(e);
  }
  return out;
}

/**
 * moby's populateVolume + copyExistingContents: when the image has a directory at `target` and
 * the volume is empty, the directory's content (modes, owners, links) is copied into the volume.
 */
function populateVolume(ctr: FileSystem, target: string, volume: FileSystem): void {
  const st = ctr.statIfExists?.(target) ?? (ctr.exists(target) ? ctr.stat(target) : undefined);
  if (st?.type !== 'dir' || volume.readdir('/').length > 0) return;
  // continuity's copyDirectory: a directory gets its mode, owner and times before its entries are
  // made (so a non-empty one ends with the copy's time); a file keeps its own.
  const info = (dst: string, s: { mode: number; uid: number; gid: number; mtime: number }) => {
    volume.chmod(dst, s.mode & 0o7777);
    volume.chown(dst, s.uid, s.gid);
    volume.utimes(dst, s.mtime);
  };
  const copy = (from: string, to: string) => {
    for (const e of ctr.readdir(from)) {
      const src = `${from === '/' ? '' : from}/${e.name}`;
      const dst = `${to === '/' ? '' : to}/${e.name}`;
      const s = ctr.lstat(src);
      if (s.type === 'dir') {
        volume.mkdir(dst);
        info(dst, s);
        copy(src, dst);
      } else if (s.type === 'symlink') {
        volume.symlink(ctr.readlink(src), dst);
      } else if (s.type === 'file') {
        volume.writeFile(dst, ctr.readFile(src));
        info(dst, s);
      }
    }
  };
  info('/', st);
  copy(target, '/');
}

/** A stream as a process sees it through a pipe: the same bytes, not a terminal. */
function notTty(r: ReadStream): ReadStream {
  return r.isTTY ? { isTTY: false, read: (cancel) => r.read(cancel), close: () => r.close() } : r;
}

function notTtyWriter(w: WriteStream): WriteStream {
  return w.isTTY ? { isTTY: false, write: (d, cancel) => w.write(d, cancel), close: () => w.close() } : w;
}

/** The stdin of `exec -t` without `-i`: the terminal, which nobody writes to (read: end of file). */
const ttyWithoutInput: ReadStream = { isTTY: true, read: () => Promise.resolve(null), close: () => {} };
