/** Temporary microdata files for tests: real files in a fresh directory, removed by `cleanup`. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A person in the default layout (spec.ts DEFAULT_SPEC); codes as strings or numbers. */
export type PersonRow = Record<string, string | number | null | undefined>;

export const DEFAULT_COLUMNS = [
  'person_id',
  'household_id',
  'stratum',
  'psu',
  'weight',
  'sex',
  'age',
  'birth_country',
  'citizenship',
  'residence_5y_ago',
  'years_since_arrival',
  'attending_education',
  'labour_status',
] as const;

/** A temporary directory. */
export function createTempDir(): { dir: string; path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'migov-microdata-'));
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Write rows as CSV with the given header (null as an empty cell). */
export function writeCsv(path: string, header: readonly string[], rows: readonly PersonRow[]): void {
  const lines = [header.join(',')];
  for (const row of rows)
    lines.push(
      header.map((column) => (row[column] === null || row[column] === undefined ? '' : String(row[column]))).join(','),
    );
  writeFileSync(path, lines.join('\n') + '\n');
}

/** A valid person in the default layout, with overrides. */
export function person(overrides: PersonRow = {}): PersonRow {
  return {
    person_id: 1,
    household_id: 1,
    stratum: 1,
    psu: 1,
    weight: 1,
    sex: 1,
    age: 30,
    birth_country: 'XSY',
    citizenship: 'XSY',
    residence_5y_ago: 'XSY',
    years_since_arrival: null,
    attending_education: 2,
    labour_status: 1,
    ...overrides,
  };
}
