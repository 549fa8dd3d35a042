/**
 * Labels to codes: national files name policy domains and columns in their own words
 * ("Migrant rights (Domain 1)", "Područje 1.Prava migranata", "Godina"). A label mapping turns those
 * words into the shared codes; it ships with defaults and users extend it with a mapping file.
 */
import { z } from 'zod';
import type { PolicyDomainCode, Problem, SeriesCode } from '../observations/observation.ts';
import { POLICY_DOMAIN_CODES, SDMX_COMPOSITE_BREAKDOWN, SERIES } from '../observations/observation.ts';
import { parse } from 'csv-parse/sync';
import { DOMAIN_NUMBER_WORDS, domainsNamedBy, isIndicatorTitle, seriesNamedByTitle } from './vocabulary.ts';

/** Column roles a header label can be mapped to; IGNORE marks a column whose cells are not data (a comment, a note). */
export const COLUMN_ROLES = ['YEAR', 'VALUE', 'AREA', 'POLICY_DOMAINS', 'SERIES', 'IGNORE'] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

/** What a label can mean: a policy domain, a series, or a column role. */
export type LabelTarget = PolicyDomainCode | SeriesCode | ColumnRole;

/** Normalised label -> code. Build one with {@link createLabelMapping}. */
export interface LabelMapping {
  readonly entries: ReadonlyMap<string, LabelTarget>;
}

/**
 * Normalise a label for matching: Unicode compatibility form, no diacritics, lower case, and every run
 * of punctuation or spaces as one space. "Whole-of-government/ Evidence-based" and
 * "whole of government evidence based" match; so do "Područje" and "Podrucje".
 */
export function normaliseLabel(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_]+/gu, ' ')
    .trim();
}

/**
 * The labels migov knows out of the box (official English wording, the national files seen so far, and
 * translations). Labels not listed here are still read when their words name a domain (see vocabulary.ts).
 */
const DEFAULT_LABELS: Readonly<Record<LabelTarget, readonly string[]>> = {
  ALLDOMAINS: [
    'All domains',
    'Todos os domínios',
    'All policy domains',
    'Total',
    'Overall',
    'Tous les domaines',
    'Ensemble des domaines',
    'Todos los dominios',
    'Total de dominios',
    'Ukupno',
    'Svi područja',
    'Alle Bereiche',
    'Insgesamt',
    'Все области',
    'Итого',
    'Всего',
    'جميع المجالات',
    'المجموع',
    'Totale',
    'Tutti i domini',
  ],
  DOMAIN1: [
    'Migrant rights',
    'Direitos dos migrantes',
    "Migrants' rights",
    'Droits des migrants',
    'Derechos de los migrantes',
    'Prava migranata',
    'Rechte von Migranten',
    'Rechte der Migrantinnen und Migranten',
    'Права мигрантов',
    'حقوق المهاجرين',
    'Diritti dei migranti',
  ],
  DOMAIN2: [
    'Whole-of-government/ Evidence-based policies',
    'Whole of government approach / evidence-based policies',
    'Approche pangouvernementale / politiques fondées sur des données probantes',
    'Politiques fondées sur des données probantes / approche pangouvernementale',
    'Políticas basadas en datos empíricos / enfoque pangubernamental',
    'Enfoque pangubernamental / políticas basadas en datos empíricos',
    'Politike na svim razinama uprave / Provjerene politike',
    'Общегосударственный подход / политика, основанная на фактических данных',
    'نهج الحكومة ككل / السياسات القائمة على الأدلة',
    'Gesamtstaatlicher Ansatz / evidenzbasierte Politik',
    'Abordagem governamental integrada / políticas baseadas em evidências',
  ],
  DOMAIN3: [
    'Cooperation and partnerships',
    'Cooperação e parcerias',
    'Coopération et partenariats',
    'Cooperación y asociaciones',
    'Suradnja i partnerstvo',
    'Zusammenarbeit und Partnerschaften',
    'Сотрудничество и партнерство',
    'التعاون والشراكات',
  ],
  DOMAIN4: [
    'Socioeconomic well-being',
    'Bem-estar socioeconómico',
    'Bem-estar socioeconômico',
    'Socio-economic well-being',
    'Bien-être socioéconomique',
    'Bienestar socioeconómico',
    'Socioekonomsko blagostanje',
    'Социально-экономическое благополучие',
    'الرفاه الاجتماعي والاقتصادي',
    'Sozioökonomisches Wohlergehen',
  ],
  DOMAIN5: [
    'Mobility dimensions of crises',
    'Dimensions de mobilité des crises',
    'Aspects des crises liés à la mobilité',
    'Dimensiones de movilidad de las crisis',
    'Opseg mobilnosti u kriznim situacijama',
    'Аспекты мобильности в условиях кризисов',
    'أبعاد التنقل في حالات الأزمات',
    'Mobilitätsdimensionen von Krisen',
  ],
  DOMAIN6: [
    'Safe, orderly and regular migration',
    'Migração segura, ordenada e regular',
    'Migration sûre, ordonnée et régulière',
    'Migración segura, ordenada y regular',
    'Sigurne, uredne i zakonite migracije',
    'Безопасная, упорядоченная и легальная миграция',
    'الهجرة الآمنة والمنظمة والنظامية',
    'Sichere, geordnete und reguläre Migration',
  ],
  SG_CPA_MIGRS: [SERIES.SG_CPA_MIGRS.description],
  SG_CPA_MIGRP: [SERIES.SG_CPA_MIGRP.description],
  YEAR: [
    'Year',
    'TimePeriod',
    'TIME_PERIOD',
    'Année',
    'Annee',
    'Año',
    'Anno',
    'Ano',
    'Jahr',
    'Jaar',
    'Godina',
    'Rok',
    'Vuosi',
    'År',
    'Год',
  ],
  VALUE: [
    'Value',
    'OBS_VALUE',
    'Valeur',
    'Valor',
    'Valore',
    'Wert',
    'Waarde',
    'Vrijednost',
    'Vrednost',
    'Wartość',
    'Значение',
  ],
  AREA: ['GeoCode', 'GeoAreaCode', 'REF_AREA', 'geo_area', 'Area code', 'M49'],
  POLICY_DOMAINS: [
    'Policy domain',
    'Policy domains',
    'Policy_Domains',
    'POLICY_DOMAINS',
    'COMPOSITE_BREAKDOWN',
    'Domain',
    'Domaine',
    'Domaine politique',
    'Dominio',
    'Ámbito',
    'Područje',
    'Domaine de politique',
  ],
  SERIES: ['Series', 'SERIES', 'SeriesCode', 'Série', 'Serie'],
  IGNORE: [],
};

