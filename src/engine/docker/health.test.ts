import { describe, expect, it } from 'vitest';
import { goDurationString, mergeHealthcheck, nextHealth, nextInterval, probeCommand, verifyHealthcheck, type HealthState } from './health';

describe('health checks (moby daemon/health.go)', () => {
  it('merges the container settings over the image ones field by field', () => {
    expect(mergeHealthcheck({ Interval: 2e9 }, { Test: ['CMD-SHELL', 'curl -f localhost'], Interval: 30e9, Retries: 5 })).toEqual({ Test: ['CMD-SHELL', 'curl -f localhost'], Interval: 2e9, Retries: 5 });
    expect(mergeHealthcheck(undefined, { Test: ['NONE'] })).toEqual({ Test: ['NONE'] });
    expect(probeCommand({ Test: ['NONE'] }, undefined)).toBeUndefined();
    expect(probeCommand({ Test: ['CMD-SHELL', 'true'] }, undefined)).toEqual(['/bin/sh', '-c', 'true']);
    expect(probeCommand({ Test: ['CMD', 'pg_isready', '-U', 'x'] }, undefined)).toEqual(['pg_isready', '-U', 'x']);
  });
  it('counts failures to unhealthy after the retries, not inside the start period, and keeps 5 results', () => {
    const start: HealthState = { Status: 'starting', FailingStreak: 0, Log: [] };
    const fail = (t: number) => ({ Start: t, End: t, ExitCode: 1, Output: '' });
    let h = nextHealth(start, { StartPeriod: 10e9 }, fail(5_000), 0);
    expect(h).toMatchObject({ Status: 'starting', FailingStreak: 0 });
    for (let i = 1; i <= 3; i++) h = nextHealth(h, { Retries: 3 }, fail(i * 30_000), 0);
    expect(h).toMatchObject({ Status: 'unhealthy', FailingStreak: 3 });
    for (let i = 0; i < 4; i++) h = nextHealth(h, {}, { Start: 1, End: 1, ExitCode: 0, Output: 'ok' }, 0);
    expect(h.Status).toBe('healthy');
    expect(h.FailingStreak).toBe(0);
    expect(h.Log).toHaveLength(5);
  });
  it('probes every start_interval while starting inside the start period, else every interval', () => {
    expect(nextInterval({}, undefined, 0, 0)).toBe(30_000);
    expect(nextInterval({ StartPeriod: 60e9 }, { Status: 'starting', FailingStreak: 0, Log: [] }, 0, 1000)).toBe(5_000);
    expect(nextInterval({ StartPeriod: 60e9, Interval: 10e9 }, { Status: 'healthy', FailingStreak: 0, Log: [] }, 0, 1000)).toBe(10_000);
  });
  it("words durations and the daemon's checks as Go does", () => {
    expect([30_000, 90_000, 500, 1500, 3_600_000].map(goDurationString)).toEqual(['30s', '1m30s', '500ms', '1.5s', '1h0m0s']);
    expect(verifyHealthcheck({ Interval: 1000 })).toBe('Interval in Healthcheck cannot be less than 1ms');
    expect(verifyHealthcheck({ Retries: -1 })).toBe('Retries in Healthcheck cannot be negative');
  });
});
