/**
 * Loading a Compose project as compose-go v2.7 (cli/options.go, loader/) and compose v2.38
 * (cmd/compose/compose.go ToProject) do it: find the file (compose.yaml, compose.yml,
 * docker-compose.yml, docker-compose.yaml in the working directory or above, plus an override
 * file), the project name (-p, COMPOSE_PROJECT_NAME, `name:`, the folder's normalised name),
 * `.env` and interpolation, YAML parsing, schema validation per file, merging of several `-f`
 * files, the canonical form (short syntaxes to long ones, relative paths resolved), consistency
 * checks, and the normalised model the commands use and `config` prints.
 */
import type { FileSystem } from '../../engine/fs/types';
import { basename, dirname, resolvePath } from '../../engine/fs/path';
import { interpolateTree, parseDotEnv, type Lookup } from './interpolate';
import { validateCompose } from './schema';
import { parseComposeYaml } from './yaml';
import { goDurationString, type HealthConfig } from '../../engine/docker/health';

export const DEFAULT_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
export const DEFAULT_OVERRIDE_FILE_NAMES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];

export type Dict = Record<string, unknown>;

export interface PortConfig {
  readonly mode: string;
  readonly host_ip?: string;
  readonly target: number;
  readonly published?: string;
  readonly protocol: string;
}

export interface VolumeMount {
  readonly type: 'volume' | 'bind' | 'tmpfs';
  readonly source?: string;
  readonly target: string;
  readonly read_only?: boolean;
}

export interface DependsOn {
  readonly condition: string;
  readonly required: boolean;
  readonly restart?: boolean;
}

export interface ServiceConfig {
  readonly name: string;
  readonly image?: string;
  readonly build?: { readonly context: string; readonly dockerfile: string; readonly args: Readonly<Record<string, string | null>>; readonly target?: string };
  readonly command?: readonly string[] | null;
  readonly entrypoint?: readonly string[] | null;
  readonly environment: Readonly<Record<string, string | null>>;
  readonly ports: readonly PortConfig[];
  readonly expose: readonly string[];
  readonly volumes: readonly VolumeMount[];
  readonly networks: Readonly<Record<string, { readonly aliases?: readonly string[] } | null>>;
  readonly dependsOn: Readonly<Record<string, DependsOn>>;
  readonly restart?: string;
  readonly containerName?: string;
  readonly hostname?: string;
  readonly workingDir?: string;
  readonly user?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly tty: boolean;
  readonly stdinOpen: boolean;
  readonly healthcheck?: Dict;
  readonly pullPolicy?: string;
  /** The normalised dict `config` prints (and the config hash covers). */
  readonly dict: Dict;
}

