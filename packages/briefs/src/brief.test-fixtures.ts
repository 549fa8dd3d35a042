// Test fixtures: a country with known 10.7.2 answers and the gaps they must produce.
import type { Observation, PolicyDomainCode } from '@migov/core';

/** The Philippines (608) in 2021 with hand-made categories: gaps in domains 1 (2) and 4 (1). */
const KNOWN_CATEGORIES: Readonly<Record<PolicyDomainCode, number>> = {
  ALLDOMAINS: 3,
  DOMAIN1: 2,
  DOMAIN2: 4,
  DOMAIN3: 3,
  DOMAIN4: 1,
  DOMAIN5: 3,
  DOMAIN6: 4,
};

export const KNOWN_OBSERVATIONS: Observation[] = [
  ...Object.entries(KNOWN_CATEGORIES).map(([domain, value]) => ({
    series: 'SG_CPA_MIGRS' as const,
    area: '608',
    year: 2021,
    domain: domain as PolicyDomainCode,
    value,
  })),
  // An older round and another country, which the brief must ignore.
  { series: 'SG_CPA_MIGRS', area: '608', year: 2019, domain: 'DOMAIN2', value: 1 },
  { series: 'SG_CPA_MIGRS', area: '50', year: 2021, domain: 'DOMAIN3', value: 1 },
];

/** The gap lines the brief must print, exactly (hand-derived from the crosswalk). */
export const EXPECTED_GAP_LINES = [
  'Domain 1: Migrant rights (Partially meets)',
  'GCM objective 6: Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work [migov editorial mapping]',
  'GCM objective 13: Use migration detention only as a measure of last resort and work towards alternatives [migov editorial mapping]',
  'GCM objective 15: Provide access to basic services for migrants [migov editorial mapping]',
  'GCM objective 16: Empower migrants and societies to realize full inclusion and social cohesion [migov editorial mapping]',
  'GCM objective 17: Eliminate all forms of discrimination and promote evidence-based public discourse to shape perceptions of migration [migov editorial mapping]',
  'SDG target 8.8: Protect labour rights and promote safe and secure working environments for all workers, including migrant workers, in particular women migrants, and those in precarious employment [migov editorial mapping, via GCM objective 6]',
  'SDG target 10.7: Facilitate orderly, safe, regular and responsible migration and mobility of people, including through the implementation of planned and well-managed migration policies [sourced, via GCM objective 6]',
  'Domain 4: Socioeconomic well-being (Requires further progress)',
  'GCM objective 18: Invest in skills development and facilitate mutual recognition of skills, qualifications and competences [migov editorial mapping]',
  'GCM objective 19: Create conditions for migrants and diasporas to fully contribute to sustainable development in all countries [migov editorial mapping]',
  'GCM objective 20: Promote faster, safer and cheaper transfer of remittances and foster financial inclusion of migrants [migov editorial mapping]',
  'GCM objective 22: Establish mechanisms for the portability of social security entitlements and earned benefits [migov editorial mapping]',
  'SDG target 10.c: By 2030, reduce to less than 3 per cent the transaction costs of migrant remittances and eliminate remittance corridors with costs higher than 5 per cent [migov editorial mapping, via GCM objective 20]',
  'SDG target 17.3: Mobilize additional financial resources for developing countries from multiple sources [migov editorial mapping, via GCM objective 20]',
  'SDG target 4.b: By 2020, substantially expand globally the number of scholarships available to developing countries, in particular least developed countries, small island developing States and African countries, for enrolment in higher education, including vocational training and information and communications technology, technical, engineering and scientific programmes, in developed countries and other developing countries [migov editorial mapping, via GCM objective 18]',
];
