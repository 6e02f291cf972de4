/**
 * GNU readline's emacs mode, on a simulated terminal: the line editor of every shell.
 *
 *   const rl = new Readline({ tty, history, completion, cancel });
 *   const r = await rl.read(prompt); // { type: 'line', line } | { type: 'eof' } | { type: 'interrupt' }
 *
 * While reading, the tty is raw (no canonical mode, echo, signals or CR-to-NL mapping); the previous termios comes
 * back before `read` returns or throws. Input is decoded into keys in bulk (a 1 MB paste is one
 * text run), edits are applied, and the screen is updated once per chunk of input.
 *
 * Typed-ahead input: what was read from the tty but not used by this line (the rest of a paste
 * after its first line) is kept in a WeakMap keyed by the Pty, with the decoder state, and the
 * next `read` on the same tty, by this or any other Readline (a nested shell), uses it first.
 * Programs that read the tty directly (`cat`) do not see it. `pendingInput(tty)` tells whether
 * there is some.
 *
 * The kill ring and the last search string are kept per History (per shell), so they survive from
 * one line to the next even if the shell makes a new Readline for each line.
 */
import type { CancelToken } from '../../engine/core/cancel';
import type { IDisposable } from '../../engine/core/events';
import type { Pty } from '../../engine/runtime/pty';
import { formatMatchList, printablePart, sortMatches } from './complete';
import { KeyDecoder, type Key } from './keys';
import { FullView, NoneView, parsePrompt, PlainView, type Prompt, type View, type ViewState } from './render';
import { backwardBlankWord, backwardWord, forwardWord, longestCommonPrefix, nextChar, prevChar } from './text';
import type { History, ReadlineOptions, ReadResult } from './types';

export { ShellHistory } from './history';
export type { HistoryOptions } from './history';

/** Input read from a tty but not yet used, shared by every Readline on that tty. */
interface TtyInput {
  readonly bytes: TextDecoder;
  readonly keys: KeyDecoder;
  queue: Key[];
  pos: number;
}

const ttyInputs = new WeakMap<Pty, TtyInput>();

function ttyInput(tty: Pty): TtyInput {
  let s = ttyInputs.get(tty);
  if (!s) {
    s = { bytes: new TextDecoder(), keys: new KeyDecoder(), queue: [], pos: 0 };
    ttyInputs.set(tty, s);
  }
  return s;
}

/** Whether keys typed ahead are waiting for the next `read` on this tty. */
export function pendingInput(tty: Pty): boolean {
  const s = ttyInputs.get(tty);
  return !!s && s.pos < s.queue.length;
}

/** Drops typed-ahead input (the shell does after ^C, as the tty driver flushes its queue). */
export function discardPendingInput(tty: Pty): void {
  const s = ttyInputs.get(tty);
  if (s) {
    s.queue = [];
    s.pos = 0;
  }
}

/** State that outlives one line: per shell (keyed by its History). */
interface ShellState {
  killRing: string[];
  lastSearch: string;
}

const shellStates = new WeakMap<History, ShellState>();

const MAX_KILLS = 10;
/** rl_completion_query_items: ask before listing this many matches or more. */
const QUERY_ITEMS = 100;

interface SearchState {
  str: string;
  failed: boolean;
  /** History index of the matched line (entries.length: the line being edited). */
  idx: number;
  pos: number;
  lastFound: string | null;
  readonly startIdx: number;
  readonly startPos: number;
  readonly savedLine: string;
}

type Mode =
  | { kind: 'edit' }
  | { kind: 'search'; s: SearchState }
  | { kind: 'query'; matches: string[]; word: string }
  | { kind: 'pager'; rows: string[]; next: number }
  | { kind: 'quoted' };

export class Readline {
  private readonly tty: Pty;
  private readonly history: History;
  private readonly shell: ShellState;
  private view: View = new NoneView();

