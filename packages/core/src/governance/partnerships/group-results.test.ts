import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../../test-support/shared-data.ts';
import { readObservations } from '../../formats/read-observations.ts';
import type { Observation } from '../../observations/observation.ts';
import { memberCategories, processGroupResult, processGroupResults } from './group-results.ts';
import { DEFAULT_PARTNERSHIP_REGISTRY } from './registry.ts';

const observation = (
  area: string,
  value: Observation['value'],
  domain: Observation['domain'] = 'ALLDOMAINS',
): Observation => ({ series: 'SG_CPA_MIGRS', area, year: 2021, domain, value });

describe('processGroupResult', () => {
  // Colombo Process members: 4 50 116 144 156 356 360 524 586 608 704 764.
  const observations = [
    observation('4', 3),
    observation('50', 4),
    observation('116', 1),
    observation('156', 'N'),
    observation('356', 2),
    observation('360', 3),
    observation('586', 2),
    observation('608', 4),
    observation('144', 3),
    observation('764', 1),
    observation('704', 2),
    observation('634', 4), // Qatar: an observer, not counted
    observation('50', 1), // a duplicate: the first value is kept
  ];

  it('computes 100 x members meeting / responding members (hand-computed: 5 of 10)', () => {
    const result = processGroupResult(DEFAULT_PARTNERSHIP_REGISTRY, 'colombo-process', observations, { year: 2021 });
    expect(result).toMatchObject({
      meeting: ['4', '50', '144', '360', '608'],
      responding: ['4', '50', '116', '144', '356', '360', '586', '608', '704', '764'],
      notApplicable: ['156'],
      missing: ['524'],
      numerator: 5,
      denominator: 10,
      percent: 50,
    });
  });

  it('counts observers when asked (hand-computed: 6 of 11), but never unverified ones', () => {
    // The compiled destination-country observers are unverified: they do not count.
    const compiled = processGroupResult(DEFAULT_PARTNERSHIP_REGISTRY, 'colombo-process', observations, {
      year: 2021,
      includeObservers: true,
    });
    expect([compiled.numerator, compiled.denominator]).toEqual([5, 10]);
    const confirmed = {
      ...DEFAULT_PARTNERSHIP_REGISTRY,
      memberships: DEFAULT_PARTNERSHIP_REGISTRY.memberships.map((record) =>
        record.process === 'colombo-process' ? { ...record, unverified: false } : record,
      ),
    };
    const result = processGroupResult(confirmed, 'colombo-process', observations, {
      year: 2021,
      includeObservers: true,
    });
    expect([result.numerator, result.denominator]).toEqual([6, 11]);
  });

  it('has no percentage when no member responded', () => {
    const result = processGroupResult(DEFAULT_PARTNERSHIP_REGISTRY, 'colombo-process', [], { year: 2021 });
    expect(result.denominator).toBe(0);
    expect(result.percent).toBeUndefined();
    expect(result.missing).toHaveLength(12);
  });

  it('reproduces hand-computed Colombo Process shares from the published 2019 and 2021 data', () => {
    const file = {
      name: 'sg_cpa_migrs_by_country.ddf.csv',
      bytes: new Uint8Array(readFileSync(sharedData('un-sdg-10-7-2/sg_cpa_migrs_by_country.ddf.csv'))),
    };
    const read = readObservations(file);
    expect(read.problems).toEqual([]);
    const share = (year: number, domain: Observation['domain']) => {
      const result = processGroupResult(DEFAULT_PARTNERSHIP_REGISTRY, 'colombo-process', read.observations, {
        year,
        domain,
      });
      return [result.meeting, result.numerator, result.denominator];
    };
    expect(share(2019, 'ALLDOMAINS')).toEqual([['50', '116', '608', '764'], 4, 7]);
    expect(share(2021, 'ALLDOMAINS')).toEqual([['4', '360', '524'], 3, 6]);
    expect(share(2019, 'DOMAIN3')).toEqual([['50', '116', '156', '608', '704', '764'], 6, 7]);
    const all = processGroupResults(DEFAULT_PARTNERSHIP_REGISTRY, 'colombo-process', read.observations, { year: 2021 });
    expect(all.map((result) => result.domain)).toEqual([
      'ALLDOMAINS',
      'DOMAIN1',
      'DOMAIN2',
      'DOMAIN3',
      'DOMAIN4',
      'DOMAIN5',
      'DOMAIN6',
    ]);
    expect(all[3]?.percent).toBe(100);
  });
});

describe('partnershipGroups', () => {
  it('turns processes into user-defined groups that core geography accepts', async () => {
    const { createGeography } = await import('../../geography/geography.ts');
    const { partnershipGroups, processGroupId } = await import('./group-results.ts');
    const geography = createGeography({ groups: partnershipGroups(DEFAULT_PARTNERSHIP_REGISTRY) });
    expect(geography.areaMembers(processGroupId('colombo-process'), { asOf: 2021 })).toEqual([
      '4',
      '50',
      '116',
      '144',
      '156',
      '356',
      '360',
      '524',
      '586',
      '608',
      '704',
      '764',
    ]);
    expect(geography.areasContaining('144', { asOf: 2021 })).toEqual(
      expect.arrayContaining(['iscm-colombo-process', 'iscm-add']),
    );
  });
});

describe('memberCategories', () => {
  const obs = (
    area: string,
    year: number,
    value: Observation['value'],
    domain: Observation['domain'] = 'ALLDOMAINS',
  ): Observation => ({ series: 'SG_CPA_MIGRS', area, year, domain, value });
  it('takes the latest round any member has, and only members', () => {
    const observations = [
      obs('4', 2019, 2),
      obs('4', 2021, 3),
      obs('050', 2021, 'N'),
      obs('356', 2019, 4),
      obs('840', 2023, 4),
      obs('50', 2021, 1, 'DOMAIN1'),
    ];
    expect(memberCategories(['004', '50', '356'], observations)).toEqual({ year: 2021, values: { '4': 3, '50': 'N' } });
    expect(memberCategories(['76'], observations)).toBeUndefined();
  });
});
