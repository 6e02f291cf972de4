/**
 * The shell programs: `bash` (GNU bash 5.2), `dash` (Debian's /bin/sh) and `ash` (busybox),
 * started with argv as the real ones are: `-c`, a script file, `-s`, interactive on a terminal.
 */
import { versions } from '../../engine/core/versions';
import { resolvePath } from '../../engine/fs/path';
import type { ProcessContext, Program } from '../../engine/runtime/kernel';
import { readAll } from '../../engine/runtime/streams';
import { parse } from '../syntax/parser';
import { ExitShell, FatalShellError, Interrupted } from './errors';
import { hostName, runInteractive } from './repl';
import { optionDisplayName, SET_O_NAMES, SHORT_OPTIONS, Shell, type Dialect, type ParseFn, type ShellConfig } from './shell';

const parseFn: ParseFn = (source, opts) => parse(source, opts);

const BASH_USAGE = `Usage:\tbash [GNU long option] [option] ...
\tbash [GNU long option] [option] script-file ...
GNU long options:
\t--debug
\t--debugger
\t--dump-po-strings
\t--dump-strings
\t--help
\t--init-file
\t--login
\t--noediting
\t--noprofile
\t--norc
\t--posix
\t--pretty-print
\t--rcfile
\t--restricted
\t--verbose
\t--version
Shell options:
\t-ilrsD or -c command or -O shopt_option\t\t(invocation only)
\t-abefhkmnptuvxBCEHPT or -o option
`;

function bashVersionText(): string {
  return `GNU bash, version ${versions.bash} (x86_64-pc-linux-gnu)
Copyright (C) 2022 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>

This is free software; you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.
`;
}

interface Invocation {
  command?: string;
  script?: string;
  args: string[];
  interactive: boolean;
  login: boolean;
  stdin: boolean;
  norc: boolean;
  noprofile: boolean;
  rcfile?: string;
  set: [string, boolean][];
  setO: [string, boolean][];
  shopt: [string, boolean][];
}

async function parseArgs(ctx: ProcessContext, dialect: Dialect, name: string): Promise<Invocation | number> {
  const argv = ctx.argv;
  const inv: Invocation = { args: [], interactive: false, login: false, stdin: false, norc: false, noprofile: false, set: [], setO: [], shopt: [] };
  let wantCommand = false;
  let i = 1;
  const err = (s: string) => ctx.stderr.write(s);
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--' || a === '-') {
      i++;
      break;
    }
    if (dialect === 'bash' && a.startsWith('--')) {
      switch (a) {
        case '--version':
          await ctx.stdout.write(bashVersionText());
          return 0;
        case '--help':
          await ctx.stdout.write(`GNU bash, version ${versions.bash}-(x86_64-pc-linux-gnu)\n${BASH_USAGE}`);
          return 0;
        case '--login':
          inv.login = true;
          continue;
        case '--norc':
          inv.norc = true;
          continue;
        case '--noprofile':
          inv.noprofile = true;
          continue;
        case '--posix':
        case '--noediting':
        case '--restricted':
        case '--verbose':
        case '--debug':
          continue;
        case '--rcfile':
        case '--init-file':
          inv.rcfile = argv[++i];
          continue;
        default:
          await err(`${name}: ${a}: invalid option\n${BASH_USAGE}`);
          return 2;
      }
    }
    if (!/^[-+]./.test(a)) break;
    const on = a[0] === '-';
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      switch (c) {
        case 'c':
          wantCommand = true;
          break;
        case 'i':
          inv.interactive = true;
          break;
        case 'l':
          inv.login = true;
          break;
        case 's':
          inv.stdin = true;
          break;
        case 'r':
        case 'D':
        case 'p':
        case 'k':
        case 't':
        case 'P':
          break;
        case 'o':
        case 'O': {
          const v = argv[++i];
          if (v === undefined) {
            await err(`${name}: -${c}: option requires an argument\n`);
            return 2;
          }
          if (c === 'o') inv.setO.push([v, on]);
          else inv.shopt.push([v, on]);
          break;
        }
        default:
          if (SHORT_OPTIONS[c]) inv.set.push([c, on]);
          else {
            if (dialect === 'bash') await err(`${name}: ${on ? '-' : '+'}${c}: invalid option\n${BASH_USAGE}`);
            else if (dialect === 'dash') await err(`${name}: 0: Illegal option ${on ? '-' : '+'}${c}\n`);
            else await err(`${name}: illegal option -- ${c}\n`);
            return 2;
          }
      }
    }
  }
  const rest = argv.slice(i);
  if (wantCommand) {
    if (rest.length === 0) {
      if (dialect === 'bash') await err(`${name}: -c: option requires an argument\n`);
      else if (dialect === 'dash') await err(`${name}: 0: -c requires an argument\n`);
      else await err(`${name}: -c requires an argument\n`);
      return 2;
    }
    inv.command = rest[0];
    inv.args = rest.slice(1);
  } else if (!inv.stdin && rest.length > 0) {
    inv.script = rest[0];
    inv.args = rest.slice(1);
  } else {
    inv.args = rest;
  }
  if (argv[0]?.startsWith('-')) inv.login = true;
  return inv;
}

