/**
 * What it takes to reach the next category: the fewest item changes that lift a domain (or the overall
 * score) into the next band. With k changes the largest reachable gain is the sum of the k largest
 * per-item gains, so taking items in decreasing order of gain gives the minimum number of changes;
 * the last change then uses the lowest option that still suffices, so the advice asks no more than
 * needed.
 */
import type { ClassificationBand, InstrumentVersion, Responses } from '../instruments/model.ts';
import { ZERO, add, compare, divide, fraction, multiply, subtract, type Fraction } from './fraction.ts';
import {
  getScoringPlan,
  scoreAssessment,
  type DomainResult,
  type ItemResult,
  type ScoringPlan,
} from './score-assessment.ts';

/** One recommended change of answer. */
interface ItemChange {
  itemId: string;
  fromOptionId?: string;
  toOptionId: string;
  gain: Fraction;
}

export type NextCategory =
  | {
      status: 'reachable';
      current: ClassificationBand;
      next: ClassificationBand;
      score: Fraction;
      /** The score the next band starts at. */
      target: Fraction;
      changes: ItemChange[];
    }
  | { status: 'top'; current: ClassificationBand; score: Fraction }
  | { status: 'unreachable'; current: ClassificationBand; next: ClassificationBand; score: Fraction; reason: string }
  | { status: 'incomplete'; missing: string[] }
  | { status: 'not-applicable' };

export interface NextCategoryReport {
  overall: NextCategory;
  domains: Record<string, NextCategory>;
}

interface Candidate {
  itemId: string;
  fromOptionId?: string;
  current: Fraction;
  /** Options that raise the item, lowest score first. */
  raises: { optionId: string; score: Fraction }[];
}

function candidatesFor(plan: ScoringPlan, items: readonly ItemResult[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const item of items) {
    if (item.status === 'not-applicable' || item.score === undefined) continue;
    const current = item.score;
    const raises = [...(plan.optionScores.get(item.itemId) ?? new Map()).entries()]
      .flatMap(([optionId, entry]) =>
        entry.score && compare(entry.score, current) > 0 ? [{ optionId, score: entry.score }] : [],
      )
      .sort((left, right) => compare(left.score, right.score));
    if (raises.length > 0)
      candidates.push(
        item.optionId === undefined
          ? { itemId: item.itemId, current, raises }
          : { itemId: item.itemId, fromOptionId: item.optionId, current, raises },
      );
  }
  return candidates;
}

/** Fewest changes raising the summed item score by at least `needed`; undefined if impossible. */
function fewestChanges(candidates: Candidate[], needed: Fraction): ItemChange[] | undefined {
  const byGain = candidates
    .map((candidate, order) => {
      const best = candidate.raises[candidate.raises.length - 1];
      return { candidate, order, best, gain: best ? subtract(best.score, candidate.current) : ZERO };
    })
    .sort((left, right) => compare(right.gain, left.gain) || left.order - right.order);
  const changes: ItemChange[] = [];
  let gained = ZERO;
  for (const { candidate, best, gain } of byGain) {
    if (compare(gained, needed) >= 0) break;
    if (!best) continue;
    const remaining = subtract(needed, gained);
    // The lowest option that closes the gap on its own, else the best one.
    const sufficient = candidate.raises.find(
      (option) => compare(subtract(option.score, candidate.current), remaining) >= 0,
    );
    const chosen = sufficient ?? best;
    const chosenGain = sufficient ? subtract(sufficient.score, candidate.current) : gain;
    changes.push(
      candidate.fromOptionId === undefined
        ? { itemId: candidate.itemId, toOptionId: chosen.optionId, gain: chosenGain }
        : {
            itemId: candidate.itemId,
            fromOptionId: candidate.fromOptionId,
            toOptionId: chosen.optionId,
            gain: chosenGain,
          },
    );
    gained = add(gained, chosenGain);
  }
  return compare(gained, needed) >= 0 ? changes : undefined;
}

function nextFor(
  plan: ScoringPlan,
  items: readonly ItemResult[],
  score: Fraction,
  current: ClassificationBand,
): NextCategory {
  const index = plan.bands.indexOf(current);
  const next = plan.bands[index + 1];
  const nextMin = plan.bandMins[index + 1];
  if (!next || !nextMin) return { status: 'top', current, score };
  const applicable = items.filter((item) => item.score !== undefined);
  // score = sum / n x scale, so the band starts at sum = min x n / scale.
  const neededTotal = divide(multiply(nextMin, fraction(applicable.length)), plan.scale);
  const currentTotal = applicable.reduce((total, item) => add(total, item.score ?? ZERO), ZERO);
  const changes = fewestChanges(candidatesFor(plan, applicable), subtract(neededTotal, currentTotal));
  if (!changes)
    return {
      status: 'unreachable',
      current,
      next,
      score,
      reason: 'even the best answer to every item does not reach the next band',
    };
  return { status: 'reachable', current, next, score, target: nextMin, changes };
}

function nextForDomain(plan: ScoringPlan, domain: DomainResult): NextCategory {
  if (domain.status === 'incomplete') return { status: 'incomplete', missing: domain.missing };
  if (domain.status === 'not-applicable') return { status: 'not-applicable' };
  return nextFor(plan, domain.items, domain.score, domain.band);
}

/** For each domain and the overall score: the fewest item changes that lift it one band. */
export function nextCategory(instrument: InstrumentVersion, responses: Responses): NextCategoryReport {
  const plan = getScoringPlan(instrument);
  const result = scoreAssessment(instrument, responses);
  if (result.status === 'invalid') {
    throw new RangeError(
      `responses do not fit ${instrument.instrument}@${instrument.version}: ${result.problems.map((problem) => problem.message).join('; ')}`,
    );
  }
  const domains = Object.fromEntries(result.domains.map((domain) => [domain.domainId, nextForDomain(plan, domain)]));
  let overall: NextCategory;
  if (result.overall.status === 'incomplete') overall = { status: 'incomplete', missing: result.overall.missing };
  else if (result.overall.status === 'not-applicable') overall = { status: 'not-applicable' };
  else {
    overall = nextFor(
      plan,
      result.domains.flatMap((domain) => domain.items),
      result.overall.score,
      result.overall.band,
    );
  }
  return { overall, domains };
}
