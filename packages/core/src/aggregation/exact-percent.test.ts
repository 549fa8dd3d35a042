import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalsOf, formatPercent, matchesPublished, percentValue, roundPercent } from './exact-percent.ts';

describe('formatPercent', () => {
  it.each([
    [60, 111, 1, '54.1'],
    [61, 111, 1, '55.0'],
    [86, 138, 5, '62.31884'],
    [85, 138, 5, '61.59420'],
    [0, 7, 1, '0.0'],
    [7, 7, 1, '100.0'],
    [2, 3, 0, '67'],
    [1, 3, 2, '33.33'],
    [1, 16, 1, '6.3'], // 6.25 exactly: half up
    [1, 8, 1, '12.5'],
    [1, 200, 1, '0.5'],
    [1, 2000, 1, '0.1'], // 0.05 exactly: half up
    [1, 2001, 1, '0.0'],
  ])('formats %i of %i to %i decimals as %s', (numerator, denominator, decimals, text) => {
    expect(formatPercent({ numerator, denominator }, decimals)).toBe(text);
  });

  it('rounds exactly where floating point would not', () => {
    // 201 of 20 000 is exactly 1.005 %, which as a double is a little below 1.005.
    expect(formatPercent({ numerator: 201, denominator: 20_000 }, 2)).toBe('1.01');
    expect(percentValue({ numerator: 201, denominator: 20_000 }).toFixed(2)).toBe('1.00');
  });

  it.each([
    [{ numerator: 1, denominator: 0 }, 1],
    [{ numerator: -1, denominator: 3 }, 1],
    [{ numerator: 1.5, denominator: 3 }, 1],
    [{ numerator: 1, denominator: 3 }, -1],
    [{ numerator: 1, denominator: 3 }, 1.5],
  ])('rejects %j at %s decimals', (fraction, decimals) => {
    expect(() => formatPercent(fraction, decimals)).toThrow(RangeError);
  });

  it('agrees with roundPercent and percentValue', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.nat(),
        fc.integer({ min: 0, max: 8 }),
        (denominator, seed, decimals) => {
          const numerator = seed % (denominator + 1);
          const fraction = { numerator, denominator };
          const rounded = roundPercent(fraction, decimals);
          expect(Math.abs(rounded - percentValue(fraction))).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-9);
          expect(matchesPublished(fraction, rounded, decimals)).toBe(true);
        },
      ),
      { seed: 1072, numRuns: 500 },
    );
  });
});

describe('matchesPublished', () => {
  it.each([
    [60, 111, 54.1, 1, true],
    [60, 111, 54.0, 1, false],
    [86, 138, 62.31884, 5, true],
    [86, 138, 62.31883, 5, false],
    [43, 69, 62.31884, 5, true],
    [1, 16, 6.2, 1, true], // a tie matches either way
    [1, 16, 6.3, 1, true],
    [1, 16, 6.4, 1, false],
    [0, 3, 0, 5, true],
    [3, 3, 100, 1, true],
  ])('%i of %i against %d at %i decimals: %s', (numerator, denominator, published, decimals, expected) => {
    expect(matchesPublished({ numerator, denominator }, published, decimals)).toBe(expected);
  });

  it('never matches a value that is not finite', () => {
    expect(matchesPublished({ numerator: 1, denominator: 2 }, Number.NaN, 1)).toBe(false);
  });
});

describe('decimalsOf', () => {
  it.each([
    [54.1, 1],
    [55, 0],
    [62.31884, 5],
    [61.5942, 4],
    [0, 0],
    [1e-7, 7],
    [1.5e-7, 8],
    [100, 0],
  ])('gives %d %i decimals', (value, decimals) => {
    expect(decimalsOf(value)).toBe(decimals);
  });
});
