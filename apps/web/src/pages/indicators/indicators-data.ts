/** What the indicator pages and the country panel read, through the API only (the browser and the static publication pass different clients). */
import type { ChartSeries, IndicatorDefinition, IndicatorTier, TitleVersion } from '@migov/core';
import { getJson, type ApiClient } from '../../api/api-client.ts';
import { loadCommon, type CommonData } from '../public-data.ts';

/** One catalogue entry as `GET /indicators` lists it. */
export interface IndicatorSummary {
  id: string;
  goal: string;
  target: string;
  title: TitleVersion;
  custodians: string[];
  tier: IndicatorTier;
  migrationRelevance: string;
  /** Stored datasets of the indicator. */
  datasets: number;
}

/** A stored dataset as the API summarises it. */
export interface DatasetSummary {
  id: string;
  indicator: string;
  series: string;
  unit?: string;
  seriesDescription?: string;
  observationCount: number;
  source: { name: string; format: string };
  importedAt: string;
}

export interface IndicatorsData {
  indicators: IndicatorSummary[];
}

export async function loadIndicators(api: ApiClient): Promise<IndicatorsData> {
  const { items } = await getJson<{ items: IndicatorSummary[] }>(api, '/indicators');
  return { indicators: items };
}

export interface IndicatorData extends CommonData {
  indicator: IndicatorDefinition & { datasets: DatasetSummary[] };
  /** The dataset shown (the requested one, else the first), with every line of every area. */
  shown: { dataset: DatasetSummary; chart: ChartSeries } | undefined;
}

/** One indicator with its datasets, and the chart lines of the requested (else the first) dataset. */
export async function loadIndicator(api: ApiClient, id: string, datasetId?: string): Promise<IndicatorData> {
  const [indicator, common] = await Promise.all([getJson<IndicatorData['indicator']>(api, `/indicators/${encodeURIComponent(id)}`), loadCommon(api)]);
  const dataset = indicator.datasets.find((entry) => entry.id === datasetId) ?? indicator.datasets[0];
  const chart = dataset ? await getJson<ChartSeries>(api, `/indicators/${encodeURIComponent(indicator.id)}/datasets/${encodeURIComponent(dataset.id)}/chart`) : undefined;
  return { ...common, indicator, shown: dataset && chart ? { dataset, chart } : undefined };
}

/** A country's datasets, each with its chart lines for the country. */
export interface CountryIndicators {
  area: { code: string; name: string };
  items: (DatasetSummary & { chart: ChartSeries })[];
}

export async function loadCountryIndicators(api: ApiClient, code: string): Promise<CountryIndicators> {
  return getJson<CountryIndicators>(api, `/areas/${encodeURIComponent(code)}/indicators`);
}
