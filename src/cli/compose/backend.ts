/**
 * What compose does with a project against the daemon (docker/compose v2.38.2 pkg/compose):
 * containers named `<project>-<service>-<n>` with compose's labels, the project's networks
 * (`<project>_default`) and volumes (`<project>_<name>`), convergence (create, `Running`,
 * `Recreate` when the config hash changed), start in dependency order, stop and down in reverse
 * order, and the progress events each step reports.
 */
import type { ContainerRecord, ContainerSpec, DockerDaemon, MountSpec, PortBinding } from '../../engine/docker/daemon';
import { DaemonError } from '../../engine/docker/daemon';
import type { ProcessContext } from '../../engine/runtime/kernel';
import { versions } from '../../engine/core/versions';
import { sha256 } from '../../shell/commands/hash/digest';
import { dependencyOrder, mobyHealthcheck, type Project, type ServiceConfig } from './loader';
import type { ProgressWriter } from './progress';

export const LABEL = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  configHash: 'com.docker.compose.config-hash',
  number: 'com.docker.compose.container-number',
  volume: 'com.docker.compose.volume',
  network: 'com.docker.compose.network',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  envFile: 'com.docker.compose.project.environment_file',
  oneoff: 'com.docker.compose.oneoff',
  image: 'com.docker.compose.image',
  dependsOn: 'com.docker.compose.depends_on',
  version: 'com.docker.compose.version',
  replace: 'com.docker.compose.replace',
} as const;

/** api.ComposeVersion: the version without its `v`. */
export const COMPOSE_VERSION = versions.compose.replace(/^v/, '');

/** How long the daemon's steps take, in simulated ms (a network 0.1 s, a container start 0.3 s). */
const TIMING = { network: 100, volume: 0, create: 100, start: 300 };

export interface Env {
  readonly daemon: DockerDaemon;
  readonly proc: ProcessContext;
  readonly w: ProgressWriter;
}

/** The image a service runs: its `image:`, else `<project>-<service>` (api.GetImageNameOrDefault). */
export function imageName(project: Project, s: ServiceConfig): string {
  return s.image ?? `${project.name}-${s.name}`;
}

/** ServiceHash: a digest of the service's normalised configuration. */
export function serviceHash(s: ServiceConfig): string {
  return sha256(new TextEncoder().encode(JSON.stringify(s.dict)));
}

/** The project's containers (not one-off), optionally of some services only. */
export function projectContainers(daemon: DockerDaemon, projectName: string, opts: { all?: boolean; services?: readonly string[]; oneoff?: boolean } = {}): ContainerRecord[] {
  return daemon
    .listContainers(opts.all ?? true)
    .filter((c) => c.config.Labels[LABEL.project] === projectName)
    .filter((c) => (opts.oneoff ? true : c.config.Labels[LABEL.oneoff] !== 'True'))
    .filter((c) => !opts.services || opts.services.length === 0 || opts.services.includes(c.config.Labels[LABEL.service] ?? ''));
}

/** `app-web-1` → `web-1` (getContainerNameWithoutProject). */
export function nameWithoutProject(c: ContainerRecord): string {
  const project = c.config.Labels[LABEL.project] ?? '';
  return c.name.startsWith(`${project}-`) ? c.name.slice(project.length + 1) : c.name;
}

