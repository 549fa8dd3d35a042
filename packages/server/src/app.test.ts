import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '@migov/db';
import { createApp, type MigovApp } from './app.ts';
import { createTestDatabase, createTestApp, createTestUser, signIn } from './testing/test-app.ts';
import type { MigovDatabase } from '@migov/db';

describe('createApp', () => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase('sqlite'));
    app = await createTestApp(db);
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('answers /health while the process is up', async () => {
    const response = await app.inject('/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('lists areas with their ISO codes, so clients can localise names', async () => {
    const response = await app.inject('/api/v1/areas?kind=country&limit=500');
    expect(response.statusCode).toBe(200);
    const mexico = (response.json() as { items: { code: string; alpha2?: string; alpha3?: string }[] }).items.find(
      (area) => area.code === '484',
    );
    expect(mexico).toMatchObject({ alpha2: 'MX', alpha3: 'MEX' });
  });

  it('reports ready on a migrated database', async () => {
    const response = await app.inject('/ready');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ready', dialect: 'sqlite' });
  });

  it('reports not ready, as problem+json, on a database without migrations', async () => {
    const empty = await createDatabase({ url: 'sqlite::memory:' });
    const unmigrated = await createApp({ db: empty, config: {} });
    const response = await unmigrated.inject('/ready');
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'not-ready', status: 503 });
    await unmigrated.close();
    await empty.close();
  });

  it('serves an OpenAPI 3.1 document describing the routes', async () => {
    const response = await app.inject('/api/v1/openapi.json');
    expect(response.statusCode).toBe(200);
    const document = response.json() as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/api/v1/assessments/{id}/responses');
  });

  it('keeps the OpenAPI document as reviewed (snapshot)', async () => {
    const document = (await app.inject('/api/v1/openapi.json')).json();
    await expect(`${JSON.stringify(document, null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/openapi.json');
  });

  it('gives every operation a summary', async () => {
    const document = (await app.inject('/api/v1/openapi.json')).json() as {
      paths: Record<string, Record<string, { summary?: string }>>;
    };
    const unnamed = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => !operation.summary)
        .map(([method]) => `${method} ${path}`),
    );
    expect(unnamed).toEqual([]);
  });

  it('serves the browsable docs page', async () => {
    const response = await app.inject('/api/v1/docs/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });

  it('answers an unknown route with a route-not-found problem', async () => {
    const response = await app.inject('/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      code: 'route-not-found',
      type: 'https://migov.org/docs/errors#route-not-found',
    });
  });

  it('signs a user in and shows the session', async () => {
    await createTestUser(db, 'fp@example.org', [{ role: 'focal-point', scope: { kind: 'area', area: '484' } }]);
    const session = await signIn(app, 'fp@example.org');
    const response = await app.inject({ url: '/api/v1/session', headers: { cookie: session.cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      user: { email: 'fp@example.org' },
      roles: [{ role: 'focal-point', scope: { kind: 'area', area: '484' } }],
    });
  });
});
