/**
 * Shared internals of the assessment repositories: loading an assessment with its responses inside
 * any transaction, and appending a revision (the per-assessment revision counter is bumped in the
 * same statement that locks the assessment row, so revision numbers never collide).
 */
import type { Kysely, Selectable } from 'kysely';
import type { AssessmentState } from '@migov/core';
import { NotFoundError } from '../errors.ts';
import { nowIso, readNumber, readOptional, readOptionalNumber, readTimestamp, writeJson } from '../schema/codec.ts';
import type { AssessmentsTable, RoundsTable, Schema } from '../schema/schema.ts';

/** One answer: the chosen option and/or a comment. */
export interface ResponseValue {
  optionId?: string;
  comment?: string;
}

/** An assessment without its responses, as lists return it. */
export interface AssessmentSummary {
  id: string;
  jurisdiction: string;
  roundId: string;
  year: number;
  instrument: string;
  version: string;
  state: AssessmentState;
  /** Bumped by every save and transition; pass it back as expectedLockVersion. */
  lockVersion: number;
  /** The number of the latest revision (history entry). */
  revision: number;
  /** 1 for the first draft, +1 each time the assessment is reopened. */
  cycle: number;
  createdAt: string;
  createdBy?: string;
  updatedAt: string;
  updatedBy?: string;
  /** The number of the latest publication, if published at least once. */
  publishedVersion?: number;
  /** How many items have a chosen option (for progress in lists). */
  answeredItems: number;
}

/** An assessment with its responses by item id. */
export interface Assessment extends AssessmentSummary {
  responses: Record<string, ResponseValue>;
}

type AssessmentRow = Selectable<AssessmentsTable> &
  Pick<Selectable<RoundsTable>, 'year' | 'instrument' | 'version'> & { answered_items: unknown };

/** An assessment row (joined with its round) as a summary. */
export function toAssessmentSummary(row: AssessmentRow): AssessmentSummary {
  const summary: AssessmentSummary = {
    id: row.id,
    jurisdiction: row.jurisdiction,
    roundId: row.round_id,
    year: readNumber(row.year),
    instrument: row.instrument,
    version: row.version,
    state: row.state as AssessmentState,
    lockVersion: readNumber(row.lock_version),
    revision: readNumber(row.revision_count),
    cycle: readNumber(row.cycle),
    createdAt: readTimestamp(row.created_at),
    updatedAt: readTimestamp(row.updated_at),
    answeredItems: readNumber(row.answered_items),
  };
  const createdBy = readOptional(row.created_by);
  if (createdBy !== undefined) summary.createdBy = createdBy;
  const updatedBy = readOptional(row.updated_by);
  if (updatedBy !== undefined) summary.updatedBy = updatedBy;
  const publishedVersion = readOptionalNumber(row.published_version);
  if (publishedVersion !== undefined) summary.publishedVersion = publishedVersion;
  return summary;
}

/** Assessments joined with their round, without the count of answered items (see answeredItemsOf). */
export function selectAssessmentHeaders(kysely: Kysely<Schema>) {
  return kysely
    .selectFrom('assessments')
    .innerJoin('rounds', 'rounds.id', 'assessments.round_id')
    .selectAll('assessments')
    .select(['rounds.year', 'rounds.instrument', 'rounds.version']);
}

/** How many items have a chosen option, per assessment, in one query (0 for assessments without any). */
export async function answeredItemsOf(kysely: Kysely<Schema>, ids: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(ids.map((id) => [id, 0]));
  if (ids.length === 0) return counts;
  const rows = await kysely
    .selectFrom('responses')
    .select((eb) => ['assessment_id', eb.fn.countAll().as('count')])
    .where('assessment_id', 'in', [...ids])
    .where('option_id', 'is not', null)
    .groupBy('assessment_id')
    .execute();
  for (const row of rows) counts.set(row.assessment_id, readNumber(row.count));
  return counts;
}

/** The base query of assessments joined with their round. */
export function selectAssessments(kysely: Kysely<Schema>) {
  return selectAssessmentHeaders(kysely).select((eb) =>
    eb
      .selectFrom('responses')
      .select((inner) => inner.fn.countAll().as('count'))
      .whereRef('responses.assessment_id', '=', 'assessments.id')
      .where('responses.option_id', 'is not', null)
      .as('answered_items'),
  );
}

/** A response row as a value (empty fields left out). */
function toResponseValue(row: { option_id: string | null; comment: string | null }): ResponseValue {
  const value: ResponseValue = {};
  if (row.option_id !== null) value.optionId = row.option_id;
  if (row.comment !== null) value.comment = row.comment;
  return value;
}

/** Responses rows as the map an assessment carries (rows with neither option nor comment are left out). */
export function toResponses(
  rows: readonly { item_id: string; option_id: string | null; comment: string | null }[],
): Record<string, ResponseValue> {
  const responses: Record<string, ResponseValue> = {};
  for (const row of [...rows].sort((left, right) =>
    left.item_id < right.item_id ? -1 : left.item_id > right.item_id ? 1 : 0,
  )) {
    const value = toResponseValue(row);
    if (value.optionId !== undefined || value.comment !== undefined) responses[row.item_id] = value;
  }
  return responses;
}

/** Load an assessment with its responses, or undefined. */
export async function loadAssessment(kysely: Kysely<Schema>, id: string): Promise<Assessment | undefined> {
  const row = await selectAssessments(kysely).where('assessments.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const responseRows = await kysely
    .selectFrom('responses')
    .select(['item_id', 'option_id', 'comment'])
    .where('assessment_id', '=', id)
    .execute();
  return { ...toAssessmentSummary(row), responses: toResponses(responseRows) };
}

/** Load an assessment or throw NotFoundError. */
export async function requireAssessment(kysely: Kysely<Schema>, id: string): Promise<Assessment> {
  const assessment = await loadAssessment(kysely, id);
  if (!assessment) throw new NotFoundError('assessment', id);
  return assessment;
}

/** What a revision records. */
export interface RevisionInput {
  actorId: string | null;
  action: string;
  reason?: string | null;
  before: unknown;
  after: unknown;
}

/** Insert a revision with a number already reserved (by the UPDATE that bumped revision_count). */
export async function insertRevision(
  kysely: Kysely<Schema>,
  assessmentId: string,
  revision: number,
  input: RevisionInput,
): Promise<void> {
  await kysely
    .insertInto('revisions')
    .values({
      assessment_id: assessmentId,
      revision,
      at: nowIso(),
      actor_id: input.actorId,
      action: input.action,
      reason: input.reason ?? null,
      before: input.before === undefined || input.before === null ? null : writeJson(input.before),
      after: input.after === undefined || input.after === null ? null : writeJson(input.after),
    })
    .execute();
}

/**
 * Reserve the next revision number and append the revision, for changes that do not move the lock
 * version (evidence, comments). Returns the assessment's state at that moment.
 */
export async function appendRevision(
  kysely: Kysely<Schema>,
  assessmentId: string,
  input: RevisionInput,
): Promise<{ revision: number; state: AssessmentState }> {
  const row = await kysely
    .updateTable('assessments')
    .set((eb) => ({ revision_count: eb('revision_count', '+', 1) }))
    .where('id', '=', assessmentId)
    .returning(['revision_count', 'state'])
    .executeTakeFirst();
  if (!row) throw new NotFoundError('assessment', assessmentId);
  const revision = readNumber(row.revision_count);
  await insertRevision(kysely, assessmentId, revision, input);
  return { revision, state: row.state as AssessmentState };
}
