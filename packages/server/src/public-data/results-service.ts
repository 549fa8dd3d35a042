/**
 * The one results service: every 10.7.2 value a page, download, API answer, brief, gap list or
 * partnership group result shows is read here, with its provenance — `official` (the UN's publication,
 * from the snapshot or an imported file), `national` (a publication made in migov), `computed` (a figure
 * computed by migov, n of N countries) or `demo` (never official). The precedence rule is in core
 * (`resolveCountryResult`) and written down in docs/official-data.md.
 */
import {
  aggregateMigrp,
  computedLabel,
  DEMO_LABEL,
  nationalLabel,
  normalizeM49,
  resolveCountryResult,
  resultValues,
  SDG_10_7_2_V2019,
  type CountryResult,
  type MigrpAggregate,
  type Observation,
  type Problem,
  type PolicyDomainCode,
  type Provenance,
  type ResultValues,
} from '@migov/core';
import {
  currentOfficialSnapshot,
  listNationalResultKinds,
  listNationalResults,
  listOfficialSnapshots,
  listSourcedObservations,
  DEMO_IMPORT_FORMAT,
  type LoadedSnapshot,
  type NationalResult,
  type SourcedObservation,
} from '@migov/db';
import type { AppContext } from '../context.ts';

/** The 10.7.2 instrument whose publications are SG_CPA_MIGRS values. */
export const SDG_10_7_2 = 'sdg-10-7-2';
/** The version of the instrument the UN's SG_CPA_MIGRS categories follow (the same domains and bands). */
const SDG_10_7_2_VERSION = SDG_10_7_2_V2019.version;

type Context = Pick<AppContext, 'db' | 'geography'>;

/** The snapshot as the API shows it. */
export function snapshotView(snapshot: LoadedSnapshot | undefined) {
  if (!snapshot) return null;
  const { id, source, sourceDetail, retrievedOn, origin, label, loadedAt, series } = snapshot;
  return { id, source, sourceDetail, retrievedOn, origin, label, loadedAt, series };
}

/** Provenance of an imported SG_CPA_MIGRS/SG_CPA_MIGRP value. */
function observationProvenance(
  observation: SourcedObservation,
  snapshots: ReadonlyMap<string, LoadedSnapshot>,
): Provenance {
  if (observation.sourceFormat === DEMO_IMPORT_FORMAT) return { kind: 'demo', label: DEMO_LABEL };
  const snapshot = snapshots.get(observation.importId);
  if (snapshot)
    return {
      kind: 'official',
      label: snapshot.label,
      source: `${snapshot.source} (${observation.series})`,
      series: observation.series,
      snapshot: { id: snapshot.id, retrievedOn: snapshot.retrievedOn },
    };
  return {
    kind: 'official',
    label: `${observation.sourceName}, imported ${observation.importedAt.slice(0, 10)}`,
    source: observation.sourceName,
    series: observation.series,
  };
}

function nationalProvenance(result: NationalResult): Provenance {
  if (result.demo)
    return {
      kind: 'demo',
      label: DEMO_LABEL,
      publicationNumber: result.publicationNumber,
      publishedAt: result.publishedAt,
    };
  return {
    kind: 'national',
    label: nationalLabel(result.publicationNumber, result.publishedAt, result.validatedBy),
    publicationNumber: result.publicationNumber,
    publishedAt: result.publishedAt,
    validatedBy: result.validatedBy,
  };
}

function nationalValues(result: NationalResult): ResultValues {
  const categories = new Map<string, number | 'N'>();
  for (const score of [result.results.overall, ...result.results.domains])
    categories.set(score.code, score.status === 'scored' && score.category !== undefined ? score.category : 'N');
  return resultValues(categories, nationalProvenance(result));
}

/** Snapshots by the observation import that holds their values. */
async function snapshotsByImport(context: Context): Promise<Map<string, LoadedSnapshot>> {
  return new Map(
    (await listOfficialSnapshots(context.db)).flatMap((snapshot) =>
      snapshot.observationImportId ? [[snapshot.observationImportId, snapshot] as const] : [],
    ),
  );
}

const keyOf = (area: string, year: number) => `${area}|${year}`;

/**
 * Every country's results (of a year, of an area, or all), with the precedence applied. Sub-national
 * jurisdictions are not SDG series and are left out.
 */
