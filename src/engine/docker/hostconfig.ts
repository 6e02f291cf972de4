/**
 * The parts of a container's HostConfig that `docker run` flags set beyond ports, mounts and
 * networks (resources, --privileged, --read-only, --init, --dns, --add-host, --ulimit ...), the
 * daemon's checks of them (moby v28.3.2 daemon/daemon_unix.go `verifyPlatformContainerResources`,
 * `adaptContainerSettings`), and the HostConfig JSON `docker inspect` prints, every field in the
 * order of moby's api/types/container HostConfig and Resources structs, with the values a Linux
 * (cgroup v2) daemon fills in.
 */

export interface Ulimit {
  readonly Name: string;
  readonly Hard: number;
  readonly Soft: number;
}

/** What the CLI sends; absent fields are the API's zero values. */
export interface HostOptions {
  readonly memory?: number;
  readonly memorySwap?: number;
  readonly memoryReservation?: number;
  readonly memorySwappiness?: number;
  readonly nanoCpus?: number;
  readonly cpuShares?: number;
  readonly cpuPeriod?: number;
  readonly cpuQuota?: number;
  readonly cpusetCpus?: string;
  readonly cpusetMems?: string;
  readonly pidsLimit?: number;
  readonly oomKillDisable?: boolean;
  readonly privileged?: boolean;
  readonly readOnly?: boolean;
  readonly init?: boolean;
  readonly publishAll?: boolean;
  readonly dns?: readonly string[];
  readonly dnsOptions?: readonly string[];
  readonly dnsSearch?: readonly string[];
  readonly extraHosts?: readonly string[];
  readonly capAdd?: readonly string[];
  readonly capDrop?: readonly string[];
  readonly groupAdd?: readonly string[];
  readonly shmSize?: number;
  readonly ulimits?: readonly Ulimit[];
  /** Config.StopTimeout (seconds), `--stop-timeout`. */
  readonly stopTimeout?: number;
  /** Bytes of `docker run -t`'s console size [height, width]. */
  readonly consoleSize?: readonly [number, number];
}

/** The simulated host's CPUs (nproc). */
export const HOST_CPUS = 4;
const LINUX_MIN_MEMORY = 6291456;
const DEFAULT_SHM_SIZE = 67108864;

/**
 * The daemon's checks at create time: the error text (a 400 from the API), or the settings as the
 * daemon stores them (MemorySwap defaults to twice Memory).
 */
export function verifyHostOptions(o: HostOptions): { ok: true; value: HostOptions } | { ok: false; error: string } {
  const bad = (error: string) => ({ ok: false as const, error });
  const memory = o.memory ?? 0;
  const swap = o.memorySwap ?? 0;
  if (memory !== 0 && memory < LINUX_MIN_MEMORY) return bad('Minimum memory limit allowed is 6MB');
  if (memory > 0 && swap > 0 && swap < memory) return bad('Minimum memoryswap limit should be larger than memory limit, see usage');
  if (memory === 0 && swap > 0) return bad('You should always set the Memory limit when using Memoryswap limit, see usage');
  if (o.memorySwappiness !== undefined && o.memorySwappiness !== -1 && (o.memorySwappiness < 0 || o.memorySwappiness > 100)) {
    return bad(`Invalid value: ${o.memorySwappiness}, valid memory swappiness range is 0-100`);
  }
  const reservation = o.memoryReservation ?? 0;
  if (reservation !== 0 && reservation < LINUX_MIN_MEMORY) return bad('Minimum memory reservation allowed is 6MB');
  if (memory > 0 && reservation > 0 && memory < reservation) return bad('Minimum memory limit can not be less than memory reservation limit, see usage');
  const nano = o.nanoCpus ?? 0;
  if (nano > 0 && (o.cpuPeriod ?? 0) > 0) return bad('Conflicting options: Nano CPUs and CPU Period cannot both be set');
  if (nano > 0 && (o.cpuQuota ?? 0) > 0) return bad('Conflicting options: Nano CPUs and CPU Quota cannot both be set');
  if (nano !== 0 && (nano < 0 || nano > HOST_CPUS * 1e9)) return bad(`range of CPUs is from 0.01 to ${HOST_CPUS}.00, as there are only ${HOST_CPUS} CPUs available`);
  const period = o.cpuPeriod ?? 0;
  if (period !== 0 && (period < 1000 || period > 1000000)) return bad('CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)');
  const quota = o.cpuQuota ?? 0;
  if (quota > 0 && quota < 1000) return bad('CPU cfs quota can not be less than 1ms (i.e. 1000)');
  if (o.cpusetCpus) {
    const cpus = cpuList(o.cpusetCpus);
    if (cpus === undefined) return bad(`Invalid value ${o.cpusetCpus} for cpuset cpus: invalid format: ${o.cpusetCpus}`);
    if (cpus.some((c) => c >= HOST_CPUS)) return bad(`Requested CPUs are not available - requested ${o.cpusetCpus}, available: 0-${HOST_CPUS - 1}`);
  }
  if (o.cpusetMems) {
    const mems = cpuList(o.cpusetMems);
    if (mems === undefined) return bad(`Invalid value ${o.cpusetMems} for cpuset mems: invalid format: ${o.cpusetMems}`);
    if (mems.some((m) => m > 0)) return bad(`Requested memory nodes are not available - requested ${o.cpusetMems}, available: 0`);
  }
  return { ok: true, value: memory > 0 && swap === 0 ? { ...o, memorySwap: memory * 2 } : o };
}

