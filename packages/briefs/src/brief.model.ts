/**
 * The Cooperation Framework brief: for one country, its SDG 10.7.2 and MGI results, its gaps by
 * domain mapped to GCM objectives and SDG targets, the consultation processes it belongs to, entry
 * points across the UN country planning cycle, and the mainstreaming set-up as a checklist. A brief
 * is versioned: generation makes version 1 and every edit appends a new version; none is removed.
 */
import type { DomainGapMapping, PolicyDomainCode, ProcessType } from '@migov/core';

/** The UN country planning cycle (GMG guidance note on integrating migration into UNDAF/Cooperation Framework). */
export const PLANNING_STAGES = [
  'roadmap',
  'common-country-analysis',
  'prioritization-theory-of-change',
  'results-matrix',
  'monitoring-evaluation',
] as const;
export type PlanningStage = (typeof PLANNING_STAGES)[number];

/** Titles of the planning stages. */
export const PLANNING_STAGE_TITLES: Readonly<Record<PlanningStage, string>> = {
  roadmap: 'Roadmap',
  'common-country-analysis': 'Common country analysis',
  'prioritization-theory-of-change': 'Strategic prioritization and theory of change',
  'results-matrix': 'Results matrix with migration-sensitive indicators',
  'monitoring-evaluation': 'Monitoring and evaluation',
};

/** The mainstreaming set-up of the UNDP-IOM joint programme. */
export const MAINSTREAMING_ELEMENTS = [
  'government-focal-point',
  'inter-ministerial-mechanism',
  'migration-profile',
  'multi-stakeholder-forum',
] as const;
export type MainstreamingElement = (typeof MAINSTREAMING_ELEMENTS)[number];

/** Titles of the mainstreaming elements. */
export const MAINSTREAMING_ELEMENT_TITLES: Readonly<Record<MainstreamingElement, string>> = {
  'government-focal-point': 'Government focal point for migration and development',
  'inter-ministerial-mechanism': 'Inter-ministerial coordination mechanism',
  'migration-profile': 'Migration profile',
  'multi-stakeholder-forum': 'Multi-stakeholder forum',
};

/** Where a checklist element stands. */
export const CHECKLIST_STATUSES = ['in-place', 'in-progress', 'not-in-place', 'unknown'] as const;
export type ChecklistStatus = (typeof CHECKLIST_STATUSES)[number];

/** Labels of the checklist statuses. */
export const CHECKLIST_STATUS_LABELS: Readonly<Record<ChecklistStatus, string>> = {
  'in-place': 'In place',
  'in-progress': 'In progress',
  'not-in-place': 'Not in place',
  unknown: 'Not yet known',
};

/** A country's result in one 10.7.2 domain (or all domains). */
export interface BriefDomainResult {
  domain: PolicyDomainCode;
  name: string;
  status: 'result' | 'not-applicable' | 'no-data';
  category?: 1 | 2 | 3 | 4;
  categoryLabel?: string;
}

/** The 10.7.2 results the brief is based on. */
export interface BriefResults {
  year?: number;
  /** Where they come from (e.g. "UN SDG Global Database, SG_CPA_MIGRS"). */
  source?: string;
  domains: BriefDomainResult[];
}

/** A gap: a 10.7.2 domain where the country requires further progress or partially meets, with its mapping. */
export interface BriefGap extends DomainGapMapping {
  category: 1 | 2;
  categoryLabel: string;
}

/** The MGI-style profile summary of the country. */
export interface BriefMgiSummary {
  instrument: string;
  version: string;
  year?: number;
  /** The instrument's questions are examples, not the official MGI (say so wherever shown). */
  exampleInstrument: boolean;
  dimensions: { label: string; wellDeveloped: string[]; furtherDevelopment: string[] }[];
  /** What changed since an earlier round, per dimension (only dimensions with a change). */
  changes?: {
    sinceYear?: number;
    dimensions: { label: string; becameWellDeveloped: string[]; newlyFurtherDevelopment: string[] }[];
  };
}

/** A consultation process the country takes part in. */
export interface BriefProcess {
  id: string;
  acronym: string;
  name: string;
  type: ProcessType | string;
  role: string;
  asOf: string;
  source: string;
  unverified: boolean;
}

/** One entry point of the planning cycle. */
export interface BriefEntryPoint {
  stage: PlanningStage;
  title: string;
  text: string;
}

/** One element of the mainstreaming checklist. */
export interface BriefChecklistItem {
  element: MainstreamingElement;
  title: string;
  status: ChecklistStatus;
  note?: string;
}

/** Everything a brief says. */
export interface BriefContent {
  title: string;
  area: { code: string; name: string; alpha3?: string };
  summary: string;
  results: BriefResults;
  mgi?: BriefMgiSummary;
  gaps: BriefGap[];
  processes: BriefProcess[];
  entryPoints: BriefEntryPoint[];
  checklist: BriefChecklistItem[];
  notes: string;
  /** Sources and caveats printed at the end (including the editorial-mapping notice). */
  sources: string[];
}

/** One version of a brief. */
export interface BriefVersion {
  version: number;
  createdAt: string;
  createdBy: string;
  change: 'generated' | 'edited';
  /** What the editor changed, in their words (edits) or how it was generated. */
  description: string;
  content: BriefContent;
}

/** A brief with all its versions, oldest first. */
export interface BriefDocument {
  id: string;
  area: string;
  versions: readonly BriefVersion[];
}

/** Thrown for input a brief cannot be made or edited from (which field, which value, why). */
export class BriefInputError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`invalid ${field}: ${message}`);
    this.name = 'BriefInputError';
    this.field = field;
  }
}

/** Thrown when an edit is based on a version that is no longer the latest. */
export class BriefConflictError extends Error {
  readonly latest: BriefVersion;
  constructor(expected: number, latest: BriefVersion) {
    super(`the brief changed: the edit is based on version ${expected}, the latest is version ${latest.version}`);
    this.name = 'BriefConflictError';
    this.latest = latest;
  }
}

/** Thrown by getBriefVersion for a version that does not exist. */
class BriefVersionNotFoundError extends Error {
  constructor(id: string, version: number) {
    super(`brief ${id} has no version ${version}`);
    this.name = 'BriefVersionNotFoundError';
  }
}

/** The latest version of a brief. */
export function latestBriefVersion(document: BriefDocument): BriefVersion {
  const latest = document.versions.at(-1);
  if (!latest) throw new BriefVersionNotFoundError(document.id, 1);
  return latest;
}

/** One version of a brief, or undefined. */
function findBriefVersion(document: BriefDocument, version: number): BriefVersion | undefined {
  return document.versions.find((entry) => entry.version === version);
}

/** One version of a brief; throws BriefVersionNotFoundError. */
export function getBriefVersion(document: BriefDocument, version: number): BriefVersion {
  const found = findBriefVersion(document, version);
  if (!found) throw new BriefVersionNotFoundError(document.id, version);
  return found;
}
