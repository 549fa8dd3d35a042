/**
 * The one place where raw cells become observations. Every reader hands over cells with their row and
 * column, so every format reports the same problems in the same words.
 */
import type {
  Observation,
  ObservationValue,
  PolicyDomainCode,
  Problem,
  SeriesCode,
} from '../observations/observation.ts';
import { normalizeM49, SERIES } from '../observations/observation.ts';
import type { ProblemList } from './input.ts';
import { excerpt } from './input.ts';
import type { DomainResolution, LabelMapping } from './label-mapping.ts';
import { normaliseLabel, resolvePolicyDomain, resolveSeries } from './label-mapping.ts';
import { categoryNamedBy, withoutFootnoteMark } from './vocabulary.ts';

/** A cell as read: the column it came from (as the file names it) and its text. */
export interface Cell {
  column: string;
  value: string;
}

/** One observation's worth of cells; readers fill what their format has. */
export interface RawRecord {
  /** Row (CSV, 1-based with the header as row 1), line (XML) or position (JSON, 1-based). */
  row: number;
  series?: Cell;
  area?: Cell;
  year?: Cell;
  domain?: Cell;
  value?: Cell;
  timeDetail?: Cell;
  nature?: Cell;
  source?: Cell;
  footnote?: Cell;
  units?: Cell;
  numerator?: Cell;
  denominator?: Cell;
  /** The domain cell comes from a column known to hold domains (see `DomainReading.domainColumn`). */
  fromDomainColumn?: boolean;
}

/** Defaults for years an import accepts: from the adoption of the SDGs to the end of the century. */
export const DEFAULT_YEAR_RANGE = { min: 2015, max: 2100 } as const;

/** What the builder needs beyond the cells. */
export interface BuildOptions extends AreaOptions {
  /** Series for files without a series column (national files publish SG_CPA_MIGRS). */
  series?: SeriesCode;
  labels: LabelMapping;
  years: { min: number; max: number };
}

/** How a reader finds areas: the file's own area option, and the lookups that resolve and check a code. */
export interface AreaOptions {
  /** M49 code for files without an area column. */
  area?: string;
  isKnownArea?: (m49: string) => boolean;
  resolveArea?: (code: string) => string | undefined;
}

/**
 * An area cell checked, the same way for 10.7.2 observations and indicator datasets: the cell, or
 * the file's area option when the file has no area column, gives an M49 code (or an ISO code the
 * `resolveArea` lookup knows) of a known area. `missingColumn` when there is neither cell nor option:
 * the reader says so once for the file.
 */
export function checkAreaCell(
  cell: Cell | undefined,
  options: AreaOptions,
): { ok: true; m49: string } | { ok: false; cell: Cell; message: string } | { ok: false; missingColumn: true } {
  const text = cell?.value ?? options.area;
  if (text === undefined || text.trim() === '')
    return cell ? { ok: false, cell, message: 'empty area code' } : { ok: false, missingColumn: true };
  const m49 = normalizeM49(text) ?? options.resolveArea?.(text.trim());
  const where = cell ?? { column: '(area option)', value: text };
  if (m49 === undefined)
    return {
      ok: false,
      cell: where,
      message: options.resolveArea
        ? 'not a known area code (M49 or ISO 3166)'
        : 'not an M49 area code (one to three digits)',
    };
  if (options.isKnownArea && !options.isKnownArea(m49))
    return { ok: false, cell: where, message: `unknown area: M49 code ${m49} is not a known area` };
  return { ok: true, m49 };
}

/**
 * The file's area option checked before reading, by the same rule as an area cell: its M49 code (or
 * the M49 code of an ISO code `resolveArea` knows) of a known area, or the problem to report.
 */
