import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readObservations } from '../formats/read-observations.ts';
import { formatIndicatorCsv } from './format-indicator-csv.ts';
import { readIndicatorDatasets } from './read-indicator-datasets.ts';
import { indicatorDatasetsOfObservations } from './observations-dataset.ts';
import { summariseDataset } from './chart-series.ts';
import { sharedData } from '../../../../test-support/shared-data.ts';

describe('indicatorDatasetsOfObservations', () => {
  it('keeps every value, label and attribute of hand-made observations, one dataset per series', () => {
    const datasets = indicatorDatasetsOfObservations([
      { series: 'SG_CPA_MIGRS', area: '4', year: 2019, domain: 'DOMAIN1', value: 3, nature: 'C', footnote: 'note' },
      {
        series: 'SG_CPA_MIGRP',
        area: '1',
        year: 2019,
        domain: 'ALLDOMAINS',
        value: 54.2,
        numerator: 60,
        denominator: 111,
      },
      {
        series: 'SG_CPA_MIGRS',
        area: '8',
        year: 2021,
        domain: 'ALLDOMAINS',
        value: 'N',
        source: 'Survey',
        timeDetail: '2020-2021',
      },
    ]);
    expect(datasets.map((dataset) => [dataset.indicator, dataset.series, dataset.unit])).toEqual([
      ['10.7.2', 'SG_CPA_MIGRS', 'NUMBER'],
      ['10.7.2', 'SG_CPA_MIGRP', 'PERCENT'],
    ]);
    expect(datasets[0]?.observations).toEqual([
      {
        area: '4',
        year: 2019,
        value: 3,
        dimensions: { POLICY_DOMAINS: 'DOMAIN1' },
        attributes: { NATURE: 'C', COMMENT_OBS: 'note' },
      },
      {
        area: '8',
        year: 2021,
        value: null,
        valueLabel: 'N',
        dimensions: { POLICY_DOMAINS: 'ALLDOMAINS' },
        attributes: { SOURCE_DETAIL: 'Survey', TIME_DETAIL: '2020-2021' },
      },
    ]);
  });

  it('turns the published SG_CPA_MIGRS file into a dataset that the indicator CSV writer and reader keep intact', () => {
    const path = sharedData('un-sdg-10-7-2/sg_cpa_migrs_by_country.ddf.csv');
    const read = readObservations({ name: path, bytes: readFileSync(path) });
    expect(read.problems).toEqual([]);
    const [dataset, ...rest] = indicatorDatasetsOfObservations(read.observations);
    expect(rest).toEqual([]);
    expect(dataset?.observations).toHaveLength(read.observations.length);
    const summary = summariseDataset(dataset!);
    expect(summary.years).toEqual([2019, 2021]);
    const back = readIndicatorDatasets({
      name: 'back.csv',
      bytes: new TextEncoder().encode(formatIndicatorCsv([dataset!])),
    });
    expect(back.problems).toEqual([]);
    expect(back.datasets).toEqual([dataset]);
  });
});
