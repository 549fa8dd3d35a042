/**
 * Evidence for an item: a link, or a file stored in the database with its SHA-256 and size. Evidence
 * is withdrawn (kept, marked), never deleted. Size and type limits are the server's to enforce.
 */
import { createHash } from 'node:crypto';
import { isEditableState, isWebUrl } from '@migov/core';
import type { Kysely, Selectable } from 'kysely';
import { inTransaction, type MigovDatabase } from '../database.ts';
import { ConflictError, NotFoundError, TransitionError, assertNoProblems, type FieldProblem } from '../errors.ts';
import { loadInstrumentRegistry } from '../instruments/instruments.repository.ts';
import {
  nowIso,
  readBytes,
  readOptional,
  readOptionalNumber,
  readOptionalTimestamp,
  readTimestamp,
  writeBytes,
} from '../schema/codec.ts';
import { newId } from '../schema/ids.ts';
import type { EvidenceTable, Schema } from '../schema/schema.ts';
import { appendRevision, requireAssessment } from '../assessments/assessment-store.ts';

/** Evidence is a stored file or a link. */
const EVIDENCE_KINDS = ['file', 'link'] as const;
/** A kind of evidence. */
type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Evidence as listed (file bytes are fetched separately with getEvidenceFile). */
export interface Evidence {
  id: string;
  assessmentId: string;
  itemId: string;
  kind: EvidenceKind;
  title: string;
  url?: string;
  file?: { filename: string; mediaType: string; size: number; sha256: string };
  createdAt: string;
  createdBy?: string;
  withdrawnAt?: string;
  withdrawnBy?: string;
  withdrawnReason?: string;
}

type EvidenceRow = Omit<Selectable<EvidenceTable>, 'bytes'>;

function toEvidence(row: EvidenceRow): Evidence {
  const evidence: Evidence = {
    id: row.id,
    assessmentId: row.assessment_id,
    itemId: row.item_id,
    kind: row.kind as EvidenceKind,
    title: row.title,
    createdAt: readTimestamp(row.created_at),
  };
  const url = readOptional(row.url);
  if (url !== undefined) evidence.url = url;
  if (row.kind === 'file' && row.filename && row.media_type && row.sha256) {
    evidence.file = {
      filename: row.filename,
      mediaType: row.media_type,
      size: readOptionalNumber(row.size) ?? 0,
      sha256: row.sha256,
    };
  }
  const createdBy = readOptional(row.created_by);
  if (createdBy !== undefined) evidence.createdBy = createdBy;
  const withdrawnAt = readOptionalTimestamp(row.withdrawn_at);
  if (withdrawnAt !== undefined) evidence.withdrawnAt = withdrawnAt;
  const withdrawnBy = readOptional(row.withdrawn_by);
  if (withdrawnBy !== undefined) evidence.withdrawnBy = withdrawnBy;
  const withdrawnReason = readOptional(row.withdrawn_reason);
  if (withdrawnReason !== undefined) evidence.withdrawnReason = withdrawnReason;
  return evidence;
}

const EVIDENCE_COLUMNS = [
  'id',
  'assessment_id',
  'item_id',
  'kind',
  'title',
  'url',
  'filename',
  'media_type',
  'size',
  'sha256',
  'created_at',
  'created_by',
  'withdrawn_at',
  'withdrawn_by',
  'withdrawn_reason',
] as const;

/** Storage allowed for evidence files: per assessment and per uploading user, in total bytes and in files. */
export interface EvidenceQuota {
  assessmentBytes: number;
  assessmentFiles: number;
  userBytes: number;
  userFiles: number;
}

/** Which quota a file would exceed, what is stored already and what the file adds. */
export interface EvidenceQuotaExceeded {
  scope: 'assessment' | 'user';
  kind: 'bytes' | 'files';
  limit: number;
  used: number;
  adding: number;
}

/** An evidence file would take its assessment or its uploader past a quota; nothing was stored. */
export class EvidenceQuotaError extends Error {
  override readonly name = 'EvidenceQuotaError';
  constructor(readonly exceeded: EvidenceQuotaExceeded) {
    const amount = (value: number) =>
      exceeded.kind === 'bytes'
        ? `${(value / (1024 * 1024)).toFixed(1)} MiB`
        : `${value} file${value === 1 ? '' : 's'}`;
    const owner = exceeded.scope === 'assessment' ? 'this assessment' : 'your uploads';
    super(
      `${owner} already hold${exceeded.scope === 'assessment' ? 's' : ''} ${amount(exceeded.used)} of evidence; this file would take ${owner} past the quota of ${amount(exceeded.limit)}`,
    );
  }
}

/** Input of addEvidence. */
export interface NewEvidence {
  assessmentId: string;
  itemId: string;
  kind: EvidenceKind;
  title: string;
  url?: string;
  file?: { filename: string; mediaType: string; bytes: Uint8Array };
}

