/**
 * Public GET answers are remembered by URL and sent before parsing and validation; a remembered
 * answer never outlives a change announced through the server, nor its body's refresh time (so a
 * change made outside the server shows once that passes).
 */
import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importObservations, type MigovDatabase } from '@migov/db';
import type { MigovApp } from '../app.ts';
import { createTestApp, createTestDatabase } from '../testing/test-app.ts';

const URL_2021 = '/api/v1/aggregates/2021';

describe('remembered public answers', () => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  let clock = Date.now();
  let area = 0;

  /** Store one more UN aggregate for 2021 straight in the database, as another program would. */
  const importOne = async () => {
    area += 1;
    await importObservations(
      db,
      {
        observations: [
          {
            series: 'SG_CPA_MIGRP',
            area: String(area),
            year: 2021,
            domain: 'ALLDOMAINS',
            value: 50 + area,
            nature: 'G',
          },
        ],
        source: { name: `import ${area}`, format: 'json', importedAt: new Date(clock).toISOString() },
      },
      null,
    );
  };
  const publishedCount = async (headers: Record<string, string> = {}) => {
    const response = await app.inject({ url: URL_2021, headers });
    return {
      response,
      count: response.statusCode === 200 ? (response.json().published as unknown[]).length : undefined,
    };
  };

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase('sqlite'));
    app = await createTestApp(db, { now: () => new Date(clock) });
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('answers again from memory, with the same ETag, headers and 304', async () => {
    await importOne();
    const first = await publishedCount();
    expect(first.count).toBe(1);
    const second = await publishedCount();
    expect(second.count).toBe(1);
    expect(second.response.headers.etag).toBe(first.response.headers.etag);
    for (const header of ['content-type', 'cache-control', 'x-content-type-options'])
      expect(second.response.headers[header]).toBe(first.response.headers[header]);
    const notModified = await app.inject({
      url: URL_2021,
      headers: { 'if-none-match': String(first.response.headers.etag) },
    });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
  });

  it('keeps the answer while fresh, then refreshes it for a change made outside the server', async () => {
    const before = await publishedCount();
    await importOne();
    expect((await publishedCount()).count).toBe(before.count);
    clock += 11_000;
    // Due for refresh: the route runs, serves the previous body once and rebuilds it in the background.
    expect((await publishedCount()).count).toBe(before.count);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await publishedCount()).count).toBe(before.count! + 1);
  });

  it('forgets the answer as soon as a change is announced through the server', async () => {
    const before = await publishedCount();
    await importOne();
    expect((await publishedCount()).count).toBe(before.count);
    await app.migov.publicCache.invalidate();
    expect((await publishedCount()).count).toBe(before.count! + 1);
  });

  it('keeps answers apart by query and never remembers a refused request', async () => {
    const bad = await app.inject({ url: '/api/v1/aggregates/1999' });
    expect(bad.statusCode).toBe(400);
    expect((await app.inject({ url: '/api/v1/aggregates/1999' })).statusCode).toBe(400);
    const all = await app.inject({ url: URL_2021 });
    const other = await app.inject({ url: `${URL_2021}?instrument=other` });
    expect(other.statusCode).toBe(200);
    expect(other.headers.etag).not.toBe(all.headers.etag);
    expect((await app.inject({ url: URL_2021 })).headers.etag).toBe(all.headers.etag);
  });
});

