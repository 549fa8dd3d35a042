/** The audit log: append-only (the database refuses UPDATE and DELETE on it). */
import type { Kysely, Selectable } from 'kysely';
import type { MigovDatabase } from '../database.ts';
import { ValidationError } from '../errors.ts';
import { nowIso, readJson, readNumber, readOptional, readTimestamp, writeJson } from '../schema/codec.ts';
import { newId } from '../schema/ids.ts';
import type { AuditLogTable, Schema } from '../schema/schema.ts';
import { likePrefix } from '../shared/like.ts';
import { resolvePage, type Page, type PageRequest } from '../shared/page.ts';

/** One audit entry. Actions are dotted verbs such as `sign-in.success`, `role.grant`, `observations.import`. */
export interface AuditEntry {
  id: string;
  at: string;
  actorId?: string;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/** Input of recordAudit. */
export interface NewAuditEntry {
  actorId?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown> | null;
}

function toAuditEntry(db: MigovDatabase, row: Selectable<AuditLogTable>): AuditEntry {
  const entry: AuditEntry = { id: row.id, at: readTimestamp(row.at), action: row.action };
  const actorId = readOptional(row.actor_id);
  if (actorId !== undefined) entry.actorId = actorId;
  const targetType = readOptional(row.target_type);
  if (targetType !== undefined) entry.targetType = targetType;
  const targetId = readOptional(row.target_id);
  if (targetId !== undefined) entry.targetId = targetId;
  const details = readJson<Record<string, unknown> | null>(db.dialect, row.details);
  if (details) entry.details = details;
  return entry;
}

/** Append an audit entry inside a running transaction (so it commits or rolls back with the change). */
export async function appendAudit(trx: Kysely<Schema>, entry: NewAuditEntry): Promise<string> {
  if (typeof entry.action !== 'string' || !/^[a-z][a-z0-9.-]{0,99}$/.test(entry.action)) {
    throw new ValidationError([
      { field: 'action', value: entry.action, message: 'must be a dotted lower-case verb such as sign-in.success' },
    ]);
  }
  const id = newId();
  await trx
    .insertInto('audit_log')
    .values({
      id,
      at: nowIso(),
      actor_id: entry.actorId ?? null,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      details: entry.details ? writeJson(entry.details) : null,
    })
    .execute();
  return id;
}

/** Record an audit entry (sign-ins, role changes, exports, imports). */
export async function recordAudit(db: MigovDatabase, entry: NewAuditEntry): Promise<AuditEntry> {
  const id = await appendAudit(db.kysely, entry);
  const row = await db.kysely.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return toAuditEntry(db, row);
}

/** Filters of listAudit. */
export interface AuditFilters {
  actorId?: string;
  action?: string;
  /** Actions starting with this prefix, e.g. `sign-in.` */
  actionPrefix?: string;
  targetType?: string;
  targetId?: string;
  /** ISO timestamps, inclusive from, exclusive until. */
  from?: string;
  until?: string;
}

/**
 * How many matching entries a page counts at most: past this, `total` says "at least this many"
 * (`totalExact: false`). Counting a log of millions on every page cost more than reading the page.
 */
export const AUDIT_COUNT_LIMIT = 1000;

/** A page of the audit log: `total` is exact up to {@link AUDIT_COUNT_LIMIT}; `next` reads on after the last entry. */
export interface AuditPage extends Page<AuditEntry> {
  /** Whether `total` is the exact number of matching entries (false: at least that many). */
  totalExact: boolean;
  /** The cursor of the page after this one (`after`), absent on the last page. */
  next?: string;
}

/** The cursor of an entry: its time and id, the keys of the order. */
function auditCursor(entry: Pick<AuditEntry, 'at' | 'id'>): string {
  return Buffer.from(JSON.stringify([entry.at, entry.id])).toString('base64url');
}

function readAuditCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at)))
      return { at: new Date(at).toISOString(), id };
  } catch {
    // Reported below.
  }
  throw new ValidationError([{ field: 'after', value: cursor, message: 'must be the next cursor of an audit page' }]);
}

/**
 * Audit entries, newest first (time, then id). `after` (a page's `next`) starts after that entry
 * whatever was appended since, and reads through the time index instead of skipping `offset` rows.
 */
export async function listAudit(
  db: MigovDatabase,
  options: { filters?: AuditFilters; page?: PageRequest; after?: string } = {},
): Promise<AuditPage> {
  const { limit, offset } = resolvePage(options.page);
  const filters = options.filters ?? {};
  const after = options.after === undefined ? undefined : readAuditCursor(options.after);
  let query = db.kysely.selectFrom('audit_log');
  if (filters.actorId) query = query.where('actor_id', '=', filters.actorId);
  if (filters.action) query = query.where('action', '=', filters.action);
  if (filters.actionPrefix) {
    const prefix = filters.actionPrefix;
    query = query.where((eb) => likePrefix(eb.ref('action'), prefix));
  }
  if (filters.targetType) query = query.where('target_type', '=', filters.targetType);
  if (filters.targetId) query = query.where('target_id', '=', filters.targetId);
  if (filters.from) query = query.where('at', '>=', new Date(filters.from).toISOString());
  if (filters.until) query = query.where('at', '<', new Date(filters.until).toISOString());
  let pageQuery = query;
  if (after)
    pageQuery = pageQuery
      .where('at', '<=', after.at)
      .where((eb) => eb.or([eb('at', '<', after.at), eb('id', '<', after.id)]));
  const [rows, count] = await Promise.all([
    pageQuery
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .offset(offset)
      .execute(),
    db.kysely
      .selectFrom(
        query
          .select('id')
          .limit(AUDIT_COUNT_LIMIT + 1)
          .as('counted'),
      )
      .select((eb) => eb.fn.countAll().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  const items = rows.slice(0, limit).map((row) => toAuditEntry(db, row));
  const counted = readNumber(count.count);
  const last = items.at(-1);
  return {
    items,
    total: Math.min(counted, AUDIT_COUNT_LIMIT),
    totalExact: counted <= AUDIT_COUNT_LIMIT,
    limit,
    offset,
    ...(rows.length > limit && last ? { next: auditCursor(last) } : {}),
  };
}
