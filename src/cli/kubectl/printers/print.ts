/**
 * What `kubectl get` prints for a set of objects (kubectl pkg/cmd/get/get.go Run / printGeneric /
 * watch, cli-runtime printers): the human-readable tables (one per kind, a blank line between kinds,
 * `kind/name` when several kinds are printed), `-o wide|name|json|yaml|jsonpath|custom-columns|
 * go-template` (several objects wrapped in a `List`), `--sort-by`, and the empty-result message.
 * Pure: objects in, text out.
 */
import { parseKubectlGoTemplate } from '../../lib/gotemplate';
import { escapeTerminal, parseCustomColumnsSpec, type Column } from '../../lib/jsonpath/customcolumns';
import { executeJSONPath, findResults, parseJSONPath, relaxedJSONPathExpression } from '../../lib/jsonpath/jsonpath';
import { formatValue, goJSON, goStruct } from '../../lib/gofmt';
import { KUBECTL_TABWRITER, TabWriter, tabwrite } from '../../lib/tabwriter';
import { groupOf, isNamespacedKind, kindOf, kindPrefix, nameOf, type KubeObject } from './object';
import { defaultTable, serverTable } from './server';
import { HumanReadablePrinter, type TablePrintOptions } from './table';
import { marshalYAML } from './yaml';

export interface PrintOptions {
  /** the `-o` value: '' (table), 'wide', 'json', 'yaml', 'name', 'jsonpath=…', 'custom-columns=…', 'go-template=…', the `-file` forms… */
  output?: string;
  /** `--template` (the template when `-o` names a template format without `=`) */
  template?: string;
  /** reads a `*-file` template; undefined when it cannot be read */
  readFile?: (path: string) => string | undefined;
  wide?: boolean;
  noHeaders?: boolean;
  showLabels?: boolean;
  labelColumns?: readonly string[];
  /** `-A`: a NAMESPACE column for namespaced kinds */
  namespaceColumn?: boolean;
  /** `--show-kind` (kind/name is also used whenever several kinds are printed) */
  showKind?: boolean;
  sortBy?: string;
  /** ms since the epoch, for AGE and the other relative times */
  now: number;
  /** the request's namespace for "No resources found in <ns> namespace."; undefined → "No resources found" */
  namespace?: string;
  /** the request named exactly one object (`get pod web`): -o json/yaml print it bare instead of a List */
  single?: boolean;
  /** `--server-print=false`: plain objects, NAME and AGE only */
  serverPrint?: boolean;
  /** `--allow-missing-template-keys` (default true) */
  allowMissingTemplateKeys?: boolean;
}

export interface PrintResult {
  stdout: string;
  stderr: string;
  exitCode: 0 | 1;
}

