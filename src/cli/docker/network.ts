/**
 * `docker network` (docker/cli v28.3.2 cli/command/network): create, connect, disconnect, inspect,
 * ls, prune, rm, with their flags, table and format output, and network-name completion.
 */
import type { DockerDaemon } from '../../engine/docker/daemon';
import { DaemonError } from '../../engine/docker/daemon';
import type { NetworkRecord } from '../../engine/docker/networks';
import { parseCidr } from '../../engine/docker/networks';
import { defineCommand, exact, flag, min, noArgs, type CliContext, type Command, type CompleteRequest } from '../lib/command';
import { dockerWrite, parseDockerTemplate } from '../lib/gotemplate';
import { goJSON, goStruct } from '../lib/gofmt';
import { CliError, connect, guard } from './client';
import type { DaemonGetter } from './containers';
import { confirm } from './images';

const FORMAT_HELP =
  "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";
const INSPECT_FORMAT_HELP =
  "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

/** Network names for completion (completion.NetworkNames). */
export function completionNetworks(dc: DaemonGetter, prefix: string): string[] {
  const d = dc();
  if (!d) return [];
  return d
    .listNetworks()
    .map((n) => n.name)
    .filter((n) => n.startsWith(prefix))
    .sort();
}

/** `--network` of run/create with network-name completion. */
export function networkRunFlag(dc: DaemonGetter) {
  return flag.list('network', { usage: 'Connect a container to a network', type: 'network', complete: (req: CompleteRequest) => completionNetworks(dc, req.toComplete) });
}

