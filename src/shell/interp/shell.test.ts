import { describe, expect, it } from 'vitest';
import type { ProgramInfo } from '../../engine/runtime/programs';
import { createTestHost, HOME } from '../testing/harness';

/** Test programs standing in for coreutils that may not exist yet. */
const sleepP: ProgramInfo = {
  name: 'tsleep',
  program: async (ctx) => {
    await ctx.sleep(Number(ctx.argv[1] ?? '1') * 1000);
    return 0;
  },
};
const yesP: ProgramInfo = {
  name: 'tyes',
  program: async (ctx) => {
    for (;;) {
      await ctx.stdout.write('y\n');
      await ctx.checkpoint();
    }
  },
};
const programs = [sleepP, yesP];

describe('bash -c and scripts', () => {
  it('prints the exact --version text', async () => {
    const h = createTestHost();
    const r = await h.run('bash --version');
    expect(r.stdout).toBe(
      'GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)\nCopyright (C) 2022 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>\n\nThis is free software; you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n',
    );
  });

  it('prefixes errors like bash -c and scripts', async () => {
    const h = createTestHost();
    expect((await h.run('foo')).stderr).toBe('bash: line 1: foo: command not found\n');
    h.fs.writeFile(`${HOME}/x.sh`, '#!/bin/bash\necho one\n\nfoo\necho "args: $*"\n', { mode: 0o755 });
    const r = await h.run('./x.sh a b; echo "status $?"');
    expect(r.stdout).toBe('one\nargs: a b\nstatus 0\n');
    expect(r.stderr).toBe('./x.sh: line 4: foo: command not found\n');
    const r2 = await h.run('bash x.sh');
    expect(r2.stderr).toBe('x.sh: line 4: foo: command not found\n');
  });

  it('prints syntax errors with the offending line for -c', async () => {
    const h = createTestHost();
    const r = await h.run('echo a; fi');
    expect(r.stderr).toBe("bash: -c: line 1: syntax error near unexpected token `fi'\nbash: -c: line 1: `echo a; fi'\n");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('runs the commands before a syntax error in a script', async () => {
    const h = createTestHost();
    h.fs.writeFile(`${HOME}/s.sh`, 'echo a\nfi\necho b\n');
    const r = await h.run('bash s.sh');
    expect(r.stdout).toBe('a\n');
    expect(r.stderr).toBe("s.sh: line 2: syntax error near unexpected token `fi'\ns.sh: line 2: `fi'\n");
    expect(r.status).toBe(2);
  });

  it('speaks dash and busybox ash', async () => {
    const h = createTestHost();
    const d = await h.run('foo; echo $?', { argv: ['sh', '-c'] });
    expect(d.stderr).toBe('sh: 1: foo: not found\n');
    expect(d.stdout).toBe('127\n');
    h.fs.writeFile(`${HOME}/d.sh`, 'true\nnosuch\n');
    expect((await h.run('sh d.sh')).stderr).toBe('d.sh: 2: nosuch: not found\n');
    expect((await h.run('cd /nope', { argv: ['sh', '-c'] })).stderr).toBe("sh: 1: cd: can't cd to /nope\n");
    expect((await h.run('echo -e "a\\tb"', { argv: ['sh', '-c'] })).stdout).toBe('-e a\tb\n');
    const a = await h.run('foo', { argv: ['ash', '-c'] });
    expect(a.stderr).toBe('ash: foo: not found\n');
  });

  it('statuses 126 and 127 for files that cannot run', async () => {
    const h = createTestHost();
    h.fs.writeFile(`${HOME}/np.sh`, 'echo hi\n', { mode: 0o644 });
    const r = await h.run('./np.sh; echo $?; ./missing; echo $?; /tmp; echo $?');
    expect(r.stdout).toBe('126\n127\n126\n');
    expect(r.stderr).toBe('bash: line 1: ./np.sh: Permission denied\nbash: line 1: ./missing: No such file or directory\nbash: line 1: /tmp: Is a directory\n');
  });

  it('passes exported variables and temporary assignments to children only', async () => {
    const h = createTestHost();
    const r = await h.run('export A=1; B=2 bash -c \'echo "$A $B"\'; echo "[$B]"; C=3; bash -c \'echo "[$C]"\'');
    expect(r.stdout).toBe('1 2\n[]\n[]\n');
  });

  it('sleeps in virtual time and counts $SECONDS', async () => {
    const h = createTestHost({ programs });
    const t0 = h.clock.now();
    const r = await h.run('tsleep 5; echo $SECONDS');
    expect(r.stdout).toBe('5\n');
    expect(h.clock.now() - t0).toBe(5000);
  });

  it('ends a writer when its reader closes the pipe', async () => {
    const h = createTestHost({ programs });
    const r = await h.run('tyes | { read a; read b; echo "$a$b"; }; echo "${PIPESTATUS[@]}"');
    expect(r.stdout).toBe('yy\n141 0\n');
  });

  it('runs background jobs and waits for them', async () => {
    const h = createTestHost({ programs });
    const r = await h.run('tsleep 2 & echo started; wait $!; echo "done $?"');
    expect(r.stdout).toBe('started\ndone 0\n');
  });

  it('keeps exec redirections and replaces the shell with exec', async () => {
    const h = createTestHost();
    const r = await h.run('exec 3>out.txt; echo a >&3; echo b >&3; exec 3>&-; cat out.txt; exec bash -c "echo replaced; exit 4"; echo never');
    expect(r.stdout).toBe('a\nb\nreplaced\n');
    expect(r.status).toBe(4);
  });

  it('reads a here-document into a loop and keeps the rest of stdin for later reads', async () => {
    const h = createTestHost();
    const r = await h.run('read a; read b; echo "$b,$a"', { stdin: 'one\ntwo\nthree\n' });
    expect(r.stdout).toBe('two,one\n');
  });

  it('runs the EXIT trap and traps signals in scripts', async () => {
    const h = createTestHost();
    const r = await h.run('trap \'echo "trapped TERM"\' TERM; trap \'echo bye $?\' EXIT; kill -TERM $$; echo after; exit 3');
    expect(r.stdout).toBe('trapped TERM\nafter\nbye 3\n');
    expect(r.status).toBe(3);
  });

  it('is killed by SIGINT when not interactive', async () => {
    const h = createTestHost({ programs });
    const r = await h.run('kill -INT $$; echo not reached');
    expect(r.status).toBe(130);
    expect(r.stdout).toBe('');
  });

  it('sources files with their own names in messages', async () => {
    const h = createTestHost();
    h.fs.writeFile(`${HOME}/lib.sh`, 'greet() { echo "hi $1"; }\nnosuch\n');
    const r = await h.run('. ./lib.sh; greet you');
    expect(r.stdout).toBe('hi you\n');
    expect(r.stderr).toBe('./lib.sh: line 2: nosuch: command not found\n');
  });

  it('reads commands from stdin with bash -s and plain bash', async () => {
    const h = createTestHost();
    expect((await h.run('echo "echo from stdin \\$1" | bash -s arg')).stdout).toBe('from stdin arg\n');
  });
});

describe('interactive bash', () => {
  it('shows the Debian prompt and runs commands', async () => {
    const h = createTestHost();
    const t = await h.openTty();
    expect(t.text()).toBe('learner@dockyard:~$ ');
    expect(await t.line('cd /tmp; echo $PWD')).toBe('cd /tmp; echo $PWD\n/tmp\nlearner@dockyard:/tmp$ ');
    expect(await t.line('foo')).toBe('foo\nbash: foo: command not found\nlearner@dockyard:/tmp$ ');
    expect(await t.line('type ls')).toBe("type ls\nls is aliased to `ls --color=auto'\nlearner@dockyard:/tmp$ ");
  });

  it('expands PS1 escapes and PS2 for continuation lines', async () => {
    const h = createTestHost();
    const t = await h.openTty();
    await t.line("PS1='[\\u@\\h \\W]\\$ '; PS2='cont> '");
    t.clear();
    expect(await t.line('for i in 1 2')).toBe('for i in 1 2\ncont> ');
    expect(await t.line('do echo $i; done')).toBe('do echo $i; done\n1\n2\n[learner@dockyard ~]$ ');
  });

  it('abandons a running loop on ^C with status 130, and ^D prints exit', async () => {
    const h = createTestHost({ programs });
    const t = await h.openTty();
    t.type('while true; do :; done\r');
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    t.type('\x03');
    await t.settle();
    t.clear();
    expect(await t.line('echo $?')).toBe('echo $?\n130\nlearner@dockyard:~$ ');
    t.type('tsleep 100\r');
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    t.type('\x03');
    await t.settle();
    expect(t.text()).toMatch(/tsleep 100\n\^C\nlearner@dockyard:~\$ $/);
    t.type('\x04');
    await t.settle();
    expect(t.text().endsWith('exit\n')).toBe(true);
    expect((await t.process.exited).status).toBe(130);
  });

  it('reports jobs as bash does', async () => {
    const h = createTestHost({ programs });
    const t = await h.openTty();
    expect(await t.line('tsleep 10 &')).toMatch(/^tsleep 10 &\n\[1\] \d+\nlearner@dockyard:~\$ $/);
    await t.line('tsleep 20 &');
    expect(await t.line('jobs')).toBe('jobs\n[1]-  Running                 tsleep 10 &\n[2]+  Running                 tsleep 20 &\nlearner@dockyard:~$ ');
    expect(await t.line('kill %2')).toBe('kill %2\n[2]+  Terminated              tsleep 20\nlearner@dockyard:~$ ');
    expect(await t.line('tsleep 15')).toBe('tsleep 15\n[1]+  Done                    tsleep 10\nlearner@dockyard:~$ ');
    expect(await t.line('(exit 3) &')).toMatch(/\[1\] \d+\n/);
    expect(await t.line('true')).toBe('true\n[1]+  Exit 3                  (exit 3)\nlearner@dockyard:~$ ');
  });

  it('stops a job with ^Z and resumes it with fg', async () => {
    const h = createTestHost({ programs });
    const t = await h.openTty();
    t.type('tsleep 50\r');
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    t.type('\x1a');
    await t.settle();
    expect(t.text()).toContain('^Z\n[1]+  Stopped                 tsleep 50\n');
    t.clear();
    expect(await t.line('fg')).toBe('fg\ntsleep 50\nlearner@dockyard:~$ ');
  });

  it('names a stopped pipeline by its commands, with its assignments', async () => {
    const h = createTestHost({ programs });
    const t = await h.openTty();
    t.type('X=1 tsleep 50 | tsleep 60\r');
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    t.type('\x1a');
    await t.settle();
    expect(t.text()).toContain('^Z\n[1]+  Stopped                 X=1 tsleep 50 | tsleep 60\n');
  });

  it('expands history and keeps ~/.bash_history', async () => {
    const h = createTestHost();
    const t = await h.openTty();
    await t.line('echo one');
    expect(await t.line('!!')).toBe('!!\necho one\none\nlearner@dockyard:~$ ');
    expect(await t.line('echo !nosuch')).toBe('echo !nosuch\nbash: !nosuch: event not found\nlearner@dockyard:~$ ');
    expect(await t.line('history')).toBe('history\n    1  echo one\n    2  echo one\n    3  history\nlearner@dockyard:~$ '.replace('    2  echo one\n    3  history', '    2  history'));
    expect(h.fs.readText(`${HOME}/.bash_history`)).toBe('echo one\nhistory\n');
  });

  it('reads a line from the terminal with read', async () => {
    const h = createTestHost();
    const t = await h.openTty();
    t.type('read -p "Name: " n; echo "hello $n"\r');
    await t.settle();
    expect(t.text().endsWith('Name: ')).toBe(true);
    expect(await t.line('Ada')).toBe('Ada\nhello Ada\nlearner@dockyard:~$ ');
  });

  it('completes commands, files and program arguments', async () => {
    const { ShellCompletion } = await import('./repl');
    const h = createTestHost();
    const t = await h.openTty();
    await t.line('mkdir -p "my dir"/sub; touch notes.txt; alias k=tyes');
    // Reach into the running shell through a fresh one with the same fs.
    const { Shell } = await import('./shell');
    const { bashProgram } = await import('./main');
    const { parse } = await import('../syntax/parser');
    const ctx = { fs: h.fs, cwd: HOME, env: new Map([['PATH', '/usr/bin:/bin'], ['HOME', HOME]]), kernel: h.kernel, pid: 99, ppid: 1, argv: ['bash'], user: { uid: 1000, gid: 1000, groups: [] } } as unknown as ConstructorParameters<typeof Shell>[0];
    const sh = new Shell(ctx, { dialect: 'bash', parse, program: bashProgram }, 'bash');
    sh.aliases.set('k', 'kubectl');
    const c = new ShellCompletion(sh);
    expect(c.complete('ech', 3).candidates).toContain('echo');
    expect(c.complete('cat no', 6)).toEqual({ start: 4, candidates: ['notes.txt'], appendSpace: true });
    expect(c.complete('cd my', 5)).toEqual({ start: 3, candidates: ['my\\ dir/'], appendSpace: false });
    expect(c.complete('ls ~/no', 7).candidates).toEqual(['~/notes.txt']);
  });
});

describe('interactive interruptions', () => {
  it('abandons read on ^C and keeps the next line for the prompt', async () => {
    const h = createTestHost();
    const t = await h.openTty();
    t.type('read x; echo "got $x"\r');
    await t.settle();
    t.type('\x03');
    await t.settle();
    t.clear();
    expect(await t.line('echo $? next')).toBe('echo $? next\n130 next\nlearner@dockyard:~$ ');
  });

  it('sets status 1 after an expansion error at the prompt', async () => {
    const h = createTestHost();
    const t = await h.openTty();
    expect(await t.line('echo ${x:?boom}; echo after')).toBe('echo ${x:?boom}; echo after\nbash: x: boom\nlearner@dockyard:~$ ');
    expect(await t.line('echo $?')).toBe('echo $?\n1\nlearner@dockyard:~$ ');
  });

  it('times out read -t in virtual time', async () => {
    const h = createTestHost({ programs });
    const t0 = h.clock.now();
    const r = await h.run('tsleep 10 | { read -t 2 x; echo "status $? after $SECONDS s"; }; read -t 1 y <<< "quick"; echo "$? $y"');
    expect(r.stdout).toBe('status 142 after 2 s\n0 quick\n');
    expect(h.clock.now() - t0).toBe(10000);
  });
});
