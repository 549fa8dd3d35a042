/* @jsxRuntime automatic */
import { describe, expect, it } from 'vitest';
import type { Topology } from 'topojson-specification';
import { renderDocument } from '../../ssr/static-site.tsx';
import { projectWorld } from '../../charts/world-map-state.ts';
import type { AreaSummary } from '@migov/server/api';
import { PartnershipsPage } from './PartnershipsPage.tsx';
import { PartnershipPage } from './PartnershipPage.tsx';
import type { PartnershipData } from './partnerships-data.ts';
import type { PartnershipDetail, PartnershipSummary } from './partnership-state.ts';

/** Two square "countries" in a fixed topology. */
const topology = {
  type: 'Topology',
  arcs: [
    [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ],
    [
      [20, 0],
      [30, 0],
      [30, 10],
      [20, 10],
      [20, 0],
    ],
  ],
  objects: {
    countries: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Polygon', id: '004', properties: { name: 'Afghanistan' }, arcs: [[0]] },
        { type: 'Polygon', id: '840', properties: { name: 'United States of America' }, arcs: [[1]] },
      ],
    },
  },
} as unknown as Topology;

const summary = (
  id: string,
  acronym: string,
  name: string,
  founding: PartnershipSummary['founding'],
): PartnershipSummary => ({
  id,
  acronym,
  name,
  type: 'regional-consultative-process',
  types: [{ type: 'regional-consultative-process', asOf: '2017', source: 'IOM overview 2017' }],
  typeText: 'RCP',
  region: 'Asia',
  founding,
  secretariat: { text: 'IOM', source: 'iom.int', unverified: false },
  memberCountReported: { text: '12', source: 'iom.int', unverified: false },
  memberCount: 1,
  source: 'iom.int/rcps',
});

const colombo = summary('colombo-process', 'CP', 'Colombo Process', [
  { year: 2003, text: '2003', source: 'iom.int/colombo', unverified: false },
  { year: 2002, text: '2002', source: 'older overview', unverified: false },
]);
const bali = {
  ...summary('bali-process', 'BP', 'Bali Process', [
    { year: 2002, text: '2002', source: 'baliprocess.net', unverified: false },
  ]),
  memberCount: 12,
};

const detail: PartnershipDetail = {
  ...colombo,
  asOf: null,
  members: [
    {
      id: 'm1',
      process: 'colombo-process',
      area: '4',
      name: 'Afghanistan',
      role: 'Member State',
      kind: 'member',
      asOf: '2023',
      source: 'iom.int/colombo',
      unverified: false,
    },
    {
      id: 'm2',
      process: 'colombo-process',
      area: '840',
      name: 'United States',
      role: 'observer',
      kind: 'observer',
      asOf: 'current page',
      source: 'iom.int/colombo',
      unverified: false,
    },
  ],
  membershipRecords: [
    {
      id: 'r1',
      process: 'colombo-process',
      area: '4',
      name: 'Afghanistan',
      role: 'Member State',
      kind: 'member',
      asOf: '2023',
      from: '2003',
      until: '2010',
      source: 'old list',
      unverified: false,
    },
  ],
  types: [
    { type: 'interregional-forum', asOf: '2013', source: 'IOM overview 2013' },
    { type: 'regional-consultative-process', asOf: 'current page', source: 'iom.int' },
  ],
  meetings: [
    {
      id: 'g1',
      process: 'colombo-process',
      title: 'Sixth Ministerial Consultation',
      date: '25-26 October 2011',
      year: 2011,
      place: 'Kathmandu',
      theme: 'Labour mobility',
      outcomes: [{ title: 'Kathmandu Declaration', source: 'x' }],
      source: 'iom.int',
      unverified: false,
    },
  ],
  memberCategories: null,
  groupResults: {
    method: 'm',
    source: 's',
    containsDemo: false,
    rounds: [
      {
        year: 2023,
        membersAsOf: '2023',
        domains: [
          {
            domain: 'DOMAIN1',
            numerator: 0,
            denominator: 0,
            percent: null,
            coverage: { members: 1, responding: 0, notApplicable: 0, missing: 1 },
            provenance: {
              kind: 'computed',
              label: 'Computed by migov from 0 of 1 countries',
              responding: 0,
              members: 1,
            },
            responding: [],
            missing: ['484'],
            members: ['484'],
            meeting: [],
            notApplicable: [],
            unresolved: [],
          },
          {
            domain: 'ALLDOMAINS',
            numerator: 1,
            denominator: 1,
            percent: 100,
            coverage: { members: 1, responding: 1, notApplicable: 0, missing: 0 },
            provenance: {
              kind: 'computed',
              label: 'Computed by migov from 1 of 1 countries',
              responding: 1,
              members: 1,
            },
            responding: ['484'],
            missing: [],
            members: ['484'],
            meeting: [],
            notApplicable: [],
            unresolved: [],
          },
        ],
      },
    ],
  },
};

const areas = new Map<string, AreaSummary>([
  ['4', { code: '4', name: 'Afghanistan', kind: 'country' } as AreaSummary],
  ['840', { code: '840', name: 'United States of America', kind: 'country' } as AreaSummary],
]);

const data: PartnershipData = {
  areas,
  rounds: [],
  process: detail,
  processes: [colombo, bali],
  overlaps: [{ processes: ['bali-process', 'colombo-process'], shared: ['4'] }],
  instrument: undefined,
  map: projectWorld(topology),
};

