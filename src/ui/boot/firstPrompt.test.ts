import { describe, expect, it } from 'vitest';
import { Emitter } from '../../engine/core/events';
import type { TerminalHandle } from '../../session/types';
import { TerminalModel } from '../terminal/terminalModel';
import { showsText, whenFirstPromptShown } from './firstPrompt';

function model() {
  const out = new Emitter<string>();
  const handle: TerminalHandle = {
    id: 1,
    input: () => {},
    onOutput: out.event,
    onExit: new Emitter<number>().event,
    resize: () => {},
    dispose: () => {},
  };
  return { out, model: new TerminalModel(handle, () => {}) };
}

const settled = async (p: Promise<void>) => {
  let done = false;
  void p.then(() => (done = true));
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
};

describe('showsText', () => {
  it('ignores escape sequences and white space', () => {
    expect(showsText('\x1b[?2004h')).toBe(false);
    expect(showsText('\x1b]0;learner@dockyard: ~\x07\r\n ')).toBe(false);
    expect(showsText('\x1b[01;32m')).toBe(false);
    expect(showsText('\x1b[01;32mlearner@dockyard\x1b[00m:~$ ')).toBe(true);
    expect(showsText('$')).toBe(true);
  });
});

describe('whenFirstPromptShown', () => {
  it('waits for visible text, then for it to be drawn', async () => {
    const m = model();
    let draw!: () => void;
    const w = whenFirstPromptShown(m.model, { drawn: () => new Promise<void>((r) => (draw = r)), timeout: 60_000 });
    m.out.fire('\x1b[?2004h');
    expect(await settled(w.promise)).toBe(false);
    m.out.fire('\x1b[01;32mlearner');
    expect(await settled(w.promise)).toBe(false);
    draw();
    expect(await settled(w.promise)).toBe(true);
    w.dispose();
  });

  it('counts what was printed before it was asked', async () => {
    const m = model();
    m.out.fire('$ ');
    const w = whenFirstPromptShown(m.model, { timeout: 60_000 });
    expect(await settled(w.promise)).toBe(true);
  });

  it('gives up waiting after its timeout, and settles at once when disposed', async () => {
    const quiet = whenFirstPromptShown(model().model, { timeout: 5 });
    await quiet.promise;
    const m = model();
    const w = whenFirstPromptShown(m.model, { timeout: 60_000 });
    expect(await settled(w.promise)).toBe(false);
    w.dispose();
    expect(await settled(w.promise)).toBe(true);
  });
});
