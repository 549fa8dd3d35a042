/**
 * MGI-style assessments on the platform: launch a round for a jurisdiction (national or city), save
 * answers with narrative evidence, run the process (data collection, draft profile, inter-ministerial
 * consultation with comments from the invited ministries, government approval, publication), and read
 * published profiles publicly with what changed since the jurisdiction's earlier published round.
 *
 * Who does what (docs/governance-api.md): focal points of the jurisdiction save answers and submit or
 * revise the draft; national coordinators (and administrators) launch, open and close consultations,
 * record the government's approval and publish. Ministries comment through users the coordinator
 * invites for that assessment (each for one ministry); a coordinator may also enter a comment a
 * ministry sent on paper, on its behalf (recorded with the coordinator as actor).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  applyMgiAction,
  availableMgiActions,
  compareProfiles,
  computeProfile,
  jurisdictionLevelOf,
  ministriesWithoutComment,
  mgiActionRequestSchema,
  profileLevelOf,
  profileResponsesSchema,
  type FieldProblem,
  type InstrumentVersion,
  type MgiProcessAction,
  type MgiProcessRefusal,
  type ProfileResult,
} from '@migov/core';
import {
  applyMgiProcessAction,
  ConflictError,
  createMgiAssessment,
  findJurisdiction,
  findMgiAssessment,
  findUserByEmail,
  isMgiConsultationMember,
  listMgiAnswerHistory,
  listMgiAssessments,
  listMgiAssessmentSummaries,
  listMgiConsultationMembers,
  mgiMinistriesOfUser,
  saveMgiAnswers,
  type MgiAssessment,
  type MgiAssessmentSummary,
  type MgiWriteResult,
} from '@migov/db';
import type { AppContext, Principal } from '../context.ts';
import { instrumentOf, profileInstrument } from '../mgi/mgi-instruments.ts';
import { ApiError } from '../errors/api-error.ts';
import { listableAreas, rolesOver } from '../assessments/assessment-access.ts';
import { pageQuerySchema, pageSchema } from '../http/pagination.ts';
import {
  isAllowed,
  MGI_ACTION_PERMISSIONS,
  normalizeJurisdiction,
  type JurisdictionResolver,
  type Permission,
  type Role,
} from '../auth/permissions.ts';
import {
  idParams,
  ifMatchHeaders,
  needsOver,
  PUBLIC,
  requireIfMatch,
  requirePrincipal,
  SIGNED_IN,
  versionEtag,
} from '../http/route-kit.ts';
import { typedObject } from '../public-data/public-answers.schema.ts';

/** The jurisdiction a launch names (its body is validated before the scope check). */
const launchedJurisdiction: JurisdictionResolver = async (request) =>
  normalizeJurisdiction((request.body as { jurisdiction: string }).jurisdiction.toUpperCase());
/** The jurisdiction of the MGI assessment a route touches; whoever may not read it is answered not-found. */
const mgiJurisdiction: JurisdictionResolver = Object.assign(
  async (request: FastifyRequest) =>
    (await findMgiAssessment(request.server.migov.db, (request.params as { id: string }).id))?.jurisdiction,
  { visibleWith: 'assessment:read' as const },
);

/** Whether the principal holds a permission over a jurisdiction. */
function permissionsOver(context: AppContext, principal: Principal, jurisdiction: string) {
  return (permission: Permission) => isAllowed(principal.grants, permission, context.geography, jurisdiction);
}

function profileOf(context: AppContext, assessment: MgiAssessment): ProfileResult {
  return computeProfile(instrumentOf(context, assessment), assessment.responses);
}

/**
 * The options each item offers, from the assessment's own instrument (a loaded official instrument
 * may name and scale them differently from the examples): id, label and the level it stands for.
 */
function answerOptionsOf(instrument: InstrumentVersion) {
  const scales = Object.fromEntries(
    Object.entries(instrument.scales).map(([scaleId, options]) => [
      scaleId,
      options.map((option) => ({ id: option.id, label: option.label, level: profileLevelOf(option, options) })),
    ]),
  );
  return Object.fromEntries(
    instrument.domains.flatMap((domain) => domain.items.map((item) => [item.id, scales[item.scale] ?? []])),
  );
}

