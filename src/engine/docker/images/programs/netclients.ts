/**
 * Network clients inside images: BusyBox's `wget`, `ping` and `nslookup` applets (busybox and
 * alpine images; networking/wget.c, ping.c, nslookup.c and libbb/progress.c of BusyBox 1.37) and
 * glibc's `getent` (Debian and Ubuntu images). They resolve and connect from the process's network
 * namespace through the engine's client (src/engine/net/client.ts), as curl does.
 */
import { connect, dnsLookup, hostsFileLookup, isIPv4, reach, resolveHost } from '../../../net/client';
import type { HttpRequest, HttpResponse } from '../../../net/net';
import { resolvePath } from '../../../fs/path';
import type { ProcessContext } from '../../../runtime/kernel';
import type { ProgramInfo } from '../../../runtime/programs';
import { err, out, readText } from './lib';

const BANNER = 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n';

function banner(ctx: ProcessContext): string {
  return ctx.fs.exists('/etc/alpine-release') ? 'BusyBox v1.37.0 (2025-05-26 20:04:45 UTC) multi-call binary.\n' : BANNER;
}

const STRERROR: Record<string, string> = {
  ECONNREFUSED: 'Connection refused',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
};

/** What the resolver of the process says about a name: its addresses, or undefined (NXDOMAIN). */
function lookup(ctx: ProcessContext, host: string): string[] | undefined {
  const found = resolveHost(ctx, host);
  return found?.filter((a) => !a.includes(':') || a === '::1');
}

/** The first nameserver of /etc/resolv.conf (127.0.0.1 without one, as libc and busybox assume). */
function nameserver(ctx: ProcessContext): string {
  return /^\s*nameserver\s+(\S+)/m.exec(readText(ctx, '/etc/resolv.conf') ?? '')?.[1] ?? '127.0.0.1';
}

// ---------------------------------------------------------------------------------------------
// wget

interface WgetOptions {
  quiet: boolean;
  serverResponse: boolean;
  output?: string;
  prefix?: string;
  userAgent: string;
  timeout: number;
  continue: boolean;
  spider: boolean;
  headers: string[];
  postData?: string;
}

const WGET_USAGE = `Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]
	[--post-data STR | --post-file FILE] [-Y on/off]
	[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...

Retrieve files via HTTP or FTP

	--spider	Only check URL existence: $? is 0 if exists
	--header STR	Add STR (of form 'header: value') to headers
	--post-data STR	Send STR using POST method
	--post-file FILE	Send FILE using POST method
	--no-check-certificate	Don't validate the server's certificate
	-c		Continue retrieval of aborted transfer
	-q		Quiet
	-P DIR		Save to DIR (default .)
	-S    		Show server response
	-T SEC		Network read timeout is SEC seconds
	-O FILE		Save to FILE ('-' for stdout)
	-o LOGFILE	Log messages to FILE
	-U STR		Use STR for User-Agent header
	-Y on/off	Use proxy
`;

/** getopt32 of wget: "cqSO:o:P:Y:U:T:+t:n::" plus the long options. */
function parseWget(argv: readonly string[]): { opts: WgetOptions; urls: string[] } | { error: string } {
  const opts: WgetOptions = { quiet: false, serverResponse: false, userAgent: 'Wget', timeout: 900, continue: false, spider: false, headers: [] };
  const urls: string[] = [];
  const withArg: Record<string, (v: string) => string | undefined> = {
    O: (v) => void (opts.output = v),
    o: () => undefined,
    P: (v) => void (opts.prefix = v),
    Y: () => undefined,
    U: (v) => void (opts.userAgent = v),
    T: (v) => {
      if (!/^\d+$/.test(v)) return `invalid number '${v}'`;
      opts.timeout = Number(v);
      return undefined;
    },
    t: () => undefined,
  };
  const long: Record<string, string> = { continue: 'c', quiet: 'q', 'server-response': 'S', 'output-document': 'O', 'output-file': 'o', 'directory-prefix': 'P', proxy: 'Y', 'user-agent': 'U', timeout: 'T', tries: 't' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      urls.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s) as [string, string | undefined];
      const take = () => (inline !== undefined ? inline : argv[++i]);
      if (name === 'spider') opts.spider = true;
      else if (name === 'header' || name === 'post-data' || name === 'post-file') {
        const v = take();
        if (v === undefined) return { error: `option '--${name}' requires an argument` };
        if (name === 'header') opts.headers.push(v);
        else if (name === 'post-data') opts.postData = v;
      } else if (['no-check-certificate', 'passive-ftp', 'no-cache', 'no-verbose', 'no-clobber', 'no-host-directories', 'no-parent'].includes(name)) continue;
      else if (long[name]) {
        const short = long[name]!;
        if (short === 'c') opts.continue = true;
        else if (short === 'q') opts.quiet = true;
        else if (short === 'S') opts.serverResponse = true;
        else {
          const v = take();
          if (v === undefined) return { error: `option '--${name}' requires an argument` };
          const e = withArg[short]!(v);
          if (e) return { error: e };
        }
      } else return { error: `unrecognized option '${a}'` };
      continue;
    }
    if (a.startsWith('-') && a !== '-') {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c === 'c') opts.continue = true;
        else if (c === 'q') opts.quiet = true;
        else if (c === 'S') opts.serverResponse = true;
        else if (c === 'n') break;
        else if (withArg[c]) {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (v === undefined) return { error: `option requires an argument -- '${c}'` };
          const e = withArg[c](v);
          if (e) return { error: e };
          break;
        } else return { error: `invalid option -- '${c}'` };
      }
      continue;
    }
    urls.push(a);
  }
  return { opts, urls };
}

