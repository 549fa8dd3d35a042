/**
 * The cost of reading 10.7.2 values through the one results service: `countryResults` of a round
 * (official values, national publications, provenance, precedence) against what the public pages read
 * before there was one store — the latest publications of the round (`getPublishedResults`, the old
 * GET /published/:year) plus the imported SG_CPA_MIGRS observations of the round (`listObservations`,
 * the old briefs and gaps) — on the same seeded database, in the same run, alternating.
 * Run: npx tsx bench/server/results-read.ts [--dialect sqlite|postgres] [--iterations 30]
 */
import { defaultGeography } from '@migov/core';
import { getPublishedResults, listObservations } from '@migov/db';
import { countryResults } from '@migov/server';
import { dialectsFromArgs, numberArg, printTable, seededDatabase, writeResults } from './bench-support.ts';

const ITERATIONS = numberArg('iterations', 30);
const YEAR = 2021;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const median = (values: readonly number[]) =>
  [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)] ?? 0;

const rows: Record<string, string | number>[] = [];
for (const dialect of dialectsFromArgs()) {
  const { db, drop } = await seededDatabase(dialect);
  try {
    const context = { db, geography: defaultGeography };
    const baseline = () =>
      Promise.all([
        getPublishedResults(db, { year: YEAR, instrument: 'sdg-10-7-2' }),
        listObservations(db, { series: 'SG_CPA_MIGRS', year: YEAR }),
      ]);
    const store = () => countryResults(context, { year: YEAR });
    // Warm both (prepared statements, caches) before measuring.
    await baseline();
    await store();
    const before: number[] = [];
    const after: number[] = [];
    for (let round = 0; round < ITERATIONS; round += 1) {
      before.push(await timed(baseline));
      after.push(await timed(store));
    }
    const ratios = before.map((value, index) => (after[index] ?? 0) / value);
    rows.push({
      dialect,
      year: YEAR,
      countries: (await store()).length,
      'baseline ms': median(before).toFixed(1),
      'one store ms': median(after).toFixed(1),
      'ratio (store / baseline)': median(ratios).toFixed(2),
    });
  } finally {
    await drop();
  }
}
printTable(rows);
process.stdout.write(`results: ${writeResults('server-results-read', rows)}\n`);
