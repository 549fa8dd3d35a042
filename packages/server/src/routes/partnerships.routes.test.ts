import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '@migov/core';
import { importObservations, listObservations, seedDemoData, type MigovDatabase } from '@migov/db';
import type { MigovApp } from '../app.ts';
import { createTestApp, createTestDatabase, DIALECTS } from '../testing/test-app.ts';

const COLOMBO = ['4', '50', '116', '144', '156', '356', '360', '524', '586', '608', '704', '764'];

const obs = (area: string, year: number, domain: Observation['domain'], value: Observation['value']): Observation => ({
  series: 'SG_CPA_MIGRS',
  area,
  year,
  domain,
  value,
});

/** Hand-made published figures: four Colombo Process members respond in 2019, one is not applicable, France is no member. */
const OBSERVATIONS: Observation[] = [
  obs('50', 2019, 'ALLDOMAINS', 4),
  obs('356', 2019, 'ALLDOMAINS', 3),
  obs('608', 2019, 'ALLDOMAINS', 2),
  obs('144', 2019, 'ALLDOMAINS', 1),
  obs('524', 2019, 'ALLDOMAINS', 'N'),
  obs('250', 2019, 'ALLDOMAINS', 4),
  obs('50', 2019, 'DOMAIN1', 1),
  obs('608', 2021, 'ALLDOMAINS', 3),
];

interface DomainResult {
  domain: string;
  numerator: number;
  denominator: number;
  percent: number | null;
  coverage: { members: number; responding: number; notApplicable: number; missing: number };
  meeting: string[];
  responding: string[];
  notApplicable: string[];
}
interface Round {
  year: number;
  domains: DomainResult[];
}

