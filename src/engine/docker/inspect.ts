/**
 * What the Engine API answers for `GET /containers/{id}/json` and `GET /images/{id}/json`: the JSON
 * `docker inspect` prints, and what lesson checks read (`object: container`, `field: State.Status`).
 */
import { hostConfigJson } from './hostconfig';
import { inspectConfig } from './images';
import type { ContainerRecord, ImageRecord } from './daemon';
import { networksJson } from './networks';
import { healthConfigJson, healthJson } from './health';

export interface ApiPort {
  readonly IP?: string;
  readonly PrivatePort: number;
  readonly PublicPort?: number;
  readonly Type: string;
}

/** RFC 3339 with nanoseconds as Go prints it (trailing zeros of the fraction dropped). */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2025-01-02T03:04:05.678Z
  const [base, frac = '000Z'] = iso.split('.');
  const digits = frac.replace(/Z$/, '').replace(/0+$/, '');
  return digits ? `${base!}.${digits}Z` : `${base!}Z`;
}

/** The ports of a running container as the API lists them (published on IPv4 and IPv6, then exposed ones). */
export function apiPorts(c: ContainerRecord): ApiPort[] {
  if (!c.state.Running) return [];
  const out: ApiPort[] = [];
  for (const p of c.ports) {
    if (p.hostIp) out.push({ IP: p.hostIp, PrivatePort: p.containerPort, PublicPort: p.hostPort, Type: p.proto });
    else {
      out.push({ IP: '0.0.0.0', PrivatePort: p.containerPort, PublicPort: p.hostPort, Type: p.proto });
      out.push({ IP: '::', PrivatePort: p.containerPort, PublicPort: p.hostPort, Type: p.proto });
    }
  }
  for (const e of c.config.ExposedPorts) {
    const [port, proto = 'tcp'] = e.split('/');
    if (!c.ports.some((p) => p.containerPort === Number(port) && p.proto === proto)) out.push({ PrivatePort: Number(port), Type: proto });
  }
  return out;
}

const ZERO_TIME = '0001-01-01T00:00:00Z';
const iso = (ms: number) => (ms === 0 ? ZERO_TIME : rfc3339Nano(ms));

