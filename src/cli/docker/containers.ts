/**
 * Container commands (docker/cli v28.3.2 cli/command/container/*): run, create, start, stop,
 * restart, kill, rm, rename, wait, pause/unpause, top, cp, attach, logs, exec, port, diff, ps.
 */
import { DaemonError, type ContainerRecord, type DockerDaemon, type MountSpec, type PortBinding, type AttachIO, type PullEvent } from '../../engine/docker/daemon';
import { parseNormalizedNamed, familiarString } from '../../engine/docker/reference';
import { resolvePath } from '../../engine/fs/path';
import type { ProcessContext } from '../../engine/runtime/kernel';
import { defineCommand, exact, flag, min, noArgs, range, type CliContext, type Command } from '../lib/command';
import { dockerPreFormat, parseDockerTemplate } from '../lib/gotemplate';
import { containerSummary, goTimeString, psWrite } from './containerContext';
import { dockerSize } from '../lib/units';
import { tabwrite } from '../lib/tabwriter';
import { CliError, connect, eachArg, errorText, guard } from './client';
import { apiPorts, inspectContainer } from '../../engine/docker/inspect';
import { portLines, type HostBinding } from './port';
import { rfc3339NanoFixed } from './format';
import { containerFlags } from './runflags';
import { withDefaultTag } from '../../engine/docker/daemon';
import type { HostOptions, Ulimit } from '../../engine/docker/hostconfig';
import { networkRunFlag } from './network';
import { healthFilterValue, VALID_HEALTHS, type HealthConfig } from '../../engine/docker/health';

// ------------------------------------------------------------------ run / create

const runOnlyFlags = {
  detach: flag.bool('detach', { short: 'd', usage: 'Run container in background and print container ID' }),
  sigProxy: flag.bool('sig-proxy', { usage: 'Proxy received signals to the process', default: true }),
  detachKeys: flag.string('detach-keys', { usage: 'Override the key sequence for detaching a container' }),
};

const createRunCommon = {
  name: flag.string('name', { usage: 'Assign a name to the container' }),
  pull: flag.string('pull', { usage: 'Pull image before running ("always", "missing", "never")', default: 'missing' }),
  quiet: flag.bool('quiet', { short: 'q', usage: 'Suppress the pull output' }),
  useApiSocket: flag.bool('use-api-socket', { usage: 'Bind mount Docker API socket and required auth' }),
  help: flag.bool('help', { usage: 'Print usage' }),
  platform: flag.string('platform', { usage: 'Set platform if server is multi-platform capable' }),
  disableContentTrust: flag.bool('disable-content-trust', { usage: 'Skip image verification', default: true }),
  ...containerFlags,
};

type Opts = Record<string, unknown>;

/** Parses `-p` specs (nat.ParsePortSpec): `80`, `8080:80`, `127.0.0.1:8080:80`, `127.0.0.1::80`, ranges, `/udp`. */
export function parsePortSpec(spec: string, pick: () => number): PortBinding[] | string {
  let rest = spec;
  let proto: 'tcp' | 'udp' = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    const p = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
    if (p !== 'tcp' && p !== 'udp') return `invalid proto: ${p}`;
    proto = p;
  }
  const parts = rest.split(':');
  let ip = '';
  let host = '';
  let ctr: string;
  if (parts.length === 1) ctr = parts[0]!;
  else if (parts.length === 2) [host, ctr] = parts as [string, string];
  else if (parts.length === 3) [ip, host, ctr] = parts as [string, string, string];
  else return `invalid port specification: "${spec}"`;
  if (ip !== '' && !/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return `invalid IP address: ${ip}`;
  const range = (s: string): [number, number] | undefined => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(s);
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] !== undefined ? Number(m[2]) : a;
    if (a > 65535 || b > 65535 || b < a) return undefined;
    return [a, b];
  };
  const cr = range(ctr);
  if (!cr || ctr === '') return `invalid containerPort: ${ctr}`;
  const hr = host === '' ? undefined : range(host);
  if (host !== '' && !hr) return `invalid hostPort: ${host}`;
  const n = cr[1] - cr[0] + 1;
  if (hr && hr[1] - hr[0] + 1 !== n && hr[0] !== hr[1]) return `invalid ranges specified for container and host Ports: ${ctr} and ${host}`;
  const out: PortBinding[] = [];
  for (let i = 0; i < n; i++) {
    out.push({ hostIp: ip, hostPort: hr ? (hr[0] === hr[1] ? hr[0] : hr[0] + i) : pick(), containerPort: cr[0] + i, proto });
  }
  return out;
}

/** `-v` specs: `/host:/ctr[:ro]`, `name:/ctr[:ro]`; anonymous `/ctr` volumes get a generated name. */
function parseVolume(spec: string, cwd: string): MountSpec | string {
  const parts = spec.split(':');
  if (parts.length === 1) return { type: 'volume', source: '', target: parts[0]!, readOnly: false };
  if (parts.length > 3) return `invalid spec: ${spec}: too many colons`;
  const [src, target, mode] = parts as [string, string, string | undefined];
  if (!target.startsWith('/')) return `invalid volume specification: '${spec}': invalid mount config for type "${src.startsWith('/') ? 'bind' : 'volume'}": invalid mount path: '${target}' mount path must be absolute`;
  if (mode !== undefined && !/^(ro|rw|z|Z|nocopy)(,(ro|rw|z|Z|nocopy))*$/.test(mode)) return `invalid mode: ${mode}`;
  const readOnly = mode !== undefined && mode.split(',').includes('ro');
  if (src.startsWith('/') || src.startsWith('.')) return { type: 'bind', source: resolvePath(cwd, src), target, readOnly };
  return { type: 'volume', source: src, target, readOnly, ...(mode?.split(',').includes('nocopy') ? { noCopy: true } : {}) };
}

/** `--mount type=bind,source=/a,target=/b,readonly`. */
function parseMount(spec: string, cwd: string): MountSpec | string {
  let type = 'volume';
  let source = '';
  let target = '';
  let readOnly = false;
  let noCopy = false;
  for (const field of spec.split(',')) {
    const eq = field.indexOf('=');
    const k = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const v = eq < 0 ? '' : field.slice(eq + 1);
    if (k === 'type') type = v;
    else if (k === 'source' || k === 'src') source = v;
    else if (k === 'target' || k === 'destination' || k === 'dst') target = v;
    else if (k === 'readonly' || k === 'ro') readOnly = eq < 0 || v === 'true' || v === '1';
    else if (k === 'volume-nocopy') noCopy = eq < 0 || v === 'true' || v === '1';
    else return `invalid field '${k}' must be a key=value pair`;
  }
  if (type !== 'bind' && type !== 'volume') return `invalid argument "${spec}" for "--mount" flag: mount type '${type}' is not simulated`;
  if (target === '') return 'invalid argument "' + spec + '" for "--mount" flag: target is required';
  return { type, source: type === 'bind' ? resolvePath(cwd, source) : source, target, readOnly, ...(noCopy && type === 'volume' ? { noCopy: true } : {}) };
}

