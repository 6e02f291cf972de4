/** Signal names and numbers as on Linux x86-64. */
export const SIGNALS = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
  SIGCHLD: 17,
  SIGCONT: 18,
  SIGSTOP: 19,
  SIGTSTP: 20,
  SIGTTIN: 21,
  SIGTTOU: 22,
  SIGWINCH: 28,
} as const;

export type Signal = keyof typeof SIGNALS;

export function signalNumber(sig: Signal): number {
  return SIGNALS[sig];
}

/** Parses "INT", "SIGINT", "2", "int" into a Signal. */
export function parseSignal(s: string): Signal | undefined {
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    return (Object.keys(SIGNALS) as Signal[]).find((k) => SIGNALS[k] === n);
  }
  const up = s.toUpperCase();
  const name = (up.startsWith('SIG') ? up : `SIG${up}`) as Signal;
  return name in SIGNALS ? name : undefined;
}

export type DefaultAction = 'terminate' | 'ignore' | 'stop' | 'continue';

export function defaultAction(sig: Signal): DefaultAction {
  switch (sig) {
    case 'SIGCHLD':
    case 'SIGWINCH':
      return 'ignore';
    case 'SIGSTOP':
    case 'SIGTSTP':
    case 'SIGTTIN':
    case 'SIGTTOU':
      return 'stop';
    case 'SIGCONT':
      return 'continue';
    default:
      return 'terminate';
  }
}

/** bash's words for a signal death, as printed for jobs ("Terminated", "Killed", "Interrupt"). */
export const SIGNAL_DESCRIPTIONS: Record<Signal, string> = {
  SIGHUP: 'Hangup',
  SIGINT: 'Interrupt',
  SIGQUIT: 'Quit',
  SIGKILL: 'Killed',
  SIGUSR1: 'User defined signal 1',
  SIGUSR2: 'User defined signal 2',
  SIGPIPE: 'Broken pipe',
  SIGALRM: 'Alarm clock',
  SIGTERM: 'Terminated',
  SIGCHLD: 'Child exited',
  SIGCONT: 'Continued',
  SIGSTOP: 'Stopped (signal)',
  SIGTSTP: 'Stopped',
  SIGTTIN: 'Stopped (tty input)',
  SIGTTOU: 'Stopped (tty output)',
  SIGWINCH: 'Window changed',
};