  private prompt: Prompt = parsePrompt('');
  /** The text `prompt` was parsed from: the same prompt again is not parsed again. */
  private promptText = '';
  private line = '';
  private cursor = 0;
  private histIndex = 0;
  /** Edited copies of history lines (and of the new line), for this read. */
  private edits = new Map<number, string>();
  private mode: Mode = { kind: 'edit' };
  /** The previous command, for kill appending, yank-pop and a second Tab. */
  private lastCmd = '';
  private thisCmd = '';
  private completionChanged = false;
  private lastYank: { start: number; end: number; index: number } | null = null;

  constructor(private readonly opts: ReadlineOptions) {
    this.tty = opts.tty;
    this.history = opts.history;
    let st = shellStates.get(opts.history);
    if (!st) {
      st = { killRing: [], lastSearch: '' };
      shellStates.set(opts.history, st);
    }
    this.shell = st;
  }

  async read(prompt: string): Promise<ReadResult> {
    const tty = this.tty;
    const saved = { ...tty.termios };
    // As readline does, also no CR-to-NL mapping: Enter arrives as "\r", a pasted "\r\n" stays one line end.
    tty.setTermios({ icanon: false, echo: false, isig: false, icrnl: false });
    const write = (s: string) => {
      if (s) void tty.slave.write(s);
    };
    this.view = tty.screen === 'full' ? new FullView(write, () => tty.cols) : tty.screen === 'plain' ? new PlainView(write) : new NoneView();
    if (prompt !== this.promptText) {
      this.prompt = parsePrompt(prompt);
      this.promptText = prompt;
    }
    this.line = '';
    this.cursor = 0;
    this.histIndex = this.history.entries.length;
    this.edits = new Map();
    this.mode = { kind: 'edit' };
    this.lastCmd = '';
    this.lastYank = null;
    let winch: IDisposable | undefined;
    try {
      this.view.begin(this.state());
      winch = tty.onSignal((e) => {
        if (e.signal === 'SIGWINCH') this.view.render(this.state());
      });
      return await this.loop(this.opts.cancel);
    } finally {
      winch?.dispose();
      tty.setTermios(saved);
    }
  }

  private async loop(cancel: CancelToken | undefined): Promise<ReadResult> {
    const input = ttyInput(this.tty);
    for (;;) {
      if (input.pos >= input.queue.length) {
        input.queue = [];
        input.pos = 0;
        if (this.mode.kind !== 'query' && this.mode.kind !== 'pager') this.view.render(this.state());
        const chunk = await this.tty.slave.read(cancel);
        if (chunk === null) {
          this.view.eof(this.state());
          return { type: 'eof' };
        }
        input.keys.feed(input.bytes.decode(chunk, { stream: true }), input.queue);
        continue;
      }
      const key = input.queue[input.pos++]!;
      let r = this.dispatch(key, input);
      if (r instanceof Promise) r = await r;
      if (r) return r;
    }
  }

  private state(): ViewState {
    if (this.mode.kind === 'search') {
      const s = this.mode.s;
      return {
        prompt: parsePrompt(`(${s.failed ? 'failed ' : ''}reverse-i-search)\`${s.str}': `),
        line: this.searchLine(s.idx),
        cursor: s.pos,
      };
    }
    return { prompt: this.prompt, line: this.line, cursor: this.cursor };
  }

  private bell(): void {
    this.view.bell();
  }

  /** Puts a key back at the front of the tty's queue. */
  private unread(input: TtyInput, key: Key): void {
    if (input.pos > 0) input.queue[--input.pos] = key;
    else input.queue.unshift(key);
  }

