/**
 * Short-lived state the instances of a server share through the database (docs/scaling.md): counters
 * with a window or a wait (sign-in limits) and values kept until an expiry (pending organisation
 * sign-ins). The rules that move a counter are the caller's (the server's sign-in limits), passed as
 * a step function; this module keeps each key's row consistent: on PostgreSQL one transaction per
 * change holds a lock on the key (an advisory lock, so that a key without a row is locked too), on
 * SQLite the write lock. A row past its expiry is reused for the next new key, and when the table
 * holds SHARED_STATE_MAX_ROWS live rows the one that expires first makes room: nothing is deleted.
 */
import { sql, type Kysely } from 'kysely';
import { inTransaction, type MigovDatabase } from '../database.ts';
import type { Schema } from '../schema/schema.ts';

/** A counter of a key; times are ms since the epoch. */
export interface SharedCounter {
  count: number;
  windowStart: number;
  blockedUntil: number;
  /** When the counter is forgotten (its row may then serve another key). */
  expiresAt: number;
}

/** Most rows kept: past it, the row that expires first serves a new key. */
const SHARED_STATE_MAX_ROWS = 200_000;

type Row = { value: unknown; count: number; windowStart: number; blockedUntil: number; expiresAt: number };

/** Lock the key for the rest of the transaction (PostgreSQL; SQLite's write lock is already held) and read its row. */
async function lockedRow(
  trx: Kysely<Schema>,
  dialect: MigovDatabase['dialect'],
  key: string,
): Promise<{ expiresAt: number; counter: SharedCounter } | undefined> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
  const row = await trx
    .selectFrom('shared_state')
    .select(['count', 'window_start', 'blocked_until', 'expires_at'])
    .where('key', '=', key)
    // The row itself is locked too, so that no other key takes it over once it expires.
    .$if(dialect === 'postgres', (query) => query.forUpdate())
    .executeTakeFirst();
  if (!row) return undefined;
  const counter = {
    count: Number(row.count),
    windowStart: Number(row.window_start),
    blockedUntil: Number(row.blocked_until),
    expiresAt: Number(row.expires_at),
  };
  return { expiresAt: counter.expiresAt, counter };
}

/** Write the key's row: over its own row, else over a row past its expiry, else a new row (or, when full, over the one expiring first). */
async function writeRow(
  trx: Kysely<Schema>,
  dialect: MigovDatabase['dialect'],
  key: string,
  exists: boolean,
  row: Row,
  now: number,
): Promise<void> {
  const values = {
    value: row.value === undefined ? null : JSON.stringify({ value: row.value }),
    count: row.count,
    window_start: row.windowStart,
    blocked_until: row.blockedUntil,
    expires_at: row.expiresAt,
  };
  if (exists) {
    await trx.updateTable('shared_state').set(values).where('key', '=', key).execute();
    return;
  }
  const reuse = async (onlyExpired: boolean) => {
    const result = await trx
      .updateTable('shared_state')
      .set({ key, ...values })
      .where('key', '=', (eb) =>
        eb
          .selectFrom('shared_state')
          .select('key')
          .$if(onlyExpired, (query) => query.where('expires_at', '<=', now))
          .orderBy('expires_at')
          .limit(1)
          // Two transactions never take the same row (PostgreSQL; SQLite has one writer).
          .$if(dialect === 'postgres', (query) => query.forUpdate().skipLocked()),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  };
  if (await reuse(true)) return;
  const { rows } = await trx
    .selectFrom('shared_state')
    .select((eb) => eb.fn.countAll<number | string>().as('rows'))
    .executeTakeFirstOrThrow();
  if (Number(rows) >= SHARED_STATE_MAX_ROWS && (await reuse(false))) return;
  await trx
    .insertInto('shared_state')
    .values({ key, ...values })
    .execute();
}

/**
 * Move the counter of `key` by `step`, which sees the current counter (undefined when there is none
 * or it expired at `now`) and returns the next one and a result; one change at a time per key,
 * across every process on the database.
 */
export async function updateSharedCounter<T>(
  db: MigovDatabase,
  key: string,
  now: number,
  step: (current: SharedCounter | undefined) => { next: SharedCounter; result: T },
): Promise<T> {
  return inTransaction(db, async (trx) => {
    const found = await lockedRow(trx, db.dialect, key);
    const { next, result } = step(found && found.expiresAt > now ? found.counter : undefined);
    await writeRow(trx, db.dialect, key, found !== undefined, { value: undefined, ...next }, now);
    return result;
  });
}

/** Forget the counter of `key` (its row becomes free for another key). */
export async function clearSharedCounter(db: MigovDatabase, key: string): Promise<void> {
  await db.kysely
    .updateTable('shared_state')
    .set({ value: null, count: 0, window_start: 0, blocked_until: 0, expires_at: 0 })
    .where('key', '=', key)
    .execute();
}

/** Keep a JSON value under `key` until `expiresAt` (ms since the epoch), replacing any value it had. */
export async function putSharedValue(
  db: MigovDatabase,
  key: string,
  value: unknown,
  expiresAt: number,
  now: number,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const found = await lockedRow(trx, db.dialect, key);
    await writeRow(
      trx,
      db.dialect,
      key,
      found !== undefined,
      { value, count: 0, windowStart: 0, blockedUntil: 0, expiresAt },
      now,
    );
  });
}

/** Take the value under `key` (it is gone afterwards, for every process); undefined when unknown or expired at `now`. */
export async function takeSharedValue(db: MigovDatabase, key: string, now: number): Promise<unknown> {
  return inTransaction(db, async (trx) => {
    // Of several processes taking the same value, one gets it: the others wait for its row lock
    // (PostgreSQL) or the write lock (SQLite) and then find the value gone.
    const row = await trx
      .selectFrom('shared_state')
      .select('value')
      .where('key', '=', key)
      .where('value', 'is not', null)
      .where('expires_at', '>', now)
      .$if(db.dialect === 'postgres', (query) => query.forUpdate())
      .executeTakeFirst();
    if (!row || row.value === null) return undefined;
    await trx.updateTable('shared_state').set({ value: null, expires_at: 0 }).where('key', '=', key).execute();
    const wrapped = (typeof row.value === 'string' ? JSON.parse(row.value) : row.value) as { value: unknown };
    return wrapped.value;
  });
}
