import { describe, it, expect } from 'vitest';
import { ShellHistory } from './history';

describe('ShellHistory', () => {
  it('skips consecutive duplicates and lines starting with a space (ignoreboth)', () => {
    const h = new ShellHistory();
    for (const l of ['ls', 'ls', ' secret', 'pwd', 'ls', '', '   ']) h.add(l);
    expect(h.entries).toEqual(['ls', 'pwd', 'ls']);
  });

  it('honours other HISTCONTROL values', () => {
    const h = new ShellHistory({ control: '' });
    for (const l of ['ls', 'ls', ' x']) h.add(l);
    expect(h.entries).toEqual(['ls', 'ls', ' x']);
    const e = new ShellHistory({ control: 'erasedups' });
    for (const l of ['a', 'b', 'a']) e.add(l);
    expect(e.entries).toEqual(['b', 'a']);
  });

  it('keeps at most maxSize entries', () => {
    const h = new ShellHistory({ maxSize: 3 });
    for (const l of ['1', '2', '3', '4', '5']) h.add(l);
    expect(h.entries).toEqual(['3', '4', '5']);
    h.setMaxSize(1);
    expect(h.entries).toEqual(['5']);
  });

  it('round-trips through ~/.bash_history text', () => {
    const h = new ShellHistory();
    h.add('docker ps');
    h.add('kubectl get pods');
    expect(h.toText()).toBe('docker ps\nkubectl get pods\n');
    const g = ShellHistory.fromText(h.toText());
    expect(g.entries).toEqual(['docker ps', 'kubectl get pods']);
    expect(new ShellHistory().toText()).toBe('');
  });

  it('skips timestamp lines and bounds what it loads', () => {
    const h = new ShellHistory({ maxSize: 2 });
    h.fromText('#1700000000\na\n#1700000001\nb\nc\n');
    expect(h.entries).toEqual(['b', 'c']);
  });

  it('clears and deletes like history -c and history -d', () => {
    const h = ShellHistory.fromText('a\nb\nc\n');
    expect(h.delete(2)).toBe(true);
    expect(h.delete(9)).toBe(false);
    expect(h.entries).toEqual(['a', 'c']);
    h.clear();
    expect(h.entries).toEqual([]);
  });
});
