import { describe, expect, it } from 'vitest';
import { Network, type HttpRequest, type HttpResponse } from '../../../engine/net/net';
import { makeWorld, run, type World } from '../testing/harness';
import { parseUrl } from './client';
import { curlInfo } from './curl';
import { max5, METER_HEADER, METER_START, meterLine } from './progress';
import { NETWORK_SOCKET } from './socket';

const PAGE = '<h1>hi</h1>\n';

/** A world whose network has a server on the host's port 8080 and a "container" published on 9090. */
function world(files: Record<string, string> = {}): { w: World; net: Network; seen: HttpRequest[] } {
  const w = makeWorld({ '/etc/hosts': '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n172.17.0.2\tweb\n', ...files }, [curlInfo]);
  const net = new Network(['10.0.2.15']);
  const seen: HttpRequest[] = [];
  const handler = (req: HttpRequest): HttpResponse | Promise<HttpResponse> => {
    seen.push(req);
    const path = req.target.split('?')[0];
    if (path === '/') return { status: 200, headers: [['Server', 'test/1'], ['Content-Type', 'text/html'], ['Content-Length', String(PAGE.length)]], body: PAGE };
    if (path === '/old') return { status: 301, headers: [['Location', '/'], ['Content-Length', '0']], body: '' };
    if (path === '/slow') return new Promise<HttpResponse>(() => undefined);
    return { status: 404, headers: [['Content-Type', 'text/plain'], ['Content-Length', '10']], body: 'not found\n' };
  };
  net.host.listen(8080, handler);
  const box = net.createNamespace('c1', ['172.17.0.2']);
  box.listen(80, handler);
  net.forward({ hostPort: 9090, hostAddress: '0.0.0.0', target: box, targetPort: 80 });
  w.kernel.sockets.set(NETWORK_SOCKET, { connect: () => Promise.resolve(net) });
  return { w, net, seen };
}

