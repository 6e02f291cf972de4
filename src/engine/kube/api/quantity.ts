/**
 * resource.Quantity as apimachinery parses, compares and prints it (pkg/api/resource/quantity.go): the
 * regular-expression and suffix errors, exact values as scaled BigInts, and the canonical String().
 */

export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";
export const QUANTITY_NUMERIC_ERROR = "unable to parse quantity's numeric part";

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** the value times 10^9 (nano units), rounded up as apimachinery rounds to nano precision */
  nanos: bigint;
  format: QuantityFormat;
}

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const NANO = 1000000000n;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** ParseQuantity: the quantity or the error text. */
export function parseQuantity(input: string): { ok: true; value: Quantity } | { ok: false; error: string } {
  const str = input;
  if (str.length === 0) return { ok: false, error: 'quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'' };
  const m = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(str);
  if (!m) return { ok: false, error: QUANTITY_FORMAT_ERROR };
  const num = m[1] ?? '';
  const suffix = m[2] ?? '';
  let exp10 = 0;
  let exp2 = 0;
  let format: QuantityFormat;
  if (suffix in BINARY) {
    exp2 = BINARY[suffix] ?? 0;
    format = 'BinarySI';
  } else if (suffix in DECIMAL) {
    exp10 = DECIMAL[suffix] ?? 0;
    format = 'DecimalSI';
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    exp10 = Number(suffix.slice(1));
    format = 'DecimalExponent';
  } else return { ok: false, error: QUANTITY_SUFFIX_ERROR };
  const nm = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(num);
  if (!nm || (nm[2] === '' && (nm[3] ?? '') === '')) return { ok: false, error: QUANTITY_NUMERIC_ERROR };
  const neg = nm[1] === '-';
  const intPart = nm[2] ?? '';
  const frac = nm[3] ?? '';
  let digits = BigInt((intPart + frac).replace(/^0+(?=\d)/, '') || '0');
  let scale = -frac.length + exp10; // value = digits * 10^scale * 2^exp2
  digits *= 2n ** BigInt(exp2);
  // to nanos, rounding up (away from zero) as Quantity does when precision is lost
  let nanos: bigint;
  scale += 9;
  if (scale >= 0) nanos = digits * pow10(scale);
  else {
    const div = pow10(-scale);
    nanos = digits / div + (digits % div === 0n ? 0n : 1n);
  }
  if (neg) nanos = -nanos;
  return { ok: true, value: { nanos, format } };
}

export function compareQuantity(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Quantity.String(): the canonical form ("500m", "1Gi", "1500M", "1k"). */
export function formatQuantity(q: Quantity): string {
  const neg = q.nanos < 0n;
  const abs = neg ? -q.nanos : q.nanos;
  const sign = neg ? '-' : '';
  if (abs === 0n) return '0';
  if (q.format === 'BinarySI' && abs % NANO === 0n) {
    const whole = abs / NANO;
    if (whole >= 1024n) {
      let e = 0;
      let v = whole;
      while (v % 1024n === 0n && e < 60) {
        v /= 1024n;
        e += 10;
      }
      if (e > 0) {
        const suf = Object.keys(BINARY).find((k) => BINARY[k] === e) ?? '';
        return `${sign}${v}${suf}`;
      }
    }
    // fall through to decimal when not a whole multiple of 1024
  }
  // decimal: the largest exponent (multiple of 3, from -9) that keeps the mantissa an integer
  let exp = -9;
  let v = abs;
  while (v % 1000n === 0n && exp < 18) {
    v /= 1000n;
    exp += 3;
  }
  if (q.format === 'DecimalExponent') return `${sign}${v}${exp === 0 ? '' : `e${exp}`}`;
  const suf = Object.keys(DECIMAL).find((k) => DECIMAL[k] === exp) ?? '';
  return `${sign}${v}${suf}`;
}
