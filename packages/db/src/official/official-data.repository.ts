/**
 * The official data in the database and the one read of every 10.7.2 value with where it comes from:
 * official values (the UN's, from a snapshot or an imported file), national publications made in migov
 * (with who validated them), and demo content (never official). Loading a snapshot is idempotent.
 */
import {
  snapshotDatasets,
  snapshotLabel,
  snapshotObservations,
  type PublishedCoverage,
  type SnapshotManifest,
} from '@migov/core';
import type { MigovDatabase } from '../database.ts';
import { DEMO_EMAIL_DOMAIN } from '../demo/seed-demo-data.ts';
import { importIndicatorDatasets } from '../indicators/indicators.repository.ts';
import { importObservations } from '../observations/observations.repository.ts';
import { IS_LATEST_PUBLICATION } from '../publications/publications.repository.ts';
import type { PublishedResults } from '../publications/published-results.ts';
import { nowIso, readJson, readNumber, readOptional, readTimestamp } from '../schema/codec.ts';
import { newId } from '../schema/ids.ts';
import type { OfficialSnapshot } from './snapshot-files.ts';

/** The observation import format of snapshot values. */
const SNAPSHOT_IMPORT_FORMAT = 'official-snapshot';
/** The observation import format of demo values. */
export const DEMO_IMPORT_FORMAT = 'demo';

/** A snapshot loaded into the database. */
export interface LoadedSnapshot {
  id: string;
  source: string;
  sourceDetail: string;
  retrievedOn: string;
  /** `bundled`: shipped with migov; `fetched`: downloaded by `migov fetch`. */
  origin: 'bundled' | 'fetched';
  /** "UN SDG Global Database, retrieved 2026-12-07". */
  label: string;
  loadedAt: string;
  series: { series: string; indicator: string; description?: string; rows: number }[];
  coverage: PublishedCoverage[];
  observationImportId?: string;
}

function toLoaded(
  db: MigovDatabase,
  row: {
    snapshot_id: string;
    source: string;
    source_detail: string;
    retrieved_on: string;
    origin: string;
    manifest: unknown;
    observation_import_id: string | null;
    created_at: string | Date;
  },
  parsed?: SnapshotManifest,
): LoadedSnapshot {
  const manifest = parsed ?? readJson<SnapshotManifest>(db.dialect, row.manifest);
  const loaded: LoadedSnapshot = {
    id: row.snapshot_id,
    source: row.source,
    sourceDetail: row.source_detail,
    retrievedOn: row.retrieved_on,
    origin: row.origin === 'fetched' ? 'fetched' : 'bundled',
    label: snapshotLabel({ source: row.source, retrievedOn: row.retrieved_on }),
    loadedAt: readTimestamp(row.created_at),
    series: manifest.series.map(({ series, indicator, description, rows }) => ({
      series,
      indicator,
      ...(description ? { description } : {}),
      rows,
    })),
    coverage: manifest.coverage ?? [],
  };
  const importId = readOptional(row.observation_import_id);
  if (importId !== undefined) loaded.observationImportId = importId;
  return loaded;
}

/** Every snapshot loaded, newest first. */
export async function listOfficialSnapshots(db: MigovDatabase): Promise<LoadedSnapshot[]> {
  const rows = await db.kysely.selectFrom('official_snapshots').selectAll().orderBy('id', 'desc').execute();
  return rows.map((row) => toLoaded(db, row));
}

/** The snapshot the observatory shows: the newest loaded, if any. */
export async function currentOfficialSnapshot(db: MigovDatabase): Promise<LoadedSnapshot | undefined> {
  return (await listOfficialSnapshots(db))[0];
}

/**
 * Store a snapshot: the 10.7.2 series as observations and the migration-related series as indicator
 * datasets, both naming the snapshot as their source. A snapshot with the same id and checksums that is
 * already loaded is not loaded again (`loaded: false`).
 */
export async function loadOfficialSnapshot(
  db: MigovDatabase,
  snapshot: OfficialSnapshot,
  options: { origin: 'bundled' | 'fetched'; actorId?: string | null },
): Promise<{ loaded: boolean; snapshot: LoadedSnapshot }> {
  const { manifest } = snapshot;
  const checksums = (entry: SnapshotManifest) => entry.series.map((series) => series.sha256).join(',');
  for (const existing of await db.kysely
    .selectFrom('official_snapshots')
    .selectAll()
    .where('snapshot_id', '=', manifest.id)
    .execute()) {
    if (checksums(readJson<SnapshotManifest>(db.dialect, existing.manifest)) === checksums(manifest))
      return { loaded: false, snapshot: toLoaded(db, existing) };
  }
  const label = snapshotLabel(manifest);
  const actorId = options.actorId ?? null;
  const datasets = snapshot.series
    .filter((series) => series.indicator !== '10.7.2')
    .flatMap((series) => snapshotDatasets(series, label));
  if (datasets.length > 0)
    await importIndicatorDatasets(
      db,
      { datasets, source: { name: label, format: SNAPSHOT_IMPORT_FORMAT }, onConflict: 'replace' },
      actorId,
    );
  const observations = snapshot.series.flatMap((series) =>
    snapshotObservations(series, `${manifest.source} (${series.series})`),
  );
  const imported =
    observations.length > 0
      ? await importObservations(
          db,
          {
            observations,
            source: {
              name: label,
              format: SNAPSHOT_IMPORT_FORMAT,
              importedAt: `${manifest.retrievedOn}T00:00:00.000Z`,
            },
          },
          actorId,
        )
      : undefined;
  const row = {
    id: newId(),
    snapshot_id: manifest.id,
    source: manifest.source,
    source_detail: manifest.sourceDetail,
    retrieved_on: manifest.retrievedOn,
    origin: options.origin,
    manifest: JSON.stringify(manifest),
    observation_import_id: imported?.id ?? null,
    created_at: nowIso(),
    created_by: actorId,
  };
  await db.kysely.insertInto('official_snapshots').values(row).execute();
  return { loaded: true, snapshot: toLoaded(db, row, manifest) };
}

