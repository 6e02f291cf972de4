/**
 * The catalog of public images the simulated registry serves: the facts of
 * data/reference/images.json (config, OS, sizes, layers) plus what the daemon and `docker search`
 * need that the file does not hold (creation dates, digests, history rows, Hub descriptions and
 * stars), written here as data. Loaded with the daemon's chunk, never with the boot chunk.
 *
 * What is real and what is made up:
 * - `config`, `layerCount`, the OS facts and the SIZE column come from images.json (sizes marked
 *   approximate there are approximate here; a range such as "~7-8GB" takes its upper end).
 * - `created` is the build date of the baseline tag (official-images @ 2025-06-30), to the day;
 *   the time of day is made up.
 * - `repoDigest` and `id` are deterministic stand-ins (`digestIsReal: false`), not the real
 *   digests, except kicbase's, which minikube v1.36.0 pins.
 * - History rows follow each image's Dockerfile (CREATED BY as BuildKit records it); sizes are
 *   apportioned so the rows add up to the image size.
 * - Hub descriptions are the repositories' short descriptions as Docker Hub shows them (mid-2025,
 *   from memory); star counts are rounded figures of the same period, believable, not exact.
 */
import { fnv1a } from '../../core/ids';
import { parseDockerRef, familiarString, familiarName } from '../reference';
import raw from '../../../../data/reference/images.json';

// ---------------------------------------------------------------------------------------------
// Types

/** The OS tree an image's first layer holds (see rootfs.ts). */
export type OsBase =
  | 'scratch'
  | 'ubuntu-noble'
  | 'ubuntu-jammy'
  | 'debian-bookworm'
  | 'debian-bookworm-slim'
  | 'debian-jessie'
  | 'alpine-3.22'
  | 'alpine-3.21'
  | 'alpine-3.20'
  | 'alpine-3.18'
  | 'busybox'
  | 'oraclelinux-9';

/** What an image adds on its OS (see rootfs.ts); `base` adds nothing. */
export type ImageApp =
  | 'base'
  | 'hello'
  | 'nginx'
  | 'httpd'
  | 'redis'
  | 'postgres'
  | 'mysql'
  | 'mongo'
  | 'python'
  | 'node'
  | 'golang'
  | 'registry'
  | 'whoami'
  | 'nginxdemos-hello'
  | 'nginxdemos-hello-plain'
  | 'getting-started'
  | 'jupyter'
  | 'tensorflow'
  | 'bootcamp'
  | 'kicbase';

/** `.Config` of `docker inspect IMAGE`, as images.json writes it (ports and volumes as lists). */
export interface ImageConfig {
  readonly Env: readonly string[];
  readonly Cmd: readonly string[] | null;
  readonly Entrypoint: readonly string[] | null;
  readonly WorkingDir: string;
  readonly User: string;
  readonly ExposedPorts: readonly string[];
  readonly Volumes: readonly string[];
  readonly StopSignal: string | null;
  readonly Labels: Readonly<Record<string, string>>;
}

/** One row of `docker history`, newest first in `CatalogImage.history`. */
export interface HistoryRow {
  /** ISO date. */
  readonly created: string;
  readonly createdBy: string;
  /** Bytes. */
  readonly size: number;
  readonly comment: string;
  /** A metadata step (ENV, CMD ...): no layer, shown as `<missing>` with 0B. */
  readonly emptyLayer: boolean;
}

export interface HubRepo {
  /** Familiar name: `nginx`, `traefik/whoami`. */
  readonly name: string;
  readonly description: string;
  readonly stars: number;
  readonly official: boolean;
}

export interface CatalogImage {
  /** The canonical familiar reference: `ubuntu:24.04`. */
  readonly ref: string;
  /** Normalized repository name: `docker.io/library/ubuntu`. */
  readonly repository: string;
  /** Familiar repository name: `ubuntu`, `gcr.io/google-samples/kubernetes-bootcamp`. */
  readonly name: string;
  readonly tag: string;
  /** Every familiar reference that names this image (ref first): `ubuntu:24.04`, `ubuntu:noble`, `ubuntu:latest` … */
  readonly tags: readonly string[];
  /** Human words on the version (images.json `version`). */
  readonly version: string;
  readonly os: OsBase;
  readonly app: ImageApp;
  /** `/etc/os-release` facts, where the image has them. */
  readonly osRelease?: { readonly id: string; readonly versionId: string; readonly codename?: string };
  readonly config: ImageConfig;
  /** ISO date of the image config's `created`. */
  readonly created: string;
  readonly architecture: 'amd64';
  readonly osName: 'linux';
  /** `sha256:` + 64 hex: the registry digest (`docker images --digests`, `Digest:` of a pull). */
  readonly repoDigest: string;
  /** Whether repoDigest is the real one (only where a primary source names it). */
  readonly digestIsReal: boolean;
  /** `sha256:` + 64 hex: the image ID (config digest), a stand-in. */
  readonly id: string;
  /** Bytes, as the classic store counts them. */
  readonly size: number;
  /** What `docker images` prints in SIZE (3 significant digits, decimal units). */
  readonly sizeText: string;
  readonly sizeApproximate: boolean;
  readonly layerCount: number;
  /** `docker history` rows, newest first. */
  readonly history: readonly HistoryRow[];
  readonly shells: { readonly sh: boolean; readonly bash: boolean };
  readonly packageManager: 'apt' | 'apk' | 'microdnf' | null;
}