export async function countryResults(
  context: Context,
  filters: { year?: number; area?: string; instrument?: string } = {},
): Promise<CountryResult[]> {
  const instrument = filters.instrument ?? SDG_10_7_2;
  if (instrument !== SDG_10_7_2) return [];
  const area = filters.area === undefined ? undefined : (normalizeM49(filters.area) ?? filters.area);
  const [observations, national, snapshots] = await Promise.all([
    listSourcedObservations(context.db, {
      series: 'SG_CPA_MIGRS',
      ...(filters.year !== undefined ? { year: filters.year } : {}),
      ...(area !== undefined ? { area } : {}),
    }),
    listNationalResults(context.db, {
      instrument,
      ...(filters.year !== undefined ? { year: filters.year } : {}),
      ...(area !== undefined ? { jurisdiction: area } : {}),
    }),
    snapshotsByImport(context),
  ]);
  const official = new Map<string, { categories: Map<string, number | 'N'>; provenance: Provenance }>();
  const demo = new Map<string, { categories: Map<string, number | 'N'>; provenance: Provenance }>();
  for (const observation of observations) {
    const target = observation.sourceFormat === DEMO_IMPORT_FORMAT ? demo : official;
    const key = keyOf(observation.area, observation.year);
    let entry = target.get(key);
    if (!entry)
      target.set(key, (entry = { categories: new Map(), provenance: observationProvenance(observation, snapshots) }));
    if (!entry.categories.has(observation.domain)) entry.categories.set(observation.domain, observation.value);
  }
  const published = new Map<string, ResultValues>();
  for (const result of national) {
    const code = normalizeM49(result.jurisdiction);
    if (code !== undefined) published.set(keyOf(code, result.year), nationalValues(result));
  }
  const keys = new Set([...official.keys(), ...published.keys(), ...demo.keys()]);
  const results: CountryResult[] = [];
  for (const key of keys) {
    const [code = '', yearText = ''] = key.split('|');
    const found = context.geography.findArea(code);
    if (!found || found.kind !== 'country') continue;
    const officialEntry = official.get(key);
    const demoEntry = demo.get(key);
    const nationalValue =
      published.get(key) ?? (demoEntry ? resultValues(demoEntry.categories, demoEntry.provenance) : undefined);
    const result = resolveCountryResult({
      area: found.code,
      name: found.name,
      year: Number(yearText),
      ...(officialEntry ? { official: resultValues(officialEntry.categories, officialEntry.provenance) } : {}),
      ...(nationalValue ? { national: nationalValue } : {}),
    });
    if (result) results.push(result);
  }
  return results.sort((left, right) => left.year - right.year || Number(left.area) - Number(right.area));
}

/**
 * The rounds with any value, newest first, counting countries by the provenance of the value shown.
 * Only which values exist matters here (the precedence of {@link resolveCountryResult}: official,
 * else national or demo), so no publication's values are read: the whole history grows with the
 * rounds, and this answer with them.
 */
export async function resultRounds(context: Context) {
  const [observations, national, snapshot] = await Promise.all([
    listSourcedObservations(context.db, { series: 'SG_CPA_MIGRS' }),
    listNationalResultKinds(context.db, { instrument: SDG_10_7_2 }),
    currentOfficialSnapshot(context.db),
  ]);
  const official = new Set<string>();
  const demoObserved = new Set<string>();
  for (const observation of observations)
    (observation.sourceFormat === DEMO_IMPORT_FORMAT ? demoObserved : official).add(
      keyOf(observation.area, observation.year),
    );
  /** Published values by key: whether demo. */
  const published = new Map<string, boolean>();
  for (const result of national) {
    const code = normalizeM49(result.jurisdiction);
    if (code !== undefined) published.set(keyOf(code, result.year), result.demo);
  }
  const rounds = new Map<
    number,
    { year: number; instrument: string; version: string; official: number; national: number; demo: number }
  >();
  let demo = false;
  for (const key of new Set([...official, ...published.keys(), ...demoObserved])) {
    const [code = '', yearText = ''] = key.split('|');
    const found = context.geography.findArea(code);
    if (!found || found.kind !== 'country') continue;
    const nationalKind = published.has(key)
      ? published.get(key)
        ? 'demo'
        : 'national'
      : demoObserved.has(key)
        ? 'demo'
        : undefined;
    if (nationalKind === 'demo') demo = true;
    const shown = official.has(key) ? 'official' : nationalKind;
    if (!shown) continue;
    const year = Number(yearText);
    const round = rounds.get(year) ?? {
      year,
      instrument: SDG_10_7_2,
      version: SDG_10_7_2_VERSION,
      official: 0,
      national: 0,
      demo: 0,
    };
    round[shown] += 1;
    rounds.set(year, round);
  }
  return {
    snapshot: snapshotView(snapshot),
    rounds: [...rounds.values()].sort((left, right) => right.year - left.year),
    containsDemo: demo,
  };
}

