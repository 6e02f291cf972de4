/**
 * Byte streams between processes. A reader gets chunks until null (end of file); a writer's
 * write rejects with EPIPE once nobody reads. Every blocking call takes a CancelToken, which the
 * kernel binds to the calling process, so a signalled process stops waiting at once.
 */
import type { CancelToken} from '../core/cancel';
import { withCancel } from '../core/cancel';
import { SysError } from '../core/errors';

export interface ReadStream {
  /** The next chunk, or null at end of file. */
  read(cancel?: CancelToken): Promise<Uint8Array | null>;
  readonly isTTY: boolean;
  /** The reader is done: writers get EPIPE. */
  close(): void;
}

export interface WriteStream {
  write(data: Uint8Array | string, cancel?: CancelToken): Promise<void>;
  readonly isTTY: boolean;
  close(): void;
}

const encoder = new TextEncoder();
export function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? encoder.encode(data) : data;
}

export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** A waiter queue whose entries can be removed when their caller is cancelled. */
class Waiters {
  private list: Array<() => void> = [];
  wait(cancel: CancelToken | undefined): Promise<void> {
    let entry: (() => void) | undefined;
    const p = new Promise<void>((resolve) => {
      entry = resolve;
      this.list.push(resolve);
    });
    return withCancel(p, cancel, () => {
      this.list = this.list.filter((w) => w !== entry);
    });
  }
  wakeAll(): void {
    const l = this.list;
    this.list = [];
    for (const w of l) w();
  }
}

export const PIPE_CAPACITY = 65536;

/** An anonymous pipe: `reader` and `writer` ends, a bounded buffer between them. */
export class Pipe {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private writerClosed = false;
  private readerClosed = false;
  private readonly readable = new Waiters();
  private readonly writable = new Waiters();

  readonly reader: ReadStream;
  readonly writer: WriteStream;

  constructor(readonly capacity = PIPE_CAPACITY) {
    this.reader = {
      isTTY: false,
      read: (cancel) => this.read(cancel),
      close: () => {
        this.readerClosed = true;
        this.chunks = [];
        this.buffered = 0;
        this.writable.wakeAll();
      },
    };
    this.writer = {
      isTTY: false,
      write: (data, cancel) => this.write(toBytes(data), cancel),
      close: () => {
        this.writerClosed = true;
        this.readable.wakeAll();
      },
    };
  }

  private async read(cancel?: CancelToken): Promise<Uint8Array | null> {
    for (;;) {
      cancel?.throwIfCancelled();
      if (this.chunks.length > 0) {
        const chunk = concatBytes(this.chunks);
        this.chunks = [];
        this.buffered = 0;
        this.writable.wakeAll();
        return chunk;
      }
      if (this.writerClosed || this.readerClosed) return null;
      await this.readable.wait(cancel);
    }
  }

  private async write(data: Uint8Array, cancel?: CancelToken): Promise<void> {
    let offset = 0;
    while (offset < data.length || data.length === 0) {
      cancel?.throwIfCancelled();
      if (this.readerClosed) throw new SysError('EPIPE', undefined, 'write');
      if (data.length === 0) return;
      const room = this.capacity - this.buffered;
      if (room <= 0) {
        await this.writable.wait(cancel);
        continue;
      }
      const part = data.subarray(offset, offset + room);
      this.chunks.push(part.slice());
      this.buffered += part.length;
      offset += part.length;
      this.readable.wakeAll();
    }
  }
}

/** A reader over fixed bytes (a file, a here-document, a here-string). */
export function bytesReader(data: Uint8Array | string): ReadStream {
  let pending: Uint8Array | null = toBytes(data);
  return {
    isTTY: false,
    read: (cancel) => {
      cancel?.throwIfCancelled();
      const out = pending && pending.length > 0 ? pending : null;
      pending = null;
      return Promise.resolve(out);
    },
    close: () => {
      pending = null;
    },
  };
}

/** A reader that is always at end of file (/dev/null, a closed stdin). */
export const nullReader: ReadStream = {
  isTTY: false,
  read: () => Promise.resolve(null),
  close: () => {},
};

/** A writer that keeps nothing (/dev/null). */
export const nullWriter: WriteStream = {
  isTTY: false,
  write: () => Promise.resolve(),
  close: () => {},
};

/** A writer that collects what is written, for tests, checks and `$(...)`. */
export class CollectingWriter implements WriteStream {
  readonly isTTY = false;
  private chunks: Uint8Array[] = [];
  constructor(private readonly onWrite?: (data: Uint8Array) => void) {}
  write(data: Uint8Array | string, cancel?: CancelToken): Promise<void> {
    cancel?.throwIfCancelled();
    const bytes = toBytes(data);
    this.chunks.push(bytes);
    this.onWrite?.(bytes);
    return Promise.resolve();
  }
  close(): void {}
  bytes(): Uint8Array {
    return concatBytes(this.chunks);
  }
  text(): string {
    return new TextDecoder().decode(this.bytes());
  }
}

/** Reads a stream to its end. */
export async function readAll(stream: ReadStream, cancel?: CancelToken): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (;;) {
    const c = await stream.read(cancel);
    if (c === null) break;
    chunks.push(c);
  }
  return concatBytes(chunks);
}

/**
 * Splits a stream into lines as they arrive (for `grep` on a pipe, `head`, `read`). Each line
 * comes without its "\n"; `last` tells whether the final line ended without a newline.
 */
export class LineReader {
  private buf = '';
  private done = false;
  private readonly decoder = new TextDecoder();
  constructor(private readonly stream: ReadStream) {}

  async next(cancel?: CancelToken): Promise<{ line: string; newline: boolean } | null> {
    for (;;) {
      const nl = this.buf.indexOf('\n');
      if (nl >= 0) {
        const line = this.buf.slice(0, nl);
        this.buf = this.buf.slice(nl + 1);
        return { line, newline: true };
      }
      if (this.done) {
        if (this.buf.length === 0) return null;
        const line = this.buf;
        this.buf = '';
        return { line, newline: false };
      }
      const chunk = await this.stream.read(cancel);
      if (chunk === null) {
        this.buf += this.decoder.decode();
        this.done = true;
      } else {
        this.buf += this.decoder.decode(chunk, { stream: true });
      }
    }
  }
}
