/** The shapes the web app reads from the migov API (/api/v1), as the server sends them. */
import type { AssessmentState, InstrumentVersion, LocalizedText, Role, RoleScope } from '@migov/core';
import type { Permission } from '@migov/server';

export type { AssessmentState, InstrumentVersion, LocalizedText, Permission, Role, RoleScope };

/** A paged list. */
export interface Page<Item> {
  items: Item[];
  total: number;
  limit: number;
  offset: number;
}

/** GET /areas: a country, region or group. */
export interface AreaSummary {
  code: string;
  m49?: string;
  name: string;
  kind: string;
  /** ISO 3166-1 alpha-2 (countries): names the country in the reader's language. */
  alpha2?: string;
  alpha3?: string;
  parent?: string;
}

/** GET /areas/:code. */
export interface AreaDetail extends AreaSummary {
  alpha2?: string;
  memberCodes: string[];
}

/** GET /rounds. */
export interface Round {
  id: string;
  year: number;
  instrument: string;
  version: string;
  opensOn: string;
  /** The last day open (UTC). */
  closesOn: string;
  /** Closed once the closing day is over or an administrator closed it (the server's clock). */
  status: 'open' | 'closed';
  /** When it closed or closes. */
  closedAt: string;
  createdAt: string;
}

/** A published domain (or overall) result. */
export interface PublishedScore {
  code: string;
  status: 'scored' | 'not-applicable';
  exactScore?: string;
  score?: string;
  category?: number;
  categoryLabel?: string;
  meets?: boolean;
  domainId?: string;
}

/** GET /published/:year: the latest publication of a jurisdiction. */
export interface PublishedResult {
  jurisdiction: string;
  year: number;
  instrument: string;
  version: string;
  publicationNumber: number;
  publishedAt: string;
  overall: PublishedScore;
  domains: (PublishedScore & { domainId: string })[];
}

/** Evidence of an item as it stood when published: a link, or a file with its public download path. */
export interface PublishedEvidence {
  id: string;
  kind: 'file' | 'link';
  title: string;
  url?: string;
  file?: { filename: string; mediaType: string; size: number; sha256: string; downloadUrl: string };
}

/** GET /published/:year/:jurisdiction: every publication, with the answers and their evidence. */
export interface Publication extends PublishedResult {
  /** Item id -> option id as published (comments are not published). */
  responses: Record<string, string>;
  /** Item id -> the evidence attached when published (empty for publications that recorded none). */
  evidence: Record<string, PublishedEvidence[]>;
}

/** A computed SG_CPA_MIGRP aggregate (GET /aggregates/:year). */
export interface ComputedAggregate {
  area: string;
  year: number;
  domain: string;
  value: number;
  numerator: number;
  denominator: number;
  coverage: { members: number; responding: number; notApplicable: number; missing: number };
  provenance?: ValueProvenance;
}

/** Where a shown value comes from (one shape on every answer that carries a 10.7.2 value). */
export type ValueProvenance =
  | { kind: 'official'; label: string; source: string; series?: string; snapshot?: { id: string; retrievedOn: string } }
  | { kind: 'national'; label: string; publicationNumber: number; publishedAt: string; validatedBy: string | null }
  | { kind: 'computed'; label: string; responding: number; members: number }
  | { kind: 'demo'; label: string; publicationNumber?: number; publishedAt?: string };

/** The official snapshot shipped with the product (or fetched later). */
export interface OfficialSnapshot {
  id: string;
  source: string;
  retrievedOn: string;
  label: string;
  origin?: 'bundled' | 'fetched';
  loadedAt?: string;
  series?: { series: string; indicator: string; rows: number; description?: string }[];
}

/** One domain (or the overall result, ALLDOMAINS) of a result set. */
export interface DomainValue {
  code: string;
  /** A category, not applicable (N, published as such), or no value at all. */
  status?: 'result' | 'not-applicable' | 'no-data';
  /** 1-4, or null: not applicable, or no value. */
  category: number | null;
  label: string | null;
  meets: boolean | null;
}

/** An overall result and the six domains, with where they come from. */
export interface ResultValues {
  overall: DomainValue;
  domains: DomainValue[];
  provenance: ValueProvenance;
}

/** GET /results/:year and /areas/:code/results: a country's 10.7.2 result of a round. */
export interface CountryResult {
  area: string;
  name: string;
  year: number;
  /** The value to show (the UN's for rounds it published; else the national publication). */
  value: ResultValues;
  official: ResultValues | null;
  national: ResultValues | null;
  shown: 'official' | 'national' | 'demo';
  /** A national or demo publication exists beside the official value and differs from it. */
  differs: boolean;
}

/** GET /results: the rounds with any 10.7.2 value. */
export interface ResultRounds {
  snapshot: OfficialSnapshot | null;
  rounds: { year: number; instrument: string; version?: string; official: number; national: number; demo: number }[];
  containsDemo: boolean;
}

