/**
 * Drawing the prompt and the edited line on the three kinds of screen.
 *
 * `FullView` keeps what it last drew (prompt, line, cursor, terminal width) and updates the
 * screen with relative cursor movement: it rewrites only from the first changed character (or
 * only the changed middle when the rest keeps its place), clears what is left of a longer old
 * line, and moves the cursor. Lines wrap at `tty.cols`; a wide character that does not fit in the
 * last column goes to the next row (the column is padded with a space, as readline does); text
 * that ends exactly at the right margin is followed by " \r" so the cursor sits at the start of
 * the next row. Tabs show as spaces to the next multiple of 8, other control characters as ^X.
 *
 * `PlainView` (transcripts that show prompts and typed lines) prints the prompt once without
 * escape sequences and the final line on Enter. `NoneView` prints nothing.
 */
import { displayWidth, wide } from '../../engine/runtime/pty';
import { isZeroWidth } from './text';

export interface Unit {
  readonly text: string;
  readonly width: number;
}

export interface Prompt {
  /** Lines of the prompt before its last line, with their "\n" (printed once, and on a forced redraw). */
  readonly prefix: string;
  /** The last line, as display units: invisible sequences are units of width 0. */
  readonly units: readonly Unit[];
  /** A key identifying the last line, to tell whether the prompt changed. */
  readonly key: string;
  /** All visible text with invisible parts and escape sequences removed (for transcripts). */
  readonly plain: string;
}

const ESCAPE_SEQ = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|[@-Z\\-_])/y;

/**
 * Parses a prompt as readline does: text between "\x01" and "\x02" (bash's `\[` `\]`) is
 * printed but takes no room. Escape sequences outside the markers are treated as invisible too.
 */
export function parsePrompt(prompt: string): Prompt {
  const lastNl = prompt.lastIndexOf('\n');
  const prefixRaw = lastNl >= 0 ? prompt.slice(0, lastNl + 1) : '';
  const lastRaw = lastNl >= 0 ? prompt.slice(lastNl + 1) : prompt;
  const units: Unit[] = [];
  let i = 0;
  while (i < lastRaw.length) {
    const c = lastRaw[i]!;
    if (c === '\x01') {
      const end = lastRaw.indexOf('\x02', i + 1);
      const stop = end < 0 ? lastRaw.length : end;
      const text = lastRaw.slice(i + 1, stop);
      if (text) units.push({ text, width: 0 });
      i = end < 0 ? lastRaw.length : end + 1;
      continue;
    }
    if (c === '\x02') {
      i++;
      continue;
    }
    if (c === '\x1b') {
      ESCAPE_SEQ.lastIndex = i;
      const m = ESCAPE_SEQ.exec(lastRaw);
      if (m) {
        units.push({ text: m[0], width: 0 });
        i += m[0].length;
        continue;
      }
    }
    const cp = lastRaw.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    units.push({ text: ch, width: cp < 0x20 || cp === 0x7f ? 0 : displayWidth(ch) });
    i += ch.length;
  }
  const prefix = prefixRaw.replace(/[\x01\x02]/g, '');
  return { prefix, units, key: lastRaw, plain: visibleText(prompt) };
}

/** The visible text of a prompt: no \x01...\x02 parts, no escape sequences. */
export function visibleText(prompt: string): string {
  return prompt
    .replace(/\x01[^\x02]*\x02?/g, '')
    .replace(/\x02/g, '')
    .replace(new RegExp(ESCAPE_SEQ.source, 'g'), '');
}

/** A place on the screen relative to the start of the prompt's last line. */
export interface Pos {
  row: number;
  /** 0..cols; `cols` means "past the margin, before the wrap happens". */
  col: number;
  /** Virtual column: cells from the origin, ignoring wrapping (for tab stops). */
  v: number;
}

const ORIGIN: Pos = { row: 0, col: 0, v: 0 };

/** How one character of the line is shown at virtual column v. */
function lineUnitText(ch: string, cp: number, v: number): Unit {
  if (cp === 0x09) {
    const w = 8 - (v % 8);
    return { text: ' '.repeat(w), width: w };
  }
  if (cp < 0x20) return { text: '^' + String.fromCharCode(cp + 0x40), width: 2 };
  if (cp === 0x7f) return { text: '^?', width: 2 };
  if (isZeroWidth(cp)) return { text: ch, width: 0 };
  return { text: ch, width: wide(ch) ? 2 : 1 };
}

/**
 * Walks units, tracking the screen position; collects what to write when `out` is given.
 * Returns the position after the last unit (possibly col === cols: pending wrap).
 */