export function checkAreaOption(
  area: string,
  options: AreaOptions,
): { ok: true; m49: string } | { ok: false; problem: Omit<Problem, 'file'> } {
  const m49 = normalizeM49(area) ?? options.resolveArea?.(area.trim());
  if (m49 === undefined)
    return {
      ok: false,
      problem: {
        column: '(area option)',
        value: excerpt(area),
        message: 'the area option is not an M49 code (one to three digits)',
      },
    };
  if (options.isKnownArea && !options.isKnownArea(m49))
    return {
      ok: false,
      problem: { column: '(area option)', value: area, message: `unknown area: M49 code ${m49} is not a known area` },
    };
  return { ok: true, m49 };
}

/**
 * A year cell checked: missing, not a year (with `hint` saying what is expected), or outside the
 * accepted range are refusals with their message; otherwise the year and its time detail.
 */
export function checkYearCell(
  text: string | undefined,
  years: { min: number; max: number },
  hint: string,
): { ok: true; year: number; timeDetail?: string } | { ok: false; message: string } {
  if (text === undefined || text.trim() === '') return { ok: false, message: 'missing year' };
  const parsed = parseYearLabel(text);
  if (!parsed) return { ok: false, message: `not a year: expected ${hint}` };
  if (parsed.year < years.min || parsed.year > years.max)
    return { ok: false, message: `year ${parsed.year} is out of range ${years.min}-${years.max}` };
  return { ok: true, ...parsed };
}

/**
 * A year cell: a plain year ("2019", "2019.0", a date "2019-12-31"), or a reporting round ("2018-2019",
 * "2020/2021", "2020/21", "2019-2021") meaning its later year, as the SDG database files the UN rounds
 * (the 2020-2021 round is round 2021). A round spans two or three years; longer spans are refused.
 */
export function parseYearLabel(text: string): { year: number; timeDetail?: string } | undefined {
  const trimmed = text.trim();
  if (/^\d{4}$/.test(trimmed)) return { year: Number(trimmed) };
  // Some exports write years as decimals ("2019.0") or dates ("2019-12-31", "2019-12-31T00:00:00Z").
  if (/^\d{4}\.0+$/.test(trimmed)) return { year: Number(trimmed.slice(0, 4)) };
  if (/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(trimmed))
    return { year: Number(trimmed.slice(0, 4)) };
  // A year or round among words: "Round 2021", "2021 round", "Ciclo 2020-2021", "FY 2020/21".
  const among = /^[\p{L}\s.()]*?\b(\d{4}(?:\s*[-/–—]\s*(?:\d{4}|\d{2}))?)\b[\p{L}\s.()]*$/u.exec(trimmed);
  if (among?.[1] !== undefined && among[1] !== trimmed) return parseYearLabel(among[1]);
  const round = /^(\d{4})\s*[-/–—]\s*(\d{4}|\d{2})$/.exec(trimmed);
  if (round) {
    const first = Number(round[1]);
    const written = round[2] ?? '';
    // "2020/21": the century of the first year.
    const last = written.length === 2 ? first - (first % 100) + Number(written) : Number(written);
    if (last === first + 1 || last === first + 2) return { year: last, timeDetail: `${first}-${last}` };
  }
  return undefined;
}

/** A label with U+FFFD was decoded from bytes that are not UTF-8: say so, since that is the real fault. */
export const encodingHint = (label: string): string =>
  label.includes('\ufffd')
    ? ' (the file is not valid UTF-8: save it as UTF-8, or give its encoding, e.g. windows-1250)'
    : '';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** Distinct labels remembered per file (a hostile file of distinct labels only costs the resolution again). */
const LABEL_CACHE_SIZE = 10_000;

/** Turns raw records into observations, collecting every problem and catching conflicting duplicates. */
export class ObservationBuilder {
  readonly observations: Observation[] = [];
  readonly #problems: ProblemList;
  readonly #options: BuildOptions;
  readonly #seen = new Map<string, { row: number; value: ObservationValue }>();
  /** Labels resolved so far: a file repeats a handful of labels on every row. */
  readonly #domains = new Map<string, DomainResolution>();
  readonly #seriesLabels = new Map<string, SeriesCode | undefined>();
  #missingAreaReported = false;

