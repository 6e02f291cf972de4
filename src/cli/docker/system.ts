/**
 * inspect (containers and images, cli-reference.md §2.8 key order), version, info, volume,
 * system df/prune, container prune.
 */
import { DaemonError, type DockerDaemon } from '../../engine/docker/daemon';
import { versions } from '../../engine/core/versions';
import { defineCommand, flag, max, min, noArgs, type CliContext, type Command } from '../lib/command';
import { dockerWrite, parseDockerTemplate } from '../lib/gotemplate';
import { goJSON, goMap, goStruct } from '../lib/gofmt';
import { dockerSize } from '../lib/units';
import { inspectContainer, inspectImage } from '../../engine/docker/inspect';
import { CliError, connect, eachArg, guard } from './client';
import { completionContainers, type DaemonGetter } from './containers';
import { confirm } from './images';
import { rfc3339Nano } from './format';
import { dockyardInfo, prettyPrintInfo } from './info';

/** Fields of the Engine API's inspect types that are Go maps (their keys sort); every other object is a struct. */
const MAP_FIELDS = new Set(['Labels', 'PortBindings', 'Ports', 'Networks', 'ExposedPorts', 'Volumes', 'Config', 'Annotations', 'Sysctls', 'Tmpfs', 'StorageOpt', 'Options', 'DriverOpts', 'Data']);

/**
 * The inspect JSON as the typed value the CLI's template sees (TemplateInspector runs templates on
 * the typed response first): objects in struct field order, maps with sorted keys (`{{json .State}}`).
 */
function typed(v: unknown, key: string): unknown {
  if (Array.isArray(v)) return v.map((x) => typed(x, ''));
  if (v === null || typeof v !== 'object') return v;
  const src = v as Record<string, unknown>;
  // LogConfig.Config is a map, Container.Config a struct.
  const isMap = MAP_FIELDS.has(key) && !(key === 'Config' && ('Image' in src || 'Env' in src || 'Hostname' in src));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(src)) out[k] = typed(src[k], isMap ? '' : k);
  return isMap ? goMap(out, 'map[string]interface {}') : goStruct(out, 'struct');
}

/** Prints objects as docker inspect does: a 4-space JSON array, or each through --format. */
async function printInspect(cli: CliContext, objs: unknown[], format: string): Promise<void> {
  if (format === '') {
    await cli.out(`${objs.length === 0 ? '[]' : goJSON(objs, { indent: '    ', escapeHTML: false })}\n`);
    return;
  }
  const t = parseDockerTemplate(format === 'json' ? '{{json .}}' : format);
  if (!t.ok) throw new CliError(`template parsing error: ${t.error}`);
  for (const o of objs) {
    const r = t.template.execute(typed(o, ''));
    if (!r.ok) throw new CliError(`template: ${r.error}`);
    await cli.out(`${r.output}\n`);
  }
}

function inspectDef(dc: DaemonGetter, use: string, short: string, kind: 'any' | 'container' | 'image'): Command {
  return defineCommand({
    use,
    short,
    args: min(1),
    flags: {
      format: flag.string('format', {
        short: 'f',
        usage:
          "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates",
      }),
      ...(kind !== 'image' ? { size: flag.bool('size', { short: 's', usage: kind === 'container' ? 'Display total file sizes' : 'Display total file sizes if the type is container' }) } : {}),
      ...(kind === 'any' ? { type: flag.string('type', { usage: 'Only inspect objects of the given type' }) } : {}),
      ...(kind === 'image'
        ? { platform: flag.string('platform', { usage: "Inspect a specific platform of the multi-platform image.\nIf the image or the server is not multi-platform capable, the command will error out if the platform does not match.\n'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)" }) }
        : {}),
    },
    completeArgs: (req) => completionContainers(dc, req.toComplete, () => true),
    run: (cli, args, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const type = kind === 'any' ? ((o as { type?: string }).type ?? '') : kind;
        if (type !== '' && !['container', 'image', 'volume', 'network'].includes(type)) throw new CliError(`"${type}" is not a valid value for --type`);
        const found: unknown[] = [];
        const missing: string[] = [];
        for (const a of args) {
          const c = type === '' || type === 'container' ? daemon.container(a) : undefined;
          const i = !c && (type === '' || type === 'image') ? daemon.image(a) : undefined;
          if (c) found.push(inspectContainer(c));
          else if (i) found.push(inspectImage(i));
          else missing.push(a);
        }
        await printInspect(cli, found, o.format);
        if (missing.length > 0) {
          // A given --type asks that type's endpoint: its daemon error, not "No such object".
          const msg = missing.map((m) => (type === 'image' ? `Error response from daemon: No such image: ${m}` : type === 'container' ? `Error response from daemon: No such container: ${m}` : `Error: No such object: ${m}`));
          throw new CliError(msg.join('\n'));
        }
        return 0;
      }),
  });
}

