/**
 * `docker build` as docker 28 runs it: buildx's `build` (the default builder, BuildKit over the
 * docker driver) with its flags, progress views and error texts (docker/buildx commands/build.go,
 * moby/buildkit util/progress/progressui). The build itself is the engine's (engine/docker/builder).
 */
import type { DockerDaemon } from '../../engine/docker/daemon';
import { build, PlainPrinter, sourceExcerpt, TtyPrinter, type BuildOptions, type ProgressEvent } from '../../engine/docker/builder';
import type { ProcessContext } from '../../engine/runtime/kernel';
import { familiarString, parseNormalizedNamed } from '../../engine/docker/reference';
import { withDefaultTag } from '../../engine/docker/daemon';
import { resolvePath } from '../../engine/fs/path';
import { readAll } from '../../engine/runtime/streams';
import { anyArgs, defineCommand, flag } from '../lib/command';

const USAGE = 'docker buildx build [OPTIONS] PATH | URL | -';

export const buildCommand = defineCommand({
  use: 'build [OPTIONS] PATH | URL | -',
  short: 'Build an image from a Dockerfile',
  args: anyArgs,
  annotations: { 'category-top': '4', aliases: 'docker image build, docker build, docker builder build' },
  flags: {
    tag: flag.stringArray('tag', { short: 't', usage: 'Name and optionally a tag (format: "name:tag")' }),
    file: flag.string('file', { short: 'f', usage: 'Name of the Dockerfile (default: "PATH/Dockerfile")' }),
    buildArg: flag.stringArray('build-arg', { usage: 'Set build-time variables' }),
    noCache: flag.bool('no-cache', { usage: 'Do not use cache when building the image' }),
    pull: flag.bool('pull', { usage: 'Always attempt to pull all referenced images' }),
    target: flag.string('target', { usage: 'Set the target build stage to build' }),
    progress: flag.string('progress', { usage: 'Set type of progress output ("auto", "quiet", "plain", "tty", "rawjson"). Use plain to show container output', default: 'auto' }),
    quiet: flag.bool('quiet', { short: 'q', usage: 'Suppress the build output and print image ID on success' }),
    platform: flag.stringArray('platform', { usage: 'Set target platform for build' }),
    label: flag.stringArray('label', { usage: 'Set metadata for an image' }),
  },
  run: async (cli, args, flags) => {
    const ctx = cli.proc;
    const err = (s: string) => ctx.stderr.write(s);
    if (args.length !== 1) {
      await err(`ERROR: "docker buildx build" requires exactly 1 argument.\nSee 'docker buildx build --help'.\n\nUsage:  ${USAGE}\n\nStart a build\n`);
      return 1;
    }
    const legacy = ctx.env.get('DOCKER_BUILDKIT') === '0';
    const mode = flags.quiet ? 'quiet' : flags.progress;
    if (!['auto', 'plain', 'tty', 'quiet', 'rawjson'].includes(mode)) {
      await err(`ERROR: failed to build: invalid progress mode ${mode}\n`);
      return 1;
    }
    if (mode === 'rawjson') {
      await err("dockyard: '--progress=rawjson' is not simulated here\n");
      return 1;
    }
    for (const p of flags.platform.flatMap((x) => x.split(','))) {
      if (p !== 'linux/amd64' && p !== 'linux/x86_64' && p !== 'amd64') {
        await err(`dockyard: building for platform ${p} is not simulated here (only linux/amd64)\n`);
        return 1;
      }
    }
    for (const t of flags.tag) {
      const r = parseNormalizedNamed(t);
      if (!r.ok) {
        await err(`ERROR: failed to build: invalid tag ${JSON.stringify(t)}: ${r.error}\n`);
        return 1;
      }
    }
    const path = args[0]!;
    if (/^(https?|git):\/\//.test(path) || path.startsWith('git@')) {
      await err("dockyard: building from a URL is not simulated here\n");
      return 1;
    }
    let dockerfileText: string | undefined;
    let contextDir = resolvePath(ctx.cwd, path);
    if (path === '-') {
      dockerfileText = new TextDecoder().decode(await readAll(ctx.stdin));
      contextDir = '/nonexistent-dockyard-context';
    } else if (!ctx.fs.exists(contextDir) || ctx.fs.stat(contextDir).type !== 'dir') {
      await err(`ERROR: failed to build: unable to prepare context: path ${JSON.stringify(path)} not found\n`);
      return 1;
    }
    let dockerfile: string | undefined;
    if (flags.file === '-') dockerfileText = new TextDecoder().decode(await readAll(ctx.stdin));
    else if (flags.file) dockerfile = resolvePath(ctx.cwd, flags.file);
    const buildArgs = new Map<string, string>();
    for (const a of flags.buildArg) {
      const i = a.indexOf('=');
      if (i >= 0) buildArgs.set(a.slice(0, i), a.slice(i + 1));
      else {
        const v = ctx.env.get(a);
        if (v !== undefined) buildArgs.set(a, v);
      }
    }
    const labels = new Map<string, string>();
    for (const l of flags.label) {
      const i = l.indexOf('=');
      labels.set(i >= 0 ? l.slice(0, i) : l, i >= 0 ? l.slice(i + 1) : '');
    }

    const sock = ctx.kernel.sockets.get('/var/run/docker.sock');
    if (!sock) {
      await err('ERROR: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n');
      return 1;
    }
    const daemon = (await ctx.kernel.hostWork(sock.connect())) as DockerDaemon;

    if (legacy) return legacyBuild(ctx, daemon, { contextDir, dockerfile, dockerfileText, tags: flags.tag, buildArgs, labels, target: flags.target || undefined, noCache: flags.noCache, pull: flags.pull, quiet: flags.quiet });

    const tty = mode === 'tty' || (mode === 'auto' && ctx.stderr.isTTY);
    const result = await withBuildProgress(ctx, mode === 'quiet' ? 'quiet' : tty ? 'tty' : 'plain', (onProgress) =>
      build(daemon, {
        kernel: ctx.kernel,
        sleep: (ms) => ctx.sleep(ms),
        wait: (p) => ctx.wait(p),
        contextFs: ctx.fs,
        contextDir,
        dockerfile,
        dockerfileText,
        tags: flags.tag,
        buildArgs,
        labels,
        target: flags.target || undefined,
        noCache: flags.noCache,
        pull: flags.pull,
        onProgress,
      }),
    );
    if (!result.ok) {
      let text = '';
      if (result.source) text += sourceExcerpt(result.source.file, result.source.text, result.source.start, result.source.end);
      text += `ERROR: failed to build: failed to solve: ${result.message}\n`;
      await err(text);
      return 1;
    }
    if (result.warnings.length > 0 && mode !== 'quiet') {
      const n = result.warnings.length;
      let text = `\n ${n} ${n === 1 ? 'warning' : 'warnings'} found (use docker --debug to expand):\n`;
      for (const w of result.warnings) text += ` - ${w.rule}: ${w.message} (line ${w.line})\n`;
      await err(text);
    }
    if (mode === 'quiet') await ctx.stdout.write(`${result.image.id}\n`);
    return 0;
  },
});

