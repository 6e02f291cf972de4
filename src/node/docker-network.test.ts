/**
 * Docker networks on a whole world (daemon, CLI, curl in containers): allocation, the embedded DNS
 * of user-defined networks, dockerd's errors, and snapshot/restore of networks and endpoints.
 */
import { describe, expect, it } from 'vitest';
import { createNodeSession } from './host';
import { nextAddress, nextPool, resolvConf, type NetworkRecord } from '../engine/docker/networks';

async function world() {
  const s = createNodeSession({ seed: 3 });
  const run = async (line: string) => s.run(line);
  await run('docker pull -q nginx');
  return { s, run };
}

describe('network allocation', () => {
  const net = (name: string, subnet: string): NetworkRecord => ({
    id: name, name, driver: 'bridge', scope: 'local', created: 0, subnet, gateway: subnet.replace(/0\/\d+$/, '1'), userSubnet: false, internal: false, attachable: false, enableIPv6: false, labels: {}, options: {}, ipamOptions: {}, ipamDriver: 'default', predefined: false,
  });
  it('takes the lowest free default pool, and the lowest free address from .2', () => {
    expect(nextPool([net('bridge', '172.17.0.0/16')])).toBe('172.18.0.0/16');
    expect(nextPool([net('bridge', '172.17.0.0/16'), net('b', '172.19.0.0/16')])).toBe('172.18.0.0/16');
    const all = Array.from({ length: 15 }, (_, i) => net(`n${i}`, `172.${17 + i}.0.0/16`));
    expect(nextPool(all)).toBe('192.168.0.0/20');
    const n = net('x', '172.18.0.0/16');
    expect(nextAddress(n, new Set())).toBe('172.18.0.2');
    expect(nextAddress(n, new Set(['172.18.0.2', '172.18.0.4']))).toBe('172.18.0.3');
  });
  it('writes resolv.conf as libnetwork does for user-defined networks and the default bridge', () => {
    const internal = resolvConf('nameserver 192.168.49.1\n', 'internal');
    expect(internal).toContain('nameserver 127.0.0.11\noptions ndots:0\n\n# Based on host file: \'/etc/resolv.conf\' (internal resolver)\n# ExtServers: [host(192.168.49.1)]\n');
    expect(resolvConf('nameserver 127.0.0.53\n', 'legacy')).toContain('nameserver 8.8.8.8\nnameserver 8.8.4.4\n');
  });
});

