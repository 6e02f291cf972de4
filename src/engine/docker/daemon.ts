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
import type { FileSystem } from '../fs/types';
import { resolveCommand } from '../runtime/exec';
import { PidNamespace, ROOT, type Kernel, type Process } from '../runtime/kernel';
import type { Pty } from '../runtime/pty';
import { nullReader, Pipe, toBytes, type ReadStream, type WriteStream } from '../runtime/streams';
import { Network, type NetNamespace } from '../net/net';

export { Network };
import { catalog, findCatalogImage, imageLayers, pseudoDigest, type CatalogImage, type HistoryRow, type ImageConfig } from './images';
import { inspectContainer as inspectContainerJson, inspectImage as inspectImageJson } from './inspect';
import { uniqueName } from './names';
import { familiarString, parseNormalizedNamed, referenceString, type ImageReference } from './reference';

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
  };
  readonly autoRemove: boolean;
  readonly restart: string;
  readonly ports: readonly PortBinding[];
  readonly mounts: readonly MountSpec[];
  readonly ip: string;
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
}

/** The JSON of a daemon, for snapshots. */
export interface DaemonState {
  readonly format: 1;
  readonly images: readonly ImageRecord[];
  /** Layers made here (builds, commits); catalog layers are rebuilt from the catalog. */
  readonly layers: readonly LayerData[];
  readonly containers: readonly ContainerRecord[];
  readonly volumes: readonly { name: string; created: number; fs: MemFsState }[];
  readonly nextIp: number;
  /** The builder's cache (src/engine/docker/builder): step key -> result. */
  readonly buildCache?: Readonly<Record<string, BuildCacheEntry>>;
}

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
  /** Streams attached to the main process's output (docker attach, a foreground run). */
  sinks: Set<{ stdout: WriteStream; stderr: WriteStream }>;
  stdin?: Pipe;
  exited: Emitter<number>;
  stopping?: boolean;
}

const SHORT = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

export class DockerDaemon {
  private readonly images = new Map<string, ImageRecord>();
  private readonly layers = new Map<string, LayerData>();
  private readonly containers = new Map<string, ContainerRecord>();
  private readonly live = new Map<string, Live>();
  private readonly volumes = new Map<string, { name: string; created: number; fs: MemFs }>();
  private nextIp = 2;
  /** The builder's cache, in snapshots (see builder/). */
  readonly buildCache = new Map<string, BuildCacheEntry>();
  private readonly changed = new Emitter<void>();
  /** Fires when an image, container or volume changed (lesson checks re-run). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: DaemonDeps, state?: DaemonState) {
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
    const id = this.deps.ids.hex('container-id', 64);
    const name = spec.name ?? uniqueName(this.deps.ids, (n) => [...this.containers.values()].some((c) => c.name === n), id.slice(0, 12));
    const entrypoint = spec.entrypoint !== undefined ? (spec.entrypoint === '' ? null : [spec.entrypoint]) : img.config.Entrypoint;
    const cmd = spec.cmd && spec.cmd.length > 0 ? spec.cmd : spec.entrypoint !== undefined ? null : img.config.Cmd;
    const argv = [...(entrypoint ?? []), ...(cmd ?? [])];
    if (argv.length === 0) throw new DaemonError('no command specified', 400);
    const env = mergeEnv(img.config.Env, spec.env ?? []);
    const hostname = spec.hostname ?? id.slice(0, 12);
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
        StopSignal: img.config.StopSignal,
      },
      autoRemove: spec.autoRemove ?? false,
      restart: spec.restart ?? 'no',
      ports: spec.ports ?? [],
      mounts: spec.mounts ?? [],
      ip: `172.17.0.${this.nextIp++}`,
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
    w('/etc/hosts', `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff00::1\tip6-allnodes\nff00::2\tip6-allrouters\n${rec.ip}\t${rec.config.Hostname}\n`);
    if (rec.config.WorkingDir && !fs.exists(rec.config.WorkingDir)) fs.mkdir(rec.config.WorkingDir, { recursive: true });
    for (const m of rec.mounts) {
      const source = m.type === 'bind' ? (this.deps.hostFs as MemFs) : this.volume(m.source, true).fs;
      try {
        if (m.type === 'bind' && !this.deps.hostFs.exists(m.source)) this.deps.hostFs.mkdir(m.source, { recursive: true });
        fs.mount(m.target, source, { subpath: m.type === 'bind' ? m.source : '/', readOnly: m.readOnly });
      } catch {
        // a target that cannot be mounted stays as the image has it
      }
    }
  }

  /** A named volume, created on first use (`docker run -v name:/path`). */
  volume(name: string, create = false): { name: string; created: number; fs: MemFs } {
    let v = this.volumes.get(name);
    if (!v && create) {
      v = { name, created: this.deps.clock.now(), fs: new MemFs(this.deps.clock) };
      this.volumes.set(name, v);
      this.changed.fire();
    }
    if (!v) throw new DaemonError(`get ${name}: no such volume`, 404);
    return v;
  }

