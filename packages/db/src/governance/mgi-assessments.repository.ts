/**
 * MGI-style assessments per jurisdiction (national or city) and round (baseline, follow-up): the
 * current answers with an append-only history of every saved answer, the process (core
 * `applyMgiAction`) with an append-only event per action, and the users invited to comment on the
 * draft profile for a ministry. Every write takes the expected lock version (optimistic locking): a
 * stale one throws ConflictError carrying the stored assessment.
 */
import type { Kysely, Selectable } from 'kysely';
import {
  applyMgiAction,
  computeProfile,
  nextRoundKind,
  startMgiProcess,
  type MgiJurisdictionLevel,
  type MgiProcess,
  type MgiProcessAction,
  type MgiProcessRefusal,
  type MgiProcessState,
  type MgiRoundKind,
  type InstrumentVersion,
  type ProfileResponses,
  type ProfileResult,
  type Role,
} from '@migov/core';
import { inTransaction, type MigovDatabase } from '../database.ts';
import { assertNoProblems, ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../errors.ts';
import { readJson, readNumber, readTimestamp, toIsoTimestamp, writeJson } from '../schema/codec.ts';
import { newId } from '../schema/ids.ts';
import type { MgiAssessmentsTable, Schema } from '../schema/schema.ts';
import { isUniqueViolation } from '../shared/unique.ts';
import { likePrefix } from '../shared/like.ts';
import { resolvePage, type Page, type PageRequest } from '../shared/page.ts';

/** Process states in which answers may still be saved (collection, and the draft before or after a consultation). */
const MGI_ANSWER_STATES: readonly MgiProcessState[] = ['data-collection', 'draft-profile'];

/** One answer: the chosen option and its narrative evidence. */
interface MgiAnswer {
  optionId?: string;
  comment?: string;
}

/** A stored MGI-style assessment. */
export interface MgiAssessment {
  id: string;
  jurisdiction: string;
  jurisdictionName: string;
  level: MgiJurisdictionLevel;
  year: number;
  roundKind: MgiRoundKind;
  instrument: string;
  instrumentVersion: string;
  state: MgiProcessState;
  lockVersion: number;
  responses: Record<string, MgiAnswer>;
  process: MgiProcess;
  createdAt: string;
  createdBy?: string;
  updatedAt: string;
}

/** A new assessment of a jurisdiction in a round; its kind (baseline or follow-up) follows from its earlier rounds. */
export interface NewMgiAssessment {
  jurisdiction: string;
  jurisdictionName: string;
  level: MgiJurisdictionLevel;
  year: number;
  instrument: string;
  instrumentVersion: string;
  /** Start from the answers of the jurisdiction's latest earlier round (a follow-up updates them). */
  startFromPrevious?: boolean;
  createdAt: string;
}

/** The outcome of a write that the process may refuse: the stored assessment, or why nothing changed. */
export type MgiWriteResult =
  | { ok: true; assessment: MgiAssessment }
  | { ok: false; refusal: MgiProcessRefusal; message: string; assessment: MgiAssessment };

/** One saved answer in the history. */
export interface MgiAnswerRecord {
  itemId: string;
  optionId?: string;
  evidence?: string;
  lockVersion: number;
  createdAt: string;
  createdBy?: string;
}

/** A user invited to comment on the draft profile for a ministry, in one consultation. */
export interface MgiConsultationMember {
  consultation: number;
  ministry: string;
  userId: string;
  createdAt: string;
  createdBy?: string;
}

/** The columns every read of an assessment maps alike (the list reads only these). */
type SummaryRow = Omit<Selectable<MgiAssessmentsTable>, 'responses' | 'process' | 'created_at' | 'created_by'>;

function toSummary(row: SummaryRow): MgiAssessmentSummary {
  return {
    id: row.id,
    jurisdiction: row.jurisdiction,
    jurisdictionName: row.jurisdiction_name,
    level: row.level as MgiJurisdictionLevel,
    year: Number(row.year),
    roundKind: row.round_kind as MgiRoundKind,
    instrument: row.instrument,
    instrumentVersion: row.instrument_version,
    state: row.state as MgiProcessState,
    lockVersion: Number(row.lock_version),
    updatedAt: readTimestamp(row.updated_at),
  };
}

function toAssessment(db: MigovDatabase, row: Selectable<MgiAssessmentsTable>): MgiAssessment {
  return {
    ...toSummary(row),
    responses: readJson<Record<string, MgiAnswer>>(db.dialect, row.responses),
    process: readJson<MgiProcess>(db.dialect, row.process),
    createdAt: readTimestamp(row.created_at),
    ...(row.created_by ? { createdBy: row.created_by } : {}),
  };
}

async function readAssessment(db: MigovDatabase, kysely: Kysely<Schema>, id: string): Promise<MgiAssessment> {
  const row = await kysely.selectFrom('mgi_assessments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('MGI assessment', id);
  return toAssessment(db, row);
}

function checkNew(input: NewMgiAssessment): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const national = /^[0-9]{1,3}$/.test(input.jurisdiction);
  const local = /^[0-9]{1,3}-[A-Z0-9]{1,10}$/.test(input.jurisdiction);
  if (!national && !local)
    problems.push({
      field: 'jurisdiction',
      value: input.jurisdiction,
      message: 'must be an M49 code, or <M49>-<local code> for a city (e.g. 484-CMX)',
    });
  else if (input.level !== (national ? 'national' : 'local'))
    problems.push({
      field: 'level',
      value: input.level,
      message: `a ${national ? 'country code' : 'city code'} is ${national ? 'national' : 'local'}`,
    });
  if (
    typeof input.jurisdictionName !== 'string' ||
    input.jurisdictionName.trim() === '' ||
    input.jurisdictionName.length > 300
  )
    problems.push({ field: 'jurisdictionName', message: 'must be 1 to 300 characters' });
  if (!Number.isInteger(input.year) || input.year < 2016 || input.year > 2100)
    problems.push({
      field: 'year',
      value: input.year,
      message: 'must be a year 2016-2100 (MGI assessments exist since 2016)',
    });
  if (!input.instrument || !input.instrumentVersion)
    problems.push({ field: 'instrument', message: 'must name an instrument and version' });
  if (Number.isNaN(Date.parse(input.createdAt)))
    problems.push({ field: 'createdAt', value: input.createdAt, message: 'must be an ISO date-time' });
  return problems;
}

/**
 * Store a new assessment at `launch`. The first round of a jurisdiction is its baseline; a later year
 * is a follow-up; a year not after the latest round is refused (ValidationError), and a second
 * assessment of the same jurisdiction and year is a ConflictError.
 */
export async function createMgiAssessment(
  db: MigovDatabase,
  input: NewMgiAssessment,
  actorId: string | null,
): Promise<MgiAssessment> {
  assertNoProblems(checkNew(input));
  const earlier = await listMgiAssessments(db, { jurisdiction: input.jurisdiction });
  if (earlier.some((entry) => entry.year === input.year)) {
    throw new ConflictError(
      `${input.jurisdiction} already has an MGI-style assessment in ${input.year}`,
      earlier.find((entry) => entry.year === input.year),
    );
  }
  let roundKind: MgiRoundKind;
  try {
    roundKind = nextRoundKind(
      earlier.map((entry) => ({ jurisdiction: entry.jurisdiction, year: entry.year, kind: entry.roundKind })),
      input.jurisdiction,
      input.year,
    );
  } catch (error) {
    throw new ValidationError([
      { field: 'year', value: input.year, message: error instanceof Error ? error.message : String(error) },
    ]);
  }
  const previous = earlier.at(-1);
  const responses = input.startFromPrevious && previous ? previous.responses : {};
  const id = newId();
  const at = toIsoTimestamp(input.createdAt);
  const process = startMgiProcess({ jurisdiction: input.jurisdiction, year: input.year, roundKind });
  try {
    await db.kysely
      .insertInto('mgi_assessments')
      .values({
        id,
        jurisdiction: input.jurisdiction,
        jurisdiction_name: input.jurisdictionName.trim(),
        level: input.level,
        year: input.year,
        round_kind: roundKind,
        instrument: input.instrument,
        instrument_version: input.instrumentVersion,
        state: process.state,
        lock_version: 1,
        responses: writeJson(responses),
        process: writeJson(process),
        created_at: at,
        created_by: actorId,
        updated_at: at,
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError(`${input.jurisdiction} already has an MGI-style assessment in ${input.year}`);
    throw error;
  }
  return getMgiAssessment(db, id);
}

/** The assessment with this id, or undefined. */
export async function findMgiAssessment(db: MigovDatabase, id: string): Promise<MgiAssessment | undefined> {
  const row = await db.kysely.selectFrom('mgi_assessments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAssessment(db, row) : undefined;
}

/** The assessment with this id; throws NotFoundError. */
export async function getMgiAssessment(db: MigovDatabase, id: string): Promise<MgiAssessment> {
  return readAssessment(db, db.kysely, id);
}

/** Assessments, oldest round first, optionally of one jurisdiction or in one state. */
export async function listMgiAssessments(
  db: MigovDatabase,
  filters: { jurisdiction?: string; state?: MgiProcessState; year?: number } = {},
): Promise<MgiAssessment[]> {
  let query = db.kysely.selectFrom('mgi_assessments').selectAll();
  if (filters.jurisdiction !== undefined) query = query.where('jurisdiction', '=', filters.jurisdiction);
  if (filters.state !== undefined) query = query.where('state', '=', filters.state);
  if (filters.year !== undefined) query = query.where('year', '=', filters.year);
  const rows = await query.orderBy('jurisdiction').orderBy('year').execute();
  return rows.map((row) => toAssessment(db, row));
}

/** A published assessment with the jurisdiction's latest published round before it (what a published profile compares with). */
export interface PublishedMgiRound {
  assessment: MgiAssessment;
  previous: MgiAssessment | undefined;
}

/**
 * Every published assessment of the next `limit` jurisdictions (in jurisdiction order, after
 * `after`), each with the jurisdiction's previous published round: in one query, what reading each
 * published profile with {@link listMgiAssessments} (of its jurisdiction and year, then of its
 * jurisdiction) reads one at a time. Ordered by jurisdiction, then year; `next` is the `after` of the
 * following batch (undefined after the last).
 */
export async function listPublishedMgiRounds(
  db: MigovDatabase,
  batch: { after?: string; limit: number },
): Promise<{ items: PublishedMgiRound[]; next: string | undefined }> {
  if (!Number.isInteger(batch.limit) || batch.limit < 1)
    throw new ValidationError([{ field: 'limit', value: batch.limit, message: 'must be a whole number from 1' }]);
  let jurisdictions = db.kysely
    .selectFrom('mgi_assessments')
    .select('jurisdiction')
    .distinct()
    .where('state', '=', 'published');
  if (batch.after !== undefined) jurisdictions = jurisdictions.where('jurisdiction', '>', batch.after);
  const rows = await db.kysely
    .selectFrom('mgi_assessments')
    .selectAll()
    .where('state', '=', 'published')
    .where('jurisdiction', 'in', jurisdictions.orderBy('jurisdiction').limit(batch.limit))
    .orderBy('jurisdiction')
    .orderBy('year')
    .execute();
  const items: PublishedMgiRound[] = [];
  let previous: MgiAssessment | undefined;
  let jurisdictionCount = 0;
  for (const row of rows) {
    const assessment = toAssessment(db, row);
    if (previous?.jurisdiction !== assessment.jurisdiction) {
      previous = undefined;
      jurisdictionCount += 1;
    }
    items.push({ assessment, previous });
    previous = assessment;
  }
  return { items, next: jurisdictionCount === batch.limit ? previous?.jurisdiction : undefined };
}

/** An assessment in a list: what identifies it and where its process stands, without answers or history. */
export type MgiAssessmentSummary = Omit<MgiAssessment, 'responses' | 'process' | 'createdAt' | 'createdBy'>;

/** Filters of {@link listMgiAssessmentSummaries}. */
export interface MgiAssessmentListFilters {
  jurisdiction?: string;
  /**
   * The reader's scope: assessments of these areas (M49 or sub-national codes) and of the
   * sub-national jurisdictions under them; undefined reads every jurisdiction.
   */
  areas?: readonly string[];
  /** Also the assessments this user was ever invited to comment on (whatever the scope). */
  memberId?: string;
  page?: PageRequest;
}

/**
 * A page of the MGI-style assessments a reader may see, by jurisdiction and year: the scope and
 * the consultation membership are conditions of the one query, so a page reads its own rows only
 * (not every assessment with a membership look-up each).
 */
export async function listMgiAssessmentSummaries(
  db: MigovDatabase,
  filters: MgiAssessmentListFilters = {},
): Promise<Page<MgiAssessmentSummary>> {
  const { limit, offset } = resolvePage(filters.page);
  let query = db.kysely.selectFrom('mgi_assessments');
  if (filters.jurisdiction !== undefined) query = query.where('jurisdiction', '=', filters.jurisdiction);
  if (filters.areas) {
    const areas = [...filters.areas];
    const memberId = filters.memberId;
    if (areas.length === 0 && memberId === undefined) return { items: [], total: 0, limit, offset };
    query = query.where((eb) =>
      eb.or([
        ...(areas.length > 0 ? [eb('jurisdiction', 'in', areas)] : []),
        ...areas.map((area) => likePrefix(eb.ref('jurisdiction'), `${area}-`)),
        ...(memberId === undefined
          ? []
          : [
              eb(
                'id',
                'in',
                eb.selectFrom('mgi_consultation_members').select('assessment_id').where('user_id', '=', memberId),
              ),
            ]),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .select([
        'id',
        'jurisdiction',
        'jurisdiction_name',
        'level',
        'year',
        'round_kind',
        'instrument',
        'instrument_version',
        'state',
        'lock_version',
        'updated_at',
      ])
      // (jurisdiction, year) is unique: a stable order that the unique index reads in.
      .orderBy('jurisdiction')
      .orderBy('year')
      .limit(limit)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map(toSummary),
    total: readNumber(count.count),
    limit,
    offset,
  };
}

/** Update the row from `expected` to `expected + 1`, or throw ConflictError with what is stored. */
async function bumpRow(
  db: MigovDatabase,
  trx: Kysely<Schema>,
  current: MgiAssessment,
  values: { responses?: unknown; process?: MgiProcess; at: string },
): Promise<void> {
  const result = await trx
    .updateTable('mgi_assessments')
    .set({
      lock_version: current.lockVersion + 1,
      updated_at: values.at,
      ...(values.responses !== undefined ? { responses: writeJson(values.responses) } : {}),
      ...(values.process ? { process: writeJson(values.process), state: values.process.state } : {}),
    })
    .where('id', '=', current.id)
    .where('lock_version', '=', current.lockVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1)
    throw new ConflictError(
      `MGI assessment ${current.id} was changed meanwhile`,
      await readAssessment(db, trx, current.id),
    );
}

async function lockedAssessment(
  db: MigovDatabase,
  trx: Kysely<Schema>,
  id: string,
  expectedLockVersion: number,
): Promise<MgiAssessment> {
  const current = await readAssessment(db, trx, id);
  if (current.lockVersion !== expectedLockVersion)
    throw new ConflictError(
      `MGI assessment ${id} is at lock version ${current.lockVersion}, not ${expectedLockVersion}`,
      current,
    );
  return current;
}

/**
 * Save answers (item id -> option and narrative evidence; an empty object clears an answer). Each
 * changed item is appended to the history. Answers are saved only while data is collected or the
 * draft is revised; the caller validates items and options against the instrument.
 */
export async function saveMgiAnswers(
  db: MigovDatabase,
  input: { id: string; expectedLockVersion: number; answers: ProfileResponses; at: string },
  actorId: string | null,
): Promise<MgiWriteResult> {
  return inTransaction(db, async (trx) => {
    const current = await lockedAssessment(db, trx, input.id, input.expectedLockVersion);
    if (!MGI_ANSWER_STATES.includes(current.state)) {
      return {
        ok: false,
        refusal: 'not-allowed-in-state',
        message: `answers are saved at ${MGI_ANSWER_STATES.join(' or ')}; the process is at ${current.state}`,
        assessment: current,
      } as const;
    }
    const at = toIsoTimestamp(input.at);
    const responses = { ...current.responses };
    for (const [itemId, answer] of Object.entries(input.answers)) {
      const next: MgiAnswer = {
        ...(answer?.optionId ? { optionId: answer.optionId } : {}),
        ...(answer?.comment ? { comment: answer.comment } : {}),
      };
      const before = responses[itemId];
      if (
        (before?.optionId ?? null) === (next.optionId ?? null) &&
        (before?.comment ?? null) === (next.comment ?? null)
      )
        continue;
      if (next.optionId === undefined && next.comment === undefined) delete responses[itemId];
      else responses[itemId] = next;
      await trx
        .insertInto('mgi_answer_history')
        .values({
          id: newId(),
          assessment_id: current.id,
          item_id: itemId,
          option_id: next.optionId ?? null,
          evidence: next.comment ?? null,
          lock_version: current.lockVersion + 1,
          created_at: at,
          created_by: actorId,
        })
        .execute();
    }
    await bumpRow(db, trx, current, { responses, at });
    return { ok: true, assessment: await readAssessment(db, trx, current.id) } as const;
  });
}

/**
 * Apply a process action (core `applyMgiAction`, with the actor's roles when given). A refused action
 * changes nothing and says why. Opening a consultation records the users invited per ministry.
 */
export async function applyMgiProcessAction(
  db: MigovDatabase,
  input: {
    id: string;
    expectedLockVersion: number;
    action: MgiProcessAction;
    roles?: readonly Role[];
    invite?: readonly { ministry: string; userId: string }[];
  },
  actorId: string | null,
): Promise<MgiWriteResult> {
  return inTransaction(db, async (trx) => {
    const current = await lockedAssessment(db, trx, input.id, input.expectedLockVersion);
    const decision = applyMgiAction(current.process, input.action, input.roles ? { roles: input.roles } : {});
    if (!decision.ok)
      return { ok: false, refusal: decision.refusal, message: decision.message, assessment: current } as const;
    const at = toIsoTimestamp(input.action.at);
    const event = decision.process.history.at(-1);
    if (!event) throw new Error('applyMgiAction returned no event');
    await trx
      .insertInto('mgi_process_events')
      .values({
        assessment_id: current.id,
        seq: decision.process.history.length,
        action: input.action.type,
        from_state: event.from,
        to_state: event.to,
        detail: writeJson(input.action),
        created_at: at,
        created_by: actorId,
      })
      .execute();
    if (input.action.type === 'open-consultation') {
      const invited = new Set(decision.process.ministries);
      const problems = (input.invite ?? []).filter((entry) => !invited.has(entry.ministry.trim()));
      if (problems.length > 0)
        assertNoProblems(
          problems.map((entry) => ({
            field: 'invite',
            value: entry.ministry,
            message: 'names a ministry that is not in the consultation',
          })),
        );
      for (const entry of input.invite ?? []) {
        await trx
          .insertInto('mgi_consultation_members')
          .values({
            id: newId(),
            assessment_id: current.id,
            consultation: decision.process.consultation,
            ministry: entry.ministry.trim(),
            user_id: entry.userId,
            created_at: at,
            created_by: actorId,
          })
          .execute();
      }
    }
    await bumpRow(db, trx, current, { process: decision.process, at });
    return { ok: true, assessment: await readAssessment(db, trx, current.id) } as const;
  });
}

/** Every saved answer of an assessment, oldest first, optionally of one item. */
export async function listMgiAnswerHistory(db: MigovDatabase, id: string, itemId?: string): Promise<MgiAnswerRecord[]> {
  let query = db.kysely.selectFrom('mgi_answer_history').selectAll().where('assessment_id', '=', id);
  if (itemId !== undefined) query = query.where('item_id', '=', itemId);
  const rows = await query.orderBy('id').execute();
  return rows.map((row) => ({
    itemId: row.item_id,
    ...(row.option_id ? { optionId: row.option_id } : {}),
    ...(row.evidence ? { evidence: row.evidence } : {}),
    lockVersion: Number(row.lock_version),
    createdAt: readTimestamp(row.created_at),
    ...(row.created_by ? { createdBy: row.created_by } : {}),
  }));
}

/** The users invited to comment, per consultation and ministry (all consultations, oldest first). */
export async function listMgiConsultationMembers(db: MigovDatabase, id: string): Promise<MgiConsultationMember[]> {
  const rows = await db.kysely
    .selectFrom('mgi_consultation_members')
    .selectAll()
    .where('assessment_id', '=', id)
    .orderBy('consultation')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    consultation: Number(row.consultation),
    ministry: row.ministry,
    userId: row.user_id,
    createdAt: readTimestamp(row.created_at),
    ...(row.created_by ? { createdBy: row.created_by } : {}),
  }));
}

/** The ministries a user may comment for in the assessment's current consultation. */
export async function mgiMinistriesOfUser(
  db: MigovDatabase,
  assessment: Pick<MgiAssessment, 'id' | 'process'>,
  userId: string,
): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom('mgi_consultation_members')
    .select('ministry')
    .where('assessment_id', '=', assessment.id)
    .where('consultation', '=', assessment.process.consultation)
    .where('user_id', '=', userId)
    .execute();
  return rows.map((row) => row.ministry);
}

/** Whether the user was ever invited to comment on the assessment (they may read its draft). */
export async function isMgiConsultationMember(db: MigovDatabase, id: string, userId: string): Promise<boolean> {
  const row = await db.kysely
    .selectFrom('mgi_consultation_members')
    .select('id')
    .where('assessment_id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** A country's MGI-style profile as a brief shows it: the latest published round and the one before. */
export interface BriefMgiProfile {
  profile: ProfileResult;
  year: number;
  previous?: { profile: ProfileResult; year: number };
}

/**
 * The latest published MGI-style profile of a jurisdiction and the published round before it, each
 * computed with its own instrument (`instrumentOf`: the built-in examples or a loaded one); undefined
 * when none is published. The server and the command line generate briefs with it.
 */
export async function loadPublishedMgiForBrief(
  db: MigovDatabase,
  jurisdiction: string,
  instrumentOf: (assessment: MgiAssessment) => InstrumentVersion,
): Promise<BriefMgiProfile | undefined> {
  const rounds = await listMgiAssessments(db, { jurisdiction, state: 'published' });
  const latest = rounds.at(-1);
  if (!latest) return undefined;
  const previous = rounds.at(-2);
  const profileOf = (assessment: MgiAssessment) => computeProfile(instrumentOf(assessment), assessment.responses);
  return {
    profile: profileOf(latest),
    year: latest.year,
    ...(previous ? { previous: { profile: profileOf(previous), year: previous.year } } : {}),
  };
}
