/**
 * Follow-ups a lesson author found, on a whole world (session, daemon, CLI): anonymous volumes for
 * an image's VOLUME, `docker compose -p NAME down` without a compose file, and a redis dataset
 * surviving a snapshot of the world.
 */
import { describe, expect, it } from 'vitest';
import { createNodeSession, nodeVirtualHost } from './host';
import { createSession } from '../session/session';
import { coreutils } from '../shell/commands';

const HEX64 = /^[0-9a-f]{64}$/;

async function volumeNames(s: ReturnType<typeof createNodeSession>): Promise<string[]> {
  return (await s.run('docker volume ls -q')).stdout.split('\n').filter((l) => l !== '');
}

describe("anonymous volumes for an image's VOLUME", () => {
  it('docker run redis makes a 64-hex volume at /data with the image content, in ls and inspect', async () => {
    const s = createNodeSession({ seed: 11 });
    expect((await s.run('docker pull -q redis')).status).toBe(0);
    expect((await s.run('docker run -d --name rr redis')).status).toBe(0);
    const vols = await volumeNames(s);
    expect(vols).toHaveLength(1);
    const name = vols[0]!;
    expect(name).toMatch(HEX64);
    const mounts = JSON.parse((await s.run("docker inspect -f '{{json .Mounts}}' rr")).stdout) as unknown;
    expect(mounts).toEqual([
      { Type: 'volume', Name: name, Source: `/var/lib/docker/volumes/${name}/_data`, Destination: '/data', Driver: 'local', Mode: '', RW: true, Propagation: '' },
    ]);
    expect((await s.run("docker inspect -f '{{json .Config.Volumes}}' rr")).stdout).toBe('{"/data":{}}\n');
    const labels = (await s.run(`docker volume inspect -f '{{json .Labels}}' ${name}`)).stdout;
    expect(labels).toBe('{"com.docker.volume.anonymous":""}\n');
    // The image's /data (owned by redis) was copied up into the empty volume.
    expect((await s.run('docker exec rr stat -c %U:%G /data')).stdout).toBe('redis:redis\n');
    // Writes land in the volume.
    await s.run('docker exec rr sh -c "echo kept > /data/f"');
    const daemon = await s.docker();
    expect(new TextDecoder().decode(daemon.volume(name).fs.readFile('/f'))).toBe('kept\n');
  });

  it('docker rm leaves it dangling, docker rm -v removes it, --rm removes it, -v name:/data replaces it', async () => {
    const s = createNodeSession({ seed: 12 });
    await s.run('docker pull -q redis');
    await s.run('docker run -d --name ra redis');
    const [va] = await volumeNames(s);
    await s.run('docker rm -f ra');
    expect(await volumeNames(s)).toEqual([va]);

    await s.run('docker run -d --name rb redis');
    const vb = (await volumeNames(s)).find((v) => v !== va)!;
    expect(vb).toMatch(HEX64);
    expect((await s.run('docker rm -fv rb')).status).toBe(0);
    expect(await volumeNames(s)).toEqual([va]);

    expect((await s.run('docker run --rm redis redis-server --version')).status).toBe(0);
    expect((await s.run('docker run --rm -v /scratch redis redis-server --version')).status).toBe(0);
    expect(await volumeNames(s)).toEqual([va]);

    await s.run('docker run -d --name rc -v mine:/data redis');
    expect((await volumeNames(s)).sort()).toEqual([va, 'mine'].sort());
    const mounts = JSON.parse((await s.run("docker inspect -f '{{json .Mounts}}' rc")).stdout) as Array<{ Name: string; Mode: string }>;
    expect(mounts.map((m) => [m.Name, m.Mode])).toEqual([['mine', 'z']]);
    // rm -v keeps named volumes.
    await s.run('docker rm -fv rc');
    expect((await volumeNames(s)).sort()).toEqual([va, 'mine'].sort());

    // volume prune removes the dangling anonymous one only (the label, not the name, decides).
    await s.run('docker volume create --label x=y 0123456789012345678901234567890123456789012345678901234567890123');
    expect((await s.run('docker volume prune -f')).stdout).toBe(`Deleted Volumes:\n${va!}\n\nTotal reclaimed space: 0B\n`);
    expect((await s.run('docker volume ls --format "{{.Name}} {{.Labels}}"')).stdout).toBe('0123456789012345678901234567890123456789012345678901234567890123 x=y\nmine \n');
  });

  it('keeps anonymous volumes, their labels and their mounts through restore(snapshot())', async () => {
    const s = createNodeSession({ seed: 13 });
    await s.run('docker pull -q redis');
    await s.run('docker run -d --name rr redis');
    const volumesBefore = (await s.docker()).snapshot().volumes;
    const before = s.snapshot();
    const t = createSession({ host: nodeVirtualHost, time: { kind: 'virtual' }, programs: coreutils, snapshot: JSON.parse(JSON.stringify(before)) as typeof before });
    const d = await t.docker();
    expect(d.snapshot().volumes).toEqual(volumesBefore);
    expect(d.listVolumes()[0]!.labels).toEqual({ 'com.docker.volume.anonymous': '' });
    expect((await t.run('docker rm -fv rr')).status).toBe(0);
    expect(d.listVolumes()).toEqual([]);
  });

  it('compose gives a service the image volume and keeps it when the container is recreated', async () => {
    const s = createNodeSession({ seed: 14 });
    await s.run("printf 'services:\\n  cache:\\n    image: redis\\n' > compose.yaml");
    expect((await s.run('docker compose -p shop up -d')).status).toBe(0);
    const [v1] = await volumeNames(s);
    expect(v1).toMatch(HEX64);
    await s.run('docker exec shop-cache-1 redis-cli set k v');
    await s.run('docker exec shop-cache-1 redis-cli save');
    expect((await s.run('docker compose -p shop -f compose.yaml up -d --force-recreate')).status).toBe(0);
    expect(await volumeNames(s)).toEqual([v1]);
    await s.run('sleep 1');
    expect((await s.run('docker exec shop-cache-1 redis-cli get k')).stdout).toBe('v\n');
    // The new container has the old one's volume by name (compose passes it on): `down -v` leaves it, as compose does.
    await s.run('docker compose -p shop down -v');
    expect(await volumeNames(s)).toEqual([v1]);
  });
});

