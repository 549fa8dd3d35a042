/**
 * The error answers of every operation, documented with the one problem+json schema. A route lists
 * the statuses only it can answer (`problems(409, 422)`) next to its success answers; the statuses
 * that follow from what the route declares are added when the route is registered:
 *
 * - 400 for a route that reads params, a query, headers or a body (`validation-failed`, `malformed-request`);
 * - 401 and 403 for a route that is not public (sign-in, CSRF, permission and scope checks);
 * - 404 for a route with a path parameter (the object it names may not exist, or not be visible);
 * - `default` for everything else any route can answer (413 and 431 for hostile requests, 500, 503).
 *
 * Error bodies are sent as prepared problem+json strings (errors/error-handler.ts), so these schemas
 * document them without a second serialisation; they are keyed by the problem+json media type, so
 * they never serialise a success answer either.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { API_ERRORS, type ApiErrorCode } from './api-error.ts';
import { problemSchema } from './problem.schema.ts';

/** The media type of every error answer. */
const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** A status an error of the catalogue answers with. */
type ProblemStatus = (typeof API_ERRORS)[ApiErrorCode]['status'];

/** The codes of the catalogue answered with a status, for the answer's description. */
function codesOf(status: ProblemStatus | 'default'): string {
  const codes = Object.entries(API_ERRORS)
    .filter(([, error]) => (status === 'default' ? error.status >= 500 : error.status === status))
    .map(([code]) => `\`${code}\``);
  return status === 'default'
    ? `A problem (RFC 9457): any other status, e.g. ${codes.join(', ')}, or 413/431 for oversized requests`
    : `A problem (RFC 9457): ${codes.join(', ')}`;
}

function problemAnswer(status: ProblemStatus | 'default') {
  return { description: codesOf(status), content: { [PROBLEM_MEDIA_TYPE]: { schema: problemSchema } } };
}

/** The error answers a route declares itself, beside its success answers: `response: { 200: x, ...problems(409, 422) }`. */
export function problems(...statuses: ProblemStatus[]): Record<number, ReturnType<typeof problemAnswer>> {
  return Object.fromEntries(statuses.map((status) => [status, problemAnswer(status)]));
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The error statuses that follow from what a route declares (see the module comment). */
function impliedProblemStatuses(route: Pick<RouteOptions, 'method' | 'url' | 'schema' | 'config'>): ProblemStatus[] {
  const statuses: ProblemStatus[] = [];
  const schema = route.schema ?? {};
  const methods = [route.method].flat();
  if (
    schema.params ||
    schema.querystring ||
    schema.body ||
    schema.headers ||
    methods.some((m) => UNSAFE_METHODS.has(m))
  )
    statuses.push(400);
  if (route.config?.access?.permission !== 'public') statuses.push(401, 403);
  if (route.url.includes(':') || route.url.includes('*')) statuses.push(404);
  return statuses;
}

/** Add the implied error answers and the default to every documented route (after its own, which win). */
export function installProblemAnswers(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.schema || route.schema.hide) return;
    const own = (route.schema.response ?? {}) as Record<string, unknown>;
    route.schema = {
      ...route.schema,
      response: { ...problems(...impliedProblemStatuses(route)), default: problemAnswer('default'), ...own },
    };
  });
}
