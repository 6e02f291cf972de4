/**
 * output-formats.json, kubectl groups: runs `kubectl.get`, `kubectl.tablePrinter`,
 * `kubectl.printers.podRow`, `kubectl.customColumns.spec` and `kubectl.customColumns.print` through
 * this directory's printers. The upstream tests' fixtures (cmdtesting.TestData's pods foo/bar and
 * service baz, watchTestData, sortTestData, the tableprinter_test objects) are rebuilt here as plain
 * objects; what the fake server returned as a Table with test-only columns is built as that Table.
 * Skipped, with the reason: API errors (they come from the server, not the printers) and `-o kyaml`
 * (kubectl 1.34+).
 */
import { parseCustomColumnsSpec, printCustomColumns, type Column } from '../../lib/jsonpath/customcolumns';
import { KUBECTL_TABWRITER, TabWriter } from '../../lib/tabwriter';
import type { SkippedGroup, VectorCase, VectorFamily } from '../../lib/conformance/types';
import { diff } from '../../lib/conformance/types';
import type { KubeObject } from './object';
import { printObjects, sortObjects, WatchPrinter, type PrintOptions, type PrintResult } from './print';
import { podStatus, serverTable, type Cell, type ColumnDefinition, type Table } from './server';
import { HumanReadablePrinter, type TablePrintOptions } from './table';

interface V {
  group: string;
  test?: string;
  name?: string;
  [k: string]: unknown;
}

export const KUBECTL_GROUPS = ['kubectl.get', 'kubectl.tablePrinter', 'kubectl.printers.podRow', 'kubectl.customColumns.spec', 'kubectl.customColumns.print'];

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

// ---------------- fixtures ----------------

const podSpec = () => ({ containers: null, dnsPolicy: 'ClusterFirst', enableServiceLinks: true, restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30 });
const pod = (name: string, rv: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'test', resourceVersion: rv }, spec: podSpec(), status: {} });
const service = (): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'baz', namespace: 'test', resourceVersion: '12' }, spec: { sessionAffinity: 'None', type: 'ClusterIP' }, status: { loadBalancer: {} } });
const node = (): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'foo', resourceVersion: '184' }, spec: {}, status: {} });
const rc1 = (): KubeObject => ({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc1', namespace: 'test', resourceVersion: '18' }, spec: { replicas: 1 }, status: { replicas: 0 } });
/** cmdtesting.TestData() */
const testData = () => ({ pods: [pod('foo', '10'), pod('bar', '11')], svc: [service()] });
const componentStatuses = (): KubeObject[] =>
  [
    ['servergood', 'True', 'ok', ''],
    ['serverbad', 'False', '', 'bad status: 500'],
    ['serverunknown', 'Unknown', '', 'fizzbuzz error'],
  ].map(([name, status, message, error]) => ({ apiVersion: 'v1', kind: 'ComponentStatus', metadata: { name }, conditions: [{ type: 'Healthy', status, message, error }] }));
/** watchTestData(): the pods and the four events */
const watchPods = () => [pod('bar', '9'), pod('foo', '10')];
const watchEvents = (): [string, KubeObject][] => [
  ['ADDED', pod('bar', '9')],
  ['ADDED', pod('foo', '10')],
  ['MODIFIED', pod('foo', '11')],
  ['DELETED', pod('foo', '12')],
];
/** tableprinter_test.go testPod / testStatus */
const testPod = (): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'test-pod-name', namespace: 'test-namespace', labels: { 'first-label': '12', 'second-label': 'label-value' } } });
const testStatus = (): KubeObject => ({ apiVersion: 'metav1', kind: 'Status', status: 'Failure', message: 'test-status-message', reason: 'test-status-reason' });

// ---------------- kubectl.printers.podRow ----------------

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Fixture conventions: containers given as a count; "now-10s" times; deletionTimestamp "set". */
function podFixture(raw: unknown): KubeObject {
  return JSON.parse(JSON.stringify(raw), (key, value: unknown) => {
    if ((key === 'containers' || key === 'initContainers') && typeof value === 'number') return Array.from({ length: value }, () => ({}));
    if (typeof value === 'string') {
      const m = /^now-(\d+)([smhd])$/.exec(value);
      if (m) return new Date(NOW - Number(m[1]) * (UNITS[m[2] as string] ?? 0)).toISOString();
      if (key === 'deletionTimestamp' && value === 'set') return new Date(NOW).toISOString();
    }
    return value;
  }) as KubeObject;
}

