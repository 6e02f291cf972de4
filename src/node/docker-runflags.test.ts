/**
 * docker run's resource and HostConfig flags on a whole world: what `docker inspect` shows (moby's
 * HostConfig field order and daemon defaults), the daemon's checks, --read-only, --stop-timeout,
 * pause/unpause, and snapshot/restore of the stored settings.
 */
import { describe, expect, it } from 'vitest';
import { createNodeSession } from './host';
import { hostConfigJson, verifyHostOptions } from '../engine/docker/hostconfig';

async function world(seed = 5) {
  const s = createNodeSession({ seed });
  const run = async (line: string) => s.run(line);
  await run('docker pull -q busybox');
  return { s, run };
}

describe('hostconfig', () => {
  it('lists HostConfig fields in the Engine API order, with the daemon defaults', () => {
    const j = hostConfigJson({ Binds: null, NetworkMode: 'bridge', PortBindings: {}, RestartPolicy: { Name: 'no', MaximumRetryCount: 0 }, AutoRemove: false });
    const keys = Object.keys(j);
    expect(keys.slice(0, 12)).toEqual(['Binds', 'ContainerIDFile', 'LogConfig', 'NetworkMode', 'PortBindings', 'RestartPolicy', 'AutoRemove', 'VolumeDriver', 'VolumesFrom', 'ConsoleSize', 'CapAdd', 'CapDrop']);
    expect(keys.indexOf('ShmSize')).toBeLessThan(keys.indexOf('CpuShares'));
    expect(keys.indexOf('CpuShares')).toBe(keys.indexOf('Memory') - 1);
    expect(keys.at(-1)).toBe('ReadonlyPaths');
    expect(j.ShmSize).toBe(67108864);
    expect(j.PidsLimit).toBeNull();
    expect(j).not.toHaveProperty('Init');
  });
  it('checks limits as dockerd does and doubles Memory into MemorySwap', () => {
    expect(verifyHostOptions({ memory: 1024 })).toEqual({ ok: false, error: 'Minimum memory limit allowed is 6MB' });
    expect(verifyHostOptions({ nanoCpus: 5e9 })).toEqual({ ok: false, error: 'range of CPUs is from 0.01 to 4.00, as there are only 4 CPUs available' });
    expect(verifyHostOptions({ memorySwap: 1 << 30 })).toEqual({ ok: false, error: 'You should always set the Memory limit when using Memoryswap limit, see usage' });
    const ok = verifyHostOptions({ memory: 256 << 20 });
    expect(ok.ok && ok.value.memorySwap).toBe(512 << 20);
  });
});

describe('docker run resource flags', () => {
  it('stores the flags where docker inspect shows them, and keeps them across snapshot and restore', async () => {
    const { s, run } = await world();
    const r = await run('docker run -d --name r1 -m 512m --cpus 1.5 -c 512 --pids-limit 100 --restart on-failure:3 --hostname h1 -l a=b --privileged --init --stop-timeout 5 --ulimit nofile=1024:2048 busybox sleep 1000');
    expect(r.status).toBe(0);
    const fmt = "docker inspect -f '{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.HostConfig.CpuShares}} {{.HostConfig.PidsLimit}} {{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}} {{.Config.Hostname}} {{.HostConfig.Privileged}} {{.HostConfig.Init}} {{.Config.StopTimeout}} {{json .HostConfig.Ulimits}}' r1";
    const want = '536870912 1073741824 1500000000 512 100 on-failure:3 h1 true true 5 [{"Name":"nofile","Hard":2048,"Soft":1024}]\n';
    expect((await run(fmt)).stdout).toBe(want);
    const s2 = createNodeSession({ seed: 5, snapshot: s.snapshot() });
    expect((await s2.run(fmt)).stdout).toBe(want);
  });

  it('refuses bad values with the daemon error and status 125', async () => {
    const { run } = await world();
    const r = await run('docker run --cpus 8 busybox true');
    expect(r.stderr).toBe("docker: Error response from daemon: range of CPUs is from 0.01 to 4.00, as there are only 4 CPUs available\n\nRun 'docker run --help' for more information\n");
    expect(r.status).toBe(125);
  });

  it('makes the root file system read-only with --read-only', async () => {
    const { run } = await world();
    const r = await run("docker run --read-only busybox sh -c 'echo x > /tmp/f'");
    expect(r.stderr).toContain('Read-only file system');
    expect(r.status).not.toBe(0);
    expect((await run("docker run --rm busybox sh -c 'echo x > /tmp/f && echo ok'")).stdout).toBe('ok\n');
  });
});

describe('docker pause', () => {
  it('freezes the container until unpause; exec is refused meanwhile', async () => {
    const { run } = await world();
    await run('docker run -d --name pz busybox sh -c "while true; do date +%s >> /tmp/t; sleep 1; done"');
    await run('sleep 3');
    expect((await run('docker pause pz')).stdout).toBe('pz\n');
    expect((await run("docker inspect -f '{{.State.Status}} {{.State.Paused}}' pz")).stdout).toBe('paused true\n');
    const exec = await run('docker exec pz true');
    expect(exec.stderr).toMatch(/^Error response from daemon: Container [0-9a-f]{64} is paused, unpause the container before exec\n$/);
    expect((await run('docker unpause pz')).stdout).toBe('pz\n');
    const n1 = (await run('docker exec pz wc -l /tmp/t')).stdout;
    await run('docker pause pz');
    await run('sleep 5');
    await run('docker unpause pz');
    const n2 = (await run('docker exec pz wc -l /tmp/t')).stdout;
    // Frozen for 5 s: at most the line of the second it was thawed in was added.
    expect(parseInt(n2, 10) - parseInt(n1, 10)).toBeLessThanOrEqual(1);
    const again = await run('docker unpause pz');
    expect(again.stderr).toMatch(/^Error response from daemon: Container [0-9a-f]{64} is not paused\n$/);
    expect(again.status).toBe(1);
  });
});
