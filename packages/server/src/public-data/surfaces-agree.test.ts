/**
 * One store of results: on a fresh installation (first start: migrations, the official snapshot, demo
 * content) every server-side public surface shows the same 10.7.2 value with the same provenance, and a
 * national publication made through the workflow appears beside the official value everywhere at once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containsDemo, SDG_10_7_2_V2019, SNAPSHOT_SERIES, type CountryResult } from '@migov/core';
import { listIndicatorDatasets, listObservations, type MigovDatabase } from '@migov/db';
import { sharedData } from '../../../../test-support/shared-data.ts';
import type { MigovApp } from '../app.ts';
import { bootstrapDatabase } from '../start-server.ts';
import {
  asUser,
  createTestApp,
  createTestDatabase,
  createTestUser,
  DIALECTS,
  invitationToken,
  signIn,
  type SignedIn,
} from '../testing/test-app.ts';
import { countryResults } from './results-service.ts';
import { disagreements, readServerSurfaces } from './surfaces.test-helper.ts';

/** Data rows of the shared file of a snapshot series. */
function sharedRows(series: string): number {
  const code = series.toLowerCase();
  const path = code.startsWith('sg_cpa_')
    ? sharedData(`un-sdg-10-7-2/${code}_by_${code === 'sg_cpa_migrs' ? 'country' : 'area'}.ddf.csv`)
    : sharedData(
        `un-sdg-migration/${readdirSync(sharedData('un-sdg-migration')).find((file) => file.startsWith(`ddf--datapoints--${code}--`)) ?? ''}`,
      );
  return (
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '').length - 1
  );
}

/** Argentina, Mexico, Kazakhstan, Brazil, Morocco: official in 2019 and/or 2021, demo publications for some. */
const AREAS = ['32', '484', '398', '76', '504'];
/** Every item at its first option (the best answer): "fully meets" in every domain. */
const BEST_ANSWERS = SDG_10_7_2_V2019.domains.flatMap((domain) =>
  domain.items.map((item) => ({ itemId: item.id, optionId: SDG_10_7_2_V2019.scales[item.scale]?.[0]?.id ?? '' })),
);

