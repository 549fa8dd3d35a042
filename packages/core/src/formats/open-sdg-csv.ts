/**
 * National tables: Open SDG `data/indicator_10-7-2.csv` files and the exports of national portals and
 * data aggregators, in the shapes and languages they are published in. Columns are recognised by what
 * their header says and by what their values are (a column of domain labels is the domain column
 * whatever its header; a column of numbers beside years is the value); a file is refused only when
 * a reader could not tell either, with the mapping that would settle it.
 *
 * Layouts: long (one value per row, with a policy-domain column or none for the total alone), wide
 * (one column per domain, or per series and domain as aggregators write "SG_CPA_MIGRS_DOMAIN3",
 * or per year), with or without area columns (code or name) for files of several countries.
 */
import type { PolicyDomainCode, SeriesCode } from '../observations/observation.ts';
import { POLICY_DOMAIN_CODES } from '../observations/observation.ts';
import type { ProblemList } from './input.ts';
import { excerpt } from './input.ts';
import type { CsvTable } from './csv-table.ts';
import { cellAt } from './columns.ts';
import type { Cell, ObservationBuilder, RawRecord } from './observation-builder.ts';
import { encodingHint, parseYearLabel } from './observation-builder.ts';
import type { LabelMapping, LabelTarget } from './label-mapping.ts';
import { COLUMN_ROLES, normaliseLabel, resolvePolicyDomain, resolveSeries } from './label-mapping.ts';
import type { HeaderHint } from './vocabulary.ts';
import type { SkipEntry } from './vocabulary.ts';
import {
  categoryNamedBy,
  headerHints,
  isIndicatorTitle,
  isPlaceholder,
  seriesNamedByTitle,
  skippedValue,
  withoutFootnoteMark,
} from './vocabulary.ts';

/** The layouts of national tables. */
export type NationalLayout = 'open-sdg-long' | 'open-sdg-wide' | 'country-year-wide';

/** What a wide column stands for: its domain, series or year; the row gives the rest. */
interface WideColumn {
  index: number;
  domain?: PolicyDomainCode;
  series?: SeriesCode;
  year?: string;
}

/** What a column of a national table holds: a header hint this reader uses, nothing it reads, or values of one domain, series or year (a wide column). */
type Role = Exclude<HeaderHint, 'INDICATOR' | 'UNITS' | 'METADATA'> | 'IGNORED' | 'WIDE';

interface Column {
  index: number;
  header: string;
  normalised: string;
  /** Distinct values that are neither empty nor placeholders, trimmed, in order of first appearance. */
  values: string[];
  role?: Role;
  wide?: WideColumn;
}

const NUMBER = /^[+-]?(\d+([.,]\d+|\.)?|\.\d+)([eE][+-]?\d+)?$/;
/** A value: a number, N (not applicable), or a category in words ("Meets", "Cumple parcialmente"). */
const isNumber = (value: string): boolean =>
  value === 'N' || NUMBER.test(withoutFootnoteMark(value)) || categoryNamedBy(normaliseLabel(value)) !== undefined;
const isScore = (value: string): boolean =>
  value === 'N' || /^[1-4](\.0+)?$/.test(value) || categoryNamedBy(normaliseLabel(value)) !== undefined;
const isYear = (value: string): boolean => parseYearLabel(value) !== undefined;
/** An area code: M49 digits, ISO 3166 alpha-2 or alpha-3. */
const isAreaCode = (value: string): boolean => /^(\d{1,3}|[A-Z]{2,3})$/.test(value);
/** A label is short: a domain name in any language is at most a dozen words; comments run longer. */
const isLabel = (value: string): boolean => value.split(/\s+/).length <= 12;
/** Free text such as a comment: several words, or long. */
const isFreeText = (value: string): boolean => value.length > 40 || value.split(/\s+/).length >= 5;

const DOMAIN_ORDER: readonly PolicyDomainCode[] = POLICY_DOMAIN_CODES;

/** Options the national reader needs beyond the table. */
export interface NationalOptions {
  labels: LabelMapping;
  /** The file's series when a title does not say (SG_CPA_MIGRS unless told otherwise). */
  series: SeriesCode;
  /** Whether the caller gave the area of the whole file. */
  hasAreaOption: boolean;
  resolveArea?: (code: string) => string | undefined;
  /** Something read that the user should know (a placeholder skipped, a column ignored). */
  skip: (entry: SkipEntry) => void;
  note: (entry: { row?: number; column?: string; value?: string; message: string }) => void;
}

