import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  POLICY_DOMAIN_CODES,
  type Observation,
  type ObservationValue,
  type PolicyDomainCode,
} from '../observations/observation.ts';
import { createGeography, defaultGeography } from '../geography/geography.ts';
import type { GroupDefinition } from '../geography/area.ts';
import { aggregateMigrp, type MigrpAggregate } from './aggregate-migrp.ts';

const country = (
  area: string,
  value: ObservationValue,
  domain: PolicyDomainCode = 'ALLDOMAINS',
  year = 2019,
): Observation => ({
  series: 'SG_CPA_MIGRS',
  area,
  year,
  domain,
  value,
});

const find = (
  aggregates: readonly MigrpAggregate[],
  area: string,
  domain: PolicyDomainCode = 'ALLDOMAINS',
  year = 2019,
) => aggregates.find((row) => row.area === area && row.domain === domain && row.year === year);

describe('aggregateMigrp', () => {
  it.each([
    ['one that meets of one', [4], 1, 1],
    ['meets (3) and fully meets (4) count, partially meets (2) and requires progress (1) do not', [1, 2, 3, 4], 2, 4],
    ['N is left out of both', [3, 'N', 'N', 1], 1, 2],
    ['none that meets', [1, 2, 2], 0, 3],
  ] as const)('computes %s', (_what, values, numerator, denominator) => {
    const kenyaAndNeighbours = ['404', '800', '834', '646'];
    const observations = values.map((value, index) => country(kenyaAndNeighbours[index]!, value));
    const eastAfrica = find(aggregateMigrp(observations).aggregates, '14')!;
    expect(eastAfrica).toMatchObject({
      numerator,
      denominator,
      fraction: { numerator, denominator },
      series: 'SG_CPA_MIGRP',
      nature: 'G',
      origin: 'computed',
    });
    expect(eastAfrica.value).toBe((100 * numerator) / denominator);
  });

  it('gives no aggregate to an area with no responding country', () => {
    const { aggregates } = aggregateMigrp([country('404', 'N')]);
    expect(find(aggregates, '14')).toBeUndefined();
    expect(aggregates).toEqual([]);
  });

  it('reports coverage: members, responding, not applicable and missing', () => {
    const { aggregates } = aggregateMigrp([country('404', 3), country('800', 'N')]);
    // Eastern Africa: 22 areas in M49, of which British Indian Ocean Territory and the French Southern Territories have no population.
    expect(find(aggregates, '14')!.coverage).toEqual({ members: 20, responding: 1, notApplicable: 1, missing: 18 });
  });

  it('evaluates dated membership as of the round', () => {
    // Vanuatu left the LDCs on 4 December 2020.
    const observations = [
      country('548', 4, 'ALLDOMAINS', 2019),
      country('548', 4, 'ALLDOMAINS', 2021),
      country('4', 1, 'ALLDOMAINS', 2021),
    ];
    const { aggregates } = aggregateMigrp(observations, { areas: ['199'] });
    expect(find(aggregates, '199', 'ALLDOMAINS', 2019)).toMatchObject({
      numerator: 1,
      denominator: 1,
      membershipAsOf: 2019,
    });
    expect(find(aggregates, '199', 'ALLDOMAINS', 2021)).toMatchObject({ numerator: 0, denominator: 1 });
    const asOfEnd2020 = aggregateMigrp(observations, {
      areas: ['199'],
      membershipDate: (round) => `${round - 1}-12-01`,
    }).aggregates;
    expect(find(asOfEnd2020, '199', 'ALLDOMAINS', 2021)).toMatchObject({
      numerator: 1,
      denominator: 2,
      membershipAsOf: '2020-12-01',
    });
  });

  it('accepts areas by ISO code and group id, and computes only those asked for', () => {
    const { aggregates } = aggregateMigrp([country('KEN', 4), country('UGA', 1)], { areas: ['001', '199'] });
    expect(new Set(aggregates.map((row) => row.area))).toEqual(new Set(['1', '199']));
    expect(find(aggregates, '1')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(find(aggregates, '199')).toMatchObject({ numerator: 0, denominator: 1 });
  });

  it('keeps the time detail of a round when all its values agree on it', () => {
    const observations = [
      { ...country('404', 3), timeDetail: '2018-2019' },
      { ...country('800', 3), timeDetail: '2018-2019' },
      { ...country('404', 3, 'ALLDOMAINS', 2021), timeDetail: '2020-2021' },
      { ...country('800', 3, 'ALLDOMAINS', 2021), timeDetail: '2021' },
    ];
    const { aggregates } = aggregateMigrp(observations, { areas: ['14'] });
    expect(find(aggregates, '14')!.timeDetail).toBe('2018-2019');
    expect(find(aggregates, '14', 'ALLDOMAINS', 2021)!.timeDetail).toBeUndefined();
  });

  it.each([
    ['a category outside 1-4', country('404', 5), 'value', 'SG_CPA_MIGRS must be a category 1-4 or N'],
    ['a fractional category', country('404', 2.5), 'value', 'SG_CPA_MIGRS must be a category 1-4 or N'],
    [
      'an unknown domain',
      { ...country('404', 3), domain: 'DOMAIN7' as PolicyDomainCode },
      'domain',
      'unknown policy domain',
    ],
    ['a round that is no year', { ...country('404', 3), year: Number.NaN }, 'year', 'the round is not a year'],
    ['an unknown area', country('999', 3), 'area', 'unknown area: its value is left out'],
    [
      'a value for a region',
      country('14', 3),
      'area',
      '14 Eastern Africa is a intermediate-region, not a country: its value is left out',
    ],
  ])('leaves out %s with a problem', (_what, observation, column, message) => {
    const { aggregates, problems } = aggregateMigrp([observation], { file: 'input.csv' });
    expect(aggregates).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ file: 'input.csv', row: 1, column, message })]);
  });

  it('leaves out N for a region silently (the SDG data reports 830 Channel Islands as N)', () => {
    expect(aggregateMigrp([country('830', 'N')]).problems).toEqual([]);
  });

  it('keeps the first of duplicate values and reports the second', () => {
    const { aggregates, problems } = aggregateMigrp([country('404', 4), country('KEN', 1)], { areas: ['14'] });
    expect(find(aggregates, '14')).toMatchObject({ numerator: 1, denominator: 1 });
    expect(problems).toEqual([
      expect.objectContaining({ row: 2, message: 'duplicate value for 404, ALLDOMAINS, 2019: the first is kept' }),
    ]);
  });

  it('ignores other series', () => {
    const published: Observation = { series: 'SG_CPA_MIGRP', area: '1', year: 2019, domain: 'ALLDOMAINS', value: 54.1 };
    expect(aggregateMigrp([published])).toEqual({ aggregates: [], problems: [] });
  });

  it('fails fast on an unknown area to compute', () => {
    expect(() => aggregateMigrp([], { areas: ['nowhere'] })).toThrow('unknown area: nowhere');
  });
});

