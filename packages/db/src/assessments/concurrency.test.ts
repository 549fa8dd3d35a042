import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { listRevisions } from '../revisions/revisions.repository.ts';
import { makeRound, makeUser } from '../testing/fixtures.ts';
import { incrementCounter } from '../testing/increment-saver.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { createAssessment, getAssessment, type Assessment } from './assessments.repository.ts';

const run = promisify(execFile);
const SAVERS = 200;
const repositoryRoot = join(import.meta.dirname, '../../../..');

/** Every save revision must start from the value the previous one ended with: a chain without gaps. */
async function expectUnbrokenChain(test: TestDatabase, assessment: Assessment): Promise<void> {
  const saves = (await listRevisions(test.db, { assessmentId: assessment.id })).filter(
    (revision) => revision.action === 'save',
  );
  expect(saves).toHaveLength(SAVERS);
  saves.forEach((revision, index) => {
    const before = (revision.before as { responses: Record<string, { comment?: string }> }).responses['1a']?.comment;
    const after = (revision.after as { responses: Record<string, { comment?: string }> }).responses['1a']?.comment;
    expect([before ?? '0', after]).toEqual([String(index), String(index + 1)]);
  });
}

describe('optimistic locking under real concurrency', () => {
  it(`loses no update with ${SAVERS} Promise-concurrent savers on one PostgreSQL pool`, async () => {
    const test = await createTestDatabase('postgres', { poolSize: 10 });
    try {
      const user = await makeUser(test.db);
      const assessment = await createAssessment(
        test.db,
        { jurisdiction: '840', roundId: (await makeRound(test.db)).id },
        user.id,
      );
      const conflicts = await Promise.all(
        Array.from({ length: SAVERS }, () => incrementCounter(test.db, assessment.id, user.id)),
      );
      const final = await getAssessment(test.db, assessment.id);
      expect(final.responses['1a']?.comment).toBe(String(SAVERS));
      expect(final.lockVersion).toBe(1 + SAVERS);
      // The savers really did collide: otherwise this test would prove nothing.
      expect(conflicts.reduce((total, count) => total + count, 0)).toBeGreaterThan(SAVERS);
      await expectUnbrokenChain(test, assessment);
    } finally {
      await test.dispose();
    }
  }, 120_000);

  it(`loses no update with ${SAVERS} savers in four processes on one SQLite WAL file`, async () => {
    const test = await createTestDatabase('sqlite');
    try {
      const user = await makeUser(test.db);
      const assessment = await createAssessment(
        test.db,
        { jurisdiction: '840', roundId: (await makeRound(test.db)).id },
        user.id,
      );
      const child = join(import.meta.dirname, '../testing/increment-saver.child.ts');
      const processes = 4;
      const outputs = await Promise.all(
        Array.from({ length: processes }, () =>
          run(process.execPath, ['--import', 'tsx', child, test.url, assessment.id, String(SAVERS / processes), '5'], {
            cwd: repositoryRoot,
            timeout: 110_000,
          }),
        ),
      );
      const conflicts = outputs.map((output) => (JSON.parse(output.stdout) as { conflicts: number }).conflicts);
      const final = await getAssessment(test.db, assessment.id);
      expect(final.responses['1a']?.comment).toBe(String(SAVERS));
      expect(final.lockVersion).toBe(1 + SAVERS);
      expect(conflicts.reduce((total, count) => total + count, 0)).toBeGreaterThan(0);
      await expectUnbrokenChain(test, assessment);
    } finally {
      await test.dispose();
    }
  }, 120_000);
});
