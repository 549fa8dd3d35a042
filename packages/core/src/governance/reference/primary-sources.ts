/**
 * Which sources count as primary for the partnership registry: the processes' own sites, the
 * governments and secretariats that run them, IOM and the UN system. A document-mirror site
 * (fdocuments, docslib, …), a news site or an encyclopedia copy is never primary: a fact that only
 * such a source gives is unverified, with the reason.
 */

/** Domains accepted for every process: IOM, the UN system and the intergovernmental bodies that host processes. */
const GENERAL_PRIMARY_DOMAINS: readonly string[] = [
  'iom.int',
  'un.org',
  'unhcr.org',
  'ilo.org',
  'unodc.org',
  'icmpd.org',
  'europa.eu',
  'au.int',
  'ecowas.int',
  'igad.int',
  'comesa.int',
  'sadc.int',
  'ceeac-eccas.org',
  'lasportal.org',
];

/** Each process's own site and the governments that co-chair or host it, by process id. */
export const PROCESS_PRIMARY_DOMAINS: Readonly<Record<string, readonly string[]>> = {
  'budapest-process': ['budapestprocess.org'],
  'prague-process': ['pragueprocess.eu'],
  'almaty-process': [],
  'eap-panel': ['eapmigrationpanel.org'],
  igc: ['igc.ch', 'baliprocess.net', 'admin.ch'],
  arcp: [],
  'igad-rcp': ['migration.igad.int'],
  midcom: [],
  midcas: [],
  midsa: [],
  midwa: [],
  'colombo-process': ['colomboprocess.org'],
  add: ['abudhabidialogue.org', 'abudhabidialogue.org.ae'],
  'bali-process': ['baliprocess.net', 'baliprocessbusiness.org', 'dfat.gov.au', 'kemlu.go.id'],
  pidc: ['pidcsec.org'],
  apc: [],
  rcm: ['crmsv.org', 'rcmvs.org'],
  sacm: ['csmigraciones.org'],
  cmc: ['caribbeanmigration.org'],
  '5-5-dialogue': ['westmediterraneanforum.org'],
  'rabat-process': ['rabat-process.org', 'fiiapp.org'],
  'khartoum-process': ['khartoumprocess.net', 'esteri.it'],
  mtm: [],
  gfmd: ['gfmd.org', 'diplomatie.belgium.be'],
  idm: [],
  hld: [],
  imrf: [],
};

/** Sites that copy documents or summarise others; never a primary source. */
const NON_PRIMARY_SOURCE_PATTERNS: readonly RegExp[] = [
  /fdocuments/i,
  /docest/i,
  /docsbay/i,
  /docslib/i,
  /docplayer/i,
  /lawsdocbox/i,
  /expydoc/i,
  /newshour\.media/i,
  /wikimili/i,
  /wikipedia/i,
];

/** The domain-like names in a source part (`iom.int/midwa`, `https://www.rabat-process.org/en/about`). */
function domainsOf(part: string): string[] {
  // A domain starts a word (not a path segment such as `about.shtml`).
  return [...part.toLowerCase().matchAll(/(?:^|[\s(])(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?=[/\s;,)]|$)/g)].map(
    (match) => match[1]!.replace(/^www\./, ''),
  );
}

function accepted(domain: string, accepted: readonly string[]): boolean {
  return accepted.some((entry) => domain === entry || domain.endsWith(`.${entry}`));
}

/** The domains a process's facts may cite as primary. */
function primaryDomainsOf(processId: string | undefined): readonly string[] {
  return [...GENERAL_PRIMARY_DOMAINS, ...((processId && PROCESS_PRIMARY_DOMAINS[processId]) || [])];
}

/** Whether one part of a source (one of its `;`-separated entries) is primary for the process. */
export function isPrimarySourcePart(processId: string | undefined, part: string): boolean {
  if (NON_PRIMARY_SOURCE_PATTERNS.some((pattern) => pattern.test(part))) return false;
  const domains = domainsOf(part);
  return domains.length > 0 && domains.every((domain) => accepted(domain, primaryDomainsOf(processId)));
}

/** A source split into its primary and other parts. */
export interface SourceCheck {
  primary: string[];
  other: string[];
}

/** Split a source text (`a; b; c`) into the parts that are primary for the process and the rest. */
export function checkSource(processId: string | undefined, source: string): SourceCheck {
  const parts = source
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  return {
    primary: parts.filter((part) => isPrimarySourcePart(processId, part)),
    other: parts.filter((part) => !isPrimarySourcePart(processId, part)),
  };
}
