// Exchange formats: readers and writers of SDG 10.7.2 observations.
export type { InputFile, InputLimitExceeded, InputLimits } from './input.ts';
export {
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_MAX_LINE_BYTES,
  DEFAULT_MAX_PROBLEMS,
  DEFAULT_MAX_ROWS,
  DEFAULT_MAX_XML_ATTRIBUTES,
  DEFAULT_MAX_XML_ELEMENTS,
} from './input.ts';
export { neutraliseTextCell, restoreTextCell } from './csv-table.ts';
export type { ColumnRole, LabelMapping, LabelTarget, ParsedLabelMapping, DomainResolution } from './label-mapping.ts';
export {
  COLUMN_ROLES,
  DEFAULT_LABELS,
  DEFAULT_LABEL_MAPPING,
  createLabelMapping,
  normaliseLabel,
  parseLabelMapping,
  parsePolicyDomainCode,
  resolveColumnRole,
  resolvePolicyDomain,
  resolveSeries,
} from './label-mapping.ts';
export { DEFAULT_YEAR_RANGE, parseYearLabel } from './observation-builder.ts';
export type { ObservationFormat, ReadObservationsOptions, ReadObservationsResult } from './read-observations.ts';
export { OBSERVATION_FORMATS, readObservations } from './read-observations.ts';
export type { SdgCsvOptions } from './sdg-api-csv.ts';
export { SDG_CSV_COLUMNS, formatSdgCsv } from './sdg-api-csv.ts';
export { formatDdfCsv } from './ddf-csv.ts';
export type { SdmxWriteOptions } from './sdmx.ts';
export { SDG_DATAFLOW, SDG_DIMENSIONS } from './sdmx.ts';
export { SDMX_CSV_COLUMNS, formatSdmxCsv } from './sdmx-csv.ts';
export type { SdmxMlOptions } from './sdmx-ml.ts';
export { formatSdmxMl } from './sdmx-ml.ts';
export { JSON_FORMAT_ID, JSON_FORMAT_VERSION, formatJson } from './json.ts';
