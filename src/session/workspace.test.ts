import { describe, expect, it } from 'vitest';
import type { FsChange } from '../engine/fs/types';
import { coreutils } from '../shell/commands';
import { createSession, type SessionOptions } from './session';
import { Workspace } from './workspace';

const host: SessionOptions['host'] = { yieldToHost: () => new Promise((r) => setImmediate(r)), shouldYield: () => true };
const world = (opts: Partial<SessionOptions> = {}) => createSession({ host, time: { kind: 'virtual' }, programs: coreutils, ...opts });

/** Types a line in a terminal and waits until the shell printed its next prompt. */
async function typeLine(ws: Workspace, out: string[], t: ReturnType<Workspace['openTerminal']>, line: string): Promise<void> {
  const before = out.join('').split('$ ').length;
  t.input(`${line}\r`);
  for (let i = 0; i < 2000 && out.join('').split('$ ').length <= before; i++) await new Promise((r) => setImmediate(r));
  void ws;
}

describe('Workspace', () => {
  it('switches worlds under the same file system view, events and terminals', async () => {
    const a = world();
    await a.run('echo one > a.txt');
    const ws = new Workspace(a);
    const changes: FsChange[] = [];
    ws.fs.onDidChange((c) => changes.push(c));
    const term = ws.openTerminal();
    const out: string[] = [];
    term.onOutput((s) => out.push(s));
    await typeLine(ws, out, term, 'echo typed-in-a');
    expect(ws.fs.readText('/home/learner/a.txt')).toBe('one\n');

    const b = world();
    await b.run('echo two > b.txt');
    ws.switchTo(b, { notice: 'Lesson 2' });
    expect(ws.world).toBe(b);
    expect(ws.fs.exists('/home/learner/a.txt')).toBe(false);
    expect(ws.fs.readText('/home/learner/b.txt')).toBe('two\n');
    expect(changes.at(-1)).toEqual({ kind: 'modify', path: '/', type: 'dir' });
    // The history typed in world a came along.
    expect(ws.fs.readText('/home/learner/.bash_history')).toContain('echo typed-in-a');

    // The same terminal now runs a shell in world b, after the notice.
    await typeLine(ws, out, term, 'cat b.txt');
    const screen = out.join('');
    expect(screen).toContain('\x1b[2mLesson 2\x1b[0m');
    expect(screen.slice(screen.indexOf('Lesson 2'))).toContain('two');

    // Writes through the view go to the new world, and file events keep flowing.
    ws.fs.writeFile('/home/learner/c.txt', 'three');
    await Promise.resolve();
    expect(b.fs.readText('/home/learner/c.txt')).toBe('three');
    expect(changes.some((c) => c.path === '/home/learner/c.txt')).toBe(true);
    ws.dispose();
  });

  it('does not report the old shell\'s hang-up as the terminal exiting', async () => {
    const ws = new Workspace(world());
    const term = ws.openTerminal();
    const exits: number[] = [];
    term.onExit((c) => exits.push(c));
    ws.switchTo(world());
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(exits).toEqual([]);
    const out: string[] = [];
    term.onOutput((s) => out.push(s));
    term.input('exit\r');
    for (let i = 0; i < 500 && exits.length === 0; i++) await new Promise((r) => setImmediate(r));
    expect(exits).toEqual([0]);
    ws.dispose();
  });
});