const ALLOWED_FORMATS = ['custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'wide', 'yaml'];
const TEMPLATE_FORMATS = ['go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-file', 'jsonpath-as-json', 'custom-columns', 'custom-columns-file'];

const fail = (msg: string, stdout = ''): PrintResult => ({ stdout, stderr: `error: ${msg.replace(/\n+$/, '')}\n`, exitCode: 1 });

/** A generic (non-table) printer: PrintObj of one object (list or item) to text, or an error. */
export type GenericPrinter = (obj: unknown) => { ok: true; text: string } | { ok: false; error: string; text?: string };

/** The output format and its template, as PrintFlags split `-o jsonpath={..}`. */
export function parseOutput(output: string, template?: string): { format: string; template: string } {
  for (const f of TEMPLATE_FORMATS) if (output.startsWith(f + '=')) return { format: f, template: output.slice(f.length + 1) };
  if (output === '' && template) return { format: 'go-template', template };
  return { format: output, template: template ?? '' };
}

/** PrintFlags.ToPrinter for the non-table formats. */
export function genericPrinter(opts: PrintOptions): { ok: true; printer: GenericPrinter; format: string; tabbed?: boolean } | { ok: false; error: string } {
  const { format, template } = parseOutput(opts.output ?? '', opts.template);
  const readTemplate = (path: string): string | undefined => opts.readFile?.(path);
  switch (format) {
    case 'json':
      return { ok: true, format, printer: (o) => ({ ok: true, text: goJSON(o, { indent: '    ' }) + '\n' }) };
    case 'yaml': {
      let count = 0;
      return { ok: true, format, printer: (o) => ({ ok: true, text: (count++ > 0 ? '---\n' : '') + marshalYAML(o) }) };
    }
    case 'name':
      return {
        ok: true,
        format,
        printer: (o) => {
          const unwrapped = isWatchEvent(o) ? o.object : o;
          const items = isList(unwrapped) ? unwrapped.items : [unwrapped];
          return { ok: true, text: items.map((i) => `${kindPrefix(i) || '<unknown>'}/${nameOf(i) || '<unknown>'}\n`).join('') };
        },
      };
    case 'jsonpath':
    case 'jsonpath-file':
    case 'jsonpath-as-json': {
      if (template === '') return { ok: false, error: 'template format specified but no template given' };
      let text = template;
      if (format === 'jsonpath-file') {
        const t = readTemplate(template);
        if (t === undefined) return { ok: false, error: `error reading --template ${template}, open ${template}: no such file or directory` };
        text = t;
      }
      const parsed = parseJSONPath(text);
      if (!parsed.ok) return { ok: false, error: `error parsing jsonpath ${text}, ${parsed.error}` };
      return {
        ok: true,
        format,
        printer: (o) => {
          const r = executeJSONPath(text, o, { allowMissingKeys: opts.allowMissingTemplateKeys !== false, outputJSON: format === 'jsonpath-as-json' });
          if (!r.ok) return { ok: false, error: `error executing jsonpath ${JSON.stringify(text)}: Error executing template: ${r.error}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${text}\n` };
          return { ok: true, text: r.output };
        },
      };
    }
    case 'go-template':
    case 'go-template-file':
    case 'template':
    case 'templatefile': {
      if (template === '') return { ok: false, error: 'template format specified but no template given' };
      let text = template;
      if (format === 'go-template-file' || format === 'templatefile') {
        const t = readTemplate(template);
        if (t === undefined) return { ok: false, error: `error reading --template ${template}, open ${template}: no such file or directory` };
        text = t;
      }
      const parsed = parseKubectlGoTemplate(text, opts.allowMissingTemplateKeys !== false);
      if (!parsed.ok) return { ok: false, error: `error parsing template ${text}, ${parsed.error}` };
      return {
        ok: true,
        format,
        printer: (o) => {
          const r = parsed.template.execute(JSON.parse(JSON.stringify(o)) as unknown);
          if (!r.ok) return { ok: false, text: r.output, error: `error executing template ${JSON.stringify(text)}: ${r.error}` };
          return { ok: true, text: r.output };
        },
      };
    }
    case 'custom-columns':
    case 'custom-columns-file': {
      if (template === '') return { ok: false, error: 'custom-columns format specified but no custom columns given' };
      let columns: Column[];
      if (format === 'custom-columns-file') {
        const t = readTemplate(template);
        if (t === undefined) return { ok: false, error: `error reading template ${template}, open ${template}: no such file or directory` };
        const lines = t.split('\n');
        if (lines.length < 1 || (lines.length === 1 && lines[0] === '')) return { ok: false, error: 'invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.' };
        if (lines.length < 2) return { ok: false, error: 'invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.' };
        const headers = (lines[0] ?? '').split(/\s+/).filter(Boolean);
        const specs = (lines[1] ?? '').split(/\s+/).filter(Boolean);
        if (headers.length !== specs.length) return { ok: false, error: `number of headers (${headers.length}) and field specifications (${specs.length}) don't match` };
        columns = [];
        for (let i = 0; i < headers.length; i++) {
          const r = relaxedJSONPathExpression(specs[i] ?? '');
          if (!r.ok) return { ok: false, error: r.error };
          columns.push({ header: headers[i] ?? '', fieldSpec: r.value });
        }
      } else {
        const r = parseCustomColumnsSpec(template);
        if (!r.ok) return { ok: false, error: r.error };
        columns = r.value;
      }
      let printedHeader = false;
      return {
        ok: true,
        format,
        tabbed: true,
        printer: (o) => {
          const r = customColumnsLines(columns, o, opts.noHeaders === true || printedHeader);
          if (!r.ok) return r;
          printedHeader = true;
          return { ok: true, text: r.text };
        },
      };
    }
  }
  return { ok: false, error: `unable to match a printer suitable for the output format ${JSON.stringify(format)}, allowed formats are: ${ALLOWED_FORMATS.join(',')}` };
}

/**
 * CustomColumnsPrinter.PrintObj before alignment: the header (once) and one tab-separated line per
 * object or list item; `<none>` for no value, several values joined by ",", escapes made visible.
 */
function customColumnsLines(columns: readonly Column[], obj: unknown, noHeaders: boolean): { ok: true; text: string } | { ok: false; error: string } {
  let text = noHeaders ? '' : columns.map((c) => c.header).join('\t') + '\n';
  for (const item of isList(obj) ? obj.items : [obj]) {
    const cells: string[] = [];
    for (const c of columns) {
      const r = findResults(c.fieldSpec, item, { allowMissingKeys: true });
      if (!r.ok) return { ok: false, error: r.error };
      const values: string[] = [];
      if (r.value.length === 0 || (r.value[0] ?? []).length === 0) values.push('<none>');
      for (const list of r.value) for (const v of list) values.push(escapeTerminal(v === null || v === undefined ? '<nil>' : formatValue(v)));
      cells.push(values.join(','));
    }
    text += cells.join('\t') + '\n';
  }
  return { ok: true, text };
}

function isWatchEvent(o: unknown): o is { type: string; object: unknown } {
  return typeof o === 'object' && o !== null && !('kind' in o) && 'type' in o && 'object' in o;
}

function isList(o: unknown): o is { items: unknown[] } {
  return typeof o === 'object' && o !== null && Array.isArray((o as { items?: unknown }).items) && kindOf(o).endsWith('List');
}

/** The List kubectl wraps several objects in (printGeneric). */
export function listOf(objs: readonly KubeObject[]): KubeObject {
  return { apiVersion: 'v1', items: [...objs], kind: 'List', metadata: { resourceVersion: '' } };
}

// ---------------- --sort-by ----------------

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
const SUFFIX: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
function quantity(s: string): number | undefined {
  const m = QUANTITY.exec(s);
  if (!m) return undefined;
  const base = Number(m[1]);
  const suf = m[2];
  if (!suf) return base;
  if (/^[eE]/.test(suf)) return base * 10 ** Number(suf.slice(1));
  return base * (SUFFIX[suf] ?? 1);
}

function isLess(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b !== null && b !== undefined;
  if (b === null || b === undefined) return false;
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') {
    const qa = quantity(a);
    const qb = quantity(b);
    if (qa !== undefined && qb !== undefined) return qa < qb;
    return a < b;
  }
  return false;
}

