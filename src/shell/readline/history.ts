/**
 * The shell's command history, newest last, as bash keeps it with HISTCONTROL=ignoreboth
 * (Debian's default ~/.bashrc): a line starting with a space is not kept, nor a line equal to the
 * one before it. HISTSIZE bounds it. `toText()` / `fromText()` read and write ~/.bash_history.
 */
import type { History } from './types';

export interface HistoryOptions {
  /** HISTSIZE: how many entries are kept (Debian's ~/.bashrc sets 1000). Negative: unlimited. */
  readonly maxSize?: number;
  /** HISTCONTROL's words (ignorespace, ignoredups, ignoreboth, erasedups). Default "ignoreboth". */
  readonly control?: string;
}

export class ShellHistory implements History {
  private list: string[] = [];
  maxSize: number;
  /** HISTCONTROL, e.g. "ignoreboth". */
  control: string;

  constructor(opts: HistoryOptions = {}) {
    this.maxSize = opts.maxSize ?? 1000;
    this.control = opts.control ?? 'ignoreboth';
  }

  get entries(): readonly string[] {
    return this.list;
  }

  get length(): number {
    return this.list.length;
  }

  /** Adds a line as bash does after reading it (the shell decides when). Returns whether it was kept. */
  add(line: string): boolean {
    const text = line.endsWith('\n') ? line.slice(0, -1) : line;
    if (text.trim() === '') return false;
    const words = this.control.split(':');
    const ignoreSpace = words.includes('ignorespace') || words.includes('ignoreboth');
    const ignoreDups = words.includes('ignoredups') || words.includes('ignoreboth');
    if (ignoreSpace && /^[ \t]/.test(text)) return false;
    if (ignoreDups && this.list[this.list.length - 1] === text) return false;
    if (words.includes('erasedups')) this.list = this.list.filter((e) => e !== text);
    this.list.push(text);
    this.trim();
    return true;
  }

  /** `history -c`. */
  clear(): void {
    this.list = [];
  }

  /** `history -d N` (1-based, as `history` numbers them). Returns false when out of range. */
  delete(n: number): boolean {
    if (n < 1 || n > this.list.length) return false;
    this.list.splice(n - 1, 1);
    return true;
  }

  /** Sets HISTSIZE (and drops the oldest entries beyond it). */
  setMaxSize(n: number): void {
    this.maxSize = n;
    this.trim();
  }

  /** ~/.bash_history: one entry a line. */
  toText(): string {
    return this.list.length === 0 ? '' : this.list.join('\n') + '\n';
  }

  /** Loads ~/.bash_history, replacing the entries (timestamp lines `#1700000000` are skipped). */
  fromText(text: string): void {
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    this.list = lines.filter((l) => !/^#\d+$/.test(l)).map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
    this.trim();
  }

  static fromText(text: string, opts?: HistoryOptions): ShellHistory {
    const h = new ShellHistory(opts);
    h.fromText(text);
    return h;
  }

  private trim(): void {
    if (this.maxSize < 0 || this.list.length <= this.maxSize) return;
    // Once HISTSIZE is reached every command drops one entry: shift() does that in place without
    // moving the rest (a copy of the list each time would cost as much as the list is long).
    const excess = this.list.length - this.maxSize;
    if (excess === 1) this.list.shift();
    else this.list.splice(0, excess);
  }
}
