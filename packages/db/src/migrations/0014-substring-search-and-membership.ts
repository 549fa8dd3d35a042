/**
 * 0014: reads that stayed linear at the real world's size (bench/world).
 *
 * - `mgi_consultation_members_user`: the assessments a user was invited to comment on, found by the
 *   user, so the list of MGI-style assessments filters by membership in its one query.
 * - PostgreSQL only: `users_name_trgm` and `users_email_trgm`, trigram (pg_trgm) GIN indexes that let
 *   the substring search of the users list (`name ILIKE '%…%' OR email ILIKE '%…%'`) find its rows
 *   without reading every user. The extension ships with PostgreSQL and is trusted (a database owner
 *   may create it); where it cannot be created (not installed, or no right to), the migration goes
 *   on without these two indexes and the search reads the table as before
 *   (docs/decisions/0306-paging-and-counting-at-world-size.md says how to add them later). SQLite has
 *   no index for a substring: its search reads the users table once per page, bounded by the table.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Create a PostgreSQL extension if it is installed and may be created; false (and the running
 * transaction unharmed, through a savepoint) if not. Must run inside a transaction, as migrations do.
 */
export async function createExtensionIfPossible<DB>(db: Kysely<DB>, name: string): Promise<boolean> {
  const present = await sql`select 1 from pg_extension where extname = ${name}`.execute(db);
  if (present.rows.length > 0) return true;
  const available = await sql`select 1 from pg_available_extensions where name = ${name}`.execute(db);
  if (available.rows.length === 0) return false;
  await sql`savepoint migov_create_extension`.execute(db);
  try {
    await sql`create extension if not exists ${sql.id(name)}`.execute(db);
    await sql`release savepoint migov_create_extension`.execute(db);
    return true;
  } catch {
    await sql`rollback to savepoint migov_create_extension`.execute(db);
    return false;
  }
}

/** The membership index on both dialects; the trigram indexes on PostgreSQL when pg_trgm can be had. */
export function substringSearchAndMembership(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('mgi_consultation_members_user')
        .on('mgi_consultation_members')
        .columns(['user_id', 'assessment_id'])
        .execute();
      if (dialect !== 'postgres' || !(await createExtensionIfPossible(db, 'pg_trgm'))) return;
      await sql`create index users_name_trgm on users using gin (name gin_trgm_ops)`.execute(db);
      await sql`create index users_email_trgm on users using gin (email gin_trgm_ops)`.execute(db);
    },
  };
}