export interface NetworkConfig {
  readonly name: string;
  readonly external: boolean;
  readonly driver?: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface VolumeConfig {
  readonly name: string;
  readonly external: boolean;
  readonly labels: Readonly<Record<string, string>>;
}

export interface Project {
  readonly name: string;
  readonly workingDir: string;
  readonly composeFiles: readonly string[];
  /** Services by name, sorted by name. */
  readonly services: ReadonlyMap<string, ServiceConfig>;
  /** Services the command did not select (still part of the model, for dependencies). */
  readonly disabled: ReadonlyMap<string, ServiceConfig>;
  readonly networks: ReadonlyMap<string, NetworkConfig>;
  readonly volumes: ReadonlyMap<string, VolumeConfig>;
  /** The whole normalised model, `name` first, as `docker compose config` prints it. */
  readonly model: Dict;
  readonly envFiles: readonly string[];
}

export interface LoadOptions {
  readonly fs: FileSystem;
  readonly cwd: string;
  /** The process environment. */
  readonly env: ReadonlyMap<string, string>;
  /** `-f`. */
  readonly files: readonly string[];
  /** `-p`. */
  readonly projectName?: string;
  readonly projectDirectory?: string;
  /** `--env-file`. */
  readonly envFiles?: readonly string[];
  /** Services named on the command line. */
  readonly services?: readonly string[];
  /** Keep the services' env_file (config --no-... is not simulated: always resolved). */
  readonly skipConsistency?: boolean;
}

export type LoadResult = { ok: true; project: Project; warnings: string[] } | { ok: false; error: string; warnings: string[] };

/** compose-go's NormalizeProjectName. */
export function normalizeProjectName(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}

export function invalidProjectName(v: string): string {
  return `invalid project name ${JSON.stringify(v)}: must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number`;
}

function isFile(fs: FileSystem, p: string): boolean {
  try {
    return fs.stat(p).type === 'file';
  } catch {
    return false;
  }
}

/** WithDefaultConfigPath: the first directory from `dir` upwards holding a Compose file. */
export function findConfigFiles(fs: FileSystem, dir: string): { files: string[]; warnings: string[] } {
  const warnings: string[] = [];
  let d = dir;
  for (;;) {
    const candidates = DEFAULT_FILE_NAMES.map((n) => resolvePath(d, n)).filter((p) => isFile(fs, p));
    if (candidates.length > 0) {
      if (candidates.length > 1) {
        warnings.push(`Found multiple config files with supported names: ${candidates.join(', ')}`);
        warnings.push(`Using ${candidates[0]!}`);
      }
      const files = [candidates[0]!];
      const overrides = DEFAULT_OVERRIDE_FILE_NAMES.map((n) => resolvePath(d, n)).filter((p) => isFile(fs, p));
      if (overrides.length > 0) {
        if (overrides.length > 1) {
          warnings.push(`Found multiple override files with supported names: ${overrides.join(', ')}`);
          warnings.push(`Using ${overrides[0]!}`);
        }
        files.push(overrides[0]!);
      }
      return { files, warnings };
    }
    const parent = dirname(d);
    if (parent === d) return { files: [], warnings };
    d = parent;
  }
}

// ------------------------------------------------------------------ merging (override.Merge)

const isDict = (v: unknown): v is Dict => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Merges two service dicts as compose-go's override does for the common keys. */
function mergeService(base: Dict, over: Dict): Dict {
  const out: Dict = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    if (k === 'command' || k === 'entrypoint' || k === 'healthcheck' && !isDict(v)) out[k] = v;
    else if ((k === 'ports' || k === 'expose' || k === 'dns' || k === 'env_file') && Array.isArray(b) && Array.isArray(v)) out[k] = [...b, ...v];
    else if (k === 'volumes' && Array.isArray(b) && Array.isArray(v)) {
      // Mounts are keyed by their target: an override replaces the mount at the same path.
      const target = (x: unknown) => (typeof x === 'string' ? (x.split(':')[1] ?? x.split(':')[0]) : isDict(x) ? String(x.target) : '');
      const rest = b.filter((x) => !v.some((y) => target(y) === target(x)));
      out[k] = [...rest, ...v];
    } else if ((k === 'environment' || k === 'labels') && b !== undefined) out[k] = { ...toMap(b), ...toMap(v) };
    else if (isDict(b) && isDict(v)) out[k] = mergeDeep(b, v);
    else out[k] = v;
  }
  return out;
}

function mergeDeep(a: Dict, b: Dict): Dict {
  const out: Dict = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isDict(out[k]) && isDict(v) ? mergeDeep(out[k] as Dict, v) : v;
  return out;
}

function mergeModels(base: Dict, over: Dict): Dict {
  const out: Dict = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (k === 'services' && isDict(base.services) && isDict(v)) {
      const svcs: Dict = { ...base.services };
      for (const [name, s] of Object.entries(v)) svcs[name] = isDict(svcs[name]) && isDict(s) ? mergeService(svcs[name] as Dict, s) : s;
      out.services = svcs;
    } else if (isDict(out[k]) && isDict(v)) out[k] = mergeDeep(out[k] as Dict, v);
    else out[k] = v;
  }
  return out;
}

// ------------------------------------------------------------------ canonical forms

/** A list of `K=V` (or a map) as a map; a bare `K` maps to null. */
function toMap(v: unknown): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (Array.isArray(v)) {
    for (const item of v) {
      const s = String(item);
      const i = s.indexOf('=');
      if (i < 0) out[s] = null;
      else out[s.slice(0, i)] = s.slice(i + 1);
    }
  } else if (isDict(v)) {
    for (const [k, x] of Object.entries(v)) out[k] = x === null || x === undefined ? null : String(x);
  }
  return out;
}

