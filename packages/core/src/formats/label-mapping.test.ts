import { describe, expect, it } from 'vitest';
import { readObservations } from './read-observations.ts';
import {
  createLabelMapping,
  normaliseLabel,
  parseLabelMapping,
  parsePolicyDomainCode,
  resolveColumnRole,
  resolvePolicyDomain,
  resolveSeries,
} from './label-mapping.ts';
import { parseYearLabel } from './observation-builder.ts';

describe('normaliseLabel', () => {
  it('ignores case, diacritics, punctuation and spacing', () => {
    expect(normaliseLabel('Whole-of-government/ Evidence-based policies')).toBe(
      'whole of government evidence based policies',
    );
    expect(normaliseLabel('  Područje 1.Prava   migranata ')).toBe('podrucje 1 prava migranata');
  });
});

describe('parsePolicyDomainCode', () => {
  it('accepts the SDG API, DDF and SDMX spellings', () => {
    expect(
      ['ALLDOMAINS', 'alldomains', '_T', 'DOMAIN4', 'domain4', 'PD_4', ' PD_6 '].map(parsePolicyDomainCode),
    ).toEqual(['ALLDOMAINS', 'ALLDOMAINS', 'ALLDOMAINS', 'DOMAIN4', 'DOMAIN4', 'DOMAIN4', 'DOMAIN6']);
    expect(parsePolicyDomainCode('PD_7')).toBeUndefined();
  });
});

describe('resolvePolicyDomain', () => {
  it.each([
    ['Domain 1. Migrant rights', 'DOMAIN1'],
    ['Migrant rights (Domain 1)', 'DOMAIN1'],
    ['Whole-of-government/ Evidence-based policies (Domain 2)', 'DOMAIN2'],
    ['Safe, Orderly and regular migration (Domain 6)', 'DOMAIN6'],
    ['Područje 5.Opseg mobilnosti u kriznim situacijama ', 'DOMAIN5'],
    ['Ukupno', 'ALLDOMAINS'],
    ['All Domains', 'ALLDOMAINS'],
    ['Tous les domaines', 'ALLDOMAINS'],
    ['Droits des migrants', 'DOMAIN1'],
    ['Domaine 3 : Coopération et partenariats', 'DOMAIN3'],
    ['Dominio 4', 'DOMAIN4'],
    ['Migración segura, ordenada y regular', 'DOMAIN6'],
    ['Socioeconomic well-being', 'DOMAIN4'],
    ['Direitos dos migrantes', 'DOMAIN1'],
    ['Todos os domínios', 'ALLDOMAINS'],
    ['Домен 2', 'DOMAIN2'],
    ['Domain №5', 'DOMAIN5'],
  ])('maps "%s" to %s', (label, code) => {
    expect(resolvePolicyDomain(label)).toEqual({ code });
  });

  it('explains labels it cannot map', () => {
    expect(resolvePolicyDomain('Domain 0')).toEqual({ reason: 'names domain 0; SDG 10.7.2 has domains 1 to 6' });
    expect(resolvePolicyDomain('Domain 12')).toEqual({ reason: 'names domain 12; SDG 10.7.2 has domains 1 to 6' });
    expect(resolvePolicyDomain('Subdomain 1')).toMatchObject({
      reason: expect.stringMatching(/^is not a policy-domain code/),
    });
    expect(resolvePolicyDomain('Sonstiges')).toMatchObject({
      reason: expect.stringMatching(/add it to a label mapping file$/),
    });
  });
});

