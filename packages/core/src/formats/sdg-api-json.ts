/**
 * The UN SDG API's JSON answers, as saved from `/v1/sdg/Series/Data` or `/v1/sdg/Indicator/Data`:
 * `{ size, totalElements, totalPages, pageNumber, attributes, dimensions, data: [ { series, geoAreaCode,
 * timePeriodStart, value, time_detail, source, footnotes, attributes: { Nature, Units },
 * dimensions: { "Policy Domains", "Reporting Type" } } ] }`, or the `data` array alone.
 */
import type { ProblemList } from './input.ts';
import type { Json } from './json-table.ts';
import { isObject } from './json-table.ts';
import { excerpt } from './input.ts';
import type { Cell, ObservationBuilder } from './observation-builder.ts';
import { normaliseLabel } from './label-mapping.ts';
import type { SkipEntry } from './vocabulary.ts';
import { isPlaceholder, skippedValue } from './vocabulary.ts';

/** Whether a parsed JSON document is an SDG API data answer (or its data array). */
export function isSdgApiJson(document: unknown): boolean {
  const records = Array.isArray(document) ? document : isObject(document) ? document.data : undefined;
  if (!Array.isArray(records)) return false;
  const first: unknown = records[0];
  return records.length === 0
    ? isObject(document) && 'totalElements' in document
    : isObject(first) && ('geoAreaCode' in first || 'timePeriodStart' in first);
}

/** Dimensions of the SDG API that 10.7.2 carries; any other breakdown would be data 10.7.2 does not have. */
const KNOWN_DIMENSIONS = new Set(['policy domains', 'reporting type', 'nature', 'units']);
/** Values an unknown dimension may hold without breaking anything down (totals). */
const TOTALS = new Set(['_T', 'ALL', 'ALLAGE', 'BOTHSEX', 'ALLAREA', 'ALLDOMAINS']);

/** Options of the SDG API JSON reader. */
export interface SdgApiJsonOptions {
  skip: (entry: SkipEntry) => void;
  note: (entry: { row?: number; column?: string; value?: string; message: string }) => void;
}

/** Read an SDG API answer into the builder; rows are 1-based positions in `data`, columns are field names. */
export function readSdgApiJson(
  document: unknown,
  problems: ProblemList,
  builder: ObservationBuilder,
  options: SdgApiJsonOptions,
): void {
  const records = (Array.isArray(document) ? document : isObject(document) ? document.data : []) as unknown[];
  if (isObject(document)) {
    const total = document.totalElements;
    if (typeof total === 'number' && total > records.length) {
      const page = typeof document.pageNumber === 'number' ? `page ${document.pageNumber}` : 'one page';
      const pages = typeof document.totalPages === 'number' ? ` of ${document.totalPages}` : '';
      options.note({
        column: 'totalElements',
        value: String(total),
        message: `this answer is ${page}${pages}: it holds ${records.length} of ${total} records; ask the API for all of them (pageSize=${total}) to import the whole series`,
      });
    }
  }
  records.forEach((item, index) => {
    const row = index + 1;
    if (!isObject(item)) {
      problems.add({ row, message: `record ${row} of "data" is not an object` });
      return;
    }
    const cell = (column: string, value: unknown): Cell | undefined => {
      if (value === undefined || value === null) return undefined;
      if (typeof value === 'string' || typeof value === 'number') return { column, value: String(value) };
      if (Array.isArray(value) && value.every((entry) => typeof entry === 'string'))
        return value.length === 0 ? undefined : { column, value: value.join('; ') };
      problems.add({
        row,
        column,
        value: excerpt(JSON.stringify(value)),
        message: `${column} must be a string or a number`,
      });
      return undefined;
    };
    const dimensions = isObject(item.dimensions) ? item.dimensions : {};
    const attributes = isObject(item.attributes) ? item.attributes : {};
    const byName = (object: Json, name: string): [string, unknown] | undefined =>
      Object.entries(object).find(([key]) => normaliseLabel(key).replace(/_/g, ' ') === name);
    for (const [key, value] of Object.entries(dimensions)) {
      const name = normaliseLabel(key).replace(/_/g, ' ');
      if (KNOWN_DIMENSIONS.has(name) || value === null || TOTALS.has(String(value).toUpperCase())) continue;
      problems.add({
        row,
        column: `dimensions.${key}`,
        value: excerpt(String(value)),
        message: `dimension "${key}" breaks the data down, which SDG 10.7.2 does not (its dimensions are Policy Domains and Reporting Type)`,
      });
    }
    const domain = byName(dimensions, 'policy domains');
    const value = item.value;
    if (
      value === null ||
      value === undefined ||
      (typeof value === 'string' && (isPlaceholder(value, normaliseLabel) || value.trim().toUpperCase() === 'NAN'))
    ) {
      options.skip(skippedValue(row, 'value', value === null || value === undefined ? '' : String(value).trim()));
      return;
    }
    const year = item.timePeriodStart ?? item.timePeriod;
    builder.add({
      row,
      series: cell('series', item.series) ?? { column: 'series', value: '' },
      area: cell('geoAreaCode', item.geoAreaCode) ?? { column: 'geoAreaCode', value: '' },
      year: cell('timePeriodStart', year),
      domain: domain ? cell(`dimensions.${domain[0]}`, domain[1]) : undefined,
      value: cell('value', value),
      timeDetail: cell('time_detail', item.time_detail ?? item.timeDetail),
      source: cell('source', item.source),
      footnote: cell('footnotes', item.footnotes),
      nature: (() => {
        const nature = byName(attributes, 'nature');
        return nature ? cell(`attributes.${nature[0]}`, nature[1]) : undefined;
      })(),
      units: (() => {
        const units = byName(attributes, 'units');
        return units ? cell(`attributes.${units[0]}`, units[1]) : undefined;
      })(),
    });
  });
}
