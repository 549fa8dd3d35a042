/**
 * Invitations: a role offered to an email address, accepted once with a token (stored as a hash only).
 * A new email's invitation creates the account; an existing account's is accepted by that account only.
 */
import type { Selectable } from 'kysely';
import { LANGUAGES, type Language } from '@migov/core';
import { inTransaction, type MigovDatabase } from '../database.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { ConflictError, NotFoundError, ValidationError, assertNoProblems } from '../errors.ts';
import {
  isoAt,
  nowIso,
  readNumber,
  readOptional,
  readOptionalTimestamp,
  readTimestamp,
  toIsoTimestamp,
} from '../schema/codec.ts';
import { newId } from '../schema/ids.ts';
import { resolvePage, type Page, type PageRequest } from '../shared/page.ts';
import { likeContains } from '../shared/like.ts';
import type { InvitationsTable, UsersTable } from '../schema/schema.ts';
import { isUniqueViolation } from '../shared/unique.ts';
import { checkRoleAndScope, scopeFromColumns, scopeToColumns, type Role, type RoleScope } from '../shared/scope.ts';
import { assertTokenHash } from '../sessions/sessions.repository.ts';
import { normalizeEmail, readLanguage, toUser, type User } from '../users/users.repository.ts';

/** An invitation. */
export interface Invitation {
  id: string;
  email: string;
  role: Role;
  scope: RoleScope;
  expiresAt: string;
  invitedBy?: string;
  createdAt: string;
  acceptedAt?: string;
  acceptedUserId?: string;
  revokedAt?: string;
  /** The language of the invitation e-mail and, unless the acceptance page says otherwise, of the new account. */
  language: Language;
}

function toInvitation(row: Selectable<InvitationsTable>): Invitation {
  const invitation: Invitation = {
    id: row.id,
    email: row.email,
    role: row.role as Role,
    scope: scopeFromColumns(row.scope_kind, row.scope_value),
    expiresAt: readTimestamp(row.expires_at),
    createdAt: readTimestamp(row.created_at),
    language: readLanguage(row.language),
  };
  const invitedBy = readOptional(row.invited_by);
  if (invitedBy !== undefined) invitation.invitedBy = invitedBy;
  const acceptedAt = readOptionalTimestamp(row.accepted_at);
  if (acceptedAt !== undefined) invitation.acceptedAt = acceptedAt;
  const acceptedUserId = readOptional(row.accepted_user_id);
  if (acceptedUserId !== undefined) invitation.acceptedUserId = acceptedUserId;
  const revokedAt = readOptionalTimestamp(row.revoked_at);
  if (revokedAt !== undefined) invitation.revokedAt = revokedAt;
  return invitation;
}

/** Input of createInvitation. */
export interface NewInvitation {
  email: string;
  role: Role;
  scope: RoleScope;
  tokenHash: string;
  expiresAt: string;
  invitedBy: string | null;
  /** The language of the e-mail (English when not given). */
  language?: Language;
}

/** Invite an email address to a role in a scope. Audited as `invitation.create`. */
export async function createInvitation(db: MigovDatabase, input: NewInvitation): Promise<Invitation> {
  const problems = checkRoleAndScope(input.role, input.scope);
  if (typeof input.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email.trim()))
    problems.push({ field: 'email', value: input.email, message: 'must be an email address' });
  if (input.language !== undefined && !(LANGUAGES as readonly unknown[]).includes(input.language))
    problems.push({ field: 'language', value: input.language, message: `must be one of ${LANGUAGES.join(', ')}` });
  assertNoProblems(problems);
  assertTokenHash('tokenHash', input.tokenHash);
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('invitations')
      .values({
        id: newId(),
        email: normalizeEmail(input.email),
        role: input.role,
        ...scopeToColumns(input.scope),
        token_hash: input.tokenHash,
        expires_at: toIsoTimestamp(input.expiresAt),
        invited_by: input.invitedBy,
        language: input.language ?? 'en',
        created_at: nowIso(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: input.invitedBy,
      action: 'invitation.create',
      targetType: 'invitation',
      targetId: row.id,
      details: { email: row.email, role: input.role, scope: input.scope, language: input.language ?? 'en' },
    });
    return toInvitation(row);
  });
}

/** The pending invitation (not accepted, revoked or expired at `now`, the caller's clock) with this token hash, or undefined. */
export async function findInvitationByTokenHash(
  db: MigovDatabase,
  tokenHash: string,
  now?: string | Date,
): Promise<Invitation | undefined> {
  const row = await db.kysely
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', isoAt(now))
    .executeTakeFirst();
  return row ? toInvitation(row) : undefined;
}

/**
 * Who accepts an invitation: a newcomer choosing a name and a password (the invited email must have no
 * account yet), or the existing account of the invited email, signed in with its own credentials.
 */
export type InvitationAcceptor =
  { kind: 'new-account'; name: string; passwordHash: string } | { kind: 'signed-in'; userId: string };

