import { describe, expect, it } from 'vitest';
import { ArithError, evalArith, type ArithEnv } from './arith';

function env(init: Record<string, string> = {}): ArithEnv & { vars: Map<string, string> } {
  const vars = new Map(Object.entries(init));
  return {
    vars,
    get: (n, i) => vars.get(i === undefined ? n : `${n}[${i}]`),
    set: (n, v, i) => void vars.set(i === undefined ? n : `${n}[${i}]`, v),
  };
}

const ev = (e: string, vars: Record<string, string> = {}) => evalArith(e, env(vars)).toString();

describe('arithmetic', () => {
  it.each([
    ['1 + 2 * 3', '7'],
    ['(1 + 2) * 3', '9'],
    ['-7 / 2', '-3'],
    ['-7 % 3', '-1'],
    ['2 ** 10', '1024'],
    ['-2 ** 2', '4'],
    ['2 ** 3 ** 2', '512'],
    ['1 << 4 | 1', '17'],
    ['5 & 3 ^ 1', '0'],
    ['!0 + !5', '1'],
    ['~0', '-1'],
    ['0x1F + 010 + 2#101', '44'],
    ['36#z', '35'],
    ['64#_', '63'],
    ['1 < 2 && 2 > 1', '1'],
    ['0 || 0', '0'],
    ['1 ? 2 : 3', '2'],
    ['0 ? 2 : 1 ? 4 : 5', '4'],
    ['9223372036854775807 + 1', '-9223372036854775808'],
    ['2 ** 63', '-9223372036854775808'],
    ['', '0'],
    ['  ', '0'],
  ])('%s = %s', (e, want) => {
    expect(ev(e)).toBe(want);
  });

  it('reads and assigns variables, recursively evaluating values', () => {
    const e = env({ x: '3+4', y: 'z', z: '5' });
    expect(evalArith('x * 2', e)).toBe(14n);
    expect(evalArith('y + 1', e)).toBe(6n);
    expect(evalArith('a = 4, b = a * 2, b + 1', e)).toBe(9n);
    expect(e.vars.get('b')).toBe('8');
    expect(evalArith('b++ + ++b', e)).toBe(18n);
    expect(e.vars.get('b')).toBe('10');
    expect(evalArith('b -= 3', e)).toBe(7n);
    expect(evalArith('unset_var + 1', e)).toBe(1n);
  });

  it('does not evaluate the side not taken', () => {
    const e = env({});
    expect(evalArith('0 && (x = 5)', e)).toBe(0n);
    expect(e.vars.has('x')).toBe(false);
    expect(evalArith('1 ? 1 : 1/0', e)).toBe(1n);
  });

  it('indexes arrays with arithmetic subscripts', () => {
    const e = env({ 'a[2]': '7' });
    expect(evalArith('a[1+1] * 2', e)).toBe(14n);
    evalArith('a[3] = 9', e);
    expect(e.vars.get('a[3]')).toBe('9');
  });

  it.each([
    ['1/0', 'division by 0', '0'],
    ['1/0 + 3', 'division by 0', '0 + 3'],
    ['5 % 0', 'division by 0', '0'],
    ['1+', 'syntax error: operand expected', '+'],
    ['1 +* 2', 'syntax error: operand expected', '* 2'],
    ['2 3', 'syntax error in expression', '3'],
    ['08', 'value too great for base', '08'],
    ['2#9', 'value too great for base', '2#9'],
    ['3=4', 'attempted assignment to non-variable', '=4'],
    ['1.5', 'syntax error: invalid arithmetic operator', '.5'],
    ['1 ? 2', "`:' expected for conditional expression", '2'],
    ['2**-1', 'exponent less than 0', '1'],
    ['10#', 'invalid integer constant', '10#'],
  ])('%s fails with bash words', (e, msg, token) => {
    let err: unknown;
    try {
      evalArith(e, env());
    } catch (x) {
      err = x;
    }
    expect(err).toBeInstanceOf(ArithError);
    expect((err as ArithError).msg).toBe(msg);
    expect((err as ArithError).token).toBe(token);
    expect((err as ArithError).message).toBe(`${e}: ${msg} (error token is "${token}")`);
  });

  it('stops runaway recursion', () => {
    expect(() => evalArith('a', env({ a: 'a' }))).toThrow(/recursion level exceeded/);
  });
});
