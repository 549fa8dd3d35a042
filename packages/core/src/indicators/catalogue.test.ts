import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test-support/shared-data.ts';
import {
  currentTitle,
  findIndicator,
  findIndicatorOfSeries,
  getIndicator,
  IndicatorNotFoundError,
  INDICATOR_CATALOGUE,
  listIndicators,
  titleAt,
} from './catalogue.ts';

interface ReferenceRow {
  indicator: string;
  target: string;
  target_text: string;
  indicator_title: string;
  custodian_agencies: string;
  migration_relevance: string;
  tier_as_in_source_possibly_stale: string;
  title_source: string;
  custodian_source: string;
}
const reference = parse(readFileSync(sharedData('reference/sdg_migration_indicators.csv'), 'utf8'), {
  columns: true,
}) as ReferenceRow[];

describe('INDICATOR_CATALOGUE', () => {
  it('holds the 18 indicators of the reference table in its order, then the 3 computed from microdata, each id once', () => {
    expect(listIndicators().map((indicator) => indicator.id)).toEqual([
      ...reference.map((row) => row.indicator),
      '8.6.1',
      '8.5.2',
      '4.5.1',
    ]);
    expect(new Set(INDICATOR_CATALOGUE.map((indicator) => indicator.id)).size).toBe(21);
  });

  it.each(reference.map((row) => [row.indicator, row] as const))(
    'keeps the reference facts of %s with their sources',
    (id, row) => {
      const indicator = getIndicator(id);
      const fromTable = indicator.titles.filter((version) => version.source === row.title_source);
      expect(fromTable.map((version) => version.title)).toEqual([row.indicator_title]);
      expect(indicator.target).toBe(row.target);
      expect(indicator.goal).toBe(row.target.split('.')[0]);
      expect(indicator.targetText).toBe(row.target_text);
      expect(indicator.migrationRelevance).toBe(row.migration_relevance);
      expect(indicator.tier.asInSource).toBe(row.tier_as_in_source_possibly_stale);
      expect(indicator.custodianSource).toBe(row.custodian_source);
      expect([indicator.custodians.join('; '), indicator.custodianNote].filter(Boolean).join(' ')).toBe(
        row.custodian_agencies.replace(
          ' (per source; other partners UNVERIFIED)',
          ' UNSD per source; other partners UNVERIFIED',
        ),
      );
    },
  );

  it('flags what the reference table flags: the stale tier of 10.7.2, the unusable tier of 10.c.1, the unconfirmed partners of 17.18.1', () => {
    const flagged = INDICATOR_CATALOGUE.filter((indicator) => indicator.tier.status !== 'as-in-source').map(
      (indicator) => `${indicator.id}:${indicator.tier.status}`,
    );
    expect(flagged).toEqual(['10.7.2:stale', '10.c.1:unverified']);
    expect(getIndicator('10.c.1').tier.value).toBeNull();
    expect(getIndicator('17.18.1').custodianNote).toContain('UNVERIFIED');
  });

  it('orders title versions in time without gaps or overlaps, and explains every unverified one', () => {
    for (const indicator of listIndicators()) {
      const versions = indicator.titles;
      expect(versions.length).toBeGreaterThan(0);
      versions.forEach((version, index) => {
        const next = versions[index + 1];
        if (next) expect(version.until, `${indicator.id} version ${index}`).toBe(next.from);
        else expect(version.until, `${indicator.id} current version`).toBeUndefined();
        if (version.status === 'unverified') expect(version.note, `${indicator.id} version ${index}`).toBeTruthy();
      });
    }
  });

  it('lists each series code under one indicator at most', () => {
    const codes = INDICATOR_CATALOGUE.flatMap((indicator) => indicator.series.map((series) => series.code));
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('titleAt', () => {
  it.each([
    ['10.7.2', 2018, 'Number of countries that have implemented well-managed migration policies'],
    [
      '10.7.2',
      2021,
      'Number of countries with migration policies that facilitate orderly, safe, regular and responsible migration and mobility of people',
    ],
    [
      '10.7.2',
      2025,
      'Proportion of countries with migration policies that facilitate orderly, safe, regular and responsible migration and mobility of people',
    ],
    [
      '10.7.1',
      2019,
      'Recruitment cost borne by employee as a proportion of yearly income earned in country of destination',
    ],
    [
      '10.7.1',
      2030,
      'Recruitment cost borne by employee as a proportion of monthly income earned in country of destination',
    ],
    ['10.c.1', 2016, 'Remittance costs as a proportion of the amount remitted'],
  ])('gives %s in %i the wording in force', (id, year, title) => {
    expect(titleAt(getIndicator(id), year)?.title).toBe(title);
  });

  it('gives nothing for a year before an indicator existed', () => {
    expect(titleAt(getIndicator('10.7.3'), 2019)).toBeUndefined();
    expect(titleAt(getIndicator('10.7.3'), 2020)?.title).toMatch(/^Number of people who died or disappeared/);
  });

  it('takes the last version as the current title', () => {
    expect(currentTitle(getIndicator('10.7.2')).title).toMatch(/^Proportion of countries/);
  });
});

describe('findIndicator and getIndicator', () => {
  it('accept ids as users write them', () => {
    expect(findIndicator('10.C.1')?.id).toBe('10.c.1');
    expect(findIndicator(' SDG 10.7.2 ')?.id).toBe('10.7.2');
    expect(findIndicator('10.7.9')).toBeUndefined();
  });

  it('getIndicator names the catalogue when the id is unknown', () => {
    expect(() => getIndicator('1.1.1')).toThrow(IndicatorNotFoundError);
    expect(() => getIndicator('1.1.1')).toThrow(/unknown indicator: 1\.1\.1 \(the catalogue holds 10\.7\.1, 10\.7\.2/);
  });

  it('findIndicatorOfSeries finds the indicator of a listed series in any case', () => {
    expect(findIndicatorOfSeries('sm_pop_refg_or')?.id).toBe('10.7.4');
    expect(findIndicatorOfSeries('SG_CPA_MIGRP')?.id).toBe('10.7.2');
    expect(findIndicatorOfSeries('SL_EMP_FTLINJUR')).toBeUndefined();
  });
});
