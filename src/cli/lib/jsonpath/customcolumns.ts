/**
 * kubectl `-o custom-columns` (kubectl pkg/cmd/get/customcolumn.go): the spec parser, and the printer
 * (header row once, one row per object or list item, `<none>` for no value, values joined by ",",
 * terminal escapes made visible, aligned by kubectl's tabwriter).
 */
import { formatValue } from '../gofmt';
import { TabWriter, KUBECTL_TABWRITER } from '../tabwriter';
import { findResults, relaxedJSONPathExpression, type JPResult } from './jsonpath';

export interface Column {
  header: string;
  fieldSpec: string;
}

/** `NewCustomColumnsPrinterFromSpec`. */
export function parseCustomColumnsSpec(spec: string): JPResult<Column[]> {
  if (spec.length === 0) return { ok: false, error: 'custom-columns format specified but no custom columns given' };
  const columns: Column[] = [];
  for (const part of spec.split(',')) {
    const i = part.indexOf(':');
    if (i < 0) return { ok: false, error: `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>` };
    const r = relaxedJSONPathExpression(part.slice(i + 1));
    if (!r.ok) return r;
    columns.push({ header: part.slice(0, i), fieldSpec: r.value });
  }
  return { ok: true, value: columns };
}

/** cli-runtime `printers.EscapeTerminal`. */
export function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

function isList(obj: unknown): obj is { items: unknown[] } {
  return typeof obj === 'object' && obj !== null && Array.isArray((obj as { items?: unknown }).items) && (typeof (obj as { kind?: unknown }).kind !== 'string' || String((obj as { kind: string }).kind).endsWith('List'));
}

/** Prints objects the way `kubectl get -o custom-columns=...` does; `objects` share one tabwriter. */
export function printCustomColumns(columns: readonly Column[], objects: readonly unknown[], noHeaders = false): JPResult<string> {
  const w = new TabWriter(KUBECTL_TABWRITER);
  if (!noHeaders && objects.length > 0) w.write(columns.map((c) => c.header).join('\t') + '\n');
  const rows: unknown[] = [];
  for (const o of objects) {
    if (isList(o)) rows.push(...o.items);
    else rows.push(o);
  }
  for (const obj of rows) {
    const cells: string[] = [];
    for (const c of columns) {
      const r = findResults(c.fieldSpec, obj, { allowMissingKeys: true });
      if (!r.ok) return r;
      const values: string[] = [];
      if (r.value.length === 0 || (r.value[0] ?? []).length === 0) values.push('<none>');
      for (const list of r.value) for (const v of list) values.push(escapeTerminal(v === null || v === undefined ? '<nil>' : formatValue(v)));
      cells.push(values.join(','));
    }
    w.write(cells.join('\t') + '\n');
  }
  return { ok: true, value: w.flush().take() };
}