/**
 * Read a table as a national file, if it is one: returns its layout, or undefined when nothing in it
 * looks like 10.7.2 data (no year and no domain or value), so the caller can say the header is not recognised.
 */
export function readNationalTable(
  table: CsvTable,
  problems: ProblemList,
  builder: ObservationBuilder,
  options: NationalOptions,
): NationalLayout | undefined {
  const { labels } = options;
  const headerRow = table.headerRow ?? 1;
  const normalise = normaliseLabel;
  const columns: Column[] = table.header.map((header, index) => ({
    index,
    header,
    normalised: normalise(header),
    // Distinct values: recognition tests each once, however long the file.
    values: [...new Set(table.rows.map(({ cells }) => (cells[index] ?? '').trim()))].filter(
      (value) => !isPlaceholder(value, normalise),
    ),
  }));
  const assign = (column: Column, role: Role, wide?: WideColumn) => {
    column.role = role;
    if (wide) column.wide = wide;
  };
  const free = () => columns.filter((column) => column.role === undefined);
  const allAre = (column: Column, test: (value: string) => boolean) => column.values.every(test);
  const domainsResolve = (column: Column, domainColumn: boolean) =>
    column.values.every((value) => 'code' in resolvePolicyDomain(value, labels, { domainColumn }));
  // Most labels name domains (a label in a language the vocabulary lacks, often the total, is then reported by itself).
  const mostlyDomains = (column: Column) => {
    const named = column.values.filter((value) => 'code' in resolvePolicyDomain(value, labels)).length;
    return named >= 2 && named * 2 >= column.values.length;
  };
  const seriesResolve = (column: Column) =>
    column.values.length > 0 &&
    column.values.every((value) => resolveSeries(value, labels, options.series) !== undefined);

  // 1. Headers the label mapping names: a column role, a domain or a series (a wide column).
  for (const column of columns) {
    const mapped = labels.entries.get(column.normalised);
    if (mapped === undefined) continue;
    if (mapped === 'IGNORE') assign(column, 'IGNORED');
    else if (isColumnRole(mapped)) assign(column, mapped);
  }
  // 2. Wide columns: a header naming a domain, a series (and domain) or a year, over numbers.
  for (const column of free()) {
    if (!allAre(column, isNumber)) continue;
    const wide = wideColumn(column, labels, options.series);
    if (wide) assign(column, 'WIDE', wide);
  }
  // 3. Header words, each confirmed by the values.
  for (const column of free()) {
    for (const hint of headerHints(column.normalised)) {
      const role = confirmHint(hint, column);
      if (role) {
        assign(column, role);
        break;
      }
    }
  }
  // 4. Values alone.
  const has = (role: Role) => columns.some((column) => column.role === role);
  const at = (role: Role) => columns.find((column) => column.role === role);
  for (const column of free()) {
    if (column.values.length === 0) continue;
    if (!has('YEAR') && allAre(column, isYear)) assign(column, 'YEAR');
    else if (!has('POLICY_DOMAINS') && !allAre(column, isNumber) && allAre(column, isLabel) && mostlyDomains(column))
      assign(column, 'POLICY_DOMAINS');
    else if (!has('SERIES') && seriesResolve(column)) assign(column, 'SERIES');
    else if (
      !has('AREA') &&
      options.resolveArea &&
      allAre(column, (value) => /^[A-Z]{3}$/.test(value) && options.resolveArea?.(value) !== undefined)
    )
      assign(column, 'AREA');
  }
  // 5. Bare numbers as headers ("1" … "6") beside headers that name domains.
  if (columns.some((column) => column.wide?.domain !== undefined)) {
    for (const column of free()) {
      const resolved =
        column.header !== '' && allAre(column, isNumber)
          ? resolvePolicyDomain(column.header, labels, { domainColumn: true })
          : undefined;
      if (resolved && 'code' in resolved) assign(column, 'WIDE', { index: column.index, domain: resolved.code });
    }
  }

  const year = columns.find((column) => column.role === 'YEAR');
  const wideColumns = columns.filter((column) => column.role === 'WIDE');
  const yearHeaders = wideColumns.some((column) => column.wide?.year !== undefined);
  const domainColumn = columns.find((column) => column.role === 'POLICY_DOMAINS');
  const valueColumns = columns.filter((column) => column.role === 'VALUE');
  const numbers = free().filter(
    (column) => column.values.length > 0 && allAre(column, isNumber) && !allAre(column, isYear),
  );
  // Not a national 10.7.2 table at all: leave the verdict to the caller.
  if (!year && !yearHeaders && !domainColumn && wideColumns.length === 0) return undefined;
  if (!year && !yearHeaders && valueColumns.length === 0 && numbers.length === 0 && !domainColumn) return undefined;

  const before = problems.size;
  if (!year && !yearHeaders) {
    problems.add({
      row: headerRow,
      value: excerpt(table.header.join(',')),
      message:
        'no column holds years (a year such as 2021 or a round such as 2020/2021): map the year column’s header to YEAR in a label mapping file (--labels)',
    });
  }
  // A column of categories in words beside the same categories in numbers ("Meets" beside 3) restates it.
  const restating = [...valueColumns, ...numbers].filter((column) =>
    [...valueColumns, ...numbers].some((other) => other !== column && restates(table, column, other)),
  );
  for (const column of restating) {
    column.role = 'IGNORED';
    options.note({
      row: headerRow,
      column: column.header,
      value: column.header,
      message: 'ignored: it gives the categories of the value column in words',
    });
  }
  const candidates = [...valueColumns, ...numbers].filter((column) => !restating.includes(column));
  let value: Column | undefined;
  if (wideColumns.length > 0 && candidates.length > 0) {
    ambiguity(
      problems,
      headerRow,
      candidates,
      proposal(candidates, wideColumns),
      `${candidates.length === 1 ? 'a column holds' : `${candidates.length} columns hold`} numbers beside columns that name policy domains, without saying which domain`,
    );
    for (const column of candidates) column.role ??= 'IGNORED';
  } else if (candidates.length === 1) {
    value = candidates[0];
    if (value && value.role === undefined) {
      assign(value, 'VALUE');
      options.note({
        row: headerRow,
        column: value.header,
        value: value.header,
        message: `read as the value column: its cells are the numbers beside the years`,
      });
    }
  } else if (candidates.length > 1) {
    ambiguity(
      problems,
      headerRow,
      candidates,
      proposal(candidates, []),
      `${candidates.length} columns hold numbers and none is named as the value or a policy domain`,
    );
    for (const column of candidates) column.role ??= 'IGNORED';
  } else if (wideColumns.length === 0) {
    problems.add({
      row: headerRow,
      value: excerpt(table.header.join(',')),
      message:
        'no column holds the values (numbers 1 to 4, or percentages): map the value column’s header to VALUE, or each domain column’s header to its domain, in a label mapping file (--labels)',
    });
  }

  // Columns left over: free text is a comment; anything else is not understood.
  for (const column of free()) {
    if (column.values.length === 0) {
      assign(column, 'IGNORED');
      continue;
    }
    if (column.values.every(isFreeText)) {
      assign(column, 'IGNORED');
      options.note({
        row: headerRow,
        column: column.header,
        value: column.header,
        message: 'ignored: free text beside the data (a comment or a note)',
      });
      continue;
    }
    // A breakdown 10.7.2 does not have (sex, age, …) is refused even when constant: the data would not be the country's.
    if (!BREAKDOWN.test(column.normalised)) {
      if (column.values.length === 1) {
        assign(column, 'IGNORED');
        options.note({
          row: headerRow,
          column: column.header,
          value: column.values[0],
          message: `ignored: the same value on every row, so it tells no observations apart`,
        });
        continue;
      }
      const described = [domainColumn, year, at('AREA'), at('AREA_NAME')].find(
        (key) => key !== undefined && (dependsOn(table, column, key) || agrees(table, column, key, labels)),
      );
      if (described) {
        assign(column, 'IGNORED');
        options.note({
          row: headerRow,
          column: column.header,
          value: column.header,
          message: `ignored: it only describes the column "${described.header}" (one value for each of its values)`,
        });
        continue;
      }
    }
    const reason =
      column.header === ''
        ? `column ${column.index + 1} has no header and is not understood`
        : `column "${column.header}" is not understood`;
    const resolved = resolvePolicyDomain(column.header, labels);
    const why =
      column.header !== '' && 'reason' in resolved && /names domain|words/.test(resolved.reason)
        ? `: it ${resolved.reason}`
        : '';
    problems.add({
      row: headerRow,
      column: column.header === '' ? `column ${column.index + 1}` : column.header,
      value: column.header,
      message: `${reason}${why} (expected Year, a policy-domain column, Value, and optionally series, area, units, source, comment and nature): map its header in a label mapping file (--labels) to YEAR, VALUE, AREA, POLICY_DOMAINS, SERIES, a domain code, or IGNORE if it holds no data, or remove it${encodingHint(column.header)}`,
    });
  }
  if (problems.size > before) return layoutOf(wideColumns, columns);

  const area = at('AREA') ?? (options.hasAreaOption ? undefined : at('AREA_NAME'));
  const series = at('SERIES');
  // Series labels that also name the domain ("SG_CPA_MIGRS_DOMAIN3", "10.7.2 - Domain 3 (…)") give it when no column does;
  // domain labels that also name the series ("SG_CPA_MIGRP_DOMAIN1") give that.
  const domainSource = domainColumn ?? (series && mostlyDomains(series) ? series : undefined);
  const seriesInDomains =
    !series &&
    domainColumn !== undefined &&
    domainColumn.values.some((value) => isIndicatorTitle(normaliseLabel(value)));
  const extras = {
    source: at('SOURCE'),
    footnote: at('FOOTNOTE'),
    nature: at('NATURE'),
    timeDetail: at('TIME_DETAIL'),
  };
  const valueColumn = at('VALUE');
  const text = (cells: readonly string[], column: Column | undefined): Cell | undefined =>
    column ? cellAt(table.header, cells, column.index, 'text') : undefined;
  const code = (cells: readonly string[], column: Column | undefined): Cell | undefined =>
    column ? cellAt(table.header, cells, column.index) : undefined;
  const add = (row: number, valueCell: Cell | undefined, record: Omit<RawRecord, 'row'>) => {
    const raw = valueCell?.value.trim() ?? '';
    if (isPlaceholder(raw, normalise)) {
      options.skip(skippedValue(row, valueCell?.column, raw));
      return;
    }
    builder.add({ row, ...record, value: valueCell, fromDomainColumn: true });
  };
  const noDomainColumn = { column: '(no policy-domain column)', value: 'ALLDOMAINS' };
  for (const { row, cells } of table.rows) {
    // An empty area cell (Open SDG's GeoCode on national rows) is the file's area.
    const areaCell = code(cells, area);
    const base: Omit<RawRecord, 'row'> = {
      area: areaCell && areaCell.value.trim() === '' && options.hasAreaOption ? undefined : areaCell,
      year: code(cells, year),
      series: nonEmpty(
        code(
          cells,
          series ??
            (seriesInDomains && isIndicatorTitle(normaliseLabel(cells[domainColumn?.index ?? -1] ?? ''))
              ? domainColumn
              : undefined),
        ),
      ),
      source: text(cells, extras.source),
      footnote: text(cells, extras.footnote),
      nature: code(cells, extras.nature),
      timeDetail: text(cells, extras.timeDetail),
    };
    const domainCell = code(cells, domainSource);
    const rowDomain: Cell | undefined = domainSource
      ? domainCell && domainCell.value.trim() !== ''
        ? domainCell
        : { column: domainSource.header, value: 'ALLDOMAINS' }
      : undefined;
    if (valueColumn) {
      add(row, code(cells, valueColumn), { ...base, domain: rowDomain ?? noDomainColumn });
      continue;
    }
    for (const column of wideColumns) {
      const wide = column.wide;
      if (!wide) continue;
      add(row, code(cells, column), {
        ...base,
        ...(wide.series ? { series: { column: column.header, value: wide.series } } : {}),
        ...(wide.year ? { year: { column: column.header, value: wide.year } } : {}),
        domain: wide.domain ? { column: column.header, value: wide.domain } : (rowDomain ?? noDomainColumn),
      });
    }
  }
  if (domainColumn) proposeDomainLabels(problems, domainColumn, table, labels);
  return layoutOf(wideColumns, columns);

  /** The role a header hint gives a column, when its values agree. */
  function confirmHint(hint: HeaderHint, column: Column): Role | undefined {
    switch (hint) {
      case 'SOURCE':
      case 'FOOTNOTE':
      case 'NATURE':
      case 'TIME_DETAIL':
        return hint;
      case 'UNITS':
      case 'METADATA':
        return 'IGNORED';
      case 'AREA':
        return allAre(column, isAreaCode) ? 'AREA' : undefined;
      case 'AREA_NAME':
        return 'AREA_NAME';
      case 'SERIES':
        return seriesResolve(column) || column.values.length === 0 ? 'SERIES' : undefined;
      case 'INDICATOR':
        // "Indicator" columns hold the indicator's number or title (the series), or constant metadata.
        if (seriesResolve(column)) return 'SERIES';
        return column.values.length <= 1 && !allAre(column, isNumber) ? 'IGNORED' : undefined;
      case 'YEAR':
        return allAre(column, isYear) && !columns.some((other) => other.role === 'YEAR') ? 'YEAR' : undefined;
      case 'POLICY_DOMAINS': {
        if (columns.some((other) => other.role === 'POLICY_DOMAINS')) return undefined;
        if (domainsResolve(column, true)) return 'POLICY_DOMAINS';
        // Labels that do not all resolve: the domain column only if no other column headed so has labels that do ("Policy domain code" beside "Policy domain").
        const better = columns.some(
          (other) =>
            other !== column &&
            other.role === undefined &&
            other.values.length > 0 &&
            headerHints(other.normalised).includes('POLICY_DOMAINS') &&
            domainsResolve(other, true),
        );
        return !better && !allAre(column, isNumber) ? 'POLICY_DOMAINS' : undefined;
      }
      case 'VALUE':
        return allAre(column, isNumber) ? 'VALUE' : undefined;
    }
  }
}