describe('curl', () => {
  it('fetches a page from a listener on the host', async () => {
    const { w, seen } = world();
    const r = await run(w, 'curl localhost:8080', { tty: 80 });
    expect(r).toMatchObject({ out: PAGE, err: '', status: 0 });
    expect(seen[0]!.headers).toEqual([['Host', 'localhost:8080'], ['User-Agent', 'curl/7.88.1'], ['Accept', '*/*']]);
    expect(seen[0]!.remote.address).toBe('127.0.0.1');
  });

  it('reaches a published port and a container address, seen from the bridge gateway', async () => {
    const { w, seen } = world();
    expect((await run(w, 'curl -s http://127.0.0.1:9090/', { tty: 80 })).out).toBe(PAGE);
    expect(seen[0]!.remote.address).toBe('172.17.0.1');
    expect(seen[0]!.local).toEqual({ address: '172.17.0.2', port: 80 });
    expect((await run(w, 'curl -s web', { tty: 80 })).out).toBe(PAGE);
    expect(seen[1]!.headers[0]).toEqual(['Host', 'web']);
  });

  it('reports a refused connection as curl 7.88 does, exit 7', async () => {
    const { w } = world();
    const r = await run(w, 'curl localhost:9999', { tty: 80 });
    expect(r.err).toBe("curl: (7) Failed to connect to localhost port 9999 after 0 ms: Couldn't connect to server\n");
    expect(r.status).toBe(7);
    expect((await run(w, 'curl -s localhost:9999', { tty: 80 })).err).toBe('');
    expect((await run(w, 'curl -sS localhost:9999', { tty: 80 })).err).toMatch(/^curl: \(7\) /);
  });

  it('uses the words of the curl the file system ships (Alpine: 8.14.1)', async () => {
    const { w } = world({ '/etc/alpine-release': '3.22.0\n' });
    const r = await run(w, 'curl localhost:9999', { tty: 80 });
    expect(r.err).toBe('curl: (7) Failed to connect to localhost port 9999 after 0 ms: Could not connect to server\n');
  });

  it('cannot resolve unknown names: exit 6', async () => {
    const { w } = world();
    const r = await run(w, 'curl -sS http://nowhere.example/', { tty: 80 });
    expect(r).toMatchObject({ err: 'curl: (6) Could not resolve host: nowhere.example\n', status: 6 });
  });

  it('draws the progress meter on stderr when the body does not go to a terminal', async () => {
    const { w } = world();
    const ok = await run(w, 'curl localhost:8080');
    expect(ok.out).toBe(PAGE);
    expect(ok.err).toBe(METER_HEADER + METER_START + '\r100    12  100    12    0     0   6000      0 --:--:-- --:--:-- --:--:--  6000\n');
    const refused = await run(w, 'curl localhost:9999');
    expect(refused.err).toBe(METER_HEADER + METER_START + METER_START + "\ncurl: (7) Failed to connect to localhost port 9999 after 0 ms: Couldn't connect to server\n");
    const unresolved = await run(w, 'curl nowhere');
    expect(unresolved.err).toBe(METER_HEADER + METER_START + 'curl: (6) Could not resolve host: nowhere\n');
  });

  it('-f fails on HTTP errors without the body: exit 22', async () => {
    const { w } = world();
    const r = await run(w, 'curl -f localhost:8080/nope', { tty: 80 });
    expect(r).toMatchObject({ out: '', err: 'curl: (22) The requested URL returned error: 404\n', status: 22 });
    const plain = await run(w, 'curl localhost:8080/nope', { tty: 80 });
    expect(plain).toMatchObject({ out: 'not found\n', status: 0 });
  });

  it('-I sends HEAD and prints the headers, names in bold on a terminal', async () => {
    const { w, seen } = world();
    const tty = await run(w, 'curl -I localhost:8080', { tty: 80 });
    expect(seen[0]!.method).toBe('HEAD');
    expect(tty.out).toBe('HTTP/1.1 200 OK\r\n\x1b[1mServer\x1b[0m: test/1\r\n\x1b[1mContent-Type\x1b[0m: text/html\r\n\x1b[1mContent-Length\x1b[0m: 12\r\n\r\n');
    const piped = await run(w, 'curl -si localhost:8080');
    expect(piped.out).toBe(`HTTP/1.1 200 OK\r\nServer: test/1\r\nContent-Type: text/html\r\nContent-Length: 12\r\n\r\n${PAGE}`);
  });

  it('-v prints the connection, request and response lines', async () => {
    const { w } = world();
    const r = await run(w, 'curl -v localhost:8080', { tty: 80 });
    expect(r.err).toBe(
      '*   Trying 127.0.0.1:8080...\n* Connected to localhost (127.0.0.1) port 8080 (#0)\n' +
        '> GET / HTTP/1.1\r\n> Host: localhost:8080\r\n> User-Agent: curl/7.88.1\r\n> Accept: */*\r\n> \r\n' +
        '< HTTP/1.1 200 OK\r\n< Server: test/1\r\n< Content-Type: text/html\r\n< Content-Length: 12\r\n< \r\n' +
        '* Connection #0 to host localhost left intact\n',
    );
  });

  it('-d posts form data with its Content-Type; -H adds, replaces and removes headers', async () => {
    const { w, seen } = world();
    await run(w, ['curl', '-s', '-d', 'a=1', '-d', 'b=2', '-H', 'Accept: text/html', '-H', 'User-Agent:', '-H', 'X-Test: yes', 'localhost:8080/'], { tty: 80 });
    const req = seen[0]!;
    expect(req.method).toBe('POST');
    expect(new TextDecoder().decode(req.body)).toBe('a=1&b=2');
    expect(req.headers).toEqual([['Host', 'localhost:8080'], ['Accept', 'text/html'], ['X-Test', 'yes'], ['Content-Length', '7'], ['Content-Type', 'application/x-www-form-urlencoded']]);
    await run(w, ['curl', '-s', '-X', 'DELETE', 'localhost:8080/'], { tty: 80 });
    expect(seen[1]!.method).toBe('DELETE');
  });

  it('-L follows redirects; without it the 3xx answer is the output', async () => {
    const { w } = world();
    expect((await run(w, 'curl -sL localhost:8080/old', { tty: 80 })).out).toBe(PAGE);
    const r = await run(w, ['curl', '-s', '-o', '/tmp/out', '-w', '%{http_code} %{redirect_url}\\n', 'localhost:8080/old']);
    expect(r.out).toBe('301 http://localhost:8080/\n');
    const n = await run(w, ['curl', '-sL', '-o', '/tmp/out', '-w', '%{http_code} %{num_redirects} %{url_effective}', 'localhost:8080/old']);
    expect(n.out).toBe('200 1 http://localhost:8080/');
  });

  it('-w expands variables, 000 when nothing answered, and names unknown ones', async () => {
    const { w } = world();
    const r = await run(w, ['curl', '-s', '-o', '/tmp/out', '-w', '%{http_code} %{size_download} %{content_type} %{remote_ip}:%{remote_port} %{foo}\\n', 'localhost:8080']);
    expect(r.out).toBe('200 12 text/html 127.0.0.1:8080 \n');
    expect(r.err).toBe("curl: unknown --write-out variable: 'foo'\n");
    const refused = await run(w, ['curl', '-s', '-w', '%{http_code}\\n', 'localhost:1']);
    expect(refused).toMatchObject({ out: '000\n', status: 7 });
  });

  it('-o and -O write files; -O needs a file name in the URL', async () => {
    const { w } = world();
    expect((await run(w, 'curl -s -o page.html localhost:8080/')).status).toBe(0);
    expect(w.fs.readText('/home/learner/page.html')).toBe(PAGE);
    await run(w, 'curl -sO localhost:8080/index.html');
    expect(w.fs.readText('/home/learner/index.html')).toBe('not found\n');
    const none = await run(w, 'curl -O localhost:8080/');
    expect(none).toMatchObject({ err: 'curl: Remote file name has no length!\ncurl: (23) Failed writing received data to disk/application\n', status: 23 });
  });

  it('--max-time ends a transfer the server does not answer: exit 28', async () => {
    const { w } = world();
    const r = await run(w, 'curl -m 2 localhost:8080/slow', { tty: 80 });
    expect(r).toMatchObject({ err: 'curl: (28) Operation timed out after 2000 milliseconds with 0 bytes received\n', status: 28 });
  });

  it("answers bad usage in curl's words, exit 2", async () => {
    const { w } = world();
    const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";
    expect(await run(w, 'curl --frobnicate x')).toMatchObject({ err: `curl: option --frobnicate: is unknown\n${TRY}`, status: 2 });
    expect(await run(w, 'curl')).toMatchObject({ err: TRY, status: 2 });
    expect(await run(w, 'curl -H')).toMatchObject({ err: `curl: option -H: requires parameter\n${TRY}`, status: 2 });
    expect(await run(w, 'curl -m abc x')).toMatchObject({ err: `curl: option -m: expected a proper numerical parameter\n${TRY}`, status: 2 });
    expect(await run(w, 'curl foo://x')).toMatchObject({ err: 'curl: (1) Protocol "foo" not supported or disabled in libcurl\n', status: 1 });
    expect(await run(w, 'curl -s -S http://')).toMatchObject({ err: 'curl: (3) URL using bad/illegal format or missing URL\n', status: 3 });
  });

  it('says plainly that https is not simulated', async () => {
    const { w } = world();
    const r = await run(w, 'curl https://localhost:8080/', { tty: 80 });
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/^dockyard: .*https.*not simulated/);
  });

  it('fails an https host of the internet as curl without a network does (it does not resolve)', async () => {
    const { w } = world();
    const r = await run(w, 'curl -fsSL https://get.docker.com -o get-docker.sh', { tty: 80 });
    expect(r).toMatchObject({ out: '', err: 'curl: (6) Could not resolve host: get.docker.com\n', status: 6 });
    expect(w.fs.exists('/home/learner/get-docker.sh')).toBe(false);
    const lo = await run(w, 'curl -LO https://storage.googleapis.com/minikube/releases/latest/minikube-linux-amd64', { tty: 80 });
    expect(lo).toMatchObject({ err: METER_HEADER + METER_START + 'curl: (6) Could not resolve host: storage.googleapis.com\n', status: 6 });
  });

  it('sees nothing listening before any engine made the network', async () => {
    const w = makeWorld({}, [curlInfo]);
    const r = await run(w, 'curl localhost', { tty: 80 });
    expect(r.status).toBe(7);
  });
});

