// Problems of the SDG API JSON, SDMX-JSON and JSON table readers: each names its record and field.
import { describe, expect, it } from 'vitest';
import { readObservations } from './read-observations.ts';

const read = (document: unknown, options = {}) =>
  readObservations({ name: 'answer.json', text: JSON.stringify(document) }, options);
const record = (extra: Record<string, unknown>) => ({
  series: 'SG_CPA_MIGRS',
  geoAreaCode: '4',
  timePeriodStart: 2021,
  value: '3',
  dimensions: { 'Policy Domains': 'ALLDOMAINS', 'Reporting Type': 'G' },
  ...extra,
});

describe('SDG API JSON', () => {
  it('refuses a breakdown 10.7.2 does not have, and checks values and units like every reader', () => {
    const result = read({
      data: [
        record({ dimensions: { 'Policy Domains': 'DOMAIN1', Sex: 'FEMALE' } }),
        record({ value: '7' }),
        record({ attributes: { Units: 'PERCENT' }, timePeriodStart: 2019 }),
      ],
    });
    expect(result.format).toBe('sdg-api-json');
    expect(result.observations).toEqual([]);
    expect(result.problems).toEqual([
      {
        file: 'answer.json',
        row: 1,
        column: 'dimensions.Sex',
        value: 'FEMALE',
        message:
          'dimension "Sex" breaks the data down, which SDG 10.7.2 does not (its dimensions are Policy Domains and Reporting Type)',
      },
      {
        file: 'answer.json',
        row: 2,
        column: 'value',
        value: '7',
        message: 'SG_CPA_MIGRS values are the categories 1, 2, 3 or 4 (or N)',
      },
      {
        file: 'answer.json',
        row: 3,
        column: 'attributes.Units',
        value: 'PERCENT',
        message: 'unit PERCENT does not match series SG_CPA_MIGRS, whose unit is NUMBER',
      },
    ]);
  });

  it('reads the data array alone, and skips placeholders', () => {
    const result = read([record({}), record({ timePeriodStart: 2019, value: '..' })]);
    expect(result.problems).toEqual([]);
    expect(result.observations).toEqual([
      { series: 'SG_CPA_MIGRS', area: '4', year: 2021, domain: 'ALLDOMAINS', value: 3 },
    ]);
    expect(result.skipped).toEqual([
      {
        file: 'answer.json',
        row: 2,
        column: 'value',
        value: '..',
        message: 'skipped: ".." marks a value not reported',
      },
    ]);
  });
});

describe('SDMX-JSON', () => {
  const structure = {
    dimensions: {
      series: [
        { id: 'SERIES', values: [{ id: 'SG_CPA_MIGRS' }] },
        { id: 'REF_AREA', values: [{ id: '4' }] },
        { id: 'COMPOSITE_BREAKDOWN', values: [{ id: '_T' }] },
      ],
      observation: [{ id: 'TIME_PERIOD', values: [{ id: '2021' }] }],
    },
    attributes: { series: [], observation: [] },
  };

  it('names a key that does not fit the structure', () => {
    const result = read({
      dataSets: [
        {
          series: {
            '0:0:0': { observations: { '0': ['3'] } },
            '0:1:0': { observations: { '0': ['3'] } },
            '0:0': { observations: { '0': ['3'] } },
          },
        },
      ],
      structure,
    });
    expect(result.format).toBe('sdmx-json');
    expect(result.problems).toEqual([
      {
        file: 'answer.json',
        row: 2,
        column: 'REF_AREA',
        value: '0:1:0',
        message: 'key "0:1:0": position 1 of REF_AREA has no code in the structure',
      },
      {
        file: 'answer.json',
        row: 2,
        value: '0:0',
        message: 'key "0:0" has 2 positions; the structure has 3 dimensions here',
      },
    ]);
  });

  it('refuses a message without a structure', () => {
    expect(read({ data: { dataSets: [{ series: {} }] } }).problems).toEqual([
      {
        file: 'answer.json',
        column: 'dataSets[0]',
        message:
          'the message has no "structure" (or "structures") describing its dimensions: it cannot be read without one',
      },
    ]);
  });
});

describe('JSON tables', () => {
  it('says when a table holds nothing it can read as 10.7.2', () => {
    expect(read({ name: ['a', 'b'], colour: ['red', 'blue'] }).problems[0]?.message).toMatch(
      /^a JSON table whose columns \(name, colour\) hold no 10\.7\.2 data that can be recognised/,
    );
  });
});

describe('placeholders in the SDG API CSV and SDMX-CSV', () => {
  it('skips and reports values not reported, and reads the rest', () => {
    const api = readObservations({
      name: 'api.csv',
      text: 'SeriesCode,GeoAreaCode,TimePeriod,Value,[Policy Domains]\nSG_CPA_MIGRS,4,2021,3,ALLDOMAINS\nSG_CPA_MIGRS,4,2023,,ALLDOMAINS\nSG_CPA_MIGRS,4,2023,NaN,DOMAIN1\n',
    });
    expect(api.problems).toEqual([]);
    expect(api.observations).toHaveLength(1);
    expect(api.skipped.map((entry) => `${entry.row} ${entry.column} ${entry.message}`)).toEqual([
      '3 Value skipped: no value (not reported)',
      '4 Value skipped: "NaN" marks a value not reported',
    ]);
    const sdmx = readObservations({
      name: 'sdmx.csv',
      text: 'DATAFLOW,SERIES,REF_AREA,COMPOSITE_BREAKDOWN,TIME_PERIOD,OBS_VALUE,OBS_STATUS\nIAEG-SDGs:DF_SDG_GLH,SG_CPA_MIGRS,4,_T,2021,3,A\nIAEG-SDGs:DF_SDG_GLH,SG_CPA_MIGRS,4,_T,2023,NaN,M\n',
    });
    expect(sdmx.problems).toEqual([]);
    expect(sdmx.observations).toHaveLength(1);
    expect(sdmx.skipped).toEqual([
      {
        file: 'sdmx.csv',
        row: 3,
        column: 'OBS_VALUE',
        value: 'NaN',
        message: 'skipped: "NaN" marks a value not reported',
      },
    ]);
  });
});
