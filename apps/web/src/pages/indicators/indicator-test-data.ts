/** A small 8.8.1 dataset for tests of the indicator pages: values follow a formula, so tests know each one. */
import type { IndicatorDataset } from '@migov/core';

const TEST_AREAS = ['484', '76'] as const;
const TEST_YEARS = [2018, 2019, 2020, 2021] as const;
const SEXES = ['_T', 'F', 'M'];
const STATUSES = ['_T', 'MIGRANT', 'NONMIGRANT'];

/** The value for an area, year, sex and migratory status: area 484 starts at 2, 76 at 5; +0.5 a year; men +1; migrants +2, non-migrants −1. */
export function testValue(area: string, year: number, sex: string, status: string): number {
  return (
    (area === '484' ? 2 : 5) +
    0.5 * (year - 2018) +
    (sex === 'M' ? 1 : sex === '_T' ? 0.5 : 0) +
    (status === 'MIGRANT' ? 2 : status === 'NONMIGRANT' ? -1 : 0)
  );
}

export function testInjuryDataset(): IndicatorDataset {
  return {
    indicator: '8.8.1',
    series: 'SL_EMP_FTLINJUR',
    unit: 'PER_100000_EMP',
    seriesDescription: 'Fatal occupational injuries among employees, by sex and migrant status (test values)',
    observations: TEST_AREAS.flatMap((area) =>
      TEST_YEARS.flatMap((year) =>
        SEXES.flatMap((SEX) =>
          STATUSES.map((MIGRATORY_STATUS) => ({
            area,
            year,
            value: testValue(area, year, SEX, MIGRATORY_STATUS),
            dimensions: { SEX, MIGRATORY_STATUS },
            attributes: { SOURCE_DETAIL: 'test' },
          })),
        ),
      ),
    ),
  };
}

/** A small SG_CPA_MIGRS dataset (10.7.2 categories 1-4 by policy domain) for Mexico, 2019 and 2021. */
export function testCategoryDataset(): IndicatorDataset {
  const categories: Record<string, [number, number]> = { ALLDOMAINS: [1, 3], DOMAIN1: [2, 4], DOMAIN2: [1, 2] };
  return {
    indicator: '10.7.2',
    series: 'SG_CPA_MIGRS',
    unit: 'NUMBER',
    seriesDescription: 'Countries with migration policies, by policy domain (test values)',
    observations: Object.entries(categories).flatMap(([POLICY_DOMAINS, [first, second]]) => [
      { area: '484', year: 2019, value: first, dimensions: { POLICY_DOMAINS }, attributes: {} },
      { area: '484', year: 2021, value: second, dimensions: { POLICY_DOMAINS }, attributes: {} },
    ]),
  };
}
