import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test-support/shared-data.ts';
import { AreaNotFoundError, GeographyDefinitionError, asOfKey, parseDateKey } from './area.ts';
import {
  areaMembers,
  areasContaining,
  createGeography,
  defaultGeography,
  findArea,
  findAreaByName,
  getArea,
  listAreas,
} from './geography.ts';
import { SDG_REGIONS } from './sdg-regions.data.ts';

const readCsv = (relativePath: string): Record<string, string>[] =>
  parse(readFileSync(sharedData(relativePath), 'utf8'), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];

const unName = new Map(readCsv('un-sdg-10-7-2/geo_area.ddf.csv').map((row) => [row.geo_area!, row.name!]));
const countryFileAreas = new Set(readCsv('un-sdg-10-7-2/sg_cpa_migrs_by_country.ddf.csv').map((row) => row.geo_area!));
const publishedFixtureAreas = new Set(
  (
    parse(readFileSync(new URL('../../test/fixtures/sg_cpa_migrp_published.ddf.csv', import.meta.url), 'utf8'), {
      columns: true,
    }) as Record<string, string>[]
  ).map((row) => row.geo_area!),
);

describe('findArea', () => {
  it.each([
    ['4', '4'],
    ['004', '4'],
    [4, '4'],
    [' 4 ', '4'],
    ['AF', '4'],
    ['af', '4'],
    ['AFG', '4'],
    ['afg', '4'],
    ['GB', '826'],
    ['CIV', '384'],
    ['001', '1'],
    ['830', '830'],
    ['680', '680'],
    ['199', '199'],
    ['062', '62'],
  ])('finds %j as area %s', (input, code) => {
    expect(findArea(input)?.code).toBe(code);
  });

  it.each(['ZZ', 'ZZZ', '999', '1000', '', 'Kenya', 'XK'])('finds nothing for %j', (input) => {
    expect(findArea(input)).toBeUndefined();
  });

  it('gives ISO alpha-2 and alpha-3 codes with the UN name', () => {
    expect(getArea('KEN')).toMatchObject({
      code: '404',
      m49: '404',
      name: 'Kenya',
      kind: 'country',
      alpha2: 'KE',
      alpha3: 'KEN',
      parent: '14',
    });
    expect(getArea('384').name).toBe("Côte d'Ivoire");
    expect(getArea('35').name).toBe('South-Eastern Asia');
  });

  it('finds by UN name, ignoring case', () => {
    expect(findAreaByName("côte d'ivoire")?.code).toBe('384');
    expect(findAreaByName('Least Developed Countries (LDCs)')?.code).toBe('199');
    expect(findAreaByName('Atlantis')).toBeUndefined();
  });
});

describe('getArea', () => {
  it('throws a typed not-found error', () => {
    expect(() => getArea('XYZ')).toThrow(AreaNotFoundError);
    expect(() => getArea(999)).toThrow('unknown area: 999');
  });
});

describe('the M49 hierarchy', () => {
  it('lists 250 countries and areas, and counts the 243 with a population in the world, as the UN does', () => {
    const countries = listAreas({ kind: 'country' });
    expect(countries).toHaveLength(250);
    expect(areaMembers('1')).toHaveLength(243);
    for (const code of ['10', '74', '86', '239', '260', '334', '581']) {
      expect(areaMembers('1'), code).not.toContain(code);
      expect(areasContaining(code), code).toEqual([]);
      expect(areaMembers(code)).toEqual([code]);
    }
    expect(areaMembers('5')).not.toContain('74'); // South America without Bouvet Island
    for (const country of countries.filter(
      (area) => !['10', '74', '86', '239', '260', '334', '581'].includes(area.code),
    ))
      expect(areasContaining(country.code)[0]).toBe('1');
  });

  it('gives every country except Antarctica, Sark and Kosovo both ISO codes', () => {
    const withoutIso = listAreas({ kind: 'country' }).filter((area) => !area.alpha2 || !area.alpha3);
    expect(withoutIso.map((area) => area.code).sort()).toEqual(['412', '680']);
    const alpha2 = listAreas({ kind: 'country' }).flatMap((area) => (area.alpha2 ? [area.alpha2] : []));
    expect(new Set(alpha2).size).toBe(alpha2.length);
  });

  it('places the Channel Islands in Northern Europe', () => {
    expect(areaMembers('830')).toEqual(['680', '831', '832']);
    expect(areasContaining('831')).toEqual(['1', '150', '154', '830', '513', '514']);
  });

  it('lists regions, sub-regions and intermediate regions', () => {
    expect(listAreas({ kind: 'region' }).map((area) => area.code)).toEqual(['2', '9', '19', '142', '150']);
    expect(listAreas({ kind: 'intermediate-region' }).map((area) => area.code)).toEqual([
      '5',
      '11',
      '13',
      '14',
      '17',
      '18',
      '29',
      '830',
    ]);
    expect(listAreas({ kind: 'sub-region' })).toHaveLength(17);
  });
});

