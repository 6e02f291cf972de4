/**
 * The daemon's side of push and of pulling what was pushed (moby distribution/push.go,
 * push_v2.go, xfer/upload.go, pull_v2.go), against the world's Hub or a private registry reached
 * over the simulated network (the registry:2 image listening on a published port).
 *
 * Errors before the daemon's progress stream starts are `DaemonError`s (the CLI prints
 * "Error response from daemon: ..."); errors inside the stream are `StreamError`s, which the CLI
 * prints as they are, as jsonmessage does.
 */
import type { LayerData } from '../fs/memfs';
import type { HttpRequest, HttpResponse, Network } from '../net/net';
import { versions } from '../core/versions';
import { catalog, imageLayers } from './images';
import type { DockerDaemon, ImageRecord, PullEvent } from './daemon';
import { familiarString, parseNormalizedNamed, type ImageReference } from './reference';
import { byteLength, imageContent, type ConfigBlob, type LayerBlob, type Manifest, type RegistryWorld } from './registry';

/** An error inside the daemon's JSON stream (printed without the daemon prefix). */
export class StreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StreamError';
  }
}

/** A pre-stream failure: the CLI prefixes "Error response from daemon: ". */
export interface DaemonErrorCtor {
  new (message: string, status: number): Error;
}

/** A push or pull event; `progress` rows are shown only on a terminal (jsonmessage skips them otherwise). */
export interface TransferEvent extends PullEvent {
  readonly progress?: { readonly current: number; readonly total: number };
}

/** What a registry answers, whichever way it is reached. */
interface Endpoint {
  /** `docker.io/learner/app` → `learner/app`; `localhost:5000/app` → `app`. */
  readonly hub: boolean;
  /** A public registry other than the Hub: the learner has no account there. */
  readonly denyPush?: boolean;
  ping(): Promise<void>;
  hasBlob(repo: string, digest: string): Promise<boolean>;
  /** Cross-repository mount: whether the blob was mounted. */
  mount(repo: string, digest: string, from: string): Promise<boolean>;
  upload(repo: string, digest: string, data: string): Promise<void>;
  putManifest(repo: string, tag: string, text: string): Promise<string>;
  manifest(repo: string, ref: string): Promise<{ digest: string; text: string } | undefined>;
  blob(repo: string, digest: string): Promise<string | undefined>;
}

const MAX_CONCURRENT_UPLOADS = 5;
const HUB_SERVER = 'https://index.docker.io/v1/';

const USER_AGENT = `docker/${versions.docker} go/go1.24.5 git-commit/e77ff99 kernel/${versions.kernel} os/linux arch/amd64 UpstreamClient(Docker-Client/${versions.docker} \\(linux\\))`;

