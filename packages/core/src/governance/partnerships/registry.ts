/**
 * Queries and edits of the partnership registry. Membership is evaluated on a date: a record counts
 * when the date falls in its `from`/`until` bounds (records without bounds are attested snapshots
 * and always count). Edits return a new registry and never remove a record: ending a membership sets
 * its `until`, keeping who belonged when.
 */
import type { FieldProblem } from '../../observations/observation.ts';
import { GLOBAL_RCP_MEETINGS, ISCM_MEMBERSHIPS, ISCM_PROCESSES } from '../reference/iscm.data.ts';
import {
  type ConsultationProcess,
  type OutcomeDocument,
  type PartnershipRegistry,
  type ProcessMeeting,
  type ProcessMembership,
  type ProcessType,
  type ProcessTypeClaim,
} from './partnership.ts';

/** The registry shipped with migov, seeded from the reference compilation (sources, dates and UNVERIFIED flags kept). */
export const DEFAULT_PARTNERSHIP_REGISTRY: PartnershipRegistry = {
  processes: ISCM_PROCESSES,
  memberships: ISCM_MEMBERSHIPS,
  meetings: GLOBAL_RCP_MEETINGS,
};

/** When membership is evaluated: a year (1 January) or a date `YYYY-MM-DD`. */
export type MembershipDate = number | string;

/** Options of the membership queries. */
export interface MembershipQuery {
  /** Date of evaluation; default: today's records without an end (`until`). */
  asOf?: MembershipDate;
  /** Count observers too (default false: group results are about members). */
  includeObservers?: boolean;
  /**
   * Count unverified records too (default false: a record no primary source confirms is not a fact, so
   * members, maps, overlaps and group results leave it out; it stays in the registry's records).
   */
  includeUnverified?: boolean;
}

/** Thrown by getProcess for an unknown id or acronym. */
export class ProcessNotFoundError extends Error {
  constructor(idOrAcronym: string) {
    super(`unknown consultation process: ${idOrAcronym}`);
    this.name = 'ProcessNotFoundError';
  }
}

/** Thrown for a malformed date. */
class PartnershipDateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PartnershipDateError';
  }
}

const DATE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (or a year number) as a sortable day number; throws PartnershipDateError. */
function membershipDateKey(date: MembershipDate, what = 'date'): number {
  if (typeof date === 'number') {
    if (!Number.isInteger(date) || date < 1000 || date > 9999)
      throw new PartnershipDateError(`invalid ${what}: ${date} (expected a year)`);
    return date * 10_000 + 101;
  }
  const match = DATE.exec(date.trim());
  if (!match) throw new PartnershipDateError(`invalid ${what}: ${date} (expected YYYY, YYYY-MM or YYYY-MM-DD)`);
  return Number(match[1]) * 10_000 + Number(match[2] ?? 1) * 100 + Number(match[3] ?? 1);
}

/** The process with this id or acronym (case-insensitive), or undefined. */
export function findProcess(registry: PartnershipRegistry, idOrAcronym: string): ConsultationProcess | undefined {
  const wanted = idOrAcronym.trim().toLowerCase();
  return registry.processes.find((process) => process.id === wanted || process.acronym.toLowerCase() === wanted);
}

/** The process with this id or acronym; throws ProcessNotFoundError. */
export function getProcess(registry: PartnershipRegistry, idOrAcronym: string): ConsultationProcess {
  const process = findProcess(registry, idOrAcronym);
  if (!process) throw new ProcessNotFoundError(idOrAcronym);
  return process;
}

/** The processes, optionally of one type (as the latest type claim gives it). */
export function listProcesses(
  registry: PartnershipRegistry,
  options: { type?: ProcessType } = {},
): readonly ConsultationProcess[] {
  if (!options.type) return registry.processes;
  return registry.processes.filter((process) => process.types.at(-1)?.type === options.type);
}

function isCurrent(record: ProcessMembership, query: MembershipQuery): boolean {
  if (record.kind === 'observer' && !query.includeObservers) return false;
  if (record.unverified && !query.includeUnverified) return false;
  if (query.asOf === undefined) return record.until === undefined;
  const key = membershipDateKey(query.asOf, 'asOf');
  if (record.from !== undefined && membershipDateKey(record.from, 'from') > key) return false;
  if (record.until !== undefined && membershipDateKey(record.until, 'until') <= key) return false;
  return true;
}