/** One SG_CPA_MIGRS or SG_CPA_MIGRP value with the import it came from. */
export interface SourcedObservation {
  series: 'SG_CPA_MIGRS' | 'SG_CPA_MIGRP';
  area: string;
  year: number;
  domain: string;
  value: number | 'N';
  nature?: string;
  importId: string;
  /** The import's source name ("UN SDG Global Database, retrieved 2026-12-07", a file name, "Demo data …"). */
  sourceName: string;
  /** `official-snapshot`, `demo`, or the format of an imported file. */
  sourceFormat: string;
  importedAt: string;
}

/**
 * The current SG_CPA_MIGRS/SG_CPA_MIGRP values with their import: for each series, area, year and
 * domain the newest import's, and apart from it the newest demo import's (demo values never replace others).
 */
export async function listSourcedObservations(
  db: MigovDatabase,
  filters: { series: 'SG_CPA_MIGRS' | 'SG_CPA_MIGRP'; year?: number; area?: string },
): Promise<SourcedObservation[]> {
  let query = db.kysely
    .selectFrom('observations as o')
    .innerJoin('observation_imports as i', 'i.id', 'o.import_id')
    .select([
      'o.series',
      'o.area',
      'o.year',
      'o.domain',
      'o.value',
      'o.value_flag',
      'o.nature',
      'o.import_id',
      'i.source_name',
      'i.source_format',
      'i.source_imported_at',
    ])
    .where('o.series', '=', filters.series);
  if (filters.year !== undefined) query = query.where('o.year', '=', filters.year);
  if (filters.area !== undefined) query = query.where('o.area', '=', filters.area);
  // Newest import first; the first row per series, area, year, domain (and demo or not) is the current one.
  // Kept in code rather than a NOT EXISTS subquery, which PostgreSQL plans badly once a year is given.
  const all = await query.orderBy('o.import_id', 'desc').execute();
  const seen = new Set<string>();
  const rows = all
    .filter((row) => {
      const key = `${row.area}|${readNumber(row.year)}|${row.domain}|${row.source_format === DEMO_IMPORT_FORMAT}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(
      (left, right) =>
        readNumber(left.year) - readNumber(right.year) ||
        (left.area < right.area ? -1 : left.area > right.area ? 1 : 0) ||
        (left.domain < right.domain ? -1 : left.domain > right.domain ? 1 : 0),
    );
  return rows.map((row) => {
    const entry: SourcedObservation = {
      series: filters.series,
      area: row.area,
      year: readNumber(row.year),
      domain: row.domain,
      value: row.value_flag === 'N' ? 'N' : readNumber(row.value),
      importId: row.import_id,
      sourceName: row.source_name,
      sourceFormat: row.source_format,
      importedAt: readTimestamp(row.source_imported_at),
    };
    const nature = readOptional(row.nature);
    if (nature !== undefined) entry.nature = nature;
    return entry;
  });
}

/** Roles that may validate an assessment, in the order their title is preferred, and the titles shown. */
const VALIDATOR_ROLES = ['reviewer', 'national-coordinator', 'administrator'] as const;
const VALIDATOR_TITLES: Readonly<Record<(typeof VALIDATOR_ROLES)[number], string>> = {
  reviewer: 'Reviewer',
  'national-coordinator': 'National coordinator',
  administrator: 'Administrator',
};

/** The latest publication of a jurisdiction in a round, as the results read needs it. */
export interface NationalResult {
  jurisdiction: string;
  year: number;
  instrument: string;
  publicationNumber: number;
  publishedAt: string;
  results: PublishedResults;
  /** The role title of who validated the assessment ("Reviewer"; never a name, an e-mail or an id); null when unknown. */
  validatedBy: string | null;
  /** Published by a demo user: demo content, never official. */
  demo: boolean;
}

/**
 * Who validated each assessment: its latest `validate` revision, named by the role that allows it
 * (a person's name is theirs to publish, a role title is not), and whether a demo user did.
 */
async function latestValidations(
  db: MigovDatabase,
  assessmentIds: readonly string[],
): Promise<Map<string, { title: string; demo: boolean }>> {
  const validations = await db.kysely
    .selectFrom('revisions as r')
    .innerJoin('users as u', 'u.id', 'r.actor_id')
    .select(['r.assessment_id', 'r.revision', 'r.actor_id', 'u.email'])
    .where('r.action', '=', 'validate')
    .where('r.assessment_id', 'in', [...assessmentIds])
    .orderBy('r.revision')
    .execute();
  const validators = [...new Set(validations.flatMap((entry) => (entry.actor_id ? [entry.actor_id] : [])))];
  // Revoked grants count too: a validation keeps the title its validator held.
  const grants =
    validators.length === 0
      ? []
      : await db.kysely
          .selectFrom('role_grants')
          .select(['user_id', 'role'])
          .where('user_id', 'in', validators)
          .execute();
  const titleOf = (userId: string | null) => {
    const roles = grants.filter((grant) => grant.user_id === userId).map((grant) => grant.role);
    const role = VALIDATOR_ROLES.find((candidate) => roles.includes(candidate));
    return role ? VALIDATOR_TITLES[role] : 'Validator';
  };
  const validator = new Map<string, { title: string; demo: boolean }>();
  for (const entry of validations)
    validator.set(entry.assessment_id, {
      title: titleOf(entry.actor_id),
      demo: entry.email.endsWith(`@${DEMO_EMAIL_DOMAIN}`),
    });
  return validator;
}

/** Whether a jurisdiction has a latest publication in a round, and whether it is demo content. */
export interface NationalResultKind {
  jurisdiction: string;
  year: number;
  demo: boolean;
}

/**
 * {@link listNationalResults} without the values, the publication and the validator: what counting
 * the rounds by provenance needs, without reading every publication's results.
 */
export async function listNationalResultKinds(
  db: MigovDatabase,
  filters: { instrument: string },
): Promise<NationalResultKind[]> {
  const rows = await db.kysely
    .selectFrom('publications as p')
    .leftJoin('users as publisher', 'publisher.id', 'p.published_by')
    .select((eb) => [
      'p.jurisdiction',
      'p.year',
      'publisher.email as publisher_email',
      // The latest validation's validator, as latestValidations reads it: one look-up by the revisions' key.
      eb
        .selectFrom('revisions as r')
        .innerJoin('users as u', 'u.id', 'r.actor_id')
        .select('u.email')
        .whereRef('r.assessment_id', '=', 'p.assessment_id')
        .where('r.action', '=', 'validate')
        .orderBy('r.revision', 'desc')
        .limit(1)
        .as('validator_email'),
    ])
    .where(IS_LATEST_PUBLICATION)
    .where('p.instrument', '=', filters.instrument)
    .orderBy('p.year')
    .orderBy('p.jurisdiction')
    .execute();
  const isDemo = (email: string | null | undefined) => (email ?? '').endsWith(`@${DEMO_EMAIL_DOMAIN}`);
  return rows.map((row) => ({
    jurisdiction: row.jurisdiction,
    year: readNumber(row.year),
    demo: isDemo(row.publisher_email) || isDemo(row.validator_email),
  }));
}

/** The latest publication per jurisdiction (optionally of one year, jurisdiction and instrument), with validator and demo flag. */
export async function listNationalResults(
  db: MigovDatabase,
  filters: { year?: number; jurisdiction?: string; jurisdictions?: readonly string[]; instrument?: string } = {},
): Promise<NationalResult[]> {
  if (filters.jurisdictions?.length === 0) return [];
  let query = db.kysely
    .selectFrom('publications as p')
    .leftJoin('users as publisher', 'publisher.id', 'p.published_by')
    .select([
      'p.assessment_id',
      'p.jurisdiction',
      'p.year',
      'p.instrument',
      'p.publication_number',
      'p.results',
      'p.published_at',
      'publisher.email as publisher_email',
    ])
    .where(IS_LATEST_PUBLICATION);
  if (filters.year !== undefined) query = query.where('p.year', '=', filters.year);
  if (filters.jurisdiction !== undefined) query = query.where('p.jurisdiction', '=', filters.jurisdiction);
  if (filters.jurisdictions !== undefined) query = query.where('p.jurisdiction', 'in', [...filters.jurisdictions]);
  if (filters.instrument !== undefined) query = query.where('p.instrument', '=', filters.instrument);
  const rows = await query.orderBy('p.year').orderBy('p.jurisdiction').execute();
  if (rows.length === 0) return [];
  const validator = await latestValidations(
    db,
    rows.map((row) => row.assessment_id),
  );
  return rows.map((row) => {
    const validated = validator.get(row.assessment_id);
    return {
      jurisdiction: row.jurisdiction,
      year: readNumber(row.year),
      instrument: row.instrument,
      publicationNumber: readNumber(row.publication_number),
      publishedAt: readTimestamp(row.published_at),
      results: readJson<PublishedResults>(db.dialect, row.results),
      validatedBy: validated?.title ?? null,
      demo: (row.publisher_email ?? '').endsWith(`@${DEMO_EMAIL_DOMAIN}`) || validated?.demo === true,
    };
  });
}
