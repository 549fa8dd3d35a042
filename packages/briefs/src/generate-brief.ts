/**
 * Generate version 1 of a country's Cooperation Framework brief from core results: 10.7.2 results,
 * an optional MGI-style profile, gaps mapped through the crosswalk, the consultation processes of the
 * partnership registry, entry points across the planning cycle and the mainstreaming checklist.
 * Pure: the caller passes the data and the clock.
 */
import {
  DEFAULT_CROSSWALK,
  DEFAULT_PARTNERSHIP_REGISTRY,
  EDITORIAL_LABEL,
  MAINSTREAMING_COUNTRIES,
  SDG_MIGRATION_INDICATORS,
  findArea,
  mapDomainGap,
  processesOfArea,
  compareProfiles,
  type Crosswalk,
  type PartnershipRegistry,
  type ProfileResult,
  type Sdg1072DomainCode,
} from '@migov/core';
import {
  BriefConflictError,
  BriefInputError,
  CHECKLIST_STATUSES,
  latestBriefVersion,
  MAINSTREAMING_ELEMENTS,
  MAINSTREAMING_ELEMENT_TITLES,
  PLANNING_STAGE_TITLES,
  type BriefChecklistItem,
  type BriefContent,
  type BriefDocument,
  type BriefEntryPoint,
  type BriefGap,
  type BriefMgiSummary,
  type BriefProcess,
  type BriefResults,
  type ChecklistStatus,
  type MainstreamingElement,
} from './brief.model.ts';

/** What a brief is generated from. */
export interface GenerateBriefInput {
  /** M49 code or ISO 3166-1 alpha-3/alpha-2 code of a country. */
  area: string;
  results: BriefResults;
  /** An MGI-style profile of the country, with the year of its round. */
  mgi?: { profile: ProfileResult; year?: number; previous?: { profile: ProfileResult; year?: number } };
  crosswalk?: Crosswalk;
  registry?: PartnershipRegistry;
  /** What is known of the mainstreaming set-up; the rest is "not yet known". */
  checklist?: Partial<Record<MainstreamingElement, { status: ChecklistStatus; note?: string }>>;
  /** Stable id of the brief; default `brief-<area>-<year>`. */
  id?: string;
  generatedAt: string;
  generatedBy: string;
}

const listText = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

function gapsOf(results: BriefResults, crosswalk: Crosswalk): BriefGap[] {
  return results.domains.flatMap((result) => {
    if (
      result.domain === 'ALLDOMAINS' ||
      result.status !== 'result' ||
      (result.category !== 1 && result.category !== 2)
    )
      return [];
    return [
      {
        ...mapDomainGap(crosswalk, result.domain as Sdg1072DomainCode),
        domainName: result.name,
        category: result.category,
        categoryLabel: result.categoryLabel ?? '',
      },
    ];
  });
}

function profileChanges(
  previous: { profile: ProfileResult; year?: number },
  profile: ProfileResult,
): NonNullable<BriefMgiSummary['changes']> {
  if (previous.profile.status === 'invalid')
    throw new BriefInputError('mgi.previous.profile', 'the earlier profile is invalid');
  const comparison = compareProfiles(previous.profile, profile);
  return {
    ...(previous.year === undefined ? {} : { sinceYear: previous.year }),
    dimensions: comparison.dimensions
      .filter((dimension) => dimension.becameWellDeveloped.length > 0 || dimension.newlyFurtherDevelopment.length > 0)
      .map(({ label, becameWellDeveloped, newlyFurtherDevelopment }) => ({
        label,
        becameWellDeveloped,
        newlyFurtherDevelopment,
      })),
  };
}

function mgiSummary(input: GenerateBriefInput['mgi']): BriefMgiSummary | undefined {
  if (!input) return undefined;
  const { profile } = input;
  if (profile.status === 'invalid')
    throw new BriefInputError(
      'mgi.profile',
      `the profile is invalid: ${profile.problems.map((problem) => problem.message).join('; ')}`,
    );
  return {
    instrument: profile.instrument,
    version: profile.version,
    ...(input.year === undefined ? {} : { year: input.year }),
    exampleInstrument: profile.exampleWording,
    dimensions: profile.dimensions.map((dimension) => ({
      label: dimension.label,
      wellDeveloped: dimension.wellDeveloped,
      furtherDevelopment: dimension.furtherDevelopment,
    })),
    ...(input.previous ? { changes: profileChanges(input.previous, profile) } : {}),
  };
}

