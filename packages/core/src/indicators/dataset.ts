/**
 * The generic dataset model of any SDG series (one indicator, one series, one unit) and the one place
 * where raw cells become its observations, so every format reports the same problems in the same words.
 */
import type { ProblemList } from '../formats/input.ts';
import { excerpt } from '../formats/input.ts';
import type { AreaOptions, Cell } from '../formats/observation-builder.ts';
import { checkAreaCell, checkYearCell, encodingHint } from '../formats/observation-builder.ts';
import { findIndicator, findIndicatorOfSeries } from './catalogue.ts';
import { formatDimensionKey } from './merge-datasets.ts';

/** One data point: area (M49 code), year, value and its disaggregation. */
export interface IndicatorObservation {
  /** M49 code without leading zeros, e.g. `4`. */
  area: string;
  year: number;
  /** The number; null when the source says not applicable or not available (`N`, `NaN`). */
  value: number | null;
  /** The value as written when it is not a plain number: `N`, `NaN`, `<0.5`, `>95`. */
  valueLabel?: string;
  /** Disaggregation by SDG dimension id (`SEX`, `AGE`, `MIGRATORY_STATUS`, …) -> code; totals included as the file gives them. */
  dimensions: Record<string, string>;
  /** Observation attributes (`NATURE`, `SOURCE_DETAIL`, `COMMENT_OBS`, `TIME_DETAIL`, …) -> text. */
  attributes: Record<string, string>;
}

/** Observations of one series of one catalogue indicator in one unit. */
export interface IndicatorDataset {
  /** Catalogue id, e.g. `10.7.4`. */
  indicator: string;
  /** SDG Global Database series code, e.g. `SM_POP_REFG_OR`. */
  series: string;
  /** Unit code as the file gives it (`PERCENT`, `NUMBER`, `PER_100000_POP`), when it gives one. */
  unit?: string;
  seriesDescription?: string;
  observations: IndicatorObservation[];
}

/** A dimension or attribute cell with the id it is stored under. */
export interface ComponentCell {
  id: string;
  cell: Cell;
}

/** One observation's worth of cells; readers fill what their format has. */
export interface RawDatasetRecord {
  /** CSV row (header = row 1) or XML line. */
  row: number;
  indicator?: Cell;
  series?: Cell;
  seriesDescription?: Cell;
  unit?: Cell;
  area?: Cell;
  year?: Cell;
  value?: Cell;
  dimensions: ComponentCell[];
  attributes: ComponentCell[];
}

/** Years an import accepts by default: the SDG Global Database reaches back to 1990 baselines. */
export const DEFAULT_DATASET_YEARS = { min: 1990, max: 2100 } as const;

