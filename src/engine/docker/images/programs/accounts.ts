/**
 * User accounts inside images: shadow's `useradd`, `groupadd`, `usermod` (Debian and Ubuntu,
 * package `passwd`, in /usr/sbin), Debian's `adduser`/`addgroup` (package `adduser`), and
 * BusyBox's `adduser`/`addgroup` applets (Alpine, busybox). They edit /etc/passwd, /etc/group,
 * /etc/shadow (and /etc/gshadow where the image has one) as the real tools do, so `USER`, `-u`,
 * `whoami` and `id` find the accounts they make. Defaults are Debian's login.defs and
 * /etc/default/useradd (UID_MIN 1000, SYS_UID_MAX 999, SHELL=/bin/sh, USERGROUPS_ENAB yes).
 */
import type { ProcessContext } from '../../../runtime/kernel';
import type { ProgramInfo } from '../../../runtime/programs';
import { err } from './lib';

type Row = string[];

function rows(ctx: ProcessContext, path: string): Row[] | undefined {
  try {
    return ctx.fs
      .readText(path)
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.split(':'));
  } catch {
    return undefined;
  }
}

function save(ctx: ProcessContext, path: string, table: readonly Row[], mode: number, gid = 0): void {
  const st = ctx.fs.statIfExists?.(path);
  ctx.fs.writeFile(path, table.map((r) => r.join(':')).join('\n') + '\n', { mode: st?.mode ?? mode });
  if (!st) ctx.fs.chown(path, 0, gid);
}

/** Days since the epoch (shadow's last-change field). */
const today = (ctx: ProcessContext) => Math.floor(ctx.kernel.clock.now() / 86_400_000);

/** Copies /etc/skel into a new home, owned by the user. */
function makeHome(ctx: ProcessContext, home: string, uid: number, gid: number, mode: number, skel = '/etc/skel'): void {
  const fs = ctx.fs;
  if (!fs.exists(home)) {
    const parent = home.slice(0, home.lastIndexOf('/')) || '/';
    if (!fs.exists(parent)) fs.mkdir(parent, { recursive: true });
    fs.mkdir(home);
  }
  const copy = (from: string, to: string) => {
    let entries;
    try {
      entries = fs.readdir(from);
    } catch {
      return;
    }
    for (const e of entries) {
      const src = `${from}/${e.name}`;
      const dst = `${to}/${e.name}`;
      const s = fs.lstat(src);
      if (s.type === 'dir') {
        fs.mkdir(dst, { mode: s.mode & 0o7777 });
        copy(src, dst);
      } else if (s.type === 'symlink') fs.symlink(fs.readlink(src), dst);
      else fs.writeFile(dst, fs.readFile(src), { mode: s.mode & 0o7777 });
      if (s.type !== 'symlink') fs.chown(dst, uid, gid);
    }
  };
  copy(skel, home);
  fs.chown(home, uid, gid);
  fs.chmod(home, mode);
}

/** The next free id: shadow takes one above the highest used in [min, max] (system ids: from max down). */
function freeId(used: ReadonlySet<number>, min: number, max: number, system: boolean): number | undefined {
  if (system) {
    for (let i = max; i >= min; i--) if (!used.has(i)) return i;
    return undefined;
  }
  let hi = min - 1;
  for (const u of used) if (u >= min && u <= max && u > hi) hi = u;
  if (hi < max) return hi + 1;
  for (let i = min; i <= max; i++) if (!used.has(i)) return i;
  return undefined;
}

const NAME_RE = /^[a-z_][a-z0-9_-]*[$]?$/;

interface Parsed {
  flags: Map<string, string>;
  operands: string[];
  bad?: string;
}

/** getopt_long over `spec`: short letter -> long name, with `:` for an argument. */
function parse(argv: readonly string[], shorts: Record<string, string>, longs: Record<string, string>): Parsed {
  const flags = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const key = Object.entries(longs).find(([l]) => l === name || l === `${name}:`)?.[0];
      if (!key) return { flags, operands, bad: `unrecognized option '${a}'` };
      const short = longs[key]!;
      if (key.endsWith(':')) {
        const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) return { flags, operands, bad: `option '${a}' requires an argument` };
        flags.set(short, v);
      } else flags.set(short, '');
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const spec = shorts[c];
        if (spec === undefined) return { flags, operands, bad: `invalid option -- '${c}'` };
        if (spec.endsWith(':')) {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (v === undefined) return { flags, operands, bad: `option requires an argument -- '${c}'` };
          flags.set(c, v);
          break;
        }
        flags.set(c, '');
      }
    } else operands.push(a);
  }
  return { flags, operands };
}

