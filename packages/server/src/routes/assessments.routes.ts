/**
 * Assessments for signed-in users: lists filtered to the user's scopes, one assessment with live
 * scores and advice, saving responses with optimistic locking (If-Match), workflow transitions,
 * evidence, review comments, history and diffs. Every route declares its permission and resolves
 * the assessment's jurisdiction for the scope check.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { availableAssessmentActions, ASSESSMENT_STATES, webUrlSchema } from '@migov/core';
import {
  addEvidence,
  EvidenceQuotaError,
  addReviewComment,
  createAssessment,
  diffRevisions,
  findEvidence,
  findLatestRevision,
  getAssessment,
  getEvidenceFile,
  listAssessments,
  listEvidence,
  listReviewComments,
  listRevisions,
  saveResponses,
  transitionAssessment,
  withdrawEvidence,
  assertRoundAllows,
  type Assessment,
} from '@migov/db';
import { ApiError } from '../errors/api-error.ts';
import { TRANSITION_PERMISSIONS, type TransitionAction } from '../auth/permissions.ts';
import type { AppContext, Principal } from '../context.ts';
import { pageQuerySchema, pageSchema } from '../http/pagination.ts';
import { extensionFits, sniffMediaType } from '../evidence/sniff-media-type.ts';
import { evidenceQuotaProblem } from '../evidence/evidence-quota.ts';
import { sendAttachment } from '../http/attachment.ts';
import { liveScores } from '../assessments/assessment-view.ts';
import { fileAnswer } from '../public-data/public-answers.schema.ts';
import {
  adviceSchema,
  evidenceSchema,
  liveScoresSchema,
  reviewCommentSchema,
  revisionDiffSchema,
  revisionSchema,
} from '../assessments/assessment-answers.schema.ts';
import { idParams, requireIfMatch, requirePrincipal, versionEtag } from '../http/route-kit.ts';
import { listableAreas, onAssessment, rolesOver } from '../assessments/assessment-access.ts';
import { announceWorkflowAction } from '../mail/mail-service.ts';

const responseValueSchema = z.object({ optionId: z.string().optional(), comment: z.string().optional() });
export const assessmentSummarySchema = z
  .object({
    id: z.string(),
    jurisdiction: z.string(),
    roundId: z.string(),
    year: z.number().int(),
    instrument: z.string(),
    version: z.string(),
    state: z.enum(ASSESSMENT_STATES),
    lockVersion: z.number().int(),
    revision: z.number().int(),
    cycle: z.number().int(),
    createdAt: z.string(),
    createdBy: z.string().optional(),
    updatedAt: z.string(),
    updatedBy: z.string().optional(),
    publishedVersion: z.number().int().optional(),
    answeredItems: z.number().int().describe('How many items have a chosen option (for progress in lists)'),
  })
  .meta({ id: 'AssessmentSummary' });
export const assessmentSchema = assessmentSummarySchema
  .extend({ responses: z.record(z.string(), responseValueSchema) })
  .meta({ id: 'Assessment' });
export const assessmentViewSchema = z
  .object({
    assessment: assessmentSchema,
    scores: liveScoresSchema
      .optional()
      .describe('core scoreAssessment: domains and overall, each scored, incomplete or not applicable'),
    advice: adviceSchema.optional().describe('core nextCategory: the fewest changes that reach the next category'),
    availableActions: z.array(z.string()).describe('What you may do now, given the state and your roles here'),
  })
  .meta({ id: 'AssessmentView' });

/** The history actions that are work on the answers: saving responses (also from a template) and evidence. */
const WORK_ACTIONS = ['save', 'evidence.add', 'evidence.withdraw'] as const;
const lastSaveSchema = z
  .object({
    at: z.string().describe('When the answers or evidence were last changed'),
    by: z.string().optional().describe("Who changed them: the user's name, else the e-mail"),
  })
  .describe('Who is working on the assessment: the last change to its answers or evidence (absent before any)')
  .meta({ id: 'AssessmentLastSave' });

function view(context: AppContext, principal: Principal, assessment: Assessment) {
  const instrument = context.instruments().find(assessment.instrument, assessment.version);
  const roles = rolesOver(context, principal, assessment.jurisdiction);
  return {
    assessment,
    ...(instrument ? liveScores(instrument, assessment) : {}),
    availableActions: availableAssessmentActions(assessment.state, roles),
  };
}

