/**
 * Docker fidelity fixes on a whole world (session, daemon, CLI): mounts through forks and
 * snapshots, volume population, exec's terminal, users, logs of terminal containers.
 */
import { describe, expect, it } from 'vitest';
import { createNodeSession } from './host';
import { createSession } from '../session/session';
import { coreutils } from '../shell/commands';
import { nodeVirtualHost } from './host';
import { simulate } from './sim';

describe('mounts survive forks and snapshots', () => {
  it('a fork reads the bind mount and the named volume from its own restored host and volumes', async () => {
    const s = createNodeSession({ seed: 5 });
    await s.run('mkdir -p ~/site && echo "<h1>mine</h1>" > ~/site/index.html');
    const run = await s.run('docker run -d --name mysite -p 8081:80 -v ~/site:/usr/share/nginx/html -v data:/data nginx');
    expect(run.status).toBe(0);
    await s.run('docker exec mysite sh -c "echo kept > /data/v.txt"');
    expect((await s.run('curl -s localhost:8081')).stdout).toBe('<h1>mine</h1>\n');

    const f = s.fork();
    expect((await f.run('curl -s localhost:8081')).stdout).toBe('<h1>mine</h1>\n');
    expect((await f.run('docker exec mysite cat /usr/share/nginx/html/index.html')).stdout).toBe('<h1>mine</h1>\n');
    expect((await f.run('docker exec mysite cat /data/v.txt')).stdout).toBe('kept\n');

    // A write on the fork's host shows in the fork's container only.
    await f.run('echo changed > ~/site/index.html');
    expect((await f.run('docker exec mysite cat /usr/share/nginx/html/index.html')).stdout).toBe('changed\n');
    expect((await s.run('docker exec mysite cat /usr/share/nginx/html/index.html')).stdout).toBe('<h1>mine</h1>\n');
    // And a write in the fork's volume stays in the fork.
    await f.run('docker exec mysite sh -c "echo forked > /data/v.txt"');
    expect((await s.run('docker exec mysite cat /data/v.txt')).stdout).toBe('kept\n');

    // A snapshot restored into a new session has the mounts too, and the container writes through them.
    const t = createSession({ host: nodeVirtualHost, time: { kind: 'virtual' }, programs: coreutils, snapshot: s.snapshot() });
    expect((await t.run('docker exec mysite cat /usr/share/nginx/html/index.html')).stdout).toBe('<h1>mine</h1>\n');
    await t.run('docker exec mysite sh -c "echo from-ctr > /usr/share/nginx/html/new.html"');
    expect(t.fs.readText('/home/learner/site/new.html')).toBe('from-ctr\n');
    expect(s.fs.exists('/home/learner/site/new.html')).toBe(false);
  });
});

describe('a new named volume gets the image content at its target', () => {
  it('copies into an empty volume, not with nocopy, and never for bind mounts', async () => {
    const s = createNodeSession({ seed: 5 });
    await s.run('docker pull -q nginx');
    expect((await s.run('docker run --rm -v data:/usr/share/nginx/html nginx ls /usr/share/nginx/html')).stdout).toBe('50x.html\nindex.html\n');
    // The volume keeps it (and is not empty any more: a second image's files are not copied over it).
    expect((await s.run('docker run --rm -v data:/etc/nginx nginx ls /etc/nginx')).stdout).toBe('50x.html\nindex.html\n');
    expect((await s.run('docker run --rm -v d2:/usr/share/nginx/html:nocopy nginx ls /usr/share/nginx/html')).stdout).toBe('');
    expect((await s.run('docker run --rm --mount type=volume,src=d3,dst=/usr/share/nginx/html,volume-nocopy nginx ls /usr/share/nginx/html')).stdout).toBe('');
    expect((await s.run('docker run --rm --mount type=volume,src=d4,dst=/usr/share/nginx/html nginx ls /usr/share/nginx/html')).stdout).toBe('50x.html\nindex.html\n');
    await s.run('mkdir ~/empty');
    expect((await s.run('docker run --rm -v ~/empty:/usr/share/nginx/html nginx ls /usr/share/nginx/html')).stdout).toBe('');
    // Anonymous volumes are populated too; modes and owners come along.
    expect((await s.run('docker run --rm -v /usr/share/nginx/html nginx stat -c "%a %U %n" /usr/share/nginx/html/index.html')).stdout).toBe('644 root /usr/share/nginx/html/index.html\n');
  });
});

describe('docker exec and terminals', () => {
  it('gives the process no terminal without -t, and the terminal on all three streams with -t', async () => {
    const probe = 'sh -c "test -t 0; echo in=\\$?; test -t 1; echo out=\\$?; test -t 2; echo err=\\$?"';
    const out = await simulate(
      ['docker run -d --name web nginx', `docker exec web ${probe}`, `docker exec -i web ${probe}`, `docker exec -t web ${probe}`, `docker exec -it web ${probe}`, 'docker exec web ls /usr/share/nginx/html', ''].join('\n'),
      { seed: 5 },
    );
    expect(out).toContain('\nin=1\nout=1\nerr=1\nin=1\nout=1\nerr=1\nin=0\nout=0\nerr=0\nin=0\nout=0\nerr=0\n50x.html\nindex.html\n');
  });
});

