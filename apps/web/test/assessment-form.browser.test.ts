/**
 * The assessment form in Chromium against the real server: a focal point downloads the Excel template,
 * fills it offline and uploads it back (problems listed by file, sheet, row and field, nothing changed;
 * then a valid one changes the answers), adds a link as evidence and removes it with a reason; items
 * carry the same number in the form, the template and `migov score`; a coordinator sees a draft read
 * only with who last saved it; publishing asks for confirmation, and Cancel changes nothing. In a closed
 * round a draft offers no Submit and says why, in the reader's language, as it says a refused upload.
 * axe-core checks each state, on a desktop and at 390 px.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createAssessment, createRound, saveResponses, transitionAssessment, type MigovDatabase } from '@migov/db';
import { CATALOGUES } from '../src/i18n/catalogues/index.ts';
import { itemNumbers, SDG_10_7_2_V2019 } from '@migov/core';
import {
  addRound,
  addUser,
  browserTab,
  buildWebApp,
  launchBrowser,
  startPlatform,
  WEB_ROOT,
  type Platform,
} from './browser-harness.ts';

const NUMBERS = itemNumbers(SDG_10_7_2_V2019);
const ITEMS = SDG_10_7_2_V2019.domains.flatMap((domain) => domain.items.map((item) => item.id));
const MIGOV = resolve(WEB_ROOT, '../../packages/cli/bin/migov.js');
const SHOTS = join(WEB_ROOT, '../../test-output/web');

/** Every item answered: the first option of its scale. */
function fullAnswers() {
  return SDG_10_7_2_V2019.domains.flatMap((domain) =>
    domain.items.map((item) => ({ itemId: item.id, optionId: SDG_10_7_2_V2019.scales[item.scale][0]!.id })),
  );
}

/** A submitted and validated assessment, ready to publish. */
async function validatedAssessment(db: MigovDatabase, jurisdiction: string, roundId: string, actorId: string) {
  let assessment = await createAssessment(db, { jurisdiction, roundId }, actorId);
  assessment = await saveResponses(
    db,
    { assessmentId: assessment.id, expectedLockVersion: assessment.lockVersion, changes: fullAnswers() },
    actorId,
  );
  for (const action of ['submit', 'validate'] as const)
    assessment = await transitionAssessment(
      db,
      { assessmentId: assessment.id, expectedLockVersion: assessment.lockVersion, action },
      actorId,
    );
  return assessment;
}