describe('resolvePolicyDomain on the wordings of national platforms', () => {
  it.each([
    // Numbers in the forms platforms write them.
    ['(1) migrant rights', 'DOMAIN1'],
    ['1. Migrant rights', 'DOMAIN1'],
    ['2 - Whole of government and evidence-based policies', 'DOMAIN2'],
    ['D3', 'DOMAIN3'],
    ['SG_CPA_MIGRS_DOMAIN4', 'DOMAIN4'],
    ['10.7.2 - Domain 5 (Mobility dimensions of crises)', 'DOMAIN5'],
    ['Policy area 6: Safe, orderly and regular migration', 'DOMAIN6'],
    // Names alone, in the platforms' own words and languages.
    ['Social and economic well-being of migrants', 'DOMAIN4'],
    ['Rights of migrants', 'DOMAIN1'],
    ['Partnerships and cooperation', 'DOMAIN3'],
    ['Domaine 5 : Dimensions des crises liées à la mobilité', 'DOMAIN5'],
    ['Migration sûre, ordonnée et régulière', 'DOMAIN6'],
    ['Cooperación y alianzas', 'DOMAIN3'],
    ['Bienestar socioeconómico de los migrantes', 'DOMAIN4'],
    ['Migração segura, ordenada e regular', 'DOMAIN6'],
    ['Bem-estar socioeconómico', 'DOMAIN4'],
    ['Права мигрантов', 'DOMAIN1'],
    ['Сотрудничество и партнёрство', 'DOMAIN3'],
    ['Аспекты мобильности в условиях кризисов', 'DOMAIN5'],
    ['Права мігрантів', 'DOMAIN1'],
    ['Безбедне, уредне и законите миграције', 'DOMAIN6'],
    ['حقوق المهاجرين', 'DOMAIN1'],
    ['التعاون والشراكات', 'DOMAIN3'],
    ['الهجرة الآمنة والمنظمة والنظامية', 'DOMAIN6'],
    ['Suradnja i partnerstva', 'DOMAIN3'],
    ['Sozioökonomisches Wohlergehen', 'DOMAIN4'],
    ['Samenwerking en partnerschappen', 'DOMAIN3'],
    ['Współpraca i partnerstwa', 'DOMAIN3'],
    ['Diritti dei migranti', 'DOMAIN1'],
    ['Мигранттардың құқықтары', 'DOMAIN1'],
    ['Ынтымақтастық және серіктестік', 'DOMAIN3'],
    ['Xavfsiz, tartibli va qonuniy migratsiya', 'DOMAIN6'],
    ['Hamkorlik va sheriklik', 'DOMAIN3'],
    ['Барлығы', 'ALLDOMAINS'],
    // Totals.
    ['Total (all domains)', 'ALLDOMAINS'],
    ['Overall', 'ALLDOMAINS'],
    ['Todos los ámbitos', 'ALLDOMAINS'],
    ['Ensemble des domaines', 'ALLDOMAINS'],
    ['Все сферы', 'ALLDOMAINS'],
    ['جميع المجالات', 'ALLDOMAINS'],
    ['Gesamt', 'ALLDOMAINS'],
  ])('maps "%s" to %s', (label, code) => {
    expect(resolvePolicyDomain(label)).toEqual({ code });
  });

  it('reads a bare number only where the column is known to hold domains', () => {
    expect(resolvePolicyDomain('3', undefined, { domainColumn: true })).toEqual({ code: 'DOMAIN3' });
    expect(resolvePolicyDomain('3')).toMatchObject({ reason: expect.stringMatching(/^is a bare number/) });
    expect(resolvePolicyDomain('7', undefined, { domainColumn: true })).toEqual({
      reason: 'names domain 7; SDG 10.7.2 has domains 1 to 6',
    });
  });

  it('refuses labels whose number and words disagree, words of several domains, and titles', () => {
    expect(resolvePolicyDomain('Domain 2. Migrant rights')).toEqual({
      reason:
        'names domain 2 but its words name DOMAIN1 (Migrant rights); correct the label or map it in a label mapping file',
    });
    expect(resolvePolicyDomain('4. Cooperation and partnerships')).toMatchObject({
      reason: expect.stringMatching(/^names domain 4 but its words name DOMAIN3/),
    });
    expect(resolvePolicyDomain('Migrant rights and cooperation')).toMatchObject({
      reason: expect.stringMatching(/^has words of several policy domains \(DOMAIN1, DOMAIN3\)/),
    });
    expect(
      resolvePolicyDomain(
        'Proportion of countries with migration policies to facilitate orderly, safe, regular and responsible migration and mobility of people',
      ),
    ).toMatchObject({ reason: expect.stringMatching(/^is not a policy-domain code/) });
    expect(resolvePolicyDomain('Human rights')).toMatchObject({
      reason: expect.stringMatching(/^is not a policy-domain code/),
    });
  });
});

