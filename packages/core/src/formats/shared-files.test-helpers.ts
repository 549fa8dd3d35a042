// Test helpers: shared public data as reader input, and the set of known M49 areas. Used only by tests.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sharedData } from '../../../../test-support/shared-data.ts';
import type { InputFile } from './input.ts';

/** A shared data file of un-sdg-10-7-2 as reader input (its bytes, named as in the folder). */
export function sharedFile(name: string): InputFile & { bytes: Uint8Array } {
  return { name, bytes: new Uint8Array(readFileSync(sharedData(`un-sdg-10-7-2/${name}`))) };
}

/** Membership test over every area of the SDG database (geo_area.ddf.csv). */
export function knownAreas(): (m49: string) => boolean {
  const rows = parse(readFileSync(sharedData('un-sdg-10-7-2/geo_area.ddf.csv'), 'utf8'), { columns: true }) as {
    geo_area: string;
  }[];
  const codes = new Set(rows.map((row) => row.geo_area));
  return (m49) => codes.has(m49);
}
