/**
 * Rounds: one data collection per year and instrument, tied to an instrument version. A round closes
 * after its closing day (UTC), or earlier when an administrator closes it; an administrator reopens it
 * with a new closing day. What a closed round refuses is in docs/rounds.md.
 */
import type { Selectable } from 'kysely';
import { inTransaction, type MigovDatabase } from '../database.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { ConflictError, NotFoundError, assertNoProblems, type FieldProblem } from '../errors.ts';
import { loadInstrumentRegistry } from '../instruments/instruments.repository.ts';
import { isoAt, nowIso, readNumber, readOptional, readOptionalTimestamp, readTimestamp } from '../schema/codec.ts';
import { newId } from '../schema/ids.ts';
import type { RoundsTable } from '../schema/schema.ts';
import { isUniqueViolation } from '../shared/unique.ts';

/** A round. Dates are calendar days (YYYY-MM-DD); the closing day is the last day open (UTC). */
export interface Round {
  id: string;
  year: number;
  instrument: string;
  version: string;
  opensOn: string;
  closesOn: string;
  /** Set when an administrator closed the round before its closing day ended. */
  closedAt?: string;
  createdAt: string;
  createdBy?: string;
}

/** Whether a round is open: `closed` once its closing day (UTC) is over or an administrator closed it. */
export type RoundStatus = 'open' | 'closed';

/** The status of a round at `now` (the server's clock). */
export function roundStatus(round: Pick<Round, 'closesOn' | 'closedAt'>, now: Date): RoundStatus {
  if (round.closedAt !== undefined && round.closedAt <= now.toISOString()) return 'closed';
  return now.toISOString().slice(0, 10) > round.closesOn ? 'closed' : 'open';
}

/** When a round closed or closes: an administrator's early close, or the end of its closing day (UTC). */
export function roundClosedAt(round: Pick<Round, 'closesOn' | 'closedAt'>): string {
  return round.closedAt ?? new Date(Date.parse(`${round.closesOn}T00:00:00Z`) + 86_400_000).toISOString();
}

/** Thrown when a round is closed for what was asked (starting or submitting); nothing was changed. */
export class RoundClosedError extends Error {
  constructor(
    readonly round: Round,
    readonly closedAt: string,
  ) {
    super(`the ${round.year} ${round.instrument} round closed on ${closedAt}`);
    this.name = 'RoundClosedError';
  }
}

/**
 * What a closed round refuses (docs/rounds.md): starting an assessment, and submitting a draft that was
 * never submitted (its first cycle). Saving a draft, resubmitting what a reviewer returned, review,
 * validation, publication and the correction of a reopened assessment stay open.
 */
function closedRoundRefuses(action: string, cycle = 1): boolean {
  return action === 'start' || (action === 'submit' && cycle === 1);
}

/** Throw RoundClosedError when the round is closed at `now` and refuses this action. */
export async function assertRoundAllows(
  db: MigovDatabase,
  input: { roundId: string; action: string; cycle?: number; now: Date },
): Promise<void> {
  if (closedRoundRefuses(input.action, input.cycle)) await assertRoundOpen(db, input.roundId, input.now);
}

/** Throw RoundClosedError unless the round is open at `now`. */
async function assertRoundOpen(db: MigovDatabase, roundId: string, now: Date): Promise<Round> {
  const round = await getRound(db, roundId);
  if (roundStatus(round, now) === 'closed') throw new RoundClosedError(round, roundClosedAt(round));
  return round;
}

function toRound(row: Selectable<RoundsTable>): Round {
  const round: Round = {
    id: row.id,
    year: readNumber(row.year),
    instrument: row.instrument,
    version: row.version,
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    createdAt: readTimestamp(row.created_at),
  };
  const closedAt = readOptionalTimestamp(row.closed_at);
  if (closedAt !== undefined) round.closedAt = closedAt;
  const createdBy = readOptional(row.created_by);
  if (createdBy !== undefined) round.createdBy = createdBy;
  return round;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(text: unknown): text is string {
  return (
    typeof text === 'string' &&
    DAY.test(text) &&
    !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) &&
    new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)
  );
}

function checkDay(field: string, value: unknown): FieldProblem[] {
  return isDay(value) ? [] : [{ field, value, message: 'must be a date YYYY-MM-DD' }];
}

/** Input of createRound. */
export interface NewRound {
  year: number;
  instrument: string;
  version: string;
  opensOn: string;
  closesOn: string;
}

