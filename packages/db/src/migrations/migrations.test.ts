import { Migrator, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { appliedSchemaVersion, SCHEMA_VERSION } from '../database.ts';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { nowIso } from '../schema/codec.ts';
import { LATEST_MIGRATION, migrationProvider } from './migrations.ts';

describe.each(TEST_DIALECTS)('migrations on %s', (dialect) => {
  const tests: TestDatabase[] = [];
  afterAll(async () => {
    for (const test of tests) await test.dispose();
  });

  it('moves a database one step at a time, keeping its rows', async () => {
    const test = await createTestDatabase(dialect, { migrate: false });
    tests.push(test);
    const migrator = new Migrator({ db: test.db.kysely, provider: migrationProvider(dialect) });
    expect((await migrator.migrateTo('0001-initial-schema')).error).toBeUndefined();
    expect(await appliedSchemaVersion(test.db)).toBe('0001-initial-schema');
    const now = nowIso();
    await test.db.kysely
      .insertInto('users')
      .values({
        id: 'u1',
        email: 'kept@example.org',
        name: 'Kept',
        status: 'active',
        failed_sign_ins: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await test.db.migrate();
    expect(await appliedSchemaVersion(test.db)).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(LATEST_MIGRATION);
    expect(await test.db.kysely.selectFrom('users').select(['email', 'preferred_language']).execute()).toEqual([
      // 0011: an account from before e-mail languages gets English.
      { email: 'kept@example.org', preferred_language: 'en' },
    ]);
    const indexes =
      dialect === 'sqlite'
        ? await sql<{
            name: string;
          }>`select name from sqlite_master where type = 'index' and name in ('sessions_user', 'api_tokens_user', 'invitations_email') order by name`.execute(
            test.db.kysely,
          )
        : await sql<{
            name: string;
          }>`select indexname as name from pg_indexes where indexname in ('sessions_user', 'api_tokens_user', 'invitations_email') order by indexname`.execute(
            test.db.kysely,
          );
    expect(indexes.rows.map((row) => row.name)).toEqual(['api_tokens_user', 'invitations_email', 'sessions_user']);
    // Running again changes nothing.
    await test.db.migrate();
    expect(await appliedSchemaVersion(test.db)).toBe(SCHEMA_VERSION);
  });
});
