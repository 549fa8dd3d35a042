/**
 * Assessments: one per jurisdiction and round. Saves and transitions use optimistic locking in one
 * conditional UPDATE (`where lock_version = expected`), so two editors never overwrite each other
 * silently; every change appends a revision with before and after in the same transaction.
 */
import {
  ASSESSMENT_STATES,
  decideAssessmentAction,
  isEditableState,
  scoreAssessment,
  type AssessmentState,
  type InstrumentVersion,
  type Role,
  type TransitionAction,
} from '@migov/core';
import { inTransaction, type MigovDatabase } from '../database.ts';
import {
  ConflictError,
  NotFoundError,
  TransitionError,
  ValidationError,
  assertNoProblems,
  type FieldProblem,
} from '../errors.ts';
import { loadInstrumentRegistry } from '../instruments/instruments.repository.ts';
import { SUBNATIONAL_CODE } from '../jurisdictions/jurisdictions.repository.ts';
import { readEvidence } from '../evidence/evidence.repository.ts';
import { toPublishedEvidence } from '../publications/publications.repository.ts';
import { toPublishedResults } from '../publications/published-results.ts';
import { nowIso, readNumber, writeJson } from '../schema/codec.ts';
import { newId } from '../schema/ids.ts';
import { resolvePage, type Page, type PageRequest } from '../shared/page.ts';
import { isUniqueViolation } from '../shared/unique.ts';
import { likePrefix } from '../shared/like.ts';
import {
  answeredItemsOf,
  insertRevision,
  loadAssessment,
  requireAssessment,
  selectAssessmentHeaders,
  selectAssessments,
  toAssessmentSummary,
  toResponses,
  type Assessment,
  type AssessmentSummary,
  type ResponseValue,
} from './assessment-store.ts';

export type { Assessment, AssessmentSummary, ResponseValue };

/** Longest comment on a response, in characters. */
const MAX_RESPONSE_COMMENT = 10_000;

