/**
 * SG_CPA_MIGRP from SG_CPA_MIGRS: for every area, policy domain and round, the percentage of the
 * area's responding countries whose category is 3 (meets) or 4 (fully meets).
 *
 * The official method (shared/reference/sdg-10-7-2.md, confirmed by reproducing the published
 * 2019 figures): value = 100 x (countries in the area with category 3 or 4) / (countries in the
 * area that responded); unweighted; a country with no value, or `N`, is left out of both; no
 * imputation. Membership of dated groupings (LDC, ...) is taken on the round's membership date.
 */
import {
  POLICY_DOMAIN_CODES,
  type Observation,
  type PolicyDomainCode,
  type Problem,
} from '../observations/observation.ts';
import type { AsOf } from '../geography/area.ts';
import { defaultGeography, type Geography } from '../geography/geography.ts';
import type { CountFraction } from './exact-percent.ts';

/** How complete the computation of one aggregate is. */
interface MigrpCoverage {
  /** Countries (or jurisdictions) in the area on the membership date. */
  members: number;
  /** Members with a category 1-4 for this domain and round: the denominator. */
  responding: number;
  /** Members whose value is `N` (not applicable). */
  notApplicable: number;
  /** Members with no value at all for this domain and round. */
  missing: number;
  /** Responding countries the published aggregate is based on, where known (see compareWithPublished). */
  publishedResponding?: number;
}

/** A computed SG_CPA_MIGRP observation, kept apart from published ones by `origin`. */
export interface MigrpAggregate extends Observation {
  series: 'SG_CPA_MIGRP';
  /** The closest double to 100 x numerator / denominator; format `fraction` for a rounded figure. */
  value: number;
  /** Responding countries with category 3 or 4. */
  numerator: number;
  /** Responding countries. */
  denominator: number;
  nature: 'G';
  /** The exact share: numerator / denominator. */
  fraction: CountFraction;
  coverage: MigrpCoverage;
  origin: 'computed';
  /** The date group membership was evaluated at. */
  membershipAsOf: AsOf;
}

export interface AggregateMigrpOptions {
  /** Areas and groupings to use; default: the built-in geography. */
  geography?: Geography;
  /** Areas to compute (codes, ISO codes or group ids); default: every area that is not a country. */
  areas?: readonly (string | number)[];
  /** The membership date of a round; default: the round's year (1 January). */
  membershipDate?: (round: number) => AsOf;
  /** How problems name the input. */
  file?: string;
}

export interface AggregateMigrpResult {
  aggregates: MigrpAggregate[];
  /** Values that were left out, and why. */
  problems: Problem[];
}

const DOMAIN_COUNT = POLICY_DOMAIN_CODES.length;
const DOMAIN_INDEX = new Map<string, number>(POLICY_DOMAIN_CODES.map((domain, index) => [domain, index]));

interface RoundCounts {
  asOf: AsOf;
  /** Per jurisdiction (by index), the domains already seen (bit mask), to reject duplicates. */
  seen: number[];
  /** Per jurisdiction (by index), the indexes of the target areas that contain it on the membership date. */
  containing: (Int32Array | undefined)[];
  meets: Int32Array;
  responding: Int32Array;
  notApplicable: Int32Array;
  timeDetail: string | undefined;
  timeDetailConflict: boolean;
}

/**
 * Compute SG_CPA_MIGRP for every area, domain and round from country SG_CPA_MIGRS observations.
 * Other series are ignored. An area with no responding member gets no aggregate.
 * @example aggregateMigrp(countryObservations).aggregates.find((a) => a.area === '1' && a.domain === 'ALLDOMAINS')
 */
