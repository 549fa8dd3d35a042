// One benchmark run of the DuckDB implementation in its own process (so its peak RSS is its own):
// validate and map the Parquet file, then three indicators by migratory status × sex × age group.
// Usage: tsx duckdb-task.ts <file.parquet> [memoryLimit]; prints one JSON line.
import { loadMicrodata, openSession, sourceOf, tabulate } from '@migov/microdata';

const [file, memoryLimit = '2GB'] = process.argv.slice(2);
if (!file) throw new Error('usage: duckdb-task.ts <file.parquet> [memoryLimit]');
const session = await openSession({ memoryLimit });
const timings: Record<string, number> = {};
const started = performance.now();
let lap = started;
const mark = (label: string) => {
  const now = performance.now();
  timings[label] = (now - lap) / 1000;
  lap = now;
};
const loaded = await loadMicrodata(session.connection, file);
mark('validate');
const cells: Record<
  string,
  { status: string; sex: string; age: string; estimate: number | null; se: number | null; n: number }[]
> = {};
for (const indicator of ['neet', 'unemployment-rate', 'attendance-parity']) {
  const result = await tabulate(session.connection, sourceOf(loaded), {
    indicator,
    by: ['migratory-status', 'sex', 'age-group'],
    minN: 1,
  });
  mark(indicator);
  cells[indicator] = result.cells.map((cell) => ({
    status: cell.migratoryStatus,
    sex: cell.sex,
    age: cell.ageGroup,
    estimate: cell.estimate,
    se: cell.standardError,
    n: cell.n,
  }));
}
const total = (performance.now() - started) / 1000;
session.close();
process.stdout.write(
  `${JSON.stringify({ engine: 'duckdb', rows: loaded.rows, timings, total, maxRssMb: process.resourceUsage().maxRSS / 1024, cpuSeconds: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1e6, cells })}\n`,
);
