import { describe, expect, it } from 'vitest';
import type { Exercise } from '../../lessons/schema';
import { FakeLessonSession } from '../../lessons/testing/fakeSession';
import { ExerciseTracker } from './exerciseTracker';

const ex: Exercise = {
  id: 'hello',
  title: { en: 'Hello', zh: '你好' },
  checks: [{ file: 'hello.txt', contains: 'Hello, Dockyard' }],
  hints: { en: [], zh: [] },
  solution: { commands: ['echo "Hello, Dockyard" > hello.txt'] },
};

function manualTimers() {
  const pending: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  return {
    pending,
    schedule(fn: () => void, ms: number) {
      const t = { fn, ms, cancelled: false };
      pending.push(t);
      return () => {
        t.cancelled = true;
      };
    },
    flush() {
      for (const t of pending.splice(0)) if (!t.cancelled) t.fn();
    },
  };
}

describe('ExerciseTracker', () => {
  it('reports what is wrong, then done, and stays done when the world changes back', async () => {
    const s = new FakeLessonSession();
    const timers = manualTimers();
    const done: string[] = [];
    const t = new ExerciseTracker(s, [ex], { schedule: timers.schedule, onDone: (id) => done.push(id) });
    t.start();
    expect(t.get('hello').status).toBe('unchecked');
    await t.check('hello');
    expect(t.get('hello')).toMatchObject({ status: 'not-done', messages: { en: 'expected a file hello.txt in your home folder, found none' } });

    await s.run('echo "Hello, world" > hello.txt');
    timers.flush();
    await t.checkAll();
    expect(t.get('hello').messages?.en).toBe('expected hello.txt to contain “Hello, Dockyard”, found “Hello, world”');

    await s.run('echo "Hello, Dockyard" > hello.txt');
    timers.flush();
    await t.checkAll();
    expect(t.get('hello').status).toBe('done');
    expect(done).toEqual(['hello']);

    await s.run('rm hello.txt');
    await t.check('hello');
    expect(t.get('hello').status).toBe('done');
    expect(done).toEqual(['hello']);
    t.dispose();
  });

  it('debounces re-checks: many changes, one timer that fires', async () => {
    const s = new FakeLessonSession();
    const timers = manualTimers();
    const t = new ExerciseTracker(s, [ex], { schedule: timers.schedule, debounceMs: 250 });
    t.start();
    await s.run('true');
    await s.run('true');
    await s.run('true');
    expect(timers.pending.filter((p) => !p.cancelled)).toHaveLength(1);
    expect(timers.pending[0]?.ms).toBe(250);
    t.dispose();
    expect(timers.pending.every((p) => p.cancelled)).toBe(true);
  });

  it('listens only while started: a StrictMode stop and restart leaves it working', async () => {
    const s = new FakeLessonSession();
    const timers = manualTimers();
    const t = new ExerciseTracker(s, [ex], { schedule: timers.schedule });
    t.start().dispose();
    await s.run('true');
    expect(timers.pending).toHaveLength(0);
    t.start();
    await s.run('true');
    expect(timers.pending.filter((p) => !p.cancelled)).toHaveLength(1);
    t.dispose();
  });

  it('starts done for restored progress and never changes the learner\'s world', async () => {
    const s = new FakeLessonSession();
    const t = new ExerciseTracker(s, [ex], { schedule: () => () => {}, initiallyDone: ['hello'] });
    expect(t.get('hello').status).toBe('done');
    await t.checkAll();
    expect(s.ran).toEqual([]);
    expect(t.done()).toEqual(['hello']);
  });
});
