/** Users: accounts are disabled, never deleted; disabling ends their sessions and API tokens. */
import type { Selectable } from 'kysely';
import { LANGUAGES, type Language } from '@migov/core';
import { inTransaction, type MigovDatabase } from '../database.ts';
import { ConflictError, NotFoundError, ValidationError, assertNoProblems, type FieldProblem } from '../errors.ts';
import { isoAt, nowIso, readNumber, readOptional, readOptionalTimestamp, readTimestamp } from '../schema/codec.ts';
import { newId } from '../schema/ids.ts';
import type { UsersTable } from '../schema/schema.ts';
import { resolvePage, type Page, type PageRequest } from '../shared/page.ts';
import { isUniqueViolation } from '../shared/unique.ts';
import { ilikeContains, likeContains } from '../shared/like.ts';

/** Account statuses: disabled accounts cannot sign in and are never deleted. */
const USER_STATUSES = ['active', 'disabled'] as const;
/** An account status. */
type UserStatus = (typeof USER_STATUSES)[number];

/** A user account. `passwordHash` is an argon2id hash made by the server, or absent (invited, not yet set). */
export interface User {
  id: string;
  email: string;
  name: string;
  status: UserStatus;
  passwordHash?: string;
  failedSignIns: number;
  lockedUntil?: string;
  lastSignInAt?: string;
  /** The language of the e-mail the account gets (one of the six UN languages; English until set). */
  preferredLanguage: Language;
  createdAt: string;
  updatedAt: string;
}

/** A stored language code as a Language (English for anything unknown). */
export function readLanguage(code: unknown): Language {
  return (LANGUAGES as readonly unknown[]).includes(code) ? (code as Language) : 'en';
}

