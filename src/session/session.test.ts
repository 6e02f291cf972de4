import { describe, expect, it } from 'vitest';
import { coreutils } from '../shell/commands';
import { createSession, type SessionOptions } from './session';

const host: SessionOptions['host'] = { yieldToHost: () => new Promise((r) => setImmediate(r)), shouldYield: () => true };

function createNodeSession(opts: Partial<SessionOptions> = {}) {
  return createSession({ host, time: { kind: 'virtual' }, programs: coreutils, ...opts });
}

/** Every path of a tree with its type, mode, owner, mtime and contents. */
function dump(s: ReturnType<typeof createNodeSession>, dir = '/'): string[] {
  const out: string[] = [];
  for (const e of s.rootFs.readdir(dir)) {
    const p = dir === '/' ? `/${e.name}` : `${dir}/${e.name}`;
    if (p === '/proc' || p === '/dev') continue;
    const st = s.rootFs.lstat(p);
    const body = st.type === 'file' ? s.rootFs.readText(p) : st.type === 'symlink' ? s.rootFs.readlink(p) : '';
    out.push(`${p} ${st.type} ${st.mode.toString(8)} ${st.uid}:${st.gid} ${st.mtime} ${st.ino} ${body}`);
    if (st.type === 'dir') out.push(...dump(s, p));
  }
  return out;
}

describe('session snapshots', () => {
  it('restore(snapshot()) gives the same world, through JSON', async () => {
    const a = createNodeSession({ seed: 7 });
    await a.run('mkdir -p demo && cd demo && echo "hello" > a.txt && ln -s a.txt b && chmod 600 a.txt', { asTyped: true });
    await a.run('sleep 3');
    const snap = JSON.parse(JSON.stringify(a.snapshot()));
    const b = createNodeSession({ snapshot: snap });
    expect(b.clock.now()).toBe(a.clock.now());
    expect(b.ids.snapshot()).toEqual(a.ids.snapshot());
    expect(b.typedHistory()).toEqual(a.typedHistory());
    expect(dump(b)).toEqual(dump(a));
    // And both go on identically.
    const [ra, rb] = [await a.run('date; ls -l demo; echo $RANDOM'), await b.run('date; ls -l demo; echo $RANDOM')];
    expect(rb).toEqual(ra);
  });

  it('forks are cheap and independent', async () => {
    const a = createNodeSession();
    for (let i = 0; i < 200; i++) a.rootFs.writeFile(`/tmp/f${i}`, `file ${i}\n`);
    const before = a.rootFs.metrics.nodesCreated;
    const forks = Array.from({ length: 500 }, () => a.fork());
    // Forking copies no file-system nodes at all.
    expect(a.rootFs.metrics.nodesCreated).toBe(before);
    const f = forks[0]!;
    await f.run('rm /tmp/f1; echo changed > ~/fork.txt');
    expect(a.fs.exists('/tmp/f1')).toBe(true);
    expect(a.fs.exists('/home/learner/fork.txt')).toBe(false);
    expect(f.fs.readText('/home/learner/fork.txt')).toBe('changed\n');
    await a.run('echo original > ~/orig.txt');
    expect(f.fs.exists('/home/learner/orig.txt')).toBe(false);
  });

  it('the same seed and input give the same output; another seed other $RANDOM values', async () => {
    const run = async (seed: number) => (await createNodeSession({ seed }).run('echo $RANDOM $RANDOM; sleep 1 & echo $!; wait; date')).output;
    expect(await run(3)).toBe(await run(3));
    expect(await run(3)).not.toBe(await run(4));
  });
});
