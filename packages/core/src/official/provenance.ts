/**
 * Where every 10.7.2 value comes from, and the one precedence rule between the UN's publication and a
 * national publication made in migov (docs/official-data.md). Pure.
 */
import { POLICY_DOMAIN_CODES, type PolicyDomainCode } from '../observations/observation.ts';

/** The words shown with demo values, everywhere. */
export const DEMO_LABEL = 'Demo data — not official';

/** The origin of a value. */
export type Provenance =
  | {
      kind: 'official';
      label: string;
      source: string;
      series: 'SG_CPA_MIGRS' | 'SG_CPA_MIGRP';
      snapshot?: { id: string; retrievedOn: string };
    }
  | { kind: 'national'; label: string; publicationNumber: number; publishedAt: string; validatedBy: string | null }
  | { kind: 'computed'; label: string; responding: number; members: number }
  | { kind: 'demo'; label: string; publicationNumber?: number; publishedAt?: string };

export type ProvenanceKind = Provenance['kind'];

/** The label of a national publication: "National publication no. 2 in migov, 2026-12-07, validated by Reviewer". */
export function nationalLabel(publicationNumber: number, publishedAt: string, validatedBy: string | null): string {
  return `National publication no. ${publicationNumber} in migov, ${publishedAt.slice(0, 10)}${validatedBy ? `, validated by ${validatedBy}` : ''}`;
}

/** The label of a figure computed by migov: "Computed by migov from 8 of 33 countries". */
export function computedLabel(responding: number, members: number): string {
  return `Computed by migov from ${responding} of ${members} countries`;
}

/** One domain's (or the overall) category. */
interface DomainValue {
  code: PolicyDomainCode;
  /** A category; not applicable (N, published as such); or no value at all. */
  status: 'result' | 'not-applicable' | 'no-data';
  /** 1-4, or null when not applicable (N) or without a value. */
  category: 1 | 2 | 3 | 4 | null;
  label: string | null;
  meets: boolean | null;
}

/** A country's results in a round from one origin. */
export interface ResultValues {
  overall: DomainValue;
  domains: DomainValue[];
  provenance: Provenance;
}

/** A country's results in a round: the value shown (precedence applied), and both origins. */
export interface CountryResult {
  area: string;
  name: string;
  year: number;
  value: ResultValues;
  official: ResultValues | null;
  national: ResultValues | null;
  shown: 'official' | 'national' | 'demo';
  /** A national (or demo) publication exists beside the official value and differs from it. */
  differs: boolean;
}

const CATEGORY_LABELS: Readonly<Record<number, string>> = {
  1: 'Requires further progress',
  2: 'Partially meets',
  3: 'Meets',
  4: 'Fully meets',
};

/** A domain value from a category (1-4), N or nothing. */
function domainValue(code: PolicyDomainCode, category: number | 'N' | undefined | null): DomainValue {
  if (category === 1 || category === 2 || category === 3 || category === 4)
    return { code, status: 'result', category, label: CATEGORY_LABELS[category] ?? null, meets: category >= 3 };
  return { code, status: category === 'N' ? 'not-applicable' : 'no-data', category: null, label: null, meets: null };
}

/** Result values from categories by policy-domain code. */
export function resultValues(categories: ReadonlyMap<string, number | 'N'>, provenance: Provenance): ResultValues {
  const [overallCode, ...domainCodes] = POLICY_DOMAIN_CODES;
  return {
    overall: domainValue(overallCode, categories.get(overallCode)),
    domains: domainCodes.map((code) => domainValue(code, categories.get(code))),
    provenance,
  };
}

function sameValues(left: ResultValues, right: ResultValues): boolean {
  const other = [right.overall, ...right.domains];
  return [left.overall, ...left.domains].every(
    (value, index) => value.category === other[index]?.category && value.status === other[index]?.status,
  );
}

/**
 * The precedence rule: the UN's value for the rounds the UN published; a national (or demo)
 * publication stays beside it, labelled. Without an official value the national publication is the value.
 */
export function resolveCountryResult(input: {
  area: string;
  name: string;
  year: number;
  official?: ResultValues;
  national?: ResultValues;
}): CountryResult | undefined {
  const { official, national } = input;
  const value = official ?? national;
  if (!value) return undefined;
  const shown = official ? 'official' : value.provenance.kind === 'demo' ? 'demo' : 'national';
  return {
    area: input.area,
    name: input.name,
    year: input.year,
    value,
    official: official ?? null,
    national: national ?? null,
    shown,
    differs: Boolean(official && national && !sameValues(official, national)),
  };
}

/** Whether any value of the results is demo. */
export function containsDemo(results: Iterable<CountryResult>): boolean {
  for (const result of results)
    if (result.value.provenance.kind === 'demo' || result.national?.provenance.kind === 'demo') return true;
  return false;
}