  listVolumes(): Array<{ name: string; created: number }> {
    return [...this.volumes.values()].map((v) => ({ name: v.name, created: v.created }));
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
    if (rec.state.Running) return rec;
    const live = this.liveOf(rec);
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
    const net = this.deps.net.createNamespace(rec.id, [rec.ip]);
    live.net = net;
    for (const p of rec.ports) {
      try {
        live.forwards.push(this.deps.net.forward({ hostPort: p.hostPort, hostAddress: p.hostIp || '0.0.0.0', target: net, targetPort: p.containerPort }));
      } catch {
        this.deps.net.removeNamespace(net);
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
        if (text) rec.logs.push({ time: now(), stream, text });
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
    const proc = kernel.spawn({
      argv,
      program: program.program,
      env,
      cwd,
      fs,
      stdio: io?.tty && rec.config.Tty ? { stdin, stdout: tee(io.tty.slave, logWriter('stdout')), stderr: tee(io.tty.slave, logWriter('stdout')) } : { stdin, stdout: logWriter('stdout'), stderr: logWriter('stderr') },
      tty: io?.tty && rec.config.Tty ? io.tty : undefined,
      user: userOf(rec.config.User, fs),
      ns: { hostname: rec.config.Hostname, net, pid: pidns, container: rec.id },
    });
    if (io?.tty && rec.config.Tty) {
      // The tty's output goes to the attached terminal directly; the tee above is for the log.
      live.sinks.delete(sink!);
      io.tty.foregroundPgid = proc.pgid;
    }
    live.proc = proc;
    live.stopping = false;
    rec.state = { ...rec.state, Status: 'running', Running: true, Paused: false, Restarting: false, Pid: proc.pid, ExitCode: 0, Error: '', StartedAt: now(), FinishedAt: 0 };
    this.changed.fire();
    void proc.exited.then((info) => this.exited(rec, info.status));
    return rec;
  }

  private exited(rec: ContainerRecord, status: number): void {
    const live = this.live.get(rec.id);
    if (!live) return;
    live.proc = undefined;
    live.sinks.clear();
    live.stdin = undefined;
    for (const f of live.forwards.splice(0)) f.dispose();
    if (live.net) this.deps.net.removeNamespace(live.net);
    live.net = undefined;
    rec.state = { ...rec.state, Status: 'exited', Running: false, Pid: 0, ExitCode: status, FinishedAt: this.deps.clock.now() };
    live.exited.fire(status);
    if (rec.autoRemove) {
      this.containers.delete(rec.id);
      this.live.delete(rec.id);
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
  async stop(nameOrId: string, timeoutSec = 10, wait: (ms: number) => Promise<void>): Promise<void> {
    const rec = this.mustContainer(nameOrId);
    const live = this.live.get(rec.id);
    if (!live?.proc) return;
    live.stopping = true;
    const proc = live.proc;
    const done = this.wait(rec.id);
    this.deps.kernel.kill(proc.pid, (rec.config.StopSignal as 'SIGTERM' | null) ?? 'SIGTERM');
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
    this.deps.kernel.kill(live.proc.pid, (signal.startsWith('SIG') ? signal : `SIG${signal}`) as 'SIGKILL');
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
    }
    for (const f of live?.forwards.splice(0) ?? []) f.dispose();
    if (live?.net) this.deps.net.removeNamespace(live.net);
    this.containers.delete(rec.id);
    this.live.delete(rec.id);
    if (volumes) {
      // anonymous volumes only: named ones stay, as with docker
    }
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
    if (rec.state.Paused) throw new DaemonError(`container ${rec.id} is paused, unpause the container before exec`, 409);
    const env = new Map(mergeEnv(rec.config.Env, opts.env ?? []).map((e) => splitEnv(e)));
    if (!env.has('HOSTNAME')) env.set('HOSTNAME', rec.config.Hostname);
    if (!env.has('HOME')) env.set('HOME', '/root');
    if (opts.tty && !env.has('TERM')) env.set('TERM', 'xterm');
    const cwd = opts.workdir ?? (rec.config.WorkingDir || '/');
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
      stdio: tty ? { stdin: opts.io.stdin ?? nullReader, stdout: tty.slave, stderr: tty.slave } : { stdin: opts.io.stdin ?? nullReader, stdout: opts.io.stdout, stderr: opts.io.stderr },
      tty,
      user: userOf(opts.user ?? rec.config.User, live.fs),
      ns: live.proc.ns,
    });
    if (tty) tty.foregroundPgid = proc.pgid;
    return proc;
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
    }
    return live;
  }

