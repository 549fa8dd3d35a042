import { describe, expect, it } from 'vitest';
import { normalizeM49 } from './observation.ts';

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
