/**
 * One entry of an assessment's history as a sentence in the reader's language ("Amina saved 3
 * answers", "Amina returned the assessment to the focal point: <reason>"), not an action code.
 */
import type { Revision } from '@migov/server/api';
import type { Translator } from '../i18n/translator.ts';

type Stored = { responses?: Record<string, unknown>; evidence?: { title?: string }; comment?: { body?: string } };

/** The sentence of one history entry. */
export function historySentence(translator: Translator, revision: Revision): string {
  const after = (revision.after ?? undefined) as Stored | undefined;
  const before = (revision.before ?? undefined) as Stored | undefined;
  return translator.t('history.entry', {
    // Message select keys are words: evidence.add -> evidence_add (older entries say transition:return).
    action: revision.action.replace(/^transition:/, '').replace(/[^A-Za-z0-9]/g, '_'),
    actor: revision.actorName ?? translator.t('history.someone'),
    // A save records the answers it changed, before and after.
    count: Object.keys(after?.responses ?? {}).length,
    reason: revision.reason ?? '',
    title: after?.evidence?.title ?? before?.evidence?.title ?? '',
    body: after?.comment?.body ?? '',
  });
}
