/**
 * The flags of `docker run` and `docker create` (docker/cli v28.3.2 cli/command/container/opts.go
 * `addFlags`: names, shorthands, types, defaults and usage strings as written there; flags whose
 * ostype annotation is windows are hidden on Linux as docker's hideUnsupportedFeatures does).
 * Generated from that source, then the value types that validate (`-m`, `--cpus`) edited by hand.
 */
import { flag } from '../lib/command';
import { ramInBytes } from '../lib/units';

const bytes = (name: string, usage: string, short?: string, hidden?: boolean) =>
  flag.custom<number>(name, {
    usage,
    ...(short ? { short } : {}),
    ...(hidden ? { hidden } : {}),
    type: 'bytes',
    default: 0,
    parse: (s) => {
      const r = ramInBytes(s);
      return r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error };
    },
    format: (v) => String(v),
  });

const decimal = (name: string, usage: string) =>
  flag.custom<number>(name, {
    usage,
    type: 'decimal',
    default: 0,
    parse: (s) => {
      // opts.ParseCPUs: a big.Rat, in whole nano-CPUs
      const m = /^[+-]?(\d*)(?:\.(\d*))?$/.exec(s);
      const n = Number(s);
      if (!m || s === '' || s === '.' || !Number.isFinite(n)) return { ok: false, error: `failed to parse ${s} as a rational number` };
      if ((m[2] ?? '').replace(/0+$/, '').length > 9) return { ok: false, error: 'value is too precise' };
      return { ok: true, value: n };
    },
    format: (v) => String(v),
  });