  private dispatch(key: Key, input: TtyInput): ReadResult | undefined | Promise<ReadResult | undefined> {
    switch (this.mode.kind) {
      case 'search':
        return this.searchKey(this.mode.s, key, input);
      case 'query':
      case 'pager':
        if (key.kind === 'key' && key.name === 'C-c') {
          // The tty's ^C: the listing and the line are abandoned.
          this.mode = { kind: 'edit' };
          return this.interrupt();
        }
        return this.mode.kind === 'query' ? this.queryKey(this.mode.matches, key) : this.pagerKey(key);
      case 'quoted':
        this.mode = { kind: 'edit' };
        if (key.kind === 'key') this.insert(key.raw);
        else this.insert(key.text);
        return undefined;
    }
    this.thisCmd = '';
    const r = this.editKey(key, input);
    this.lastCmd = this.thisCmd;
    return r;
  }

  // ---- editing ----

  private insert(text: string): void {
    if (!text) return;
    this.line = this.line.slice(0, this.cursor) + text + this.line.slice(this.cursor);
    this.cursor += text.length;
  }

  private kill(from: number, to: number, backward: boolean): void {
    if (from >= to) {
      this.thisCmd = 'kill';
      if (this.lastCmd === 'kill') return;
      return;
    }
    const text = this.line.slice(from, to);
    const ring = this.shell.killRing;
    if (this.lastCmd === 'kill' && ring.length > 0) {
      const top = ring[ring.length - 1]!;
      ring[ring.length - 1] = backward ? text + top : top + text;
    } else {
      ring.push(text);
      if (ring.length > MAX_KILLS) ring.shift();
    }
    this.line = this.line.slice(0, from) + this.line.slice(to);
    this.cursor = from;
    this.thisCmd = 'kill';
  }

  private setLine(text: string, cursor = text.length): void {
    this.line = text;
    this.cursor = cursor;
  }

  private historyLine(i: number): string {
    return this.edits.get(i) ?? (i >= this.history.entries.length ? '' : this.history.entries[i]!);
  }

  private gotoHistory(i: number): void {
    this.edits.set(this.histIndex, this.line);
    this.histIndex = i;
    this.setLine(this.historyLine(i));
  }

  private accept(): ReadResult {
    const line = this.line;
    this.view.accept(this.state());
    return { type: 'line', line };
  }

  private interrupt(): ReadResult {
    this.view.interrupt(this.state());
    return { type: 'interrupt' };
  }

  private editKey(key: Key, input: TtyInput): ReadResult | undefined | Promise<ReadResult | undefined> {
    if (key.kind === 'text') {
      this.insert(key.text);
      return undefined;
    }
    if (key.kind === 'paste') {
      const m = /\r\n|\r|\n/.exec(key.text);
      if (!m) {
        this.insert(key.text);
        return undefined;
      }
      this.insert(key.text.slice(0, m.index));
      const rest = key.text.slice(m.index + m[0].length);
      if (rest) this.unread(input, { kind: 'paste', text: rest });
      return this.accept();
    }
    const line = this.line;
    const c = this.cursor;
    switch (key.name) {
      case 'Enter':
        return this.accept();
      case 'C-c':
        return this.interrupt();
      case 'C-d':
        if (line.length === 0) {
          this.view.eof(this.state());
          return { type: 'eof' };
        }
        if (c >= line.length) this.bell();
        else this.line = line.slice(0, c) + line.slice(nextChar(line, c));
        return undefined;
      case 'Delete':
        if (c >= line.length) this.bell();
        else this.line = line.slice(0, c) + line.slice(nextChar(line, c));
        return undefined;
      case 'Backspace':
      case 'C-h':
        if (c === 0) this.bell();
        else {
          const p = prevChar(line, c);
          this.line = line.slice(0, p) + line.slice(c);
          this.cursor = p;
        }
        return undefined;
      case 'C-a':
      case 'Home':
        this.cursor = 0;
        return undefined;
      case 'C-e':
      case 'End':
        this.cursor = line.length;
        return undefined;
      case 'C-b':
      case 'Left':
        if (c === 0) this.bell();
        else this.cursor = prevChar(line, c);
        return undefined;
      case 'C-f':
      case 'Right':
        if (c >= line.length) this.bell();
        else this.cursor = nextChar(line, c);
        return undefined;
      case 'M-b':
      case 'C-Left':
      case 'M-Left':
        this.cursor = backwardWord(line, c);
        return undefined;
      case 'M-f':
      case 'C-Right':
      case 'M-Right':
        this.cursor = forwardWord(line, c);
        return undefined;
      case 'C-u':
        this.kill(0, c, true);
        return undefined;
      case 'C-k':
        this.kill(c, line.length, false);
        return undefined;
      case 'C-w':
        this.kill(backwardBlankWord(line, c), c, true);
        return undefined;
      case 'M-Backspace':
        this.kill(backwardWord(line, c), c, true);
        return undefined;
      case 'M-d':
        this.kill(c, forwardWord(line, c), false);
        return undefined;
      case 'C-y':
        return this.yank();
      case 'M-y':
        return this.yankPop();
      case 'C-t':
        return this.transpose();
      case 'C-l':
        this.view.clearScreen(this.state());
        return undefined;
      case 'Up':
      case 'C-p':
        if (this.histIndex === 0) this.bell();
        else this.gotoHistory(this.histIndex - 1);
        return undefined;
      case 'Down':
      case 'C-n':
        if (this.histIndex < this.history.entries.length) this.gotoHistory(this.histIndex + 1);
        return undefined;
      case 'M-<':
        if (this.histIndex > 0) this.gotoHistory(0);
        return undefined;
      case 'M->':
        if (this.histIndex < this.history.entries.length) this.gotoHistory(this.history.entries.length);
        return undefined;
      case 'C-r':
        this.startSearch();
        return undefined;
      case 'Tab':
        return this.complete();
      case 'C-g':
        this.bell();
        return undefined;
      case 'C-v':
        this.mode = { kind: 'quoted' };
        return undefined;
      default:
        return undefined;
    }
  }

