/**
 * The official data snapshot: published UN SDG series as facts, one canonical CSV text per series and
 * a manifest naming the source and the retrieval date. Pure: texts in, values out. The snapshot is
 * built from the UN SDG Global Database in its DDF layout (Gapminder's mirror) or from the SDG API
 * CSV, and read back into 10.7.2 observations and indicator datasets.
 */
import {
  normalizeM49,
  POLICY_DOMAIN_CODES,
  type Observation,
  type PolicyDomainCode,
  type Problem,
  type SeriesCode,
} from '../observations/observation.ts';
import type { IndicatorDataset, IndicatorObservation } from '../indicators/dataset.ts';
import { parseObservationValue } from '../indicators/dataset.ts';
import { findIndicatorOfSeries } from '../indicators/catalogue.ts';

/** Format marker and version of the snapshot manifest. */
export const SNAPSHOT_FORMAT = 'migov-official-snapshot';
export const SNAPSHOT_FORMAT_VERSION = 1;

/** The series the snapshot holds: SDG 10.7.2 and the migration-related series of the UN SDG Global Database. */
export const SNAPSHOT_SERIES = [
  { series: 'SG_CPA_MIGRS', indicator: '10.7.2' },
  { series: 'SG_CPA_MIGRP', indicator: '10.7.2' },
  { series: 'SL_EMP_FTLINJUR', indicator: '8.8.1' },
  { series: 'SL_EMP_INJUR', indicator: '8.8.1' },
  { series: 'SL_LBR_NTLCPL', indicator: '8.8.2' },
  { series: 'SM_DTH_MIGR', indicator: '10.7.3' },
  { series: 'SM_POP_REFG_OR', indicator: '10.7.4' },
  { series: 'SI_RMT_COST', indicator: '10.c.1' },
  { series: 'BX_TRF_PWKR', indicator: '17.3.2' },
] as const;

/** One published value with its disaggregation, as text exactly as published. */
interface SnapshotRow {
  /** M49 code without leading zeros. */
  area: string;
  year: number;
  unit: string;
  /** SDG dimension id -> code (`POLICY_DOMAINS`, `SEX`, `MIGRATORY_STATUS`, `AGE`). */
  dimensions: Record<string, string>;
  /** `NATURE`, `OBS_STATUS` -> code. */
  attributes: Record<string, string>;
  /** The value as published (`3`, `62.31884`, `N`). */
  value: string;
}

/** One series of the snapshot. */
export interface SnapshotSeries {
  series: string;
  indicator: string;
  description?: string;
  rows: SnapshotRow[];
}

/** What the UN states about the coverage of a published aggregate (not derivable from the per-country file). */
export interface PublishedCoverage {
  series: 'SG_CPA_MIGRP';
  area: string;
  year: number;
  /** Governments that responded and were counted by the UN. */
  responding: number;
  /** Of them, the countries whose results are published per country (SG_CPA_MIGRS). */
  publishedPerCountry: number;
  source: string;
}

/** The manifest of a snapshot. */
export interface SnapshotManifest {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_FORMAT_VERSION;
  /** `official-YYYY-MM-DD` (the retrieval date). */
  id: string;
  /** e.g. `UN SDG Global Database`. */
  source: string;
  /** Where exactly it came from (service URL, mirror and commit). */
  sourceDetail: string;
  /** The day the data was retrieved (YYYY-MM-DD). */
  retrievedOn: string;
  series: { series: string; indicator: string; description?: string; file: string; rows: number; sha256: string }[];
  coverage: PublishedCoverage[];
}

/** The words shown with official values: "UN SDG Global Database, retrieved 2026-12-07". */
export function snapshotLabel(manifest: Pick<SnapshotManifest, 'source' | 'retrievedOn'>): string {
  return `${manifest.source}, retrieved ${manifest.retrievedOn}`;
}

