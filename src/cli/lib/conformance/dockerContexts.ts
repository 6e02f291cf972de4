/**
 * output-formats.json's docker front-end groups run through Dockyard's own docker formatter code:
 * `docker.container.field` (formatter.ContainerContext fields over container summaries),
 * `docker.ps.write` (formatter.ContainerWrite with a Context's format, or NewContainerFormat) and
 * `docker.images.field` (formatter.imageContext fields). The fixtures are the upstream tests'
 * `container.Summary` / `image.Summary` values; placeholders such as `<random 64-hex id>` or
 * `<now - 65 seconds (unix)>` are replaced with fixed values at the vectors' "now".
 */
import { CONTAINER_HEADERS, containerContextFields, containerRow, newContainerFormat, type ContainerSummary } from '../../docker/containerContext';
import { imageRow } from '../../docker/images';
import { dockerWrite } from '../gotemplate';
import { diff } from './types';

export interface V {
  group: string;
  [k: string]: unknown;
}

/** "now" of the vectors (2025-06-01 12:00:00 UTC), in ms. */
export const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const RANDOM_ID = '3e1f1b9b5fb04a42d9a7e0c6f2dc3b70e0a4f6bb0ad0ed7c5a6ab3c0d4e8f2a1';
const GO_ZERO_UNIX = -62135596800;

/** time.Unix(sec, 0).String() with the zone UTC (the simulated host's), written out independently of the front end. */
function timeString(unix: number): string {
  const d = new Date(unix * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000 UTC`;
}

function unixOf(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v === 'now - 24h') return NOW / 1000 - 86_400;
  if (v === '<now - 65 seconds (unix)>') return NOW / 1000 - 65;
  if (v === '<now (unix)>') return NOW / 1000;
  return 0;
}

/** The upstream fixture as a summary. */
function summary(raw: Record<string, unknown>): ContainerSummary {
  const id = raw.ID === '<random 64-hex id>' ? RANDOM_ID : String(raw.ID ?? '');
  return {
    ID: id,
    Names: (raw.Names as string[] | undefined) ?? [],
    Image: String(raw.Image ?? ''),
    ImageID: String(raw.ImageID ?? ''),
    Command: String(raw.Command ?? ''),
    Created: unixOf(raw.Created),
    Ports: (raw.Ports as ContainerSummary['Ports'] | undefined) ?? [],
    SizeRw: (raw.SizeRw as number | undefined) ?? 0,
    SizeRootFs: (raw.SizeRootFs as number | undefined) ?? 0,
    Labels: (raw.Labels as Record<string, string> | undefined) ?? null,
    State: String(raw.State ?? ''),
    Status: String(raw.Status ?? ''),
    Mounts: (raw.Mounts as ContainerSummary['Mounts'] | undefined) ?? [],
  };
}

/** cli/command/formatter/container_test.go TestContainerBackCompat's fixture (created one year before now). */
const BACK_COMPAT: ContainerSummary = {
  ID: 'aabbccddeeff',
  Names: ['/foobar_baz'],
  Image: 'docker.io/library/ubuntu',
  ImageID: 'sha256:a5a665ff33eced1e0803148700880edab4269067ed77e27737a708d0d293fbf5',
  Command: '/bin/sh',
  Created: Date.UTC(2024, 5, 1, 12, 0, 0) / 1000,
  Ports: [{ PrivatePort: 8080, PublicPort: 8080, Type: 'tcp' }],
  SizeRw: 123,
  SizeRootFs: 12345,
  Labels: { label1: 'value1', label2: 'value2' },
  State: 'running',
  Status: 'running',
  Mounts: [],
};

/** Fields docker/cli 29 added to ContainerContext; CLI 28.3.2 has no such method. */
export const CLI29_CONTAINER_FIELDS = new Set(['HealthStatus']);

export function runContainerField(v: V): string | null {
  const field = String(v.field);
  if (typeof v.template === 'string') {
    // TestContainerBackCompat: ContainerWrite with Context{Format: "{{ .Field }}"} (Trunc false), output trimmed.
    const fields = containerContextFields(false, NOW);
    const r = dockerWrite(v.template, [containerRow(fields, BACK_COMPAT)], CONTAINER_HEADERS);
    if (!r.ok) return `unexpected error: ${r.error}`;
    const want = typeof v.expect === 'string' ? v.expect : timeString(BACK_COMPAT.Created);
    return diff(field, r.output.trim(), want);
  }
  const c = summary(v.container as Record<string, unknown>);
  const fields = containerContextFields(v.trunc === true, NOW);
  const get = fields[field];
  if (!get) return `no field ${field}`;
  let want = v.expect;
  if (typeof want !== 'string') {
    const derived = String((want as { derived?: string }).derived);
    if (derived.startsWith('first 12')) want = c.ID.slice(0, 12);
    else if (derived.startsWith('the full')) want = c.ID;
    else if (derived.startsWith('Go time.Time.String()')) want = timeString(c.Created);
    else return `unknown derived expectation ${derived}`;
  }
  return diff(field, get(c), want);
}

export function runImageField(v: V): string | null {
  const field = String(v.field);
  const img = v.image as { ID?: string; Size?: number; Created?: unknown; Containers?: number; SharedSize?: number };
  const id = img.ID === '<random 64-hex id>' ? RANDOM_ID : (img.ID ?? '');
  const created = img.Created === undefined ? 0 : unixOf(img.Created);
  const row = imageRow(
    {
      img: { id, created: created === GO_ZERO_UNIX ? '0001-01-01T00:00:00Z' : new Date(created * 1000).toISOString(), size: img.Size ?? 0 },
      repo: typeof v.repo === 'string' ? v.repo : '',
      tag: typeof v.tag === 'string' ? v.tag : '',
      digest: typeof v.digest === 'string' ? v.digest : '',
    },
    NOW,
    v.trunc === true,
    { containers: img.Containers ?? 0, sharedSize: img.SharedSize ?? 0 },
  );
  let want = v.expect;
  if (typeof want !== 'string') {
    const derived = String((want as { derived?: string }).derived);
    if (derived.startsWith('first 12')) want = id.slice(0, 12);
    else if (derived.startsWith('the full')) want = id;
    else if (derived.startsWith('Go time.Time.String()')) want = timeString(created);
    else return `unknown derived expectation ${derived}`;
  }
  return diff(field, row[field], want);
}

export function runPsWrite(v: V): string | null {
  const ctx = v.context as { format?: string; formatFunc?: string; source?: string; quiet?: boolean; size?: boolean };
  const format = ctx.formatFunc === 'NewContainerFormat' ? newContainerFormat(ctx.source ?? '', ctx.quiet === true, ctx.size === true) : (ctx.format ?? '');
  // TestContainerContextWrite's Contexts leave Trunc false.
  const fields = containerContextFields(false, NOW);
  const rows = (v.containers as Record<string, unknown>[]).map((c) => containerRow(fields, summary(c)));
  const r = dockerWrite(format, rows, CONTAINER_HEADERS);
  if (v.expectError === true) return r.ok ? 'expected an error' : diff('error', r.error, v.errorMessage);
  if (!r.ok) return `unexpected error: ${r.error}`;
  let expected = v.expected;
  if (typeof v.expectedTemplate === 'string') {
    const args = (v.templateArgs as string[]).map(() => timeString(NOW / 1000 - 86_400));
    expected = v.expectedTemplate.replace(/%s/g, () => args.shift() ?? '');
  }
  return diff('output', r.output, expected);
}
