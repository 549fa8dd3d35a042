import { describe, expect, it } from 'vitest';
import type { Observation, PolicyDomainCode } from '../observations/observation.ts';
import { aggregateMigrp, type MigrpAggregate } from './aggregate-migrp.ts';
import { compareWithPublished, countsFor, inferCounts } from './compare-published.ts';

const published = (
  area: string,
  value: number,
  domain: PolicyDomainCode = 'ALLDOMAINS',
  year = 2019,
  extra: Partial<Observation> = {},
): Observation => ({
  series: 'SG_CPA_MIGRP',
  area,
  year,
  domain,
  value,
  nature: 'G',
  ...extra,
});

const countryValues = (values: Record<string, number | 'N'>, year = 2019): Observation[] =>
  Object.entries(values).map(([area, value]) => ({ series: 'SG_CPA_MIGRS', area, year, domain: 'ALLDOMAINS', value }));

/** East Africa (14) computed from three countries: 2 of 3 meet. */
const computed: MigrpAggregate[] = aggregateMigrp(countryValues({ '404': 3, '800': 4, '834': 1 }), {
  areas: ['14'],
}).aggregates;

describe('compareWithPublished', () => {
  it.each([
    ['the same figure', [published('14', 66.7)], 'match', undefined, 3, 'consistent'],
    [
      'a figure based on more responding countries',
      [published('14', 50, 'ALLDOMAINS', 2019, { denominator: 4 })],
      'differs',
      'partial-coverage',
      4,
      'stated',
    ],
    [
      'a figure based on fewer responding countries',
      [published('14', 50, 'ALLDOMAINS', 2019, { denominator: 2 })],
      'differs',
      'more-respondents-than-published',
      2,
      'stated',
    ],
    [
      'a different figure from as many countries',
      [published('14', 33.3, 'ALLDOMAINS', 2019, { denominator: 3 })],
      'differs',
      'different-values',
      3,
      'stated',
    ],
    ['a figure whose respondents are inferred', [published('14', 40)], 'differs', 'partial-coverage', 5, 'inferred'],
  ] as const)('compares with %s', (_what, publishedRows, status, reasonCode, publishedResponding, basis) => {
    const [row] = compareWithPublished(computed, publishedRows, { decimals: 1 });
    expect(row).toMatchObject({
      area: '14',
      status,
      computedResponding: 3,
      publishedResponding,
      respondingBasis: basis,
      decimals: 1,
    });
    expect(row!.reason?.code).toBe(reasonCode);
  });

  it('names the coverage in the reason, as in "89 of 138 responding countries published"', () => {
    const [row] = compareWithPublished(computed, [published('14', 50, 'ALLDOMAINS', 2019, { denominator: 8 })]);
    expect(row!.reason?.message).toBe(
      '3 of 8 responding countries published: the published figure is based on 8 responding countries, the computed one on the 3 whose country values are published',
    );
    expect(row!.computed?.coverage.publishedResponding).toBe(8);
    expect(computed[0]!.coverage.publishedResponding).toBeUndefined();
  });

  it('takes stated respondents from the options', () => {
    const [row] = compareWithPublished(computed, [published('14', 50)], {
      respondents: [{ area: '014', year: 2019, responding: 6 }],
    });
    expect(row).toMatchObject({
      publishedResponding: 6,
      respondingBasis: 'stated',
      reason: { code: 'partial-coverage' },
    });
  });

  it('lists what only one side has', () => {
    const rows = compareWithPublished(computed, [published('15', 50), published('14', 66.7, 'DOMAIN1')]);
    expect(rows.map((row) => [row.area, row.domain, row.status, row.reason?.code])).toEqual([
      ['14', 'ALLDOMAINS', 'not-published', 'no-published-figure'],
      ['14', 'DOMAIN1', 'not-computed', 'no-country-data'],
      ['15', 'ALLDOMAINS', 'not-computed', 'no-country-data'],
    ]);
  });

  it('uses the decimals of the round, or those given', () => {
    const inferred = compareWithPublished(computed, [published('14', 66.67), published('2', 12.5)]).find(
      (row) => row.area === '14',
    );
    expect(inferred).toMatchObject({ status: 'match', decimals: 2, computedFigure: '66.67' });
    const [given] = compareWithPublished(computed, [published('14', 67)], { decimals: { 2019: 0 } });
    expect(given).toMatchObject({ status: 'match', decimals: 0, computedFigure: '67' });
  });

  it('ignores other series and values that are not numbers', () => {
    const rows = compareWithPublished(computed, [
      { series: 'SG_CPA_MIGRS', area: '14', year: 2019, domain: 'ALLDOMAINS', value: 3 },
      { series: 'SG_CPA_MIGRP', area: '14', year: 2019, domain: 'ALLDOMAINS', value: 'N' },
    ]);
    expect(rows.map((row) => row.status)).toEqual(['not-published']);
  });
});

describe('inferCounts', () => {
  it.each([
    [[62.31884, 61.5942, 73.18841, 77.53623, 63.04348, 68.11594, 80.43478], 5, 138, [86, 85, 101, 107, 87, 94, 111]],
    [[55, 52.5, 65, 75, 52.5, 75, 72.5], 5, 40, [22, 21, 26, 30, 21, 30, 29]],
    [[100, 100], 5, 1, [1, 1]],
    [[54.1, 55.0, 67.6], 1, 111, [60, 61, 75]],
  ])('explains %j at %i decimals as k of %i', (values, decimals, responding, numerators) => {
    expect(inferCounts(values, decimals, { atLeast: responding === 111 ? 111 : 1 })).toEqual({
      responding,
      numerators,
    });
  });

  it('finds nothing where no count reproduces the values', () => {
    expect(inferCounts([33.33333, 50.00001], 5, { max: 50 })).toBeUndefined();
    expect(countsFor(3, [50], 1)).toBeUndefined();
  });
});
