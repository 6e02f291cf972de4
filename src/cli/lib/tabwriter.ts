/**
 * Go's `text/tabwriter`, as docker (`cli/command/formatter/formatter.go`: minwidth 10, tabwidth 1,
 * padding 3, padchar ' ') and kubectl (`cli-runtime pkg/printers/tabwriter.go`: minwidth 6, tabwidth 4,
 * padding 3, padchar ' ', the liggitt/tabwriter fork with RememberWidths) use it.
 *
 * Semantics follow Go exactly: cells are tab-terminated, so the text after a line's last tab does not
 * take part in alignment; a column block is a run of consecutive lines that have a cell in that column;
 * its width is max(minwidth, widest cell + padding); a line without tabs ends the block (Go flushes
 * there); widths count runes (UTF-8 code points), not display cells, so East Asian wide characters
 * misalign exactly as they do with the real tools.
 */

export const FilterHTML = 1;
export const StripEscape = 2;
export const AlignRight = 4;
export const DiscardEmptyColumns = 8;
export const TabIndent = 16;
export const Debug = 32;
/** liggitt/tabwriter: column widths never shrink across flushes (kubectl). */
export const RememberWidths = 64;

export interface TabWriterOptions {
  minwidth: number;
  tabwidth: number;
  padding: number;
  padchar: string;
  flags: number;
}

/** Docker's table writer settings (formatter.go: `tabwriter.NewWriter(output, 10, 1, 3, ' ', 0)`). */
export const DOCKER_TABWRITER: TabWriterOptions = { minwidth: 10, tabwidth: 1, padding: 3, padchar: ' ', flags: 0 };
/** kubectl's table writer settings (`GetNewTabWriter`: 6, 4, 3, ' ', RememberWidths). */
export const KUBECTL_TABWRITER: TabWriterOptions = { minwidth: 6, tabwidth: 4, padding: 3, padchar: ' ', flags: RememberWidths };

interface Cell {
  text: string;
  width: number; // in runes
  htab: boolean; // terminated by '\t' (vs '\v')
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export class TabWriter {
  private readonly opts: TabWriterOptions;
  private lines: Cell[][] = [[]];
  private cell = '';
  private widths: number[] = [];
  private maxwidths: number[] = [];
  private out = '';

  constructor(opts: TabWriterOptions, private readonly sink?: (s: string) => void) {
    this.opts = { ...opts };
    if (this.opts.flags & (FilterHTML | StripEscape)) this.opts.flags &= ~(FilterHTML | StripEscape); // not used by the tools
  }

  private emit(s: string): void {
    if (this.sink) this.sink(s);
    else this.out += s;
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1] ?? [];
    line.push({ text: this.cell, width: runeCount(this.cell), htab });
    this.cell = '';
    return line.length;
  }

  write(text: string): this {
    for (const ch of text) {
      if (ch === '\t' || ch === '\v') {
        this.terminateCell(ch === '\t');
      } else if (ch === '\n' || ch === '\f') {
        const ncells = this.terminateCell(false);
        this.lines.push([]);
        if (ch === '\f' || ncells === 1) this.flushInternal();
      } else {
        this.cell += ch;
      }
    }
    return this;
  }

  /** Formats and emits everything buffered (Go `Flush`). */
  flush(): this {
    this.flushInternal();
    return this;
  }

  /** Everything written so far (when no sink was given); clears it. */
  take(): string {
    const s = this.out;
    this.out = '';
    return s;
  }

  private flushInternal(): void {
    if (this.cell.length > 0) this.terminateCell(false);
    // the last line is open (possibly empty); format all lines
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.cell = '';
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let th = line0; th < line1; th++) {
      const line = this.lines[th] ?? [];
      if (column >= line.length - 1) continue;
      this.writeLines(line0, th);
      line0 = th;
      let width = this.opts.minwidth;
      let discardable = true;
      for (; th < line1; th++) {
        const l = this.lines[th] ?? [];
        if (column >= l.length - 1) break;
        const c = l[column];
        if (!c) break;
        const w = c.width + this.opts.padding;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && this.opts.flags & DiscardEmptyColumns) width = 0;
      if (this.opts.flags & RememberWidths) {
        if (this.maxwidths.length < this.widths.length) this.maxwidths.push(...this.widths.slice(this.maxwidths.length));
        const mw = this.maxwidths[this.widths.length];
        if (mw === undefined) this.maxwidths.push(width);
        else if (mw > width) width = mw;
        else if (mw < width) this.maxwidths[this.widths.length] = width;
      }
      this.widths.push(width);
      this.format(line0, th);
      this.widths.pop();
      line0 = th;
    }
    this.writeLines(line0, line1);
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    if (this.opts.padchar === '\t' || useTabs) {
      const tw = this.opts.tabwidth;
      if (tw === 0) return;
      cellw = Math.ceil(cellw / tw) * tw;
      const n = cellw - textw;
      this.emit('\t'.repeat(Math.ceil(n / tw)));
      return;
    }
    this.emit(this.opts.padchar.repeat(Math.max(0, cellw - textw)));
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i] ?? [];
      let useTabs = (this.opts.flags & TabIndent) !== 0;
      line.forEach((c, j) => {
        if (j > 0 && this.opts.flags & Debug) this.emit('|');
        const w = this.widths[j];
        if (c.text.length === 0) {
          if (w !== undefined) this.writePadding(c.width, w, useTabs);
        } else {
          useTabs = false;
          if ((this.opts.flags & AlignRight) === 0) {
            this.emit(c.text);
            if (w !== undefined) this.writePadding(c.width, w, false);
          } else {
            if (w !== undefined) this.writePadding(c.width, w, false);
            this.emit(c.text);
          }
        }
      });
      if (i + 1 === this.lines.length) {
        // the last buffered line has no newline
      } else this.emit('\n');
    }
  }
}

/** Runs `text` through a tabwriter with `opts` and returns the aligned text. */
export function tabwrite(text: string, opts: TabWriterOptions): string {
  return new TabWriter(opts).write(text).flush().take();
}
