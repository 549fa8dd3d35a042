/**
 * Load microdata (CSV, Parquet, SPSS .sav/.zsav, Stata .dta, an IPUMS-style DDI codebook with its
 * fixed-width data) into a DuckDB session, validate every cell the indicators use, and
 * expose a canonical view (`stratum, psu, weight, sex, age, foreign_born, …`). Bad input stops the load
 * with a {@link MicrodataError} listing file, row, column, value and why; nothing is estimated from a
 * file that failed validation.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { formatProblem, type Problem } from '@migov/core';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { MicrodataSpec, Variable } from './spec.ts';
import { DEFAULT_SPEC } from './spec.ts';
import { queryRows } from './session.ts';
import { quoteIdent, quoteLiteral } from './sql.ts';
import {
  FileFormatError,
  type FileMetadata,
  type ReadProgress,
  type StatisticalFile,
} from './formats/file-metadata.ts';
import { openSav } from './formats/read-sav.ts';
import { openDta } from './formats/read-dta.ts';
import { openIpums } from './formats/read-ipums.ts';
import { createStagingSink } from './formats/stage-records.ts';

/** Thrown when microdata (or a request about it) is invalid; `problems` holds the first ones, `total` how many there are. */
export class MicrodataError extends Error {
  readonly problems: Problem[];
  readonly total: number;
  constructor(problems: Problem[], total = problems.length) {
    const lines = problems.map(formatProblem);
    const more = total > problems.length ? `\n… and ${total - problems.length} more` : '';
    super(`${total} problem${total === 1 ? '' : 's'} in microdata:\n${lines.join('\n')}${more}`);
    this.name = 'MicrodataError';
    this.problems = problems;
    this.total = total;
  }
}

/** A validated microdata file, readable through the canonical view `view`. */
export interface LoadedMicrodata {
  file: string;
  view: string;
  rows: number;
  spec: MicrodataSpec;
  /** Canonical replicate-weight columns in the view (`repw_1..`), empty without replicate weights. */
  replicateColumns: string[];
}

/** Options for {@link loadMicrodata}. */
export interface LoadOptions {
  spec?: MicrodataSpec;
  /** Name of the canonical view (default `microdata`). */
  name?: string;
  /** How many problems to list in the error (default 20). */
  maxProblems?: number;
  /** Further columns carried into the view unchanged (e.g. a region, a round, `sample_id`). */
  passThrough?: string[];
  /** Design columns named explicitly (e.g. `--weight`): never replaced by the ones the file's metadata names. */
  explicitColumns?: readonly Variable[];
  /** Records of a statistical file between compressions of the staged table (default 262,144): DuckDB holds about this many uncompressed. */
  stagingCheckpointRows?: number;
  /** Called now and then while a statistical file (.sav, .dta, IPUMS) streams into DuckDB. */
  onProgress?: (progress: ReadProgress) => void;
}

/** The formats read through their own metadata, by how the path ends. */
const STATISTICAL_FORMATS: [RegExp, (path: string) => Promise<StatisticalFile>][] = [
  [/\.z?sav$/i, openSav],
  [/\.dta$/i, openDta],
  [/\.xml$/i, openIpums],
];

/** Open an SPSS, Stata or IPUMS (DDI) file for its metadata and records; undefined for other paths. */
async function openStatisticalFile(path: string): Promise<StatisticalFile | undefined> {
  const open = STATISTICAL_FORMATS.find(([pattern]) => pattern.test(path))?.[1];
  if (!open) return undefined;
  if (!existsSync(path)) throw new MicrodataError([{ file: path, message: 'file not found' }]);
  try {
    return await open(path);
  } catch (error) {
    if (error instanceof FileFormatError) throw new MicrodataError([{ file: basename(path), message: error.message }]);
    throw error;
  }
}

/** The metadata of an SPSS, Stata or IPUMS file (variables, labels, value labels, design variables). */
export async function describeMicrodataFile(path: string): Promise<FileMetadata> {
  const opened = await openStatisticalFile(path);
  if (!opened)
    throw new MicrodataError([
      { file: basename(path), message: 'no metadata to describe: use .sav, .zsav, .dta or a DDI codebook (.xml)' },
    ]);
  return opened.metadata;
}

