/**
 * What the public pages read, through the API only. The browser and the static publication call the
 * same loaders with different clients, so both show exactly what the API publishes.
 */
import type { WorldMapGeometry } from '../charts/world-map-state.ts';
import { getJson, type ApiClient } from '../api/api-client.ts';
import type { Aggregates, AreaSummary, InstrumentVersion, Page, Publication, PublishedResult, Round } from '../api/api-types.ts';
import { normalizeAreaCode } from '../charts/category-scale.ts';

/** Areas by normalized code. */
export type AreaIndex = ReadonlyMap<string, AreaSummary>;

/** Everything public pages share: the areas and the rounds. */
export interface CommonData {
  areas: AreaIndex;
  rounds: Round[];
}

export async function loadCommon(api: ApiClient): Promise<CommonData> {
  const [areas, rounds] = await Promise.all([loadAreas(api), loadRounds(api)]);
  return { areas, rounds };
}

/** Every area, by normalized code. */
async function loadAreas(api: ApiClient): Promise<AreaIndex> {
  const areas = await getJson<Page<AreaSummary>>(api, '/areas?limit=500');
  return new Map(areas.items.map((area) => [normalizeAreaCode(area.code), area]));
}

/** The rounds, latest first. */
async function loadRounds(api: ApiClient): Promise<Round[]> {
  const rounds = await getJson<{ items: Round[] }>(api, '/rounds');
  return [...rounds.items].sort((left, right) => right.year - left.year);
}

