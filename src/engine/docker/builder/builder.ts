/**
 * `docker build` on the simulated daemon, as BuildKit (dockerfile2llb over the moby worker) runs it:
 * the context sent from a host folder (less what `.dockerignore` excludes), the Dockerfile parsed
 * into stages, base images resolved (local store first, then the registry's catalog), RUN steps run
 * as processes in a build container, COPY/ADD from the context, other stages or images, metadata
 * instructions into the image config, and a cache of steps kept in the daemon's state.
 *
 * Cache rules (docs.docker.com/build/cache/invalidation): each file system step's key is its
 * parent's key plus what defines it: RUN its command, environment, working directory and user;
 * COPY/ADD a checksum of the source files' contents and modes (never mtimes); WORKDIR its path.
 * Metadata instructions (ENV, CMD, LABEL ...) are no steps: they change the config only, and ENV
 * reaches later RUN keys through the environment. A miss rebuilds every later step.
 */
import { fnv1a } from '../../core/ids';
import { MemFs, type LayerData, type LayerEntry } from '../../fs/memfs';
import { basename, normalizePath, resolvePath } from '../../fs/path';
import type { FileSystem } from '../../fs/types';
import { resolveCommand } from '../../runtime/exec';
import { PidNamespace, type Kernel } from '../../runtime/kernel';
import { nullReader, type WriteStream } from '../../runtime/streams';
import { withDefaultTag, type DockerDaemon, type ImageRecord } from '../daemon';
import { expandWord, expandWords, instructionsFrom, parseDockerfile, ShellLex, type Command, type Stage } from '../dockerfile';
import { goQuote, goQuoteSlice } from '../../core/gotext';
import { catalog, findCatalogImage, imageLayers, pseudoDigest, type CatalogImage, type HistoryRow, type ImageConfig } from '../images';
import { familiarString, parseNormalizedNamed, referenceString } from '../reference';
import { lookupBuildUser } from '../users';
import { IgnoreMatcher, readIgnoreFile } from './dockerignore';
import type { ProgressEvent } from './progress';

export interface BuildOptions {
  readonly kernel: Kernel;
  /** Waits simulated time (the client process's sleep, so Ctrl-C ends it). */
  readonly sleep: (ms: number) => Promise<void>;
  /** Awaits a promise, ending early when the client is killed (ctx.wait). */
  readonly wait?: <T>(p: Promise<T>) => Promise<T>;
  /** The file system holding the context folder (the host's, as the client sees it). */
  readonly contextFs: FileSystem;
  /** Absolute path of the context folder. */
  readonly contextDir: string;
  /** Absolute path of the Dockerfile (default: `Dockerfile` in the context, then `dockerfile`). */
  readonly dockerfile?: string;
  /** The Dockerfile's text when it comes from stdin (`-f -`). */
  readonly dockerfileText?: string;
  readonly tags?: readonly string[];
  readonly buildArgs?: ReadonlyMap<string, string>;
  readonly labels?: ReadonlyMap<string, string>;
  readonly target?: string;
  readonly noCache?: boolean;
  readonly pull?: boolean;
  readonly onProgress?: (e: ProgressEvent) => void;
  /** The legacy builder's view (DOCKER_BUILDKIT=0): every instruction is a step with an image id. */
  readonly onLegacyStep?: (e: LegacyStep) => void;
}

/** A step as the legacy builder prints it (`Step 2/3 : RUN ...`, ` ---> Using cache`, ` ---> 5b7a1c3e9d20`). */
export type LegacyStep =
  | { readonly phase: 'start'; readonly n: number; readonly total: number; readonly text: string; readonly baseId?: string; readonly container: string }
  | { readonly phase: 'done'; readonly cached: boolean; readonly id: string; readonly container?: string };

export interface BuildFailure {
  readonly ok: false;
  /** What follows `failed to solve: `. */
  readonly message: string;
  /** BuildKit's excerpt of the Dockerfile around the failing instruction, when there is one. */
  readonly source?: { readonly file: string; readonly text: string; readonly start: number; readonly end: number };
}

export interface BuildWarning {
  readonly rule: string;
  readonly message: string;
  readonly line: number;
}

export type BuildResult =
  | {
      readonly ok: true;
      readonly image: ImageRecord;
      readonly warnings: readonly BuildWarning[];
      /** --build-arg names no ARG declared (the legacy builder warns; BuildKit does not, moby/buildkit#2128). */
      readonly unusedBuildArgs: readonly string[];
    }
  | BuildFailure;

/** Build args every build accepts without an ARG (proxies). */
const PREDEFINED_ARGS = new Set(['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy']);

/** The image config a build writes: docker inspect's fields, and the ones only builds set. */
export interface BuiltConfig extends ImageConfig {
  readonly Shell?: readonly string[];
  readonly OnBuild?: readonly string[];
  readonly Healthcheck?: { readonly Test: readonly string[]; readonly Interval?: number; readonly Timeout?: number; readonly StartPeriod?: number; readonly Retries?: number };
}

const BK = 'buildkit.dockerfile.v0';
const utf8 = new TextEncoder();
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

class Failed extends Error {
  constructor(
    readonly failure: BuildFailure,
  ) {
    super(failure.message);
  }
}

interface StageState {
  layers: LayerData[];
  config: MutableConfig;
  /** Newest last. */
  history: HistoryRow[];
  key: string;
  catalogRef?: string;
  /** Created time of the newest layer (metadata rows take it). */
  lastCreated: string;
  /** Sizes of the layers built here (packages at their installed size), by layer id. */
  sizes: Map<string, number>;
  args: Map<string, string | undefined>;
  shell: string[];
  cmdSetHere: boolean;
}

interface MutableConfig {
  Env: string[];
  Cmd: string[] | null;
  Entrypoint: string[] | null;
  WorkingDir: string;
  User: string;
  ExposedPorts: string[];
  Volumes: string[];
  StopSignal: string | null;
  Labels: Record<string, string>;
  Shell?: string[];
  OnBuild?: string[];
  Healthcheck?: BuiltConfig['Healthcheck'];
}

interface Base {
  ref: string;
  digest: string;
  id: string;
  layers: LayerData[];
  config: ImageConfig;
  history: readonly HistoryRow[];
  catalogRef?: string;
  cat?: CatalogImage;
}

interface Vertex {
  readonly id: string;
  readonly name: string;
  started?: number;
}

function hash(...parts: string[]): string {
  const text = parts.join('\u0000');
  let out = '';
  for (let i = 0; out.length < 32; i++) out += fnv1a(text, fnv1a(`k${i}`)).toString(16).padStart(8, '0');
  return out;
}