describe('remembered public answers before the framework (a listening app)', () => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase('sqlite'));
    await importObservations(
      db,
      {
        observations: [{ series: 'SG_CPA_MIGRP', area: '1', year: 2021, domain: 'ALLDOMAINS', value: 51, nature: 'G' }],
        source: { name: 'import', format: 'json', importedAt: new Date().toISOString() },
      },
      null,
    );
  });
  afterAll(async () => drop());

  const get = async (base: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${URL_2021}`, { headers });
    return {
      status: response.status,
      headers: Object.fromEntries(
        [...response.headers].filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name)),
      ),
      body: await response.text(),
    };
  };

  it('sends the same bytes and headers as the route, and 304, while request logs are off', async () => {
    const app = await createTestApp(db);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const first = await get(base);
      expect(app.migov.publicCache.directAnswers).toBe(0);
      const second = await get(base);
      expect(app.migov.publicCache.directAnswers).toBe(1);
      expect(second).toEqual(first);
      const notModified = await get(base, { 'if-none-match': String(first.headers.etag) });
      expect(notModified.status).toBe(304);
      expect(notModified.body).toBe('');
      expect(app.migov.publicCache.directAnswers).toBe(2);
      await importObservations(
        db,
        {
          observations: [
            { series: 'SG_CPA_MIGRP', area: '2', year: 2021, domain: 'ALLDOMAINS', value: 52, nature: 'G' },
          ],
          source: { name: 'import 2', format: 'json', importedAt: new Date().toISOString() },
        },
        null,
      );
      await app.migov.publicCache.invalidate();
      const changed = await get(base);
      expect(app.migov.publicCache.directAnswers).toBe(2);
      expect((JSON.parse(changed.body) as { published: unknown[] }).published).toHaveLength(2);
      expect(changed.headers.etag).not.toBe(first.headers.etag);
    } finally {
      await app.close();
    }
  });

  it('leaves every answer to the framework while requests are logged', async () => {
    const lines: string[] = [];
    const app = await createTestApp(db, {
      logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } },
    });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      await get(base);
      await get(base);
      expect(app.migov.publicCache.directAnswers).toBe(0);
      expect(lines.filter((line) => line.includes('request completed'))).toHaveLength(2);
    } finally {
      await app.close();
    }
  });
});

describe('compressed public answers (a listening app)', () => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  let base: string;
  const path = '/api/v1/aggregates/2019';

  /** One answer as sent: status, headers (without those of the connection) and the bytes on the wire. */
  const raw = (headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      const request = httpRequest(`${base}${path}`, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = response.headers;
          resolve({ status: response.statusCode!, headers: rest, body: Buffer.concat(chunks) });
        });
      });
      request.on('error', reject);
      request.end();
    });

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase('sqlite'));
    // Random areas and values: a body large enough to be worth compressing.
    const seed = Math.floor(Math.random() * 1000);
    await importObservations(
      db,
      {
        observations: Array.from({ length: 40 }, (_, index) => ({
          series: 'SG_CPA_MIGRP',
          area: String(index + 1),
          year: 2019,
          domain: 'ALLDOMAINS',
          value: (seed + index * 7) % 100,
          nature: 'G' as const,
        })),
        source: { name: `import ${seed}`, format: 'json', importedAt: new Date().toISOString() },
      },
      null,
    );
    app = await createTestApp(db);
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('sends gzip to clients that accept it, the same bytes and headers from the route and from memory', async () => {
    // The first answer comes from the route, the next ones from memory before the framework.
    const fromRoute = await raw({ 'accept-encoding': 'gzip, deflate, br' });
    expect(app.migov.publicCache.directAnswers).toBe(0);
    const fromMemory = await raw({ 'accept-encoding': 'gzip, deflate, br' });
    expect(app.migov.publicCache.directAnswers).toBe(1);
    const plain = await raw();
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    expect(await app.inject({ url: path })).toMatchObject({ body: plain.body.toString() });
    expect(fromMemory).toEqual(fromRoute);
    expect(fromRoute.headers['content-encoding']).toBe('gzip');
    expect(fromRoute.headers.vary).toBe('accept-encoding');
    expect(Number(fromRoute.headers['content-length'])).toBe(fromRoute.body.length);
    expect(fromRoute.body.length).toBeLessThan(plain.body.length);
    expect(gunzipSync(fromRoute.body)).toEqual(plain.body);
    // Each representation has its own strong ETag; the security headers are the same.
    expect(fromRoute.headers.etag).not.toBe(plain.headers.etag);
    const {
      etag: _gzipEtag,
      'content-encoding': _encoding,
      'content-length': _gzipLength,
      ...gzipRest
    } = fromRoute.headers;
    const { etag: _plainEtag, 'content-length': _plainLength, ...plainRest } = plain.headers;
    expect(gzipRest).toEqual(plainRest);
  });

  it('answers 304 for the representation the client would get, and honours q=0', async () => {
    const zipped = await raw({ 'accept-encoding': 'gzip' });
    const plain = await raw({ 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (let round = 0; round < 2; round += 1) {
      const notModified = await raw({ 'accept-encoding': 'gzip', 'if-none-match': String(zipped.headers.etag) });
      expect(notModified.status).toBe(304);
      expect(notModified.body.length).toBe(0);
      expect(notModified.headers.vary).toBe('accept-encoding');
      // The identity ETag does not match the gzip representation, nor the other way round.
      expect((await raw({ 'accept-encoding': 'gzip', 'if-none-match': String(plain.headers.etag) })).status).toBe(200);
      expect((await raw({ 'if-none-match': String(zipped.headers.etag) })).status).toBe(200);
      expect((await raw({ 'if-none-match': String(plain.headers.etag) })).status).toBe(304);
    }
    for (const refused of ['gzip;q=0', 'br, gzip; q=0.0', 'identity', '*;q=0', ''])
      expect((await raw({ 'accept-encoding': refused })).headers['content-encoding']).toBeUndefined();
    for (const accepted of ['*', 'GZIP', 'br;q=1, gzip;q=0.5', 'x-gzip'])
      expect((await raw({ 'accept-encoding': accepted })).headers['content-encoding']).toBe('gzip');
  });

  it('sends small answers as they are, without Vary', async () => {
    const small = await app.inject({ url: '/api/v1/official-data', headers: { 'accept-encoding': 'gzip' } });
    expect(small.statusCode).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.vary).toBeUndefined();
  });
});
