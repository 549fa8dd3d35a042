/**
 * Password resets by e-mail: a one-time token (only its SHA-256 is stored) that expires, and that sets
 * a new password once. Using it ends every session of the account and voids its other reset tokens.
 */
import { inTransaction, type MigovDatabase } from '../database.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { ValidationError } from '../errors.ts';
import { isoAt, toIsoTimestamp } from '../schema/codec.ts';
import { newId } from '../schema/ids.ts';
import { assertTokenHash } from '../sessions/sessions.repository.ts';
import { toUser, type User } from '../users/users.repository.ts';

/** Store a reset token (its hash) for an active account. Audited as `password-reset.request`. */
export async function createPasswordReset(
  db: MigovDatabase,
  input: {
    userId: string;
    tokenHash: string;
    expiresAt: string;
    now?: string | Date;
    ip?: string;
    /** How the link was asked for when not through the API, e.g. `cli`. */
    via?: string;
  },
): Promise<{ id: string; expiresAt: string }> {
  assertTokenHash('tokenHash', input.tokenHash);
  return inTransaction(db, async (trx) => {
    const id = newId();
    const expiresAt = toIsoTimestamp(input.expiresAt);
    await trx
      .insertInto('password_resets')
      .values({
        id,
        user_id: input.userId,
        token_hash: input.tokenHash,
        created_at: isoAt(input.now),
        expires_at: expiresAt,
      })
      .execute();
    await appendAudit(trx, {
      actorId: null,
      action: 'password-reset.request',
      targetType: 'user',
      targetId: input.userId,
      details: { ...(input.ip ? { ip: input.ip } : {}), ...(input.via ? { via: input.via } : {}) },
    });
    return { id, expiresAt };
  });
}

/** Whether a reset token is usable at `now`: unused, unexpired, of an active account. */
export async function findPasswordReset(
  db: MigovDatabase,
  tokenHash: string,
  now?: string | Date,
): Promise<{ userId: string; expiresAt: string } | undefined> {
  const row = await db.kysely
    .selectFrom('password_resets')
    .innerJoin('users', 'users.id', 'password_resets.user_id')
    .select(['password_resets.user_id', 'password_resets.expires_at'])
    .where('password_resets.token_hash', '=', tokenHash)
    .where('password_resets.used_at', 'is', null)
    .where('password_resets.expires_at', '>', isoAt(now))
    .where('users.status', '=', 'active')
    .executeTakeFirst();
  return row ? { userId: row.user_id, expiresAt: toIsoTimestamp(row.expires_at) } : undefined;
}

/**
 * Use a reset token in one transaction: mark it used (once: of racing uses exactly one wins), set the
 * new password hash, clear sign-in failures, void the account's other reset tokens and end all its
 * sessions. Undefined (nothing changed) when the token is unknown, used, expired, or its account is
 * disabled. Audited as `password-reset.use`.
 */
export async function usePasswordReset(
  db: MigovDatabase,
  input: { tokenHash: string; passwordHash: string; now?: string | Date },
): Promise<{ user: User; endedSessions: number } | undefined> {
  if (typeof input.passwordHash !== 'string' || input.passwordHash.length < 16) {
    throw new ValidationError([
      { field: 'passwordHash', message: 'must be a password hash (argon2id), not a password' },
    ]);
  }
  return inTransaction(db, async (trx) => {
    const now = isoAt(input.now);
    const reset = await trx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('token_hash', '=', input.tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['id', 'user_id'])
      .executeTakeFirst();
    if (!reset) return undefined;
    const userRow = await trx
      .updateTable('users')
      .set({ password_hash: input.passwordHash, failed_sign_ins: 0, locked_until: null, updated_at: now })
      .where('id', '=', reset.user_id)
      .where('status', '=', 'active')
      .returningAll()
      .executeTakeFirst();
    if (!userRow) {
      // A disabled account: the token is spent, nothing else changes.
      return undefined;
    }
    await trx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('user_id', '=', reset.user_id)
      .where('used_at', 'is', null)
      .execute();
    const ended = await trx
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', reset.user_id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const endedSessions = Number(ended.numUpdatedRows);
    await appendAudit(trx, {
      actorId: reset.user_id,
      action: 'password-reset.use',
      targetType: 'user',
      targetId: reset.user_id,
      details: { resetId: reset.id, endedSessions },
    });
    return { user: toUser(userRow), endedSessions };
  });
}
