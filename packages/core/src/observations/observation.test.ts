import { describe, expect, it } from 'vitest';
import { formatProblem, normalizeM49 } from './observation.ts';

describe('normalizeM49', () => {
  it('drops leading zeros', () => {
    expect(normalizeM49('004')).toBe('4');
    expect(normalizeM49(4)).toBe('4');
    expect(normalizeM49(' 417 ')).toBe('417');
  });
  it('rejects what is not a three-digit code', () => {
    expect(normalizeM49('AFG')).toBeUndefined();
    expect(normalizeM49('1000')).toBeUndefined();
    expect(normalizeM49('')).toBeUndefined();
  });
});

describe('formatProblem', () => {
  it('names file, row, column and value, each only when the problem has it', () => {
    expect(formatProblem({ file: 'a.csv', row: 7, column: 'AGE', value: '250', message: 'impossible age' })).toBe(
      'a.csv, row 7, column "AGE", value "250": impossible age',
    );
    expect(formatProblem({ file: 'a.csv', row: 2, message: 'too few cells' })).toBe('a.csv, row 2: too few cells');
    expect(formatProblem({ file: 'a.csv', column: 'Value', value: '', message: 'empty' })).toBe(
      'a.csv, column "Value", value "": empty',
    );
    expect(formatProblem({ file: 'a.csv', message: 'no area column' })).toBe('a.csv: no area column');
  });
});
