/**
 * The SDG 10.7.2 results of a consultation process's members as a group, e.g. "% of Colombo Process
 * members that meet". The figure comes from core aggregation (aggregateMigrp, the published method
 * of SG_CPA_MIGRP: 100 x members with category 3 or 4 / responding members; `N` and missing values
 * left out of both; no imputation, no weighting) over the process as a user-defined group; the
 * member lists beside it say who is in each count. Membership is taken on the round's date.
 */
import { aggregateMigrp } from '../../aggregation/aggregate-migrp.ts';
import type { DatedMember, GroupDefinition } from '../../geography/area.ts';
import { createGeography, type Geography } from '../../geography/geography.ts';
import { POLICY_DOMAIN_CODES, type Observation, type PolicyDomainCode } from '../../observations/observation.ts';
import type { PartnershipRegistry } from './partnership.ts';
import { getProcess, processMemberships, type MembershipDate } from './registry.ts';

/** The group id a process gets in a geography (`iscm-<process id>`). */
export const processGroupId = (processId: string): string => `iscm-${processId}`;

/**
 * The processes as user-defined groups with dated members, for createGeography({ groups }): RCPs and
 * forums can then be aggregated and mapped like any other area. Members without an M49 code are left out.
 */
export function partnershipGroups(
  registry: PartnershipRegistry,
  options: { includeObservers?: boolean; processes?: readonly string[] } = {},
): GroupDefinition[] {
  const wanted = options.processes ? new Set(options.processes.map((id) => getProcess(registry, id).id)) : undefined;
  return registry.processes
    .filter((process) => !wanted || wanted.has(process.id))
    .map((process) => {
      const members: DatedMember[] = registry.memberships
        .filter(
          (record) =>
            record.process === process.id &&
            record.area !== undefined &&
            !record.unverified &&
            (options.includeObservers || record.kind === 'member'),
        )
        .map((record) => ({
          area: record.area ?? '',
          ...(record.from ? { from: record.from } : {}),
          ...(record.until ? { until: record.until } : {}),
          note: `${record.role} (${record.source}, as of ${record.asOf})`,
        }));
      return {
        id: processGroupId(process.id),
        name: process.name,
        kind: process.types.at(-1)?.type ?? 'consultation-process',
        members,
        source: process.source,
      };
    })
    .filter((group) => group.members.length > 0);
}

/** Options of a group computation. */
export interface GroupResultOptions {
  year: number;
  /** Default ALLDOMAINS. */
  domain?: PolicyDomainCode;
  /** Membership date; default the round year (1 January). */
  asOf?: MembershipDate;
  includeObservers?: boolean;
}

/** A process's members as a group for one round and domain. */
export interface GroupResult {
  process: string;
  year: number;
  domain: PolicyDomainCode;
  /** M49 codes of the members counted. */
  members: string[];
  /** Members with category 1-4: the denominator. */
  responding: string[];
  /** Members with category 3 or 4: the numerator. */
  meeting: string[];
  notApplicable: string[];
  missing: string[];
  /** Members named without an M49 code (ambiguous names), not counted. */
  unresolved: string[];
  numerator: number;
  denominator: number;
  /** 100 x numerator / denominator; undefined when no member responded. */
  percent?: number;
}

// Building a geography walks the whole M49 tree: keep one per registry, process and observer choice.
const geographies = new WeakMap<PartnershipRegistry, Map<string, Geography>>();
function groupGeography(registry: PartnershipRegistry, processId: string, includeObservers: boolean): Geography {
  const cache = geographies.get(registry) ?? new Map<string, Geography>();
  geographies.set(registry, cache);
  const key = `${processId}|${includeObservers}`;
  let geography = cache.get(key);
  if (!geography) {
    geography = createGeography({ groups: partnershipGroups(registry, { processes: [processId], includeObservers }) });
    cache.set(key, geography);
  }
  return geography;
}

/**
 * The group result of a process's members for one round and domain.
 * @example processGroupResult(DEFAULT_PARTNERSHIP_REGISTRY, 'colombo-process', observations, { year: 2021 }).percent
 */
