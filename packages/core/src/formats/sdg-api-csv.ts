/**
 * The UN SDG Global Database API CSV (Goal, Target, …, Value, bracketed dimension columns), read and written.
 */
import type { Observation } from '../observations/observation.ts';
import { SERIES } from '../observations/observation.ts';
import type { ProblemList } from './input.ts';
import type { CsvTable } from './csv-table.ts';
import { formatCsvRows } from './csv-table.ts';
import { cellAt, Columns } from './columns.ts';
import type { ObservationBuilder } from './observation-builder.ts';
import { normaliseLabel } from './label-mapping.ts';
import type { SkipEntry } from './vocabulary.ts';
import { isPlaceholder, skippedValue } from './vocabulary.ts';

/** The columns every SDG API CSV starts with, for 10.7.2 and for any other indicator's series. */
export const SDG_API_LEAD_COLUMNS = [
  'Goal',
  'Target',
  'Indicator',
  'SeriesCode',
  'SeriesDescription',
  'GeoAreaCode',
  'GeoAreaName',
  'TimePeriod',
  'Value',
] as const;

/** Columns written by {@link formatSdgCsv}: the SDG API's, then migov's Numerator and Denominator for SG_CPA_MIGRP. */
export const SDG_CSV_COLUMNS = [
  ...SDG_API_LEAD_COLUMNS,
  'Time_Detail',
  'Source',
  'FootNote',
  '[Nature]',
  '[Policy Domains]',
  '[Reporting Type]',
  '[Units]',
  'Numerator',
  'Denominator',
] as const;

/** Whether a header is the SDG API CSV's. */
export function isSdgApiCsvHeader(header: readonly string[]): boolean {
  const columns = new Columns(header);
  return (
    columns.find('SeriesCode') !== undefined &&
    columns.find('GeoAreaCode') !== undefined &&
    columns.find('TimePeriod') !== undefined
  );
}

/** Read the rows of an SDG API CSV table into the builder. */
export function readSdgApiCsvTable(
  table: CsvTable,
  problems: ProblemList,
  builder: ObservationBuilder,
  skip?: (entry: SkipEntry) => void,
): void {
  const { header } = table;
  const columns = new Columns(header);
  const format = 'the SDG API CSV';
  const series = columns.require(problems, format, 'SeriesCode');
  const area = columns.require(problems, format, 'GeoAreaCode');
  const year = columns.require(problems, format, 'TimePeriod');
  const value = columns.require(problems, format, 'Value');
  const domain = columns.require(problems, format, '[Policy Domains]', 'Policy Domains', 'POLICY_DOMAINS');
  if ([series, area, year, value, domain].includes(undefined)) return;
  const timeDetail = columns.find('Time_Detail', 'TimeDetail');
  const source = columns.find('Source');
  const footnote = columns.find('FootNote', 'Footnote');
  const nature = columns.find('[Nature]', 'Nature');
  const units = columns.find('[Units]', 'Units');
  const numerator = columns.find('Numerator');
  const denominator = columns.find('Denominator');
  for (const { row, cells } of table.rows) {
    // Rows of series not yet reported ("", "NaN", "..") are skipped and reported, never read as values.
    const valueCell = cellAt(header, cells, value);
    if (skip && valueCell && isPlaceholder(valueCell.value, normaliseLabel)) {
      skip(skippedValue(row, valueCell.column, valueCell.value.trim()));
      continue;
    }
    builder.add({
      row,
      series: cellAt(header, cells, series),
      area: cellAt(header, cells, area),
      year: cellAt(header, cells, year),
      domain: cellAt(header, cells, domain),
      value: cellAt(header, cells, value),
      timeDetail: cellAt(header, cells, timeDetail, 'text'),
      source: cellAt(header, cells, source, 'text'),
      footnote: cellAt(header, cells, footnote, 'text'),
      nature: cellAt(header, cells, nature),
      units: cellAt(header, cells, units),
      numerator: cellAt(header, cells, numerator),
      denominator: cellAt(header, cells, denominator),
    });
  }
}

/** Options of {@link formatSdgCsv}. */
export interface SdgCsvOptions {
  /** Name of an area for the GeoAreaName column (empty when undefined). */
  areaName?: (m49: string) => string | undefined;
  /** `[Reporting Type]`: G (global database, the default) or N (national data). */
  reportingType?: 'G' | 'N';
}

/** Write observations as an SDG API CSV with the columns {@link SDG_CSV_COLUMNS}. */
export function formatSdgCsv(observations: readonly Observation[], options: SdgCsvOptions = {}): string {
  const rows = observations.map((observation) => {
    const series = SERIES[observation.series];
    return [
      series.goal,
      series.target,
      series.indicator,
      observation.series,
      series.description,
      observation.area,
      options.areaName?.(observation.area),
      observation.year,
      observation.value,
      observation.timeDetail,
      observation.source,
      observation.footnote,
      observation.nature,
      observation.domain,
      options.reportingType ?? 'G',
      series.unit,
      observation.numerator,
      observation.denominator,
    ];
  });
  return formatCsvRows(SDG_CSV_COLUMNS, rows);
}
