/**
 * Types of the compiled reference facts around SDG 10.7.2: MiGOF, the MGI, the Global Compact for
 * Migration, the migration-related SDG indicators and the UNDP-IOM mainstreaming programme. Every
 * fact keeps the public source it was compiled from; `unverified` marks what no source confirmed.
 */

import type { Sdg1072DomainCode } from '../../observations/observation.ts';

/** One row of the MiGOF -> MGI dimension -> 10.7.2 domain mapping. */
export interface MigofDomainMapping {
  /** MiGOF element id as the core instrument model spells it (P1..P3, O1..O3). */
  migof: 'P1' | 'P2' | 'P3' | 'O1' | 'O2' | 'O3';
  migofLabel: string;
  migofText: string;
  mgiDimension: number;
  mgiDimensionName: string;
  sdgDomain: Sdg1072DomainCode;
  sdgDomainName: string;
  /** The domain name could not be confirmed by a public source. */
  sdgDomainNameUnverified: boolean;
  source: string;
}

/** One sub-area of an MGI dimension. */
export interface MgiSubArea {
  dimension: number;
  dimensionName: string;
  subArea: string;
  unverified: boolean;
  source: string;
}

/** A dated milestone of the MGI. */
export interface MgiMilestone {
  date: string;
  event: string;
  scale: string;
  unverified: boolean;
  source: string;
}

/** One of the 23 objectives of the Global Compact for Safe, Orderly and Regular Migration. */
export interface GcmObjective {
  objective: number;
  title: string;
  shortLabel: string;
  /** SDG targets the reference compilation links indicatively, without a confirming source. */
  indicativeSdgTargets: readonly string[];
  indicativeSdgNote: string;
  source: string;
  shortLabelSource: string;
}

/** One of the ten guiding principles of the Global Compact for Migration. */
export interface GcmPrinciple {
  order: number;
  principle: string;
  source: string;
}

/** A country of the UNDP-IOM joint programme "Mainstreaming Migration into National Development Strategies". */
export interface MainstreamingCountry {
  country: string;
  /** M49 code without leading zeros. */
  area: string;
  phase: string;
  governmentPartner: string;
  funder: string;
  implementers: readonly string[];
  source: string;
}
