/**
 * The client side of a connection, shared by every client program (curl, wget, ping, nslookup,
 * getent, redis-cli): name resolution as getaddrinfo does it in the process's view (localhost,
 * IPv4 literals, /etc/hosts, then the namespace's DNS server) and opening a connection that says
 * which address the server sees the client come from.
 */
import type { ProcessContext } from '../runtime/kernel';
import type { HttpHandler, MessageHandler, NetNamespace } from './net';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export function isIPv4(text: string): boolean {
  return IPV4.test(text) && text.split('.').every((o) => Number(o) <= 255);
}

/** The addresses /etc/hosts gives a name (IPv4 first), in file order. */
export function hostsFileLookup(ctx: ProcessContext, host: string): string[] {
  let hosts = '';
  try {
    hosts = ctx.fs.readText('/etc/hosts');
  } catch {
    // no /etc/hosts: only literals and DNS resolve
  }
  const found: string[] = [];
  const name = host.toLowerCase();
  for (const line of hosts.split('\n')) {
    const [addr, ...names] = line.replace(/#.*$/, '').trim().split(/\s+/);
    if (addr && names.some((n) => n.toLowerCase() === name) && !found.includes(addr)) found.push(addr);
  }
  return [...found.filter((a) => !a.includes(':')), ...found.filter((a) => a.includes(':'))];
}

/** What the namespace's DNS server answers: Docker's embedded DNS on a user-defined network. */
export function dnsLookup(ctx: ProcessContext, host: string): string[] | undefined {
  return ctx.ns.net?.resolve(host);
}

/** The addresses a name resolves to, in the order getaddrinfo gives them (IPv4 first here). */
export function resolveHost(ctx: ProcessContext, host: string): string[] | undefined {
  if (host === 'localhost' || host.endsWith('.localhost')) return ['127.0.0.1', '::1'];
  if (IPV4.test(host)) return isIPv4(host) ? [host] : undefined;
  if (host === '[::1]') return ['::1'];
  if (host.startsWith('[')) return [host.slice(1, -1)];
  const found = hostsFileLookup(ctx, host);
  if (found.length) return found;
  // nsswitch `hosts: files dns`: then the namespace's DNS server (Docker's embedded DNS on a
  // user-defined network answers container names and aliases; the host's knows none of them).
  return dnsLookup(ctx, host);
}

/** The simulated network knows IPv4 addresses; ::1 reaches the same listeners as 127.0.0.1. */
function v4(address: string): string {
  return address === '::1' ? '127.0.0.1' : address;
}

export type Connection =
  | {
      readonly ok: true;
      readonly handler: HttpHandler;
      /** Protocols besides HTTP the server speaks (`resp` for redis). */
      readonly protocols: Readonly<Record<string, MessageHandler>>;
      readonly local: { address: string; port: number };
      readonly remote: { address: string; port: number };
    }
  | { readonly ok: false; readonly error: 'ECONNREFUSED' | 'EHOSTUNREACH' | 'ENETUNREACH' };

/** Whether an address is one the simulated world could route (loopback, the bridges, the host's). */
function routable(ns: NetNamespace, address: string): boolean {
  return /^(127\.|172\.(1[6-9]|2\d|3[01])\.|10\.|192\.168\.)/.test(address) || ns.has(address);
}

/** The gateway of a default pool's network holding `target` (x.y.0.1), when the server does not say. */
function poolGateway(target: string): string {
  const m = /^172\.(\d+)\./.exec(target);
  return m && Number(m[1]) >= 17 && Number(m[1]) <= 31 ? `172.${m[1]}.0.1` : '172.17.0.1';
}

/** The address a namespace with several networks sends from: the one on the target's network. */
function sourceAddress(ns: NetNamespace, target: string): string {
  const prefix = target.split('.').slice(0, 2).join('.');
  return ns.addresses.find((a) => a.startsWith(`${prefix}.`)) ?? ns.addresses[0] ?? '127.0.0.1';
}

/** Whether a packet from `ns` reaches `address` at all (ping): the error when it does not. */
export function reach(ns: NetNamespace, address: string): 'ok' | 'EHOSTUNREACH' | 'ENETUNREACH' {
  const addr = v4(address);
  if (ns.has(addr)) return 'ok';
  const c = ns.network.connect(ns, addr, 0);
  if (c.ok || c.error === 'ECONNREFUSED') return 'ok';
  if (c.error === 'ENETUNREACH' || !routable(ns, addr)) return 'ENETUNREACH';
  return 'EHOSTUNREACH';
}

/** Connects from `ns` to `address:port`, and says what the server sees as the client's address. */
export function connect(ns: NetNamespace, address: string, port: number): Connection {
  const addr = v4(address);
  const c = ns.network.connect(ns, addr, port);
  if (!c.ok) {
    if (c.error === 'EHOSTUNREACH' && !routable(ns, addr)) return { ok: false, error: 'ENETUNREACH' };
    return { ok: false, error: c.error === 'ENOTFOUND' ? 'EHOSTUNREACH' : c.error };
  }
  const own = c.server === ns;
  // From the host, a published port or a container's address is reached over the container's
  // bridge: the server sees that network's gateway (docker-proxy connects from there too).
  const remoteAddress = own ? (addr === '127.0.0.1' ? '127.0.0.1' : addr) : ns === ns.network.host ? (c.server.gateway?.(c.local.address) ?? poolGateway(c.local.address)) : sourceAddress(ns, c.local.address);
  return { ok: true, handler: c.handler, protocols: c.server.protocols(c.local.address, c.local.port), local: c.local, remote: { address: remoteAddress, port: ns.network.ephemeralPort() } };
}