describe('curl helpers', () => {
  it('parses URLs as curl does', () => {
    expect(parseUrl('localhost:8080')).toEqual({ ok: true, url: { scheme: 'http', host: 'localhost', port: 8080, explicitPort: true, target: '/' } });
    expect(parseUrl('http://172.17.0.2/a?b=1#frag')).toMatchObject({ ok: true, url: { host: '172.17.0.2', port: 80, target: '/a?b=1' } });
    expect(parseUrl('http://x:99999/')).toEqual({ ok: false, error: 'malformed' });
  });

  it("formats the meter's columns as lib/progress.c (lines taken from curl 7.88.1)", () => {
    expect(max5(6)).toBe('    6');
    expect(max5(216_064)).toBe(' 211k');
    expect(max5(2_000_000)).toBe('1953k');
    expect(meterLine({ dl: 0, dlSize: 335, ul: 0, us: 0 })).toBe('\r  0   335    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0');
    expect(meterLine({ dl: 6, dlSize: 6, ul: 0, us: 1888 })).toBe('\r100     6  100     6    0     0   3177      0 --:--:-- --:--:-- --:--:--  3177');
    expect(meterLine({ dl: 357, dlSize: 357, ul: 7, ulSize: 7, us: 1645 })).toBe('\r100   364  100   357  100     7   211k   4255 --:--:-- --:--:-- --:--:--  216k');
  });
});
