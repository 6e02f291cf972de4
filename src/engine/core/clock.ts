/**
 * The engine's one discrete-event clock. Work is scheduled at future times; `advanceTo` runs what
 * is due in time order. The clock itself never moves on its own: the session drives it, at wall
 * rate in the page and virtually in `npm run sim`.
 */
import { toDisposable, Emitter, type IDisposable } from './events';

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly fn: () => void;
}

export interface ClockState {
  /** Milliseconds since the Unix epoch, simulated. */
  readonly now: number;
}

/** 2026-01-05T09:00:00Z: a believable "now" for fresh instances and deterministic tests. */
export const DEFAULT_EPOCH = Date.UTC(2026, 0, 5, 9, 0, 0);

export class Clock {
  private nowMs: number;
  private seq = 0;
  private timers: Timer[] = [];
  private readonly onDidScheduleEmitter = new Emitter<void>();
  /** Fires whenever a timer is added, so a real-time driver can re-arm. */
  readonly onDidSchedule = this.onDidScheduleEmitter.event;

  constructor(state: ClockState = { now: DEFAULT_EPOCH }) {
    this.nowMs = state.now;
  }

  now(): number {
    return this.nowMs;
  }

  /** Schedules `fn` at `delayMs` from now (0 runs at the next settle). */
  schedule(delayMs: number, fn: () => void): IDisposable {
    const timer: Timer = { id: ++this.seq, at: this.nowMs + Math.max(0, delayMs), fn };
    // keep sorted by (at, id): insertion is rare enough for a linear scan from the end
    let i = this.timers.length;
    while (i > 0 && this.timers[i - 1]!.at > timer.at) i--;
    this.timers.splice(i, 0, timer);
    this.onDidScheduleEmitter.fire();
    return toDisposable(() => {
      const k = this.timers.indexOf(timer);
      if (k >= 0) this.timers.splice(k, 1);
    });
  }

  /** A promise that resolves after `delayMs` of simulated time. */
  sleep(delayMs: number): { promise: Promise<void>; cancel: () => void } {
    let d: IDisposable | undefined;
    const promise = new Promise<void>((resolve) => {
      d = this.schedule(delayMs, resolve);
    });
    return { promise, cancel: () => d?.dispose() };
  }

  /** Time of the earliest pending timer, if any. */
  nextDue(): number | undefined {
    return this.timers[0]?.at;
  }

  get pending(): number {
    return this.timers.length;
  }

  /** Runs every timer due at or before `t`, in order, and sets the time to `t`. Never moves back. */
  advanceTo(t: number): void {
    while (this.timers.length > 0 && this.timers[0]!.at <= t) {
      const timer = this.timers.shift()!;
      if (timer.at > this.nowMs) this.nowMs = timer.at;
      timer.fn();
    }
    if (t > this.nowMs) this.nowMs = t;
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.nowMs + ms);
  }

  /** Runs timers that are already due without moving time. */
  settle(): void {
    this.advanceTo(this.nowMs);
  }

  snapshot(): ClockState {
    return { now: this.nowMs };
  }
}
