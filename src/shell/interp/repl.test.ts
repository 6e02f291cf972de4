import { describe, expect, it } from 'vitest';
import { expandHistory } from './repl';
import { createTestHost } from '../testing/harness';

describe('history expansion', () => {
  const h = ['ls -l /tmp', 'echo hello world', 'git status'];
  it.each([
    ['!!', 'git status'],
    ['sudo !!', 'sudo git status'],
    ['!1', 'ls -l /tmp'],
    ['!-2', 'echo hello world'],
    ['!ec', 'echo hello world'],
    ['!?hello?', 'echo hello world'],
    ['echo !$', 'echo status'],
    ['echo !^', 'echo status'],
    ['echo !*', 'echo status'],
    ['^status^log', 'git log'],
    ["echo '!!'", "echo '!!'"],
    ['echo a!', 'echo a!'],
    ['echo ! x', 'echo ! x'],
    ['echo \\!!', 'echo \\!!'],
  ])('%s → %s', (line, want) => {
    const r = expandHistory(line, h);
    expect(r).toMatchObject({ ok: true, line: want });
  });

  it('reports unknown events in bash words', () => {
    expect(expandHistory('!nope', h)).toEqual({ ok: false, error: '!nope: event not found' });
    expect(expandHistory('!99', h)).toEqual({ ok: false, error: '!99: event not found' });
  });
});

describe('prompts', () => {
  it('expands bash prompt escapes', async () => {
    const host = createTestHost();
    const t = await host.openTty();
    await t.line(String.raw`PS1='\u|\h|\H|\w|\W|\$|\s|\v|\V|\j|\#|\!|\t|\A|\d|\\|\101|$((1+1))|\[\e[1m\]> '`);
    t.clear();
    await t.line('cd /usr/bin');
    expect(t.text()).toBe('cd /usr/bin\nlearner|dockyard|dockyard|/usr/bin|bin|$|bash|5.2|5.2.15|0|3|3|09:00:00|09:00|Mon Jan 05|\\|A|2|> ');
  });

  it('passes invisible sequences to readline as \\x01 and \\x02', async () => {
    const host = createTestHost();
    const t = await host.openTty({ screen: 'full' });
    // The Debian ~/.bashrc sets a colour prompt for xterm-256color.
    expect(t.text()).toContain('\x1b[01;32mlearner@dockyard\x1b[00m:\x1b[01;34m~\x1b[00m$ ');
    expect(t.text()).not.toContain('\x01');
  });

  it('gives dash its own prompt and messages', async () => {
    const host = createTestHost();
    const t = await host.openTty();
    await t.line('sh');
    t.clear();
    expect(await t.line('nosuch')).toBe('nosuch\nsh: 1: nosuch: not found\n$ ');
    expect(await t.line('exit')).toBe('exit\nlearner@dockyard:~$ ');
  });
});