/** What the collector needs beyond the cells. */
export interface DatasetBuildOptions extends AreaOptions {
  /** Catalogue indicator for files without an Indicator column whose series the catalogue does not list. */
  indicator?: string;
  /** Series code for files without a series column. */
  series?: string;
  /** Unit for files without a unit column. */
  unit?: string;
  years: { min: number; max: number };
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** Censored values as the SDG database publishes them ("<0.5", ">95"): the bound is charted, the label kept. */
const BOUND = /^([<>]=?)\s*([+-]?(\d+(\.\d*)?|\.\d+))$/;
const NOT_AVAILABLE = new Set(['N', 'NAN', 'NA', 'N/A', '..']);
/** What a series code looks like: letters, digits, underscores (SDG codes), dots and hyphens (national codes). */
export const SERIES_CODE = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/** Parse an observation value: a number, a bound (`<0.5`), or a not-applicable/not-available code (`N`, `NaN`, `..`). */
export function parseObservationValue(text: string): { value: number | null; valueLabel?: string } | undefined {
  const trimmed = text.trim();
  if (NUMBER.test(trimmed)) return { value: Number(trimmed) };
  const bound = BOUND.exec(trimmed);
  if (bound) return { value: Number(bound[2]), valueLabel: trimmed };
  if (NOT_AVAILABLE.has(trimmed.toUpperCase())) return { value: null, valueLabel: trimmed };
  return undefined;
}

/** Dimension or attribute id from a column label: `[Migratory status]` -> `MIGRATORY_STATUS`, `SEX: Sex` -> `SEX`. */
export function componentId(label: string): string {
  const code = label.includes(': ') ? label.slice(0, label.indexOf(': ')) : label;
  return code
    .replace(/^\s*\[|\]\s*$/g, '')
    .trim()
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

/** Turns raw records into datasets grouped by indicator, series and unit, collecting every problem. */
export class DatasetCollector {
  readonly #problems: ProblemList;
  readonly #options: DatasetBuildOptions;
  readonly #datasets = new Map<string, IndicatorDataset>();
  readonly #seen = new Map<string, { row: number; value: number | null; valueLabel?: string }>();
  readonly #reported = new Set<string>();

  constructor(problems: ProblemList, options: DatasetBuildOptions) {
    this.#problems = problems;
    this.#options = options;
  }

  /** The datasets in order of first appearance. */
  get datasets(): IndicatorDataset[] {
    return [...this.#datasets.values()];
  }

  /** Validate one record; adds its observation or adds problems. */
  add(record: RawDatasetRecord): void {
    const before = this.#problems.size;
    const { row } = record;
    const problem = (cell: Cell | undefined, message: string) =>
      this.#problems.add({ row, ...(cell ? { column: cell.column, value: excerpt(cell.value) } : {}), message });

    const series = this.#series(record, problem);
    const indicator = series ? this.#indicator(record, series, problem) : undefined;
    const area = this.#area(record, problem);
    const year = this.#year(record, problem);
    const value = this.#value(
      record,
      problem,
      record.attributes
        .find((component) => component.id === 'OBS_STATUS')
        ?.cell.value.trim()
        .toUpperCase(),
    );
    const unit = text(record.unit)?.trim() ?? this.#options.unit;
    const dimensions = this.#components(record.dimensions, 'dimension', problem);
    const attributes = this.#components(record.attributes, 'attribute', problem);
    if (year?.timeDetail !== undefined && attributes.TIME_DETAIL === undefined)
      attributes.TIME_DETAIL = year.timeDetail;
    if (this.#problems.size > before || !series || !indicator || area === undefined || !year || !value) return;

    const datasetKey = `${indicator}|${series}|${unit ?? ''}`;
    const dimensionKey = formatDimensionKey(dimensions);
    const key = `${datasetKey}|${area}|${year.year}|${dimensionKey}`;
    const earlier = this.#seen.get(key);
    if (earlier) {
      // Identical repeats are harmless (files concatenated twice); different values cannot both be true.
      if (earlier.value !== value.value || earlier.valueLabel !== value.valueLabel) {
        const shown = (entry: { value: number | null; valueLabel?: string }) => entry.valueLabel ?? String(entry.value);
        problem(
          record.value,
          `duplicate of row ${earlier.row} (${series}, area ${area}, ${year.year}${dimensionKey ? `, ${dimensionKey}` : ''}) with a different value: ${shown(earlier)} there, ${shown(value)} here`,
        );
      }
      return;
    }
    this.#seen.set(key, { row, ...value });

    let dataset = this.#datasets.get(datasetKey);
    if (!dataset) {
      dataset = { indicator, series, ...(unit !== undefined ? { unit } : {}), observations: [] };
      this.#datasets.set(datasetKey, dataset);
    }
    const description = text(record.seriesDescription);
    if (dataset.seriesDescription === undefined && description !== undefined) dataset.seriesDescription = description;
    dataset.observations.push({
      area,
      year: year.year,
      ...value,
      dimensions: sortedRecord(dimensions),
      attributes: sortedRecord(attributes),
    });
  }

  #once(key: string, message: string): void {
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    this.#problems.add({ message });
  }

  #series(record: RawDatasetRecord, problem: (cell: Cell | undefined, message: string) => void): string | undefined {
    if (!record.series) {
      if (this.#options.series !== undefined) return this.#options.series.trim().toUpperCase();
      this.#once(
        'series',
        'the file has no series column (SeriesCode, SERIES or Series): give the series of the whole file as an option',
      );
      return undefined;
    }
    const code = record.series.value.trim();
    if (code === '') {
      problem(record.series, 'missing series code');
      return undefined;
    }
    if (!SERIES_CODE.test(code)) {
      problem(
        record.series,
        'not a series code (letters, digits and underscores, e.g. SM_POP_REFG_OR); a file that names its series in words can rename that column, which is then read as a dimension, and give the series code as an option',
      );
      return undefined;
    }
    return code.toUpperCase();
  }

  #indicator(
    record: RawDatasetRecord,
    series: string,
    problem: (cell: Cell | undefined, message: string) => void,
  ): string | undefined {
    const cell = record.indicator;
    if (cell && cell.value.trim() !== '') {
      const found = findIndicator(cell.value);
      if (!found)
        problem(cell, `indicator ${cell.value.trim()} is not in the catalogue of migration-related SDG indicators`);
      else if (this.#options.indicator !== undefined && found.id !== this.#options.indicator)
        problem(cell, `the file names indicator ${found.id}; the indicator option says ${this.#options.indicator}`);
      else {
        const listed = findIndicatorOfSeries(series);
        if (listed && listed.id !== found.id)
          problem(cell, `series ${series} belongs to indicator ${listed.id} in the catalogue, not ${found.id}`);
      }
      return found?.id;
    }
    if (this.#options.indicator !== undefined) return this.#options.indicator;
    const bySeries = findIndicatorOfSeries(series);
    if (bySeries) return bySeries.id;
    this.#once(
      `indicator|${series}`,
      `series ${series}: the file does not name its indicator and the catalogue lists no indicator for this series; give the indicator as an option`,
    );
    return undefined;
  }

  #area(record: RawDatasetRecord, problem: (cell: Cell | undefined, message: string) => void): string | undefined {
    const checked = checkAreaCell(record.area, this.#options);
    if (checked.ok) return checked.m49;
    if (!('missingColumn' in checked)) problem(checked.cell, checked.message);
    else
      this.#once(
        'area',
        'the file has no area column (GeoAreaCode, REF_AREA, GeoCode or Area): give the area of the whole file as an option (M49 code)',
      );
    return undefined;
  }

