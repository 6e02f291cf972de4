import { describe, expect, it } from 'vitest';
import { createSession, type SessionOptions } from '../session/session';
import type { SessionSnapshot } from '../session/types';
import { Workspace } from '../session/workspace';
import { coreutils } from '../shell/commands';
import { Course, type CourseRecord, type CourseStorage, type LearnerFiles, type WorldLoad } from './course';
import { memoryStartCache, type LessonStart } from './start';

const host: SessionOptions['host'] = { yieldToHost: () => new Promise((r) => setImmediate(r)), shouldYield: () => true };
const world = (snapshot?: SessionSnapshot) => createSession({ host, time: { kind: 'virtual' }, programs: coreutils, snapshot });

const STARTS: Record<string, LessonStart> = {
  one: { files: { 'welcome.txt': 'hi\n' }, commands: [] },
  two: { files: {}, commands: ['mkdir -p projects && echo ready > projects/status'] },
};

class MemoryStorage implements CourseStorage {
  worlds = new Map<string, WorldLoad>();
  record: CourseRecord | undefined;
  saves = 0;
  startCache = memoryStartCache();
  async loadWorld(id: string): Promise<WorldLoad> {
    return this.worlds.get(id) ?? { kind: 'none' };
  }
  saveWorld(id: string, snapshot: SessionSnapshot, _learner: LearnerFiles): void {
    this.saves++;
    this.worlds.set(id, { kind: 'ok', snapshot: JSON.parse(JSON.stringify(snapshot)) as SessionSnapshot });
  }
  saveCourse(r: CourseRecord): void {
    this.record = r;
  }
}

function setup(storage = new MemoryStorage()) {
  const ws = new Workspace(world());
  let builds = 0;
  const timers: Array<() => void> = [];
  const course = new Course({
    workspace: ws,
    live: (s) => world(s),
    virtual: () => {
      builds++;
      return world();
    },
    loadStart: async (id) => STARTS[id],
    storage,
    startCaches: [memoryStartCache()],
    notice: (id, why) => `[${why} ${id}]`,
    schedule: (fn) => {
      timers.push(fn);
      return () => timers.splice(timers.indexOf(fn), 1);
    },
  });
  return { ws, course, storage, builds: () => builds, flushTimers: () => timers.splice(0).forEach((f) => f()) };
}

const read = (ws: Workspace, p: string) => (ws.fs.exists(`/home/learner/${p}`) ? ws.fs.readText(`/home/learner/${p}`) : undefined);

describe('Course', () => {
  it('gives each lesson its own world, built from its setup, and keeps the world a learner left', async () => {
    const { ws, course, builds } = setup();
    await course.open('one');
    expect(read(ws, 'welcome.txt')).toBe('hi\n');
    await ws.run('echo mine > notes.txt');
    await course.open('two');
    expect(read(ws, 'projects/status')).toBe('ready\n');
    expect(read(ws, 'notes.txt')).toBeUndefined();
    await course.open('one');
    expect(read(ws, 'notes.txt')).toBe('mine\n');
    // Only lesson two has setup commands: its start is built once in virtual time; one's files are written.
    expect(builds()).toBe(1);
  });

  it('saves worlds and progress, and a new page picks them up from storage', async () => {
    const a = setup();
    await a.course.open('one');
    await a.ws.run('echo kept > kept.txt');
    a.course.markDone('one/first');
    a.flushTimers();
    expect(a.storage.record).toEqual({ lessonId: 'one', done: ['one/first'] });
    expect(a.storage.worlds.get('one')?.kind).toBe('ok');

    const b = setup(a.storage);
    await b.course.open('one');
    expect(read(b.ws, 'kept.txt')).toBe('kept\n');
  });

  it('Reset brings the start back, forgets the lesson\'s done exercises, and Undo brings the learner\'s world back', async () => {
    const { ws, course } = setup();
    await course.open('two');
    await ws.run('rm -r projects && echo work > work.txt');
    course.markDone('two/a');
    course.markDone('one/x');
    await course.reset();
    expect(read(ws, 'projects/status')).toBe('ready\n');
    expect(read(ws, 'work.txt')).toBeUndefined();
    expect([...course.done]).toEqual(['one/x']);
    expect(course.canUndo).toBe(true);
    await course.undoReset();
    expect(read(ws, 'work.txt')).toBe('work\n');
    expect(read(ws, 'projects/status')).toBeUndefined();
    expect(course.canUndo).toBe(false);
  });

  it('rebuilds a world it cannot restore from the start, with the learner\'s files and history', async () => {
    const storage = new MemoryStorage();
    storage.worlds.set('two', { kind: 'rebuild', files: { 'old/notes.txt': 'from before\n' }, modes: {}, history: 'ls\n' });
    const { ws, course } = setup(storage);
    await course.open('two');
    expect(read(ws, 'projects/status')).toBe('ready\n');
    expect(read(ws, 'old/notes.txt')).toBe('from before\n');
    expect(read(ws, '.bash_history')).toBe('ls\n');
  });
});
