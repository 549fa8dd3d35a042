/**
 * One entry point for datasets of any catalogue indicator: detect the format from the content, read
 * every series with its disaggregations, and return either all datasets or the complete list of problems.
 */
import type { Problem } from '../observations/observation.ts';
import type { InputFile, InputLimits } from '../formats/input.ts';
import { DEFAULT_MAX_LINE_BYTES, excerpt, inputText, ProblemList } from '../formats/input.ts';
import type { CsvTable } from '../formats/csv-table.ts';
import { parseCsvTable } from '../formats/csv-table.ts';
import { cellAt, codeCellAt } from '../formats/columns.ts';
import { sdmxCsvVersion } from '../formats/sdmx-csv.ts';
import { isSdgApiCsvHeader } from '../formats/sdg-api-csv.ts';
import { checkAreaOption, type Cell } from '../formats/observation-builder.ts';
import { findIndicator } from './catalogue.ts';
import type { ComponentCell, IndicatorDataset } from './dataset.ts';
import { DEFAULT_DATASET_YEARS, DatasetCollector, SERIES_CODE } from './dataset.ts';
import type {
  ClassifiedColumn,
  ComponentDeclarations,
  DatasetFormat,
  DelimitedDatasetFormat,
} from './dataset-columns.ts';
import { classifyColumns, CODED_ATTRIBUTES, isPlainCsvHeader } from './dataset-columns.ts';
import { readSdmxMlDatasets } from './sdmx-ml-datasets.ts';

/** Options of {@link readIndicatorDatasets}. */
export interface ReadIndicatorDatasetsOptions extends InputLimits {
  /** Catalogue indicator (e.g. `10.7.4`) for files that do not name it and whose series the catalogue does not list. */
  indicator?: string;
  /** Series code for files without a series column (plain CSV). */
  series?: string;
  /** Unit for files without a unit column. */
  unit?: string;
  /** M49 code of the area, for files without an area column. */
  area?: string;
  /** Whether an M49 code names a known area; when absent, any well-formed code is accepted. */
  isKnownArea?: (m49: string) => boolean;
  /** M49 code of a code that is not M49 (e.g. ISO 3166 alpha-3); when absent, only M49 codes are read. */
  resolveArea?: (code: string) => string | undefined;
  /** Accepted years, inclusive (default 1990-2100). */
  years?: { min: number; max: number };
  /** Columns or SDMX components to read as dimensions, beyond the format's rules (e.g. a national data structure's). */
  dimensions?: readonly string[];
  /** Columns or SDMX components to read as attributes, beyond the format's rules. */
  attributes?: readonly string[];
}

/** What a read gives: the detected format, and datasets only when there is no problem at all. */
export interface ReadIndicatorDatasetsResult {
  format: DatasetFormat | undefined;
  /** Empty whenever `problems` is not: an import is all or nothing. */
  datasets: IndicatorDataset[];
  problems: Problem[];
}

/**
 * Read the datasets of a file in the SDG API CSV, SDMX-CSV (1.0, 2.0), SDMX-ML 2.1 or plain CSV,
 * reporting every problem at once; any problem means nothing should be imported.
 * @example readIndicatorDatasets({ name: 'refugees.csv', text }, { isKnownArea })
 */