/** Containers sorted as compose sorts them (by name). */
export function sortByName(cs: ContainerRecord[]): ContainerRecord[] {
  return cs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function freePortPicker(daemon: DockerDaemon): () => number {
  const used = new Set(daemon.listContainers(true).flatMap((c) => c.ports.map((p) => p.hostPort)));
  let next = 32768;
  return () => {
    while (used.has(next)) next++;
    used.add(next);
    return next++;
  };
}

/** The create spec of one service container (getCreateConfigs). */
export function containerSpec(env: Env, project: Project, s: ServiceConfig, name: string, number: number, extraLabels: Record<string, string> = {}, inherit?: ContainerRecord): ContainerSpec {
  const { daemon } = env;
  const image = imageName(project, s);
  const img = daemon.image(image);
  const pick = freePortPicker(daemon);
  const ports: PortBinding[] = s.ports.map((p) => {
    const proto = p.protocol === 'udp' ? 'udp' : 'tcp';
    const hostPort = p.published !== undefined ? Number(p.published.split('-')[0]) : pick();
    return { hostIp: p.host_ip ?? '', hostPort, containerPort: p.target, proto };
  });
  // buildContainerMountOptions: by target, the replaced container's anonymous volumes (the image's
  // VOLUMEs, the service's volumes without source) first, passed on by name; then the service's.
  const byTarget = new Map<string, MountSpec>();
  let volumes = s.volumes;
  for (const m of inherit?.mounts ?? []) {
    const kept: MountSpec = { type: m.type, source: m.source, target: m.target, readOnly: m.readOnly };
    if (img?.config.Volumes.includes(m.target)) byTarget.set(m.target, kept);
    if (volumes.some((v) => v.target === m.target && !v.source)) {
      byTarget.set(m.target, kept);
      volumes = volumes.filter((v) => v.target !== m.target || !!v.source);
    }
  }
  for (const v of volumes) {
    if (v.type === 'bind') byTarget.set(v.target, { type: 'bind', source: v.source ?? '', target: v.target, readOnly: v.read_only === true });
    else if (v.type === 'volume') {
      // Without a source, an anonymous volume the daemon names (and `down -v` removes).
      const source = v.source ? (project.volumes.get(v.source)?.name ?? v.source) : '';
      byTarget.set(v.target, { type: 'volume', source, target: v.target, readOnly: v.read_only === true, ...(source === '' ? { anonymous: true } : {}) });
    }
  }
  const mounts = [...byTarget.values()];
  const labels: Record<string, string> = {
    ...s.labels,
    [LABEL.configHash]: serviceHash(s),
    [LABEL.number]: String(number),
    [LABEL.dependsOn]: Object.entries(s.dependsOn)
      .map(([d, c]) => `${d}:${c.condition}:${c.restart === true}`)
      .join(','),
    [LABEL.image]: img?.id ?? '',
    [LABEL.oneoff]: 'False',
    [LABEL.project]: project.name,
    [LABEL.workingDir]: project.workingDir,
    [LABEL.configFiles]: project.composeFiles.join(','),
    [LABEL.service]: s.name,
    [LABEL.version]: COMPOSE_VERSION,
    ...(project.envFiles.length > 0 ? { [LABEL.envFile]: project.envFiles.join(',') } : {}),
    ...extraLabels,
  };
  let entrypoint: string | undefined;
  let cmd: string[] | undefined = s.command ? [...s.command] : undefined;
  if (s.entrypoint !== undefined) {
    const ep = s.entrypoint ?? [];
    entrypoint = ep[0] ?? '';
    cmd = [...ep.slice(1), ...(cmd ?? [])];
  }
  const networks = Object.entries(s.networks).map(([key, cfg]) => ({ name: project.networks.get(key)?.name ?? key, aliases: [s.name, ...(cfg?.aliases ?? [])] }));
  return {
    image,
    name,
    ...(cmd !== undefined ? { cmd } : {}),
    ...(entrypoint !== undefined ? { entrypoint } : {}),
    env: Object.entries(s.environment)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k}=${v!}`),
    ...(s.workingDir !== undefined ? { workdir: s.workingDir } : {}),
    ...(s.user !== undefined ? { user: s.user } : {}),
    ...(s.hostname !== undefined ? { hostname: s.hostname } : {}),
    tty: s.tty,
    openStdin: s.stdinOpen,
    ports,
    mounts,
    labels,
    ...(s.restart !== undefined ? { restart: s.restart } : {}),
    ...(networks.length > 0 ? { networks } : {}),
    ...(s.healthcheck ? { healthcheck: mobyHealthcheck(s.healthcheck)! } : {}),
  };
}

/** VolumeHash: the digest of the volume's configuration as compose-go marshals it (the driver defaulted to `local`). */
function volumeHash(v: { readonly name: string; readonly labels?: Readonly<Record<string, string>> }): string {
  const labels = Object.keys(v.labels ?? {}).sort();
  const json = JSON.stringify({ name: v.name, driver: 'local', ...(labels.length > 0 ? { labels: Object.fromEntries(labels.map((k) => [k, v.labels![k]])) } : {}) });
  return sha256(new TextEncoder().encode(json));
}

/** Creates the project's networks and volumes that are missing (ensureNetworks, ensureProjectVolumes). */
export async function ensureResources(env: Env, project: Project): Promise<void> {
  const { daemon, proc, w } = env;
  for (const key of [...project.networks.keys()].sort()) {
    const n = project.networks.get(key)!;
    const existing = daemon.network(n.name);
    if (n.external) {
      if (!existing) throw new DaemonError(`network ${n.name} declared as external, but could not be found`, 0);
      continue;
    }
    if (existing) continue;
    const id = `Network ${n.name}`;
    w.event({ id, status: 'working', statusText: 'Creating' });
    await proc.sleep(TIMING.network);
    try {
      daemon.createNetwork({
        name: n.name,
        ...(n.driver ? { driver: n.driver } : {}),
        labels: { ...n.labels, [LABEL.network]: key, [LABEL.project]: project.name, [LABEL.version]: COMPOSE_VERSION },
      });
    } catch (e) {
      w.event({ id, status: 'error', statusText: 'Error' });
      throw new DaemonError(`failed to create network ${n.name}: ${e instanceof Error ? e.message : String(e)}`, 0);
    }
    w.event({ id, status: 'done', statusText: 'Created' });
  }
  for (const key of [...project.volumes.keys()].sort()) {
    const v = project.volumes.get(key)!;
    const exists = daemon.listVolumes().some((x) => x.name === v.name);
    if (v.external) {
      if (!exists) throw new DaemonError(`external volume "${v.name}" not found`, 0);
      continue;
    }
    if (exists) continue;
    const id = `Volume "${v.name}"`;
    w.event({ id, status: 'working', statusText: 'Creating' });
    await proc.sleep(TIMING.volume);
    daemon.volume(v.name, true, {
      ...v.labels,
      [LABEL.volume]: key,
      [LABEL.project]: project.name,
      [LABEL.version]: COMPOSE_VERSION,
      [LABEL.configHash]: volumeHash(v),
    });
    w.event({ id, status: 'done', statusText: 'Created' });
  }
}

export interface CreateOptions {
  readonly forceRecreate?: boolean;
  readonly noRecreate?: boolean;
  /** `up -V`: new anonymous volumes instead of the replaced container's. */
  readonly renewAnonVolumes?: boolean;
}

/** Convergence: each service's container created, recreated or left running (ensureService). */
export async function createServices(env: Env, project: Project, o: CreateOptions): Promise<void> {
  const { daemon, proc, w } = env;
  for (const svc of dependencyOrder(project)) {
    const s = project.services.get(svc)!;
    const hash = serviceHash(s);
    const existing = projectContainers(daemon, project.name, { services: [svc] });
    if (existing.length === 0) {
      const name = s.containerName ?? `${project.name}-${svc}-1`;
      const id = `Container ${name}`;
      w.event({ id, status: 'working', statusText: 'Creating' });
      await proc.sleep(TIMING.create);
      try {
        daemon.createContainer(containerSpec(env, project, s, name, 1));
      } catch (e) {
        w.event({ id, status: 'error', statusText: e instanceof Error ? e.message : String(e) });
        throw e;
      }
      w.event({ id, status: 'done', statusText: 'Created' });
      continue;
    }
    for (const c of existing) {
      const id = `Container ${c.name}`;
      const img = daemon.image(imageName(project, s));
      const changed = c.config.Labels[LABEL.configHash] !== hash || (img !== undefined && c.config.Labels[LABEL.image] !== img.id);
      if (!o.noRecreate && (o.forceRecreate || changed)) {
        w.event({ id, status: 'working', statusText: 'Recreate' });
        const number = Number(c.config.Labels[LABEL.number] ?? '1');
        const name = s.containerName ?? `${project.name}-${svc}-${number}`;
        const tmp = `${c.id.slice(0, 12)}_${name}`;
        await proc.sleep(TIMING.create);
        // recreateContainer: the new container inherits the old one's anonymous volumes (not with -V).
        const created = daemon.createContainer(containerSpec(env, project, s, tmp, number, { [LABEL.replace]: c.id }, o.renewAnonVolumes ? undefined : c));
        await daemon.stop(c.id, 10, (ms) => proc.sleep(ms));
        daemon.remove(c.id, true);
        daemon.rename(created.id, name);
        w.event({ id, status: 'done', statusText: 'Recreated' });
        continue;
      }
      if (c.state.Running) w.event({ id, status: 'done', statusText: 'Running' });
    }
  }
}

/** isServiceHealthy: true when every container is healthy (or running, with `fallbackRunning` and no healthcheck). */
function isServiceHealthy(daemon: DockerDaemon, cs: readonly ContainerRecord[], fallbackRunning: boolean): boolean {
  for (const c0 of cs) {
    const c = daemon.container(c0.id);
    if (!c) throw new DaemonError(`Error response from daemon: No such container: ${c0.id}`, 0);
    if (c.state.Status === 'exited') throw new DaemonError(`container ${c.name} exited (${c.state.ExitCode})`, 0);
    if (!c.config.Healthcheck && fallbackRunning) return c.state.Status === 'running';
    const h = c.state.Health;
    if (!h) throw new DaemonError(`container ${c.name} has no healthcheck configured`, 0);
    if (h.Status === 'unhealthy') throw new DaemonError(`container ${c.name} is unhealthy`, 0);
    if (h.Status === 'starting') return false;
  }
  return true;
}

/**
 * waitDependencies: for each dependency with a condition other than service_started, `Waiting` on
 * its containers, then a check every 500 ms until it holds (`Healthy`, `Exited`) or fails.
 */
export async function waitDependencies(env: Env, project: Project, dependant: string, deps: Readonly<Record<string, { condition: string; required: boolean }>>, report = true): Promise<void> {
  const { daemon, proc, w } = env;
  const ev = (cs: readonly ContainerRecord[], status: 'working' | 'done' | 'error', statusText: string) => {
    if (report) for (const c of cs) w.event({ id: `Container ${c.name}`, status, statusText });
  };
  const pending: { dep: string; condition: string; required: boolean; cs: ContainerRecord[] }[] = [];
  for (const dep of Object.keys(deps).sort()) {
    const cfg = deps[dep]!;
    if (cfg.condition === 'service_started' || !project.services.has(dep)) continue;
    const cs = sortByName(projectContainers(daemon, project.name, { services: [dep] }));
    ev(cs, 'working', 'Waiting');
    if (cs.length === 0) {
      if (cfg.required) throw new DaemonError(`${dependant} is missing dependency ${dep}`, 0);
      continue;
    }
    pending.push({ dep, condition: cfg.condition, required: cfg.required, cs });
  }
  while (pending.length > 0) {
    await proc.sleep(500);
    for (let i = pending.length - 1; i >= 0; i--) {
      const p = pending[i]!;
      let done = false;
      if (p.condition === 'service_healthy' || p.condition === 'running_or_healthy') {
        try {
          done = isServiceHealthy(daemon, p.cs, p.condition === 'running_or_healthy');
        } catch (e) {
          if (p.condition === 'service_healthy') ev(p.cs, 'error', 'Error');
          throw p.condition === 'service_healthy' ? new DaemonError(`dependency failed to start: ${(e as Error).message}`, 0) : e;
        }
        if (done) ev(p.cs, 'done', 'Healthy');
      } else if (p.condition === 'service_completed_successfully') {
        const exited = p.cs.map((c) => daemon.container(c.id)).find((c) => c?.state.Status === 'exited');
        if (exited) {
          if (exited.state.ExitCode !== 0) {
            const msg = `service ${JSON.stringify(p.dep)} didn't complete successfully: exit ${exited.state.ExitCode}`;
            ev(p.cs, 'error', msg);
            throw new DaemonError(msg, 0);
          }
          ev(p.cs, 'done', 'Exited');
          done = true;
        }
      } else done = true;
      if (done) pending.splice(i, 1);
    }
  }
}

