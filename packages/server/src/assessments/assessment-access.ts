/** The access of routes on one assessment: its jurisdiction, for the scope check of the permission a route declares. */
import type { FastifyRequest } from 'fastify';
import type { Role } from '@migov/core';
import { findAssessment } from '@migov/db';
import type { AppContext, Principal } from '../context.ts';
import { scopeCovers, scopesFor, type JurisdictionResolver, type Permission } from '../auth/permissions.ts';
import { needsOver } from '../http/route-kit.ts';

/**
 * The jurisdiction of the assessment named by :id (undefined = no such assessment). Without
 * assessment:read over it, an assessment answers not-found like an unknown id.
 */
const assessmentJurisdiction: JurisdictionResolver = Object.assign(
  async (request: FastifyRequest) => {
    const { id } = request.params as { id?: string };
    if (typeof id !== 'string') return undefined;
    return (await findAssessment(request.server.migov.db, id))?.jurisdiction;
  },
  { visibleWith: 'assessment:read' as const },
);

/** Route config of a route that needs `permission` over the assessment named by :id. */
export const onAssessment = (permission: Permission) => needsOver(permission, assessmentJurisdiction);

/** The roles the principal holds over a jurisdiction (for the workflow's role rules). */
export function rolesOver(context: AppContext, principal: Principal, jurisdiction: string): Role[] {
  return [
    ...new Set(
      principal.grants
        .filter((grant) => scopeCovers(grant.scope, jurisdiction, context.geography))
        .map((grant) => grant.role),
    ),
  ];
}

/** The areas a principal may list for a permission; undefined = everywhere. */
export function listableAreas(context: AppContext, principal: Principal, permission: Permission): string[] | undefined {
  const scopes = scopesFor(principal.grants, permission);
  if (scopes.some((scope) => scope.kind === 'global')) return undefined;
  const areas = new Set<string>();
  for (const scope of scopes) {
    if (scope.kind === 'area') areas.add(scope.area);
    else if (scope.kind === 'group') {
      areas.add(scope.group);
      try {
        for (const member of context.geography.areaMembers(scope.group)) areas.add(member);
      } catch {
        // An unknown group covers nothing beyond its own code.
      }
    }
  }
  return [...areas];
}