interface Target {
  host: string;
  port: number;
  path: string;
}

/** parse_url: the scheme, `host[:port]` as written, the path without its leading slash. */
function parseWgetUrl(url: string): Target | { error: string } {
  let rest = url;
  const sep = url.indexOf('://');
  if (sep >= 0) {
    const scheme = url.slice(0, sep);
    if (scheme === 'https') return { error: 'https' };
    if (scheme !== 'http') return { error: `not an http or ftp url: ${url}` };
    rest = url.slice(sep + 3);
  }
  const cut = rest.search(/[/?#]/);
  let host = cut < 0 ? rest : rest.slice(0, cut);
  let path = cut < 0 ? '' : rest[cut] === '/' ? rest.slice(cut + 1) : rest.slice(cut + 1);
  path = path.replace(/#.*$/, '');
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  const m = /^(.*):(\d+)$/.exec(host);
  return { host, port: m ? Number(m[2]) : 80, path };
}

function smartSize(n: number): string {
  // smart_ulltoa5: five columns, then k/M/G with one decimal where it fits.
  if (n < 100000) return String(n).padStart(5);
  const units = ' kMGTPEZY';
  let idx = 0;
  let v = n;
  let frac = 0;
  while (v >= 1000 && idx < units.length - 1) {
    frac = v % 1024;
    v = Math.floor(v / 1024);
    idx++;
  }
  if (v < 10) return `${v}.${Math.floor((frac * 10) / 1024)}${units[idx]}`.padStart(5);
  return `${String(v).padStart(4)}${units[idx]}`;
}

/** bb_progress_update's final line: name, percentage, bar, size, ETA. */
function progressLine(ctx: ProcessContext, name: string, size: number, total: number | undefined): string {
  const tty = ctx.stderr.isTTY;
  const file = [...name].length > 20 ? [...name].slice(0, 20).join('') : name.padEnd(20);
  let s = tty ? `\r${file} ` : `${file} `;
  if (total !== undefined && total !== 0) {
    s += '100% ';
    const width = (tty ? ctx.tty?.cols : undefined) ?? 80;
    const bar = width - 48;
    if (bar > 2) s += `|${'*'.repeat(Math.min(bar, 999))}| `;
  }
  s += smartSize(size);
  s += total !== undefined && total !== 0 && size > 0 ? '  0:00:00 ETA' : ' --:--:-- ETA';
  return s + '\n';
}

async function wgetOne(ctx: ProcessContext, o: WgetOptions, url: string): Promise<number> {
  const t = parseWgetUrl(url);
  if ('error' in t) {
    await err(ctx, t.error === 'https' ? `wget: not an http or ftp url: ${url}\n` : `wget: ${t.error}\n`);
    return 1;
  }
  const hostOnly = /^(.*):(\d+)$/.exec(t.host)?.[1] ?? t.host;
  let fname: string | undefined = o.output;
  if (fname === undefined) {
    const last = t.path.split('/').pop() ?? '';
    fname = last === '' ? 'index.html' : last;
    if (o.prefix) fname = `${o.prefix.replace(/\/$/, '')}/${fname}`;
  }
  const addrs = lookup(ctx, hostOnly);
  if (!addrs || addrs.length === 0 || !ctx.ns.net) {
    await err(ctx, `wget: bad address '${t.host}'\n`);
    return 1;
  }
  const address = addrs[0]!;
  if (!o.quiet) await err(ctx, `Connecting to ${t.host} (${address}:${t.port})\n`);
  const c = connect(ctx.ns.net, address, t.port);
  if (!c.ok) {
    if (c.error === 'EHOSTUNREACH') {
      if (o.timeout > 0 && o.timeout * 1000 < 3000) {
        await ctx.sleep(o.timeout * 1000);
        await err(ctx, 'wget: download timed out\n');
        return 1;
      }
      await ctx.sleep(3000);
    }
    await err(ctx, `wget: can't connect to remote host (${address}): ${STRERROR[c.error]}\n`);
    return 1;
  }
  const headers: Array<[string, string]> = [];
  const user = (name: string) => o.headers.find((h) => h.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (!user('Host')) headers.push(['Host', t.host]);
  if (!user('User-Agent')) headers.push(['User-Agent', o.userAgent]);
  headers.push(['Connection', 'close']);
  for (const h of o.headers) {
    const i = h.indexOf(':');
    headers.push([i < 0 ? h : h.slice(0, i), i < 0 ? '' : h.slice(i + 1).trim()]);
  }
  const body = new TextEncoder().encode(o.postData ?? '');
  if (o.postData !== undefined) {
    if (!user('Content-Type')) headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
    headers.push(['Content-Length', String(body.length)]);
  }
  const req: HttpRequest = { method: o.postData !== undefined ? 'POST' : 'GET', target: `/${t.path}`, version: 'HTTP/1.1', headers, body, remote: c.remote, local: c.local };
  const answer = Promise.resolve(c.handler(req));
  let res: HttpResponse;
  if (o.timeout > 0) {
    const timer = ctx.kernel.clock.sleep(o.timeout * 1000);
    const r = await ctx.wait(Promise.race([answer, timer.promise.then(() => undefined)]));
    timer.cancel();
    if (!r) {
      await err(ctx, 'wget: download timed out\n');
      return 1;
    }
    res = r;
  } else res = await ctx.wait(answer);
  const version = (res as { version?: string }).version ?? ((res.headers.find(([k]) => k.toLowerCase() === 'server')?.[1] ?? '').startsWith('SimpleHTTP/') ? 'HTTP/1.0' : 'HTTP/1.1');
  const statusLine = `${version} ${res.status} ${res.reason ?? REASONS[res.status] ?? ''}`.trimEnd();
  if (o.serverResponse) await err(ctx, `  ${statusLine}\n`);
  const ok = (res.status >= 200 && res.status <= 204) || [300, 301, 302, 303, 307, 308].includes(res.status);
  if (!ok) {
    await err(ctx, `wget: server returned error: ${statusLine}\n`);
    return 1;
  }
  if (o.serverResponse) await err(ctx, res.headers.map(([k, v]) => `  ${k}: ${v}\n`).join('') + '  \n');
  const location = res.headers.find(([k]) => k.toLowerCase() === 'location')?.[1];
  if (res.status >= 300 && location) {
    const next = location.startsWith('/') ? `http://${t.host}${location}` : location;
    return wgetOne(ctx, o.output === undefined ? { ...o } : o, next);
  }
  const data = typeof res.body === 'string' ? new TextEncoder().encode(res.body) : res.body;
  const clen = res.headers.find(([k]) => k.toLowerCase() === 'content-length')?.[1];
  const total = clen !== undefined ? Number(clen) : undefined;
  if (o.spider) {
    if (!o.quiet) await err(ctx, 'remote file exists\n');
    return 0;
  }
  const toStdout = fname === '-';
  if (!toStdout) {
    const path = resolvePath(ctx.cwd, fname);
    try {
      if (o.output === undefined && ctx.fs.exists(path)) {
        await err(ctx, `wget: can't open '${fname}': File exists\n`);
        return 1;
      }
      ctx.fs.writeFile(path, data);
    } catch (e) {
      const code = (e as { code?: string }).code;
      await err(ctx, `wget: can't open '${fname}': ${code === 'EACCES' ? 'Permission denied' : code === 'EISDIR' ? 'Is a directory' : code === 'EROFS' ? 'Read-only file system' : 'No such file or directory'}\n`);
      return 1;
    }
  }
  if (!o.quiet) await err(ctx, toStdout ? 'writing to stdout\n' : `saving to '${fname}'\n`);
  if (toStdout) await ctx.stdout.write(data);
  if (!o.quiet) {
    const cur = fname.split('/').pop() ?? fname;
    let s = '';
    // The first call of the meter prints only when the whole (empty) file is already there.
    if (total === 0) s += progressLine(ctx, cur, 0, total);
    s += progressLine(ctx, cur, data.length, total);
    await err(ctx, s);
    await err(ctx, toStdout ? 'written to stdout\n' : `'${fname}' saved\n`);
  }
  return 0;
}

const REASONS: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

export const wgetInfo: ProgramInfo = {
  name: 'wget@busybox',
  program: async (ctx) => {
    const p = parseWget(ctx.argv.slice(1));
    if ('error' in p || p.urls.length === 0) {
      if ('error' in p) await err(ctx, `wget: ${p.error}\n`);
      await err(ctx, `${banner(ctx)}\n${WGET_USAGE}`);
      return 1;
    }
    for (const u of p.urls) {
      const status = await wgetOne(ctx, p.opts, u);
      if (status !== 0) return status;
    }
    return 0;
  },
};

// ---------------------------------------------------------------------------------------------
// ping

const PING_USAGE = `Usage: ping [OPTIONS] HOST

Send ICMP ECHO_REQUESTs to HOST

	-4,-6		Force IP or IPv6 name resolution
	-c CNT		Send only CNT pings
	-s SIZE		Send SIZE data bytes in packets (default 56)
	-i SECS		Interval
	-A		Ping as soon as reply is received
	-t TTL		Set TTL
	-I IFACE/IP	Source interface or IP address
	-W SEC		Seconds to wait for the first response (default 10)
			(after all -c CNT packets are sent)
	-w SEC		Seconds until ping exits (default:infinite)
			(can exit earlier with -c CNT)
	-q		Quiet, only display output at start/finish
	-p HEXBYTE	Payload pattern
`;

const us3 = (us: number) => `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;

export const pingInfo: ProgramInfo = {
  name: 'ping@busybox',
  program: async (ctx) => {
    let count = 0;
    let size = 56;
    let ttl = 64;
    let quiet = false;
    let deadline = 0;
    let wait = 10;
    let interval = 1000;
    const hosts: string[] = [];
    const argv = ctx.argv.slice(1);
    const usage = async () => {
      await err(ctx, `${banner(ctx)}\n${PING_USAGE}`);
      return 1;
    };
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (!a.startsWith('-') || a === '-') {
        hosts.push(a);
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c === 'q') quiet = true;
        else if (c === 'v' || c === 'A' || c === 'n' || c === '4' || c === '6') continue;
        else if ('cstwWIpi'.includes(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (v === undefined) {
            await err(ctx, `ping: option requires an argument -- '${c}'\n`);
            return usage();
          }
          const n = Number(v);
          if ('cstwW'.includes(c) && !/^\d+$/.test(v)) {
            await err(ctx, `ping: invalid number '${v}'\n`);
            return 1;
          }
          if (c === 'c') count = n;
          else if (c === 's') size = n;
          else if (c === 't') ttl = n;
          else if (c === 'w') deadline = n;
          else if (c === 'W') wait = n;
          else if (c === 'i') interval = Math.max(0, Number.parseFloat(v) || 0) * 1000;
          break;
        } else {
          await err(ctx, `ping: invalid option -- '${c}'\n`);
          return usage();
        }
      }
    }
    if (hosts.length !== 1) return usage();
    const host = hosts[0]!;
    const addrs = lookup(ctx, host);
    if (!addrs || addrs.length === 0) {
      await err(ctx, `ping: bad address '${host}'\n`);
      return 1;
    }
    const address = addrs[0] === '::1' ? '::1' : addrs[0]!;
    await out(ctx, `PING ${host} (${address}): ${size} data bytes\n`);
    const ns = ctx.ns.net;
    const route = ns ? reach(ns, address) : 'ok';
    if (route === 'ENETUNREACH') {
      await err(ctx, 'ping: sendto: Network is unreachable\n');
      return 1;
    }
    const replies = route === 'ok';
    const loopback = address.startsWith('127.') || address === '::1' || (ns?.has(address) ?? true);
    let sent = 0;
    let received = 0;
    const times: number[] = [];
    const start = ctx.kernel.clock.now();
    const stats = async (): Promise<number> => {
      const loss = sent === 0 ? 0 : Math.floor(((sent - received) * 100) / sent);
      let s = `\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${received} packets received, ${loss}% packet loss\n`;
      if (times.length) {
        const sum = times.reduce((x, y) => x + y, 0);
        s += `round-trip min/avg/max = ${us3(Math.min(...times))}/${us3(Math.floor(sum / times.length))}/${us3(Math.max(...times))} ms\n`;
      }
      await out(ctx, s);
      return received === 0 || (deadline > 0 && received < count) ? 1 : 0;
    };
    let interrupted = false;
    ctx.trap('SIGINT', () => {
      interrupted = true;
    });
    const stop = () => interrupted || (deadline > 0 && ctx.kernel.clock.now() - start >= deadline * 1000);
    for (;;) {
      if (stop()) return stats();
      sent++;
      if (replies) {
        // Round trips of a bridge or loopback: tens of microseconds, jitter from the seeded ids.
        const jitter = ctx.kernel.ids.int(`ping-rtt:${ctx.ns.container ?? 'host'}`, loopback ? 40 : 90);
        const rtt = (loopback ? 35 : 60) + jitter;
        times.push(rtt);
        received++;
        if (!quiet) await out(ctx, `${size + 8} bytes from ${address}: seq=${sent - 1} ttl=${ttl}${size >= 8 ? ` time=${us3(rtt)} ms` : ''}\n`);
      }
      if (count > 0 && sent >= count) {
        // All sent: the last reply is in, or the wait (-W) for one ends.
        if (!replies) await sleepUnless(ctx, wait * 1000, stop);
        return stats();
      }
      await sleepUnless(ctx, interval, stop);
    }
  },
};

/** Sleeps `ms` of simulated time, ending early when `stop()` turns true (Ctrl-C). */
async function sleepUnless(ctx: ProcessContext, ms: number, stop: () => boolean): Promise<void> {
  const step = 100;
  for (let left = ms; left > 0 && !stop(); left -= step) await ctx.sleep(Math.min(step, left));
}

// ---------------------------------------------------------------------------------------------
// nslookup

export const nslookupInfo: ProgramInfo = {
  name: 'nslookup@busybox',
  program: async (ctx) => {
    const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
    const [name, server] = args;
    // -type=a / -type=aaaa ask one question; without a type nslookup asks A and AAAA.
    const type = /^-(?:type|query|q|t)=(.*)$/.exec(ctx.argv.slice(1).find((a) => /^-(type|query|q|t)=/.test(a)) ?? '')?.[1]?.toLowerCase();
    if (type !== undefined && type !== 'a' && type !== 'aaaa') {
      await err(ctx, `dockyard: 'nslookup -type=${type}' is not simulated here\n`);
      return 1;
    }
    const asks = type === undefined ? 2 : 1;
    if (name === undefined || args.length > 2) {
      await err(ctx, `${banner(ctx)}\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n`);
      return 1;
    }
    const ns = server ?? nameserver(ctx);
    const embedded = ns === '127.0.0.11';
    const net = ctx.ns.net;
    // The server must be reachable: 127.0.0.11 is the container's own; the host's upstream servers
    // are reached through NAT from any network but `none` (loopback only).
    const reachable = embedded ? net?.resolver !== undefined : !(net?.segments && net.segments.size === 0);
    if (!reachable) {
      await ctx.sleep(15000);
      await out(ctx, ';; connection timed out; no servers could be reached\n\n');
      return 1;
    }
    let s = `Server:\t\t${ns}\nAddress:\t${ns}:53\n\n`;
    if (isIPv4(name)) {
      await out(ctx, s);
      await err(ctx, "dockyard: nslookup's reverse lookups (PTR) are not simulated here\n");
      return 1;
    }
    // The embedded DNS answers the names of containers on the networks it serves; everything else
    // goes to the host's upstream servers, which know none of this world's names.
    const found = embedded ? dnsLookup(ctx, name) : undefined;
    if (!found) {
      s += `** server can't find ${name}: NXDOMAIN\n\n`.repeat(asks);
      await out(ctx, s);
      return 1;
    }
    if (type !== 'aaaa') {
      s += 'Non-authoritative answer:\n';
      for (const a of found.filter((x) => !x.includes(':'))) s += `Name:\t${name}\nAddress: ${a}\n`;
      s += '\n';
    }
    // The AAAA query: the name is known but has no IPv6 address (an empty NOERROR answer).
    if (type !== 'a') s += 'Non-authoritative answer:\n\n';
    await out(ctx, s);
    return 0;
  },
};

// ---------------------------------------------------------------------------------------------
// getent (glibc)

const GETENT_TRY = "Try `getent --help' or `getent --usage' for more information.\n";
const KNOWN_DATABASES = ['ahosts', 'ahostsv4', 'ahostsv6', 'aliases', 'ethers', 'group', 'gshadow', 'hosts', 'initgroups', 'netgroup', 'networks', 'passwd', 'protocols', 'rpc', 'services', 'shadow'];

/** The /etc/hosts line that names `key` (canonical name first, then aliases), for one family. */
function hostsEntry(ctx: ProcessContext, key: string, v6: boolean): { addr: string; names: string[] } | undefined {
  for (const line of (readText(ctx, '/etc/hosts') ?? '').split('\n')) {
    const [addr, ...names] = line.replace(/#.*$/, '').trim().split(/\s+/);
    if (!addr || names.length === 0 || addr.includes(':') !== v6) continue;
    if (names.some((n) => n.toLowerCase() === key.toLowerCase())) return { addr, names };
  }
  return undefined;
}

function hostsByAddr(ctx: ProcessContext, key: string): { addr: string; names: string[] } | undefined {
  for (const line of (readText(ctx, '/etc/hosts') ?? '').split('\n')) {
    const [addr, ...names] = line.replace(/#.*$/, '').trim().split(/\s+/);
    if (addr === key && names.length) return { addr, names };
  }
  return undefined;
}

export const getentInfo: ProgramInfo = {
  name: 'getent@glibc',
  program: async (ctx) => {
    const args = ctx.argv.slice(1).filter((a) => !/^-(s|i|-no-idn)/.test(a));
    const [db, ...keys] = args;
    if (db === undefined) {
      await err(ctx, `getent: wrong number of arguments\n${GETENT_TRY}`);
      return 1;
    }
    if (!KNOWN_DATABASES.includes(db)) {
      await err(ctx, `Unknown database: ${db}\n${GETENT_TRY}`);
      return 1;
    }
    if (db === 'passwd' || db === 'group') {
      const lines = (readText(ctx, `/etc/${db}`) ?? '').split('\n').filter((l) => l && !l.startsWith('#'));
      if (keys.length === 0) {
        await out(ctx, lines.map((l) => `${l}\n`).join(''));
        return 0;
      }
      let status = 0;
      for (const k of keys) {
        const hit = lines.find((l) => {
          const f = l.split(':');
          return /^\d+$/.test(k) ? f[2] === k : f[0] === k;
        });
        if (hit) await out(ctx, `${hit}\n`);
        else status = 2;
      }
      return status;
    }
    if (db !== 'hosts') {
      await err(ctx, `dockyard: 'getent ${db}' is not simulated here\n`);
      return 1;
    }
    if (keys.length === 0) {
      const lines = (readText(ctx, '/etc/hosts') ?? '').split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter((l) => l);
      await out(ctx, lines.map((l) => {
        const [addr, ...names] = l.split(/\s+/);
        return `${(addr ?? '').padEnd(15)} ${names.join(' ')}\n`;
      }).join(''));
      return 0;
    }
    let status = 0;
    for (const key of keys) {
      let line: string | undefined;
      if (isIPv4(key) || key.includes(':')) {
        const e = hostsByAddr(ctx, key);
        if (e) line = `${e.addr.padEnd(15)} ${e.names.join(' ')}\n`;
      } else {
        // gethostbyname2(AF_INET6), then AF_INET: files before dns (nsswitch `hosts: files dns`).
        const e = hostsEntry(ctx, key, true) ?? hostsEntry(ctx, key, false);
        if (e) line = `${e.addr.padEnd(15)} ${e.names.join(' ')}\n`;
        else if (hostsFileLookup(ctx, key).length === 0) {
          const found = dnsLookup(ctx, key)?.filter((a) => !a.includes(':'));
          if (found?.length) line = found.map((a) => `${a.padEnd(15)} ${key}\n`).join('');
        }
      }
      if (line) await out(ctx, line);
      else status = 2;
    }
    return status;
  },
};

export const netClientPrograms: readonly ProgramInfo[] = [wgetInfo, pingInfo, nslookupInfo, getentInfo];
