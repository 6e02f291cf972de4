/**
 * Test helpers: a kernel with the image programs, a container-like root from an image's layers,
 * and a runner that drives virtual time until the process ends (or a predicate holds).
 */
import { Clock } from '../../../core/clock';
import { MemFs } from '../../../fs/memfs';
import { Network, type NetNamespace } from '../../../net/net';
import { Kernel, PidNamespace, type Process } from '../../../runtime/kernel';
import { resolvePathToProgram, which } from '../../../runtime/exec';
import type { ProgramInfo } from '../../../runtime/programs';
import { bytesReader, CollectingWriter, type ReadStream } from '../../../runtime/streams';
import { findCatalogImage } from '../catalog';
import { imagePrograms } from '../programs';
import { imageLayers } from '../rootfs';

export interface Box {
  readonly clock: Clock;
  readonly kernel: Kernel;
  readonly fs: MemFs;
  readonly net: Network;
  readonly ns: NetNamespace;
  readonly pid: PidNamespace;
  readonly env: Record<string, string>;
}

export function boxOf(ref: string, extra: readonly ProgramInfo[] = []): Box {
  const img = findCatalogImage(ref);
  if (!img) throw new Error(`no image ${ref}`);
  const clock = new Clock({ now: Date.UTC(2025, 5, 29, 12, 0, 0) });
  const kernel = new Kernel(clock);
  for (const p of [...imagePrograms, ...extra]) kernel.programs.register(p);
  const fs = MemFs.fromLayers(imageLayers(img), clock);
  const net = new Network(['192.168.49.1']);
  const ns = net.createNamespace('c1', ['172.17.0.2']);
  const env: Record<string, string> = { HOSTNAME: '3f2a1b4c5d6e' };
  for (const e of img.config.Env) env[e.slice(0, e.indexOf('='))] = e.slice(e.indexOf('=') + 1);
  return { clock, kernel, fs, net, ns, pid: new PidNamespace(), env };
}

export interface Run {
  readonly proc: Process;
  readonly stdout: CollectingWriter;
  readonly stderr: CollectingWriter;
  /** Drives time until the process exits, or `until` holds; returns the exit status (or undefined). */
  settle(until?: () => boolean): Promise<number | undefined>;
}

export function start(box: Box, argv: readonly string[], opts: { stdin?: string | ReadStream; env?: Record<string, string>; cwd?: string; tty?: boolean } = {}): Run {
  const path = box.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  const full = which(box.fs, argv[0]!, path, '/');
  if (!full) throw new Error(`not found: ${argv[0]}`);
  const r = resolvePathToProgram({ fs: box.fs, kernel: box.kernel }, full);
  if (r.kind !== 'program') throw new Error(`not a program: ${full} (${r.kind})`);
  const stdout = new CollectingWriter();
  const stderr = new CollectingWriter();
  if (opts.tty) Object.assign(stdout, { isTTY: true });
  const stdin = typeof opts.stdin === 'string' || opts.stdin === undefined ? bytesReader(opts.stdin ?? '') : opts.stdin;
  const proc = box.kernel.spawn({
    argv,
    program: r.program,
    env: { ...box.env, ...(opts.env ?? {}) },
    cwd: opts.cwd ?? '/',
    fs: box.fs,
    stdio: { stdin, stdout, stderr },
    ns: { hostname: '3f2a1b4c5d6e', net: box.ns, pid: box.pid, container: '3f2a1b4c5d6e0000' },
  });
  return {
    proc,
    stdout,
    stderr,
    async settle(until) {
      for (let i = 0; i < 5000; i++) {
        for (let k = 0; k < 50; k++) await Promise.resolve();
        if (proc.state === 'exited') return proc.exit?.status;
        if (until?.()) return undefined;
        const t = box.clock.nextDue();
        if (t !== undefined) box.clock.advanceTo(t);
      }
      return undefined;
    },
  };
}

export async function run(box: Box, argv: readonly string[], opts: Parameters<typeof start>[2] = {}): Promise<{ stdout: string; stderr: string; status: number | undefined }> {
  const r = start(box, argv, opts);
  const status = await r.settle();
  return { stdout: r.stdout.text(), stderr: r.stderr.text(), status };
}
