import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemFs } from '../../fs/memfs';
import { Clock } from '../../core/clock';
import { programNameOf } from '../../runtime/programs';
import { catalog, findCatalogImage, inspectConfig, searchCatalog } from './catalog';
import { imageLayers } from './rootfs';
import { aptSize, HELLO_TEXT, showList } from './programs';
import { boxOf, run, start } from './testing/box';

const programsMd = readFileSync(new URL('../../../../data/reference/programs.md', import.meta.url), 'utf8');
const cowGolden = JSON.parse(readFileSync(new URL('./testdata/cowsay.json', import.meta.url), 'utf8')) as {
  cases: Array<{ argv: string[]; stdin: string | null; stdout: string; stderr: string; status: number }>;
};

/** The first fenced block after `marker` in programs.md. */
function block(marker: string): string {
  const i = programsMd.indexOf(marker);
  const j = programsMd.indexOf('```\n', i) + 4;
  return programsMd.slice(j, programsMd.indexOf('```', j));
}

describe('catalog', () => {
  it('resolves tags, aliases and normalized forms to one image', () => {
    const u = findCatalogImage('ubuntu:24.04')!;
    expect(u.ref).toBe('ubuntu:24.04');
    for (const r of ['ubuntu', 'ubuntu:latest', 'ubuntu:noble', 'docker.io/library/ubuntu:latest', 'docker.io/library/ubuntu']) expect(findCatalogImage(r)).toBe(u);
    expect(findCatalogImage('ubuntu:22.04')).not.toBe(u);
    expect(findCatalogImage('ubuntu:no-such-tag')).toBeUndefined();
    expect(findCatalogImage('hello-docker')).toBeUndefined();
    expect(findCatalogImage('gcr.io/google-samples/kubernetes-bootcamp:v1')!.name).toBe('gcr.io/google-samples/kubernetes-bootcamp');
    expect(findCatalogImage('jocatalin/kubernetes-bootcamp:v2')).toBeDefined();
    expect(catalog().hasRepository('ubuntu:no-such-tag')).toBe(true);
  });

  it('keeps the facts of images.json', () => {
    const n = findCatalogImage('nginx')!;
    expect(n.config.Entrypoint).toEqual(['/docker-entrypoint.sh']);
    expect(n.config.Cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(n.config.StopSignal).toBe('SIGQUIT');
    expect(n.sizeText).toBe('192MB');
    expect(n.layerCount).toBe(7);
    expect(findCatalogImage('hello-world')!.sizeText).toBe('10.1kB');
    expect(findCatalogImage('ubuntu')!.sizeText).toBe('78.1MB');
    expect(findCatalogImage('redis')!.config.Volumes).toEqual(['/data']);
    expect(findCatalogImage('tensorflow/tensorflow:latest-gpu')!.config.Env.every((e) => e.includes('='))).toBe(true);
    expect(inspectConfig(n.config)).toMatchObject({ ExposedPorts: { '80/tcp': {} }, Volumes: null, StopSignal: 'SIGQUIT' });
  });

  it('gives history rows whose layers match the layer count and add up to the size', () => {
    for (const img of catalog().images) {
      const layers = img.history.filter((h) => !h.emptyLayer);
      expect(layers.length, img.ref).toBe(img.layerCount);
      expect(layers.reduce((a, h) => a + h.size, 0), img.ref).toBe(img.size);
      expect(img.repoDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
    expect(findCatalogImage('hello-world')!.history.map((h) => h.createdBy)).toEqual(['CMD ["/hello"]', 'COPY hello / # buildkit']);
  });

  it('searches like docker search: the official repository first', () => {
    const rows = searchCatalog('nginx');
    expect(rows[0]).toMatchObject({ name: 'nginx', official: true });
    expect(rows.some((r) => r.name === 'nginxdemos/hello')).toBe(true);
    expect(searchCatalog('zzzz-nothing')).toEqual([]);
  });
});

describe('root file systems', () => {
  const fsOf = (ref: string) => MemFs.fromLayers(imageLayers(findCatalogImage(ref)!), new Clock());
  const prog = (fs: MemFs, path: string) => programNameOf(fs.readFile(path));

  it('has as many layers as the catalog says, with stable content ids', () => {
    for (const img of catalog().images) {
      const layers = imageLayers(img);
      expect(layers.length, img.ref).toBe(img.layerCount);
      for (const l of layers) expect(l.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
    expect(imageLayers(findCatalogImage('ubuntu')!)[0]!.id).toBe(imageLayers(findCatalogImage('ubuntu:noble')!)[0]!.id);
    // python's first layer is debian:bookworm's (shared, as a pull shows "Already exists")
    expect(imageLayers(findCatalogImage('python:3.12')!)[0]).toBe(imageLayers(findCatalogImage('debian:bookworm')!)[0]);
  });

  it('ubuntu has bash, dash as sh, apt-get, empty package lists and os-release', () => {
    const fs = fsOf('ubuntu');
    expect(prog(fs, '/bin/bash')).toBe('bash');
    expect(fs.readlink('/usr/bin/sh')).toBe('dash');
    expect(prog(fs, '/bin/sh')).toBe('dash');
    expect(prog(fs, '/usr/bin/apt-get')).toBe('apt-get@debian');
    expect(fs.readdir('/var/lib/apt/lists').map((e) => e.name)).toEqual(['lock', 'partial']);
    expect(fs.readText('/etc/os-release')).toBe(block('ubuntu:24.04 (baseline build'));
    expect(fs.readText('/etc/hostname')).toBe('');
    expect(fs.stat('/root').mode).toBe(0o700);
    expect(fs.stat('/tmp').mode).toBe(0o1777);
    expect(fs.exists('/usr/games/cowsay')).toBe(false);
  });

  it('debian has the os-release of programs.md', () => {
    expect(fsOf('debian').readText('/etc/os-release')).toBe(block('debian:12 / bookworm'));
  });

  it('busybox has sh and no bash; alpine has apk and busybox ash', () => {
    const bb = fsOf('busybox');
    expect(prog(bb, '/bin/sh')).toBe('busybox');
    expect(bb.exists('/bin/bash')).toBe(false);
    expect(bb.exists('/etc/os-release')).toBe(false);
    expect(bb.readdir('/bin').length).toBe(407);
    const al = fsOf('alpine:3.20');
    expect(al.readlink('/bin/sh')).toBe('/bin/busybox');
    expect(prog(al, '/sbin/apk')).toBe('apk@alpine');
    expect(al.exists('/bin/bash')).toBe(false);
    expect(al.readText('/etc/os-release')).toContain('VERSION_ID=3.20.6\nPRETTY_NAME="Alpine Linux v3.20"');
  });

  it('hello-world has only /hello', () => {
    const fs = fsOf('hello-world');
    expect(fs.readdir('/').map((e) => e.name)).toEqual(['hello']);
    expect(prog(fs, '/hello')).toBe('hello@docker');
  });

  it('images add their files: nginx, python, node', () => {
    const ng = fsOf('nginx');
    expect(ng.readText('/usr/share/nginx/html/index.html').length).toBe(615);
    expect(ng.readText('/etc/nginx/nginx.conf')).toContain('log_format  main');
    expect(prog(ng, '/docker-entrypoint.sh')).toBe('docker-entrypoint@nginx');
    const py = fsOf('python:3.12');
    expect(prog(py, '/usr/local/bin/python3')).toBe('python@python');
    expect(prog(fsOf('node'), '/usr/local/bin/node')).toBe('node@node');
    expect(prog(fsOf('node'), '/usr/local/bin/npm')).toBe('npm@node');
    expect(fsOf('gcr.io/google-samples/kubernetes-bootcamp:v1').readText('/server.js')).toContain('Hello Kubernetes bootcamp!');
  });

  it('builds ubuntu in a few milliseconds, then from the cache', () => {
    const img = findCatalogImage('ubuntu:22.04')!;
    const t0 = performance.now();
    const a = imageLayers(img);
    const t1 = performance.now();
    expect(t1 - t0).toBeLessThan(50);
    expect(imageLayers(img)).toBe(a);
  });
});

describe('programs', () => {
  it('hello prints the message of programs.md byte for byte', async () => {
    const r = await run(boxOf('hello-world'), ['/hello']);
    expect(r.stdout).toBe(HELLO_TEXT);
    expect(HELLO_TEXT).toBe(programsMd.slice(programsMd.indexOf('\nHello from Docker!'), programsMd.indexOf('get-started/\n\n```') + 'get-started/\n\n'.length));
    expect(r.status).toBe(0);
  });

  describe('cowsay against Debian cowsay 3.03', () => {
    for (const c of cowGolden.cases) {
      it(`${c.argv.join(' ')}${c.stdin !== null ? ` <<< ${JSON.stringify(c.stdin)}` : ''}`, async () => {
        const box = boxOf('ubuntu');
        await run(box, ['apt-get', 'update']);
        await run(box, ['apt-get', 'install', '-y', 'cowsay']);
        const r = await run(box, [`/usr/games/${c.argv[0]}`, ...c.argv.slice(1)], { stdin: c.stdin ?? '' });
        expect(r.stdout).toBe(c.stdout);
        expect(r.stderr).toBe(c.stderr);
        expect(r.status).toBe(c.status);
      });
    }
  });

  describe('apt-get', () => {
    it('refuses to install before update: E: Unable to locate package', async () => {
      const r = await run(boxOf('ubuntu'), ['apt-get', 'install', '-y', 'cowsay']);
      expect(r.stdout).toBe('Reading package lists...\nBuilding dependency tree...\nReading state information...\nE: Unable to locate package cowsay\n');
      expect(r.status).toBe(100);
    });

    it('update prints the noble indexes (non-TTY), then Hit lines', async () => {
      const box = boxOf('ubuntu');
      const r = await run(box, ['apt-get', 'update']);
      expect(r.stdout).toBe(block('*Shape* (order and the `-updates`/`-security` sizes vary').replace('Fetched 32.6 MB in 4s (8074 kB/s)', r.stdout.match(/Fetched .*/)![0]));
      expect(r.stdout).toMatch(/^Fetched 32\.6 MB in \d+s \(\d+ kB\/s\)$/m);
      const again = await run(box, ['apt-get', 'update']);
      expect(again.stdout.split('\n')[0]).toBe('Hit:1 http://archive.ubuntu.com/ubuntu noble InRelease');
      expect(again.stdout).not.toContain('Fetched');
      const deb = await run(boxOf('debian'), ['apt-get', 'update']);
      expect(deb.stdout.split('\n').slice(0, 6).join('\n')).toBe(block('Debian 12 (debian:bookworm').split('\n').slice(0, 6).join('\n'));
    });

    it('install cowsay prints apt and dpkg lines in order and installs the files', async () => {
      const box = boxOf('ubuntu');
      await run(box, ['apt-get', 'update']);
      const r = await run(box, ['apt-get', '-y', 'install', 'cowsay']);
      const lines = r.stdout.split('\n');
      expect(lines.slice(0, 16).join('\n')).toBe(
        `Reading package lists...
Building dependency tree...
Reading state information...
The following additional packages will be installed:
  libgdbm-compat4t64 libgdbm6t64 libperl5.38t64 libtext-charwidth-perl perl
  perl-modules-5.38
Suggested packages:
  filters cowsay-off gdbm-l10n perl-doc libterm-readline-gnu-perl
  | libterm-readline-perl-perl make libtap-harness-archive-perl
The following NEW packages will be installed:
  cowsay libgdbm-compat4t64 libgdbm6t64 libperl5.38t64 libtext-charwidth-perl
  perl perl-modules-5.38
0 upgraded, 7 newly installed, 0 to remove and 0 not upgraded.
Need to get 8193 kB of archives.
After this operation, 52.5 MB of additional disk space will be used.
Get:1 http://archive.ubuntu.com/ubuntu noble-updates/main amd64 perl-modules-5.38 all 5.38.2-3.2ubuntu0.2 [3110 kB]`,
      );
      expect(r.stdout).toContain('Get:7 http://archive.ubuntu.com/ubuntu noble/universe amd64 cowsay all 3.03+dfsg2-8 [18.6 kB]\n');
      expect(r.stdout).toContain('Selecting previously unselected package perl-modules-5.38.\n(Reading database ... 4381 files and directories currently installed.)\nPreparing to unpack .../0-perl-modules-5.38_5.38.2-3.2ubuntu0.2_all.deb ...\n');
      expect(r.stdout).toContain('Preparing to unpack .../6-cowsay_3.03+dfsg2-8_all.deb ...\nUnpacking cowsay (3.03+dfsg2-8) ...\n');
      expect(r.stdout.slice(r.stdout.indexOf('Setting up'))).toBe(
        'Setting up libgdbm6t64:amd64 (1.23-5.1build1) ...\nSetting up libtext-charwidth-perl:amd64 (0.04-11build3) ...\nSetting up perl-modules-5.38 (5.38.2-3.2ubuntu0.2) ...\nSetting up libgdbm-compat4t64:amd64 (1.23-5.1build1) ...\nSetting up libperl5.38t64:amd64 (5.38.2-3.2ubuntu0.2) ...\nSetting up perl (5.38.2-3.2ubuntu0.2) ...\nSetting up cowsay (3.03+dfsg2-8) ...\nProcessing triggers for libc-bin (2.39-0ubuntu8.4) ...\n',
      );
      expect(r.status).toBe(0);
      expect(programNameOf(box.fs.readFile('/usr/games/cowsay'))).toBe('cowsay@debian');
      expect(box.fs.readlink('/usr/games/cowthink')).toBe('cowsay');
      expect(box.fs.readdir('/usr/share/cowsay/cows').length).toBe(47);
      const hello = await run(box, ['/usr/games/cowsay', 'Hello Docker']);
      expect(hello.stdout).toBe(block('`/usr/games/cowsay "Hello Docker"`'));
      const again = await run(box, ['apt-get', 'install', '-y', 'cowsay']);
      expect(again.stdout).toContain('cowsay is already the newest version (3.03+dfsg2-8).\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
    });

    it('an unknown package after update: the real error and one Dockyard line', async () => {
      const box = boxOf('debian');
      await run(box, ['apt-get', 'update']);
      const r = await run(box, ['apt-get', 'install', '-y', 'nosuchpkg']);
      expect(r.stdout.endsWith('E: Unable to locate package nosuchpkg\n')).toBe(true);
      expect(r.stderr).toBe("dockyard: 'nosuchpkg' is not in the simulated package archive\n");
      expect(r.status).toBe(100);
    });

    it('without -y and no answer: Abort.', async () => {
      const box = boxOf('debian');
      await run(box, ['apt-get', 'update']);
      const r = await run(box, ['apt-get', 'install', 'curl']);
      expect(r.stdout).toContain('Do you want to continue? [Y/n] \nAbort.\n');
      expect(r.status).toBe(1);
    });

    it('formats sizes and lists as apt does', () => {
      expect([671, 6924, 55_400, 1_808_000, 19_300_000].map(aptSize)).toEqual(['671 B', '6924 B', '55.4 kB', '1808 kB', '19.3 MB']);
      expect(showList(['a', 'b'])).toBe('  a b\n');
    });
  });

  describe('apk', () => {
    it('adds a package with fetch lines, steps, OK line', async () => {
      const box = boxOf('alpine:3.20');
      const r = await run(box, ['apk', 'add', 'curl']);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toBe('fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz');
      expect(lines[1]).toBe('fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/community/x86_64/APKINDEX.tar.gz');
      expect(lines.slice(2, 10).every((l, i) => l.startsWith(`(${i + 1}/8) Installing `))).toBe(true);
      expect(r.stdout).toMatch(/\(8\/8\) Installing curl \(8\.14\.1-r1\)\n/);
      expect(r.stdout).toMatch(/OK: \d+ MiB in 24 packages\n$/);
      expect(programNameOf(box.fs.readFile('/usr/bin/curl'))).toBe('curl');
    });

    it('a missing package: ERROR: unable to select packages', async () => {
      const r = await run(boxOf('alpine'), ['apk', 'add', 'nosuchpkg']);
      expect(r.stderr).toBe('ERROR: unable to select packages:\n  nosuchpkg (no such package):\n    required by: world[nosuchpkg]\n');
      expect(r.status).toBe(1);
    });
  });

  it('busybox: applets run through registered programs; cat has busybox wording', async () => {
    const box = boxOf('busybox', [{ name: 'echo', program: async (ctx) => (await ctx.stdout.write(ctx.argv.slice(1).join(' ') + '\n'), 0) }]);
    expect((await run(box, ['echo', 'hi'])).stdout).toBe('hi\n');
    expect((await run(box, ['busybox', 'echo', 'x'])).stdout).toBe('x\n');
    const cat = await run(box, ['cat', '/etc/os-release']);
    expect(cat.stderr).toBe("cat: can't open '/etc/os-release': No such file or directory\n");
    expect(cat.status).toBe(1);
    expect((await run(box, ['busybox'])).stdout.startsWith('BusyBox v1.37.0')).toBe(true);
  });

  it('nginx: start-up log, the default page over the network, a 404, access log, SIGQUIT stop', async () => {
    const box = boxOf('nginx');
    const r = start(box, ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
    await r.settle(() => box.ns.isListening(80));
    expect(r.stdout.text()).toBe(block('### 9.1').split('\n').slice(0, 9).join('\n') + '\n');
    expect(r.stderr.text()).toBe(
      '2025/06/29 12:00:00 [notice] 1#1: using the "epoll" event method\n2025/06/29 12:00:00 [notice] 1#1: nginx/1.29.0\n2025/06/29 12:00:00 [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) \n2025/06/29 12:00:00 [notice] 1#1: OS: Linux 6.10.14-linuxkit\n2025/06/29 12:00:00 [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576\n2025/06/29 12:00:00 [notice] 1#1: start worker processes\n2025/06/29 12:00:00 [notice] 1#1: start worker process 29\n2025/06/29 12:00:00 [notice] 1#1: start worker process 30\n',
    );
    const fwd = box.net.forward({ hostPort: 8080, hostAddress: '0.0.0.0', target: box.ns, targetPort: 80 });
    const c = box.net.connect(box.net.host, '127.0.0.1', 8080);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    const req = (target: string, method = 'GET') => c.handler({ method, target, version: 'HTTP/1.1', headers: [['Host', 'localhost:8080'], ['User-Agent', 'curl/8.7.1'], ['Accept', '*/*']], body: new Uint8Array(), remote: { address: '172.17.0.1', port: 40000 }, local: c.local });
    const res = await req('/');
    expect(res.status).toBe(200);
    expect(res.body).toBe(block('body (`/usr/share/nginx/html/index.html`, 615 bytes'));
    expect(res.headers).toContainEqual(['Content-Length', '615']);
    expect(res.headers).toContainEqual(['Server', 'nginx/1.29.0']);
    const miss = await req('/nope');
    expect(miss.status).toBe(404);
    expect(miss.body).toBe(block('A missing\npath returns `404`').replace(/\n/g, '\r\n'));
    await r.settle(() => r.stdout.text().includes('/nope'));
    expect(r.stdout.text()).toContain('172.17.0.1 - - [29/Jun/2025:12:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.7.1" "-"\n');
    // A HEAD request: the same headers (Content-Length 615), and nothing sent in the log.
    const head = await req('/', 'HEAD');
    expect(head.headers).toContainEqual(['Content-Length', '615']);
    await r.settle(() => r.stdout.text().includes('"HEAD /'));
    expect(r.stdout.text()).toContain('"HEAD / HTTP/1.1" 200 0 "-" "curl/8.7.1" "-"\n');
    box.kernel.kill(r.proc.pid, 'SIGQUIT');
    expect(await r.settle()).toBe(0);
    expect(r.stderr.text()).toContain('[notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n');
    expect(box.ns.isListening(80)).toBe(false);
    fwd.dispose();
  });

  it('python: --version, -c print, http.server listing', async () => {
    const box = boxOf('python:3.12');
    expect((await run(box, ['python3', '--version'])).stdout).toBe('Python 3.12.11\n');
    expect((await run(box, ['python', '-c', 'print("hi", 1+2)'])).stdout).toBe('hi 3\n');
    box.fs.writeFile('/srv/a.txt', 'A\n');
    const r = start(box, ['python3', '-m', 'http.server', '8000'], { cwd: '/srv', tty: true });
    await r.settle(() => box.ns.isListening(8000));
    expect(r.stdout.text()).toBe('Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/) ...\n');
    const c = box.net.connect(box.ns, '127.0.0.1', 8000);
    if (!c.ok) throw new Error('no listener');
    const res = await c.handler({ method: 'GET', target: '/', version: 'HTTP/1.1', headers: [], body: new Uint8Array(), remote: { address: '172.17.0.1', port: 40001 }, local: c.local });
    expect(String(res.body)).toContain('<title>Directory listing for /</title>');
    expect(String(res.body)).toContain('<a href="a.txt">a.txt</a>');
    await r.settle(() => r.stderr.text().length > 0);
    expect(r.stderr.text()).toBe('172.17.0.1 - - [29/Jun/2025 12:00:00] "GET / HTTP/1.1" 200 -\n');
  });

  it('kubernetes-bootcamp answers with its pod name and logs each request', async () => {
    const box = boxOf('gcr.io/google-samples/kubernetes-bootcamp:v1');
    const r = start(box, ['node', 'server.js'], { env: { HOSTNAME: 'kubernetes-bootcamp-658f6cbd58-87fwn' } });
    await r.settle(() => box.ns.isListening(8080));
    expect(r.stdout.text()).toBe('Kubernetes Bootcamp App Started At: 2025-06-29T12:00:00.000Z | Running On:  kubernetes-bootcamp-658f6cbd58-87fwn \n \n');
    const c = box.net.connect(box.ns, '127.0.0.1', 8080);
    if (!c.ok) throw new Error('no listener');
    const res = await c.handler({ method: 'GET', target: '/', version: 'HTTP/1.1', headers: [], body: new Uint8Array(), remote: { address: '10.244.0.1', port: 40002 }, local: c.local });
    expect(res.body).toBe('Hello Kubernetes bootcamp! | Running on: kubernetes-bootcamp-658f6cbd58-87fwn | v=1\n');
  });

  it('jupyter prints a deterministic 48-hex token and its URLs', async () => {
    const box = boxOf('jupyter/tensorflow-notebook');
    const r = start(box, ['tini', '-g', '--', 'start-notebook.py']);
    await r.settle(() => box.ns.isListening(8888));
    const log = r.stderr.text();
    expect(log.startsWith('Entered start.sh with args: jupyter lab\n')).toBe(true);
    const token = /lab\?token=([0-9a-f]+)/.exec(log)![1]!;
    expect(token).toMatch(/^[0-9a-f]{48}$/);
    expect(log).toContain(`[I 2025-06-29 12:00:00.000 ServerApp] http://3f2a1b4c5d6e:8888/lab?token=${token}\n`);
    expect(log).toContain(`[I 2025-06-29 12:00:00.000 ServerApp]     http://127.0.0.1:8888/lab?token=${token}\n`);
    const box2 = boxOf('jupyter/tensorflow-notebook');
    const r2 = start(box2, ['tini', '-g', '--', 'start-notebook.py']);
    await r2.settle(() => box2.ns.isListening(8888));
    expect(r2.stderr.text()).toBe(log);
  });

  it('postgres without a password exits 1 with the entrypoint error', async () => {
    const r = await run(boxOf('postgres'), ['docker-entrypoint.sh', 'postgres']);
    expect(r.stderr).toBe(block('Without a password the container exits 1'));
    expect(r.status).toBe(1);
  });

  it('whoami answers with the request re-serialised', async () => {
    const box = boxOf('traefik/whoami');
    const r = start(box, ['/whoami']);
    await r.settle(() => box.ns.isListening(80));
    const c = box.net.connect(box.ns, '172.17.0.2', 80);
    if (!c.ok) throw new Error('no listener');
    const res = await c.handler({ method: 'GET', target: '/', version: 'HTTP/1.1', headers: [['Host', 'localhost:8080'], ['User-Agent', 'curl/8.7.1'], ['Accept', '*/*']], body: new Uint8Array(), remote: { address: '172.17.0.1', port: 54122 }, local: c.local });
    expect(res.body).toBe('Hostname: 3f2a1b4c5d6e\nIP: 127.0.0.1\nIP: ::1\nIP: 172.17.0.2\nRemoteAddr: 172.17.0.1:54122\nGET / HTTP/1.1\r\nHost: localhost:8080\r\nUser-Agent: curl/8.7.1\r\nAccept: */*\r\n\r\n');
  });
});
