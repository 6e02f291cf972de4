/** curl's progress meter (lib/progress.c): the two header lines and the `\r`-redrawn status line. */

export const METER_HEADER =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** Five columns for a byte count or speed, as `max5data` prints it. */
export function max5(bytes: number): string {
  const K = 1024;
  const M = K * K;
  const G = M * K;
  const f = (s: string) => s.padStart(5).slice(0, 5);
  if (bytes < 100000) return f(String(bytes));
  if (bytes < 10000 * K) return f(`${Math.floor(bytes / K)}`.padStart(4) + 'k');
  if (bytes < 100 * M) return f(`${Math.floor(bytes / M)}`.padStart(2) + '.' + Math.floor((bytes % M) / (M / 10)) + 'M');
  if (bytes < 10000 * M) return f(`${Math.floor(bytes / M)}`.padStart(4) + 'M');
  if (bytes < 100 * G) return f(`${Math.floor(bytes / G)}`.padStart(2) + '.' + Math.floor((bytes % G) / (G / 10)) + 'G');
  return f(`${Math.floor(bytes / G)}`.padStart(4) + 'G');
}

function trspeed(size: number, us: number): number {
  return us < 1 ? size * 1000000 : Math.floor((size * 1000000) / us);
}

function percent(done: number, size: number): number {
  if (size > 10000) return Math.floor(done / Math.floor(size / 100));
  return size > 0 ? Math.floor((done * 100) / size) : 0;
}

export interface Progress {
  /** Bytes of body received, and the size announced (Content-Length) if known. */
  readonly dl: number;
  readonly dlSize?: number;
  /** Bytes of request body sent, and its size if known. */
  readonly ul: number;
  readonly ulSize?: number;
  /** Microseconds since the transfer started. */
  readonly us: number;
}

/** One status line, starting with `\r` (no newline). Transfers here take under a second. */
export function meterLine(p: Progress): string {
  const dlspeed = trspeed(p.dl, p.us);
  const ulspeed = trspeed(p.ul, p.us);
  const dlpercen = p.dlSize !== undefined && dlspeed > 0 ? percent(p.dl, p.dlSize) : 0;
  const ulpercen = p.ulSize !== undefined && ulspeed > 0 ? percent(p.ul, p.ulSize) : 0;
  const expected = (p.ulSize ?? p.ul) + (p.dlSize ?? p.dl);
  const total = percent(p.dl + p.ul, expected);
  const n3 = (n: number) => String(n).padStart(3);
  const t = '--:--:--';
  return `\r${n3(total)} ${max5(expected)}  ${n3(dlpercen)} ${max5(p.dl)}  ${n3(ulpercen)} ${max5(p.ul)}  ${max5(dlspeed)}  ${max5(ulspeed)} ${t} ${t} ${t} ${max5(dlspeed + ulspeed)}`;
}

/** The all-zero line curl draws when a transfer starts. */
export const METER_START = meterLine({ dl: 0, ul: 0, us: 0 });