describe.each(DIALECTS)('the partnership routes (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    await importObservations(
      db,
      {
        observations: OBSERVATIONS,
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

  it('lists every process with its type history, founding claims, secretariat and member count', async () => {
    const response = await app.inject('/api/v1/partnerships');
    expect(response.statusCode).toBe(200);
    const items = response.json().items as {
      id: string;
      type: string;
      types: unknown[];
      founding: { text: string; source: string }[];
      secretariat: { text: string };
      memberCount: number;
    }[];
    expect(items).toHaveLength(27);
    const colombo = items.find((item) => item.id === 'colombo-process');
    expect(colombo?.memberCount).toBe(12);
    expect(colombo?.secretariat.text.length).toBeGreaterThan(0);
    const budapest = items.find((item) => item.id === 'budapest-process');
    expect(budapest?.types).toHaveLength(2);
    expect(budapest?.type).toBe('interregional-forum');
    expect(budapest?.founding.map((claim) => claim.text)).toEqual([
      '1991 (IOM overviews 2013/2015/2017)',
      '1993 (Senior Officials steer the Process since 1993; IOM current page)',
    ]);
  });

  it('gives no count but the reason where a member list is not compiled, never 0', async () => {
    const items = (await app.inject('/api/v1/partnerships')).json().items as {
      id: string;
      memberCount: number | null;
      memberCountNotCompiled?: string;
    }[];
    const bali = items.find((item) => item.id === 'bali-process');
    expect(bali?.memberCount).toBeNull();
    expect(bali?.memberCountNotCompiled).toMatch(/baliprocess\.net/);
    expect(items.find((item) => item.id === 'rabat-process')?.memberCount).toBe(55);
    expect(items.filter((item) => item.memberCount === 0)).toEqual([]);
    expect(items.filter((item) => item.memberCount === null && !item.memberCountNotCompiled?.trim())).toEqual([]);
    const detail = (await app.inject('/api/v1/partnerships/budapest-process')).json() as {
      memberCount: number | null;
      memberCountNotCompiled?: string;
    };
    expect(detail.memberCount).toBeNull();
    expect(detail.memberCountNotCompiled).toMatch(/fdocuments/);
  });

  it('filters by type and refuses an unknown type or a malformed date', async () => {
    const forums = (await app.inject('/api/v1/partnerships?type=interregional-forum')).json().items as {
      type: string;
    }[];
    expect(forums.length).toBeGreaterThan(0);
    expect(forums.every((item) => item.type === 'interregional-forum')).toBe(true);
    expect((await app.inject('/api/v1/partnerships?type=club')).statusCode).toBe(400);
    const bad = await app.inject('/api/v1/partnerships?asOf=2019-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('asOf');
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await app.inject('/api/v1/partnerships/colombo-process');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"/);
    const again = await app.inject({ url: '/api/v1/partnerships/colombo-process', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('shows a process with members, meetings and the group results of its members per round and domain', async () => {
    const response = await app.inject('/api/v1/partnerships/Colombo%20Process?asOf=2019');
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      id: string;
      members: { area: string; role: string; asOf: string }[];
      membershipRecords: unknown[];
      meetings: unknown[];
      groupResults: { rounds: Round[] };
    };
    expect(body.id).toBe('colombo-process');
    expect(body.members.map((member) => member.area).sort()).toEqual([...COLOMBO].sort());
    expect(body.members.every((member) => member.role.length > 0 && member.asOf.length > 0)).toBe(true);
    expect(Array.isArray(body.meetings)).toBe(true);
    expect(body.groupResults.rounds.map((round) => round.year)).toEqual([2019, 2021]);

    const [round2019, round2021] = body.groupResults.rounds;
    const all2019 = round2019?.domains.find((domain) => domain.domain === 'ALLDOMAINS');
    // Bangladesh (4) and India (3) meet; the Philippines (2) and Sri Lanka (1) respond; Nepal is N; France is no member.
    expect(all2019).toMatchObject({
      numerator: 2,
      denominator: 4,
      percent: 50,
      coverage: { members: 12, responding: 4, notApplicable: 1, missing: 7 },
    });
    expect(all2019?.meeting).toEqual(['50', '356']);
    expect(all2019?.notApplicable).toEqual(['524']);
    expect(round2019?.domains.find((domain) => domain.domain === 'DOMAIN1')).toMatchObject({
      numerator: 0,
      denominator: 1,
      percent: 0,
    });
    expect(round2019?.domains.find((domain) => domain.domain === 'DOMAIN2')).toMatchObject({
      numerator: 0,
      denominator: 0,
      percent: null,
    });
    expect(round2021?.domains.find((domain) => domain.domain === 'ALLDOMAINS')).toMatchObject({
      numerator: 1,
      denominator: 1,
      percent: 100,
    });
    // For the member map: each member's own category in the latest round any member has (2021: only the Philippines).
    expect((body as unknown as { memberCategories: unknown }).memberCategories).toEqual({
      year: 2021,
      values: { '608': 3 },
    });
  });

  it('answers not-found for an unknown process', async () => {
    const response = await app.inject('/api/v1/partnerships/no-such-process');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toContain('no-such-process');
  });

  it('lists shared members between processes', async () => {
    const all = (await app.inject('/api/v1/partnerships/overlaps')).json().items as {
      processes: string[];
      shared: string[];
    }[];
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((pair, index) => index === 0 || (all[index - 1]?.shared.length ?? 0) >= pair.shared.length)).toBe(
      true,
    );
    const pair = (await app.inject('/api/v1/partnerships/overlaps?processes=colombo-process,add')).json().items as {
      processes: string[];
      shared: string[];
    }[];
    expect(pair).toHaveLength(1);
    expect(pair[0]?.processes).toEqual(['colombo-process', 'add']);
    // Every shared member is a Colombo Process member.
    expect(pair[0]?.shared.length).toBeGreaterThan(0);
    expect(pair[0]?.shared.every((area) => COLOMBO.includes(area))).toBe(true);
    const missing = await app.inject('/api/v1/partnerships/overlaps?processes=colombo-process,nowhere');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toContain('nowhere');
  });
});

describe('the partnership routes on the demo data', () => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase('sqlite'));
    await seedDemoData(db, { seed: 7 });
    app = await createTestApp(db);
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('counts the demo countries that are Colombo Process members, as the observations say', async () => {
    const observations = await listObservations(db, { series: 'SG_CPA_MIGRS', year: 2019, domain: 'ALLDOMAINS' });
    const memberValues = observations.filter((entry) => COLOMBO.includes(entry.area)).map((entry) => entry.value);
    expect(memberValues.length).toBeGreaterThan(0);
    const responding = memberValues.filter((value) => typeof value === 'number' && value >= 1 && value <= 4);
    const meeting = responding.filter((value) => typeof value === 'number' && value >= 3);
    const body = (await app.inject('/api/v1/partnerships/colombo-process')).json() as {
      groupResults: { rounds: Round[] };
    };
    const result = body.groupResults.rounds
      .find((round) => round.year === 2019)
      ?.domains.find((domain) => domain.domain === 'ALLDOMAINS');
    expect(result).toMatchObject({ numerator: meeting.length, denominator: responding.length });
  });
});
