/**
 * One entry point for every exchange format: detect the format from the content, read, validate,
 * and return either all observations or the complete list of problems.
 */
import type { Observation, Problem, SeriesCode } from '../observations/observation.ts';
import type { InputFile, InputLimitExceeded, InputLimits } from './input.ts';
import {
  DEFAULT_MAX_LINE_BYTES,
  DEFAULT_MAX_PROBLEMS,
  excerpt,
  inputText,
  ProblemList,
  structureLimitExceeded,
} from './input.ts';
import { parseCsvTable } from './csv-table.ts';
import type { LabelMapping } from './label-mapping.ts';
import { DEFAULT_LABEL_MAPPING } from './label-mapping.ts';
import { checkAreaOption, DEFAULT_YEAR_RANGE, ObservationBuilder } from './observation-builder.ts';
import { isSdgApiCsvHeader, readSdgApiCsvTable } from './sdg-api-csv.ts';
import { isDdfHeader, readDdfTable } from './ddf-csv.ts';
import { readSdmxCsvTable, sdmxCsvVersion } from './sdmx-csv.ts';
import { readNationalTable } from './open-sdg-csv.ts';
import { readSdmxMlText } from './sdmx-ml.ts';
import { isMigovJson, readJsonText } from './json.ts';
import { isSdgApiJson, readSdgApiJson } from './sdg-api-json.ts';
import { isSdmxJson, readSdmxJson } from './sdmx-json.ts';
import { jsonTable } from './json-table.ts';

/** Every format {@link readObservations} recognises. */
export const OBSERVATION_FORMATS = [
  'sdg-api-csv',
  'ddf-csv',
  'sdmx-csv-1.0',
  'sdmx-csv-2.0',
  'sdmx-ml-structure-specific',
  'sdmx-ml-generic',
  'open-sdg-long',
  'open-sdg-wide',
  'country-year-wide',
  'sdg-api-json',
  'sdmx-json',
  'open-sdg-json',
  'migov-json',
] as const;
export type ObservationFormat = (typeof OBSERVATION_FORMATS)[number];

/** Options of {@link readObservations}. */
export interface ReadObservationsOptions extends InputLimits {
  /** M49 code of the area, for files without an area column (the caller resolves ISO codes and names). */
  area?: string;
  /** Series for files without a series column (default SG_CPA_MIGRS: national files publish the country value). */
  series?: SeriesCode;
  /** Whether an M49 code names a known area; when absent, any well-formed code is accepted. */
  isKnownArea?: (m49: string) => boolean;
  /** M49 code of an area code that is not M49 (e.g. ISO 3166 alpha-3 in some national SDMX files and aggregator exports), or of an area name (an aggregator's "Country" column); when absent, only M49 codes are read. */
  resolveArea?: (code: string) => string | undefined;
  /** Labels to codes (default {@link DEFAULT_LABEL_MAPPING}; extend it with parseLabelMapping). */
  labels?: LabelMapping;
  /** Accepted years, inclusive (default 2015-2100). */
  years?: { min: number; max: number };
}

/** What a read gives: the detected format, and observations only when there is no problem at all. */
export interface ReadObservationsResult {
  format: ObservationFormat | undefined;
  /** Empty whenever `problems` is not: an import is all or nothing. */
  observations: Observation[];
  problems: Problem[];
  /** Cells read as "not reported" (empty, "..", "-", "n/a", null…) and left out, each with its row: never imported as values. */
  skipped: Problem[];
  /** How the file was understood where it did not say so itself (a column recognised by its values, an ignored comment column, one page of an API answer). */
  notes: Problem[];
  /** The structural bound the file exceeds, when that is why it was not read (also in `problems`). */
  limitExceeded?: InputLimitExceeded;
}

/**
 * Read observations from a file in any supported format (detected from the content), reporting every
 * problem at once. Any problem means nothing should be imported; `observations` is then empty.
 * @example readObservations({ name: 'canada.csv', text }, { area: '124' })
 */
