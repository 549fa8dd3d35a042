/**
 * The shared vocabulary of published SDG 10.7.2 data: series, policy domains and observations.
 * Every format reader produces {@link Observation}s and every writer consumes them.
 */

/** The six 10.7.2 policy-domain codes, as exchange formats spell them. */
export const SDG_10_7_2_DOMAIN_CODES = ['DOMAIN1', 'DOMAIN2', 'DOMAIN3', 'DOMAIN4', 'DOMAIN5', 'DOMAIN6'] as const;
export type Sdg1072DomainCode = (typeof SDG_10_7_2_DOMAIN_CODES)[number];

/** Policy-domain codes as the UN SDG API spells them (`[Policy Domains]` column): all domains, then the six. */
export const POLICY_DOMAIN_CODES = ['ALLDOMAINS', ...SDG_10_7_2_DOMAIN_CODES] as const;
export type PolicyDomainCode = (typeof POLICY_DOMAIN_CODES)[number];

/** SDMX COMPOSITE_BREAKDOWN code for each policy domain (SDG data structure). */
export const SDMX_COMPOSITE_BREAKDOWN = {
  ALLDOMAINS: '_T',
  DOMAIN1: 'PD_1',
  DOMAIN2: 'PD_2',
  DOMAIN3: 'PD_3',
  DOMAIN4: 'PD_4',
  DOMAIN5: 'PD_5',
  DOMAIN6: 'PD_6',
} as const satisfies Record<PolicyDomainCode, string>;

/** The two SDG Global Database series of indicator 10.7.2. */
export const SERIES = {
  SG_CPA_MIGRS: {
    code: 'SG_CPA_MIGRS',
    indicator: '10.7.2',
    target: '10.7',
    goal: '10',
    unit: 'NUMBER',
    nature: 'C',
    description:
      'Countries with migration policies to facilitate orderly, safe, regular and responsible migration and mobility of people, by policy domain (1 = Requires further progress; 2 = Partially meets; 3 = Meets; 4 = Fully meets)',
  },
  SG_CPA_MIGRP: {
    code: 'SG_CPA_MIGRP',
    indicator: '10.7.2',
    target: '10.7',
    goal: '10',
    unit: 'PERCENT',
    nature: 'G',
    description:
      'Proportion of countries with migration policies to facilitate orderly, safe, regular and responsible migration and mobility of people, by policy domain (%)',
  },
} as const;
export type SeriesCode = keyof typeof SERIES;

/** `N`: not applicable (e.g. non-sovereign territories in 2019), as the SDG database writes it. */
export type ObservationValue = number | 'N';

/** One published data point. `area` is the M49 code as a string without leading zeros. */
export interface Observation {
  series: SeriesCode;
  area: string;
  year: number;
  domain: PolicyDomainCode;
  value: ObservationValue;
  /** e.g. `2018-2019` */
  timeDetail?: string;
  /** C (country data), G (global/regional estimate), … */
  nature?: string;
  source?: string;
  footnote?: string;
  /** For SG_CPA_MIGRP: countries that meet or fully meet, and countries responding. */
  numerator?: number;
  denominator?: number;
}

/** A precise complaint about input: which file, row, column, value, and why. Rows are 1-based as a spreadsheet shows them. */
export interface Problem {
  file: string;
  row?: number;
  column?: string;
  value?: string;
  message: string;
}

/**
 * One line per problem, as the command line and microdata errors print it:
 * `file, row 7, column "AGE", value "250": why`. Only the parts a problem has are named.
 */
export function formatProblem(problem: Problem): string {
  const parts = [problem.file];
  if (problem.row !== undefined) parts.push(`row ${problem.row}`);
  if (problem.column !== undefined) parts.push(`column "${problem.column}"`);
  if (problem.value !== undefined) parts.push(`value "${problem.value}"`);
  return `${parts.join(', ')}: ${problem.message}`;
}

/** A precise complaint about a field of an edit or a record: which field, which value, why. */
export interface FieldProblem {
  field: string;
  value?: unknown;
  message: string;
}

/** Parse an M49 code in any usual spelling ("004", "4", 4) into the canonical string form ("4"); undefined if it is not a code. */
export function normalizeM49(code: string | number): string | undefined {
  const text = String(code).trim();
  if (!/^\d{1,3}$/.test(text)) return undefined;
  return String(Number(text));
}
