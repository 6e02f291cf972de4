import { describe, expect, it } from 'vitest';
import { Pipe } from '../../../engine/runtime/streams';
import { makeWorld, run } from '../testing/harness';
import { describeScripts } from '../testing/scripted';

const TREE = { a: 'one\ntwo\n\n\n\tthree\x01\x7f\n', b: 'no newline', 'é b': 'x\n', d: { dir: true as const } };

describeScripts('cat against GNU cat', TREE, [
  { cmds: [['cat', 'a', 'b']] },
  { cmds: [['cat', '-n', 'a', 'b']] },
  { cmds: [['cat', '-b', 'a']] },
  { cmds: [['cat', '-s', 'a']] },
  { cmds: [['cat', '-A', 'a']] },
  { cmds: [['cat', '-ET', 'a']] },
  { cmds: [['cat', '-e', 'a']] },
  { cmds: [['cat', 'nope', 'd', 'a']] },
  { cmds: [['cat', '-z']] },
  { cmds: [['cat', '-', 'b']], stdin: ['from stdin'] },
  { cmds: [['cat', 'é b', 'x y']] },
]);

describe('cat streaming', () => {
  it('copies a pipe chunk by chunk before it ends', async () => {
    const w = makeWorld();
    const p = new Pipe();
    const done = run(w, ['cat'], { stdin: p.reader });
    await p.writer.write('first\n');
    // give cat a chance to copy the first chunk
    for (let i = 0; i < 20; i++) await Promise.resolve();
    p.writer.close();
    const r = await done;
    expect(r.out).toBe('first\n');
  });
});