// Property tests over random country data (seeded, so failures reproduce).
const countryCodes = defaultGeography
  .listAreas({ kind: 'country' })
  .map((area) => area.code)
  .filter((code) => code !== '10');
const VALUES: readonly ObservationValue[] = [1, 2, 3, 4, 'N'];

const observationsArbitrary = fc
  .uniqueArray(
    fc.record({
      country: fc.constantFrom(...countryCodes),
      domain: fc.constantFrom(...POLICY_DOMAIN_CODES),
      year: fc.constantFrom(2016, 2019, 2021, 2024),
      value: fc.constantFrom(...VALUES),
    }),
    { selector: (row) => `${row.country}|${row.domain}|${row.year}`, maxLength: 400 },
  )
  .map((rows) => rows.map((row) => country(row.country, row.value, row.domain, row.year)));

const PROPERTY_RUNS = { seed: 1072, numRuns: 60 };
const projection = (aggregates: readonly MigrpAggregate[]) =>
  aggregates.map((row) => `${row.year}|${row.area}|${row.domain}|${row.numerator}/${row.denominator}`).sort();

describe('aggregateMigrp invariants', () => {
  it('keeps 0 <= value <= 100 and numerator <= denominator <= members', () => {
    fc.assert(
      fc.property(observationsArbitrary, (observations) => {
        for (const row of aggregateMigrp(observations).aggregates) {
          expect(row.value).toBeGreaterThanOrEqual(0);
          expect(row.value).toBeLessThanOrEqual(100);
          expect(row.numerator).toBeLessThanOrEqual(row.denominator);
          expect(row.denominator).toBeGreaterThan(0);
          expect(row.denominator).toBeLessThanOrEqual(row.coverage.members);
          expect(row.coverage.responding + row.coverage.notApplicable + row.coverage.missing).toBe(
            row.coverage.members,
          );
        }
      }),
      PROPERTY_RUNS,
    );
  });

  const partitions: readonly [string, readonly string[]][] = [
    ['1', ['2', '9', '19', '142', '150']],
    ['1', ['202', '747', '62', '753', '419', '543', '53', '513']],
    ['1', ['514', '515']],
    ['202', ['11', '14', '17', '18']],
    ['150', ['39', '151', '154', '155']],
    ['419', ['5', '13', '29']],
  ];

  it('gives a region the sums of numerators and denominators over a partition of it', () => {
    fc.assert(
      fc.property(observationsArbitrary, (observations) => {
        const { aggregates } = aggregateMigrp(observations);
        const counts = new Map(aggregates.map((row) => [`${row.year}|${row.area}|${row.domain}`, row]));
        const years = new Set(observations.map((row) => row.year));
        for (const year of years) {
          for (const domain of POLICY_DOMAIN_CODES) {
            for (const [whole, parts] of partitions) {
              const total = counts.get(`${year}|${whole}|${domain}`);
              const sum = (field: 'numerator' | 'denominator') =>
                parts.reduce((acc, part) => acc + (counts.get(`${year}|${part}|${domain}`)?.[field] ?? 0), 0);
              expect(sum('denominator')).toBe(total?.denominator ?? 0);
              expect(sum('numerator')).toBe(total?.numerator ?? 0);
            }
          }
        }
      }),
      PROPERTY_RUNS,
    );
  });

  it('is unchanged by adding a non-responding country', () => {
    fc.assert(
      fc.property(
        observationsArbitrary,
        fc.constantFrom(...countryCodes),
        fc.constantFrom(...POLICY_DOMAIN_CODES),
        (observations, extra, domain) => {
          const taken = observations.some((row) => row.area === extra && row.domain === domain && row.year === 2019);
          fc.pre(!taken);
          const before = projection(aggregateMigrp(observations).aggregates);
          expect(projection(aggregateMigrp([...observations, country(extra, 'N', domain, 2019)]).aggregates)).toEqual(
            before,
          );
        },
      ),
      PROPERTY_RUNS,
    );
  });

  it('does not depend on the order of the observations', () => {
    fc.assert(
      fc.property(
        observationsArbitrary.chain((rows) =>
          fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length })),
        ),
        ([rows, shuffled]) => {
          expect(aggregateMigrp(shuffled).aggregates).toEqual(
            expect.arrayContaining(
              aggregateMigrp(rows).aggregates.map((row) =>
                expect.objectContaining({
                  area: row.area,
                  year: row.year,
                  domain: row.domain,
                  numerator: row.numerator,
                  denominator: row.denominator,
                }),
              ),
            ),
          );
          expect(projection(aggregateMigrp(shuffled).aggregates)).toEqual(projection(aggregateMigrp(rows).aggregates));
        },
      ),
      PROPERTY_RUNS,
    );
  });

  it('equals a plain count over each area’s members as of the round', () => {
    fc.assert(
      fc.property(observationsArbitrary, (observations) => {
        const areas = ['1', '199', '432', '722', '515', '62'];
        const { aggregates } = aggregateMigrp(observations, { areas });
        for (const year of new Set(observations.map((row) => row.year))) {
          for (const area of areas) {
            const members = new Set(defaultGeography.areaMembers(area, { asOf: year }));
            for (const domain of POLICY_DOMAIN_CODES) {
              const responding = observations.filter(
                (row) => row.year === year && row.domain === domain && members.has(row.area) && row.value !== 'N',
              );
              const meets = responding.filter((row) => row.value === 3 || row.value === 4).length;
              const computed = find(aggregates, area, domain, year);
              if (responding.length === 0) expect(computed).toBeUndefined();
              else expect(computed).toMatchObject({ numerator: meets, denominator: responding.length });
            }
          }
        }
      }),
      PROPERTY_RUNS,
    );
  });
});

