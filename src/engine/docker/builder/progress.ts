/**
 * Build progress as BuildKit's progressui shows it (moby/buildkit util/progress/progressui): the
 * builder reports vertices (steps), their statuses (sub-rows such as `transferring context: 2B`)
 * and their output; `PlainPrinter` writes the `--progress=plain` text (printer.go) and `TtyPrinter`
 * the view a terminal redraws in place (display.go), both with BuildKit's exact formats.
 */

export interface VertexInfo {
  readonly id: string;
  readonly name: string;
  /** Simulated ms; undefined until the vertex starts. */
  readonly started?: number;
  readonly completed?: number;
  readonly cached?: boolean;
  readonly error?: string;
}

export type ProgressEvent =
  | { readonly kind: 'vertex'; readonly vertex: VertexInfo }
  | {
      readonly kind: 'status';
      readonly vertex: string;
      readonly id: string;
      readonly current?: number;
      readonly total?: number;
      readonly started: number;
      readonly completed?: number;
    }
  | { readonly kind: 'log'; readonly vertex: string; readonly data: string; readonly timestamp: number };

interface StatusState {
  id: string;
  current: number;
  total: number;
  started: number;
  completed?: number;
}

interface VertexState {
  id: string;
  index: number;
  name: string;
  started?: number;
  completed?: number;
  cached: boolean;
  error?: string;
  statuses: StatusState[];
  /** Complete log lines, each `<secs> <text>`. */
  logs: string[];
  partial: string;
  open: boolean;
  partialStamp: number;
  /** Raw output, for the terminal tail under a running step. */
  raw: string;
}

