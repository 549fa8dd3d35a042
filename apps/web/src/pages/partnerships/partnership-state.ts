/**
 * The partnership pages' state: the API's process, overlap and group-result shapes, and the pure
 * functions the pages draw from (founding-year conflicts, member classes for the map, group-result
 * rows, a process's overlaps). Table-tested; the components only draw what these return.
 */
import type { ValueProvenance } from '@migov/server/api';
import type { CategoryClass } from '../../charts/category-scale.ts';
import { normalizeAreaCode } from '../../charts/category-scale.ts';
import { AS_OF } from '../../app/routes.ts';

export type {
  FoundingClaim,
  PartnershipDetail,
  PartnershipMembership,
  PartnershipOverlap,
  PartnershipSummary,
} from '@migov/server/api';
import type { FoundingClaim, PartnershipDetail, PartnershipMembership, PartnershipOverlap } from '@migov/server/api';

/** Whether the sources disagree on the founding year (two or more distinct years). */
export function foundingConflicts(founding: readonly FoundingClaim[]): boolean {
  return new Set(founding.map((claim) => claim.year ?? claim.text)).size > 1;
}

/** The founding years to show: distinct years (or texts), oldest first, each with the sources that give it. */
export function foundingYears(
  founding: readonly FoundingClaim[],
): { label: string; sources: string[]; unverified: boolean }[] {
  const byLabel = new Map<string, { label: string; year: number; sources: string[]; unverified: boolean }>();
  for (const claim of founding) {
    const label = claim.year === undefined ? claim.text : String(claim.year);
    const entry = byLabel.get(label) ?? {
      label,
      year: claim.year ?? Number.POSITIVE_INFINITY,
      sources: [],
      unverified: true,
    };
    if (!entry.sources.includes(claim.source)) entry.sources.push(claim.source);
    entry.unverified &&= claim.unverified;
    byLabel.set(label, entry);
  }
  return [...byLabel.values()]
    .sort((left, right) => left.year - right.year || left.label.localeCompare(right.label))
    .map(({ label, sources, unverified }) => ({ label, sources, unverified }));
}

/** The map classes: members drawn in the darkest category colour, observers in a lighter one, everyone else as no data. */
export function memberClasses(members: readonly PartnershipMembership[]): Map<string, CategoryClass> {
  const classes = new Map<string, CategoryClass>();
  for (const member of members) {
    if (!member.area) continue;
    const code = normalizeAreaCode(member.area);
    // A member record wins over an observer record of the same area.
    if (member.kind === 'member') classes.set(code, { kind: 'category', code: 4, meets: true });
    else if (!classes.has(code)) classes.set(code, { kind: 'category', code: 2, meets: false });
  }
  return classes;
}

/** Map classes of the members by their own overall 10.7.2 category: 1-4, not applicable, or no data (members without a value, and non-members). */
export function categoryClasses(
  members: readonly PartnershipMembership[],
  categories: { values: Record<string, number | 'N'> },
): Map<string, CategoryClass> {
  const classes = new Map<string, CategoryClass>();
  for (const member of members) {
    if (!member.area) continue;
    const code = normalizeAreaCode(member.area);
    const value = categories.values[code];
    if (value === 'N') classes.set(code, { kind: 'not-applicable' });
    else if (typeof value === 'number') classes.set(code, { kind: 'category', code: value, meets: value >= 3 });
  }
  return classes;
}

/** The members sorted for the table: full members before observers, then by name in the language. */
export function sortMembers(
  members: readonly PartnershipMembership[],
  lang: string,
  nameOf: (member: PartnershipMembership) => string,
): PartnershipMembership[] {
  return [...members].sort(
    (left, right) =>
      (left.kind === right.kind ? 0 : left.kind === 'member' ? -1 : 1) ||
      nameOf(left).localeCompare(nameOf(right), lang),
  );
}

/** One row of the group-results table. */
export interface GroupResultRow {
  year: number;
  domain: string;
  numerator: number;
  denominator: number;
  percent: number | undefined;
  members: number;
  responding: number;
  notApplicable: number;
  missing: number;
  provenance?: ValueProvenance;
}

/** The overall pseudo-domain of 10.7.2 observations. */
export const ALL_DOMAINS = 'ALLDOMAINS';

/** The group results as rows: latest round first, the overall figure first within a round, then domains in code order. */
export function groupResultRows(rounds: PartnershipDetail['groupResults']['rounds']): GroupResultRow[] {
  const rows: GroupResultRow[] = [];
  for (const round of [...rounds].sort((left, right) => right.year - left.year)) {
    const domains = [...round.domains].sort((left, right) =>
      left.domain === ALL_DOMAINS
        ? -1
        : right.domain === ALL_DOMAINS
          ? 1
          : left.domain.localeCompare(right.domain, 'en', { numeric: true }),
    );
    for (const entry of domains) {
      rows.push({
        year: round.year,
        domain: entry.domain,
        numerator: entry.numerator,
        denominator: entry.denominator,
        // A group with no responding member has no percentage (never 0 %).
        percent: entry.denominator > 0 && entry.percent !== null ? entry.percent : undefined,
        members: entry.coverage.members,
        responding: entry.coverage.responding,
        notApplicable: entry.coverage.notApplicable,
        missing: entry.coverage.missing,
        ...(entry.provenance ? { provenance: entry.provenance } : {}),
      });
    }
  }
  return rows;
}

/** The processes one process shares members with: the other process and the shared codes, most shared first, then by id. */
export function overlapsOf(
  processId: string,
  overlaps: readonly PartnershipOverlap[],
): { other: string; shared: string[] }[] {
  return overlaps
    .filter(
      (overlap) =>
        overlap.shared.length > 0 &&
        overlap.processes.includes(processId) &&
        overlap.processes[0] !== overlap.processes[1],
    )
    .map((overlap) => ({
      other: overlap.processes[0] === processId ? overlap.processes[1] : overlap.processes[0],
      shared: [...overlap.shared].sort((left, right) => Number(left) - Number(right) || left.localeCompare(right)),
    }))
    .sort((left, right) => right.shared.length - left.shared.length || left.other.localeCompare(right.other));
}

/** Read the "members as of" field: blank means the current records; otherwise YYYY, YYYY-MM or YYYY-MM-DD. */
export function parseAsOfInput(text: string): { ok: true; asOf: string | undefined } | { ok: false } {
  const value = text.trim();
  if (value === '') return { ok: true, asOf: undefined };
  return AS_OF.test(value) ? { ok: true, asOf: value } : { ok: false };
}
