/**
 * The SDG data structure as SDMX sees 10.7.2: dataflow, dimensions in key order, attributes, and the
 * mapping between SDMX components and observation fields shared by SDMX-CSV and SDMX-ML.
 */
import type { Observation } from '../observations/observation.ts';
import { SDMX_COMPOSITE_BREAKDOWN, SERIES } from '../observations/observation.ts';
import type { Cell, RawRecord } from './observation-builder.ts';

/** The SDG global dataflow. */
export const SDG_DATAFLOW = { agency: 'IAEG-SDGs', id: 'DF_SDG_GLH' } as const;

/** Series-key dimensions of the SDG data structure, in key order (TIME_PERIOD follows). */
export const SDG_DIMENSIONS = [
  'FREQ',
  'REPORTING_TYPE',
  'SERIES',
  'REF_AREA',
  'SEX',
  'AGE',
  'URBANISATION',
  'INCOME_WEALTH_QUANTILE',
  'EDUCATION_LEV',
  'OCCUPATION',
  'CUST_BREAKDOWN',
  'COMPOSITE_BREAKDOWN',
  'DISABILITY_STATUS',
  'ACTIVITY',
  'PRODUCT',
] as const;

/** The dimensions that name a 10.7.2 observation; the policy domain is its COMPOSITE_BREAKDOWN. */
const KEY_DIMENSIONS: readonly string[] = ['FREQ', 'REPORTING_TYPE', 'SERIES', 'REF_AREA', 'COMPOSITE_BREAKDOWN'];

/** Breakdowns that 10.7.2 never disaggregates: always `_T` (total). */
const TOTAL_ONLY_DIMENSIONS = SDG_DIMENSIONS.filter((dimension) => !KEY_DIMENSIONS.includes(dimension));

/** Series-level attribute written by migov. */
export const SDG_SERIES_ATTRIBUTES = ['UNIT_MEASURE'] as const;
/** Observation attributes written by migov; COMMENT_OBS carries the footnote, SOURCE_DETAIL the source. */
export const SDG_OBSERVATION_ATTRIBUTES = [
  'UNIT_MULT',
  'NATURE',
  'TIME_DETAIL',
  'SOURCE_DETAIL',
  'COMMENT_OBS',
] as const;

/** Options shared by the SDMX writers. */
export interface SdmxWriteOptions {
  /** REPORTING_TYPE: G (global database, the default) or N (national data). */
  reportingType?: 'G' | 'N';
  /** Version of the dataflow to reference (omitted when undefined). */
  dataflowVersion?: string;
}

/** Every component value of one observation, by SDMX id (dimensions, TIME_PERIOD, OBS_VALUE, attributes). */
export function sdmxComponents(
  observation: Observation,
  options: SdmxWriteOptions = {},
): Record<string, string | undefined> {
  const components: Record<string, string | undefined> = {
    FREQ: 'A',
    REPORTING_TYPE: options.reportingType ?? 'G',
    SERIES: observation.series,
    REF_AREA: observation.area,
    COMPOSITE_BREAKDOWN: SDMX_COMPOSITE_BREAKDOWN[observation.domain],
    TIME_PERIOD: String(observation.year),
    OBS_VALUE: String(observation.value),
    UNIT_MEASURE: SERIES[observation.series].unit,
    UNIT_MULT: '0',
    NATURE: observation.nature,
    TIME_DETAIL: observation.timeDetail,
    SOURCE_DETAIL: observation.source,
    COMMENT_OBS: observation.footnote,
  };
  for (const dimension of TOTAL_ONLY_DIMENSIONS) components[dimension] = '_T';
  return components;
}

/** Raw record from SDMX components looked up by id; adds the checks that only SDMX needs (frequency, breakdowns, unit multiplier). */
export function sdmxRecord(
  row: number,
  get: (id: string) => Cell | undefined,
  problem: (cell: Cell, message: string) => void,
): RawRecord {
  const freq = get('FREQ');
  if (freq && freq.value.trim() !== '' && freq.value.trim() !== 'A')
    problem(freq, 'FREQ must be A (annual) for SDG 10.7.2');
  for (const dimension of TOTAL_ONLY_DIMENSIONS) {
    const cell = get(dimension);
    if (cell && cell.value.trim() !== '' && cell.value.trim() !== '_T')
      problem(
        cell,
        `${dimension} must be _T: SDG 10.7.2 is not broken down by ${dimension.toLowerCase().replace(/_/g, ' ')}`,
      );
  }
  const unitMult = get('UNIT_MULT');
  if (unitMult && unitMult.value.trim() !== '' && unitMult.value.trim() !== '0')
    problem(unitMult, 'UNIT_MULT must be 0 (values are not scaled)');
  return {
    row,
    series: get('SERIES'),
    area: get('REF_AREA'),
    year: get('TIME_PERIOD'),
    domain: get('COMPOSITE_BREAKDOWN') ?? get('POLICY_DOMAINS'),
    value: get('OBS_VALUE'),
    timeDetail: get('TIME_DETAIL'),
    nature: get('NATURE'),
    source: get('SOURCE_DETAIL'),
    footnote: get('COMMENT_OBS'),
    units: get('UNIT_MEASURE'),
  };
}

/** The dataflow reference as SDMX-CSV writes it: `IAEG-SDGs:DF_SDG_GLH(1.0)`, version omitted when unknown. */
export function dataflowReference(version?: string): string {
  return `${SDG_DATAFLOW.agency}:${SDG_DATAFLOW.id}${version ? `(${version})` : ''}`;
}
