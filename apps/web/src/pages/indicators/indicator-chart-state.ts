/**
 * Indicator charts, pure: which lines a selection keeps (area, one code or every code per
 * dimension), their default, the selection as the chart API's `where` text, and the geometry of a
 * line or grouped bar chart over time.
 */
import type { ChartLine, ChartSeries } from '@migov/core';

/** A dimension choice that keeps every code (one line per code). */
export const EVERY_CODE = '*';

/** Codes that stand for "no breakdown" in the SDG data (sex, age, migratory status, policy domain). */
const TOTAL_CODES: ReadonlySet<string> = new Set(['_T', 'BOTHSEX', 'ALLAGE', 'ALLDOMAINS', 'ALL']);

/** Dimensions compared by default, in this order of preference. */
const COMPARED_FIRST = ['MIGRATORY_STATUS', 'SEX', 'AGE', 'POLICY_DOMAINS'];

/** At most this many lines are drawn; the table keeps them all. */
export const MAX_DRAWN_LINES = 12;

export type ChartKind = 'line' | 'bar';

/** Dimension id -> a code, or {@link EVERY_CODE}. */
export type DimensionChoices = Record<string, string>;

/** The areas of a chart's lines, in order of first appearance. */
export function areasOf(series: Pick<ChartSeries, 'lines'>): string[] {
  return [...new Set(series.lines.map((line) => line.area))];
}

/** Every dimension of an area's lines with its codes, in order of first appearance. */
export function dimensionsOf(lines: readonly ChartLine[]): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const line of lines) {
    for (const [id, code] of Object.entries(line.dimensions)) {
      const codes = (found[id] ??= []);
      if (!codes.includes(code)) codes.push(code);
    }
  }
  return found;
}

/** Dimensions with more than one code: the ones a reader can choose in. */
export function choosableDimensions(dimensions: Record<string, string[]>): string[] {
  const ids = Object.keys(dimensions).filter((id) => (dimensions[id]?.length ?? 0) > 1);
  const rank = (id: string) => (COMPARED_FIRST.includes(id) ? COMPARED_FIRST.indexOf(id) : COMPARED_FIRST.length);
  return ids.sort((left, right) => rank(left) - rank(right) || left.localeCompare(right));
}

/**
 * The default: compare the first choosable dimension (migratory status before sex, age and policy
 * domain) and hold the others at their total, or compare them too when they have none.
 */
export function defaultChoices(dimensions: Record<string, string[]>): DimensionChoices {
  const choices: DimensionChoices = {};
  choosableDimensions(dimensions).forEach((id, index) => {
    const total = dimensions[id]?.find((code) => TOTAL_CODES.has(code));
    choices[id] = index === 0 || total === undefined ? EVERY_CODE : total;
  });
  return choices;
}

/** `SEX:F;AGE:*` -> `{ SEX: 'F', AGE: '*' }`; malformed clauses are ignored. */
export function parseChoices(where: string | undefined): DimensionChoices {
  const choices: DimensionChoices = {};
  for (const clause of (where ?? '').split(';')) {
    const [id, code] = clause.split(':');
    if (id && code) choices[id] = code;
  }
  return choices;
}

/** The inverse of {@link parseChoices}, ids in the given order. */
export function formatChoices(choices: DimensionChoices, order: readonly string[] = Object.keys(choices)): string {
  return order
    .filter((id) => choices[id] !== undefined)
    .map((id) => `${id}:${choices[id]}`)
    .join(';');
}

/** Choices from the URL completed by the defaults, keeping only dimensions and codes that exist. */
export function resolveChoices(dimensions: Record<string, string[]>, requested: DimensionChoices): DimensionChoices {
  const defaults = defaultChoices(dimensions);
  const choices: DimensionChoices = {};
  for (const id of Object.keys(defaults)) {
    const wanted = requested[id];
    choices[id] =
      wanted !== undefined && (wanted === EVERY_CODE || dimensions[id]?.includes(wanted)) ? wanted : defaults[id]!;
  }
  return choices;
}

/** The lines of one area that match the choices (a line without a chosen dimension is left out). */
export function selectLines(
  lines: readonly ChartLine[],
  area: string | undefined,
  choices: DimensionChoices,
): ChartLine[] {
  return lines.filter(
    (line) =>
      (area === undefined || line.area === area) &&
      Object.entries(choices).every(([id, code]) => code === EVERY_CODE || line.dimensions[id] === code),
  );
}

/** The dimensions whose code differs between the given lines (what labels them). */
export function varyingDimensions(lines: readonly ChartLine[]): string[] {
  const ids = new Set(lines.flatMap((line) => Object.keys(line.dimensions)));
  return choosableDimensions(
    Object.fromEntries([...ids].map((id) => [id, [...new Set(lines.map((line) => line.dimensions[id] ?? ''))]])),
  );
}

/** One drawn series: colour, dash and marker so that colour never carries the meaning alone. */
export interface SeriesStyle {
  colour: string;
  dash: string;
  marker: 'circle' | 'square' | 'triangle' | 'diamond';
}

