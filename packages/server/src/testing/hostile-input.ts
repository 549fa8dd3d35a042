/** Test support: hostile input sent on the wire, and what every answer to it must look like. */
import { expect } from 'vitest';
import { parse as parseDisposition } from 'content-disposition';
import type { MigovApp } from '../app.ts';
import type { RawAnswer } from './raw-http.ts';

/** Query strings as sent on the wire (each is tried on every public GET route). */
export const HOSTILE_QUERIES: readonly (string | Buffer)[] = [
  'instrument=a%01b',
  'instrument=%00',
  'instrument=a%0D%0ASet-Cookie:%20x=y',
  'instrument=%1F%7F',
  'instrument=x%22%3B%20filename%3D%22evil.html',
  'instrument=%FF',
  'instrument=%C0%AF',
  'instrument=%ED%A0%80',
  'instrument=%E0%A4%A',
  'instrument=%',
  'instrument=%%G1',
  'group=%ED%B0%80&kind=%ED%A0%80',
  'kind=%00&group=%01',
  `instrument=${'a'.repeat(8_000)}`,
  `instrument=${'%01'.repeat(2_000)}`,
  'instrument=a&instrument=b',
  'instrument=sdg-10-7-2&instrument=sdg-10-7-2',
  Array.from({ length: 300 }, (_, index) => `limit=${index}`).join('&'),
  'limit=-1&offset=1e309',
  'offset=99999999999999999999999',
  '__proto__[polluted]=1&constructor[prototype][polluted]=1',
  'instrument[]=x&instrument[y]=z',
  '=&&=&a==b',
  Buffer.from('instrument=caf\xc3\xa9', 'latin1'),
  Buffer.from('instrument=\xff\xfe', 'latin1'),
];

/** A value for each path parameter that public routes take. */
const SAMPLE_PARAMS: Record<string, string> = {
  year: '2019',
  format: 'csv',
  jurisdiction: '484',
  instrument: 'sdg-10-7-2',
  version: '2019',
  code: '484',
};

/** The concrete paths of every public GET route of an app. */
export function publicGetPaths(app: MigovApp): string[] {
  return (
    app.routesWithAccess
      // The API browser's own files (a third-party page) are left out.
      .filter(
        (route) =>
          route.method === 'GET' &&
          route.access.permission === 'public' &&
          !route.url.includes('*') &&
          !route.url.startsWith('/api/v1/docs'),
      )
      .map((route) => route.url.replace(/:(\w+)/g, (_, name: string) => SAMPLE_PARAMS[name] ?? 'x'))
  );
}

/** Every answer is a success, a redirect or a refusal as problem+json; never a 5xx. */
export function expectWellFormed(answer: RawAnswer, what: string): void {
  expect(answer.status, `${what}: ${answer.body.toString().slice(0, 300)}`).toBeLessThan(500);
  if (answer.status >= 400) expect(answer.headers['content-type']?.[0], what).toMatch(/^application\/problem\+json/);
  const disposition = answer.headers['content-disposition'];
  if (disposition) {
    expect(disposition, what).toHaveLength(1);
    expect(
      Object.keys(parseDisposition(disposition[0]!).parameters)
        .filter((name) => name.startsWith('filename'))
        .sort(),
      what,
    ).toEqual(expect.arrayContaining(['filename']));
    expect(disposition[0]!.match(/filename=/g), what).toHaveLength(1);
  }
}
