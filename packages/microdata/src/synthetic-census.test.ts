import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, queryRows, type MicrodataSession } from './session.ts';
import {
  createSyntheticTable,
  designForPersons,
  populationPersons,
  samplePersons,
  syntheticCensusSql,
  writeSyntheticCensus,
  type SyntheticCensusDesign,
} from './synthetic-census.ts';
import { loadMicrodata } from './load-microdata.ts';
import { defaultSpecWithReplicates, DEFAULT_SPEC } from './spec.ts';
import { sourceOf, tabulate, type CellEstimate } from './estimate.ts';
import { createTempDir } from '../test/files.ts';
import { quoteLiteral } from './sql.ts';

const temp = createTempDir();
let session: MicrodataSession;

beforeAll(async () => {
  session = await openSession({ threads: 2 });
});
afterAll(() => {
  session.close();
  temp.cleanup();
});

const small: SyntheticCensusDesign = {
  seed: 7,
  sampleSeed: 1,
  strata: 3,
  clusterSize: 20,
  householdSize: 5,
  sampledClustersPerStratum: 6,
  inverseSamplingFractions: [10, 20],
  replicateGroups: 3,
};

describe('syntheticCensusSql', () => {
  it('draws m_h whole clusters per stratum with weight M_h/m_h, so weights add up to the population', async () => {
    await createSyntheticTable(session.connection, 'census_small', small);
    const strata = await queryRows(
      session.connection,
      `SELECT stratum, count(DISTINCT psu)::INTEGER AS clusters, count(*)::INTEGER AS persons, sum(weight) AS weighted, min(weight) AS w
       FROM census_small GROUP BY stratum ORDER BY stratum`,
    );
    expect(strata).toEqual([
      { stratum: 1, clusters: 6, persons: 120, weighted: 1200, w: 10 },
      { stratum: 2, clusters: 6, persons: 120, weighted: 2400, w: 20 },
      { stratum: 3, clusters: 6, persons: 120, weighted: 1200, w: 10 },
    ]);
    expect(samplePersons(small)).toBe(360);
    expect(populationPersons(small)).toBe(4800);
  });

  it('is reproducible from its seeds and changes with them', async () => {
    const digest = async (design: SyntheticCensusDesign) => {
      const [row] = await queryRows(
        session.connection,
        `SELECT sum(hash(COLUMNS(*)))::DOUBLE AS h FROM (${syntheticCensusSql(design)})`,
      );
      return JSON.stringify(row);
    };
    expect(await digest(small)).toBe(await digest({ ...small }));
    expect(await digest({ ...small, seed: 8 })).not.toBe(await digest(small));
    expect(await digest({ ...small, sampleSeed: 2 })).not.toBe(await digest(small));
  });

  it('keeps a person’s attributes the same in the population and in every sample', async () => {
    const [row] = await queryRows(
      session.connection,
      `SELECT count(*)::INTEGER AS differing FROM (${syntheticCensusSql(small)}) s
       JOIN (${syntheticCensusSql(small, { kind: 'population' })}) p USING (person_id)
       WHERE s.age <> p.age OR s.sex <> p.sex OR s.birth_country <> p.birth_country OR s.labour_status <> p.labour_status`,
    );
    expect(row).toEqual({ differing: 0 });
  });

  it('writes delete-a-group jackknife weights: one group zeroed, the others scaled by G/(G−1)', async () => {
    await createSyntheticTable(session.connection, 'census_small', small);
    const rows = await queryRows(
      session.connection,
      `SELECT count(*) FILTER (WHERE repw_1 = 0)::INTEGER AS zero1, count(*) FILTER (WHERE repw_2 = 0)::INTEGER AS zero2,
              bool_and(repw_1 = 0 OR abs(repw_1 - weight * 1.5) < 1e-12) AS scaled,
              count(DISTINCT psu) FILTER (WHERE repw_3 = 0)::INTEGER AS dropped_psus
       FROM census_small`,
    );
    expect(rows).toEqual([{ zero1: 120, zero2: 120, scaled: true, dropped_psus: 6 }]);
  });

  it('produces plausible migration shares', async () => {
    const [shares] = await queryRows(
      session.connection,
      `SELECT avg((birth_country <> 'XSY')::INTEGER) AS foreign_born, avg((citizenship <> 'XSY')::INTEGER) AS non_citizen
       FROM (${syntheticCensusSql(small, { kind: 'population' })})`,
    );
    expect(shares?.['foreign_born']).toBeGreaterThan(0.05);
    expect(shares?.['foreign_born']).toBeLessThan(0.35);
    expect(shares?.['non_citizen']).toBeLessThan(shares?.['foreign_born'] as number);
  });

  it('rejects impossible designs with the option and the reason', () => {
    expect(() => syntheticCensusSql({ ...small, clusterSize: 22 })).toThrow(
      'invalid clusterSize: 22 (must be a multiple of householdSize 5)',
    );
    expect(() => syntheticCensusSql({ ...small, replicateGroups: 1 })).toThrow(/invalid replicateGroups: 1/);
    expect(() => syntheticCensusSql({ ...small, sampledClustersPerStratum: 1 })).toThrow(
      /invalid sampledClustersPerStratum: 1/,
    );
    expect(() => designForPersons(0, 1)).toThrow('invalid persons: 0 (a positive integer is required)');
  });
});

