/**
 * output-formats.json: the tabwriter parameters and kubectl's custom-columns vectors run here. The
 * other groups exercise the docker and kubectl front ends (container/image formatter contexts, `kubectl
 * get`, the server-side table printer, pod rows, golden files of whole commands): they need those
 * commands' object fixtures and are skipped here with that reason; the front ends' own tests run them.
 */
import { parseCustomColumnsSpec, printCustomColumns, type Column } from '../jsonpath/customcolumns';
import { DOCKER_TABWRITER, KUBECTL_TABWRITER, RememberWidths } from '../tabwriter';
import { diff, first, type SkippedGroup, type VectorCase, type VectorFamily } from './types';

interface V {
  group: string;
  name?: string;
  [k: string]: unknown;
}
interface Data {
  tabwriter: Record<string, { minwidth: number; tabwidth: number; padding: number; padchar: string; flags: number | string }>;
  vectors: V[];
}

const RUN = new Set(['kubectl.customColumns.spec', 'kubectl.customColumns.print']);

const SKIP_REASON: Record<string, string> = {
  'docker.golden': 'whole-command golden output of docker/cli tests; belongs to the docker front end',
  'docker.ps.write': 'needs docker/cli ContainerContext (fields, headers); belongs to the docker front end',
  'docker.images.write': 'needs docker/cli ImageContext; belongs to the docker front end',
  'docker.container.field': 'ContainerContext field values; belongs to the docker front end',
  'docker.images.field': 'ImageContext field values; belongs to the docker front end',
  'docker.ps.ports': 'DisplayablePorts; belongs to the docker front end',
  'kubectl.get': 'whole `kubectl get` runs; belongs to the kubectl front end',
  'kubectl.tablePrinter': 'cli-runtime table printer over server-side Tables and pod fixtures; belongs to the kubectl front end',
  'kubectl.printers.podRow': 'pod printer cells; belongs to the kubectl front end',
};

function tabwriterCase(data: Data, which: 'docker' | 'kubectl'): VectorCase {
  return {
    name: `tabwriter.${which} parameters`,
    run: () => {
      const want = data.tabwriter[which];
      const got = which === 'docker' ? DOCKER_TABWRITER : KUBECTL_TABWRITER;
      if (!want) return 'missing tabwriter entry';
      const wantFlags = want.flags === 'RememberWidths' ? RememberWidths : want.flags;
      return first(
        diff('minwidth', got.minwidth, want.minwidth),
        diff('tabwidth', got.tabwidth, want.tabwidth),
        diff('padding', got.padding, want.padding),
        diff('padchar', got.padchar, want.padchar),
        diff('flags', got.flags, wantFlags),
      );
    },
  };
}

function runVector(v: V): string | null {
  if (v.group === 'kubectl.customColumns.spec') {
    const r = parseCustomColumnsSpec(String(v.spec));
    if (v.expectError === true) return r.ok ? 'expected an error' : null;
    if (!r.ok) return `unexpected error: ${r.error}`;
    if (Array.isArray(v.expectColumns)) return diff('columns', r.value, v.expectColumns);
    // no-headers: printing an empty Pod must not show the header
    const out = printCustomColumns(r.value, [{}], v.noHeaders === true);
    if (!out.ok) return `unexpected error: ${out.error}`;
    return out.value.includes('API_VERSION') ? `header printed: ${JSON.stringify(out.value)}` : null;
  }
  let columns: Column[];
  if (typeof v.spec === 'string') {
    const r = parseCustomColumnsSpec(v.spec);
    if (!r.ok) return v.expectError === true ? null : `unexpected error: ${r.error}`;
    columns = r.value;
  } else columns = v.columns as Column[];
  const objects = Array.isArray(v.objects) ? (v.objects as unknown[]) : [v.object];
  const out = printCustomColumns(columns, objects);
  if (v.expectError === true) return out.ok ? `expected an error, got ${JSON.stringify(out.value)}` : null;
  if (!out.ok) return `unexpected error: ${out.error}`;
  return diff('output', out.value, v.expected);
}

export const outputFormatsFamily: VectorFamily = {
  file: 'output-formats.json',
  cases(raw: unknown): VectorCase[] {
    const data = raw as Data;
    const cases: VectorCase[] = [tabwriterCase(data, 'docker'), tabwriterCase(data, 'kubectl')];
    data.vectors.forEach((v, i) => {
      if (RUN.has(v.group)) cases.push({ name: `${v.group} #${i} ${v.name ?? String(v.spec ?? '')}`.slice(0, 120), run: () => runVector(v) });
    });
    return cases;
  },
  skipped(raw: unknown): SkippedGroup[] {
    const data = raw as Data;
    const counts = new Map<string, number>();
    for (const v of data.vectors) if (!RUN.has(v.group)) counts.set(v.group, (counts.get(v.group) ?? 0) + 1);
    return [...counts].map(([group, count]) => ({ group, count, reason: SKIP_REASON[group] ?? 'not a formatting-library group' }));
  },
};