describe('users of containers', () => {
  it('refuses a USER or -u name missing from passwd (125), takes a number, and checks USER in RUN', async () => {
    const s = createNodeSession({ seed: 5 });
    await s.run('mkdir u && printf "FROM ubuntu:24.04\\nUSER appuser\\n" > u/Dockerfile && docker build -q -t u u');
    const run = await s.run('docker run --rm u whoami');
    expect(run.status).toBe(125);
    expect(run.stderr).toBe("docker: Error response from daemon: unable to find user appuser: no matching entries in passwd file\n\nRun 'docker run --help' for more information\n");
    expect((await s.run('docker run --rm -u nosuch ubuntu:24.04 whoami')).status).toBe(125);
    // --rm: the container that failed to start is removed.
    expect((await s.run('docker ps -aq')).stdout).toBe('');
    const num = await s.run('docker run --rm -u 4242 ubuntu:24.04 whoami');
    expect([num.status, num.stderr]).toEqual([1, 'whoami: cannot find name for user ID 4242\n']);
    expect((await s.run('docker run --rm -u 0:nosuch ubuntu:24.04 id')).stderr).toContain('unable to find group nosuch: no matching entries in group file');
    await s.run('printf "FROM ubuntu:24.04\\nUSER appuser\\nRUN whoami\\n" > u/Dockerfile');
    const b = await s.run('docker build --progress=plain -t u2 u');
    expect(b.status).toBe(1);
    expect(b.stderr).toContain('ERROR: failed to build: failed to solve: process "/bin/sh -c whoami" did not complete successfully: unable to find user appuser: no matching entries in passwd file');
    await s.run('docker run -d --name web nginx');
    const ex = await s.run('docker exec -u nosuch web id');
    expect([ex.status, ex.stderr]).toEqual([1, 'Error response from daemon: unable to find user nosuch: no matching entries in passwd file\n']);
  });

  it('useradd in a build makes a user that USER, whoami and id find', async () => {
    const s = createNodeSession({ seed: 5 });
    await s.run('docker pull -q ubuntu:24.04');
    await s.run('mkdir a && printf "FROM ubuntu:24.04\\nRUN useradd --create-home appuser\\nUSER appuser\\nWORKDIR /home/appuser\\n" > a/Dockerfile');
    expect((await s.run('docker build -q -t a a')).status).toBe(0);
    expect((await s.run('docker run --rm a sh -c "whoami; id; pwd; stat -c \'%a %U\' ."')).stdout).toBe('appuser\nuid=1001(appuser) gid=1001(appuser) groups=1001(appuser)\n/home/appuser\n750 appuser\n');
    const r = await s.run('docker run --rm ubuntu:24.04 sh -c "useradd x; useradd x; echo \\$?; useradd -r svc; grep -E \'^(x|svc):\' /etc/passwd /etc/shadow; groupadd devs; usermod -aG devs x; id x"');
    expect(r.stderr).toBe("useradd: user 'x' already exists\n");
    expect(r.stdout).toBe('9\n/etc/passwd:x:x:1001:1001::/home/x:/bin/sh\n/etc/passwd:svc:x:999:999::/home/svc:/bin/sh\n/etc/shadow:x:!:20458:0:99999:7:::\n/etc/shadow:svc:!:20458::::::\nuid=1001(x) gid=1001(x) groups=1001(x),1002(devs)\n');
    const al = await s.run('docker run --rm alpine sh -c "adduser -D app && addgroup app wheel && id app && grep ^app: /etc/passwd"');
    expect(al.stdout).toBe('uid=1000(app) gid=1000(app) groups=1000(app),10(wheel)\napp:x:1000:1000:Linux User,,,:/home/app:/bin/sh\n');
  });
});

describe('logs of a terminal container', () => {
  it('holds what the terminal carried: prompts and echoed input, with \\r\\n line ends', async () => {
    const out = await simulate('docker run -it --name box ubuntu bash\necho hi\nexit\ndocker logs box | od -c | head -3\n', { seed: 5, echo: true });
    expect(out).toContain('0000000   r   o   o   t   @');
    expect(out).toContain('#       e   c   h   o       h   i  \\r  \\n   h   i');
  });
});

describe('docker history after a build', () => {
  it('stamps metadata rows with the build time of the next layer, as BuildKit exports them', async () => {
    const s = createNodeSession({ seed: 5 });
    await s.run('docker pull -q ubuntu:24.04');
    await s.run('mkdir h && printf "FROM ubuntu:24.04\\nARG V=1\\nENV A=b\\nRUN echo hi > /x\\nCMD [\\"bash\\"]\\n" > h/Dockerfile && docker build -q -t h h');
    const h = await s.run('docker history --format "{{.CreatedSince}}|{{.CreatedBy}}" h');
    expect(h.stdout.split('\n').slice(0, 5)).toEqual(['Less than a second ago|CMD ["bash"]', 'Less than a second ago|RUN |1 V=1 /bin/sh -c echo hi > /x # buildkit', 'Less than a second ago|ENV A=b', 'Less than a second ago|ARG V=1', '7 months ago|/bin/sh -c #(nop)  CMD ["/bin/bash"]']);
  });
});

describe('the sim and typeahead', () => {
  it('ends when a line is typed ahead of a command that never ends, and ^C discards it', async () => {
    const out = await simulate('docker run -d --name web nginx\ndocker logs -f --tail 1 web\ncurl -s localhost\n\x03\necho after\n', { seed: 5 });
    expect(out.endsWith('start worker process 30\n\nafter\n')).toBe(true);
    const loop = await simulate('while true; do sleep 1; done\necho typed\n\x03\necho after\n', { seed: 5 });
    expect(loop).toBe('\nafter\n');
  }, 60_000);
});