function runPodRow(v: V): string | null {
  const p = { kind: 'Pod', ...podFixture(v.pod) };
  const s = podStatus(p, NOW);
  const row = serverTable('Pod', [p], { now: NOW }).rows[0];
  return diff('cells', row?.cells, v.expectCells) ?? diff('podStatus', [s.ready, s.status, s.restarts], (v.expectCells as string[]).slice(1, 4));
}

// ---------------- kubectl.tablePrinter ----------------

interface TPOptions {
  Wide?: boolean;
  NoHeaders?: boolean;
  WithNamespace?: boolean;
  WithKind?: boolean;
  Kind?: string;
  ShowLabels?: boolean;
  ColumnLabels?: string[];
}

function runTablePrinter(v: V): string | null {
  const o = (v.options ?? {}) as TPOptions;
  const opts: TablePrintOptions = { wide: o.Wide, noHeaders: o.NoHeaders, withNamespace: o.WithNamespace, withKind: o.WithKind, kind: o.Kind?.toLowerCase(), showLabels: o.ShowLabels, columnLabels: o.ColumnLabels };
  const printer = new HumanReadablePrinter(opts);
  const w = new TabWriter(KUBECTL_TABWRITER);
  const eventType = typeof v.wrappedIn === 'string' ? 'Added' : '';
  if (typeof v.object === 'string') {
    const obj = v.object === 'testStatus' ? testStatus() : testPod();
    const table: Table = obj.kind === 'Status' ? { columnDefinitions: [{ name: 'Status', type: 'string' }, { name: 'Reason', type: 'string' }, { name: 'Message', type: 'string' }], rows: [{ cells: ['Failure', 'test-status-reason', 'test-status-message'], object: obj }] } : { columnDefinitions: [{ name: 'Name', type: 'string', format: 'name' }, { name: 'Age', type: 'string' }], rows: [{ cells: ['test-pod-name', '<unknown>'], object: obj }] };
    printer.printPlain(table, w, eventType);
  } else {
    // TestPrintTable_WithKind's Name column has Format "name" upstream (the vector lists no formats).
    const columns = (v.columns as ColumnDefinition[]).map((c) => (v.test === 'TestPrintTable_WithKind' && c.name === 'Name' ? { ...c, format: 'name' } : c));
    const rows = (v.rows as { cells: Cell[]; object?: string }[]).map((r) => ({ cells: r.cells, ...(r.object ? { object: testPod() } : {}) }));
    printer.printTable({ columnDefinitions: columns, rows }, w, eventType);
  }
  return diff('output', w.flush().take(), v.expected);
}

// ---------------- kubectl.customColumns.* (the spec parser and printer of src/cli/lib) ----------------

function runCustomColumns(v: V): string | null {
  if (v.group === 'kubectl.customColumns.spec') {
    const r = parseCustomColumnsSpec(String(v.spec));
    if (v.expectError === true) return r.ok ? 'expected an error' : null;
    if (!r.ok) return `unexpected error: ${r.error}`;
    if (Array.isArray(v.expectColumns)) return diff('columns', r.value, v.expectColumns);
    const out = printObjects([{ apiVersion: 'v1', kind: 'Pod', metadata: {} }], { output: `custom-columns=${String(v.spec)}`, noHeaders: v.noHeaders === true, now: NOW, single: true });
    return out.stdout.includes('API_VERSION') ? `header printed: ${JSON.stringify(out.stdout)}` : null;
  }
  const objects = Array.isArray(v.objects) ? (v.objects as KubeObject[]) : [v.object as KubeObject];
  if (typeof v.spec === 'string' && objects.length === 1) {
    // through printObjects: `kubectl get <one object> -o custom-columns=<spec>`
    const out = printObjects(objects, { output: `custom-columns=${v.spec}`, now: NOW, single: true });
    if (v.expectError === true) return out.exitCode !== 0 ? null : `expected an error, got ${JSON.stringify(out.stdout)}`;
    if (out.exitCode !== 0) return `unexpected error: ${out.stderr}`;
    return diff('output', out.stdout, v.expected);
  }
  let columns: Column[];
  if (typeof v.spec === 'string') {
    const r = parseCustomColumnsSpec(v.spec);
    if (!r.ok) return v.expectError === true ? null : `unexpected error: ${r.error}`;
    columns = r.value;
  } else columns = v.columns as Column[];
  const out = printCustomColumns(columns, objects);
  if (v.expectError === true) return out.ok ? `expected an error, got ${JSON.stringify(out.value)}` : null;
  if (!out.ok) return `unexpected error: ${out.error}`;
  return diff('output', out.value, v.expected);
}

// ---------------- kubectl.get ----------------

type Flags = Map<string, string>;

