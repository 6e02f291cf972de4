import { describe, expect, it } from 'vitest';
import { Emitter } from '../../engine/core/events';
import type { TerminalHandle } from '../../session/types';
import { TerminalModel } from './terminalModel';

function fakeHandle() {
  const out = new Emitter<string>();
  const exit = new Emitter<number>();
  const typed: string[] = [];
  const sizes: string[] = [];
  let disposed = false;
  const handle: TerminalHandle = {
    id: 1,
    input: (d) => typed.push(d),
    onOutput: out.event,
    onExit: exit.event,
    resize: (c, r) => sizes.push(`${c}x${r}`),
    dispose: () => (disposed = true),
  };
  return { handle, out, exit, typed, sizes, disposed: () => disposed };
}

describe('TerminalModel', () => {
  it('replays output printed before a screen attached, then streams', () => {
    const h = fakeHandle();
    const m = new TerminalModel(h.handle, () => {});
    h.out.fire('$ ');
    const screen: string[] = [];
    const d = m.attach((s) => screen.push(s));
    h.out.fire('hi');
    expect(screen).toEqual(['$ ', 'hi']);
    d.dispose();
    h.out.fire('!');
    expect(screen).toHaveLength(2);
    const again: string[] = [];
    m.attach((s) => again.push(s));
    expect(again).toEqual(['$ hi!']);
  });

  it('drops the oldest output past its limit', () => {
    const h = fakeHandle();
    const m = new TerminalModel(h.handle, () => {}, 10);
    for (const s of ['aaaa', 'bbbb', 'cccc']) h.out.fire(s);
    expect(m.log).toBe('bbbbcccc');
  });

  it('forwards keys and sizes until the shell exits', () => {
    const h = fakeHandle();
    const codes: number[] = [];
    const m = new TerminalModel(h.handle, (c) => codes.push(c));
    m.input('ls\r');
    m.resize(80, 24);
    m.resize(0, 0);
    h.exit.fire(3);
    m.input('more');
    expect(h.typed).toEqual(['ls\r']);
    expect(h.sizes).toEqual(['80x24']);
    expect(codes).toEqual([3]);
    expect(m.exitCode).toBe(3);
    m.dispose();
    expect(h.disposed()).toBe(true);
  });

  it('disposes what it owns with the tab, and at once once the tab is gone', () => {
    const h = fakeHandle();
    const m = new TerminalModel(h.handle, () => {});
    const log: string[] = [];
    m.own({ dispose: () => log.push('screen') });
    expect(log).toEqual([]);
    m.dispose();
    m.dispose();
    expect(log).toEqual(['screen']);
    expect(m.isDisposed).toBe(true);
    m.own({ dispose: () => log.push('late') });
    expect(log).toEqual(['screen', 'late']);
  });
});
