import { rfc3339Nano, type ApiPort } from '../../engine/docker/inspect';
/**
 * Formatting helpers of the docker CLI, as docker/cli v28 and moby write them:
 * - `containerCommand`: moby daemon/container/view.go (path + args, args with spaces in single quotes);
 * - `ellipsis`, `psCommand`: docker/cli cli/command/formatter/displayutils.go `Ellipsis` and
 *   formatter/container.go `Command` (truncate to 20 display columns, then strconv.Quote);
 * - `displayablePorts`: formatter/container.go `DisplayablePorts` (ranges, `[::]` hosts);
 * - `stateString`: moby daemon/container/state.go `State.String` (cli-reference.md §2.7);
 * - `shortId`: moby stringid.TruncateID (cli-reference.md §1.1).
 */
import { displayWidth, wide } from '../../engine/runtime/pty';
import { goQuote } from '../lib/command';
import { dockerHumanDuration } from '../lib/units';

/** The first 12 hex digits of an id, `sha256:` stripped. */
export function shortId(id: string): string {
  const i = id.indexOf(':');
  return (i >= 0 ? id.slice(i + 1) : id).slice(0, 12);
}

/** moby's Command of a container: `path arg 'arg with space'`. */
export function containerCommand(path: string, args: readonly string[]): string {
  if (args.length === 0) return path;
  return `${path} ${args.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}`;
}

/** docker/cli's Ellipsis: at most `max` display columns, the last one `…` when cut. */
export function ellipsis(s: string, max: number): string {
  if (max <= 0) return '';
  const rs = [...s];
  if (max === 1) return rs[0] ?? '';
  const ascii = rs.length === s.length && !rs.some((c) => wide(c));
  if (ascii) return rs.length <= max ? s : `${rs.slice(0, max - 1).join('')}…`;
  if (displayWidth(s) <= max) return s;
  let w = 0;
  for (let i = 0; i < rs.length; i++) {
    const cw = displayWidth(rs[i]!);
    if (w + cw > max - 1) return `${rs.slice(0, i).join('')}…`;
    w += cw;
  }
  return s;
}

/** The COMMAND cell of `docker ps`: truncated unless --no-trunc, then Go-quoted. */
export function psCommand(command: string, trunc: boolean): string {
  return goQuote(trunc ? ellipsis(command, 20) : command);
}

/** One port of a container as the Engine API lists it. */

function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function comparePorts(i: ApiPort, j: ApiPort): number {
  if (i.PrivatePort !== j.PrivatePort) return i.PrivatePort - j.PrivatePort;
  const ii = i.IP ?? '';
  const ji = j.IP ?? '';
  if (ii !== ji) return ii < ji ? -1 : 1;
  const ip = i.PublicPort ?? 0;
  const jp = j.PublicPort ?? 0;
  if (ip !== jp) return ip - jp;
  return i.Type < j.Type ? -1 : i.Type > j.Type ? 1 : 0;
}

function formGroup(key: string, start: number, last: number): string {
  const parts = key.split('/');
  let groupType = parts[0]!;
  let ip = '';
  if (parts.length > 1) {
    ip = parts[0]!;
    groupType = parts[1]!;
  }
  let group = String(start);
  if (start !== last) group = `${group}-${last}`;
  if (ip !== '') group = `${joinHostPort(ip, group)}->${group}`;
  return `${group}/${groupType}`;
}

/** The PORTS cell: `0.0.0.0:8080->80/tcp, [::]:8080->80/tcp`, `80/tcp`, `0.0.0.0:8000-8001->8000-8001/tcp`. */
export function displayablePorts(input: readonly ApiPort[]): string {
  const ports = [...input].sort(comparePorts);
  const groups = new Map<string, { first: number; last: number }>();
  const result: string[] = [];
  const hostMappings: string[] = [];
  for (const port of ports) {
    const current = port.PrivatePort;
    let key = port.Type;
    if (port.IP) {
      if (port.PublicPort !== current) {
        hostMappings.push(`${joinHostPort(port.IP, String(port.PublicPort ?? 0))}->${port.PrivatePort}/${port.Type}`);
        continue;
      }
      key = `${port.IP}/${port.Type}`;
    }
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { first: current, last: current });
      continue;
    }
    if (current === g.last + 1) {
      g.last = current;
      continue;
    }
    result.push(formGroup(key, g.first, g.last));
    // Go re-creates the group under the same key: the key keeps its first-insertion position.
    groups.set(key, { first: current, last: current });
  }
  for (const [key, g] of groups) result.push(formGroup(key, g.first, g.last));
  return [...result, ...hostMappings].join(', ');
}

/** What State.String reads. Times are simulated ms; 0 is Go's zero time. */
export interface StateForString {
  readonly Running: boolean;
  readonly Paused: boolean;
  readonly Restarting: boolean;
  readonly Dead: boolean;
  readonly Status: string;
  readonly ExitCode: number;
  readonly StartedAt: number;
  readonly FinishedAt: number;
  /** With a healthcheck: `Up 5 seconds (health: starting)`, `(healthy)`, `(unhealthy)`. */
  readonly Health?: { readonly Status: string };
}

/** The STATUS column: `Up 2 minutes`, `Exited (0) 5 seconds ago`, `Created` … */
export function stateString(s: StateForString, now: number): string {
  if (s.Running) {
    if (s.Paused) return `Up ${dockerHumanDuration(now - s.StartedAt)} (Paused)`;
    if (s.Restarting) return `Restarting (${s.ExitCode}) ${dockerHumanDuration(now - s.FinishedAt)} ago`;
    if (s.Health) return `Up ${dockerHumanDuration(now - s.StartedAt)} (${s.Health.Status === 'starting' ? 'health: starting' : s.Health.Status})`;
    return `Up ${dockerHumanDuration(now - s.StartedAt)}`;
  }
  if (s.Status === 'removing') return 'Removal In Progress';
  if (s.Dead) return 'Dead';
  if (s.StartedAt === 0) return 'Created';
  if (s.FinishedAt === 0) return '';
  return `Exited (${s.ExitCode}) ${dockerHumanDuration(now - s.FinishedAt)} ago`;
}

/** The image of a container as `docker ps` shows it (formatter/container.go `Image`): familiar, no digest. */
export function psImage(image: string, imageId: string, trunc: boolean): string {
  if (image === '') return '<no image>';
  if (trunc) {
    // The daemon gives the image id when the name no longer resolves to the container's image.
    const short = shortId(imageId);
    if (short === shortId(image)) return short;
    let s = image;
    const at = s.indexOf('@');
    if (at >= 0) s = s.slice(0, at);
    s = s.replace(/^docker\.io\//, '').replace(/^library\//, '');
    return s;
  }
  return image;
}

/** RFC 3339 with nanoseconds as Go prints time.RFC3339Nano in UTC (trailing zeros dropped). */

export { rfc3339Nano, type ApiPort };

/** The fixed 9-digit form docker logs -t prints (jsonmessage RFC3339NanoFixed). */
export function rfc3339NanoFixed(ms: number): string {
  const iso = new Date(ms).toISOString();
  const [base, frac = '000Z'] = iso.split('.');
  return `${base!}.${frac.replace(/Z$/, '').padEnd(9, '0')}Z`;
}
