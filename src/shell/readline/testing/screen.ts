/**
 * A tiny terminal emulator for tests: enough of xterm to check what a line editor leaves on the
 * screen (auto-wrap with the pending-wrap state, wide characters, CR LF BS BEL, cursor movement
 * CUU CUD CUF CUB CUP, ED, EL). Rows scrolled off the top are kept in `scrollback`.
 */
import { wide } from '../../../engine/runtime/pty';

interface Cell {
  ch: string;
  /** 2: the first half of a wide character; 0: its second half. */
  width: number;
}

export class Screen {
  grid: Cell[][];
  x = 0;
  y = 0;
  /** The cursor is past the last column: the next printable character wraps first. */
  pendingWrap = false;
  readonly scrollback: string[] = [];
  bells = 0;
  private partial = '';

  constructor(
    public cols: number,
    public rows: number,
  ) {
    this.grid = Array.from({ length: rows }, () => this.blankRow());
  }

  private blankRow(): Cell[] {
    return Array.from({ length: this.cols }, () => ({ ch: ' ', width: 1 }));
  }

  private lineFeed(): void {
    if (this.y === this.rows - 1) {
      this.scrollback.push(this.rowText(this.grid.shift()!));
      this.grid.push(this.blankRow());
    } else {
      this.y++;
    }
  }

  private put(ch: string): void {
    const w = wide(ch) ? 2 : 1;
    if (this.pendingWrap || this.x + w > this.cols) {
      if (!this.pendingWrap && this.x < this.cols) {
        // xterm leaves the cell that a wide character skipped empty.
        this.grid[this.y]![this.x] = { ch: ' ', width: 1 };
      }
      this.x = 0;
      this.pendingWrap = false;
      this.lineFeed();
    }
    const row = this.grid[this.y]!;
    row[this.x] = { ch, width: w };
    if (w === 2 && this.x + 1 < this.cols) row[this.x + 1] = { ch: '', width: 0 };
    this.x += w;
    if (this.x >= this.cols) {
      this.x = this.cols - 1;
      this.pendingWrap = true;
    }
  }

  write(data: string): void {
    const s = this.partial + data;
    this.partial = '';
    let i = 0;
    while (i < s.length) {
      const cp = s.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      if (ch === '\x1b') {
        const m = /^\x1b\[([?0-9;]*)([@-~])/.exec(s.slice(i, i + 32));
        if (!m) {
          if (s.length - i < 32 && /^\x1b(\[[?0-9;]*)?$/.test(s.slice(i))) {
            this.partial = s.slice(i);
            return;
          }
          throw new Error(`unsupported escape sequence ${JSON.stringify(s.slice(i, i + 8))}`);
        }
        this.csi(m[1]!, m[2]!);
        i += m[0].length;
        continue;
      }
      i += ch.length;
      if (ch === '\r') {
        this.x = 0;
        this.pendingWrap = false;
      } else if (ch === '\n') {
        this.lineFeed();
        this.pendingWrap = false;
      } else if (ch === '\b') {
        // From the pending-wrap state too, xterm moves left from the last column.
        this.pendingWrap = false;
        if (this.x > 0) this.x--;
      } else if (ch === '\x07') {
        this.bells++;
      } else if (cp < 0x20) {
        throw new Error(`unsupported control character ${cp}`);
      } else if ((cp >= 0x300 && cp <= 0x36f) || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) {
        // Combining: attach to the previous cell.
        const px = this.pendingWrap ? this.x : this.x - 1;
        const cell = this.grid[this.y]![Math.max(0, px)]!;
        cell.ch += ch;
      } else {
        this.put(ch);
      }
    }
  }

  private csi(params: string, final: string): void {
    if (params.startsWith('?')) return;
    const nums = params.split(';').map((p) => (p === '' ? 0 : Number(p)));
    const n = Math.max(1, nums[0] ?? 0);
    switch (final) {
      case 'A':
        this.y = Math.max(0, this.y - n);
        break;
      case 'B':
        this.y = Math.min(this.rows - 1, this.y + n);
        break;
      case 'C':
        this.x = Math.min(this.cols - 1, this.x + n);
        break;
      case 'D':
        this.x = Math.max(0, this.x - n);
        break;
      case 'H':
        this.y = Math.min(this.rows - 1, Math.max(1, nums[0] ?? 1) - 1);
        this.x = Math.min(this.cols - 1, Math.max(1, nums[1] ?? 1) - 1);
        break;
      case 'J': {
        const mode = nums[0] ?? 0;
        if (mode === 2 || mode === 3) {
          this.grid = Array.from({ length: this.rows }, () => this.blankRow());
        } else if (mode === 0) {
          const row = this.grid[this.y]!;
          for (let x = this.x; x < this.cols; x++) row[x] = { ch: ' ', width: 1 };
          for (let y = this.y + 1; y < this.rows; y++) this.grid[y] = this.blankRow();
        }
        break;
      }
      case 'K': {
        const row = this.grid[this.y]!;
        for (let x = this.x; x < this.cols; x++) row[x] = { ch: ' ', width: 1 };
        break;
      }
      case 'm':
        break;
      case '@': {
        // ICH: insert blanks at the cursor.
        const row = this.grid[this.y]!;
        row.splice(this.x, 0, ...Array.from({ length: n }, () => ({ ch: ' ', width: 1 })));
        row.length = this.cols;
        break;
      }
      case 'P': {
        // DCH: delete characters at the cursor.
        const row = this.grid[this.y]!;
        row.splice(this.x, n);
        while (row.length < this.cols) row.push({ ch: ' ', width: 1 });
        break;
      }
      default:
        throw new Error(`unsupported CSI ${params}${final}`);
    }
    this.pendingWrap = false;
  }

  private rowText(row: Cell[]): string {
    return row
      .map((c) => c.ch)
      .join('')
      .replace(/ +$/, '');
  }

  /** The visible rows, trailing blanks removed, trailing empty rows dropped. */
  lines(): string[] {
    const out = this.grid.map((r) => this.rowText(r));
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return out;
  }

  /** Scrollback and visible rows together. */
  allLines(): string[] {
    const out = [...this.scrollback, ...this.grid.map((r) => this.rowText(r))];
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return out;
  }

  get cursor(): { x: number; y: number } {
    return { x: this.x, y: this.y };
  }
}
