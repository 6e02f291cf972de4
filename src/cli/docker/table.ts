/**
 * A fast path for docker's formatter `Context.Write` (docker/cli cli/command/formatter/formatter.go)
 * when the --format is only literal text and `{{.Field}}` actions, as the default tables are: the
 * template is split once, each row asks only for the fields the format names, and the table is
 * aligned in one pass with Go tabwriter's rules for lines that all have the same cells (docker's
 * writer: minwidth 10, padding 3, spaces; the text after a line's last tab is not aligned). Any
 * other format, or a value holding a tab or line break, goes through the template engine and the
 * general tabwriter (`dockerWrite`), which this matches byte for byte.
 */
import { dockerPreFormat, dockerWrite, isTableFormat, type DockerWriteResult } from '../lib/gotemplate';
import { DOCKER_TABWRITER } from '../lib/tabwriter';

type Part = string | { readonly field: string };

/** The parts of a format made of literal text and `{{.Field}}` with fields in `known`, or undefined. */
export function simpleFormat(format: string, known: ReadonlySet<string>): Part[] | undefined {
  const text = dockerPreFormat(format);
  const parts: Part[] = [];
  const re = /\{\{ *\.([A-Za-z_][A-Za-z0-9_]*) *\}\}/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    if (!known.has(m[1]!)) return undefined;
    parts.push({ field: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  for (const p of parts) if (typeof p === 'string' && /\{\{|[\n\v\f\r]/.test(p)) return undefined;
  return parts;
}

const BREAKS = /[\t\n\v\f\r]/;

function runes(s: string): number {
  if (!/[^\x00-\x7f]/.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Writes `items` with `format`, reading fields through `get(item, field)` (a string) and headers from
 * `header`. Falls back to `dockerWrite(format, rows(), header)` when the fast path does not apply.
 */
export function writeTable<T>(
  format: string,
  items: readonly T[],
  header: Readonly<Record<string, string>>,
  fields: Readonly<Record<string, (item: T) => string>>,
  rows: () => readonly unknown[],
): DockerWriteResult {
  const parts = simpleFormat(format, new Set(Object.keys(fields).filter((k) => k in header || !isTableFormat(format))));
  if (!parts) return dockerWrite(format, rows(), header);
  const table = isTableFormat(format);
  // The format as cells (split at its literal tabs), each a list of literals and fields.
  const tpl: Part[][] = [[]];
  for (const p of parts) {
    if (typeof p !== 'string') {
      tpl[tpl.length - 1]!.push(p);
      continue;
    }
    const bits = p.split('\t');
    bits.forEach((b, i) => {
      if (i > 0) tpl.push([]);
      if (b !== '') tpl[tpl.length - 1]!.push(b);
    });
  }
  const n = tpl.length;
  const getters = tpl.map((cell) => cell.map((p) => (typeof p === 'string' ? p : fields[p.field]!)));
  const cells: string[] = [];
  if (table) for (const cell of tpl) cells.push(cell.map((p) => (typeof p === 'string' ? p : header[p.field]!)).join(''));
  for (const item of items) {
    for (const cell of getters) {
      let s = '';
      for (const g of cell) {
        if (typeof g === 'string') s += g;
        else {
          const v = g(item);
          if (BREAKS.test(v)) return dockerWrite(format, rows(), header);
          s += v;
        }
      }
      cells.push(s);
    }
  }
  const lines = cells.length / n;
  const out: string[] = [];
  if (!table || n === 1) {
    for (let i = 0; i < lines; i++) out.push(cells.slice(i * n, i * n + n).join('\t'), '\n');
    return { ok: true, output: out.join('') };
  }
  const { minwidth, padding } = DOCKER_TABWRITER;
  const counts = cells.map((c, k) => (k % n === n - 1 ? 0 : runes(c)));
  const widths: number[] = new Array<number>(n - 1).fill(minwidth);
  for (let k = 0; k < cells.length; k++) {
    const j = k % n;
    if (j < n - 1 && counts[k]! + padding > widths[j]!) widths[j] = counts[k]! + padding;
  }
  const spaces = ' '.repeat(Math.max(...widths));
  for (let k = 0; k < cells.length; k++) {
    const j = k % n;
    out.push(cells[k]!);
    out.push(j === n - 1 ? '\n' : spaces.slice(0, widths[j]! - counts[k]!));
  }
  return { ok: true, output: out.join('') };
}
