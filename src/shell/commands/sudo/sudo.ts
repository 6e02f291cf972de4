/**
 * sudo [-u USER] [-E] [-i | -s] [COMMAND...]: runs as root (or USER) with that user's view of the
 * file system. The learner is in the sudo group and is never asked for a password. `sudo -i` and
 * `sudo -s` start the user's shell (a login shell for -i). su is not simulated beyond
 * `su` / `su -` meaning the same as `sudo -s` / `sudo -i` for root.
 */
import type { Credentials, ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { parse, type ArgSpec } from '../args';
import { trySpawn, waitChild } from '../lib/spawn';
import { UserDb } from '../lib/users';

const SPEC: ArgSpec = {
  name: 'sudo',
  stopAtOperand: true,
  tryHelp: 'usage: sudo -h | -K | -k | -V\nusage: sudo -v [-ABknS] [-g group] [-h host] [-p prompt] [-u user]\nusage: sudo -l [-ABknS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command [arg ...]]\nusage: sudo [-ABbEHknPS] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i | -s] [command [arg ...]]\nusage: sudo -e [-ABknS] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...\n',
  options: [
    { key: 'u', short: 'u', long: 'user', arg: 'required' },
    { key: 'g', short: 'g', long: 'group', arg: 'required' },
    { key: 'E', short: 'E', long: 'preserve-env', arg: 'optional' },
    { key: 'H', short: 'H', long: 'set-home' },
    { key: 'i', short: 'i', long: 'login' },
    { key: 's', short: 's', long: 'shell' },
    { key: 'k', short: 'k', long: 'reset-timestamp' },
    { key: 'K', short: 'K', long: 'remove-timestamp' },
    { key: 'n', short: 'n', long: 'non-interactive' },
    { key: 'S', short: 'S', long: 'stdin' },
    { key: 'v', short: 'v', long: 'validate' },
    { key: 'l', short: 'l', long: 'list' },
    { key: 'V', short: 'V', long: 'version' },
    { key: 'D', short: 'D', long: 'chdir', arg: 'required' },
  ],
};

const SECURE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

async function sudo(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  if (a.has('V')) {
    await ctx.stdout.write('Sudo version 1.9.13p3\nSudoers policy plugin version 1.9.13p3\nSudoers file grammar version 50\nSudoers I/O plugin version 1.9.13p3\nSudoers audit plugin version 1.9.13p3\n');
    return 0;
  }
  if (a.has('k') || a.has('K') || a.has('v')) return 0;
  const db = new UserDb(ctx.fs);
  const userName = a.get('u') ?? 'root';
  const target = /^#\d+$/.test(userName) ? db.user(Number(userName.slice(1))) : db.userByName(userName);
  if (!target) {
    await ctx.stderr.write(`sudo: unknown user ${userName}\nsudo: error initializing audit plugin sudoers_audit\n`);
    return 1;
  }
  if (a.has('l')) {
    const me = db.userName(ctx.user.uid) ?? String(ctx.user.uid);
    await ctx.stdout.write(`Matching Defaults entries for ${me} on ${hostOf(ctx)}:\n    env_reset, mail_badpass, secure_path=${SECURE_PATH}, use_pty\n\nUser ${me} may run the following commands on ${hostOf(ctx)}:\n    (ALL : ALL) ALL\n`);
    return 0;
  }
  const groups = [target.gid, ...db.groupsOf(target.name).map((g) => g.gid).filter((g) => g !== target.gid)];
  const cred: Credentials = { uid: target.uid, gid: target.gid, groups };
  const env = a.has('E') ? new Map(ctx.env) : new Map<string, string>();
  for (const k of ['TERM', 'LANG', 'LS_COLORS', 'COLORS', 'DISPLAY', 'COLUMNS', 'LINES']) {
    const v = ctx.env.get(k);
    if (v !== undefined) env.set(k, v);
  }
  env.set('PATH', SECURE_PATH);
  env.set('HOME', a.has('E') && !a.has('H') && !a.has('i') ? (ctx.env.get('HOME') ?? target.home) : target.home);
  env.set('USER', target.name);
  env.set('LOGNAME', target.name);
  env.set('SHELL', target.shell || '/bin/bash');
  env.set('MAIL', `/var/mail/${target.name}`);
  const me = db.userName(ctx.user.uid) ?? String(ctx.user.uid);
  env.set('SUDO_USER', me);
  env.set('SUDO_UID', String(ctx.user.uid));
  env.set('SUDO_GID', String(ctx.user.gid));
  const ops = [...a.operands];
  while (ops.length && /^[A-Za-z_]\w*=/.test(ops[0]!)) {
    const kv = ops.shift()!;
    env.set(kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1));
  }
  let argv: string[];
  let cwd = a.get('D') ?? ctx.cwd;
  const shell = target.shell || '/bin/bash';
  if (a.has('i')) {
    cwd = target.home;
    argv = ops.length ? [shell, '-l', '-c', ops.join(' ')] : ['-' + shell.slice(shell.lastIndexOf('/') + 1)];
    if (!ops.length) argv = [shell, '-l'];
  } else if (a.has('s')) {
    argv = ops.length ? [shell, '-c', ops.join(' ')] : [shell];
  } else if (ops.length === 0) {
    await ctx.stderr.write(SPEC.tryHelp!);
    return 1;
  } else argv = ops;
  env.set('PWD', cwd);
  const fs = ctx.fs.withCredentials(cred);
  const r = trySpawn({ ...ctx, env } as ProcessContext, argv, { env, cwd, fs, user: cred });
  if (!r.ok) {
    await ctx.stderr.write(`sudo: ${argv[0]}: command not found\n`);
    return 1;
  }
  return (await waitChild(ctx, r.proc)).status;
}

function hostOf(ctx: ProcessContext): string {
  try {
    return ctx.fs.readText('/etc/hostname').trim();
  } catch {
    return 'localhost';
  }
}

/** su: root can switch users (through sudo's code); others get su's failure and a pointer to sudo. */
async function su(ctx: ProcessContext): Promise<number> {
  const args = ctx.argv.slice(1);
  const login = args[0] === '-' || args[0] === '-l' || args[0] === '--login';
  const rest = login ? args.slice(1) : args;
  const user = rest[0] && !rest[0].startsWith('-') ? rest[0] : 'root';
  const cmdIdx = rest.indexOf('-c');
  if (ctx.user.uid !== 0) {
    await ctx.stderr.write('Password: \nsu: Authentication failure\ndockyard: su is not simulated here (root has no password); use sudo -i for a root shell\n');
    return 1;
  }
  const argv = ['sudo', '-u', user, login ? '-i' : '-s', ...(cmdIdx >= 0 ? [rest[cmdIdx + 1] ?? ''] : [])];
  return sudo({ ...ctx, argv } as ProcessContext);
}

export const sudoInfo: ProgramInfo = { name: 'sudo', program: sudo };
export const suInfo: ProgramInfo = { name: 'su', program: su };