/** The published results of a round year (all pages of them). */
export async function loadPublished(api: ApiClient, year: number, instrument: string): Promise<PublishedResult[]> {
  const items: PublishedResult[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await getJson<Page<PublishedResult>>(api, `/published/${year}?instrument=${encodeURIComponent(instrument)}&limit=500&offset=${offset}`);
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}

export async function loadInstrument(api: ApiClient, instrument: string, version: string): Promise<InstrumentVersion> {
  return getJson<InstrumentVersion>(api, `/instruments/${encodeURIComponent(instrument)}/versions/${encodeURIComponent(version)}`);
}

/** The round a page shows: the requested year, else the latest round with published results, else the latest round. */
export async function chooseRound(api: ApiClient, rounds: readonly Round[], year: number | undefined): Promise<{ round: Round | undefined; results: PublishedResult[] }> {
  if (year !== undefined) {
    const round = rounds.find((entry) => entry.year === year);
    return { round, results: round ? await loadPublished(api, round.year, round.instrument) : [] };
  }
  for (const round of rounds) {
    const results = await loadPublished(api, round.year, round.instrument);
    if (results.length > 0) return { round, results };
  }
  return { round: rounds[0], results: [] };
}

export interface DashboardData extends CommonData {
  round: Round | undefined;
  instrument: InstrumentVersion | undefined;
  results: PublishedResult[];
  aggregates: Aggregates | undefined;
  /** Codes of the SDG regions (the regional figures). */
  sdgRegions: string[];
  /** The projected world map (computed once when the app is built; the static site projects it once per publication). */
  map: WorldMapGeometry;
}

export async function loadDashboard(api: ApiClient, year: number | undefined, loadMap: () => Promise<WorldMapGeometry>): Promise<DashboardData> {
  const mapRead = loadMap();
  const regionsRead = getJson<Page<AreaSummary>>(api, '/areas?kind=sdg-region&limit=500');
  const areasRead = loadAreas(api);
  for (const read of [mapRead, regionsRead, areasRead]) read.catch(() => undefined);
  // The results wait for the rounds only, not for the areas (the longer read).
  const rounds = await loadRounds(api);
  // The latest (or requested) round is nearly always the one shown: read its instrument and aggregates alongside its results.
  const likely = year === undefined ? rounds[0] : rounds.find((entry) => entry.year === year);
  const early = likely
    ? Promise.all([loadInstrument(api, likely.instrument, likely.version), getJson<Aggregates>(api, `/aggregates/${likely.year}?instrument=${encodeURIComponent(likely.instrument)}`)])
    : undefined;
  early?.catch(() => undefined);
  const { round, results } = await chooseRound(api, rounds, year);
  const [instrument, aggregates] = !round
    ? [undefined, undefined]
    : round === likely && early
      ? await early
      : await Promise.all([loadInstrument(api, round.instrument, round.version), getJson<Aggregates>(api, `/aggregates/${round.year}?instrument=${encodeURIComponent(round.instrument)}`)]);
  const [map, sdgRegions, areas] = await Promise.all([mapRead, regionsRead, areasRead]);
  return { areas, rounds, round, instrument, results, aggregates, map, sdgRegions: sdgRegions.items.map((area) => normalizeAreaCode(area.code)) };
}

export interface CountryData extends CommonData {
  code: string;
  area: AreaSummary | undefined;
  round: Round | undefined;
  instrument: InstrumentVersion | undefined;
  /** Every publication of the round, oldest first (corrections stay visible). */
  publications: Publication[];
  /** The latest publication of the previous round with one. */
  previous: { year: number; result: PublishedResult } | undefined;
  /** The M49 region the comparison uses, with the round's results of its members. */
  region: { area: AreaSummary; members: string[] } | undefined;
  /** Published results of the round (for the regional comparison). */
  results: PublishedResult[];
}

/** The M49 region (kind `region`) above an area, walking up the parents. */
export function regionOf(areas: AreaIndex, code: string): AreaSummary | undefined {
  let current = areas.get(normalizeAreaCode(code));
  for (let depth = 0; current && depth < 6; depth += 1) {
    if (current.kind === 'region') return current;
    current = current.parent ? areas.get(normalizeAreaCode(current.parent)) : undefined;
  }
  return undefined;
}

export async function loadCountry(api: ApiClient, code: string, year: number | undefined): Promise<CountryData> {
  const common = await loadCommon(api);
  const { round, results } = await chooseRound(api, common.rounds, year);
  const normalized = normalizeAreaCode(code);
  // The list carries the ISO alpha-2 code, which localizes the name.
  const area = common.areas.get(normalized);
  if (!round) return { ...common, code: normalized, area, round, instrument: undefined, publications: [], previous: undefined, region: undefined, results };
  const instrument = await loadInstrument(api, round.instrument, round.version);
  const publications = (await getJson<{ items: Publication[] }>(api, `/published/${round.year}/${encodeURIComponent(code)}`)).items.filter((entry) => entry.instrument === round.instrument);
  let previous: CountryData['previous'];
  for (const earlier of common.rounds.filter((entry) => entry.year < round.year && entry.instrument === round.instrument)) {
    const found = (await loadPublished(api, earlier.year, earlier.instrument)).find((entry) => normalizeAreaCode(entry.jurisdiction) === normalized);
    if (found) {
      previous = { year: earlier.year, result: found };
      break;
    }
  }
  const regionArea = regionOf(common.areas, normalized);
  const region = regionArea ? { area: regionArea, members: (await getJson<{ memberCodes: string[] }>(api, `/areas/${encodeURIComponent(regionArea.code)}`)).memberCodes.map(normalizeAreaCode) } : undefined;
  return { ...common, code: normalized, area, round, instrument, publications, previous, region, results };
}

export interface CompareData extends CommonData {
  round: Round | undefined;
  instrument: InstrumentVersion | undefined;
  results: PublishedResult[];
  /** Members of each chosen group (countries map to themselves). */
  members: Map<string, string[]>;
}

export async function loadCompare(api: ApiClient, codes: readonly string[], year: number | undefined): Promise<CompareData> {
  const common = await loadCommon(api);
  const { round, results } = await chooseRound(api, common.rounds, year);
  const instrument = round ? await loadInstrument(api, round.instrument, round.version) : undefined;
  const members = new Map<string, string[]>();
  for (const code of codes) {
    const normalized = normalizeAreaCode(code);
    const area = common.areas.get(normalized);
    if (!area) continue;
    members.set(normalized, area.kind === 'country' ? [normalized] : (await getJson<{ memberCodes: string[] }>(api, `/areas/${encodeURIComponent(area.code)}`)).memberCodes.map(normalizeAreaCode));
  }
  return { ...common, round, instrument, results, members };
}

export interface MethodologyData {
  rounds: Round[];
  instruments: InstrumentVersion[];
}

export async function loadMethodology(api: ApiClient): Promise<MethodologyData> {
  const { rounds } = await loadCommon(api);
  const seen = new Set<string>();
  const instruments: InstrumentVersion[] = [];
  for (const round of rounds) {
    const key = `${round.instrument}@${round.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    instruments.push(await loadInstrument(api, round.instrument, round.version));
  }
  return { rounds, instruments };
}
