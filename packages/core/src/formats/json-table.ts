/**
 * Tables written as JSON, read like national CSV tables: Open SDG's `data/10-7-2.json` (one array per
 * column: `{ "Year": [2019, …], "Policy domain": [null, "Migrant rights", …], "Value": [3, …] }`), its
 * combined files (`{ "data": { …columns… }, … }`), and record lists (`[{ "Year": 2019, "Value": 3 }, …]`)
 * as portals export them. Rows are 1-based positions in the columns or the list.
 */
import type { CsvRow, CsvTable } from './csv-table.ts';

/** A JSON object (not an array, not null). */
export type Json = Record<string, unknown>;
export const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const isScalar = (value: unknown): boolean => value === null || ['string', 'number', 'boolean'].includes(typeof value);
const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** Column-oriented: every member an array of scalars, all of one length. */
function columns(value: unknown): CsvTable | undefined {
  if (!isObject(value)) return undefined;
  const entries = Object.entries(value);
  if (entries.length < 2 || !entries.every(([, column]) => Array.isArray(column) && column.every(isScalar)))
    return undefined;
  const length = (entries[0]?.[1] as unknown[]).length;
  if (!entries.every(([, column]) => (column as unknown[]).length === length)) return undefined;
  const rows: CsvRow[] = Array.from({ length }, (_, index) => ({
    row: index + 1,
    cells: entries.map(([, column]) => text((column as unknown[])[index])),
  }));
  return { header: entries.map(([key]) => key.trim()), rows };
}

/** Record-oriented: an array of objects whose members are scalars; the header is every key in order of appearance. */
function records(value: unknown): CsvTable | undefined {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((item) => isObject(item) && Object.values(item).every(isScalar))
  )
    return undefined;
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const item of value as Json[]) {
    for (const key of Object.keys(item)) {
      if (seen.has(key)) continue;
      seen.add(key);
      keys.push(key);
    }
  }
  const rows: CsvRow[] = (value as Json[]).map((item, index) => ({
    row: index + 1,
    cells: keys.map((key) => text(item[key])),
  }));
  return { header: keys.map((key) => key.trim()), rows };
}

/** The table a JSON document holds, if it is one (directly or as its `data` member). */
export function jsonTable(document: unknown): CsvTable | undefined {
  const direct = columns(document) ?? records(document);
  if (direct) return direct;
  return isObject(document) ? (columns(document.data) ?? records(document.data)) : undefined;
}
