/**
 * State of the questionnaire, apart from drawing: progress per domain, what is missing, pending
 * changes not yet saved, and the differences shown when someone else saved first. Works for any
 * instrument: everything is read from the instrument definition.
 */
import type { InstrumentVersion, ResponseValue } from '@migov/server/api';

export type Responses = Readonly<Record<string, ResponseValue>>;

/** One change as PATCH /assessments/:id/responses takes it (null clears). */
export interface ResponseChange {
  itemId: string;
  optionId?: string | null;
  comment?: string | null;
}

/** Answered and total items per domain, in instrument order. */
export function domainProgress(
  instrument: InstrumentVersion,
  responses: Responses,
): { domainId: string; answered: number; total: number }[] {
  return instrument.domains.map((domain) => ({
    domainId: domain.id,
    answered: domain.items.filter((item) => Boolean(responses[item.id]?.optionId)).length,
    total: domain.items.length,
  }));
}

/** Items without an answer, in instrument order. */
export function missingItems(instrument: InstrumentVersion, responses: Responses): string[] {
  return instrument.domains.flatMap((domain) =>
    domain.items.filter((item) => !responses[item.id]?.optionId).map((item) => item.id),
  );
}

/** Apply changes to responses (a new object; the input is not touched). */
export function applyChanges(responses: Responses, changes: Iterable<ResponseChange>): Record<string, ResponseValue> {
  const next: Record<string, ResponseValue> = { ...responses };
  for (const change of changes) {
    const value: ResponseValue = { ...next[change.itemId] };
    if (change.optionId !== undefined) {
      if (change.optionId === null) delete value.optionId;
      else value.optionId = change.optionId;
    }
    if (change.comment !== undefined) {
      if (change.comment === null || change.comment === '') delete value.comment;
      else value.comment = change.comment;
    }
    next[change.itemId] = value;
  }
  return next;
}

/** Add a change to the pending ones, merging with an earlier change of the same item. */
export function mergePending(
  pending: ReadonlyMap<string, ResponseChange>,
  change: ResponseChange,
): Map<string, ResponseChange> {
  const next = new Map(pending);
  next.set(change.itemId, { ...next.get(change.itemId), ...change });
  return next;
}

/** Remove from `pending` the changes that were saved and not edited again since. */
export function settlePending(
  pending: ReadonlyMap<string, ResponseChange>,
  saved: ReadonlyMap<string, ResponseChange>,
): Map<string, ResponseChange> {
  const next = new Map(pending);
  for (const [itemId, change] of saved) {
    const now = next.get(itemId);
    if (now && now.optionId === change.optionId && now.comment === change.comment) next.delete(itemId);
  }
  return next;
}

/** Items where my unsaved change differs from what the other person saved. */
export function conflictRows(
  pending: ReadonlyMap<string, ResponseChange>,
  theirs: Responses,
): { itemId: string; mine: ResponseChange; theirs: ResponseValue }[] {
  return [...pending.values()]
    .filter((mine) => {
      const saved = theirs[mine.itemId] ?? {};
      return (
        (mine.optionId !== undefined && (mine.optionId ?? undefined) !== saved.optionId) ||
        (mine.comment !== undefined && (mine.comment || undefined) !== saved.comment)
      );
    })
    .map((mine) => ({ itemId: mine.itemId, mine, theirs: theirs[mine.itemId] ?? {} }));
}