class Walker {
  out: string[] | null = null;
  constructor(
    public pos: Pos,
    readonly cols: number,
  ) {}

  /** Where a unit of width w starts (after wrapping). */
  place(u: Unit): void {
    const w = u.width;
    let { row, col } = this.pos;
    if (w === 0) {
      this.out?.push(u.text);
      return;
    }
    if (col >= this.cols) {
      row++;
      col = 0;
    }
    if (col + w > this.cols && col > 0) {
      // A wide character that does not fit: pad the row; the terminal wraps.
      this.out?.push(' '.repeat(this.cols - col));
      row++;
      col = 0;
    }
    this.out?.push(u.text);
    this.pos = { row, col: col + w, v: this.pos.v + w };
  }

  /** The start position of the next unit of width w (without moving). */
  startOf(w: number): Pos {
    let { row, col } = this.pos;
    if (col >= this.cols) {
      row++;
      col = 0;
    }
    if (w > 1 && col + w > this.cols && col > 0) {
      row++;
      col = 0;
    }
    return { row, col, v: this.pos.v };
  }

  units(us: readonly Unit[]): void {
    for (const u of us) this.place(u);
  }

  /** Walks line[from, to). */
  line(s: string, from: number, to: number): void {
    let i = from;
    while (i < to) {
      const c0 = s.charCodeAt(i);
      if (c0 >= 0x20 && c0 < 0x7f) {
        // A run of ASCII: placed row by row, not character by character (large pastes).
        let j = i + 1;
        while (j < to) {
          const c = s.charCodeAt(j);
          if (c < 0x20 || c >= 0x7f) break;
          j++;
        }
        // A combining mark after the run belongs to its last character: leave that one out.
        if (j < to && isZeroWidth(s.codePointAt(j)!)) j--;
        let { row, col, v } = this.pos;
        while (i < j) {
          if (col >= this.cols) {
            row++;
            col = 0;
          }
          const n = Math.min(j - i, this.cols - col);
          this.out?.push(s.slice(i, i + n));
          col += n;
          v += n;
          i += n;
        }
        this.pos = { row, col, v };
        if (i >= to) break;
      }
      const cp = s.codePointAt(i)!;
      const ch = cp > 0xffff ? s.slice(i, i + 2) : s[i]!;
      this.place(lineUnitText(ch, cp, this.pos.v));
      i += ch.length;
    }
  }

  /** Position where the cursor shows when it is before line[i] (walker is at i). */
  cursorHere(s: string, i: number): Pos {
    if (i >= s.length) return normalize(this.pos, this.cols);
    const cp = s.codePointAt(i)!;
    const ch = cp > 0xffff ? s.slice(i, i + 2) : s[i]!;
    return this.startOf(lineUnitText(ch, cp, this.pos.v).width);
  }
}

function normalize(p: Pos, cols: number): Pos {
  return p.col >= cols ? { row: p.row + 1, col: 0, v: p.v } : p;
}

function before(a: Pos, b: Pos): boolean {
  return a.row < b.row || (a.row === b.row && a.col < b.col);
}

/** Escape sequences moving the cursor from `from` to `to`. */
export function moveCursor(from: Pos, to: Pos, cols: number): string {
  let s = '';
  const fromCol = Math.min(from.col, cols - 1);
  if (to.row < from.row) s += to.row === from.row - 1 ? '\x1b[A' : `\x1b[${from.row - to.row}A`;
  else if (to.row > from.row) s += to.row === from.row + 1 ? '\x1b[B' : `\x1b[${to.row - from.row}B`;
  if (to.col === 0) {
    if (fromCol !== 0 || from.col !== to.col) s += '\r';
  } else if (to.col < fromCol) {
    s += fromCol - to.col === 1 ? '\b' : `\x1b[${fromCol - to.col}D`;
  } else if (to.col > fromCol) {
    s += to.col - fromCol === 1 ? '\x1b[C' : `\x1b[${to.col - fromCol}C`;
  }
  return s;
}

/** What the editor shows: the prompt's last line, the line, the cursor. */
export interface ViewState {
  readonly prompt: Prompt;
  readonly line: string;
  readonly cursor: number;
}

export interface View {
  /** Prints the prompt (all its lines) at the start of a read. */
  begin(state: ViewState): void;
  /** Brings the screen up to date. */
  render(state: ViewState): void;
  /** Rings the bell. */
  bell(): void;
  /** Ctrl-L: clears the screen and draws the prompt and line again. */
  clearScreen(state: ViewState): void;
  /** Writes text on the lines below the edited line (completion listings, questions). */
  printBelow(state: ViewState, text: string): void;
  /** After `printBelow` text that ends without a newline, draw prompt and line on a new row. */
  redrawBelow(state: ViewState): void;
  /** Erases the current row (after "--More--"). */
  eraseRow(): void;
  /** The line was accepted: show it, then end the row. */
  accept(state: ViewState): void;
  /** ^C: "^C" and a new row. */
  interrupt(state: ViewState): void;
  /** ^D on an empty line. */
  eof(state: ViewState): void;
}

