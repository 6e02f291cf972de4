import { describe, expect, it } from 'vitest';
import { makeWorld, run } from '../testing/harness';
import { describeScripts } from '../testing/scripted';

describe('identity commands', () => {
  it('id prints the learner with supplementary groups', async () => {
    const w = makeWorld();
    expect((await run(w, ['id'])).out).toBe('uid=1000(learner) gid=1000(learner) groups=1000(learner),27(sudo),999(docker)\n');
    expect((await run(w, ['id', '-un'])).out).toBe('learner\n');
    expect((await run(w, ['id', '-G'])).out).toBe('1000 27 999\n');
    expect((await run(w, ['groups'])).out).toBe('learner sudo docker\n');
    expect((await run(w, ['groups', 'root'])).out).toBe('root : root\n');
    expect((await run(w, ['id', 'nobodyx'])).err).toBe('id: ‘nobodyx’: no such user\n');
  });
  it('whoami, hostname, uname', async () => {
    const w = makeWorld();
    expect((await run(w, ['whoami', 'x'])).err).toBe("whoami: extra operand ‘x’\nTry 'whoami --help' for more information.\n");
    expect((await run(w, ['hostname'])).out).toBe('dockyard\n');
    expect((await run(w, ['uname', '-a'])).out).toBe('Linux dockyard 6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22) x86_64 GNU/Linux\n');
    expect((await run(w, ['uname', '-x'])).err).toBe("uname: invalid option -- 'x'\nTry 'uname --help' for more information.\n");
  });
  it('date formats the simulated clock', async () => {
    const w = makeWorld();
    expect((await run(w, ['date'])).out).toBe('Mon Jan  5 09:00:00 UTC 2026\n');
    expect((await run(w, ['date', '+%Y-%m-%d %H:%M:%S'])).out).toBe('2026-01-05 09:00:00\n');
    expect((await run(w, ['date', '-I'])).out).toBe('2026-01-05\n');
    expect((await run(w, ['date', '-R'])).out).toBe('Mon, 05 Jan 2026 09:00:00 +0000\n');
    expect((await run(w, ['date', '-d', '2024-01-02'])).out).toBe('Tue Jan  2 00:00:00 UTC 2024\n');
    expect((await run(w, ['date', '-d', 'yesterday', '+%F'])).out).toBe('2026-01-04\n');
    expect((await run(w, ['date', '-d', '2 days ago', '+%F'])).out).toBe('2026-01-03\n');
    expect((await run(w, ['date', '+%s'])).out).toBe('1767603600\n');
  });
  it('realpath and readlink -f resolve links', async () => {
    const w = makeWorld({ '/home/learner/f': '' });
    w.fs.symlink('f', '/home/learner/l');
    expect((await run(w, ['realpath', 'l', 'nope', '../learner/f'])).out).toBe('/home/learner/f\n/home/learner/nope\n/home/learner/f\n');
    expect((await run(w, ['readlink', '-f', 'l'])).out).toBe('/home/learner/f\n');
    expect((await run(w, ['realpath', 'a/b'])).err).toBe('realpath: a/b: No such file or directory\n');
  });
  it('sleep waits on the simulated clock', async () => {
    const w = makeWorld();
    const t0 = w.clock.now();
    const r = await run(w, ['sleep', '1.5m']);
    expect(r.status).toBe(0);
    expect(w.clock.now() - t0).toBe(90000);
    expect((await run(w, ['sleep', 'x'])).err).toBe("sleep: invalid time interval ‘x’\nTry 'sleep --help' for more information.\n");
  });
});

const c = (...a: string[]): { cmds: string[][] } => ({ cmds: [a] });

describeScripts('small tools against GNU', { f: 'x', d: { dir: true }, l: { link: 'f' } }, [
  c('basename'),
  c('basename', '/a/b.txt', '.txt'),
  c('basename', '-a', 'x/y', 'z/w/'),
  c('basename', '-s', '.c', 'a.c', 'b.c'),
  c('dirname', 'a/b', '/c', 'x', '/', 'a//b//'),
  c('dirname'),
  c('realpath', '-e', 'nope'),
  c('readlink', 'l'),
  c('readlink', 'f'),
  c('readlink'),
  c('seq', '3'),
  c('seq', '2', '5'),
  c('seq', '1', '2', '10'),
  c('seq', '-s,', '3'),
  c('seq', '-w', '8', '10'),
  c('seq', '0.5', '0.5', '2'),
  c('seq', '10', '-1', '8'),
  c('seq', '1', '0.3', '2'),
  c('seq', 'x'),
  c('seq'),
  c('seq', '-f', '%03g', '3'),
  { cmds: [['ln', '-s', 'f', 'm'], ['readlink', 'm']] },
  c('ln', '-s', 'f', 'l'),
  c('ln', 'nope', 'z'),
  c('ln'),
  { cmds: [['ln', '-sf', 'd', 'l'], ['readlink', 'l']] },
  { cmds: [['ln', '-s', '/etc', 'd'], ['readlink', 'd/etc']] },
  { cmds: [['chmod', '755', 'f'], ['stat', '-c', '%a %A', 'f']] },
  { cmds: [['chmod', 'u+x,g-r', 'f'], ['stat', '-c', '%a', 'f']] },
  { cmds: [['chmod', '-v', '644', 'f']] },
  { cmds: [['chmod', '-R', 'go-rx', 'd'], ['stat', '-c', '%a', 'd']] },
  c('chmod'),
  c('chmod', '755'),
  c('chmod', '999', 'f'),
  c('chmod', '+x', 'nope'),
  c('chown'),
  c('stat', 'nope'),
  c('stat', '-c', '%n %s %F', 'f', 'd'),
  c('env', '-i', 'FOO=1', 'env'),
  c('env', 'nosuch'),
  c('env', '-x'),
]);
