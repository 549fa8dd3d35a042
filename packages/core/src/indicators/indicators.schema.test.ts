import { describe, expect, it } from 'vitest';
import { listIndicators } from './catalogue.ts';
import { chartSeries } from './chart-series.ts';
import { fixture } from './fixtures.test-helpers.ts';
import {
  chartSeriesOptionsSchema,
  chartSeriesSchema,
  indicatorDatasetSchema,
  indicatorDefinitionSchema,
} from './indicators.schema.ts';
import { readIndicatorDatasets } from './read-indicator-datasets.ts';

describe('indicator schemas', () => {
  it('accept every catalogue entry', () => {
    for (const indicator of listIndicators())
      expect(indicatorDefinitionSchema.safeParse(indicator).success, indicator.id).toBe(true);
  });

  it('accept what the readers and chartSeries give', () => {
    const datasets = readIndicatorDatasets(fixture('test-fixture-sdg-api-8-8-1.csv')).datasets;
    expect(datasets.length).toBeGreaterThan(0);
    for (const dataset of datasets) {
      expect(indicatorDatasetSchema.parse(dataset)).toEqual(dataset);
      expect(chartSeriesSchema.parse(chartSeries(dataset))).toEqual(chartSeries(dataset));
    }
  });

  it('refuse malformed datasets and chart requests with the path of the fault', () => {
    const bad = indicatorDatasetSchema.safeParse({
      indicator: '10.7.4',
      series: 'two words',
      observations: [{ area: '004', year: 2020, value: Number.NaN, dimensions: {}, attributes: {} }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'observations.0.area',
      'observations.0.value',
      'series',
    ]);
    expect(
      chartSeriesOptionsSchema.safeParse({ areas: ['4'], where: { SEX: ['F'] }, years: { min: 2015 } }).success,
    ).toBe(true);
    expect(chartSeriesOptionsSchema.safeParse({ areas: ['4'], colour: 'red' }).success).toBe(false);
  });
});