/** Headers of breakdowns that 10.7.2 does not have: such a column is never ignored, even when constant. */
const BREAKDOWN =
  /(?<![\p{L}])(?:sex|gender|sexe|genre|sexo|genero|spol|geschlecht|пол|الجنس|age|age group|ages|edad|idade|eta|dob|alter|altersgruppe|возраст|العمر|urban|rural|urbanisation|urbanization|income|income quintile|disability|disability status|handicap|discapacidad|invaliditet|education|education level|occupation|migratory status|migrant status|statut migratoire|condicion migratoria|quantile|quintile)(?![\p{L}])/u;

/** Whether a column holds, on every row, the category in words of the number in another. */
function restates(table: CsvTable, column: Column, numbers: Column): boolean {
  if (
    column.values.every((value) => NUMBER.test(value) || value === 'N') ||
    !numbers.values.every((value) => NUMBER.test(value) || value === 'N')
  )
    return false;
  return table.rows.every(({ cells }) => {
    const words = (cells[column.index] ?? '').trim();
    const number = (cells[numbers.index] ?? '').trim();
    if (isPlaceholder(words, normaliseLabel) && isPlaceholder(number, normaliseLabel)) return true;
    const category = categoryNamedBy(normaliseLabel(words));
    return category !== undefined && Number(number) === category;
  });
}