  #year(
    record: RawDatasetRecord,
    problem: (cell: Cell | undefined, message: string) => void,
  ): { year: number; timeDetail?: string } | undefined {
    const cell = record.year;
    const checked = checkYearCell(
      cell?.value,
      this.#options.years,
      'e.g. 2021 or a two-year round such as 2020-2021 (only annual data is read)',
    );
    if (!checked.ok) {
      problem(cell, checked.message);
      return undefined;
    }
    const { ok: _ok, ...parsed } = checked;
    return parsed;
  }

  #value(
    record: RawDatasetRecord,
    problem: (cell: Cell | undefined, message: string) => void,
    status: string | undefined,
  ): { value: number | null; valueLabel?: string } | undefined {
    const cell = record.value;
    if (!cell || cell.value.trim() === '') {
      // SDMX marks an expected but absent value with OBS_STATUS M (missing) or O (missing value, e.g. a
      // cell suppressed for too few observations) and no OBS_VALUE.
      if (status === 'M' || status === 'O') return { value: null };
      problem(cell, 'missing value');
      return undefined;
    }
    const parsed = parseObservationValue(cell.value);
    if (!parsed) {
      const hint = /^[+-]?\d+,\d+$/.test(cell.value.trim())
        ? ' (a decimal comma: write the decimal point, 12.5)'
        : encodingHint(cell.value);
      problem(cell, `not a number: expected e.g. 12.5, a bound such as <0.5, or N (not applicable)${hint}`);
    }
    return parsed;
  }

  #components(
    cells: readonly ComponentCell[],
    kind: 'dimension' | 'attribute',
    problem: (cell: Cell | undefined, message: string) => void,
  ): Record<string, string> {
    const result = Object.create(null) as Record<string, string>;
    for (const { id, cell } of cells) {
      const value = cell.value.trim();
      if (value === '') continue;
      // eslint-disable-next-line no-control-regex -- codes with control characters are the thing refused
      if (kind === 'dimension' && /[\u0000-\u001f]/.test(value)) {
        problem(cell, 'a dimension code cannot hold line breaks or control characters');
        continue;
      }
      result[id] = kind === 'dimension' ? value : cell.value;
    }
    return result;
  }
}

/** Free text of an optional cell: undefined when absent or empty. */
function text(cell: Cell | undefined): string | undefined {
  return cell === undefined || cell.value.trim() === '' ? undefined : cell.value;
}

/** A plain object with keys in order (stable JSON); `Object.fromEntries` defines keys such as `__proto__` as own data. */
function sortedRecord(record: Record<string, string>): Record<string, string> {
  const keys = Object.keys(record);
  // Readers hand components over in column order, usually already sorted: skip the sort then.
  if (keys.some((key, index) => index > 0 && (keys[index - 1] as string) > key)) keys.sort();
  return Object.fromEntries(keys.map((key) => [key, record[key] as string]));
}
