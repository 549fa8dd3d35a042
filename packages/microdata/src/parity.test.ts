import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type MicrodataSession } from './session.ts';
import { loadMicrodata } from './load-microdata.ts';
import { sourceOf, tabulate } from './estimate.ts';
import { designForPersons, writeSyntheticCensus } from './synthetic-census.ts';
import { createTempDir } from '../test/files.ts';

const temp = createTempDir();
let session: MicrodataSession;

beforeAll(async () => {
  session = await openSession({ threads: 2 });
});
afterAll(() => {
  session.close();
  temp.cleanup();
});

describe('the parity index from paired PSU totals', () => {
  it('is the ratio of the two rates the rate tabulation gives, cell by cell, with the smaller n', async () => {
    const path = temp.path('census.parquet');
    await writeSyntheticCensus(session.connection, path, designForPersons(30_000, 17));
    const source = sourceOf(await loadMicrodata(session.connection, path, { name: 'parity' }));
    for (const status of ['birth', 'citizenship', 'recent'] as const) {
      const rates = await tabulate(session.connection, source, { indicator: 'attendance-rate', by: ['migratory-status', 'sex', 'age-group'], status, minN: 1 });
      const parity = await tabulate(session.connection, source, { indicator: 'attendance-parity', by: ['sex', 'age-group'], status, minN: 1 });
      expect(parity.cells).toHaveLength(6);
      for (const cell of parity.cells) {
        const rate = (migrant: boolean) => rates.cells.find((entry) => entry.sex === cell.sex && entry.ageGroup === cell.ageGroup && entry.migratoryStatus === (migrant ? rates.cells[0]!.migratoryStatus : rates.cells.at(-1)!.migratoryStatus))!;
        const [a, b] = [rate(true), rate(false)];
        expect(cell.n).toBe(Math.min(a.n, b.n));
        if (a.n === 0 || b.n === 0 || b.estimate === 0) {
          expect(cell.status).toBe('undefined');
          continue;
        }
        expect(cell.status).toBe('estimated');
        const expected = (a.estimate as number) / (b.estimate as number);
        expect(Math.abs((cell.estimate as number) - expected)).toBeLessThanOrEqual(1e-9 * expected);
        expect(cell.standardError).toBeGreaterThan(0);
      }
    }
  });
});