describe('SDG regions', () => {
  it('lists the eight SDG regions', () => {
    expect(
      listAreas({ kind: 'sdg-region' })
        .map((area) => area.code)
        .sort((a, b) => Number(a) - Number(b)),
    ).toEqual(['53', '62', '202', '419', '513', '543', '747', '753']);
  });

  it.each(SDG_REGIONS.map((region) => [region.code, region.components] as const))(
    'composes %s of its M49 components',
    (code, components) => {
      const union = [...new Set(components.flatMap((component) => areaMembers(component)))].sort(
        (a, b) => Number(a) - Number(b),
      );
      expect(areaMembers(code)).toEqual(union);
    },
  );

  it('partitions the world except Antarctica', () => {
    const seen = new Map<string, string>();
    for (const region of SDG_REGIONS) {
      for (const country of areaMembers(region.code)) {
        expect(seen.get(country), `${country} in ${seen.get(country)} and ${region.code}`).toBeUndefined();
        seen.set(country, region.code);
      }
    }
    expect([...seen.keys()].sort()).toEqual(
      areaMembers('1')
        .filter((code) => code !== '10')
        .sort(),
    );
  });
});

describe('development groupings with dated membership', () => {
  // LDC graduations (UN DESA): a year stands for 1 January; a country is a member up to the day before graduation.
  it.each([
    ['Botswana', '72', 1994, true],
    ['Botswana', '72', 1995, false],
    ['Cabo Verde', '132', 2007, true],
    ['Cabo Verde', '132', 2008, false],
    ['Maldives', '462', 2010, true],
    ['Maldives', '462', 2011, false],
    ['Samoa', '882', 2013, true],
    ['Samoa', '882', 2014, false],
    ['Equatorial Guinea', '226', 2017, true],
    ['Equatorial Guinea', '226', '2017-06-03', true],
    ['Equatorial Guinea', '226', '2017-06-04', false],
    ['Equatorial Guinea', '226', 2019, false],
    ['Vanuatu', '548', 2020, true],
    ['Vanuatu', '548', 2021, false],
    ['Bhutan', '64', 2023, true],
    ['Bhutan', '64', 2024, false],
    ['São Tomé and Príncipe', '678', 2024, true],
    ['São Tomé and Príncipe', '678', 2025, false],
    ['South Sudan', '728', 2012, true],
    ['South Sudan', '728', 2011, false],
    ['Senegal', '686', 1999, false],
    ['Senegal', '686', 2000, true],
  ])('counts %s (%s) as an LDC on %s: %s', (_name, code, asOf, member) => {
    expect(areaMembers('199', { asOf }).includes(code)).toBe(member);
    expect(areasContaining(code, { asOf }).includes('199')).toBe(member);
  });

  it.each([
    [1972, 24], // the 24 countries UN DESA's timeline lists for 1971
    [2019, 47],
    [2021, 46],
    [2024, 45],
    [2025, 44],
  ])('has the right number of LDCs in %i', (asOf, count) => {
    expect(areaMembers('199', { asOf })).toHaveLength(count);
  });

  it('takes open-ended membership when no date is given', () => {
    expect(areaMembers('199')).toEqual(areaMembers('199', { asOf: 2025 }));
  });

  it('has 32 LLDCs and 52 SIDS, and Bahrain is not a SIDS', () => {
    expect(areaMembers('432', { asOf: 2019 })).toHaveLength(32);
    expect(areaMembers('722', { asOf: 2019 })).toHaveLength(52);
    expect(areaMembers('722', { asOf: 2019 })).not.toContain('48');
  });

  it('splits the world into developed and developing regions', () => {
    const developed = areaMembers('514');
    const developing = areaMembers('515');
    expect(developed).toEqual(expect.arrayContaining(['392', '376', '196', '826', '840', '36']));
    expect(developed.filter((code) => developing.includes(code))).toEqual([]);
    // The world counts no area without a population (Antarctica among them), so the two make it up exactly.
    expect(developed.length + developing.length).toBe(areaMembers('1').length);
  });
});

describe('names and codes against the UN SDG Global Database', () => {
  it('knows every area of the SDG 10.7.2 data, under its UN name', () => {
    const used = new Set([...countryFileAreas, ...publishedFixtureAreas]);
    for (const code of used) {
      const area = findArea(code);
      expect(area, `area ${code}`).toBeDefined();
      expect(area!.name, `name of ${code}`).toBe(unName.get(code));
    }
  });

  it('spells every area the SDG database also lists as the database does', () => {
    for (const area of listAreas()) {
      if (unName.has(area.code)) expect(area.name, `name of ${area.code}`).toBe(unName.get(area.code));
    }
  });
});

