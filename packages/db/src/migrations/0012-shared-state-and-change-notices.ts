/**
 * 0012: what several `migov serve` instances on one PostgreSQL database share (docs/scaling.md).
 *
 * - `shared_state`: short-lived counters and values every instance must agree on (sign-in attempt
 *   counts per address, failed sign-ins per email and address, pending organisation sign-ins). A row
 *   whose `expires_at` has passed is reused for another key, so the table holds about as many rows
 *   as there are live keys, and nothing is deleted. Created on both dialects (one schema); SQLite
 *   serves from one machine and keeps this state in the primary process (cluster/shared-state.ts).
 * - On PostgreSQL, a notice on the channel `migov_public_data` after every statement that changes
 *   public data, from whichever program writes it (the server, `migov import`, `migov fetch`, a
 *   restore): the instances listen and empty their public caches. PostgreSQL sends a transaction's
 *   notices when it commits, and only once per transaction for identical ones.
 */
import type { ColumnDataType, Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import type { Dialect } from '../database.ts';
import { DIALECT_TYPES, type ColumnKind } from '../schema/tables.ts';

/** The PostgreSQL channel of public data changes (changes/public-data-changes.ts listens to it). */
export const PUBLIC_DATA_CHANNEL = 'migov_public_data';

/**
 * Tables whose rows the public answers show and that programs other than the server write. Other
 * public changes made through the server (reopening an assessment) are announced by the server
 * itself: a trigger on every draft save would empty the caches for nothing.
 */
const PUBLIC_DATA_TABLES = [
  'jurisdictions',
  'instrument_versions',
  'publications',
  'observation_imports',
  'observations',
  'indicator_datasets',
  'indicator_observations',
  'governance_documents',
  'official_snapshots',
] as const;

/** The shared_state table; on PostgreSQL, the change notices. */
export function sharedStateAndChangeNotices(dialect: Dialect): Migration {
  const type = (kind: ColumnKind) => DIALECT_TYPES[dialect][kind] as ColumnDataType;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('shared_state')
        .addColumn('key', 'text', (column) => column.primaryKey())
        .addColumn('value', type('json'))
        .addColumn('count', 'integer', (column) => column.notNull())
        .addColumn('window_start', type('bigint'), (column) => column.notNull())
        .addColumn('blocked_until', type('bigint'), (column) => column.notNull())
        .addColumn('expires_at', type('bigint'), (column) => column.notNull())
        .execute();
      await db.schema.createIndex('shared_state_expiry').on('shared_state').columns(['expires_at']).execute();
      if (dialect !== 'postgres') return;
      await sql`
        create or replace function migov_public_data_changed() returns trigger language plpgsql as $$
        begin
          perform pg_notify(${sql.lit(PUBLIC_DATA_CHANNEL)}, '');
          return null;
        end $$`.execute(db);
      for (const table of PUBLIC_DATA_TABLES)
        await sql`
          create trigger ${sql.id(`${table}_public_data_changed`)}
          after insert or update or delete on ${sql.id(table)}
          for each statement execute function migov_public_data_changed()`.execute(db);
    },
  };
}
