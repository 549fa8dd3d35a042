/**
 * Chart state of the 10.7.2 category grid: categories (an ordinal scale, Requires further progress to
 * Fully meets) by domain (rows) and round (columns). Categories are not quantities, so they are drawn
 * as coloured, named cells and never as a numeric line. Pure: geometry and classes only.
 */
import type { ChartLine } from '@migov/core';
import { CATEGORY_COLOURS, CATEGORY_TEXT_COLOURS, fillOf, type CategoryClass } from './category-scale.ts';

/** A row (a domain, or the overall result) or a column (a round). */
export interface GridAxisEntry {
  key: string;
  label: string;
}

/** One cell as drawn. */
interface GridCell {
  row: string;
  column: string;
  cls: CategoryClass;
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  textColour: string;
}

export interface CategoryGridLayout {
  width: number;
  height: number;
  labelWidth: number;
  headerHeight: number;
  rows: (GridAxisEntry & { y: number })[];
  columns: (GridAxisEntry & { x: number })[];
  cells: GridCell[];
}

/** The key of a cell in the class map. */
export const cellKey = (row: string, column: string) => `${row}|${column}`;

/** Lay the grid out: a label column, then one column per round; every row x column pair gets a cell (no data where the map has none). */
export function layoutCategoryGrid(
  rows: readonly GridAxisEntry[],
  columns: readonly GridAxisEntry[],
  classes: ReadonlyMap<string, CategoryClass>,
  options: { labelWidth?: number; cellWidth?: number; rowHeight?: number; headerHeight?: number } = {},
): CategoryGridLayout {
  const labelWidth = options.labelWidth ?? 260;
  const cellWidth = options.cellWidth ?? 170;
  const rowHeight = options.rowHeight ?? 30;
  const headerHeight = options.headerHeight ?? 26;
  const placedColumns = columns.map((column, index) => ({ ...column, x: labelWidth + index * cellWidth }));
  const placedRows = rows.map((row, index) => ({ ...row, y: headerHeight + index * rowHeight }));
  const cells: GridCell[] = [];
  for (const row of placedRows) {
    for (const column of placedColumns) {
      const cls = classes.get(cellKey(row.key, column.key)) ?? { kind: 'no-data' as const };
      const index = cls.kind === 'category' ? Math.min(Math.max(cls.code - 1, 0), CATEGORY_COLOURS.length - 1) : -1;
      cells.push({
        row: row.key,
        column: column.key,
        cls,
        x: column.x + 2,
        y: row.y + 2,
        width: cellWidth - 4,
        height: rowHeight - 4,
        fill: fillOf(cls),
        textColour: index >= 0 ? CATEGORY_TEXT_COLOURS[index]! : '#1a1a1a',
      });
    }
  }
  return {
    width: labelWidth + columns.length * cellWidth + 4,
    height: headerHeight + rows.length * rowHeight + 4,
    labelWidth,
    headerHeight,
    rows: placedRows,
    columns: placedColumns,
    cells,
  };
}

/** The dimension of SDG 10.7.2 series that names the policy domain (ALLDOMAINS, DOMAIN1..DOMAIN6). */
const POLICY_DOMAIN_DIMENSION = 'POLICY_DOMAINS';

/** Whether a dataset is categorical: SG_CPA_MIGRS holds categories 1-4 (the UN's unit NUMBER), not quantities. */
export function isCategorySeries(series: string): boolean {
  return series.toUpperCase() === 'SG_CPA_MIGRS';
}

/**
 * The grid of one area's category lines (SG_CPA_MIGRS): a row per policy domain (ALLDOMAINS first),
 * a column per year with data. A value outside 1-4 or a not-applicable point is "not applicable".
 */
export function categoryGridOfLines(lines: readonly ChartLine[]): {
  rows: string[];
  years: number[];
  classes: Map<string, CategoryClass>;
} {
  const rows: string[] = [];
  const years = new Set<number>();
  const classes = new Map<string, CategoryClass>();
  for (const line of lines) {
    const domain = line.dimensions[POLICY_DOMAIN_DIMENSION] ?? 'ALLDOMAINS';
    if (!rows.includes(domain)) rows.push(domain);
    for (const point of line.points) {
      years.add(point.year);
      const code = point.value === null ? undefined : Math.round(point.value);
      classes.set(
        cellKey(domain, String(point.year)),
        code !== undefined && code >= 1 && code <= 4 && code === point.value
          ? { kind: 'category', code, meets: code >= 3 }
          : { kind: 'not-applicable' },
      );
    }
  }
  const rank = (domain: string) => (domain === 'ALLDOMAINS' ? -1 : Number(/(\d+)$/.exec(domain)?.[1] ?? 99));
  rows.sort((left, right) => rank(left) - rank(right) || left.localeCompare(right));
  return { rows, years: [...years].sort((left, right) => left - right), classes };
}
