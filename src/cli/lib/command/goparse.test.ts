import { describe, expect, it } from 'vitest';
import { formatDuration, goQuote, parseBool, parseDuration, parseFloat64, parseInt64, parseUint64, readCSV, writeCSV } from './goparse';
import { formatFloatG } from './flags';

// Expected texts are Go's (strconv, time, encoding/csv error strings).
describe('strconv', () => {
  it.each([
    ['true', true], ['1', true], ['t', true], ['T', true], ['TRUE', true], ['True', true],
    ['false', false], ['0', false], ['f', false], ['F', false], ['FALSE', false], ['False', false],
  ])('ParseBool(%s)', (s, v) => expect(parseBool(s)).toEqual({ ok: true, value: v }));

  it.each(['yes', 'tRUE', '', '2'])('ParseBool(%j) fails', (s) =>
    expect(parseBool(s)).toEqual({ ok: false, error: `strconv.ParseBool: parsing "${s}": invalid syntax` }));

  it.each([
    ['42', 42n], ['-7', -7n], ['+3', 3n], ['0x1f', 31n], ['0o17', 15n], ['017', 15n], ['0b101', 5n], ['1_000', 1000n], ['0', 0n],
    ['9223372036854775807', 9223372036854775807n], ['-9223372036854775808', -9223372036854775808n],
  ])('ParseInt(%s, 0, 64)', (s, v) => expect(parseInt64(s)).toEqual({ ok: true, value: v }));

  it.each(['abc', '', '08', '1_', '_1', '0x', '1.5', '--1', ' 1'])('ParseInt(%j) is a syntax error', (s) =>
    expect(parseInt64(s)).toEqual({ ok: false, error: `strconv.ParseInt: parsing ${goQuote(s)}: invalid syntax` }));

  it('ParseInt out of range', () => {
    expect(parseInt64('9223372036854775808')).toEqual({ ok: false, error: 'strconv.ParseInt: parsing "9223372036854775808": value out of range' });
    expect(parseInt64('200', 8)).toEqual({ ok: false, error: 'strconv.ParseInt: parsing "200": value out of range' });
  });

  it('ParseUint rejects signs', () => {
    expect(parseUint64('-1')).toEqual({ ok: false, error: 'strconv.ParseUint: parsing "-1": invalid syntax' });
    expect(parseUint64('70000', 16)).toEqual({ ok: false, error: 'strconv.ParseUint: parsing "70000": value out of range' });
  });

  it('ParseFloat', () => {
    expect(parseFloat64('1.5')).toEqual({ ok: true, value: 1.5 });
    expect(parseFloat64('1e3')).toEqual({ ok: true, value: 1000 });
    expect(parseFloat64('x')).toEqual({ ok: false, error: 'strconv.ParseFloat: parsing "x": invalid syntax' });
  });

  it.each([
    [0.5, '0.5'], [1, '1'], [100000, '100000'], [1e6, '1e+06'], [1234567, '1.234567e+06'], [0.0001, '0.0001'], [0.00001, '1e-05'],
  ])('FormatFloat(%d, g, -1)', (v, s) => expect(formatFloatG(v)).toBe(s));

  it('Quote', () => {
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote('\x01\n')).toBe('"\\x01\\n"');
    expect(goQuote('héllo')).toBe('"héllo"');
  });
});

describe('time.ParseDuration', () => {
  it.each([
    ['0', 0n], ['5s', 5_000_000_000n], ['1.5s', 1_500_000_000n], ['100ms', 100_000_000n], ['1h30m', 5_400_000_000_000n],
    ['-2m', -120_000_000_000n], ['1µs', 1000n], ['1us', 1000n], ['3ns', 3n], ['.5h', 1_800_000_000_000n],
  ])('%s', (s, ns) => expect(parseDuration(s)).toEqual({ ok: true, value: ns }));

  it('errors', () => {
    expect(parseDuration('10')).toEqual({ ok: false, error: 'time: missing unit in duration "10"' });
    expect(parseDuration('10x')).toEqual({ ok: false, error: 'time: unknown unit "x" in duration "10x"' });
    expect(parseDuration('abc')).toEqual({ ok: false, error: 'time: invalid duration "abc"' });
    expect(parseDuration('')).toEqual({ ok: false, error: 'time: invalid duration ""' });
    expect(parseDuration('.s')).toEqual({ ok: false, error: 'time: invalid duration ".s"' });
  });

  it.each([
    [0n, '0s'], [5_000_000_000n, '5s'], [1_500_000_000n, '1.5s'], [100_000_000n, '100ms'], [1500n, '1.5µs'], [7n, '7ns'],
    [90_000_000_000n, '1m30s'], [3_600_000_000_000n, '1h0m0s'], [7_776_000_000_000_000n, '2160h0m0s'], [-5_000_000_000n, '-5s'],
  ])('Duration(%d).String()', (ns, s) => expect(formatDuration(ns)).toBe(s));
});

describe('csv as pflag uses it', () => {
  it('reads', () => {
    expect(readCSV('a,b,c')).toEqual({ ok: true, value: ['a', 'b', 'c'] });
    expect(readCSV('"a,b",c')).toEqual({ ok: true, value: ['a,b', 'c'] });
    expect(readCSV('a,')).toEqual({ ok: true, value: ['a', ''] });
    expect(readCSV('')).toEqual({ ok: true, value: [] });
    expect(readCSV('a"b')).toEqual({ ok: false, error: 'parse error on line 1, column 2: bare " in non-quoted-field' });
  });
  it('writes', () => {
    expect(writeCSV(['a', 'b c', 'd,e', 'f"g'])).toBe('a,b c,"d,e","f""g"');
  });
});
