import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, type MigovDatabase } from '@migov/db';
import type { MigovApp } from '../app.ts';
import {
  asUser,
  createTestApp,
  createTestDatabase,
  createTestUser,
  DIALECTS,
  signIn,
  type SignedIn,
} from '../testing/test-app.ts';
import { parseChartQuery } from './indicators.routes.ts';

const HEADER =
  'Goal,Target,Indicator,SeriesCode,SeriesDescription,GeoAreaCode,GeoAreaName,TimePeriod,Value,Source,[Migratory status],[Sex],[Units]';
const row = (area: string, year: number, value: string, status: string, sex: string) =>
  `8,8.8,8.8.1,SL_EMP_FTLINJUR,Fatal occupational injuries (invented test values),${area},X,${year},${value},test,${status},${sex},PER_100000_EMP`;
/** Invented values: Austria 2019 by migrant status and sex, and one 2020 point. */
const FILE = [
  HEADER,
  row('40', 2019, '2.1', 'MIGRANT', 'MALE'),
  row('40', 2019, '1.4', 'NONMIGRANT', 'MALE'),
  row('40', 2019, '0.2', 'MIGRANT', 'FEMALE'),
  row('40', 2020, '2.3', 'MIGRANT', 'MALE'),
].join('\n');

interface Chart {
  lines: { area: string; dimensions: Record<string, string>; points: { year: number; value: number | null }[] }[];
  varying: string[];
}

describe.each(DIALECTS)('the indicator routes (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  let admin: SignedIn;
  let analyst: SignedIn;
  let coordinator: SignedIn;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    app = await createTestApp(db);
    await createTestUser(db, 'admin@example.org', [{ role: 'administrator', scope: { kind: 'global' } }]);
    await createTestUser(db, 'analyst@example.org', [{ role: 'global-analyst', scope: { kind: 'global' } }]);
    await createTestUser(db, 'coordinator@example.org', [
      { role: 'national-coordinator', scope: { kind: 'area', area: '40' } },
    ]);
    admin = await signIn(app, 'admin@example.org');
    analyst = await signIn(app, 'analyst@example.org');
    coordinator = await signIn(app, 'coordinator@example.org');
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const upload = (session: SignedIn | undefined, body: string, query = '') =>
    app.inject({
      method: 'POST',
      url: `/api/v1/indicators/imports?name=austria.csv${query}`,
      headers: { ...(session ? asUser(session) : {}), 'content-type': 'text/csv' },
      payload: body,
    });

  it('lists the catalogue and shows one indicator', async () => {
    const list = (await app.inject('/api/v1/indicators')).json().items as { id: string; datasets: number }[];
    expect(list).toHaveLength(21);
    expect(list.find((item) => item.id === '8.8.1')?.datasets).toBe(0);
    const one = await app.inject('/api/v1/indicators/SDG%208.8.1');
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: '8.8.1', datasets: [] });
    expect((await app.inject('/api/v1/indicators/99.9.9')).statusCode).toBe(404);
  });

  it('lets only administrators and global analysts import, checks on a dry run, then stores all or nothing', async () => {
    expect((await upload(undefined, FILE)).statusCode).toBe(401);
    expect((await upload(coordinator, FILE)).statusCode).toBe(403);
    const dry = await upload(analyst, FILE, '&dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      format: 'sdg-api-csv',
      added: 4,
      datasets: [{ indicator: '8.8.1', series: 'SL_EMP_FTLINJUR', observationCount: 4 }],
    });
    expect((await app.inject('/api/v1/indicators/8.8.1')).json().datasets).toEqual([]);

    const bad = await upload(admin, `${FILE}\n${row('40', 2021, 'lots', 'MIGRANT', 'MALE')}`);
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json()).toMatchObject({
      code: 'invalid-import',
      problems: [expect.objectContaining({ row: 6, value: 'lots' })],
    });
    expect((await app.inject('/api/v1/indicators/8.8.1')).json().datasets).toEqual([]);

    const stored = await upload(analyst, FILE);
    expect(stored.statusCode, stored.body).toBe(201);
    expect((await listAudit(db)).items.some((entry) => entry.action === 'indicators.import')).toBe(true);
    const datasets = (await app.inject('/api/v1/indicators/8.8.1')).json().datasets as {
      id: string;
      observationCount: number;
    }[];
    expect(datasets).toHaveLength(1);
    expect(datasets[0]?.observationCount).toBe(4);

    const conflicting = await upload(admin, [HEADER, row('40', 2019, '9.9', 'MIGRANT', 'MALE')].join('\n'));
    expect(conflicting.statusCode).toBe(422);
    expect(conflicting.json().conflicts).toHaveLength(1);
    expect((await app.inject('/api/v1/indicators/8.8.1')).json().datasets[0].id).toBe(datasets[0]?.id);
  });

  it('gives chart lines of a dataset, filtered by dimension codes and years', async () => {
    const [dataset] = (await app.inject('/api/v1/indicators/8.8.1')).json().datasets as { id: string }[];
    const all = (await app.inject(`/api/v1/indicators/8.8.1/datasets/${dataset?.id}/chart`)).json() as Chart;
    expect(all.lines).toHaveLength(3);
    expect(all.varying.sort()).toEqual(['MIGRATORY_STATUS', 'SEX']);
    const migrantMen = (
      await app.inject(`/api/v1/indicators/8.8.1/datasets/${dataset?.id}/chart?where=MIGRATORY_STATUS:MIGRANT;SEX:MALE`)
    ).json() as Chart;
    expect(migrantMen.lines.map((line) => line.points)).toEqual([
      [
        { year: 2019, value: 2.1 },
        { year: 2020, value: 2.3 },
      ],
    ]);
    const to2019 = (
      await app.inject(`/api/v1/indicators/8.8.1/datasets/${dataset?.id}/chart?to=2019&where=SEX:MALE`)
    ).json() as Chart;
    expect(to2019.lines.flatMap((line) => line.points.map((point) => point.year))).toEqual([2019, 2019]);
    expect((await app.inject(`/api/v1/indicators/10.7.4/datasets/${dataset?.id}/chart`)).statusCode).toBe(404);
    expect((await app.inject(`/api/v1/indicators/8.8.1/datasets/${dataset?.id}/chart?where=SEX`)).statusCode).toBe(422);
  });

  it("gives a country's indicator values, and nothing for a country without data", async () => {
    const austria = (await app.inject('/api/v1/areas/AUT/indicators')).json() as {
      area: { code: string };
      items: { indicator: string; chart: Chart }[];
    };
    expect(austria.area.code).toBe('40');
    expect(austria.items.map((item) => item.indicator)).toEqual(['8.8.1']);
    expect(austria.items[0]?.chart.lines.every((line) => line.area === '40')).toBe(true);
    expect((await app.inject('/api/v1/areas/FRA/indicators')).json().items).toEqual([]);
    expect((await app.inject('/api/v1/areas/XYZ/indicators')).statusCode).toBe(404);
  });
});

describe('parseChartQuery', () => {
  it('reads areas, years and dimension codes', () => {
    expect(parseChartQuery({ areas: '004,50', from: 2015, to: 2020, where: 'SEX:F,M;AGE:_T' })).toEqual({
      areas: ['4', '50'],
      years: { min: 2015, max: 2020 },
      where: { SEX: ['F', 'M'], AGE: ['_T'] },
    });
  });
  it('refuses a clause without codes, naming it', () => {
    expect(() => parseChartQuery({ where: 'SEX:' })).toThrow(/SEX:/);
  });
});
