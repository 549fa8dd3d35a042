/**
 * Crosswalks as public data (MiGOF, 10.7.2 domains, MGI dimensions, GCM objectives, SDG targets), and a
 * country's gaps: the 10.7.2 domains where its latest published result is below "meets", with the GCM
 * objectives and SDG targets they map to. Editorial links are labelled as such wherever they appear.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  addCrosswalkLink,
  CrosswalkLinkNotFoundError,
  EDITORIAL_LABEL,
  formatCrosswalkCsv,
  getCrosswalkLink,
  mapDomainGap,
  newCrosswalkLinkSchema,
  replaceCrosswalkLink,
  retireCrosswalkLink,
  SDG_10_7_2_DOMAIN_CODES,
  type Crosswalk,
  type CrosswalkEditResult,
  type CrosswalkLink,
  type LinkBasis,
  type Observation,
} from '@migov/core';
import { loadCrosswalk } from '@migov/db';
import { countryResults, shownObservations } from '../public-data/results-service.ts';
import { ApiError } from '../errors/api-error.ts';
import { PUBLIC, requirePrincipal } from '../http/route-kit.ts';
import { etagOf, sendCached } from '../http/etag.ts';
import {
  editFields,
  editHeaders,
  EDITORS_TEXT,
  expectVersion,
  GOVERNANCE_EDITORS,
  historyAnswer,
  invalidEdit,
  storeEdit,
  versionView,
  withEditorsByRole,
} from './crosswalks-and-partnerships.editing.ts';
import {
  areaGapsSchema,
  crosswalkAnswer,
  crosswalkLinkSchema,
  crosswalkSchema,
  documentHistorySchema,
  editAnswerOf,
} from './governance-answers.schema.ts';
import { cachedAnswers, jsonAnswer } from '../public-data/public-answers.schema.ts';

const linkEditAnswer = editAnswerOf({ link: crosswalkLinkSchema });

/** The wording shown beside a link of each basis. */
function basisLabel(basis: LinkBasis): string {
  return basis === 'editorial' ? EDITORIAL_LABEL : 'sourced';
}

function linkView(link: CrosswalkLink) {
  return { ...link, basisLabel: basisLabel(link.basis) };
}

/** The 10.7.2 categories below "meets": 1 (requires further progress) and 2 (partially meets). */
const GAP_CATEGORIES = new Set([1, 2]);

/** The gaps of one area in one round of published observations, mapped through a crosswalk (the stored one on the platform). */
function areaGaps(observations: readonly Observation[], area: string, year: number | undefined, crosswalk: Crosswalk) {
  const own = observations.filter((entry) => entry.series === 'SG_CPA_MIGRS' && entry.area === area);
  const round =
    year ??
    own.reduce<number | undefined>(
      (latest, entry) => (latest === undefined || entry.year > latest ? entry.year : latest),
      undefined,
    );
  const inRound = own.filter((entry) => entry.year === round);
  const domains = SDG_10_7_2_DOMAIN_CODES.map((domain) => ({
    domain,
    value: inRound.find((entry) => entry.domain === domain)?.value ?? null,
  }));
  const gaps = domains
    .filter((entry) => typeof entry.value === 'number' && GAP_CATEGORIES.has(entry.value))
    .map((entry) => {
      const mapping = mapDomainGap(crosswalk, entry.domain);
      return {
        ...mapping,
        category: entry.value,
        gcmObjectives: mapping.gcmObjectives.map((objective) => ({
          ...objective,
          basisLabel: basisLabel(objective.basis),
        })),
        sdgTargets: mapping.sdgTargets.map((target) => ({ ...target, basisLabel: basisLabel(target.basis) })),
      };
    });
  return { year: round ?? null, domains, gaps };
}

const linkParams = z.object({ id: z.string().min(1).max(200) });