export function processGroupResult(
  registry: PartnershipRegistry,
  processId: string,
  observations: Iterable<Observation>,
  options: GroupResultOptions,
): GroupResult {
  const process = getProcess(registry, processId);
  const domain = options.domain ?? 'ALLDOMAINS';
  const records = processMemberships(registry, process.id, {
    asOf: options.asOf ?? options.year,
    ...(options.includeObservers ? { includeObservers: true } : {}),
  });
  const members = [...new Set(records.flatMap((record) => (record.area ? [record.area] : [])))].sort(
    (left, right) => Number(left) - Number(right),
  );
  const unresolved = records.filter((record) => !record.area).map((record) => record.name);
  const wanted = new Set(members);
  const relevant = [...observations].filter(
    (entry) =>
      entry.series === 'SG_CPA_MIGRS' &&
      entry.year === options.year &&
      entry.domain === domain &&
      wanted.has(entry.area),
  );
  const values = new Map<string, Observation['value']>();
  for (const observation of relevant) {
    // Observations carry canonical M49 strings; the first value of a member wins, as in core aggregation.
    if (!values.has(observation.area)) values.set(observation.area, observation.value);
  }
  const responding: string[] = [];
  const meeting: string[] = [];
  const notApplicable: string[] = [];
  const missing: string[] = [];
  for (const area of members) {
    const value = values.get(area);
    if (value === undefined) missing.push(area);
    else if (value === 'N') notApplicable.push(area);
    else if (Number.isInteger(value) && value >= 1 && value <= 4) {
      responding.push(area);
      if (value >= 3) meeting.push(area);
    } else missing.push(area);
  }
  const base: GroupResult = {
    process: process.id,
    year: options.year,
    domain,
    members,
    responding,
    meeting,
    notApplicable,
    missing,
    unresolved,
    numerator: meeting.length,
    denominator: responding.length,
  };
  if (members.length === 0) return base;
  const asOf = options.asOf ?? options.year;
  const aggregate = aggregateMigrp(relevant, {
    geography: groupGeography(registry, process.id, options.includeObservers ?? false),
    areas: [processGroupId(process.id)],
    membershipDate: () => asOf,
  }).aggregates.find((entry) => entry.domain === domain && entry.year === options.year);
  if (!aggregate) return base;
  return { ...base, numerator: aggregate.numerator, denominator: aggregate.denominator, percent: aggregate.value };
}

/** The group results of a process for every policy domain of a round. */
export function processGroupResults(
  registry: PartnershipRegistry,
  processId: string,
  observations: Iterable<Observation>,
  options: Omit<GroupResultOptions, 'domain'>,
): GroupResult[] {
  const list = [...observations];
  return POLICY_DOMAIN_CODES.map((domain) => processGroupResult(registry, processId, list, { ...options, domain }));
}

/** Each member's own overall 10.7.2 result in the latest round any member has one: category 1-4, or `N`. */
export interface MemberCategories {
  year: number;
  /** M49 code -> category (1-4) or `N` (not applicable); members without a value are absent. */
  values: Record<string, number | 'N'>;
}

/**
 * The overall (ALLDOMAINS) SG_CPA_MIGRS values of the given member areas in the latest round that has
 * any, for colouring a member map by category; undefined when none of them has a value.
 */
export function memberCategories(
  memberAreas: readonly string[],
  observations: Iterable<Observation>,
): MemberCategories | undefined {
  const wanted = new Set(memberAreas.map((area) => String(Number(area))));
  const own = [...observations].filter(
    (entry) =>
      entry.series === 'SG_CPA_MIGRS' &&
      entry.domain === 'ALLDOMAINS' &&
      wanted.has(String(Number(entry.area))) &&
      (typeof entry.value === 'number' || entry.value === 'N'),
  );
  if (own.length === 0) return undefined;
  const year = Math.max(...own.map((entry) => entry.year));
  const values: Record<string, number | 'N'> = {};
  for (const entry of own) if (entry.year === year) values[String(Number(entry.area))] = entry.value as number | 'N';
  return { year, values };
}
