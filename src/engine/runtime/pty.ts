/**
 * A pseudo-terminal. The master side belongs to whoever shows the screen (xterm.js in the page,
 * stdout in `npm run sim`): it sends typed keys with `input()` and receives screen bytes from
 * `onOutput`. The slave side is the controlling terminal of the processes: they read and write it
 * through a line discipline (canonical or raw, echo on or off, signals from ^C ^\ ^Z).
 */
import type { CancelToken } from '../core/cancel';
import { Emitter } from '../core/events';
import type { Signal } from './signals';
import { toBytes, type ReadStream, type WriteStream } from './streams';

export interface Termios {
  /** Canonical mode: input is delivered a line at a time, with erase and kill. */
  icanon: boolean;
  echo: boolean;
  /** ^C, ^\ and ^Z send signals to the foreground process group. */
  isig: boolean;
  /** Output "\n" becomes "\r\n". */
  onlcr: boolean;
  /** Input "\r" becomes "\n". */
  icrnl: boolean;
}

export const COOKED: Termios = { icanon: true, echo: true, isig: true, onlcr: true, icrnl: true };

const encoder = new TextEncoder();

export class Pty {
  termios: Termios = { ...COOKED };
  cols = 80;
  rows = 24;
  /** The process group that may read the terminal and receives ^C. */
  foregroundPgid = 0;
  /**
   * What kind of screen is attached. 'full': an xterm (line editors redraw with escape sequences).
   * 'plain': a transcript that shows prompts and typed lines but no redraws (`npm run sim --echo`).
   * 'none': a transcript of output only: no prompts, no echo of typed input (`npm run sim`).
   */
  screen: 'full' | 'plain' | 'none' = 'full';

  private readonly onOutputEmitter = new Emitter<string>();
  /** What the screen shows, as text with escape sequences. */
  readonly onOutput = this.onOutputEmitter.event;
  private readonly onSignalEmitter = new Emitter<{ pgid: number; signal: Signal }>();
  /** The kernel listens and delivers the signal to the group. */
  readonly onSignal = this.onSignalEmitter.event;
  private readonly onReadWaitEmitter = new Emitter<boolean>();
  /** Fires true when a reader starts waiting for input with none buffered, false when it gets some. */
  readonly onReadWait = this.onReadWaitEmitter.event;

  /** Completed input waiting for readers (in canonical mode, whole lines and EOF marks). */
  private queue: Array<Uint8Array | 'eof'> = [];
  /** The line being edited in canonical mode. */
  private lineBuf = '';
  private readonly waiters = new Set<() => void>();
  private readonly outDecoder = new TextDecoder();
  private readWaiting = 0;

  readonly slave: ReadStream & WriteStream;

  constructor(readonly name = '/dev/pts/0') {
    this.slave = {
      isTTY: true,
      read: (cancel?: CancelToken) => this.read(cancel),
      write: (data: Uint8Array | string) => {
        this.output(toBytes(data));
        return Promise.resolve();
      },
      close: () => {},
    };
  }

