import { describe, expect, it } from 'vitest';
import { formatCsv, formatSdmxCsv, toChartTable } from './format-output.ts';
import type { Tabulation } from './estimate.ts';
import { INDICATORS, parseDimensions } from './indicators.ts';

const tabulation: Tabulation = {
  indicator: INDICATORS.neet,
  by: ['migratory-status'],
  status: 'birth',
  variance: 'taylor',
  confidenceLevel: 0.95,
  minN: 30,
  cells: [
    {
      indicator: 'neet',
      series: 'SL_TLF_NEET',
      unit: 'PT',
      separate: {},
      migratoryStatus: 'foreign-born',
      sex: '_T',
      ageGroup: '_T',
      estimate: 25.5,
      standardError: 1.25,
      lower: 23.05,
      upper: 27.95,
      n: 400,
      weightedDenominator: 12000,
      status: 'estimated',
    },
    {
      indicator: 'neet',
      series: 'SL_TLF_NEET',
      unit: 'PT',
      separate: {},
      migratoryStatus: 'native-born',
      sex: '_T',
      ageGroup: '_T',
      estimate: null,
      standardError: null,
      lower: null,
      upper: null,
      n: 12,
      weightedDenominator: 300,
      status: 'suppressed',
      note: 'unweighted n = 12 < 30',
    },
  ],
};

describe('formatCsv', () => {
  it('writes one row per cell with empty estimates for suppressed cells', () => {
    expect(formatCsv(tabulation).split('\n')).toEqual([
      'indicator,migratory_status,sex,age_group,estimate,standard_error,lower,upper,n,weighted_denominator,status,note',
      'neet,foreign-born,_T,_T,25.5,1.25,23.05,27.95,400,12000,estimated,',
      'neet,native-born,_T,_T,,,,,12,300,suppressed,unweighted n = 12 < 30',
      '',
    ]);
  });
});

describe('formatSdmxCsv', () => {
  it('marks suppressed cells as missing with the reason', () => {
    const lines = formatSdmxCsv(tabulation, { area: '999', period: '2026' }).trim().split('\n');
    expect(lines[0]).toBe(
      'DATAFLOW,SERIES,REF_AREA,TIME_PERIOD,MIGRATORY_STATUS,SEX,AGE,OBS_VALUE,UNIT_MEASURE,LOWER_BOUND,UPPER_BOUND,STANDARD_ERROR,UNWEIGHTED_N,OBS_STATUS,COMMENT_OBS',
    );
    expect(lines[1]).toBe(
      'MIGOV:DF_MICRODATA(1.0),SL_TLF_NEET,999,2026,foreign-born,_T,_T,25.5,PT,23.05,27.95,1.25,400,A,',
    );
    expect(lines[2]).toBe(
      'MIGOV:DF_MICRODATA(1.0),SL_TLF_NEET,999,2026,native-born,_T,_T,,PT,,,,12,O,unweighted n = 12 < 30',
    );
  });
});

describe('toChartTable', () => {
  it('carries indicator metadata, labelled columns and the cells', () => {
    const table = toChartTable(tabulation);
    expect(table.indicator).toEqual({
      id: 'neet',
      sdg: '8.6.1',
      series: 'SL_TLF_NEET',
      title: INDICATORS.neet.title,
      unit: 'PT',
    });
    expect(table.columns.find((column) => column.key === 'lower')?.label).toBe('Lower 95% bound');
    expect(JSON.parse(JSON.stringify(table)).rows).toHaveLength(2);
  });
});

describe('parseDimensions', () => {
  it('parses a comma-separated list and refuses unknown or repeated names', () => {
    expect(parseDimensions('migratory-status, sex')).toEqual(['migratory-status', 'sex']);
    expect(() => parseDimensions('sex,region')).toThrow(
      'invalid dimension: region (known: migratory-status, sex, age-group)',
    );
    expect(() => parseDimensions('sex,sex')).toThrow('invalid dimension: sex (given twice)');
  });
});
