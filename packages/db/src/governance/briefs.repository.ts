/**
 * Cooperation Framework briefs, stored as append-only versions: one row per version, never updated.
 * The content is whatever the brief model says a version holds (`@migov/briefs` BriefContent); the data
 * layer keeps it as JSON and does not interpret it, so db stays on core only.
 */
import type { Selectable } from 'kysely';
import type { MigovDatabase } from '../database.ts';
import { assertNoProblems, ConflictError, NotFoundError, type FieldProblem } from '../errors.ts';
import { readJson, readOptionalNumber, readTimestamp, toIsoTimestamp, writeJson } from '../schema/codec.ts';
import { newId } from '../schema/ids.ts';
import type { BriefsTable } from '../schema/schema.ts';
import { isUniqueViolation } from '../shared/unique.ts';

/** How a version came about. */
const BRIEF_CHANGES = ['generated', 'edited'] as const;
type BriefChange = (typeof BRIEF_CHANGES)[number];

/** One stored version of a brief. */
interface StoredBriefVersion {
  version: number;
  change: BriefChange;
  description: string;
  content: unknown;
  createdAt: string;
  createdBy?: string;
}

/** A brief with all its versions, oldest first. */
export interface StoredBrief {
  id: string;
  area: string;
  year?: number;
  versions: StoredBriefVersion[];
}

/** A new version as the caller made it. */
export interface NewBriefVersion {
  change: BriefChange;
  description: string;
  content: unknown;
  /** When the version was made (ISO date-time); the same instant the content states. */
  createdAt: string;
}

function toVersion(db: MigovDatabase, row: Selectable<BriefsTable>): StoredBriefVersion {
  const version: StoredBriefVersion = {
    version: Number(row.version),
    change: row.change as BriefChange,
    description: row.description,
    content: readJson(db.dialect, row.content),
    createdAt: readTimestamp(row.created_at),
  };
  if (row.created_by) version.createdBy = row.created_by;
  return version;
}

function checkVersion(input: NewBriefVersion): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!(BRIEF_CHANGES as readonly string[]).includes(input.change))
    problems.push({ field: 'change', value: input.change, message: `must be one of ${BRIEF_CHANGES.join(', ')}` });
  if (typeof input.description !== 'string' || input.description.trim() === '' || input.description.length > 2_000)
    problems.push({ field: 'description', message: 'must be 1 to 2000 characters' });
  if (input.content === null || typeof input.content !== 'object')
    problems.push({ field: 'content', message: 'must be an object' });
  if (Number.isNaN(Date.parse(input.createdAt)))
    problems.push({ field: 'createdAt', value: input.createdAt, message: 'must be an ISO date-time' });
  return problems;
}

async function insertVersion(
  db: MigovDatabase,
  brief: { id: string; area: string; year?: number },
  version: number,
  input: NewBriefVersion,
  actorId: string | null,
): Promise<void> {
  await db.kysely
    .insertInto('briefs')
    .values({
      id: brief.id,
      version,
      area: brief.area,
      year: brief.year ?? null,
      change: input.change,
      description: input.description,
      content: writeJson(input.content),
      created_at: toIsoTimestamp(input.createdAt),
      created_by: actorId,
    })
    .execute();
}

/** Store a new brief as version 1. */
export async function createBrief(
  db: MigovDatabase,
  input: { area: string; year?: number; version: NewBriefVersion },
  actorId: string | null,
): Promise<StoredBrief> {
  const problems = checkVersion(input.version);
  if (typeof input.area !== 'string' || !/^[0-9]{1,3}(-[A-Z0-9]{1,10})?$/.test(input.area))
    problems.push({
      field: 'area',
      value: input.area,
      message: 'must be an M49 code (or a sub-national code like 484-CMX)',
    });
  if (input.year !== undefined && (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100))
    problems.push({ field: 'year', value: input.year, message: 'must be a year 2000-2100' });
  assertNoProblems(problems);
  const id = newId();
  await insertVersion(
    db,
    { id, area: input.area, ...(input.year !== undefined ? { year: input.year } : {}) },
    1,
    input.version,
    actorId,
  );
  return getBrief(db, id);
}

/** The brief with this id and all its versions, or undefined. */
export async function findBrief(db: MigovDatabase, id: string): Promise<StoredBrief | undefined> {
  const rows = await db.kysely.selectFrom('briefs').selectAll().where('id', '=', id).orderBy('version').execute();
  const first = rows[0];
  if (!first) return undefined;
  const year = readOptionalNumber(first.year);
  return {
    id: first.id,
    area: first.area,
    ...(year !== undefined ? { year } : {}),
    versions: rows.map((row) => toVersion(db, row)),
  };
}

/** The brief with this id; throws NotFoundError. */
export async function getBrief(db: MigovDatabase, id: string): Promise<StoredBrief> {
  const brief = await findBrief(db, id);
  if (!brief) throw new NotFoundError('brief', id);
  return brief;
}

/**
 * Append version `expectedVersion + 1`. Throws ConflictError carrying the stored brief when
 * `expectedVersion` is not the latest, including when another writer appended it first.
 */
export async function appendBriefVersion(
  db: MigovDatabase,
  input: { briefId: string; expectedVersion: number; version: NewBriefVersion },
  actorId: string | null,
): Promise<StoredBrief> {
  assertNoProblems(checkVersion(input.version));
  const brief = await getBrief(db, input.briefId);
  const latest = brief.versions.at(-1)?.version ?? 0;
  if (input.expectedVersion !== latest)
    throw new ConflictError(`brief ${brief.id} is at version ${latest}, not ${input.expectedVersion}`, brief);
  try {
    // The primary key (id, version) settles a race: the second writer of version n+1 fails here.
    await insertVersion(db, brief, latest + 1, input.version, actorId);
  } catch (error) {
    if (isUniqueViolation(error)) {
      const current = await getBrief(db, input.briefId);
      throw new ConflictError(
        `brief ${brief.id} was changed meanwhile; it is at version ${current.versions.at(-1)?.version ?? 0}`,
        current,
      );
    }
    throw error;
  }
  return getBrief(db, input.briefId);
}

/** A brief in a list: its latest version number and when it changed. */
export interface BriefSummary {
  id: string;
  area: string;
  year?: number;
  latestVersion: number;
  updatedAt: string;
}

/** Briefs, optionally of one area, newest first. */
export async function listBriefs(db: MigovDatabase, filters: { area?: string } = {}): Promise<BriefSummary[]> {
  let query = db.kysely
    .selectFrom('briefs')
    .select(['id', 'area', 'year'])
    .select((eb) => [eb.fn.max('version').as('latest'), eb.fn.max('created_at').as('updated')])
    .groupBy(['id', 'area', 'year']);
  if (filters.area) query = query.where('area', '=', filters.area);
  const rows = await query.orderBy('id', 'desc').execute();
  return rows.map((row) => {
    const year = readOptionalNumber(row.year);
    return {
      id: row.id,
      area: row.area,
      ...(year !== undefined ? { year } : {}),
      latestVersion: Number(row.latest),
      updatedAt: readTimestamp(row.updated),
    };
  });
}
