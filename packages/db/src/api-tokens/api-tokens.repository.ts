/** API tokens for scripts: only the SHA-256 of the token is stored; revoked tokens are kept. */
import type { Selectable } from 'kysely';
import type { MigovDatabase } from '../database.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { isoAt, nowIso, readOptionalTimestamp, readTimestamp, toIsoTimestamp } from '../schema/codec.ts';
import { newId } from '../schema/ids.ts';
import type { ApiTokensTable } from '../schema/schema.ts';
import { assertTokenHash } from '../sessions/sessions.repository.ts';

/** An API token as listed (the hash never leaves through listings). */
export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  expiresAt?: string;
  lastUsedAt?: string;
  revokedAt?: string;
}

function toApiToken(row: Selectable<ApiTokensTable>): ApiToken {
  const token: ApiToken = { id: row.id, userId: row.user_id, name: row.name, createdAt: readTimestamp(row.created_at) };
  const expiresAt = readOptionalTimestamp(row.expires_at);
  if (expiresAt !== undefined) token.expiresAt = expiresAt;
  const lastUsedAt = readOptionalTimestamp(row.last_used_at);
  if (lastUsedAt !== undefined) token.lastUsedAt = lastUsedAt;
  const revokedAt = readOptionalTimestamp(row.revoked_at);
  if (revokedAt !== undefined) token.revokedAt = revokedAt;
  return token;
}

/** Store a new token's hash for a user. */
export async function createApiToken(
  db: MigovDatabase,
  input: { userId: string; name: string; tokenHash: string; expiresAt?: string },
): Promise<ApiToken> {
  assertTokenHash('tokenHash', input.tokenHash);
  if (typeof input.name !== 'string' || input.name.trim() === '' || input.name.length > 100) {
    throw new ValidationError([{ field: 'name', value: input.name, message: 'must be 1 to 100 characters' }]);
  }
  const row = await db.kysely
    .insertInto('api_tokens')
    .values({
      id: newId(),
      user_id: input.userId,
      name: input.name.trim(),
      token_hash: input.tokenHash,
      created_at: nowIso(),
      expires_at: input.expiresAt ? toIsoTimestamp(input.expiresAt) : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toApiToken(row);
}

/** How often a token's `last_used_at` is written at most: reading a token costs no write on most requests. */
const API_TOKEN_USE_INTERVAL_MS = 60_000;

/** When findApiTokenByHash runs and how often it notes use. */
export interface TokenLookupOptions {
  /** The caller's clock (default the current time): expiry is checked and use noted against it. */
  now?: string | Date;
  /** Write `last_used_at` only when it is older than this (default API_TOKEN_USE_INTERVAL_MS). */
  useIntervalMs?: number;
}

/**
 * The live token (not revoked, not expired at `now`) with this hash, or undefined. Its use is noted
 * in `last_used_at` at most once per interval; of concurrent requests only one writes.
 */
export async function findApiTokenByHash(
  db: MigovDatabase,
  tokenHash: string,
  options: TokenLookupOptions = {},
): Promise<ApiToken | undefined> {
  const now = isoAt(options.now);
  const row = await db.kysely
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  if (!row) return undefined;
  const token = toApiToken(row);
  const cutoff = new Date(Date.parse(now) - (options.useIntervalMs ?? API_TOKEN_USE_INTERVAL_MS)).toISOString();
  if (token.lastUsedAt === undefined || token.lastUsedAt <= cutoff) {
    const noted = await db.kysely
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('id', '=', row.id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', cutoff)]))
      .executeTakeFirst();
    if (Number(noted.numUpdatedRows) > 0) token.lastUsedAt = now;
  }
  return token;
}

/** Revoke a token (kept with revoked_at). */
export async function revokeApiToken(db: MigovDatabase, tokenId: string): Promise<ApiToken> {
  await db.kysely
    .updateTable('api_tokens')
    .set({ revoked_at: nowIso() })
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .execute();
  const row = await db.kysely.selectFrom('api_tokens').selectAll().where('id', '=', tokenId).executeTakeFirst();
  if (!row) throw new NotFoundError('api token', tokenId);
  return toApiToken(row);
}

/** A user's tokens, newest first, revoked ones included (marked). */
export async function listApiTokens(db: MigovDatabase, userId: string): Promise<ApiToken[]> {
  const rows = await db.kysely
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toApiToken);
}
