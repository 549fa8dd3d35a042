import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../observations/observation.ts';
import { formatCsvRows, neutraliseTextCell, restoreTextCell } from './csv-table.ts';
import { formatDdfCsv } from './ddf-csv.ts';
import { formatJson } from './json.ts';
import { readObservations } from './read-observations.ts';
import { formatSdgCsv, SDG_CSV_COLUMNS } from './sdg-api-csv.ts';
import { formatSdmxCsv } from './sdmx-csv.ts';
import { decodeXmlReferences, escapeXmlAttribute, formatSdmxMl } from './sdmx-ml.ts';
import { sharedFile } from './shared-files.test-helpers.ts';

const kyrgyzstan: Observation = {
  series: 'SG_CPA_MIGRS',
  area: '417',
  year: 2019,
  domain: 'DOMAIN3',
  value: 4,
  timeDetail: '2018-2019',
  nature: 'C',
  source: 'UN Inquiry',
};
const world: Observation = {
  series: 'SG_CPA_MIGRP',
  area: '1',
  year: 2021,
  domain: 'ALLDOMAINS',
  value: 62.31884,
  nature: 'G',
  numerator: 86,
  denominator: 138,
};
const hostile: Observation = {
  series: 'SG_CPA_MIGRS',
  area: '124',
  year: 2021,
  domain: 'DOMAIN1',
  value: 3,
  footnote: '=HYPERLINK("http://x","click")',
  source: '@SUM(A1:A9)',
};

describe('formatSdgCsv', () => {
  it('writes the SDG API columns, then Numerator and Denominator', () => {
    const lines = formatSdgCsv([kyrgyzstan, world], {
      areaName: (m49) => ({ '417': 'Kyrgyzstan', '1': 'World' })[m49],
    }).split('\r\n');
    expect(lines[0]).toBe(
      'Goal,Target,Indicator,SeriesCode,SeriesDescription,GeoAreaCode,GeoAreaName,TimePeriod,Value,Time_Detail,Source,FootNote,[Nature],[Policy Domains],[Reporting Type],[Units],Numerator,Denominator',
    );
    expect(lines[0]?.split(',')).toEqual([...SDG_CSV_COLUMNS]);
    expect(lines[1]).toMatch(
      /^10,10\.7,10\.7\.2,SG_CPA_MIGRS,"Countries with migration policies to facilitate orderly, safe, regular and responsible migration and mobility of people, by policy domain \(1 = Requires further progress; 2 = Partially meets; 3 = Meets; 4 = Fully meets\)",417,Kyrgyzstan,2019,4,2018-2019,UN Inquiry,,C,DOMAIN3,G,NUMBER,,$/,
    );
    expect(lines[2]).toMatch(/,1,World,2021,62\.31884,,,,G,ALLDOMAINS,G,PERCENT,86,138$/);
    expect(lines[3]).toBe('');
  });

  it('neutralises formulas in text cells with an apostrophe', () => {
    const line = formatSdgCsv([hostile]).split('\r\n')[1] ?? '';
    expect(line).toContain(`,'@SUM(A1:A9),"'=HYPERLINK(""http://x"",""click"")",`);
    expect(readObservations({ name: 'x.csv', text: formatSdgCsv([hostile]) }).observations).toEqual([hostile]);
  });
});

describe('formatCsvRows', () => {
  it('writes numbers as numbers, negative ones included, and the same text neutralised', () => {
    expect(formatCsvRows(['a', 'b'], [[-1, '-1']])).toBe("a,b\r\n-1,'-1\r\n");
  });
});

describe('neutraliseTextCell', () => {
  it('prefixes an apostrophe to cells a spreadsheet would run, and restoreTextCell removes exactly it', () => {
    const cases = [
      ['=1+1', "'=1+1"],
      ['+33 1 23', "'+33 1 23"],
      ['-x', "'-x"],
      ['@cmd', "'@cmd"],
      ['\tTab', "'\tTab"],
      ['\rCR', "'\rCR"],
      ["'=already", "''=already"],
      ["it's", "it's"],
      ["'quoted'", "'quoted'"],
      ['a=b', 'a=b'],
    ] as const;
    for (const [text, written] of cases) {
      expect(neutraliseTextCell(text)).toBe(written);
      expect(restoreTextCell(written)).toBe(text);
    }
  });
});

