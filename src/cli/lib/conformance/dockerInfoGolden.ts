/**
 * docker/cli cli/command/system/info_test.go TestPrettyPrintInfo: the upstream fixtures (sampleInfoNoSwarm,
 * sampleSwarmInfo, samplePluginsInfo and their variants) rebuilt from the test file and printed by the
 * front end's own `prettyPrintInfo`. Goldens are the stdout (`<name>.golden`) or stderr (`*-stderr`,
 * `*-warnings`) of each case.
 */
import { prettyPrintInfo, type DockerInfo, type SystemInfo, type InfoPlugin } from '../../docker/info';

const sampleInfoNoSwarm: SystemInfo = {
  ID: 'EKHL:QDUU:QZ7U:MKGD:VDXK:S27Q:GIPU:24B7:R7VT:DGN6:QCSF:2UBX',
  Containers: 0,
  ContainersRunning: 0,
  ContainersPaused: 0,
  ContainersStopped: 0,
  Images: 0,
  Driver: 'overlay2',
  DriverStatus: [
    ['Backing Filesystem', 'extfs'],
    ['Supports d_type', 'true'],
    ['Using metacopy', 'false'],
    ['Native Overlay Diff', 'true'],
  ],
  SystemStatus: null,
  Plugins: { Volume: ['local'], Network: ['bridge', 'host', 'macvlan', 'null', 'overlay'], Authorization: null, Log: ['awslogs', 'fluentd', 'gcplogs', 'gelf', 'journald', 'json-file', 'splunk', 'syslog'] },
  Debug: true,
  NFd: 33,
  NGoroutines: 135,
  SystemTime: '2017-08-24T17:44:34.077811894Z',
  LoggingDriver: 'json-file',
  CgroupDriver: 'cgroupfs',
  NEventsListener: 0,
  KernelVersion: '4.4.0-87-generic',
  OperatingSystem: 'Ubuntu 16.04.3 LTS',
  OSType: 'linux',
  Architecture: 'x86_64',
  RegistryConfig: { InsecureRegistryCIDRs: ['127.0.0.0/8'], IndexConfigs: { 'docker.io': { Name: 'docker.io', Secure: true } }, Mirrors: null },
  NCPU: 2,
  MemTotal: 2097356800,
  DockerRootDir: '/var/lib/docker',
  HTTPProxy: '',
  HTTPSProxy: '',
  NoProxy: '',
  Name: 'system-sample',
  Labels: ['provider=digitalocean'],
  ExperimentalBuild: false,
  ServerVersion: '17.06.1-ce',
  Runtimes: { runc: { path: 'docker-runc' } },
  DefaultRuntime: 'runc',
  Swarm: { LocalNodeState: 'inactive' },
  LiveRestoreEnabled: false,
  Isolation: '',
  InitBinary: 'docker-init',
  ContainerdCommit: { ID: '6e23458c129b551d5c9871e5174f6b1b7f6d1170' },
  RuncCommit: { ID: '810190ceaa507aa2727d7ae6f4790c76ec150bd2' },
  InitCommit: { ID: '949e6fa' },
  SecurityOptions: ['name=apparmor', 'name=seccomp,profile=default'],
  DefaultAddressPools: [{ Base: '10.123.0.0/16', Size: 24 }],
  FirewallBackend: { Driver: 'nftables+firewalld', Info: [['ReloadedAt', '2025-07-16T16:59:14Z']] },
  NRI: { Info: [['plugin-path', '/usr/libexec/docker/nri-plugins'], ['plugin-config-path', '/etc/docker/nri/conf.d']] },
  CDISpecDirs: ['/etc/cdi', '/var/run/cdi'],
};

