// Benchmark: synthetic persons -> three indicators (8.6.1 NEET, 8.5.2 unemployment rate, 4.5.1-style
// attendance parity) by migratory status × sex × age group with Taylor standard errors, DuckDB against
// the same computation as plain SQL in SQLite, each engine in its own process (time and peak RSS).
//
//   npx tsx bench/microdata/run.ts [--persons 10000000[,50000000]] [--sqlite-persons N|0] [--memory-limit 2GB]
//
// Data are generated once per size into the system temp directory and reused. Results are printed
// as a table and written to bench/results/microdata-<timestamp>.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  designForPersons,
  getIndicator,
  INDICATORS,
  openSession,
  samplePersons,
  writeSyntheticCensus,
} from '@migov/microdata';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const sizes = option('persons', '10000000').split(',').map(Number);
if (sizes.some((n) => !Number.isSafeInteger(n) || n < 1000))
  throw new Error(`invalid --persons: ${option('persons', '')} (integers >= 1000, comma-separated)`);
const sqlitePersons = Number(option('sqlite-persons', String(sizes[0])));
const memoryLimit = option('memory-limit', '2GB');
const dataDir = join(tmpdir(), 'migov-bench-microdata');
mkdirSync(dataDir, { recursive: true });

interface TaskResult {
  engine: string;
  rows: number;
  timings?: Record<string, number>;
  total?: number;
  seconds?: number;
  maxRssMb: number;
  cpuSeconds?: number;
  cells?: Record<string, Cell[]>;
}

