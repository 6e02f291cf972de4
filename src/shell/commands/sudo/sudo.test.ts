import { describe, expect, it } from 'vitest';
import { makeWorld, run } from '../testing/harness';

describe('sudo', () => {
  it('runs a command as root', async () => {
    const w = makeWorld();
    expect((await run(w, ['whoami'])).out).toBe('learner\n');
    expect((await run(w, ['sudo', 'whoami'])).out).toBe('root\n');
    expect((await run(w, ['sudo', 'id'])).out).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
  });
  it("uses root's view of the file system", async () => {
    const w = makeWorld();
    const denied = await run(w, ['touch', '/root/x']);
    expect(denied.err).toBe("touch: cannot touch '/root/x': Permission denied\n");
    expect((await run(w, ['sudo', 'touch', '/root/x'])).status).toBe(0);
    expect(w.fs.stat('/root/x').uid).toBe(0);
  });
  it('reports unknown commands', async () => {
    const r = await run(makeWorld(), ['sudo', 'nosuch']);
    expect(r.err).toBe('sudo: nosuch: command not found\n');
    expect(r.status).toBe(1);
  });
  it('chown needs root', async () => {
    const w = makeWorld({ '/home/learner/f': '' });
    w.fs.chown('/home/learner/f', 1000, 1000);
    const r = await run(w, ['chown', 'root', 'f']);
    expect(r.err).toBe("chown: changing ownership of 'f': Operation not permitted\n");
    expect(r.status).toBe(1);
    expect((await run(w, ['sudo', 'chown', 'root:root', '/home/learner/f'])).status).toBe(0);
    expect(w.fs.stat('/home/learner/f').uid).toBe(0);
  });
});