/** Dimension columns of the DDF layout and the SDG dimension ids they stand for. */
const DDF_DIMENSIONS: Readonly<Record<string, string>> = {
  policy_domains: 'POLICY_DOMAINS',
  sex: 'SEX',
  migratory_status: 'MIGRATORY_STATUS',
  age: 'AGE',
};
const DDF_ATTRIBUTES: Readonly<Record<string, string>> = { nature: 'NATURE', observation_status: 'OBS_STATUS' };
/** DDF lower-case codes that differ from the SDG codes beyond case. */
const DDF_CODES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  SEX: { bothsex: '_T', female: 'F', male: 'M' },
  MIGRATORY_STATUS: { t: '_T' },
};

function ddfCode(dimension: string, code: string): string {
  return DDF_CODES[dimension]?.[code] ?? code.toUpperCase();
}

/** Split one line of a DDF file (codes and numbers only: no quoting). */
function cells(line: string): string[] {
  return line.split(',').map((cell) => cell.trim());
}

/**
 * Read one DDF datapoints file (`geo_area,…,year,<series>`) into a snapshot series, or every problem.
 * @example readDdfSeries({ name: 'ddf--datapoints--si_rmt_cost--by--geo_area--nature--units--year.csv', text })
 */
export function readDdfSeries(
  file: { name: string; text: string },
  expected?: { series: string; indicator: string },
): { series?: SnapshotSeries; problems: Problem[] } {
  const problems: Problem[] = [];
  const lines = file.text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = cells(lines[0] ?? '');
  const valueColumn = header.at(-1) ?? '';
  const seriesCode = valueColumn.toUpperCase();
  if (!header.includes('geo_area') || !header.includes('year') || !/^[a-z][a-z0-9_]+$/.test(valueColumn)) {
    return {
      problems: [
        {
          file: file.name,
          row: 1,
          value: lines[0] ?? '',
          message: 'not a DDF datapoints file: expected geo_area, year and the series column last',
        },
      ],
    };
  }
  if (expected && seriesCode !== expected.series)
    return {
      problems: [
        { file: file.name, row: 1, column: valueColumn, message: `holds ${seriesCode}, expected ${expected.series}` },
      ],
    };
  const indicator =
    expected?.indicator ??
    SNAPSHOT_SERIES.find((entry) => entry.series === seriesCode)?.indicator ??
    findIndicatorOfSeries(seriesCode)?.id;
  if (!indicator)
    return {
      problems: [
        {
          file: file.name,
          row: 1,
          column: valueColumn,
          message: `series ${seriesCode} is not in the indicator catalogue`,
        },
      ],
    };
  for (const column of header.slice(0, -1)) {
    if (
      column !== 'geo_area' &&
      column !== 'year' &&
      column !== 'units' &&
      !(column in DDF_DIMENSIONS) &&
      !(column in DDF_ATTRIBUTES)
    ) {
      problems.push({
        file: file.name,
        row: 1,
        column,
        message: 'unknown DDF column: a dimension migov does not know would be lost',
      });
    }
  }
  if (problems.length > 0) return { problems };
  const rows: SnapshotRow[] = [];
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '' || problems.length >= 100) return;
    const row = index + 2;
    const values = cells(line);
    if (values.length !== header.length) {
      problems.push({
        file: file.name,
        row,
        value: line,
        message: `${values.length} cells, the header has ${header.length}`,
      });
      return;
    }
    const entry: SnapshotRow = {
      area: '',
      year: 0,
      unit: '',
      dimensions: {},
      attributes: {},
      value: values.at(-1) ?? '',
    };
    header.slice(0, -1).forEach((column, position) => {
      const cell = values[position] ?? '';
      if (column === 'geo_area') entry.area = normalizeM49(cell) ?? '';
      else if (column === 'year') entry.year = /^\d{4}$/.test(cell) ? Number(cell) : 0;
      else if (column === 'units') entry.unit = cell.toUpperCase();
      else if (column in DDF_DIMENSIONS) {
        const id = DDF_DIMENSIONS[column] ?? column;
        entry.dimensions[id] = ddfCode(id, cell);
      } else entry.attributes[DDF_ATTRIBUTES[column] ?? column] = cell.toUpperCase();
    });
    if (entry.area === '')
      problems.push({
        file: file.name,
        row,
        column: 'geo_area',
        value: values[header.indexOf('geo_area')],
        message: 'not an M49 code',
      });
    if (entry.year === 0)
      problems.push({
        file: file.name,
        row,
        column: 'year',
        value: values[header.indexOf('year')],
        message: 'not a year',
      });
    if (parseObservationValue(entry.value) === undefined)
      problems.push({ file: file.name, row, column: valueColumn, value: entry.value, message: 'not a number or N' });
    rows.push(entry);
  });
  if (problems.length > 0) return { problems };
  return { series: { series: seriesCode, indicator, rows: sortRows(rows) }, problems };
}

