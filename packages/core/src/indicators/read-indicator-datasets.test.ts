import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSdgCsv } from '../formats/sdg-api-csv.ts';
import { formatSdmxMl } from '../formats/sdmx-ml.ts';
import { formatSdmxCsv } from '../formats/sdmx-csv.ts';
import { readObservations } from '../formats/read-observations.ts';
import { knownAreas, sharedFile } from '../formats/shared-files.test-helpers.ts';
import { fixture } from './fixtures.test-helpers.ts';
import { readIndicatorDatasets } from './read-indicator-datasets.ts';

const text = (name: string, content: string) => ({ name, text: content });

describe('readIndicatorDatasets', () => {
  it('reads an SDG API CSV with two series of 8.8.1 by sex and migratory status', () => {
    const result = readIndicatorDatasets(fixture('test-fixture-sdg-api-8-8-1.csv'));
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('sdg-api-csv');
    expect(
      result.datasets.map((dataset) => [dataset.indicator, dataset.series, dataset.unit, dataset.observations.length]),
    ).toEqual([
      ['8.8.1', 'SL_EMP_FTLINJUR', 'PER_100000_EMP', 7],
      ['8.8.1', 'SL_EMP_INJUR', 'PER_100000_EMP', 2],
    ]);
    const [fatal] = result.datasets;
    expect(fatal?.seriesDescription).toBe(
      'Fatal occupational injuries among employees, by sex and migrant status (per 100,000 employees)',
    );
    expect(fatal?.observations[4]).toEqual({
      area: '40',
      year: 2020,
      value: 1.9,
      dimensions: { MIGRATORY_STATUS: 'MIGRANT', REPORTING_TYPE: 'G', SEX: 'MALE' },
      attributes: {
        COMMENT_OBS: 'Break in series, =not a formula',
        NATURE: 'C',
        SOURCE_DETAIL: 'TEST FIXTURE: invented values',
        TIME_DETAIL: '2020',
      },
    });
    // A row without a migratory-status breakdown simply lacks the dimension.
    expect(fatal?.observations[6]?.dimensions).toEqual({ REPORTING_TYPE: 'G', SEX: 'BOTHSEX' });
  });

  it('reads bounds and not-applicable values, keeping what the file wrote', () => {
    const result = readIndicatorDatasets(fixture('test-fixture-sdg-api-10-7-4.csv'));
    expect(result.problems).toEqual([]);
    const observations = result.datasets[0]?.observations ?? [];
    expect(
      observations.map((observation) => [
        observation.area,
        observation.year,
        observation.value,
        observation.valueLabel,
      ]),
    ).toEqual([
      ['4', 2021, 6905.3, undefined],
      ['4', 2022, 14210.8, undefined],
      ['760', 2021, 31504.2, undefined],
      ['760', 2022, 30120, undefined],
      ['36', 2022, 0.5, '<0.5'],
      ['531', 2022, null, 'N'],
    ]);
  });

  it('reads SDMX-CSV and SDMX-ML of the same data into the same dataset, MIGRATORY_STATUS as a dimension', () => {
    const csv = readIndicatorDatasets(fixture('test-fixture-sdmx-csv-8-8-1.csv'), { indicator: '8.8.1' });
    const xml = readIndicatorDatasets(fixture('test-fixture-sdmx-ml-8-8-1.xml'), { indicator: '8.8.1' });
    expect(csv.problems).toEqual([]);
    expect(xml.problems).toEqual([]);
    expect([csv.format, xml.format]).toEqual(['sdmx-csv-1.0', 'sdmx-ml-structure-specific']);
    const byKey = (result: typeof csv) =>
      (result.datasets[0]?.observations ?? []).map((observation) => JSON.stringify(observation)).sort();
    expect(byKey(xml)).toEqual(byKey(csv));
    expect(csv.datasets[0]?.unit).toBe('PER_100000_EMP');
    expect(csv.datasets[0]?.observations[0]).toEqual({
      area: '40',
      year: 2019,
      value: 2.1,
      dimensions: { AGE: '_T', MIGRATORY_STATUS: 'MIGRANT', REPORTING_TYPE: 'G', SEX: 'M' },
      attributes: { NATURE: 'C', SOURCE_DETAIL: 'TEST FIXTURE: invented values', UNIT_MULT: '0' },
    });
  });

  it('reads a generic SDMX-ML message, taking keys as dimensions and decoding references', () => {
    const result = readIndicatorDatasets(fixture('test-fixture-sdmx-ml-generic-10-c-1.xml'));
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('sdmx-ml-generic');
    expect(result.datasets).toEqual([
      {
        indicator: '10.c.1',
        series: 'SI_RMT_COST',
        unit: 'PERCENT',
        observations: [
          {
            area: '50',
            year: 2020,
            value: 4.21,
            dimensions: { REPORTING_TYPE: 'G' },
            attributes: { NATURE: 'C', SOURCE_DETAIL: 'TEST FIXTURE: invented values & more' },
          },
          { area: '50', year: 2021, value: 3.97, dimensions: { REPORTING_TYPE: 'G' }, attributes: { NATURE: 'C' } },
        ],
      },
    ]);
  });

  it('reads a national plain CSV without an area column when the area is given, blank breakdowns as totals', () => {
    const result = readIndicatorDatasets(fixture('test-fixture-open-sdg-10-7-4.csv'), { area: '124' });
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('plain-csv');
    const dataset = result.datasets[0];
    expect([dataset?.indicator, dataset?.series, dataset?.unit]).toEqual([
      '10.7.4',
      'SM_POP_REFG_OR',
      'PER_100000_POP',
    ]);
    expect(
      dataset?.observations.map(
        (observation) =>
          `${observation.area} ${observation.year} ${observation.dimensions.SEX ?? 'total'} ${observation.value}`,
      ),
    ).toEqual([
      '124 2021 total 12.4',
      '124 2021 Female 11.9',
      '124 2021 Male 12.9',
      '124 2022 total 13',
      '124 2022 Female 12.2',
      '124 2022 Male 13.8',
    ]);
  });

  it('reads the published 10.7.2 series of the SDG database, written by the core writer, with the policy domain as a dimension', () => {
    const published = readObservations(sharedFile('sg_cpa_migrs_by_country.ddf.csv'), { isKnownArea: knownAreas() });
    expect(published.problems).toEqual([]);
    const csv = formatSdgCsv(published.observations);
    const result = readIndicatorDatasets(text('sdg.csv', csv), { isKnownArea: knownAreas() });
    expect(result.problems).toEqual([]);
    expect(result.datasets.map((dataset) => [dataset.indicator, dataset.series, dataset.unit])).toEqual([
      ['10.7.2', 'SG_CPA_MIGRS', 'NUMBER'],
    ]);
    const observations = result.datasets[0]?.observations ?? [];
    expect(observations).toHaveLength(published.observations.length);
    expect(new Set(observations.map((observation) => observation.dimensions.POLICY_DOMAINS))).toEqual(
      new Set(['ALLDOMAINS', 'DOMAIN1', 'DOMAIN2', 'DOMAIN3', 'DOMAIN4', 'DOMAIN5', 'DOMAIN6']),
    );
    const notApplicable = published.observations.filter((observation) => observation.value === 'N').length;
    expect(
      observations.filter((observation) => observation.value === null && observation.valueLabel === 'N'),
    ).toHaveLength(notApplicable);
  });

  it("reads Kyrgyzstan's published SDMX-ML with its mis-encoded text attributes", () => {
    const result = readIndicatorDatasets(sharedFile('sdmx-ml_kyrgyzstan_10-7-2.xml'), { isKnownArea: knownAreas() });
    expect(result.problems).toEqual([]);
    expect(result.datasets.map((dataset) => dataset.series)).toEqual(['SG_CPA_MIGRS']);
    const observations = result.datasets[0]?.observations ?? [];
    expect(new Set(observations.map((observation) => observation.dimensions.COMPOSITE_BREAKDOWN))).toEqual(
      new Set(['_T', 'PD_1', 'PD_2', 'PD_3', 'PD_4', 'PD_5', 'PD_6']),
    );
    expect(new Set(observations.map((observation) => observation.area))).toEqual(new Set(['417']));
  });

  it('takes no XML machinery (xsi:type, namespace declarations) for SDMX components', () => {
    const xml = `<m:StructureSpecificData xmlns:m="x" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><m:DataSet xsi:type="ns1:DataSetType"><Series xmlns:foo="bar" xsi:type="ns1:SeriesType" SERIES="SM_POP_REFG_OR" REF_AREA="4" SEX="F"><Obs xsi:type="ns1:ObsType" TIME_PERIOD="2020" OBS_VALUE="1"/></Series></m:DataSet></m:StructureSpecificData>`;
    const result = readIndicatorDatasets(text('ns.xml', xml));
    expect(result.problems).toEqual([]);
    expect(result.datasets[0]?.observations).toEqual([
      { area: '4', year: 2020, value: 1, dimensions: { SEX: 'F' }, attributes: {} },
    ]);
  });

  it('reads the published 10.7.2 series as SDMX-CSV written by the core writer, every breakdown a dimension', () => {
    const published = readObservations(sharedFile('sg_cpa_migrs_by_country.ddf.csv'), { isKnownArea: knownAreas() });
    const result = readIndicatorDatasets(text('sdmx.csv', formatSdmxCsv(published.observations)), {
      isKnownArea: knownAreas(),
    });
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('sdmx-csv-1.0');
    const observations = result.datasets[0]?.observations ?? [];
    expect(observations).toHaveLength(published.observations.length);
    expect(Object.keys(observations[0]?.dimensions ?? {})).toEqual([
      'ACTIVITY',
      'AGE',
      'COMPOSITE_BREAKDOWN',
      'CUST_BREAKDOWN',
      'DISABILITY_STATUS',
      'EDUCATION_LEV',
      'INCOME_WEALTH_QUANTILE',
      'OCCUPATION',
      'PRODUCT',
      'REPORTING_TYPE',
      'SEX',
      'URBANISATION',
    ]);
  });

  it('reads an SDMX-ML message written by the core writer', () => {
    const xml = formatSdmxMl([{ series: 'SG_CPA_MIGRP', area: '1', year: 2021, domain: 'DOMAIN3', value: 62.5 }], {
      prepared: '2026-01-01T00:00:00Z',
    });
    const result = readIndicatorDatasets(text('world.xml', xml));
    expect(result.problems).toEqual([]);
    expect(result.datasets[0]?.observations[0]?.dimensions).toMatchObject({ COMPOSITE_BREAKDOWN: 'PD_3', SEX: '_T' });
  });
});

