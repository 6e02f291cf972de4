import { describe, it, expect } from 'vitest';
import { Clock, DEFAULT_EPOCH } from './clock';

describe('Clock', () => {
  it('starts at the default epoch or the given state', () => {
    expect(new Clock().now()).toBe(DEFAULT_EPOCH);
    expect(new Clock({ now: 1234 }).now()).toBe(1234);
  });

  it('never moves on its own: scheduling does not advance time', () => {
    const c = new Clock({ now: 0 });
    let ran = false;
    c.schedule(10, () => (ran = true));
    expect(c.now()).toBe(0);
    expect(ran).toBe(false);
    expect(c.pending).toBe(1);
    expect(c.nextDue()).toBe(10);
  });

  it('runs due timers in time order, then by scheduling order, with now set to each due time', () => {
    const c = new Clock({ now: 0 });
    const log: string[] = [];
    c.schedule(30, () => log.push(`c@${c.now()}`));
    c.schedule(10, () => log.push(`a@${c.now()}`));
    c.schedule(10, () => log.push(`b@${c.now()}`));
    c.schedule(50, () => log.push(`d@${c.now()}`));
    c.advanceTo(40);
    expect(log).toEqual(['a@10', 'b@10', 'c@30']);
    expect(c.now()).toBe(40);
    expect(c.pending).toBe(1);
    c.advanceBy(10);
    expect(log).toEqual(['a@10', 'b@10', 'c@30', 'd@50']);
    expect(c.pending).toBe(0);
    expect(c.nextDue()).toBeUndefined();
  });

  it('runs timers scheduled by timers when they fall due in the same advance', () => {
    const c = new Clock({ now: 0 });
    const log: number[] = [];
    c.schedule(5, () => {
      log.push(c.now());
      c.schedule(5, () => log.push(c.now()));
      c.schedule(100, () => log.push(c.now()));
    });
    c.advanceTo(20);
    expect(log).toEqual([5, 10]);
    expect(c.pending).toBe(1);
  });

  it('never moves back', () => {
    const c = new Clock({ now: 100 });
    c.advanceTo(50);
    expect(c.now()).toBe(100);
  });

  it('clamps negative delays to now and runs zero-delay work on settle without moving time', () => {
    const c = new Clock({ now: 100 });
    const log: number[] = [];
    c.schedule(-5, () => log.push(c.now()));
    c.schedule(0, () => log.push(c.now()));
    c.schedule(1, () => log.push(c.now()));
    c.settle();
    expect(log).toEqual([100, 100]);
    expect(c.now()).toBe(100);
  });

  it('cancels a timer through its disposable', () => {
    const c = new Clock({ now: 0 });
    let ran = 0;
    const d = c.schedule(10, () => ran++);
    d.dispose();
    d.dispose();
    c.advanceTo(100);
    expect(ran).toBe(0);
    expect(c.pending).toBe(0);
  });

  it('fires onDidSchedule for each timer added', () => {
    const c = new Clock({ now: 0 });
    let n = 0;
    c.onDidSchedule(() => n++);
    c.schedule(1, () => {});
    c.sleep(5);
    expect(n).toBe(2);
  });

  it('sleep resolves after the simulated delay and can be cancelled', async () => {
    const c = new Clock({ now: 0 });
    let done = false;
    const s = c.sleep(1000);
    void s.promise.then(() => (done = true));
    c.advanceBy(999);
    await Promise.resolve();
    expect(done).toBe(false);
    c.advanceBy(1);
    await s.promise;
    expect(done).toBe(true);

    const s2 = c.sleep(10);
    s2.cancel();
    expect(c.pending).toBe(0);
  });

  it('snapshots and restores the time', () => {
    const c = new Clock({ now: 0 });
    c.advanceTo(12345);
    const state = JSON.parse(JSON.stringify(c.snapshot())) as ReturnType<Clock['snapshot']>;
    expect(new Clock(state).now()).toBe(12345);
  });
});
