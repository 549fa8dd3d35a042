/**
 * Attacks on accounts through the real app, on both dialects: taking over an existing account with an
 * invitation, learning which emails have accounts, keeping API tokens of a disabled account alive,
 * probing assessment ids outside one's scope, and racing acceptances of one invitation.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAssessment,
  createRound,
  getInvitation,
  getUser,
  listRoleGrants,
  revokeRole,
  type MigovDatabase,
} from '@migov/db';
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

const NEW_PASSWORD = 'the attacker chose this one';

/** POST a JSON body over loopback from a chosen local address (the client address the server sees). */
function postFrom(
  port: number,
  localAddress: string,
  path: string,
  body: unknown,
): Promise<{ status: number; retryAfter?: string; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            ...(typeof response.headers['retry-after'] === 'string'
              ? { retryAfter: response.headers['retry-after'] }
              : {}),
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

describe.each(DIALECTS)('attacks on accounts (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let adminId: string;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    app = await createTestApp(db, { config: { signInPerIpPerMinute: 10_000 } });
    adminId = (
      await createTestUser(db, 'root@example.org', [{ role: 'administrator', scope: { kind: 'global' } }], 'Root')
    ).id;
    await createTestUser(db, 'coordinator@example.org', [
      { role: 'national-coordinator', scope: { kind: 'area', area: '484' } },
    ]);
    admin = await signIn(app, 'root@example.org');
    coordinator = await signIn(app, 'coordinator@example.org');
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const invite = (by: SignedIn, email: string, role = 'focal-point', scope: unknown = { kind: 'area', area: '484' }) =>
    app.inject({ method: 'POST', url: '/api/v1/invitations', headers: asUser(by), payload: { email, role, scope } });
  const acceptAsNewcomer = (token: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token, name: 'Taken Over', password: NEW_PASSWORD },
    });

  it('never signs the holder of an invitation in as the existing account it names, not even the administrator', async () => {
    const invited = await invite(coordinator, 'ROOT@example.org');
    expect(invited.statusCode, invited.body).toBe(201);
    const token = invitationToken(invited);
    // From a fresh client: no session, no cookie, nothing changed on the account.
    const taken = await acceptAsNewcomer(token);
    expect(taken.statusCode, taken.body).toBe(409);
    expect(taken.json().code).toBe('invitation-sign-in-required');
    expect(taken.headers['set-cookie']).toBeUndefined();
    expect(JSON.stringify(taken.json())).not.toMatch(/csrfToken|administrator/);
    const root = await getUser(db, adminId);
    expect(root.name).toBe('Root');
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { email: 'root@example.org', password: NEW_PASSWORD },
        })
      ).statusCode,
    ).toBe(401);
    // Nor through the signed-in acceptance: without a session it is refused, and the inviter's own session is another account.
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/invitations/accept-signed-in', payload: { token } }))
        .statusCode,
    ).toBe(401);
    const asInviter = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept-signed-in',
      headers: asUser(coordinator),
      payload: { token },
    });
    expect(asInviter.statusCode).toBe(403);
    expect(asInviter.json().code).toBe('invitation-other-account');
    expect(await listRoleGrants(db, (await signIn(app, 'coordinator@example.org')).userId)).toHaveLength(1);
    // The invitation is still pending, and the account itself, signed in with its own password, accepts it.
    expect((await getInvitation(db, invited.json().id)).status).toBe('pending');
    const own = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept-signed-in',
      headers: asUser(admin),
      payload: { token },
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().user.id).toBe(adminId);
    expect((own.json().roles as { role: string }[]).map((grant) => grant.role).sort()).toEqual([
      'administrator',
      'focal-point',
    ]);
    expect((await acceptAsNewcomer(token)).statusCode).toBe(410);
  });

  it('answers an invitation alike whether the email has an account or not, and never with the bare token', async () => {
    const existing = await invite(coordinator, 'coordinator@example.org', 'reviewer');
    const fresh = await invite(coordinator, 'someone-new@example.org', 'reviewer');
    expect(existing.statusCode).toBe(201);
    expect(fresh.statusCode).toBe(201);
    expect(Object.keys(existing.json()).sort()).toEqual(Object.keys(fresh.json()).sort());
    expect(Object.keys(fresh.json()).sort()).toEqual([
      'acceptUrl',
      'delivery',
      'email',
      'expiresAt',
      'id',
      'language',
      'role',
      'scope',
    ]);
    expect(fresh.json().acceptUrl).toMatch(/\/invitations\/accept#token=[\w-]{40,}$/);
    // The preview tells what is offered, not whether an account exists.
    const previews = await Promise.all(
      [existing, fresh].map((response) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/invitations/preview',
          payload: { token: invitationToken(response) },
        }),
      ),
    );
    expect(previews.map((preview) => preview.statusCode)).toEqual([200, 200]);
    expect(Object.keys(previews[0]!.json()).sort()).toEqual(Object.keys(previews[1]!.json()).sort());
    expect(previews[1]!.json()).toMatchObject({
      email: 'someone-new@example.org',
      role: 'reviewer',
      scope: { kind: 'area', area: '484' },
    });
    // A new email's invitation creates the account with the chosen password and signs it in.
    const accepted = await acceptAsNewcomer(invitationToken(fresh));
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().roles).toMatchObject([{ role: 'reviewer', scope: { kind: 'area', area: '484' } }]);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { email: 'someone-new@example.org', password: NEW_PASSWORD },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('lets an inviter hand out only what they may grant, and only while they still may', async () => {
    expect((await invite(coordinator, 'x1@example.org', 'focal-point', { kind: 'area', area: '250' })).statusCode).toBe(
      403,
    );
    expect((await invite(coordinator, 'x2@example.org', 'reviewer', { kind: 'group', group: '419' })).statusCode).toBe(
      403,
    );
    expect((await invite(coordinator, 'x3@example.org', 'national-coordinator')).statusCode).toBe(403);
    expect((await invite(coordinator, 'x4@example.org', 'administrator', { kind: 'global' })).statusCode).toBe(403);
    const invited = await invite(coordinator, 'later@example.org', 'focal-point', { kind: 'area', area: '484-CMX' });
    expect(invited.statusCode, invited.body).toBe(201);
    // The coordinator loses the role before the invitation is accepted: it no longer grants anything.
    const user = await getUser(db, coordinator.userId);
    const [grant] = await listRoleGrants(db, user.id);
    await revokeRole(db, grant!.id, adminId);
    const late = await acceptAsNewcomer(invitationToken(invited));
    expect(late.statusCode).toBe(410);
    expect(late.json().code).toBe('invitation-invalid');
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/invitations/preview',
          payload: { token: invitationToken(invited) },
        })
      ).statusCode,
    ).toBe(410);
  });

  it('answers every racing acceptance of one invitation but one with 410', async () => {
    const invited = await invite(admin, 'racer@example.org', 'reviewer', { kind: 'area', area: '76' });
    const token = invitationToken(invited);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/invitations/accept',
          payload: { token, name: `Racer ${index}`, password: NEW_PASSWORD },
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect(statuses).toEqual([200, 410, 410, 410, 410, 410, 410, 410]);
    expect(
      answers
        .filter((answer) => answer.statusCode === 410)
        .every((answer) => answer.json().code === 'invitation-invalid'),
    ).toBe(true);
  });

  it('over loopback, throttles the guessing address for the administrator and an unknown email alike, while the administrator signs in from elsewhere', async () => {
    // The app's clock stands still, so the wait announced is the whole lockout however slowly the guesses arrive.
    const frozen = new Date();
    const served = await createTestApp(db, { now: () => frozen, config: { lockoutThreshold: 5, lockoutSeconds: 900 } });
    try {
      await served.listen({ host: '127.0.0.1', port: 0 });
      const { port } = served.server.address() as { port: number };
      const attacker = '127.0.0.2';
      for (const email of ['root@example.org', 'no-account@example.org']) {
        for (let attempt = 0; attempt < 5; attempt += 1)
          expect(
            (await postFrom(port, attacker, '/api/v1/session', { email, password: `guess ${attempt}` })).status,
          ).toBe(401);
      }
      const known = await postFrom(port, attacker, '/api/v1/session', {
        email: 'root@example.org',
        password: TEST_PASSWORD,
      });
      const unknown = await postFrom(port, attacker, '/api/v1/session', {
        email: 'no-account@example.org',
        password: TEST_PASSWORD,
      });
      expect([known.status, unknown.status]).toEqual([429, 429]);
      expect([known.retryAfter, unknown.retryAfter]).toEqual(['900', '900']);
      expect({ ...known.body, instance: null }).toEqual({ ...unknown.body, instance: null });
      const owner = await postFrom(port, '127.0.0.3', '/api/v1/session', {
        email: 'root@example.org',
        password: TEST_PASSWORD,
      });
      expect(owner.status).toBe(200);
      expect((owner.body.user as { id: string }).id).toBe(adminId);
    } finally {
      await served.close();
    }
  });

  it('admits no more guesses than the threshold when they are sent all at once', async () => {
    const burst = await createTestApp(db, {
      config: { lockoutThreshold: 3, lockoutSeconds: 900, signInPerIpPerMinute: 10_000 },
    });
    try {
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          burst.inject({
            method: 'POST',
            url: '/api/v1/session',
            payload: { email: 'root@example.org', password: `parallel guess ${index}` },
            remoteAddress: '203.0.113.77',
          }),
        ),
      );
      const statuses = answers.map((answer) => answer.statusCode).sort();
      expect(statuses).toEqual([401, 401, 401, ...Array.from({ length: 9 }, () => 429)]);
    } finally {
      await burst.close();
    }
  });

  it('revokes the API tokens of a disabled account: re-enabling it does not revive them', async () => {
    const user = await createTestUser(db, 'scripted@example.org', [
      { role: 'reviewer', scope: { kind: 'area', area: '76' } },
    ]);
    const session = await signIn(app, 'scripted@example.org');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: asUser(session),
      payload: { name: 'nightly' },
    });
    const bearer = { authorization: `Bearer ${created.json().token as string}` };
    expect((await app.inject({ url: '/api/v1/session', headers: bearer })).statusCode).toBe(200);
    const patch = (status: string) =>
      app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: asUser(admin), payload: { status } });
    expect((await patch('disabled')).statusCode).toBe(200);
    const disabled = await app.inject({ url: '/api/v1/session', headers: bearer });
    expect(disabled.statusCode).toBe(401);
    expect((await patch('active')).statusCode).toBe(200);
    const revived = await app.inject({ url: '/api/v1/session', headers: bearer });
    expect(revived.statusCode).toBe(401);
    expect(revived.json().code).toBe('token-revoked');
    expect((await signIn(app, 'scripted@example.org', TEST_PASSWORD)).userId).toBe(user.id);
  });

  it("answers an assessment outside one's scope exactly as an unknown one, and refuses only what one may see", async () => {
    const round = await createRound(db, {
      year: 2019,
      instrument: 'sdg-10-7-2',
      version: '2019',
      opensOn: '2019-01-01',
      closesOn: '2019-12-31',
    });
    const mine = await createAssessment(db, { jurisdiction: '76', roundId: round.id }, null);
    const theirs = await createAssessment(db, { jurisdiction: '250', roundId: round.id }, null);
    await createTestUser(db, 'reviewer-76@example.org', [{ role: 'reviewer', scope: { kind: 'area', area: '76' } }]);
    const reviewer = await signIn(app, 'reviewer-76@example.org');
    const problem = async (method: 'GET' | 'PATCH' | 'POST', url: string, payload?: unknown) => {
      const response = await app.inject({
        method,
        url,
        headers: { ...asUser(reviewer), 'if-match': '"1"' },
        ...(payload ? { payload: payload as object } : {}),
      });
      const body = response.json() as { code: string; detail: string };
      return { status: response.statusCode, code: body.code, detail: body.detail };
    };
    // Permissions the reviewer holds somewhere: outside their scope the answer is the unknown id's 404.
    // Permissions they hold nowhere (edit, submit): 403 for every id alike.
    for (const [method, suffix, payload, status] of [
      ['GET', '', undefined, 404],
      ['GET', '/history', undefined, 404],
      ['GET', '/workbook', undefined, 404],
      ['POST', '/comments', { body: 'probe' }, 404],
      ['POST', '/return', { reason: 'probe' }, 404],
      ['PATCH', '/responses', { changes: [{ itemId: '1a', optionId: 'no' }] }, 403],
      ['POST', '/submit', {}, 403],
    ] as const) {
      const unknown = await problem(method, `/api/v1/assessments/no-such-assessment${suffix}`, payload);
      const outside = await problem(method, `/api/v1/assessments/${theirs.id}${suffix}`, payload);
      expect(outside, `${method} ${suffix}`).toEqual(unknown);
      expect(outside.status, `${method} ${suffix}`).toBe(status);
    }
    // What the reviewer may read but not change is refused, not hidden.
    await createTestUser(db, 'focal-250@example.org', [
      { role: 'focal-point', scope: { kind: 'area', area: '250' } },
      { role: 'reviewer', scope: { kind: 'area', area: '76' } },
    ]);
    const both = await signIn(app, 'focal-250@example.org');
    const edit = await app.inject({
      method: 'PATCH',
      url: `/api/v1/assessments/${mine.id}/responses`,
      headers: { ...asUser(both), 'if-match': '"1"' },
      payload: { changes: [{ itemId: '1a', optionId: 'no' }] },
    });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().code).toBe('forbidden');
  });
});