const USERADD_USAGE = `Usage: useradd [options] LOGIN
       useradd -D
       useradd -D [options]

Options:
      --badname                 do not check for bad names
  -b, --base-dir BASE_DIR       base directory for the home directory of the
                                new account
  -c, --comment COMMENT         GECOS field of the new account
  -d, --home-dir HOME_DIR       home directory of the new account
  -D, --defaults                print or change default useradd configuration
  -e, --expiredate EXPIRE_DATE  expiration date of the new account
  -f, --inactive INACTIVE       password inactivity period of the new account
  -g, --gid GROUP               name or ID of the primary group of the new
                                account
  -G, --groups GROUPS           list of supplementary groups of the new
                                account
  -h, --help                    display this help message and exit
  -k, --skel SKEL_DIR           use this alternative skeleton directory
  -K, --key KEY=VALUE           override /etc/login.defs defaults
  -l, --no-log-init             do not add the user to the lastlog and
                                faillog databases
  -m, --create-home             create the user's home directory
  -M, --no-create-home          do not create the user's home directory
  -N, --no-user-group           do not create a group with the same name as
                                the user
  -o, --non-unique              allow to create users with duplicate
                                (non-unique) UID
  -p, --password PASSWORD       encrypted password of the new account
  -r, --system                  create a system account
  -R, --root CHROOT_DIR         directory to chroot into
  -P, --prefix PREFIX_DIR       prefix directory where are located the /etc/* files
  -s, --shell SHELL             login shell of the new account
  -u, --uid UID                 user ID of the new account
  -U, --user-group              create a group with the same name as the user

`;

/** Ubuntu's login.defs sets HOME_MODE 0750; Debian's leaves homes at 0755 (UMASK 022). */
function homeMode(ctx: ProcessContext): number {
  try {
    const m = /^HOME_MODE\s+(\d+)/m.exec(ctx.fs.readText('/etc/login.defs'));
    if (m) return parseInt(m[1]!, 8);
  } catch {
    // no login.defs
  }
  try {
    return /^ID=ubuntu/m.test(ctx.fs.readText('/etc/os-release')) ? 0o750 : 0o755;
  } catch {
    return 0o755;
  }
}

function groupId(groups: readonly Row[], g: string): number | undefined {
  const row = /^\d+$/.test(g) ? groups.find((r) => r[2] === g) : groups.find((r) => r[0] === g);
  return row ? Number(row[2]) : undefined;
}

function addMember(row: Row, user: string): void {
  const members = (row[3] ?? '').split(',').filter(Boolean);
  if (!members.includes(user)) members.push(user);
  row[3] = members.join(',');
}

async function lockDenied(ctx: ProcessContext, tool: string): Promise<number | undefined> {
  if (ctx.user.uid === 0) return undefined;
  await err(ctx, `${tool}: Permission denied.\n${tool}: cannot lock /etc/passwd; try again later.\n`);
  return 1;
}

