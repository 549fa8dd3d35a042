/** Onboarding by national coordinators: what they may offer, their team, ending roles and managing their invitations, within their country only. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRoleGrants, type MigovDatabase } from '@migov/db';
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

const MEXICO = { kind: 'area' as const, area: '484' };
const FRANCE = { kind: 'area' as const, area: '250' };

describe.each(DIALECTS)('onboarding by a national coordinator (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  let coordinator: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    app = await createTestApp(db, { config: { signInPerIpPerMinute: 10_000 } });
    await createTestUser(db, 'coordinator@example.org', [{ role: 'national-coordinator', scope: MEXICO }]);
    await createTestUser(db, 'admin@example.org', [{ role: 'administrator', scope: { kind: 'global' } }]);
    await createTestUser(db, 'focal@example.org', [{ role: 'focal-point', scope: MEXICO }]);
    await createTestUser(db, 'other-coordinator@example.org', [{ role: 'national-coordinator', scope: MEXICO }]);
    await createTestUser(db, 'french-focal@example.org', [{ role: 'focal-point', scope: FRANCE }]);
    coordinator = await signIn(app, 'coordinator@example.org');
    admin = await signIn(app, 'admin@example.org');
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it("offers focal points and reviewers in the coordinator's country, and every role anywhere to an administrator", async () => {
    const offers = (await app.inject({ url: '/api/v1/invitations/offers', headers: asUser(coordinator) })).json();
    expect(offers).toEqual({
      items: [
        { role: 'focal-point', scopes: [MEXICO], anyScope: false },
        { role: 'reviewer', scopes: [MEXICO], anyScope: false },
      ],
      manageUsers: false,
      mailDelivery: false,
    });
    const all = (await app.inject({ url: '/api/v1/invitations/offers', headers: asUser(admin) })).json();
    expect(all.manageUsers).toBe(true);
    expect(all.items.every((item: { anyScope: boolean }) => item.anyScope)).toBe(true);
    expect(all.items).toHaveLength(6);
  });

  it("lists the team the coordinator may manage, and ends a focal point's role there, not a fellow coordinator's nor another country's", async () => {
    const team = (await app.inject({ url: '/api/v1/role-grants', headers: asUser(coordinator) })).json().items as {
      grantId: string;
      email: string;
      role: string;
    }[];
    expect(team.map((member) => member.email)).toEqual(['focal@example.org']);
    const everyone = (await app.inject({ url: '/api/v1/role-grants', headers: asUser(admin) })).json().items as {
      grantId: string;
      email: string;
      role: string;
    }[];
    const fellow = everyone.find((member) => member.email === 'other-coordinator@example.org')!;
    const french = everyone.find((member) => member.email === 'french-focal@example.org')!;
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/api/v1/role-grants/${fellow.grantId}`,
          headers: asUser(coordinator),
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/api/v1/role-grants/${french.grantId}`,
          headers: asUser(coordinator),
        })
      ).statusCode,
    ).toBe(404);
    const ended = await app.inject({
      method: 'DELETE',
      url: `/api/v1/role-grants/${team[0]!.grantId}`,
      headers: asUser(coordinator),
    });
    expect(ended.statusCode).toBe(200);
    const focal = everyone.find((member) => member.email === 'focal@example.org')!;
    expect(await listRoleGrants(db, (await signIn(app, 'focal@example.org')).userId)).toEqual([]);
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/api/v1/role-grants/${focal.grantId}`,
          headers: asUser(coordinator),
        })
      ).statusCode,
    ).toBe(404);
  });

  it("lists, resends and withdraws the coordinator's own invitations, never an administrator's beyond them", async () => {
    const mine = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: asUser(coordinator),
      payload: { email: 'new-focal@example.org', role: 'focal-point', scope: MEXICO },
    });
    const theirs = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: asUser(admin),
      payload: { email: 'new-coordinator@example.org', role: 'national-coordinator', scope: MEXICO },
    });
    const listed = (await app.inject({ url: '/api/v1/invitations', headers: asUser(coordinator) })).json().items as {
      email: string;
    }[];
    expect(listed.map((item) => item.email)).toEqual(['new-focal@example.org']);
    const resent = await app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${mine.json().id}/resend`,
      headers: asUser(coordinator),
    });
    expect(resent.json()).toMatchObject({ delivery: 'link', email: 'new-focal@example.org' });
    expect(resent.json().acceptUrl).not.toBe(mine.json().acceptUrl);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/invitations/preview',
          payload: { token: new URL(mine.json().acceptUrl).hash.slice(7) },
        })
      ).statusCode,
    ).toBe(410);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/invitations/${theirs.json().id}/resend`,
          headers: asUser(coordinator),
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/api/v1/invitations/${theirs.json().id}`,
          headers: asUser(coordinator),
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/api/v1/invitations/${mine.json().id}`,
          headers: asUser(coordinator),
        })
      ).statusCode,
    ).toBe(200);
  });
});
