/**
 * `docker info`, split as docker/cli splits it: the daemon's `system.Info` (Engine API shape, plus the
 * client's own section) is printed by `prettyPrintInfo` (cli/command/system/info.go prettyPrintInfo,
 * prettyPrintClientInfo, prettyPrintServerInfo, printSwarmInfo). The conformance runner feeds the
 * upstream fixtures (info_test.go) to the same function.
 */
import { bytesSize, dockerHumanDuration } from '../lib/units';

export interface InfoPlugin {
  Name: string;
  Path: string;
  ShortDescription?: string;
  Vendor?: string;
  Version?: string;
  Err?: string;
}

export interface ClientInfo {
  Debug: boolean;
  /** clientVersion.Platform.Name; absent when the platform is not known. */
  Platform?: { Name: string };
  Version?: string;
  Context?: string;
  Plugins?: InfoPlugin[];
  Warnings?: string[];
}

export interface SwarmInfo {
  NodeID?: string;
  NodeAddr?: string;
  LocalNodeState: string;
  ControlAvailable?: boolean;
  Error?: string;
  RemoteManagers?: { NodeID: string; Addr: string }[];
  Nodes?: number;
  Managers?: number;
  Cluster?: {
    ID: string;
    DefaultAddrPool?: string[];
    SubnetSize?: number;
    DataPathPort?: number;
    RootRotationInProgress: boolean;
    Spec: {
      Orchestration: { TaskHistoryRetentionLimit?: number };
      Raft: { SnapshotInterval: number; KeepOldSnapshots?: number; HeartbeatTick: number; ElectionTick: number };
      Dispatcher: { HeartbeatPeriod: number };
      /** NodeCertExpiry and HeartbeatPeriod are time.Duration (nanoseconds). */
      CAConfig: { NodeCertExpiry: number; ForceRotate: number; SigningCACert?: string; ExternalCAs?: { Protocol: string; URL: string }[] };
      EncryptionConfig: { AutoLockManagers: boolean };
    };
  };
}

/** The fields of moby's api/types/system.Info that `docker info` prints. */
export interface SystemInfo {
  ID: string;
  Containers: number;
  ContainersRunning: number;
  ContainersPaused: number;
  ContainersStopped: number;
  Images: number;
  Driver: string;
  DriverStatus: [string, string][] | null;
  SystemStatus: [string, string][] | null;
  Plugins: { Volume: string[]; Network: string[]; Authorization: string[] | null; Log: string[] };
  Debug: boolean;
  NFd: number;
  NGoroutines: number;
  SystemTime: string;
  LoggingDriver: string;
  CgroupDriver: string;
  CgroupVersion?: string;
  NEventsListener: number;
  KernelVersion: string;
  OperatingSystem: string;
  OSType: string;
  Architecture: string;
  RegistryConfig: { InsecureRegistryCIDRs: string[]; IndexConfigs: Record<string, { Name: string; Secure: boolean }>; Mirrors: string[] | null } | null;
  NCPU: number;
  MemTotal: number;
  DockerRootDir: string;
  HTTPProxy: string;
  HTTPSProxy: string;
  NoProxy: string;
  Name: string;
  Labels: string[] | null;
  ExperimentalBuild: boolean;
  ServerVersion: string;
  /** Runtime names in the order Go's map iteration would give them (Dockyard: a fixed order). */
  Runtimes: Record<string, unknown>;
  DefaultRuntime: string;
  Swarm: SwarmInfo;
  LiveRestoreEnabled: boolean;
  Isolation: string;
  InitBinary: string;
  ContainerdCommit: { ID: string };
  RuncCommit: { ID: string };
  InitCommit: { ID: string };
  SecurityOptions: string[];
  ProductLicense?: string;
  DefaultAddressPools?: { Base: string; Size: number }[];
  FirewallBackend?: { Driver: string; Info?: [string, string][] };
  NRI?: { Info: [string, string][] };
  CDISpecDirs?: string[];
  DiscoveredDevices?: { Source: string; ID: string }[];
  Warnings?: string[];
}

export interface DockerInfo {
  Info?: SystemInfo;
  ServerErrors?: string[];
  /** The Hub user name from the config file (json:"-"). */
  UserName?: string;
  ClientInfo?: ClientInfo;
  ClientErrors?: string[];
}

export interface PrettyInfo {
  out: string;
  err: string;
  /** false: "errors pretty printing info" (exit status 1). */
  ok: boolean;
}

/** fmt.Println's operands joined with spaces. */
const ln = (...a: (string | number | boolean)[]) => `${a.map(String).join(' ')}\n`;
const nonEmpty = (label: string, v: string | undefined) => (v ? ln(label, v) : '');