/** What the fake server of each test answers for `args`, as the objects kubectl would print. */
function objectsFor(args: string[]): { objs: KubeObject[]; single: boolean; namespaced: boolean } {
  const { pods, svc } = testData();
  const spec = args.join(' ');
  if (args.length === 0) return { objs: [pods[0] as KubeObject], single: true, namespaced: true };
  if (args[0] === 'all' || /^(pods,services|pods,services,jobs|deployments,pods,statefulsets,services,jobs)$/.test(args[0] ?? '')) return { objs: [...pods, ...svc], single: false, namespaced: true };
  if (spec === 'services/bar node/foo') return { objs: [...svc, node()], single: false, namespaced: true };
  if (args[0] === 'persistentvolumes') return { objs: [], single: false, namespaced: false };
  if (args[0] === 'componentstatuses') return { objs: componentStatuses(), single: false, namespaced: false };
  if (args[0] === 'replicationcontrollers') return { objs: [rc1()], single: true, namespaced: true };
  if (args[0] === 'pods' && args[1] === 'foo') return { objs: [pods[0] as KubeObject], single: true, namespaced: true };
  return { objs: pods, single: false, namespaced: true };
}

function baseOptions(flags: Flags, serverPrint: boolean): PrintOptions {
  const output = flags.get('output') ?? '';
  return {
    output,
    now: NOW,
    namespace: 'test',
    serverPrint,
    showLabels: flags.get('show-labels') === 'true',
    showKind: flags.get('show-kind') === 'true',
    namespaceColumn: flags.get('all-namespaces') === 'true',
    sortBy: flags.get('sort-by'),
  };
}

const EMPTY_RESULT_TESTS = new Set(['TestNoBlankLinesForGetAll', 'TestGetEmptyTable']);

