import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../../../test-support/shared-data.ts';
import { COLUMN_ROLES } from './label-mapping.ts';
import { OBSERVATION_FORMATS } from './read-observations.ts';
import { SDG_CSV_COLUMNS } from './sdg-api-csv.ts';
import { SDMX_CSV_COLUMNS } from './sdmx-csv.ts';

const doc = readFileSync(resolve(repositoryRoot, 'docs/formats.md'), 'utf8');
const flat = doc.replace(/\s+/g, ' ');

describe('docs/formats.md', () => {
  it('names every format the reader detects', () => {
    expect(OBSERVATION_FORMATS.filter((format) => !doc.includes(`\`${format}\``))).toEqual([]);
  });

  it('lists the written CSV columns in order', () => {
    expect(flat).toContain(SDG_CSV_COLUMNS.join(', '));
    const dimensions = SDMX_CSV_COLUMNS.slice(1, SDMX_CSV_COLUMNS.indexOf('TIME_PERIOD'));
    expect(flat).toContain(dimensions.join(', '));
    expect(flat).toContain(SDMX_CSV_COLUMNS.slice(SDMX_CSV_COLUMNS.indexOf('UNIT_MEASURE')).join(', '));
  });

  it('names every column role of a label mapping file', () => {
    expect(COLUMN_ROLES.filter((role) => !doc.includes(`\`${role}\``))).toEqual([]);
  });
});
