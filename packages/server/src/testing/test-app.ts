/** Test support: a real database (SQLite in memory or a fresh PostgreSQL database), a real app, real users. */
import { createDatabase, createUser, grantRole, setPasswordHash, type MigovDatabase } from '@migov/db';
import { createTestDatabase as createMigratedTestDatabase } from '@migov/db/testing';
import { createApp, type CreateAppOptions, type MigovApp } from '../app.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Role, RoleScope } from '../auth/permissions.ts';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

/** A migrated database of the dialect (SQLite in memory); `drop` closes it and removes a PostgreSQL database. */
export async function createTestDatabase(dialect: TestDialect): Promise<{ db: MigovDatabase; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const db = await createDatabase({ url: 'sqlite::memory:' });
    await db.migrate();
    return { db, drop: () => db.close() };
  }
  const test = await createMigratedTestDatabase(dialect, { poolSize: 20 });
  return { db: test.db, drop: () => test.dispose() };
}

/** The password every test user gets. */
export const TEST_PASSWORD = 'correct horse battery staple';

let cachedHash: Promise<string> | undefined;

/** Create an active user with a password and role grants. */
export async function createTestUser(
  db: MigovDatabase,
  email: string,
  grants: { role: Role; scope: RoleScope }[] = [],
  name = email.split('@')[0] ?? email,
) {
  const user = await createUser(db, { email, name });
  cachedHash ??= hashPassword(TEST_PASSWORD);
  await setPasswordHash(db, user.id, await cachedHash);
  for (const grant of grants) await grantRole(db, { userId: user.id, role: grant.role, scope: grant.scope }, null);
  return user;
}

/** A built app over a database. */
export async function createTestApp(db: MigovDatabase, options: Partial<CreateAppOptions> = {}): Promise<MigovApp> {
  const app = await createApp({ db, config: {}, ...options });
  await app.ready();
  return app;
}

/** Credentials of a signed-in client: the session cookie and the CSRF token. */
export interface SignedIn {
  cookie: string;
  csrfToken: string;
  userId: string;
}

/** Sign in through the API; throws with the problem when it fails. */
export async function signIn(app: MigovApp, email: string, password = TEST_PASSWORD): Promise<SignedIn> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
  const setCookie = response.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(';')[0];
  if (!cookie) throw new Error('no session cookie');
  const body = response.json() as { csrfToken: string; user: { id: string } };
  return { cookie, csrfToken: body.csrfToken, userId: body.user.id };
}

/** Headers of a cookie-authenticated request (with the CSRF token). */
export function asUser(session: SignedIn, extra: Record<string, string> = {}): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...extra };
}

/** The token of an invitation's acceptance link (`…/invitations/accept#token=…`), from the answer to POST /api/v1/invitations. */
export function invitationToken(invited: { json(): unknown }): string {
  const { acceptUrl } = invited.json() as { acceptUrl: string };
  const token = new URL(acceptUrl).hash.replace(/^#token=/, '');
  if (!token) throw new Error(`no token in the acceptance link ${acceptUrl}`);
  return token;
}