/** shadow's useradd. */
async function useradd(ctx: ProcessContext): Promise<number> {
  const p = parse(
    ctx.argv.slice(1),
    { c: 'c:', d: 'd:', g: 'g:', G: 'G:', h: '', k: 'k:', m: '', M: '', N: '', o: '', p: 'p:', r: '', s: 's:', u: 'u:', U: '', l: '', b: 'b:', e: 'e:', f: 'f:' },
    { 'comment:': 'c', 'home-dir:': 'd', 'gid:': 'g', 'groups:': 'G', help: 'h', 'skel:': 'k', 'create-home': 'm', 'no-create-home': 'M', 'no-user-group': 'N', 'non-unique': 'o', 'password:': 'p', system: 'r', 'shell:': 's', 'uid:': 'u', 'user-group': 'U', 'no-log-init': 'l', 'base-dir:': 'b', 'expiredate:': 'e', 'inactive:': 'f', badname: 'B' },
  );
  const f = p.flags;
  if (p.bad) {
    await err(ctx, `useradd: ${p.bad}\n${USERADD_USAGE}`);
    return 2;
  }
  if (f.has('h')) {
    await ctx.stdout.write(USERADD_USAGE);
    return 0;
  }
  if (p.operands.length !== 1) {
    await err(ctx, USERADD_USAGE);
    return 2;
  }
  const name = p.operands[0]!;
  if (!f.has('B') && (!NAME_RE.test(name) || name.length > 32)) {
    await err(ctx, `useradd: invalid user name '${name}': use --badname to ignore\n`);
    return 3;
  }
  if (f.has('U') && f.has('N')) {
    await err(ctx, `useradd: options -U and -N are mutually exclusive\n${USERADD_USAGE}`);
    return 2;
  }
  const denied = await lockDenied(ctx, 'useradd');
  if (denied !== undefined) return denied;
  const passwd = rows(ctx, '/etc/passwd') ?? [];
  const group = rows(ctx, '/etc/group') ?? [];
  const shadow = rows(ctx, '/etc/shadow');
  const gshadow = rows(ctx, '/etc/gshadow');
  if (passwd.some((r) => r[0] === name)) {
    await err(ctx, `useradd: user '${name}' already exists\n`);
    return 9;
  }
  const system = f.has('r');
  const userGroup = !f.has('g') && !f.has('N');
  if (userGroup && group.some((r) => r[0] === name)) {
    await err(ctx, `useradd: group ${name} exists - if you want to add this user to that group, use -g.\n`);
    return 9;
  }
  let gid: number | undefined;
  if (f.has('g')) {
    gid = groupId(group, f.get('g')!);
    if (gid === undefined) {
      await err(ctx, `useradd: group '${f.get('g')!}' does not exist\n`);
      return 6;
    }
  }
  const extra = f.has('G') ? f.get('G')!.split(',').filter(Boolean) : [];
  for (const g of extra) {
    if (groupId(group, g) === undefined) {
      await err(ctx, `useradd: group '${g}' does not exist\n`);
      return 6;
    }
  }
  const usedUids = new Set(passwd.map((r) => Number(r[2])));
  let uid: number;
  if (f.has('u')) {
    const v = f.get('u')!;
    if (!/^\d+$/.test(v)) {
      await err(ctx, `useradd: invalid user ID '${v}'\n`);
      return 3;
    }
    uid = Number(v);
    if (usedUids.has(uid) && !f.has('o')) {
      await err(ctx, `useradd: UID ${uid} is not unique\n`);
      return 4;
    }
  } else {
    const id = system ? freeId(usedUids, 100, 999, true) : freeId(usedUids, 1000, 60000, false);
    if (id === undefined) {
      await err(ctx, `useradd: Can't get unique ${system ? 'system ' : ''}UID (no more available UIDs)\n`);
      return 4;
    }
    uid = id;
  }
  if (gid === undefined) {
    if (userGroup) {
      const usedGids = new Set(group.map((r) => Number(r[2])));
      gid = !usedGids.has(uid) ? uid : (system ? freeId(usedGids, 100, 999, true) : freeId(usedGids, 1000, 60000, false)) ?? uid;
      group.push([name, 'x', String(gid), '']);
      gshadow?.push([name, '!', '', '']);
    } else gid = 100; // GROUP=100 (users) in /etc/default/useradd
  }
  for (const g of extra) {
    const row = group.find((r) => (/^\d+$/.test(g) ? r[2] === g : r[0] === g))!;
    addMember(row, name);
    const gs = gshadow?.find((r) => r[0] === row[0]);
    if (gs) addMember(gs, name);
  }
  const home = f.get('d') ?? `${f.get('b') ?? '/home'}/${name}`;
  const shell = f.get('s') ?? '/bin/sh';
  passwd.push([name, 'x', String(uid), String(gid), f.get('c') ?? '', home, shell]);
  shadow?.push(system ? [name, f.get('p') ?? '!', String(today(ctx)), '', '', '', '', '', ''] : [name, f.get('p') ?? '!', String(today(ctx)), '0', '99999', '7', '', '', '']);
  save(ctx, '/etc/passwd', passwd, 0o644);
  save(ctx, '/etc/group', group, 0o644);
  if (shadow) save(ctx, '/etc/shadow', shadow, 0o640, 42);
  if (gshadow) save(ctx, '/etc/gshadow', gshadow, 0o640, 42);
  if (f.has('m') && !f.has('M')) {
    if (ctx.fs.exists(home)) await err(ctx, `useradd: warning: the home directory ${home} already exists.\nuseradd: Not copying any file from skel directory into it.\n`);
    else makeHome(ctx, home, uid, gid, homeMode(ctx), f.get('k'));
  }
  return 0;
}

