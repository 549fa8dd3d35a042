/**
 * The users of the administration page in Chromium, against the real server, with more users than the
 * server counts for a first page: the page says "more than 1,000" until a later page's count is exact,
 * and pages forward and back through every user in e-mail order, in English, French and Arabic.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { USERS_COUNT_LIMIT } from '@migov/db';
import { addUser, browserTab, buildWebApp, launchBrowser, startPlatform, type Platform } from './browser-harness.ts';
import { CATALOGUES } from '../src/i18n/catalogues/index.ts';

/** Users besides the administrator: with them, 1,150 in all. */
const MEMBERS = USERS_COUNT_LIMIT + 149;

describe('users on the administration page (Chromium)', () => {
  let platform: Platform;
  let browser: Browser;
  let tab: ReturnType<typeof browserTab>;

  beforeAll(async () => {
    await buildWebApp();
    platform = await startPlatform({ privateCopy: true });
    await addUser(platform.db, 'admin@example.org', 'Ada Admin', [
      { role: 'administrator', scope: { kind: 'global' } },
    ]);
    const at = new Date().toISOString();
    const members = Array.from({ length: MEMBERS }, (_, index) => ({
      id: randomUUID(),
      email: `member-${String(index).padStart(4, '0')}@example.org`,
      name: `Member ${index}`,
      status: 'active',
      password_hash: null,
      failed_sign_ins: 0,
      created_at: at,
      updated_at: at,
    }));
    for (let start = 0; start < MEMBERS; start += 250)
      await platform.db.kysely
        .insertInto('users')
        .values(members.slice(start, start + 250))
        .execute();
    browser = await launchBrowser();
    tab = browserTab(browser, () => platform.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('says "more than 1,000" while the count stops, and pages through every user', async () => {
    const page = await tab.signIn('admin@example.org');
    await page.goto(`${platform.url}/en/workspace/admin/`);
    const range = page.getByTestId('users-range');
    const rows = page.locator('section[aria-labelledby="admin-users"] tbody tr');
    const previous = page.getByRole('button', { name: 'Previous page' });
    const next = page.getByRole('button', { name: 'Next page' });
    await expect.poll(() => range.innerText()).toBe('1–200 of more than 1,000 users');
    expect(await rows.count()).toBe(200);
    expect(await rows.first().locator('td').first().innerText()).toBe('admin@example.org');
    expect(await previous.isDisabled()).toBe(true);
    await tab.audit('users');

    const seen: string[] = [];
    const readPage = async () => seen.push(...(await rows.locator('td:first-of-type').allInnerTexts()));
    await readPage();
    // From the second page on, the count reaches past every user: exact.
    for (const expected of [
      '201–400 of 1,150 users',
      '401–600 of 1,150 users',
      '601–800 of 1,150 users',
      '801–1,000 of 1,150 users',
      '1,001–1,150 of 1,150 users',
    ]) {
      await next.click();
      await expect.poll(() => range.innerText()).toBe(expected);
      await readPage();
    }
    expect(seen).toEqual([
      'admin@example.org',
      ...Array.from({ length: MEMBERS }, (_, index) => `member-${String(index).padStart(4, '0')}@example.org`),
    ]);
    // The last page: no next page, and focus went to the previous one.
    expect(await next.isDisabled()).toBe(true);
    expect(await previous.evaluate((button) => button.ownerDocument.activeElement === button)).toBe(true);
    await previous.click();
    await expect.poll(() => range.innerText()).toBe('801–1,000 of 1,150 users');
    expect(await rows.last().locator('td').first().innerText()).toBe('member-0998@example.org');

    // Localized, numbers in the language's own way.
    const moreThan = { fr: /^1–200 sur plus de 1\s000 utilisateurs$/, ar: /^1–200 من أكثر من 1,000 مستخدم$/ };
    for (const lang of ['fr', 'ar'] as const) {
      await page.goto(`${platform.url}/${lang}/workspace/admin/`);
      const said = moreThan[lang];
      await expect.poll(() => range.innerText()).toMatch(said);
      await page.getByRole('button', { name: CATALOGUES[lang]['admin.nextPage'] }).click();
      await expect.poll(() => range.innerText()).not.toMatch(said);
      await tab.audit(`users ${lang}`);
    }
    expect(tab.failing('users')).toEqual({});
  }, 90_000);
});