/**
 * Why an acceptance was refused (nothing changed): `unavailable` (unknown, used, withdrawn or expired
 * token, or lost a race to another acceptance), `account-exists` (a newcomer's acceptance, but the
 * email has an account: only that account may accept, signed in), `other-account` (the signed-in
 * account is not the one invited).
 */
export type InvitationRefusal = 'unavailable' | 'account-exists' | 'other-account';

/** What acceptInvitation answers. */
export type InvitationAcceptance =
  { ok: true; invitation: Invitation; user: User; grantId: string } | { ok: false; refusal: InvitationRefusal };

/** Thrown inside the transaction so that it rolls back; answered as a refusal. */
class AcceptanceRefused extends Error {
  constructor(readonly refusal: InvitationRefusal) {
    super(refusal);
  }
}

/**
 * Accept an invitation in one transaction: mark it accepted (once: of racing acceptances exactly one
 * wins, the others are `unavailable`), then either create the newcomer's account or take the signed-in
 * account, which must be the invited email's, and grant the role. An invitation never hands an
 * existing account to whoever holds its token. Audited as `invitation.accept` and `role.grant`.
 */
export async function acceptInvitation(
  db: MigovDatabase,
  input: {
    tokenHash: string;
    as: InvitationAcceptor;
    now?: string | Date;
    /** The language of the page the newcomer accepted on: the new account's e-mail language (else the invitation's). */
    language?: Language;
  },
): Promise<InvitationAcceptance> {
  if (input.language !== undefined && !(LANGUAGES as readonly unknown[]).includes(input.language))
    throw new ValidationError([
      { field: 'language', value: input.language, message: `must be one of ${LANGUAGES.join(', ')}` },
    ]);
  if (input.as.kind === 'new-account') {
    const name = input.as.name;
    assertNoProblems(
      typeof name === 'string' && name.trim() !== '' && name.length <= 200
        ? []
        : [{ field: 'name', value: name, message: 'must be 1 to 200 characters' }],
    );
    if (typeof input.as.passwordHash !== 'string' || input.as.passwordHash.length < 16) {
      throw new ValidationError([
        { field: 'passwordHash', message: 'must be a password hash (argon2id), not a password' },
      ]);
    }
  }
  const acceptor = input.as;
  try {
    return await inTransaction(db, async (trx) => {
      const now = isoAt(input.now);
      // Claim the invitation first: of two racing acceptances, the second waits on this row and then finds nothing.
      const pending = await trx
        .updateTable('invitations')
        .set({ accepted_at: now })
        .where('token_hash', '=', input.tokenHash)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .returningAll()
        .executeTakeFirst();
      if (!pending) throw new AcceptanceRefused('unavailable');
      const existing = await trx.selectFrom('users').selectAll().where('email', '=', pending.email).executeTakeFirst();
      let userRow: Selectable<UsersTable>;
      if (acceptor.kind === 'signed-in') {
        if (!existing || existing.id !== acceptor.userId || existing.status !== 'active')
          throw new AcceptanceRefused('other-account');
        userRow = existing;
      } else {
        if (existing) throw new AcceptanceRefused('account-exists');
        try {
          userRow = await trx
            .insertInto('users')
            .values({
              id: newId(),
              email: pending.email,
              name: acceptor.name.trim(),
              status: 'active',
              password_hash: acceptor.passwordHash,
              failed_sign_ins: 0,
              preferred_language: input.language ?? readLanguage(pending.language),
              created_at: now,
              updated_at: now,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
        } catch (error) {
          // Another invitation of the same email was accepted at the same moment.
          if (isUniqueViolation(error)) throw new AcceptanceRefused('account-exists');
          throw error;
        }
      }
      const accepted = await trx
        .updateTable('invitations')
        .set({ accepted_user_id: userRow.id })
        .where('id', '=', pending.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const scope = scopeFromColumns(pending.scope_kind, pending.scope_value);
      const existingGrant = await trx
        .selectFrom('role_grants')
        .select('id')
        .where('user_id', '=', userRow.id)
        .where('role', '=', pending.role)
        .where('scope_kind', '=', pending.scope_kind)
        .where('scope_value', '=', pending.scope_value)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      let grantId = existingGrant?.id;
      if (!grantId) {
        grantId = newId();
        await trx
          .insertInto('role_grants')
          .values({
            id: grantId,
            user_id: userRow.id,
            role: pending.role,
            scope_kind: pending.scope_kind,
            scope_value: pending.scope_value,
            granted_at: now,
            granted_by: pending.invited_by,
          })
          .execute();
        await appendAudit(trx, {
          actorId: pending.invited_by,
          action: 'role.grant',
          targetType: 'user',
          targetId: userRow.id,
          details: { grantId, role: pending.role, scope, invitationId: pending.id },
        });
      }
      await appendAudit(trx, {
        actorId: userRow.id,
        action: 'invitation.accept',
        targetType: 'invitation',
        targetId: pending.id,
        details: { email: pending.email, as: acceptor.kind },
      });
      return { ok: true as const, invitation: toInvitation(accepted), user: toUser(userRow), grantId };
    });
  } catch (error) {
    if (error instanceof AcceptanceRefused) return { ok: false, refusal: error.refusal };
    throw error;
  }
}

/** Withdraw a pending invitation (kept with revoked_at). */
export async function revokeInvitation(
  db: MigovDatabase,
  invitationId: string,
  actorId: string | null,
): Promise<Invitation> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('invitations')
      .set({ revoked_at: nowIso() })
      .where('id', '=', invitationId)
      .where('revoked_at', 'is', null)
      .where('accepted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const existing = await trx
        .selectFrom('invitations')
        .selectAll()
        .where('id', '=', invitationId)
        .executeTakeFirst();
      if (!existing) throw new NotFoundError('invitation', invitationId);
      throw new ConflictError(`invitation ${invitationId} is no longer pending`, toInvitation(existing));
    }
    await appendAudit(trx, { actorId, action: 'invitation.revoke', targetType: 'invitation', targetId: invitationId });
    return toInvitation(row);
  });
}