  // ----- snapshots ---------------------------------------------------------------------------

  snapshot(): DaemonState {
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
        upper: this.live.get(c.id)?.fs.snapshot() ?? c.upper,
      })),
      volumes: [...this.volumes.values()].map((v) => ({ name: v.name, created: v.created, fs: v.fs.snapshot() })),
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
    for (const v of state.volumes) this.volumes.set(v.name, { name: v.name, created: v.created, fs: MemFs.restore(v.fs, { clock: this.deps.clock }) });
    this.nextIp = state.nextIp;
    for (const [k, v] of Object.entries(state.buildCache ?? {})) this.buildCache.set(k, v);
    const wasRunning: string[] = [];
    for (const c of state.containers) {
      const rec: ContainerRecord = { ...c, logs: [...c.logs], state: { ...c.state } };
      this.containers.set(rec.id, rec);
      if (rec.state.Running) {
        // Its processes did not survive; a detached one starts again, one a terminal had is gone.
        rec.state = { ...rec.state, Status: 'exited', Running: false, Pid: 0, ExitCode: rec.config.Tty && rec.config.OpenStdin ? 129 : 0, FinishedAt: rec.state.StartedAt };
        if (!(rec.config.Tty && rec.config.OpenStdin)) wasRunning.push(rec.id);
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

/** `root`, `1000`, `1000:1000`, `node` (looked up in the container's /etc/passwd). */
function userOf(user: string, fs: FileSystem): { uid: number; gid: number; groups: number[] } {
  if (!user || user === 'root') return { ...ROOT, groups: [...ROOT.groups] };
  const [u, g] = user.split(':');
  let uid = Number(u);
  let gid = g !== undefined ? Number(g) : NaN;
  if (Number.isNaN(uid)) {
    try {
      const line = fs
        .readText('/etc/passwd')
        .split('\n')
        .find((l) => l.split(':')[0] === u);
      if (line) {
        const parts = line.split(':');
        uid = Number(parts[2]);
        if (Number.isNaN(gid)) gid = Number(parts[3]);
      }
    } catch {
      // no passwd file
    }
  }
  if (Number.isNaN(uid)) uid = 0;
  if (Number.isNaN(gid)) gid = uid;
  return { uid, gid, groups: [gid] };
}

/** A writer that writes to two. */
function tee(a: WriteStream, b: WriteStream): WriteStream {
  return {
    isTTY: a.isTTY,
    async write(data, cancel) {
      await Promise.all([a.write(data, cancel), b.write(data).catch(() => undefined)]);
    },
    close() {
      b.close();
    },
  };
}
