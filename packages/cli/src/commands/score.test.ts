import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMigov } from '../run-cli.test-helper.ts';

const example = new URL('../../../../examples/demo-responses.json', import.meta.url).pathname;

describe('migov score', () => {
  it('explains the score item by item and gives the next-category advice', async () => {
    const run = await runMigov(['score', example, '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(
      result.domains.map((domain: { score: number; category: number }) => `${domain.score}:${domain.category}`),
    ).toEqual(['70:2', '80:3', '100:4', '60:2', '80:3', '80:3']);
    // 23.5 of 30 points: 78.33, just under the 80 boundary.
    expect(result.overall).toMatchObject({ category: 2 });
    expect(result.nextCategory.changes).toHaveLength(1);
    expect(result.overall.score).toBeCloseTo(78.3333, 4);
    expect(result.domains[0].items[1]).toEqual({
      item: '1b',
      number: '1b',
      status: 'answered',
      option: 'yes-legal-only',
      score: 0.5,
      max: 1,
    });
    expect(result.domains[0].nextCategory.changes).toEqual([
      { itemId: '1d', fromOptionId: 'no', toOptionId: 'yes-legal-only', gain: 0.5 },
    ]);
  });

  it('reads CSV responses and reports an incomplete domain with exit code 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'migov-score-'));
    await writeFile(join(dir, 'answers.csv'), 'item,option\n1a,yes-regardless\n2a,yes\n');
    const run = await runMigov(['score', join(dir, 'answers.csv')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('DOMAIN1 Migrant rights: incomplete (no answer for 1b, 1c, 1d, 1e)');
  });

  it('refuses an unknown option with the item and the allowed options', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'migov-score-'));
    await writeFile(join(dir, 'answers.json'), JSON.stringify({ responses: { '2a': 'perhaps' } }));
    const run = await runMigov(['score', join(dir, 'answers.json')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('item 2a has no option "perhaps" (options: yes, no)');
  });
});
