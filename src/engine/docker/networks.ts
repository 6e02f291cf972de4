/**
 * Docker networks as dockerd's libnetwork keeps them: the predefined `bridge` (172.17.0.0/16),
 * `host` and `none`, user-defined bridge networks whose subnets come from the default address
 * pools (172.18.0.0/16, 172.19.0.0/16 ... 172.31.0.0/16, then 192.168.0.0/20, 192.168.16.0/20 ...,
 * lowest free first, as defaultipam's allocatePredefinedPool picks them), addresses handed out
 * lowest free first from .2 (the default IPAM is not serial for local networks), and the files a
 * container's network gives it (/etc/hosts, /etc/resolv.conf as libnetwork's resolvconf writes
 * them: the host's nameservers on the default bridge, the embedded DNS server 127.0.0.11 with
 * `options ndots:0` on user-defined networks).
 *
 * Everything here is plain data (in the daemon's snapshot); the daemon (daemon.ts) owns the
 * records and calls these helpers.
 */
import type { IdGen } from '../core/ids';
import { rfc3339Nano } from './inspect';

/** One network, as `GET /networks/{id}` describes it. */
export interface NetworkRecord {
  readonly id: string;
  readonly name: string;
  /** `bridge`, `host`, `null` (the `none` network). */
  readonly driver: string;
  readonly scope: 'local';
  /** Simulated ms. */
  readonly created: number;
  /** IPv4 subnet in CIDR form; undefined for host and none. */
  readonly subnet?: string;
  readonly gateway?: string;
  /** Whether the subnet was given (`--subnet`): only then may containers ask for an `--ip`. */
  readonly userSubnet: boolean;
  readonly internal: boolean;
  readonly attachable: boolean;
  readonly enableIPv6: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly options: Readonly<Record<string, string>>;
  /** IPAM driver options: null for the predefined networks, `{}` for networks the CLI created. */
  readonly ipamOptions: Readonly<Record<string, string>> | null;
  readonly ipamDriver: string;
  /** bridge, host, none. */
  readonly predefined: boolean;
}

/** A container's endpoint settings on one network (NetworkSettings.Networks[name]). */
export interface EndpointRecord {
  /** The network's id (names can be reused after a network is removed). */
  readonly network: string;
  /** The network's name when the container was connected. */
  readonly name: string;
  /** `--network-alias` / `--alias` (user-specified DNS names). */
  readonly aliases: readonly string[];
  /** `--ip`: a static address (IPAMConfig.IPv4Address). */
  readonly staticIp?: string;
  /** Names the embedded DNS answers for (user-defined networks only; null on the default bridge). */
  readonly dnsNames: readonly string[] | null;
  /** Operational data, set while the container runs ('' otherwise). */
  ip: string;
  endpointId: string;
  mac: string;
  /** The network's gateway and prefix length while attached. */
  gateway?: string;
  prefixLen?: number;
}

export const PREDEFINED = ['bridge', 'host', 'none'];

/** `DefaultNetworkOpts` of the default bridge as dockerd reports them. */
const BRIDGE_OPTIONS: Record<string, string> = {
  'com.docker.network.bridge.default_bridge': 'true',
  'com.docker.network.bridge.enable_icc': 'true',
  'com.docker.network.bridge.enable_ip_masquerade': 'true',
  'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
  'com.docker.network.bridge.name': 'docker0',
  'com.docker.network.driver.mtu': '1500',
};

/** The three networks every daemon starts with. */
export function predefinedNetworks(ids: IdGen, now: number): NetworkRecord[] {
  const base = { scope: 'local' as const, created: now, userSubnet: false, internal: false, attachable: false, enableIPv6: false, labels: {}, ipamOptions: null, ipamDriver: 'default', predefined: true };
  return [
    { ...base, id: ids.hex('network-id', 64), name: 'bridge', driver: 'bridge', subnet: '172.17.0.0/16', gateway: '172.17.0.1', options: BRIDGE_OPTIONS },
    { ...base, id: ids.hex('network-id', 64), name: 'host', driver: 'host', options: {} },
    { ...base, id: ids.hex('network-id', 64), name: 'none', driver: 'null', options: {} },
  ];
}

// ----- addresses ---------------------------------------------------------------------------

