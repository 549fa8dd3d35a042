/**
 * The one authorization mechanism. Every route declares `config.access` (startup fails otherwise);
 * an onRequest hook authenticates (session cookie with CSRF on unsafe methods, or a Bearer API
 * token) and checks the permission; a preHandler hook checks the scope of the object touched.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { findApiTokenByHash, findSessionByTokenHash, getUser, listRoleGrants, touchSession } from '@migov/db';
import { ApiError } from '../errors/api-error.ts';
import type { AppContext, Principal } from '../context.ts';
import { isAllowed, isAllowedGlobally, type RoleGrant, type RouteAccess } from './permissions.ts';
import { hashSecret, safeEqual } from './tokens.ts';
import { clearSessionCookie, readSessionCookie } from './session-cookie.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TOUCH_INTERVAL_MS = 60_000;

/** Routes every app has that are not ours to annotate (the docs UI): public. */
const PUBLIC_PREFIXES = ['/api/v1/docs'];

/** Every route of the app with its declared access; filled at startup (the authorization matrix test reads it). */
export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess;
  schema: RouteOptions['schema'];
}

function toGrants(rows: readonly { role: string; scope: RoleGrant['scope'] }[]): RoleGrant[] {
  return rows.map((row) => ({ role: row.role as RoleGrant['role'], scope: row.scope }));
}

async function principalFromToken(context: AppContext, bearer: string): Promise<Principal> {
  const now = context.now().toISOString();
  const token = await findApiTokenByHash(context.db, hashSecret(bearer), { now });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) {
    throw new ApiError(
      'token-revoked',
      'the API token is unknown, revoked or expired',
      {},
      { 'www-authenticate': 'Bearer error="invalid_token"' },
    );
  }
  const user = await getUser(context.db, token.userId);
  if (user.status !== 'active') throw new ApiError('account-disabled', 'the account of this API token is disabled');
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    grants: toGrants(await listRoleGrants(context.db, user.id)),
    via: 'token',
    tokenId: token.id,
  };
}

/** When each session was last extended; bounded, since a forgotten entry only costs one extra write. */
const lastTouched = new Map<string, number>();
const MAX_TOUCHED = 50_000;

async function principalFromSession(context: AppContext, token: string): Promise<Principal> {
  const now = context.now();
  const session = await findSessionByTokenHash(context.db, hashSecret(token), now);
  if (!session || session.revokedAt)
    throw new ApiError('session-expired', 'the session is unknown or signed out; sign in again');
  if (session.expiresAt <= now.toISOString())
    throw new ApiError('session-expired', 'the session has expired; sign in again');
  const user = await getUser(context.db, session.userId);
  if (user.status !== 'active') throw new ApiError('account-disabled', 'the account is disabled');
  // Sliding expiry, written at most once a minute per session to keep reads cheap.
  const touched = lastTouched.get(session.id) ?? 0;
  if (now.getTime() - touched > TOUCH_INTERVAL_MS) {
    if (lastTouched.size >= MAX_TOUCHED) lastTouched.clear();
    lastTouched.set(session.id, now.getTime());
    await touchSession(context.db, session.id, {
      now,
      expiresAt: new Date(now.getTime() + context.config.sessionTtlSeconds * 1000).toISOString(),
    });
  }
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    grants: toGrants(await listRoleGrants(context.db, user.id)),
    via: 'session',
    sessionId: session.id,
    csrfToken: session.csrfToken,
  };
}

/** Authenticate a request from its Bearer token or session cookie; undefined when it carries neither. */
async function authenticate(context: AppContext, request: FastifyRequest): Promise<Principal | undefined> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) throw new ApiError('unauthenticated', 'the Authorization header must be "Bearer <token>"');
    return principalFromToken(context, match[1]);
  }
  const cookie = readSessionCookie(request, context.config);
  return cookie ? principalFromSession(context, cookie) : undefined;
}

