import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type MicrodataSession } from './session.ts';
import { loadMicrodata, MicrodataError } from './load-microdata.ts';
import { sourceOf, tabulate, replicateScale, type CellEstimate } from './estimate.ts';
import { DEFAULT_SPEC, type MicrodataSpec } from './spec.ts';
import { criticalValue } from './normal-quantile.ts';
import { designForPersons, writeSyntheticCensus } from './synthetic-census.ts';
import { createTempDir, DEFAULT_COLUMNS, person, writeCsv, type PersonRow } from '../test/files.ts';
import { seededRandom } from '@migov/core';
import {
  referenceParityVariance,
  referenceRatio,
  referenceRatioVariance,
  referenceReplicateVariance,
  type ReferenceRecord,
} from '../test/reference.ts';

const temp = createTempDir();
let session: MicrodataSession;

beforeAll(async () => {
  session = await openSession({ threads: 1 });
});
afterAll(() => {
  session.close();
  temp.cleanup();
});

function relativeClose(actual: number | null, expected: number, tolerance = 1e-9): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

describe('tabulate (hand-worked case)', () => {
  // Two strata with two PSUs each; everyone aged 20 and in the labour force.
  //   A/a1: w1 unemployed, w1 employed     A/a2: w2 employed, w2 employed
  //   B/b1: w1 unemployed, w1 unemployed   B/b2: w2 employed, w2 employed
  // R = 3/12 = 0.25; PSU totals of z = w(y − R)/X: a1 0.5/12, a2 −1/12, b1 1.5/12, b2 −1/12;
  // v = 2·[2·(0.75/12)²] + 2·[2·(1.25/12)²] = 8.5/144, so SE = √8.5/12.
  const rows: PersonRow[] = [
    person({ stratum: 'A', psu: 'a1', weight: 1, age: 20, labour_status: 2 }),
    person({ stratum: 'A', psu: 'a1', weight: 1, age: 20, labour_status: 1 }),
    person({ stratum: 'A', psu: 'a2', weight: 2, age: 20, labour_status: 1 }),
    person({ stratum: 'A', psu: 'a2', weight: 2, age: 20, labour_status: 1 }),
    person({ stratum: 'B', psu: 'b1', weight: 1, age: 20, labour_status: 2 }),
    person({ stratum: 'B', psu: 'b1', weight: 1, age: 20, labour_status: 2 }),
    person({ stratum: 'B', psu: 'b2', weight: 2, age: 20, labour_status: 1 }),
    person({ stratum: 'B', psu: 'b2', weight: 2, age: 20, labour_status: 1 }),
  ];

  it('matches the unemployment rate and its linearized standard error worked by hand', async () => {
    const path = temp.path('hand.csv');
    writeCsv(path, DEFAULT_COLUMNS, rows);
    const loaded = await loadMicrodata(session.connection, path, { name: 'hand' });
    const result = await tabulate(session.connection, sourceOf(loaded), {
      indicator: 'unemployment-rate',
      by: [],
      minN: 1,
    });
    expect(result.cells).toHaveLength(1);
    const [cell] = result.cells as [CellEstimate];
    relativeClose(cell.estimate, 25);
    relativeClose(cell.standardError, (100 * Math.sqrt(8.5)) / 12);
    relativeClose(cell.lower, 25 - criticalValue(0.95) * ((100 * Math.sqrt(8.5)) / 12));
    expect(cell.n).toBe(8);
    expect(cell.weightedDenominator).toBe(12);
  });

  it('flags cells below the minimum n as suppressed and keeps them in the output', async () => {
    const path = temp.path('hand-suppression.csv');
    writeCsv(path, DEFAULT_COLUMNS, rows);
    const loaded = await loadMicrodata(session.connection, path, { name: 'hand' });
    const result = await tabulate(session.connection, sourceOf(loaded), {
      indicator: 'unemployment-rate',
      by: ['sex'],
      minN: 9,
    });
    expect(result.cells.map((cell) => [cell.sex, cell.status, cell.n, cell.estimate, cell.note])).toEqual([
      ['F', 'suppressed', 0, null, 'unweighted n = 0 < 9'],
      ['M', 'suppressed', 8, null, 'unweighted n = 8 < 9'],
    ]);
  });

  it('refuses a stratum with a single PSU unless it is declared a certainty unit', async () => {
    const path = temp.path('single.csv');
    writeCsv(path, DEFAULT_COLUMNS, [
      ...rows,
      person({ stratum: 'C', psu: 'c1', weight: 3, age: 20, labour_status: 2 }),
    ]);
    const loaded = await loadMicrodata(session.connection, path, { name: 'single' });
    await expect(
      tabulate(session.connection, sourceOf(loaded), { indicator: 'unemployment-rate', by: [], minN: 1 }),
    ).rejects.toThrow(/column "stratum", value "C": stratum has a single PSU/);
    const certain = await tabulate(session.connection, sourceOf(loaded), {
      indicator: 'unemployment-rate',
      by: [],
      minN: 1,
      singlePsu: 'certainty',
    });
    relativeClose(certain.cells[0]?.estimate ?? null, (100 * 6) / 15);
  });
});

