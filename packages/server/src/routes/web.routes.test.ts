import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRound, type MigovDatabase } from '@migov/db';
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
    writeFileSync(join(root, 'assets', 'app-Dh3k_9x-.js'), 'console.log(2)');
    writeFileSync(join(root, 'assets', 'app-Dh3k_9x-.js.br'), brotliCompressSync('console.log(2)'));
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
    expect((await withWeb.inject('/index.html')).body).toContain('migov web');
    const script = await withWeb.inject('/assets/app.js');
    expect(script.body).toBe('console.log(1)');
    expect(script.headers['content-type']).toContain('javascript');
    expect((await withWeb.inject('/assessments/123')).body).toContain('migov web');
  });

  it('lets browsers keep the files named by their content for a year without asking again, and no other', async () => {
    const hashed = await withWeb.inject('/assets/app-Dh3k_9x-.js');
    expect(hashed.body).toBe('console.log(2)');
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // Its compressed copy goes out the same way.
    const compressed = await withWeb.inject({ url: '/assets/app-Dh3k_9x-.js', headers: { 'accept-encoding': 'br' } });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(compressed.rawPayload).toString()).toBe('console.log(2)');
    expect(compressed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/assets/app.js', '/index.html'])
      expect((await withWeb.inject(url)).headers['cache-control'], url).not.toMatch(/immutable|max-age=[1-9]/);
  });

  it("sends the bare root to the dashboard in the reader's language: last read in, else the browser's, else English", async () => {
    const root = async (headers: Record<string, string> = {}, url = '/') => {
      const response = await withWeb.inject({ url, headers });
      expect(response.statusCode).toBe(302);
      expect(response.headers.vary).toContain('accept-language');
      expect(response.headers.vary).toContain('cookie');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      return response.headers.location;
    };
    expect(await root()).toBe('/en/');
    expect(await root({ 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.8' })).toBe('/fr/');
    // By preference, not by order; languages the interface does not speak are passed over.
    expect(await root({ 'accept-language': 'de-DE, es-MX;q=0.3, ar;q=0.9' })).toBe('/ar/');
    expect(await root({ 'accept-language': 'zh-TW' })).toBe('/zh/');
    expect(await root({ 'accept-language': 'ru;q=0, de' })).toBe('/en/');
    expect(await root({ 'accept-language': '*' })).toBe('/en/');
    // The language the reader last read in comes first; a cookie naming no language is passed over.
    expect(await root({ 'accept-language': 'fr', cookie: 'migov_lang=ru' })).toBe('/ru/');
    expect(await root({ 'accept-language': 'fr', cookie: 'migov_lang=xx' })).toBe('/fr/');
    // The query goes along (the dashboard reads its domain from it).
    expect(await root({ 'accept-language': 'es' }, '/?domain=2')).toBe('/es/?domain=2');
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

describe('public pages drawn by a page renderer', () => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  /** The URLs the renderer was asked for, in order. */
  const asked: string[] = [];
  /** What the drawn page says: changed by the test to stand for new public data. */
  let figure = '';
  /** The app's clock, moved by the tests. */
  let clock = Date.parse('2026-06-01T00:00:00Z');

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase('sqlite'));
    const root = mkdtempSync(join(tmpdir(), 'migov-web-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>migov web</title><div id="root"></div>');
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    app = await createTestApp(db, {
      config: { webRoot: root },
      now: () => new Date(clock),
      async renderPage(url, server) {
        asked.push(url);
        if (url === '/en/broken/') throw new Error('the page could not be drawn');
        if (!url.startsWith('/en/drawn/')) return undefined;
        // The renderer reads the API in process, as the web app's renderer does.
        const instruments = await server.inject({ method: 'GET', url: '/api/v1/instruments' });
        const rounds = await server.inject({ method: 'GET', url: '/api/v1/rounds' });
        return `<!doctype html><title>drawn</title><div id="root"><p style="color: red">${figure}</p><p>${instruments.statusCode}</p><p>${rounds.body}</p>${'<i>padding</i>'.repeat(200)}</div>`;
      },
    });
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('draws a page once, then sends it from memory with its ETag (304 when the browser has it)', async () => {
    figure = `figure ${Math.random()}`;
    await app.migov.publicCache.invalidate();
    asked.length = 0;
    const first = await app.inject('/en/drawn/');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toContain('text/html');
    expect(first.body).toContain(figure);
    expect(first.body).toContain('<p>200</p>');
    const again = await app.inject('/en/drawn/');
    expect(again.body).toBe(first.body);
    expect(asked).toEqual(['/en/drawn/']);
    const etag = String(first.headers.etag);
    const notModified = await app.inject({ url: '/en/drawn/', headers: { 'if-none-match': etag } });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
  });

  it('draws it again once public data has changed', async () => {
    const before = await app.inject('/en/drawn/');
    figure = `figure ${Math.random()}`;
    await app.migov.publicCache.invalidate();
    asked.length = 0;
    const after = await app.inject('/en/drawn/');
    expect(asked).toEqual(['/en/drawn/']);
    expect(after.body).toContain(figure);
    expect(after.body).not.toBe(before.body);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const stale = await app.inject({ url: '/en/drawn/', headers: { 'if-none-match': String(before.headers.etag) } });
    expect(stale.statusCode).toBe(200);
  });

  it('checks a kept page after ten seconds by the answers it was drawn from, and draws it again only when one changed', async () => {
    figure = `figure ${Math.random()}`;
    await app.migov.publicCache.invalidate();
    asked.length = 0;
    const first = await app.inject('/en/drawn/');
    expect(asked).toEqual(['/en/drawn/']);
    // Due for a check: the kept page is sent, and its answers asked for again are the same.
    clock += 11_000;
    figure = `figure ${Math.random()}`;
    expect((await app.inject('/en/drawn/')).body).toBe(first.body);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await app.inject('/en/drawn/')).body).toBe(first.body);
    expect(asked).toEqual(['/en/drawn/']);
    // A round opened by a program outside the server (no notice drops the caches) changes an answer.
    await createRound(db, {
      year: 2030,
      instrument: 'sdg-10-7-2',
      version: '2019',
      opensOn: '2030-01-01',
      closesOn: '2030-12-31',
    });
    clock += 11_000;
    // The kept page is sent while the new one is drawn.
    expect((await app.inject('/en/drawn/')).body).toBe(first.body);
    await vi.waitFor(() => expect(asked).toEqual(['/en/drawn/', '/en/drawn/']));
    await vi.waitFor(async () => {
      const after = (await app.inject('/en/drawn/')).body;
      expect(after).toContain(figure);
      expect(after).toContain('2030');
    });
  });

  it('keeps the security headers, allowing by hash only the style attributes the page holds', async () => {
    const response = await app.inject('/en/drawn/');
    const policy = String(response.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    const hash = createHash('sha256').update('color: red').digest('base64');
    expect(policy).toContain(`style-src-attr 'unsafe-hashes' 'sha256-${hash}'`);
    expect(policy).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('compresses a drawn page for browsers that accept it, each encoding with its own ETag', async () => {
    const plain = await app.inject('/en/drawn/');
    const compressed = await app.inject({ url: '/en/drawn/', headers: { 'accept-encoding': 'gzip' } });
    expect(compressed.headers['content-encoding']).toBe('gzip');
    expect(compressed.headers.vary).toContain('accept-encoding');
    expect(gunzipSync(compressed.rawPayload).toString()).toBe(plain.body);
    expect(compressed.headers.etag).not.toBe(plain.headers.etag);
  });

  it('serves index.html for what the renderer does not draw or fails to draw, and files and the API as before', async () => {
    asked.length = 0;
    for (const url of ['/en/workspace/', '/en/broken/']) {
      const response = await app.inject(url);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('migov web');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    }
    expect(asked).toEqual(['/en/workspace/', '/en/broken/']);
    // A failed drawing is not kept: the next request tries again.
    await app.inject('/en/broken/');
    expect(asked).toEqual(['/en/workspace/', '/en/broken/', '/en/broken/']);
    asked.length = 0;
    expect((await app.inject('/assets/app.js')).body).toBe('console.log(1)');
    expect((await app.inject('/api/v1/instruments')).statusCode).toBe(200);
    expect((await app.inject('/api/v1/nothing')).statusCode).toBe(404);
    expect(asked).toEqual([]);
  });
});
