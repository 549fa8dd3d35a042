/**
 * Cooperation Framework briefs: generated for a country and round from the published data, stored as
 * append-only versions, edited with the expected version (409 on conflict), rendered as Markdown, PDF
 * or DOCX. Briefs are working documents: only brief authors of the country see them.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  BriefConflictError,
  BriefInputError,
  briefEditRequestSchema,
  briefGenerateRequestSchema,
  editBrief,
  generateBrief,
  regenerateBrief,
  renderBriefDocx,
  renderBriefMarkdown,
  renderBriefPdf,
  resultsFromObservations,
  type BriefContent,
  type BriefDocument,
  type BriefResults,
  type BriefVersion,
} from '@migov/briefs';
import {
  appendBriefVersion,
  ConflictError,
  createBrief,
  findBrief,
  listBriefs,
  loadBriefReferenceData,
  type StoredBrief,
} from '@migov/db';
import { briefSchema } from './governance-answers.schema.ts';
import { binaryFile } from '../public-data/public-answers.schema.ts';
import type { AppContext } from '../context.ts';
import { countryResults, shownObservations } from '../public-data/results-service.ts';
import type { Principal } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';
import { isAllowed } from '../auth/permissions.ts';
import { publishedMgiForBrief } from '../mgi/mgi-instruments.ts';
import { idParams, ifMatchHeaders, needs, requireIfMatch, requirePrincipal, versionEtag } from '../http/route-kit.ts';
import { attachmentDisposition } from '../http/attachment.ts';

/**
 * Briefs need `brief:write` somewhere (checked before the request is validated, so refusals never
 * depend on the body); the handlers check it over the brief's country.
 */
const BRIEF_AUTHORS = needs('brief:write', 'list');
const AUTHORS_TEXT =
  'Brief authors only: administrators, global and regional analysts, and national coordinators, each within the scope of their role.';

/** A brief as the list shows it. */
export const briefSummarySchema = z
  .object({
    id: z.string(),
    area: z.string(),
    year: z.number().int().optional(),
    latestVersion: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'BriefSummary' });

const briefFileAnswer = {
  description: 'The version rendered in the format its file name asks for',
  content: {
    'text/markdown': { schema: z.string().describe('Markdown (<n>.md)') },
    'application/pdf': { schema: binaryFile('PDF (<n>.pdf)') },
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
      schema: binaryFile('Word (<n>.docx)'),
    },
  },
};

