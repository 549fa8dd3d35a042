/**
 * Published evidence: a publication carries the evidence of each item as it stood when published;
 * files are served publicly only when a publication lists them, and nothing of an unpublished
 * assessment (nor any e-mail) leaks through the public routes. The history names who made each change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDG_10_7_2_V2019, type InstrumentVersion } from '@migov/core';
import {
  addEvidence,
  createAssessment,
  createRound,
  getAssessment,
  saveResponses,
  transitionAssessment,
  withdrawEvidence,
  type Assessment,
  type MigovDatabase,
} from '@migov/db';
import type { MigovApp } from '../app.ts';
import { createTestApp, createTestDatabase, createTestUser, DIALECTS, signIn } from '../testing/test-app.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const INSTRUMENT: InstrumentVersion = SDG_10_7_2_V2019;
const ANSWERS = INSTRUMENT.domains
  .flatMap((domain) => domain.items)
  .map((item) => ({ itemId: item.id, optionId: INSTRUMENT.scales[item.scale]![0]!.id }));

interface PublicEvidence {
  id: string;
  kind: string;
  title: string;
  url?: string;
  file?: { filename: string; mediaType: string; size: number; downloadUrl: string };
}
interface PublicPublication {
  publicationNumber: number;
  evidence: Record<string, PublicEvidence[]>;
}

describe.each(DIALECTS)('published evidence and named history (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  let actorId: string;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    app = await createTestApp(db);
    actorId = (
      await createTestUser(
        db,
        'ana.focal@mx.example.org',
        [{ role: 'administrator', scope: { kind: 'global' } }],
        'Ana Focal',
      )
    ).id;
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  async function move(
    assessment: Assessment,
    ...actions: ('submit' | 'validate' | 'publish' | 'reopen')[]
  ): Promise<Assessment> {
    let current = assessment;
    for (const action of actions)
      current = await transitionAssessment(
        db,
        {
          assessmentId: current.id,
          expectedLockVersion: current.lockVersion,
          action,
          ...(action === 'reopen' ? { reason: 'Correction' } : {}),
        },
        actorId,
      );
    // Moved through the database, not the routes (which empty the public cache themselves).
    await app.migov.publicCache.invalidate();
    return current;
  }

  const publicationsOf = async (year: number, jurisdiction: string) => {
    const response = await app.inject({ url: `/api/v1/published/${year}/${jurisdiction}` });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: PublicPublication[] }).items;
  };

  it('publishes the evidence of each item with the publication, immutable, and serves only published files', async () => {
    const round = await createRound(
      db,
      { year: 2019, instrument: 'sdg-10-7-2', version: '2019', opensOn: '2019-01-01', closesOn: '2019-12-31' },
      actorId,
    );
    let assessment = await createAssessment(db, { jurisdiction: '484', roundId: round.id }, actorId);
    assessment = await saveResponses(
      db,
      { assessmentId: assessment.id, expectedLockVersion: assessment.lockVersion, changes: ANSWERS },
      actorId,
    );
    const law = await addEvidence(
      db,
      {
        assessmentId: assessment.id,
        itemId: '1a',
        kind: 'file',
        title: 'Health law',
        file: { filename: 'health-law.pdf', mediaType: 'application/pdf', bytes: PDF },
      },
      actorId,
    );
    const page = await addEvidence(
      db,
      {
        assessmentId: assessment.id,
        itemId: '2a',
        kind: 'link',
        title: 'Ministry page',
        url: 'https://example.org/policy',
      },
      actorId,
    );
    const dropped = await addEvidence(
      db,
      { assessmentId: assessment.id, itemId: '2a', kind: 'link', title: 'Old page', url: 'https://example.org/old' },
      actorId,
    );
    await withdrawEvidence(db, { evidenceId: dropped.id, reason: 'Superseded' }, actorId);

    // Not published yet: nothing public, and the file is refused on the public route.
    expect(await publicationsOf(2019, '484')).toEqual([]);
    expect((await app.inject({ url: `/api/v1/published/2019/484/evidence/${law.id}/file` })).statusCode).toBe(404);

    assessment = await move(await getAssessment(db, assessment.id), 'submit', 'validate', 'publish');
    const [first] = await publicationsOf(2019, '484');
    expect(first?.evidence['1a']).toEqual([
      {
        id: law.id,
        kind: 'file',
        title: 'Health law',
        file: {
          filename: 'health-law.pdf',
          mediaType: 'application/pdf',
          size: PDF.byteLength,
          sha256: law.file!.sha256,
          downloadUrl: `/api/v1/published/2019/484/evidence/${law.id}/file`,
        },
      },
    ]);
    // Withdrawn evidence is not part of what was published.
    expect(first?.evidence['2a']).toEqual([
      { id: page.id, kind: 'link', title: 'Ministry page', url: 'https://example.org/policy' },
    ]);

    const download = await app.inject({ url: first!.evidence['1a']![0]!.file!.downloadUrl });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe('attachment; filename=health-law.pdf');
    // The evidence belongs to Mexico's publication: another jurisdiction or year does not serve it.
    expect((await app.inject({ url: `/api/v1/published/2019/76/evidence/${law.id}/file` })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/published/2020/484/evidence/${law.id}/file` })).statusCode).toBe(404);
    // A link has no file to download.
    expect((await app.inject({ url: `/api/v1/published/2019/484/evidence/${page.id}/file` })).statusCode).toBe(404);

    // Reopened: new evidence of the draft stays private, the publication keeps what it had.
    assessment = await move(assessment, 'reopen');
    const draft = await addEvidence(
      db,
      {
        assessmentId: assessment.id,
        itemId: '1a',
        kind: 'file',
        title: 'Draft decree',
        file: { filename: 'draft.pdf', mediaType: 'application/pdf', bytes: PDF },
      },
      actorId,
    );
    await withdrawEvidence(db, { evidenceId: law.id, reason: 'Repealed' }, actorId);
    const unpublished = await app.inject({ url: `/api/v1/published/2019/484/evidence/${draft.id}/file` });
    expect(unpublished.statusCode).toBe(404);
    expect(unpublished.headers['content-type']).toContain('application/problem+json');
    const [kept] = await publicationsOf(2019, '484');
    expect(kept).toEqual(first);
    expect((await app.inject({ url: first!.evidence['1a']![0]!.file!.downloadUrl })).statusCode).toBe(200);

    // The correction is publication 2 with the evidence of that moment; publication 1 is unchanged.
    await move(await getAssessment(db, assessment.id), 'submit', 'validate', 'publish');
    const [again, second] = await publicationsOf(2019, '484');
    expect(again).toEqual(first);
    expect(second?.publicationNumber).toBe(2);
    expect(second?.evidence['1a']?.map((entry) => entry.id)).toEqual([draft.id]);
    expect((await app.inject({ url: `/api/v1/published/2019/484/evidence/${draft.id}/file` })).statusCode).toBe(200);

    // No public answer names a person.
    for (const url of ['/api/v1/published/2019', '/api/v1/published/2019/484']) {
      const body = (await app.inject({ url })).body;
      expect(body).not.toContain('@');
      expect(body).not.toContain(actorId);
    }
  });

  it('names who made each change in the history and the diff, for signed-in readers', async () => {
    const round = await createRound(
      db,
      { year: 2021, instrument: 'sdg-10-7-2', version: '2019', opensOn: '2021-01-01', closesOn: '2021-12-31' },
      actorId,
    );
    const assessment = await createAssessment(db, { jurisdiction: '76', roundId: round.id }, actorId);
    const reviewerId = (
      await createTestUser(
        db,
        'rui@br.example.org',
        [{ role: 'reviewer', scope: { kind: 'area', area: '76' } }],
        'Rui Reviewer',
      )
    ).id;
    await saveResponses(
      db,
      { assessmentId: assessment.id, expectedLockVersion: assessment.lockVersion, changes: ANSWERS.slice(0, 3) },
      reviewerId,
    );
    const session = await signIn(app, 'rui@br.example.org');
    const history = await app.inject({
      url: `/api/v1/assessments/${assessment.id}/history`,
      headers: { cookie: session.cookie },
    });
    expect(history.statusCode, history.body).toBe(200);
    expect(
      (history.json().items as { action: string; actorName?: string }[]).map(({ action, actorName }) => [
        action,
        actorName,
      ]),
    ).toEqual([
      ['create', 'Ana Focal'],
      ['save', 'Rui Reviewer'],
    ]);
    const diff = await app.inject({
      url: `/api/v1/assessments/${assessment.id}/diff?from=0&to=2`,
      headers: { cookie: session.cookie },
    });
    expect(diff.json().events).toMatchObject([{ action: 'create', actorName: 'Ana Focal' }]);
    expect((await app.inject({ url: `/api/v1/assessments/${assessment.id}/history` })).statusCode).toBe(401);
  });
});
