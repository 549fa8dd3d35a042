/** Instrument versions loaded by administrators; an id@version, once saved, is never overwritten. */
import {
  BUILT_IN_INSTRUMENTS,
  createInstrumentRegistry,
  parseInstrument,
  type InstrumentRegistry,
  type InstrumentVersion,
} from '@migov/core';
import type { MigovDatabase } from '../database.ts';
import { inTransaction } from '../database.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { nowIso, readJson, readOptional, readTimestamp, writeJson } from '../schema/codec.ts';
import { isUniqueViolation } from '../shared/unique.ts';

/** A stored instrument version with who loaded it. */
export interface StoredInstrumentVersion {
  instrument: InstrumentVersion;
  createdAt: string;
  createdBy?: string;
}

/** Validate and store an instrument version. Built-in or already stored id@version: ConflictError. */
export async function saveInstrumentVersion(
  db: MigovDatabase,
  instrument: unknown,
  actorId: string | null,
): Promise<StoredInstrumentVersion> {
  const parsed = parseInstrument(instrument);
  if (!parsed.ok)
    throw new ValidationError(parsed.problems.map((problem) => ({ field: problem.path, message: problem.message })));
  const definition = parsed.instrument;
  const key = `${definition.instrument}@${definition.version}`;
  if (
    BUILT_IN_INSTRUMENTS.some(
      (builtIn) => builtIn.instrument === definition.instrument && builtIn.version === definition.version,
    )
  ) {
    throw new ConflictError(`${key} is built in; load a corrected definition under a new version`);
  }
  const createdAt = nowIso();
  try {
    await inTransaction(db, async (trx) => {
      await trx
        .insertInto('instrument_versions')
        .values({
          instrument: definition.instrument,
          version: definition.version,
          definition: writeJson(definition),
          created_at: createdAt,
          created_by: actorId,
        })
        .execute();
      await appendAudit(trx, { actorId, action: 'instrument.load', targetType: 'instrument', targetId: key });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError(
        `${key} is already loaded; an instrument version is never overwritten, load it under a new version`,
      );
    throw error;
  }
  const stored: StoredInstrumentVersion = { instrument: definition, createdAt };
  if (actorId) stored.createdBy = actorId;
  return stored;
}

/** Instrument versions loaded into this database (built-in ones are not listed). */
export async function listInstrumentVersions(db: MigovDatabase): Promise<StoredInstrumentVersion[]> {
  const rows = await db.kysely
    .selectFrom('instrument_versions')
    .selectAll()
    .orderBy('instrument')
    .orderBy('version')
    .execute();
  return rows.map((row) => {
    const stored: StoredInstrumentVersion = {
      instrument: readJson<InstrumentVersion>(db.dialect, row.definition),
      createdAt: readTimestamp(row.created_at),
    };
    const createdBy = readOptional(row.created_by);
    if (createdBy !== undefined) stored.createdBy = createdBy;
    return stored;
  });
}

/** A registry of the built-in instruments plus every version loaded into this database. */
export async function loadInstrumentRegistry(db: MigovDatabase): Promise<InstrumentRegistry> {
  const stored = await listInstrumentVersions(db);
  return createInstrumentRegistry(stored.map((entry) => entry.instrument));
}
