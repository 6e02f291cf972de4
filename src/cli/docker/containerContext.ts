/**
 * docker/cli's formatter.ContainerContext (cli/command/formatter/container.go, v28.3.2): the fields a
 * `docker ps --format` template sees, computed from the container summaries the Engine API lists
 * (`GET /containers/json`), and `NewContainerFormat` (what `--format` stands for). `docker ps` turns
 * the daemon's records into summaries (`containerSummary`) and formats those, so the conformance
 * vectors of docker/cli's formatter tests, which are summaries too, run through this same code.
 */
import type { ContainerRecord } from '../../engine/docker/daemon';
import { apiPorts } from '../../engine/docker/inspect';
import { familiarString, parseNormalizedNamed, trimNamed } from '../../engine/docker/reference';
import { goStruct } from '../lib/gofmt';
import { dockerHumanDuration, humanSizeWithPrecision } from '../lib/units';
import { containerCommand, displayablePorts, ellipsis, shortId, stateString, type ApiPort } from './format';
import { goQuote } from '../lib/command';
import { writeTable } from './table';

/** One mount of a summary (types.MountPoint, the fields the formatter reads). */
export interface SummaryMount {
  readonly Type?: string;
  readonly Name?: string;
  readonly Source: string;
  readonly Driver?: string;
}

/** container.Summary: what the Engine API lists for one container. */
export interface ContainerSummary {
  readonly ID: string;
  readonly Names: readonly string[];
  readonly Image: string;
  readonly ImageID: string;
  readonly Command: string;
  /** Unix seconds, as the API gives it. */
  readonly Created: number;
  readonly Ports: readonly ApiPort[];
  readonly SizeRw?: number;
  readonly SizeRootFs?: number;
  readonly Labels: Readonly<Record<string, string>> | null;
  readonly State: string;
  readonly Status: string;
  readonly Mounts: readonly SummaryMount[];
  /** The keys of NetworkSettings.Networks; undefined when the summary has no NetworkSettings. */
  readonly Networks?: readonly string[];
}

export const CONTAINER_HEADERS: Readonly<Record<string, string>> = {
  ID: 'CONTAINER ID',
  Names: 'NAMES',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Labels: 'LABELS',
  Mounts: 'MOUNTS',
  LocalVolumes: 'LOCAL VOLUMES',
  Networks: 'NETWORKS',
  Platform: 'PLATFORM',
};

const DEFAULT_CONTAINER_TABLE = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';

/** formatter.NewContainerFormat. */
export function newContainerFormat(source: string, quiet: boolean, size: boolean): string {
  if (source === 'table' || source === '') {
    if (quiet) return '{{.ID}}';
    return size ? `${DEFAULT_CONTAINER_TABLE}\\t{{.Size}}` : DEFAULT_CONTAINER_TABLE;
  }
  if (source === 'raw') {
    if (quiet) return 'container_id: {{.ID}}';
    const raw = 'container_id: {{.ID}}\nimage: {{.Image}}\ncommand: {{.Command}}\ncreated_at: {{.CreatedAt}}\nstate: {{- pad .State 1 0}}\nstatus: {{- pad .Status 1 0}}\nnames: {{.Names}}\nlabels: {{- pad .Labels 1 0}}\nports: {{- pad .Ports 1 0}}\n';
    return size ? `${raw}size: {{.Size}}\\n` : raw;
  }
  return quiet ? '{{.ID}}' : source;
}

