import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../../../test-support/shared-data.ts';
import { listIndicators } from './catalogue.ts';
import { DATASET_FORMATS } from './dataset-columns.ts';
import { INDICATOR_CSV_COLUMNS } from './format-indicator-csv.ts';

const doc = readFileSync(resolve(repositoryRoot, 'docs/indicators.md'), 'utf8');
const flat = doc.replace(/\s+/g, ' ');

describe('docs/indicators.md', () => {
  it('names every format the reader detects', () => {
    expect(DATASET_FORMATS.filter((format) => !doc.includes(`\`${format}\``))).toEqual([]);
  });

  it('lists every indicator of the catalogue with its custodians', () => {
    for (const indicator of listIndicators())
      expect(flat).toContain(`| ${indicator.id} | ${indicator.custodians.join(', ')}`);
  });

  it('lists the written CSV columns in order', () => {
    expect(flat).toContain(INDICATOR_CSV_COLUMNS.join(', '));
  });
});
