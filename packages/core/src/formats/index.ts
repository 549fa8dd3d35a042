// Exchange formats: readers and writers of SDG 10.7.2 observations.
export { DEFAULT_MAX_DEPTH, DEFAULT_MAX_ROWS } from './input.ts';
export { neutraliseTextCell } from './csv-table.ts';
export type { LabelMapping } from './label-mapping.ts';
export { createLabelMapping, parseLabelMapping } from './label-mapping.ts';
export type { ObservationFormat, ReadObservationsOptions, ReadObservationsResult } from './read-observations.ts';
export { readObservations } from './read-observations.ts';
export { formatSdgCsv } from './sdg-api-csv.ts';
export { formatSdmxCsv } from './sdmx-csv.ts';
export { formatSdmxMl } from './sdmx-ml.ts';
export { formatJson } from './json.ts';