// ---------------------------------------------------------------------------------------------
// Raw data

interface RawImage {
  ref: string;
  repository: string;
  tag: string;
  version?: string;
  os?: { id?: string; version_id?: string; codename?: string };
  config: {
    Env: string[];
    Cmd: string[] | null;
    Entrypoint: string[] | null;
    WorkingDir: string;
    User: string;
    ExposedPorts: string[];
    Volumes: string[];
    StopSignal: string | null;
    Labels: Record<string, string> | null;
  };
  size?: { uncompressed_docker_images?: string; approximate?: boolean };
}

const RAW = (raw as unknown as { images: RawImage[] }).images;

// ---------------------------------------------------------------------------------------------
// What images.json does not hold

interface Extra {
  readonly os: OsBase;
  readonly app: ImageApp;
  /** More familiar refs naming the same image. */
  readonly aliases: readonly string[];
  /** YYYY-MM-DD of the baseline build. */
  readonly date: string;
  /** Overrides images.json where it gives no number (`~16`, `unknown`, `nginx:alpine + 3`). */
  readonly layers?: number;
  /** Overrides the SIZE where images.json gives a range or several values. */
  readonly size?: string;
  readonly pm?: 'apt' | 'apk' | 'microdnf' | null;
  /** A real repo digest, where a source names it. */
  readonly digest?: string;
}

