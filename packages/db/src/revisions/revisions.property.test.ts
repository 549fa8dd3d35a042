import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAssessment,
  getAssessment,
  saveResponses,
  type ResponseValue,
} from '../assessments/assessments.repository.ts';
import { makeRound } from '../testing/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { diffRevisions, listRevisions } from './revisions.repository.ts';

const ITEMS = ['1a', '1b', '2a'] as const;
const OPTIONS: Record<(typeof ITEMS)[number], string[]> = {
  '1a': ['yes-regardless', 'no'],
  '1b': ['yes-legal-only', 'no'],
  '2a': ['yes', 'no'],
};

const change = fc.constantFrom(...ITEMS).chain((itemId) =>
  fc.record({
    itemId: fc.constant(itemId),
    optionId: fc.option(fc.constantFrom(...OPTIONS[itemId]), { nil: undefined }).map((value) => value ?? null),
    comment: fc.option(fc.constantFrom('a', 'b', ''), { nil: undefined }),
  }),
);
const save = fc.uniqueArray(change, { minLength: 1, maxLength: 3, selector: (entry) => entry.itemId });

function replay(responsesBySave: Record<string, ResponseValue>[], upTo: number): Record<string, ResponseValue> {
  return responsesBySave[upTo] ?? {};
}

// The diff logic is dialect-independent TypeScript over stored revisions, so SQLite suffices here.
describe('diffRevisions (property, on sqlite)', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase('sqlite');
  });
  afterAll(async () => test?.dispose());

  it('equals comparing the responses at the two revisions, for any sequence of saves', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(save, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.nat(),
        async (saves, first, second) => {
          const round = await makeRound(test.db);
          let assessment = await createAssessment(test.db, { jurisdiction: '724', roundId: round.id }, null);
          const states: Record<string, ResponseValue>[] = [{}, {}];
          for (const changes of saves) {
            assessment = await saveResponses(
              test.db,
              { assessmentId: assessment.id, expectedLockVersion: assessment.lockVersion, changes },
              null,
            );
            states[assessment.revision] = assessment.responses;
          }
          const latest = assessment.revision;
          const from = 1 + (first % latest);
          const to = from + (second % (latest - from + 1));
          const diff = await diffRevisions(test.db, assessment.id, from, to);
          const before = replay(states, from);
          const after = replay(states, to);
          const expected = ITEMS.filter(
            (itemId) => JSON.stringify(before[itemId] ?? {}) !== JSON.stringify(after[itemId] ?? {}),
          ).map((itemId) => ({
            itemId,
            before: before[itemId] ?? {},
            after: after[itemId] ?? {},
          }));
          expect(diff.items).toEqual(expected);
          // Replaying every revision's "after" reproduces the stored state: history is complete.
          const replayed: Record<string, ResponseValue> = {};
          for (const revision of await listRevisions(test.db, { assessmentId: assessment.id })) {
            const values = (revision.after as { responses?: Record<string, ResponseValue> } | null)?.responses ?? {};
            for (const [itemId, value] of Object.entries(values)) {
              if (value.optionId === undefined && value.comment === undefined) delete replayed[itemId];
              else replayed[itemId] = value;
            }
          }
          expect(replayed).toEqual((await getAssessment(test.db, assessment.id)).responses);
        },
      ),
      { seed: 10_702, numRuns: 40 },
    );
  }, 60_000);
});