export function ipToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** `172.18.0.0/16` → base and prefix length, or undefined when malformed. */
export function parseCidr(cidr: string): { base: number; bits: number; addr: number } | undefined {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(cidr);
  if (!m) return undefined;
  const addr = ipToInt(m[1]!);
  const bits = Number(m[2]);
  if (addr === undefined || bits > 32) return undefined;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { base: (addr & mask) >>> 0, bits, addr };
}

function overlaps(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (!x || !y) return false;
  const bits = Math.min(x.bits, y.bits);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((x.base & mask) >>> 0) === ((y.base & mask) >>> 0);
}

/** The default address pools: 172.17-31.0.0/16, then 192.168.0.0/16 in /20s. */
function* defaultPools(): Generator<string> {
  for (let i = 17; i <= 31; i++) yield `172.${i}.0.0/16`;
  for (let i = 0; i < 256; i += 16) yield `192.168.${i}.0/20`;
}

/** The lowest default pool that overlaps no network's subnet. */
export function nextPool(networks: readonly NetworkRecord[]): string | undefined {
  for (const p of defaultPools()) if (!networks.some((n) => n.subnet && overlaps(n.subnet, p))) return p;
  return undefined;
}

/** The lowest free address of a subnet (not the network, gateway or broadcast address). */
export function nextAddress(net: NetworkRecord, used: ReadonlySet<string>): string | undefined {
  const c = net.subnet ? parseCidr(net.subnet) : undefined;
  if (!c) return undefined;
  const size = 2 ** (32 - c.bits);
  for (let i = 1; i < size - 1; i++) {
    const ip = intToIp(c.base + i);
    if (ip !== net.gateway && !used.has(ip)) return ip;
  }
  return undefined;
}

export function inSubnet(net: NetworkRecord, ip: string): boolean {
  const c = net.subnet ? parseCidr(net.subnet) : undefined;
  const n = ipToInt(ip);
  if (!c || n === undefined) return false;
  const mask = c.bits === 0 ? 0 : (0xffffffff << (32 - c.bits)) >>> 0;
  return ((n & mask) >>> 0) === c.base;
}

export function prefixLen(net: NetworkRecord): number {
  return net.subnet ? (parseCidr(net.subnet)?.bits ?? 0) : 0;
}