/**
 * Send an invitation again: a new token (the old link stops working) and a new expiry, for an
 * invitation neither accepted nor withdrawn (an expired one comes back to life). Audited as `invitation.renew`.
 */
export async function renewInvitation(
  db: MigovDatabase,
  invitationId: string,
  input: { tokenHash: string; expiresAt: string; actorId: string | null },
): Promise<Invitation> {
  assertTokenHash('tokenHash', input.tokenHash);
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('invitations')
      .set({ token_hash: input.tokenHash, expires_at: toIsoTimestamp(input.expiresAt) })
      .where('id', '=', invitationId)
      .where('revoked_at', 'is', null)
      .where('accepted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const existing = await trx
        .selectFrom('invitations')
        .selectAll()
        .where('id', '=', invitationId)
        .executeTakeFirst();
      if (!existing) throw new NotFoundError('invitation', invitationId);
      throw new ConflictError(`invitation ${invitationId} is no longer pending`, toInvitation(existing));
    }
    await appendAudit(trx, {
      actorId: input.actorId,
      action: 'invitation.renew',
      targetType: 'invitation',
      targetId: invitationId,
      details: { expiresAt: toIsoTimestamp(input.expiresAt) },
    });
    return toInvitation(row);
  });
}

/** Where an invitation stands: waiting for acceptance, accepted, withdrawn, or past its expiry unaccepted. */
export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** The status of an invitation at `now` (ISO). */
function invitationStatus(invitation: Invitation, now: string): InvitationStatus {
  if (invitation.acceptedAt !== undefined) return 'accepted';
  if (invitation.revokedAt !== undefined) return 'revoked';
  return invitation.expiresAt <= now ? 'expired' : 'pending';
}

/** Filters of listInvitations. */
export interface InvitationFilters {
  status?: InvitationStatus;
  /** Part of the invited email address. */
  email?: string;
  /** Only the invitations made by this account. */
  invitedBy?: string;
  page?: PageRequest;
  /** The caller's clock, which decides which invitations have expired (default the current time). */
  now?: string | Date;
}

/** Invitations, newest first, with their status at `now`; filtered by status and email. */
export async function listInvitations(
  db: MigovDatabase,
  filters: InvitationFilters = {},
): Promise<Page<Invitation & { status: InvitationStatus }>> {
  const { limit, offset } = resolvePage(filters.page);
  if (filters.status !== undefined && !(INVITATION_STATUSES as readonly string[]).includes(filters.status)) {
    throw new ValidationError([
      { field: 'status', value: filters.status, message: `must be one of ${INVITATION_STATUSES.join(', ')}` },
    ]);
  }
  const now = isoAt(filters.now);
  let query = db.kysely.selectFrom('invitations');
  switch (filters.status) {
    case 'accepted':
      query = query.where('accepted_at', 'is not', null);
      break;
    case 'revoked':
      query = query.where('accepted_at', 'is', null).where('revoked_at', 'is not', null);
      break;
    case 'expired':
      query = query.where('accepted_at', 'is', null).where('revoked_at', 'is', null).where('expires_at', '<=', now);
      break;
    case 'pending':
      query = query.where('accepted_at', 'is', null).where('revoked_at', 'is', null).where('expires_at', '>', now);
      break;
  }
  if (filters.email) query = query.where((eb) => likeContains(eb.ref('email'), filters.email!.toLowerCase()));
  if (filters.invitedBy !== undefined) query = query.where('invited_by', '=', filters.invitedBy);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    query.select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => {
      const invitation = toInvitation(row);
      return { ...invitation, status: invitationStatus(invitation, now) };
    }),
    total: readNumber(count.count),
    limit,
    offset,
  };
}

/** One invitation by id, with its status at `now`; NotFoundError when there is none. */
export async function getInvitation(
  db: MigovDatabase,
  id: string,
  now?: string | Date,
): Promise<Invitation & { status: InvitationStatus }> {
  const row = await db.kysely.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('invitation', id);
  const invitation = toInvitation(row);
  return { ...invitation, status: invitationStatus(invitation, isoAt(now)) };
}