/**
 * Whether one column's value follows from another's on every row (a round's name beside its year), with
 * evidence: some value of the other column repeats. With one row per key any column would follow.
 */
function dependsOn(table: CsvTable, column: Column, key: Column): boolean {
  const seen = new Map<string, string>();
  let repeated = false;
  for (const { cells } of table.rows) {
    const from = (cells[key.index] ?? '').trim();
    const to = (cells[column.index] ?? '').trim();
    const earlier = seen.get(from);
    if (earlier === undefined) seen.set(from, to);
    else if (earlier !== to) return false;
    else repeated = true;
  }
  return repeated;
}

/** Whether a column says the same as the domain or year column on every row, in other words ("D1" beside "Migrant rights", "2018-2019" beside 2019). */
function agrees(table: CsvTable, column: Column, key: Column, labels: LabelMapping): boolean {
  const same = (value: string, other: string): boolean => {
    if (key.role === 'YEAR')
      return parseYearLabel(value)?.year === parseYearLabel(other)?.year && parseYearLabel(value) !== undefined;
    if (key.role !== 'POLICY_DOMAINS') return false;
    const a = resolvePolicyDomain(value, labels, { domainColumn: true });
    const b = other === '' ? { code: 'ALLDOMAINS' } : resolvePolicyDomain(other, labels, { domainColumn: true });
    return 'code' in a && 'code' in b && a.code === b.code;
  };
  return table.rows.every(({ cells }) => {
    const value = (cells[column.index] ?? '').trim();
    return value === '' || same(value, (cells[key.index] ?? '').trim());
  });
}