/** shadow's groupadd. */
async function groupadd(ctx: ProcessContext): Promise<number> {
  const p = parse(ctx.argv.slice(1), { f: '', g: 'g:', h: '', K: 'K:', o: '', p: 'p:', r: '', U: 'U:' }, { force: 'f', 'gid:': 'g', help: 'h', 'key:': 'K', 'non-unique': 'o', 'password:': 'p', system: 'r', 'users:': 'U' });
  const usage = 'Usage: groupadd [options] GROUP\n\nOptions:\n  -f, --force                   exit successfully if the group already exists,\n                                and cancel -g if the GID is already used\n  -g, --gid GID                 use GID for the new group\n  -h, --help                    display this help message and exit\n  -K, --key KEY=VALUE           override /etc/login.defs defaults\n  -o, --non-unique              allow to create groups with duplicate\n                                (non-unique) GID\n  -p, --password PASSWORD       use this encrypted password for the new group\n  -r, --system                  create a system account\n  -R, --root CHROOT_DIR         directory to chroot into\n  -P, --prefix PREFIX_DIR       directory prefix\n  -U, --users USERS             list of user members of this group\n\n';
  if (p.bad || p.operands.length !== 1) {
    await err(ctx, `${p.bad ? `groupadd: ${p.bad}\n` : ''}${usage}`);
    return 2;
  }
  const f = p.flags;
  const name = p.operands[0]!;
  if (!NAME_RE.test(name)) {
    await err(ctx, `groupadd: '${name}' is not a valid group name\n`);
    return 3;
  }
  const denied = await lockDenied(ctx, 'groupadd');
  if (denied !== undefined) return denied;
  const group = rows(ctx, '/etc/group') ?? [];
  const gshadow = rows(ctx, '/etc/gshadow');
  if (group.some((r) => r[0] === name)) {
    if (f.has('f')) return 0;
    await err(ctx, `groupadd: group '${name}' already exists\n`);
    return 9;
  }
  const used = new Set(group.map((r) => Number(r[2])));
  let gid: number | undefined;
  if (f.has('g') && !(f.has('f') && used.has(Number(f.get('g'))))) {
    gid = Number(f.get('g'));
    if (!/^\d+$/.test(f.get('g')!)) {
      await err(ctx, `groupadd: invalid group ID '${f.get('g')!}'\n`);
      return 3;
    }
    if (used.has(gid) && !f.has('o')) {
      await err(ctx, `groupadd: GID '${gid}' already exists\n`);
      return 4;
    }
  } else gid = f.has('r') ? freeId(used, 100, 999, true) : freeId(used, 1000, 60000, false);
  if (gid === undefined) {
    await err(ctx, `groupadd: Can't get unique GID (no more available GIDs)\n`);
    return 4;
  }
  group.push([name, 'x', String(gid), f.get('U') ?? '']);
  gshadow?.push([name, '!', '', f.get('U') ?? '']);
  save(ctx, '/etc/group', group, 0o644);
  if (gshadow) save(ctx, '/etc/gshadow', gshadow, 0o640, 42);
  return 0;
}

