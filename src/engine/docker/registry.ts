/**
 * Image registries: repositories → tags → manifests, blobs shared by digest, laid out as
 * distribution's storage driver lays them out (`repositories/<name>/_manifests/tags/<tag>/current/link`,
 * `repositories/<name>/_layers/sha256/<hex>/link`, `blobs/sha256/<hh>/<hex>/data`).
 *
 * Two registries exist in a world:
 * - the simulated Docker Hub (`docker.io`): the read-only catalog (data/reference/images.json) plus
 *   what learners pushed, kept in memory and in the world's snapshot (`RegistryWorld`); it belongs
 *   to the world, not to one daemon, so every daemon of the world pulls from the same Hub;
 * - private registries: the `registry:2` image serves the HTTP API v2 (`registryHttpHandler`) from
 *   files under /var/lib/registry in its container, so its content lives in the container's
 *   writable layer (or a volume) like the real one's.
 *
 * Content addressing: the manifest is schema2 JSON as moby writes it (3-space indent), its digest a
 * stable stand-in hash of its bytes (the same content gives the same digest); the config blob's
 * digest is the image id; a layer blob's digest is the layer id (the simulation has no separate
 * compressed digests). The world also keeps the simulated credential helper's entries (server →
 * username, never a password): `docker login` stores the login as a credential helper does.
 */
import type { LayerData } from '../fs/memfs';
import type { FileSystem } from '../fs/types';
import type { HttpRequest, HttpResponse } from '../net/net';
import { catalog, pseudoDigest, type HistoryRow, type ImageConfig } from './images/catalog';
import { imageLayers } from './images/rootfs';

// ---------------------------------------------------------------------------------------------
// Storage

/** A storage driver: text files by path (relative to the registry's v2 root). */
export interface RegistryStorage {
  read(path: string): string | undefined;
  write(path: string, text: string): void;
  /** Names of the entries of a directory (sorted); [] when absent. */
  list(dir: string): string[];
}

/** In-memory storage (the Hub), serialisable as a path → text record. */
export class MemStorage implements RegistryStorage {
  private readonly files = new Map<string, string>();

  constructor(state?: Readonly<Record<string, string>>) {
    for (const [k, v] of Object.entries(state ?? {})) this.files.set(k, v);
  }

  read(path: string): string | undefined {
    return this.files.get(path);
  }

  write(path: string, text: string): void {
    this.files.set(path, text);
  }

  list(dir: string): string[] {
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    const out = new Set<string>();
    for (const k of this.files.keys()) if (k.startsWith(prefix)) out.add(k.slice(prefix.length).split('/')[0]!);
    return [...out].sort();
  }

