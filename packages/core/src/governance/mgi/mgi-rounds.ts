/**
 * What changed between two rounds of an MGI-style assessment of one jurisdiction (baseline and
 * follow-up, or two follow-ups): item levels, evidence, and the areas that moved between
 * "well-developed" and "potential for further development". Items are matched by id and areas by
 * dimension and name, so rounds on two instrument versions compare where they overlap.
 */
import type { AreaClassification, MgiRoundKind, ProfileLevel, ProfileResult } from './mgi-profile.ts';

/** How an item's answer moved between two rounds. */
type ProfileItemChangeKind =
  | 'improved'
  | 'regressed'
  | 'changed'
  | 'evidence-updated'
  | 'newly-answered'
  | 'no-longer-answered'
  | 'added'
  | 'removed';

/** One item whose answer or evidence changed. */
interface ProfileItemChange {
  dimensionId: string;
  area: string;
  itemId: string;
  change: ProfileItemChangeKind;
  from?: ProfileLevel;
  to?: ProfileLevel;
  fromEvidence?: string;
  toEvidence?: string;
}

/** One area whose classification changed. */
interface ProfileAreaChange {
  dimensionId: string;
  area: string;
  from?: AreaClassification;
  to?: AreaClassification;
}

/** Per dimension: areas that became well-developed, and areas that newly show potential for further development. */
interface DimensionChangeSummary {
  dimensionId: string;
  label: string;
  becameWellDeveloped: string[];
  newlyFurtherDevelopment: string[];
}

/** What changed from one round to the next. */
export interface RoundComparison {
  items: ProfileItemChange[];
  areas: ProfileAreaChange[];
  dimensions: DimensionChangeSummary[];
}

/** Thrown when a profile that is not valid is compared. */
class RoundComparisonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoundComparisonError';
  }
}

const ORDER: Record<Exclude<ProfileLevel, 'not-applicable'>, number> = { absent: 0, partial: 1, 'in-place': 2 };

function levelChange(from: ProfileLevel | undefined, to: ProfileLevel | undefined): ProfileItemChangeKind | undefined {
  if (from === to) return undefined;
  if (from === undefined) return 'newly-answered';
  if (to === undefined) return 'no-longer-answered';
  if (from === 'not-applicable' || to === 'not-applicable') return 'changed';
  return ORDER[to] > ORDER[from] ? 'improved' : 'regressed';
}

type ValidProfile = Extract<ProfileResult, { dimensions: unknown }>;

function valid(profile: ProfileResult, which: string): ValidProfile {
  if (profile.status === 'invalid')
    throw new RoundComparisonError(
      `the ${which} profile is invalid: ${profile.problems.map((problem) => problem.message).join('; ')}`,
    );
  return profile;
}

/**
 * Compare the profile of an earlier round with a later one.
 * @example compareProfiles(computeProfile(instrument, baseline), computeProfile(instrument, followUp)).dimensions
 */
export function compareProfiles(earlier: ProfileResult, later: ProfileResult): RoundComparison {
  const before = valid(earlier, 'earlier');
  const after = valid(later, 'later');
  const items: ProfileItemChange[] = [];
  const areas: ProfileAreaChange[] = [];
  const dimensions: DimensionChangeSummary[] = [];
  const dimensionIds = [
    ...new Set([...before.dimensions, ...after.dimensions].map((dimension) => dimension.dimensionId)),
  ];
  for (const dimensionId of dimensionIds) {
    const beforeDimension = before.dimensions.find((dimension) => dimension.dimensionId === dimensionId);
    const afterDimension = after.dimensions.find((dimension) => dimension.dimensionId === dimensionId);
    const beforeAreas = new Map((beforeDimension?.areas ?? []).map((area) => [area.area, area]));
    const afterAreas = new Map((afterDimension?.areas ?? []).map((area) => [area.area, area]));
    const summary: DimensionChangeSummary = {
      dimensionId,
      label: (afterDimension ?? beforeDimension)?.label ?? dimensionId,
      becameWellDeveloped: [],
      newlyFurtherDevelopment: [],
    };
    for (const areaName of new Set([...beforeAreas.keys(), ...afterAreas.keys()])) {
      const beforeArea = beforeAreas.get(areaName);
      const afterArea = afterAreas.get(areaName);
      if (beforeArea?.classification !== afterArea?.classification) {
        areas.push({
          dimensionId,
          area: areaName,
          ...(beforeArea ? { from: beforeArea.classification } : {}),
          ...(afterArea ? { to: afterArea.classification } : {}),
        });
        if (afterArea?.classification === 'well-developed') summary.becameWellDeveloped.push(areaName);
        if (afterArea?.classification === 'potential-for-further-development')
          summary.newlyFurtherDevelopment.push(areaName);
      }
      const beforeItems = new Map((beforeArea?.items ?? []).map((item) => [item.itemId, item]));
      const afterItems = new Map((afterArea?.items ?? []).map((item) => [item.itemId, item]));
      for (const itemId of new Set([...beforeItems.keys(), ...afterItems.keys()])) {
        const beforeItem = beforeItems.get(itemId);
        const afterItem = afterItems.get(itemId);
        let change: ProfileItemChangeKind | undefined;
        if (!beforeItem) change = 'added';
        else if (!afterItem) change = 'removed';
        else
          change =
            levelChange(beforeItem.level, afterItem.level) ??
            (beforeItem.evidence !== afterItem.evidence ? 'evidence-updated' : undefined);
        if (!change) continue;
        items.push({
          dimensionId,
          area: areaName,
          itemId,
          change,
          ...(beforeItem?.level ? { from: beforeItem.level } : {}),
          ...(afterItem?.level ? { to: afterItem.level } : {}),
          ...(beforeItem?.evidence ? { fromEvidence: beforeItem.evidence } : {}),
          ...(afterItem?.evidence ? { toEvidence: afterItem.evidence } : {}),
        });
      }
    }
    dimensions.push(summary);
  }
  return { items, areas, dimensions };
}

/** One round of an MGI-style assessment of a jurisdiction. */
export interface MgiRound {
  jurisdiction: string;
  year: number;
  kind: MgiRoundKind;
}

/** Thrown for a round plan that breaks the baseline/follow-up order. */
export class MgiRoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MgiRoundError';
  }
}

/**
 * The kind a new round of a jurisdiction takes: its first round is the baseline, later ones follow up.
 * Throws when the year is not after the jurisdiction's latest round.
 */
export function nextRoundKind(existing: readonly MgiRound[], jurisdiction: string, year: number): MgiRoundKind {
  if (!Number.isInteger(year) || year < 2016 || year > 2100)
    throw new MgiRoundError(`invalid year: ${year} (MGI assessments exist since 2016)`);
  const years = existing.filter((round) => round.jurisdiction === jurisdiction).map((round) => round.year);
  if (years.length === 0) return 'baseline';
  const latest = Math.max(...years);
  if (year <= latest)
    throw new MgiRoundError(
      `invalid year: ${year} (${jurisdiction} already has a round in ${latest}; a follow-up comes later)`,
    );
  return 'follow-up';
}

/** The jurisdiction level a code stands for: an M49 code is national, `<M49>-<local code>` is local (e.g. `484-CMX`). */
export function jurisdictionLevelOf(code: string): 'national' | 'local' {
  if (/^\d{1,3}$/.test(code)) return 'national';
  if (/^\d{1,3}-[A-Za-z0-9]+$/.test(code)) return 'local';
  throw new MgiRoundError(
    `invalid jurisdiction: ${code} (expected an M49 code such as 484, or <M49>-<local code> such as 484-CMX)`,
  );
}
