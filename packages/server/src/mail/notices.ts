/**
 * The messages the platform sends: invitations, password resets, workflow notices (submitted,
 * returned, validated, published) and reminders before a round closes. Each is written in its
 * recipient's language (mail-texts.ts), as plain text and HTML. Links point at the web app under
 * `MIGOV_PUBLIC_URL`, in that language; one-time tokens travel in the fragment.
 */
import type { Geography, Language } from '@migov/core';
import {
  listAssessments,
  listRoleHolders,
  listRounds,
  roundStatus,
  type NewOutboxMessage,
  type RoleHolder,
} from '@migov/db';
import { rolesWith, scopeCovers, type Permission, type Role, type RoleScope } from '../auth/permissions.ts';
import type { AppContext } from '../context.ts';
import { renderMail, renderSubject, type MailBlock } from './mail-render.ts';
import { formatDateTime, formatDay, isolate, MAIL_TEXTS, type NoticeAction, type ReminderState } from './mail-texts.ts';

export type { NoticeAction } from './mail-texts.ts';

/** The name of an area in a language: the country's name as ICU has it, else the UN's English name. */
export function areaNameIn(area: { name: string; alpha2?: string | undefined }, language: Language): string {
  if (language === 'en' || !area.alpha2) return area.name;
  try {
    return new Intl.DisplayNames([language], { type: 'region', fallback: 'none' }).of(area.alpha2) ?? area.name;
  } catch {
    // An ICU without the language's region names: the UN's English name.
    return area.name;
  }
}

/** A jurisdiction or group in words, in a language: its name (the UN's in English) and code, or the code. */
function placeName(code: string, geography: Geography, language: Language = 'en'): string {
  const area = geography.findArea(code.split('-')[0] ?? code);
  if (!area) return code;
  const name = areaNameIn(area, language);
  return code.includes('-') ? `${code} (${name})` : `${name} (${code})`;
}

/** A role scope in words. */
function scopeInWords(scope: RoleScope, geography: Geography, language: Language = 'en'): string {
  return scope.kind === 'global'
    ? MAIL_TEXTS[language].allCountries
    : placeName(scope.kind === 'area' ? scope.area : scope.group, geography, language);
}

/** The web app's address of a page in a language (`/fr/workspace/…`). */
function pageUrl(publicUrl: string, language: Language, path: string): string {
  return `${publicUrl}/${language}/${path}`;
}

/**
 * The page of a one-time link. English links carry no language (the page then opens in the
 * browser's), as they always did; the others open the page in the message's language.
 */
export function onboardingUrl(
  publicUrl: string,
  language: Language,
  page: 'invitations/accept' | 'password-reset',
  token: string,
): string {
  return `${publicUrl}/${language === 'en' ? '' : `${language}/`}${page}#token=${token}`;
}

function message(
  language: Language,
  input: { kind: string; recipient: string; subject: string; blocks: MailBlock[]; dedupeKey?: string },
): NewOutboxMessage {
  const subject = renderSubject(language, input.subject);
  const { body, html } = renderMail(language, subject, input.blocks, MAIL_TEXTS[language].footer);
  return {
    kind: input.kind,
    recipient: input.recipient,
    subject,
    body,
    html,
    ...(input.dedupeKey ? { dedupeKey: input.dedupeKey } : {}),
  };
}

/** The invitation message, in the invitation's language; the link holds the token, so it goes to the invited address only. */
export function invitationMessage(input: {
  email: string;
  role: Role;
  scope: RoleScope;
  acceptUrl: string;
  expiresAt: string;
  inviterName?: string;
  geography: Geography;
  language: Language;
}): NewOutboxMessage {
  const texts = MAIL_TEXTS[input.language];
  const role = texts.roles[input.role];
  const where = isolate(scopeInWords(input.scope, input.geography, input.language));
  return message(input.language, {
    kind: 'invitation',
    recipient: input.email,
    subject: texts.invitation.subject(role, where),
    blocks: [
      {
        text: input.inviterName
          ? texts.invitation.invites(isolate(input.inviterName), role, where)
          : texts.invitation.invited(role, where),
      },
      {
        label: texts.invitation.openLink(isolate(formatDateTime(input.expiresAt, input.language))),
        link: input.acceptUrl,
      },
      { text: texts.invitation.after },
    ],
  });
}

/** The password reset message, in the account's language. */
export function passwordResetMessage(input: {
  email: string;
  resetUrl: string;
  expiresAt: string;
  language: Language;
}): NewOutboxMessage {
  const texts = MAIL_TEXTS[input.language].passwordReset;
  return message(input.language, {
    kind: 'password-reset',
    recipient: input.email,
    subject: texts.subject,
    blocks: [
      { text: texts.asked },
      { label: texts.openLink(isolate(formatDateTime(input.expiresAt, input.language))), link: input.resetUrl },
      { text: texts.ignore },
    ],
  });
}

