/**
 * Published open data imported from files (UN SDG Global Database and others). Kept apart from the
 * figures computed from assessments; each import is all-or-nothing, in one transaction.
 */
import {
  POLICY_DOMAIN_CODES,
  SERIES,
  normalizeM49,
  type Observation,
  type PolicyDomainCode,
  type SeriesCode,
} from '@migov/core';
import type { Selectable } from 'kysely';
import { inTransaction, type MigovDatabase } from '../database.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { assertNoProblems, type FieldProblem } from '../errors.ts';
import {
  nowIso,
  readNumber,
  readOptional,
  readOptionalNumber,
  readTimestamp,
  toIsoTimestamp,
} from '../schema/codec.ts';
import { newId } from '../schema/ids.ts';
import type { ObservationsTable } from '../schema/schema.ts';

/** Where imported observations came from. */
export interface ObservationSource {
  name: string;
  /** The file format, e.g. sdg-api-csv, sdmx-csv, json. */
  format: string;
  /** When the data was obtained (ISO timestamp). */
  importedAt: string;
}

/** A completed import. */
export interface ObservationImport {
  id: string;
  source: ObservationSource;
  observationCount: number;
  importedBy?: string;
  createdAt: string;
}

/** Rows per INSERT: 14 columns x 500 stays far below both dialects' parameter limits. */
const BATCH = 500;

function checkObservation(observation: Observation, index: number, problems: FieldProblem[]): void {
  const field = (name: string) => `observations[${index}].${name}`;
  if (!(observation.series in SERIES))
    problems.push({
      field: field('series'),
      value: observation.series,
      message: `must be one of ${Object.keys(SERIES).join(', ')}`,
    });
  if (
    typeof observation.area !== 'string' ||
    (normalizeM49(observation.area) === undefined && !/^\d{1,3}(-[A-Z0-9]{1,16})+$/.test(observation.area))
  ) {
    problems.push({
      field: field('area'),
      value: observation.area,
      message: 'must be an M49 code or a sub-national code',
    });
  }
  if (!Number.isInteger(observation.year) || observation.year < 1900 || observation.year > 2200)
    problems.push({ field: field('year'), value: observation.year, message: 'must be a year' });
  if (!(POLICY_DOMAIN_CODES as readonly string[]).includes(observation.domain))
    problems.push({
      field: field('domain'),
      value: observation.domain,
      message: `must be one of ${POLICY_DOMAIN_CODES.join(', ')}`,
    });
  if (observation.value !== 'N' && (typeof observation.value !== 'number' || !Number.isFinite(observation.value)))
    problems.push({ field: field('value'), value: observation.value, message: 'must be a finite number or N' });
  for (const name of ['numerator', 'denominator'] as const) {
    const value = observation[name];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value)))
      problems.push({ field: field(name), value, message: 'must be a finite number' });
  }
}

/**
 * Import observations in one transaction: either all are stored or none. Invalid observations are
 * reported field by field (first 100) and nothing is stored. Audited as `observations.import`.
 */
export async function importObservations(
  db: MigovDatabase,
  input: { observations: readonly Observation[]; source: ObservationSource },
  actorId: string | null,
  options: { onProgress?: (done: number, total: number) => void } = {},
): Promise<ObservationImport> {
  const problems: FieldProblem[] = [];
  if (typeof input.source?.name !== 'string' || input.source.name.trim() === '')
    problems.push({ field: 'source.name', value: input.source?.name, message: 'must name the source' });
  if (typeof input.source?.format !== 'string' || input.source.format.trim() === '')
    problems.push({ field: 'source.format', value: input.source?.format, message: 'must name the format' });
  if (Number.isNaN(Date.parse(input.source?.importedAt ?? '')))
    problems.push({ field: 'source.importedAt', value: input.source?.importedAt, message: 'must be an ISO timestamp' });
  input.observations.forEach((observation, index) => {
    if (problems.length < 100) checkObservation(observation, index, problems);
  });
  assertNoProblems(problems);
  const total = input.observations.length;
  return inTransaction(db, async (trx) => {
    const id = newId();
    const createdAt = nowIso();
    await trx
      .insertInto('observation_imports')
      .values({
        id,
        source_name: input.source.name.trim(),
        source_format: input.source.format.trim(),
        source_imported_at: toIsoTimestamp(input.source.importedAt),
        observation_count: total,
        imported_by: actorId,
        created_at: createdAt,
      })
      .execute();
    for (let start = 0; start < total; start += BATCH) {
      const rows = input.observations.slice(start, start + BATCH).map((observation) => ({
        id: newId(),
        import_id: id,
        series: observation.series,
        area: normalizeM49(observation.area) ?? observation.area,
        year: observation.year,
        domain: observation.domain,
        value: observation.value === 'N' ? null : observation.value,
        value_flag: observation.value === 'N' ? 'N' : null,
        time_detail: observation.timeDetail ?? null,
        nature: observation.nature ?? null,
        source: observation.source ?? null,
        footnote: observation.footnote ?? null,
        numerator: observation.numerator ?? null,
        denominator: observation.denominator ?? null,
      }));
      await trx.insertInto('observations').values(rows).execute();
      options.onProgress?.(Math.min(start + BATCH, total), total);
    }
    await appendAudit(trx, {
      actorId,
      action: 'observations.import',
      targetType: 'observation-import',
      targetId: id,
      details: { source: input.source, count: total },
    });
    const result: ObservationImport = {
      id,
      source: { ...input.source, importedAt: toIsoTimestamp(input.source.importedAt) },
      observationCount: total,
      createdAt,
    };
    if (actorId) result.importedBy = actorId;
    return result;
  });
}

