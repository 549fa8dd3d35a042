import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, type MigovDatabase } from '@migov/db';
import type { MigovApp } from '../app.ts';
import {
  asUser,
  createTestApp,
  createTestDatabase,
  createTestUser,
  DIALECTS,
  invitationToken,
  signIn,
  TEST_PASSWORD,
  type SignedIn,
} from '../testing/test-app.ts';

describe.each(DIALECTS)('access security (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  // The app's clock: the data layer checks expiry and locks against it too (clock.test.ts moves it far from the real time).
  let clock = Date.now();
  let admin: SignedIn;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    app = await createTestApp(db, {
      now: () => new Date(clock),
      config: { sessionTtlSeconds: 3600, lockoutThreshold: 3, lockoutSeconds: 600, signInPerIpPerMinute: 1000 },
    });
    await createTestUser(db, 'admin@example.org', [{ role: 'administrator', scope: { kind: 'global' } }]);
    admin = await signIn(app, 'admin@example.org');
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('sets the session cookie HttpOnly and SameSite=Lax', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'admin@example.org', password: TEST_PASSWORD },
    });
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('refuses a cookie-authenticated change without the right CSRF token', async () => {
    const payload = { name: 'csrf' };
    const missing = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: admin.cookie },
      payload,
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('csrf-token-invalid');
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: admin.cookie, 'x-csrf-token': 'x'.repeat(43) },
      payload,
    });
    expect(wrong.statusCode).toBe(403);
    const right = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: asUser(admin), payload });
    expect(right.statusCode).toBe(201);
  });

  it('accepts API tokens without CSRF, and refuses them once revoked', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: asUser(admin),
      payload: { name: 'script' },
    });
    const token = created.json().token as string;
    const withToken = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'from a script' },
    });
    expect(withToken.statusCode).toBe(201);
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${created.json().id}`,
      headers: asUser(admin),
    });
    expect(revoked.statusCode).toBe(200);
    const after = await app.inject({ url: '/api/v1/session', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('token-revoked');
  });

  it("refuses another user's token id", async () => {
    await createTestUser(db, 'other@example.org');
    const other = await signIn(app, 'other@example.org');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: asUser(admin),
      payload: { name: 'mine' },
    });
    const response = await app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${created.json().id}`,
      headers: asUser(other),
    });
    expect(response.statusCode).toBe(404);
  });

  it('expires a session after its idle lifetime and clears the cookie', async () => {
    await createTestUser(db, 'idle@example.org');
    const session = await signIn(app, 'idle@example.org');
    clock += 30 * 60_000;
    expect((await app.inject({ url: '/api/v1/session', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    clock += 2 * 3600_000;
    const expired = await app.inject({ url: '/api/v1/session', headers: { cookie: session.cookie } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('session-expired');
    expect(String(expired.headers['set-cookie'])).toMatch(/migov_session=;/);
    admin = await signIn(app, 'admin@example.org');
  });

  it('signs out: the session no longer works', async () => {
    await createTestUser(db, 'leaving@example.org');
    const session = await signIn(app, 'leaving@example.org');
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/session', headers: asUser(session) })).statusCode).toBe(
      200,
    );
    expect((await app.inject({ url: '/api/v1/session', headers: { cookie: session.cookie } })).statusCode).toBe(401);
  });

  it('answers the same for an unknown email and a wrong password', async () => {
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'nobody@example.org', password: 'whatever it is' },
    });
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'other@example.org', password: 'whatever it is' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail);
  });

  it('holds back the address that guesses, never the account, and answers alike for known and unknown emails', async () => {
    const user = await createTestUser(db, 'target@example.org');
    const from = (address: string, email: string, password: string) =>
      app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password }, remoteAddress: address });
    const attacker = '203.0.113.66';
    for (const email of ['target@example.org', 'never-registered@example.org']) {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const response = await from(attacker, email, 'not the password');
        expect(response.statusCode).toBe(401);
        expect(response.json().code).toBe('invalid-credentials');
      }
    }
    const known = await from(attacker, 'target@example.org', TEST_PASSWORD);
    const unknown = await from(attacker, 'never-registered@example.org', TEST_PASSWORD);
    for (const held of [known, unknown]) {
      expect(held.statusCode).toBe(429);
      expect(held.json().code).toBe('too-many-attempts');
      expect(Number(held.headers['retry-after'])).toBe(600);
    }
    expect(known.json().detail).toBe(unknown.json().detail);
    // The owner, from their own address, signs in as usual; and that resets nothing for the attacker.
    expect((await from('198.51.100.20', 'target@example.org', TEST_PASSWORD)).statusCode).toBe(200);
    expect((await from(attacker, 'target@example.org', TEST_PASSWORD)).statusCode).toBe(429);
    // Each further failure after the wait doubles it.
    clock += 601_000;
    expect((await from(attacker, 'target@example.org', 'still not it')).statusCode).toBe(401);
    expect(Number((await from(attacker, 'target@example.org', TEST_PASSWORD)).headers['retry-after'])).toBe(1200);
    const audit = await listAudit(db, { filters: { targetId: user.id }, page: { limit: 100 } });
    expect(audit.items.filter((entry) => entry.action === 'sign-in.failure')).toHaveLength(4);
    const held = await listAudit(db, { filters: { action: 'sign-in.throttled' }, page: { limit: 100 } });
    expect(held.items.map((entry) => entry.targetId)).toEqual(
      expect.arrayContaining(['target@example.org', 'never-registered@example.org']),
    );
    admin = await signIn(app, 'admin@example.org');
  });

  it('limits sign-in attempts per address', async () => {
    const limited = await createTestApp(db, { config: { signInPerIpPerMinute: 2 } });
    const attempt = () =>
      limited.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'nobody@example.org', password: 'guess guess' },
        remoteAddress: '203.0.113.9',
      });
    expect((await attempt()).statusCode).toBe(401);
    expect((await attempt()).statusCode).toBe(401);
    const third = await attempt();
    expect(third.statusCode).toBe(429);
    const other = await limited.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'nobody@example.org', password: 'guess guess' },
      remoteAddress: '203.0.113.10',
    });
    expect(other.statusCode).toBe(401);
    const audit = await listAudit(db, { filters: { action: 'sign-in.rate-limited' }, page: { limit: 10 } });
    expect(audit.items.some((entry) => entry.targetId === '203.0.113.9')).toBe(true);
    await limited.close();
  });

  it('limits organisation sign-in starts per address, before any pending sign-in is kept', async () => {
    const limited = await createTestApp(db, { config: { signInPerIpPerMinute: 2 } });
    const start = (remoteAddress: string) => limited.inject({ url: '/api/v1/auth/oidc/login', remoteAddress });
    // Without a provider configured each start is refused, and still counted.
    expect((await start('203.0.113.20')).json().code).toBe('oidc-not-configured');
    expect((await start('203.0.113.20')).statusCode).toBe(404);
    const third = await start('203.0.113.20');
    expect(third.statusCode).toBe(429);
    expect(third.json().code).toBe('too-many-attempts');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect((await start('203.0.113.21')).statusCode).toBe(404);
    await limited.close();
  });

  it('signs out a user who is disabled', async () => {
    const user = await createTestUser(db, 'disabled@example.org');
    const session = await signIn(app, 'disabled@example.org');
    const disabled = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: asUser(admin),
      payload: { status: 'disabled' },
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect((await app.inject({ url: '/api/v1/session', headers: { cookie: session.cookie } })).statusCode).toBe(401);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'disabled@example.org', password: TEST_PASSWORD },
    });
    expect(again.json().code).toBe('account-disabled');
  });

  it('lets a national coordinator invite focal points in their country only, never administrators', async () => {
    await createTestUser(db, 'nc@example.org', [
      { role: 'national-coordinator', scope: { kind: 'area', area: '484' } },
    ]);
    const coordinator = await signIn(app, 'nc@example.org');
    const invite = (role: string, area: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers: asUser(coordinator),
        payload: { email: `${role}${area}@example.org`, role, scope: { kind: 'area', area } },
      });
    expect((await invite('focal-point', '484')).statusCode).toBe(201);
    expect((await invite('focal-point', '250')).statusCode).toBe(403);
    expect((await invite('administrator', '484')).statusCode).toBe(403);
    expect((await invite('national-coordinator', '484')).statusCode).toBe(403);
    const global = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: asUser(coordinator),
      payload: { email: 'g@example.org', role: 'reviewer', scope: { kind: 'global' } },
    });
    expect(global.statusCode).toBe(403);
  });

  it('accepts an invitation once', async () => {
    const invited = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: asUser(admin),
      payload: { email: 'new@example.org', role: 'reviewer', scope: { kind: 'area', area: '76' } },
    });
    const accept = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/invitations/accept',
        payload: { token: invitationToken(invited), name: 'New', password: 'a long enough password' },
      });
    const first = await accept();
    expect(first.statusCode).toBe(200);
    expect(first.json().roles).toMatchObject([{ role: 'reviewer', scope: { kind: 'area', area: '76' } }]);
    const second = await accept();
    expect(second.statusCode).toBe(410);
  });
});
