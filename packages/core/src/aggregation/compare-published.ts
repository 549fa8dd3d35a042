/**
 * Computed SG_CPA_MIGRP aggregates next to the published ones: each difference with its reason.
 * Published figures are never overwritten; the two stay apart and are compared here.
 */
import {
  POLICY_DOMAIN_CODES,
  normalizeM49,
  type Observation,
  type PolicyDomainCode,
} from '../observations/observation.ts';
import { compareAreaCodes } from '../geography/geography.ts';
import type { MigrpAggregate } from './aggregate-migrp.ts';
import { decimalsOf, formatPercent, matchesPublished } from './exact-percent.ts';

type ComparisonStatus = 'match' | 'differs' | 'not-published' | 'not-computed';

type DifferenceReasonCode =
  /** The published figure counts responding countries whose country values are not published. */
  | 'partial-coverage'
  /** The computation counts more responding countries than the published figure: membership or data differ. */
  | 'more-respondents-than-published'
  /** As many responding countries on both sides, yet different values. */
  | 'different-values'
  /** Values differ and how many countries the published figure is based on is unknown. */
  | 'unexplained'
  /** Computed, but the database publishes no figure for this area, domain and round. */
  | 'no-published-figure'
  /** Published, but no member of the area has a published country value. */
  | 'no-country-data';

/**
 * Where the number of responding countries behind a published figure comes from:
 * `stated` by the publisher (an observation's denominator, or a table given to the comparison);
 * `consistent`: the computed count reproduces every published domain value of the area and round;
 * `inferred`: the smallest count that reproduces every published domain value of the area and round;
 * `unknown`.
 */
type RespondingBasis = 'stated' | 'consistent' | 'inferred' | 'unknown';

export interface PublishedComparison {
  area: string;
  year: number;
  domain: PolicyDomainCode;
  status: ComparisonStatus;
  computed?: MigrpAggregate;
  published?: Observation;
  /** Decimals the published figures of this round carry, and the comparison used. */
  decimals?: number;
  /** The computed value rounded to `decimals`. */
  computedFigure?: string;
  /** Responding countries the computation had (0 when nothing was computed). */
  computedResponding: number;
  /** Responding countries the published figure is based on, when known. */
  publishedResponding?: number;
  respondingBasis: RespondingBasis;
  reason?: { code: DifferenceReasonCode; message: string };
}

/** A number of responding countries stated by the publisher, e.g. 2021 World: 138. */
interface StatedRespondents {
  area: string | number;
  year: number;
  responding: number;
}

export interface CompareWithPublishedOptions {
  /** Decimals of the published figures, for every round or per round; default: the most decimals among the round's published values. */
  decimals?: number | Readonly<Record<number, number>>;
  respondents?: readonly StatedRespondents[];
  /** Largest count the inference of published respondents tries; default 1000. */
  maxInferredRespondents?: number;
}

const DOMAIN_ORDER = new Map<string, number>(POLICY_DOMAIN_CODES.map((domain, index) => [domain, index]));

const canonicalArea = (area: string | number): string => normalizeM49(area) ?? String(area).trim();
const keyOf = (area: string, year: number, domain: string): string => `${area}|${year}|${domain}`;
const areaYearKey = (area: string, year: number): string => `${area}|${year}`;

/** The k in 0..n for which 100 k / n rounds to `value` at `decimals`, if any. */
function numeratorFor(responding: number, value: number, decimals: number): number | undefined {
  const estimate = Math.round((value * responding) / 100);
  for (let numerator = Math.max(0, estimate - 1); numerator <= Math.min(responding, estimate + 1); numerator += 1) {
    if (matchesPublished({ numerator, denominator: responding }, value, decimals)) return numerator;
  }
  return undefined;
}

/** Published percentages explained as counts: every value is 100 x numerators[i] / responding, rounded. */
export interface InferredCounts {
  responding: number;
  numerators: number[];
}

/**
 * The smallest number of responding countries (from `atLeast`, default 1, to `max`, default 1000)
 * that reproduces every published percentage of one area and round, with the count behind each.
 * The true number is this or a multiple of it; few decimals make the answer weak.
 * @example inferCounts([62.31884, 61.5942], 5) // { responding: 138, numerators: [86, 85] }
 */
