/** Who receives a notice: the active accounts holding some roles, with the scopes they hold them in. */
import type { MigovDatabase } from '../database.ts';
import { scopeFromColumns, type Role, type RoleScope } from '../shared/scope.ts';

/** An active account with one of its live role grants. */
export interface RoleHolder {
  userId: string;
  email: string;
  name: string;
  role: Role;
  scope: RoleScope;
}

/** The live grants of `roles` held by active accounts (the caller decides which scopes cover what). */
export async function listRoleHolders(db: MigovDatabase, roles: readonly Role[]): Promise<RoleHolder[]> {
  if (roles.length === 0) return [];
  const rows = await db.kysely
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select(['users.id as user_id', 'users.email', 'users.name', 'role_grants.role', 'role_grants.scope_kind', 'role_grants.scope_value'])
    .where('role_grants.revoked_at', 'is', null)
    .where('users.status', '=', 'active')
    .where('role_grants.role', 'in', [...roles])
    .orderBy('users.email')
    .execute();
  return rows.map((row) => ({ userId: row.user_id, email: row.email, name: row.name, role: row.role as Role, scope: scopeFromColumns(row.scope_kind, row.scope_value) }));
}