describe('readIndicatorDatasets problems', () => {
  const header = 'Goal,Target,Indicator,SeriesCode,GeoAreaCode,TimePeriod,Value,[Sex],[Units]';

  it('lists every problem of every row at once, with file, row, column, value and why, and returns no dataset', () => {
    const csv = [
      header,
      '10,10.7,10.7.4,SM_POP_REFG_OR,4,2021,12.5,FEMALE,PER_100000_POP',
      '10,10.7,10.7.4,SM_POP_REFG_OR,4x,2021,12.5,FEMALE,PER_100000_POP',
      '10,10.7,10.7.4,SM_POP_REFG_OR,4,20x1,about 3,MALE,PER_100000_POP',
      '1,1.1,1.1.1,SI_POV_DAY1,4,2021,12.5,,PERCENT',
      '10,10.7,10.7.4,SM_POP_REFG_OR,4,2021,13,FEMALE,PER_100000_POP',
      '10,10.7,10.7.4,SM_POP_REFG_OR,4,1850,1,FEMALE,PER_100000_POP',
    ].join('\n');
    const result = readIndicatorDatasets(text('upload.csv', csv));
    expect(result.datasets).toEqual([]);
    expect(result.format).toBe('sdg-api-csv');
    expect(result.problems).toEqual([
      {
        file: 'upload.csv',
        row: 3,
        column: 'GeoAreaCode',
        value: '4x',
        message: 'not an M49 area code (one to three digits)',
      },
      {
        file: 'upload.csv',
        row: 4,
        column: 'TimePeriod',
        value: '20x1',
        message: 'not a year: expected e.g. 2021 or a two-year round such as 2020-2021 (only annual data is read)',
      },
      {
        file: 'upload.csv',
        row: 4,
        column: 'Value',
        value: 'about 3',
        message: 'not a number: expected e.g. 12.5, a bound such as <0.5, or N (not applicable)',
      },
      {
        file: 'upload.csv',
        row: 5,
        column: 'Indicator',
        value: '1.1.1',
        message: 'indicator 1.1.1 is not in the catalogue of migration-related SDG indicators',
      },
      {
        file: 'upload.csv',
        row: 6,
        column: 'Value',
        value: '13',
        message:
          'duplicate of row 2 (SM_POP_REFG_OR, area 4, 2021, SEX=FEMALE) with a different value: 12.5 there, 13 here',
      },
      {
        file: 'upload.csv',
        row: 7,
        column: 'TimePeriod',
        value: '1850',
        message: 'year 1850 is out of range 1990-2100',
      },
    ]);
  });

  it('accepts an identical repeated row once', () => {
    const row = '10,10.7,10.7.4,SM_POP_REFG_OR,4,2021,12.5,FEMALE,PER_100000_POP';
    const result = readIndicatorDatasets(text('twice.csv', [header, row, row].join('\n')));
    expect(result.problems).toEqual([]);
    expect(result.datasets[0]?.observations).toHaveLength(1);
  });

  it('checks areas against the known areas and resolves other codes through the caller', () => {
    const csv =
      'Year,Area,Series,Value\n2021,AFG,SM_POP_REFG_OR,3\n2021,XYZ,SM_POP_REFG_OR,4\n2021,999,SM_POP_REFG_OR,5\n';
    const result = readIndicatorDatasets(text('iso.csv', csv), {
      resolveArea: (code) => (code === 'AFG' ? '4' : undefined),
      isKnownArea: (m49) => m49 === '4',
    });
    expect(
      result.problems.map((problem) => `${problem.row} ${problem.column} ${problem.value}: ${problem.message}`),
    ).toEqual([
      '3 Area XYZ: not a known area code (M49 or ISO 3166)',
      '4 Area 999: unknown area: M49 code 999 is not a known area',
    ]);
  });

  it('asks for the indicator of a series the catalogue does not list, once per series', () => {
    const csv =
      'DATAFLOW,FREQ,SERIES,REF_AREA,TIME_PERIOD,OBS_VALUE\nX,A,SL_EMP_FTLINJUR,40,2019,1\nX,A,SL_EMP_FTLINJUR,40,2020,1\n';
    const result = readIndicatorDatasets(text('sdmx.csv', csv));
    expect(result.problems).toEqual([
      {
        file: 'sdmx.csv',
        message:
          'series SL_EMP_FTLINJUR: the file does not name its indicator and the catalogue lists no indicator for this series; give the indicator as an option',
      },
    ]);
    expect(readIndicatorDatasets(text('sdmx.csv', csv), { indicator: '8.8.1' }).problems).toEqual([]);
  });

  it('refuses options that name no catalogue indicator or no area', () => {
    const result = readIndicatorDatasets(text('a.csv', 'Year,Value\n2020,1\n'), {
      indicator: '99.9.9',
      area: 'somewhere',
      series: 'two words',
    });
    expect(result.problems.map((problem) => `${problem.column}: ${problem.message}`)).toEqual([
      '(indicator option): not an indicator of the catalogue of migration-related SDG indicators',
      '(series option): not a series code (letters, digits and underscores, e.g. SM_POP_REFG_OR)',
      '(area option): the area option is not an M49 code (one to three digits)',
    ]);
  });

  it('asks for the area and the series of a plain CSV that has neither, once each', () => {
    const result = readIndicatorDatasets(text('bare.csv', 'Year,Value\n2020,1\n2021,2\n'), { indicator: '10.7.4' });
    expect(result.problems.map((problem) => problem.message)).toEqual([
      'the file has no series column (SeriesCode, SERIES or Series): give the series of the whole file as an option',
      'the file has no area column (GeoAreaCode, REF_AREA, GeoCode or Area): give the area of the whole file as an option (M49 code)',
    ]);
    expect(
      readIndicatorDatasets(text('bare.csv', 'Year,Value\n2020,1\n2021,2\n'), {
        indicator: '10.7.4',
        area: '4',
        series: 'sm_pop_refg_or',
        unit: 'PER_100000_POP',
      }).datasets,
    ).toEqual([
      {
        indicator: '10.7.4',
        series: 'SM_POP_REFG_OR',
        unit: 'PER_100000_POP',
        observations: [
          { area: '4', year: 2020, value: 1, dimensions: {}, attributes: {} },
          { area: '4', year: 2021, value: 2, dimensions: {}, attributes: {} },
        ],
      },
    ]);
  });

  it('refuses an indicator column that contradicts the catalogue series list', () => {
    const csv = `${header}\n10,10.7,10.7.4,SG_CPA_MIGRS,4,2021,3,,NUMBER\n`;
    expect(readIndicatorDatasets(text('wrong.csv', csv)).problems.map((problem) => problem.message)).toEqual([
      'series SG_CPA_MIGRS belongs to indicator 10.7.2 in the catalogue, not 10.7.4',
    ]);
  });

  it('accepts an SDMX observation without a value when OBS_STATUS says it is missing', () => {
    const csv =
      'DATAFLOW,SERIES,REF_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS\nX,SM_POP_REFG_OR,4,2020,,M\nX,SM_POP_REFG_OR,4,2021,,A\n';
    const result = readIndicatorDatasets(text('missing.csv', csv));
    expect(result.problems.map((problem) => `${problem.row}: ${problem.message}`)).toEqual(['3: missing value']);
    const ok = readIndicatorDatasets(text('missing.csv', csv.split('\n').slice(0, 2).join('\n')));
    expect(ok.datasets[0]?.observations).toEqual([
      { area: '4', year: 2020, value: null, dimensions: {}, attributes: { OBS_STATUS: 'M' } },
    ]);
  });

  it('explains what to do with a series named in words', () => {
    const result = readIndicatorDatasets(
      text('words.csv', 'Year,Series,Value\n2021,Refugees by country of origin,3\n'),
      { area: '4', indicator: '10.7.4' },
    );
    expect(result.problems).toEqual([
      {
        file: 'words.csv',
        row: 2,
        column: 'Series',
        value: 'Refugees by country of origin',
        message:
          'not a series code (letters, digits and underscores, e.g. SM_POP_REFG_OR); a file that names its series in words can rename that column, which is then read as a dimension, and give the series code as an option',
      },
    ]);
  });

  it('refuses non-annual SDMX data and deletions', () => {
    const csv =
      'STRUCTURE,STRUCTURE_ID,ACTION,FREQ,SERIES,REF_AREA,TIME_PERIOD,OBS_VALUE\ndataflow,IAEG-SDGs:DF_SDG_GLH(1.0),I,Q,SM_POP_REFG_OR,4,2021-Q1,1\ndataflow,IAEG-SDGs:DF_SDG_GLH(1.0),D,A,SM_POP_REFG_OR,4,2021,1\n';
    const result = readIndicatorDatasets(text('sdmx2.csv', csv));
    expect(result.format).toBe('sdmx-csv-2.0');
    expect(
      result.problems.map((problem) => `${problem.row} ${problem.column} ${problem.value}: ${problem.message}`),
    ).toEqual([
      '2 FREQ Q: only annual data is read (FREQ A)',
      '3 ACTION D: only additions and replacements are imported (ACTION I, A, R or M); deletions are not',
    ]);
  });

  it('names missing and doubled columns', () => {
    expect(
      readIndicatorDatasets(text('a.csv', 'DATAFLOW,SERIES,TIME_PERIOD\nX,S,2020\n')).problems.map(
        (problem) => problem.message,
      ),
    ).toEqual(['missing column REF_AREA (required in SDMX-CSV)', 'missing column OBS_VALUE (required in SDMX-CSV)']);
    expect(
      readIndicatorDatasets(text('b.csv', 'Year,Value,Sex,[Sex]\n2020,1,F,F\n'), {
        area: '4',
        series: 'X',
        indicator: '10.7.4',
      }).problems.map((problem) => problem.message),
    ).toEqual(['column 4 "[Sex]" means the same as column 3 "Sex"']);
  });

  it('refuses XML with a DOCTYPE or entity declaration before parsing it', () => {
    const xxe =
      '<?xml version="1.0"?>\n<!DOCTYPE data [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n<message:StructureSpecificData xmlns:message="m"><message:DataSet><Obs SERIES="SM_POP_REFG_OR" REF_AREA="4" TIME_PERIOD="2020" OBS_VALUE="&secret;"/></message:DataSet></message:StructureSpecificData>';
    const result = readIndicatorDatasets(text('xxe.xml', xxe));
    expect(result.datasets).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({
      row: 2,
      message: expect.stringMatching(/^refused: the document contains a DOCTYPE declaration at line 2/),
    });
  });

  it('reports malformed XML with its line, and XML that is no SDMX data message', () => {
    expect(readIndicatorDatasets(text('bad.xml', '<a>\n<b></a>')).problems[0]?.message).toMatch(
      /^malformed XML at line 2/,
    );
    expect(readIndicatorDatasets(text('other.xml', '<html><body/></html>')).problems[0]?.message).toBe(
      'not an SDMX-ML 2.1 data message: the root element is html; expected StructureSpecificData or GenericData (or their TimeSeries variants)',
    );
  });

  it('reports an unrecognised header, JSON, an empty file and binary input', () => {
    expect(readIndicatorDatasets(text('x.csv', 'a,b\n1,2\n')).problems[0]?.message).toMatch(/^unrecognised header/);
    expect(readIndicatorDatasets(text('x.json', '{"a":1}')).problems[0]?.message).toMatch(
      /^JSON is not a dataset format/,
    );
    expect(readIndicatorDatasets(text('x.csv', '  \n')).problems[0]?.message).toBe('the file is empty');
    expect(
      readIndicatorDatasets({ name: 'x.bin', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]) }).problems[0]
        ?.message,
    ).toMatch(/^not a text file/);
    expect(readIndicatorDatasets(text('x.csv', 'Year,Value\n')).problems[0]?.message).toBe(
      'the file holds no observations',
    );
  });

  it('bounds the problem list of a hostile file', () => {
    const rows = Array.from({ length: 50 }, (_, index) => `2020,bad${index}`);
    const result = readIndicatorDatasets(text('many.csv', ['Year,Value', ...rows].join('\n')), {
      area: '4',
      series: 'SM_POP_REFG_OR',
      maxProblems: 10,
    });
    expect(result.problems).toHaveLength(11);
    expect(result.problems[10]?.message).toBe('40 more problems not listed (the first 10 are shown)');
  });

  it('refuses a file whose indicator column contradicts the indicator option, and hints at decimal commas', () => {
    const csv = `${header}\n10,10.7,10.7.4,SM_POP_REFG_OR,4,2021,"12,5",FEMALE,PER_100000_POP\n`;
    expect(
      readIndicatorDatasets(text('c.csv', csv), { indicator: '10.7.3' }).problems.map(
        (problem) => `${problem.column}: ${problem.message}`,
      ),
    ).toEqual([
      'Indicator: the file names indicator 10.7.4; the indicator option says 10.7.3',
      'Value: not a number: expected e.g. 12.5, a bound such as <0.5, or N (not applicable) (a decimal comma: write the decimal point, 12.5)',
    ]);
  });

  it('reads SDMX-CSV with labels, cutting coded cells to their codes but not free text', () => {
    const csv = [
      'DATAFLOW,FREQ: Frequency,SERIES: Series,REF_AREA: Reference area,SEX: Sex,TIME_PERIOD: Time,OBS_VALUE,NATURE: Nature,COMMENT_OBS: Comment',
      'IAEG-SDGs:DF_SDG_GLH(1.0),A: Annual,SM_POP_REFG_OR: Refugees,004: Afghanistan,F: Female,2021,3.5,E: Estimated,Note: revised',
    ].join('\n');
    const result = readIndicatorDatasets(text('labels.csv', csv));
    expect(result.problems).toEqual([]);
    expect(result.datasets[0]?.observations).toEqual([
      {
        area: '4',
        year: 2021,
        value: 3.5,
        dimensions: { SEX: 'F' },
        attributes: { COMMENT_OBS: 'Note: revised', NATURE: 'E' },
      },
    ]);
  });

  it('takes undeclared SDMX components as dimensions unless declared attributes', () => {
    const csv =
      'DATAFLOW,SERIES,REF_AREA,TIME_PERIOD,OBS_VALUE,MIGRATORY_STATUS,OBS_NOTE\nX,SM_POP_REFG_OR,4,2020,1,MIGRANT,a\n';
    const dataset = readIndicatorDatasets(text('s.csv', csv), { attributes: ['OBS_NOTE'] }).datasets[0];
    expect(dataset?.observations[0]).toMatchObject({
      dimensions: { MIGRATORY_STATUS: 'MIGRANT' },
      attributes: { OBS_NOTE: 'a' },
    });
  });
});