export function inferCounts(
  values: readonly number[],
  decimals: number,
  options: { atLeast?: number; max?: number } = {},
): InferredCounts | undefined {
  const max = options.max ?? 1000;
  for (let responding = Math.max(1, options.atLeast ?? 1); responding <= max; responding += 1) {
    const numerators = countsFor(responding, values, decimals);
    if (numerators) return { responding, numerators };
  }
  return undefined;
}

/** The counts behind each published percentage if `responding` countries reproduce them all. */
export function countsFor(responding: number, values: readonly number[], decimals: number): number[] | undefined {
  const numerators: number[] = [];
  for (const value of values) {
    const numerator = numeratorFor(responding, value, decimals);
    if (numerator === undefined) return undefined;
    numerators.push(numerator);
  }
  return numerators;
}

/**
 * Compare computed SG_CPA_MIGRP aggregates with published SG_CPA_MIGRP observations, one entry per
 * area, domain and round on either side, each difference with its reason and the coverage of both.
 * @example compareWithPublished(aggregateMigrp(countries).aggregates, published).filter((c) => c.status === 'differs')
 */
export function compareWithPublished(
  computed: readonly MigrpAggregate[],
  published: Iterable<Observation>,
  options: CompareWithPublishedOptions = {},
): PublishedComparison[] {
  const maxInferred = options.maxInferredRespondents ?? 1000;
  const publishedByKey = new Map<string, Observation>();
  const publishedValues = new Map<string, number[]>();
  const statedByAreaYear = new Map<string, number>();
  const decimalsByYear = new Map<number, number>();
  for (const observation of published) {
    if (observation.series !== 'SG_CPA_MIGRP' || typeof observation.value !== 'number') continue;
    const area = canonicalArea(observation.area);
    const key = keyOf(area, observation.year, observation.domain);
    if (publishedByKey.has(key)) continue;
    publishedByKey.set(key, observation);
    const areaYear = areaYearKey(area, observation.year);
    const values = publishedValues.get(areaYear);
    if (values) values.push(observation.value);
    else publishedValues.set(areaYear, [observation.value]);
    if (observation.denominator !== undefined) statedByAreaYear.set(areaYear, observation.denominator);
    decimalsByYear.set(
      observation.year,
      Math.max(decimalsByYear.get(observation.year) ?? 0, decimalsOf(observation.value)),
    );
  }
  for (const stated of options.respondents ?? [])
    statedByAreaYear.set(areaYearKey(canonicalArea(stated.area), stated.year), stated.responding);
  const decimalsFor = (year: number): number => {
    if (typeof options.decimals === 'number') return options.decimals;
    return options.decimals?.[year] ?? decimalsByYear.get(year) ?? 0;
  };

  const computedByKey = new Map<string, MigrpAggregate>();
  // Responding countries of a computed area and round: the all-domains count, else the largest domain count.
  const computedRespondingByAreaYear = new Map<string, number>();
  for (const aggregate of computed) {
    const area = canonicalArea(aggregate.area);
    computedByKey.set(keyOf(area, aggregate.year, aggregate.domain), aggregate);
    const areaYear = areaYearKey(area, aggregate.year);
    if (computedByKey.has(keyOf(area, aggregate.year, 'ALLDOMAINS')) && aggregate.domain !== 'ALLDOMAINS') continue;
    const previous = computedRespondingByAreaYear.get(areaYear);
    if (aggregate.domain === 'ALLDOMAINS' || previous === undefined || aggregate.denominator > previous) {
      computedRespondingByAreaYear.set(areaYear, aggregate.denominator);
    }
  }

  const respondingCache = new Map<string, { responding?: number; basis: RespondingBasis }>();
  const publishedRespondingFor = (area: string, year: number): { responding?: number; basis: RespondingBasis } => {
    const areaYear = areaYearKey(area, year);
    const cached = respondingCache.get(areaYear);
    if (cached) return cached;
    let result: { responding?: number; basis: RespondingBasis } = { basis: 'unknown' };
    const stated = statedByAreaYear.get(areaYear);
    const values = publishedValues.get(areaYear) ?? [];
    const decimals = decimalsFor(year);
    const computedResponding = computedRespondingByAreaYear.get(areaYear);
    if (stated !== undefined) result = { responding: stated, basis: 'stated' };
    else if (values.length > 0 && computedResponding !== undefined && countsFor(computedResponding, values, decimals)) {
      result = { responding: computedResponding, basis: 'consistent' };
    } else if (values.length > 0) {
      const inferred = inferCounts(values, decimals, { max: maxInferred });
      if (inferred) result = { responding: inferred.responding, basis: 'inferred' };
    }
    respondingCache.set(areaYear, result);
    return result;
  };

  const keys = new Set([...computedByKey.keys(), ...publishedByKey.keys()]);
  const comparisons: PublishedComparison[] = [];
  for (const key of keys) {
    const computedAggregate = computedByKey.get(key);
    const publishedObservation = publishedByKey.get(key);
    const source = (computedAggregate ?? publishedObservation)!;
    const area = canonicalArea(source.area);
    const { year, domain } = source;
    const decimals = decimalsFor(year);
    const computedResponding = computedAggregate?.denominator ?? 0;

    if (!publishedObservation) {
      comparisons.push({
        area,
        year,
        domain,
        status: 'not-published',
        computed: computedAggregate!,
        decimals,
        computedFigure: formatPercent(computedAggregate!.fraction, decimals),
        computedResponding,
        respondingBasis: 'unknown',
        reason: { code: 'no-published-figure', message: `no published figure for ${area}, ${domain}, ${year}` },
      });
      continue;
    }

    const { responding: publishedResponding, basis } = publishedRespondingFor(area, year);
    const known = publishedResponding !== undefined;
    const publishedFields = known ? { publishedResponding } : {};
    if (!computedAggregate) {
      comparisons.push({
        area,
        year,
        domain,
        status: 'not-computed',
        published: publishedObservation,
        decimals,
        computedResponding: 0,
        ...publishedFields,
        respondingBasis: basis,
        reason: {
          code: 'no-country-data',
          message: `0 of ${known ? publishedResponding : 'an unknown number of'} responding countries published: no member of the area has a published country value`,
        },
      });
      continue;
    }

    const value = publishedObservation.value as number;
    const withCoverage: MigrpAggregate = known
      ? { ...computedAggregate, coverage: { ...computedAggregate.coverage, publishedResponding } }
      : computedAggregate;
    const base = {
      area,
      year,
      domain,
      computed: withCoverage,
      published: publishedObservation,
      decimals,
      computedFigure: formatPercent(computedAggregate.fraction, decimals),
      computedResponding,
      ...publishedFields,
      respondingBasis: basis,
    };
    const basisNote = basis === 'inferred' ? ' (inferred from the published values)' : '';
    if (matchesPublished(computedAggregate.fraction, value, decimals)) {
      const partial = known && publishedResponding > computedResponding;
      comparisons.push({
        ...base,
        status: 'match',
        ...(partial
          ? {
              reason: {
                code: 'partial-coverage' as const,
                message: `${computedResponding} of ${publishedResponding} responding countries published: the figures agree, but the published one is based on ${publishedResponding} responding countries${basisNote}`,
              },
            }
          : {}),
      });
      continue;
    }
    let reason: { code: DifferenceReasonCode; message: string };
    if (!known) {
      reason = {
        code: 'unexplained',
        message: `computed ${base.computedFigure} from ${computedResponding} responding countries, published ${value}; the published number of responding countries is unknown`,
      };
    } else if (publishedResponding > computedResponding) {
      reason = {
        code: 'partial-coverage',
        message: `${computedResponding} of ${publishedResponding} responding countries published: the published figure is based on ${publishedResponding} responding countries${basisNote}, the computed one on the ${computedResponding} whose country values are published`,
      };
    } else if (publishedResponding < computedResponding) {
      reason = {
        code: 'more-respondents-than-published',
        message: `computed from ${computedResponding} responding countries, more than the ${publishedResponding} the published figure is based on${basisNote}: the area's membership or the country data differ`,
      };
    } else {
      reason = {
        code: 'different-values',
        message: `${computedResponding} responding countries on both sides, yet computed ${base.computedFigure} and published ${value}: country values or membership differ`,
      };
    }
    comparisons.push({ ...base, status: 'differs', reason });
  }

  return comparisons.sort(
    (a, b) =>
      a.year - b.year ||
      compareAreaCodes(a.area, b.area) ||
      (DOMAIN_ORDER.get(a.domain) ?? 0) - (DOMAIN_ORDER.get(b.domain) ?? 0),
  );
}