/** Starts the services' containers in dependency order (startService); events only when `report`. */
export async function startServices(env: Env, project: Project, report = true): Promise<void> {
  const { daemon, proc, w } = env;
  for (const svc of dependencyOrder(project)) {
    const s = project.services.get(svc)!;
    await waitDependencies(env, project, svc, s.dependsOn, report);
    const cs = sortByName(projectContainers(daemon, project.name, { services: [svc] }));
    if (cs.length === 0) throw new DaemonError(`service "${svc}" has no container to start`, 0);
    for (const c of cs) {
      if (c.state.Running) continue;
      const id = `Container ${c.name}`;
      if (report) w.event({ id, status: 'working', statusText: 'Starting' });
      await proc.sleep(TIMING.start);
      daemon.startContainer(c.id);
      if (report) w.event({ id, status: 'done', statusText: 'Started' });
    }
  }
}

/** Stops containers in reverse dependency order (stop). */
export async function stopContainers(env: Env, project: Project | undefined, cs: ContainerRecord[], timeoutSec: number | undefined): Promise<void> {
  const { daemon, proc, w } = env;
  const order = project ? dependencyOrder(project) : [];
  const rank = (c: ContainerRecord) => {
    const i = order.indexOf(c.config.Labels[LABEL.service] ?? '');
    return i < 0 ? -1 : i;
  };
  const sorted = [...cs].sort((a, b) => rank(b) - rank(a) || (a.name < b.name ? -1 : 1));
  for (const c of sorted) {
    const id = `Container ${c.name}`;
    w.event({ id, status: 'working', statusText: 'Stopping' });
    await daemon.stop(c.id, timeoutSec ?? 10, (ms) => proc.sleep(ms));
    w.event({ id, status: 'done', statusText: 'Stopped' });
  }
}

/** Stops and removes containers (stopAndRemoveContainer), reverse dependency order. */
export async function removeContainers(env: Env, project: Project | undefined, cs: ContainerRecord[], opts: { timeout?: number; volumes?: boolean; stop: boolean }): Promise<void> {
  const { daemon, proc, w } = env;
  const order = project ? dependencyOrder(project) : [];
  const rank = (c: ContainerRecord) => order.indexOf(c.config.Labels[LABEL.service] ?? '');
  const sorted = [...cs].sort((a, b) => rank(b) - rank(a) || (a.name < b.name ? -1 : 1));
  for (const c of sorted) {
    const id = `Container ${c.name}`;
    if (opts.stop && c.state.Running) {
      w.event({ id, status: 'working', statusText: 'Stopping' });
      await daemon.stop(c.id, opts.timeout ?? 10, (ms) => proc.sleep(ms));
      w.event({ id, status: 'done', statusText: 'Stopped' });
    }
    w.event({ id, status: 'working', statusText: 'Removing' });
    await proc.sleep(50);
    // RemoveVolumes: the daemon removes the container's anonymous volumes (not those it inherited by name).
    daemon.remove(c.id, true, opts.volumes === true);
    w.event({ id, status: 'done', statusText: 'Removed' });
  }
}
