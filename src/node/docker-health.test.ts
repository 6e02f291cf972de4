/**
 * Health checks on a whole world: the monitor on the virtual clock, `docker ps` STATUS, the
 * `health` filter, inspect's State.Health, and snapshot/restore of the health state.
 */
import { describe, expect, it } from 'vitest';
import { createNodeSession } from './host';

describe('docker run --health-*', () => {
  it('goes starting -> unhealthy -> healthy and survives a snapshot', async () => {
    const s = createNodeSession({ seed: 3 });
    const run = async (line: string) => s.run(line);
    await run('docker pull -q busybox');
    await run("docker run -d --name web --health-cmd 'test -f /tmp/ok' --health-interval 2s --health-retries 2 busybox sleep 1000");
    expect((await run("docker ps --format '{{.Status}}'")).stdout).toMatch(/\(health: starting\)\n$/);
    await run('sleep 5');
    expect((await run("docker ps --format '{{.Status}}'")).stdout).toMatch(/\(unhealthy\)\n$/);
    expect((await run('docker ps -q --filter health=healthy')).stdout).toBe('');
    await run('docker exec web touch /tmp/ok');
    await run('sleep 3');
    expect((await run("docker ps --format '{{.Names}}' --filter health=healthy")).stdout).toBe('web\n');
    const h = JSON.parse((await run("docker inspect -f '{{json .State.Health}}' web")).stdout);
    expect(h.Status).toBe('healthy');
    expect(h.Log.at(-1).ExitCode).toBe(0);
    const bad = await run('docker ps --filter health=bad');
    expect(bad.stderr).toBe("Error response from daemon: invalid filter 'health=bad': invalid value for health (bad): must be one of none, starting, healthy, unhealthy\n");
    const s2 = createNodeSession({ seed: 3, snapshot: s.snapshot() });
    const h2 = JSON.parse((await s2.run("docker inspect -f '{{json .State.Health}}' web")).stdout);
    // restarted by the restore: starting again, the log kept
    expect(h2.Status).toBe('starting');
    expect(h2.Log).toEqual(h.Log);
  });
});