/**
 * The generic rule behind the label list: a label naming "Domain N" in any supported language
 * ("Domain 1. Migrant rights", "Migrant rights (Domain 1)", "Područje 1.Prava migranata", "Dominio 3",
 * "SG_CPA_MIGRS_DOMAIN3", "D3").
 */
const NUMBERED_DOMAIN = new RegExp(
  `(?:^|\\s)(?:${DOMAIN_NUMBER_WORDS.map((word) => normaliseLabel(word)).join('|')})\\s*(?:(?:no|nr|num|n)\\s*)?(\\d+)(?=\\s|$)`,
  'u',
);
/** A label that starts with its number: "1. Migrant rights", "(1) migrant rights", "1 - Droits des migrants". */
const LEADING_NUMBER = /^(\d{1,2})(?: (.+))?$/u;
/** Series codes and the indicator number inside a label ("SG_CPA_MIGRS_DOMAIN3", "10.7.2 - Domain 3 (…)"), spaced as normalised. */
const SERIES_MARKERS = /(?:^| )(?:sg cpa migr[sp]|10 7 2)(?= |$)/gu;

/** Build a mapping from the defaults plus the caller's entries (which win over the defaults). */
export function createLabelMapping(extra: Iterable<readonly [string, LabelTarget]> = []): LabelMapping {
  const entries = new Map<string, LabelTarget>();
  for (const [target, labels] of Object.entries(DEFAULT_LABELS) as [LabelTarget, readonly string[]][]) {
    for (const label of labels) entries.set(normaliseLabel(label), target);
  }
  for (const [label, target] of extra) entries.set(normaliseLabel(label), target);
  return { entries };
}

/** The mapping with only the shipped defaults. */
export const DEFAULT_LABEL_MAPPING: LabelMapping = createLabelMapping();

/** Resolve a policy-domain code in any published spelling: ALLDOMAINS/DOMAIN1 (any case) or _T/PD_1. */
export function parsePolicyDomainCode(text: string): PolicyDomainCode | undefined {
  const upper = text.trim().toUpperCase();
  if ((POLICY_DOMAIN_CODES as readonly string[]).includes(upper)) return upper as PolicyDomainCode;
  for (const code of POLICY_DOMAIN_CODES) if (SDMX_COMPOSITE_BREAKDOWN[code] === upper) return code;
  return undefined;
}