describe('readIndicatorDatasets on arbitrary input', () => {
  it('never throws, and gives either datasets or problems (seeded random text in every layout)', () => {
    const headers = [
      'Goal,Target,Indicator,SeriesCode,GeoAreaCode,TimePeriod,Value,[Sex]\n',
      'DATAFLOW,FREQ,SERIES,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE\n',
      'Year,Area,Series,Sex,Value\n',
      '<?xml version="1.0"?><message:StructureSpecificData xmlns:message="m"><message:DataSet><Series SERIES="SM_POP_REFG_OR" REF_AREA="4">',
      '',
    ];
    const noise = fc.string({
      maxLength: 200,
      unit: fc.constantFrom(
        '1',
        '4',
        '2020',
        ',',
        ';',
        '"',
        '\n',
        '<',
        '>',
        '/',
        '=',
        'Obs',
        ' TIME_PERIOD="',
        ' OBS_VALUE="',
        'SM_POP_REFG_OR',
        '10.7.4',
        'N',
        '<0.5',
        '&',
        '&amp;',
        '\u0000',
        'é',
      ),
    });
    fc.assert(
      fc.property(fc.constantFrom(...headers), noise, (head, body) => {
        const result = readIndicatorDatasets({ name: 'random', text: head + body });
        expect(result.datasets.length === 0 || result.problems.length === 0).toBe(true);
        expect(result.datasets.length + result.problems.length).toBeGreaterThan(0);
        for (const problem of result.problems) expect(problem.message.length).toBeGreaterThan(0);
      }),
      { seed: 10_7_4, numRuns: 300 },
    );
  });
});
