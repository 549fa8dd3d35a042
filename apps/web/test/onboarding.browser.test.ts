/**
 * Onboarding in Chromium against the real server and a real SMTP server on loopback: an administrator
 * invites a national coordinator from the app; the e-mail arrives; its link opens the acceptance page,
 * where the coordinator chooses a password; the coordinator invites a focal point the same way; the
 * focal point accepts from the e-mailed link and submits the assessment, while the mail server is
 * down: its notice waits in the outbox and arrives, once, when the server is back. axe-core on the
 * new pages.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SDG_10_7_2_V2019, type InstrumentVersion } from '@migov/core';
import { createAssessment, createDatabase, listOutbox, saveResponses, type MigovDatabase } from '@migov/db';
import { createApp, type MigovApp } from '@migov/server';
import { startSmtpTestServer, linkIn, type SmtpTestServer } from '../../../test-support/smtp-test-server.ts';
import { addRound, addUser, browserTab, buildWebApp, DIST, launchBrowser } from './browser-harness.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('onboarding by e-mail in Chromium', () => {
  let smtp: SmtpTestServer;
  let db: MigovDatabase;
  let app: MigovApp;
  let url: string;
  let folder: string;
  let browser: Browser;
  let tab: ReturnType<typeof browserTab>;
  let page: Page;
  let assessmentId: string;

  beforeAll(async () => {
    await buildWebApp();
    smtp = await startSmtpTestServer();
    folder = mkdtempSync(join(tmpdir(), 'migov-onboarding-'));
    // A private copy of the build: another test file may rebuild dist/ while this one runs.
    const webRoot = join(folder, 'dist');
    cpSync(DIST, webRoot, { recursive: true });
    db = await createDatabase({ url: `sqlite:${join(folder, 'migov.sqlite')}` });
    await db.migrate();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    app = await createApp({
      db,
      config: {
        webRoot,
        publicUrl: url,
        signInPerIpPerMinute: 1000,
        mail: {
          smtp: { host: '127.0.0.1', port: smtp.port, secure: false, requireTls: false },
          from: 'migov <no-reply@migov.test>',
          reminderDays: 7,
          maxAttempts: 50,
          retryBaseMs: 200,
          retryMaxMs: 500,
          pollMs: 100,
          reminderCheckMs: 3_600_000,
          timeoutMs: 3000,
        },
      },
    });
    await app.listen({ host: '127.0.0.1', port });
    await addUser(db, 'admin@example.org', 'Ada Admin', [{ role: 'administrator', scope: { kind: 'global' } }]);
    const round = await addRound(db);
    const assessment = await createAssessment(db, { jurisdiction: '484', roundId: round.id }, null);
    // The answers are filled in already: this test is about reaching the form, not filling it.
    const instrument: InstrumentVersion = SDG_10_7_2_V2019;
    const changes = instrument.domains
      .flatMap((domain) => domain.items)
      .map((item) => ({ itemId: item.id, optionId: instrument.scales[item.scale]![0]!.id }));
    await saveResponses(
      db,
      { assessmentId: assessment.id, expectedLockVersion: assessment.lockVersion, changes },
      null,
    );
    assessmentId = assessment.id;
    browser = await launchBrowser();
    tab = browserTab(browser, () => url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
    await smtp?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** Invite from the administration page; the page says the e-mail went out. */
  async function invite(email: string, role: string, scope?: string) {
    await page.goto(`${url}/en/workspace/admin/`);
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Send the invitation' }) });
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Role').selectOption({ label: role });
    if (scope) await form.getByLabel('Where').fill(scope);
    await form.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByText(`Invitation sent by e-mail to ${email}.`).waitFor();
  }

  /** Open the link of the invitation e-mailed to `email` in a fresh browser and create the account. */
  async function acceptAsNewcomer(email: string, name: string, password: string, audit: string) {
    const mail = await smtp.waitForMessage(email, /Invitation/);
    const link = linkIn(mail, `${url}/invitations/accept#token=`);
    page = await tab.fresh();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Your invitation' }).waitFor();
    await page.getByText(`${email} is invited as`).waitFor();
    // The token leaves the address bar once read.
    expect(page.url()).not.toContain('#token=');
    await tab.audit(audit);
    await page.getByLabel('Your name').fill(name);
    await page.getByLabel('Choose a password').fill(password);
    await page.getByRole('button', { name: 'Accept and create my account' }).click();
    await page.getByRole('button', { name: /^Sign out/ }).waitFor();
  }

  it('takes a coordinator and a focal point from an e-mailed invitation to a submitted assessment, losing no notice while the mail server is down', async () => {
    page = await tab.signIn('admin@example.org');
    await invite('coordinator@example.org', 'national coordinator', '484');
    await tab.audit('administration');
    await page.getByRole('cell', { name: 'coordinator@example.org' }).waitFor();

    await acceptAsNewcomer('coordinator@example.org', 'Carla Coordinator', 'the coordinator password', 'accept en');
    // The coordinator may invite focal points and reviewers in Mexico only: the form offers just that.
    await page.goto(`${url}/en/workspace/`);
    await page.getByRole('link', { name: 'Invite someone' }).click();
    await page.getByRole('button', { name: 'Send the invitation' }).waitFor();
    const roles = await page.getByLabel('Role').locator('option').allTextContents();
    expect(roles).toEqual(['focal point', 'reviewer']);
    await invite('focal@example.org', 'focal point');
    await tab.audit('onboarding as coordinator');

    await acceptAsNewcomer('focal@example.org', 'Fatima Focal', 'the focal point password', 'accept en (focal point)');
    await page.goto(`${url}/en/workspace/`);
    await page.locator(`tr[data-assessment="${assessmentId}"] a`, { hasText: 'Open' }).click();
    await page.getByTestId('assessment-state').waitFor();

    // The mail server goes down just before the submission.
    await smtp.stop();
    const before = smtp.received.length;
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => page.getByTestId('assessment-state').innerText()).toBe('Submitted');
    await expect
      .poll(async () => (await listOutbox(db, { status: 'pending' })).items.filter((item) => item.lastError).length, {
        timeout: 15_000,
      })
      .toBe(1);

    await smtp.start();
    const notice = await smtp.waitForMessage('coordinator@example.org', /submitted/);
    expect(notice.text).toContain('Fatima Focal submitted the assessment of Mexico (484) for 2023.');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(smtp.received.length - before).toBe(1);
    expect((await listOutbox(db)).items.every((item) => item.status === 'sent')).toBe(true);

    // The administrator sees every message of the outbox as sent.
    page = await tab.signIn('admin@example.org');
    await page.goto(`${url}/en/workspace/admin/`);
    await page.getByRole('heading', { name: 'E-mail outbox' }).waitFor();
    await page.getByText('0 waiting, 3 sent, 0 failed').waitFor();
    // The review page shows the live score and the advice for the next category.
    await page.goto(`${url}/en/workspace/review/${assessmentId}/`);
    await expect.poll(() => page.getByTestId('review-score').innerText()).toContain('Fully meets');
    await tab.audit('review');

    // An invitation to an address that has an account: the link alone creates nothing; signed in as that account, it adds the role.
    await invite('coordinator@example.org', 'reviewer', '484');
    const second = smtp.received.filter(
      (mail) => mail.to.includes('coordinator@example.org') && /Invitation/.test(mail.subject),
    );
    await expect
      .poll(
        () =>
          smtp.received.filter((mail) => mail.to.includes('coordinator@example.org') && /Invitation/.test(mail.subject))
            .length,
        { timeout: 15_000 },
      )
      .toBe(second.length + 1);
    const existing = linkIn(
      smtp.received
        .filter((mail) => mail.to.includes('coordinator@example.org') && /Invitation/.test(mail.subject))
        .at(-1)!,
      `${url}/invitations/accept#token=`,
    );
    page = await tab.fresh();
    await page.goto(existing);
    await page.getByLabel('Your name').fill('Somebody Else');
    await page.getByLabel('Choose a password').fill('an attacker password');
    await page.getByRole('button', { name: 'Accept and create my account' }).click();
    await page.getByText('This address already has an account').waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe('coordinator@example.org');
    await page.getByLabel('Password').fill('the coordinator password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Accept the invitation' }).click();
    await page.getByText('Welcome! The role is now yours.').waitFor();

    page = await tab.fresh();
    await page.goto(`${url}/en/password-reset/`);
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await tab.audit('password reset');
    await page.getByLabel('Email').fill('focal@example.org');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByText('If this address has an active account').waitFor();
    const reset = linkIn(await smtp.waitForMessage('focal@example.org', /Reset/), `${url}/password-reset#token=`);
    await page.goto(reset);
    await page.getByLabel('New password').fill('a new focal point password');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('Your password is changed').waitFor();

    expect(tab.failing()).toEqual({});
  }, 180_000);
});