const X: Record<string, Extra> = {
  'hello-world:latest': { os: 'scratch', app: 'hello', aliases: ['hello-world:linux'], date: '2025-01-21', pm: null },
  'ubuntu:24.04': { os: 'ubuntu-noble', app: 'base', aliases: ['ubuntu:noble', 'ubuntu:noble-20250529', 'ubuntu:latest'], date: '2025-05-29' },
  'ubuntu:22.04': { os: 'ubuntu-jammy', app: 'base', aliases: ['ubuntu:jammy', 'ubuntu:jammy-20250530'], date: '2025-05-30' },
  'debian:bookworm': { os: 'debian-bookworm', app: 'base', aliases: ['debian:12', 'debian:12.11', 'debian:bookworm-20250610', 'debian:stable', 'debian:latest'], date: '2025-06-10' },
  'alpine:latest': { os: 'alpine-3.22', app: 'base', aliases: ['alpine:3', 'alpine:3.22', 'alpine:3.22.0'], date: '2025-05-30', size: '8.31MB', pm: 'apk' },
  'alpine:3.20': { os: 'alpine-3.20', app: 'base', aliases: ['alpine:3.20.6'], date: '2025-02-14', pm: 'apk' },
  'alpine:3.21': { os: 'alpine-3.21', app: 'base', aliases: ['alpine:3.21.3'], date: '2025-02-14', pm: 'apk' },
  'busybox:latest': { os: 'busybox', app: 'base', aliases: ['busybox:1', 'busybox:1.37', 'busybox:1.37.0', 'busybox:unstable', 'busybox:glibc'], date: '2024-09-26', size: '4.28MB', pm: null },
  'nginx:latest': { os: 'debian-bookworm-slim', app: 'nginx', aliases: ['nginx:mainline', 'nginx:1', 'nginx:1.29', 'nginx:1.29.0', 'nginx:bookworm', 'nginx:1.29.0-bookworm', 'nginx:mainline-bookworm'], date: '2025-06-24' },
  'nginx:alpine': { os: 'alpine-3.22', app: 'nginx', aliases: ['nginx:mainline-alpine', 'nginx:1-alpine', 'nginx:1.29-alpine', 'nginx:1.29.0-alpine', 'nginx:alpine3.22', 'nginx:1.29.0-alpine3.22'], date: '2025-06-24', size: '52.5MB', pm: 'apk' },
  'httpd:latest': { os: 'debian-bookworm-slim', app: 'httpd', aliases: ['httpd:2', 'httpd:2.4', 'httpd:2.4.63', 'httpd:bookworm', 'httpd:2.4.63-bookworm'], date: '2025-06-10' },
  'redis:latest': { os: 'debian-bookworm-slim', app: 'redis', aliases: ['redis:8', 'redis:8.0', 'redis:8.0.2', 'redis:bookworm', 'redis:8.0.2-bookworm'], date: '2025-06-10', size: '200MB' },
  'postgres:latest': { os: 'debian-bookworm-slim', app: 'postgres', aliases: ['postgres:17', 'postgres:17.5', 'postgres:bookworm', 'postgres:17-bookworm', 'postgres:17.5-bookworm'], date: '2025-06-10' },
  'mysql:8.0': { os: 'oraclelinux-9', app: 'mysql', aliases: ['mysql:8.0.42', 'mysql:8.0-oracle', 'mysql:8.0-oraclelinux9', 'mysql:8.0.42-oraclelinux9'], date: '2025-04-15', size: '780MB', pm: 'microdnf' },
  'mysql:latest': { os: 'oraclelinux-9', app: 'mysql', aliases: ['mysql:9', 'mysql:9.3', 'mysql:9.3.0', 'mysql:innovation', 'mysql:oracle', 'mysql:oraclelinux9'], date: '2025-04-15', size: '860MB', pm: 'microdnf' },
  'mongo:latest': { os: 'ubuntu-noble', app: 'mongo', aliases: ['mongo:8', 'mongo:8.0', 'mongo:8.0.11', 'mongo:noble', 'mongo:8.0-noble'], date: '2025-06-24' },
  'python:3.12': { os: 'debian-bookworm', app: 'python', aliases: ['python:3.12.11', 'python:3.12-bookworm', 'python:3.12.11-bookworm'], date: '2025-06-10' },
  'python:3.12-slim': { os: 'debian-bookworm-slim', app: 'python', aliases: ['python:3.12-slim-bookworm', 'python:3.12.11-slim', 'python:3.12.11-slim-bookworm'], date: '2025-06-10' },
  'python:3.11': { os: 'debian-bookworm', app: 'python', aliases: ['python:3.11.13', 'python:3.11-bookworm', 'python:3.11.13-bookworm'], date: '2025-06-10' },
  'node:lts': { os: 'debian-bookworm', app: 'node', aliases: ['node:22', 'node:22.17', 'node:22.17.0', 'node:jod', 'node:lts-jod', 'node:lts-bookworm', 'node:22-bookworm'], date: '2025-06-25' },
  'node:lts-alpine': { os: 'alpine-3.22', app: 'node', aliases: ['node:22-alpine', 'node:22-alpine3.22', 'node:jod-alpine', 'node:22.17.0-alpine', 'node:lts-alpine3.22'], date: '2025-06-25', pm: 'apk' },
  'node:20': { os: 'debian-bookworm', app: 'node', aliases: ['node:iron', 'node:20.19', 'node:20.19.3', 'node:20-bookworm'], date: '2025-06-25' },
  'golang:latest': { os: 'debian-bookworm', app: 'golang', aliases: ['golang:1', 'golang:1.24', 'golang:1.24.4', 'golang:bookworm', 'golang:1.24-bookworm'], date: '2025-06-10' },
  // registry:latest was 3.0.0 at the baseline; it answers the same, so it is served by 2.8.3 here.
  'registry:2': { os: 'alpine-3.18', app: 'registry', aliases: ['registry:2.8', 'registry:2.8.3', 'registry:latest'], date: '2023-10-02', pm: 'apk' },
  'traefik/whoami:latest': { os: 'scratch', app: 'whoami', aliases: ['traefik/whoami:v1.11.0', 'traefik/whoami:v1.11'], date: '2025-02-17', size: '6.5MB', pm: null },
  'nginxdemos/hello:latest': { os: 'alpine-3.22', app: 'nginxdemos-hello', aliases: [], date: '2025-06-25', layers: 11, size: '50.2MB', pm: 'apk' },
  'docker/getting-started:latest': { os: 'alpine-3.18', app: 'getting-started', aliases: [], date: '2023-07-14', layers: 10, size: '47MB', pm: 'apk' },
  'jupyter/base-notebook:latest': { os: 'ubuntu-jammy', app: 'jupyter', aliases: ['jupyter/base-notebook:2023-10-20'], date: '2023-10-20', layers: 16 },
  'jupyter/tensorflow-notebook:latest': { os: 'ubuntu-jammy', app: 'jupyter', aliases: ['jupyter/tensorflow-notebook:2023-10-20'], date: '2023-10-20', layers: 26, size: '5.84GB' },
  'quay.io/jupyter/base-notebook:latest': { os: 'ubuntu-noble', app: 'jupyter', aliases: [], date: '2025-06-30', layers: 17 },
  'quay.io/jupyter/tensorflow-notebook:latest': { os: 'ubuntu-noble', app: 'jupyter', aliases: [], date: '2025-06-30', layers: 21, size: '4.62GB' },
  'tensorflow/tensorflow:latest': { os: 'ubuntu-jammy', app: 'tensorflow', aliases: ['tensorflow/tensorflow:2.19.0'], date: '2025-03-12', layers: 10, size: '1.93GB' },
  'tensorflow/tensorflow:nightly': { os: 'ubuntu-jammy', app: 'tensorflow', aliases: [], date: '2025-06-30', layers: 10, size: '2.01GB' },
  'tensorflow/tensorflow:latest-gpu': { os: 'ubuntu-jammy', app: 'tensorflow', aliases: ['tensorflow/tensorflow:2.19.0-gpu'], date: '2025-03-12', layers: 20, size: '7.66GB' },
  'gcr.io/google-samples/kubernetes-bootcamp:v1': { os: 'debian-jessie', app: 'bootcamp', aliases: [], date: '2016-08-05', layers: 11 },
  'jocatalin/kubernetes-bootcamp:v2': { os: 'debian-jessie', app: 'bootcamp', aliases: [], date: '2016-09-06', layers: 11, size: '211MB' },
  'gcr.io/k8s-minikube/kicbase:v0.0.47': {
    os: 'ubuntu-jammy',
    app: 'kicbase',
    aliases: ['kicbase/stable:v0.0.47'],
    date: '2025-05-20',
    size: '1.31GB',
    digest: 'sha256:6ed579c9292b4370177b7ef3c42cc4b4a6dcd0735a1814916cbc22c8bf38412b',
  },
};

/** Entries of images.json that repeat another entry's image under another tag (merged as aliases). */
const DUPLICATES = new Set(['ubuntu:latest', 'debian:latest', 'node:22']);