describe('aggregateMigrp speed', () => {
  it('aggregates 10,000 jurisdictions x 10 rounds x 7 domains well under 2 s', () => {
    // 100 districts of 100 jurisdictions, 10 provinces of 10 districts, one nation; the last district's jurisdictions join in 2020.
    const jurisdiction = (index: number) => `J${String(index).padStart(5, '0')}`;
    const groups: GroupDefinition[] = [];
    for (let district = 0; district < 100; district += 1) {
      const from = district === 99 ? '2020' : undefined;
      groups.push({
        id: `district-${district}`,
        name: `District ${district}`,
        kind: 'district',
        members: Array.from({ length: 100 }, (_, offset) => ({
          area: jurisdiction(district * 100 + offset),
          ...(from ? { from } : {}),
        })),
      });
    }
    for (let province = 0; province < 10; province += 1) {
      groups.push({
        id: `province-${province}`,
        name: `Province ${province}`,
        kind: 'province',
        members: Array.from({ length: 10 }, (_, offset) => ({ area: `district-${province * 10 + offset}` })),
      });
    }
    groups.push({
      id: 'nation',
      name: 'Nation',
      kind: 'nation',
      members: Array.from({ length: 10 }, (_, province) => ({ area: `province-${province}` })),
    });
    const areas = createGeography({ groups })
      .listAreas()
      .filter((area) => ['district', 'province', 'nation'].includes(area.kind))
      .map((area) => area.code);

    const observations: Observation[] = [];
    let state = 1072;
    for (let round = 0; round < 10; round += 1) {
      for (let index = 0; index < 10_000; index += 1) {
        for (const domain of POLICY_DOMAIN_CODES) {
          state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
          const draw = state % 5;
          observations.push({
            series: 'SG_CPA_MIGRS',
            area: jurisdiction(index),
            year: 2015 + round,
            domain,
            value: draw === 4 ? 'N' : draw + 1,
          });
        }
      }
    }

    // The fastest of three runs, each on a fresh geography (no membership cached), so that a busy machine does not fail the test.
    const timings: number[] = [];
    let result: ReturnType<typeof aggregateMigrp> | undefined;
    for (let trial = 0; trial < 3; trial += 1) {
      const geography = createGeography({ groups });
      const started = performance.now();
      result = aggregateMigrp(observations, { geography, areas });
      timings.push(performance.now() - started);
    }
    const { aggregates, problems } = result!;
    const elapsed = Math.min(...timings);
    console.info(
      `aggregateMigrp: ${observations.length} observations, ${aggregates.length} aggregates in ${timings.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    );

    expect(problems).toEqual([]);
    expect(aggregates).toHaveLength(10 * 7 * 111 - 5 * 7); // district 99 has no member before 2020
    const nation2019 = aggregates.filter((row) => row.area === 'nation' && row.year === 2019);
    const nation2020 = aggregates.filter((row) => row.area === 'nation' && row.year === 2020);
    expect(nation2019.every((row) => row.coverage.members === 9_900)).toBe(true);
    expect(nation2020.every((row) => row.coverage.members === 10_000)).toBe(true);
    expect(elapsed).toBeLessThan(2_000);
  });
});