export const inspectCommand = (dc: DaemonGetter) => inspectDef(dc, 'inspect [OPTIONS] NAME|ID [NAME|ID...]', 'Return low-level information on Docker objects', 'any');
export const containerInspectCommand = (dc: DaemonGetter) => inspectDef(dc, 'inspect [OPTIONS] CONTAINER [CONTAINER...]', 'Display detailed information on one or more containers', 'container');
export const imageInspectCommand = (dc: DaemonGetter) => inspectDef(dc, 'inspect [OPTIONS] IMAGE [IMAGE...]', 'Display detailed information on one or more images', 'image');

export function versionCommand(): Command {
  return defineCommand({
    use: 'version [OPTIONS]',
    short: 'Show the Docker version information',
    args: noArgs,
    annotations: { 'category-top': '12' },
    flags: { format: flag.string('format', { short: 'f', usage: "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates" }) },
    run: async (cli) => {
      const client = `Client: Docker Engine - Community\n Version:           ${versions.docker}\n API version:       ${versions.dockerApi}\n Go version:        go1.24.5\n Git commit:        578ccf6\n Built:             Wed Jul  9 16:13:45 2025\n OS/Arch:           linux/amd64\n Context:           default\n`;
      await cli.out(client);
      try {
        await connect(cli);
      } catch (e) {
        await cli.err(`${(e as Error).message}\n`);
        return 1;
      }
      await cli.out(
        `\nServer: Docker Engine - Community\n Engine:\n  Version:          ${versions.docker}\n  API version:      ${versions.dockerApi} (minimum version 1.24)\n  Go version:       go1.24.5\n  Git commit:       e77ff99\n  Built:            Wed Jul  9 16:13:45 2025\n  OS/Arch:          linux/amd64\n  Experimental:     false\n containerd:\n  Version:          ${versions.containerd}\n  GitCommit:        05044ec0a9a75232cad458027ca83437aae3f4da\n runc:\n  Version:          1.2.5\n  GitCommit:        v1.2.5-0-g59923ef\n docker-init:\n  Version:          0.19.0\n  GitCommit:        de40ad0\n`,
      );
      return 0;
    },
  });
}

export function infoCommand(): Command {
  return defineCommand({
    use: 'info [OPTIONS]',
    short: 'Display system-wide information',
    args: noArgs,
    annotations: { 'category-top': '12', aliases: 'docker system info, docker info' },
    flags: { format: flag.string('format', { short: 'f', usage: "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates" }) },
    run: (cli) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const cs = daemon.listContainers(true);
        const paused = cs.filter((c) => c.state.Paused).length;
        const running = cs.filter((c) => c.state.Running).length - paused;
        const read = (path: string): string => {
          try {
            return cli.proc.fs.readText(path);
          } catch {
            return '';
          }
        };
        const host = {
          ncpu: (read('/proc/cpuinfo').match(/^processor\s*:/gm) ?? []).length || 1,
          memTotal: Number(/^MemTotal:\s+(\d+) kB/m.exec(read('/proc/meminfo'))?.[1] ?? 0) * 1024,
          hostname: read('/etc/hostname').trim(),
        };
        const info = dockyardInfo({ containers: cs.length, running, paused, images: daemon.listImages().length }, host, versions);
        const r = prettyPrintInfo(info);
        await cli.out(r.out);
        if (r.err !== '') await cli.err(r.err);
        return 0;
      }),
  });
}

// ------------------------------------------------------------------ volumes

