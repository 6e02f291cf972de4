/**
 * Network clients inside images on a whole world: redis-cli against a redis container over the
 * network (no faked success), busybox wget/ping/nslookup, glibc getent, and the peer address the
 * servers log (another container's address, or the network's gateway for a published port).
 */
import { describe, expect, it } from 'vitest';
import { createNodeSession } from './host';
import { RedisStore, crc64, formatRaw, formatTty, splitArgs } from '../engine/docker/images/programs/redis';

async function world() {
  const s = createNodeSession({ seed: 5 });
  const run = async (line: string) => s.run(line);
  await run('docker pull -q nginx');
  await run('docker pull -q busybox');
  await run('docker pull -q redis');
  await run('docker network create app');
  return { s, run };
}

describe('redis-cli', () => {
  it('talks to the redis server of the container it names, and fails where nothing answers', async () => {
    const { run } = await world();
    await run('docker run -d --name cache --network app redis');
    expect((await run('docker run --rm --network app redis redis-cli -h cache ping')).stdout).toBe('PONG\n');
    expect((await run('docker run --rm --network app redis redis-cli -h cache set k v')).stdout).toBe('OK\n');
    expect((await run('docker run --rm --network app redis redis-cli -h cache get k')).stdout).toBe('v\n');
    const nohost = await run('docker run --rm --network app redis redis-cli -h nohost ping');
    expect(nohost.stderr).toBe('Could not connect to Redis at nohost:6379: Name or service not known\n');
    expect(nohost.status).toBe(1);
    const refused = await run('docker run --rm redis redis-cli ping');
    expect(refused.stderr).toBe('Could not connect to Redis at 127.0.0.1:6379: Connection refused\n');
    expect(refused.status).toBe(1);
    expect((await run('docker run --rm --network app redis redis-cli -h cache -p 6380 ping')).stderr).toBe('Could not connect to Redis at cache:6380: Connection refused\n');
    // The default bridge has no DNS for container names.
    expect((await run('docker run --rm redis redis-cli -h cache ping')).stderr).toContain('Name or service not known');
  });

  it('keeps each server its own keyspace', async () => {
    const { run } = await world();
    await run('docker run -d --name r1 --network app redis');
    await run('docker run -d --name r2 --network app redis');
    await run('docker exec r1 redis-cli set k from-a');
    expect((await run('docker exec r2 redis-cli get k')).stdout).toBe('\n');
    expect((await run('docker run --rm --network app redis redis-cli -h r1 get k')).stdout).toBe('from-a\n');
  });

  it('saves its keyspace to dump.rdb on docker stop and loads it at the next start', async () => {
    const { run } = await world();
    await run('docker run -d --name r1 -v rdata:/data redis');
    await run('docker exec r1 redis-cli set visits 41');
    await run('docker exec r1 redis-cli incr visits');
    await run('docker stop r1');
    await run('docker rm r1');
    await run('docker run -d --name r2 -v rdata:/data redis');
    expect((await run('docker exec r2 redis-cli get visits')).stdout).toBe('42\n');
    expect((await run('docker logs r2')).stdout).toMatch(/\* Done loading RDB, keys loaded: 1, keys expired: 0\.\n.*\* DB loaded from disk: 0\.000 seconds\n/);
    expect((await run('docker run --rm -v rdata:/data busybox head -c 9 /data/dump.rdb')).stdout).toBe('REDIS0012');
  });

  it("writes RDB files it reads back, with redis's CRC64", () => {
    expect(crc64(new TextEncoder().encode('123456789'))).toBe(0xe9c6d914c4b8d9can);
    let t = 1_000_000;
    const a = new RedisStore(() => t);
    const s = { dbnum: 0 };
    a.run(['SET', 'k', 'v'], s);
    a.run(['SET', 'gone', 'x', 'PX', '10'], s);
    a.run(['RPUSH', 'l', 'x', 'y'], s);
    a.run(['HSET', 'h', 'f', '1'], s);
    a.run(['SADD', 'st', 'm'], s);
    a.run(['SELECT', '3'], s);
    a.run(['SET', 'three', '3'], s);
    const bytes = a.dump(t);
    t += 20;
    const b = new RedisStore(() => t);
    expect(b.load(bytes, t)).toMatchObject({ version: '8.0.2', keys: 5, expired: 1 });
    expect(b.run(['LRANGE', 'l', '0', '-1'], { dbnum: 0 })).toEqual({ t: 'array', items: [{ t: 'bulk', s: 'x' }, { t: 'bulk', s: 'y' }] });
    expect(b.run(['GET', 'three'], { dbnum: 3 })).toEqual({ t: 'bulk', s: '3' });
    expect(b.load(bytes.slice(0, 20), t)).toBeUndefined();
  });

  it('runs commands as redis does and formats replies as redis-cli', () => {
    let t = 0;
    const st = new RedisStore(() => t);
    const s = { dbnum: 0 };
    expect(st.run(['SET', 'n', '1'], s)).toEqual({ t: 'status', s: 'OK' });
    expect(st.run(['INCR', 'n'], s)).toEqual({ t: 'int', n: 2 });
    expect(st.run(['GET'], s)).toEqual({ t: 'error', s: "ERR wrong number of arguments for 'get' command" });
    expect(st.run(['foo', 'bar'], s)).toEqual({ t: 'error', s: "ERR unknown command 'foo', with args beginning with: 'bar' " });
    st.run(['SET', 's', 'x'], s);
    expect(st.run(['INCR', 's'], s)).toEqual({ t: 'error', s: 'ERR value is not an integer or out of range' });
    expect(st.run(['LPUSH', 's', 'x'], s).t).toBe('error');
    st.run(['SET', 'e', 'v', 'EX', '10'], s);
    expect(st.run(['TTL', 'e'], s)).toEqual({ t: 'int', n: 10 });
    t = 10_000;
    expect(st.run(['GET', 'e'], s)).toEqual({ t: 'nil' });
    st.run(['RPUSH', 'l', 'a', 'b'], s);
    const list = st.run(['LRANGE', 'l', '0', '-1'], s);
    expect(formatTty(list)).toBe('1) "a"\n2) "b"\n');
    expect(formatRaw(list)).toBe('a\nb');
    expect(formatTty({ t: 'array', items: [] })).toBe('(empty array)\n');
    expect(splitArgs('set k "a b"')).toEqual(['set', 'k', 'a b']);
    expect(splitArgs('set k "a')).toBeUndefined();
  });
});

