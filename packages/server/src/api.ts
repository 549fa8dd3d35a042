/**
 * The types of the API's answers, inferred from the zod schemas the routes declare (the one definition
 * of what the API answers). Clients import them with `import type` from `@migov/server/api`: this
 * module has types only, so a bundle that imports it carries no server code.
 */
import type { z } from 'zod';
import type { problemSchema } from './errors/problem.schema.ts';
import type { roleGrantSchema, roleScopeSchema, userSchema } from './http/schemas.ts';
import type { roundSchema } from './rounds/round-view.ts';
import type { sessionSchema } from './routes/session.routes.ts';
import type { assessmentSchema, assessmentSummarySchema, assessmentViewSchema } from './routes/assessments.routes.ts';
import type { evidenceSchema, reviewCommentSchema, revisionSchema } from './assessments/assessment-answers.schema.ts';
import type {
  aggregatesSchema,
  areaDetailSchema,
  areaResultsSchema,
  areaSummarySchema,
  computedAggregateSchema,
  countryResultSchema,
  domainValueSchema,
  instrumentSummarySchema,
  officialAggregateSchema,
  officialSnapshotSchema,
  provenanceSchema,
  publicationSchema,
  publishedEvidenceSchema,
  publishedResultSchema,
  resultRoundsSchema,
  resultValuesSchema,
  roundResultsSchema,
} from './public-data/public-answers.schema.ts';
import type {
  briefSchema,
  crosswalkLinkSchema,
  crosswalkSchema,
  membershipSchema,
  partnershipDetailSchema,
  partnershipOverlapsSchema,
  partnershipSummarySchema,
} from './routes/governance-answers.schema.ts';
import type {
  mgiAssessmentSummarySchema,
  mgiProfileSummarySchema,
  mgiPublishedProfileSchema,
  workingViewSchema,
} from './routes/mgi.routes.ts';
import type { briefSummarySchema } from './routes/briefs.routes.ts';
import type {
  areaIndicatorsSchema,
  chartSchema,
  indicatorSchema,
  indicatorSummarySchema,
} from './routes/indicators.routes.ts';

export type { AssessmentState, InstrumentVersion, LocalizedText, Role } from '@migov/core';
export type { Permission } from './auth/permissions.ts';
export type { ApiErrorCode } from './errors/api-error.ts';
export type { WorkbookProblemReason } from './templates/assessment-workbook.ts';

/** A paged list of items (every paged answer). */
export interface Page<Item> {
  items: Item[];
  total: number;
  limit: number;
  offset: number;
}

/** An RFC 9457 problem: every error answer. */
export type Problem = z.infer<typeof problemSchema>;

// Accounts and sessions.
export type RoleScope = z.infer<typeof roleScopeSchema>;
export type RoleGrant = z.infer<typeof roleGrantSchema>;
export type User = z.infer<typeof userSchema>;
/** GET /session. */
export type Session = z.infer<typeof sessionSchema>;
/** GET /rounds. */
export type Round = z.infer<typeof roundSchema>;

// Public data.
/** GET /instruments. */
export type InstrumentSummary = z.infer<typeof instrumentSummarySchema>;
/** GET /areas: a country, region or group. */
export type AreaSummary = z.infer<typeof areaSummarySchema>;
/** GET /areas/:code. */
export type AreaDetail = z.infer<typeof areaDetailSchema>;
/** Where a shown value comes from (one shape on every answer that carries a 10.7.2 value). */
export type ValueProvenance = z.infer<typeof provenanceSchema>;
/** GET /published/:year: the latest publication of a jurisdiction. */
export type PublishedResult = z.infer<typeof publishedResultSchema>;
export type PublishedEvidence = z.infer<typeof publishedEvidenceSchema>;
/** GET /published/:year/:jurisdiction: every publication, with the answers and their evidence. */
export type Publication = z.infer<typeof publicationSchema>;
/** The official snapshot shipped with the product (or fetched later). */
export type OfficialSnapshot = z.infer<typeof officialSnapshotSchema>;
/** One domain (or the overall result, ALLDOMAINS) of a result set. */
export type DomainValue = z.infer<typeof domainValueSchema>;
export type ResultValues = z.infer<typeof resultValuesSchema>;
/** GET /results/:year and /areas/:code/results: a country's 10.7.2 result of a round. */
export type CountryResult = z.infer<typeof countryResultSchema>;
/** GET /results. */
export type ResultRounds = z.infer<typeof resultRoundsSchema>;
/** GET /results/:year. */
export type RoundResults = z.infer<typeof roundResultsSchema>;
/** GET /areas/:code/results. */
export type AreaResults = z.infer<typeof areaResultsSchema>;
export type ComputedAggregate = z.infer<typeof computedAggregateSchema>;
export type OfficialAggregate = z.infer<typeof officialAggregateSchema>;
/** GET /aggregates/:year. */
export type Aggregates = z.infer<typeof aggregatesSchema>;

