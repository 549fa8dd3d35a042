import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './sqlite-statements.ts';

describe('the SQLite statement cache', () => {
  it('prepares each SQL text once, and drops the least recently used beyond its size', () => {
    const database = withStatementCache(new BetterSqlite3(':memory:'), 2);
    const one = database.prepare('select 1 as x');
    expect(database.prepare('select 1 as x')).toBe(one);
    const two = database.prepare('select 2 as x');
    expect(database.prepare('select 1 as x')).toBe(one);
    database.prepare('select 3 as x');
    expect(database.cachedStatements()).toBe(2);
    // "select 2" was the least recently used: prepared again; "select 1" stayed.
    expect(database.prepare('select 2 as x')).not.toBe(two);
    expect(database.prepare('select 3 as x')).toBe(database.prepare('select 3 as x'));
    database.close();
  });

  it('never hands out a statement that is still being iterated', () => {
    const database = withStatementCache(new BetterSqlite3(':memory:'));
    const text = 'select value from json_each(?)';
    const outer = database.prepare(text);
    const seen: unknown[] = [];
    for (const row of outer.iterate(['[1,2,3]'])) {
      const inner = database.prepare(text);
      expect(inner).not.toBe(outer);
      seen.push([(row as { value: number }).value, inner.all(['[9]'])]);
    }
    expect(seen).toEqual([
      [1, [{ value: 9 }]],
      [2, [{ value: 9 }]],
      [3, [{ value: 9 }]],
    ]);
    expect(database.prepare(text)).toBe(outer);
    database.close();
  });

  it('gives the same answers through Kysely, across schema changes, transactions and failed statements', async () => {
    const db = new Kysely<{ t: { id: number; name: string; extra?: string | null } }>({
      dialect: new SqliteDialect({ database: withStatementCache(new BetterSqlite3(':memory:')) }),
    });
    await db.schema
      .createTable('t')
      .addColumn('id', 'integer', (column) => column.primaryKey())
      .addColumn('name', 'text', (column) => column.notNull())
      .execute();
    for (let id = 1; id <= 3; id += 1)
      await db
        .insertInto('t')
        .values({ id, name: `n${id}` })
        .execute();
    const all = () => db.selectFrom('t').selectAll().orderBy('id').execute();
    expect(await all()).toEqual([
      { id: 1, name: 'n1' },
      { id: 2, name: 'n2' },
      { id: 3, name: 'n3' },
    ]);
    // The same SQL text after the table changed: the statement is prepared again by SQLite itself.
    await db.schema.alterTable('t').addColumn('extra', 'text').execute();
    expect((await all())[0]).toEqual({ id: 1, name: 'n1', extra: null });
    await expect(db.insertInto('t').values({ id: 1, name: 'again' }).execute()).rejects.toThrow(/UNIQUE/);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ id: 4, name: 'n4' }).execute();
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect((await all()).map((row) => row.id)).toEqual([1, 2, 3]);
    const streamed: number[] = [];
    for await (const row of db.selectFrom('t').select('id').orderBy('id').stream()) streamed.push(row.id);
    expect(streamed).toEqual([1, 2, 3]);
    expect((await sql<{ n: number }>`select count(*) as n from t where name like ${'n%'}`.execute(db)).rows).toEqual([
      { n: 3 },
    ]);
    await db.destroy();
  });
});
