/**
 * The partnership registry model: inter-State consultation mechanisms on migration (ISCMs) —
 * regional consultative processes, interregional forums and global processes — with their type
 * history, conflicting founding years kept side by side, secretariat, dated membership and meetings.
 * A registry is plain data; edits return a new registry and never remove a record.
 */

/** Kinds of inter-State consultation mechanism. */
export const PROCESS_TYPES = ['regional-consultative-process', 'interregional-forum', 'global-process'] as const;
export type ProcessType = (typeof PROCESS_TYPES)[number];

/** Whether a membership counts a full member or an observer (observers are left out of group results by default). */
export const MEMBERSHIP_KINDS = ['member', 'observer'] as const;
type MembershipKind = (typeof MEMBERSHIP_KINDS)[number];

/** One entry of a process's type history: which type a source gives it, and when. */
export interface ProcessTypeClaim {
  type: ProcessType;
  /** When the source describes the process so (free text, e.g. "IOM overviews 2013-2017", "current IOM page"). */
  asOf: string;
  source: string;
  /** Set when no primary source confirms the claim: why not. */
  unverifiedReason?: string;
}

/** One founding year claimed by one source; conflicting claims are all kept. */
interface FoundingClaim {
  year?: number;
  text: string;
  source: string;
  unverified: boolean;
  /** Why the claim is unverified (no primary source, or the compilation could not confirm it). */
  unverifiedReason?: string;
}

/** A text with the source it comes from. */
interface ProcessSourcedText {
  text: string;
  source: string;
  unverified: boolean;
  /** Why the text is unverified (no primary source, or the compilation could not confirm it). */
  unverifiedReason?: string;
}

/** An inter-State consultation mechanism on migration. */
export interface ConsultationProcess {
  /** Stable id, e.g. `colombo-process`. */
  id: string;
  acronym: string;
  name: string;
  types: readonly ProcessTypeClaim[];
  /** The type as the source text words it. */
  typeText: string;
  region: string;
  founding: readonly FoundingClaim[];
  secretariat: ProcessSourcedText;
  associatedOrganization?: string;
  memberCountReported: ProcessSourcedText;
  /**
   * Set when the process's member list is not compiled from a primary source: why not. Its member
   * count is then not compiled (never 0), whatever membership records exist.
   */
  membersNotCompiled?: string;
  source: string;
  notes?: string;
}

/**
 * One membership record: an area belongs to a process with a role, as a source attests on a date.
 * `from`/`until` (YYYY, YYYY-MM or YYYY-MM-DD; until exclusive) bound it when known; records
 * without them are attested snapshots and count at every date.
 */
export interface ProcessMembership {
  id: string;
  process: string;
  /** M49 code without leading zeros; absent when the name is ambiguous (see `note`). */
  area?: string;
  /** The name as the source writes it. */
  name: string;
  role: string;
  kind: MembershipKind;
  /** The as-of date as the source gives it (e.g. `2017`, `c.2016-2020`, `current page`). */
  asOf: string;
  /** The year the source attests the membership, when it names one. */
  asOfYear?: number;
  from?: string;
  until?: string;
  source: string;
  unverified: boolean;
  /** Why the record is unverified (no primary source, or the compilation could not confirm it). */
  unverifiedReason?: string;
  note?: string;
}

/** An outcome document of a meeting. */
export interface OutcomeDocument {
  title: string;
  source: string;
}

/** A meeting of a process, or a Global Meeting of Chairs and Secretariats of RCPs (`process: 'grcp'`). */
export interface ProcessMeeting {
  id: string;
  process: string;
  title: string;
  /** As the source gives it, e.g. `25-26 October 2011`. */
  date: string;
  year?: number;
  place: string;
  theme: string;
  participants?: string;
  outcomes: readonly OutcomeDocument[];
  source: string;
  unverified: boolean;
  /** Why the meeting's facts are unverified. */
  unverifiedReason?: string;
}

/** The partnership registry: processes, membership records and meetings. */
export interface PartnershipRegistry {
  processes: readonly ConsultationProcess[];
  memberships: readonly ProcessMembership[];
  meetings: readonly ProcessMeeting[];
}