/** Outcome of resolving a domain label: the code, or why the label names none. */
export type DomainResolution = { code: PolicyDomainCode } | { reason: string };

/** How a domain label is read. */
export interface DomainReading {
  /**
   * The label comes from a column known to hold domains: a bare number ("3") is that domain, and a
   * label naming only the indicator or its series ("10.7.2", "SG_CPA_MIGRS") is its headline, all domains.
   */
  domainColumn?: boolean;
}

const isDomainCode = (target: LabelTarget | undefined): target is PolicyDomainCode =>
  target !== undefined && (POLICY_DOMAIN_CODES as readonly string[]).includes(target);

/** Words of a domain code for messages: "DOMAIN3 (Cooperation and partnerships)". */
const domainName = (code: PolicyDomainCode): string => `${code} (${DEFAULT_LABELS[code][0]})`;

/**
 * Resolve a policy domain from a code or a label: codes first, then the mapping, then the label's
 * number ("Domain 3", "3. …", "(3) …") and its words (the domain names in any of the languages in
 * vocabulary.ts). A number and words that disagree ("Domain 2. Migrant rights") are refused, not guessed.
 */
export function resolvePolicyDomain(
  text: string,
  mapping: LabelMapping = DEFAULT_LABEL_MAPPING,
  reading: DomainReading = {},
): DomainResolution {
  const code = parsePolicyDomainCode(text);
  if (code) return { code };
  const normalised = normaliseLabel(text);
  const mapped = mapping.entries.get(normalised);
  if (isDomainCode(mapped)) return { code: mapped };
  const spaced = normalised.replace(/_/g, ' ').replace(SERIES_MARKERS, ' ').replace(/\s+/g, ' ').trim();
  if (spaced === '')
    return reading.domainColumn
      ? { code: 'ALLDOMAINS' }
      : { reason: 'names the indicator or a series but no policy domain' };
  let number: number | undefined;
  let rest = spaced;
  const numbered = NUMBERED_DOMAIN.exec(spaced);
  const leading = numbered ? undefined : LEADING_NUMBER.exec(spaced);
  if (numbered) {
    number = Number(numbered[1]);
    rest = `${spaced.slice(0, numbered.index)} ${spaced.slice(numbered.index + numbered[0].length)}`.trim();
  } else if (leading) {
    if (leading[2] === undefined && !reading.domainColumn)
      return {
        reason:
          'is a bare number: only a column known to hold policy domains may number them; map it in a label mapping file',
      };
    number = Number(leading[1]);
    rest = leading[2] ?? '';
  }
  const restMapped = rest === '' ? undefined : mapping.entries.get(rest);
  const named = rest === '' || isIndicatorTitle(spaced) ? [] : domainsNamedBy(rest);
  if (number !== undefined) {
    if (number < 1 || number > 6) return { reason: `names domain ${number}; SDG 10.7.2 has domains 1 to 6` };
    const byNumber = `DOMAIN${number}` as PolicyDomainCode;
    const byName = isDomainCode(restMapped) ? restMapped : named.length === 1 ? named[0] : undefined;
    if (byName !== undefined && byName !== byNumber && !named.includes(byNumber)) {
      return {
        reason: `names domain ${number} but its words name ${domainName(byName)}; correct the label or map it in a label mapping file`,
      };
    }
    return { code: byNumber };
  }
  if (isDomainCode(restMapped)) return { code: restMapped };
  const [only] = named;
  if (only !== undefined && named.length === 1) return { code: only };
  if (named.length > 1)
    return { reason: `has words of several policy domains (${named.join(', ')}); map it in a label mapping file` };
  return {
    reason:
      'is not a policy-domain code (ALLDOMAINS, DOMAIN1..DOMAIN6, _T, PD_1..PD_6) nor a known label; add it to a label mapping file',
  };
}

/**
 * Resolve a series from its code (any case), a mapped label, or a title: a series description or one of
 * the indicator's titles over the years ("Number of countries that have implemented well-managed
 * migration policies", "Number of/Proportion of countries with migration policies to facilitate …",
 * "10.7.2"), in English or a national language. A title that names the indicator as a whole, without
 * saying which series, means `indicatorSeries` (the file's series, SG_CPA_MIGRS unless told otherwise).
 */
export function resolveSeries(
  text: string,
  mapping: LabelMapping = DEFAULT_LABEL_MAPPING,
  indicatorSeries: SeriesCode = 'SG_CPA_MIGRS',
): SeriesCode | undefined {
  const upper = text.trim().toUpperCase();
  if (upper in SERIES) return upper as SeriesCode;
  const normalised = normaliseLabel(text);
  const mapped = mapping.entries.get(normalised);
  if (mapped === 'SG_CPA_MIGRS' || mapped === 'SG_CPA_MIGRP') return mapped;
  if (!isIndicatorTitle(normalised)) return undefined;
  return seriesNamedByTitle(normalised, text) ?? indicatorSeries;
}

