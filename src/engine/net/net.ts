/**
 * The simulated network, as much as publishing ports needs: network namespaces (the host's, each
 * container's), addresses, and programs listening on ports. Requests are HTTP messages handed to
 * the listener, which answers as the real server would. (The Networking issue grows this into
 * bridges, DNS and cluster services.)
 */
import { SysError } from '../core/errors';
import type { IDisposable } from '../core/events';

export interface HttpRequest {
  readonly method: string;
  /** The request target as sent: `/`, `/index.html?x=1`. */
  readonly target: string;
  readonly version: string;
  /** Header fields in the order sent, names as sent. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Uint8Array;
  /** The client's address and port, as the server sees them (for access logs). */
  readonly remote: { readonly address: string; readonly port: number };
  /** The address and port the client connected to. */
  readonly local: { readonly address: string; readonly port: number };
}

export interface HttpResponse {
  readonly status: number;
  /** The reason phrase; the standard one for the status when omitted. */
  readonly reason?: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Uint8Array | string;
}

export type HttpHandler = (req: HttpRequest) => Promise<HttpResponse> | HttpResponse;

/** Both ends of a connection, as the server sees them. */
export interface Peer {
  readonly remote: { readonly address: string; readonly port: number };
  readonly local: { readonly address: string; readonly port: number };
}

/**
 * A protocol other than HTTP that a listener speaks (`resp` for redis): one message from the
 * client in, the server's answer out. What a message is belongs to the protocol.
 */
export type MessageHandler = (message: unknown, peer: Peer) => Promise<unknown>;

interface Binding {
  readonly port: number;
  /** The address bound (`0.0.0.0` for every address of the namespace). */
  readonly address: string;
  readonly handler: HttpHandler;
  /** Other protocols the listener speaks, by name. */
  readonly protocols: Readonly<Record<string, MessageHandler>>;
}

/** One network namespace: its addresses and what listens in it. */
export class NetNamespace {
  private readonly bindings: Binding[] = [];
  /**
   * The networks (ids) this namespace has an interface on: connections to another namespace need
   * one in common. Undefined: reaches and is reached from every namespace (the host's).
   */
  segments: Set<string> | undefined;
  /** The namespace's DNS server (Docker's embedded DNS on user-defined networks): name → addresses. */
  resolver: ((name: string) => string[] | undefined) | undefined;

  constructor(
    readonly network: Network,
    readonly name: string,
    /** Its addresses besides 127.0.0.1, e.g. a container's 172.17.0.2. */
    readonly addresses: string[],
  ) {}

  /** Starts listening; throws EADDRINUSE when the port is taken. */
  listen(port: number, handler: HttpHandler, address = '0.0.0.0', protocols: Readonly<Record<string, MessageHandler>> = {}): IDisposable {
    if (this.bindings.some((b) => b.port === port && (b.address === address || b.address === '0.0.0.0' || address === '0.0.0.0'))) {
      throw new SysError('EADDRINUSE', `${address}:${port}`);
    }
    const b: Binding = { port, address, handler, protocols };
    this.bindings.push(b);
    return {
      dispose: () => {
        const i = this.bindings.indexOf(b);
        if (i >= 0) this.bindings.splice(i, 1);
      },
    };
  }

  /** The listener for a connection to `address:port` arriving in this namespace. */
  listener(address: string, port: number): HttpHandler | undefined {
    return this.binding(address, port)?.handler;
  }

  /** The protocols besides HTTP the listener on `address:port` speaks. */
  protocols(address: string, port: number): Readonly<Record<string, MessageHandler>> {
    return this.binding(address, port)?.protocols ?? {};
  }

  private binding(address: string, port: number): Binding | undefined {
    const local = address === 'localhost' ? '127.0.0.1' : address;
    return this.bindings.find((x) => x.port === port && (x.address === '0.0.0.0' || x.address === local));
  }

  /** Whether something listens on the port (any address). */
  isListening(port: number): boolean {
    return this.bindings.some((b) => b.port === port);
  }

  has(address: string): boolean {
    return address === '127.0.0.1' || address === 'localhost' || this.addresses.includes(address);
  }

  /**
   * The gateway of the network an address of this namespace is on (set by the daemon): a host
   * connection over that bridge arrives from it.
   */
  gateway: ((address: string) => string | undefined) | undefined;