/** A free host port for `-p 80` and `-P` (the daemon's ephemeral range starts at 32768). */
function portPicker(daemon: DockerDaemon): () => number {
  const used = new Set(daemon.listContainers(true).flatMap((c) => c.ports.map((p) => p.hostPort)));
  let next = 32768;
  return () => {
    while (used.has(next)) next++;
    used.add(next);
    return next++;
  };
}

/** Reads an --env-file: KEY=VAL lines, `#` comments, a bare KEY takes the CLI's environment. */
function readEnvFile(ctx: ProcessContext, path: string): string[] {
  let text: string;
  try {
    text = ctx.fs.readText(resolvePath(ctx.cwd, path));
  } catch {
    throw new CliError(`docker: open ${path}: no such file or directory\n\nRun 'docker run --help' for more information`, 125);
  }
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    if (line.includes('=')) out.push(line);
    else if (ctx.env.has(line)) out.push(`${line}=${ctx.env.get(line)!}`);
  }
  return out;
}

interface Prepared {
  readonly spec: Parameters<DockerDaemon['createContainer']>[0];
  readonly warnings: string[];
}

function prepare(cli: CliContext, daemon: DockerDaemon, args: string[], o: Opts, cmd: 'run' | 'create'): Prepared {
  const bad = (msg: string) => new CliError(`docker: ${msg}\n\nRun 'docker ${cmd} --help' for more information`, 125);
  const ctx = cli.proc;
  const pick = portPicker(daemon);
  const ports: PortBinding[] = [];
  for (const p of o.publish as string[]) {
    const r = parsePortSpec(p, pick);
    if (typeof r === 'string') throw bad(r);
    ports.push(...r);
  }
  const image = args[0]!;
  const mounts: MountSpec[] = [];
  for (const v of o.volume as string[]) {
    const r = parseVolume(v, ctx.cwd);
    if (typeof r === 'string') throw bad(r);
    // `-v /dir`: an anonymous volume (Config.Volumes), which the daemon names and `rm -v` removes.
    mounts.push(r.type === 'volume' && r.source === '' ? { ...r, anonymous: true } : r);
  }
  for (const m of o.mount as string[]) {
    const r = parseMount(m, ctx.cwd);
    if (typeof r === 'string') throw bad(r);
    mounts.push(r);
  }
  const env: string[] = [];
  for (const f of o.envFile as string[]) env.push(...readEnvFile(ctx, f));
  for (const e of o.env as string[]) {
    if (e.includes('=')) env.push(e);
    else if (ctx.env.has(e)) env.push(`${e}=${ctx.env.get(e)!}`);
  }
  const labels: Record<string, string> = {};
  for (const l of o.label as string[]) {
    const i = l.indexOf('=');
    labels[i < 0 ? l : l.slice(0, i)] = i < 0 ? '' : l.slice(i + 1);
  }
  const restart = o.restart as string;
  if (!/^(no|always|unless-stopped|on-failure(:\d+)?)$/.test(restart)) throw bad(`invalid restart policy: unknown policy '${restart}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`);
  if (restart !== 'no' && o.rm === true) throw bad('Conflicting options: --restart and --rm');
  const net = parseNetworkFlags(o);
  if (typeof net === 'string') throw bad(net);
  const name = o.name as string;
  const host = hostOptions(cli, o);
  const healthcheck = healthOptions(o, bad);
  const spec = {
    image,
    ...(name !== '' ? { name } : {}),
    cmd: args.slice(1),
    ...(cli.changed('entrypoint') ? { entrypoint: o.entrypoint as string } : {}),
    env,
    ...((o.workdir as string) !== '' ? { workdir: o.workdir as string } : {}),
    ...((o.user as string) !== '' ? { user: o.user as string } : {}),
    ...((o.hostname as string) !== '' ? { hostname: o.hostname as string } : {}),
    tty: o.tty === true,
    openStdin: o.interactive === true,
    autoRemove: o.rm === true,
    ports,
    mounts,
    labels,
    restart,
    ...net,
    host,
    ...((o.stopSignal as string) !== '' ? { stopSignal: o.stopSignal as string } : {}),
    ...(healthcheck ? { healthcheck } : {}),
  };
  return { spec, warnings: [] };
}

/** The --health-* flags as opts.go `parse` turns them into Config.Healthcheck (durations in ns). */
function healthOptions(o: Opts, bad: (msg: string) => Error): HealthConfig | undefined {
  const cmd = o.healthCmd as string;
  const ms = (k: string) => o[k] as number;
  const retries = o.healthRetries as number;
  const have = cmd !== '' || ms('healthInterval') !== 0 || ms('healthTimeout') !== 0 || ms('healthStartPeriod') !== 0 || retries !== 0 || ms('healthStartInterval') !== 0;
  if (o.noHealthcheck === true) {
    if (have) throw bad('--no-healthcheck conflicts with --health-* options');
    return { Test: ['NONE'] };
  }
  if (!have) return undefined;
  if (ms('healthInterval') < 0) throw bad('--health-interval cannot be negative');
  if (ms('healthTimeout') < 0) throw bad('--health-timeout cannot be negative');
  if (retries < 0) throw bad('--health-retries cannot be negative');
  if (ms('healthStartPeriod') < 0) throw bad('--health-start-period cannot be negative');
  if (ms('healthStartInterval') < 0) throw bad('--health-start-interval cannot be negative');
  const ns = (k: string) => Math.round(ms(k) * 1e6);
  return {
    ...(cmd !== '' ? { Test: ['CMD-SHELL', cmd] } : {}),
    ...(ns('healthInterval') ? { Interval: ns('healthInterval') } : {}),
    ...(ns('healthTimeout') ? { Timeout: ns('healthTimeout') } : {}),
    ...(ns('healthStartPeriod') ? { StartPeriod: ns('healthStartPeriod') } : {}),
    ...(ns('healthStartInterval') ? { StartInterval: ns('healthStartInterval') } : {}),
    ...(retries ? { Retries: retries } : {}),
  };
}

