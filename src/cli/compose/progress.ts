/**
 * Compose's progress display (docker/compose v2.38.2 pkg/progress): in a terminal the
 * `[+] Running 2/2` block redrawn in place every 100 ms (tty.go: spinner, status column padded to
 * the longest `ID Text`, timers right-aligned to the terminal's width, aec colours); otherwise plain
 * lines as `fmt.Fprintln(out, prefix, ID, Text, StatusText)` prints them (plain.go); or nothing
 * (quiet). Events come from the engine at virtual times; the timers are virtual time.
 */

export type EventStatus = 'working' | 'done' | 'warning' | 'error';

export interface ProgressEvent {
  readonly id: string;
  readonly status: EventStatus;
  readonly statusText: string;
  readonly text?: string;
  readonly parentId?: string;
}

export type ProgressMode = 'tty' | 'plain' | 'quiet';

const ESC = '\x1b[';
const color = (code: string) => (s: string) => `${ESC}${code}m${s}${ESC}0m`;
export const colors = {
  done: color('34'),
  timer: color('34'),
  count: color('33'),
  warning: (s: string) => `${ESC}33m${ESC}1m${s}${ESC}0m`,
  success: color('32'),
  error: (s: string) => `${ESC}31m${ESC}1m${s}${ESC}0m`,
};

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

interface EventState {
  id: string;
  parentId?: string;
  text: string;
  status: EventStatus;
  statusText: string;
  start: number;
  end?: number;
  spinnerIndex: number;
  spinnerTime: number;
  spinnerStopped: boolean;
}

/** Length of a string as a terminal shows it, escape sequences left out (lenAnsi). */
function lenAnsi(s: string): number {
  return [...s.replace(/\x1b\[[0-9;]*m/g, '')].length;
}

export interface ProgressDeps {
  readonly write: (s: string) => void;
  readonly now: () => number;
  readonly size: () => { cols: number; rows: number };
}

export class ProgressWriter {
  private readonly events = new Map<string, EventState>();
  private readonly order: string[] = [];
  private numLines = 0;
  private repeated = false;
  private readonly tail: string[] = [];

  constructor(
    readonly mode: ProgressMode,
    private readonly deps: ProgressDeps,
    private readonly title = 'Running',
  ) {}

  event(e: ProgressEvent): void {
    if (this.mode === 'quiet') return;
    if (this.mode === 'plain') {
      // fmt.Fprintln(p.out, prefix, e.ID, e.Text, e.StatusText): operands separated by spaces.
      this.deps.write(` ${e.id} ${e.text ?? ''} ${e.statusText}\n`);
      return;
    }
    const now = this.deps.now();
    const last = this.events.get(e.id);
    if (!this.order.includes(e.id)) this.order.push(e.id);
    if (last) {
      if (e.status === 'done' || e.status === 'error' || e.status === 'warning') {
        if (last.status !== e.status) {
          last.end = now;
          last.spinnerStopped = true;
        }
      } else last.spinnerStopped = false;
      last.status = e.status;
      last.text = e.text ?? '';
      last.statusText = e.statusText;
      if (last.parentId === undefined || e.parentId === undefined) last.parentId = e.parentId;
    } else {
      const st: EventState = { id: e.id, text: e.text ?? '', status: e.status, statusText: e.statusText, start: now, spinnerIndex: 0, spinnerTime: now, spinnerStopped: false };
      if (e.parentId !== undefined) st.parentId = e.parentId;
      if (e.status === 'done' || e.status === 'error') {
        st.end = now;
        st.spinnerStopped = true;
      }
      this.events.set(e.id, st);
    }
  }

  /** TailMsgf: a line printed after the block (or at once in plain mode). */
  tailMsg(msg: string): void {
    if (this.mode === 'plain') this.deps.write(`${msg}\n`);
    else if (this.mode === 'tty') this.tail.push(msg);
  }

  private spinner(e: EventState): string {
    if (e.spinnerStopped) return '⠿';
    const now = this.deps.now();
    if (now - e.spinnerTime > 100) e.spinnerIndex = (e.spinnerIndex + 1) % SPINNER.length;
    return SPINNER[e.spinnerIndex]!;
  }

  /** One frame (ttyWriter.print). */
  print(): void {
    if (this.mode !== 'tty' || this.order.length === 0) return;
    const { cols: width, rows: height } = this.deps.size();
    let b = `${ESC}1A`.repeat(this.numLines + 1);
    if (!this.repeated) b += `${ESC}1B`;
    this.repeated = true;
    let out = `${b}${ESC}0G${ESC}?25l`;
    const all = this.order.map((id) => this.events.get(id)!);
    const done = all.filter((e) => e.status !== 'working').length;
    let first = `[+] ${this.title} ${done}/${all.length}`;
    if (this.numLines !== 0 && done === this.numLines) first = colors.done(first);
    out += `${first}\n`;
    let statusPadding = 0;
    for (const e of all) {
      const l = `${e.id} ${e.text}`.length;
      if (statusPadding < l) statusPadding = l;
      if (e.parentId !== undefined) statusPadding -= 2;
    }
    const skipChildren = all.length > height - 2;
    let numLines = 0;
    for (const e of all) {
      if (e.parentId !== undefined) continue;
      out += this.lineText(e, '', width, statusPadding);
      numLines++;
      for (const c of all) {
        if (c.parentId !== e.id || skipChildren) continue;
        out += this.lineText(c, '  ', width, statusPadding);
        numLines++;
      }
    }
    for (let i = numLines; i < this.numLines; i++) {
      if (numLines < height - 2) {
        out += `${' '.repeat(width)}\n`;
        numLines++;
      }
    }
    this.numLines = numLines;
    out += `${ESC}?25h`;
    this.deps.write(out);
  }

  private lineText(e: EventState, pad: string, width: number, statusPadding: number): string {
    const end = e.status === 'working' ? this.deps.now() : (e.end ?? e.start);
    const elapsed = (end - e.start) / 1000;
    const txt = `${e.id} ${e.text}`;
    const padding = Math.max(0, statusPadding - txt.length);
    const maxStatusLen = width - txt.length - statusPadding - 15;
    let status = e.statusText;
    if (maxStatusLen > 0 && status.length > maxStatusLen) status = `${status.slice(0, maxStatusLen)}...`;
    const mark =
      e.status === 'done' ? colors.success('✔') : e.status === 'warning' ? colors.warning('!') : e.status === 'error' ? colors.error('✘') : colors.count(this.spinner(e));
    const colored = e.status === 'done' ? colors.success(status) : e.status === 'warning' ? colors.warning(status) : e.status === 'error' ? colors.error(status) : status;
    const left = `${pad} ${mark} ${txt}${' '.repeat(padding)} ${colored}`;
    const right = colors.timer(`${elapsed.toFixed(1)}s `);
    const count = width - lenAnsi(left) - lenAnsi(right);
    return `${left}${count > 0 ? ' '.repeat(count) : ''}${right}\n`;
  }

  /** The last frame and the tail messages (Stop). */
  finish(): void {
    if (this.mode !== 'tty') return;
    this.print();
    for (const m of this.tail) this.deps.write(`${m}\n`);
    this.tail.length = 0;
  }
}
