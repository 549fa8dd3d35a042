/**
 * Answers given outside the framework's own error handling: a failure thrown while the server's raw
 * request listener runs (the remembered-answer path, or anything the framework did not catch), and
 * the errors Node's HTTP parser reports on a connection (a malformed request, a header or request
 * timeout, headers too large). Each is answered with problem+json when the connection can still
 * take an answer, logged, and the process keeps serving: no request can end it.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { ApiError, toProblem, type ApiErrorCode } from '../errors/api-error.ts';

/** The bytes and headers of a problem+json answer. */
function problemAnswer(
  code: ApiErrorCode,
  detail: string,
  instance?: string,
): { status: number; body: Buffer; headers: Record<string, string | number> } {
  const error = new ApiError(code, detail);
  const body = Buffer.from(JSON.stringify(toProblem(error, instance)));
  return {
    status: error.status,
    body,
    headers: {
      'content-type': 'application/problem+json; charset=utf-8',
      'content-length': body.length,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  };
}

/** The path of a raw request's URL, for `instance` (never the query, which may be hostile). */
function pathOf(request: IncomingMessage): string | undefined {
  const path = request.url?.split('?')[0];
  return path && /^[\x21-\x7e]*$/.test(path) ? path : undefined;
}

/** Answer 500 internal-error on a raw response, or end the connection when an answer was started already. */
function answerInternalError(
  request: IncomingMessage,
  response: ServerResponse,
  error: unknown,
  log: FastifyBaseLogger,
): void {
  log.error({ err: error, method: request.method, path: pathOf(request) }, 'request failed outside the framework');
  try {
    if (response.headersSent || response.writableEnded) {
      response.destroy();
      return;
    }
    // Headers set before the failure may be the invalid ones: start again from none.
    for (const name of response.getHeaderNames()) response.removeHeader(name);
    const answer = problemAnswer('internal-error', 'an internal error occurred; it has been logged', pathOf(request));
    response.writeHead(answer.status, answer.headers).end(answer.body);
  } catch {
    response.destroy();
  }
}

/** Wrap a raw request listener so that nothing it throws escapes to the process. */
export function guardListener(
  listener: (request: IncomingMessage, response: ServerResponse) => void,
  log: () => FastifyBaseLogger,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    try {
      listener(request, response);
    } catch (error) {
      answerInternalError(request, response, error, log());
    }
  };
}

/** What Node's HTTP parser reported on a connection, as a problem of the catalogue. */
function clientErrorProblem(error: NodeJS.ErrnoException): { code: ApiErrorCode; detail: string } {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        code: 'request-timeout',
        detail:
          'the request headers or body did not arrive in time (see MIGOV_HEADERS_TIMEOUT_MS and MIGOV_REQUEST_TIMEOUT_MS)',
      };
    case 'HPE_HEADER_OVERFLOW':
      return { code: 'headers-too-large', detail: 'the request headers are larger than the server accepts' };
    default:
      return { code: 'malformed-request', detail: 'the request is not valid HTTP/1.1' };
  }
}

/** The framework's clientError handler: a problem+json answer on the raw connection, then close it. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket, log: FastifyBaseLogger): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { code, detail } = clientErrorProblem(error);
  log.debug({ code: error.code }, 'client error');
  if (socket.writable) writeRawProblem(socket, code, detail);
  socket.destroy();
}

/** Write a complete problem+json answer on a connection that has no response object (then the caller closes it). */
export function writeRawProblem(
  socket: Socket,
  code: ApiErrorCode,
  detail: string,
  extraHeaders: Record<string, string> = {},
): void {
  const answer = problemAnswer(code, detail);
  const headers = { ...answer.headers, connection: 'close', ...extraHeaders };
  const head = [
    `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? 'Error'}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ].join('\r\n');
  try {
    socket.write(`${head}\r\n\r\n`);
    socket.write(answer.body);
  } catch {
    // The connection went away meanwhile: nothing to answer.
  }
}
