/**
 * curl: HTTP/1.1 over the simulated network (a published port from the host, a container's
 * address, a server in the same container). Output, messages and exit statuses follow curl 7.88.1
 * (Debian 12, the host and bookworm images), 8.5.0 (Ubuntu 24.04) and 8.14.1 (Alpine 3.22):
 * the progress meter when the body does not go to a terminal, `-v`'s `*`, `>` and `<` lines, and
 * `curl: (N) ...` errors. TLS is not simulated: an https:// URL gets one `dockyard:` line (a host
 * that does not resolve, as every host of the internet, fails first with curl's own error 6).
 */
import type { HttpRequest, HttpResponse, NetNamespace } from '../../../engine/net/net';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import type { WriteStream } from '../../../engine/runtime/streams';
import { abs, encoder, errText, openOutput } from '../lib/io';
import { bodyBytes, clientNamespace, connect, hostHeader, parseUrl, reasonPhrase, resolveHost, responseHeader, responseVersion, urlString, type Url } from './client';
import { METER_HEADER, METER_START, meterLine } from './progress';

/** Which curl a file system has: the version its distribution ships. */
export function curlVersion(ctx: Pick<ProcessContext, 'fs'>): string {
  if (ctx.fs.exists('/etc/alpine-release')) return '8.14.1';
  let osr = '';
  try {
    osr = ctx.fs.readText('/etc/os-release');
  } catch {
    // no os-release: Debian's curl
  }
  const code = /^VERSION_CODENAME=(.*)$/m.exec(osr)?.[1];
  if (code === 'noble') return '8.5.0';
  if (code === 'jammy') return '7.81.0';
  return '7.88.1';
}

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

/** The simulated duration of one exchange, for speeds and %{time_*}. */
const EXCHANGE_US = 2000;

interface Options {
  silent: boolean;
  showError: boolean;
  location: boolean;
  include: boolean;
  head: boolean;
  verbose: boolean;
  fail: boolean;
  failWithBody: boolean;
  get: boolean;
  output: Array<string | undefined>;
  remoteName: number;
  method?: string;
  headers: string[];
  data: string[];
  writeOut?: string;
  maxTime?: number;
  connectTimeout?: number;
  userAgent?: string;
  referer?: string;
  user?: string;
  urls: string[];
  maxRedirs: number;
}

type Kind = 'bool' | 'value';
interface Opt {
  readonly long: string;
  readonly short?: string;
  readonly kind: Kind;
  readonly numeric?: boolean;
  readonly apply: (o: Options, v: string) => void;
}

const OPTS: readonly Opt[] = [
  { long: 'silent', short: 's', kind: 'bool', apply: (o) => (o.silent = true) },
  { long: 'show-error', short: 'S', kind: 'bool', apply: (o) => (o.showError = true) },
  { long: 'location', short: 'L', kind: 'bool', apply: (o) => (o.location = true) },
  { long: 'include', short: 'i', kind: 'bool', apply: (o) => (o.include = true) },
  { long: 'show-headers', kind: 'bool', apply: (o) => (o.include = true) },
  { long: 'head', short: 'I', kind: 'bool', apply: (o) => (o.head = true) },
  { long: 'verbose', short: 'v', kind: 'bool', apply: (o) => (o.verbose = true) },
  { long: 'fail', short: 'f', kind: 'bool', apply: (o) => (o.fail = true) },
  { long: 'fail-with-body', kind: 'bool', apply: (o) => (o.failWithBody = true) },
  { long: 'get', short: 'G', kind: 'bool', apply: (o) => (o.get = true) },
  { long: 'output', short: 'o', kind: 'value', apply: (o, v) => o.output.push(v) },
  { long: 'remote-name', short: 'O', kind: 'bool', apply: (o) => (o.remoteName++, o.output.push(undefined)) },
  { long: 'request', short: 'X', kind: 'value', apply: (o, v) => (o.method = v) },
  { long: 'header', short: 'H', kind: 'value', apply: (o, v) => o.headers.push(v) },
  { long: 'data', short: 'd', kind: 'value', apply: (o, v) => o.data.push(v) },
  { long: 'data-ascii', kind: 'value', apply: (o, v) => o.data.push(v) },
  { long: 'data-binary', kind: 'value', apply: (o, v) => o.data.push(`\0bin${v}`) },
  { long: 'data-raw', kind: 'value', apply: (o, v) => o.data.push(`\0raw${v}`) },
  { long: 'data-urlencode', kind: 'value', apply: (o, v) => o.data.push(`\0enc${v}`) },
  { long: 'write-out', short: 'w', kind: 'value', apply: (o, v) => (o.writeOut = v) },
  { long: 'max-time', short: 'm', kind: 'value', numeric: true, apply: (o, v) => (o.maxTime = Number(v)) },
  { long: 'connect-timeout', kind: 'value', numeric: true, apply: (o, v) => (o.connectTimeout = Number(v)) },
  { long: 'max-redirs', kind: 'value', numeric: true, apply: (o, v) => (o.maxRedirs = Number(v)) },
  { long: 'user-agent', short: 'A', kind: 'value', apply: (o, v) => (o.userAgent = v) },
  { long: 'referer', short: 'e', kind: 'value', apply: (o, v) => (o.referer = v) },
  { long: 'user', short: 'u', kind: 'value', apply: (o, v) => (o.user = v) },
  { long: 'url', kind: 'value', apply: (o, v) => o.urls.push(v) },
  // Accepted and without effect here: no TLS, no compression, no proxy, IPv4 only.
  { long: 'insecure', short: 'k', kind: 'bool', apply: () => undefined },
  { long: 'compressed', kind: 'bool', apply: () => undefined },
  { long: 'no-buffer', short: 'N', kind: 'bool', apply: () => undefined },
  { long: 'ipv4', short: '4', kind: 'bool', apply: () => undefined },
  { long: 'ipv6', short: '6', kind: 'bool', apply: () => undefined },
  { long: 'http1.1', kind: 'bool', apply: () => undefined },
  { long: 'progress-bar', short: '#', kind: 'bool', apply: () => undefined },
  { long: 'no-progress-meter', kind: 'bool', apply: () => undefined },
  { long: 'retry', kind: 'value', numeric: true, apply: () => undefined },
];

