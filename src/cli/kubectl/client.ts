/**
 * How kubectl reaches its API server and prints failures (k8s.io/kubectl pkg/cmd/util/helpers.go
 * checkErr / StandardErrorMessage, client-go's clientcmd and discovery's memcache, v1.33):
 *
 * - the server comes from the kubeconfig's current context (`--kubeconfig`, else $KUBECONFIG, else
 *   ~/.kube/config; `--context`, `--server`); with no kubeconfig it is http://localhost:8080;
 * - the session registers one socket per API server address: `kernel.sockets.get(kubeSocketName(host,
 *   port))` → `{ connect(): Promise<ApiServer> }`. No socket: the address is unreachable ("no route to
 *   host": the minikube node is stopped); a connect() that rejects: "connection refused";
 * - discovery failures print klog lines (`E1129 10:00:00.000000    1234 memcache.go:265] "Unhandled
 *   Error" err="couldn't get current server API group list: …"`) before the final message.
 */
import type { ApiServer, ApiStatus } from '../../engine/kube/apiserver';
import { kubectlInvalidMessage, type Status } from '../../engine/kube/api';
import type { ProcessContext } from '../../engine/runtime/kernel';
import type { AttachIO } from '../../engine/docker/daemon';
import { goQuote } from '../../engine/core/gotext';
import { loadKubeconfig, type ResolvedConfig } from './kubeconfig';

/** The socket name under which the session serves the API server at host:port. */
export function kubeSocketName(host: string, port: number | string): string {
  return `kube-apiserver:${host}:${port}`;
}

/** What the session registers under kubeSocketName: connect() gives the API server, or rejects (refused). */
export interface KubeApiSocket {
  connect(): Promise<ApiServer>;
}

/** The socket name of a node's kubelet (logs, exec, port-forward go to it through the API server). */
export function kubeletSocketName(nodeName: string): string {
  return `kubelet:${nodeName}`;
}

/** What a kubelet offers kubectl. None is registered yet: the commands say they are not simulated. */
export interface KubeletApi {
  /** Runs `argv` in a pod's container (the kubelet asks the node's runtime), its streams on `io`. */
  exec(
    namespace: string,
    pod: string,
    container: string,
    argv: readonly string[],
    opts: { io: AttachIO; tty: boolean },
  ): { ok: true; process: { readonly exited: Promise<{ status: number }> } } | { ok: false; status: ApiStatus };
  logs(namespace: string, pod: string, container: string, opts: { follow?: boolean; previous?: boolean; tail?: number; timestamps?: boolean }, out: (text: string) => Promise<void>): Promise<{ ok: true } | { ok: false; status: ApiStatus }>;
}

/** A failure kubectl prints and exits with. */
export class KubectlError extends Error {
  constructor(
    /** The whole text for stderr, newline-terminated. */
    readonly text: string,
    readonly status = 1,
  ) {
    super(text);
  }
}

/** An API Status error (kept whole so checkErr can render Invalid the way kubectl does). */
export class StatusError extends Error {
  constructor(readonly status: ApiStatus) {
    super(status.message);
  }
}

/** A server address parsed from the kubeconfig. */
export interface ServerAddress {
  url: string;
  scheme: string;
  host: string;
  port: string;
}

export function parseServer(url: string): ServerAddress {
  const m = /^(https?):\/\/([^/:]+|\[[^\]]+\])(?::(\d+))?/.exec(url);
  if (!m) return { url, scheme: 'https', host: url, port: '443' };
  const scheme = m[1]!;
  return { url: url.replace(/\/+$/, ''), scheme, host: m[2]!, port: m[3] ?? (scheme === 'https' ? '443' : '80') };
}

/** What klog prints as its header: `E1129 10:00:00.000000    1234 memcache.go:265] `. */
function klogHeader(ctx: ProcessContext, i: number): string {
  const d = new Date(ctx.kernel.clock.now());
  const p2 = (n: number) => String(n).padStart(2, '0');
  const micros = d.getUTCMilliseconds() * 1000 + i * 431 + 73;
  return `E${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(micros).padStart(6, '0')} ${String(ctx.pid).padStart(7, ' ')} memcache.go:265] `;
}

/** The connection's failure: the dial error and the final line kubectl prints. */
function dialFailure(addr: ServerAddress, refused: boolean): { dial: string; final: string } {
  const ip = addr.host === 'localhost' ? '127.0.0.1' : addr.host;
  const dial = `dial tcp ${ip}:${addr.port}: connect: ${refused ? 'connection refused' : 'no route to host'}`;
  const final = refused ? `The connection to the server ${addr.host}:${addr.port} was refused - did you specify the right host or port?` : `Unable to connect to the server: ${dial}`;
  return { dial, final };
}

