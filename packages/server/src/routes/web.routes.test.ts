import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigovDatabase } from '@migov/db';
import type { MigovApp } from '../app.ts';
import { createTestApp, createTestDatabase } from '../testing/test-app.ts';

describe('the web app and landing page', () => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let withWeb: MigovApp;
  let withoutWeb: MigovApp;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase('sqlite'));
    const root = mkdtempSync(join(tmpdir(), 'migov-web-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>migov web</title>');
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    withWeb = await createTestApp(db, { config: { webRoot: root } });
    withoutWeb = await createTestApp(db);
  });
  afterAll(async () => {
    await withWeb.close();
    await withoutWeb.close();
    await drop();
  });

  it('serves a landing page linking to the API docs until the web app is built', async () => {
    const response = await withoutWeb.inject('/');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('href="/api/v1/docs"');
  });

  it('serves the built web app, its files, and index.html for client routes', async () => {
    expect((await withWeb.inject('/')).body).toContain('migov web');
    const script = await withWeb.inject('/assets/app.js');
    expect(script.body).toBe('console.log(1)');
    expect(script.headers['content-type']).toContain('javascript');
    expect((await withWeb.inject('/assessments/123')).body).toContain('migov web');
  });

  it('never serves files outside the web folder, and leaves the API to its routes', async () => {
    const escape = await withWeb.inject('/..%2f..%2f..%2fetc%2fpasswd');
    expect(escape.body).not.toContain('root:');
    expect((await withWeb.inject('/api/v1/nothing')).json().code).toBe('route-not-found');
    expect((await withWeb.inject('/api/v1/instruments')).statusCode).toBe(200);
  });

  it('says when organisation sign-in is not configured', async () => {
    const response = await withoutWeb.inject('/api/v1/auth/oidc/login');
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('oidc-not-configured');
  });
});