function entrySize(e: LayerEntry): number {
  if (e.type !== 'file') return 0;
  if ('text' in e) return utf8.encode(e.text).length;
  return Math.floor((e.base64.length * 3) / 4);
}

/** Sizes of layers already measured (layers are immutable data: a pure memo, no instance state). */
const sizes = new WeakMap<LayerData, number>();

/** Bytes of a layer's files. */
export function layerSize(l: LayerData): number {
  let n = sizes.get(l);
  if (n !== undefined) return n;
  n = 0;
  for (const e of Object.values(l.entries)) n += entrySize(e);
  sizes.set(l, n);
  return n;
}

/** Kilobytes the dpkg database says its packages take (apt installs placeholder files). */
function installedKb(fs: MemFs): number {
  let text: string;
  try {
    text = fs.readText('/var/lib/dpkg/status');
  } catch {
    return 0;
  }
  let kb = 0;
  for (const m of text.matchAll(/^Installed-Size: (\d+)$/gm)) kb += Number(m[1]);
  return kb;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function uppercaseCmd(s: string): string {
  const i = s.indexOf(' ');
  return i < 0 ? s.toUpperCase() : s.slice(0, i).toUpperCase() + s.slice(i);
}

/** Go's path.Match for one slash-separated path (a `*` never crosses `/`). */
function globMatch(pattern: string, name: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const j = pattern.indexOf(']', i + 1);
      if (j < 0) return false;
      re += `[${pattern.slice(i + 1, j).replace(/^\^|^!/, '^').replace(/\\/g, '\\\\')}]`;
      i = j;
    } else if (ch === '\\' && i + 1 < pattern.length) re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  try {
    return new RegExp(`${re}$`).test(name);
  } catch {
    return false;
  }
}

