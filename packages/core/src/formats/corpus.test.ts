// The corpus of national 10.7.2 layouts (corpus/): each file as statistics offices and aggregators
// publish them, in their own headers, labels, languages and periods, asserted to import to the right
// areas, years, domains and values, or to be refused with the mapping that would settle it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../observations/observation.ts';
import { defaultGeography } from '../geography/geography.ts';
import type { ReadObservationsOptions, ReadObservationsResult } from './read-observations.ts';
import { readObservations } from './read-observations.ts';
import { parseLabelMapping } from './label-mapping.ts';

const geography = {
  isKnownArea: (code: string) => defaultGeography.findArea(code) !== undefined,
  resolveArea: (code: string) => defaultGeography.findArea(code)?.code,
};

function read(name: string, options: ReadObservationsOptions = {}): ReadObservationsResult {
  const bytes = new Uint8Array(readFileSync(new URL(`./corpus/${name}`, import.meta.url)));
  return readObservations({ name, bytes }, { ...geography, ...options });
}

/** "SERIES AREA YEAR DOMAIN VALUE", sorted. */
const tuples = (observations: readonly Observation[]) =>
  observations.map((o) => `${o.series} ${o.area} ${o.year} ${o.domain} ${o.value}`).sort();
const DOMAINS = ['ALLDOMAINS', 'DOMAIN1', 'DOMAIN2', 'DOMAIN3', 'DOMAIN4', 'DOMAIN5', 'DOMAIN6'] as const;
/** The seven observations of one country, year and series, in domain order (total first). */
const seven = (area: string, year: number, values: readonly (number | string)[], series = 'SG_CPA_MIGRS') =>
  values
    .map((value, index) => `${series} ${area} ${year} ${DOMAINS[index]} ${value}`)
    .filter((entry) => !entry.endsWith(' -'));

interface Case {
  file: string;
  options?: ReadObservationsOptions;
  format: ReadObservationsResult['format'];
  expected: string[];
  skipped?: number;
}

