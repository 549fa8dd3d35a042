import { describe, expect, it } from 'vitest';
import { parseRoute, formatRoute, type Route } from '../../app/routes.ts';
import {
  categoryClasses,
  foundingConflicts,
  foundingYears,
  groupResultRows,
  memberClasses,
  overlapsOf,
  parseAsOfInput,
  sortMembers,
  type FoundingClaim,
  type PartnershipMembership,
} from './partnership-state.ts';

const claim = (year: number | undefined, source: string, text = String(year)): FoundingClaim => ({
  ...(year === undefined ? {} : { year }),
  text,
  source,
  unverified: false,
});
const membership = (
  id: string,
  area: string | undefined,
  kind: 'member' | 'observer',
  name = id,
): PartnershipMembership => ({
  id,
  process: 'p',
  ...(area ? { area } : {}),
  name,
  role: kind,
  kind,
  asOf: '2023',
  source: 's',
  unverified: false,
});

describe('partnership routes', () => {
  const cases: [string, Route][] = [
    ['/en/partnerships/', { view: 'partnerships', lang: 'en' }],
    ['/ar/partnerships/colombo-process/', { view: 'partnership', lang: 'ar', id: 'colombo-process' }],
    [
      '/fr/partnerships/bali-process/?asOf=2015-06',
      { view: 'partnership', lang: 'fr', id: 'bali-process', asOf: '2015-06' },
    ],
  ];
  it.each(cases)('parses %s and formats it back', (url, route) => {
    const [path, query = ''] = url.split('?');
    expect(parseRoute(path!, query)).toEqual(route);
    expect(formatRoute(route)).toBe(url);
  });

  it('treats a bad process id or a deeper path as not found', () => {
    expect(parseRoute('/en/partnerships/<x>/').view).toBe('not-found');
    expect(parseRoute('/en/partnerships/a/b/').view).toBe('not-found');
    expect(parseRoute('/en/partnerships/a/', 'asOf=2015-13')).toEqual({ view: 'partnership', lang: 'en', id: 'a' });
  });
});

describe('foundingConflicts and foundingYears', () => {
  it.each([
    [[], false],
    [[claim(1991, 'a')], false],
    [[claim(1991, 'a'), claim(1991, 'b')], false],
    [[claim(1993, 'a'), claim(1991, 'b')], true],
    [[claim(undefined, 'a', 'early 1990s'), claim(1991, 'b')], true],
  ] as [FoundingClaim[], boolean][])('finds a conflict in %j: %s', (founding, expected) => {
    expect(foundingConflicts(founding)).toBe(expected);
  });

  it('lists distinct years oldest first, each with every source that gives it', () => {
    expect(foundingYears([claim(1993, 'a'), claim(1991, 'b'), claim(1993, 'c'), claim(1993, 'a')])).toEqual([
      { label: '1991', sources: ['b'], unverified: false },
      { label: '1993', sources: ['a', 'c'], unverified: false },
    ]);
  });

  it('puts a founding text without a year after the years', () => {
    expect(foundingYears([claim(undefined, 'a', 'c.2000'), claim(1999, 'b')]).map((entry) => entry.label)).toEqual([
      '1999',
      'c.2000',
    ]);
  });
});

describe('memberClasses', () => {
  it('classes members, observers and leaves records without an area off the map', () => {
    const classes = memberClasses([
      membership('1', '004', 'member'),
      membership('2', '840', 'observer'),
      membership('3', undefined, 'member'),
    ]);
    expect([...classes.entries()]).toEqual([
      ['4', { kind: 'category', code: 4, meets: true }],
      ['840', { kind: 'category', code: 2, meets: false }],
    ]);
  });

  it('lets a member record win over an observer record of the same area, in either order', () => {
    expect(memberClasses([membership('1', '4', 'observer'), membership('2', '4', 'member')]).get('4')).toEqual({
      kind: 'category',
      code: 4,
      meets: true,
    });
    expect(memberClasses([membership('2', '4', 'member'), membership('1', '4', 'observer')]).get('4')).toEqual({
      kind: 'category',
      code: 4,
      meets: true,
    });
  });
});

describe('categoryClasses', () => {
  it('colours members by their own category, N as not applicable, and leaves members without a value as no data', () => {
    const members = [
      membership('1', '004', 'member'),
      membership('2', '050', 'member'),
      membership('3', '356', 'observer'),
      membership('4', '524', 'member'),
      membership('5', undefined, 'member'),
    ];
    const classes = categoryClasses(members, { values: { '4': 2, '50': 'N', '356': 4, '840': 1 } });
    expect([...classes.entries()]).toEqual([
      ['4', { kind: 'category', code: 2, meets: false }],
      ['50', { kind: 'not-applicable' }],
      ['356', { kind: 'category', code: 4, meets: true }],
    ]);
  });
});

