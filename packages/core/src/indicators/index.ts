// Migration-related SDG indicators: the catalogue and datasets of any of their series.
export type { IndicatorDefinition, TitleVersion } from './catalogue.ts';
export {
  IndicatorNotFoundError,
  SDG_MIGRATION_INDICATORS,
  currentTitle,
  findIndicator,
  getIndicator,
  listIndicators,
  titleAt,
} from './catalogue.ts';
export type { IndicatorDataset, IndicatorObservation } from './dataset.ts';
export { readIndicatorDatasets } from './read-indicator-datasets.ts';
export { formatIndicatorCsv } from './format-indicator-csv.ts';
export type { ChartLine, ChartSeries, ChartSeriesOptions } from './chart-series.ts';
export { chartSeries, summariseDataset } from './chart-series.ts';
export type { DatasetConflict } from './merge-datasets.ts';
export { formatDimensionKey, mergeDatasets } from './merge-datasets.ts';
export { indicatorDatasetsOfObservations } from './observations-dataset.ts';
export { chartSeriesOptionsSchema } from './indicators.schema.ts';