/**
 * The processes the area belongs to, as facts: only verified membership records. An unverified record
 * (no primary source) never reaches the brief as a fact; it is named as not compiled, with its reason.
 */
function processesOf(
  registry: PartnershipRegistry,
  area: string,
): { processes: BriefProcess[]; notCompiled: string[] } {
  const all = processesOfArea(registry, area, { includeObservers: true, includeUnverified: true });
  const processes = all
    .filter(({ membership }) => !membership.unverified)
    .map(({ process, membership }) => ({
      id: process.id,
      acronym: process.acronym,
      name: process.name,
      type: process.types.at(-1)?.type ?? process.typeText,
      role: membership.role,
      asOf: membership.asOf,
      source: membership.source,
      unverified: false,
    }));
  const notCompiled = all
    .filter(({ membership }) => membership.unverified)
    .map(
      ({ process, membership }) =>
        `Membership in ${process.acronym || process.name} not compiled (left out of this brief): ${membership.unverifiedReason ?? 'no primary source confirms it'}.`,
    );
  return { processes, notCompiled };
}

function entryPoints(
  area: string,
  results: BriefResults,
  gaps: readonly BriefGap[],
  processes: readonly BriefProcess[],
): BriefEntryPoint[] {
  const gapNames = gaps.map((gap) => gap.domainName);
  const objectives = [
    ...new Map(gaps.flatMap((gap) => gap.gcmObjectives).map((objective) => [objective.objective, objective])).values(),
  ].sort((a, b) => a.objective - b.objective);
  const targets = [...new Set(gaps.flatMap((gap) => gap.sdgTargets.map((target) => target.target)))];
  const indicators = SDG_MIGRATION_INDICATORS.filter((indicator) => targets.includes(indicator.target)).map(
    (indicator) => indicator.id,
  );
  const round = results.year === undefined ? 'the latest round' : `the ${results.year} round`;
  const texts: Record<BriefEntryPoint['stage'], string> = {
    roadmap: `Name migration governance in the Cooperation Framework roadmap for ${area} and bring the government focal point, the inter-ministerial mechanism and the UN Network on Migration into its consultations${processes.length > 0 ? `; draw on the country's work in ${listText(processes.map((process) => process.acronym))}` : ''}.`,
    'common-country-analysis':
      gaps.length > 0
        ? `Analyse the 10.7.2 gaps of ${round} (${listText(gapNames)}) with the MGI profile and national data, and disaggregate SDG data by migratory status (target 17.18).`
        : results.domains.some((domain) => domain.status === 'result')
          ? `Record that ${area} meets or fully meets every 10.7.2 domain with a result in ${round}; analyse migrants' situation with data disaggregated by migratory status (target 17.18).`
          : `No 10.7.2 result is available for ${area}: gather the 10.7.2 and MGI results first, and analyse migrants' situation with data disaggregated by migratory status (target 17.18).`,
    'prioritization-theory-of-change':
      objectives.length > 0
        ? `Link the priorities to GCM objectives ${listText(objectives.map((objective) => String(objective.objective)))} (${listText(objectives.map((objective) => objective.shortLabel))}) in the theory of change.`
        : 'Keep migration in the theory of change through the GCM guiding principles (whole-of-government and whole-of-society approaches).',
    'results-matrix': `Use migration-sensitive indicators: 10.7.2 by domain${indicators.filter((indicator) => indicator !== '10.7.2').length > 0 ? `, and ${listText(indicators.filter((indicator) => indicator !== '10.7.2'))} for the mapped SDG targets` : ''}, disaggregated by migratory status where possible.`,
    'monitoring-evaluation': `Follow the next 10.7.2 round and an MGI follow-up assessment, and report progress to the regional GCM reviews and the International Migration Review Forum.`,
  };
  return (Object.keys(texts) as BriefEntryPoint['stage'][]).map((stage) => ({
    stage,
    title: PLANNING_STAGE_TITLES[stage],
    text: texts[stage],
  }));
}