type ParseResult = { readonly ok: true; readonly opts: Options; readonly version: boolean; readonly help: boolean; readonly noMeter: boolean } | { readonly ok: false; readonly message: string };

function parseArgs(args: readonly string[]): ParseResult {
  const o: Options = { silent: false, showError: false, location: false, include: false, head: false, verbose: false, fail: false, failWithBody: false, get: false, output: [], remoteName: 0, headers: [], data: [], urls: [], maxRedirs: 50 };
  let version = false;
  let help = false;
  let noMeter = false;
  let endOfOpts = false;
  const take = (opt: Opt, as: string, value: string | undefined): string | undefined => {
    if (value === undefined) return `option ${as}: requires parameter`;
    if (opt.numeric && !/^\d*\.?\d+$/.test(value)) return `option ${as}: expected a proper numerical parameter`;
    opt.apply(o, value);
    return undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (endOfOpts || !a.startsWith('-') || a === '-') {
      o.urls.push(a);
      continue;
    }
    if (a === '--') {
      endOfOpts = true;
      continue;
    }
    if (a.startsWith('--')) {
      let name = a.slice(2);
      if (name === 'version') {
        version = true;
        continue;
      }
      if (name === 'help' || name === 'manual') {
        help = true;
        continue;
      }
      if (name === 'no-progress-meter') noMeter = true;
      const negated = name.startsWith('no-') && OPTS.some((x) => x.long === name.slice(3) && x.kind === 'bool');
      if (negated) name = name.slice(3);
      const opt = OPTS.find((x) => x.long === name);
      if (!opt) return { ok: false, message: `option ${a}: is unknown` };
      if (opt.kind === 'bool') {
        if (negated) {
          if (opt.long === 'silent') o.silent = false;
          else if (opt.long === 'location') o.location = false;
          else if (opt.long === 'include') o.include = false;
          else if (opt.long === 'verbose') o.verbose = false;
          else if (opt.long === 'fail') o.fail = false;
          continue;
        }
        opt.apply(o, '');
      } else {
        const err = take(opt, a, args[++i]);
        if (err) return { ok: false, message: err };
      }
      continue;
    }
    // Short options: combined booleans, a value attached or in the next argument.
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === 'V') {
        version = true;
        continue;
      }
      if (c === 'h') {
        help = true;
        continue;
      }
      const opt = OPTS.find((x) => x.short === c);
      if (!opt) return { ok: false, message: `option -${a.slice(j)}: is unknown` };
      if (opt.kind === 'bool') {
        opt.apply(o, '');
        continue;
      }
      const rest = a.slice(j + 1);
      const err = take(opt, `-${c}`, rest !== '' ? rest : args[++i]);
      if (err) return { ok: false, message: err };
      break;
    }
  }
  return { ok: true, opts: o, version, help, noMeter };
}