const sampleSwarmInfo: SystemInfo['Swarm'] = {
  NodeID: 'qo2dfdig9mmxqkawulggepdih',
  NodeAddr: '165.227.107.89',
  LocalNodeState: 'active',
  ControlAvailable: true,
  Error: '',
  RemoteManagers: [{ NodeID: 'qo2dfdig9mmxqkawulggepdih', Addr: '165.227.107.89:2377' }],
  Nodes: 1,
  Managers: 1,
  Cluster: {
    ID: '9vs5ygs0gguyyec4iqf2314c0',
    RootRotationInProgress: false,
    Spec: {
      Orchestration: { TaskHistoryRetentionLimit: 5 },
      Raft: { SnapshotInterval: 10000, KeepOldSnapshots: 0, HeartbeatTick: 1, ElectionTick: 3 },
      Dispatcher: { HeartbeatPeriod: 5_000_000_000 },
      CAConfig: { NodeCertExpiry: 7_776_000_000_000_000, ForceRotate: 0 },
      EncryptionConfig: { AutoLockManagers: true },
    },
  },
};

const samplePluginsInfo: InfoPlugin[] = [
  { Name: 'goodplugin', Path: '/path/to/docker-goodplugin', ShortDescription: 'unit test is good', Vendor: 'ACME Corp', Version: '0.1.0' },
  { Name: 'unversionedplugin', Path: '/path/to/docker-unversionedplugin', ShortDescription: 'this plugin has no version', Vendor: 'ACME Corp' },
  { Name: 'badplugin', Path: '/path/to/docker-badplugin', Err: 'something wrong' },
];

const community = { Platform: { Name: 'Docker Engine - Community' }, Version: '24.0.0', Context: 'default', Debug: true };

const CASES: { info: DockerInfo; pretty: string; warnings?: string }[] = [
  { info: { Info: sampleInfoNoSwarm, ClientInfo: community }, pretty: 'docker-info-no-swarm' },
  { info: { Info: sampleInfoNoSwarm, ClientInfo: { Context: 'default', Debug: false, Plugins: samplePluginsInfo } }, pretty: 'docker-info-plugins', warnings: 'docker-info-plugins-warnings' },
  { info: { Info: { ...sampleInfoNoSwarm, Labels: null }, ClientInfo: { Context: 'default', Debug: false } }, pretty: 'docker-info-with-labels-nil' },
  { info: { Info: { ...sampleInfoNoSwarm, Labels: [] }, ClientInfo: { Context: 'default', Debug: false } }, pretty: 'docker-info-with-labels-empty' },
  { info: { Info: { ...sampleInfoNoSwarm, Swarm: sampleSwarmInfo }, ClientInfo: { Context: 'default', Debug: false } }, pretty: 'docker-info-with-swarm' },
  {
    info: {
      Info: {
        ...sampleInfoNoSwarm,
        Warnings: [
          'WARNING: No memory limit support',
          'WARNING: No swap limit support',
          'WARNING: No oom kill disable support',
          'WARNING: No cpu cfs quota support',
          'WARNING: No cpu cfs period support',
          'WARNING: No cpu shares support',
          'WARNING: No cpuset support',
          'WARNING: IPv4 forwarding is disabled',
        ],
      },
      ClientInfo: community,
    },
    pretty: 'docker-info-no-swarm',
    warnings: 'docker-info-warnings',
  },
  { info: { ServerErrors: ['a server error occurred'], ClientErrors: ['a client error occurred'] }, pretty: 'docker-info-errors', warnings: 'docker-info-errors-stderr' },
  { info: { Info: { ...sampleInfoNoSwarm, SecurityOptions: ['foo='] }, ServerErrors: ['a server error occurred'], ClientInfo: { Debug: false } }, pretty: 'docker-info-badsec', warnings: 'docker-info-badsec-stderr' },
  {
    info: { Info: { ...sampleInfoNoSwarm, DiscoveredDevices: [{ Source: 'cdi', ID: 'com.example.device1' }, { Source: 'cdi', ID: 'nvidia.com/gpu=gpu0' }] } },
    pretty: 'docker-info-with-devices',
  },
];

/** The output a docker-info golden (by file name without .golden) holds, or undefined when no case produces it. */
export function infoGoldenOutput(name: string): string | undefined {
  for (const c of CASES) {
    if (c.pretty === name) return prettyPrintInfo(c.info).out;
    if (c.warnings === name) return prettyPrintInfo(c.info).err;
  }
  return undefined;
}
