/**
 * The public observatory on official data, in Chromium, against the real server started as the
 * product starts it (`startServer` on a fresh SQLite database, first-start bootstrap included, its
 * public pages drawn on the server as `migov serve` draws them) while
 * the shared data folder is out of the product's reach: the dashboard shows the UN's world figure
 * with its source and coverage and migov's own figure apart; Mexico's profile opens on its latest
 * round, offers every round, and labels each value with its provenance; the map leaves shapes
 * without an M49 area unlinked; demo values carry the demo label (banner and badge) and never show
 * on a server started without demo data. Every shown value is checked against the API. axe-core
 * finds no serious or critical violation.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '@migov/server';
import type { AreaResults, Aggregates, CountryResult, RoundResults } from '@migov/server/api';
import { browserTab, buildWebApp, DIST, drawnPages, launchBrowser, WEB_ROOT } from './browser-harness.ts';
import { guardSharedData, SHARED_DATA } from './shared-data-guard.ts';

const SHOTS = join(WEB_ROOT, '../../test-output/web');

interface Started {
  server: RunningServer;
  folder: string;
  json<T>(path: string): Promise<T>;
}

/** The product's own start on a fresh database, serving a private copy of the built app. */
async function start(demo: boolean): Promise<Started> {
  const folder = mkdtempSync(join(tmpdir(), 'migov-observatory-'));
  cpSync(DIST, join(folder, 'dist'), { recursive: true });
  const server = await startServer({
    databaseUrl: `sqlite:${join(folder, 'migov.sqlite')}`,
    host: '127.0.0.1',
    port: 0,
    demo,
    webRoot: join(folder, 'dist'),
    logger: false,
    report: () => undefined,
    config: { signInPerIpPerMinute: 1000 },
    renderPage: drawnPages(join(folder, 'dist')),
  });
  return {
    server,
    folder,
    async json<T>(path: string): Promise<T> {
      const response = await fetch(`${server.url}/api/v1${path}`);
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      return (await response.json()) as T;
    },
  };
}