/**
 * The spec adjusted to a file's own metadata: the design variables the file names (weight, strata,
 * PSU) stand in for mapped names the file does not have, and codes may be given as value labels
 * (`"male": ["Male"]`), which become the labelled codes.
 */
function specForMetadata(
  spec: MicrodataSpec,
  metadata: FileMetadata,
  explicit: readonly Variable[] = [],
): MicrodataSpec {
  const names = new Set(metadata.variables.map((variable) => variable.name));
  const columns = { ...spec.columns };
  for (const variable of ['weight', 'stratum', 'psu'] as const) {
    const named = metadata[variable];
    if (named && !names.has(columns[variable]) && !explicit.includes(variable)) columns[variable] = named;
  }
  const labelsOf = (column: string) =>
    metadata.variables.find((variable) => variable.name === column)?.valueLabels ?? new Map<string, string>();
  const resolve = (column: string, codes: string[]): string[] => {
    const labels = labelsOf(column);
    return codes.map((code) => {
      if (labels.has(code)) return code;
      const matches = [...labels.entries()].filter(
        ([, label]) => label.trim().toLowerCase() === code.trim().toLowerCase(),
      );
      return matches.length === 1 ? matches[0]![0] : code;
    });
  };
  const mapCodes = <T extends Record<string, string[]>>(column: string, mapping: T): T =>
    Object.fromEntries(Object.entries(mapping).map(([category, codes]) => [category, resolve(column, codes)])) as T;
  return {
    ...spec,
    columns,
    codes: {
      sex: mapCodes(columns.sex, spec.codes.sex),
      attendingEducation: mapCodes(columns.attendingEducation, spec.codes.attendingEducation),
      labourStatus: mapCodes(columns.labourStatus, spec.codes.labourStatus),
      residenceNotInUniverse: resolve(columns.residence5yAgo, spec.codes.residenceNotInUniverse),
    },
  };
}

/** Stream the variables a load needs from a statistical file into the table `raw`. */
async function stageStatisticalFile(
  connection: DuckDBConnection,
  opened: StatisticalFile,
  raw: string,
  spec: MicrodataSpec,
  options: LoadOptions,
  file: string,
): Promise<string> {
  const known = new Map(opened.metadata.variables.map((variable) => [variable.name, variable]));
  const wanted = [
    ...new Set([
      ...Object.values(spec.columns),
      ...(spec.replicateWeights?.columns ?? []),
      ...(options.passThrough ?? []),
    ]),
  ];
  const missing = wanted.filter((name) => !known.has(name));
  if (missing.length > 0) {
    const names = [...known.keys()];
    throw new MicrodataError(
      missing.map((name) => ({
        file,
        column: name,
        message: `column not found (the file has: ${names.slice(0, 60).join(', ')}${names.length > 60 ? `, … ${names.length - 60} more` : ''})`,
      })),
    );
  }
  const sink = await createStagingSink(
    connection,
    raw,
    wanted.map((name) => ({ name, type: known.get(name)!.type })),
    options.stagingCheckpointRows,
  );
  try {
    await opened.read(wanted, sink, options.onProgress);
  } catch (error) {
    if (error instanceof FileFormatError) throw new MicrodataError([{ file, message: error.message }]);
    throw error;
  } finally {
    sink.finish();
  }
  return sink.qualifiedName;
}

interface SourceColumn {
  name: string;
  type: string;
  /** Trim text before comparing (CSV cells); Parquet values are compared as stored. */
  trim: boolean;
}

const NUMERIC_TYPES =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL.*)$/;

function isNumeric(column: SourceColumn): boolean {
  return NUMERIC_TYPES.test(column.type);
}

/** The cell as text (numbers converted, CSV text trimmed). */
function textOf(column: SourceColumn): string {
  const ident = quoteIdent(column.name);
  if (column.type === 'VARCHAR') return column.trim ? `trim(${ident})` : ident;
  return `CAST(${ident} AS VARCHAR)`;
}

