/**
 * The partnership pages in Chromium against the real server: the list, a process page reached by its
 * link, the member map by keyboard, the group figure from imported observations, and axe-core on both
 * pages left-to-right and right-to-left.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Observation } from '@migov/core';
import { importObservations } from '@migov/db';
import { buildWebApp, launchBrowser, seriousViolations, startPlatform, WEB_ROOT, type Platform } from '../../../test/browser-harness.ts';

const SHOTS = join(WEB_ROOT, '../../test-output/web');

const observation = (area: string, value: Observation['value']): Observation => ({ series: 'SG_CPA_MIGRS', area, year: 2021, domain: 'ALLDOMAINS', value });

describe('the partnership pages in Chromium', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  const errors: Error[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await buildWebApp();
    platform = await startPlatform();
    // Colombo Process members (12): 5 of the 10 responding meet; China not applicable; Nepal missing.
    const values: [string, Observation['value']][] = [['4', 3], ['50', 4], ['116', 1], ['156', 'N'], ['356', 2], ['360', 3], ['586', 2], ['608', 4], ['144', 3], ['764', 1], ['704', 2]];
    await importObservations(platform.db, { observations: values.map(([area, value]) => observation(area, value)), source: { name: 'test', format: 'csv', importedAt: '2026-01-01T00:00:00Z' } }, null);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (error) => errors.push(error));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function ready() {
    await page.locator('main h1').waitFor();
    await page.locator('.loading').waitFor({ state: 'detached' });
  }

  it('opens the list, follows a process link, and shows its members, map and group figure', async () => {
    await page.goto(`${platform.url}/en/partnerships/`);
    await ready();
    await page.getByTestId('partnerships-table').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('a[href="/en/partnerships/colombo-process/"]').click();
    await page.getByTestId('members-table').waitFor();
    expect(new URL(page.url()).pathname).toBe('/en/partnerships/colombo-process/');
    expect(await page.getByTestId('members-table').locator('tbody tr').count()).toBeGreaterThanOrEqual(12);
    const overall = page.getByTestId('group-results').locator('tbody tr', { hasText: '2021' }).filter({ hasText: 'All domains' });
    await expect.poll(() => overall.textContent()).toContain('50%');
    expect(await overall.textContent()).toContain('5 of 10');
    expect(await overall.textContent()).toContain('10 of 12 members');
    // Domains are named by the instrument, not by their codes.
    expect(await page.getByTestId('group-results').textContent()).toContain('Migrant rights');
    expect(await page.getByTestId('group-results').textContent()).not.toContain('DOMAIN1');
    expect(await page.getByTestId('overlaps').locator('tbody tr').count()).toBeGreaterThan(0);

    // A member on the map takes keyboard focus and names itself.
    const afghanistan = page.locator('a.map-country[data-code="4"]');
    await afghanistan.focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Afghanistan: Member');
    expect(await page.locator('.map-tooltip').textContent()).toBe('Afghanistan: Member');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'partnership-en.png'), fullPage: true });

    // The members as of a date: a bad date is refused with a message, a good one becomes the URL.
    const field = page.getByLabel(/Members as of/);
    await field.fill('2015-13');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).toContain('“2015-13” is not a date');
    await field.fill('2015');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByTestId('as-of').waitFor();
    expect(new URL(page.url()).search).toBe('?asOf=2015');
    await page.getByTestId('members-table').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('has no serious or critical accessibility violation right to left', async () => {
    for (const path of ['partnerships/', 'partnerships/colombo-process/']) {
      await page.goto(`${platform.url}/ar/${path}`);
      await ready();
      await page.locator('main table[data-testid]').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      expect(await seriousViolations(page), path).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `partnership-ar-${path.replace(/[^a-z]+/g, '-')}.png`), fullPage: true });
    }
    expect(errors).toEqual([]);
  }, 120_000);
});