describe('createGeography with user-defined groups', () => {
  const budapest = {
    id: 'budapest-process',
    name: 'Budapest Process',
    kind: 'regional-consultative-process',
    source: 'IOM Overview of Principal ISCMs 2017',
    members: [
      { area: 'ALB' },
      { area: 'AM' },
      { area: '040', from: '1993' },
      { area: 'TUR', from: '2000', until: '2030' },
    ],
  };

  it('adds groups without changing the built-in geography', () => {
    const geography = createGeography({ groups: [budapest] });
    expect(geography.getArea('budapest-process')).toMatchObject({
      name: 'Budapest Process',
      kind: 'regional-consultative-process',
    });
    expect(geography.areaMembers('budapest-process', { asOf: 2017 })).toEqual(['8', '40', '51', '792']);
    expect(geography.areaMembers('budapest-process', { asOf: 1995 })).toEqual(['8', '40', '51']);
    expect(geography.areasContaining('AUT', { asOf: 2017 })).toContain('budapest-process');
    expect(geography.listAreas({ kind: 'regional-consultative-process' })).toHaveLength(1);
    expect(defaultGeography.findArea('budapest-process')).toBeUndefined();
    expect(areasContaining('AUT', { asOf: 2017 })).not.toContain('budapest-process');
  });

  it('expands regions and other groups named as members, and takes excluded areas out', () => {
    const geography = createGeography({
      groups: [
        { id: 'g-a', name: 'A', kind: 'test', members: [{ area: '143' }], excluded: [{ area: 'KAZ' }] },
        { id: 'g-b', name: 'B', kind: 'test', members: [{ area: 'g-a' }, { area: 'MNG' }] },
      ],
    });
    expect(geography.areaMembers('g-b')).toEqual(['417', '496', '762', '795', '860']);
  });

  it('keeps members that are no area as opaque jurisdictions', () => {
    const geography = createGeography({
      groups: [{ id: 'provinces', name: 'Provinces', kind: 'test', members: [{ area: 'CA-ON' }, { area: 'CA-QC' }] }],
    });
    expect(geography.areaMembers('provinces')).toEqual(['CA-ON', 'CA-QC']);
    expect(geography.areasContaining('CA-ON')).toEqual(['provinces']);
    expect(geography.isJurisdiction('CA-ON')).toBe(true);
    expect(geography.isJurisdiction('CA-XX')).toBe(false);
    expect(geography.isJurisdiction('KEN')).toBe(true);
    expect(geography.isJurisdiction('14')).toBe(false);
  });

  it.each([
    ['a numeric id', { id: '999', name: 'X', kind: 'k', members: [] }, 'numeric ids are M49 codes'],
    ['an id taken by an area', { id: 'KEN', name: 'X', kind: 'k', members: [] }, 'is already 404 Kenya'],
    ['an empty name', { id: 'x', name: ' ', kind: 'k', members: [] }, 'invalid group name'],
    ['the kind country', { id: 'x', name: 'X', kind: 'country', members: [] }, 'invalid group kind'],
    ['an unknown M49 member', { id: 'x', name: 'X', kind: 'k', members: [{ area: '999' }] }, 'not an M49 code'],
    [
      'a bad date',
      { id: 'x', name: 'X', kind: 'k', members: [{ area: 'KEN', from: '2020-13-01' }] },
      'invalid from date',
    ],
    [
      'until before from',
      { id: 'x', name: 'X', kind: 'k', members: [{ area: 'KEN', from: '2020', until: '2019' }] },
      'is not after from',
    ],
  ])('rejects %s', (_what, group, message) => {
    expect(() => createGeography({ groups: [group] })).toThrow(GeographyDefinitionError);
    expect(() => createGeography({ groups: [group] })).toThrow(message);
  });

  it('rejects duplicate ids and membership cycles', () => {
    const group = { id: 'x', name: 'X', kind: 'k', members: [{ area: 'KEN' }] };
    expect(() => createGeography({ groups: [group, group] })).toThrow('is already x X');
    expect(() =>
      createGeography({
        groups: [
          { id: 'p', name: 'P', kind: 'k', members: [{ area: 'q' }] },
          { id: 'q', name: 'Q', kind: 'k', members: [{ area: 'p' }] },
        ],
      }),
    ).toThrow('membership cycle');
  });
});

describe('immutability', () => {
  it('hands out frozen areas and lists', () => {
    expect(Object.isFrozen(getArea('KEN'))).toBe(true);
    expect(Object.isFrozen(getArea('199').members)).toBe(true);
    expect(Object.isFrozen(listAreas())).toBe(true);
    expect(Object.isFrozen(areaMembers('14'))).toBe(true);
    expect(Object.isFrozen(areasContaining('KEN', { asOf: 2019 }))).toBe(true);
    expect(() => (listAreas() as unknown as unknown[]).sort()).toThrow(TypeError);
  });
});

describe('dates', () => {
  it.each([
    ['2019', 20190101],
    ['2019-06', 20190601],
    ['2017-06-04', 20170604],
  ])('reads %s', (text, key) => {
    expect(parseDateKey(text)).toBe(key);
  });

  it.each(['19', '2019-6', '2019-00-01', 'June 2019'])('rejects %s', (text) => {
    expect(() => parseDateKey(text)).toThrow('invalid date');
  });

  it('reads a year as 1 January and rejects a year that is not one', () => {
    expect(asOfKey(2021)).toBe(20210101);
    expect(() => asOfKey(2021.5)).toThrow('invalid asOf: 2021.5');
    expect(asOfKey(undefined)).toBe(Number.POSITIVE_INFINITY);
  });
});
