/* @jsxRuntime automatic */
/**
 * What the API refused, said in the page's language. Every problem carries a stable `code` from the
 * server's one catalogue (docs/errors.md); each code has a message in every catalogue, and the
 * compiler checks that none is missing. Structured fields make a better sentence where the server
 * sends them (a closed round's year and day, an upload limit and its setting). The server's English
 * `detail` stays available as secondary text marked `lang="en"`, never as the only message.
 */
import type { ApiErrorCode, WorkbookProblemReason } from '@migov/server/api';
import { en } from '../i18n/catalogues/en.ts';
import type { MessageKey } from '../i18n/catalogues/load.ts';
import type { Translator } from '../i18n/translator.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ApiProblem, type ReceivedProblem } from './api-client.ts';

/** The catalogue key of a code: a code of the server without a message here does not compile. */
function problemKey(code: ApiErrorCode): MessageKey {
  return `problem.${code}`;
}

/** The catalogue key of a workbook problem's reason: checked the same way. */
export function workbookReasonKey(reason: WorkbookProblemReason): MessageKey {
  return `workbook.reason.${reason}`;
}

/** Whether a received code is one this app knows (a newer server may send codes it does not). */
function isKnownCode(code: unknown): code is ApiErrorCode {
  return typeof code === 'string' && `problem.${code}` in en;
}

/** Whether a received reason is one this app knows. */
export function isKnownReason(reason: unknown): reason is WorkbookProblemReason {
  return typeof reason === 'string' && `workbook.reason.${reason}` in en;
}

/**
 * The day a round closed: its closing day, or the day an administrator closed it early. `closedAt`
 * of a round that ran to its end is the instant after its closing day, which is not the day to name.
 */
export function roundClosingDay(closesOn: string, closedAt: string | undefined): string {
  return closedAt && closedAt.slice(0, 10) <= closesOn ? closedAt : closesOn;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

/** The message of a received problem in the translator's language. */
export function problemMessage(translator: Translator, problem: ReceivedProblem): string {
  const { t } = translator;
  const code = problem.code;
  if (!isKnownCode(code)) return t('problem.status', { status: problem.status });
  if (code === 'round-closed') {
    const round = record(problem.round);
    if (round && typeof round.year === 'number' && typeof round.closesOn === 'string') {
      const closedAt = typeof problem.closedAt === 'string' ? problem.closedAt : undefined;
      return t('problem.roundClosedOn', {
        year: String(round.year),
        date: translator.formatDate(roundClosingDay(round.closesOn, closedAt)),
      });
    }
  }
  if (code === 'upload-limit-exceeded' && typeof problem.max === 'number' && typeof problem.setting === 'string')
    return t('problem.uploadLimit', { max: translator.formatNumber(problem.max), setting: problem.setting });
  return t(problemKey(code));
}

/**
 * What a failure says to the user: an API problem in the page's language; fetch's own failure (a
 * TypeError: no answer at all) as the server not reached; a page's own message (a string) as it says
 * itself; any other error as something gone wrong on the page.
 */
export function failureMessage(translator: Translator, failure: unknown): string {
  if (failure instanceof ApiProblem) return problemMessage(translator, failure.problem);
  if (failure instanceof TypeError) return translator.t('problem.unreachable');
  // A page's own words come as a string in the reader's language; any other error's message is a
  // program's English, never shown as the message.
  return failure instanceof Error ? translator.t('problem.unexpected') : String(failure);
}

/** The server's English detail when it says more than the code's title (a field, a value, a limit). */
export function problemDetail(failure: unknown): string | undefined {
  if (!(failure instanceof ApiProblem)) return undefined;
  const { detail, title } = failure.problem;
  return detail && detail !== title ? detail : undefined;
}

/** The server's English detail as secondary text, marked as English (nothing when it adds nothing). */
export function ProblemDetail({ failure }: { failure: unknown }) {
  const { t } = useI18n();
  const detail = problemDetail(failure);
  return detail ? (
    <>
      {' '}
      <span className="problem-detail">
        {t('problem.serverDetail')} <span lang="en">{detail}</span>
      </span>
    </>
  ) : null;
}