describe('the observatory on official data (Chromium, real server, fresh database)', () => {
  let browser: Browser;
  let official: Started;
  let demo: Started;
  const guard = guardSharedData();
  let tab: ReturnType<typeof browserTab>;
  /** What the server's Content-Security-Policy blocked on these pages (nothing may be). */
  const blocked: string[] = [];
  const fresh = async (): Promise<Page> => {
    const page = await tab.fresh();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(`${page.url()}: ${message.text()}`);
    });
    return page;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await buildWebApp();
    guard.arm();
    [official, demo] = await Promise.all([start(false), start(true)]);
    browser = await launchBrowser();
    tab = browserTab(browser, () => official.server.url);
  }, 240_000);

  afterAll(async () => {
    guard.disarm();
    await browser?.close();
    for (const started of [official, demo]) {
      await started?.server.close();
      if (started) rmSync(started.folder, { recursive: true, force: true });
    }
  });

  it('starts without the shared data folder: the product reads its own snapshot', () => {
    expect(guard.attempts()).toEqual([]);
    // The guard holds for named ESM imports too (it would have caught a read).
    expect(existsSync(join(SHARED_DATA, 'README.md'))).toBe(false);
    expect(guard.attempts()).toEqual([`existsSync ${join(SHARED_DATA, 'README.md')}`]);
  });

  it('shows the UN world figure with its source and coverage, migov’s own figure apart, and no demo label', async () => {
    const page = await fresh();
    const aggregates = await official.json<Aggregates>('/aggregates/2021?instrument=sdg-10-7-2');
    const world = aggregates.official!.find((entry) => entry.area === '1' && entry.domain === 'ALLDOMAINS')!;
    expect(world.coverage).toMatchObject({ responding: 138, publishedPerCountry: 89 });
    // No year: the latest round with values.
    await page.goto(`${official.server.url}/en/`);
    const figure = page.getByTestId('world-figure');
    await expect
      .poll(() => figure.textContent())
      .toContain('62.3% meet or fully meet (138 responding countries, 89 of them published per country)');
    expect(await figure.locator('[data-provenance="official"]').textContent()).toBe(
      'Official: UN SDG Global Database (SG_CPA_MIGRP), retrieved Dec 7, 2026',
    );
    expect(await page.getByTestId('snapshot').textContent()).toBe(
      'Official results shown: UN SDG Global Database, retrieved Dec 7, 2026',
    );
    const computed = aggregates.computed.find((entry) => entry.area === '1' && entry.domain === 'ALLDOMAINS')!;
    const computedText = await page.getByTestId('world-computed').textContent();
    expect(computedText).toContain(`${computed.numerator} of ${computed.denominator} responding countries`);
    expect(computedText).toContain(
      `Computed by migov from ${computed.coverage.responding} of ${computed.coverage.members} countries`,
    );
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
    expect(await page.locator('[data-provenance="demo"]').count()).toBe(0);
    await tab.audit('dashboard 2021');
    await page.screenshot({ path: join(SHOTS, 'observatory-dashboard-2021.png'), fullPage: true });

    await page.goto(`${official.server.url}/en/?year=2019`);
    await expect.poll(() => figure.textContent()).toContain('54.1% meet or fully meet (111 responding countries');
  });

  it('draws every country with its API value and links only shapes that have an M49 area', async () => {
    const page = await fresh();
    await page.goto(`${official.server.url}/en/?year=2021`);
    await page.locator('a.map-country').first().waitFor();
    const results = await official.json<RoundResults>('/results/2021?instrument=sdg-10-7-2&limit=500');
    // The map's table names each country's category and source as the API gives them.
    const rows = await page.locator('[data-testid="map-table"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        area: tr.getAttribute('data-area'),
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()),
      })),
    );
    const expected = (result: CountryResult) => [
      result.value.overall.label ?? 'Not applicable',
      'Official: UN SDG Global Database (SG_CPA_MIGRS), retrieved Dec 7, 2026',
    ];
    expect(rows.length).toBe(results.total);
    for (const result of results.items)
      expect({ area: result.area, cells: rows.find((row) => row.area === result.area)?.cells }).toEqual({
        area: result.area,
        cells: expected(result),
      });
    // world-atlas draws Taiwan (158), which has no M49 area of its own: no link, and a note names it.
    expect(await page.locator('a.map-country[data-code="158"]').count()).toBe(0);
    expect(await page.locator('.map-no-area[data-atlas-code="158"]').count()).toBe(1);
    expect(await page.getByTestId('map-no-area').textContent()).toContain('Taiwan');
    expect(await page.locator('a.map-country[data-code="484"]').getAttribute('aria-label')).toBe('Mexico: Meets');
  });

  it('opens Mexico’s profile on its latest round, offers every round, and labels each value with its provenance', async () => {
    const page = await fresh();
    const api = await official.json<AreaResults>('/areas/484/results');
    expect(api.items.map((item) => [item.year, item.value.overall.label, item.value.provenance.kind])).toEqual([
      [2019, 'Requires further progress', 'official'],
      [2021, 'Meets', 'official'],
    ]);
    await page.goto(`${official.server.url}/en/country/484/`);
    const overall = page.getByTestId('overall-category');
    await overall.waitFor();
    expect(await overall.getAttribute('data-year')).toBe('2021');
    expect(await overall.textContent()).toContain('Meets');
    expect(await overall.locator('[data-provenance="official"]').textContent()).toBe(
      'Official: UN SDG Global Database (SG_CPA_MIGRS), retrieved Dec 7, 2026',
    );
    const rounds = await page
      .locator('[data-testid="rounds-table"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim())),
      );
    expect(rounds).toEqual(
      api.items.map((item) => [
        String(item.year),
        item.value.overall.label,
        'Official: UN SDG Global Database (SG_CPA_MIGRS), retrieved Dec 7, 2026',
      ]),
    );
    // Domains over time: a category grid, not a numeric line.
    const grid = page.locator('svg.category-grid');
    expect(await grid.locator('title').allTextContents()).toEqual(
      expect.arrayContaining(['All domains, 2019: Requires further progress', 'All domains, 2021: Meets']),
    );
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
    // Migratory status beside the policy results: the official 8.8.1 series first, with their source.
    const panels = page.locator('[data-testid^="country-indicator-"]');
    await panels.first().waitFor();
    expect(await panels.first().getAttribute('data-testid')).toBe('country-indicator-8.8.1');
    expect((await panels.first().getByTestId('indicator-source').textContent())?.trim()).toBe(
      'Official: UN SDG Global Database, retrieved Dec 7, 2026',
    );
    await tab.audit('profile 484');
    await page.screenshot({ path: join(SHOTS, 'observatory-profile-484.png'), fullPage: true });

    await page.getByTestId('round-links').getByRole('link', { name: '2019' }).click();
    await expect.poll(() => overall.getAttribute('data-year')).toBe('2019');
    expect(await overall.textContent()).toContain('Requires further progress');
  });

  it('compares rounds, the world and regions with the UN’s figures', async () => {
    const page = await fresh();
    await page.goto(`${official.server.url}/en/compare/?areas=1,419,484&year=2019`);
    const table = page.locator('table.compare');
    await table.waitFor();
    expect(await page.getByLabel('Round').inputValue()).toBe('2019');
    const world = await table.locator('tbody tr').first().locator('td[data-area="1"]').textContent();
    expect(world).toContain('54.1% meet (UN)');
    const mexico = await table.locator('tbody tr').first().locator('td[data-area="484"]').textContent();
    expect(mexico).toContain('Requires further progress');
    await tab.audit('compare');
  });

  it('labels demo values on every page that shows them', async () => {
    const page = await fresh();
    const rounds = await demo.json<{ rounds: { year: number; demo: number; official: number }[] }>('/results');
    const demoOnly = rounds.rounds.find((round) => round.demo > 0 && round.official === 0)!;
    await page.goto(`${demo.server.url}/en/?year=${demoOnly.year}`);
    await page.getByTestId('demo-banner').waitFor();
    expect(await page.locator('[data-testid="map-table"] [data-provenance="demo"]').count()).toBeGreaterThan(0);
    await tab.audit('demo dashboard');
    await page.screenshot({ path: join(SHOTS, 'observatory-demo-dashboard.png'), fullPage: true });
    // A profile with a demo publication beside the UN's value shows both, each labelled.
    await page.goto(`${demo.server.url}/en/country/484/?year=2021`);
    await page.getByTestId('demo-banner').waitFor();
    expect(await page.getByTestId('overall-category').locator('[data-provenance="official"]').count()).toBe(1);
    expect(await page.getByTestId('national-beside').locator('[data-provenance="demo"]').textContent()).toBe(
      'Demo data — not official',
    );
    await tab.audit('demo profile');
  });

  it('has no serious or critical accessibility violation, and nothing the Content-Security-Policy blocks', () => {
    expect(tab.failing()).toEqual({});
    expect(blocked).toEqual([]);
  });
});