/** Images the baseline has that images.json does not describe, made from a described one. */
const DERIVED: ReadonlyArray<{ ref: string; from: string; env: Record<string, string>; aliases: string[]; version: string }> = [
  {
    ref: 'python:3.13',
    from: 'python:3.12',
    env: { PYTHON_VERSION: '3.13.5', PYTHON_SHA256: '93e583f243454e6e9e4588ca2c2662206ad961659863277afcdb96801647d640' },
    aliases: ['python:latest', 'python:3', 'python:3.13.5', 'python:bookworm', 'python:3.13-bookworm'],
    version: 'CPython 3.13.5 built from source into /usr/local on Debian 12 bookworm',
  },
  {
    ref: 'node:24',
    from: 'node:lts',
    env: { NODE_VERSION: '24.3.0' },
    aliases: ['node:latest', 'node:current', 'node:24.3', 'node:24.3.0', 'node:bookworm', 'node:24-bookworm'],
    version: 'Node.js 24.3.0 on Debian 12 bookworm (buildpack-deps)',
  },
  {
    ref: 'nginxdemos/hello:plain-text',
    from: 'nginxdemos/hello:latest',
    env: {},
    aliases: [],
    version: 'nginx mainline-alpine + a plain-text hello page',
  },
];

/** Docker Hub short descriptions and stars (see the file comment). */
const HUB: readonly HubRepo[] = [
  { name: 'nginx', description: 'Official build of Nginx.', stars: 20800, official: true },
  { name: 'ubuntu', description: 'Ubuntu is a Debian-based Linux operating system based on free software.', stars: 17700, official: true },
  { name: 'mysql', description: 'MySQL is a widely used, open-source relational database management system (RDBMS).', stars: 15900, official: true },
  { name: 'postgres', description: 'The PostgreSQL object-relational database system provides reliability and data integrity.', stars: 14300, official: true },
  { name: 'node', description: 'Node.js is a JavaScript-based platform for server-side and networking applications.', stars: 13900, official: true },
  { name: 'redis', description: 'Redis is the world’s fastest data platform for caching, vector search, and NoSQL databases.', stars: 13300, official: true },
  { name: 'alpine', description: 'A minimal Docker image based on Alpine Linux with a complete package index and only 5 MB in size!', stars: 11300, official: true },
  { name: 'mongo', description: 'MongoDB document databases provide high availability and easy scalability.', stars: 10500, official: true },
  { name: 'python', description: 'Python is an interpreted, interactive, object-oriented, open-source programming language.', stars: 10200, official: true },
  { name: 'golang', description: 'Go (golang) is a general purpose, higher-level, imperative programming language.', stars: 5000, official: true },
  { name: 'debian', description: 'Debian is a Linux distribution that\'s composed entirely of free and open-source software.', stars: 5200, official: true },
  { name: 'httpd', description: 'The Apache HTTP Server Project', stars: 4900, official: true },
  { name: 'registry', description: 'Distribution implementation for storing and distributing of container images and artifacts', stars: 4200, official: true },
  { name: 'busybox', description: 'Busybox base image.', stars: 3400, official: true },
  { name: 'hello-world', description: 'Hello World! (an example of minimal Dockerization)', stars: 2500, official: true },
  { name: 'tensorflow/tensorflow', description: 'Official Docker images for the machine learning framework TensorFlow (http://www.tensorflow.org) ', stars: 2700, official: false },
  { name: 'jupyter/tensorflow-notebook', description: 'Scientific Jupyter Notebook Python Stack w/ TensorFlow from https://github.com/jupyter/docker-stacks', stars: 370, official: false },
  { name: 'jupyter/base-notebook', description: 'Small base image for defining your own stack', stars: 210, official: false },
  { name: 'traefik/whoami', description: 'Tiny Go webserver that prints os information and HTTP request to output', stars: 320, official: false },
  { name: 'nginxdemos/hello', description: 'NGINX webserver that serves a simple page containing its hostname, IP address and port', stars: 150, official: false },
  { name: 'docker/getting-started', description: 'Getting Started tutorial for Docker', stars: 1300, official: false },
  { name: 'jocatalin/kubernetes-bootcamp', description: '', stars: 40, official: false },
  { name: 'kicbase/stable', description: 'Base image for minikube\'s KIC drivers', stars: 20, official: false },
  // Community repositories `docker search` also lists for common terms (not pullable here).
  { name: 'nginxinc/nginx-unprivileged', description: 'Unprivileged NGINX Dockerfiles', stars: 160, official: false },
  { name: 'bitnami/nginx', description: 'Bitnami container image for NGINX', stars: 200, official: false },
  { name: 'ubuntu/nginx', description: 'Nginx, a high-performance reverse proxy & web server. Long-term tracks maintained by Canonical.', stars: 130, official: false },
  { name: 'nginx/nginx-ingress', description: 'NGINX and  NGINX Plus Ingress Controllers for Kubernetes', stars: 110, official: false },
  { name: 'bitnami/redis', description: 'Bitnami container image for Redis', stars: 330, official: false },
  { name: 'ubuntu/redis', description: 'Redis, an open source key-value store. Long-term tracks maintained by Canonical.', stars: 25, official: false },
  { name: 'bitnami/postgresql', description: 'Bitnami container image for PostgreSQL', stars: 320, official: false },
  { name: 'ubuntu/postgres', description: 'PostgreSQL is an open source object-relational database. Long-term tracks maintained by Canonical.', stars: 40, official: false },
  { name: 'bitnami/mysql', description: 'Bitnami container image for MySQL', stars: 120, official: false },
  { name: 'ubuntu/mysql', description: 'MySQL open source fast, stable, multi-thread database. Long-term tracks maintained by Canonical.', stars: 65, official: false },
  { name: 'bitnami/python', description: 'Bitnami container image for Python', stars: 30, official: false },
  { name: 'bitnami/node', description: 'Bitnami container image for NodeJS', stars: 80, official: false },
  { name: 'bitnami/mongodb', description: 'Bitnami container image for MongoDB', stars: 300, official: false },
  { name: 'ubuntu/python', description: 'A chiselled Ubuntu rock with the Python runtime', stars: 20, official: false },
  { name: 'jupyter/scipy-notebook', description: 'Scientific Jupyter Notebook Python Stack from https://github.com/jupyter/docker-stacks', stars: 430, official: false },
  { name: 'jupyter/datascience-notebook', description: 'Data Science Jupyter Notebook Python Stack from https://github.com/jupyter/docker-stacks', stars: 1050, official: false },
  { name: 'jupyter/minimal-notebook', description: 'Minimal Jupyter Notebook Python Stack from https://github.com/jupyter/docker-stacks', stars: 200, official: false },
  { name: 'rancher/busybox', description: '', stars: 0, official: false },
];

