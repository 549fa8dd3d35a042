/**
 * The official SDG 10.7.2 method, generalised to any scored instrument: item scores from the chosen
 * options, domain score = sum / number of applicable items x scale, overall score = mean of all
 * items x scale (with five items per domain, the mean of the domain scores), each classified into the band whose minimum it reaches. All in
 * exact fractions. Missing answers make a domain `incomplete` (naming the items) unless the
 * instrument's rule says `score-as-zero`; they are never silently zero.
 */
import type { ClassificationBand, Domain, InstrumentVersion, Item, ResponseOption, Responses } from '../instruments/model.ts';
import { ZERO, add, compare, divide, fraction, multiply, parseFraction, sum, type Fraction } from './fraction.ts';

export type ItemStatus = 'answered' | 'missing' | 'not-applicable';

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

export type OverallResult =
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
  optionScores: Map<string, Map<string, { option: ResponseOption; score?: Fraction }>>;
  maxScores: Map<string, Fraction>;
  itemDomain: Map<string, Domain>;
}

const plans = new WeakMap<InstrumentVersion, ScoringPlan>();

/** Build (and cache) the scoring plan of a scored instrument version. */
export function getScoringPlan(instrument: InstrumentVersion): ScoringPlan {
  const cached = plans.get(instrument);
  if (cached) return cached;
  const scoring = instrument.scoring;
  if (instrument.kind !== 'scored' || !scoring) {
    throw new TypeError(`${instrument.instrument}@${instrument.version} is a ${instrument.kind} instrument: it has no composite score`);
  }
  const optionScores = new Map<string, Map<string, { option: ResponseOption; score?: Fraction }>>();
  const maxScores = new Map<string, Fraction>();
  const itemDomain = new Map<string, Domain>();
  for (const domain of instrument.domains) {
    for (const item of domain.items) {
      const options = new Map<string, { option: ResponseOption; score?: Fraction }>();
      let max = ZERO;
      for (const option of instrument.scales[item.scale] ?? []) {
        const score = option.score === undefined ? undefined : parseFraction(option.score);
        options.set(option.id, score === undefined ? { option } : { option, score });
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
  };
  plans.set(instrument, plan);
  return plan;
}

/** The band a score falls in: the last band whose minimum it reaches. */
export function classifyScore(plan: ScoringPlan, score: Fraction): ClassificationBand {
  let chosen = plan.bands[0];
  plan.bandMins.forEach((min, index) => {
    if (compare(score, min) >= 0) chosen = plan.bands[index];
  });
  if (!chosen) throw new RangeError('an instrument needs at least one band');
  return chosen;
}

/** Check responses against the instrument: unknown items or options are problems, never ignored. */
export function validateResponses(plan: ScoringPlan, responses: Responses): ResponseProblem[] {
  const problems: ResponseProblem[] = [];
  for (const [itemId, optionId] of Object.entries(responses)) {
    if (optionId === undefined) continue;
    const options = plan.optionScores.get(itemId);
    if (!options) {
      problems.push({ itemId, optionId, message: `unknown item "${itemId}" in ${plan.instrument.instrument}@${plan.instrument.version}` });
    } else if (!options.has(optionId)) {
      problems.push({ itemId, optionId, message: `item ${itemId} has no option "${optionId}" (options: ${[...options.keys()].join(', ')})` });
    }
  }
  return problems;
}

function scoreItem(plan: ScoringPlan, item: Item, responses: Responses): ItemResult {
  const maxScore = plan.maxScores.get(item.id) ?? ZERO;
  const optionId = responses[item.id];
  if (optionId === undefined) {
    return plan.instrument.scoring?.missing === 'score-as-zero'
      ? { itemId: item.id, status: 'missing', score: ZERO, maxScore }
      : { itemId: item.id, status: 'missing', maxScore };
  }
  const entry = plan.optionScores.get(item.id)?.get(optionId);
  if (!entry || entry.option.notApplicable || entry.score === undefined) {
    return { itemId: item.id, status: 'not-applicable', optionId, maxScore };
  }
  return { itemId: item.id, status: 'answered', optionId, score: entry.score, maxScore };
}

function meanScore(plan: ScoringPlan, items: readonly ItemResult[]): Fraction | undefined {
  const scored = items.filter((item) => item.score !== undefined);
  if (scored.length === 0) return undefined;
  const total = sum(scored.map((item) => item.score ?? ZERO));
  return multiply(divide(total, fraction(scored.length)), plan.scale);
}

function scoreDomain(plan: ScoringPlan, domain: Domain, responses: Responses): DomainResult {
  const items = domain.items.map((item) => scoreItem(plan, item, responses));
  const base = { domainId: domain.id, code: domain.code, items };
  const missing = items.filter((item) => item.status === 'missing' && item.score === undefined).map((item) => item.itemId);
  if (missing.length > 0) {
    return { ...base, status: 'incomplete', missing, reason: `no answer for ${missing.join(', ')}` };
  }
  const score = meanScore(plan, items);
  if (score === undefined) return { ...base, status: 'not-applicable', reason: 'every item of the domain is not applicable' };
  return { ...base, status: 'scored', score, band: classifyScore(plan, score) };
}

/**
 * Score an assessment: every domain and the overall result, each explained item by item.
 * @example scoreAssessment(SDG_10_7_2_V2019, { '1a': 'yes-regardless', '1b': 'no', … })
 */
export function scoreAssessment(instrument: InstrumentVersion, responses: Responses): AssessmentResult {
  const plan = getScoringPlan(instrument);
  const header = { instrument: instrument.instrument, version: instrument.version };
  const problems = validateResponses(plan, responses);
  if (problems.length > 0) return { status: 'invalid', ...header, problems };
  const domains = instrument.domains.map((domain) => scoreDomain(plan, domain, responses));
  const overall = scoreOverall(plan, domains);
  return { status: overall.status === 'incomplete' ? 'incomplete' : 'scored', ...header, domains, overall };
}

function scoreOverall(plan: ScoringPlan, domains: readonly DomainResult[]): OverallResult {
  const code = plan.instrument.scoring?.overallCode ?? 'OVERALL';
  const missing = domains.flatMap((domain) => (domain.status === 'incomplete' ? domain.missing : []));
  if (missing.length > 0) {
    return { status: 'incomplete', code, missing, reason: `${missing.length} item(s) without an answer: ${missing.join(', ')}` };
  }
  const score = meanScore(plan, domains.flatMap((domain) => domain.items));
  if (score === undefined) return { status: 'not-applicable', code, reason: 'no applicable item' };
  return { status: 'scored', code, score, band: classifyScore(plan, score) };
}

/** The total of item scores in a domain's (or all) item results; helper for explanations. */
export function totalScore(items: readonly ItemResult[]): Fraction {
  return items.reduce((total, item) => (item.score ? add(total, item.score) : total), ZERO);
}