export function readObservations(file: InputFile, options: ReadObservationsOptions = {}): ReadObservationsResult {
  const problems = new ProblemList(file.name, options.maxProblems);
  const skipped = new Notices(file.name, options.maxProblems);
  const notes = new Notices(file.name, options.maxProblems);
  const result = (format: ObservationFormat | undefined, builder?: ObservationBuilder): ReadObservationsResult => {
    // A file that yields nothing is almost always the wrong file or an export of the wrong indicator.
    if (builder && builder.observations.length === 0 && problems.size === 0) {
      problems.add({
        message:
          skipped.size > 0
            ? `the file holds no observations: all ${skipped.size} of its values are empty or mark values not reported`
            : 'the file holds no observations',
      });
    }
    const list = problems.toArray();
    return {
      format,
      observations: list.length === 0 && builder ? builder.observations : [],
      problems: list,
      skipped: skipped.toArray(),
      notes: notes.toArray(),
    };
  };
  const decoded = inputText(file, options);
  if (!decoded.ok) {
    problems.add({ message: decoded.message });
    return result(undefined);
  }
  const limitExceeded = structureLimitExceeded(decoded.text, options);
  if (limitExceeded) {
    problems.add({ message: `${limitExceeded.message}; nothing was read` });
    return { ...result(undefined), limitExceeded };
  }
  let area: string | undefined;
  if (options.area !== undefined) {
    const checked = checkAreaOption(options.area, options);
    if (!checked.ok) {
      problems.add(checked.problem);
      return result(undefined);
    }
    area = checked.m49;
  }
  const labels = options.labels ?? DEFAULT_LABEL_MAPPING;
  const builder = new ObservationBuilder(problems, {
    area,
    series: options.series,
    isKnownArea: options.isKnownArea,
    resolveArea: options.resolveArea,
    labels,
    years: options.years ?? DEFAULT_YEAR_RANGE,
  });
  const text = decoded.text;
  const start = text.trimStart().slice(0, 1);
  const nationalOptions = {
    labels,
    series: options.series ?? 'SG_CPA_MIGRS',
    hasAreaOption: area !== undefined,
    resolveArea: options.resolveArea,
    skip: (entry: Omit<Problem, 'file'>) => skipped.add(entry),
    note: (entry: Omit<Problem, 'file'>) => notes.add(entry),
  };

  if (start === '<') {
    const kind = readSdmxMlText(text, problems, builder);
    return result(
      kind === undefined ? undefined : kind === 'generic' ? 'sdmx-ml-generic' : 'sdmx-ml-structure-specific',
      builder,
    );
  }
  if (start === '{' || start === '[') {
    if (isMigovJson(text)) {
      readJsonText(text, problems, builder);
      return result('migov-json', builder);
    }
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      problems.add({ message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` });
      return result(undefined);
    }
    if (isSdmxJson(document)) {
      readSdmxJson(document, problems, builder, { skip: (entry) => skipped.add(entry) });
      return result('sdmx-json', builder);
    }
    if (isSdgApiJson(document)) {
      readSdgApiJson(document, problems, builder, {
        skip: (entry) => skipped.add(entry),
        note: (entry) => notes.add(entry),
      });
      return result('sdg-api-json', builder);
    }
    const jsonRows = jsonTable(document);
    if (jsonRows && readNationalTable(jsonRows, problems, builder, nationalOptions))
      return result('open-sdg-json', builder);
    problems.add({
      message: jsonRows
        ? `a JSON table whose columns (${jsonRows.header.join(', ').slice(0, 200)}) hold no 10.7.2 data that can be recognised: expected a column of years with a value column or one column per policy domain; map other headers in a label mapping file with --labels`
        : 'JSON of an unknown kind: expected migov JSON ("format": "migov-observations"), an SDG API answer ({"data": [{"series", "geoAreaCode", "timePeriodStart", "value", …}]}), an SDMX-JSON data message ("dataSets") or a table (Open SDG\'s columns {"Year": […], "Value": […]} or a list of records)',
    });
    return result(undefined);
  }
  if (text.trim() === '') {
    problems.add({ message: 'the file is empty' });
    return result(undefined);
  }

  const table = parseCsvTable(text, problems, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  if (!table) return result(undefined);
  for (const line of table.outside ?? []) {
    notes.add({
      row: line.row,
      value: excerpt(line.cells.filter((cell) => cell.trim() !== '').join(' ')),
      message: `ignored: a line of text ${line.row < (table.rows[0]?.row ?? 0) ? 'above' : 'below'} the table`,
    });
  }
  const { header } = table;
  const sdmxVersion = sdmxCsvVersion(header);
  if (sdmxVersion) {
    readSdmxCsvTable(table, problems, builder, (entry) => skipped.add(entry));
    return result(sdmxVersion === '1.0' ? 'sdmx-csv-1.0' : 'sdmx-csv-2.0', builder);
  }
  if (isSdgApiCsvHeader(header)) {
    readSdgApiCsvTable(table, problems, builder, (entry) => skipped.add(entry));
    return result('sdg-api-csv', builder);
  }
  if (isDdfHeader(header)) {
    readDdfTable(table, problems, builder);
    return result('ddf-csv', builder);
  }
  const layout = readNationalTable(table, problems, builder, nationalOptions);
  if (layout) return result(layout, builder);
  problems.add({
    row: 1,
    value: header.join(',').slice(0, 200),
    message:
      'unrecognised header: expected the SDG API CSV (SeriesCode, GeoAreaCode, TimePeriod, …), SDMX-CSV (DATAFLOW or STRUCTURE first), the DDF layout (geo_area, …, year, sg_cpa_migrs) or a national table (a column of years with a value column or one column per policy domain; map other headers in a label mapping file with --labels)',
  });
  return result(undefined);
}

/** Informational entries of a read (skipped cells, notes), bounded like problems. */
class Notices {
  readonly #items: Problem[] = [];
  #dropped = 0;
  readonly #file: string;
  readonly #max: number;

  constructor(file: string, max = DEFAULT_MAX_PROBLEMS) {
    this.#file = file;
    this.#max = max;
  }

  add(entry: Omit<Problem, 'file'>): void {
    if (this.#items.length < this.#max) this.#items.push({ file: this.#file, ...entry });
    else this.#dropped += 1;
  }

  get size(): number {
    return this.#items.length + this.#dropped;
  }

  toArray(): Problem[] {
    return this.#dropped === 0
      ? [...this.#items]
      : [
          ...this.#items,
          { file: this.#file, message: `${this.#dropped} more not listed (the first ${this.#max} are shown)` },
        ];
  }
}
