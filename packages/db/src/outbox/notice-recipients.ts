/** Who holds which roles: the recipients of notices, and the team a coordinator manages. */
import type { Language } from '@migov/core';
import type { MigovDatabase } from '../database.ts';
import { readLanguage } from '../users/users.repository.ts';
import { scopeFromColumns, type Role, type RoleScope } from '../shared/scope.ts';

/** An active account with one of its live role grants. */
export interface RoleHolder {
  grantId: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  scope: RoleScope;
  /** The language of the e-mail the account gets. */
  preferredLanguage: Language;
}

/** The live grants of `roles` held by active accounts (the caller decides which scopes cover what). */
export async function listRoleHolders(db: MigovDatabase, roles: readonly Role[]): Promise<RoleHolder[]> {
  if (roles.length === 0) return [];
  const rows = await db.kysely
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select([
      'role_grants.id as grant_id',
      'users.id as user_id',
      'users.email',
      'users.name',
      'users.preferred_language',
      'role_grants.role',
      'role_grants.scope_kind',
      'role_grants.scope_value',
    ])
    .where('role_grants.revoked_at', 'is', null)
    .where('users.status', '=', 'active')
    .where('role_grants.role', 'in', [...roles])
    .orderBy('users.email')
    .execute();
  return rows.map((row) => ({
    grantId: row.grant_id,
    userId: row.user_id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    scope: scopeFromColumns(row.scope_kind, row.scope_value),
    preferredLanguage: readLanguage(row.preferred_language),
  }));
}

/** A live role grant by id (undefined when unknown or revoked), with its holder. */
export async function findLiveRoleGrant(db: MigovDatabase, grantId: string): Promise<RoleHolder | undefined> {
  const row = await db.kysely
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select([
      'role_grants.id as grant_id',
      'users.id as user_id',
      'users.email',
      'users.name',
      'users.preferred_language',
      'role_grants.role',
      'role_grants.scope_kind',
      'role_grants.scope_value',
    ])
    .where('role_grants.id', '=', grantId)
    .where('role_grants.revoked_at', 'is', null)
    .executeTakeFirst();
  return row
    ? {
        grantId: row.grant_id,
        userId: row.user_id,
        email: row.email,
        name: row.name,
        role: row.role as Role,
        scope: scopeFromColumns(row.scope_kind, row.scope_value),
        preferredLanguage: readLanguage(row.preferred_language),
      }
    : undefined;
}
