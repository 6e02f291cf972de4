import { describe, expect, it } from 'vitest';
import { createFakeSession } from './dev/fakeSession';
import { isDirty } from './editor/openFiles';
import { createDockyardController, resolvedTheme } from './store';

const tick = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const session = createFakeSession();
  const c = createDockyardController(session, { lang: 'en', theme: 'auto', layout: 'full', storageKey: 'k' });
  return { session, c, s: () => c.store.getState(), a: c.store.getState().actions };
}

describe('the instance store', () => {
  it('opens a file, marks it unsaved when typed, and saves it to the session fs', () => {
    const { session, s, a } = setup();
    a.openFile('/home/learner/README.md');
    expect(s().activeFile).toBe('/home/learner/README.md');
    a.setText('/home/learner/README.md', 'changed\n');
    expect(isDirty(s().files[0]!)).toBe(true);
    expect(a.saveFile()).toBe(true);
    expect(session.fs.readText('/home/learner/README.md')).toBe('changed\n');
    expect(isDirty(s().files[0]!)).toBe(false);
  });

  it('reloads an open, unmodified file changed by the terminal, and keeps a modified one', async () => {
    const { session, s, a } = setup();
    a.openFile('/home/learner/README.md');
    session.fs.writeFile('/home/learner/README.md', 'from terminal\n');
    await tick();
    expect(s().files[0]!.text).toBe('from terminal\n');
    a.setText('/home/learner/README.md', 'mine');
    session.fs.writeFile('/home/learner/README.md', 'again\n');
    await tick();
    expect(s().files[0]).toMatchObject({ text: 'mine', notice: 'conflict' });
  });

  it('bumps fsVersion once per burst of changes', async () => {
    const { session, s } = setup();
    const v = s().fsVersion;
    for (let i = 0; i < 50; i++) session.fs.writeFile(`/home/learner/f${i}`, 'x');
    await tick();
    expect(s().fsVersion).toBe(v + 1);
  });

  it('creates, renames and deletes files and folders, reporting failures', () => {
    const { session, s, a } = setup();
    expect(a.createFolder('/home/learner', 'app')).toBe(true);
    expect(a.createFile('/home/learner/app', 'Dockerfile')).toBe(true);
    expect(s().activeFile).toBe('/home/learner/app/Dockerfile');
    expect(a.createFile('/home/learner/app', 'Dockerfile')).toBe(false);
    expect(s().flash).toBe('Could not do that: File exists');
    expect(a.renamePath('/home/learner/app', 'web')).toBe(true);
    expect(session.fs.exists('/home/learner/web/Dockerfile')).toBe(true);
    expect(s().activeFile).toBe('/home/learner/web/Dockerfile');
    expect(a.deletePath('/home/learner/web')).toBe(true);
    expect(session.fs.exists('/home/learner/web')).toBe(false);
  });

  it('opens a file for `code file` (session.onOpenInEditor)', async () => {
    const { session, s } = setup();
    const t = session.openTerminal();
    t.input('code notes.txt\r');
    await tick();
    expect(s().activeFile).toBe('/home/learner/notes.txt');
    expect(s().focus?.pane).toBe('editor');
  });

  it('keeps terminal tabs numbered, restarts an exited one, and closes tabs', async () => {
    const { s, a } = setup();
    const one = a.openTerminal();
    const two = a.openTerminal();
    expect([one, two]).toEqual([1, 2]);
    s().terminals[1]!.model.input('exit\r');
    await tick();
    await tick();
    expect(s().terminals[1]!.exitCode).toBe(0);
    a.restartTerminal(2);
    expect(s().terminals[1]!.exitCode).toBeNull();
    a.closeTerminal(1);
    expect(s().terminals.map((t) => t.n)).toEqual([2]);
    expect(s().activeTerminal).toBe(2);
  });

  it('runs a lesson command in the active terminal', async () => {
    const { s, a } = setup();
    a.runInTerminal('echo hi');
    await tick();
    expect(s().terminals).toHaveLength(1);
    expect(s().terminals[0]!.model.log).toContain('hi\r\n');
  });

  it('follows the system theme until the learner picks one', () => {
    const { s, a } = setup();
    expect(resolvedTheme(s())).toBe('light');
    a.setSystemDark(true);
    expect(resolvedTheme(s())).toBe('dark');
    a.toggleTheme();
    expect(resolvedTheme(s())).toBe('light');
    a.setSystemDark(false);
    expect(resolvedTheme(s())).toBe('light');
  });

  it('stops listening when disposed', async () => {
    const { session, c, s, a } = setup();
    a.openFile('/home/learner/README.md');
    c.dispose();
    session.fs.writeFile('/home/learner/README.md', 'later');
    await tick();
    expect(s().files[0]!.text).not.toBe('later');
  });
});