  private yank(): undefined {
    const ring = this.shell.killRing;
    const text = ring[ring.length - 1];
    if (text === undefined) {
      this.bell();
      return undefined;
    }
    const start = this.cursor;
    this.insert(text);
    this.lastYank = { start, end: this.cursor, index: ring.length - 1 };
    this.thisCmd = 'yank';
    return undefined;
  }

  private yankPop(): undefined {
    const ring = this.shell.killRing;
    const y = this.lastYank;
    if (this.lastCmd !== 'yank' || !y || ring.length === 0) {
      this.bell();
      return undefined;
    }
    const index = (y.index - 1 + ring.length) % ring.length;
    const text = ring[index]!;
    this.line = this.line.slice(0, y.start) + text + this.line.slice(y.end);
    this.cursor = y.start + text.length;
    this.lastYank = { start: y.start, end: this.cursor, index };
    this.thisCmd = 'yank';
    return undefined;
  }

  /** transpose-chars: at the end of the line, the two characters before the cursor. */
  private transpose(): undefined {
    const line = this.line;
    let c = this.cursor;
    if (c === 0 || nextChar(line, 0) >= line.length) {
      this.bell();
      return undefined;
    }
    if (c >= line.length) c = prevChar(line, c);
    const a = prevChar(line, c);
    const b = nextChar(line, c);
    this.line = line.slice(0, a) + line.slice(c, b) + line.slice(a, c) + line.slice(b);
    this.cursor = b;
    return undefined;
  }

  // ---- incremental search ----

  private searchLine(i: number): string {
    return this.historyLine(i);
  }

  private startSearch(): void {
    this.edits.set(this.histIndex, this.line);
    this.mode = {
      kind: 'search',
      s: { str: '', failed: false, idx: this.histIndex, pos: this.cursor, lastFound: null, startIdx: this.histIndex, startPos: this.cursor, savedLine: this.line },
    };
  }