/**
 * Who gets the notice of each workflow action: the holders of these permissions over the jurisdiction
 * (auth/permissions.ts), that is who acts next (reviewers and coordinators decide on a submission; the
 * focal point resubmits what was returned; the coordinator publishes what the focal point submitted;
 * everyone working on it hears of the publication); and which page it opens.
 */
const WORKFLOW_NOTICES = {
  submit: { permissions: ['assessment:validate'], page: 'review' },
  resubmit: { permissions: ['assessment:validate'], page: 'review' },
  return: { permissions: ['assessment:resubmit'], page: 'assessment' },
  validate: { permissions: ['assessment:publish', 'assessment:submit'], page: 'review' },
  publish: { permissions: ['assessment:comment'], page: 'review' },
} as const satisfies Record<NoticeAction, { permissions: readonly Permission[]; page: 'review' | 'assessment' }>;

/** The roles holding any of these permissions. */
function holdersOf(permissions: readonly Permission[]): Role[] {
  return [...new Set(permissions.flatMap(rolesWith))];
}

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

/** The notices of a workflow action on an assessment, to the people who act next (never the one who acted), each in their language. */
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
  const roles = holdersOf(notice.permissions);
  const holders = await listRoleHolders(context.db, roles);
  return recipientsFor(holders, roles, input.assessment.jurisdiction, context.geography, input.actor.userId).map(
    (holder) => {
      const language = holder.preferredLanguage;
      const texts = MAIL_TEXTS[language];
      const where = isolate(placeName(input.assessment.jurisdiction, context.geography, language));
      const year = isolate(input.assessment.year);
      const blocks: MailBlock[] = [
        { text: texts.dear(isolate(holder.name)) },
        { text: texts.notices[input.action].body(isolate(input.actor.name), where, year) },
      ];
      if (input.reason) blocks.push({ text: texts.reasonGiven }, { quote: input.reason });
      blocks.push({
        label: texts.openIt,
        link: pageUrl(
          context.config.publicUrl,
          language,
          `workspace/${notice.page}/${encodeURIComponent(input.assessment.id)}/`,
        ),
      });
      return message(language, {
        kind: `assessment.${input.action}`,
        recipient: holder.email,
        subject: texts.notices[input.action].subject(where, year),
        blocks,
        // One notice per recipient for each change of the assessment, however often it is retried.
        dedupeKey: `assessment.${input.action}:${input.assessment.id}:${input.assessment.revision}:${holder.userId}`,
      });
    },
  );
}

/** The start of the dedupe keys of a round's reminders (`round.reminder:<round>:<closing day>:…`). */
export function reminderKeyPrefix(roundId: string): string {
  return `round.reminder:${roundId}:`;
}

/**
 * Reminders: for each open round closing within `days` days, the focal points of its assessments still
 * in draft or returned get one reminder per assessment and closing day, in their language (the dedupe
 * key makes a second run, or another server process, add nothing; a new closing day reminds again).
 */
export async function roundReminders(
  context: Pick<AppContext, 'db' | 'config' | 'geography'>,
  now: Date,
  days: number,
): Promise<NewOutboxMessage[]> {
  const today = now.toISOString().slice(0, 10);
  const horizon = new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const rounds = (await listRounds(context.db)).filter(
    (round) => round.closesOn >= today && round.closesOn <= horizon && roundStatus(round, now) === 'open',
  );
  if (rounds.length === 0) return [];
  // Those who submit the assessment are reminded.
  const submitters = holdersOf(['assessment:submit']);
  const holders = await listRoleHolders(context.db, submitters);
  const messages: NewOutboxMessage[] = [];
  for (const round of rounds) {
    for (const state of ['draft', 'returned'] as const satisfies readonly ReminderState[]) {
      for (let offset = 0; ; offset += 500) {
        const page = await listAssessments(context.db, { roundId: round.id, state, page: { limit: 500, offset } });
        for (const assessment of page.items) {
          for (const holder of recipientsFor(holders, submitters, assessment.jurisdiction, context.geography)) {
            const language = holder.preferredLanguage;
            const texts = MAIL_TEXTS[language];
            const where = isolate(placeName(assessment.jurisdiction, context.geography, language));
            const day = isolate(formatDay(round.closesOn, language));
            const year = isolate(round.year);
            messages.push(
              message(language, {
                kind: 'round.reminder',
                recipient: holder.email,
                subject: texts.reminder.subject(where, year, day),
                blocks: [
                  { text: texts.dear(isolate(holder.name)) },
                  { text: texts.reminder.body(where, year, day, texts.reminder.states[state]) },
                  {
                    label: texts.openIt,
                    link: pageUrl(
                      context.config.publicUrl,
                      language,
                      `workspace/assessment/${encodeURIComponent(assessment.id)}/`,
                    ),
                  },
                ],
                dedupeKey: `${reminderKeyPrefix(round.id)}${round.closesOn}:${assessment.id}:${holder.userId}`,
              }),
            );
          }
        }
        if (offset + page.items.length >= page.total) break;
      }
    }
  }
  return messages;
}
