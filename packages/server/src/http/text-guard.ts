/** Text with NUL characters cannot be stored by PostgreSQL (and is never meaningful here): it is refused up front, on every dialect alike. */
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { ApiError } from '../errors/api-error.ts';

/** The path of the first string containing a NUL character, or undefined. */
export function findNul(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '/' : undefined;
  if (depth > 20 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  for (const [key, entry] of Object.entries(value)) {
    if (key.includes('\u0000')) return `${path}/${key.split('\u0000').join('\\0')}`;
    const found = findNul(entry, `${path}/${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** preValidation hook: 400 when path parameters, query or body carry a NUL character. */
export function nulGuard(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  for (const [location, value] of [['path', request.params], ['query', request.query], ['body', request.body]] as const) {
    const path = findNul(value);
    if (path) return done(new ApiError('validation-failed', `${location} ${path}: text must not contain NUL characters`, { problems: [{ location, path, message: 'contains a NUL character' }] }));
  }
  done();
}
