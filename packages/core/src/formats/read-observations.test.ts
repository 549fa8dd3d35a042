import { describe, expect, it } from 'vitest';
import type { Observation, PolicyDomainCode } from '../observations/observation.ts';
import { POLICY_DOMAIN_CODES } from '../observations/observation.ts';
import { readObservations } from './read-observations.ts';
import { knownAreas, sharedFile } from './shared-files.test-helpers.ts';

const isKnownArea = knownAreas();

/** Seven observations (all domains, then domains 1-6) of one country and year. */
function country(
  area: string,
  year: number,
  values: readonly number[],
  extra: Partial<Observation> = {},
): Observation[] {
  return POLICY_DOMAIN_CODES.map((domain: PolicyDomainCode, index) => ({
    series: 'SG_CPA_MIGRS',
    area,
    year,
    domain,
    value: values[index] as number,
    ...extra,
  }));
}

describe('readObservations on published files', () => {
  it('reads Canada’s long Open SDG file with the area option, an empty domain meaning all domains', () => {
    const result = readObservations(sharedFile('open-sdg_canada_indicator_10-7-2.csv'), { area: '124', isKnownArea });
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('open-sdg-long');
    expect(result.observations).toEqual([
      ...country('124', 2021, [3, 3, 4, 4, 4, 4, 4]),
      ...country('124', 2019, [3, 3, 4, 4, 4, 4, 4]),
    ]);
  });

  it('reads Malta’s file, with CRLF line ends and labels such as "Migrant rights (Domain 1)"', () => {
    const result = readObservations(sharedFile('open-sdg_malta_indicator_10-7-2.csv'), { area: '470', isKnownArea });
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('open-sdg-long');
    expect(result.observations).toEqual(country('470', 2019, [2, 2, 2, 4, 2, 4, 4]));
  });

  it('reads Croatia’s wide file: Godina 2020/2021 is round 2021, Ukupno is all domains, Croatian domain labels', () => {
    const result = readObservations(sharedFile('open-sdg_croatia_indicator_10-7-2.csv'), { area: '191', isKnownArea });
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('open-sdg-wide');
    expect(result.observations).toEqual(country('191', 2021, [3, 3, 2, 3, 3, 3, 4], { timeDetail: '2020-2021' }));
  });

  it('reads Kyrgyzstan’s SDMX-ML, area 417 from the file, keeping attributes and mis-encoded text', () => {
    const result = readObservations(sharedFile('sdmx-ml_kyrgyzstan_10-7-2.xml'), { isKnownArea });
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('sdmx-ml-structure-specific');
    const source = result.observations[0]?.source ?? '';
    expect(
      source.startsWith(
        'United Nation Inquiry among Governments on Population and Development (the \ufffdInquiry\ufffd)',
      ),
    ).toBe(true);
    expect(result.observations).toEqual(
      country('417', 2019, [3, 3, 4, 4, 3, 3, 4], { timeDetail: '2018-2019', nature: 'C', source }),
    );
  });

  it('reads all 1750 rows of the DDF file, including the 2019 N values of territories', () => {
    const result = readObservations(sharedFile('sg_cpa_migrs_by_country.ddf.csv'), { isKnownArea });
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('ddf-csv');
    expect(result.observations).toHaveLength(1750);
    expect(result.observations.filter((observation) => observation.value === 'N')).toHaveLength(350);
    expect(result.observations.every((observation) => observation.value !== 'N' || observation.year === 2019)).toBe(
      true,
    );
    expect(result.observations[0]).toEqual({
      series: 'SG_CPA_MIGRS',
      area: '4',
      year: 2021,
      domain: 'ALLDOMAINS',
      value: 3,
      nature: 'C',
    });
    const countries2021 = new Set(
      result.observations.filter((observation) => observation.year === 2021).map((observation) => observation.area),
    );
    expect(countries2021.size).toBe(89);
  });

  it('agrees with the DDF mirror of the UN database for every national file', () => {
    const ddf = readObservations(sharedFile('sg_cpa_migrs_by_country.ddf.csv')).observations;
    const national = [
      readObservations(sharedFile('open-sdg_canada_indicator_10-7-2.csv'), { area: '124' }),
      readObservations(sharedFile('open-sdg_malta_indicator_10-7-2.csv'), { area: '470' }),
      readObservations(sharedFile('open-sdg_croatia_indicator_10-7-2.csv'), { area: '191' }),
      readObservations(sharedFile('sdmx-ml_kyrgyzstan_10-7-2.xml')),
    ].flatMap((result) => result.observations);
    expect(national).toHaveLength(35);
    const key = (observation: Observation) => `${observation.area}|${observation.year}|${observation.domain}`;
    const published = new Map(ddf.map((observation) => [key(observation), observation.value]));
    expect(national.map((observation) => [key(observation), published.get(key(observation))])).toEqual(
      national.map((observation) => [key(observation), observation.value]),
    );
  });

  it('reads Croatia’s file saved as windows-1250 when given the encoding, by its words without, and says when a label is mis-encoded', () => {
    const utf8 = new TextDecoder().decode(sharedFile('open-sdg_croatia_indicator_10-7-2.csv').bytes);
    // č is the only non-ASCII character of the file; windows-1250 writes it as byte E8.
    const bytes = new Uint8Array(Array.from(utf8, (char) => (char === 'č' ? 0xe8 : char.charCodeAt(0))));
    const file = { name: 'croatia-1250.csv', bytes };
    const expected = readObservations(sharedFile('open-sdg_croatia_indicator_10-7-2.csv'), {
      area: '191',
    }).observations;
    expect(readObservations(file, { area: '191', encoding: 'windows-1250' })).toEqual({
      format: 'open-sdg-wide',
      observations: expected,
      problems: [],
      skipped: [],
      notes: [],
    });
    // "Podru�je 1.Prava migranata": the mis-encoded word is lost, but "prava migranata" still names domain 1.
    expect(readObservations(file, { area: '191' }).observations).toEqual(expected);
    const broken = new Uint8Array([
      ...new TextEncoder().encode('Godina,Ukupno,Podru'),
      0xe8,
      ...new TextEncoder().encode('je 1\n2021,3,3\n'),
    ]);
    const problems = readObservations({ name: 'broken.csv', bytes: broken }, { area: '191' }).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(
      /^ambiguous: .*Podru\ufffdje 1,DOMAIN1 \(the file is not valid UTF-8: save it as UTF-8, or give its encoding, e\.g\. windows-1250\)$/,
    );
    expect(readObservations(file, { encoding: 'klingon' }).problems[0]?.message).toBe(
      'unknown encoding "klingon" (use a WHATWG label such as utf-8, windows-1250, iso-8859-2)',
    );
  });

  it('reads text as well as bytes, with or without a byte-order mark', () => {
    const text = 'Year,Value\n2021,3\n';
    const expected = [{ series: 'SG_CPA_MIGRS', area: '124', year: 2021, domain: 'ALLDOMAINS', value: 3 }];
    expect(readObservations({ name: 'a.csv', text }, { area: '124' }).observations).toEqual(expected);
    expect(readObservations({ name: 'b.csv', text: `\ufeff${text}` }, { area: '124' }).observations).toEqual(expected);
    expect(
      readObservations({ name: 'c.csv', bytes: new TextEncoder().encode(`\ufeff${text}`) }, { area: '124' })
        .observations,
    ).toEqual(expected);
  });
});

