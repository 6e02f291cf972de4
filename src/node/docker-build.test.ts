/**
 * docker build on a whole world (a node session: host shell, daemon, image programs): the engine's
 * builder (src/engine/docker/builder) and the CLI (src/cli/docker/build.ts). They live here because
 * only src/node may put the shell, the engine and the CLI together.
 */
import { describe, expect, it } from 'vitest';
import { defineCommand, dockerStyle, runCli } from '../cli/lib/command';
import { buildCommand } from '../cli/docker/build';
import { createNodeSession } from './host';
import { CollectingWriter } from '../engine/runtime/streams';
import { build, type BuildOptions, type BuildResult } from '../engine/docker/builder/builder';
import type { ProgressEvent } from '../engine/docker/builder/progress';

const DIR = '/home/learner/app';

async function world(files: Record<string, string>) {
  const s = createNodeSession({ seed: 5 });
  const d = await s.docker();
  s.rootFs.mkdir(DIR, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    s.rootFs.mkdir(`${DIR}/${name}`.replace(/\/[^/]*$/, ''), { recursive: true });
    s.rootFs.writeFile(`${DIR}/${name}`, text);
  }
  const run = async (opts: Partial<BuildOptions> = {}): Promise<{ r: BuildResult; steps: Map<string, 'cached' | 'ran' | 'error'> }> => {
    const steps = new Map<string, 'cached' | 'ran' | 'error'>();
    let result: BuildResult | undefined;
    const names = new Map<string, string>();
    const onProgress = (e: ProgressEvent) => {
      if (e.kind !== 'vertex') return;
      names.set(e.vertex.id, e.vertex.name);
      if (e.vertex.completed !== undefined && /^\[/.test(e.vertex.name) && !e.vertex.name.startsWith('[internal]')) steps.set(e.vertex.name, e.vertex.error ? 'error' : e.vertex.cached ? 'cached' : 'ran');
    };
    void build(d, { kernel: s.kernel, sleep: (ms) => new Promise((r) => s.clock.schedule(ms, r)), contextFs: s.rootFs, contextDir: DIR, tags: ['app'], onProgress, ...opts }).then((x) => (result = x));
    await s.settle(() => result !== undefined);
    return { r: result!, steps };
  };
  const id = (r: BuildResult) => (r.ok ? r.image.id : `failed: ${r.message}`);
  return { s, d, run, id };
}

const PY = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n';

describe('build cache', () => {
  it('gives an identical rebuild the same image id, every step cached', async () => {
    const w = await world({ Dockerfile: PY, 'requirements.txt': 'flask\n', 'app.py': 'print(1)\n' });
    const a = await w.run();
    expect(a.r.ok).toBe(true);
    expect([...a.steps.values()].every((x) => x === 'ran')).toBe(true);
    const b = await w.run();
    expect(w.id(b.r)).toBe(w.id(a.r));
    expect([...b.steps.entries()].filter(([n]) => !n.includes('FROM')).every(([, x]) => x === 'cached')).toBe(true);
  });

  it('misses from a COPY whose source changed, and only from there', async () => {
    const w = await world({ Dockerfile: PY, 'requirements.txt': 'flask\n', 'app.py': 'print(1)\n' });
    const a = await w.run();
    w.s.rootFs.writeFile(`${DIR}/app.py`, 'print(2)\n');
    const b = await w.run();
    expect(b.steps.get('[3/5] COPY requirements.txt .')).toBe('cached');
    expect(b.steps.get('[4/5] RUN pip install -r requirements.txt')).toBe('cached');
    expect(b.steps.get('[5/5] COPY . .')).toBe('ran');
    expect(w.id(b.r)).not.toBe(w.id(a.r));
    // The file is in the image.
    const img = w.d.image('app')!;
    const c = w.d.createContainer({ image: img.id, cmd: ['cat', '/app/app.py'] });
    expect(w.d.containerFs(c.id).readText('/app/app.py')).toBe('print(2)\n');
  });

  it('ignores mtimes: touching a file keeps the cache', async () => {
    const w = await world({ Dockerfile: PY, 'requirements.txt': 'flask\n', 'app.py': 'print(1)\n' });
    const a = await w.run();
    w.s.rootFs.utimes(`${DIR}/requirements.txt`, w.s.clock.now() + 99_000);
    const b = await w.run();
    expect(b.steps.get('[3/5] COPY requirements.txt .')).toBe('cached');
    expect(w.id(b.r)).toBe(w.id(a.r));
  });

  it('misses from a changed RUN and rebuilds every later step; --no-cache runs all', async () => {
    const w = await world({ Dockerfile: PY, 'requirements.txt': 'flask\n', 'app.py': 'print(1)\n' });
    await w.run();
    w.s.rootFs.writeFile(`${DIR}/Dockerfile`, PY.replace('pip install -r requirements.txt', 'pip install --no-cache-dir -r requirements.txt'));
    const b = await w.run();
    expect(b.steps.get('[3/5] COPY requirements.txt .')).toBe('cached');
    expect(b.steps.get('[4/5] RUN pip install --no-cache-dir -r requirements.txt')).toBe('ran');
    expect(b.steps.get('[5/5] COPY . .')).toBe('ran');
    const c = await w.run({ noCache: true });
    expect([...c.steps.values()].every((x) => x === 'ran')).toBe(true);
  });

  it('an ENV change reaches later RUNs; a LABEL or CMD change only the config', async () => {
    const df = 'FROM alpine\nENV A=1\nRUN echo $A > /a\nLABEL x=1\nCMD ["cat", "/a"]\n';
    const w = await world({ Dockerfile: df });
    const a = await w.run();
    w.s.rootFs.writeFile(`${DIR}/Dockerfile`, df.replace('x=1', 'x=2').replace('"cat"', '"/bin/cat"'));
    const b = await w.run();
    expect(b.steps.get('[2/2] RUN echo 1 > /a')).toBe('cached');
    expect(w.id(b.r)).not.toBe(w.id(a.r));
    w.s.rootFs.writeFile(`${DIR}/Dockerfile`, df.replace('A=1', 'A=2'));
    const c = await w.run();
    expect(c.steps.get('[2/2] RUN echo 2 > /a')).toBe('ran');
    expect(w.d.containerFs(w.d.createContainer({ image: 'app' }).id).readText('/a')).toBe('2\n');
  });

  it('survives a snapshot of the world', async () => {
    const w = await world({ Dockerfile: PY, 'requirements.txt': 'flask\n', 'app.py': 'print(1)\n' });
    const a = await w.run();
    const snap = JSON.parse(JSON.stringify(w.s.snapshot())) as ReturnType<typeof w.s.snapshot>;
    const t = createNodeSession({ snapshot: snap });
    const d2 = await t.docker();
    let result: BuildResult | undefined;
    const cached: string[] = [];
    void build(d2, {
      kernel: t.kernel,
      sleep: (ms) => new Promise((r) => t.clock.schedule(ms, r)),
      contextFs: t.rootFs,
      contextDir: DIR,
      tags: ['app'],
      onProgress: (e) => {
        if (e.kind === 'vertex' && e.vertex.cached) cached.push(e.vertex.name);
      },
    }).then((x) => (result = x));
    await t.settle(() => result !== undefined);
    expect(result!.ok && result!.image.id).toBe(w.id(a.r));
    expect(cached).toEqual(['[2/5] WORKDIR /app', '[3/5] COPY requirements.txt .', '[4/5] RUN pip install -r requirements.txt', '[5/5] COPY . .']);
  });
});

describe('build', () => {
  it('runs the book image: docker run shows the cow', async () => {
    const w = await world({ Dockerfile: 'FROM ubuntu\nRUN apt-get update\nRUN apt-get -y install cowsay\nCMD /usr/games/cowsay "Hello Docker"\n' });
    const { r } = await w.run({ tags: ['hello-docker'] });
    expect(r.ok).toBe(true);
    const c = w.d.createContainer({ image: 'hello-docker' });
    const out = new CollectingWriter();
    w.d.startContainer(c.id, { stdout: out, stderr: out });
    await w.s.settle(() => c.state.Status === 'exited');
    expect(out.text()).toContain('< Hello Docker >');
    const img = w.d.image('hello-docker')!;
    expect(img.history.slice(0, 3).map((h) => [h.createdBy, h.emptyLayer])).toEqual([
      ['CMD ["/bin/sh" "-c" "/usr/games/cowsay \\"Hello Docker\\""]', true],
      ['RUN /bin/sh -c apt-get -y install cowsay # buildkit', false],
      ['RUN /bin/sh -c apt-get update # buildkit', false],
    ]);
    expect(img.size).toBeGreaterThan(w.d.imageLayers(img).length);
  });

  it('builds multi-stage: COPY --from a stage, --target, stage names in the steps', async () => {
    const df = 'ARG BASE=alpine\nFROM $BASE AS build\nRUN echo built > /out.txt\n\nFROM busybox AS final\nCOPY --from=build /out.txt /srv/\nCMD ["cat", "/srv/out.txt"]\n';
    const w = await world({ Dockerfile: df });
    const a = await w.run();
    expect(a.r.ok).toBe(true);
    expect([...a.steps.keys()]).toEqual(['[build 1/2] FROM docker.io/library/alpine:latest@sha256:' + [...a.steps.keys()][0]!.split('@sha256:')[1], '[build 2/2] RUN echo built > /out.txt', expect.stringMatching(/^\[final 1\/2\] FROM docker\.io\/library\/busybox:latest@sha256:[0-9a-f]{64}$/), '[final 2/2] COPY --from=build /out.txt /srv/']);
    const fs = w.d.containerFs(w.d.createContainer({ image: 'app' }).id);
    expect(fs.readText('/srv/out.txt')).toBe('built\n');
    const t = await w.run({ target: 'build', tags: ['app:build'] });
    expect([...t.steps.keys()].some((k) => k.startsWith('[final'))).toBe(false);
    const bad = await w.run({ target: 'nosuch' });
    expect(bad.r.ok === false && bad.r.message).toBe('target stage "nosuch" could not be found');
    const arg = await w.run({ buildArgs: new Map([['BASE', 'ubuntu']]), target: 'build' });
    expect([...arg.steps.keys()][0]).toMatch(/^\[build 1\/2\] FROM docker\.io\/library\/ubuntu:latest@/);
  });

  it('copies directories, globs, --chown and --chmod; WORKDIR creates its folder', async () => {
    const df = 'FROM alpine\nWORKDIR /srv/app\nCOPY --chown=1000:1000 --chmod=755 *.sh ./bin/\nCOPY src/ ./\nCOPY one.txt renamed.txt\n';
    const w = await world({ Dockerfile: df, 'a.sh': 'echo a\n', 'b.sh': 'echo b\n', 'src/x/y.txt': 'y\n', 'src/z.txt': 'z\n', 'one.txt': '1\n' });
    const { r } = await w.run();
    expect(r.ok).toBe(true);
    const fs = w.d.containerFs(w.d.createContainer({ image: 'app' }).id);
    expect(fs.readText('/srv/app/bin/a.sh')).toBe('echo a\n');
    expect(fs.stat('/srv/app/bin/b.sh')).toMatchObject({ mode: 0o755, uid: 1000, gid: 1000 });
    expect(fs.readText('/srv/app/x/y.txt')).toBe('y\n');
    expect(fs.readText('/srv/app/z.txt')).toBe('z\n');
    expect(fs.readText('/srv/app/renamed.txt')).toBe('1\n');
    const many = await world({ Dockerfile: 'FROM alpine\nCOPY a.sh b.sh /x\n', 'a.sh': '', 'b.sh': '' });
    const m = await many.run();
    expect(m.r.ok === false && m.r.message).toBe('When using COPY with more than one source file, the destination must be a directory and end with a /');
  });

  it('says plainly what is not simulated', async () => {
    const w = await world({ Dockerfile: 'FROM alpine\nADD https://example.com/x.tgz /x\n' });
    const { r } = await w.run();
    expect(r.ok === false && r.message).toBe('dockyard: ADD of a URL (https://example.com/x.tgz) is not simulated here');
  });
});

describe('bench', () => {
  it('builds the bench Dockerfile cold and cached', async () => {
    const { benchBuild } = await import('../engine/docker/builder/bench');
    const r = await benchBuild(() => createNodeSession({ seed: 9 }), () => performance.now());
    if (process.env.SHOW) console.log(r);
    expect(r.coldMs).toBeGreaterThan(0);
    expect(r.cachedMs).toBeLessThan(r.coldMs);
  });
});

/** A session with `dkb` = a docker root holding only `build` (the full CLI lives beside this file). */
function cliWorld(seed = 3) {
  const s = createNodeSession({ seed });
  const root = defineCommand({ use: 'docker [OPTIONS] COMMAND [ARG...]', style: dockerStyle, subcommands: [buildCommand] });
  s.registerCommand({ name: 'dkb', program: (ctx) => runCli(root, ctx) });
  return s;
}

/** The book's Dockerfile. */
const HELLO = 'FROM ubuntu\nRUN apt-get update\nRUN apt-get -y install cowsay\nCMD /usr/games/cowsay "Hello Docker"\n';

async function setup(files: Record<string, string>, seed?: number) {
  const s = cliWorld(seed);
  await s.run('mkdir -p ~/app');
  for (const [name, text] of Object.entries(files)) s.fs.writeFile(`/home/learner/app/${name}`, text);
  return s;
}

describe('docker build', () => {
  it('builds the hello-docker image, then finds every step in the cache', async () => {
    const s = await setup({ Dockerfile: HELLO });
    const r = await s.run('cd ~/app && dkb build -t hello-docker .');
    if (process.env.SHOW) console.log(r.output);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('#0 building with "default" instance using docker driver\n\n#1 [internal] load build definition from Dockerfile\n');
    expect(r.stderr).toMatch(/#\d+ \[2\/3\] RUN apt-get update\n#\d+ \d\.\d{3} Get:1 http/);
    expect(r.stderr).toMatch(/#\d+ naming to docker\.io\/library\/hello-docker:latest done\n#\d+ DONE \d+\.\ds\n/);
    expect(r.stderr).toContain(' - JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (line 4)\n');
    const d = await s.docker();
    const img = d.image('hello-docker')!;
    expect(img).toBeDefined();
    expect(img.config.Cmd).toEqual(['/bin/sh', '-c', '/usr/games/cowsay "Hello Docker"']);
    expect(img.history[0]!.createdBy).toBe('CMD ["/bin/sh" "-c" "/usr/games/cowsay \\"Hello Docker\\""]');
    expect(img.history[1]!.createdBy).toBe('RUN /bin/sh -c apt-get -y install cowsay # buildkit');
    const again = await s.run('cd ~/app && dkb build -t hello-docker .');
    if (process.env.SHOW) console.log(again.output);
    expect(again.stderr).toMatch(/#\d+ \[3\/3\] RUN apt-get -y install cowsay\n#\d+ CACHED\n/);
    expect(d.image('hello-docker')!.id).toBe(img.id);
    // A changed CMD: every step cached, a new image.
    s.fs.writeFile('/home/learner/app/Dockerfile', HELLO.replace('Hello Docker', 'Hello again'));
    const third = await s.run('cd ~/app && dkb build -t hello-docker .');
    expect(third.stderr).toMatch(/#\d+ CACHED\n/);
    expect(d.image('hello-docker')!.id).not.toBe(img.id);
  });
});

describe('docker build failures', () => {
  it('names a missing Dockerfile as BuildKit does', async () => {
    const s = await setup({});
    const r = await s.run('cd ~/app && dkb build .');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      '#0 building with "default" instance using docker driver\n\n#1 [internal] load build definition from Dockerfile\n#1 transferring dockerfile: 2B done\n#1 DONE 0.0s\nERROR: failed to build: failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory\n',
    );
  });

  it('requires exactly one argument', async () => {
    const s = await setup({ Dockerfile: HELLO });
    const r = await s.run('cd ~/app && dkb build -t x');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`ERROR: "docker buildx build" requires exactly 1 argument.\nSee 'docker buildx build --help'.\n\nUsage:  docker buildx build [OPTIONS] PATH | URL | -\n\nStart a build\n`);
  });

  it('prints the unknown instruction with the excerpt', async () => {
    const s = await setup({ Dockerfile: 'FROM alpine\nRUNN echo hi\n' });
    const r = await s.run('cd ~/app && dkb build .');
    expect(r.status).toBe(1);
    expect(r.stderr.endsWith('Dockerfile:2\n--------------------\n   1 |     FROM alpine\n   2 | >>> RUNN echo hi\n   3 |     \n--------------------\nERROR: failed to build: failed to solve: dockerfile parse error on line 2: unknown instruction: RUNN (did you mean RUN?)\n')).toBe(true);
  });

  it('fails a RUN with its output, the excerpt and the exit code', async () => {
    const s = await setup({ Dockerfile: 'FROM alpine\nRUN foo\n' });
    const r = await s.run('cd ~/app && dkb build .');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/#5 \[2\/2\] RUN foo\n#5 0\.\d{3} (?:\/bin\/)?sh: foo: not found\n#5 ERROR: process "\/bin\/sh -c foo" did not complete successfully: exit code: 127\n------\n > \[2\/2\] RUN foo:\n0\.\d{3} (?:\/bin\/)?sh: foo: not found\n------\nDockerfile:2\n/);
    expect(r.stderr.endsWith('ERROR: failed to build: failed to solve: process "/bin/sh -c foo" did not complete successfully: exit code: 127\n')).toBe(true);
  });

  it('fails apt-get install of a missing package with exit code 100', async () => {
    const s = await setup({ Dockerfile: 'FROM ubuntu\nRUN apt-get update && apt-get install -y nosuch\n' });
    const r = await s.run('cd ~/app && dkb build .');
    expect(r.stderr).toContain('E: Unable to locate package nosuch\n');
    expect(r.stderr).toContain('ERROR: failed to build: failed to solve: process "/bin/sh -c apt-get update && apt-get install -y nosuch" did not complete successfully: exit code: 100\n');
  });

  it('reports a COPY source missing from the context (or excluded by .dockerignore)', async () => {
    const s = await setup({ Dockerfile: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nCMD ["python", "app.py"]\n', 'app.py': 'print(1)\n', '.dockerignore': '*.py\n' });
    const r = await s.run('cd ~/app && dkb build .');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Dockerfile:3\n-{20}\n {3}1 \| {5}FROM python:3\.12-slim\n {3}2 \| {5}WORKDIR \/app\n {3}3 \| >>> COPY app\.py \.\n {3}4 \| {5}CMD \["python", "app\.py"\]\n {3}5 \| {5}\n-{20}\nERROR: failed to build: failed to solve: failed to compute cache key: failed to calculate checksum of ref [0-9a-f-]{36}::[a-z0-9]{25}: "\/app\.py": not found\n$/);
  });

  it('reports a base image the registry does not have', async () => {
    const s = await setup({ Dockerfile: 'FROM nginxx\nCOPY index.html /usr/share/nginx/html/\n' });
    const r = await s.run('cd ~/app && dkb build .');
    expect(r.stderr.endsWith(
      'ERROR: failed to build: failed to solve: nginxx: failed to resolve source metadata for docker.io/library/nginxx:latest: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed\n',
    )).toBe(true);
    const tag = await s.run('cd ~/app && printf "FROM node:99\\n" > Dockerfile && dkb build .');
    expect(tag.stderr).toContain('ERROR: failed to build: failed to solve: node:99: failed to resolve source metadata for docker.io/library/node:99: docker.io/library/node:99: not found\n');
  });
});
