/**
 * `docker compose` (docker/compose v2.38.2 cmd/compose): the plugin's cobra tree, its global
 * project flags, and the verbs up, down, ps, logs, exec, config, version, ls, stop, start,
 * restart, rm, pull, build. Errors print as the CLI plugin machinery prints them (the message on
 * stderr, exit 1); progress goes to stderr (stdinfo), listings to stdout.
 */
import type { ContainerRecord, DockerDaemon, PullEvent } from '../../engine/docker/daemon';
import { DaemonError } from '../../engine/docker/daemon';
import type { ProcessContext } from '../../engine/runtime/kernel';
import type { WriteStream } from '../../engine/runtime/streams';
import { toBytes } from '../../engine/runtime/streams';
import { versions } from '../../engine/core/versions';
import { apiPorts } from '../../engine/docker/inspect';
import { build } from '../../engine/docker/builder';
import { withBuildProgress } from '../docker/build';
import { defineCommand, dockerStyle, flag, min, noArgs, runCli, type CliContext, type Command, type FlagDef } from '../lib/command';
import { tabwrite, DOCKER_TABWRITER } from '../lib/tabwriter';
import { dockerHumanDuration } from '../lib/units';
import { containerCommand, displayablePorts, psCommand, rfc3339NanoFixed, stateString } from '../docker/format';
import { CliError, connect } from '../docker/client';
import type { DaemonGetter } from '../docker/containers';
import {
  COMPOSE_VERSION,
  createServices,
  ensureResources,
  imageName,
  LABEL,
  nameWithoutProject,
  projectContainers,
  removeContainers,
  sortByName,
  startServices,
  stopContainers,
  type Env,
} from './backend';
import { loadProject, type Project } from './loader';
import { ProgressWriter, type ProgressMode } from './progress';
import { yamlStringify } from './yamlout';
import { confirm, moreVerbs, psFormat } from './verbs';

/** The values of compose's global flags for one run. */
interface Globals {
  files: string[];
  projectName: string;
  projectDirectory: string;
  envFiles: string[];
  progress: string;
  ansi: string;
  dryRun: boolean;
}

/** A flag whose parsed value is also handed to `sink` (compose's flags live on the `compose` node). */
function capture<T>(d: FlagDef<T>, sink: (v: T) => void): FlagDef<T> {
  return {
    ...d,
    create: () => {
      const v = d.create();
      return {
        type: v.type,
        zero: v.zero,
        set: (s: string) => {
          const e = v.set(s);
          if (e === undefined) sink(v.get());
          return e;
        },
        get: () => v.get(),
        string: () => v.string(),
      };
    },
  };
}

const PRINTER_MODES = ['auto', 'tty', 'plain', 'json', 'quiet'];

/** Runs a command body, printing errors as the plugin does (message, exit 1). */
async function guarded(cli: CliContext, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof CliError) {
      await cli.err(`${e.message}\n`);
      return e.status;
    }
    if (e instanceof DaemonError) {
      await cli.err(`${e.status === 0 ? e.message : `Error response from daemon: ${e.message}`}\n`);
      return 1;
    }
    throw e;
  }
}

/** logrus's warning line on a terminal (coloured, padded) or elsewhere (key=value). */
function logrusWarning(proc: ProcessContext, msg: string): string {
  if (proc.stderr.isTTY) return `\x1b[33mWARN\x1b[0m[0000] ${msg.padEnd(44)} \n`;
  return `time="${new Date(proc.kernel.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z')}" level=warning msg=${JSON.stringify(msg)}\n`;
}

function progressMode(g: Globals, proc: ProcessContext): ProgressMode {
  if (g.progress === 'quiet' || g.progress === 'none') return 'quiet';
  if (g.progress === 'plain' || g.ansi === 'never') return 'plain';
  if (g.progress === 'tty' || g.ansi === 'always') return 'tty';
  return proc.stderr.isTTY ? 'tty' : 'plain';
}

/** progress.RunWithTitle: the writer ticking every 100 ms while `body` runs. */
async function withProgress(proc: ProcessContext, g: Globals, daemon: DockerDaemon, title: string, body: (env: Env) => Promise<void>): Promise<void> {
  let buf = '';
  const w = new ProgressWriter(
    progressMode(g, proc),
    {
      write: (s) => (buf += s),
      now: () => proc.kernel.clock.now(),
      size: () => ({ cols: proc.tty?.cols ?? 80, rows: proc.tty?.rows ?? 24 }),
    },
    title,
  );
  const flush = async () => {
    if (buf) {
      const s = buf;
      buf = '';
      await proc.stderr.write(s);
    }
  };
  let running = true;
  const ticker = (async () => {
    while (running) {
      w.print();
      await flush();
      await proc.sleep(100);
    }
  })().catch(() => undefined);
  const flushing = (async () => {
    while (running) {
      await flush();
      await proc.sleep(1);
    }
  })().catch(() => undefined);
  try {
    await body({ daemon, proc, w });
  } finally {
    running = false;
    await ticker;
    await flushing;
    w.finish();
    await flush();
  }
}

interface ProjectCtx {
  readonly project: Project;
  readonly daemon: DockerDaemon;
}

/** ToProject: loads the project (warnings on stderr), or throws the loader's error. */
async function loadFor(cli: CliContext, g: Globals, services: readonly string[] = []): Promise<Project> {
  const proc = cli.proc;
  const r = loadProject({
    fs: proc.fs,
    cwd: proc.cwd,
    env: proc.env,
    files: g.files,
    ...(g.projectName ? { projectName: g.projectName } : {}),
    ...(g.projectDirectory ? { projectDirectory: g.projectDirectory } : {}),
    envFiles: g.envFiles,
    services,
  });
  for (const w of r.warnings) await cli.err(logrusWarning(proc, w));
  if (!r.ok) throw new CliError(r.error);
  return r.project;
}

async function withProject(cli: CliContext, g: Globals, services: readonly string[] = []): Promise<ProjectCtx> {
  const project = await loadFor(cli, g, services);
  const daemon = await connect(cli);
  return { project, daemon };
}

/** The project name without loading services (projectOrName): -p, else the loaded project's. */
async function projectName(cli: CliContext, g: Globals): Promise<{ name: string; project?: Project }> {
  if (g.projectName && g.files.length === 0) return { name: g.projectName };
  try {
    const project = await loadFor(cli, g);
    return { name: project.name, project };
  } catch (e) {
    const env = cli.proc.env.get('COMPOSE_PROJECT_NAME');
    if (env) return { name: env };
    throw e;
  }
}

// ------------------------------------------------------------------ pull and build

