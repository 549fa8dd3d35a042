import { describe, expect, it } from 'vitest';
import { normaliseLabel } from './label-mapping.ts';
import { categoryNamedBy, headerHints, isPlaceholder } from './vocabulary.ts';
import { readObservations } from './read-observations.ts';

describe('placeholders', () => {
  it.each([
    '',
    '.',
    '..',
    '...',
    '…',
    '-',
    '—',
    ':',
    'x',
    'n/a',
    'N/A',
    'NA',
    'n.a.',
    'null',
    'not available',
    'Sin datos',
    'Pas de données',
    'нет данных',
  ])('"%s" marks a value not reported', (value) => {
    expect(isPlaceholder(value, normaliseLabel)).toBe(true);
  });

  it.each(['N', '0', '3', 'Meets', 'nation'])('"%s" is not a placeholder', (value) => {
    expect(isPlaceholder(value, normaliseLabel)).toBe(false);
  });
});

describe('categories in words', () => {
  it.each([
    ['Requires further progress', 1],
    ['Partially meets', 2],
    ['Meets', 3],
    ['Fully meets', 4],
    ['3 - Meets', 3],
    ['Cumple parcialmente', 2],
    ['Répond pleinement', 4],
    ['Частично соответствует', 2],
    ['Djelomično ispunjava', 2],
  ] as const)('"%s" is category %d', (label, category) => {
    expect(categoryNamedBy(normaliseLabel(label))).toBe(category);
  });

  it('refuses a number that contradicts its words, and other text', () => {
    expect(categoryNamedBy(normaliseLabel('2 - Fully meets'))).toBeUndefined();
    expect(categoryNamedBy(normaliseLabel('Meets expectations mostly'))).toBeUndefined();
  });

  it('reads a national file that writes categories in words', () => {
    const result = readObservations(
      {
        name: 'es.csv',
        text: 'Año,Ámbito,Resultado\n2021,Todos los dominios,Cumple\n2021,Dominio 1,Cumple parcialmente\n2021,Dominio 2,Cumple plenamente\n',
      },
      { area: '152' },
    );
    expect(result.problems).toEqual([]);
    expect(result.observations.map((observation) => `${observation.domain} ${observation.value}`)).toEqual([
      'ALLDOMAINS 3',
      'DOMAIN1 2',
      'DOMAIN2 4',
    ]);
  });
});

describe('footnote marks', () => {
  it('reads the number of a flagged value', () => {
    const result = readObservations(
      {
        name: 'en.csv',
        text: 'Year,Policy domain,Value\n2021,All domains,3*\n2021,Domain 1,2 (p)\n2021,Domain 2,4 †\n2021,Domain 3,3x\n',
      },
      { area: '124' },
    );
    expect(result.problems).toEqual([
      { file: 'en.csv', row: 5, column: 'Value', value: '3x', message: 'not a number (nor N, not applicable)' },
    ]);
    const flagged = readObservations(
      {
        name: 'en.csv',
        text: 'Year,Policy domain,Value\n2021,All domains,3*\n2021,Domain 1,2 (p)\n2021,Domain 2,4 †\n',
      },
      { area: '124' },
    );
    expect(flagged.observations.map((observation) => `${observation.domain} ${observation.value}`)).toEqual([
      'ALLDOMAINS 3',
      'DOMAIN1 2',
      'DOMAIN2 4',
    ]);
  });
});

describe('header words', () => {
  it.each([
    ['Migration policy area', 'POLICY_DOMAINS'],
    ['Područje politike', 'POLICY_DOMAINS'],
    ['Сфера политики', 'POLICY_DOMAINS'],
    ['المجال', 'POLICY_DOMAINS'],
    ['Año', 'YEAR'],
    ['Reporting round', 'YEAR'],
    ['Рік', 'YEAR'],
    ['Valeur', 'VALUE'],
    ['Значение', 'VALUE'],
    ['COMMENT_OBS', 'FOOTNOTE'],
    ['Observation status', 'METADATA'],
    ['Unit multiplier', 'UNITS'],
    ['ISO3', 'AREA'],
    ['Country', 'AREA_NAME'],
    ['Source', 'SOURCE'],
  ])('"%s" may hold %s', (header, hint) => {
    expect(headerHints(normaliseLabel(header))[0]).toBe(hint);
  });

  it('does not read short year words inside other words', () => {
    expect(headerHints(normaliseLabel('Area'))).toEqual([]);
    expect(headerHints(normaliseLabel('Anomaly'))).toEqual([]);
  });
});
