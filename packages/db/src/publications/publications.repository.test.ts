import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '@migov/core';
import { listNationalResults } from '../official/official-data.repository.ts';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { generateWorld } from '../testing/world.ts';
import { getPublishedResults, pagePublishedResults } from './publications.repository.ts';

describe.each(TEST_DIALECTS)('the published results of a round, a page at a time, on %s', (dialect) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    await generateWorld(test.db, { seed: 10_7_2, scale: 0.004 });
  });
  afterAll(async () => test?.dispose());

  it('reads every publication of the round once, in a stable order, with its provenance', async () => {
    const random = seededRandom(dialect === 'sqlite' ? 1 : 2);
    const filters = { year: 2021, instrument: 'sdg-10-7-2' };
    const whole = await getPublishedResults(test.db, filters);
    expect(whole.length).toBeGreaterThan(2);
    const limit = 1 + Math.floor(random() * 2);
    const read: string[] = [];
    for (let offset = 0; offset < whole.length + limit; offset += limit) {
      const page = await pagePublishedResults(test.db, { ...filters, page: { limit, offset } });
      expect(page.total).toBe(whole.length);
      expect(page.items.length).toBe(Math.max(0, Math.min(limit, whole.length - offset)));
      read.push(...page.items.map((publication) => publication.id));
    }
    expect(read).toEqual(whole.map((publication) => publication.id));
    // The provenance of one page's jurisdictions is the same as read for the whole round.
    const page = await pagePublishedResults(test.db, { ...filters, page: { limit, offset: limit } });
    const jurisdictions = page.items.map((publication) => publication.jurisdiction);
    const all = await listNationalResults(test.db, filters);
    expect(await listNationalResults(test.db, { ...filters, jurisdictions })).toEqual(
      all.filter((result) => jurisdictions.includes(result.jurisdiction)),
    );
    expect(await listNationalResults(test.db, { ...filters, jurisdictions: [] })).toEqual([]);
  });
});
