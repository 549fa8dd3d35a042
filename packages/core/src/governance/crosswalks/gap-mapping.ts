/**
 * What a jurisdiction's gaps mean elsewhere: for a 10.7.2 domain where it does not meet the standard
 * (category 1 or 2), the GCM objectives and SDG targets the crosswalk maps it to, each labelled as
 * sourced or editorial. Used wherever gaps are shown (briefs, profiles, the web).
 */
import { GCM_OBJECTIVES } from '../reference/gcm.data.ts';
import { MIGOF_DOMAIN_MAPPING } from '../reference/migof-domains.data.ts';
import type { Sdg1072DomainCode } from '../../observations/observation.ts';
import {
  mapCrosswalk,
  mergeMappings,
  type Crosswalk,
  type CrosswalkMapping,
  type CrosswalkNode,
  type LinkBasis,
} from './crosswalk.ts';
import { SDG_TARGET_TEXTS } from './crosswalk.data.ts';

/** A GCM objective a gap maps to. */
export interface MappedGcmObjective {
  objective: number;
  title: string;
  shortLabel: string;
  basis: LinkBasis;
}

/** An SDG target a gap maps to. */
export interface MappedSdgTarget {
  target: string;
  text?: string;
  basis: LinkBasis;
  unverified: boolean;
  /** GCM objectives through which the target is reached (empty for a direct link). */
  via: number[];
}

/** A domain's mapping to GCM objectives and SDG targets. */
export interface DomainGapMapping {
  domain: Sdg1072DomainCode;
  domainName: string;
  migof: string;
  mgiDimension?: number;
  gcmObjectives: MappedGcmObjective[];
  sdgTargets: MappedSdgTarget[];
}

function gcmObjective(mapping: CrosswalkMapping): MappedGcmObjective {
  const number = Number(mapping.node.id);
  const reference = GCM_OBJECTIVES.find((objective) => objective.objective === number);
  return {
    objective: number,
    title: reference?.title ?? `GCM objective ${number}`,
    shortLabel: reference?.shortLabel ?? '',
    basis: mapping.basis,
  };
}

/** GCM objectives and SDG targets of any node: objectives directly, targets directly and through the objectives. */
function mapToGcmAndSdg(
  crosswalk: Crosswalk,
  node: CrosswalkNode,
): { gcmObjectives: MappedGcmObjective[]; sdgTargets: MappedSdgTarget[] } {
  const gcmObjectives = mapCrosswalk(crosswalk, node, 'gcm-objective').map(gcmObjective);
  const sdgTargets = mergeMappings(
    mapCrosswalk(crosswalk, node, 'sdg-target'),
    mapCrosswalk(crosswalk, node, 'sdg-target', ['gcm-objective']),
  ).map((mapping) => {
    const text = SDG_TARGET_TEXTS[mapping.node.id];
    const through = mapping.paths.flatMap((path) =>
      path.length > 1 && path[0] ? [path[0].from.kind === 'gcm-objective' ? path[0].from.id : path[0].to.id] : [],
    );
    const via = [...new Set(through.map(Number))].sort((a, b) => a - b);
    return {
      target: mapping.node.id,
      ...(text ? { text } : {}),
      basis: mapping.basis,
      unverified: mapping.unverified,
      via,
    };
  });
  return { gcmObjectives, sdgTargets };
}

/**
 * The GCM objectives and SDG targets a 10.7.2 domain maps to.
 * @example mapDomainGap(DEFAULT_CROSSWALK, 'DOMAIN4').gcmObjectives.map((objective) => objective.objective)
 */
export function mapDomainGap(crosswalk: Crosswalk, domain: Sdg1072DomainCode): DomainGapMapping {
  const node = { kind: 'sdg-10-7-2-domain' as const, id: domain };
  const reference = MIGOF_DOMAIN_MAPPING.find((row) => row.sdgDomain === domain);
  const mgi = mapCrosswalk(crosswalk, node, 'mgi-dimension')[0];
  return {
    domain,
    domainName: reference?.sdgDomainName ?? domain,
    migof: reference?.migof ?? '',
    ...(mgi ? { mgiDimension: Number(mgi.node.id) } : {}),
    ...mapToGcmAndSdg(crosswalk, node),
  };
}

/** The GCM objectives and SDG targets an MGI dimension (1-6) maps to, e.g. for its areas with potential for further development. */
export function mapDimensionGap(
  crosswalk: Crosswalk,
  dimension: number,
): { dimension: number; gcmObjectives: MappedGcmObjective[]; sdgTargets: MappedSdgTarget[] } {
  return { dimension, ...mapToGcmAndSdg(crosswalk, { kind: 'mgi-dimension', id: String(dimension) }) };
}
