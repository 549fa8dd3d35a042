/**
 * The catalogue of migration-related SDG indicators: titles versioned by UN review, custodians,
 * tiers and known series, every fact with its source.
 */
import { INDICATOR_CATALOGUE, SDG_MIGRATION_INDICATORS } from './catalogue.data.ts';

/** Whether a fact was confirmed in a named source or still needs checking. */
type FactStatus = 'sourced' | 'unverified';

/** One wording of an indicator's title and the years it applies to (`from` inclusive, `until` exclusive; open when absent). */
export interface TitleVersion {
  title: string;
  /** Year the wording took effect (2017 framework, 2020 or 2025 comprehensive review); absent when not known. */
  from?: number;
  /** Year the wording was replaced; absent while it is current. */
  until?: number;
  source: string;
  status: FactStatus;
  /** What is not confirmed, or where sources disagree. */
  note?: string;
}

/** Tier classification: the source's text, migov's reading of it, and whether that reading is trustworthy. */
export interface IndicatorTier {
  /** null when the source gives no usable tier. */
  value: 'I' | 'II' | 'III' | null;
  /** The cell exactly as the reference table gives it. */
  asInSource: string;
  /** `stale`: a newer source disagrees; `unverified`: the source value is unusable. */
  status: 'as-in-source' | 'stale' | 'unverified';
  source: string;
  note?: string;
}

/** A series code of the UN SDG Global Database that belongs to an indicator. */
interface IndicatorSeries {
  code: string;
  source: string;
  status: FactStatus;
}

/** A text with its source. */
interface SourcedDefinition {
  text: string;
  source: string;
}

/** One migration-related SDG indicator. */
export interface IndicatorDefinition {
  id: string;
  goal: string;
  target: string;
  targetText: string;
  /** Oldest first; the last is the current wording. */
  titles: readonly TitleVersion[];
  custodians: readonly string[];
  custodianSource: string;
  custodianNote?: string;
  /** Why the indicator matters for migration (the reference table's words). */
  migrationRelevance: string;
  tier: IndicatorTier;
  definition?: SourcedDefinition;
  /** Series known to carry the indicator; a dataset may bring others. */
  series: readonly IndicatorSeries[];
}

export { INDICATOR_CATALOGUE, SDG_MIGRATION_INDICATORS };

/** Every indicator of the catalogue, in the order of the reference table. */
export function listIndicators(): readonly IndicatorDefinition[] {
  return INDICATOR_CATALOGUE;
}

/** Normalise an indicator id as users write it: "10.7.2", " 10.7.2 ", "10.C.1", "SDG 10.7.2" -> canonical form. */
function normaliseIndicatorId(text: string): string {
  return text
    .trim()
    .replace(/^sdg\s*/i, '')
    .toLowerCase();
}

/** The indicator with this id, if the catalogue holds it. */
export function findIndicator(id: string): IndicatorDefinition | undefined {
  const wanted = normaliseIndicatorId(id);
  return INDICATOR_CATALOGUE.find((indicator) => indicator.id === wanted);
}

/** Thrown by {@link getIndicator} for an id outside the catalogue. */
export class IndicatorNotFoundError extends Error {
  constructor(readonly id: string) {
    super(
      `unknown indicator: ${id} (the catalogue holds ${INDICATOR_CATALOGUE.map((indicator) => indicator.id).join(', ')})`,
    );
    this.name = 'IndicatorNotFoundError';
  }
}

/** The indicator with this id; throws {@link IndicatorNotFoundError} when the catalogue does not hold it. */
export function getIndicator(id: string): IndicatorDefinition {
  const indicator = findIndicator(id);
  if (!indicator) throw new IndicatorNotFoundError(id);
  return indicator;
}

/** The wording in force in a year, e.g. for a chart of 2019 data; undefined for a year before the indicator existed. */
export function titleAt(indicator: IndicatorDefinition, year: number): TitleVersion | undefined {
  return indicator.titles.find(
    (version) =>
      (version.from === undefined || version.from <= year) && (version.until === undefined || year < version.until),
  );
}

/** The current wording (the last version). */
export function currentTitle(indicator: IndicatorDefinition): TitleVersion {
  const last = indicator.titles[indicator.titles.length - 1];
  // The data is checked by a test to give every indicator at least one title.
  if (!last) throw new Error(`indicator ${indicator.id} has no title`);
  return last;
}

/** The catalogue indicator a series code belongs to, among the series it lists. */
export function findIndicatorOfSeries(series: string): IndicatorDefinition | undefined {
  const code = series.trim().toUpperCase();
  return INDICATOR_CATALOGUE.find((indicator) => indicator.series.some((known) => known.code === code));
}
