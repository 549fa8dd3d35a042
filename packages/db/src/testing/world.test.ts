import { describe, expect, it } from 'vitest';
import { getAssessment, listAssessments } from '../assessments/assessments.repository.ts';
import { getPublishedResults } from '../publications/publications.repository.ts';
import { listRevisions } from '../revisions/revisions.repository.ts';
import { listUsers } from '../users/users.repository.ts';
import { listMgiAssessments } from '../governance/mgi-assessments.repository.ts';
import { TABLE_NAMES, TABLE_ORDER_BY } from '../schema/tables.ts';
import type { MigovDatabase } from '../database.ts';
import { createTestDatabase } from './test-database.ts';
import { generateWorld, WORLD_SIZE } from './world.ts';

/** Every row of every table, in a stable order, without the timestamps the migrations themselves write. */
async function dump(db: MigovDatabase): Promise<string> {
  const tables: Record<string, unknown[]> = {};
  for (const table of TABLE_NAMES) {
    let query = db.kysely.selectFrom(table).selectAll();
    for (const column of TABLE_ORDER_BY[table]) query = query.orderBy(column as never);
    tables[table] = await query.execute();
  }
  return JSON.stringify(tables, (_key, value: unknown) => (value instanceof Uint8Array ? [...value] : value));
}

describe('the world generator', () => {
  it('fills a database to a fraction of the real world through the data layer, and the same seed gives the same rows', async () => {
    const first = await createTestDatabase('sqlite');
    const second = await createTestDatabase('sqlite');
    const other = await createTestDatabase('sqlite');
    try {
      const parts: string[] = [];
      const summary = await generateWorld(first.db, {
        seed: 7,
        scale: 0.004,
        onProgress: (part) => parts.push(part),
      });
      expect(summary.users).toBe(Math.round(WORLD_SIZE.users * 0.004));
      expect(summary.localJurisdictions).toBe(Math.round(WORLD_SIZE.localJurisdictions * 0.004));
      expect(summary.rounds.filter((round) => round.future)).toHaveLength(WORLD_SIZE.futureRounds);
      expect(summary.rounds[0]!.year).toBe(2019);
      expect(parts).toContain('revisions');

      // Counts as the data layer reads them.
      expect((await listUsers(first.db)).total).toBe(summary.users);
      const current = await listAssessments(first.db, { roundId: summary.currentRoundId, page: { limit: 1000 } });
      expect(current.total).toBe(summary.countries);
      expect(summary.rows.assessments).toBe((await listAssessments(first.db)).total);
      // The list counts each row's answered items as the full assessment has them, drafts included.
      for (const item of current.items) {
        const full = await getAssessment(first.db, item.id);
        expect(item.answeredItems).toBe(Object.values(full.responses).filter((value) => value.optionId).length);
      }
      expect(current.items.some((item) => item.answeredItems > 0)).toBe(true);
      const mgi = await listMgiAssessments(first.db);
      expect(mgi.length).toBe(summary.rows.mgi_assessments);
      expect(new Set(mgi.map((entry) => entry.jurisdiction)).size).toBe(summary.localJurisdictions);
      expect(mgi.some((entry) => entry.state === 'published')).toBe(true);

      // History as the product records it: revisions numbered 1..n, matching the assessment's count.
      const sample = current.items.find((item) => item.state !== 'draft') ?? current.items[0]!;
      const revisions = await listRevisions(first.db, { assessmentId: sample.id });
      expect(revisions.map((entry) => entry.revision)).toEqual(revisions.map((_, index) => index + 1));
      expect(revisions.length).toBe(sample.revision);
      expect(revisions[0]!.action).toBe('create');

      // Publications are scored, one current per published country of a past round.
      const past = summary.rounds.find((round) => round.year === 2019)!;
      const published = await getPublishedResults(first.db, { year: past.year, instrument: 'sdg-10-7-2' });
      expect(published.length).toBeGreaterThan(0);
      expect(published[0]!.results.overall.status).toBe('scored');

      await generateWorld(second.db, { seed: 7, scale: 0.004 });
      await generateWorld(other.db, { seed: 8, scale: 0.004 });
      const [a, b, c] = await Promise.all([dump(first.db), dump(second.db), dump(other.db)]);
      expect(b).toBe(a);
      expect(c).not.toBe(a);
    } finally {
      await Promise.all([first.dispose(), second.dispose(), other.dispose()]);
    }
  });
});
