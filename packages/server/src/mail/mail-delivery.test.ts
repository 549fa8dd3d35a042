/**
 * E-mail through a real SMTP server on loopback: invitations, password resets, workflow notices and
 * reminders arrive; with the mail server stopped mid-way the notices wait in the outbox and, once it
 * is back, all arrive, none lost and none twice, with two senders on one database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssessment, createRound, getAssessment, listOutbox, type MigovDatabase } from '@migov/db';
import { startSmtpTestServer, linkIn, type SmtpTestServer } from '../../../../test-support/smtp-test-server.ts';
import type { MigovApp } from '../app.ts';
import {
  asUser,
  createTestApp,
  createTestDatabase,
  createTestUser,
  DIALECTS,
  signIn,
  type SignedIn,
} from '../testing/test-app.ts';
import { DEFAULT_MAIL_SETTINGS, loadMailConfig, type MailConfig } from './mail-config.ts';

const PUBLIC_URL = 'http://migov.test';
const COUNTRY = '484';

function mailConfig(smtp: SmtpTestServer): MailConfig {
  return {
    ...DEFAULT_MAIL_SETTINGS,
    smtp: { host: '127.0.0.1', port: smtp.port, secure: false, requireTls: false },
    from: 'migov <no-reply@migov.test>',
    pollMs: 100,
    retryBaseMs: 200,
    retryMaxMs: 800,
    timeoutMs: 3000,
    reminderCheckMs: 60 * 60_000,
  };
}

const tokenOf = (link: string) => new URL(link).hash.replace(/^#token=/, '');

describe.each(DIALECTS)('e-mail through a real SMTP server (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let smtp: SmtpTestServer;
  let app: MigovApp;
  let second: MigovApp;
  let admin: SignedIn;
  // The app's clock runs; a test may move it ahead.
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    smtp = await startSmtpTestServer();
    const options = {
      config: { publicUrl: PUBLIC_URL, mail: mailConfig(smtp), signInPerIpPerMinute: 10_000 },
      now: clock,
    };
    app = await createTestApp(db, options);
    // A second process of the same server: its own sender on the same outbox.
    second = await createTestApp(db, options);
    await createTestUser(db, 'admin@example.org', [{ role: 'administrator', scope: { kind: 'global' } }], 'Ada Admin');
    admin = await signIn(app, 'admin@example.org');
  });
  afterAll(async () => {
    await app?.close();
    await second?.close();
    await smtp?.stop();
    await drop?.();
  });

  it('e-mails an invitation to the invited address only; its link creates the account', async () => {
    const invited = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: asUser(admin),
      payload: { email: 'Coord@Example.org', role: 'national-coordinator', scope: { kind: 'area', area: COUNTRY } },
    });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({ delivery: 'email', email: 'coord@example.org' });
    expect(invited.json()).not.toHaveProperty('acceptUrl');
    const mail = await smtp.waitForMessage('coord@example.org', /Invitation/);
    expect(mail.subject).toBe('Invitation to migov as national coordinator for Mexico (484)');
    expect(mail.text).toContain('Ada Admin invites you');
    const link = linkIn(mail, `${PUBLIC_URL}/invitations/accept#token=`);
    const preview = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/preview',
      payload: { token: tokenOf(link) },
    });
    expect(preview.json()).toMatchObject({ email: 'coord@example.org', role: 'national-coordinator' });
    const accepted = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token: tokenOf(link), name: 'Carla Coordinator', password: 'a password of the coordinator' },
    });
    expect(accepted.statusCode).toBe(200);
    // Resending an accepted invitation is refused; a pending one gets a new link and the old one stops working.
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/invitations/${invited.json().id}/resend`,
          headers: asUser(admin),
        })
      ).statusCode,
    ).toBe(409);
    const other = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: asUser(admin),
      payload: { email: 'late@example.org', role: 'reviewer', scope: { kind: 'area', area: COUNTRY } },
    });
    const firstLink = linkIn(await smtp.waitForMessage('late@example.org'), `${PUBLIC_URL}/invitations/accept#token=`);
    const resent = await app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${other.json().id}/resend`,
      headers: asUser(admin),
    });
    expect(resent.statusCode).toBe(200);
    const deadline = Date.now() + 10_000;
    while (smtp.received.filter((item) => item.to.includes('late@example.org')).length < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const links = smtp.received
      .filter((item) => item.to.includes('late@example.org'))
      .map((item) => linkIn(item, `${PUBLIC_URL}/invitations/accept#token=`));
    expect(links).toHaveLength(2);
    expect(links[1]).not.toBe(firstLink);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/invitations/preview', payload: { token: tokenOf(firstLink) } }))
        .statusCode,
    ).toBe(410);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/invitations/preview', payload: { token: tokenOf(links[1]!) } }))
        .statusCode,
    ).toBe(200);
  });

  it('resets a password by e-mail: one answer for every address, a one-time expiring link, other sessions ended', async () => {
    await createTestUser(db, 'forgetful@example.org', [], 'Fred');
    const session = await signIn(app, 'forgetful@example.org');
    const before = smtp.received.length;
    const known = await app.inject({
      method: 'POST',
      url: '/api/v1/password-reset',
      payload: { email: 'forgetful@example.org' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/password-reset',
      payload: { email: 'nobody@example.org' },
    });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    const mail = await smtp.waitForMessage('forgetful@example.org', /Reset/);
    const token = tokenOf(linkIn(mail, `${PUBLIC_URL}/password-reset#token=`));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.received.slice(before).map((item) => item.to[0])).toEqual(['forgetful@example.org']);
    const reset = await app.inject({
      method: 'POST',
      url: '/api/v1/password-reset/confirm',
      payload: { token, password: 'a brand new password' },
    });
    expect(reset.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/session', headers: { cookie: session.cookie } })).statusCode).toBe(401);
    await signIn(app, 'forgetful@example.org', 'a brand new password');
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/password-reset/confirm',
      payload: { token, password: 'yet another password' },
    });
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('password-reset-invalid');
    // A link past its hour no longer works.
    await app.inject({ method: 'POST', url: '/api/v1/password-reset', payload: { email: 'forgetful@example.org' } });
    const toFred = () => smtp.received.filter((item) => item.to.includes('forgetful@example.org'));
    const waitUntil = Date.now() + 10_000;
    while (toFred().length < 2 && Date.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 50));
    const late = tokenOf(linkIn(toFred()[1]!, `${PUBLIC_URL}/password-reset#token=`));
    offsetMs = 2 * 3_600_000;
    try {
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/v1/password-reset/confirm',
            payload: { token: late, password: 'too late a password' },
          })
        ).statusCode,
      ).toBe(410);
    } finally {
      offsetMs = 0;
    }
  });

  it('sends workflow notices to those who act next; with the mail server down they wait, and then all arrive once', async () => {
    const round = await createRound(db, {
      year: 2027,
      instrument: 'sdg-10-7-2',
      version: '2019',
      opensOn: '2027-01-01',
      closesOn: '2027-12-31',
    });
    const assessment = await createAssessment(db, { jurisdiction: COUNTRY, roundId: round.id }, null);
    await createTestUser(
      db,
      'focal@example.org',
      [{ role: 'focal-point', scope: { kind: 'area', area: COUNTRY } }],
      'Fatima Focal',
    );
    for (let index = 0; index < 6; index += 1)
      await createTestUser(
        db,
        `reviewer${index}@example.org`,
        [{ role: 'reviewer', scope: { kind: 'area', area: COUNTRY } }],
        `Reviewer ${index}`,
      );
    await createTestUser(
      db,
      'elsewhere@example.org',
      [{ role: 'reviewer', scope: { kind: 'area', area: '250' } }],
      'Elsewhere',
    );
    const focal = await signIn(app, 'focal@example.org');
    const reviewer = await signIn(app, 'reviewer0@example.org');
    const act = async (who: SignedIn, action: string, payload?: object) => {
      const current = await getAssessment(db, assessment.id);
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/assessments/${assessment.id}/${action}`,
        headers: asUser(who, { 'if-match': `"${current.lockVersion}"` }),
        ...(payload ? { payload } : {}),
      });
      expect(response.statusCode, response.body).toBe(200);
    };
    const countBefore = smtp.received.length;
    await act(focal, 'submit');
    // Six reviewers and the coordinator invited above; not the focal point who acted, not France's reviewer.
    const submitted = (await smtp.waitFor(countBefore + 7)).slice(countBefore);
    expect(submitted.map((item) => item.to[0]).sort()).toEqual(
      ['coord@example.org', ...Array.from({ length: 6 }, (_, index) => `reviewer${index}@example.org`)].sort(),
    );
    expect(submitted[0]!.subject).toBe('Mexico (484) 2027: assessment submitted');

    // The mail server goes down: the next notices wait in the outbox with their error.
    await smtp.stop();
    await act(reviewer, 'return', { reason: 'Please add the legal texts.' });
    await act(focal, 'resubmit');
    await act(reviewer, 'validate');
    const deadline = Date.now() + 10_000;
    let waiting = (await listOutbox(db, { status: 'pending' })).items;
    // Every notice tried at least once and waiting for its next attempt (none in the middle of one).
    while (!(waiting.length === 10 && waiting.every((item) => item.lastError)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      waiting = (await listOutbox(db, { status: 'pending' })).items;
    }
    // return: 1 focal point; resubmit: 6 reviewers (the one who returned included) + coordinator; validate: coordinator + focal point.
    expect(waiting).toHaveLength(1 + 7 + 2);
    expect(waiting.every((item) => item.lastError && /ECONNREFUSED/.test(item.lastError))).toBe(true);
    const listed = await app.inject({ url: '/api/v1/outbox?status=pending', headers: asUser(admin) });
    expect(listed.json()).toMatchObject({ delivery: true, total: 10 });
    expect(listed.json().items[0]).not.toHaveProperty('body');
    expect(smtp.received.length).toBe(countBefore + 7);

    // Back up: everything arrives, exactly once, through the two senders.
    await smtp.start();
    const all = await smtp.waitFor(countBefore + 17, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.received.length).toBe(countBefore + 17);
    const ids = all.map((item) => item.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    const returned = smtp.received.find(
      (item) => item.to.includes('focal@example.org') && /returned/.test(item.subject),
    )!;
    expect(returned.text).toContain('Please add the legal texts.');
    expect(returned.text).toContain(`${PUBLIC_URL}/en/workspace/assessment/${assessment.id}/`);
    expect((await listOutbox(db, { status: 'pending' })).total).toBe(0);
  }, 60_000);

  it('marks a message the mail server refuses for good as failed, with the error, and retries it on request', async () => {
    const invited = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: asUser(admin),
      payload: { email: 'ghost@bounce.invalid', role: 'reviewer', scope: { kind: 'area', area: COUNTRY } },
    });
    expect(invited.statusCode).toBe(201);
    const deadline = Date.now() + 10_000;
    let failed = (await listOutbox(db, { status: 'failed' })).items;
    while (failed.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      failed = (await listOutbox(db, { status: 'failed' })).items;
    }
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ recipient: 'ghost@bounce.invalid', attempts: 1 });
    expect(failed[0]!.lastError).toMatch(/550/);
    const retried = await app.inject({
      method: 'POST',
      url: `/api/v1/outbox/${failed[0]!.id}/retry`,
      headers: asUser(admin),
    });
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('writes to an Arabic-speaking user in Arabic: the invitation, the account, a notice and a password reset', async () => {
    const invited = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: asUser(admin),
      payload: {
        email: 'amina@example.org',
        role: 'reviewer',
        scope: { kind: 'area', area: '818' },
        language: 'ar',
      },
    });
    expect(invited.json()).toMatchObject({ delivery: 'email', language: 'ar' });
    const invitation = await smtp.waitForMessage('amina@example.org');
    expect(invitation.subject).toBe('دعوة إلى migov بصفة مراجع في \u2068مصر (818)\u2069');
    expect(invitation.text).toContain(
      'يدعوك \u2068Ada Admin\u2069 إلى المشاركة في migov بصفة مراجع في \u2068مصر (818)\u2069.',
    );
    // The HTML part is right to left, with the Latin name isolated and the link left to right.
    expect(invitation.html).toContain('<html lang="ar" dir="rtl">');
    expect(invitation.html).toContain('يدعوك <bdi>Ada Admin</bdi> إلى المشاركة');
    const link = linkIn(invitation, `${PUBLIC_URL}/ar/invitations/accept#token=`);
    expect(invitation.html).toContain(`<a href="${link}" dir="ltr">`);
    // Accepted without a page language: the account keeps the invitation's.
    const accepted = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token: tokenOf(link), name: 'أمينة', password: 'a password of the reviewer' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const amina = await signIn(app, 'amina@example.org', 'a password of the reviewer');
    const preferences = await app.inject({ url: '/api/v1/account/preferences', headers: asUser(amina) });
    expect(preferences.json()).toEqual({ preferredLanguage: 'ar' });

    // A focal point (in English) submits Egypt's assessment: the reviewer's notice is in Arabic.
    const round = await createRound(db, {
      year: 2031,
      instrument: 'sdg-10-7-2',
      version: '2019',
      opensOn: '2026-01-01',
      closesOn: '2099-12-31',
    });
    const assessment = await createAssessment(db, { jurisdiction: '818', roundId: round.id }, null);
    await createTestUser(
      db,
      'focal.eg@example.org',
      [{ role: 'focal-point', scope: { kind: 'area', area: '818' } }],
      'Omar Focal',
    );
    const focal = await signIn(app, 'focal.eg@example.org');
    const submitted = await app.inject({
      method: 'POST',
      url: `/api/v1/assessments/${assessment.id}/submit`,
      headers: asUser(focal, { 'if-match': `"${assessment.lockVersion}"` }),
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const notice = await smtp.waitForMessage('amina@example.org', /التقييم/);
    expect(notice.subject).toBe('\u2068مصر (818)\u2069 \u20682031\u2069: قُدِّم التقييم');
    expect(notice.text).toContain(
      'قدّم \u2068Omar Focal\u2069 تقييم \u2068مصر (818)\u2069 لعام \u20682031\u2069. وهو جاهز للمراجعة.',
    );
    expect(notice.text).toContain(`${PUBLIC_URL}/ar/workspace/review/${assessment.id}/`);
    expect(notice.html).toContain('<html lang="ar" dir="rtl">');
    expect(notice.html).toContain('<p>عزيزي/عزيزتي <bdi>أمينة</bdi>،</p>');

    // Her password reset too; and once she prefers French, the next one is in French.
    await app.inject({ method: 'POST', url: '/api/v1/password-reset', payload: { email: 'amina@example.org' } });
    const reset = await smtp.waitForMessage('amina@example.org', /كلمة مرور/);
    expect(reset.subject).toBe('إعادة تعيين كلمة مرور migov');
    linkIn(reset, `${PUBLIC_URL}/ar/password-reset#token=`);
    const changed = await app.inject({
      method: 'PUT',
      url: '/api/v1/account/preferences',
      headers: asUser(amina),
      payload: { preferredLanguage: 'fr' },
    });
    expect(changed.json()).toEqual({ preferredLanguage: 'fr' });
    await app.inject({ method: 'POST', url: '/api/v1/password-reset', payload: { email: 'amina@example.org' } });
    const french = await smtp.waitForMessage('amina@example.org', /Réinitialiser/);
    expect(french.html).toContain('<html lang="fr" dir="ltr">');
    linkIn(french, `${PUBLIC_URL}/fr/password-reset#token=`);
  });

  it('sets the language of a new account from the page it accepts on, else the inviter’s', async () => {
    const invite = async (email: string) => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers: asUser(admin),
        payload: { email, role: 'focal-point', scope: { kind: 'area', area: '250' } },
      });
      expect(response.json().language).toBe('en');
      const mail = await smtp.waitForMessage(email);
      expect(mail.html).toContain('<html lang="en" dir="ltr">');
      return tokenOf(linkIn(mail, `${PUBLIC_URL}/invitations/accept#token=`));
    };
    const token = await invite('chen@example.org');
    const accepted = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token, name: 'Chen', password: 'a password of chen', language: 'zh' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const chen = await signIn(app, 'chen@example.org', 'a password of chen');
    expect((await app.inject({ url: '/api/v1/account/preferences', headers: asUser(chen) })).json()).toEqual({
      preferredLanguage: 'zh',
    });
    const refused = await app.inject({
      method: 'PUT',
      url: '/api/v1/account/preferences',
      headers: asUser(chen),
      payload: { preferredLanguage: 'de' },
    });
    expect(refused.statusCode).toBe(400);
  });

  it('reminds focal points of unsubmitted assessments once, days before the round closes', async () => {
    const now = clock();
    const closesOn = new Date(now.getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
    const opensOn = new Date(now.getTime() - 60 * 86_400_000).toISOString().slice(0, 10);
    const round = await createRound(db, { year: 2099, instrument: 'sdg-10-7-2', version: '2019', opensOn, closesOn });
    await createAssessment(db, { jurisdiction: COUNTRY, roundId: round.id }, null);
    const { roundReminders } = await import('./notices.ts');
    const context = app.migov;
    const { enqueueMessages } = await import('@migov/db');
    const before = smtp.received.length;
    for (let run = 0; run < 2; run += 1) await enqueueMessages(db, await roundReminders(context, now, 7), now);
    const reminder = await smtp.waitForMessage('focal@example.org', /closes on/);
    const day = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(closesOn));
    expect(reminder.subject).toBe(`Mexico (484) 2099: the round closes on ${day}`);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(smtp.received.slice(before).filter((item) => /closes on/.test(item.subject))).toHaveLength(1);
  });
});

describe('without an SMTP server', () => {
  it('answers the acceptance link to pass on, and sends nothing', async () => {
    const { db, drop } = await createTestDatabase('sqlite');
    const app = await createTestApp(db, { config: { publicUrl: PUBLIC_URL } });
    try {
      await createTestUser(db, 'admin@example.org', [{ role: 'administrator', scope: { kind: 'global' } }]);
      const admin = await signIn(app, 'admin@example.org');
      const invited = await app.inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers: asUser(admin),
        payload: { email: 'someone@example.org', role: 'reviewer', scope: { kind: 'global' } },
      });
      expect(invited.json()).toMatchObject({ delivery: 'link' });
      expect(invited.json().acceptUrl).toMatch(`${PUBLIC_URL}/invitations/accept#token=`);
      expect(
        (await app.inject({ method: 'POST', url: '/api/v1/password-reset', payload: { email: 'admin@example.org' } }))
          .statusCode,
      ).toBe(202);
      expect((await listOutbox(db)).total).toBe(0);
      const offers = await app.inject({ url: '/api/v1/invitations/offers', headers: asUser(admin) });
      expect(offers.json()).toMatchObject({ manageUsers: true, mailDelivery: false });
    } finally {
      await app.close();
      await drop();
    }
  });
});

describe('loadMailConfig', () => {
  it('reads a URL or host and port, and names the variable of a bad value without repeating a password', () => {
    expect(loadMailConfig({}, PUBLIC_URL)).toBeUndefined();
    expect(loadMailConfig({ MIGOV_SMTP_URL: 'smtps://user%40x:p%40ss@mail.example.org' }, PUBLIC_URL)?.smtp).toEqual({
      host: 'mail.example.org',
      port: 465,
      secure: true,
      requireTls: false,
      user: 'user@x',
      password: 'p@ss',
    });
    expect(
      loadMailConfig(
        { MIGOV_SMTP_HOST: 'mail.example.org', MIGOV_SMTP_USER: 'u', MIGOV_SMTP_PASSWORD: 'secret' },
        PUBLIC_URL,
      ),
    ).toMatchObject({ smtp: { port: 587, secure: false }, from: 'migov <no-reply@migov.test>' });
    expect(() => loadMailConfig({ MIGOV_SMTP_URL: 'http://secret@mail.example.org' }, PUBLIC_URL)).toThrow(
      /MIGOV_SMTP_URL/,
    );
    expect(() =>
      loadMailConfig({ MIGOV_SMTP_HOST: 'h', MIGOV_SMTP_PORT: '99999', MIGOV_SMTP_PASSWORD: 'secret' }, PUBLIC_URL),
    ).toThrow(/MIGOV_SMTP_PORT/);
    expect(() => loadMailConfig({ MIGOV_SMTP_HOST: 'h', MIGOV_SMTP_PASSWORD: 'secret' }, PUBLIC_URL)).toThrow(
      /MIGOV_SMTP_USER/,
    );
    expect(() => loadMailConfig({ MIGOV_SMTP_HOST: 'h', MIGOV_MAIL_FROM: 'x\r\nBcc: y@z.org' }, PUBLIC_URL)).toThrow(
      /MIGOV_MAIL_FROM/,
    );
    expect(() => loadMailConfig({ MIGOV_SMTP_USER: 'u' }, PUBLIC_URL)).toThrow(/MIGOV_SMTP_URL or MIGOV_SMTP_HOST/);
  });
});