const hasGlob = (s: string) => /[*?[]/.test(s);

const runLex = new ShellLex({ rawQuotes: true, skipUnsetEnv: true });

/** Runs one build. Never throws on bad input: failures come back as values with BuildKit's words. */
export async function build(daemon: DockerDaemon, opts: BuildOptions): Promise<BuildResult> {
  return new Builder(daemon, opts).run();
}

class Builder {
  private nextVertex = 1;
  private readonly clock;
  private dfName = 'Dockerfile';
  private dfText = '';
  private contextFs: MemFs | undefined;
  private readonly warnings: BuildWarning[] = [];
  private readonly usedArgs = new Set<string>();
  private readonly stageResults = new Map<number, StageState>();

  constructor(
    private readonly daemon: DockerDaemon,
    private readonly opts: BuildOptions,
  ) {
    this.clock = opts.kernel.clock;
  }

  private now(): number {
    return this.clock.now();
  }

  private emit(e: ProgressEvent): void {
    this.opts.onProgress?.(e);
  }

  private vertex(name: string): Vertex {
    const v = { id: `v${this.nextVertex++}`, name };
    this.emit({ kind: 'vertex', vertex: { id: v.id, name } });
    return v;
  }

  private start(v: Vertex): void {
    v.started = this.now();
    this.emit({ kind: 'vertex', vertex: { id: v.id, name: v.name, started: v.started } });
  }

  private complete(v: Vertex, extra: { cached?: boolean; error?: string } = {}): void {
    v.started ??= this.now();
    this.emit({ kind: 'vertex', vertex: { id: v.id, name: v.name, started: v.started, completed: this.now(), ...extra } });
  }

  /** A status row that takes `ms` of simulated time. */
  private async status(v: Vertex, id: string, ms: number, bytes?: { current: number; total?: number }): Promise<void> {
    const started = this.now();
    if (ms > 0) {
      this.emit({ kind: 'status', vertex: v.id, id, started, current: bytes?.current, total: bytes?.total });
      await this.opts.sleep(ms);
    }
    this.emit({ kind: 'status', vertex: v.id, id, started, completed: this.now(), current: bytes?.current, total: bytes?.total });
  }

  private fail(message: string, loc?: { start: number; end: number }): never {
    throw new Failed({ ok: false, message, source: loc ? { file: this.dfName, text: this.dfText, start: loc.start, end: loc.end } : undefined });
  }

  async run(): Promise<BuildResult> {
    try {
      return await this.runOrThrow();
    } catch (e) {
      if (e instanceof Failed) return e.failure;
      throw e;
    }
  }

  private async runOrThrow(): Promise<BuildResult> {
    const o = this.opts;
    const fs = o.contextFs;
    // 1. The Dockerfile.
    let dfPath = o.dockerfile;
    if (!dfPath && o.dockerfileText === undefined) {
      dfPath = resolvePath(o.contextDir, 'Dockerfile');
      if (!fs.exists(dfPath) && fs.exists(resolvePath(o.contextDir, 'dockerfile'))) dfPath = resolvePath(o.contextDir, 'dockerfile');
    }
    this.dfName = o.dockerfileText !== undefined ? 'Dockerfile' : basename(dfPath!);
    const defV = this.vertex(`[internal] load build definition from ${this.dfName}`);
    this.start(defV);
    let text: string | undefined = o.dockerfileText;
    if (text === undefined) {
      try {
        if (fs.stat(dfPath!).type === 'file') text = fs.readText(dfPath!);
      } catch {
        text = undefined;
      }
    }
    if (text === undefined) {
      await this.status(defV, 'transferring dockerfile:', 10, { current: 2 });
      this.complete(defV);
      this.fail(`failed to read dockerfile: open ${this.dfName}: no such file or directory`);
    }
    this.dfText = text;
    const prevDf = this.daemon.buildCache.get(`dockerfile:${dfPath ?? '-'}`);
    const dfHash = hash(text);
    await this.status(defV, 'transferring dockerfile:', 10, { current: prevDf?.data === dfHash ? 32 : new TextEncoder().encode(text).length + 31 });
    this.daemon.buildCache.set(`dockerfile:${dfPath ?? '-'}`, { created: iso(this.now()), data: dfHash });
    this.complete(defV);

    // 2. Parse (the dockerfile frontend refuses an empty file before parsing it).
    if (text.length === 0) this.fail('the Dockerfile cannot be empty');
    const parsed = parseDockerfile(text);
    if (!parsed.ok) this.fail(parsed.error.message, parsed.error.location);
    for (const w of parsed.warnings) this.warnings.push({ rule: w.short.split(':')[0] ?? w.short, message: w.short, line: w.location.start });
    const inst = instructionsFrom(parsed.ast);
    if (!inst.ok) this.fail(inst.error.message, inst.error.location);
    const { stages, metaArgs } = inst.value;
    if (stages.length === 0) this.fail('the Dockerfile has no build stages', { start: 1, end: 1 });
    this.lint(stages);

    // Global ARGs (before the first FROM), with --build-arg values.
    const meta = new Map<string, string | undefined>();
    for (const a of metaArgs) {
      for (const kv of a.args) {
        this.usedArgs.add(kv.key);
        const given = o.buildArgs?.get(kv.key);
        let v = given;
        if (v === undefined && kv.value !== undefined) {
          const r = expandWord(kv.value, envOf(new Map(), meta));
          v = r.ok ? r.value : kv.value;
        }
        meta.set(kv.key, v);
      }
    }

    // 3. Which stages the target needs.
    let targetIdx = stages.length - 1;
    if (o.target) {
      targetIdx = stages.findIndex((s) => s.name === o.target!.toLowerCase());
      if (targetIdx < 0) this.fail(`target stage "${o.target}" could not be found`);
    }
    const baseNames = stages.map((s) => {
      const r = expandWord(s.baseName, envOf(new Map(), meta));
      if (!r.ok) this.fail(r.error, s.location);
      return r.value;
    });
    const stageIndex = (name: string, before: number): number | undefined => {
      const lower = name.toLowerCase();
      for (let i = 0; i < before; i++) if (stages[i]!.name === lower) return i;
      if (/^\d+$/.test(name) && Number(name) < before) return Number(name);
      return undefined;
    };
    const needed = new Set<number>();
    const need = (i: number): void => {
      if (needed.has(i)) return;
      needed.add(i);
      const s = stages[i]!;
      const dep = stageIndex(baseNames[i]!, i);
      if (dep !== undefined) need(dep);
      for (const c of s.commands) {
        if (c.kind === 'copy' && c.from) {
          const d = stageIndex(c.from, i);
          if (d !== undefined) need(d);
        }
      }
    };
    need(targetIdx);
    const order = [...needed].sort((a, b) => a - b);

    // 4. Base images: load metadata.
    const bases = new Map<string, Base>();
    const imageRefs: { name: string; loc: { start: number; end: number } }[] = [];
    for (const i of order) {
      const s = stages[i]!;
      const b = baseNames[i]!;
      if (stageIndex(b, i) === undefined && b !== 'scratch') imageRefs.push({ name: b, loc: s.location });
      for (const c of s.commands) if (c.kind === 'copy' && c.from && stageIndex(c.from, i) === undefined) imageRefs.push({ name: c.from, loc: c.location });
    }
    for (const { name, loc } of imageRefs) {
      if (bases.has(name)) continue;
      bases.set(name, await this.resolveBase(name, loc));
    }

    // 5. .dockerignore and the context.
    const ignoreV = this.vertex('[internal] load .dockerignore');
    this.start(ignoreV);
    const ignorePath = resolvePath(o.contextDir, '.dockerignore');
    let ignoreText = '';
    let ignoreBytes = 2;
    try {
      ignoreText = fs.readText(ignorePath);
      ignoreBytes = new TextEncoder().encode(ignoreText).length + 31;
    } catch {
      // no .dockerignore
    }
    await this.status(ignoreV, 'transferring context:', 10, { current: ignoreBytes });
    this.complete(ignoreV);
    const matcher = new IgnoreMatcher(readIgnoreFile(ignoreText));

    // 6. Every step, announced before the solve starts (the view's total counts them).
    const singleStage = stages.length === 1;
    interface Planned {
      stage: number;
      fromV?: Vertex;
      steps: Map<Command, Vertex>;
    }
    const plans: Planned[] = [];
    let usesContext = false;
    for (const i of order) {
      const s = stages[i]!;
      const prefixName = singleStage ? '' : `${s.name || `stage-${i}`} `;
      const b = baseNames[i]!;
      const fromStage = stageIndex(b, i) !== undefined;
      const isFs = (c: Command) => c.kind === 'run' || c.kind === 'copy' || c.kind === 'add' || c.kind === 'workdir';
      const total = (b === 'scratch' ? 0 : 1) + s.commands.filter(isFs).length;
      const width = String(total).length;
      let idx = 0;
      const label = (str: string) => `[${prefixName}${String(++idx).padStart(width)}/${total}] ${str}`;
      const plan: Planned = { stage: i, steps: new Map() };
      if (b !== 'scratch') {
        if (!fromStage) {
          const base = bases.get(b)!;
          plan.fromV = this.vertex(label(`FROM ${base.ref}@${base.digest}`));
        } else idx++;
      }
      // Names expand variables as BuildKit's processCmdEnv does, with the env known so far.
      const env = new Map<string, string>();
      const args = new Map<string, string | undefined>();
      for (const c of s.commands) {
        if (c.kind === 'env') for (const kv of c.env) env.set(kv.key, expandOr(kv.value, envOf(env, args)));
        if (c.kind === 'arg') for (const kv of c.args) args.set(kv.key, o.buildArgs?.get(kv.key) ?? (kv.value !== undefined ? expandOr(kv.value, envOf(env, args)) : meta.get(kv.key)));
        if (!isFs(c)) continue;
        if ((c.kind === 'copy' && !c.from) || c.kind === 'add') usesContext = true;
        // RUN: raw quotes, unset variables left as written, ENV only (dispatchRun's shlex).
        const shown = c.kind === 'run' ? runLex.processWord(c.code, env) : expandWord(c.code, env);
        plan.steps.set(c, this.vertex(label(uppercaseCmd(shown.ok ? shown.value : c.code))));
      }
      plans.push(plan);
    }
    this.legacyTotal = order.reduce((a, i) => a + 1 + stages[i]!.commands.length, 0);
    const contextV = usesContext ? this.vertex('[internal] load build context') : undefined;
    const exportV = this.vertex('exporting to image');

    // 7. Run the stages.
    let contextLoaded = false;
    for (const plan of plans) {
      const i = plan.stage;
      const s = stages[i]!;
      const b = baseNames[i]!;
      const dep = stageIndex(b, i);
      let st: StageState;
      if (dep !== undefined) {
        st = cloneState(this.stageResults.get(dep)!);
        st.args = new Map();
        st.cmdSetHere = false;
      } else if (b === 'scratch') {
        st = { layers: [], config: emptyConfig(), history: [], key: hash('scratch'), lastCreated: iso(this.now()), sizes: new Map(), args: new Map(), shell: ['/bin/sh', '-c'], cmdSetHere: false };
      } else {
        const base = bases.get(b)!;
        st = {
          layers: [...base.layers],
          config: toMutable(base.config),
          history: [...base.history].reverse(),
          key: hash('from', base.id),
          catalogRef: base.catalogRef,
          lastCreated: base.history[0]?.created ?? iso(this.now()),
          sizes: new Map(),
          args: new Map(),
          shell: [...((base.config as BuiltConfig).Shell ?? ['/bin/sh', '-c'])],
          cmdSetHere: false,
        };
        await this.runFrom(plan.fromV!, base);
        this.legacyKey = hash('legacy-from', base.id);
        this.legacyStart(s.sourceCode || `FROM ${s.baseName}`, base.id);
      }
      if (contextV && !contextLoaded) {
        contextLoaded = true;
        this.contextFs = await this.loadContext(contextV, matcher);
      }
      for (const c of s.commands) {
        this.legacyStart(c.code);
        this.lastCached = true;
        await this.dispatch(c, st, plan.steps.get(c), meta, stages, i, stageIndex);
        this.legacyDone(c.kind, c.code);
      }
      this.stageResults.set(i, st);
    }

    // 8. Export.
    const fin = this.stageResults.get(targetIdx)!;
    for (const [k, v] of o.labels ?? []) fin.config.Labels[k] = v;
    this.start(exportV);
    const config: BuiltConfig = freeze(fin.config);
    const history = stampHistory(fin.history, iso(this.now())).reverse();
    const layerIds = fin.layers.map((l) => l.id);
    const id = pseudoDigest(JSON.stringify({ architecture: 'amd64', os: 'linux', config, rootfs: layerIds, history }));
    const cat = fin.catalogRef ? findCatalogImage(fin.catalogRef) : undefined;
    const catLayers = new Set(cat ? imageLayers(cat).map((l) => l.id) : []);
    const own = fin.layers.filter((l) => !catLayers.has(l.id));
    const unexported = own.filter((l) => !this.daemon.buildCache.has(`exported:${l.id}`));
    const newBytes = unexported.reduce((a, l) => a + layerSize(l), 0);
    await this.status(exportV, 'exporting layers', unexported.length > 0 ? Math.round(80 + newBytes / 100_000) : 0);
    for (const l of unexported) this.daemon.buildCache.set(`exported:${l.id}`, { created: iso(this.now()) });
    await this.status(exportV, `writing image ${id}`, 0);
    const tags: string[] = [];
    for (const t of o.tags ?? []) {
      const p = parseNormalizedNamed(t);
      if (!p.ok) continue;
      const ref = withDefaultTag(p.value);
      tags.push(familiarString(ref));
      await this.status(exportV, `naming to ${referenceString(ref)}`, 0);
    }
    const ownSize = own.reduce((a, l) => a + (fin.sizes.get(l.id) ?? layerSize(l)), 0);
    const record = this.daemon.addImage(
      {
        id,
        created: history[0]?.created ?? iso(this.now()),
        config,
        layers: layerIds,
        size: (cat ? cat.size : 0) + ownSize,
        history,
        catalogRef: fin.catalogRef,
      },
      fin.layers,
      tags,
    );
    this.complete(exportV);
    const unusedBuildArgs = [...(o.buildArgs?.keys() ?? [])].filter((k) => !this.usedArgs.has(k) && !PREDEFINED_ARGS.has(k)).sort();
    return { ok: true, image: record, warnings: this.warnings, unusedBuildArgs };
  }

  /** The lint rules learners meet (BuildKit's linter, frontend/dockerfile/linter/ruleset.go). */
  private lint(stages: readonly Stage[]): void {
    for (const s of stages) {
      for (const c of s.commands) {
        if ((c.kind === 'cmd' || c.kind === 'entrypoint') && c.prependShell) {
          const name = c.kind === 'cmd' ? 'CMD' : 'ENTRYPOINT';
          this.warnings.push({ rule: 'JSONArgsRecommended', message: `JSON arguments recommended for ${name} to prevent unintended behavior related to OS signals`, line: c.location.start });
        }
      }
    }
  }

  private async resolveBase(name: string, loc: { start: number; end: number }): Promise<Base> {
    const parsed = parseNormalizedNamed(name);
    const ref = parsed.ok ? referenceString(withDefaultTag(parsed.value)) : name;
    const v = this.vertex(`[internal] load metadata for ${ref}`);
    this.start(v);
    const local = parsed.ok && !this.opts.pull ? this.daemon.image(name) : undefined;
    const cat = findCatalogImage(ref);
    if (local && (!cat || local.id !== cat.id)) {
      await this.opts.sleep(10);
      this.complete(v);
      const digest = local.repoDigests[0]?.replace(/^.*@/, '') ?? local.id;
      return { ref, digest, id: local.id, layers: [...this.daemon.imageLayers(local)], config: local.config, history: local.history, catalogRef: local.catalogRef };
    }
    if (!cat) {
      await this.opts.sleep(700);
      const why = parsed.ok && catalog().hasRepository(ref) ? `${ref}: not found` : 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
      const msg = `failed to resolve source metadata for ${ref}: ${why}`;
      this.complete(v, { error: msg });
      this.fail(`${name}: ${msg}`, loc);
    }
    const seen = this.daemon.buildCache.has(`pulled:${cat.id}`);
    await this.opts.sleep(seen ? 400 : 1100);
    this.complete(v);
    return { ref, digest: cat.repoDigest, id: cat.id, layers: [...imageLayers(cat)], config: cat.config, history: cat.history, catalogRef: cat.ref, cat };
  }

  private async runFrom(v: Vertex, base: Base): Promise<void> {
    this.start(v);
    if (base.cat && !this.daemon.buildCache.has(`pulled:${base.cat.id}`)) {
      await this.status(v, `resolve ${base.ref}@${base.digest}`, 0);
      const n = base.layers.length;
      const per = Math.round((base.cat.size * 0.4) / Math.max(1, n));
      for (const l of base.layers) await this.status(v, l.id, Math.min(4000, 150 + per / 25_000), { current: per, total: per });
      for (const l of base.layers) await this.status(v, `extracting ${l.id}`, Math.min(3000, 100 + per / 60_000));
      this.daemon.buildCache.set(`pulled:${base.cat.id}`, { created: iso(this.now()) });
    } else await this.opts.sleep(0);
    this.complete(v);
  }

  private async loadContext(v: Vertex, matcher: IgnoreMatcher): Promise<MemFs> {
    this.start(v);
    const o = this.opts;
    const ctx = new MemFs(this.clock);
    const prev = this.daemon.buildCache.get(`context:${o.contextDir}`);
    const prevSums: Record<string, string> = prev?.data ? (JSON.parse(prev.data) as Record<string, string>) : {};
    const sums: Record<string, string> = {};
    let sent = 0;
    const walk = (dir: string, rel: string): void => {
      let entries;
      try {
        entries = o.contextFs.readdir(dir);
      } catch {
        return;
      }
      for (const e of entries) {
        const p = `${dir === '/' ? '' : dir}/${e.name}`;
        const r = rel ? `${rel}/${e.name}` : e.name;
        const excluded = matcher.excluded(r);
        let st;
        try {
          st = o.contextFs.lstat(p);
        } catch {
          continue;
        }
        if (st.type === 'dir') {
          if (excluded && !matcher.hasExceptions) continue;
          if (!excluded) ctx.mkdir(`/${r}`, { recursive: true, mode: st.mode });
          walk(p, r);
          if (!excluded) ctx.utimes(`/${r}`, st.mtime);
          continue;
        }
        if (excluded) continue;
        const parent = `/${r}`.slice(0, `/${r}`.lastIndexOf('/')) || '/';
        if (!ctx.exists(parent)) ctx.mkdir(parent, { recursive: true });
        if (st.type === 'symlink') {
          ctx.symlink(o.contextFs.readlink(p), `/${r}`);
          continue;
        }
        if (st.type !== 'file') continue;
        let data: Uint8Array;
        try {
          data = o.contextFs.readFile(p);
        } catch {
          continue;
        }
        ctx.writeFile(`/${r}`, data, { mode: st.mode });
        ctx.utimes(`/${r}`, st.mtime);
        const sum = hash(String(st.mode), new TextDecoder().decode(data));
        sums[r] = sum;
        if (prevSums[r] !== sum) sent += data.length;
      }
    };
    walk(normalizePath(o.contextDir), '');
    this.daemon.buildCache.set(`context:${o.contextDir}`, { created: iso(this.now()), data: JSON.stringify(sums) });
    await this.status(v, 'transferring context:', Math.round(20 + sent / 500_000), { current: sent > 0 ? sent + 32 : 2 });
    this.complete(v);
    return ctx;
  }

  private env(st: StageState): Map<string, string> {
    const m = new Map<string, string>();
    for (const [k, v] of st.args) if (v !== undefined) m.set(k, v);
    for (const e of st.config.Env) {
      const i = e.indexOf('=');
      m.set(i < 0 ? e : e.slice(0, i), i < 0 ? '' : e.slice(i + 1));
    }
    return m;
  }

  private expand(st: StageState, word: string, loc: { start: number; end: number }): string {
    const r = expandWord(word, this.env(st));
    if (!r.ok) this.fail(r.error, loc);
    return r.value;
  }

  private meta(st: StageState, createdBy: string): void {
    // BuildKit's dockerfile2llb leaves a metadata row's time unset (''); the exporter fills it
    // (stampHistory). The legacy builder committed each step at its own time.
    st.history.push({ created: this.opts.onLegacyStep ? st.lastCreated : '', createdBy, size: 0, comment: BK, emptyLayer: true });
  }

  private async dispatch(
    c: Command,
    st: StageState,
    v: Vertex | undefined,
    meta: Map<string, string | undefined>,
    stages: readonly Stage[],
    stageIdx: number,
    stageIndex: (name: string, before: number) => number | undefined,
  ): Promise<void> {
    const o = this.opts;
    const loc = c.location;
    switch (c.kind) {
      case 'env': {
        const parts: string[] = [];
        for (const kv of c.env) {
          const key = this.expand(st, kv.key, loc);
          const val = this.expand(st, kv.value, loc);
          setEnv(st.config.Env, key, val);
          parts.push(`${key}=${val}`);
        }
        this.meta(st, `ENV ${parts.join(' ')}`);
        return;
      }
      case 'arg': {
        const parts: string[] = [];
        for (const kv of c.args) {
          this.usedArgs.add(kv.key);
          let val = o.buildArgs?.get(kv.key);
          if (val === undefined && kv.value !== undefined) val = this.expand(st, kv.value, loc);
          if (val === undefined) val = meta.get(kv.key);
          st.args.set(kv.key, val);
          parts.push(kv.value !== undefined ? `${kv.key}=${kv.value}` : kv.key);
        }
        this.meta(st, `ARG ${parts.join(' ')}`);
        return;
      }
      case 'label': {
        const parts: string[] = [];
        for (const kv of c.labels) {
          const key = this.expand(st, kv.key, loc);
          const val = this.expand(st, kv.value, loc);
          st.config.Labels[key] = val;
          parts.push(`${key}=${val}`);
        }
        this.meta(st, `LABEL ${parts.join(' ')}`);
        return;
      }
      case 'maintainer':
        this.meta(st, `MAINTAINER ${c.maintainer}`);
        return;
      case 'expose': {
        const ports: string[] = [];
        for (const p of c.ports) {
          const r = expandWords(p, this.env(st));
          if (!r.ok) this.fail(r.error, loc);
          for (const w of r.value) ports.push(w.includes('/') ? w.toLowerCase() : `${w}/tcp`);
        }
        for (const p of ports) if (!st.config.ExposedPorts.includes(p)) st.config.ExposedPorts.push(p);
        this.meta(st, `EXPOSE map[${[...new Set(ports)].sort().map((p) => `${p}:{}`).join(' ')}]`);
        return;
      }
      case 'user':
        st.config.User = this.expand(st, c.user, loc);
        this.meta(st, `USER ${st.config.User}`);
        return;
      case 'volume': {
        const vols = c.volumes.map((x) => this.expand(st, x, loc));
        for (const x of vols) if (!st.config.Volumes.includes(x)) st.config.Volumes.push(x);
        this.meta(st, `VOLUME [${vols.join(' ')}]`);
        return;
      }
      case 'stopsignal':
        st.config.StopSignal = this.expand(st, c.signal, loc);
        this.meta(st, `STOPSIGNAL ${st.config.StopSignal}`);
        return;
      case 'healthcheck': {
        const h = c.health;
        st.config.Healthcheck = { Test: [...h.test], Interval: h.interval || undefined, Timeout: h.timeout || undefined, StartPeriod: h.startPeriod || undefined, Retries: h.retries || undefined };
        this.meta(st, `HEALTHCHECK &{${goQuoteSlice(h.test)} "${h.interval / 1e9}s" "${h.timeout / 1e9}s" "${h.startPeriod / 1e9}s" "${h.startInterval / 1e9}s" '\\x${h.retries.toString(16).padStart(2, '0')}'}`);
        return;
      }
      case 'shell':
        st.shell = [...c.shell];
        st.config.Shell = [...c.shell];
        this.meta(st, `SHELL [${c.shell.join(' ')}]`);
        return;
      case 'onbuild':
        (st.config.OnBuild ??= []).push(c.expression);
        this.meta(st, `ONBUILD ${c.expression}`);
        return;
      case 'cmd': {
        const args = c.prependShell ? [...st.shell, c.cmdLine.join(' ')] : [...c.cmdLine];
        st.config.Cmd = args;
        st.cmdSetHere = true;
        this.meta(st, `CMD ${goQuoteSlice(args)}`);
        return;
      }
      case 'entrypoint': {
        const args = c.prependShell ? [...st.shell, c.cmdLine.join(' ')] : [...c.cmdLine];
        st.config.Entrypoint = args.length ? args : null;
        if (!st.cmdSetHere) st.config.Cmd = null;
        this.meta(st, `ENTRYPOINT ${goQuoteSlice(args)}`);
        return;
      }
      case 'workdir': {
        const p = this.expand(st, c.path, loc);
        const wd = resolvePath(st.config.WorkingDir || '/', p);
        st.config.WorkingDir = wd;
        await this.fsStep(st, v!, hash(st.key, 'workdir', wd, st.config.User), `WORKDIR ${wd}`, 0, async (fs) => {
          if (!fs.exists(wd)) fs.mkdir(wd, { recursive: true });
          await this.opts.sleep(10);
        }, true);
        return;
      }
      case 'run':
        return this.runStep(c, st, v!);
      case 'copy':
      case 'add':
        return this.copyStep(c, st, v!, stages, stageIdx, stageIndex);
    }
  }

  /** Runs (or finds in the cache) a file system step and records its layer and history row. */
  private async fsStep(st: StageState, v: Vertex, key: string, createdBy: string, _hint: number, work: (fs: MemFs) => Promise<void>, noSuffix = false): Promise<void> {
    const cached = this.opts.noCache ? undefined : this.daemon.buildCache.get(`step:${key}`);
    const layer = cached?.layer ? this.daemon.layer(cached.layer) : undefined;
    const by = noSuffix ? createdBy : `${createdBy} # buildkit`;
    if (cached && (cached.layer === undefined || layer)) {
      this.lastCached = !this.lastLegacyMiss;
      this.start(v);
      this.complete(v, { cached: true });
      if (layer) st.layers.push(layer);
      const size = layer ? (cached.data !== undefined ? Number(cached.data) : layerSize(layer)) : 0;
      if (layer) st.sizes.set(layer.id, size);
      st.history.push({ created: cached.created, createdBy: by, size, comment: BK, emptyLayer: !layer });
      st.lastCreated = cached.created;
      st.key = key;
      return;
    }
    this.lastCached = false;
    this.start(v);
    const fs = MemFs.fromLayers(st.layers, this.clock);
    const kbBefore = installedKb(fs);
    await work(fs);
    const diff = fs.diff();
    const made = Object.keys(diff.entries).length > 0 ? diff : undefined;
    if (made) {
      this.daemon.addLayer(made);
      st.layers.push(made);
    }
    const created = iso(this.now());
    // Packages count with the size dpkg records for them (their files here are placeholders).
    const size = made ? layerSize(made) + Math.max(0, installedKb(fs) - kbBefore) * 1000 : 0;
    this.daemon.buildCache.set(`step:${key}`, { layer: made?.id, created, data: String(size) });
    st.sizes.set(made?.id ?? '', size);
    st.history.push({ created, createdBy: by, size, comment: BK, emptyLayer: !made });
    st.lastCreated = created;
    st.key = key;
    this.complete(v);
  }

  private async runStep(c: Extract<Command, { kind: 'run' }>, st: StageState, v: Vertex): Promise<void> {
    this.currentLoc = c.location;
    let args: string[];
    if (c.prependShell) {
      const script = c.files.length > 0 && c.cmdLine.join(' ').trim().startsWith('<<') ? (c.files[0]?.data ?? '') : c.cmdLine.join(' ');
      args = [...st.shell, script];
    } else args = [...c.cmdLine];
    const buildEnv: string[] = [];
    for (const [k, val] of st.args) {
      const e = this.env(st);
      const cur = st.config.Env.some((x) => x.startsWith(`${k}=`)) ? undefined : (e.get(k) ?? val);
      if (cur !== undefined) buildEnv.push(`${k}=${cur}`);
    }
    const argsStr = [...(buildEnv.length ? [`|${buildEnv.length}`, ...buildEnv] : []), ...args].join(' ');
    const env = this.env(st);
    const key = hash(st.key, 'run', JSON.stringify(args), JSON.stringify([...env].sort()), st.config.WorkingDir, st.config.User);
    let status = 0;
    await this.fsStep(st, v, key, `RUN ${argsStr}`, 0, async (fs) => {
      status = await this.exec(fs, args, env, st, v);
    });
    void status;
  }

  /** A RUN process in a build container; a failure fails the build. */
  private async exec(fs: MemFs, args: string[], env: Map<string, string>, st: StageState, v: Vertex): Promise<number> {
    const kernel = this.opts.kernel;
    if (!env.has('PATH')) env.set('PATH', DEFAULT_PATH);
    if (!env.has('HOSTNAME')) env.set('HOSTNAME', 'buildkitsandbox');
    if (!env.has('HOME')) env.set('HOME', '/root');
    const cwd = st.config.WorkingDir || '/';
    if (!fs.exists(cwd)) fs.mkdir(cwd, { recursive: true });
    const processName = args.join(' ');
    const failStep = (why: string): never => {
      this.complete(v, { error: why });
      this.fail(why, this.currentLoc);
    };
    await this.opts.sleep(120);
    // The runc executor resolves the user (oci.GetUser) before it starts the process.
    const user = lookupBuildUser(st.config.User, fs);
    if (!user.ok) failStep(`process "${processName}" did not complete successfully: ${user.error}`);
    const lookup = { fs, cwd, env, kernel };
    const r = resolveCommand(lookup, args[0] ?? '');
    let argv = args;
    let program;
    if (r.kind === 'program') program = r.program;
    else if (r.kind === 'script') {
      const ir = resolveCommand(lookup, r.interpreter);
      if (ir.kind === 'program') {
        program = ir.program;
        argv = [r.interpreter, ...(r.interpreterArg ? [r.interpreterArg] : []), r.path, ...args.slice(1)];
      }
    }
    if (!program) {
      const a0 = args[0] ?? '';
      const why = r.kind === 'error' && r.code === 'NOTFOUND' && !a0.includes('/') ? `exec: "${a0}": executable file not found in $PATH` : `exec: "${a0}": stat ${a0}: no such file or directory`;
      failStep(`process "${processName}" did not complete successfully: runc run failed: unable to start container process: error during container init: ${why}: unknown`);
    }
    const decoder = new TextDecoder();
    const writer: WriteStream = {
      isTTY: false,
      write: (data) => {
        const text = typeof data === 'string' ? data : decoder.decode(data, { stream: true });
        if (text) this.emit({ kind: 'log', vertex: v.id, data: text, timestamp: this.now() });
        return Promise.resolve();
      },
      close: () => {},
    };
    const proc = kernel.spawn({
      argv,
      program: program!,
      env,
      cwd,
      fs,
      stdio: { stdin: nullReader, stdout: writer, stderr: writer },
      user: user.ok ? user.value : { uid: 0, gid: 0, groups: [0] },
      ns: { hostname: 'buildkitsandbox', pid: new PidNamespace() },
    });
    let info;
    try {
      info = this.opts.wait ? await this.opts.wait(proc.exited) : await proc.exited;
    } catch (e) {
      kernel.kill(proc.pid, 'SIGKILL');
      throw e;
    }
    if (info.status !== 0) failStep(`process "${processName}" did not complete successfully: exit code: ${info.status}`);
    return info.status;
  }

  private currentLoc: { start: number; end: number } | undefined;
  /** Whether the last file system step came from the cache. */
  private lastCached = true;
  private legacyKey = '';
  private legacyN = 0;
  private legacyTotal = 0;

  private legacyStart(text: string, baseId?: string): void {
    if (!this.opts.onLegacyStep) return;
    this.legacyContainer = this.opts.kernel.ids.hex('build-container', 64);
    this.opts.onLegacyStep({ phase: 'start', n: ++this.legacyN, total: this.legacyTotal, text, baseId, container: this.legacyContainer });
    if (baseId) this.opts.onLegacyStep({ phase: 'done', cached: false, id: baseId });
  }

  /** After an instruction: the legacy builder's cache is a chain of intermediate images. */
  private legacyDone(kind: Command['kind'], code: string): void {
    if (!this.opts.onLegacyStep) return;
    const key = hash(this.legacyKey, code);
    const hit = !this.opts.noCache && this.lastCached && this.daemon.buildCache.has(`legacy:${key}`);
    this.daemon.buildCache.set(`legacy:${key}`, { created: iso(this.now()) });
    this.legacyKey = key;
    const container = hit || kind === 'copy' || kind === 'add' ? undefined : this.legacyContainer;
    this.opts.onLegacyStep({ phase: 'done', cached: hit, id: pseudoDigest(`legacy:${key}`), container });
    if (!hit) this.lastLegacyMiss = true;
  }

  private lastLegacyMiss = false;
  private legacyContainer = '';

  private async copyStep(
    c: Extract<Command, { kind: 'copy' | 'add' }>,
    st: StageState,
    v: Vertex,
    stages: readonly Stage[],
    stageIdx: number,
    stageIndex: (name: string, before: number) => number | undefined,
  ): Promise<void> {
    const loc = c.location;
    this.currentLoc = loc;
    const name = c.kind === 'add' ? 'ADD' : 'COPY';
    const from = c.kind === 'copy' ? c.from : '';
    let src: MemFs;
    if (from) {
      const si = stageIndex(from, stageIdx);
      if (si !== undefined) src = MemFs.fromLayers(this.stageResults.get(si)!.layers, this.clock);
      else {
        const base = await this.baseFor(from, loc);
        src = MemFs.fromLayers(base.layers, this.clock);
      }
    } else src = this.contextFs ?? new MemFs(this.clock);
    void stages;
    const sources = c.sourcePaths.map((p) => this.expand(st, p, loc));
    let dest = this.expand(st, c.destPath, loc);
    for (const s of sources) {
      if (/^(https?|git):\/\//.test(s) || s.startsWith('git@')) this.fail(`dockyard: ${name} of a URL (${s}) is not simulated here`, loc);
      if (c.kind === 'add' && /\.(tar|tar\.gz|tgz|tar\.xz|txz|tar\.bz2|tbz2)$/.test(s)) this.fail(`dockyard: ADD of a local tar archive (${s}) is not simulated here`, loc);
    }
    if (sources.length + c.sourceContents.length > 1 && !dest.endsWith('/')) this.fail(`When using ${name} with more than one source file, the destination must be a directory and end with a /`, loc);
    const destDirGiven = dest.endsWith('/') || dest === '.' || dest.endsWith('/.');
    dest = resolvePath(st.config.WorkingDir || '/', dest);
    // Matches, in the source tree.
    const all = listTree(src);
    const matches: string[] = [];
    for (const s of sources) {
      const clean = normalizePath(`/${s}`);
      if (hasGlob(s)) {
        const found = all.filter((p) => globMatch(clean, p));
        if (found.length === 0) this.notFound(clean, loc, v);
        matches.push(...found);
      } else {
        if (!src.exists(clean) && !isLink(src, clean)) this.notFound(clean, loc, v);
        matches.push(clean);
      }
    }
    // Checksum of contents and modes, never mtimes.
    const parts: string[] = [];
    for (const m of matches) for (const p of [m, ...all.filter((x) => x.startsWith(`${m === '/' ? '' : m}/`))]) parts.push(`${p.slice(m === '/' ? 0 : m.lastIndexOf('/'))}\u0001${describe(src, p)}`);
    const key = hash(st.key, c.kind, hash(...parts), dest, String(destDirGiven), c.chown, c.chmod, JSON.stringify(c.sourceContents));
    let bytes = 0;
    await this.fsStep(st, v, key, [name, ...(c.chown ? [`--chown=${c.chown}`] : []), ...(c.chmod ? [`--chmod=${c.chmod}`] : []), ...sources, ...c.sourceContents.map((x) => `<<${x.path}`), this.expand(st, c.destPath, loc)].join(' '), 0, async (fs) => {
      const owner = c.chown ? ownerOf(c.chown, fs) : { uid: 0, gid: 0 };
      const mode = c.chmod ? parseInt(c.chmod, 8) : undefined;
      const multiple = matches.length > 1 || sources.some(hasGlob);
      const ensureDir = (d: string) => {
        if (!fs.exists(d)) fs.mkdir(d, { recursive: true });
      };
      const copyOne = (from: string, to: string): void => {
        const stt = src.lstat(from);
        if (stt.type === 'dir') {
          ensureDir(to);
          fs.chown(to, owner.uid, owner.gid);
          for (const e of src.readdir(from)) copyOne(`${from === '/' ? '' : from}/${e.name}`, `${to === '/' ? '' : to}/${e.name}`);
          return;
        }
        ensureDir(to.slice(0, to.lastIndexOf('/')) || '/');
        if (fs.exists(to) && fs.lstat(to).type === 'dir') fs.rm(to, { recursive: true });
        if (stt.type === 'symlink') {
          if (fs.exists(to) || isLink(fs, to)) fs.rm(to);
          fs.symlink(src.readlink(from), to);
          return;
        }
        const data = src.readFile(from);
        bytes += data.length;
        fs.writeFile(to, data, { mode: mode ?? stt.mode });
        fs.chmod(to, mode ?? stt.mode);
        fs.chown(to, owner.uid, owner.gid);
        fs.utimes(to, stt.mtime);
      };
      for (const m of matches) {
        const stt = src.lstat(m);
        const destIsDir = destDirGiven || multiple || (fs.exists(dest) && fs.stat(dest).type === 'dir');
        if (stt.type === 'dir') copyOne(m, dest);
        else copyOne(m, destIsDir ? `${dest === '/' ? '' : dest}/${m.slice(m.lastIndexOf('/') + 1)}` : dest);
      }
      for (const h of c.sourceContents) {
        const to = destDirGiven ? `${dest === '/' ? '' : dest}/${h.path}` : dest;
        ensureDir(to.slice(0, to.lastIndexOf('/')) || '/');
        fs.writeFile(to, h.data, { mode: mode ?? 0o644 });
      }
      await this.opts.sleep(Math.round(30 + bytes / 50_000));
    });
  }

  private async baseFor(name: string, loc: { start: number; end: number }): Promise<Base> {
    return this.resolveBase(name, loc);
  }

  private notFound(path: string, loc: { start: number; end: number }, v: Vertex): never {
    const ids = this.opts.kernel.ids;
    const h = ids.hex('build-ref', 32);
    const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    const ref = ids.string('build-ref', 25, 'abcdefghijklmnopqrstuvwxyz0123456789');
    const why = `failed to calculate checksum of ref ${uuid}::${ref}: ${goQuote(path)}: not found`;
    this.start(v);
    this.complete(v, { error: why });
    this.fail(`failed to compute cache key: ${why}`, loc);
  }
}

function isLink(fs: MemFs, p: string): boolean {
  try {
    return fs.lstat(p).type === 'symlink';
  } catch {
    return false;
  }
}

function listTree(fs: MemFs): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdir(d)) {
      const p = `${d === '/' ? '' : d}/${e.name}`;
      out.push(p);
      if (e.type === 'dir') walk(p);
    }
  };
  walk('/');
  return out;
}