/** shadow's usermod (the common options). */
async function usermod(ctx: ProcessContext): Promise<number> {
  const p = parse(
    ctx.argv.slice(1),
    { a: '', c: 'c:', d: 'd:', g: 'g:', G: 'G:', h: '', l: 'l:', L: '', m: '', s: 's:', u: 'u:', U: '' },
    { append: 'a', 'comment:': 'c', 'home:': 'd', 'gid:': 'g', 'groups:': 'G', help: 'h', 'login:': 'l', lock: 'L', 'move-home': 'm', 'shell:': 's', 'uid:': 'u', unlock: 'U' },
  );
  const usage = 'Usage: usermod [options] LOGIN\n';
  if (p.bad || p.operands.length !== 1) {
    await err(ctx, `${p.bad ? `usermod: ${p.bad}\n` : ''}${usage}`);
    return 2;
  }
  const f = p.flags;
  const name = p.operands[0]!;
  const denied = await lockDenied(ctx, 'usermod');
  if (denied !== undefined) return denied;
  const passwd = rows(ctx, '/etc/passwd') ?? [];
  const group = rows(ctx, '/etc/group') ?? [];
  const shadow = rows(ctx, '/etc/shadow');
  const gshadow = rows(ctx, '/etc/gshadow');
  const row = passwd.find((r) => r[0] === name);
  if (!row) {
    await err(ctx, `usermod: user '${name}' does not exist\n`);
    return 6;
  }
  if (f.size === 0) {
    await err(ctx, `usermod: no options\n${usage}`);
    return 2;
  }
  if (f.has('a') && !f.has('G')) {
    await err(ctx, `usermod: -a flag is ONLY allowed with the -G flag\n${usage}`);
    return 2;
  }
  if (f.has('g')) {
    const gid = groupId(group, f.get('g')!);
    if (gid === undefined) {
      await err(ctx, `usermod: group '${f.get('g')!}' does not exist\n`);
      return 6;
    }
    row[3] = String(gid);
  }
  if (f.has('G')) {
    const wanted = f.get('G')!.split(',').filter(Boolean);
    for (const g of wanted) {
      if (groupId(group, g) === undefined) {
        await err(ctx, `usermod: group '${g}' does not exist\n`);
        return 6;
      }
    }
    for (const tbl of [group, gshadow ?? []]) {
      for (const r of tbl) {
        const gidOf = tbl === group ? r[2] : group.find((x) => x[0] === r[0])?.[2];
        const listed = wanted.some((g) => (/^\d+$/.test(g) ? gidOf === g : r[0] === g));
        const members = (r[3] ?? '').split(',').filter(Boolean);
        if (listed && !members.includes(name)) members.push(name);
        r[3] = (listed || f.has('a') ? members : members.filter((m) => m !== name)).join(',');
      }
    }
  }
  if (f.has('c')) row[4] = f.get('c')!;
  if (f.has('s')) row[6] = f.get('s')!;
  if (f.has('u')) row[2] = f.get('u')!;
  if (f.has('d')) {
    const old = row[5] ?? '';
    row[5] = f.get('d')!;
    if (f.has('m') && ctx.fs.exists(old)) ctx.fs.rename(old, row[5]);
  }
  const sh = shadow?.find((r) => r[0] === name);
  if (sh && f.has('L') && !sh[1]!.startsWith('!')) sh[1] = `!${sh[1]!}`;
  if (sh && f.has('U') && sh[1]!.startsWith('!') && sh[1]!.length > 1) sh[1] = sh[1]!.slice(1);
  if (f.has('l')) {
    const to = f.get('l')!;
    row[0] = to;
    if (sh) sh[0] = to;
    for (const r of [...group, ...(gshadow ?? [])]) r[3] = (r[3] ?? '').split(',').map((m) => (m === name ? to : m)).join(',');
  }
  save(ctx, '/etc/passwd', passwd, 0o644);
  save(ctx, '/etc/group', group, 0o644);
  if (shadow) save(ctx, '/etc/shadow', shadow, 0o640, 42);
  if (gshadow) save(ctx, '/etc/gshadow', gshadow, 0o640, 42);
  return 0;
}

/**
 * Debian's adduser / addgroup (adduser 3.134): the friendly front-end. Without
 * --disabled-password it would ask for a password on the terminal; with no terminal the password
 * is left locked, as with --disabled-password.
 */
