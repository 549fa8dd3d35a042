/**
 * The route toolkit every route file shares: the access a route declares, the id schemas of its
 * params, and the one optimistic-locking convention (docs/decisions/0302-optimistic-locking.md): a
 * read answers with an ETag (the version of what it shows), a write sends it back as If-Match, and
 * a stale one is answered 409 edit-conflict with the current state.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../errors/api-error.ts';
import type { JurisdictionResolver, Permission } from '../auth/permissions.ts';

export { requirePrincipal } from '../auth/access-control.ts';

/** Route config of a route anyone may call. */
export const PUBLIC = { access: { permission: 'public' } } as const;
/** Route config of a route any signed-in user may call (their own things, or checks in the handler). */
export const SIGNED_IN = { access: { permission: 'signed-in' } } as const;

/** Route config of a route that needs `permission` held globally (`global`), or somewhere, the handler filtering by scope (`list`). */
export function needs<P extends Permission>(permission: P, scope: 'global' | 'list') {
  return { access: { permission, scope } } as const;
}

/** Route config of a route that needs `permission` over the jurisdiction of the object it touches. */
export function needsOver<P extends Permission>(permission: P, jurisdiction: JurisdictionResolver) {
  return { access: { permission, scope: 'object' as const, jurisdiction } };
}

/** An id in a path (`/…/:id`). */
const idSchema = z.string().min(1).max(100);
/** The params of a route on one object. */
export const idParams = z.object({ id: idSchema });
/** The params of a route on one round year. */
export const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/** The If-Match header of a write (required by `requireIfMatch`, so a missing one is a 428, not a 400). */
export const ifMatchHeaders = z.object({
  'if-match': z.string().max(40).optional().describe('the ETag of the read the edit starts from, e.g. "3"'),
});

/** The ETag of a version (a lock version or a document version): the number in quotes. */
export function versionEtag(version: number): string {
  return `"${version}"`;
}

/** Read a version from an If-Match header: `"7"`, `7` or `W/"7"`; undefined when absent, NaN when unreadable. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  return match ? Number(match[1]) : Number.NaN;
}

/** The version a write must send as If-Match (428 without it); `resource` names where its ETag comes from. */
export function requireIfMatch(request: FastifyRequest, resource: string): number {
  const expected = parseIfMatch(request.headers['if-match']);
  if (expected === undefined)
    throw new ApiError(
      'precondition-required',
      `send If-Match with the version (the ETag of GET ${resource}) so concurrent edits are never overwritten`,
    );
  if (Number.isNaN(expected))
    throw new ApiError(
      'validation-failed',
      `If-Match must be the version in quotes, e.g. "3"; got ${request.headers['if-match']}`,
    );
  return expected;
}