/** security.DecodeOptions: "name=seccomp,profile=default" → { Name, Options }; entries without a name are dropped. */
function decodeSecurityOptions(opts: readonly string[]): { Name: string; Options: { Key: string; Value: string }[] }[] {
  const out: { Name: string; Options: { Key: string; Value: string }[] }[] = [];
  for (const opt of opts) {
    let name = '';
    const options: { Key: string; Value: string }[] = [];
    for (const s of opt.split(',')) {
      const i = s.indexOf('=');
      const k = i < 0 ? s : s.slice(0, i);
      const v = i < 0 ? '' : s.slice(i + 1);
      if (k === '') continue;
      if (k === 'name') name = v;
      else options.push({ Key: k, Value: v });
    }
    if (name !== '') out.push({ Name: name, Options: options });
  }
  return out;
}

function clientText(c: ClientInfo): { out: string; err: string } {
  let out = nonEmpty(' Version:   ', c.Version) + ln(' Context:   ', c.Context ?? '') + ln(' Debug Mode:', c.Debug);
  const warnings = [...(c.Warnings ?? [])];
  const plugins = c.Plugins ?? [];
  if (plugins.length > 0) {
    out += ln(' Plugins:');
    for (const p of plugins) {
      if (p.Err === undefined) {
        out += `  ${p.Name}: ${p.ShortDescription ?? ''} (${p.Vendor ?? ''})\n`;
        out += nonEmpty('    Version: ', p.Version) + nonEmpty('    Path:    ', p.Path);
      } else warnings.push(`WARNING: Plugin ${JSON.stringify(p.Path)} is not valid: ${p.Err}`);
    }
  }
  return { out, err: warnings.length > 0 ? `${warnings.join('\n')}\n` : '' };
}

function swarmText(s: SwarmInfo): string {
  if (s.LocalNodeState === 'inactive' || s.LocalNodeState === 'locked') return '';
  let o = ln('  NodeID:', s.NodeID ?? '');
  if (s.Error) o += ln('  Error:', s.Error);
  o += ln('  Is Manager:', s.ControlAvailable === true);
  const c = s.Cluster;
  if (c && s.ControlAvailable === true && !s.Error && s.LocalNodeState !== 'error') {
    o += ln('  ClusterID:', c.ID) + ln('  Managers:', s.Managers ?? 0) + ln('  Nodes:', s.Nodes ?? 0);
    if (c.DefaultAddrPool) {
      o += ln('  Default Address Pool:', c.DefaultAddrPool.map((p) => `${p}  `).join(''));
      o += ln('  SubnetSize:', c.SubnetSize ?? 0);
    }
    if ((c.DataPathPort ?? 0) > 0) o += ln('  Data Path Port:', c.DataPathPort ?? 0);
    const sp = c.Spec;
    o += ln('  Orchestration:') + ln('   Task History Retention Limit:', sp.Orchestration.TaskHistoryRetentionLimit ?? 0);
    o += ln('  Raft:') + ln('   Snapshot Interval:', sp.Raft.SnapshotInterval);
    if (sp.Raft.KeepOldSnapshots !== undefined) o += `   Number of Old Snapshots to Retain: ${sp.Raft.KeepOldSnapshots}\n`;
    o += ln('   Heartbeat Tick:', sp.Raft.HeartbeatTick) + ln('   Election Tick:', sp.Raft.ElectionTick);
    o += ln('  Dispatcher:') + ln('   Heartbeat Period:', dockerHumanDuration(sp.Dispatcher.HeartbeatPeriod / 1e6));
    o += ln('  CA Configuration:') + ln('   Expiry Duration:', dockerHumanDuration(sp.CAConfig.NodeCertExpiry / 1e6)) + ln('   Force Rotate:', sp.CAConfig.ForceRotate);
    const ca = (sp.CAConfig.SigningCACert ?? '').trim();
    if (ca !== '') o += `   Signing CA Certificate: \n${ca}\n\n`;
    const ext = sp.CAConfig.ExternalCAs ?? [];
    if (ext.length > 0) o += ln('   External CAs:') + ext.map((e) => `     ${e.Protocol}: ${e.URL}\n`).join('');
    o += ln('  Autolock Managers:', sp.EncryptionConfig.AutoLockManagers) + ln('  Root Rotation In Progress:', c.RootRotationInProgress);
  }
  o += ln('  Node Address:', s.NodeAddr ?? '');
  const managers = (s.RemoteManagers ?? []).map((m) => m.Addr).sort();
  if (managers.length > 0) o += ln('  Manager Addresses:') + managers.map((m) => `   ${m}\n`).join('');
  return o;
}