async function debianAdduser(ctx: ProcessContext): Promise<number> {
  const asGroup = (ctx.argv[0] ?? '').endsWith('addgroup') || ctx.argv.includes('--group');
  const args = ctx.argv.slice(1).filter((a) => a !== '--group');
  const opts = new Map<string, string>();
  const names: string[] = [];
  const withArg = new Set(['--gecos', '--comment', '--home', '--shell', '--uid', '--gid', '--ingroup', '--firstuid', '--lastuid', '--add-extra-groups', '--conf']);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const k = eq < 0 ? a : a.slice(0, eq);
      if (withArg.has(k)) opts.set(k, eq < 0 ? (args[++i] ?? '') : a.slice(eq + 1));
      else opts.set(k, '');
    } else names.push(a);
  }
  if (ctx.user.uid !== 0) {
    await err(ctx, `fatal: Only root may add a user or group to the system.\n`);
    return 1;
  }
  const say = (s: string) => (opts.has('--quiet') ? Promise.resolve() : ctx.stdout.write(`${s}\n`));
  const run = async (argv: string[]) => {
    const info = argv[0] === 'useradd' ? useradd : argv[0] === 'groupadd' ? groupadd : usermod;
    return info({ ...ctx, argv });
  };
  const group = rows(ctx, '/etc/group') ?? [];
  const passwd = rows(ctx, '/etc/passwd') ?? [];
  const system = opts.has('--system');
  if (asGroup) {
    const name = names[0];
    if (!name) {
      await err(ctx, 'fatal: Only one or two names allowed.\n');
      return 1;
    }
    if (group.some((r) => r[0] === name)) {
      await err(ctx, `fatal: The group \`${name}' already exists.\n`);
      return 1;
    }
    const used = new Set(group.map((r) => Number(r[2])));
    const gid = opts.has('--gid') ? Number(opts.get('--gid')) : system ? freeId(used, 100, 999, false)! : freeId(used, 1000, 59999, false)!;
    await say(`Adding group \`${name}' (GID ${gid}) ...`);
    return run(['groupadd', '-g', String(gid), name]);
  }
  if (names.length === 2) {
    const [user, grp] = names as [string, string];
    if (!passwd.some((r) => r[0] === user)) {
      await err(ctx, `fatal: The user \`${user}' does not exist.\n`);
      return 1;
    }
    if (!group.some((r) => r[0] === grp)) {
      await err(ctx, `fatal: The group \`${grp}' does not exist.\n`);
      return 1;
    }
    await say(`Adding user \`${user}' to group \`${grp}' ...`);
    return run(['usermod', '-a', '-G', grp, user]);
  }
  const name = names[0];
  if (!name || names.length > 2) {
    await err(ctx, 'fatal: Only one or two names allowed.\n');
    return 1;
  }
  if (passwd.some((r) => r[0] === name)) {
    await err(ctx, `fatal: The user \`${name}' already exists.\n`);
    return 1;
  }
  const usedU = new Set(passwd.map((r) => Number(r[2])));
  const usedG = new Set(group.map((r) => Number(r[2])));
  const uid = opts.has('--uid') ? Number(opts.get('--uid')) : system ? freeId(usedU, 100, 999, false)! : freeId(usedU, 1000, 59999, false)!;
  let gid: number;
  let gname: string;
  if (opts.has('--ingroup') || opts.has('--gid')) {
    const g = opts.get('--ingroup') ?? opts.get('--gid')!;
    const found = groupId(group, g);
    if (found === undefined) {
      await err(ctx, `fatal: The group \`${g}' does not exist.\n`);
      return 1;
    }
    gid = found;
    gname = group.find((r) => Number(r[2]) === gid)![0]!;
  } else if (system && !opts.has('--group')) {
    gid = 65534;
    gname = 'nogroup';
  } else {
    gid = usedG.has(uid) ? freeId(usedG, 1000, 59999, false)! : uid;
    gname = name;
    await say(`Adding user \`${name}' ...`);
    await say(`Adding new group \`${name}' (${gid}) ...`);
    const s = await run(['groupadd', '-g', String(gid), name]);
    if (s !== 0) return s;
  }
  if (gname !== name) await say(`Adding user \`${name}' ...`);
  await say(`Adding new user \`${name}' (${uid}) with group \`${gname} (${gid})' ...`);
  const home = opts.get('--home') ?? (system ? '/nonexistent' : `/home/${name}`);
  const shell = opts.get('--shell') ?? (system ? '/usr/sbin/nologin' : '/bin/bash');
  const s = await run(['useradd', '-d', home, '-g', String(gid), '-s', shell, '-u', String(uid), '-c', opts.get('--gecos') ?? opts.get('--comment') ?? '', ...(system ? ['-r'] : []), name]);
  if (s !== 0) return s;
  if (!opts.has('--no-create-home') && home !== '/nonexistent') {
    if (ctx.fs.exists(home)) await say(`The home directory \`${home}' already exists.  Not touching this directory.`);
    else {
      await say(`Creating home directory \`${home}' ...`);
      await say(`Copying files from \`/etc/skel' ...`);
      makeHome(ctx, home, uid, gid, 0o700);
    }
  }
  if (!system && !opts.has('--disabled-password') && !opts.has('--disabled-login')) {
    await ctx.stdout.write('New password: Retype new password: No password has been supplied.\n');
  }
  return 0;
}

