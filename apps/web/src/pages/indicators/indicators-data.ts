/** What the indicator pages and the country panel read, through the API only (the browser and the static publication pass different clients). */
import { getJson, type ApiClient } from '../../api/api-client.ts';
import type {
  AreaIndicators,
  Indicator,
  IndicatorChart,
  IndicatorDatasetSummary,
  IndicatorSummary,
} from '@migov/server/api';
import type { LabelledProvenance } from '../../app/Provenance.tsx';
import { loadCommon, type CommonData } from '../public-data.ts';

/** The order of the country panel: migration-related series by migratory status first (8.8.1 fatal, then non-fatal injuries), then the others. */
const PANEL_ORDER = ['8.8.1', '8.8.2', '10.7.3', '10.7.4', '10.c.1', '17.3.2'];
const SERIES_ORDER = ['SL_EMP_FTLINJUR', 'SL_EMP_INJUR'];

/** The panel's datasets in reading order; 10.7.2 categories are left out (the profile shows them from the results, with their provenance). */
export function panelItems<Item extends Pick<IndicatorDatasetSummary, 'indicator' | 'series'>>(
  items: readonly Item[],
): Item[] {
  const rank = (list: readonly string[], value: string) => (list.includes(value) ? list.indexOf(value) : list.length);
  return items
    .filter((item) => item.indicator !== '10.7.2')
    .map((item, index) => ({ item, index }))
    .sort(
      (left, right) =>
        rank(PANEL_ORDER, left.item.indicator) - rank(PANEL_ORDER, right.item.indicator) ||
        rank(SERIES_ORDER, left.item.series.toUpperCase()) - rank(SERIES_ORDER, right.item.series.toUpperCase()) ||
        left.index - right.index,
    )
    .map((entry) => entry.item);
}

/** A dataset's provenance: demo when flagged, else official for the official snapshot (undefined: only the source's name is known). */
export function datasetProvenance(
  dataset: Pick<IndicatorDatasetSummary, 'demo' | 'source'>,
): LabelledProvenance | undefined {
  if (dataset.demo) return { kind: 'demo', label: '' };
  // The official snapshot's series name it as their source ("UN SDG Global Database, retrieved 2026-01-31"):
  // the date is said in the reader's language.
  if (dataset.source.format !== 'official-snapshot') return undefined;
  const dated = /^(.*), retrieved (\d{4}-\d{2}-\d{2})$/.exec(dataset.source.name);
  return dated
    ? { kind: 'official', label: dataset.source.name, source: dated[1]!, snapshot: { id: '', retrievedOn: dated[2]! } }
    : { kind: 'official', label: dataset.source.name, source: dataset.source.name };
}

export interface IndicatorsData {
  indicators: IndicatorSummary[];
}

export async function loadIndicators(api: ApiClient): Promise<IndicatorsData> {
  const { items } = await getJson<{ items: IndicatorSummary[] }>(api, '/indicators');
  return { indicators: items };
}

export interface IndicatorData extends CommonData {
  indicator: Indicator;
  /** The dataset shown (the requested one, else the first), with every line of every area. */
  shown: { dataset: IndicatorDatasetSummary; chart: IndicatorChart } | undefined;
}

/** One indicator with its datasets, and the chart lines of the requested (else the first) dataset. */
export async function loadIndicator(api: ApiClient, id: string, datasetId?: string): Promise<IndicatorData> {
  const [indicator, common] = await Promise.all([
    getJson<Indicator>(api, `/indicators/${encodeURIComponent(id)}`),
    loadCommon(api),
  ]);
  const dataset = indicator.datasets.find((entry) => entry.id === datasetId) ?? indicator.datasets[0];
  const chart = dataset
    ? await getJson<IndicatorChart>(
        api,
        `/indicators/${encodeURIComponent(indicator.id)}/datasets/${encodeURIComponent(dataset.id)}/chart`,
      )
    : undefined;
  return { ...common, indicator, shown: dataset && chart ? { dataset, chart } : undefined };
}

/** A country's datasets, each with its chart lines for the country. */
export async function loadCountryIndicators(api: ApiClient, code: string): Promise<AreaIndicators> {
  return getJson<AreaIndicators>(api, `/areas/${encodeURIComponent(code)}/indicators`);
}
