/** The access of routes on one assessment: its jurisdiction, for the scope check of the permission a route declares. */
import type { FastifyRequest } from 'fastify';
import type { Role } from '@migov/core';
import { findAssessment } from '@migov/db';
import type { AppContext, Principal } from '../context.ts';
import { scopeCovers, type JurisdictionResolver, type Permission } from '../auth/permissions.ts';
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