  constructor(problems: ProblemList, options: BuildOptions) {
    this.#problems = problems;
    this.#options = options;
  }

  /** Validate one record; adds it to {@link observations} or adds problems. */
  add(record: RawRecord): void {
    const problemCount = this.#problems.size;
    const { row } = record;
    const problem = (cell: Cell | undefined, message: string) =>
      this.#problems.add({ row, ...(cell ? { column: cell.column, value: excerpt(cell.value) } : {}), message });

    const series = this.#series(record, problem);
    const area = this.#area(record, problem);
    const year = this.#year(record, problem);
    const domain = this.#domain(record, problem);
    const value = series ? this.#value(record, series, problem) : undefined;
    const numerator = this.#count(record.numerator, problem);
    const denominator = this.#count(record.denominator, problem);
    if (numerator !== undefined && denominator !== undefined && numerator > denominator) {
      problem(record.numerator, `numerator ${numerator} is larger than denominator ${denominator}`);
    } else if (
      series === 'SG_CPA_MIGRP' &&
      typeof value === 'number' &&
      numerator !== undefined &&
      denominator !== undefined &&
      denominator > 0
    ) {
      // Published percentages are rounded to one (2019) or five (2021) decimals: allow half of one tenth.
      const percent = (100 * numerator) / denominator;
      if (Math.abs(percent - value) > 0.05 + 1e-9) {
        problem(
          record.value,
          `value ${value} does not match numerator and denominator: ${numerator} of ${denominator} is ${Number(percent.toFixed(5))}%`,
        );
      }
    }
    if (
      series &&
      record.units &&
      record.units.value.trim() !== '' &&
      record.units.value.trim().toUpperCase() !== SERIES[series].unit
    ) {
      problem(
        record.units,
        `unit ${record.units.value.trim()} does not match series ${series}, whose unit is ${SERIES[series].unit}`,
      );
    }
    if (this.#problems.size > problemCount || !series || area === undefined || !year || !domain || value === undefined)
      return;

    const key = `${series}|${area}|${year.year}|${domain}`;
    const earlier = this.#seen.get(key);
    if (earlier) {
      // Identical repeats are harmless (files concatenated twice); different values cannot both be true.
      if (earlier.value !== value) {
        problem(
          record.value,
          `duplicate of row ${earlier.row} (${series}, area ${area}, ${year.year}, ${domain}) with a different value: ${earlier.value} there, ${value} here`,
        );
      }
      return;
    }
    this.#seen.set(key, { row, value });

    const observation: Observation = { series, area, year: year.year, domain, value };
    const timeDetail = text(record.timeDetail) ?? year.timeDetail;
    if (timeDetail !== undefined) observation.timeDetail = timeDetail;
    const nature = text(record.nature);
    if (nature !== undefined) observation.nature = nature.trim().toUpperCase();
    const source = text(record.source);
    if (source !== undefined) observation.source = source;
    const footnote = text(record.footnote);
    if (footnote !== undefined) observation.footnote = footnote;
    if (numerator !== undefined) observation.numerator = numerator;
    if (denominator !== undefined) observation.denominator = denominator;
    this.observations.push(observation);
  }

  #series(record: RawRecord, problem: (cell: Cell | undefined, message: string) => void): SeriesCode | undefined {
    if (!record.series) return this.#options.series ?? 'SG_CPA_MIGRS';
    const label = record.series.value;
    let series = this.#seriesLabels.get(label);
    if (series === undefined && !this.#seriesLabels.has(label)) {
      series = resolveSeries(label, this.#options.labels, this.#options.series ?? 'SG_CPA_MIGRS');
      if (this.#seriesLabels.size < LABEL_CACHE_SIZE) this.#seriesLabels.set(label, series);
    }
    if (!series)
      problem(
        record.series,
        `unknown series: expected ${Object.keys(SERIES).join(' or ')}, a series description or a title of indicator 10.7.2`,
      );
    return series;
  }

  #area(record: RawRecord, problem: (cell: Cell | undefined, message: string) => void): string | undefined {
    const checked = checkAreaCell(record.area, this.#options);
    if (checked.ok) return checked.m49;
    if (!('missingColumn' in checked)) problem(checked.cell, checked.message);
    else if (!this.#missingAreaReported) {
      this.#missingAreaReported = true;
      this.#problems.add({
        message:
          'the file has no area column (GeoAreaCode, REF_AREA, geo_area or GeoCode): give the area of the whole file as an option (M49 code)',
      });
    }
    return undefined;
  }