async function pullImage(env: Env, service: string, image: string, quiet: boolean): Promise<void> {
  const { daemon, proc, w } = env;
  w.event({ id: service, status: 'working', statusText: '', text: 'Pulling' });
  try {
    await daemon.pull(
      image,
      (e: PullEvent) => {
        if (quiet || !e.layer) return;
        const status = e.line.slice(e.layer.length + 2);
        const done = /^(Download complete|Already exists|Pull complete)$/.test(status);
        w.event({
          id: e.layer,
          parentId: service,
          status: done ? 'done' : 'working',
          statusText: '',
          text: status,
        });
      },
      (ms) => proc.sleep(ms),
    );
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    w.event({ id: service, status: 'error', statusText: msg, text: 'Error' });
    throw e;
  }
  w.event({ id: service, status: 'done', statusText: '', text: 'Pulled' });
}

/** Pulls the images services need and lack (pullRequiredImages). */
async function pullMissing(env: Env, project: Project, policy: string, quiet: boolean): Promise<void> {
  for (const [name, s] of project.services) {
    if (s.build && !s.image) continue;
    const image = imageName(project, s);
    const present = env.daemon.image(image) !== undefined;
    if (policy === 'never' || (present && policy !== 'always')) continue;
    if (s.build && !present) continue;
    await pullImage(env, name, image, quiet);
  }
}

/** Builds the services' images with the daemon's builder, printing BuildKit's progress. */
async function buildServices(
  proc: ProcessContext,
  g: Globals,
  daemon: DockerDaemon,
  project: Project,
  opts: {
    force: boolean;
    noCache?: boolean;
    pull?: boolean;
    services?: readonly string[];
  },
): Promise<string[]> {
  const built: string[] = [];
  for (const [name, s] of project.services) {
    const spec = s.build;
    if (!spec) continue;
    if (opts.services && opts.services.length > 0 && !opts.services.includes(name)) continue;
    const image = imageName(project, s);
    if (!opts.force && daemon.image(image)) continue;
    const args = new Map<string, string>();
    for (const [k, v] of Object.entries(spec.args)) if (v !== null) args.set(k, v);
    const mode = progressMode(g, proc);
    const result = await withBuildProgress(proc, mode === 'quiet' ? 'quiet' : mode === 'tty' ? 'tty' : 'plain', (onProgress) =>
      build(daemon, {
        kernel: proc.kernel,
        sleep: (ms) => proc.sleep(ms),
        wait: (p) => proc.wait(p),
        contextFs: proc.fs,
        contextDir: spec.context,
        dockerfile: `${spec.context.replace(/\/$/, '')}/${spec.dockerfile}`,
        tags: [image],
        buildArgs: args,
        labels: new Map([
          [LABEL.project, project.name],
          [LABEL.service, name],
          [LABEL.version, COMPOSE_VERSION],
        ]),
        target: spec.target,
        noCache: opts.noCache === true,
        pull: opts.pull === true,
        onProgress,
      }),
    );
    if (!result.ok) throw new CliError(`failed to solve: ${result.message}`);
    built.push(name);
  }
  return built;
}

// ------------------------------------------------------------------ attached output

const RAINBOW = ['36', '33', '32', '35', '34', '36;1', '33;1', '32;1', '35;1', '34;1'];

/** formatter.logConsumer: `web-1  | line`, names padded to the longest plus one, coloured on a terminal. */
class LogPrinter {
  private readonly colorsOf = new Map<string, (s: string) => string>();
  private next = 0;
  private width = 0;
  constructor(
    private readonly out: WriteStream,
    private readonly err: WriteStream,
    private readonly color: boolean,
    private readonly prefix: boolean,
    private readonly timestamps: boolean,
    private readonly now: () => number,
  ) {}

  register(name: string): void {
    if (!this.colorsOf.has(name)) {
      const code = RAINBOW[this.next % RAINBOW.length]!;
      this.next++;
      this.colorsOf.set(name, this.color ? (s) => `\x1b[${code.includes(';') ? `${code.split(';')[1]!};${code.split(';')[0]!}` : code}m${s}\x1b[0m` : (s) => s);
    }
    this.width = Math.max(this.width, ...[...this.colorsOf.keys()].map((k) => k.length + 1));
  }

  private pre(name: string): string {
    if (!this.prefix) return '';
    return this.colorsOf.get(name)!(`${name.padEnd(this.width)} | `);
  }

  async log(name: string, line: string, stream: 'stdout' | 'stderr' = 'stdout'): Promise<void> {
    this.register(name);
    const ts = this.timestamps ? rfc3339NanoFixed(this.now()) : '';
    await (stream === 'stdout' ? this.out : this.err).write(`${this.pre(name)}${ts}${line}\n`);
  }

  async status(name: string, msg: string): Promise<void> {
    this.register(name);
    await this.out.write(this.colorsOf.get(name)!(`\r\x1b[K${name} ${msg}\n`));
  }
}

/** A stream that hands complete lines to `line`. */
function lineStream(line: (text: string) => Promise<void>): WriteStream & { flushRest(): Promise<void> } {
  const dec = new TextDecoder();
  let pending = '';
  let chain = Promise.resolve();
  return {
    isTTY: false,
    write(data) {
      pending += dec.decode(toBytes(data), { stream: true });
      const parts = pending.split('\n');
      pending = parts.pop()!;
      for (const p of parts) chain = chain.then(() => line(p.replace(/\r$/, '')));
      return chain;
    },
    close() {},
    async flushRest() {
      await chain;
      if (pending !== '') {
        const p = pending;
        pending = '';
        await line(p);
      }
    },
  };
}

// ------------------------------------------------------------------ the tree

const FORMAT_HELP = `Format output using a custom template:
'table':            Print output in table format with column headers (default)
'table TEMPLATE':   Print output in table format using the given Go template
'json':             Print in JSON format
'TEMPLATE':         Print output using the given Go template.
Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates`;