describe('readObservations on each layout', () => {
  const read = (text: string, options = {}) => readObservations({ name: 'input', text }, { isKnownArea, ...options });

  it('reads the SDG API CSV with N values, bracketed columns and migov’s numerator and denominator', () => {
    const text = [
      'Goal,Target,Indicator,SeriesCode,SeriesDescription,GeoAreaCode,GeoAreaName,TimePeriod,Value,Time_Detail,Source,FootNote,[Nature],[Policy Domains],[Reporting Type],[Units],Numerator,Denominator',
      '10,10.7,10.7.2,SG_CPA_MIGRS,"Countries with…",016,American Samoa,2019,N,2018-2019,UN Inquiry,,C,ALLDOMAINS,G,NUMBER,,',
      '10,10.7,10.7.2,SG_CPA_MIGRP,"Proportion…",1,World,2021,62.31884,2020-2021,UN Inquiry,"Computed, unweighted",G,DOMAIN1,G,PERCENT,86,138',
    ].join('\n');
    const result = read(text);
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('sdg-api-csv');
    expect(result.observations).toEqual([
      {
        series: 'SG_CPA_MIGRS',
        area: '16',
        year: 2019,
        domain: 'ALLDOMAINS',
        value: 'N',
        timeDetail: '2018-2019',
        nature: 'C',
        source: 'UN Inquiry',
      },
      {
        series: 'SG_CPA_MIGRP',
        area: '1',
        year: 2021,
        domain: 'DOMAIN1',
        value: 62.31884,
        timeDetail: '2020-2021',
        nature: 'G',
        source: 'UN Inquiry',
        footnote: 'Computed, unweighted',
        numerator: 86,
        denominator: 138,
      },
    ]);
  });

  it('reads SDMX-CSV 1.0 with labels after codes ("417: Kyrgyzstan")', () => {
    const text = [
      'DATAFLOW,FREQ: Frequency,REPORTING_TYPE,SERIES,REF_AREA: Reference area,SEX,COMPOSITE_BREAKDOWN,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,NATURE,TIME_DETAIL',
      'IAEG-SDGs:DF_SDG_GLH(1.0),A: Annual,G,SG_CPA_MIGRS,417: Kyrgyzstan,_T,PD_3,2019,4,NUMBER,0,C,2018-2019',
    ].join('\n');
    const result = read(text);
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('sdmx-csv-1.0');
    expect(result.observations).toEqual([
      {
        series: 'SG_CPA_MIGRS',
        area: '417',
        year: 2019,
        domain: 'DOMAIN3',
        value: 4,
        nature: 'C',
        timeDetail: '2018-2019',
      },
    ]);
  });

  it('reads SDMX-CSV 2.0 with a POLICY_DOMAINS column and refuses deletions', () => {
    const text = [
      'STRUCTURE,STRUCTURE_ID,ACTION,FREQ,SERIES,REF_AREA,POLICY_DOMAINS,TIME_PERIOD,OBS_VALUE',
      'dataflow,IAEG-SDGs:DF_SDG_GLH(1.0),I,A,SG_CPA_MIGRS,124,DOMAIN6,2021,4',
      'dataflow,IAEG-SDGs:DF_SDG_GLH(1.0),D,A,SG_CPA_MIGRS,124,DOMAIN5,2021,4',
    ].join('\n');
    const result = read(text);
    expect(result.format).toBe('sdmx-csv-2.0');
    expect(result.observations).toEqual([]);
    expect(result.problems).toEqual([
      {
        file: 'input',
        row: 3,
        column: 'ACTION',
        value: 'D',
        message: 'only additions and replacements are imported (ACTION I, A, R or M); deletions are not',
      },
    ]);
    expect(read(text.split('\n').slice(0, 2).join('\n')).observations).toEqual([
      { series: 'SG_CPA_MIGRS', area: '124', year: 2021, domain: 'DOMAIN6', value: 4 },
    ]);
  });

  it('reads SDMX-ML generic data, series and flat', () => {
    const value = (id: string, code: string) => `<generic:Value id="${id}" value="${code}"/>`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<message:GenericData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:generic="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic">
  <message:DataSet>
    <generic:Series>
      <generic:SeriesKey>${value('FREQ', 'A')}${value('SERIES', 'SG_CPA_MIGRS')}${value('REF_AREA', '4')}${value('COMPOSITE_BREAKDOWN', 'PD_2')}</generic:SeriesKey>
      <generic:Attributes>${value('UNIT_MEASURE', 'NUMBER')}</generic:Attributes>
      <generic:Obs>
        <generic:ObsDimension value="2021"/>
        <generic:ObsValue value="2"/>
        <generic:Attributes>${value('NATURE', 'C')}${value('COMMENT_OBS', 'a &amp; b')}</generic:Attributes>
      </generic:Obs>
    </generic:Series>
    <generic:Obs>
      <generic:ObsKey>${value('SERIES', 'SG_CPA_MIGRP')}${value('REF_AREA', '1')}${value('COMPOSITE_BREAKDOWN', '_T')}${value('TIME_PERIOD', '2019')}</generic:ObsKey>
      <generic:ObsValue value="54.1"/>
    </generic:Obs>
  </message:DataSet>
</message:GenericData>`;
    const result = read(xml);
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('sdmx-ml-generic');
    expect(result.observations).toEqual([
      { series: 'SG_CPA_MIGRS', area: '4', year: 2021, domain: 'DOMAIN2', value: 2, nature: 'C', footnote: 'a & b' },
      { series: 'SG_CPA_MIGRP', area: '1', year: 2019, domain: 'ALLDOMAINS', value: 54.1 },
    ]);
  });

  it('reads a DDF file of SG_CPA_MIGRP', () => {
    const result = read('geo_area,nature,policy_domains,units,year,sg_cpa_migrp\n1,g,domain4,percent,2021,63.04348\n');
    expect(result.problems).toEqual([]);
    expect(result.observations).toEqual([
      { series: 'SG_CPA_MIGRP', area: '1', year: 2021, domain: 'DOMAIN4', value: 63.04348, nature: 'G' },
    ]);
  });

  it('reads semicolon-separated national files and series and area columns', () => {
    const result = read('Year;Series;GeoCode;Policy domain;Value\n2018-2019;SG_CPA_MIGRS;008;Domaine 2;3\n');
    expect(result.problems).toEqual([]);
    expect(result.observations).toEqual([
      { series: 'SG_CPA_MIGRS', area: '8', year: 2019, domain: 'DOMAIN2', value: 3, timeDetail: '2018-2019' },
    ]);
  });

  it('ignores the free-form units column of national files', () => {
    const result = read('Year,Units,Policy domain,Value\n2021,Category,Domain 3,4\n', { area: '124' });
    expect(result.problems).toEqual([]);
    expect(result.observations).toEqual([
      { series: 'SG_CPA_MIGRS', area: '124', year: 2021, domain: 'DOMAIN3', value: 4 },
    ]);
  });

  it('refuses a national file with a column it does not understand', () => {
    const result = read('Year,Sex,Value\n2021,Female,3\n', { area: '124' });
    expect(result.problems).toEqual([
      {
        file: 'input',
        row: 1,
        column: 'Sex',
        value: 'Sex',
        message:
          'column "Sex" is not understood (expected Year, a policy-domain column, Value, and optionally series, area, units, source, comment and nature): map its header in a label mapping file (--labels) to YEAR, VALUE, AREA, POLICY_DOMAINS, SERIES, a domain code, or IGNORE if it holds no data, or remove it',
      },
    ]);
  });

  it('skips empty values of national files, where nothing is published', () => {
    const result = read('Year,Policy domain,Value\n2021,,3\n2021,Domain 1,\n', { area: '124' });
    expect(result.problems).toEqual([]);
    expect(result.observations).toHaveLength(1);
  });

  it('resolves other area codes through the caller’s resolver', () => {
    const resolveArea = (code: string) => ({ KGZ: '417' })[code];
    const text =
      'DATAFLOW,SERIES,REF_AREA,COMPOSITE_BREAKDOWN,TIME_PERIOD,OBS_VALUE\nx,SG_CPA_MIGRS,KGZ,_T,2019,3\nx,SG_CPA_MIGRS,XXX,_T,2019,3\n';
    expect(read(text, { resolveArea }).problems).toEqual([
      { file: 'input', row: 3, column: 'REF_AREA', value: 'XXX', message: 'not a known area code (M49 or ISO 3166)' },
    ]);
    expect(read(text.split('\n').slice(0, 2).join('\n'), { resolveArea }).observations).toEqual([
      { series: 'SG_CPA_MIGRS', area: '417', year: 2019, domain: 'ALLDOMAINS', value: 3 },
    ]);
  });

  it('accepts identical duplicates once', () => {
    const result = read('Year,Value\n2021,3\n2021,3\n', { area: '124' });
    expect(result.problems).toEqual([]);
    expect(result.observations).toHaveLength(1);
  });
});
