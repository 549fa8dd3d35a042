/** Administration: rounds, users and roles, invitations, the e-mail outbox, instrument upload, sub-national jurisdictions and the audit log. */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { LANGUAGES } from '@migov/core';
import {
  countOutbox,
  findLiveRoleGrant,
  getInvitation,
  INVITATION_STATUSES,
  listOutbox,
  listRoleHolders,
  OUTBOX_STATUSES,
  renewInvitation,
  retryMessage,
  type Invitation,
  listInvitations,
  createInvitation,
  createJurisdiction,
  createRound,
  getUser,
  grantRole,
  JURISDICTION_LEVELS,
  AUDIT_COUNT_LIMIT,
  listAudit,
  listJurisdictions,
  listRoleGrants,
  listRounds,
  listUsers,
  recordAudit,
  revokeInvitation,
  revokeRole,
  saveInstrumentVersion,
  updateUser,
  USERS_COUNT_LIMIT,
} from '@migov/db';
import { ApiError } from '../errors/api-error.ts';
import { roundSchema, roundView } from '../rounds/round-view.ts';
import { PUBLIC, requirePrincipal, SIGNED_IN } from '../http/route-kit.ts';
import {
  canDelegate,
  DELEGABLE_ROLES,
  isAllowedGlobally,
  ROLES,
  scopeJurisdiction,
  type JurisdictionResolver,
  type RoleGrant,
  type RoleScope,
} from '../auth/permissions.ts';
import type { AppContext, Principal } from '../context.ts';
import { mailService } from '../mail/mail-service.ts';
import { invitationMessage, onboardingUrl } from '../mail/notices.ts';
import { createSecret, hashSecret } from '../auth/tokens.ts';
import { pageQuerySchema, pageSchema } from '../http/pagination.ts';
import { okSchema, publicUser, roleGrantSchema, roleSchema, roleScopeSchema, userSchema } from '../http/schemas.ts';
import { auditEntrySchema } from './audit-answers.schema.ts';

const jurisdictionSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.enum(JURISDICTION_LEVELS),
    parent: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Jurisdiction' });

const ADMIN = (permission: 'round:manage' | 'user:manage' | 'instrument:manage' | 'audit:read') => ({
  access: { permission, scope: 'global' as const },
});

