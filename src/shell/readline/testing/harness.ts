/** Drives a Readline on a real Pty for tests, recording the screen bytes and a Screen emulator. */
import { Pty } from '../../../engine/runtime/pty';
import { ShellHistory } from '../history';
import { Readline } from '../readline';
import type { CompletionProvider, ReadResult } from '../types';
import { Screen } from './screen';

export interface HarnessOptions {
  cols?: number;
  rows?: number;
  screen?: 'full' | 'plain' | 'none';
  history?: string[];
  completion?: CompletionProvider;
  pty?: Pty;
}

/** Lets the readline loop run until it waits for input again. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 100; i++) await Promise.resolve();
}

export class Harness {
  readonly pty: Pty;
  readonly screen: Screen;
  readonly history: ShellHistory;
  readonly rl: Readline;
  raw = '';
  private mark = 0;

  constructor(o: HarnessOptions = {}) {
    this.pty = o.pty ?? new Pty();
    this.pty.cols = o.cols ?? 80;
    this.pty.rows = o.rows ?? 24;
    this.pty.screen = o.screen ?? 'full';
    this.screen = new Screen(this.pty.cols, this.pty.rows);
    this.pty.onOutput((s) => {
      this.raw += s;
      this.screen.write(s);
    });
    this.history = new ShellHistory();
    for (const h of o.history ?? []) this.history.add(h);
    this.rl = new Readline({ tty: this.pty, history: this.history, completion: o.completion });
  }

  /** Output since the last call. */
  output(): string {
    const s = this.raw.slice(this.mark);
    this.mark = this.raw.length;
    return s;
  }

  /** Starts a read, types each chunk (letting the editor run between them), returns the result. */
  async read(prompt: string, ...chunks: string[]): Promise<ReadResult> {
    let result: ReadResult | undefined;
    let error: unknown;
    const p = this.rl.read(prompt).then(
      (r) => (result = r),
      (e: unknown) => (error = e),
    );
    await settle();
    for (const c of chunks) {
      if (result || error) break;
      this.pty.input(c);
      await settle();
    }
    if (!result && !error) throw new Error('read did not finish');
    await p;
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return result!;
  }

  /** Starts a read and types chunks without finishing it. */
  async start(prompt: string, ...chunks: string[]): Promise<{ done: () => boolean; result: Promise<ReadResult> }> {
    let finished = false;
    const result = this.rl.read(prompt).then((r) => {
      finished = true;
      return r;
    });
    await settle();
    for (const c of chunks) {
      this.pty.input(c);
      await settle();
    }
    return { done: () => finished, result };
  }

  async type(...chunks: string[]): Promise<void> {
    for (const c of chunks) {
      this.pty.input(c);
      await settle();
    }
  }
}

export function line(text: string): ReadResult {
  return { type: 'line', line: text };
}