/** The resource and other HostConfig flags as opts.go `parse` hands them to the API. */
function hostOptions(cli: CliContext, o: Opts): HostOptions {
  const num = (k: string) => o[k] as number;
  const strs = (k: string) => o[k] as string[];
  const ulimits: Ulimit[] = [];
  for (const u of strs('ulimit')) {
    // validated by the flag (runflags.ts)
    const m = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(u);
    if (!m) continue;
    const soft = Number(m[2]);
    const hard = m[3] === undefined ? soft : Number(m[3]);
    const i = ulimits.findIndex((x) => x.Name === m[1]);
    if (i >= 0) ulimits.splice(i, 1);
    ulimits.push({ Name: m[1]!, Hard: hard, Soft: soft });
  }
  ulimits.sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
  return {
    memory: num('memory'),
    memorySwap: num('memorySwap'),
    memoryReservation: num('memoryReservation'),
    memorySwappiness: cli.changed('memory-swappiness') ? num('memorySwappiness') : -1,
    nanoCpus: Math.round(num('cpus') * 1e9),
    cpuShares: num('cpuShares'),
    cpuPeriod: num('cpuPeriod'),
    cpuQuota: num('cpuQuota'),
    cpusetCpus: o.cpusetCpus as string,
    cpusetMems: o.cpusetMems as string,
    pidsLimit: num('pidsLimit'),
    ...(cli.changed('oom-kill-disable') ? { oomKillDisable: o.oomKillDisable === true } : {}),
    privileged: o.privileged === true,
    readOnly: o.readOnly === true,
    ...(cli.changed('init') ? { init: o.init === true } : {}),
    publishAll: o.publishAll === true,
    dns: strs('dns'),
    dnsOptions: [...strs('dnsOpt'), ...strs('dnsOption')],
    dnsSearch: strs('dnsSearch'),
    extraHosts: strs('addHost'),
    capAdd: strs('capAdd'),
    capDrop: strs('capDrop'),
    groupAdd: strs('groupAdd'),
    ...(num('shmSize') > 0 ? { shmSize: num('shmSize') } : {}),
    ulimits,
    ...(cli.changed('stop-timeout') ? { stopTimeout: num('stopTimeout') } : {}),
  };
}

/** Pulls an image, printing the stream to `out` as docker's jsonmessage does (rows redrawn on a full terminal). */
export async function pullWithProgress(ctx: ProcessContext, daemon: DockerDaemon, ref: string, out: ProcessContext['stdout']): Promise<void> {
  const redraw = out.isTTY && ctx.tty?.screen === 'full';
  const rows = new Map<string, number>();
  let chain = Promise.resolve();
  const onEvent = (e: PullEvent) => {
    let text: string;
    if (redraw && e.layer) {
      let line = rows.get(e.layer);
      let pre = '';
      if (line === undefined) {
        line = rows.size;
        rows.set(e.layer, line);
        pre = '\n';
      }
      const diff = rows.size - line;
      text = `${pre}\x1b[${diff}A\x1b[2K\r${e.line}\n\x1b[${diff}B`;
    } else {
      if (!e.layer) rows.clear();
      text = `${e.line}\n`;
    }
    chain = chain.then(() => out.write(text));
  };
  try {
    await daemon.pull(ref, onEvent, (ms) => ctx.sleep(ms));
  } finally {
    await chain;
  }
}

async function createWithPull(cli: CliContext, daemon: DockerDaemon, p: Prepared, o: Opts): Promise<ContainerRecord> {
  const ctx = cli.proc;
  const pullMode = o.pull as string;
  if (!['always', 'missing', 'never'].includes(pullMode)) {
    throw new CliError(`docker: invalid pull option: '${pullMode}': must be one of "always", "missing" or "never"\n\nRun 'docker run --help' for more information`, 125);
  }
  const parsed = parseNormalizedNamed(p.spec.image);
  if (!parsed.ok) throw new DaemonError(`invalid reference format: ${parsed.error}`.replace(/: invalid reference format$/, ''), 400);
  const familiar = familiarString(withDefaultTag(parsed.value));
  const sink = o.quiet === true ? { isTTY: false, write: () => Promise.resolve(), close: () => {} } : ctx.stderr;
  if (pullMode === 'always') await pullWithProgress(ctx, daemon, familiar, sink);
  else if (!daemon.image(p.spec.image)) {
    if (pullMode === 'never') throw new DaemonError(`No such image: ${familiar}`, 404);
    await ctx.stderr.write(`Unable to find image '${familiar}' locally\n`);
    await pullWithProgress(ctx, daemon, familiar, sink);
  }
  // -P (PublishAllPorts): every port the image exposes, and --expose ones, on a free host port.
  if (o.publishAll === true) {
    const img = daemon.image(p.spec.image);
    const pick = portPicker(daemon);
    const ports = [...(p.spec.ports ?? [])];
    for (const e of [...(img?.config.ExposedPorts ?? []), ...(o.expose as string[])]) {
      const [port, proto = 'tcp'] = e.split('/');
      if (!ports.some((x) => x.containerPort === Number(port))) ports.push({ hostIp: '', hostPort: pick(), containerPort: Number(port), proto: proto as 'tcp' });
    }
    return daemon.createContainer({ ...p.spec, ports });
  }
  return daemon.createContainer(p.spec);
}

/** docker run's error wrapping and exit codes (run.go toStatusError). */
function runError(e: unknown, cmd: string): CliError {
  if (e instanceof CliError) return e;
  const { text } = errorText(e);
  const status = /executable file not found|no such file or directory/.test(text) ? 127 : /permission denied|is a directory/.test(text) ? 126 : 125;
  return new CliError(`docker: ${text}\n\nRun 'docker ${cmd} --help' for more information`, status);
}

async function runContainer(cli: CliContext, args: string[], o: Opts): Promise<number> {
  const ctx = cli.proc;
  // run.go: a terminal for the container needs one on the client's side (stdin attached and a TTY).
  if (o.tty === true && o.interactive === true && o.detach !== true && !ctx.stdin.isTTY) {
    await cli.err('the input device is not a TTY\n');
    return 1;
  }
  let daemon: DockerDaemon;
  let rec: ContainerRecord;
  try {
    daemon = await connect(cli);
    const p = prepare(cli, daemon, args, o, 'run');
    rec = await createWithPull(cli, daemon, p, o);
  } catch (e) {
    const err = runError(e, 'run');
    await cli.err(`${err.message}\n`);
    return err.status;
  }
  if (o.detach === true) {
    try {
      daemon.startContainer(rec.id);
    } catch (e) {
      const err = runError(e, 'run');
      await cli.err(`${err.message}\n`);
      return err.status;
    }
    await cli.out(`${rec.id}\n`);
    return 0;
  }
  const useTty = o.tty === true && ctx.tty !== undefined;
  const io: AttachIO = {
    ...(o.interactive === true ? { stdin: ctx.stdin } : {}),
    stdout: ctx.stdout,
    stderr: ctx.stderr,
    ...(useTty ? { tty: ctx.tty } : {}),
  };
  const done = daemon.wait(rec.id);
  let status: number;
  try {
    const started = daemon.startContainer(rec.id, io);
    const waiting = daemon.wait(started.id);
    if (!useTty && o.sigProxy !== false) {
      for (const sig of ['SIGINT', 'SIGTERM'] as const) {
        ctx.trap(sig, () => {
          try {
            daemon.kill(rec.id, sig);
          } catch {
            // already gone
          }
        });
      }
    }
    status = await ctx.wait(waiting);
  } catch (e) {
    void done;
    const err = runError(e, 'run');
    await cli.err(`${err.message}\n`);
    return err.status;
  } finally {
    if (useTty && ctx.tty) ctx.tty.foregroundPgid = ctx.process.pgid;
  }
  return status;
}

