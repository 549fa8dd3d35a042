import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECTS } from '../testing/test-database.ts';

const INDEXES = ['assessments_state', 'audit_log_target', 'publications_jurisdiction', 'role_grants_user'];

describe.each(TEST_DIALECTS)('migration 0013 (%s)', (dialect) => {
  it('adds the indexes for reads by jurisdiction, audit target, state and grant holder', async () => {
    const test = await createTestDatabase(dialect);
    try {
      const names =
        dialect === 'sqlite'
          ? await sql<{
              name: string;
            }>`select name from sqlite_master where type = 'index' and name in (${sql.join(INDEXES)}) order by name`.execute(
              test.db.kysely,
            )
          : await sql<{
              name: string;
            }>`select indexname as name from pg_indexes where indexname in (${sql.join(INDEXES)}) order by indexname`.execute(
              test.db.kysely,
            );
      expect(names.rows.map((row) => row.name)).toEqual(INDEXES);
      if (dialect === 'sqlite') {
        // The plans read through the indexes instead of scanning the tables.
        const plan = async (query: ReturnType<typeof sql>) =>
          (await sql<{ detail: string }>`explain query plan ${query}`.execute(test.db.kysely)).rows
            .map((row) => row.detail)
            .join('\n');
        expect(await plan(sql`select * from publications where jurisdiction = '484'`)).toContain(
          'publications_jurisdiction',
        );
        expect(await plan(sql`select * from audit_log where target_id = 'x' order by at desc limit 50`)).toContain(
          'audit_log_target',
        );
        expect(await plan(sql`select id from assessments where state = 'submitted'`)).toContain('assessments_state');
        expect(await plan(sql`select role from role_grants where user_id in ('a', 'b')`)).toContain('role_grants_user');
      }
    } finally {
      await test.dispose();
    }
  });
});