describe('writeSyntheticCensus', () => {
  it('writes CSV and Parquet that load without problems', async () => {
    const design = designForPersons(1000, 3, { replicateGroups: 4 });
    for (const name of ['census.csv', 'census.parquet']) {
      const path = temp.path(name);
      expect(await writeSyntheticCensus(session.connection, path, design)).toBe(samplePersons(design));
      const loaded = await loadMicrodata(session.connection, path, {
        name: name.replace('.', '_'),
        spec: defaultSpecWithReplicates(4),
      });
      expect(loaded.rows).toBe(1000);
    }
    await expect(writeSyntheticCensus(session.connection, temp.path('census.xlsx'), design)).rejects.toThrow(
      /\.csv or \.parquet/,
    );
  });
});

describe('coverage of 95% confidence intervals over repeated samples', () => {
  // A population of 4 strata × 800 clusters × 25 persons (80,000); 200 independent samples of
  // 50 clusters per stratum (f = 1/16, 5,000 persons each). Each interval covers the finite-population
  // value with probability ≈ 0.95, so over 200 samples the count is Binomial(200, 0.95): sd of the
  // coverage rate √(0.95·0.05/200) = 0.0154. We accept 0.95 ± 3 sd, i.e. [0.904, 0.996], per cell.
  // The with-replacement approximation ignores f = 1/16, which overstates the variance slightly and
  // pushes coverage up a little, still inside the band. Pooled over the 5 cells (1,000 intervals, not
  // independent, so the band is only indicative) we accept 0.95 ± 3·√(0.95·0.05/1000) = [0.929, 0.971].
  const design: SyntheticCensusDesign = {
    seed: 2026,
    sampleSeed: 5000,
    strata: 4,
    clusterSize: 25,
    householdSize: 5,
    sampledClustersPerStratum: 50,
    inverseSamplingFractions: [16],
    replicateGroups: 0,
  };
  const replications = 200;
  const cases = [
    { indicator: 'unemployment-rate', by: ['migratory-status'] as const },
    { indicator: 'neet', by: ['migratory-status'] as const },
    { indicator: 'attendance-parity', by: [] as const },
  ];

  it('covers the population values close to 95% of the time for ratios and the parity index', async () => {
    const populationPath = temp.path('population.parquet');
    const samplesPath = temp.path('samples.parquet');
    await session.connection.run(
      `COPY (${syntheticCensusSql(design, { kind: 'population' })}) TO ${quoteLiteral(populationPath)} (FORMAT parquet)`,
    );
    await session.connection.run(
      `COPY (${syntheticCensusSql(design, { kind: 'replications', count: replications })}) TO ${quoteLiteral(samplesPath)} (FORMAT parquet)`,
    );
    const population = sourceOf(
      await loadMicrodata(session.connection, populationPath, { name: 'population', spec: DEFAULT_SPEC }),
    );
    const samples = sourceOf(
      await loadMicrodata(session.connection, samplesPath, { name: 'samples', passThrough: ['sample_id'] }),
    );
    const rates: number[] = [];
    for (const { indicator, by } of cases) {
      const truth = await tabulate(session.connection, population, { indicator, by: [...by], minN: 1 });
      const estimates = await tabulate(session.connection, samples, {
        indicator,
        by: [...by],
        minN: 1,
        separateBy: ['sample_id'],
      });
      for (const cell of truth.cells) {
        const sameCell = (other: CellEstimate) =>
          other.migratoryStatus === cell.migratoryStatus && other.sex === cell.sex && other.ageGroup === cell.ageGroup;
        const intervals = estimates.cells.filter(sameCell);
        expect(intervals).toHaveLength(replications);
        const truthValue = cell.estimate as number;
        const covered = intervals.filter(
          (interval) => (interval.lower as number) <= truthValue && truthValue <= (interval.upper as number),
        ).length;
        const rate = covered / replications;
        rates.push(rate);
        expect(rate, `${indicator} ${cell.migratoryStatus} (truth ${truthValue})`).toBeGreaterThanOrEqual(0.904);
        expect(rate, `${indicator} ${cell.migratoryStatus}`).toBeLessThanOrEqual(0.996);
      }
    }
    expect(rates).toHaveLength(5);
    const pooled = rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
    expect(pooled).toBeGreaterThanOrEqual(0.929);
    expect(pooled).toBeLessThanOrEqual(0.971);
  });

  it('covers close to 95% with delete-a-group jackknife (JK1) replicate weights too', async () => {
    // Same population and band; 20 replicate groups (each drops 2-3 of the 50 clusters per stratum).
    // With about 19 degrees of freedom, normal intervals are slightly narrow: expect a little under 95%.
    const withReplicates = { ...design, replicateGroups: 20 };
    const populationPath = temp.path('population-jk.parquet');
    await session.connection.run(
      `COPY (${syntheticCensusSql(design, { kind: 'population' })}) TO ${quoteLiteral(populationPath)} (FORMAT parquet)`,
    );
    const samplesPath = temp.path('samples-jk.parquet');
    await session.connection.run(
      `COPY (${syntheticCensusSql(withReplicates, { kind: 'replications', count: replications })}) TO ${quoteLiteral(samplesPath)} (FORMAT parquet)`,
    );
    const population = sourceOf(await loadMicrodata(session.connection, populationPath, { name: 'population_jk' }));
    const samples = sourceOf(
      await loadMicrodata(session.connection, samplesPath, {
        name: 'samples_jk',
        spec: defaultSpecWithReplicates(20),
        passThrough: ['sample_id'],
      }),
    );
    for (const { indicator, by } of cases) {
      const truth = await tabulate(session.connection, population, { indicator, by: [...by], minN: 1 });
      const estimates = await tabulate(session.connection, samples, {
        indicator,
        by: [...by],
        minN: 1,
        separateBy: ['sample_id'],
      });
      expect(estimates.variance).toBe('jk1');
      for (const cell of truth.cells) {
        const intervals = estimates.cells.filter((other) => other.migratoryStatus === cell.migratoryStatus);
        expect(intervals).toHaveLength(replications);
        const truthValue = cell.estimate as number;
        const rate =
          intervals.filter(
            (interval) => (interval.lower as number) <= truthValue && truthValue <= (interval.upper as number),
          ).length / replications;
        expect(rate, `${indicator} ${cell.migratoryStatus} (truth ${truthValue})`).toBeGreaterThanOrEqual(0.904);
        expect(rate, `${indicator} ${cell.migratoryStatus}`).toBeLessThanOrEqual(0.996);
      }
    }
  });
});
