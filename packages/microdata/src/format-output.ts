/** Writers for a tabulation: plain CSV, SDMX-CSV style rows, and a JSON table for charts. */
import type { CellEstimate, Tabulation } from './estimate.ts';

function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? formatNumber(value) : value;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Numbers round-trip exactly (JavaScript's shortest representation). */
function formatNumber(value: number): string {
  return String(value);
}

function csv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return [header.join(','), ...rows.map((row) => row.map(csvField).join(','))].join('\n') + '\n';
}

function separateColumns(tabulation: Tabulation): string[] {
  return Object.keys(tabulation.cells[0]?.separate ?? {});
}

/** One row per cell: indicator, dimensions, estimate, standard error, bounds, unweighted n, status and note. */
export function formatCsv(tabulation: Tabulation): string {
  const separate = separateColumns(tabulation);
  const header = [
    'indicator',
    ...separate,
    'migratory_status',
    'sex',
    'age_group',
    'estimate',
    'standard_error',
    'lower',
    'upper',
    'n',
    'weighted_denominator',
    'status',
    'note',
  ];
  const rows = tabulation.cells.map((cell) => [
    cell.indicator,
    ...separate.map((column) => cell.separate[column]),
    cell.migratoryStatus,
    cell.sex,
    cell.ageGroup,
    cell.estimate,
    cell.standardError,
    cell.lower,
    cell.upper,
    cell.n,
    cell.weightedDenominator,
    cell.status,
    cell.note,
  ]);
  return csv(header, rows);
}

/** Options for {@link formatSdmxCsv}. */
export interface SdmxCsvOptions {
  /** e.g. `MIGOV:DF_MICRODATA(1.0)`. */
  dataflow?: string;
  /** Reference area code (M49 or ISO). */
  area?: string;
  /** Reference period, e.g. `2026`. */
  period?: string;
}

/**
 * SDMX-CSV (version 1 layout: DATAFLOW first, then dimensions, OBS_VALUE, attributes). Suppressed
 * and undefined cells keep their row with an empty OBS_VALUE, OBS_STATUS `O` (missing value) and the
 * reason in COMMENT_OBS.
 */
export function formatSdmxCsv(tabulation: Tabulation, options: SdmxCsvOptions = {}): string {
  const header = [
    'DATAFLOW',
    'SERIES',
    'REF_AREA',
    'TIME_PERIOD',
    'MIGRATORY_STATUS',
    'SEX',
    'AGE',
    'OBS_VALUE',
    'UNIT_MEASURE',
    'LOWER_BOUND',
    'UPPER_BOUND',
    'STANDARD_ERROR',
    'UNWEIGHTED_N',
    'OBS_STATUS',
    'COMMENT_OBS',
  ];
  const rows = tabulation.cells.map((cell: CellEstimate) => [
    options.dataflow ?? 'MIGOV:DF_MICRODATA(1.0)',
    cell.series,
    options.area ?? '',
    options.period ?? '',
    cell.migratoryStatus,
    cell.sex,
    cell.ageGroup,
    cell.estimate,
    cell.unit,
    cell.lower,
    cell.upper,
    cell.standardError,
    cell.n,
    cell.status === 'estimated' ? 'A' : 'O',
    cell.note,
  ]);
  return csv(header, rows);
}

/** A JSON table for charts: metadata, column descriptions and one object per cell. */
export interface ChartTable {
  indicator: { id: string; sdg: string; series: string; title: string; unit: string };
  migratoryStatusDefinition: string;
  variance: string;
  confidenceLevel: number;
  minN: number;
  columns: { key: string; label: string }[];
  rows: CellEstimate[];
}

/** The tabulation as a JSON-serializable table for charts. */
export function toChartTable(tabulation: Tabulation): ChartTable {
  const indicator = tabulation.indicator;
  return {
    indicator: {
      id: indicator.id,
      sdg: indicator.sdg,
      series: indicator.series,
      title: indicator.title,
      unit: indicator.unit,
    },
    migratoryStatusDefinition: tabulation.status,
    variance: tabulation.variance,
    confidenceLevel: tabulation.confidenceLevel,
    minN: tabulation.minN,
    columns: [
      { key: 'migratoryStatus', label: 'Migratory status' },
      { key: 'sex', label: 'Sex' },
      { key: 'ageGroup', label: 'Age group' },
      { key: 'estimate', label: indicator.unit === 'PT' ? 'Estimate (%)' : 'Index' },
      { key: 'standardError', label: 'Standard error' },
      { key: 'lower', label: `Lower ${Math.round(tabulation.confidenceLevel * 100)}% bound` },
      { key: 'upper', label: `Upper ${Math.round(tabulation.confidenceLevel * 100)}% bound` },
      { key: 'n', label: 'Unweighted n' },
      { key: 'status', label: 'Status' },
    ],
    rows: tabulation.cells,
  };
}