// ---------------------------------------------------------------------------------------------
// Helpers

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** go-units HumanSizeWithPrecision(size, 3): decimal units, 3 significant digits, no space. */
export function dockerSizeText(bytes: number): string {
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < UNITS.length - 1) {
    v /= 1000;
    i++;
  }
  // %.3g: three significant digits, trailing zeros dropped.
  return `${Number(v.toPrecision(3))}${UNITS[i]}`;
}

function parseSize(s: string): number | undefined {
  const m = /(\d+(?:\.\d+)?)\s*(B|kB|MB|GB)/.exec(s);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * 1000 ** UNITS.indexOf(m[2]!));
}

/** 64 hex digits from a key (a stand-in for a sha256 we do not know). */
export function pseudoDigest(key: string): string {
  let out = '';
  for (let i = 0; out.length < 64; i++) out += fnv1a(key, fnv1a(`#${i}`)).toString(16).padStart(8, '0');
  return `sha256:${out}`;
}

function normalizeRef(s: string): { name: string; repository: string; tag: string; ref: string } | undefined {
  const r = parseDockerRef(s);
  if (!r.ok || r.value.digest !== '') return undefined;
  const v = r.value;
  return { name: familiarName(v), repository: `${v.domain}/${v.path}`, tag: v.tag, ref: familiarString(v) };
}

// ---------------------------------------------------------------------------------------------
// History

interface Step {
  by: string;
  /** Share of the image size (layers); undefined for metadata steps. */
  w?: number;
  comment?: string;
}

const BK = 'buildkit.dockerfile.v0';

function envSteps(env: readonly string[], skip = 0): Step[] {
  return env.slice(skip).map((e) => ({ by: `ENV ${e}`, comment: BK }));
}

function tailSteps(c: ImageConfig): Step[] {
  const out: Step[] = [];
  if (c.Entrypoint) out.push({ by: `ENTRYPOINT ${JSON.stringify(c.Entrypoint)}`, comment: BK });
  for (const p of c.ExposedPorts) out.push({ by: `EXPOSE map[${p}:{}]`, comment: BK });
  if (c.StopSignal) out.push({ by: `STOPSIGNAL ${c.StopSignal}`, comment: BK });
  if (c.Cmd) out.push({ by: `CMD ${JSON.stringify(c.Cmd)}`, comment: BK });
  return out;
}

/** Oldest first. */
function historySteps(ref: string, e: Extra, c: ImageConfig, layers: number): Step[] {
  switch (ref) {
    case 'hello-world:latest':
      return [{ by: 'COPY hello / # buildkit', w: 1, comment: BK }, { by: 'CMD ["/hello"]', comment: BK }];
    case 'busybox:latest':
      return [{ by: 'ADD busybox.tar.xz / # buildkit', w: 1, comment: BK }, { by: 'CMD ["sh"]', comment: BK }];
  }
  const base: Step[] = [];
  switch (e.os) {
    case 'ubuntu-noble':
    case 'ubuntu-jammy': {
      const v = e.os === 'ubuntu-noble' ? '24.04' : '22.04';
      base.push(
        { by: '/bin/sh -c #(nop)  ARG RELEASE' },
        { by: '/bin/sh -c #(nop)  ARG LAUNCHPAD_BUILD_ARCH' },
        { by: '/bin/sh -c #(nop)  LABEL org.opencontainers.image.ref.name=ubuntu' },
        { by: `/bin/sh -c #(nop)  LABEL org.opencontainers.image.version=${v}` },
        { by: `/bin/sh -c #(nop) ADD file:${pseudoDigest(`ubuntu-${v}-rootfs`).slice(7)} in / `, w: 78 },
        { by: '/bin/sh -c #(nop)  CMD ["/bin/bash"]' },
      );
      break;
    }
    case 'debian-bookworm':
      base.push({ by: "# debian.sh --arch 'amd64' out/ 'bookworm' '@1749513600'", w: 117, comment: 'debuerreotype 0.15' });
      break;
    case 'debian-bookworm-slim':
      base.push({ by: "# debian.sh --arch 'amd64' out/ 'bookworm' '@1749513600'", w: 74.8, comment: 'debuerreotype 0.15' });
      break;
    case 'debian-jessie':
      base.push({ by: '/bin/sh -c #(nop) ADD file:76679eeb94129df23c99013487d6b6bd779d2107bf07d194a524fdbb6a961530 in / ', w: 125 }, { by: '/bin/sh -c #(nop) CMD ["/bin/bash"]' });
      break;
    case 'alpine-3.22':
    case 'alpine-3.21':
    case 'alpine-3.20':
    case 'alpine-3.18': {
      const v = { 'alpine-3.22': '3.22.0', 'alpine-3.21': '3.21.3', 'alpine-3.20': '3.20.6', 'alpine-3.18': '3.18.4' }[e.os];
      base.push({ by: `ADD alpine-minirootfs-${v}-x86_64.tar.gz / # buildkit`, w: 8.3, comment: BK }, { by: 'CMD ["/bin/sh"]', comment: BK });
      break;
    }
    case 'oraclelinux-9':
      base.push({ by: 'ADD oraclelinux-9-slim-amd64-rootfs.tar.xz / # buildkit', w: 118, comment: BK }, { by: 'CMD ["/bin/bash"]', comment: BK });
      break;
    case 'scratch':
    case 'busybox':
      break;
  }
  if (e.app === 'base') {
    if (e.os.startsWith('debian')) base.push({ by: 'CMD ["bash"]', comment: 'debuerreotype 0.15' });
    return base;
  }
  const baseLayers = base.filter((s) => s.w !== undefined).length;
  const own = layers - baseLayers;
  const env = c.Env.filter((x) => !x.startsWith('PATH='));
  const steps: Step[] = [...base, ...envSteps(env)];
  const runs = APP_RUNS[e.app] ?? [];
  for (let i = 0; i < own; i++) {
    const by = runs[i] ?? `RUN /bin/sh -c set -eux; true # buildkit`;
    steps.push({ by, w: i === 0 ? 100 : by.startsWith('COPY') ? 0.002 : 10, comment: BK });
  }
  if (c.WorkingDir) steps.push({ by: `WORKDIR ${c.WorkingDir}`, comment: BK });
  if (c.User) steps.push({ by: `USER ${c.User}`, comment: BK });
  return [...steps, ...tailSteps(c)];
}

