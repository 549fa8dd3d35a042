/**
 * The app's clock is the one clock: session and token expiry, sign-in waits and invitations are
 * checked against it in the data layer too, so an app whose clock is far from the real time (a year
 * behind or ahead) behaves exactly as one on the real time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigovDatabase } from '@migov/db';
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
} from '../testing/test-app.ts';

const YEAR_MS = 365 * 86_400_000;
/** App clocks far from the real time, behind and ahead. */
const CLOCKS: [string, number][] = [
  ['a year behind', -YEAR_MS],
  ['a year ahead', YEAR_MS],
];

describe.each(DIALECTS)('the app clock in the data layer (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let clock = 0;
  let app: MigovApp;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    app = await createTestApp(db, {
      now: () => new Date(clock),
      config: {
        sessionTtlSeconds: 3600,
        lockoutThreshold: 2,
        lockoutSeconds: 600,
        signInPerIpPerMinute: 1000,
        invitationTtlSeconds: 86_400,
      },
    });
    await createTestUser(db, 'admin@example.org', [{ role: 'administrator', scope: { kind: 'global' } }]);
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it.each(CLOCKS)('keeps a session for its lifetime and ends it after, on a clock %s', async (_label, offset) => {
    clock = Date.now() + offset;
    const session = await signIn(app, 'admin@example.org');
    clock += 50 * 60_000;
    expect((await app.inject({ url: '/api/v1/session', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    clock += 2 * 3600_000;
    const expired = await app.inject({ url: '/api/v1/session', headers: { cookie: session.cookie } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('session-expired');
  });

  it.each(CLOCKS)('accepts an API token until it expires, on a clock %s', async (_label, offset) => {
    clock = Date.now() + offset;
    const admin = await signIn(app, 'admin@example.org');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: asUser(admin),
      payload: { name: 'daily', expiresInDays: 1 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const bearer = { authorization: `Bearer ${created.json().token as string}` };
    clock += 23 * 3600_000;
    expect((await app.inject({ url: '/api/v1/session', headers: bearer })).statusCode).toBe(200);
    clock += 2 * 3600_000;
    const expired = await app.inject({ url: '/api/v1/session', headers: bearer });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('token-revoked');
  });

  it.each(CLOCKS)(
    'holds back a guessing address for the wait of the app clock, on a clock %s',
    async (label, offset) => {
      clock = Date.now() + offset;
      const email = `locked-${offset > 0 ? 'ahead' : 'behind'}@example.org`;
      await createTestUser(db, email);
      const attempt = (password: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { email, password },
          remoteAddress: '203.0.113.40',
        });
      expect((await attempt('wrong password 1')).statusCode).toBe(401);
      expect((await attempt('wrong password 2')).statusCode).toBe(401);
      clock += 5 * 60_000;
      const held = await attempt(TEST_PASSWORD);
      expect(held.statusCode, label).toBe(429);
      expect(Number(held.headers['retry-after'])).toBe(300);
      clock += 6 * 60_000;
      expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
    },
  );

  it.each(CLOCKS)('accepts an invitation within its lifetime only, on a clock %s', async (_label, offset) => {
    clock = Date.now() + offset;
    const admin = await signIn(app, 'admin@example.org');
    const invite = async (email: string) => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers: asUser(admin),
        payload: { email, role: 'reviewer', scope: { kind: 'area', area: '76' } },
      });
      expect(response.statusCode, response.body).toBe(201);
      return invitationToken(response);
    };
    const tag = offset > 0 ? 'ahead' : 'behind';
    const early = await invite(`early-${tag}@example.org`);
    const late = await invite(`late-${tag}@example.org`);
    const accept = (token: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/invitations/accept',
        payload: { token, name: 'Invited', password: 'a long enough password' },
      });
    clock += 23 * 3600_000;
    expect((await accept(early)).statusCode).toBe(200);
    clock += 2 * 3600_000;
    const expired = await accept(late);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().code).toBe('invitation-invalid');
  });
});
