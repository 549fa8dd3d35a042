/** What the partnership pages read, through the API only (the browser and the static publication pass different clients). */
import type { Topology } from 'topojson-specification';
import { getJson, type ApiClient } from '../../api/api-client.ts';
import type { InstrumentVersion } from '../../api/api-types.ts';
import { loadCommon, loadInstrument, type CommonData } from '../public-data.ts';
import type { PartnershipDetail, PartnershipOverlap, PartnershipSummary } from './partnership-state.ts';

export interface PartnershipsData {
  processes: PartnershipSummary[];
}

export async function loadPartnerships(api: ApiClient): Promise<PartnershipsData> {
  const { items } = await getJson<{ items: PartnershipSummary[] }>(api, '/partnerships');
  return { processes: items };
}

export interface PartnershipData extends CommonData {
  process: PartnershipDetail;
  /** Every process, to name the ones it overlaps with. */
  processes: PartnershipSummary[];
  overlaps: PartnershipOverlap[];
  /** The instrument of the latest round, for domain names (absent when there is no round). */
  instrument: InstrumentVersion | undefined;
  topology: Topology;
}

export async function loadPartnership(api: ApiClient, id: string, loadTopology: () => Promise<Topology>): Promise<PartnershipData> {
  const topologyRead = loadTopology();
  topologyRead.catch(() => undefined);
  const [process, list, overlaps, common] = await Promise.all([
    getJson<PartnershipDetail>(api, `/partnerships/${encodeURIComponent(id)}`),
    getJson<{ items: PartnershipSummary[] }>(api, '/partnerships'),
    getJson<{ items: PartnershipOverlap[] }>(api, '/partnerships/overlaps'),
    loadCommon(api),
  ]);
  const latest = common.rounds[0];
  const instrument = latest ? await loadInstrument(api, latest.instrument, latest.version).catch(() => undefined) : undefined;
  return { ...common, process, processes: list.items, overlaps: overlaps.items, instrument, topology: await topologyRead };
}
