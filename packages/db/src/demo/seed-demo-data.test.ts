import { ASSESSMENT_STATES, ROLES } from '@migov/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAssessment, listAssessments } from '../assessments/assessments.repository.ts';
import { ConflictError } from '../errors.ts';
import { listEvidence } from '../evidence/evidence.repository.ts';
import { listObservations } from '../observations/observations.repository.ts';
import {
  findIndicatorDataset,
  listAreaIndicatorDatasets,
  listIndicatorDatasets,
} from '../indicators/indicators.repository.ts';
import { getPublishedResults, listPublications } from '../publications/publications.repository.ts';
import { listRevisions } from '../revisions/revisions.repository.ts';
import { listRoleGrants } from '../roles/roles.repository.ts';
import { listUsers } from '../users/users.repository.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { DEMO_OPEN_DAYS, seedDemoData, type DemoSummary } from './seed-demo-data.ts';

const passwordHash = '$argon2id$v=19$m=65536,t=3,p=4$ZGVtb3NhbHQ$ZGVtb2hhc2g';

describe('seedDemoData', () => {
  const tests: TestDatabase[] = [];
  let first: DemoSummary;
  let firstDb: TestDatabase;

  async function seeded(seed: number): Promise<{ test: TestDatabase; summary: DemoSummary }> {
    const test = await createTestDatabase('sqlite');
    tests.push(test);
    return { test, summary: await seedDemoData(test.db, { seed, passwordHash }) };
  }

  async function content(test: TestDatabase, summary: DemoSummary) {
    return Promise.all(
      summary.assessments.map(async (entry) => ({
        ...entry,
        id: undefined,
        responses: (await getAssessment(test.db, entry.id)).responses,
      })),
    );
  }

  beforeAll(async () => {
    ({ test: firstDb, summary: first } = await seeded(42));
  }, 60_000);
  afterAll(async () => {
    for (const test of tests) await test.dispose();
  });

  it('creates one labelled demo user per role with the given password hash and a grant', async () => {
    const users = (await listUsers(firstDb.db)).items;
    expect(users.map((user) => user.name).every((name) => name.startsWith('Demo '))).toBe(true);
    expect(
      users.every((user) => user.passwordHash === passwordHash && user.email.endsWith('@demo.migov.invalid')),
    ).toBe(true);
    expect(first.users.map((user) => user.role).sort()).toEqual([...ROLES].sort());
    for (const user of first.users)
      expect((await listRoleGrants(firstDb.db, user.userId)).map((grant) => grant.role)).toEqual([user.role]);
  });

  it('has rounds 2019, 2021 and 2023 and assessments in every state, with evidence and history', async () => {
    expect(first.rounds.map((round) => round.year)).toEqual([2019, 2021, 2023]);
    const states = new Set(
      (await listAssessments(firstDb.db, { page: { limit: 1000 } })).items.map((item) => item.state),
    );
    expect([...states].sort()).toEqual([...ASSESSMENT_STATES].sort());
    for (const entry of first.assessments) {
      expect(await listEvidence(firstDb.db, { assessmentId: entry.id })).toHaveLength(2);
      expect((await listRevisions(firstDb.db, { assessmentId: entry.id })).length).toBeGreaterThanOrEqual(4);
    }
    const returned = first.assessments.find((entry) => entry.state === 'returned');
    const revisions = await listRevisions(firstDb.db, { assessmentId: returned!.id });
    expect(revisions.find((revision) => revision.action === 'return')?.reason).toMatch(/^Demo: /);
  });

  it('keeps the newest round open for DEMO_OPEN_DAYS after the day of seeding, and the earlier ones historical', async () => {
    const test = await createTestDatabase('sqlite');
    tests.push(test);
    const summary = await seedDemoData(test.db, { seed: 42, passwordHash, today: '2026-12-07' });
    expect(summary.rounds.map((round) => round.closesOn)).toEqual(['2019-09-30', '2021-09-30', '2027-06-08']);
    expect(DEMO_OPEN_DAYS).toBe(183);
    // Without a day, every round keeps its historical closing day.
    expect(first.rounds.map((round) => round.closesOn)).toEqual(['2019-09-30', '2021-09-30', '2023-09-30']);
  });

  it('publishes scored results, including a reopened assessment with its earlier publication kept', async () => {
    expect((await getPublishedResults(firstDb.db, { year: 2019, instrument: 'sdg-10-7-2' })).length).toBe(8);
    const reopened = first.assessments.filter((entry) => entry.year === 2023 && entry.state === 'draft');
    const withPublication = await Promise.all(
      reopened.map((entry) => listPublications(firstDb.db, { year: 2023, jurisdiction: entry.jurisdiction })),
    );
    expect(withPublication.filter((publications) => publications.length === 1)).toHaveLength(1);
    expect((await listObservations(firstDb.db)).every((observation) => observation.footnote?.startsWith('Demo'))).toBe(
      true,
    );
  });

  it('stores the 10.7.2 observations and a labelled synthetic 8.8.1 series by sex, age and migratory status as indicator datasets', async () => {
    const datasets = await listIndicatorDatasets(firstDb.db);
    expect(datasets.map((dataset) => `${dataset.indicator} ${dataset.series}`).sort()).toEqual([
      '10.7.2 SG_CPA_MIGRS',
      '8.8.1 SL_EMP_FTLINJUR',
    ]);
    const policy = datasets.find((dataset) => dataset.indicator === '10.7.2')!;
    expect(policy.observationCount).toBe(first.observations);
    const injuries = (await findIndicatorDataset(
      firstDb.db,
      datasets.find((dataset) => dataset.indicator === '8.8.1')!.id,
    ))!;
    expect(injuries.seriesDescription).toMatch(/^Demo data \(synthetic, not official\)/);
    expect(policy.observationCount + injuries.observationCount).toBe(first.indicatorObservations);
    const observations = injuries.dataset.observations;
    expect(
      observations.every(
        (observation) =>
          observation.attributes.COMMENT_OBS === 'Demo data: synthetic, not official' &&
          observation.value !== null &&
          observation.value > 0,
      ),
    ).toBe(true);
    const codes = (id: string) => [...new Set(observations.map((observation) => observation.dimensions[id]))].sort();
    expect([codes('SEX'), codes('AGE'), codes('MIGRATORY_STATUS')]).toEqual([
      ['F', 'M', '_T'],
      ['Y15T24', 'Y_GE25', '_T'],
      ['MIGRANT', 'NONMIGRANT', '_T'],
    ]);
    // Migrants fare worse than non-migrants in every area, sex, age and year of the demo.
    const value = (area: string, year: number, sex: string, age: string, status: string) =>
      observations.find(
        (o) =>
          o.area === area &&
          o.year === year &&
          o.dimensions.SEX === sex &&
          o.dimensions.AGE === age &&
          o.dimensions.MIGRATORY_STATUS === status,
      )!.value!;
    const sample = observations.filter((observation) => observation.dimensions.MIGRATORY_STATUS === 'MIGRANT');
    expect(
      sample.filter((o) => o.value! <= value(o.area, o.year, o.dimensions.SEX!, o.dimensions.AGE!, 'NONMIGRANT')),
    ).toEqual([]);
    expect((await listAreaIndicatorDatasets(firstDb.db, '484')).map((dataset) => dataset.indicator).sort()).toEqual([
      '10.7.2',
      '8.8.1',
    ]);
  });

  it('is deterministic from the seed', async () => {
    const again = await seeded(42);
    const other = await seeded(43);
    expect(await content(again.test, again.summary)).toEqual(await content(firstDb, first));
    expect(await content(other.test, other.summary)).not.toEqual(await content(firstDb, first));
    expect(await listObservations(again.test.db)).toEqual(await listObservations(firstDb.db));
    const injuries = async (test: TestDatabase) => {
      const summary = (await listIndicatorDatasets(test.db, { indicator: '8.8.1' }))[0]!;
      return (await findIndicatorDataset(test.db, summary.id))!.dataset;
    };
    expect(await injuries(again.test)).toEqual(await injuries(firstDb));
    expect(await injuries(other.test)).not.toEqual(await injuries(firstDb));
  }, 60_000);

  it('refuses to seed twice', async () => {
    await expect(seedDemoData(firstDb.db, { seed: 1 })).rejects.toBeInstanceOf(ConflictError);
  });
});