function rowKey(row: SnapshotRow): string {
  return Object.keys(row.dimensions)
    .sort()
    .map((id) => `${id}=${row.dimensions[id]}`)
    .join('|');
}

function sortRows(rows: SnapshotRow[]): SnapshotRow[] {
  return [...rows].sort(
    (left, right) =>
      Number(left.area) - Number(right.area) ||
      left.year - right.year ||
      (rowKey(left) < rowKey(right) ? -1 : rowKey(left) > rowKey(right) ? 1 : 0),
  );
}

/** The columns of a series in the canonical text: area, year, unit, value, then `d:` dimensions and `a:` attributes in code order. */
function columnsOf(rows: readonly SnapshotRow[]): { dimensions: string[]; attributes: string[] } {
  const dimensions = new Set<string>();
  const attributes = new Set<string>();
  for (const row of rows) {
    for (const id of Object.keys(row.dimensions)) dimensions.add(id);
    for (const id of Object.keys(row.attributes)) attributes.add(id);
  }
  return { dimensions: [...dimensions].sort(), attributes: [...attributes].sort() };
}

/** The canonical text of a series (LF line ends, rows in area, year, dimension order): the same series always gives the same bytes. */
export function formatSnapshotSeries(series: SnapshotSeries): string {
  const { dimensions, attributes } = columnsOf(series.rows);
  const header = [
    'area',
    'year',
    'unit',
    'value',
    ...dimensions.map((id) => `d:${id}`),
    ...attributes.map((id) => `a:${id}`),
  ];
  const lines = sortRows(series.rows).map((row) =>
    [
      row.area,
      String(row.year),
      row.unit,
      row.value,
      ...dimensions.map((id) => row.dimensions[id] ?? ''),
      ...attributes.map((id) => row.attributes[id] ?? ''),
    ].join(','),
  );
  return `${header.join(',')}\n${lines.join('\n')}\n`;
}

/** Read the canonical text of a series back (the inverse of {@link formatSnapshotSeries}). */
export function parseSnapshotSeries(
  entry: { series: string; indicator: string; description?: string; file: string },
  text: string,
): { series?: SnapshotSeries; problems: Problem[] } {
  const lines = text.split('\n').filter((line) => line !== '');
  const header = (lines[0] ?? '').split(',');
  if (header.slice(0, 4).join(',') !== 'area,year,unit,value')
    return {
      problems: [{ file: entry.file, row: 1, message: 'not a snapshot series: expected area,year,unit,value first' }],
    };
  const problems: Problem[] = [];
  const rows = lines.slice(1).map((line, index) => {
    const values = line.split(',');
    if (values.length !== header.length)
      problems.push({
        file: entry.file,
        row: index + 2,
        message: `${values.length} cells, the header has ${header.length}`,
      });
    const row: SnapshotRow = {
      area: values[0] ?? '',
      year: Number(values[1]),
      unit: values[2] ?? '',
      value: values[3] ?? '',
      dimensions: {},
      attributes: {},
    };
    header.slice(4).forEach((column, position) => {
      const value = values[position + 4] ?? '';
      if (value === '') return;
      if (column.startsWith('d:')) row.dimensions[column.slice(2)] = value;
      else if (column.startsWith('a:')) row.attributes[column.slice(2)] = value;
    });
    return row;
  });
  if (problems.length > 0) return { problems };
  return {
    series: {
      series: entry.series,
      indicator: entry.indicator,
      ...(entry.description ? { description: entry.description } : {}),
      rows,
    },
    problems,
  };
}

