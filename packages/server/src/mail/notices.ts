/**
 * The messages the platform sends: invitations, password resets, workflow notices (submitted,
 * returned, validated, published) and reminders before a round closes. Plain text, in English.
 * Links point at the web app under `MIGOV_PUBLIC_URL`; one-time tokens travel in the fragment.
 */
import type { Geography } from '@migov/core';
import { listAssessments, listRoleHolders, listRounds, type NewOutboxMessage, type RoleHolder } from '@migov/db';
import { scopeCovers, type Role, type RoleScope } from '../auth/permissions.ts';
import type { AppContext } from '../context.ts';

const ROLE_TITLES: Record<Role, string> = {
  administrator: 'administrator',
  'global-analyst': 'global analyst',
  'regional-analyst': 'regional analyst',
  'national-coordinator': 'national coordinator',
  'focal-point': 'focal point',
  reviewer: 'reviewer',
};

/** A jurisdiction or group in words: its UN name and code, or the code. */
export function placeName(code: string, geography: Geography): string {
  const area = geography.findArea(code.split('-')[0] ?? code);
  if (!area) return code;
  return code.includes('-') ? `${code} (${area.name})` : `${area.name} (${code})`;
}

/** A role scope in words. */
export function scopeInWords(scope: RoleScope, geography: Geography): string {
  return scope.kind === 'global'
    ? 'all countries'
    : placeName(scope.kind === 'area' ? scope.area : scope.group, geography);
}