/** Okabe-Ito colours (distinguishable with colour-vision deficiencies), darkened where they were too light on white. */
const COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#8c6d31', '#3d7ea6', '#1d2733', '#a63d40'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3'];
const MARKERS: SeriesStyle['marker'][] = ['circle', 'square', 'triangle', 'diamond'];

export function styleOf(index: number): SeriesStyle {
  return {
    colour: COLOURS[index % COLOURS.length]!,
    dash: DASHES[Math.floor(index / COLOURS.length) % DASHES.length]!,
    marker: MARKERS[index % MARKERS.length]!,
  };
}

/** Round steps (1, 2, 2.5, 5 x 10^k) for about `count` intervals between `min` and `max`. */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) / 2;
    return niceTicks(min === 0 ? 0 : Math.min(0, min - pad), max + pad, count);
  }
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * power >= raw) ?? 10) * power;
  const first = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let value = first; ; value += step) {
    ticks.push(Number(value.toPrecision(12)));
    if (value >= max - step * 1e-9 && ticks.length >= 2) return ticks;
  }
}

interface PlotPoint {
  year: number;
  x: number;
  y: number;
  value: number;
  valueLabel?: string;
}

interface PlotBar {
  year: number;
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
}

interface PlotSeries {
  key: string;
  style: SeriesStyle;
  /** Runs of points with values: a not-applicable point (null) breaks the line; years without data are bridged. */
  segments: PlotPoint[][];
  points: PlotPoint[];
  bars: PlotBar[];
}

export interface ChartLayout {
  kind: ChartKind;
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  xTicks: { year: number; x: number }[];
  yTicks: { value: number; y: number }[];
  series: PlotSeries[];
}

/** Geometry of a line chart (years on a linear axis) or a grouped bar chart (one band per year). */
export function layoutIndicatorChart(
  lines: readonly ChartLine[],
  options: { kind: ChartKind; width?: number; height?: number },
): ChartLayout {
  const width = options.width ?? 640;
  const height = options.height ?? 320;
  const plot = { left: 56, right: width - 16, top: 16, bottom: height - 32 };
  const years = [...new Set(lines.flatMap((line) => line.points.map((point) => point.year)))].sort(
    (left, right) => left - right,
  );
  const values = lines.flatMap((line) => line.points.flatMap((point) => (point.value === null ? [] : [point.value])));
  const ticks = niceTicks(Math.min(0, ...values), values.length > 0 ? Math.max(0, ...values) : 1);
  const low = ticks[0]!;
  const high = ticks.at(-1)!;
  const yOf = (value: number) => plot.bottom - ((value - low) / (high - low || 1)) * (plot.bottom - plot.top);
  const first = years[0] ?? 0;
  const last = years.at(-1) ?? 0;
  const band = (plot.right - plot.left) / Math.max(years.length, 1);
  const xOf =
    options.kind === 'bar'
      ? (year: number) => plot.left + band * (years.indexOf(year) + 0.5)
      : (year: number) =>
          first === last
            ? (plot.left + plot.right) / 2
            : plot.left + ((year - first) / (last - first)) * (plot.right - plot.left);
  const barWidth = (band * 0.8) / Math.max(lines.length, 1);
  const series = lines.map((line, index): PlotSeries => {
    const points: PlotPoint[] = [];
    const segments: PlotPoint[][] = [];
    let run: PlotPoint[] = [];
    const bars: PlotBar[] = [];
    for (const point of [...line.points].sort((left, right) => left.year - right.year)) {
      if (point.value === null) {
        if (run.length > 0) segments.push(run);
        run = [];
        continue;
      }
      const placed: PlotPoint = {
        year: point.year,
        x: xOf(point.year),
        y: yOf(point.value),
        value: point.value,
        ...(point.valueLabel !== undefined ? { valueLabel: point.valueLabel } : {}),
      };
      points.push(placed);
      run.push(placed);
      const zero = yOf(Math.max(low, Math.min(0, high)));
      const left = placed.x - (band * 0.8) / 2 + index * barWidth;
      bars.push({
        year: point.year,
        x: left,
        y: Math.min(placed.y, zero),
        width: barWidth,
        height: Math.abs(zero - placed.y),
        value: point.value,
      });
    }
    if (run.length > 0) segments.push(run);
    return { key: line.key, style: styleOf(index), segments, points, bars };
  });
  return {
    kind: options.kind,
    width,
    height,
    plot,
    xTicks: years.map((year) => ({ year, x: xOf(year) })),
    yTicks: ticks.map((value) => ({ value, y: yOf(value) })),
    series,
  };
}

/** The table alternative: one row per year, one cell per line (undefined where the line has no point that year). */
export function tableRows(
  lines: readonly ChartLine[],
): { year: number; cells: (ChartLine['points'][number] | undefined)[] }[] {
  const years = [...new Set(lines.flatMap((line) => line.points.map((point) => point.year)))].sort(
    (left, right) => left - right,
  );
  return years.map((year) => ({ year, cells: lines.map((line) => line.points.find((point) => point.year === year)) }));
}