/** CREATED BY of each image's own layers, in Dockerfile order (the first carries most of the size). */
const APP_RUNS: Partial<Record<ImageApp, readonly string[]>> = {
  nginx: [
    'RUN /bin/sh -c set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx     && apt-get update     && apt-get install --no-install-recommends --no-install-suggests -y gnupg1 ca-certificates     && ... # buildkit',
    'COPY docker-entrypoint.sh / # buildkit',
    'COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d # buildkit',
    'COPY 15-local-resolvers.envsh /docker-entrypoint.d # buildkit',
    'COPY 20-envsubst-on-templates.sh /docker-entrypoint.d # buildkit',
    'COPY 30-tune-worker-processes.sh /docker-entrypoint.d # buildkit',
    'RUN /bin/sh -c set -x     && apkArch="$(cat /etc/apk/arch)"     && nginxPackages="         nginx=${NGINX_VERSION}-r${PKG_RELEASE}         nginx-module-njs=${NGINX_VERSION}.${NJS_VERSION}-r${NJS_RELEASE}     " ... # buildkit',
  ],
  'nginxdemos-hello': [
    'RUN /bin/sh -c set -x     && addgroup -g 101 -S nginx     && adduser -S -D -H -u 101 -h /var/cache/nginx -s /sbin/nologin -G nginx -g nginx nginx ... # buildkit',
    'COPY docker-entrypoint.sh / # buildkit',
    'COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d # buildkit',
    'COPY 15-local-resolvers.envsh /docker-entrypoint.d # buildkit',
    'COPY 20-envsubst-on-templates.sh /docker-entrypoint.d # buildkit',
    'COPY 30-tune-worker-processes.sh /docker-entrypoint.d # buildkit',
    'RUN /bin/sh -c set -x     && apkArch="$(cat /etc/apk/arch)" ... # buildkit',
    'RUN /bin/sh -c rm /etc/nginx/conf.d/* # buildkit',
    'ADD hello.conf /etc/nginx/conf.d/ # buildkit',
    'ADD index.html /usr/share/nginx/html/ # buildkit',
  ],
  httpd: [
    'RUN /bin/sh -c mkdir -p "$HTTPD_PREFIX"     && chown www-data:www-data "$HTTPD_PREFIX" # buildkit',
    'RUN /bin/sh -c set -eux;     apt-get update;     apt-get install -y --no-install-recommends         ca-certificates         libaprutil1-ldap         libldap-common     ;     rm -rf /var/lib/apt/lists/* # buildkit',
    'RUN /bin/sh -c set -eux;         savedAptMark="$(apt-mark showmanual)";     apt-get update; ... # buildkit',
    'COPY httpd-foreground /usr/local/bin/ # buildkit',
  ],
  python: [
    'RUN /bin/sh -c set -eux;     apt-get update;     apt-get install -y --no-install-recommends         libbluetooth-dev         tk-dev         uuid-dev     ;     rm -rf /var/lib/apt/lists/* # buildkit',
    'RUN /bin/sh -c set -eux;         wget -O python.tar.xz "https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz";  ... # buildkit',
    'RUN /bin/sh -c set -eux;     for src in idle3 pip3 pydoc3 python3 python3-config; do         dst="$(echo "$src" | tr -d 3)";         [ -s "/usr/local/bin/$src" ];         [ ! -e "/usr/local/bin/$dst" ];         ln -svT "$src" "/usr/local/bin/$dst";     done # buildkit',
  ],
  node: [
    'RUN /bin/sh -c groupadd --gid 1000 node   && useradd --uid 1000 --gid node --shell /bin/bash --create-home node # buildkit',
    'RUN /bin/sh -c ARCH= && dpkgArch="$(dpkg --print-architecture)"   && case "${dpkgArch##*-}" in ... # buildkit',
    'RUN /bin/sh -c set -ex   && for key in     6A010C5166006599AA17F08146C2130DFD2497F5   ; do ... # buildkit',
    'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit',
  ],
  golang: [
    'RUN /bin/sh -c set -eux;     apt-get update;     apt-get install -y --no-install-recommends         g++         gcc         libc6-dev         make         pkg-config     ;     rm -rf /var/lib/apt/lists/* # buildkit',
    'COPY /target/ / # buildkit',
    'RUN /bin/sh -c mkdir -p "$GOPATH/src" "$GOPATH/bin" && chmod -R 1777 "$GOPATH" # buildkit',
  ],
};

