import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INDICATOR_CATALOGUE } from './catalogue.ts';
import type { IndicatorDataset, IndicatorObservation } from './dataset.ts';
import { fixture } from './fixtures.test-helpers.ts';
import { formatIndicatorCsv } from './format-indicator-csv.ts';
import { readIndicatorDatasets } from './read-indicator-datasets.ts';

const FIXTURES: [string, { indicator?: string; area?: string }][] = [
  ['test-fixture-sdg-api-8-8-1.csv', {}],
  ['test-fixture-sdg-api-10-7-4.csv', {}],
  ['test-fixture-sdmx-csv-8-8-1.csv', { indicator: '8.8.1' }],
  ['test-fixture-sdmx-ml-8-8-1.xml', { indicator: '8.8.1' }],
  ['test-fixture-sdmx-ml-generic-10-c-1.xml', {}],
  ['test-fixture-open-sdg-10-7-4.csv', { area: '124' }],
];

describe('formatIndicatorCsv', () => {
  it.each(FIXTURES)('writes what reads back to the same datasets: %s', (name, options) => {
    const read = readIndicatorDatasets(fixture(name), options);
    expect(read.problems).toEqual([]);
    const again = readIndicatorDatasets({ name: 'export.csv', text: formatIndicatorCsv(read.datasets) });
    expect(again.problems).toEqual([]);
    expect(again.format).toBe('sdg-api-csv');
    expect(again.datasets).toEqual(read.datasets);
  });

  it('writes the SDG API layout with goal, target, area names, bracketed dimensions and SDG API attribute names', () => {
    const read = readIndicatorDatasets(fixture('test-fixture-sdmx-ml-generic-10-c-1.xml'));
    const csv = formatIndicatorCsv(read.datasets, { areaName: (m49) => (m49 === '50' ? 'Bangladesh' : undefined) });
    expect(csv.split('\r\n').slice(0, 2)).toEqual([
      'Goal,Target,Indicator,SeriesCode,SeriesDescription,GeoAreaCode,GeoAreaName,TimePeriod,Value,[Units],[REPORTING_TYPE],[Nature],Source',
      '10,10.c,10.c.1,SI_RMT_COST,,50,Bangladesh,2020,4.21,PERCENT,G,C,TEST FIXTURE: invented values & more',
    ]);
  });

  it('neutralises text cells that a spreadsheet would run as formulas, and writes negative numbers as numbers', () => {
    const dataset: IndicatorDataset = {
      indicator: '17.3.2',
      series: 'BX_TRF_PWKR',
      unit: 'PERCENT',
      observations: [
        {
          area: '4',
          year: 2020,
          value: -1.5,
          dimensions: { SEX: '=1+1' },
          attributes: { COMMENT_OBS: '=HYPERLINK("http://example.invalid")', SOURCE_DETAIL: '@SUM(A1)' },
        },
      ],
    };
    const csv = formatIndicatorCsv([dataset]);
    const row = csv.split('\r\n')[1] ?? '';
    expect(row).toContain(",-1.5,PERCENT,'=1+1,");
    expect(row).toContain(`"'=HYPERLINK(""http://example.invalid"")"`);
    expect(row).toContain("'@SUM(A1)");
    expect(readIndicatorDatasets({ name: 'x.csv', text: csv }).datasets).toEqual([dataset]);
  });

  it('reads back what it writes (seeded random datasets)', () => {
    const text = fc
      .string({
        minLength: 1,
        maxLength: 16,
        unit: fc.constantFrom(
          'a',
          'Z',
          'é',
          ' ',
          ',',
          ';',
          '"',
          "'",
          '=',
          '+',
          '-',
          '@',
          '\n',
          '<',
          '&',
          ':',
          '1',
          '😀',
        ),
      })
      .filter((value) => value.trim() !== '');
    const code = fc
      .string({
        minLength: 1,
        maxLength: 8,
        unit: fc.constantFrom('A', 'F', 'M', '_', 'T', '1', '5', '+', '-', '=', '<', '@'),
      })
      .filter((value) => value.trim() === value);
    const observation: fc.Arbitrary<IndicatorObservation> = fc
      .record({
        area: fc.integer({ min: 1, max: 999 }).map(String),
        year: fc.integer({ min: 1990, max: 2100 }),
        reading: fc.oneof(
          fc
            .double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true })
            .map((value) => ({ value: Object.is(value, -0) ? 0 : value })),
          fc.constant({ value: null, valueLabel: 'N' }),
          fc.integer({ min: 0, max: 1000 }).map((bound) => ({ value: bound / 10, valueLabel: `<${bound / 10}` })),
        ),
        dimensions: fc.dictionary(fc.constantFrom('SEX', 'AGE', 'MIGRATORY_STATUS', 'URBANISATION'), code),
        attributes: fc.dictionary(fc.constantFrom('COMMENT_OBS', 'SOURCE_DETAIL', 'NATURE', 'OBS_NOTE'), text),
      })
      .map(({ reading, ...rest }) => ({ ...rest, ...reading }));
    const dataset = fc.record({
      indicator: fc.constantFrom(...INDICATOR_CATALOGUE.map((indicator) => indicator.id)),
      unit: fc.option(fc.constantFrom('PERCENT', 'NUMBER', 'PER_100000_POP'), { nil: undefined }),
      seriesDescription: fc.option(
        text.map((value) => value.trim()).filter((value) => value !== ''),
        { nil: undefined },
      ),
      observations: fc.uniqueArray(observation, {
        minLength: 1,
        maxLength: 8,
        selector: (item) => `${item.area}|${item.year}|${Object.entries(item.dimensions).sort().join(';')}`,
      }),
    });
    fc.assert(
      fc.property(fc.array(dataset, { minLength: 1, maxLength: 3 }), (generated) => {
        // Distinct series keep datasets apart; key order is what the reader gives (sorted).
        const datasets: IndicatorDataset[] = generated.map((entry, index) => ({
          indicator: entry.indicator,
          series: `SERIES_${index}`,
          ...(entry.unit !== undefined ? { unit: entry.unit } : {}),
          ...(entry.seriesDescription !== undefined ? { seriesDescription: entry.seriesDescription } : {}),
          observations: entry.observations.map((item) => ({
            ...item,
            dimensions: sorted(item.dimensions),
            attributes: sorted(item.attributes),
          })),
        }));
        const again = readIndicatorDatasets({ name: 'random.csv', text: formatIndicatorCsv(datasets) });
        expect(again.problems).toEqual([]);
        expect(again.datasets).toEqual(datasets);
      }),
      { seed: 8_8_1, numRuns: 150 },
    );
  });
});

function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, record[key] as string]),
  );
}