  /** Searches back from (idx, pos) for s.str; `again` skips the current match. */
  private searchFrom(s: SearchState, again: boolean): void {
    const str = s.str;
    let idx = s.idx;
    let from = again ? s.pos - 1 : s.pos;
    for (;;) {
      const text = this.searchLine(idx);
      if (from >= 0 && (s.lastFound === null || !again || idx === s.idx || text !== s.lastFound)) {
        const at = text.lastIndexOf(str, from);
        if (at >= 0 && str.length <= text.length) {
          s.idx = idx;
          s.pos = at;
          s.failed = false;
          s.lastFound = text;
          return;
        }
      }
      idx--;
      if (idx < 0) {
        s.failed = true;
        this.bell();
        return;
      }
      from = Infinity;
    }
  }

  private endSearch(s: SearchState): void {
    this.mode = { kind: 'edit' };
    this.shell.lastSearch = s.str || this.shell.lastSearch;
    this.histIndex = s.idx;
    this.line = this.searchLine(s.idx);
    this.cursor = s.pos;
  }

  private searchKey(s: SearchState, key: Key, input: TtyInput): ReadResult | undefined | Promise<ReadResult | undefined> {
    if (key.kind === 'text' || key.kind === 'paste') {
      for (const ch of key.text) {
        s.str += ch;
        if (!s.failed) this.searchFrom(s, false);
        else this.bell();
      }
      return undefined;
    }
    switch (key.name) {
      case 'C-r':
        if (s.str === '') {
          if (this.shell.lastSearch === '') return undefined;
          s.str = this.shell.lastSearch;
          this.searchFrom(s, false);
          return undefined;
        }
        if (s.failed) {
          this.bell();
          return undefined;
        }
        this.searchFrom(s, true);
        return undefined;
      case 'Backspace':
      case 'C-h': {
        if (s.str === '') {
          this.bell();
          return undefined;
        }
        const str = [...s.str].slice(0, -1).join('');
        s.str = str;
        s.idx = s.startIdx;
        s.pos = s.startPos;
        s.failed = false;
        s.lastFound = null;
        if (str) this.searchFrom(s, false);
        else {
          s.idx = s.startIdx;
          s.pos = s.startPos;
        }
        return undefined;
      }
      case 'C-g':
        this.mode = { kind: 'edit' };
        this.histIndex = s.startIdx;
        this.line = s.savedLine;
        this.cursor = s.startPos;
        return undefined;
      case 'C-c':
        return this.interrupt();
      case 'Enter':
        this.endSearch(s);
        return this.accept();
      case 'Escape':
        this.endSearch(s);
        return undefined;
    }
    this.endSearch(s);
    if (key.name.startsWith('M-') && key.raw.length === 2 && key.name !== 'M-Left' && key.name !== 'M-Right') {
      // ESC ends the search; the key typed after it then acts normally.
      const keys: Key[] = [];
      new KeyDecoder().feed(key.raw.slice(1), keys);
      for (let i = keys.length - 1; i >= 0; i--) this.unread(input, keys[i]!);
      return undefined;
    }
    this.unread(input, key);
    return undefined;
  }

  // ---- completion ----

  private async complete(): Promise<undefined> {
    const provider = this.opts.completion;
    this.thisCmd = 'complete';
    if (!provider) {
      this.bell();
      return undefined;
    }
    const before = this.line;
    const wasComplete = this.lastCmd === 'complete' && !this.completionChanged;
    const result = await provider.complete(this.line, this.cursor);
    const start = Math.max(0, Math.min(result.start, this.cursor));
    const word = this.line.slice(start, this.cursor);
    const matches = sortMatches(result.candidates);
    this.completionChanged = false;
    if (matches.length === 0) {
      this.bell();
      return undefined;
    }
    if (matches.length === 1) {
      const m = matches[0]!;
      this.line = this.line.slice(0, start) + m + this.line.slice(this.cursor);
      this.cursor = start + m.length;
      if (result.appendSpace !== false && !m.endsWith('/')) {
        if (this.line[this.cursor] === ' ') this.cursor++;
        else this.insert(' ');
      }
      this.completionChanged = this.line !== before;
      return undefined;
    }
    if (wasComplete) {
      this.listMatches(matches, word);
      return undefined;
    }
    const lcp = longestCommonPrefix(matches);
    if (lcp.length > word.length || (lcp.length === word.length && lcp !== word)) {
      this.line = this.line.slice(0, start) + lcp + this.line.slice(this.cursor);
      this.cursor = start + lcp.length;
    }
    this.completionChanged = this.line !== before;
    this.bell();
    return undefined;
  }