  /** Keys typed at the terminal. */
  input(data: string): void {
    if (!this.termios.icanon) {
      let out = data;
      if (this.termios.isig) {
        for (const ch of data) {
          const sig = this.signalFor(ch);
          if (sig) {
            this.flush();
            this.onSignalEmitter.fire({ pgid: this.foregroundPgid, signal: sig });
            return;
          }
        }
      }
      if (this.termios.icrnl) out = out.replace(/\r/g, '\n');
      if (this.termios.echo) this.echo(out);
      this.push(encoder.encode(out));
      return;
    }
    for (const raw of data) {
      const ch = this.termios.icrnl && raw === '\r' ? '\n' : raw;
      const sig = this.termios.isig ? this.signalFor(ch) : undefined;
      if (sig) {
        // ECHOCTL: the character shows as ^C; the newline after it is the shell's to print.
        if (this.termios.echo) this.echo(ch === '\x03' ? '^C' : ch === '\x1c' ? '^\\' : '^Z');
        this.flush();
        this.onSignalEmitter.fire({ pgid: this.foregroundPgid, signal: sig });
        continue;
      }
      if (ch === '\x7f' || ch === '\b') {
        if (this.lineBuf.length > 0) {
          const chars = [...this.lineBuf];
          const last = chars.pop()!;
          this.lineBuf = chars.join('');
          if (this.termios.echo) this.echo(wide(last) ? '\b\b  \b\b' : '\b \b');
        }
      } else if (ch === '\x15') {
        if (this.termios.echo) for (const c of this.lineBuf) this.echo(wide(c) ? '\b\b  \b\b' : '\b \b');
        this.lineBuf = '';
      } else if (ch === '\x04') {
        if (this.lineBuf.length > 0) {
          this.push(encoder.encode(this.lineBuf));
          this.lineBuf = '';
        } else {
          this.push('eof');
        }
      } else if (ch === '\n') {
        if (this.termios.echo) this.echo('\n');
        this.push(encoder.encode(this.lineBuf + '\n'));
        this.lineBuf = '';
      } else {
        if (this.termios.echo) this.echo(ch);
        this.lineBuf += ch;
      }
    }
  }

  setTermios(t: Partial<Termios>): void {
    const wasCanon = this.termios.icanon;
    this.termios = { ...this.termios, ...t };
    if (wasCanon && !this.termios.icanon && this.lineBuf) {
      this.push(encoder.encode(this.lineBuf));
      this.lineBuf = '';
    }
  }

  resize(cols: number, rows: number): void {
    if (cols === this.cols && rows === this.rows) return;
    this.cols = cols;
    this.rows = rows;
    this.onSignalEmitter.fire({ pgid: this.foregroundPgid, signal: 'SIGWINCH' });
  }

  /** Whether some process is blocked reading with nothing buffered (the terminal is "waiting for you"). */
  get isWaitingForInput(): boolean {
    return this.readWaiting > 0 && this.queue.length === 0;
  }

  /** Discards pending input (after a signal, as the tty driver does without NOFLSH). */
  flush(): void {
    this.queue = [];
    this.lineBuf = '';
  }

  private signalFor(ch: string): Signal | undefined {
    if (ch === '\x03') return 'SIGINT';
    if (ch === '\x1c') return 'SIGQUIT';
    if (ch === '\x1a') return 'SIGTSTP';
    return undefined;
  }

  private echo(s: string): void {
    if (this.screen === 'none') return;
    this.output(encoder.encode(s.replace(/[\x00-\x08\x0b-\x1f]/g, (c) => (c === '\r' ? c : `^${String.fromCharCode(c.charCodeAt(0) + 64)}`))));
  }

  private push(item: Uint8Array | 'eof'): void {
    this.queue.push(item);
    const w = [...this.waiters];
    this.waiters.clear();
    for (const f of w) f();
  }

  private async read(cancel?: CancelToken): Promise<Uint8Array | null> {
    for (;;) {
      cancel?.throwIfCancelled();
      const item = this.queue.shift();
      if (item === 'eof') return null;
      if (item !== undefined) return item;
      this.readWaiting++;
      if (this.readWaiting === 1) this.onReadWaitEmitter.fire(true);
      try {
        await new Promise<void>((resolve, reject) => {
          const wake = () => {
            sub?.dispose();
            resolve();
          };
          this.waiters.add(wake);
          const sub = cancel?.onCancel((reason) => {
            this.waiters.delete(wake);
            reject(reason instanceof Error ? reason : new Error(String(reason)));
          });
        });
      } finally {
        this.readWaiting--;
        if (this.readWaiting === 0) this.onReadWaitEmitter.fire(false);
      }
    }
  }

  private output(bytes: Uint8Array): void {
    let text = this.outDecoder.decode(bytes, { stream: true });
    if (this.termios.onlcr) text = text.replace(/\r?\n/g, '\r\n');
    if (text) this.onOutputEmitter.fire(text);
  }
}

/** East Asian wide characters take two cells. */
export function wide(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Display width of a string in terminal cells (escape sequences not counted). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b) continue;
    w += wide(ch) ? 2 : 1;
  }
  return w;
}