/** Start an assessment (draft) for a jurisdiction in a round; ConflictError if it exists. */
export async function createAssessment(
  db: MigovDatabase,
  input: { jurisdiction: string; roundId: string },
  actorId: string | null,
): Promise<Assessment> {
  const problems: FieldProblem[] = [];
  const isCountry =
    typeof input.jurisdiction === 'string' &&
    /^\d{1,3}$/.test(input.jurisdiction) &&
    String(Number(input.jurisdiction)) === input.jurisdiction;
  const isSubnational = typeof input.jurisdiction === 'string' && SUBNATIONAL_CODE.test(input.jurisdiction);
  if (!isCountry && !isSubnational) {
    problems.push({
      field: 'jurisdiction',
      value: input.jurisdiction,
      message: 'must be an M49 code without leading zeros (e.g. 484) or a sub-national code (e.g. 484-CMX)',
    });
  }
  assertNoProblems(problems);
  const round = await db.kysely.selectFrom('rounds').select('id').where('id', '=', input.roundId).executeTakeFirst();
  if (!round) throw new ValidationError([{ field: 'roundId', value: input.roundId, message: 'no such round' }]);
  if (isSubnational) {
    const known = await db.kysely
      .selectFrom('jurisdictions')
      .select('code')
      .where('code', '=', input.jurisdiction)
      .executeTakeFirst();
    if (!known)
      throw new ValidationError([
        {
          field: 'jurisdiction',
          value: input.jurisdiction,
          message: 'no such sub-national jurisdiction; create it first',
        },
      ]);
  }
  const id = newId();
  try {
    return await inTransaction(db, async (trx) => {
      const now = nowIso();
      await trx
        .insertInto('assessments')
        .values({
          id,
          jurisdiction: input.jurisdiction,
          round_id: input.roundId,
          state: 'draft',
          lock_version: 1,
          revision_count: 1,
          cycle: 1,
          created_at: now,
          created_by: actorId,
          updated_at: now,
          updated_by: actorId,
        })
        .execute();
      await insertRevision(trx, id, 1, {
        actorId,
        action: 'create',
        before: null,
        after: { state: 'draft', jurisdiction: input.jurisdiction, roundId: input.roundId },
      });
      return requireAssessment(trx, id);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await selectAssessments(db.kysely)
      .where('jurisdiction', '=', input.jurisdiction)
      .where('round_id', '=', input.roundId)
      .executeTakeFirst();
    throw new ConflictError(
      `an assessment for ${input.jurisdiction} in this round already exists`,
      existing ? await loadAssessment(db.kysely, existing.id) : undefined,
    );
  }
}

/** The assessment with its responses, or undefined. */
export async function findAssessment(db: MigovDatabase, id: string): Promise<Assessment | undefined> {
  return loadAssessment(db.kysely, id);
}

/** The assessment with its responses; throws NotFoundError. */
export async function getAssessment(db: MigovDatabase, id: string): Promise<Assessment> {
  return requireAssessment(db.kysely, id);
}

/** Filters of listAssessments. */
export interface AssessmentFilters {
  jurisdiction?: string;
  roundId?: string;
  state?: AssessmentState;
  /** Scope filter: only these areas (M49 or sub-national codes) and the sub-national jurisdictions under them. */
  areas?: readonly string[];
  page?: PageRequest;
}

/** Assessments (without responses), newest round first then by jurisdiction. */
export async function listAssessments(
  db: MigovDatabase,
  filters: AssessmentFilters = {},
): Promise<Page<AssessmentSummary>> {
  const { limit, offset } = resolvePage(filters.page);
  if (filters.state !== undefined && !(ASSESSMENT_STATES as readonly string[]).includes(filters.state)) {
    throw new ValidationError([
      { field: 'state', value: filters.state, message: `must be one of ${ASSESSMENT_STATES.join(', ')}` },
    ]);
  }
  if (filters.areas && filters.areas.length === 0) return { items: [], total: 0, limit, offset };
  // The page is chosen first and only its rows count their answered items: counting for every match
  // before sorting made the list grow with the whole table (bench/world).
  let query = selectAssessmentHeaders(db.kysely);
  if (filters.jurisdiction) query = query.where('assessments.jurisdiction', '=', filters.jurisdiction);
  if (filters.roundId) query = query.where('assessments.round_id', '=', filters.roundId);
  if (filters.state) query = query.where('assessments.state', '=', filters.state);
  if (filters.areas) {
    const areas = [...filters.areas];
    query = query.where((eb) =>
      eb.or([
        eb('assessments.jurisdiction', 'in', areas),
        ...areas.map((area) => likePrefix(eb.ref('assessments.jurisdiction'), `${area}-`)),
      ]),
    );
  }
  const rows = await query
    .orderBy('rounds.year', 'desc')
    .orderBy('assessments.jurisdiction')
    .orderBy('assessments.id')
    .limit(limit)
    .offset(offset)
    .execute();
  const answered = await answeredItemsOf(
    db.kysely,
    rows.map((row) => row.id),
  );
  const count = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow();
  return {
    items: rows.map((row) => toAssessmentSummary({ ...row, answered_items: answered.get(row.id) ?? 0 })),
    total: readNumber(count.count),
    limit,
    offset,
  };
}

/** One change to a response: undefined keeps a field, null clears it, a string sets it. */
export interface ResponseChange {
  itemId: string;
  optionId?: string | null;
  comment?: string | null;
}

// An instrument id@version is never overwritten once stored, so a found version can be cached per database.
const instrumentCache = new WeakMap<MigovDatabase, Map<string, InstrumentVersion>>();

async function instrumentOf(db: MigovDatabase, assessment: AssessmentSummary): Promise<InstrumentVersion> {
  const key = `${assessment.instrument}@${assessment.version}`;
  const cache = instrumentCache.get(db) ?? new Map<string, InstrumentVersion>();
  instrumentCache.set(db, cache);
  const cached = cache.get(key);
  if (cached) return cached;
  const registry = await loadInstrumentRegistry(db);
  const instrument = registry.find(assessment.instrument, assessment.version);
  if (!instrument) throw new Error(`instrument ${key} of assessment ${assessment.id} is not available`);
  cache.set(key, instrument);
  return instrument;
}

function checkChanges(instrument: InstrumentVersion, changes: readonly ResponseChange[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!Array.isArray(changes) || changes.length === 0)
    return [{ field: 'changes', value: changes, message: 'must list at least one change' }];
  const options = new Map<string, string[]>();
  for (const domain of instrument.domains)
    for (const item of domain.items)
      options.set(
        item.id,
        (instrument.scales[item.scale] ?? []).map((option) => option.id),
      );
  const seen = new Set<string>();
  changes.forEach((change, index) => {
    const allowed = options.get(change.itemId);
    if (!allowed) {
      problems.push({
        field: `changes[${index}].itemId`,
        value: change.itemId,
        message: `no item ${String(change.itemId)} in ${instrument.instrument}@${instrument.version}`,
      });
      return;
    }
    if (seen.has(change.itemId))
      problems.push({
        field: `changes[${index}].itemId`,
        value: change.itemId,
        message: 'the same item is changed twice in one save',
      });
    seen.add(change.itemId);
    if (change.optionId !== undefined && change.optionId !== null && !allowed.includes(change.optionId)) {
      problems.push({
        field: `changes[${index}].optionId`,
        value: change.optionId,
        message: `item ${change.itemId} has no option "${String(change.optionId)}" (options: ${allowed.join(', ')})`,
      });
    }
    if (
      change.comment !== undefined &&
      change.comment !== null &&
      (typeof change.comment !== 'string' || change.comment.length > MAX_RESPONSE_COMMENT)
    ) {
      problems.push({
        field: `changes[${index}].comment`,
        value: typeof change.comment === 'string' ? `${change.comment.slice(0, 40)}…` : change.comment,
        message: `must be text of at most ${MAX_RESPONSE_COMMENT} characters`,
      });
    }
    if (change.optionId === undefined && change.comment === undefined)
      problems.push({
        field: `changes[${index}]`,
        value: change.itemId,
        message: 'changes neither optionId nor comment',
      });
  });
  return problems;
}

/** Why a conditional update matched no row: gone, stale lock version, or a state that forbids the action. */
async function explainMiss(
  db: MigovDatabase,
  assessmentId: string,
  expectedLockVersion: number,
  action: string,
): Promise<never> {
  const current = await loadAssessment(db.kysely, assessmentId);
  if (!current) throw new NotFoundError('assessment', assessmentId);
  if (current.lockVersion !== expectedLockVersion) {
    throw new ConflictError(
      `assessment ${assessmentId} was changed by someone else (lock version ${current.lockVersion}, expected ${expectedLockVersion})`,
      current,
    );
  }
  throw new TransitionError(
    current.state,
    action,
    'not-allowed-in-state',
    `cannot ${action} an assessment that is ${current.state}`,
  );
}

/** Input of saveResponses. */
export interface SaveResponsesInput {
  assessmentId: string;
  expectedLockVersion: number;
  changes: readonly ResponseChange[];
}

/**
 * Save response changes if `expectedLockVersion` is current (ConflictError with the current assessment
 * otherwise) and the state allows editing (draft, returned). Returns the assessment with lockVersion + 1.
 */
export async function saveResponses(
  db: MigovDatabase,
  input: SaveResponsesInput,
  actorId: string | null,
): Promise<Assessment> {
  if (!Number.isInteger(input.expectedLockVersion))
    throw new ValidationError([
      { field: 'expectedLockVersion', value: input.expectedLockVersion, message: 'must be an integer' },
    ]);
  // A light read first: validation needs the instrument, and a stale version is answered without a transaction.
  const header = await selectAssessments(db.kysely).where('assessments.id', '=', input.assessmentId).executeTakeFirst();
  if (!header) throw new NotFoundError('assessment', input.assessmentId);
  const snapshot = toAssessmentSummary(header);
  assertNoProblems(checkChanges(await instrumentOf(db, snapshot), input.changes));
  if (snapshot.lockVersion !== input.expectedLockVersion)
    return explainMiss(db, input.assessmentId, input.expectedLockVersion, 'edit');
  if (!isEditableState(snapshot.state))
    throw new TransitionError(
      snapshot.state,
      'edit',
      'not-allowed-in-state',
      `cannot edit an assessment that is ${snapshot.state}; edits are allowed in draft and returned`,
    );
  const result = await inTransaction(db, async (trx) => {
    const now = nowIso();
    // The lock: only one writer can move lock_version from the expected value.
    const locked = await trx
      .updateTable('assessments')
      .set((eb) => ({
        lock_version: eb('lock_version', '+', 1),
        revision_count: eb('revision_count', '+', 1),
        updated_at: now,
        updated_by: actorId,
      }))
      .where('id', '=', input.assessmentId)
      .where('lock_version', '=', input.expectedLockVersion)
      .where('state', 'in', ['draft', 'returned'])
      .returningAll()
      .executeTakeFirst();
    if (!locked) return undefined;
    const currentRows = await trx
      .selectFrom('responses')
      .select(['item_id', 'option_id', 'comment'])
      .where('assessment_id', '=', input.assessmentId)
      .execute();
    const responses = toResponses(currentRows);
    const before: Record<string, ResponseValue> = {};
    const after: Record<string, ResponseValue> = {};
    for (const change of input.changes) {
      const previous = responses[change.itemId] ?? {};
      const next: ResponseValue = { ...previous };
      if (change.optionId === null) delete next.optionId;
      else if (change.optionId !== undefined) next.optionId = change.optionId;
      if (change.comment === null) delete next.comment;
      else if (change.comment !== undefined) next.comment = change.comment;
      before[change.itemId] = previous;
      after[change.itemId] = next;
      if (next.optionId === undefined && next.comment === undefined) delete responses[change.itemId];
      else responses[change.itemId] = next;
    }
    // Cleared answers stay as a row with empty fields: nothing is deleted.
    await trx
      .insertInto('responses')
      .values(
        input.changes.map((change) => ({
          assessment_id: input.assessmentId,
          item_id: change.itemId,
          option_id: after[change.itemId]?.optionId ?? null,
          comment: after[change.itemId]?.comment ?? null,
          updated_at: now,
          updated_by: actorId,
        })),
      )
      .onConflict((conflict) =>
        conflict.columns(['assessment_id', 'item_id']).doUpdateSet((eb) => ({
          option_id: eb.ref('excluded.option_id'),
          comment: eb.ref('excluded.comment'),
          updated_at: eb.ref('excluded.updated_at'),
          updated_by: eb.ref('excluded.updated_by'),
        })),
      )
      .execute();
    await insertRevision(trx, input.assessmentId, readNumber(locked.revision_count), {
      actorId,
      action: 'save',
      before: { responses: before },
      after: { responses: after },
    });
    const answeredItems = Object.values(responses).filter((value) => value.optionId !== undefined).length;
    const saved: Assessment = {
      ...toAssessmentSummary({
        ...locked,
        year: header.year,
        instrument: header.instrument,
        version: header.version,
        answered_items: answeredItems,
      }),
      responses: toResponses(
        Object.entries(responses).map(([itemId, value]) => ({
          item_id: itemId,
          option_id: value.optionId ?? null,
          comment: value.comment ?? null,
        })),
      ),
    };
    return saved;
  });
  return result ?? explainMiss(db, input.assessmentId, input.expectedLockVersion, 'edit');
}

/** Input of transitionAssessment. */
export interface TransitionInput {
  assessmentId: string;
  expectedLockVersion: number;
  action: TransitionAction;
  reason?: string;
  /** The actor's roles for this assessment's jurisdiction; when given, the workflow's role rules are enforced here too. */
  roles?: readonly Role[];
}

/**
 * Move an assessment through the workflow (core `decideAssessmentAction`). Publishing writes an
 * immutable publication (number n + 1) with the responses and scores; reopening starts a new draft cycle.
 */
export async function transitionAssessment(
  db: MigovDatabase,
  input: TransitionInput,
  actorId: string | null,
): Promise<Assessment> {
  const snapshot = await requireAssessment(db.kysely, input.assessmentId);
  if (snapshot.lockVersion !== input.expectedLockVersion) {
    throw new ConflictError(
      `assessment ${input.assessmentId} was changed by someone else (lock version ${snapshot.lockVersion}, expected ${input.expectedLockVersion})`,
      snapshot,
    );
  }
  const decision = decideAssessmentAction({
    state: snapshot.state,
    action: input.action,
    reason: input.reason,
    ...(input.roles ? { roles: input.roles } : {}),
  });
  if (!decision.ok || input.action === ('edit' as string) || input.action === ('comment' as string)) {
    throw new TransitionError(
      snapshot.state,
      input.action,
      decision.ok ? 'unknown-action' : decision.refusal,
      decision.ok ? `${input.action} is not a transition` : decision.message,
    );
  }
  const reason = input.reason?.trim() || null;
  let publication: { responses: Record<string, string>; results: ReturnType<typeof toPublishedResults> } | undefined;
  if (input.action === 'publish') {
    const instrument = await instrumentOf(db, snapshot);
    const responses = Object.fromEntries(
      Object.entries(snapshot.responses).flatMap(([itemId, value]) =>
        value.optionId ? [[itemId, value.optionId]] : [],
      ),
    );
    const scored = scoreAssessment(instrument, responses);
    if (scored.status !== 'scored') {
      const why =
        scored.status === 'invalid'
          ? scored.problems.map((problem) => problem.message).join('; ')
          : scored.overall.status === 'incomplete'
            ? scored.overall.reason
            : 'not scored';
      throw new TransitionError(snapshot.state, 'publish', 'incomplete', `cannot publish: ${why}`);
    }
    publication = { responses, results: toPublishedResults(scored) };
  }
  const result = await inTransaction(db, async (trx) => {
    const now = nowIso();
    const moved = await trx
      .updateTable('assessments')
      .set((eb) => ({
        state: decision.to,
        lock_version: eb('lock_version', '+', 1),
        revision_count: eb('revision_count', '+', 1),
        cycle: input.action === 'reopen' ? eb('cycle', '+', 1) : eb.ref('cycle'),
        updated_at: now,
        updated_by: actorId,
      }))
      .where('id', '=', input.assessmentId)
      .where('lock_version', '=', input.expectedLockVersion)
      .where('state', '=', snapshot.state)
      .returning(['revision_count', 'cycle'])
      .executeTakeFirst();
    if (!moved) return undefined;
    const after: Record<string, unknown> = { state: decision.to };
    if (input.action === 'reopen') after.cycle = readNumber(moved.cycle);
    if (publication) {
      const last = await trx
        .selectFrom('publications')
        .select((eb) => eb.fn.max('publication_number').as('last'))
        .where('assessment_id', '=', input.assessmentId)
        .executeTakeFirst();
      const publicationNumber = (last?.last === null || last?.last === undefined ? 0 : readNumber(last.last)) + 1;
      await trx
        .insertInto('publications')
        .values({
          id: newId(),
          assessment_id: input.assessmentId,
          jurisdiction: snapshot.jurisdiction,
          round_id: snapshot.roundId,
          year: snapshot.year,
          instrument: snapshot.instrument,
          version: snapshot.version,
          publication_number: publicationNumber,
          responses: writeJson(publication.responses),
          results: writeJson(publication.results),
          evidence: writeJson(toPublishedEvidence(await readEvidence(trx, { assessmentId: input.assessmentId }))),
          published_at: now,
          published_by: actorId,
        })
        .execute();
      await trx
        .updateTable('assessments')
        .set({ published_version: publicationNumber })
        .where('id', '=', input.assessmentId)
        .execute();
      after.publication = publicationNumber;
    }
    await insertRevision(trx, input.assessmentId, readNumber(moved.revision_count), {
      actorId,
      action: input.action,
      reason,
      before: { state: snapshot.state, ...(input.action === 'reopen' ? { cycle: snapshot.cycle } : {}) },
      after,
    });
    return requireAssessment(trx, input.assessmentId);
  });
  return result ?? explainMiss(db, input.assessmentId, input.expectedLockVersion, input.action);
}
