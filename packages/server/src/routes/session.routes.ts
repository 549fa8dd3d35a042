/** Sign-in and sign-out, the current session, personal API tokens, accepting invitations, and OIDC sign-in. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acceptInvitation,
  createApiToken,
  createSession,
  findInvitationByTokenHash,
  findUserByEmail,
  listApiTokens,
  listRoleGrants,
  recordAudit,
  recordSignInFailure,
  resetSignInFailures,
  revokeApiToken,
  revokeSession,
  type User,
} from '@migov/db';
import { ApiError } from '../errors/api-error.ts';
import { decoyPasswordHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../auth/passwords.ts';
import { createSecret, hashSecret } from '../auth/tokens.ts';
import { clearSessionCookie, isSecure, setSessionCookie } from '../auth/session-cookie.ts';
import { createOidcClient, type OidcClient } from '../auth/oidc.ts';
import { okSchema, publicUser, roleGrantSchema, userSchema } from '../http/schemas.ts';
import type { AppContext } from '../context.ts';

const PUBLIC = { access: { permission: 'public' } } as const;
const SIGNED_IN = { access: { permission: 'signed-in' } } as const;

const sessionSchema = z
  .object({
    user: userSchema,
    roles: z.array(roleGrantSchema),
    csrfToken: z.string().optional().describe('Send it as X-CSRF-Token on POST, PUT, PATCH and DELETE'),
    expiresAt: z.string().optional(),
    via: z.enum(['session', 'token']),
  })
  .meta({ id: 'Session' });

const passwordSchema = z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(1024);

const apiTokenSchema = z
  .object({ id: z.string(), name: z.string(), createdAt: z.string(), expiresAt: z.string().optional(), lastUsedAt: z.string().optional(), revokedAt: z.string().optional() })
  .meta({ id: 'ApiToken' });

/** Start a session for a user: cookie, CSRF token, audit. */
async function startSession(context: AppContext, request: FastifyRequest, reply: FastifyReply, user: User, method: string) {
  const token = createSecret();
  const csrfToken = createSecret();
  const now = context.now();
  const expiresAt = new Date(now.getTime() + context.config.sessionTtlSeconds * 1000);
  await createSession(context.db, {
    now,
    userId: user.id,
    tokenHash: hashSecret(token),
    csrfToken,
    expiresAt: expiresAt.toISOString(),
    ...(request.headers['user-agent'] ? { userAgent: request.headers['user-agent'].slice(0, 300) } : {}),
    ip: request.ip,
  });
  await resetSignInFailures(context.db, user.id, now);
  await recordAudit(context.db, { actorId: user.id, action: 'sign-in.success', targetType: 'user', targetId: user.id, details: { ip: request.ip, method } });
  setSessionCookie(reply, context.config, token, expiresAt);
  const grants = await listRoleGrants(context.db, user.id);
  return { user: publicUser(user), roles: grants, csrfToken, expiresAt: expiresAt.toISOString(), via: 'session' as const };
}