/** The jurisdiction's latest round before this one (optionally published only). */
async function previousRound(
  context: AppContext,
  assessment: MgiAssessment,
  publishedOnly: boolean,
): Promise<MgiAssessment | undefined> {
  const rounds = await listMgiAssessments(context.db, { jurisdiction: assessment.jurisdiction });
  return rounds
    .filter((round) => round.year < assessment.year && (!publishedOnly || round.state === 'published'))
    .at(-1);
}

/** What changed since `previous` (the jurisdiction's round before, as {@link previousRound} reads it). */
function changesSince(context: AppContext, assessment: MgiAssessment, previous: MgiAssessment | undefined) {
  if (!previous) return null;
  const before = profileOf(context, previous);
  const after = profileOf(context, assessment);
  if (before.status === 'invalid' || after.status === 'invalid') return null;
  return {
    since: { id: previous.id, year: previous.year, roundKind: previous.roundKind },
    ...compareProfiles(before, after),
  };
}

function summary(assessment: MgiAssessmentSummary) {
  return {
    id: assessment.id,
    jurisdiction: assessment.jurisdiction,
    jurisdictionName: assessment.jurisdictionName,
    level: assessment.level,
    year: assessment.year,
    roundKind: assessment.roundKind,
    instrument: assessment.instrument,
    instrumentVersion: assessment.instrumentVersion,
    state: assessment.state,
    lockVersion: assessment.lockVersion,
    updatedAt: assessment.updatedAt,
  };
}

/** The working view: answers, profile, process with comments, what may be done next. */
async function workingView(context: AppContext, principal: Principal, assessment: MgiAssessment) {
  const roles = rolesOver(context, principal, assessment.jurisdiction);
  const may = permissionsOver(context, principal, assessment.jurisdiction);
  const ministries = await mgiMinistriesOfUser(context.db, assessment, principal.userId);
  const consulting = assessment.state === 'inter-ministerial-consultation';
  const waitingFor = consulting ? ministriesWithoutComment(assessment.process) : [];
  // Invited users comment for their own ministry; whoever steers the process, for any invited one (a letter entered on its behalf).
  const commentFor = !consulting
    ? []
    : may('mgi:steer')
      ? [...assessment.process.ministries]
      : assessment.process.ministries.filter((ministry) => ministries.includes(ministry));
  // What the process would accept now (approval once, publication after it, closing when every ministry commented) and you may do.
  const availableActions = availableMgiActions(assessment.state).filter(
    (action) =>
      !(action === 'approve' && assessment.process.approval) &&
      !(action === 'publish' && !assessment.process.approval) &&
      !(action === 'close-consultation' && waitingFor.length > 0) &&
      (action === 'comment' ? commentFor.length > 0 : may(MGI_ACTION_PERMISSIONS[action])),
  );
  const editsAnswers =
    (assessment.state === 'data-collection' || assessment.state === 'draft-profile') && may('assessment:edit');
  return {
    ...summary(assessment),
    responses: assessment.responses,
    profile: profileOf(context, assessment),
    answerOptions: answerOptionsOf(instrumentOf(context, assessment)),
    process: assessment.process,
    waitingFor,
    members: await listMgiConsultationMembers(context.db, assessment.id),
    you: { roles, ministries, availableActions, commentFor, editsAnswers },
  };
}

/** An assessment the principal may read (scope with assessment:read, or invited to comment); others get not-found, so ids do not leak. */
async function loadReadable(
  request: FastifyRequest,
  id: string,
): Promise<{ assessment: MgiAssessment; principal: Principal }> {
  const principal = requirePrincipal(request);
  const context = request.server.migov;
  const assessment = await findMgiAssessment(context.db, id);
  const readable =
    assessment !== undefined &&
    (isAllowed(principal.grants, 'assessment:read', context.geography, assessment.jurisdiction) ||
      (await isMgiConsultationMember(context.db, assessment.id, principal.userId)));
  if (!assessment || !readable) throw new ApiError('not-found', `no MGI assessment ${id}`);
  return { assessment, principal };
}

