/**
 * The whole chain in a real browser against the real server: a focal point fills the questionnaire
 * with the keyboard and an evidence upload, submits; a reviewer returns it with a reason; the focal
 * point fixes and resubmits; the coordinator validates and publishes (after a confirmation); the
 * public map and profile show the new category; the partnership list and a process page show its
 * members, member map and group figure; the indicator pages chart a dataset by the reader's choices
 * (lines or bars, table, downloads) and the profile shows the country's indicator panel. axe-core
 * checks the public pages and the form, left-to-right and right-to-left.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAssessment, importObservations } from '@migov/db';
import { formatIndicatorCsv, SDG_10_7_2_V2019, type Observation } from '@migov/core';
import {
  addRound,
  addUser,
  buildWebApp,
  failOnPageErrors,
  launchBrowser,
  PASSWORD,
  seriousViolations,
  startPlatform,
  WEB_ROOT,
  type Platform,
} from './browser-harness.ts';
import { testInjuryDataset, testValue } from '../src/pages/indicators/indicator-test-data.ts';

const SHOTS = join(WEB_ROOT, '../../test-output/web');
const ITEM_COUNT = SDG_10_7_2_V2019.domains.reduce((count, domain) => count + domain.items.length, 0);
const FIRST_ITEM = SDG_10_7_2_V2019.domains[0]!.items[0]!.id;
const SECOND_ITEM = SDG_10_7_2_V2019.domains[0]!.items[1]!.id;
const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

/** Block-style YAML of JSON-like data (double-quoted scalars), so the upload is YAML and not JSON. */
function toYaml(value: unknown, indent = ''): string {
  const scalar = (entry: unknown) =>
    Array.isArray(entry) ? '[]' : entry !== null && typeof entry === 'object' ? '{}' : JSON.stringify(entry);
  const nested = (entry: unknown) => entry !== null && typeof entry === 'object' && Object.keys(entry).length > 0;
  const lines: string[] = [];
  if (Array.isArray(value)) {
    for (const entry of value)
      lines.push(
        nested(entry) ? `${indent}- ${toYaml(entry, `${indent}  `).trimStart()}` : `${indent}- ${scalar(entry)}`,
      );
  } else {
    for (const [key, entry] of Object.entries(value as Record<string, unknown>))
      lines.push(
        nested(entry)
          ? `${indent}${JSON.stringify(key)}:\n${toYaml(entry, `${indent}  `)}`
          : `${indent}${JSON.stringify(key)}: ${scalar(entry)}`,
      );
  }
  return lines.join('\n');
}