/** tonistiigi/units Bytes formatted with `%.2f`: `245B`, `4.40kB`, `29.75MB`. */
export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n}B` : `${v.toFixed(2)}${units[i]}`;
}

function logStamp(secs: number): string {
  const prec = secs < 10 ? 3 : secs < 100 ? 2 : 1;
  return secs.toFixed(prec);
}

/** What both printers know: vertices in the order they started, their statuses and logs. */
export class Trace {
  readonly byId = new Map<string, VertexState>();
  readonly order: VertexState[] = [];
  startTime: number | undefined;
  private nextIndex = 1;

  update(e: ProgressEvent): VertexState | undefined {
    if (e.kind === 'vertex') {
      let v = this.byId.get(e.vertex.id);
      if (!v) {
        v = { id: e.vertex.id, index: 0, name: e.vertex.name, cached: false, statuses: [], logs: [], partial: '', open: false, partialStamp: 0, raw: '' };
        this.byId.set(v.id, v);
      }
      v.name = e.vertex.name;
      if (e.vertex.started !== undefined && v.started === undefined) {
        v.index = this.nextIndex++;
        this.order.push(v);
        this.startTime ??= e.vertex.started;
      }
      if (e.vertex.started !== undefined) v.started = e.vertex.started;
      if (e.vertex.completed !== undefined) v.completed = e.vertex.completed;
      v.cached = e.vertex.cached ?? v.cached;
      if (e.vertex.error !== undefined) v.error = e.vertex.error;
      return v;
    }
    const v = this.byId.get(e.vertex);
    if (!v) return undefined;
    if (e.kind === 'status') {
      let s = v.statuses.find((x) => x.id === e.id);
      if (!s) {
        s = { id: e.id, current: 0, total: 0, started: e.started };
        v.statuses.push(s);
      }
      s.current = e.current ?? s.current;
      s.total = e.total ?? s.total;
      s.completed = e.completed;
      return v;
    }
    v.raw += e.data;
    const parts = e.data.split('\n');
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      if (last && part === '') return;
      if (i === 0 && v.open) v.partial += part;
      else {
        v.partial = part;
        v.partialStamp = e.timestamp;
      }
      v.open = true;
      if (!last) {
        const secs = (v.partialStamp - (v.started ?? v.partialStamp)) / 1000;
        v.logs.push(`${logStamp(secs)} ${v.partial}`);
        v.partial = '';
        v.open = false;
      }
    });
    return v;
  }

  /** How many vertices are known and how many completed. */
  counts(): { total: number; completed: number } {
    let completed = 0;
    for (const v of this.byId.values()) if (v.completed !== undefined) completed++;
    return { total: this.byId.size, completed };
  }

  /** The `------` blocks of failed steps with their output (printErrorLogs). */
  errorLogs(lastLines?: number): string {
    let out = '';
    for (const v of this.order) {
      if (!v.error || v.error.endsWith('context canceled')) continue;
      out += '------\n';
      out += ` > ${v.name}:\n`;
      const lines = v.open ? [...v.logs, `${logStamp(((v.partialStamp - (v.started ?? 0)) / 1000))} ${v.partial}`] : v.logs;
      for (const l of lastLines !== undefined ? lines.slice(-lastLines) : lines) out += `${l}\n`;
      out += '------\n';
    }
    return out;
  }
}

/** `--progress=plain` (printer.go's textMux), for a build that runs one step at a time. */
export class PlainPrinter {
  readonly trace = new Trace();
  private current: VertexState | undefined;
  private notFirst = false;
  /** Logs already printed per vertex. */
  private printedLogs = new Map<string, number>();

  constructor(private readonly write: (s: string) => void) {}

  private header(v: VertexState): void {
    if (this.current === v) return;
    let out = '';
    if (this.current && this.current.completed === undefined) out += `#${this.current.index} ...\n`;
    out += this.notFirst ? '\n' : '';
    this.notFirst = true;
    out += `#${v.index} ${v.name}\n`;
    this.current = v;
    this.write(out);
  }

  update(e: ProgressEvent): void {
    const before = e.kind === 'vertex' ? this.trace.byId.get(e.vertex.id) : undefined;
    const wasStarted = before?.started !== undefined;
    const wasCompleted = before?.completed !== undefined;
    const v = this.trace.update(e);
    if (!v || v.started === undefined) return;
    if (e.kind === 'vertex') {
      if (!wasStarted || (v.completed !== undefined && !wasCompleted)) this.header(v);
      if (v.completed !== undefined && !wasCompleted) {
        this.flushLogs(v);
        let out = '';
        if (v.error) out += v.error.endsWith('context canceled') ? `#${v.index} CANCELED\n` : `#${v.index} ERROR: ${v.error}\n`;
        else if (v.cached) out += `#${v.index} CACHED\n`;
        else out += `#${v.index} DONE ${((v.completed - v.started) / 1000).toFixed(1)}s\n`;
        this.write(out);
        this.current = undefined;
      }
      return;
    }
    this.header(v);
    if (e.kind === 'status') {
      const s = v.statuses.find((x) => x.id === e.id)!;
      const bytes = s.total !== 0 ? ` ${formatBytes(s.current)} / ${formatBytes(s.total)}` : s.current !== 0 ? ` ${formatBytes(s.current)}` : '';
      if (s.completed === undefined) return;
      const diff = (s.completed - s.started) / 1000;
      // A status that lasted past a display tick (100 ms) was printed when it started, too.
      if (diff >= 0.1) this.write(`#${v.index} ${s.id}${s.total !== 0 ? ` ${formatBytes(0)} / ${formatBytes(s.total)}` : ''}\n`);
      const tm = diff > 0.01 ? ` ${diff.toFixed(1)}s` : '';
      this.write(`#${v.index} ${s.id}${bytes}${tm} done\n`);
      return;
    }
    this.flushLogs(v);
  }

  private flushLogs(v: VertexState): void {
    const from = this.printedLogs.get(v.id) ?? 0;
    let out = '';
    for (const l of v.logs.slice(from)) out += `#${v.index} ${l}\n`;
    this.printedLogs.set(v.id, v.logs.length);
    if (out) this.write(out);
  }

  /** At the end: the failed steps' last output lines. */
  done(): void {
    this.write(this.trace.errorLogs(10));
  }
}