/** A refused action as a problem: role, state or missing field. */
function refusalError(result: { refusal: MgiProcessRefusal; message: string; assessment: MgiAssessment }): ApiError {
  const byRefusal: Record<MgiProcessRefusal, 'forbidden' | 'invalid-transition' | 'invalid-input'> = {
    'role-not-permitted': 'forbidden',
    'not-allowed-in-state': 'invalid-transition',
    'consultation-incomplete': 'invalid-transition',
    'not-approved': 'invalid-transition',
    'already-approved': 'invalid-transition',
    'missing-field': 'invalid-input',
    'unknown-ministry': 'invalid-input',
  };
  return new ApiError(byRefusal[result.refusal], result.message, {
    refusal: result.refusal,
    state: result.assessment.state,
  });
}

/** Run a write, turning a stale lock version into 409 edit-conflict with the stored assessment. */
async function writing(context: AppContext, principal: Principal, write: () => Promise<MgiWriteResult>) {
  let result: MgiWriteResult;
  try {
    result = await write();
  } catch (error) {
    if (error instanceof ConflictError && error.current) {
      throw new ApiError('edit-conflict', error.message, {
        current: await workingView(context, principal, error.current as MgiAssessment),
      });
    }
    throw error;
  }
  if (!result.ok) throw refusalError(result);
  return result.assessment;
}

/**
 * The public view of a published profile: answers with evidence, the profile, approval and
 * publication, consulted ministries, what changed since `previous` (the jurisdiction's previous
 * published round); never the comments. `migov publish` builds it from profiles read in bulk.
 */
export function publishedMgiProfile(
  context: AppContext,
  assessment: MgiAssessment,
  previous: MgiAssessment | undefined,
) {
  const instrument = instrumentOf(context, assessment);
  return {
    ...summary(assessment),
    instrumentTitle: instrument.title,
    profile: profileOf(context, assessment),
    consultedMinistries: [...new Set(assessment.process.comments.map((comment) => comment.ministry))],
    approval: assessment.process.approval
      ? {
          authority: assessment.process.approval.authority,
          at: assessment.process.approval.at,
          ...(assessment.process.approval.reference ? { reference: assessment.process.approval.reference } : {}),
        }
      : null,
    publishedAt: assessment.process.publication?.at ?? null,
    changes: changesSince(context, assessment, previous),
  };
}

/** The working view of an MGI assessment, as the routes that show or change one answer. */
export const workingViewSchema = typedObject<Awaited<ReturnType<typeof workingView>>>(
  'The working view: answers, profile, answer options, the process with its comments, consultation members, and what you may do next',
  'MgiWorkingView',
);

/** An MGI assessment in the list of those you may read. */
export const mgiAssessmentSummarySchema = typedObject<ReturnType<typeof summary>>(
  'An MGI assessment: jurisdiction, round, state',
  'MgiAssessmentSummary',
);

/** A published profile in the public list. */
export const mgiProfileSummarySchema = z.object({
  id: z.string(),
  jurisdiction: z.string(),
  jurisdictionName: z.string(),
  level: z.enum(['national', 'local']),
  year: z.number().int(),
  roundKind: z.enum(['baseline', 'follow-up']),
});

/** The public view of a published profile. */
export const mgiPublishedProfileSchema = typedObject<ReturnType<typeof publishedMgiProfile>>(
  'A published profile: answers with evidence, the profile per dimension, approval and publication, consulted ministries, changes since the previous published round',
  'MgiPublishedProfile',
);