/** Open a round for a year; the instrument version must be known (built in or loaded). */
export async function createRound(db: MigovDatabase, input: NewRound, actorId: string | null = null): Promise<Round> {
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
    problems.push({ field: 'year', value: input.year, message: 'must be a year from 2000 to 2100' });
  problems.push(...checkDay('opensOn', input.opensOn), ...checkDay('closesOn', input.closesOn));
  if (isDay(input.opensOn) && isDay(input.closesOn) && input.closesOn < input.opensOn)
    problems.push({ field: 'closesOn', value: input.closesOn, message: `must not be before opensOn ${input.opensOn}` });
  const registry = await loadInstrumentRegistry(db);
  if (!registry.find(input.instrument, input.version)) {
    problems.push({
      field: 'version',
      value: `${input.instrument}@${input.version}`,
      message: `unknown instrument version; known: ${registry
        .list()
        .map((entry) => `${entry.instrument}@${entry.version}`)
        .join(', ')}`,
    });
  }
  assertNoProblems(problems);
  try {
    return await inTransaction(db, async (trx) => {
      const row = await trx
        .insertInto('rounds')
        .values({
          id: newId(),
          year: input.year,
          instrument: input.instrument,
          version: input.version,
          opens_on: input.opensOn,
          closes_on: input.closesOn,
          created_at: nowIso(),
          created_by: actorId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(trx, {
        actorId,
        action: 'round.create',
        targetType: 'round',
        targetId: row.id,
        details: {
          year: input.year,
          instrument: input.instrument,
          version: input.version,
          opensOn: input.opensOn,
          closesOn: input.closesOn,
        },
      });
      return toRound(row);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.kysely
      .selectFrom('rounds')
      .selectAll()
      .where('year', '=', input.year)
      .where('instrument', '=', input.instrument)
      .executeTakeFirst();
    throw new ConflictError(
      `a ${input.instrument} round for ${input.year} already exists`,
      existing ? toRound(existing) : undefined,
    );
  }
}

/** The round with this id, or undefined. */
async function findRound(db: MigovDatabase, id: string): Promise<Round | undefined> {
  const row = await db.kysely.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRound(row) : undefined;
}

/** The round with this id; throws NotFoundError. */
export async function getRound(db: MigovDatabase, id: string): Promise<Round> {
  const round = await findRound(db, id);
  if (!round) throw new NotFoundError('round', id);
  return round;
}

/** Rounds, newest year first. */
export async function listRounds(
  db: MigovDatabase,
  filters: { instrument?: string; year?: number } = {},
): Promise<Round[]> {
  let query = db.kysely.selectFrom('rounds').selectAll();
  if (filters.instrument) query = query.where('instrument', '=', filters.instrument);
  if (filters.year !== undefined) query = query.where('year', '=', filters.year);
  return (await query.orderBy('year', 'desc').orderBy('instrument').execute()).map(toRound);
}

/**
 * Reopen a round (closed or not) with a new closing day, which must not be before today (UTC, the
 * server's clock) nor before the opening day. Clears an early close. Audited as `round.reopen` with
 * the closing day before and after.
 */
export async function reopenRound(
  db: MigovDatabase,
  id: string,
  input: { closesOn: string; now: Date; actorId: string | null },
): Promise<Round> {
  const today = input.now.toISOString().slice(0, 10);
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('round', id);
    const before = toRound(row);
    const problems = checkDay('closesOn', input.closesOn);
    if (problems.length === 0 && input.closesOn < today)
      problems.push({ field: 'closesOn', value: input.closesOn, message: `must not be before today, ${today}` });
    if (problems.length === 0 && input.closesOn < before.opensOn)
      problems.push({
        field: 'closesOn',
        value: input.closesOn,
        message: `must not be before the round opens, ${before.opensOn}`,
      });
    assertNoProblems(problems);
    const updated = await trx
      .updateTable('rounds')
      .set({ closes_on: input.closesOn, closed_at: null })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: input.actorId,
      action: 'round.reopen',
      targetType: 'round',
      targetId: id,
      details: {
        before: {
          closesOn: before.closesOn,
          closedAt: before.closedAt ?? null,
          status: roundStatus(before, input.now),
        },
        after: { closesOn: input.closesOn, closedAt: null },
      },
    });
    return toRound(updated);
  });
}

/**
 * Close a round now (the server's clock), before its closing day ends; the closing day stays on record.
 * Refused (RoundClosedError) when the round is already closed. Audited as `round.close`.
 */
export async function closeRound(
  db: MigovDatabase,
  id: string,
  input: { now: Date; actorId: string | null },
): Promise<Round> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('round', id);
    const before = toRound(row);
    if (roundStatus(before, input.now) === 'closed') throw new RoundClosedError(before, roundClosedAt(before));
    const at = isoAt(input.now);
    const updated = await trx
      .updateTable('rounds')
      .set({ closed_at: at })
      .where('id', '=', id)
      .where('closed_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new RoundClosedError(before, roundClosedAt(before));
    await appendAudit(trx, {
      actorId: input.actorId,
      action: 'round.close',
      targetType: 'round',
      targetId: id,
      details: { closesOn: before.closesOn, closedAt: at },
    });
    return toRound(updated);
  });
}