/** The values shown, as SG_CPA_MIGRS observations (for aggregation and downloads), with the provenance of each. */
export function shownObservations(
  results: readonly CountryResult[],
): { observation: Observation; provenance: Provenance }[] {
  return results.flatMap((result) =>
    [result.value.overall, ...result.value.domains]
      .filter((value) => value.status !== 'no-data')
      .map((value) => ({
        observation: {
          series: 'SG_CPA_MIGRS' as const,
          area: result.area,
          year: result.year,
          domain: value.code as PolicyDomainCode,
          value: value.category ?? ('N' as const),
          nature: 'C',
          source: result.value.provenance.label,
        },
        provenance: result.value.provenance,
      })),
  );
}

/**
 * A round's SG_CPA_MIGRP: the UN's published aggregates as published, with the coverage the UN states,
 * and apart from them migov's computed aggregates of the values shown (n of N countries), labelled.
 */
export async function roundAggregates(context: Context, year: number, group?: string) {
  const all = await countryResults(context, { year });
  // Demo values never enter a figure computed from real ones: a round with only demo values gets a demo figure, labelled.
  const real = all.filter((result) => result.value.provenance.kind !== 'demo');
  const results = real.length > 0 ? real : all;
  const shown = shownObservations(results);
  const demoAreas = new Set(
    results.filter((result) => result.value.provenance.kind === 'demo').map((result) => result.area),
  );
  const [published, snapshots] = await Promise.all([
    listSourcedObservations(context.db, {
      series: 'SG_CPA_MIGRP',
      year,
      ...(group !== undefined ? { area: group } : {}),
    }),
    snapshotsByImport(context),
  ]);
  const coverage = [...snapshots.values()].flatMap((snapshot) => snapshot.coverage);
  const official = published
    .filter((observation) => observation.sourceFormat !== DEMO_IMPORT_FORMAT)
    .map((observation) => {
      const stated = coverage.find((entry) => entry.area === observation.area && entry.year === observation.year);
      return {
        series: observation.series,
        area: observation.area,
        name: context.geography.findArea(observation.area)?.name ?? observation.area,
        year: observation.year,
        domain: observation.domain,
        value: observation.value,
        ...(observation.nature ? { nature: observation.nature } : {}),
        coverage: stated ? { responding: stated.responding, publishedPerCountry: stated.publishedPerCountry } : null,
        provenance: observationProvenance(observation, snapshots),
      };
    });
  let computed: (MigrpAggregate & { provenance: Provenance })[] = [];
  let problems: Problem[] = [];
  let computedDemo = false;
  if (shown.length > 0) {
    const result = aggregateMigrp(
      shown.map((entry) => entry.observation),
      { geography: context.geography, ...(group !== undefined ? { areas: [group] } : {}) },
    );
    problems = result.problems;
    computed = result.aggregates
      .filter((aggregate) => aggregate.year === year)
      .map((aggregate) => {
        const withDemo =
          demoAreas.size > 0 &&
          context.geography.areaMembers(aggregate.area, { asOf: year }).some((member) => demoAreas.has(member));
        computedDemo ||= withDemo;
        const provenance: Provenance = withDemo
          ? {
              kind: 'demo',
              label: `${DEMO_LABEL} (${computedLabel(aggregate.coverage.responding, aggregate.coverage.members)}, demo values among them)`,
            }
          : {
              kind: 'computed',
              label: computedLabel(aggregate.coverage.responding, aggregate.coverage.members),
              responding: aggregate.coverage.responding,
              members: aggregate.coverage.members,
            };
        return { ...aggregate, provenance };
      });
  }
  return {
    year,
    instrument: SDG_10_7_2,
    snapshot: snapshotView(await currentOfficialSnapshot(context.db)),
    containsDemo: computedDemo,
    official,
    computed,
    /** The official aggregates in the earlier shape (kept for existing clients). */
    published: official.map(({ series, area, year: round, domain, value, nature }) => ({
      series,
      area,
      year: round,
      domain,
      value,
      ...(nature ? { nature } : {}),
    })),
    problems,
  };
}
