/**
 * Combining datasets from several imports (a global download and national files, or a re-import):
 * one dataset per indicator, series and unit, one observation per area, year and disaggregation.
 */
import type { IndicatorDataset, IndicatorObservation } from './dataset.ts';

/** Canonical text of a disaggregation, ids sorted: `MIGRATORY_STATUS=MIGRANT,SEX=F` (empty for none); a stable key for storage. */
export function formatDimensionKey(dimensions: Readonly<Record<string, string>>): string {
  return Object.keys(dimensions)
    .sort()
    .map((id) => `${id}=${dimensions[id]}`)
    .join(',');
}

/** Key of a dataset: indicator, series and unit. */
function datasetKey(dataset: Pick<IndicatorDataset, 'indicator' | 'series' | 'unit'>): string {
  return `${dataset.indicator}|${dataset.series}|${dataset.unit ?? ''}`;
}

/** Key of an observation within its dataset: area, year and disaggregation. */
export function observationKey(observation: Pick<IndicatorObservation, 'area' | 'year' | 'dimensions'>): string {
  return `${observation.area}|${observation.year}|${formatDimensionKey(observation.dimensions)}`;
}

/** An observation present on both sides with a different value. */
export interface DatasetConflict {
  indicator: string;
  series: string;
  unit?: string;
  area: string;
  year: number;
  dimensions: Record<string, string>;
  existing: IndicatorObservation;
  incoming: IndicatorObservation;
}

/** What {@link mergeDatasets} gives: the merged datasets, or the conflicts that stopped it. */
export type MergeDatasetsResult =
  | { ok: true; datasets: IndicatorDataset[]; added: number; replaced: number }
  | { ok: false; conflicts: DatasetConflict[] };

const sameValue = (a: IndicatorObservation, b: IndicatorObservation): boolean =>
  a.value === b.value && a.valueLabel === b.valueLabel;

/**
 * Merge incoming datasets into existing ones. With `onConflict: 'refuse'` (the default) any point
 * whose value differs is a conflict and nothing is merged; with `'replace'` the incoming value wins
 * (a revised release). Identical points are kept once; the inputs are not changed.
 */
export function mergeDatasets(
  existing: readonly IndicatorDataset[],
  incoming: readonly IndicatorDataset[],
  options: { onConflict?: 'refuse' | 'replace' } = {},
): MergeDatasetsResult {
  const merged = new Map<string, { dataset: IndicatorDataset; index: Map<string, number> }>();
  for (const dataset of existing) {
    const copy = { ...dataset, observations: [...dataset.observations] };
    merged.set(datasetKey(dataset), {
      dataset: copy,
      index: new Map(copy.observations.map((observation, position) => [observationKey(observation), position])),
    });
  }
  const conflicts: DatasetConflict[] = [];
  let added = 0;
  let replaced = 0;
  for (const dataset of incoming) {
    const key = datasetKey(dataset);
    let target = merged.get(key);
    if (!target) {
      target = { dataset: { ...dataset, observations: [] }, index: new Map() };
      merged.set(key, target);
    }
    if (target.dataset.seriesDescription === undefined && dataset.seriesDescription !== undefined)
      target.dataset.seriesDescription = dataset.seriesDescription;
    for (const observation of dataset.observations) {
      const position = target.index.get(observationKey(observation));
      if (position === undefined) {
        target.index.set(observationKey(observation), target.dataset.observations.length);
        target.dataset.observations.push(observation);
        added += 1;
        continue;
      }
      const earlier = target.dataset.observations[position] as IndicatorObservation;
      if (sameValue(earlier, observation)) continue;
      if (options.onConflict === 'replace') {
        target.dataset.observations[position] = observation;
        replaced += 1;
      } else {
        conflicts.push({
          indicator: dataset.indicator,
          series: dataset.series,
          ...(dataset.unit !== undefined ? { unit: dataset.unit } : {}),
          area: observation.area,
          year: observation.year,
          dimensions: observation.dimensions,
          existing: earlier,
          incoming: observation,
        });
      }
    }
  }
  if (conflicts.length > 0) return { ok: false, conflicts };
  return { ok: true, datasets: [...merged.values()].map((entry) => entry.dataset), added, replaced };
}
