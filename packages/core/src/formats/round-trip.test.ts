import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../observations/observation.ts';
import { POLICY_DOMAIN_CODES } from '../observations/observation.ts';
import { formatDdfCsv } from './ddf-csv.ts';
import { formatJson } from './json.ts';
import type { ObservationFormat } from './read-observations.ts';
import { readObservations } from './read-observations.ts';
import { formatSdgCsv } from './sdg-api-csv.ts';
import { formatSdmxCsv } from './sdmx-csv.ts';
import { formatSdmxMl } from './sdmx-ml.ts';

/** Free text that exercises quoting, escaping and formula neutralisation. */
const trickyText = fc.string({
  minLength: 1,
  maxLength: 24,
  unit: fc.constantFrom(
    'a',
    'Z',
    'é',
    'Č',
    ' ',
    ',',
    ';',
    '"',
    "'",
    '=',
    '+',
    '-',
    '@',
    '\t',
    '\n',
    '\r',
    '<',
    '>',
    '&',
    ':',
    '1',
    '€',
    '😀',
  ),
});

const observationArbitrary: fc.Arbitrary<Observation> = fc
  .record(
    {
      series: fc.constantFrom('SG_CPA_MIGRS' as const, 'SG_CPA_MIGRP' as const),
      area: fc.integer({ min: 1, max: 999 }).map(String),
      year: fc.integer({ min: 2015, max: 2100 }),
      domain: fc.constantFrom(...POLICY_DOMAIN_CODES),
      category: fc.constantFrom<1 | 2 | 3 | 4 | 'N'>(1, 2, 3, 4, 'N'),
      // Published percentages carry five decimals.
      percent: fc.oneof(
        fc.integer({ min: 0, max: 10_000_000 }).map((units) => units / 100_000),
        fc.constant('N' as const),
      ),
      counts: fc.option(
        fc
          .integer({ min: 1, max: 200 })
          .chain((denominator) => fc.tuple(fc.integer({ min: 0, max: denominator }), fc.constant(denominator))),
      ),
      timeDetail: fc.option(trickyText),
      nature: fc.option(fc.constantFrom('C', 'G', 'E', 'M', 'N')),
      source: fc.option(trickyText),
      footnote: fc.option(trickyText),
    },
    {
      requiredKeys: [
        'series',
        'area',
        'year',
        'domain',
        'category',
        'percent',
        'counts',
        'timeDetail',
        'nature',
        'source',
        'footnote',
      ],
    },
  )
  .map(({ series, area, year, domain, category, percent, counts, timeDetail, nature, source, footnote }) => {
    const observation: Observation = {
      series,
      area,
      year,
      domain,
      value: series === 'SG_CPA_MIGRS' ? category : percent,
    };
    if (timeDetail !== null) observation.timeDetail = timeDetail;
    if (nature !== null) observation.nature = nature;
    if (source !== null) observation.source = source;
    if (footnote !== null) observation.footnote = footnote;
    if (series === 'SG_CPA_MIGRP' && counts !== null) {
      [observation.numerator, observation.denominator] = counts;
      // The percentage follows from the counts, rounded as the UN publishes it.
      if (observation.value !== 'N') observation.value = Number(((100 * counts[0]) / counts[1]).toFixed(5));
    }
    return observation;
  });

const observationsArbitrary = fc.uniqueArray(observationArbitrary, {
  maxLength: 30,
  selector: (observation) => `${observation.series}|${observation.area}|${observation.year}|${observation.domain}`,
});

const byKey = (a: Observation, b: Observation) =>
  `${a.series}|${a.area.padStart(3, '0')}|${a.year}|${a.domain}`.localeCompare(
    `${b.series}|${b.area.padStart(3, '0')}|${b.year}|${b.domain}`,
  );

/** The observations as a format can carry them: without the fields it has no place for. */
function carried(observations: readonly Observation[], drop: readonly (keyof Observation)[]): Observation[] {
  return observations
    .map((observation) => {
      const copy = { ...observation };
      for (const field of drop) delete copy[field];
      return copy;
    })
    .sort(byKey);
}

const writers: {
  format: ObservationFormat;
  write: (observations: Observation[]) => string;
  drop: (keyof Observation)[];
}[] = [
  {
    format: 'sdg-api-csv',
    write: (observations) => formatSdgCsv(observations, { areaName: (m49) => `Area ${m49}` }),
    drop: [],
  },
  { format: 'sdmx-csv-1.0', write: (observations) => formatSdmxCsv(observations), drop: ['numerator', 'denominator'] },
  {
    format: 'sdmx-ml-structure-specific',
    write: (observations) => formatSdmxMl(observations, { prepared: '2026-01-01T00:00:00Z' }),
    drop: ['numerator', 'denominator'],
  },
  { format: 'migov-json', write: (observations) => formatJson(observations), drop: [] },
];

describe('writers and readers round-trip', () => {
  for (const { format, write, drop } of writers) {
    it(`reads back what ${format} writes (seeded random observations)`, () => {
      fc.assert(
        fc.property(
          observationsArbitrary.filter((observations) => observations.length > 0),
          (observations) => {
            const result = readObservations({ name: `out.${format}`, text: write(observations) });
            expect(result.problems).toEqual([]);
            expect(result.format).toBe(format);
            expect(carried(result.observations, [])).toEqual(carried(observations, drop));
          },
        ),
        { seed: 10_72, numRuns: 150 },
      );
    });
  }

  it('reads back what the DDF writer writes, one series per file', () => {
    fc.assert(
      fc.property(observationsArbitrary, (observations) => {
        for (const series of ['SG_CPA_MIGRS', 'SG_CPA_MIGRP'] as const) {
          const ofSeries = observations.filter((observation) => observation.series === series);
          if (ofSeries.length === 0) continue;
          const result = readObservations({ name: 'out.csv', text: formatDdfCsv(observations, series) });
          expect(result.problems).toEqual([]);
          expect(carried(result.observations, [])).toEqual(
            carried(ofSeries, ['timeDetail', 'source', 'footnote', 'numerator', 'denominator']),
          );
        }
      }),
      { seed: 2019, numRuns: 100 },
    );
  });
});
