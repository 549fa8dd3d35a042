import { describe, expect, it } from 'vitest';
import { criticalValue, normalQuantile } from './normal-quantile.ts';

describe('normalQuantile', () => {
  it.each([
    [0.975, 1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.995, 2.5758293035489004],
    [0.5, 0],
    [0.001, -3.090232306167813],
  ])('gives Φ⁻¹(%f) = %f to 1e-8', (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-8);
  });

  it('refuses probabilities outside (0, 1)', () => {
    expect(() => normalQuantile(0)).toThrow('invalid probability: 0');
    expect(() => criticalValue(1)).toThrow('invalid confidence level: 1');
  });

  it('gives the two-sided critical value for a confidence level', () => {
    expect(criticalValue(0.95)).toBeCloseTo(1.959963984540054, 8);
  });
});
