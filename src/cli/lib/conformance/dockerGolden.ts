/**
 * output-formats.json `docker.golden`: docker/cli golden files of whole commands. The fixtures live in
 * the upstream _test.go files; the ones whose command Dockyard simulates and whose fixture is small
 * are rebuilt here (the upstream builders' values, read from the test files) and run through the
 * front end's own code paths (`psWrite`, `portLines`, `newContainerFormat`). Every other golden is
 * skipped with its reason (`goldenSkip`).
 */
import { psWrite, type ContainerSummary } from '../../docker/containerContext';
import { portLines, type HostBinding } from '../../docker/port';
import { NOW, runPsWrite, type V } from './dockerContexts';
import { diff } from './types';
import { infoGoldenOutput } from './dockerInfoGolden';

/** internal/test/builders Container(name, ...): created a minute ago, "top", busybox:latest, Up 1 minute. */
function ctr(name: string, more: Partial<ContainerSummary> & { extraNames?: string[] } = {}): ContainerSummary {
  const { extraNames = [], ...rest } = more;
  return {
    ID: 'container_id',
    Names: [`/${name}`, ...extraNames.map((n) => `/${n}`)],
    Image: 'busybox:latest',
    ImageID: '',
    Command: 'top',
    Created: NOW / 1000 - 60,
    Ports: [],
    Labels: null,
    State: '',
    Status: 'Up 1 minute',
    Mounts: [],
    ...rest,
  };
}

interface PsCase {
  readonly containers: ContainerSummary[];
  readonly format?: string;
  readonly quiet?: boolean;
  readonly noTrunc?: boolean;
}

/** cli/command/container/list_test.go. */
const LIST_CASES: Record<string, PsCase> = {
  'container-list-without-format.golden': {
    containers: [
      ctr('c1'),
      ctr('c2', { extraNames: ['foo'] }),
      ctr('c3', { Ports: [80, 81, 82].map((p) => ({ PrivatePort: p, PublicPort: p, Type: 'tcp' })) }),
      ctr('c4', { Ports: [{ PrivatePort: 81, PublicPort: 81, Type: 'udp' }] }),
      ctr('c5', { Ports: [{ IP: '8.8.8.8', PrivatePort: 82, PublicPort: 82, Type: 'tcp' }] }),
    ],
  },
  'container-list-without-format-no-trunc.golden': { containers: [ctr('c1'), ctr('c2', { extraNames: ['foo/bar'] })], noTrunc: true },
  'container-list-format-name-name.golden': { containers: [ctr('c1'), ctr('c2', { extraNames: ['foo/bar'] })], format: '{{.Names}} {{.Names}}' },
  'container-list-format-with-arg.golden': {
    containers: [ctr('c1', { Labels: { 'some.label': 'value' } }), ctr('c2', { extraNames: ['foo/bar'], Labels: { foo: 'bar' } })],
    format: '{{.Names}} {{.Label "some.label"}}',
  },
  // The config file's psFormat is used as --format would be.
  'container-list-with-config-format.golden': {
    containers: [ctr('c1', { Labels: { 'some.label': 'value' }, SizeRw: 10_700_000 }), ctr('c2', { extraNames: ['foo/bar'], Labels: { foo: 'bar' }, SizeRw: 3_200_000 })],
    format: '{{ .Names }} {{ .Image }} {{ .Labels }} {{ .Size}}',
  },
  'container-list-with-format.golden': {
    containers: [ctr('c1', { Labels: { 'some.label': 'value' } }), ctr('c2', { extraNames: ['foo/bar'], Labels: { foo: 'bar' } })],
    format: '{{ .Names }} {{ .Image }} {{ .Labels }}',
  },
  'container-list-quiet.golden': {
    containers: [ctr('c1', { Labels: { 'some.label': 'value' } }), ctr('c2', { extraNames: ['foo/bar'], Labels: { foo: 'bar' } })],
    format: '{{ .Names }} {{ .Image }} {{ .Labels }}',
    quiet: true,
  },
};

/** cli/command/container/port_test.go TestNewPortCommandOutput: host IPs in that order, and the PRIVATE_PORT argument. */
const PORT_CASES: Record<string, { ips: string[]; port?: string }> = {
  'container-port-ipv4.golden': { ips: ['0.0.0.0'], port: '80' },
  'container-port-ipv6.golden': { ips: ['::'], port: '80' },
  'container-port-ipv6-and-ipv4.golden': { ips: ['::', '0.0.0.0'], port: '80' },
  'container-port-ipv6-and-ipv4-443-udp.golden': { ips: ['::', '0.0.0.0'], port: '443/udp' },
  'container-port-all-ports.golden': { ips: ['::', '0.0.0.0'] },
};

/** container_test.go TestContainerContextWriteSpecialHeaders: ContainerWrite with that format. */
const SPECIAL_HEADERS = 'container-context-write-special-headers.golden';