/** go-shellwords / shlex split of a `command:` string. */
export function shellSplit(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
      i++;
      continue;
    }
    has = true;
    if (c === "'") {
      const j = s.indexOf("'", i + 1);
      cur += s.slice(i + 1, j < 0 ? s.length : j);
      i = j < 0 ? s.length : j + 1;
    } else if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && i + 1 < s.length) i++;
        cur += s[i];
        i++;
      }
      i++;
    } else if (c === '\\' && i + 1 < s.length) {
      cur += s[i + 1];
      i += 2;
    } else {
      cur += c;
      i++;
    }
  }
  if (has) out.push(cur);
  return out;
}

/** types.ParsePortConfig: `80`, `8080:80`, `127.0.0.1:8080:80`, `8080-8081:80-81`, `/udp`. */
export function parsePortShort(spec: string): PortConfig[] | string {
  let rest = spec;
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  let host = '';
  let ctr = rest;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon >= 0) {
    ctr = rest.slice(lastColon + 1);
    const left = rest.slice(0, lastColon);
    const c2 = left.lastIndexOf(':');
    if (c2 >= 0) {
      hostIp = left.slice(0, c2).replace(/^\[|\]$/g, '');
      host = left.slice(c2 + 1);
    } else host = left;
  }
  const range = (s: string): [number, number] | undefined => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(s);
    if (!m) return undefined;
    return [Number(m[1]), m[2] !== undefined ? Number(m[2]) : Number(m[1])];
  };
  const cr = range(ctr);
  if (!cr) return `Invalid containerPort: ${ctr}`;
  const hr = host === '' ? undefined : range(host);
  if (host !== '' && !hr) return `Invalid hostPort: ${host}`;
  const out: PortConfig[] = [];
  for (let i = 0; i <= cr[1] - cr[0]; i++) {
    const published = hr ? (hr[0] === hr[1] ? String(hr[0]) : cr[1] === cr[0] ? `${hr[0]}-${hr[1]}` : String(hr[0] + i)) : undefined;
    out.push({ mode: 'ingress', ...(hostIp ? { host_ip: hostIp } : {}), target: cr[0] + i, ...(published !== undefined ? { published } : {}), protocol });
  }
  return out;
}

/** loader.ParseVolume for the short syntax. */
export function parseVolumeShort(spec: string, workingDir: string, home: string): Dict | string {
  const parts = spec.split(':');
  if (parts.length === 1) return { type: 'volume', target: spec, volume: {} };
  if (parts.length > 3) return `invalid spec: ${spec}: too many colons`;
  const [src, target, mode] = parts as [string, string, string | undefined];
  const readOnly = mode !== undefined && mode.split(',').includes('ro');
  const isBind = src.startsWith('.') || src.startsWith('/') || src.startsWith('~');
  if (isBind) {
    const abs = src.startsWith('~') ? resolvePath(home, `.${src.slice(1)}`) : resolvePath(workingDir, src);
    return { type: 'bind', source: abs, target, ...(readOnly ? { read_only: true } : {}), bind: { create_host_path: true } };
  }
  return { type: 'volume', source: src, target, ...(readOnly ? { read_only: true } : {}), volume: {} };
}

// ------------------------------------------------------------------ loading

interface Env {
  readonly lookup: Lookup;
  readonly vars: Map<string, string>;
}

function readText(fs: FileSystem, p: string): string | undefined {
  try {
    return fs.readText(p);
  } catch {
    return undefined;
  }
}