/** The cell as a number, NULL when it is not one; typed columns skip the text round trip (fast on Parquet). */
function numberOf(column: SourceColumn): string {
  return isNumeric(column) ? `CAST(${quoteIdent(column.name)} AS DOUBLE)` : `TRY_CAST(${textOf(column)} AS DOUBLE)`;
}

/** Missing: NULL, or empty text. */
function emptyOf(column: SourceColumn): string {
  const ident = quoteIdent(column.name);
  return isNumeric(column) ? `${ident} IS NULL` : `(${ident} IS NULL OR ${textOf(column)} = '')`;
}

/** A SQL condition "column holds one of these codes", numeric when the column and the codes are numeric. */
function codeIn(column: SourceColumn, codes: readonly string[]): string {
  if (isNumeric(column) && codes.every((code) => /^-?\d+(\.\d+)?$/.test(code))) {
    return `${quoteIdent(column.name)} IN (${codes.join(', ')})`;
  }
  return `${textOf(column)} IN (${codes.map(quoteLiteral).join(', ')})`;
}

interface Check {
  column: string;
  /** SQL expression: the reason text when the cell is bad, NULL when it is fine. */
  reason: string;
}

function describeCodes(mapping: Record<string, string[]>): string {
  return Object.entries(mapping)
    .map(([label, codes]) => `${codes.join('/')} (${label})`)
    .join(', ');
}

function buildChecks(spec: MicrodataSpec, columns: Record<Variable, SourceColumn>, replicate: SourceColumn[]): Check[] {
  const checks: Check[] = [];
  const empty = emptyOf;
  const required = (variable: Variable, what: string) => {
    const column = columns[variable];
    checks.push({
      column: column.name,
      reason: `CASE WHEN ${empty(column)} THEN ${quoteLiteral(`empty cell: ${what} is required`)} END`,
    });
  };
  const coded = (variable: Variable, what: string, mapping: Record<string, string[]>) => {
    const column = columns[variable];
    const all = Object.values(mapping).flat();
    checks.push({
      column: column.name,
      reason: `CASE WHEN ${empty(column)} THEN ${quoteLiteral(`empty cell: ${what} is required`)}
        WHEN NOT (${codeIn(column, all)}) THEN ${quoteLiteral(`impossible ${what} code: allowed ${describeCodes(mapping)}`)} END`,
    });
  };
  const number = (column: SourceColumn, what: string, allowZero: boolean) => {
    const value = numberOf(column);
    checks.push({
      column: column.name,
      reason: `CASE WHEN ${empty(column)} THEN ${quoteLiteral(`missing ${what}`)}
        WHEN ${value} IS NULL THEN ${quoteLiteral(`${what} is not a number`)}
        WHEN NOT isfinite(${value}) THEN ${quoteLiteral(`${what} is not finite`)}
        WHEN ${value} ${allowZero ? '<' : '<='} 0 THEN ${quoteLiteral(allowZero ? `negative ${what}: must be >= 0` : `non-positive ${what}: must be > 0`)} END`,
    });
  };
  required('stratum', 'a stratum');
  required('psu', 'a primary sampling unit (cluster)');
  number(columns.weight, 'weight', false);
  coded('sex', 'sex', spec.codes.sex);
  const age = columns.age;
  const ageValue = numberOf(age);
  const [minAge, maxAge] = spec.ageRange;
  checks.push({
    column: age.name,
    reason: `CASE WHEN ${empty(age)} THEN 'empty cell: an age is required'
      WHEN ${ageValue} IS NULL OR ${ageValue} <> floor(${ageValue}) THEN 'age is not a whole number'
      WHEN ${ageValue} < ${minAge} OR ${ageValue} > ${maxAge} THEN ${quoteLiteral(`impossible age: outside ${minAge}..${maxAge}`)} END`,
  });
  required('birthCountry', 'a country of birth');
  required('citizenship', 'a citizenship');
  required('residence5yAgo', 'a place of residence five years ago');
  coded('attendingEducation', 'education attendance', spec.codes.attendingEducation);
  coded('labourStatus', 'labour-force status', spec.codes.labourStatus);
  // NEET and unemployment need a labour status for everyone of working age
  checks.push({
    column: columns.labourStatus.name,
    reason: `CASE WHEN ${ageValue} >= 15 AND ${codeIn(columns.labourStatus, spec.codes.labourStatus.notApplicable)} THEN 'labour-force status "not applicable" for a person aged 15 or over' END`,
  });
  for (const column of replicate) number(column, 'replicate weight', true);
  return checks;
}