export function runCommand(dc: DaemonGetter): Command {
  return defineCommand({
    use: 'run [OPTIONS] IMAGE [COMMAND] [ARG...]',
    short: 'Create and run a new container from an image',
    args: min(1),
    interspersed: false,
    annotations: { 'category-top': '1', aliases: 'docker container run, docker run' },
    flags: { ...runOnlyFlags, ...createRunCommon, network: networkRunFlag(dc) },
    completeArgs: (req) => (req.args.length === 0 ? completionImages(dc, req.toComplete) : undefined),
    run: (cli, args, o) => runContainer(cli, args, o as Opts),
  });
}

export function createCommand(_dc: DaemonGetter): Command {
  return defineCommand({
    use: 'create [OPTIONS] IMAGE [COMMAND] [ARG...]',
    short: 'Create a new container',
    args: min(1),
    interspersed: false,
    annotations: { aliases: 'docker container create, docker create' },
    // create.go's usage text, its stray "|" included.
    flags: { ...createRunCommon, pull: flag.string('pull', { usage: 'Pull image before creating ("always", "|missing", "never")', default: 'missing' }) },
    run: async (cli, args, o) => {
      try {
        const daemon = await connect(cli);
        const rec = await createWithPull(cli, daemon, prepare(cli, daemon, args, o as Opts, 'create'), o as Opts);
        await cli.out(`${rec.id}\n`);
        return 0;
      } catch (e) {
        const err = runError(e, 'create');
        await cli.err(`${err.message}\n`);
        return err.status;
      }
    },
  });
}

// ------------------------------------------------------------------ lifecycle

export function startCommand(dc: DaemonGetter): Command {
  return defineCommand({
    use: 'start [OPTIONS] CONTAINER [CONTAINER...]',
    short: 'Start one or more stopped containers',
    args: min(1),
    annotations: { aliases: 'docker container start, docker start' },
    flags: {
      attach: flag.bool('attach', { short: 'a', usage: 'Attach STDOUT/STDERR and forward signals' }),
      interactive: flag.bool('interactive', { short: 'i', usage: "Attach container's STDIN" }),
      detachKeys: flag.string('detach-keys', { usage: 'Override the key sequence for detaching a container' }),
      checkpoint: flag.string('checkpoint', { usage: 'Restore from this checkpoint', hidden: true }),
      checkpointDir: flag.string('checkpoint-dir', { usage: 'Use a custom checkpoint storage directory', hidden: true }),
    },
    completeArgs: (req) => completionContainers(dc, req.toComplete, (c) => !c.state.Running),
    run: (cli, args, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const ctx = cli.proc;
        if (o.attach || o.interactive) {
          if (args.length > 1) throw new CliError('you cannot start and attach multiple containers at once');
          const rec = daemon.mustContainer(args[0]!);
          const useTty = rec.config.Tty && ctx.tty !== undefined;
          const io: AttachIO = { ...(o.interactive ? { stdin: ctx.stdin } : {}), stdout: ctx.stdout, stderr: ctx.stderr, ...(useTty ? { tty: ctx.tty } : {}) };
          try {
            daemon.startContainer(rec.id, io);
            return await ctx.wait(daemon.wait(rec.id));
          } finally {
            if (useTty && ctx.tty) ctx.tty.foregroundPgid = ctx.process.pgid;
          }
        }
        const errors: string[] = [];
        for (const a of args) {
          try {
            daemon.startContainer(a);
            await cli.out(`${a}\n`);
          } catch (e) {
            errors.push(errorText(e).text);
          }
        }
        if (errors.length > 0) throw new CliError(`${errors.join('\n')}\nError: failed to start containers: ${args.filter((_, i) => i >= 0).join(', ')}`);
        return 0;
      }),
  });
}

function stopLike(dc: DaemonGetter, name: 'stop' | 'restart', short: string): Command {
  return defineCommand({
    use: `${name} [OPTIONS] CONTAINER [CONTAINER...]`,
    short,
    args: min(1),
    annotations: { aliases: `docker container ${name}, docker ${name}` },
    flags: {
      signal: flag.string('signal', { short: 's', usage: 'Signal to send to the container' }),
      timeout: flag.int('timeout', { short: 't', usage: 'Seconds to wait before killing the container' }),
      time: flag.int('time', { usage: 'Seconds to wait before killing the container', hidden: true }),
    },
    completeArgs: (req) => completionContainers(dc, req.toComplete, (c) => name === 'restart' || c.state.Running),
    run: async (cli, args, o) => {
      let daemon: DockerDaemon;
      try {
        daemon = await connect(cli);
      } catch (e) {
        await cli.err(`${errorText(e).text}\n`);
        return 1;
      }
      const t = cli.changed('timeout') ? o.timeout : cli.changed('time') ? o.time : undefined;
      return eachArg(cli, args, async (a) => {
        await cli.proc.wait(daemon.stop(a, t, (ms) => cli.proc.sleep(ms)));
        if (name === 'restart') daemon.startContainer(a);
        return a;
      });
    },
  });
}

export const stopCommand = (dc: DaemonGetter) => stopLike(dc, 'stop', 'Stop one or more running containers');
export const restartCommand = (dc: DaemonGetter) => stopLike(dc, 'restart', 'Restart one or more containers');

export function killCommand(dc: DaemonGetter): Command {
  return defineCommand({
    use: 'kill [OPTIONS] CONTAINER [CONTAINER...]',
    short: 'Kill one or more running containers',
    args: min(1),
    annotations: { aliases: 'docker container kill, docker kill' },
    flags: { signal: flag.string('signal', { short: 's', usage: 'Signal to send to the container' }) },
    completeArgs: (req) => completionContainers(dc, req.toComplete, (c) => c.state.Running),
    run: async (cli, args, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const sig = o.signal === '' ? 'SIGKILL' : /^\d+$/.test(o.signal) ? signalByNumber(Number(o.signal)) : o.signal.toUpperCase();
        return eachArg(cli, args, (a) => {
          daemon.kill(a, sig);
          return Promise.resolve(a);
        });
      }),
  });
}