/** Loads the project the options describe. */
export function loadProject(o: LoadOptions): LoadResult {
  const warnings: string[] = [];
  const { fs } = o;
  const fail = (error: string): LoadResult => ({ ok: false, error, warnings });
  // The config files.
  let files = o.files.map((f) => (f === '-' ? f : resolvePath(o.cwd, f)));
  const composeFileEnv = o.env.get('COMPOSE_FILE');
  if (files.length === 0 && composeFileEnv) {
    const sep = o.env.get('COMPOSE_PATH_SEPARATOR') ?? ':';
    files = composeFileEnv.split(sep).filter((f) => f !== '').map((f) => resolvePath(o.cwd, f));
  }
  const projectDir = o.projectDirectory ? resolvePath(o.cwd, o.projectDirectory) : undefined;
  if (files.length === 0) {
    const found = findConfigFiles(fs, projectDir ?? o.cwd);
    warnings.push(...found.warnings);
    files = found.files;
  }
  if (files.length === 0) return fail('no configuration file provided: not found');
  const workingDir = projectDir ?? dirname(files[0]!);

  // The environment: the process's, then .env (which does not override it).
  const vars = new Map<string, string>(o.env);
  vars.set('PWD', o.cwd);
  const envFiles = o.envFiles && o.envFiles.length > 0 ? o.envFiles.map((f) => resolvePath(o.cwd, f)) : [resolvePath(workingDir, '.env')];
  for (const f of envFiles) {
    const text = readText(fs, f);
    if (text === undefined) {
      if (o.envFiles && o.envFiles.length > 0) return fail(`couldn't find env file: ${f}`);
      continue;
    }
    if (isFile(fs, f)) {
      const r = parseDotEnv(text, (n) => vars.get(n));
      if (r.error) return fail(`failed to read ${f}: ${r.error}`);
      for (const [k, v] of r.vars) if (!o.env.has(k)) vars.set(k, v);
    }
  }
  const env: Env = { vars, lookup: (n) => vars.get(n) };

  // Each file: parse, interpolate, merge, validate.
  const unset = new Set<string>();
  let model: Dict = {};
  let nameInFile: string | undefined;
  for (const f of files) {
    const text = readText(fs, f);
    if (text === undefined) return fail(`open ${f}: no such file or directory`);
    const y = parseComposeYaml(text);
    if (!y.ok) return fail(y.error);
    if (y.value === null || y.value === undefined) continue;
    if (!isDict(y.value)) return fail('top-level object must be a mapping');
    const interp = interpolateTree(y.value, env.lookup);
    for (const u of interp.unset) unset.add(u);
    if (interp.error !== undefined) return fail(interp.error);
    const doc = interp.value as Dict;
    if (typeof doc.name === 'string' && doc.name !== '') nameInFile = doc.name;
    model = mergeModels(model, doc);
    const invalid = validateCompose(model);
    if (invalid !== undefined) return fail(`validating ${f}: ${invalid}`);
    if ('version' in model) {
      warnings.push(`${f}: the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion`);
      delete model.version;
    }
  }
  for (const u of [...unset]) warnings.push(`The ${JSON.stringify(u)} variable is not set. Defaulting to a blank string.`);
  if (Object.keys(model).length === 0) return fail('empty compose file');

  // The project name.
  let name: string;
  if (o.projectName) {
    if (normalizeProjectName(o.projectName) !== o.projectName) return fail(invalidProjectName(o.projectName));
    name = o.projectName;
  } else if (vars.get('COMPOSE_PROJECT_NAME')) {
    name = vars.get('COMPOSE_PROJECT_NAME')!;
    if (normalizeProjectName(name) !== name) return fail(invalidProjectName(name));
  } else if (nameInFile !== undefined && normalizeProjectName(nameInFile) !== '') {
    name = normalizeProjectName(nameInFile);
  } else {
    name = normalizeProjectName(basename(workingDir));
  }
  if (name === '') return fail('project name must not be empty');

  return normalize(model, { name, workingDir, files, env, fs, warnings, selected: o.services ?? [], skipConsistency: o.skipConsistency === true, envFiles: o.envFiles ?? [] });
}

interface NormCtx {
  readonly name: string;
  readonly workingDir: string;
  readonly files: readonly string[];
  readonly env: Env;
  readonly fs: FileSystem;
  readonly warnings: string[];
  readonly selected: readonly string[];
  readonly skipConsistency: boolean;
  readonly envFiles: readonly string[];
}

function sortedDict<T>(d: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(d).sort()) out[k] = d[k]!;
  return out;
}