function serverText(info: SystemInfo, userName: string, clientDebug: boolean): string {
  let o = ln(' Containers:', info.Containers) + ln('  Running:', info.ContainersRunning) + ln('  Paused:', info.ContainersPaused) + ln('  Stopped:', info.ContainersStopped);
  o += ln(' Images:', info.Images) + nonEmpty(' Server Version:', info.ServerVersion) + nonEmpty(' Storage Driver:', info.Driver);
  for (const [k, v] of info.DriverStatus ?? []) o += `  ${k}: ${v}\n`;
  for (const [k, v] of info.SystemStatus ?? []) o += ` ${k}: ${v}\n`;
  o += nonEmpty(' Logging Driver:', info.LoggingDriver) + nonEmpty(' Cgroup Driver:', info.CgroupDriver) + nonEmpty(' Cgroup Version:', info.CgroupVersion);
  o += ln(' Plugins:') + ln('  Volume:', info.Plugins.Volume.join(' ')) + ln('  Network:', info.Plugins.Network.join(' '));
  if ((info.Plugins.Authorization ?? []).length > 0) o += ln('  Authorization:', (info.Plugins.Authorization ?? []).join(' '));
  o += ln('  Log:', info.Plugins.Log.join(' '));
  const cdi = info.CDISpecDirs ?? [];
  if (cdi.length > 0) o += ln(' CDI spec directories:') + cdi.map((d) => `  ${d}\n`).join('');
  const devices = info.DiscoveredDevices ?? [];
  if (devices.length > 0) o += ln(' Discovered Devices:') + devices.map((d) => `  ${d.Source}: ${d.ID}\n`).join('');
  o += ln(' Swarm:', info.Swarm.LocalNodeState) + swarmText(info.Swarm);
  const runtimes = Object.keys(info.Runtimes);
  if (runtimes.length > 0) o += ln(' Runtimes:', runtimes.join(' ')) + ln(' Default Runtime:', info.DefaultRuntime);
  if (info.OSType === 'linux') {
    o += ln(' Init Binary:', info.InitBinary) + ln(' containerd version:', info.ContainerdCommit.ID) + ln(' runc version:', info.RuncCommit.ID) + ln(' init version:', info.InitCommit.ID);
    const secopts = decodeSecurityOptions(info.SecurityOptions);
    if (secopts.length > 0) {
      o += ln(' Security Options:');
      for (const so of secopts) {
        o += ln(`  ${so.Name}`);
        for (const kv of so.Options) if (kv.Key === 'profile') o += ln('   Profile:', kv.Value);
      }
    }
  }
  if (info.OSType === 'windows') o += ln(' Default Isolation:', info.Isolation);
  o += nonEmpty(' Kernel Version:', info.KernelVersion) + nonEmpty(' Operating System:', info.OperatingSystem) + nonEmpty(' OSType:', info.OSType) + nonEmpty(' Architecture:', info.Architecture);
  o += ln(' CPUs:', info.NCPU) + ln(' Total Memory:', bytesSize(info.MemTotal)) + nonEmpty(' Name:', info.Name) + nonEmpty(' ID:', info.ID);
  o += ln(' Docker Root Dir:', info.DockerRootDir) + ln(' Debug Mode:', info.Debug);
  if (info.Debug || clientDebug) o += ln('  File Descriptors:', info.NFd) + ln('  Goroutines:', info.NGoroutines) + ln('  System Time:', info.SystemTime) + ln('  EventsListeners:', info.NEventsListener);
  o += nonEmpty(' HTTP Proxy:', info.HTTPProxy) + nonEmpty(' HTTPS Proxy:', info.HTTPSProxy) + nonEmpty(' No Proxy:', info.NoProxy) + nonEmpty(' Username:', userName);
  const labels = info.Labels ?? [];
  if (labels.length > 0) o += ln(' Labels:') + labels.map((l) => ln(`  ${l}`)).join('');
  o += ln(' Experimental:', info.ExperimentalBuild);
  const rc = info.RegistryConfig;
  if (rc && (rc.InsecureRegistryCIDRs.length > 0 || Object.keys(rc.IndexConfigs).length > 0)) {
    o += ln(' Insecure Registries:');
    for (const ic of Object.values(rc.IndexConfigs)) if (!ic.Secure) o += ln(`  ${ic.Name}`);
    for (const cidr of rc.InsecureRegistryCIDRs) o += `  ${cidr}\n`;
  }
  if (rc && (rc.Mirrors ?? []).length > 0) o += ln(' Registry Mirrors:') + (rc.Mirrors ?? []).map((m) => ln(`  ${m}`)).join('');
  o += ln(' Live Restore Enabled:', info.LiveRestoreEnabled);
  if (info.ProductLicense) o += ln(' Product License:', info.ProductLicense);
  const pools = info.DefaultAddressPools ?? [];
  if (pools.length > 0) o += ln(' Default Address Pools:') + pools.map((p) => `   Base: ${p.Base}, Size: ${p.Size}\n`).join('');
  if (info.FirewallBackend) o += ln(' Firewall Backend:', info.FirewallBackend.Driver) + (info.FirewallBackend.Info ?? []).map(([k, v]) => `  ${k}: ${v}\n`).join('');
  if (info.NRI) o += ln(' NRI:') + info.NRI.Info.map(([k, v]) => `  ${k}: ${v}\n`).join('');
  return `${o}\n`;
}