const MEDIA_TYPES = {
  md: 'text/markdown; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** Refuse unless a brief-author grant of the principal covers the area (any area when `area` is undefined). */
function requireAuthor(request: FastifyRequest, area?: string): Principal {
  const principal = requirePrincipal(request);
  if (!isAllowed(principal.grants, 'brief:write', request.server.migov.geography, area))
    throw new ApiError(
      'forbidden',
      area === undefined
        ? 'briefs are for brief authors (administrators, analysts, national coordinators)'
        : `you may not work on briefs for area ${area}`,
    );
  return principal;
}

function toBriefVersion(stored: StoredBrief['versions'][number]): BriefVersion {
  return {
    version: stored.version,
    createdAt: stored.createdAt,
    createdBy: stored.createdBy ?? '',
    change: stored.change,
    description: stored.description,
    content: stored.content as BriefContent,
  };
}

function toDocument(brief: StoredBrief): BriefDocument {
  return { id: brief.id, area: brief.area, versions: brief.versions.map(toBriefVersion) };
}

function briefView(brief: StoredBrief) {
  return {
    id: brief.id,
    area: brief.area,
    year: brief.year ?? null,
    latestVersion: brief.versions.at(-1)?.version ?? 0,
    versions: brief.versions.map(toBriefVersion),
  };
}

/** A brief the principal may see, or not-found (also for briefs outside their scope, so ids do not leak). */
async function loadBrief(request: FastifyRequest, id: string): Promise<{ brief: StoredBrief; principal: Principal }> {
  requireAuthor(request);
  const brief = await findBrief(request.server.migov.db, id);
  if (!brief) throw new ApiError('not-found', `no brief ${id}`);
  try {
    return { brief, principal: requireAuthor(request, brief.area) };
  } catch {
    throw new ApiError('not-found', `no brief ${id}`);
  }
}

/**
 * The results a brief starts from: the value the results service shows for the country (of the round,
 * or of its latest round), its provenance as the source, and a national publication beside an official
 * value named too — so the brief and every public page say the same.
 */
export async function briefResults(
  context: Pick<AppContext, 'db' | 'geography'>,
  area: string,
  year?: number,
): Promise<BriefResults & { found: boolean }> {
  const all = await countryResults(context, { area });
  const round = year ?? all.at(-1)?.year;
  const shown = all.filter((result) => result.year === round);
  const result = shown[0];
  const beside =
    result?.official && result.national
      ? `; beside it: ${result.national.provenance.label}${result.differs ? ' (differs)' : ' (agrees)'}`
      : '';
  const results = resultsFromObservations(
    shownObservations(shown).map((entry) => entry.observation),
    area,
    {
      ...(round !== undefined ? { year: round } : {}),
      ...(result ? { source: `${result.value.provenance.label}${beside}` } : { source: 'no 10.7.2 result' }),
    },
  );
  return { ...results, found: result !== undefined };
}

/** Brief routes under /api/v1. */
export const briefRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = app.migov;

  app.post(
    '/briefs',
    {
      config: BRIEF_AUTHORS,
      schema: {
        tags: ['briefs'],
        summary:
          'Generate a Cooperation Framework brief for a country and round from the published 10.7.2 data (stored as version 1)',
        description: AUTHORS_TEXT,
        body: briefGenerateRequestSchema,
        response: { 201: briefSchema },
      },
    },
    async (request, reply) => {
      const area = context.geography.findArea(request.body.area);
      if (!area || area.kind !== 'country')
        throw new ApiError(
          'invalid-input',
          `area ${JSON.stringify(request.body.area)} is not a country (use an M49 or ISO 3166-1 code)`,
          { problems: [{ field: 'area', value: request.body.area, message: 'must be a country' }] },
        );
      const principal = requireAuthor(request, area.code);
      const round = request.body.round;
      const { found, ...results } = await briefResults(context, area.code, round);
      if (round !== undefined && !found) {
        throw new ApiError('invalid-input', `no published 10.7.2 results for ${area.name} in ${round}`, {
          problems: [{ field: 'round', value: round, message: 'no published results for this country in this round' }],
        });
      }
      const at = context.now().toISOString();
      let document: BriefDocument;
      try {
        const { crosswalk, registry } = await loadBriefReferenceData(context.db);
        const mgi = await publishedMgiForBrief(context, area.code);
        document = generateBrief({
          area: area.code,
          results,
          crosswalk,
          registry,
          ...(mgi ? { mgi } : {}),
          ...(request.body.checklist ? { checklist: request.body.checklist } : {}),
          generatedAt: at,
          generatedBy: principal.userId,
        });
      } catch (error) {
        if (error instanceof BriefInputError)
          throw new ApiError('invalid-input', error.message, {
            problems: [{ field: error.field, message: error.message }],
          });
        throw error;
      }
      const first = document.versions[0];
      if (!first) throw new Error('generateBrief returned no version');
      const stored = await createBrief(
        context.db,
        {
          area: area.code,
          ...(results.year !== undefined ? { year: results.year } : {}),
          version: {
            change: first.change,
            description: first.description,
            content: first.content,
            createdAt: first.createdAt,
          },
        },
        principal.userId,
      );
      return reply
        .code(201)
        .header('location', `/api/v1/briefs/${stored.id}`)
        .header('etag', versionEtag(1))
        .send(briefView(stored));
    },
  );

  app.get(
    '/briefs',
    {
      config: BRIEF_AUTHORS,
      schema: {
        tags: ['briefs'],
        summary: 'The briefs you may work on (newest first), optionally of one country',
        description: AUTHORS_TEXT,
        querystring: z.object({ area: z.string().min(1).max(10).optional().describe('M49 or ISO 3166-1 code') }),
        response: { 200: z.object({ items: z.array(briefSummarySchema) }) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const code = request.query.area;
      const area = code === undefined ? undefined : context.geography.findArea(code);
      if (code !== undefined && !area)
        throw new ApiError('not-found', `no area ${code} (use an M49 or ISO 3166-1 code)`);
      const briefs = await listBriefs(context.db, area ? { area: area.code } : {});
      const visible = briefs.filter((brief) =>
        isAllowed(principal.grants, 'brief:write', context.geography, brief.area),
      );
      return { items: visible };
    },
  );

  app.get(
    '/briefs/:id',
    {
      config: BRIEF_AUTHORS,
      schema: {
        tags: ['briefs'],
        summary: 'A brief with all its versions, oldest first',
        description: AUTHORS_TEXT,
        params: idParams,
        response: { 200: briefSchema },
      },
    },
    async (request, reply) => {
      const view = briefView((await loadBrief(request, request.params.id)).brief);
      return reply.header('etag', versionEtag(view.latestVersion)).send(view);
    },
  );

  app.get(
    '/briefs/:id/versions/:file',
    {
      config: BRIEF_AUTHORS,
      schema: {
        tags: ['briefs'],
        summary: 'One version of a brief as Markdown, PDF or DOCX (`<n>.md`, `<n>.pdf`, `<n>.docx`)',
        description: AUTHORS_TEXT,
        params: idParams.extend({
          file: z
            .string()
            .regex(/^[1-9]\d{0,5}\.(md|pdf|docx)$/, 'expected <version>.md, <version>.pdf or <version>.docx'),
        }),
        response: { 200: briefFileAnswer },
      },
    },
    async (request, reply) => {
      const { brief } = await loadBrief(request, request.params.id);
      const [number, format] = request.params.file.split('.') as [string, keyof typeof MEDIA_TYPES];
      const stored = brief.versions.find((version) => version.version === Number(number));
      if (!stored)
        throw new ApiError(
          'not-found',
          `brief ${brief.id} has no version ${number} (latest: ${brief.versions.at(-1)?.version ?? 0})`,
        );
      const version = toBriefVersion(stored);
      const body =
        format === 'md'
          ? renderBriefMarkdown(version)
          : format === 'pdf'
            ? Buffer.from(await renderBriefPdf(version))
            : Buffer.from(await renderBriefDocx(version));
      return reply
        .header('content-type', MEDIA_TYPES[format])
        .header(
          'content-disposition',
          attachmentDisposition(`migov-brief-${brief.area}-${brief.year ?? 'latest'}-v${version.version}.${format}`),
        )
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );

  app.post(
    '/briefs/:id/regenerate',
    {
      config: BRIEF_AUTHORS,
      schema: {
        tags: ['briefs'],
        summary:
          "Regenerate a brief's facts (results, gaps, processes) from the published data of its round as a new version, keeping every edit; needs If-Match (the brief's ETag, its latest version); 409 when another version came first",
        description: AUTHORS_TEXT,
        params: idParams,
        headers: ifMatchHeaders,
        response: { 200: briefSchema },
      },
    },
    async (request, reply) => {
      const { brief, principal } = await loadBrief(request, request.params.id);
      const expectedVersion = requireIfMatch(request, '/briefs/{id}');
      const latest = brief.versions.at(-1);
      if (!latest || latest.version !== expectedVersion)
        throw new ApiError('edit-conflict', `the brief is at version ${latest?.version ?? 0}, not ${expectedVersion}`, {
          current: briefView(brief),
        });
      const { found: _found, ...results } = await briefResults(context, brief.area, brief.year);
      // The checklist is what people know, not a fact from the data: carry the latest one forward.
      const checklist = Object.fromEntries(
        (latest.content as BriefContent).checklist.map((item) => [
          item.element,
          { status: item.status, ...(item.note ? { note: item.note } : {}) },
        ]),
      );
      const { crosswalk, registry } = await loadBriefReferenceData(context.db);
      const mgi = await publishedMgiForBrief(context, brief.area);
      const regenerated = regenerateBrief(
        toDocument(brief),
        { area: brief.area, results, checklist, crosswalk, registry, ...(mgi ? { mgi } : {}) },
        { actor: principal.userId, at: context.now().toISOString(), expectedVersion },
      );
      const fresh = regenerated.versions.at(-1);
      if (!fresh) throw new Error('regenerateBrief returned no version');
      try {
        const stored = await appendBriefVersion(
          context.db,
          {
            briefId: brief.id,
            expectedVersion,
            version: {
              change: fresh.change,
              description: fresh.description,
              content: fresh.content,
              createdAt: fresh.createdAt,
            },
          },
          principal.userId,
        );
        return reply.header('etag', versionEtag(stored.versions.at(-1)?.version ?? 0)).send(briefView(stored));
      } catch (error) {
        if (error instanceof ConflictError)
          throw new ApiError('edit-conflict', error.message, { current: briefView(error.current as StoredBrief) });
        throw error;
      }
    },
  );

  app.put(
    '/briefs/:id',
    {
      config: BRIEF_AUTHORS,
      schema: {
        tags: ['briefs'],
        summary:
          "Edit a brief: appends a new version; needs If-Match (the brief's ETag, its latest version); 409 with the latest in `current` when another version came first",
        description: AUTHORS_TEXT,
        params: idParams,
        headers: ifMatchHeaders,
        body: briefEditRequestSchema,
        response: { 200: briefSchema },
      },
    },
    async (request, reply) => {
      const { brief, principal } = await loadBrief(request, request.params.id);
      const expectedVersion = requireIfMatch(request, '/briefs/{id}');
      const { description, edit } = request.body;
      let edited: BriefDocument;
      try {
        edited = editBrief(toDocument(brief), edit, {
          actor: principal.userId,
          at: context.now().toISOString(),
          expectedVersion,
          description,
        });
      } catch (error) {
        if (error instanceof BriefConflictError)
          throw new ApiError('edit-conflict', error.message, { current: briefView(brief) });
        if (error instanceof BriefInputError)
          throw new ApiError('invalid-input', error.message, {
            problems: [{ field: error.field, message: error.message }],
          });
        throw error;
      }
      const latest = edited.versions.at(-1);
      if (!latest) throw new Error('editBrief returned no version');
      try {
        const stored = await appendBriefVersion(
          context.db,
          {
            briefId: brief.id,
            expectedVersion,
            version: {
              change: latest.change,
              description: latest.description,
              content: latest.content,
              createdAt: latest.createdAt,
            },
          },
          principal.userId,
        );
        return reply.header('etag', versionEtag(stored.versions.at(-1)?.version ?? 0)).send(briefView(stored));
      } catch (error) {
        if (error instanceof ConflictError)
          throw new ApiError('edit-conflict', error.message, { current: briefView(error.current as StoredBrief) });
        throw error;
      }
    },
  );
};