/** The membership records of a process that count on the date, one per member (the latest attested). */
export function processMemberships(
  registry: PartnershipRegistry,
  processId: string,
  query: MembershipQuery = {},
): ProcessMembership[] {
  const process = getProcess(registry, processId);
  const byMember = new Map<string, ProcessMembership>();
  for (const record of registry.memberships) {
    if (record.process !== process.id || !isCurrent(record, query)) continue;
    const key = record.area ?? `name:${record.name}`;
    const existing = byMember.get(key);
    if (!existing || (record.asOfYear ?? 0) >= (existing.asOfYear ?? 0)) byMember.set(key, record);
  }
  return [...byMember.values()];
}

/** The M49 codes of a process's members on the date, sorted numerically. Members without a code are left out (see processMemberships). */
export function processMemberAreas(
  registry: PartnershipRegistry,
  processId: string,
  query: MembershipQuery = {},
): string[] {
  const areas = processMemberships(registry, processId, query).flatMap((record) => (record.area ? [record.area] : []));
  return [...new Set(areas)].sort((left, right) => Number(left) - Number(right));
}

/** The processes an area belongs to on the date, with its membership record. */
export function processesOfArea(
  registry: PartnershipRegistry,
  area: string,
  query: MembershipQuery = {},
): { process: ConsultationProcess; membership: ProcessMembership }[] {
  return registry.processes.flatMap((process) => {
    const membership = processMemberships(registry, process.id, query).find((record) => record.area === area);
    return membership ? [{ process, membership }] : [];
  });
}

/** The shared and own members of two processes. */
export interface ProcessOverlap {
  processes: [string, string];
  shared: string[];
  onlyFirst: string[];
  onlySecond: string[];
}

/**
 * Shared members of two processes on the date.
 * @example processOverlap(DEFAULT_PARTNERSHIP_REGISTRY, 'colombo-process', 'add').shared
 */
export function processOverlap(
  registry: PartnershipRegistry,
  first: string,
  second: string,
  query: MembershipQuery = {},
): ProcessOverlap {
  const a = processMemberAreas(registry, first, query);
  const b = processMemberAreas(registry, second, query);
  const inA = new Set(a);
  const inB = new Set(b);
  return {
    processes: [getProcess(registry, first).id, getProcess(registry, second).id],
    shared: a.filter((area) => inB.has(area)),
    onlyFirst: a.filter((area) => !inB.has(area)),
    onlySecond: b.filter((area) => !inA.has(area)),
  };
}

/** Every pair of the given processes (default: all) that share at least one member, most shared first. */
export function processOverlaps(
  registry: PartnershipRegistry,
  query: MembershipQuery & { processes?: readonly string[] } = {},
): { processes: [string, string]; shared: string[] }[] {
  const ids = (query.processes ?? registry.processes.map((process) => process.id)).map(
    (id) => getProcess(registry, id).id,
  );
  const pairs: { processes: [string, string]; shared: string[] }[] = [];
  for (let left = 0; left < ids.length; left += 1) {
    for (let right = left + 1; right < ids.length; right += 1) {
      const overlap = processOverlap(registry, ids[left] ?? '', ids[right] ?? '', query);
      if (overlap.shared.length > 0) pairs.push({ processes: overlap.processes, shared: overlap.shared });
    }
  }
  return pairs.sort(
    (x, y) => y.shared.length - x.shared.length || x.processes.join().localeCompare(y.processes.join()),
  );
}

/** Meetings of a process (`grcp` for the Global Meetings of Chairs and Secretariats of RCPs), in date order. */
export function processMeetings(registry: PartnershipRegistry, processId: string): ProcessMeeting[] {
  return registry.meetings
    .filter((meeting) => meeting.process === processId)
    .sort((left, right) => (left.year ?? 0) - (right.year ?? 0));
}

