/**
 * SDMX-CSV: version 1.0 (first column DATAFLOW) and 2.0 (STRUCTURE, STRUCTURE_ID, ACTION), read; 1.0 written.
 */
import type { Observation } from '../observations/observation.ts';
import type { ProblemList } from './input.ts';
import type { CsvTable } from './csv-table.ts';
import { formatCsvRows } from './csv-table.ts';
import { cellAt, codeCellAt, Columns, headerCode } from './columns.ts';
import type { Cell, ObservationBuilder } from './observation-builder.ts';
import type { SdmxWriteOptions } from './sdmx.ts';
import {
  dataflowReference,
  SDG_DIMENSIONS,
  SDG_OBSERVATION_ATTRIBUTES,
  SDG_SERIES_ATTRIBUTES,
  sdmxComponents,
  sdmxRecord,
} from './sdmx.ts';
import { excerpt } from './input.ts';
import { normaliseLabel } from './label-mapping.ts';
import type { SkipEntry } from './vocabulary.ts';
import { isPlaceholder, skippedValue } from './vocabulary.ts';

/** SDMX-CSV version of a header, if it is one. */
export function sdmxCsvVersion(header: readonly string[]): '1.0' | '2.0' | undefined {
  const first = header[0] === undefined ? '' : headerCode(header[0]);
  if (first === 'DATAFLOW') return '1.0';
  if (first === 'STRUCTURE' && header[1] !== undefined && headerCode(header[1]) === 'STRUCTURE_ID') return '2.0';
  return undefined;
}

/** Components whose values are free text (no "code: label" form). */
const TEXT_COMPONENTS = new Set(['TIME_DETAIL', 'SOURCE_DETAIL', 'COMMENT_OBS']);

/** Read an SDMX-CSV table (1.0 or 2.0) into the builder. */
export function readSdmxCsvTable(
  table: CsvTable,
  problems: ProblemList,
  builder: ObservationBuilder,
  skip?: (entry: SkipEntry) => void,
): void {
  const { header } = table;
  const columns = new Columns(header);
  const format = 'SDMX-CSV';
  const required = [
    columns.require(problems, format, 'SERIES'),
    columns.require(problems, format, 'REF_AREA'),
    columns.require(problems, format, 'TIME_PERIOD'),
    columns.require(problems, format, 'OBS_VALUE'),
  ];
  if (columns.find('COMPOSITE_BREAKDOWN', 'POLICY_DOMAINS') === undefined) {
    problems.add({
      row: 1,
      message: 'missing column COMPOSITE_BREAKDOWN (or POLICY_DOMAINS): the policy domain of each observation',
    });
    return;
  }
  if (required.includes(undefined)) return;
  const action = columns.find('ACTION');
  for (const { row, cells } of table.rows) {
    const actionCell = cellAt(header, cells, action);
    if (
      actionCell &&
      actionCell.value.trim() !== '' &&
      !['I', 'A', 'R', 'M'].includes(actionCell.value.trim().toUpperCase())
    ) {
      problems.add({
        row,
        column: actionCell.column,
        value: excerpt(actionCell.value),
        message: 'only additions and replacements are imported (ACTION I, A, R or M); deletions are not',
      });
      continue;
    }
    const get = (id: string): Cell | undefined => {
      const index = columns.find(id);
      return TEXT_COMPONENTS.has(id) ? cellAt(header, cells, index, 'text') : codeCellAt(header, cells, index);
    };
    // Observations not reported ("", "NaN", "..": OBS_STATUS M in SDMX) are skipped and reported, never read as values.
    const observed = get('OBS_VALUE');
    if (skip && observed && isPlaceholder(observed.value, normaliseLabel)) {
      skip(skippedValue(row, observed.column, observed.value.trim()));
      continue;
    }
    builder.add(
      sdmxRecord(row, get, (cell, message) =>
        problems.add({ row, column: cell.column, value: excerpt(cell.value), message }),
      ),
    );
  }
}

/** Columns written by {@link formatSdmxCsv}: DATAFLOW, the dimensions in key order, TIME_PERIOD, OBS_VALUE, attributes. */
export const SDMX_CSV_COLUMNS = [
  'DATAFLOW',
  ...SDG_DIMENSIONS,
  'TIME_PERIOD',
  'OBS_VALUE',
  ...SDG_SERIES_ATTRIBUTES,
  ...SDG_OBSERVATION_ATTRIBUTES,
] as const;

/** Write observations as SDMX-CSV 1.0 for the dataflow IAEG-SDGs:DF_SDG_GLH (numerator and denominator have no place there). */
export function formatSdmxCsv(observations: readonly Observation[], options: SdmxWriteOptions = {}): string {
  const dataflow = dataflowReference(options.dataflowVersion);
  const rows = observations.map((observation) => {
    const components = sdmxComponents(observation, options);
    return SDMX_CSV_COLUMNS.map((column) => (column === 'DATAFLOW' ? dataflow : components[column]));
  });
  return formatCsvRows(SDMX_CSV_COLUMNS, rows);
}