export function inspectContainer(c: ContainerRecord): Record<string, unknown> {
  const portMap: Record<string, unknown> = {};
  for (const p of c.ports) {
    const k = `${p.containerPort}/${p.proto}`;
    const list = (portMap[k] as unknown[] | undefined) ?? [];
    list.push({ HostIp: p.hostIp, HostPort: String(p.hostPort) });
    portMap[k] = list;
  }
  const netPorts: Record<string, unknown> = {};
  if (c.state.Running) {
    for (const e of c.config.ExposedPorts) netPorts[e] = null;
    for (const p of apiPorts(c)) if (p.IP !== undefined) {
      const k = `${p.PrivatePort}/${p.Type}`;
      const list = Array.isArray(netPorts[k]) ? (netPorts[k] as unknown[]) : [];
      list.push({ HostIp: p.IP, HostPort: String(p.PublicPort) });
      netPorts[k] = list;
    }
  }
  const binds = c.mounts.filter((m) => m.type === 'bind').map((m) => `${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`);
  return {
    Id: c.id,
    Created: iso(c.created),
    Path: c.path,
    Args: [...c.args],
    State: {
      Status: c.state.Status,
      Running: c.state.Running,
      Paused: c.state.Paused,
      Restarting: c.state.Restarting,
      OOMKilled: c.state.OOMKilled,
      Dead: c.state.Dead,
      Pid: c.state.Pid,
      ExitCode: c.state.ExitCode,
      Error: c.state.Error,
      StartedAt: iso(c.state.StartedAt),
      FinishedAt: iso(c.state.FinishedAt),
      ...(c.state.Health ? { Health: healthJson(c.state.Health) } : {}),
    },
    Image: c.imageId,
    ResolvConfPath: `/var/lib/docker/containers/${c.id}/resolv.conf`,
    HostnamePath: `/var/lib/docker/containers/${c.id}/hostname`,
    HostsPath: `/var/lib/docker/containers/${c.id}/hosts`,
    LogPath: `/var/lib/docker/containers/${c.id}/${c.id}-json.log`,
    Name: `/${c.name}`,
    RestartCount: c.restartCount,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: c.host?.privileged === true ? 'unconfined' : 'docker-default',
    ExecIDs: null,
    HostConfig: hostConfigJson(
      {
        Binds: binds.length > 0 ? binds : null,
        NetworkMode: c.networkMode ?? 'bridge',
        PortBindings: portMap,
        RestartPolicy: { Name: c.restart.split(':')[0]!, MaximumRetryCount: Number(c.restart.split(':')[1] ?? 0) },
        AutoRemove: c.autoRemove,
      },
      c.host,
    ),
    Mounts: c.mounts.map((m) =>
      m.type === 'bind'
        ? { Type: 'bind', Source: m.source, Destination: m.target, Mode: m.readOnly ? 'ro' : '', RW: !m.readOnly, Propagation: 'rprivate' }
        : { Type: 'volume', Name: m.source, Source: `/var/lib/docker/volumes/${m.source}/_data`, Destination: m.target, Driver: 'local', Mode: m.anonymous ? '' : m.readOnly ? 'ro' : 'z', RW: !m.readOnly, Propagation: '' },
    ),
    Config: {
      Hostname: c.config.Hostname,
      Domainname: '',
      User: c.config.User,
      AttachStdin: c.config.OpenStdin,
      AttachStdout: true,
      AttachStderr: true,
      ...(c.config.ExposedPorts.length ? { ExposedPorts: Object.fromEntries(c.config.ExposedPorts.map((p) => [p, {}])) } : {}),
      Tty: c.config.Tty,
      OpenStdin: c.config.OpenStdin,
      StdinOnce: c.config.OpenStdin,
      Env: [...c.config.Env],
      Cmd: c.config.Cmd ? [...c.config.Cmd] : null,
      ...(c.config.Healthcheck ? { Healthcheck: healthConfigJson(c.config.Healthcheck) } : {}),
      Image: c.imageRef,
      Volumes: c.config.Volumes?.length ? Object.fromEntries(c.config.Volumes.map((v) => [v, {}])) : null,
      WorkingDir: c.config.WorkingDir,
      Entrypoint: c.config.Entrypoint ? [...c.config.Entrypoint] : null,
      OnBuild: null,
      Labels: { ...c.config.Labels },
      ...(c.config.StopSignal ? { StopSignal: c.config.StopSignal } : {}),
      ...(c.host?.stopTimeout !== undefined ? { StopTimeout: c.host.stopTimeout } : {}),
    },
    NetworkSettings: {
      Bridge: '',
      SandboxID: '',
      SandboxKey: '',
      Ports: netPorts,
      // The top-level address fields describe the default bridge's endpoint only.
      Gateway: defaultBridge(c)?.gateway ?? '',
      IPAddress: defaultBridge(c)?.ip ?? '',
      IPPrefixLen: defaultBridge(c)?.prefixLen ?? 0,
      MacAddress: defaultBridge(c)?.mac ?? '',
      Networks: networksJson(c.endpoints ?? []),
    },
  };
}

function defaultBridge(c: ContainerRecord) {
  return c.endpoints?.find((e) => e.name === 'bridge' && e.ip !== '');
}

export function inspectImage(i: ImageRecord): Record<string, unknown> {
  return {
    Id: i.id,
    RepoTags: [...i.repoTags],
    RepoDigests: [...i.repoDigests],
    Parent: '',
    Comment: '',
    Created: i.created,
    DockerVersion: '',
    Author: '',
    Config: inspectConfig(i.config),
    Architecture: 'amd64',
    Os: 'linux',
    Size: i.size,
    GraphDriver: { Data: null, Name: 'overlay2' },
    RootFS: { Type: 'layers', Layers: [...i.layers] },
    Metadata: { LastTagTime: ZERO_TIME },
  };
}
