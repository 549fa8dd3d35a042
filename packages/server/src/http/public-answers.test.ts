/**
 * Public GET answers are remembered by URL and sent before parsing and validation; a remembered
 * answer never outlives a change announced through the server, nor its body's refresh time (so a
 * change made outside the server shows once that passes).
 */
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