interface Drawn {
  promptKey: string;
  promptUnits: readonly Unit[];
  line: string;
  cursor: number;
  /** Where the terminal's cursor is. */
  cursorPos: Pos;
  /** End of the drawn text, normalized. */
  endPos: Pos;
  /** Position after the prompt. */
  lineStart: Pos;
  cols: number;
}

export class FullView implements View {
  private drawn: Drawn | null = null;

  constructor(
    private readonly write: (s: string) => void,
    private readonly cols: () => number,
  ) {}

  begin(state: ViewState): void {
    this.write(state.prompt.prefix);
    this.drawFresh(state, '');
  }

  bell(): void {
    this.write('\x07');
  }

  /** Draws prompt and line from the origin, where `lead` brings the terminal's cursor. */
  private drawFresh(state: ViewState, lead: string, oldEnd?: Pos): void {
    const cols = Math.max(1, this.cols());
    const w = new Walker(ORIGIN, cols);
    w.out = [lead];
    w.units(state.prompt.units);
    const lineStart = normalize(w.pos, cols);
    w.line(state.line, 0, state.line.length);
    let end = w.pos;
    if (end.col >= cols) {
      w.out.push(' \r');
      end = normalize(end, cols);
    }
    if (oldEnd && before(end, oldEnd)) w.out.push(oldEnd.row > end.row ? '\x1b[J' : '\x1b[K');
    const cursorPos = state.cursor >= state.line.length ? end : this.posAt(state.line, state.cursor, lineStart, cols);
    w.out.push(moveCursor(end, cursorPos, cols));
    this.write(w.out.join(''));
    this.drawn = {
      promptKey: state.prompt.key,
      promptUnits: state.prompt.units,
      line: state.line,
      cursor: state.cursor,
      cursorPos,
      endPos: end,
      lineStart,
      cols,
    };
  }

  render(state: ViewState): void {
    const d = this.drawn;
    if (!d) {
      this.drawFresh(state, '');
      return;
    }
    const cols = Math.max(1, this.cols());
    if (cols !== d.cols) {
      // The terminal reflowed the wrapped rows (xterm.js does): find the cursor's row anew.
      const w = new Walker(ORIGIN, cols);
      w.units(d.promptUnits);
      w.line(d.line, 0, d.cursor);
      const cur = w.cursorHere(d.line, d.cursor);
      const lead = (cur.row > 0 ? moveCursor({ row: cur.row, col: 0, v: 0 }, { row: 0, col: 0, v: 0 }, cols) : '') + '\r\x1b[J';
      this.drawFresh(state, lead);
      return;
    }
    if (state.prompt.key !== d.promptKey) {
      const lead = moveCursor(d.cursorPos, { row: 0, col: 0, v: 0 }, cols);
      this.drawFresh(state, lead, d.endPos);
      return;
    }
    if (state.line === d.line) {
      if (state.cursor !== d.cursor) {
        const target = this.posAt(state.line, state.cursor, d.lineStart, cols);
        this.write(moveCursor(d.cursorPos, target, cols));
        d.cursor = state.cursor;
        d.cursorPos = target;
      }
      return;
    }
    const oldLine = d.line;
    const newLine = state.line;
    let p = 0;
    const max = Math.min(oldLine.length, newLine.length);
    while (p < max && oldLine.charCodeAt(p) === newLine.charCodeAt(p)) p++;
    // Back to a character boundary (a surrogate pair or a combining sequence is drawn whole).
    while (p > 0 && ((p < newLine.length && isContinuation(newLine, p)) || (p < oldLine.length && isContinuation(oldLine, p)))) p--;
    let startPos: Pos;
    if (p === oldLine.length) {
      startPos = d.endPos;
    } else {
      const w = new Walker(d.lineStart, cols);
      w.line(newLine, 0, p);
      startPos = normalize(w.pos, cols);
    }
    const out: string[] = [moveCursor(d.cursorPos, startPos, cols)];
    // Common suffix: when the changed middle ends where the old one did, the rest stays.
    let s = 0;
    const maxS = Math.min(oldLine.length - p, newLine.length - p);
    while (s < maxS && oldLine.charCodeAt(oldLine.length - 1 - s) === newLine.charCodeAt(newLine.length - 1 - s)) s++;
    while (s > 0 && isContinuation(newLine, newLine.length - s)) s--;
    if (s > 0 && !newLine.slice(newLine.length - s).includes('\t')) {
      const wo = new Walker(startPos, cols);
      wo.line(oldLine, p, oldLine.length - s);
      const wn = new Walker(startPos, cols);
      wn.out = [];
      wn.line(newLine, p, newLine.length - s);
      if (wo.pos.row === wn.pos.row && wo.pos.col === wn.pos.col) {
        out.push(wn.out.join(''));
        const cursorPos = state.cursor === newLine.length ? d.endPos : this.posAt(newLine, state.cursor, d.lineStart, cols);
        out.push(moveCursor(wn.pos, cursorPos, cols));
        this.write(out.join(''));
        d.line = newLine;
        d.cursor = state.cursor;
        d.cursorPos = cursorPos;
        return;
      }
    }
    const wr = new Walker(startPos, cols);
    wr.out = out;
    wr.line(newLine, p, newLine.length);
    let end = wr.pos;
    if (end.col >= cols) {
      out.push(' \r');
      end = normalize(end, cols);
    }
    if (before(end, d.endPos)) out.push(d.endPos.row > end.row ? '\x1b[J' : '\x1b[K');
    const cursorPos = state.cursor === newLine.length ? end : this.posAt(newLine, state.cursor, d.lineStart, cols);
    out.push(moveCursor(end, cursorPos, cols));
    this.write(out.join(''));
    d.line = newLine;
    d.cursor = state.cursor;
    d.cursorPos = cursorPos;
    d.endPos = end;
  }