/** How a command reaches the cluster: the resolved kubeconfig and the API server, lazily connected. */
export class Client {
  private api: ApiServer | undefined;
  constructor(
    readonly ctx: ProcessContext,
    readonly config: ResolvedConfig,
  ) {}

  get namespace(): string {
    return this.config.namespace;
  }

  get server(): ServerAddress {
    return parseServer(this.config.server);
  }

  /** Connects, or fails as kubectl does (`discovery`: the memcache lines first, as commands that map resources print them). */
  async connect(mode: 'discovery' | 'plain' | 'openapi' = 'discovery', source = ''): Promise<ApiServer> {
    if (this.api) return this.api;
    const addr = this.server;
    const sock = this.ctx.kernel.sockets.get(kubeSocketName(addr.host, addr.port));
    let refused = addr.host === 'localhost' || addr.host === '127.0.0.1';
    if (sock) {
      try {
        this.api = (await this.ctx.kernel.hostWork(sock.connect())) as ApiServer;
        return this.api;
      } catch {
        refused = true;
      }
    }
    const { dial, final } = dialFailure(addr, refused);
    if (mode === 'openapi') {
      throw new KubectlError(
        `error: error validating ${goQuote(source)}: error validating data: failed to download openapi: Get ${goQuote(`${addr.url}/openapi/v2?timeout=32s`)}: ${dial}; if you choose to ignore these errors, turn validation off with --validate=false\n`,
      );
    }
    let text = '';
    if (mode === 'discovery') {
      const err = `couldn't get current server API group list: Get ${goQuote(`${addr.url}/api?timeout=32s`)}: ${dial}`;
      for (let i = 0; i < 5; i++) text += `${klogHeader(this.ctx, i)}"Unhandled Error" err=${goQuote(err)}\n`;
    }
    throw new KubectlError(`${text}${final}\n`);
  }

  /** The API server if already connected (after connect()). */
  get apiServer(): ApiServer {
    if (!this.api) throw new Error('kubectl: not connected');
    return this.api;
  }
}

/** Makes the client for a command: reads the kubeconfig (its errors are kubectl's). */
export function clientFor(ctx: ProcessContext, flags: GlobalFlags): Client {
  return new Client(ctx, loadKubeconfig(ctx, flags));
}

export interface GlobalFlags {
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  user?: string;
  namespace?: string;
  server?: string;
}

// ------------------------------------------------------------------ error text (checkErr)

/** StandardErrorMessage of an API status. */
export function statusMessage(st: ApiStatus | Status): string {
  const reason: string = st.reason;
  const message = st.message;
  if (reason === 'Unauthorized') return `error: You must be logged in to the server (${message})`;
  if (reason) return `Error from server (${reason}): ${message}`;
  return `Error from server: ${message}`;
}

/** cmdutil.CheckErr's text for one error (newline-terminated). */
export function errorText(e: unknown): { text: string; status: number } {
  if (e instanceof KubectlError) return { text: e.text, status: e.status };
  if (e instanceof StatusError) {
    if (e.status.reason === 'Invalid') return { text: kubectlInvalidMessage(e.status as Status), status: 1 };
    return { text: `${statusMessage(e.status)}\n`, status: 1 };
  }
  if (e instanceof Error && e.name === 'ProcessKilled') throw e;
  if (e instanceof UsageError || (e instanceof Error && e.constructor === Error)) {
    const m = e.message;
    return { text: `${m.startsWith('error: ') ? m : `error: ${m}`}${m.endsWith('\n') ? '' : '\n'}`, status: 1 };
  }
  throw e;
}

/** A plain "error: …" failure. */
export class UsageError extends Error {}

/** MultipleErrors: several errors at once, one line each (no "error: " prefix added to Status texts). */
export function errorsText(errs: readonly unknown[]): string {
  if (errs.length === 1) return errorText(errs[0]).text;
  let out = '';
  for (const e of errs) {
    if (e instanceof StatusError) out += `${statusMessage(e.status)}\n`;
    else if (e instanceof KubectlError) out += e.text.replace(/^error: /, '');
    else if (e instanceof Error) out += `${e.message}\n`;
  }
  return out;
}

/** Throws an API result's failure, or returns its value. */
export function must<T>(r: { ok: true; value: T } | { ok: false; status: ApiStatus }): T {
  if (!r.ok) throw new StatusError(r.status);
  return r.value;
}

/** AddSourceToErr: `error when creating "pod.yaml": …` inside the status message. */
export function withSource(verb: string, source: string, st: ApiStatus): StatusError {
  if (!source) return new StatusError(st);
  return new StatusError({ ...st, message: `error when ${verb} ${goQuote(source)}: ${st.message}` });
}
