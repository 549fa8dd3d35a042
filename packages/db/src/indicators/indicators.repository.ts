/**
 * Datasets of the migration-related SDG indicators. An import merges the file's datasets into the
 * current ones (core mergeDatasets: a point with a different value is a conflict unless the caller
 * asks to replace it) and stores each resulting dataset as a new release, all in one transaction:
 * nothing is overwritten, and earlier releases stay readable by id.
 */
import type { Kysely, Selectable } from 'kysely';
import {
  formatDimensionKey,
  mergeDatasets,
  type DatasetConflict,
  type IndicatorDataset,
  type IndicatorObservation,
} from '@migov/core';
import { inTransaction, type MigovDatabase } from '../database.ts';
import { assertNoProblems, NotFoundError, type FieldProblem } from '../errors.ts';
import { nowIso, readJson, readOptionalNumber, readTimestamp } from '../schema/codec.ts';
import { newId } from '../schema/ids.ts';
import type { IndicatorDatasetsTable, IndicatorObservationsTable, Schema } from '../schema/schema.ts';

const BATCH = 200;

/** A stored dataset release without its observations. */
export interface IndicatorDatasetSummary {
  id: string;
  indicator: string;
  series: string;
  unit?: string;
  seriesDescription?: string;
  observationCount: number;
  /** Where the dataset came from; `retrievedOn` for the official snapshot (format `official-snapshot`). */
  source: { name: string; format: string; retrievedOn?: string };
  /** Demo content (format `demo`): never official. */
  demo: boolean;
  importedAt: string;
  importedBy?: string;
}

/** A stored dataset release with its observations. */
export interface StoredIndicatorDataset extends IndicatorDatasetSummary {
  dataset: IndicatorDataset;
}

/** What an import did, or would do on a dry run. */
export type IndicatorImportResult =
  | {
      ok: true;
      dryRun: boolean;
      datasets: (Omit<IndicatorDatasetSummary, 'id' | 'importedAt' | 'importedBy' | 'demo'> & {
        id?: string;
        added: number;
      })[];
      added: number;
      replaced: number;
    }
  | { ok: false; conflicts: DatasetConflict[] };

function toSummary(row: Selectable<IndicatorDatasetsTable>): IndicatorDatasetSummary {
  const summary: IndicatorDatasetSummary = {
    id: row.id,
    indicator: row.indicator,
    series: row.series,
    observationCount: Number(row.observation_count),
    source: { name: row.source_name, format: row.source_format },
    demo: row.source_format === 'demo',
    importedAt: readTimestamp(row.created_at),
  };
  const retrieved =
    row.source_format === 'official-snapshot' ? /retrieved (\d{4}-\d{2}-\d{2})$/.exec(row.source_name)?.[1] : undefined;
  if (retrieved !== undefined) summary.source.retrievedOn = retrieved;
  if (row.unit !== null) summary.unit = row.unit;
  if (row.series_description !== null) summary.seriesDescription = row.series_description;
  if (row.created_by !== null) summary.importedBy = row.created_by;
  return summary;
}

function toObservation(
  dialect: MigovDatabase['dialect'],
  row: Selectable<IndicatorObservationsTable>,
): IndicatorObservation {
  const observation: IndicatorObservation = {
    area: row.area,
    year: Number(row.year),
    value: readOptionalNumber(row.value) ?? null,
    dimensions: readJson<Record<string, string>>(dialect, row.dimensions),
    attributes: readJson<Record<string, string>>(dialect, row.attributes),
  };
  if (row.value_label !== null) observation.valueLabel = row.value_label;
  return observation;
}

const keyOf = (entry: { indicator: string; series: string; unit?: string | null }) =>
  `${entry.indicator}|${entry.series}|${entry.unit ?? ''}`;

/** The current (newest) release per indicator, series and unit, optionally of one indicator. */
async function currentRows(db: Kysely<Schema>, indicator?: string): Promise<Selectable<IndicatorDatasetsTable>[]> {
  let query = db.selectFrom('indicator_datasets').selectAll();
  if (indicator) query = query.where('indicator', '=', indicator);
  // Ids are time-ordered (UUIDv7): the greatest id per key is the newest release.
  const rows = await query.orderBy('id', 'desc').execute();
  const newest = new Map<string, Selectable<IndicatorDatasetsTable>>();
  for (const row of rows) if (!newest.has(keyOf(row))) newest.set(keyOf(row), row);
  return [...newest.values()].sort((left, right) => keyOf(left).localeCompare(keyOf(right)));
}

async function observationsOf(
  db: Kysely<Schema>,
  dialect: MigovDatabase['dialect'],
  datasetId: string,
  area?: string,
): Promise<IndicatorObservation[]> {
  let query = db.selectFrom('indicator_observations').selectAll().where('dataset_id', '=', datasetId);
  if (area) query = query.where('area', '=', area);
  const rows = await query.orderBy('area').orderBy('year').orderBy('dimension_key').execute();
  return rows.map((row) => toObservation(dialect, row));
}

function datasetOf(row: Selectable<IndicatorDatasetsTable>, observations: IndicatorObservation[]): IndicatorDataset {
  return {
    indicator: row.indicator,
    series: row.series,
    ...(row.unit !== null ? { unit: row.unit } : {}),
    ...(row.series_description !== null ? { seriesDescription: row.series_description } : {}),
    observations,
  };
}

