/**
 * The rounds of the administration page in Chromium, against the real server: a round whose closing
 * day is over shows as closed and is reopened with a new closing day; an open one is closed now; both
 * changes are stored and audited. A refused sign-in is said in Arabic. The workspace's settings change
 * the language of one's e-mail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createRound, getRound, findUserByEmail, listAudit } from '@migov/db';
import {
  addRound,
  addUser,
  browserTab,
  buildWebApp,
  failOnPageErrors,
  launchBrowser,
  startPlatform,
  type Platform,
} from './browser-harness.ts';
import { CATALOGUES } from '../src/i18n/catalogues/index.ts';

describe('rounds on the administration page (Chromium)', () => {
  let platform: Platform;
  let browser: Browser;
  let tab: ReturnType<typeof browserTab>;

  beforeAll(async () => {
    await buildWebApp();
    platform = await startPlatform({ privateCopy: true });
    await addUser(platform.db, 'admin@example.org', 'Ada Admin', [
      { role: 'administrator', scope: { kind: 'global' } },
    ]);
    browser = await launchBrowser();
    tab = browserTab(browser, () => platform.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('reopens a closed round with a new closing day and closes an open one, both audited', async () => {
    const { db } = platform;
    const past = await createRound(db, {
      year: 2021,
      instrument: 'sdg-10-7-2',
      version: '2019',
      opensOn: '2021-01-01',
      closesOn: '2021-12-31',
    });
    const open = await addRound(db);
    // A day a month ahead of the server's clock (the test's own clock is the server's here).
    const newDay = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

    const page = await tab.signIn('admin@example.org');
    await page.goto(`${platform.url}/en/workspace/admin/`);
    const pastRow = page.getByTestId('round-2021-sdg-10-7-2');
    const openRow = page.getByTestId('round-2023-sdg-10-7-2');
    await expect.poll(() => pastRow.getByTestId('round-status').innerText()).toMatch(/^Closed since /);
    await expect.poll(() => openRow.getByTestId('round-status').innerText()).toBe('Open');
    await tab.audit('rounds');

    await page.getByLabel('New closing day of the 2021 round').fill(newDay);
    await page.getByRole('button', { name: 'Reopen the 2021 round' }).click();
    await page.getByRole('status').filter({ hasText: 'The 2021 round is open until' }).waitFor();
    await expect.poll(() => pastRow.getByTestId('round-status').innerText()).toBe('Open');
    expect(await getRound(db, past.id)).toMatchObject({ closesOn: newDay });

    await page.getByRole('button', { name: 'Close now: the 2023 round' }).click();
    await page.getByRole('status').filter({ hasText: 'The 2023 round is closed.' }).waitFor();
    await expect.poll(() => openRow.getByTestId('round-status').innerText()).toMatch(/^Closed since /);
    expect((await getRound(db, open.id)).closedAt).toBeDefined();
    // Once closed, the round offers reopening only.
    await expect.poll(() => openRow.getByRole('button', { name: 'Close now: the 2023 round' }).count()).toBe(0);

    const audit = await listAudit(db, { filters: { targetType: 'round' } });
    expect(audit.items.map((entry) => [entry.action, entry.targetId])).toEqual(
      expect.arrayContaining([
        ['round.reopen', past.id],
        ['round.close', open.id],
      ]),
    );

    // The same page in Arabic, right to left.
    await page.goto(`${platform.url}/ar/workspace/admin/`);
    await expect.poll(() => openRow.getByTestId('round-status').innerText()).toMatch(/^مغلقة منذ /);
    await tab.audit('rounds ar');
    expect(tab.failing('rounds')).toEqual({});
  }, 60_000);

  it('says a refused action in Arabic, from the problem’s code, with no English of its own', async () => {
    const ar = CATALOGUES.ar;
    // A tab of its own: the other tests' tab stays signed in.
    const context = await browser.newContext();
    const page = await context.newPage();
    failOnPageErrors(page);
    await page.goto(`${platform.url}/ar/sign-in/`);
    await page.getByLabel(ar['signIn.email']).fill('admin@example.org');
    await page.getByLabel(ar['signIn.password']).fill('not the password at all');
    await page.getByRole('button', { name: ar['signIn.submit'] }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const said = await alert.innerText();
    expect(said).toContain(ar['problem.invalid-credentials']);
    expect(said).not.toMatch(/[A-Za-z]/);
    await context.close();
  }, 30_000);

  it('changes the language of one’s e-mail in the workspace settings', async () => {
    const page = tab.page;
    await page.goto(`${platform.url}/en/workspace/`);
    await page.getByLabel('Language of your e-mails').selectOption({ label: 'Français' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Your e-mails will be written in Français.' }).waitFor();
    expect((await findUserByEmail(platform.db, 'admin@example.org'))?.preferredLanguage).toBe('fr');
  }, 30_000);
});