/** What a header names when its column holds one domain's (or series', or year's) values. */
function wideColumn(column: Column, labels: LabelMapping, fileSeries: SeriesCode): WideColumn | undefined {
  const { header, normalised, index } = column;
  if (header === '') return undefined;
  // A year or round alone ("2019", "2020/2021"); a year among words ("Target 2030") is not a period column.
  if (/^\d{4}(\s*[-/–—]\s*\d{2,4})?$/.test(header.trim()) && parseYearLabel(header)) return { index, year: header };
  const spaced = normalised.replace(/_/g, ' ');
  const namesSeries = /(?:^| )(?:sg cpa migr[sp]|10 7 2)(?= |$)/u.test(spaced) || isIndicatorTitle(normalised);
  const resolved = resolvePolicyDomain(header, labels);
  if (!namesSeries) return 'code' in resolved ? { index, domain: resolved.code } : undefined;
  const series = seriesNamedByTitle(normalised, header) ?? resolveSeries(header, labels, fileSeries) ?? fileSeries;
  if ('code' in resolved) return { index, domain: resolved.code, series };
  // The series or indicator alone, as aggregators head the headline column ("SG_CPA_MIGRS", "10.7.2").
  return resolved.reason.startsWith('names the indicator') || isIndicatorTitle(normalised)
    ? { index, domain: 'ALLDOMAINS', series }
    : undefined;
}