/** BusyBox's adduser applet (loginutils/adduser.c). */
async function bbAdduser(ctx: ProcessContext): Promise<number> {
  if (ctx.user.uid !== 0) {
    await err(ctx, 'adduser: permission denied (are you root?)\n');
    return 1;
  }
  const p = parse(ctx.argv.slice(1), { h: 'h:', g: 'g:', s: 's:', G: 'G:', D: '', S: '', H: '', u: 'u:', k: 'k:' }, { 'home:': 'h', 'gecos:': 'g', 'shell:': 's', 'ingroup:': 'G', 'disabled-password': 'D', 'empty-password': 'D', system: 'S', 'no-create-home': 'H', 'uid:': 'u', 'skel:': 'k' });
  if (p.bad || p.operands.length < 1 || p.operands.length > 2) {
    await err(ctx, `${p.bad ? `adduser: ${p.bad}\n` : ''}BusyBox v1.37.0 multi-call binary.\n\nUsage: adduser [OPTIONS] USER [GROUP]\n\nCreate new user, or add USER to GROUP\n\n\t-h DIR\t\tHome directory\n\t-g GECOS\tGECOS field\n\t-s SHELL\tLogin shell\n\t-G GRP\t\tGroup\n\t-S\t\tCreate a system user\n\t-D\t\tDon't assign a password\n\t-H\t\tDon't create home directory\n\t-u UID\t\tUser id\n\t-k SKEL\t\tSkeleton directory (/etc/skel)\n`);
    return 1;
  }
  const f = p.flags;
  const name = p.operands[0]!;
  const passwd = rows(ctx, '/etc/passwd') ?? [];
  const group = rows(ctx, '/etc/group') ?? [];
  const shadow = rows(ctx, '/etc/shadow');
  if (f.size === 0 && p.operands.length === 2) return bbAddgroup({ ...ctx, argv: ['addgroup', name, p.operands[1]!] });
  if (!/^[A-Za-z0-9_.][A-Za-z0-9_.-]*[$]?$/.test(name) || name.startsWith('-')) {
    await err(ctx, `adduser: illegal character 0x${name.charCodeAt([...name].findIndex((c) => !/[A-Za-z0-9_.$-]/.test(c)) >>> 0).toString(16)}\n`);
    return 1;
  }
  const system = f.has('S');
  let usegroup = f.get('G');
  if (system && usegroup === undefined) usegroup = 'nogroup';
  const rootShell = passwd.find((r) => r[2] === '0')?.[6] ?? '/bin/sh';
  const shell = f.get('s') ?? (system ? '/bin/false' : rootShell);
  let gid = -1;
  if (usegroup !== undefined) {
    const g = groupId(group, usegroup);
    if (g === undefined) {
      await err(ctx, `adduser: unknown group ${usegroup}\n`);
      return 1;
    }
    gid = g;
  }
  if (passwd.some((r) => r[0] === name)) {
    await err(ctx, `adduser: user '${name}' in use\n`);
    return 1;
  }
  const usedU = new Set(passwd.map((r) => Number(r[2])));
  const usedG = new Set(group.map((r) => Number(r[2])));
  let uid = f.has('u') ? Number(f.get('u')) : system ? 100 : 1000;
  const max = system ? 999 : 60000;
  while (usedU.has(uid) || (gid === -1 && usedG.has(uid))) {
    if (f.has('u')) {
      await err(ctx, `adduser: uid '${uid}' in use\n`);
      return 1;
    }
    if (uid === max) {
      await err(ctx, 'adduser: no uids left\n');
      return 1;
    }
    uid++;
  }
  if (gid === -1) {
    gid = uid;
    if (group.some((r) => r[0] === name)) {
      await err(ctx, `adduser: group '${name}' in use\n`);
      return 1;
    }
  }
  const home = f.get('h') ?? `/home/${name}`;
  passwd.push([name, 'x', String(uid), String(gid), f.get('g') ?? 'Linux User,,,', home, shell]);
  save(ctx, '/etc/passwd', passwd, 0o644);
  if (shadow) {
    shadow.push([name, '!', String(today(ctx)), '0', '99999', '7', '', '', '']);
    save(ctx, '/etc/shadow', shadow, 0o640, 42);
  }
  if (usegroup !== undefined) await bbAddgroup({ ...ctx, argv: ['addgroup', '--', name, usegroup] });
  else await bbAddgroup({ ...ctx, argv: ['addgroup', '--gid', String(gid), '--', name] });
  if (!f.has('H')) {
    if (!ctx.fs.exists(home)) makeHome(ctx, home, uid, gid, 0o2755, f.get('k'));
    else {
      ctx.fs.chown(home, uid, gid);
      ctx.fs.chmod(home, 0o2755);
    }
  }
  if (!f.has('D')) {
    // passwd NAME: asks on the terminal; with nothing to read the password stays unset.
    await ctx.stdout.write(`Changing password for ${name}\nNew password: \n`);
    await err(ctx, 'passwd: password for ' + name + ' is unchanged\n');
  }
  return 0;
}

