/**
 * Text that no database can store faithfully is refused up front, on every dialect alike, before any
 * route sees it: NUL characters (PostgreSQL text and jsonb cannot hold them) and lone UTF-16
 * surrogates (JSON allows the escape "\ud800", but such a string is not Unicode text: PostgreSQL
 * refuses it in jsonb, SQLite would store mangled bytes). The other characters migov does not accept
 * (control characters other than tab and line breaks, noncharacters: core findRefusedCharacter) are
 * refused here too. Checked in path parameters, query strings, JSON bodies (keys and values) and
 * multipart field names, values and file names.
 */
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { findRefusedCharacter } from '@migov/core';
import { ApiError } from '../errors/api-error.ts';

/** A NUL character, or a surrogate not part of a pair. */
// eslint-disable-next-line no-control-regex -- NUL is one of the characters this guard looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored or is not text migov accepts (any other control character: core findRefusedCharacter), or undefined. */
export function unstorableText(text: string): string | undefined {
  const found = UNSTORABLE.exec(text);
  if (!found) return findRefusedCharacter(text)?.message;
  return found[0] === '\u0000'
    ? 'contains a NUL character'
    : `contains a lone UTF-16 surrogate (\\u${found[0].charCodeAt(0).toString(16)}), which is not Unicode text`;
}

/** Where and why the first string (value or key) that cannot be stored is, or undefined. */
export function findUnstorable(value: unknown, path = '', depth = 0): { path: string; why: string } | undefined {
  if (typeof value === 'string') {
    const why = unstorableText(value);
    return why ? { path: path || '/', why } : undefined;
  }
  if (depth > 64 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  for (const [key, entry] of Object.entries(value)) {
    const why = unstorableText(key);
    if (why) return { path: `${path}/${JSON.stringify(key).slice(1, -1)}`, why: `a key ${why}` };
    const found = findUnstorable(entry, `${path}/${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The 400 problem for text that cannot be stored. */
function unstorableTextError(location: string, found: { path: string; why: string }): ApiError {
  return new ApiError('validation-failed', `${location} ${found.path}: ${found.why}`, {
    problems: [{ location, path: found.path, message: found.why }],
  });
}

/** preValidation hook: 400 when path parameters, query or body carry text that cannot be stored. */
export function textGuard(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  for (const [location, value] of [
    ['path', request.params],
    ['query', request.query],
    ['body', request.body],
  ] as const) {
    const found = findUnstorable(value);
    if (found) return done(unstorableTextError(location, found));
  }
  done();
}

/** The parts of a multipart body as @fastify/multipart yields them (the fields this guard reads). */
interface MultipartPart {
  fieldname: string;
  filename?: string;
  value?: unknown;
}

/** The same check on each part of a multipart body as the route reads it: field name, file name and text value. */
export async function* guardMultipartParts<Part extends MultipartPart>(
  parts: AsyncIterable<Part>,
): AsyncGenerator<Part> {
  for await (const part of parts) {
    const name = JSON.stringify(part.fieldname).slice(1, -1);
    const found =
      findUnstorable(part.fieldname, '/') ??
      (typeof part.filename === 'string' ? findUnstorable(part.filename, `/${name}/filename`) : undefined) ??
      (typeof part.value === 'string' ? findUnstorable(part.value, `/${name}`) : undefined);
    if (found) throw unstorableTextError('multipart', found);
    yield part;
  }
}

/**
 * preHandler hook for a scope that takes multipart bodies: the request's parts() yields only parts
 * whose names and text can be stored (a refused part ends the request with 400).
 */
export function multipartTextGuard(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if (typeof request.parts === 'function' && request.isMultipart()) {
    const parts = request.parts.bind(request);
    request.parts = ((options?: Parameters<typeof parts>[0]) =>
      guardMultipartParts(parts(options))) as typeof request.parts;
  }
  done();
}
