/** Publications: immutable snapshots; a correction is publication n + 1 and every version stays visible. */
import { sql, type Selectable } from 'kysely';
import type { MigovDatabase } from '../database.ts';
import { readJson, readNumber, readOptional, readTimestamp } from '../schema/codec.ts';
import type { PublicationsTable } from '../schema/schema.ts';
import type { Evidence } from '../evidence/evidence.repository.ts';
import type { PublishedResults } from './published-results.ts';
import { resolvePage, type Page, type PageRequest } from '../shared/page.ts';

/** Evidence of an item as it stood when the assessment was published (never the uploader). */
export interface PublishedEvidence {
  id: string;
  kind: 'file' | 'link';
  title: string;
  url?: string;
  file?: { filename: string; mediaType: string; size: number; sha256: string };
}

/** One publication of an assessment. */
export interface Publication {
  id: string;
  assessmentId: string;
  jurisdiction: string;
  roundId: string;
  year: number;
  instrument: string;
  version: string;
  /** 1 for the first publication, n + 1 for each correction. */
  publicationNumber: number;
  /** Item id -> option id as published. */
  responses: Record<string, string>;
  results: PublishedResults;
  /** Item id -> the evidence attached when published (publications made before 0007: none). */
  evidence: Record<string, PublishedEvidence[]>;
  publishedAt: string;
  publishedBy?: string;
}

function toPublication(db: MigovDatabase, row: Selectable<PublicationsTable>): Publication {
  const publication: Publication = {
    id: row.id,
    assessmentId: row.assessment_id,
    jurisdiction: row.jurisdiction,
    roundId: row.round_id,
    year: readNumber(row.year),
    instrument: row.instrument,
    version: row.version,
    publicationNumber: readNumber(row.publication_number),
    responses: readJson<Record<string, string>>(db.dialect, row.responses),
    results: readJson<PublishedResults>(db.dialect, row.results),
    evidence: readJson<Record<string, PublishedEvidence[]> | null>(db.dialect, row.evidence) ?? {},
    publishedAt: readTimestamp(row.published_at),
  };
  const publishedBy = readOptional(row.published_by);
  if (publishedBy !== undefined) publication.publishedBy = publishedBy;
  return publication;
}

/** Every publication (all versions), by year, jurisdiction and number. */
export async function listPublications(
  db: MigovDatabase,
  filters: { year?: number; jurisdiction?: string; assessmentId?: string } = {},
): Promise<Publication[]> {
  let query = db.kysely.selectFrom('publications').selectAll();
  if (filters.year !== undefined) query = query.where('year', '=', filters.year);
  if (filters.jurisdiction) query = query.where('jurisdiction', '=', filters.jurisdiction);
  if (filters.assessmentId) query = query.where('assessment_id', '=', filters.assessmentId);
  const rows = await query.orderBy('year').orderBy('jurisdiction').orderBy('publication_number').execute();
  return rows.map((row) => toPublication(db, row));
}

/** Group an assessment's current evidence by item, in the published form (no uploader, no withdrawal data). */
export function toPublishedEvidence(evidence: readonly Evidence[]): Record<string, PublishedEvidence[]> {
  const byItem: Record<string, PublishedEvidence[]> = {};
  for (const entry of evidence) {
    if (entry.withdrawnAt) continue;
    const published: PublishedEvidence = { id: entry.id, kind: entry.kind, title: entry.title };
    if (entry.url !== undefined) published.url = entry.url;
    if (entry.file) published.file = { ...entry.file };
    (byItem[entry.itemId] ??= []).push(published);
  }
  return byItem;
}

/** The published evidence with this id in a publication of the jurisdiction and year, if any (only such files are public). */
export async function findPublishedEvidence(
  db: MigovDatabase,
  filters: { year: number; jurisdiction: string; evidenceId: string },
): Promise<PublishedEvidence | undefined> {
  for (const publication of await listPublications(db, { year: filters.year, jurisdiction: filters.jurisdiction })) {
    for (const entries of Object.values(publication.evidence)) {
      const found = entries.find((entry) => entry.id === filters.evidenceId);
      if (found) return found;
    }
  }
  return undefined;
}

/** A condition on publications aliased `p`: no publication of the same assessment has a greater number (a correction is n + 1). */
export const IS_LATEST_PUBLICATION = sql<boolean>`not exists (select 1 from publications as newer where newer.assessment_id = p.assessment_id and newer.publication_number > p.publication_number)`;

/**
 * A page of {@link getPublishedResults} (by jurisdiction, then assessment): the page is chosen in the
 * query, so a page reads its own publications, not the whole round.
 */
export async function pagePublishedResults(
  db: MigovDatabase,
  filters: { year: number; instrument: string; page?: PageRequest },
): Promise<Page<Publication>> {
  const { limit, offset } = resolvePage(filters.page);
  const query = db.kysely
    .selectFrom('publications as p')
    .where('p.year', '=', filters.year)
    .where('p.instrument', '=', filters.instrument)
    .where(IS_LATEST_PUBLICATION);
  const [rows, count] = await Promise.all([
    query.selectAll('p').orderBy('p.jurisdiction').orderBy('p.assessment_id').limit(limit).offset(offset).execute(),
    query.select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((row) => toPublication(db, row)), total: readNumber(count.count), limit, offset };
}

/** The latest publication per jurisdiction for a year and instrument, with its domain categories. */
export async function getPublishedResults(
  db: MigovDatabase,
  filters: { year: number; instrument: string },
): Promise<Publication[]> {
  const rows = await db.kysely
    .selectFrom('publications as p')
    .selectAll('p')
    .where('p.year', '=', filters.year)
    .where('p.instrument', '=', filters.instrument)
    .where(IS_LATEST_PUBLICATION)
    .orderBy('p.jurisdiction')
    .orderBy('p.assessment_id')
    .execute();
  return rows.map((row) => toPublication(db, row));
}