/**
 * Runs a build while showing BuildKit's progress on stderr: a terminal's frames redrawn every
 * 150 ms of virtual time, or plain text (with its `#0 building with …` preamble), or nothing.
 * `docker build` and `docker compose build` show the same view.
 */
export async function withBuildProgress<T>(ctx: ProcessContext, view: 'tty' | 'plain' | 'quiet', run: (onProgress: ((e: ProgressEvent) => void) | undefined) => Promise<T>): Promise<T> {
  let out = '';
  const flush = async () => {
    if (out) {
      const s = out;
      out = '';
      await ctx.stderr.write(s);
    }
  };
  if (view === 'quiet') return run(undefined);
  if (view === 'plain') {
    out += '#0 building with "default" instance using docker driver\n\n';
    const p = new PlainPrinter((s) => (out += s));
    try {
      return await run((e) => {
        p.update(e);
        void flush();
      });
    } finally {
      p.done();
      await flush();
    }
  }
  const p = new TtyPrinter(
    (s) => (out += s),
    () => ctx.kernel.clock.now(),
    () => ({ cols: ctx.tty?.cols ?? 80, rows: ctx.tty?.rows ?? 24 }),
  );
  let running = true;
  const ticker = (async () => {
    while (running) {
      p.refresh();
      await flush();
      await ctx.sleep(150);
    }
  })().catch(() => undefined);
  try {
    return await run((e) => p.update(e));
  } finally {
    running = false;
    await ticker;
    p.done();
    await flush();
  }
}

