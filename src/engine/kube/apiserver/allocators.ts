/**
 * The Service allocators: cluster IPs from the service CIDR (minikube: 10.96.0.0/12, 10.96.0.1 is the
 * `kubernetes` Service) and node ports from 30000-32767.
 *
 * Like the real bitmap allocators (k8s.io/kubernetes pkg/registry/core/service/ipallocator and
 * portallocator) each range has a lower band kept for static requests (offset = clamp(size/16, 16,
 * 256) addresses, clamp(size/32, 16, 128) ports) and dynamic allocation prefers the upper band. Where
 * Go draws a random start and scans, we draw the start from the IdGen stream `kube/clusterip` or
 * `kube/nodeport` and scan forward, so the same seed gives the same addresses. What is allocated is
 * not kept separately: it is read from the stored Services, so snapshots hold nothing extra.
 */
import type { IdGen } from '../../core/ids';
import { NODE_PORT_RANGE } from '../api';

export const SERVICE_CIDR = '10.96.0.0/12';

export function ipToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return (((parts[0] ?? 0) << 24) | ((parts[1] ?? 0) << 16) | ((parts[2] ?? 0) << 8) | (parts[3] ?? 0)) >>> 0;
}

export function intToIp(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export interface CidrRange {
  cidr: string;
  /** First usable address (network + 1). */
  base: number;
  /** Usable addresses (network and broadcast excluded). */
  size: number;
}

export function parseCidr(cidr: string): CidrRange {
  const [ip = '', bits = '32'] = cidr.split('/');
  const prefix = Number(bits);
  const net = ipToInt(ip) ?? 0;
  const total = 2 ** (32 - prefix);
  return { cidr, base: net + 1, size: Math.max(0, total - 2) };
}

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(v, hi));

export type AllocResult<T> = { ok: true; value: T } | { ok: false; error: string };

export class ClusterIpAllocator {
  readonly range: CidrRange;

  constructor(cidr = SERVICE_CIDR) {
    this.range = parseCidr(cidr);
  }

  /** The nth address of the range (0 is 10.96.0.1). */
  nth(n: number): string {
    return intToIp(this.range.base + n);
  }

  /** The `kube-dns` address minikube uses (10th of the range). */
  get dnsIp(): string {
    return this.nth(9);
  }

  /** Checks a requested address against the range and the addresses in use. */
  allocateSpecific(ip: string, used: ReadonlySet<string>): AllocResult<string> {
    const n = ipToInt(ip);
    if (n === undefined || n < this.range.base || n >= this.range.base + this.range.size) {
      return { ok: false, error: `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.range.cidr}` };
    }
    if (used.has(ip)) return { ok: false, error: `failed to allocate IP ${ip}: provided IP is already allocated` };
    return { ok: true, value: ip };
  }

  /** A free address, upper band first. */
  allocateNext(ids: IdGen, used: ReadonlySet<string>): AllocResult<string> {
    const { size } = this.range;
    const offset = clamp(Math.floor(size / 16), 16, 256);
    const bands: [number, number][] = [
      [offset, size],
      [0, offset],
    ];
    for (const [lo, hi] of bands) {
      const span = hi - lo;
      if (span <= 0) continue;
      const start = ids.int('kube/clusterip', span);
      for (let k = 0; k < span; k++) {
        const ip = this.nth(lo + ((start + k) % span));
        if (!used.has(ip)) return { ok: true, value: ip };
      }
    }
    return { ok: false, error: 'failed to allocate a serviceIP: range is full' };
  }
}

export class NodePortAllocator {
  constructor(readonly range = NODE_PORT_RANGE) {}

  allocateNext(ids: IdGen, used: ReadonlySet<number>): AllocResult<number> {
    const size = this.range.max - this.range.min + 1;
    const offset = clamp(Math.floor(size / 32), 16, 128);
    const bands: [number, number][] = [
      [offset, size],
      [0, offset],
    ];
    for (const [lo, hi] of bands) {
      const span = hi - lo;
      const start = ids.int('kube/nodeport', span);
      for (let k = 0; k < span; k++) {
        const port = this.range.min + lo + ((start + k) % span);
        if (!used.has(port)) return { ok: true, value: port };
      }
    }
    return { ok: false, error: 'range is full' };
  }
}
