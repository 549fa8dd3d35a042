/**
 * The e-mail outbox: every message is written here first (in the caller's transaction when it has
 * one) and sent later by a sender that claims due rows one at a time. A claim is one conditional
 * UPDATE of one row (status and claim compared), so of several senders, in one process or many, on
 * SQLite or PostgreSQL, exactly one gets each row. A claim is a lease: a sender that dies while
 * sending leaves a row whose lease runs out and which is then claimed again. Rows are never deleted.
 */
import type { Kysely, Selectable } from 'kysely';
import type { MigovDatabase } from '../database.ts';
import { assertNoProblems, NotFoundError, ValidationError, type FieldProblem } from '../errors.ts';
import { isoAt, readNumber, readOptional, readOptionalTimestamp, readTimestamp } from '../schema/codec.ts';
import { newId } from '../schema/ids.ts';
import type { OutboxTable, Schema } from '../schema/schema.ts';
import { resolvePage, type Page, type PageRequest } from '../shared/page.ts';
import { likeContains, likePrefix } from '../shared/like.ts';

/** Where a message stands: waiting (first try or a retry), being sent, sent, or given up after the last attempt. */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** A message of the outbox. */
export interface OutboxMessage {
  id: string;
  /** What the message is about, e.g. `invitation`, `password-reset`, `assessment.submit`, `round.reminder`. */
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  /** The HTML part, when the message has one (with the language and writing direction of its text). */
  html?: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  createdAt: string;
  sentAt?: string;
  lastError?: string;
  /** Set on messages that must go out once only (e.g. one reminder per assessment and recipient). */
  dedupeKey?: string;
}

function toMessage(row: Selectable<OutboxTable>): OutboxMessage {
  const message: OutboxMessage = {
    id: row.id,
    kind: row.kind,
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    status: row.status as OutboxStatus,
    attempts: readNumber(row.attempts),
    nextAttemptAt: readTimestamp(row.next_attempt_at),
    createdAt: readTimestamp(row.created_at),
  };
  const sentAt = readOptionalTimestamp(row.sent_at);
  if (sentAt !== undefined) message.sentAt = sentAt;
  const lastError = readOptional(row.last_error);
  if (lastError !== undefined) message.lastError = lastError;
  const dedupeKey = readOptional(row.dedupe_key);
  if (dedupeKey !== undefined) message.dedupeKey = dedupeKey;
  const html = readOptional(row.html);
  if (html !== undefined) message.html = html;
  return message;
}

/** A message to send. */
export interface NewOutboxMessage {
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  /** The HTML part (the plain text `body` is always sent too). */
  html?: string;
  /** When given, a second message with the same key is not added (enqueueMessage answers undefined). */
  dedupeKey?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function check(message: NewOutboxMessage): void {
  const problems: FieldProblem[] = [];
  if (typeof message.kind !== 'string' || !/^[a-z][a-z0-9.-]{0,59}$/.test(message.kind))
    problems.push({
      field: 'kind',
      value: message.kind,
      message: 'must be a lower-case word of at most 60 characters',
    });
  if (typeof message.recipient !== 'string' || message.recipient.length > 254 || !EMAIL.test(message.recipient))
    problems.push({ field: 'recipient', value: message.recipient, message: 'must be an email address' });
  if (
    typeof message.subject !== 'string' ||
    message.subject.trim() === '' ||
    message.subject.length > 300 ||
    /[\r\n]/.test(message.subject)
  )
    problems.push({ field: 'subject', value: message.subject, message: 'must be one line of 1 to 300 characters' });
  if (typeof message.body !== 'string' || message.body.length > 100_000)
    problems.push({ field: 'body', message: 'must be text of at most 100,000 characters' });
  if (message.html !== undefined && (typeof message.html !== 'string' || message.html.length > 200_000))
    problems.push({ field: 'html', message: 'must be HTML of at most 200,000 characters' });
  if (
    message.dedupeKey !== undefined &&
    (typeof message.dedupeKey !== 'string' || message.dedupeKey.length === 0 || message.dedupeKey.length > 300)
  )
    problems.push({ field: 'dedupeKey', value: message.dedupeKey, message: 'must be 1 to 300 characters' });
  assertNoProblems(problems);
}

/**
 * Add messages to the outbox, due at once. Pass a transaction (`trx`) to write them with the change
 * they announce. A message whose dedupe key is already in the outbox is left out. Answers the added ones.
 */
export async function enqueueMessages(
  db: MigovDatabase | { kysely: Kysely<Schema> },
  messages: readonly NewOutboxMessage[],
  now?: string | Date,
): Promise<OutboxMessage[]> {
  messages.forEach(check);
  const at = isoAt(now);
  const added: OutboxMessage[] = [];
  for (const message of messages) {
    const row = await db.kysely
      .insertInto('outbox')
      .values({
        id: newId(),
        kind: message.kind,
        recipient: message.recipient.trim().toLowerCase(),
        subject: message.subject,
        body: message.body,
        html: message.html ?? null,
        dedupe_key: message.dedupeKey ?? null,
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        created_at: at,
      })
      .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row) added.push(toMessage(row));
  }
  return added;
}

/** Add one message; undefined when its dedupe key was already used. */
export async function enqueueMessage(
  db: MigovDatabase | { kysely: Kysely<Schema> },
  message: NewOutboxMessage,
  now?: string | Date,
): Promise<OutboxMessage | undefined> {
  return (await enqueueMessages(db, [message], now))[0];
}

/** A message claimed by one sender, with the claim that must be shown to settle it. */
export interface ClaimedMessage extends OutboxMessage {
  claim: string;
}

