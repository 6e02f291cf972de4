/**
 * The simulated Hub and private registries on a whole world: docker login, push, pull back, the
 * credential helper's file, and the world's snapshot (src/engine/docker/registry.ts, distribution.ts,
 * src/cli/docker/registry.ts).
 */
import { describe, expect, it } from 'vitest';
import { createSession } from '../session/session';
import { createNodeSession } from './host';

async function sh(s: ReturnType<typeof createNodeSession>, line: string) {
  return s.run(line);
}

describe('docker push to the simulated Hub', () => {
  it('denies a push without login, stores it after login, and pulls the same image back', async () => {
    const s = createNodeSession({ seed: 3 });
    await s.docker();
    await sh(s, 'docker pull -q busybox && docker tag busybox learner/box');
    const denied = await sh(s, 'docker push learner/box');
    expect(denied.status).toBe(1);
    expect(denied.stderr).toBe('denied: requested access to the resource is denied\n');
    const login = await sh(s, 'echo s3cret | docker login -u learner --password-stdin');
    expect(login).toMatchObject({ status: 0, stdout: 'Login Succeeded\n', stderr: '' });
    const cfg = await sh(s, 'cat ~/.docker/config.json');
    expect(cfg.stdout).toBe('{\n\t"auths": {\n\t\t"https://index.docker.io/v1/": {}\n\t},\n\t"credsStore": "secretservice"\n}');
    const pushed = await sh(s, 'docker push learner/box');
    expect(pushed.status).toBe(0);
    expect(pushed.stdout).toMatch(/: Mounted from library\/busybox\n/);
    const digest = /latest: digest: (sha256:[0-9a-f]{64}) size: (\d+)/.exec(pushed.stdout);
    expect(digest).not.toBeNull();
    const id = (await sh(s, 'docker inspect -f {{.Id}} learner/box')).stdout;
    // Nothing in the world's state holds the password.
    expect(JSON.stringify(s.snapshot())).not.toContain('s3cret');
    await sh(s, 'docker rmi learner/box busybox');
    const again = await sh(s, 'docker pull learner/box');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`Digest: ${digest![1]!}\nStatus: Downloaded newer image for learner/box:latest\n`);
    expect((await sh(s, 'docker inspect -f {{.Id}} learner/box')).stdout).toBe(id);
    const layerAgain = await sh(s, 'docker push learner/box');
    expect(layerAgain.stdout).toMatch(/: Layer already exists\n/);
    expect(layerAgain.stdout).toContain(`latest: digest: ${digest![1]!} size: ${digest![2]!}`);
  });

  it('keeps pushed images and logins in the snapshot of the world', async () => {
    const s = createNodeSession({ seed: 4 });
    await s.docker();
    await sh(s, 'docker pull -q alpine && docker tag alpine learner/a && echo pw | docker login -u learner --password-stdin && docker push -q learner/a');
    const snap = s.snapshot();
    const s2 = createSession({ ...s.options, snapshot: JSON.parse(JSON.stringify(snap)) as typeof snap });
    await s2.docker();
    expect(s2.registries?.snapshot()).toEqual(s.registries?.snapshot());
    await s2.run('docker rmi -f learner/a alpine');
    const r = await s2.run('docker run --rm learner/a echo back');
    expect(r.stdout).toBe('back\n');
    expect(r.stderr).toMatch(/^Unable to find image 'learner\/a:latest' locally\nlatest: Pulling from learner\/a\n/);
    expect((await s2.run('docker push learner/a')).status).toBe(0);
    await s2.run('docker logout');
    expect((await s2.run('docker push learner/a')).status).toBe(1);
  });

  it('pushes to a registry:2 container through the published port', async () => {
    const s = createNodeSession({ seed: 5 });
    await s.docker();
    const refused = await sh(s, 'docker pull -q busybox && docker tag busybox localhost:5000/b && docker push localhost:5000/b');
    expect(refused.stderr).toBe('Get "http://localhost:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused\n');
    await sh(s, 'docker run -d -p 5000:5000 --name reg registry:2');
    expect((await sh(s, 'docker push localhost:5000/b')).status).toBe(0);
    expect((await sh(s, 'curl -s localhost:5000/v2/_catalog')).stdout).toBe('{"repositories":["b"]}\n');
    expect((await sh(s, 'docker exec reg cat /var/lib/registry/docker/registry/v2/repositories/b/_manifests/tags/latest/current/link')).stdout).toMatch(/^sha256:[0-9a-f]{64}$/);
    await sh(s, 'docker rmi localhost:5000/b busybox');
    const back = await sh(s, 'docker pull localhost:5000/b');
    expect(back.stdout).toContain('latest: Pulling from b\n');
    expect(back.status).toBe(0);
  });
});