export function volumeCommand(): Command {
  const create = defineCommand({
    use: 'create [OPTIONS] [VOLUME]',
    short: 'Create a volume',
    args: max(1),
    flags: {
      driver: flag.string('driver', { short: 'd', usage: 'Specify volume driver name', default: 'local' }),
      label: flag.list('label', { usage: 'Set metadata for a volume' }),
      opt: flag.map('opt', { short: 'o', usage: 'Set driver specific options' }),
      name: flag.string('name', { usage: 'Specify volume name', hidden: true }),
    },
    run: (cli, args, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const given = args[0] ?? o.name;
        const name = given || cli.proc.kernel.ids.hex('anon-volume', 64);
        // The volume service labels a volume created without a name as anonymous.
        const labels = Object.fromEntries((o.label as string[]).map((l) => [l.split('=')[0]!, l.includes('=') ? l.slice(l.indexOf('=') + 1) : '']));
        daemon.volume(name, true, given ? labels : { ...labels, 'com.docker.volume.anonymous': '' });
        await cli.out(`${name}\n`);
        return 0;
      }),
  });
  const ls = defineCommand({
    use: 'ls [OPTIONS]',
    aliases: ['list'],
    short: 'List volumes',
    args: noArgs,
    flags: {
      quiet: flag.bool('quiet', { short: 'q', usage: 'Only display volume names' }),
      format: flag.string('format', { usage: "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates" }),
      filter: flag.list('filter', { short: 'f', type: 'filter', usage: 'Provide filter values (e.g. "dangling=true")' }),
      cluster: flag.bool('cluster', { usage: 'Display only cluster volumes, and use cluster volume list formatting', hidden: true }),
    },
    run: (cli, _a, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const vols = daemon.listVolumes().sort((a, b) => (a.name < b.name ? -1 : 1));
        const rows = vols.map((v) => ({ Driver: 'local', Name: v.name, Scope: 'local', Mountpoint: `/var/lib/docker/volumes/${v.name}/_data`, Labels: Object.entries(v.labels ?? {}).map(([k, x]) => `${k}=${x}`).sort().join(',') }));
        const format = o.quiet ? '{{.Name}}' : o.format === '' ? 'table {{.Driver}}\t{{.Name}}' : o.format;
        const r = dockerWrite(format, rows, { Driver: 'DRIVER', Name: 'VOLUME NAME', Scope: 'SCOPE', Mountpoint: 'MOUNTPOINT', Labels: 'LABELS' });
        if (!r.ok) throw new CliError(r.error);
        await cli.out(r.output);
        return 0;
      }),
  });
  const inspect = defineCommand({
    use: 'inspect [OPTIONS] VOLUME [VOLUME...]',
    short: 'Display detailed information on one or more volumes',
    args: min(1),
    flags: { format: flag.string('format', { short: 'f', usage: "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates" }) },
    run: (cli, args, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const objs = args.map((a) => {
          const v = daemon.volume(a);
          return { CreatedAt: rfc3339Nano(v.created).replace(/\.\d+Z$/, 'Z'), Driver: 'local', Labels: v.labels ? { ...v.labels } : null, Mountpoint: `/var/lib/docker/volumes/${v.name}/_data`, Name: v.name, Options: null, Scope: 'local' };
        });
        await printInspect(cli, objs, o.format);
        return 0;
      }),
  });
  const rm = defineCommand({
    use: 'rm [OPTIONS] VOLUME [VOLUME...]',
    aliases: ['remove'],
    short: 'Remove one or more volumes',
    long: 'Remove one or more volumes. You cannot remove a volume that is in use by a container.',
    args: min(1),
    flags: { force: flag.bool('force', { short: 'f', usage: 'Force the removal of one or more volumes' }) },
    run: (cli, args, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        return eachArg(cli, args, (a) => {
          daemon.removeVolume(a, o.force);
          return Promise.resolve(a);
        });
      }),
  });
  const prune = defineCommand({
    use: 'prune [OPTIONS]',
    short: 'Remove unused local volumes',
    args: noArgs,
    flags: {
      all: flag.bool('all', { short: 'a', usage: 'Remove all unused volumes, not just anonymous ones' }),
      force: flag.bool('force', { short: 'f', usage: 'Do not prompt for confirmation' }),
      filter: flag.list('filter', { type: 'filter', usage: 'Provide filter values (e.g. "label=<label>")' }),
    },
    run: (cli, _a, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        if (!o.force && !(await confirm(cli, 'WARNING! This will remove anonymous local volumes not used by at least one container.'))) return 0;
        const used = new Set(daemon.listContainers(true).flatMap((c) => c.mounts.filter((m) => m.type === 'volume').map((m) => m.source)));
        const gone = daemon.listVolumes().filter((v) => !used.has(v.name) && (o.all || v.labels?.['com.docker.volume.anonymous'] !== undefined));
        for (const v of gone) daemon.removeVolume(v.name);
        if (gone.length > 0) await cli.out(`Deleted Volumes:\n${gone.map((v) => `${v.name}\n`).join('')}\n`);
        await cli.out('Total reclaimed space: 0B\n');
        return 0;
      }),
  });
  return defineCommand({ use: 'volume COMMAND', short: 'Manage volumes', args: noArgs, subcommands: [create, inspect, ls, prune, rm], run: showHelp });
}

export async function showHelp(cli: CliContext): Promise<number> {
  await cli.err(cli.helpText('stderr'));
  return 0;
}

// ------------------------------------------------------------------ prune / df

async function pruneContainers(cli: CliContext, daemon: DockerDaemon): Promise<string[]> {
  const gone = daemon.listContainers(true).filter((c) => !c.state.Running);
  for (const c of gone) daemon.remove(c.id);
  return gone.map((c) => c.id);
}