  private listMatches(matches: string[], word: string): void {
    if (matches.length >= QUERY_ITEMS) {
      this.view.printBelow(this.state(), `Display all ${matches.length} possibilities? (y or n)`);
      this.mode = { kind: 'query', matches, word };
      return;
    }
    this.showList(matches, word, false);
  }

  private showList(matches: string[], word: string, afterQuery: boolean): void {
    const names = matches.map((m) => printablePart(m, word));
    const rows = formatMatchList(names, Math.max(1, this.tty.cols));
    const pageRows = Math.max(1, this.tty.rows - 1);
    if (rows.length > pageRows) {
      const first = rows.slice(0, pageRows);
      this.print(first.map((r) => r + '\r\n').join('') + '--More--', afterQuery);
      this.mode = { kind: 'pager', rows, next: pageRows };
      return;
    }
    this.print(rows.map((r) => r + '\r\n').join(''), afterQuery);
    this.view.redrawBelow(this.state());
  }

  private print(text: string, afterQuery: boolean): void {
    if (afterQuery) void this.tty.slave.write(this.tty.screen === 'full' ? '\r\n' + text : '');
    else this.view.printBelow(this.state(), text);
  }

  private queryKey(matches: string[], key: Key): undefined {
    const ch = key.kind === 'text' ? key.text[0] : key.kind === 'key' ? key.name : '';
    if (ch === 'y' || ch === 'Y' || ch === ' ') {
      const word = this.mode.kind === 'query' ? this.mode.word : '';
      this.mode = { kind: 'edit' };
      this.showList(matches, word, true);
    } else if (ch === 'n' || ch === 'N' || ch === 'Backspace') {
      this.mode = { kind: 'edit' };
      if (this.tty.screen === 'full') void this.tty.slave.write('\r\n');
      this.view.redrawBelow(this.state());
    } else if (ch === 'C-g') {
      this.mode = { kind: 'edit' };
      if (this.tty.screen === 'full') void this.tty.slave.write('\r\n');
      this.view.redrawBelow(this.state());
    } else {
      this.bell();
    }
    return undefined;
  }

  private pagerKey(key: Key): undefined {
    if (this.mode.kind !== 'pager') return undefined;
    const { rows, next } = this.mode;
    const ch = key.kind === 'text' ? key.text[0] : key.kind === 'key' ? key.name : '';
    const full = this.tty.screen === 'full';
    const write = (s: string) => {
      if (full) void this.tty.slave.write(s);
    };
    let count: number;
    if (ch === 'y' || ch === 'Y' || ch === ' ') count = Math.max(1, this.tty.rows - 1);
    else if (ch === 'Enter') count = 1;
    else if (ch === 'n' || ch === 'N' || ch === 'q' || ch === 'Q' || ch === 'Backspace' || ch === 'C-g') {
      this.view.eraseRow();
      this.mode = { kind: 'edit' };
      this.view.redrawBelow(this.state());
      return undefined;
    } else {
      this.bell();
      return undefined;
    }
    this.view.eraseRow();
    const page = rows.slice(next, next + count);
    write(page.map((r) => r + '\r\n').join(''));
    if (next + count < rows.length) {
      write('--More--');
      this.mode = { kind: 'pager', rows, next: next + count };
    } else {
      this.mode = { kind: 'edit' };
      this.view.redrawBelow(this.state());
    }
    return undefined;
  }
}