/** SortObjects: a stable sort by the first JSONPath result of each object; missing values first. */
export function sortObjects(objs: readonly KubeObject[], sortBy: string): { ok: true; value: KubeObject[] } | { ok: false; error: string } {
  const rel = relaxedJSONPathExpression(sortBy);
  const path = rel.ok ? rel.value : sortBy;
  const values: { obj: KubeObject; found: boolean; v: unknown }[] = [];
  let foundOnce = false;
  for (const obj of objs) {
    const r = findResults(path, obj, { allowMissingKeys: true });
    if (!r.ok) return { ok: false, error: r.error };
    const first = r.value[0];
    const found = first !== undefined && first.length > 0;
    if (found) foundOnce = true;
    values.push({ obj, found, v: found ? first[0] : undefined });
  }
  if (objs.length > 1 && !foundOnce) return { ok: false, error: `couldn't find any field with path ${JSON.stringify(path)} in the list of objects` };
  const less = (x: (typeof values)[number], y: (typeof values)[number]) => (!x.found ? true : !y.found ? false : isLess(x.v, y.v));
  // insertion sort: what Go's sort.Sort does for the short slices a terminal shows, and stable
  const out = [...values];
  for (let i = 1; i < out.length; i++) for (let j = i; j > 0 && less(out[j] as (typeof values)[number], out[j - 1] as (typeof values)[number]); j--) [out[j - 1], out[j]] = [out[j] as (typeof values)[number], out[j - 1] as (typeof values)[number]];
  return { ok: true, value: out.map((x) => x.obj) };
}

// ---------------- printObjects ----------------

function groupKey(o: KubeObject): string {
  return `${groupOf(o)}/${kindOf(o)}`;
}

/** Consecutive objects of the same kind form one table (one "mapping" in kubectl's loop). */
function groupsOf(objs: readonly KubeObject[]): KubeObject[][] {
  const groups: KubeObject[][] = [];
  for (const o of objs) {
    const last = groups[groups.length - 1];
    if (last && groupKey(last[0] as KubeObject) === groupKey(o)) last.push(o);
    else groups.push([o]);
  }
  return groups;
}

function isHumanReadable(opts: PrintOptions): boolean {
  const out = opts.output ?? '';
  return (out === '' && !opts.template) || out === 'wide';
}

/**
 * `kubectl get` output for `objs` (in the order the server listed them, kinds in request order).
 * Human-readable tables go to stdout; an empty result prints "No resources found…" on stderr.
 */