/** Variables a shell sets at start. */
function initVars(sh: Shell, ctx: ProcessContext, dialect: Dialect): void {
  const set = (k: string, v: string) => {
    if (sh.getVar(k) === undefined) sh.vars.global.set(k, { v: { kind: 'scalar', value: v } });
  };
  const force = (k: string, v: string, attrs: { exported?: boolean; readonly?: boolean; integer?: boolean } = {}) => {
    const old = sh.vars.global.get(k);
    sh.vars.global.set(k, { v: { kind: 'scalar', value: v }, exported: old?.exported ?? attrs.exported, readonly: attrs.readonly, integer: attrs.integer });
  };
  // `$$` as the shell's pid namespace numbers it (1 for a container's main shell).
  sh.vars.global.set('\0pid', { v: { kind: 'scalar', value: String(ctx.process.nsPid) } });
  set('IFS', ' \t\n');
  set('OPTIND', '1');
  set('PS2', '> ');
  set('PS4', '+ ');
  force('PPID', String(ctx.kernel.ppidIn(ctx.process)), { readonly: dialect === 'bash' });
  // PWD: inherited when it names the cwd, else the cwd.
  const pwd = sh.getScalar('PWD');
  let okPwd = false;
  if (pwd && pwd.startsWith('/')) {
    try {
      okPwd = ctx.fs.realpath(pwd) === ctx.fs.realpath(ctx.cwd);
    } catch {
      okPwd = false;
    }
  }
  const pwdVar = sh.vars.global.get('PWD');
  sh.vars.global.set('PWD', { v: { kind: 'scalar', value: okPwd ? pwd! : ctx.cwd }, exported: pwdVar?.exported ?? true });
  if (!sh.getVar('PATH')) set('PATH', '/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin:.');
  if (dialect === 'bash') {
    force('BASH', '/usr/bin/bash');
    force('BASH_VERSION', versions.bash);
    sh.vars.global.set('BASH_VERSINFO', {
      v: { kind: 'indexed', value: new Map(['5', '2', versions.bashShort.split('.')[2] ?? '15', '1', 'release', 'x86_64-pc-linux-gnu'].map((v, i) => [i, v])) },
      readonly: true,
    });
    force('UID', String(ctx.user.uid), { readonly: true, integer: true });
    force('EUID', String(ctx.user.uid), { readonly: true, integer: true });
    force('HOSTNAME', hostName(sh));
    force('HOSTTYPE', 'x86_64');
    force('MACHTYPE', 'x86_64-pc-linux-gnu');
    force('OSTYPE', 'linux-gnu');
    set('HISTFILE', `${sh.getScalar('HOME') ?? '/'}/.bash_history`.replace('//', '/'));
    set('HISTSIZE', '500');
    set('HISTFILESIZE', '500');
    set('OPTERR', '1');
    set('TERM', 'dumb');
    const shlvl = Number(sh.getScalar('SHLVL') ?? '0');
    const lvl = Number.isFinite(shlvl) ? shlvl + 1 : 1;
    sh.vars.global.set('SHLVL', { v: { kind: 'scalar', value: String(lvl) }, exported: true });
  }
  if (sh.getVar('OLDPWD') === undefined && dialect === 'bash') sh.vars.global.set('OLDPWD', { v: { kind: 'scalar', value: undefined }, exported: true });
}

/** The startup files an interactive shell reads, in order (those missing are skipped). */
function rcFiles(sh: Shell, ctx: ProcessContext, dialect: Dialect, inv: Invocation): string[] {
  const home = sh.getScalar('HOME') ?? '/';
  const rc: string[] = [];
  if (dialect === 'bash') {
    if (inv.login) {
      if (!inv.noprofile) {
        rc.push('/etc/profile');
        const candidates = ['.bash_profile', '.bash_login', '.profile'].map((f) => `${home}/${f}`.replace('//', '/'));
        const first = candidates.find((f) => {
          try {
            return ctx.fs.stat(f).type === 'file';
          } catch {
            return false;
          }
        });
        if (first) rc.push(first);
      }
    } else if (!inv.norc) {
      if (inv.rcfile) rc.push(resolvePath(ctx.cwd, inv.rcfile));
      else rc.push('/etc/bash.bashrc', `${home}/.bashrc`.replace('//', '/'));
    }
  } else {
    if (inv.login) rc.push('/etc/profile', `${home}/.profile`.replace('//', '/'));
    const env = sh.getScalar('ENV');
    if (env) rc.push(resolvePath(ctx.cwd, env));
  }
  return rc;
}

