/** Role grants: a role in a scope. Revoked grants are kept (revoked_at); every change is audited. */
import type { Selectable } from 'kysely';
import { inTransaction, type MigovDatabase } from '../database.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { ConflictError, NotFoundError, assertNoProblems } from '../errors.ts';
import { nowIso, readOptional, readOptionalTimestamp, readTimestamp } from '../schema/codec.ts';
import { newId } from '../schema/ids.ts';
import type { RoleGrantsTable } from '../schema/schema.ts';
import { checkRoleAndScope, scopeFromColumns, scopeToColumns, type Role, type RoleScope } from '../shared/scope.ts';
import { isUniqueViolation } from '../shared/unique.ts';

/** A role held by a user in a scope. */
export interface RoleGrant {
  id: string;
  userId: string;
  role: Role;
  scope: RoleScope;
  grantedAt: string;
  grantedBy?: string;
  revokedAt?: string;
  revokedBy?: string;
}

function toRoleGrant(row: Selectable<RoleGrantsTable>): RoleGrant {
  const grant: RoleGrant = {
    id: row.id,
    userId: row.user_id,
    role: row.role as Role,
    scope: scopeFromColumns(row.scope_kind, row.scope_value),
    grantedAt: readTimestamp(row.granted_at),
  };
  const grantedBy = readOptional(row.granted_by);
  if (grantedBy !== undefined) grant.grantedBy = grantedBy;
  const revokedAt = readOptionalTimestamp(row.revoked_at);
  if (revokedAt !== undefined) grant.revokedAt = revokedAt;
  const revokedBy = readOptional(row.revoked_by);
  if (revokedBy !== undefined) grant.revokedBy = revokedBy;
  return grant;
}

/** Grant a role in a scope; ConflictError if the user already holds it there. Audited as `role.grant`. */
export async function grantRole(
  db: MigovDatabase,
  input: { userId: string; role: Role; scope: RoleScope },
  actorId: string | null,
): Promise<RoleGrant> {
  assertNoProblems(checkRoleAndScope(input.role, input.scope));
  try {
    return await inTransaction(db, async (trx) => {
      const user = await trx.selectFrom('users').select('id').where('id', '=', input.userId).executeTakeFirst();
      if (!user) throw new NotFoundError('user', input.userId);
      const row = await trx
        .insertInto('role_grants')
        .values({
          id: newId(),
          user_id: input.userId,
          role: input.role,
          ...scopeToColumns(input.scope),
          granted_at: nowIso(),
          granted_by: actorId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(trx, {
        actorId,
        action: 'role.grant',
        targetType: 'user',
        targetId: input.userId,
        details: { grantId: row.id, role: input.role, scope: input.scope },
      });
      return toRoleGrant(row);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = (await listRoleGrants(db, input.userId)).find(
      (grant) =>
        grant.role === input.role &&
        JSON.stringify(grant.scope) ===
          JSON.stringify(
            scopeFromColumns(scopeToColumns(input.scope).scope_kind, scopeToColumns(input.scope).scope_value),
          ),
    );
    throw new ConflictError(`user ${input.userId} already holds ${input.role} in this scope`, existing);
  }
}

/** Revoke a grant (kept with revoked_at). Audited as `role.revoke`. */
export async function revokeRole(db: MigovDatabase, grantId: string, actorId: string | null): Promise<RoleGrant> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('role_grants')
      .set({ revoked_at: nowIso(), revoked_by: actorId })
      .where('id', '=', grantId)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const existing = await trx.selectFrom('role_grants').selectAll().where('id', '=', grantId).executeTakeFirst();
      if (!existing) throw new NotFoundError('role grant', grantId);
      throw new ConflictError(`role grant ${grantId} is already revoked`, toRoleGrant(existing));
    }
    await appendAudit(trx, {
      actorId,
      action: 'role.revoke',
      targetType: 'user',
      targetId: row.user_id,
      details: { grantId, role: row.role, scope: scopeFromColumns(row.scope_kind, row.scope_value) },
    });
    return toRoleGrant(row);
  });
}

/** A user's grants, oldest first; revoked ones only when asked. */
export async function listRoleGrants(
  db: MigovDatabase,
  userId: string,
  options: { includeRevoked?: boolean } = {},
): Promise<RoleGrant[]> {
  let query = db.kysely.selectFrom('role_grants').selectAll().where('user_id', '=', userId);
  if (!options.includeRevoked) query = query.where('revoked_at', 'is', null);
  const rows = await query.orderBy('granted_at').orderBy('id').execute();
  return rows.map(toRoleGrant);
}
