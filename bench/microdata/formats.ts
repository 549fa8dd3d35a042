// Benchmark: importing a synthetic census from the formats statistical offices hand out — SPSS .sav
// (bytecode compressed) and an IPUMS extract (DDI codebook + gzipped fixed-width .dat.gz) — against
// the same census in Parquet (the baseline, read in place by DuckDB). Each import runs in its own
// process: load + validation, then NEET by migratory status × sex × age group; wall time, CPU time
// and peak RSS, as ratios to Parquet, and a check that every format gives the same estimates.
//
//   npx tsx bench/microdata/formats.ts [--persons 10000000] [--memory-limit 2GB]
//
// The files are generated once per size into the system temp directory and reused.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { designForPersons, openSession, samplePersons, writeSyntheticCensus } from '@migov/microdata';
import { createIpumsWriter, createSavWriter, type TestColumn } from '@migov/microdata/testing';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const option = (name: string, fallback: string): string => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
};
const persons = Number(option('persons', '10000000'));
if (!Number.isSafeInteger(persons) || persons < 1000)
  throw new Error(`invalid --persons: ${option('persons', '')} (an integer >= 1000)`);
const memoryLimit = option('memory-limit', '2GB');
const dataDir = join(tmpdir(), 'migov-bench-microdata');
mkdirSync(dataDir, { recursive: true });

const design = designForPersons(persons, 2026);
const base = join(dataDir, `persons-${samplePersons(design)}-seed-2026`);
const files = { parquet: `${base}.parquet`, sav: `${base}.sav`, ipums: `${base}-ipums.xml` };

/** The census columns with fixed widths (the writers need them before the first batch). */
const SHAPE: TestColumn[] = [
  { name: 'person_id', type: 'number', values: [], width: 10 },
  { name: 'household_id', type: 'number', values: [], width: 9 },
  { name: 'stratum', type: 'number', values: [], width: 2 },
  { name: 'psu', type: 'number', values: [], width: 7 },
  { name: 'weight', type: 'number', values: [], width: 6 },
  {
    name: 'sex',
    type: 'number',
    values: [],
    width: 1,
    valueLabels: [
      [1, 'Male'],
      [2, 'Female'],
    ],
  },
  { name: 'age', type: 'number', values: [], width: 2 },
  { name: 'birth_country', type: 'string', values: [], width: 3 },
  { name: 'citizenship', type: 'string', values: [], width: 3 },
  { name: 'residence_5y_ago', type: 'string', values: [], width: 3 },
  { name: 'years_since_arrival', type: 'number', values: [], width: 2 },
  { name: 'attending_education', type: 'number', values: [], width: 1 },
  { name: 'labour_status', type: 'number', values: [], width: 1 },
];

async function ensureFiles(): Promise<Record<string, number | null>> {
  const seconds: Record<string, number | null> = { parquet: null, statistical: null };
  const session = await openSession({ memoryLimit });
  try {
    if (!existsSync(files.parquet)) {
      process.stderr.write(`generating ${samplePersons(design).toLocaleString('en')} persons into ${files.parquet}\n`);
      const started = performance.now();
      await writeSyntheticCensus(session.connection, files.parquet, design);
      seconds['parquet'] = (performance.now() - started) / 1000;
    }
    if (!existsSync(files.sav) || !existsSync(files.ipums)) {
      process.stderr.write(`writing the same persons as .sav and as an IPUMS extract\n`);
      const started = performance.now();
      const rows = samplePersons(design);
      const sav = createSavWriter(`${files.sav}.partial`, SHAPE, rows, { compression: 'bytecode', weight: 'weight' });
      const ipums = createIpumsWriter(`${base}-ipums`, SHAPE, {
        decimals: { weight: 2 },
        weight: 'weight',
        gzip: true,
      });
      const names = SHAPE.map((column) => column.name);
      const result = await session.connection.stream(
        `SELECT ${names.join(', ')} FROM read_parquet('${files.parquet}') ORDER BY person_id`,
      );
      let batch: (number | string | null)[][] = names.map(() => []);
      let done = 0;
      const flush = () => {
        sav.append(batch);
        ipums.append(batch);
        done += batch[0]!.length;
        batch = names.map(() => []);
        process.stderr.write(`  ${done.toLocaleString('en')} persons\r`);
      };
      for await (const rowsOfChunk of result.yieldRowsJs()) {
        for (const row of rowsOfChunk) {
          row.forEach((value, index) =>
            batch[index]!.push(typeof value === 'bigint' ? Number(value) : (value as number | string | null)),
          );
        }
        if (batch[0]!.length >= 200_000) flush();
      }
      if (batch[0]!.length > 0) flush();
      sav.finish();
      ipums.finish();
      renameSync(`${files.sav}.partial`, files.sav);
      seconds['statistical'] = (performance.now() - started) / 1000;
      process.stderr.write('\n');
    }
  } finally {
    session.close();
  }
  return seconds;
}