  private posAt(line: string, i: number, lineStart: Pos, cols: number): Pos {
    const w = new Walker(lineStart, cols);
    w.line(line, 0, i);
    return w.cursorHere(line, i);
  }

  clearScreen(state: ViewState): void {
    this.write('\x1b[H\x1b[2J' + state.prompt.prefix);
    this.drawFresh(state, '');
  }

  /** Moves the cursor to the start of the row below the edited line. */
  private toBelow(): string {
    const d = this.drawn;
    if (!d) return '\r\n';
    const down = d.endPos.row - d.cursorPos.row;
    return (down > 0 ? (down === 1 ? '\x1b[B' : `\x1b[${down}B`) : '') + '\r\n';
  }

  printBelow(state: ViewState, text: string): void {
    this.render(state);
    this.write(this.toBelow() + text);
    this.drawn = null;
  }

  redrawBelow(state: ViewState): void {
    this.write(state.prompt.prefix);
    this.drawFresh(state, '');
  }

  eraseRow(): void {
    this.write('\r\x1b[K\r');
  }

  accept(state: ViewState): void {
    this.render(state);
    this.write(this.toBelow());
    this.drawn = null;
  }

  interrupt(state: ViewState): void {
    if (!this.drawn) {
      // At a question below the line ("Display all ...", "--More--").
      this.write('^C\r\n');
      return;
    }
    this.render(state);
    const d = this.drawn;
    // "^C" is written over the line at the cursor, as the tty echoes it; then below the line.
    const w = new Walker(d.cursorPos, Math.max(1, this.cols()));
    w.place({ text: '^', width: 1 });
    w.place({ text: 'C', width: 1 });
    const down = d.endPos.row - w.pos.row;
    this.write('^C' + (down > 0 ? (down === 1 ? '\x1b[B' : `\x1b[${down}B`) : '') + '\r\n');
    this.drawn = null;
  }

  eof(state: ViewState): void {
    this.render(state);
    this.drawn = null;
  }
}

function isContinuation(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c >= 0xdc00 && c <= 0xdfff) return true;
  const cp = s.codePointAt(i)!;
  return isZeroWidth(cp);
}

/** Transcripts of output only: the editor shows nothing. */
export class NoneView implements View {
  begin(_state: ViewState): void {}
  render(): void {}
  bell(): void {}
  clearScreen(): void {}
  printBelow(): void {}
  redrawBelow(): void {}
  eraseRow(): void {}
  accept(_state: ViewState): void {}
  interrupt(_state: ViewState): void {}
  eof(): void {}
}

/** Transcripts with prompts: the prompt once, the final line on Enter, no redraws. */
export class PlainView extends NoneView {
  constructor(private readonly write: (s: string) => void) {
    super();
  }
  override begin(state: ViewState): void {
    this.write(state.prompt.plain);
  }
  override accept(state: ViewState): void {
    this.write(state.line + '\n');
  }
  override interrupt(state: ViewState): void {
    this.write(state.line + '^C\n');
  }
}
