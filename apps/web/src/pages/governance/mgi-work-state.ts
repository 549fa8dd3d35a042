/** Pure helpers of the MGI workspace pages: what a reader may do, and reading the consultation form. */
import type { ProfileLevel } from './governance-data.ts';

export const MGI_LEVELS: readonly ProfileLevel[] = ['in-place', 'partial', 'absent', 'not-applicable'];

/** Which platform roles may take each process action (the server checks them again). */
const ACTION_ROLES: Record<string, readonly string[]> = {
  'begin-data-collection': ['national-coordinator', 'administrator'],
  'submit-draft': ['focal-point', 'national-coordinator', 'administrator'],
  'open-consultation': ['national-coordinator', 'administrator'],
  'close-consultation': ['national-coordinator', 'administrator'],
  'revise-draft': ['focal-point', 'national-coordinator', 'administrator'],
  approve: ['national-coordinator', 'administrator'],
  publish: ['national-coordinator', 'administrator'],
};

/** The actions the reader may take now: available in the state and permitted to one of their roles (comments are separate). */
export function permittedActions(available: readonly string[], roles: readonly string[]): string[] {
  return available.filter(
    (action) => action !== 'comment' && (ACTION_ROLES[action] ?? []).some((role) => roles.includes(role)),
  );
}

/** Whether the reader saves answers now (focal points and administrators, while data is collected or the draft revised). */
export function answersEditable(state: string, roles: readonly string[]): boolean {
  return (
    (state === 'data-collection' || state === 'draft-profile') &&
    roles.some((role) => role === 'focal-point' || role === 'administrator')
  );
}

/** The ministries the reader comments for: their own invitations, or any invited one for a coordinator entering a comment on its behalf. */
export function commentMinistries(
  invited: readonly string[],
  own: readonly string[],
  roles: readonly string[],
): string[] {
  return roles.some((role) => role === 'national-coordinator' || role === 'administrator')
    ? [...invited]
    : invited.filter((ministry) => own.includes(ministry));
}

/** Read the consultation form: one ministry per line; invitations as `ministry | email` lines. Problems name the line. */
export function parseConsultation(
  ministriesText: string,
  invitesText: string,
): { ministries: string[]; invite: { ministry: string; email: string }[]; problems: string[] } {
  const ministries = ministriesText
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const invite: { ministry: string; email: string }[] = [];
  const problems: string[] = [];
  invitesText.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const [ministry = '', email = ''] = line.split('|').map((part) => part.trim());
    if (!ministries.includes(ministry)) problems.push(`line ${index + 1}: "${ministry}" is not one of the ministries`);
    else if (!/^[^@\s]+@[^@\s]+$/.test(email)) problems.push(`line ${index + 1}: "${email}" is not an email address`);
    else invite.push({ ministry, email });
  });
  return { ministries, invite, problems };
}

/** ICU selectors have no hyphens: the message key of a process state or action (`draft-profile` -> `draftProfile`). */
export function stateKey(value: string): string {
  return value.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}
