import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiToken,
  findApiTokenByHash,
  listApiTokens,
  revokeApiToken,
} from '../api-tokens/api-tokens.repository.ts';
import { listAudit, recordAudit } from '../audit/audit.repository.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import {
  acceptInvitation,
  createInvitation,
  findInvitationByTokenHash,
  getInvitation,
  listInvitations,
  revokeInvitation,
} from '../invitations/invitations.repository.ts';
import { grantRole, listRoleGrants, revokeRole } from '../roles/roles.repository.ts';
import {
  createSession,
  findSessionByTokenHash,
  revokeSession,
  revokeUserSessions,
  touchSession,
} from '../sessions/sessions.repository.ts';
import { makeUser, unique } from '../testing/fixtures.ts';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import {
  createUser,
  findUserByEmail,
  getUser,
  listUsers,
  resetSignInFailures,
  setPasswordHash,
  updateUser,
} from './users.repository.ts';

const hash = (text: string) => createHash('sha256').update(text).digest('hex');
const NEW_HASH = '$argon2id$v=19$m=19456,t=2,p=1$invited-newcomer';
const inOneHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe.each(TEST_DIALECTS)('users and access on %s', (dialect) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
  });
  afterAll(async () => test?.dispose());

  it('creates users with normalised emails and refuses duplicates with the existing user', async () => {
    const user = await createUser(test.db, { email: '  Ana.Focal@Example.ORG ', name: ' Ana ' });
    expect(user).toMatchObject({ email: 'ana.focal@example.org', name: 'Ana', status: 'active', failedSignIns: 0 });
    expect(user.passwordHash).toBeUndefined();
    expect(await findUserByEmail(test.db, 'ANA.FOCAL@example.org')).toEqual(user);
    await expect(createUser(test.db, { email: 'ana.focal@example.org', name: 'Other' })).rejects.toMatchObject({
      name: 'ConflictError',
      current: { id: user.id },
    });
  });

  it('reports every bad field at once', async () => {
    const attempt = createUser(test.db, { email: 'not-an-email', name: '', status: 'gone' as never });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      problems: [{ field: 'email', value: 'not-an-email' }, { field: 'name' }, { field: 'status', value: 'gone' }],
    });
  });

  it('disables instead of deleting, and lists with search and paging', async () => {
    const user = await makeUser(test.db, 'Disable me');
    const disabled = await updateUser(test.db, user.id, { status: 'disabled' });
    expect(disabled.status).toBe('disabled');
    expect((await listUsers(test.db, { status: 'disabled' })).items.map((item) => item.id)).toContain(user.id);
    const marker = `Percent%${unique()}`;
    await createUser(test.db, { email: `p${unique()}@example.org`, name: marker });
    await createUser(test.db, { email: `q${unique()}@example.org`, name: 'Percent plain' });
    const found = await listUsers(test.db, { search: marker.toLowerCase() });
    expect(found.items.map((item) => item.name)).toEqual([marker]);
    expect(found.total).toBe(1);
    await expect(getUser(test.db, 'nobody')).rejects.toBeInstanceOf(NotFoundError);
    await expect(listUsers(test.db, { page: { limit: 0 } })).rejects.toMatchObject({
      problems: [{ field: 'page.limit', value: 0 }],
    });
  });

  it('notes a successful sign-in and stores only password hashes', async () => {
    const user = await makeUser(test.db);
    const signedIn = await resetSignInFailures(test.db, user.id);
    expect(signedIn).toMatchObject({ failedSignIns: 0 });
    expect(signedIn.lockedUntil).toBeUndefined();
    expect(signedIn.lastSignInAt).toBeDefined();
    await expect(setPasswordHash(test.db, user.id, 'short')).rejects.toBeInstanceOf(ValidationError);
    expect((await setPasswordHash(test.db, user.id, '$argon2id$v=19$new-hash-value')).passwordHash).toBe(
      '$argon2id$v=19$new-hash-value',
    );
  });

  it('ends the sessions and revokes the API tokens of a disabled account, for good', async () => {
    const user = await makeUser(test.db);
    const tokenHash = hash(`disable${unique()}`);
    await createApiToken(test.db, { userId: user.id, name: 'script', tokenHash });
    const session = await createSession(test.db, {
      userId: user.id,
      tokenHash: hash(`ds${unique()}`),
      csrfToken: 'c',
      expiresAt: inOneHour(),
    });
    await updateUser(test.db, user.id, { status: 'disabled' });
    await updateUser(test.db, user.id, { status: 'active' });
    expect(await findApiTokenByHash(test.db, tokenHash)).toBeUndefined();
    expect(await findSessionByTokenHash(test.db, session.tokenHash)).toBeUndefined();
    expect((await listApiTokens(test.db, user.id))[0]?.revokedAt).toBeDefined();
  });

  it('grants and revokes scoped roles, keeps revoked grants and audits both', async () => {
    const admin = await makeUser(test.db, 'Admin');
    const user = await makeUser(test.db);
    const grant = await grantRole(
      test.db,
      { userId: user.id, role: 'national-coordinator', scope: { kind: 'area', area: '484' } },
      admin.id,
    );
    await grantRole(test.db, { userId: user.id, role: 'reviewer', scope: { kind: 'global' } }, admin.id);
    await expect(
      grantRole(
        test.db,
        { userId: user.id, role: 'national-coordinator', scope: { kind: 'area', area: '484' } },
        admin.id,
      ),
    ).rejects.toMatchObject({ name: 'ConflictError', current: { id: grant.id } });
    await expect(
      grantRole(test.db, { userId: user.id, role: 'owner' as never, scope: { kind: 'area', area: '../x' } }, admin.id),
    ).rejects.toMatchObject({ problems: [{ field: 'role' }, { field: 'scope.area' }] });
    await revokeRole(test.db, grant.id, admin.id);
    await expect(revokeRole(test.db, grant.id, admin.id)).rejects.toBeInstanceOf(ConflictError);
    expect((await listRoleGrants(test.db, user.id)).map((item) => item.role)).toEqual(['reviewer']);
    const all = await listRoleGrants(test.db, user.id, { includeRevoked: true });
    expect(all.find((item) => item.id === grant.id)).toMatchObject({
      revokedBy: admin.id,
      scope: { kind: 'area', area: '484' },
    });
    // Granting again after a revocation is allowed (only one active grant per role and scope).
    await grantRole(
      test.db,
      { userId: user.id, role: 'national-coordinator', scope: { kind: 'area', area: '484' } },
      admin.id,
    );
    const audit = await listAudit(test.db, { filters: { targetId: user.id } });
    expect(audit.items.map((entry) => entry.action)).toEqual(['role.grant', 'role.revoke', 'role.grant', 'role.grant']);
  });

  it('finds live sessions by token hash only, and never stores raw tokens', async () => {
    const user = await makeUser(test.db);
    await expect(
      createSession(test.db, { userId: user.id, tokenHash: 'raw-token', csrfToken: 'c', expiresAt: inOneHour() }),
    ).rejects.toMatchObject({ problems: [{ field: 'tokenHash' }] });
    const session = await createSession(test.db, {
      userId: user.id,
      tokenHash: hash(`s${unique()}`),
      csrfToken: 'csrf',
      expiresAt: inOneHour(),
      userAgent: 'vitest',
      ip: '127.0.0.1',
    });
    expect(await findSessionByTokenHash(test.db, session.tokenHash)).toEqual(session);
    await touchSession(test.db, session.id, { expiresAt: new Date(Date.now() + 7_200_000).toISOString() });
    expect(Date.parse((await findSessionByTokenHash(test.db, session.tokenHash))?.expiresAt ?? '')).toBeGreaterThan(
      Date.now() + 3_600_000,
    );
    await revokeSession(test.db, session.id);
    expect(await findSessionByTokenHash(test.db, session.tokenHash)).toBeUndefined();
    const expired = await createSession(test.db, {
      userId: user.id,
      tokenHash: hash(`e${unique()}`),
      csrfToken: 'c',
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(await findSessionByTokenHash(test.db, expired.tokenHash)).toBeUndefined();
    await createSession(test.db, {
      userId: user.id,
      tokenHash: hash(`t${unique()}`),
      csrfToken: 'c',
      expiresAt: inOneHour(),
    });
    expect(await revokeUserSessions(test.db, user.id)).toBe(2);
  });

  it("notes an API token's use at most once per interval, on the caller's clock", async () => {
    const user = await makeUser(test.db);
    const tokenHash = hash(`use${unique()}`);
    const start = Date.now() - 3_600_000;
    const at = (offsetMs: number) => new Date(start + offsetMs).toISOString();
    await createApiToken(test.db, { userId: user.id, name: 'throttled', tokenHash });
    const lastUsed = async () => (await listApiTokens(test.db, user.id))[0]?.lastUsedAt;
    expect((await findApiTokenByHash(test.db, tokenHash, { now: at(0) }))?.lastUsedAt).toBe(at(0));
    expect(await lastUsed()).toBe(at(0));
    for (const offset of [1_000, 30_000, 59_999]) {
      expect((await findApiTokenByHash(test.db, tokenHash, { now: at(offset) }))?.lastUsedAt).toBe(at(0));
      expect(await lastUsed()).toBe(at(0));
    }
    expect((await findApiTokenByHash(test.db, tokenHash, { now: at(60_000) }))?.lastUsedAt).toBe(at(60_000));
    expect(await lastUsed()).toBe(at(60_000));
    // Concurrent uses after the interval: every one is accepted, the time is written once.
    const found = await Promise.all(
      Array.from({ length: 8 }, () => findApiTokenByHash(test.db, tokenHash, { now: at(200_000) })),
    );
    expect(found.every((token) => token !== undefined)).toBe(true);
    expect(await lastUsed()).toBe(at(200_000));
    expect((await findApiTokenByHash(test.db, tokenHash, { now: at(200_001), useIntervalMs: 0 }))?.lastUsedAt).toBe(
      at(200_001),
    );
  });

  it("checks token expiry against the caller's clock", async () => {
    const user = await makeUser(test.db);
    const tokenHash = hash(`exp${unique()}`);
    const expiresAt = new Date(Date.now() - 10 * 86_400_000).toISOString();
    await createApiToken(test.db, { userId: user.id, name: 'old', tokenHash, expiresAt });
    expect(await findApiTokenByHash(test.db, tokenHash)).toBeUndefined();
    expect(await findApiTokenByHash(test.db, tokenHash, { now: new Date(Date.parse(expiresAt) - 1000) })).toBeDefined();
    const session = await createSession(test.db, {
      userId: user.id,
      tokenHash: hash(`s${unique()}`),
      csrfToken: 'c',
      expiresAt,
    });
    expect(await findSessionByTokenHash(test.db, session.tokenHash)).toBeUndefined();
    expect((await findSessionByTokenHash(test.db, session.tokenHash, new Date(Date.parse(expiresAt) - 1000)))?.id).toBe(
      session.id,
    );
  });

  it('manages API tokens by hash, listing without hashes', async () => {
    const user = await makeUser(test.db);
    const tokenHash = hash(`api${unique()}`);
    const token = await createApiToken(test.db, { userId: user.id, name: 'CI export', tokenHash });
    const found = await findApiTokenByHash(test.db, tokenHash);
    expect(found?.id).toBe(token.id);
    expect(found?.lastUsedAt).toBeDefined();
    expect(JSON.stringify(await listApiTokens(test.db, user.id))).not.toContain(tokenHash);
    expect((await revokeApiToken(test.db, token.id)).revokedAt).toBeDefined();
    expect(await findApiTokenByHash(test.db, tokenHash)).toBeUndefined();
    expect(await listApiTokens(test.db, user.id)).toHaveLength(1);
  });

  it('accepts an invitation once, creating the user and the grant in one step', async () => {
    const admin = await makeUser(test.db, 'Admin');
    const tokenHash = hash(`inv${unique()}`);
    const email = `invitee${unique()}@example.org`;
    const invitation = await createInvitation(test.db, {
      email,
      role: 'focal-point',
      scope: { kind: 'area', area: '504' },
      tokenHash,
      expiresAt: inOneHour(),
      invitedBy: admin.id,
    });
    expect(await findInvitationByTokenHash(test.db, tokenHash)).toEqual(invitation);
    const accepted = await acceptInvitation(test.db, {
      tokenHash,
      as: { kind: 'new-account', name: 'New Focal Point', passwordHash: NEW_HASH },
    });
    if (!accepted.ok) throw new Error(accepted.refusal);
    expect(accepted.user).toMatchObject({ email, name: 'New Focal Point', passwordHash: NEW_HASH });
    expect(await listRoleGrants(test.db, accepted.user.id)).toMatchObject([
      { role: 'focal-point', scope: { kind: 'area', area: '504' }, grantedBy: admin.id },
    ]);
    expect(await findInvitationByTokenHash(test.db, tokenHash)).toBeUndefined();
    expect(
      await acceptInvitation(test.db, {
        tokenHash,
        as: { kind: 'new-account', name: 'Again', passwordHash: NEW_HASH },
      }),
    ).toEqual({ ok: false, refusal: 'unavailable' });
  });

  it('never hands an existing account to the holder of an invitation: only that account, signed in, accepts it', async () => {
    const owner = await makeUser(test.db, 'Owner');
    const stranger = await makeUser(test.db, 'Stranger');
    const tokenHash = hash(`existing${unique()}`);
    const invitation = await createInvitation(test.db, {
      email: owner.email.toUpperCase(),
      role: 'reviewer',
      scope: { kind: 'area', area: '76' },
      tokenHash,
      expiresAt: inOneHour(),
      invitedBy: null,
    });
    expect(
      await acceptInvitation(test.db, {
        tokenHash,
        as: { kind: 'new-account', name: 'Taker', passwordHash: NEW_HASH },
      }),
    ).toEqual({ ok: false, refusal: 'account-exists' });
    expect(await acceptInvitation(test.db, { tokenHash, as: { kind: 'signed-in', userId: stranger.id } })).toEqual({
      ok: false,
      refusal: 'other-account',
    });
    // Refusals change nothing: the invitation is still pending, the owner's password and roles untouched.
    expect(await findInvitationByTokenHash(test.db, tokenHash)).toEqual(invitation);
    expect((await getUser(test.db, owner.id)).passwordHash).toBe(owner.passwordHash);
    expect(await listRoleGrants(test.db, owner.id)).toEqual([]);
    const accepted = await acceptInvitation(test.db, { tokenHash, as: { kind: 'signed-in', userId: owner.id } });
    expect(accepted).toMatchObject({ ok: true, user: { id: owner.id }, invitation: { acceptedUserId: owner.id } });
    expect(await listRoleGrants(test.db, owner.id)).toMatchObject([
      { role: 'reviewer', scope: { kind: 'area', area: '76' } },
    ]);
  });

  it("lists invitations by status at the caller's clock, newest first, with paging, and finds one by id", async () => {
    const marker = `list${unique()}`;
    const invite = (name: string, expiresAt: string) =>
      createInvitation(test.db, {
        email: `${name}-${marker}@example.org`,
        role: 'reviewer',
        scope: { kind: 'area', area: '76' },
        tokenHash: hash(`${name}${marker}`),
        expiresAt,
        invitedBy: null,
      });
    const later = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const pending = await invite('pending', later);
    const soon = await invite('soon', inOneHour());
    const accepted = await invite('accepted', later);
    await acceptInvitation(test.db, {
      tokenHash: hash(`accepted${marker}`),
      as: { kind: 'new-account', name: 'Accepted', passwordHash: NEW_HASH },
    });
    const revoked = await invite('revoked', later);
    await revokeInvitation(test.db, revoked.id, null);
    const statuses = async (status?: 'pending' | 'accepted' | 'revoked' | 'expired', now?: string) =>
      (
        await listInvitations(test.db, { email: marker, ...(status ? { status } : {}), ...(now ? { now } : {}) })
      ).items.map((item) => `${item.email.split('-')[0]}:${item.status}`);
    expect(await statuses()).toEqual(['revoked:revoked', 'accepted:accepted', 'soon:pending', 'pending:pending']);
    expect(await statuses('pending')).toEqual(['soon:pending', 'pending:pending']);
    expect(await statuses('accepted')).toEqual(['accepted:accepted']);
    expect(await statuses('revoked')).toEqual(['revoked:revoked']);
    expect(await statuses('expired')).toEqual([]);
    // Ninety minutes on, the one-hour invitation has expired; the accepted and revoked ones keep their status.
    const inNinety = new Date(Date.now() + 90 * 60_000).toISOString();
    expect(await statuses('expired', inNinety)).toEqual(['soon:expired']);
    expect(await statuses('pending', inNinety)).toEqual(['pending:pending']);
    expect(await statuses(undefined, inNinety)).toEqual([
      'revoked:revoked',
      'accepted:accepted',
      'soon:expired',
      'pending:pending',
    ]);
    const page = await listInvitations(test.db, { email: marker.toUpperCase(), page: { limit: 2, offset: 1 } });
    expect(page).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(page.items.map((item) => item.id)).toEqual([accepted.id, soon.id]);
    expect(JSON.stringify(page)).not.toContain(hash(`pending${marker}`));
    expect(await getInvitation(test.db, pending.id)).toEqual({ ...pending, status: 'pending' });
    expect((await getInvitation(test.db, soon.id, inNinety)).status).toBe('expired');
    expect((await getInvitation(test.db, accepted.id)).acceptedUserId).toBeDefined();
    await expect(getInvitation(test.db, 'no-such-invitation')).rejects.toBeInstanceOf(NotFoundError);
    await expect(listInvitations(test.db, { status: 'lost' as never })).rejects.toMatchObject({
      problems: [{ field: 'status', value: 'lost' }],
    });
  });

  it('lets exactly one of racing acceptances through; the others are refused alike', async () => {
    const tokenHash = hash(`race${unique()}`);
    await createInvitation(test.db, {
      email: `race${unique()}@example.org`,
      role: 'reviewer',
      scope: { kind: 'global' },
      tokenHash,
      expiresAt: inOneHour(),
      invitedBy: null,
    });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        acceptInvitation(test.db, {
          tokenHash,
          as: { kind: 'new-account', name: `Racer ${index}`, passwordHash: NEW_HASH },
        }),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual(
      Array.from({ length: 5 }, () => ({ ok: false, refusal: 'unavailable' })),
    );
  });

  it('records and filters audit entries, and refuses to rewrite them', async () => {
    const actor = await makeUser(test.db);
    await recordAudit(test.db, { actorId: actor.id, action: 'sign-in.failure', details: { ip: '10.0.0.1' } });
    const success = await recordAudit(test.db, { actorId: actor.id, action: 'sign-in.success' });
    await recordAudit(test.db, { actorId: actor.id, action: 'export.csv', targetType: 'publication' });
    const signIns = await listAudit(test.db, { filters: { actorId: actor.id, actionPrefix: 'sign-in.' } });
    expect(signIns.items.map((entry) => entry.action)).toEqual(['sign-in.success', 'sign-in.failure']);
    expect(signIns.items[1]?.details).toEqual({ ip: '10.0.0.1' });
    expect(signIns.total).toBe(2);
    await expect(recordAudit(test.db, { action: 'Drop Table' })).rejects.toBeInstanceOf(ValidationError);
    await expect(test.db.kysely.deleteFrom('audit_log').where('id', '=', success.id).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(
      test.db.kysely.updateTable('audit_log').set({ action: 'forged' }).where('id', '=', success.id).execute(),
    ).rejects.toThrow(/append-only/);
  });
});
