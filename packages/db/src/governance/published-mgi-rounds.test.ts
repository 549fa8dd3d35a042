/**
 * The bulk read of published MGI-style profiles reads, batch by batch, exactly what reading each
 * profile on its own reads: the assessment of the jurisdiction and year, and the jurisdiction's
 * previous published round (as `GET /mgi/profiles/:jurisdiction/:year` does).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorld } from '../testing/world.ts';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { ValidationError } from '../errors.ts';
import { listMgiAssessments, listPublishedMgiRounds, type PublishedMgiRound } from './mgi-assessments.repository.ts';

describe.each(TEST_DIALECTS)('published MGI-style rounds read in bulk on %s', (dialect) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    await generateWorld(test.db, { seed: 11, scale: 0.01 });
  }, 300_000);
  afterAll(async () => test?.dispose());

  /** Every batch of `limit` jurisdictions, until the last. */
  async function everyBatch(limit: number): Promise<{ items: PublishedMgiRound[]; batches: number }> {
    const items: PublishedMgiRound[] = [];
    let after: string | undefined;
    let batches = 0;
    do {
      const batch = await listPublishedMgiRounds(test.db, { limit, ...(after !== undefined ? { after } : {}) });
      items.push(...batch.items);
      after = batch.next;
      batches += 1;
    } while (after !== undefined);
    return { items, batches };
  }

  it('equals the single reads of every published profile, with its previous published round', async () => {
    const published = await listMgiAssessments(test.db, { state: 'published' });
    const single: PublishedMgiRound[] = [];
    for (const listed of published) {
      const [assessment] = await listMgiAssessments(test.db, {
        jurisdiction: listed.jurisdiction,
        year: listed.year,
        state: 'published',
      });
      const previous = (await listMgiAssessments(test.db, { jurisdiction: listed.jurisdiction }))
        .filter((round) => round.year < listed.year && round.state === 'published')
        .at(-1);
      single.push({ assessment: assessment!, previous });
    }
    // The world has jurisdictions with several published rounds and rounds still in progress.
    expect(published.length).toBeGreaterThan(40);
    expect(single.filter((entry) => entry.previous).length).toBeGreaterThan(10);
    expect((await listMgiAssessments(test.db)).length).toBeGreaterThan(published.length);

    const jurisdictions = new Set(published.map((entry) => entry.jurisdiction)).size;
    for (const limit of [7, jurisdictions, jurisdictions + 1]) {
      const { items, batches } = await everyBatch(limit);
      expect(items).toEqual(single);
      expect(batches).toBe(Math.floor(jurisdictions / limit) + 1);
    }
  });

  it('reads nothing after the last jurisdiction, and refuses a batch of no jurisdictions', async () => {
    const published = await listMgiAssessments(test.db, { state: 'published' });
    const last = published.at(-1)!.jurisdiction;
    expect(await listPublishedMgiRounds(test.db, { after: last, limit: 10 })).toEqual({ items: [], next: undefined });
    await expect(listPublishedMgiRounds(test.db, { limit: 0 })).rejects.toBeInstanceOf(ValidationError);
  });
});
