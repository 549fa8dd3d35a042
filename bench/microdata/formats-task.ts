// One import of a microdata file in its own process (so its peak RSS is its own): load and validate it
// (for .sav and IPUMS: decode and stream into DuckDB), then NEET by migratory status × sex × age group.
// Usage: tsx formats-task.ts <file> [memoryLimit]; prints one JSON line.
import { loadMicrodata, openSession, sourceOf, tabulate } from '@migov/microdata';

const [file, memoryLimit = '2GB'] = process.argv.slice(2);
if (!file) throw new Error('usage: formats-task.ts <file> [memoryLimit]');
const session = await openSession({ memoryLimit });
const started = performance.now();
const loaded = await loadMicrodata(session.connection, file);
const load = (performance.now() - started) / 1000;
const result = await tabulate(session.connection, sourceOf(loaded), {
  indicator: 'neet',
  by: ['migratory-status', 'sex', 'age-group'],
  minN: 1,
});
const total = (performance.now() - started) / 1000;
session.close();
const usage = process.resourceUsage();
const cells = result.cells.map((cell) => [
  cell.migratoryStatus,
  cell.sex,
  cell.ageGroup,
  cell.estimate,
  cell.standardError,
  cell.n,
]);
process.stdout.write(
  `${JSON.stringify({ rows: loaded.rows, load, total, maxRssMb: usage.maxRSS / 1024, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, cells })}\n`,
);