  /** What the namespace's DNS server answers for a name (case-insensitive), if it has one. */
  resolve(name: string): string[] | undefined {
    return this.resolver?.(name.toLowerCase().replace(/\.$/, ''));
  }
}

/** Forwards connections to a host port into another namespace (docker run -p). */
export interface PortForward {
  readonly hostPort: number;
  readonly hostAddress: string;
  readonly target: NetNamespace;
  readonly targetPort: number;
}

export type Connect =
  | { readonly ok: true; readonly handler: HttpHandler; readonly local: { address: string; port: number }; readonly server: NetNamespace }
  | { readonly ok: false; readonly error: 'ECONNREFUSED' | 'EHOSTUNREACH' | 'ENOTFOUND' | 'ENETUNREACH' };

/** Every namespace of one world, and the routes between them. */
export class Network {
  readonly host: NetNamespace;
  private readonly namespaces: NetNamespace[] = [];
  private readonly forwards: PortForward[] = [];
  private nextEphemeral = 40000;

  constructor(hostAddresses: string[] = []) {
    this.host = this.createNamespace('host', hostAddresses);
  }

  createNamespace(name: string, addresses: string[]): NetNamespace {
    const ns = new NetNamespace(this, name, addresses);
    this.namespaces.push(ns);
    return ns;
  }

  removeNamespace(ns: NetNamespace): void {
    const i = this.namespaces.indexOf(ns);
    if (i >= 0) this.namespaces.splice(i, 1);
    for (let j = this.forwards.length - 1; j >= 0; j--) if (this.forwards[j]!.target === ns) this.forwards.splice(j, 1);
  }

  /** Publishes `target:targetPort` on the host's `hostAddress:hostPort`; throws EADDRINUSE. */
  forward(f: PortForward): IDisposable {
    if (this.forwards.some((x) => x.hostPort === f.hostPort) || this.host.isListening(f.hostPort)) {
      throw new SysError('EADDRINUSE', `${f.hostAddress}:${f.hostPort}`);
    }
    this.forwards.push(f);
    return {
      dispose: () => {
        const i = this.forwards.indexOf(f);
        if (i >= 0) this.forwards.splice(i, 1);
      },
    };
  }

  /** The host ports forwarded to a namespace. */
  forwardsTo(ns: NetNamespace): PortForward[] {
    return this.forwards.filter((f) => f.target === ns);
  }

  /** A client port, as the server's access log shows it. */
  ephemeralPort(): number {
    const p = this.nextEphemeral++;
    if (this.nextEphemeral > 60999) this.nextEphemeral = 40000;
    return p;
  }

  /** Opens a connection from `from` to `address:port`. */
  connect(from: NetNamespace, address: string, port: number): Connect {
    if (from.has(address)) {
      const h = from.listener(address, port);
      if (h) return { ok: true, handler: h, local: { address: address === 'localhost' ? '127.0.0.1' : address, port }, server: from };
      if (from === this.host) {
        const f = this.forwards.find((x) => x.hostPort === port && (x.hostAddress === '0.0.0.0' || x.hostAddress === address));
        if (f) {
          const target = f.target.listener(f.target.addresses[0] ?? '127.0.0.1', f.targetPort);
          return target ? { ok: true, handler: target, local: { address: f.target.addresses[0] ?? '127.0.0.1', port: f.targetPort }, server: f.target } : { ok: false, error: 'ECONNREFUSED' };
        }
      }
      return { ok: false, error: 'ECONNREFUSED' };
    }
    // A namespace with no network but loopback (`--network none`) has no route anywhere.
    if (from.segments && from.segments.size === 0) return { ok: false, error: 'ENETUNREACH' };
    const owner = this.namespaces.find((n) => n.addresses.includes(address));
    if (!owner) return { ok: false, error: 'EHOSTUNREACH' };
    if (from.segments && owner.segments && ![...from.segments].some((s) => owner.segments!.has(s))) return { ok: false, error: 'EHOSTUNREACH' };
    const h = owner.listener(address, port);
    return h ? { ok: true, handler: h, local: { address, port }, server: owner } : { ok: false, error: 'ECONNREFUSED' };
  }
}