/** Load, validate and map a CSV or Parquet microdata file; throws {@link MicrodataError} on any bad cell. */
export async function loadMicrodata(
  connection: DuckDBConnection,
  path: string,
  options: LoadOptions = {},
): Promise<LoadedMicrodata> {
  let spec = options.spec ?? DEFAULT_SPEC;
  const view = options.name ?? 'microdata';
  const maxProblems = options.maxProblems ?? 20;
  const file = basename(path);
  if (!existsSync(path)) throw new MicrodataError([{ file: path, message: 'file not found' }]);
  const lower = path.toLowerCase();
  let source: string;
  let rowExpr: string;
  let trim = true;
  const statistical = await openStatisticalFile(path);
  if (statistical) {
    // Decoded in JavaScript a chunk at a time and appended to a table of DuckDB's compressed staging database: rowid = record index.
    spec = specForMetadata(spec, statistical.metadata, options.explicitColumns);
    const raw = `${view}_raw`;
    source = await stageStatisticalFile(connection, statistical, raw, spec, options, file);
    rowExpr = 'rowid + 1';
  } else if (lower.endsWith('.parquet')) {
    source = `read_parquet(${quoteLiteral(path)}, file_row_number = true)`;
    rowExpr = 'file_row_number + 1';
    trim = false;
  } else if (lower.endsWith('.csv') || lower.endsWith('.csv.gz') || lower.endsWith('.tsv')) {
    // Materialized as text so that every cell can be checked; insertion order keeps rowid = record index.
    const raw = `${view}_raw`;
    try {
      await connection.run(
        `CREATE OR REPLACE TABLE ${quoteIdent(raw)} AS SELECT * FROM read_csv(${quoteLiteral(path)}, all_varchar = true, header = true)`,
      );
    } catch (error) {
      throw new MicrodataError([{ file, message: `unreadable CSV: ${(error as Error).message.split('\n')[0]}` }]);
    }
    source = quoteIdent(raw);
    rowExpr = 'rowid + 2';
  } else {
    throw new MicrodataError([
      { file, message: 'unsupported file type: use .csv, .parquet, .sav, .zsav, .dta or an IPUMS DDI codebook (.xml)' },
    ]);
  }

  let described: Record<string, unknown>[];
  try {
    described = await queryRows(connection, `DESCRIBE SELECT * FROM ${source}`);
  } catch (error) {
    throw new MicrodataError([{ file, message: `unreadable file: ${(error as Error).message.split('\n')[0]}` }]);
  }
  const available = new Map(described.map((row) => [String(row['column_name']), String(row['column_type'])]));
  const missing: Problem[] = [];
  const find = (name: string): SourceColumn => {
    const type = available.get(name);
    if (type === undefined) {
      missing.push({
        file,
        column: name,
        message: `column not found (the file has: ${[...available.keys()].filter((n) => n !== 'file_row_number').join(', ')})`,
      });
      return { name, type: 'VARCHAR', trim };
    }
    return { name, type, trim };
  };
  const columns = Object.fromEntries(
    Object.entries(spec.columns).map(([variable, name]) => [variable, find(name)]),
  ) as Record<Variable, SourceColumn>;
  const replicate = (spec.replicateWeights?.columns ?? []).map(find);
  const passThrough = (options.passThrough ?? []).map(find);
  if (missing.length > 0) throw new MicrodataError(missing);

  const checks = buildChecks(spec, columns, replicate);
  // One scan counts the problems and the rows; only a bad file pays for a second scan that lists the first ones.
  const counts = checks.map((check) => `count(${check.reason})`).join(' + ');
  const [counted] = await queryRows(
    connection,
    `SELECT (${counts})::BIGINT AS total, count(*)::BIGINT AS n FROM ${source}`,
  );
  const total = Number(counted?.['total'] ?? 0);
  if (total > 0) {
    const reasons = checks.map((check, index) => `${check.reason} AS r${index}`).join(',\n  ');
    const values = checks.map((check, index) => `CAST(${quoteIdent(check.column)} AS VARCHAR) AS v${index}`).join(', ');
    const anyBad = checks.map((_, index) => `r${index} IS NOT NULL`).join(' OR ');
    const bad = await queryRows(
      connection,
      `SELECT * FROM (SELECT ${rowExpr} AS row_number, ${values},\n  ${reasons}\nFROM ${source}) WHERE ${anyBad} ORDER BY row_number LIMIT ${maxProblems}`,
    );
    const problems: Problem[] = [];
    for (const row of bad) {
      checks.forEach((check, index) => {
        const reason = row[`r${index}`];
        if (reason === null || reason === undefined) return;
        const value = row[`v${index}`];
        problems.push({
          file,
          row: Number(row['row_number']),
          column: check.column,
          value: value === null ? '' : String(value),
          message: String(reason),
        });
      });
    }
    throw new MicrodataError(problems.slice(0, maxProblems), total);
  }

  const here = quoteLiteral(spec.countryOfEnumeration);
  const text = textOf;
  const replicateColumns = replicate.map((_, index) => `repw_${index + 1}`);
  const replicateSelect = replicate
    .map((column, index) => `, CAST(${quoteIdent(column.name)} AS DOUBLE) AS repw_${index + 1}`)
    .join('');
  const passThroughSelect = passThrough.map((column) => `, ${quoteIdent(column.name)}`).join('');
  // design summaries cached by the estimator belong to the view being replaced
  const stale = await queryRows(
    connection,
    `SELECT table_name FROM duckdb_tables() WHERE temporary AND starts_with(table_name, ${quoteLiteral(`__migov_nh__${view}`)})`,
  );
  for (const row of stale) await connection.run(`DROP TABLE IF EXISTS temp.${quoteIdent(String(row['table_name']))}`);
  await connection.run(`CREATE OR REPLACE VIEW ${quoteIdent(view)} AS
SELECT
  ${rowExpr} AS source_row,
  ${quoteIdent(columns.stratum.name)} AS stratum,
  ${quoteIdent(columns.psu.name)} AS psu,
  CAST(${quoteIdent(columns.weight.name)} AS DOUBLE) AS weight,
  CASE WHEN ${codeIn(columns.sex, spec.codes.sex.male)} THEN 'M' ELSE 'F' END AS sex,
  ${codeIn(columns.sex, spec.codes.sex.male)} AS male,
  CAST(${quoteIdent(columns.age.name)} AS INTEGER) AS age,
  ${text(columns.birthCountry)} <> ${here} AS foreign_born,
  ${text(columns.citizenship)} <> ${here} AS non_citizen,
  ${text(columns.residence5yAgo)} NOT IN (${[spec.countryOfEnumeration, ...spec.codes.residenceNotInUniverse].map(quoteLiteral).join(', ')}) AS recent_migrant,
  ${codeIn(columns.attendingEducation, spec.codes.attendingEducation.yes)} AS attending,
  ${codeIn(columns.labourStatus, spec.codes.labourStatus.employed)} AS employed,
  ${codeIn(columns.labourStatus, spec.codes.labourStatus.unemployed)} AS unemployed${replicateSelect}${passThroughSelect}
FROM ${source}`);
  // The view selects every row of the source: its row count is the one the validating scan made.
  return { file, view, rows: Number(counted?.['n'] ?? 0), spec, replicateColumns };
}
