/** Helpers the programs inside images share: output, the image's distro, exec, serving, time. */
import { isSysError } from '../../../core/errors';
import { resolvePath } from '../../../fs/path';
import { resolveCommand, spawnCommand } from '../../../runtime/exec';
import type { ProcessContext } from '../../../runtime/kernel';
import type { Signal } from '../../../runtime/signals';
import type { HttpHandler, MessageHandler } from '../../../net/net';
import type { Distro } from './packages';

export const out = (ctx: ProcessContext, s: string) => ctx.stdout.write(s);
export const err = (ctx: ProcessContext, s: string) => ctx.stderr.write(s);

export function readText(ctx: ProcessContext, path: string): string | undefined {
  try {
    return ctx.fs.readText(resolvePath(ctx.cwd, path));
  } catch {
    return undefined;
  }
}

/** The distribution of the file system the process sees, from /etc/os-release. */
export function distroOf(ctx: ProcessContext): Distro {
  const osr = readText(ctx, '/etc/os-release') ?? '';
  const code = /^VERSION_CODENAME=(\w+)/m.exec(osr)?.[1];
  if (code === 'noble' || code === 'jammy' || code === 'bookworm') return code;
  if (/VERSION_ID="8"/.test(osr)) return 'jessie';
  return 'bookworm';
}

/** `exec argv`: runs the named program in this same process (same pid), as a shell's exec does. */
export async function execv(ctx: ProcessContext, argv: readonly string[], errPrefix: string): Promise<number> {
  const name = argv[0] ?? '';
  const r = resolveCommand(ctx, name);
  if (r.kind === 'program') return r.program({ ...ctx, argv });
  if (r.kind === 'error') {
    await err(ctx, `${errPrefix}: exec: line 1: ${name}: not found\n`);
    return 127;
  }
  try {
    const p = spawnCommand(ctx, argv);
    return (await ctx.wait(p.exited)).status;
  } catch (e) {
    if (isSysError(e)) {
      await err(ctx, `${errPrefix}: exec: line 1: ${name}: not found\n`);
      return 127;
    }
    throw e;
  }
}

/** Resolves with the first of `signals` delivered to the process (they are trapped from now on). */
export function untilSignal(ctx: ProcessContext, signals: readonly Signal[]): Promise<Signal> {
  return new Promise((resolve) => {
    for (const s of signals) ctx.trap(s, (sig) => resolve(sig));
  });
}

/**
 * Serves HTTP on `port` in the process's network namespace until one of `signals` arrives;
 * resolves with that signal (listening stops). Without a network namespace it only waits.
 */
export async function serve(ctx: ProcessContext, ports: readonly number[], handler: HttpHandler, signals: readonly Signal[], protocols: Readonly<Record<string, MessageHandler>> = {}): Promise<Signal> {
  const stop = untilSignal(ctx, signals);
  // A paused (frozen) server accepts nothing until it is thawed: the request waits.
  const answer: HttpHandler = async (req) => {
    await ctx.process.whenRunning();
    return handler(req);
  };
  const others: Record<string, MessageHandler> = {};
  for (const [name, h] of Object.entries(protocols)) {
    others[name] = async (message, peer) => {
      await ctx.process.whenRunning();
      return h(message, peer);
    };
  }
  const listening = ports.map((p) => {
    try {
      return ctx.ns.net?.listen(p, answer, '0.0.0.0', others);
    } catch {
      return undefined;
    }
  });
  try {
    return await ctx.wait(stop);
  } finally {
    for (const l of listening) l?.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Time formats (UTC: containers have no TZ)

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');
const p3 = (n: number) => String(n).padStart(3, '0');

export function now(ctx: ProcessContext): Date {
  return new Date(ctx.kernel.clock.now());
}

/** `2025/06/29 12:00:00` (nginx error log, Go log). */
export function slashDate(d: Date): string {
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** `29/Jun/2025:12:01:02 +0000` (common log format). */
export function clfDate(d: Date): string {
  return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** `29/Jun/2025 12:01:02` (Python's http.server). */
export function pyLogDate(d: Date): string {
  return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** `29 Jun 2025 12:00:00.123` (redis). */
export function redisDate(d: Date): string {
  return `${p2(d.getUTCDate())} ${MON[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${p3(d.getUTCMilliseconds())}`;
}

/** `2025-06-29 12:00:00.123` (Jupyter, postgres without zone). */
export function isoSpace(d: Date, ms = true): string {
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}${ms ? `.${p3(d.getUTCMilliseconds())}` : ''}`;
}

/** `Sun Jun 29 12:00:00.123456 2025` (Apache). */
export function apacheDate(d: Date): string {
  return `${DAY[d.getUTCDay()]} ${MON[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${p3(d.getUTCMilliseconds())}000 ${d.getUTCFullYear()}`;
}

/** `Sun, 29 Jun 2025 12:00:00 GMT` (HTTP Date header). */
export function httpDate(d: Date): string {
  return `${DAY[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MON[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
}

export function header(req: { headers: ReadonlyArray<readonly [string, string]> }, name: string): string | undefined {
  return req.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

/** The hostname the process sees (the container's short id under docker). */
export function hostnameOf(ctx: ProcessContext): string {
  return ctx.ns.hostname ?? (readText(ctx, '/etc/hostname') ?? '').trim() ?? 'localhost';
}

export function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}