describe('docker compose -p NAME down without a compose file', () => {
  it("removes the project's containers, its labelled networks and, with -v, its volumes", async () => {
    const s = createNodeSession({ seed: 15 });
    await s.run('mkdir app && cd app');
    await s.run("printf 'services:\\n  web:\\n    image: nginx\\n    volumes:\\n      - data:/data\\n    networks: [front]\\nnetworks:\\n  front: {}\\nvolumes:\\n  data: {}\\n' > compose.yaml");
    expect((await s.run('docker compose -p shop up -d')).status).toBe(0);
    expect((await s.run('docker network ls --format "{{.Name}}"')).stdout).toContain('shop_front\n');
    expect(await volumeNames(s)).toEqual(['shop_data']);
    await s.run('cd ~');
    const down = await s.run('docker compose -p shop down -v');
    expect(down.status).toBe(0);
    expect(down.stderr).toContain('Network shop_front  Removed');
    expect(down.stderr).toContain('Volume shop_data  Removed');
    expect((await s.run('docker ps -aq')).stdout).toBe('');
    expect((await s.run('docker network ls --format "{{.Name}}"')).stdout).not.toContain('shop_front');
    expect(await volumeNames(s)).toEqual([]);
    const again = await s.run('docker compose -p shop down');
    expect(again.stderr).toMatch(/^time="[^"]+" level=warning msg="Warning: No resource found to remove for project \\"shop\\"\."\n$/);
  });

  it('without -v keeps the volumes', async () => {
    const s = createNodeSession({ seed: 16 });
    await s.run('mkdir app && cd app');
    await s.run("printf 'services:\\n  web:\\n    image: nginx\\n    volumes:\\n      - data:/data\\nvolumes:\\n  data: {}\\n' > compose.yaml");
    await s.run('docker compose -p shop up -d');
    await s.run('cd ~');
    const down = await s.run('docker compose -p shop down');
    expect(down.status).toBe(0);
    expect(down.stderr).toContain('Network shop_default  Removed');
    expect(await volumeNames(s)).toEqual(['shop_data']);
  });
});

describe('a redis dataset survives a snapshot of the world', () => {
  it('keys set after the last SAVE are in a fork and in a restored snapshot; the live disk is untouched', async () => {
    const s = createNodeSession({ seed: 17 });
    await s.run('docker pull -q redis');
    await s.run('docker run -d --name rr redis');
    await s.run('docker exec rr redis-cli set greeting hello');
    const f = s.fork();
    expect((await f.run('docker exec rr redis-cli get greeting')).stdout).toBe('hello\n');
    const t = createSession({ host: nodeVirtualHost, time: { kind: 'virtual' }, programs: coreutils, snapshot: s.snapshot() });
    // (The restored daemon restarts the server on its first use: let it come up before asking it.)
    await t.run('docker ps -q');
    expect((await t.run('docker exec rr redis-cli get greeting')).stdout).toBe('hello\n');
    // The running server's /data has no dump.rdb: nothing ran SAVE or shut it down.
    expect((await s.run('docker exec rr ls /data')).stdout).toBe('');
    expect((await s.run('docker exec rr redis-cli get greeting')).stdout).toBe('hello\n');
  });

  it('an unchanged dataset writes nothing, and a process registers its hook only while it lives', async () => {
    const s = createNodeSession({ seed: 18 });
    await s.run('docker pull -q redis');
    await s.run('docker run -d --name rr redis');
    const f = s.fork();
    expect((await f.run('docker exec rr ls /data')).stdout).toBe('');
    const d = await s.docker();
    const main = d.processes('rr')[0]!;
    expect(main.snapshotHooks.size).toBe(1);
    await s.run('docker stop rr');
    expect(main.snapshotHooks.size).toBe(0);
  });
});