/** Go's time.Time.String() with the fraction Go prints (trailing zeros dropped). */
function goTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac ? `.${frac}` : ''} +0000 UTC`;
}

function row(n: NetworkRecord, trunc: boolean): Record<string, unknown> {
  return goStruct(
    {
      CreatedAt: goTime(n.created),
      Driver: n.driver,
      ID: trunc ? n.id.slice(0, 12) : n.id,
      IPv4: 'true',
      IPv6: String(n.enableIPv6),
      Internal: String(n.internal),
      Labels: Object.entries(n.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
      Name: n.name,
      Scope: n.scope,
      Label: (k: string) => n.labels[k] ?? '',
    },
    '*network.networkContext',
  );
}

const HEADERS = { ID: 'NETWORK ID', Name: 'NAME', Driver: 'DRIVER', Scope: 'SCOPE', IPv4: 'IPV4', IPv6: 'IPV6', Internal: 'INTERNAL', Labels: 'LABELS', CreatedAt: 'CREATED AT' };

/** Natural order (sortorder.NaturalLess): digit runs compare as numbers. */
function naturalLess(a: string, b: string): number {
  const re = /(\d+|\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** The network filters of the daemon (daemon/network/filter.go). */
function filterNetworks(daemon: DockerDaemon, nets: NetworkRecord[], filters: readonly string[]): NetworkRecord[] {
  const by = new Map<string, string[]>();
  for (const f of filters) {
    const i = f.indexOf('=');
    if (i < 0) throw new CliError(`bad format of filter (expected name=value)`);
    const k = f.slice(0, i).toLowerCase();
    if (!['dangling', 'driver', 'id', 'label', 'name', 'scope', 'type'].includes(k)) throw new DaemonError(`invalid filter '${k}'`, 400);
    by.set(k, [...(by.get(k) ?? []), f.slice(i + 1)]);
  }
  const match = (vs: string[] | undefined, s: string) =>
    !vs ||
    vs.some((v) => {
      try {
        return new RegExp(v).test(s);
      } catch {
        return false;
      }
    });
  let out = nets.filter((n) => {
    if (by.has('driver') && !by.get('driver')!.includes(n.driver)) return false;
    if (!match(by.get('name'), n.name) || !match(by.get('id'), n.id)) return false;
    if (by.has('scope') && !by.get('scope')!.includes(n.scope)) return false;
    if (by.has('label') && !by.get('label')!.every((l) => (l.includes('=') ? n.labels[l.slice(0, l.indexOf('='))] === l.slice(l.indexOf('=') + 1) : l in n.labels))) return false;
    return true;
  });
  const dangling = by.get('dangling');
  if (dangling) {
    if (dangling.length > 1) throw new DaemonError('got more than one value for filter key "dangling"', 400);
    const d = dangling[0]!;
    if (!['0', 'false', '1', 'true'].includes(d)) throw new DaemonError(`invalid value for filter 'dangling', must be "true" (or "1"), or "false" (or "0")`, 400);
    const only = d === '1' || d === 'true';
    out = out.filter((n) => (only ? !n.predefined && daemon.networkAttachments(n).length === 0 : n.predefined || daemon.networkAttachments(n).length > 0));
  }
  const types = by.get('type');
  if (types) {
    const typed: NetworkRecord[] = [];
    for (const t of types) {
      if (t !== 'builtin' && t !== 'custom') throw new DaemonError(`invalid filter: 'type'='${t}'`, 400);
      typed.push(...out.filter((n) => n.predefined === (t === 'builtin')));
    }
    out = typed;
  }
  return out;
}

async function printInspect(cli: CliContext, objs: unknown[], format: string): Promise<void> {
  if (format === '') {
    await cli.out(`${objs.length === 0 ? '[]' : goJSON(objs, { indent: '    ', escapeHTML: false })}\n`);
    return;
  }
  const t = parseDockerTemplate(format === 'json' ? '{{json .}}' : format);
  if (!t.ok) throw new CliError(`template parsing error: ${t.error}`);
  for (const o of objs) {
    const r = t.template.execute(o);
    if (!r.ok) throw new CliError(`template: ${r.error}`);
    await cli.out(`${r.output}\n`);
  }
}

/** Tags network.Inspect's structs so the JSON keeps the API's field order (maps stay sorted). */
function asStructs(j: Record<string, unknown>): Record<string, unknown> {
  const ipam = j.IPAM as Record<string, unknown>;
  const config = ipam.Config as Record<string, unknown>[] | null;
  if (config) for (const c of config) goStruct(c, 'network.IPAMConfig');
  goStruct(ipam, 'network.IPAM');
  goStruct(j.ConfigFrom as object, 'network.ConfigReference');
  for (const v of Object.values(j.Containers as Record<string, object>)) goStruct(v, 'network.EndpointResource');
  return goStruct(j, 'network.Inspect');
}

function kv(list: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of list) {
    const i = l.indexOf('=');
    out[i < 0 ? l : l.slice(0, i)] = i < 0 ? '' : l.slice(i + 1);
  }
  return out;
}

/** createIPAMConfig's checks of --subnet, --gateway, --ip-range (one subnet simulated). */
function ipamConfig(subnets: readonly string[], gateways: readonly string[], ranges: readonly string[]): { subnet?: string; gateway?: string } {
  if (subnets.length < ranges.length || subnets.length < gateways.length) throw new CliError('every ip-range or gateway must have a corresponding subnet');
  for (const s of subnets) if (!parseCidr(s)) throw new CliError(`invalid subnet: invalid CIDR address: ${s}`);
  if (subnets.length > 1) throw new CliError('dockyard: more than one --subnet is not simulated here');
  const subnet = subnets[0];
  const gateway = gateways[0];
  if (gateway !== undefined && subnet !== undefined) {
    const c = parseCidr(subnet)!;
    const g = parseCidr(`${gateway}/32`);
    const mask = c.bits === 0 ? 0 : (0xffffffff << (32 - c.bits)) >>> 0;
    if (!g || ((g.addr & mask) >>> 0) !== c.base) throw new CliError(`no matching subnet for gateway ${gateway}`);
  }
  if (ranges.length > 0) throw new CliError('dockyard: --ip-range is not simulated here');
  return { ...(subnet !== undefined ? { subnet } : {}), ...(gateway !== undefined ? { gateway } : {}) };
}

export function networkCommand(dc: DaemonGetter): Command {
  const complete = (req: CompleteRequest) => completionNetworks(dc, req.toComplete);
  const create = defineCommand({
    use: 'create [OPTIONS] NETWORK',
    short: 'Create a network',
    args: exact(1),
    flags: {
      driver: flag.string('driver', { short: 'd', usage: 'Driver to manage the Network', default: 'bridge' }),
      opt: flag.map('opt', { short: 'o', usage: 'Set driver specific options' }),
      label: flag.list('label', { usage: 'Set metadata on a network' }),
      internal: flag.bool('internal', { usage: 'Restrict external access to the network' }),
      ipv4: flag.bool('ipv4', { usage: 'Enable or disable IPv4 address assignment', default: true }),
      ipv6: flag.bool('ipv6', { usage: 'Enable or disable IPv6 address assignment' }),
      attachable: flag.bool('attachable', { usage: 'Enable manual container attachment' }),
      ingress: flag.bool('ingress', { usage: 'Create swarm routing-mesh network' }),
      scope: flag.string('scope', { usage: "Control the network's scope" }),
      configOnly: flag.bool('config-only', { usage: 'Create a configuration only network' }),
      configFrom: flag.string('config-from', { usage: 'The network from which to copy the configuration' }),
      ipamDriver: flag.string('ipam-driver', { usage: 'IP Address Management Driver', default: 'default' }),
      subnet: flag.stringSlice('subnet', { usage: 'Subnet in CIDR format that represents a network segment' }),
      ipRange: flag.stringSlice('ip-range', { usage: 'Allocate container ip from a sub-range' }),
      gateway: flag.stringSlice('gateway', { usage: 'IPv4 or IPv6 Gateway for the master subnet' }),
      auxAddress: flag.map('aux-address', { usage: 'Auxiliary IPv4 or IPv6 addresses used by Network driver' }),
      ipamOpt: flag.map('ipam-opt', { usage: 'Set IPAM driver specific options' }),
    },
    completeArgs: () => [],
    run: (cli, args, o) =>
      guard(cli, async () => {
        const ipam = ipamConfig(o.subnet, o.gateway, o.ipRange);
        if (o.ingress || o.configOnly || o.configFrom !== '' || (o.scope !== '' && o.scope !== 'local') || o.ipv6 || cli.changed('ipv4')) {
          throw new CliError('dockyard: this option of docker network create is not simulated here');
        }
        const daemon = await connect(cli);
        const n = daemon.createNetwork({
          name: args[0]!,
          driver: o.driver,
          labels: kv(o.label),
          internal: o.internal,
          attachable: o.attachable,
          options: Object.fromEntries(o.opt),
          ipamDriver: o.ipamDriver,
          ipamOptions: Object.fromEntries(o.ipamOpt),
          ...ipam,
        });
        await cli.out(`${n.id}\n`);
        return 0;
      }),
  });
  const connectCmd = defineCommand({
    use: 'connect [OPTIONS] NETWORK CONTAINER',
    short: 'Connect a container to a network',
    args: exact(2),
    flags: {
      ip: flag.string('ip', { usage: 'IPv4 address (e.g., "172.30.100.104")' }),
      ip6: flag.string('ip6', { usage: 'IPv6 address (e.g., "2001:db8::33")' }),
      link: flag.list('link', { usage: 'Add link to another container' }),
      alias: flag.stringSlice('alias', { usage: 'Add network-scoped alias for the container' }),
      linkLocalIp: flag.stringSlice('link-local-ip', { usage: 'Add a link-local address for the container' }),
      driverOpt: flag.stringSlice('driver-opt', { usage: 'driver options for the network' }),
      gwPriority: flag.int('gw-priority', { usage: 'Highest gw-priority provides the default gateway. Accepts positive and negative values.' }),
    },
    completeArgs: (req) => {
      if (req.args.length === 0) return complete(req);
      const d = dc();
      const n = d?.network(req.args[0]!);
      return (d?.listContainers(true) ?? []).filter((c) => !(c.endpoints ?? []).some((e) => e.network === n?.id)).map((c) => c.name).filter((x) => x.startsWith(req.toComplete));
    },
    run: (cli, args, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        daemon.connectNetwork(args[0]!, args[1]!, { aliases: o.alias, ...(o.ip ? { ip: o.ip } : {}) });
        return 0;
      }),
  });
  const disconnect = defineCommand({
    use: 'disconnect [OPTIONS] NETWORK CONTAINER',
    short: 'Disconnect a container from a network',
    args: exact(2),
    flags: { force: flag.bool('force', { short: 'f', usage: 'Force the container to disconnect from a network' }) },
    completeArgs: (req) => {
      if (req.args.length === 0) return complete(req);
      const d = dc();
      const n = d?.network(req.args[0]!);
      return (d?.listContainers(true) ?? []).filter((c) => (c.endpoints ?? []).some((e) => e.network === n?.id)).map((c) => c.name).filter((x) => x.startsWith(req.toComplete));
    },
    run: (cli, args, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        daemon.disconnectNetwork(args[0]!, args[1]!, o.force);
        return 0;
      }),
  });
  const inspect = defineCommand({
    use: 'inspect [OPTIONS] NETWORK [NETWORK...]',
    short: 'Display detailed information on one or more networks',
    args: min(1),
    flags: {
      format: flag.string('format', { short: 'f', usage: INSPECT_FORMAT_HELP }),
      verbose: flag.bool('verbose', { short: 'v', usage: 'Verbose output for diagnostics' }),
    },
    completeArgs: complete,
    run: (cli, args, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const found: unknown[] = [];
        const errors: string[] = [];
        for (const a of args) {
          try {
            const j = daemon.inspectNetwork(a);
            if (j) found.push(j);
            else errors.push(`Error response from daemon: network ${a} not found`);
          } catch (e) {
            if (!(e instanceof DaemonError)) throw e;
            errors.push(`Error response from daemon: ${e.message}`);
          }
        }
        await printInspect(cli, found.map((j) => asStructs(j as Record<string, unknown>)), o.format);
        if (errors.length) throw new CliError(errors.join('\n'));
        return 0;
      }),
  });
  const ls = defineCommand({
    use: 'ls [OPTIONS]',
    aliases: ['list'],
    short: 'List networks',
    args: noArgs,
    flags: {
      quiet: flag.bool('quiet', { short: 'q', usage: 'Only display network IDs' }),
      noTrunc: flag.bool('no-trunc', { usage: 'Do not truncate the output' }),
      format: flag.string('format', { usage: FORMAT_HELP }),
      filter: flag.list('filter', { short: 'f', type: 'filter', usage: 'Provide filter values (e.g. "driver=bridge")' }),
    },
    completeArgs: () => [],
    run: (cli, _a, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const nets = filterNetworks(daemon, daemon.listNetworks(), o.filter).sort((a, b) => naturalLess(a.name, b.name));
        let format = o.format === '' ? 'table' : o.format;
        if (format === 'table') format = o.quiet ? '{{.ID}}' : 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}';
        else if (format === 'raw') format = o.quiet ? 'network_id: {{.ID}}' : 'network_id: {{.ID}}\nname: {{.Name}}\ndriver: {{.Driver}}\nscope: {{.Scope}}\n';
        else if (o.quiet && format.startsWith('table')) format = 'table {{.ID}}';
        const r = dockerWrite(format, nets.map((n) => row(n, !o.noTrunc)), HEADERS);
        if (!r.ok) throw new CliError(r.error);
        await cli.out(r.output);
        return 0;
      }),
  });
  const prune = defineCommand({
    use: 'prune [OPTIONS]',
    short: 'Remove all unused networks',
    args: noArgs,
    flags: {
      force: flag.bool('force', { short: 'f', usage: 'Do not prompt for confirmation' }),
      filter: flag.list('filter', { type: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")' }),
    },
    run: (cli, _a, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        if (!o.force && !(await confirm(cli, 'WARNING! This will remove all custom networks not used by at least one container.'))) {
          throw new CliError('network prune has been cancelled');
        }
        if (o.filter.length > 0) throw new CliError('dockyard: docker network prune --filter is not simulated here');
        const names = daemon.pruneNetworks();
        if (names.length > 0) await cli.out(`Deleted Networks:\n${names.map((n) => `${n}\n`).join('')}\n`);
        return 0;
      }),
  });
  const rm = defineCommand({
    use: 'rm NETWORK [NETWORK...]',
    aliases: ['remove'],
    short: 'Remove one or more networks',
    args: min(1),
    flags: { force: flag.bool('force', { short: 'f', usage: 'Do not error if the network does not exist' }) },
    completeArgs: complete,
    run: (cli, args, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        let status = 0;
        for (const a of args) {
          try {
            daemon.removeNetwork(a);
            await cli.out(`${a}\n`);
          } catch (e) {
            if (!(e instanceof DaemonError)) throw e;
            if (o.force && e.status === 404) continue;
            await cli.err(`Error response from daemon: ${e.message}\n`);
            status = 1;
          }
        }
        return status;
      }),
  });
  return defineCommand({
    use: 'network',
    short: 'Manage networks',
    args: noArgs,
    subcommands: [connectCmd, create, disconnect, inspect, ls, prune, rm],
    run: async (cli) => {
      await cli.err(cli.helpText('stderr'));
      return 0;
    },
  });
}
