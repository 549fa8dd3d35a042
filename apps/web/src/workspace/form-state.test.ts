import { describe, expect, it } from 'vitest';
import { SDG_10_7_2_V2019 } from '@migov/core';
import {
  applyChanges,
  conflictRows,
  domainProgress,
  mergePending,
  missingItems,
  settlePending,
  type ResponseChange,
} from './form-state.ts';

const instrument = SDG_10_7_2_V2019;
const firstDomain = instrument.domains[0]!;
const [a, b] = firstDomain.items.map((item) => item.id);

describe('domainProgress and missingItems', () => {
  it('counts answered items per domain from the instrument', () => {
    const progress = domainProgress(instrument, {
      [a!]: { optionId: 'yes-regardless' },
      [b!]: { comment: 'only a comment' },
    });
    expect(progress).toHaveLength(instrument.domains.length);
    expect(progress[0]).toEqual({ domainId: firstDomain.id, answered: 1, total: firstDomain.items.length });
    expect(progress.slice(1).every((entry) => entry.answered === 0)).toBe(true);
  });

  it('lists every unanswered item in instrument order', () => {
    const all = instrument.domains.flatMap((domain) => domain.items.map((item) => item.id));
    expect(missingItems(instrument, {})).toEqual(all);
    expect(missingItems(instrument, { [a!]: { optionId: 'no' } })).toEqual(all.filter((id) => id !== a));
  });
});

describe('pending changes', () => {
  it('merges changes of one item and applies them, null clearing a value', () => {
    let pending = mergePending(new Map(), { itemId: a!, optionId: 'no' });
    pending = mergePending(pending, { itemId: a!, comment: 'see the 2020 law' });
    expect([...pending.values()]).toEqual([{ itemId: a, optionId: 'no', comment: 'see the 2020 law' }]);
    const responses = applyChanges({ [a!]: { optionId: 'yes-regardless', comment: 'old' }, [b!]: { optionId: 'no' } }, [
      ...pending.values(),
      { itemId: b!, optionId: null },
    ]);
    expect(responses).toEqual({ [a!]: { optionId: 'no', comment: 'see the 2020 law' }, [b!]: {} });
  });

  it('keeps a change edited again while it was being saved', () => {
    const saved = new Map<string, ResponseChange>([
      [a!, { itemId: a!, optionId: 'no' }],
      [b!, { itemId: b!, optionId: 'no' }],
    ]);
    const now = mergePending(saved, { itemId: a!, optionId: 'yes-legal-only' });
    expect([...settlePending(now, saved).keys()]).toEqual([a]);
  });

  it('shows only the items where my unsaved answer differs from the saved one', () => {
    const pending = new Map<string, ResponseChange>([
      [a!, { itemId: a!, optionId: 'no' }],
      [b!, { itemId: b!, optionId: 'yes-regardless' }],
    ]);
    expect(
      conflictRows(pending, { [a!]: { optionId: 'yes-regardless' }, [b!]: { optionId: 'yes-regardless' } }),
    ).toEqual([{ itemId: a, mine: { itemId: a, optionId: 'no' }, theirs: { optionId: 'yes-regardless' } }]);
  });
});
