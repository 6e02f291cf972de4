/**
 * Special files a program may open by name, as Linux gives them: /dev/stdin, /dev/stdout,
 * /dev/stderr, /dev/fd/N and /proc/self/fd/N are the process's own open streams; /dev/null,
 * /dev/zero, /dev/full, /dev/random, /dev/urandom and /dev/tty are character devices (found by
 * their device numbers, so a container's /dev works too). /dev/urandom gives seeded bytes.
 */
import { SysError } from '../../../engine/core/errors';
import { resolvePath } from '../../../engine/fs/path';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ReadStream, WriteStream } from '../../../engine/runtime/streams';

type CharDevice = 'null' | 'zero' | 'full' | 'random' | 'tty';

export type Device = { readonly kind: 'fd'; readonly fd: number } | { readonly kind: CharDevice };

const FD_PATH = /^\/(?:dev\/fd|proc\/self\/fd)\/(\d+)$/;
const STD: Record<string, number> = { '/dev/stdin': 0, '/dev/stdout': 1, '/dev/stderr': 2 };
const CHARDEVS: Record<string, CharDevice> = { '1,3': 'null', '1,5': 'zero', '1,7': 'full', '1,8': 'random', '1,9': 'random', '5,0': 'tty' };

/** The special file at `name` (relative to the cwd), or undefined for an ordinary path. */
export function deviceAt(ctx: Pick<ProcessContext, 'cwd' | 'fs' | 'pid'>, name: string): Device | undefined {
  const p = resolvePath(ctx.cwd, name);
  const std = STD[p];
  if (std !== undefined) return { kind: 'fd', fd: std };
  const m = FD_PATH.exec(p) ?? new RegExp(`^/proc/${ctx.pid}/fd/(\\d+)$`).exec(p);
  if (m) return { kind: 'fd', fd: Number(m[1]) };
  if (!p.startsWith('/dev/')) return undefined;
  const st = ctx.fs.statIfExists ? ctx.fs.statIfExists(p) : ctx.fs.exists(p) ? ctx.fs.stat(p) : undefined;
  if (!st || st.type !== 'chardev' || !st.rdev) return undefined;
  const kind = CHARDEVS[`${st.rdev.major},${st.rdev.minor}`];
  return kind ? { kind } : undefined;
}

const EMPTY: ReadStream = { isTTY: false, read: () => Promise.resolve(null), close: () => {} };

const NULL_WRITER: WriteStream = { isTTY: false, write: () => Promise.resolve(), close: () => {} };

const CHUNK = 4096;

/** Endless bytes: zeros, or a seeded xorshift stream for /dev/urandom. */
function endless(ctx: ProcessContext, random: boolean): ReadStream {
  let s = random ? ctx.kernel.ids.next('dev/urandom') | 1 : 0;
  return {
    isTTY: false,
    read: (cancel) => {
      cancel?.throwIfCancelled();
      const b = new Uint8Array(CHUNK);
      if (random) {
        for (let i = 0; i < CHUNK; i += 4) {
          s ^= s << 13;
          s ^= s >>> 17;
          s ^= s << 5;
          b[i] = s & 0xff;
          b[i + 1] = (s >>> 8) & 0xff;
          b[i + 2] = (s >>> 16) & 0xff;
          b[i + 3] = (s >>> 24) & 0xff;
        }
      }
      return Promise.resolve(b);
    },
    close: () => {},
  };
}

/** A read stream for a device; throws SysError as open(2) would (EBADF, ENXIO). */
export function openDeviceRead(ctx: ProcessContext, dev: Device, path: string): ReadStream {
  switch (dev.kind) {
    case 'fd':
      if (dev.fd === 0) return ctx.stdin;
      if ((dev.fd === 1 || dev.fd === 2) && ctx.tty) return ctx.stdin.isTTY ? ctx.stdin : ctx.tty.slave;
      if (dev.fd === 1 || dev.fd === 2) throw new SysError('EACCES', path, 'open');
      throw new SysError('ENOENT', path, 'open');
    case 'null':
      return EMPTY;
    case 'zero':
    case 'full':
      return endless(ctx, false);
    case 'random':
      return endless(ctx, true);
    case 'tty':
      if (!ctx.tty) throw new SysError('ENXIO', path, 'open');
      return ctx.tty.slave;
  }
}

/** A write stream for a device; throws SysError as open(2) would. */
export function openDeviceWrite(ctx: ProcessContext, dev: Device, path: string): WriteStream {
  switch (dev.kind) {
    case 'fd':
      if (dev.fd === 1) return ctx.stdout;
      if (dev.fd === 2) return ctx.stderr;
      if (dev.fd === 0 && ctx.stdin.isTTY && ctx.tty) return ctx.tty.slave;
      if (dev.fd === 0) throw new SysError('EACCES', path, 'open');
      throw new SysError('ENOENT', path, 'open');
    case 'null':
    case 'zero':
    case 'random':
      return NULL_WRITER;
    case 'full':
      return {
        isTTY: false,
        write: () => Promise.reject(new SysError('ENOSPC', path, 'write')),
        close: () => {},
      };
    case 'tty':
      if (!ctx.tty) throw new SysError('ENXIO', path, 'open');
      return ctx.tty.slave;
  }
}
