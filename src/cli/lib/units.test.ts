import { describe, expect, it } from 'vitest';
import { bytesSize, dockerHumanDuration, dockerSize, fromHumanSize, humanSize, kubeAge, kubeHumanDuration, kubeShortHumanDuration, ramInBytes } from './units';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('go-units size (size_test.go TestHumanSize, TestBytesSize)', () => {
  it.each([
    [1000, '1kB'], [1024, '1.024kB'], [1000000, '1MB'], [1048576, '1.049MB'], [2e6, '2MB'], [3.42e9, '3.42GB'], [5.372e12, '5.372TB'], [2.22e15, '2.22PB'], [1e13 * 1e15, '1e+04YB'],
  ])('HumanSize(%d) = %s', (n, want) => expect(humanSize(n)).toBe(want));
  it.each([
    [1024, '1KiB'], [1024 * 1024, '1MiB'], [2 * 1024 ** 2, '2MiB'], [3.42 * 1024 ** 3, '3.42GiB'], [5.372 * 1024 ** 4, '5.372TiB'], [2.22 * 1024 ** 5, '2.22PiB'], [1024 ** 5 * 1024 ** 5, '1.049e+06YiB'],
  ])('BytesSize(%d) = %s', (n, want) => expect(bytesSize(n)).toBe(want));
  it('docker columns use 3 significant digits, no space', () => {
    expect(dockerSize(0)).toBe('0B');
    expect(dockerSize(4_270_000)).toBe('4.27MB');
    expect(dockerSize(78_123_456)).toBe('78.1MB');
    expect(dockerSize(12345)).toBe('12.3kB');
    expect(dockerSize(999_999)).toBe('1e+03kB');
  });
  it('FromHumanSize / RAMInBytes (TestFromHumanSize, TestRAMInBytes)', () => {
    expect(fromHumanSize('32')).toEqual({ ok: true, value: 32 });
    expect(fromHumanSize('32Kb')).toEqual({ ok: true, value: 32000 });
    expect(fromHumanSize('32.5 kB')).toEqual({ ok: true, value: 32500 });
    expect(fromHumanSize('32.5 B')).toEqual({ ok: true, value: 32 });
    expect(fromHumanSize('0.3 K')).toEqual({ ok: true, value: 300 });
    for (const bad of ['', 'hello', '-32', '.3kB', ' 32 ', '32m b', '32bm']) expect(fromHumanSize(bad).ok).toBe(false);
    expect(ramInBytes('32Kib')).toEqual({ ok: true, value: 32 * 1024 });
    expect(ramInBytes('32.3 mb')).toEqual({ ok: true, value: Math.trunc(32.3 * 1024 * 1024) });
    expect(ramInBytes('32P')).toEqual({ ok: true, value: 32 * 1024 ** 5 });
    expect(ramInBytes('hello')).toEqual({ ok: false, error: "invalid size: 'hello'" });
  });
});

describe('go-units HumanDuration (duration_test.go TestHumanDuration)', () => {
  const week = 7 * D;
  const month = 30 * D;
  const year = 365 * D;
  it.each([
    [450, 'Less than a second'], [1 * S, '1 second'], [45 * S, '45 seconds'], [59 * S, '59 seconds'], [60 * S, 'About a minute'], [3 * M, '3 minutes'],
    [35 * M + 40 * S, '35 minutes'], [59 * M, '59 minutes'], [1 * H, 'About an hour'], [H + 29 * M, 'About an hour'], [H + 31 * M, '2 hours'],
    [3 * H + 29 * M, '3 hours'], [3 * H + 31 * M, '4 hours'], [24 * H, '24 hours'], [D + 12 * H, '36 hours'], [2 * D, '2 days'], [13 * D + 5 * H, '13 days'],
    [2 * week, '2 weeks'], [4 * week + 3 * D, '4 weeks'], [month, '4 weeks'], [month + 2 * week, '6 weeks'], [2 * month, '2 months'], [3 * month + week, '3 months'],
    [13 * month, '13 months'], [24 * month, '24 months'], [24 * month + 2 * week, '2 years'], [3 * year + 2 * month, '3 years'],
  ])('%d ms → %s', (d, want) => expect(dockerHumanDuration(d)).toBe(want));
});

describe('apimachinery duration (duration_test.go)', () => {
  it.each([
    [S, '1s'], [70 * S, '70s'], [190 * S, '3m10s'], [70 * M, '70m'], [47 * H, '47h'], [49 * H, '2d1h'], [(8 * 24 + 2) * H, '8d'], [367 * D, '367d'],
    [(365 * 2 * 24 + 25) * H, '2y1d'], [(365 * 8 * 24 + 2) * H, '8y'],
  ])('HumanDuration(%d ms) = %s', (d, want) => expect(kubeHumanDuration(d)).toBe(want));
  it.each([
    [-2 * S, '<invalid>'], [-2 * S + 0.000001, '0s'], [0, '0s'], [S - 1, '0s'], [2 * M - 1, '119s'], [2 * M, '2m'], [2 * M + S, '2m1s'], [10 * M - 1, '9m59s'],
    [10 * M, '10m'], [10 * M + S, '10m'], [3 * H - 1, '179m'], [3 * H, '3h'], [3 * H + M, '3h1m'], [8 * H - 1, '7h59m'], [8 * H, '8h'], [8 * H + 59 * M, '8h'],
    [2 * D - 1, '47h'], [2 * D, '2d'], [2 * D + H, '2d1h'], [8 * D - 1, '7d23h'], [8 * D, '8d'], [8 * D + 23 * H, '8d'], [730 * D - 1, '729d'], [730 * D, '2y'],
    [730 * D + 23 * H + 59 * M, '2y'], [731 * D - 1, '2y'], [731 * D, '2y1d'], [3 * 365 * D, '3y'], [8 * 365 * D - 1, '7y364d'], [8 * 365 * D, '8y'], [9 * 365 * D, '9y'],
  ])('HumanDuration boundaries %d ms = %s', (d, want) => expect(kubeHumanDuration(d)).toBe(want));
  it.each([
    [-2 * S, '<invalid>'], [0, '0s'], [S, '1s'], [M - 1, '59s'], [M, '1m'], [2 * M - 1, '1m'], [H - 1, '59m'], [H, '1h'], [D - 1, '23h'], [D, '1d'],
    [365 * D - 1, '364d'], [365 * D, '1y'], [2 * 365 * D - 1, '1y'], [2 * 365 * D, '2y'],
  ])('ShortHumanDuration(%d ms) = %s', (d, want) => expect(kubeShortHumanDuration(d)).toBe(want));
  it('AGE of a zero timestamp is <unknown>', () => {
    expect(kubeAge(undefined, 1000)).toBe('<unknown>');
    expect(kubeAge(0, 65_000)).toBe('65s');
  });
});
