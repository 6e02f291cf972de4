/**
 * kubectl's human-readable printer (cli-runtime pkg/printers/tableprinter.go): decorates a server
 * Table (NAMESPACE first, `kind/name`, label columns, LABELS last, an EVENT column for watch events)
 * and writes tab-separated rows into kubectl's tabwriter. Stateful like the original: headers are
 * printed once per column set, so a watch prints them only before its first rows.
 */
import { escapeTerminal } from '../../lib/jsonpath/customcolumns';
import type { TabWriter } from '../../lib/tabwriter';
import { field, formatLabels, labelsOf, namespaceOf, type KubeObject } from './object';
import type { Cell, ColumnDefinition, Table } from './server';

export interface TablePrintOptions {
  noHeaders?: boolean;
  wide?: boolean;
  /** prepend NAMESPACE (`-A` on a namespaced kind) */
  withNamespace?: boolean;
  /** print names as `kind/name`; `kind` is the lower-case `kind[.group]` */
  withKind?: boolean;
  kind?: string;
  /** `--show-labels` */
  showLabels?: boolean;
  /** `-L key,...` */
  columnLabels?: readonly string[];
}

const EVENT_TYPES: Record<string, string> = { ADDED: 'ADDED   ', MODIFIED: 'MODIFIED', DELETED: 'DELETED ', ERROR: 'ERROR   ' };
/** formatEventType: the EVENT cell (padded to the widest type, as kubectl does). */
export const formatEventType = (t: string) => EVENT_TYPES[t] ?? t;

/** formatLabelHeaders: `-L app.kubernetes.io/name` → `NAME`. */
export function labelHeader(label: string): string {
  const p = label.split('/');
  return (p[p.length - 1] ?? '').toUpperCase();
}

function sameColumns(a: readonly ColumnDefinition[] | undefined, b: readonly ColumnDefinition[]): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') {
    const i = cell.search(/[\f\n\r]/);
    return i >= 0 ? escapeTerminal(cell.slice(0, i)) + '...' : escapeTerminal(cell);
  }
  return escapeTerminal(String(cell));
}

export class HumanReadablePrinter {
  private lastColumns: ColumnDefinition[] | undefined;
  private printedHeaders = false;
  private lastHandler: 'default' | 'status' | undefined;

  /** `options` may change between calls (a watch learns the kind from its first object). */
  constructor(readonly options: TablePrintOptions) {}

  /** PrintObj for a server Table (optionally the object of a watch event of type `eventType`). */
  printTable(input: Table, w: TabWriter, eventType = ''): void {
    const table: Table = { columnDefinitions: [...input.columnDefinitions], rows: input.rows.map((r) => ({ ...r, cells: [...r.cells] })) };
    const local: TablePrintOptions = { ...this.options };
    if (this.printedHeaders && (table.columnDefinitions.length === 0 || sameColumns(this.lastColumns, table.columnDefinitions))) local.noHeaders = true;
    if (table.columnDefinitions.length === 0) table.columnDefinitions = this.lastColumns ?? [];
    else if (!sameColumns(this.lastColumns, table.columnDefinitions)) {
      this.lastColumns = table.columnDefinitions;
      this.printedHeaders = false;
    }
    if (table.rows.length > 0) this.printedHeaders = true;
    decorateTable(table, local);
    if (eventType) {
      table.columnDefinitions.unshift({ name: 'Event', type: 'string' });
      for (const r of table.rows) r.cells.unshift(formatEventType(eventType));
    }
    printTable(table, w, local);
  }