export type RegistryEditResult<T> =
  { ok: true; registry: PartnershipRegistry; record: T } | { ok: false; problems: FieldProblem[] };

const blank = (text: string | undefined) => text === undefined || text.trim() === '';

function dateProblem(field: string, value: string | undefined): FieldProblem[] {
  if (value === undefined) return [];
  try {
    membershipDateKey(value, field);
    return [];
  } catch (error) {
    return [{ field, value, message: (error as Error).message }];
  }
}

/** What an editor gives for a new membership record. */
export interface NewMembership {
  process: string;
  area?: string;
  name: string;
  role: string;
  kind: ProcessMembership['kind'];
  asOf: string;
  from?: string;
  until?: string;
  source: string;
  unverified?: boolean;
  note?: string;
}

/** Add a membership record (e.g. a new member from a date), validated. */
export function addMembership(
  registry: PartnershipRegistry,
  input: NewMembership,
  isKnownArea?: (area: string) => boolean,
): RegistryEditResult<ProcessMembership> {
  const problems: FieldProblem[] = [];
  const process = findProcess(registry, input.process);
  if (!process) problems.push({ field: 'process', value: input.process, message: 'unknown consultation process' });
  if (input.area !== undefined && (!/^\d{1,3}$/.test(input.area) || (isKnownArea && !isKnownArea(input.area)))) {
    problems.push({ field: 'area', value: input.area, message: 'not a known M49 code' });
  }
  if (blank(input.name)) problems.push({ field: 'name', message: 'a member needs a name' });
  if (blank(input.source)) problems.push({ field: 'source', message: 'a membership record needs its source' });
  if (input.kind !== 'member' && input.kind !== 'observer')
    problems.push({ field: 'kind', value: input.kind, message: 'member or observer' });
  problems.push(...dateProblem('from', input.from), ...dateProblem('until', input.until));
  if (
    problems.length === 0 &&
    input.from &&
    input.until &&
    membershipDateKey(input.from) >= membershipDateKey(input.until)
  ) {
    problems.push({ field: 'until', value: input.until, message: `until must be after from (${input.from})` });
  }
  if (problems.length > 0 || !process) return { ok: false, problems };
  const sequence = registry.memberships.filter((record) => record.process === process.id).length + 1;
  const record: ProcessMembership = {
    id: `${process.id}:${input.area ?? input.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}:edit-${sequence}`,
    process: process.id,
    ...(input.area ? { area: input.area } : {}),
    name: input.name.trim(),
    role: input.role,
    kind: input.kind,
    asOf: input.asOf,
    ...(/^\d{4}/.test(input.asOf) ? { asOfYear: Number(input.asOf.slice(0, 4)) } : {}),
    ...(input.from ? { from: input.from } : {}),
    ...(input.until ? { until: input.until } : {}),
    source: input.source,
    unverified: input.unverified ?? false,
    ...(input.note ? { note: input.note } : {}),
  };
  return { ok: true, registry: { ...registry, memberships: [...registry.memberships, record] }, record };
}

/** End a membership on a date (the record stays, with `until` and the source of the end). */
export function endMembership(
  registry: PartnershipRegistry,
  id: string,
  end: { until: string; source: string },
): RegistryEditResult<ProcessMembership> {
  const record = registry.memberships.find((entry) => entry.id === id);
  const problems: FieldProblem[] = [];
  if (!record) problems.push({ field: 'id', value: id, message: 'no such membership record' });
  else if (record.until !== undefined)
    problems.push({ field: 'id', value: id, message: `the membership already ended on ${record.until}` });
  problems.push(...dateProblem('until', end.until));
  if (blank(end.source))
    problems.push({ field: 'source', message: 'ending a membership needs the source that says so' });
  if (problems.length === 0 && record?.from && membershipDateKey(record.from) >= membershipDateKey(end.until)) {
    problems.push({ field: 'until', value: end.until, message: `until must be after from (${record.from})` });
  }
  if (problems.length > 0 || !record) return { ok: false, problems };
  const ended: ProcessMembership = {
    ...record,
    until: end.until,
    note: [record.note, `ended ${end.until} (${end.source})`].filter(Boolean).join('; '),
  };
  return {
    ok: true,
    registry: { ...registry, memberships: registry.memberships.map((entry) => (entry.id === id ? ended : entry)) },
    record: ended,
  };
}