function versionText(v: string): string {
  if (v === '8.14.1') {
    return `curl 8.14.1 (x86_64-alpine-linux-musl) libcurl/8.14.1 OpenSSL/3.5.0 zlib/1.3.1 brotli/1.1.0 zstd/1.5.7 c-ares/1.34.5 libidn2/2.3.7 libpsl/0.21.5 nghttp2/1.65.0
Release-Date: 2025-06-04
Protocols: dict file ftp ftps gopher gophers http https imap imaps ipfs ipns mqtt pop3 pop3s rtsp smb smbs smtp smtps telnet tftp ws wss
Features: alt-svc AsynchDNS brotli HSTS HTTP2 HTTPS-proxy IDN IPv6 Largefile libz NTLM PSL SSL threadsafe TLS-SRP UnixSockets zstd
`;
  }
  if (v === '8.5.0') {
    return `curl 8.5.0 (x86_64-pc-linux-gnu) libcurl/8.5.0 OpenSSL/3.0.13 zlib/1.3 brotli/1.1.0 zstd/1.5.5 libidn2/2.3.7 libpsl/0.21.2 (+libidn2/2.3.7) libssh/0.10.6/openssl/zlib nghttp2/1.59.0 librtmp/2.3 OpenLDAP/2.6.7
Release-Date: 2023-12-06, security patched: 8.5.0-2ubuntu10.6
Protocols: dict file ftp ftps gopher gophers http https imap imaps ldap ldaps mqtt pop3 pop3s rtmp rtsp scp sftp smb smbs smtp smtps telnet tftp
Features: alt-svc AsynchDNS brotli GSS-API HSTS HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM PSL SPNEGO SSL threadsafe TLS-SRP UnixSockets zstd
`;
  }
  return `curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/3.0.16 zlib/1.2.13 brotli/1.0.9 zstd/1.5.4 libidn2/2.3.3 libpsl/0.21.2 (+libidn2/2.3.3) libssh2/1.10.0 nghttp2/1.52.0 librtmp/2.3 OpenLDAP/2.5.13
Release-Date: 2023-02-20, security patched: 7.88.1-10+deb12u12
Protocols: dict file ftp ftps gopher gophers http https imap imaps ldap ldaps mqtt pop3 pop3s rtmp rtsp scp sftp smb smbs smtp smtps telnet tftp
Features: alt-svc AsynchDNS brotli GSS-API HSTS HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM NTLM_WB PSL SPNEGO SSL threadsafe TLS-SRP UnixSockets zstd
`;
}

const HELP = `Usage: curl [options...] <url>
 -d, --data <data>          HTTP POST data
 -f, --fail                 Fail fast with no output on HTTP errors
 -h, --help <category>      Get help for commands
 -i, --include              Include protocol response headers in the output
 -o, --output <file>        Write to file instead of stdout
 -O, --remote-name          Write output to a file named as the remote file
 -s, --silent               Silent mode
 -T, --upload-file <file>   Transfer local FILE to destination
 -u, --user <user:password> Server user and password
 -A, --user-agent <name>    Send User-Agent <name> to server
 -v, --verbose              Make the operation more talkative
 -V, --version              Show version number and quit

This is not the full help, this menu is stripped into categories.
Use "--help category" to get an overview of all categories.
For all options use the manual or "--help all".
`;

/** What one transfer ended with, for messages and --write-out. */
interface Outcome {
  code: number;
  message?: string;
  url: Url;
  status: number;
  res?: HttpResponse;
  remote?: { address: string; port: number };
  local?: { address: string; port: number };
  sizeDownload: number;
  sizeHeader: number;
  sizeUpload: number;
  redirects: number;
  method: string;
  redirectUrl?: string;
  timeUs: number;
}

/** The request body from -d options, as curl joins them. */
function postData(ctx: ProcessContext, items: readonly string[]): string | { error: string } {
  const parts: string[] = [];
  for (const raw of items) {
    const kind = raw.startsWith('\0') ? raw.slice(1, 4) : 'asc';
    const v = raw.startsWith('\0') ? raw.slice(4) : raw;
    if (kind === 'raw') parts.push(v);
    else if (kind === 'enc') {
      const eq = v.indexOf('=');
      parts.push(eq >= 0 ? `${v.slice(0, eq + 1)}${encodeURIComponent(v.slice(eq + 1))}` : encodeURIComponent(v.startsWith('=') ? v.slice(1) : v));
    } else if (v.startsWith('@')) {
      const name = v.slice(1);
      try {
        const text = name === '-' ? '' : ctx.fs.readText(abs(ctx, name));
        parts.push(kind === 'bin' ? text : text.replace(/[\r\n]/g, ''));
      } catch (e) {
        return { error: `Failed to open ${name}: ${errText(e)}` };
      }
    } else parts.push(v);
  }
  return parts.join('&');
}