/** The role of a column header according to the mapping (Year, Value, area, policy domain or series). */
export function resolveColumnRole(
  header: string,
  mapping: LabelMapping = DEFAULT_LABEL_MAPPING,
): ColumnRole | undefined {
  const mapped = mapping.entries.get(normaliseLabel(header));
  return mapped && (COLUMN_ROLES as readonly string[]).includes(mapped) ? (mapped as ColumnRole) : undefined;
}

/** Parse a target code of a mapping file: a domain code in either style, a series code, or a column role. */
function parseLabelTarget(text: string): LabelTarget | undefined {
  const trimmed = text.trim();
  const upper = trimmed.toUpperCase();
  if ((COLUMN_ROLES as readonly string[]).includes(upper)) return upper as ColumnRole;
  if (upper in SERIES) return upper as SeriesCode;
  return parsePolicyDomainCode(trimmed);
}

const mappingJsonSchema = z.record(z.string(), z.string());

/** Result of parsing a label mapping file. */
export interface ParsedLabelMapping {
  mapping: LabelMapping;
  /** The user's own entries, in file order. */
  entries: [string, LabelTarget][];
  problems: Problem[];
}

/**
 * Parse a label mapping file: JSON (`{ "Ukupno": "ALLDOMAINS", "Vuosi": "YEAR" }`) or CSV with the
 * header `label,code`. Codes are domain codes (ALLDOMAINS, DOMAIN1..6, _T, PD_1..6), series codes or
 * column roles (YEAR, VALUE, AREA, POLICY_DOMAINS, SERIES). The result extends the defaults.
 */
export function parseLabelMapping(text: string, fileName: string): ParsedLabelMapping {
  const problems: Problem[] = [];
  const entries: [string, LabelTarget][] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const addEntry = (label: string, code: string, where: Omit<Problem, 'file' | 'message' | 'value'>) => {
    const target = parseLabelTarget(code);
    if (!label.trim()) problems.push({ file: fileName, ...where, value: label, message: 'empty label' });
    else if (!target)
      problems.push({
        file: fileName,
        ...where,
        value: code,
        message: `unknown code for label "${label}": expected ALLDOMAINS, DOMAIN1..DOMAIN6, _T, PD_1..PD_6, ${Object.keys(SERIES).join(', ')} or a column role (${COLUMN_ROLES.join(', ')})`,
      });
    else entries.push([label, target]);
  };
  if (/^\s*[{[]/.test(body)) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (error) {
      problems.push({
        file: fileName,
        message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      });
      return { mapping: createLabelMapping(), entries, problems };
    }
    const checked = mappingJsonSchema.safeParse(json);
    if (!checked.success) {
      problems.push({
        file: fileName,
        message:
          'a JSON label mapping is one object whose keys are labels and whose values are codes, e.g. {"Ukupno": "ALLDOMAINS"}',
      });
      return { mapping: createLabelMapping(), entries, problems };
    }
    for (const [label, code] of Object.entries(checked.data)) addEntry(label, code, { column: label });
  } else {
    let records: string[][];
    try {
      records = parse(body, { relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] });
    } catch (error) {
      problems.push({
        file: fileName,
        message: `malformed CSV: ${error instanceof Error ? error.message : String(error)}`,
      });
      return { mapping: createLabelMapping(), entries, problems };
    }
    const [header, ...rows] = records;
    if (!header || normaliseLabel(header[0] ?? '') !== 'label' || normaliseLabel(header[1] ?? '') !== 'code') {
      problems.push({
        file: fileName,
        row: 1,
        value: header?.join(','),
        message: 'a CSV label mapping starts with the header "label,code"',
      });
      return { mapping: createLabelMapping(), entries, problems };
    }
    rows.forEach((cells, index) => {
      const row = index + 2;
      if (cells.every((cell) => cell.trim() === '')) return;
      if (cells.length !== 2) {
        problems.push({
          file: fileName,
          row,
          value: cells.join(','),
          message: `row ${row} has ${cells.length} cells; expected 2 (label,code)`,
        });
        return;
      }
      addEntry(cells[0] ?? '', cells[1] ?? '', { row, column: 'code' });
    });
  }
  return { mapping: createLabelMapping(entries), entries, problems };
}
