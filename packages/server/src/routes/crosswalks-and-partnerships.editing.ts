/**
 * Editing the stored crosswalk and partnership registry: who may (administrators and global analysts,
 * globally scoped: the documents are global), what every edit carries (the version it starts from and
 * its source), and how a stored edit answers (the new version; 409 with the current version when
 * someone saved first; the public bodies rebuilt).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ConflictError,
  findUser,
  listGovernanceDocumentVersions,
  listRoleGrants,
  saveGovernanceDocument,
  type GovernanceDocumentName,
  type GovernanceDocumentEdit,
  type StoredGovernanceDocument,
} from '@migov/db';
import type { AppContext, Principal } from '../context.ts';
import type { JsonValue } from '../assessments/assessment-answers.schema.ts';
import { ApiError } from '../errors/api-error.ts';
import { rolesWith, type Role } from '../auth/permissions.ts';
import { ifMatchHeaders, needs, requireIfMatch, versionEtag } from '../http/route-kit.ts';

/** The route config of editing routes: `governance:edit` with global scope (checked before the body, so refusals never depend on it). */
export const GOVERNANCE_EDITORS = needs('governance:edit', 'global');
export const EDITORS_TEXT =
  'Every edit sends the version it starts from as If-Match (the `version` of the read, the ETag of GET …/history or of the last edit; 428 without it) and names its source; 409 edit-conflict when another edit came first.';

/** The headers of every edit request. */
export const editHeaders = ifMatchHeaders;

/** Fields of every edit request. */
export const editFields = {
  source: z.string().trim().min(1).max(2_000).describe('where the edit comes from: a document, a decision, a web page'),
};

/**
 * The version an edit starts from (If-Match), checked against the stored document: 409 edit-conflict
 * with the current version when another edit came first.
 */
export function expectVersion(
  request: FastifyRequest,
  stored: { name: GovernanceDocumentName; version: number; description: string; createdAt: string },
): number {
  const path = stored.name === 'crosswalk' ? '/crosswalks/history' : '/partnerships/history';
  const expected = requireIfMatch(request, path);
  if (stored.version !== expected)
    throw new ApiError(
      'edit-conflict',
      `the ${stored.name.replace('-', ' ')} is at version ${stored.version}, not ${expected}`,
      {
        current: { version: stored.version, description: stored.description, createdAt: stored.createdAt },
      },
    );
  return expected;
}

/** A core edit refusal as 422 with its problems. */
export function invalidEdit(
  what: string,
  problems: readonly { field: string; value?: unknown; message: string }[],
): ApiError {
  return new ApiError(
    'invalid-input',
    `${what}: ${problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ')}; nothing was changed`,
    { problems },
  );
}

/** Store an edited document as the next version, rebuild the public bodies, and answer with the version. */
export async function storeEdit<Name extends GovernanceDocumentName>(
  context: AppContext,
  principal: Principal,
  input: GovernanceDocumentEdit<Name>,
): Promise<StoredGovernanceDocument<Name>> {
  try {
    const stored = await saveGovernanceDocument(
      context.db,
      { ...input, createdAt: context.now().toISOString() },
      principal.userId,
    );
    await context.publicCache.invalidate();
    return stored;
  } catch (error) {
    if (error instanceof ConflictError) {
      const current = error.current as StoredGovernanceDocument<Name> | undefined;
      throw new ApiError('edit-conflict', error.message, {
        current: {
          version: current?.version ?? null,
          description: current?.description ?? null,
          createdAt: current?.createdAt ?? null,
        },
      });
    }
    throw error;
  }
}

/** Every version of a document, newest first, editors named by role, with the latest version as ETag (what an edit sends as If-Match). */
export async function historyAnswer(context: AppContext, reply: FastifyReply, name: GovernanceDocumentName) {
  const items = await withEditorsByRole(context, await listGovernanceDocumentVersions(context.db, name));
  return reply.header('etag', versionEtag(items[0]?.version ?? 0)).send({ items });
}

/** The version summary an edit answers with. */
export function versionView(stored: StoredGovernanceDocument<GovernanceDocumentName>) {
  return {
    name: stored.name,
    version: stored.version,
    description: stored.description,
    source: stored.source,
    change: stored.change as JsonValue | undefined,
    createdAt: stored.createdAt,
    createdBy: stored.createdBy ?? null,
  };
}

/** The keys under which the stored documents, their links and their history name the user who edited. */
const EDITOR_KEYS = new Set(['createdBy', 'by', 'actor']);
/** How public answers name an editor: by the title of the role that let them edit ("Global analyst"), never by id or email. */
function roleTitle(role: Role): string {
  const words = role.replace(/-/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/**
 * A public answer with every editor named by role title ("Global analyst") instead of user id. Values
 * that are not user ids (e.g. `migov-seed`, the initial data) stay as they are.
 */
export async function withEditorsByRole<T>(context: AppContext, value: T): Promise<T> {
  const ids = new Set<string>();
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (typeof child === 'string' && EDITOR_KEYS.has(key)) ids.add(child);
        else collect(child);
      }
    }
  };
  collect(value);
  const titles = new Map<string, string>();
  for (const id of ids) {
    if (!(await findUser(context.db, id))) continue;
    // Revoked grants count too: an edit keeps the title its editor held.
    const grants = await listRoleGrants(context.db, id, { includeRevoked: true });
    const role = rolesWith('governance:edit').find((candidate) =>
      grants.some((grant) => grant.role === candidate && grant.scope.kind === 'global'),
    );
    titles.set(id, role ? roleTitle(role) : 'Editor');
  }
  const replace = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(replace);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, child]) => [
        key,
        typeof child === 'string' && EDITOR_KEYS.has(key) ? (titles.get(child) ?? child) : replace(child),
      ]),
    );
  };
  return replace(value) as T;
}
