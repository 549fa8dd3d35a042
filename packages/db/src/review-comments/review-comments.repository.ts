/** Review comments on an assessment or one of its items: append-only, allowed in every state. */
import type { Selectable } from 'kysely';
import { inTransaction, type MigovDatabase } from '../database.ts';
import { assertNoProblems, type FieldProblem } from '../errors.ts';
import { nowIso, readOptional, readTimestamp } from '../schema/codec.ts';
import { newId } from '../schema/ids.ts';
import type { ReviewCommentsTable } from '../schema/schema.ts';
import { appendRevision, requireAssessment } from '../assessments/assessment-store.ts';

/** A review comment. */
export interface ReviewComment {
  id: string;
  assessmentId: string;
  itemId?: string;
  body: string;
  createdAt: string;
  createdBy?: string;
}

function toReviewComment(row: Selectable<ReviewCommentsTable>): ReviewComment {
  const comment: ReviewComment = {
    id: row.id,
    assessmentId: row.assessment_id,
    body: row.body,
    createdAt: readTimestamp(row.created_at),
  };
  const itemId = readOptional(row.item_id);
  if (itemId !== undefined) comment.itemId = itemId;
  const createdBy = readOptional(row.created_by);
  if (createdBy !== undefined) comment.createdBy = createdBy;
  return comment;
}

/** Longest comment body, in characters. */
const MAX_COMMENT_BODY = 10_000;

/** Comment on an assessment (or one item of it); appends a revision. */
export async function addReviewComment(
  db: MigovDatabase,
  input: { assessmentId: string; itemId?: string; body: string },
  actorId: string | null,
): Promise<ReviewComment> {
  await requireAssessment(db.kysely, input.assessmentId);
  const problems: FieldProblem[] = [];
  if (typeof input.body !== 'string' || input.body.trim() === '' || input.body.length > MAX_COMMENT_BODY)
    problems.push({ field: 'body', message: `must be 1 to ${MAX_COMMENT_BODY} characters` });
  if (input.itemId !== undefined && (typeof input.itemId !== 'string' || !/^[a-z0-9][a-z0-9.-]*$/.test(input.itemId)))
    problems.push({ field: 'itemId', value: input.itemId, message: 'must be an item id' });
  assertNoProblems(problems);
  return inTransaction(db, async (trx) => {
    const id = newId();
    const row = await trx
      .insertInto('review_comments')
      .values({
        id,
        assessment_id: input.assessmentId,
        item_id: input.itemId ?? null,
        body: input.body,
        created_at: nowIso(),
        created_by: actorId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendRevision(trx, input.assessmentId, {
      actorId,
      action: 'comment',
      before: null,
      after: { comment: { id, ...(input.itemId ? { itemId: input.itemId } : {}), body: input.body } },
    });
    return toReviewComment(row);
  });
}

/** Comments of an assessment (optionally one item), oldest first. */
export async function listReviewComments(
  db: MigovDatabase,
  filters: { assessmentId: string; itemId?: string },
): Promise<ReviewComment[]> {
  let query = db.kysely.selectFrom('review_comments').selectAll().where('assessment_id', '=', filters.assessmentId);
  if (filters.itemId) query = query.where('item_id', '=', filters.itemId);
  return (await query.orderBy('created_at').orderBy('id').execute()).map(toReviewComment);
}