function basicAuth(user: string): string {
  const bytes = encoder.encode(user.includes(':') ? user : `${user}:`);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `Basic ${btoa(bin)}`;
}

/** The request header lines in curl's order, with -H overriding or removing built-in ones. */
function requestHeaders(o: Options, url: Url, version: string, body: string | undefined): Array<[string, string]> {
  const custom: Array<[string, string]> = [];
  const removed = new Set<string>();
  for (const h of o.headers) {
    const colon = h.indexOf(':');
    const semi = h.indexOf(';');
    if (colon > 0) {
      const name = h.slice(0, colon).trim();
      const value = h.slice(colon + 1).trim();
      if (value === '') removed.add(name.toLowerCase());
      else custom.push([name, value]);
    } else if (semi > 0 && semi === h.length - 1) custom.push([h.slice(0, semi).trim(), '']);
  }
  const has = (n: string) => removed.has(n) || custom.some(([k]) => k.toLowerCase() === n);
  const out: Array<[string, string]> = [];
  if (!has('host')) out.push(['Host', hostHeader(url)]);
  const user = o.user ?? url.userinfo;
  if (user !== undefined && !has('authorization')) out.push(['Authorization', basicAuth(decodeURIComponent(user))]);
  if (!has('user-agent') && o.userAgent !== '') out.push(['User-Agent', o.userAgent ?? `curl/${version}`]);
  if (!has('accept')) out.push(['Accept', '*/*']);
  if (o.referer !== undefined && !has('referer')) out.push(['Referer', o.referer]);
  out.push(...custom);
  if (body !== undefined) {
    if (!has('content-length')) out.push(['Content-Length', String(encoder.encode(body).length)]);
    if (!has('content-type')) out.push(['Content-Type', 'application/x-www-form-urlencoded']);
  }
  return out;
}

function isTimeout(v: unknown): v is { timeout: true } {
  return typeof v === 'object' && v !== null && 'timeout' in v;
}

class Curl {
  private readonly v8: boolean;
  private readonly meter: boolean;
  private readonly errOut: WriteStream;
  private connectionId = 0;

  constructor(
    private readonly ctx: ProcessContext,
    private readonly o: Options,
    private readonly version: string,
    private readonly toTty: boolean,
    noMeter: boolean,
  ) {
    this.v8 = version.startsWith('8.');
    this.meter = !o.silent && !noMeter && !toTty;
    this.errOut = ctx.stderr;
  }

  private async err(s: string): Promise<void> {
    await this.errOut.write(s);
  }

  private async info(s: string): Promise<void> {
    if (this.o.verbose) await this.err(`* ${s}\n`);
  }

