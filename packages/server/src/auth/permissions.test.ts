import { describe, expect, it } from 'vitest';
import { ASSESSMENT_WORKFLOW, defaultGeography, MGI_PROCESS_ROLES, ROLES } from '@migov/core';
import {
  canDelegate,
  isAllowed,
  isAllowedGlobally,
  MGI_ACTION_PERMISSIONS,
  normalizeJurisdiction,
  permissionScopes,
  PERMISSIONS,
  ROLE_PERMISSIONS,
  rolesWith,
  scopeCovers,
  TRANSITION_PERMISSIONS,
} from './permissions.ts';

describe('role permissions', () => {
  it('agree with the core workflow on who may take each action', () => {
    for (const [action, permission] of Object.entries(TRANSITION_PERMISSIONS)) {
      const holders = ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(permission));
      expect([...holders].sort(), action).toEqual(
        [...ASSESSMENT_WORKFLOW[action as keyof typeof TRANSITION_PERMISSIONS].roles].sort(),
      );
    }
    const editors = ROLES.filter((role) => ROLE_PERMISSIONS[role].includes('assessment:edit'));
    expect([...editors].sort()).toEqual([...ASSESSMENT_WORKFLOW.edit.roles].sort());
    const commenters = ROLES.filter((role) => ROLE_PERMISSIONS[role].includes('assessment:comment'));
    expect([...commenters].sort()).toEqual([...ASSESSMENT_WORKFLOW.comment.roles].sort());
  });

  it('agree with the core MGI process on who may take each action', () => {
    for (const [action, permission] of Object.entries(MGI_ACTION_PERMISSIONS))
      expect(rolesWith(permission).sort(), action).toEqual(
        [...MGI_PROCESS_ROLES[action as keyof typeof MGI_ACTION_PERMISSIONS]].sort(),
      );
  });

  it('gives analysts reading, briefs, and globally the governance documents and indicator imports', () => {
    expect(ROLE_PERMISSIONS['regional-analyst']).toEqual(['assessment:read', 'brief:write']);
    expect(rolesWith('brief:write').sort()).toEqual(
      ['administrator', 'global-analyst', 'national-coordinator', 'regional-analyst'].sort(),
    );
    expect(rolesWith('governance:edit').sort()).toEqual(['administrator', 'global-analyst']);
    expect(rolesWith('indicator:import').sort()).toEqual(['administrator', 'global-analyst']);
    for (const permission of ['assessment:edit', 'assessment:submit', 'assessment:validate', 'mgi:steer'] as const)
      expect(rolesWith(permission), permission).not.toContain('global-analyst');
  });

  it('lists every permission with the scopes that hold it', () => {
    const scopes = permissionScopes([
      { role: 'focal-point', scope: { kind: 'area', area: '484' } },
      { role: 'reviewer', scope: { kind: 'group', group: '419' } },
    ]);
    expect(Object.keys(scopes).sort()).toEqual([...PERMISSIONS].sort());
    expect(scopes['assessment:read']).toEqual([
      { kind: 'area', area: '484' },
      { kind: 'group', group: '419' },
    ]);
    expect(scopes['mgi:draft']).toEqual([{ kind: 'area', area: '484' }]);
    expect(scopes['brief:write']).toEqual([]);
  });
});

describe('scopeCovers', () => {
  it.each([
    [{ kind: 'global' as const }, '250', true],
    [{ kind: 'area' as const, area: '484' }, '484', true],
    [{ kind: 'area' as const, area: '484' }, '484-CMX', true],
    [{ kind: 'area' as const, area: '484' }, '4841', false],
    [{ kind: 'area' as const, area: '484' }, '250', false],
    [{ kind: 'area' as const, area: '004' }, '4', true],
    [{ kind: 'group' as const, group: '419' }, '484', true],
    [{ kind: 'group' as const, group: '419' }, '484-CMX', true],
    [{ kind: 'group' as const, group: '419' }, '250', false],
    [{ kind: 'group' as const, group: '150' }, '250', true],
    [{ kind: 'group' as const, group: 'no-such-group' }, '250', false],
    [{ kind: 'area' as const, area: '484' }, '*', false],
    [{ kind: 'global' as const }, '*', true],
  ])('%o covers %s: %s', (scope, jurisdiction, expected) => {
    expect(scopeCovers(scope, jurisdiction, defaultGeography)).toBe(expected);
  });

  it('normalises M49 codes without leading zeros', () => {
    expect(normalizeJurisdiction('004')).toBe('4');
    expect(normalizeJurisdiction('036-NSW')).toBe('36-NSW');
  });
});

describe('isAllowed and delegation', () => {
  const coordinator = [{ role: 'national-coordinator' as const, scope: { kind: 'area' as const, area: '484' } }];
  it('checks the permission and the jurisdiction together', () => {
    expect(isAllowed(coordinator, 'assessment:publish', defaultGeography, '484')).toBe(true);
    expect(isAllowed(coordinator, 'assessment:publish', defaultGeography, '250')).toBe(false);
    expect(isAllowed(coordinator, 'assessment:edit', defaultGeography, '484')).toBe(false);
    expect(isAllowedGlobally(coordinator, 'assessment:publish')).toBe(false);
  });

  it('lets a coordinator hand out only focal point and reviewer roles in their country', () => {
    expect(canDelegate(coordinator, 'focal-point', { kind: 'area', area: '484' }, defaultGeography)).toBe(true);
    expect(canDelegate(coordinator, 'reviewer', { kind: 'area', area: '484-CMX' }, defaultGeography)).toBe(true);
    expect(canDelegate(coordinator, 'focal-point', { kind: 'area', area: '250' }, defaultGeography)).toBe(false);
    expect(canDelegate(coordinator, 'administrator', { kind: 'area', area: '484' }, defaultGeography)).toBe(false);
    expect(canDelegate(coordinator, 'reviewer', { kind: 'global' }, defaultGeography)).toBe(false);
  });
});
