import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SDG_10_7_2_V2019 } from '../instruments/sdg-10-7-2.data.ts';
import type { Responses } from '../instruments/model.ts';
import { compare, formatFraction, fraction, toNumber } from './fraction.ts';
import { scoreAssessment, type AssessmentResult } from './score-assessment.ts';

const instrument = SDG_10_7_2_V2019;
const domainIds = instrument.domains.map((domain) => domain.id);
const itemsOf = (domainIndex: number) => instrument.domains[domainIndex]!.items.map((item) => item.id);
const allItems = instrument.domains.flatMap((domain) => domain.items.map((item) => item.id));
const D1_OPTIONS = ['yes-regardless', 'yes-legal-only', 'no'] as const;

/** Everything "yes"; then the given overrides. */
function answers(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const base: Record<string, string> = {};
  for (const itemId of allItems) base[itemId] = itemId.startsWith('1') ? 'yes-regardless' : 'yes';
  return { ...base, ...overrides };
}

/** `count` of a domain's items answered "no", the rest "yes". */
function domainWithNo(domainIndex: number, count: number): Record<string, string> {
  return Object.fromEntries(
    itemsOf(domainIndex).map((itemId, index) => [
      itemId,
      index < count ? 'no' : domainIndex === 0 ? 'yes-regardless' : 'yes',
    ]),
  );
}

function scored(result: AssessmentResult) {
  if (result.status !== 'scored') throw new Error(`expected a scored result, got ${result.status}`);
  return result;
}

describe('scoreAssessment', () => {
  it.each([
    [0, 100, 4],
    [1, 80, 3],
    [2, 60, 2],
    [3, 40, 2],
    [4, 20, 1],
    [5, 0, 1],
  ])('scores a yes/no domain with %i "no" answers as %i, category %i', (noCount, score, category) => {
    const result = scored(scoreAssessment(instrument, answers(domainWithNo(1, noCount))));
    const domain = result.domains[1]!;
    expect(domain.status).toBe('scored');
    if (domain.status !== 'scored') return;
    expect(toNumber(domain.score)).toBe(score);
    expect(domain.band.code).toBe(category);
  });

  it.each([
    [['yes-regardless', 'yes-regardless', 'yes-regardless', 'yes-regardless', 'yes-legal-only'], '90', 3],
    [['yes-legal-only', 'yes-legal-only', 'yes-legal-only', 'yes-legal-only', 'yes-legal-only'], '50', 2],
    [['yes-regardless', 'yes-regardless', 'yes-regardless', 'yes-legal-only', 'yes-legal-only'], '80', 3],
    [['yes-regardless', 'yes-regardless', 'yes-regardless', 'yes-legal-only', 'no'], '70', 2],
    [['yes-regardless', 'yes-legal-only', 'yes-legal-only', 'no', 'no'], '40', 2],
    [['yes-legal-only', 'yes-legal-only', 'yes-legal-only', 'no', 'no'], '30', 1],
  ])('scores Domain 1 answers %j in steps of 10: %s, category %i', (options, score, category) => {
    const overrides = Object.fromEntries(itemsOf(0).map((itemId, index) => [itemId, options[index]]));
    const domain = scored(scoreAssessment(instrument, answers(overrides))).domains[0]!;
    if (domain.status !== 'scored') throw new Error('domain 1 not scored');
    expect(formatFraction(domain.score, 0)).toBe(score);
    expect(domain.band.code).toBe(category);
  });

  it('classifies an overall 24 of 30 points as exactly 80: meets', () => {
    // Six "no" answers spread over domains 2-6 plus a half point lost in Domain 1 would be 23.5; six exact points lost is 24.
    const overrides = { '2a': 'no', '3a': 'no', '4a': 'no', '5a': 'no', '6a': 'no', '6b': 'no' };
    const result = scored(scoreAssessment(instrument, answers(overrides)));
    if (result.overall.status !== 'scored') throw new Error('overall not scored');
    expect(compare(result.overall.score, fraction(80))).toBe(0);
    expect(result.overall.band.code).toBe(3);
  });

  it('classifies 23.5 of 30 points (78.33) as partially meets', () => {
    const overrides = {
      '1a': 'yes-legal-only',
      '2a': 'no',
      '3a': 'no',
      '4a': 'no',
      '5a': 'no',
      '6a': 'no',
      '6b': 'no',
    };
    const result = scored(scoreAssessment(instrument, answers(overrides)));
    if (result.overall.status !== 'scored') throw new Error('overall not scored');
    expect(formatFraction(result.overall.score, 2)).toBe('78.33');
    expect(result.overall.band.code).toBe(2);
  });

  it('classifies 12 of 30 points as exactly 40: partially meets, and 11.5 as requires further progress', () => {
    const eighteenNo = Object.fromEntries(
      allItems
        .filter((itemId) => !itemId.startsWith('1'))
        .slice(0, 18)
        .map((itemId) => [itemId, 'no']),
    );
    const at40 = scored(scoreAssessment(instrument, answers(eighteenNo)));
    if (at40.overall.status !== 'scored') throw new Error('overall not scored');
    expect(compare(at40.overall.score, fraction(40))).toBe(0);
    expect(at40.overall.band.code).toBe(2);
    const below = scored(scoreAssessment(instrument, answers({ ...eighteenNo, '1a': 'yes-legal-only' })));
    if (below.overall.status !== 'scored') throw new Error('overall not scored');
    expect(below.overall.band.code).toBe(1);
  });

  it('gives 100 and fully meets only when every item scores its maximum', () => {
    const full = scored(scoreAssessment(instrument, answers()));
    expect(full.overall.status === 'scored' && full.overall.band.code).toBe(4);
    const almost = scored(scoreAssessment(instrument, answers({ '1e': 'yes-legal-only' })));
    expect(almost.overall.status === 'scored' && almost.overall.band.code).toBe(3);
  });

  it('marks a domain with missing answers incomplete and names the items, never zero', () => {
    const result = scoreAssessment(instrument, answers({ '3b': undefined, '3d': undefined }));
    expect(result.status).toBe('incomplete');
    if (result.status === 'invalid') return;
    const domain = result.domains[2]!;
    expect(domain).toMatchObject({ status: 'incomplete', missing: ['3b', '3d'] });
    expect(result.overall).toMatchObject({ status: 'incomplete', missing: ['3b', '3d'] });
    expect(result.domains.filter((entry) => entry.status === 'scored')).toHaveLength(5);
  });

  it('scores missing answers as zero only when the instrument says so', () => {
    const lenient = { ...instrument, scoring: { ...instrument.scoring, missing: 'score-as-zero' as const } };
    const result = scored(scoreAssessment(lenient, answers({ '3b': undefined })));
    const domain = result.domains[2]!;
    expect(domain.status === 'scored' && toNumber(domain.score)).toBe(80);
  });

  it('refuses unknown items and options with the reason', () => {
    const result = scoreAssessment(instrument, answers({ '7a': 'yes', '2a': 'maybe' }));
    expect(result.status).toBe('invalid');
    if (result.status !== 'invalid') return;
    expect(result.problems.map((problem) => problem.message)).toEqual([
      'item 2a has no option "maybe" (options: yes, no)',
      'unknown item "7a" in sdg-10-7-2@2019',
    ]);
  });

  it('explains each item with its option and score', () => {
    const result = scored(scoreAssessment(instrument, answers({ '1c': 'yes-legal-only' })));
    expect(result.domains[0]!.items[2]).toMatchObject({
      itemId: '1c',
      status: 'answered',
      optionId: 'yes-legal-only',
      score: { num: 1, den: 2 },
    });
  });
});