/** go-units HumanSize: decimal units, 4 significant digits (`2.048kB`). */
function humanSize(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Number(v.toPrecision(4))}${units[i]}`;
}

/** The bytes of the context as the tar the legacy client sends (512-byte headers and blocks). */
function tarSize(ctx: ProcessContext, dir: string): number {
  let n = 1024;
  const walk = (d: string): void => {
    let entries;
    try {
      entries = ctx.fs.readdir(d);
    } catch {
      return;
    }
    for (const e of entries) {
      const p = `${d === '/' ? '' : d}/${e.name}`;
      n += 512;
      if (e.type === 'dir') walk(p);
      else if (e.type === 'file') n += Math.ceil(ctx.fs.stat(p).size / 512) * 512;
    }
  };
  walk(dir);
  return n;
}

/**
 * `DOCKER_BUILDKIT=0 docker build`: the legacy builder's output (docker/cli cli/command/image/build.go,
 * moby daemon/builder/dockerfile): a step per instruction, intermediate containers and images.
 */
async function legacyBuild(
  ctx: ProcessContext,
  daemon: DockerDaemon,
  o: Omit<BuildOptions, 'kernel' | 'sleep' | 'contextFs' | 'onProgress'> & { quiet: boolean },
): Promise<number> {
  await ctx.stderr.write(
    'DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n            environment-variable.\n\n',
  );
  if (o.dockerfileText === undefined) {
    const df = o.dockerfile ?? resolvePath(o.contextDir, 'Dockerfile');
    if (!ctx.fs.exists(df)) {
      await ctx.stderr.write(`unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ${df}: no such file or directory\n`);
      return 1;
    }
  }
  // Output streams as the steps run; the last step's image line waits for the image's id.
  let writing: Promise<void> = Promise.resolve();
  const say = (s: string) => {
    if (!o.quiet) writing = writing.then(() => ctx.stdout.write(s)).catch(() => undefined);
  };
  let lastStep = false;
  say(`Sending build context to Docker daemon ${humanSize(tarSize(ctx, o.contextDir)).padStart(8)}\n`);
  let running = false;
  let pending: string | undefined;
  const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
  const result = await build(daemon, {
    ...o,
    kernel: ctx.kernel,
    sleep: (ms) => ctx.sleep(ms),
    wait: (p) => ctx.wait(p),
    contextFs: ctx.fs,
    onProgress: (e) => {
      if (e.kind !== 'log') return;
      if (!running && pending) {
        say(` ---> Running in ${short(pending)}\n`);
        running = true;
      }
      say(e.data);
    },
    onLegacyStep: (e) => {
      if (e.phase === 'start') {
        say(`Step ${e.n}/${e.total} : ${e.text}\n`);
        lastStep = e.n === e.total;
        pending = e.baseId ? undefined : e.container;
        running = false;
        return;
      }
      if (e.cached) say(' ---> Using cache\n');
      else if (e.container) {
        if (!running) say(` ---> Running in ${short(e.container)}\n`);
        say(` ---> Removed intermediate container ${short(e.container)}\n`);
      }
      pending = undefined;
      if (!lastStep) say(` ---> ${short(e.id)}\n`);
    },
  });
  if (!result.ok) {
    if (pending && !running && /^process /.test(result.message)) say(` ---> Running in ${short(pending)}\n`);
    await writing;
    const m = /^process "(.*)" did not complete successfully: exit code: (\d+)$/.exec(result.message);
    if (m) {
      await ctx.stderr.write(`The command '${m[1]}' returned a non-zero code: ${m[2]}\n`);
      return Number(m[2]);
    }
    const nf = /^failed to compute cache key: .*: "\/(.*)": not found$/.exec(result.message);
    if (nf) await ctx.stderr.write(`COPY failed: file not found in build context or excluded by .dockerignore: stat ${nf[1]}: file does not exist\n`);
    else await ctx.stderr.write(`Error response from daemon: ${result.message}\n`);
    return 1;
  }
  const id = result.image.id;
  // The last step's image is the image built.
  say(` ---> ${short(id)}\n`);
  await writing;
  if (o.quiet) {
    await ctx.stdout.write(`${id}\n`);
    return 0;
  }
  let tail = result.unusedBuildArgs.length ? `[Warning] One or more build-args [${result.unusedBuildArgs.join(' ')}] were not consumed\n` : '';
  tail += `Successfully built ${short(id)}\n`;
  for (const t of o.tags ?? []) {
    const r = parseNormalizedNamed(t);
    if (r.ok) tail += `Successfully tagged ${familiarString(withDefaultTag(r.value))}\n`;
  }
  await ctx.stdout.write(tail);
  return 0;
}