function checklistOf(area: string, given: GenerateBriefInput['checklist'] = {}): BriefChecklistItem[] {
  const programme = MAINSTREAMING_COUNTRIES.find((country) => country.area === area);
  return MAINSTREAMING_ELEMENTS.map((element) => {
    const entry = given[element];
    if (entry && !(CHECKLIST_STATUSES as readonly string[]).includes(entry.status)) {
      throw new BriefInputError(
        `checklist.${element}.status`,
        `${entry.status} (statuses: ${CHECKLIST_STATUSES.join(', ')})`,
      );
    }
    const programmeNote =
      programme && element === 'government-focal-point'
        ? `UNDP-IOM joint programme "Mainstreaming Migration into National Development Strategies" (${programme.phase}); government partner: ${programme.governmentPartner} (${programme.source})`
        : undefined;
    const note = [entry?.note, programmeNote].filter(Boolean).join('; ');
    return {
      element,
      title: MAINSTREAMING_ELEMENT_TITLES[element],
      status: entry?.status ?? 'unknown',
      ...(note ? { note } : {}),
    };
  });
}

/**
 * Generate a brief (version 1). Throws BriefInputError for an unknown area or bad input.
 * @example generateBrief({ area: 'PHL', results: resultsFromObservations(observations, '608'), generatedAt: new Date().toISOString(), generatedBy: 'cli' })
 */
export function generateBrief(input: GenerateBriefInput): BriefDocument {
  const area = findArea(input.area.trim());
  if (!area || area.kind !== 'country')
    throw new BriefInputError('area', `${input.area} is not a country (give an M49 code or an ISO 3166-1 code)`);
  if (Number.isNaN(Date.parse(input.generatedAt)))
    throw new BriefInputError('generatedAt', `${input.generatedAt} is not a date-time`);
  const crosswalk = input.crosswalk ?? DEFAULT_CROSSWALK;
  const registry = input.registry ?? DEFAULT_PARTNERSHIP_REGISTRY;
  const gaps = gapsOf(input.results, crosswalk);
  const { processes, notCompiled } = processesOf(registry, area.code);
  const overall = input.results.domains.find((domain) => domain.domain === 'ALLDOMAINS');
  const round =
    input.results.year === undefined
      ? 'no published 10.7.2 round'
      : `the ${input.results.year} round of SDG indicator 10.7.2`;
  const hasResults = input.results.domains.some((domain) => domain.status === 'result');
  const gapText =
    gaps.length === 0
      ? 'No domain requires further progress or only partially meets.'
      : `Gaps: ${listText(gaps.map((gap) => `${gap.domainName} (${gap.categoryLabel.toLowerCase()})`))}.`;
  let summary: string;
  if (overall?.status === 'result')
    summary = `In ${round}, ${area.name} ${overall.categoryLabel?.toLowerCase()} overall. ${gapText}`;
  else if (hasResults) summary = `${area.name} has no overall result in ${round}. ${gapText}`;
  else
    summary = `No 10.7.2 result is available for ${area.name}${input.results.year === undefined ? '' : ` in the ${input.results.year} round`}: the brief lists the consultation processes, the entry points and the mainstreaming checklist.`;
  const editorialUsed = gaps.some(
    (gap) =>
      gap.gcmObjectives.some((objective) => objective.basis === 'editorial') ||
      gap.sdgTargets.some((target) => target.basis === 'editorial'),
  );
  const content: BriefContent = {
    title: `Migration in the Cooperation Framework: ${area.name}`,
    area: { code: area.code, name: area.name, ...(area.alpha3 ? { alpha3: area.alpha3 } : {}) },
    summary,
    results: input.results,
    ...(input.mgi ? { mgi: mgiSummary(input.mgi) } : {}),
    gaps,
    processes,
    entryPoints: entryPoints(area.name, input.results, gaps, processes),
    checklist: checklistOf(area.code, input.checklist),
    notes: '',
    sources: [
      input.results.source ?? 'SDG indicator 10.7.2 (UN DESA Population Division, IOM)',
      'Crosswalk MiGOF - MGI - 10.7.2 domains: IOM Council resolution C/106/RES/1310; Global Migration Data Portal (MGI).',
      ...(editorialUsed
        ? [
            `Links marked "editorial" are ${EDITORIAL_LABEL}: no public source maps 10.7.2 domains to GCM objectives or GCM objectives to SDG targets.`,
          ]
        : []),
      'Consultation processes: partnership registry compiled from IOM and process websites (as-of dates per membership).',
      ...notCompiled,
      'Planning cycle: GMG guidance note on integrating migration into UNDAF/Cooperation Framework (2016/17).',
    ],
  };
  const id = input.id ?? `brief-${area.code}-${input.results.year ?? 'latest'}`;
  return {
    id,
    area: area.code,
    versions: [
      {
        version: 1,
        createdAt: input.generatedAt,
        createdBy: input.generatedBy,
        change: 'generated',
        description: 'Generated from 10.7.2 results, the crosswalk and the partnership registry',
        content,
      },
    ],
  };
}