const responsesArbitrary = fc.record(
  Object.fromEntries(
    allItems.map((itemId) => [
      itemId,
      itemId.startsWith('1') ? fc.constantFrom(...D1_OPTIONS) : fc.constantFrom('yes', 'no'),
    ]),
  ),
) as fc.Arbitrary<Responses>;

describe('scoreAssessment invariants', () => {
  it('puts domain scores on the official grid (D1 steps of 10, others of 20) within 0..100', () => {
    fc.assert(
      fc.property(responsesArbitrary, (responses) => {
        const result = scored(scoreAssessment(instrument, responses));
        result.domains.forEach((domain, index) => {
          if (domain.status !== 'scored') throw new Error('not scored');
          const value = toNumber(domain.score);
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(100);
          expect(Number.isInteger(value / (index === 0 ? 10 : 20))).toBe(true);
        });
      }),
      { seed: 20190, numRuns: 300 },
    );
  });

  it('makes the overall score the mean of the six domain scores', () => {
    fc.assert(
      fc.property(responsesArbitrary, (responses) => {
        const result = scored(scoreAssessment(instrument, responses));
        const domainScores = result.domains.map((domain) =>
          domain.status === 'scored' ? toNumber(domain.score) : NaN,
        );
        if (result.overall.status !== 'scored') throw new Error('not scored');
        expect(toNumber(result.overall.score)).toBeCloseTo(domainScores.reduce((a, b) => a + b, 0) / 6, 10);
      }),
      { seed: 20191, numRuns: 300 },
    );
  });

  it('never lowers a category when an answer improves', () => {
    fc.assert(
      fc.property(responsesArbitrary, fc.constantFrom(...allItems), (responses, itemId) => {
        const improved = { ...responses, [itemId]: itemId.startsWith('1') ? 'yes-regardless' : 'yes' };
        const before = scored(scoreAssessment(instrument, responses));
        const after = scored(scoreAssessment(instrument, improved));
        if (before.overall.status !== 'scored' || after.overall.status !== 'scored') throw new Error('not scored');
        expect(after.overall.band.code).toBeGreaterThanOrEqual(before.overall.band.code);
        domainIds.forEach((_, index) => {
          const left = before.domains[index]!;
          const right = after.domains[index]!;
          if (left.status !== 'scored' || right.status !== 'scored') throw new Error('not scored');
          expect(right.band.code).toBeGreaterThanOrEqual(left.band.code);
        });
      }),
      { seed: 20192, numRuns: 300 },
    );
  });
});