function makeProgram(dialect: Dialect): Program {
  const program: Program = async (ctx) => {
    const argv0 = ctx.argv[0] ?? dialect;
    // Messages name the shell as it was invoked: `/bin/sh: 1: foo: not found`, `./mysh: ...`.
    const name = argv0.replace(/^-/, '');
    const inv = await parseArgs(ctx, dialect, name);
    if (typeof inv === 'number') return inv;
    const config: ShellConfig = { dialect, parse: parseFn, program };
    const sh = new Shell(ctx, config, name);
    sh.scriptName = name;
    sh.login = inv.login;
    initVars(sh, ctx, dialect);
    for (const [c, on] of inv.set) sh.options[SHORT_OPTIONS[c]!] = on;
    for (const [o, on] of inv.setO) {
      const key = SET_O_NAMES.find((k) => optionDisplayName(k) === o);
      if (!key) {
        await ctx.stderr.write(dialect === 'bash' ? `${name}: ${o}: invalid option name\n` : `${name}: 0: Illegal option -o ${o}\n`);
        return 2;
      }
      sh.options[key] = on;
    }
    for (const [o, on] of inv.shopt) sh.shopts.set(o, on);

    try {
      if (inv.command !== undefined) {
        sh.mode = 'command';
        if (inv.args.length) {
          sh.name = inv.args[0]!;
          sh.scriptName = inv.args[0]!;
          sh.positional = inv.args.slice(1);
        }
        if (dialect === 'dash') sh.scriptName = sh.name;
        if (inv.interactive) {
          // `bash -ic 'cmd'` is an interactive shell: it reads the rc files (so ~/.bashrc's
          // settings and aliases apply) and then runs the command.
          sh.interactive = true;
          sh.shopts.set('expand_aliases', true);
          sh.options.histexpand = dialect === 'bash';
          if (ctx.tty) sh.options.monitor = true;
          else if (dialect === 'bash') await ctx.stderr.write(`${name}: cannot set terminal process group (${ctx.pid}): Inappropriate ioctl for device\n${name}: no job control in this shell\n`);
          if (sh.getScalar('PS1') === undefined) {
            sh.vars.global.set('PS1', { v: { kind: 'scalar', value: dialect === 'bash' ? '\\s-\\v\\$ ' : ctx.user.uid === 0 ? '# ' : '$ ' } });
          }
          for (const rc of rcFiles(sh, ctx, dialect, inv)) {
            if (!ctx.fs.exists(rc)) continue;
            await sh.runSourceFile(rc);
          }
        }
        const status = await sh.runText(inv.command);
        return await sh.finish(status);
      }
      if (inv.script !== undefined) {
        sh.mode = 'script';
        sh.name = inv.script;
        sh.scriptName = inv.script;
        sh.positional = inv.args;
        const path = resolvePath(ctx.cwd, inv.script);
        let text: string;
        try {
          const st = ctx.fs.stat(path);
          if (st.type === 'dir') {
            await ctx.stderr.write(dialect === 'bash' ? `${name}: ${inv.script}: Is a directory\n` : `${name}: 0: cannot open ${inv.script}: Is a directory\n`);
            return dialect === 'bash' ? 126 : 2;
          }
          text = ctx.fs.readText(path);
        } catch (e) {
          const msg = e instanceof Error && 'strerror' in e ? String((e as { strerror: string }).strerror) : 'No such file or directory';
          if (dialect === 'bash') await ctx.stderr.write(`${name}: ${inv.script}: ${msg}\n`);
          else if (dialect === 'dash') await ctx.stderr.write(`${name}: 0: cannot open ${inv.script}: No such file\n`);
          else await ctx.stderr.write(`${name}: can't open '${inv.script}': No such file or directory\n`);
          return dialect === 'bash' ? 127 : 2;
        }
        if (text.startsWith('#!')) {
          // The `#!` line is a comment to the shell.
        }
        const status = await sh.runText(text);
        return await sh.finish(status);
      }
      sh.positional = inv.args;
      const interactive = inv.interactive || (ctx.stdin.isTTY && ctx.tty !== undefined && !inv.stdin) || (ctx.stdin.isTTY && ctx.tty !== undefined && inv.stdin && inv.interactive);
      if (interactive && ctx.tty) {
        sh.mode = 'interactive';
        sh.interactive = true;
        sh.options.monitor = true;
        sh.options.histexpand = dialect === 'bash';
        sh.options.history = dialect === 'bash';
        sh.shopts.set('expand_aliases', true);
        if (sh.getScalar('PS1') === undefined) {
          sh.vars.global.set('PS1', { v: { kind: 'scalar', value: dialect === 'bash' ? '\\s-\\v\\$ ' : ctx.user.uid === 0 ? '# ' : '$ ' } });
        }
        return await runInteractive(sh, rcFiles(sh, ctx, dialect, inv));
      }
      // Commands from standard input.
      sh.mode = 'stdin';
      const bytes = await ctx.wait(readAll(ctx.stdin));
      const status = await sh.runText(new TextDecoder().decode(bytes));
      return await sh.finish(status);
    } catch (e) {
      if (e instanceof ExitShell) return sh.finish(e.status);
      if (e instanceof FatalShellError) return sh.finish(e.status);
      if (e instanceof Interrupted) return sh.finish(130);
      throw e;
    }
  };
  return program;
}

export const bashProgram = makeProgram('bash');
export const dashProgram = makeProgram('dash');
export const ashProgram = makeProgram('ash');