function runGet(v: V, args: string[]): PrintResult | string {
  const flags: Flags = new Map((v.flags as [string, string][]).map(([k, val]) => [k, val]));
  const serverPrint = v.serverReturnsTable === true;
  const opts = baseOptions(flags, serverPrint);
  if (flags.get('watch') === 'true' || flags.get('watch-only') === 'true') return runWatch(v, args, flags, opts);
  if (v.test === 'TestGetObjectSubresourceScale') {
    // the fake server's Scale table: Name, Desired, Available (no Age)
    const table: Table = { columnDefinitions: [{ name: 'Name', type: 'string' }, { name: 'Desired', type: 'integer' }, { name: 'Available', type: 'integer' }], rows: [{ cells: ['rc1', 1, 0], object: rc1() }] };
    return printWith(table, {});
  }
  if (v.test === 'TestGetSortedObjectsUnstructuredTable') {
    const objs = [pod('c', '10'), pod('b', '11'), pod('a', '9')];
    const sorted = sortObjects(objs, flags.get('sort-by') ?? '');
    if (!sorted.ok) return sorted.error;
    const table: Table = { columnDefinitions: [{ name: 'NAME', type: 'string', format: 'name' }, { name: 'CUSTOM', type: 'string' }], rows: sorted.value.map((o) => ({ cells: [String((o.metadata as { name: string }).name), `custom-${String((o.metadata as { name: string }).name)}`], object: o })) };
    return printWith(table, {});
  }
  if (v.test === 'TestGetSortedObjects') return printObjects([pod('c', '10'), pod('b', '11'), pod('a', '9')], opts);
  if (v.test === 'TestGetMixedGenericObjects') return printObjects([{ apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Success' }], opts);
  if (v.test !== undefined && EMPTY_RESULT_TESTS.has(v.test)) return printObjects([], opts);
  const { objs, single, namespaced } = objectsFor(args);
  return printObjects(objs, { ...opts, single, namespace: namespaced ? 'test' : undefined });
}

function printWith(table: Table, o: TablePrintOptions): PrintResult {
  const w = new TabWriter(KUBECTL_TABWRITER);
  new HumanReadablePrinter(o).printTable(table, w);
  return { stdout: w.flush().take(), stderr: '', exitCode: 0 };
}

/** kubectl get --watch / --watch-only: the first listing, then the events the fake server streams. */
function runWatch(v: V, args: string[], flags: Flags, opts: PrintOptions): PrintResult {
  const watchOnly = flags.get('watch-only') === 'true';
  const eventsOpt = flags.get('output-watch-events') === 'true';
  if (v.test === 'TestWatchResourceTable') {
    const columns: ColumnDefinition[] = [{ name: 'Name', type: 'string', format: 'name' }, { name: 'Active', type: 'boolean' }];
    const p = new HumanReadablePrinter({});
    const w = new TabWriter(KUBECTL_TABWRITER);
    p.printTable({ columnDefinitions: columns, rows: [{ cells: ['a', true], object: pod('a', '10') }, { cells: ['b', true], object: pod('b', '20') }] }, w);
    let out = w.flush().take();
    p.printTable({ columnDefinitions: columns, rows: [{ cells: ['a', false], object: pod('a', '30') }] }, w);
    out += w.flush().take();
    p.printTable({ columnDefinitions: [], rows: [{ cells: ['b', false], object: pod('b', '40') }] }, w);
    return { stdout: out + w.flush().take(), stderr: '', exitCode: 0 };
  }
  const printer = new WatchPrinter({ ...opts, outputWatchEvents: eventsOpt });
  const isList = !(args[0] === 'pods' && args[1] === 'foo') && args.length !== 0;
  const initial = isList ? watchPods() : [pod('foo', '10')];
  const events = watchEvents().slice(isList ? 2 : 1);
  if (v.test === 'TestWatchStatus') events.push(['ERROR', { apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', reason: 'InternalServerError', message: 'Something happened' }]);
  let stdout = '';
  let outputObjects = !watchOnly;
  if (outputObjects) stdout += printer.print(initial, 'ADDED').stdout;
  // a watch started from a list emits no synthetic ADDED event; one started for an object does
  outputObjects = isList;
  for (const [type, obj] of events) {
    if (outputObjects) {
      const r = printer.print([obj], type);
      stdout += r.stdout;
      if (r.exitCode !== 0) return { ...r, stdout };
    }
    outputObjects = true;
  }
  return { stdout, stderr: '', exitCode: 0 };
}

function runGetVector(v: V): string | null {
  const argSets: string[][] = Array.isArray((v.args as unknown[])[0]) ? (v.args as string[][]) : [v.args as string[]];
  for (const args of argSets) {
    const r = runGet(v, args);
    if (typeof r === 'string') return r;
    const err = diff('stdout', r.stdout, v.expectedStdout ?? '') ?? (typeof v.expectedStderr === 'string' ? diff('stderr', r.stderr, v.expectedStderr) : null);
    if (err) return `${args.join(' ')}: ${err}`;
  }
  return null;
}

// ---------------- the family ----------------

function skipReason(v: V): string | null {
  if (v.group !== 'kubectl.get') return null;
  if (typeof v.expectedStderr === 'string' && v.expectedStderr.startsWith('Error from server')) return 'the NotFound error comes from the API server (fake REST client), not from the printers';
  if (v.test === 'TestGetNonExistObjectIgnoreNotFound' || v.test === 'TestWatchNonExistObjectIgnoreNotFound') return '--ignore-not-found over a NotFound answer of the API server; belongs to the kubectl command';
  if ((v.flags as [string, string][]).some(([k, val]) => k === 'output' && val === 'kyaml')) return '-o kyaml arrived in kubectl 1.34; Dockyard simulates kubectl 1.33';
  return null;
}

function caseName(v: V, i: number): string {
  const flags = (v.flags as [string, string][] | undefined)?.map(([k, val]) => `--${k}=${val}`).join(' ') ?? '';
  return `${v.group} #${i} ${v.test ?? v.name ?? String(v.spec ?? '')} ${flags}`.trim().slice(0, 140);
}

export const kubectlPrintersFamily: VectorFamily = {
  file: 'output-formats.json',
  cases(raw: unknown): VectorCase[] {
    const data = raw as { vectors: V[] };
    const cases: VectorCase[] = [];
    data.vectors.forEach((v, i) => {
      if (!KUBECTL_GROUPS.includes(v.group) || skipReason(v) !== null) return;
      const run = (): string | null => {
        switch (v.group) {
          case 'kubectl.printers.podRow':
            return runPodRow(v);
          case 'kubectl.tablePrinter':
            return runTablePrinter(v);
          case 'kubectl.get':
            return runGetVector(v);
          default:
            return runCustomColumns(v);
        }
      };
      cases.push({ name: caseName(v, i), run });
    });
    return cases;
  },
  skipped(raw: unknown): SkippedGroup[] {
    const data = raw as { vectors: V[] };
    const counts = new Map<string, { count: number; reason: string }>();
    for (const v of data.vectors) {
      const reason = KUBECTL_GROUPS.includes(v.group) ? skipReason(v) : null;
      if (reason === null) continue;
      const e = counts.get(reason) ?? { count: 0, reason };
      e.count++;
      counts.set(reason, e);
    }
    return [...counts.values()].map((e) => ({ group: 'kubectl.get', count: e.count, reason: e.reason }));
  },
};