/** Files stored (withdrawn ones too: they are kept) and their total size, for an assessment or an uploader. */
async function storedFiles(
  kysely: Kysely<Schema>,
  column: 'assessment_id' | 'created_by',
  id: string,
): Promise<{ bytes: number; files: number }> {
  const row = await kysely
    .selectFrom('evidence')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number | string>('size'), eb.lit(0)).as('bytes'),
      eb.fn.countAll<number | string>().as('files'),
    ])
    .where(column, '=', id)
    .where('kind', '=', 'file')
    .executeTakeFirstOrThrow();
  return { bytes: Number(row.bytes), files: Number(row.files) };
}

/** The first quota the file would exceed, checked inside the transaction that stores it. */
async function exceededQuota(
  kysely: Kysely<Schema>,
  quota: EvidenceQuota,
  assessmentId: string,
  actorId: string | null,
  size: number,
): Promise<EvidenceQuotaExceeded | undefined> {
  const scopes: ['assessment' | 'user', { bytes: number; files: number }, number, number][] = [
    [
      'assessment',
      await storedFiles(kysely, 'assessment_id', assessmentId),
      quota.assessmentBytes,
      quota.assessmentFiles,
    ],
  ];
  if (actorId)
    scopes.push(['user', await storedFiles(kysely, 'created_by', actorId), quota.userBytes, quota.userFiles]);
  for (const [scope, used, maxBytes, maxFiles] of scopes) {
    if (used.files + 1 > maxFiles) return { scope, kind: 'files', limit: maxFiles, used: used.files, adding: 1 };
    if (used.bytes + size > maxBytes) return { scope, kind: 'bytes', limit: maxBytes, used: used.bytes, adding: size };
  }
  return undefined;
}

/**
 * Attach evidence to an item of an editable assessment (draft or returned); appends a revision.
 * With a quota, a file that would take the assessment or its uploader past it throws
 * {@link EvidenceQuotaError} and nothing is stored; the check runs after the assessment's row is
 * locked (and, on PostgreSQL, the uploader's), so concurrent uploads cannot both slip under it.
 */