function normalize(raw: Dict, c: NormCtx): LoadResult {
  const warnings = c.warnings;
  const fail = (error: string): LoadResult => ({ ok: false, error, warnings });
  const home = c.env.vars.get('HOME') ?? '/root';
  const rawServices = isDict(raw.services) ? raw.services : {};
  const services = new Map<string, ServiceConfig>();
  const usedNetworks = new Set<string>();
  const usedVolumes = new Set<string>();
  for (const svcName of Object.keys(rawServices).sort()) {
    const s = (rawServices[svcName] ?? {}) as Dict;
    const d: Dict = {};
    // build
    let build: ServiceConfig['build'];
    if (s.build !== undefined && s.build !== null) {
      const b = typeof s.build === 'string' ? { context: s.build } : (s.build as Dict);
      const context = resolvePath(c.workingDir, String(b.context ?? '.'));
      const dockerfile = String(b.dockerfile ?? 'Dockerfile');
      const args = b.args !== undefined ? toMap(b.args) : {};
      for (const [k, v] of Object.entries(args)) if (v === null && c.env.vars.has(k)) args[k] = c.env.vars.get(k)!;
      build = { context, dockerfile, args, ...(b.target !== undefined ? { target: String(b.target) } : {}) };
      d.build = { ...(Object.keys(args).length > 0 ? { args: sortedDict(args) } : {}), context, dockerfile, ...(b.target !== undefined ? { target: String(b.target) } : {}) };
    }
    const list = (v: unknown): string[] | null | undefined => (v === undefined ? undefined : v === null ? null : typeof v === 'string' ? shellSplit(v) : (v as unknown[]).map(String));
    const command = list(s.command);
    if (command !== undefined) d.command = command;
    if (s.container_name !== undefined) d.container_name = String(s.container_name);
    // depends_on
    const dependsOn: Record<string, DependsOn> = {};
    if (Array.isArray(s.depends_on)) for (const x of s.depends_on) dependsOn[String(x)] = { condition: 'service_started', required: true };
    else if (isDict(s.depends_on)) {
      for (const [k, v] of Object.entries(s.depends_on)) {
        const vd = (v ?? {}) as Dict;
        dependsOn[k] = { condition: String(vd.condition ?? 'service_started'), required: vd.required !== false, ...(vd.restart === true ? { restart: true } : {}) };
      }
    }
    if (Object.keys(dependsOn).length > 0) d.depends_on = sortedDict(dependsOn);
    const entrypoint = list(s.entrypoint);
    if (entrypoint !== undefined) d.entrypoint = entrypoint;
    // environment: env_file first, then environment; unset values from the project's environment.
    const environment: Record<string, string | null> = {};
    const envFileSpecs = s.env_file === undefined ? [] : (Array.isArray(s.env_file) ? s.env_file : [s.env_file]).map((e) => (typeof e === 'string' ? { path: e, required: true } : { path: String((e as Dict).path), required: (e as Dict).required !== false }));
    for (const ef of envFileSpecs) {
      const p = resolvePath(c.workingDir, ef.path);
      const text = readText(c.fs, p);
      if (text === undefined) {
        if (!ef.required) continue;
        return fail(`env file ${p} not found: stat ${p}: no such file or directory`);
      }
      const r = parseDotEnv(text, c.env.lookup);
      for (const [k, v] of r.vars) environment[k] = v;
    }
    for (const [k, v] of Object.entries(toMap(s.environment))) environment[k] = v;
    for (const [k, v] of Object.entries(environment)) if (v === null && c.env.vars.has(k)) environment[k] = c.env.vars.get(k)!;
    if (Object.keys(environment).length > 0) d.environment = sortedDict(environment);
    const expose = Array.isArray(s.expose) ? s.expose.map(String) : [];
    if (expose.length > 0) d.expose = expose;
    if (isDict(s.healthcheck)) {
      const h = normalizeHealthcheck(s.healthcheck);
      if (typeof h === 'string') return fail(h);
      d.healthcheck = h;
    } else if (s.healthcheck !== undefined) d.healthcheck = s.healthcheck;
    if (s.hostname !== undefined) d.hostname = String(s.hostname);
    if (s.image !== undefined) d.image = String(s.image);
    const labels = toMap(s.labels) as Record<string, string>;
    for (const k of Object.keys(labels)) labels[k] ??= '';
    if (Object.keys(labels).length > 0) d.labels = sortedDict(labels);
    // networks
    const networks: Record<string, { aliases?: string[] } | null> = {};
    if (Array.isArray(s.networks)) for (const n of s.networks) networks[String(n)] = null;
    else if (isDict(s.networks)) {
      for (const [k, v] of Object.entries(s.networks)) networks[k] = isDict(v) ? { ...(Array.isArray(v.aliases) ? { aliases: v.aliases.map(String) } : {}) } : null;
    }
    if (s.network_mode === undefined && Object.keys(networks).length === 0) networks.default = null;
    if (Object.keys(networks).length > 0) d.networks = sortedDict(networks);
    // ports
    const ports: PortConfig[] = [];
    for (const p of Array.isArray(s.ports) ? s.ports : []) {
      if (isDict(p)) {
        ports.push({
          mode: String(p.mode ?? 'ingress'),
          ...(p.host_ip !== undefined ? { host_ip: String(p.host_ip) } : {}),
          target: Number(p.target),
          ...(p.published !== undefined && p.published !== null ? { published: String(p.published) } : {}),
          protocol: String(p.protocol ?? 'tcp'),
        });
        continue;
      }
      const r = parsePortShort(String(p));
      if (typeof r === 'string') return fail(r);
      ports.push(...r);
    }
    if (ports.length > 0) d.ports = ports;
    if (s.pull_policy !== undefined) d.pull_policy = String(s.pull_policy);
    if (s.restart !== undefined) d.restart = String(s.restart);
    if (s.stdin_open !== undefined) d.stdin_open = s.stdin_open === true;
    if (s.tty !== undefined) d.tty = s.tty === true;
    if (s.user !== undefined) d.user = String(s.user);
    // volumes
    const volumes: Dict[] = [];
    for (const v of Array.isArray(s.volumes) ? s.volumes : []) {
      if (isDict(v)) {
        const type = String(v.type ?? 'volume');
        const source = v.source === undefined ? undefined : type === 'bind' ? resolvePath(c.workingDir, String(v.source)) : String(v.source);
        volumes.push({ type, ...(source !== undefined ? { source } : {}), target: String(v.target), ...(v.read_only === true ? { read_only: true } : {}), ...(type === 'bind' ? { bind: { create_host_path: true } } : type === 'volume' ? { volume: {} } : {}) });
        continue;
      }
      const r = parseVolumeShort(String(v), c.workingDir, home);
      if (typeof r === 'string') return fail(r);
      volumes.push(r);
    }
    if (volumes.length > 0) d.volumes = volumes;
    if (s.working_dir !== undefined) d.working_dir = String(s.working_dir);
    // keys this simulator does not model are kept as given
    for (const [k, v] of Object.entries(s)) if (!(k in d) && !['env_file', 'network_mode', 'build', 'command', 'entrypoint', 'depends_on'].includes(k)) d[k] = v;
    if (s.network_mode !== undefined) d.network_mode = String(s.network_mode);

    services.set(svcName, {
      name: svcName,
      ...(d.image !== undefined ? { image: d.image as string } : {}),
      ...(build ? { build } : {}),
      ...(command !== undefined ? { command } : {}),
      ...(entrypoint !== undefined ? { entrypoint } : {}),
      environment,
      ports,
      expose,
      volumes: volumes as unknown as VolumeMount[],
      networks,
      dependsOn,
      ...(d.restart !== undefined ? { restart: d.restart as string } : {}),
      ...(d.container_name !== undefined ? { containerName: d.container_name as string } : {}),
      ...(d.hostname !== undefined ? { hostname: d.hostname as string } : {}),
      ...(d.working_dir !== undefined ? { workingDir: d.working_dir as string } : {}),
      ...(d.user !== undefined ? { user: d.user as string } : {}),
      labels,
      tty: d.tty === true,
      stdinOpen: d.stdin_open === true,
      ...(isDict(d.healthcheck) ? { healthcheck: d.healthcheck } : {}),
      ...(d.pull_policy !== undefined ? { pullPolicy: d.pull_policy as string } : {}),
      dict: sortedDict(d),
    });
  }

  // Top-level networks and volumes.
  const rawNetworks = isDict(raw.networks) ? raw.networks : {};
  const rawVolumes = isDict(raw.volumes) ? raw.volumes : {};
  const networks = new Map<string, NetworkConfig>();
  const volumes = new Map<string, VolumeConfig>();
  const netDict = (key: string, v: Dict): NetworkConfig => {
    const external = v.external === true || isDict(v.external);
    const name = v.name !== undefined ? String(v.name) : external ? key : `${c.name}_${key}`;
    return { name, external, ...(v.driver !== undefined ? { driver: String(v.driver) } : {}), labels: toMap(v.labels) as Record<string, string> };
  };
  for (const [k, v] of Object.entries(rawNetworks)) networks.set(k, netDict(k, (v ?? {}) as Dict));
  for (const [k, v] of Object.entries(rawVolumes)) {
    const vd = (v ?? {}) as Dict;
    const external = vd.external === true || isDict(vd.external);
    volumes.set(k, { name: vd.name !== undefined ? String(vd.name) : external ? k : `${c.name}_${k}`, external, labels: toMap(vd.labels) as Record<string, string> });
  }
  const usesDefault = [...services.values()].some((s) => 'default' in s.networks);
  if (usesDefault && !networks.has('default')) networks.set('default', { name: `${c.name}_default`, external: false, labels: {} });

  const rawTop = (k: string): unknown => raw[k];
  // Consistency (loader/validate.go checkConsistency).
  if (!c.skipConsistency) {
    for (const s of services.values()) {
      if (!s.build && s.image === undefined) return fail(`service ${JSON.stringify(s.name)} has neither an image nor a build context specified: invalid compose project`);
      if (s.dict.network_mode !== undefined && Object.keys(s.networks).length > 0 && isDict(rawServices[s.name]) && (rawServices[s.name] as Dict).networks !== undefined) {
        return fail(`service ${s.name} declares mutually exclusive \`network_mode\` and \`networks\`: invalid compose project`);
      }
      for (const n of Object.keys(s.networks)) if (!networks.has(n)) return fail(`service ${JSON.stringify(s.name)} refers to undefined network ${n}: invalid compose project`);
      const hc = s.healthcheck?.test;
      if (Array.isArray(hc) && hc.length > 0 && !['CMD', 'CMD-SHELL', 'NONE'].includes(String(hc[0]))) return fail('healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"');
      for (const dep of Object.keys(s.dependsOn)) if (!services.has(dep)) return fail(`service ${JSON.stringify(s.name)} depends on undefined service ${JSON.stringify(dep)}: invalid compose project`);
      for (const v of s.volumes) if (v.type === 'volume' && v.source && !volumes.has(v.source)) return fail(`service ${JSON.stringify(s.name)} refers to undefined volume ${v.source}: invalid compose project`);
      const raw = (rawServices[s.name] ?? {}) as Dict;
      for (const kind of ['configs', 'secrets'] as const) {
        const defined = isDict(rawTop(kind)) ? (rawTop(kind) as Dict) : {};
        for (const ref of Array.isArray(raw[kind]) ? raw[kind] : []) {
          const src = typeof ref === 'string' ? ref : isDict(ref) ? String(ref.source) : '';
          if (!(src in defined)) return fail(`service ${JSON.stringify(s.name)} refers to undefined ${kind.slice(0, -1)} ${src}: invalid compose project`);
        }
      }
    }
  }
  for (const s of services.values()) {
    for (const n of Object.keys(s.networks)) usedNetworks.add(n);
    for (const v of s.volumes) if (v.type === 'volume' && v.source) usedVolumes.add(v.source);
  }

  // Selected services (WithSelectedServices): the ones named, and what they depend on.
  let selected = services;
  const disabled = new Map<string, ServiceConfig>();
  if (c.selected.length > 0) {
    for (const n of c.selected) if (!services.has(n)) return fail(`no such service: ${n}`);
    const keep = new Set<string>();
    const add = (n: string) => {
      if (keep.has(n)) return;
      keep.add(n);
      for (const d of Object.keys(services.get(n)?.dependsOn ?? {})) add(d);
    };
    for (const n of c.selected) add(n);
    selected = new Map([...services].filter(([n]) => keep.has(n)));
    for (const [n, s] of services) if (!keep.has(n)) disabled.set(n, s);
  }

  // WithoutUnnecessaryResources: networks and volumes no service uses are dropped.
  for (const k of [...networks.keys()]) if (!usedNetworks.has(k)) networks.delete(k);
  for (const k of [...volumes.keys()]) if (!usedVolumes.has(k)) volumes.delete(k);

  const model: Dict = { name: c.name, services: Object.fromEntries([...selected].map(([n, s]) => [n, s.dict])) };
  if (networks.size > 0) {
    model.networks = Object.fromEntries(
      [...networks.keys()].sort().map((k) => {
        const n = networks.get(k)!;
        const rawN = (rawNetworks[k] ?? {}) as Dict;
        return [k, { ...(n.driver ? { driver: n.driver } : {}), ...(n.external ? { external: true } : {}), ...(Object.keys(n.labels).length ? { labels: n.labels } : {}), name: n.name, ...omit(rawN, ['name', 'driver', 'external', 'labels']) }];
      }),
    );
  }
  if (volumes.size > 0) {
    model.volumes = Object.fromEntries(
      [...volumes.keys()].sort().map((k) => {
        const v = volumes.get(k)!;
        return [k, { ...(v.external ? { external: true } : {}), ...(Object.keys(v.labels).length ? { labels: v.labels } : {}), name: v.name }];
      }),
    );
  }
  const project: Project = { name: c.name, workingDir: c.workingDir, composeFiles: c.files, services: selected, disabled, networks, volumes, model, envFiles: c.envFiles };
  return { ok: true, project, warnings };
}