describe('docker network', () => {
  it('has bridge, host and none, sorted by name; user networks get 172.18.0.0/16 and .2', async () => {
    const { run } = await world();
    const ls = await run('docker network ls --format "{{.Name}} {{.Driver}}"');
    expect(ls.stdout).toBe('bridge bridge\nhost host\nnone null\n');
    expect((await run('docker network create mynet')).stdout).toMatch(/^[0-9a-f]{64}\n$/);
    await run('docker run -d --name web --network mynet nginx');
    const ip = await run("docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}/{{.IPPrefixLen}} {{.Gateway}}{{end}}' web");
    expect(ip.stdout).toBe('172.18.0.2/16 172.18.0.1\n');
    expect((await run('docker network inspect -f "{{(index .IPAM.Config 0).Subnet}}" mynet')).stdout).toBe('172.18.0.0/16\n');
  });

  it('resolves container names and aliases on a user network, not on the default bridge', async () => {
    const { run } = await world();
    await run('docker network create mynet');
    await run('docker run -d --name web --network mynet --network-alias api nginx');
    const byName = await run('docker run --rm --network mynet nginx curl -s -o /dev/null -w "%{http_code} %{remote_ip}" http://web');
    expect(byName.stdout).toBe('200 172.18.0.2');
    const byAlias = await run('docker run --rm --network mynet nginx curl -s -o /dev/null -w "%{http_code}" http://api');
    expect(byAlias.stdout).toBe('200');
    const bridge = await run('docker run --rm nginx curl -sS http://web');
    expect(bridge.stderr).toBe('curl: (6) Could not resolve host: web\n');
    expect(bridge.status).toBe(6);
    // The host cannot resolve container names either.
    expect((await run('curl -sS http://web')).stderr).toBe('curl: (6) Could not resolve host: web\n');
  });

  it('reports dockerd errors', async () => {
    const { run } = await world();
    await run('docker network create mynet');
    expect((await run('docker network create mynet')).stderr).toBe('Error response from daemon: network with name mynet already exists\n');
    expect((await run('docker network rm bridge')).stderr).toBe('Error response from daemon: bridge is a pre-defined network and cannot be removed\n');
    expect((await run('docker network rm nope')).stderr).toBe('Error response from daemon: network nope not found\n');
    expect((await run('docker network rm -f nope')).status).toBe(0);
    await run('docker run -d --name web --network mynet nginx');
    const rm = await run('docker network rm mynet');
    expect(rm.stderr).toMatch(/^Error response from daemon: error while removing network: network mynet has active endpoints \(name:"web" id:"[0-9a-f]{12}"\)\n$/);
    expect(rm.status).toBe(1);
    const missing = await run('docker run --rm --network nope nginx true');
    expect(missing.stderr).toBe("docker: Error response from daemon: network nope not found\n\nRun 'docker run --help' for more information\n");
    expect((await run('docker network connect host web')).stderr).toBe('Error response from daemon: cannot connect container to host network - container must be created in host network mode\n');
    await run('docker stop web');
    expect((await run('docker network rm mynet')).stdout).toBe('mynet\n');
  });

  it('frees addresses when containers stop and reuses the lowest', async () => {
    const { run } = await world();
    await run('docker network create n1');
    await run('docker run -d --name aa --network n1 nginx');
    await run('docker run -d --name bb --network n1 nginx');
    await run('docker stop aa');
    await run('docker run -d --name cc --network n1 nginx');
    const ip = await run("docker inspect -f '{{.NetworkSettings.Networks.n1.IPAddress}}' cc");
    expect(ip.stdout).toBe('172.18.0.2\n');
  });

  it('connects and disconnects a running container', async () => {
    const { run } = await world();
    await run('docker network create n1');
    await run('docker run -d --name web --network n1 nginx');
    await run('docker run -d --name other nginx');
    expect((await run('docker exec other curl -sS http://web')).stderr).toBe('curl: (6) Could not resolve host: web\n');
    expect((await run('docker network connect n1 other')).status).toBe(0);
    expect((await run('docker exec other curl -s -o /dev/null -w "%{http_code}" http://web')).stdout).toBe('200');
    expect((await run('docker ps --filter network=n1 --format "{{.Names}}"')).stdout.split('\n').sort()).toEqual(['', 'other', 'web']);
    expect((await run('docker inspect -f "{{len .NetworkSettings.Networks}}" other')).stdout).toBe('2\n');
    expect((await run('docker network disconnect n1 other')).status).toBe(0);
    expect((await run('docker exec other curl -sS http://web')).stderr).toBe('curl: (6) Could not resolve host: web\n');
  });

  it('--network none has only loopback; --network host shares the host', async () => {
    const { run } = await world();
    await run('docker run -d --name web nginx');
    const none = await run('docker run --rm --network none nginx curl -sS http://172.17.0.2');
    expect(none.status).toBe(7);
    expect((await run('docker run --rm --network host nginx hostname')).stdout).toBe('dockyard\n');
    const names = await run("docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}} {{.HostConfig.NetworkMode}}' web");
    expect(names.stdout).toBe('bridge bridge\n');
  });

  it('keeps networks and endpoints across snapshot and restore', async () => {
    const { s, run } = await world();
    await run('docker network create --label team=a mynet');
    await run('docker run -d --name web --network mynet --network-alias api nginx');
    const before = (await run('docker network inspect mynet')).stdout;
    const snap = s.snapshot();
    const s2 = createNodeSession({ seed: 3, snapshot: snap });
    const after = (await s2.run('docker network inspect mynet')).stdout;
    expect(JSON.parse(after)[0].Labels).toEqual({ team: 'a' });
    expect(JSON.parse(after)[0].Id).toBe(JSON.parse(before)[0].Id);
    expect(Object.values(JSON.parse(after)[0].Containers as Record<string, { IPv4Address: string }>)[0]?.IPv4Address).toBe('172.18.0.2/16');
    expect((await s2.run('docker run --rm --network mynet nginx curl -s -o /dev/null -w "%{http_code}" http://api')).stdout).toBe('200');
  });
});