describe('busybox wget, ping, nslookup', () => {
  it('wget fetches from a container by name, saves index.html, and fails in busybox words', async () => {
    const { run } = await world();
    await run('docker run -d --name web --network app nginx');
    const page = await run('docker run --rm --network app busybox wget -qO- http://web');
    expect(page.stdout).toContain('<title>Welcome to nginx!</title>');
    const save = await run('docker run --rm --network app busybox wget http://web');
    expect(save.stderr).toBe("Connecting to web (172.18.0.2:80)\nsaving to 'index.html'\nindex.html           100% |********************************|   615  0:00:00 ETA\n'index.html' saved\n");
    const missing = await run('docker run --rm --network app busybox wget http://web/nope');
    expect(missing.stderr).toBe('Connecting to web (172.18.0.2:80)\nwget: server returned error: HTTP/1.1 404 Not Found\n');
    expect(missing.status).toBe(1);
    expect((await run('docker run --rm --network app busybox wget -q http://web:81/')).stderr).toBe("wget: can't connect to remote host (172.18.0.2): Connection refused\n");
    const bad = await run('docker run --rm busybox wget http://web/');
    expect(bad.stderr).toBe("wget: bad address 'web'\n");
    expect(bad.status).toBe(1);
    // The server logs the client container's address on the shared network.
    expect((await run('docker logs web')).stdout).toContain('172.18.0.3 - - [');
  });

  it('ping counts replies and reports statistics; names fail on the default bridge', async () => {
    const { run } = await world();
    await run('docker run -d --name web --network app nginx');
    const p = await run('docker run --rm --network app busybox ping -c 2 web');
    expect(p.stdout).toMatch(/^PING web \(172\.18\.0\.2\): 56 data bytes\n64 bytes from 172\.18\.0\.2: seq=0 ttl=64 time=0\.\d{3} ms\n64 bytes from 172\.18\.0\.2: seq=1 ttl=64 time=0\.\d{3} ms\n\n--- web ping statistics ---\n2 packets transmitted, 2 packets received, 0% packet loss\nround-trip min\/avg\/max = 0\.\d{3}\/0\.\d{3}\/0\.\d{3} ms\n$/);
    expect(p.status).toBe(0);
    const bad = await run('docker run --rm busybox ping -c 1 web');
    expect(bad.stderr).toBe("ping: bad address 'web'\n");
    expect(bad.status).toBe(1);
    // Another network's address: the packets are dropped, nothing comes back.
    const lost = await run('docker run --rm busybox ping -c 1 -W 1 172.18.0.2');
    expect(lost.stdout).toBe('PING 172.18.0.2 (172.18.0.2): 56 data bytes\n\n--- 172.18.0.2 ping statistics ---\n1 packets transmitted, 0 packets received, 100% packet loss\n');
    expect(lost.status).toBe(1);
    const none = await run('docker run --rm --network none busybox ping -c 1 172.17.0.2');
    expect(none.stderr).toBe('ping: sendto: Network is unreachable\n');
  });

  it('nslookup asks the embedded DNS on a user network, the host resolver elsewhere', async () => {
    const { run } = await world();
    await run('docker run -d --name web --network app nginx');
    const ok = await run('docker run --rm --network app busybox nslookup web');
    expect(ok.stdout).toBe('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\tweb\nAddress: 172.18.0.2\n\nNon-authoritative answer:\n\n');
    const nx = await run('docker run --rm --network app busybox nslookup nohost');
    expect(nx.stdout).toContain("** server can't find nohost: NXDOMAIN\n");
    expect(nx.status).toBe(1);
    const bridge = await run('docker run --rm busybox nslookup web');
    expect(bridge.stdout).toBe("Server:\t\t10.0.2.3\nAddress:\t10.0.2.3:53\n\n** server can't find web: NXDOMAIN\n\n** server can't find web: NXDOMAIN\n\n");
  });
});

