/**
 * Authorization in one place: each route declares the permission it needs (route config `access`),
 * roles grant permissions, and role grants carry a scope (global, one area, or a group of areas).
 * A request is allowed only if one of the user's grants gives the permission AND its scope covers
 * the jurisdiction of the object touched. See docs/security.md.
 */

import type { FastifyRequest } from 'fastify';
import { ROLES, type MgiProcessActionType, type Role, type RoleScope } from '@migov/core';

/** The roles of the platform and where a grant applies, from the core workflow (the public is the absence of a role). */
export { ROLES, type Role, type RoleScope };

/** A role held by a user, with its scope. */
export interface RoleGrant {
  role: Role;
  scope: RoleScope;
}

/** Every permission a route can require (besides `public` and `signed-in`). */
export const PERMISSIONS = [
  'assessment:read',
  'assessment:create',
  'assessment:edit',
  'assessment:submit',
  'assessment:resubmit',
  'assessment:return',
  'assessment:validate',
  'assessment:publish',
  'assessment:reopen',
  'assessment:comment',
  'evidence:add',
  'evidence:withdraw',
  'round:manage',
  'user:manage',
  'invitation:manage',
  'instrument:manage',
  'audit:read',
  'data:import',
  'indicator:import',
  'brief:write',
  'governance:edit',
  'mgi:steer',
  'mgi:draft',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What each role may do (within its scope). */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  administrator: PERMISSIONS,
  'global-analyst': ['assessment:read', 'brief:write', 'governance:edit', 'indicator:import'],
  'regional-analyst': ['assessment:read', 'brief:write'],
  'national-coordinator': [
    'assessment:read',
    'assessment:create',
    'assessment:validate',
    'assessment:publish',
    'assessment:reopen',
    'assessment:comment',
    'invitation:manage',
    'brief:write',
    'mgi:steer',
    'mgi:draft',
  ],
  'focal-point': [
    'assessment:read',
    'assessment:edit',
    'assessment:submit',
    'assessment:resubmit',
    'assessment:comment',
    'evidence:add',
    'evidence:withdraw',
    'mgi:draft',
  ],
  reviewer: ['assessment:read', 'assessment:return', 'assessment:validate', 'assessment:comment'],
};

/** The workflow actions of an assessment and the permission each needs. */
export const TRANSITION_PERMISSIONS = {
  submit: 'assessment:submit',
  return: 'assessment:return',
  resubmit: 'assessment:resubmit',
  validate: 'assessment:validate',
  publish: 'assessment:publish',
  reopen: 'assessment:reopen',
} as const satisfies Record<string, Permission>;
export type TransitionAction = keyof typeof TRANSITION_PERMISSIONS;

/**
 * The process actions of an MGI-style assessment and the permission each needs. Coordinators steer
 * (launch, consultations, approval, publication, and comments entered on a ministry's behalf); focal
 * points draft. A ministry's invited user comments through the invitation, without a role.
 */
export const MGI_ACTION_PERMISSIONS = {
  'begin-data-collection': 'mgi:steer',
  'submit-draft': 'mgi:draft',
  'open-consultation': 'mgi:steer',
  comment: 'assessment:comment',
  'close-consultation': 'mgi:steer',
  'revise-draft': 'mgi:draft',
  approve: 'mgi:steer',
  publish: 'mgi:steer',
} as const satisfies Record<MgiProcessActionType, Permission>;

/** Answers which areas (groups) contain a jurisdiction; the core geography provides it. */
export interface ScopeGeography {
  areasContaining(code: string): readonly string[];
}

/** M49 codes compare without leading zeros ("004" = "4"); sub-national codes keep their local part. */
export function normalizeJurisdiction(code: string): string {
  const [head = '', ...rest] = code.split('-');
  const country = /^\d+$/.test(head) ? String(Number(head)) : head;
  return [country, ...rest].join('-');
}

/** The country (M49) a jurisdiction belongs to: itself, or the parent of a sub-national code. */
function countryOf(jurisdiction: string): string {
  return normalizeJurisdiction(jurisdiction).split('-')[0] ?? jurisdiction;
}

