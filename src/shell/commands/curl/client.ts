/**
 * The HTTP client side of the simulated network, shared by curl and wget: which namespace a
 * process connects from, name resolution (localhost, IPv4 literals, /etc/hosts), URL parsing, and
 * one request/response exchange with the listener that answers.
 */
import { Network, type HttpResponse, type NetNamespace } from '../../../engine/net/net';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import { NETWORK_SOCKET } from './socket';

/** The namespace a process's connections leave from: its own, or the host's. */
export async function clientNamespace(ctx: ProcessContext): Promise<NetNamespace> {
  if (ctx.ns.net) return ctx.ns.net;
  const server = ctx.kernel.sockets.get(NETWORK_SOCKET);
  const net = server ? ((await ctx.wait(server.connect())) as Network | undefined) : undefined;
  // No engine has made the world's network yet: nothing listens anywhere.
  return net?.host ?? new Network().host;
}

export interface Url {
  readonly scheme: string;
  readonly host: string;
  readonly port: number;
  /** The port as written, or undefined when defaulted (the Host header leaves it out then). */
  readonly explicitPort: boolean;
  /** Path and query, at least `/`. */
  readonly target: string;
  readonly userinfo?: string;
}

export type UrlResult = { readonly ok: true; readonly url: Url } | { readonly ok: false; readonly error: 'scheme'; readonly scheme: string } | { readonly ok: false; readonly error: 'malformed' };

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ftp: 21 };
const KNOWN_SCHEMES = new Set(['http', 'https', 'ftp', 'ftps', 'file', 'dict', 'gopher', 'gophers', 'imap', 'imaps', 'ldap', 'ldaps', 'mqtt', 'pop3', 'pop3s', 'rtmp', 'rtsp', 'scp', 'sftp', 'smb', 'smbs', 'smtp', 'smtps', 'telnet', 'tftp', 'ws', 'wss']);

/** Parses a URL as curl does: a missing scheme means http. */
export function parseUrl(text: string): UrlResult {
  let rest = text;
  let scheme = 'http';
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(rest);
  if (m) {
    scheme = m[1]!.toLowerCase();
    rest = rest.slice(m[0].length);
    if (!KNOWN_SCHEMES.has(scheme)) return { ok: false, error: 'scheme', scheme: m[1]! };
  }
  const cut = rest.search(/[/?#]/);
  const authority = cut < 0 ? rest : rest.slice(0, cut);
  let target = cut < 0 ? '/' : rest.slice(cut);
  target = target.replace(/#.*$/, '');
  if (target.startsWith('?')) target = `/${target}`;
  if (target === '') target = '/';
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : undefined;
  const hostport = at >= 0 ? authority.slice(at + 1) : authority;
  let host: string;
  let portText: string | undefined;
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    if (end < 0) return { ok: false, error: 'malformed' };
    host = hostport.slice(0, end + 1);
    const after = hostport.slice(end + 1);
    if (after !== '' && !after.startsWith(':')) return { ok: false, error: 'malformed' };
    portText = after ? after.slice(1) : undefined;
  } else {
    const colon = hostport.lastIndexOf(':');
    host = colon >= 0 ? hostport.slice(0, colon) : hostport;
    portText = colon >= 0 ? hostport.slice(colon + 1) : undefined;
  }
  if (host === '' || /[\s<>"{}|\\^`]/.test(host)) return { ok: false, error: 'malformed' };
  let port = DEFAULT_PORTS[scheme] ?? 0;
  if (portText !== undefined && portText !== '') {
    if (!/^\d+$/.test(portText) || Number(portText) > 65535) return { ok: false, error: 'malformed' };
    port = Number(portText);
  }
  return { ok: true, url: { scheme, host: host.toLowerCase(), port, explicitPort: portText !== undefined && portText !== '', target, ...(userinfo !== undefined ? { userinfo } : {}) } };
}

export function urlString(u: Url): string {
  const dflt = DEFAULT_PORTS[u.scheme];
  return `${u.scheme}://${u.host}${u.port !== dflt ? `:${u.port}` : ''}${u.target}`;
}

/** The Host header curl sends: the port only when it is not the scheme's default. */
export function hostHeader(u: Url): string {
  return u.port !== DEFAULT_PORTS[u.scheme] ? `${u.host}:${u.port}` : u.host;
}

// Name resolution and connections are the engine's, shared with the clients inside images.
export { connect, resolveHost, type Connection } from '../../../engine/net/client';

const REASONS: Record<number, string> = {
  100: 'Continue', 101: 'Switching Protocols', 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 206: 'Partial Content',
  301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable', 408: 'Request Timeout', 409: 'Conflict', 410: 'Gone', 411: 'Length Required', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 418: "I'm a teapot", 429: 'Too Many Requests',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export function reasonPhrase(res: HttpResponse): string {
  return res.reason ?? REASONS[res.status] ?? '';
}

/** The protocol version of a response: Python's SimpleHTTP server answers HTTP/1.0, the others 1.1. */
export function responseVersion(res: HttpResponse): string {
  const v = (res as { version?: string }).version;
  if (v) return v;
  const server = res.headers.find(([k]) => k.toLowerCase() === 'server')?.[1] ?? '';
  return server.startsWith('SimpleHTTP/') ? 'HTTP/1.0' : 'HTTP/1.1';
}

export function responseHeader(res: HttpResponse, name: string): string | undefined {
  const n = name.toLowerCase();
  return res.headers.find(([k]) => k.toLowerCase() === n)?.[1];
}

const encoder = new TextEncoder();

export function bodyBytes(res: HttpResponse): Uint8Array {
  return typeof res.body === 'string' ? encoder.encode(res.body) : res.body;
}
