/**
 * What the public pages read, through the API only. The browser and the static publication call the
 * same loaders with different clients, so both show exactly what the API publishes.
 */
import type { WorldMapGeometry } from '../charts/world-map-state.ts';
import { getJson, type ApiClient } from '../api/api-client.ts';
import type {
  Aggregates,
  AreaResults,
  AreaSummary,
  CountryResult,
  InstrumentVersion,
  OfficialAggregate,
  OfficialSnapshot,
  Page,
  Publication,
  ResultRounds,
  Round,
  RoundResults,
} from '@migov/server/api';
import { ApiProblem } from '../api/api-client.ts';
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

export async function loadInstrument(api: ApiClient, instrument: string, version: string): Promise<InstrumentVersion> {
  return getJson<InstrumentVersion>(
    api,
    `/instruments/${encodeURIComponent(instrument)}/versions/${encodeURIComponent(version)}`,
  );
}

/** The 10.7.2 instrument and the version its built-in definition carries (domain and band labels of official-only rounds). */
const SDG_10_7_2 = { instrument: 'sdg-10-7-2', version: '2019' } as const;

/** A round the observatory shows: a year with 10.7.2 values (official, national or demo), or a migov round still without values. */
export type ShownRound = ResultRounds['rounds'][number];

/** What `GET /results` says (the official snapshot, the rounds latest first, whether any shown value is demo content), with the migov rounds still without values. */
export type ResultsIndex = ResultRounds;

/** An official aggregate with a figure to show (the UN publishes SG_CPA_MIGRP as a percentage; N has none). */
export type OfficialFigure = OfficialAggregate & { value: number };

export function isOfficialFigure(aggregate: OfficialAggregate): aggregate is OfficialFigure {
  return typeof aggregate.value === 'number';
}

/** The rounds with 10.7.2 values, completed by the migov rounds of the same instrument that have none yet (latest first). */
export async function loadResultsIndex(api: ApiClient, migovRounds: readonly Round[]): Promise<ResultsIndex> {
  return resultsIndexOf(await getJson<ResultRounds>(api, '/results'), migovRounds);
}

/** {@link loadResultsIndex} of an answer already read. */
function resultsIndexOf(index: ResultRounds, migovRounds: readonly Round[]): ResultsIndex {
  const versionOf = (year: number, instrument: string) =>
    migovRounds.find((round) => round.year === year && round.instrument === instrument)?.version;
  const rounds = new Map<number, ShownRound>();
  for (const entry of index.rounds)
    rounds.set(entry.year, {
      year: entry.year,
      instrument: entry.instrument,
      version: entry.version || (versionOf(entry.year, entry.instrument) ?? SDG_10_7_2.version),
      official: entry.official,
      national: entry.national,
      demo: entry.demo,
    });
  for (const round of migovRounds) {
    if (round.instrument === SDG_10_7_2.instrument && !rounds.has(round.year))
      rounds.set(round.year, {
        year: round.year,
        instrument: round.instrument,
        version: round.version,
        official: 0,
        national: 0,
        demo: 0,
      });
  }
  return {
    snapshot: index.snapshot,
    rounds: [...rounds.values()].sort((left, right) => right.year - left.year),
    containsDemo: index.containsDemo,
  };
}

/** The round a page shows: the requested year, else the latest round with official or national values (demo never leads), else the latest with any value, else the latest round. */
export function pickRound(rounds: readonly ShownRound[], year: number | undefined): ShownRound | undefined {
  if (year !== undefined) return rounds.find((round) => round.year === year);
  return (
    rounds.find((round) => round.official + round.national > 0) ?? rounds.find((round) => round.demo > 0) ?? rounds[0]
  );
}

