/** Browser sessions: only the SHA-256 of the session token is stored. Revoked sessions are kept. */
import type { Selectable } from 'kysely';
import type { MigovDatabase } from '../database.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { isoAt, nowIso, readOptional, readOptionalTimestamp, readTimestamp, toIsoTimestamp } from '../schema/codec.ts';
import { newId } from '../schema/ids.ts';
import type { SessionsTable } from '../schema/schema.ts';

/** A session. */
export interface Session {
  id: string;
  userId: string;
  tokenHash: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  userAgent?: string;
  ip?: string;
  revokedAt?: string;
}

function toSession(row: Selectable<SessionsTable>): Session {
  const session: Session = {
    id: row.id,
    userId: row.user_id,
    tokenHash: row.token_hash,
    csrfToken: row.csrf_token,
    createdAt: readTimestamp(row.created_at),
    expiresAt: readTimestamp(row.expires_at),
    lastSeenAt: readTimestamp(row.last_seen_at),
  };
  const userAgent = readOptional(row.user_agent);
  if (userAgent !== undefined) session.userAgent = userAgent;
  const ip = readOptional(row.ip);
  if (ip !== undefined) session.ip = ip;
  const revokedAt = readOptionalTimestamp(row.revoked_at);
  if (revokedAt !== undefined) session.revokedAt = revokedAt;
  return session;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Throw unless `hash` looks like a hex SHA-256 (so a raw token is never stored by mistake). */
export function assertTokenHash(field: string, hash: unknown): void {
  if (typeof hash !== 'string' || !SHA256_HEX.test(hash))
    throw new ValidationError([{ field, message: 'must be the lower-case hex SHA-256 of the token, not the token' }]);
}

/** Input of createSession. */
export interface NewSession {
  userId: string;
  tokenHash: string;
  csrfToken: string;
  expiresAt: string;
  userAgent?: string;
  ip?: string;
  /** The caller's clock (the server's); the current time when absent. */
  now?: string | Date;
}

/** Start a session. */
export async function createSession(db: MigovDatabase, input: NewSession): Promise<Session> {
  assertTokenHash('tokenHash', input.tokenHash);
  const now = isoAt(input.now);
  const row = await db.kysely
    .insertInto('sessions')
    .values({
      id: newId(),
      user_id: input.userId,
      token_hash: input.tokenHash,
      csrf_token: input.csrfToken,
      created_at: now,
      expires_at: toIsoTimestamp(input.expiresAt),
      last_seen_at: now,
      user_agent: input.userAgent?.slice(0, 500) ?? null,
      ip: input.ip ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSession(row);
}

/** The live session (not revoked, not expired at `now`, the caller's clock, default the current time) with this token hash, or undefined. */
export async function findSessionByTokenHash(
  db: MigovDatabase,
  tokenHash: string,
  now?: string | Date,
): Promise<Session | undefined> {
  const row = await db.kysely
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', isoAt(now))
    .executeTakeFirst();
  return row ? toSession(row) : undefined;
}

/** End a session (sign-out); it stays on record with revoked_at. */
export async function revokeSession(db: MigovDatabase, sessionId: string): Promise<void> {
  const result = await db.kysely
    .updateTable('sessions')
    .set({ revoked_at: nowIso() })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    const exists = await db.kysely.selectFrom('sessions').select('id').where('id', '=', sessionId).executeTakeFirst();
    if (!exists) throw new NotFoundError('session', sessionId);
  }
}

/** End every live session of a user (e.g. when the account is disabled or the password changes). */
export async function revokeUserSessions(db: MigovDatabase, userId: string): Promise<number> {
  const result = await db.kysely
    .updateTable('sessions')
    .set({ revoked_at: nowIso() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Note activity on a session, optionally sliding its expiry. */
export async function touchSession(
  db: MigovDatabase,
  sessionId: string,
  options: { expiresAt?: string; now?: string | Date } = {},
): Promise<void> {
  const values: { last_seen_at: string; expires_at?: string } = { last_seen_at: isoAt(options.now) };
  if (options.expiresAt) values.expires_at = toIsoTimestamp(options.expiresAt);
  const result = await db.kysely.updateTable('sessions').set(values).where('id', '=', sessionId).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new NotFoundError('session', sessionId);
}