/** Flags of the container's configuration, shared by run and create. */
export const containerFlags = {
  attach: flag.list('attach', {
    usage: 'Attach to STDIN, STDOUT or STDERR',
    short: 'a',
  }),
  deviceCgroupRule: flag.list('device-cgroup-rule', {
    usage: 'Add a rule to the cgroup allowed devices list',
  }),
  device: flag.list('device', { usage: 'Add a host device to the container' }),
  gpus: flag.list('gpus', {
    ...{
      usage: "GPU devices to add to the container ('all' to pass all GPUs)",
    },
    type: 'gpu-request',
  }),
  env: flag.list('env', { usage: 'Set environment variables', short: 'e' }),
  envFile: flag.list('env-file', {
    usage: 'Read in a file of environment variables',
  }),
  entrypoint: flag.string('entrypoint', {
    usage: 'Overwrite the default ENTRYPOINT of the image',
  }),
  groupAdd: flag.list('group-add', { usage: 'Add additional groups to join' }),
  hostname: flag.string('hostname', {
    usage: 'Container host name',
    short: 'h',
  }),
  domainname: flag.string('domainname', { usage: 'Container NIS domain name' }),
  interactive: flag.bool('interactive', {
    usage: 'Keep STDIN open even if not attached',
    short: 'i',
  }),
  label: flag.list('label', {
    usage: 'Set meta data on a container',
    short: 'l',
  }),
  labelFile: flag.list('label-file', {
    usage: 'Read in a line delimited file of labels',
  }),
  readOnly: flag.bool('read-only', {
    usage: "Mount the container's root filesystem as read only",
  }),
  restart: flag.string('restart', {
    usage: 'Restart policy to apply when a container exits',
    default: 'no',
  }),
  stopSignal: flag.string('stop-signal', {
    usage: 'Signal to stop the container',
  }),
  stopTimeout: flag.int('stop-timeout', {
    usage: 'Timeout (in seconds) to stop a container',
  }),
  sysctl: flag.map('sysctl', { usage: 'Sysctl options' }),
  tty: flag.bool('tty', { usage: 'Allocate a pseudo-TTY', short: 't' }),
  ulimit: flag.list('ulimit', {
    ...{ usage: 'Ulimit options' },
    type: 'ulimit',
    // go-units ParseUlimit: name=soft[:hard]
    validate: (v) => {
      const m = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(v);
      if (!m) return { ok: false, error: `invalid ulimit argument: ${v}` };
      if (m[3] !== undefined && Number(m[2]) > Number(m[3])) return { ok: false, error: `ulimit soft limit must be less than or equal to hard limit: ${m[2]} > ${m[3]}` };
      return { ok: true, value: v };
    },
  }),
  user: flag.string('user', {
    usage: 'Username or UID (format: <name|uid>[:<group|gid>])',
    short: 'u',
  }),
  workdir: flag.string('workdir', {
    usage: 'Working directory inside the container',
    short: 'w',
  }),
  rm: flag.bool('rm', {
    usage: 'Automatically remove the container and its associated anonymous volumes when it exits',
  }),
  capAdd: flag.list('cap-add', { usage: 'Add Linux capabilities' }),
  capDrop: flag.list('cap-drop', { usage: 'Drop Linux capabilities' }),
  privileged: flag.bool('privileged', {
    usage: 'Give extended privileges to this container',
  }),
  securityOpt: flag.list('security-opt', { usage: 'Security Options' }),
  userns: flag.string('userns', { usage: 'User namespace to use' }),
  cgroupns: flag.string('cgroupns', {
    usage:
      "Cgroup namespace to use (host|private)\n'host':    Run the container in the Docker host's cgroup namespace\n'private': Run the container in its own private cgroup namespace\n'':        Use the cgroup namespace as configured by the\n           default-cgroupns-mode option on the daemon (default)",
  }),
  addHost: flag.list('add-host', {
    usage: 'Add a custom host-to-IP mapping (host:ip)',
  }),
  dns: flag.list('dns', { usage: 'Set custom DNS servers' }),
  dnsOpt: flag.list('dns-opt', { usage: 'Set DNS options', hidden: true }),
  dnsOption: flag.list('dns-option', { usage: 'Set DNS options' }),
  dnsSearch: flag.list('dns-search', {
    usage: 'Set custom DNS search domains',
  }),
  expose: flag.list('expose', { usage: 'Expose a port or a range of ports' }),
  ip: flag.string('ip', { usage: 'IPv4 address (e.g., 172.30.100.104)' }),
  ip6: flag.string('ip6', { usage: 'IPv6 address (e.g., 2001:db8::33)' }),
  link: flag.list('link', { usage: 'Add link to another container' }),
  linkLocalIp: flag.list('link-local-ip', {
    usage: 'Container IPv4/IPv6 link-local addresses',
  }),
  macAddress: flag.string('mac-address', {
    usage: 'Container MAC address (e.g., 92:d0:c6:0a:29:33)',
  }),
  publish: flag.list('publish', {
    usage: "Publish a container's port(s) to the host",
    short: 'p',
  }),
  publishAll: flag.bool('publish-all', {
    usage: 'Publish all exposed ports to random ports',
    short: 'P',
  }),
  net: flag.list('net', {
    ...{ usage: 'Connect a container to a network', hidden: true },
    type: 'network',
  }),
  network: flag.list('network', {
    ...{ usage: 'Connect a container to a network' },
    type: 'network',
  }),
  netAlias: flag.list('net-alias', {
    usage: 'Add network-scoped alias for the container',
    hidden: true,
  }),
  networkAlias: flag.list('network-alias', {
    usage: 'Add network-scoped alias for the container',
  }),
  logDriver: flag.string('log-driver', {
    usage: 'Logging driver for the container',
  }),
  volumeDriver: flag.string('volume-driver', {
    usage: 'Optional volume driver for the container',
  }),
  logOpt: flag.list('log-opt', { usage: 'Log driver options' }),
  storageOpt: flag.list('storage-opt', {
    usage: 'Storage driver options for the container',
  }),
  tmpfs: flag.list('tmpfs', { usage: 'Mount a tmpfs directory' }),
  volumesFrom: flag.list('volumes-from', {
    usage: 'Mount volumes from the specified container(s)',
  }),
  volume: flag.list('volume', { usage: 'Bind mount a volume', short: 'v' }),
  mount: flag.list('mount', {
    ...{ usage: 'Attach a filesystem mount to the container' },
    type: 'mount',
  }),
  healthCmd: flag.string('health-cmd', {
    usage: 'Command to run to check health',
  }),
  healthInterval: flag.duration('health-interval', {
    usage: 'Time between running the check (ms|s|m|h) (default 0s)',
  }),
  healthRetries: flag.int('health-retries', {
    usage: 'Consecutive failures needed to report unhealthy',
  }),
  healthTimeout: flag.duration('health-timeout', {
    usage: 'Maximum time to allow one check to run (ms|s|m|h) (default 0s)',
  }),
  healthStartPeriod: flag.duration('health-start-period', {
    usage: 'Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)',
  }),
  healthStartInterval: flag.duration('health-start-interval', {
    usage: 'Time between running the check during the start period (ms|s|m|h) (default 0s)',
  }),
  noHealthcheck: flag.bool('no-healthcheck', {
    usage: 'Disable any container-specified HEALTHCHECK',
  }),
  blkioWeight: flag.sizedInt('blkio-weight', 'uint16', {
    usage: 'Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)',
  }),
  blkioWeightDevice: flag.list('blkio-weight-device', {
    usage: 'Block IO weight (relative device weight)',
  }),
  cidfile: flag.string('cidfile', {
    usage: 'Write the container ID to the file',
  }),
  cpusetCpus: flag.string('cpuset-cpus', {
    usage: 'CPUs in which to allow execution (0-3, 0,1)',
  }),
  cpusetMems: flag.string('cpuset-mems', {
    usage: 'MEMs in which to allow execution (0-3, 0,1)',
  }),
  cpuCount: flag.sizedInt('cpu-count', 'int64', {
    usage: 'CPU count (Windows only)',
    hidden: true,
  }),
  cpuPercent: flag.sizedInt('cpu-percent', 'int64', {
    usage: 'CPU percent (Windows only)',
    hidden: true,
  }),
  cpuPeriod: flag.sizedInt('cpu-period', 'int64', {
    usage: 'Limit CPU CFS (Completely Fair Scheduler) period',
  }),
  cpuQuota: flag.sizedInt('cpu-quota', 'int64', {
    usage: 'Limit CPU CFS (Completely Fair Scheduler) quota',
  }),
  cpuRtPeriod: flag.sizedInt('cpu-rt-period', 'int64', {
    usage: 'Limit CPU real-time period in microseconds',
  }),
  cpuRtRuntime: flag.sizedInt('cpu-rt-runtime', 'int64', {
    usage: 'Limit CPU real-time runtime in microseconds',
  }),
  cpuShares: flag.sizedInt('cpu-shares', 'int64', {
    usage: 'CPU shares (relative weight)',
    short: 'c',
  }),
  cpus: decimal('cpus', 'Number of CPUs'),
  deviceReadBps: flag.list('device-read-bps', {
    usage: 'Limit read rate (bytes per second) from a device',
  }),
  deviceReadIops: flag.list('device-read-iops', {
    usage: 'Limit read rate (IO per second) from a device',
  }),
  deviceWriteBps: flag.list('device-write-bps', {
    usage: 'Limit write rate (bytes per second) to a device',
  }),
  deviceWriteIops: flag.list('device-write-iops', {
    usage: 'Limit write rate (IO per second) to a device',
  }),
  ioMaxbandwidth: bytes('io-maxbandwidth', 'Maximum IO bandwidth limit for the system drive (Windows only)'),
  ioMaxiops: flag.sizedInt('io-maxiops', 'uint64', {
    usage: 'Maximum IOps limit for the system drive (Windows only)',
    hidden: true,
  }),
  kernelMemory: bytes('kernel-memory', 'Kernel memory limit'),
  memory: bytes('memory', 'Memory limit', 'm'),
  memoryReservation: bytes('memory-reservation', 'Memory soft limit'),
  memorySwap: bytes('memory-swap', "Swap limit equal to memory plus swap: '-1' to enable unlimited swap"),
  memorySwappiness: flag.sizedInt('memory-swappiness', 'int64', {
    usage: 'Tune container memory swappiness (0 to 100)',
    default: -1,
  }),
  oomKillDisable: flag.bool('oom-kill-disable', {
    usage: 'Disable OOM Killer',
  }),
  oomScoreAdj: flag.int('oom-score-adj', {
    usage: "Tune host's OOM preferences (-1000 to 1000)",
  }),
  pidsLimit: flag.sizedInt('pids-limit', 'int64', {
    usage: 'Tune container pids limit (set -1 for unlimited)',
  }),
  cgroupParent: flag.string('cgroup-parent', {
    usage: 'Optional parent cgroup for the container',
  }),
  ipc: flag.string('ipc', { usage: 'IPC mode to use' }),
  isolation: flag.string('isolation', {
    usage: 'Container isolation technology',
  }),
  pid: flag.string('pid', { usage: 'PID namespace to use' }),
  shmSize: bytes('shm-size', 'Size of /dev/shm'),
  uts: flag.string('uts', { usage: 'UTS namespace to use' }),
  runtime: flag.string('runtime', {
    usage: 'Runtime to use for this container',
  }),
  init: flag.bool('init', {
    usage: 'Run an init inside the container that forwards signals and reaps processes',
  }),
  annotation: flag.map('annotation', {
    usage: 'Add an annotation to the container (passed through to the OCI runtime)',
  }),
};