/** Every country's 10.7.2 result of a round (all pages), as the results service shows them. */
async function loadRoundResults(
  api: ApiClient,
  round: Pick<ShownRound, 'year' | 'instrument'>,
): Promise<{ items: CountryResult[]; containsDemo: boolean; snapshot: OfficialSnapshot | null }> {
  const items: CountryResult[] = [];
  let containsDemo = false;
  let snapshot: OfficialSnapshot | null = null;
  for (let offset = 0; ; offset += 500) {
    const page = await getJson<RoundResults>(
      api,
      `/results/${round.year}?instrument=${encodeURIComponent(round.instrument)}&limit=500&offset=${offset}`,
    );
    items.push(...page.items);
    containsDemo ||= page.containsDemo;
    snapshot ??= page.snapshot;
    if (items.length >= page.total || page.items.length === 0) return { items, containsDemo, snapshot };
  }
}

/** The aggregates of a round: the UN's figures (official) and migov's own (computed). */
function loadAggregates(api: ApiClient, round: Pick<ShownRound, 'year' | 'instrument'>): Promise<Aggregates> {
  return getJson<Aggregates>(api, `/aggregates/${round.year}?instrument=${encodeURIComponent(round.instrument)}`);
}

export interface DashboardData extends CommonData {
  /** The official snapshot and the rounds with values. */
  index: ResultsIndex;
  round: ShownRound | undefined;
  instrument: InstrumentVersion | undefined;
  /** Every country's shown value of the round, with its provenance. */
  results: CountryResult[];
  aggregates: Aggregates | undefined;
  /** Some value on the page is demo content. */
  containsDemo: boolean;
  /** Codes of the SDG regions (the regional figures). */
  sdgRegions: string[];
  /** The projected world map (computed once when the app is built; the static site projects it once per publication). */
  map: WorldMapGeometry;
}

export async function loadDashboard(
  api: ApiClient,
  year: number | undefined,
  loadMap: () => Promise<WorldMapGeometry>,
): Promise<DashboardData> {
  const mapRead = loadMap();
  const regionsRead = getJson<Page<AreaSummary>>(api, '/areas?kind=sdg-region&limit=500');
  const areasRead = loadAreas(api);
  for (const read of [mapRead, regionsRead, areasRead]) read.catch(() => undefined);
  // The results wait for the rounds only, not for the areas (the longer read).
  const indexRead = getJson<ResultRounds>(api, '/results');
  indexRead.catch(() => undefined);
  const rounds = await loadRounds(api);
  const index = resultsIndexOf(await indexRead, rounds);
  const round = pickRound(index.rounds, year);
  const [instrument, results, aggregates] = round
    ? await Promise.all([
        loadInstrument(api, round.instrument, round.version),
        loadRoundResults(api, round),
        loadAggregates(api, round),
      ])
    : [undefined, undefined, undefined];
  const [map, sdgRegions, areas] = await Promise.all([mapRead, regionsRead, areasRead]);
  return {
    areas,
    rounds,
    index,
    round,
    instrument,
    results: results?.items ?? [],
    aggregates,
    containsDemo: Boolean(results?.containsDemo || aggregates?.containsDemo),
    map,
    sdgRegions: sdgRegions.items.map((area) => normalizeAreaCode(area.code)),
  };
}

export interface CountryData extends CommonData {
  code: string;
  area: AreaSummary | undefined;
  /** Every round with a 10.7.2 value for the country, oldest first, each with its provenance. */
  history: CountryResult[];
  snapshot: OfficialSnapshot | null;
  /** The round shown: the requested year, else the latest with a value. */
  year: number | undefined;
  shown: CountryResult | undefined;
  instrument: InstrumentVersion | undefined;
  /** Every national publication of the shown round, oldest first (corrections stay visible): the answers and evidence. */
  publications: Publication[];
  /** The M49 region the comparison uses, with its members' shown values of the round. */
  region: { area: AreaSummary; members: string[]; results: CountryResult[] } | undefined;
  containsDemo: boolean;
}

/** The M49 region (kind `region`) above an area, walking up the parents. */
function regionOf(areas: AreaIndex, code: string): AreaSummary | undefined {
  let current = areas.get(normalizeAreaCode(code));
  for (let depth = 0; current && depth < 6; depth += 1) {
    if (current.kind === 'region') return current;
    current = current.parent ? areas.get(normalizeAreaCode(current.parent)) : undefined;
  }
  return undefined;
}

/** Read an answer, or undefined when the API does not know the resource (404). */
async function optional<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) return undefined;
    throw error;
  }
}