describe('formatSdmxCsv', () => {
  it('writes SDMX-CSV 1.0 for IAEG-SDGs:DF_SDG_GLH with the dimensions in key order', () => {
    const text = formatSdmxCsv([kyrgyzstan], { dataflowVersion: '1.0' });
    expect(text).toBe(
      'DATAFLOW,FREQ,REPORTING_TYPE,SERIES,REF_AREA,SEX,AGE,URBANISATION,INCOME_WEALTH_QUANTILE,EDUCATION_LEV,OCCUPATION,CUST_BREAKDOWN,COMPOSITE_BREAKDOWN,DISABILITY_STATUS,ACTIVITY,PRODUCT,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,NATURE,TIME_DETAIL,SOURCE_DETAIL,COMMENT_OBS\r\n' +
        'IAEG-SDGs:DF_SDG_GLH(1.0),A,G,SG_CPA_MIGRS,417,_T,_T,_T,_T,_T,_T,_T,PD_3,_T,_T,_T,2019,4,NUMBER,0,C,2018-2019,UN Inquiry,\r\n',
    );
  });

  it('neutralises formulas', () => {
    expect(formatSdmxCsv([hostile])).toContain(`,'@SUM(A1:A9),"'=HYPERLINK(`);
  });
});

describe('formatSdmxMl', () => {
  it('writes a well-formed structure-specific message shaped like published ones', () => {
    const xml = formatSdmxMl([kyrgyzstan, { ...kyrgyzstan, domain: 'DOMAIN4', value: 3 }, hostile], {
      prepared: '2026-11-27T00:00:00Z',
      sender: 'KG_NSC',
    });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<message:Prepared>2026-11-27T00:00:00Z</message:Prepared>');
    expect(xml).toContain('<message:Sender id="KG_NSC"/>');
    expect(xml).toContain(
      '<Series FREQ="A" REPORTING_TYPE="G" SERIES="SG_CPA_MIGRS" REF_AREA="417" SEX="_T" AGE="_T" URBANISATION="_T" INCOME_WEALTH_QUANTILE="_T" EDUCATION_LEV="_T" OCCUPATION="_T" CUST_BREAKDOWN="_T" COMPOSITE_BREAKDOWN="PD_3" DISABILITY_STATUS="_T" ACTIVITY="_T" PRODUCT="_T" UNIT_MEASURE="NUMBER">',
    );
    expect(xml).toContain(
      '<Obs TIME_PERIOD="2019" OBS_VALUE="4" UNIT_MULT="0" NATURE="C" TIME_DETAIL="2018-2019" SOURCE_DETAIL="UN Inquiry"/>',
    );
    expect(xml).toContain('COMMENT_OBS="=HYPERLINK(&quot;http://x&quot;,&quot;click&quot;)"');
    expect(xml.match(/<Series /g)).toHaveLength(3);
  });

  it('writes what reads back like the published Kyrgyz file', () => {
    const published = readObservations(sharedFile('sdmx-ml_kyrgyzstan_10-7-2.xml')).observations;
    const again = readObservations({
      name: 'again.xml',
      text: formatSdmxMl(published, { prepared: '2026-11-27T00:00:00Z' }),
    });
    expect(again.problems).toEqual([]);
    expect(again.observations).toEqual(published);
  });

  it('escapes markup and replaces characters XML 1.0 cannot carry', () => {
    expect(escapeXmlAttribute('a<b>&"c"\n\t\r')).toBe('a&lt;b&gt;&amp;&quot;c&quot;&#10;&#9;&#13;');
    expect(escapeXmlAttribute('bell\u0007 lone\ud800 pair😀')).toBe('bell\ufffd lone\ufffd pair😀');
    expect(decodeXmlReferences('&lt;&#10;&#x41;&amp;amp;&nbsp;&#0;')).toBe('<\nA&amp;&nbsp;\ufffd');
  });
});

describe('formatJson', () => {
  it('writes the format name, its version and the observations with their fields in a fixed order', () => {
    expect(JSON.parse(formatJson([world]))).toEqual({
      format: 'migov-observations',
      version: 1,
      observations: [world],
    });
    expect(formatJson([{ value: 3, domain: 'DOMAIN1', year: 2021, area: '4', series: 'SG_CPA_MIGRS' }])).toBe(
      '{\n  "format": "migov-observations",\n  "version": 1,\n  "observations": [\n    {\n      "series": "SG_CPA_MIGRS",\n      "area": "4",\n      "year": 2021,\n      "domain": "DOMAIN1",\n      "value": 3\n    }\n  ]\n}\n',
    );
  });
});

describe('formatDdfCsv', () => {
  it('writes one series in the DDF layout with lower-case codes', () => {
    expect(formatDdfCsv([kyrgyzstan, world], 'SG_CPA_MIGRS')).toBe(
      'geo_area,nature,policy_domains,units,year,sg_cpa_migrs\r\n417,c,domain3,number,2019,4\r\n',
    );
  });
});