/** A random locally administered unicast MAC, as the bridge driver's GenerateRandomMAC makes one. */
export function randomMac(ids: IdGen): string {
  const hex = ids.hex('endpoint-mac', 12);
  const bytes = hex.match(/../g)!.map((h) => parseInt(h, 16));
  bytes[0] = (bytes[0]! & 0xfe) | 0x02;
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** buildEndpointDNSNames: name, aliases, short id, hostname, without repeats. */
export function endpointDnsNames(name: string, aliases: readonly string[], id: string, hostname: string): string[] {
  const out: string[] = [];
  for (const n of [name, ...aliases, id.slice(0, 12), hostname]) if (n && !out.includes(n)) out.push(n);
  return out;
}

/** Whether a network gets the embedded DNS server (user-defined, not the default bridge). */
export function isUserDefined(net: NetworkRecord): boolean {
  return !net.predefined;
}

// ----- files in the container ----------------------------------------------------------------

const HEADER = '# Generated by Docker Engine.\n# This file can be edited; Docker Engine will not make further changes once it\n# has been modified.\n\n';

/** Splits a resolv.conf into nameservers, search, options and other lines (resolvconf.Load). */
function parseResolvConf(text: string): { ns: string[]; search: string[]; options: string[] } {
  const ns: string[] = [];
  let search: string[] = [];
  let options: string[] = [];
  for (const raw of text.split('\n')) {
    const f = raw.replace(/[#;].*$/, '').trim().split(/\s+/);
    if (f[0] === 'nameserver' && f[1]) ns.push(f[1]);
    else if ((f[0] === 'search' || f[0] === 'domain') && f.length > 1) search = f.slice(1);
    else if (f[0] === 'options' && f.length > 1) options = [...options, ...f.slice(1)];
  }
  return { ns, search, options };
}

/**
 * The container's /etc/resolv.conf: on a user-defined network the embedded DNS server with the
 * host's servers as its upstreams (`internal resolver`); on the default bridge the host's
 * non-loopback nameservers (`legacy`); with host or none networking the host's file as it is.
 */
export function resolvConf(hostText: string, mode: 'internal' | 'legacy' | 'copy'): string {
  const { ns, search, options } = parseResolvConf(hostText);
  const lines: string[] = [];
  const isLoopback = (a: string) => a.startsWith('127.') || a === '::1';
  let trailer: string;
  if (mode === 'internal') {
    const opts = options.some((o) => o.startsWith('ndots:')) ? options : [...options, 'ndots:0'];
    lines.push('nameserver 127.0.0.11');
    if (search.length) lines.push(`search ${search.join(' ')}`);
    lines.push(`options ${opts.join(' ')}`);
    trailer = `# Based on host file: '/etc/resolv.conf' (internal resolver)\n${ns.length ? `# ExtServers: [${ns.map((a) => `host(${a})`).join(' ')}]\n` : '# NO EXTERNAL NAMESERVERS DEFINED\n'}# Overrides: []\n${options.some((o) => o.startsWith('ndots:')) ? '' : '# Option ndots from: internal\n'}`;
  } else {
    const servers = mode === 'legacy' ? ns.filter((a) => !isLoopback(a) && !a.includes(':')) : ns;
    const used = mode === 'legacy' && servers.length === 0 ? ['8.8.8.8', '8.8.4.4'] : servers;
    for (const a of used) lines.push(`nameserver ${a}`);
    if (search.length) lines.push(`search ${search.join(' ')}`);
    if (options.length) lines.push(`options ${options.join(' ')}`);
    trailer = `# Based on host file: '/etc/resolv.conf'${mode === 'legacy' ? ' (legacy)' : ''}\n# Overrides: []\n`;
  }
  return `${HEADER}${lines.map((l) => `${l}\n`).join('')}\n${trailer}`;
}

/** NetworkSettings.Networks of a container: its endpoints by network name (Go sorts map keys). */
export function networksJson(eps: readonly EndpointRecord[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of [...eps].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) out[e.name] = endpointSettings(e);
  return out;
}

/** The container's /etc/hosts (its own address on its first network, if any). */
export function hostsFile(ip: string, hostname: string): string {
  return `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff00::1\tip6-allnodes\nff00::2\tip6-allrouters\n${ip ? `${ip}\t${hostname}\n` : ''}`;
}

// ----- API shapes -------------------------------------------------------------------------------

export interface NetworkAttachment {
  readonly containerId: string;
  readonly name: string;
  readonly endpoint: EndpointRecord;
}

/** `GET /networks/{id}` (network.Inspect): what `docker network inspect` prints. */
export function inspectNetwork(n: NetworkRecord, attached: readonly NetworkAttachment[]): Record<string, unknown> {
  const containers: Record<string, unknown> = {};
  for (const a of [...attached].sort((x, y) => (x.containerId < y.containerId ? -1 : 1))) {
    containers[a.containerId] = {
      Name: a.name,
      EndpointID: a.endpoint.endpointId,
      MacAddress: a.endpoint.mac,
      IPv4Address: a.endpoint.ip ? `${a.endpoint.ip}/${prefixLen(n)}` : '',
      IPv6Address: '',
    };
  }
  return {
    Name: n.name,
    Id: n.id,
    Created: rfc3339Nano(n.created),
    Scope: n.scope,
    Driver: n.driver,
    EnableIPv4: true,
    EnableIPv6: n.enableIPv6,
    IPAM: {
      Driver: n.ipamDriver,
      Options: n.ipamOptions ? { ...n.ipamOptions } : null,
      Config: n.subnet ? [{ Subnet: n.subnet, ...(n.gateway ? { Gateway: n.gateway } : {}) }] : null,
    },
    Internal: n.internal,
    Attachable: n.attachable,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: containers,
    Options: { ...n.options },
    Labels: { ...n.labels },
  };
}

/** NetworkSettings.Networks[name] of a container (network.EndpointSettings). */
export function endpointSettings(e: EndpointRecord): Record<string, unknown> {
  const up = e.ip !== '';
  return {
    IPAMConfig: e.staticIp ? { IPv4Address: e.staticIp } : null,
    Links: null,
    Aliases: e.aliases.length ? [...e.aliases] : null,
    MacAddress: e.mac,
    DriverOpts: null,
    GwPriority: 0,
    NetworkID: e.network,
    EndpointID: e.endpointId,
    Gateway: up ? (e.gateway ?? '') : '',
    IPAddress: e.ip,
    IPPrefixLen: up ? (e.prefixLen ?? 0) : 0,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    DNSNames: e.dnsNames ? [...e.dnsNames] : null,
  };
}