/** Hosts docker treats as insecure by default (127.0.0.0/8): https is tried, then plain http. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1';
}

function isIp(host: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(host);
}

/** A registry reached over the world's network from the host (where dockerd runs). */
function httpEndpoint(net: Network, domain: string, resolvConfNameserver: string): Endpoint {
  const colon = domain.lastIndexOf(':');
  const host = colon > 0 ? domain.slice(0, colon) : domain;
  const port = colon > 0 ? Number(domain.slice(colon + 1)) : 443;
  const secure = !isLoopback(host);
  const scheme = secure ? 'https' : 'http';
  const request = async (method: string, target: string, body = ''): Promise<HttpResponse> => {
    const url = `${scheme}://${domain}${target}`;
    const verb = method === 'GET' ? 'Get' : method === 'HEAD' ? 'Head' : method === 'PUT' ? 'Put' : 'Post';
    if (!isLoopback(host) && !isIp(host)) throw new StreamError(`${verb} "${url}": dial tcp: lookup ${host} on ${resolvConfNameserver}:53: no such host`);
    const address = host === 'localhost' ? '127.0.0.1' : host;
    const c = net.connect(net.host, address, port);
    if (!c.ok) {
      const why = c.error === 'ECONNREFUSED' ? 'connect: connection refused' : 'connect: no route to host';
      throw new StreamError(`${verb} "${url}": dial tcp ${address}:${port}: ${why}`);
    }
    // The registry:2 image speaks plain HTTP: an https client gets no TLS handshake.
    if (secure) throw new StreamError(`${verb} "${url}": http: server gave HTTP response to HTTPS client`);
    const req: HttpRequest = {
      method,
      target,
      version: 'HTTP/1.1',
      headers: [
        ['Host', domain],
        ['User-Agent', USER_AGENT],
        ...(body ? ([['Content-Length', String(byteLength(body))]] as Array<[string, string]>) : []),
      ],
      body: new TextEncoder().encode(body),
      remote: { address: '172.17.0.1', port: net.ephemeralPort() },
      local: c.local,
    };
    return c.handler(req);
  };
  const text = (r: HttpResponse) => (typeof r.body === 'string' ? r.body : new TextDecoder().decode(r.body));
  const header = (r: HttpResponse, name: string) => r.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  return {
    hub: false,
    ping: async () => {
      await request('GET', '/v2/');
    },
    hasBlob: async (repo, digest) => (await request('HEAD', `/v2/${repo}/blobs/${digest}`)).status === 200,
    mount: async (repo, digest, from) => (await request('POST', `/v2/${repo}/blobs/uploads/?mount=${digest}&from=${from}`)).status === 201,
    upload: async (repo, digest, data) => {
      await request('POST', `/v2/${repo}/blobs/uploads/?digest=${digest}`, data);
    },
    putManifest: async (repo, tag, t) => header(await request('PUT', `/v2/${repo}/manifests/${tag}`, t), 'Docker-Content-Digest') ?? '',
    manifest: async (repo, ref) => {
      const r = await request('GET', `/v2/${repo}/manifests/${ref}`);
      return r.status === 200 ? { digest: header(r, 'Docker-Content-Digest') ?? '', text: text(r) } : undefined;
    },
    blob: async (repo, digest) => {
      const r = await request('GET', `/v2/${repo}/blobs/${digest}`);
      return r.status === 200 ? text(r) : undefined;
    },
  };
}

/** The Hub, reached directly (it is "the internet"). */
function hubEndpoint(world: RegistryWorld): Endpoint {
  const hub = world.hub;
  return {
    hub: true,
    ping: () => Promise.resolve(),
    hasBlob: (repo, digest) => Promise.resolve(hub.hasBlob(repo, digest)),
    mount: (repo, digest, from) => Promise.resolve(hub.mount(repo, digest, from)),
    upload: (repo, digest, data) => Promise.resolve(hub.putBlob(repo, digest, data)),
    putManifest: (repo, tag, t) => Promise.resolve(hub.putManifest(repo, tag, t)),
    manifest: (repo, ref) => Promise.resolve(hub.manifest(repo, ref)),
    blob: (repo, digest) => Promise.resolve(hub.hasBlob(repo, digest) ? hub.blob(digest) : undefined),
  };
}

export interface DistributionDeps {
  readonly daemon: DockerDaemon;
  readonly world: RegistryWorld;
  readonly net: Network;
  readonly DaemonError: DaemonErrorCtor;
  /** The host's resolver, as /etc/resolv.conf names it (dial errors quote it). */
  readonly nameserver: string;
}

/** Registries of the internet besides the Hub (their images are the catalog's; nobody can push there). */
const PUBLIC_REGISTRY = /^(quay\.io|ghcr\.io|gcr\.io|[a-z0-9-]+\.gcr\.io|[a-z0-9-]+\.pkg\.dev|registry\.k8s\.io|mcr\.microsoft\.com|public\.ecr\.aws|registry\.gitlab\.com|nvcr\.io|registry-1\.docker\.io|index\.docker\.io)$/;

export function isPublicRegistry(domain: string): boolean {
  return PUBLIC_REGISTRY.test(domain);
}

