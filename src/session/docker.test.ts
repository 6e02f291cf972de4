import { describe, expect, it } from 'vitest';
import { createSession, type SessionOptions } from './session';
import { coreutils } from '../shell/commands';
import { CollectingWriter } from '../engine/runtime/streams';
import { DaemonError } from '../engine/docker/daemon';

const host: SessionOptions['host'] = { yieldToHost: () => new Promise((r) => setImmediate(r)), shouldYield: () => true };
const world = () => createSession({ host, time: { kind: 'virtual' }, programs: coreutils, seed: 7 });
const sleep = (s: ReturnType<typeof world>) => (ms: number) => new Promise<void>((r) => s.clock.schedule(s.clock.now() + ms, r));

describe('DockerDaemon', () => {
  it('pulls hello-world and runs it, attached; the output is in the logs too', async () => {
    const s = world();
    const d = await s.docker();
    const lines: string[] = [];
    const pulling = d.pull('hello-world', (e) => lines.push(e.line), sleep(s));
    await s.settle(() => false);
    const img = await pulling;
    expect(lines[0]).toBe('latest: Pulling from library/hello-world');
    expect(lines.at(-1)).toBe('Status: Downloaded newer image for hello-world:latest');
    expect(img.repoTags).toEqual(['hello-world:latest']);
    const c = d.createContainer({ image: 'hello-world' });
    expect(c.name).toMatch(/^[a-z]+_[a-z]+$/);
    const out = new CollectingWriter();
    d.startContainer(c.id, { stdout: out, stderr: out });
    const status = d.wait(c.id);
    await s.settle(() => false);
    expect(await status).toBe(0);
    expect(out.text()).toContain('Hello from Docker!');
    expect(c.logs.map((l) => l.text).join('')).toBe(out.text());
    expect(c.state.Status).toBe('exited');
  });

  it('runs commands in an ubuntu container with its own files and host name, and refuses what docker refuses', async () => {
    const s = world();
    const d = await s.docker();
    const p = d.pull('ubuntu', () => {}, sleep(s));
    await s.settle(() => false);
    await p;
    const c = d.createContainer({ image: 'ubuntu', cmd: ['bash', '-c', 'cat /etc/os-release | head -1; hostname; touch /made-here'] });
    const out = new CollectingWriter();
    d.startContainer(c.id, { stdout: out, stderr: out });
    await s.settle(() => false);
    expect(out.text()).toMatch(new RegExp(`^PRETTY_NAME="Ubuntu 24\\.04[.\\d]* LTS"\n${c.id.slice(0, 12)}\n$`));
    expect(d.containerFs(c.id).exists('/made-here')).toBe(true);
    expect(s.rootFs.exists('/made-here')).toBe(false);
    expect(() => d.createContainer({ image: 'ubuntu', name: c.name })).toThrow(DaemonError);
    expect(() => d.removeImage('ubuntu')).toThrow(/conflict: unable to remove repository reference "ubuntu" \(must force\) - container [0-9a-f]{12} is using its referenced image [0-9a-f]{12}/);
    const bad = d.createContainer({ image: 'ubuntu', cmd: ['nosuch'] });
    expect(() => d.startContainer(bad.id)).toThrow(/exec: "nosuch": executable file not found in \$PATH/);
    await expect(d.pull('nosuchimage', () => {}, sleep(s))).rejects.toThrow(
      "pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    );
  });

  it('keeps images and containers through a snapshot, and a fork sees them', async () => {
    const s = world();
    const d = await s.docker();
    const p = d.pull('busybox', () => {}, sleep(s));
    await s.settle(() => false);
    await p;
    const c = d.createContainer({ image: 'busybox', name: 'web', cmd: ['sh', '-c', 'echo hi > /f'] });
    d.startContainer(c.id);
    await s.settle(() => false);
    const snap = JSON.parse(JSON.stringify(s.snapshot()));
    const t = createSession({ host, time: { kind: 'virtual' }, programs: coreutils, snapshot: snap });
    const d2 = await t.docker();
    expect(d2.container('web')?.state.Status).toBe('exited');
    expect(d2.containerFs('web').readText('/f')).toBe('hi\n');
    // Lesson checks read what `docker inspect` prints.
    expect(t.fork().state('container')?.get('web')).toMatchObject({ Name: '/web', State: { Status: 'exited', ExitCode: 0 }, Config: { Cmd: ['sh', '-c', 'echo hi > /f'] } });
    expect(t.fork().state('image')?.get('busybox')).toMatchObject({ RepoTags: ['busybox:latest'] });
    expect(t.fork().state('container')?.get('nosuch')).toBeUndefined();
  });
});