const ESC = '\x1b[';
const HIDE = `${ESC}?25l`;
const SHOW = `${ESC}?25h`;
const RESET = `${ESC}0m`;
const COLOR_RUN = `${ESC}34m`;
const COLOR_ERROR = `${ESC}31m`;
const COLOR_CANCEL = `${ESC}33m`;
const FAINT = `${ESC}2m`;
const TERM_HEIGHT = 6;
const TERM_PAD = 10;

interface Job {
  name: string;
  status: string;
  start: number;
  stop: number | undefined;
  completed: boolean;
  hasError: boolean;
  canceled: boolean;
  vertex?: VertexState;
  showTerm: boolean;
}

/** Go's `%-*s %s`: `l` padded to `w - len(r) - 1`, a space, `r`. */
function align(l: string, r: string, w: number): string {
  return `${l.padEnd(w - r.length - 1)} ${r}`;
}

/** The rows a vt100 of `rows` × `cols` shows after `text` was written to it (trailing spaces kept). */
function termRows(text: string, rows: number, cols: number): string[] {
  const screen: string[] = [];
  let line = '';
  for (const ch of text) {
    if (ch === '\n') {
      screen.push(line);
      line = '';
    } else if (ch === '\r') line = '';
    else {
      if (line.length >= cols) {
        screen.push(line);
        line = '';
      }
      line += ch;
    }
  }
  screen.push(line);
  return screen.slice(-rows).map((l) => l.padEnd(cols));
}

/** The terminal view (display.go's ttyDisplay). */
export class TtyPrinter {
  readonly trace = new Trace();
  private lineCount = 0;
  private repeated = false;

  constructor(
    private readonly write: (s: string) => void,
    private readonly now: () => number,
    private readonly size: () => { cols: number; rows: number },
    /** Right-hand text of the header: `docker:default`. */
    private readonly desc = 'docker:default',
    private readonly phase = 'Building',
  ) {}

  update(e: ProgressEvent): void {
    this.trace.update(e);
  }

  private jobs(now: number): Job[] {
    const jobs: Job[] = [];
    for (const v of this.trace.order) {
      let name = v.name.replace(/\t/g, ' ');
      const canceled = !!v.error && v.error.endsWith('context canceled');
      if (v.error) name = canceled ? `CANCELED ${name}` : `ERROR ${name}`;
      if (v.cached) name = `CACHED ${name}`;
      jobs.push({ name, status: '', start: v.started!, stop: v.completed, completed: v.completed !== undefined, hasError: !!v.error && !canceled, canceled, vertex: v, showTerm: false });
      for (const s of v.statuses) {
        const status = s.total !== 0 ? `${formatBytes(s.current)} / ${formatBytes(s.total)}` : s.current !== 0 ? formatBytes(s.current) : '';
        jobs.push({ name: `=> ${s.id}`, status, start: s.started, stop: s.completed, completed: s.completed !== undefined, hasError: false, canceled: false, showTerm: false });
      }
    }
    void now;
    return jobs;
  }