const isDomain = (code: string | undefined): code is PolicyDomainCode =>
  (POLICY_DOMAIN_CODES as readonly string[]).includes(code ?? '');

/** The 10.7.2 observations of a snapshot series (SG_CPA_MIGRS or SG_CPA_MIGRP); none for other series. */
export function snapshotObservations(series: SnapshotSeries, source: string): Observation[] {
  if (series.series !== 'SG_CPA_MIGRS' && series.series !== 'SG_CPA_MIGRP') return [];
  const code: SeriesCode = series.series;
  return series.rows.flatMap((row) => {
    const domain = row.dimensions.POLICY_DOMAINS;
    if (!isDomain(domain)) return [];
    const observation: Observation = {
      series: code,
      area: row.area,
      year: row.year,
      domain,
      value: row.value === 'N' ? 'N' : Number(row.value),
      source,
    };
    if (row.attributes.NATURE) observation.nature = row.attributes.NATURE;
    return [observation];
  });
}

/** A migration-related snapshot series as an indicator dataset (one per unit). */
export function snapshotDatasets(series: SnapshotSeries, source: string): IndicatorDataset[] {
  const byUnit = new Map<string, IndicatorObservation[]>();
  for (const row of series.rows) {
    const parsed = parseObservationValue(row.value);
    if (!parsed) continue;
    const observation: IndicatorObservation = {
      area: row.area,
      year: row.year,
      value: parsed.value,
      ...(parsed.valueLabel !== undefined ? { valueLabel: parsed.valueLabel } : {}),
      dimensions: { ...row.dimensions },
      attributes: { ...row.attributes, SOURCE_DETAIL: source },
    };
    const list = byUnit.get(row.unit) ?? [];
    list.push(observation);
    byUnit.set(row.unit, list);
  }
  return [...byUnit].map(([unit, observations]) => ({
    indicator: series.indicator,
    series: series.series,
    ...(unit ? { unit } : {}),
    ...(series.description ? { seriesDescription: series.description } : {}),
    observations,
  }));
}

/** Turn indicator datasets read from the SDG API CSV back into a snapshot series (fetch from the live service). */
export function snapshotSeriesOfDatasets(
  series: string,
  indicator: string,
  datasets: readonly IndicatorDataset[],
): SnapshotSeries {
  const rows = datasets
    .filter((dataset) => dataset.series === series)
    .flatMap((dataset) =>
      dataset.observations.map((observation) => {
        const attributes: Record<string, string> = {};
        for (const id of ['NATURE', 'OBS_STATUS'] as const)
          if (observation.attributes[id]) attributes[id] = observation.attributes[id].toUpperCase();
        return {
          area: observation.area,
          year: observation.year,
          unit: dataset.unit ?? '',
          dimensions: { ...observation.dimensions },
          attributes,
          value: observation.valueLabel ?? String(observation.value),
        };
      }),
    );
  return { series, indicator, rows: sortRows(rows) };
}

/** Turn 10.7.2 observations (from the SDG API CSV) into a snapshot series. */
export function snapshotSeriesOfObservations(series: SeriesCode, observations: readonly Observation[]): SnapshotSeries {
  const rows = observations
    .filter((observation) => observation.series === series)
    .map((observation): SnapshotRow => ({
      area: observation.area,
      year: observation.year,
      unit: series === 'SG_CPA_MIGRS' ? 'NUMBER' : 'PERCENT',
      dimensions: { POLICY_DOMAINS: observation.domain },
      attributes: observation.nature ? { NATURE: observation.nature.toUpperCase() } : ({} as Record<string, string>),
      value: observation.value === 'N' ? 'N' : String(observation.value),
    }));
  return { series, indicator: '10.7.2', rows: sortRows(rows) };
}
