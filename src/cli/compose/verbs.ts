/**
 * The `docker compose` verbs of the second pass (docker/compose v2.38.2 cmd/compose and
 * pkg/compose): run, create, kill, pause, unpause, top, images, port, wait, scale, and the rm
 * confirmation prompt. They share the project helpers of commands.ts through `VerbHelpers`.
 */
import type { ContainerRecord, DockerDaemon } from '../../engine/docker/daemon';
import type { ProcessContext } from '../../engine/runtime/kernel';
import { LineReader } from '../../engine/runtime/streams';
import { defineCommand, flag, min, type CliContext, type Command } from '../lib/command';
import { tabwrite, DOCKER_TABWRITER } from '../lib/tabwriter';
import { dockerHumanDuration, dockerSize } from '../lib/units';
import { dockerWrite } from '../lib/gotemplate';
import { containerCommand, displayablePorts, psCommand, stateString } from '../docker/format';
import { apiPorts } from '../../engine/docker/inspect';
import { CliError, connect } from '../docker/client';
import { containerSpec, createServices, ensureResources, LABEL, projectContainers, sortByName, startServices, waitDependencies, type Env } from './backend';
import { shellSplit, type Project, type ServiceConfig } from './loader';

export interface VerbHelpers {
  guarded(cli: CliContext, body: () => Promise<number>): Promise<number>;
  projectName(cli: CliContext): Promise<{ name: string; project?: Project }>;
  withProject(cli: CliContext, services?: readonly string[]): Promise<{ project: Project; daemon: DockerDaemon }>;
  withProgress(proc: ProcessContext, daemon: DockerDaemon, title: string, body: (env: Env) => Promise<void>): Promise<void>;
  pullMissing(env: Env, project: Project): Promise<void>;
}

/** `docker compose rm`'s question: the pipe form on a pipe, survey's Confirm on a terminal. */
export async function confirm(cli: CliContext, message: string): Promise<boolean> {
  const proc = cli.proc;
  if (proc.stdin.isTTY) {
    // survey's Confirm: a green bold "?", the message in bold, "(y/N)" in white; the answer in cyan.
    await cli.out(`\x1b[1;92m? \x1b[0m\x1b[1;99m${message} \x1b[0m\x1b[37m(y/N) \x1b[0m`);
    const r = await new LineReader(proc.stdin).next();
    const answer = (r?.line ?? '').trim().toLowerCase();
    const yes = answer === 'y' || answer === 'yes';
    await cli.out(`\x1b[1A\x1b[0G\x1b[2K\x1b[1;92m? \x1b[0m\x1b[1;99m${message} \x1b[0m\x1b[36m${yes ? 'Yes' : 'No'}\x1b[0m\n`);
    return yes;
  }
  await cli.out(message);
  const r = await new LineReader(proc.stdin).next();
  const s = (r?.line ?? '').trim().split(/\s+/)[0]!.toLowerCase();
  return s === 'y' || ['1', 't', 'true'].includes(s);
}

