import { describe, expect, it } from 'vitest';
import { chartSeries, summariseDataset } from './chart-series.ts';
import type { IndicatorDataset } from './dataset.ts';
import { fixture } from './fixtures.test-helpers.ts';
import { readIndicatorDatasets } from './read-indicator-datasets.ts';

function dataset(name: string, options: { indicator?: string; area?: string } = {}, index = 0): IndicatorDataset {
  const read = readIndicatorDatasets(fixture(name), options);
  expect(read.problems).toEqual([]);
  const found = read.datasets[index];
  if (!found) throw new Error(`no dataset ${index} in ${name}`);
  return found;
}

describe('chartSeries', () => {
  const injuries = dataset('test-fixture-sdg-api-8-8-1.csv');

  it('gives one line per area and disaggregation, points in year order, labelled by what varies', () => {
    const chart = chartSeries(injuries, { areas: ['40'] });
    expect(chart).toMatchObject({
      indicator: '8.8.1',
      series: 'SL_EMP_FTLINJUR',
      unit: 'PER_100000_EMP',
      varying: ['MIGRATORY_STATUS', 'SEX'],
    });
    expect(
      chart.lines.map((line) => [line.label, line.points.map((point) => `${point.year}:${point.value}`).join(' ')]),
    ).toEqual([
      ['MIGRATORY_STATUS=MIGRANT, SEX=FEMALE', '2019:0.2'],
      ['MIGRATORY_STATUS=MIGRANT, SEX=MALE', '2019:2.1 2020:1.9'],
      ['MIGRATORY_STATUS=NONMIGRANT, SEX=FEMALE', '2019:0.1'],
      ['MIGRATORY_STATUS=NONMIGRANT, SEX=MALE', '2019:1.4 2020:1.3'],
    ]);
    expect(chart.dimensions).toEqual({
      MIGRATORY_STATUS: ['MIGRANT', 'NONMIGRANT'],
      REPORTING_TYPE: ['G'],
      SEX: ['MALE', 'FEMALE'],
    });
  });

  it('filters by dimension codes and years; one remaining line has an empty label', () => {
    const chart = chartSeries(injuries, {
      where: { SEX: 'MALE', MIGRATORY_STATUS: ['MIGRANT'] },
      years: { min: 2020 },
    });
    expect(chart.varying).toEqual([]);
    expect(chart.lines).toEqual([
      {
        key: '40|MIGRATORY_STATUS=MIGRANT,REPORTING_TYPE=G,SEX=MALE',
        area: '40',
        dimensions: { MIGRATORY_STATUS: 'MIGRANT', REPORTING_TYPE: 'G', SEX: 'MALE' },
        label: '',
        points: [{ year: 2020, value: 1.9 }],
      },
    ]);
  });

  it('counts a dimension missing from some lines as varying, and orders areas by code', () => {
    const chart = chartSeries(injuries);
    expect(chart.varying).toEqual(['MIGRATORY_STATUS', 'SEX']);
    expect(chart.lines.map((line) => line.area)).toEqual(['40', '40', '40', '40', '752']);
    expect(chart.lines.at(-1)?.label).toBe('SEX=BOTHSEX');
  });

  it('keeps bounds and not-applicable values with their labels, so a chart can mark them', () => {
    const chart = chartSeries(dataset('test-fixture-sdg-api-10-7-4.csv'), { areas: ['36', '531'] });
    expect(chart.lines.map((line) => line.points)).toEqual([
      [{ year: 2022, value: 0.5, valueLabel: '<0.5' }],
      [{ year: 2022, value: null, valueLabel: 'N' }],
    ]);
  });

  it('splits a national file by sex with the total as its own line', () => {
    const chart = chartSeries(dataset('test-fixture-open-sdg-10-7-4.csv', { area: '124' }));
    expect(
      chart.lines.map((line) => `${line.label || 'total'}: ${line.points.map((point) => point.value).join(', ')}`),
    ).toEqual(['total: 12.4, 13', 'SEX=Female: 11.9, 12.2', 'SEX=Male: 12.9, 13.8']);
  });
});

describe('chartSeries titles', () => {
  const policies = (years: number[]): IndicatorDataset => ({
    indicator: '10.7.2',
    series: 'SG_CPA_MIGRS',
    observations: years.map((year) => ({ area: '4', year, value: 3, dimensions: {}, attributes: {} })),
  });

  it('gives the title versions in force during the years charted', () => {
    expect(chartSeries(policies([2019])).titles.map((version) => version.title)).toEqual([
      'Number of countries that have implemented well-managed migration policies',
    ]);
    expect(
      chartSeries(policies([2019, 2021, 2025])).titles.map((version) => version.title.split(' ').slice(0, 4).join(' ')),
    ).toEqual(['Number of countries that', 'Number of countries with', 'Proportion of countries with']);
    expect(chartSeries(policies([2021]), { years: { min: 2030 } }).titles).toEqual([]);
  });
});

describe('summariseDataset', () => {
  it('counts observations and areas, spans years and lists dimension codes', () => {
    expect(summariseDataset(dataset('test-fixture-sdg-api-8-8-1.csv'))).toEqual({
      indicator: '8.8.1',
      series: 'SL_EMP_FTLINJUR',
      unit: 'PER_100000_EMP',
      observations: 7,
      areas: 2,
      years: [2019, 2020],
      dimensions: {
        MIGRATORY_STATUS: ['MIGRANT', 'NONMIGRANT'],
        REPORTING_TYPE: ['G'],
        SEX: ['BOTHSEX', 'FEMALE', 'MALE'],
      },
    });
  });
});