function signalByNumber(n: number): string {
  const names: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 9: 'SIGKILL', 10: 'SIGUSR1', 12: 'SIGUSR2', 15: 'SIGTERM' };
  return names[n] ?? 'SIGKILL';
}

export function rmCommand(dc: DaemonGetter): Command {
  return defineCommand({
    use: 'rm [OPTIONS] CONTAINER [CONTAINER...]',
    aliases: ['remove'],
    short: 'Remove one or more containers',
    args: min(1),
    annotations: { aliases: 'docker container rm, docker container remove, docker rm' },
    flags: {
      volumes: flag.bool('volumes', { short: 'v', usage: 'Remove anonymous volumes associated with the container' }),
      link: flag.bool('link', { short: 'l', usage: 'Remove the specified link' }),
      force: flag.bool('force', { short: 'f', usage: 'Force the removal of a running container (uses SIGKILL)' }),
    },
    completeArgs: (req) => completionContainers(dc, req.toComplete, () => true),
    run: (cli, args, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        return eachArg(cli, args, (a) => {
          daemon.remove(a, o.force, o.volumes);
          return Promise.resolve(a);
        });
      }),
  });
}

export function renameCommand(_dc: DaemonGetter): Command {
  return defineCommand({
    use: 'rename CONTAINER NEW_NAME',
    short: 'Rename a container',
    args: exact(2),
    annotations: { aliases: 'docker container rename, docker rename' },
    run: (cli, args) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const [oldName, newName] = args as [string, string];
        if (newName.replace(/^\//, '') === '') throw new CliError('Error: neither old nor new names may be empty');
        try {
          daemon.rename(oldName, newName.replace(/^\//, ''));
        } catch (e) {
          throw new CliError(`${errorText(e).text}\nError: failed to rename container named ${oldName}`);
        }
        return 0;
      }),
  });
}

export function waitCommand(_dc: DaemonGetter): Command {
  return defineCommand({
    use: 'wait CONTAINER [CONTAINER...]',
    short: 'Block until one or more containers stop, then print their exit codes',
    args: min(1),
    annotations: { aliases: 'docker container wait, docker wait' },
    run: (cli, args) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        return eachArg(cli, args, async (a) => String(await cli.proc.wait(daemon.wait(a))));
      }),
  });
}


/** pause.go / unpause.go: each container in turn, its name printed on success, the errors joined at the end. */
function pauseLike(dc: DaemonGetter, what: 'pause' | 'unpause', short: string): Command {
  return defineCommand({
    use: `${what} CONTAINER [CONTAINER...]`,
    short,
    args: min(1),
    annotations: { aliases: `docker container ${what}, docker ${what}` },
    completeArgs: (req) => completionContainers(dc, req.toComplete, (c) => (what === 'pause' ? c.state.Running && !c.state.Paused : c.state.Paused)),
    run: (cli, args) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        return eachArg(cli, args, (a) => {
          if (what === 'pause') daemon.pause(a);
          else daemon.unpause(a);
          return Promise.resolve(a);
        });
      }),
  });
}

export const pauseCommand = (dc: DaemonGetter) => pauseLike(dc, 'pause', 'Pause all processes within one or more containers');
export const unpauseCommand = (dc: DaemonGetter) => pauseLike(dc, 'unpause', 'Unpause all processes within one or more containers');

// ------------------------------------------------------------------ logs / exec / attach / top / port / diff / cp

