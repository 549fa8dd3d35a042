/**
 * `npm run bench`: the core benchmarks, each against its baseline measured in the same run.
 * Other benchmarks have their own commands (see bench/README.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { runScoringAggregationBench } from './core/scoring-aggregation.bench.ts';

const results = runScoringAggregationBench();
const lines = ['benchmark | migov ms | SQLite ms | speed-up (SQLite / migov) | goal', '---|---|---|---|---'];
for (const result of results) {
  lines.push(
    `${result.name} | ${result.migovMs.toFixed(1)} | ${result.baselineMs.toFixed(1)} | ${result.speedup.toFixed(2)}x | < ${result.goalMs} ms ${result.migovMs < result.goalMs ? 'met' : 'NOT met'}`,
  );
  lines.push(`  (${result.detail}) | | | |`);
}
console.log(lines.join('\n'));
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/core.json', import.meta.url),
  `${JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`,
);
