import { describe, expect, it } from 'vitest';
import { readObservations } from './read-observations.ts';
import { createLabelMapping, normaliseLabel, parseLabelMapping, parsePolicyDomainCode, resolveColumnRole, resolvePolicyDomain, resolveSeries } from './label-mapping.ts';
import { parseYearLabel } from './observation-builder.ts';

describe('normaliseLabel', () => {
  it('ignores case, diacritics, punctuation and spacing', () => {
    expect(normaliseLabel('Whole-of-government/ Evidence-based policies')).toBe('whole of government evidence based policies');
    expect(normaliseLabel('  Područje 1.Prava   migranata ')).toBe('podrucje 1 prava migranata');
  });
});

describe('parsePolicyDomainCode', () => {
  it('accepts the SDG API, DDF and SDMX spellings', () => {
    expect(['ALLDOMAINS', 'alldomains', '_T', 'DOMAIN4', 'domain4', 'PD_4', ' PD_6 '].map(parsePolicyDomainCode)).toEqual(['ALLDOMAINS', 'ALLDOMAINS', 'ALLDOMAINS', 'DOMAIN4', 'DOMAIN4', 'DOMAIN4', 'DOMAIN6']);
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
    expect(resolvePolicyDomain('Subdomain 1')).toMatchObject({ reason: expect.stringMatching(/^is not a policy-domain code/) });
    expect(resolvePolicyDomain('Sonstiges')).toMatchObject({ reason: expect.stringMatching(/add it to a label mapping file$/) });
  });
});

describe('resolveSeries and resolveColumnRole', () => {
  it('maps series codes and descriptions, and header labels to column roles', () => {
    expect(resolveSeries('sg_cpa_migrs')).toBe('SG_CPA_MIGRS');
    expect(resolveSeries('Proportion of countries with migration policies to facilitate orderly, safe, regular and responsible migration and mobility of people, by policy domain (%)')).toBe('SG_CPA_MIGRP');
    expect(resolveSeries('SG_XXX')).toBeUndefined();
    expect(['Godina', 'Année', 'Value', 'Policy_Domains', 'GeoCode', 'Ukupno'].map((label) => resolveColumnRole(label))).toEqual(['YEAR', 'YEAR', 'VALUE', 'POLICY_DOMAINS', 'AREA', undefined]);
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
    expect(parseYearLabel('21')).toBeUndefined();
  });
});

describe('parseLabelMapping', () => {
  it('reads JSON that extends the defaults, including column roles', () => {
    const parsed = parseLabelMapping('{"Vuosi": "YEAR", "Arvo": "value", "Siirtolaisten oikeudet": "PD_1", "Yhteensä": "_T"}', 'fi.json');
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries).toEqual([
      ['Vuosi', 'YEAR'],
      ['Arvo', 'VALUE'],
      ['Siirtolaisten oikeudet', 'DOMAIN1'],
      ['Yhteensä', 'ALLDOMAINS'],
    ]);
    const result = readObservations({ name: 'fi.csv', text: 'Vuosi,Yhteensä,Siirtolaisten oikeudet\n2021,3,4\n' }, { area: '246', labels: parsed.mapping });
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

  it('reports every bad entry with its row', () => {
    const parsed = parseLabelMapping('label,code\nA,DOMAIN9\n,DOMAIN1\nC,DOMAIN1,extra\nD,SG_CPA_MIGRP\n', 'map.csv');
    expect(parsed.entries).toEqual([['D', 'SG_CPA_MIGRP']]);
    expect(parsed.problems).toEqual([
      { file: 'map.csv', row: 2, column: 'code', value: 'DOMAIN9', message: expect.stringMatching(/^unknown code for label "A": expected ALLDOMAINS/) },
      { file: 'map.csv', row: 3, column: 'code', value: '', message: 'empty label' },
      { file: 'map.csv', row: 4, value: 'C,DOMAIN1,extra', message: 'row 4 has 3 cells; expected 2 (label,code)' },
    ]);
  });

  it('refuses files of the wrong shape', () => {
    expect(parseLabelMapping('{"a": 1}', 'm.json').problems[0]?.message).toMatch(/^a JSON label mapping is one object/);
    expect(parseLabelMapping('{"a": ', 'm.json').problems[0]?.message).toMatch(/^not valid JSON/);
    expect(parseLabelMapping('name,value\nx,DOMAIN1\n', 'm.csv').problems).toEqual([{ file: 'm.csv', row: 1, value: 'name,value', message: 'a CSV label mapping starts with the header "label,code"' }]);
  });
});
