/**
 * The 10.7.2 observations (SG_CPA_MIGRS, SG_CPA_MIGRP) as indicator datasets, so published policy
 * results already loaded for the dashboard can be charted beside the other migration-related
 * indicators without reading the file again.
 */
import { SERIES, type Observation } from '../observations/observation.ts';
import type { IndicatorDataset, IndicatorObservation } from './dataset.ts';

/** Dimension id of the policy domain, as the SDG API CSV's `[Policy Domains]` column reduces to. */
const POLICY_DOMAINS_DIMENSION = 'POLICY_DOMAINS';

function toIndicatorObservation(observation: Observation): IndicatorObservation {
  const attributes: Record<string, string> = {};
  if (observation.nature !== undefined) attributes.NATURE = observation.nature;
  if (observation.source !== undefined) attributes.SOURCE_DETAIL = observation.source;
  if (observation.footnote !== undefined) attributes.COMMENT_OBS = observation.footnote;
  if (observation.timeDetail !== undefined) attributes.TIME_DETAIL = observation.timeDetail;
  return {
    area: observation.area,
    year: observation.year,
    ...(observation.value === 'N' ? { value: null, valueLabel: 'N' } : { value: observation.value }),
    dimensions: { [POLICY_DOMAINS_DIMENSION]: observation.domain },
    attributes,
  };
}

/** One dataset per 10.7.2 series present, observations in the given order, with the series' unit and description. */
export function indicatorDatasetsOfObservations(observations: readonly Observation[]): IndicatorDataset[] {
  const bySeries = new Map<string, IndicatorDataset>();
  for (const observation of observations) {
    const series = SERIES[observation.series];
    let dataset = bySeries.get(series.code);
    if (!dataset) {
      dataset = {
        indicator: series.indicator,
        series: series.code,
        unit: series.unit,
        seriesDescription: series.description,
        observations: [],
      };
      bySeries.set(series.code, dataset);
    }
    dataset.observations.push(toIndicatorObservation(observation));
  }
  return [...bySeries.values()];
}