/** GET /results/:year. */
export interface RoundResults extends Page<CountryResult> {
  year: number;
  instrument: string;
  snapshot: OfficialSnapshot | null;
  containsDemo: boolean;
}

/** GET /areas/:code/results: every round of one country, oldest first. */
export interface AreaResults {
  area: { code: string; name: string };
  snapshot: OfficialSnapshot | null;
  containsDemo: boolean;
  items: CountryResult[];
}

/** An SG_CPA_MIGRP figure as the UN published it, with its coverage where the UN states it. */
export interface OfficialAggregate {
  area: string;
  name?: string;
  domain: string;
  value: number;
  coverage?: { responding?: number; publishedPerCountry?: number } | null;
  provenance: ValueProvenance;
}

/** A published observation as the UN released it. */
export interface PublishedObservation {
  series: string;
  area: string;
  year: number;
  domain?: string;
  value: number | string;
}

/** GET /aggregates/:year. */
export interface Aggregates {
  year: number;
  instrument: string;
  computed: ComputedAggregate[];
  published: PublishedObservation[];
  /** The UN's own figures (the headline), with their coverage. */
  official?: OfficialAggregate[];
  containsDemo?: boolean;
}

/** An answer: the chosen option and the focal point's comment. */
export interface ResponseValue {
  optionId?: string;
  comment?: string;
}

/** GET /instruments. */
export interface InstrumentSummary {
  instrument: string;
  version: string;
  kind: 'scored' | 'profile';
  title: LocalizedText;
  validFrom?: string;
  items: number;
}

export interface RoleGrant {
  id?: string;
  role: Role;
  scope: RoleScope;
  grantedAt?: string;
}

export interface User {
  id: string;
  email: string;
  name: string;
  status: 'active' | 'disabled';
  lastSignInAt?: string;
}

/** GET /session. */
export interface Session {
  user: User;
  roles: RoleGrant[];
  /** Every permission with the scopes in which the user's roles hold it (app/permissions.ts reads it). */
  permissions: Record<Permission, RoleScope[]>;
  csrfToken?: string;
  expiresAt?: string;
}

export interface Assessment {
  id: string;
  jurisdiction: string;
  roundId: string;
  year: number;
  instrument: string;
  version: string;
  state: AssessmentState;
  lockVersion: number;
  revision: number;
  cycle: number;
  updatedAt: string;
  updatedBy?: string;
  publishedVersion?: number;
  responses: Record<string, ResponseValue>;
}

export type AssessmentSummary = Omit<Assessment, 'responses'>;

/** An exact score as the server sends it. */
export interface ExactNumber {
  num: number;
  den: number;
  decimal: string;
}

export interface ClassificationBand {
  code: number;
  label: LocalizedText;
  min: string;
  meets: boolean;
}

export type ScoredPart =
  | { status: 'scored'; code: string; domainId?: string; score: ExactNumber; band: ClassificationBand }
  | { status: 'incomplete'; code: string; domainId?: string; missing: string[]; reason: string }
  | { status: 'not-applicable'; code: string; domainId?: string; reason: string };

export interface LiveScores {
  status: 'scored' | 'incomplete' | 'invalid';
  domains?: ScoredPart[];
  overall?: ScoredPart;
}

export type NextCategoryAdvice =
  | {
      status: 'reachable';
      current: ClassificationBand;
      next: ClassificationBand;
      score: ExactNumber;
      target: ExactNumber;
      changes: { itemId: string; fromOptionId?: string; toOptionId: string }[];
    }
  | { status: 'top'; current: ClassificationBand }
  | { status: 'unreachable'; current: ClassificationBand; next: ClassificationBand; reason: string }
  | { status: 'incomplete'; missing: string[] }
  | { status: 'not-applicable' };

/** GET /assessments/:id. */
export interface AssessmentView {
  assessment: Assessment;
  scores?: LiveScores;
  advice?: { overall: NextCategoryAdvice; domains: Record<string, NextCategoryAdvice> };
  availableActions: string[];
}

export interface Evidence {
  id: string;
  itemId: string;
  kind: 'file' | 'link';
  title: string;
  url?: string;
  file?: { filename: string; mediaType: string; size: number; sha256: string };
  withdrawn?: boolean;
  withdrawnAt?: string;
  createdAt?: string;
}

export interface ReviewComment {
  id: string;
  itemId?: string;
  body: string;
  createdAt?: string;
  at?: string;
  authorId?: string;
}

export interface Revision {
  revision: number;
  at: string;
  actorId?: string;
  /** The user's name (signed-in readers only). */
  actorName?: string;
  action: string;
  reason?: string;
  before?: unknown;
  after?: unknown;
}

/** An RFC 9457 problem document. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  current?: Assessment;
  [key: string]: unknown;
}