/** ~40 persons in 3 strata of 3-4 PSUs, with 5 JK1 replicate weights, from a seed. */
function smallSample(seed: number): PersonRow[] {
  const random = seededRandom(seed);
  const rows: PersonRow[] = [];
  let id = 0;
  for (let stratum = 1; stratum <= 3; stratum += 1) {
    const psus = 3 + (stratum % 2);
    for (let psu = 1; psu <= psus; psu += 1) {
      const persons = 3 + Math.floor(random() * 3);
      const migrantArea = random() < 0.5;
      for (let k = 0; k < persons; k += 1) {
        id += 1;
        const age = 6 + Math.floor(random() * 40);
        const foreign = random() < (migrantArea ? 0.6 : 0.25);
        const attending = age <= 17 ? random() < (foreign ? 0.7 : 0.9) : random() < 0.3;
        const labour = age < 15 ? 9 : random() < 0.25 ? 3 : random() < (foreign ? 0.3 : 0.15) ? 2 : 1;
        const weight = 5 + Math.round(random() * 4000) / 100;
        rows.push(
          person({
            person_id: id,
            household_id: id,
            stratum,
            psu: `${stratum}-${psu}`,
            weight,
            sex: random() < 0.5 ? 1 : 2,
            age,
            birth_country: foreign ? 'SYR' : 'XSY',
            citizenship: foreign && random() < 0.7 ? 'SYR' : 'XSY',
            residence_5y_ago: foreign && random() < 0.4 ? 'SYR' : 'XSY',
            attending_education: attending ? 1 : 2,
            labour_status: labour,
          }),
        );
      }
    }
  }
  // JK1 with 5 random groups of PSUs: drop the group, scale the rest by 5/4
  const groups = new Map<string, number>();
  for (const row of rows) if (!groups.has(String(row['psu']))) groups.set(String(row['psu']), groups.size % 5);
  for (const row of rows) {
    for (let r = 0; r < 5; r += 1)
      row[`repw_${r + 1}`] = groups.get(String(row['psu'])) === r ? 0 : (Number(row['weight']) * 5) / 4;
  }
  return rows;
}

const REPLICATE_COLUMNS = ['repw_1', 'repw_2', 'repw_3', 'repw_4', 'repw_5'];

function toReference(
  rows: readonly PersonRow[],
  inDomain: (row: PersonRow) => boolean,
  y: (row: PersonRow) => boolean,
): ReferenceRecord[] {
  return rows.map((row) => ({
    stratum: String(row['stratum']),
    psu: String(row['psu']),
    weight: Number(row['weight']),
    inDomain: inDomain(row),
    y: inDomain(row) && y(row) ? 1 : 0,
    replicateWeights: REPLICATE_COLUMNS.map((column) => Number(row[column])),
  }));
}

const isForeign = (row: PersonRow) => row['birth_country'] !== 'XSY';
const sexCode = (row: PersonRow) => (row['sex'] === 1 ? 'M' : 'F');
const inLabourForce = (row: PersonRow) =>
  Number(row['age']) >= 15 && (row['labour_status'] === 1 || row['labour_status'] === 2);
const isYouth = (row: PersonRow) => Number(row['age']) >= 15 && Number(row['age']) <= 24;
const isNeet = (row: PersonRow) => row['labour_status'] !== 1 && row['attending_education'] !== 1;
const isSchoolAge = (row: PersonRow) => Number(row['age']) >= 6 && Number(row['age']) <= 17;