export function readIndicatorDatasets(
  file: InputFile,
  options: ReadIndicatorDatasetsOptions = {},
): ReadIndicatorDatasetsResult {
  const problems = new ProblemList(file.name, options.maxProblems);
  const result = (format: DatasetFormat | undefined, collector?: DatasetCollector): ReadIndicatorDatasetsResult => {
    const datasets = collector?.datasets ?? [];
    // A file that yields nothing is almost always the wrong file or an empty query result.
    if (collector && datasets.length === 0 && problems.size === 0)
      problems.add({ message: 'the file holds no observations' });
    const list = problems.toArray();
    return { format, datasets: list.length === 0 ? datasets : [], problems: list };
  };

  const indicator = options.indicator === undefined ? undefined : findIndicator(options.indicator)?.id;
  if (options.indicator !== undefined && indicator === undefined) {
    problems.add({
      column: '(indicator option)',
      value: excerpt(options.indicator),
      message: 'not an indicator of the catalogue of migration-related SDG indicators',
    });
  }
  if (options.series !== undefined && !SERIES_CODE.test(options.series.trim())) {
    problems.add({
      column: '(series option)',
      value: excerpt(options.series),
      message: 'not a series code (letters, digits and underscores, e.g. SM_POP_REFG_OR)',
    });
  }
  let area: string | undefined;
  if (options.area !== undefined) {
    const checked = checkAreaOption(options.area, options);
    if (checked.ok) area = checked.m49;
    else problems.add(checked.problem);
  }
  if (problems.size > 0) return result(undefined);

  const decoded = inputText(file, options);
  if (!decoded.ok) {
    problems.add({ message: decoded.message });
    return result(undefined);
  }
  const collector = new DatasetCollector(problems, {
    ...(indicator !== undefined ? { indicator } : {}),
    ...(options.series !== undefined ? { series: options.series } : {}),
    ...(options.unit !== undefined ? { unit: options.unit } : {}),
    ...(area !== undefined ? { area } : {}),
    ...(options.isKnownArea ? { isKnownArea: options.isKnownArea } : {}),
    ...(options.resolveArea ? { resolveArea: options.resolveArea } : {}),
    years: options.years ?? DEFAULT_DATASET_YEARS,
  });
  const declared = {
    ...(options.dimensions ? { dimensions: options.dimensions } : {}),
    ...(options.attributes ? { attributes: options.attributes } : {}),
  };
  const text = decoded.text;
  const start = text.trimStart().slice(0, 1);
  if (start === '<') {
    const kind = readSdmxMlDatasets(text, problems, collector, declared);
    return result(
      kind === undefined ? undefined : kind === 'generic' ? 'sdmx-ml-generic' : 'sdmx-ml-structure-specific',
      collector,
    );
  }
  if (start === '{' || start === '[') {
    problems.add({
      message: 'JSON is not a dataset format: expected the SDG API CSV, SDMX-CSV, SDMX-ML 2.1 or a plain CSV',
    });
    return result(undefined);
  }
  if (text.trim() === '') {
    problems.add({ message: 'the file is empty' });
    return result(undefined);
  }
  const table = parseCsvTable(text, problems, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  if (!table) return result(undefined);
  const sdmxVersion = sdmxCsvVersion(table.header);
  if (sdmxVersion) {
    readDelimited(table, 'sdmx-csv', problems, collector, declared);
    return result(sdmxVersion === '1.0' ? 'sdmx-csv-1.0' : 'sdmx-csv-2.0', collector);
  }
  if (isSdgApiCsvHeader(table.header)) {
    readDelimited(table, 'sdg-api-csv', problems, collector, declared);
    return result('sdg-api-csv', collector);
  }
  if (isPlainCsvHeader(table.header)) {
    readDelimited(table, 'plain-csv', problems, collector, declared);
    return result('plain-csv', collector);
  }
  problems.add({
    row: 1,
    value: excerpt(table.header.join(','), 200),
    message:
      'unrecognised header: expected the SDG API CSV (SeriesCode, GeoAreaCode, TimePeriod, Value, [dimensions]), SDMX-CSV (DATAFLOW or STRUCTURE first) or a plain CSV with Year and Value columns (and Area, Series, Units, dimension columns)',
  });
  return result(undefined);
}

const FORMAT_NAMES: Record<DelimitedDatasetFormat, string> = {
  'sdg-api-csv': 'the SDG API CSV',
  'sdmx-csv': 'SDMX-CSV',
  'plain-csv': 'a plain CSV',
};
const REQUIRED: Record<DelimitedDatasetFormat, readonly { role: ClassifiedColumn['role']; name: string }[]> = {
  'sdg-api-csv': [
    { role: 'series', name: 'SeriesCode' },
    { role: 'area', name: 'GeoAreaCode' },
    { role: 'year', name: 'TimePeriod' },
    { role: 'value', name: 'Value' },
  ],
  'sdmx-csv': [
    { role: 'series', name: 'SERIES' },
    { role: 'area', name: 'REF_AREA' },
    { role: 'year', name: 'TIME_PERIOD' },
    { role: 'value', name: 'OBS_VALUE' },
  ],
  'plain-csv': [
    { role: 'year', name: 'Year' },
    { role: 'value', name: 'Value' },
  ],
};

/** Read a delimited table whose columns are classified by format. */
function readDelimited(
  table: CsvTable,
  format: DelimitedDatasetFormat,
  problems: ProblemList,
  collector: DatasetCollector,
  declared: ComponentDeclarations,
): void {
  const { header } = table;
  const columns = classifyColumns(header, format, declared);
  let usable = true;
  for (const required of REQUIRED[format]) {
    if (!columns.some((column) => column.role === required.role)) {
      problems.add({ row: 1, message: `missing column ${required.name} (required in ${FORMAT_NAMES[format]})` });
      usable = false;
    }
  }
  // Two columns for one thing leave no way to tell which is meant.
  const seen = new Map<string, ClassifiedColumn>();
  for (const column of columns) {
    if (column.role === 'ignored') continue;
    const key = column.role === 'dimension' || column.role === 'attribute' ? `component:${column.id}` : column.role;
    const earlier = seen.get(key);
    if (earlier) {
      problems.add({
        row: 1,
        column: column.label,
        message: `column ${column.index + 1} "${column.label}" means the same as column ${earlier.index + 1} "${earlier.label}"`,
      });
      usable = false;
    } else seen.set(key, column);
  }
  if (!usable) return;
  const single = (role: ClassifiedColumn['role']) => columns.find((column) => column.role === role)?.index;
  const index = {
    indicator: single('indicator'),
    series: single('series'),
    seriesDescription: single('seriesDescription'),
    unit: single('unit'),
    area: single('area'),
    year: single('year'),
    value: single('value'),
    freq: single('freq'),
    action: single('action'),
  };
  const dimensions = columns.filter((column) => column.role === 'dimension');
  const attributes = columns.filter((column) => column.role === 'attribute');
  // SDMX-CSV may label codes ("F: Female"); other formats hold codes as they are.
  const code = (cells: readonly string[], at: number | undefined): Cell | undefined =>
    format === 'sdmx-csv' ? codeCellAt(header, cells, at) : cellAt(header, cells, at, 'text');
  for (const { row, cells } of table.rows) {
    const action = cellAt(header, cells, index.action);
    if (action && action.value.trim() !== '' && !['I', 'A', 'R', 'M'].includes(action.value.trim().toUpperCase())) {
      problems.add({
        row,
        column: action.column,
        value: excerpt(action.value),
        message: 'only additions and replacements are imported (ACTION I, A, R or M); deletions are not',
      });
      continue;
    }
    const freq = code(cells, index.freq);
    if (freq && freq.value.trim() !== '' && freq.value.trim().toUpperCase() !== 'A') {
      problems.add({
        row,
        column: freq.column,
        value: excerpt(freq.value),
        message: 'only annual data is read (FREQ A)',
      });
      continue;
    }
    const component = (column: ClassifiedColumn, coded: boolean): ComponentCell | undefined => {
      const cell = coded ? code(cells, column.index) : cellAt(header, cells, column.index, 'text');
      return cell ? { id: column.id, cell } : undefined;
    };
    collector.add({
      row,
      indicator: cellAt(header, cells, index.indicator),
      series: code(cells, index.series),
      seriesDescription: cellAt(header, cells, index.seriesDescription, 'text'),
      unit: code(cells, index.unit),
      area: code(cells, index.area),
      year: cellAt(header, cells, index.year),
      value: cellAt(header, cells, index.value),
      dimensions: dimensions.flatMap((column) => component(column, true) ?? []),
      attributes: attributes.flatMap((column) => component(column, CODED_ATTRIBUTES.has(column.id)) ?? []),
    });
  }
}