/** compose's ContainerContext fields (cmd/formatter/container.go). */
function containerContext(c: ContainerRecord, now: number, trunc: boolean): Record<string, unknown> {
  const ports = apiPorts(c);
  return {
    ID: trunc ? c.id.slice(0, 12) : c.id,
    Name: c.name,
    Names: c.name,
    Project: c.config.Labels[LABEL.project] ?? '',
    Service: c.config.Labels[LABEL.service] ?? '',
    Image: c.imageRef,
    Command: psCommand(containerCommand(c.path, c.args), trunc),
    CreatedAt: new Date(c.created).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC'),
    RunningFor: `${dockerHumanDuration(now - c.created)} ago`,
    ExitCode: c.state.ExitCode,
    State: c.state.Status,
    Status: stateString(c.state, now),
    Health: c.state.Health?.Status ?? '',
    Ports: displayablePorts(ports),
    Labels: Object.entries(c.config.Labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
    LocalVolumes: String(c.mounts.filter((m) => m.type === 'volume').length),
    Mounts: c.mounts.map((m) => m.source).join(','),
    Networks: (c.endpoints ?? []).map((e) => e.name).join(','),
    Size: '0B',
  };
}

const PS_HEADER: Record<string, string> = {
  ID: 'CONTAINER ID',
  Name: 'NAME',
  Names: 'NAMES',
  Project: 'PROJECT',
  Service: 'SERVICE',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Labels: 'LABELS',
  ExitCode: 'EXIT CODE',
  Health: 'HEALTH',
  Mounts: 'MOUNTS',
  LocalVolumes: 'LOCAL VOLUMES',
  Networks: 'NETWORKS',
};

/** `docker compose ps --format TEMPLATE` (table, json and Go templates). */
export function psFormat(format: string, cs: readonly ContainerRecord[], now: number, trunc: boolean): { ok: true; output: string } | { ok: false; error: string } {
  const f = format === 'table' ? 'table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}' : format;
  const r = dockerWrite(f, cs.map((c) => containerContext(c, now, trunc)), PS_HEADER);
  return r.ok ? { ok: true, output: r.output } : { ok: false, error: r.error };
}

export function moreVerbs(h: VerbHelpers): Command[] {
  const { guarded } = h;

  const kill = defineCommand({
    use: 'kill [OPTIONS] [SERVICE...]',
    short: 'Force stop service containers',
    flags: {
      removeOrphans: flag.bool('remove-orphans', { usage: 'Remove containers for services not defined in the Compose file' }),
      signal: flag.string('signal', { short: 's', usage: 'SIGNAL to send to the container', default: 'SIGKILL' }),
    },
    run: (cli, args, o) =>
      guarded(cli, async () => {
        const { name } = await h.projectName(cli);
        const daemon = await connect(cli);
        const cs = sortByName(projectContainers(daemon, name, { services: args, all: false, oneoff: true }));
        if (cs.length === 0) {
          await cli.err('no container to kill');
          return 0;
        }
        await h.withProgress(cli.proc, daemon, 'Killing', async (env) => {
          for (const c of cs) {
            const id = `Container ${c.name}`;
            env.w.event({ id, status: 'working', statusText: 'Killing' });
            await env.proc.sleep(10); // the API call's round trip: the event is out before the container dies
            try {
              daemon.kill(c.id, o.signal);
            } catch (e) {
              env.w.event({ id, status: 'error', statusText: 'Error while Killing' });
              throw e;
            }
            await env.proc.sleep(100);
            env.w.event({ id, status: 'done', statusText: 'Killed' });
          }
        });
        return 0;
      }),
  });

  const pauseLike = (verb: 'pause' | 'unpause') =>
    defineCommand({
      use: `${verb} [SERVICE...]`,
      short: verb === 'pause' ? 'Pause services' : 'Unpause services',
      run: (cli, args) =>
        guarded(cli, async () => {
          const { name } = await h.projectName(cli);
          const daemon = await connect(cli);
          const cs = sortByName(projectContainers(daemon, name, { services: args, all: false }));
          await h.withProgress(cli.proc, daemon, verb === 'pause' ? 'Pausing' : 'Running', async (env) => {
            for (const c of cs) {
              if (verb === 'pause') daemon.pause(c.id);
              else daemon.unpause(c.id);
              env.w.event({ id: `Container ${c.name}`, status: 'done', statusText: verb === 'pause' ? 'Paused' : 'Unpaused' });
            }
          });
          return 0;
        }),
    });

  const top = defineCommand({
    use: 'top [SERVICES...]',
    short: 'Display the running processes',
    run: (cli, args) =>
      guarded(cli, async () => {
        const { name } = await h.projectName(cli);
        const daemon = await connect(cli);
        const cs = sortByName(projectContainers(daemon, name, { services: args, all: false }));
        const rows: string[] = [];
        for (const c of cs) {
          const started = new Date(c.state.StartedAt);
          const stime = `${String(started.getUTCHours()).padStart(2, '0')}:${String(started.getUTCMinutes()).padStart(2, '0')}`;
          for (const p of daemon.processes(c.id)) {
            rows.push([c.config.Labels[LABEL.service] ?? '', c.config.Labels[LABEL.number] ?? '', 'root', String(p.pid), String(p.ppid), '0', stime, p.tty ? 'pts/0' : '?', '00:00:00', p.argv.join(' ')].join('\t'));
          }
        }
        if (rows.length === 0) return 0;
        await cli.out(tabwrite(`SERVICE\t#\tUID\tPID\tPPID\tC\tSTIME\tTTY\tTIME\tCMD\n${rows.join('\n')}\n`, { minwidth: 4, tabwidth: 1, padding: 2, padchar: ' ', flags: 0 }));
        return 0;
      }),
  });

  const images = defineCommand({
    use: 'images [OPTIONS] [SERVICE...]',
    short: 'List images used by the created containers',
    flags: {
      format: flag.string('format', { usage: 'Format the output. Values: [table | json]', default: 'table' }),
      quiet: flag.bool('quiet', { short: 'q', usage: 'Only display IDs' }),
    },
    run: (cli, args, o) =>
      guarded(cli, async () => {
        const { name } = await h.projectName(cli);
        const daemon = await connect(cli);
        const cs = sortByName(projectContainers(daemon, name, { services: args }));
        const rows = cs.flatMap((c) => {
          const img = daemon.image(c.imageId);
          if (!img) return [];
          const tag = img.repoTags.find((t) => t === c.imageRef || t === `${c.imageRef}:latest`) ?? img.repoTags[0] ?? '';
          const i = tag.lastIndexOf(':');
          return [{ container: c.name, repo: i > 0 ? tag.slice(0, i) : tag, tag: i > 0 ? tag.slice(i + 1) : '', id: img.id, size: img.size, created: Date.parse(img.created) }];
        });
        if (o.quiet) {
          for (const id of [...new Set(rows.map((r) => r.id.replace(/^sha256:/, '')))]) await cli.out(`${id}\n`);
          return 0;
        }
        if (o.format === 'json') {
          const list = rows.map((r) => ({ ID: r.id, ContainerName: r.container, Repository: r.repo, Tag: r.tag, Platform: 'linux/amd64', Size: r.size, LastTagTime: '0001-01-01T00:00:00Z' }));
          await cli.out(`${JSON.stringify(list.length ? list : null)}\n`);
          return 0;
        }
        const now = cli.proc.kernel.clock.now();
        let text = 'CONTAINER\tREPOSITORY\tTAG\tPLATFORM\tIMAGE ID\tSIZE\tCREATED\n';
        for (const r of rows) text += `${r.container}\t${r.repo || '<none>'}\t${r.tag || '<none>'}\tlinux/amd64\t${r.id.replace(/^sha256:/, '').slice(0, 12)}\t${dockerSize(r.size)}\t${dockerHumanDuration(now - r.created)} ago\n`;
        await cli.out(tabwrite(text, DOCKER_TABWRITER));
        return 0;
      }),
  });

  const port = defineCommand({
    use: 'port [OPTIONS] SERVICE PRIVATE_PORT',
    short: 'Print the public port for a port binding',
    args: min(2),
    flags: {
      protocol: flag.string('protocol', { usage: 'tcp or udp', default: 'tcp' }),
      index: flag.int('index', { usage: 'Index of the container if service has multiple replicas' }),
    },
    run: (cli, args, o) =>
      guarded(cli, async () => {
        const [service, portArg] = args as [string, string];
        const privatePort = Number(portArg);
        if (!/^\d+$/.test(portArg)) throw new CliError(`strconv.Atoi: parsing ${JSON.stringify(portArg)}: invalid syntax`);
        const { name } = await h.projectName(cli);
        const daemon = await connect(cli);
        const index = o.index === 0 ? 1 : o.index;
        const c = projectContainers(daemon, name, { services: [service] }).find((x) => x.config.Labels[LABEL.number] === String(index));
        if (!c) throw new CliError(`service "${service}" is not running`);
        const p = apiPorts(c).find((x) => x.PrivatePort === privatePort && x.Type === o.protocol && x.PublicPort !== undefined);
        if (!p) {
          const all = apiPorts(c).map((x) => `${x.PrivatePort}/${x.Type}`);
          throw new CliError(`no port ${privatePort}/${o.protocol} for container ${c.name}: ${[...new Set(all)].join(', ')}`);
        }
        await cli.out(`${p.IP ?? ''}:${p.PublicPort!}\n`);
        return 0;
      }),
  });

  const wait = defineCommand({
    use: 'wait SERVICE [SERVICE...] [OPTIONS]',
    short: 'Block until containers of all (or specified) services stop.',
    args: min(1),
    flags: { downProject: flag.bool('down-project', { usage: 'Drops project when the first container stops' }) },
    run: (cli, args) =>
      guarded(cli, async () => {
        const { name } = await h.projectName(cli);
        const daemon = await connect(cli);
        // getContainers(oneOffInclude, all=false): the running containers, one-off ones too.
        const cs = projectContainers(daemon, name, { services: args, all: false, oneoff: true });
        if (cs.length === 0) throw new CliError(`no containers for project ${JSON.stringify(name)}`);
        let status = 0;
        await cli.proc.wait(
          Promise.all(
            cs.map(async (c) => {
              status = await daemon.wait(c.id);
              await cli.out(`container ${JSON.stringify(c.id)} exited with status code ${status}\n`);
            }),
          ),
        );
        return status;
      }),
  });

  const create = defineCommand({
    use: 'create [OPTIONS] [SERVICE...]',
    short: 'Creates containers for a service',
    flags: {
      build: flag.bool('build', { usage: 'Build images before starting containers' }),
      noBuild: flag.bool('no-build', { usage: "Don't build an image, even if it's policy" }),
      pull: flag.string('pull', { usage: 'Pull image before running ("always"|"missing"|"never"|"build")', default: 'policy' }),
      quietPull: flag.bool('quiet-pull', { usage: 'Pull without printing progress information' }),
      forceRecreate: flag.bool('force-recreate', { usage: "Recreate containers even if their configuration and image haven't changed" }),
      noRecreate: flag.bool('no-recreate', { usage: "If containers already exist, don't recreate them. Incompatible with --force-recreate." }),
      removeOrphans: flag.bool('remove-orphans', { usage: 'Remove containers for services not defined in the Compose file' }),
      scale: flag.stringArray('scale', { usage: 'Scale SERVICE to NUM instances. Overrides the `scale` setting in the Compose file if present.' }),
      yes: flag.bool('yes', { short: 'y', usage: 'Assume "yes" as answer to all prompts and run non-interactively' }),
    },
    run: (cli, args, o) =>
      guarded(cli, async () => {
        if (o.build && o.noBuild) throw new CliError('--build and --no-build are incompatible');
        if (o.forceRecreate && o.noRecreate) throw new CliError('--force-recreate and --no-recreate are incompatible');
        const { project, daemon } = await h.withProject(cli, args);
        await h.withProgress(cli.proc, daemon, 'Running', async (env) => {
          await h.pullMissing(env, project);
          await ensureResources(env, project);
          await createServices(env, project, { forceRecreate: o.forceRecreate, noRecreate: o.noRecreate });
        });
        return 0;
      }),
  });

  const run = defineCommand({
    use: 'run [OPTIONS] SERVICE [COMMAND] [ARGS...]',
    short: 'Run a one-off command on a service',
    args: min(1),
    interspersed: false,
    flags: {
      detach: flag.bool('detach', { short: 'd', usage: 'Run container in background and print container ID' }),
      env: flag.stringArray('env', { short: 'e', usage: 'Set environment variables' }),
      label: flag.stringArray('label', { short: 'l', usage: 'Add or override a label' }),
      rm: flag.bool('rm', { usage: 'Automatically remove the container when it exits' }),
      noTty: flag.bool('no-TTY', { short: 'T', usage: 'Disable pseudo-TTY allocation (default: auto-detected)' }),
      name: flag.string('name', { usage: 'Assign a name to the container' }),
      user: flag.string('user', { short: 'u', usage: 'Run as specified username or uid' }),
      workdir: flag.string('workdir', { short: 'w', usage: 'Working directory inside the container' }),
      entrypoint: flag.string('entrypoint', { usage: 'Override the entrypoint of the image' }),
      noDeps: flag.bool('no-deps', { usage: "Don't start linked services" }),
      publish: flag.stringArray('publish', { short: 'p', usage: "Publish a container's port(s) to the host" }),
      servicePorts: flag.bool('service-ports', { short: 'P', usage: "Run command with all service's ports enabled and mapped to the host" }),
      pull: flag.string('pull', { usage: 'Pull image before running ("always"|"missing"|"never")', default: 'policy' }),
      quiet: flag.bool('quiet', { short: 'q', usage: "Don't print anything to STDOUT" }),
      quietPull: flag.bool('quiet-pull', { usage: 'Pull without printing progress information' }),
      build: flag.bool('build', { usage: 'Build image before starting container' }),
      removeOrphans: flag.bool('remove-orphans', { usage: 'Remove containers for services not defined in the Compose file' }),
      interactive: flag.bool('interactive', { short: 'i', usage: 'Keep STDIN open even if not attached', default: true }),
      tty: flag.bool('tty', { short: 't', usage: 'Allocate a pseudo-TTY', default: true, hidden: true }),
    },
    run: (cli, args, o) =>
      guarded(cli, async () => {
        const [service, ...command] = args as [string, ...string[]];
        if (o.servicePorts && o.publish.length > 0) throw new CliError('--service-ports and --publish are incompatible');
        if (cli.changed('tty') && cli.changed('no-TTY')) throw new CliError("--tty and --no-TTY can't be used together");
        for (const l of o.label) if (!l.includes('=')) throw new CliError('label must be set as KEY=VALUE');
        const { project, daemon } = await h.withProject(cli, o.noDeps ? [service] : [service]);
        const s = project.services.get(service);
        if (!s) throw new CliError(`no such service: ${service}`);
        const proc = cli.proc;
        const noTty = cli.changed('no-TTY') ? o.noTty : cli.changed('tty') ? !o.tty : !proc.stdout.isTTY;
        // startDependencies: the other selected services, created and started, with progress.
        const deps: Project = { ...project, services: new Map([...project.services].filter(([n]) => n !== service && !o.noDeps)) };
        await h.withProgress(proc, daemon, 'Running', async (env) => {
          await h.pullMissing(env, project);
          await ensureResources(env, project);
          if (deps.services.size > 0) {
            await createServices(env, deps, {});
            await startServices(env, deps);
          }
        });
        const quiet: Env = { daemon, proc, w: { event: () => {}, tailMsg: () => {} } as unknown as Env['w'] };
        if (!o.noDeps) await waitDependencies(quiet, project, service, s.dependsOn, false);
        const env: Record<string, string | null> = { ...s.environment };
        for (const e of o.env) {
          const i = e.indexOf('=');
          if (i < 0) env[e] = proc.env.get(e) ?? null;
          else env[e.slice(0, i)] = e.slice(i + 1);
        }
        const labels: Record<string, string> = { ...s.labels };
        for (const l of o.label) labels[l.slice(0, l.indexOf('='))] = l.slice(l.indexOf('=') + 1);
        const one: ServiceConfig = {
          ...s,
          ...(command.length > 0 ? { command } : {}),
          ...(cli.changed('entrypoint') ? { entrypoint: shellSplit(o.entrypoint) } : {}),
          ...(o.user !== '' ? { user: o.user } : {}),
          ...(o.workdir !== '' ? { workingDir: o.workdir } : {}),
          environment: env,
          labels,
          ports: o.servicePorts ? s.ports : [],
          restart: undefined,
          tty: !noTty,
          stdinOpen: o.interactive,
        } as ServiceConfig;
        const slug = proc.kernel.ids.hex('compose-run-slug', 64);
        const ctrName = o.name !== '' ? o.name : s.containerName ?? `${project.name}-${service}-run-${slug.slice(0, 12)}`;
        const spec = containerSpec(quiet, project, one, ctrName, 1, { [LABEL.oneoff]: 'True', 'com.docker.compose.slug': slug });
        const rec = daemon.createContainer({ ...spec, autoRemove: o.rm, ...(o.publish.length > 0 ? {} : {}) });
        if (o.detach) {
          daemon.startContainer(rec.id);
          await cli.out(`${rec.id}\n`);
          return 0;
        }
        const useTty = !noTty && proc.tty !== undefined;
        daemon.startContainer(rec.id, { ...(o.interactive ? { stdin: proc.stdin } : {}), stdout: proc.stdout, stderr: proc.stderr, ...(useTty ? { tty: proc.tty } : {}) });
        try {
          return await proc.wait(daemon.wait(rec.id));
        } finally {
          if (useTty && proc.tty) proc.tty.foregroundPgid = proc.process.pgid;
        }
      }),
  });

  const scale = defineCommand({
    use: 'scale [SERVICE=REPLICAS...]',
    short: 'Scale services ',
    args: min(1),
    flags: { noDeps: flag.bool('no-deps', { usage: "Don't start linked services" }) },
    run: (cli, args) =>
      guarded(cli, async () => {
        const want = new Map<string, number>();
        for (const a of args) {
          const [svc, n] = a.split('=');
          if (n === undefined || svc === undefined) throw new CliError(`invalid scale specifier: ${a}`);
          if (!/^-?\d+$/.test(n)) throw new CliError(`invalid scale specifier: can't parse replica value as int: ${a}`);
          want.set(svc, Number(n));
        }
        const { project, daemon } = await h.withProject(cli, [...want.keys()]);
        await h.withProgress(cli.proc, daemon, 'Running', async (env) => {
          await ensureResources(env, project);
          await createServices(env, project, {});
          for (const [svc, n] of want) {
            const s = project.services.get(svc)!;
            const cs = sortByName(projectContainers(daemon, project.name, { services: [svc] }));
            for (let i = cs.length + 1; i <= n; i++) {
              const name = `${project.name}-${svc}-${i}`;
              const id = `Container ${name}`;
              env.w.event({ id, status: 'working', statusText: 'Creating' });
              await env.proc.sleep(100);
              daemon.createContainer(containerSpec(env, project, s, name, i));
              env.w.event({ id, status: 'done', statusText: 'Created' });
            }
            const extra = cs.filter((c) => Number(c.config.Labels[LABEL.number] ?? '0') > n).reverse();
            for (const c of extra) {
              const id = `Container ${c.name}`;
              env.w.event({ id, status: 'working', statusText: 'Stopping' });
              await daemon.stop(c.id, 10, (ms) => env.proc.sleep(ms));
              env.w.event({ id, status: 'working', statusText: 'Removing' });
              daemon.remove(c.id, true);
              env.w.event({ id, status: 'done', statusText: 'Removed' });
            }
          }
          await startServices(env, project);
        });
        return 0;
      }),
  });

  return [kill, pauseLike('pause'), pauseLike('unpause'), top, images, port, wait, create, run, scale];
}
