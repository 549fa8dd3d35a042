/**
 * Datasets written as CSV in the SDG API layout, so that the file reads back with the same reader and
 * opens in a spreadsheet without running anything: every text cell is neutralised against formulas.
 */
import { formatCsvRows, type CsvCell } from '../formats/csv-table.ts';
import { SDG_API_LEAD_COLUMNS } from '../formats/sdg-api-csv.ts';
import { findIndicator } from './catalogue.ts';
import type { IndicatorDataset } from './dataset.ts';
import { ATTRIBUTE_SPELLINGS } from './dataset-columns.ts';

/** Options of {@link formatIndicatorCsv}. */
export interface IndicatorCsvOptions {
  /** Name of an area for the GeoAreaName column (empty when undefined). */
  areaName?: (m49: string) => string | undefined;
}

/** Columns every file starts with; dimensions (`[SEX]`, …) and further attributes follow. */
export const INDICATOR_CSV_COLUMNS = [...SDG_API_LEAD_COLUMNS, '[Units]'] as const;

/**
 * Write datasets as one CSV in the SDG API layout: the fixed columns, one bracketed column per
 * dimension, then the attributes under their SDG API names.
 */
export function formatIndicatorCsv(datasets: readonly IndicatorDataset[], options: IndicatorCsvOptions = {}): string {
  const dimensionIds = new Set<string>();
  const attributeIds = new Set<string>();
  for (const dataset of datasets) {
    for (const observation of dataset.observations) {
      for (const id of Object.keys(observation.dimensions)) dimensionIds.add(id);
      for (const id of Object.keys(observation.attributes)) attributeIds.add(id);
    }
  }
  const dimensions = [...dimensionIds].sort();
  const attributes = [...attributeIds].sort();
  const spelling = (id: string): string =>
    id in ATTRIBUTE_SPELLINGS ? ATTRIBUTE_SPELLINGS[id as keyof typeof ATTRIBUTE_SPELLINGS].sdgApi : id;
  const header = [...INDICATOR_CSV_COLUMNS, ...dimensions.map((id) => `[${id}]`), ...attributes.map(spelling)];
  const rows: CsvCell[][] = [];
  for (const dataset of datasets) {
    const indicator = findIndicator(dataset.indicator);
    for (const observation of dataset.observations) {
      rows.push([
        indicator?.goal,
        indicator?.target,
        dataset.indicator,
        dataset.series,
        dataset.seriesDescription,
        observation.area,
        options.areaName?.(observation.area),
        observation.year,
        observation.valueLabel ?? (observation.value === null ? undefined : observation.value),
        dataset.unit,
        ...dimensions.map((id) => observation.dimensions[id]),
        ...attributes.map((id) => observation.attributes[id]),
      ]);
    }
  }
  return formatCsvRows(header, rows);
}