function dateInWords(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const FOOTER =
  '\n\n-- \nmigov: migration governance assessments. This message was sent automatically; replies are not read.';

/** The invitation message; the link holds the token, so it goes to the invited address only. */
export function invitationMessage(input: {
  email: string;
  role: Role;
  scope: RoleScope;
  acceptUrl: string;
  expiresAt: string;
  inviterName?: string;
  geography: Geography;
}): NewOutboxMessage {
  const role = ROLE_TITLES[input.role];
  const where = scopeInWords(input.scope, input.geography);
  return {
    kind: 'invitation',
    recipient: input.email,
    subject: `Invitation to migov as ${role} for ${where}`,
    body:
      `${input.inviterName ? `${input.inviterName} invites you` : 'You are invited'} to take part in migov as ${role} for ${where}.\n\n` +
      `Open this link to accept (it works once, until ${dateInWords(input.expiresAt)}):\n${input.acceptUrl}\n\n` +
      `If you already have an account with this address, you will be asked to sign in first. If you did not expect this invitation, ignore this message.${FOOTER}`,
  };
}

/** The password reset message. */
export function passwordResetMessage(input: { email: string; resetUrl: string; expiresAt: string }): NewOutboxMessage {
  return {
    kind: 'password-reset',
    recipient: input.email,
    subject: 'Reset your migov password',
    body:
      `Someone asked to reset the password of the migov account of this address.\n\n` +
      `To choose a new password, open this link (it works once, until ${dateInWords(input.expiresAt)}); every open session of the account will be signed out:\n${input.resetUrl}\n\n` +
      `If you did not ask for this, ignore this message: your password stays as it is.${FOOTER}`,
  };
}

/** The workflow actions that send notices, who gets them and what they say. */
const WORKFLOW_NOTICES = {
  submit: {
    roles: ['reviewer', 'national-coordinator'],
    verb: 'submitted',
    page: 'review',
    ask: 'It is ready for review.',
  },
  resubmit: {
    roles: ['reviewer', 'national-coordinator'],
    verb: 'submitted again',
    page: 'review',
    ask: 'It is ready for review again.',
  },
  return: {
    roles: ['focal-point'],
    verb: 'returned',
    page: 'assessment',
    ask: 'Please revise the answers and submit again.',
  },
  validate: {
    roles: ['national-coordinator', 'focal-point'],
    verb: 'validated',
    page: 'review',
    ask: 'It can now be published by the national coordinator.',
  },
  publish: {
    roles: ['focal-point', 'reviewer', 'national-coordinator'],
    verb: 'published',
    page: 'review',
    ask: 'The results are now public on the observatory.',
  },
} as const satisfies Record<
  string,
  { roles: readonly Role[]; verb: string; page: 'review' | 'assessment'; ask: string }
>;

export type NoticeAction = keyof typeof WORKFLOW_NOTICES;

/** Whether a workflow action sends notices. */
export function isNoticeAction(action: string): action is NoticeAction {
  return Object.hasOwn(WORKFLOW_NOTICES, action);
}

/** One message per active account holding a role whose scope covers the jurisdiction (an account once, whatever its roles). */
function recipientsFor(
  holders: readonly RoleHolder[],
  roles: readonly Role[],
  jurisdiction: string,
  geography: Geography,
  except?: string,
): RoleHolder[] {
  const chosen = new Map<string, RoleHolder>();
  for (const holder of holders) {
    if (!roles.includes(holder.role) || holder.userId === except || chosen.has(holder.userId)) continue;
    // Global holders (administrators, global analysts) are not notified of every country's work.
    if (holder.scope.kind === 'global') continue;
    if (scopeCovers(holder.scope, jurisdiction, geography)) chosen.set(holder.userId, holder);
  }
  return [...chosen.values()];
}

/** The notices of a workflow action on an assessment, to the people who act next (never the one who acted). */
export async function workflowNotices(
  context: Pick<AppContext, 'db' | 'config' | 'geography'>,
  input: {
    action: NoticeAction;
    assessment: { id: string; jurisdiction: string; year: number; revision: number };
    actor: { userId: string; name: string };
    reason?: string;
  },
): Promise<NewOutboxMessage[]> {
  const notice = WORKFLOW_NOTICES[input.action];
  const holders = await listRoleHolders(context.db, notice.roles);
  const where = placeName(input.assessment.jurisdiction, context.geography);
  const link = `${context.config.publicUrl}/en/workspace/${notice.page}/${encodeURIComponent(input.assessment.id)}/`;
  return recipientsFor(holders, notice.roles, input.assessment.jurisdiction, context.geography, input.actor.userId).map(
    (holder) => ({
      kind: `assessment.${input.action}`,
      recipient: holder.email,
      subject: `${where} ${input.assessment.year}: assessment ${notice.verb}`,
      body:
        `Dear ${holder.name},\n\n${input.actor.name} ${notice.verb} the assessment of ${where} for ${input.assessment.year}. ${notice.ask}\n` +
        (input.reason ? `\nReason given:\n${input.reason}\n` : '') +
        `\nOpen it: ${link}${FOOTER}`,
      // One notice per recipient for each change of the assessment, however often it is retried.
      dedupeKey: `assessment.${input.action}:${input.assessment.id}:${input.assessment.revision}:${holder.userId}`,
    }),
  );
}

/**
 * Reminders: for each round closing within `days` days (and not yet closed), the focal points of its
 * assessments still in draft or returned get one reminder per assessment (the dedupe key makes a
 * second run, or another server process, add nothing).
 */
export async function roundReminders(
  context: Pick<AppContext, 'db' | 'config' | 'geography'>,
  now: Date,
  days: number,
): Promise<NewOutboxMessage[]> {
  const today = now.toISOString().slice(0, 10);
  const horizon = new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const rounds = (await listRounds(context.db)).filter((round) => round.closesOn >= today && round.closesOn <= horizon);
  if (rounds.length === 0) return [];
  const holders = await listRoleHolders(context.db, ['focal-point']);
  const messages: NewOutboxMessage[] = [];
  for (const round of rounds) {
    for (const state of ['draft', 'returned'] as const) {
      for (let offset = 0; ; offset += 500) {
        const page = await listAssessments(context.db, { roundId: round.id, state, page: { limit: 500, offset } });
        for (const assessment of page.items) {
          const where = placeName(assessment.jurisdiction, context.geography);
          const link = `${context.config.publicUrl}/en/workspace/assessment/${encodeURIComponent(assessment.id)}/`;
          for (const holder of recipientsFor(holders, ['focal-point'], assessment.jurisdiction, context.geography)) {
            messages.push({
              kind: 'round.reminder',
              recipient: holder.email,
              subject: `${where} ${round.year}: the round closes on ${round.closesOn}`,
              body: `Dear ${holder.name},\n\nThe ${round.year} round closes on ${round.closesOn} and the assessment of ${where} is not submitted yet (${state}).\n\nOpen it: ${link}${FOOTER}`,
              dedupeKey: `round.reminder:${round.id}:${round.closesOn}:${assessment.id}:${holder.userId}`,
            });
          }
        }
        if (offset + page.items.length >= page.total) break;
      }
    }
  }
  return messages;
}