describe('the assessment form in Chromium', () => {
  let platform: Platform;
  let browser: Browser;
  let tab: ReturnType<typeof browserTab>;
  let draftId: string;
  let validatedId: string;
  const folder = mkdtempSync(join(tmpdir(), 'migov-form-'));

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await buildWebApp();
    platform = await startPlatform({ privateCopy: true });
    const mexico = { kind: 'area' as const, area: '484' };
    const chile = { kind: 'area' as const, area: '152' };
    await addUser(platform.db, 'focal@example.org', 'Femi Focal', [{ role: 'focal-point', scope: mexico }]);
    const coordinator = await addUser(platform.db, 'coordinator@example.org', 'Carla Coordinator', [
      { role: 'national-coordinator', scope: mexico },
      { role: 'national-coordinator', scope: chile },
    ]);
    const round = await addRound(platform.db);
    draftId = (await createAssessment(platform.db, { jurisdiction: '484', roundId: round.id }, coordinator.id)).id;
    validatedId = (await validatedAssessment(platform.db, '152', round.id, coordinator.id)).id;
    browser = await launchBrowser();
    tab = browserTab(browser, () => platform.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function openForm(page: Page, id: string) {
    await page.goto(`${platform.url}/en/workspace/assessment/${id}/`);
    await page.getByTestId('assessment-state').waitFor();
  }

  /** The template as the browser downloads it, saved to a file. */
  async function downloadTemplate(page: Page): Promise<string> {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the Excel template' }).click(),
    ]);
    const path = join(folder, download.suggestedFilename());
    await download.saveAs(path);
    return path;
  }

  async function uploadTemplate(page: Page, name: string, bytes: Buffer) {
    await page.getByLabel('Filled-in template (.xlsx)').setInputFiles({
      name,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bytes,
    });
    await page.getByRole('button', { name: 'Upload the template' }).click();
  }

  /** Fill rows of the Responses sheet (by item number) and return the workbook's bytes. */
  async function fillTemplate(path: string, answers: Record<string, string>): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.getWorksheet('Responses')!;
    sheet.eachRow((row, rowNumber) => {
      const number = String(row.getCell(2).value ?? '');
      if (rowNumber > 1 && number in answers) row.getCell(4).value = answers[number]!;
    });
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  it('numbers every item the same in the form, the Excel template and migov score', async () => {
    const page = await tab.signIn('focal@example.org');
    await openForm(page, draftId);
    const form = await page
      .locator('fieldset.item')
      .evaluateAll((fieldsets) =>
        fieldsets.map((fieldset) => [
          fieldset.id.replace(/^item-/, ''),
          fieldset.querySelector('.item-number')?.textContent?.replace(/\.$/, ''),
        ]),
      );
    const template = new ExcelJS.Workbook();
    await template.xlsx.readFile(await downloadTemplate(page));
    const rows: [string, string][] = [];
    template.getWorksheet('Responses')!.eachRow((row, rowNumber) => {
      if (rowNumber > 1) rows.push([ITEMS[rowNumber - 2]!, String(row.getCell(2).value)]);
    });
    const responses = join(folder, 'responses.json');
    writeFileSync(responses, JSON.stringify({ responses: { [ITEMS[0]!]: 'no' } }));
    const { stdout } = await promisify(execFile)(process.execPath, [MIGOV, 'score', responses, '--json']).catch(
      // An incomplete assessment exits with 1 and still prints its explanation.
      (failure: { stdout: string }) => ({ stdout: failure.stdout }),
    );
    const cli = (JSON.parse(stdout) as { domains: { items: { item: string; number: string }[] }[] }).domains.flatMap(
      (domain) => domain.items.map((item) => [item.item, item.number]),
    );
    const expected = [...NUMBERS.entries()];
    expect(expected).toHaveLength(30);
    expect(expected.find(([itemId]) => itemId === '4b')?.[1]).toBe('4b');
    expect(form).toEqual(expected);
    expect(rows).toEqual(expected);
    expect(cli).toEqual(expected);
  });

  it('uploads a filled-in template: lists every problem and changes nothing, then applies a valid one', async () => {
    const page = tab.page;
    const path = await downloadTemplate(page);
    // 1a gets an answer that is no option, 2a a valid one: the whole file is refused.
    await uploadTemplate(page, 'mexico-filled.xlsx', await fillTemplate(path, { '1a': 'Perhaps', '2a': 'Yes' }));
    const problems = page.getByTestId('workbook-problems');
    await problems.waitFor();
    expect(await problems.locator('p').first().innerText()).toContain(
      'mexico-filled.xlsx: 1 problem, nothing was changed',
    );
    const cells = await problems.locator('tbody tr').first().locator('td').allInnerTexts();
    expect(cells.slice(0, 5)).toEqual(['mexico-filled.xlsx', 'Responses', '2', 'Answer (D2)', 'Perhaps']);
    // Why, in the reader's language from the reason's code, with the server's English sentence marked as English.
    expect(cells[5]).toContain('This is not one of the item’s options: choose one from the list.');
    expect(await problems.locator('tbody tr td [lang="en"]').first().innerText()).toContain('not an option of item 1a');
    expect(await page.locator(`#item-1a input:checked`).count()).toBe(0);
    expect(await page.locator(`#item-2a input:checked`).count()).toBe(0);
    await tab.audit('form with template problems');
    await page.screenshot({ path: join(SHOTS, 'form-template-problems.png'), fullPage: true });

    await uploadTemplate(
      page,
      'mexico-fixed.xlsx',
      await fillTemplate(path, {
        '1a': 'Yes, only for those with legal immigration status',
        '2a': 'Yes',
      }),
    );
    await expect
      .poll(() => page.getByTestId('workbook-changed').innerText())
      .toBe('mexico-fixed.xlsx: 2 items changed.');
    expect(await page.getByTestId('workbook-problems').count()).toBe(0);
    expect(await page.locator(`#item-1a input:checked`).getAttribute('value')).toBe('yes-legal-only');
    expect(await page.locator(`#item-2a input:checked`).getAttribute('value')).toBe('yes');
    // The same template again: it was made before the upload that changed the assessment.
    await uploadTemplate(page, 'mexico-fixed.xlsx', readFileSync(path));
    await page.getByRole('alert').filter({ hasText: 'was made before someone else saved' }).waitFor();
  });

  it('adds a link as evidence with the keyboard and removes it with a reason', async () => {
    const page = tab.page;
    const item = page.locator('#item-1b');
    await item.getByText('Add a link').focus();
    await page.keyboard.press('Enter');
    await item.getByLabel('Web address (https://…)').fill('ftp://example.org/law');
    await item.getByLabel('Title').fill('Migration Law 2011');
    await item.getByRole('button', { name: 'Add link' }).click();
    await item.getByRole('alert').filter({ hasText: 'starts with http:// or https://' }).waitFor();
    await item.getByLabel('Web address (https://…)').fill('https://example.org/migration-law-2011');
    await item.getByLabel('Title').press('Enter');
    const link = item.locator('.evidence li', { hasText: 'Migration Law 2011' });
    await link.waitFor();
    expect(await link.getByRole('link').getAttribute('href')).toBe('https://example.org/migration-law-2011');
    // Enter in the link form added the link; it did not submit the questionnaire.
    expect(await page.locator('.questionnaire .field-error').count()).toBe(0);
    expect(await page.getByTestId('assessment-state').innerText()).toBe('Draft');
    await tab.audit('form with a link');

    await link.getByRole('button', { name: 'Remove the evidence “Migration Law 2011”' }).click();
    await item.getByRole('button', { name: 'Remove evidence' }).click();
    await item.getByText('Give a reason: it is kept in the history.').waitFor();
    await item.getByLabel('Why remove it?').fill('Superseded by the 2023 law');
    await item.getByRole('button', { name: 'Remove evidence' }).click();
    await link.waitFor({ state: 'detached' });
    const evidence = await page.evaluate(async (id) => {
      const response = await fetch(`/api/v1/assessments/${id}/evidence`);
      return ((await response.json()) as { items: { title: string; withdrawnReason?: string }[] }).items;
    }, draftId);
    expect(evidence).toMatchObject([{ title: 'Migration Law 2011', withdrawnReason: 'Superseded by the 2023 law' }]);
  });

  it('shows a coordinator the draft read only, with its status and who saved it last', async () => {
    const page = await tab.signIn('coordinator@example.org');
    await openForm(page, draftId);
    const notice = page.getByTestId('read-only');
    await notice.waitFor();
    expect(await notice.getByRole('heading').innerText()).toBe('Read only');
    expect(await notice.innerText()).toContain('Its status: Draft.');
    expect(await page.getByTestId('last-save').innerText()).toMatch(
      /^Being worked on by Femi Focal, who last saved it on \w{3} \d{1,2}, \d{4} at \d{1,2}:\d{2}\s?[AP]M\.$/,
    );
    expect(await page.locator('fieldset.item input:enabled').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Upload the template' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Download the Excel template' }).count()).toBe(1);
    expect(await page.getByText('cannot be edited').count()).toBe(0);
    await tab.audit('read-only form');
  });

  it('asks before publishing: Cancel and Escape change nothing, Confirm publishes', async () => {
    const page = tab.page;
    await page.goto(`${platform.url}/en/workspace/review/${validatedId}/`);
    await page.getByTestId('assessment-state').waitFor();
    expect(await page.getByTestId('assessment-state').innerText()).toBe('Validated');
    // The review numbers the items as the form does.
    expect(await page.locator('.review-item h3 .item-number').allInnerTexts()).toEqual(
      [...NUMBERS.values()].map((number) => `${number}.`),
    );
    const dialog = page.getByRole('dialog', { name: 'Publish Chile, 2023?' });
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('the assessment of Chile for the 2023 round public');
    // The safe choice has focus first.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await tab.audit('publish dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    const state = await page.evaluate(async (id) => {
      const response = await fetch(`/api/v1/assessments/${id}`);
      return ((await response.json()) as { assessment: { state: string } }).assessment.state;
    }, validatedId);
    expect(state).toBe('validated');
    expect(await page.getByTestId('assessment-state').innerText()).toBe('Validated');

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await dialog.getByRole('button', { name: 'Publish Chile, 2023' }).click();
    await expect.poll(() => page.getByTestId('assessment-state').innerText()).toBe('Published');
  });

  it('in a closed round, says in Arabic that the draft can no longer be submitted, and says a refusal in Arabic', async () => {
    const ar = CATALOGUES.ar;
    const closed = await createRound(platform.db, {
      year: 2019,
      instrument: 'sdg-10-7-2',
      version: '2019',
      opensOn: '2019-01-01',
      closesOn: '2019-12-31',
    });
    const late = await createAssessment(platform.db, { jurisdiction: '484', roundId: closed.id }, null);
    const page = await tab.signIn('focal@example.org');
    await page.goto(`${platform.url}/ar/workspace/assessment/${late.id}/`);
    await page.getByTestId('assessment-state').waitFor();
    const notice = await page.getByTestId('round-closed').innerText();
    const [before, after] = ar['form.roundClosed'].replace('{year}', '2019').split('{date}');
    expect(notice.startsWith(before!)).toBe(true);
    expect(notice.endsWith(after!)).toBe(true);
    expect(notice).not.toMatch(/[A-Za-z]/);
    // No Submit; answering (and so saving) stays possible.
    expect(await page.getByRole('button', { name: ar['form.submit'] }).count()).toBe(0);
    expect(await page.locator('.submit-bar').count()).toBe(0);
    expect(await page.locator('#item-1a input').first().isEnabled()).toBe(true);

    // A refused upload: each problem's reason in Arabic, the server's sentence only as marked English.
    await page.getByLabel(ar['workbook.fileLabel']).setInputFiles({
      name: 'not-a-workbook.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from('plain text, not a workbook'),
    });
    await page.getByRole('button', { name: ar['workbook.upload'] }).click();
    const why = page.getByTestId('workbook-problems').locator('tbody tr td').nth(5);
    await why.waitFor();
    expect(await why.innerText()).toContain(ar['workbook.reason.not-xlsx']);
    const unmarked = await why.evaluate((cell) => {
      const copy = cell.cloneNode(true) as HTMLElement;
      for (const english of copy.querySelectorAll('[lang="en"]')) english.remove();
      return copy.textContent ?? '';
    });
    // The file type is a code, the same in every language.
    expect(unmarked.replace('(.xlsx)', '')).not.toMatch(/[A-Za-z]/);
  });

  it('fits the form, the problems and the dialog on a 390 px phone without sideways scrolling', async () => {
    const page = await tab.signIn('focal@example.org');
    await page.setViewportSize({ width: 390, height: 844 });
    await openForm(page, draftId);
    await uploadTemplate(page, 'not-a-workbook.xlsx', Buffer.from('plain text, not a workbook'));
    await page.getByTestId('workbook-problems').waitFor();
    await page.locator('#item-1c').getByText('Add a link').click();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await tab.audit('phone form');
    await page.screenshot({ path: join(SHOTS, 'form-phone.png'), fullPage: true });
    expect(tab.failing()).toEqual({});
  });
});
