/** Errors used inside the engine. Callers outside the engine never see a throw for bad input. */

/** A POSIX errno-style failure from the file system or the kernel. */
export type Errno =
  | 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOTEMPTY' | 'EACCES' | 'EPERM' | 'EINVAL'
  | 'ELOOP' | 'EROFS' | 'EXDEV' | 'EBADF' | 'EPIPE' | 'ENOEXEC' | 'ENAMETOOLONG' | 'EBUSY'
  | 'EADDRINUSE' | 'ECONNREFUSED' | 'EHOSTUNREACH' | 'ENXIO' | 'ENOSPC';

const MESSAGES: Record<Errno, string> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOTEMPTY: 'Directory not empty',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EINVAL: 'Invalid argument',
  ELOOP: 'Too many levels of symbolic links',
  EROFS: 'Read-only file system',
  EXDEV: 'Invalid cross-device link',
  EBADF: 'Bad file descriptor',
  EPIPE: 'Broken pipe',
  ENOEXEC: 'Exec format error',
  ENAMETOOLONG: 'File name too long',
  EBUSY: 'Device or resource busy',
  EADDRINUSE: 'Address already in use',
  ECONNREFUSED: 'Connection refused',
  EHOSTUNREACH: 'No route to host',
  ENXIO: 'No such device or address',
  ENOSPC: 'No space left on device',
};

export class SysError extends Error {
  constructor(
    readonly code: Errno,
    readonly path?: string,
    readonly syscall?: string,
  ) {
    super(`${code}: ${MESSAGES[code]}${path !== undefined ? `, '${path}'` : ''}`);
    this.name = 'SysError';
  }

  /** The strerror text, as coreutils prints after "name: path: ". */
  get strerror(): string {
    return MESSAGES[this.code];
  }
}

export function strerror(code: Errno): string {
  return MESSAGES[code];
}

export function isSysError(e: unknown, code?: Errno): e is SysError {
  return e instanceof SysError && (code === undefined || e.code === code);
}
