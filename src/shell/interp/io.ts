/** The shell's file-descriptor table and the streams its redirections open. */
import type { CancelToken } from '../../engine/core/cancel';
import type { FileSystem } from '../../engine/fs/types';
import { toBytes, type ReadStream, type WriteStream } from '../../engine/runtime/streams';

export interface Fd {
  readonly read?: ReadStream;
  readonly write?: WriteStream;
}

export type FdTable = Map<number, Fd>;

/** Appends each write to a file (opened with `>` or `>>`). */
export class FileWriter implements WriteStream {
  readonly isTTY = false;
  constructor(
    private readonly fs: FileSystem,
    private readonly path: string,
  ) {}
  write(data: Uint8Array | string, cancel?: CancelToken): Promise<void> {
    cancel?.throwIfCancelled();
    const bytes = toBytes(data);
    if (bytes.length > 0) this.fs.writeFile(this.path, bytes, { append: true });
    return Promise.resolve();
  }
  close(): void {}
}

/** /dev/zero */
export const zeroReader: ReadStream = {
  isTTY: false,
  read: (cancel) => {
    cancel?.throwIfCancelled();
    return Promise.resolve(new Uint8Array(4096));
  },
  close: () => {},
};

/** A write stream that forwards to whatever `target()` is at the moment of the write. */
export function forwardWriter(target: () => WriteStream | undefined, isTTY: boolean): WriteStream {
  return {
    isTTY,
    write: (data, cancel) => target()?.write(data, cancel) ?? Promise.resolve(),
    close: () => {},
  };
}