/** Go's time.Time.String() in the simulated host's zone (UTC). */
export function goTimeString(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`;
}

/** The image cell (ContainerContext.Image): familiar name, the tag kept, the digest dropped. */
export function summaryImage(image: string, imageId: string, trunc: boolean): string {
  if (image === '') return '<no image>';
  if (trunc) {
    const short = shortId(imageId);
    if (short === shortId(image)) return short;
    const r = parseNormalizedNamed(image);
    if (r.ok) return familiarString(r.value.tag !== '' ? { ...trimNamed(r.value), tag: r.value.tag } : trimNamed(r.value));
  }
  return image;
}

/** The fields of ContainerContext over summaries; `now` is the client's clock in ms. */
export function containerContextFields(trunc: boolean, now: number): Record<string, (c: ContainerSummary) => string> {
  // Many containers share an image: parse each reference once per listing.
  const images = new Map<string, string>();
  const image = (c: ContainerSummary): string => {
    const key = `${c.Image}\n${c.ImageID}`;
    let v = images.get(key);
    if (v === undefined) images.set(key, (v = summaryImage(c.Image, c.ImageID, trunc)));
    return v;
  };
  return {
    ID: (c) => (trunc ? shortId(c.ID) : c.ID),
    Names: (c) => {
      let names = c.Names.map((n) => n.slice(1));
      if (trunc) {
        const plain = names.find((n) => !n.includes('/'));
        if (plain !== undefined) names = [plain];
      }
      return names.join(',');
    },
    Image: image,
    Command: (c) => goQuote(trunc ? ellipsis(c.Command, 20) : c.Command),
    CreatedAt: (c) => goTimeString(c.Created * 1000),
    RunningFor: (c) => `${dockerHumanDuration(now - c.Created * 1000)} ago`,
    Ports: (c) => displayablePorts(c.Ports),
    State: (c) => c.State,
    Status: (c) => c.Status,
    Size: (c) => {
      const srw = humanSizeWithPrecision(c.SizeRw ?? 0, 3);
      return (c.SizeRootFs ?? 0) > 0 ? `${srw} (virtual ${humanSizeWithPrecision(c.SizeRootFs ?? 0, 3)})` : srw;
    },
    Labels: (c) =>
      c.Labels === null
        ? ''
        : Object.entries(c.Labels)
            .map(([k, v]) => `${k}=${v}`)
            .sort()
            .join(','),
    Mounts: (c) => c.Mounts.map((m) => (trunc ? ellipsis(m.Name ? m.Name : m.Source, 15) : m.Name ? m.Name : m.Source)).join(','),
    LocalVolumes: (c) => String(c.Mounts.filter((m) => m.Driver === 'local').length),
    Networks: (c) => (c.Networks ?? []).join(','),
  };
}

/** The value a template sees: a *formatter.ContainerContext with its fields and `.Label`. */
export function containerRow(fields: Record<string, (c: ContainerSummary) => string>, c: ContainerSummary): Record<string, unknown> {
  // Keys in sorted order: `{{json .}}` is formatter.MarshalJSON, a map of every method's value.
  // Platform is nil unless the daemon gives an image manifest descriptor (it does not here).
  const row: Record<string, unknown> = {};
  for (const k of [...Object.keys(fields), 'Platform'].sort()) row[k] = k === 'Platform' ? null : fields[k]!(c);
  row.Label = (k: string) => (c.Labels ?? {})[k] ?? '';
  return goStruct(row, '*formatter.ContainerContext');
}

/** What the daemon lists for one container (daemon/list.go `refreshImage`, container view). */
export function containerSummary(
  c: ContainerRecord,
  now: number,
  imageResolves: (ref: string) => string | undefined,
  size?: { rw: number; rootFs: number },
): ContainerSummary {
  // The daemon shows the image id when the name no longer resolves to the container's image.
  const image = imageResolves(c.imageRef) === c.imageId ? c.imageRef : c.imageId;
  return {
    ID: c.id,
    Names: [`/${c.name}`],
    Image: image,
    ImageID: c.imageId,
    Command: containerCommand(c.path, c.args),
    Created: Math.floor(c.created / 1000),
    Ports: c.ports.length === 0 && c.config.ExposedPorts.length === 0 ? [] : apiPorts(c),
    ...(size ? { SizeRw: size.rw, SizeRootFs: size.rootFs } : {}),
    Labels: c.config.Labels,
    State: c.state.Status,
    Status: stateString(c.state, now),
    Mounts: c.mounts.map((m) => (m.type === 'volume' ? { Type: 'volume', Name: m.source, Source: `/var/lib/docker/volumes/${m.source}/_data`, Driver: 'local' } : { Type: 'bind', Source: m.source })),
    Networks: (c.endpoints ?? []).map((e) => e.name).sort(),
  };
}

/** What `docker ps` writes for the summaries the daemon listed (list.go runPs after the API call). */
export function psWrite(summaries: readonly ContainerSummary[], o: { format: string; quiet: boolean; size: boolean; noTrunc: boolean }, now: number): { ok: true; output: string } | { ok: false; error: string } {
  const format = newContainerFormat(o.format, o.quiet, o.size);
  const fields = containerContextFields(!o.noTrunc, now);
  const r = writeTable(format, summaries, CONTAINER_HEADERS, fields, () => summaries.map((c) => containerRow(fields, c)));
  return r.ok ? { ok: true, output: r.output } : { ok: false, error: r.error };
}
