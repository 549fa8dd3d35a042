/** Rounds: one data collection per year and instrument, tied to an instrument version. */
import type { Selectable } from 'kysely';
import type { MigovDatabase } from '../database.ts';
import { ConflictError, NotFoundError, assertNoProblems, type FieldProblem } from '../errors.ts';
import { loadInstrumentRegistry } from '../instruments/instruments.repository.ts';
import { nowIso, readNumber, readOptional, readTimestamp } from '../schema/codec.ts';
import { newId } from '../schema/ids.ts';
import type { RoundsTable } from '../schema/schema.ts';
import { isUniqueViolation } from '../shared/unique.ts';

/** A round. Dates are calendar days (YYYY-MM-DD). */
export interface Round {
  id: string;
  year: number;
  instrument: string;
  version: string;
  opensOn: string;
  closesOn: string;
  createdAt: string;
  createdBy?: string;
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
  if (!isDay(input.opensOn))
    problems.push({ field: 'opensOn', value: input.opensOn, message: 'must be a date YYYY-MM-DD' });
  if (!isDay(input.closesOn))
    problems.push({ field: 'closesOn', value: input.closesOn, message: 'must be a date YYYY-MM-DD' });
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
    const row = await db.kysely
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
    return toRound(row);
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
export async function findRound(db: MigovDatabase, id: string): Promise<Round | undefined> {
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