function describe(fs: MemFs, p: string): string {
  const st = fs.lstat(p);
  if (st.type === 'dir') return `d${st.mode.toString(8)}`;
  if (st.type === 'symlink') return `l${fs.readlink(p)}`;
  return `f${st.mode.toString(8)}:${hash(new TextDecoder().decode(fs.readFile(p)))}`;
}

function envOf(env: ReadonlyMap<string, string>, args: ReadonlyMap<string, string | undefined>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of args) if (v !== undefined) m.set(k, v);
  for (const [k, v] of env) m.set(k, v);
  return m;
}

function expandOr(word: string, env: ReadonlyMap<string, string>): string {
  const r = expandWord(word, env);
  return r.ok ? r.value : word;
}

function setEnv(list: string[], key: string, val: string): void {
  const i = list.findIndex((e) => e === key || e.startsWith(`${key}=`));
  if (i >= 0) list[i] = `${key}=${val}`;
  else list.push(`${key}=${val}`);
}

function emptyConfig(): MutableConfig {
  return { Env: [`PATH=${DEFAULT_PATH}`], Cmd: null, Entrypoint: null, WorkingDir: '', User: '', ExposedPorts: [], Volumes: [], StopSignal: null, Labels: {} };
}

function toMutable(c: ImageConfig): MutableConfig {
  const b = c as BuiltConfig;
  const m: MutableConfig = {
    Env: [...c.Env],
    Cmd: c.Cmd ? [...c.Cmd] : null,
    Entrypoint: c.Entrypoint ? [...c.Entrypoint] : null,
    WorkingDir: c.WorkingDir,
    User: c.User,
    ExposedPorts: [...c.ExposedPorts],
    Volumes: [...c.Volumes],
    StopSignal: c.StopSignal,
    Labels: { ...c.Labels },
  };
  if (b.Shell) m.Shell = [...b.Shell];
  if (b.Healthcheck) m.Healthcheck = b.Healthcheck;
  return m;
}

