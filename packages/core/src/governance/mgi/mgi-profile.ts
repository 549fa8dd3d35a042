/**
 * The MGI-style profile: per dimension, the well-developed areas and the areas with potential for
 * further development, from answers in place / partial / absent / not applicable with narrative
 * evidence. No composite score and no ranking is ever computed (the MGI is explicitly not a ranking).
 *
 * The MGI publishes no formula for naming areas; migov's rule (docs/decisions/0502) works per area
 * (the item's sub-area, or the item itself when it has none):
 * - well-developed: every applicable item is in place;
 * - potential for further development: at least one applicable item is partial or absent;
 * - incomplete: no partial or absent answer yet, but an item has no answer;
 * - not applicable: every item is not applicable.
 */
import type { Domain, InstrumentVersion, ResponseOption } from '../../instruments/model.ts';
import type { ResponseProblem } from '../../scoring/score-assessment.ts';

/** The four answer levels of an MGI-style item. */
export type ProfileLevel = 'in-place' | 'partial' | 'absent' | 'not-applicable';

/** How an area of a dimension is named in the profile. */
export type AreaClassification =
  'well-developed' | 'potential-for-further-development' | 'incomplete' | 'not-applicable';

/** Jurisdiction levels of MGI-style assessments: a country, or a city or other local authority. */
export type MgiJurisdictionLevel = 'national' | 'local';

/** Rounds of an MGI-style assessment of one jurisdiction. */
export type MgiRoundKind = 'baseline' | 'follow-up';

/** Answers as assessments store them: item id -> chosen option and narrative evidence (`comment`). */
export type ProfileResponses = Readonly<
  Record<string, { readonly optionId?: string; readonly comment?: string } | undefined>
>;

/** One item in a profile, with its level and evidence. */
interface ProfileItem {
  itemId: string;
  text: string;
  /** Absent when the item has no answer. */
  level?: ProfileLevel;
  optionId?: string;
  evidence?: string;
}

/** One area of a dimension (a sub-area, or a single item without one). */
interface ProfileArea {
  area: string;
  classification: AreaClassification;
  items: ProfileItem[];
}

/** The profile of one dimension. */
interface DimensionProfile {
  dimensionId: string;
  code: string;
  label: string;
  migof?: string;
  wellDeveloped: string[];
  furtherDevelopment: string[];
  incomplete: string[];
  notApplicable: string[];
  areas: ProfileArea[];
}

/** The profile of an assessment: complete when every item has an answer; never a score. */
export type ProfileResult =
  | {
      status: 'complete' | 'incomplete';
      instrument: string;
      version: string;
      /** Some item texts are examples, not official wording: say so wherever the profile is shown. */
      exampleWording: boolean;
      dimensions: DimensionProfile[];
      missing: string[];
    }
  | { status: 'invalid'; instrument: string; version: string; problems: ResponseProblem[] };

/** Thrown when an instrument cannot be read as an MGI-style profile instrument. */
export class ProfileInstrumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfileInstrumentError';
  }
}

/**
 * The level an option stands for: `notApplicable` -> not applicable; the scale's highest score ->
 * in place; 0 -> absent; anything between -> partial.
 */
export function profileLevelOf(option: ResponseOption, scale: readonly ResponseOption[]): ProfileLevel {
  if (option.notApplicable) return 'not-applicable';
  if (option.score === undefined)
    throw new ProfileInstrumentError(
      `option "${option.id}" has neither a score nor notApplicable: its level is unknown`,
    );
  const value = Number(option.score);
  const max = Math.max(...scale.filter((entry) => entry.score !== undefined).map((entry) => Number(entry.score)));
  if (value === 0) return 'absent';
  if (value >= max) return 'in-place';
  return 'partial';
}