/** Who regenerates, when, and on which version. */
export interface BriefRegeneration {
  actor: string;
  at: string;
  expectedVersion: number;
}

/**
 * Regenerate a brief from new results as a new version. Facts (results, gaps, processes) are
 * generated afresh; what an editor changed since the last generation (title, summary, notes,
 * entry-point texts, checklist items) is kept, so no edit is lost. Throws BriefConflictError when
 * `expectedVersion` is not the latest.
 */
export function regenerateBrief(
  document: BriefDocument,
  input: Omit<GenerateBriefInput, 'generatedAt' | 'generatedBy' | 'id'>,
  editor: BriefRegeneration,
): BriefDocument {
  const latest = latestBriefVersion(document);
  if (editor.expectedVersion !== latest.version) throw new BriefConflictError(editor.expectedVersion, latest);
  const fresh = latestBriefVersion(
    generateBrief({ ...input, id: document.id, generatedAt: editor.at, generatedBy: editor.actor }),
  ).content;
  if (fresh.area.code !== document.area)
    throw new BriefInputError('area', `${input.area} is not the brief's area (${document.area})`);
  const base =
    [...document.versions].reverse().find((version) => version.change === 'generated')?.content ?? latest.content;
  const current = latest.content;
  const kept: string[] = [];
  const keep = <T>(field: string, edited: boolean, mine: T, theirs: T): T => {
    if (!edited) return theirs;
    kept.push(field);
    return mine;
  };
  const content: BriefContent = {
    ...fresh,
    title: keep('title', current.title !== base.title, current.title, fresh.title),
    summary: keep('summary', current.summary !== base.summary, current.summary, fresh.summary),
    notes: keep('notes', current.notes !== base.notes, current.notes, fresh.notes),
    entryPoints: fresh.entryPoints.map((entry) => {
      const mine = current.entryPoints.find((candidate) => candidate.stage === entry.stage);
      const generated = base.entryPoints.find((candidate) => candidate.stage === entry.stage);
      return mine && generated && mine.text !== generated.text
        ? keep(`entry point ${entry.stage}`, true, mine, entry)
        : entry;
    }),
    checklist: fresh.checklist.map((item) => {
      const mine = current.checklist.find((candidate) => candidate.element === item.element);
      const generated = base.checklist.find((candidate) => candidate.element === item.element);
      return mine && generated && JSON.stringify(mine) !== JSON.stringify(generated)
        ? keep(`checklist ${item.element}`, true, mine, item)
        : item;
    }),
  };
  const description = `Regenerated from new results${kept.length > 0 ? `; kept the edits to ${kept.join(', ')}` : ''}`;
  return {
    ...document,
    versions: [
      ...document.versions,
      {
        version: latest.version + 1,
        createdAt: editor.at,
        createdBy: editor.actor,
        change: 'generated',
        description,
        content,
      },
    ],
  };
}
