/** The history of an assessment: append-only revisions with before and after, and diffs between two. */
import type { MigovDatabase } from '../database.ts';
import { ValidationError } from '../errors.ts';
import { readJson, readNumber, readOptional, readTimestamp } from '../schema/codec.ts';
import { requireAssessment, type ResponseValue } from '../assessments/assessment-store.ts';

/** One entry of an assessment's history. Actions: create, save, submit … reopen, evidence.add, evidence.withdraw, comment. */
export interface Revision {
  revision: number;
  at: string;
  actorId?: string;
  /** Who made the change, as people know them: the user's name, else the e-mail (for signed-in readers only). */
  actorName?: string;
  action: string;
  reason?: string;
  before: unknown;
  after: unknown;
}

/** An assessment's revisions, oldest first, each with its actor's display name. */
export async function listRevisions(
  db: MigovDatabase,
  filters: { assessmentId: string; fromRevision?: number; toRevision?: number },
): Promise<Revision[]> {
  let query = db.kysely
    .selectFrom('revisions')
    .leftJoin('users', 'users.id', 'revisions.actor_id')
    .selectAll('revisions')
    .select(['users.name as actor_name', 'users.email as actor_email'])
    .where('revisions.assessment_id', '=', filters.assessmentId);
  if (filters.fromRevision !== undefined) query = query.where('revisions.revision', '>=', filters.fromRevision);
  if (filters.toRevision !== undefined) query = query.where('revisions.revision', '<=', filters.toRevision);
  const rows = await query.orderBy('revisions.revision').execute();
  return rows.map((row) => {
    const revision: Revision = {
      revision: readNumber(row.revision),
      at: readTimestamp(row.at),
      action: row.action,
      before: readJson(db.dialect, row.before) ?? null,
      after: readJson(db.dialect, row.after) ?? null,
    };
    const actorId = readOptional(row.actor_id);
    if (actorId !== undefined) revision.actorId = actorId;
    const actorName = readOptional(row.actor_name)?.trim() || readOptional(row.actor_email);
    if (actorName) revision.actorName = actorName;
    const reason = readOptional(row.reason);
    if (reason !== undefined) revision.reason = reason;
    return revision;
  });
}

/** The latest revision of an assessment with one of the actions: when, and who (id and display name). */
export async function findLatestRevision(
  db: MigovDatabase,
  filters: { assessmentId: string; actions: readonly string[] },
): Promise<{ revision: number; at: string; actorId?: string; actorName?: string } | undefined> {
  if (filters.actions.length === 0) return undefined;
  const row = await db.kysely
    .selectFrom('revisions')
    .leftJoin('users', 'users.id', 'revisions.actor_id')
    .select([
      'revisions.revision',
      'revisions.at',
      'revisions.actor_id',
      'users.name as actor_name',
      'users.email as actor_email',
    ])
    .where('revisions.assessment_id', '=', filters.assessmentId)
    .where('revisions.action', 'in', [...filters.actions])
    .orderBy('revisions.revision', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  const found: { revision: number; at: string; actorId?: string; actorName?: string } = {
    revision: readNumber(row.revision),
    at: readTimestamp(row.at),
  };
  const actorId = readOptional(row.actor_id);
  if (actorId !== undefined) found.actorId = actorId;
  const actorName = readOptional(row.actor_name)?.trim() || readOptional(row.actor_email);
  if (actorName) found.actorName = actorName;
  return found;
}

/** How one item changed between two revisions. */
interface ItemChange {
  itemId: string;
  before: ResponseValue;
  after: ResponseValue;
}

/** What changed from one revision to a later one. */
export interface RevisionDiff {
  assessmentId: string;
  fromRevision: number;
  toRevision: number;
  /** Items whose answer or comment differs, with the value at `fromRevision` and at `toRevision`. */
  items: ItemChange[];
  state?: { before: string; after: string };
  /** The other changes in between (evidence, comments, transitions), in order. */
  events: { revision: number; action: string; actorId?: string; actorName?: string; reason?: string }[];
}

function sameValue(left: ResponseValue, right: ResponseValue): boolean {
  return left.optionId === right.optionId && left.comment === right.comment;
}

/** The changes after `fromRevision` up to and including `toRevision`. */
export async function diffRevisions(
  db: MigovDatabase,
  assessmentId: string,
  fromRevision: number,
  toRevision: number,
): Promise<RevisionDiff> {
  const assessment = await requireAssessment(db.kysely, assessmentId);
  if (
    !Number.isInteger(fromRevision) ||
    !Number.isInteger(toRevision) ||
    fromRevision < 0 ||
    toRevision < fromRevision ||
    toRevision > assessment.revision
  ) {
    throw new ValidationError([
      {
        field: 'fromRevision..toRevision',
        value: `${fromRevision}..${toRevision}`,
        message: `must satisfy 0 <= from <= to <= ${assessment.revision} (the latest revision)`,
      },
    ]);
  }
  const revisions = await listRevisions(db, { assessmentId, fromRevision: fromRevision + 1, toRevision });
  const first = new Map<string, ResponseValue>();
  const last = new Map<string, ResponseValue>();
  let stateBefore: string | undefined;
  let stateAfter: string | undefined;
  const events: RevisionDiff['events'] = [];
  for (const revision of revisions) {
    const before = revision.before as { responses?: Record<string, ResponseValue>; state?: string } | null;
    const after = revision.after as { responses?: Record<string, ResponseValue>; state?: string } | null;
    if (after?.responses) {
      for (const [itemId, value] of Object.entries(after.responses)) {
        if (!first.has(itemId)) first.set(itemId, before?.responses?.[itemId] ?? {});
        last.set(itemId, value);
      }
    }
    if (after?.state) {
      if (stateAfter === undefined) stateBefore = before?.state ?? '(new)';
      stateAfter = after.state;
    }
    if (revision.action !== 'save') {
      const event: RevisionDiff['events'][number] = { revision: revision.revision, action: revision.action };
      if (revision.actorId) event.actorId = revision.actorId;
      if (revision.actorName) event.actorName = revision.actorName;
      if (revision.reason) event.reason = revision.reason;
      events.push(event);
    }
  }
  const items = [...last.entries()]
    .map(([itemId, after]) => ({ itemId, before: first.get(itemId) ?? {}, after }))
    .filter((change) => !sameValue(change.before, change.after))
    .sort((left, right) => left.itemId.localeCompare(right.itemId));
  const diff: RevisionDiff = { assessmentId, fromRevision, toRevision, items, events };
  if (stateAfter !== undefined && stateBefore !== stateAfter)
    diff.state = { before: stateBefore ?? '(new)', after: stateAfter };
  return diff;
}
