/** Octal and symbolic modes (`755`, `u+x`, `go-w`, `a=r,u+w`, `+X`) as chmod and mkdir -m take. */

/** Applies a mode spec to `base`; undefined when the spec is invalid. `umask` applies to "+x" without who. */
export function applyMode(spec: string, base: number, isDir: boolean, umask = 0o022): number | undefined {
  if (/^[0-7]+$/.test(spec)) {
    if (spec.length > 4) return undefined;
    const v = parseInt(spec, 8);
    // GNU keeps a directory's setgid/setuid bits unless given 5+ digits; close enough: keep them
    return isDir && spec.length <= 3 ? (base & 0o6000) | v : v;
  }
  let mode = base;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!m) return undefined;
    const who = m[1] || '';
    const ops = m[2]!.match(/[-+=][rwxXstugo]*/g) ?? [];
    for (const op of ops) {
      const kind = op[0]!;
      const perms = op.slice(1);
      let bits = 0;
      for (const p of perms) {
        switch (p) {
          case 'r': bits |= 0o444; break;
          case 'w': bits |= 0o222; break;
          case 'x': bits |= 0o111; break;
          case 'X': if (isDir || (mode & 0o111) !== 0) bits |= 0o111; break;
          case 's': bits |= 0o6000; break;
          case 't': bits |= 0o1000; break;
          case 'u': { const u = (mode >> 6) & 7; bits |= (u << 6) | (u << 3) | u; break; }
          case 'g': { const g = (mode >> 3) & 7; bits |= (g << 6) | (g << 3) | g; break; }
          case 'o': { const o = mode & 7; bits |= (o << 6) | (o << 3) | o; break; }
        }
      }
      let mask = 0;
      if (who === '') mask = 0o7777 & ~umask;
      else {
        if (who.includes('u') || who.includes('a')) mask |= 0o4700;
        if (who.includes('g') || who.includes('a')) mask |= 0o2070;
        if (who.includes('o') || who.includes('a')) mask |= 0o1007;
      }
      if (who === '' ) mask |= 0o7000 & bits;
      const eff = bits & mask;
      if (kind === '+') mode |= eff;
      else if (kind === '-') mode &= ~eff;
      else {
        const clear = who === '' ? 0o777 | (isDir ? 0 : 0o7000) : mask & ~(isDir ? 0o6000 : 0);
        mode = (mode & ~clear) | eff;
      }
    }
  }
  return mode & 0o7777;
}
