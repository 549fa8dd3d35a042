/** Roles and role scopes in words, in the reader's language. */
import type { Translator } from '../i18n/translator.ts';
import type { Role, RoleScope } from '@migov/server/api';

/** A role's name. */
export function roleName(t: Translator['t'], role: Role): string {
  return t(`onboard.role.${role}`);
}

/** A scope: the world, or the code of the country or group. */
export function scopeName(t: Translator['t'], scope: RoleScope): string {
  return scope.kind === 'global' ? t('dashboard.world') : scope.kind === 'area' ? scope.area : scope.group;
}