export function composeTree(dc: DaemonGetter): Command {
  const g: Globals = {
    files: [],
    projectName: '',
    projectDirectory: '',
    envFiles: [],
    progress: '',
    ansi: 'auto',
    dryRun: false,
  };
  void dc;

  const up = defineCommand({
    use: 'up [OPTIONS] [SERVICE...]',
    short: 'Create and start containers',
    flags: {
      detach: flag.bool('detach', {
        short: 'd',
        usage: 'Detached mode: Run containers in the background',
      }),
      build: flag.bool('build', {
        usage: 'Build images before starting containers',
      }),
      noBuild: flag.bool('no-build', {
        usage: "Don't build an image, even if it's policy",
      }),
      pull: flag.string('pull', {
        usage: 'Pull image before running ("always"|"missing"|"never")',
        default: 'policy',
      }),
      removeOrphans: flag.bool('remove-orphans', {
        usage: 'Remove containers for services not defined in the Compose file',
      }),
      scale: flag.stringArray('scale', {
        usage: 'Scale SERVICE to NUM instances. Overrides the `scale` setting in the Compose file if present.',
      }),
      noColor: flag.bool('no-color', { usage: 'Produce monochrome output' }),
      noLogPrefix: flag.bool('no-log-prefix', {
        usage: "Don't print prefix in logs",
      }),
      forceRecreate: flag.bool('force-recreate', {
        usage: "Recreate containers even if their configuration and image haven't changed",
      }),
      noRecreate: flag.bool('no-recreate', {
        usage: "If containers already exist, don't recreate them. Incompatible with --force-recreate.",
      }),
      noStart: flag.bool('no-start', {
        usage: "Don't start the services after creating them",
      }),
      abortOnExit: flag.bool('abort-on-container-exit', {
        usage: 'Stops all containers if any container was stopped. Incompatible with -d',
      }),
      abortOnFailure: flag.bool('abort-on-container-failure', {
        usage: 'Stops all containers if any container exited with failure. Incompatible with -d',
      }),
      exitCodeFrom: flag.string('exit-code-from', {
        usage: 'Return the exit code of the selected service container. Implies --abort-on-container-exit',
      }),
      timeout: flag.int('timeout', {
        short: 't',
        usage: 'Use this timeout in seconds for container shutdown when attached or when containers are already running',
      }),
      timestamps: flag.bool('timestamps', { usage: 'Show timestamps' }),
      noDeps: flag.bool('no-deps', { usage: "Don't start linked services" }),
      alwaysRecreateDeps: flag.bool('always-recreate-deps', {
        usage: 'Recreate dependent containers. Incompatible with --no-recreate.',
      }),
      renewAnonVolumes: flag.bool('renew-anon-volumes', {
        short: 'V',
        usage: 'Recreate anonymous volumes instead of retrieving data from the previous containers',
      }),
      quietPull: flag.bool('quiet-pull', {
        usage: 'Pull without printing progress information',
      }),
      attach: flag.stringArray('attach', {
        usage: 'Restrict attaching to the specified services. Incompatible with --attach-dependencies.',
      }),
      noAttach: flag.stringArray('no-attach', {
        usage: 'Do not attach (stream logs) to the specified services',
      }),
      attachDependencies: flag.bool('attach-dependencies', {
        usage: 'Automatically attach to log output of dependent services',
      }),
      wait: flag.bool('wait', {
        usage: 'Wait for services to be running|healthy. Implies detached mode.',
      }),
      waitTimeout: flag.int('wait-timeout', {
        usage: 'Maximum duration in seconds to wait for the project to be running|healthy',
      }),
      watch: flag.bool('watch', {
        short: 'w',
        usage: 'Watch source code and rebuild/refresh containers when files are updated.',
      }),
      menu: flag.bool('menu', {
        usage: 'Enable interactive shortcuts when running attached. Incompatible with --detach. Can also be enable/disable by setting COMPOSE_MENU environment var.',
      }),
      yes: flag.bool('yes', {
        short: 'y',
        usage: 'Assume "yes" as answer to all prompts and run non-interactively',
      }),
    },
    run: (cli, args, o) =>
      guarded(cli, async () => {
        if (o.build && o.noBuild) throw new CliError('--build and --no-build are incompatible');
        if (o.forceRecreate && o.noRecreate) throw new CliError('--force-recreate and --no-recreate are incompatible');
        const detach = o.detach || o.wait;
        if (detach && (o.abortOnExit || o.abortOnFailure || o.attach.length > 0 || o.attachDependencies || o.watch)) {
          throw new CliError('--detach cannot be combined with --abort-on-container-exit, --abort-on-container-failure, --attach, --attach-dependencies or --watch');
        }
        const { project, daemon } = await withProject(cli, g, args);
        const proc = cli.proc;
        await buildServices(proc, g, daemon, project, { force: o.build });
        await withProgress(proc, g, daemon, 'Running', async (env) => {
          await pullMissing(env, project, o.pull === 'policy' ? 'missing' : o.pull, o.quietPull);
          await ensureResources(env, project);
          await createServices(env, project, {
            forceRecreate: o.forceRecreate,
            noRecreate: o.noRecreate,
            renewAnonVolumes: o.renewAnonVolumes,
          });
          if (detach && !o.noStart) await startServices(env, project);
        });
        if (detach || o.noStart) return 0;
        return attachedUp(cli, project, daemon, {
          color: !o.noColor && proc.stdout.isTTY && g.ansi !== 'never',
          prefix: !o.noLogPrefix,
          timestamps: o.timestamps,
          timeout: cli.changed('timeout') ? o.timeout : undefined,
        });
      }),
  });

  async function attachedUp(
    cli: CliContext,
    project: Project,
    daemon: DockerDaemon,
    o: {
      color: boolean;
      prefix: boolean;
      timestamps: boolean;
      timeout: number | undefined;
    },
  ): Promise<number> {
    const proc = cli.proc;
    const printer = new LogPrinter(proc.stdout, proc.stdout, o.color, o.prefix, o.timestamps, () => proc.kernel.clock.now());
    const containers = sortByName(
      projectContainers(daemon, project.name, {
        services: [...project.services.keys()],
      }),
    );
    if (containers.length > 0) await cli.out(`Attaching to ${containers.map(nameWithoutProject).join(', ')}\n`);
    for (const c of containers) printer.register(nameWithoutProject(c));
    let aborting = false;
    const streams: Array<ReturnType<typeof lineStream>> = [];
    const attach = (c: ContainerRecord) => {
      const name = nameWithoutProject(c);
      const out = lineStream((l) => (aborting ? Promise.resolve() : printer.log(name, l)));
      const err = lineStream((l) => (aborting ? Promise.resolve() : printer.log(name, l)));
      streams.push(out, err);
      daemon.attach(c.id, { stdout: out, stderr: err });
    };
    let interrupted = false;
    let stopping: Promise<void> | undefined;
    proc.trap('SIGINT', () => {
      if (stopping) {
        for (const c of projectContainers(daemon, project.name)) {
          try {
            daemon.kill(c.id);
          } catch {
            // already stopped
          }
        }
        return;
      }
      interrupted = true;
      aborting = true;
      stopping = (async () => {
        await proc.stderr.write('Gracefully stopping... (press Ctrl+C again to force)\n');
        await withProgress(proc, g, daemon, 'Stopping', (env) => stopContainers(env, project, projectContainers(daemon, project.name, { all: false }), o.timeout));
      })();
    });
    const env: Env = {
      daemon,
      proc,
      w: new ProgressWriter('quiet', {
        write: () => {},
        now: () => 0,
        size: () => ({ cols: 80, rows: 24 }),
      }),
    };
    for (const c of containers) if (!c.state.Running) attach(c);
    for (const c of containers) if (c.state.Running) attach(c);
    await startServices(env, project, false);
    const exits = containers.map(async (c) => {
      const code = await daemon.wait(c.id);
      for (const s of streams) await s.flushRest();
      if (!aborting) await printer.status(nameWithoutProject(c), `exited with code ${code}`);
    });
    await proc.wait(Promise.all(exits).then(() => undefined));
    if (stopping) await stopping;
    return interrupted ? 130 : 0;
  }

  const down = defineCommand({
    use: 'down [OPTIONS] [SERVICES]',
    short: 'Stop and remove containers, networks',
    flags: {
      removeOrphans: flag.bool('remove-orphans', {
        usage: 'Remove containers for services not defined in the Compose file',
      }),
      timeout: flag.int('timeout', {
        short: 't',
        usage: 'Specify a shutdown timeout in seconds',
      }),
      volumes: flag.bool('volumes', {
        short: 'v',
        usage: 'Remove named volumes declared in the "volumes" section of the Compose file and anonymous volumes attached to containers',
      }),
      rmi: flag.string('rmi', {
        usage: 'Remove images used by services. "local" remove only images that don\'t have a custom tag ("local"|"all")',
      }),
    },
    run: (cli, args, o) =>
      guarded(cli, async () => {
        if (o.rmi !== '' && o.rmi !== 'local' && o.rmi !== 'all') throw new CliError(`invalid value for --rmi: ${JSON.stringify(o.rmi)}`);
        const { name, project } = await projectName(cli, g);
        const daemon = await connect(cli);
        const cs = projectContainers(daemon, name, {
          services: args,
          oneoff: true,
        });
        // Without a compose file, getProjectWithResources: the networks and volumes labelled with the project (actualNetworks, actualVolumes).
        const labelled = (labels: Readonly<Record<string, string>> | undefined) => labels?.[LABEL.project] === name;
        const nets = project
          ? [...project.networks.values()].filter((n) => !n.external && daemon.network(n.name))
          : daemon.listNetworks().filter((n) => labelled(n.labels)).map((n) => ({ name: n.name })).sort((a, b) => (a.name < b.name ? -1 : 1));
        const vols = !o.volumes
          ? []
          : project
            ? [...project.volumes.values()].filter((v) => !v.external && daemon.listVolumes().some((x) => x.name === v.name))
            : daemon.listVolumes().filter((v) => labelled(v.labels)).sort((a, b) => (a.name < b.name ? -1 : 1));
        const images =
          o.rmi === 'all'
            ? [...(project?.services.values() ?? [])].map((s) => imageName(project!, s))
            : o.rmi === 'local'
              ? [...(project?.services.values() ?? [])].filter((s) => !s.image).map((s) => imageName(project!, s))
              : [];
        if (cs.length === 0 && nets.length === 0 && vols.length === 0 && images.every((i) => !daemon.image(i))) {
          await cli.err(logrusWarning(cli.proc, `Warning: No resource found to remove for project ${JSON.stringify(name)}.`));
          return 0;
        }
        await withProgress(cli.proc, g, daemon, 'Running', async (env) => {
          await removeContainers(env, project, cs, {
            stop: true,
            volumes: o.volumes,
            ...(cli.changed('timeout') ? { timeout: o.timeout } : {}),
          });
          if (args.length === 0) {
            for (const v of vols) {
              const id = `Volume ${v.name}`;
              env.w.event({ id, status: 'working', statusText: 'Removing' });
              daemon.removeVolume(v.name);
              env.w.event({ id, status: 'done', statusText: 'Removed' });
            }
            for (const n of nets) {
              const id = `Network ${n.name}`;
              env.w.event({ id, status: 'working', statusText: 'Removing' });
              await env.proc.sleep(100);
              daemon.removeNetwork(n.name);
              env.w.event({ id, status: 'done', statusText: 'Removed' });
            }
            for (const i of images) {
              if (!daemon.image(i)) continue;
              const id = `Image ${i}`;
              env.w.event({ id, status: 'working', statusText: 'Removing' });
              daemon.removeImage(i);
              env.w.event({ id, status: 'done', statusText: 'Removed' });
            }
          }
        });
        return 0;
      }),
  });

  const ps = defineCommand({
    use: 'ps [OPTIONS] [SERVICE...]',
    short: 'List containers',
    flags: {
      format: flag.string('format', { usage: FORMAT_HELP, default: 'table' }),
      filter: flag.string('filter', {
        usage: 'Filter services by a property (supported filters: status)',
      }),
      status: flag.stringArray('status', {
        usage: 'Filter services by status. Values: [paused | restarting | removing | running | dead | created | exited]',
      }),
      quiet: flag.bool('quiet', { short: 'q', usage: 'Only display IDs' }),
      services: flag.bool('services', { usage: 'Display services' }),
      orphans: flag.bool('orphans', {
        usage: 'Include orphaned services (not declared by project)',
        default: true,
      }),
      all: flag.bool('all', {
        short: 'a',
        usage: 'Show all stopped containers (including those created by the run command)',
      }),
      noTrunc: flag.bool('no-trunc', { usage: "Don't truncate output" }),
    },
    run: (cli, args, o) =>
      guarded(cli, async () => {
        const { name, project } = await projectName(cli, g);
        for (const s of args) if (project && !project.services.has(s)) throw new CliError(`no such service: ${s}`);
        const daemon = await connect(cli);
        let cs = sortByName(
          projectContainers(daemon, name, {
            all: o.all || o.status.length > 0,
            services: args,
            oneoff: o.all,
          }),
        );
        if (o.status.length > 0) cs = cs.filter((c) => o.status.includes(c.state.Status));
        if (o.filter !== '') {
          const [k, v] = o.filter.split('=');
          if (v === undefined) throw new CliError('arguments to --filter should be in form KEY=VAL');
          if (k !== 'status') throw new CliError(`unknown filter ${k!}`);
          cs = cs.filter((c) => c.state.Status === v);
        }
        if (o.quiet) {
          for (const c of cs) await cli.out(`${c.id}\n`);
          return 0;
        }
        if (o.services) {
          const names = [...new Set(cs.map((c) => c.config.Labels[LABEL.service] ?? ''))];
          if (names.length > 0) await cli.out(`${names.join('\n')}\n`);
          return 0;
        }
        const now = cli.proc.kernel.clock.now();
        const row = (c: ContainerRecord) => ({
          Name: c.name,
          Image: c.imageRef,
          Command: psCommand(containerCommand(c.path, c.args), !o.noTrunc),
          Service: c.config.Labels[LABEL.service] ?? '',
          RunningFor: `${dockerHumanDuration(now - c.created)} ago`,
          Status: stateString(c.state, now),
          Ports: displayablePorts(apiPorts(c)),
          ID: o.noTrunc ? c.id : c.id.slice(0, 12),
          Project: c.config.Labels[LABEL.project] ?? '',
          State: c.state.Status,
          ExitCode: c.state.ExitCode,
        });
        if (o.format === 'json') {
          for (const c of cs) await cli.out(`${JSON.stringify(row(c))}\n`);
          return 0;
        }
        if (o.format !== 'table') {
          const r = psFormat(o.format, cs, now, !o.noTrunc);
          if (!r.ok) throw new CliError(r.error);
          await cli.out(r.output);
          return 0;
        }
        let text = 'NAME\tIMAGE\tCOMMAND\tSERVICE\tCREATED\tSTATUS\tPORTS\n';
        for (const c of cs) {
          const r = row(c);
          text += `${r.Name}\t${r.Image}\t${r.Command}\t${r.Service}\t${r.RunningFor}\t${r.Status}\t${r.Ports}\n`;
        }
        await cli.out(tabwrite(text, DOCKER_TABWRITER));
        return 0;
      }),
  });

  const logs = defineCommand({
    use: 'logs [OPTIONS] [SERVICE...]',
    short: 'View output from containers',
    flags: {
      follow: flag.bool('follow', { short: 'f', usage: 'Follow log output' }),
      index: flag.int('index', {
        usage: 'index of the container if service has multiple replicas',
      }),
      since: flag.string('since', {
        usage: 'Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)',
      }),
      until: flag.string('until', {
        usage: 'Show logs before a timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)',
      }),
      noColor: flag.bool('no-color', { usage: 'Produce monochrome output' }),
      noLogPrefix: flag.bool('no-log-prefix', {
        usage: "Don't print prefix in logs",
      }),
      timestamps: flag.bool('timestamps', {
        short: 't',
        usage: 'Show timestamps',
      }),
      tail: flag.string('tail', {
        short: 'n',
        usage: 'Number of lines to show from the end of the logs for each container',
        default: 'all',
      }),
    },
    run: (cli, args, o) =>
      guarded(cli, async () => {
        const { name, project } = await projectName(cli, g);
        for (const s of args) if (project && !project.services.has(s)) throw new CliError(`no such service: ${s}`);
        const daemon = await connect(cli);
        const proc = cli.proc;
        const cs = sortByName(projectContainers(daemon, name, { services: args }));
        const printer = new LogPrinter(proc.stdout, proc.stderr, !o.noColor && proc.stdout.isTTY && g.ansi !== 'never', !o.noLogPrefix, false, () => 0);
        for (const c of cs) printer.register(nameWithoutProject(c));
        const linesOf = (c: ContainerRecord, from: number) => {
          const out: {
            time: number;
            stream: 'stdout' | 'stderr';
            text: string;
          }[] = [];
          const pending = { stdout: '', stderr: '' };
          for (const e of c.logs.slice(0, from === 0 ? undefined : undefined)) {
            let t = pending[e.stream] + e.text;
            let i: number;
            while ((i = t.indexOf('\n')) >= 0) {
              out.push({
                time: e.time,
                stream: e.stream,
                text: t.slice(0, i).replace(/\r$/, ''),
              });
              t = t.slice(i + 1);
            }
            pending[e.stream] = t;
          }
          return out;
        };
        const printed = new Map<string, number>();
        for (const c of cs) {
          let lines = linesOf(c, 0);
          printed.set(c.id, lines.length);
          if (o.tail !== 'all' && /^\d+$/.test(o.tail)) lines = Number(o.tail) === 0 ? [] : lines.slice(-Number(o.tail));
          for (const l of lines) await printer.log(nameWithoutProject(c), `${o.timestamps ? `${rfc3339NanoFixed(l.time)} ` : ''}${l.text}`, l.stream);
        }
        if (!o.follow) return 0;
        const live = cs.filter((c) => c.state.Running);
        let over = live.length === 0;
        void Promise.all(live.map((c) => daemon.wait(c.id))).then(() => (over = true));
        while (!over) {
          await proc.sleep(100);
          for (const c of cs) {
            const lines = linesOf(c, 0);
            const n = printed.get(c.id) ?? 0;
            for (const l of lines.slice(n)) await printer.log(nameWithoutProject(c), `${o.timestamps ? `${rfc3339NanoFixed(l.time)} ` : ''}${l.text}`, l.stream);
            printed.set(c.id, lines.length);
          }
        }
        return 0;
      }),
  });

  const exec = defineCommand({
    use: 'exec [OPTIONS] SERVICE COMMAND [ARGS...]',
    short: 'Execute a command in a running container',
    args: min(2),
    interspersed: false,
    flags: {
      detach: flag.bool('detach', {
        short: 'd',
        usage: 'Detached mode: Run command in the background',
      }),
      env: flag.stringArray('env', {
        short: 'e',
        usage: 'Set environment variables',
      }),
      index: flag.int('index', {
        usage: 'Index of the container if service has multiple replicas',
      }),
      privileged: flag.bool('privileged', {
        usage: 'Give extended privileges to the process',
      }),
      user: flag.string('user', {
        short: 'u',
        usage: 'Run the command as this user',
      }),
      noTty: flag.bool('no-TTY', {
        short: 'T',
        usage: 'Disable pseudo-TTY allocation. By default `docker compose exec` allocates a TTY.',
      }),
      workdir: flag.string('workdir', {
        short: 'w',
        usage: 'Path to workdir directory for this command',
      }),
      interactive: flag.bool('interactive', {
        short: 'i',
        usage: 'Keep STDIN open even if not attached',
        default: true,
        hidden: true,
      }),
      tty: flag.bool('tty', {
        short: 't',
        usage: 'Allocate a pseudo-TTY',
        default: true,
        hidden: true,
      }),
    },
    run: (cli, args, o) =>
      guarded(cli, async () => {
        const [service, ...argv] = args as [string, ...string[]];
        const { name, project } = await projectName(cli, g);
        if (project && !project.services.has(service)) throw new CliError(`no such service: ${service}`);
        const daemon = await connect(cli);
        const index = o.index === 0 ? 1 : o.index;
        const c = projectContainers(daemon, name, {
          services: [service],
          all: false,
        }).find((x) => x.config.Labels[LABEL.number] === String(index));
        if (!c) throw new CliError(o.index > 0 ? `service "${service}" is not running container #${o.index}` : `service "${service}" is not running`);
        const proc = cli.proc;
        const noTty = cli.changed('no-TTY') ? o.noTty : !proc.stdout.isTTY;
        const useTty = !noTty && proc.tty !== undefined && !o.detach;
        const sink: WriteStream = {
          isTTY: false,
          write: () => Promise.resolve(),
          close: () => {},
        };
        const io = o.detach
          ? { stdout: sink, stderr: sink }
          : {
              ...(o.interactive ? { stdin: proc.stdin } : {}),
              stdout: proc.stdout,
              stderr: proc.stderr,
              ...(useTty ? { tty: proc.tty } : {}),
            };
        let p;
        try {
          p = daemon.exec(c.id, argv, {
            env: o.env,
            ...(o.workdir ? { workdir: o.workdir } : {}),
            ...(o.user ? { user: o.user } : {}),
            io,
            tty: useTty,
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
          return (await proc.wait(p.exited)).status;
        } finally {
          if (useTty && proc.tty) proc.tty.foregroundPgid = proc.process.pgid;
        }
      }),
  });

  const config = defineCommand({
    use: 'config [OPTIONS] [SERVICE...]',
    short: 'Parse, resolve and render compose file in canonical format',
    flags: {
      format: flag.string('format', {
        usage: 'Format the output. Values: [yaml | json]',
      }),
      resolveImageDigests: flag.bool('resolve-image-digests', {
        usage: 'Pin image tags to digests',
      }),
      lockImageDigests: flag.bool('lock-image-digests', {
        usage: 'Produces an override file with image digests',
      }),
      quiet: flag.bool('quiet', {
        short: 'q',
        usage: "Only validate the configuration, don't print anything",
      }),
      noInterpolate: flag.bool('no-interpolate', {
        usage: "Don't interpolate environment variables",
      }),
      noNormalize: flag.bool('no-normalize', {
        usage: "Don't normalize compose model",
      }),
      noPathResolution: flag.bool('no-path-resolution', {
        usage: "Don't resolve file paths",
      }),
      noConsistency: flag.bool('no-consistency', {
        usage: "Don't check model consistency - warning: may produce invalid Compose output",
      }),
      noEnvResolution: flag.bool('no-env-resolution', {
        usage: "Don't resolve service env files",
      }),
      services: flag.bool('services', {
        usage: 'Print the service names, one per line.',
      }),
      volumes: flag.bool('volumes', {
        usage: 'Print the volume names, one per line.',
      }),
      networks: flag.bool('networks', {
        usage: 'Print the network names, one per line.',
      }),
      profiles: flag.bool('profiles', {
        usage: 'Print the profile names, one per line.',
      }),
      images: flag.bool('images', {
        usage: 'Print the image names, one per line.',
      }),
      hash: flag.string('hash', {
        usage: 'Print the service config hash, one per line.',
      }),
      variables: flag.bool('variables', {
        usage: 'Print model variables and default values.',
      }),
      environment: flag.bool('environment', {
        usage: 'Print environment used for interpolation.',
      }),
      output: flag.string('output', {
        short: 'o',
        usage: 'Save to file (default to stdout)',
      }),
    },
    run: (cli, args, o) =>
      guarded(cli, async () => {
        const project = await loadFor(cli, g, args);
        if (o.services) {
          for (const s of project.services.keys()) await cli.out(`${s}\n`);
          return 0;
        }
        if (o.volumes) {
          for (const v of project.volumes.keys()) await cli.out(`${v}\n`);
          return 0;
        }
        if (o.networks) {
          for (const n of project.networks.keys()) await cli.out(`${n}\n`);
          return 0;
        }
        if (o.images) {
          for (const s of project.services.values()) await cli.out(`${imageName(project, s)}\n`);
          return 0;
        }
        if (o.quiet) return 0;
        let text: string;
        if (o.format === 'json') text = `${JSON.stringify(project.model, null, 2)}`;
        else if (o.format === '' || o.format === 'yaml') text = yamlStringify(project.model);
        else throw new CliError(`unsupported format ${JSON.stringify(o.format)}`);
        if (o.output !== '') {
          cli.proc.fs.writeFile(o.output.startsWith('/') ? o.output : `${cli.proc.cwd}/${o.output}`, text);
          return 0;
        }
        await cli.out(text);
        return 0;
      }),
  });

  const version = defineCommand({
    use: 'version [OPTIONS]',
    short: 'Show the Docker Compose version information',
    args: noArgs,
    flags: {
      format: flag.string('format', {
        short: 'f',
        usage: 'Format the output. Values: [pretty | json]. (Default: pretty)',
      }),
      short: flag.bool('short', {
        usage: "Shows only Compose's version number",
      }),
    },
    run: async (cli, _args, o) => {
      if (o.short) await cli.out(`${COMPOSE_VERSION}\n`);
      else if (o.format === 'json') await cli.out(`{"version":"${versions.compose}"}\n`);
      else await cli.out(`Docker Compose version ${versions.compose}\n`);
      return 0;
    },
  });

  const ls = defineCommand({
    use: 'ls [OPTIONS]',
    short: 'List running compose projects',
    args: noArgs,
    flags: {
      format: flag.string('format', {
        usage: 'Format the output. Values: [table | json]',
        default: 'table',
      }),
      quiet: flag.bool('quiet', {
        short: 'q',
        usage: 'Only display project names',
      }),
      filter: flag.custom('filter', {
        type: 'filter',
        usage: 'Filter output based on conditions provided',
        default: [] as string[],
        parse: (s, prev) => ({ ok: true, value: [...prev, s] }),
        format: (v) => `[${v.join(' ')}]`,
      }),
      all: flag.bool('all', {
        short: 'a',
        usage: 'Show all stopped Compose projects',
      }),
    },
    run: (cli, _args, o) =>
      guarded(cli, async () => {
        const daemon = await connect(cli);
        const byProject = new Map<string, ContainerRecord[]>();
        for (const c of daemon.listContainers(true)) {
          const p = c.config.Labels[LABEL.project];
          if (p === undefined) continue;
          byProject.set(p, [...(byProject.get(p) ?? []), c]);
        }
        const rows: { Name: string; Status: string; ConfigFiles: string }[] = [];
        for (const p of [...byProject.keys()].sort()) {
          const cs = byProject.get(p)!;
          const counts = new Map<string, number>();
          for (const c of cs) counts.set(c.state.Status, (counts.get(c.state.Status) ?? 0) + 1);
          if (!o.all && !counts.has('running')) continue;
          const status = [...counts.keys()]
            .sort()
            .map((s) => `${s}(${counts.get(s)!})`)
            .join(', ');
          const files = [...new Set(cs.map((c) => c.config.Labels[LABEL.configFiles] ?? ''))].join(',');
          rows.push({ Name: p, Status: status, ConfigFiles: files });
        }
        if (o.quiet) {
          for (const r of rows) await cli.out(`${r.Name}\n`);
          return 0;
        }
        if (o.format === 'json') {
          await cli.out(`${JSON.stringify(rows)}\n`);
          return 0;
        }
        let text = 'NAME\tSTATUS\tCONFIG FILES\n';
        for (const r of rows) text += `${r.Name}\t${r.Status}\t${r.ConfigFiles}\n`;
        await cli.out(tabwrite(text, DOCKER_TABWRITER));
        return 0;
      }),
  });

  const timeoutFlag = () =>
    flag.int('timeout', {
      short: 't',
      usage: 'Specify a shutdown timeout in seconds',
    });
  const stop = defineCommand({
    use: 'stop [OPTIONS] [SERVICE...]',
    short: 'Stop services',
    flags: { timeout: timeoutFlag() },
    run: (cli, args, o) =>
      guarded(cli, async () => {
        const { name, project } = await projectName(cli, g);
        const daemon = await connect(cli);
        const cs = projectContainers(daemon, name, {
          services: args,
          all: false,
        });
        await withProgress(cli.proc, g, daemon, 'Stopping', (env) => stopContainers(env, project, cs, cli.changed('timeout') ? o.timeout : undefined));
        return 0;
      }),
  });

  const start = defineCommand({
    use: 'start [SERVICE...]',
    short: 'Start services',
    run: (cli, args) =>
      guarded(cli, async () => {
        const { project, daemon } = await withProject(cli, g, args);
        if (projectContainers(daemon, project.name).length === 0) throw new CliError(`no container found for project ${JSON.stringify(project.name)}: not found`);
        await withProgress(cli.proc, g, daemon, 'Running', (env) => startServices(env, project));
        return 0;
      }),
  });

  const restart = defineCommand({
    use: 'restart [OPTIONS] [SERVICE...]',
    short: 'Restart service containers',
    flags: {
      timeout: timeoutFlag(),
      noDeps: flag.bool('no-deps', {
        usage: "Don't restart dependent services",
      }),
    },
    run: (cli, args, o) =>
      guarded(cli, async () => {
        const { name } = await projectName(cli, g);
        const daemon = await connect(cli);
        const cs = sortByName(projectContainers(daemon, name, { services: args }));
        await withProgress(cli.proc, g, daemon, 'Restarting', async (env) => {
          for (const c of cs) {
            const id = `Container ${c.name}`;
            env.w.event({ id, status: 'working', statusText: 'Restarting' });
            await daemon.stop(c.id, cli.changed('timeout') ? o.timeout : 10, (ms) => env.proc.sleep(ms));
            await env.proc.sleep(300);
            daemon.startContainer(c.id);
            env.w.event({ id, status: 'done', statusText: 'Started' });
          }
        });
        return 0;
      }),
  });

  const rm = defineCommand({
    use: 'rm [OPTIONS] [SERVICE...]',
    short: 'Removes stopped service containers',
    flags: {
      force: flag.bool('force', {
        short: 'f',
        usage: "Don't ask to confirm removal",
      }),
      stop: flag.bool('stop', {
        short: 's',
        usage: 'Stop the containers, if required, before removing',
      }),
      volumes: flag.bool('volumes', {
        short: 'v',
        usage: 'Remove any anonymous volumes attached to containers',
      }),
    },
    run: (cli, args, o) =>
      guarded(cli, async () => {
        const { name, project } = await projectName(cli, g);
        const daemon = await connect(cli);
        const all = projectContainers(daemon, name, { services: args });
        const cs = o.stop ? all : all.filter((c) => !c.state.Running);
        if (cs.length === 0) {
          await cli.err('No stopped containers\n');
          return 0;
        }
        const msg = `Going to remove ${sortByName(cs)
          .map((c) => c.name)
          .join(', ')}`;
        if (o.force) await cli.out(`${msg}\n`);
        else if (!(await confirm(cli, msg))) return 0;
        await withProgress(cli.proc, g, daemon, 'Removing', (env) =>
          removeContainers(env, project, cs, {
            stop: o.stop,
            volumes: o.volumes,
          }),
        );
        return 0;
      }),
  });

  const pull = defineCommand({
    use: 'pull [OPTIONS] [SERVICE...]',
    short: 'Pull service images',
    flags: {
      quiet: flag.bool('quiet', {
        short: 'q',
        usage: 'Pull without printing progress information',
      }),
      includeDeps: flag.bool('include-deps', {
        usage: 'Also pull services declared as dependencies',
      }),
      ignorePullFailures: flag.bool('ignore-pull-failures', {
        usage: 'Pull what it can and ignores images with pull failures',
      }),
      ignoreBuildable: flag.bool('ignore-buildable', {
        usage: 'Ignore images that can be built',
      }),
      policy: flag.string('policy', {
        usage: 'Apply pull policy ("missing"|"always")',
      }),
    },
    run: (cli, args, o) =>
      guarded(cli, async () => {
        const { project, daemon } = await withProject(cli, g, args);
        const mustBuild: string[] = [];
        await withProgress(cli.proc, g, daemon, 'Pulling', async (env) => {
          for (const [name, s] of project.services) {
            if (args.length > 0 && !o.includeDeps && !args.includes(name)) continue;
            if (!s.image) {
              mustBuild.push(name);
              continue;
            }
            if (o.policy === 'missing' && daemon.image(s.image)) continue;
            try {
              await pullImage(env, name, s.image, o.quiet);
            } catch (e) {
              if (!o.ignorePullFailures && !s.build) throw e;
            }
          }
          if (mustBuild.length > 0) env.w.tailMsg(`WARNING: Some service image(s) must be built from source by running:\n    docker compose build ${mustBuild.join(' ')}`);
        });
        return 0;
      }),
  });

  const buildCmd = defineCommand({
    use: 'build [OPTIONS] [SERVICE...]',
    short: 'Build or rebuild services',
    flags: {
      push: flag.bool('push', { usage: 'Push service images' }),
      quiet: flag.bool('quiet', {
        short: 'q',
        usage: "Don't print anything to STDOUT",
      }),
      pull: flag.bool('pull', {
        usage: 'Always attempt to pull a newer version of the image',
      }),
      buildArg: flag.stringArray('build-arg', {
        usage: 'Set build-time variables for services',
      }),
      noCache: flag.bool('no-cache', {
        usage: 'Do not use cache when building the image',
      }),
      withDependencies: flag.bool('with-dependencies', {
        usage: 'Also build dependencies (transitively)',
      }),
    },
    run: (cli, args, o) =>
      guarded(cli, async () => {
        const { project, daemon } = await withProject(cli, g, args);
        for (const s of args) if (!project.services.get(s)?.build && project.services.has(s)) continue;
        const built = await buildServices(cli.proc, g, daemon, project, {
          force: true,
          noCache: o.noCache,
          pull: o.pull,
          services: args,
        });
        if (built.length > 0) {
          await withProgress(cli.proc, g, daemon, 'Building', async (env) => {
            for (const b of built) env.w.event({ id: b, status: 'done', statusText: 'Built' });
          });
        }
        return 0;
      }),
  });

  const notSimulated = (use: string, short: string) =>
    defineCommand({
      use,
      short,
      run: async (cli) => {
        await cli.err(`dockyard: 'docker compose ${cli.command.name}' is not simulated here\n`);
        return 1;
      },
    });

  const projectFlags = {
    profile: capture(flag.stringArray('profile', { usage: 'Specify a profile to enable' }), () => {}),
    projectName: capture(flag.string('project-name', { short: 'p', usage: 'Project name' }), (v) => (g.projectName = v)),
    file: capture(
      flag.stringArray('file', {
        short: 'f',
        usage: 'Compose configuration files',
      }),
      (v) => (g.files = [...v]),
    ),
    envFile: capture(
      flag.stringArray('env-file', {
        usage: 'Specify an alternate environment file',
      }),
      (v) => (g.envFiles = [...v]),
    ),
    projectDirectory: capture(
      flag.string('project-directory', {
        usage: 'Specify an alternate working directory\n(default: the path of the, first specified, Compose file)',
      }),
      (v) => (g.projectDirectory = v),
    ),
    workdir: capture(
      flag.string('workdir', {
        usage: 'DEPRECATED! USE --project-directory INSTEAD.\nSpecify an alternate working directory\n(default: the path of the, first specified, Compose file)',
        hidden: true,
      }),
      (v) => (g.projectDirectory = v),
    ),
    compatibility: flag.bool('compatibility', {
      usage: 'Run compose in backward compatibility mode',
    }),
    progress: capture(
      flag.string('progress', {
        usage: `Set type of progress output (${PRINTER_MODES.join(', ')})`,
      }),
      (v) => (g.progress = v),
    ),
    allResources: flag.bool('all-resources', {
      usage: 'Include all resources, even those not used by services',
    }),
    ansi: capture(
      flag.string('ansi', {
        usage: 'Control when to print ANSI control characters ("never"|"always"|"auto")',
        default: 'auto',
      }),
      (v) => (g.ansi = v),
    ),
    parallel: flag.int('parallel', {
      usage: 'Control max parallelism, -1 for unlimited',
      default: -1,
    }),
    version: flag.bool('version', {
      short: 'v',
      usage: 'Show the Docker Compose version information',
      hidden: true,
    }),
    dryRun: capture(
      flag.bool('dry-run', {
        usage: 'Execute command in dry run mode',
        persistent: true,
      }),
      (v) => (g.dryRun = v),
    ),
    noAnsi: flag.bool('no-ansi', {
      usage: 'Do not print ANSI control characters (DEPRECATED)',
      hidden: true,
    }),
    verbose: flag.bool('verbose', { usage: 'Show more output', hidden: true }),
  };

  const extra = moreVerbs({
    guarded,
    projectName: (cli) => projectName(cli, g),
    withProject: (cli, services) => withProject(cli, g, services),
    withProgress: (proc, daemon, title, body) => withProgress(proc, g, daemon, title, body),
    pullMissing: (env, project) => pullMissing(env, project, 'missing', false),
  });

  const compose = defineCommand({
    use: 'compose',
    short: 'Docker Compose',
    long: 'Define and run multi-container applications with Docker',
    interspersed: false,
    flags: projectFlags,
    subcommands: [
      up,
      down,
      start,
      restart,
      stop,
      ps,
      ls,
      logs,
      config,
      rm,
      exec,
      notSimulated('attach [OPTIONS] SERVICE', "Attach local standard input, output, and error streams to a service's running container"),
      notSimulated('export [OPTIONS] SERVICE', "Export a service container's filesystem as a tar archive"),
      notSimulated('commit [OPTIONS] SERVICE [REPOSITORY[:TAG]]', "Create a new image from a service container's changes"),
      notSimulated('events [OPTIONS] [SERVICE...]', 'Receive real time events from containers'),
      version,
      buildCmd,
      ...extra,
      notSimulated('push [OPTIONS] [SERVICE...]', 'Push service images'),
      pull,
      notSimulated('cp [OPTIONS] SERVICE:SRC_PATH DEST_PATH|-\n\tdocker compose cp [OPTIONS] SRC_PATH|- SERVICE:DEST_PATH', 'Copy files/folders between a service container and the local filesystem'),
      notSimulated('stats [OPTIONS] [SERVICE]', 'Display a live stream of container(s) resource usage statistics'),
      notSimulated('watch [SERVICE...]', 'Watch build context for service and rebuild/refresh containers when files are updated'),
      notSimulated('volumes [OPTIONS] [SERVICE...]', 'List volumes'),
    ],
    run: async (cli, args, o) => {
      if (o.version && args.length === 0) {
        await cli.out(`Docker Compose version ${versions.compose}\n`);
        return 0;
      }
      if (args.length === 0) {
        await cli.out(cli.helpText('stdout'));
        return 0;
      }
      await cli.out(cli.helpText('stdout'));
      await cli.err(`unknown docker command: ${JSON.stringify(`compose ${args[0]!}`)}\n`);
      return 1;
    },
  });
  return defineCommand({
    use: 'docker',
    style: dockerStyle,
    subcommands: [compose],
    run: () => 0,
  });
}

/** The `compose` entry of docker's command tree: a CLI plugin that gets every word after its name. */
export function composePluginCommand(dc: DaemonGetter): Command {
  return defineCommand({
    use: 'compose',
    short: 'Docker Compose',
    annotations: { 'com.docker.cli.plugin': 'true' },
    disableFlagParsing: true,
    run: (cli, args) =>
      runCli(composeTree(dc), {
        ...cli.proc,
        argv: ['docker', 'compose', ...args],
      }),
  });
}
