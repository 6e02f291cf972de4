/**
 * `docker port` (docker/cli v28.3.2 cli/command/container/port.go `runPort`): the lines printed for a
 * container's NetworkSettings.Ports, naturally sorted (fvbommel/sortorder NaturalLess), or the error.
 */

/** One host binding of NetworkSettings.Ports. */
export interface HostBinding {
  readonly HostIp: string;
  readonly HostPort: string;
}

/** sortorder.NaturalLess: runs of digits compare by value (then by length), the rest byte by byte. */
export function naturalLess(a: string, b: string): boolean {
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a[i]!;
    const cb = b[j]!;
    const da = isDigit(ca);
    const db = isDigit(cb);
    if (!da || !db) {
      if (ca !== cb) return ca < cb;
      i++;
      j++;
      continue;
    }
    // Both at digit runs: skip leading zeros, compare lengths, then the digits.
    let za = i;
    while (a[za] === '0') za++;
    let zb = j;
    while (b[zb] === '0') zb++;
    let ea = za;
    while (isDigit(a[ea])) ea++;
    let eb = zb;
    while (isDigit(b[eb])) eb++;
    const na = a.slice(za, ea);
    const nb = b.slice(zb, eb);
    if (na.length !== nb.length) return na.length < nb.length;
    if (na !== nb) return na < nb;
    // Equal values: fewer leading zeros first.
    if (za - i !== zb - j) return za - i < zb - j;
    i = ea;
    j = eb;
  }
  return a.length - i < b.length - j;
}

function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * What `docker port CONTAINER [PRIVATE_PORT[/PROTO]]` prints (each line without its newline), or the
 * error text. `ports` is NetworkSettings.Ports (`"80/tcp": [{HostIp, HostPort}]`, null when exposed only).
 */
export function portLines(
  ports: Readonly<Record<string, readonly HostBinding[] | null>>,
  container: string,
  port?: string,
): { ok: true; lines: string[] } | { ok: false; error: string } {
  const out: string[] = [];
  if (port !== undefined && port !== '') {
    const slash = port.indexOf('/');
    const num = slash < 0 ? port : port.slice(0, slash);
    const proto = slash < 0 || port.slice(slash + 1) === '' ? 'tcp' : port.slice(slash + 1);
    if (!/^\d+$/.test(num) || Number(num) > 65535) {
      const why = /^\d+$/.test(num) ? 'value out of range' : 'invalid syntax';
      return { ok: false, error: `Error: invalid port (${num}): strconv.ParseUint: parsing ${JSON.stringify(num)}: ${why}` };
    }
    const frontends = ports[`${num}/${proto}`];
    if (!frontends || frontends.length === 0) return { ok: false, error: `Error: No public port '${port}' published for ${container}` };
    for (const f of frontends) out.push(joinHostPort(f.HostIp, f.HostPort));
  } else {
    for (const [from, frontends] of Object.entries(ports)) for (const f of frontends ?? []) out.push(`${from} -> ${joinHostPort(f.HostIp, f.HostPort)}`);
  }
  out.sort((x, y) => (naturalLess(x, y) ? -1 : naturalLess(y, x) ? 1 : 0));
  return { ok: true, lines: out };
}
