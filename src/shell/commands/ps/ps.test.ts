import { describe, expect, it } from 'vitest';
import { makeWorld, run } from '../testing/harness';

describe('system information commands', () => {
  it('ps lists processes of the terminal', async () => {
    const r = await run(makeWorld(), ['ps'], { tty: 80 });
    expect(r.out).toBe('    PID TTY          TIME CMD\n    100 pts/0    00:00:00 ps\n');
  });
  it('ps aux and ps -ef have procps column layouts', async () => {
    const w = makeWorld();
    const aux = await run(w, ['ps', 'aux']);
    expect(aux.out.split('\n')[0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(aux.out.split('\n')[1]).toBe('learner      100  0.0  0.0   9848  3444 ?        R    09:00   0:00 ps aux');
    const ef = await run(w, ['ps', '-ef']);
    expect(ef.out).toBe('UID          PID    PPID  C STIME TTY          TIME CMD\nlearner      101       0  0 09:00 ?        00:00:00 ps -ef\n');
  });
  it('du counts 4K blocks', async () => {
    const w = makeWorld({ '/home/learner/d/f': 'hi\n', '/home/learner/d/e/g': 'x'.repeat(5000) });
    expect((await run(w, ['du', 'd'])).out).toBe('12\td/e\n20\td\n');
    expect((await run(w, ['du', '-sh', 'd'])).out).toBe('20K\td\n');
    expect((await run(w, ['du', '-a', 'd'])).out).toBe('8\td/e/g\n12\td/e\n4\td/f\n20\td\n');
  });
  it('df and free print tables', async () => {
    const w = makeWorld();
    const df = await run(w, ['df', '-h']);
    expect(df.out.split('\n')[0]).toBe('Filesystem      Size  Used Avail Use% Mounted on');
    expect(df.out).toContain('/dev/vda1        59G  9.3G   47G  17% /\n');
    expect((await run(w, ['free', '-m'])).out).toBe(
      '               total        used        free      shared  buff/cache   available\nMem:            7855        1136        5000           9        1718        6419\nSwap:              0           0           0\n',
    );
  });
  it('file describes contents', async () => {
    const w = makeWorld({ '/home/learner/t.sh': '#!/bin/bash\necho hi\n', '/home/learner/a.txt': 'hello\n', '/home/learner/e': '', '/home/learner/j.json': '{"a": 1}\n' });
    const r = await run(w, ['file', 't.sh', 'a.txt', 'e', 'j.json', '/usr/bin/ls', 'nope']);
    expect(r.out).toBe(
      't.sh:        Bourne-Again shell script, ASCII text\na.txt:       ASCII text\ne:           empty\nj.json:      JSON text data\n/usr/bin/ls: ELF 64-bit LSB pie executable, x86-64, version 1 (SYSV), dynamically linked, interpreter /lib64/ld-linux-x86-64.so.2, for GNU/Linux 3.2.0, stripped\nnope:        cannot open `nope\' (No such file or directory)\n',
    );
  });
  it('man points to --help', async () => {
    const r = await run(makeWorld(), ['man', 'ls']);
    expect(r.err).toBe("No manual entry for ls\ndockyard: manual pages are not installed here; try 'ls --help'\n");
    expect(r.status).toBe(16);
  });
  it('less prints the file through', async () => {
    const w = makeWorld({ '/home/learner/f': 'one\ntwo\n' });
    expect((await run(w, ['less', 'f'], { tty: 80 })).out).toBe('one\ntwo\n');
    expect((await run(w, ['more', 'nope'])).err).toBe('more: cannot open nope: No such file or directory\n');
  });
  it('vim opens the editor panel, or says there is none', async () => {
    const w = makeWorld();
    const headless = await run(w, ['vim', 'f']);
    expect(headless.err).toBe('dockyard: vim opens files in the editor panel; there is none in this headless session\n');
    expect(headless.status).toBe(1);
    const opened: string[] = [];
    w.kernel.services.openInEditor = (p) => (opened.push(p), true);
    expect((await run(w, ['nano', 'app.py'])).status).toBe(0);
    expect(opened).toEqual(['/home/learner/app.py']);
  });
  it('timeout kills a command that runs too long', async () => {
    const w = makeWorld();
    const r = await run(w, ['timeout', '1', 'sleep', '5']);
    expect(r.status).toBe(124);
    expect((await run(w, ['timeout', '5', 'sleep', '1'])).status).toBe(0);
    expect((await run(w, ['timeout', '1', 'nosuch'])).err).toBe("timeout: failed to run command ‘nosuch’: No such file or directory\n");
  });
  it('yes ends with SIGPIPE when its reader goes away', async () => {
    const w = makeWorld();
    const { Pipe } = await import('../../../engine/runtime/streams');
    const p = new Pipe(64);
    const r = await run(w, ['yes'], {
      stdout: p.writer,
      during: async () => {
        const chunk = await p.reader.read();
        expect(new TextDecoder().decode(chunk!).startsWith('y\ny\n')).toBe(true);
        p.reader.close();
      },
    });
    expect(r.status).toBe(141);
    expect(r.signal).toBe('SIGPIPE');
  });
});