/** BusyBox's addgroup applet (loginutils/addgroup.c). */
async function bbAddgroup(ctx: ProcessContext): Promise<number> {
  if (ctx.user.uid !== 0) {
    await err(ctx, 'addgroup: permission denied (are you root?)\n');
    return 1;
  }
  const p = parse(ctx.argv.slice(1), { g: 'g:', S: '' }, { 'gid:': 'g', system: 'S' });
  if (p.bad || p.operands.length < 1 || p.operands.length > 2) {
    await err(ctx, `${p.bad ? `addgroup: ${p.bad}\n` : ''}BusyBox v1.37.0 multi-call binary.\n\nUsage: addgroup [-g GID] [-S] [USER] GROUP\n\nAdd a group or add a user to a group\n\n\t-g GID\tGroup id\n\t-S\tCreate a system group\n`);
    return 1;
  }
  const group = rows(ctx, '/etc/group') ?? [];
  const gshadow = rows(ctx, '/etc/gshadow');
  if (p.operands.length === 2) {
    const [user, grp] = p.operands as [string, string];
    const passwd = rows(ctx, '/etc/passwd') ?? [];
    if (!passwd.some((r) => r[0] === user)) {
      await err(ctx, `addgroup: unknown user ${user}\n`);
      return 1;
    }
    const row = group.find((r) => r[0] === grp);
    if (!row) {
      await err(ctx, `addgroup: unknown group ${grp}\n`);
      return 1;
    }
    if ((row[3] ?? '').split(',').includes(user)) {
      await err(ctx, `addgroup: user '${user}' in group '${grp}'\n`);
      return 1;
    }
    addMember(row, user);
    save(ctx, '/etc/group', group, 0o644);
    return 0;
  }
  const name = p.operands[0]!;
  if (group.some((r) => r[0] === name)) {
    await err(ctx, `addgroup: group '${name}' in use\n`);
    return 1;
  }
  const used = new Set(group.map((r) => Number(r[2])));
  let gid: number;
  if (p.flags.has('g')) {
    gid = Number(p.flags.get('g'));
    if (used.has(gid)) {
      await err(ctx, `addgroup: gid '${gid}' in use\n`);
      return 1;
    }
  } else {
    gid = p.flags.has('S') ? 100 : 1000;
    const max = p.flags.has('S') ? 999 : 60000;
    while (used.has(gid)) {
      if (gid === max) {
        await err(ctx, 'addgroup: no gids left\n');
        return 1;
      }
      gid++;
    }
  }
  group.push([name, 'x', String(gid), '']);
  save(ctx, '/etc/group', group, 0o644);
  if (gshadow) {
    gshadow.push([name, '!', '', '']);
    save(ctx, '/etc/gshadow', gshadow, 0o640, 42);
  }
  return 0;
}

export const accountPrograms: readonly ProgramInfo[] = [
  { name: 'useradd@debian', program: useradd },
  { name: 'groupadd@debian', program: groupadd },
  { name: 'usermod@debian', program: usermod },
  { name: 'adduser@debian', program: debianAdduser },
  { name: 'adduser@busybox', program: bbAdduser },
  { name: 'addgroup@busybox', program: bbAddgroup },
];
