import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readObservations } from './read-observations.ts';
import { knownAreas, sharedFile } from './shared-files.test-helpers.ts';

const isKnownArea = knownAreas();
const read = (text: string, options = {}) =>
  readObservations({ name: 'upload.csv', text }, { isKnownArea, ...options });
const SDG_HEADER = 'SeriesCode,GeoAreaCode,TimePeriod,Value,[Policy Domains],[Units]';

describe('readObservations refusing hostile input', () => {
  it('refuses a DOCTYPE with an external entity before parsing', () => {
    const xml =
      '<?xml version="1.0"?>\n<!DOCTYPE data [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n<StructureSpecificData>&xxe;</StructureSpecificData>';
    const result = readObservations({ name: 'xxe.xml', text: xml });
    expect(result.observations).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ file: 'xxe.xml', row: 2 });
    expect(result.problems[0]?.message).toMatch(
      /^refused: the document contains a DOCTYPE declaration at line 2; SDMX-ML never needs one/,
    );
    expect(JSON.stringify(result)).not.toContain('root:');
  });

  it('refuses the billion laughs quickly', () => {
    const entities = Array.from(
      { length: 10 },
      (_, index) => `<!ENTITY lol${index + 1} "${`&lol${index};`.repeat(10)}">`,
    ).join('\n');
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n${entities}\n]>\n<lolz>&lol10;</lolz>`;
    const started = performance.now();
    const result = readObservations({ name: 'lol.xml', text: xml });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/DOCTYPE declaration at line 2/),
    ]);
  });

  it('refuses an ENTITY declaration even without a DOCTYPE', () => {
    const result = readObservations({ name: 'e.xml', text: '<a>\n<!ENTITY x "y">\n</a>' });
    expect(result.problems[0]?.message).toMatch(/ENTITY declaration at line 2/);
  });

  it('reports XML truncated between elements with the elements left open', () => {
    const text = new TextDecoder().decode(sharedFile('sdmx-ml_kyrgyzstan_10-7-2.xml').bytes);
    const truncated = text.slice(0, text.indexOf('</Series>', text.indexOf('PD_3')) + '</Series>'.length);
    const result = readObservations({ name: 'kg.xml', text: truncated });
    expect(result.observations).toEqual([]);
    expect(result.problems).toEqual([
      {
        file: 'kg.xml',
        row: 29,
        message:
          'truncated XML: the document ends at line 29 while <message:StructureSpecificData> > <message:DataSet> are still open',
      },
    ]);
  });

  it('reports XML truncated inside an element with its line and column', () => {
    const text = new TextDecoder().decode(sharedFile('sdmx-ml_kyrgyzstan_10-7-2.xml').bytes);
    const result = readObservations({
      name: 'kg.xml',
      text: text.slice(0, text.indexOf('OBS_VALUE="', text.indexOf('PD_3')) + 'OBS_VALUE="'.length),
    });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({
      file: 'kg.xml',
      row: 28,
      message: expect.stringMatching(/^malformed XML at line 28, column \d+: /),
    });
  });

  it('refuses deeply nested XML', () => {
    const result = readObservations({ name: 'deep.xml', text: `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}` });
    expect(result.problems).toEqual([
      { file: 'deep.xml', message: 'the file nests deeper than 64 levels, the limit (element 65); nothing was read' },
    ]);
    expect(result.limitExceeded).toEqual({
      limit: 'depth',
      max: 64,
      message: 'the file nests deeper than 64 levels, the limit (element 65)',
    });
  });

  it('refuses XML that is not an SDMX data message', () => {
    expect(readObservations({ name: 'page.xml', text: '<html><body/></html>' }).problems).toEqual([
      {
        file: 'page.xml',
        row: 1,
        value: 'html',
        message:
          'not an SDMX-ML 2.1 data message: the root element is html; expected StructureSpecificData or GenericData (or their TimeSeries variants)',
      },
    ]);
  });

  it('reads hostile attribute names as plain data', () => {
    const xml =
      '<StructureSpecificData><DataSet><Obs __proto__="x" constructor="y" SERIES="SG_CPA_MIGRS" REF_AREA="4" COMPOSITE_BREAKDOWN="_T" TIME_PERIOD="2021" OBS_VALUE="3"/></DataSet></StructureSpecificData>';
    expect(readObservations({ name: 'a.xml', text: xml }).observations).toEqual([
      { series: 'SG_CPA_MIGRS', area: '4', year: 2021, domain: 'ALLDOMAINS', value: 3 },
    ]);
  });

  it('refuses a file without observations', () => {
    expect(
      readObservations({ name: 'empty.xml', text: '<StructureSpecificData><DataSet/></StructureSpecificData>' })
        .problems,
    ).toEqual([{ file: 'empty.xml', message: 'the file holds no observations' }]);
    expect(
      readObservations({ name: 'header.csv', text: 'SeriesCode,GeoAreaCode,TimePeriod,Value,[Policy Domains]\n' })
        .problems,
    ).toEqual([{ file: 'header.csv', message: 'the file holds no observations' }]);
  });

  it('reads UTF-16 with a byte-order mark', () => {
    const text = 'Year,Value\n2021,3\n';
    const bytes = new Uint8Array([0xff, 0xfe, ...Array.from(text).flatMap((char) => [char.charCodeAt(0), 0])]);
    expect(readObservations({ name: 'excel.csv', bytes }, { area: '124' }).observations).toEqual([
      { series: 'SG_CPA_MIGRS', area: '124', year: 2021, domain: 'ALLDOMAINS', value: 3 },
    ]);
  });

  it('refuses a 5 MB single line with its length and the limit', () => {
    const result = readObservations({ name: 'long.csv', text: `Year,Value\n${'9'.repeat(5 * 1024 * 1024)}\n` });
    expect(result.problems).toEqual([
      {
        file: 'long.csv',
        row: 2,
        message: 'line 2 is 5.0 MiB (5,242,880 bytes) long; the limit is 1.0 MiB (1,048,576 bytes) per line',
      },
    ]);
  });

  it('refuses a quoted cell that grows beyond the line bound over many short lines', () => {
    const result = readObservations(
      { name: 'tall.csv', text: `Year,Value\n2021,"${'abc\n'.repeat(300_000)}"\n` },
      { area: '124' },
    );
    expect(result.problems).toEqual([
      {
        file: 'tall.csv',
        row: 2,
        message: expect.stringMatching(
          /^malformed CSV at line \d+: Max Record Size: record exceed the maximum number of tolerated bytes of 1048576/,
        ),
      },
    ]);
  });

  it('reads SDMX-ML written on one long line: the line bound is for CSV only', () => {
    const text = new TextDecoder().decode(sharedFile('sdmx-ml_kyrgyzstan_10-7-2.xml').bytes);
    const series = text.slice(text.indexOf('<Series'), text.lastIndexOf('</Series>') + '</Series>'.length);
    // The same seven observations under many areas make a message of well over 1 MiB, on one line.
    const areas = Array.from({ length: 220 }, (_, index) => String(index + 1));
    const body = areas.map((area) => series.replaceAll('REF_AREA="417"', `REF_AREA="${area}"`)).join('');
    const oneLine =
      `${text.slice(0, text.indexOf('<Series'))}${body}${text.slice(text.lastIndexOf('</Series>') + '</Series>'.length)}`.replace(
        /\n\s*/g,
        ' ',
      );
    expect(oneLine.length).toBeGreaterThan(1024 * 1024);
    const result = readObservations({ name: 'one-line.xml', text: oneLine });
    expect(result.problems).toEqual([]);
    expect(result.observations).toHaveLength(220 * 7);
  });

  it('refuses a file above the configured size bound before reading it', () => {
    const result = readObservations(sharedFile('sg_cpa_migrs_by_country.ddf.csv'), { maxFileBytes: 10_000 });
    expect(result.problems).toEqual([
      { file: 'sg_cpa_migrs_by_country.ddf.csv', message: 'file is 49,567 bytes; the limit is 10,000 bytes' },
    ]);
  });

  it('refuses binary garbage as not text', () => {
    const garbage =
      fc.sample(fc.uint8Array({ minLength: 4096, maxLength: 4096 }), { seed: 7, numRuns: 1 })[0] ?? new Uint8Array();
    const result = readObservations({ name: 'image.png', bytes: garbage });
    expect(result.format).toBeUndefined();
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.message).toMatch(/^not a text file: /);
  });

  it('never throws on arbitrary bytes or text (seeded)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.string({ maxLength: 300, unit: 'binary' }).map((text) => new TextEncoder().encode(text)),
        ),
        (bytes) => {
          const result = readObservations({ name: 'fuzz', bytes }, { area: '124' });
          for (const problem of result.problems)
            expect(problem).toMatchObject({ file: 'fuzz', message: expect.stringMatching(/\S/) });
          if (result.problems.length > 0) expect(result.observations).toEqual([]);
        },
      ),
      { seed: 1072, numRuns: 300 },
    );
  });

  it('reads invalid UTF-8 in attribute values as replacement characters', () => {
    const head =
      '<StructureSpecificData><DataSet><Series SERIES="SG_CPA_MIGRS" REF_AREA="417" COMPOSITE_BREAKDOWN="_T"><Obs TIME_PERIOD="2019" OBS_VALUE="3" SOURCE_DETAIL="';
    const tail = '"/></Series></DataSet></StructureSpecificData>';
    const encoder = new TextEncoder();
    const bytes = new Uint8Array([...encoder.encode(head), 0x93, 0xc0, 0xff, 0x41, ...encoder.encode(tail)]);
    const result = readObservations({ name: 'kg.xml', bytes });
    expect(result.problems).toEqual([]);
    expect(result.observations[0]?.source).toBe('\ufffd\ufffd\ufffdA');
  });
});

describe('readObservations reporting problems', () => {
  it('reports every problem at once, each with row, column, value and reason', () => {
    const text = [
      SDG_HEADER,
      'SG_XXX,4,2021,3,ALLDOMAINS,NUMBER',
      'SG_CPA_MIGRS,4,2021,5,DOMAIN1,NUMBER',
      'SG_CPA_MIGRS,4,2021,2.5,DOMAIN2,NUMBER',
      'SG_CPA_MIGRS,4,2021,three,DOMAIN3,NUMBER',
      'SG_CPA_MIGRS,999,2021,3,DOMAIN4,NUMBER',
      'SG_CPA_MIGRS,AFG,2021,3,DOMAIN4,NUMBER',
      'SG_CPA_MIGRS,4,1990,3,DOMAIN5,NUMBER',
      'SG_CPA_MIGRS,4,2021,3,DOMAIN7,NUMBER',
      'SG_CPA_MIGRS,4,2021,3,DOMAIN6,PERCENT',
      'SG_CPA_MIGRP,1,2021,120,ALLDOMAINS,PERCENT',
      'SG_CPA_MIGRS,8,2021,3,DOMAIN6,NUMBER',
      'SG_CPA_MIGRS,8,2021,4,DOMAIN6,NUMBER',
      'SG_CPA_MIGRS,8,2021,4',
    ].join('\n');
    const result = read(text);
    expect(result.format).toBe('sdg-api-csv');
    expect(result.observations).toEqual([]);
    expect(result.problems).toEqual([
      {
        file: 'upload.csv',
        row: 2,
        column: 'SeriesCode',
        value: 'SG_XXX',
        message:
          'unknown series: expected SG_CPA_MIGRS or SG_CPA_MIGRP, a series description or a title of indicator 10.7.2',
      },
      {
        file: 'upload.csv',
        row: 3,
        column: 'Value',
        value: '5',
        message: 'SG_CPA_MIGRS values are the categories 1, 2, 3 or 4 (or N)',
      },
      {
        file: 'upload.csv',
        row: 4,
        column: 'Value',
        value: '2.5',
        message: 'SG_CPA_MIGRS values are the categories 1, 2, 3 or 4 (or N)',
      },
      { file: 'upload.csv', row: 5, column: 'Value', value: 'three', message: 'not a number (nor N, not applicable)' },
      {
        file: 'upload.csv',
        row: 6,
        column: 'GeoAreaCode',
        value: '999',
        message: 'unknown area: M49 code 999 is not a known area',
      },
      {
        file: 'upload.csv',
        row: 7,
        column: 'GeoAreaCode',
        value: 'AFG',
        message: 'not an M49 area code (one to three digits)',
      },
      {
        file: 'upload.csv',
        row: 8,
        column: 'TimePeriod',
        value: '1990',
        message: 'year 1990 is out of range 2015-2100',
      },
      {
        file: 'upload.csv',
        row: 9,
        column: '[Policy Domains]',
        value: 'DOMAIN7',
        message: 'unknown policy domain: "DOMAIN7" names domain 7; SDG 10.7.2 has domains 1 to 6',
      },
      {
        file: 'upload.csv',
        row: 10,
        column: '[Units]',
        value: 'PERCENT',
        message: 'unit PERCENT does not match series SG_CPA_MIGRS, whose unit is NUMBER',
      },
      {
        file: 'upload.csv',
        row: 11,
        column: 'Value',
        value: '120',
        message: 'SG_CPA_MIGRP values are percentages from 0 to 100 (or N)',
      },
      {
        file: 'upload.csv',
        row: 13,
        column: 'Value',
        value: '4',
        message: 'duplicate of row 12 (SG_CPA_MIGRS, area 8, 2021, DOMAIN6) with a different value: 3 there, 4 here',
      },
      { file: 'upload.csv', row: 14, value: 'SG_CPA_MIGRS,8,2021,4', message: 'row 14 has 4 cells; the header has 6' },
    ]);
  });

  it('checks SG_CPA_MIGRP values against their numerator and denominator', () => {
    const header = 'SeriesCode,GeoAreaCode,TimePeriod,Value,[Policy Domains],Numerator,Denominator';
    const result = read(
      [
        header,
        'SG_CPA_MIGRP,1,2019,54.1,ALLDOMAINS,60,111',
        'SG_CPA_MIGRP,1,2021,62.31884,ALLDOMAINS,86,138',
        'SG_CPA_MIGRP,1,2021,62.3,DOMAIN1,138,86',
        'SG_CPA_MIGRP,1,2021,37.7,DOMAIN2,86,138',
        'SG_CPA_MIGRP,1,2021,1,DOMAIN3,x,138',
      ].join('\n'),
    );
    expect(result.problems).toEqual([
      {
        file: 'upload.csv',
        row: 4,
        column: 'Numerator',
        value: '138',
        message: 'numerator 138 is larger than denominator 86',
      },
      {
        file: 'upload.csv',
        row: 5,
        column: 'Value',
        value: '37.7',
        message: 'value 37.7 does not match numerator and denominator: 86 of 138 is 62.31884%',
      },
      {
        file: 'upload.csv',
        row: 6,
        column: 'Numerator',
        value: 'x',
        message: 'not a count of countries (a whole number from 0)',
      },
    ]);
  });

  it('names an unknown label in a national file and how to fix it', () => {
    const result = read(
      'Year,Policy domain,Value\n2021,Domain 1. Migrant rights,3\n2021,Droits humains,3\n2021,Domain 9,2\n',
      { area: '124' },
    );
    expect(result.problems).toEqual([
      {
        file: 'upload.csv',
        row: 3,
        column: 'Policy domain',
        value: 'Droits humains',
        message:
          'unknown policy domain: "Droits humains" is not a policy-domain code (ALLDOMAINS, DOMAIN1..DOMAIN6, _T, PD_1..PD_6) nor a known label; add it to a label mapping file',
      },
      {
        file: 'upload.csv',
        row: 4,
        column: 'Policy domain',
        value: 'Domain 9',
        message: 'unknown policy domain: "Domain 9" names domain 9; SDG 10.7.2 has domains 1 to 6',
      },
    ]);
  });

  it('asks for the area option once when the file has no area column', () => {
    const result = read('Year,Value\n2021,3\n2019,3\n');
    expect(result.problems).toEqual([
      {
        file: 'upload.csv',
        message:
          'the file has no area column (GeoAreaCode, REF_AREA, geo_area or GeoCode): give the area of the whole file as an option (M49 code)',
      },
    ]);
  });

  it('refuses an area option that is not a known M49 code', () => {
    expect(read('Year,Value\n2021,3\n', { area: 'CAN' }).problems).toEqual([
      {
        file: 'upload.csv',
        column: '(area option)',
        value: 'CAN',
        message: 'the area option is not an M49 code (one to three digits)',
      },
    ]);
    expect(read('Year,Value\n2021,3\n', { area: '998' }).problems[0]?.message).toBe(
      'unknown area: M49 code 998 is not a known area',
    );
  });

  it('reports malformed quoting with its line and keeps checking the other rows', () => {
    const result = read(
      `${SDG_HEADER}\nSG_CPA_MIGRS,4,2021,3,ALL"DOMAINS,NUMBER\nSG_CPA_MIGRS,4,2021,9,DOMAIN1,NUMBER\n`,
    );
    expect(result.problems).toEqual([
      { file: 'upload.csv', row: 2, message: expect.stringMatching(/^malformed CSV at line 2: Invalid Opening Quote/) },
      {
        file: 'upload.csv',
        row: 3,
        column: 'Value',
        value: '9',
        message: 'SG_CPA_MIGRS values are the categories 1, 2, 3 or 4 (or N)',
      },
    ]);
  });

  it('reports an unclosed quote', () => {
    const result = read(`${SDG_HEADER}\nSG_CPA_MIGRS,4,2021,3,"DOMAIN1,NUMBER\n`);
    expect(result.problems).toEqual([
      { file: 'upload.csv', row: 2, message: expect.stringMatching(/^malformed CSV at line 2: Quote Not Closed/) },
    ]);
  });

  it('names the missing columns of a recognised format', () => {
    const result = read('SeriesCode,GeoAreaCode,TimePeriod,Value\nSG_CPA_MIGRS,4,2021,3\n');
    expect(result.problems).toEqual([
      { file: 'upload.csv', row: 1, message: 'missing column [Policy Domains] (required in the SDG API CSV)' },
    ]);
  });

  it('describes the expected headers when none is recognised', () => {
    const result = read('foo,bar\n1,2\n');
    expect(result.format).toBeUndefined();
    expect(result.problems[0]).toMatchObject({
      row: 1,
      value: 'foo,bar',
      message: expect.stringMatching(/^unrecognised header: expected the SDG API CSV/),
    });
  });

  it('refuses SDMX breakdowns that 10.7.2 does not use', () => {
    const text =
      'DATAFLOW,FREQ,SERIES,REF_AREA,SEX,COMPOSITE_BREAKDOWN,TIME_PERIOD,OBS_VALUE\nIAEG-SDGs:DF_SDG_GLH,M,SG_CPA_MIGRS,4,F,PD_1,2021,3\n';
    expect(read(text).problems).toEqual([
      { file: 'upload.csv', row: 2, column: 'FREQ', value: 'M', message: 'FREQ must be A (annual) for SDG 10.7.2' },
      {
        file: 'upload.csv',
        row: 2,
        column: 'SEX',
        value: 'F',
        message: 'SEX must be _T: SDG 10.7.2 is not broken down by sex',
      },
    ]);
  });

  it('gives SDMX-ML problems the line of the Obs element', () => {
    const text = new TextDecoder()
      .decode(sharedFile('sdmx-ml_kyrgyzstan_10-7-2.xml').bytes)
      .replace('COMPOSITE_BREAKDOWN="PD_4"', 'COMPOSITE_BREAKDOWN="PD_9"');
    const result = readObservations({ name: 'kg.xml', text }, { isKnownArea });
    expect(result.problems).toEqual([
      {
        file: 'kg.xml',
        row: 31,
        column: 'COMPOSITE_BREAKDOWN',
        value: 'PD_9',
        message: expect.stringMatching(/^unknown policy domain/),
      },
    ]);
  });

  it('lists a bounded number of problems and counts the rest', () => {
    const rows = Array.from({ length: 50 }, (_, index) => `SG_CPA_MIGRS,4,2021,9,DOMAIN${(index % 6) + 1},NUMBER`);
    const result = read([SDG_HEADER, ...rows].join('\n'), { maxProblems: 10 });
    expect(result.problems).toHaveLength(11);
    expect(result.problems[10]).toEqual({
      file: 'upload.csv',
      message: '40 more problems not listed (the first 10 are shown)',
    });
  });

  it('refuses JSON that is not migov JSON and unknown fields in migov JSON', () => {
    expect(read('{"a": 1}').problems[0]?.message).toMatch(
      /^JSON of an unknown kind: expected migov JSON \("format": "migov-observations"\), an SDG API answer/,
    );
    const json = JSON.stringify({
      format: 'migov-observations',
      version: 1,
      observations: [{ series: 'SG_CPA_MIGRS', area: '4', year: 2021, domain: 'DOMAIN1', value: 3, colour: 'red' }],
    });
    expect(read(json).problems).toEqual([
      { file: 'upload.csv', row: 1, column: 'colour', message: expect.stringMatching(/^unknown field "colour"/) },
    ]);
  });
});