function task(script: string, args: string[]): TaskResult {
  const output = execFileSync(process.execPath, ['--import', 'tsx', join(here, script), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as TaskResult;
}

async function ensureData(persons: number): Promise<{ path: string; seconds: number | null }> {
  const design = designForPersons(persons, 2026);
  const path = join(dataDir, `persons-${samplePersons(design)}-seed-2026.parquet`);
  if (existsSync(path)) return { path, seconds: null };
  process.stderr.write(`generating ${samplePersons(design).toLocaleString('en')} persons into ${path}\n`);
  const session = await openSession({ memoryLimit });
  const started = performance.now();
  await writeSyntheticCensus(session.connection, path, design);
  session.close();
  return { path, seconds: (performance.now() - started) / 1000 };
}

type Cell = {
  status?: string;
  sex?: string;
  age?: string;
  g_status?: number;
  g_sex?: number;
  g_age?: number;
  estimate: number | null;
  se?: number | null;
  variance?: number | null;
  n: number;
};

/** The DuckDB cell label of a SQLite row's integer keys. */
function sqliteKey(indicator: string, cell: Cell): string {
  const ages =
    getIndicator(indicator).kind === 'parity'
      ? INDICATORS['attendance-parity'].base.ageGroups
      : (getIndicator(indicator) as { ageGroups: readonly { code: string }[] }).ageGroups;
  const status =
    cell.g_status === 1 ? 'foreign-born' : cell.g_status === 2 ? 'native-born' : 'foreign-born/native-born';
  return [status, cell.g_sex === 1 ? 'M' : 'F', ages[(cell.g_age ?? 1) - 1]?.code].join(' ');
}

/** Largest relative difference between DuckDB and SQLite estimates and standard errors, cell by cell. */
function agreement(duck: TaskResult, lite: TaskResult): number {
  let worst = 0;
  for (const indicator of Object.keys(duck.cells ?? {})) {
    const theirs = new Map((lite.cells?.[indicator] ?? []).map((cell) => [sqliteKey(indicator, cell), cell]));
    const scale = indicator === 'attendance-parity' ? 1 : 100;
    for (const cell of duck.cells?.[indicator] ?? []) {
      if (cell.estimate === null) continue;
      const other = theirs.get([cell.status, cell.sex, cell.age].join(' '));
      if (!other || other.estimate === null)
        throw new Error(`${indicator} ${cell.status} ${cell.sex} ${cell.age}: no SQLite estimate`);
      const se = Math.sqrt(other.variance ?? 0) * scale;
      worst = Math.max(
        worst,
        Math.abs(cell.estimate - other.estimate * scale) / Math.max(1e-12, Math.abs(other.estimate * scale)),
      );
      worst = Math.max(worst, Math.abs((cell.se as number) - se) / Math.max(1e-12, se));
    }
  }
  return worst;
}

const results: Record<string, unknown>[] = [];
for (const persons of sizes) {
  const data = await ensureData(persons);
  process.stderr.write(`duckdb: ${persons.toLocaleString('en')} persons\n`);
  const duck = task('duckdb-task.ts', [data.path, memoryLimit]);
  const entry: Record<string, unknown> = {
    persons: duck.rows,
    generateSeconds: data.seconds,
    duckdb: { ...duck, cells: undefined },
  };
  if (persons === sqlitePersons) {
    const dbPath = join(dataDir, `persons-${duck.rows}.sqlite`);
    process.stderr.write(`sqlite: importing ${duck.rows.toLocaleString('en')} persons\n`);
    const imported = task('sqlite-import.ts', [data.path, dbPath]);
    if (imported.rows !== duck.rows) throw new Error(`sqlite import: ${imported.rows} rows, expected ${duck.rows}`);
    process.stderr.write('sqlite: computing\n');
    const lite = task('sqlite-task.ts', [dbPath]);
    entry['sqliteImport'] = imported;
    entry['sqlite'] = { ...lite, cells: undefined };
    entry['speedup'] = (lite.total ?? 0) / (duck.total ?? 1);
    // Under load the wall-clock ratio mostly measures the other processes; CPU-seconds are steadier.
    entry['cpuRatio'] = (lite.cpuSeconds ?? 0) / (duck.cpuSeconds ?? 1);
    entry['speedupIncludingImport'] = ((lite.total ?? 0) + (imported.seconds ?? 0)) / (duck.total ?? 1);
    entry['maxRelativeDifference'] = agreement(duck, lite);
  }
  results.push(entry);
}

const rows = results.map((entry) => {
  const duck = entry['duckdb'] as TaskResult;
  const lite = entry['sqlite'] as TaskResult | undefined;
  const imported = entry['sqliteImport'] as TaskResult | undefined;
  return {
    persons: (entry['persons'] as number).toLocaleString('en'),
    'duckdb s': duck.total?.toFixed(2),
    'duckdb validate s': duck.timings?.['validate']?.toFixed(2),
    'duckdb cpu s': duck.cpuSeconds?.toFixed(1),
    'duckdb RSS MB': Math.round(duck.maxRssMb),
    'sqlite s': lite?.total?.toFixed(2) ?? '-',
    'sqlite import s': imported?.seconds?.toFixed(1) ?? '-',
    'sqlite cpu s': lite?.cpuSeconds?.toFixed(1) ?? '-',
    'sqlite RSS MB': lite ? Math.round(lite.maxRssMb) : '-',
    speedup: entry['speedup'] ? `${(entry['speedup'] as number).toFixed(1)}x` : '-',
    'cpu ratio': entry['cpuRatio'] ? `${(entry['cpuRatio'] as number).toFixed(1)}x` : '-',
    'max rel diff':
      entry['maxRelativeDifference'] !== undefined ? (entry['maxRelativeDifference'] as number).toExponential(1) : '-',
  };
});
console.table(rows);
const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model,
  totalMemoryGb: totalmem() / 2 ** 30,
  loadAverage: loadavg(),
  node: process.version,
};
console.log(
  `machine: ${machine.cpus} cores (${machine.cpu}), load average ${machine.loadAverage.map((l) => l.toFixed(1)).join(' ')}`,
);
const resultsDir = join(root, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
const out = join(resultsDir, `microdata-${new Date().toISOString().replaceAll(':', '-')}.json`);
writeFileSync(out, `${JSON.stringify({ benchmark: 'microdata', memoryLimit, machine, results }, null, 2)}\n`);
console.log(`results: ${out}`);