export function logsCommand(dc: DaemonGetter): Command {
  return defineCommand({
    use: 'logs [OPTIONS] CONTAINER',
    short: 'Fetch the logs of a container',
    args: exact(1),
    annotations: { aliases: 'docker container logs, docker logs' },
    flags: {
      follow: flag.bool('follow', { short: 'f', usage: 'Follow log output' }),
      since: flag.string('since', { usage: 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' }),
      until: flag.string('until', { usage: 'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' }),
      timestamps: flag.bool('timestamps', { short: 't', usage: 'Show timestamps' }),
      details: flag.bool('details', { usage: 'Show extra details provided to logs' }),
      tail: flag.string('tail', { short: 'n', usage: 'Number of lines to show from the end of the logs', default: 'all' }),
    },
    completeArgs: (req) => completionContainers(dc, req.toComplete, () => true),
    run: (cli, args, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const rec = daemon.mustContainer(args[0]!);
        const since = parseSince(o.since, cli.proc.kernel.clock.now());
        // Split the log into lines with their times (json-file keeps one entry a line).
        const lines: { time: number; stream: 'stdout' | 'stderr'; text: string }[] = [];
        const pending = { stdout: '', stderr: '' };
        const take = (from: number) => {
          for (const e of rec.logs.slice(from)) {
            let t = pending[e.stream] + e.text;
            let i: number;
            while ((i = t.indexOf('\n')) >= 0) {
              lines.push({ time: e.time, stream: e.stream, text: t.slice(0, i + 1) });
              t = t.slice(i + 1);
            }
            pending[e.stream] = t;
          }
        };
        take(0);
        let shown = lines.filter((l) => l.time >= since);
        if (o.tail !== 'all' && /^\d+$/.test(o.tail)) shown = Number(o.tail) === 0 ? [] : shown.slice(-Number(o.tail));
        const print = async (l: { time: number; stream: 'stdout' | 'stderr'; text: string }) => {
          const text = o.timestamps ? `${rfc3339NanoFixed(l.time)} ${l.text}` : l.text;
          if (l.stream === 'stdout') await cli.out(text);
          else await cli.err(text);
        };
        for (const l of shown) await print(l);
        if (o.follow && rec.state.Running) {
          let seen = rec.logs.length;
          let printed = lines.length;
          const ended = daemon.wait(rec.id);
          let over = false;
          void ended.then(() => (over = true));
          while (!over) {
            // Wait for the log to grow or the container to end (no polling: an idle follow schedules nothing).
            let sub: { dispose(): void } | undefined;
            const grew = new Promise<void>((resolve) => (sub = daemon.onDidLog((id) => id === rec.id && resolve())));
            try {
              await cli.proc.wait(Promise.race([grew, ended]));
            } finally {
              sub?.dispose();
            }
            if (rec.logs.length > seen) {
              take(seen);
              seen = rec.logs.length;
              for (const l of lines.slice(printed)) await print(l);
              printed = lines.length;
            }
          }
          take(seen);
          for (const l of lines.slice(printed)) await print(l);
        }
        return 0;
      }),
  });
}

function parseSince(s: string, now: number): number {
  if (s === '') return 0;
  const rel = /^(\d+)(s|m|h)$/.exec(s);
  if (rel) return now - Number(rel[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[rel[2] as 's' | 'm' | 'h'];
  const t = Date.parse(s);
  return Number.isNaN(t) ? 0 : t;
}

export function execCommand(dc: DaemonGetter): Command {
  return defineCommand({
    use: 'exec [OPTIONS] CONTAINER COMMAND [ARG...]',
    short: 'Execute a command in a running container',
    args: min(2),
    interspersed: false,
    annotations: { 'category-top': '4', aliases: 'docker container exec, docker exec' },
    flags: {
      detachKeys: flag.string('detach-keys', { usage: 'Override the key sequence for detaching a container' }),
      interactive: flag.bool('interactive', { short: 'i', usage: 'Keep STDIN open even if not attached' }),
      tty: flag.bool('tty', { short: 't', usage: 'Allocate a pseudo-TTY' }),
      detach: flag.bool('detach', { short: 'd', usage: 'Detached mode: run command in the background' }),
      user: flag.string('user', { short: 'u', usage: 'Username or UID (format: "<name|uid>[:<group|gid>]")' }),
      privileged: flag.bool('privileged', { usage: 'Give extended privileges to the command' }),
      env: flag.list('env', { short: 'e', usage: 'Set environment variables' }),
      workdir: flag.string('workdir', { short: 'w', usage: 'Working directory inside the container' }),
      envFile: flag.list('env-file', { usage: 'Read in a file of environment variables' }),
    },
    completeArgs: (req) => (req.args.length === 0 ? completionContainers(dc, req.toComplete, (c) => c.state.Running) : undefined),
    run: (cli, args, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const ctx = cli.proc;
        const [target, ...argv] = args as [string, ...string[]];
        const useTty = o.tty && ctx.tty !== undefined;
        const env = [...o.env];
        for (const f of o.envFile) env.push(...readEnvFile(ctx, f));
        const io: AttachIO = o.detach
          ? { stdout: { isTTY: false, write: () => Promise.resolve(), close: () => {} }, stderr: { isTTY: false, write: () => Promise.resolve(), close: () => {} } }
          : { ...(o.interactive ? { stdin: ctx.stdin } : {}), stdout: ctx.stdout, stderr: ctx.stderr, ...(useTty ? { tty: ctx.tty } : {}) };
        let proc;
        try {
          proc = daemon.exec(target, argv, {
            env,
            ...(o.workdir ? { workdir: o.workdir } : {}),
            ...(o.user ? { user: o.user } : {}),
            io,
            tty: useTty && !o.detach,
          });
        } catch (e) {
          if (e instanceof DaemonError && (e.status === 126 || e.status === 127)) {
            await cli.err(`${e.message}\n`);
            return e.status;
          }
          throw e;
        }
        if (o.detach) return 0;
        try {
          const info = await ctx.wait(proc.exited);
          return info.status;
        } finally {
          if (useTty && ctx.tty) ctx.tty.foregroundPgid = ctx.process.pgid;
        }
      }),
  });
}

export function attachCommand(_dc: DaemonGetter): Command {
  return defineCommand({
    use: 'attach [OPTIONS] CONTAINER',
    short: 'Attach local standard input, output, and error streams to a running container',
    args: exact(1),
    annotations: { aliases: 'docker container attach, docker attach' },
    flags: {
      noStdin: flag.bool('no-stdin', { usage: 'Do not attach STDIN' }),
      sigProxy: flag.bool('sig-proxy', { usage: 'Proxy all received signals to the process', default: true }),
      detachKeys: flag.string('detach-keys', { usage: 'Override the key sequence for detaching a container' }),
    },
    run: (cli, args) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const rec = daemon.mustContainer(args[0]!);
        if (!rec.state.Running) throw new CliError('You cannot attach to a stopped container, start it first');
        const sub = daemon.attach(rec.id, { stdout: cli.proc.stdout, stderr: cli.proc.stderr });
        cli.proc.trap('SIGINT', () => {
          try {
            daemon.kill(rec.id, 'SIGINT');
          } catch {
            // gone
          }
        });
        try {
          return await cli.proc.wait(daemon.wait(rec.id));
        } finally {
          sub.dispose();
        }
      }),
  });
}

export function topCommand(_dc: DaemonGetter): Command {
  return defineCommand({
    use: 'top CONTAINER [ps OPTIONS]',
    short: 'Display the running processes of a container',
    args: min(1),
    interspersed: false,
    annotations: { aliases: 'docker container top, docker top' },
    run: (cli, args) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const rec = daemon.mustContainer(args[0]!);
        if (!rec.state.Running) throw new DaemonError(`container ${rec.id} is not running`, 409);
        const rows = daemon.processes(rec.id).map((p) => `root\t${p.pid}\t${p.ppid}\t0\t${hhmm(rec.state.StartedAt)}\t${p.tty ? 'pts/0' : '?'}\t00:00:00\t${p.argv.join(' ')}`);
        await cli.out(tabwrite(`UID\tPID\tPPID\tC\tSTIME\tTTY\tTIME\tCMD\n${rows.join('\n')}\n`, { minwidth: 20, tabwidth: 1, padding: 3, padchar: ' ', flags: 0 }));
        return 0;
      }),
  });
}

function hhmm(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** The Engine API's Ports of a container: published ones on 0.0.0.0 and ::, exposed ones bare. */

export function portCommand(_dc: DaemonGetter): Command {
  return defineCommand({
    use: 'port CONTAINER [PRIVATE_PORT[/PROTO]]',
    short: 'List port mappings or a specific mapping for the container',
    args: range(1, 2),
    annotations: { aliases: 'docker container port, docker port' },
    run: (cli, args) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const rec = daemon.mustContainer(args[0]!);
        const ports = (inspectContainer(rec).NetworkSettings as { Ports: Record<string, HostBinding[] | null> }).Ports;
        const r = portLines(ports, args[0]!, args[1]);
        if (!r.ok) throw new CliError(r.error);
        if (r.lines.length > 0) await cli.out(`${r.lines.join('\n')}\n`);
        return 0;
      }),
  });
}