/** Add a meeting with its outcome documents. */
export function addMeeting(
  registry: PartnershipRegistry,
  meeting: Omit<ProcessMeeting, 'id'> & { id?: string },
): RegistryEditResult<ProcessMeeting> {
  const problems: FieldProblem[] = [];
  if (meeting.process !== 'grcp' && !findProcess(registry, meeting.process))
    problems.push({ field: 'process', value: meeting.process, message: 'unknown consultation process' });
  if (blank(meeting.title)) problems.push({ field: 'title', message: 'a meeting needs a title' });
  if (blank(meeting.source)) problems.push({ field: 'source', message: 'a meeting needs its source' });
  meeting.outcomes.forEach((outcome: OutcomeDocument, index) => {
    if (blank(outcome.title) || blank(outcome.source))
      problems.push({ field: `outcomes[${index}]`, message: 'an outcome document needs a title and a source' });
  });
  const id =
    meeting.id ??
    `${meeting.process}-${registry.meetings.filter((entry) => entry.process === meeting.process).length + 1}`;
  if (registry.meetings.some((entry) => entry.id === id))
    problems.push({ field: 'id', value: id, message: 'a meeting with this id exists' });
  if (problems.length > 0) return { ok: false, problems };
  const record: ProcessMeeting = { ...meeting, id };
  return { ok: true, registry: { ...registry, meetings: [...registry.meetings, record] }, record };
}

/**
 * Add one entry to a process's type history (the type a source gives it, and when); earlier entries
 * stay, and the latest entry is the process's current type.
 */
export function addTypeClaim(
  registry: PartnershipRegistry,
  processId: string,
  claim: ProcessTypeClaim,
): RegistryEditResult<ProcessTypeClaim & { process: string }> {
  const process = findProcess(registry, processId);
  if (!process)
    return { ok: false, problems: [{ field: 'id', value: processId, message: 'unknown consultation process' }] };
  if (
    process.types.some(
      (entry) => entry.type === claim.type && entry.asOf === claim.asOf && entry.source === claim.source,
    )
  ) {
    return {
      ok: false,
      problems: [{ field: 'type', value: claim.type, message: 'the type history already has this entry' }],
    };
  }
  const updated = { ...process, types: [...process.types, claim] };
  return {
    ok: true,
    registry: {
      ...registry,
      processes: registry.processes.map((entry) => (entry.id === process.id ? updated : entry)),
    },
    record: { ...claim, process: process.id },
  };
}

/** A process's member count: a number only when its member list is compiled from primary sources, else the reason it is not. */
export type ProcessMemberCount =
  { compiled: true; count: number; unverifiedLeftOut: number } | { compiled: false; count: null; reason: string };

/**
 * How many members a process has on the date, counted from its verified membership records. The
 * count is not compiled (`count: null`, never 0) when the process's member list is marked not
 * compiled, or when no verified record counts: a process without records has an unknown
 * membership, not an empty one. Unverified records never count; their number is reported.
 */
export function processMemberCount(
  registry: PartnershipRegistry,
  processId: string,
  query: MembershipQuery = {},
): ProcessMemberCount {
  const process = getProcess(registry, processId);
  if (process.membersNotCompiled) return { compiled: false, count: null, reason: process.membersNotCompiled };
  const records = processMemberships(registry, process.id, { ...query, includeUnverified: true });
  const verified = new Set(records.filter((record) => !record.unverified && record.area).map((record) => record.area));
  const unverified = records.filter((record) => record.unverified);
  if (verified.size === 0) {
    if (unverified.length === 0)
      return { compiled: false, count: null, reason: 'no membership records are compiled for this process' };
    const reasons = [...new Set(unverified.map((record) => record.unverifiedReason ?? 'unverified'))];
    return {
      compiled: false,
      count: null,
      reason: `the ${unverified.length} membership records are unverified: ${reasons.join('; ')}`,
    };
  }
  return { compiled: true, count: verified.size, unverifiedLeftOut: unverified.length };
}