  /**
   * PrintObj for a plain object when the server sent no Table (`--server-print=false`): NAME and AGE
   * (or STATUS REASON MESSAGE for a Status), headers again only when the handler changes.
   */
  printPlain(table: Table, w: TabWriter, eventType = ''): void {
    const handler = table.columnDefinitions.length === 3 && table.columnDefinitions[0]?.name === 'Status' ? 'status' : 'default';
    const o = this.options;
    const includeHeaders = this.lastHandler !== handler && !o.noHeaders;
    if (this.lastHandler !== undefined && this.lastHandler !== handler && !o.noHeaders) w.write('\n');
    if (includeHeaders) {
      const headers = table.columnDefinitions.filter((c) => !c.priority || o.wide).map((c) => c.name.toUpperCase());
      headers.push(...(o.columnLabels ?? []).map(labelHeader));
      if (o.showLabels) headers.push('LABELS');
      if (o.withNamespace) headers.unshift('NAMESPACE');
      if (eventType) headers.unshift('EVENT');
      w.write(headers.join('\t') + '\n');
    }
    for (const row of table.rows) {
      let line = '';
      if (eventType) line += formatEventType(eventType) + '\t';
      if (o.withNamespace) line += (row.object ? namespaceOf(row.object) : '') + '\t';
      row.cells.forEach((cell, i) => {
        if (i !== 0) line += '\t';
        else if (o.withKind && o.kind) {
          line += `${o.kind}/${cell === null ? '' : String(cell)}`;
          return;
        }
        line += cell === null ? '' : String(cell);
      });
      if (row.object && ((o.columnLabels?.length ?? 0) > 0 || o.showLabels)) for (const v of labelValues(row.object, o)) line += '\t' + v;
      w.write(line + '\n');
    }
    this.lastHandler = handler;
  }
}

function labelValues(obj: KubeObject, o: TablePrintOptions): string[] {
  const labels = labelsOf(obj);
  const values = (o.columnLabels ?? []).map((k) => labels[k] ?? '');
  if (o.showLabels) values.push(formatLabels(labels));
  return values;
}

/** decorateTable: NAMESPACE, `kind/name`, -L columns and LABELS. Mutates `table`. */
export function decorateTable(table: Table, o: TablePrintOptions): void {
  const columnLabels = o.columnLabels ?? [];
  const nameColumn = o.withKind && o.kind ? table.columnDefinitions.findIndex((c) => c.format === 'name' && c.type === 'string') : -1;
  const columns = [...table.columnDefinitions];
  if (o.withNamespace) columns.unshift({ name: 'Namespace', type: 'string' });
  for (const l of columnLabels) columns.push({ name: labelHeader(l), type: 'string' });
  if (o.showLabels) columns.push({ name: 'Labels', type: 'string' });
  const width = columns.length;
  const includeLabels = columnLabels.length > 0 || o.showLabels === true;
  if (includeLabels || o.withNamespace || nameColumn !== -1) {
    for (const row of table.rows) {
      if (nameColumn !== -1) row.cells[nameColumn] = `${o.kind}/${String(row.cells[nameColumn] ?? '')}`;
      if (!row.object || field(row.object, 'metadata') === undefined) {
        if (o.withNamespace) row.cells.unshift(null);
        while (row.cells.length < width) row.cells.push(null);
        continue;
      }
      if (o.withNamespace) row.cells.unshift(namespaceOf(row.object));
      if (includeLabels) row.cells.push(...labelValues(row.object, o));
    }
  }
  table.columnDefinitions = columns;
}

/** printTable: headers (unless none or no rows), then one line per row; wide-only columns need `wide`. */
export function printTable(table: Table, w: TabWriter, o: TablePrintOptions): void {
  const shown = (c: ColumnDefinition) => o.wide === true || !c.priority;
  if (!o.noHeaders) {
    if (table.rows.length === 0) return;
    w.write(table.columnDefinitions.filter(shown).map((c) => c.name.toUpperCase()).join('\t') + '\n');
  }
  for (const row of table.rows) {
    const parts: string[] = [];
    for (let i = 0; i < row.cells.length && i < table.columnDefinitions.length; i++) {
      if (!shown(table.columnDefinitions[i] as ColumnDefinition)) continue;
      parts.push(cellText(row.cells[i]));
    }
    w.write(parts.join('\t') + '\n');
  }
}