/** /api/v1/session, /api/v1/tokens, /api/v1/invitations/accept, /api/v1/auth/oidc/*. */
export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = app.migov;
  const oidc: OidcClient | undefined = context.config.oidc ? createOidcClient(context.config.oidc, undefined, context.shared) : undefined;

  app.post(
    '/session',
    {
      config: PUBLIC,
      schema: {
        tags: ['session'],
        summary: 'Sign in with email and password',
        description: 'Rate-limited per IP; an account locks after repeated failures. Sets an HttpOnly session cookie and returns the CSRF token.',
        body: z.object({ email: z.string().min(3).max(254), password: z.string().min(1).max(1024) }),
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      // Counted in one place for every process of the server (cluster/shared-state.ts).
      const retryAfter = await context.shared.hitAttempt(`sign-in:${request.ip}`, context.config.signInPerIpPerMinute, 60_000, context.now().getTime());
      if (retryAfter > 0) {
        await recordAudit(context.db, { action: 'sign-in.rate-limited', targetType: 'ip', targetId: request.ip, details: { email } });
        throw new ApiError('too-many-attempts', `too many sign-in attempts from this address; wait ${retryAfter} s`, { retryAfter }, { 'retry-after': String(retryAfter) });
      }
      const user = await findUserByEmail(context.db, email);
      if (!user) {
        await verifyPassword(await decoyPasswordHash(), password);
        await recordAudit(context.db, { action: 'sign-in.failure', targetType: 'email', targetId: email.toLowerCase(), details: { ip: request.ip, reason: 'unknown-email' } });
        throw new ApiError('invalid-credentials', 'the email or the password is wrong');
      }
      const now = context.now();
      if (user.lockedUntil && user.lockedUntil > now.toISOString()) {
        const wait = Math.max(1, Math.ceil((Date.parse(user.lockedUntil) - now.getTime()) / 1000));
        await recordAudit(context.db, { actorId: null, action: 'sign-in.locked', targetType: 'user', targetId: user.id, details: { ip: request.ip, lockedUntil: user.lockedUntil } });
        throw new ApiError('too-many-attempts', `this account is locked after repeated failed sign-ins; try again in ${wait} s`, { retryAfter: wait }, { 'retry-after': String(wait) });
      }
      const valid = user.passwordHash ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await decoyPasswordHash(), password), false);
      if (!valid) {
        const after = await recordSignInFailure(context.db, user.id, { now, lockAfter: context.config.lockoutThreshold, lockForMs: context.config.lockoutSeconds * 1000 });
        await recordAudit(context.db, { action: 'sign-in.failure', targetType: 'user', targetId: user.id, details: { ip: request.ip, reason: 'wrong-password', failures: after.failedSignIns } });
        if (after.lockedUntil && after.failedSignIns === context.config.lockoutThreshold) {
          await recordAudit(context.db, { action: 'account.locked', targetType: 'user', targetId: user.id, details: { until: after.lockedUntil, ip: request.ip } });
        }
        throw new ApiError('invalid-credentials', 'the email or the password is wrong');
      }
      if (user.status !== 'active') {
        await recordAudit(context.db, { action: 'sign-in.failure', targetType: 'user', targetId: user.id, details: { ip: request.ip, reason: 'disabled' } });
        throw new ApiError('account-disabled', 'this account is disabled; ask an administrator');
      }
      return startSession(context, request, reply, user, 'password');
    },
  );

  app.get(
    '/session',
    { config: SIGNED_IN, schema: { tags: ['session'], summary: 'The signed-in user, roles and CSRF token', response: { 200: sessionSchema } } },
    async (request) => {
      const principal = request.principal!;
      const grants = await listRoleGrants(context.db, principal.userId);
      return {
        user: { id: principal.userId, email: principal.email, name: principal.name, status: 'active' as const },
        roles: grants,
        ...(principal.csrfToken ? { csrfToken: principal.csrfToken } : {}),
        via: principal.via,
      };
    },
  );

  app.delete(
    '/session',
    { config: SIGNED_IN, schema: { tags: ['session'], summary: 'Sign out (revokes the session)', response: { 200: okSchema } } },
    async (request, reply) => {
      const principal = request.principal!;
      if (principal.sessionId) await revokeSession(context.db, principal.sessionId);
      await recordAudit(context.db, { actorId: principal.userId, action: 'sign-out', targetType: 'user', targetId: principal.userId });
      clearSessionCookie(reply, context.config);
      return { ok: true as const };
    },
  );

  app.get(
    '/tokens',
    { config: SIGNED_IN, schema: { tags: ['session'], summary: 'My API tokens', response: { 200: z.object({ items: z.array(apiTokenSchema) }) } } },
    async (request) => ({ items: await listApiTokens(context.db, request.principal!.userId) }),
  );

  app.post(
    '/tokens',
    {
      config: SIGNED_IN,
      schema: {
        tags: ['session'],
        summary: 'Create an API token (shown once) for scripts: send it as "Authorization: Bearer <token>"',
        body: z.object({ name: z.string().trim().min(1).max(100), expiresInDays: z.number().int().min(1).max(366).optional() }),
        response: { 201: apiTokenSchema.extend({ token: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const token = createSecret('mgv_');
      const expiresAt = request.body.expiresInDays ? new Date(context.now().getTime() + request.body.expiresInDays * 86_400_000).toISOString() : undefined;
      const created = await createApiToken(context.db, { userId: principal.userId, name: request.body.name, tokenHash: hashSecret(token), ...(expiresAt ? { expiresAt } : {}) });
      await recordAudit(context.db, { actorId: principal.userId, action: 'api-token.create', targetType: 'api-token', targetId: created.id, details: { name: created.name } });
      return reply.code(201).send({ ...created, token });
    },
  );

  app.delete(
    '/tokens/:id',
    { config: SIGNED_IN, schema: { tags: ['session'], summary: 'Revoke one of my API tokens', params: z.object({ id: z.string().min(1).max(100) }), response: { 200: okSchema } } },
    async (request) => {
      const principal = request.principal!;
      const mine = await listApiTokens(context.db, principal.userId);
      if (!mine.some((token) => token.id === request.params.id)) throw new ApiError('not-found', `you have no API token ${request.params.id}`);
      await revokeApiToken(context.db, request.params.id);
      await recordAudit(context.db, { actorId: principal.userId, action: 'api-token.revoke', targetType: 'api-token', targetId: request.params.id });
      return { ok: true as const };
    },
  );

  app.post(
    '/invitations/accept',
    {
      config: PUBLIC,
      schema: {
        tags: ['session'],
        summary: 'Accept an invitation: choose a name and password; signs in',
        body: z.object({ token: z.string().min(10).max(200), name: z.string().trim().min(1).max(200), password: passwordSchema }),
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      const tokenHash = hashSecret(request.body.token);
      const invitation = await findInvitationByTokenHash(context.db, tokenHash, context.now());
      if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= context.now().toISOString()) {
        throw new ApiError('invitation-invalid', 'this invitation is unknown, already used, withdrawn or expired; ask for a new one');
      }
      const passwordHash = await hashPassword(request.body.password);
      // acceptInvitation audits the acceptance and the role grant in its own transaction.
      const { user } = await acceptInvitation(context.db, { tokenHash, name: request.body.name, passwordHash, now: context.now() });
      return startSession(context, request, reply, user, 'invitation');
    },
  );

  const OIDC_COOKIE = 'migov_oidc';
  app.get(
    '/auth/oidc/login',
    { config: PUBLIC, schema: { tags: ['session'], summary: 'Start organisation sign-in (redirects to the OpenID Connect provider)' } },
    async (_request, reply) => {
      if (!oidc) throw new ApiError('oidc-not-configured', 'organisation sign-in is not configured on this server (see docs/security.md)');
      const { url, loginId } = await oidc.beginLogin();
      void reply.setCookie(OIDC_COOKIE, loginId, { httpOnly: true, sameSite: 'lax', secure: isSecure(context.config), path: '/api/v1/auth/oidc', maxAge: 600 });
      return reply.redirect(url.href, 302);
    },
  );

  app.get(
    '/auth/oidc/callback',
    { config: PUBLIC, schema: { tags: ['session'], summary: 'Return from the OpenID Connect provider; signs in an existing account' } },
    async (request, reply) => {
      if (!oidc) throw new ApiError('oidc-not-configured', 'organisation sign-in is not configured on this server (see docs/security.md)');
      const loginId = request.cookies[OIDC_COOKIE];
      void reply.clearCookie(OIDC_COOKIE, { path: '/api/v1/auth/oidc' });
      let email: string;
      try {
        if (!loginId) throw new Error('no sign-in in progress in this browser');
        const callbackUrl = new URL(request.url, context.config.oidc!.redirectUri);
        ({ email } = await oidc.finishLogin(loginId, callbackUrl));
      } catch (error) {
        await recordAudit(context.db, { action: 'sign-in.failure', targetType: 'oidc', targetId: null, details: { ip: request.ip, reason: (error as Error).message } });
        throw new ApiError('unauthenticated', `organisation sign-in failed: ${(error as Error).message}`);
      }
      const user = await findUserByEmail(context.db, email);
      if (!user || user.status !== 'active') {
        await recordAudit(context.db, { action: 'sign-in.failure', targetType: 'email', targetId: email, details: { ip: request.ip, reason: 'no-active-account', method: 'oidc' } });
        throw new ApiError('forbidden', `no active account for ${email}: ask an administrator for an invitation`);
      }
      await startSession(context, request, reply, user, 'oidc');
      return reply.redirect('/', 302);
    },
  );
};
