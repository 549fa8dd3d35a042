/** Renders every error as problem+json from the catalogue; unknown errors become a bare internal-error (logged, never echoed). */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ConflictError, NotFoundError, TransitionError, ValidationError } from '@migov/db';
import { ApiError, toProblem } from './api-error.ts';

function describeValidation(error: FastifyError): { detail: string; problems: { location: string; path: string; message: string }[] } {
  const issues = (error.validation ?? []) as { instancePath?: string; message?: string; params?: { issue?: { path?: PropertyKey[] } } }[];
  const location = error.validationContext ?? 'request';
  const problems = issues.map((issue) => ({
    location,
    path: issue.instancePath && issue.instancePath !== '' ? issue.instancePath : '/',
    message: issue.message ?? 'invalid',
  }));
  const detail = problems.length > 0 ? problems.map((problem) => `${location} ${problem.path}: ${problem.message}`).join('; ') : 'invalid request';
  return { detail, problems };
}

/** Map any thrown value to an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof NotFoundError) return new ApiError('not-found', error.message, { entity: error.entity, id: error.id });
  if (error instanceof ValidationError) return new ApiError('invalid-input', error.message, { problems: error.problems });
  if (error instanceof TransitionError) {
    return new ApiError('invalid-transition', error.message, { state: error.state, action: error.action, refusal: error.refusal });
  }
  if (error instanceof ConflictError) {
    // A stale lock version carries the current state so the client can merge; a duplicate does not.
    return error.current !== undefined && typeof error.current === 'object' && error.current !== null && 'lockVersion' in error.current
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
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) return new ApiError('malformed-request', 'the body is not valid JSON');
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new ApiError(fastifyError.statusCode === 413 ? 'payload-too-large' : fastifyError.statusCode === 415 ? 'unsupported-media-type' : 'malformed-request', fastifyError.message ?? 'bad request');
  }
  return new ApiError('internal-error', 'an internal error occurred; it has been logged');
}

/** Install the problem+json error and not-found handlers. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: apiError.code, detail: apiError.message }, 'request refused');
    void reply
      .code(apiError.status)
      .headers(apiError.headers)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(JSON.stringify(toProblem(apiError, request.url.split('?')[0])));
  });
  app.setNotFoundHandler((request, reply) => {
    const apiError = new ApiError('route-not-found', `no route ${request.method} ${request.url.split('?')[0]}`);
    void reply
      .code(404)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(JSON.stringify(toProblem(apiError, request.url.split('?')[0])));
  });
}