  #year(record: RawRecord, problem: (cell: Cell | undefined, message: string) => void) {
    const cell = record.year;
    const checked = checkYearCell(
      cell?.value,
      this.#options.years,
      'e.g. 2021 or a round such as 2020-2021 or 2020/2021',
    );
    if (!checked.ok) {
      problem(cell, checked.message);
      return undefined;
    }
    const { ok: _ok, ...parsed } = checked;
    return parsed;
  }

  #domain(record: RawRecord, problem: (cell: Cell | undefined, message: string) => void): PolicyDomainCode | undefined {
    const cell = record.domain;
    if (!cell || cell.value.trim() === '') {
      problem(cell, 'missing policy domain');
      return undefined;
    }
    const key = `${record.fromDomainColumn === true ? 'c' : 'l'}${cell.value}`;
    let resolved = this.#domains.get(key);
    if (!resolved) {
      resolved = resolvePolicyDomain(cell.value, this.#options.labels, {
        domainColumn: record.fromDomainColumn === true,
      });
      if (this.#domains.size < LABEL_CACHE_SIZE) this.#domains.set(key, resolved);
    }
    if ('code' in resolved) return resolved.code;
    problem(
      cell,
      `unknown policy domain: "${excerpt(cell.value.trim())}" ${resolved.reason}${encodingHint(cell.value)}`,
    );
    return undefined;
  }

  #value(
    record: RawRecord,
    series: SeriesCode,
    problem: (cell: Cell | undefined, message: string) => void,
  ): ObservationValue | undefined {
    const cell = record.value;
    // A decimal comma ("54,1"), as European spreadsheets write numbers, is a decimal point.
    const raw = withoutFootnoteMark(cell?.value.trim() ?? '').replace(/^([+-]?\d+),(\d+)$/, '$1.$2');
    if (!cell || raw === '') {
      problem(cell, 'missing value');
      return undefined;
    }
    if (raw === 'N') return 'N';
    // National files may write the category in words ("Meets", "Cumple parcialmente", "3 - Meets").
    const category = series === 'SG_CPA_MIGRS' && !NUMBER.test(raw) ? categoryNamedBy(normaliseLabel(raw)) : undefined;
    if (category !== undefined) return category;
    if (!NUMBER.test(raw)) {
      problem(cell, 'not a number (nor N, not applicable)');
      return undefined;
    }
    const value = Number(raw);
    if (series === 'SG_CPA_MIGRS' && !(Number.isInteger(value) && value >= 1 && value <= 4)) {
      problem(cell, 'SG_CPA_MIGRS values are the categories 1, 2, 3 or 4 (or N)');
      return undefined;
    }
    if (series === 'SG_CPA_MIGRP' && !(value >= 0 && value <= 100)) {
      problem(cell, 'SG_CPA_MIGRP values are percentages from 0 to 100 (or N)');
      return undefined;
    }
    return value;
  }

  #count(cell: Cell | undefined, problem: (cell: Cell | undefined, message: string) => void): number | undefined {
    if (!cell || cell.value.trim() === '') return undefined;
    const raw = cell.value.trim();
    if (!/^\d+$/.test(raw)) {
      problem(cell, 'not a count of countries (a whole number from 0)');
      return undefined;
    }
    return Number(raw);
  }
}

/** Free text of an optional cell: undefined when absent or empty; otherwise verbatim. */
function text(cell: Cell | undefined): string | undefined {
  return cell === undefined || cell.value === '' ? undefined : cell.value;
}
