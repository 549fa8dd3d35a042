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

/** Live role grants joined with their holders, as the two reads below select them. */
function holderQuery(db: MigovDatabase) {
  return db.kysely
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
    .where('role_grants.revoked_at', 'is', null);
}

type HolderRow = Awaited<ReturnType<ReturnType<typeof holderQuery>['executeTakeFirstOrThrow']>>;

function toHolder(row: HolderRow): RoleHolder {
  return {
    grantId: row.grant_id,
    userId: row.user_id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    scope: scopeFromColumns(row.scope_kind, row.scope_value),
    preferredLanguage: readLanguage(row.preferred_language),
  };
}

/** The live grants of `roles` held by active accounts (the caller decides which scopes cover what). */
export async function listRoleHolders(db: MigovDatabase, roles: readonly Role[]): Promise<RoleHolder[]> {
  if (roles.length === 0) return [];
  const rows = await holderQuery(db)
    .where('users.status', '=', 'active')
    .where('role_grants.role', 'in', [...roles])
    .orderBy('users.email')
    .execute();
  return rows.map(toHolder);
}

/** A live role grant by id (undefined when unknown or revoked), with its holder. */
export async function findLiveRoleGrant(db: MigovDatabase, grantId: string): Promise<RoleHolder | undefined> {
  const row = await holderQuery(db).where('role_grants.id', '=', grantId).executeTakeFirst();
  return row ? toHolder(row) : undefined;
}
