import { describe, expect, it } from 'vitest';
import { findNul } from './nul-guard.ts';

describe('findNul', () => {
  it('finds a NUL character in nested strings and keys, and names where', () => {
    expect(findNul({ changes: [{ itemId: '1a', comment: 'ok' }, { itemId: '1b', comment: 'bad\u0000' }] })).toBe('/changes/1/comment');
    expect(findNul({ 'a\u0000': 1 })).toBe('/a\\0');
    expect(findNul('x\u0000')).toBe('/');
  });

  it('accepts text without NUL, numbers, buffers and null', () => {
    expect(findNul({ a: 'ü \t\n', b: 1, c: null, d: [true] })).toBeUndefined();
    expect(findNul(Buffer.from([0, 0, 0]))).toBeUndefined();
    expect(findNul(undefined)).toBeUndefined();
  });
});
