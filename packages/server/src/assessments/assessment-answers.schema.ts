/**
 * The answers of the assessment routes beyond the assessment itself: live scores and next-category
 * advice (core's results with every fraction as `{ num, den, decimal }`), evidence, review comments,
 * history and diffs.
 */
import { z } from 'zod';
import { localizedTextSchema } from '@migov/core';

/** Any JSON value (a revision's stored state before and after, what an edit did). */
export const jsonValueSchema = z
  .union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())])
  .describe('Any JSON value');

/** A JSON value's type. */
export type JsonValue = z.infer<typeof jsonValueSchema>;

/** An exact score: the fraction and its decimal (two places). */
const exactNumberSchema = z
  .object({ num: z.number().int(), den: z.number().int(), decimal: z.string() })
  .meta({ id: 'ExactNumber' });

const classificationBandSchema = z
  .object({ code: z.number().int(), label: localizedTextSchema, min: z.string(), meets: z.boolean() })
  .meta({ id: 'ClassificationBand' });

const itemResultSchema = z.object({
  itemId: z.string(),
  status: z.enum(['answered', 'missing', 'not-applicable']),
  optionId: z.string().optional(),
  score: exactNumberSchema.optional(),
  maxScore: exactNumberSchema,
});

const partOutcomes = {
  scored: { status: z.literal('scored'), score: exactNumberSchema, band: classificationBandSchema },
  incomplete: { status: z.literal('incomplete'), missing: z.array(z.string()), reason: z.string() },
  notApplicable: { status: z.literal('not-applicable'), reason: z.string() },
};

const domainFields = { domainId: z.string(), code: z.string(), items: z.array(itemResultSchema) };

const domainResultSchema = z
  .discriminatedUnion('status', [
    z.object({ ...domainFields, ...partOutcomes.scored }),
    z.object({ ...domainFields, ...partOutcomes.incomplete }),
    z.object({ ...domainFields, ...partOutcomes.notApplicable }),
  ])
  .meta({ id: 'DomainResult' });

const overallResultSchema = z
  .discriminatedUnion('status', [
    z.object({ code: z.string(), ...partOutcomes.scored }),
    z.object({ code: z.string(), ...partOutcomes.incomplete }),
    z.object({ code: z.string(), ...partOutcomes.notApplicable }),
  ])
  .meta({ id: 'OverallResult' });

/** core scoreAssessment: domains and overall, each scored, incomplete or not applicable; or the responses that do not fit. */
export const liveScoresSchema = z
  .discriminatedUnion('status', [
    z.object({
      status: z.enum(['scored', 'incomplete']),
      instrument: z.string(),
      version: z.string(),
      domains: z.array(domainResultSchema),
      overall: overallResultSchema,
    }),
    z.object({
      status: z.literal('invalid'),
      instrument: z.string(),
      version: z.string(),
      problems: z.array(z.object({ itemId: z.string(), optionId: z.string().optional(), message: z.string() })),
    }),
  ])
  .meta({ id: 'LiveScores' });

const nextCategoryAdviceSchema = z
  .discriminatedUnion('status', [
    z.object({
      status: z.literal('reachable'),
      current: classificationBandSchema,
      next: classificationBandSchema,
      score: exactNumberSchema,
      target: exactNumberSchema.describe('The score the next band starts at'),
      changes: z.array(
        z.object({
          itemId: z.string(),
          fromOptionId: z.string().optional(),
          toOptionId: z.string(),
          gain: exactNumberSchema,
        }),
      ),
    }),
    z.object({ status: z.literal('top'), current: classificationBandSchema, score: exactNumberSchema }),
    z.object({
      status: z.literal('unreachable'),
      current: classificationBandSchema,
      next: classificationBandSchema,
      score: exactNumberSchema,
      reason: z.string(),
    }),
    z.object({ status: z.literal('incomplete'), missing: z.array(z.string()) }),
    z.object({ status: z.literal('not-applicable') }),
  ])
  .meta({ id: 'NextCategoryAdvice' });

/** core nextCategory: the fewest changes that reach the next category, overall and per domain. */
export const adviceSchema = z
  .object({ overall: nextCategoryAdviceSchema, domains: z.record(z.string(), nextCategoryAdviceSchema) })
  .meta({ id: 'Advice' });

export const evidenceSchema = z
  .object({
    id: z.string(),
    assessmentId: z.string(),
    itemId: z.string(),
    kind: z.enum(['file', 'link']),
    title: z.string(),
    url: z.string().optional(),
    file: z
      .object({ filename: z.string(), mediaType: z.string(), size: z.number().int(), sha256: z.string() })
      .optional(),
    createdAt: z.string(),
    createdBy: z.string().optional(),
    withdrawnAt: z.string().optional().describe('Withdrawn evidence stays listed, marked'),
    withdrawnBy: z.string().optional(),
    withdrawnReason: z.string().optional(),
  })
  .meta({ id: 'Evidence' });

export const reviewCommentSchema = z
  .object({
    id: z.string(),
    assessmentId: z.string(),
    itemId: z.string().optional().describe('The item commented on; absent for the whole assessment'),
    body: z.string(),
    createdAt: z.string(),
    createdBy: z.string().optional().describe('The id of the user who wrote it'),
  })
  .meta({ id: 'ReviewComment' });

export const revisionSchema = z
  .object({
    revision: z.number().int(),
    at: z.string(),
    actorId: z.string().optional(),
    actorName: z.string().optional().describe('The user’s name, else the e-mail'),
    action: z.string(),
    reason: z.string().optional(),
    before: jsonValueSchema.optional().describe('The state before the change (null for none)'),
    after: jsonValueSchema.optional().describe('The state after the change (null for none)'),
  })
  .meta({ id: 'Revision' });

const responseValueSchema = z.object({ optionId: z.string().optional(), comment: z.string().optional() });

export const revisionDiffSchema = z
  .object({
    assessmentId: z.string(),
    fromRevision: z.number().int(),
    toRevision: z.number().int(),
    items: z.array(z.object({ itemId: z.string(), before: responseValueSchema, after: responseValueSchema })),
    state: z.object({ before: z.string(), after: z.string() }).optional(),
    events: z.array(
      z.object({
        revision: z.number().int(),
        action: z.string(),
        actorId: z.string().optional(),
        actorName: z.string().optional(),
        reason: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'RevisionDiff' });
