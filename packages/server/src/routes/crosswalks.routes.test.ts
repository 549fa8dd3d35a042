import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITORIAL_LABEL, parseCrosswalkCsv, type Observation } from '@migov/core';
import { importObservations, type MigovDatabase } from '@migov/db';
import type { MigovApp } from '../app.ts';
import { createTestApp, createTestDatabase, DIALECTS } from '../testing/test-app.ts';

const obs = (year: number, domain: Observation['domain'], value: Observation['value']): Observation => ({
  series: 'SG_CPA_MIGRS',
  area: '50',
  year,
  domain,
  value,
});

interface Gap {
  domain: string;
  category: number;
  gcmObjectives: { objective: number; basis: string; basisLabel: string }[];
  sdgTargets: { target: string; basis: string; basisLabel: string; via: number[] }[];
}

describe.each(DIALECTS)('the crosswalk routes (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    // Bangladesh: 2019 with two domains below "meets", one meets, one fully meets, one N, one missing; 2021 all meet.
    const observations = [
      obs(2019, 'DOMAIN1', 1),
      obs(2019, 'DOMAIN2', 2),
      obs(2019, 'DOMAIN3', 3),
      obs(2019, 'DOMAIN4', 4),
      obs(2019, 'DOMAIN5', 'N'),
      obs(2019, 'ALLDOMAINS', 1),
      obs(2021, 'DOMAIN1', 3),
    ];
    await importObservations(
      db,
      {
        observations,
        source: { name: 'hand-made test figures', format: 'json', importedAt: '2026-01-01T00:00:00.000Z' },
      },
      null,
    );
    app = await createTestApp(db);
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('lists the crosswalk links with their basis labelled', async () => {
    const response = await app.inject('/api/v1/crosswalks');
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      editorialLabel: string;
      items: {
        basis: string;
        basisLabel: string;
        status: string;
        from: { kind: string; id: string };
        to: { kind: string; id: string };
      }[];
    };
    expect(body.editorialLabel).toBe(EDITORIAL_LABEL);
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((link) => link.status === 'active')).toBe(true);
    expect(
      body.items.filter((link) => link.basis === 'editorial').every((link) => link.basisLabel === EDITORIAL_LABEL),
    ).toBe(true);
    expect(body.items.filter((link) => link.basis === 'source').every((link) => link.basisLabel === 'sourced')).toBe(
      true,
    );
    expect(body.items.some((link) => link.basis === 'editorial')).toBe(true);
    expect(
      body.items.some(
        (link) =>
          link.from.id === 'DOMAIN1' &&
          link.to.kind === 'sdg-target' &&
          link.to.id === '10.7' &&
          link.basis === 'source',
      ),
    ).toBe(true);
  });

  it('writes the same active links as CSV that reads back, with an ETag', async () => {
    const json = (await app.inject('/api/v1/crosswalks')).json().items as unknown[];
    const response = await app.inject('/api/v1/crosswalks?format=csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('migov-crosswalk.csv');
    expect(response.body.split(/\r?\n/)[0]).toBe('from_kind,from_id,to_kind,to_id,basis,source,unverified,note');
    const parsed = parseCrosswalkCsv(response.body);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toHaveLength(json.length);
    const again = await app.inject({
      url: '/api/v1/crosswalks?format=csv',
      headers: { 'if-none-match': response.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    expect((await app.inject('/api/v1/crosswalks?format=xlsx')).statusCode).toBe(400);
    expect((await app.inject('/api/v1/crosswalks?format=csv&status=all')).statusCode).toBe(422);
  });

  it("maps a country's domains below meets in a round to GCM objectives and SDG targets", async () => {
    const response = await app.inject('/api/v1/areas/BGD/gaps?year=2019');
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      area: { code: string };
      year: number;
      domains: { domain: string; value: unknown }[];
      gaps: Gap[];
    };
    expect(body.area.code).toBe('50');
    expect(body.year).toBe(2019);
    expect(body.domains).toEqual([
      { domain: 'DOMAIN1', value: 1 },
      { domain: 'DOMAIN2', value: 2 },
      { domain: 'DOMAIN3', value: 3 },
      { domain: 'DOMAIN4', value: 4 },
      { domain: 'DOMAIN5', value: 'N' },
      { domain: 'DOMAIN6', value: null },
    ]);
    expect(body.gaps.map((gap) => [gap.domain, gap.category])).toEqual([
      ['DOMAIN1', 1],
      ['DOMAIN2', 2],
    ]);
    for (const gap of body.gaps) {
      expect(gap.sdgTargets.find((target) => target.target === '10.7')).toMatchObject({
        basis: 'source',
        basisLabel: 'sourced',
      });
      expect(gap.gcmObjectives.length).toBeGreaterThan(0);
      for (const objective of gap.gcmObjectives)
        expect(objective.basisLabel).toBe(objective.basis === 'editorial' ? EDITORIAL_LABEL : 'sourced');
    }
  });

  it('takes the latest round by default, and answers an empty list where there are no data or no gaps', async () => {
    const latest = (await app.inject('/api/v1/areas/50/gaps')).json() as { year: number; gaps: Gap[] };
    expect(latest.year).toBe(2021);
    expect(latest.gaps).toEqual([]);
    const none = (await app.inject('/api/v1/areas/FRA/gaps')).json() as { year: number | null; gaps: Gap[] };
    expect(none).toMatchObject({ year: null, gaps: [] });
  });

  it('refuses an unknown area or a year out of range', async () => {
    const unknown = await app.inject('/api/v1/areas/XYZ/gaps');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toContain('XYZ');
    expect((await app.inject('/api/v1/areas/BGD/gaps?year=1800')).statusCode).toBe(400);
  });
});