/** A user row as a domain object. */
export function toUser(row: Selectable<UsersTable>): User {
  const user: User = {
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status as UserStatus,
    failedSignIns: readNumber(row.failed_sign_ins),
    preferredLanguage: readLanguage(row.preferred_language),
    createdAt: readTimestamp(row.created_at),
    updatedAt: readTimestamp(row.updated_at),
  };
  const passwordHash = readOptional(row.password_hash);
  if (passwordHash !== undefined) user.passwordHash = passwordHash;
  const lockedUntil = readOptionalTimestamp(row.locked_until);
  if (lockedUntil !== undefined) user.lockedUntil = lockedUntil;
  const lastSignInAt = readOptionalTimestamp(row.last_sign_in_at);
  if (lastSignInAt !== undefined) user.lastSignInAt = lastSignInAt;
  return user;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Emails are compared case-insensitively: stored trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function checkUserFields(fields: {
  email?: unknown;
  name?: unknown;
  status?: unknown;
  preferredLanguage?: unknown;
}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (fields.preferredLanguage !== undefined && !(LANGUAGES as readonly unknown[]).includes(fields.preferredLanguage))
    problems.push({
      field: 'preferredLanguage',
      value: fields.preferredLanguage,
      message: `must be one of ${LANGUAGES.join(', ')}`,
    });
  if (
    fields.email !== undefined &&
    (typeof fields.email !== 'string' || !EMAIL.test(fields.email.trim()) || fields.email.length > 254)
  ) {
    problems.push({
      field: 'email',
      value: fields.email,
      message: 'must be an email address such as name@example.org',
    });
  }
  if (
    fields.name !== undefined &&
    (typeof fields.name !== 'string' || fields.name.trim() === '' || fields.name.length > 200)
  ) {
    problems.push({ field: 'name', value: fields.name, message: 'must be 1 to 200 characters' });
  }
  if (fields.status !== undefined && !(USER_STATUSES as readonly unknown[]).includes(fields.status)) {
    problems.push({ field: 'status', value: fields.status, message: `must be one of ${USER_STATUSES.join(', ')}` });
  }
  return problems;
}

/** Input of createUser. */
export interface NewUser {
  email: string;
  name: string;
  passwordHash?: string;
  status?: UserStatus;
  preferredLanguage?: Language;
}

/** Create a user; throws ConflictError when the email is taken. */
export async function createUser(db: MigovDatabase, input: NewUser): Promise<User> {
  assertNoProblems(
    checkUserFields({
      email: input.email,
      name: input.name,
      status: input.status,
      preferredLanguage: input.preferredLanguage,
    }),
  );
  const now = nowIso();
  const email = normalizeEmail(input.email);
  try {
    const row = await db.kysely
      .insertInto('users')
      .values({
        id: newId(),
        email,
        name: input.name.trim(),
        status: input.status ?? 'active',
        password_hash: input.passwordHash ?? null,
        failed_sign_ins: 0,
        preferred_language: input.preferredLanguage ?? 'en',
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toUser(row);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError(`a user with email ${email} already exists`, await findUserByEmail(db, email));
    throw error;
  }
}

/** The user with this email (case-insensitive), or undefined. */
export async function findUserByEmail(db: MigovDatabase, email: string): Promise<User | undefined> {
  const row = await db.kysely
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normalizeEmail(email))
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** The user with this id, or undefined. */
export async function findUser(db: MigovDatabase, id: string): Promise<User | undefined> {
  const row = await db.kysely.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** The user with this id; throws NotFoundError. */
export async function getUser(db: MigovDatabase, id: string): Promise<User> {
  const user = await findUser(db, id);
  if (!user) throw new NotFoundError('user', id);
  return user;
}

/** Filters of listUsers. */
export interface UserFilters {
  status?: UserStatus;
  /** Part of the name or email, case-insensitive. */
  search?: string;
  page?: PageRequest;
}

/**
 * How many matching users a page counts past its offset at most: past this, `total` says "at least
 * this many" (`totalExact: false`). Counting every one of 50,000 users on each page cost more than
 * reading the page; the count now stops where the page ends plus this many.
 */
export const USERS_COUNT_LIMIT = 1000;

/** A page of users: `total` is exact up to the page's offset plus {@link USERS_COUNT_LIMIT}. */
export interface UsersPage extends Page<User> {
  /** Whether `total` is the exact number of matching users (false: at least that many, and more than the page reaches). */
  totalExact: boolean;
}

/**
 * Users ordered by email. The count stops at `offset + max(limit, USERS_COUNT_LIMIT)` matches, so it
 * always reaches past the page (a pager knows whether another page follows) and costs what reading
 * that far does, whatever the number of users.
 */
export async function listUsers(db: MigovDatabase, filters: UserFilters = {}): Promise<UsersPage> {
  const { limit, offset } = resolvePage(filters.page);
  let query = db.kysely.selectFrom('users');
  if (filters.status) query = query.where('status', '=', filters.status);
  if (filters.search) {
    const search = filters.search.toLowerCase();
    // PostgreSQL: ILIKE, which the trigram indexes of migration 0014 serve. SQLite: LIKE, already
    // case-insensitive for the letters its lower() folds; no index serves a substring, so the search
    // reads the table once (e-mail addresses are stored in lower case).
    query = query.where((eb) =>
      eb.or(
        db.dialect === 'postgres'
          ? [ilikeContains(eb.ref('name'), search), ilikeContains(eb.ref('email'), search)]
          : [likeContains(eb.ref('name'), search), likeContains(eb.ref('email'), search)],
      ),
    );
  }
  const countLimit = offset + Math.max(limit, USERS_COUNT_LIMIT);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('email').limit(limit).offset(offset).execute(),
    db.kysely
      .selectFrom(
        query
          .select('id')
          .limit(countLimit + 1)
          .as('counted'),
      )
      .select((eb) => eb.fn.countAll().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  const counted = readNumber(count.count);
  return {
    items: rows.map(toUser),
    total: Math.min(counted, countLimit),
    totalExact: counted <= countLimit,
    limit,
    offset,
  };
}

/** Input of updateUser. */
export interface UserChanges {
  email?: string;
  name?: string;
  status?: UserStatus;
  preferredLanguage?: Language;
}

/**
 * Change a user's email, name, status or preferred language (disable instead of delete). Disabling ends the account's
 * sessions and revokes its API tokens in the same transaction, so re-enabling it later revives neither.
 */
export async function updateUser(db: MigovDatabase, id: string, changes: UserChanges): Promise<User> {
  assertNoProblems(checkUserFields(changes));
  const now = nowIso();
  const values: {
    email?: string;
    name?: string;
    status?: string;
    preferred_language?: string;
    updated_at: string;
  } = { updated_at: now };
  if (changes.preferredLanguage !== undefined) values.preferred_language = changes.preferredLanguage;
  if (changes.email !== undefined) values.email = normalizeEmail(changes.email);
  if (changes.name !== undefined) values.name = changes.name.trim();
  if (changes.status !== undefined) values.status = changes.status;
  try {
    return await inTransaction(db, async (trx) => {
      const row = await trx.updateTable('users').set(values).where('id', '=', id).returningAll().executeTakeFirst();
      if (!row) throw new NotFoundError('user', id);
      if (changes.status === 'disabled') {
        await trx
          .updateTable('sessions')
          .set({ revoked_at: now })
          .where('user_id', '=', id)
          .where('revoked_at', 'is', null)
          .execute();
        await trx
          .updateTable('api_tokens')
          .set({ revoked_at: now })
          .where('user_id', '=', id)
          .where('revoked_at', 'is', null)
          .execute();
      }
      return toUser(row);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError(`a user with email ${values.email ?? ''} already exists`, await findUser(db, id));
    throw error;
  }
}

/** Store a new password hash (made by the server) and clear any lock. */
export async function setPasswordHash(db: MigovDatabase, id: string, passwordHash: string): Promise<User> {
  if (typeof passwordHash !== 'string' || passwordHash.length < 16) {
    throw new ValidationError([
      { field: 'passwordHash', message: 'must be a password hash (argon2id), not a password' },
    ]);
  }
  const row = await db.kysely
    .updateTable('users')
    .set({ password_hash: passwordHash, failed_sign_ins: 0, locked_until: null, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError('user', id);
  return toUser(row);
}

/** After a successful sign-in: note the time (and clear the failure count and lock of earlier versions). */
export async function resetSignInFailures(db: MigovDatabase, id: string, at?: string | Date): Promise<User> {
  const now = isoAt(at);
  const row = await db.kysely
    .updateTable('users')
    .set({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: now, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError('user', id);
  return toUser(row);
}
