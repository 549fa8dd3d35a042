/**
 * The crosswalk migov ships: sourced links from the reference compilation (MiGOF element <-> MGI
 * dimension <-> 10.7.2 domain; every 10.7.2 domain <-> SDG target 10.7) and migov's own editorial
 * links where no public table exists (10.7.2 domain / MGI dimension <-> GCM objective: IOM maps MGI
 * indicators to all 23 objectives but the table is not public; GCM objective <-> SDG target: the
 * compilation lists indicative links without a confirming source). Administrators edit it as data.
 */
import { GCM_OBJECTIVES } from '../reference/gcm.data.ts';
import { MIGOF_DOMAIN_MAPPING } from '../reference/migof-domains.data.ts';
import { SDG_MIGRATION_INDICATORS } from '../../indicators/catalogue.data.ts';
import type { Sdg1072DomainCode } from '../../observations/observation.ts';
import type { Crosswalk, CrosswalkLink, CrosswalkNode, LinkBasis } from './crosswalk.ts';

/** Who made the shipped links, and when (the date of the reference compilation). */
const SEED_EDITOR = { actor: 'migov-seed', at: '2026-11-27T00:00:00Z' } as const;

/**
 * migov's editorial mapping of 10.7.2 domains (and the MGI dimension of the same MiGOF element) to
 * GCM objectives, read from the subjects of each domain's sub-categories. Every objective is covered.
 */
export const EDITORIAL_DOMAIN_GCM: Readonly<Record<Sdg1072DomainCode, readonly number[]>> = {
  // equal access to health care, education, justice and social security; equal pay
  DOMAIN1: [6, 13, 15, 16, 17],
  // dedicated entity, strategies on regular pathways and inclusion, gender, disaggregated data
  DOMAIN2: [1, 5, 16],
  // inter-ministerial coordination, bilateral and regional agreements, return and readmission, civil society and private sector
  DOMAIN3: [5, 21, 23],
  // labour matching, fair recruitment, skills recognition, remittances, portability of social security
  DOMAIN4: [6, 18, 19, 20, 22],
  // reception of people displaced across borders, contingency plans, assistance to nationals abroad, disaster risk reduction
  DOMAIN5: [2, 7, 14],
  // overstays, pre-arrival controls, trafficking, smuggling
  DOMAIN6: [3, 4, 8, 9, 10, 11, 12],
};

const SDG_INDICATOR_SOURCE =
  'UN global SDG indicator framework: indicator 10.7.2 sits under target 10.7 (open-sdg/sdg-translations global_indicators.yml @0cda5858, 2025-08-19)';

function link(
  from: CrosswalkNode,
  to: CrosswalkNode,
  basis: LinkBasis,
  details: { source?: string; unverified?: boolean; note?: string } = {},
): CrosswalkLink {
  return {
    id: `${from.kind}:${from.id}--${to.kind}:${to.id}`,
    from,
    to,
    basis,
    ...(details.source ? { source: details.source } : {}),
    unverified: details.unverified ?? false,
    ...(details.note ? { note: details.note } : {}),
    status: 'active',
    createdBy: SEED_EDITOR.actor,
    createdAt: SEED_EDITOR.at,
  };
}

const domainNode = (code: string): CrosswalkNode => ({ kind: 'sdg-10-7-2-domain', id: code });
const mgiNode = (dimension: number): CrosswalkNode => ({ kind: 'mgi-dimension', id: String(dimension) });
const gcmNode = (objective: number): CrosswalkNode => ({ kind: 'gcm-objective', id: String(objective) });

function seedLinks(): CrosswalkLink[] {
  const links: CrosswalkLink[] = [];
  for (const row of MIGOF_DOMAIN_MAPPING) {
    const migof: CrosswalkNode = { kind: 'migof-element', id: row.migof };
    links.push(link(migof, mgiNode(row.mgiDimension), 'source', { source: row.source }));
    links.push(
      link(migof, domainNode(row.sdgDomain), 'source', {
        source: row.source,
        ...(row.sdgDomainNameUnverified
          ? { note: 'the domain name is not confirmed by a public source; the link is' }
          : {}),
      }),
    );
    links.push(link(mgiNode(row.mgiDimension), domainNode(row.sdgDomain), 'source', { source: row.source }));
    links.push(
      link(domainNode(row.sdgDomain), { kind: 'sdg-target', id: '10.7' }, 'source', { source: SDG_INDICATOR_SOURCE }),
    );
  }
  for (const row of MIGOF_DOMAIN_MAPPING) {
    for (const objective of EDITORIAL_DOMAIN_GCM[row.sdgDomain]) {
      links.push(
        link(domainNode(row.sdgDomain), gcmNode(objective), 'editorial', {
          note: 'migov editorial mapping from the subjects of the domain',
        }),
      );
      links.push(
        link(mgiNode(row.mgiDimension), gcmNode(objective), 'editorial', {
          note: "IOM maps MGI indicators to all 23 GCM objectives, but that table is not public; migov's editorial mapping of the dimension",
        }),
      );
    }
  }
  for (const objective of GCM_OBJECTIVES) {
    for (const target of objective.indicativeSdgTargets) {
      links.push(
        link(gcmNode(objective.objective), { kind: 'sdg-target', id: target }, 'editorial', {
          note: `indicative link listed without a confirming source in the reference compilation ("${objective.indicativeSdgNote}")`,
        }),
      );
    }
  }
  return links;
}

/** The crosswalk shipped with migov; deployments keep their edited copy as data. */
export const DEFAULT_CROSSWALK: Crosswalk = { links: seedLinks() };

/** SDG targets and their text, from the migration-related indicators (undefined for a target without one listed). */
export const SDG_TARGET_TEXTS: Readonly<Record<string, string>> = Object.fromEntries(
  SDG_MIGRATION_INDICATORS.map((indicator) => [indicator.target, indicator.targetText]),
);
