/**
 * Public pages arrive drawn (Chromium, the real server drawing pages as `migov serve` does): without
 * JavaScript the dashboard shows its map and regional chart and a country's profile its figures; with
 * JavaScript the app takes the drawn page over, reading only the answers the page was drawn from (each
 * once, preloaded by the page) and without a hydration error, and then answers the reader; a
 * publication changes the pages the server sends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, ConsoleMessage } from 'playwright-core';
import { defaultGeography, SDG_10_7_2_V2019, seededRandom } from '@migov/core';
import { createAssessment, saveResponses, transitionAssessment, type Assessment } from '@migov/db';
import {
  addRound,
  addUser,
  buildWebApp,
  launchBrowser,
  PASSWORD,
  startPlatform,
  type Platform,
} from './browser-harness.ts';

const ADMIN = 'drawn-admin@example.org';

describe('public pages drawn on the server', () => {
  let platform: Platform;
  let browser: Browser;
  /** A validated assessment, published by a test through the API. */
  let waiting: Assessment;
  let countries: { code: string; name: string }[];

  beforeAll(async () => {
    await buildWebApp();
    platform = await startPlatform({ privateCopy: true });
    browser = await launchBrowser();
    const admin = await addUser(platform.db, ADMIN, 'Admin', [{ role: 'administrator', scope: { kind: 'global' } }]);
    const round = await addRound(platform.db);
    const random = seededRandom(Math.floor(Math.random() * 1e9));
    const all = [...defaultGeography.listAreas({ kind: 'country' })];
    // Three countries picked at random: two published before the first page is drawn, one later.
    countries = Array.from({ length: 3 }, () => all.splice(Math.floor(random() * all.length), 1)[0]!);
    for (const [index, country] of countries.entries()) {
      let assessment = await createAssessment(platform.db, { jurisdiction: country.code, roundId: round.id }, admin.id);
      const changes = SDG_10_7_2_V2019.domains.flatMap((domain) =>
        domain.items.map((item) => {
          const options = SDG_10_7_2_V2019.scales[item.scale]!;
          return { itemId: item.id, optionId: options[Math.floor(random() * options.length)]!.id };
        }),
      );
      assessment = await saveResponses(
        platform.db,
        { assessmentId: assessment.id, expectedLockVersion: assessment.lockVersion, changes },
        admin.id,
      );
      for (const action of index < 2 ? (['submit', 'validate', 'publish'] as const) : (['submit', 'validate'] as const))
        assessment = await transitionAssessment(
          platform.db,
          {
            assessmentId: assessment.id,
            expectedLockVersion: assessment.lockVersion,
            action,
            roles: ['administrator'],
          },
          admin.id,
        );
      waiting = assessment;
    }
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('shows the dashboard and a profile drawn when JavaScript is off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${platform.url}/en/`);
      expect(await page.locator('a.map-country').count()).toBeGreaterThanOrEqual(170);
      expect(await page.locator('svg.bar-chart').count()).toBeGreaterThan(0);
      expect(await page.locator('h1').textContent()).toBe('Migration governance around the world');
      await page.goto(`${platform.url}/en/country/${countries[0]!.code}/`);
      expect(await page.locator('h1').textContent()).toContain(countries[0]!.name);
      expect(await page.locator('main').textContent()).not.toContain(`No SDG 10.7.2 result is available`);
      // Nothing is left to load: the country's indicators are drawn too.
      expect(await page.locator('main .loading').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('takes the drawn dashboard over from the answers it was drawn from, without a hydration error, then answers', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const complaints: string[] = [];
      page.on('pageerror', (error) => complaints.push(error.message));
      page.on('console', (message: ConsoleMessage) => {
        if (message.type() === 'error' || message.type() === 'warning') complaints.push(message.text());
      });
      const apiReads: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/')) apiReads.push(request.url());
      });
      await page.goto(`${platform.url}/en/`, { waitUntil: 'load' });
      await page.waitForLoadState('networkidle');
      const carried = await page.locator('#migov-page-data').textContent();
      // The answers named by their ETag are read (preloaded); those the page carries whole are not.
      const drawnFrom = Object.entries((JSON.parse(carried!) as { answers: Record<string, object> }).answers)
        .filter(([, answer]) => 'etag' in answer)
        .map(([path]) => `${platform.url}/api/v1${path}`);
      expect(drawnFrom.length).toBeGreaterThan(3);
      expect([...apiReads].sort()).toEqual([...drawnFrom].sort());
      // Once taken over, the domain menu changes the address (a drawn page without the app would not).
      await page.getByRole('combobox', { name: 'Domain' }).selectOption({ index: 1 });
      await page.waitForURL(/[?&]domain=/);
      await page.locator('svg.bar-chart').first().waitFor();
      expect(await page.locator('a.map-country').count()).toBeGreaterThanOrEqual(170);
      expect(complaints).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("sends a reader opening the bare root to the drawn dashboard in their browser's language, then in the one they last read in", async () => {
    // Without JavaScript: the server chooses the language, and the dashboard arrives drawn.
    const french = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
    try {
      const page = await french.newPage();
      await page.goto(`${platform.url}/`);
      expect(new URL(page.url()).pathname).toBe('/fr/');
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      expect(await page.locator('a.map-country').count()).toBeGreaterThanOrEqual(170);
      expect(await page.locator('svg.bar-chart').count()).toBeGreaterThan(0);
    } finally {
      await french.close();
    }
    // A reader whose browser speaks Spanish, who last read in Russian, gets Russian.
    const reader = await browser.newContext({ locale: 'es-ES' });
    try {
      const page = await reader.newPage();
      await page.goto(`${platform.url}/`);
      expect(new URL(page.url()).pathname).toBe('/es/');
      await page.goto(`${platform.url}/ru/`);
      // The app, once it has taken the page over, keeps the language for the server.
      await page.waitForFunction(() => {
        const { document } = globalThis as unknown as {
          document: { documentElement: { dataset: Record<string, string> } };
        };
        return document.documentElement.dataset.app === 'ready';
      });
      await page.goto(`${platform.url}/`);
      expect(new URL(page.url()).pathname).toBe('/ru/');
      expect(await page.locator('html').getAttribute('lang')).toBe('ru');
      expect(await page.locator('a.map-country').count()).toBeGreaterThanOrEqual(170);
    } finally {
      await reader.close();
    }
  });

  it('sends new pages once a publication has changed the data', async () => {
    const third = countries[2]!;
    const drawn = async (path: string) => {
      const response = await fetch(`${platform.url}${path}`);
      return { etag: response.headers.get('etag'), html: await response.text() };
    };
    const dashboard = await drawn('/en/');
    const profile = await drawn(`/en/country/${third.code}/`);
    expect(profile.html).toContain('No SDG 10.7.2 result is available for ');
    // Kept: the same page again.
    expect((await drawn('/en/')).etag).toBe(dashboard.etag);
    // Published through the API, as a person would: the server drops what it kept.
    const signIn = await fetch(`${platform.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN, password: PASSWORD }),
    });
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const published = await fetch(`${platform.url}/api/v1/assessments/${waiting.id}/publish`, {
      method: 'POST',
      headers: {
        cookie: signIn.headers.getSetCookie()[0]!.split(';')[0]!,
        'x-csrf-token': csrfToken,
        'if-match': `"${waiting.lockVersion}"`,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(published.status).toBe(200);
    expect((await drawn('/en/')).etag).not.toBe(dashboard.etag);
    const after = await drawn(`/en/country/${third.code}/`);
    expect(after.html).toContain('<h1>');
    expect(after.html).not.toContain('No SDG 10.7.2 result is available for ');
  });
});