function isColumnRole(target: LabelTarget): target is Exclude<(typeof COLUMN_ROLES)[number], 'IGNORE'> {
  return (COLUMN_ROLES as readonly string[]).includes(target) && target !== 'IGNORE';
}

function layoutOf(wideColumns: readonly Column[], columns: readonly Column[]): NationalLayout {
  if (wideColumns.length === 0) return 'open-sdg-long';
  return columns.some((column) => column.role === 'AREA' || column.role === 'AREA_NAME')
    ? 'country-year-wide'
    : 'open-sdg-wide';
}

/**
 * The mapping a reader would most likely mean for columns of unnamed numbers: seven are the total and
 * domains 1 to 6 (the order of the UN's tables and of national pages), six are domains 1 to 6, and
 * beside named domain columns they are the domains still missing, in order. Otherwise the column of
 * 1-4 categories is the value and the others are left out.
 */
function proposal(candidates: readonly Column[], wideColumns: readonly Column[]): [Column, string][] {
  const named = new Set(wideColumns.map((column) => column.wide?.domain));
  const missing = DOMAIN_ORDER.filter((code) => !named.has(code));
  if (wideColumns.length > 0 && candidates.length === missing.length)
    return candidates.map((column, index) => [column, missing[index] ?? 'IGNORE']);
  if (wideColumns.length === 0 && candidates.length === 7)
    return candidates.map((column, index) => [column, DOMAIN_ORDER[index] ?? 'IGNORE']);
  if (wideColumns.length === 0 && candidates.length === 6)
    return candidates.map((column, index) => [column, DOMAIN_ORDER[index + 1] ?? 'IGNORE']);
  // Headers that keep a domain's number when their words are lost ("Podru�je 1", "Value 3").
  const numbers = candidates.map((column) => /(?:^|\D)([1-6])(?:\D|$)/.exec(column.header)?.[1]);
  const numbered = numbers.map((number) =>
    number === undefined ? undefined : (`DOMAIN${number}` as PolicyDomainCode),
  );
  if (numbered.every((code) => code !== undefined && !named.has(code)) && new Set(numbered).size === numbered.length)
    return candidates.map((column, index) => [column, numbered[index] ?? 'IGNORE']);
  const scores = candidates.find((column) => column.values.length > 0 && column.values.every(isScore));
  return candidates.map((column) => [column, column === scores && wideColumns.length === 0 ? 'VALUE' : 'IGNORE']);
}

/**
 * Labels of the domain column that no rule names ("Ընդհանուր", a total in a language the vocabulary
 * lacks): each row is refused by the builder; this adds the likely mapping, the labels in order of
 * appearance taking the domains the column lacks in order, when they are as many.
 */
