/**
 * output-formats.json: the tabwriter parameters, kubectl's custom-columns vectors, and docker's
 * `DisplayablePorts` and image-list writes (formatter.ImageWrite over the vectors' image summaries,
 * through the docker front end's own row builder and format selection) run here. The other groups
 * exercise the front ends over fixtures that live in upstream Go tests (container contexts, `kubectl
 * get`, the server-side table printer, pod rows, golden files of whole commands) and are skipped here
 * with that reason.
 */
import { imageListings, imageRow, newImageFormat } from '../../docker/images';
import { displayablePorts, type ApiPort } from '../../docker/format';
import { goTimeString } from '../../docker/containers';
import { dockerWrite } from '../gotemplate';
import { parseCustomColumnsSpec, printCustomColumns, type Column } from '../jsonpath/customcolumns';
import { DOCKER_TABWRITER, KUBECTL_TABWRITER, RememberWidths } from '../tabwriter';
import { goldenRunnable, goldenSkip, runGolden } from './dockerGolden';
import { CLI29_CONTAINER_FIELDS, runContainerField, runImageField, runPsWrite } from './dockerContexts';
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

const RUN = new Set(['kubectl.customColumns.spec', 'kubectl.customColumns.print', 'docker.ps.ports', 'docker.images.write', 'docker.container.field', 'docker.ps.write', 'docker.images.field', 'docker.golden']);

const SKIP_REASON: Record<string, string> = {
  'docker.container.field (CLI 29 fields)': 'ContainerContext.HealthStatus is a docker/cli 29 field; the baseline, CLI 28.3.2, has no such field (the template fails there)',
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

const IMAGE_HEADERS: Record<string, string> = { ID: 'IMAGE ID', Repository: 'REPOSITORY', Tag: 'TAG', Digest: 'DIGEST', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', Size: 'SIZE', Containers: 'CONTAINERS', VirtualSize: 'SIZE', SharedSize: 'SHARED SIZE', UniqueSize: 'UNIQUE SIZE' };
/** "now" of the image-write vectors (their fixtures say `now - 24h`). */
const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

interface ImageFixture {
  ID: string;
  RepoTags?: string[];
  RepoDigests?: string[];
  Created?: string;
  Size?: number;
}

/** TestImageContextWrite: formatter.ImageWrite of image summaries with a context's format. */
function runImagesWrite(v: V): string | null {
  const ctx = v.context as { format?: string; formatFunc?: string; source?: string; quiet?: boolean; digest?: boolean };
  const digestFlag = ctx.digest === true;
  const format = ctx.formatFunc === 'NewImageFormat' ? newImageFormat(ctx.source ?? '', ctx.quiet === true, digestFlag) : (ctx.format ?? '');
  const needDigest = digestFlag || format.includes('{{.Digest}}');
  const rows = (v.images as ImageFixture[]).flatMap((img) => {
    const tags = (img.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
    const digests = (img.RepoDigests ?? []).filter((d) => d !== '<none>@<none>');
    const created = img.Created === 'now - 24h' ? new Date(NOW - 86_400_000).toISOString() : '0001-01-01T00:00:00Z';
    const refs = [...tags.map((t) => ({ familiar: t, digest: false })), ...digests.map((d) => ({ familiar: d, digest: true }))];
    return imageListings({ id: img.ID, created, size: img.Size ?? 0 }, refs, needDigest, digestFlag).map((l) => imageRow(l, NOW, false));
  });
  const r = dockerWrite(format, rows, IMAGE_HEADERS);
  if (v.expectError === true) return r.ok ? 'expected an error' : diff('error', r.error, v.errorMessage);
  if (!r.ok) return `unexpected error: ${r.error}`;
  let expected = v.expected;
  if (typeof v.expectedTemplate === 'string') {
    // %s are Go time.Time.String() of the fixtures' times (expectedTime, expectedZeroTime).
    const args = (v.templateArgs as string[]).map((a) => goTimeString(a === 'expectedZeroTime' ? -62135596800000 : NOW - 86_400_000));
    expected = v.expectedTemplate.replace(/%s/g, () => args.shift() ?? '');
  }
  return diff('output', r.output, expected);
}

/**
 * docker/cli 29 sorts ports by netip.Addr (9.0.0.1 before 10.0.0.2); Dockyard's baseline, CLI 28,
 * compares the IP strings. The vectors where the two orders differ are skipped with that reason.
 */
const CLI29_FIELD_GROUP = 'docker.container.field (CLI 29 fields)';
function groupOf(v: V): string {
  if (v.group === 'docker.golden') return goldenRunnable(v) ? 'docker.golden' : goldenSkip(v).group;
  if (cli29PortOrder(v)) return PORT_ORDER_GROUP;
  if (v.group === 'docker.container.field' && CLI29_CONTAINER_FIELDS.has(String(v.field))) return CLI29_FIELD_GROUP;
  return v.group;
}

function cli29PortOrder(v: V): boolean {
  if (v.group !== 'docker.ps.ports') return false;
  const ips = (v.ports as ApiPort[]).map((p) => p.IP).filter((ip): ip is string => typeof ip === 'string' && /^\d+(\.\d+){3}$/.test(ip));
  const num = (ip: string) => ip.split('.').reduce((a, b) => a * 256 + Number(b), 0);
  return ips.some((a) => ips.some((b) => a < b !== num(a) < num(b)));
}
const PORT_ORDER_GROUP = 'docker.ps.ports (CLI 29 netip order)';
const PORT_ORDER_REASON = "docker/cli 29 orders ports by netip.Addr; Dockyard's baseline, CLI 28, compares IP strings";

function runVector(v: V): string | null {
  if (v.group === 'docker.container.field') return runContainerField(v);
  if (v.group === 'docker.images.field') return runImageField(v);
  if (v.group === 'docker.ps.write') return runPsWrite(v);
  if (v.group === 'docker.golden') return runGolden(v);
  if (v.group === 'docker.ps.ports') return diff('ports', displayablePorts(v.ports as ApiPort[]), v.expect);
  if (v.group === 'docker.images.write') return runImagesWrite(v);
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
      if (RUN.has(groupOf(v))) cases.push({ name: `${v.group} #${i} ${v.name ?? String(v.spec ?? (v.context ? JSON.stringify(v.context) : ''))}`.slice(0, 120), run: () => runVector(v) });
    });
    return cases;
  },
  skipped(raw: unknown): SkippedGroup[] {
    const data = raw as Data;
    const counts = new Map<string, number>();
    const reasons = new Map<string, string>();
    for (const v of data.vectors) {
      const group = groupOf(v);
      if (v.group === 'docker.golden' && group !== 'docker.golden') reasons.set(group, goldenSkip(v).reason);
      if (!RUN.has(group)) counts.set(group, (counts.get(group) ?? 0) + 1);
    }
    return [...counts].map(([group, count]) => ({ group, count, reason: group === PORT_ORDER_GROUP ? PORT_ORDER_REASON : (reasons.get(group) ?? SKIP_REASON[group] ?? 'not a formatting-library group') }));
  },
};