function endpointFor(d: DistributionDeps, ref: ImageReference): Endpoint {
  if (ref.domain === 'docker.io') return hubEndpoint(d.world);
  if (isPublicRegistry(ref.domain)) return { ...hubEndpoint(d.world), denyPush: true };
  return httpEndpoint(d.net, ref.domain, d.nameserver);
}

/** The repository's name as the registry knows it (`learner/app`, `library/ubuntu`, `app`). */
function remotePath(ref: ImageReference): string {
  return ref.path;
}

function repoOf(familiarTag: string): string {
  const p = parseNormalizedNamed(familiarTag);
  return p.ok ? `${p.value.domain}/${p.value.path}` : familiarTag;
}

function tagOf(familiarTag: string): string {
  const p = parseNormalizedNamed(familiarTag);
  return p.ok ? p.value.tag : '';
}

function shortLayer(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/**
 * `POST /images/{name}/push`: pushes one tag, or (name only, `all`) every tag of the repository.
 * `username` is who the client's credentials name (the Hub checks only that).
 */
export async function push(d: DistributionDeps, name: string, opts: { username?: string }, onEvent: (e: TransferEvent) => void, wait: (ms: number) => Promise<void>): Promise<void> {
  const parsed = parseNormalizedNamed(name);
  if (!parsed.ok) throw new d.DaemonError(`invalid reference format: ${parsed.error}`, 400);
  const ref = parsed.value;
  const repoName = `${ref.domain}/${ref.path}`;
  onEvent({ line: `The push refers to repository [${repoName}]` });
  const associations = d.daemon
    .listImages()
    .flatMap((img) => img.repoTags.filter((t) => repoOf(t) === repoName).map((t) => ({ tag: t, img })))
    .sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const familiarName = familiarString({ ...ref, tag: '', digest: '' });
  if (associations.length === 0) throw new StreamError(`An image does not exist locally with the tag: ${familiarName}`);
  const endpoint = endpointFor(d, ref);
  await endpoint.ping();
  let targets: { tag: string; img: ImageRecord }[];
  if (ref.tag) {
    const hit = associations.find((a) => tagOf(a.tag) === ref.tag);
    if (!hit) throw new StreamError(`tag does not exist: ${familiarString(ref)}`);
    targets = [hit];
  } else {
    targets = associations;
  }
  const remoteLayers = new Set<string>();
  for (const t of targets) await pushTag(d, endpoint, ref, t.img, tagOf(t.tag), opts.username, remoteLayers, onEvent, wait);
}

async function pushTag(
  d: DistributionDeps,
  endpoint: Endpoint,
  ref: ImageReference,
  img: ImageRecord,
  tag: string,
  username: string | undefined,
  remoteLayers: Set<string>,
  onEvent: (e: TransferEvent) => void,
  wait: (ms: number) => Promise<void>,
): Promise<void> {
  const repo = remotePath(ref);
  const content = imageContent(img);
  const top = [...img.layers].reverse();
  for (const l of top) onEvent({ line: `${shortLayer(l)}: Preparing`, layer: shortLayer(l) });
  const distinct = [...new Set(top)];
  for (const l of distinct.slice(MAX_CONCURRENT_UPLOADS)) onEvent({ line: `${shortLayer(l)}: Waiting`, layer: shortLayer(l) });
  if (endpoint.hub) {
    const ns = repo.split('/')[0]!;
    if (endpoint.denyPush || !username || ns === 'library' || ns.toLowerCase() !== username.toLowerCase()) {
      await wait(600);
      throw new StreamError('denied: requested access to the resource is denied');
    }
  }
  const sizes = new Map(content.manifest.layers.map((l) => [l.digest, l.size]));
  // Up to five uploads run at once (xfer's max-concurrent-uploads); lines come in the order the
  // transfers finish, so a mount shows before a big upload that started earlier.
  const timeline: { t: number; seq: number; e: TransferEvent }[] = [];
  const slots = Array.from({ length: MAX_CONCURRENT_UPLOADS }, () => 0);
  let seq = 0;
  const at = (t: number, e: TransferEvent) => timeline.push({ t, seq: seq++, e });
  for (const l of distinct) {
    const short = shortLayer(l);
    const slot = slots.indexOf(Math.min(...slots));
    const start = slots[slot]!;
    let end = start + 80;
    if (remoteLayers.has(l) || (await endpoint.hasBlob(repo, l))) {
      at(end, { line: `${short}: Layer already exists`, layer: short });
    } else {
      const from = mountSource(d, endpoint, img, l, repo) ?? (endpoint.hub ? d.world.catalogRepositoryOf(img.catalogRef, l) : undefined);
      if (from !== undefined && ((await endpoint.mount(repo, l, from)) || d.world.catalogRepositoryOf(img.catalogRef, l) === from)) {
        // A catalog layer the Hub serves is linked as a mount from its catalog repository.
        if (!(await endpoint.hasBlob(repo, l))) await endpoint.upload(repo, l, layerBlob(d, img, l));
        end += 220;
        at(end, { line: `${short}: Mounted from ${from}`, layer: short });
      } else {
        const total = sizes.get(l) ?? 0;
        const steps = Math.max(1, Math.min(6, Math.ceil(total / 5_000_000)));
        for (let i = 1; i <= steps; i++) {
          end += Math.round(Math.min(2000, 100 + total / steps / 10_000));
          at(end, { line: `${short}: Pushing`, layer: short, progress: { current: Math.round((total * i) / steps), total } });
        }
        await endpoint.upload(repo, l, layerBlob(d, img, l));
        end += 50;
        at(end, { line: `${short}: Pushed`, layer: short });
      }
    }
    remoteLayers.add(l);
    slots[slot] = end;
  }
  timeline.sort((a, b) => a.t - b.t || a.seq - b.seq);
  let now = 0;
  for (const { t, e } of timeline) {
    if (t > now) await wait(t - now);
    now = Math.max(now, t);
    onEvent(e);
  }
  if (!(await endpoint.hasBlob(repo, img.id))) await endpoint.upload(repo, img.id, content.config);
  const digest = await endpoint.putManifest(repo, tag, content.text);
  onEvent({ line: `${tag}: digest: ${digest} size: ${byteLength(content.text)}` });
  const familiarRepo = familiarString({ ...ref, tag: '', digest: '' });
  d.daemon.addRepoDigest(img.id, `${familiarRepo}@${digest}`);
}

/** A repository of the same registry the layer can be mounted from (the Hub: a pushed one). */
function mountSource(d: DistributionDeps, endpoint: Endpoint, img: ImageRecord, layer: string, repo: string): string | undefined {
  if (!endpoint.hub) return undefined;
  if (d.world.catalogRepositoryOf(img.catalogRef, layer)) return undefined;
  return d.world.hub.linkedFrom(layer).find((r) => r !== repo);
}

function layerBlob(d: DistributionDeps, img: ImageRecord, id: string): string {
  const cat = img.catalogRef ? catalog().find(img.catalogRef) : undefined;
  if (cat && imageLayers(cat).some((l) => l.id === id)) return JSON.stringify({ catalog: cat.ref, id } satisfies LayerBlob);
  const data = d.daemon.layer(id);
  return JSON.stringify(data ?? { id, entries: {} });
}

function layerFromBlob(text: string): LayerData | undefined {
  const b = JSON.parse(text) as LayerBlob;
  if ('catalog' in b) {
    const cat = catalog().find(b.catalog);
    return cat ? imageLayers(cat).find((l) => l.id === b.id) : undefined;
  }
  return b;
}

/**
 * Pulls an image the catalog does not serve: one pushed to the Hub, or one in a private registry.
 * Returns undefined when the Hub has no such repository (the caller answers "pull access denied").
 */
export async function pullRemote(d: DistributionDeps, ref: ImageReference, onEvent: (e: PullEvent) => void, wait: (ms: number) => Promise<void>): Promise<ImageRecord | undefined> {
  const familiar = familiarString(ref);
  const repo = remotePath(ref);
  if (ref.domain === 'docker.io' && !d.world.hub.hasRepository(repo)) return undefined;
  // Public registries other than the Hub hold only what the catalog serves.
  if (ref.domain !== 'docker.io' && isPublicRegistry(ref.domain)) return undefined;
  const endpoint = endpointFor(d, ref);
  let found: { digest: string; text: string } | undefined;
  try {
    await endpoint.ping();
    found = await endpoint.manifest(repo, ref.digest || ref.tag);
  } catch (e) {
    if (e instanceof StreamError) throw new d.DaemonError(e.message, 500);
    throw e;
  }
  if (!found) throw new d.DaemonError(`manifest for ${familiar} not found: manifest unknown: manifest unknown`, 404);
  const manifest = JSON.parse(found.text) as Manifest;
  const configText = await endpoint.blob(repo, manifest.config.digest);
  if (configText === undefined) throw new d.DaemonError(`blob unknown: blob unknown to registry`, 404);
  const config = JSON.parse(configText) as ConfigBlob;
  const id = manifest.config.digest;
  onEvent({ line: `${ref.tag || ref.digest}: Pulling from ${repo}` });
  const existing = d.daemon.image(id);
  const repoFamiliar = familiarString({ ...ref, tag: '', digest: '' });
  if (existing && existing.repoTags.includes(familiar)) {
    onEvent({ line: `Digest: ${found.digest}` });
    onEvent({ line: `Status: Image is up to date for ${familiar}` });
    d.daemon.addRepoDigest(existing.id, `${repoFamiliar}@${found.digest}`);
    return existing;
  }
  const layers = manifest.layers.map((l) => l.digest);
  const missing = layers.filter((l) => !existing && !d.daemon.layer(l));
  for (const l of layers) onEvent({ line: `${shortLayer(l)}: ${missing.includes(l) ? 'Pulling fs layer' : 'Already exists'}`, layer: shortLayer(l) });
  const got: LayerData[] = [];
  for (const l of layers) {
    const have = d.daemon.layer(l);
    if (have) {
      got.push(have);
      continue;
    }
    const short = shortLayer(l);
    const size = manifest.layers.find((x) => x.digest === l)?.size ?? 0;
    await wait(Math.min(4000, 150 + size / 40_000));
    const text = await endpoint.blob(repo, l);
    const data = text === undefined ? undefined : layerFromBlob(text);
    if (!data) throw new StreamError(`blob unknown: blob unknown to registry`);
    onEvent({ line: `${short}: Verifying Checksum`, layer: short });
    onEvent({ line: `${short}: Download complete`, layer: short });
    onEvent({ line: `${short}: Pull complete`, layer: short });
    got.push(data);
  }
  onEvent({ line: `Digest: ${found.digest}` });
  const tag = ref.tag ? familiar : undefined;
  const rec = d.daemon.addImage(
    { id, created: config.created, config: config.config, layers, size: config.dockyard.size, history: config.history, ...(config.dockyard.catalogRef ? { catalogRef: config.dockyard.catalogRef } : {}) },
    got,
    tag ? [tag] : [],
  );
  d.daemon.addRepoDigest(rec.id, `${repoFamiliar}@${found.digest}`);
  onEvent({ line: `Status: Downloaded newer image for ${familiar}` });
  return rec;
}

/**
 * `POST /auth`: the Hub takes any username with a non-empty password; a private registry is
 * pinged (registry:2 has no authentication configured). Throws the daemon's error.
 */
export async function login(d: DistributionDeps, server: string, username: string, password: string): Promise<void> {
  if (server === 'docker.io' || isPublicRegistry(server)) {
    if (username === '' || password === '') throw new d.DaemonError('unauthorized: incorrect username or password', 401);
    return;
  }
  try {
    await httpEndpoint(d.net, server, d.nameserver).ping();
  } catch (e) {
    if (e instanceof StreamError) throw new d.DaemonError(e.message, 500);
    throw e;
  }
}

export { HUB_SERVER };