export function printObjects(objs: readonly KubeObject[], opts: PrintOptions): PrintResult {
  const out = opts.output ?? '';
  if (opts.showLabels && out !== '' && out !== 'wide') return fail(`--show-labels option cannot be used with ${out} printer`);
  if (!isHumanReadable(opts)) return printGeneric(objs, opts);

  const wide = opts.wide === true || out === 'wide';
  const printWithKind = opts.showKind === true || new Set(objs.map(groupKey)).size > 1;
  let stdout = '';
  let written = 0;
  let first = true;
  for (let group of groupsOf(objs)) {
    const kind = kindOf(group[0]);
    if (opts.sortBy) {
      const s = sortObjects(group, opts.sortBy);
      if (!s.ok) return fail(s.error, stdout);
      group = s.value;
    }
    const tableOpts: TablePrintOptions = {
      noHeaders: opts.noHeaders,
      wide,
      withNamespace: opts.namespaceColumn === true && isNamespacedKind(kind),
      withKind: printWithKind,
      kind: kindPrefix(group[0]),
      showLabels: opts.showLabels,
      columnLabels: opts.labelColumns,
    };
    const printer = new HumanReadablePrinter(tableOpts);
    const w = new TabWriter(KUBECTL_TABWRITER);
    if (opts.serverPrint === false) printer.printPlain(defaultTable(group, opts.now), w);
    else printer.printTable(serverTable(kind, group, { wide: true, now: opts.now }), w);
    const text = w.flush().take();
    if (text.length > 0 && !first && !opts.noHeaders && written > 0) stdout += '\n';
    stdout += text;
    written += text.length;
    first = false;
  }
  if (written === 0) {
    const msg = opts.namespace !== undefined && !opts.namespaceColumn ? `No resources found in ${opts.namespace} namespace.\n` : 'No resources found\n';
    return { stdout: '', stderr: msg, exitCode: 0 };
  }
  return { stdout, stderr: '', exitCode: 0 };
}

/** printGeneric: one object bare when the request implied a single item, else a List of all of them. */
function printGeneric(objs: readonly KubeObject[], opts: PrintOptions): PrintResult {
  const p = genericPrinter(opts);
  if (!p.ok) return fail(p.error);
  let items = [...objs];
  if (opts.sortBy) {
    const s = sortObjects(items, opts.sortBy);
    if (!s.ok) return fail(s.error);
    items = s.value;
  }
  const obj = opts.single === true && items.length === 1 ? (items[0] as KubeObject) : listOf(items);
  const r = p.printer(obj);
  if (!r.ok) return fail(r.error, r.text ?? '');
  return { stdout: p.tabbed ? tabwrite(r.text, KUBECTL_TABWRITER) : r.text, stderr: '', exitCode: 0 };
}

// ---------------- watch ----------------

export interface WatchPrintOptions extends PrintOptions {
  /** `--output-watch-events`: each object wrapped in {type, object} / an EVENT column */
  outputWatchEvents?: boolean;
}

/**
 * The printer `kubectl get --watch` keeps for the whole watch: call `print` with the first listing,
 * then once per event; each call returns the text flushed to the terminal. Headers print once and
 * column widths only grow (kubectl's tabwriter remembers them), so a longer later cell shifts only
 * the rows after it.
 */
export class WatchPrinter {
  private readonly table: HumanReadablePrinter | undefined;
  private readonly generic: GenericPrinter | undefined;
  private readonly tabbed: boolean = false;
  private readonly w = new TabWriter(KUBECTL_TABWRITER);
  readonly error: string | undefined;

  constructor(private readonly opts: WatchPrintOptions) {
    if (isHumanReadable(opts)) {
      const wide = opts.wide === true || opts.output === 'wide';
      this.table = new HumanReadablePrinter({ noHeaders: opts.noHeaders, wide, withNamespace: opts.namespaceColumn, withKind: opts.showKind, showLabels: opts.showLabels, columnLabels: opts.labelColumns });
    } else {
      const p = genericPrinter(opts);
      if (p.ok) {
        this.generic = p.printer;
        this.tabbed = p.tabbed === true;
      } else this.error = p.error;
    }
  }

  /** Prints objects (one listing or one event's object); `eventType` is ADDED/MODIFIED/DELETED/ERROR. */
  print(objs: readonly KubeObject[], eventType = 'ADDED'): PrintResult {
    const ev = this.opts.outputWatchEvents ? eventType : '';
    if (this.table) {
      const kind = kindOf(objs[0]);
      this.table.options.kind = kindPrefix(objs[0]);
      this.table.options.withNamespace = this.opts.namespaceColumn === true && isNamespacedKind(kind);
      if (this.opts.serverPrint === false || kind === 'Status') for (const o of objs) this.table.printPlain(defaultTable([o], this.opts.now), this.w, ev);
      else this.table.printTable(serverTable(kind, objs, { wide: true, now: this.opts.now }), this.w, ev);
      return { stdout: this.w.flush().take(), stderr: '', exitCode: 0 };
    }
    if (!this.generic) return fail(this.error ?? 'no printer');
    let stdout = '';
    for (const o of objs) {
      const obj = this.opts.outputWatchEvents ? goStruct({ type: eventType, object: o }, 'v1.WatchEvent') : o;
      if (this.opts.outputWatchEvents && parseOutput(this.opts.output ?? '').format === 'json') {
        stdout += goJSON(obj) + '\n';
        continue;
      }
      const r = this.generic(obj);
      if (!r.ok) return fail(r.error, stdout + (r.text ?? ''));
      if (this.tabbed) this.w.write(r.text);
      else stdout += r.text;
    }
    if (this.tabbed) stdout += this.w.flush().take();
    return { stdout, stderr: '', exitCode: 0 };
  }
}