/**
 * Claim up to `limit` due messages for one sender: pending messages whose next attempt is due, and
 * messages whose sender's lease ran out. Each is taken by one conditional UPDATE, so concurrent
 * senders never get the same message. The lease (`leaseMs`) must exceed the time one send may take.
 */
export async function claimDueMessages(
  db: MigovDatabase,
  options: { now?: string | Date; limit?: number; leaseMs: number },
): Promise<ClaimedMessage[]> {
  const now = isoAt(options.now);
  const limit = Math.max(1, Math.min(options.limit ?? 10, 100));
  const candidates = await db.kysely
    .selectFrom('outbox')
    .select(['id', 'status', 'claim'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<=', now)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  const claimedUntil = new Date(new Date(now).getTime() + options.leaseMs).toISOString();
  const claimed: ClaimedMessage[] = [];
  for (const candidate of candidates) {
    const claim = newId();
    let update = db.kysely
      .updateTable('outbox')
      .set((eb) => ({ status: 'sending', claim, claimed_until: claimedUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', candidate.id)
      .where('status', '=', candidate.status);
    // The row must still be as it was read: another sender that claimed it first changed status or claim.
    update = candidate.claim === null ? update.where('claim', 'is', null) : update.where('claim', '=', candidate.claim);
    if (candidate.status === 'pending') update = update.where('next_attempt_at', '<=', now);
    else update = update.where('claimed_until', '<=', now);
    const row = await update.returningAll().executeTakeFirst();
    if (row) claimed.push({ ...toMessage(row), claim });
  }
  return claimed;
}

/** Record that a claimed message was accepted by the mail server. False when the claim was lost (its lease ran out and another sender took it). */
export async function markMessageSent(
  db: MigovDatabase,
  message: Pick<ClaimedMessage, 'id' | 'claim'>,
  now?: string | Date,
): Promise<boolean> {
  const result = await db.kysely
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: isoAt(now), claim: null, claimed_until: null, last_error: null })
    .where('id', '=', message.id)
    .where('claim', '=', message.claim)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Record a failed attempt: the message waits `retryInMs` and is tried again, or, with `retryInMs`
 * undefined (the last attempt, or a refusal that will not change), it is `failed` for good.
 */
export async function markMessageFailed(
  db: MigovDatabase,
  message: Pick<ClaimedMessage, 'id' | 'claim'>,
  failure: { error: string; retryInMs?: number; now?: string | Date },
): Promise<boolean> {
  const now = isoAt(failure.now);
  const retry = failure.retryInMs !== undefined;
  const result = await db.kysely
    .updateTable('outbox')
    .set({
      status: retry ? 'pending' : 'failed',
      next_attempt_at: retry ? new Date(new Date(now).getTime() + failure.retryInMs!).toISOString() : now,
      claim: null,
      claimed_until: null,
      last_error: failure.error.slice(0, 1000),
    })
    .where('id', '=', message.id)
    .where('claim', '=', message.claim)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Put a failed message back in the queue, due at once (an administrator's retry). */
export async function retryMessage(db: MigovDatabase, id: string, now?: string | Date): Promise<OutboxMessage> {
  const row = await db.kysely
    .updateTable('outbox')
    .set({ status: 'pending', next_attempt_at: isoAt(now), attempts: 0 })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .returningAll()
    .executeTakeFirst();
  if (row) return toMessage(row);
  const existing = await db.kysely.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  if (!existing) throw new NotFoundError('outbox message', id);
  return toMessage(existing);
}

/** Filters of listOutbox. */
export interface OutboxFilters {
  status?: OutboxStatus;
  /** Part of the recipient's address. */
  recipient?: string;
  kind?: string;
  page?: PageRequest;
}

/** Messages, newest first; the bodies are left out (they may hold one-time links). */
export async function listOutbox(
  db: MigovDatabase,
  filters: OutboxFilters = {},
): Promise<Page<Omit<OutboxMessage, 'body'>>> {
  const { limit, offset } = resolvePage(filters.page);
  let query = db.kysely.selectFrom('outbox');
  if (filters.status) query = query.where('status', '=', filters.status);
  if (filters.kind) query = query.where('kind', '=', filters.kind);
  if (filters.recipient)
    query = query.where((eb) => likeContains(eb.ref('recipient'), filters.recipient!.toLowerCase()));
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    query.select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => {
      const { body: _body, ...rest } = toMessage(row);
      return rest;
    }),
    total: readNumber(count.count),
    limit,
    offset,
  };
}

/** How many messages are in each status. */
export async function countOutbox(db: MigovDatabase): Promise<Record<OutboxStatus, number>> {
  const rows = await db.kysely
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll().as('count')])
    .groupBy('status')
    .execute();
  const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.status as OutboxStatus] = readNumber(row.count);
  return counts;
}

/**
 * Withdraw the messages still waiting (pending) whose dedupe key starts with `dedupeKeyPrefix`: they
 * are marked failed with `reason`, lose their dedupe key and are never sent (kept on record, like every
 * row). Used when what a message announces changed before it went out, e.g. a round's closing date.
 * Answers how many.
 */
export async function withdrawPendingMessages(
  db: MigovDatabase | { kysely: Kysely<Schema> },
  input: { dedupeKeyPrefix: string; reason: string },
): Promise<number> {
  if (input.dedupeKeyPrefix.length === 0)
    throw new ValidationError([{ field: 'dedupeKeyPrefix', message: 'must not be empty' }]);
  const result = await db.kysely
    .updateTable('outbox')
    // The key is released, so that a message announcing the new state may use it again.
    .set({ status: 'failed', last_error: input.reason, dedupe_key: null, claim: null, claimed_until: null })
    .where('status', '=', 'pending')
    .where((eb) => likePrefix(eb.ref('dedupe_key'), input.dedupeKeyPrefix))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
