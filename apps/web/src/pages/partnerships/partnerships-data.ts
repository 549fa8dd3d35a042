/** What the partnership pages read, through the API only (the browser and the static publication pass different clients). */
import type { WorldMapGeometry } from '../../charts/world-map-state.ts';
import { getJson, type ApiClient } from '../../api/api-client.ts';
import type { InstrumentVersion } from '@migov/server/api';
import { loadCommon, loadInstrument, type CommonData } from '../public-data.ts';
import type { PartnershipDetail, PartnershipOverlap, PartnershipSummary } from './partnership-state.ts';

/** The built-in SDG 10.7.2 instrument, whose domain codes the group results use. */
const SDG_INSTRUMENT = { id: 'sdg-10-7-2', version: '2019' } as const;

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
  /** The SDG 10.7.2 instrument of the latest round (else the built-in version), for domain names; absent if the server has none. */
  instrument: InstrumentVersion | undefined;
  map: WorldMapGeometry;
}

/** A process page's data; `asOf` (YYYY, YYYY-MM or YYYY-MM-DD) dates the members and overlaps, else the current records count. */
export async function loadPartnership(
  api: ApiClient,
  id: string,
  loadMap: () => Promise<WorldMapGeometry>,
  asOf?: string,
): Promise<PartnershipData> {
  const query = asOf ? `?asOf=${encodeURIComponent(asOf)}` : '';
  const mapRead = loadMap();
  mapRead.catch(() => undefined);
  const [process, list, overlaps, common] = await Promise.all([
    getJson<PartnershipDetail>(api, `/partnerships/${encodeURIComponent(id)}${query}`),
    getJson<{ items: PartnershipSummary[] }>(api, '/partnerships'),
    getJson<{ items: PartnershipOverlap[] }>(api, `/partnerships/overlaps${query}`),
    loadCommon(api),
  ]);
  // 10.7.2 observations use the domain codes of the official instrument; its labels name them even before any round exists.
  const version =
    common.rounds.find((round) => round.instrument === SDG_INSTRUMENT.id)?.version ?? SDG_INSTRUMENT.version;
  const instrument = await loadInstrument(api, SDG_INSTRUMENT.id, version).catch(() => undefined);
  return { ...common, process, processes: list.items, overlaps: overlaps.items, instrument, map: await mapRead };
}

/** What the registry editor reads: the process with every record, the registry version edits start from, and the countries to choose from. */
export interface PartnershipEditData extends CommonData {
  process: PartnershipDetail;
  version: number;
}

export async function loadPartnershipEdit(api: ApiClient, id: string): Promise<PartnershipEditData> {
  const [process, list, common] = await Promise.all([
    getJson<PartnershipDetail>(api, `/partnerships/${encodeURIComponent(id)}`),
    getJson<{ version: number }>(api, '/partnerships'),
    loadCommon(api),
  ]);
  return { ...common, process, version: list.version };
}