/** cli/command/system/info.go prettyPrintInfo: stdout, stderr, and whether it succeeded. */
export function prettyPrintInfo(d: DockerInfo): PrettyInfo {
  const platform = d.ClientInfo?.Platform?.Name ?? '';
  let out = platform !== '' ? ln('Client:', platform) : ln('Client:');
  let err = '';
  if (d.ClientInfo) {
    const c = clientText(d.ClientInfo);
    out += c.out;
    err += c.err;
  }
  for (const e of d.ClientErrors ?? []) err += ln('ERROR:', e);
  out += ln() + ln('Server:');
  if (d.Info) {
    out += serverText(d.Info, d.UserName ?? '', d.ClientInfo?.Debug === true);
    for (const w of d.Info.Warnings ?? []) err += ln(w);
  }
  for (const e of d.ServerErrors ?? []) err += ln('ERROR:', e);
  const ok = (d.ServerErrors ?? []).length === 0 && (d.ClientErrors ?? []).length === 0;
  return { out, err, ok };
}

/** The host facts `docker info` reads from the machine, in Dockyard: /proc and /etc/hostname. */
export interface HostFacts {
  ncpu: number;
  memTotal: number;
  hostname: string;
}

/** Dockyard's daemon (Docker Engine 28.3.2 on Debian) as `system.Info`, with the client section. */
export function dockyardInfo(counts: { containers: number; running: number; paused: number; images: number }, host: HostFacts, v: Record<'docker' | 'kernel' | 'debian' | 'debianCodename' | 'compose' | 'buildx', string>): DockerInfo {
  return {
    ClientInfo: {
      Debug: false,
      Platform: { Name: 'Docker Engine - Community' },
      Version: v.docker,
      Context: 'default',
      Plugins: [
        { Name: 'buildx', ShortDescription: 'Docker Buildx', Vendor: 'Docker Inc.', Version: v.buildx, Path: '/usr/libexec/docker/cli-plugins/docker-buildx' },
        { Name: 'compose', ShortDescription: 'Docker Compose', Vendor: 'Docker Inc.', Version: v.compose, Path: '/usr/libexec/docker/cli-plugins/docker-compose' },
      ],
    },
    Info: {
      ID: '',
      Containers: counts.containers,
      ContainersRunning: counts.running,
      ContainersPaused: counts.paused,
      ContainersStopped: counts.containers - counts.running - counts.paused,
      Images: counts.images,
      Driver: 'overlay2',
      DriverStatus: [
        ['Backing Filesystem', 'extfs'],
        ['Supports d_type', 'true'],
        ['Using metacopy', 'false'],
        ['Native Overlay Diff', 'true'],
        ['userxattr', 'false'],
      ],
      SystemStatus: null,
      Plugins: { Volume: ['local'], Network: ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'], Authorization: null, Log: ['awslogs', 'fluentd', 'gcplogs', 'gelf', 'journald', 'json-file', 'local', 'splunk', 'syslog'] },
      Debug: false,
      NFd: 0,
      NGoroutines: 0,
      SystemTime: '',
      LoggingDriver: 'json-file',
      CgroupDriver: 'systemd',
      CgroupVersion: '2',
      NEventsListener: 0,
      KernelVersion: v.kernel,
      OperatingSystem: `Debian GNU/Linux ${v.debian} (${v.debianCodename})`,
      OSType: 'linux',
      Architecture: 'x86_64',
      RegistryConfig: { InsecureRegistryCIDRs: ['::1/128', '127.0.0.0/8'], IndexConfigs: { 'docker.io': { Name: 'docker.io', Secure: true } }, Mirrors: null },
      NCPU: host.ncpu,
      MemTotal: host.memTotal,
      DockerRootDir: '/var/lib/docker',
      HTTPProxy: '',
      HTTPSProxy: '',
      NoProxy: '',
      Name: host.hostname,
      Labels: [],
      ExperimentalBuild: false,
      ServerVersion: v.docker,
      Runtimes: { 'io.containerd.runc.v2': {}, runc: {} },
      DefaultRuntime: 'runc',
      Swarm: { LocalNodeState: 'inactive' },
      LiveRestoreEnabled: false,
      Isolation: '',
      InitBinary: 'docker-init',
      ContainerdCommit: { ID: '05044ec0a9a75232cad458027ca83437aae3f4da' },
      RuncCommit: { ID: 'v1.2.5-0-g59923ef' },
      InitCommit: { ID: 'de40ad0' },
      SecurityOptions: ['name=seccomp,profile=builtin', 'name=cgroupns'],
    },
  };
}
