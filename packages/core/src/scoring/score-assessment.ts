/**
 * The official SDG 10.7.2 method, generalised to any scored instrument: item scores from the chosen
 * options, domain score = sum / number of applicable items x scale, overall score = mean of all
 * items x scale (with five items per domain, the mean of the domain scores), each classified into the band whose minimum it reaches. All in
 * exact fractions. Missing answers make a domain `incomplete` (naming the items) unless the
 * instrument's rule says `score-as-zero`; they are never silently zero.
 */
import type {
  ClassificationBand,
  Domain,
  InstrumentVersion,
  Item,
  ResponseOption,
  Responses,
} from '../instruments/model.ts';
import { ZERO, compare, fraction, parseFraction, type Fraction } from './fraction.ts';

type ItemStatus = 'answered' | 'missing' | 'not-applicable';

/** How one item contributes to its domain. */
export interface ItemResult {
  itemId: string;
  status: ItemStatus;
  optionId?: string;
  /** The item's score (0..max); missing items scored under `score-as-zero` carry 0 here. */
  score?: Fraction;
  maxScore: Fraction;
}

interface DomainBase {
  domainId: string;
  code: string;
  items: ItemResult[];
}

export type DomainResult =
  | (DomainBase & { status: 'scored'; score: Fraction; band: ClassificationBand })
  | (DomainBase & { status: 'incomplete'; missing: string[]; reason: string })
  | (DomainBase & { status: 'not-applicable'; reason: string });

type OverallResult =
  | { status: 'scored'; code: string; score: Fraction; band: ClassificationBand }
  | { status: 'incomplete'; code: string; missing: string[]; reason: string }
  | { status: 'not-applicable'; code: string; reason: string };

/** A response that does not fit the instrument. */
export interface ResponseProblem {
  itemId: string;
  optionId?: string;
  message: string;
}

export type AssessmentResult =
  | {
      status: 'scored' | 'incomplete';
      instrument: string;
      version: string;
      domains: DomainResult[];
      overall: OverallResult;
    }
  | { status: 'invalid'; instrument: string; version: string; problems: ResponseProblem[] };

/** Everything the scorer needs, precomputed once per instrument version. */
export interface ScoringPlan {
  instrument: InstrumentVersion;
  scale: Fraction;
  bands: readonly ClassificationBand[];
  bandMins: Fraction[];
  optionScores: Map<string, Map<string, ScoredOption>>;
  maxScores: Map<string, Fraction>;
  itemDomain: Map<string, Domain>;
  /** Least common denominator of all option scores: sums are kept as integers in these units. */
  unit: number;
}

/** An option with its exact score, and that score in the plan's integer units. */
interface ScoredOption {
  option: ResponseOption;
  score?: Fraction;
  units?: number;
}

const plans = new WeakMap<InstrumentVersion, ScoringPlan>();

/** Build (and cache) the scoring plan of a scored instrument version. */
export function getScoringPlan(instrument: InstrumentVersion): ScoringPlan {
  const cached = plans.get(instrument);
  if (cached) return cached;
  const scoring = instrument.scoring;
  if (instrument.kind !== 'scored' || !scoring) {
    throw new TypeError(
      `${instrument.instrument}@${instrument.version} is a ${instrument.kind} instrument: it has no composite score`,
    );
  }
  const optionScores = new Map<string, Map<string, ScoredOption>>();
  const maxScores = new Map<string, Fraction>();
  const itemDomain = new Map<string, Domain>();
  let unit = 1;
  for (const options of Object.values(instrument.scales)) {
    for (const option of options)
      if (option.score !== undefined) unit = leastCommonMultiple(unit, parseFraction(option.score).den);
  }
  for (const domain of instrument.domains) {
    for (const item of domain.items) {
      const options = new Map<string, ScoredOption>();
      let max = ZERO;
      for (const option of instrument.scales[item.scale] ?? []) {
        const score = option.score === undefined ? undefined : parseFraction(option.score);
        options.set(
          option.id,
          score === undefined ? { option } : { option, score, units: (score.num * unit) / score.den },
        );
        if (score && compare(score, max) > 0) max = score;
      }
      optionScores.set(item.id, options);
      maxScores.set(item.id, max);
      itemDomain.set(item.id, domain);
    }
  }
  const plan: ScoringPlan = {
    instrument,
    scale: parseFraction(scoring.scale),
    bands: scoring.bands,
    bandMins: scoring.bands.map((band) => parseFraction(band.min)),
    optionScores,
    maxScores,
    itemDomain,
    unit,
  };
  plans.set(instrument, plan);
  return plan;
}

function leastCommonMultiple(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return (a / x) * b;
}

/** The band a score falls in: the last band whose minimum it reaches. */
function classifyScore(plan: ScoringPlan, score: Fraction): ClassificationBand {
  for (let index = plan.bandMins.length - 1; index > 0; index -= 1) {
    if (compare(score, plan.bandMins[index]!) >= 0) return plan.bands[index]!;
  }
  const lowest = plan.bands[0];
  if (!lowest) throw new RangeError('an instrument needs at least one band');
  return lowest;
}