export function containerPruneCommand(): Command {
  return defineCommand({
    use: 'prune [OPTIONS]',
    short: 'Remove all stopped containers',
    args: noArgs,
    flags: {
      force: flag.bool('force', { short: 'f', usage: 'Do not prompt for confirmation' }),
      filter: flag.list('filter', { type: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")' }),
    },
    run: (cli, _a, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        if (!o.force && !(await confirm(cli, 'WARNING! This will remove all stopped containers.'))) return 0;
        const ids = await pruneContainers(cli, daemon);
        if (ids.length > 0) await cli.out(`Deleted Containers:\n${ids.map((i) => `${i}\n`).join('')}\n`);
        await cli.out('Total reclaimed space: 0B\n');
        return 0;
      }),
  });
}

export function systemCommand(): Command {
  const df = defineCommand({
    use: 'df [OPTIONS]',
    short: 'Show docker disk usage',
    args: noArgs,
    flags: {
      verbose: flag.bool('verbose', { short: 'v', usage: 'Show detailed information on space usage' }),
      format: flag.string('format', { usage: "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates" }),
    },
    run: (cli) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const imgs = daemon.listImages();
        const cs = daemon.listContainers(true);
        const used = new Set(cs.map((c) => c.imageId));
        const total = imgs.reduce((n, i) => n + i.size, 0);
        const reclaim = imgs.filter((i) => !used.has(i.id)).reduce((n, i) => n + i.size, 0);
        const pct = (a: number, b: number) => (b === 0 ? '' : ` (${Math.trunc((a * 100) / b)}%)`);
        const vols = daemon.listVolumes();
        const rows = [
          { Type: 'Images', TotalCount: String(imgs.length), Active: String(used.size), Size: dockerSize(total), Reclaimable: `${dockerSize(reclaim)}${pct(reclaim, total)}` },
          { Type: 'Containers', TotalCount: String(cs.length), Active: String(cs.filter((c) => c.state.Running).length), Size: '0B', Reclaimable: '0B' },
          { Type: 'Local Volumes', TotalCount: String(vols.length), Active: String(vols.length), Size: '0B', Reclaimable: '0B' },
          { Type: 'Build Cache', TotalCount: '0', Active: '0', Size: '0B', Reclaimable: '0B' },
        ];
        const r = dockerWrite('table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}', rows, { Type: 'TYPE', TotalCount: 'TOTAL', Active: 'ACTIVE', Size: 'SIZE', Reclaimable: 'RECLAIMABLE' });
        await cli.out(r.output);
        return 0;
      }),
  });
  const prune = defineCommand({
    use: 'prune [OPTIONS]',
    short: 'Remove unused data',
    args: noArgs,
    flags: {
      all: flag.bool('all', { short: 'a', usage: 'Remove all unused images not just dangling ones' }),
      force: flag.bool('force', { short: 'f', usage: 'Do not prompt for confirmation' }),
      volumes: flag.bool('volumes', { usage: 'Prune anonymous volumes' }),
      filter: flag.list('filter', { type: 'filter', usage: 'Provide filter values (e.g. "label=<key>=<value>")' }),
    },
    run: (cli, _a, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const warning = `WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n${o.volumes ? '  - all anonymous volumes not used by at least one container\n' : ''}  - ${o.all ? 'all images without at least one container associated to them' : 'all dangling images'}\n  - ${o.all ? 'all build cache' : 'unused build cache'}\n`;
        if (!o.force && !(await confirm(cli, warning))) return 0;
        const ids = await pruneContainers(cli, daemon);
        if (ids.length > 0) await cli.out(`Deleted Containers:\n${ids.map((i) => `${i}\n`).join('')}\n`);
        const victims = daemon.listImages().filter((i) => o.all || i.repoTags.length === 0);
        const lines: string[] = [];
        let reclaimed = 0;
        for (const v of victims) {
          for (const r of v.repoTags.length > 0 ? [...v.repoTags] : [v.id]) {
            try {
              lines.push(...daemon.removeImage(r, true));
            } catch (e) {
              if (!(e instanceof DaemonError)) throw e;
            }
          }
          reclaimed += v.size;
        }
        if (lines.length > 0) await cli.out(`Deleted Images:\n${lines.map((l) => l.replace(/^Untagged: /, 'untagged: ').replace(/^Deleted: /, 'deleted: ')).join('\n')}\n\n`);
        await cli.out(`Total reclaimed space: ${dockerSize(reclaimed)}\n`);
        return 0;
      }),
  });
  return defineCommand({ use: 'system', short: 'Manage Docker', args: noArgs, subcommands: [df, prune], run: showHelp });
}