describe('resolveSeries and resolveColumnRole', () => {
  it('maps series codes and descriptions, and header labels to column roles', () => {
    expect(resolveSeries('sg_cpa_migrs')).toBe('SG_CPA_MIGRS');
    expect(
      resolveSeries(
        'Proportion of countries with migration policies to facilitate orderly, safe, regular and responsible migration and mobility of people, by policy domain (%)',
      ),
    ).toBe('SG_CPA_MIGRP');
    expect(resolveSeries('SG_XXX')).toBeUndefined();
    // The indicator's titles over the years name the file's series; a percentage or the legend names its own.
    expect(resolveSeries('Number of countries that have implemented well-managed migration policies')).toBe(
      'SG_CPA_MIGRS',
    );
    expect(
      resolveSeries(
        'Number of countries with migration policies to facilitate orderly, safe, regular and responsible migration and mobility of people',
      ),
    ).toBe('SG_CPA_MIGRS');
    expect(
      resolveSeries(
        'Proportion of countries with migration policies that facilitate orderly, safe, regular and responsible migration and mobility of people',
        undefined,
        'SG_CPA_MIGRP',
      ),
    ).toBe('SG_CPA_MIGRP');
    expect(resolveSeries('Indicator 10.7.2')).toBe('SG_CPA_MIGRS');
    expect(resolveSeries('Pourcentage de pays dotés de politiques migratoires (%)')).toBe('SG_CPA_MIGRP');
    expect(
      resolveSeries(
        'Países con políticas migratorias (1 = Requiere mayores avances; 4 = Cumple plenamente)',
        undefined,
        'SG_CPA_MIGRP',
      ),
    ).toBe('SG_CPA_MIGRS');
    expect(resolveSeries('Доля стран, проводящих миграционную политику')).toBe('SG_CPA_MIGRS');
    expect(resolveSeries('Nombre de pays ayant mis en place des politiques de migration bien gérées')).toBe(
      'SG_CPA_MIGRS',
    );
    expect(resolveSeries('Liczba krajów z polityką migracyjną')).toBe('SG_CPA_MIGRS');
    expect(resolveSeries('Кількість країн з міграційною політикою')).toBe('SG_CPA_MIGRS');
    expect(resolveSeries('Proportion of seats held by women')).toBeUndefined();
    expect(
      ['Godina', 'Année', 'Value', 'Policy_Domains', 'GeoCode', 'Ukupno'].map((label) => resolveColumnRole(label)),
    ).toEqual(['YEAR', 'YEAR', 'VALUE', 'POLICY_DOMAINS', 'AREA', undefined]);
  });
});

describe('parseYearLabel', () => {
  it('reads years and rounds, a round meaning its later year', () => {
    expect(parseYearLabel('2021')).toEqual({ year: 2021 });
    expect(parseYearLabel('2019.0')).toEqual({ year: 2019 });
    expect(parseYearLabel('2020/2021')).toEqual({ year: 2021, timeDetail: '2020-2021' });
    expect(parseYearLabel('2018-2019')).toEqual({ year: 2019, timeDetail: '2018-2019' });
    expect(parseYearLabel('2018 – 2019')).toEqual({ year: 2019, timeDetail: '2018-2019' });
    expect(parseYearLabel('2018-2021')).toBeUndefined();
    expect(parseYearLabel('2020/21')).toEqual({ year: 2021, timeDetail: '2020-2021' });
    expect(parseYearLabel('2019-2021')).toEqual({ year: 2021, timeDetail: '2019-2021' });
    expect(parseYearLabel('2021-12-31')).toEqual({ year: 2021 });
    expect(parseYearLabel('2021-13-01')).toBeUndefined();
    expect(parseYearLabel('2021-19')).toBeUndefined();
    expect(parseYearLabel('21')).toBeUndefined();
  });
});