export function aggregateMigrp(
  observations: Iterable<Observation>,
  options: AggregateMigrpOptions = {},
): AggregateMigrpResult {
  const geography = options.geography ?? defaultGeography;
  const membershipDate = options.membershipDate ?? ((round: number) => round);
  const file = options.file ?? 'SG_CPA_MIGRS observations';
  const problems: Problem[] = [];
  const targetAreas = (
    options.areas ??
    geography
      .listAreas()
      .filter((area) => area.kind !== 'country')
      .map((area) => area.code)
  ).map((code) => geography.getArea(code).code);
  const uniqueTargets = [...new Set(targetAreas)];
  const targetIndex = new Map(uniqueTargets.map((code, index) => [code, index]));

  const areaCount = uniqueTargets.length;
  const rounds = new Map<number, RoundCounts>();
  // Each spelling of an area resolves once to a jurisdiction index (or to the reason it is left out).
  const resolvedAreas = new Map<string, number | string>();
  const jurisdictionCodes: string[] = [];
  const jurisdictionIndex = new Map<string, number>();
  let row = 0;
  const complain = (message: string, column: string, value: unknown): void => {
    problems.push({ file, row, column, value: String(value), message });
  };
  const containingTargets = (round: RoundCounts, jurisdiction: string): Int32Array => {
    const found: number[] = [];
    for (const code of geography.areasContaining(jurisdiction, { asOf: round.asOf })) {
      const target = targetIndex.get(code);
      if (target !== undefined) found.push(target);
    }
    // A target that is itself a jurisdiction (a country asked for as an area) contains itself.
    const self = targetIndex.get(jurisdiction);
    if (self !== undefined) found.push(self);
    return Int32Array.from(found);
  };

  for (const observation of observations) {
    row += 1;
    if (observation.series !== 'SG_CPA_MIGRS') continue;
    const domainIndex = DOMAIN_INDEX.get(observation.domain);
    if (domainIndex === undefined) {
      complain('unknown policy domain', 'domain', observation.domain);
      continue;
    }
    const year = observation.year;
    if (!Number.isInteger(year)) {
      complain('the round is not a year', 'year', year);
      continue;
    }
    const value = observation.value;
    let outcome: number;
    if (value === 'N') outcome = -1;
    // Categories 1-4 as the UN codes them: 3 meets, 4 fully meets.
    else if (Number.isInteger(value) && value >= 1 && value <= 4) outcome = value >= 3 ? 1 : 0;
    else {
      complain('SG_CPA_MIGRS must be a category 1-4 or N', 'value', value);
      continue;
    }
    let resolved = resolvedAreas.get(observation.area);
    if (resolved === undefined) {
      const area = geography.findArea(observation.area);
      const code = area?.code ?? String(observation.area).trim();
      if (geography.isJurisdiction(code)) {
        resolved = jurisdictionIndex.get(code);
        if (resolved === undefined) {
          resolved = jurisdictionCodes.length;
          jurisdictionCodes.push(code);
          jurisdictionIndex.set(code, resolved);
        }
      } else {
        resolved = area
          ? `${area.code} ${area.name} is a ${area.kind}, not a country: its value is left out`
          : 'unknown area: its value is left out';
      }
      resolvedAreas.set(observation.area, resolved);
    }
    if (typeof resolved === 'string') {
      // A value for a grouping (e.g. 830 Channel Islands, reported as N in 2019) is not a country's: leave it out.
      if (outcome !== -1) complain(resolved, 'area', observation.area);
      continue;
    }
    let round = rounds.get(year);
    if (round === undefined) {
      round = {
        asOf: membershipDate(year),
        seen: [],
        containing: [],
        meets: new Int32Array(areaCount * DOMAIN_COUNT),
        responding: new Int32Array(areaCount * DOMAIN_COUNT),
        notApplicable: new Int32Array(areaCount * DOMAIN_COUNT),
        timeDetail: observation.timeDetail,
        timeDetailConflict: false,
      };
      rounds.set(year, round);
    }
    const mask = round.seen[resolved] ?? 0;
    const bit = 1 << domainIndex;
    if (mask & bit) {
      complain(
        `duplicate value for ${jurisdictionCodes[resolved]}, ${observation.domain}, ${year}: the first is kept`,
        'area',
        observation.area,
      );
      continue;
    }
    round.seen[resolved] = mask | bit;
    if (observation.timeDetail !== round.timeDetail) round.timeDetailConflict = true;
    let targets = round.containing[resolved];
    if (targets === undefined) {
      targets = containingTargets(round, jurisdictionCodes[resolved]!);
      round.containing[resolved] = targets;
    }
    for (let index = 0; index < targets.length; index += 1) {
      const cell = targets[index]! * DOMAIN_COUNT + domainIndex;
      if (outcome === -1) round.notApplicable[cell]! += 1;
      else {
        round.responding[cell]! += 1;
        round.meets[cell]! += outcome;
      }
    }
  }

  const aggregates: MigrpAggregate[] = [];
  for (const year of [...rounds.keys()].sort((a, b) => a - b)) {
    const round = rounds.get(year)!;
    const { asOf, meets, responding, notApplicable } = round;
    const timeDetail = round.timeDetailConflict ? undefined : round.timeDetail;
    for (let target = 0; target < areaCount; target += 1) {
      const area = uniqueTargets[target]!;
      const members = geography.areaMembers(area, { asOf }).length;
      for (let domain = 0; domain < DOMAIN_COUNT; domain += 1) {
        const cell = target * DOMAIN_COUNT + domain;
        const denominator = responding[cell]!;
        if (denominator === 0) continue;
        const numerator = meets[cell]!;
        aggregates.push({
          series: 'SG_CPA_MIGRP',
          area,
          year,
          domain: POLICY_DOMAIN_CODES[domain] as PolicyDomainCode,
          value: (100 * numerator) / denominator,
          ...(timeDetail === undefined ? {} : { timeDetail }),
          nature: 'G',
          source: 'computed from SG_CPA_MIGRS country values',
          numerator,
          denominator,
          fraction: { numerator, denominator },
          coverage: {
            members,
            responding: denominator,
            notApplicable: notApplicable[cell]!,
            missing: members - denominator - notApplicable[cell]!,
          },
          origin: 'computed',
          membershipAsOf: asOf,
        });
      }
    }
  }
  return { aggregates, problems };
}
