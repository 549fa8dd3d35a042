// `migov microdata synth|tabulate`: synthetic census microdata, and indicators by migratory status with
// design-based standard errors, confidence bounds and unweighted n per cell (DuckDB does the work).
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import {
  designForPersons,
  formatCsv,
  formatSdmxCsv,
  loadMicrodata,
  MicrodataError,
  MIGRATORY_STATUS_DEFINITIONS,
  openSession,
  parseDimensions,
  parseSpec,
  samplePersons,
  sourceOf,
  tabulate,
  toChartTable,
  writeSyntheticCensus,
  DEFAULT_SPEC,
  INDICATORS,
  type MicrodataSpec,
  type MigratoryStatusDefinition,
} from '@migov/microdata';
import { CliError, EXIT } from '../cli-error.ts';

const FORMATS = ['csv', 'json', 'sdmx-csv'] as const;

function integerOption(name: string, text: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) {
    throw new CliError(`invalid ${name}: ${text} (an integer >= ${min})`, EXIT.usage);
  }
  return Number(text);
}

function progress(message: string): void {
  process.stderr.write(`migov microdata: ${message}\n`);
}

/** Library errors become one-line CLI errors: bad input is refused (1), bad options are usage errors (2). */
async function asCliErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MicrodataError) throw new CliError(error.message, error.problems.some((p) => p.message === 'file not found') ? EXIT.unavailable : EXIT.refused);
    if (error instanceof RangeError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }
}

async function readSpec(path: string | undefined, replicates: number | undefined): Promise<MicrodataSpec> {
  let spec = DEFAULT_SPEC;
  if (path) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw new CliError(`${path}: cannot read the spec file`, EXIT.unavailable);
    }
    try {
      spec = parseSpec(JSON.parse(text));
    } catch (error) {
      throw new CliError(`${path}: ${(error as Error).message}`, EXIT.usage);
    }
  }
  if (replicates !== undefined) {
    spec = { ...spec, replicateWeights: { columns: Array.from({ length: replicates }, (_, g) => `repw_${g + 1}`), method: 'jk1' } };
  }
  return spec;
}

interface SynthOptions {
  persons: string;
  seed: string;
  out: string;
  replicates: string;
}

interface TabulateCliOptions {
  indicator: string;
  by: string;
  status: string;
  format: string;
  minN: string;
  level: string;
  spec?: string;
  replicates?: string;
  variance?: string;
  threads?: string;
  memoryLimit?: string;
  area?: string;
  period?: string;
}

/** Adds `microdata synth` and `microdata tabulate`. */
export function registerMicrodataCommands(program: Command): void {
  const microdata = program.command('microdata').description('migration data disaggregated by migratory status from census and survey microdata');

  microdata
    .command('synth')
    .description('generate seeded synthetic census-sample microdata (stratified cluster design) as CSV or Parquet')
    .requiredOption('--persons <n>', 'persons in the sample (rounded up to whole clusters of 50)')
    .option('--seed <s>', 'population and sample seed', '1')
    .requiredOption('--out <file>', 'output file, .csv or .parquet')
    .option('--replicates <g>', 'delete-a-group jackknife replicate weights repw_1..repw_g (0 for none)', '0')
    .action(async (options: SynthOptions) => {
      const persons = integerOption('--persons', options.persons, 1);
      const seed = integerOption('--seed', options.seed, 0);
      const replicates = integerOption('--replicates', options.replicates, 0);
      await asCliErrors(async () => {
        const design = designForPersons(persons, seed, { replicateGroups: replicates });
        const session = await openSession();
        try {
          const started = performance.now();
          progress(`generating ${samplePersons(design).toLocaleString('en')} persons (${design.strata} strata × ${design.sampledClustersPerStratum} clusters of ${design.clusterSize}) into ${options.out}`);
          const written = await writeSyntheticCensus(session.connection, options.out, design);
          progress(`wrote ${written.toLocaleString('en')} persons in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        } finally {
          session.close();
        }
      });
    });

  microdata
    .command('tabulate')
    .description('estimate an indicator by migratory status, sex and age group with standard errors and confidence bounds')
    .argument('<file>', 'microdata, .csv or .parquet')
    .requiredOption('--indicator <id>', `one of ${Object.keys(INDICATORS).join(', ')}`)
    .option('--by <dimensions>', 'comma-separated: migratory-status, sex, age-group', 'migratory-status,sex')
    .option('--status <definition>', `how migrants are identified: ${Object.keys(MIGRATORY_STATUS_DEFINITIONS).join(', ')}`, 'birth')
    .option('--format <format>', `output: ${FORMATS.join(', ')}`, 'csv')
    .option('--min-n <n>', 'suppress (flag) cells with fewer unweighted observations', '30')
    .option('--level <p>', 'confidence level of the (normal) intervals', '0.95')
    .option('--spec <file>', 'JSON column mapping of the file (names and codes)')
    .option('--replicates <g>', 'use replicate weights repw_1..repw_g (JK1) as written by synth')
    .option('--variance <method>', 'taylor or replicate (default: replicate when the file has replicate weights)')
    .option('--area <code>', 'REF_AREA for sdmx-csv (M49 or ISO code)')
    .option('--period <period>', 'TIME_PERIOD for sdmx-csv, e.g. 2026')
    .option('--threads <n>', 'DuckDB worker threads')
    .option('--memory-limit <size>', 'DuckDB memory limit, e.g. 2GB (spills to disk beyond)')
    .action(async (file: string, options: TabulateCliOptions) => {
      if (!(FORMATS as readonly string[]).includes(options.format)) throw new CliError(`invalid --format: ${options.format} (one of ${FORMATS.join(', ')})`, EXIT.usage);
      if (!(options.status in MIGRATORY_STATUS_DEFINITIONS)) {
        throw new CliError(`invalid --status: ${options.status} (one of ${Object.keys(MIGRATORY_STATUS_DEFINITIONS).join(', ')})`, EXIT.usage);
      }
      if (options.variance !== undefined && options.variance !== 'taylor' && options.variance !== 'replicate') {
        throw new CliError(`invalid --variance: ${options.variance} (taylor or replicate)`, EXIT.usage);
      }
      const level = Number(options.level);
      if (!(level > 0 && level < 1)) throw new CliError(`invalid --level: ${options.level} (strictly between 0 and 1)`, EXIT.usage);
      const minN = integerOption('--min-n', options.minN, 1);
      const replicates = options.replicates === undefined ? undefined : integerOption('--replicates', options.replicates, 2);
      const by = await asCliErrors(async () => parseDimensions(options.by));
      const spec = await readSpec(options.spec, replicates);
      const session = await openSession({
        ...(options.threads ? { threads: integerOption('--threads', options.threads, 1) } : {}),
        ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}),
      });
      try {
        const tabulation = await asCliErrors(async () => {
          const loaded = await loadMicrodata(session.connection, file, { spec });
          return tabulate(session.connection, sourceOf(loaded), {
            indicator: options.indicator,
            by,
            status: options.status as MigratoryStatusDefinition,
            minN,
            confidenceLevel: level,
            ...(options.variance ? { variance: options.variance as 'taylor' | 'replicate' } : {}),
          });
        });
        const output =
          options.format === 'json' ? `${JSON.stringify(toChartTable(tabulation), null, 2)}\n` : options.format === 'sdmx-csv'
              ? formatSdmxCsv(tabulation, { ...(options.area ? { area: options.area } : {}), ...(options.period ? { period: options.period } : {}) })
              : formatCsv(tabulation);
        process.stdout.write(output);
      } finally {
        session.close();
      }
    });
}