describe('parseLabelMapping', () => {
  it('reads JSON that extends the defaults, including column roles', () => {
    const parsed = parseLabelMapping(
      '{"Vuosi": "YEAR", "Arvo": "value", "Siirtolaisten oikeudet": "PD_1", "Yhteensä": "_T"}',
      'fi.json',
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries).toEqual([
      ['Vuosi', 'YEAR'],
      ['Arvo', 'VALUE'],
      ['Siirtolaisten oikeudet', 'DOMAIN1'],
      ['Yhteensä', 'ALLDOMAINS'],
    ]);
    const result = readObservations(
      { name: 'fi.csv', text: 'Vuosi,Yhteensä,Siirtolaisten oikeudet\n2021,3,4\n' },
      { area: '246', labels: parsed.mapping },
    );
    expect(result.problems).toEqual([]);
    expect(result.observations).toEqual([
      { series: 'SG_CPA_MIGRS', area: '246', year: 2021, domain: 'ALLDOMAINS', value: 3 },
      { series: 'SG_CPA_MIGRS', area: '246', year: 2021, domain: 'DOMAIN1', value: 4 },
    ]);
  });

  it('reads CSV with the header label,code, and the user’s entries win over the defaults', () => {
    const parsed = parseLabelMapping('label,code\r\n"Total, all",ALLDOMAINS\r\nMigrant rights,DOMAIN2\r\n', 'map.csv');
    expect(parsed.problems).toEqual([]);
    expect(resolvePolicyDomain('total all', parsed.mapping)).toEqual({ code: 'ALLDOMAINS' });
    expect(resolvePolicyDomain('Migrant rights', parsed.mapping)).toEqual({ code: 'DOMAIN2' });
    expect(resolvePolicyDomain('Migrant rights', createLabelMapping())).toEqual({ code: 'DOMAIN1' });
  });

  it('maps a header to IGNORE, so a column that holds no data is left out', () => {
    const text = 'Year,Sex,Value\n2021,Female,3\n';
    expect(readObservations({ name: 'a.csv', text }, { area: '124' }).problems[0]?.message).toMatch(
      /^column "Sex" is not understood/,
    );
    const parsed = parseLabelMapping('label,code\nSex,IGNORE\n', 'map.csv');
    expect(parsed.entries).toEqual([['Sex', 'IGNORE']]);
    expect(readObservations({ name: 'a.csv', text }, { area: '124', labels: parsed.mapping }).observations).toEqual([
      { series: 'SG_CPA_MIGRS', area: '124', year: 2021, domain: 'ALLDOMAINS', value: 3 },
    ]);
  });

  it('reports every bad entry with its row', () => {
    const parsed = parseLabelMapping('label,code\nA,DOMAIN9\n,DOMAIN1\nC,DOMAIN1,extra\nD,SG_CPA_MIGRP\n', 'map.csv');
    expect(parsed.entries).toEqual([['D', 'SG_CPA_MIGRP']]);
    expect(parsed.problems).toEqual([
      {
        file: 'map.csv',
        row: 2,
        column: 'code',
        value: 'DOMAIN9',
        message: expect.stringMatching(/^unknown code for label "A": expected ALLDOMAINS/),
      },
      { file: 'map.csv', row: 3, column: 'code', value: '', message: 'empty label' },
      { file: 'map.csv', row: 4, value: 'C,DOMAIN1,extra', message: 'row 4 has 3 cells; expected 2 (label,code)' },
    ]);
  });

  it('refuses files of the wrong shape', () => {
    expect(parseLabelMapping('{"a": 1}', 'm.json').problems[0]?.message).toMatch(/^a JSON label mapping is one object/);
    expect(parseLabelMapping('{"a": ', 'm.json').problems[0]?.message).toMatch(/^not valid JSON/);
    expect(parseLabelMapping('name,value\nx,DOMAIN1\n', 'm.csv').problems).toEqual([
      {
        file: 'm.csv',
        row: 1,
        value: 'name,value',
        message: 'a CSV label mapping starts with the header "label,code"',
      },
    ]);
  });
});
