/**
 * From microdata to the observatory in Chromium against the real server: a census sample tabulated
 * by migratory status (SDG 8.6.1, with design-based standard errors and a cell suppressed for too few
 * observations) is written as SDMX-CSV, imported through the API as an administrator does, and read
 * on the indicator page and in the country panel with its standard errors and suppression flag.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  designForPersons,
  formatSdmxCsv,
  loadMicrodata,
  openSession,
  sourceOf,
  tabulate,
  writeSyntheticCensus,
  type Tabulation,
} from '@migov/microdata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addUser, browserTab, buildWebApp, launchBrowser, startPlatform, type Platform } from './browser-harness.ts';

describe('a microdata tabulation on the observatory', () => {
  let platform: Platform;
  let browser: Browser;
  let tab: ReturnType<typeof browserTab>;
  let page: Page;
  let tabulation: Tabulation;
  const folder = mkdtempSync(join(tmpdir(), 'migov-web-microdata-'));

  beforeAll(async () => {
    const session = await openSession({ threads: 1 });
    try {
      const file = join(folder, 'census.parquet');
      await writeSyntheticCensus(session.connection, file, designForPersons(3000, 5));
      const loaded = await loadMicrodata(session.connection, file);
      // A minimum n just above the foreign-born count suppresses that cell and keeps the native-born one.
      const counts = await tabulate(session.connection, sourceOf(loaded), {
        indicator: '8.6.1',
        by: ['migratory-status'],
        minN: 1,
      });
      const foreignBorn = counts.cells.find((cell) => cell.migratoryStatus === 'foreign-born')!.n;
      tabulation = await tabulate(session.connection, sourceOf(loaded), {
        indicator: '8.6.1',
        by: ['migratory-status'],
        minN: foreignBorn + 1,
      });
    } finally {
      session.close();
    }
    await buildWebApp();
    platform = await startPlatform({ privateCopy: true });
    await addUser(platform.db, 'admin@example.org', 'Administrator', [
      { role: 'administrator', scope: { kind: 'global' } },
    ]);
    browser = await launchBrowser();
    tab = browserTab(browser, () => platform.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** The cells of the only table row (one year), as the reader sees them. */
  const tableCells = async (scope: ReturnType<Page['locator']>) => {
    await scope.locator('details.chart-table summary').click();
    const table = scope.locator('details.chart-table table');
    return {
      header: await table.locator('thead th').allInnerTexts(),
      cells: await table.locator('tbody tr').first().locator('td').allInnerTexts(),
    };
  };

  it('imports the SDMX-CSV through the API and shows estimates with standard errors and the suppressed cell on the indicator page and the country panel', async () => {
    const suppressed = tabulation.cells.find((cell) => cell.status === 'suppressed');
    const estimated = tabulation.cells.find((cell) => cell.status === 'estimated');
    expect(suppressed?.migratoryStatus).toBe('foreign-born');
    expect(estimated?.migratoryStatus).toBe('native-born');

    page = await tab.signIn('admin@example.org');
    const imported = await page.evaluate(
      async (csv) => {
        const session = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string };
        const response = await fetch('/api/v1/indicators/imports?name=census-neet.csv', {
          method: 'POST',
          headers: { 'content-type': 'text/csv', 'x-csrf-token': session.csrfToken },
          body: csv,
        });
        return { status: response.status, body: (await response.json()) as { added: number } };
      },
      formatSdmxCsv(tabulation, { area: '484', period: '2026' }),
    );
    expect(imported).toMatchObject({ status: 201, body: { added: 2 } });

    page = await tab.fresh();
    await page.goto(`${platform.url}/en/indicators/8.6.1/`);
    await page.getByTestId('indicator-choices').waitFor();
    const onPage = await tableCells(page.locator('main'));
    expect(onPage.header).toEqual(['Year', 'foreign-born', 'native-born']);
    const se = estimated!.standardError!;
    expect(onPage.cells).toEqual([
      `suppressed (${suppressed!.note})`,
      `${estimated!.estimate!.toFixed(2).replace(/0+$/, '').replace(/\.$/, '')} (SE ${se.toFixed(2).replace(/0+$/, '').replace(/\.$/, '')})`,
    ]);
    await tab.audit('indicator 8.6.1 with standard errors');

    await page.goto(`${platform.url}/en/country/484/`);
    const panel = page.getByTestId('country-indicator-8.6.1');
    await panel.waitFor();
    expect((await tableCells(panel)).cells).toEqual(onPage.cells);
    await tab.audit('country panel with standard errors');
    expect(tab.failing()).toEqual({});
  }, 180_000);
});