/** Admin routes under /api/v1. */
export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = app.migov;
  // Instrument files may come as YAML; the route parses them (JSON bodies arrive parsed).
  app.addContentTypeParser(
    ['application/yaml', 'application/x-yaml', 'text/yaml'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/rounds',
    {
      config: PUBLIC,
      schema: {
        tags: ['rounds'],
        summary: 'Rounds (public)',
        querystring: z.object({
          year: z.coerce.number().int().min(2000).max(2100).optional(),
          instrument: z.string().max(60).optional(),
        }),
        response: { 200: z.object({ items: z.array(roundSchema) }) },
      },
    },
    async (request) => ({
      items: (
        await listRounds(context.db, {
          ...(request.query.year ? { year: request.query.year } : {}),
          ...(request.query.instrument ? { instrument: request.query.instrument } : {}),
        })
      ).map((round) => roundView(round, context.now())),
    }),
  );

  app.post(
    '/rounds',
    {
      config: ADMIN('round:manage'),
      schema: {
        tags: ['rounds'],
        summary: 'Open a round',
        body: z.object({
          year: z.number().int().min(2000).max(2100),
          instrument: z.string().min(1).max(60),
          version: z.string().min(1).max(60),
          opensOn: z.iso.date(),
          closesOn: z.iso.date(),
        }),
        response: { 201: roundSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(roundView(await createRound(context.db, request.body, requirePrincipal(request).userId), context.now())),
  );

  app.get(
    '/users',
    {
      config: ADMIN('user:manage'),
      schema: {
        tags: ['users'],
        summary: `Users, by e-mail address: total counts up to offset + ${USERS_COUNT_LIMIT} (totalExact false: at least that many)`,
        querystring: pageQuerySchema.extend({
          status: z.enum(['active', 'disabled']).optional(),
          search: z.string().max(100).optional(),
        }),
        response: {
          200: pageSchema(userSchema).extend({
            totalExact: z
              .boolean()
              .describe(`false: more than offset + ${USERS_COUNT_LIMIT} users match; total is a lower bound`),
          }),
        },
      },
    },
    async (request) => {
      const { limit, offset, status, search } = request.query;
      const page = await listUsers(context.db, {
        ...(status ? { status } : {}),
        ...(search ? { search } : {}),
        page: { limit, offset },
      });
      return { ...page, items: page.items.map(publicUser) };
    },
  );

  app.get(
    '/users/:id',
    {
      config: ADMIN('user:manage'),
      schema: {
        tags: ['users'],
        summary: 'One user with roles',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: userSchema.extend({ roles: z.array(roleGrantSchema) }) },
      },
    },
    async (request) => ({
      ...publicUser(await getUser(context.db, request.params.id)),
      roles: await listRoleGrants(context.db, request.params.id),
    }),
  );

  app.patch(
    '/users/:id',
    {
      config: ADMIN('user:manage'),
      schema: {
        tags: ['users'],
        summary:
          'Rename, disable or re-enable a user (users are never deleted; disabling signs them out and revokes their API tokens)',
        params: z.object({ id: z.string().min(1).max(100) }),
        body: z
          .object({
            name: z.string().trim().min(1).max(200).optional(),
            status: z.enum(['active', 'disabled']).optional(),
          })
          .refine((body) => body.name !== undefined || body.status !== undefined, 'give name or status'),
        response: { 200: userSchema },
      },
    },
    async (request) => {
      const before = await getUser(context.db, request.params.id);
      const user = await updateUser(context.db, request.params.id, request.body);
      await recordAudit(context.db, {
        actorId: requirePrincipal(request).userId,
        action:
          before.status !== user.status ? `user.${user.status === 'disabled' ? 'disable' : 'enable'}` : 'user.update',
        targetType: 'user',
        targetId: user.id,
        details: {
          before: { name: before.name, status: before.status },
          after: { name: user.name, status: user.status },
        },
      });
      return publicUser(user);
    },
  );

  app.post(
    '/users/:id/roles',
    {
      config: ADMIN('user:manage'),
      schema: {
        tags: ['users'],
        summary: 'Grant a role in a scope',
        params: z.object({ id: z.string().min(1).max(100) }),
        body: z.object({ role: roleSchema, scope: roleScopeSchema }),
        response: { 201: roleGrantSchema },
      },
    },
    async (request, reply) => {
      await getUser(context.db, request.params.id);
      return reply
        .code(201)
        .send(
          await grantRole(
            context.db,
            { userId: request.params.id, role: request.body.role, scope: request.body.scope },
            requirePrincipal(request).userId,
          ),
        );
    },
  );

  app.delete(
    '/users/:id/roles/:grantId',
    {
      config: ADMIN('user:manage'),
      schema: {
        tags: ['users'],
        summary: 'Revoke a role grant (kept in history)',
        params: z.object({ id: z.string().min(1).max(100), grantId: z.string().min(1).max(100) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      const grants = await listRoleGrants(context.db, request.params.id);
      if (!grants.some((grant) => grant.id === request.params.grantId))
        throw new ApiError('not-found', `user ${request.params.id} has no role grant ${request.params.grantId}`);
      await revokeRole(context.db, request.params.grantId, requirePrincipal(request).userId);
      return { ok: true as const };
    },
  );

  const invitationBody = z.object({
    email: z.email().max(254),
    role: roleSchema,
    scope: roleScopeSchema,
    language: z
      .enum(LANGUAGES)
      .optional()
      .describe("the language of the e-mail and of the new account's e-mail; default the inviter's preferred language"),
  });
  const invitedSchema = z.object({
    id: z.string(),
    email: z.string(),
    role: roleSchema,
    scope: roleScopeSchema,
    expiresAt: z.string(),
    language: z.enum(LANGUAGES),
    delivery: z
      .enum(['email', 'link'])
      .describe(
        'email: the link was sent to the invited address only (and is not in this answer); link: e-mail is not configured, pass acceptUrl on privately',
      ),
    acceptUrl: z
      .string()
      .optional()
      .describe(
        'only without e-mail delivery: the page that accepts the invitation; the token is in its fragment (#token=…), never sent to a server by a browser',
      ),
  });

  /** A new token for an invitation, and its delivery: by e-mail to the invited address, or the link in the answer when e-mail is off. */
  async function deliverInvitation(invitation: Invitation, token: string, inviter: Principal) {
    const acceptUrl = onboardingUrl(context.config.publicUrl, invitation.language, 'invitations/accept', token);
    const mail = mailService(context);
    const base = {
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      scope: invitation.scope,
      expiresAt: invitation.expiresAt,
      language: invitation.language,
    };
    if (!mail.enabled) return { ...base, delivery: 'link' as const, acceptUrl };
    await mail.enqueue([
      invitationMessage({
        email: invitation.email,
        role: invitation.role,
        scope: invitation.scope,
        acceptUrl,
        expiresAt: invitation.expiresAt,
        inviterName: inviter.name,
        geography: context.geography,
        language: invitation.language,
      }),
    ]);
    return { ...base, delivery: 'email' as const };
  }

  app.post(
    '/invitations',
    {
      config: {
        access: {
          permission: 'invitation:manage',
          scope: 'object',
          jurisdiction: async (request) => scopeJurisdiction(invitationBody.parse(request.body).scope),
        },
      },
      schema: {
        tags: ['users'],
        summary:
          'Invite someone to a role: the one-time acceptance link goes to the invited address by e-mail (or, without e-mail, is answered to pass on)',
        description:
          'Administrators invite to any role; national coordinators invite focal points and reviewers in their country (GET /invitations/offers lists what you may offer). The answer is the same whether the email has an account or not. The link lets a new email create its account; an existing account accepts only when signed in with its own credentials, so holding the link gives nothing over it. With e-mail delivery configured the link is sent to the invited address only and is not in the answer.',
        body: invitationBody,
        response: { 201: invitedSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (!canDelegate(principal.grants, request.body.role, request.body.scope, context.geography)) {
        throw new ApiError('forbidden', `you may not invite someone as ${request.body.role} in this scope`);
      }
      const token = createSecret();
      const invitation = await createInvitation(context.db, {
        email: request.body.email,
        role: request.body.role,
        scope: request.body.scope,
        tokenHash: hashSecret(token),
        expiresAt: new Date(context.now().getTime() + context.config.invitationTtlSeconds * 1000).toISOString(),
        invitedBy: principal.userId,
        language: request.body.language ?? (await getUser(context.db, principal.userId)).preferredLanguage,
      });
      return reply.code(201).send(await deliverInvitation(invitation, token, principal));
    },
  );

  const offerSchema = z.object({
    role: roleSchema,
    scopes: z.array(roleScopeSchema).describe('the scopes you may offer the role in'),
    anyScope: z.boolean().describe('true: any scope (global, a country or a group); scopes is then empty'),
  });
  app.get(
    '/invitations/offers',
    {
      config: SIGNED_IN,
      schema: {
        tags: ['users'],
        summary:
          'What you may do in onboarding: the roles you may invite to and in which scopes, whether you manage users, and whether invitations go out by e-mail',
        response: {
          200: z.object({ items: z.array(offerSchema), manageUsers: z.boolean(), mailDelivery: z.boolean() }),
        },
      },
    },
    async (request) => {
      const grants = requirePrincipal(request).grants;
      const manageUsers = isAllowedGlobally(grants, 'user:manage');
      return { items: invitationOffers(grants), manageUsers, mailDelivery: mailService(context).enabled };
    },
  );

  const invitationSchema = z
    .object({
      id: z.string(),
      email: z.string(),
      role: roleSchema,
      scope: roleScopeSchema,
      status: z.enum(INVITATION_STATUSES),
      createdAt: z.string(),
      expiresAt: z.string(),
      invitedBy: z.string().optional(),
      acceptedAt: z.string().optional(),
      acceptedUserId: z.string().optional(),
      revokedAt: z.string().optional(),
      language: z.enum(LANGUAGES),
    })
    .meta({ id: 'Invitation' });
  app.get(
    '/invitations',
    {
      config: { access: { permission: 'invitation:manage', scope: 'list' } },
      schema: {
        tags: ['users'],
        summary:
          'Invitations, newest first, with their status (pending, accepted, revoked or expired); never their token',
        description: 'Administrators see every invitation; national coordinators the ones they made.',
        querystring: pageQuerySchema.extend({
          status: z.enum(INVITATION_STATUSES).optional(),
          email: z.string().max(254).optional(),
        }),
        response: { 200: pageSchema(invitationSchema) },
      },
    },
    async (request) => {
      const { limit, offset, status, email } = request.query;
      const principal = requirePrincipal(request);
      const mine = isAllowedGlobally(principal.grants, 'user:manage') ? {} : { invitedBy: principal.userId };
      return listInvitations(context.db, {
        ...(status ? { status } : {}),
        ...(email ? { email } : {}),
        ...mine,
        page: { limit, offset },
        now: context.now(),
      });
    },
  );

  const onInvitation = {
    access: {
      permission: 'invitation:manage' as const,
      scope: 'object' as const,
      jurisdiction: invitationJurisdiction,
    },
  };
  const invitationParams = z.object({ id: z.string().min(1).max(100) });
  app.get(
    '/invitations/:id',
    {
      config: onInvitation,
      schema: {
        tags: ['users'],
        summary: 'One invitation with its status',
        params: invitationParams,
        response: { 200: invitationSchema },
      },
    },
    async (request) =>
      mayManageInvitation(
        context,
        requirePrincipal(request),
        await getInvitation(context.db, request.params.id, context.now()),
      ),
  );

  app.delete(
    '/invitations/:id',
    {
      config: onInvitation,
      schema: {
        tags: ['users'],
        summary: 'Withdraw an invitation (its link stops working; kept on record)',
        params: invitationParams,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      mayManageInvitation(
        context,
        requirePrincipal(request),
        await getInvitation(context.db, request.params.id, context.now()),
      );
      await revokeInvitation(context.db, request.params.id, requirePrincipal(request).userId);
      return { ok: true as const };
    },
  );

  app.post(
    '/invitations/:id/resend',
    {
      config: onInvitation,
      schema: {
        tags: ['users'],
        summary: 'Send an invitation again with a new link and a new expiry (the old link stops working)',
        description:
          'For an invitation neither accepted nor withdrawn (an expired one is renewed). Delivered like a new invitation.',
        params: invitationParams,
        response: { 200: invitedSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      mayManageInvitation(context, principal, await getInvitation(context.db, request.params.id, context.now()));
      const token = createSecret();
      const invitation = await renewInvitation(context.db, request.params.id, {
        tokenHash: hashSecret(token),
        expiresAt: new Date(context.now().getTime() + context.config.invitationTtlSeconds * 1000).toISOString(),
        actorId: principal.userId,
      });
      return deliverInvitation(invitation, token, principal);
    },
  );

  const teamMemberSchema = z
    .object({
      grantId: z.string(),
      userId: z.string(),
      email: z.string(),
      name: z.string(),
      role: roleSchema,
      scope: roleScopeSchema,
    })
    .meta({ id: 'TeamMember' });
  app.get(
    '/role-grants',
    {
      config: { access: { permission: 'invitation:manage', scope: 'list' } },
      schema: {
        tags: ['users'],
        summary: 'The live role grants you may hand out, with their holders: your team (administrators: every grant)',
        response: { 200: z.object({ items: z.array(teamMemberSchema) }) },
      },
    },
    async (request) => {
      const grants = requirePrincipal(request).grants;
      const roles = invitationOffers(grants).map((offer) => offer.role);
      const holders = await listRoleHolders(context.db, roles);
      return { items: holders.filter((holder) => canDelegate(grants, holder.role, holder.scope, context.geography)) };
    },
  );

  app.delete(
    '/role-grants/:grantId',
    {
      config: { access: { permission: 'invitation:manage', scope: 'object', jurisdiction: roleGrantJurisdiction } },
      schema: {
        tags: ['users'],
        summary: 'End a role grant you may hand out (kept in history, audited as role.revoke)',
        params: z.object({ grantId: z.string().min(1).max(100) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      const grant = await findLiveRoleGrant(context.db, request.params.grantId);
      if (!grant) throw new ApiError('not-found', `no live role grant ${request.params.grantId}`);
      if (!canDelegate(requirePrincipal(request).grants, grant.role, grant.scope, context.geography))
        throw new ApiError('forbidden', `you may not end a role of ${grant.role} in this scope`);
      await revokeRole(context.db, grant.grantId, requirePrincipal(request).userId);
      return { ok: true as const };
    },
  );

  const outboxMessageSchema = z
    .object({
      id: z.string(),
      kind: z.string(),
      recipient: z.string(),
      subject: z.string(),
      status: z.enum(OUTBOX_STATUSES),
      attempts: z.number().int(),
      nextAttemptAt: z.string(),
      createdAt: z.string(),
      sentAt: z.string().optional(),
      lastError: z.string().optional(),
      dedupeKey: z.string().optional(),
    })
    .meta({ id: 'OutboxMessage' });
  app.get(
    '/outbox',
    {
      config: ADMIN('user:manage'),
      schema: {
        tags: ['users'],
        summary:
          'The e-mail outbox, newest first: each message with its status (pending, sending, sent, failed), attempts and last error; never the body',
        querystring: pageQuerySchema.extend({
          status: z.enum(OUTBOX_STATUSES).optional(),
          recipient: z.string().max(254).optional(),
        }),
        response: {
          200: pageSchema(outboxMessageSchema).extend({
            counts: z.record(z.enum(OUTBOX_STATUSES), z.number().int()),
            delivery: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const { limit, offset, status, recipient } = request.query;
      const [page, counts] = await Promise.all([
        listOutbox(context.db, {
          ...(status ? { status } : {}),
          ...(recipient ? { recipient } : {}),
          page: { limit, offset },
        }),
        countOutbox(context.db),
      ]);
      return { ...page, counts, delivery: mailService(context).enabled };
    },
  );

  app.post(
    '/outbox/:id/retry',
    {
      config: ADMIN('user:manage'),
      schema: {
        tags: ['users'],
        summary: 'Try a failed message again now (other messages are answered as they are)',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: outboxMessageSchema },
      },
    },
    async (request) => {
      const { body: _body, ...message } = await retryMessage(context.db, request.params.id, context.now());
      mailService(context).sender()?.wake();
      return message;
    },
  );

  app.post(
    '/instruments',
    {
      config: ADMIN('instrument:manage'),
      schema: {
        tags: ['instruments'],
        summary:
          'Load an instrument version from JSON or YAML (validated; an existing id@version is never overwritten)',
        description: 'Send the file as the body with Content-Type application/json, application/yaml or text/yaml.',
        response: { 201: z.object({ instrument: z.string(), version: z.string() }) },
      },
    },
    async (request, reply) => {
      let data: unknown = request.body;
      if (typeof request.body === 'string') {
        try {
          data = parseYaml(request.body, { maxAliasCount: 100 });
        } catch (error) {
          throw new ApiError('invalid-instrument', `the YAML cannot be parsed: ${(error as Error).message}`);
        }
      }
      let stored;
      try {
        stored = await saveInstrumentVersion(context.db, data, requirePrincipal(request).userId);
      } catch (error) {
        if (error instanceof Error && error.name === 'ValidationError') {
          throw new ApiError('invalid-instrument', error.message, {
            problems: (error as Error & { problems: unknown }).problems,
          });
        }
        throw error;
      }
      await context.reloadInstruments();
      await context.publicCache.invalidate();
      return reply.code(201).send({ instrument: stored.instrument.instrument, version: stored.instrument.version });
    },
  );

  app.get(
    '/jurisdictions',
    {
      config: PUBLIC,
      schema: {
        tags: ['geography'],
        summary: 'Sub-national jurisdictions',
        querystring: z.object({ parent: z.string().max(40).optional() }),
        response: { 200: z.object({ items: z.array(jurisdictionSchema) }) },
      },
    },
    async (request) => ({
      items: await listJurisdictions(context.db, request.query.parent ? { parent: request.query.parent } : {}),
    }),
  );

  app.post(
    '/jurisdictions',
    {
      config: ADMIN('user:manage'),
      schema: {
        tags: ['geography'],
        summary: 'Add a sub-national jurisdiction (code <M49>-<local>, e.g. 484-CMX)',
        body: z.object({
          code: z.string().max(60),
          name: z.string().max(200),
          level: z.enum(JURISDICTION_LEVELS),
          parent: z.string().max(60),
        }),
        response: { 201: jurisdictionSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createJurisdiction(context.db, request.body, requirePrincipal(request).userId)),
  );

  app.get(
    '/audit',
    {
      config: ADMIN('audit:read'),
      schema: {
        tags: ['audit'],
        summary: `The audit log (append-only), newest first: total counts up to ${AUDIT_COUNT_LIMIT} (totalExact false: at least that many); follow next (after=) to read on`,
        querystring: pageQuerySchema.extend({
          actorId: z.string().max(100).optional(),
          action: z.string().max(100).optional(),
          actionPrefix: z.string().max(100).optional(),
          targetType: z.string().max(100).optional(),
          targetId: z.string().max(200).optional(),
          from: z.iso.datetime().optional(),
          until: z.iso.datetime().optional(),
          after: z
            .string()
            .max(400)
            .optional()
            .describe(
              'The next cursor of the previous page: the entries after its last one (offset counts from there)',
            ),
        }),
        response: {
          200: pageSchema(auditEntrySchema).extend({
            totalExact: z
              .boolean()
              .describe(`false: more than ${AUDIT_COUNT_LIMIT} entries match; total is a lower bound`),
            next: z.string().optional().describe('The cursor of the next page (after=); absent on the last page'),
          }),
        },
      },
    },
    async (request) => {
      const { limit, offset, after, ...rest } = request.query;
      const filters = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
      return listAudit(context.db, { filters, page: { limit, offset }, ...(after ? { after } : {}) });
    },
  );
};

/** The roles a user may invite to and where: administrators any role anywhere; others what DELEGABLE_ROLES gives each of their grants, in that grant's scope. */
function invitationOffers(
  grants: readonly RoleGrant[],
): { role: (typeof ROLES)[number]; scopes: RoleScope[]; anyScope: boolean }[] {
  if (isAllowedGlobally(grants, 'user:manage')) return ROLES.map((role) => ({ role, scopes: [], anyScope: true }));
  const offers = new Map<string, { role: (typeof ROLES)[number]; scopes: RoleScope[]; anyScope: boolean }>();
  for (const grant of grants) {
    for (const role of DELEGABLE_ROLES[grant.role] ?? []) {
      const offer = offers.get(role) ?? { role, scopes: [], anyScope: false };
      if (!offer.scopes.some((scope) => JSON.stringify(scope) === JSON.stringify(grant.scope)))
        offer.scopes.push(grant.scope);
      offers.set(role, offer);
    }
  }
  return ROLES.flatMap((role) => (offers.has(role) ? [offers.get(role)!] : []));
}

/** The jurisdiction an invitation's scope stands for (undefined: no such invitation); seen by whoever may invite there. */
const invitationJurisdiction: JurisdictionResolver = Object.assign(
  async (request: FastifyRequest) => {
    const { id } = request.params as { id?: string };
    if (typeof id !== 'string') return undefined;
    try {
      return scopeJurisdiction((await getInvitation(request.server.migov.db, id)).scope);
    } catch {
      return undefined;
    }
  },
  { visibleWith: 'invitation:manage' as const },
);

/** An invitation the principal may manage: one whose role they may hand out in its scope (else 403). */
function mayManageInvitation<T extends Invitation>(context: AppContext, principal: Principal, invitation: T): T {
  if (!canDelegate(principal.grants, invitation.role, invitation.scope, context.geography))
    throw new ApiError('forbidden', `you may not manage invitations as ${invitation.role} in this scope`);
  return invitation;
}

/** The jurisdiction of a live role grant's scope (undefined: no such grant); seen by whoever may invite there. */
const roleGrantJurisdiction: JurisdictionResolver = Object.assign(
  async (request: FastifyRequest) => {
    const { grantId } = request.params as { grantId?: string };
    if (typeof grantId !== 'string') return undefined;
    const grant = await findLiveRoleGrant(request.server.migov.db, grantId);
    return grant ? scopeJurisdiction(grant.scope) : undefined;
  },
  { visibleWith: 'invitation:manage' as const },
);