/** MGI routes under /api/v1. */
export const mgiRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = app.migov;

  app.post(
    '/mgi/assessments',
    {
      config: needsOver('mgi:steer', launchedJurisdiction),
      schema: {
        tags: ['mgi'],
        summary:
          'Launch an MGI-style assessment of a country (M49 code) or city (<M49>-<local code>) for a year: the first round is the baseline, later ones follow up',
        body: z
          .object({
            jurisdiction: z
              .string()
              .regex(/^\d{1,3}(-[A-Za-z0-9]{1,10})?$/, 'an M49 code, or <M49>-<local code> for a city'),
            jurisdictionName: z
              .string()
              .trim()
              .min(1)
              .max(300)
              .optional()
              .describe('required for a city not registered as a jurisdiction'),
            year: z.number().int().min(2016).max(2100),
            instrument: z
              .string()
              .min(1)
              .max(100)
              .optional()
              .describe('default mgi-example (national) or mgi-local-example (city)'),
            instrumentVersion: z.string().min(1).max(100).optional(),
            startFromPrevious: z
              .boolean()
              .optional()
              .describe("start from the answers of the jurisdiction's latest earlier round"),
          })
          .strict(),
        response: { 201: workingViewSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const body = request.body;
      const jurisdiction = normalizeJurisdiction(body.jurisdiction.toUpperCase());
      const level = jurisdictionLevelOf(jurisdiction);
      const country = context.geography.findArea(jurisdiction.split('-')[0] ?? '');
      if (!country || country.kind !== 'country')
        throw new ApiError('invalid-input', `${jurisdiction} is not in a country`, {
          problems: [{ field: 'jurisdiction', value: body.jurisdiction, message: 'the M49 part must be a country' }],
        });
      const name =
        level === 'national'
          ? country.name
          : (body.jurisdictionName ?? (await findJurisdiction(context.db, jurisdiction))?.name);
      if (!name)
        throw new ApiError('invalid-input', `name the city ${jurisdiction} (jurisdictionName)`, {
          problems: [
            { field: 'jurisdictionName', message: 'required for a city that is not a registered jurisdiction' },
          ],
        });
      const instrumentId = body.instrument ?? (level === 'national' ? 'mgi-example' : 'mgi-local-example');
      const instrument = profileInstrument(context, instrumentId, body.instrumentVersion);
      if (!instrument) {
        throw new ApiError(
          'invalid-input',
          `no profile instrument ${instrumentId}${body.instrumentVersion ? `@${body.instrumentVersion}` : ''}`,
          {
            problems: [
              { field: 'instrument', value: instrumentId, message: 'must be a loaded instrument of kind profile' },
            ],
          },
        );
      }
      const created = await createMgiAssessment(
        context.db,
        {
          jurisdiction,
          jurisdictionName: name,
          level,
          year: body.year,
          instrument: instrument.instrument,
          instrumentVersion: instrument.version,
          ...(body.startFromPrevious ? { startFromPrevious: true } : {}),
          createdAt: context.now().toISOString(),
        },
        principal.userId,
      );
      return reply
        .code(201)
        .header('location', `/api/v1/mgi/assessments/${created.id}`)
        .header('etag', versionEtag(created.lockVersion))
        .send(await workingView(context, principal, created));
    },
  );

  app.get(
    '/mgi/assessments',
    {
      config: SIGNED_IN,
      schema: {
        tags: ['mgi'],
        summary:
          'The MGI-style assessments you may read (your scope, or those you are invited to comment on), by jurisdiction and year, a page at a time',
        querystring: pageQuerySchema.extend({ jurisdiction: z.string().min(1).max(20).optional() }),
        response: { 200: pageSchema(mgiAssessmentSummarySchema) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const { jurisdiction, limit, offset } = request.query;
      // Scope codes as written and as stored (M49 without leading zeros): scopeCovers compares both normalized.
      const areas = listableAreas(context, principal, 'assessment:read');
      const page = await listMgiAssessmentSummaries(context.db, {
        ...(jurisdiction ? { jurisdiction: normalizeJurisdiction(jurisdiction.toUpperCase()) } : {}),
        ...(areas ? { areas: [...new Set(areas.flatMap((area) => [area, normalizeJurisdiction(area)]))] } : {}),
        memberId: principal.userId,
        page: { limit, offset },
      });
      return { ...page, items: page.items.map(summary) };
    },
  );

  app.get(
    '/mgi/assessments/:id',
    {
      config: SIGNED_IN,
      schema: {
        tags: ['mgi'],
        summary:
          "An MGI-style assessment: answers, profile, process with the ministries' comments, and what you may do next (ETag: the lock version)",
        params: idParams,
        response: { 200: workingViewSchema },
      },
    },
    async (request, reply) => {
      const { assessment, principal } = await loadReadable(request, request.params.id);
      return reply
        .header('etag', versionEtag(assessment.lockVersion))
        .header('cache-control', 'private, no-store')
        .send(await workingView(context, principal, assessment));
    },
  );

  app.put(
    '/mgi/assessments/:id/answers',
    {
      config: needsOver('assessment:edit', mgiJurisdiction),
      schema: {
        tags: ['mgi'],
        summary:
          'Save answers (option: in place / partial / absent / not applicable, and narrative evidence as comment); needs If-Match; 409 with the current assessment when someone saved first',
        description: 'At data collection or while the draft profile is revised.',
        params: idParams,
        headers: ifMatchHeaders,
        body: z.object({ answers: profileResponsesSchema }).strict(),
        response: { 200: workingViewSchema },
      },
    },
    async (request, reply) => {
      const { assessment, principal } = await loadReadable(request, request.params.id);
      const expected = requireIfMatch(request, '/mgi/assessments/{id}');
      const answers = request.body.answers;
      const check = computeProfile(instrumentOf(context, assessment), { ...assessment.responses, ...answers });
      if (check.status === 'invalid') {
        throw new ApiError(
          'invalid-input',
          `${check.problems.length} answer(s) do not fit the instrument ${assessment.instrument}@${assessment.instrumentVersion}; nothing was saved`,
          {
            problems: check.problems.map((problem) => ({
              field: `answers.${problem.itemId}`,
              ...(problem.optionId ? { value: problem.optionId } : {}),
              message: problem.message,
            })),
          },
        );
      }
      const saved = await writing(context, principal, () =>
        saveMgiAnswers(
          context.db,
          { id: assessment.id, expectedLockVersion: expected, answers, at: context.now().toISOString() },
          principal.userId,
        ),
      );
      return reply.header('etag', versionEtag(saved.lockVersion)).send(await workingView(context, principal, saved));
    },
  );

  app.post(
    '/mgi/assessments/:id/actions',
    {
      config: SIGNED_IN,
      schema: {
        tags: ['mgi'],
        summary:
          'Take a process action (begin-data-collection, submit-draft, open-consultation with invited users per ministry, comment, close-consultation, revise-draft, approve, publish); needs If-Match',
        description:
          "Each action needs its permission over the jurisdiction: `mgi:steer` to begin data collection, open and close consultations, approve and publish; `mgi:draft` to submit and revise the draft. A comment comes from a user invited for that ministry, or from a holder of `mgi:steer` entering it on the ministry's behalf. `you.availableActions` of the assessment lists what you may do now.",
        params: idParams,
        headers: ifMatchHeaders,
        body: mgiActionRequestSchema,
        response: { 200: workingViewSchema },
      },
    },
    async (request, reply) => {
      const { assessment, principal } = await loadReadable(request, request.params.id);
      const expected = requireIfMatch(request, '/mgi/assessments/{id}');
      const roles = rolesOver(context, principal, assessment.jurisdiction);
      const { invite, ...fields } = request.body as typeof request.body & {
        invite?: { ministry: string; email: string }[];
      };
      const action = { ...fields, actor: principal.userId, at: context.now().toISOString() } as MgiProcessAction;
      let checkRoles: readonly Role[] | undefined = roles;
      const may = permissionsOver(context, principal, assessment.jurisdiction);
      const permission = MGI_ACTION_PERMISSIONS[action.type];
      if (action.type !== 'comment' && !may(permission))
        throw new ApiError(
          'forbidden',
          `${action.type} needs the permission ${permission} for ${assessment.jurisdiction}`,
        );
      if (action.type === 'comment') {
        const own = await mgiMinistriesOfUser(context.db, assessment, principal.userId);
        const onBehalf = may('mgi:steer');
        if (!own.includes(action.ministry) && !onBehalf)
          throw new ApiError('forbidden', `you are not invited to comment for ${action.ministry} in this consultation`);
        // Invited users hold no role over the jurisdiction: their invitation is the permission.
        checkRoles = undefined;
      }
      // The state, role and fields decide first: a refused action answers the same whatever the invited
      // emails are, so it never tells whether an email has an account.
      const decision = applyMgiAction(assessment.process, action, checkRoles ? { roles: checkRoles } : {});
      if (!decision.ok) throw refusalError({ ...decision, assessment });
      const invited: { ministry: string; userId: string }[] = [];
      const unknown: FieldProblem[] = [];
      for (const [index, entry] of (invite ?? []).entries()) {
        const user = await findUserByEmail(context.db, entry.email);
        if (user && user.status === 'active') invited.push({ ministry: entry.ministry, userId: user.id });
        else
          unknown.push({
            field: `invite[${index}].email`,
            value: entry.email,
            message: 'no active user with this email: invite them to the platform first',
          });
      }
      if (unknown.length > 0)
        throw new ApiError('invalid-input', 'some invited users do not exist; nothing was changed', {
          problems: unknown,
        });
      const updated = await writing(context, principal, () =>
        applyMgiProcessAction(
          context.db,
          {
            id: assessment.id,
            expectedLockVersion: expected,
            action,
            ...(checkRoles ? { roles: checkRoles } : {}),
            ...(invited.length > 0 ? { invite: invited } : {}),
          },
          principal.userId,
        ),
      );
      return reply
        .header('etag', versionEtag(updated.lockVersion))
        .send(await workingView(context, principal, updated));
    },
  );

  app.get(
    '/mgi/assessments/:id/answers/history',
    {
      config: SIGNED_IN,
      schema: {
        tags: ['mgi'],
        summary: 'Every saved answer of the assessment, oldest first (optionally of one item)',
        params: idParams,
        querystring: z.object({ item: z.string().min(1).max(60).optional() }),
        response: {
          200: z.object({
            items: typedObject<Awaited<ReturnType<typeof listMgiAnswerHistory>>>(
              'Every saved answer: item, answer, who and when',
            ),
          }),
        },
      },
    },
    async (request) => {
      const { assessment } = await loadReadable(request, request.params.id);
      return { items: await listMgiAnswerHistory(context.db, assessment.id, request.query.item) };
    },
  );

  app.get(
    '/mgi/assessments/:id/changes',
    {
      config: SIGNED_IN,
      schema: {
        tags: ['mgi'],
        summary:
          "What changed since the jurisdiction's previous round (items, areas, and per dimension the areas that became well-developed or newly show potential for further development)",
        params: idParams,
        response: {
          200: z.object({
            changes: typedObject<ReturnType<typeof changesSince>>(
              'Since which round, and the items, areas and dimensions that changed (null without an earlier round)',
            ),
          }),
        },
      },
    },
    async (request) => {
      const { assessment } = await loadReadable(request, request.params.id);
      return { changes: changesSince(context, assessment, await previousRound(context, assessment, false)) };
    },
  );

  app.get(
    '/mgi/profiles',
    {
      config: PUBLIC,
      schema: {
        tags: ['mgi'],
        summary: 'Published MGI-style profiles (jurisdiction, round)',
        querystring: z.object({ jurisdiction: z.string().min(1).max(20).optional() }),
        response: {
          200: z.object({ items: z.array(mgiProfileSummarySchema) }),
        },
      },
    },
    async (request) => {
      const code = request.query.jurisdiction;
      const published = await listMgiAssessments(context.db, {
        state: 'published',
        ...(code ? { jurisdiction: normalizeJurisdiction(code.toUpperCase()) } : {}),
      });
      return {
        items: published.map(({ id, jurisdiction, jurisdictionName, level, year, roundKind }) => ({
          id,
          jurisdiction,
          jurisdictionName,
          level,
          year,
          roundKind,
        })),
      };
    },
  );

  app.get(
    '/mgi/profiles/:jurisdiction/:year',
    {
      config: PUBLIC,
      schema: {
        tags: ['mgi'],
        summary:
          'A published MGI-style profile: per dimension the well-developed areas and the areas with potential for further development, answers with evidence, and what changed since the previous published round (no score, no ranking)',
        params: z.object({
          jurisdiction: z.string().min(1).max(20),
          year: z.coerce.number().int().min(2016).max(2100),
        }),
        response: {
          200: mgiPublishedProfileSchema,
        },
      },
    },
    async (request) => {
      const jurisdiction = normalizeJurisdiction(request.params.jurisdiction.toUpperCase());
      const [assessment] = await listMgiAssessments(context.db, {
        jurisdiction,
        year: request.params.year,
        state: 'published',
      });
      if (!assessment)
        throw new ApiError('not-found', `no published MGI-style profile of ${jurisdiction} in ${request.params.year}`);
      return publishedMgiProfile(context, assessment, await previousRound(context, assessment, true));
    },
  );
};
