/** Role scopes and their two-column storage (kind, value). */
import { ROLES, type Role, type RoleScope } from '@migov/core';
import type { FieldProblem } from '../errors.ts';

export type { RoleScope };

/** The stored form of a scope. */
export function scopeToColumns(scope: RoleScope): { scope_kind: string; scope_value: string } {
  if (scope.kind === 'global') return { scope_kind: 'global', scope_value: '*' };
  if (scope.kind === 'area') return { scope_kind: 'area', scope_value: scope.area };
  return { scope_kind: 'group', scope_value: scope.group };
}

/** A scope from its stored form. */
export function scopeFromColumns(kind: string, value: string): RoleScope {
  if (kind === 'area') return { kind: 'area', area: value };
  if (kind === 'group') return { kind: 'group', group: value };
  return { kind: 'global' };
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Problems with a role and scope given by a caller. */
export function checkRoleAndScope(role: unknown, scope: unknown, prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!(ROLES as readonly unknown[]).includes(role))
    problems.push({ field: `${prefix}role`, value: role, message: `must be one of ${ROLES.join(', ')}` });
  const candidate = scope as Partial<{ kind: string; area: unknown; group: unknown }> | undefined;
  if (!candidate || typeof candidate !== 'object') {
    problems.push({
      field: `${prefix}scope`,
      value: scope,
      message: 'must be { kind: global } or { kind: area, area } or { kind: group, group }',
    });
  } else if (candidate.kind === 'area') {
    if (typeof candidate.area !== 'string' || !CODE.test(candidate.area))
      problems.push({
        field: `${prefix}scope.area`,
        value: candidate.area,
        message: 'must be an M49 or sub-national code such as 484 or 484-CMX',
      });
  } else if (candidate.kind === 'group') {
    if (typeof candidate.group !== 'string' || !CODE.test(candidate.group))
      problems.push({
        field: `${prefix}scope.group`,
        value: candidate.group,
        message: 'must be an area or group code',
      });
  } else if (candidate.kind !== 'global') {
    problems.push({ field: `${prefix}scope.kind`, value: candidate.kind, message: 'must be global, area or group' });
  }
  return problems;
}

export type { Role };
