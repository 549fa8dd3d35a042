// `migov microdata synth|tabulate`: synthetic census microdata, and indicators by migratory status with
// design-based standard errors, confidence bounds and unweighted n per cell (DuckDB does the work).
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import {
  describeMicrodataFile,
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
  SDG_INDICATOR_CODES,
  type FileMetadata,
  type MicrodataSpec,
  type ReadProgress,
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

/** Reports a long read every few seconds (records, and the share of the file when its size is known). */
function readProgress(file: string): (progress: ReadProgress) => void {
  const started = performance.now();
  let last = started;
  return (state) => {
    const now = performance.now();
    const done = state.totalRows !== undefined ? state.rows >= state.totalRows : state.bytes >= state.totalBytes;
    if (now - last < 2000 && !(done && now - started >= 2000)) return;
    last = now;
    const share = state.totalRows
      ? state.rows / state.totalRows
      : state.totalBytes > 0
        ? state.bytes / state.totalBytes
        : 0;
    const of = state.totalRows !== undefined ? ` of ${state.totalRows.toLocaleString('en')}` : '';
    progress(
      `${file}: read ${state.rows.toLocaleString('en')}${of} records (${Math.min(100, Math.round(share * 100))}%) in ${((now - started) / 1000).toFixed(1)} s`,
    );
  };
}

/** Text for `microdata describe`: the file's variables with labels, value labels and missing codes, and its design variables. */
function describeLines(file: string, metadata: FileMetadata): string[] {
  const lines = [`${file}: ${metadata.description}`];
  if (metadata.fileLabel) lines.push(`label: ${metadata.fileLabel}`);
  if (metadata.rows !== undefined) lines.push(`records: ${metadata.rows.toLocaleString('en')}`);
  lines.push(`weight: ${metadata.weight ?? '(not named by the file)'}`);
  if (metadata.stratum) lines.push(`strata: ${metadata.stratum}`);
  if (metadata.psu) lines.push(`primary sampling units: ${metadata.psu}`);
  lines.push('', 'variables:');
  for (const variable of metadata.variables) {
    lines.push(
      `  ${variable.name} (${variable.type})${variable.label ? `  ${variable.label}` : ''}${variable.missing ? `  [missing: ${variable.missing}]` : ''}`,
    );
    for (const [code, label] of variable.valueLabels) lines.push(`      ${code} = ${label}`);
  }
  return lines;
}

/** Library errors become one-line CLI errors: bad input is refused (1), bad options are usage errors (2). */
async function asCliErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MicrodataError)
      throw new CliError(
        error.message,
        error.problems.some((p) => p.message === 'file not found') ? EXIT.unavailable : EXIT.refused,
      );
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
    spec = {
      ...spec,
      replicateWeights: { columns: Array.from({ length: replicates }, (_, g) => `repw_${g + 1}`), method: 'jk1' },
    };
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
  weight?: string;
}

