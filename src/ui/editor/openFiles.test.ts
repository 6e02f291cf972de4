import { describe, expect, it } from 'vitest';
import { edit, isDirty, markSaved, openFromDisk, reconcile, affects, type DiskState } from './openFiles';

const text = (t: string): DiskState => ({ kind: 'text', text: t });

describe('open files follow the disk without losing the learner’s text', () => {
  it('reloads an unmodified file changed on disk', () => {
    const f = openFromDisk('/h/a.txt', text('one\n'));
    const g = reconcile(f, text('two\n'));
    expect(g.text).toBe('two\n');
    expect(isDirty(g)).toBe(false);
    expect(g.notice).toBeNull();
  });

  it('keeps the editor text of a modified file and reports the conflict', () => {
    const f = edit(openFromDisk('/h/a.txt', text('one\n')), 'mine\n');
    const g = reconcile(f, text('theirs\n'));
    expect(g.text).toBe('mine\n');
    expect(g.saved).toBe('theirs\n');
    expect(g.notice).toBe('conflict');
    expect(isDirty(g)).toBe(true);
    const h = markSaved(g);
    expect(h.notice).toBeNull();
    expect(isDirty(h)).toBe(false);
  });

  it('returns the same object when the disk holds what was saved', () => {
    const f = openFromDisk('/h/a.txt', text('x'));
    expect(reconcile(f, text('x'))).toBe(f);
    const saved = markSaved(edit(f, 'y'));
    expect(reconcile(saved, text('y'))).toBe(saved);
  });

  it('keeps a deleted file open, dirty, and reloads it when it comes back', () => {
    const f = openFromDisk('/h/a.txt', text('x'));
    const g = reconcile(f, { kind: 'missing' });
    expect(g.notice).toBe('deleted');
    expect(g.text).toBe('x');
    expect(isDirty(g)).toBe(true);
    const h = reconcile(g, text('new'));
    expect(h.text).toBe('new');
    expect(h.notice).toBeNull();
  });

  it('does not replace a modified file with a binary one', () => {
    const f = edit(openFromDisk('/h/a', text('x')), 'typed');
    const g = reconcile(f, { kind: 'binary' });
    expect(g.text).toBe('typed');
    expect(g.readOnly).toBe(false);
    expect(reconcile(openFromDisk('/h/a', text('x')), { kind: 'binary' }).readOnly).toBe(true);
  });

  it('a new file is dirty until saved, and clears a conflict when text matches disk', () => {
    const f = openFromDisk('/h/new.yaml', { kind: 'missing' });
    expect(isDirty(f)).toBe(true);
    const c = reconcile(edit(openFromDisk('/h/a', text('1')), '2'), text('3'));
    expect(edit(c, '3').notice).toBeNull();
  });

  it('affects() matches the path and paths under a folder only', () => {
    expect(affects('/h/a', '/h/a')).toBe(true);
    expect(affects('/h/a', '/h/a/b.txt')).toBe(true);
    expect(affects('/h/a', '/h/ab.txt')).toBe(false);
  });
});
