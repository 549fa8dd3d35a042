import { describe, expect, it } from 'vitest';
import type { ChartLine } from '@migov/core';
import { categoryGridOfLines, cellKey, isCategorySeries, layoutCategoryGrid } from './category-grid-state.ts';
import { CATEGORY_COLOURS, NO_DATA_COLOUR, NOT_APPLICABLE_COLOUR, type CategoryClass } from './category-scale.ts';

const line = (domain: string, points: [number, number | null][]): ChartLine => ({
  key: `484|POLICY_DOMAINS=${domain}`,
  area: '484',
  dimensions: { POLICY_DOMAINS: domain },
  label: domain,
  points: points.map(([year, value]) => ({ year, value })),
});

describe('the category grid (domains x rounds)', () => {
  it('places one cell per row and column, coloured by category, no data where the map has none', () => {
    const classes = new Map<string, CategoryClass>([
      [cellKey('ALLDOMAINS', '2019'), { kind: 'category', code: 3, meets: true }],
      [cellKey('DOMAIN1', '2021'), { kind: 'not-applicable' }],
      [cellKey('DOMAIN1', '2019'), { kind: 'category', code: 1, meets: false }],
    ]);
    const layout = layoutCategoryGrid(
      [
        { key: 'ALLDOMAINS', label: 'All domains' },
        { key: 'DOMAIN1', label: 'Migrant rights' },
      ],
      [
        { key: '2019', label: '2019' },
        { key: '2021', label: '2021' },
      ],
      classes,
      { labelWidth: 100, cellWidth: 50, rowHeight: 20, headerHeight: 10 },
    );
    expect(layout.width).toBe(204);
    expect(layout.height).toBe(54);
    expect(layout.cells.map((cell) => [cell.row, cell.column, cell.fill, cell.x, cell.y])).toEqual([
      ['ALLDOMAINS', '2019', CATEGORY_COLOURS[2], 102, 12],
      ['ALLDOMAINS', '2021', NO_DATA_COLOUR, 152, 12],
      ['DOMAIN1', '2019', CATEGORY_COLOURS[0], 102, 32],
      ['DOMAIN1', '2021', NOT_APPLICABLE_COLOUR, 152, 32],
    ]);
    // Dark fills carry white text (contrast), light ones dark text.
    expect(layout.cells[0]!.textColour).toBe('#ffffff');
    expect(layout.cells[2]!.textColour).toBe('#1a1a1a');
  });

  it.each([
    ['SG_CPA_MIGRS', true],
    ['sg_cpa_migrs', true],
    ['SG_CPA_MIGRP', false],
    ['SL_EMP_FTLINJUR', false],
  ])('%s is categorical: %s', (series, expected) => {
    expect(isCategorySeries(series)).toBe(expected);
  });

  it('reads SG_CPA_MIGRS lines as categories: overall first, domains in order, years ascending; values outside 1-4 are not applicable', () => {
    const grid = categoryGridOfLines([
      line('DOMAIN2', [
        [2021, 2],
        [2019, 4],
      ]),
      line('ALLDOMAINS', [
        [2019, 3],
        [2021, null],
      ]),
      line('DOMAIN10', [[2019, 2.5]]),
      line('DOMAIN1', [[2023, 7]]),
    ]);
    expect(grid.rows).toEqual(['ALLDOMAINS', 'DOMAIN1', 'DOMAIN2', 'DOMAIN10']);
    expect(grid.years).toEqual([2019, 2021, 2023]);
    expect(grid.classes.get(cellKey('DOMAIN2', '2019'))).toEqual({ kind: 'category', code: 4, meets: true });
    expect(grid.classes.get(cellKey('DOMAIN2', '2021'))).toEqual({ kind: 'category', code: 2, meets: false });
    expect(grid.classes.get(cellKey('ALLDOMAINS', '2021'))).toEqual({ kind: 'not-applicable' });
    expect(grid.classes.get(cellKey('DOMAIN10', '2019'))).toEqual({ kind: 'not-applicable' });
    expect(grid.classes.get(cellKey('DOMAIN1', '2023'))).toEqual({ kind: 'not-applicable' });
    expect(grid.classes.has(cellKey('DOMAIN1', '2019'))).toBe(false);
  });
});
