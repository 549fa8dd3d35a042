/**
 * What each column of a delimited dataset file holds, per format: the structural columns (series,
 * area, year, value, unit), the disaggregation dimensions and the attributes.
 */
import { SDG_DIMENSIONS } from '../formats/sdmx.ts';
import { componentId } from './dataset.ts';

/** Formats read by readIndicatorDatasets. */
export const DATASET_FORMATS = [
  'sdg-api-csv',
  'sdmx-csv-1.0',
  'sdmx-csv-2.0',
  'sdmx-ml-structure-specific',
  'sdmx-ml-generic',
  'plain-csv',
] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

/** Delimited formats, whose columns are classified here. */
export type DelimitedDatasetFormat = 'sdg-api-csv' | 'sdmx-csv' | 'plain-csv';

type ColumnRole =
  | 'indicator'
  | 'series'
  | 'seriesDescription'
  | 'unit'
  | 'area'
  | 'year'
  | 'value'
  | 'freq'
  | 'action'
  | 'dimension'
  | 'attribute'
  | 'ignored';

export interface ClassifiedColumn {
  index: number;
  label: string;
  role: ColumnRole;
  /** Dimension or attribute id. */
  id: string;
}

/**
 * Attribute ids as SDMX names them, from every spelling seen in SDG API CSV and national files; the
 * SDG API spelling is what the CSV writer uses.
 */
export const ATTRIBUTE_SPELLINGS = {
  TIME_DETAIL: { sdgApi: 'Time_Detail', aliases: ['TIME_DETAIL', 'TIMEDETAIL'] },
  SOURCE_DETAIL: { sdgApi: 'Source', aliases: ['SOURCE', 'SOURCE_DETAIL'] },
  COMMENT_OBS: { sdgApi: 'FootNote', aliases: ['FOOTNOTE', 'COMMENT_OBS', 'COMMENT', 'NOTE', 'NOTES'] },
  NATURE: { sdgApi: '[Nature]', aliases: ['NATURE'] },
  OBS_STATUS: { sdgApi: '[Observation Status]', aliases: ['OBSERVATION_STATUS', 'OBS_STATUS'] },
  UNIT_MULT: { sdgApi: '[UnitMultiplier]', aliases: ['UNITMULTIPLIER', 'UNIT_MULTIPLIER', 'UNIT_MULT'] },
  UPPER_BOUND: { sdgApi: 'UpperBound', aliases: ['UPPERBOUND', 'UPPER_BOUND'] },
  LOWER_BOUND: { sdgApi: 'LowerBound', aliases: ['LOWERBOUND', 'LOWER_BOUND'] },
  BASE_PER: { sdgApi: 'BasePeriod', aliases: ['BASEPERIOD', 'BASE_PERIOD', 'BASE_PER'] },
  TIME_COVERAGE: { sdgApi: 'TimeCoverage', aliases: ['TIMECOVERAGE', 'TIME_COVERAGE'] },
  GEO_INFO_URL: { sdgApi: 'GeoInfoUrl', aliases: ['GEOINFOURL', 'GEO_INFO_URL'] },
} as const;

const ATTRIBUTE_BY_ALIAS = new Map<string, string>(
  Object.entries(ATTRIBUTE_SPELLINGS).flatMap(([id, spelling]) =>
    spelling.aliases.map((alias) => [alias, id] as const),
  ),
);

/** Attributes whose values are codes (an SDMX-CSV "C: Country data" cell is cut to its code). */
export const CODED_ATTRIBUTES = new Set(['NATURE', 'OBS_STATUS', 'UNIT_MULT', 'UNIT_MEASURE']);