describe('the partnership pages (rendered on fixed data)', () => {
  it('lists the processes with links, type, member count, and conflicting founding years with their sources', () => {
    const html = renderDocument(
      { view: 'partnerships', lang: 'en' },
      <PartnershipsPage data={{ processes: [colombo, bali] }} />,
      { base: '/', title: 'Partnerships' },
    );
    expect(html).toContain('<a lang="en" href="/en/partnerships/colombo-process/">Colombo Process</a>');
    expect(html).toContain('href="/en/partnerships/bali-process/"');
    expect(html.indexOf('Bali Process')).toBeLessThan(html.indexOf('Colombo Process'));
    expect(html).toContain('Regional consultative process');
    expect(html).toContain('<strong>2002</strong> <small>(older overview)</small>');
    expect(html).toContain('<strong>2003</strong> <small>(iom.int/colombo)</small>');
    // Agreeing sources give one plain year.
    expect(html).toContain('<td>2002</td>');
    expect(html).toMatch(/aria-current="page"[^>]*>Partnerships</);
    // The counted members, with the source's own figure only when it differs.
    expect(html).toContain('<td>1 <small>(reported by the source: 12)</small></td>');
    expect(html).toContain('<td>12</td>');
  });

  it('shows a member list that is not compiled with its reason, never as 0, and marks an unverified reported figure', () => {
    const budapest: PartnershipSummary = {
      ...summary('budapest-process', 'Budapest Process', 'Budapest Process', []),
      memberCount: null,
      memberCountNotCompiled: 'only a document-mirror copy lists the members',
      memberCountReported: {
        text: '~50',
        source: 'iom.int',
        unverified: true,
        unverifiedReason: 'the compilation could not confirm it',
      },
    };
    const html = renderDocument(
      { view: 'partnerships', lang: 'en' },
      <PartnershipsPage data={{ processes: [budapest] }} />,
      { base: '/', title: 'Partnerships' },
    );
    expect(html).toContain('not compiled: only a document-mirror copy lists the members');
    expect(html).toContain('reported by the source, not verified: ~50 (the compilation could not confirm it)');
    expect(html).not.toMatch(/<td>0\b/);
    const page = renderDocument(
      { view: 'partnership', lang: 'en', id: 'budapest-process' },
      <PartnershipPage data={{ ...data, process: { ...detail, ...budapest } }} />,
      { base: '/', title: 'BP' },
    );
    expect(page).toContain('members: not compiled: only a document-mirror copy lists the members');
    expect(page).not.toContain('members: 0');
  });

  it('draws the member map with linked, named members, and a members table as its alternative', () => {
    const html = renderDocument(
      { view: 'partnership', lang: 'en', id: 'colombo-process' },
      <PartnershipPage data={data} />,
      { base: '/', title: 'CP' },
    );
    expect(html).toContain('<h1 lang="en">Colombo Process (CP)</h1>');
    expect(html).toMatch(
      /<a href="\/en\/country\/4\/" aria-label="Afghanistan: Member" class="map-country" data-code="4">/,
    );
    expect(html).toMatch(/aria-label="United States of America: Observer"/);
    expect(html).toContain('Members of CP');
    expect(html).toContain('<details class="chart-table">');
    // A role that only repeats the kind is not shown twice.
    expect(html).not.toContain('Observer (observer)');
    expect(html).toContain('Member (Member State)');
    expect(html).toContain('<td>current page</td>');
  });

  it('keeps the type history and every membership record with its dates and source', () => {
    const html = renderDocument(
      { view: 'partnership', lang: 'en', id: 'colombo-process' },
      <PartnershipPage data={data} />,
      { base: '/', title: 'CP' },
    );
    expect(html).toContain('<li>Interregional forum — 2013 <small>(IOM overview 2013)</small></li>');
    expect(html).toContain(
      '<th scope="row">Afghanistan</th><td lang="en">Member State</td><td>2003</td><td>2010</td><td lang="en">2023</td><td><small lang="en">old list</small></td>',
    );
    // Without scripts there is no date control; a dated page says so.
    expect(html).not.toContain('name="asOf"');
    const dated = renderDocument(
      { view: 'partnership', lang: 'en', id: 'colombo-process', asOf: '2015' },
      <PartnershipPage data={data} asOf="2015" />,
      { base: '/', title: 'CP' },
    );
    expect(dated).toContain('Members and shared members as of 2015.');
  });

  it('shows the group results: all domains first, percentage, n of N and coverage; a dash without responding members', () => {
    const html = renderDocument(
      { view: 'partnership', lang: 'en', id: 'colombo-process' },
      <PartnershipPage data={data} />,
      { base: '/', title: 'CP' },
    );
    const results = html.slice(html.indexOf('data-testid="group-results"'));
    expect(results.indexOf('All domains')).toBeLessThan(results.indexOf('DOMAIN1'));
    expect(results).toContain('<td>100%</td><td>1 of 1</td><td>1 of 1 members</td>');
    expect(results).toContain('<td>DOMAIN1</td><td>–</td><td>0 of 0</td><td>0 of 1 members</td>');
  });

  it('lists the overlapping processes with the shared members, and the meetings with outcomes', () => {
    const html = renderDocument(
      { view: 'partnership', lang: 'en', id: 'colombo-process' },
      <PartnershipPage data={data} />,
      { base: '/', title: 'CP' },
    );
    const overlaps = html.slice(html.indexOf('data-testid="overlaps"'));
    expect(overlaps).toContain(
      '<a href="/en/partnerships/bali-process/">Bali Process (BP)</a></th><td>1</td><td>Afghanistan</td>',
    );
    expect(html).toContain('Kathmandu Declaration');
  });

  it('renders right to left in Arabic with translated headings', async () => {
    await import('../../i18n/catalogues/index.ts');
    const html = renderDocument(
      { view: 'partnership', lang: 'ar', id: 'colombo-process' },
      <PartnershipPage data={data} />,
      { base: '/', title: 'CP' },
    );
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('الأعضاء المشتركون');
    expect(html).toContain('href="/ar/partnerships/bali-process/"');
  });
});
