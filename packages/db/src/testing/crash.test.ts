import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createDatabase, type MigovDatabase } from '../database.ts';
import { createAssessment, getAssessment, saveResponses } from '../assessments/assessments.repository.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { listObservationImports, listObservations } from '../observations/observations.repository.ts';
import { listRevisions } from '../revisions/revisions.repository.ts';
import { answerEverything, makeRound } from './fixtures.ts';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from './test-database.ts';

const repositoryRoot = join(import.meta.dirname, '../../../..');
const child = join(import.meta.dirname, 'crash-child.ts');

/** Run the child until it reports being inside its transaction, then SIGKILL it. Returns its output. */
function killMidTransaction(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, ['--import', 'tsx', child, ...args], {
      cwd: repositoryRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    const timer = setTimeout(() => {
      process_.kill('SIGKILL');
      reject(new Error(`the child never reached its transaction: ${output} ${errors}`));
    }, 60_000);
    process_.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('in-transaction')) process_.kill('SIGKILL');
    });
    process_.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    process_.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve(output);
      else reject(new Error(`the child exited by itself (${String(_code)}): ${output} ${errors}`));
    });
  });
}

async function reopen(test: TestDatabase): Promise<MigovDatabase> {
  const db = await createDatabase({ url: test.url });
  if (db.dialect === 'sqlite') {
    const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db.kysely);
    expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
  }
  return db;
}

describe.each(TEST_DIALECTS)('crash safety on %s', (dialect) => {
  it('keeps nothing of an import killed in the middle', async () => {
    const test = await createTestDatabase(dialect);
    try {
      const output = await killMidTransaction(['import', test.url, '10000']);
      expect(output).toMatch(/in-transaction 5000\/10000/);
      expect(output).not.toContain('committed');
      const db = await reopen(test);
      try {
        expect(await listObservationImports(db)).toEqual([]);
        expect(await listObservations(db)).toEqual([]);
        expect((await listAudit(db, { filters: { action: 'observations.import' } })).total).toBe(0);
      } finally {
        await db.close();
      }
    } finally {
      await test.dispose();
    }
  }, 90_000);

  it('keeps the last committed save of a save killed in the middle', async () => {
    const test = await createTestDatabase(dialect);
    try {
      const round = await makeRound(test.db);
      let assessment = await createAssessment(test.db, { jurisdiction: '250', roundId: round.id }, null);
      assessment = await saveResponses(
        test.db,
        { assessmentId: assessment.id, expectedLockVersion: 1, changes: answerEverything() },
        null,
      );
      const output = await killMidTransaction(['save', test.url, assessment.id, '3']);
      expect(output).toContain('saved 5\n');
      expect(output).toContain('in-transaction after 3 saves');
      const db = await reopen(test);
      try {
        const after = await getAssessment(db, assessment.id);
        expect(after.lockVersion).toBe(5);
        expect(Object.values(after.responses).map((value) => value.comment)).toEqual(Array(30).fill('save 3'));
        const revisions = await listRevisions(db, { assessmentId: assessment.id });
        expect(revisions.map((revision) => revision.revision)).toEqual([1, 2, 3, 4, 5]);
        expect(after.revision).toBe(5);
        expect(JSON.stringify(revisions)).not.toContain('save crash');
      } finally {
        await db.close();
      }
    } finally {
      await test.dispose();
    }
  }, 90_000);
});