const IMPORTED: Case[] = [
  // The policy-domain column under the platform's own header and labels, comments beside the data, a round not yet reported.
  {
    file: 'en-policy-area-comments.csv',
    options: { area: '124' },
    format: 'open-sdg-long',
    expected: seven('124', 2021, [3, 3, 4, 4, 2, 3, 4]),
    skipped: 2,
  },
  // French: "(1) Droits des migrants", rounds "2018/2019" (UN round 2019), placeholders ".", "-", "n/a" for the next round.
  {
    file: 'fr-domaine-rounds.csv',
    options: { area: '250' },
    format: 'open-sdg-long',
    expected: seven('250', 2019, [2, 2, 3, 3, 2, 3, 4]),
    skipped: 3,
  },
  // Spanish, semicolons: "1. Derechos de los migrantes", "Todos los ámbitos", source and notes columns.
  {
    file: 'es-ambito-semicolon.csv',
    options: { area: '724' },
    format: 'open-sdg-long',
    expected: seven('724', 2021, [3, 3, 3, 4, 2, 3, 4]),
  },
  // Russian domain names in the platform's own wording, round "2020-2021" (UN round 2021).
  {
    file: 'ru-sfera-rounds.csv',
    options: { area: '643' },
    format: 'open-sdg-long',
    expected: seven('643', 2021, [3, 2, 3, 4, 3, 3, 4]),
  },
  // Arabic headers and "المجال 1: …" labels.
  {
    file: 'ar-majal.csv',
    options: { area: '818' },
    format: 'open-sdg-long',
    expected: seven('818', 2019, [2, 2, 2, 3, 2, 3, 3]),
  },
  // Croatian long file: "Područje politike", an empty domain for the total, round 2020/2021.
  {
    file: 'hr-podrucje-long.csv',
    options: { area: '191' },
    format: 'open-sdg-long',
    expected: seven('191', 2021, [3, 3, 2, 3, 3, 3, 4]),
  },
  // German wide file: "Insgesamt", "Bereich 1: …"; an empty row for a round not yet reported.
  {
    file: 'de-wide-bereiche.csv',
    options: { area: '276' },
    format: 'open-sdg-wide',
    expected: [...seven('276', 2019, [3, 3, 4, 4, 3, 3, 4]), ...seven('276', 2021, [4, 4, 4, 4, 4, 3, 4])],
    skipped: 7,
  },
  // Portuguese domain names alone, no numbers.
  {
    file: 'pt-names-only.csv',
    options: { area: '620' },
    format: 'open-sdg-long',
    expected: seven('620', 2021, [2, 2, 2, 3, 2, 2, 3]),
  },
  // The six domain rows and no total row.
  {
    file: 'en-six-domains-no-total.csv',
    options: { area: '484' },
    format: 'open-sdg-long',
    expected: seven('484', 2019, ['-', 2, 3, 3, 2, 3, 4]),
  },
  // The total row alone, the series given by the indicator's 2020 title.
  {
    file: 'en-total-only-title-series.csv',
    options: { area: '124' },
    format: 'open-sdg-long',
    expected: ['SG_CPA_MIGRS 124 2019 ALLDOMAINS 2', 'SG_CPA_MIGRS 124 2021 ALLDOMAINS 3'],
  },
  // Italian: the total alone, an "Indicatore" column holding a national title of 10.7.2.
  {
    file: 'it-total-only.csv',
    options: { area: '380' },
    format: 'open-sdg-long',
    expected: ['SG_CPA_MIGRS 380 2019 ALLDOMAINS 3', 'SG_CPA_MIGRS 380 2021 ALLDOMAINS 3'],
  },
  // Open SDG with SDMX column names, the series by its full UN description, metadata columns.
  {
    file: 'en-open-sdg-sdmx-columns.csv',
    options: { area: '124' },
    format: 'open-sdg-long',
    expected: [
      'SG_CPA_MIGRS 124 2021 ALLDOMAINS 4',
      'SG_CPA_MIGRS 124 2021 DOMAIN1 3',
      'SG_CPA_MIGRS 124 2021 DOMAIN6 4',
    ],
  },
  // The 2025 and 2017 titles of the indicator in an "Indicator" column.
  {
    file: 'en-proportion-title-2025.csv',
    options: { area: '554' },
    format: 'open-sdg-long',
    expected: [
      'SG_CPA_MIGRS 554 2021 ALLDOMAINS 3',
      'SG_CPA_MIGRS 554 2021 DOMAIN3 4',
      'SG_CPA_MIGRS 554 2021 DOMAIN5 2',
    ],
  },
  // Every placeholder: "..", ".", "-", "n/a", "NA", empty, "…".
  {
    file: 'en-placeholders.csv',
    options: { area: '36' },
    format: 'open-sdg-long',
    expected: ['SG_CPA_MIGRS 36 2019 ALLDOMAINS 3', 'SG_CPA_MIGRS 36 2019 DOMAIN1 3'],
    skipped: 7,
  },
  // Aggregator export: one row per country and year, a column per series and domain ("SG_CPA_MIGRS_DOMAIN3").
  {
    file: 'aggregator-series-domain-codes.csv',
    format: 'country-year-wide',
    expected: [
      ...seven('484', 2019, [3, 3, 3, 4, 2, 3, 4]),
      ...seven('484', 2021, [3, 3, 4, 4, 3, 3, 4]),
      ...seven('504', 2019, [2, 2, 2, 3, 2, 2, 3]),
    ],
    skipped: 7,
  },
  // Aggregator export with "10.7.2 - Domain 3 (Cooperation and partnerships)" headers and an unnamed code column.
  {
    file: 'aggregator-indicator-domain-names.csv',
    format: 'country-year-wide',
    expected: [...seven('688', 2021, [4, 3, 4, 4, 3, 3, 4]), ...seven('620', 2021, [4, 4, 4, 4, 4, 3, 4])],
  },
  // Columns recognised by their values alone: Spanish and Croatian headers that say nothing.
  {
    file: 'es-recognised-by-values.csv',
    options: { area: '152' },
    format: 'open-sdg-long',
    expected: seven('152', 2021, [2, 2, 3, 3, 1, 2, 3]),
  },
  {
    file: 'hr-recognised-by-values.csv',
    options: { area: '70' },
    format: 'open-sdg-long',
    expected: seven('70', 2019, [2, 2, 3, 3, 2, 2, 3]),
  },
  // Italian: one column per year.
  {
    file: 'it-year-columns.csv',
    options: { area: '380' },
    format: 'open-sdg-wide',
    expected: [...seven('380', 2019, [3, 3, 3, 4, 2, 3, 4]), ...seven('380', 2021, [3, 3, 4, 4, 3, 3, 4])],
  },
  // Open SDG's GeoCode column left empty on national rows.
  {
    file: 'en-geocode-empty.csv',
    options: { area: '826' },
    format: 'open-sdg-long',
    expected: [
      'SG_CPA_MIGRS 826 2019 ALLDOMAINS 2',
      'SG_CPA_MIGRS 826 2019 DOMAIN1 2',
      'SG_CPA_MIGRS 826 2019 DOMAIN2 3',
      'SG_CPA_MIGRS 826 2021 ALLDOMAINS 3',
      'SG_CPA_MIGRS 826 2021 DOMAIN1 3',
      'SG_CPA_MIGRS 826 2021 DOMAIN2 3',
    ],
  },
  // Spanish: periods written "Ronda 2019", categories written in words.
  {
    file: 'es-rounds-categories-in-words.csv',
    options: { area: '170' },
    format: 'open-sdg-long',
    expected: [
      'SG_CPA_MIGRS 170 2019 ALLDOMAINS 2',
      'SG_CPA_MIGRS 170 2019 DOMAIN1 3',
      'SG_CPA_MIGRS 170 2019 DOMAIN6 4',
      'SG_CPA_MIGRS 170 2021 ALLDOMAINS 3',
      'SG_CPA_MIGRS 170 2021 DOMAIN1 1',
    ],
  },
  // The headline row named by the series code in a domain column recognised by its values.
  {
    file: 'en-headline-named-by-series.csv',
    options: { area: '826' },
    format: 'open-sdg-long',
    expected: seven('826', 2021, [3, 3, 4, 4, 3, 2, 4]),
  },
  // French: the six domain rows without a total, the series by a French title of the indicator.
  {
    file: 'fr-six-domains-title-series.csv',
    options: { area: '686' },
    format: 'open-sdg-long',
    expected: seven('686', 2021, ['-', 3, 2, 3, 2, 3, 3]),
  },
  // Russian wide file: six domain columns, no total.
  {
    file: 'ru-wide-six-no-total.csv',
    options: { area: '398' },
    format: 'open-sdg-wide',
    expected: [...seven('398', 2019, ['-', 2, 3, 3, 2, 3, 4]), ...seven('398', 2021, ['-', 3, 3, 4, 2, 3, 4])],
  },
  // Spanish: the total alone, an "Indicador" column holding the Spanish title.
  {
    file: 'es-total-only-title.csv',
    options: { area: '218' },
    format: 'open-sdg-long',
    expected: ['SG_CPA_MIGRS 218 2019 ALLDOMAINS 2', 'SG_CPA_MIGRS 218 2021 ALLDOMAINS 3'],
  },
  // Aggregator exports in French and Spanish (semicolons), a country whose round is not yet reported.
  {
    file: 'fr-aggregator-domaines.csv',
    format: 'country-year-wide',
    expected: [...seven('686', 2021, [3, 3, 2, 3, 2, 3, 3]), ...seven('504', 2021, [3, 3, 3, 4, 3, 3, 4])],
    skipped: 7,
  },
  {
    file: 'es-aggregator-series-codes.csv',
    format: 'country-year-wide',
    expected: [...seven('170', 2019, [3, 3, 3, 4, 2, 3, 4]), ...seven('218', 2019, [2, 2, 2, 3, 2, 2, 3])],
  },
  // A portal's export with a title above the header and notes below the data.
  {
    file: 'en-portal-export-title-and-notes.csv',
    options: { area: '360' },
    format: 'open-sdg-long',
    expected: [
      'SG_CPA_MIGRS 360 2021 ALLDOMAINS 3',
      'SG_CPA_MIGRS 360 2021 DOMAIN1 3',
      'SG_CPA_MIGRS 360 2021 DOMAIN2 4',
    ],
  },
  // Columns that only repeat what others say: a reporting period beside the year, a domain code beside its label, a constant data type.
  {
    file: 'en-redundant-columns.csv',
    options: { area: '124' },
    format: 'open-sdg-long',
    expected: [
      'SG_CPA_MIGRS 124 2019 ALLDOMAINS 3',
      'SG_CPA_MIGRS 124 2019 DOMAIN1 3',
      'SG_CPA_MIGRS 124 2019 DOMAIN2 2',
      'SG_CPA_MIGRS 124 2021 ALLDOMAINS 3',
      'SG_CPA_MIGRS 124 2021 DOMAIN1 4',
      'SG_CPA_MIGRS 124 2021 DOMAIN2 3',
    ],
  },
  // Portuguese: a category column in words beside the value; Spanish percentages of a region with decimal commas.
  {
    file: 'pt-value-and-category-decimal-comma.csv',
    options: { area: '620' },
    format: 'open-sdg-long',
    expected: [
      'SG_CPA_MIGRS 620 2021 ALLDOMAINS 3',
      'SG_CPA_MIGRS 620 2021 DOMAIN1 2',
      'SG_CPA_MIGRS 620 2021 DOMAIN2 4',
    ],
  },
  {
    file: 'es-percentages-decimal-comma.csv',
    options: { area: '419' },
    format: 'open-sdg-long',
    expected: ['SG_CPA_MIGRP 419 2021 ALLDOMAINS 62.3', 'SG_CPA_MIGRP 419 2021 DOMAIN1 61.6'],
  },
  // The domain inside the series code, in a series column and in a column recognised by its values.
  {
    file: 'en-series-codes-with-domains.csv',
    options: { area: '124' },
    format: 'open-sdg-long',
    expected: [
      'SG_CPA_MIGRS 124 2021 ALLDOMAINS 3',
      'SG_CPA_MIGRS 124 2021 DOMAIN1 3',
      'SG_CPA_MIGRS 124 2021 DOMAIN2 4',
      'SG_CPA_MIGRS 124 2021 DOMAIN3 4',
    ],
  },
  {
    file: 'en-region-percentages-by-series-code.csv',
    options: { area: '1' },
    format: 'open-sdg-long',
    expected: [
      'SG_CPA_MIGRP 1 2021 ALLDOMAINS 62.31884',
      'SG_CPA_MIGRP 1 2021 DOMAIN1 61.5942',
      'SG_CPA_MIGRP 1 2021 DOMAIN6 80.43478',
    ],
  },
  // Open SDG's JSON data (one array per column), its combined file in Portuguese with rounds not yet reported, and a portal's record list in German.
  {
    file: 'open-sdg-columns.json',
    options: { area: '124' },
    format: 'open-sdg-json',
    expected: [
      'SG_CPA_MIGRS 124 2019 ALLDOMAINS 3',
      'SG_CPA_MIGRS 124 2019 DOMAIN1 3',
      'SG_CPA_MIGRS 124 2019 DOMAIN2 4',
      'SG_CPA_MIGRS 124 2021 ALLDOMAINS 4',
      'SG_CPA_MIGRS 124 2021 DOMAIN1 4',
      'SG_CPA_MIGRS 124 2021 DOMAIN2 4',
    ],
  },
  {
    file: 'open-sdg-comb-pt.json',
    options: { area: '76' },
    format: 'open-sdg-json',
    expected: ['SG_CPA_MIGRS 76 2019 ALLDOMAINS 2', 'SG_CPA_MIGRS 76 2019 DOMAIN1 2'],
    skipped: 2,
  },
  {
    file: 'portal-records-de.json',
    options: { area: '40' },
    format: 'open-sdg-json',
    expected: ['SG_CPA_MIGRS 40 2021 ALLDOMAINS 4', 'SG_CPA_MIGRS 40 2021 DOMAIN1 4', 'SG_CPA_MIGRS 40 2021 DOMAIN5 3'],
  },
  // The UN SDG API's JSON answer (/v1/sdg/Series/Data), an N value and a null value.
  {
    file: 'sdg-api-series-data.json',
    format: 'sdg-api-json',
    expected: [
      'SG_CPA_MIGRS 16 2019 ALLDOMAINS N',
      'SG_CPA_MIGRS 4 2021 ALLDOMAINS 3',
      'SG_CPA_MIGRS 4 2021 DOMAIN1 2',
    ],
    skipped: 1,
  },
  // SDMX-JSON 1.0 (series keys) and 2.0 (flat observations).
  {
    file: 'sdmx-json-1.0-series.json',
    format: 'sdmx-json',
    expected: [
      'SG_CPA_MIGRS 417 2019 ALLDOMAINS 3',
      'SG_CPA_MIGRS 417 2019 DOMAIN1 2',
      'SG_CPA_MIGRS 417 2021 ALLDOMAINS 4',
      'SG_CPA_MIGRS 4 2021 ALLDOMAINS 3',
    ],
    skipped: 1,
  },
  {
    file: 'sdmx-json-2.0-flat.json',
    format: 'sdmx-json',
    expected: [
      'SG_CPA_MIGRP 1 2021 ALLDOMAINS 62.31884',
      'SG_CPA_MIGRP 1 2021 DOMAIN3 77.53623',
      'SG_CPA_MIGRP 202 2021 ALLDOMAINS 55.5',
    ],
  },
];

