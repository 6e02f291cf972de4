/** The job table of an interactive shell: `[1]+  Running    sleep 10 &`. */
import type { Process } from '../../engine/runtime/kernel';
import { SIGNAL_DESCRIPTIONS } from '../../engine/runtime/signals';

export interface Job {
  readonly id: number;
  readonly pgid: number;
  readonly procs: Process[];
  readonly command: string;
  state: 'Running' | 'Stopped' | 'Done';
  /** The job's end was reported (or it was removed). */
  notified: boolean;
  /** Started in the background with `&` (shown with a trailing " &" while running). */
  background: boolean;
}

export class JobTable {
  private jobs: Job[] = [];
  /** Job ids, most recent last: the last is `+`, the one before `-`. */
  private order: number[] = [];

  add(pgid: number, procs: Process[], command: string, background = true): Job {
    const id = this.jobs.length ? Math.max(...this.jobs.map((j) => j.id)) + 1 : 1;
    const job: Job = { id, pgid, procs, command, state: 'Running', notified: false, background };
    this.jobs.push(job);
    this.touch(job);
    return job;
  }

  /** Makes `job` the current job. */
  touch(job: Job): void {
    this.order = this.order.filter((i) => i !== job.id);
    this.order.push(job.id);
  }

  list(): Job[] {
    this.refresh();
    return [...this.jobs];
  }

  get size(): number {
    return this.jobs.length;
  }

  remove(job: Job): void {
    this.jobs = this.jobs.filter((j) => j !== job);
    this.order = this.order.filter((i) => i !== job.id);
  }

  /** Updates states from the processes. */
  refresh(): void {
    for (const j of this.jobs) {
      if (j.procs.every((p) => p.state === 'exited')) j.state = 'Done';
      else if (j.procs.some((p) => p.state === 'stopped')) j.state = 'Stopped';
      else j.state = 'Running';
    }
  }

  mark(job: Job): string {
    const n = this.order.length;
    if (this.order[n - 1] === job.id) return '+';
    if (this.order[n - 2] === job.id) return '-';
    return ' ';
  }

  current(): Job | undefined {
    const id = this.order[this.order.length - 1];
    return this.jobs.find((j) => j.id === id);
  }

  previous(): Job | undefined {
    const id = this.order[this.order.length - 2];
    return this.jobs.find((j) => j.id === id);
  }

  statusText(job: Job): string {
    if (job.state === 'Running') return 'Running';
    if (job.state === 'Stopped') return 'Stopped';
    const last = job.procs[job.procs.length - 1];
    const sig = last?.exit?.signal;
    if (sig) return SIGNAL_DESCRIPTIONS[sig];
    const st = last?.exit?.status ?? 0;
    return st === 0 ? 'Done' : `Exit ${st}`;
  }

  /** `[1]+  Done                    sleep 1` */
  format(job: Job, long: boolean): string {
    const status = this.statusText(job);
    const cmd = job.state === 'Running' && job.background ? `${job.command} &` : job.command;
    const pid = long ? `${job.procs[0]?.nsPid ?? job.pgid} ` : '';
    return `[${job.id}]${this.mark(job)}  ${pid}${status.padEnd(24)}${cmd}`;
  }

  /** Lines for jobs that finished since the last report; the jobs are removed. */
  collectNotifications(): string[] {
    this.refresh();
    const out: string[] = [];
    for (const j of [...this.jobs]) {
      if (j.state === 'Done') {
        out.push(this.format(j, false));
        this.remove(j);
      }
    }
    return out;
  }

  find(spec: string): Job | undefined | 'ambiguous' {
    this.refresh();
    let s = spec.startsWith('%') ? spec.slice(1) : spec;
    if (s === '' || s === '+' || s === '%') return this.current();
    if (s === '-') return this.previous();
    if (/^\d+$/.test(s)) return this.jobs.find((j) => j.id === Number(s));
    let contains = false;
    if (s.startsWith('?')) {
      contains = true;
      s = s.slice(1);
    }
    const matches = this.jobs.filter((j) => (contains ? j.command.includes(s) : j.command.startsWith(s)));
    if (matches.length > 1) return 'ambiguous';
    return matches[0];
  }

  byPid(pid: number): Job | undefined {
    return this.jobs.find((j) => j.procs.some((p) => p.nsPid === pid));
  }
}
