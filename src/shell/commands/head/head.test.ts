import { describe, expect, it } from 'vitest';
import { Pipe } from '../../../engine/runtime/streams';
import { makeWorld, run } from '../testing/harness';
import { describeScripts } from '../testing/scripted';

const lines = Array.from({ length: 15 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
const TREE = { f: lines, g: 'a\nb\nc', d: { dir: true as const } };

describeScripts('head against GNU head', TREE, [
  { cmds: [['head', 'f']] },
  { cmds: [['head', '-n', '3', 'f']] },
  { cmds: [['head', '-n3', 'f', 'g']] },
  { cmds: [['head', '-3', 'f']] },
  { cmds: [['head', '--lines=2', 'g']] },
  { cmds: [['head', '-n', '-12', 'f']] },
  { cmds: [['head', '-c', '10', 'f']] },
  { cmds: [['head', '-c', '-40', 'f']] },
  { cmds: [['head', '-q', '-n1', 'f', 'g']] },
  { cmds: [['head', '-v', '-n1', 'g']] },
  { cmds: [['head', '-n', 'x', 'f']] },
  { cmds: [['head', '-c', '2x', 'f']] },
  { cmds: [['head', 'nope', 'g']] },
  { cmds: [['head', 'd']] },
  { cmds: [['head', '-n1', 'd', 'g']] },
  { cmds: [['head', '-n']] },
  { cmds: [['head', '-Q']] },
  { cmds: [['head', '-n', '2']], stdin: ['x\ny\nz'] },
  { cmds: [['tail', 'f']] },
  { cmds: [['tail', '-n', '2', 'f', 'g']] },
  { cmds: [['tail', '-n', '+13', 'f']] },
  { cmds: [['tail', '-3', 'f']] },
  { cmds: [['tail', '-c', '5', 'f']] },
  { cmds: [['tail', '-c', '+80', 'f']] },
  { cmds: [['tail', 'nope', 'g']] },
  { cmds: [['tail', 'd']] },
  { cmds: [['tail', '-n', 'q']] },
  { cmds: [['tail', '-n', '1']], stdin: ['x\ny\nz'] },
  { cmds: [['wc', 'f', 'g']] },
  { cmds: [['wc', '-l', 'f']] },
  { cmds: [['wc', '-l', 'f', 'g']] },
  { cmds: [['wc', '-w', 'g']] },
  { cmds: [['wc', '-c', 'f', '-']], stdin: ['abc'] },
  { cmds: [['wc', 'nope', 'g']] },
  { cmds: [['wc', 'g', 'nope']] },
  { cmds: [['wc', 'd']] },
  { cmds: [['wc', '-L', '-m', 'f']] },
  { cmds: [['wc', '-z']] },
]);

describe('head and tail streaming', () => {
  it('head ends an endless pipe after N lines', async () => {
    const w = makeWorld();
    const p = new Pipe();
    let closed = false;
    const writer = (async () => {
      try {
        for (let i = 0; ; i++) await p.writer.write(`y\n`);
      } catch {
        closed = true;
      }
    })();
    const r = await run(w, ['head', '-n', '3'], { stdin: p.reader });
    p.reader.close();
    await writer;
    expect(r.out).toBe('y\ny\ny\n');
    expect(closed).toBe(true);
  });

  it('tail -f prints what is appended until interrupted', async () => {
    const w = makeWorld({ '/home/learner/log': 'one\n' });
    const r = await run(w, ['tail', '-f', 'log'], {
      during: async (world) => {
        for (let i = 0; i < 5; i++) await Promise.resolve();
        world.fs.writeFile('/home/learner/log', 'two\n', { append: true });
        for (let i = 0; i < 5; i++) await Promise.resolve();
        world.fs.writeFile('/home/learner/log', 'three\n', { append: true });
        for (let i = 0; i < 5; i++) await Promise.resolve();
        for (const p of world.kernel.processes.values()) world.kernel.kill(p.pid, 'SIGINT');
      },
    });
    expect(r.out).toBe('one\ntwo\nthree\n');
    expect(r.status).toBe(130);
  });
});
