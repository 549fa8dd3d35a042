/**
 * Areas, groupings with dated membership, and the dates that membership is evaluated at.
 */

/** Built-in kinds of area. User-defined groups may use any other kind (e.g. `regional-consultative-process`). */
type BuiltInAreaKind =
  | 'world'
  | 'region'
  | 'sub-region'
  | 'intermediate-region'
  | 'country'
  | 'sdg-region'
  | 'development-group'
  | 'development-region';
/** A built-in kind, or the kind a user-defined group gives itself. */
export type AreaKind = BuiltInAreaKind | (string & {});

/**
 * One entry of a grouping's membership: an area (M49 code, ISO alpha-2/alpha-3, a group id, or an
 * opaque jurisdiction id) that belongs to the group from `from` (inclusive) until `until` (exclusive).
 * Dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a year alone stands for 1 January of that year.
 */
export interface DatedMember {
  area: string;
  /** First day of membership; absent: since the grouping began. */
  from?: string;
  /** First day the area is no longer a member (e.g. the date of LDC graduation); absent: still a member. */
  until?: string;
  note?: string;
}

/** A grouping of areas with dated membership: an id, a name, a kind and members. */
export interface GroupDefinition {
  id: string;
  name: string;
  kind: AreaKind;
  members: readonly DatedMember[];
  /** Areas taken out of the members (e.g. 515 Developing regions = World less 514 Developed regions). */
  excluded?: readonly DatedMember[];
  source?: string;
  note?: string;
}

/** A country or area, a geographic region, an SDG region, or a grouping. */
export interface Area {
  /** M49 code without leading zeros (`"4"`), or a user-defined group id. */
  code: string;
  /** The three-digit M49 code (`"004"`), for M49 areas. */
  m49?: string;
  /** The name the UN SDG Global Database uses. */
  name: string;
  /** The primary kind. */
  kind: AreaKind;
  /** Every kind the area has (202 Sub-Saharan Africa is both an M49 sub-region and an SDG region). */
  kinds: readonly AreaKind[];
  /** ISO 3166-1 alpha-2, for countries and areas that have one. */
  alpha2?: string;
  /** ISO 3166-1 alpha-3, for countries and areas that have one. */
  alpha3?: string;
  /** The enclosing area in the M49 hierarchy. */
  parent?: string;
  /** For groupings: the dated members as defined (not expanded to countries). */
  members?: readonly DatedMember[];
  excluded?: readonly DatedMember[];
  source?: string;
  note?: string;
}

/** When membership is evaluated: a year (1 January of that year) or a date `YYYY-MM-DD`. */
export type AsOf = number | string;

/** Options of the membership queries. Without `asOf`, membership is the open-ended one: entries with no `until`. */
export interface MembershipOptions {
  asOf?: AsOf;
}

/** Thrown by `getArea` for a code that names no area. */
export class AreaNotFoundError extends Error {
  readonly code: string;
  constructor(code: string) {
    super(`unknown area: ${code}`);
    this.name = 'AreaNotFoundError';
    this.code = code;
  }
}

/** Thrown for an invalid date, group definition or option (fail fast: `invalid <name>: <value>`). */
export class GeographyDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GeographyDefinitionError';
  }
}

const DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Turn a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date into a sortable day key `YYYYMMDD`. */
export function parseDateKey(text: string, what = 'date'): number {
  const match = DATE_PATTERN.exec(text.trim());
  if (!match) throw new GeographyDefinitionError(`invalid ${what}: ${text} (expected YYYY, YYYY-MM or YYYY-MM-DD)`);
  const year = Number(match[1]);
  const month = match[2] === undefined ? 1 : Number(match[2]);
  const day = match[3] === undefined ? 1 : Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) throw new GeographyDefinitionError(`invalid ${what}: ${text}`);
  return year * 10_000 + month * 100 + day;
}

/** The day key of an `asOf`; `Infinity` (open-ended membership) when absent. */
export function asOfKey(asOf: AsOf | undefined): number {
  if (asOf === undefined) return Number.POSITIVE_INFINITY;
  if (typeof asOf === 'number') {
    if (!Number.isInteger(asOf) || asOf < 1000 || asOf > 9999)
      throw new GeographyDefinitionError(`invalid asOf: ${asOf}`);
    return asOf * 10_000 + 101;
  }
  return parseDateKey(asOf, 'asOf');
}
