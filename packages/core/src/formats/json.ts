/**
 * migov's JSON exchange format: `{ "format": "migov-observations", "version": 1, "observations": [ … ] }`,
 * each observation with the fields of {@link Observation}.
 */
import type { Observation } from '../observations/observation.ts';
import type { ProblemList } from './input.ts';
import type { Cell, ObservationBuilder } from './observation-builder.ts';

/** Identifier of the JSON format, in its `format` member. */
const JSON_FORMAT_ID = 'migov-observations';
/** Version of the JSON format written by {@link formatJson}. */
const JSON_FORMAT_VERSION = 1;

const FIELDS = [
  'series',
  'area',
  'year',
  'domain',
  'value',
  'timeDetail',
  'nature',
  'source',
  'footnote',
  'numerator',
  'denominator',
] as const;

/** Write observations as migov JSON (indented, one field order, fields absent when undefined). */
export function formatJson(observations: readonly Observation[]): string {
  const ordered = observations.map((observation) => {
    const result: Record<string, unknown> = {};
    for (const field of FIELDS) if (observation[field] !== undefined) result[field] = observation[field];
    return result;
  });
  return `${JSON.stringify({ format: JSON_FORMAT_ID, version: JSON_FORMAT_VERSION, observations: ordered }, null, 2)}\n`;
}

/** Whether a text looks like migov JSON (an object naming the format). */
export function isMigovJson(text: string): boolean {
  return /^\s*\{/.test(text) && text.slice(0, 4096).includes(`"${JSON_FORMAT_ID}"`);
}

/** Read migov JSON into the builder; rows are 1-based positions in `observations`, columns are field names. */
export function readJsonText(text: string, problems: ProblemList, builder: ObservationBuilder): void {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    problems.add({ message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` });
    return;
  }
  const root = document as { format?: unknown; version?: unknown; observations?: unknown };
  if (root === null || typeof root !== 'object' || root.format !== JSON_FORMAT_ID) {
    problems.add({
      column: 'format',
      message: `not migov JSON: expected an object with "format": "${JSON_FORMAT_ID}"`,
    });
    return;
  }
  if (root.version !== JSON_FORMAT_VERSION) {
    problems.add({
      column: 'version',
      value: String(root.version),
      message: `unsupported version: this reader knows version ${JSON_FORMAT_VERSION}`,
    });
    return;
  }
  if (!Array.isArray(root.observations)) {
    problems.add({ column: 'observations', message: 'expected an array "observations"' });
    return;
  }
  root.observations.forEach((item: unknown, index) => {
    const row = index + 1;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      problems.add({ row, message: `observation ${row} is not an object` });
      return;
    }
    const record = item as Record<string, unknown>;
    const unknownFields = Object.keys(record).filter((key) => !(FIELDS as readonly string[]).includes(key));
    for (const field of unknownFields)
      problems.add({ row, column: field, message: `unknown field "${field}" (fields: ${FIELDS.join(', ')})` });
    const cell = (field: (typeof FIELDS)[number]): Cell | undefined => {
      const value = record[field];
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'string' && typeof value !== 'number') {
        problems.add({
          row,
          column: field,
          value: JSON.stringify(value).slice(0, 80),
          message: `${field} must be a string or a number`,
        });
        return undefined;
      }
      return { column: field, value: String(value) };
    };
    if (unknownFields.length > 0) return;
    builder.add({
      row,
      series: cell('series') ?? { column: 'series', value: '' },
      area: cell('area') ?? { column: 'area', value: '' },
      year: cell('year'),
      domain: cell('domain'),
      value: cell('value'),
      timeDetail: cell('timeDetail'),
      nature: cell('nature'),
      source: cell('source'),
      footnote: cell('footnote'),
      numerator: cell('numerator'),
      denominator: cell('denominator'),
    });
  });
}
