import { describe, expect, it } from 'vitest';
import type { DomainValue, PublishedResult } from '@migov/server/api';
import {
  CATEGORY_COLOURS,
  changeBetween,
  classifyResult,
  classifyResults,
  classifyValue,
  fillOf,
  legendEntries,
  meetingShare,
  NO_DATA_COLOUR,
  normalizeAreaCode,
  NOT_APPLICABLE_COLOUR,
  OVERALL,
  type CategoryClass,
} from './category-scale.ts';

function result(
  jurisdiction: string,
  overall: number | 'na',
  domains: Record<string, number | 'na'> = {},
): PublishedResult {
  const score = (code: string, value: number | 'na') =>
    value === 'na'
      ? { code, status: 'not-applicable' as const }
      : { code, status: 'scored' as const, category: value, meets: value >= 3, score: String(value * 25) };
  return {
    jurisdiction,
    year: 2023,
    instrument: 'sdg-10-7-2',
    version: '2019',
    publicationNumber: 1,
    publishedAt: '2023-06-01T00:00:00Z',
    provenance: null,
    overall: score('ALLDOMAINS', overall),
    domains: Object.entries(domains).map(([code, value]) => ({ ...score(code, value), domainId: code.toLowerCase() })),
  };
}

describe('normalizeAreaCode', () => {
  it.each([
    ['004', '4'],
    ['4', '4'],
    ['840', '840'],
    ['484-CMX', '484-CMX'],
    ['G20', 'G20'],
  ])('normalizes %s to %s', (input, expected) => expect(normalizeAreaCode(input)).toBe(expected));
});

describe('classifyResult', () => {
  const mexico = result('484', 3, { DOMAIN1: 4, DOMAIN2: 'na' });
  it.each<[string, PublishedResult | undefined, string, CategoryClass]>([
    ['the overall category', mexico, OVERALL, { kind: 'category', code: 3, meets: true, score: '75' }],
    ['a domain by code', mexico, 'DOMAIN1', { kind: 'category', code: 4, meets: true, score: '100' }],
    ['a domain by id', mexico, 'domain1', { kind: 'category', code: 4, meets: true, score: '100' }],
    ['a not-applicable domain', mexico, 'DOMAIN2', { kind: 'not-applicable' }],
    ['an absent domain', mexico, 'DOMAIN6', { kind: 'no-data' }],
    ['no publication', undefined, OVERALL, { kind: 'no-data' }],
  ])('classifies %s', (_name, input, domain, expected) => {
    expect(classifyResult(input, domain)).toEqual(expected);
  });

  it('keys jurisdictions by normalized code', () => {
    const classes = classifyResults([result('004', 1), result('840', 4)], OVERALL);
    expect([...classes.keys()]).toEqual(['4', '840']);
  });
});

describe('fillOf', () => {
  it.each<[CategoryClass, string]>([
    [{ kind: 'category', code: 1, meets: false }, CATEGORY_COLOURS[0]!],
    [{ kind: 'category', code: 4, meets: true }, CATEGORY_COLOURS[3]!],
    [{ kind: 'category', code: 9, meets: true }, CATEGORY_COLOURS[3]!],
    [{ kind: 'not-applicable' }, NOT_APPLICABLE_COLOUR],
    [{ kind: 'no-data' }, NO_DATA_COLOUR],
  ])('colours %j as %s', (cls, colour) => expect(fillOf(cls)).toBe(colour));

  it('uses four distinct colours, darkening with the category', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5]
        .map((index) => parseInt(hex.slice(index, index + 2), 16) / 255)
        .map((channel) => (channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const values = CATEGORY_COLOURS.map(luminance);
    expect(new Set(CATEGORY_COLOURS).size).toBe(4);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
  });
});

describe('legendEntries and meetingShare', () => {
  const classes = classifyResults([result('4', 1), result('8', 3), result('12', 3), result('32', 'na')], OVERALL);

  it('counts every area, absent ones as no data', () => {
    const legend = legendEntries([1, 2, 3, 4], classes, ['4', '8', '12', '32', '36', '40']);
    expect(legend.map((entry) => [entry.key, entry.count])).toEqual([
      ['c1', 1],
      ['c2', 0],
      ['c3', 2],
      ['c4', 0],
      ['not-applicable', 1],
      ['no-data', 2],
    ]);
  });

  it('counts meeting among responding areas only', () => {
    expect(meetingShare(classes.values())).toEqual({ meeting: 2, responding: 3 });
    expect(meetingShare([])).toEqual({ meeting: 0, responding: 0 });
  });
});

describe('changeBetween', () => {
  const category = (code: number): CategoryClass => ({ kind: 'category', code, meets: code >= 3 });
  it.each<[CategoryClass, CategoryClass, string]>([
    [category(2), category(3), 'up'],
    [category(3), category(2), 'down'],
    [category(3), category(3), 'same'],
    [{ kind: 'no-data' }, category(1), 'new'],
    [category(1), { kind: 'not-applicable' }, 'not-comparable'],
  ])('from %j to %j is %s', (before, after, expected) => expect(changeBetween(before, after)).toBe(expected));
});

describe('classes of a result set from the results service', () => {
  const entry = (
    code: DomainValue['code'],
    category: DomainValue['category'],
    status: DomainValue['status'],
  ): DomainValue => ({
    code,
    status,
    category,
    label: category ? `c${category}` : null,
    meets: category === null ? null : category >= 3,
  });
  const values = {
    overall: entry('ALLDOMAINS', 3, 'result'),
    domains: [
      entry('DOMAIN1', 1, 'result'),
      entry('DOMAIN2', null, 'not-applicable'),
      entry('DOMAIN3', null, 'no-data'),
    ],
  };
  it.each([
    [OVERALL, { kind: 'category', code: 3, meets: true, label: 'c3' }],
    ['ALLDOMAINS', { kind: 'category', code: 3, meets: true, label: 'c3' }],
    ['DOMAIN1', { kind: 'category', code: 1, meets: false, label: 'c1' }],
    ['DOMAIN2', { kind: 'not-applicable' }],
    ['DOMAIN3', { kind: 'no-data' }],
    ['DOMAIN6', { kind: 'no-data' }],
  ])('%s is %j', (domain, expected) => expect(classifyValue(values, domain)).toEqual(expected));
  it('has no data without a result set', () => expect(classifyValue(null, OVERALL)).toEqual({ kind: 'no-data' }));
});