  /** One frame; `all` for the final one (nothing cut to the screen's height). */
  frame(all: boolean): string {
    const { cols: width, rows: height } = this.size();
    const now = this.now();
    let jobs = this.jobs(now);
    // setupTerminals
    const candidates = jobs.filter((j) => j.vertex && j.vertex.raw.length > 0 && !j.completed);
    const inUse = jobs.filter((j) => !j.completed).length;
    let numFree = height - 2 - inUse;
    let numToHide = 0;
    const termHeight = Math.max(TERM_HEIGHT, Math.min(TERM_HEIGHT, height - TERM_HEIGHT - 1));
    const termLimit = termHeight + 3;
    for (let i = 0; numFree > termLimit && i < candidates.length; i++) {
      candidates[i]!.showTerm = true;
      numToHide += termRows(candidates[i]!.vertex!.raw, termHeight, Math.max(1, width - TERM_PAD)).filter((l) => l.trim() !== '').length;
      numFree -= termLimit;
    }
    if (!all) jobs = wrapHeight(jobs, height - 2 - numToHide);

    let out = '';
    out += `${ESC}1A`.repeat(this.lineCount + 1) + (this.repeated ? '' : `${ESC}1B`) + `${ESC}0G`;
    this.repeated = true;
    out += HIDE;
    const { total, completed } = this.trace.counts();
    const statusStr = completed > 0 && completed === total && all ? 'FINISHED' : '';
    const secs = this.trace.startTime === undefined ? 0 : (now - this.trace.startTime) / 1000;
    let head = `[+] ${this.phase} ${secs.toFixed(1)}s (${completed}/${total}) ${statusStr}`;
    head = this.desc ? align(head, this.desc, width - 1) : align(head, '', width);
    if (head.length > width) head = head.slice(0, width);
    out += `${head}\n`;
    let lineCount = 0;
    for (const j of jobs) {
      let dt = ((j.stop ?? now) - j.start) / 1000;
      if (dt < 0.05) dt = 0;
      const pfx = ' => ';
      const timer = ` ${dt.toFixed(1).padStart(3)}s\n`;
      let showStatus = false;
      let left = width - pfx.length - timer.length - 1;
      if (j.status !== '' && left + j.status.length > 20) {
        showStatus = true;
        left -= j.status.length + 1;
      }
      if (left < 12) continue;
      const name = j.name.length > left ? j.name.slice(0, left) : j.name;
      let row = pfx + name + (showStatus ? ` ${j.status}` : '');
      row = align(row, timer, width);
      if (j.completed) row = `${j.canceled ? COLOR_CANCEL : j.hasError ? COLOR_ERROR : COLOR_RUN}${row}${RESET}`;
      out += row;
      lineCount++;
      if (j.showTerm && j.vertex) {
        for (const l of termRows(j.vertex.raw, termHeight, Math.max(1, width - TERM_PAD))) {
          if (l.trim() === '') continue;
          out += `${FAINT} => => # ${l}\n${RESET}`;
          lineCount++;
        }
      }
    }
    const diff = this.lineCount - lineCount;
    if (diff > 0) {
      for (let i = 0; i < diff; i++) out += `${' '.repeat(width)}\n`;
      out += `${ESC}${diff}A${ESC}0G`;
    }
    this.lineCount = lineCount;
    out += SHOW;
    return out;
  }

  refresh(): void {
    if (this.trace.order.length === 0) return;
    this.write(this.frame(false));
  }

  /** The final frame, then the failed steps' output. */
  done(): void {
    this.write(this.frame(true) + this.trace.errorLogs());
  }
}

function wrapHeight(j: Job[], limit: number): Job[] {
  if (limit < 0) return [];
  let wrapped = [...j];
  if (j.length > limit) {
    wrapped = wrapped.slice(j.length - limit);
    const invisible = j.slice(0, j.length - limit).filter((x) => !x.completed);
    let l = invisible.length;
    if (l > 0) {
      const rewrapped: Job[] = [];
      for (const x of wrapped) {
        if (!x.completed || l <= 0) rewrapped.push(x);
        l--;
      }
      const free = wrapped.length - rewrapped.length;
      wrapped = [...invisible.slice(invisible.length - free), ...rewrapped];
    }
  }
  return wrapped;
}

/**
 * BuildKit's excerpt of the Dockerfile around an error (errdefs Source.Print): the file name and
 * line, dashes, the lines with `>>>` on the failing ones and two lines of context each side (one
 * for a multi-line range), dashes.
 */
export function sourceExcerpt(fileName: string, text: string, start: number, end: number): string {
  const lines = text.split('\n');
  const ctx = start === end ? 2 : 1;
  const from = Math.max(1, start - ctx);
  const to = Math.min(lines.length, end + ctx);
  let out = `${fileName}:${start}\n${'-'.repeat(20)}\n`;
  for (let i = from; i <= to; i++) {
    const mark = i >= start && i <= end ? '>>>' : '   ';
    out += ` ${String(i).padStart(3)} | ${mark} ${lines[i - 1] ?? ''}\n`;
  }
  out += `${'-'.repeat(20)}\n`;
  return out;
}