function file(v: V): string {
  return String(v.path).split('/testdata/')[1] ?? '';
}

/** info_test.go TestPrettyPrintInfo goldens (the human output; the JSON ones are skipped). */
function infoGolden(f: string): string | undefined {
  return f.startsWith('docker-info-') && !f.endsWith('.json.golden') ? infoGoldenOutput(f.replace(/\.golden$/, '')) : undefined;
}

export function goldenRunnable(v: V): boolean {
  const f = file(v);
  return f in LIST_CASES || f in PORT_CASES || f === SPECIAL_HEADERS || infoGolden(f) !== undefined;
}

export function runGolden(v: V): string | null {
  const f = file(v);
  const want = v.content;
  const list = LIST_CASES[f];
  if (list) {
    const size = list.quiet !== true && /\.Size\b/.test(list.format ?? '');
    const r = psWrite(list.containers, { format: list.format ?? '', quiet: list.quiet === true, size, noTrunc: list.noTrunc === true }, NOW);
    if (!r.ok) return `unexpected error: ${r.error}`;
    return diff('output', r.output, want);
  }
  const info = infoGolden(f);
  if (info !== undefined) return diff('output', info, want);
  const port = PORT_CASES[f];
  if (port) {
    const bind = (hostPort: string): HostBinding[] => port.ips.map((ip) => ({ HostIp: ip, HostPort: hostPort }));
    const r = portLines({ '80/tcp': bind('3456'), '443/tcp': bind('4567'), '443/udp': bind('5678') }, 'some_container', port.port);
    if (!r.ok) return `unexpected error: ${r.error}`;
    return diff('output', r.lines.length ? `${r.lines.join('\n')}\n` : '', want);
  }
  if (f === SPECIAL_HEADERS) {
    const containers = [1, 2].map((n) => ({ ID: `containerID${n}`, Names: [n === 1 ? '/foobar_baz' : '/foobar_bar'], Image: 'ubuntu', Created: 'now - 24h', State: 'running' }));
    return runPsWrite({
      group: 'docker.ps.write',
      context: { formatFunc: 'NewContainerFormat', source: 'table {{truncate .ID 5}}\t{{json .Image}} {{.RunningFor}}/{{title .Status}}/{{pad .Ports 2 2}}.{{upper .Names}} {{lower .Status}}', quiet: false, size: false },
      containers,
      expected: want,
    });
  }
  return 'no runner';
}

/** Why a golden file is not run, by the command it belongs to. */
export function goldenSkip(v: V): { group: string; reason: string } {
  const f = file(v);
  const dir = String(v.path).split('/testdata/')[0]?.split('/').pop() ?? '';
  const g = (sub: string, reason: string) => ({ group: `docker.golden (${sub})`, reason });
  if (f.startsWith('list-command') || f.startsWith('tree-command'))
    return g('image list tree view', "docker/cli 29's `docker image ls` tree view (IMAGE, ID, DISK USAGE, CONTENT SIZE, EXTRA); the baseline, CLI 28.3.2, prints the classic table (run by docker.images.write)");
  if (f.startsWith('load-command')) return g('image load', '`docker image load` of a tar archive is not simulated');
  if (f.startsWith('container-create-daemon')) return g('create warnings', "daemon warnings of a fake client's create response; Dockyard's daemon returns none");
  if (f.startsWith('history-command') || f.startsWith('inspect-command') || f.startsWith('prune-command') || f.startsWith('pull-command') || f.startsWith('remove-command'))
    return g('image commands over fake clients', "the fixtures are fake API clients' answers (empty or placeholder image records); Dockyard's commands read its own daemon, checked by transcripts/docker-cli instead");
  if (dir === 'volume' && f.includes('cluster')) return g('cluster volumes', 'swarm cluster volumes are not simulated');
  if (dir === 'volume') return g('volume commands over fake clients', "fake API clients' volume fixtures; Dockyard's volume commands read its own daemon");
  if (dir === 'network') return g('network commands over fake clients', "fake API clients' network fixtures (drivers such as 09.7.01); Dockyard's network commands read its own daemon");
  if (f.startsWith('disk-usage')) return g('system df writer', "formatter.DiskUsage over empty fixtures; Dockyard's system df reads its own daemon");
  if (f.startsWith('docker-info')) return g('docker info --format json', "`{{json .}}` of the whole system.Info struct (every field of moby's type, in Go's field order, zero values included); Dockyard's prettyPrintInfo runs the human goldens");
  if (f.startsWith('docker-events')) return g('docker events', '`docker events` is not simulated');
  if (f.startsWith('TestVersionFormat')) return g('docker version', "a fake 18.99.5-ce version struct; Dockyard's docker version describes its own 28.3.2 client and engine");
  return g('other', 'no runner');
}
