/**
 * Sub-national jurisdictions (cities, provinces). Countries come from core geography (M49); a
 * sub-national code is `<parent M49>-<local code>`, e.g. `484-CMX` for Mexico City.
 */
import type { Selectable } from 'kysely';
import type { MigovDatabase } from '../database.ts';
import { ConflictError, assertNoProblems, type FieldProblem } from '../errors.ts';
import { nowIso, readOptional, readTimestamp } from '../schema/codec.ts';
import type { JurisdictionsTable } from '../schema/schema.ts';
import { isUniqueViolation } from '../shared/unique.ts';

/** Levels of sub-national jurisdictions. */
export const JURISDICTION_LEVELS = ['province', 'state', 'region', 'city', 'municipality', 'other'] as const;
/** A sub-national level. */
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];

/** A sub-national jurisdiction. */
export interface Jurisdiction {
  code: string;
  name: string;
  level: JurisdictionLevel;
  /** The M49 code of the country (or the code of a parent jurisdiction). */
  parent: string;
  createdAt: string;
  createdBy?: string;
}

function toJurisdiction(row: Selectable<JurisdictionsTable>): Jurisdiction {
  const jurisdiction: Jurisdiction = {
    code: row.code,
    name: row.name,
    level: row.level as JurisdictionLevel,
    parent: row.parent_code,
    createdAt: readTimestamp(row.created_at),
  };
  const createdBy = readOptional(row.created_by);
  if (createdBy !== undefined) jurisdiction.createdBy = createdBy;
  return jurisdiction;
}

/** A sub-national code: an M49 country code, a hyphen, and an upper-case local code. */
export const SUBNATIONAL_CODE = /^(\d{1,3})(-[A-Z0-9]{1,16})+$/;

/** Add a sub-national jurisdiction; ConflictError if the code exists. */
export async function createJurisdiction(
  db: MigovDatabase,
  input: { code: string; name: string; level: JurisdictionLevel; parent: string },
  actorId: string | null,
): Promise<Jurisdiction> {
  const problems: FieldProblem[] = [];
  const match = typeof input.code === 'string' ? SUBNATIONAL_CODE.exec(input.code) : null;
  if (!match)
    problems.push({ field: 'code', value: input.code, message: 'must be <parent M49>-<local code>, e.g. 484-CMX' });
  if (typeof input.name !== 'string' || input.name.trim() === '' || input.name.length > 200)
    problems.push({ field: 'name', value: input.name, message: 'must be 1 to 200 characters' });
  if (!(JURISDICTION_LEVELS as readonly unknown[]).includes(input.level))
    problems.push({ field: 'level', value: input.level, message: `must be one of ${JURISDICTION_LEVELS.join(', ')}` });
  if (typeof input.parent !== 'string' || !(/^\d{1,3}$/.test(input.parent) || SUBNATIONAL_CODE.test(input.parent))) {
    problems.push({
      field: 'parent',
      value: input.parent,
      message: 'must be an M49 country code or a sub-national code',
    });
  } else if (match && !input.code.startsWith(`${input.parent}-`)) {
    problems.push({
      field: 'parent',
      value: input.parent,
      message: `the code ${input.code} does not start with its parent ${input.parent}-`,
    });
  }
  assertNoProblems(problems);
  if (SUBNATIONAL_CODE.test(input.parent) && !(await findJurisdiction(db, input.parent))) {
    assertNoProblems([{ field: 'parent', value: input.parent, message: 'no such sub-national jurisdiction' }]);
  }
  try {
    const row = await db.kysely
      .insertInto('jurisdictions')
      .values({
        code: input.code,
        name: input.name.trim(),
        level: input.level,
        parent_code: input.parent,
        created_at: nowIso(),
        created_by: actorId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toJurisdiction(row);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError(`jurisdiction ${input.code} already exists`, await findJurisdiction(db, input.code));
    throw error;
  }
}

/** The jurisdiction with this code, or undefined. */
export async function findJurisdiction(db: MigovDatabase, code: string): Promise<Jurisdiction | undefined> {
  const row = await db.kysely.selectFrom('jurisdictions').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? toJurisdiction(row) : undefined;
}

/** Sub-national jurisdictions, optionally those under one parent, ordered by code. */
export async function listJurisdictions(db: MigovDatabase, filters: { parent?: string } = {}): Promise<Jurisdiction[]> {
  let query = db.kysely.selectFrom('jurisdictions').selectAll();
  if (filters.parent) query = query.where('parent_code', '=', filters.parent);
  return (await query.orderBy('code').execute()).map(toJurisdiction);
}