describe('getent and the host resolver', () => {
  it('getent hosts looks in /etc/hosts (IPv6 first), then the DNS', async () => {
    const { run } = await world();
    await run('docker pull -q ubuntu');
    await run('docker run -d --name web --network app nginx');
    await run('docker run -d --name u1 --network app ubuntu sleep 1000');
    await run('docker run -d --name u2 ubuntu sleep 1000');
    expect((await run('docker exec u1 getent hosts web')).stdout).toBe('172.18.0.2      web\n');
    expect((await run('docker exec u2 getent hosts localhost')).stdout).toBe('::1             localhost ip6-localhost ip6-loopback\n');
    expect((await run('docker exec u2 getent hosts web')).status).toBe(2);
    expect((await run('docker exec u2 getent passwd root')).stdout).toBe('root:x:0:0:root:/root:/bin/bash\n');
    expect((await run('docker exec u2 getent nope')).stderr).toBe("Unknown database: nope\nTry `getent --help' or `getent --usage' for more information.\n");
    // nginx (Debian) has getent but no ping.
    expect((await run('docker exec web getent hosts u1')).stdout).toBe('172.18.0.3      u1\n');
    expect((await run('docker exec web ping -c 1 u1')).stderr).toContain('"ping": executable file not found in $PATH');
  });

  it("a user network's resolv.conf names the host's nameserver as its upstream", async () => {
    const { run } = await world();
    expect((await run('cat /etc/resolv.conf')).stdout).toBe('nameserver 10.0.2.3\n');
    expect((await run('docker run --rm --network app busybox cat /etc/resolv.conf')).stdout).toContain('# ExtServers: [host(10.0.2.3)]\n');
  });

  it('a published port reached from the host shows the gateway of the container network', async () => {
    const { run } = await world();
    await run('docker run -d --name pub --network app -p 8080:80 nginx');
    await run('docker run -d --name old -p 8081:80 nginx');
    await run('curl -s localhost:8080 -o /dev/null');
    await run('curl -s localhost:8081 -o /dev/null');
    expect((await run('docker logs pub')).stdout).toMatch(/^172\.18\.0\.1 - - \[/m);
    expect((await run('docker logs old')).stdout).toMatch(/^172\.17\.0\.1 - - \[/m);
  });
});