  /** Runs one URL's transfer (following redirects with -L), writing to `out`. */
  async transfer(rawUrl: string, out: WriteStream, outIsTty: boolean): Promise<Outcome> {
    const o = this.o;
    const parsed = parseUrl(rawUrl);
    const blank: Url = { scheme: 'http', host: '', port: 80, explicitPort: false, target: '/' };
    const base = { status: 0, sizeDownload: 0, sizeHeader: 0, sizeUpload: 0, redirects: 0, method: 'GET', timeUs: 0 };
    if (!parsed.ok) {
      if (parsed.error === 'scheme') return { ...base, url: blank, code: 1, message: `Protocol "${parsed.scheme}" not supported or disabled in libcurl` };
      return { ...base, url: blank, code: 3, message: 'URL using bad/illegal format or missing URL' };
    }
    let url = parsed.url;
    let data: string | undefined;
    if (o.data.length) {
      const d = postData(this.ctx, o.data);
      if (typeof d !== 'string') {
        await this.err(`Warning: ${d.error}\n`);
        data = '';
      } else data = d;
    }
    if (data !== undefined && (o.get || o.head)) {
      url = { ...url, target: `${url.target}${url.target.includes('?') ? '&' : '?'}${data}` };
      data = undefined;
    }
    let method = o.method ?? (o.head ? 'HEAD' : data !== undefined ? 'POST' : 'GET');
    if (o.verbose && o.method && ((o.method === 'POST' && data !== undefined) || (o.method === 'GET' && data === undefined && !o.head) || (o.method === 'HEAD' && o.head))) {
      await this.err(`Note: Unnecessary use of -X or --request, ${o.method} is already inferred.\n`);
    }
    if (this.meter) await this.err(METER_HEADER + METER_START);
    let redirects = 0;
    let headerBytes = 0;
    const deadline = o.maxTime !== undefined ? this.ctx.kernel.clock.now() + o.maxTime * 1000 : undefined;
    for (;;) {
      const r = await this.exchange(url, method, data, out, outIsTty, deadline);
      headerBytes += r.sizeHeader;
      const res = r.res;
      const loc = res ? responseHeader(res, 'location') : undefined;
      if (r.code !== 0 || !res || !o.location || loc === undefined || res.status < 300 || res.status >= 400) {
        return { ...r, sizeHeader: headerBytes, redirects, method, ...(loc !== undefined && res && res.status >= 300 && res.status < 400 ? { redirectUrl: resolveLocation(url, loc) } : {}) };
      }
      if (redirects >= o.maxRedirs) {
        return { ...r, code: 47, message: `Maximum (${o.maxRedirs}) redirects followed`, sizeHeader: headerBytes, redirects, method };
      }
      redirects++;
      const next = parseUrl(resolveLocation(url, loc));
      if (!next.ok) return { ...r, code: 3, message: 'URL using bad/illegal format or missing URL', redirects, method };
      await this.info(`Issue another request to this URL: '${urlString(next.url)}'`);
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        if (!o.method) method = 'GET';
        data = undefined;
      }
      url = next.url;
    }
  }

  /** Resolves, connects, sends one request and reads its response. */
  private async exchange(url: Url, method: string, data: string | undefined, out: WriteStream, outIsTty: boolean, deadline: number | undefined): Promise<Outcome> {
    const ctx = this.ctx;
    const o = this.o;
    const result = (extra: Partial<Outcome> & { code: number }): Outcome => ({ url, status: 0, sizeDownload: 0, sizeHeader: 0, sizeUpload: 0, redirects: 0, method, timeUs: 0, ...extra });
    const since = ctx.kernel.clock.now();
    const elapsed = () => ctx.kernel.clock.now() - since;
    const addrs = resolveHost(ctx, url.host);
    if (!addrs) return result({ code: 6, message: `Could not resolve host: ${url.host}` });
    const v4 = addrs.filter((a) => !a.includes(':'));
    const v6 = addrs.filter((a) => a.includes(':'));
    const numeric = /^\d{1,3}(\.\d{1,3}){3}$/.test(url.host) || url.host.startsWith('[');
    if (this.v8 && !numeric) {
      await this.info(`Host ${url.host}:${url.port} was resolved.`);
      await this.info(`IPv6: ${v6.join(', ') || '(none)'}`);
      await this.info(`IPv4: ${v4.join(', ') || '(none)'}`);
    }
    // Happy eyeballs in curl 8 starts with IPv6; 7.88 takes getaddrinfo's order (IPv4 first).
    const order = this.v8 ? [...v6, ...v4] : [...v4, ...v6];
    const ns: NetNamespace = await clientNamespace(ctx);
    const fmt = (a: string) => (a.includes(':') ? `[${a}]` : a);
    let conn: ReturnType<typeof connect> | undefined;
    let used = '';
    for (const a of order) {
      await this.info(`  Trying ${fmt(a)}:${url.port}...`);
      const c = connect(ns, a, url.port);
      if (c.ok) {
        conn = c;
        used = a;
        break;
      }
      if (c.error === 'EHOSTUNREACH') {
        // ARP gets no answer: the kernel gives up after about 3 s.
        const wait = 3000 + (this.v8 ? 2 : 69);
        const limit = this.limit(deadline, o.connectTimeout);
        if (limit !== undefined && limit < wait) {
          await ctx.sleep(Math.max(0, limit));
          return result({ code: 28, message: `${this.v8 ? 'Failed to connect to ' + url.host + ' port ' + url.port + ' after ' + elapsed() + ' ms: Timeout was reached' : 'Connection timed out after ' + elapsed() + ' milliseconds'}` });
        }
        await ctx.sleep(wait);
      }
      const why = c.error === 'ECONNREFUSED' ? 'Connection refused' : c.error === 'EHOSTUNREACH' ? 'No route to host' : 'Network is unreachable';
      await this.info(this.v8 ? `connect to ${a} port ${url.port} from ${a.includes(':') ? '::1' : a.startsWith('127.') ? '127.0.0.1' : (ns.addresses[0] ?? '10.0.2.15')} port ${ns.network.ephemeralPort()} failed: ${why}` : `connect to ${a} port ${url.port} failed: ${why}`);
    }
    if (!conn || !conn.ok) {
      const msg = `Failed to connect to ${url.host} port ${url.port} after ${elapsed()} ms: ${this.version === '8.14.1' ? 'Could not' : "Couldn't"} connect to server`;
      await this.info(msg);
      if (this.meter) await this.err(`${METER_START}\n`);
      return result({ code: 7, message: msg });
    }
    this.connectionId++;
    const id = this.connectionId - 1;
    await this.info(this.v8 ? `Connected to ${url.host} (${used}) port ${url.port}` : `Connected to ${url.host} (${used}) port ${url.port} (#${id})`);
    if (this.v8) await this.info('using HTTP/1.x');
    const headers = requestHeaders(o, url, this.version, data);
    const reqBody = data !== undefined ? encoder.encode(data) : new Uint8Array();
    if (o.verbose) {
      let s = `> ${method} ${url.target} HTTP/1.1\r\n`;
      for (const [k, v] of headers) s += `> ${k}: ${v}\r\n`;
      s += '> \r\n';
      await this.err(s);
      if (reqBody.length && (this.meter || !outIsTty)) await this.err(`} [${reqBody.length} bytes data]\n`);
      if (this.v8) await this.info('Request completely sent off');
    }
    const req: HttpRequest = { method, target: url.target, version: 'HTTP/1.1', headers, body: reqBody, remote: conn.remote, local: conn.local };
    let res: HttpResponse;
    const limit = this.limit(deadline, undefined);
    try {
      const answer = Promise.resolve(conn.handler(req));
      if (limit !== undefined) {
        const timer = ctx.kernel.clock.sleep(Math.max(0, limit));
        const r = await ctx.wait(Promise.race([answer, timer.promise.then(() => ({ timeout: true as const }))]));
        timer.cancel();
        if (isTimeout(r)) {
          if (this.meter) await this.err(`${METER_START}\n`);
          return result({ code: 28, message: `Operation timed out after ${elapsed()} milliseconds with 0 bytes received`, remote: { address: used, port: url.port } });
        }
        res = r;
      } else res = await ctx.wait(answer);
    } catch {
      await this.info('Empty reply from server');
      return result({ code: 52, message: 'Empty reply from server', remote: { address: used, port: url.port } });
    }
    const version = responseVersion(res);
    const body = bodyBytes(res);
    const statusLine = `${version} ${res.status} ${reasonPhrase(res)}`.trimEnd() + '\r\n';
    const headerBlock = statusLine + res.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';
    const headerSize = encoder.encode(headerBlock).length;
    const close = version === 'HTTP/1.0' || (responseHeader(res, 'connection') ?? '').toLowerCase() === 'close';
    if (o.verbose) {
      if (version === 'HTTP/1.0') await this.info('HTTP 1.0, assume close after body');
      await this.err(`< ${statusLine}` + res.headers.map(([k, v]) => `< ${k}: ${v}\r\n`).join('') + '< \r\n');
    }
    const fail = (o.fail || o.failWithBody) && res.status >= 400;
    const dlSize = responseHeader(res, 'content-length') !== undefined ? Number(responseHeader(res, 'content-length')) : undefined;
    const showBody = method !== 'HEAD' && !(fail && !o.failWithBody);
    const isRedirectHop = o.location && res.status >= 300 && res.status < 400 && responseHeader(res, 'location') !== undefined;
    if ((o.include || o.head) && !fail) {
      const bold = outIsTty && (o.include || o.head);
      const lines = res.headers.map(([k, v]) => (bold ? `\x1b[1m${k}\x1b[0m: ${v}\r\n` : `${k}: ${v}\r\n`)).join('');
      await out.write(statusLine + lines + '\r\n');
    }
    let received = 0;
    if (showBody && !isRedirectHop) {
      if (o.verbose && body.length && (this.meter || !outIsTty)) await this.err(`{ [${body.length} bytes data]\n`);
      await out.write(body);
      received = body.length;
    }
    if (this.meter) {
      await this.err(meterLine({ dl: received, ul: reqBody.length, ...(dlSize !== undefined ? { dlSize } : {}), ...(reqBody.length ? { ulSize: reqBody.length } : {}), us: received || reqBody.length ? EXCHANGE_US : 0 }) + '\n');
    }
    const closeMsg = this.version === '8.14.1' ? `closing connection #${id}` : this.v8 ? 'Closing connection' : `Closing connection ${id}`;
    if (fail) {
      await this.info(closeMsg);
      return result({ code: 22, message: `The requested URL returned error: ${res.status}`, status: res.status, res, remote: { address: used, port: url.port }, local: conn.local, sizeHeader: headerSize, sizeUpload: reqBody.length, timeUs: EXCHANGE_US });
    }
    await this.info(close ? closeMsg : `Connection #${id} to host ${url.host} left intact`);
    return result({ code: 0, status: res.status, res, remote: { address: used, port: url.port }, local: conn.local, sizeDownload: received, sizeHeader: headerSize, sizeUpload: reqBody.length, timeUs: EXCHANGE_US });
  }

  /** Milliseconds left before --max-time (or --connect-timeout while connecting). */
  private limit(deadline: number | undefined, connectTimeout: number | undefined): number | undefined {
    const now = this.ctx.kernel.clock.now();
    const a = deadline !== undefined ? deadline - now : undefined;
    const b = connectTimeout !== undefined ? connectTimeout * 1000 : undefined;
    if (a === undefined) return b;
    if (b === undefined) return a;
    return Math.min(a, b);
  }
}

