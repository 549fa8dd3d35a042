/**
 * 0002: indexes for lookups by owner: a user's sessions (revoked together on sign-out everywhere), API
 * tokens and invitations by email. Role grants are already covered by their unique index.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/** Indexes for per-user and per-email lookups. */
export function indexesByOwner(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id', 'revoked_at']).execute();
      await db.schema.createIndex('api_tokens_user').on('api_tokens').columns(['user_id']).execute();
      await db.schema.createIndex('invitations_email').on('invitations').columns(['email']).execute();
    },
  };
}
