/** Reading inputs and writing outputs the way every text tool needs. */
import type { CancelToken } from '../../../engine/core/cancel';
import { isSysError, SysError } from '../../../engine/core/errors';
import { resolvePath } from '../../../engine/fs/path';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import { bytesReader, readAll, type ReadStream, type WriteStream } from '../../../engine/runtime/streams';
import { deviceAt, openDeviceRead, openDeviceWrite } from './devices';

export const encoder = new TextEncoder();
export const decoder = new TextDecoder();

export function abs(ctx: Pick<ProcessContext, 'cwd'>, p: string): string {
  return resolvePath(ctx.cwd, p);
}

/** The strerror text of a failure (file system errors), or its message. */
export function errText(e: unknown): string {
  if (e instanceof SysError) return e.strerror;
  return e instanceof Error ? e.message : String(e);
}

/** Writes "prog: message\n" to stderr. */
export async function warn(ctx: ProcessContext, prog: string, message: string): Promise<void> {
  await ctx.stderr.write(`${prog}: ${message}\n`);
}

/**
 * Opens an input operand: "-" is stdin; a directory fails with EISDIR; otherwise the file's bytes.
 * Throws SysError.
 */
export function openInput(ctx: ProcessContext, name: string): ReadStream {
  if (name === '-') return ctx.stdin;
  const dev = deviceAt(ctx, name);
  if (dev) return openDeviceRead(ctx, dev, resolvePath(ctx.cwd, name));
  return bytesReader(readRegular(ctx, name));
}

/**
 * Opens an output file operand (`tee FILE`): a device gives its stream (/dev/stderr is this
 * process's stderr); a regular file is created or truncated (or appended to) and written through.
 * Throws SysError.
 */
export function openOutput(ctx: ProcessContext, name: string, append = false): WriteStream {
  const p = resolvePath(ctx.cwd, name);
  const dev = deviceAt(ctx, name);
  if (dev) return openDeviceWrite(ctx, dev, p);
  if (!append || !ctx.fs.exists(p)) ctx.fs.writeFile(p, '');
  else ctx.fs.writeFile(p, '', { append: true });
  const fs = ctx.fs;
  return {
    isTTY: false,
    write: (data) => {
      if (data.length > 0) fs.writeFile(p, data, { append: true });
      return Promise.resolve();
    },
    close: () => {},
  };
}

/** Reads a file operand (relative to cwd); a directory is EISDIR. Throws SysError. */
export function readRegular(ctx: Pick<ProcessContext, 'cwd' | 'fs'>, name: string): Uint8Array {
  const p = resolvePath(ctx.cwd, name);
  const st = ctx.fs.stat(p);
  if (st.type === 'dir') throw new SysError('EISDIR', p, 'read');
  return ctx.fs.readFile(p);
}

export function isErrno(e: unknown, code: SysError['code']): boolean {
  return isSysError(e, code);
}

/**
 * Output buffered in memory and written in larger pieces. Call `flush()` before anything that
 * may block (the `Lines` reader does it for you) and at the end.
 */
export class Out {
  private parts: Array<string | Uint8Array> = [];
  private size = 0;
  constructor(private readonly w: WriteStream) {}

  write(s: string | Uint8Array): void {
    this.parts.push(s);
    this.size += s.length;
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const parts = this.parts;
    this.parts = [];
    this.size = 0;
    if (parts.every((p) => typeof p === 'string')) {
      await this.w.write(parts.join(''));
    } else {
      for (const p of parts) await this.w.write(p);
    }
  }

  /** Flushes when a good amount is buffered. */
  async maybeFlush(): Promise<void> {
    if (this.size >= 8192) await this.flush();
  }
}

/**
 * Lines of a stream as they arrive. Before blocking on a read it calls `beforeBlock` (flush the
 * output there, so a pipeline streams). Each line comes without its "\n".
 */
export class Lines {
  private buf = '';
  private pos = 0;
  private done = false;
  private readonly dec = new TextDecoder();
  constructor(
    private readonly stream: ReadStream,
    private readonly beforeBlock?: () => Promise<void>,
    private readonly cancel?: CancelToken,
    /** Line terminator ("\n", or "\0" for -z / -0). */
    private readonly sep = '\n',
  ) {}

  async next(): Promise<{ line: string; newline: boolean } | null> {
    for (;;) {
      const nl = this.buf.indexOf(this.sep, this.pos);
      if (nl >= 0) {
        const line = this.buf.slice(this.pos, nl);
        this.pos = nl + 1;
        return { line, newline: true };
      }
      if (this.done) {
        if (this.pos >= this.buf.length) return null;
        const line = this.buf.slice(this.pos);
        this.buf = '';
        this.pos = 0;
        return { line, newline: false };
      }
      this.buf = this.buf.slice(this.pos);
      this.pos = 0;
      if (this.beforeBlock) await this.beforeBlock();
      const chunk = await this.stream.read(this.cancel);
      if (chunk === null) {
        this.buf += this.dec.decode();
        this.done = true;
      } else {
        this.buf += this.dec.decode(chunk, { stream: true });
      }
    }
  }
}

/** Reads a whole stream as UTF-8 text. */
export async function readAllText(stream: ReadStream): Promise<string> {
  return decoder.decode(await readAll(stream));
}

/** Whether stdout is a terminal. */
export function isTty(ctx: ProcessContext): boolean {
  return ctx.stdout.isTTY;
}

/** Terminal width for column layouts: $COLUMNS, else the tty's, else 80. */
export function termCols(ctx: ProcessContext): number {
  const c = Number(ctx.env.get('COLUMNS'));
  if (Number.isInteger(c) && c > 0) return c;
  return ctx.stdout.isTTY && ctx.tty ? ctx.tty.cols : 80;
}

const stdinLines = new WeakMap<ProcessContext, Lines>();

/** Asks a yes/no question on stderr and reads the answer from stdin (`rm -i`, `cp -i`). */
export async function ask(ctx: ProcessContext, prompt: string): Promise<boolean> {
  await ctx.stderr.write(prompt);
  let lines = stdinLines.get(ctx);
  if (!lines) {
    lines = new Lines(ctx.stdin);
    stdinLines.set(ctx, lines);
  }
  const r = await lines.next();
  return r !== null && /^[yY]/.test(r.line);
}

/** GNU's "regular file", "regular empty file", "directory", "symbolic link" words. */
export function fileKind(st: { type: string; size: number }): string {
  switch (st.type) {
    case 'dir': return 'directory';
    case 'symlink': return 'symbolic link';
    case 'chardev': return 'character special file';
    default: return st.size === 0 ? 'regular empty file' : 'regular file';
  }
}
