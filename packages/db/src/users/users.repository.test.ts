import { CompiledQuery, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '@migov/core';
import { inTransaction, type MigovDatabase } from '../database.ts';
import { nowIso } from '../schema/codec.ts';
import { newId } from '../schema/ids.ts';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { USERS_COUNT_LIMIT, listUsers, type UsersPage } from './users.repository.ts';

/** More users match "capped" than a first page counts; 40 of them also match "small". */
const CAPPED = USERS_COUNT_LIMIT + 105;
const SMALL = 40;

describe.each(TEST_DIALECTS)('the users list counts on %s', (dialect) => {
  let test: TestDatabase;
  /** The ids of the "capped" users in e-mail order. */
  let capped: string[];

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    const now = nowIso();
    const rows = Array.from({ length: CAPPED }, (_, index) => {
      const number = String(index).padStart(4, '0');
      return {
        id: newId(),
        email: `capped-${number}@example.org`,
        name: index < SMALL ? `Capped small ${number}` : `Capped ${number}`,
        // The first USERS_COUNT_LIMIT are disabled: a filter matching exactly the limit.
        status: index < USERS_COUNT_LIMIT ? 'disabled' : 'active',
        password_hash: null,
        failed_sign_ins: 0,
        created_at: now,
        updated_at: now,
      };
    });
    capped = rows.map((row) => row.id);
    // Stored in a seeded random order, so the e-mail order is the query's, not the insertion's.
    const random = seededRandom(2019);
    const shuffled = [...rows].sort(() => random() - 0.5);
    for (let start = 0; start < shuffled.length; start += 250)
      await test.db.kysely
        .insertInto('users')
        .values(shuffled.slice(start, start + 250))
        .execute();
    await test.db.kysely
      .insertInto('users')
      .values(
        ['Ana Other', 'Ben Other'].map((name, index) => ({
          ...rows[0]!,
          id: newId(),
          name,
          email: `other-${index}@example.org`,
          status: 'active',
        })),
      )
      .execute();
  });
  afterAll(async () => test?.dispose());

  it(`counts up to offset + ${USERS_COUNT_LIMIT} matches, then says at least that many`, async () => {
    const first = await listUsers(test.db, { search: 'capped', page: { limit: 5 } });
    expect(first).toMatchObject({ total: USERS_COUNT_LIMIT, totalExact: false, limit: 5, offset: 0 });
    expect(first.items.map((user) => user.id)).toEqual(capped.slice(0, 5));
    // From offset 200 the count reaches 1,200: all 1,105 are counted.
    const deeper = await listUsers(test.db, { search: 'CAPPED', page: { limit: 50, offset: 200 } });
    expect(deeper).toMatchObject({ total: CAPPED, totalExact: true });
    expect(deeper.items.map((user) => user.id)).toEqual(capped.slice(200, 250));
    // No filter: the whole table is past the cap too.
    expect(await listUsers(test.db, { page: { limit: 5 } })).toMatchObject({
      total: USERS_COUNT_LIMIT,
      totalExact: false,
    });
  });

  it('counts exactly below the cap and at it, by search and by status', async () => {
    const small = await listUsers(test.db, { search: 'capped small', page: { limit: 5 } });
    expect(small).toMatchObject({ total: SMALL, totalExact: true });
    expect(await listUsers(test.db, { search: 'other' })).toMatchObject({ total: 2, totalExact: true });
    expect(await listUsers(test.db, { status: 'disabled', page: { limit: 5 } })).toMatchObject({
      total: USERS_COUNT_LIMIT,
      totalExact: true,
    });
    expect(await listUsers(test.db, { status: 'active', search: 'capped' })).toMatchObject({
      total: CAPPED - USERS_COUNT_LIMIT,
      totalExact: true,
    });
  });

  it('pages by offset through every match in e-mail order, each page counting past its end', async () => {
    const read: string[] = [];
    for (let offset = 0; ; offset += 300) {
      const page: UsersPage = await listUsers(test.db, { search: 'capped', page: { limit: 300, offset } });
      read.push(...page.items.map((user) => user.id));
      // The count always reaches past the page, so a pager knows whether another page follows.
      expect(page.total).toBeGreaterThanOrEqual(offset + page.items.length);
      const more = !page.totalExact || offset + page.limit < page.total;
      expect(more).toBe(offset + 300 < CAPPED);
      if (!more) break;
    }
    expect(read).toEqual(capped);
  });

  it.runIf(dialect === 'postgres')('stops counting a trigram search at the cap', async () => {
    const queries: RootOperationNode[] = [];
    const capture: KyselyPlugin = {
      transformQuery: ({ node }) => {
        queries.push(node);
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    const watched: MigovDatabase = { ...test.db, kysely: test.db.kysely.withPlugin(capture) };
    await listUsers(watched, { search: 'capped', page: { limit: 5 } });
    const count = queries
      .map((node) => test.db.kysely.getExecutor().compileQuery(node, { queryId: 'count' }))
      .find((query) => query.sql.includes('count('));
    expect(count?.sql).toBeDefined();
    // The table is small: without sequential scans the plan is the one a world-size table gets.
    const plan = await inTransaction(test.db, async (trx) => {
      await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
      const explained = await trx.executeQuery<{ 'QUERY PLAN': unknown }>(
        CompiledQuery.raw(`explain (analyze, format json) ${count!.sql}`, [...count!.parameters]),
      );
      return JSON.stringify(explained.rows[0]!['QUERY PLAN']);
    });
    expect(plan).toContain('users_name_trgm');
    expect(plan).toContain('users_email_trgm');
    const limitNode = /"Node Type":"Limit".*?"Actual Rows":(\d+)/.exec(plan);
    expect(Number(limitNode?.[1])).toBe(USERS_COUNT_LIMIT + 1);
  });
});
