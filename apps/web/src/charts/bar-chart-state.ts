/** Chart state of a horizontal bar chart of percentages (regional figures): geometry only, pure. */

/** One input row. */
export interface BarRow {
  key: string;
  label: string;
  /** 0-100, or undefined when there is no figure (drawn as an empty row, named in the table). */
  value: number | undefined;
  numerator?: number;
  denominator?: number;
}

/** One bar as drawn. */
interface BarGeometry extends BarRow {
  y: number;
  width: number;
}

export interface BarLayout {
  width: number;
  height: number;
  labelWidth: number;
  plotWidth: number;
  rowHeight: number;
  bars: BarGeometry[];
  ticks: { value: number; x: number }[];
}

/** Lay bars out: a label column, then a 0-100 axis; values outside 0-100 are clamped. */
export function layoutBars(
  rows: readonly BarRow[],
  options: { width?: number; rowHeight?: number; labelWidth?: number } = {},
): BarLayout {
  const width = options.width ?? 640;
  const rowHeight = options.rowHeight ?? 28;
  const labelWidth = options.labelWidth ?? 220;
  if (width <= labelWidth + 40)
    throw new Error(`invalid width: ${width} (must exceed the label width ${labelWidth} by at least 40)`);
  const plotWidth = width - labelWidth - 60;
  const bars = rows.map((row, index) => ({
    ...row,
    y: 24 + index * rowHeight,
    width:
      row.value === undefined || !Number.isFinite(row.value)
        ? 0
        : (Math.min(Math.max(row.value, 0), 100) / 100) * plotWidth,
  }));
  const ticks = [0, 25, 50, 75, 100].map((value) => ({ value, x: labelWidth + (value / 100) * plotWidth }));
  return { width, height: 24 + rows.length * rowHeight + 8, labelWidth, plotWidth, rowHeight, bars, ticks };
}