/** Structural columns by format, keyed by component id (brackets, case and spacing ignored). */
const STRUCTURE: Record<DelimitedDatasetFormat, Readonly<Record<string, ColumnRole>>> = {
  'sdg-api-csv': {
    INDICATOR: 'indicator',
    SERIESCODE: 'series',
    SERIESDESCRIPTION: 'seriesDescription',
    GEOAREACODE: 'area',
    TIMEPERIOD: 'year',
    VALUE: 'value',
    UNITS: 'unit',
    GOAL: 'ignored',
    TARGET: 'ignored',
    GEOAREANAME: 'ignored',
  },
  'sdmx-csv': {
    DATAFLOW: 'ignored',
    STRUCTURE: 'ignored',
    STRUCTURE_ID: 'ignored',
    STRUCTURE_NAME: 'ignored',
    ACTION: 'action',
    FREQ: 'freq',
    SERIES: 'series',
    REF_AREA: 'area',
    TIME_PERIOD: 'year',
    OBS_VALUE: 'value',
    UNIT_MEASURE: 'unit',
  },
  'plain-csv': {
    INDICATOR: 'indicator',
    SERIESCODE: 'series',
    SERIES_CODE: 'series',
    SERIES: 'series',
    SERIESDESCRIPTION: 'seriesDescription',
    SERIES_DESCRIPTION: 'seriesDescription',
    GEOAREACODE: 'area',
    GEOCODE: 'area',
    GEO_AREA: 'area',
    REF_AREA: 'area',
    AREA: 'area',
    AREA_CODE: 'area',
    M49: 'area',
    YEAR: 'year',
    TIMEPERIOD: 'year',
    TIME_PERIOD: 'year',
    VALUE: 'value',
    OBS_VALUE: 'value',
    UNITS: 'unit',
    UNIT: 'unit',
    UNIT_MEASURE: 'unit',
    GOAL: 'ignored',
    TARGET: 'ignored',
    GEOAREANAME: 'ignored',
    AREA_NAME: 'ignored',
    COUNTRY_NAME: 'ignored',
  },
};

/**
 * Attributes of the SDG data structure (and the usual SDMX ones). Without the data structure
 * definition at hand, any other SDMX component is taken as a dimension: a column wrongly taken as a
 * dimension splits lines in a chart, while one wrongly taken as an attribute would merge distinct
 * observations into false duplicates.
 */
const SDMX_ATTRIBUTES = new Set<string>([
  ...Object.keys(ATTRIBUTE_SPELLINGS),
  'UNIT_MEASURE',
  'GEO_INFO_TYPE',
  'CUST_BREAKDOWN_LB',
  'COMMENT_TS',
  'COMMENT_DSET',
  'DATA_LAST_UPDATE',
  'OBS_CONF',
  'DECIMALS',
  // migov's microdata tabulations (MIGOV:DF_MICRODATA): the design-based standard error and the unweighted count
  'STANDARD_ERROR',
  'UNWEIGHTED_N',
]);

/** Column ids a caller declares, beyond what migov knows. */
export interface ComponentDeclarations {
  dimensions?: readonly string[];
  attributes?: readonly string[];
}

/** Whether an SDMX component is a dimension (the SDG data structure's, a declared one, or any component not known as an attribute). */
export function isSdmxDimension(id: string, declared: ComponentDeclarations = {}): boolean {
  if (declared.dimensions?.some((name) => componentId(name) === id)) return true;
  if (declared.attributes?.some((name) => componentId(name) === id)) return false;
  return (SDG_DIMENSIONS as readonly string[]).includes(id) || !SDMX_ATTRIBUTES.has(id);
}

/**
 * Classify every column of a header. SDG API CSV: bracketed columns are dimensions, other unknown
 * columns attributes. SDMX-CSV: see {@link isSdmxDimension}. Plain CSV: unknown columns are
 * dimensions. Declared dimensions and attributes win over these rules.
 */
export function classifyColumns(
  header: readonly string[],
  format: DelimitedDatasetFormat,
  declared: ComponentDeclarations = {},
): ClassifiedColumn[] {
  const structure = STRUCTURE[format];
  const declaredDimensions = new Set((declared.dimensions ?? []).map(componentId));
  const declaredAttributes = new Set((declared.attributes ?? []).map(componentId));
  return header.map((label, index) => {
    const id = componentId(label);
    const structural = structure[id];
    if (structural) return { index, label, role: structural, id };
    const attribute = ATTRIBUTE_BY_ALIAS.get(id);
    if (declaredDimensions.has(id)) return { index, label, role: 'dimension', id };
    if (declaredAttributes.has(id)) return { index, label, role: 'attribute', id: attribute ?? id };
    if (attribute) return { index, label, role: 'attribute', id: attribute };
    if (format === 'sdmx-csv') return { index, label, role: isSdmxDimension(id) ? 'dimension' : 'attribute', id };
    if (format === 'sdg-api-csv')
      return { index, label, role: /^\s*\[.*\]\s*$/.test(label) ? 'dimension' : 'attribute', id };
    return { index, label, role: 'dimension', id };
  });
}

/** Whether a header has what a plain CSV needs: a year column and a value column. */
export function isPlainCsvHeader(header: readonly string[]): boolean {
  const roles = new Set(classifyColumns(header, 'plain-csv').map((column) => column.role));
  return roles.has('year') && roles.has('value');
}