/** parsers.ParseUintList: `0-2,4`; undefined when malformed. */
function cpuList(s: string): number[] | undefined {
  const out: number[] = [];
  for (const part of s.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) return undefined;
    for (let i = a; i <= b; i++) out.push(i);
  }
  return out;
}

const MASKED_PATHS = [
  '/proc/asound',
  '/proc/acpi',
  '/proc/interrupts',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/sys/firmware',
  '/sys/devices/virtual/powercap',
];
const READONLY_PATHS = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

/** The parts of HostConfig the daemon keeps elsewhere in its record. */
export interface HostConfigBase {
  readonly Binds: readonly string[] | null;
  readonly NetworkMode: string;
  readonly PortBindings: Record<string, unknown>;
  readonly RestartPolicy: { Name: string; MaximumRetryCount: number };
  readonly AutoRemove: boolean;
}

const list = (v: readonly string[] | undefined): string[] | null => (v && v.length > 0 ? [...v] : null);

/** HostConfig as `GET /containers/{id}/json` shows it. */
export function hostConfigJson(base: HostConfigBase, o: HostOptions = {}): Record<string, unknown> {
  const privileged = o.privileged === true;
  return {
    Binds: base.Binds,
    ContainerIDFile: '',
    LogConfig: { Type: 'json-file', Config: {} },
    NetworkMode: base.NetworkMode,
    PortBindings: base.PortBindings,
    RestartPolicy: base.RestartPolicy,
    AutoRemove: base.AutoRemove,
    VolumeDriver: '',
    VolumesFrom: null,
    ConsoleSize: o.consoleSize ? [...o.consoleSize] : [0, 0],
    CapAdd: list(o.capAdd),
    CapDrop: list(o.capDrop),
    CgroupnsMode: 'private',
    Dns: [...(o.dns ?? [])],
    DnsOptions: [...(o.dnsOptions ?? [])],
    DnsSearch: [...(o.dnsSearch ?? [])],
    ExtraHosts: list(o.extraHosts),
    GroupAdd: list(o.groupAdd),
    IpcMode: 'private',
    Cgroup: '',
    Links: null,
    OomScoreAdj: 0,
    PidMode: '',
    Privileged: privileged,
    PublishAllPorts: o.publishAll === true,
    ReadonlyRootfs: o.readOnly === true,
    SecurityOpt: privileged ? ['label=disable'] : null,
    UTSMode: '',
    UsernsMode: '',
    ShmSize: o.shmSize ?? DEFAULT_SHM_SIZE,
    Runtime: 'runc',
    Isolation: '',
    CpuShares: o.cpuShares ?? 0,
    Memory: o.memory ?? 0,
    NanoCpus: o.nanoCpus ?? 0,
    CgroupParent: '',
    BlkioWeight: 0,
    BlkioWeightDevice: [],
    BlkioDeviceReadBps: [],
    BlkioDeviceWriteBps: [],
    BlkioDeviceReadIOps: [],
    BlkioDeviceWriteIOps: [],
    CpuPeriod: o.cpuPeriod ?? 0,
    CpuQuota: o.cpuQuota ?? 0,
    CpuRealtimePeriod: 0,
    CpuRealtimeRuntime: 0,
    CpusetCpus: o.cpusetCpus ?? '',
    CpusetMems: o.cpusetMems ?? '',
    Devices: [],
    DeviceCgroupRules: null,
    DeviceRequests: null,
    MemoryReservation: o.memoryReservation ?? 0,
    MemorySwap: o.memorySwap ?? 0,
    MemorySwappiness: o.memorySwappiness === undefined || o.memorySwappiness === -1 ? null : o.memorySwappiness,
    OomKillDisable: o.oomKillDisable === undefined ? null : o.oomKillDisable,
    PidsLimit: o.pidsLimit === undefined || o.pidsLimit <= 0 ? null : o.pidsLimit,
    Ulimits: (o.ulimits ?? []).map((u) => ({ Name: u.Name, Hard: u.Hard, Soft: u.Soft })),
    CpuCount: 0,
    CpuPercent: 0,
    IOMaximumIOps: 0,
    IOMaximumBandwidth: 0,
    MaskedPaths: privileged ? null : [...MASKED_PATHS],
    ReadonlyPaths: privileged ? null : [...READONLY_PATHS],
    ...(o.init === true ? { Init: true } : {}),
  };
}
