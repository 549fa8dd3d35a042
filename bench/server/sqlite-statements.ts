/**
 * SQLite prepared-statement cache: the data access of an authenticated assessment read (session
 * lookup, user, role grants, assessment, evidence, review comments) and of a public read (published
 * results), through the repositories over one SQLite file, with the statement cache (the default)
 * against without it (`statementCacheSize: 0`: Kysely prepares every query afresh), alternating in the
 * same run; the ratio is the median of the rounds' ratios.
 * Run: npx tsx bench/server/sqlite-statements.ts [--rounds 7] [--operations 3000]
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDatabase,
  findSessionByTokenHash,
  getAssessment,
  getPublishedResults,
  getUser,
  listEvidence,
  listReviewComments,
  listRoleGrants,
  seedDemoData,
  type MigovDatabase,
} from '@migov/db';
import { numberArg, printTable, writeResults } from './bench-support.ts';

const ROUNDS = numberArg('rounds', 7);
const OPERATIONS = numberArg('operations', 3000);

const url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'migov-statements-')), 'bench.sqlite')}`;
const seeding = await createDatabase({ url });
await seeding.migrate();
const demo = await seedDemoData(seeding, { seed: 3 });
await seeding.close();
const userIds = demo.users.map((user) => user.userId);
const assessmentIds = demo.assessments.map((assessment) => assessment.id);

/** One request's worth of data access; `index` picks the user and the assessment. */
async function authenticatedRead(db: MigovDatabase, index: number): Promise<void> {
  await findSessionByTokenHash(db, createHash('sha256').update(String(index)).digest('hex'));
  const userId = userIds[index % userIds.length]!;
  await getUser(db, userId);
  await listRoleGrants(db, userId);
  const assessmentId = assessmentIds[index % assessmentIds.length]!;
  await getAssessment(db, assessmentId);
  await listEvidence(db, { assessmentId, includeWithdrawn: true });
  await listReviewComments(db, { assessmentId });
}

const publicRead = (db: MigovDatabase, index: number) =>
  getPublishedResults(db, { year: index % 2 === 0 ? 2019 : 2021, instrument: 'sdg-10-7-2' });

async function opsPerSecond(
  db: MigovDatabase,
  work: (db: MigovDatabase, index: number) => Promise<unknown>,
): Promise<number> {
  const start = process.hrtime.bigint();
  for (let index = 0; index < OPERATIONS; index += 1) await work(db, index);
  return OPERATIONS / (Number(process.hrtime.bigint() - start) / 1e9);
}

const cached = await createDatabase({ url });
const uncached = await createDatabase({ url, statementCacheSize: 0 });
const rows: Record<string, string | number>[] = [];
const results: Record<string, unknown>[] = [];
for (const [name, work] of [
  ['authenticated assessment read (6 queries)', authenticatedRead],
  ['published results of a round (1 query)', publicRead],
] as const) {
  // Warm-up: JIT, SQLite's page cache and the statements.
  await opsPerSecond(cached, work);
  await opsPerSecond(uncached, work);
  const ratios: number[] = [];
  const withCache: number[] = [];
  const without: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    withCache.push(await opsPerSecond(cached, work));
    without.push(await opsPerSecond(uncached, work));
    ratios.push(withCache.at(-1)! / without.at(-1)!);
  }
  const median = (values: number[]) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)]!;
  const ratio = median(ratios);
  results.push({ name, operations: OPERATIONS, rounds: ROUNDS, withCache, without, ratios, ratio });
  rows.push({
    workload: name,
    'cached ops/s': Math.round(median(withCache)),
    'uncached ops/s': Math.round(median(without)),
    'speed-up (median of rounds)': `${ratio.toFixed(2)}x`,
  });
}
await cached.close();
await uncached.close();
printTable(rows);
process.stdout.write(`\nresults: ${writeResults('server-sqlite-statements', results)}\n`);
