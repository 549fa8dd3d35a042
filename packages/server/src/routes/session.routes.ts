/** Sign-in and sign-out, the current session, personal API tokens, accepting invitations, and OIDC sign-in. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../errors/problem-answers.ts';
import { LANGUAGES } from '@migov/core';
import {
  acceptInvitation,
  createApiToken,
  findPasswordReset,
  createSession,
  findInvitationByTokenHash,
  findUser,
  findUserByEmail,
  listApiTokens,
  listRoleGrants,
  recordAudit,
  resetSignInFailures,
  revokeApiToken,
  revokeSession,
  usePasswordReset,
  type Invitation,
  type InvitationRefusal,
  type User,
} from '@migov/db';
import { ApiError } from '../errors/api-error.ts';
import { PUBLIC, requirePrincipal, SIGNED_IN } from '../http/route-kit.ts';
import { decoyPasswordHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../auth/passwords.ts';
import { createSecret, hashSecret } from '../auth/tokens.ts';
import { clearSessionCookie, isSecure, setSessionCookie } from '../auth/session-cookie.ts';
import { createOidcClient, type OidcClient } from '../auth/oidc.ts';
import { throttleKey } from '../auth/sign-in-throttle.ts';
import { okSchema, publicUser, roleGrantSchema, roleSchema, roleScopeSchema, userSchema } from '../http/schemas.ts';
import { canDelegate, PERMISSIONS, permissionScopes } from '../auth/permissions.ts';
import type { AppContext, Principal } from '../context.ts';
import { attachMailSender, mailService } from '../mail/mail-service.ts';
import { passwordResetMessage } from '../mail/notices.ts';
import { createPasswordResetLink } from '../auth/password-reset-link.ts';

export const sessionSchema = z
  .object({
    user: userSchema,
    roles: z.array(roleGrantSchema),
    permissions: z
      .record(z.enum(PERMISSIONS), z.array(roleScopeSchema))
      .describe(
        'Every permission with the scopes in which your roles hold it (an empty list where they do not): what a client may offer; the server checks each request again',
      ),
    csrfToken: z.string().optional().describe('Send it as X-CSRF-Token on POST, PUT, PATCH and DELETE'),
    expiresAt: z.string().optional(),
    via: z.enum(['session', 'token']),
  })
  .meta({ id: 'Session' });

const passwordSchema = z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(1024);

const apiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().optional(),
    lastUsedAt: z.string().optional(),
    revokedAt: z.string().optional(),
  })
  .meta({ id: 'ApiToken' });

/** The answer to a pair of email and address that failed too often: the same whether the email has an account or not. */
function tooManyFailures(wait: number): ApiError {
  return new ApiError(
    'too-many-attempts',
    `too many failed sign-ins with this email from this address; try again in ${wait} s`,
    { retryAfter: wait },
    { 'retry-after': String(wait) },
  );
}

/** The answer to a client address over its rate for one kind of request (`what`: "sign-in attempts", …). */
function tooManyFromAddress(what: string, wait: number): ApiError {
  return new ApiError(
    'too-many-attempts',
    `too many ${what} from this address; wait ${wait} s`,
    { retryAfter: wait },
    { 'retry-after': String(wait) },
  );
}

/** Start a session for a user: cookie, CSRF token, audit. */
async function startSession(
  context: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  user: User,
  method: string,
) {
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
  await recordAudit(context.db, {
    actorId: user.id,
    action: 'sign-in.success',
    targetType: 'user',
    targetId: user.id,
    details: { ip: request.ip, method },
  });
  setSessionCookie(reply, context.config, token, expiresAt);
  const grants = await listRoleGrants(context.db, user.id);
  return {
    user: publicUser(user),
    roles: grants,
    permissions: permissionScopes(grants),
    csrfToken,
    expiresAt: expiresAt.toISOString(),
    via: 'session' as const,
  };
}

