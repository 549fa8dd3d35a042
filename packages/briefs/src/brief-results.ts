/**
 * The 10.7.2 results a brief starts from, taken either from published observations (SG_CPA_MIGRS)
 * or from a scored assessment of the platform, in one shape.
 */
import {
  POLICY_DOMAIN_CODES,
  SDG_10_7_2_V2019,
  type AssessmentResult,
  type Observation,
  type PolicyDomainCode,
} from '@migov/core';
import { BriefInputError, type BriefDomainResult, type BriefResults } from './brief.model.ts';

const DOMAIN_NAMES: Readonly<Record<PolicyDomainCode, string>> = {
  ALLDOMAINS: 'All domains',
  ...(Object.fromEntries(SDG_10_7_2_V2019.domains.map((domain) => [domain.code, domain.label.en])) as Record<
    Exclude<PolicyDomainCode, 'ALLDOMAINS'>,
    string
  >),
};

/** The name of a 10.7.2 policy domain, as the instrument labels it. */
function policyDomainName(domain: PolicyDomainCode): string {
  return DOMAIN_NAMES[domain];
}

/** The label of a 10.7.2 category (1 Requires further progress … 4 Fully meets). */
function categoryLabel(category: number): string {
  const band = SDG_10_7_2_V2019.scoring?.bands.find((entry) => entry.code === category);
  if (!band) throw new BriefInputError('category', `${category} is not a 10.7.2 category (1-4)`);
  return band.label.en;
}

function domainResult(domain: PolicyDomainCode, value: number | 'N' | undefined): BriefDomainResult {
  const name = policyDomainName(domain);
  if (value === undefined) return { domain, name, status: 'no-data' };
  if (value === 'N') return { domain, name, status: 'not-applicable' };
  if (value !== 1 && value !== 2 && value !== 3 && value !== 4)
    throw new BriefInputError('value', `${value} for ${domain} is not a 10.7.2 category (1-4 or N)`);
  return { domain, name, status: 'result', category: value, categoryLabel: categoryLabel(value) };
}

/**
 * The results of an area from SG_CPA_MIGRS observations: of the given round, or of the latest round
 * the area has a value in; `year` undefined when it has none.
 */
export function resultsFromObservations(
  observations: Iterable<Observation>,
  area: string,
  options: { year?: number; source?: string } = {},
): BriefResults {
  const own = [...observations].filter(
    (observation) => observation.series === 'SG_CPA_MIGRS' && observation.area === area,
  );
  const year =
    options.year ??
    own.reduce<number | undefined>(
      (latest, observation) => (latest === undefined || observation.year > latest ? observation.year : latest),
      undefined,
    );
  const values = new Map<PolicyDomainCode, number | 'N'>();
  for (const observation of own) {
    if (observation.year === year && !values.has(observation.domain)) values.set(observation.domain, observation.value);
  }
  return {
    ...(year === undefined ? {} : { year }),
    ...(options.source ? { source: options.source } : {}),
    domains: POLICY_DOMAIN_CODES.map((domain) => domainResult(domain, values.get(domain))),
  };
}

/** The results of a scored platform assessment (incomplete domains count as no data). */
export function resultsFromAssessment(
  result: AssessmentResult,
  options: { year?: number; source?: string } = {},
): BriefResults {
  if (result.status === 'invalid')
    throw new BriefInputError(
      'assessment',
      `the assessment has invalid responses: ${result.problems.map((problem) => problem.message).join('; ')}`,
    );
  const categories = new Map<string, number>();
  for (const domain of result.domains) if (domain.status === 'scored') categories.set(domain.code, domain.band.code);
  if (result.overall.status === 'scored') categories.set(result.overall.code, result.overall.band.code);
  return {
    ...(options.year === undefined ? {} : { year: options.year }),
    source: options.source ?? `${result.instrument}@${result.version} assessment scored by the official method`,
    domains: POLICY_DOMAIN_CODES.map((domain) => domainResult(domain, categories.get(domain))),
  };
}