function freeze(c: MutableConfig): BuiltConfig {
  return { ...c, Env: [...c.Env], Labels: { ...c.Labels } };
}

function cloneState(s: StageState): StageState {
  return { ...s, layers: [...s.layers], config: toMutable(freeze(s.config)), history: [...s.history], args: new Map(s.args), shell: [...s.shell], sizes: new Map(s.sizes) };
}

/** `--chown=user:group` with names from the build container's /etc/passwd and /etc/group. */
function ownerOf(spec: string, fs: FileSystem): { uid: number; gid: number } {
  const [u = '', g] = spec.split(':');
  const look = (file: string, name: string): number | undefined => {
    if (/^\d+$/.test(name)) return Number(name);
    try {
      const line = fs
        .readText(file)
        .split('\n')
        .find((l) => l.split(':')[0] === name);
      return line ? Number(line.split(':')[2]) : undefined;
    } catch {
      return undefined;
    }
  };
  const uid = look('/etc/passwd', u) ?? 0;
  const gid = g !== undefined ? (look('/etc/group', g) ?? 0) : uid;
  return { uid, gid };
}

/**
 * BuildKit's exporter (normalizeLayersAndHistory): rows without a time (metadata instructions of
 * this build) get the time of the first layer this build made after the first of them, and rows
 * after a later layer get that layer's; with no new layer after them, the last layer's time (the
 * base image's, when the build only changed metadata; `now` when there is none). Oldest first.
 */
export function stampHistory(rows: readonly HistoryRow[], now: string): HistoryRow[] {
  let created: string | undefined;
  let unset = false;
  for (const h of rows) {
    if (h.created !== '') {
      created = h.created;
      if (unset) break;
    } else unset = true;
  }
  unset = false;
  return rows.map((h) => {
    if (h.created !== '') {
      if (unset) created = h.created;
      return h;
    }
    unset = true;
    return { ...h, created: created ?? now };
  });
}