/** Adds `microdata synth` and `microdata tabulate`. */
export function registerMicrodataCommands(program: Command): void {
  const microdata = program
    .command('microdata')
    .description('migration data disaggregated by migratory status from census and survey microdata');

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
          progress(
            `generating ${samplePersons(design).toLocaleString('en')} persons (${design.strata} strata × ${design.sampledClustersPerStratum} clusters of ${design.clusterSize}) into ${options.out}`,
          );
          const written = await writeSyntheticCensus(session.connection, options.out, design);
          progress(
            `wrote ${written.toLocaleString('en')} persons in ${((performance.now() - started) / 1000).toFixed(1)} s`,
          );
        } finally {
          session.close();
        }
      });
    });

  microdata
    .command('describe')
    .description(
      'show what an SPSS, Stata or IPUMS (DDI) file says about itself: variables, labels, value labels, missing codes, weight and design',
    )
    .argument('<file>', 'microdata, .sav, .zsav, .dta or a DDI codebook .xml')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const metadata = await asCliErrors(() => describeMicrodataFile(file));
      if (options.json) {
        const variables = metadata.variables.map((variable) => ({
          ...variable,
          valueLabels: Object.fromEntries(variable.valueLabels),
        }));
        process.stdout.write(`${JSON.stringify({ ...metadata, variables }, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${describeLines(file, metadata).join('\n')}\n`);
    });

  microdata
    .command('tabulate')
    .description(
      'estimate an indicator by migratory status, sex and age group with standard errors and confidence bounds',
    )
    .argument(
      '<file>',
      'microdata: .csv, .parquet, SPSS .sav/.zsav, Stata .dta, or an IPUMS DDI codebook .xml beside its .dat/.dat.gz',
    )
    .requiredOption(
      '--indicator <id>',
      `one of ${Object.keys(INDICATORS).join(', ')}, or an SDG code: ${Object.keys(SDG_INDICATOR_CODES).join(', ')}`,
    )
    .option('--by <dimensions>', 'comma-separated: migratory-status, sex, age-group', 'migratory-status,sex')
    .option(
      '--status <definition>',
      `how migrants are identified: ${Object.keys(MIGRATORY_STATUS_DEFINITIONS).join(', ')}`,
      'birth',
    )
    .option('--format <format>', `output: ${FORMATS.join(', ')}`, 'csv')
    .option('--min-n <n>', 'suppress (flag) cells with fewer unweighted observations', '30')
    .option('--level <p>', 'confidence level of the (normal) intervals', '0.95')
    .option('--spec <file>', 'JSON column mapping of the file (names and codes; codes may be value labels)')
    .option('--weight <column>', "the weight column (default: the spec's, else the weight the file's metadata names)")
    .option('--replicates <g>', 'use replicate weights repw_1..repw_g (JK1) as written by synth')
    .option('--variance <method>', 'taylor or replicate (default: replicate when the file has replicate weights)')
    .option('--area <code>', 'REF_AREA for sdmx-csv (M49 or ISO code)')
    .option('--period <period>', 'TIME_PERIOD for sdmx-csv, e.g. 2026')
    .option('--threads <n>', 'DuckDB worker threads')
    .option('--memory-limit <size>', 'DuckDB memory limit, e.g. 2GB (spills to disk beyond)')
    .action(async (file: string, options: TabulateCliOptions) => {
      if (!(FORMATS as readonly string[]).includes(options.format))
        throw new CliError(`invalid --format: ${options.format} (one of ${FORMATS.join(', ')})`, EXIT.usage);
      if (!(options.status in MIGRATORY_STATUS_DEFINITIONS)) {
        throw new CliError(
          `invalid --status: ${options.status} (one of ${Object.keys(MIGRATORY_STATUS_DEFINITIONS).join(', ')})`,
          EXIT.usage,
        );
      }
      if (options.variance !== undefined && options.variance !== 'taylor' && options.variance !== 'replicate') {
        throw new CliError(`invalid --variance: ${options.variance} (taylor or replicate)`, EXIT.usage);
      }
      const level = Number(options.level);
      if (!(level > 0 && level < 1))
        throw new CliError(`invalid --level: ${options.level} (strictly between 0 and 1)`, EXIT.usage);
      const minN = integerOption('--min-n', options.minN, 1);
      const replicates =
        options.replicates === undefined ? undefined : integerOption('--replicates', options.replicates, 2);
      const by = await asCliErrors(async () => parseDimensions(options.by));
      let spec = await readSpec(options.spec, replicates);
      if (options.weight !== undefined) {
        if (options.weight.trim() === '') throw new CliError('invalid --weight: a column name is required', EXIT.usage);
        spec = { ...spec, columns: { ...spec.columns, weight: options.weight } };
      }
      const session = await openSession({
        ...(options.threads ? { threads: integerOption('--threads', options.threads, 1) } : {}),
        ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}),
      });
      try {
        const tabulation = await asCliErrors(async () => {
          const loaded = await loadMicrodata(session.connection, file, {
            spec,
            onProgress: readProgress(file),
            ...(options.weight !== undefined ? { explicitColumns: ['weight' as const] } : {}),
          });
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
          options.format === 'json'
            ? `${JSON.stringify(toChartTable(tabulation), null, 2)}\n`
            : options.format === 'sdmx-csv'
              ? formatSdmxCsv(tabulation, {
                  ...(options.area ? { area: options.area } : {}),
                  ...(options.period ? { period: options.period } : {}),
                })
              : formatCsv(tabulation);
        process.stdout.write(output);
      } finally {
        session.close();
      }
    });
}
