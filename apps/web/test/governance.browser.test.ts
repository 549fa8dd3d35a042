/**
 * The governance pages in Chromium against the real server: a published MGI-style profile (areas per
 * dimension, what changed since the baseline), the crosswalk edited by a global analyst, and a brief
 * generated, edited as a new version and downloaded. axe-core left to right and right to left.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { importObservations, publishMgiRound } from '@migov/db';
import { MGI_NATIONAL_EXAMPLE, type Observation } from '@migov/core';
import {
  addUser,
  browserTab,
  buildWebApp,
  launchBrowser,
  startPlatform,
  WEB_ROOT,
  type Platform,
} from './browser-harness.ts';

const SHOTS = join(WEB_ROOT, '../../test-output/web');
const [FIRST, SECOND] = MGI_NATIONAL_EXAMPLE.domains[0]!.items;
const DIMENSION = MGI_NATIONAL_EXAMPLE.domains[0]!;

describe('governance pages in Chromium', () => {
  let platform: Platform;
  let browser: Browser;
  let tab: ReturnType<typeof browserTab>;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await buildWebApp();
    platform = await startPlatform({ privateCopy: true });
    await addUser(platform.db, 'analyst@example.org', 'Analyst', [
      { role: 'global-analyst', scope: { kind: 'global' } },
    ]);
    await addUser(platform.db, 'coordinator@example.org', 'Coordinator', [
      { role: 'national-coordinator', scope: { kind: 'area', area: '484' } },
    ]);
    await addUser(platform.db, 'focal@example.org', 'Focal Point', [
      { role: 'focal-point', scope: { kind: 'area', area: '484' } },
    ]);
    await addUser(platform.db, 'labour@example.org', 'Labour Ministry', []);
    await addUser(platform.db, 'admin@example.org', 'Administrator', [
      { role: 'administrator', scope: { kind: 'global' } },
    ]);
    const observations: Observation[] = (
      ['DOMAIN1', 'DOMAIN2', 'DOMAIN3', 'DOMAIN4', 'DOMAIN5', 'DOMAIN6'] as const
    ).map((domain, index) => ({ series: 'SG_CPA_MIGRS', area: '484', year: 2021, domain, value: index < 2 ? 2 : 4 }));
    // Two Colombo Process members with an overall result, for the member map coloured by category.
    observations.push(
      { series: 'SG_CPA_MIGRS', area: '50', year: 2021, domain: 'ALLDOMAINS', value: 3 },
      { series: 'SG_CPA_MIGRS', area: '608', year: 2021, domain: 'ALLDOMAINS', value: 1 },
    );
    await importObservations(
      platform.db,
      { observations, source: { name: 'browser test', format: 'csv', importedAt: '2026-01-01T00:00:00Z' } },
      null,
    );
    // Baseline: the first sub-area in place, the second partial; the follow-up puts the second in place.
    const all = Object.fromEntries(
      MGI_NATIONAL_EXAMPLE.domains.flatMap((domain) => domain.items.map((item) => [item.id, 'in-place'])),
    );
    await publishMgiRound(platform.db, {
      jurisdiction: '484',
      jurisdictionName: 'Mexico',
      year: 2019,
      answers: { ...all, [SECOND!.id]: 'partial' },
    });
    await publishMgiRound(platform.db, { jurisdiction: '484', jurisdictionName: 'Mexico', year: 2023, answers: all });
    browser = await launchBrowser();
    tab = browserTab(browser, () => platform.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  const fresh = async () => {
    page = await tab.fresh();
  };
  const signIn = async (email: string) => {
    page = await tab.signIn(email);
  };
  const audit = (name: string) => tab.audit(name);

  it('shows a published MGI-style profile per dimension with what changed since the baseline, left to right and right to left', async () => {
    await fresh();
    await page.goto(`${platform.url}/en/governance/`);
    await page.getByTestId('mgi-profiles').waitFor();
    expect(await page.getByTestId('mgi-profiles').locator('tbody tr').count()).toBe(2);
    await audit('governance en');
    await page.locator('a[href="/en/governance/mgi/484/2023/"]').click();
    const dimension = page.getByTestId(`dimension-${DIMENSION.id}`);
    await dimension.waitFor();
    expect(await dimension.getByTestId('well-developed').locator('li').allTextContents()).toEqual(
      DIMENSION.items.map((item) => item.subArea),
    );
    expect(await dimension.getByTestId('further-development').textContent()).toBe('None');
    const changes = page.getByTestId('mgi-changes');
    expect(await changes.getByRole('heading').textContent()).toBe('What changed since 2019');
    expect(await changes.locator('tbody tr').count()).toBe(1);
    expect(await changes.locator('tbody tr td').first().textContent()).toBe(SECOND!.subArea);
    expect(await page.textContent('main')).toContain('There is no composite score and no ranking');
    await audit('mgi profile en');
    await page.screenshot({ path: join(SHOTS, '20-mgi-profile.png'), fullPage: true });
    await page.goto(`${platform.url}/en/governance/mgi/484/2019/`);
    await dimension.waitFor();
    expect(await dimension.getByTestId('further-development').locator('li').allTextContents()).toEqual([
      SECOND!.subArea,
    ]);
    expect(await dimension.getByTestId('well-developed').locator('li').first().textContent()).toBe(FIRST!.subArea);
    expect(await page.getByTestId('mgi-changes').textContent()).toContain('first published round');
    for (const path of ['governance/', 'governance/mgi/484/2023/', 'governance/crosswalk/']) {
      await page.goto(`${platform.url}/ar/${path}`);
      await page.locator('main h1').waitFor();
      await page.locator('main table').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await audit(`ar/${path}`);
    }
    expect(tab.failing()).toEqual({});
  }, 120_000);

  it('lets a global analyst add a crosswalk link with its source, which the public table then shows', async () => {
    await fresh();
    await page.goto(`${platform.url}/en/governance/crosswalk/`);
    await page.getByTestId('crosswalk-table').waitFor();
    expect(await page.getByTestId('crosswalk-add').count()).toBe(0);
    const before = await page.getByTestId('crosswalk-table').locator('tbody tr').count();
    await signIn('analyst@example.org');
    await page.goto(`${platform.url}/en/governance/crosswalk/`);
    const form = page.getByTestId('crosswalk-add');
    await form.waitFor();
    await audit('crosswalk editor en');
    await form.locator('select[name="fromKind"]').selectOption('gcm-objective');
    await form.locator('input[name="fromId"]').fill('5');
    await form.locator('select[name="toKind"]').selectOption('sdg-target');
    await form.locator('input[name="toId"]').fill('8.5');
    await form.getByLabel('Source of the link (for a sourced link)').fill('A published mapping, p. 12');
    await form.getByLabel('Source of this edit').fill('Review of 2026');
    await form.getByRole('button', { name: 'Add a link' }).click();
    await page.getByText('Saved as version 2.').waitFor();
    expect(await page.getByTestId('crosswalk-version').textContent()).toBe('Version 2');
    const row = page.locator('tr[data-link="gcm-objective:5--sdg-target:8.5"]');
    expect(await row.textContent()).toContain('Sourced: A published mapping, p. 12');
    expect(await page.getByTestId('crosswalk-table').locator('tbody tr').count()).toBe(before + 1);
    expect(tab.failing('crosswalk')).toEqual({});
  }, 120_000);

  it('generates a brief, saves an edit as version 2, and downloads it as PDF', async () => {
    await signIn('analyst@example.org');
    await page.goto(`${platform.url}/en/workspace/briefs/`);
    const generate = page.getByTestId('brief-generate');
    await generate.waitFor();
    await generate.getByLabel('Country (M49 or ISO code)').fill('MEX');
    await generate.getByRole('button', { name: 'Generate a brief' }).click();
    const editor = page.getByTestId('brief-editor');
    await editor.waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/en\/workspace\/briefs\/[0-9a-f-]+\/$/);
    expect(await page.getByTestId('brief-gaps').locator('li').count()).toBe(2);
    await audit('brief en');
    await editor
      .getByLabel('Summary')
      .fill('Mexico: two domains below meets; the UN country team plans with the labour ministry.');
    await editor.getByLabel('What you changed').fill('Summary for the country team');
    await editor.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByText('Saved as version 2.').waitFor();
    expect(await page.getByTestId('brief-versions').locator('tbody tr').count()).toBe(2);
    const pdf = page.getByRole('link', { name: 'Download version 2 as PDF' });
    const response = await page.request.get(new URL((await pdf.getAttribute('href'))!, platform.url).href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const markdown = await page.request.get(
      new URL((await page.getByRole('link', { name: 'Download version 2 as MD' }).getAttribute('href'))!, platform.url)
        .href,
    );
    expect(await markdown.text()).toContain('the UN country team plans with the labour ministry');
    await page.screenshot({ path: join(SHOTS, '21-brief-editor.png'), fullPage: true });
    await page.goto(page.url().replace('/en/', '/ar/'));
    await page.getByTestId('brief-editor').waitFor();
    await audit('brief ar');
    expect(tab.failing('brief')).toEqual({});
  }, 120_000);

  it('runs an MGI-style follow-up in the workspace: launch, answers, consultation with a ministry, approval, publication', async () => {
    const stage = (name: string) => page.getByTestId('mgi-state').filter({ hasText: name }).waitFor();
    const act = async (name: string) => {
      await page.getByRole('button', { name, exact: true }).click();
    };
    await signIn('coordinator@example.org');
    await page.goto(`${platform.url}/en/workspace/mgi/`);
    const launch = page.getByTestId('mgi-launch');
    await launch.waitFor();
    await launch.getByLabel('Country (M49) or city (M49-code)').fill('484');
    await launch.getByLabel('Round', { exact: true }).fill('2025');
    await launch.getByLabel('Start from the answers of the previous round').check();
    await launch.getByRole('button', { name: 'Launch an assessment' }).click();
    await stage('Launch');
    const workUrl = page.url();
    expect(new URL(workUrl).pathname).toMatch(/^\/en\/workspace\/mgi\/[0-9a-f-]+\/$/);
    await act('Begin data collection');
    await stage('Data collection');

    await signIn('focal@example.org');
    await page.goto(workUrl);
    await page.getByTestId('mgi-answers').waitFor();
    await audit('mgi work en');
    await page.locator(`input[name="mgi-${FIRST!.id}"][value="partial"]`).check();
    await page.locator(`input[name="evidence-${FIRST!.id}"]`).fill('The 2024 reform is applied in three states only');
    await page.getByRole('button', { name: 'Save answers' }).click();
    await page.getByText('Answers saved.').waitFor();
    await act('Submit the draft profile');
    await stage('Draft profile');

    await signIn('coordinator@example.org');
    await page.goto(workUrl);
    const open = page.locator('form[data-action="open-consultation"]');
    await open.waitFor();
    await open.getByLabel('Ministries consulted (one per line)').fill('Ministry of Labour');
    await open
      .getByLabel('Users invited to comment (one per line: ministry | email)')
      .fill('Ministry of Labour | labour@example.org');
    await act('Open the inter-ministerial consultation');
    await stage('Inter-ministerial consultation');
    expect(await page.textContent('main')).toContain('Waiting for comments from: Ministry of Labour');

    await signIn('labour@example.org');
    await page.goto(workUrl);
    const comment = page.getByTestId('mgi-comment');
    await comment.waitFor();
    await comment.getByLabel('Comment', { exact: true }).fill('The labour reform dates from 2024; agreed otherwise.');
    await comment.getByRole('button', { name: 'Send the comment' }).click();
    await page.getByTestId('mgi-comments').filter({ hasText: 'The labour reform dates from 2024' }).waitFor();
    expect(await page.getByTestId('mgi-actions').locator('form[data-action]').count()).toBe(0);

    await signIn('coordinator@example.org');
    await page.goto(workUrl);
    await stage('Inter-ministerial consultation');
    await act('Close the consultation');
    await stage('Government approval');
    await page.locator('form[data-action="approve"]').getByLabel('Approving authority').fill('Council of Ministers');
    await act('Record the government approval');
    await page.locator('form[data-action="approve"]').waitFor({ state: 'detached' });
    await act('Publish the profile');
    await stage('Published');
    await page.getByRole('link', { name: 'Open the published profile' }).click();
    const changes = page.getByTestId('mgi-changes');
    await changes.waitFor();
    expect(await changes.getByRole('heading').textContent()).toBe('What changed since 2023');
    expect(await changes.locator('tbody tr td').nth(1).textContent()).toBe(FIRST!.subArea);
    await page.goto(workUrl.replace('/en/', '/ar/'));
    await page.getByTestId('mgi-state').waitFor();
    await audit('mgi work ar');
    expect(tab.failing('mgi work')).toEqual({});
  }, 180_000);

  it("colours a process member map by the members' 10.7.2 category on request", async () => {
    await fresh();
    await page.goto(`${platform.url}/en/partnerships/colombo-process/`);
    const choice = page.getByTestId('colour-by');
    await choice.waitFor();
    expect(await page.locator('a.map-country[data-code="50"]').getAttribute('aria-label')).toBe('Bangladesh: Member');
    await choice.getByLabel('Members’ 10.7.2 category (2021)').check();
    await page.getByTestId('category-legend').waitFor();
    expect(await page.locator('a.map-country[data-code="50"]').getAttribute('aria-label')).toBe('Bangladesh: Meets');
    expect(await page.locator('a.map-country[data-code="608"]').getAttribute('aria-label')).toBe(
      'Philippines: Requires further progress',
    );
    expect(await page.locator('a.map-country[data-code="524"]').getAttribute('aria-label')).toBe(
      'Nepal: No data, or not a member',
    );
    await audit('colour by category en');
    expect(tab.failing('colour by')).toEqual({});
  }, 120_000);

  it('lets a global analyst edit the partnership registry: a membership added and ended, a meeting with outcome documents, the type history', async () => {
    await fresh();
    await page.goto(`${platform.url}/en/partnerships/bali-process/`);
    await page.getByTestId('members-table').waitFor();
    expect(await page.getByRole('link', { name: 'Edit the records of this process' }).count()).toBe(0);
    await signIn('analyst@example.org');
    await page.goto(`${platform.url}/en/partnerships/bali-process/`);
    await page.getByRole('link', { name: 'Edit the records of this process' }).click();
    const add = page.getByTestId('add-membership');
    await add.waitFor();
    expect(new URL(page.url()).pathname).toBe('/en/workspace/partnerships/bali-process/');
    const version = Number((await page.getByTestId('registry-version').textContent())?.replace(/\D/g, ''));
    await audit('partnership editor en');

    // A date that is not one is refused in the form, naming the field; nothing is sent.
    await add.getByLabel('Country').selectOption('484');
    await add.getByLabel('Role').fill('Member State');
    await add.getByLabel('As of').fill('2026');
    await add.getByLabel('From').fill('March 2026');
    await add.getByLabel('Source of this edit').fill('Ministerial declaration 2026');
    await add.getByRole('button', { name: 'Add a membership record' }).click();
    expect(await add.getByRole('alert').textContent()).toContain('From: “March 2026” is not a date');
    await add.getByLabel('From').fill('2026-03');
    await add.getByRole('button', { name: 'Add a membership record' }).click();
    await page.getByText(`Saved as version ${version + 1}.`).waitFor();
    const records = page.getByTestId('membership-records');
    const mexico = records.locator('tbody tr').filter({ hasText: 'Mexico' });
    expect(await mexico.textContent()).toContain('Ministerial declaration 2026');

    await page.getByRole('button', { name: 'End the membership of Mexico' }).click();
    const end = page.getByTestId('end-membership');
    await end.getByLabel('Until').fill('2026-09');
    await end.getByLabel('Source of this edit').fill('Withdrawal note');
    await end.getByRole('button', { name: 'End' }).click();
    await page.getByText(`Saved as version ${version + 2}.`).waitFor();
    expect(await mexico.locator('td').nth(2).textContent()).toBe('2026-09');

    const meeting = page.getByTestId('add-meeting');
    await meeting.getByLabel('Title of the meeting').fill('Ministerial Conference 2026');
    await meeting.getByLabel('Date (as the source gives it)').fill('10 February 2026');
    await meeting.getByLabel('Year').fill('2026');
    await meeting.getByLabel('Place').fill('Bali');
    await meeting
      .getByLabel('Outcome documents')
      .fill('Co-Chairs statement | Conference report, p. 2\nAdelaide Strategy update');
    await meeting.getByLabel('Source of this edit').fill('Conference report');
    await meeting.getByRole('button', { name: 'Add a meeting' }).click();
    await page.getByText(`Saved as version ${version + 3}.`).waitFor();
    expect(await page.getByTestId('meeting-list').textContent()).toContain(
      'Co-Chairs statement (Conference report, p. 2); Adelaide Strategy update (Conference report)',
    );

    const type = page.getByTestId('add-type');
    await type.getByLabel('Type').selectOption('interregional-forum');
    await type.getByLabel('When the source describes it so (e.g. 2026, current web page)').fill('2026 review');
    await type.getByLabel('Source of this edit').fill('Regional review 2026');
    await type.getByRole('button', { name: 'Add to the type history' }).click();
    await page.getByText(`Saved as version ${version + 4}.`).waitFor();
    expect(await page.getByTestId('type-history').locator('li').last().textContent()).toBe(
      'Interregional forum — 2026 review (Regional review 2026)',
    );

    // Another editor saves first: this page shows their version and keeps the form filled in to submit again.
    const other = await page.context().newPage();
    await other.goto(page.url());
    const otherType = other.getByTestId('add-type');
    await otherType.getByLabel('When the source describes it so (e.g. 2026, current web page)').fill('2027 list');
    await otherType.getByLabel('Source of this edit').fill('Other editor');
    await otherType.getByRole('button', { name: 'Add to the type history' }).click();
    await other.getByText(`Saved as version ${version + 5}.`).waitFor();
    await other.close();
    await type.getByLabel('Type').selectOption('global-process');
    await type.getByLabel('When the source describes it so (e.g. 2026, current web page)').fill('2027 review');
    await type.getByLabel('Source of this edit').fill('Regional review 2027');
    await type.getByRole('button', { name: 'Add to the type history' }).click();
    await page
      .getByText(`Someone changed the registry first (now version ${version + 5}).`, { exact: false })
      .waitFor();
    expect(await page.getByTestId('type-history').textContent()).toContain('(Other editor)');
    expect(await type.getByLabel('Source of this edit').inputValue()).toBe('Regional review 2027');
    await type.getByRole('button', { name: 'Add to the type history' }).click();
    await page.getByText(`Saved as version ${version + 6}.`).waitFor();
    expect(await page.getByTestId('type-history').locator('li').last().textContent()).toBe(
      'Global process — 2027 review (Regional review 2027)',
    );
    await audit('partnership editor after edits en');
    await page.screenshot({ path: join(SHOTS, '22-partnership-editor.png'), fullPage: true });

    // The public page reads the stored registry.
    await page.goto(`${platform.url}/en/partnerships/bali-process/`);
    await page.getByTestId('meetings').waitFor();
    expect(await page.getByTestId('meetings').textContent()).toContain('Ministerial Conference 2026');
    await page.goto(`${platform.url}/ar/workspace/partnerships/bali-process/`);
    await page.getByTestId('add-membership').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await audit('partnership editor ar');
    expect(tab.failing('partnership editor')).toEqual({});
  }, 180_000);

  it('runs an MGI-style assessment on an official-style instrument an administrator uploaded: its own answer options', async () => {
    const instrument = {
      instrument: 'mgi-official',
      version: '2024',
      kind: 'profile',
      title: { en: 'MGI official-style instrument' },
      source: 'Official question list',
      languages: ['en'],
      scales: {
        status: [
          { id: 'yes', label: { en: 'Yes' }, score: '2' },
          { id: 'partly', label: { en: 'Partly' }, score: '1' },
          { id: 'no', label: { en: 'No' }, score: '0' },
          { id: 'na', label: { en: 'Does not apply' }, notApplicable: true },
        ],
      },
      domains: [
        {
          id: 'rights',
          code: 'D1',
          label: { en: 'Migrants’ rights' },
          items: [
            {
              id: 'd1.a1',
              text: { en: 'Access to health care' },
              wording: 'official',
              scale: 'status',
              subArea: 'Access to social services',
            },
          ],
        },
      ],
    };
    await signIn('admin@example.org');
    await page.goto(`${platform.url}/en/workspace/admin/`);
    await page.getByLabel('Upload an instrument (JSON or YAML)').setInputFiles({
      name: 'mgi-official.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(instrument)),
    });
    await page.getByText('Loaded mgi-official@2024.').waitFor();

    await signIn('coordinator@example.org');
    await page.goto(`${platform.url}/en/workspace/mgi/`);
    const launch = page.getByTestId('mgi-launch');
    await launch.locator('option[value="mgi-official@2024"]').waitFor({ state: 'attached' });
    await launch.getByLabel('Country (M49) or city (M49-code)').fill('484-MTY');
    await launch.getByLabel('City name').fill('Monterrey');
    await launch.getByLabel('Round', { exact: true }).fill('2024');
    await launch.getByLabel('Instrument').selectOption('mgi-official@2024');
    await launch.getByRole('button', { name: 'Launch an assessment' }).click();
    await page.getByTestId('mgi-state').filter({ hasText: 'Launch' }).waitFor();
    const workUrl = page.url();
    await page.getByRole('button', { name: 'Begin data collection', exact: true }).click();
    await page.getByTestId('mgi-state').filter({ hasText: 'Data collection' }).waitFor();

    await signIn('focal@example.org');
    await page.goto(workUrl);
    const answers = page.getByTestId('mgi-answers');
    await answers.waitFor();
    expect(
      await answers
        .locator('input[name="mgi-d1.a1"]')
        .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
    ).toEqual(['yes', 'partly', 'no', 'na']);
    expect(
      await answers
        .locator('label')
        .filter({ has: page.locator('input[value="partly"]') })
        .textContent(),
    ).toBe(' Partly (Partial)');
    await audit('official instrument work en');
    await answers.locator('input[name="mgi-d1.a1"][value="partly"]').check();
    await page.getByRole('button', { name: 'Save answers' }).click();
    await page.getByText('Answers saved.').waitFor();
    expect(await page.textContent('main')).toContain('Access to social services');
    await page.goto(workUrl.replace('/en/', '/ar/'));
    await page.getByTestId('mgi-answers').waitFor();
    await audit('official instrument work ar');
    expect(tab.failing('official instrument')).toEqual({});
  }, 180_000);
});
