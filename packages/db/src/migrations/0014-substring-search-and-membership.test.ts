import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../database.ts';
import { makeUser } from '../testing/fixtures.ts';
import { createTestDatabase, TEST_DIALECTS } from '../testing/test-database.ts';
import { listUsers } from '../users/users.repository.ts';
import { createExtensionIfPossible } from './0014-substring-search-and-membership.ts';

describe.each(TEST_DIALECTS)('migration 0014 (%s)', (dialect) => {
  it('indexes consultation members by user, and on PostgreSQL the users substring search by trigrams', async () => {
    const test = await createTestDatabase(dialect);
    try {
      const kysely = test.db.kysely;
      if (dialect === 'sqlite') {
        const names = await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'index' and name like 'users_%trgm' or name = 'mgi_consultation_members_user' order by name`.execute(
          kysely,
        );
        expect(names.rows.map((row) => row.name)).toEqual(['mgi_consultation_members_user']);
        const detail = (
          await sql<{
            detail: string;
          }>`explain query plan select assessment_id from mgi_consultation_members where user_id = 'x'`.execute(kysely)
        ).rows
          .map((row) => row.detail)
          .join('\n');
        expect(detail).toContain('mgi_consultation_members_user');
      } else {
        const names = await sql<{
          name: string;
        }>`select indexname as name from pg_indexes where indexname in ('mgi_consultation_members_user', 'users_email_trgm', 'users_name_trgm') order by indexname`.execute(
          kysely,
        );
        expect(names.rows.map((row) => row.name)).toEqual([
          'mgi_consultation_members_user',
          'users_email_trgm',
          'users_name_trgm',
        ]);
        // The search's own query reads through the trigram indexes (sequential scans off: the table is small).
        await inTransaction(test.db, async (trx) => {
          await sql`set local enable_seqscan = off`.execute(trx);
          const shown = await sql<{
            'QUERY PLAN': string;
          }>`explain select id from users where name ilike '%zanzibar%' or email ilike '%zanzibar%'`.execute(trx);
          const text = shown.rows.map((row) => row['QUERY PLAN']).join('\n');
          expect(text).toContain('users_name_trgm');
          expect(text).toContain('users_email_trgm');
        });
        // An extension that may not be created (a role without CREATE on the database) leaves the
        // running transaction usable; one not installed is not tried.
        await kysely.connection().execute(async (connection) => {
          await sql`begin`.execute(connection);
          try {
            expect(await createExtensionIfPossible(connection, 'migov_no_such_extension')).toBe(false);
            const role = `migov_without_create_${process.pid}`;
            await sql`create role ${sql.id(role)} nologin`.execute(connection);
            await sql`set local role ${sql.id(role)}`.execute(connection);
            expect(await createExtensionIfPossible(connection, 'hstore')).toBe(false);
            expect((await sql<{ one: number }>`select 1 as one`.execute(connection)).rows).toEqual([{ one: 1 }]);
          } finally {
            await sql`rollback`.execute(connection);
          }
        });
      }
      // The search finds a part of a name or address in any case, wildcards taken literally.
      const user = await makeUser(test.db, 'Zanzibar Ödegaard');
      await makeUser(test.db, 'Someone else');
      const found = async (search: string) =>
        (await listUsers(test.db, { search })).items.map((entry) => entry.id).filter((id) => id === user.id);
      expect(await found('ZANZIBAR')).toEqual([user.id]);
      expect(await found('ibar ö')).toEqual(dialect === 'postgres' ? [user.id] : []);
      expect(await found(user.email.slice(2, 12).toUpperCase())).toEqual([user.id]);
      expect(await found('zanzi%')).toEqual([]);
    } finally {
      await test.dispose();
    }
  });
});