function proposeDomainLabels(problems: ProblemList, column: Column, table: CsvTable, labels: LabelMapping): void {
  // Seven numbers for seven rows (1-7, 0-6): which is the total is a guess; the UN's tables put it first.
  const numbers = column.values.every((value) => /^\d+$/.test(value))
    ? column.values.map(Number).sort((a, b) => a - b)
    : [];
  const first = numbers[0];
  if (
    numbers.length === 7 &&
    first !== undefined &&
    numbers.every((number, index) => number === first + index) &&
    (first === 0 || first === 1) &&
    column.values.some((value) => !labels.entries.has(normaliseLabel(value)))
  ) {
    const rows = numbers.map((number, index) => `${number},${DOMAIN_ORDER[index] ?? 'IGNORE'}`).join('; ');
    problems.add({
      row: table.headerRow ?? 1,
      column: column.header,
      value: numbers.join(', '),
      message: `ambiguous: the policy-domain column numbers seven rows ${first} to ${first + 6} without saying which is all domains; say which with a label mapping file (--labels); the likely mapping (all domains first, as the UN's tables put it), as rows of label,code: ${rows}`,
    });
    return;
  }
  const found = new Set<PolicyDomainCode>();
  if (table.rows.some(({ cells }) => (cells[column.index] ?? '').trim() === '')) found.add('ALLDOMAINS');
  const unnamed: string[] = [];
  for (const value of column.values) {
    const resolved = resolvePolicyDomain(value, labels, { domainColumn: true });
    if ('code' in resolved) found.add(resolved.code);
    else if (resolved.reason.startsWith('is not a policy-domain code')) unnamed.push(value);
  }
  const missing = DOMAIN_ORDER.filter((code) => !found.has(code));
  // As many unread labels as domains lacking: those, in order. Otherwise no guess is better than another.
  if (unnamed.length === 0 || unnamed.length !== missing.length) return;
  const proposed = missing;
  const rows = unnamed.map((label, index) => `${csvLabel(label)},${proposed[index] ?? 'IGNORE'}`).join('; ');
  const named = DOMAIN_ORDER.length - missing.length;
  problems.add({
    row: table.headerRow ?? 1,
    column: column.header,
    value: excerpt(unnamed.join(', ')),
    message: `the policy-domain column names ${missing.length === 1 ? 'every domain but one' : `${named} of the 7 (all domains and domains 1 to 6)`} and has ${unnamed.length === 1 ? 'a label' : 'labels'} no rule reads; if ${unnamed.length === 1 ? `it is ${proposed[0]}` : 'they are the ones missing, in order'}, say so with a label mapping file (--labels); the likely mapping, as rows of label,code: ${rows}`,
  });
}

/** Refuse a file whose columns could be read more than one way, naming them and the likely mapping. */
function ambiguity(
  problems: ProblemList,
  headerRow: number,
  columns: readonly Column[],
  proposed: readonly [Column, string][],
  what: string,
): void {
  const unnamed = columns.filter((column) => column.header === '');
  const names = columns
    .map((column) => (column.header === '' ? `column ${column.index + 1}` : `"${column.header}"`))
    .join(', ');
  const rows = proposed.map(([column, code]) => `${csvLabel(column.header)},${code}`).join('; ');
  const fix =
    unnamed.length > 0
      ? `give ${unnamed.length === 1 ? 'that column a header' : 'those columns headers'} naming ${unnamed.length === 1 ? 'its' : 'their'} domain (likely, in order: ${proposed.map(([, code]) => code).join(', ')})`
      : `say which with a label mapping file (--labels); the likely mapping, as rows of label,code: ${rows}`;
  const encoding = columns.map((column) => encodingHint(column.header)).find((hint) => hint !== '') ?? '';
  problems.add({
    row: headerRow,
    value: excerpt(columns.map((column) => column.header).join(',')),
    message: `ambiguous: ${what} (${names}); ${fix}${encoding}`,
  });
}

const csvLabel = (label: string): string => (/[",;\r\n]/.test(label) ? `"${label.replace(/"/g, '""')}"` : label);

function nonEmpty(cell: Cell | undefined): Cell | undefined {
  return cell && cell.value.trim() !== '' ? cell : undefined;
}
