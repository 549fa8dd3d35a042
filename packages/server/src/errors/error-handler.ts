/** Renders every error as problem+json from the catalogue; unknown errors become a bare internal-error (logged, never echoed). */
import { validateHeaderValue } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ConflictError, NotFoundError, RoundClosedError, TransitionError, ValidationError } from '@migov/db';
import { ApiError, toProblem } from './api-error.ts';

function describeValidation(error: FastifyError): {
  detail: string;
  problems: { location: string; path: string; message: string }[];
} {
  const issues = (error.validation ?? []) as {
    instancePath?: string;
    message?: string;
    params?: { issue?: { path?: PropertyKey[] } };
  }[];
  const location = error.validationContext ?? 'request';
  const problems = issues.map((issue) => ({
    location,
    path: issue.instancePath && issue.instancePath !== '' ? issue.instancePath : '/',
    message: issue.message ?? 'invalid',
  }));
  const detail =
    problems.length > 0
      ? problems.map((problem) => `${location} ${problem.path}: ${problem.message}`).join('; ')
      : 'invalid request';
  return { detail, problems };
}

/** Map any thrown value to an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof NotFoundError)
    return new ApiError('not-found', error.message, { entity: error.entity, id: error.id });
  if (error instanceof ValidationError)
    return new ApiError('invalid-input', error.message, { problems: error.problems });
  if (error instanceof TransitionError) {
    return new ApiError('invalid-transition', error.message, {
      state: error.state,
      action: error.action,
      refusal: error.refusal,
    });
  }
  if (error instanceof RoundClosedError) {
    const { id, year, instrument, closesOn } = error.round;
    return new ApiError(
      'round-closed',
      `the ${year} ${instrument} round closed on ${error.closedAt} (its closing day was ${closesOn}); an administrator may reopen it`,
      { round: { id, year, instrument, closesOn }, closedAt: error.closedAt },
    );
  }
  if (error instanceof ConflictError) {
    // A stale lock version carries the current state so the client can merge; a duplicate does not.
    return error.current !== undefined &&
      typeof error.current === 'object' &&
      error.current !== null &&
      'lockVersion' in error.current
      ? new ApiError('edit-conflict', error.message, { current: error.current })
      : new ApiError('already-exists', error.message);
  }
  const fastifyError = error as Partial<FastifyError> & { name?: string };
  if (hasZodFastifySchemaValidationErrors(error) || fastifyError.validation) {
    const { detail, problems } = describeValidation(error as FastifyError);
    return new ApiError('validation-failed', detail, { problems });
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('unsupported-media-type', 'the Content-Type of the body is not accepted by this route');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new ApiError('payload-too-large', fastifyError.message ?? 'too large');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
    case 'FST_PROTO_VIOLATION':
      return new ApiError('malformed-request', fastifyError.message ?? 'malformed body');
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400)
    return new ApiError('malformed-request', 'the body is not valid JSON');
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new ApiError(
      fastifyError.statusCode === 413
        ? 'payload-too-large'
        : fastifyError.statusCode === 415
          ? 'unsupported-media-type'
          : 'malformed-request',
      fastifyError.message ?? 'bad request',
    );
  }
  return new ApiError('internal-error', 'an internal error occurred; it has been logged');
}

/** The path of a request for `instance`: never its query, and only when it is printable ASCII as sent. */
function instanceOf(request: FastifyRequest): string | undefined {
  const path = request.url.split('?')[0];
  return path && /^[\x21-\x7e]*$/.test(path) ? path : undefined;
}

const REPRESENTATION_HEADERS = new Set([
  'content-disposition',
  'content-length',
  'content-encoding',
  'etag',
  'last-modified',
]);

function sendableHeader(name: string, value: unknown): boolean {
  try {
    for (const each of Array.isArray(value) ? value : [value]) validateHeaderValue(name, String(each));
    return true;
  } catch {
    return false;
  }
}

/** Send an error as problem+json. */
function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const apiError = toApiError(error);
  if (apiError.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: apiError.code, detail: apiError.message }, 'request refused');
  // Headers a handler set for the answer it did not send (an attachment's name, an ETag) do not
  // describe the problem, and one that cannot be sent would fail this answer too.
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (REPRESENTATION_HEADERS.has(name) || !sendableHeader(name, value)) reply.removeHeader(name);
  }
  void reply
    .code(apiError.status)
    .headers(apiError.headers)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(JSON.stringify(toProblem(apiError, instanceOf(request))));
}

/**
 * Errors the framework raises before routing (Fastify's `frameworkErrors` option): a URL that is
 * not valid percent-encoded UTF-8, a path parameter longer than the router takes.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return sendProblem(
        new ApiError('malformed-request', 'the request path is not valid percent-encoded UTF-8'),
        request,
        reply,
      );
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return sendProblem(
        new ApiError('uri-too-long', 'a segment of the request path is longer than the server accepts'),
        request,
        reply,
      );
    default:
      return sendProblem(error, request, reply);
  }
}

/** Install the problem+json error and not-found handlers. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) =>
    sendProblem(error, request, reply),
  );
  app.setNotFoundHandler((request, reply) => {
    const apiError = new ApiError(
      'route-not-found',
      `no route ${request.method} ${instanceOf(request) ?? 'for this path'}`,
    );
    void reply
      .code(404)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(JSON.stringify(toProblem(apiError, instanceOf(request))));
  });
}