/** Check responses against the instrument: unknown items or options are problems, never ignored. */
function validateResponses(plan: ScoringPlan, responses: Responses): ResponseProblem[] {
  const problems: ResponseProblem[] = [];
  for (const itemId in responses) {
    const optionId = responses[itemId];
    if (optionId === undefined) continue;
    const options = plan.optionScores.get(itemId);
    if (!options) {
      problems.push({
        itemId,
        optionId,
        message: `unknown item "${itemId}" in ${plan.instrument.instrument}@${plan.instrument.version}`,
      });
    } else if (!options.has(optionId)) {
      problems.push({
        itemId,
        optionId,
        message: `item ${itemId} has no option "${optionId}" (options: ${[...options.keys()].join(', ')})`,
      });
    }
  }
  return problems;
}

/** Running totals of a domain or of the whole instrument, in the plan's integer units. */
interface Totals {
  units: number;
  count: number;
  missing: string[];
}

function scoreItem(plan: ScoringPlan, item: Item, responses: Responses, totals: Totals): ItemResult {
  const maxScore = plan.maxScores.get(item.id) ?? ZERO;
  const optionId = responses[item.id];
  if (optionId === undefined) {
    if (plan.instrument.scoring?.missing === 'score-as-zero') {
      totals.count += 1;
      return { itemId: item.id, status: 'missing', score: ZERO, maxScore };
    }
    totals.missing.push(item.id);
    return { itemId: item.id, status: 'missing', maxScore };
  }
  const entry = plan.optionScores.get(item.id)?.get(optionId);
  if (!entry || entry.option.notApplicable || entry.score === undefined || entry.units === undefined) {
    return { itemId: item.id, status: 'not-applicable', optionId, maxScore };
  }
  totals.units += entry.units;
  totals.count += 1;
  return { itemId: item.id, status: 'answered', optionId, score: entry.score, maxScore };
}

/** score = units / unit / count x scale, exactly. */
function meanOf(plan: ScoringPlan, totals: Totals): Fraction | undefined {
  if (totals.count === 0) return undefined;
  return fraction(totals.units * plan.scale.num, totals.count * plan.unit * plan.scale.den);
}

function scoreDomain(plan: ScoringPlan, domain: Domain, responses: Responses, overall: Totals): DomainResult {
  const totals: Totals = { units: 0, count: 0, missing: [] };
  const items: ItemResult[] = [];
  for (const item of domain.items) items.push(scoreItem(plan, item, responses, totals));
  overall.units += totals.units;
  overall.count += totals.count;
  if (totals.missing.length > 0) {
    overall.missing.push(...totals.missing);
    return {
      domainId: domain.id,
      code: domain.code,
      items,
      status: 'incomplete',
      missing: totals.missing,
      reason: `no answer for ${totals.missing.join(', ')}`,
    };
  }
  const score = meanOf(plan, totals);
  if (score === undefined)
    return {
      domainId: domain.id,
      code: domain.code,
      items,
      status: 'not-applicable',
      reason: 'every item of the domain is not applicable',
    };
  return { domainId: domain.id, code: domain.code, items, status: 'scored', score, band: classifyScore(plan, score) };
}

/**
 * Score an assessment: every domain and the overall result, each explained item by item.
 * @example scoreAssessment(SDG_10_7_2_V2019, { '1a': 'yes-regardless', '1b': 'no', … })
 */
export function scoreAssessment(instrument: InstrumentVersion, responses: Responses): AssessmentResult {
  const plan = getScoringPlan(instrument);
  const problems = validateResponses(plan, responses);
  if (problems.length > 0)
    return { status: 'invalid', instrument: instrument.instrument, version: instrument.version, problems };
  const totals: Totals = { units: 0, count: 0, missing: [] };
  const domains: DomainResult[] = [];
  for (const domain of instrument.domains) domains.push(scoreDomain(plan, domain, responses, totals));
  const overall = scoreOverall(plan, totals);
  return {
    status: overall.status === 'incomplete' ? 'incomplete' : 'scored',
    instrument: instrument.instrument,
    version: instrument.version,
    domains,
    overall,
  };
}

function scoreOverall(plan: ScoringPlan, totals: Totals): OverallResult {
  const code = plan.instrument.scoring?.overallCode ?? 'OVERALL';
  if (totals.missing.length > 0) {
    return {
      status: 'incomplete',
      code,
      missing: totals.missing,
      reason: `${totals.missing.length} item(s) without an answer: ${totals.missing.join(', ')}`,
    };
  }
  const score = meanOf(plan, totals);
  if (score === undefined) return { status: 'not-applicable', code, reason: 'no applicable item' };
  return { status: 'scored', code, score, band: classifyScore(plan, score) };
}