describe('the corpus of national and aggregator layouts', () => {
  it.each(IMPORTED)('imports $file', ({ file, options, format, expected, skipped }) => {
    const result = read(file, options);
    expect(result.problems).toEqual([]);
    expect(result.format).toBe(format);
    expect(tuples(result.observations)).toEqual([...expected].sort());
    expect(result.skipped).toHaveLength(skipped ?? 0);
  });

  it('reports each skipped placeholder with its row, column and marker, and keeps time details of rounds', () => {
    const french = read('fr-domaine-rounds.csv', { area: '250' });
    expect(french.skipped).toEqual([
      {
        file: 'fr-domaine-rounds.csv',
        row: 9,
        column: 'Valeur',
        value: '.',
        message: 'skipped: "." marks a value not reported',
      },
      {
        file: 'fr-domaine-rounds.csv',
        row: 10,
        column: 'Valeur',
        value: '-',
        message: 'skipped: "-" marks a value not reported',
      },
      {
        file: 'fr-domaine-rounds.csv',
        row: 11,
        column: 'Valeur',
        value: 'n/a',
        message: 'skipped: "n/a" marks a value not reported',
      },
    ]);
    expect(
      french.observations.every(
        (observation) =>
          observation.timeDetail === '2018-2019' && observation.source === 'Enquête mondiale des Nations Unies',
      ),
    ).toBe(true);
    expect(read('hr-recognised-by-values.csv', { area: '70' }).observations[0]).toMatchObject({
      year: 2019,
      timeDetail: '2018-2019',
    });
  });

  it('keeps comments, sources and nature from metadata columns', () => {
    const result = read('en-open-sdg-sdmx-columns.csv', { area: '124' });
    expect(result.observations[1]).toEqual({
      series: 'SG_CPA_MIGRS',
      area: '124',
      year: 2021,
      domain: 'DOMAIN1',
      value: 3,
      nature: 'C',
      source: 'UN Inquiry',
      footnote: 'Equal access partly restricted by status',
    });
    const english = read('en-policy-area-comments.csv', { area: '124' });
    expect(english.observations[0]).toMatchObject({
      domain: 'ALLDOMAINS',
      footnote: 'Overall score across the six domains',
    });
  });

  it('notes the lines of text it left out around a table', () => {
    expect(read('en-portal-export-title-and-notes.csv', { area: '360' }).notes).toEqual([
      {
        file: 'en-portal-export-title-and-notes.csv',
        row: 1,
        value: expect.stringMatching(/^Indicator 10\.7\.2: Number of countries/),
        message: 'ignored: a line of text above the table',
      },
      {
        file: 'en-portal-export-title-and-notes.csv',
        row: 2,
        value: 'Downloaded on 2024-03-01',
        message: 'ignored: a line of text above the table',
      },
      {
        file: 'en-portal-export-title-and-notes.csv',
        row: 8,
        value: 'Source: United Nations Inquiry among Governments on Population and Development',
        message: 'ignored: a line of text below the table',
      },
      {
        file: 'en-portal-export-title-and-notes.csv',
        row: 9,
        value: 'Note: values are categories 1 to 4',
        message: 'ignored: a line of text below the table',
      },
    ]);
  });

  it('notes the columns it left out because they repeat others', () => {
    expect(
      read('en-redundant-columns.csv', { area: '124' }).notes.map((note) => `${note.column}: ${note.message}`),
    ).toEqual([
      'Reporting period: ignored: it only describes the column "Year" (one value for each of its values)',
      'Policy domain code: ignored: it only describes the column "Policy domain" (one value for each of its values)',
      'Data type: ignored: the same value on every row, so it tells no observations apart',
    ]);
  });

  it('notes the columns it recognised by their values', () => {
    expect(read('es-recognised-by-values.csv', { area: '152' }).notes).toEqual([
      {
        file: 'es-recognised-by-values.csv',
        row: 1,
        column: 'Dato',
        value: 'Dato',
        message: 'read as the value column: its cells are the numbers beside the years',
      },
    ]);
  });

  it('says when an SDG API answer is one page of several', () => {
    const result = read('sdg-api-one-page.json');
    expect(result.problems).toEqual([]);
    expect(tuples(result.observations)).toEqual([
      'SG_CPA_MIGRP 1 2019 ALLDOMAINS 54.1',
      'SG_CPA_MIGRP 1 2021 ALLDOMAINS 62.31884',
    ]);
    expect(result.notes).toEqual([
      {
        file: 'sdg-api-one-page.json',
        column: 'totalElements',
        value: '70',
        message:
          'this answer is page 1 of 35: it holds 2 of 70 records; ask the API for all of them (pageSize=70) to import the whole series',
      },
    ]);
  });
});