/** types.HealthCheckConfig: `test` as a list (a string is CMD-SHELL), durations as Go prints them. */
function normalizeHealthcheck(h: Dict): Dict | string {
  const out: Dict = {};
  if (h.test !== undefined) out.test = typeof h.test === 'string' ? ['CMD-SHELL', h.test] : (h.test as unknown[]).map(String);
  for (const k of ['timeout', 'interval', 'retries', 'start_period', 'start_interval', 'disable']) {
    const v = h[k];
    if (v === undefined || v === null) continue;
    if (k === 'retries') out[k] = Number(v);
    else if (k === 'disable') {
      if (v === true) out[k] = true;
    } else {
      const ns = composeDuration(String(v));
      if (ns === undefined) return `time: invalid duration ${JSON.stringify(String(v))}`;
      out[k] = goDurationString(ns / 1e6);
    }
  }
  for (const [k, v] of Object.entries(h)) if (!(k in out) && k.startsWith('x-')) out[k] = v;
  return out;
}

/** str2duration.ParseDuration (Go's units plus d and w), in ns. */
export function composeDuration(s: string): number | undefined {
  const units: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9, d: 86400e9, w: 7 * 86400e9 };
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h|d|w)/y;
  let total = 0;
  let i = 0;
  if (s === '') return undefined;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * units[m[2]!]!;
    i = re.lastIndex;
  }
  return Math.round(total);
}