function resolveLocation(base: Url, loc: string): string {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(loc)) return loc;
  const origin = urlString({ ...base, target: '' });
  if (loc.startsWith('//')) return `${base.scheme}:${loc}`;
  if (loc.startsWith('/')) return origin + loc;
  const dir = base.target.split('?')[0]!.replace(/[^/]*$/, '');
  return origin + dir + loc;
}

/** Expands --write-out: `%{var}`, `%header{name}`, `%%`, and the \n \r \t escapes. */
async function writeOut(ctx: ProcessContext, fmt: string, r: Outcome, stdout: WriteStream): Promise<void> {
  let text = fmt;
  if (text.startsWith('@')) {
    try {
      text = text === '@-' ? '' : ctx.fs.readText(abs(ctx, text.slice(1)));
    } catch {
      text = '';
    }
  }
  const secs = (us: number) => (us / 1e6).toFixed(6);
  const vars: Record<string, () => string> = {
    http_code: () => String(r.status).padStart(3, '0'),
    response_code: () => String(r.status).padStart(3, '0'),
    http_version: () => (r.res ? (responseVersion(r.res) === 'HTTP/1.0' ? '1' : '1.1') : '0'),
    size_download: () => String(r.sizeDownload),
    size_header: () => String(r.sizeHeader),
    size_upload: () => String(r.sizeUpload),
    size_request: () => '0',
    speed_download: () => String(r.timeUs ? Math.floor((r.sizeDownload * 1e6) / r.timeUs) : 0),
    speed_upload: () => String(r.timeUs ? Math.floor((r.sizeUpload * 1e6) / r.timeUs) : 0),
    time_total: () => secs(r.timeUs),
    time_namelookup: () => secs(r.timeUs ? 20 : 0),
    time_connect: () => secs(r.timeUs ? 120 : 0),
    time_appconnect: () => secs(0),
    time_pretransfer: () => secs(r.timeUs ? 140 : 0),
    time_starttransfer: () => secs(r.timeUs ? Math.floor(r.timeUs * 0.9) : 0),
    time_redirect: () => secs(0),
    url_effective: () => (r.url.host ? urlString(r.url) : ''),
    url: () => (r.url.host ? urlString(r.url) : ''),
    content_type: () => (r.res ? (responseHeader(r.res, 'content-type') ?? '') : ''),
    remote_ip: () => r.remote?.address ?? '',
    remote_port: () => (r.remote ? String(r.remote.port) : '0'),
    local_ip: () => (r.remote ? (r.remote.address.startsWith('127.') ? '127.0.0.1' : '10.0.2.15') : ''),
    local_port: () => (r.remote ? '40000' : '0'),
    num_redirects: () => String(r.redirects),
    num_connects: () => (r.remote ? '1' : '0'),
    redirect_url: () => r.redirectUrl ?? '',
    method: () => r.method,
    exitcode: () => String(r.code),
    errormsg: () => r.message ?? '',
    scheme: () => r.url.scheme.toUpperCase(),
  };
  let outText = '';
  let errText2 = '';
  let toErr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      const n = text[i + 1]!;
      const esc = n === 'n' ? '\n' : n === 'r' ? '\r' : n === 't' ? '\t' : n === '\\' ? '\\' : undefined;
      if (esc !== undefined) {
        if (toErr) errText2 += esc;
        else outText += esc;
        i++;
        continue;
      }
    }
    if (c === '%' && text[i + 1] === '%') {
      if (toErr) errText2 += '%';
      else outText += '%';
      i++;
      continue;
    }
    const m = /^%\{([^}]*)\}/.exec(text.slice(i)) ?? /^%header\{([^}]*)\}/.exec(text.slice(i));
    if (c === '%' && m) {
      i += m[0].length - 1;
      let v: string | undefined;
      if (m[0].startsWith('%header')) v = r.res ? (responseHeader(r.res, m[1]!) ?? '') : '';
      else if (m[1] === 'stdout') toErr = false;
      else if (m[1] === 'stderr') toErr = true;
      else {
        const f = vars[m[1]!];
        if (f) v = f();
        else await ctx.stderr.write(`curl: unknown --write-out variable: '${m[1]}'\n`);
      }
      if (v !== undefined) {
        if (toErr) errText2 += v;
        else outText += v;
      }
      continue;
    }
    if (toErr) errText2 += c;
    else outText += c;
  }
  if (outText) await stdout.write(outText);
  if (errText2) await ctx.stderr.write(errText2);
}

