import { describe, expect, it } from 'vitest';
import { formatFloat, formatValue, goJSON, goStruct, goTypeName, sprint, sprintf, sprintln } from './gofmt';

describe('strconv.FormatFloat', () => {
  it.each([
    [1e6, 'g', -1, '1e+06'], [123456, 'g', -1, '123456'], [0.0001, 'g', -1, '0.0001'], [0.00001, 'g', -1, '1e-05'], [3.14159, 'g', 3, '3.14'],
    [1234, 'g', 3, '1.23e+03'], [999.9, 'g', 3, '1e+03'], [1, 'g', 3, '1'], [1.5, 'g', 3, '1.5'], [0, 'g', 3, '0'], [2.5, 'f', 2, '2.50'],
    [1e21, 'f', -1, '1000000000000000000000'], [123.456, 'e', 2, '1.23e+02'], [-0.5, 'g', -1, '-0.5'],
  ] as const)('%d %s %d → %s', (x, f, p, want) => expect(formatFloat(x, f, p)).toBe(want));
});

describe('fmt', () => {
  it('prints values the way %v does', () => {
    expect(formatValue({ b: 1, a: [1, 'x'] })).toBe('map[a:[1 x] b:1]');
    expect(formatValue(goStruct({ Name: 'n', Age: 2 }, 'main.T'))).toBe('{n 2}');
    expect(formatValue(goStruct({ Name: 'n', Age: 2 }, 'main.T'), true)).toBe('{Name:n Age:2}');
    expect(formatValue(null)).toBe('<nil>');
    expect(formatValue(2.5)).toBe('2.5');
  });
  it('Sprintf verbs, flags and errors', () => {
    expect(sprintf('%-5s|%5s|%05d|%x|%X|%o|%b|%c|%q|%v|%t|%T', ['ab', 'cd', -42, 255, 255, 8, 5, 65, 'a"b', [1, 2], true, 'x'])).toBe('ab   |   cd|-0042|ff|FF|10|101|A|"a\\"b"|[1 2]|true|string');
    expect(sprintf('%.2f %e %g %8.3f', [3.14159, 1234.5, 0.000012, 2.5])).toBe('3.14 1.234500e+03 1.2e-05    2.500');
    expect(sprintf('%d', ['x'])).toBe('%!d(string=x)');
    expect(sprintf('%d %d', [1])).toBe('1 %!d(MISSING)');
    expect(sprintf('%d', [1, 'extra'])).toBe('1%!(EXTRA string=extra)');
    expect(sprintf('100%%', [])).toBe('100%');
    expect(sprintf('%+v', [goStruct({ A: 1 }, 'T')])).toBe('{A:1}');
    expect(sprintf('%*d|%-*d|', [4, 7, 3, 1])).toBe('   7|1  |');
  });
  it('Sprint puts spaces only between non-string operands; Sprintln everywhere', () => {
    expect(sprint(['a', 1, 2, 'b', 'c'])).toBe('a1 2bc');
    expect(sprintln(['a', 1])).toBe('a 1\n');
  });
  it('%T names', () => {
    expect(goTypeName({})).toBe('map[string]interface {}');
    expect(goTypeName([])).toBe('[]interface {}');
    expect(goTypeName(1.5)).toBe('float64');
  });
});

describe('encoding/json', () => {
  it('sorts map keys, keeps struct order, escapes HTML unless told not to', () => {
    expect(goJSON({ b: 1, a: '<x>' })).toBe('{"a":"\\u003cx\\u003e","b":1}');
    expect(goJSON({ b: 1, a: '<x>' }, { escapeHTML: false })).toBe('{"a":"<x>","b":1}');
    expect(goJSON(goStruct({ Z: 1, A: 2 }, 'T'))).toBe('{"Z":1,"A":2}');
    expect(goJSON({ a: [1, { b: null }] }, { indent: '    ' })).toBe('{\n    "a": [\n        1,\n        {\n            "b": null\n        }\n    ]\n}');
    expect(goJSON(1e-7)).toBe('1e-7');
  });
});