/** A service's healthcheck as the Engine API takes it (ToMobyHealthCheck), or undefined. */
export function mobyHealthcheck(h: Dict | undefined): HealthConfig | undefined {
  if (!h) return undefined;
  const ns = (k: string) => (typeof h[k] === 'string' ? (composeDuration(h[k] as string) ?? 0) : 0);
  const test = h.disable === true ? ['NONE'] : Array.isArray(h.test) ? (h.test as unknown[]).map(String) : undefined;
  return {
    ...(test ? { Test: test } : {}),
    ...(ns('interval') ? { Interval: ns('interval') } : {}),
    ...(ns('timeout') ? { Timeout: ns('timeout') } : {}),
    ...(ns('start_period') ? { StartPeriod: ns('start_period') } : {}),
    ...(ns('start_interval') ? { StartInterval: ns('start_interval') } : {}),
    ...(typeof h.retries === 'number' && h.retries > 0 ? { Retries: h.retries } : {}),
  };
}

function omit(d: Dict, keys: readonly string[]): Dict {
  const out: Dict = {};
  for (const [k, v] of Object.entries(d)) if (!keys.includes(k)) out[k] = v;
  return out;
}

/** Services in dependency order (dependencies first), ties by name. */
export function dependencyOrder(project: Project): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (n: string) => {
    if (seen.has(n)) return;
    seen.add(n);
    for (const d of Object.keys(project.services.get(n)?.dependsOn ?? {}).sort()) if (project.services.has(d)) visit(d);
    out.push(n);
  };
  for (const n of [...project.services.keys()].sort()) visit(n);
  return out;
}