/** Install the authorization hooks; returns the live list of registered routes. */
export function installAccessControl(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.decorateRequest('principal', undefined);
  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    route.config ??= {};
    if (!route.config.access) {
      if (PUBLIC_PREFIXES.some((prefix) => url.startsWith(prefix)) || url === '/health' || url === '/ready')
        route.config.access = { permission: 'public' };
      else throw new Error(`route ${String(route.method)} ${url} declares no access (config.access): every route must`);
    }
    const access = route.config.access;
    if (access.permission !== 'public' && route.schema && !route.schema.hide) {
      // The OpenAPI document says how to authenticate and which permission the route needs.
      const needs =
        access.permission === 'signed-in'
          ? 'Any signed-in user.'
          : `Needs the permission \`${access.permission}\` (${access.scope === 'object' ? 'over the jurisdiction of the object' : access.scope === 'global' ? 'with global scope' : 'results filtered to your scopes'}).`;
      route.schema = {
        ...route.schema,
        security: [{ session: [] }, { bearer: [] }],
        description: [route.schema.description, needs].filter(Boolean).join('\n\n'),
      };
    }
    if (access.permission !== 'public') {
      route.onRequest = [...[route.onRequest ?? []].flat(), authenticationHook];
      if (access.permission !== 'signed-in' && access.scope === 'object')
        route.preHandler = [...[route.preHandler ?? []].flat(), objectScopeHook];
    }
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routes.push({ method, url, access: route.config.access, schema: route.schema });
    }
  });

  // Hooks are attached per route (in onRoute above) so public routes run none of them.
  return routes;
}

/** Authentication and the permission check, for every route that is not public. */
const SIGN_IN_FIRST = 'sign in, or send an API token as "Authorization: Bearer <token>"';

/** The principal of a request on a signed-in route (the authentication hook has set it); 401 otherwise. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new ApiError('unauthenticated', SIGN_IN_FIRST);
  return request.principal;
}

async function authenticationHook(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const access = request.routeOptions.config.access;
  if (!access || access.permission === 'public') return;
  const context = request.server.migov;
  let principal: Principal | undefined;
  try {
    principal = await authenticate(context, request);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'session-expired') clearSessionCookie(reply, context.config);
    throw error;
  }
  if (!principal) throw new ApiError('unauthenticated', SIGN_IN_FIRST);
  if (principal.via === 'session' && UNSAFE_METHODS.has(request.method)) {
    const header = request.headers['x-csrf-token'];
    if (typeof header !== 'string' || !principal.csrfToken || !safeEqual(header, principal.csrfToken)) {
      throw new ApiError('csrf-token-invalid', 'send the X-CSRF-Token header with the token from GET /api/v1/session');
    }
  }
  request.principal = principal;
  if (access.permission === 'signed-in') return;
  const allowed =
    access.scope === 'global'
      ? isAllowedGlobally(principal.grants, access.permission)
      : isAllowed(principal.grants, access.permission, context.geography);
  if (!allowed)
    throw new ApiError(
      'forbidden',
      `this needs the permission ${access.permission}${access.scope === 'global' ? ' with global scope' : ''}`,
    );
}

/**
 * The scope check on the jurisdiction of the object a route touches (after validation, so params are
 * parsed). An object the principal may not even see answers not-found like an unknown id.
 */
async function objectScopeHook(request: FastifyRequest): Promise<void> {
  const access = request.routeOptions.config.access;
  if (!access || access.permission === 'public' || access.permission === 'signed-in' || access.scope !== 'object')
    return;
  const jurisdiction = await access.jurisdiction(request);
  if (jurisdiction === undefined) throw new ApiError('not-found', NO_SUCH_RESOURCE);
  const principal = request.principal;
  const geography = request.server.migov.geography;
  if (principal && isAllowed(principal.grants, access.permission, geography, jurisdiction)) return;
  const visibleWith = access.jurisdiction.visibleWith;
  if (visibleWith && !(principal && isAllowed(principal.grants, visibleWith, geography, jurisdiction)))
    throw new ApiError('not-found', NO_SUCH_RESOURCE);
  throw new ApiError('forbidden', `you do not have ${access.permission} for jurisdiction ${jurisdiction}`);
}

const NO_SUCH_RESOURCE = 'no such resource';