function toObservation(row: Selectable<ObservationsTable>): Observation {
  const observation: Observation = {
    series: row.series as SeriesCode,
    area: row.area,
    year: readNumber(row.year),
    domain: row.domain as PolicyDomainCode,
    value: row.value_flag === 'N' ? 'N' : readNumber(row.value),
  };
  const timeDetail = readOptional(row.time_detail);
  if (timeDetail !== undefined) observation.timeDetail = timeDetail;
  const nature = readOptional(row.nature);
  if (nature !== undefined) observation.nature = nature;
  const source = readOptional(row.source);
  if (source !== undefined) observation.source = source;
  const footnote = readOptional(row.footnote);
  if (footnote !== undefined) observation.footnote = footnote;
  const numerator = readOptionalNumber(row.numerator);
  if (numerator !== undefined) observation.numerator = numerator;
  const denominator = readOptionalNumber(row.denominator);
  if (denominator !== undefined) observation.denominator = denominator;
  return observation;
}

/** Filters of listObservations. */
export interface ObservationFilters {
  series?: SeriesCode;
  year?: number;
  area?: string;
  domain?: PolicyDomainCode;
  /** Only this import; by default, for each series/area/year/domain the newest import's figure. */
  importId?: string;
}

/** Imported observations ordered by series, year, area and domain. */
export async function listObservations(db: MigovDatabase, filters: ObservationFilters = {}): Promise<Observation[]> {
  let query = db.kysely.selectFrom('observations as o').selectAll('o');
  if (filters.series) query = query.where('o.series', '=', filters.series);
  if (filters.year !== undefined) query = query.where('o.year', '=', filters.year);
  if (filters.area) query = query.where('o.area', '=', normalizeM49(filters.area) ?? filters.area);
  if (filters.domain) query = query.where('o.domain', '=', filters.domain);
  if (filters.importId) query = query.where('o.import_id', '=', filters.importId);
  else {
    // Import ids are time-ordered (UUIDv7): a greater id is a newer import.
    query = query.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('observations as newer')
            .select('newer.id')
            .whereRef('newer.series', '=', 'o.series')
            .whereRef('newer.area', '=', 'o.area')
            .whereRef('newer.year', '=', 'o.year')
            .whereRef('newer.domain', '=', 'o.domain')
            .whereRef('newer.import_id', '>', 'o.import_id'),
        ),
      ),
    );
  }
  const rows = await query
    .orderBy('o.series')
    .orderBy('o.year')
    .orderBy('o.area')
    .orderBy('o.domain')
    .orderBy('o.id')
    .execute();
  return rows.map(toObservation);
}

/** Imports, newest first. */
export async function listObservationImports(db: MigovDatabase): Promise<ObservationImport[]> {
  const rows = await db.kysely.selectFrom('observation_imports').selectAll().orderBy('id', 'desc').execute();
  return rows.map((row) => {
    const entry: ObservationImport = {
      id: row.id,
      source: { name: row.source_name, format: row.source_format, importedAt: readTimestamp(row.source_imported_at) },
      observationCount: readNumber(row.observation_count),
      createdAt: readTimestamp(row.created_at),
    };
    const importedBy = readOptional(row.imported_by);
    if (importedBy !== undefined) entry.importedBy = importedBy;
    return entry;
  });
}