/** /api/v1/session, /api/v1/tokens, /api/v1/invitations/{preview,accept,accept-signed-in}, /api/v1/password-reset, /api/v1/auth/oidc/*. */
export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = app.migov;
  // The e-mail sender runs with the app (when an SMTP server is configured).
  attachMailSender(app, context);
  /** The signed-in principal's session as answered: user, current roles, CSRF token of a cookie session. */
  const currentSession = async (principal: Principal) => ({
    user: { id: principal.userId, email: principal.email, name: principal.name, status: 'active' as const },
    roles: await listRoleGrants(context.db, principal.userId),
    permissions: permissionScopes(principal.grants),
    ...(principal.csrfToken ? { csrfToken: principal.csrfToken } : {}),
    via: principal.via,
  });
  const oidc: OidcClient | undefined = context.config.oidc
    ? createOidcClient(context.config.oidc, undefined, context.shared)
    : undefined;
  /**
   * Count one request of a kind from a client address, at the sign-in rate per minute: the seconds to
   * wait when the address is over it, else 0. Counted in one place for every process and instance of
   * the server (cluster/shared-state.ts).
   */
  const waitForAddress = (kind: string, ip: string, now: Date): Promise<number> =>
    context.shared.hitAttempt(`${kind}:${ip}`, context.config.signInPerIpPerMinute, 60_000, now.getTime());

  app.post(
    '/session',
    {
      config: PUBLIC,
      schema: {
        tags: ['session'],
        summary: 'Sign in with email and password',
        description:
          'Rate-limited per address; after repeated failures with one email from one address, that pair waits (429 with Retry-After, for known and unknown emails alike; the account itself is never locked). Sets an HttpOnly session cookie and returns the CSRF token.',
        body: z.object({ email: z.string().min(3).max(254), password: z.string().min(1).max(1024) }),
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const now = context.now();
      const retryAfter = await waitForAddress('sign-in', request.ip, now);
      if (retryAfter > 0) {
        await recordAudit(context.db, {
          action: 'sign-in.rate-limited',
          targetType: 'ip',
          targetId: request.ip,
          details: { email },
        });
        throw tooManyFromAddress('sign-in attempts', retryAfter);
      }
      // Failures are counted per email AND address, for known and unknown emails alike: the one guessing
      // waits, the owner signing in from elsewhere does not, and the answers never tell which emails exist.
      // An admitted attempt counts as a failure until it succeeds, so parallel guesses cannot pass the threshold.
      const pair = throttleKey(email, request.ip);
      const wait = await context.shared.signInAttempt(
        pair,
        { threshold: context.config.lockoutThreshold, baseMs: context.config.lockoutSeconds * 1000 },
        now.getTime(),
      );
      if (wait > 0) {
        await recordAudit(context.db, {
          action: 'sign-in.throttled',
          targetType: 'email',
          targetId: email.trim().toLowerCase(),
          details: { ip: request.ip, retryAfter: wait },
        });
        throw tooManyFailures(wait);
      }
      const user = await findUserByEmail(context.db, email);
      // An unknown email, or an account without a password, costs the same hash check as a real one.
      const valid = user?.passwordHash
        ? await verifyPassword(user.passwordHash, password)
        : (await verifyPassword(await decoyPasswordHash(), password), false);
      if (!user || !valid) {
        await recordAudit(
          context.db,
          user
            ? {
                action: 'sign-in.failure',
                targetType: 'user',
                targetId: user.id,
                details: { ip: request.ip, reason: 'wrong-password' },
              }
            : {
                action: 'sign-in.failure',
                targetType: 'email',
                targetId: email.trim().toLowerCase(),
                details: { ip: request.ip, reason: 'unknown-email' },
              },
        );
        throw new ApiError('invalid-credentials', 'the email or the password is wrong');
      }
      await context.shared.signInSucceeded(pair);
      if (user.status !== 'active') {
        await recordAudit(context.db, {
          action: 'sign-in.failure',
          targetType: 'user',
          targetId: user.id,
          details: { ip: request.ip, reason: 'disabled' },
        });
        throw new ApiError('account-disabled', 'this account is disabled; ask an administrator');
      }
      return startSession(context, request, reply, user, 'password');
    },
  );

  app.get(
    '/session',
    {
      config: SIGNED_IN,
      schema: {
        tags: ['session'],
        summary: 'The signed-in user, roles and CSRF token',
        response: { 200: sessionSchema },
      },
    },
    async (request) => currentSession(requirePrincipal(request)),
  );

  app.delete(
    '/session',
    {
      config: SIGNED_IN,
      schema: { tags: ['session'], summary: 'Sign out (revokes the session)', response: { 200: okSchema } },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (principal.sessionId) await revokeSession(context.db, principal.sessionId);
      await recordAudit(context.db, {
        actorId: principal.userId,
        action: 'sign-out',
        targetType: 'user',
        targetId: principal.userId,
      });
      clearSessionCookie(reply, context.config);
      return { ok: true as const };
    },
  );

  app.get(
    '/tokens',
    {
      config: SIGNED_IN,
      schema: {
        tags: ['session'],
        summary: 'My API tokens',
        response: { 200: z.object({ items: z.array(apiTokenSchema) }) },
      },
    },
    async (request) => ({ items: await listApiTokens(context.db, requirePrincipal(request).userId) }),
  );

  app.post(
    '/tokens',
    {
      config: SIGNED_IN,
      schema: {
        tags: ['session'],
        summary: 'Create an API token (shown once) for scripts: send it as "Authorization: Bearer <token>"',
        body: z.object({
          name: z.string().trim().min(1).max(100),
          expiresInDays: z.number().int().min(1).max(366).optional(),
        }),
        response: { 201: apiTokenSchema.extend({ token: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const token = createSecret('mgv_');
      const expiresAt = request.body.expiresInDays
        ? new Date(context.now().getTime() + request.body.expiresInDays * 86_400_000).toISOString()
        : undefined;
      const created = await createApiToken(context.db, {
        userId: principal.userId,
        name: request.body.name,
        tokenHash: hashSecret(token),
        ...(expiresAt ? { expiresAt } : {}),
      });
      await recordAudit(context.db, {
        actorId: principal.userId,
        action: 'api-token.create',
        targetType: 'api-token',
        targetId: created.id,
        details: { name: created.name },
      });
      return reply.code(201).send({ ...created, token });
    },
  );

  app.delete(
    '/tokens/:id',
    {
      config: SIGNED_IN,
      schema: {
        tags: ['session'],
        summary: 'Revoke one of my API tokens',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const mine = await listApiTokens(context.db, principal.userId);
      if (!mine.some((token) => token.id === request.params.id))
        throw new ApiError('not-found', `you have no API token ${request.params.id}`);
      await revokeApiToken(context.db, request.params.id);
      await recordAudit(context.db, {
        actorId: principal.userId,
        action: 'api-token.revoke',
        targetType: 'api-token',
        targetId: request.params.id,
      });
      return { ok: true as const };
    },
  );

  const invitationToken = z.string().min(10).max(200).describe('the token of the acceptance link (after #token=)');
  const invitationPreviewSchema = z
    .object({ email: z.string(), role: roleSchema, scope: roleScopeSchema, expiresAt: z.string() })
    .meta({ id: 'InvitationPreview' });
  const INVALID_INVITATION = 'this invitation is unknown, already used, withdrawn or expired; ask for a new one';

  /** The pending invitation of a token, if the one who invited may still grant its role; else 410 alike. */
  async function pendingInvitation(token: string): Promise<Invitation> {
    const invitation = await findInvitationByTokenHash(context.db, hashSecret(token), context.now());
    if (!invitation || !(await inviterMayStillGrant(invitation)))
      throw new ApiError('invitation-invalid', INVALID_INVITATION);
    return invitation;
  }

  /** Whether the account that invited is still active and may still hand out the role in the scope (invitations made by the system may). */
  async function inviterMayStillGrant(invitation: Invitation): Promise<boolean> {
    if (invitation.invitedBy === undefined) return true;
    const inviter = await findUser(context.db, invitation.invitedBy);
    if (!inviter || inviter.status !== 'active') return false;
    const grants = (await listRoleGrants(context.db, inviter.id)).map((grant) => ({
      role: grant.role,
      scope: grant.scope,
    }));
    return canDelegate(grants, invitation.role, invitation.scope, context.geography);
  }

  /** A refused acceptance as a problem. */
  function refused(refusal: InvitationRefusal): ApiError {
    switch (refusal) {
      case 'unavailable':
        return new ApiError('invitation-invalid', INVALID_INVITATION);
      case 'account-exists':
        return new ApiError(
          'invitation-sign-in-required',
          'this invitation is for an existing account: sign in as it, then accept the invitation (POST /api/v1/invitations/accept-signed-in)',
        );
      case 'other-account':
        return new ApiError(
          'invitation-other-account',
          'this invitation is for another email address than the one you are signed in with; sign out and sign in as the invited account',
        );
    }
  }

  app.post(
    '/invitations/preview',
    {
      config: PUBLIC,
      schema: {
        tags: ['session'],
        summary:
          'What an invitation offers: the invited email, role, scope and expiry (never whether the email has an account)',
        body: z.object({ token: invitationToken }),
        response: { 200: invitationPreviewSchema },
      },
    },
    async (request) => {
      const invitation = await pendingInvitation(request.body.token);
      return {
        email: invitation.email,
        role: invitation.role,
        scope: invitation.scope,
        expiresAt: invitation.expiresAt,
      };
    },
  );

  app.post(
    '/invitations/accept',
    {
      config: PUBLIC,
      schema: {
        tags: ['session'],
        summary: 'Accept an invitation of a new email: choose a name and password; creates the account and signs in',
        description:
          'Only for an email without an account. An invitation of an email that has an account is accepted by that account, signed in (POST /api/v1/invitations/accept-signed-in): here it answers 409 invitation-sign-in-required and changes nothing. Unknown, used, withdrawn or expired tokens, and acceptances that lost a race, answer 410 invitation-invalid.',
        body: z.object({
          token: invitationToken,
          name: z.string().trim().min(1).max(200),
          password: passwordSchema,
          language: z
            .enum(LANGUAGES)
            .optional()
            .describe("the page's language: the new account's e-mail language (default the invitation's)"),
        }),
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      const { token, name, password, language } = request.body;
      // The token is checked before the (costly) password hash.
      await pendingInvitation(token);
      const passwordHash = await hashPassword(password);
      // acceptInvitation audits the acceptance and the role grant in its own transaction.
      const result = await acceptInvitation(context.db, {
        tokenHash: hashSecret(token),
        as: { kind: 'new-account', name, passwordHash },
        now: context.now(),
        ...(language ? { language } : {}),
      });
      if (!result.ok) throw refused(result.refusal);
      return startSession(context, request, reply, result.user, 'invitation');
    },
  );

  app.post(
    '/invitations/accept-signed-in',
    {
      config: SIGNED_IN,
      schema: {
        tags: ['session'],
        summary: 'Accept an invitation for the account you are signed in with: its role is added to your roles',
        description:
          "The invitation must be addressed to your account's email (else 403 invitation-other-account, and it stays pending). Answers your session with the new roles.",
        body: z.object({ token: invitationToken }),
        response: { 200: sessionSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      await pendingInvitation(request.body.token);
      const result = await acceptInvitation(context.db, {
        tokenHash: hashSecret(request.body.token),
        as: { kind: 'signed-in', userId: principal.userId },
        now: context.now(),
      });
      if (!result.ok) throw refused(result.refusal);
      return currentSession(principal);
    },
  );

  const PASSWORD_RESET_ANSWER =
    'if this address has an active account, a link to choose a new password is on its way by e-mail';
  /** Asking for and using reset links count together per client address, at the sign-in rate. */
  const limitPasswordResetsFrom = async (ip: string, now: Date): Promise<void> => {
    const retryAfter = await waitForAddress('password-reset', ip, now);
    if (retryAfter > 0) throw tooManyFromAddress('requests', retryAfter);
  };
  app.post(
    '/password-reset',
    {
      config: PUBLIC,
      schema: {
        tags: ['session'],
        summary:
          'Ask for a password reset link by e-mail (the answer is the same whether the address has an account or not)',
        description:
          'An active account of the address gets a one-time link (`${MIGOV_PUBLIC_URL}/password-reset#token=…`, valid MIGOV_PASSWORD_RESET_TTL_SECONDS, default one hour). Without e-mail delivery configured nothing is sent. Limited per address like sign-in, and to 3 links per account an hour.',
        body: z.object({ email: z.string().trim().min(3).max(254) }),
        response: { 202: z.object({ ok: z.literal(true), message: z.string() }) },
      },
    },
    async (request, reply) => {
      const now = context.now();
      await limitPasswordResetsFrom(request.ip, now);
      const mail = mailService(context);
      const user = await findUserByEmail(context.db, request.body.email);
      // At most 3 links an hour per account, so nobody can flood a mailbox; the answer stays the same.
      const withinLimit = user
        ? (await context.shared.hitAttempt(`password-reset-user:${user.id}`, 3, 3_600_000, now.getTime())) === 0
        : false;
      if (user && user.status === 'active' && mail.enabled && withinLimit) {
        const link = await createPasswordResetLink(context.db, context.config, user, { now, ip: request.ip });
        await mail.enqueue([
          passwordResetMessage({
            email: user.email,
            resetUrl: link.url,
            expiresAt: link.expiresAt,
            language: user.preferredLanguage,
          }),
        ]);
      }
      return reply.code(202).send({ ok: true as const, message: PASSWORD_RESET_ANSWER });
    },
  );

  app.post(
    '/password-reset/confirm',
    {
      config: PUBLIC,
      schema: {
        tags: ['session'],
        summary: 'Choose a new password with a reset token; signs the account out everywhere',
        description:
          "The token works once and voids the account's other reset links; every session of the account ends. Unknown, used or expired tokens answer 410 password-reset-invalid.",
        body: z.object({ token: z.string().min(10).max(200), password: passwordSchema }),
        response: { 200: z.object({ ok: z.literal(true), email: z.string() }) },
      },
    },
    async (request) => {
      const now = context.now();
      await limitPasswordResetsFrom(request.ip, now);
      const invalid = () =>
        new ApiError(
          'password-reset-invalid',
          'this password reset link is unknown, already used or expired; ask for a new one',
        );
      // The token is checked before the (costly) password hash.
      if (!(await findPasswordReset(context.db, hashSecret(request.body.token), now))) throw invalid();
      const passwordHash = await hashPassword(request.body.password);
      const result = await usePasswordReset(context.db, {
        tokenHash: hashSecret(request.body.token),
        passwordHash,
        now: context.now(),
      });
      if (!result) throw invalid();
      return { ok: true as const, email: result.user.email };
    },
  );

  const OIDC_COOKIE = 'migov_oidc';
  app.get(
    '/auth/oidc/login',
    {
      config: PUBLIC,
      schema: {
        tags: ['session'],
        summary: 'Start organisation sign-in (redirects to the OpenID Connect provider)',
        description:
          'Each start keeps a pending sign-in for ten minutes, so starts are limited per client address at the sign-in rate (429 with Retry-After).',
        response: { 302: z.null().describe('To the OpenID Connect provider'), ...problems(404, 429) },
      },
    },
    async (request, reply) => {
      // Counted before anything else, so a flood of starts stores nothing and costs no provider call.
      const retryAfter = await waitForAddress('oidc-login', request.ip, context.now());
      if (retryAfter > 0) throw tooManyFromAddress('sign-in starts', retryAfter);
      if (!oidc)
        throw new ApiError(
          'oidc-not-configured',
          'organisation sign-in is not configured on this server (see docs/security.md)',
        );
      const { url, loginId } = await oidc.beginLogin();
      void reply.setCookie(OIDC_COOKIE, loginId, {
        httpOnly: true,
        sameSite: 'lax',
        secure: isSecure(context.config),
        path: '/api/v1/auth/oidc',
        maxAge: 600,
      });
      return reply.redirect(url.href, 302);
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      config: PUBLIC,
      schema: {
        tags: ['session'],
        summary: 'Return from the OpenID Connect provider; signs in an existing account',
        response: {
          302: z.null().describe('To the web app, signed in (or with the reason it could not)'),
          ...problems(404),
        },
      },
    },
    async (request, reply) => {
      if (!oidc)
        throw new ApiError(
          'oidc-not-configured',
          'organisation sign-in is not configured on this server (see docs/security.md)',
        );
      const loginId = request.cookies[OIDC_COOKIE];
      void reply.clearCookie(OIDC_COOKIE, { path: '/api/v1/auth/oidc' });
      let email: string;
      try {
        if (!loginId) throw new Error('no sign-in in progress in this browser');
        const callbackUrl = new URL(request.url, context.config.oidc!.redirectUri);
        ({ email } = await oidc.finishLogin(loginId, callbackUrl));
      } catch (error) {
        await recordAudit(context.db, {
          action: 'sign-in.failure',
          targetType: 'oidc',
          targetId: null,
          details: { ip: request.ip, reason: (error as Error).message },
        });
        throw new ApiError('unauthenticated', `organisation sign-in failed: ${(error as Error).message}`);
      }
      const user = await findUserByEmail(context.db, email);
      if (!user || user.status !== 'active') {
        await recordAudit(context.db, {
          action: 'sign-in.failure',
          targetType: 'email',
          targetId: email,
          details: { ip: request.ip, reason: 'no-active-account', method: 'oidc' },
        });
        throw new ApiError('forbidden', `no active account for ${email}: ask an administrator for an invitation`);
      }
      await startSession(context, request, reply, user, 'oidc');
      return reply.redirect('/', 302);
    },
  );
};