/** Assessment routes under /api/v1. */
export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = app.migov;

  app.get(
    '/assessments',
    {
      config: { access: { permission: 'assessment:read', scope: 'list' } },
      schema: {
        tags: ['assessments'],
        summary: 'Assessments I may see (my jurisdictions), with filters',
        querystring: pageQuerySchema.extend({
          jurisdiction: z.string().max(40).optional(),
          roundId: z.string().max(100).optional(),
          state: z.enum(ASSESSMENT_STATES).optional(),
        }),
        response: { 200: pageSchema(assessmentSummarySchema) },
      },
    },
    async (request) => {
      const { limit, offset, jurisdiction, roundId, state } = request.query;
      const areas = listableAreas(context, requirePrincipal(request), 'assessment:read');
      return listAssessments(context.db, {
        ...(jurisdiction ? { jurisdiction } : {}),
        ...(roundId ? { roundId } : {}),
        ...(state ? { state } : {}),
        ...(areas ? { areas } : {}),
        page: { limit, offset },
      });
    },
  );

  const createBody = z.object({ jurisdiction: z.string().min(1).max(40), roundId: z.string().min(1).max(100) });
  app.post(
    '/assessments',
    {
      config: {
        access: {
          permission: 'assessment:create',
          scope: 'object',
          jurisdiction: async (request) => createBody.parse(request.body).jurisdiction,
        },
      },
      schema: {
        tags: ['assessments'],
        summary: 'Start the assessment of a jurisdiction for a round',
        body: createBody,
        response: { 201: assessmentViewSchema },
      },
    },
    async (request, reply) => {
      await assertRoundAllows(context.db, { roundId: request.body.roundId, action: 'start', now: context.now() });
      const assessment = await createAssessment(context.db, request.body, requirePrincipal(request).userId);
      return reply
        .code(201)
        .header('etag', versionEtag(assessment.lockVersion))
        .send(view(context, requirePrincipal(request), assessment));
    },
  );

  app.get(
    '/assessments/:id',
    {
      config: onAssessment('assessment:read'),
      schema: {
        tags: ['assessments'],
        summary:
          'One assessment with responses, evidence, review comments, live scores and next-category advice; the ETag is the lock version',
        params: idParams,
        response: {
          200: assessmentViewSchema.extend({
            evidence: z.array(evidenceSchema),
            comments: z.array(reviewCommentSchema),
            lastSave: lastSaveSchema.optional(),
          }),
        },
      },
    },
    async (request, reply) => {
      const assessment = await getAssessment(context.db, request.params.id);
      const [evidence, comments, lastSave] = await Promise.all([
        listEvidence(context.db, { assessmentId: assessment.id, includeWithdrawn: true }),
        listReviewComments(context.db, { assessmentId: assessment.id }),
        findLatestRevision(context.db, { assessmentId: assessment.id, actions: WORK_ACTIONS }),
      ]);
      return reply
        .header('etag', versionEtag(assessment.lockVersion))
        .header('cache-control', 'no-store')
        .send({
          ...view(context, requirePrincipal(request), assessment),
          evidence,
          comments,
          ...(lastSave
            ? { lastSave: { at: lastSave.at, ...(lastSave.actorName ? { by: lastSave.actorName } : {}) } }
            : {}),
        });
    },
  );

  app.patch(
    '/assessments/:id/responses',
    {
      config: onAssessment('assessment:edit'),
      schema: {
        tags: ['assessments'],
        summary:
          'Save responses (needs If-Match: the lock version; 409 with the current state when someone saved first)',
        params: idParams,
        headers: z.object({ 'if-match': z.string().max(40).optional() }),
        body: z.object({
          changes: z
            .array(
              z.object({
                itemId: z.string().min(1).max(60),
                optionId: z.string().min(1).max(60).nullable().optional(),
                comment: z.string().max(10_000).nullable().optional(),
              }),
            )
            .min(1)
            .max(500),
        }),
        response: { 200: assessmentViewSchema },
      },
    },
    async (request, reply) => {
      const expectedLockVersion = requireIfMatch(request, '/assessments/{id}');
      const assessment = await saveResponses(
        context.db,
        { assessmentId: request.params.id, expectedLockVersion, changes: request.body.changes },
        requirePrincipal(request).userId,
      );
      return reply
        .header('etag', versionEtag(assessment.lockVersion))
        .send(view(context, requirePrincipal(request), assessment));
    },
  );

  for (const action of Object.keys(TRANSITION_PERMISSIONS) as TransitionAction[]) {
    const reasonRequired = action === 'return' || action === 'reopen';
    app.post(
      `/assessments/:id/${action}`,
      {
        config: onAssessment(TRANSITION_PERMISSIONS[action]),
        schema: {
          tags: ['workflow'],
          summary: `${action[0]!.toUpperCase()}${action.slice(1)} the assessment${reasonRequired ? ' (a reason is required)' : ''}; needs If-Match`,
          params: idParams,
          headers: z.object({ 'if-match': z.string().max(40).optional() }),
          body: reasonRequired
            ? z.object({ reason: z.string().trim().min(1).max(5000) })
            : z.object({ reason: z.string().max(5000).optional() }).nullish(),
          response: { 200: assessmentViewSchema },
        },
      },
      async (request, reply) => {
        const expectedLockVersion = requireIfMatch(request, '/assessments/{id}');
        const principal = requirePrincipal(request);
        const current = await getAssessment(context.db, request.params.id);
        await assertRoundAllows(context.db, {
          roundId: current.roundId,
          action,
          cycle: current.cycle,
          now: context.now(),
        });
        const reason = (request.body as { reason?: string } | undefined)?.reason;
        const assessment = await transitionAssessment(
          context.db,
          {
            assessmentId: current.id,
            expectedLockVersion,
            action,
            ...(reason ? { reason } : {}),
            roles: rolesOver(context, principal, current.jurisdiction),
          },
          principal.userId,
        );
        // Every process of the server drops its public bodies before the answer goes out.
        if (action === 'publish' || action === 'reopen') await context.publicCache.invalidate();
        // The people who act next hear of it by e-mail, through the outbox (nothing when e-mail is off).
        await announceWorkflowAction(
          context,
          {
            action,
            assessment,
            actor: { userId: principal.userId, name: principal.name },
            ...(reason ? { reason } : {}),
          },
          request.log,
        );
        return reply.header('etag', versionEtag(assessment.lockVersion)).send(view(context, principal, assessment));
      },
    );
  }

  app.get(
    '/assessments/:id/history',
    {
      config: onAssessment('assessment:read'),
      schema: {
        tags: ['assessments'],
        summary: 'Every change, append-only: who, when, what, before and after',
        params: idParams,
        response: { 200: z.object({ items: z.array(revisionSchema) }) },
      },
    },
    // Stored states are JSON (the database reads them back as such).
    async (request) => ({
      items: (await listRevisions(context.db, { assessmentId: request.params.id })) as z.input<typeof revisionSchema>[],
    }),
  );

  app.get(
    '/assessments/:id/diff',
    {
      config: onAssessment('assessment:read'),
      schema: {
        tags: ['assessments'],
        summary: 'What changed between two revisions',
        params: idParams,
        querystring: z.object({
          from: z.coerce.number().int().min(0).max(1_000_000),
          to: z.coerce.number().int().min(0).max(1_000_000),
        }),
        response: { 200: revisionDiffSchema },
      },
    },
    async (request) => diffRevisions(context.db, request.params.id, request.query.from, request.query.to),
  );

  app.get(
    '/assessments/:id/evidence',
    {
      config: onAssessment('assessment:read'),
      schema: {
        tags: ['evidence'],
        summary: 'Evidence of an assessment (withdrawn items included, marked)',
        params: idParams,
        response: { 200: z.object({ items: z.array(evidenceSchema) }) },
      },
    },
    async (request) => ({
      items: await listEvidence(context.db, { assessmentId: request.params.id, includeWithdrawn: true }),
    }),
  );

  app.post(
    '/assessments/:id/evidence',
    {
      config: onAssessment('evidence:add'),
      schema: {
        tags: ['evidence'],
        summary: 'Upload a file as evidence (multipart: itemId, title, file); the type is checked from the content',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: evidenceSchema },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new ApiError('unsupported-media-type', 'send multipart/form-data with the fields itemId, title and file');
      const fields: Record<string, string> = {};
      let file: { filename: string; bytes: Buffer } | undefined;
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (file) throw new ApiError('validation-failed', 'send one file per request');
          file = { filename: part.filename, bytes: await part.toBuffer() };
        } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      }
      if (!file) throw new ApiError('validation-failed', 'the multipart field "file" is missing');
      const itemId = fields.itemId?.trim();
      const title = (fields.title ?? file.filename).trim();
      if (!itemId) throw new ApiError('validation-failed', 'the multipart field "itemId" is missing');
      if (!title || title.length > 300)
        throw new ApiError('validation-failed', 'the title must be 1 to 300 characters');
      const filename = file.filename.replace(/[^\p{L}\p{N}._() -]/gu, '_').slice(0, 200) || 'evidence';
      const mediaType = sniffMediaType(file.bytes, filename);
      if (!mediaType)
        throw new ApiError(
          'unsupported-media-type',
          `${filename}: the content is not an accepted document or image (PDF, PNG, JPEG, WebP, Office/OpenDocument, plain text, CSV)`,
        );
      if (!extensionFits(mediaType, filename))
        throw new ApiError(
          'unsupported-media-type',
          `${filename}: the content is ${mediaType}, which does not match the file extension`,
        );
      const evidence = await addEvidence(
        context.db,
        {
          assessmentId: request.params.id,
          itemId,
          kind: 'file',
          title,
          file: { filename, mediaType, bytes: new Uint8Array(file.bytes) },
        },
        requirePrincipal(request).userId,
        context.config.evidenceQuota,
      ).catch((error: unknown) => {
        throw error instanceof EvidenceQuotaError ? evidenceQuotaProblem(error, filename) : error;
      });
      return reply.code(201).send(evidence);
    },
  );

  app.post(
    '/assessments/:id/evidence-links',
    {
      config: onAssessment('evidence:add'),
      schema: {
        tags: ['evidence'],
        summary: 'Add a link as evidence (http or https only)',
        params: idParams,
        body: z.object({
          itemId: z.string().min(1).max(60),
          title: z.string().trim().min(1).max(300),
          url: webUrlSchema,
        }),
        response: { 201: evidenceSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await addEvidence(
          context.db,
          {
            assessmentId: request.params.id,
            itemId: request.body.itemId,
            kind: 'link',
            title: request.body.title,
            url: request.body.url,
          },
          requirePrincipal(request).userId,
        ),
      ),
  );

  const evidenceParams = idParams.extend({ evidenceId: z.string().min(1).max(100) });
  app.get(
    '/assessments/:id/evidence/:evidenceId/file',
    {
      config: onAssessment('assessment:read'),
      schema: {
        tags: ['evidence'],
        summary: 'Download an evidence file (always as an attachment)',
        params: evidenceParams,
        response: { 200: fileAnswer('The file, as an attachment, in its own media type') },
      },
    },
    async (request, reply) => {
      const { evidence, bytes } = await getEvidenceFile(context.db, request.params.evidenceId);
      // The scope check covered the assessment in the path; the evidence must belong to it.
      if (evidence.assessmentId !== request.params.id || !evidence.file)
        throw new ApiError(
          'not-found',
          `assessment ${request.params.id} has no evidence file ${request.params.evidenceId}`,
        );
      return sendAttachment(reply, evidence.file, bytes, 'private, no-store');
    },
  );

  app.post(
    '/assessments/:id/evidence/:evidenceId/withdraw',
    {
      config: onAssessment('evidence:withdraw'),
      schema: {
        tags: ['evidence'],
        summary: 'Withdraw evidence (kept, marked withdrawn; never deleted)',
        params: evidenceParams,
        body: z.object({ reason: z.string().trim().min(1).max(2000) }),
        response: { 200: evidenceSchema },
      },
    },
    async (request) => {
      const evidence = await findEvidence(context.db, request.params.evidenceId);
      if (!evidence || evidence.assessmentId !== request.params.id)
        throw new ApiError('not-found', `assessment ${request.params.id} has no evidence ${request.params.evidenceId}`);
      return withdrawEvidence(
        context.db,
        { evidenceId: evidence.id, reason: request.body.reason },
        requirePrincipal(request).userId,
      );
    },
  );

  app.get(
    '/assessments/:id/comments',
    {
      config: onAssessment('assessment:read'),
      schema: {
        tags: ['review'],
        summary: 'Review comments',
        params: idParams,
        response: { 200: z.object({ items: z.array(reviewCommentSchema) }) },
      },
    },
    async (request) => ({ items: await listReviewComments(context.db, { assessmentId: request.params.id }) }),
  );

  app.post(
    '/assessments/:id/comments',
    {
      config: onAssessment('assessment:comment'),
      schema: {
        tags: ['review'],
        summary: 'Add a review comment (on an item or the whole assessment)',
        params: idParams,
        body: z.object({ itemId: z.string().min(1).max(60).optional(), body: z.string().trim().min(1).max(10_000) }),
        response: { 201: reviewCommentSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await addReviewComment(
          context.db,
          {
            assessmentId: request.params.id,
            ...(request.body.itemId ? { itemId: request.body.itemId } : {}),
            body: request.body.body,
          },
          requirePrincipal(request).userId,
        ),
      ),
  );
};
