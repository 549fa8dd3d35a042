/**
 * Exact non-negative-or-negative rational numbers for scoring. Scores of 10.7.2 sit on a fixed grid
 * (half-points over five items), so the band boundaries 40/80/100 are hit exactly; binary floating
 * point would let 0.1-style error move a country across a band. Numerators and denominators here
 * stay tiny (a few items, denominators 2 x 5 x 100), well inside safe integers.
 */
export interface Fraction {
  readonly num: number;
  readonly den: number;
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x === 0 ? 1 : x;
}

/** A fraction in lowest terms with a positive denominator. */
export function fraction(num: number, den = 1): Fraction {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den === 0) {
    throw new RangeError(`invalid fraction ${num}/${den}`);
  }
  const sign = den < 0 ? -1 : 1;
  const divisor = gcd(num, den);
  return { num: (sign * num) / divisor, den: (sign * den) / divisor };
}

export const ZERO = fraction(0);

/** Parse a decimal such as "0.5", "1", "-2.25" or a ratio such as "1/3" exactly. */
export function parseFraction(text: string): Fraction {
  const trimmed = text.trim();
  const ratio = /^(-?\d+)\/(\d+)$/.exec(trimmed);
  if (ratio) return fraction(Number(ratio[1]), Number(ratio[2]));
  const decimal = /^(-?)(\d+)(?:\.(\d+))?$/.exec(trimmed);
  if (!decimal) throw new RangeError(`not an exact decimal: "${text}"`);
  const [, sign, whole, decimals = ''] = decimal;
  const den = 10 ** decimals.length;
  const num = Number(whole) * den + (decimals ? Number(decimals) : 0);
  return fraction(sign === '-' ? -num : num, den);
}

export function add(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function subtract(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function multiply(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.num, a.den * b.den);
}

export function divide(a: Fraction, b: Fraction): Fraction {
  if (b.num === 0) throw new RangeError('division by zero');
  return fraction(a.num * b.den, a.den * b.num);
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Fraction, b: Fraction): -1 | 0 | 1 {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The nearest double; for display and export only, never for classification. */
export function toNumber(value: Fraction): number {
  return value.num / value.den;
}

/** Decimal text rounded half away from zero to `digits` places, computed exactly ("54.1"). */
export function formatFraction(value: Fraction, digits = 1): string {
  const scale = 10 ** digits;
  const negative = value.num < 0;
  const scaled = Math.abs(value.num) * scale;
  let rounded = Math.floor(scaled / value.den);
  if ((scaled % value.den) * 2 >= value.den) rounded += 1;
  const text =
    digits === 0 ? String(rounded) : `${Math.floor(rounded / scale)}.${String(rounded % scale).padStart(digits, '0')}`;
  return negative && rounded !== 0 ? `-${text}` : text;
}
