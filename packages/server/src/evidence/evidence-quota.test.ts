/** Evidence storage quotas, per assessment and per uploader, through the app on both dialects, concurrent uploads included. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssessment, createRound, listEvidence, withdrawEvidence, type MigovDatabase } from '@migov/db';
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

const KiB = 1024;
const AREAS = ['276', '250', '40', '56'].map((area) => ({
  role: 'focal-point' as const,
  scope: { kind: 'area' as const, area },
}));
const QUOTA = { assessmentBytes: 100 * KiB, assessmentFiles: 3, userBytes: 150 * KiB, userFiles: 5 };

/** A PDF of exactly `size` bytes. */
const pdf = (size: number) =>
  Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 15, 32), Buffer.from('\n%%EOF')]);

describe.each(DIALECTS)('evidence storage quotas (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  let focalPoint: SignedIn;
  let roundId = '';

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    app = await createTestApp(db, { config: { evidenceQuota: QUOTA } });
    roundId = (
      await createRound(db, {
        year: 2022,
        instrument: 'sdg-10-7-2',
        version: '2019',
        opensOn: '2022-01-01',
        closesOn: '2022-12-31',
      })
    ).id;
    await createTestUser(db, 'fp@example.org', AREAS);
    focalPoint = await signIn(app, 'fp@example.org');
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const upload = (assessmentId: string, name: string, bytes: Buffer, session = focalPoint) => {
    const boundary = 'quota';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="itemId"\r\n\r\n1a\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return app.inject({
      method: 'POST',
      url: `/api/v1/assessments/${assessmentId}/evidence`,
      headers: asUser(session, { 'content-type': `multipart/form-data; boundary=${boundary}` }),
      payload,
    });
  };
  const newAssessment = async (jurisdiction: string) =>
    (await createAssessment(db, { jurisdiction, roundId }, null)).id;

  it('refuses the file past the quota of an assessment, naming the quota and its use, and stores nothing', async () => {
    const bytesFull = await newAssessment('276');
    expect((await upload(bytesFull, 'a.pdf', pdf(60 * KiB))).statusCode).toBe(201);
    const tooMuch = await upload(bytesFull, 'b.pdf', pdf(50 * KiB));
    expect(tooMuch.statusCode, tooMuch.body).toBe(413);
    expect(tooMuch.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(tooMuch.json()).toMatchObject({
      code: 'evidence-quota-exceeded',
      quota: {
        scope: 'assessment',
        kind: 'bytes',
        limit: 100 * KiB,
        used: 60 * KiB,
        adding: 50 * KiB,
        setting: 'MIGOV_EVIDENCE_QUOTA_ASSESSMENT_BYTES',
      },
    });
    expect(tooMuch.json().detail).toContain('b.pdf');
    expect(await listEvidence(db, { assessmentId: bytesFull, includeWithdrawn: true })).toHaveLength(1);

    // Withdrawn files are kept, so they still count.
    const countFull = await newAssessment('250');
    const ids: string[] = [];
    for (const name of ['1.pdf', '2.pdf', '3.pdf'])
      ids.push((await upload(countFull, name, pdf(1 * KiB))).json().id as string);
    await withdrawEvidence(db, { evidenceId: ids[0]!, reason: 'superseded' }, null);
    const fourth = await upload(countFull, '4.pdf', pdf(1 * KiB));
    expect(fourth.statusCode).toBe(413);
    expect(fourth.json().quota).toMatchObject({
      scope: 'assessment',
      kind: 'files',
      limit: 3,
      used: 3,
      adding: 1,
      setting: 'MIGOV_EVIDENCE_QUOTA_ASSESSMENT_FILES',
    });
    expect(await listEvidence(db, { assessmentId: countFull, includeWithdrawn: true })).toHaveLength(3);
  });

  it('refuses the file past the quota of its uploader across assessments', async () => {
    // The user holds 60 KiB + 3 KiB from the test above; 90 KiB more in a third assessment passes 150 KiB.
    const third = await newAssessment('40');
    const refused = await upload(third, 'big.pdf', pdf(90 * KiB));
    expect(refused.statusCode, refused.body).toBe(413);
    expect(refused.json().quota).toMatchObject({
      scope: 'user',
      kind: 'bytes',
      limit: 150 * KiB,
      used: 63 * KiB,
      adding: 90 * KiB,
      setting: 'MIGOV_EVIDENCE_QUOTA_USER_BYTES',
    });
    expect((await upload(third, 'small.pdf', pdf(10 * KiB))).statusCode).toBe(201);
  });

  it('lets no more than the quota through when uploads race', async () => {
    await createTestUser(db, 'racer@example.org', AREAS);
    const racer = await signIn(app, 'racer@example.org');
    const raced = await newAssessment('56');
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) => upload(raced, `r${index}.pdf`, pdf(2 * KiB), racer)),
    );
    const codes = answers.map((answer) => answer.statusCode).sort();
    expect(codes.filter((code) => code === 201)).toHaveLength(3);
    expect(
      answers
        .filter((answer) => answer.statusCode !== 201)
        .every((answer) => answer.json().code === 'evidence-quota-exceeded'),
    ).toBe(true);
    expect(await listEvidence(db, { assessmentId: raced, includeWithdrawn: true })).toHaveLength(3);
  });
});
