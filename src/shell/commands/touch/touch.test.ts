import { describe, expect, it } from 'vitest';
import { makeWorld, run } from '../testing/harness';
import { describeScripts } from '../testing/scripted';

describeScripts('touch against GNU touch', { f: 'x' }, [
  { cmds: [['touch', 'new'], ['cat', 'new']] },
  { cmds: [['touch', 'nodir/x']] },
  { cmds: [['touch', '-d', 'garbage', 'f']] },
  { cmds: [['touch', '-d', '2024-01-02 03:04:05', 'f'], ['ls', '-l', '--full-time', 'f']] },
  { cmds: [['touch', '-t', '202401020304.05', 'f'], ['ls', '-l', '--full-time', 'f']] },
  { cmds: [['touch', '-c', 'nothere']] },
  { cmds: [['touch']] },
]);

describe('touch', () => {
  it('sets the mtime to the clock', async () => {
    const w = makeWorld({ '/home/learner/f': '' });
    w.fs.chown('/home/learner/f', 1000, 1000);
    w.fs.utimes('/home/learner/f', 0);
    w.clock.advanceBy(5000);
    await run(w, 'touch f');
    expect(w.fs.stat('/home/learner/f').mtime).toBe(w.clock.now());
  });
  it("cannot touch another user's file", async () => {
    const w = makeWorld({ '/home/learner/f': '' });
    expect((await run(w, 'touch f')).err).toBe("touch: cannot touch 'f': Permission denied\n");
  });
});
