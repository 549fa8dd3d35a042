/**
 * 0013: indexes that keep reads fast at the real world's size (bench/world: 250 countries, 5,000 local
 * jurisdictions, 50,000 users, ten years of history).
 *
 * - `publications_jurisdiction`: a country's publications in every round (the public country results,
 *   `/published/:year/:jurisdiction` and its evidence files) without reading every publication.
 * - `audit_log_target`: the audit history of one user or object (`/audit?targetId=`), newest first,
 *   without reading the whole log.
 * - `assessments_state`: the review queue (assessments waiting in a state, in every round).
 * - `role_grants_user`: every grant of a user, revoked ones included (the validator's title on public
 *   results, a user's roles in administration); the unique index covers only live grants.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/** Indexes for reads by jurisdiction, audit target, workflow state and grant holder. */
export function indexesForWorldSize(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('publications_jurisdiction')
        .on('publications')
        .columns(['jurisdiction', 'year'])
        .execute();
      await db.schema.createIndex('audit_log_target').on('audit_log').columns(['target_id', 'at']).execute();
      await db.schema.createIndex('role_grants_user').on('role_grants').columns(['user_id']).execute();
      await db.schema.createIndex('assessments_state').on('assessments').columns(['state', 'jurisdiction']).execute();
    },
  };
}
