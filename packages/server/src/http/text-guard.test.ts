import { describe, expect, it } from 'vitest';
import { findUnstorable, guardMultipartParts, unstorableText } from './text-guard.ts';

describe('findUnstorable', () => {
  it('finds a NUL character in nested strings and keys, and names where', () => {
    expect(
      findUnstorable({
        changes: [
          { itemId: '1a', comment: 'ok' },
          { itemId: '1b', comment: 'bad\u0000' },
        ],
      })?.path,
    ).toBe('/changes/1/comment');
    expect(findUnstorable({ 'a\u0000': 1 })).toEqual({ path: '/a\\u0000', why: 'a key contains a NUL character' });
    expect(findUnstorable('x\u0000')?.path).toBe('/');
  });

  it('finds lone surrogates, high or low, anywhere in a string or key', () => {
    expect(unstorableText('a\ud800')).toMatch(/lone UTF-16 surrogate \(\\ud800\)/);
    expect(unstorableText('\udc00b')).toMatch(/\\udc00/);
    expect(unstorableText('a\udbff\ud83d\ude00')).toMatch(/\\udbff/);
    expect(findUnstorable({ title: { en: 'x\ud83d' } })?.path).toBe('/title/en');
    expect(findUnstorable({ ['k\udfff']: 1 })?.why).toMatch(/^a key contains a lone/);
  });

  it('accepts text with paired surrogates (emoji), numbers, buffers and null', () => {
    expect(findUnstorable({ a: 'ü \t\n', e: 'migration 🌍 𝔘', b: 1, c: null, d: [true] })).toBeUndefined();
    expect(findUnstorable(Buffer.from([0, 0xd8, 0]))).toBeUndefined();
    expect(findUnstorable(undefined)).toBeUndefined();
  });
});

describe('guardMultipartParts', () => {
  async function* parts(...list: { fieldname: string; filename?: string; value?: unknown }[]) {
    yield* list;
  }
  const drain = async (iterable: AsyncIterable<unknown>) => {
    const seen: unknown[] = [];
    for await (const part of iterable) seen.push(part);
    return seen;
  };

  it('yields storable parts and refuses a field value, field name or file name that cannot be stored', async () => {
    expect(
      await drain(
        guardMultipartParts(
          parts({ fieldname: 'title', value: 'Loi 🌍' }, { fieldname: 'file', filename: 'report.pdf' }),
        ),
      ),
    ).toHaveLength(2);
    await expect(drain(guardMultipartParts(parts({ fieldname: 'title', value: 'a\u0000' })))).rejects.toMatchObject({
      code: 'validation-failed',
      message: 'multipart /title: contains a NUL character',
    });
    await expect(
      drain(guardMultipartParts(parts({ fieldname: 'file', filename: 'r\ud800.pdf' }))),
    ).rejects.toMatchObject({
      message: expect.stringContaining('multipart /file/filename: contains a lone UTF-16 surrogate'),
    });
    await expect(drain(guardMultipartParts(parts({ fieldname: 'ti\u0000tle', value: 'x' })))).rejects.toMatchObject({
      code: 'validation-failed',
    });
  });
});