function checkProfileInstrument(instrument: InstrumentVersion): void {
  if (instrument.kind !== 'profile') {
    throw new ProfileInstrumentError(
      `${instrument.instrument}@${instrument.version} is a ${instrument.kind} instrument, not a profile instrument`,
    );
  }
  for (const [scaleId, options] of Object.entries(instrument.scales)) {
    const scored = options
      .filter((option) => option.score !== undefined && !option.notApplicable)
      .map((option) => Number(option.score));
    if (scored.length === 0 || Math.max(...scored) <= 0) {
      throw new ProfileInstrumentError(
        `scale "${scaleId}" of ${instrument.instrument}@${instrument.version} needs an option with a positive score to mean "in place"`,
      );
    }
    for (const option of options) profileLevelOf(option, options);
  }
}

function classifyArea(items: readonly ProfileItem[]): AreaClassification {
  const levels = items.map((item) => item.level);
  if (levels.some((level) => level === 'partial' || level === 'absent')) return 'potential-for-further-development';
  if (levels.some((level) => level === undefined)) return 'incomplete';
  if (levels.every((level) => level === 'not-applicable')) return 'not-applicable';
  return 'well-developed';
}

function profileDimension(
  instrument: InstrumentVersion,
  domain: Domain,
  responses: ProfileResponses,
): DimensionProfile {
  const areas = new Map<string, ProfileItem[]>();
  for (const item of domain.items) {
    const response = responses[item.id];
    const scale = instrument.scales[item.scale] ?? [];
    const option = response?.optionId === undefined ? undefined : scale.find((entry) => entry.id === response.optionId);
    const entry: ProfileItem = {
      itemId: item.id,
      text: item.text.en,
      ...(option ? { level: profileLevelOf(option, scale), optionId: option.id } : {}),
      ...(response?.comment ? { evidence: response.comment } : {}),
    };
    const key = item.subArea ?? item.text.en;
    areas.set(key, [...(areas.get(key) ?? []), entry]);
  }
  const profileAreas = [...areas].map(([area, items]) => ({ area, classification: classifyArea(items), items }));
  const named = (classification: AreaClassification) =>
    profileAreas.filter((area) => area.classification === classification).map((area) => area.area);
  return {
    dimensionId: domain.id,
    code: domain.code,
    label: domain.label.en,
    ...(domain.migof ? { migof: domain.migof } : {}),
    wellDeveloped: named('well-developed'),
    furtherDevelopment: named('potential-for-further-development'),
    incomplete: named('incomplete'),
    notApplicable: named('not-applicable'),
    areas: profileAreas,
  };
}

/**
 * The profile of an MGI-style assessment: per dimension, well-developed areas and areas with
 * potential for further development. Unknown items or options make the result `invalid`.
 * @example computeProfile(MGI_NATIONAL_EXAMPLE, { '1.1': { optionId: 'in-place', comment: 'Law 12/2019' } })
 */
export function computeProfile(instrument: InstrumentVersion, responses: ProfileResponses): ProfileResult {
  checkProfileInstrument(instrument);
  const header = { instrument: instrument.instrument, version: instrument.version };
  const items = new Map(instrument.domains.flatMap((domain) => domain.items.map((item) => [item.id, item] as const)));
  const problems: ResponseProblem[] = [];
  for (const [itemId, response] of Object.entries(responses)) {
    if (response?.optionId === undefined) continue;
    const item = items.get(itemId);
    if (!item) {
      problems.push({
        itemId,
        optionId: response.optionId,
        message: `unknown item "${itemId}" in ${instrument.instrument}@${instrument.version}`,
      });
      continue;
    }
    const options = instrument.scales[item.scale] ?? [];
    if (!options.some((option) => option.id === response.optionId)) {
      problems.push({
        itemId,
        optionId: response.optionId,
        message: `item ${itemId} has no option "${response.optionId}" (options: ${options.map((option) => option.id).join(', ')})`,
      });
    }
  }
  if (problems.length > 0) return { status: 'invalid', ...header, problems };
  const dimensions = instrument.domains.map((domain) => profileDimension(instrument, domain, responses));
  const missing = [...items.keys()].filter((itemId) => responses[itemId]?.optionId === undefined);
  const exampleWording = instrument.domains.some((domain) => domain.items.some((item) => item.wording === 'example'));
  return { status: missing.length === 0 ? 'complete' : 'incomplete', ...header, exampleWording, dimensions, missing };
}
