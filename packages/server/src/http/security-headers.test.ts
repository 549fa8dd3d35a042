/** Security headers over loopback: a strict CSP that allows exactly the inline code of the pages served, on every answer, remembered ones included. */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MigovDatabase } from '@migov/db';
import { createApp, type MigovApp } from '../app.ts';
import { LANDING_PAGE } from '../routes/web.routes.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import { answersWithoutPage, DOCUMENT_ONLY_HEADERS, inlineHashes } from './security-headers.ts';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const FIRST_SCRIPT = "window.__first = fetch('/api/v1/rounds');";
const INDEX = `<!doctype html><html><head><script>${FIRST_SCRIPT}</script><script type="module" src="/assets/app.js"></script><style>body{margin:0}</style></head><body><div id="root"></div></body></html>`;

/** The CSP directives of an answer, by name. */
function directives(header: string | null): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('inlineHashes', () => {
  it('hashes inline scripts and styles, not scripts loaded from a file', () => {
    expect(inlineHashes(INDEX)).toEqual({ scripts: [sha(FIRST_SCRIPT)], styles: [sha('body{margin:0}')] });
    expect(inlineHashes('<script src="/a.js"></script><p>no inline code</p>')).toEqual({ scripts: [], styles: [] });
  });
});

describe('answersWithoutPage', () => {
  it('tells the API, health and metrics from pages and the API browser', () => {
    for (const url of [
      '/api/v1/rounds',
      '/api/v1/rounds?year=2021',
      '/api/v1',
      '/api/v1/openapi.json',
      '/health',
      '/metrics',
    ])
      expect(answersWithoutPage(url), url).toBe(true);
    for (const url of [
      '/',
      '/en/',
      '/api/v1/docs',
      '/api/v1/docs/static/index.html',
      '/api/v10/rounds',
      '/healthy',
      '/health/x',
    ])
      expect(answersWithoutPage(url), url).toBe(false);
  });
});

describe('security headers over loopback', () => {
  const folder = mkdtempSync(join(tmpdir(), 'migov-csp-'));
  const apps: MigovApp[] = [];
  const databases: { drop(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const database of databases) await database.drop();
    rmSync(folder, { recursive: true, force: true });
  });
  const serve = async (config: { webRoot?: string; publicUrl?: string }) => {
    const { db, drop }: { db: MigovDatabase; drop(): Promise<void> } = await createTestDatabase('sqlite');
    databases.push({ drop });
    const app = await createApp({ db, config });
    apps.push(app);
    return app.listen({ host: '127.0.0.1', port: 0 });
  };

  it('sends pages a strict CSP allowing the web app inline code by hash, and forbids framing', async () => {
    writeFileSync(join(folder, 'index.html'), INDEX);
    const url = await serve({ webRoot: folder });
    for (const path of ['/', '/some/client/route', '/fr/countries/MEX']) {
      const response = await fetch(`${url}${path}`);
      const csp = response.headers.get('content-security-policy');
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      const policy = directives(csp);
      expect(policy.get('default-src'), path).toEqual(["'self'"]);
      expect(policy.get('script-src'), path).toEqual(["'self'", sha(FIRST_SCRIPT)]);
      expect(policy.get('style-src'), path).toEqual(expect.arrayContaining(["'self'", sha('body{margin:0}')]));
      expect(policy.get('object-src'), path).toEqual(["'none'"]);
      expect(policy.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(policy.has('upgrade-insecure-requests'), path).toBe(false);
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
      expect(response.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('sends answers that are not pages a policy that lets them load and run nothing, without the headers only documents read, remembered and compressed answers too', async () => {
    writeFileSync(join(folder, 'index.html'), INDEX);
    const url = await serve({ webRoot: folder, publicUrl: 'https://migov.example.org' });
    const paths = [
      '/api/v1/rounds',
      '/api/v1/instruments',
      '/api/v1/instruments', // remembered by now
      '/api/v1/instruments?x=1',
      '/api/v1/nothing',
      '/api/v1',
      '/api/v1/downloads/2019/csv?instrument=A',
      '/api/v1/openapi.json',
      '/health',
      '/ready',
    ];
    for (const gzip of [false, true])
      for (const path of paths) {
        const response = await fetch(`${url}${path}`, { headers: gzip ? { 'accept-encoding': 'gzip' } : {} });
        expect(response.headers.get('content-type'), path).not.toMatch(/html/);
        expect(response.headers.get('content-security-policy'), path).toBe(
          "default-src 'none'; frame-ancestors 'none'",
        );
        expect(response.headers.get('x-frame-options'), path).toBe('DENY');
        expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(response.headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
        expect(response.headers.get('strict-transport-security'), path).toBe('max-age=31536000; includeSubDomains');
        for (const name of DOCUMENT_ONLY_HEADERS) expect(response.headers.get(name), `${path} ${name}`).toBeNull();
      }
    // Some of them came from the remembered answers sent before the framework.
    expect(apps.at(-1)!.migov.publicCache.directAnswers).toBeGreaterThan(0);
  });

  it('allows the landing page its inline style, and asks for https only behind an https public URL', async () => {
    const url = await serve({ publicUrl: 'https://migov.example.org' });
    const landing = await fetch(`${url}/`);
    expect(await landing.text()).toBe(LANDING_PAGE);
    const policy = directives(landing.headers.get('content-security-policy'));
    expect(policy.get('style-src')).toEqual(["'self'", ...inlineHashes(LANDING_PAGE).styles]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.has('upgrade-insecure-requests')).toBe(true);
    expect(landing.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    // The API browser (third-party) may add style elements, never run inline scripts.
    const docs = directives(
      (await fetch(`${url}/api/v1/docs/static/index.html`)).headers.get('content-security-policy'),
    );
    expect(docs.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(docs.get('script-src')).toEqual(["'self'"]);
  });
});