export async function addEvidence(
  db: MigovDatabase,
  input: NewEvidence,
  actorId: string | null,
  quota?: EvidenceQuota,
): Promise<Evidence> {
  const assessment = await requireAssessment(db.kysely, input.assessmentId);
  const instrument = (await loadInstrumentRegistry(db)).find(assessment.instrument, assessment.version);
  const problems: FieldProblem[] = [];
  if (!instrument?.domains.some((domain) => domain.items.some((item) => item.id === input.itemId))) {
    problems.push({
      field: 'itemId',
      value: input.itemId,
      message: `no item ${String(input.itemId)} in ${assessment.instrument}@${assessment.version}`,
    });
  }
  if (!(EVIDENCE_KINDS as readonly unknown[]).includes(input.kind))
    problems.push({ field: 'kind', value: input.kind, message: 'must be file or link' });
  if (typeof input.title !== 'string' || input.title.trim() === '' || input.title.length > 500)
    problems.push({ field: 'title', value: input.title, message: 'must be 1 to 500 characters' });
  if (input.kind === 'link') {
    if (!isWebUrl(input.url))
      problems.push({
        field: 'url',
        value: input.url,
        message: 'a link needs an absolute http or https URL of at most 2,000 characters',
      });
    if (input.file) problems.push({ field: 'file', message: 'a link carries no file' });
  }
  if (input.kind === 'file') {
    if (!input.file || !(input.file.bytes instanceof Uint8Array))
      problems.push({ field: 'file.bytes', message: 'a file needs its bytes' });
    else {
      if (
        typeof input.file.filename !== 'string' ||
        input.file.filename.trim() === '' ||
        input.file.filename.length > 255 ||
        /[\\/\0]/.test(input.file.filename)
      ) {
        problems.push({
          field: 'file.filename',
          value: input.file.filename,
          message: 'must be a file name of 1 to 255 characters without path separators',
        });
      }
      if (typeof input.file.mediaType !== 'string' || !/^[a-z]+\/[a-z0-9.+-]+$/i.test(input.file.mediaType))
        problems.push({
          field: 'file.mediaType',
          value: input.file.mediaType,
          message: 'must be a media type such as application/pdf',
        });
    }
  }
  assertNoProblems(problems);
  const file = input.kind === 'file' ? input.file : undefined;
  const sha256 = file ? createHash('sha256').update(file.bytes).digest('hex') : null;
  return inTransaction(db, async (trx) => {
    const id = newId();
    const summary = {
      id,
      itemId: input.itemId,
      kind: input.kind,
      title: input.title.trim(),
      ...(input.url ? { url: input.url } : {}),
      ...(file ? { filename: file.filename, mediaType: file.mediaType, size: file.bytes.byteLength, sha256 } : {}),
    };
    const { state } = await appendRevision(trx, input.assessmentId, {
      actorId,
      action: 'evidence.add',
      before: null,
      after: { evidence: summary },
    });
    if (!isEditableState(state))
      throw new TransitionError(
        state,
        'edit',
        'not-allowed-in-state',
        `cannot add evidence to an assessment that is ${state}`,
      );
    if (quota && file) {
      // SQLite runs one write transaction at a time; PostgreSQL locks the uploader's row for the per-user quota.
      if (actorId && db.dialect === 'postgres')
        await trx.selectFrom('users').select('id').where('id', '=', actorId).forUpdate().execute();
      const exceeded = await exceededQuota(trx, quota, input.assessmentId, actorId, file.bytes.byteLength);
      if (exceeded) throw new EvidenceQuotaError(exceeded);
    }
    await trx
      .insertInto('evidence')
      .values({
        id,
        assessment_id: input.assessmentId,
        item_id: input.itemId,
        kind: input.kind,
        title: input.title.trim(),
        url: input.kind === 'link' ? (input.url ?? null) : null,
        filename: file?.filename ?? null,
        media_type: file?.mediaType ?? null,
        size: file ? file.bytes.byteLength : null,
        sha256,
        bytes: file ? writeBytes(file.bytes) : null,
        created_at: nowIso(),
        created_by: actorId,
      })
      .execute();
    const row = await trx
      .selectFrom('evidence')
      .select(EVIDENCE_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return toEvidence(row);
  });
}

/** Evidence of an assessment (optionally one item), oldest first; withdrawn evidence only when asked. */
export async function listEvidence(
  db: MigovDatabase,
  filters: { assessmentId: string; itemId?: string; includeWithdrawn?: boolean },
): Promise<Evidence[]> {
  return readEvidence(db.kysely, filters);
}

/** listEvidence through a given connection or transaction. */
export async function readEvidence(
  kysely: Kysely<Schema>,
  filters: { assessmentId: string; itemId?: string; includeWithdrawn?: boolean },
): Promise<Evidence[]> {
  let query = kysely.selectFrom('evidence').select(EVIDENCE_COLUMNS).where('assessment_id', '=', filters.assessmentId);
  if (filters.itemId) query = query.where('item_id', '=', filters.itemId);
  if (!filters.includeWithdrawn) query = query.where('withdrawn_at', 'is', null);
  return (await query.orderBy('created_at').orderBy('id').execute()).map(toEvidence);
}

/** The evidence with this id, or undefined. */
export async function findEvidence(db: MigovDatabase, id: string): Promise<Evidence | undefined> {
  const row = await db.kysely.selectFrom('evidence').select(EVIDENCE_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toEvidence(row) : undefined;
}

/** A file's bytes with its metadata; NotFoundError for unknown ids and links. Withdrawn files stay readable. */
export async function getEvidenceFile(
  db: MigovDatabase,
  id: string,
): Promise<{ evidence: Evidence; bytes: Uint8Array }> {
  const row = await db.kysely.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
  const bytes = row ? readBytes(row.bytes) : undefined;
  if (!row || row.kind !== 'file' || !bytes) throw new NotFoundError('evidence file', id);
  return { evidence: toEvidence(row), bytes };
}

/** Mark evidence withdrawn (kept, with who, when and why); appends a revision. */
export async function withdrawEvidence(
  db: MigovDatabase,
  input: { evidenceId: string; reason?: string },
  actorId: string | null,
): Promise<Evidence> {
  const existing = await findEvidence(db, input.evidenceId);
  if (!existing) throw new NotFoundError('evidence', input.evidenceId);
  if (existing.withdrawnAt) throw new ConflictError(`evidence ${input.evidenceId} is already withdrawn`, existing);
  return inTransaction(db, async (trx) => {
    const now = nowIso();
    const updated = await trx
      .updateTable('evidence')
      .set({ withdrawn_at: now, withdrawn_by: actorId, withdrawn_reason: input.reason?.trim() || null })
      .where('id', '=', input.evidenceId)
      .where('withdrawn_at', 'is', null)
      .returning(EVIDENCE_COLUMNS)
      .executeTakeFirst();
    if (!updated) {
      // Read through the transaction: on SQLite its connection is the only one, and `db` would wait for it.
      const current = await trx
        .selectFrom('evidence')
        .select(EVIDENCE_COLUMNS)
        .where('id', '=', input.evidenceId)
        .executeTakeFirst();
      throw new ConflictError(
        `evidence ${input.evidenceId} is already withdrawn`,
        current ? toEvidence(current) : undefined,
      );
    }
    const { state } = await appendRevision(trx, existing.assessmentId, {
      actorId,
      action: 'evidence.withdraw',
      reason: input.reason ?? null,
      before: { evidence: { id: existing.id, itemId: existing.itemId, title: existing.title, withdrawn: false } },
      after: { evidence: { id: existing.id, itemId: existing.itemId, title: existing.title, withdrawn: true } },
    });
    if (!isEditableState(state))
      throw new TransitionError(
        state,
        'edit',
        'not-allowed-in-state',
        `cannot withdraw evidence of an assessment that is ${state}`,
      );
    return toEvidence(updated);
  });
}