export async function loadCountry(api: ApiClient, code: string, year: number | undefined): Promise<CountryData> {
  const normalized = normalizeAreaCode(code);
  const [common, results] = await Promise.all([
    loadCommon(api),
    optional(getJson<AreaResults>(api, `/areas/${encodeURIComponent(normalized)}/results`)),
  ]);
  // The list carries the ISO alpha-2 code, which localizes the name.
  const area = common.areas.get(normalized);
  const history = [...(results?.items ?? [])].sort((left, right) => left.year - right.year);
  // Without a year: the latest round whose value is not demo content, else the latest.
  const shown =
    year === undefined
      ? (history.filter((entry) => entry.shown !== 'demo').at(-1) ?? history.at(-1))
      : history.find((entry) => entry.year === year);
  const shownYear = year ?? shown?.year;
  const instrumentOf =
    common.rounds.find((round) => round.year === shownYear && round.instrument === SDG_10_7_2.instrument) ?? SDG_10_7_2;
  const instrument = await loadInstrument(api, instrumentOf.instrument, instrumentOf.version);
  const publications =
    shownYear === undefined
      ? []
      : (
          (
            await optional(
              getJson<{ items: Publication[] }>(api, `/published/${shownYear}/${encodeURIComponent(normalized)}`),
            )
          )?.items ?? []
        ).filter((entry) => entry.instrument === instrument.instrument);
  const regionArea = regionOf(common.areas, normalized);
  let region: CountryData['region'];
  if (regionArea && shownYear !== undefined) {
    const members = (
      await getJson<{ memberCodes: string[] }>(api, `/areas/${encodeURIComponent(regionArea.code)}`)
    ).memberCodes.map(normalizeAreaCode);
    const round = await loadRoundResults(api, { year: shownYear, instrument: instrument.instrument });
    region = {
      area: regionArea,
      members,
      results: round.items.filter((entry) => members.includes(normalizeAreaCode(entry.area))),
    };
  }
  const containsDemo =
    history.some((entry) => entry.value.provenance.kind === 'demo' || entry.national?.provenance.kind === 'demo') ||
    Boolean(region?.results.some((entry) => entry.value.provenance.kind === 'demo'));
  return {
    ...common,
    code: normalized,
    area,
    history,
    snapshot: results?.snapshot ?? null,
    year: shownYear,
    shown,
    instrument,
    publications,
    region,
    containsDemo,
  };
}

export interface CompareData extends CommonData {
  index: ResultsIndex;
  round: ShownRound | undefined;
  instrument: InstrumentVersion | undefined;
  /** Every country's shown value of the round. */
  results: CountryResult[];
  aggregates: Aggregates | undefined;
  /** Members of each chosen group (countries map to themselves). */
  members: Map<string, string[]>;
  containsDemo: boolean;
}

export async function loadCompare(
  api: ApiClient,
  codes: readonly string[],
  year: number | undefined,
): Promise<CompareData> {
  const common = await loadCommon(api);
  const index = await loadResultsIndex(api, common.rounds);
  const round = pickRound(index.rounds, year);
  const [instrument, results, aggregates] = round
    ? await Promise.all([
        loadInstrument(api, round.instrument, round.version),
        loadRoundResults(api, round),
        loadAggregates(api, round),
      ])
    : [undefined, undefined, undefined];
  const members = new Map<string, string[]>();
  for (const code of codes) {
    const normalized = normalizeAreaCode(code);
    const area = common.areas.get(normalized);
    if (!area) continue;
    members.set(
      normalized,
      area.kind === 'country'
        ? [normalized]
        : (await getJson<{ memberCodes: string[] }>(api, `/areas/${encodeURIComponent(area.code)}`)).memberCodes.map(
            normalizeAreaCode,
          ),
    );
  }
  const chosen = new Set([...members.values()].flat());
  const containsDemo = Boolean(
    results?.items.some((entry) => chosen.has(normalizeAreaCode(entry.area)) && entry.value.provenance.kind === 'demo'),
  );
  return { ...common, index, round, instrument, results: results?.items ?? [], aggregates, members, containsDemo };
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
