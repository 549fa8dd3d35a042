/**
 * Chart state for categories: which class a jurisdiction falls in for a domain, the colour of each
 * class and the legend. Pure, so it is table-tested; components only draw what this returns.
 */
import type { PublishedResult, ResultValues } from '@migov/server/api';

/** The class of one jurisdiction on a map or in a table. */
export type CategoryClass =
  | { kind: 'category'; code: number; label?: string; meets: boolean; score?: string }
  | { kind: 'not-applicable' }
  | { kind: 'no-data' };

/** The overall result is addressed by this pseudo-domain. */
export const OVERALL = 'overall';

/**
 * Colours of categories 1 (lowest) to 4 (highest): four steps of viridis, ordered in lightness and
 * distinguishable with the common colour-vision deficiencies. No data and not applicable are greys
 * (the legend and the table name them; a colour never carries meaning alone).
 */
export const CATEGORY_COLOURS: readonly string[] = ['#fde725', '#35b779', '#31688e', '#440154'];
export const NO_DATA_COLOUR = '#e6e6e6';
export const NOT_APPLICABLE_COLOUR = '#9e9e9e';
/** Text colour with enough contrast on each category colour (WCAG AA). */
export const CATEGORY_TEXT_COLOURS: readonly string[] = ['#1a1a1a', '#1a1a1a', '#ffffff', '#ffffff'];

/** M49 codes compare without leading zeros: "004", "04" and "4" are one country. */
export function normalizeAreaCode(code: string): string {
  return /^\d+$/.test(code) ? String(Number(code)) : code;
}

/** The class of a result for a domain code (or {@link OVERALL}). */
export function classifyResult(
  result: Pick<PublishedResult, 'overall' | 'domains'> | undefined,
  domain: string,
): CategoryClass {
  if (!result) return { kind: 'no-data' };
  const score =
    domain === OVERALL
      ? result.overall
      : result.domains.find((entry) => entry.code === domain || entry.domainId === domain);
  if (!score) return { kind: 'no-data' };
  if (score.status === 'not-applicable') return { kind: 'not-applicable' };
  if (score.category === undefined) return { kind: 'no-data' };
  return {
    kind: 'category',
    code: score.category,
    meets: score.meets ?? false,
    ...(score.categoryLabel ? { label: score.categoryLabel } : {}),
    ...(score.score ? { score: score.score } : {}),
  };
}

/** The class of a result set (GET /results) for a domain code (or {@link OVERALL}): no data when the set has no value for it; a null category otherwise is not applicable (N). */
export function classifyValue(
  values: Pick<ResultValues, 'overall' | 'domains'> | null | undefined,
  domain: string,
): CategoryClass {
  if (!values) return { kind: 'no-data' };
  const entry =
    domain === OVERALL || domain === values.overall.code
      ? values.overall
      : values.domains.find((candidate) => candidate.code === domain);
  if (!entry || entry.status === 'no-data') return { kind: 'no-data' };
  if (entry.category === null) return { kind: 'not-applicable' };
  return {
    kind: 'category',
    code: entry.category,
    meets: entry.meets ?? entry.category >= 3,
    ...(entry.label ? { label: entry.label } : {}),
  };
}

/** Classify every jurisdiction (by normalized code) for one domain. */
export function classifyResults(results: readonly PublishedResult[], domain: string): Map<string, CategoryClass> {
  const classes = new Map<string, CategoryClass>();
  for (const result of results) classes.set(normalizeAreaCode(result.jurisdiction), classifyResult(result, domain));
  return classes;
}

/** The fill of a class; categories beyond the palette take its last colour. */
export function fillOf(cls: CategoryClass, lowest = 1): string {
  if (cls.kind === 'no-data') return NO_DATA_COLOUR;
  if (cls.kind === 'not-applicable') return NOT_APPLICABLE_COLOUR;
  const index = Math.min(Math.max(cls.code - lowest, 0), CATEGORY_COLOURS.length - 1);
  return CATEGORY_COLOURS[index]!;
}

/** One legend entry. */
export interface LegendEntry {
  key: string;
  colour: string;
  /** Category code, or the class kind for the greys. */
  category?: number;
  kind: CategoryClass['kind'];
  count: number;
}

/** Legend entries for categories `codes` (in order) plus not applicable and no data, with counts over `areas`. */
export function legendEntries(
  codes: readonly number[],
  classes: ReadonlyMap<string, CategoryClass>,
  areas: readonly string[],
): LegendEntry[] {
  const counts = new Map<string, number>();
  for (const area of areas) {
    const cls = classes.get(normalizeAreaCode(area)) ?? { kind: 'no-data' as const };
    const key = cls.kind === 'category' ? `c${cls.code}` : cls.kind;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const lowest = Math.min(...codes);
  return [
    ...codes.map((code) => ({
      key: `c${code}`,
      colour: fillOf({ kind: 'category', code, meets: false }, lowest),
      category: code,
      kind: 'category' as const,
      count: counts.get(`c${code}`) ?? 0,
    })),
    {
      key: 'not-applicable',
      colour: NOT_APPLICABLE_COLOUR,
      kind: 'not-applicable' as const,
      count: counts.get('not-applicable') ?? 0,
    },
    { key: 'no-data', colour: NO_DATA_COLOUR, kind: 'no-data' as const, count: counts.get('no-data') ?? 0 },
  ];
}

/** Share of jurisdictions meeting (category flagged `meets`) among those with a category: n/N as integers. */
export function meetingShare(classes: Iterable<CategoryClass>): { meeting: number; responding: number } {
  let meeting = 0;
  let responding = 0;
  for (const cls of classes) {
    if (cls.kind !== 'category') continue;
    responding += 1;
    if (cls.meets) meeting += 1;
  }
  return { meeting, responding };
}

/** Change between two rounds for one domain: up, down, same, or not comparable. */
export function changeBetween(
  before: CategoryClass,
  after: CategoryClass,
): 'up' | 'down' | 'same' | 'new' | 'not-comparable' {
  if (after.kind !== 'category') return 'not-comparable';
  if (before.kind !== 'category') return 'new';
  return after.code > before.code ? 'up' : after.code < before.code ? 'down' : 'same';
}
