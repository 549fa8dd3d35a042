/**
 * What the signed-in user may do, as the server says it (the `permissions` of GET /session: each
 * permission with the scopes that hold it). The web only offers what these allow; the server checks
 * every request again. Role names never appear in the web app.
 */
import type { Permission, Session } from '@migov/server/api';

/** Whether the session holds `permission` anywhere. */
export function holds(session: Session | undefined, permission: Permission): boolean {
  return (session?.permissions[permission] ?? []).length > 0;
}

/** Whether the session holds `permission` with global scope. */
export function holdsGlobally(session: Session | undefined, permission: Permission): boolean {
  return (session?.permissions[permission] ?? []).some((scope) => scope.kind === 'global');
}

/** The single areas (countries, cities) in which the session holds `permission`. */
export function areasWith(session: Session | undefined, permission: Permission): string[] {
  return (session?.permissions[permission] ?? []).flatMap((scope) => (scope.kind === 'area' ? [scope.area] : []));
}
