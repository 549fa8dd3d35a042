import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, TransitionError, ValidationError } from '../errors.ts';
import { addEvidence, getEvidenceFile, listEvidence, withdrawEvidence } from '../evidence/evidence.repository.ts';
import { getPublishedResults, listPublications } from '../publications/publications.repository.ts';
import { addReviewComment, listReviewComments } from '../review-comments/review-comments.repository.ts';
import { diffRevisions, listRevisions } from '../revisions/revisions.repository.ts';
import { createJurisdiction } from '../jurisdictions/jurisdictions.repository.ts';
import { answerEverything, makeCountryCode, makeRound, makeUser } from '../testing/fixtures.ts';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import type { User } from '../users/users.repository.ts';
import {
  createAssessment,
  getAssessment,
  listAssessments,
  saveResponses,
  transitionAssessment,
  type Assessment,
} from './assessments.repository.ts';

describe.each(TEST_DIALECTS)('assessments on %s', (dialect) => {
  let test: TestDatabase;
  let user: User;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    user = await makeUser(test.db, 'Focal point');
  });
  afterAll(async () => test?.dispose());

  async function newAssessment(): Promise<Assessment> {
    const round = await makeRound(test.db, user.id);
    return createAssessment(test.db, { jurisdiction: makeCountryCode(), roundId: round.id }, user.id);
  }

  async function step(
    assessment: Assessment,
    action: 'submit' | 'return' | 'resubmit' | 'validate' | 'publish' | 'reopen',
    reason?: string,
  ): Promise<Assessment> {
    return transitionAssessment(
      test.db,
      {
        assessmentId: assessment.id,
        expectedLockVersion: assessment.lockVersion,
        action,
        ...(reason ? { reason } : {}),
      },
      user.id,
    );
  }

  it('creates a draft with lock version 1, its round and a creation revision', async () => {
    const round = await makeRound(test.db, user.id);
    const assessment = await createAssessment(test.db, { jurisdiction: '484', roundId: round.id }, user.id);
    expect(assessment).toMatchObject({
      jurisdiction: '484',
      roundId: round.id,
      year: round.year,
      instrument: 'sdg-10-7-2',
      version: '2019',
      state: 'draft',
      lockVersion: 1,
      revision: 1,
      cycle: 1,
      responses: {},
      createdBy: user.id,
    });
    expect(assessment.publishedVersion).toBeUndefined();
    expect(await listRevisions(test.db, { assessmentId: assessment.id })).toMatchObject([
      { revision: 1, action: 'create', actorId: user.id, before: null, after: { state: 'draft' } },
    ]);
    await expect(createAssessment(test.db, { jurisdiction: '484', roundId: round.id }, user.id)).rejects.toMatchObject({
      name: 'ConflictError',
      current: { id: assessment.id },
    });
  });

  it('rejects a malformed jurisdiction, an unknown sub-national one and an unknown round', async () => {
    const round = await makeRound(test.db, user.id);
    await expect(createAssessment(test.db, { jurisdiction: '004', roundId: round.id }, user.id)).rejects.toMatchObject({
      problems: [{ field: 'jurisdiction', value: '004' }],
    });
    await expect(
      createAssessment(test.db, { jurisdiction: '484-ZZZ', roundId: round.id }, user.id),
    ).rejects.toMatchObject({ problems: [{ field: 'jurisdiction' }] });
    await expect(createAssessment(test.db, { jurisdiction: '484', roundId: 'nope' }, user.id)).rejects.toMatchObject({
      problems: [{ field: 'roundId', value: 'nope' }],
    });
    await createJurisdiction(
      test.db,
      { code: `484-C${round.year}`, name: 'Demo City', level: 'city', parent: '484' },
      user.id,
    );
    await expect(
      createAssessment(test.db, { jurisdiction: `484-C${round.year}`, roundId: round.id }, user.id),
    ).resolves.toMatchObject({ state: 'draft' });
  });

  it('saves responses, bumps the lock version and keeps cleared answers as history', async () => {
    const assessment = await newAssessment();
    const saved = await saveResponses(
      test.db,
      {
        assessmentId: assessment.id,
        expectedLockVersion: 1,
        changes: [
          { itemId: '1a', optionId: 'yes-legal-only', comment: 'Law 12/2018' },
          { itemId: '2b', optionId: 'yes' },
        ],
      },
      user.id,
    );
    expect(saved.lockVersion).toBe(2);
    expect(saved.answeredItems).toBe(2);
    expect(await getAssessment(test.db, assessment.id)).toEqual(saved);
    expect(saved.responses).toEqual({
      '1a': { optionId: 'yes-legal-only', comment: 'Law 12/2018' },
      '2b': { optionId: 'yes' },
    });
    const cleared = await saveResponses(
      test.db,
      {
        assessmentId: assessment.id,
        expectedLockVersion: 2,
        changes: [
          { itemId: '1a', optionId: null },
          { itemId: '2b', optionId: null },
        ],
      },
      user.id,
    );
    expect(cleared.responses).toEqual({ '1a': { comment: 'Law 12/2018' } });
    expect(cleared.answeredItems).toBe(0);
    expect(await getAssessment(test.db, assessment.id)).toEqual(cleared);
    const revisions = await listRevisions(test.db, { assessmentId: assessment.id });
    expect(revisions.at(-1)).toMatchObject({
      revision: 3,
      action: 'save',
      before: {
        responses: { '1a': { optionId: 'yes-legal-only', comment: 'Law 12/2018' }, '2b': { optionId: 'yes' } },
      },
      after: { responses: { '1a': { comment: 'Law 12/2018' }, '2b': {} } },
    });
  });

  it('refuses a stale lock version with a ConflictError carrying the current assessment, changing nothing', async () => {
    const assessment = await newAssessment();
    const first = await saveResponses(
      test.db,
      { assessmentId: assessment.id, expectedLockVersion: 1, changes: [{ itemId: '1a', optionId: 'no' }] },
      user.id,
    );
    const attempt = saveResponses(
      test.db,
      { assessmentId: assessment.id, expectedLockVersion: 1, changes: [{ itemId: '1a', optionId: 'yes-regardless' }] },
      user.id,
    );
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(attempt).rejects.toMatchObject({
      current: { lockVersion: 2, responses: { '1a': { optionId: 'no' } } },
    });
    expect(await getAssessment(test.db, assessment.id)).toEqual(first);
  });

  it('names the field, value and reason for unknown items and options, changing nothing', async () => {
    const assessment = await newAssessment();
    const attempt = saveResponses(
      test.db,
      {
        assessmentId: assessment.id,
        expectedLockVersion: 1,
        changes: [
          { itemId: '1a', optionId: 'maybe' },
          { itemId: '9z', optionId: 'yes' },
        ],
      },
      user.id,
    );
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      problems: [
        {
          field: 'changes[0].optionId',
          value: 'maybe',
          message: 'item 1a has no option "maybe" (options: yes-regardless, yes-legal-only, no)',
        },
        { field: 'changes[1].itemId', value: '9z' },
      ],
    });
    expect((await getAssessment(test.db, assessment.id)).lockVersion).toBe(1);
  });

  it('moves through every state, requires reasons, and publishes immutable numbered snapshots', async () => {
    let assessment = await newAssessment();
    assessment = await saveResponses(
      test.db,
      { assessmentId: assessment.id, expectedLockVersion: 1, changes: answerEverything() },
      user.id,
    );
    assessment = await step(assessment, 'submit');
    await expect(step(assessment, 'return')).rejects.toMatchObject({
      name: 'TransitionError',
      state: 'submitted',
      action: 'return',
      refusal: 'reason-required',
    });
    assessment = await step(assessment, 'return', 'Evidence for 1a is missing');
    expect(assessment.state).toBe('returned');
    assessment = await saveResponses(
      test.db,
      {
        assessmentId: assessment.id,
        expectedLockVersion: assessment.lockVersion,
        changes: [{ itemId: '1a', optionId: 'yes-legal-only' }],
      },
      user.id,
    );
    assessment = await step(assessment, 'resubmit');
    assessment = await step(assessment, 'validate');
    await expect(
      saveResponses(
        test.db,
        {
          assessmentId: assessment.id,
          expectedLockVersion: assessment.lockVersion,
          changes: [{ itemId: '1a', optionId: 'no' }],
        },
        user.id,
      ),
    ).rejects.toMatchObject({
      name: 'TransitionError',
      state: 'validated',
      action: 'edit',
    });
    assessment = await step(assessment, 'publish');
    expect(assessment).toMatchObject({ state: 'published', publishedVersion: 1 });
    await expect(step(assessment, 'publish')).rejects.toMatchObject({
      refusal: 'not-allowed-in-state',
      state: 'published',
    });

    assessment = await step(assessment, 'reopen', 'Correction of 1a after new legislation');
    expect(assessment).toMatchObject({ state: 'draft', cycle: 2 });
    assessment = await saveResponses(
      test.db,
      {
        assessmentId: assessment.id,
        expectedLockVersion: assessment.lockVersion,
        changes: [{ itemId: '1a', optionId: 'yes-regardless' }],
      },
      user.id,
    );
    for (const action of ['submit', 'validate', 'publish'] as const) assessment = await step(assessment, action);
    expect(assessment.publishedVersion).toBe(2);

    const publications = await listPublications(test.db, {
      jurisdiction: assessment.jurisdiction,
      year: assessment.year,
    });
    expect(publications.map((publication) => [publication.publicationNumber, publication.responses['1a']])).toEqual([
      [1, 'yes-legal-only'],
      [2, 'yes-regardless'],
    ]);
    const first = publications[0]!;
    expect(first.results.domains).toHaveLength(6);
    expect(first.results.domains[0]).toMatchObject({
      code: 'DOMAIN1',
      status: 'scored',
      exactScore: '90/1',
      score: '90.0',
      category: 3,
      meets: true,
    });
    expect(first.results.overall).toMatchObject({
      code: 'ALLDOMAINS',
      status: 'scored',
      exactScore: '295/3',
      score: '98.3',
      category: 3,
    });
    const latest = await getPublishedResults(test.db, { year: assessment.year, instrument: 'sdg-10-7-2' });
    expect(latest.map((publication) => publication.publicationNumber)).toEqual([2]);
    expect(latest[0]?.results.domains[0]).toMatchObject({ exactScore: '100/1' });
    // Publications are append-only in the database itself.
    await expect(
      test.db.kysely.updateTable('publications').set({ publication_number: 9 }).where('id', '=', first.id).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('refuses to publish an incomplete assessment, naming the missing items', async () => {
    let assessment = await newAssessment();
    assessment = await saveResponses(
      test.db,
      { assessmentId: assessment.id, expectedLockVersion: 1, changes: answerEverything().slice(0, 28) },
      user.id,
    );
    for (const action of ['submit', 'validate'] as const) assessment = await step(assessment, action);
    await expect(step(assessment, 'publish')).rejects.toMatchObject({
      name: 'TransitionError',
      refusal: 'incomplete',
      message: expect.stringContaining('6d, 6e'),
    });
  });

  it('enforces roles when the caller passes them', async () => {
    const assessment = await newAssessment();
    const attempt = transitionAssessment(
      test.db,
      { assessmentId: assessment.id, expectedLockVersion: 1, action: 'submit', roles: ['reviewer'] },
      user.id,
    );
    await expect(attempt).rejects.toBeInstanceOf(TransitionError);
    await expect(attempt).rejects.toMatchObject({ refusal: 'role-not-permitted' });
    await expect(
      transitionAssessment(
        test.db,
        { assessmentId: assessment.id, expectedLockVersion: 1, action: 'submit', roles: ['focal-point'] },
        user.id,
      ),
    ).resolves.toMatchObject({ state: 'submitted' });
  });

  it('stores file evidence with its hash, links, and withdraws without deleting', async () => {
    const assessment = await newAssessment();
    const bytes = new TextEncoder().encode('%PDF-1.7 demo evidence');
    const file = await addEvidence(
      test.db,
      {
        assessmentId: assessment.id,
        itemId: '1a',
        kind: 'file',
        title: 'Migration law',
        file: { filename: 'law.pdf', mediaType: 'application/pdf', bytes },
      },
      user.id,
    );
    expect(file.file).toEqual({
      filename: 'law.pdf',
      mediaType: 'application/pdf',
      size: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    const link = await addEvidence(
      test.db,
      {
        assessmentId: assessment.id,
        itemId: '1b',
        kind: 'link',
        title: 'Ministry page',
        url: 'https://example.org/law',
      },
      user.id,
    );
    expect((await getEvidenceFile(test.db, file.id)).bytes).toEqual(bytes);
    await expect(getEvidenceFile(test.db, link.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      addEvidence(
        test.db,
        { assessmentId: assessment.id, itemId: '1a', kind: 'link', title: 'x', url: 'javascript:alert(1)' },
        user.id,
      ),
    ).rejects.toMatchObject({ problems: [{ field: 'url' }] });

    const withdrawn = await withdrawEvidence(test.db, { evidenceId: link.id, reason: 'Outdated page' }, user.id);
    expect(withdrawn).toMatchObject({ withdrawnBy: user.id, withdrawnReason: 'Outdated page' });
    await expect(withdrawEvidence(test.db, { evidenceId: link.id }, user.id)).rejects.toBeInstanceOf(ConflictError);
    expect((await listEvidence(test.db, { assessmentId: assessment.id })).map((evidence) => evidence.id)).toEqual([
      file.id,
    ]);
    expect(
      (await listEvidence(test.db, { assessmentId: assessment.id, includeWithdrawn: true })).map(
        (evidence) => evidence.id,
      ),
    ).toEqual([file.id, link.id]);
    const actions = (await listRevisions(test.db, { assessmentId: assessment.id })).map((revision) => revision.action);
    expect(actions).toEqual(['create', 'evidence.add', 'evidence.add', 'evidence.withdraw']);
    // Evidence does not move the lock version: an editor's save is not invalidated by an upload.
    expect((await getAssessment(test.db, assessment.id)).lockVersion).toBe(1);
  });

  it('refuses evidence on a submitted assessment but accepts review comments in any state', async () => {
    let assessment = await newAssessment();
    assessment = await step(assessment, 'submit');
    await expect(
      addEvidence(
        test.db,
        { assessmentId: assessment.id, itemId: '1a', kind: 'link', title: 'Late', url: 'https://example.org' },
        user.id,
      ),
    ).rejects.toMatchObject({ name: 'TransitionError', state: 'submitted' });
    expect(await listEvidence(test.db, { assessmentId: assessment.id, includeWithdrawn: true })).toEqual([]);
    const comment = await addReviewComment(
      test.db,
      { assessmentId: assessment.id, itemId: '1a', body: 'Please attach the decree.' },
      user.id,
    );
    await addReviewComment(test.db, { assessmentId: assessment.id, body: 'Overall fine.' }, user.id);
    expect(await listReviewComments(test.db, { assessmentId: assessment.id, itemId: '1a' })).toEqual([comment]);
    expect(await listReviewComments(test.db, { assessmentId: assessment.id })).toHaveLength(2);
    await expect(addReviewComment(test.db, { assessmentId: assessment.id, body: '  ' }, user.id)).rejects.toMatchObject(
      { problems: [{ field: 'body' }] },
    );
  });

  it('diffs two revisions item by item, with state changes and events in between', async () => {
    let assessment = await newAssessment();
    assessment = await saveResponses(
      test.db,
      {
        assessmentId: assessment.id,
        expectedLockVersion: 1,
        changes: [
          { itemId: '1a', optionId: 'no' },
          { itemId: '1b', optionId: 'no' },
        ],
      },
      user.id,
    );
    const from = assessment.revision;
    assessment = await saveResponses(
      test.db,
      {
        assessmentId: assessment.id,
        expectedLockVersion: assessment.lockVersion,
        changes: [
          { itemId: '1a', optionId: 'yes-regardless' },
          { itemId: '1b', optionId: 'yes-legal-only' },
        ],
      },
      user.id,
    );
    assessment = await saveResponses(
      test.db,
      {
        assessmentId: assessment.id,
        expectedLockVersion: assessment.lockVersion,
        changes: [{ itemId: '1b', optionId: 'no', comment: 'back to no' }],
      },
      user.id,
    );
    await addReviewComment(test.db, { assessmentId: assessment.id, body: 'Looks right' }, user.id);
    assessment = await step(assessment, 'submit');
    const diff = await diffRevisions(test.db, assessment.id, from, assessment.revision);
    expect(diff.items).toEqual([
      { itemId: '1a', before: { optionId: 'no' }, after: { optionId: 'yes-regardless' } },
      { itemId: '1b', before: { optionId: 'no' }, after: { optionId: 'no', comment: 'back to no' } },
    ]);
    expect(diff.state).toEqual({ before: 'draft', after: 'submitted' });
    expect(diff.events.map((event) => event.action)).toEqual(['comment', 'submit']);
    await expect(diffRevisions(test.db, assessment.id, 3, 99)).rejects.toBeInstanceOf(ValidationError);
  });

  it('lists assessments by round, state and area scope with counts as numbers', async () => {
    const round = await makeRound(test.db, user.id);
    await createJurisdiction(
      test.db,
      { code: '250-IDF', name: 'Demo Île-de-France', level: 'region', parent: '250' },
      user.id,
    ).catch(() => undefined);
    for (const jurisdiction of ['250', '276', '380', '250-IDF'])
      await createAssessment(test.db, { jurisdiction, roundId: round.id }, user.id);
    const all = await listAssessments(test.db, { roundId: round.id, page: { limit: 2 } });
    expect(all).toMatchObject({ total: 4, limit: 2, offset: 0 });
    expect(all.items.map((item) => item.jurisdiction)).toEqual(['250', '250-IDF']);
    expect(all.items.map((item) => item.answeredItems)).toEqual([0, 0]);
    const scoped = await listAssessments(test.db, { roundId: round.id, areas: ['250', '380'] });
    expect(scoped.items.map((item) => item.jurisdiction)).toEqual(['250', '250-IDF', '380']);
    expect((await listAssessments(test.db, { roundId: round.id, areas: [] })).total).toBe(0);
    expect((await listAssessments(test.db, { roundId: round.id, state: 'submitted' })).total).toBe(0);
    await expect(listAssessments(test.db, { state: 'open' as never })).rejects.toBeInstanceOf(ValidationError);
  });

  it('throws NotFoundError for unknown assessments', async () => {
    await expect(getAssessment(test.db, 'missing')).rejects.toMatchObject({
      name: 'NotFoundError',
      entity: 'assessment',
      id: 'missing',
    });
  });
});