describe('the web app in Chromium', () => {
  let platform: Platform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let assessmentId: string;
  const violations: Record<string, string[]> = {};

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await buildWebApp();
    platform = await startPlatform();
    const mexico = { kind: 'area' as const, area: '484' };
    await addUser(platform.db, 'focal@example.org', 'Focal Point', [{ role: 'focal-point', scope: mexico }]);
    await addUser(platform.db, 'reviewer@example.org', 'Reviewer', [{ role: 'reviewer', scope: mexico }]);
    await addUser(platform.db, 'admin@example.org', 'Administrator', [
      { role: 'administrator', scope: { kind: 'global' } },
    ]);
    const coordinator = await addUser(platform.db, 'coordinator@example.org', 'Coordinator', [
      { role: 'national-coordinator', scope: mexico },
    ]);
    const round = await addRound(platform.db);
    assessmentId = (await createAssessment(platform.db, { jurisdiction: '484', roundId: round.id }, coordinator.id)).id;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function fresh(): Promise<void> {
    await context?.close();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    failOnPageErrors(page);
  }

  async function shot(name: string) {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }

  async function audit(name: string) {
    violations[name] = await seriousViolations(page);
  }

  async function signIn(email: string) {
    await fresh();
    await page.goto(`${platform.url}/en/sign-in/`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My assessments' }).waitFor();
  }

  async function open(link: 'Open' | 'Review') {
    await page.locator(`tr[data-assessment="${assessmentId}"] a`, { hasText: link }).click();
    await page.getByTestId('assessment-state').waitFor();
  }

  /** Tab until a radio of the item has focus, then choose with the keyboard: Space for the first option, arrows for others. */
  async function answerWithKeyboard(itemId: string, moves: number) {
    for (let presses = 0; presses < 12; presses += 1) {
      const focused = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? '');
      if (focused === `item-${itemId}`) break;
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe(`item-${itemId}`);
    if (moves === 0) await page.keyboard.press('Space');
    for (let move = 0; move < moves; move += 1) await page.keyboard.press('ArrowDown');
  }

  async function waitSaved() {
    await page.locator('.save-status[data-status="saved"]').waitFor({ timeout: 15_000 });
  }

  it('lets a focal point fill the form with the keyboard, upload evidence by drag and drop, and submit', async () => {
    await signIn('focal@example.org');
    await shot('01-workspace');
    await open('Open');
    await audit('form en');
    // Submitting an empty form shows inline errors and moves focus to the first unanswered item.
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name))
      .toBe(`item-${FIRST_ITEM}`);
    expect(await page.locator('.field-error').count()).toBeGreaterThanOrEqual(ITEM_COUNT);
    await shot('02-form-errors');

    await page.locator(`#item-${FIRST_ITEM} input`).first().focus();
    for (const domain of SDG_10_7_2_V2019.domains)
      for (const item of domain.items) await answerWithKeyboard(item.id, 0);
    await waitSaved();
    await expect.poll(() => page.getByTestId('score-preview').innerText()).toContain('Fully meets');

    await page.evaluate(
      ({ itemId, pdf }) => {
        const zone = document.querySelector(`.drop-zone[data-item="${itemId}"]`)!;
        const transfer = new DataTransfer();
        transfer.items.add(new File([pdf], 'migration-law.pdf', { type: 'application/pdf' }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      },
      { itemId: FIRST_ITEM, pdf: PDF },
    );
    await page.locator(`#item-${FIRST_ITEM} .evidence a`, { hasText: 'migration-law.pdf' }).waitFor();
    await shot('03-form-filled');

    await page.getByRole('button', { name: 'Submit for review' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('assessment-state').innerText()).toBe('Submitted');
    await shot('04-submitted');
  });

  it('shows the form right-to-left in Arabic without accessibility violations', async () => {
    await page.goto(`${platform.url}/ar/workspace/assessment/${assessmentId}/`);
    await page.getByTestId('assessment-state').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await audit('form ar');
    await shot('05-form-ar');
  });

  it('lets a reviewer return the assessment with a reason', async () => {
    await signIn('reviewer@example.org');
    await open('Review');
    await page.locator('.review-item', { hasText: 'migration-law.pdf' }).first().waitFor();
    await page.locator('.comment-form').first().getByRole('textbox').fill('Please cite the article of the law.');
    await page.locator('.comment-form').first().getByRole('button').click();
    await page.getByText('Please cite the article of the law.').waitFor();
    await page.getByRole('button', { name: 'Return to the focal point' }).click();
    await page.locator('#review-reason-error').waitFor();
    await page.getByLabel('Reason for returning').fill('Item 1 overstates access: only regular migrants have it.');
    await page.getByRole('button', { name: 'Return to the focal point' }).click();
    await expect.poll(() => page.getByTestId('assessment-state').innerText()).toBe('Returned');
    await shot('06-returned');
  });

  it('lets the focal point fix the answer, resolve an edit conflict without losing it, and resubmit', async () => {
    await signIn('focal@example.org');
    await open('Open');
    await page.getByText('Item 1 overstates access').waitFor();
    // Someone else saves first (here: the same account in another tab, straight through the API).
    const status = await page.evaluate(
      async ({ id, itemId }) => {
        const session = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string };
        const current = await fetch(`/api/v1/assessments/${id}`);
        const saved = await fetch(`/api/v1/assessments/${id}/responses`, {
          method: 'PATCH',
          headers: {
            'content-type': 'application/json',
            'if-match': current.headers.get('etag') ?? '',
            'x-csrf-token': session.csrfToken,
          },
          body: JSON.stringify({ changes: [{ itemId, comment: 'Edited in another tab' }] }),
        });
        return saved.status;
      },
      { id: assessmentId, itemId: SECOND_ITEM },
    );
    expect(status).toBe(200);
    await page.locator(`#item-${FIRST_ITEM} input:checked`).focus();
    await page.keyboard.press('ArrowDown');
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else saved this assessment first' });
    await conflict.waitFor();
    expect(await conflict.locator('tbody tr').count()).toBe(1);
    await shot('07a-conflict');
    await page.getByRole('button', { name: 'Load the current version and keep my answers' }).click();
    await waitSaved();
    expect(await page.locator(`#item-${SECOND_ITEM} textarea`).inputValue()).toBe('Edited in another tab');
    expect(await page.locator(`#item-${FIRST_ITEM} input:checked`).getAttribute('value')).toBe('yes-legal-only');
    // Leaving within the autosave delay still saves what was typed.
    await page.locator(`#item-${FIRST_ITEM} textarea`).fill('Article 8 of the 2011 Migration Law');
    await page.getByRole('link', { name: 'Workspace' }).click();
    await page.getByRole('heading', { name: 'My assessments' }).waitFor();
    await open('Open');
    expect(await page.locator(`#item-${FIRST_ITEM} textarea`).inputValue()).toBe('Article 8 of the 2011 Migration Law');
    await expect.poll(() => page.getByTestId('score-preview').innerText()).toMatch(/Meets/);
    await page.getByRole('button', { name: 'Resubmit' }).click();
    await expect.poll(() => page.getByTestId('assessment-state').innerText()).toBe('Resubmitted');
    await shot('07-resubmitted');
  });

  it('lets the coordinator validate and publish, with the change visible in the diff', async () => {
    await signIn('coordinator@example.org');
    await open('Review');
    // The history names who made each change.
    await page.locator('.timeline li', { hasText: 'Reviewer returned the assessment to the focal point: ' }).waitFor();
    await page.locator('.timeline li', { hasText: 'Focal Point submitted the assessment again' }).waitFor();
    expect(await page.locator('.timeline').innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await page.getByLabel('From revision').selectOption('0');
    await page.getByRole('button', { name: 'Changes between versions' }).click();
    await page
      .locator('table.diff td.after', { hasText: 'Yes, only for those with legal immigration status' })
      .waitFor();
    await page.getByRole('button', { name: 'Validate' }).click();
    await expect.poll(() => page.getByTestId('assessment-state').innerText()).toBe('Validated');
    // Publishing asks first, naming the country and round; Cancel changes nothing.
    const confirmation = page.getByRole('dialog', { name: 'Publish Mexico, 2023?' });
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await confirmation.getByRole('button', { name: 'Cancel' }).click();
    await confirmation.waitFor({ state: 'hidden' });
    expect(await page.getByTestId('assessment-state').innerText()).toBe('Validated');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await confirmation.getByRole('button', { name: 'Publish Mexico, 2023' }).click();
    await expect.poll(() => page.getByTestId('assessment-state').innerText()).toBe('Published');
    await shot('08-published');
  });

  it('shows the new category on the public map and profile', async () => {
    await fresh();
    await page.goto(`${platform.url}/en/`);
    const mexico = page.locator('a.map-country[data-code="484"]');
    await mexico.waitFor();
    expect(await mexico.getAttribute('aria-label')).toBe('Mexico: Meets');
    await mexico.focus();
    await page.locator('.map-tooltip', { hasText: 'Mexico: Meets' }).waitFor();
    await audit('dashboard en');
    await shot('09-dashboard');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Mexico: migration governance profile' }).waitFor();
    expect(await page.getByTestId('overall-category').innerText()).toContain('Meets');
    // The evidence published with the answer, downloadable by anyone.
    const evidence = page.locator(`#domain-${SDG_10_7_2_V2019.domains[0]!.code} table.items a[download]`, {
      hasText: 'migration-law.pdf',
    });
    await evidence.waitFor();
    expect(await evidence.locator('xpath=..').innerText()).toMatch(/PDF, \d+ byte/);
    const download = await page.request.get(new URL((await evidence.getAttribute('href'))!, platform.url).href);
    expect(download.status()).toBe(200);
    expect((await download.body()).toString()).toBe(PDF);
    await audit('country en');
    await shot('10-country');
  });

  it('lets an administrator grant a role and load an instrument version', async () => {
    await signIn('admin@example.org');
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { name: 'Users and roles' }).waitFor();
    const reviewerRow = page.locator('tr', { hasText: 'reviewer@example.org' });
    await reviewerRow.locator('summary').click();
    await reviewerRow.getByText('reviewer (484)').waitFor();
    await reviewerRow.getByLabel('Roles').selectOption('reviewer');
    await reviewerRow.getByLabel('Area').fill('419');
    await reviewerRow.getByRole('button', { name: 'Save' }).click();
    await reviewerRow.getByText('reviewer (419)').waitFor();
    const instrument = { ...SDG_10_7_2_V2019, version: '2019-test' };
    await page.getByLabel('Upload an instrument (JSON or YAML)').setInputFiles({
      name: 'instrument.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(instrument)),
    });
    await page.getByText('Loaded sdg-10-7-2@2019-test.').waitFor();
    // The picker offers YAML too, and the server reads it.
    const picker = page.getByLabel('Upload an instrument (JSON or YAML)');
    expect(await picker.getAttribute('accept')).toContain('.yaml');
    const yaml = toYaml({ ...SDG_10_7_2_V2019, version: '2019-yaml' });
    expect(yaml.startsWith('"instrument":')).toBe(true);
    await picker.setInputFiles({
      name: 'instrument.yaml',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(yaml),
    });
    await page.getByText('Loaded sdg-10-7-2@2019-yaml.').waitFor();
    await page
      .locator('section[aria-labelledby="admin-instruments"] li', { hasText: 'sdg-10-7-2@2019-yaml' })
      .waitFor();
    await audit('admin en');
    await shot('12-admin');
  });

  it('has no serious or critical accessibility violation on the public pages, left-to-right and right-to-left', async () => {
    for (const lang of ['en', 'ar'] as const) {
      for (const path of ['', 'country/484/', 'compare/?areas=484,419', 'data/', 'methodology/']) {
        await page.goto(`${platform.url}/${lang}/${path}`);
        await page.locator('main h1').waitFor();
        await page.locator('.loading').waitFor({ state: 'detached' });
        expect(await page.evaluate(() => document.documentElement.dir)).toBe(lang === 'ar' ? 'rtl' : 'ltr');
        await audit(`${lang}/${path}`);
        if (lang === 'ar') await shot(`11-ar-${path.replace(/[^a-z0-9]+/g, '-') || 'dashboard'}`);
      }
    }
    expect(Object.fromEntries(Object.entries(violations).filter(([, found]) => found.length > 0))).toEqual({});
  }, 120_000);

  it('opens the partnership list, follows a process link, and shows its members, map by keyboard, group figure and overlaps', async () => {
    // Colombo Process members (12): 5 of the 10 responding meet; China not applicable; Nepal missing.
    const values: [string, Observation['value']][] = [
      ['4', 3],
      ['50', 4],
      ['116', 1],
      ['156', 'N'],
      ['356', 2],
      ['360', 3],
      ['586', 2],
      ['608', 4],
      ['144', 3],
      ['764', 1],
      ['704', 2],
    ];
    const observations = values.map(([area, value]): Observation => ({
      series: 'SG_CPA_MIGRS',
      area,
      year: 2021,
      domain: 'ALLDOMAINS',
      value,
    }));
    await importObservations(
      platform.db,
      { observations, source: { name: 'browser test', format: 'csv', importedAt: '2026-01-01T00:00:00Z' } },
      null,
    );
    await fresh();
    await page.goto(`${platform.url}/en/partnerships/`);
    await page.getByTestId('partnerships-table').waitFor();
    await audit('partnerships en');
    await page.locator('a[href="/en/partnerships/colombo-process/"]').click();
    await page.getByTestId('members-table').waitFor();
    expect(new URL(page.url()).pathname).toBe('/en/partnerships/colombo-process/');
    expect(await page.getByTestId('members-table').locator('tbody tr').count()).toBeGreaterThanOrEqual(12);
    const overall = page
      .getByTestId('group-results')
      .locator('tbody tr', { hasText: '2021' })
      .filter({ hasText: 'All domains' });
    expect(await overall.textContent()).toContain('50%');
    expect(await overall.textContent()).toContain('5 of 10');
    expect(await overall.textContent()).toContain('10 of 12 members');
    // Domains are named by the instrument, not by their codes.
    expect(await page.getByTestId('group-results').textContent()).toContain('Migrant rights');
    expect(await page.getByTestId('overlaps').locator('tbody tr').count()).toBeGreaterThan(0);
    // A member on the map takes keyboard focus and names itself.
    await page.locator('a.map-country[data-code="4"]').focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Afghanistan: Member');
    expect(await page.locator('.map-tooltip').textContent()).toBe('Afghanistan: Member');
    await audit('partnership en');
    await shot('13-partnership');

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
    await audit('partnership en as of 2015');
    expect(
      Object.fromEntries(
        Object.entries(violations).filter(([name, found]) => name.startsWith('partnership') && found.length > 0),
      ),
    ).toEqual({});
  }, 120_000);

  it('has no serious or critical accessibility violation on the partnership pages right to left', async () => {
    for (const path of ['partnerships/', 'partnerships/colombo-process/']) {
      await page.goto(`${platform.url}/ar/${path}`);
      await page.locator('main table[data-testid]').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await audit(`ar/${path}`);
      await shot(`14-ar-${path.replace(/[^a-z]+/g, '-')}`);
    }
    expect(
      Object.fromEntries(
        Object.entries(violations).filter(([name, found]) => name.startsWith('ar/partnerships') && found.length > 0),
      ),
    ).toEqual({});
  }, 120_000);

  it("lists the indicators, charts a dataset by the reader's choices as lines or bars with its table and downloads, and shows the country panel", async () => {
    // Imported through the API as an administrator does, so the public answers it changes are renewed.
    await signIn('admin@example.org');
    const imported = await page.evaluate(
      async (csv) => {
        const session = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string };
        const response = await fetch('/api/v1/indicators/imports?name=injuries.csv', {
          method: 'POST',
          headers: { 'content-type': 'text/csv', 'x-csrf-token': session.csrfToken },
          body: csv,
        });
        return response.status;
      },
      formatIndicatorCsv([testInjuryDataset()]),
    );
    expect(imported).toBe(201);
    await fresh();
    await page.goto(`${platform.url}/en/indicators/`);
    await page.getByTestId('indicators-table').waitFor();
    expect(await page.getByTestId('indicators-table').locator('tbody tr').count()).toBe(21);
    await audit('indicators en');
    await page.getByTestId('indicators-table').getByRole('link', { name: '8.8.1', exact: true }).click();
    await page.getByTestId('indicator-choices').waitFor();
    expect(new URL(page.url()).pathname).toBe('/en/indicators/8.8.1/');

    // The default: the first area by name (Brazil), migratory status compared, sex at its total.
    const chart = page.locator('main svg[role="img"]');
    const name = async () =>
      chart.evaluate((svg) => document.getElementById(svg.getAttribute('aria-labelledby') ?? '')?.textContent);
    expect(await name()).toBe('SL_EMP_FTLINJUR — Brazil');
    expect(await page.getByLabel('Country or area').inputValue()).toBe('76');
    const legend = () => page.locator('main ul.legend li').allInnerTexts();
    expect(await legend()).toEqual(['Total', 'Migrants', 'Non-migrants']);
    expect(await chart.locator('polyline').count()).toBe(3);
    await audit('indicator en');
    await shot('15-indicator');

    // Mexico, women, every migratory status; then every sex for migrants only, as bars.
    await page.getByLabel('Country or area').selectOption('484');
    await page.getByLabel('Sex').selectOption('F');
    expect(await name()).toBe('SL_EMP_FTLINJUR — Mexico');
    await page.getByLabel('Migratory status').selectOption('MIGRANT');
    await page.getByLabel('Sex').selectOption('*');
    expect(await legend()).toEqual(['Total', 'Female', 'Male']);
    await page.getByLabel('Bar chart').check();
    expect(await chart.locator('rect').count()).toBe(3 * 4);
    expect(await chart.locator('polyline').count()).toBe(0);
    const url = new URL(page.url());
    expect(url.searchParams.get('area')).toBe('484');
    expect(url.searchParams.get('where')).toBe('MIGRATORY_STATUS:MIGRANT;SEX:*');
    expect(url.searchParams.get('chart')).toBe('bar');

    // The table alternative holds every value of the selection.
    await page.locator('main details.chart-table summary').click();
    const table = page.locator('main details.chart-table table');
    expect(await table.locator('thead th').allInnerTexts()).toEqual(['Year', 'Total', 'Female', 'Male']);
    const row2021 = await table.locator('tbody tr', { hasText: '2021' }).locator('td').allInnerTexts();
    expect(row2021).toEqual(['_T', 'F', 'M'].map((sex) => String(testValue('484', 2021, sex, 'MIGRANT'))));
    await audit('indicator en bars');
    await shot('16-indicator-bars');

    // The URL restores the selection; downloads are SVG and PNG files.
    await page.reload();
    await page.getByTestId('indicator-choices').waitFor();
    expect(await page.getByLabel('Migratory status').inputValue()).toBe('MIGRANT');
    expect(await page.getByLabel('Bar chart').isChecked()).toBe(true);
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download SVG' }).click(),
    ]);
    expect(svg.suggestedFilename()).toBe('migov-indicator-8.8.1-SL_EMP_FTLINJUR-484.svg');
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download PNG' }).click(),
    ]);
    expect(png.suggestedFilename()).toBe('migov-indicator-8.8.1-SL_EMP_FTLINJUR-484.png');

    // Another language keeps the selection made on the page.
    await page.getByLabel('Sex').selectOption('F');
    await page.locator('nav.languages a[data-lang="fr"]').click();
    await page.waitForURL((address) => address.pathname === '/fr/indicators/8.8.1/');
    await page.getByTestId('indicator-choices').waitFor();
    const french = new URL(page.url());
    expect([
      french.searchParams.get('area'),
      french.searchParams.get('where'),
      french.searchParams.get('chart'),
    ]).toEqual(['484', 'MIGRATORY_STATUS:MIGRANT;SEX:F', 'bar']);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');

    // The country profile's panel, with a link to the indicator page for this country.
    await page.goto(`${platform.url}/en/country/484/`);
    const panel = page.getByTestId('country-indicator-8.8.1');
    await panel.waitFor();
    expect(await panel.locator('ul.legend li').allInnerTexts()).toEqual(['Total', 'Migrants', 'Non-migrants']);
    await audit('country panel en');
    await shot('17-country-indicators');
    await panel.getByRole('link', { name: /Indicator 8\.8\.1/ }).click();
    await page.getByTestId('indicator-choices').waitFor();
    expect(await page.getByLabel('Country or area').inputValue()).toBe('484');

    // Right to left: the page mirrors, the chart keeps time running left to right.
    for (const path of ['indicators/', 'indicators/8.8.1/', 'country/484/']) {
      await page.goto(`${platform.url}/ar/${path}`);
      await page.locator('main h1').waitFor();
      await page.locator('.loading').waitFor({ state: 'detached' });
      await page.locator('main [data-testid]').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await audit(`ar/${path}`);
    }
    expect(await page.getByTestId('country-indicator-8.8.1').locator('svg[role="img"]').getAttribute('direction')).toBe(
      'ltr',
    );
    await shot('18-ar-country-indicators');
    expect(
      Object.fromEntries(
        Object.entries(violations).filter(
          ([name, found]) => (name.includes('indicator') || name.startsWith('country panel')) && found.length > 0,
        ),
      ),
    ).toEqual({});
  }, 120_000);
});
