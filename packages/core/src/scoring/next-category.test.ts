import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Responses } from '../instruments/model.ts';
import { SDG_10_7_2_V2019 } from '../instruments/sdg-10-7-2.data.ts';
import { toNumber } from './fraction.ts';
import { nextCategory, type NextCategory } from './next-category.ts';
import { scoreAssessment } from './score-assessment.ts';

const instrument = SDG_10_7_2_V2019;
const allItems = instrument.domains.flatMap((domain) => domain.items.map((item) => item.id));
const optionsOf = (itemId: string) =>
  itemId.startsWith('1') ? ['yes-regardless', 'yes-legal-only', 'no'] : ['yes', 'no'];

function bandOf(responses: Responses, domainIndex?: number): number {
  const result = scoreAssessment(instrument, responses);
  if (result.status !== 'scored') throw new Error('not scored');
  const target = domainIndex === undefined ? result.overall : result.domains[domainIndex]!;
  if (target.status !== 'scored') throw new Error('not scored');
  return target.band.code;
}

function apply(responses: Responses, advice: NextCategory): Responses {
  if (advice.status !== 'reachable') return responses;
  return { ...responses, ...Object.fromEntries(advice.changes.map((change) => [change.itemId, change.toOptionId])) };
}

/** Brute force: the fewest items whose answers, changed in any way, lift the band. */
function bruteForceMinimum(
  responses: Responses,
  itemIds: string[],
  domainIndex: number | undefined,
  currentBand: number,
): number {
  for (let size = 1; size <= itemIds.length; size += 1) {
    const combos: string[][] = [];
    const choose = (start: number, chosen: string[]) => {
      if (chosen.length === size) return void combos.push(chosen);
      for (let index = start; index < itemIds.length; index += 1) choose(index + 1, [...chosen, itemIds[index]!]);
    };
    choose(0, []);
    for (const combo of combos) {
      // Changing an item to its best option is the strongest change of that item.
      const changed = { ...responses, ...Object.fromEntries(combo.map((itemId) => [itemId, optionsOf(itemId)[0]])) };
      if (bandOf(changed, domainIndex) > currentBand) return size;
    }
  }
  return Infinity;
}

describe('nextCategory', () => {
  it('names the single change that lifts a domain from 60 to 80', () => {
    const responses = Object.fromEntries(allItems.map((itemId) => [itemId, optionsOf(itemId)[0]]));
    Object.assign(responses, { '2a': 'no', '2b': 'no' });
    const advice = nextCategory(instrument, responses).domains['whole-of-government']!;
    expect(advice).toMatchObject({
      status: 'reachable',
      current: { code: 2 },
      next: { code: 3 },
      changes: [{ itemId: '2a', fromOptionId: 'no', toOptionId: 'yes' }],
    });
    if (advice.status === 'reachable') expect(toNumber(advice.target)).toBe(80);
  });

  it('asks for the legal-status answer when half a point is enough', () => {
    // Domain 1 at 70 (3.5 points) needs 0.5 more to reach 80: "yes, only with legal status" suffices.
    const responses: Record<string, string> = Object.fromEntries(
      allItems.map((itemId) => [itemId, optionsOf(itemId)[0]!]),
    );
    Object.assign(responses, { '1d': 'yes-legal-only', '1e': 'no' });
    const advice = nextCategory(instrument, responses).domains['migrant-rights']!;
    expect(advice).toMatchObject({
      status: 'reachable',
      changes: [{ itemId: '1e', fromOptionId: 'no', toOptionId: 'yes-legal-only' }],
    });
  });

  it('says a domain at 100 is at the top', () => {
    const responses = Object.fromEntries(allItems.map((itemId) => [itemId, optionsOf(itemId)[0]]));
    expect(nextCategory(instrument, responses).domains['cooperation-partnerships']).toMatchObject({
      status: 'top',
      current: { code: 4 },
    });
  });

  it('gives no advice for an incomplete domain and names what is missing', () => {
    const responses = Object.fromEntries(allItems.filter((itemId) => itemId !== '4c').map((itemId) => [itemId, 'no']));
    const report = nextCategory(instrument, {
      ...responses,
      '1a': 'no',
      '1b': 'no',
      '1c': 'no',
      '1d': 'no',
      '1e': 'no',
    });
    expect(report.domains['socioeconomic-well-being']).toEqual({ status: 'incomplete', missing: ['4c'] });
    expect(report.overall).toEqual({ status: 'incomplete', missing: ['4c'] });
  });

  const responsesArbitrary = fc.record(
    Object.fromEntries(allItems.map((itemId) => [itemId, fc.constantFrom(...optionsOf(itemId))])),
  ) as fc.Arbitrary<Responses>;

  it('lifts every domain exactly one band with the fewest possible changes', () => {
    fc.assert(
      fc.property(responsesArbitrary, fc.integer({ min: 0, max: 5 }), (responses, domainIndex) => {
        const domain = instrument.domains[domainIndex]!;
        const advice = nextCategory(instrument, responses).domains[domain.id]!;
        const before = bandOf(responses, domainIndex);
        if (advice.status === 'top') return void expect(before).toBe(4);
        expect(advice.status).toBe('reachable');
        if (advice.status !== 'reachable') return;
        expect(bandOf(apply(responses, advice), domainIndex)).toBe(before + 1);
        const itemIds = domain.items.map((item) => item.id);
        expect(advice.changes.length).toBe(bruteForceMinimum(responses, itemIds, domainIndex, before));
      }),
      { seed: 1072, numRuns: 200 },
    );
  });

  it('lifts the overall score one band with the fewest possible changes', () => {
    fc.assert(
      fc.property(responsesArbitrary, (responses) => {
        const advice = nextCategory(instrument, responses).overall;
        const before = bandOf(responses);
        if (advice.status === 'top') return void expect(before).toBe(4);
        if (advice.status !== 'reachable') throw new Error(advice.status);
        expect(bandOf(apply(responses, advice))).toBe(before + 1);
        // Greedy minimality: with one change fewer, even the best changes cannot reach the next band.
        const fewer = advice.changes.slice(0, -1);
        const bestFewer = {
          ...responses,
          ...Object.fromEntries(fewer.map((change) => [change.itemId, optionsOf(change.itemId)[0]])),
        };
        expect(bandOf(bestFewer)).toBe(before);
        const gains = advice.changes.map((change) => toNumber(change.gain));
        expect(gains.slice(0, -1)).toEqual([...gains.slice(0, -1)].sort((a, b) => b - a));
      }),
      { seed: 1073, numRuns: 200 },
    );
  });
});
