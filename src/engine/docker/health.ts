/**
 * Container health checks as moby v28.3.2 runs them (daemon/health.go, daemon/commit.go,
 * api/types/container/health.go): the container's HEALTHCHECK (the image's, merged field by field
 * with `docker run --health-*`), a monitor that execs the probe in the container on the virtual
 * clock (first after the interval, `start_interval` while starting inside the start period), a
 * probe timeout, `State.Health` {Status, FailingStreak, Log of the last 5 results}, and the texts
 * `docker ps` and `docker inspect` show. Durations in configs are nanoseconds, as in the API.
 */
import { rfc3339Nano } from './inspect';

/** container.HealthConfig (durations in ns; 0 or absent = the default). */
export interface HealthConfig {
  readonly Test?: readonly string[];
  readonly Interval?: number;
  readonly Timeout?: number;
  readonly StartPeriod?: number;
  readonly StartInterval?: number;
  readonly Retries?: number;
}

/** One probe result; times are simulated ms. */
export interface HealthResult {
  readonly Start: number;
  readonly End: number;
  readonly ExitCode: number;
  readonly Output: string;
}

export type HealthStatus = 'starting' | 'healthy' | 'unhealthy';

/** State.Health (immutable: the daemon replaces it). */
export interface HealthState {
  readonly Status: HealthStatus;
  readonly FailingStreak: number;
  readonly Log: readonly HealthResult[];
}

const MS = 1e6;
export const DEFAULT_PROBE_INTERVAL = 30_000;
export const DEFAULT_PROBE_TIMEOUT = 30_000;
export const DEFAULT_START_INTERVAL = 5_000;
export const DEFAULT_PROBE_RETRIES = 3;
export const MAX_LOG_ENTRIES = 5;
export const MAX_OUTPUT_LEN = 4096;

/** The valid values of the `health` filter (ValidateHealthStatus). */
export const VALID_HEALTHS = ['none', 'starting', 'healthy', 'unhealthy'] as const;

/** daemon/commit.go merge: the container's settings, the image's where the container has none. */
export function mergeHealthcheck(user: HealthConfig | undefined, image: HealthConfig | undefined): HealthConfig | undefined {
  if (!image) return user;
  if (!user) return image;
  const pick = <K extends keyof HealthConfig>(k: K, empty: (v: HealthConfig[K]) => boolean) => (empty(user[k]) ? image[k] : user[k]);
  const zero = (v: number | undefined) => !v;
  const out: { -readonly [K in keyof HealthConfig]: HealthConfig[K] } = {};
  const test = pick('Test', (v) => !v || v.length === 0);
  if (test && test.length > 0) out.Test = test;
  for (const k of ['Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'] as const) {
    const v = pick(k, zero);
    if (v) out[k] = v;
  }
  return out;
}

/** getProbe: `CMD` execs the command, `CMD-SHELL` runs it with the shell; NONE or nothing: no probe. */
export function probeCommand(cfg: HealthConfig | undefined, shell: readonly string[] | undefined): string[] | undefined {
  const test = cfg?.Test;
  if (!test || test.length === 0) return undefined;
  if (test[0] === 'CMD') return test.length > 1 ? test.slice(1) : undefined;
  if (test[0] === 'CMD-SHELL') return test.length > 1 ? [...(shell && shell.length > 0 ? shell : ['/bin/sh', '-c']), ...test.slice(1)] : undefined;
  return undefined;
}

/** verifyContainerSettings' checks of the healthcheck, or undefined when valid. */
export function verifyHealthcheck(cfg: HealthConfig | undefined): string | undefined {
  if (!cfg) return undefined;
  const min = (v: number | undefined) => v !== undefined && v !== 0 && v < MS;
  if (min(cfg.Interval)) return 'Interval in Healthcheck cannot be less than 1ms';
  if (min(cfg.Timeout)) return 'Timeout in Healthcheck cannot be less than 1ms';
  if ((cfg.Retries ?? 0) < 0) return 'Retries in Healthcheck cannot be negative';
  if (min(cfg.StartPeriod)) return 'StartPeriod in Healthcheck cannot be less than 1ms';
  if (min(cfg.StartInterval)) return 'StartInterval in Healthcheck cannot be less than 1ms';
  return undefined;
}