function buildHistory(ref: string, e: Extra, c: ImageConfig, layers: number, size: number, created: string): HistoryRow[] {
  const steps = historySteps(ref, e, c, layers);
  const total = steps.reduce((a, s) => a + (s.w ?? 0), 0);
  let left = size;
  const layerSteps = steps.filter((s) => s.w !== undefined);
  const rows = steps.map((s): HistoryRow => {
    let bytes = 0;
    if (s.w !== undefined) {
      bytes = s === layerSteps[layerSteps.length - 1] ? left : Math.round((size * s.w) / (total || 1));
      left -= bytes;
    }
    return { created, createdBy: s.by, size: bytes, comment: s.comment ?? '', emptyLayer: s.w === undefined };
  });
  return rows.reverse();
}

// ---------------------------------------------------------------------------------------------
// Building the catalog

function osReleaseOf(os: OsBase): CatalogImage['osRelease'] {
  switch (os) {
    case 'ubuntu-noble':
      return { id: 'ubuntu', versionId: '24.04', codename: 'noble' };
    case 'ubuntu-jammy':
      return { id: 'ubuntu', versionId: '22.04', codename: 'jammy' };
    case 'debian-bookworm':
    case 'debian-bookworm-slim':
      return { id: 'debian', versionId: '12', codename: 'bookworm' };
    case 'debian-jessie':
      return { id: 'debian', versionId: '8', codename: 'jessie' };
    case 'alpine-3.22':
      return { id: 'alpine', versionId: '3.22.0' };
    case 'alpine-3.21':
      return { id: 'alpine', versionId: '3.21.3' };
    case 'alpine-3.20':
      return { id: 'alpine', versionId: '3.20.6' };
    case 'alpine-3.18':
      return { id: 'alpine', versionId: '3.18.4' };
    case 'oraclelinux-9':
      return { id: 'ol', versionId: '9.6' };
    case 'scratch':
    case 'busybox':
      return undefined;
  }
}

function cleanConfig(c: RawImage['config']): ImageConfig {
  return {
    Env: c.Env.filter((x) => x.includes('=') && !x.startsWith('(')),
    Cmd: c.Cmd,
    Entrypoint: c.Entrypoint,
    WorkingDir: c.WorkingDir,
    User: c.User,
    ExposedPorts: c.ExposedPorts,
    Volumes: c.Volumes.map((v) => v.split(' ')[0]!),
    StopSignal: c.StopSignal,
    Labels: c.Labels ?? {},
  };
}

function makeImage(r: RawImage, e: Extra, override?: { ref: string; env: Record<string, string>; aliases: string[]; version: string }): CatalogImage {
  const ref = override?.ref ?? r.ref;
  const n = normalizeRef(ref)!;
  let config = cleanConfig(r.config);
  if (override) {
    const env = config.Env.map((x) => {
      const k = x.slice(0, x.indexOf('='));
      return k in override.env ? `${k}=${override.env[k]}` : x;
    });
    config = { ...config, Env: env };
  }
  const sizeText0 = e.size ?? r.size?.uncompressed_docker_images ?? '0B';
  const size = parseSize(sizeText0) ?? 0;
  const layers = e.layers ?? Number(/\d+/.exec(String((r as unknown as { layers?: { count?: unknown } }).layers?.count ?? '1'))?.[0] ?? 1);
  const created = `${e.date}T${String(8 + (fnv1a(ref) % 12)).padStart(2, '0')}:${String(fnv1a(ref, 7) % 60).padStart(2, '0')}:${String(fnv1a(ref, 11) % 60).padStart(2, '0')}.${String(fnv1a(ref, 13) % 1e9).padStart(9, '0')}Z`;
  const aliases = override?.aliases ?? e.aliases;
  const tags = [n.ref, ...aliases.map((a) => normalizeRef(a)?.ref).filter((x): x is string => x !== undefined && x !== n.ref)];
  const hasBash = e.os !== 'scratch' && e.os !== 'busybox' && !e.os.startsWith('alpine');
  return {
    ref: n.ref,
    repository: n.repository,
    name: n.name,
    tag: n.tag,
    tags,
    version: override?.version ?? r.version ?? '',
    os: e.os,
    app: override?.ref === 'nginxdemos/hello:plain-text' ? 'nginxdemos-hello-plain' : e.app,
    osRelease: osReleaseOf(e.os),
    config,
    created,
    architecture: 'amd64',
    osName: 'linux',
    repoDigest: e.digest && !override ? e.digest : pseudoDigest(`repo-digest:${n.ref}`),
    digestIsReal: Boolean(e.digest && !override),
    id: pseudoDigest(`image-config:${n.ref}:${created}`),
    size,
    sizeText: dockerSizeText(size),
    sizeApproximate: Boolean(r.size?.approximate) || e.size !== undefined,
    layerCount: layers,
    history: buildHistory(n.ref, e, config, layers, size, created),
    shells: { sh: e.os !== 'scratch', bash: hasBash },
    packageManager: e.pm !== undefined ? e.pm : e.os === 'scratch' || e.os === 'busybox' ? null : e.os.startsWith('alpine') ? 'apk' : 'apt',
  };
}

