// Migration-related SDG indicators: the catalogue and datasets of any of their series.
export type {
  FactStatus,
  IndicatorDefinition,
  IndicatorSeries,
  IndicatorTier,
  SourcedDefinition,
  TitleVersion,
  IndicatorId,
} from './catalogue.ts';
export {
  IndicatorNotFoundError,
  INDICATOR_CATALOGUE,
  SDG_MIGRATION_INDICATORS,
  currentTitle,
  findIndicator,
  findIndicatorOfSeries,
  getIndicator,
  listIndicators,
  normaliseIndicatorId,
  titleAt,
} from './catalogue.ts';
export type { IndicatorDataset, IndicatorObservation } from './dataset.ts';
export { DEFAULT_DATASET_YEARS, componentId, parseObservationValue } from './dataset.ts';
export type { DatasetFormat } from './dataset-columns.ts';
export { ATTRIBUTE_SPELLINGS, DATASET_FORMATS } from './dataset-columns.ts';
export type { ReadIndicatorDatasetsOptions, ReadIndicatorDatasetsResult } from './read-indicator-datasets.ts';
export { readIndicatorDatasets } from './read-indicator-datasets.ts';
export type { IndicatorCsvOptions } from './format-indicator-csv.ts';
export { INDICATOR_CSV_COLUMNS, formatIndicatorCsv } from './format-indicator-csv.ts';
export type { ChartLine, ChartPoint, ChartSeries, ChartSeriesOptions } from './chart-series.ts';
export { chartSeries, summariseDataset } from './chart-series.ts';
export type { DatasetConflict, MergeDatasetsResult } from './merge-datasets.ts';
export { datasetKey, formatDimensionKey, mergeDatasets, observationKey } from './merge-datasets.ts';
export { POLICY_DOMAINS_DIMENSION, indicatorDatasetsOfObservations } from './observations-dataset.ts';
export {
  chartSeriesOptionsSchema,
  chartSeriesSchema,
  indicatorDatasetSchema,
  indicatorDefinitionSchema,
} from './indicators.schema.ts';
