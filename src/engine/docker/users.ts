/**
 * The user a container process runs as: moby/sys/user's GetExecUser over the container's
 * /etc/passwd and /etc/group, as dockerd (`docker run -u`, `USER`, `docker exec -u`) and BuildKit
 * (RUN after `USER`) resolve it. A name must be in passwd; a number need not be.
 */
import type { FileSystem } from '../fs/types';

export interface ExecUser {
  readonly uid: number;
  readonly gid: number;
  /** The primary group first, then the supplementary groups (where /etc/group lists the user). */
  readonly groups: number[];
}

export type UserLookup = { readonly ok: true; readonly value: ExecUser } | { readonly ok: false; readonly error: string };

/** parseNumeric: a decimal id in range, or a name. */
function numeric(s: string): number | undefined {
  return /^\d+$/.test(s) && Number(s) <= 2 ** 31 - 1 ? Number(s) : undefined;
}

function readLines(fs: FileSystem, path: string): string[][] | undefined {
  let text: string;
  try {
    text = fs.readText(path);
  } catch {
    return undefined;
  }
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split(':'));
}

/** GetExecUser(spec, nil, passwd, group): `name`, `uid`, `name:group`, `uid:gid` (`''` is uid 0). */
export function lookupUser(spec: string, fs: FileSystem): UserLookup {
  // parseLine: the spec splits at the first ':' (more ':' are ignored).
  const parts = spec.split(':');
  const userArg = parts[0] ?? '';
  const groupArg = parts[1] ?? '';
  const uidArg = numeric(userArg);
  const gidArg = numeric(groupArg);
  const passwd = readLines(fs, '/etc/passwd');
  const group = readLines(fs, '/etc/group');
  let uid = 0;
  let gid = 0;
  let matched = '';
  const entry = passwd?.find((p) => (userArg === '' ? Number(p[2]) === 0 : uidArg !== undefined ? Number(p[2]) === uidArg : p[0] === userArg));
  if (entry) {
    matched = entry[0] ?? '';
    uid = Number(entry[2]);
    gid = Number(entry[3]);
  } else if (userArg !== '') {
    if (uidArg === undefined) return { ok: false, error: `unable to find user ${userArg}: no matching entries in passwd file` };
    uid = uidArg;
  }
  const sgids: number[] = [];
  if (groupArg !== '' || matched !== '') {
    const groups = (group ?? []).filter((g) =>
      groupArg === '' ? (g[3] ?? '').split(',').includes(matched) : gidArg !== undefined ? Number(g[2]) === gidArg : g[0] === groupArg,
    );
    if (groupArg !== '') {
      if (groups[0]) gid = Number(groups[0][2]);
      else if (gidArg === undefined) return { ok: false, error: `unable to find group ${groupArg}: no matching entries in group file` };
      else gid = gidArg;
    } else for (const g of groups) sgids.push(Number(g[2]));
  }
  return { ok: true, value: { uid, gid, groups: [gid, ...sgids.filter((g) => g !== gid)] } };
}

/**
 * BuildKit's oci.GetUser for RUN: `uid:gid` numbers take a fast path; the default user ('')
 * is root even without a passwd file; otherwise as GetExecUser.
 */
export function lookupBuildUser(spec: string, fs: FileSystem): UserLookup {
  const fast = /^(\d+):(\d+)$/.exec(spec);
  if (fast) return { ok: true, value: { uid: Number(fast[1]), gid: Number(fast[2]), groups: [Number(fast[2])] } };
  if (spec === '') {
    const r = lookupUser('0', fs);
    return r.ok ? r : { ok: true, value: { uid: 0, gid: 0, groups: [0] } };
  }
  return lookupUser(spec, fs);
}
