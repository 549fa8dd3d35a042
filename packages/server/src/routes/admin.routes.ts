/** Administration: rounds, users and roles, invitations, instrument upload, sub-national jurisdictions and the audit log. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import {
  getInvitation,
  INVITATION_STATUSES,
  listInvitations,
  createInvitation,
  createJurisdiction,
  createRound,
  getUser,
  grantRole,
  JURISDICTION_LEVELS,
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
} from '@migov/db';
import { ApiError } from '../errors/api-error.ts';
import { canDelegate, scopeJurisdiction } from '../auth/permissions.ts';
import { createSecret, hashSecret } from '../auth/tokens.ts';
import { pageQuerySchema, pageSchema } from '../http/pagination.ts';
import { okSchema, publicUser, roleGrantSchema, roleSchema, roleScopeSchema, userSchema } from '../http/schemas.ts';

const roundSchema = z
  .object({ id: z.string(), year: z.number().int(), instrument: z.string(), version: z.string(), opensOn: z.string(), closesOn: z.string(), createdAt: z.string() })
  .meta({ id: 'Round' });

const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actorId: z.string().optional(),
    action: z.string(),
    targetType: z.string().optional(),
    targetId: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'AuditEntry' });

const jurisdictionSchema = z
  .object({ code: z.string(), name: z.string(), level: z.enum(JURISDICTION_LEVELS), parent: z.string(), createdAt: z.string() })
  .meta({ id: 'Jurisdiction' });

const ADMIN = (permission: 'round:manage' | 'user:manage' | 'instrument:manage' | 'audit:read') => ({ access: { permission, scope: 'global' as const } });

/** Admin routes under /api/v1. */
export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = app.migov;
  // Instrument files may come as YAML; the route parses them (JSON bodies arrive parsed).
  app.addContentTypeParser(['application/yaml', 'application/x-yaml', 'text/yaml'], { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.get(
    '/rounds',
    {
      config: { access: { permission: 'public' } },
      schema: { tags: ['rounds'], summary: 'Rounds (public)', querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), instrument: z.string().max(60).optional() }), response: { 200: z.object({ items: z.array(roundSchema) }) } },
    },
    async (request) => ({ items: await listRounds(context.db, { ...(request.query.year ? { year: request.query.year } : {}), ...(request.query.instrument ? { instrument: request.query.instrument } : {}) }) }),
  );

  app.post(
    '/rounds',
    {
      config: ADMIN('round:manage'),
      schema: {
        tags: ['rounds'],
        summary: 'Open a round',
        body: z.object({ year: z.number().int().min(2000).max(2100), instrument: z.string().min(1).max(60), version: z.string().min(1).max(60), opensOn: z.iso.date(), closesOn: z.iso.date() }),
        response: { 201: roundSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createRound(context.db, request.body, request.principal!.userId)),
  );

  app.get(
    '/users',
    {
      config: ADMIN('user:manage'),
      schema: { tags: ['users'], summary: 'Users', querystring: pageQuerySchema.extend({ status: z.enum(['active', 'disabled']).optional(), search: z.string().max(100).optional() }), response: { 200: pageSchema(userSchema) } },
    },
    async (request) => {
      const { limit, offset, status, search } = request.query;
      const page = await listUsers(context.db, { ...(status ? { status } : {}), ...(search ? { search } : {}), page: { limit, offset } });
      return { ...page, items: page.items.map(publicUser) };
    },
  );

  app.get(
    '/users/:id',
    { config: ADMIN('user:manage'), schema: { tags: ['users'], summary: 'One user with roles', params: z.object({ id: z.string().min(1).max(100) }), response: { 200: userSchema.extend({ roles: z.array(roleGrantSchema) }) } } },
    async (request) => ({ ...publicUser(await getUser(context.db, request.params.id)), roles: await listRoleGrants(context.db, request.params.id) }),
  );

  app.patch(
    '/users/:id',
    {
      config: ADMIN('user:manage'),
      schema: {
        tags: ['users'],
        summary: 'Rename, disable or re-enable a user (users are never deleted; disabling signs them out and revokes their API tokens)',
        params: z.object({ id: z.string().min(1).max(100) }),
        body: z.object({ name: z.string().trim().min(1).max(200).optional(), status: z.enum(['active', 'disabled']).optional() }).refine((body) => body.name !== undefined || body.status !== undefined, 'give name or status'),
        response: { 200: userSchema },
      },
    },
    async (request) => {
      const before = await getUser(context.db, request.params.id);
      const user = await updateUser(context.db, request.params.id, request.body);
      await recordAudit(context.db, {
        actorId: request.principal!.userId,
        action: before.status !== user.status ? `user.${user.status === 'disabled' ? 'disable' : 'enable'}` : 'user.update',
        targetType: 'user',
        targetId: user.id,
        details: { before: { name: before.name, status: before.status }, after: { name: user.name, status: user.status } },
      });
      return publicUser(user);
    },
  );

  app.post(
    '/users/:id/roles',
    {
      config: ADMIN('user:manage'),
      schema: { tags: ['users'], summary: 'Grant a role in a scope', params: z.object({ id: z.string().min(1).max(100) }), body: z.object({ role: roleSchema, scope: roleScopeSchema }), response: { 201: roleGrantSchema } },
    },
    async (request, reply) => {
      await getUser(context.db, request.params.id);
      return reply.code(201).send(await grantRole(context.db, { userId: request.params.id, role: request.body.role, scope: request.body.scope }, request.principal!.userId));
    },
  );

  app.delete(
    '/users/:id/roles/:grantId',
    { config: ADMIN('user:manage'), schema: { tags: ['users'], summary: 'Revoke a role grant (kept in history)', params: z.object({ id: z.string().min(1).max(100), grantId: z.string().min(1).max(100) }), response: { 200: okSchema } } },
    async (request) => {
      const grants = await listRoleGrants(context.db, request.params.id);
      if (!grants.some((grant) => grant.id === request.params.grantId)) throw new ApiError('not-found', `user ${request.params.id} has no role grant ${request.params.grantId}`);
      await revokeRole(context.db, request.params.grantId, request.principal!.userId);
      return { ok: true as const };
    },
  );

  const invitationBody = z.object({ email: z.email().max(254), role: roleSchema, scope: roleScopeSchema });
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
        summary: 'Invite someone to a role; returns the one-time acceptance link for the invited person',
        description:
          'Administrators invite to any role; national coordinators invite focal points and reviewers in their country. The answer is the same whether the email has an account or not. The link lets a new email create its account; an existing account accepts only when signed in with its own credentials, so holding the link gives nothing over it.',
        body: invitationBody,
        response: { 201: z.object({ id: z.string(), email: z.string(), role: roleSchema, scope: roleScopeSchema, expiresAt: z.string(), acceptUrl: z.string().describe('the page that accepts the invitation; the token is in its fragment (#token=…), never sent to a server by a browser') }) },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
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
      });
      return reply.code(201).send({
        id: invitation.id,
        email: invitation.email,
        role: invitation.role,
        scope: invitation.scope,
        expiresAt: invitation.expiresAt,
        acceptUrl: `${context.config.publicUrl}/invitations/accept#token=${token}`,
      });
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
    })
    .meta({ id: 'Invitation' });
  app.get(
    '/invitations',
    {
      config: ADMIN('user:manage'),
      schema: {
        tags: ['users'],
        summary: 'Invitations, newest first, with their status (pending, accepted, revoked or expired); never their token',
        querystring: pageQuerySchema.extend({ status: z.enum(INVITATION_STATUSES).optional(), email: z.string().max(254).optional() }),
        response: { 200: pageSchema(invitationSchema) },
      },
    },
    async (request) => {
      const { limit, offset, status, email } = request.query;
      return listInvitations(context.db, { ...(status ? { status } : {}), ...(email ? { email } : {}), page: { limit, offset }, now: context.now() });
    },
  );

  app.get(
    '/invitations/:id',
    { config: ADMIN('user:manage'), schema: { tags: ['users'], summary: 'One invitation with its status', params: z.object({ id: z.string().min(1).max(100) }), response: { 200: invitationSchema } } },
    async (request) => getInvitation(context.db, request.params.id, context.now()),
  );

  app.delete(
    '/invitations/:id',
    { config: ADMIN('user:manage'), schema: { tags: ['users'], summary: 'Withdraw an invitation', params: z.object({ id: z.string().min(1).max(100) }), response: { 200: okSchema } } },
    async (request) => {
      await revokeInvitation(context.db, request.params.id, request.principal!.userId);
      return { ok: true as const };
    },
  );

  app.post(
    '/instruments',
    {
      config: ADMIN('instrument:manage'),
      schema: {
        tags: ['instruments'],
        summary: 'Load an instrument version from JSON or YAML (validated; an existing id@version is never overwritten)',
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
        stored = await saveInstrumentVersion(context.db, data, request.principal!.userId);
      } catch (error) {
        if (error instanceof Error && error.name === 'ValidationError') {
          throw new ApiError('invalid-instrument', error.message, { problems: (error as Error & { problems: unknown }).problems });
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
    { config: { access: { permission: 'public' } }, schema: { tags: ['geography'], summary: 'Sub-national jurisdictions', querystring: z.object({ parent: z.string().max(40).optional() }), response: { 200: z.object({ items: z.array(jurisdictionSchema) }) } } },
    async (request) => ({ items: await listJurisdictions(context.db, request.query.parent ? { parent: request.query.parent } : {}) }),
  );

  app.post(
    '/jurisdictions',
    {
      config: ADMIN('user:manage'),
      schema: { tags: ['geography'], summary: 'Add a sub-national jurisdiction (code <M49>-<local>, e.g. 484-CMX)', body: z.object({ code: z.string().max(60), name: z.string().max(200), level: z.enum(JURISDICTION_LEVELS), parent: z.string().max(60) }), response: { 201: jurisdictionSchema } },
    },
    async (request, reply) => reply.code(201).send(await createJurisdiction(context.db, request.body, request.principal!.userId)),
  );

  app.get(
    '/audit',
    {
      config: ADMIN('audit:read'),
      schema: {
        tags: ['audit'],
        summary: 'The audit log (append-only)',
        querystring: pageQuerySchema.extend({
          actorId: z.string().max(100).optional(),
          action: z.string().max(100).optional(),
          actionPrefix: z.string().max(100).optional(),
          targetType: z.string().max(100).optional(),
          targetId: z.string().max(200).optional(),
          from: z.iso.datetime().optional(),
          until: z.iso.datetime().optional(),
        }),
        response: { 200: pageSchema(auditEntrySchema) },
      },
    },
    async (request) => {
      const { limit, offset, ...rest } = request.query;
      const filters = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
      return listAudit(context.db, { filters, page: { limit, offset } });
    },
  );
};
