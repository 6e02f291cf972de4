/**
 * Human-readable sizes and durations as the Docker and Kubernetes command-line tools print them.
 *
 * - docker/go-units `size.go`: HumanSize, HumanSizeWithPrecision, BytesSize, FromHumanSize, RAMInBytes
 *   (tests: docker/go-units `size_test.go` TestHumanSize, TestBytesSize, TestFromHumanSize, TestRAMInBytes).
 * - docker/go-units `duration.go`: HumanDuration ("Up 5 minutes", "3 seconds ago")
 *   (tests: docker/go-units `duration_test.go` TestHumanDuration).
 * - k8s.io/apimachinery `pkg/util/duration/duration.go`: HumanDuration (kubectl AGE) and ShortHumanDuration
 *   (tests: `duration_test.go` TestHumanDuration, TestHumanDurationBoundaries, TestShortHumanDurationBoundaries).
 *
 * Durations are milliseconds (the engine clock's unit); Go truncates `d.Seconds()` etc. toward zero, so do we.
 */
import { formatFloat } from './gofmt';

const DECIMAL_ABBRS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const BINARY_ABBRS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

function sizeAndUnit(size: number, base: number, abbrs: readonly string[]): [number, string] {
  let i = 0;
  while (size >= base && i < abbrs.length - 1) {
    size /= base;
    i++;
  }
  return [size, abbrs[i] ?? 'B'];
}

/** go-units `HumanSizeWithPrecision`: `fmt.Sprintf("%.*g%s", precision, size, unit)` in decimal units. Docker's SIZE columns use precision 3. */
export function humanSizeWithPrecision(size: number, precision: number): string {
  const [s, unit] = sizeAndUnit(size, 1000, DECIMAL_ABBRS);
  return formatFloat(s, 'g', precision) + unit;
}

/** go-units `HumanSize` (4 significant digits): "1.049MB". */
export function humanSize(size: number): string {
  return humanSizeWithPrecision(size, 4);
}

/** Docker's size columns (`docker ps -s`, `docker images`, `docker system df`): `HumanSizeWithPrecision(x, 3)`: "78.1MB". */
export function dockerSize(size: number): string {
  return humanSizeWithPrecision(size, 3);
}

/** go-units `BytesSize`: binary units with `%.4g`: "3.42GiB". */
export function bytesSize(size: number): string {
  const [s, unit] = sizeAndUnit(size, 1024, BINARY_ABBRS);
  return formatFloat(s, 'g', 4) + unit;
}

const SIZE_RE = /^(\d+(\.\d+)*) ?([kmgtp])?i?b?$/i;
const DECIMAL_MAP: Record<string, number> = { k: 1e3, m: 1e6, g: 1e9, t: 1e12, p: 1e15 };
const BINARY_MAP: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

export type SizeResult = { ok: true; value: number } | { ok: false; error: string };

function parseSize(s: string, map: Record<string, number>): SizeResult {
  const m = SIZE_RE.exec(s);
  const num = m?.[1];
  if (!m || num === undefined) return { ok: false, error: `invalid size: '${s}'` };
  if (!/^\d+(\.\d+)?$/.test(num)) return { ok: false, error: `strconv.ParseFloat: parsing ${JSON.stringify(num)}: invalid syntax` };
  let size = Number(num);
  const mul = map[(m[3] ?? '').toLowerCase()];
  if (mul !== undefined) size *= mul;
  return { ok: true, value: Math.trunc(size) };
}

/** go-units `FromHumanSize` (decimal units): "32kb" → 32000. */
export function fromHumanSize(s: string): SizeResult {
  return parseSize(s, DECIMAL_MAP);
}

/** go-units `RAMInBytes` (binary units): "32kb" → 32768. */
export function ramInBytes(s: string): SizeResult {
  return parseSize(s, BINARY_MAP);
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** go-units `HumanDuration`: "Less than a second", "About a minute", "5 minutes", "About an hour", "3 days", "2 weeks", "3 months", "2 years". */
export function dockerHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / HOUR + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(ms / HOUR) / 24 / 365)} years`;
}

/** apimachinery `duration.HumanDuration`, kubectl's AGE column: "0s", "119s", "3m10s", "70m", "3h1m", "47h", "2d1h", "8d", "2y1d", "8y"; "<invalid>" for clock skew beyond a second. */
export function kubeHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** apimachinery `duration.ShortHumanDuration`: one unit only ("59s", "1m", "23h", "364d", "2y"). */
export function kubeShortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / HOUR / 24 / 365)}y`;
}

/**
 * kubectl's `translateTimestampSince`: the AGE cell for a creation timestamp (ms since the epoch, or
 * undefined for a zero time) at `now`: "<unknown>" for a zero timestamp.
 */
export function kubeAge(created: number | undefined, now: number): string {
  if (created === undefined) return '<unknown>';
  return kubeHumanDuration(now - created);
}