/** The catalog: images by every familiar reference that names them. Built once per daemon. */
export class Catalog {
  readonly images: readonly CatalogImage[];
  private readonly byRef = new Map<string, CatalogImage>();

  constructor() {
    const images: CatalogImage[] = [];
    const rawByRef = new Map<string, RawImage>();
    for (const r of RAW) {
      const key = normalizeRef(r.ref)?.ref ?? r.ref;
      rawByRef.set(key, r);
      if (DUPLICATES.has(r.ref)) continue;
      const e = X[key];
      if (!e) continue;
      images.push(makeImage(r, e));
    }
    for (const d of DERIVED) {
      const r = rawByRef.get(d.from);
      const e = X[d.from];
      if (r && e) images.push(makeImage(r, e, d));
    }
    this.images = images;
    for (const img of images) for (const t of img.tags) if (!this.byRef.has(t)) this.byRef.set(t, img);
  }

  /** The image a reference names (`ubuntu`, `ubuntu:noble`, `docker.io/library/ubuntu:24.04`), if any. */
  find(ref: string): CatalogImage | undefined {
    const n = normalizeRef(ref);
    return n ? this.byRef.get(n.ref) : undefined;
  }

  /** Whether the repository exists at all (so a missing tag is "manifest unknown", not "pull access denied"). */
  hasRepository(ref: string): boolean {
    const n = normalizeRef(ref);
    return n !== undefined && this.images.some((i) => i.repository === n.repository);
  }

  /** The tags of a repository the catalog knows. */
  tagsOf(repository: string): string[] {
    const n = normalizeRef(repository);
    if (!n) return [];
    return this.images.filter((i) => i.repository === n.repository).flatMap((i) => i.tags.filter((t) => normalizeRef(t)?.repository === n.repository).map((t) => normalizeRef(t)!.tag));
  }

  /** The image with this id (`sha256:…`) or repo digest. */
  byDigest(digest: string): CatalogImage | undefined {
    return this.images.find((i) => i.id === digest || i.repoDigest === digest);
  }
}

/** Rows of `docker search TERM` (before the CLI's --limit, default 25): NAME, DESCRIPTION, STARS, OFFICIAL. */
export function searchCatalog(term: string): HubRepo[] {
  const t = term.toLowerCase();
  const hits = HUB.filter((h) => h.name.toLowerCase().includes(t) || h.description.toLowerCase().includes(t));
  const rank = (h: HubRepo) => (h.name === t ? 0 : h.official ? 1 : h.name.split('/').pop() === t ? 2 : 3);
  return hits.sort((a, b) => rank(a) - rank(b) || b.stars - a.stars || (a.name < b.name ? -1 : 1));
}

/**
 * The catalog, built on first use. Immutable data shared by every instance on the page (like the
 * JSON it is made from), so one copy is no instance state.
 */
let shared: Catalog | undefined;
export function catalog(): Catalog {
  return (shared ??= new Catalog());
}

/** The catalog image a reference names: `ubuntu`, `ubuntu:noble`, `docker.io/library/ubuntu:24.04`. */
export function findCatalogImage(ref: string): CatalogImage | undefined {
  return catalog().find(ref);
}

/** A built image's HEALTHCHECK (builder's BuiltConfig), if any. */
const healthOf = (c: ImageConfig) => (c as { Healthcheck?: Record<string, unknown> }).Healthcheck;

/** An image's HEALTHCHECK as the API prints it (zero fields left out). */
function healthcheckJson(h: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['Test', 'Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries']) if (h[k] !== undefined && h[k] !== 0) out[k] = h[k];
  return out;
}

/** `.Config` in the shape `docker inspect` prints (ports and volumes as maps, null when empty). */
export function inspectConfig(c: ImageConfig): Record<string, unknown> {
  const map = (xs: readonly string[]) => (xs.length ? Object.fromEntries(xs.map((x) => [x, {}])) : null);
  const out: Record<string, unknown> = {
    Hostname: '',
    Domainname: '',
    User: c.User,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
  };
  if (c.ExposedPorts.length) out.ExposedPorts = map(c.ExposedPorts);
  Object.assign(out, {
    Tty: false,
    OpenStdin: false,
    StdinOnce: false,
    Env: [...c.Env],
    Cmd: c.Cmd ? [...c.Cmd] : null,
    ...(healthOf(c) ? { Healthcheck: healthcheckJson(healthOf(c)!) } : {}),
    Image: '',
    Volumes: map(c.Volumes),
    WorkingDir: c.WorkingDir,
    Entrypoint: c.Entrypoint ? [...c.Entrypoint] : null,
    OnBuild: null,
    Labels: Object.keys(c.Labels).length ? { ...c.Labels } : null,
  });
  if (c.StopSignal) out.StopSignal = c.StopSignal;
  return out;
}