/** Public crosswalk routes, and their editing by administrators and global analysts, under /api/v1. */
export const crosswalkRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = app.migov;
  const cache = context.publicCache;

  app.get(
    '/crosswalks',
    {
      config: PUBLIC,
      schema: {
        tags: ['governance'],
        summary:
          'Crosswalk links between MiGOF, 10.7.2 domains, MGI dimensions, GCM objectives and SDG targets (JSON, or CSV with formula-safe cells)',
        querystring: z.object({
          format: z.enum(['json', 'csv']).default('json'),
          status: z.enum(['active', 'all']).default('active').describe('all: retired links too (JSON only)'),
        }),
        response: cachedAnswers(crosswalkAnswer),
      },
    },
    async (request, reply) => {
      const { format, status } = request.query;
      if (format === 'csv') {
        if (status === 'all')
          throw new ApiError(
            'invalid-input',
            'status=all is JSON only: the CSV table holds the active links, as administrators edit them',
          );
        const body = await cache.get('crosswalk:csv', async () => {
          const csv = formatCrosswalkCsv((await loadCrosswalk(context.db)).content);
          return { body: csv, etag: etagOf(csv), contentType: 'text/csv; charset=utf-8' };
        });
        return sendCached(request, reply, body, {
          'content-disposition': 'attachment; filename="migov-crosswalk.csv"',
        });
      }
      const body = await cache.get(`crosswalk:json:${status}`, async () => {
        const stored = await loadCrosswalk(context.db);
        return jsonAnswer(crosswalkSchema, {
          version: stored.version,
          editorialLabel: EDITORIAL_LABEL,
          items: await withEditorsByRole(
            context,
            stored.content.links.filter((link) => status === 'all' || link.status === 'active').map(linkView),
          ),
        });
      });
      return sendCached(request, reply, body);
    },
  );

  app.get(
    '/areas/:code/gaps',
    {
      config: PUBLIC,
      schema: {
        tags: ['governance'],
        summary:
          'A country\'s 10.7.2 domains below "meets" in a round (the value the results service shows, with its provenance), mapped to GCM objectives and SDG targets (editorial links labelled)',
        params: z.object({ code: z.string().min(1).max(40) }),
        querystring: z.object({
          year: z.coerce
            .number()
            .int()
            .min(2000)
            .max(2100)
            .optional()
            .describe('Round; default the latest with published data'),
        }),
        response: cachedAnswers(areaGapsSchema),
      },
    },
    async (request, reply) => {
      const area = context.geography.findArea(request.params.code);
      if (!area)
        throw new ApiError(
          'not-found',
          `no area ${request.params.code} (use an M49 code, ISO alpha-2/alpha-3 code or group id)`,
        );
      const { year } = request.query;
      const body = await cache.get(`gaps:${area.code}:${year ?? ''}`, async () => {
        const results = await countryResults(context, { area: area.code });
        const gaps = areaGaps(
          shownObservations(results).map((entry) => entry.observation),
          area.code,
          year,
          (await loadCrosswalk(context.db)).content,
        );
        const shown = results.find((result) => result.year === gaps.year);
        return jsonAnswer(areaGapsSchema, {
          area: { code: area.code, name: area.name },
          source: shown?.value.provenance.label ?? 'no 10.7.2 result',
          provenance: shown?.value.provenance ?? null,
          containsDemo: shown?.value.provenance.kind === 'demo',
          /** A national publication beside the official value, when there is one (labelled, never the gaps' basis). */
          national: shown && shown.official && shown.national ? shown.national : null,
          editorialLabel: EDITORIAL_LABEL,
          ...gaps,
        });
      });
      return sendCached(request, reply, body);
    },
  );
  app.get(
    '/crosswalks/history',
    {
      config: PUBLIC,
      schema: {
        tags: ['governance'],
        summary: 'Every version of the crosswalk, newest first, with the description, source and change of each edit',
        response: { 200: documentHistorySchema },
      },
    },
    async (_request, reply) => historyAnswer(context, reply, 'crosswalk'),
  );

  /** Apply a core edit to the stored crosswalk and store it. */
  async function editCrosswalk(
    request: FastifyRequest,
    source: string,
    edit: (crosswalk: Crosswalk, actor: string, at: string) => CrosswalkEditResult,
    describe: (link: CrosswalkLink) => string,
    change: string,
  ) {
    const principal = requirePrincipal(request);
    const stored = await loadCrosswalk(context.db);
    const expectedVersion = expectVersion(request, stored);
    let result: CrosswalkEditResult;
    try {
      result = edit(stored.content, principal.userId, context.now().toISOString());
    } catch (error) {
      if (error instanceof CrosswalkLinkNotFoundError) throw new ApiError('not-found', error.message);
      throw error;
    }
    if (!result.ok) throw invalidEdit('the crosswalk edit is refused', result.problems);
    const saved = await storeEdit(context, principal, {
      name: 'crosswalk',
      expectedVersion,
      content: result.crosswalk,
      description: describe(result.link),
      source,
      change: { type: change, link: result.link },
    });
    return { ...versionView(saved), link: linkView(result.link) };
  }

  const nodeText = (link: CrosswalkLink) => `${link.from.kind} ${link.from.id} - ${link.to.kind} ${link.to.id}`;

  app.post(
    '/crosswalks/links',
    {
      config: GOVERNANCE_EDITORS,
      schema: {
        tags: ['governance'],
        summary: 'Add a crosswalk link (sourced links name their source; editorial ones are labelled as such)',
        description: EDITORS_TEXT,
        headers: editHeaders,
        body: z.object({ ...editFields, link: newCrosswalkLinkSchema }).strict(),
        response: { 201: linkEditAnswer },
      },
    },
    async (request, reply) => {
      const { source, link } = request.body;
      const body = await editCrosswalk(
        request,
        source,
        (crosswalk, actor, at) => addCrosswalkLink(crosswalk, link, { actor, at }),
        (added) => `Added ${nodeText(added)}`,
        'add-link',
      );
      return reply.code(201).send(body);
    },
  );

  app.put(
    '/crosswalks/links/:id',
    {
      config: GOVERNANCE_EDITORS,
      schema: {
        tags: ['governance'],
        summary: 'Replace a link: the old one is retired with the reason, the new one records what it replaces',
        description: EDITORS_TEXT,
        headers: editHeaders,
        params: linkParams,
        body: z
          .object({ ...editFields, reason: z.string().trim().min(1).max(2_000), link: newCrosswalkLinkSchema })
          .strict(),
        response: { 200: linkEditAnswer },
      },
    },
    async (request) => {
      const { source, reason, link } = request.body;
      return editCrosswalk(
        request,
        source,
        (crosswalk, actor, at) => {
          getCrosswalkLink(crosswalk, request.params.id);
          return replaceCrosswalkLink(crosswalk, request.params.id, link, { actor, at, reason });
        },
        (added) => `Replaced ${request.params.id} by ${nodeText(added)}: ${reason}`,
        'replace-link',
      );
    },
  );

  app.post(
    '/crosswalks/links/:id/retire',
    {
      config: GOVERNANCE_EDITORS,
      schema: {
        tags: ['governance'],
        summary: 'Retire a link with a reason (it stays in the table as retired)',
        description: EDITORS_TEXT,
        headers: editHeaders,
        params: linkParams,
        body: z.object({ ...editFields, reason: z.string().trim().min(1).max(2_000) }).strict(),
        response: { 200: linkEditAnswer },
      },
    },
    async (request) => {
      const { source, reason } = request.body;
      return editCrosswalk(
        request,
        source,
        (crosswalk, actor, at) => {
          getCrosswalkLink(crosswalk, request.params.id);
          return retireCrosswalkLink(crosswalk, request.params.id, { actor, at, reason });
        },
        (retired) => `Retired ${nodeText(retired)}: ${reason}`,
        'retire-link',
      );
    },
  );
};
