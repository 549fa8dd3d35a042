import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../database.ts';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import {
  clearSharedCounter,
  putSharedValue,
  takeSharedValue,
  updateSharedCounter,
  type SharedCounter,
} from './shared-state.repository.ts';
import { listenForPublicDataChanges, notifyPublicDataChanged } from './public-data-changes.ts';

/** A step that counts one more and says the count it reached. */
const countOne = (expiresAt: number) => (current: SharedCounter | undefined) => {
  const count = (current?.count ?? 0) + 1;
  return { next: { count, windowStart: 0, blockedUntil: 0, expiresAt }, result: count };
};

/** Wait until `check` holds, polling; fails after `ms`. */
async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(TEST_DIALECTS)('shared state on %s', (dialect) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(dialect);
  });
  afterAll(async () => test?.dispose());

  it('counts per key, forgets an expired counter and a cleared one', async () => {
    expect(await updateSharedCounter(test.db, 'a', 1_000, countOne(2_000))).toBe(1);
    expect(await updateSharedCounter(test.db, 'a', 1_500, countOne(2_000))).toBe(2);
    expect(await updateSharedCounter(test.db, 'b', 1_500, countOne(2_000))).toBe(1);
    // Expired at 2 000: counting starts again.
    expect(await updateSharedCounter(test.db, 'a', 2_000, countOne(3_000))).toBe(1);
    await clearSharedCounter(test.db, 'a');
    expect(await updateSharedCounter(test.db, 'a', 2_100, countOne(3_000))).toBe(1);
  });

  it('counts every one of many changes made at once, from separate connections', async () => {
    // SQLite: one connection (a second one in this process would wait for the lock with the event loop blocked).
    const other = dialect === 'postgres' ? await createDatabase({ url: test.url }) : test.db;
    try {
      const counts = await Promise.all(
        Array.from({ length: 16 }, (_, index) =>
          updateSharedCounter(index % 2 ? other : test.db, 'parallel', 10, countOne(1e12)),
        ),
      );
      expect(counts.sort((x, y) => x - y)).toEqual(Array.from({ length: 16 }, (_, index) => index + 1));
    } finally {
      if (other !== test.db) await other.close();
    }
  });

  it('reuses the rows of expired keys instead of adding rows', async () => {
    const rows = async () =>
      Number(
        (
          await test.db.kysely
            .selectFrom('shared_state')
            .select((eb) => eb.fn.countAll<number>().as('rows'))
            .executeTakeFirstOrThrow()
        ).rows,
      );
    for (let index = 0; index < 5; index += 1) await updateSharedCounter(test.db, `old-${index}`, 0, countOne(100));
    const before = await rows();
    for (let index = 0; index < 5; index += 1) await updateSharedCounter(test.db, `new-${index}`, 200, countOne(300));
    expect(await rows()).toBe(before);
  });

  it('gives a kept value to one taker only, and never after its expiry', async () => {
    await putSharedValue(test.db, 'login:1', { state: 's', verifier: 'v' }, 5_000, 1_000);
    expect(await takeSharedValue(test.db, 'login:1', 2_000)).toEqual({ state: 's', verifier: 'v' });
    expect(await takeSharedValue(test.db, 'login:1', 2_000)).toBeUndefined();
    await putSharedValue(test.db, 'login:2', 'text', 5_000, 1_000);
    expect(await takeSharedValue(test.db, 'login:2', 5_000)).toBeUndefined();
    await putSharedValue(test.db, 'login:3', [1, 2], 5_000, 1_000);
    const takers = await Promise.all(Array.from({ length: 6 }, () => takeSharedValue(test.db, 'login:3', 2_000)));
    expect(takers.filter((value) => value !== undefined)).toEqual([[1, 2]]);
  });
});

describe('public data change notices on postgres', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase('postgres');
  });
  afterAll(async () => test?.dispose());

  it('hears a notice sent by a program, and one sent by a trigger on a public table at commit', async () => {
    let changes = 0;
    const listener = await listenForPublicDataChanges(test.url, {
      onChange: () => (changes += 1),
      onReconnect: () => undefined,
    });
    try {
      await notifyPublicDataChanged(test.db);
      await until(() => changes === 1);
      await test.db.kysely.transaction().execute(async (trx) => {
        await sql`update jurisdictions set name = name where code = '484'`.execute(trx);
        await sql`update jurisdictions set name = name where code = '76'`.execute(trx);
        // Not committed yet: nothing sent.
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(changes).toBe(1);
      });
      // Two statements in one transaction: one notice.
      await until(() => changes === 2);
      // A table that is not public data sends none.
      await sql`update users set name = name`.execute(test.db.kysely);
      await notifyPublicDataChanged(test.db);
      await until(() => changes >= 3);
      // Notices arrive in commit order: once this one is here, any earlier one is too.
      await notifyPublicDataChanged(test.db);
      await until(() => changes >= 4);
      expect(changes).toBe(4);
    } finally {
      await listener.close();
    }
  });

  it('reconnects after losing its connection, says so, and hears notices again', async () => {
    let changes = 0;
    let reconnects = 0;
    const errors: string[] = [];
    const listener = await listenForPublicDataChanges(
      test.url,
      {
        onChange: () => (changes += 1),
        onReconnect: () => (reconnects += 1),
        onError: (error) => errors.push(error.message),
      },
      { retryMs: 20 },
    );
    try {
      expect(listener.connected).toBe(true);
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
                where application_name = 'migov listener' and datname = current_database()`.execute(test.db.kysely);
      await until(() => reconnects === 1);
      expect(errors.length).toBeGreaterThan(0);
      expect(listener.connected).toBe(true);
      expect(listener.reconnections).toBe(1);
      await notifyPublicDataChanged(test.db);
      await until(() => changes === 1);
    } finally {
      await listener.close();
    }
    expect(listener.connected).toBe(false);
  });

  it('sends nothing on SQLite', async () => {
    const sqlite = await createTestDatabase('sqlite');
    try {
      await expect(notifyPublicDataChanged(sqlite.db)).resolves.toBeUndefined();
    } finally {
      await sqlite.dispose();
    }
  });
});
