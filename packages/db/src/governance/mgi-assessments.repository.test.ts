import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { seededRandom } from '@migov/core';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { makeUser } from '../testing/fixtures.ts';
import { newId } from '../schema/ids.ts';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import {
  applyMgiProcessAction,
  createMgiAssessment,
  findMgiAssessment,
  getMgiAssessment,
  isMgiConsultationMember,
  listMgiAnswerHistory,
  listMgiAssessments,
  listMgiAssessmentSummaries,
  listMgiConsultationMembers,
  mgiMinistriesOfUser,
  saveMgiAnswers,
  type NewMgiAssessment,
} from './mgi-assessments.repository.ts';

const at = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const round = (jurisdiction: string, year: number, extra: Partial<NewMgiAssessment> = {}): NewMgiAssessment => ({
  jurisdiction,
  jurisdictionName: `Jurisdiction ${jurisdiction}`,
  level: jurisdiction.includes('-') ? 'local' : 'national',
  year,
  instrument: 'mgi-example',
  instrumentVersion: 'example-1',
  createdAt: at(0),
  ...extra,
});

describe.each(TEST_DIALECTS)('the MGI assessments repository on %s', (dialect) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
  });
  afterAll(async () => test?.dispose());

  it('stores a baseline then a follow-up per jurisdiction, refusing a second assessment of a year and an earlier year', async () => {
    const coordinator = await makeUser(test.db, 'Coordinator');
    const baseline = await createMgiAssessment(test.db, round('484', 2019), coordinator.id);
    expect(baseline).toMatchObject({
      jurisdiction: '484',
      level: 'national',
      year: 2019,
      roundKind: 'baseline',
      state: 'launch',
      lockVersion: 1,
      responses: {},
      createdBy: coordinator.id,
    });
    expect(baseline.process).toMatchObject({ state: 'launch', consultation: 0, history: [] });
    const city = await createMgiAssessment(test.db, round('484-CMX', 2019), coordinator.id);
    expect(city).toMatchObject({ level: 'local', roundKind: 'baseline' });
    const followUp = await createMgiAssessment(test.db, round('484', 2023), coordinator.id);
    expect(followUp.roundKind).toBe('follow-up');
    await expect(createMgiAssessment(test.db, round('484', 2023), null)).rejects.toBeInstanceOf(ConflictError);
    await expect(createMgiAssessment(test.db, round('484', 2021), null)).rejects.toMatchObject({
      name: 'ValidationError',
      problems: [{ field: 'year', value: 2021 }],
    });
    expect(
      (await listMgiAssessments(test.db, { jurisdiction: '484' })).map((entry) => [entry.year, entry.roundKind]),
    ).toEqual([
      [2019, 'baseline'],
      [2023, 'follow-up'],
    ]);
    expect(await findMgiAssessment(test.db, followUp.id)).toEqual(followUp);
  });

  it('refuses bad input field by field and unknown assessments', async () => {
    await expect(
      createMgiAssessment(test.db, { ...round('MEX', 2015), jurisdictionName: ' ' }, null),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      problems: [
        { field: 'jurisdiction', value: 'MEX' },
        { field: 'jurisdictionName' },
        { field: 'year', value: 2015 },
      ],
    });
    await expect(createMgiAssessment(test.db, round('76', 2020, { level: 'local' }), null)).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(getMgiAssessment(test.db, 'nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('saves answers with their history, only at data collection or draft, and refuses a stale lock version', async () => {
    const focal = await makeUser(test.db, 'Focal point');
    const created = await createMgiAssessment(test.db, round('50', 2020), null);
    const early = await saveMgiAnswers(
      test.db,
      { id: created.id, expectedLockVersion: 1, answers: { '1.1': { optionId: 'in-place' } }, at: at(1) },
      focal.id,
    );
    expect(early).toMatchObject({ ok: false, refusal: 'not-allowed-in-state' });
    const collecting = await applyMgiProcessAction(
      test.db,
      { id: created.id, expectedLockVersion: 1, action: { type: 'begin-data-collection', actor: 'c', at: at(2) } },
      null,
    );
    expect(collecting).toMatchObject({ ok: true, assessment: { state: 'data-collection', lockVersion: 2 } });
    const first = await saveMgiAnswers(
      test.db,
      {
        id: created.id,
        expectedLockVersion: 2,
        answers: { '1.1': { optionId: 'partial', comment: 'A draft law' }, '1.2': { optionId: 'absent' } },
        at: at(3),
      },
      focal.id,
    );
    expect(first).toMatchObject({
      ok: true,
      assessment: {
        lockVersion: 3,
        responses: { '1.1': { optionId: 'partial', comment: 'A draft law' }, '1.2': { optionId: 'absent' } },
      },
    });
    await expect(
      saveMgiAnswers(
        test.db,
        { id: created.id, expectedLockVersion: 2, answers: { '1.1': { optionId: 'in-place' } }, at: at(4) },
        focal.id,
      ),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      current: { lockVersion: 3 },
    });
    // An unchanged answer is not repeated in the history; a cleared one is recorded.
    const second = await saveMgiAnswers(
      test.db,
      {
        id: created.id,
        expectedLockVersion: 3,
        answers: { '1.1': { optionId: 'in-place', comment: 'Law adopted' }, '1.2': {}, '1.3': { optionId: 'absent' } },
        at: at(5),
      },
      focal.id,
    );
    expect(second.ok && second.assessment.responses).toEqual({
      '1.1': { optionId: 'in-place', comment: 'Law adopted' },
      '1.3': { optionId: 'absent' },
    });
    expect(
      (await listMgiAnswerHistory(test.db, created.id, '1.1')).map((entry) => [
        entry.optionId,
        entry.evidence,
        entry.lockVersion,
        entry.createdBy,
      ]),
    ).toEqual([
      ['partial', 'A draft law', 3, focal.id],
      ['in-place', 'Law adopted', 4, focal.id],
    ]);
    expect((await listMgiAnswerHistory(test.db, created.id)).map((entry) => entry.itemId)).toEqual([
      '1.1',
      '1.2',
      '1.1',
      '1.2',
      '1.3',
    ]);
  });

  it('lets one of two racing writers win', async () => {
    const created = await createMgiAssessment(test.db, round('76', 2020), null);
    await applyMgiProcessAction(
      test.db,
      { id: created.id, expectedLockVersion: 1, action: { type: 'begin-data-collection', actor: 'c', at: at(1) } },
      null,
    );
    const save = (optionId: string) =>
      saveMgiAnswers(
        test.db,
        { id: created.id, expectedLockVersion: 2, answers: { '2.1': { optionId } }, at: at(2) },
        null,
      );
    const results = await Promise.allSettled([save('absent'), save('in-place')]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(
      results
        .filter((result) => result.status === 'rejected')
        .map((result) => (result as PromiseRejectedResult).reason),
    ).toEqual([expect.any(ConflictError)]);
    expect(await listMgiAnswerHistory(test.db, created.id)).toHaveLength(1);
    expect((await getMgiAssessment(test.db, created.id)).lockVersion).toBe(3);
  });

  it('runs the process with invited ministries, keeping every event, and refuses what the process refuses', async () => {
    const labour = await makeUser(test.db, 'Labour');
    const foreign = await makeUser(test.db, 'Foreign affairs');
    const created = await createMgiAssessment(test.db, round('360', 2021), null);
    let lock = created.lockVersion;
    const act = async (
      action: Parameters<typeof applyMgiProcessAction>[1]['action'],
      invite?: { ministry: string; userId: string }[],
    ) => {
      const result = await applyMgiProcessAction(
        test.db,
        { id: created.id, expectedLockVersion: lock, action, ...(invite ? { invite } : {}) },
        null,
      );
      if (result.ok) lock = result.assessment.lockVersion;
      return result;
    };
    await act({ type: 'begin-data-collection', actor: 'c', at: at(1) });
    await act({ type: 'submit-draft', actor: 'f', at: at(2) });
    await expect(
      act({ type: 'open-consultation', ministries: ['Labour'], actor: 'c', at: at(3) }, [
        { ministry: 'Health', userId: labour.id },
      ]),
    ).rejects.toBeInstanceOf(ValidationError);
    const open = await act(
      { type: 'open-consultation', ministries: ['Labour', 'Foreign Affairs'], actor: 'c', at: at(3) },
      [
        { ministry: 'Labour', userId: labour.id },
        { ministry: 'Foreign Affairs', userId: foreign.id },
      ],
    );
    expect(open).toMatchObject({
      ok: true,
      assessment: {
        state: 'inter-ministerial-consultation',
        process: { consultation: 1, ministries: ['Labour', 'Foreign Affairs'] },
      },
    });
    const stored = await getMgiAssessment(test.db, created.id);
    expect(await mgiMinistriesOfUser(test.db, stored, labour.id)).toEqual(['Labour']);
    expect(await isMgiConsultationMember(test.db, created.id, foreign.id)).toBe(true);
    expect(
      (await listMgiConsultationMembers(test.db, created.id)).map((entry) => [
        entry.consultation,
        entry.ministry,
        entry.userId,
      ]),
    ).toEqual([
      [1, 'Labour', labour.id],
      [1, 'Foreign Affairs', foreign.id],
    ]);
    await act({
      type: 'comment',
      ministry: 'Labour',
      body: 'Add the 2022 labour migration decree',
      actor: labour.id,
      at: at(4),
    });
    const early = await act({ type: 'close-consultation', actor: 'c', at: at(5) });
    expect(early).toMatchObject({ ok: false, refusal: 'consultation-incomplete', assessment: { lockVersion: lock } });
    await act({ type: 'comment', ministry: 'Foreign Affairs', body: 'Agreed', actor: foreign.id, at: at(6) });
    await act({ type: 'close-consultation', actor: 'c', at: at(7) });
    expect(await act({ type: 'publish', actor: 'c', at: at(8) })).toMatchObject({ ok: false, refusal: 'not-approved' });
    await act({ type: 'approve', authority: 'Council of Ministers', actor: 'c', at: at(9) });
    const published = await act({ type: 'publish', actor: 'c', at: at(10) });
    expect(published).toMatchObject({
      ok: true,
      assessment: { state: 'published', process: { approval: { authority: 'Council of Ministers' } } },
    });
    const roleRefused = await applyMgiProcessAction(
      test.db,
      {
        id: created.id,
        expectedLockVersion: lock,
        action: { type: 'publish', actor: 'f', at: at(11) },
        roles: ['focal-point'],
      },
      null,
    );
    expect(roleRefused).toMatchObject({ ok: false, refusal: 'not-allowed-in-state' });
    const events = await test.db.kysely
      .selectFrom('mgi_process_events')
      .select(['seq', 'action', 'to_state'])
      .where('assessment_id', '=', created.id)
      .orderBy('seq')
      .execute();
    expect(events.map((event) => [Number(event.seq), event.action, event.to_state])).toEqual([
      [1, 'begin-data-collection', 'data-collection'],
      [2, 'submit-draft', 'draft-profile'],
      [3, 'open-consultation', 'inter-ministerial-consultation'],
      [4, 'comment', 'inter-ministerial-consultation'],
      [5, 'comment', 'inter-ministerial-consultation'],
      [6, 'close-consultation', 'government-approval'],
      [7, 'approve', 'government-approval'],
      [8, 'publish', 'published'],
    ]);
    await expect(
      sql`update mgi_process_events set action = 'x' where assessment_id = ${created.id}`.execute(test.db.kysely),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from mgi_answer_history`.execute(test.db.kysely)).rejects.toThrow(/append-only/);
  });

  it('starts a follow-up from the answers of the earlier round when asked', async () => {
    const baseline = await createMgiAssessment(test.db, round('404', 2019), null);
    await applyMgiProcessAction(
      test.db,
      { id: baseline.id, expectedLockVersion: 1, action: { type: 'begin-data-collection', actor: 'c', at: at(1) } },
      null,
    );
    await saveMgiAnswers(
      test.db,
      { id: baseline.id, expectedLockVersion: 2, answers: { '3.1': { optionId: 'partial' } }, at: at(2) },
      null,
    );
    const followUp = await createMgiAssessment(test.db, round('404', 2022, { startFromPrevious: true }), null);
    expect(followUp.responses).toEqual({ '3.1': { optionId: 'partial' } });
  });
  it('pages the assessments a reader may see: scope and membership in the query, no row lost or repeated', async () => {
    const random = seededRandom(7102);
    const reader = await makeUser(test.db, 'Ministry reader');
    const countries = ['8', '12', '32', '36', '40', '156', '250', '356'];
    for (const [index, country] of countries.entries()) {
      await createMgiAssessment(test.db, round(country, 2019 + (index % 3)), null);
      await createMgiAssessment(test.db, round(`${country}-C${index}`, 2024), null);
    }
    const all = await listMgiAssessments(test.db);
    // Invited to comment on a few, inside and outside the scope.
    for (const assessment of all.filter(() => random() < 0.3))
      await test.db.kysely
        .insertInto('mgi_consultation_members')
        .values({
          id: newId(),
          assessment_id: assessment.id,
          consultation: 1,
          ministry: 'Labour',
          user_id: reader.id,
          created_at: at(5),
          created_by: null,
        })
        .execute();
    const pages = async (filters: Parameters<typeof listMgiAssessmentSummaries>[1]) => {
      const limit = 1 + Math.floor(random() * 4);
      const seen: string[] = [];
      let total = -1;
      for (let offset = 0; total < 0 || offset < total; offset += limit) {
        const page = await listMgiAssessmentSummaries(test.db, { ...filters, page: { limit, offset } });
        total = page.total;
        expect(page.items.length).toBe(Math.min(limit, total - offset));
        seen.push(...page.items.map((item) => `${item.jurisdiction}|${item.year}|${item.id}`));
      }
      return seen;
    };
    const key = (entry: { jurisdiction: string; year: number; id: string }) =>
      `${entry.jurisdiction}|${entry.year}|${entry.id}`;
    expect(await pages({})).toEqual(all.map(key));
    const areas = ['36', '250'];
    const expected: string[] = [];
    for (const assessment of all) {
      const inScope = areas.some(
        (area) => assessment.jurisdiction === area || assessment.jurisdiction.startsWith(`${area}-`),
      );
      if (inScope || (await isMgiConsultationMember(test.db, assessment.id, reader.id))) expected.push(key(assessment));
    }
    expect(expected.length).toBeGreaterThan(4);
    expect(await pages({ areas, memberId: reader.id })).toEqual(expected);
    // No scope: only what the reader was invited to comment on.
    const invited: string[] = [];
    for (const assessment of all)
      if (await isMgiConsultationMember(test.db, assessment.id, reader.id)) invited.push(key(assessment));
    expect(await pages({ areas: [], memberId: reader.id })).toEqual(invited);
    expect((await listMgiAssessmentSummaries(test.db, { areas: [] })).total).toBe(0);
  });
});