describe('tabulate (against the textbook formulas in plain TypeScript)', () => {
  const seeds = [11, 12, 13];
  const specWithReplicates: MicrodataSpec = {
    ...DEFAULT_SPEC,
    replicateWeights: { columns: REPLICATE_COLUMNS, method: 'jk1' },
  };

  async function load(seed: number) {
    const rows = smallSample(seed);
    const path = temp.path(`small-${seed}.csv`);
    writeCsv(path, [...DEFAULT_COLUMNS, ...REPLICATE_COLUMNS], rows);
    const loaded = await loadMicrodata(session.connection, path, { name: `small_${seed}`, spec: specWithReplicates });
    return { rows, source: sourceOf(loaded) };
  }

  it.each(seeds)(
    'matches ratio estimates and Taylor standard errors by migratory status × sex to 1e-9 (seed %i)',
    async (seed) => {
      const { rows, source } = await load(seed);
      expect(rows.length).toBeGreaterThanOrEqual(30);
      for (const [indicator, denominator, numerator] of [
        ['unemployment-rate', inLabourForce, (row: PersonRow) => row['labour_status'] === 2],
        ['neet', isYouth, isNeet],
      ] as const) {
        const result = await tabulate(session.connection, source, {
          indicator,
          by: ['migratory-status', 'sex'],
          minN: 1,
          variance: 'taylor',
        });
        for (const cell of result.cells) {
          const inCell = (row: PersonRow) =>
            denominator(row) &&
            (isForeign(row) ? 'foreign-born' : 'native-born') === cell.migratoryStatus &&
            sexCode(row) === cell.sex;
          const records = toReference(rows, inCell, numerator);
          const n = records.filter((record) => record.inDomain).length;
          expect(cell.n).toBe(n);
          if (n === 0) continue;
          relativeClose(cell.estimate, 100 * referenceRatio(records));
          relativeClose(cell.standardError, 100 * Math.sqrt(referenceRatioVariance(records)));
        }
      }
    },
  );

  it.each(seeds)('identifies migrants by citizenship and by residence five years ago (seed %i)', async (seed) => {
    const { rows, source } = await load(seed);
    const definitions = [
      ['citizenship', (row: PersonRow) => row['citizenship'] !== 'XSY', 'non-citizen', 'citizen'],
      ['recent', (row: PersonRow) => row['residence_5y_ago'] !== 'XSY', 'recent-migrant', 'not-recent-migrant'],
    ] as const;
    for (const [status, isMigrant, migrant, nonMigrant] of definitions) {
      const result = await tabulate(session.connection, source, {
        indicator: 'unemployment-rate',
        by: ['migratory-status'],
        status,
        minN: 1,
        variance: 'taylor',
      });
      expect(result.cells.map((cell) => cell.migratoryStatus)).toEqual([migrant, nonMigrant]);
      for (const cell of result.cells) {
        const records = toReference(
          rows,
          (row) => inLabourForce(row) && isMigrant(row) === (cell.migratoryStatus === migrant),
          (row) => row['labour_status'] === 2,
        );
        if (records.every((record) => !record.inDomain)) continue;
        relativeClose(cell.estimate, 100 * referenceRatio(records));
        relativeClose(cell.standardError, 100 * Math.sqrt(referenceRatioVariance(records)));
      }
    }
  });

  it.each(seeds)('matches the parity index and its linearized standard error to 1e-9 (seed %i)', async (seed) => {
    const { rows, source } = await load(seed);
    const result = await tabulate(session.connection, source, {
      indicator: 'attendance-parity',
      by: ['sex'],
      minN: 1,
      variance: 'taylor',
    });
    expect(result.cells.map((cell) => cell.sex)).toEqual(['F', 'M']);
    for (const cell of result.cells) {
      const attending = (row: PersonRow) => row['attending_education'] === 1;
      const migrants = toReference(
        rows,
        (row) => isSchoolAge(row) && isForeign(row) && sexCode(row) === cell.sex,
        attending,
      );
      const natives = toReference(
        rows,
        (row) => isSchoolAge(row) && !isForeign(row) && sexCode(row) === cell.sex,
        attending,
      );
      expect(cell.migratoryStatus).toBe('foreign-born/native-born');
      const n = Math.min(migrants.filter((r) => r.inDomain).length, natives.filter((r) => r.inDomain).length);
      expect(cell.n).toBe(n);
      if (n === 0) {
        expect(cell.status).toBe('suppressed');
        continue;
      }
      relativeClose(cell.estimate, referenceRatio(migrants) / referenceRatio(natives));
      relativeClose(cell.standardError, Math.sqrt(referenceParityVariance(migrants, natives)));
    }
  });

  it.each(seeds)('matches JK1 replicate-weight standard errors computed directly (seed %i)', async (seed) => {
    const { rows, source } = await load(seed);
    const result = await tabulate(session.connection, source, {
      indicator: 'unemployment-rate',
      by: ['migratory-status'],
      minN: 1,
    });
    expect(result.variance).toBe('jk1');
    for (const cell of result.cells) {
      const records = toReference(
        rows,
        (row) => inLabourForce(row) && (isForeign(row) ? 'foreign-born' : 'native-born') === cell.migratoryStatus,
        (row) => row['labour_status'] === 2,
      );
      const full = referenceRatio(records);
      const replicates = REPLICATE_COLUMNS.map((_, r) =>
        referenceRatio(records, (record) => record.replicateWeights?.[r] ?? Number.NaN),
      );
      relativeClose(cell.estimate, 100 * full);
      relativeClose(cell.standardError, 100 * Math.sqrt(referenceReplicateVariance(full, replicates, 4 / 5)));
    }
    const parity = await tabulate(session.connection, source, { indicator: 'attendance-parity', by: [], minN: 1 });
    const attending = (row: PersonRow) => row['attending_education'] === 1;
    const migrants = toReference(rows, (row) => isSchoolAge(row) && isForeign(row), attending);
    const natives = toReference(rows, (row) => isSchoolAge(row) && !isForeign(row), attending);
    const full = referenceRatio(migrants) / referenceRatio(natives);
    const replicates = REPLICATE_COLUMNS.map((_, r) => {
      const weightOf = (record: ReferenceRecord) => record.replicateWeights?.[r] ?? Number.NaN;
      return referenceRatio(migrants, weightOf) / referenceRatio(natives, weightOf);
    });
    relativeClose(
      parity.cells[0]?.standardError ?? null,
      Math.sqrt(referenceReplicateVariance(full, replicates, 4 / 5)),
    );
  });

  it('uses each replicate method’s scale factor', () => {
    expect(replicateScale('jk1', 20)).toBe(19 / 20);
    expect(replicateScale('bootstrap', 200)).toBe(1 / 200);
    expect(replicateScale('brr', 16)).toBe(1 / 16);
    expect(replicateScale('fay', 16, 0.5)).toBe(1 / (16 * 0.25));
    expect(() => replicateScale('fay', 16)).toThrow(/fayRho/);
  });

  it('rejects unknown indicators and a bad minimum n', async () => {
    const { source } = await load(11);
    await expect(tabulate(session.connection, source, { indicator: 'gdp', by: [] })).rejects.toThrow(
      /invalid indicator: gdp/,
    );
    await expect(tabulate(session.connection, source, { indicator: 'neet', by: [], minN: 0 })).rejects.toThrow(
      /invalid minN: 0/,
    );
    expect(MicrodataError).toBeDefined();
  });
});

describe('the parity index from paired PSU totals', () => {
  it('is the ratio of the two rates the rate tabulation gives, cell by cell, with the smaller n', async () => {
    const path = temp.path('census.parquet');
    await writeSyntheticCensus(session.connection, path, designForPersons(30_000, 17));
    const source = sourceOf(await loadMicrodata(session.connection, path, { name: 'parity' }));
    for (const status of ['birth', 'citizenship', 'recent'] as const) {
      const rates = await tabulate(session.connection, source, {
        indicator: 'attendance-rate',
        by: ['migratory-status', 'sex', 'age-group'],
        status,
        minN: 1,
      });
      const parity = await tabulate(session.connection, source, {
        indicator: 'attendance-parity',
        by: ['sex', 'age-group'],
        status,
        minN: 1,
      });
      expect(parity.cells).toHaveLength(6);
      for (const cell of parity.cells) {
        const rate = (migrant: boolean) =>
          rates.cells.find(
            (entry) =>
              entry.sex === cell.sex &&
              entry.ageGroup === cell.ageGroup &&
              entry.migratoryStatus ===
                (migrant ? rates.cells[0]!.migratoryStatus : rates.cells.at(-1)!.migratoryStatus),
          )!;
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
