/** Pure helpers of the MGI workspace pages: reading the consultation form (what a reader may do comes from the server). */
import type { MgiProfileLevel } from '@migov/server/api';

export const MGI_LEVELS: readonly MgiProfileLevel[] = ['in-place', 'partial', 'absent', 'not-applicable'];

/** A bad line of the invitations: its number, and the ministry that is not listed or the address that is none. */
export type ConsultationProblem =
  { line: number; ministry: string; email?: undefined } | { line: number; email: string; ministry?: undefined };

/** Read the consultation form: one ministry per line; invitations as `ministry | email` lines. Problems name the line. */
export function parseConsultation(
  ministriesText: string,
  invitesText: string,
): { ministries: string[]; invite: { ministry: string; email: string }[]; problems: ConsultationProblem[] } {
  const ministries = ministriesText
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const invite: { ministry: string; email: string }[] = [];
  const problems: ConsultationProblem[] = [];
  invitesText.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const [ministry = '', email = ''] = line.split('|').map((part) => part.trim());
    if (!ministries.includes(ministry)) problems.push({ line: index + 1, ministry });
    else if (!/^[^@\s]+@[^@\s]+$/.test(email)) problems.push({ line: index + 1, email });
    else invite.push({ ministry, email });
  });
  return { ministries, invite, problems };
}

/** ICU selectors have no hyphens: the message key of a process state or action (`draft-profile` -> `draftProfile`). */
export function stateKey(value: string): string {
  return value.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}