/**
 * Merge datasets read from a file into the current ones and store the results, all or nothing. With
 * `dryRun` nothing is written; the answer says what would be stored. Conflicting values refuse the
 * whole import (`onConflict: 'refuse'`, the default) and are listed.
 */
export async function importIndicatorDatasets(
  db: MigovDatabase,
  input: {
    datasets: readonly IndicatorDataset[];
    source: { name: string; format: string };
    onConflict?: 'refuse' | 'replace';
    dryRun?: boolean;
  },
  actorId: string | null,
): Promise<IndicatorImportResult> {
  const problems: FieldProblem[] = [];
  if (typeof input.source?.name !== 'string' || input.source.name.trim() === '')
    problems.push({ field: 'source.name', value: input.source?.name, message: 'must name the source' });
  if (typeof input.source?.format !== 'string' || input.source.format.trim() === '')
    problems.push({ field: 'source.format', value: input.source?.format, message: 'must name the format' });
  if (input.datasets.length === 0) problems.push({ field: 'datasets', message: 'must hold at least one dataset' });
  assertNoProblems(problems);
  return inTransaction(db, async (trx) => {
    const wanted = new Set(input.datasets.map(keyOf));
    const current = (await currentRows(trx)).filter((row) => wanted.has(keyOf(row)));
    const existing = await Promise.all(
      current.map(async (row) => datasetOf(row, await observationsOf(trx, db.dialect, row.id))),
    );
    const merged = mergeDatasets(existing, input.datasets, { onConflict: input.onConflict ?? 'refuse' });
    if (!merged.ok) return { ok: false, conflicts: merged.conflicts };
    const before = new Map(existing.map((dataset) => [keyOf(dataset), dataset.observations.length]));
    const touched = merged.datasets.filter((dataset) => wanted.has(keyOf(dataset)));
    const stored: (Omit<IndicatorDatasetSummary, 'id' | 'importedAt' | 'importedBy' | 'demo'> & {
      id?: string;
      added: number;
    })[] = [];
    const createdAt = nowIso();
    for (const dataset of touched) {
      const summary = {
        indicator: dataset.indicator,
        series: dataset.series,
        ...(dataset.unit !== undefined ? { unit: dataset.unit } : {}),
        ...(dataset.seriesDescription !== undefined ? { seriesDescription: dataset.seriesDescription } : {}),
        observationCount: dataset.observations.length,
        source: { name: input.source.name.trim(), format: input.source.format.trim() },
        added: dataset.observations.length - (before.get(keyOf(dataset)) ?? 0),
      };
      if (input.dryRun) {
        stored.push(summary);
        continue;
      }
      const id = newId();
      await trx
        .insertInto('indicator_datasets')
        .values({
          id,
          indicator: dataset.indicator,
          series: dataset.series,
          unit: dataset.unit ?? null,
          series_description: dataset.seriesDescription ?? null,
          observation_count: dataset.observations.length,
          source_name: summary.source.name,
          source_format: summary.source.format,
          created_at: createdAt,
          created_by: actorId,
        })
        .execute();
      for (let start = 0; start < dataset.observations.length; start += BATCH) {
        const rows = dataset.observations.slice(start, start + BATCH).map((observation) => ({
          id: newId(),
          dataset_id: id,
          area: observation.area,
          year: observation.year,
          dimension_key: formatDimensionKey(observation.dimensions),
          value: observation.value,
          value_label: observation.valueLabel ?? null,
          dimensions: JSON.stringify(observation.dimensions),
          attributes: JSON.stringify(observation.attributes),
        }));
        await trx.insertInto('indicator_observations').values(rows).execute();
      }
      stored.push({ ...summary, id });
    }
    return {
      ok: true,
      dryRun: input.dryRun ?? false,
      datasets: stored,
      added: merged.added,
      replaced: merged.replaced,
    };
  });
}

/** The current dataset releases (newest per indicator, series and unit), optionally of one indicator. */
export async function listIndicatorDatasets(
  db: MigovDatabase,
  filters: { indicator?: string } = {},
): Promise<IndicatorDatasetSummary[]> {
  return (await currentRows(db.kysely, filters.indicator)).map(toSummary);
}

/** A dataset release with its observations (current or earlier), or undefined. */
export async function findIndicatorDataset(db: MigovDatabase, id: string): Promise<StoredIndicatorDataset | undefined> {
  const row = await db.kysely.selectFrom('indicator_datasets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return { ...toSummary(row), dataset: datasetOf(row, await observationsOf(db.kysely, db.dialect, row.id)) };
}

/** A dataset release with its observations; throws NotFoundError. */
export async function getIndicatorDataset(db: MigovDatabase, id: string): Promise<StoredIndicatorDataset> {
  const found = await findIndicatorDataset(db, id);
  if (!found) throw new NotFoundError('indicator dataset', id);
  return found;
}

/** The current datasets that have observations of an area, each with only that area's observations. */
export async function listAreaIndicatorDatasets(db: MigovDatabase, area: string): Promise<StoredIndicatorDataset[]> {
  const result: StoredIndicatorDataset[] = [];
  for (const row of await currentRows(db.kysely)) {
    const observations = await observationsOf(db.kysely, db.dialect, row.id, area);
    if (observations.length > 0) result.push({ ...toSummary(row), dataset: datasetOf(row, observations) });
  }
  return result;
}