/** timeoutWithDefault, in ms. */
export function msOr(ns: number | undefined, dflt: number): number {
  return ns ? ns / MS : dflt;
}

/** handleProbeResult: the new state after one probe. */
export function nextHealth(h: HealthState, cfg: HealthConfig, result: HealthResult, startedAt: number): HealthState {
  const retries = cfg.Retries && cfg.Retries > 0 ? cfg.Retries : DEFAULT_PROBE_RETRIES;
  const log = h.Log.length >= MAX_LOG_ENTRIES ? [...h.Log.slice(h.Log.length + 1 - MAX_LOG_ENTRIES), result] : [...h.Log, result];
  if (result.ExitCode === 0) return { Status: 'healthy', FailingStreak: 0, Log: log };
  let streak = h.FailingStreak;
  let status = h.Status;
  const inStartPeriod = h.Status === 'starting' && result.Start - startedAt < msOr(cfg.StartPeriod, 0);
  if (!inStartPeriod) {
    streak++;
    if (streak >= retries) status = 'unhealthy';
  }
  return { Status: status, FailingStreak: streak, Log: log };
}

/** The interval before the next probe (monitor's getInterval). */
export function nextInterval(cfg: HealthConfig, h: HealthState | undefined, startedAt: number, now: number): number {
  const probe = msOr(cfg.Interval, DEFAULT_PROBE_INTERVAL);
  if (now - startedAt >= msOr(cfg.StartPeriod, 0)) return probe;
  return h?.Status === 'starting' ? msOr(cfg.StartInterval, DEFAULT_START_INTERVAL) : probe;
}

/** Health.String: `health: starting`, `healthy`, `unhealthy`. */
export function healthString(h: HealthState): string {
  return h.Status === 'starting' ? 'health: starting' : h.Status;
}

/** The health a `health=` filter matches: `none` without a healthcheck. */
export function healthFilterValue(h: HealthState | undefined): string {
  return h ? h.Status : 'none';
}

/** State.Health as the API prints it. */
export function healthJson(h: HealthState): Record<string, unknown> {
  return {
    Status: h.Status,
    FailingStreak: h.FailingStreak,
    Log: h.Log.map((r) => ({ Start: rfc3339Nano(r.Start), End: rfc3339Nano(r.End), ExitCode: r.ExitCode, Output: r.Output })),
  };
}

/** Config.Healthcheck as the API prints it (zero fields left out). */
export function healthConfigJson(c: HealthConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (c.Test && c.Test.length > 0) out.Test = [...c.Test];
  if (c.Interval) out.Interval = c.Interval;
  if (c.Timeout) out.Timeout = c.Timeout;
  if (c.StartPeriod) out.StartPeriod = c.StartPeriod;
  if (c.StartInterval) out.StartInterval = c.StartInterval;
  if (c.Retries) out.Retries = c.Retries;
  return out;
}

/** Go's time.Duration.String() of a duration in ms (`30s`, `1m30s`, `500ms`, `1.5s`). */
export function goDurationString(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let v = Math.abs(ms);
  let out: string;
  if (v < 1000) {
    out = `${trimFrac(v)}ms`;
  } else {
    const h = Math.floor(v / 3_600_000);
    v -= h * 3_600_000;
    const m = Math.floor(v / 60_000);
    v -= m * 60_000;
    const s = `${trimFrac(v / 1000)}s`;
    out = h > 0 ? `${h}h${m}m${s}` : m > 0 ? `${m}m${s}` : s;
  }
  return neg ? `-${out}` : out;
}

function trimFrac(n: number): string {
  return String(Number(n.toFixed(9)));
}
