import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, compare, formatFraction, fraction, parseFraction, toNumber } from './fraction.ts';

describe('parseFraction', () => {
  it.each([
    ['0.5', 1, 2],
    ['1', 1, 1],
    ['-2.25', -9, 4],
    ['80', 80, 1],
    ['2/6', 1, 3],
  ])('reads %s exactly', (text, num, den) => {
    expect(parseFraction(text)).toEqual({ num, den });
  });
  it('refuses what is not an exact decimal', () => {
    expect(() => parseFraction('1e3')).toThrow(/not an exact decimal/);
    expect(() => parseFraction('abc')).toThrow(/not an exact decimal/);
  });
});

describe('formatFraction', () => {
  it.each([
    [fraction(6000, 111), 1, '54.1'],
    [fraction(8600, 138), 5, '62.31884'],
    [fraction(1, 8), 2, '0.13'],
    [fraction(-1, 8), 2, '-0.13'],
    [fraction(100), 1, '100.0'],
    [fraction(2, 3), 0, '1'],
  ])('rounds %o to %i places as %s', (value, digits, expected) => {
    expect(formatFraction(value, digits)).toBe(expected);
  });
});

describe('fraction arithmetic', () => {
  it('hits 80 exactly where floats do not', () => {
    // 0.1 + 0.7 !== 0.8 in binary floating point; in fractions it is exact.
    expect(compare(add(parseFraction('0.1'), parseFraction('0.7')), parseFraction('0.8'))).toBe(0);
  });
  it('agrees with floating point up to rounding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        (a, b, c, d) => {
          expect(toNumber(add(fraction(a, b), fraction(c, d)))).toBeCloseTo(a / b + c / d, 9);
        },
      ),
      { seed: 1072 },
    );
  });
});