// Assessments.
export type AssessmentSummary = z.infer<typeof assessmentSummarySchema>;
export type Assessment = z.infer<typeof assessmentSchema>;
/** An answer: the chosen option and the focal point's comment. */
export type ResponseValue = Assessment['responses'][string];
/** GET /assessments/:id, and every change to an assessment. */
export type AssessmentView = z.infer<typeof assessmentViewSchema>;
export type Evidence = z.infer<typeof evidenceSchema>;
export type ReviewComment = z.infer<typeof reviewCommentSchema>;
export type Revision = z.infer<typeof revisionSchema>;

// The partnership registry.
/** GET /partnerships: a process. */
export type PartnershipSummary = z.infer<typeof partnershipSummarySchema>;
/** One founding year claimed by one source. */
export type FoundingClaim = PartnershipSummary['founding'][number];
export type PartnershipMembership = z.infer<typeof membershipSchema>;
/** GET /partnerships/:id. */
export type PartnershipDetail = z.infer<typeof partnershipDetailSchema>;
/** Two processes that share members. */
export type PartnershipOverlap = z.infer<typeof partnershipOverlapsSchema>['items'][number];

// Governance: crosswalks, MGI-style assessments and profiles, briefs.
/** GET /crosswalks. */
export type Crosswalk = z.infer<typeof crosswalkSchema>;
export type CrosswalkLink = z.infer<typeof crosswalkLinkSchema>;
/** One end of a crosswalk link: a MiGOF element, 10.7.2 domain, MGI dimension, GCM objective or SDG target. */
export type CrosswalkNode = CrosswalkLink['from'];
/** GET /mgi/profiles: a published profile. */
export type MgiProfileSummary = z.infer<typeof mgiProfileSummarySchema>;
/** GET /mgi/profiles/:jurisdiction/:year. */
export type MgiPublishedProfile = z.infer<typeof mgiPublishedProfileSchema>;
/** How far an MGI item is in place (an answer option's level, a profile item's level). */
export type MgiProfileLevel = MgiWorkingView['answerOptions'][string][number]['level'];
/** GET /mgi/assessments. */
export type MgiAssessmentSummary = z.infer<typeof mgiAssessmentSummarySchema>;
/** GET /mgi/assessments/:id, and every change to an MGI assessment. */
export type MgiWorkingView = z.infer<typeof workingViewSchema>;
/** GET /briefs. */
export type BriefSummary = z.infer<typeof briefSummarySchema>;
/** GET /briefs/:id, and every change to a brief. */
export type Brief = z.infer<typeof briefSchema>;
export type BriefVersion = Brief['versions'][number];

// Indicators.
/** GET /indicators. */
export type IndicatorSummary = z.infer<typeof indicatorSummarySchema>;
/** GET /indicators/:id: the indicator with its stored datasets. */
export type Indicator = z.infer<typeof indicatorSchema>;
export type IndicatorDatasetSummary = Indicator['datasets'][number];
/** GET /indicators/:id/datasets/:dataset/chart. */
export type IndicatorChart = z.infer<typeof chartSchema>;
/** GET /areas/:code/indicators. */
export type AreaIndicators = z.infer<typeof areaIndicatorsSchema>;