  snapshot(): Record<string, string> {
    return Object.fromEntries([...this.files.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  }
}

/** Storage in a file system (the registry:2 container's /var/lib/registry). */
export class FsStorage implements RegistryStorage {
  constructor(
    private readonly fs: FileSystem,
    private readonly root = '/var/lib/registry/docker/registry/v2',
  ) {}

  read(path: string): string | undefined {
    try {
      return this.fs.readText(`${this.root}/${path}`);
    } catch {
      return undefined;
    }
  }

  write(path: string, text: string): void {
    const full = `${this.root}/${path}`;
    this.fs.mkdir(full.slice(0, full.lastIndexOf('/')), { recursive: true });
    this.fs.writeFile(full, text);
  }

  list(dir: string): string[] {
    try {
      return this.fs.readdir(`${this.root}/${dir}`).map((e) => e.name);
    } catch {
      return [];
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Content

export const MANIFEST_V2 = 'application/vnd.docker.distribution.manifest.v2+json';
const CONFIG_V1 = 'application/vnd.docker.container.image.v1+json';
const LAYER_GZIP = 'application/vnd.docker.image.rootfs.diff.tar.gzip';

export interface Descriptor {
  readonly mediaType: string;
  readonly size: number;
  readonly digest: string;
}

export interface Manifest {
  readonly schemaVersion: 2;
  readonly mediaType: string;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
}

/** What the config blob holds: the image's config and history, and what the daemon needs back. */
export interface ConfigBlob {
  readonly architecture: 'amd64';
  readonly config: ImageConfig;
  readonly created: string;
  readonly history: readonly HistoryRow[];
  readonly os: 'linux';
  readonly rootfs: { readonly type: 'layers'; readonly diff_ids: readonly string[] };
  /** Dockyard's own facts (the classic store's size, the catalog image the base layers come from). */
  readonly dockyard: { readonly size: number; readonly catalogRef?: string; readonly parent?: string };
}

/** What a layer blob holds: a catalog layer by reference, or the layer's files. */
export type LayerBlob = { readonly catalog: string; readonly id: string } | LayerData;

/** UTF-8 length. */
export function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** moby's canonical schema2 payload: json.MarshalIndent(m, "", "   "). */
export function manifestText(m: Manifest): string {
  return JSON.stringify(m, null, 3);
}

/** The (stand-in) sha256 of content: stable for the same bytes. */
export function contentDigest(text: string): string {
  return pseudoDigest(`content:${text}`);
}

/** Compressed sizes of an image's layers (lowest first), from its history rows (gzip ≈ 40 %). */
export function layerBlobSizes(layers: readonly string[], history: readonly HistoryRow[], size: number): number[] {
  const rows = history.filter((h) => !h.emptyLayer).reverse();
  const bytes = rows.length === layers.length ? rows.map((r) => r.size) : layers.map(() => size / Math.max(1, layers.length));
  return bytes.map((b) => Math.max(32, Math.round(b * 0.4)));
}

// ---------------------------------------------------------------------------------------------
// A registry

/** The registry API's errors (distribution's errcode values). */
export class RegistryError extends Error {
  constructor(
    readonly code: 'MANIFEST_UNKNOWN' | 'NAME_UNKNOWN' | 'BLOB_UNKNOWN' | 'DENIED' | 'UNAUTHORIZED',
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

const hex = (digest: string) => digest.replace(/^sha256:/, '');

/** One registry's content over a storage driver. */
export class Registry {
  constructor(readonly storage: RegistryStorage) {}

  /** Repository names (`hello-docker`, `learner/app`), sorted, as `/v2/_catalog` lists them. */
  repositories(): string[] {
    return this.walk('_manifests');
  }

  /** Repository folders holding a `marker` folder (`_manifests`, `_layers`). */
  private walk(marker: string): string[] {
    const out: string[] = [];
    const walk = (dir: string, prefix: string) => {
      for (const name of this.storage.list(dir)) {
        if (name === marker) out.push(prefix.slice(0, -1));
        else if (!name.startsWith('_')) walk(`${dir}/${name}`, `${prefix}${name}/`);
      }
    };
    walk('repositories', '');
    return out.sort();
  }

  hasRepository(repo: string): boolean {
    return this.storage.list(`repositories/${repo}/_manifests`).length > 0;
  }

  tags(repo: string): string[] {
    return this.storage.list(`repositories/${repo}/_manifests/tags`);
  }

  /** The manifest a tag or digest names in a repository. */
  manifest(repo: string, ref: string): { digest: string; text: string; manifest: Manifest } | undefined {
    const digest = ref.startsWith('sha256:') ? (this.storage.read(`repositories/${repo}/_manifests/revisions/sha256/${hex(ref)}/link`) ?? undefined) : this.storage.read(`repositories/${repo}/_manifests/tags/${ref}/current/link`);
    if (!digest) return undefined;
    const text = this.blob(digest);
    if (text === undefined) return undefined;
    return { digest, text, manifest: JSON.parse(text) as Manifest };
  }

  putManifest(repo: string, tag: string | undefined, text: string): string {
    const digest = contentDigest(text);
    this.storage.write(this.blobPath(digest), text);
    this.storage.write(`repositories/${repo}/_manifests/revisions/sha256/${hex(digest)}/link`, digest);
    if (tag) {
      this.storage.write(`repositories/${repo}/_manifests/tags/${tag}/current/link`, digest);
      this.storage.write(`repositories/${repo}/_manifests/tags/${tag}/index/sha256/${hex(digest)}/link`, digest);
    }
    return digest;
  }

  /** A blob's content, whoever links it. */
  blob(digest: string): string | undefined {
    return this.storage.read(this.blobPath(digest));
  }

  /** Whether a repository links the blob (HEAD /v2/<name>/blobs/<digest>). */
  hasBlob(repo: string, digest: string): boolean {
    return this.storage.read(`repositories/${repo}/_layers/sha256/${hex(digest)}/link`) !== undefined && this.blob(digest) !== undefined;
  }

  /** Stores a blob and links it into a repository. */
  putBlob(repo: string, digest: string, text: string): void {
    this.storage.write(this.blobPath(digest), text);
    this.link(repo, digest);
  }

  /** Cross-repository mount: links a blob another repository has. */
  mount(repo: string, digest: string, from: string): boolean {
    if (!this.hasBlob(from, digest)) return false;
    this.link(repo, digest);
    return true;
  }

  /** The repositories that link a blob (mount sources). */
  linkedFrom(digest: string): string[] {
    return this.walk('_layers').filter((r) => this.hasBlob(r, digest));
  }

  private link(repo: string, digest: string): void {
    this.storage.write(`repositories/${repo}/_layers/sha256/${hex(digest)}/link`, digest);
  }

  private blobPath(digest: string): string {
    const h = hex(digest);
    return `blobs/sha256/${h.slice(0, 2)}/${h}/data`;
  }
}

// ---------------------------------------------------------------------------------------------
// The world's registries: the Hub and the credential helper

/** The snapshot of a world's registries. */
export interface RegistryWorldState {
  readonly format: 1;
  /** The Hub's storage: what learners pushed. */
  readonly hub: Readonly<Record<string, string>>;
  /** The simulated credential helper: `<config dir>\n<server>` → username (no secret is kept). */
  readonly credentials: Readonly<Record<string, string>>;
  /** When each Hub repository was made (ms), for `docker search` ordering. */
  readonly created?: Readonly<Record<string, number>>;
}

export class RegistryWorld {
  private readonly hubStorage: MemStorage;
  /** The Hub's pushed content (the catalog is served beside it, see `hubHas`). */
  readonly hub: Registry;
  private readonly credentials = new Map<string, string>();

  constructor(state?: RegistryWorldState) {
    this.hubStorage = new MemStorage(state?.hub);
    this.hub = new Registry(this.hubStorage);
    for (const [k, v] of Object.entries(state?.credentials ?? {})) this.credentials.set(k, v);
  }

  /** The credential helper's `store`: only the username is kept. */
  storeCredential(configDir: string, server: string, username: string): void {
    this.credentials.set(`${configDir}\n${server}`, username);
  }

  /** The credential helper's `get`: the username, or undefined ("credentials not found in native keychain"). */
  credential(configDir: string, server: string): string | undefined {
    return this.credentials.get(`${configDir}\n${server}`);
  }

  eraseCredential(configDir: string, server: string): void {
    this.credentials.delete(`${configDir}\n${server}`);
  }

  /** Whether the Hub has this repository (`library/ubuntu`, `learner/app`): the catalog's or a pushed one. */
  hubHasRepository(path: string): boolean {
    return this.hub.hasRepository(path) || catalog().hasRepository(`docker.io/${path}`);
  }

  /** The catalog repository (`library/ubuntu`) whose images hold a layer, for cross-repository mounts. */
  catalogRepositoryOf(catalogRef: string | undefined, layer: string): string | undefined {
    if (!catalogRef) return undefined;
    const cat = catalog().find(catalogRef);
    if (!cat || !cat.repository.startsWith('docker.io/')) return undefined;
    return imageLayers(cat).some((l) => l.id === layer) ? cat.repository.slice('docker.io/'.length) : undefined;
  }

  snapshot(): RegistryWorldState {
    return { format: 1, hub: this.hubStorage.snapshot(), credentials: Object.fromEntries(this.credentials) };
  }
}

// ---------------------------------------------------------------------------------------------
// The HTTP API v2 (the registry:2 image's server)

const API_HEADERS: Array<[string, string]> = [['Docker-Distribution-Api-Version', 'registry/2.0']];

function errorBody(code: string, message: string, detail: unknown): string {
  return `${JSON.stringify({ errors: [{ code, message, detail }] })}\n`;
}

function jsonResponse(status: number, body: string, extra: Array<[string, string]> = [], type = 'application/json; charset=utf-8'): HttpResponse {
  return { status, headers: [['Content-Type', type], ...API_HEADERS, ...extra, ['Content-Length', String(byteLength(body))]], body };
}

const NAME = '((?:[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*)';

/**
 * Answers one request of the registry HTTP API v2 (distribution/registry/handlers), enough for
 * docker push and pull and for curl: `/v2/`, `/v2/_catalog`, tags list, manifests (GET, HEAD,
 * PUT), blobs (GET, HEAD) and monolithic uploads (`POST .../blobs/uploads/?digest=` or `?mount=`).
 */
export function registryHttpHandler(reg: Registry, req: HttpRequest): HttpResponse {
  const [path = '/', query = ''] = req.target.split('?');
  const params = new Map(query.split('&').filter(Boolean).map((kv) => { const i = kv.indexOf('='); return [decodeURIComponent(i < 0 ? kv : kv.slice(0, i)), decodeURIComponent(i < 0 ? '' : kv.slice(i + 1))] as const; }));
  const head = req.method === 'HEAD';
  const body = (r: HttpResponse): HttpResponse => (head ? { ...r, body: '' } : r);
  if (path === '/v2/' || path === '/v2') return jsonResponse(200, '{}');
  if (path === '/v2/_catalog') return jsonResponse(200, `${JSON.stringify({ repositories: reg.repositories() })}\n`);
  let m = new RegExp(`^/v2/${NAME}/tags/list$`).exec(path);
  if (m) {
    const name = m[1]!;
    if (!reg.hasRepository(name)) return jsonResponse(404, errorBody('NAME_UNKNOWN', 'repository name not known to registry', { name }));
    return jsonResponse(200, `${JSON.stringify({ name, tags: reg.tags(name) })}\n`);
  }
  m = new RegExp(`^/v2/${NAME}/manifests/([^/]+)$`).exec(path);
  if (m) {
    const [, name, ref] = m as unknown as [string, string, string];
    if (req.method === 'PUT') {
      const text = new TextDecoder().decode(req.body);
      const digest = reg.putManifest(name, ref.startsWith('sha256:') ? undefined : ref, text);
      return { status: 201, headers: [...API_HEADERS, ['Docker-Content-Digest', digest], ['Location', `/v2/${name}/manifests/${digest}`], ['Content-Length', '0']], body: '' };
    }
    const found = reg.manifest(name, ref);
    if (!found) return body(jsonResponse(404, errorBody('MANIFEST_UNKNOWN', 'manifest unknown', ref.startsWith('sha256:') ? { Digest: ref } : { Tag: ref })));
    return body(jsonResponse(200, found.text, [['Docker-Content-Digest', found.digest], ['Etag', `"${found.digest}"`]], MANIFEST_V2));
  }
  m = new RegExp(`^/v2/${NAME}/blobs/(sha256:[0-9a-f]{64})$`).exec(path);
  if (m) {
    const [, name, digest] = m as unknown as [string, string, string];
    const data = reg.hasBlob(name, digest) ? reg.blob(digest) : undefined;
    if (data === undefined) return body(jsonResponse(404, errorBody('BLOB_UNKNOWN', 'blob unknown to registry', digest)));
    return body({ status: 200, headers: [['Content-Type', 'application/octet-stream'], ...API_HEADERS, ['Docker-Content-Digest', digest], ['Content-Length', String(byteLength(data))]], body: data });
  }
  m = new RegExp(`^/v2/${NAME}/blobs/uploads/?$`).exec(path);
  if (m && req.method === 'POST') {
    const name = m[1]!;
    const mount = params.get('mount');
    const from = params.get('from');
    if (mount && from && reg.mount(name, mount, from)) {
      return { status: 201, headers: [...API_HEADERS, ['Docker-Content-Digest', mount], ['Location', `/v2/${name}/blobs/${mount}`], ['Content-Length', '0']], body: '' };
    }
    const digest = params.get('digest');
    if (digest) {
      reg.putBlob(name, digest, new TextDecoder().decode(req.body));
      return { status: 201, headers: [...API_HEADERS, ['Docker-Content-Digest', digest], ['Location', `/v2/${name}/blobs/${digest}`], ['Content-Length', '0']], body: '' };
    }
    return { status: 202, headers: [...API_HEADERS, ['Location', `/v2/${name}/blobs/uploads/`], ['Range', '0-0'], ['Content-Length', '0']], body: '' };
  }
  return jsonResponse(404, '404 page not found\n', [], 'text/plain; charset=utf-8');
}

/** The manifest and blobs of an image, ready to push. */
export function imageContent(img: { id: string; config: ImageConfig; created: string; history: readonly HistoryRow[]; layers: readonly string[]; size: number; catalogRef?: string; parent?: string }): { config: string; manifest: Manifest; text: string } {
  const blob: ConfigBlob = {
    architecture: 'amd64',
    config: img.config,
    created: img.created,
    history: img.history,
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: img.layers },
    dockyard: { size: img.size, ...(img.catalogRef ? { catalogRef: img.catalogRef } : {}), ...(img.parent ? { parent: img.parent } : {}) },
  };
  const config = JSON.stringify(blob);
  const sizes = layerBlobSizes(img.layers, img.history, img.size);
  const manifest: Manifest = {
    schemaVersion: 2,
    mediaType: MANIFEST_V2,
    config: { mediaType: CONFIG_V1, size: byteLength(config), digest: img.id },
    layers: img.layers.map((l, i) => ({ mediaType: LAYER_GZIP, size: sizes[i]!, digest: l })),
  };
  return { config, manifest, text: manifestText(manifest) };
}