describe.each(DIALECTS)('every public surface reads the one results store (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  let admin: SignedIn;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    await bootstrapDatabase(db, { demo: true, adminPassword: 'a long enough password' });
    app = await createTestApp(db);
    await createTestUser(
      db,
      'analyst@example.org',
      [{ role: 'administrator', scope: { kind: 'global' } }],
      'Test Administrator',
    );
    admin = await signIn(app, 'analyst@example.org');
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('has the official snapshot after first start: row counts per series as the UN files have them, loaded once', async () => {
    const snapshot = (await app.inject('/api/v1/official-data')).json() as {
      snapshot: { id: string; label: string; origin: string; series: { series: string; rows: number }[] };
    };
    expect(snapshot.snapshot).toMatchObject({
      origin: 'bundled',
      label: expect.stringMatching(/^UN SDG Global Database, retrieved \d{4}-\d{2}-\d{2}$/),
    });
    for (const { series } of SNAPSHOT_SERIES)
      expect(snapshot.snapshot.series.find((entry) => entry.series === series)?.rows, series).toBe(sharedRows(series));
    expect(await listObservations(db, { series: 'SG_CPA_MIGRS' })).toHaveLength(sharedRows('SG_CPA_MIGRS'));
    expect(await listObservations(db, { series: 'SG_CPA_MIGRP' })).toHaveLength(sharedRows('SG_CPA_MIGRP'));
    const datasets = await listIndicatorDatasets(db);
    for (const { series, indicator } of SNAPSHOT_SERIES.filter((entry) => entry.indicator !== '10.7.2')) {
      const stored = datasets.filter((dataset) => dataset.series === series);
      expect(
        stored.reduce((sum, dataset) => sum + dataset.observationCount, 0),
        series,
      ).toBe(sharedRows(series));
      for (const dataset of stored)
        expect(dataset).toMatchObject({
          indicator,
          source: { name: snapshot.snapshot.label, format: 'official-snapshot' },
        });
    }
    // A second start loads nothing again.
    expect((await bootstrapDatabase(db, { demo: true })).loadedSnapshot).toBeUndefined();
    expect(await listObservations(db, { series: 'SG_CPA_MIGRS' })).toHaveLength(sharedRows('SG_CPA_MIGRS'));
  });

  it('serves the official world figure of 2021, 62.3% of 138 responding countries, labelled official with its snapshot, apart from the computed one', async () => {
    const aggregates = (await app.inject('/api/v1/aggregates/2021?group=1')).json() as {
      official: {
        area: string;
        domain: string;
        value: number;
        coverage: { responding: number; publishedPerCountry: number } | null;
        provenance: { kind: string; snapshot?: { id: string } };
      }[];
      computed: { area: string; domain: string; provenance: { kind: string } }[];
    };
    const world = aggregates.official.find((entry) => entry.area === '1' && entry.domain === 'ALLDOMAINS');
    expect(world?.value.toFixed(1)).toBe('62.3');
    expect(world?.coverage).toEqual({ responding: 138, publishedPerCountry: 89 });
    expect(world?.provenance).toMatchObject({
      kind: 'official',
      snapshot: { id: expect.stringMatching(/^official-/) },
    });
    expect(
      aggregates.computed.find((entry) => entry.area === '1' && entry.domain === 'ALLDOMAINS')?.provenance.kind,
    ).toBe('computed');
    const world2019 = (await app.inject('/api/v1/aggregates/2019?group=1')).json() as typeof aggregates;
    expect(world2019.official.find((entry) => entry.domain === 'ALLDOMAINS')).toMatchObject({
      value: 54.1,
      coverage: { responding: 111 },
    });
  });

  it('gives Mexico its official 2019 and 2021 results, with the demo publications beside them labelled demo', async () => {
    const mexico = (await app.inject('/api/v1/areas/MEX/results')).json() as {
      items: CountryResult[];
      containsDemo: boolean;
    };
    expect(mexico.items.filter((result) => result.shown === 'official').map((result) => result.year)).toEqual([
      2019, 2021,
    ]);
    for (const result of mexico.items) {
      if (result.national) expect(result.national.provenance.kind).toBe('demo');
      expect(result.value.provenance.kind).not.toBe('national');
    }
    expect(mexico.containsDemo).toBe(true);
  });

  it('shows Argentina 2019 and the other countries alike in the API, every download, gaps, brief and partnership group results', async () => {
    for (const year of [2019, 2021]) {
      const { reference, surfaces } = await readServerSurfaces(app, { year, areas: AREAS, briefAuthor: asUser(admin) });
      expect(reference.results.find((result) => result.area === '32')?.value.provenance.kind).toBe('official');
      expect(surfaces.map((surface) => surface.name)).toEqual(
        expect.arrayContaining(['POST /briefs', 'download xlsx', 'GET /partnerships/:id group results']),
      );
      expect(disagreements(reference, AREAS, surfaces), `${year}`).toEqual([]);
    }
  }, 120_000);

  it('never labels demo values official in any download', async () => {
    // 2023 holds demo publications only.
    const { reference, surfaces, downloads } = await readServerSurfaces(app, {
      year: 2023,
      areas: ['32', '218', '484'],
    });
    expect(reference.results.length).toBeGreaterThan(0);
    for (const result of reference.results) expect(result.value.provenance.kind).toBe('demo');
    expect(disagreements(reference, ['32', '218', '484'], surfaces)).toEqual([]);
    for (const year of [2019, 2021, 2023]) {
      const csv = (await app.inject(`/api/v1/downloads/${year}/csv`)).body;
      for (const line of csv.split('\r\n').filter((entry) => entry.includes('DEMO DATA')))
        expect(line).not.toMatch(/,C,[A-Z0-9]+,[GN],/);
      for (const line of csv.split('\r\n').filter((entry) => /,C,[A-Z0-9]+,[GN],/.test(entry)))
        expect(line).not.toContain('DEMO');
      const sdmx = (await app.inject(`/api/v1/downloads/${year}/sdmx-ml`)).body;
      const shownDemo = (
        (await app.inject(`/api/v1/results/${year}?limit=500`)).json() as { items: CountryResult[] }
      ).items.some((result) => result.value.provenance.kind === 'demo');
      expect(sdmx).toContain(`<message:Test>${shownDemo}</message:Test>`);
    }
    expect(downloads.get('sdmx-ml')?.toString()).toContain('<message:Test>true</message:Test>');
    const json = JSON.parse(downloads.get('json')?.toString() ?? '{}') as {
      containsDemo: boolean;
      observations: { nature?: string }[];
      provenance: { kind: string }[];
    };
    expect(json.containsDemo).toBe(true);
    expect(json.observations.every((observation) => observation.nature !== 'C')).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(downloads.get('xlsx') as unknown as ArrayBuffer);
    expect(String(book.getWorksheet('About')?.getCell('A3').value)).toContain('Demo data');
  });

  it('puts a national publication made through the workflow beside the official value in every surface at once, and makes it the value where the UN has none', async () => {
    async function invite(email: string, role: string): Promise<SignedIn> {
      const invited = await app.inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers: asUser(admin),
        payload: { email, role, scope: { kind: 'area', area: '398' } },
      });
      expect(invited.statusCode, invited.body).toBe(201);
      const accepted = await app.inject({
        method: 'POST',
        url: '/api/v1/invitations/accept',
        payload: { token: invitationToken(invited), name: `Kazakhstan ${role}`, password: 'a long enough password' },
      });
      expect(accepted.statusCode, accepted.body).toBe(200);
      return signIn(app, email, 'a long enough password');
    }
    const focalPoint = await invite('fp@kz.example.org', 'focal-point');
    const reviewer = await invite('reviewer@kz.example.org', 'reviewer');
    const coordinator = await invite('nc@kz.example.org', 'national-coordinator');
    const rounds = (await app.inject({ url: '/api/v1/rounds', headers: asUser(admin) })).json() as {
      items: { id: string; year: number }[];
    };
    for (const year of [2021, 2023]) {
      const round = rounds.items.find((entry) => entry.year === year);
      // The seeded round closed long ago: an administrator reopens it to enter this assessment.
      const reopened = await app.inject({
        method: 'POST',
        url: `/api/v1/rounds/${round?.id}/reopen`,
        headers: asUser(admin),
        payload: { closesOn: '2099-12-31' },
      });
      expect(reopened.statusCode, reopened.body).toBe(200);
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/assessments',
        headers: asUser(coordinator),
        payload: { jurisdiction: '398', roundId: round?.id },
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().assessment.id as string;
      // "Fully meets" in every domain, unlike the UN's 2021 result (overall 3, domain 1: 2).
      const saved = await app.inject({
        method: 'PATCH',
        url: `/api/v1/assessments/${id}/responses`,
        headers: asUser(focalPoint, { 'if-match': created.headers.etag as string }),
        payload: { changes: BEST_ANSWERS },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const submitted = await app.inject({
        method: 'POST',
        url: `/api/v1/assessments/${id}/submit`,
        headers: asUser(focalPoint, { 'if-match': saved.headers.etag as string }),
      });
      const validated = await app.inject({
        method: 'POST',
        url: `/api/v1/assessments/${id}/validate`,
        headers: asUser(reviewer, { 'if-match': submitted.headers.etag as string }),
      });
      const published = await app.inject({
        method: 'POST',
        url: `/api/v1/assessments/${id}/publish`,
        headers: asUser(coordinator, { 'if-match': validated.headers.etag as string }),
      });
      expect(published.statusCode, published.body).toBe(200);
    }

    const kazakhstan = (await app.inject('/api/v1/areas/398/results')).json() as { items: CountryResult[] };
    const [y2019, y2021, y2023] = [2019, 2021, 2023].map((year) =>
      kazakhstan.items.find((result) => result.year === year),
    );
    expect(y2019?.national).toBeNull();
    expect(y2021).toMatchObject({
      shown: 'official',
      differs: true,
      value: { overall: { category: 3 }, provenance: { kind: 'official' } },
      national: { overall: { category: 4 } },
    });
    expect(y2021?.national?.provenance).toMatchObject({
      kind: 'national',
      publicationNumber: 1,
      validatedBy: 'Reviewer',
      label: expect.stringContaining('validated by Reviewer'),
    });
    // Never the validator's name or e-mail.
    expect(JSON.stringify(kazakhstan)).not.toContain('Kazakhstan reviewer');
    expect(JSON.stringify(y2021?.national?.provenance)).not.toContain('@');
    expect(y2023).toMatchObject({
      shown: 'national',
      value: { overall: { category: 4 }, provenance: { kind: 'national' } },
    });

    for (const year of [2021, 2023]) {
      const { reference, surfaces } = await readServerSurfaces(app, {
        year,
        areas: ['398', '32'],
        briefAuthor: asUser(admin),
      });
      expect(disagreements(reference, ['398', '32'], surfaces), `${year}`).toEqual([]);
      const brief = surfaces.find((surface) => surface.name === 'POST /briefs');
      expect(brief?.values.get('398|ALLDOMAINS')?.value).toBe(year === 2021 ? 3 : 4);
    }
  }, 120_000);
  it('counts the rounds by the provenance of each value shown, as the results of every country resolve it', async () => {
    // Official, national (the Kazakh publications above) and demo values all exist by now.
    const results = await countryResults(app.migov);
    const expected = new Map<number, { official: number; national: number; demo: number }>();
    for (const result of results) {
      const round = expected.get(result.year) ?? { official: 0, national: 0, demo: 0 };
      round[result.shown] += 1;
      expected.set(result.year, round);
    }
    const answer = (await app.inject('/api/v1/results')).json() as {
      rounds: { year: number; official: number; national: number; demo: number }[];
      containsDemo: boolean;
    };
    expect(answer.rounds.map(({ year, official, national, demo }) => [year, { official, national, demo }])).toEqual(
      [...expected.entries()].sort(([left], [right]) => right - left),
    );
    expect(answer.rounds.some((round) => round.national > 0)).toBe(true);
    expect(answer.rounds.some((round) => round.official > 0)).toBe(true);
    expect(answer.rounds.some((round) => round.demo > 0)).toBe(true);
    expect(answer.containsDemo).toBe(containsDemo(results));
  });
});