export function diffCommand(_dc: DaemonGetter): Command {
  return defineCommand({
    use: 'diff CONTAINER',
    short: "Inspect changes to files or directories on a container's filesystem",
    args: exact(1),
    annotations: { aliases: 'docker container diff, docker diff' },
    run: (cli, args) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        // The daemon's own files live in the container's init layer, below the diffed rw layer:
        // they, and directories changed only through them, are not listed.
        const INIT = new Set(['/etc/hostname', '/etc/hosts', '/etc/resolv.conf']);
        const rest = daemon
          .containerFs(args[0]!)
          .changes()
          .filter((c) => !INIT.has(c.path));
        const shown = rest.filter((c) => c.kind !== 'C' || ![...INIT].some((f) => f.startsWith(`${c.path}/`)) || rest.some((o) => o.path.startsWith(`${c.path}/`)));
        for (const c of shown) await cli.out(`${c.kind} ${c.path}\n`);
        return 0;
      }),
  });
}

export function cpCommand(_dc: DaemonGetter): Command {
  return defineCommand({
    use: 'cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH',
    short: 'Copy files/folders between a container and the local filesystem',
    args: exact(2),
    annotations: { aliases: 'docker container cp, docker cp' },
    flags: {
      followLink: flag.bool('follow-link', { short: 'L', usage: 'Always follow symbol link in SRC_PATH' }),
      archive: flag.bool('archive', { short: 'a', usage: 'Archive mode (copy all uid/gid information)' }),
      quiet: flag.bool('quiet', { short: 'q', usage: 'Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached' }),
    },
    run: (cli, args) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const ctx = cli.proc;
        const split = (s: string): [string | undefined, string] => {
          const i = s.indexOf(':');
          if (i <= 0 || s.startsWith('/') || s.startsWith('.')) return [undefined, s];
          return [s.slice(0, i), s.slice(i + 1)];
        };
        const [sc, sp] = split(args[0]!);
        const [dc, dp] = split(args[1]!);
        if (sc !== undefined && dc !== undefined) throw new CliError('copying between containers is not supported');
        if (sc === undefined && dc === undefined) throw new CliError('must specify at least one container source');
        const srcFs = sc !== undefined ? daemon.containerFs(sc) : ctx.fs;
        const dstFs = dc !== undefined ? daemon.containerFs(dc) : ctx.fs;
        const from = sc !== undefined ? resolvePath('/', sp) : resolvePath(ctx.cwd, sp);
        let to = dc !== undefined ? resolvePath('/', dp) : resolvePath(ctx.cwd, dp);
        if (!srcFs.exists(from)) {
          throw sc !== undefined ? new DaemonError(`Could not find the file ${sp} in container ${sc}`, 404) : new CliError(`lstat ${from}: no such file or directory`);
        }
        if (dstFs.exists(to) && dstFs.stat(to).type === 'dir') to = `${to.replace(/\/$/, '')}/${from.split('/').pop()!}`;
        const copy = (a: string, b: string): void => {
          const st = srcFs.stat(a);
          if (st.type === 'dir') {
            if (!dstFs.exists(b)) dstFs.mkdir(b, { recursive: true });
            for (const e of srcFs.readdir(a)) copy(`${a.replace(/\/$/, '')}/${e.name}`, `${b.replace(/\/$/, '')}/${e.name}`);
          } else dstFs.writeFile(b, srcFs.readFile(a));
        };
        copy(from, to);
        if (ctx.stderr.isTTY && ctx.tty?.screen !== 'none') {
          // cp.go prints "Successfully copied <size> to <dest>" only on a terminal.
          await cli.err(`Successfully copied ${dockerSize(sizeOf(srcFs, from)).replace(/B$/, 'B')} to ${args[1]!}\n`);
        }
        return 0;
      }),
  });
}

function sizeOf(fs: { stat(p: string): { type: string; size: number }; readdir(p: string): { name: string }[] }, p: string): number {
  const st = fs.stat(p);
  if (st.type !== 'dir') return st.size;
  return fs.readdir(p).reduce((n, e) => n + sizeOf(fs, `${p.replace(/\/$/, '')}/${e.name}`), 0);
}

// ------------------------------------------------------------------ ps

export { goTimeString };

/** The networks of `--network` (`name` or `name=n,alias=a,ip=x`), `--network-alias` and `--ip` (opts.go parseNetworkOpts). */
export function parseNetworkFlags(o: Opts): { networkMode?: string; networks?: { name: string; aliases?: string[]; ip?: string }[] } | string {
  const values = [...((o.net as string[] | undefined) ?? []), ...((o.network as string[] | undefined) ?? [])];
  const aliases = [...((o.netAlias as string[] | undefined) ?? []), ...((o.networkAlias as string[] | undefined) ?? [])];
  const ip = (o.ip as string | undefined) ?? '';
  const userDefined = (n: string) => !['default', 'bridge', 'host', 'none'].includes(n) && !n.startsWith('container:');
  const list: { name: string; aliases?: string[]; ip?: string }[] = [];
  for (const v of values.length ? values : ['default']) {
    const ep: { name: string; aliases?: string[]; ip?: string } = { name: v };
    if (v.includes('=')) {
      ep.name = '';
      for (const field of v.split(',')) {
        const eq = field.indexOf('=');
        const k = eq < 0 ? field : field.slice(0, eq);
        const val = eq < 0 ? '' : field.slice(eq + 1);
        if (k === 'name') ep.name = val;
        else if (k === 'alias') ep.aliases = [...(ep.aliases ?? []), val];
        else if (k === 'ip') ep.ip = val;
        else return `invalid argument "${v}" for "--network" flag: invalid field key ${k}`;
      }
    }
    if (list.length === 0) {
      if (ep.aliases?.length && aliases.length) return 'conflicting options: cannot specify both --network-alias and per-network alias';
      if (ep.ip && ip) return 'conflicting options: cannot specify both --ip and per-network IPv4 address';
      if (aliases.length) ep.aliases = aliases;
      if (ip) ep.ip = ip;
    }
    if (ep.name.trim() === '') return 'no name set for network';
    if (!userDefined(ep.name) && ep.aliases?.length) return 'network-scoped aliases are only supported for user-defined networks';
    if (list.some((x) => x.name === ep.name)) return `network "${ep.name}" is specified multiple times`;
    list.push(ep);
  }
  if (list.some((x) => userDefined(x.name)) && list.some((x) => !userDefined(x.name))) return 'conflicting options: cannot attach both user-defined and non-user-defined network-modes';
  const first = list[0]!.name;
  return { networkMode: first === 'default' ? 'bridge' : first, ...(first.startsWith('container:') || first === 'host' || first === 'none' ? {} : { networks: list }) };
}