describe('sortMembers', () => {
  it('puts full members first, then sorts by name in the language', () => {
    const sorted = sortMembers(
      [
        membership('a', '1', 'observer', 'Zeta'),
        membership('b', '2', 'member', 'Beta'),
        membership('c', '3', 'member', 'Alpha'),
      ],
      'en',
      (member) => member.name,
    );
    expect(sorted.map((member) => member.name)).toEqual(['Alpha', 'Beta', 'Zeta']);
  });
});

describe('groupResultRows', () => {
  const domain = (code: string, numerator: number, denominator: number, percent: number | null, members = 5) => ({
    domain: code,
    numerator,
    denominator,
    percent,
    provenance: {
      kind: 'computed' as const,
      label: `Computed by migov from ${denominator} of ${members} countries`,
      responding: denominator,
      members,
    },
    coverage: { members, responding: denominator, notApplicable: 0, missing: members - denominator },
    members: [],
    responding: [],
    meeting: [],
    notApplicable: [],
    missing: [],
    unresolved: [],
  });

  it('orders rounds latest first and puts all domains first, then domains in numeric order', () => {
    const rows = groupResultRows([
      { year: 2019, membersAsOf: '2019', domains: [domain('DOMAIN2', 1, 2, 50)] },
      {
        year: 2023,
        membersAsOf: '2023',
        domains: [domain('DOMAIN10', 0, 1, 0), domain('DOMAIN2', 2, 4, 50), domain('ALLDOMAINS', 3, 4, 75)],
      },
    ]);
    expect(rows.map((row) => `${row.year}:${row.domain}`)).toEqual([
      '2023:ALLDOMAINS',
      '2023:DOMAIN2',
      '2023:DOMAIN10',
      '2019:DOMAIN2',
    ]);
    expect(rows[0]).toEqual({
      year: 2023,
      domain: 'ALLDOMAINS',
      numerator: 3,
      denominator: 4,
      percent: 75,
      members: 5,
      responding: 4,
      notApplicable: 0,
      missing: 1,
      provenance: { kind: 'computed', label: 'Computed by migov from 4 of 5 countries', responding: 4, members: 5 },
    });
  });

  it('gives no percentage when no member responded, never 0 %', () => {
    expect(
      groupResultRows([{ year: 2023, membersAsOf: '2023', domains: [domain('ALLDOMAINS', 0, 0, null)] }])[0]!.percent,
    ).toBeUndefined();
    expect(
      groupResultRows([{ year: 2023, membersAsOf: '2023', domains: [domain('ALLDOMAINS', 0, 3, 0)] }])[0]!.percent,
    ).toBe(0);
  });
});

describe('overlapsOf', () => {
  it('keeps the pairs of the process, names the other side, most shared first and codes in numeric order', () => {
    const overlaps = overlapsOf('b', [
      { processes: ['a', 'b'], shared: ['840', '4'] },
      { processes: ['b', 'c'], shared: ['12', '100', '4'] },
      { processes: ['a', 'c'], shared: ['4'] },
      { processes: ['b', 'd'], shared: [] },
    ]);
    expect(overlaps).toEqual([
      { other: 'c', shared: ['4', '12', '100'] },
      { other: 'a', shared: ['4', '840'] },
    ]);
  });

  it('breaks ties by the other process id', () => {
    expect(
      overlapsOf('x', [
        { processes: ['x', 'z'], shared: ['1'] },
        { processes: ['y', 'x'], shared: ['2'] },
      ]).map((entry) => entry.other),
    ).toEqual(['y', 'z']);
  });
});

describe('parseAsOfInput', () => {
  it.each([
    ['', { ok: true, asOf: undefined }],
    ['  ', { ok: true, asOf: undefined }],
    ['2015', { ok: true, asOf: '2015' }],
    [' 2015-06 ', { ok: true, asOf: '2015-06' }],
    ['2015-06-30', { ok: true, asOf: '2015-06-30' }],
    ['2015-13', { ok: false }],
    ['2015-06-32', { ok: false }],
    ['15', { ok: false }],
    ['June 2015', { ok: false }],
  ] as const)('reads %j as %j', (text, expected) => {
    expect(parseAsOfInput(text)).toEqual(expected);
  });
});