interface TaskResult {
  rows: number;
  load: number;
  total: number;
  maxRssMb: number;
  cpuSeconds: number;
  cells: unknown[][];
}

function task(file: string): TaskResult {
  const output = execFileSync(process.execPath, ['--import', 'tsx', join(here, 'formats-task.ts'), file, memoryLimit], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as TaskResult;
}

const generated = await ensureFiles();
const measured: Record<string, TaskResult> = {};
for (const [format, file] of Object.entries(files)) {
  process.stderr.write(`${format}: importing ${file}\n`);
  measured[format] = task(file);
}
const baseline = measured['parquet']!;
const differences: Record<string, number> = {};
/** Largest relative difference of estimates and standard errors, cell by cell (same labels and n required). */
function differenceFrom(expected: unknown[][], actual: unknown[][]): number {
  if (expected.length !== actual.length) return Infinity;
  let worst = 0;
  expected.forEach((cell, index) => {
    const other = actual[index]!;
    if (
      JSON.stringify([cell[0], cell[1], cell[2], cell[5]]) !== JSON.stringify([other[0], other[1], other[2], other[5]])
    )
      worst = Infinity;
    for (const column of [3, 4]) {
      const a = cell[column] as number | null;
      const b = other[column] as number | null;
      if (a === null || b === null) worst = a === b ? worst : Infinity;
      else worst = Math.max(worst, Math.abs(a - b) / Math.max(1e-12, Math.abs(a)));
    }
  });
  return worst;
}
for (const [format, result] of Object.entries(measured)) {
  if (result.rows !== baseline.rows) throw new Error(`${format}: ${result.rows} rows, Parquet has ${baseline.rows}`);
  // DuckDB's parallel sums add in varying order: equal to rounding (single-threaded they are identical to the last digit, as the tests check).
  const worst = differenceFrom(baseline.cells, result.cells);
  if (!(worst < 1e-9))
    throw new Error(`${format}: the estimates differ from Parquet's (largest relative difference ${worst})`);
  differences[format] = worst;
}
const size = (path: string) => statSync(path).size / 2 ** 20;
const sizes = { parquet: size(files.parquet), sav: size(files.sav), ipums: size(`${base}-ipums.dat.gz`) };
const table = Object.entries(measured).map(([format, result]) => ({
  format,
  'file MB': Math.round(sizes[format as keyof typeof sizes]),
  'load s': result.load.toFixed(1),
  'total s': result.total.toFixed(1),
  'cpu s': result.cpuSeconds.toFixed(1),
  'peak RSS MB': Math.round(result.maxRssMb),
  'time ratio': `${(result.total / baseline.total).toFixed(1)}x`,
  'cpu ratio': `${(result.cpuSeconds / baseline.cpuSeconds).toFixed(1)}x`,
  'RSS ratio': `${(result.maxRssMb / baseline.maxRssMb).toFixed(2)}x`,
  'max rel diff': (differences[format] ?? 0).toExponential(0),
}));
console.table(table);
const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model,
  totalMemoryGb: totalmem() / 2 ** 30,
  loadAverage: loadavg(),
  node: process.version,
};
console.log(
  `${baseline.rows.toLocaleString('en')} persons; the same estimates in every format; machine: ${machine.cpus} cores, load average ${machine.loadAverage.map((l) => l.toFixed(1)).join(' ')}`,
);
const resultsDir = join(root, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
const out = join(resultsDir, `microdata-formats-${new Date().toISOString().replaceAll(':', '-')}.json`);
const results = Object.fromEntries(
  Object.entries(measured).map(([format, result]) => [format, { ...result, cells: undefined }]),
);
writeFileSync(
  out,
  `${JSON.stringify({ benchmark: 'microdata-formats', persons: baseline.rows, memoryLimit, machine, generatedSeconds: generated, sizesMb: sizes, results }, null, 2)}\n`,
);
console.log(`results: ${out}`);