/** `docker ps` filters (daemon/list.go): returns the error text of a bad filter. */
export function psFilter(filters: readonly string[]): ((c: ContainerRecord, ancestorIds: (ref: string) => string | undefined) => boolean) | string {
  const byKey = new Map<string, string[]>();
  for (const f of filters) {
    const i = f.indexOf('=');
    if (i < 0) return `bad format of filter (expected name=value)`;
    const k = f.slice(0, i).toLowerCase();
    if (!['status', 'name', 'ancestor', 'label', 'exited', 'id', 'before', 'since', 'volume', 'network', 'publish', 'expose', 'health', 'isolation', 'is-task'].includes(k)) return `invalid filter '${k}'`;
    const v = f.slice(i + 1);
    if (k === 'status' && !['created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead'].includes(v)) {
      return `invalid filter 'status=${v}'`;
    }
    if (k === 'exited' && !/^-?\d+$/.test(v)) return `invalid filter 'exited=${v}'`;
    if (k === 'health' && !(VALID_HEALTHS as readonly string[]).includes(v)) return `invalid filter 'health=${v}': invalid value for health (${v}): must be one of ${VALID_HEALTHS.join(', ')}`;
    byKey.set(k, [...(byKey.get(k) ?? []), v]);
  }
  return (c, ancestorIds) => {
    for (const [k, vs] of byKey) {
      const ok = vs.some((v) => {
        switch (k) {
          case 'status':
            return c.state.Status === v;
          case 'name':
            try {
              return new RegExp(v).test(c.name);
            } catch {
              return false;
            }
          case 'id':
            return c.id.startsWith(v);
          case 'exited':
            return c.state.Status === 'exited' && c.state.ExitCode === Number(v);
          case 'health':
            return healthFilterValue(c.state.Health) === v;
          case 'label': {
            const i = v.indexOf('=');
            return i < 0 ? v in c.config.Labels : c.config.Labels[v.slice(0, i)] === v.slice(i + 1);
          }
          case 'ancestor': {
            const id = ancestorIds(v);
            return id !== undefined ? c.imageId === id : c.imageRef === v;
          }
          case 'volume':
            return c.mounts.some((m) => m.source === v || m.target === v);
          case 'publish':
            return c.ports.some((p) => `${p.hostPort}` === v.split('/')[0]);
          case 'expose':
            return c.config.ExposedPorts.some((e) => e === v || e.split('/')[0] === v);
          case 'network':
            return (c.endpoints ?? []).some((e) => e.name === v || e.network.startsWith(v));
          default:
            return true;
        }
      });
      if (!ok) return false;
    }
    return true;
  };
}

export function psCommandDef(use: string, aliases: readonly string[], annotations: Record<string, string>): Command {
  return defineCommand({
    use,
    aliases,
    short: 'List containers',
    args: noArgs,
    annotations,
    flags: {
      quiet: flag.bool('quiet', { short: 'q', usage: 'Only display container IDs' }),
      size: flag.bool('size', { short: 's', usage: 'Display total file sizes' }),
      all: flag.bool('all', { short: 'a', usage: 'Show all containers (default shows just running)' }),
      noTrunc: flag.bool('no-trunc', { usage: "Don't truncate output" }),
      latest: flag.bool('latest', { short: 'l', usage: 'Show the latest created container (includes all states)' }),
      last: flag.int('last', { short: 'n', usage: 'Show n last created containers (includes all states)', default: -1 }),
      format: flag.string('format', {
        usage:
          'Format output using a custom template:\n\'table\':            Print output in table format with column headers (default)\n\'table TEMPLATE\':   Print output in table format using the given Go template\n\'json\':             Print in JSON format\n\'TEMPLATE\':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates',
      }),
      filter: flag.list('filter', { short: 'f', type: 'filter', usage: 'Filter output based on conditions provided' }),
    },
    run: (cli, _args, o) =>
      guard(cli, async () => {
        if (o.format.length > 0 && o.quiet) await cli.err('WARNING: Ignoring custom format, because both --format and --quiet are set.\n');
        const daemon = await connect(cli);
        const out = psOutput(daemon, cli.proc.kernel.clock.now(), o);
        if (typeof out !== 'string') throw out;
        await cli.out(out);
        return 0;
      }),
  });
}

export interface PsOptions {
  quiet: boolean;
  size: boolean;
  all: boolean;
  noTrunc: boolean;
  latest: boolean;
  last: number;
  format: string;
  filter: string[];
}

/** What `docker ps` prints (or the error to raise). */
export function psOutput(daemon: DockerDaemon, now: number, o: PsOptions): string | Error {
  // list.go buildContainerListOptions: a --format is always parsed and run once on an empty context.
  if (o.format.length > 0) {
    const t = parseDockerTemplate(dockerPreFormat(o.format));
    if (!t.ok) return new CliError(`failed to parse template: ${t.error}`);
  }
  const filter = psFilter(o.filter);
  if (typeof filter === 'string') return new DaemonError(filter, 400);
  const n = o.latest && o.last === -1 ? 1 : o.last;
  let list = daemon.listContainers(o.all || n > 0 || o.filter.length > 0);
  const idCache = new Map<string, string | undefined>();
  const resolve = (ref: string) => {
    if (!idCache.has(ref)) idCache.set(ref, daemon.image(ref)?.id);
    return idCache.get(ref);
  };
  list = list.filter((c) => filter(c, resolve));
  if (o.filter.length > 0 && !o.all && !o.filter.some((f) => f.startsWith('status=') || f.startsWith('exited='))) list = list.filter((c) => c.state.Running);
  if (n > 0) list = list.slice(0, n);
  // The size is asked for with --size, or when the template reads .Size (and not with -q).
  const size = o.size || (!o.quiet && /\.Size\b/.test(o.format));
  const summaries = list.map((c) => containerSummary(c, now, resolve, size ? { rw: 0, rootFs: daemon.image(c.imageId)?.size ?? 0 } : undefined));
  const r = psWrite(summaries, { format: o.format, quiet: o.quiet, size, noTrunc: o.noTrunc }, now);
  if (!r.ok) return new CliError(r.error);
  return r.output;
}

// ------------------------------------------------------------------ completion helpers

/**
 * Completion is synchronous: it reads the daemon only if this world's daemon is already loaded
 * (the session passes a getter; nothing is loaded or connected for a completion).
 */
export type DaemonGetter = () => DockerDaemon | undefined;

export { apiPorts };

export function completionContainers(dc: DaemonGetter, prefix: string, pred: (c: ContainerRecord) => boolean): string[] {
  const d = dc();
  if (!d) return [];
  return d
    .listContainers(true)
    .filter(pred)
    .map((c) => c.name)
    .filter((n) => n.startsWith(prefix));
}

export function completionImages(dc: DaemonGetter, prefix: string): string[] {
  const d = dc();
  if (!d) return [];
  return d
    .listImages()
    .flatMap((i) => i.repoTags)
    .filter((t) => t.startsWith(prefix));
}
