/**
 * Chart-ready series: one line per area and disaggregation, points in year order, and which
 * dimensions vary between lines so that a chart labels lines by those only.
 */
import type { TitleVersion } from './catalogue.ts';
import { findIndicator } from './catalogue.ts';
import type { IndicatorDataset } from './dataset.ts';

/** One point of a line. */
interface ChartPoint {
  year: number;
  value: number | null;
  valueLabel?: string;
  /** The sampling standard error the source gives (STANDARD_ERROR, e.g. a microdata tabulation). */
  standardError?: number;
  /** OBS_STATUS when it is not `A` (normal): e.g. `O`, a missing value such as a cell suppressed for too few observations. */
  status?: string;
  /** COMMENT_OBS of a flagged point (with `status`): why the value is missing or how to read it. */
  note?: string;
}

/** The point of an observation: its value and the attributes a reader needs beside it. */
function pointOf(observation: IndicatorDataset['observations'][number]): ChartPoint {
  const point: ChartPoint = { year: observation.year, value: observation.value };
  if (observation.valueLabel !== undefined) point.valueLabel = observation.valueLabel;
  const attributes = observation.attributes ?? {};
  const standardError = attributes['STANDARD_ERROR']?.trim();
  if (standardError && Number.isFinite(Number(standardError))) point.standardError = Number(standardError);
  const status = attributes['OBS_STATUS']?.trim().toUpperCase();
  if (status && status !== 'A') point.status = status;
  if (point.status && attributes['COMMENT_OBS']?.trim()) point.note = attributes['COMMENT_OBS'].trim();
  return point;
}

/** One line: an area and one combination of dimension codes. */
export interface ChartLine {
  /** Stable key, e.g. `4|SEX=F,AGE=_T`. */
  key: string;
  area: string;
  dimensions: Record<string, string>;
  /** The varying dimensions only, e.g. `SEX=F`; empty when one line is all there is. */
  label: string;
  points: ChartPoint[];
}

/** What a chart of one dataset needs. */
export interface ChartSeries {
  indicator: string;
  series: string;
  unit?: string;
  /** The indicator's title versions in force during the years charted (a chart spanning a UN review shows both wordings). */
  titles: TitleVersion[];
  /** Dimension ids whose code differs between lines (the legend). */
  varying: string[];
  /** Every dimension with its codes in the selection, in order of first appearance (the filter menus). */
  dimensions: Record<string, string[]>;
  lines: ChartLine[];
}

/** Selection of {@link chartSeries}. */
export interface ChartSeriesOptions {
  /** Areas to keep (M49 codes); all when absent. */
  areas?: readonly string[];
  /** Dimension codes to keep, e.g. `{ SEX: ['F', 'M'], AGE: '_T' }`; an observation without the dimension is dropped. */
  where?: Readonly<Record<string, string | readonly string[]>>;
  /** Years to keep, inclusive. */
  years?: { min?: number; max?: number };
}

/**
 * Lines per area and disaggregation for a chart, points sorted by year.
 * @example chartSeries(dataset, { areas: ['4'], where: { MIGRATORY_STATUS: ['MIGRANT', 'NONMIGRANT'] } })
 */
export function chartSeries(dataset: IndicatorDataset, options: ChartSeriesOptions = {}): ChartSeries {
  const areas = options.areas ? new Set(options.areas) : undefined;
  const where = Object.entries(options.where ?? {}).map(
    ([id, codes]) => [id, new Set(typeof codes === 'string' ? [codes] : codes)] as const,
  );
  const lines = new Map<string, ChartLine>();
  const codes = new Map<string, string[]>();
  for (const observation of dataset.observations) {
    if (areas && !areas.has(observation.area)) continue;
    if (options.years?.min !== undefined && observation.year < options.years.min) continue;
    if (options.years?.max !== undefined && observation.year > options.years.max) continue;
    if (
      !where.every(([id, wanted]) => observation.dimensions[id] !== undefined && wanted.has(observation.dimensions[id]))
    )
      continue;
    const ids = Object.keys(observation.dimensions).sort();
    const key = `${observation.area}|${ids.map((id) => `${id}=${observation.dimensions[id]}`).join(',')}`;
    let line = lines.get(key);
    if (!line) {
      line = { key, area: observation.area, dimensions: observation.dimensions, label: '', points: [] };
      lines.set(key, line);
    }
    line.points.push(pointOf(observation));
    for (const id of ids) {
      const list = codes.get(id) ?? [];
      const code = observation.dimensions[id] as string;
      if (!list.includes(code)) list.push(code);
      codes.set(id, list);
    }
  }
  const all = [...lines.values()];
  // A dimension missing from some lines varies too: those lines differ from the others in it.
  const varying = [...codes.keys()].filter((id) => new Set(all.map((line) => line.dimensions[id] ?? '')).size > 1);
  for (const line of all) {
    line.points.sort((a, b) => a.year - b.year);
    line.label = varying
      .filter((id) => line.dimensions[id] !== undefined)
      .map((id) => `${id}=${line.dimensions[id]}`)
      .join(', ');
  }
  all.sort((a, b) => (a.area === b.area ? a.key.localeCompare(b.key) : Number(a.area) - Number(b.area)));
  const years = all.flatMap((line) => line.points.map((point) => point.year));
  const first = Math.min(...years);
  const last = Math.max(...years);
  const titles = (findIndicator(dataset.indicator)?.titles ?? []).filter(
    (version) => years.length > 0 && (version.from ?? -Infinity) <= last && (version.until ?? Infinity) > first,
  );
  return {
    indicator: dataset.indicator,
    series: dataset.series,
    ...(dataset.unit !== undefined ? { unit: dataset.unit } : {}),
    titles,
    varying,
    dimensions: Object.fromEntries(codes),
    lines: all,
  };
}

/** Summary of a dataset for listings: observation count, areas, year span, dimensions and their codes. */
export function summariseDataset(dataset: IndicatorDataset): {
  indicator: string;
  series: string;
  unit?: string;
  observations: number;
  areas: number;
  years: [number, number] | undefined;
  dimensions: Record<string, string[]>;
} {
  const areas = new Set<string>();
  let min = Infinity;
  let max = -Infinity;
  const codes = new Map<string, Set<string>>();
  for (const observation of dataset.observations) {
    areas.add(observation.area);
    min = Math.min(min, observation.year);
    max = Math.max(max, observation.year);
    for (const [id, code] of Object.entries(observation.dimensions)) {
      const set = codes.get(id) ?? new Set<string>();
      set.add(code);
      codes.set(id, set);
    }
  }
  return {
    indicator: dataset.indicator,
    series: dataset.series,
    ...(dataset.unit !== undefined ? { unit: dataset.unit } : {}),
    observations: dataset.observations.length,
    areas: areas.size,
    years: dataset.observations.length === 0 ? undefined : [min, max],
    dimensions: Object.fromEntries([...codes.keys()].sort().map((id) => [id, [...(codes.get(id) ?? [])].sort()])),
  };
}