describe('files of the corpus a reader could not settle', () => {
  it('refuses seven unnamed value columns, proposing the total then domains 1 to 6, and reads them once mapped', () => {
    const result = read('ambiguous-seven-columns.csv', { area: '191' });
    expect(result.observations).toEqual([]);
    expect(result.problems).toEqual([
      {
        file: 'ambiguous-seven-columns.csv',
        row: 1,
        value: 'A,B,C,D,E,F,G',
        message:
          'ambiguous: 7 columns hold numbers and none is named as the value or a policy domain ("A", "B", "C", "D", "E", "F", "G"); say which with a label mapping file (--labels); the likely mapping, as rows of label,code: A,ALLDOMAINS; B,DOMAIN1; C,DOMAIN2; D,DOMAIN3; E,DOMAIN4; F,DOMAIN5; G,DOMAIN6',
      },
    ]);
    const proposed = /rows of label,code: (.*)$/.exec(result.problems[0]?.message ?? '')?.[1] ?? '';
    const mapping = parseLabelMapping(`label,code\n${proposed.split('; ').join('\n')}\n`, 'proposed.csv');
    expect(mapping.problems).toEqual([]);
    const mapped = read('ambiguous-seven-columns.csv', { area: '191', labels: mapping.mapping });
    expect(mapped.problems).toEqual([]);
    expect(tuples(mapped.observations)).toEqual(seven('191', 2021, [3, 3, 2, 3, 3, 3, 4]).sort());
  });

  it('refuses seven Russian columns named only by numbers, proposing the total then domains 1 to 6', () => {
    const result = read('ru-ambiguous-seven-indicators.csv', { area: '643' });
    expect(result.observations).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.message).toMatch(
      /^ambiguous: 7 columns hold numbers .*: Показатель 1,ALLDOMAINS; Показатель 2,DOMAIN1; Показатель 3,DOMAIN2; Показатель 4,DOMAIN3; Показатель 5,DOMAIN4; Показатель 6,DOMAIN5; Показатель 7,DOMAIN6$/,
    );
  });

  it('refuses seven columns without headers, asking for headers in the likely order', () => {
    const result = read('ambiguous-seven-unlabelled.csv', { area: '191' });
    expect(result.problems).toEqual([
      {
        file: 'ambiguous-seven-unlabelled.csv',
        row: 1,
        value: ',,,,,,',
        message:
          'ambiguous: 7 columns hold numbers and none is named as the value or a policy domain (column 2, column 3, column 4, column 5, column 6, column 7, column 8); give those columns headers naming their domain (likely, in order: ALLDOMAINS, DOMAIN1, DOMAIN2, DOMAIN3, DOMAIN4, DOMAIN5, DOMAIN6)',
      },
    ]);
  });

  it('refuses two value columns, proposing the one of categories', () => {
    const result = read('refused-two-value-columns.csv', { area: '124' });
    expect(result.problems).toEqual([
      {
        file: 'refused-two-value-columns.csv',
        row: 1,
        value: 'Score 2019 method,Score 2021 method',
        message:
          'ambiguous: 2 columns hold numbers and none is named as the value or a policy domain ("Score 2019 method", "Score 2021 method"); say which with a label mapping file (--labels); the likely mapping, as rows of label,code: Score 2019 method,VALUE; Score 2021 method,IGNORE',
      },
    ]);
  });

  it('refuses a total in a language no rule reads, proposing it as all domains, and reads it once mapped', () => {
    const result = read('hy-numbered-unknown-total.csv', { area: '51' });
    expect(result.problems).toEqual([
      {
        file: 'hy-numbered-unknown-total.csv',
        row: 1,
        column: 'Բնագավառ',
        value: 'Ընդհանուր',
        message:
          'the policy-domain column names every domain but one and has a label no rule reads; if it is ALLDOMAINS, say so with a label mapping file (--labels); the likely mapping, as rows of label,code: Ընդհանուր,ALLDOMAINS',
      },
      {
        file: 'hy-numbered-unknown-total.csv',
        row: 2,
        column: 'Բնագավառ',
        value: 'Ընդհանուր',
        message:
          'unknown policy domain: "Ընդհանուր" is not a policy-domain code (ALLDOMAINS, DOMAIN1..DOMAIN6, _T, PD_1..PD_6) nor a known label; add it to a label mapping file',
      },
    ]);
    const mapped = read('hy-numbered-unknown-total.csv', {
      area: '51',
      labels: parseLabelMapping('label,code\nԸնդհանուր,ALLDOMAINS\n', 'hy.csv').mapping,
    });
    expect(mapped.problems).toEqual([]);
    expect(tuples(mapped.observations)).toEqual(seven('51', 2021, [3, 3, 2, 4, 3, 3, 4]).sort());
  });

  it('refuses a domain column numbered 1 to 7, proposing the total first, and reads it once mapped', () => {
    const result = read('ambiguous-domains-numbered-1-to-7.csv', { area: '191' });
    expect(result.observations).toEqual([]);
    const proposal = result.problems.find((problem) => problem.message.startsWith('ambiguous'));
    expect(proposal).toEqual({
      file: 'ambiguous-domains-numbered-1-to-7.csv',
      row: 1,
      column: 'Područje',
      value: '1, 2, 3, 4, 5, 6, 7',
      message:
        "ambiguous: the policy-domain column numbers seven rows 1 to 7 without saying which is all domains; say which with a label mapping file (--labels); the likely mapping (all domains first, as the UN's tables put it), as rows of label,code: 1,ALLDOMAINS; 2,DOMAIN1; 3,DOMAIN2; 4,DOMAIN3; 5,DOMAIN4; 6,DOMAIN5; 7,DOMAIN6",
    });
    const rows = /rows of label,code: (.*)$/.exec(proposal?.message ?? '')?.[1]?.split('; ') ?? [];
    const mapped = read('ambiguous-domains-numbered-1-to-7.csv', {
      area: '191',
      labels: parseLabelMapping(`label,code\n${rows.join('\n')}\n`, 'map.csv').mapping,
    });
    expect(mapped.problems).toEqual([]);
    expect(tuples(mapped.observations)).toEqual(seven('191', 2021, [3, 3, 2, 3, 3, 3, 4]).sort());
  });

  it('refuses a breakdown 10.7.2 does not have', () => {
    const result = read('refused-sex-breakdown.csv', { area: '250' });
    expect(result.problems).toEqual([
      {
        file: 'refused-sex-breakdown.csv',
        row: 1,
        column: 'Sexe',
        value: 'Sexe',
        message:
          'column "Sexe" is not understood (expected Year, a policy-domain column, Value, and optionally series, area, units, source, comment and nature): map its header in a label mapping file (--labels) to YEAR, VALUE, AREA, POLICY_DOMAINS, SERIES, a domain code, or IGNORE if it holds no data, or remove it',
      },
    ]);
  });

  it('refuses a label whose number and words name different domains', () => {
    const result = read('refused-number-contradicts-name.csv', { area: '124' });
    expect(result.problems).toEqual([
      {
        file: 'refused-number-contradicts-name.csv',
        row: 3,
        column: 'Policy domain',
        value: 'Domain 2. Migrant rights',
        message:
          'unknown policy domain: "Domain 2. Migrant rights" names domain 2 but its words name DOMAIN1 (Migrant rights); correct the label or map it in a label mapping file',
      },
    ]);
  });
});