/** Whether a grant's scope covers a jurisdiction. */
export function scopeCovers(scope: RoleScope, jurisdiction: string, geography: ScopeGeography): boolean {
  const target = normalizeJurisdiction(jurisdiction);
  switch (scope.kind) {
    case 'global':
      return true;
    case 'area': {
      const area = normalizeJurisdiction(scope.area);
      return target === area || target.startsWith(`${area}-`);
    }
    case 'group': {
      const group = normalizeJurisdiction(scope.group);
      if (target === group || target.startsWith(`${group}-`)) return true;
      try {
        return geography.areasContaining(countryOf(target)).some((code) => normalizeJurisdiction(code) === group);
      } catch {
        return false;
      }
    }
  }
}

/** Whether any grant gives `permission` (anywhere, when no jurisdiction is named; else over that jurisdiction). */
export function isAllowed(
  grants: readonly RoleGrant[],
  permission: Permission,
  geography: ScopeGeography,
  jurisdiction?: string,
): boolean {
  return grants.some(
    (grant) =>
      ROLE_PERMISSIONS[grant.role].includes(permission) &&
      (jurisdiction === undefined || scopeCovers(grant.scope, jurisdiction, geography)),
  );
}

/** Whether a grant with `permission` has global scope (for routes that touch no single jurisdiction, e.g. user management). */
export function isAllowedGlobally(grants: readonly RoleGrant[], permission: Permission): boolean {
  return grants.some((grant) => ROLE_PERMISSIONS[grant.role].includes(permission) && grant.scope.kind === 'global');
}

/** The scopes in which a permission is held: used to filter lists to what the user may see. */
export function scopesFor(grants: readonly RoleGrant[], permission: Permission): RoleScope[] {
  return grants.filter((grant) => ROLE_PERMISSIONS[grant.role].includes(permission)).map((grant) => grant.scope);
}

/** Every permission with the scopes in which the grants hold it (none: an empty list): what a client may offer. */
export function permissionScopes(grants: readonly RoleGrant[]): Record<Permission, RoleScope[]> {
  return Object.fromEntries(PERMISSIONS.map((permission) => [permission, scopesFor(grants, permission)])) as Record<
    Permission,
    RoleScope[]
  >;
}

/** The roles that hold a permission (for texts that name them, and for checks against core tables). */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(permission));
}

/**
 * What a route requires. `public`: anyone; `signed-in`: any signed-in user (their own things only);
 * otherwise a permission, checked against the jurisdiction the route touches (`scope: 'object'`
 * with a resolver), held globally (`scope: 'global'`), or used by the handler to filter a list
 * (`scope: 'list'`).
 */
export type RouteAccess =
  | { permission: 'public' }
  | { permission: 'signed-in' }
  | { permission: Permission; scope: 'global' }
  | { permission: Permission; scope: 'list' }
  | { permission: Permission; scope: 'object'; jurisdiction: JurisdictionResolver };

/**
 * Finds the jurisdiction of the object a request touches (e.g. the assessment's country); undefined =
 * not found. A resolver of stored objects names `visibleWith`, the permission that lets one know the
 * object exists: whoever lacks it over the object's jurisdiction is answered not-found exactly as for
 * an unknown id, so ids outside one's scope do not leak; whoever has it but not the route's permission
 * is refused (forbidden).
 */
export type JurisdictionResolver = ((request: FastifyRequest) => Promise<string | undefined>) & {
  visibleWith?: Permission;
};

/** The jurisdiction a request touches when it concerns the whole world (e.g. an invitation with global scope): only global grants cover it. */
const WORLD = '*';

/** The jurisdiction a role scope stands for, for the scope check of the one granting it. */
export function scopeJurisdiction(scope: RoleScope): string {
  return scope.kind === 'global' ? WORLD : scope.kind === 'area' ? scope.area : scope.group;
}

/** Roles a holder of `invitation:manage` may hand out without global user management: never more than they hold. */
export const DELEGABLE_ROLES: Readonly<Partial<Record<Role, readonly Role[]>>> = {
  'national-coordinator': ['focal-point', 'reviewer'],
};

/** Whether these grants may invite someone to `role` in `scope` (the scope itself is checked by the route's access). */
export function canDelegate(
  grants: readonly RoleGrant[],
  role: Role,
  scope: RoleScope,
  geography: ScopeGeography,
): boolean {
  if (isAllowedGlobally(grants, 'user:manage')) return true;
  return grants.some(
    (grant) =>
      (DELEGABLE_ROLES[grant.role] ?? []).includes(role) &&
      scope.kind !== 'global' &&
      scopeCovers(grant.scope, scopeJurisdiction(scope), geography),
  );
}