async function curl(ctx: ProcessContext): Promise<number> {
  const version = curlVersion(ctx);
  const args = ctx.argv.slice(1);
  if (args.length === 0) {
    await ctx.stderr.write(TRY);
    return 2;
  }
  const p = parseArgs(args);
  if (!p.ok) {
    await ctx.stderr.write(`curl: ${p.message}\n${TRY}`);
    return 2;
  }
  if (p.version) {
    await ctx.stdout.write(versionText(version));
    return 0;
  }
  if (p.help) {
    await ctx.stdout.write(HELP);
    return 0;
  }
  const o = p.opts;
  if (o.urls.length === 0) {
    await ctx.stderr.write(`curl: no URL specified\n${TRY}`);
    return 2;
  }
  let status = 0;
  for (let i = 0; i < o.urls.length; i++) {
    const raw = o.urls[i]!;
    // A host that does not resolve fails as it would without TLS (no internet: `Could not resolve host`).
    const https = /^https:\/\//i.test(raw) ? parseUrl(raw) : undefined;
    if (https && (!https.ok || resolveHost(ctx, https.url.host))) {
      await ctx.stderr.write(`dockyard: curl: https:// is not simulated here: the simulated network has no TLS and no internet (try http:// to a published port)\n`);
      status = 1;
      continue;
    }
    // The output: -o FILE / -O in the order given pair with the URLs in order.
    const target = i < o.output.length ? o.output[i] : null;
    let out: WriteStream = ctx.stdout;
    let outIsTty = ctx.stdout.isTTY;
    let name: string | undefined;
    if (target === undefined) {
      const parsed = parseUrl(raw);
      name = parsed.ok ? decodeURIComponent(parsed.url.target.split('?')[0]!.replace(/^.*\//, '')) : '';
      if (!name) {
        if (!o.silent || o.showError) await ctx.stderr.write(version.startsWith('8.') ? 'curl: Remote file name has no length\n' : 'curl: Remote file name has no length!\ncurl: (23) Failed writing received data to disk/application\n');
        status = 23;
        continue;
      }
    } else if (target !== null && target !== '-') name = target;
    const sink = new Buffered();
    if (name !== undefined) {
      out = sink;
      outIsTty = false;
    }
    const c = new Curl(ctx, o, version, outIsTty, p.noMeter);
    const r = await c.transfer(raw, out, outIsTty);
    if (name !== undefined && (r.code === 0 || r.code === 22 || sink.chunks.length)) {
      try {
        const w = openOutput(ctx, name);
        for (const ch of sink.chunks) await w.write(ch);
      } catch (e) {
        if (!o.silent || o.showError) await ctx.stderr.write(`Warning: Failed to open the file ${name}: ${errText(e)}\ncurl: (23) Failure writing output to destination\n`);
        status = 23;
        continue;
      }
    }
    if (r.code !== 0 && (!o.silent || o.showError)) await ctx.stderr.write(`curl: (${r.code}) ${r.message ?? ''}\n`);
    if (o.writeOut !== undefined) await writeOut(ctx, o.writeOut, r, ctx.stdout);
    if (r.code !== 0) status = r.code;
  }
  return status;
}

/** Collects a transfer's output for a file (written once the transfer ends). */
class Buffered implements WriteStream {
  readonly isTTY = false;
  readonly chunks: Uint8Array[] = [];
  write(data: Uint8Array | string): Promise<void> {
    this.chunks.push(typeof data === 'string' ? encoder.encode(data) : data);
    return Promise.resolve();
  }
  close(): void {}
}

export const curlInfo: ProgramInfo = { name: 'curl', program: curl };

